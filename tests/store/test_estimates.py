"""The estimated OIT score kept beside each run: every store round-trips it, an older history (SQLite layout 2,
PostgreSQL layout 1) migrates in place with its runs reading None, and trend() reads the stored estimates
instead of loading each earlier report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from checker.commands.present import diff_heading, score_cells
from checker.models import OitEstimate, SiteReport
from checker.rules.scoring import Scoring
from checker.store import MemoryStore, SqliteStore, Store, trend
from checker.store import postgres as pg_store
from checker.store import sqlite as sqlite_store
from checker.store.postgres import PostgresStore
from tests.store.reports import make_report
from tests.store.test_run_store import store  # noqa: F401  (the fixture: every kind of store)

# What oitcheck 0.2 created: SQLite layout 2 (checker/store/sqlite.py MIGRATIONS[0] and [1] as they were).
SQLITE_LAYOUT_2 = (
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, url TEXT NOT NULL, ruleset TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, percent REAL NOT NULL,
        passed INTEGER NOT NULL, total INTEGER NOT NULL, tool_version TEXT NOT NULL,
        site_error INTEGER NOT NULL DEFAULT 0, report_schema INTEGER NOT NULL, report TEXT NOT NULL)""",
    "CREATE INDEX runs_by_site ON runs (site, ruleset, fiscal_year, id)",
    """CREATE TABLE run_items (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, item_id TEXT NOT NULL,
        status TEXT NOT NULL, waived INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, item_id))""",
    "ALTER TABLE runs ADD COLUMN run_key TEXT",
    "ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'",
    "CREATE UNIQUE INDEX runs_by_key ON runs (run_key) WHERE run_key IS NOT NULL",
    "PRAGMA user_version = 2",
)
# What it created in PostgreSQL: layout 1.
POSTGRES_LAYOUT_1 = (
    "CREATE TABLE oitcheck_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    """CREATE TABLE runs (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, site TEXT NOT NULL, url TEXT NOT NULL,
        ruleset TEXT NOT NULL, fiscal_year INTEGER NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
        percent DOUBLE PRECISION NOT NULL, passed INTEGER NOT NULL, total INTEGER NOT NULL,
        tool_version TEXT NOT NULL, site_error BOOLEAN NOT NULL DEFAULT FALSE, run_key TEXT UNIQUE,
        tags JSONB NOT NULL DEFAULT '{}', report_schema INTEGER NOT NULL, report TEXT NOT NULL)""",
    "CREATE INDEX runs_by_site ON runs (site, ruleset, fiscal_year, id)",
    """CREATE TABLE run_items (
        run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, item_id TEXT NOT NULL,
        status TEXT NOT NULL, waived BOOLEAN NOT NULL DEFAULT FALSE, PRIMARY KEY (run_id, item_id))""",
    "INSERT INTO oitcheck_migrations (version) VALUES (1)",
)
OLD_COLUMNS = (
    "site, url, ruleset, fiscal_year, started_at, finished_at, percent, passed, total, tool_version, site_error, "
    "run_key, tags, report_schema, report"
)


def _old_row(report: SiteReport) -> tuple[object, ...]:
    """The row an older oitcheck wrote for a report (no estimate column; the report JSON has none either)."""
    return ("example.go.th", report.site.url, report.ruleset.id, report.ruleset.fiscal_year, report.started_at,
            report.finished_at, report.score.percent, report.score.passed, report.score.total, "0.2.0", False,
            None, "{}", 1, report.model_dump_json())  # fmt: skip


def test_every_store_keeps_the_estimate_and_grade(store: Store) -> None:  # noqa: F811
    scored = make_report({"O1": "pass", "O2": "pass", "O3": "missing"}, scored=True)
    assert scored.estimate is not None and (scored.estimate.score, scored.estimate.grade) == (66.67, "C")
    with_estimate = store.save(scored)
    without = store.save(make_report({"O1": "pass"}))  # a report made without scoring
    down = store.save(make_report({"O1": "unreachable"}, scored=True), site_error=True)
    record = store.record(with_estimate)
    assert (record.estimate, record.grade, record.percent) == (66.67, "C", scored.score.percent)
    assert (store.record(without).estimate, store.record(without).grade) == (None, None)
    assert (store.record(down).estimate, store.record(down).grade) == (None, None)  # never a score to rank
    assert [(r.id, r.estimate) for r in store.runs()] == [(down, None), (without, None), (with_estimate, 66.67)]


def test_a_layout_2_history_migrates_in_place_and_old_runs_read_none(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_report = make_report({"O1": "pass", "O2": "missing"}, started_at="2024-01-01T02:00:00+00:00")
    db = sqlite3.connect(path)
    for statement in SQLITE_LAYOUT_2:
        db.execute(statement)
    marks = ", ".join("?" * len(OLD_COLUMNS.split(", ")))
    old = db.execute(f"INSERT INTO runs ({OLD_COLUMNS}) VALUES ({marks})", _old_row(old_report)).lastrowid
    db.executemany("INSERT INTO run_items (run_id, item_id, status) VALUES (?, ?, ?)",
                   [(old, i.id, i.status) for i in old_report.items])  # fmt: skip
    db.commit()
    db.close()

    opened = SqliteStore(path)
    record = opened.record(int(old or 0))
    assert (record.estimate, record.grade, record.percent, record.counts["pass"]) == (None, None, 50.0, 1)
    assert opened.report(record.id) == old_report
    new = opened.save(make_report({"O1": "pass", "O2": "pass"}, started_at="2024-02-01T02:00:00+00:00", scored=True))
    assert (opened.record(new).estimate, opened.record(new).grade) == (100.0, "AA")
    assert [r.estimate for r in opened.runs()] == [100.0, None]
    opened.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION == 3
    assert {"estimate", "grade"} <= {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    db.close()


def test_a_layout_1_postgres_database_migrates_in_place(postgres_db: str) -> None:
    old_report = make_report({"O1": "pass", "O2": "missing"}, started_at="2024-01-01T02:00:00+00:00")
    with psycopg.connect(postgres_db, autocommit=True) as db:
        for statement in POSTGRES_LAYOUT_1:
            db.execute(statement)
        marks = ", ".join(["%s"] * len(OLD_COLUMNS.split(", ")))
        row = db.execute(f"INSERT INTO runs ({OLD_COLUMNS}) VALUES ({marks}) RETURNING id", _old_row(old_report))
        old = int(row.fetchone()[0])  # type: ignore[index]
        with db.cursor() as cur:
            cur.executemany("INSERT INTO run_items (run_id, item_id, status) VALUES (%s, %s, %s)",
                            [(old, i.id, i.status) for i in old_report.items])  # fmt: skip

    opened = PostgresStore(postgres_db)
    record = opened.record(old)
    assert (record.estimate, record.grade, record.percent, record.counts["pass"]) == (None, None, 50.0, 1)
    new = opened.save(make_report({"O1": "pass", "O2": "pass"}, started_at="2024-02-01T02:00:00+00:00", scored=True))
    assert (opened.record(new).estimate, opened.record(new).grade) == (100.0, "AA")
    assert [r.estimate for r in opened.runs()] == [100.0, None]
    opened.close()
    with psycopg.connect(postgres_db) as db:
        versions = [v for (v,) in db.execute("SELECT version FROM oitcheck_migrations ORDER BY version")]
        assert versions == [1, 2] and pg_store.SCHEMA_VERSION == 2


class CountingStore(SqliteStore):
    """A real SqliteStore that counts which reports it loads: trend() must not read what the record has."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.loaded: list[int] = []

    def report(self, run_id: int) -> SiteReport:
        self.loaded.append(run_id)
        return super().report(run_id)


def test_trend_reads_stored_estimates_and_loads_only_reports_stored_without(tmp_path: Path) -> None:
    runs = CountingStore(tmp_path / "h.db")
    day = "2024-0{}-01T02:00:00+00:00".format
    # Stored before the history kept estimates: only its report can say (1 of 4 items pass: 25.0).
    old = make_report({"O1": "pass", "O2": "missing", "O3": "missing", "O4": "missing"}, started_at=day(1))
    old_id = runs.save(old)
    # Stored with one: a value no recomputation would give proves the stored one is used.
    kept = make_report({"O1": "pass", "O2": "pass", "O3": "missing", "O4": "missing"}, started_at=day(2))
    kept = kept.model_copy(update={"estimate": OitEstimate(score=61.23, grade="D")})
    kept_id = runs.save(kept)
    runs.save(make_report({"O1": "unreachable"}, started_at=day(3)), site_error=True)  # never a point
    now = make_report({"O1": "pass", "O2": "pass", "O3": "pass", "O4": "missing"}, started_at=day(4), scored=True)
    assert runs.loaded == []
    points = trend(runs, now, Scoring())
    assert [(p.started_at, p.percent, p.estimate) for p in points] == [
        (day(1), 25.0, 25.0),
        (day(2), 50.0, 61.23),
        (day(4), 75.0, 75.0),
    ]
    assert runs.loaded == [old_id] and kept_id not in runs.loaded
    assert [p.estimate for p in trend(runs, now, Scoring(), limit=2)] == [61.23, 75.0]
    assert runs.loaded == [old_id]  # the short trend needed no report at all
    runs.close()


@pytest.mark.parametrize("limit", [1, 0])
def test_a_trend_of_one_is_this_run_alone(tmp_path: Path, limit: int) -> None:
    runs = CountingStore(tmp_path / "h.db")
    runs.save(make_report({"O1": "pass"}))
    now = make_report({"O1": "missing"}, started_at="2024-02-01T02:00:00+00:00")  # no estimate on it: computed
    assert [(p.percent, p.estimate) for p in trend(runs, now, Scoring(), limit=limit)] == [(0.0, 0.0)]
    assert runs.loaded == []
    runs.close()


def test_history_and_diff_headline_the_estimate_when_both_runs_have_it() -> None:
    runs = MemoryStore()
    old = runs.record(runs.save(make_report({"O1": "pass", "O2": "missing"}, started_at="2024-01-01T02:00:00+00:00")))
    one = runs.record(runs.save(make_report({"O1": "pass", "O2": "missing"}, scored=True)))
    two = runs.record(runs.save(make_report({"O1": "pass", "O2": "pass"}, scored=True)))
    down = runs.record(runs.save(make_report({"O1": "unreachable"}), site_error=True))
    assert score_cells(two, "en") == ("100.00 AA", "100.0%")
    assert score_cells(old, "th") == ("—", "50.0%")  # stored before the history kept it
    assert score_cells(down, "en") == ("[red]site down[/red]", "—")
    heading = diff_heading(one, two, "en")
    assert "run 2 (" in heading and "OIT est. 50.00 E, 50.0% of items) → run 3 (" in heading
    assert heading.endswith("OIT est. 100.00 AA, 100.0% of items)")
    assert "คะแนน OIT ประมาณ 100.00 ระดับ AA, ผ่าน 100.0% ของข้อ" in diff_heading(one, two, "th")
    plain = diff_heading(old, two, "en")  # one run without: the items passed alone, never one against the other
    assert "OIT" not in plain and "50.0%) → run 3" in plain and plain.endswith("100.0%)")
