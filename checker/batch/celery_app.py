"""The Celery side of a batch: the app, its settings and the task a worker runs (`oitcheck worker`).

The same job as the local pool (checker/jobs/run.py `execute`), sent as JSON through Redis to workers on any
number of machines that share one store (PostgreSQL). What makes it lose nothing and store nothing twice
(docs/distributed.md says why each setting is what it is):

- late acknowledgement (`task_acks_late`): a message is acknowledged when its job has finished, so a worker that
  dies mid-job leaves it unacknowledged in Redis; `task_reject_on_worker_lost` puts it back at once when only a
  pool process died; when the whole worker (or machine) died, Redis hands it out again once the visibility
  timeout has passed since it was delivered. The visibility timeout is therefore longer than any job may run
  (its hard time limit), or a job still running would be handed to a second worker.
- time limits per job from its own budget (`--max-seconds` + a margin): a hung check is killed, not waited for.
- one message per worker process at a time (`worker_prefetch_multiplier=1`): jobs are minutes long.
- idempotent run keys: a second delivery of a job finds the run stored under its key and crawls nothing; two
  deliveries at once are kept apart by the host lock (PostgreSQL advisory lock) and the store's unique key.
  A job whose host is locked by another job is retried a few seconds later rather than blocking a worker.
- a job whose worker died MAX_DELIVERIES times (a site that makes the crawler run out of memory) is reported as
  not checked instead of being handed out for ever.

While a job runs, its worker writes the check's progress to Redis (PROGRESS_KEY + task id), for the web
application that queued it (checker/web/celery_runner.py); a progress write never fails a check.

Only JSON crosses the broker (never pickle), and the store's address crosses it without its password: the
worker saves into the store it was started with (`--store`) after checking it is the batch's store.
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import socket
import time
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import redis
from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded

from checker.commands.exits import EXIT_INTERNAL, EXIT_USAGE, UsageError
from checker.jobs.run import JobOutcome, SiteJob, execute
from checker.operations.lock import LockBusy
from checker.store import Store, StoreError

if TYPE_CHECKING:
    from checker.web.jobs import Progress

log = logging.getLogger("oitcheck.worker")

QUEUE = "oitcheck"
# Checks started from the web page (oitcheck serve): a queue of their own, which workers read along with the
# batch's (kombu takes from non-empty queues in turn), so a clerk's check does not wait behind a night's batch.
WEB_QUEUE = "oitcheck-web"
TASK = "oitcheck.check_site"
BROKER_ENV = "OITCHECK_BROKER"  # for `celery -A checker.batch.celery_engine worker`
STORE_ENV = "OITCHECK_STORE"  # the store such a worker saves into
VISIBILITY_ENV = "OITCHECK_CELERY_VISIBILITY"  # seconds; the same value on the workers and the coordinator
DEFAULT_VISIBILITY = 1800.0  # room for jobs of up to --max-seconds ≈ 1400 (see time_limits)
DEFAULT_BUDGET = 600.0  # a check's --max-seconds when neither the batch nor the site's config says
MAX_DELIVERIES = 3  # a job is handed out at most this often (a worker died the other times)
LOCK_WAIT = 2.0  # seconds a job waits for its host's lock before it is put back to be retried
RETRY_AFTER = (3.0, 10.0)  # a job whose host is busy is retried after this many seconds (random, in range)
MAX_LOCK_RETRIES = 3000  # ≈ 5 hours of a busy host
CONNECT_TIMEOUT = 5.0  # seconds to reach the broker
KEEP = 3 * 86_400  # seconds results and job marks stay in Redis (a batch is collected within days)
RESULT_POLL = 0.5  # seconds between result checks in `run`
STORE_POLL = 10.0  # seconds between looks in the store for jobs whose result went missing
STORE_POLL_BATCH = 500  # jobs looked up per store look
_SCHEMES = ("redis", "rediss")
_FINAL = ("SUCCESS", "FAILURE", "REVOKED")
_JOB_KEY = "oitcheck:job:"  # hash per task id: queued (set by the coordinator), deliveries (counted by workers)
PROGRESS_KEY = "oitcheck:progress:"  # + task id: the running check's Progress as JSON (checker/web/celery_runner.py)
PROGRESS_TTL = 3600  # seconds a progress report stays in Redis
PROGRESS_TIMEOUT = 2.0  # seconds a progress write may take: a slow Redis must not eat the check's budget
PROGRESS_PAUSE = 30.0  # seconds without progress writes after one failed


# --------------------------------------------------------------------------- configuration


def visibility_default() -> float:
    """The visibility timeout: $OITCHECK_CELERY_VISIBILITY seconds, else DEFAULT_VISIBILITY."""
    raw = os.environ.get(VISIBILITY_ENV, "").strip()
    if not raw:
        return DEFAULT_VISIBILITY
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{VISIBILITY_ENV} must be a number of seconds, not {raw!r}") from None
    if not 1 <= value <= 7 * 86_400:
        raise UsageError(f"{VISIBILITY_ENV} must be 1 s to 7 days, not {raw!r}")
    return value


def time_limits(budget: float, margin: float | None = None) -> tuple[float, float]:
    """(soft, hard) time limits of a job whose check has `budget` seconds: the check stops itself at its budget
    (and keeps a reserve to judge what it read), so the limits only catch a check that hangs. Margin: a quarter
    of the budget, at least 30 s (600 s → soft 675, hard 750)."""
    extra = max(30.0, 0.25 * budget) if margin is None else margin
    return budget + extra / 2, budget + extra


def redact_url(url: str) -> str:
    """The broker URL for messages: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def check_broker_url(url: str) -> str:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise UsageError(f"--broker must be a Redis address (redis://HOST:PORT/DB or rediss://…), not {url!r}")
    return url


def probe_broker(url: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """UsageError, one line naming the broker, when it cannot be reached within about `timeout` seconds."""
    check_broker_url(url)
    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as exc:
        why = " ".join(str(exc).split()) or type(exc).__name__
        raise UsageError(
            f"cannot reach the Celery broker {redact_url(url)}: {why}; start redis-server there or fix --broker"
        ) from None
    finally:
        client.close()


def configure(target: Celery, broker: str, visibility: float | None = None) -> Celery:
    """Point `target` at `broker` (also the result backend) with the settings every oitcheck app uses."""
    vis = visibility_default() if visibility is None else float(visibility)
    soft, hard = time_limits(DEFAULT_BUDGET)
    target.conf.update(
        broker_url=broker,
        result_backend=broker,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        task_default_queue=QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,  # a job that failed or hit its time limit is reported, not re-run
        worker_prefetch_multiplier=1,
        worker_max_tasks_per_child=100,  # a fresh process now and then: browsers and parsers leak a little
        task_time_limit=hard,  # per job from its budget (CeleryEngine); these for a job sent by hand
        task_soft_time_limit=soft,
        result_expires=KEEP,
        broker_connection_retry_on_startup=True,
        worker_cancel_long_running_tasks_on_connection_loss=False,  # the unacked job stays in Redis; the store decides
        worker_send_task_events=False,
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1},
        broker_transport_options={
            "visibility_timeout": vis,
            # How often a worker looks for jobs whose worker died (kombu's default is every ~100 s).
            "unacked_restore_interval": max(1, min(60, math.floor(vis / 10))),
            "unacked_restore_throttle": 1,
            "socket_connect_timeout": CONNECT_TIMEOUT,
            "socket_keepalive": True,
        },
        redis_socket_connect_timeout=CONNECT_TIMEOUT,
        redis_socket_keepalive=True,
    )
    return target


app = Celery("oitcheck")
app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"])
if os.environ.get(BROKER_ENV):  # `celery -A checker.batch.celery_engine worker` with the address in the environment
    configure(app, os.environ[BROKER_ENV])


# --------------------------------------------------------------------------- the store's address on the wire


def wire_store(spec: str) -> str:
    """The store as a job names it: a PostgreSQL address without its password, or a SQLite file's absolute path."""
    from checker.store.open import describe_store, is_postgres

    return describe_store(spec) if is_postgres(spec) else str(Path(spec).expanduser().resolve())


_own_store: str | None = None  # the store this worker was started with (`oitcheck worker --store`)


def serve_store(spec: str) -> None:
    """This worker saves into `spec`: open it once now (StoreError, one line, if it cannot be used)."""
    global _own_store
    from checker.store.open import open_store

    open_store(spec).close()
    _own_store = spec


def _store_for(wanted: str) -> str:
    own = _own_store or os.environ.get(STORE_ENV) or None
    if own is None:
        return wanted  # a worker without a store of its own uses the batch's (a password from PGPASSFILE etc.)
    if wire_store(own) != wanted:
        raise UsageError(
            f"this worker saves to {wire_store(own)} but the batch to {wanted}: start a worker with --store for it"
        )
    return own


# --------------------------------------------------------------------------- inside a worker process

_stores: dict[str, Store] = {}
_clients: dict[tuple[int, str, float], redis.Redis] = {}


def _store(spec: str) -> Store:
    """One open store per store address in each worker process."""
    store = _stores.get(spec)
    if store is None:
        from checker.store.open import open_store

        store = _stores[spec] = open_store(spec)
    return store


def _drop_store(spec: str) -> None:
    store = _stores.pop(spec, None)
    if store is not None:
        with suppress(Exception):  # a broken connection may not even close
            store.close()


def _client(url: str, timeout: float = 30.0) -> redis.Redis:
    key = (os.getpid(), url, timeout)  # a connection is not shared across fork
    client = _clients.get(key)
    if client is None:
        client = _clients[key] = redis.Redis.from_url(
            url, socket_connect_timeout=min(timeout, CONNECT_TIMEOUT), socket_timeout=timeout
        )
    return client


def _deliveries(task_id: str, step: int) -> int:
    """Count this job's deliveries in Redis (0 when Redis cannot say: the job then runs)."""
    try:
        key = _JOB_KEY + task_id
        client = _client(str(app.conf.broker_url))
        pipe = client.pipeline()
        pipe.hincrby(key, "deliveries", step)
        pipe.expire(key, KEEP)
        return int(pipe.execute()[0])
    except redis.RedisError:
        return 0


def _finished(task_id: str) -> None:
    with suppress(redis.RedisError):
        _client(str(app.conf.broker_url)).delete(_JOB_KEY + task_id)


def _publisher(task_id: str) -> Callable[[Progress], None]:
    """Where the check's progress goes: Redis, for the web application that queued it to show. Best effort: a
    write that fails is logged and the next ones skipped for PROGRESS_PAUSE seconds; the check goes on."""
    key = PROGRESS_KEY + task_id
    paused_until = 0.0

    def publish(p: Progress) -> None:
        nonlocal paused_until
        if time.monotonic() < paused_until:
            return
        try:
            _client(str(app.conf.broker_url), PROGRESS_TIMEOUT).setex(key, PROGRESS_TTL, json.dumps(asdict(p)))
        except redis.RedisError as exc:
            paused_until = time.monotonic() + PROGRESS_PAUSE
            log.warning("cannot report the progress of job %s: %s", task_id, exc)

    return publish


def _lock(job: SiteJob, spec: str) -> AbstractContextManager[object]:
    """The host lock of checker/batch/engine.py `host_lock` (same key), waiting only LOCK_WAIT seconds."""
    from checker.operations.pglock import site_lock
    from checker.store.open import is_postgres

    lock_dir = None if is_postgres(spec) else Path(spec).expanduser().resolve().parent
    return site_lock("host:" + job.lock_key, lock_dir=lock_dir, store_spec=spec, wait=LOCK_WAIT)


def _failed(job: SiteJob, why: str, code: int = EXIT_INTERNAL) -> dict[str, object]:
    return JobOutcome(job.run_key, job.lock_key, None, code, False, False, why).to_dict()


@app.task(name=TASK, bind=True, max_retries=MAX_LOCK_RETRIES)  # type: ignore[untyped-decorator]
def check_site(self: Any, job_data: dict[str, object], store_spec: str) -> dict[str, object]:
    """Check one site in this worker process; the outcome as a dict (JobOutcome.to_dict). Never raises for a
    site's own trouble: that is the outcome's `error`."""
    job = SiteJob.from_dict(job_data)
    task_id = str(self.request.id)
    delivery = _deliveries(task_id, +1)
    if delivery > MAX_DELIVERIES:
        _finished(task_id)
        return _failed(job, f"a worker died {delivery - 1} times checking {job.url} (out of memory? killed?)")
    limit = (self.request.timelimit or (None, None))[0]
    visibility = float((app.conf.broker_transport_options or {}).get("visibility_timeout", DEFAULT_VISIBILITY))
    if limit and float(limit) >= visibility:
        log.warning(
            "job %s may run %s s, longer than this worker's visibility timeout (%s s)", job.url, limit, visibility
        )
    spec = ""
    try:
        from checker.web.runners import progress_crawl  # not at import: checker.web imports the batch engine

        spec = _store_for(store_spec)
        crawl = progress_crawl(_publisher(task_id), job.private_site)
        outcome = execute(job, _store(spec), lambda j: _lock(j, spec), crawl=crawl).to_dict()
    except LockBusy:
        _deliveries(task_id, -1)  # waiting for the host is not a delivery that died
        if self.request.retries >= MAX_LOCK_RETRIES:
            outcome = _failed(job, f"the host of {job.url} stayed busy with another job for hours", EXIT_USAGE)
        else:
            raise self.retry(countdown=random.uniform(*RETRY_AFTER)) from None
    except UsageError as exc:
        outcome = _failed(job, str(exc), EXIT_USAGE)
    except StoreError as exc:
        _drop_store(spec)  # the next job connects again
        outcome = _failed(job, str(exc), EXIT_USAGE)
    except SoftTimeLimitExceeded:
        outcome = _failed(job, f"the check of {job.url} ran past its time limit and was stopped")
    except Exception as exc:
        traceback.print_exc()
        outcome = _failed(job, f"internal error: {type(exc).__name__}: {exc}")
    _finished(task_id)
    return outcome


def host_label() -> str:
    """The default worker name: oitcheck-PID@HOST (one per process, so several may run on one machine)."""
    return f"oitcheck-{os.getpid()}@{socket.gethostname()}"
