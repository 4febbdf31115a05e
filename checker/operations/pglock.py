"""One run per site at a time across machines: SiteLock's contract on a PostgreSQL advisory lock.

When the history is in PostgreSQL the workers of several machines share it, and a file lock only guards one
machine. `PgSiteLock` takes a session-level `pg_try_advisory_lock(key)` (key: 64 bits of the sha256 of the
site key) on a connection of its own held for the lock's life: the server drops the lock with the connection,
so a process that dies however it dies leaves no stale lock (a machine that vanishes: once TCP keepalive
gives up on it, about a minute). The session's application_name carries the holder's pid and host, for the
message a second run shows. Needs a session-level connection: not through a pooler in transaction mode.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import psycopg

from checker.operations.lock import LockBusy, SiteLock, lock_path
from checker.store.base import StoreError
from checker.store.open import is_postgres
from checker.store.postgres import connect, one_line, redact_dsn

# The server drops a silent client's session (and so its lock) after idle + interval * count seconds.
_KEEPALIVE = ("SET tcp_keepalives_idle = 30", "SET tcp_keepalives_interval = 10", "SET tcp_keepalives_count = 3")


def advisory_key(site: str) -> int:
    """The signed 64-bit advisory lock key of a site key."""
    return int.from_bytes(hashlib.sha256(site.encode()).digest()[:8], "big", signed=True)


class PgLockBusy(LockBusy):
    """LockBusy for an advisory lock: `path` names the lock (`pg_advisory_lock(KEY)`), `database` the server."""

    def __init__(self, key: int, database: str, holder: str, site: str = "") -> None:
        super().__init__(Path(f"pg_advisory_lock({key})"), holder, site)
        self.database = database
        Exception.__init__(
            self, f"another oitcheck run holds advisory lock {key} in {database} ({holder or 'holder unknown'})"
        )


class PgSiteLock:
    """`with PgSiteLock(dsn, site, wait=None):` — wait None: fail at once; a number: seconds to wait; inf:
    forever. LockBusy (PgLockBusy) when another session holds it; StoreError when the server cannot be used."""

    def __init__(self, dsn: str, site: str, wait: float | None = None, poll: float = 0.5, name: str = "") -> None:
        self.dsn = dsn
        self.site = site
        self.wait = wait
        self.poll = poll
        self.name = name or site
        self.key = advisory_key(site)
        self.database = redact_dsn(dsn)
        self._db: psycopg.Connection[Any] | None = None

    def acquire(self) -> None:
        try:
            db = connect(self.dsn, "oitcheck lock")
        except psycopg.Error as exc:
            raise self._error(exc) from None
        try:
            label = f"oitcheck pid {os.getpid()} on {socket.gethostname()}"[:63]  # the server keeps 63 bytes
            db.execute("SELECT set_config('application_name', %s, false)", (label,))
            for statement in _KEEPALIVE:
                db.execute(statement)
            deadline = time.monotonic() + (self.wait or 0.0)
            while (db.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone() or (False,))[0] is not True:
                if self.wait is None or time.monotonic() >= deadline:
                    raise PgLockBusy(self.key, self.database, self._holder(db), self.name)
                time.sleep(self.poll)
        except psycopg.Error as exc:
            db.close()
            raise self._error(exc) from None
        except BaseException:  # busy, or interrupted while waiting
            db.close()
            raise
        self._db = db

    def release(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            try:
                db.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
            except psycopg.Error:
                pass  # the connection is gone, and the lock with it
            finally:
                db.close()

    def _holder(self, db: psycopg.Connection[Any]) -> str:
        """`oitcheck pid 123 on host-a since 2024-…`, as far as the server lets us see the other session."""
        row = db.execute(
            "SELECT a.application_name, a.backend_start, l.pid FROM pg_locks l "
            "LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.objsubid = 1 AND l.classid::bigint = %s AND l.objid::bigint = %s LIMIT 1",
            ((self.key >> 32) & 0xFFFFFFFF, self.key & 0xFFFFFFFF),
        ).fetchone()
        if row is None:
            return ""
        name, since, pid = row
        who = name or f"server process {pid}"
        return f"{who} since {since.isoformat(timespec='seconds')}" if isinstance(since, datetime) else who

    def _error(self, exc: BaseException) -> StoreError:
        return StoreError(f"cannot take the lock for {self.name} in {self.database}: {one_line(exc, self.dsn)}")

    def __enter__(self) -> PgSiteLock:
        self.acquire()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def site_lock(
    site: str, *, lock_dir: Path | None, store_spec: str | None, wait: float | None, name: str = ""
) -> AbstractContextManager[object]:
    """The lock a run of `site` takes: an advisory lock in the PostgreSQL store, else the file lock in
    `lock_dir`, else none. `name` is the site as messages show it (a config's name)."""
    if store_spec is not None and is_postgres(store_spec):
        return PgSiteLock(store_spec, site, wait, name=name)
    if lock_dir is not None:
        return SiteLock(lock_path(lock_dir, site), wait, site=name or site)
    return nullcontext()
