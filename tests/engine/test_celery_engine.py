"""The Celery engine with real parts: redis-server, PostgreSQL, Celery worker processes and sites served on
127.0.0.1. A batch gives the verdicts `check` and the local pool give; a worker killed mid-job loses nothing
and stores nothing twice; a job delivered twice is stored once; a broker that cannot be reached is one line."""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import pytest
from celery.result import AsyncResult

from checker.batch.celery_engine import QUEUE, TASK, CeleryEngine, wire_store
from checker.batch.sites import host_of, slug
from checker.cli import main
from checker.commands import worker as worker_command
from checker.demo.server import SITE_DIR, QuietHandler, serve
from checker.jobs.run import SiteJob
from checker.store import site_key
from tests.engine.conftest import StartWorker
from tests.support.server import serve_site
from tests.support.services import fresh_database

BASIC = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"
FAST = ("--no-ocr", "--no-cache", "--allow-private")  # what every check here runs with


def _statuses(report: Path) -> dict[str, str]:
    data = json.loads(report.read_text(encoding="utf-8"))
    return {item["id"]: item["status"] for item in data["items"]}


def _runs(dsn: str, run_key: str | None = None) -> int:
    with psycopg.connect(dsn) as db:
        if run_key is None:
            row = db.execute("SELECT count(*) FROM runs").fetchone()
        else:
            row = db.execute("SELECT count(*) FROM runs WHERE run_key = %s", (run_key,)).fetchone()
    assert row is not None
    return int(row[0])


def _job(url: str, run_key: str, *extra: str) -> SiteJob:
    return SiteJob(url, "", {}, None, ("--no-history", "--quiet", *FAST, *extra), run_key, host_of(url))


# --------------------------------------------------------------------------- (a) the same verdicts


def test_a_celery_batch_gives_the_verdicts_of_check_and_of_the_local_pool(
    broker: str, postgres_db: str, postgres_dsn: str, start_worker: StartWorker, tmp_path: Path
) -> None:
    workers = [start_worker(broker, postgres_db, name) for name in ("a1", "a2")]
    with ExitStack() as stack:
        urls = [stack.enter_context(serve()), stack.enter_context(serve()), stack.enter_context(serve_site(BASIC))[0]]
        sites = tmp_path / "sites.csv"
        sites.write_text("name,url\n" + "".join(f"site {i},{u}\n" for i, u in enumerate(urls)), encoding="utf-8")

        alone: dict[str, dict[str, str]] = {}
        for i, url in enumerate(urls):  # while the workers start
            out = tmp_path / f"check-{i}.json"
            code = main(["check", url, "--quiet", "--no-history", *FAST, "--format", "json", "-o", str(out)])
            assert code in (0, 1), code
            alone[url] = _statuses(out)
        for w in workers:
            w.wait_ready()

        started = time.monotonic()
        code = main(["batch", str(sites), "--engine", "celery", "--broker", broker, "--store", postgres_db,
                     "-o", str(tmp_path / "celery"), "--quiet", *FAST])  # fmt: skip
        celery_seconds = time.monotonic() - started
        assert code in (0, 1), code
        local_db = fresh_database(postgres_dsn)
        code = main(["batch", str(sites), "--engine", "local", "--workers", "2", "--store", local_db,
                     "-o", str(tmp_path / "local"), "--quiet", *FAST])  # fmt: skip
        assert code in (0, 1), code

    for url in urls:
        folder = slug(site_key(url))
        by_celery = _statuses(tmp_path / "celery" / folder / "oitcheck-report.json")
        by_pool = _statuses(tmp_path / "local" / folder / "oitcheck-report.json")
        assert by_celery == alone[url], url
        assert by_pool == alone[url], url
    assert _runs(postgres_db) == 3 and _runs(local_db) == 3
    # Both workers checked sites (one job at a time each), and the batch took about one site's time per worker.
    assert all(w.tasks("succeeded") for w in workers), [w.text()[-2000:] for w in workers]
    assert sum(len(w.tasks("succeeded")) for w in workers) == 3
    assert celery_seconds < 60


# --------------------------------------------------------------------------- (b) a worker killed mid-job


class SlowHandler(QuietHandler):
    """The demo site, every page but the home page answered after half a second; counts slow requests."""

    slow_requests: ClassVar[int] = 0
    lock: ClassVar[threading.Lock] = threading.Lock()

    def do_GET(self) -> None:
        if self.path not in ("/", "/robots.txt", "/index.html"):
            with SlowHandler.lock:
                SlowHandler.slow_requests += 1
            time.sleep(0.5)
        super().do_GET()


def _wait(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


VISIBILITY = 21.0  # > the job's hard limit (4 s budget + 6 s margin) + the lock-retry delay (10 s)


def test_b_a_worker_killed_mid_job_loses_nothing_and_stores_it_once(
    broker: str, postgres_db: str, start_worker: StartWorker
) -> None:
    first = start_worker(broker, postgres_db, "b1", visibility=VISIBILITY)
    first.wait_ready()
    SlowHandler.slow_requests = 0
    with serve(handler=SlowHandler) as url:
        job = _job(url, f"kill-test:{url}", "--max-seconds", "4")
        engine = CeleryEngine(broker, postgres_db, visibility=VISIBILITY, margin=6, store_poll=1)
        try:
            submitted = time.monotonic()
            assert engine.submit([job]) == 1
            _wait(lambda: SlowHandler.slow_requests > 0, 30, "the first worker to start crawling")
            second = start_worker(broker, postgres_db, "b2", visibility=VISIBILITY)
            first.kill()  # mid-crawl: its pages take half a second each
            assert _runs(postgres_db) == 0
            second.wait_ready()
            outcomes = list(engine.run([job]))  # still queued (unacknowledged): collected, not queued again
            elapsed = time.monotonic() - submitted
        finally:
            engine.close()

    assert len(outcomes) == 1
    outcome = outcomes[0]
    assert outcome.error is None and outcome.run_id is not None and not outcome.reused, outcome
    assert _runs(postgres_db, job.run_key) == 1 and _runs(postgres_db) == 1
    # The first worker had it and died; the second got it once the visibility timeout had passed.
    assert len(first.tasks("received")) == 1 and not first.tasks("succeeded")
    assert len(second.tasks("received")) == 1 and len(second.tasks("succeeded")) == 1, second.text()[-3000:]
    assert elapsed >= VISIBILITY - 1, elapsed


# --------------------------------------------------------------------------- (c) delivered twice


def test_c_the_same_job_delivered_twice_is_stored_once(
    broker: str, postgres_db: str, start_worker: StartWorker
) -> None:
    workers = [start_worker(broker, postgres_db, name) for name in ("c1", "c2")]
    for w in workers:
        w.wait_ready()
    with serve_site(SITE_DIR) as (url, handler):
        job = _job(url, f"twice:{url}")
        engine = CeleryEngine(broker, postgres_db)
        try:
            ids = [str(uuid.uuid4()), str(uuid.uuid4())]
            for tid in ids:  # two deliveries of one job at once, as a redelivery racing the first would be
                engine.celery.send_task(TASK, args=(job.to_dict(), wire_store(postgres_db)), task_id=tid, queue=QUEUE)
            results = [AsyncResult(tid, app=engine.celery).get(timeout=90) for tid in ids]
            again = list(engine.run([job]))  # and once more through the engine: found stored, nothing crawled
        finally:
            engine.close()
        home_requests = handler.hits["/"]

    assert all(r["error"] is None for r in results), results
    assert results[0]["run_id"] == results[1]["run_id"] == again[0].run_id
    assert sorted(bool(r["reused"]) for r in results) == [False, True]
    assert again[0].reused
    assert _runs(postgres_db, job.run_key) == 1 and _runs(postgres_db) == 1
    assert home_requests == 1  # one crawl
    assert sorted(len(w.tasks("succeeded")) for w in workers) in ([1, 2], [0, 3]), [w.text()[-2000:] for w in workers]


# --------------------------------------------------------------------------- (d) no broker


@contextmanager
def _silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never answers (a broker behind a dead proxy)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield int(s.getsockname()[1])


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("kind", ["closed", "silent"])
def test_d_an_unreachable_broker_is_one_line_and_exit_2(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_text("name,url\nx,http://127.0.0.1:9/\n", encoding="utf-8")
    with ExitStack() as stack:
        port = stack.enter_context(_silent_server()) if kind == "silent" else _closed_port()
        broker = f"redis://:secret@127.0.0.1:{port}/0"
        started = time.monotonic()
        code = main(["batch", str(sites), "--engine", "celery", "--broker", broker,
                     "--store", str(tmp_path / "h.db"), "-o", str(tmp_path / "out"), "--quiet"])  # fmt: skip
        batch_seconds = time.monotonic() - started
        batch_err = capsys.readouterr().err
        started = time.monotonic()
        worker_code = worker_command.main(["--broker", broker, "--store", str(tmp_path / "h.db")])
        worker_seconds = time.monotonic() - started
        worker_err = capsys.readouterr().err
    for code_, err, seconds in ((code, batch_err, batch_seconds), (worker_code, worker_err, worker_seconds)):
        assert code_ == 2, err
        assert len(err.strip().splitlines()) == 1, err
        assert f"redis://127.0.0.1:{port}/0" in err and "secret" not in err, err
        assert seconds < 10, seconds


# --------------------------------------------------------------------------- (e) one host, one job at a time


def test_e_two_sites_on_one_host_are_checked_one_after_the_other(
    broker: str, postgres_db: str, start_worker: StartWorker
) -> None:
    """The second job finds the host locked by the first (on the other worker), is put back and retried; both
    runs are stored, and their crawls did not overlap."""
    workers = [start_worker(broker, postgres_db, name) for name in ("e1", "e2")]
    for w in workers:
        w.wait_ready()
    with serve(handler=SlowHandler) as url:
        jobs = [_job(u, f"host:{u}", "--max-seconds", "4") for u in (url, url + "about.html")]
        assert jobs[0].lock_key == jobs[1].lock_key
        engine = CeleryEngine(broker, postgres_db)
        try:
            outcomes = list(engine.run(jobs))
        finally:
            engine.close()

    assert sorted(o.run_key or "" for o in outcomes) == sorted(j.run_key or "" for j in jobs)
    assert all(o.error is None and o.run_id is not None for o in outcomes), outcomes
    with psycopg.connect(postgres_db) as db:
        spans = db.execute("SELECT started_at, finished_at FROM runs ORDER BY started_at").fetchall()
    assert len(spans) == 2 and spans[0][1] <= spans[1][0], spans
    assert any("retry" in line.lower() for w in workers for line in w.text().splitlines()), "no job was retried"


# --------------------------------------------------------------------------- (f) --no-wait, then --resume


def test_f_no_wait_queues_and_resume_collects_without_queueing_twice(
    broker: str, postgres_db: str, start_worker: StartWorker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ExitStack() as stack:
        urls = [stack.enter_context(serve()), stack.enter_context(serve())]
        sites = tmp_path / "sites.csv"
        sites.write_text("name,url\n" + "".join(f"site {i},{u}\n" for i, u in enumerate(urls)), encoding="utf-8")
        command = ["batch", str(sites), "--engine", "celery", "--broker", broker, "--store", postgres_db,
                   "-o", str(tmp_path / "out"), "--quiet", *FAST]  # fmt: skip
        assert main([*command, "--no-wait"]) == 0
        said = capsys.readouterr().err
        assert " 2 " in said and "--resume" in said, said  # "queued 2 sites …", in the user's language
        worker = start_worker(broker, postgres_db, "f1", concurrency=2)
        worker.wait_ready()
        code = main([*command, "--resume"])
    assert code in (0, 1), capsys.readouterr().err
    for url in urls:
        assert (tmp_path / "out" / slug(site_key(url)) / "oitcheck-report.json").exists()
    assert _runs(postgres_db) == 2
    assert len(worker.tasks("received")) == 2, worker.text()[-3000:]  # each job once: --resume found them queued
