"""The crawl stage: from the home page, breadth-first with priority for links that look like OIT evidence.

Records every resource it meets (fetched or not) with the pages and anchor texts that linked to it, so the
evaluator can say how evidence was found and why a link failed. Bounded by pages, bytes, depth and time.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from checker.crawl.doc_cache import DocumentCache, document_key
from checker.crawl.fetcher import Fetcher, FetchResult
from checker.crawl.render import Renderer, looks_like_shell
from checker.crawl.rendering import as_fetch, is_route, render_polite
from checker.crawl.results import (  # CrawlOptions, CrawlProgress, CrawlResult re-exported: their public home
    CrawlOptions,
    CrawlProgress,
    CrawlResult,
    guess_kind,
    record_answer,
)
from checker.crawl.scope import BadURL, SiteScope, canonical
from checker.crawl.traps import TrapGuard
from checker.extract import DEFAULT_LIMITS, Ocr, extract, extract_html
from checker.extract.kinds import NON_DOCUMENT_EXTENSIONS, looks_like_document_url
from checker.models import Document, Link, Referrer, Resource, ResourceKind, Stats

STOP_CHECK_EVERY = 20
StopWhen = Callable[[dict[str, Resource], dict[str, Document]], bool]
HARD_STOP_GRACE = 1.0  # seconds past the deadline before requests still in flight are abandoned
EVAL_SECONDS_PER_LINK = 0.00015  # judging time kept per link recorded (measured 3.4 s for 20,000 links + 400 pages)
STOP_CHECK_SHARE = 0.25  # at most this share of the crawl's time goes to early-stop evaluations
PriorityHint = Callable[[Link], int]  # higher = fetch sooner (0 = ordinary link)


class Crawler:
    def __init__(
        self,
        fetcher: Fetcher,
        options: CrawlOptions | None = None,
        hint: PriorityHint | None = None,
        on_progress: Callable[[CrawlProgress], None] | None = None,
        ocr: Ocr | None = None,
        keep_bodies: bool = False,  # keep response bodies after reading them (tests, debugging)
        renderer: Renderer | None = None,
        stop_when: StopWhen | None = None,
        doc_cache: DocumentCache | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.doc_cache = doc_cache
        self.stop_when = stop_when
        self._stopped = False
        self.renderer = renderer
        self.not_rendered: list[str] = []
        self.ocr = ocr
        self.keep_bodies = keep_bodies
        self.opt = options or CrawlOptions()
        self.hint = hint or (lambda link: 0)
        self.on_progress = on_progress
        self._seq = itertools.count()
        self._heap: list[tuple[int, int, int, str]] = []
        self._resources: dict[str, Resource] = {}
        self._documents: dict[str, Document] = {}
        self._queued: set[str] = set()
        self._counts: defaultdict[str, int] = defaultdict(int)
        self._budget: str | None = None
        self._traps = TrapGuard()

    async def crawl(self, start_url: str, deadline: float | None = None) -> CrawlResult:
        """Crawl from `start_url` until the frontier or a budget is spent; `deadline` (time.monotonic) ends it
        sooner than `max_seconds` (the caller keeps time to judge what was read)."""
        start = canonical(start_url)
        self.scope = SiteScope.of(start)
        self._started = time.monotonic()
        self._deadline = self._started + self.opt.max_seconds
        if deadline is not None:
            self._deadline = min(self._deadline, deadline)
        self._stop_cost = 0.0  # seconds the last early-stop evaluation took
        self._stop_after = self._started  # no early-stop evaluation before this
        self._push(start, depth=0, priority=100)
        self._wake = asyncio.Event()
        self._inflight = 0
        self._doc_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oitcheck-extract")
        workers = [asyncio.create_task(self._worker()) for _ in range(max(1, self.opt.concurrency))]
        gathered = asyncio.gather(*workers)
        # Cancelled (a hard stop, Ctrl-C): whatever the workers raised then is retrieved here, not printed
        # by asyncio as "exception was never retrieved".
        gathered.add_done_callback(lambda f: f.cancelled() or f.exception())
        try:
            # A hard stop: the time budget is checked between requests, this also bounds a request that hangs.
            left = self._deadline - time.monotonic()
            await asyncio.wait_for(gathered, timeout=max(0.0, left) + HARD_STOP_GRACE)
        except TimeoutError:
            self._budget = "time"
        finally:
            for w in workers:
                w.cancel()
            self._doc_pool.shutdown(wait=False, cancel_futures=True)
        self._mark_unfetched()
        home = self._resources.get(start)
        stats = Stats(
            requests=self._counts["requests"],
            pages=self._counts["pages"],
            documents=self._counts["documents"],
            errors=self._counts["errors"],
            bytes=self._counts["bytes"],
            rendered=self._counts["rendered"],
        )
        counts = {k: v for k, v in self._counts.items() if not k.endswith("_started")}
        return CrawlResult(
            start, home, self._resources, self._documents, stats, self._budget, counts,
            seconds=time.monotonic() - self._started,
            pages_left=max(0, self.opt.max_pages - self._counts["pages_started"]),
            not_rendered=self.not_rendered,
            stopped_early=self._stopped,
            blocked_hosts=dict(getattr(self.renderer, "blocked", {})),
        )  # fmt: skip

    # ------------------------------------------------------------------ frontier

    def _push(self, url: str, depth: int, priority: int) -> None:
        if url in self._queued:
            return
        self._queued.add(url)
        heapq.heappush(self._heap, (-priority, depth, next(self._seq), url))

    def _record_link(self, page: Resource, doc: Document, link: Link) -> None:
        if not link.url or not link.url.lower().startswith(("http://", "https://")):
            return
        try:
            url = canonical(link.url)
        except BadURL:
            return
        res = self._resources.get(url)
        if res is None:
            res = Resource(
                url=url,
                final_url=url,
                status=None,
                fetched=False,
                depth=page.depth + 1,
                kind=guess_kind(url),
            )
            self._resources[url] = res
        self._counts["links"] += 1
        if len(res.referrers) < 50:
            res.referrers.append(Referrer(page=page.final_url, anchor=link.text, context=link.context))
        res.depth = min(res.depth, page.depth + 1)
        if not self.scope.contains(url):
            res.skipped_reason = res.skipped_reason or "external"
            return
        if res.depth > self.opt.max_depth or url.lower().endswith(NON_DOCUMENT_EXTENSIONS):
            reason = "depth" if res.depth > self.opt.max_depth else "file type"
            res.skipped_reason = res.skipped_reason or reason
            return
        if url in self._queued:
            return  # menus repeat on every page: the priority hint is worked out once, when a URL is first queued
        if not self._traps.admit(url):
            res.skipped_reason = res.skipped_reason or "trap"  # calendars, ever-growing query strings …
            return
        boost = 1 if looks_like_document_url(url) else 0
        self._push(url, res.depth, self.hint(link) * 10 + boost)

    def _budget_left(self, url: str) -> str | None:
        # Judging what was read grows with the links seen (~0.1 ms each, 0.15 kept: a home page of 20,000 links takes
        # seconds): no new request once the time left would not cover it, within a quarter of the budget.
        margin = min(EVAL_SECONDS_PER_LINK * self._counts["links"], 0.25 * self.opt.max_seconds)
        if time.monotonic() > self._deadline - margin:
            return "time"
        if self._counts["bytes"] >= self.opt.max_bytes:
            return "bytes"
        # Counted when a request starts, so that requests in flight cannot overshoot the budget.
        is_doc = looks_like_document_url(url)
        if not is_doc and self._counts["pages_started"] >= self.opt.max_pages:
            return "pages"
        if is_doc and self._counts["documents_started"] >= self.opt.max_documents:
            return "documents"
        return None

    # ------------------------------------------------------------------ workers

    async def _worker(self) -> None:
        while True:
            if not self._heap:
                if self._inflight == 0:
                    self._wake.set()
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            _prio, depth, _seq, url = heapq.heappop(self._heap)
            exhausted = self._budget_left(url)
            if exhausted:
                self._budget = self._budget or exhausted
                res = self._resources.get(url)
                if res is not None and not res.fetched:
                    res.skipped_reason = res.skipped_reason or f"budget:{exhausted}"
                continue
            self._inflight += 1
            self._counts["documents_started" if looks_like_document_url(url) else "pages_started"] += 1
            try:
                await self._visit(url, depth)
            finally:
                self._inflight -= 1
                self._wake.set()
            self._maybe_stop_early()

    def _maybe_stop_early(self) -> None:
        """Stop when the caller says every item is settled, once the links that look like OIT material
        are used up (checked every STOP_CHECK_EVERY fetches: judging the site costs a little)."""
        if self.stop_when is None or self._stopped or not self._heap:
            return
        done = self._counts["pages_started"] + self._counts["documents_started"]
        if done % STOP_CHECK_EVERY or -self._heap[0][0] > 1:
            return
        began = time.monotonic()
        if began < self._stop_after:
            return  # the last evaluation was costly (a page of 20,000 links): let the crawl catch up first
        settled = self.stop_when(self._resources, self._documents)
        self._stop_cost = time.monotonic() - began
        self._stop_after = began + self._stop_cost / STOP_CHECK_SHARE
        if settled:
            self._stopped = True
            for _prio, _depth, _seq, url in self._heap:
                res = self._resources.get(url)
                if res is not None and not res.fetched:
                    res.skipped_reason = "settled"
            self._heap.clear()

    async def _visit(self, url: str, depth: int) -> None:
        if is_route(url):
            await self._visit_route(url, depth)
            return
        is_doc = looks_like_document_url(url)
        cap = self.opt.max_document_bytes if is_doc else self.opt.max_page_bytes
        result = await self.fetcher.fetch(url, cap)
        if result.skipped:  # robots.txt said no, the site is failing and paused, or time is up: no answer
            self._counts[result.skipped] += 1
            if result.skipped == "budget:time":
                self._budget = self._budget or "time"
            res = self._resources.setdefault(url, Resource(url=url, final_url=url, status=None, depth=depth))
            res.fetched, res.skipped_reason, res.error = False, result.skipped, result.error
            return
        self._counts["requests"] += 1 + len(result.redirects)
        self._counts["redirect_hops"] += len(result.redirects)
        if result.off_site:
            self._left_site(url, depth, result)
            return
        if result.from_cache:
            self._counts["from_cache"] += 1  # revalidated (304): the body came from disk, not the network
        else:
            self._counts["bytes"] += len(result.body)
        res = self._store(url, depth, result)
        if result.cut == "time":
            self._budget = self._budget or "time"
        if not res.ok:
            self._counts["errors"] += 1
        elif res.kind is ResourceKind.HTML:
            self._counts["pages"] += 1
            key = self._doc_key(res)
            doc = self._cached(key)
            if doc is None:
                doc = extract(res)
                self._keep(key, doc)
            doc = await self._maybe_render(res, doc)
            self._read_page(res, doc)
        else:
            self._counts["documents"] += 1
            # Reading a PDF or OCR-ing a scan takes seconds: off the event loop, one document at a time.
            key = self._doc_key(res)
            doc = self._cached(key)
            if doc is None:
                # OCR in the document thread cannot be cancelled: it gets only the time left before the deadline
                # (a page at most past it), and a document read in less than its usual time is not cached.
                left = max(0.0, self._deadline - time.monotonic())
                limits = DEFAULT_LIMITS
                if left < limits.max_ocr_seconds:
                    limits = replace(limits, max_ocr_seconds=left)
                loop = asyncio.get_running_loop()
                doc = await loop.run_in_executor(self._doc_pool, extract, res, self.ocr, limits)
                if limits is DEFAULT_LIMITS:
                    self._keep(key, doc)
            self._documents[url] = doc
            if not self.keep_bodies:
                res.body = b""
        self._progress(url)

    def _progress(self, url: str) -> None:
        if self.on_progress:
            counts = self._counts
            self.on_progress(
                CrawlProgress(counts["pages"], counts["documents"], len(self._heap), counts["errors"], url)
            )

    def _read_page(self, res: Resource, doc: Document) -> None:
        """Keep a page's Document and queue its links (only from pages on the site: a redirect may leave it)."""
        self._documents[res.url] = doc
        if not self.keep_bodies:
            res.body = b""  # read: the Document is what counts (5,000 pages of 80 KB would be 400 MB)
        if self.scope.contains(res.final_url) and doc.soft_error is None:
            for link in doc.links:
                self._record_link(res, doc, link)

    async def _visit_route(self, url: str, depth: int) -> None:
        """A hash route of a JavaScript app ("/#/oit"): only a browser shows it, so it is rendered, not fetched."""
        result = None
        if self.renderer is not None and self.opt.render != "never":
            result = await render_polite(self.renderer, self.fetcher, url)
        if result is None:
            res = self._resources.setdefault(url, Resource(url=url, final_url=url, status=None, depth=depth))
            res.fetched = False
            if self.renderer is None or self.opt.render == "never":
                res.skipped_reason = "not rendered"
                self.not_rendered.append(url)
            else:
                res.skipped_reason = "robots"  # or the host is paused: the polite layer said not now
            return
        self._counts["requests"] += 1
        res = self._store(url, depth, as_fetch(url, result))
        if not res.ok or res.kind is not ResourceKind.HTML:
            self._counts["errors"] += 1
            self._counts["render_errors"] += 1
        else:
            self._counts["pages"] += 1
            self._counts["rendered"] += 1
            self._read_page(res, extract_html(result.body, res.final_url, result.content_type))
        self._progress(url)

    def _left_site(self, url: str, depth: int, result: FetchResult) -> None:
        """A redirect off the site (or to file:, gopher: …): recorded like a link off the site, never followed."""
        assert result.off_site is not None
        res = self._resources.setdefault(url, Resource(url=url, final_url=url, status=None, depth=depth))
        res.fetched, res.skipped_reason, res.error = False, "external", result.error
        res.final_url, res.status, res.redirects = result.off_site, result.status, result.redirects
        res.kind = guess_kind(result.off_site)
        self._counts["off_site_redirects"] += 1
        self._progress(url)

    def _doc_key(self, res: Resource) -> str | None:
        if self.doc_cache is None:
            return None
        engine = f"{type(self.ocr).__name__}:{getattr(self.ocr, 'langs', '')}" if self.ocr is not None else ""
        return document_key(res, engine)

    def _cached(self, key: str | None) -> Document | None:
        """An unchanged body read on an earlier run: its Document, without reading (or OCR-ing) it again."""
        if key is None or self.doc_cache is None:
            return None
        doc = self.doc_cache.get(key)
        if doc is not None:
            self._counts["extract_cached"] += 1
        return doc

    def _keep(self, key: str | None, doc: Document) -> None:
        if key is not None and self.doc_cache is not None:
            self.doc_cache.put(key, doc)

    async def _maybe_render(self, res: Resource, doc: Document) -> Document:
        """Run the page's JavaScript in a browser when its HTML is an empty shell (or always, if asked)."""
        mode = self.opt.render
        if mode == "never" or (mode == "auto" and not looks_like_shell(doc, res.body)):
            return doc
        if self.renderer is None:
            if looks_like_shell(doc, res.body):
                self.not_rendered.append(res.url)
            return doc
        result = await render_polite(self.renderer, self.fetcher, res.final_url)
        if result is None or not result.ok:
            self._counts["render_errors"] += 1
            if looks_like_shell(doc, res.body):
                self.not_rendered.append(res.url)
            return doc
        self._counts["rendered"] += 1
        return extract_html(result.body, result.final_url, result.content_type)

    def _store(self, url: str, depth: int, result: FetchResult) -> Resource:
        res = self._resources.get(url)
        if res is None:
            res = Resource(url=url, final_url=url, status=None, depth=depth)
            self._resources[url] = res
        record_answer(res, result, digest=self.doc_cache is not None)  # caches on: re-checks compare digests
        return res

    def _mark_unfetched(self) -> None:
        for res in self._resources.values():
            if not res.fetched and res.skipped_reason is None:
                res.skipped_reason = f"budget:{self._budget}" if self._budget else "not reached"


__all__ = ["CrawlOptions", "CrawlProgress", "CrawlResult", "Crawler", "PriorityHint", "StopWhen"]
