"""Which pages, sections and links of a site name which item: worked out once per site, not once per item.

Judging 43 items used to walk every link of every page 43 times (16 million link checks on a 6,000-page
site, most of them the same menu on every page). The index walks the site once, asks each distinct anchor,
row and heading about all items at once (a memo keyed by the text), and lists for every item, in site order,
the places that name it. `gather` then visits only those places, in the same order as a full walk.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from checker.evaluate.recognise import ItemMatcher, TitleIndex, item_number_at_start, link_strengths
from checker.models import Document, Link, ResourceKind

if TYPE_CHECKING:
    from checker.evaluate.evidence import SiteContent

LinkKey = tuple[str, str, str | None]


@dataclass(frozen=True)
class Naming:
    """One place that names an item: a page by its title or h1, a section by its heading, or a link."""

    page_url: str
    what: Literal["page", "section", "link"]
    named: str = ""  # the page title or h1 that names the item ("page")
    section: int = -1  # index into doc.sections ("section")
    link: Link | None = None  # ("link")
    strength: int = 0  # 3 numbered, 2 named by title or URL ("link")


@dataclass
class NamingMemo:
    """What each distinct text names, for a fixed list of items; kept across calls while a crawl grows."""

    matchers: Sequence[ItemMatcher]
    links: dict[LinkKey, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    texts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    titled: dict[str, frozenset[str]] = field(default_factory=dict)
    titles: TitleIndex = field(init=False)

    def __post_init__(self) -> None:
        self.titles = TitleIndex(self.matchers)

    def link(self, link: Link) -> tuple[tuple[str, int], ...]:
        key = (link.text, link.context, link.url)
        hits = self.links.get(key)
        if hits is None:
            hits = link_strengths(self.matchers, link, self.by_title)
            self.links[key] = hits
        return hits

    def by_title(self, text: str) -> frozenset[str]:
        """The items whose titles a text names (a menu's anchors repeat on every page, with other URLs)."""
        hits = self.titled.get(text)
        if hits is None:
            hits = self.titles.items(text)
            self.titled[text] = hits
        return hits

    def number(self, item_id: str) -> int:
        return next(m.item.number for m in self.matchers if m.item.id == item_id)

    def text(self, text: str) -> tuple[str, ...]:
        hits = self.texts.get(text)
        if hits is None:
            number = item_number_at_start(text)
            titled = self.by_title(text)  # shared with link anchors: each text is read once
            hits = tuple(m.item.id for m in self.matchers if m.item.number == number or m.item.id in titled)
            self.texts[text] = hits
        return hits


OPENING_CHARS = 120  # a document's opening heading: its first line or two, up to the year it names
OPENING_NO_YEAR = 60  # without a year there, only this much (the text has no line breaks left)
_FIRST_YEAR = re.compile(r"25\d\d")


def build_index(site: SiteContent, memo: NamingMemo) -> dict[str, list[Naming]]:
    """Item id -> the places naming it, in the order a walk of pages (title, sections, links) meets them."""
    index: defaultdict[str, list[Naming]] = defaultdict(list)
    for page_url, doc in site.documents.items():
        if site.live_page(page_url) is None:
            opening = _opening_names(site, page_url, doc, memo)
            if opening is not None:
                index[opening[0]].append(Naming(page_url, "page", named=opening[1]))
            continue
        h1 = next((s.heading for s in doc.sections if s.level == 1), "")
        by_title = memo.text(doc.title)
        by_h1 = memo.text(h1) if h1 else ()
        for item_id in dict.fromkeys((*by_title, *by_h1)):
            index[item_id].append(Naming(page_url, "page", named=doc.title if item_id in by_title else h1))
        for i, sec in enumerate(doc.sections):
            if sec.level > 1:
                for item_id in memo.text(sec.heading):
                    index[item_id].append(Naming(page_url, "section", section=i))
        for link in doc.links:
            for item_id, strength in memo.link(link):
                index[item_id].append(Naming(page_url, "link", link=link, strength=strength))
    return dict(index)


def opening_of(doc: Document) -> str:
    """A file's opening heading: its first words, up to the year they name (its text has no line breaks)."""
    m = _FIRST_YEAR.search(doc.text, 0, OPENING_CHARS)
    return doc.text[: m.end() if m else OPENING_NO_YEAR]


def _opening_names(site: SiteContent, url: str, doc: Document, memo: NamingMemo) -> tuple[str, str] | None:
    """The one item a linked file names in its own opening heading, with that heading, when no link to it
    names an item.

    An O42 analysis linked only as "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร" opens with "มาตรการส่งเสริม
    คุณธรรมและความโปร่งใสภายในหน่วยงาน": the document names itself. Several items named there is no claim; a file
    that a row or anchor already assigns to an item belongs to that item.
    """
    res = site.resources.get(url)
    if res is None or not res.ok or doc.kind is ResourceKind.HTML or not doc.readable or doc.soft_error:
        return None
    opening = opening_of(doc)
    named = memo.text(opening)
    if len(named) != 1:
        return None
    for r in res.referrers:
        if memo.link(Link(url, r.anchor, r.context)):
            return None  # the links to it say what it is
    return named[0], opening
