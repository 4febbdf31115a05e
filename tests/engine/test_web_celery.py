"""The web application's Celery runner with real parts: redis-server, PostgreSQL, a Celery worker process and
a fixture site served on 127.0.0.1. A check run on a worker gives the verdicts of the embedded runner, is
stored once and reports its progress through Redis; a job for a private site from a public server is refused
by the crawl itself; a job no worker finishes ends as a failed job, one line, in bounded time."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from pathlib import Path

import psycopg
import redis

from checker.batch.celery_app import _JOB_KEY, PROGRESS_KEY
from checker.batch.celery_engine import task_id
from checker.batch.sites import host_of
from checker.commands.exits import EXIT_INTERNAL, EXIT_SITE_DOWN
from checker.jobs.run import JobOutcome, SiteJob, job_settings
from checker.rules import loader
from checker.store import Store
from checker.store.open import open_store
from checker.web.celery_runner import CeleryRunner
from checker.web.jobs import Progress
from checker.web.runners import LocalRunner
from tests.engine.conftest import StartWorker
from tests.support.server import serve_site

BASIC = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"
# The check options as `oitcheck serve` gives them to every job (commands/batch.py `job_argv`); no
# --allow-private: whether a private site may be checked is the job's `private_site`.
ARGV = ("--no-history", "--quiet", "--max-pages", "30", "--max-seconds", "60", "--no-ocr", "--no-cache")


def _job(url: str, *, private_site: bool = True, argv: tuple[str, ...] = ARGV) -> SiteJob:
    run_key = f"web:{uuid.uuid4().hex}"  # as the web application keys every job
    return SiteJob(url, "", {}, None, argv, run_key, host_of(url), private_site=private_site)


def _runs(dsn: str, run_key: str | None) -> int:
    with psycopg.connect(dsn) as db:
        row = db.execute("SELECT count(*) FROM runs WHERE run_key = %s", (run_key,)).fetchone()
    assert row is not None
    return int(row[0])


def _verdicts(store: Store, run_id: int | None) -> dict[str, str]:
    assert run_id is not None
    return {item.id: str(item.status) for item in store.report(run_id).items}


def test_a_job_keeps_its_private_site_flag_and_old_messages_read_as_before() -> None:
    job = SiteJob("http://example.test/", run_key="web:1", lock_key="example.test", private_site=False)
    assert SiteJob.from_dict(job.to_dict()) == job
    old = {k: v for k, v in job.to_dict().items() if k != "private_site"}  # queued before the field existed
    assert SiteJob.from_dict(old).private_site is True


def test_a_check_on_a_worker_is_stored_once_with_the_local_verdicts_and_reports_progress(
    broker: str, postgres_db: str, start_worker: StartWorker, tmp_path: Path
) -> None:
    worker = start_worker(broker, postgres_db, "w1")
    with serve_site(BASIC) as (url, _handler):
        local_store = str(tmp_path / "local.db")
        local = LocalRunner(local_store).run(_job(url), lambda p: None)  # while the worker starts
        worker.wait_ready()
        job = _job(url)
        seen: list[Progress] = []
        started = time.monotonic()
        outcome = CeleryRunner(broker, postgres_db, poll=0.2).run(job, seen.append)
        seconds = time.monotonic() - started

    assert outcome.error is None and outcome.run_id is not None and not outcome.site_error, outcome
    assert outcome.run_key == job.run_key and not outcome.reused
    assert _runs(postgres_db, job.run_key) == 1
    assert local.error is None and local.run_id is not None, local
    stores = [open_store(postgres_db), open_store(local_store)]
    try:
        by_worker, by_local = _verdicts(stores[0], outcome.run_id), _verdicts(stores[1], local.run_id)
    finally:
        for store in stores:
            store.close()
    assert by_worker == by_local and by_worker

    items = len(loader.load(job_settings(job).rules).items)
    assert seen, "no progress reported"
    assert any(p.pages > 0 and p.items == items for p in seen), seen
    assert seen[-1].pages > 0 and seen[-1].items == items, seen[-1]  # the worker's last report, read at the end
    assert all(a != b for a, b in itertools.pairwise(seen)), "a report was passed on twice"
    with redis.Redis.from_url(broker) as client:
        assert not client.exists(PROGRESS_KEY + task_id(job))  # read and removed
    assert len(worker.tasks("succeeded")) == 1, worker.text()[-3000:]
    assert seconds < 60, seconds


def test_a_private_site_from_a_public_server_is_a_site_down_run_beside_a_job_of_another_thread(
    broker: str, postgres_db: str, start_worker: StartWorker
) -> None:
    """`private_site=False` (the web form of a server that does not check internal sites) reaches the worker:
    the crawl refuses the site's own loopback address, so nothing is fetched and the run is stored as site down.
    Meanwhile another thread runs an allowed job through the same runner: each gets its own outcome and progress."""
    worker = start_worker(broker, postgres_db, "w2", concurrency=2)
    worker.wait_ready()
    runner = CeleryRunner(broker, postgres_db, poll=0.2)
    with serve_site(BASIC) as (refused_url, refused_site), serve_site(BASIC) as (allowed_url, _):
        jobs = [_job(refused_url, private_site=False), _job(allowed_url)]
        seen: list[list[Progress]] = [[], []]
        outcomes: list[JobOutcome | None] = [None, None]

        def run(i: int) -> None:
            outcomes[i] = runner.run(jobs[i], seen[i].append)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        requests = sum(refused_site.hits.values())

    refused, allowed = outcomes
    assert refused is not None and refused.run_key == jobs[0].run_key, outcomes
    assert refused.error is None and refused.run_id is not None, refused
    assert refused.site_error and refused.exit_code == EXIT_SITE_DOWN, refused
    assert requests == 0  # not even robots.txt
    assert all(p.pages == 0 for p in seen[0]), seen[0]
    assert allowed is not None and allowed.run_key == jobs[1].run_key, outcomes
    assert allowed.error is None and allowed.run_id is not None and not allowed.site_error, allowed
    assert seen[1] and seen[1][-1].pages > 0, seen[1]
    assert all(_runs(postgres_db, j.run_key) == 1 for j in jobs)
    store = open_store(postgres_db)
    try:
        run = store.find(jobs[0].run_key or "")
    finally:
        store.close()
    assert run is not None and run.site_error and run.id == refused.run_id


def _failed_in_time(outcome: JobOutcome, job: SiteJob, words: str) -> None:
    assert outcome.run_id is None and outcome.exit_code == EXIT_INTERNAL, outcome
    assert outcome.site == job.lock_key and outcome.run_key == job.run_key
    assert outcome.error is not None and words in outcome.error and "\n" not in outcome.error, outcome


def test_a_job_no_worker_takes_or_finishes_fails_in_bounded_time(broker: str, postgres_db: str) -> None:
    """No worker at all: failed after `wait`. A worker that took the job (its delivery counted) and died: failed
    `slack` seconds past the job's hard time limit (here 4 s budget + 1 s margin), not at the wait bound."""
    url = "http://127.0.0.1:9/"  # never fetched: no worker runs
    runner = CeleryRunner(broker, postgres_db, margin=1, wait=1, slack=1, poll=0.1)
    job = _job(url)
    started = time.monotonic()
    outcome = runner.run(job, lambda p: None)
    assert time.monotonic() - started < 5
    _failed_in_time(outcome, job, "no Celery worker took")

    taken = _job(url, argv=(*ARGV, "--max-seconds", "4"))
    runner.wait = 600  # only the running bound may end this one

    def take() -> None:  # as a worker does when it starts the task, before it dies
        with redis.Redis.from_url(broker) as client:
            key = _JOB_KEY + task_id(taken)
            while not client.hexists(key, "queued"):
                time.sleep(0.02)
            client.hincrby(key, "deliveries", 1)

    thread = threading.Thread(target=take, daemon=True)
    thread.start()
    started = time.monotonic()
    outcome = runner.run(taken, lambda p: None)
    seconds = time.monotonic() - started
    thread.join(5)
    _failed_in_time(outcome, taken, "no result from the Celery worker 6 s after it started")
    assert 6 <= seconds < 10, seconds
