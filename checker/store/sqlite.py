"""Run history in one SQLite file (stdlib sqlite3): nothing to install or run on an agency's server.

The layout version is SQLite's own `PRAGMA user_version`; `MIGRATIONS[n]` takes a file from version n to
n + 1, inside one write transaction, so a cron run and a person opening an old file at once cannot both
migrate it. A file from a newer oitcheck is refused rather than half-understood. The whole report is kept as
JSON (it is the public contract, so later versions can still read it); `run_items` holds one row per item so
listings and counts never parse that JSON.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker.models import ITEM_STATUSES, SiteReport
from checker.store.base import RunRecord, StoreError, headline, site_key

MIGRATIONS: list[list[str]] = [
    [  # 1: runs and their items
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            ruleset TEXT NOT NULL,
            fiscal_year INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            percent REAL NOT NULL,
            passed INTEGER NOT NULL,
            total INTEGER NOT NULL,
            tool_version TEXT NOT NULL,
            site_error INTEGER NOT NULL DEFAULT 0,
            report_schema INTEGER NOT NULL,
            report TEXT NOT NULL
        )""",
        "CREATE INDEX runs_by_site ON runs (site, ruleset, fiscal_year, id)",
        """CREATE TABLE run_items (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            status TEXT NOT NULL,
            waived INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, item_id)
        )""",
    ],
    [  # 2: a job's idempotency key (a redelivered job is stored once) and the site's labels from a batch
        "ALTER TABLE runs ADD COLUMN run_key TEXT",
        "ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'",
        "CREATE UNIQUE INDEX runs_by_key ON runs (run_key) WHERE run_key IS NOT NULL",
    ],
    [  # 3: the estimated OIT score and grade the report headlines (NULL for runs stored before, and sites down)
        "ALTER TABLE runs ADD COLUMN estimate REAL",
        "ALTER TABLE runs ADD COLUMN grade TEXT",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)


def _tags(text: str | None) -> dict[str, str]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _why(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


_COLUMNS = (
    "id, site, url, ruleset, fiscal_year, started_at, finished_at, percent, passed, total, tool_version, site_error, "
    "run_key, tags, estimate, grade"
)


FIX_HINT = "move it aside or run with --no-history / --history NEW.db"


class SqliteStore:
    """The default store. Opening it creates or migrates the file and checks it is whole (SQLite's
    quick_check), so a damaged file stops a check before the crawl, not when the run is saved ten minutes
    later; errors become StoreError, naming the file and what to do (`hint`)."""

    def __init__(self, path: Path, hint: str = FIX_HINT) -> None:
        self.path = path
        self._hint = hint
        if path.is_dir():
            raise StoreError(f"history database {path} is a folder, not a file; give --history a file name")
        blocking = next((p for p in path.parents if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise StoreError(f"cannot open history database {path}: {blocking} is a file, not a folder")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: transactions are explicit. A generous timeout: nightly runs of many sites share a file.
            self._db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open history database {path}: {_why(exc)}; {hint}") from None
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            verdict = self._db.execute("PRAGMA quick_check(1)").fetchone()
            if verdict is None or verdict[0] != "ok":
                raise StoreError(f"history database {path} is damaged ({verdict[0] if verdict else '?'}); {hint}")
        except StoreError:
            self._db.close()
            raise
        except (sqlite3.Error, OSError) as exc:
            self._db.close()
            raise self._error(exc) from None

    def _error(self, exc: BaseException) -> StoreError:
        """One line naming the file, what is wrong with it and what to do."""
        name = str(getattr(exc, "sqlite_errorname", ""))
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return StoreError(
                f"history database {self.path} is busy ({_why(exc)}): another program holds it; try again"
            )
        what = "is damaged" if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) else "cannot be used"
        return StoreError(f"history database {self.path} {what} ({_why(exc)}); {self._hint}")

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the history database is from a newer oitcheck (schema {version}, this one reads "
                f"up to {SCHEMA_VERSION}); upgrade oitcheck or use another --history file"
            )
        if version == SCHEMA_VERSION:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for n in range(self._version(), SCHEMA_VERSION):  # re-read: another process may have migrated
                for statement in MIGRATIONS[n]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {n + 1}")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def save(
        self,
        report: SiteReport,
        *,
        site_error: bool = False,
        run_key: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> int:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if run_key is not None:
                    known = self._db.execute("SELECT id FROM runs WHERE run_key = ?", (run_key,)).fetchone()
                    if known is not None:
                        self._db.execute("COMMIT")
                        return int(known[0])
                row = (
                    site_key(report.site.url),
                    report.site.url,
                    report.ruleset.id,
                    report.ruleset.fiscal_year,
                    report.started_at,
                    report.finished_at,
                    report.score.percent,
                    report.score.passed,
                    report.score.total,
                    report.tool.version,
                    int(site_error),
                    run_key,
                    json.dumps(dict(tags or {}), ensure_ascii=False, sort_keys=True),
                    *headline(report, site_error),
                    report.schema_version,
                    report.model_dump_json(),
                )
                cur = self._db.execute(
                    f"INSERT INTO runs ({_COLUMNS.removeprefix('id, ')}, report_schema, report) "
                    f"VALUES ({', '.join('?' * len(row))})",
                    row,
                )
                run_id = int(cur.lastrowid or 0)
                self._db.executemany(
                    "INSERT INTO run_items (run_id, item_id, status, waived) VALUES (?, ?, ?, ?)",
                    [(run_id, i.id, i.status, int(i.waiver is not None)) for i in report.items],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot save the run in history database {self.path}: {exc}; {self._hint}") from None
        return run_id

    def runs(
        self,
        site: str | None = None,
        ruleset: str | None = None,
        fiscal_year: int | None = None,
        *,
        checked_only: bool = False,
        before: int | None = None,
        limit: int | None = None,
    ) -> list[RunRecord]:
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("site", site), ("ruleset", ruleset), ("fiscal_year", fiscal_year)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if checked_only:
            where.append("site_error = 0")
        if before is not None:
            where.append("id < ?")
            params.append(before)
        sql = f"SELECT {_COLUMNS} FROM runs"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._query(sql, params)
        return self._with_counts(rows)

    def find(self, run_key: str) -> RunRecord | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM runs WHERE run_key = ?", [run_key])
        return self._with_counts(rows)[0] if rows else None

    def record(self, run_id: int) -> RunRecord:
        rows = self._query(f"SELECT {_COLUMNS} FROM runs WHERE id = ?", [run_id])
        if not rows:
            raise StoreError(f"no run {run_id} in {self.path}")
        return self._with_counts(rows)[0]

    def report(self, run_id: int) -> SiteReport:
        rows = self._query("SELECT report FROM runs WHERE id = ?", [run_id])
        if not rows:
            raise StoreError(f"no run {run_id} in {self.path}")
        try:
            return SiteReport.model_validate_json(rows[0][0])
        except ValidationError as exc:
            raise StoreError(f"run {run_id} in {self.path} cannot be read by this oitcheck: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def _query(self, sql: str, params: list[Any]) -> list[Any]:
        try:
            return list(self._db.execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _with_counts(self, rows: list[Any]) -> list[RunRecord]:
        if not rows:
            return []
        ids = [int(r[0]) for r in rows]
        counts: dict[int, dict[str, int]] = {i: dict.fromkeys(ITEM_STATUSES, 0) for i in ids}
        waived: dict[int, int] = dict.fromkeys(ids, 0)
        marks = ",".join("?" * len(ids))
        for run_id, status, n, w in self._query(
            f"SELECT run_id, status, COUNT(*), SUM(waived) FROM run_items WHERE run_id IN ({marks}) "
            "GROUP BY run_id, status",
            list(ids),
        ):
            counts[run_id][status] = n
            waived[run_id] += w
        return [
            RunRecord(
                id=r[0],
                site=r[1],
                url=r[2],
                ruleset=r[3],
                fiscal_year=r[4],
                started_at=r[5],
                finished_at=r[6],
                percent=r[7],
                passed=r[8],
                total=r[9],
                tool_version=r[10],
                site_error=bool(r[11]),
                counts=counts[r[0]],
                waived=waived[r[0]],
                run_key=r[12],
                tags=_tags(r[13]),
                estimate=r[14],
                grade=r[15],
            )
            for r in rows
        ]
