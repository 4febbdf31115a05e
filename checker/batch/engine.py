"""Where a batch's jobs run. The embedded default is a pool of local worker processes (nothing to install);
checker/batch/celery_engine.py sends the same jobs to Celery workers on other machines. Both run the job code
of checker/jobs/run.py and yield a JobOutcome per site as sites finish.

The local pool keeps two promises of a polite crawler across jobs: one host is never checked by two jobs at
once (jobs are handed out only when their host is idle, and each job holds the host's lock), and a worker
process that dies (out of memory, killed) loses only its job, which is handed out again once.
"""

from __future__ import annotations

import multiprocessing
import signal
import traceback
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from checker.commands.exits import EXIT_INTERNAL
from checker.jobs.run import JobOutcome, SiteJob, execute
from checker.store import Store

MAX_ATTEMPTS = 2  # a job whose worker died twice is reported, not retried forever
TASKS_PER_CHILD = 100  # a fresh worker process now and then, as Celery's workers (caches are bounded anyway)


class Engine(Protocol):
    def run(self, jobs: Sequence[SiteJob]) -> Iterator[JobOutcome]:
        """Run every job; yield each outcome as it finishes (any order)."""
        ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- inside a worker process

_store: Store | None = None
_store_spec = ""
_lock_dir: Path | None = None


def worker_init(store_spec: str, lock_dir: str | None) -> None:
    """Once per worker process: the store stays open across jobs (one connection per worker)."""
    global _store, _store_spec, _lock_dir
    from checker.store.open import open_store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle: it stops the pool
    _store_spec, _lock_dir = store_spec, Path(lock_dir) if lock_dir else None
    _store = open_store(store_spec)


def host_lock(job: SiteJob, store_spec: str, lock_dir: Path | None) -> AbstractContextManager[object]:
    """The job's host lock: PostgreSQL's advisory lock when the store is PostgreSQL (workers on several
    machines), else a file lock next to the store. Waits: the other job on this host will finish."""
    from checker.operations.pglock import site_lock

    return site_lock("host:" + job.lock_key, lock_dir=lock_dir, store_spec=store_spec, wait=float("inf"))


def work(job_data: dict[str, object]) -> dict[str, object]:
    """One job in a worker process. Never raises: a bug checking one site is that site's error, not the
    batch's end (the traceback goes to the worker's stderr)."""
    job = SiteJob.from_dict(job_data)
    try:
        if _store is None:
            raise RuntimeError("worker not initialised")
        outcome = execute(job, _store, lambda j: host_lock(j, _store_spec, _lock_dir))
    except Exception as exc:
        traceback.print_exc()
        outcome = JobOutcome(job.run_key, job.lock_key, None, EXIT_INTERNAL, False, False, f"internal error: {exc}")
    return outcome.to_dict()


# --------------------------------------------------------------------------- the pool


class LocalEngine:
    """`--workers N` processes on this machine."""

    def __init__(self, store_spec: str, workers: int, lock_dir: Path | None) -> None:
        self.store_spec = store_spec
        self.workers = max(1, workers)
        self.lock_dir = lock_dir
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),  # no inherited threads, loops or browser handles
            max_tasks_per_child=TASKS_PER_CHILD,
            initializer=worker_init,
            initargs=(self.store_spec, str(self.lock_dir) if self.lock_dir else None),
        )

    def run(self, jobs: Sequence[SiteJob]) -> Iterator[JobOutcome]:
        pending = deque(jobs)
        attempts: dict[int, int] = {}
        running: dict[Future[dict[str, object]], tuple[int, SiteJob]] = {}
        busy: set[str] = set()
        index = {id(job): i for i, job in enumerate(jobs)}
        self._pool = self._new_pool()
        while pending or running:
            for _ in range(len(pending)):
                if len(running) >= self.workers:
                    break
                job = pending.popleft()
                if job.lock_key in busy:
                    pending.append(job)  # its host is being checked: later
                    continue
                busy.add(job.lock_key)
                running[self._pool.submit(work, job.to_dict())] = (index[id(job)], job)
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                i, job = running.pop(future)
                busy.discard(job.lock_key)
                try:
                    yield JobOutcome.from_dict(future.result())
                except BrokenProcessPool:
                    broken = True
                    attempts[i] = attempts.get(i, 0) + 1
                    if attempts[i] >= MAX_ATTEMPTS:
                        why = f"a worker process died twice checking {job.url} (out of memory?)"
                        yield JobOutcome(job.run_key, job.lock_key, None, EXIT_INTERNAL, False, False, why)
                    else:
                        pending.appendleft(job)
            if broken:  # every running job of a broken pool fails with it: hand them out again
                for future, (_, job) in list(running.items()):
                    future.cancel()
                    busy.discard(job.lock_key)
                    pending.appendleft(job)
                running.clear()
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
        self.close()

    def close(self) -> None:
        """Stop at once: queued jobs are cancelled and running ones ended (their sites are not stored, so
        `--resume` checks them again); waiting for a running crawl could take its whole time budget."""
        if self._pool is not None:
            processes = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            self._pool = None
