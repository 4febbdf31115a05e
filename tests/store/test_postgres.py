"""The PostgreSQL store and site lock against a real server on loopback (tests/support/services.py).

The contract every store shares runs in test_run_store.py (its `store` fixture includes PostgreSQL); here is
what only a shared server brings: savers and migrators racing, a newer layout, addresses that do not work,
and an advisory lock that other processes and machines see.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from checker.models import Waiver
from checker.operations.lock import LockBusy, SiteLock
from checker.operations.pglock import PgSiteLock, advisory_key, site_lock
from checker.store import SqliteStore, StoreError, describe_store, diff_reports, open_store
from checker.store import postgres as pg_store
from checker.store.postgres import PostgresStore, redact_dsn
from tests.store.reports import make_report
from tests.support.services import free_port

ROOT = Path(__file__).resolve().parents[2]


def _with(dsn: str, *, password: str | None = None, database: str | None = None) -> str:
    parts = urlsplit(dsn)
    netloc = parts.netloc
    if password is not None:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}:{password}@{host}"
    return urlunsplit(parts._replace(netloc=netloc, path=f"/{database}" if database else parts.path))


def _assert_one_line(exc: StoreError, *secrets: str) -> str:
    text = str(exc)
    assert "\n" not in text and "\t" not in text
    for secret in secrets:
        assert secret not in text
    return text


def test_round_trip_keeps_the_whole_report(postgres_db: str) -> None:
    before = make_report({"O1": "pass", "O2": "missing"}, started_at="2024-01-01T02:00:00+00:00")
    after = make_report({"O1": "outdated", "O2": "missing", "O3": "review"}, started_at="2024-01-02T02:00:00+00:00")
    waived = after.items[1].model_copy(update={"waiver": Waiver(reason="ขอไฟล์แล้ว", expires="2024-03-31")})
    after = after.model_copy(update={"items": [after.items[0], waived, after.items[2]]})
    after = after.model_copy(update={"changes": diff_reports(before, after)})
    store = PostgresStore(postgres_db)
    first = store.save(before)
    second = store.save(after, tags={"province": "น่าน"})
    store.close()

    reopened = open_store(postgres_db)  # another worker, another night
    assert isinstance(reopened, PostgresStore)
    assert reopened.report(second) == after and reopened.report(first) == before
    rec = reopened.record(second)
    assert (rec.site, rec.ruleset, rec.fiscal_year, rec.started_at) == (
        "example.go.th",
        "oit_2567",
        2567,
        "2024-01-02T02:00:00+00:00",
    )
    assert rec.counts == {"pass": 0, "incomplete": 0, "outdated": 1, "missing": 1, "unreachable": 0, "review": 1}
    assert rec.waived == 1 and rec.tags == {"province": "น่าน"} and rec.run_key is None
    assert [r.id for r in reopened.runs()] == [second, first]
    with pytest.raises(StoreError, match=r"no run 99 in postgresql://postgres@127\.0\.0\.1:\d+/t_"):
        reopened.report(99)
    reopened.close()


def test_a_saver_racing_another_for_one_run_key_waits_and_returns_its_run(postgres_db: str) -> None:
    """Two deliveries of one job: the second's insert waits on the first's uncommitted row, then returns it."""
    a, b, watcher = PostgresStore(postgres_db), PostgresStore(postgres_db), PostgresStore(postgres_db)
    results: list[int] = []
    waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted"
    with a._db.transaction():  # a's save runs inside a transaction the test holds open
        first = a.save(make_report({"O1": "pass"}), run_key="b1:x")
        racer = threading.Thread(target=lambda: results.append(b.save(make_report({"O1": "missing"}), run_key="b1:x")))
        racer.start()
        deadline = time.monotonic() + 10
        while watcher._value(waiting) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert watcher._value(waiting) > 0 and racer.is_alive()  # b is blocked on a's row
    racer.join(10)
    assert results == [first]
    assert [r.id for r in watcher.runs()] == [first] and watcher.record(first).counts["pass"] == 1

    with a._db.transaction(force_rollback=True):  # the first saver dies before committing: the second stores it
        a.save(make_report({"O1": "pass"}), run_key="b2:x")
        racer = threading.Thread(target=lambda: results.append(b.save(make_report({"O1": "missing"}), run_key="b2:x")))
        racer.start()
        time.sleep(0.2)
    racer.join(10)
    found = watcher.find("b2:x")
    assert found is not None and results[-1] == found.id and found.counts["missing"] == 1
    for s in (a, b, watcher):
        s.close()


def test_concurrent_savers_of_the_same_keys_store_one_run_per_key(postgres_db: str) -> None:
    stores = [PostgresStore(postgres_db) for _ in range(2)]
    sites = [f"s{n}.go.th" for n in range(15)]
    barrier = threading.Barrier(len(stores))
    ids: list[list[int]] = [[] for _ in stores]

    def worker(n: int) -> None:
        for site in sites:
            barrier.wait(10)
            ids[n].append(stores[n].save(make_report({"O1": "pass"}, url=f"http://{site}/"), run_key=f"b1:{site}"))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert ids[0] == ids[1] and len(set(ids[0])) == len(sites)
    assert len(stores[0].runs()) == len(sites)
    for s in stores:
        s.close()


def test_two_workers_opening_an_empty_database_migrate_it_once(postgres_db: str) -> None:
    barrier = threading.Barrier(3)
    opened: list[PostgresStore | BaseException] = []

    def open_it() -> None:
        barrier.wait(10)
        try:
            opened.append(PostgresStore(postgres_db))
        except BaseException as exc:
            opened.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert all(isinstance(s, PostgresStore) for s in opened) and len(opened) == 3
    with psycopg.connect(postgres_db) as db:
        versions = db.execute("SELECT version FROM oitcheck_migrations ORDER BY version").fetchall()
        assert versions == [(n,) for n in range(1, pg_store.SCHEMA_VERSION + 1)]  # each layout applied once
    for s in opened:
        assert isinstance(s, PostgresStore)
        s.close()


def test_a_database_from_a_newer_oitcheck_is_refused(postgres_db: str) -> None:
    PostgresStore(postgres_db).close()
    with psycopg.connect(postgres_db, autocommit=True) as db:
        db.execute("INSERT INTO oitcheck_migrations (version) VALUES (99)")
    with pytest.raises(StoreError) as caught:
        PostgresStore(postgres_db)
    text = _assert_one_line(caught.value, urlsplit(postgres_db).password or "?")
    assert f"schema 99, this one reads up to {pg_store.SCHEMA_VERSION}" in text
    assert "newer oitcheck" in text and text.startswith(redact_dsn(postgres_db))


def test_a_new_migration_upgrades_an_old_database_in_place(postgres_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    old = PostgresStore(postgres_db)
    run = old.save(make_report({"O1": "pass"}))
    old.close()
    monkeypatch.setattr(pg_store, "MIGRATIONS", [*pg_store.MIGRATIONS, ["ALTER TABLE runs ADD COLUMN label TEXT"]])
    monkeypatch.setattr(pg_store, "SCHEMA_VERSION", pg_store.SCHEMA_VERSION + 1)
    upgraded = PostgresStore(postgres_db)
    assert upgraded.record(run).passed == 1
    upgraded.close()
    with psycopg.connect(postgres_db) as db:
        assert db.execute("SELECT MAX(version) FROM oitcheck_migrations").fetchone() == (pg_store.SCHEMA_VERSION,)
        assert db.execute("SELECT label FROM runs").fetchall() == [(None,)]


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(StoreError) as caught:
        PostgresStore(f"postgresql://oit:Hunter2-secret@127.0.0.1:{port}/oit")
    text = _assert_one_line(caught.value, "Hunter2-secret")
    assert text.startswith(f"cannot open history database postgresql://oit@127.0.0.1:{port}/oit: ")
    assert "refused" in text.lower()


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"password": "Wrong-Secret-42"}, "password authentication failed"),
        ({"database": "no_such_db"}, 'database "no_such_db" does not exist'),
    ],
)
def test_a_refused_login_is_one_line_without_the_password(postgres_dsn: str, change: dict[str, str], why: str) -> None:
    dsn = _with(postgres_dsn, **change)
    with pytest.raises(StoreError) as caught:
        PostgresStore(dsn)
    text = _assert_one_line(caught.value, "Wrong-Secret-42", urlsplit(postgres_dsn).password or "?")
    assert why in text and redact_dsn(dsn) in text


def test_a_malformed_address_is_a_store_error() -> None:
    with pytest.raises(StoreError) as caught:
        PostgresStore("postgresql://oit:Hunter2-secret@db:notaport/oit")
    _assert_one_line(caught.value, "Hunter2-secret")


def test_a_lost_connection_is_one_line_naming_the_database(postgres_db: str) -> None:
    store = PostgresStore(postgres_db)
    with psycopg.connect(postgres_db, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    with pytest.raises(StoreError) as caught:
        store.runs()
    text = _assert_one_line(caught.value, urlsplit(postgres_db).password or "?")
    assert text.startswith(f"history database {redact_dsn(postgres_db)}: ")
    with pytest.raises(StoreError, match="cannot save the run in history database postgresql://postgres@"):
        store.save(make_report({"O1": "pass"}))
    store.close()


def test_open_and_describe_tell_addresses_from_files(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    store = open_store(path)
    assert isinstance(store, SqliteStore)
    store.close()
    assert isinstance(open_store(str(tmp_path / "other.db")), SqliteStore)
    assert describe_store(path) == str(path)
    assert describe_store("postgresql://oit:pw@db:5432/oit") == "postgresql://oit@db:5432/oit"
    assert (
        describe_store("postgres://oit@db/oit?sslmode=require&password=pw") == "postgres://oit@db/oit?sslmode=require"
    )
    assert describe_store("postgresql://db/oit") == "postgresql://db/oit"
    assert "pw" not in redact_dsn("host=db user=oit password=pw dbname=oit")


# The site lock -------------------------------------------------------------------------------------------------


def _site() -> str:
    return f"{uuid.uuid4().hex[:8]}.go.th"


def test_a_second_holder_is_told_who_holds_the_lock(postgres_dsn: str) -> None:
    site = _site()
    with PgSiteLock(postgres_dsn, site):
        with pytest.raises(LockBusy) as caught:
            PgSiteLock(postgres_dsn, site, name="อบต. ตัวอย่าง").acquire()
        assert f"pid {os.getpid()} on " in caught.value.holder and " since " in caught.value.holder
        assert (
            caught.value.site == "อบต. ตัวอย่าง" and str(caught.value.path) == f"pg_advisory_lock({advisory_key(site)})"
        )
        assert redact_dsn(postgres_dsn) in str(caught.value) and "\n" not in str(caught.value)
        with PgSiteLock(postgres_dsn, _site()):
            pass  # another site is free
    with PgSiteLock(postgres_dsn, site):
        pass  # released on exit


def test_a_holder_killed_with_sigkill_releases_the_lock(postgres_dsn: str) -> None:
    site = _site()
    code = (
        "import sys, time\nfrom checker.operations.pglock import PgSiteLock\n"
        "with PgSiteLock(sys.argv[1], sys.argv[2]):\n    print('locked', flush=True)\n    time.sleep(120)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, postgres_dsn, site], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(LockBusy) as caught:
            PgSiteLock(postgres_dsn, site).acquire()
        assert f"pid {child.pid} on " in caught.value.holder
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        started = time.monotonic()
        with PgSiteLock(postgres_dsn, site, wait=10, poll=0.05):
            assert time.monotonic() - started < 5  # the server drops the lock with the dead connection
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_waiting_takes_the_lock_once_it_is_released(postgres_dsn: str) -> None:
    site = _site()
    holder = PgSiteLock(postgres_dsn, site)
    holder.acquire()
    started = time.monotonic()
    with pytest.raises(LockBusy):
        PgSiteLock(postgres_dsn, site, wait=0.3, poll=0.05).acquire()
    assert time.monotonic() - started >= 0.3
    timer = threading.Timer(0.5, holder.release)
    timer.start()
    started = time.monotonic()
    with PgSiteLock(postgres_dsn, site, wait=10, poll=0.05):
        assert 0.4 <= time.monotonic() - started < 5
    timer.join()


def test_an_unreachable_lock_server_is_a_store_error() -> None:
    port = free_port()
    with pytest.raises(StoreError) as caught:
        PgSiteLock(f"postgresql://oit:Hunter2-secret@127.0.0.1:{port}/oit", "a.go.th").acquire()
    text = _assert_one_line(caught.value, "Hunter2-secret")
    assert text.startswith(f"cannot take the lock for a.go.th in postgresql://oit@127.0.0.1:{port}/oit: ")


def test_site_lock_picks_the_lock_for_the_store(tmp_path: Path) -> None:
    pg = site_lock("a.go.th", lock_dir=tmp_path, store_spec="postgresql://oit@db/oit", wait=None)
    assert isinstance(pg, PgSiteLock) and pg.wait is None and pg.key == advisory_key("a.go.th")
    file_lock = site_lock("a.go.th", lock_dir=tmp_path, store_spec=str(tmp_path / "h.db"), wait=5.0)
    assert isinstance(file_lock, SiteLock) and file_lock.wait == 5.0 and file_lock.path.parent == tmp_path / "locks"
    assert isinstance(site_lock("a.go.th", lock_dir=None, store_spec=None, wait=None), nullcontext)
