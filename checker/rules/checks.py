"""Element checks: one small pure function per check kind, registered in one explicit table.

A check looks at one piece of evidence and answers found (with a snippet), not found, or unknown (None)
when the evidence cannot be read by machine. Aggregating over all evidence of an item is the evaluator's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from checker.extract.thai import compact
from checker.models import EvidenceUnit, ResourceKind
from checker.rules import schema, structure, tolerant, words

SNIPPET_CHARS = 60


@dataclass(frozen=True)
class Hit:
    snippet: str
    pos: int | None = None  # where in the evidence text it was found (for a document's page number)


Outcome = Hit | bool | None  # Hit: found; False: looked and not found; None: could not look

CheckFn = Callable[[Any, EvidenceUnit], Outcome]


@lru_cache(maxsize=512)
def _compact_text(text: str) -> str:
    return compact(text)


@lru_cache(maxsize=4096)
def _spaced_pattern(keyword: str) -> re.Pattern[str]:
    """The keyword as it may appear in normal text: any single space may sit between its characters."""
    chars = compact(keyword)
    return re.compile(r"\s?".join(re.escape(c) for c in chars), re.IGNORECASE)


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def snippet_at(text: str, start: int, end: int) -> str:
    lo = max(0, start - SNIPPET_CHARS)
    hi = min(len(text), end + SNIPPET_CHARS)
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def keyword_hit(text: str, keyword: str) -> Hit:
    m = _spaced_pattern(keyword).search(text)
    return Hit(snippet_at(text, m.start(), m.end()), m.start()) if m else Hit(keyword)


@lru_cache(maxsize=100_000)
def _compact_short(text: str) -> str:
    return compact(text)


SHORT_TEXT = 1000  # anchors, rows, keywords: many, repeated, small; page texts: few, large


def contains(text: str, keyword: str) -> bool:
    """Thai-aware containment: both sides normalised, case and spaces ignored."""
    if not keyword:
        return False
    haystack = _compact_short(text) if len(text) < SHORT_TEXT else _compact_text(text)
    return _compact_short(keyword) in haystack


def check_keywords(spec: schema.KeywordsCheck, ev: EvidenceUnit) -> Outcome:
    if not ev.readable:
        return None
    hits = [k for k in spec.any if contains(ev.text, k)]
    if len(hits) >= spec.min:
        return keyword_hit(ev.text, hits[0])
    tolerant = spec.tolerant and ev.ocr
    # Not in the text, but perhaps in a picture the page shows and nobody read (an org chart as an image).
    absent: Outcome = None if spec.in_pictures and _unread_picture(ev) else False
    if not (spec.near or tolerant):
        return absent
    # Only now, and only for the keywords not found as written: words near each other, then OCR damage.
    others: list[Hit] = []
    for k in spec.any:
        if k in hits:
            continue
        hit = _near_hit(ev.text, k, spec.near) if spec.near else None
        if hit is None and tolerant:
            hit = _tolerant_hit(ev.text, k)
        if hit is not None:
            others.append(hit)
            if len(hits) + len(others) >= spec.min:
                return keyword_hit(ev.text, hits[0]) if hits else others[0]
    return absent


def _unread_picture(ev: EvidenceUnit) -> bool:
    """A page (HTML: its pictures are not read by OCR) that shows a content picture, not a logo, an icon or a
    person's photo (named by the person: it holds no words)."""
    return ev.kind is ResourceKind.HTML and any(
        not _NOT_CONTENT.search(f"{im.src} {im.alt}") and not _PORTRAIT.match(im.alt) for im in ev.images
    )


def _near_hit(text: str, keyword: str, window: int) -> Hit | None:
    span = words.find(text, keyword, window)
    return Hit(f"{snippet_at(text, *span)} (≈ {keyword})", span[0]) if span else None


def _tolerant_hit(text: str, keyword: str) -> Hit | None:
    span = tolerant.find(text, keyword)
    return Hit(f"{snippet_at(text, *span)} (OCR ≈ {keyword})", span[0]) if span else None


def check_pattern(spec: schema.PatternCheck, ev: EvidenceUnit) -> Outcome:
    if not ev.readable:
        return None
    for p in spec.patterns:
        m = _regex(p).search(ev.text)
        if m:
            return Hit(snippet_at(ev.text, m.start(), m.end()), m.start())
    return False


_NOT_CONTENT = re.compile(
    r"logo|icon|banner|button|btn|arrow|bullet|spacer|social|facebook|youtube|twitter|instagram|tiktok|qr[-_]?code",
    re.I,
)


# A person's photo is named by the person: an honorific, then a given name and a surname.
_PORTRAIT = re.compile(
    r"\s*(?:นาย(?!ก(?:เทศ|องค์|อบต|รัฐ|สภา|ฯ|\.|\s))|นางสาว|นาง|น\.ส\.|ว่าที่\s?(?:ร้อยตรี|ร\.ต\.)|ดร\.|(?:Mr|Mrs|Ms|Dr)\.?\s)"
    r"\s?[ก-๙A-Za-z]+\s+[ก-๙A-Za-z]+",
)
NAMED_PICTURE = "ชื่อ/คำอธิบายภาพ"
_PICTURE_KINDS = (ResourceKind.IMAGE, ResourceKind.PDF, ResourceKind.DOCX)


def check_image(spec: schema.ImageCheck, ev: EvidenceUnit) -> Outcome:
    named = _named(spec.or_named, ev.name, ev.label) if spec.or_named and ev.state == "ok" else None
    if ev.kind is ResourceKind.IMAGE and ev.state == "ok":
        return named or Hit(f"[image] {ev.url}")
    if not ev.readable:
        return None
    for img in ev.images:  # an image whose alt text or caption says what it is
        by_alt = _named(spec.or_named, img.alt) if spec.or_named else None
        if by_alt is not None:
            return by_alt
    for img in ev.images:
        if not _NOT_CONTENT.search(img.src + " " + img.alt) and (spec.portraits or not _PORTRAIT.match(img.alt)):
            return Hit(f"[image] {img.alt or img.src}")
    if named is not None and _picture_body(ev, spec.sparse_chars):
        return named
    return False


# A drawing's boxes are names, not sentences: connectives of sentences (การ ของ ที่ ตาม ให้ …) make at most this
# share of its words (org charts 0-0.03, whether the titles are short "กองคลัง" or spelled out without spaces
# "ปลัดองค์การบริหารส่วนตำบลดอนแก้ว"; announcements and other prose 0.1-0.2, however short their pieces).
MAX_DRAWING_SENTENCE = 0.06


def _picture_body(ev: EvidenceUnit, sparse_chars: int) -> bool:
    """A scan, or a document with a drawing's text: little of it per page, and names (an org chart's units and
    positions in boxes) without the connectives of sentences. A one-page announcement linked from an ITA row
    that quotes the criterion ("แผนผังโครงสร้าง…") is short too, but it is sentences."""
    if ev.kind not in _PICTURE_KINDS:
        return False
    if ev.ocr:
        return True
    if len(ev.text) > sparse_chars * max(1, len(ev.page_starts)):
        return False
    if not _THAI_LETTER.search(ev.text):
        return True
    return words.sentence_share(ev.text) <= MAX_DRAWING_SENTENCE


_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


def _named(words_: tuple[str, ...], *sources: str) -> Hit | None:
    """The first source (title, link words, alt text) containing one of the words, quoted around it."""
    for source in sources:
        for word in words_:
            if contains(source, word):
                m = _spaced_pattern(word).search(source)
                start = m.start() if m else 0
                lo = 0 if start <= 60 else start - 20  # a short name is quoted whole
                quote = source[lo : start + 100].strip()
                return Hit(f"{NAMED_PICTURE}: {quote}")
    return None


def _host_matches(url: str, hosts: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def check_social_link(spec: schema.SocialLinkCheck, ev: EvidenceUnit) -> Outcome:
    # Links are read even on evidence that could not be opened: an unopened link is still a link on the site.
    for link in ev.links:
        if (
            link.url
            and _host_matches(link.url, spec.hosts)
            and not any(_regex(p).search(link.url) for p in spec.ignore_urls)
        ):
            return Hit(f"{link.text or link.tag} → {link.url}")
    return False if ev.readable else None


def link_matches(spec: schema.LinkCheck, url: str, text: str) -> bool:
    if any(contains(text, k) for k in spec.anchor_exclude):
        return False
    if url and any(_regex(p).search(url) for p in spec.url_patterns):
        return True
    return any(contains(text, k) for k in spec.anchor_any)


def check_link(spec: schema.LinkCheck, ev: EvidenceUnit) -> Outcome:
    for link in ev.links:  # also on an unopened link's unit: the link itself is on the site
        if link.url and link_matches(spec, link.url, link.text):
            return Hit(f"{link.text or link.tag} → {link.url}")
    return False if ev.readable else None


def check_form(spec: schema.FormCheck, ev: EvidenceUnit) -> Outcome:
    if not ev.readable:
        return None
    for form in ev.forms:
        if form.has_textarea or (not spec.textarea and form.text_inputs > 0):
            return Hit(f"[form] {form.action or ev.url}")
    return False


def check_on_site(spec: schema.OnSiteCheck, ev: EvidenceUnit) -> Outcome:
    """Evidence the crawl reached, or an unopened link to it, was found through a link, row, menu or page of
    the site that names the item (strength 2+). The home page standing as evidence is not such a place."""
    if ev.state in ("ok", "not_fetched") and ev.strength >= 2 and ev.found_via:
        return Hit(ev.found_via)
    return False


def check_repeated(spec: schema.RepeatedCheck, ev: EvidenceUnit) -> Outcome:
    """Distinct months (quarters …) that each show the pattern: the rows of a table by period."""
    if not ev.readable:
        return None
    seen: dict[tuple[object, ...], structure.Occurrence] = {}
    for p in spec.patterns:
        for occ in structure.occurrences(ev.text, p):
            seen.setdefault(occ.key, occ)
    if len(seen) < spec.min:
        return False
    rows = sorted(seen.values(), key=lambda o: o.start)
    labels = ", ".join(dict.fromkeys(o.label for o in rows))
    first = rows[0]
    return Hit(f"{snippet_at(ev.text, first.start, first.end)} [{len(rows)}: {labels[:120]}]", first.start)


def check_any_of(spec: schema.AnyOfCheck, ev: EvidenceUnit) -> Outcome:
    unknown = False
    for sub in spec.checks:
        out = run(sub, ev)
        if isinstance(out, Hit):
            return out
        unknown = unknown or out is None
    return None if unknown else False


CHECKS: dict[str, CheckFn] = {
    "keywords": check_keywords,
    "pattern": check_pattern,
    "image": check_image,
    "social_link": check_social_link,
    "link": check_link,
    "form": check_form,
    "on_site": check_on_site,
    "repeated": check_repeated,
    "any_of": check_any_of,
}
assert set(CHECKS) == set(schema.CHECK_KINDS), "every schema check kind needs a function"


def run(spec: Any, ev: EvidenceUnit) -> Outcome:
    return CHECKS[spec.check](spec, ev)
