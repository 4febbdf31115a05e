"""Does this piece of text name an OIT item? By number (O12, o๑๒, ๐๑๒, ข้อ 12) or by title.

Numbers win over titles: a table row that starts with "O12" belongs to O12 whatever else it says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from checker.extract.thai import compact as _compact
from checker.extract.thai import normalise as _normalise
from checker.models import Link
from checker.rules.schema import Item, RulePack

# The same anchor texts and rows are asked about for each of the 43 items, on every page that repeats the
# menu: normalising them once is what keeps judging a large site fast (bench/crawl_bench.py).
compact = lru_cache(maxsize=200_000)(_compact)
normalise = lru_cache(maxsize=200_000)(_normalise)

# Text is normalised first, so Thai digits are Arabic and "o๑๒" reads "o12". "0" stands in for "O" on
# many sites ("012"). A date such as "01/10/2566" must not read as O1.
_ID_AT_START = re.compile(
    r"^\W{0,3}(?:(?:(?<![mM])[oO](?:it|IT)?|โอ)\s?[.\-]?\s?0*(\d{1,2})|0{1,2}([1-9]\d?)|ข้อ(?:ที่)?\s?0*(\d{1,2}))(?![\d/:.,\-]?\d)"
)
_YEAR_IN_TITLE = re.compile(r"(?:พ\.?ศ\.?)?25\d\d(?:[-–]25\d\d|[-–]\d\d)?")
_ITA_WORDS = ("ita", "oit", "การเปิดเผยข้อมูลสาธารณะ", "คุณธรรมและความโปร่งใส", "เปิดเผยข้อมูล")
# Words an anchor is made of when it names nothing ("ดาวน์โหลดเอกสาร", "รายละเอียดเพิ่มเติม", "คลิกดูไฟล์ PDF"):
# an anchor of these words only is generic, and its row says what the link is.
GENERIC_ANCHORS = (
    "เปิดอ่าน", "เปิดดู", "เปิด", "คลิ๊ก", "คลิก", "กด", "ดาวน์โหลด", "ดาวโหลด", "ดาวน์โหลด", "รายละเอียด", "เพิ่มเติม",
    "อ่านต่อ", "อ่าน", "ต่อ", "ดู", "ข้อมูล", "ที่นี่", "นี่", "ลิงก์", "ลิงค์", "ไฟล์", "เอกสาร", "แนบ", "ฉบับเต็ม",
    "ทั้งหมด", "หลักฐาน", "link", "pdf", "docx", "doc", "xlsx", "xls", "download", "more", "view", "file", "here",
    "click", "read", "detail", "details", "kb", "mb",
)  # fmt: skip


LOOSE_TITLE_CHARS = 15  # shorter titles ("แผนพัฒนา", "ข่าวสาร") match only as written
LOOSE_TITLE_WORDS = 3
LOOSE_GAP_CHARS = 12  # at most this much between two words of a title ("และแนวทาง")
LOOSE_EDGE = 3  # letters of a title's start and end that must be in a text it loosely names
EMBED_TAGS = frozenset({"iframe", "embed", "object"})
GAP_MARK = "…"  # in a rule-pack title: the parts around it may stand apart, in this order
GAP_CHARS = 80


# Where a title's words begin, without a dictionary: Thai noun phrases are built from nominalised verbs
# ("การบริหาร", "ความเสี่ยง") joined by a few connectives, around a handful of report and plan words
# ("แผน", "ผล", "รายงาน", "ดำเนิน"). Segmenting with pythainlp would be finer, but its
# dictionary costs 0.5-0.9 s and ~75 MB in every check (docs/benchmarks.md); titles only need these cuts.
_WORD_STARTS = re.compile(r"(?=การ|ความ|และ|หรือ|ของ|ตาม|เพื่อ|ประจำ|ที่|แผน|ผล(?!ิต)|รายงาน|ป้องกัน|ปฏิบัติ|ดำเนิน|รอบ)")


@lru_cache(maxsize=4096)
def title_words(title: str) -> list[str]:
    """A title cut where its words begin, every word kept: in a title the small words decide ("ตามมาตรการ…"
    reports what was done under the measures that "มาตรการ…" plans)."""
    return [w for w in _WORD_STARTS.split(compact(title)) if w]


@lru_cache(maxsize=4096)
def loose_pattern(title: str) -> re.Pattern[str] | None:
    words = title_words(title)
    if len(words) < LOOSE_TITLE_WORDS:
        return None
    return re.compile(f".{{0,{LOOSE_GAP_CHARS}}}?".join(re.escape(w) for w in words), re.I)


def item_number_at_start(text: str) -> int | None:
    m = _ID_AT_START.match(normalise(text))
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")
_GENERIC_WORDS = re.compile(
    "|".join(re.escape(compact(g)) for g in sorted(GENERIC_ANCHORS, key=len, reverse=True)) + r"|[\W\d_]+",
    re.IGNORECASE,
)


@lru_cache(maxsize=200_000)
def is_generic_anchor(text: str) -> bool:
    """Anchor text that names nothing: "เปิด", "ดาวน์โหลดเอกสาร", "รายละเอียดเพิ่มเติม", a file name, an icon."""
    c = compact(text).rstrip(".")
    if not c or len(c) <= 3 or (not _THAI_LETTER.search(c) and len(c) < 40):
        return True
    return len(c) <= 40 and not _GENERIC_WORDS.sub("", c)


_QUOTES = re.compile(r"[\"'“”‘’«»`]")


def title_key(text: str) -> str:
    """The compact text without quotation marks: "สร้างวัฒนธรรม “No Gift Policy”" is "…NoGiftPolicy"."""
    return _QUOTES.sub("", compact(text))


@lru_cache(maxsize=200_000)
def _title_forms(text: str) -> tuple[str, str]:
    """The compact text, and the same without years: "…ทุจริต ประจำปี 2567 รอบ 6 เดือน" names the item whose
    title runs "…ทุจริตประจำปีรอบ6เดือน"."""
    c = title_key(text)
    return c, _YEAR_IN_TITLE.sub("", c)


@dataclass(frozen=True)
class ItemMatcher:
    item: Item

    @cached_property
    def _titles(self) -> tuple[str, ...]:
        phrases = (self.item.title.th, *self.item.recognise.titles)
        return tuple(dict.fromkeys(title_key(p) for p in phrases if title_key(p) and GAP_MARK not in p))

    @cached_property
    def _gapped_titles(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """Titles written "เจตนารมณ์…No Gift": their parts in this order, anything up to GAP_CHARS between —
        "ประกาศ… เรื่อง เจตนารมณ์ “งดรับ งดให้” ของขวัญ…(No Gift Policy)". With each, its longest part: a cheap
        test before the pattern."""
        gap = f".{{0,{GAP_CHARS}}}?"
        out = []
        for p in self.item.recognise.titles:
            if GAP_MARK in p:
                parts = [title_key(part) for part in p.split(GAP_MARK)]
                out.append((max(parts, key=len), re.compile(gap.join(re.escape(x) for x in parts), re.I)))
        return tuple(out)

    @cached_property
    def _excludes(self) -> tuple[str, ...]:
        return tuple(title_key(x) for x in self.item.recognise.exclude)

    @cached_property
    def _url_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in self.item.recognise.url_patterns)

    def by_number(self, text: str) -> bool:
        return item_number_at_start(text) == self.item.number

    @cached_property
    def _long_titles(self) -> tuple[str, ...]:
        return tuple(t for t in self._titles if len(t) >= LOOSE_TITLE_CHARS)

    def _loosely(self, bare: str) -> bool:
        """A long title as its words in order, a few characters apart: "หลักเกณฑ์การบริหารและพัฒนา
        ทรัพยากรบุคคล" is also written "หลักเกณฑ์และแนวทางการบริหารและพัฒนาทรัพยากรบุคคล". The title's first and
        last letters must be in the text before its words are looked at (segmenting loads a dictionary)."""
        for title in self._long_titles:
            if title[:LOOSE_EDGE] in bare and title[-LOOSE_EDGE:] in bare:
                pattern = loose_pattern(title)
                if pattern is not None and pattern.search(bare):
                    return True
        return False

    def by_title(self, text: str) -> bool:
        c, bare = _title_forms(text)
        if not c:
            return False
        if (
            not any(t in c or t in bare for t in self._titles)
            and not self._loosely(bare)
            and not any(key in bare and pattern.search(bare) for key, pattern in self._gapped_titles)
        ):
            return False
        return not any(x in c for x in self._excludes)

    def excluded(self, text: str) -> bool:
        c = title_key(text)
        return any(x in c for x in self._excludes)

    def names(self, text: str) -> bool:
        return self.by_number(text) or self.by_title(text)

    def by_url(self, url: str) -> bool:
        return any(p.search(url) for p in self._url_patterns)


class TitleIndex:
    """Which items a text names by title, for all items in one pass: ItemMatcher.by_title for each of them.

    A large site has ~10,000 distinct anchors, rows and headings, and the pack ~1,400 titles: asking every
    matcher in turn made 9 million substring tests (evaluate() of the 5,467-page bench site, docs/benchmarks.md).
    Each title is filed under its first two letters (a loose title under its first three, a gapped one under
    its key part's first two), so a text is compared only with the titles that start with letter pairs it has.
    """

    def __init__(self, matchers: Sequence[ItemMatcher]) -> None:
        self._matchers = {m.item.id: m for m in matchers}
        self._exact: dict[str, list[tuple[str, str]]] = {}
        self._loose: dict[str, list[tuple[str, str]]] = {}
        self._gapped: dict[str, list[tuple[str, re.Pattern[str], str]]] = {}
        for m in matchers:
            item_id = m.item.id
            for t in m._titles:
                self._exact.setdefault(t[:2] if len(t) > 1 else "", []).append((t, item_id))
            for t in m._long_titles:
                self._loose.setdefault(t[:LOOSE_EDGE], []).append((t, item_id))
            for key, pattern in m._gapped_titles:
                self._gapped.setdefault(key[:2] if len(key) > 1 else "", []).append((key, pattern, item_id))

    def items(self, text: str) -> frozenset[str]:
        c, bare = _title_forms(text)
        if not c:
            return frozenset()
        pairs = {c[i : i + 2] for i in range(len(c) - 1)} | {bare[i : i + 2] for i in range(len(bare) - 1)}
        pairs.add("")  # one-letter titles, if a pack has any, are tried on every text
        found = {i for key in pairs & self._exact.keys() for t, i in self._exact[key] if t in c or t in bare}
        triples = {bare[i : i + LOOSE_EDGE] for i in range(len(bare) - LOOSE_EDGE + 1)}
        for key in triples & self._loose.keys():
            for title, item_id in self._loose[key]:
                if item_id not in found and title[-LOOSE_EDGE:] in bare:
                    pattern = loose_pattern(title)
                    if pattern is not None and pattern.search(bare):
                        found.add(item_id)
        for key in pairs & self._gapped.keys():
            for part, pattern, item_id in self._gapped[key]:
                if item_id not in found and part in bare and pattern.search(bare):
                    found.add(item_id)
        return frozenset(i for i in found if not any(x in c for x in self._matchers[i]._excludes))


# "O12" inside a row rather than at its start: ITA tables often lead with a sub-indicator column
# ("ข้อมูลพื้นฐาน | O1 | โครงสร้าง | เปิด") or a running number ("1 | O1 | …").
_ID_IN_ROW = re.compile(r"(?<![A-Za-z0-9])[oO](?:it|IT)?\s?[.\-]?\s?0*([1-9]\d?)(?![\d/:.,\-]?\d)")
MAX_ROW_CHARS = 300


def row_number(context: str) -> int | None:
    """The item a table row or list item is about: its number at the start, else the one O-number inside it
    (a row naming two items claims neither)."""
    at_start = item_number_at_start(context)
    if at_start or len(context) > MAX_ROW_CHARS:
        return at_start
    numbers = {int(n) for n in _ID_IN_ROW.findall(normalise(context))}
    return numbers.pop() if len(numbers) == 1 else None


def link_item_numbers(link: Link) -> set[int]:
    """Numbers named at the start of a link's text or in its row: an explicit claim on the link."""
    found = {n for n in (item_number_at_start(link.text), row_number(link.context)) if n}
    return found


def link_strengths(
    matchers: Sequence[ItemMatcher], link: Link, titled: Callable[[str], frozenset[str]] | None = None
) -> tuple[tuple[str, int], ...]:
    """How strongly a link points at each item: 3 numbered row/anchor, 2 title in anchor or row (or the
    item's URL pattern); items it does not point at are left out. `titled` (text -> items its words name)
    may be a memo shared across links."""
    numbers = link_item_numbers(link)
    if numbers:
        return tuple((m.item.id, 3) for m in matchers if m.item.number in numbers)
    if titled is None:

        def titled(text: str) -> frozenset[str]:
            return frozenset(m.item.id for m in matchers if m.by_title(text))

    # The anchor says "เปิด" or a file name: the row names the item. A frame's "row" is the page around it.
    generic = is_generic_anchor(link.text) and link.tag not in EMBED_TAGS
    named = titled(link.text) | (titled(link.context) if generic and link.context else frozenset())
    return tuple(
        (m.item.id, 2)
        for m in matchers
        if m.item.id in named or (link.url and m.item.recognise.url_patterns and m.by_url(link.url))
    )


def priority_hint(pack: RulePack) -> Callable[[Link], int]:
    """For the crawler: fetch first what looks like an ITA page or an item's evidence."""
    titles = TitleIndex([ItemMatcher(i) for i in pack.items])
    ita = tuple(compact(w) for w in _ITA_WORDS)

    def hint(link: Link) -> int:
        if link_item_numbers(link):
            return 3
        generic = is_generic_anchor(link.text)
        c = compact(link.text) + ("|" + compact(link.context) if generic else "")
        if any(w in c for w in ita):
            return 3
        if titles.items(link.text):
            return 2
        if is_generic_anchor(link.text) and titles.items(link.context):
            return 2
        return 0

    return hint
