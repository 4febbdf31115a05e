"""The web application's queue of checks: bounded, one job per site at a time, N running at once.

A submission becomes a WebJob at once (so 20 clerks pressing "check" together are all queued, none dropped,
until the bound is reached: then QueueFull, which the page says plainly). Workers are asyncio tasks that hand
each job to a Runner (checker/web/runners.py: in this process's threads, or Celery workers) and follow its
progress. A site already queued or running is not queued again: the clerk is sent to the job in progress.
Jobs are remembered in memory (the runs themselves are in the store): a restart forgets the queue, not a result.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from checker.jobs.run import JobOutcome, SiteJob

log = logging.getLogger("oitcheck.web")

State = Literal["queued", "running", "done", "failed"]
KEEP = 1000  # finished jobs remembered for their progress pages; older ones are found through their run


@dataclass(frozen=True)
class Progress:
    """What a running check has done so far (the crawl's counts and the items with a verdict)."""

    pages: int = 0
    documents: int = 0
    queued: int = 0
    settled: int = 0
    items: int = 0
    url: str = ""


class Runner(Protocol):
    def run(self, job: SiteJob, progress: Callable[[Progress], None]) -> JobOutcome:
        """Check one site, calling `progress` as it goes; blocking (the queue calls it in a thread)."""
        ...


class QueueFull(Exception):
    """The queue holds its bound of waiting jobs."""


@dataclass
class WebJob:
    id: str
    job: SiteJob
    site: str
    year: int
    client: str
    state: State = "queued"
    submitted: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    progress: Progress = field(default_factory=Progress)
    run_id: int | None = None
    error: str | None = None
    site_error: bool = False

    @property
    def done(self) -> bool:
        return self.state in ("done", "failed")


class JobQueue:
    """`limit` jobs may wait; `workers` run at once; a host is never checked by two jobs at once."""

    def __init__(self, runner: Runner, *, workers: int = 2, limit: int = 100) -> None:
        self.runner = runner
        self.workers = max(1, workers)
        self.limit = max(1, limit)
        self.jobs: OrderedDict[str, WebJob] = OrderedDict()
        self._waiting: list[WebJob] = []
        self._busy: set[str] = set()  # hosts being checked
        self._wake = asyncio.Condition()
        self._tasks: list[asyncio.Task[None]] = []
        # Its own threads, not the loop's default executor: asyncio.run waits for that one at exit, and a
        # stopping server must not wait for a crawl's whole budget (see abandoned()).
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="oitcheck-web-check")

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self._work(), name=f"oitcheck-web-{i}") for i in range(self.workers)]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        self._pool.shutdown(wait=False, cancel_futures=True)

    def abandoned(self) -> int:
        """Checks still running after stop(): their threads cannot be interrupted, so the command ends the
        process without waiting for them (their sites are not stored)."""
        return sum(1 for j in self.jobs.values() if j.state == "running")

    # -- submitting and reading

    def active(self, site: str, year: int) -> WebJob | None:
        """The job of this site and year that is queued or running, if any."""
        return next((j for j in self.jobs.values() if j.site == site and j.year == year and not j.done), None)

    async def submit(self, job: SiteJob, site: str, year: int, client: str) -> tuple[WebJob, bool]:
        """Queue a check; returns the job and whether it is new (False: that site was already on its way)."""
        async with self._wake:  # the look, the bound and the append at once: two presses cannot both pass
            known = self.active(site, year)
            if known is not None:
                return known, False
            if len(self._waiting) >= self.limit:
                raise QueueFull
            web = WebJob(uuid.uuid4().hex, job, site, year, client)
            self.jobs[web.id] = web
            self._forget_old()
            self._waiting.append(web)
            self._wake.notify()
        return web, True

    def get(self, job_id: str) -> WebJob | None:
        return self.jobs.get(job_id)

    def position(self, web: WebJob) -> int:
        """1 for the next job to start; 0 when it is not waiting."""
        try:
            return self._waiting.index(web) + 1
        except ValueError:
            return 0

    def waiting(self) -> int:
        return len(self._waiting)

    def running(self) -> int:
        return sum(1 for j in self.jobs.values() if j.state == "running")

    def recent(self, n: int = 20) -> list[WebJob]:
        return list(reversed(self.jobs.values()))[:n]

    def _forget_old(self) -> None:
        finished = [k for k, j in self.jobs.items() if j.done]
        for key in finished[: max(0, len(finished) - KEEP)]:
            del self.jobs[key]

    # -- working

    async def _next(self) -> WebJob:
        async with self._wake:
            while True:
                for web in self._waiting:
                    if web.job.lock_key not in self._busy:
                        self._waiting.remove(web)
                        self._busy.add(web.job.lock_key)
                        return web
                await self._wake.wait()

    async def _work(self) -> None:
        while True:
            web = await self._next()
            try:
                await self._run(web)
            finally:
                async with self._wake:
                    self._busy.discard(web.job.lock_key)
                    self._wake.notify_all()

    async def _run(self, web: WebJob) -> None:
        web.state, web.started = "running", time.time()

        def progress(p: Progress) -> None:  # from the runner's thread: one attribute swap, atomic under the GIL
            web.progress = p

        try:
            outcome = await asyncio.get_running_loop().run_in_executor(self._pool, self.runner.run, web.job, progress)
        except Exception as exc:  # a bug checking one site is that job's failure, not the server's end
            log.exception("checking %s failed", web.job.url)
            web.state, web.error = "failed", f"internal error: {exc}"
        else:
            web.run_id, web.site_error = outcome.run_id, outcome.site_error
            web.error = outcome.error
            web.state = "done" if outcome.run_id is not None and outcome.error is None else "failed"
            if web.state == "failed" and web.error is None:
                web.error = "the check ended without a stored run"
        finally:
            web.finished = time.time()
            if web.progress.items and web.state == "done":
                web.progress = replace(web.progress, settled=web.progress.items)
