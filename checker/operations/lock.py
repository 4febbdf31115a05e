"""One run per site at a time: cron and a person, or two timers, must not crawl the same site together.

Two overlapping runs would double the load on a small agency server and race to write its history. The lock
is `flock` on `<history dir>/locks/<site>.lock`; the kernel drops it when the process ends, however it ends,
so a crashed run never leaves a stale lock behind. The file holds the holder's pid and start time, for the
message the second run shows. POSIX only (cron/systemd hosts).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType


class LockBusy(Exception):
    """Another run holds the site's lock (and we were not asked to wait, or waited long enough)."""

    def __init__(self, path: Path, holder: str, site: str = "") -> None:
        self.path = path
        self.holder = holder
        self.site = site
        super().__init__(f"another oitcheck run holds {path} ({holder or 'holder unknown'})")


class LockError(Exception):
    """The lock file cannot be created (its folder, next to the history, is not writable)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"cannot create the site lock {path}: {reason}; set OITCHECK_HOME or --history to a folder you can write"
        )


def lock_path(directory: Path, site: str) -> Path:
    """A readable file name for the site key, with a short hash so `a/b` and `a_b` do not share a lock."""
    slug = re.sub(r"[^A-Za-z0-9.-]+", "_", site).strip("_")[:80] or "site"
    return directory / "locks" / f"{slug}-{hashlib.sha256(site.encode()).hexdigest()[:8]}.lock"


class SiteLock:
    """`with SiteLock(path, wait=None):` — wait None: fail at once; a number: seconds to wait; inf: forever.
    `site` names the site in the LockBusy message."""

    def __init__(self, path: Path, wait: float | None = None, poll: float = 0.2, site: str = "") -> None:
        self.path = path
        self.wait = wait
        self.poll = poll
        self.site = site
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            blocking = next((p for p in self.path.parents if p.exists()), None)
            reason = f"{blocking} is a file, not a folder" if blocking and not blocking.is_dir() else exc.strerror
            raise LockError(self.path, reason or str(exc)) from None
        deadline = time.monotonic() + (self.wait or 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if self.wait is None or time.monotonic() >= deadline:
                    holder = _read(fd)
                    os.close(fd)
                    raise LockBusy(self.path, holder, self.site) from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> SiteLock:
        self.acquire()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def _read(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""
