"""What a rule pack knows about itself beyond its items, and the defaults a pack that says nothing gets.

A pack may set its item ids' form (`item_id_pattern`), the verdicts that end a crawl's early stop
(`settled_statuses`) and the wording of each period kind (`periods`); docs/rules.md describes them.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import ValidationInfo

from checker.models import ItemStatus

# The period kinds the engine implements (checker/evaluate/timing.py). A pack says which of them it uses and
# how each is worded (RulePack.periods); "none" (no period required) needs no wording.
PeriodCode = Literal["none", "current_fy", "first_half", "previous_fy", "covers_fy"]
DEFAULT_ITEM_ID_PATTERN = r"^O([1-9][0-9]?)$"
DEFAULT_SETTLED: tuple[ItemStatus, ...] = ("pass", "incomplete", "outdated", "unreachable")
# What each period kind needs, (th, en), for a pack that does not word it itself.
DEFAULT_PERIOD_WORDING: dict[PeriodCode, tuple[str, str]] = {
    "current_fy": ("ปีงบประมาณ {year}", "fiscal year {year}"),
    "first_half": (
        "รอบ 6 เดือนแรกของปีงบประมาณ {year} (ต.ค. {prev2} – มี.ค. {year2})",
        "the first six months of fiscal year {year} (Oct {prev} – Mar {year})",
    ),
    "previous_fy": ("ปีงบประมาณ {prev} หรือ {year}", "fiscal year {prev} or {year}"),
    "covers_fy": ("แผนที่ครอบคลุมปีงบประมาณ {year}", "a plan covering fiscal year {year}"),
}
# What a period wording may name: the fiscal year, the one before, and both as two digits (67, 66).
PERIOD_PLACEHOLDERS: dict[str, object] = {"year": 2567, "prev": 2566, "year2": "67", "prev2": "66"}


def period_args(year: int) -> dict[str, object]:
    """The values of PERIOD_PLACEHOLDERS for fiscal `year`."""
    return {"year": year, "prev": year - 1, "prev2": str(year - 1)[-2:], "year2": str(year)[-2:]}


def wording_problem(words: str) -> str | None:
    """Why a period wording cannot be used (a placeholder it may not name, a stray brace), or None."""
    try:
        words.format(**PERIOD_PLACEHOLDERS)
    except (KeyError, IndexError, ValueError) as exc:
        known = ", ".join("{" + k + "}" for k in PERIOD_PLACEHOLDERS)
        return f"{words!r} may only use {known} ({type(exc).__name__}: {exc})"
    return None


def context_value(info: ValidationInfo, key: str, default: object) -> object:
    """A value the loader passed to validation (the pack's own settings, for checks made item by item)."""
    return info.context.get(key, default) if isinstance(info.context, dict) else default


def compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def bad_id(item_id: str, pattern: str) -> str:
    if pattern == DEFAULT_ITEM_ID_PATTERN:
        return f"item id {item_id!r} must look like O1 … O99"
    return f"item id {item_id!r} does not match the pack's item_id_pattern {pattern!r}"


def bad_period(kind: str, declared: object) -> str:
    names = ", ".join(str(k) for k in declared) if isinstance(declared, (list, tuple, dict)) else ""
    return f"period {kind!r} is not one of the pack's periods ({names or 'none declared'}; or 'none')"
