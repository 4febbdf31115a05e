"""The SQLite file under each on-disk cache (HTTP responses, extracted documents): one way to open it, run
a statement, and expire what no run used.

A cache never stops a check: any SQLite error (damaged file, locked too long, disk full) closes the file and
the run carries on without it. Autocommit, so no transaction stays open across network waits and other runs
sharing the file are never blocked; WAL with synchronous=NORMAL makes each write cheap (no fsync).

A damaged file (garbage bytes, truncated by a full disk, "file is not a database") used to be ignored
silently on every later run, so the cache simply stopped working. Now it is found when the file is opened
(SQLite's quick_check: well under a second even for hundreds of megabytes) or when a statement meets the
damage, moved aside as `<name>.damaged-<timestamp>` (kept for a look, never read again) and, on opening,
replaced by an empty file. `set_aside` says where it went, so the command line can say so in one line.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Self

_STAMP = "%Y%m%dT%H%M%S"


class CacheDamaged(sqlite3.DatabaseError):
    """quick_check found the file inconsistent."""


def is_damage(exc: BaseException) -> bool:
    """SQLITE_NOTADB or SQLITE_CORRUPT (and its extended codes): the bytes are wrong, not the situation."""
    if isinstance(exc, CacheDamaged):
        return True
    name = str(getattr(exc, "sqlite_errorname", ""))
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def set_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL) to `<name>.damaged-<timestamp>`; the new name."""
    stamp = datetime.now().strftime(_STAMP)
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.replace(target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        wal.replace(target.with_name(target.name + "-wal"))
    with contextlib.suppress(OSError):
        path.with_name(path.name + "-shm").unlink()  # shared-memory index: rebuilt from the WAL, never needed
    return target


def damaged_copies(path: Path, since: float) -> list[Path]:
    """Copies of `path` set aside at or after `since` (time.time()), oldest first."""
    found: list[tuple[float, Path]] = []
    for p in path.parent.glob(path.name + ".damaged-*"):
        if p.name.endswith("-wal"):
            continue
        stamp = p.name.removeprefix(path.name + ".damaged-")[: len("20000101T000000")]
        try:
            when = datetime.strptime(stamp, _STAMP).timestamp()
        except ValueError:
            continue
        if when >= int(since):
            found.append((when, p))
    return [p for _, p in sorted(found)]


class CacheFile:
    """One connection, used from one thread. Opening raises OSError or sqlite3.Error when the file cannot be
    used at all (a folder that cannot be written); a damaged file is set aside and started afresh instead."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        self.set_aside: Path | None = None  # where a damaged file found on opening was moved
        self._damaged = False
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db: sqlite3.Connection | None = _connect(path, schema)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self.set_aside = set_aside(path)
            self._db = _connect(path, schema)

    def run(self, sql: str, *params: object) -> tuple[Any, ...] | None:
        """The first row the statement returns, if any; None also once the file has failed."""
        if self._db is None:
            return None
        try:
            row: tuple[Any, ...] | None = self._db.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            self._damaged = self._damaged or is_damage(exc)
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
        self.release()

    def release(self) -> None:
        """Close without housekeeping; a file found damaged while in use is set aside for the next run."""
        self._give_up()
        if self._damaged and self.path.exists():
            with contextlib.suppress(OSError):
                self.set_aside = set_aside(self.path)
            self._damaged = False

    def _give_up(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


class CacheStore:
    """What the three cache files (HTTP responses, documents, re-check plans) share: made from a path, opened
    without ever stopping a check, and checked once before a run."""

    _file: CacheFile

    def __init__(self, path: Path) -> None:
        raise NotImplementedError

    @classmethod
    def open(cls, path: Path) -> Self | None:
        """The store, or None when its file cannot be used (the run goes on without it)."""
        try:
            return cls(path)
        except (sqlite3.Error, OSError):
            return None

    @classmethod
    def check(cls, path: Path) -> Path | None:
        """Open and close the file before a run (a damaged one is set aside and started afresh): where the
        damaged copy went, if any. OSError / sqlite3.Error when the file cannot be used at all."""
        store = cls(path)
        store._file.release()
        return store._file.set_aside


def _connect(path: Path, schema: str) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(schema)
        verdict = db.execute("PRAGMA quick_check(1)").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise CacheDamaged(f"quick_check: {verdict[0] if verdict else 'no answer'}")
    except BaseException:
        db.close()
        raise
    return db
