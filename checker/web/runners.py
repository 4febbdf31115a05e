"""Where the web application's checks run: `LocalRunner` in this process's threads (the embedded default,
nothing to install), or Celery workers on other machines (checker/web/celery_runner.py). Both run the job
code of checker/jobs/run.py — the same `execute` as `oitcheck batch` — with a crawl that reports progress.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from checker.api import CheckRun
from checker.batch.engine import host_lock
from checker.commands.options import Settings
from checker.crawl.results import CrawlProgress
from checker.jobs.run import Crawl, JobOutcome, SiteJob, check_settings, execute
from checker.rules.schema import RulePack
from checker.web.jobs import Progress

PROGRESS_EVERY = 0.5  # seconds between progress reports: a page polls every second or two


class _Reporter:
    """Progress as the crawl and the early-stop check see it, sent at most every PROGRESS_EVERY seconds."""

    def __init__(self, report: Callable[[Progress], None], items: int) -> None:
        self.report = report
        self.last = Progress(items=items)
        self.sent = 0.0

    def send(self, p: Progress, force: bool = False) -> None:
        self.last = p
        now = time.monotonic()
        if force or now - self.sent >= PROGRESS_EVERY:
            self.sent = now
            self.report(p)

    def crawled(self, c: CrawlProgress) -> None:
        self.send(Progress(c.pages, c.documents, c.queued, self.last.settled, self.last.items, c.url))

    def settled(self, settled: int, total: int) -> None:
        self.send(Progress(self.last.pages, self.last.documents, self.last.queued, settled, total, self.last.url))


def progress_crawl(report: Callable[[Progress], None], private_site: bool = True) -> Crawl:
    """The job's crawl, as `default_crawl`, telling `report` what it has read and how many items are settled
    (at most every PROGRESS_EVERY seconds, and once at the end). `private_site=False` refuses a site whose
    own name resolves to a private address, for a server whose form anyone may fill in."""

    def crawl(s: Settings, pack: RulePack) -> CheckRun:
        reporter = _Reporter(report, len(pack.items))
        run = asyncio.run(
            check_settings(
                s, pack, on_progress=reporter.crawled, on_settled=reporter.settled, private_site=private_site
            )
        )
        stats = run.report.stats
        reporter.send(Progress(stats.pages, stats.documents, 0, reporter.last.settled, len(pack.items)), force=True)
        return run

    return crawl


class LocalRunner:
    """Checks in this process: each job opens the store for itself (a connection per thread) and holds the
    host's lock (a file lock beside an SQLite store, PostgreSQL's advisory lock), as the batch pool does, so a
    nightly batch on the same store and this server never check one host at once."""

    def __init__(self, store_spec: str) -> None:
        self.store_spec = store_spec
        self.lock_dir = None if "://" in store_spec else Path(store_spec).expanduser().resolve().parent

    def run(self, job: SiteJob, progress: Callable[[Progress], None]) -> JobOutcome:
        from checker.store.open import open_store

        store = open_store(self.store_spec)
        try:
            return execute(
                job,
                store,
                lambda j: host_lock(j, self.store_spec, self.lock_dir),
                crawl=progress_crawl(progress, job.private_site),
            )
        finally:
            store.close()
