"""The web application's checks on Celery workers (`oitcheck serve --engine celery`): a job goes to the
`oitcheck-web` queue (WEB_QUEUE, which workers read in turn with the batch's) as a batch's job would
(CeleryEngine: its time limits, its store rules), and the check's progress comes back through Redis, where
the worker writes it (checker/batch/celery_app.py `_publisher`).

A page must never wait for ever: a job no worker takes within `wait` seconds, or one still without a result
`slack` seconds past its hard time limit once a worker has it (that worker died), ends as a failed job, one line.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import suppress

import redis

from checker.batch.celery_app import _JOB_KEY, PROGRESS_KEY, RESULT_POLL, STORE_POLL, WEB_QUEUE, log, probe_broker
from checker.batch.celery_engine import CeleryEngine
from checker.commands.exits import EXIT_INTERNAL, EXIT_USAGE, UsageError
from checker.jobs.run import JobOutcome, SiteJob, reused_outcome
from checker.web.jobs import Progress

QUEUE_WAIT = 1800.0  # seconds a job may wait for a worker (a nightly batch may fill the queue before it)
SLACK = 15.0  # seconds past a job's hard time limit before its result is given up on


class CeleryRunner:
    """A Runner (checker/web/jobs.py) on Celery workers. Every run() has a CeleryEngine of its own — its own
    Redis connection, Celery app and store — so the queue's threads share nothing but these settings; setting
    one up costs a Redis ping, nothing next to a check."""

    def __init__(
        self,
        broker: str,
        store_spec: str,
        *,
        visibility: float | None = None,
        margin: float | None = None,
        wait: float = QUEUE_WAIT,
        slack: float = SLACK,
        poll: float = RESULT_POLL,
        store_poll: float = STORE_POLL,
    ) -> None:
        probe_broker(broker)  # a wrong --broker is one line when the server starts, not every job failing later
        self.broker, self.store_spec = broker, store_spec
        self.visibility, self.margin = visibility, margin
        self.wait, self.slack, self.poll, self.store_poll = wait, slack, poll, store_poll

    def run(self, job: SiteJob, progress: Callable[[Progress], None]) -> JobOutcome:
        """Queue the job, report its progress as it changes, return its outcome (blocking)."""
        try:
            engine = CeleryEngine(
                self.broker,
                self.store_spec,
                visibility=self.visibility,
                margin=self.margin,
                store_poll=self.store_poll,
                queue=WEB_QUEUE,  # not behind a night's batch: workers take from both queues in turn
            )
        except UsageError as exc:
            return JobOutcome(job.run_key, job.lock_key, None, EXIT_USAGE, False, False, str(exc))
        try:
            return self._follow(engine, job, progress)
        except UsageError as exc:  # the broker refused the job, or its time limit exceeds the visibility timeout
            return JobOutcome(job.run_key, job.lock_key, None, EXIT_USAGE, False, False, str(exc))
        finally:
            engine.close()

    def _follow(self, engine: CeleryEngine, job: SiteJob, progress: Callable[[Progress], None]) -> JobOutcome:
        hard = engine._limits(job)[1]
        tid = engine._send([job])[0].task_id
        watch = _Watch(engine.redis, tid, progress)
        running, since = False, time.monotonic()  # the job's state (taken by a worker or not) and since when
        next_store_look = since + self.store_poll
        try:
            while True:
                for _tid, outcome in engine._results([tid]):
                    watch.look()  # the worker's last report comes just before its result
                    return engine._checked(job, outcome)
                now, taken = time.monotonic(), watch.look()
                if taken is not None and taken != running:
                    running, since = taken, now
                if now >= next_store_look:  # the result went missing (Redis restarted): the store has the last word
                    if (known := engine._find(job.run_key)) is not None:
                        return reused_outcome(job.run_key, known)
                    next_store_look = now + self.store_poll
                bound = hard + self.slack if running else self.wait
                if now - since > bound:
                    why = (
                        f"no result from the Celery worker {bound:g} s after it started checking {job.url}"
                        if running
                        else f"no Celery worker took the check of {job.url} within {bound:g} s: is one running?"
                    )
                    return engine._checked(job, JobOutcome(job.run_key, "", None, EXIT_INTERNAL, False, False, why))
                time.sleep(self.poll)
        finally:
            watch.forget()


class _Watch:
    """What the worker says about one task in Redis: its progress report, and whether a worker has it now (the
    delivery count the task keeps in its job mark)."""

    def __init__(self, client: redis.Redis, task_id: str, progress: Callable[[Progress], None]) -> None:
        self.client, self.task_id, self.progress = client, task_id, progress
        self.last: bytes | None = None

    def look(self) -> bool | None:
        """Report new progress; whether a worker has the task (None: Redis cannot say now)."""
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.get(PROGRESS_KEY + self.task_id)
            pipe.hget(_JOB_KEY + self.task_id, "deliveries")
            raw, deliveries = pipe.execute()
        except redis.RedisError as exc:
            log.warning("cannot read the progress of job %s: %s", self.task_id, exc)
            return None
        if raw is not None and raw != self.last:
            self.last = raw
            if (p := _progress(raw)) is not None:
                self.progress(p)
        return int(deliveries or 0) > 0

    def forget(self) -> None:
        with suppress(redis.RedisError):  # else it expires on its own
            self.client.delete(PROGRESS_KEY + self.task_id)


def _progress(raw: bytes) -> Progress | None:
    try:
        d = json.loads(raw)
        return Progress(
            int(d.get("pages", 0)),
            int(d.get("documents", 0)),
            int(d.get("queued", 0)),
            int(d.get("settled", 0)),
            int(d.get("items", 0)),
            str(d.get("url", "")),
        )
    except (ValueError, TypeError, AttributeError):
        return None
