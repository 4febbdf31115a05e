"""What a crawl is asked to do (CrawlOptions), tells while it runs (CrawlProgress) and brings back (CrawlResult)."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from checker.crawl.fetcher import FetchResult
from checker.extract.kinds import classify, kind_from_url
from checker.models import Coverage, Document, Resource, ResourceKind, Stats


@dataclass(frozen=True)
class CrawlOptions:
    max_pages: int = 400  # HTML pages fetched
    max_documents: int = 300  # PDF/DOCX/XLSX/images fetched
    max_bytes: int = 500_000_000  # all bodies together
    max_page_bytes: int = 5_000_000
    max_document_bytes: int = 30_000_000
    max_depth: int = 8
    max_seconds: float = 600.0
    concurrency: int = 4  # per host; the site is one host
    render: Literal["auto", "always", "never"] = "auto"  # auto: only pages that are empty app shells
    early_stop: bool = True  # stop once every item is settled (see api.settled_check)


@dataclass(frozen=True)
class CrawlProgress:
    pages: int
    documents: int
    queued: int
    errors: int
    url: str


@dataclass(repr=False)  # the generated repr prints every body; asyncio may format a finished task's result
class CrawlResult:
    start_url: str
    home: Resource | None
    resources: dict[str, Resource] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    budget_exhausted: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # from_cache, robots, … for the coverage report
    seconds: float = 0.0
    pages_left: int = 0
    not_rendered: list[str] = field(default_factory=list)
    stopped_early: bool = False  # every item was settled before the budget ran out
    blocked_hosts: dict[str, int] = field(default_factory=dict)  # hosts a rendered page's scripts called, blocked

    def __repr__(self) -> str:
        return f"CrawlResult({self.start_url!r}, resources={len(self.resources)}, documents={len(self.documents)})"

    def coverage(self) -> Coverage:
        skipped = Counter((r.skipped_reason or "").split(":")[0] for r in self.resources.values() if not r.fetched)
        return Coverage(
            pages_fetched=self.stats.pages,
            documents_fetched=self.stats.documents,
            failed=self.stats.errors,
            from_cache=self.counts.get("from_cache", 0),
            skipped_robots=skipped["robots"],
            skipped_budget=skipped["budget"] + skipped["not reached"],
            skipped_depth=skipped["depth"],
            skipped_trap=skipped["trap"],
            skipped_circuit=skipped["circuit-open"],
            external_links=skipped["external"],
            not_rendered=list(self.not_rendered),
            budget_exhausted=self.budget_exhausted,
            pages_left=self.pages_left,
            seconds=round(self.seconds, 2),
            stopped_early=self.stopped_early,
            skipped_settled=skipped["settled"],
            cut_bodies={r.url: r.cut for r in self.resources.values() if r.fetched and r.cut},
            off_site_redirects={
                r.url: r.final_url for r in self.resources.values() if r.skipped_reason == "external" and r.redirects
            },
            refused={r.url: r.error or "" for r in self.resources.values() if r.skipped_reason == "policy"},
            blocked_hosts=dict(self.blocked_hosts),
        )

    @property
    def home_error(self) -> str | None:
        """Why the site could not be checked at all, or None."""
        if self.home is None:
            return "no response"
        if not self.home.ok:
            return self.home.error or f"HTTP {self.home.status}"
        return None


def guess_kind(url: str) -> ResourceKind:
    """What a URL not (yet) fetched probably is, from its extension."""
    return kind_from_url(url) or ResourceKind.OTHER


def record_answer(res: Resource, result: FetchResult, digest: bool) -> None:
    """Write what the site answered into the crawl's record of the URL; `digest`: keep the body's SHA-256."""
    res.fetched = True
    res.skipped_reason = None
    res.final_url = result.final_url
    res.status = result.status
    res.content_type = result.content_type
    res.body = result.body
    res.error = result.error
    res.redirects = result.redirects
    res.truncated = result.truncated
    res.cut = result.cut
    res.last_modified = result.last_modified
    res.digest = hashlib.sha256(result.body).hexdigest() if result.body and digest else None
    res.kind = classify(result.body, result.content_type, result.final_url) if result.body else guess_kind(res.url)
    if res.ok and res.kind is ResourceKind.HTML and res.truncated:
        res.error = None  # a long page cut at the cap is still worth reading
