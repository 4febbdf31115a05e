"""Structure instead of words: a pattern that repeats for distinct months (or quarters) is a table by period.

A monthly statistics table says "ต.ค. 66 | 12 | 40 | 8 | พ.ย. 66 | 9 | 35 | 6 | …" and often no "จำนวน…" at
all. A `repeated` check finds it: a pattern, usually "a month, then within a short gap a number", that must
occur for at least `min` distinct months. Rule files write `{month}`, `{quarter}` and `{year}` for the
Thai (and English) forms the date reader knows, so a pattern stays readable:

    '{month}(?>\\s*{year})?[\\s|:]*\\d{2,}'

The first `{month}` / `{quarter}` / `{year}` of a pattern is captured, and occurrences count as distinct by
month number (ต.ค. = ตุลาคม = Oct) and year, or by quarter number and year, or by a `(?P<key>…)` group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.date_atoms import _EN_MONTH, _TH_MONTH, _month_number

_QUARTER = r"(?:ไตรมาส\s?(?:ที่\s?)?|(?<![A-Za-z])Q)[1-4](?!\d)"
_YEAR = r"(?:(?:พ\.\s?ศ\.\s?)?25\d\d|[4-9]\d)(?![\d.,])"
# The lookahead lets the regex engine skip most positions before trying twenty-four month names (5x faster).
_MONTH = f"(?=[มกเพสตธJFMASONDjfmasond])(?:{_TH_MONTH}|{_EN_MONTH})"
PLACEHOLDERS = {"month": _MONTH, "quarter": _QUARTER, "year": _YEAR}
KEY_GROUPS = ("month", "quarter", "year", "key")


def expand(pattern: str) -> str:
    """The pattern with its placeholders written out; the first of each kind becomes a named group."""
    for name, body in PLACEHOLDERS.items():
        token = "{" + name + "}"
        if token in pattern:
            first, _, rest = pattern.partition(token)
            pattern = f"{first}(?P<{name}>{body}){rest.replace(token, f'(?:{body})')}"
    return pattern


@lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(expand(pattern), re.IGNORECASE)


def validate(pattern: str) -> str:
    """Raise ValueError when a pattern is no regular expression or cannot tell its occurrences apart."""
    try:
        rx = compiled(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from exc
    if not set(rx.groupindex) & set(KEY_GROUPS):
        raise ValueError(
            f"pattern {pattern!r} needs {{month}}, {{quarter}}, {{year}} or a (?P<key>…) group: "
            "that is what makes two occurrences distinct"
        )
    return pattern


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    key: tuple[object, ...]
    label: str  # the month / quarter as written, for the snippet


@lru_cache(maxsize=32)  # one document is evidence for several items, and checked by several elements
def occurrences(text: str, pattern: str, limit: int = 200) -> list[Occurrence]:
    """Each match of the pattern with the distinct key it stands for (the first match of each key)."""
    rx = compiled(pattern)
    seen: dict[tuple[object, ...], Occurrence] = {}
    for n, m in enumerate(rx.finditer(text)):
        if n >= limit:
            break
        key = _key(m)
        if key not in seen:
            seen[key] = Occurrence(m.start(), m.end(), key, _label(m))
    return list(seen.values())


def _key(m: re.Match[str]) -> tuple[object, ...]:
    groups = m.groupdict()
    month = groups.get("month")
    quarter = groups.get("quarter")
    year = groups.get("year")
    return (
        _month_number(month) if month else None,
        int(quarter[-1]) if quarter else None,
        re.sub(r"\D", "", year)[-2:] if year else None,
        re.sub(r"\s", "", groups["key"]).lower() if groups.get("key") else None,
    )


def _label(m: re.Match[str]) -> str:
    groups = m.groupdict()
    parts = [groups[g] for g in KEY_GROUPS if groups.get(g)]
    return " ".join(p.strip() for p in parts)
