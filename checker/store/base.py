"""What the history store keeps and the small interface every store implements.

Runs are keyed by a normalised site (host without www, port, path; either scheme), the rule pack and the
fiscal year, because "what changed since last night" only means something between runs that asked the same
question of the same site.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from checker.crawl.scope import normalise_start_url
from checker.models import ITEM_STATUSES, SiteReport

_DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX = re.compile(r"/(?:index|default|home)\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)


class StoreError(Exception):
    """The history cannot be used (not a database, from a newer oitcheck, no such run)."""


def default_history_path() -> Path:
    """$OITCHECK_HOME/history.db, else $XDG_DATA_HOME/oitcheck/history.db, else ~/.local/share/oitcheck/…"""
    home = os.environ.get("OITCHECK_HOME")
    if home:
        return Path(home) / "history.db"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "oitcheck" / "history.db"


def site_key(url: str) -> str:
    """`https://www.x.go.th/index.php` and `x.go.th` are one site: host (no www) [:port] [/path]."""
    parts = urlsplit(normalise_start_url(url))
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    path = _INDEX.sub("/", parts.path).rstrip("/")
    return host + path


@dataclass(frozen=True)
class RunRecord:
    """One stored run, without its report: what `oitcheck history` lists."""

    id: int
    site: str  # site_key
    url: str
    ruleset: str
    fiscal_year: int
    started_at: str
    finished_at: str
    percent: float
    passed: int
    total: int
    tool_version: str
    site_error: bool  # the site could not be checked (every item unreachable): never a baseline for changes
    counts: dict[str, int] = field(default_factory=dict)  # items per status
    waived: int = 0
    run_key: str | None = None  # a job's idempotency key (batch id + site): one run per key, however often run
    tags: dict[str, str] = field(default_factory=dict)  # the site's labels from a batch: province, district, type
    # The estimated OIT score (0–100) and its grade, as the run's report headlined them; None for a run that
    # could not check the site, and for runs stored before the history kept it (their reports still hold the items).
    estimate: float | None = None
    grade: str | None = None


def headline(report: SiteReport, site_error: bool = False) -> tuple[float | None, str | None]:
    """The estimated OIT score and grade to store beside a report: those it carries, or (None, None) when it
    has none or the run could not check the site (never a score to rank)."""
    found = report.estimate
    return (found.score, found.grade) if found is not None and not site_error else (None, None)


def summarise(report: SiteReport) -> tuple[dict[str, int], int]:
    """Items per status (every status present, zeros included) and how many carry a waiver."""
    counts = Counter(i.status for i in report.items)
    return {s: counts.get(s, 0) for s in ITEM_STATUSES}, sum(1 for i in report.items if i.waiver)


class Store(Protocol):
    """Run history. Newest first everywhere; ids grow with time."""

    def save(
        self,
        report: SiteReport,
        *,
        site_error: bool = False,
        run_key: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> int:
        """Keep a finished run; returns its id. A `run_key` already stored writes nothing and returns the id
        of the run stored under it: a job redelivered after a crash is kept once."""
        ...

    def find(self, run_key: str) -> RunRecord | None:
        """The run stored under this key, if any."""
        ...

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
        """Runs matching every given filter, newest first; `before` keeps ids lower than it."""
        ...

    def record(self, run_id: int) -> RunRecord:
        """The run with this id; StoreError if there is none."""
        ...

    def report(self, run_id: int) -> SiteReport:
        """The whole report of a run, as it was rendered; StoreError if there is none."""
        ...

    def close(self) -> None: ...
