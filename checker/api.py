"""The library's front door: check a site and get one SiteReport. Prints nothing; progress via a callback."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from checker import __version__
from checker.crawl.crawler import Crawler, CrawlOptions, CrawlProgress, CrawlResult, StopWhen
from checker.crawl.doc_cache import DocumentCache, document_cache_path
from checker.crawl.fetcher import Fetcher, HttpxFetcher
from checker.crawl.netpolicy import NetworkPolicy, Resolver
from checker.crawl.plans import Plan, PlanStore, plan_key, plan_path, seeds_of
from checker.crawl.politeness import Policy, PoliteFetcher
from checker.crawl.render import PlaywrightRenderer, find_browser
from checker.crawl.scope import normalise_start_url
from checker.evaluate.evaluator import evaluate, find_index_pages
from checker.evaluate.evidence import SiteContent
from checker.evaluate.naming import NamingMemo
from checker.evaluate.recognise import ItemMatcher, priority_hint
from checker.extract.ocr import Ocr, find_ocr
from checker.models import (
    Document,
    ItemResult,
    Reason,
    Resource,
    RulesetInfo,
    RunInfo,
    Score,
    SiteInfo,
    SiteReport,
    ToolInfo,
)
from checker.reasons import reason, render_arg, render_reason
from checker.rerun import (
    FULL_EVERY_DAYS,
    Recheck,
    Replay,
    evidence_crawl,
    evidence_report,
    full_reason,
    replayable,
    revalidate,
    run_info,
)
from checker.rules import loader
from checker.rules.schema import RulePack


@dataclass(frozen=True, repr=False)
class CheckRun:
    report: SiteReport
    crawl: CrawlResult
    site_error: str | None  # set when the site could not be checked at all (exit code 3)
    ocr_available: bool = False  # whether scans could be read (else their items are review)

    def __repr__(self) -> str:
        # Short on purpose: Python 3.11's asyncio.run formats the finished task's result (signal.signal ->
        # enum error message), and the generated repr of a whole crawl took 0.3 s per 1,000 pages.
        return f"CheckRun({self.report.site.url!r}, items={len(self.report.items)}, site_error={self.site_error!r})"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def settled_check(
    pack: RulePack,
    home_url: str,
    year: int,
    deadline: float | None = None,
    on_settled: Callable[[int, int], None] | None = None,
) -> StopWhen:
    """When to stop crawling early: an ITA page was found and every item has a verdict from fetched
    evidence (a status in the pack's settled_statuses). By default missing and review items keep the crawl
    going: more pages might still hold their evidence. `on_settled(settled, total)` hears each count: the
    web page's "items settled" comes from here, at no extra cost."""

    memo = NamingMemo([ItemMatcher(i) for i in pack.items])  # what each text names, kept between checks
    done = frozenset(pack.settled_statuses)  # the pack says which verdicts end the early stop

    def settled(resources: dict[str, Resource], documents: dict[str, Document]) -> bool:
        site = SiteContent(home_url, resources, documents)
        site = SiteContent(home_url, resources, documents, find_index_pages(pack, site, memo=memo))
        if not site.index_pages:
            return False
        settled = sum(1 for i in evaluate(pack, site, year, memo=memo, deadline=deadline) if i.status in done)
        if on_settled is not None:
            on_settled(settled, len(pack.items))
        return settled == len(pack.items)

    return settled


def evaluation_reserve(max_seconds: float) -> float:
    """Seconds of the budget kept for judging what the crawl read (3 s of 10, 30 s of 600 and more)."""
    return min(30.0, max(3.0, 0.05 * max_seconds), 0.5 * max_seconds)


def score(items: list[ItemResult]) -> Score:
    passed = sum(1 for i in items if i.status == "pass")
    total = len(items)
    return Score(passed=passed, total=total, percent=round(100.0 * passed / total, 1) if total else 0.0)


async def run_check(
    url: str,
    pack: RulePack | None = None,
    year: int | None = None,
    lang: str = "th",
    options: CrawlOptions | None = None,
    fetcher: Fetcher | None = None,
    on_progress: Callable[[CrawlProgress], None] | None = None,
    ocr: Ocr | Literal["auto"] | None = "auto",
    cache: Path | None = None,
    browser: str | None = None,
    verify: bool = True,
    timeout: float = 20.0,
    allow_private: bool = False,
    resolve: Mapping[str, str] | None = None,
    resolver: Resolver | None = None,
    on_settled: Callable[[int, int], None] | None = None,
    private_site: bool = True,
    full: bool = False,
    full_every: float = FULL_EVERY_DAYS,
) -> CheckRun:
    """Crawl `url`, evaluate every item of `pack` for fiscal `year`, and build the report.

    `ocr="auto"` uses Tesseract with the Thai model when it is installed; None reads no scans (their items
    become review, saying why). `cache` is an SQLite file for the revalidating HTTP cache (None: no cache).
    Nothing but the site is fetched or rendered (checker/crawl/netpolicy.py): `allow_private` lets it connect to
    private addresses other than the site's own, `resolve` ({host: address}) overrides DNS as curl's --resolve,
    `resolver` replaces the system's lookups (tests). `private_site=False` refuses a site whose own name resolves
    to a private address (a web form anyone can fill in must not reach the intranet); `on_settled` hears how many
    items have a verdict while the crawl runs (settled_check)."""
    pack = pack or loader.load(loader.DEFAULT_PACK)
    year = year or pack.fiscal_year
    start = normalise_start_url(url)
    started = _now()
    opts = options or CrawlOptions()
    # --max-seconds bounds the whole check: the crawl stops in time for the evaluation to fit.
    deadline = time.monotonic() + opts.max_seconds
    crawl_deadline = deadline - evaluation_reserve(opts.max_seconds)
    policy = NetworkPolicy.for_site(start, allow_private=allow_private, overrides=resolve, resolver=resolver)
    policy.pin_private = private_site
    try:
        async with asyncio.timeout(min(10.0, max(1.0, crawl_deadline - time.monotonic()))):
            await policy.prepare()  # the site's own addresses, before anything connects
    except TimeoutError:
        pass  # a lookup that hangs: every connection is still checked when it is made
    own_fetcher = fetcher is None
    if fetcher is None:
        # Polite by default: robots.txt, per-host spacing, backoff on 429/503, a breaker for failing sites.
        http = HttpxFetcher(timeout=timeout, cache=cache, verify=verify, policy=policy)
        http.deadline = crawl_deadline  # time.monotonic is the event loop's clock
        fetcher = await PoliteFetcher.for_site(http, start, Policy(concurrency=opts.concurrency))
    engine = find_ocr() if ocr == "auto" else ocr
    # The browser starts only if a page needs it (an empty JavaScript shell, or --render always).
    mode = opts.render
    path = find_browser(browser) if mode != "never" else None
    # What the last full crawl's verdicts rest on (kept beside the cache): re-checked first, when due.
    plans = PlanStore.open(plan_path(cache)) if cache is not None else None
    reads = f"{type(engine).__name__}:{getattr(engine, 'langs', '')}|{mode}:{bool(path)}"
    key = plan_key(start, pack.model_dump_json(), year, lang, opts, reads)
    plan = plans.get(key) if plans is not None else None
    now = time.time()
    why = full_reason(plan, full, full_every, now) if plans is not None else "no_cache"
    recheck: Recheck | None = None
    if why is None and plan is not None and plans is not None:
        try:
            recheck = await revalidate(fetcher, plan.seeds, opts)
        except BaseException:  # Ctrl-C, SIGTERM, a hard stop: close what this run opened, then go
            if own_fetcher:
                await fetcher.aclose()
            plans.close()
            raise
        if not recheck.changed:
            stood = run_info("unchanged", plan.full_at, full_every, recheck)
            done = await _evidence_run(fetcher, own_fetcher, plans, plan, stood, recheck, start, started)
            return CheckRun(done[0], done[1], None, engine is not None)
        why = "changed"
    renderer = PlaywrightRenderer(path, policy=policy) if path else None
    # Next to the HTTP cache: what was read from each unchanged body, so a re-run does not read it again.
    doc_cache = DocumentCache.open(document_cache_path(cache)) if cache is not None else None
    try:
        settled = settled_check(pack, start, year, crawl_deadline, on_settled) if opts.early_stop else None
        crawler = Crawler(
            Replay(fetcher, replayable(recheck)) if recheck is not None else fetcher,
            options,
            priority_hint(pack),
            on_progress,
            engine,
            renderer=renderer,
            stop_when=settled,
            doc_cache=doc_cache,
        )
        crawl = await crawler.crawl(start, deadline=crawl_deadline)
    finally:
        if own_fetcher:
            await fetcher.aclose()
        if renderer is not None:
            await renderer.aclose()
        if doc_cache is not None:
            doc_cache.close()
    if isinstance(fetcher, PoliteFetcher):
        # Count what the site really answered: retries and robots.txt go through the polite layer.
        sent = fetcher.stats.requests + crawl.counts.get("redirect_hops", 0)
        crawl.stats = crawl.stats.model_copy(update={"requests": max(crawl.stats.requests, sent)})
    down = _site_down(crawl, opts.max_seconds)
    # The why of it (the crawler's words, or the time budget), as CheckRun has always said it.
    site_error = str(render_arg(down.args["why"], lang)) if down is not None else None
    if down is not None:
        text = render_reason(down, lang)
        items = [
            ItemResult(
                id=i.id,
                title=i.title.th,
                indicator=i.indicator,
                status="unreachable",
                evidence=[],
                elements=[],
                reasons=[text],
                reason_codes=[down],
            )
            for i in pack.items
        ]
        name = None
    else:
        home_url = start if start in crawl.resources else next(iter(crawl.resources))
        content = SiteContent(home_url, crawl.resources, crawl.documents, unrendered=tuple(crawl.not_rendered))
        items = evaluate(pack, content, year, lang, deadline=deadline)
        home_doc = crawl.documents.get(home_url)
        name = (home_doc.title or None) if home_doc else None
    info = run_info(why or "first", now, full_every, recheck) if plans is not None else None
    report = SiteReport(
        tool=ToolInfo(version=__version__),
        site=SiteInfo(url=start, name=name),
        ruleset=RulesetInfo(id=pack.id, fiscal_year=year),
        started_at=started,
        finished_at=_now(),
        stats=crawl.stats,
        score=score(items),
        items=items,
        coverage=crawl.coverage().model_copy(update={"run": info}),
    )
    if plans is not None:
        _remember(plans, key, pack, crawl, report, now, down is None)
    return CheckRun(report, crawl, site_error, engine is not None)


def _remember(plans: PlanStore, key: str, pack: RulePack, crawl: CrawlResult, report: SiteReport,
              now: float, reached: bool) -> None:  # fmt: skip
    """Keep what this full crawl's verdicts rest on for the next run's re-check (none after a run that did not
    reach the site, stopped on its time budget, or rendered pages: a browser's page is not one response)."""
    seeds = None
    if reached and crawl.budget_exhausted != "time" and not crawl.stats.rendered:
        home = crawl.start_url if crawl.start_url in crawl.resources else next(iter(crawl.resources))
        content = SiteContent(home, crawl.resources, crawl.documents)
        seeds = seeds_of(crawl, report.items, sorted(find_index_pages(pack, content)))
    if seeds:
        plans.put(key, Plan(now, seeds, report.model_copy(update={"changes": None, "trend": None, "estimate": None})))
    else:
        plans.forget(key)
    plans.close()


async def _evidence_run(
    fetcher: Fetcher, own: bool, plans: PlanStore, plan: Plan, info: RunInfo, recheck: Recheck, start: str, started: str
) -> tuple[SiteReport, CrawlResult]:
    """Every seed answered as before: the previous verdicts stand (checker/rerun.py)."""
    if own:
        await fetcher.aclose()
    sent = fetcher.stats.requests if isinstance(fetcher, PoliteFetcher) else len(recheck.answers)
    crawl = evidence_crawl(start, recheck, sent)
    plans.close()
    return evidence_report(plan, info, started, _now(), crawl.stats), crawl


def _site_down(crawl: CrawlResult, max_seconds: float) -> Reason | None:
    """Why the site could not be checked at all (its home page did not open), with a hint when one helps;
    None when it could."""
    if not crawl.home_error:
        return None
    why: Reason | str = crawl.home_error  # the crawler's technical words ("TLS …", "HTTP 500")
    home_skipped = crawl.home.skipped_reason if crawl.home is not None else None
    if crawl.budget_exhausted == "time" and (home_skipped or "budget").startswith("budget"):
        why = reason("home_budget", seconds=f"{max_seconds:g}")
    hint: Reason | None = None
    if isinstance(why, str) and why.startswith("TLS"):
        hint = reason("tls_hint")
    elif crawl.home is not None and crawl.home.skipped_reason == "external":
        hint = reason("offsite_hint", target=crawl.home.final_url)
    elif crawl.home is not None and crawl.home.skipped_reason == "policy":
        hint = reason("private_hint")
    return reason("site_down", why=why, hint=reason("then_hint", hint=hint) if hint is not None else "")


def check_site(url: str, **kwargs: object) -> SiteReport:
    """Synchronous convenience wrapper for scripts: `check_site("https://…").score.percent`."""
    return asyncio.run(run_check(url, **kwargs)).report  # type: ignore[arg-type]
