"""Evidence-first re-checks: a nightly run asks the site only about what the last full crawl's verdicts rest on.

A full crawl revalidates every page it reads (conditional GETs, checker/crawl/cache.py), but on a slow host
each revalidation still costs a round trip under the politeness limits, and most of a site is not evidence.
So after a full crawl a *plan* is kept (checker/crawl/plans.py): the report and its seeds. The next run
revalidates the seeds first, all at once within the host's request slots:

- every seed answers the same (304, or the same bytes): the previous verdicts stand, nothing is read again,
  and the report says it was an evidence run and when the full crawl behind it ran;
- anything answers differently (a document changed, a link on the ITA page moved, a page fails): a full
  crawl follows in the same run, from the home page. The seeds' answers of this run are served to it once,
  so nothing is asked twice. Judging only the part of the site around a change would make verdicts depend on
  which pages happened to be read (an unopened link turns an item to review); correctness comes first.

A full crawl also runs when there is no plan (first run, another pack, year, language, budget or oitcheck
version), when asked (`--full`), and when the last one is older than `full_every` days (default 7): what an
evidence run cannot see — a new document linked only from a page deep in a menu — waits at most that long.
No verdict rests on a copy that was not revalidated in the run that reports it.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from checker.crawl.fetcher import Fetcher, FetchResult
from checker.crawl.plans import Plan, Seed
from checker.crawl.rendering import is_route
from checker.crawl.results import CrawlOptions, CrawlResult
from checker.extract.kinds import looks_like_document_url
from checker.models import Coverage, Resource, RunInfo, RunWhy, SiteReport, Stats

FULL_EVERY_DAYS = 7.0
MAX_LISTED = 20  # changed addresses named in the report
REPLAY_BYTES = 256_000_000  # this run's answers kept for the full crawl that follows a change, at most


@dataclass(frozen=True)
class Recheck:
    answers: dict[str, FetchResult]  # what each seed answered in this run
    changed: list[str]  # seeds whose answer differs from the full crawl's
    seconds: float


def full_reason(plan: Plan | None, full: bool, full_every: float, now: float) -> RunWhy | None:
    """Why this run must crawl in full, or None when an evidence re-check may do."""
    if full:
        return "requested"
    if plan is None:
        return "first"
    if full_every <= 0 or now - plan.full_at >= full_every * 86400:
        return "schedule"
    return None


async def revalidate(fetcher: Fetcher, seeds: Mapping[str, Seed], options: CrawlOptions) -> Recheck:
    """Ask for every seed at once; the polite fetcher keeps to the host's slots and spacing."""
    began = time.monotonic()

    async def one(url: str) -> tuple[str, FetchResult]:
        if is_route(url):  # a page only a browser shows cannot be revalidated by a request
            return url, FetchResult(url=url, final_url=url, status=None, skipped="route")
        cap = options.max_document_bytes if looks_like_document_url(url) else options.max_page_bytes
        return url, await fetcher.fetch(url, cap)

    answers = dict(await asyncio.gather(*(one(u) for u in seeds)))
    changed = [u for u, seed in seeds.items() if not same_answer(seed, answers[u])]
    return Recheck(answers, changed, time.monotonic() - began)


def same_answer(seed: Seed, got: FetchResult) -> bool:
    """The site answered as it did on the full crawl: same status and address, and the same bytes (a 304 is
    the stored bytes); an address that failed then counts as the same when it fails the same way now."""
    if got.skipped or got.off_site or got.truncated:
        return False
    if got.status != seed.status or got.final_url != seed.final_url:
        return False
    if seed.digest is None:
        return not (got.status is not None and 200 <= got.status < 300 and not got.error)
    return not got.error and hashlib.sha256(got.body).hexdigest() == seed.digest


def replayable(recheck: Recheck) -> dict[str, FetchResult]:
    """The answers a following full crawl may use instead of asking again (bounded in memory)."""
    kept: dict[str, FetchResult] = {}
    total = 0
    for url, got in sorted(recheck.answers.items(), key=lambda kv: len(kv[1].body)):
        total += len(got.body)
        if got.skipped or total > REPLAY_BYTES:
            continue
        kept[url] = got
    return kept


class Replay:
    """A fetcher that answers each address revalidated earlier in this run once, from that answer, and asks
    the site for everything else: a seed is never requested twice in one run."""

    def __init__(self, inner: Fetcher, answers: dict[str, FetchResult]) -> None:
        self._inner = inner
        self._answers = answers

    async def fetch(self, url: str, max_bytes: int) -> FetchResult:
        got = self._answers.pop(url, None)
        if got is not None and len(got.body) <= max_bytes:
            return got
        return await self._inner.fetch(url, max_bytes)

    async def aclose(self) -> None:
        await self._inner.aclose()

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)  # the polite layer's request slots (rendering) and statistics


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def run_info(why: RunWhy, full_at: float, full_every: float, recheck: Recheck | None) -> RunInfo:
    """What the report says about the kind of run: an evidence run when the seeds stood, else a full one."""
    changed = recheck.changed if recheck is not None else []
    return RunInfo(
        kind="evidence" if why == "unchanged" else "full",
        why=why,
        revalidated=len(recheck.answers) if recheck is not None else 0,
        changed=changed[:MAX_LISTED],
        full_crawl_at=iso(full_at),
        next_full_at=iso(full_at + full_every * 86400) if full_every > 0 else None,
    )


def evidence_report(plan: Plan, info: RunInfo, started: str, finished: str, stats: Stats) -> SiteReport:
    """The previous report with this run's times, requests and kind: same verdicts, same evidence."""
    coverage = (plan.report.coverage or Coverage()).model_copy(update={"run": info})
    return plan.report.model_copy(
        update={"started_at": started, "finished_at": finished, "stats": stats, "coverage": coverage}
    )


def evidence_crawl(start: str, recheck: Recheck, requests: int) -> CrawlResult:
    """The re-check as a CrawlResult (what callers and benchmarks read): the seeds asked, nothing read."""
    resources = {
        url: Resource(url=url, final_url=got.final_url, status=got.status, content_type=got.content_type)
        for url, got in recheck.answers.items()
    }
    counts = {"requests": requests, "from_cache": sum(1 for g in recheck.answers.values() if g.from_cache)}
    stats = Stats(requests=requests, bytes=sum(len(g.body) for g in recheck.answers.values() if not g.from_cache))
    return CrawlResult(start, resources.get(start), resources, {}, stats, counts=counts, seconds=recheck.seconds)
