"""The history store: a real SQLite file round-trips reports; both stores filter alike; the layout migrates."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import __version__
from checker.models import Waiver
from checker.store import MemoryStore, SqliteStore, Store, StoreError, diff_reports, site_key
from checker.store import sqlite as sqlite_store
from checker.store.postgres import PostgresStore
from tests.store.reports import make_report
from tests.support.services import fresh_database


@pytest.fixture(params=["sqlite", "memory", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s: Store
    if request.param == "postgres":  # a database of its own on the session's server (tests/support/services.py)
        s = PostgresStore(fresh_database(request.getfixturevalue("postgres_dsn")))
    else:
        s = SqliteStore(tmp_path / "h.db") if request.param == "sqlite" else MemoryStore()
    yield s
    s.close()


def test_sqlite_round_trip_keeps_the_whole_report(tmp_path: Path) -> None:
    before = make_report({"O1": "pass", "O2": "missing"}, started_at="2024-01-01T02:00:00+00:00")
    after = make_report({"O1": "outdated", "O2": "missing", "O3": "review"}, started_at="2024-01-02T02:00:00+00:00")
    waived = after.items[1].model_copy(update={"waiver": Waiver(reason="ขอไฟล์แล้ว", expires="2024-03-31")})
    after = after.model_copy(update={"items": [after.items[0], waived, after.items[2]]})
    after = after.model_copy(update={"changes": diff_reports(before, after)})
    path = tmp_path / "sub" / "history.db"
    store = SqliteStore(path)
    first = store.save(before)
    second = store.save(after)
    store.close()

    reopened = SqliteStore(path)  # a new process next night
    assert reopened.report(second) == after and reopened.report(first) == before
    rec = reopened.record(second)
    assert (rec.site, rec.url, rec.ruleset, rec.fiscal_year) == ("example.go.th", after.site.url, "oit_2567", 2567)
    assert (rec.percent, rec.passed, rec.total, rec.tool_version) == (0.0, 0, 3, __version__)
    assert rec.started_at == "2024-01-02T02:00:00+00:00" and not rec.site_error
    assert rec.counts == {"pass": 0, "incomplete": 0, "outdated": 1, "missing": 1, "unreachable": 0, "review": 1}
    assert rec.waived == 1
    assert [r.id for r in reopened.runs()] == [second, first]
    with pytest.raises(StoreError, match="no run 99"):
        reopened.report(99)
    reopened.close()
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == sqlite_store.SCHEMA_VERSION == 3


def test_both_stores_filter_and_order_alike(store: Store) -> None:
    a = store.save(make_report({"O1": "pass"}, url="http://a.go.th/"))
    b = store.save(make_report({"O1": "pass"}, url="https://www.b.go.th/index.php"))
    down = store.save(make_report({"O1": "unreachable"}, url="http://a.go.th"), site_error=True)
    other_year = store.save(make_report({"O1": "pass"}, url="a.go.th", year=2568))
    assert [r.id for r in store.runs()] == [other_year, down, b, a]
    assert [r.id for r in store.runs("a.go.th")] == [other_year, down, a]
    assert [r.id for r in store.runs("a.go.th", "oit_2567", 2567)] == [down, a]
    assert [r.id for r in store.runs("a.go.th", checked_only=True)] == [other_year, a]
    assert [r.id for r in store.runs("a.go.th", before=down)] == [a]
    assert [r.id for r in store.runs(limit=2)] == [other_year, down]
    assert [r.id for r in store.runs("b.go.th")] == [b]
    assert store.record(down).site_error and store.record(down).counts["unreachable"] == 1


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.Example.go.th/", "example.go.th"),
        ("example.go.th", "example.go.th"),
        ("http://example.go.th/index.php", "example.go.th"),
        ("http://example.go.th:8080/", "example.go.th:8080"),
        ("https://example.go.th:443/ita/", "example.go.th/ita"),
        ("http://127.0.0.1:5000/", "127.0.0.1:5000"),
    ],
)
def test_site_key_treats_one_site_as_one(url: str, key: str) -> None:
    assert site_key(url) == key


def test_a_file_from_a_newer_oitcheck_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer oitcheck"):
        SqliteStore(path)


def test_a_file_that_is_not_a_database_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    path.write_text("not sqlite at all, just text " * 40)
    with pytest.raises(StoreError, match=r"h\.db is damaged \(file is not a database\); move it aside"):
        SqliteStore(path)


def test_a_new_migration_upgrades_an_old_file_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "h.db"
    old = SqliteStore(path)
    run = old.save(make_report({"O1": "pass"}))
    old.close()
    extra = ["ALTER TABLE runs ADD COLUMN label TEXT"]
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", [*sqlite_store.MIGRATIONS, extra])
    newer = sqlite_store.SCHEMA_VERSION + 1
    monkeypatch.setattr(sqlite_store, "SCHEMA_VERSION", newer)
    upgraded = SqliteStore(path)
    assert upgraded.record(run).passed == 1
    upgraded.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == newer
    assert "label" in [row[1] for row in db.execute("PRAGMA table_info(runs)")]


def test_a_run_key_is_stored_once_with_its_tags(store: Store) -> None:
    """A job redelivered after a worker died saves again under the same key: the first copy stands."""
    tags = {"province": "น่าน", "type": "อบต."}
    first = store.save(make_report({"O1": "pass"}, url="http://a.go.th/"), run_key="b1:a.go.th", tags=tags)
    again = store.save(make_report({"O1": "missing"}, url="http://a.go.th/"), run_key="b1:a.go.th")
    other = store.save(make_report({"O1": "missing"}, url="http://a.go.th/"), run_key="b2:a.go.th")
    assert again == first and other != first
    assert len(store.runs("a.go.th")) == 2
    found = store.find("b1:a.go.th")
    assert found is not None and found.id == first and found.tags == tags and found.counts["pass"] == 1
    assert store.find("b3:a.go.th") is None
    assert store.record(other).tags == {} and store.record(other).run_key == "b2:a.go.th"


def test_a_version_1_history_gains_run_keys_and_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for statement in sqlite_store.MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = SqliteStore(path)
    old = store.save(make_report({"O1": "pass"}))
    keyed = store.save(make_report({"O1": "pass"}), run_key="k")
    assert store.record(old).run_key is None and store.find("k") is not None and keyed != old
    store.close()
