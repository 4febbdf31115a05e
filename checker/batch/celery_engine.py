"""The coordinator of a batch on Celery workers (`oitcheck batch --engine celery --broker redis://…`): queues
the jobs, follows their results and the store, yields outcomes. The app, its settings and the task that workers
run are in checker/batch/celery_app.py (`celery -A checker.batch.celery_engine worker` still finds the app here).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache

import redis
from celery import Celery

from checker.batch.celery_app import (
    _FINAL,
    _JOB_KEY,
    CONNECT_TIMEOUT,
    DEFAULT_BUDGET,
    KEEP,
    QUEUE,
    RESULT_POLL,
    RETRY_AFTER,
    STORE_POLL,
    STORE_POLL_BATCH,
    TASK,
    VISIBILITY_ENV,
    app,
    configure,
    host_label,
    log,
    probe_broker,
    redact_url,
    serve_store,
    time_limits,
    visibility_default,
    wire_store,
)
from checker.commands.exits import EXIT_INTERNAL, UsageError
from checker.jobs.run import JobOutcome, SiteJob, reused_outcome
from checker.store import RunRecord, Store, StoreError

__all__ = [  # the app lives in celery_app; `celery -A checker.batch.celery_engine` and older imports find it here
    "QUEUE", "TASK", "CeleryEngine", "app", "configure", "host_label", "probe_broker", "redact_url",
    "serve_store", "visibility_default", "wire_store",
]  # fmt: skip

# --------------------------------------------------------------------------- the coordinator


def task_id(job: SiteJob) -> str:
    """A job's task id: fixed by its run key, so a batch resumed later finds the results of jobs it queued."""
    if job.run_key:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "oitcheck:" + job.run_key))
    return str(uuid.uuid4())


@lru_cache(maxsize=256)
def _budget(config: str | None, argv: tuple[str, ...]) -> float:
    """The check's --max-seconds as the worker will resolve it (the batch's flags, the site's config)."""
    from checker.jobs.run import job_settings

    try:
        return float(job_settings(SiteJob("http://budget.invalid/", config=config, argv=argv)).options.max_seconds)
    except Exception:  # the worker will report what is wrong with the job
        return DEFAULT_BUDGET


@dataclass(frozen=True)
class _Sent:
    job: SiteJob
    task_id: str


class CeleryEngine:
    """`oitcheck batch --engine celery`: jobs go to the `oitcheck` queue of the broker; outcomes come back
    through the result backend (the same Redis), and the store has the last word: a job whose run is stored
    under its key is done, whatever became of its result."""

    def __init__(
        self,
        broker: str,
        store_spec: str,
        *,
        visibility: float | None = None,
        margin: float | None = None,
        poll: float = RESULT_POLL,
        store_poll: float = STORE_POLL,
        connect_timeout: float = CONNECT_TIMEOUT,
        queue: str = QUEUE,
    ) -> None:
        probe_broker(broker, connect_timeout)
        self.queue = queue
        self.broker = broker
        self.store_spec = store_spec
        self.visibility = visibility_default() if visibility is None else float(visibility)
        self.margin = margin
        self.poll = poll
        self.store_poll = store_poll
        self._app: Celery | None = None
        self._redis: redis.Redis | None = None
        self._store: Store | None = None

    # -- connections

    @property
    def celery(self) -> Celery:
        if self._app is None:
            self._app = configure(Celery("oitcheck-batch", set_as_current=False), self.broker, self.visibility)
        return self._app

    @property
    def redis(self) -> redis.Redis:
        if self._redis is None:
            self._redis = redis.Redis.from_url(self.broker, socket_connect_timeout=CONNECT_TIMEOUT, socket_timeout=30)
        return self._redis

    def _open_store(self) -> Store:
        if self._store is None:
            from checker.store.open import open_store

            self._store = open_store(self.store_spec)
        return self._store

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
            self._app = None
        if self._redis is not None:
            self._redis.close()
            self._redis = None
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- queueing

    def _limits(self, job: SiteJob) -> tuple[float, float]:
        soft, hard = time_limits(_budget(job.config, job.argv), self.margin)
        if hard + RETRY_AFTER[1] >= self.visibility:
            raise UsageError(
                f"{job.url}: a check may run {hard:g} s here, but the broker hands a job to another worker after "
                f"{self.visibility:g} s (visibility timeout): set {VISIBILITY_ENV} above {hard + RETRY_AFTER[1]:g} "
                "on the workers and here, or lower --max-seconds"
            )
        return soft, hard

    def _in_flight(self, ids: Sequence[str]) -> set[str]:
        """The task ids queued earlier (a mark in Redis) whose result is not final yet."""
        backend = self.celery.backend
        found: set[str] = set()
        for start in range(0, len(ids), 1000):
            chunk = list(ids[start : start + 1000])
            pipe = self.redis.pipeline()
            for tid in chunk:
                pipe.exists(_JOB_KEY + tid)
            marks = pipe.execute()
            metas = self.redis.mget([backend.get_key_for_task(tid) for tid in chunk])
            for tid, mark, raw in zip(chunk, marks, metas, strict=True):
                status = backend.decode_result(raw)["status"] if raw is not None else "PENDING"
                if mark and status not in _FINAL:
                    found.add(tid)
        return found

    def _send(self, jobs: Sequence[SiteJob]) -> list[_Sent]:
        sent = [_Sent(job, task_id(job)) for job in jobs]
        limits = [self._limits(s.job) for s in sent]  # every UsageError before anything is queued
        spec = wire_store(self.store_spec)
        try:
            running = self._in_flight([s.task_id for s in sent])
            backend = self.celery.backend
            for s, (soft, hard) in zip(sent, limits, strict=True):
                if s.task_id in running:
                    continue  # queued by an earlier run of this batch (--no-wait, or interrupted): not twice
                pipe = self.redis.pipeline()
                pipe.delete(backend.get_key_for_task(s.task_id))  # an old result (failed) must not be read as new
                pipe.delete(_JOB_KEY + s.task_id)
                pipe.hset(_JOB_KEY + s.task_id, "queued", str(time.time()))
                pipe.expire(_JOB_KEY + s.task_id, KEEP)
                pipe.execute()
                self.celery.send_task(
                    TASK,
                    args=(s.job.to_dict(), spec),
                    task_id=s.task_id,
                    queue=self.queue,
                    soft_time_limit=soft,
                    time_limit=hard,
                )
        except (redis.RedisError, OSError) as exc:
            raise UsageError(f"cannot queue jobs on the Celery broker {redact_url(self.broker)}: {exc}") from None
        except Exception as exc:
            if type(exc).__module__.startswith(("kombu", "redis", "celery")):
                raise UsageError(f"cannot queue jobs on the Celery broker {redact_url(self.broker)}: {exc}") from None
            raise
        return sent

    def submit(self, jobs: Sequence[SiteJob]) -> int:
        """Queue the jobs and return how many are queued (jobs still queued from before are not sent again)."""
        return len(self._send(jobs))

    # -- collecting

    def run(self, jobs: Sequence[SiteJob]) -> Iterator[JobOutcome]:
        """Queue the jobs, then yield each outcome as its job finishes (any order)."""
        pending: dict[str, SiteJob] = {}
        for s in self._send(jobs):
            pending.setdefault(s.task_id, s.job)
        next_store_look = time.monotonic() + self.store_poll
        order = list(pending)
        cursor = 0
        while pending:
            for tid, outcome in self._results(list(pending)):
                job = pending.pop(tid, None)
                if job is not None:
                    yield self._checked(job, outcome)
            if pending and time.monotonic() >= next_store_look:
                order = [t for t in order if t in pending]
                cursor %= max(1, len(order))
                look = order[cursor : cursor + STORE_POLL_BATCH]
                cursor += len(look)
                for tid, known in self._stored(look, pending):
                    job = pending.pop(tid)
                    yield reused_outcome(job.run_key, known)
                next_store_look = time.monotonic() + self.store_poll
            if pending:
                time.sleep(self.poll)

    def _results(self, ids: Sequence[str]) -> Iterable[tuple[str, JobOutcome]]:
        backend = self.celery.backend
        done: list[tuple[str, JobOutcome]] = []
        for start in range(0, len(ids), 1000):
            chunk = list(ids[start : start + 1000])
            try:
                values = self.redis.mget([backend.get_key_for_task(tid) for tid in chunk])
            except redis.RedisError as exc:
                log.warning("cannot read results from %s: %s", redact_url(self.broker), exc)
                return done
            for tid, raw in zip(chunk, values, strict=True):
                if raw is None:
                    continue
                meta = backend.decode_result(raw)
                status = meta.get("status")
                if status == "SUCCESS" and isinstance(meta.get("result"), dict):
                    done.append((tid, JobOutcome.from_dict(meta["result"])))
                elif status in ("FAILURE", "REVOKED"):
                    done.append((tid, _failure(meta.get("result"), status)))
        return done

    def _find(self, run_key: str | None) -> RunRecord | None:
        """The run stored under the key; None when there is none or the store cannot say now (asked again later)."""
        if not run_key:
            return None
        try:
            return self._open_store().find(run_key)
        except StoreError as exc:
            log.warning("%s", exc)
            if self._store is not None:
                with suppress(Exception):
                    self._store.close()
                self._store = None
            return None

    def _stored(self, ids: Sequence[str], pending: dict[str, SiteJob]) -> list[tuple[str, RunRecord]]:
        found = []
        for tid in ids:
            known = self._find(pending[tid].run_key)
            if known is not None:
                found.append((tid, known))
        return found

    def _checked(self, job: SiteJob, outcome: JobOutcome) -> JobOutcome:
        """A failed job whose run is in the store anyway (it failed after saving) is the stored run."""
        if outcome.run_id is None and (known := self._find(job.run_key)) is not None:
            return reused_outcome(job.run_key, known)
        if outcome.error and not outcome.site:
            return JobOutcome(job.run_key, job.lock_key, None, outcome.exit_code, False, False, outcome.error)
        return outcome


def _failure(result: object, status: str) -> JobOutcome:
    """A task that ended in an exception (its time limit, a worker error)."""
    if isinstance(result, dict):
        kind = str(result.get("exc_type") or "error")
        message = result.get("exc_message")
        text = " ".join(str(m) for m in message) if isinstance(message, list | tuple) else str(message or "")
    else:
        kind, text = status.lower(), str(result or "")
    if kind == "TimeLimitExceeded":
        why = f"the check ran past its time limit ({text} s) and was stopped" if text else "time limit exceeded"
    else:
        why = f"worker error: {kind}" + (f": {text}" if text else "")
    return JobOutcome(None, "", None, EXIT_INTERNAL, False, False, why)
