"""Data passed between pipeline stages.

Two families live here: the frozen records the stages hand each other (Resource -> Document ->
EvidenceUnit) and the pydantic SiteReport, which is the one thing reporters see and whose JSON form is a
public contract (schema_version 1, see docs/json-report.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

# --------------------------------------------------------------------------- crawl -> extract


class ResourceKind(StrEnum):
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    IMAGE = "image"
    OTHER = "other"


@dataclass(frozen=True)
class Referrer:
    """A page that linked to a resource, with the words of the link and of its table row / list item."""

    page: str
    anchor: str
    context: str = ""


@dataclass
class Resource:
    """One URL the crawler tried, successful or not. Mutable only while the crawl records referrers."""

    url: str
    final_url: str
    status: int | None  # None: no HTTP answer (timeout, DNS, TLS, refused, budget)
    content_type: str = ""
    kind: ResourceKind = ResourceKind.OTHER
    body: bytes = field(default=b"", repr=False)  # never in a repr: a log line or traceback, not 4x the body
    error: str | None = None
    depth: int = 0
    referrers: list[Referrer] = field(default_factory=list)
    fetched: bool = True  # False: linked but never requested (external, budget, robots)
    skipped_reason: str | None = None
    redirects: tuple[str, ...] = ()
    encoding: str | None = None
    truncated: bool = False
    cut: str | None = None  # why the body was cut: "size" (the byte cap) or "time" (the time budget)
    last_modified: str | None = None  # the Last-Modified header, kept as a weak period signal
    digest: str | None = None  # SHA-256 of the body as received (set when caches are on: re-checks compare it)

    @property
    def ok(self) -> bool:
        return self.fetched and self.status is not None and 200 <= self.status < 300 and not self.error


# --------------------------------------------------------------------------- extract -> evaluate


@dataclass(frozen=True)
class Link:
    url: str  # absolute; "" for placeholders such as href="#" or javascript:void(0)
    text: str  # normalised anchor text (alt text for image links, title for iframes)
    context: str = ""  # normalised text of the enclosing table row / list item / paragraph
    tag: str = "a"  # a | area | iframe | frame | embed | object
    raw_href: str = ""
    section: int = -1  # index into Document.sections, -1 when before the first heading or in chrome
    chrome: bool = False  # in the header, footer or a menu: site-wide navigation, not this page's content


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    section: int = -1


@dataclass(frozen=True)
class Form:
    action: str
    has_textarea: bool
    text_inputs: int
    section: int = -1


@dataclass(frozen=True)
class Section:
    """A heading and the text up to the next heading of the same or a higher level."""

    heading: str
    level: int
    text: str


@dataclass(frozen=True)
class Document:
    """What extraction made of one resource: pure data, no I/O beyond this point."""

    url: str
    kind: ResourceKind
    readable: bool  # False: bytes the extractors cannot turn into text yet (or not at all)
    unreadable_reason: str | None = None
    title: str = ""
    headings: tuple[str, ...] = ()
    text: str = ""  # everything a visitor reads, header and footer included
    main_text: str = ""  # without header, footer and menus: what the page itself is about
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    forms: tuple[Form, ...] = ()
    sections: tuple[Section, ...] = ()
    soft_error: str | None = None  # an error page served with a 2xx status
    # Documents (PDF, DOCX, XLSX, images): where each page / sheet starts in `text`, what was read, how.
    page_starts: tuple[int, ...] = ()
    page_count: int = 0  # pages (or sheets) in the file
    pages_read: int = 0  # pages actually read (capped per document)
    ocr_pages: int = 0  # pages whose text came from OCR
    created: str | None = None  # ISO date from the file's own metadata (a weak period signal)
    modified: str | None = None
    detail: str | None = None  # technical detail behind unreadable_reason, for the report

    def page_of(self, pos: int) -> int | None:
        """1-based page (or sheet) number of a character offset in `text`; None for web pages."""
        if not self.page_starts:
            return None
        return sum(1 for start in self.page_starts if start <= pos) or 1


# --------------------------------------------------------------------------- report (public contract)

ItemStatus = Literal["pass", "incomplete", "outdated", "missing", "unreachable", "review"]
ElementStatus = Literal["found", "not_found", "unknown"]
ITEM_STATUSES: tuple[ItemStatus, ...] = ("pass", "incomplete", "outdated", "missing", "unreachable", "review")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ToolInfo(_Frozen):
    name: str = "oitcheck"
    version: str


class SiteInfo(_Frozen):
    url: str
    name: str | None = None


class RulesetInfo(_Frozen):
    id: str
    fiscal_year: int


class Stats(_Frozen):
    requests: int = 0
    pages: int = 0
    documents: int = 0
    errors: int = 0
    bytes: int = 0
    rendered: int = 0


RunKind = Literal["full", "evidence"]
RunWhy = Literal["first", "requested", "schedule", "changed", "unchanged", "no_cache"]


class RunInfo(_Frozen):
    """Which kind of run made the verdicts (checker/rerun.py). `full`: the site was crawled from its home
    page. `evidence`: only what the last full crawl's verdicts rest on was revalidated, all of it unchanged,
    so those verdicts stand. `why` says what decided it; `changed` lists what an evidence re-check found
    changed (and a full crawl followed)."""

    kind: RunKind
    why: RunWhy
    revalidated: int = 0  # addresses the previous verdicts rest on, revalidated in this run
    changed: list[str] = []  # of those, the ones that changed (at most 20 listed)
    full_crawl_at: str | None = None  # when the full crawl behind these verdicts ran (ISO 8601, UTC)
    next_full_at: str | None = None  # when the next full crawl is due


class Coverage(_Frozen):
    """What the crawl reached and what it could not, so a verdict can be read against it."""

    pages_fetched: int = 0
    documents_fetched: int = 0
    failed: int = 0  # error status, timeout, connection or TLS failure
    from_cache: int = 0  # revalidated with a 304: nothing downloaded
    skipped_robots: int = 0
    skipped_budget: int = 0
    skipped_depth: int = 0
    skipped_trap: int = 0
    skipped_circuit: int = 0  # the site kept failing and the crawl paused instead of adding load
    external_links: int = 0  # off-site links recorded, not crawled
    not_rendered: list[str] = []  # pages that needed a browser when none was available
    budget_exhausted: str | None = None  # pages | documents | bytes | time, or None
    pages_left: int = 0
    seconds: float = 0.0
    stopped_early: bool = False  # every item was settled, so the crawl stopped before its budget
    skipped_settled: int = 0  # links left unvisited because of that
    cut_bodies: dict[str, str] = {}  # URL -> "size" | "time": bodies read only in part (the cap, the budget)
    off_site_redirects: dict[str, str] = {}  # the site's URL -> where it redirected off the site: not followed
    refused: dict[str, str] = {}  # URL -> why the network policy did not connect (a private address …)
    blocked_hosts: dict[str, int] = {}  # other hosts a rendered page's scripts called -> requests blocked
    run: RunInfo | None = None  # the kind of run (added in 0.9; absent when no cache was used)


class Score(_Frozen):
    passed: int
    total: int
    percent: float


class EvidenceOut(_Frozen):
    url: str
    found_via: str
    period: str | None = None
    snippet: str = ""


class ElementOut(_Frozen):
    id: str
    label: str
    status: ElementStatus


class Waiver(_Frozen):
    """An accepted finding: the verdict stands, but it does not fail the run until `expires`."""

    reason: str
    expires: str  # ISO date; after it the finding counts again


class LangText(_Frozen):
    """A text given in both languages (an element's label or wording from the rule pack): JSON {"th", "en"}."""

    th: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.th


class Reason(_Frozen):
    """Why an item got its verdict, language-neutral: a message key of checker.i18n.MESSAGES and its arguments,
    put into words only when a report is rendered (checker/reasons.py). An argument is a plain value (a URL,
    a year, a technical error), a nested Reason (a phrase that is itself translated) or a LangText."""

    code: str
    args: dict[str, ReasonArg] = {}


ReasonArg = Reason | LangText | int | float | str
Reason.model_rebuild()


class ItemResult(_Frozen):
    id: str
    title: str
    indicator: str
    status: ItemStatus
    evidence: list[EvidenceOut]
    elements: list[ElementOut]
    reasons: list[str]
    waiver: Waiver | None = None  # JSON: present only when a waiver applies (additive)
    reason_codes: list[Reason] = []  # `reasons` as codes (additive; JSON: present only when there are some)


ChangeKind = Literal["new", "fixed", "regressed", "changed", "unchanged"]


class ItemChange(_Frozen):
    """How one item moved since an earlier run: fixed (now pass), regressed (was pass), changed (another
    non-pass status), new (not in the earlier run), unchanged."""

    id: str
    before: ItemStatus | None
    after: ItemStatus
    kind: ChangeKind


class Changes(_Frozen):
    previous_started_at: str
    previous_score: Score
    items: list[ItemChange]


class TrendPoint(_Frozen):
    """One stored run of the same site, pack and year: when, its items passed and its estimated OIT score."""

    started_at: str
    percent: float
    estimate: float | None = None


class OitEstimate(_Frozen):
    """The OIT score the items would earn, computed as the pack's `scoring` says (checker/rules/scoring.py)."""

    score: float
    grade: str
    indicators: dict[str, float] = {}  # top-level indicator ("9", "10") -> its score


class SiteReport(_Frozen):
    schema_version: Literal[1] = 1
    tool: ToolInfo
    site: SiteInfo
    ruleset: RulesetInfo
    started_at: str
    finished_at: str
    stats: Stats
    score: Score
    items: list[ItemResult]
    coverage: Coverage | None = None  # added in 0.2 (additive; schema_version stays 1)
    changes: Changes | None = None  # since the previous stored run of the site (JSON: only when known)
    trend: list[TrendPoint] | None = None  # earlier runs then this one, oldest first (JSON: only when known)
    estimate: OitEstimate | None = None  # the estimated OIT score (JSON: only when known)


# --------------------------------------------------------------------------- evaluate (internal)

EvidenceState = Literal["ok", "failed", "placeholder", "not_fetched"]


@dataclass(frozen=True)
class EvidenceUnit:
    """One piece of candidate evidence for one item: a page, a section of a page, or a document.

    `text` is what element checks read (empty when unreadable); `name` and `label` (the words of the links
    that led here: anchor, table row) are read for periods but never as proof of an element.
    """

    url: str
    found_via: str
    state: EvidenceState
    kind: ResourceKind = ResourceKind.OTHER
    readable: bool = False
    why_unreadable: Reason | None = None  # put into words by checker.reasons.render_reason
    failure: Reason | str | None = None  # a Reason, or a technical error in no language ("HTTP 404")
    text: str = ""
    name: str = ""  # how the evidence names itself: page title and headings, or a section's heading
    label: str = ""
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    forms: tuple[Form, ...] = ()
    strength: int = 1  # 3: named by number/row, 2: title or heading, 1: home page / linked from evidence
    page_starts: tuple[int, ...] = ()  # a document's pages in `text` (see Document.page_of)
    weak_dates: tuple[tuple[str, str], ...] = ()  # (what, ISO date): file metadata, Last-Modified
    ocr: bool = False  # some of `text` came from OCR: expect noise (checks may match tolerantly)
    named: bool = False  # the link or row that led here names the item (not just a link on a page that does)
    cut: str | None = None  # only part of the body was read ("size", "time"): an element not seen may be in the rest

    def page_of(self, pos: int) -> int | None:
        if not self.page_starts:
            return None
        return sum(1 for start in self.page_starts if start <= pos) or 1
