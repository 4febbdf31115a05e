"""The SQLite file under each on-disk cache (HTTP responses, extracted documents): one way to open it, run
a statement, and expire what no run used.

A cache never stops a check: any SQLite error (damaged file, locked too long, disk full) closes the file and
the run carries on without it. Autocommit, so no transaction stays open across network waits and other runs
sharing the file are never blocked; WAL with synchronous=NORMAL makes each write cheap (no fsync).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path
from typing import Any


class CacheFile:
    """One connection, used from one thread."""

    def __init__(self, path: Path, schema: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db: sqlite3.Connection | None = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(schema)

    def run(self, sql: str, *params: object) -> tuple[Any, ...] | None:
        """The first row the statement returns, if any; None also once the file has failed."""
        if self._db is None:
            return None
        try:
            row: tuple[Any, ...] | None = self._db.execute(sql, params).fetchone()
        except sqlite3.Error:
            self._give_up()
            return None
        return row

    def close(self, table: str, key: str, stamp: str, used: list[str], keep_days: float) -> None:
        """Stamp the rows this run used with the time, drop rows no run used for `keep_days`, close."""
        now = time.time()
        for i in range(0, len(used), 500):
            keys = used[i : i + 500]
            marks = ",".join("?" * len(keys))
            self.run(f"UPDATE {table} SET {stamp} = ? WHERE {key} IN ({marks})", now, *keys)
        self.run(f"DELETE FROM {table} WHERE {stamp} < ?", now - keep_days * 86400)
        self._give_up()

    def _give_up(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
