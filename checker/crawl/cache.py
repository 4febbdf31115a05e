"""An on-disk HTTP cache that always revalidates, so a nightly re-run of an unchanged site costs 304s.

hishel does the caching (RFC 9111, SQLite storage); every request carries `Cache-Control: no-cache`, which
per the RFC means "use the stored copy only after the origin confirms it" (ETag / If-Modified-Since). A
checker must never judge from a copy the site no longer serves.
"""

from __future__ import annotations

import os
from pathlib import Path

import hishel
import httpx
from hishel.httpx import AsyncCacheTransport

REVALIDATE = {"Cache-Control": "no-cache"}


def default_cache_path() -> Path:
    """$OITCHECK_CACHE, else $XDG_CACHE_HOME/oitcheck/http-cache.db, else ~/.cache/oitcheck/http-cache.db."""
    explicit = os.environ.get("OITCHECK_CACHE")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "oitcheck" / "http-cache.db"


def cache_transport(path: Path, verify: bool = True) -> httpx.AsyncBaseTransport:
    """A transport that stores responses in the SQLite file at `path` and revalidates them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    storage = hishel.AsyncSqliteStorage(database_path=str(path))
    return AsyncCacheTransport(httpx.AsyncHTTPTransport(verify=verify), storage=storage, rfc=True)


def served_from_cache(response: httpx.Response) -> bool:
    info = response.extensions.get("caching") or {}
    return bool(info.get("from_cache"))
