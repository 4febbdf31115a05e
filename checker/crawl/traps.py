"""Crawler traps: URL families that never end (calendars, growing query strings, relative-link loops).

An agency site's event calendar links every month forever, a broken relative link adds one more /ita/ at
each level, and a session id makes each page look new. Each URL could be a real page, so the guard caps
the family instead: a budget per URL pattern, limits on query length, path depth and repeated segments,
and no calendar pages far from today. Pure and deterministic: `today` is given, nothing is fetched.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, unquote, urlsplit

_DIGITS = re.compile(r"\d+")
_TOKEN = re.compile(r"^(?=(?:.*\d){3})(?=(?:.*[A-Za-z]){3})[A-Za-z0-9]{20,}$")  # session ids, hashes
_CAL_WORD = re.compile(r"^(?:cal|calendar|calendars|ical|event|events|eventcalendar|ปฏิทิน\w*)$", re.I)
_CAL_KEY = re.compile(r"^i?cal(?:[_-]?(?:date|day|month|year|id))?$|calendar", re.I)
_DATE_KEY = re.compile(
    r"^(?:date|day|d|dd|ym|yearmonth|time|ts|timestamp|start|end|tribe-bar-date)$|_date$|^date_|^eventdate$", re.I
)
_MONTH_KEY = re.compile(r"^(?:m|mm|mon|month|mo|bulan)$", re.I)
_YEAR_KEY = re.compile(r"^(?:y|yy|yyyy|yr|year)$", re.I)
# 2031-05-01, 2031/05, 20310501, 203105, 01-05-2031, 01/05/2568 (Buddhist era years are common)
_YMD = re.compile(r"^(\d{4})[-/._]?(\d{1,2})(?:[-/._]?(\d{1,2}))?(?:[T ].*)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR = re.compile(r"^\d{4}$")
_EPOCH = re.compile(r"^1\d{9}$")


class TrapGuard:
    """Decides which URLs a crawl may still admit; keeps the per-pattern counts of those it admitted."""

    def __init__(
        self,
        today: date | None = None,
        *,
        per_pattern: int = 60,
        max_query: int = 300,
        max_depth: int = 12,
        max_repeats: int = 3,
        calendar_days: int = 366,
    ) -> None:
        self.today = today or date.today()
        self.per_pattern = per_pattern
        self.max_query = max_query
        self.max_depth = max_depth
        self.max_repeats = max_repeats
        self.calendar_days = calendar_days
        self._counts: Counter[str] = Counter()
        self._admitted: set[str] = set()

    def admit(self, url: str) -> bool:
        """True (and counted against its pattern's budget) when the URL is no trap; admitting twice is free."""
        if url in self._admitted:
            return True
        if self.reason(url) is not None:
            return False
        self._admitted.add(url)
        self._counts[pattern(url)] += 1
        return True

    def reason(self, url: str) -> str | None:
        """Why the URL would not be admitted ("calendar", "query too long"...), or None. Counts nothing."""
        if url in self._admitted:
            return None
        try:
            parts = urlsplit(url)
            params = parse_qsl(parts.query, keep_blank_values=True)
        except ValueError:
            return "malformed URL"
        if len(parts.query) > self.max_query:
            return f"query longer than {self.max_query} characters"
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > self.max_depth:
            return f"path deeper than {self.max_depth} segments"
        if _repeats(segments, self.max_repeats):
            return "repeated path segments"
        keys = Counter(k.lower() for k, _ in params)
        if keys and keys.most_common(1)[0][1] >= self.max_repeats:
            return "repeated query parameter"
        for when in calendar_dates(segments, params):
            if abs((when - self.today).days) > self.calendar_days:
                return f"calendar page for {when.isoformat()[:7]}"
        if self._counts[pattern(url)] >= self.per_pattern:
            return f"more than {self.per_pattern} URLs like {pattern(url)}"
        return None


def pattern(url: str) -> str:
    """host + path + sorted query keys, digit runs as N and tokens as *: one family of generated URLs.

    Query values are kept in their shape (digits → N) rather than dropped, so that a vendor router
    (index.php?_mod=<base64>&type=<base64>) is many families, one per module, not a single capped one.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = "/".join(_shape(s) for s in parts.path.split("/"))
    query = sorted(f"{k.lower()}={_shape(v)}" for k, v in parse_qsl(parts.query, keep_blank_values=True))
    return f"{host}{path}?{'&'.join(query)}" if query else f"{host}{path}"


def _shape(value: str) -> str:
    if _TOKEN.match(value) or len(value) > 100:
        return "*"  # session ids, hashes, free text: each one new, never a new kind of page
    return _DIGITS.sub("N", value)


def _repeats(segments: list[str], times: int) -> bool:
    """A block of 1-4 segments repeated `times` times in a row (/a/b/a/b/a/b), or one segment `times`+1 times."""
    if segments and max(Counter(segments).values()) > times:
        return True
    n = len(segments)
    for size in range(1, 5):
        for start in range(n - size * times + 1):
            block = segments[start : start + size]
            if all(segments[start + i * size : start + (i + 1) * size] == block for i in range(1, times)):
                return True
    return False


def calendar_dates(segments: list[str], params: list[tuple[str, str]]) -> list[date]:
    """The dates a calendar-like URL shows; [] when the URL is not a calendar page.

    A calendar is a URL with month or day granularity (date=2031-05-01, month=5&year=2031) or a calendar
    word (/calendar/, cal=, event) with a year. A bare year=2566 is not: archives by year are finite and
    OIT evidence is filed that way.
    """
    marked = any(_CAL_WORD.match(unquote(s)) for s in segments) or any(_CAL_KEY.search(k) for k, _ in params)
    year = month = None
    found: list[date] = []
    for key, raw in params:
        value = raw.strip()
        if _DATE_KEY.search(key) or (marked and _CAL_KEY.search(key)):
            d = _parse_date(value, allow_year=marked)
            if d:
                found.append(d)
        elif _MONTH_KEY.match(key) and value.isdigit() and 1 <= int(value) <= 12:
            month = int(value)
        elif _YEAR_KEY.match(key) and _YEAR.match(value):
            year = int(value)
    if year and (month or marked):
        d = _make(year, month or 7, 1)
        if d:
            found.append(d)
    if marked:
        found += _path_dates(segments)
    return found


def _path_dates(segments: list[str]) -> list[date]:
    """/calendar/2031/05/, /events/2031-05-01/, /cal/203105."""
    out: list[date] = []
    for i, seg in enumerate(segments):
        d = _parse_date(seg, allow_year=False)
        if d is None and _YEAR.match(seg):
            nxt = segments[i + 1] if i + 1 < len(segments) else ""
            month = int(nxt) if nxt.isdigit() and 1 <= int(nxt) <= 12 else 7
            d = _make(int(seg), month, 1)
        if d:
            out.append(d)
    return out


def _parse_date(value: str, allow_year: bool) -> date | None:
    if _EPOCH.match(value):
        return datetime.fromtimestamp(int(value), UTC).date()
    m = _YMD.match(value)
    if m and (m.group(3) or len(value) != 4):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    m = _DMY.match(value)
    if m:
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if allow_year and _YEAR.match(value):
        return _make(int(value), 7, 1)
    return None


def _make(year: int, month: int, day: int) -> date | None:
    """A date, or None when the numbers are no date (an event id like /calendar/view/1234 is not a year)."""
    year = _ce(year)
    if not 1970 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _ce(year: int) -> int:
    """Common-era year; Thai sites count in the Buddhist era (2568 = 2025)."""
    return year - 543 if year > 2400 else year
