"""An on-disk HTTP cache that always revalidates, so a nightly re-run of an unchanged site costs 304s.

A checker must never judge from a copy the site no longer serves, so a stored response is used only after the
origin confirms it: every request for a stored URL is conditional (If-None-Match / If-Modified-Since, RFC
9110 §13) and a 304 answer returns the stored body. Nothing is ever served from freshness, which leaves
none of RFC 9111's expiry rules to implement; requests also carry `Cache-Control: no-cache` so that a proxy
on the way revalidates too.

Written here rather than with hishel (used until 2026-11): hishel 2's async SQLite storage hops to a worker
thread for every database call and commits each write, 2.3 ms of CPU per request on the benchmark machine —
more than the rest of a fetch together (bench/crawl_bench.py, docs/benchmarks.md). This is a synchronous
SQLite table on the event loop's thread (checker/crawl/cache_file.py): ~0.05 ms per lookup or write.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from checker.crawl.cache_file import CacheFile, CacheStore

REVALIDATE = {"Cache-Control": "no-cache"}
KEEP_DAYS = 60  # responses not confirmed for this long are dropped when the cache is closed
_SCHEMA = """CREATE TABLE IF NOT EXISTS oitcheck_responses (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, content_type TEXT NOT NULL, body BLOB NOT NULL,
    checked_at REAL NOT NULL)"""


def default_cache_path() -> Path:
    """$OITCHECK_CACHE, else $XDG_CACHE_HOME/oitcheck/http-cache.db, else ~/.cache/oitcheck/http-cache.db."""
    explicit = os.environ.get("OITCHECK_CACHE")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "oitcheck" / "http-cache.db"


@dataclass(frozen=True)
class Stored:
    etag: str | None
    last_modified: str | None
    content_type: str
    body: bytes

    def conditions(self) -> dict[str, str]:
        """The headers that ask the origin "still this?"."""
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


def storable(status: int, headers: Mapping[str, str], redirected: bool, truncated: bool) -> bool:
    """A whole 200 answered at this very URL, with something to revalidate against and no `no-store`."""
    if status != 200 or redirected or truncated:
        return False
    if "no-store" in headers.get("cache-control", "").lower():
        return False
    return bool(headers.get("etag") or headers.get("last-modified"))


class RevalidatingCache(CacheStore):
    """URL -> the last 200 response and its validators, in one SQLite file. Used from one thread. A cache
    never stops a check: if the file cannot be read or written, requests simply go out unconditional."""

    def __init__(self, path: Path) -> None:
        self._file = CacheFile(path, _SCHEMA)
        self._confirmed: list[str] = []

    def lookup(self, url: str) -> Stored | None:
        row = self._file.run(
            "SELECT etag, last_modified, content_type, body FROM oitcheck_responses WHERE url = ?", url
        )
        if row is None:
            return None
        etag, modified, ctype, body = row
        return Stored(etag, modified, ctype, bytes(body))

    def confirmed(self, url: str) -> None:
        """The origin answered 304: the stored copy is current."""
        self._confirmed.append(url)

    def store(self, url: str, headers: Mapping[str, str], body: bytes) -> None:
        etag, modified, ctype = headers.get("etag"), headers.get("last-modified"), headers.get("content-type", "")
        self._file.run(
            "INSERT OR REPLACE INTO oitcheck_responses VALUES (?, ?, ?, ?, ?, ?)",
            url, etag, modified, ctype, body, time.time(),
        )  # fmt: skip

    def forget(self, url: str) -> None:
        """The URL no longer answers 200 (gone, moved, failing): never offer its old copy again."""
        self._file.run("DELETE FROM oitcheck_responses WHERE url = ?", url)

    def close(self) -> None:
        """Note which copies were confirmed, drop those nobody confirmed for KEEP_DAYS."""
        self._file.close("oitcheck_responses", "url", "checked_at", self._confirmed, KEEP_DAYS)
