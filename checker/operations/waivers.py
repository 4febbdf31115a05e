"""Accepted findings: a waiver keeps a known, explained problem from failing every nightly run — until it expires.

A waiver never changes a verdict. It is attached to the item (`ItemResult.waiver`) so every report shows it,
and the exit-code rule (thresholds.py) skips waived items. An expired waiver is not attached: the finding
counts again and the run says so, so that "we'll fix it next quarter" cannot quietly become "never".

File (YAML or TOML, by extension)::

    waivers:
      - item: O22
        status: unreachable        # optional: only while the item has this status
        reason: "ระบบ e-GP ปิดปรับปรุง; ขอไฟล์จากกองคลังแล้ว"
        expires: 2025-03-31        # the last day the waiver applies
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from checker.models import SiteReport, Waiver
from checker.operations.sourcemap import InputFileError, line_for, read_mapping, validate

FailingStatus = Literal["incomplete", "outdated", "missing", "unreachable", "review"]


class WaiverEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str = Field(min_length=1)
    status: FailingStatus | None = None
    reason: str = Field(min_length=1)
    expires: date

    @field_validator("item")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.strip().upper()

    @field_validator("reason")
    @classmethod
    def _said(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a waiver needs a reason a reviewer can read")
        return value.strip()

    def matches(self, item_id: str, status: str) -> bool:
        return self.item == item_id and status != "pass" and self.status in (None, status)

    def active(self, today: date) -> bool:
        """In force through the whole `expires` day."""
        return today <= self.expires


class WaiverFileModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    waivers: list[WaiverEntry] = []


@dataclass(frozen=True)
class WaiverSet:
    """The waivers of one file, with where each one is written, for messages that point back at it."""

    path: str
    entries: tuple[WaiverEntry, ...]
    lines: tuple[int, ...]

    def check_items(self, known: set[str]) -> None:
        """A waiver for an item the rule pack does not have is a typo that would silently waive nothing."""
        bad = [
            f"{self.path}:{line}: field waivers[{i}].item: no item {e.item!r} in the rule pack"
            for i, (e, line) in enumerate(zip(self.entries, self.lines, strict=True))
            if e.item not in known
        ]
        if bad:
            raise InputFileError(self.path, bad)


def load_waivers(path: Path) -> WaiverSet:
    data, lines = read_mapping(path, "waivers file")
    model = validate(WaiverFileModel, data, lines, str(path))
    where = tuple(line_for(("waivers", i), lines) for i in range(len(model.waivers)))
    return WaiverSet(str(path), tuple(model.waivers), where)


@dataclass(frozen=True)
class WaiverUse:
    item: str
    status: str
    entry: WaiverEntry
    line: int


@dataclass(frozen=True)
class WaiverOutcome:
    report: SiteReport  # items with an active waiver carry it; verdicts and score unchanged
    applied: tuple[WaiverUse, ...]
    expired: tuple[WaiverUse, ...]  # matched a failing item but ran out: the finding counts again
    unused: tuple[tuple[WaiverEntry, int], ...]  # matched nothing (fixed, or the status moved on): remove them


def apply_waivers(report: SiteReport, waivers: WaiverSet, today: date) -> WaiverOutcome:
    """Attach the first active matching waiver to each failing item; collect expired and unused ones."""
    applied: list[WaiverUse] = []
    expired: list[WaiverUse] = []
    used: set[int] = set()
    items = []
    for item in report.items:
        matching = [i for i, e in enumerate(waivers.entries) if e.matches(item.id, item.status)]
        active = [i for i in matching if waivers.entries[i].active(today)]
        used.update(matching)
        if active:
            i = active[0]
            e = waivers.entries[i]
            applied.append(WaiverUse(item.id, item.status, e, waivers.lines[i]))
            item = item.model_copy(update={"waiver": Waiver(reason=e.reason, expires=e.expires.isoformat())})
        elif matching:
            i = matching[0]
            expired.append(WaiverUse(item.id, item.status, waivers.entries[i], waivers.lines[i]))
        items.append(item)
    unused = tuple(
        (e, line) for i, (e, line) in enumerate(zip(waivers.entries, waivers.lines, strict=True)) if i not in used
    )
    return WaiverOutcome(report.model_copy(update={"items": items}), tuple(applied), tuple(expired), unused)
