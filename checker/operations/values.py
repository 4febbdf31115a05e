"""The allowed range of every number a user gives, one validator each, shared by the command line
(argparse type functions, checker/commands/options.py) and the site config (config.py).

One place, so a value the config file refuses is refused on the command line too, with the same words: a
`--year 2024` once ran a whole check against the wrong fiscal year and `--max-pages 0` was reported as "home
page does not open". Each function returns the value or raises ValueError with a message that fits after
"field budgets.max_pages: " and after "argument --max-pages: " alike.
"""

from __future__ import annotations

import math

BE_OFFSET = 543  # Buddhist era = Christian era + 543
YEAR_MIN, YEAR_MAX = 2500, 2700  # Buddhist-era fiscal years a check accepts at all (1957–2157)
YEAR_WINDOW = 10  # and at most this far from the rule pack's own fiscal year
MAX_PAGES = MAX_DOCUMENTS = 100_000
MAX_SECONDS = 86_400.0  # a day: longer is a typo, not a budget
MAX_CONCURRENCY = 16  # requests in flight to one agency server; more is not polite


def fiscal_year(value: object) -> int:
    """A Buddhist-era fiscal year; a Christian-era one gets the conversion as a hint."""
    year = _whole(value)
    if YEAR_MIN - BE_OFFSET <= year <= YEAR_MAX - BE_OFFSET:
        raise ValueError(f"{year} looks like a Christian-era year; use {year + BE_OFFSET}")
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"{year} is not a Buddhist-era fiscal year from {YEAR_MIN} to {YEAR_MAX} (e.g. 2567 for 2024)")
    return year


def year_for_pack(year: int, pack_year: int, pack_id: str) -> int:
    """A fiscal year the rule pack can judge: its period rules were written for years near its own."""
    if abs(year - pack_year) > YEAR_WINDOW:
        raise ValueError(
            f"fiscal year {year} is too far from the rule pack's year {pack_year} ({pack_id}); "
            f"use {pack_year - YEAR_WINDOW}–{pack_year + YEAR_WINDOW} or a rule pack for {year}"
        )
    return year


def max_pages(value: object) -> int:
    return _in_range(_whole(value), 1, MAX_PAGES)


def max_documents(value: object) -> int:
    """0 is allowed: pages only, no documents."""
    return _in_range(_whole(value), 0, MAX_DOCUMENTS)


def concurrency(value: object) -> int:
    return _in_range(_whole(value), 1, MAX_CONCURRENCY)


def max_seconds(value: object) -> float:
    seconds = _number(value)
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"must be more than 0 and at most {MAX_SECONDS:g} seconds, not {_show(value)}")
    return seconds


def percent(value: object) -> float:
    """A score threshold; `80%` is read as 80."""
    number = _number(value.rstrip("%") if isinstance(value, str) else value)
    if not 0 <= number <= 100:
        raise ValueError(f"a score is a percentage from 0 to 100, not {_show(value)}")
    return number


def _whole(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"not a whole number: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ValueError(f"not a whole number: {_show(value)}")


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    try:
        number = float(value) if isinstance(value, int | float | str) else math.nan
    except ValueError:
        raise ValueError(f"not a number: {_show(value)}") from None
    return number  # nan and inf fail every range check below


def _in_range(number: int, low: int, high: int) -> int:
    if not low <= number <= high:
        raise ValueError(f"must be a whole number from {low} to {high}, not {number}")
    return number


def _show(value: object) -> str:
    """As the user wrote it: `0` from a flag and `0` from a file read the same; only blank text is quoted."""
    text = str(value).strip()
    return text if text else repr(value)
