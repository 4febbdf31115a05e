"""Dated periods in normalised Thai text: days, months, date ranges, fiscal years, quarters, half-year rounds.

Why: an OIT item must cover the right *period*, not just mention the right year.  The six-month report
(รอบ 6 เดือน) must cover 1 Oct - 31 Mar of the fiscal year; monthly procurement summaries must add up to
that span.  Fiscal year (ปีงบประมาณ) N, Buddhist era, runs from 1 October of N-1 to 30 September of N.

:func:`find_periods` turns the wording agencies use into Gregorian date spans (:class:`Period`); it works in
three steps:

1. *atoms* are found by a handful of regular expressions, each yielding candidates, and overlapping
   candidates are resolved longest first (as in :func:`checker.extract.periods.find_years`):
   points ("16 มีนาคม 2566", "ต.ค. 66", "15/01/2567", "1 Oct 2023", and year-less "1 ต.ค."), fiscal-year
   phrases ("ปีงบประมาณ พ.ศ. 2567", "ปีงบฯ 67", "ปีงบประมาณ 2566-2570"), calendar-year phrases
   ("พ.ศ. 2567", "ปี 2567", "ประจำปี 2567") and round cues ("ไตรมาสที่ 2", "ไตรมาส 1/2567", "รอบ 6 เดือนแรก",
   "ครึ่งปีหลัง");
2. two points joined by a dash or ถึง become a range; a point without a year takes it from the other end
   ("ต.ค.-ธ.ค. 66", "1 ต.ค. - 31 มี.ค. 2567": a start month after the end month is in the previous year);
3. a cue takes its dates from the fiscal or calendar year next to it ("ไตรมาสที่ 2 ปีงบประมาณ 2567",
   "ปีงบประมาณ 2567 รอบ 6 เดือน"; quarters and rounds are always *fiscal*), or from a range next to it
   ("รอบ 6 เดือน (1 ต.ค. 66 - 31 มี.ค. 67)").  Points without a year and cues without a year are dropped.

Years: four digits are Buddhist era when >= 2400, Gregorian otherwise; two digits (40-99) are Buddhist era
and are read only right after a Thai month or a cue ("ต.ค. 66", "ปีงบฯ 67", "ปี 67").  A bare year is not a
period (``find_years`` still reports it).  Impossible dates ("31 กุมภาพันธ์ 2567") are dropped.

Input must already be normalised with :func:`checker.extract.thai.normalise` (Arabic digits, single spaces).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.extract.date_atoms import (
    _RE_ANY_DIGIT,
    _TO,
    BE_OFFSET,
    MAX_SPAN_YEARS,
    PeriodKind,
    _Atom,
    _atoms,
    _Cue,
    _date,
    _Point,
    _Span,
)

__all__ = ["Period", "PeriodKind", "covered", "find_periods", "fiscal_year_bounds"]


@dataclass(frozen=True)
class Period:
    """A span of days, ``start`` to ``end`` inclusive (Gregorian), found in the text at ``pos``.

    ``kind`` says how it was written: one day, a month, an explicit range, a fiscal quarter (ไตรมาส), a
    half-year or other reporting round (รอบ 6 / 12 เดือน, ครึ่งปี), a fiscal year (ปีงบประมาณ; a multi-year
    range "ปีงบประมาณ 2566-2570" is one fiscal_year period) or a calendar year ("พ.ศ. 2567").
    """

    start: datetime.date
    end: datetime.date
    kind: PeriodKind
    text: str
    pos: int = field(compare=False)


def fiscal_year_bounds(year_be: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of Buddhist-era fiscal year ``year_be``: 2567 -> (2023-10-01, 2024-09-30)."""
    return datetime.date(year_be - BE_OFFSET - 1, 10, 1), datetime.date(year_be - BE_OFFSET, 9, 30)


def covered(periods: Iterable[Period], start: datetime.date, end: datetime.date) -> bool:
    """True if the union of ``periods`` covers every day from ``start`` to ``end`` (inclusive).

    Adjacent periods join (31 Dec and 1 Jan leave no gap).  An empty span (``start > end``) is covered.
    """
    reach = start  # the first day not covered yet
    for period in sorted(periods, key=lambda p: p.start):
        if reach > end:
            break
        if period.start > reach:
            return False
        if period.end >= end:
            return True
        if period.end >= reach:
            reach = period.end + datetime.timedelta(days=1)
    return reach > end


# --------------------------------------------------------------------------------------------------
# Joining atoms

# "1 ตุลาคม 2566 - 31 . มีนาคม 2567" (a scan: a stray mark between the end's day and month keeps the day from
# its month): such a day is dropped only when it is a month's last (28-31), which a month ending a range reaches.
_RE_SEP = re.compile(rf"(?:{_TO}|\s*(?i:to|until|through|till)\s+)(?:(?:2[89]|3[01])\s?[.,'`]\s?)?")
_RE_RANGE_PREFIX = re.compile(r"(?:ระหว่าง|ตั้งแต่)\s*$")
# Between a cue and the period it takes its dates from: "ไตรมาสที่ 1 (ต.ค. - ธ.ค.) ปีงบประมาณ 2567",
# "รอบ 6 เดือนแรกของปี พ.ศ. 2567", "รอบ 6 เดือน (1 ต.ค. 66 - 31 มี.ค. 67)".
_RE_CUE_GAP_AFTER = re.compile(r"\s*\)?\s*[:,]?\s*(?:\([^()\d]{0,30}\)\s*)?(?:ของ|ประจำ)?\s*(?P<open>[(\[])?\s*")
_RE_CUE_GAP_BEFORE = re.compile(r"\s*[,:]?\s*(?P<open>[(\[])?\s*")
_RE_CLOSE = re.compile(r"\s*[)\]]")


def _point_span(p: _Point) -> _Span | None:
    if p.year is None:
        return None
    start = _date(p.year, p.month, p.day)
    end = _date(p.year, p.month, p.day2 if p.day2 is not None else p.day, last=True)
    if start is None or end is None or start > end:
        return None
    kind: PeriodKind = "range" if p.day2 is not None else "day" if p.day is not None else "month"
    return _Span(p.pos, p.endpos, start, end, kind)


def _join_points(text: str, a: _Point, b: _Point) -> _Span | None:
    if a.day2 is not None or b.day2 is not None or not _RE_SEP.fullmatch(text, a.endpos, b.pos):
        return None
    if b.year is not None:  # "1 ต.ค. - 31 มี.ค. 2567": a start month after the end month is the year before
        year_b = b.year
        year_a = a.year if a.year is not None else year_b - (a.month > b.month)
    elif a.year is not None:  # "ตุลาคม 2566 - มีนาคม"
        year_a, year_b = a.year, a.year + (b.month < a.month)
    else:
        return None
    start, end = _date(year_a, a.month, a.day), _date(year_b, b.month, b.day, last=True)
    if start is None or end is None or not start < end or end.year - start.year > MAX_SPAN_YEARS:
        return None
    prefix = _RE_RANGE_PREFIX.search(text, max(0, a.pos - 10), a.pos)
    return _Span(prefix.start() if prefix else a.pos, b.endpos, start, end, "range")


def _join_ranges(text: str, atoms: list[_Atom]) -> list[_Span | _Cue]:
    out: list[_Span | _Cue] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if isinstance(atom, _Point):
            nxt = atoms[i + 1] if i + 1 < len(atoms) else None
            joined = _join_points(text, atom, nxt) if isinstance(nxt, _Point) else None
            if joined is not None:
                out.append(joined)
                i += 2
                continue
            span = _point_span(atom)
            if span is not None:
                out.append(span)
        else:
            out.append(atom)
        i += 1
    return out


def _fiscal_part(cue: _Cue, fy: int) -> tuple[datetime.date, datetime.date]:
    """Months ``cue.first``..``cue.last`` of Buddhist-era fiscal year ``fy`` (month 0 = October)."""
    base = fy - BE_OFFSET - 1  # Gregorian year in which the fiscal year starts
    first_y, first_m = base + (9 + cue.first) // 12, (9 + cue.first) % 12 + 1
    last_y, last_m = base + (9 + cue.last) // 12, (9 + cue.last) % 12 + 1
    return datetime.date(first_y, first_m, 1), datetime.date(last_y, last_m, calendar.monthrange(last_y, last_m)[1])


def _closing(text: str, endpos: int, opened: bool) -> int:
    close = _RE_CLOSE.match(text, endpos) if opened else None
    return close.end() if close else endpos


def _apply_cues(text: str, atoms: list[_Span | _Cue]) -> list[_Span]:
    out: list[_Span] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        i += 1
        if isinstance(atom, _Span):
            out.append(atom)
            continue
        if atom.fy is not None:  # "ไตรมาส 1/2567"
            start, end = _fiscal_part(atom, atom.fy)
            out.append(_Span(atom.pos, atom.endpos, start, end, atom.kind))
            continue
        nxt = atoms[i] if i < len(atoms) else None
        gap = _RE_CUE_GAP_AFTER.fullmatch(text, atom.endpos, nxt.pos) if isinstance(nxt, _Span) else None
        if isinstance(nxt, _Span) and gap is not None and (nxt.fy is not None or nxt.kind == "range"):
            start, end = _fiscal_part(atom, nxt.fy) if nxt.fy is not None else (nxt.start, nxt.end)
            out.append(_Span(atom.pos, _closing(text, nxt.endpos, bool(gap["open"])), start, end, atom.kind))
            i += 1
            continue
        prev = out[-1] if out else None
        gap = _RE_CUE_GAP_BEFORE.fullmatch(text, prev.endpos, atom.pos) if prev else None
        if prev is not None and gap is not None and prev.fy is not None and prev.kind in ("fiscal_year", "year"):
            start, end = _fiscal_part(atom, prev.fy)
            out[-1] = _Span(prev.pos, _closing(text, atom.endpos, bool(gap["open"])), start, end, atom.kind)
    return out


def find_periods(text: str) -> list[Period]:
    """Return the dated periods in ``text`` (normalised), in order of appearance.

    Overlapping matches are resolved longest first: "1 ตุลาคม 2566 - 31 มีนาคม 2567" is one range, not two
    days and two years.  Phone numbers, amounts, document numbers ("ที่ ลพ 52001/2567"), times, decimals and
    bare years are not periods.
    """
    if not _RE_ANY_DIGIT.search(text):
        return []
    spans = _apply_cues(text, _join_ranges(text, _atoms(text)))
    return [Period(s.start, s.end, s.kind, text[s.pos : s.endpos], s.pos) for s in spans]
