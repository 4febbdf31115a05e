"""Collect the candidate evidence for one item from everything the crawl saw.

Evidence is found the way an assessor finds it: a row of the ITA page or a link that names the item, a page
whose title or heading names it, the documents such a page links to, and for a few items the home page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

from checker.crawl.scope import BadURL, canonical
from checker.evaluate.hometext import home_text
from checker.evaluate.naming import Naming, NamingMemo, build_index, opening_of
from checker.evaluate.recognise import EMBED_TAGS, ItemMatcher, is_generic_anchor, row_number
from checker.extract.external import external_kind
from checker.extract.kinds import looks_like_document_url
from checker.i18n import MESSAGES, t
from checker.models import Document, EvidenceUnit, Link, Reason, Resource, ResourceKind
from checker.reasons import reason

MAX_SECTION_LINKS = 12
HOME_VIEW_HOPS = 2
MAX_HOP_DOCUMENTS = 15
DOC_NAME_CHARS = 200


@dataclass(frozen=True)
class SiteContent:
    """What the evaluator needs from a crawl; tests build it from strings."""

    home_url: str
    resources: dict[str, Resource]
    documents: dict[str, Document]
    index_pages: frozenset[str] = frozenset()  # pages listing many items (an ITA page): no one-hop
    unrendered: tuple[str, ...] = ()  # pages that needed a browser and did not get one

    def home_view(self) -> tuple[str, ...]:
        """What a visitor sees as the home page: the start page, and the pages it shows through a meta refresh
        (splash pages), frames and iframes — the menu frame of a frameset site is part of its home page."""
        return self._home_view

    @cached_property  # asked hundreds of times per evaluation; a home page may have 20,000 links to walk
    def _home_view(self) -> tuple[str, ...]:
        seen = [self.home_url]
        frontier = [self.home_url]
        for _ in range(HOME_VIEW_HOPS):
            nxt = []
            for url in frontier:
                doc = self.live_page(url)
                for link in doc.links if doc is not None else ():
                    if link.tag not in ("meta", "frame", "iframe") or not link.url:
                        continue
                    try:
                        target = canonical(link.url)
                    except BadURL:
                        continue
                    if target not in seen and self.live_page(target) is not None:
                        seen.append(target)
                        nxt.append(target)
            frontier = nxt
        return tuple(seen)

    def live_page(self, url: str) -> Document | None:
        res = self.resources.get(url)
        doc = self.documents.get(url)
        if res is None or doc is None or not res.ok or doc.kind is not ResourceKind.HTML or doc.soft_error:
            return None
        return doc


@dataclass
class _Builder:
    url: str
    found_via: str
    strength: int
    labels: list[str] = field(default_factory=list)
    kwargs: dict[str, object] = field(default_factory=dict)


def skip_text(skipped: str | None, url: str = "") -> Reason:
    """Why a linked resource was not fetched, in the clerk's words (naming the outside system if known)."""
    if skipped == "external" and url:
        kind = external_kind(url)
        if kind and f"ext_{kind}" in MESSAGES:
            return reason(f"ext_{kind}")
    key = f"skip_{(skipped or 'budget').split(':')[0]}"
    return reason(key if key in MESSAGES else "skip_budget")


def _via(page: str, link: Link) -> str:
    words = link.text if not is_generic_anchor(link.text) or not link.context else link.context
    words = words[:80] + ("…" if len(words) > 80 else "")
    return f"{page} — “{words}”" if words else page


def gather(
    matcher: ItemMatcher,
    site: SiteContent,
    lang: str = "th",
    others: Sequence[ItemMatcher] = (),
    index: dict[str, list[Naming]] | None = None,
    memo: NamingMemo | None = None,
) -> list[EvidenceUnit]:
    """Candidate evidence for one item; `others` (the pack's other items) keep their menu words out of the
    home page's text when it stands as this item's evidence. `index` (build_index over all items) saves
    walking the whole site once per item."""
    units: dict[str, _Builder] = {}
    item = matcher.item
    hop_pages: list[str] = []

    def add(key: str, via: str, strength: int, label: str, **kwargs: object) -> None:
        b = units.get(key)
        if b is None:
            units[key] = _Builder(key, via, strength, [label], dict(kwargs))
        else:
            b.labels.append(label)
            # Equal strength: the smaller `via`, not the first seen. Pages are seen in the order the crawl
            # fetched them, which concurrency varies; the same site must give the same evidence every run.
            if strength > b.strength or (strength == b.strength and via < b.found_via):
                b.strength, b.found_via = strength, via

    def add_target(page: str, link: Link, strength: int, named: bool | None = None) -> None:
        label = f"{link.text} {link.context}"
        if not link.url:
            add(f"#placeholder:{page}", _via(page, link), strength, label, state="placeholder")
            return
        try:
            url = canonical(link.url)
        except BadURL:
            return
        res = site.resources.get(url)
        if res is None or (link.tag in EMBED_TAGS and not res.fetched and not _document_link(url)):
            return  # a map, video or page plugin embedded from elsewhere: a widget, not a document
        via = _via(page, link)
        if not res.fetched:
            if res.redirects and res.final_url != url:  # the site's link redirected off the site: not followed
                why = reason("skip_redirect", host=urlsplit(res.final_url).hostname or res.final_url[:60])
            else:
                why = skip_text(res.skipped_reason, url)
            if named is None:  # a numbered row claims its links, except the social icons that sit in it
                named = names_link(matcher, link) or (strength == 3 and external_kind(url) not in _SOCIAL)
            # The link itself goes with it: where an element *is* a link (the EIT survey on itas.nacc.go.th),
            # its presence on the site is the evidence, opened or not.
            add(url, via, strength, label, state="not_fetched", failure=why, kind=res.kind, links=(link,), named=named)
            return
        doc = site.documents.get(url)
        if not res.ok:
            error = res.error or f"HTTP {res.status}"  # the crawler's technical words, in no language
            add(url, via, strength, label, state="failed", failure=error, kind=res.kind)
            return
        if doc is None:
            return
        if doc.soft_error:
            add(
                url,
                via,
                strength,
                label,
                state="failed",
                kind=res.kind,
                failure=reason("soft_error", detail=doc.soft_error),
            )
            return
        content = _own_rows(_content(doc, lang, res=res), url, doc)
        if content is None:
            return
        add(url, via, strength, label, **content)
        if doc.kind is ResourceKind.HTML and strength >= 2:
            hop_pages.append(url)

    memo = memo or NamingMemo([matcher])
    if index is None:
        index = build_index(site, memo)
    places = index.get(item.id, ())

    def _is_file(url: str) -> bool:
        if _document_link(url):
            return True
        try:
            res = site.resources.get(canonical(url))
        except BadURL:
            return False
        return res is not None and res.kind not in (ResourceKind.HTML, ResourceKind.OTHER)

    def _belongs_elsewhere(link: Link) -> bool:
        """A file a page links to is another item's when the link's words or row name other items only, or the
        file's own opening heading does: the PDPA policy linked from a news page is no evidence of the news."""
        named = [item_id for item_id, _ in memo.link(link)]
        if named:
            return item.id not in named
        try:
            doc = site.documents.get(canonical(link.url))
        except BadURL:
            return False
        if doc is None or doc.kind is ResourceKind.HTML or not doc.readable:
            return False
        own = memo.text(opening_of(doc))
        return bool(own) and item.id not in own

    def _own_rows(content: dict[str, object], url: str, doc: Document) -> dict[str, object] | None:
        """A page less its rows that name other items, or link files that do: "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง"
        in O19's row of a procurement page is not one of O20's announcements, nor is its date O20's. An index
        page (an ITA page, a menu page listing several items) with no row of this item and little else is no
        evidence of it at all (None); a news list whose posts happen to name items stays news."""
        if doc.kind is not ResourceKind.HTML or url in site.home_view() or not content.get("readable"):
            return content
        text, mine, dropped = str(content["text"]), False, []
        for link in doc.links:
            if link.chrome:
                continue
            if item.id in (item_id for item_id, _ in memo.link(link)):
                mine = True
            elif (link.url and _is_file(link.url) and _belongs_elsewhere(link)) or row_number(link.context) not in (
                None,
                item.number,
            ):  # a file of another item (its row or its own heading says so), or a numbered row of another item
                dropped.append(link)
                for words in (link.context, link.text):
                    if words:
                        text = _as_cells(words).sub(" ", text, count=1)
        if url in site.index_pages and not mine and len(text.strip()) < THIN_PAGE_CHARS:
            return None  # a list of other items' files and rows, nothing of its own
        if not dropped:
            return content
        gone = set(dropped)
        return {**content, "text": text, "links": tuple(lk for lk in doc.links if lk not in gone)}

    for place in places:
        if place.what == "page":
            doc = site.documents[place.page_url]
            res = site.resources.get(place.page_url)
            content = _own_rows(_content(doc, lang, res=res), place.page_url, doc)
            if content is not None:
                add(place.page_url, f"{place.page_url} — “{place.named[:80]}”", 2, "", **content)
                hop_pages.append(place.page_url)
        elif place.what == "section":
            doc = site.documents[place.page_url]
            _add_section(add, add_target, matcher, place.page_url, doc, place.section, lang)
        elif place.link is not None:
            add_target(place.page_url, place.link, place.strength)

    if item.recognise.home_page:
        for home_url in site.home_view():
            home = site.live_page(home_url)
            if home is not None:
                add(
                    home_url,
                    f"{home_url} — {t('home_page', lang)}",
                    1,
                    "",
                    **{
                        **_content(home, lang, whole=True, res=site.resources.get(home_url)),
                        "text": home_text(home, matcher, others, memo),
                    },
                )

    home_pages = site.home_view()
    for page_url in dict.fromkeys(hop_pages):
        hop = site.live_page(page_url)
        if hop is None or page_url in site.index_pages or page_url in home_pages:
            continue
        docs = [lk for lk in hop.links if lk.url and _document_link(lk.url)][:MAX_HOP_DOCUMENTS]
        for link in docs:
            if not _belongs_elsewhere(link):
                add_target(page_url, link, 1, named=False)

    return [_build(b) for b in units.values()]


def _content(doc: Document, lang: str, whole: bool = False, res: Resource | None = None) -> dict[str, object]:
    name = f"{doc.title} {' '.join(doc.headings[:3])}".strip()
    if doc.kind is not ResourceKind.HTML and doc.readable:
        # A document names itself in its opening lines ("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2566"),
        # whatever the row that links to it says.
        name = f"{name} {doc.text[:DOC_NAME_CHARS]}".strip()
    weak = [(what, value) for what, value in (("created", doc.created), ("modified", doc.modified)) if value]
    if res is not None and res.last_modified:
        weak.append(("last_modified", res.last_modified))
    common: dict[str, object] = {
        "state": "ok", "kind": doc.kind, "name": name, "page_starts": doc.page_starts, "weak_dates": tuple(weak),
        "ocr": doc.ocr_pages > 0, "cut": res.cut if res is not None and doc.readable else None,
    }  # fmt: skip
    if doc.readable:
        text = doc.text if whole or doc.kind is not ResourceKind.HTML else _own_words(doc)
        return {**common, "readable": True, "text": text, "links": doc.links, "images": doc.images,
                "forms": doc.forms}  # fmt: skip
    why = reason(doc.unreadable_reason) if doc.unreadable_reason else None
    if why is not None and doc.detail:
        why = reason("with_detail", why=why, detail=doc.detail[:120])
    return {**common, "readable": False, "why_unreadable": why}


THIN_PAGE_CHARS = 200


def _own_words(doc: Document) -> str:
    """What a page says beyond its heading, when it only carries a file. A two-line post under the heading
    "ผลการดำเนินการตามนโยบาย…" with a link to a file shows none of the item's elements: its heading names the
    item, the file is the content. (A short page with its own figures keeps its heading: it says what they are.)"""
    h1 = next((sec.heading for sec in doc.sections if sec.level == 1), "")
    if not h1 or not any(lk.url and not lk.chrome and _document_link(lk.url) for lk in doc.links):
        return doc.main_text
    rest = doc.main_text.replace(h1, " ", 1)
    return rest if len(rest.strip()) < THIN_PAGE_CHARS else doc.main_text


def _add_section(add, add_target, matcher: ItemMatcher, page_url: str, doc: Document, index: int, lang: str) -> None:  # type: ignore[no-untyped-def]
    sec = doc.sections[index]
    # The section and the sub-sections under it (their indices follow until a heading of its level).
    last = index
    while last + 1 < len(doc.sections) and doc.sections[last + 1].level > sec.level:
        last += 1
    members = set(range(index, last + 1))
    links = tuple(lk for lk in doc.links if lk.section in members)
    h1 = next((s.heading for s in doc.sections if s.level == 1), "")
    add(
        f"{page_url}#section-{index}",
        f"{page_url} — “{sec.heading[:80]}”",
        2,
        f"{doc.title} {h1}".strip(),  # a section without a year of its own takes the page's
        name=sec.heading,
        state="ok",
        kind=ResourceKind.HTML,
        readable=True,
        text=sec.text,
        links=links,
        images=tuple(im for im in doc.images if im.section in members),
        forms=tuple(f for f in doc.forms if f.section in members),
    )
    for link in links[:MAX_SECTION_LINKS]:
        add_target(page_url, link, 2, names_link(matcher, link))


@lru_cache(maxsize=4096)
def _as_cells(words: str) -> re.Pattern[str]:
    """A row's words as they stand in a page's text, where its table cells are kept apart by " | "."""
    return re.compile(r"(?:\s*\|\s*|\s)+".join(re.escape(w) for w in words.split()))


def names_link(matcher: ItemMatcher, link: Link) -> bool:
    """Whether a link's own words (or, for "เปิด"/a file name, its row) name the item."""
    if matcher.names(link.text) or (link.url and matcher.by_url(link.url)):
        return True
    return is_generic_anchor(link.text) and bool(link.context) and matcher.names(link.context)


# Off-site services whose links are documents or document folders: an unopened one may hold the item.
_DOCUMENT_SERVICES = frozenset({"google_drive", "google_docs", "google_sites", "egp"})
# Accounts and surveys linked as icons and banners: evidence only where the link's own words name the item.
_SOCIAL = frozenset({"facebook", "youtube", "line", "itas"})


@lru_cache(maxsize=100_000)  # the same links are asked about for every item
def _document_link(url: str) -> bool:
    return looks_like_document_url(url) or external_kind(url) in _DOCUMENT_SERVICES


def may_be_evidence(unit: EvidenceUnit) -> bool:
    """Whether an unopened link plausibly *is* the item's evidence, so that not reading it leaves the item
    open: its words or row name the item, or it points at a file or a document service. A Facebook icon
    beside the executives or the ITAS banner is not a reason to doubt what the page plainly lacks."""
    if _document_link(unit.url):
        return True
    # A map, a video or a page plugin embedded in a frame is a widget on the page, never the item's document.
    return unit.named and not (unit.links and unit.links[0].tag in EMBED_TAGS)


def _build(b: _Builder) -> EvidenceUnit:
    url = b.url.split("#section-", 1)[0] if "#section-" in b.url else b.url
    if url.startswith("#placeholder:"):
        url = url.removeprefix("#placeholder:")
    label = " ".join(dict.fromkeys(x for x in b.labels if x))
    return EvidenceUnit(url=url, found_via=b.found_via, strength=b.strength, label=label, **b.kwargs)  # type: ignore[arg-type]
