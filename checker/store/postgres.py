"""Run history in PostgreSQL: one database that the workers of many machines save into (`postgresql://…`).

The same contract as SqliteStore (checker/store/sqlite.py), row for row: `runs` holds one row per run with the
whole report as JSON text (the public contract, kept as it was rendered), `run_items` one row per item so
listings and counts never parse it. The layout version is the highest row of `oitcheck_migrations`;
`MIGRATIONS[n]` takes a database from version n to n + 1 in one transaction that first takes a
transaction-level advisory lock, so two workers starting together against an empty database migrate it once.
A database from a newer oitcheck is refused rather than half-understood.

`save` with a run key is `INSERT … ON CONFLICT (run_key) DO NOTHING`: of two deliveries of one job saving at
once, the second waits for the first to commit and then returns its id. One connection per store, in
autocommit with explicit transactions; every psycopg error becomes a one-line StoreError naming the database
without its password.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.types.json import Jsonb
from pydantic import ValidationError

from checker.models import ITEM_STATUSES, SiteReport
from checker.store.base import RunRecord, StoreError, headline, site_key

MIGRATIONS: list[list[str]] = [
    [  # 1: runs (with their idempotency key and labels) and their items: SQLite's layout 2
        """CREATE TABLE runs (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            ruleset TEXT NOT NULL,
            fiscal_year INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            percent DOUBLE PRECISION NOT NULL,
            passed INTEGER NOT NULL,
            total INTEGER NOT NULL,
            tool_version TEXT NOT NULL,
            site_error BOOLEAN NOT NULL DEFAULT FALSE,
            run_key TEXT UNIQUE,
            tags JSONB NOT NULL DEFAULT '{}',
            report_schema INTEGER NOT NULL,
            report TEXT NOT NULL
        )""",
        "CREATE INDEX runs_by_site ON runs (site, ruleset, fiscal_year, id)",
        """CREATE TABLE run_items (
            run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            status TEXT NOT NULL,
            waived BOOLEAN NOT NULL DEFAULT FALSE,
            PRIMARY KEY (run_id, item_id)
        )""",
    ],
    [  # 2: the estimated OIT score and grade (NULL for runs stored before, and sites down): SQLite's layout 3
        "ALTER TABLE runs ADD COLUMN estimate DOUBLE PRECISION",
        "ALTER TABLE runs ADD COLUMN grade TEXT",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)
CONNECT_TIMEOUT = 10  # seconds, unless the address says otherwise
# The two-int4 advisory key space is distinct from the one-bigint space the site locks use (pglock.py).
MIGRATION_LOCK = (0x6F697463, 1)  # "oitc", 1

_COLUMNS = (
    "id, site, url, ruleset, fiscal_year, started_at, finished_at, percent, passed, total, tool_version, site_error, "
    "run_key, tags, estimate, grade"
)
FIX_HINT = "check the server and the address given to oitcheck"


def redact_dsn(dsn: str) -> str:
    """The address without its password, for messages: `postgresql://oit@db:5432/oit`."""
    if dsn.lower().startswith(("postgresql://", "postgres://")):
        parts = urlsplit(dsn)
        userinfo, at, hostport = parts.netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}@{hostport}" if at else hostport
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if "password" not in k.lower()])
        return urlunsplit(parts._replace(netloc=netloc, query=query))
    try:
        params = conninfo_to_dict(dsn)
    except psycopg.Error:
        return "(an unreadable PostgreSQL address)"
    return make_conninfo("", **{k: v for k, v in params.items() if "password" not in k.lower()})


def one_line(exc: BaseException, dsn: str) -> str:
    """psycopg's message on one line, with any password from the address blanked out."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    try:
        secrets = [str(v) for k, v in conninfo_to_dict(dsn).items() if "password" in k.lower() and v]
    except psycopg.Error:
        secrets = []
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def connect(dsn: str, application_name: str) -> psycopg.Connection[Any]:
    """An autocommit connection; psycopg errors propagate (the caller words them)."""
    given = conninfo_to_dict(dsn)
    defaults: dict[str, str | int] = {"application_name": application_name, "connect_timeout": CONNECT_TIMEOUT}
    return psycopg.connect(make_conninfo(dsn, **{k: v for k, v in defaults.items() if k not in given}), autocommit=True)


def _tags(value: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


class PostgresStore:
    """Opening it connects and creates or migrates the layout, so a wrong address or a refused login stops a
    check before the crawl, not when the run is saved ten minutes later."""

    def __init__(self, dsn: str, hint: str = FIX_HINT) -> None:
        self.dsn = dsn
        self.name = redact_dsn(dsn)
        self._hint = hint
        try:
            self._db = connect(dsn, "oitcheck")
        except psycopg.Error as exc:
            raise StoreError(f"cannot open history database {self.name}: {one_line(exc, dsn)}; {hint}") from None
        try:
            self._migrate()
        except StoreError:
            self._db.close()
            raise
        except psycopg.Error as exc:
            self._db.close()
            raise self._error(exc) from None

    def _error(self, exc: BaseException, doing: str = "") -> StoreError:
        """One line naming the database, what went wrong and what to do."""
        head = f"cannot {doing} in history database {self.name}:" if doing else f"history database {self.name}:"
        return StoreError(f"{head} {one_line(exc, self.dsn)}; {self._hint}")

    def _migrate(self) -> None:
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s, %s)", MIGRATION_LOCK)
            if self._value("SELECT to_regclass('oitcheck_migrations') IS NULL"):
                self._db.execute(
                    "CREATE TABLE oitcheck_migrations (version INTEGER PRIMARY KEY, "
                    "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                )
            version = int(self._value("SELECT COALESCE(MAX(version), 0) FROM oitcheck_migrations"))
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.name}: the history database is from a newer oitcheck (schema {version}, this one reads "
                    f"up to {SCHEMA_VERSION}); upgrade oitcheck or use another database"
                )
            for n in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[n]:
                    self._db.execute(statement)
                self._db.execute("INSERT INTO oitcheck_migrations (version) VALUES (%s)", (n + 1,))

    def _value(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = self._db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def save(
        self,
        report: SiteReport,
        *,
        site_error: bool = False,
        run_key: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> int:
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
            site_error,
            run_key,
            Jsonb(dict(tags or {})),
            *headline(report, site_error),
            report.schema_version,
            report.model_dump_json(),
        )
        insert = (
            f"INSERT INTO runs ({_COLUMNS.removeprefix('id, ')}, report_schema, report) "
            f"VALUES ({', '.join(['%s'] * len(row))}) ON CONFLICT (run_key) DO NOTHING RETURNING id"
        )
        try:
            for _ in range(3):  # a conflicting run deleted between our insert and our select: try again
                with self._db.transaction():
                    if run_key is not None:
                        known = self._value("SELECT id FROM runs WHERE run_key = %s", (run_key,))
                        if known is not None:
                            return int(known)
                    run_id = self._value(insert, row)  # waits for a concurrent saver of this key to finish
                    if run_id is None:
                        continue  # it committed first: the select above, run again, returns its id
                    with self._db.cursor() as cur:
                        cur.executemany(
                            "INSERT INTO run_items (run_id, item_id, status, waived) VALUES (%s, %s, %s, %s)",
                            [(run_id, i.id, i.status, i.waiver is not None) for i in report.items],
                        )
                    return int(run_id)
        except psycopg.Error as exc:
            raise self._error(exc, "save the run") from None
        raise StoreError(f"cannot save the run in history database {self.name}: run key {run_key!r} keeps changing")

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
                where.append(f"{column} = %s")
                params.append(value)
        if checked_only:
            where.append("NOT site_error")
        if before is not None:
            where.append("id < %s")
            params.append(before)
        sql = f"SELECT {_COLUMNS} FROM runs"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None and limit >= 0:  # as SQLite: a negative limit is none
            sql += " LIMIT %s"
            params.append(limit)
        return self._with_counts(self._query(sql, params))

    def find(self, run_key: str) -> RunRecord | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM runs WHERE run_key = %s", [run_key])
        return self._with_counts(rows)[0] if rows else None

    def record(self, run_id: int) -> RunRecord:
        rows = self._query(f"SELECT {_COLUMNS} FROM runs WHERE id = %s", [run_id])
        if not rows:
            raise StoreError(f"no run {run_id} in {self.name}")
        return self._with_counts(rows)[0]

    def report(self, run_id: int) -> SiteReport:
        rows = self._query("SELECT report FROM runs WHERE id = %s", [run_id])
        if not rows:
            raise StoreError(f"no run {run_id} in {self.name}")
        try:
            return SiteReport.model_validate_json(rows[0][0])
        except ValidationError as exc:
            raise StoreError(f"run {run_id} in {self.name} cannot be read by this oitcheck: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def _query(self, sql: str, params: list[Any]) -> list[Any]:
        try:
            return list(self._db.execute(sql, params).fetchall())
        except psycopg.Error as exc:
            raise self._error(exc) from None

    def _with_counts(self, rows: list[Any]) -> list[RunRecord]:
        if not rows:
            return []
        ids = [int(r[0]) for r in rows]
        counts: dict[int, dict[str, int]] = {i: dict.fromkeys(ITEM_STATUSES, 0) for i in ids}
        waived: dict[int, int] = dict.fromkeys(ids, 0)
        for run_id, status, n, w in self._query(
            "SELECT run_id, status, COUNT(*), SUM(waived::int) FROM run_items WHERE run_id = ANY(%s::bigint[]) "
            "GROUP BY run_id, status",
            [ids],
        ):
            counts[run_id][status] = int(n)
            waived[run_id] += int(w)
        return [
            RunRecord(
                id=int(r[0]),
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
                counts=counts[int(r[0])],
                waived=waived[int(r[0])],
                run_key=r[12],
                tags=_tags(r[13]),
                estimate=r[14],
                grade=r[15],
            )
            for r in rows
        ]
