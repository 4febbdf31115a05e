"""The atoms of Thai date reading: month names, year forms, and the regular expressions that find points
(days, months), fiscal and calendar years, and round cues (ไตรมาส, รอบ 6 เดือน) in normalised text.

Split from checker.extract.dates, which joins these atoms into periods; see its docstring for the forms.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["day", "month", "range", "quarter", "half", "fiscal_year", "year"]

BE_OFFSET = 543
MIN_YEAR, MAX_YEAR = 1900, 2199  # plausible Gregorian years (after converting BE)
MAX_SPAN_YEARS = 20  # a longer "range" is noise (national strategy: 20 years)


# --------------------------------------------------------------------------------------------------
# Pattern pieces

_DASH = r"[-\u2010-\u2015\u2212~]"  # - ‐ ‑ ‒ – — ― − ~
_TO = rf"\s*(?:{_DASH}|ถึง|จนถึง)\s*"
_BE_MARK = r"(?:พ\.\s?ศ\.?|พศ\.)"
_CE_MARK = r"(?:(?<![\u0e01-\u0e2e.])ค\.\s?ศ\.?|(?<![A-Za-z])A\.?D\.?(?![A-Za-z]))"
_THAI = "\u0e01-\u0e4e"
_R4 = r"(?!\d)(?![.,]\d)"  # right edge of a 4-digit year: not "2567.50", "2567,000"
_R2 = r"(?!\d)(?![.,:]\d)"  # right edge of a 2-digit year
_DAY = r"(?<![\d.,:/])(?:[12]\d|3[01]|0?[1-9])(?!\d)"

_TH_FULL = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "กุมภาพันธ": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "กรกฏาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "พฤษจิกายน": 11,
    "ธันวาคม": 12,
}  # fmt: skip
_TH_ABBR = (("ม", "ค"), ("ก", "พ"), ("มี", "ค"), ("เม", "ย"), ("พ", "ค"), ("มิ", "ย"),
            ("ก", "ค"), ("ส", "ค"), ("ก", "ย"), ("ต", "ค"), ("พ", "ย"), ("ธ", "ค"))  # fmt: skip
_MONTH_NUMBER: dict[str, int] = {**_TH_FULL, **{a + b: i + 1 for i, (a, b) in enumerate(_TH_ABBR)}}
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# An abbreviation ("ต.ค.", "ต.ค", "ตค.", "ต. ค.") must not be glued to other Thai letters ("ส.ค.ส.", "ก.ค.ศ.",
# "มีค่า"), except after words that introduce a month ("เดือนต.ค.", "ถึงก.ย.", "ตั้งแต่ต.ค.").
_TH_ABBR_RE = "|".join(f"{a}(?:\\.\\s?)?{b}" for a, b in sorted(_TH_ABBR, key=lambda ab: -len(ab[0])))
_TH_FULL_RE = "|".join(sorted(_TH_FULL, key=len, reverse=True))
_TH_ABBR_END = rf"\.?(?!\.?[{_THAI}])"  # not "ส.ค.ส.", "ก.ค.ศ.", "มีค่า"
_TH_MONTH = (
    f"(?:{_TH_FULL_RE}|"
    rf"(?:(?<![{_THAI}.])|(?<=เดือน)|(?<=ถึง)|(?<=แต่)|(?<=ระหว่าง)|(?<=และ))(?:{_TH_ABBR_RE}){_TH_ABBR_END})"
)


def _year_re(name: str) -> str:
    """A year: group ``name`` holds four digits, ``name + "s"`` two (Buddhist era 2540-2599)."""
    return rf"(?:(?P<{name}>\d{{4}}){_R4}|(?P<{name}s>[4-9]\d){_R2})"


_EN_MONTH = (
    r"(?<![A-Za-z])(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![A-Za-z])"
)

# --------------------------------------------------------------------------------------------------
# Atoms


@dataclass(frozen=True)
class _Point:
    """A day or a month, perhaps without its year (``year`` is Gregorian).  ``day2``: "1-31 ต.ค. 66"."""

    pos: int
    endpos: int
    day: int | None
    day2: int | None
    month: int
    year: int | None


@dataclass(frozen=True)
class _Span:
    """A complete period.  ``fy``: the Buddhist-era year of a one-year fiscal/calendar year phrase."""

    pos: int
    endpos: int
    start: datetime.date
    end: datetime.date
    kind: PeriodKind
    fy: int | None = None


@dataclass(frozen=True)
class _Cue:
    """A quarter or reporting round: months ``first``..``last`` of a fiscal year (0 = October)."""

    pos: int
    endpos: int
    kind: Literal["quarter", "half"]
    first: int
    last: int
    fy: int | None  # Buddhist era, when the cue carries it ("ไตรมาส 1/2567")


_Atom = _Point | _Span | _Cue
_Builder = Callable[[str, re.Match[str]], _Atom | None]

_RE_POINT_TH = re.compile(
    rf"(?:(?P<wd>วันที่\s*)?(?P<d>{_DAY})(?:\s*{_DASH}\s*(?P<d2>{_DAY}))?\s*(?P<mw>เดือน\s*)?|เดือน\s*)?"
    rf"(?P<m>{_TH_MONTH})(?:\s*(?:{_BE_MARK}|{_CE_MARK})?\s*{_year_re('y')})?"
)
_RE_POINT_EN = re.compile(
    rf"(?:(?P<d>{_DAY})(?:\s*{_DASH}\s*(?P<d2>{_DAY}))?(?:st|nd|rd|th)?\s*(?:of\s+)?)?(?P<m>{_EN_MONTH})"
    rf"(?:\s*(?P<d3>{_DAY})(?:st|nd|rd|th)?,?\s*(?P<y>\d{{4}}){_R4}|\s*,?\s*(?P<y4>\d{{4}}){_R4})?"
)
# Numeric dates: d/m/y (also d-m-y, d.m.y; two-digit BE years only with "/") and ISO y-m-d.  Each pattern
# starts with a digit, so that the regex engine can skip to digits; the left edge is checked after it.
_RE_NUMERIC_DMY = re.compile(
    r"(?P<d>\d(?<![\d/.,:]\d)\d?)(?P<s>[/.-])(?P<m>\d\d?)(?P=s)(?:(?P<y>\d{4})|(?P<ys>[4-9]\d))(?![\d/])(?![.,]\d)"
)
_RE_NUMERIC_YMD = re.compile(
    r"(?P<y>\d(?<![\d/.,:-]\d)\d{3})(?P<s>[-/])(?P<m>\d\d?)(?P=s)(?P<d>\d\d?)(?![\d/])(?![.,-]\d)"
)
_FY_CUE = r"(?:ประจำ\s?)?ปี\s?งบ(?:ประมาณ|ฯ|\.)?"
_RE_FISCAL = re.compile(
    rf"(?:{_FY_CUE}\s*:?\s*(?:{_BE_MARK}\s*)?|งบประมาณ\s?(?:รายจ่าย\s?)?(?:ประจำปี\s?)?{_BE_MARK}\s*"
    rf"|(?i:fiscal\s+year|(?<![a-z])fy)\s*:?\s*)"
    rf"{_year_re('y')}(?P<to>{_TO}(?:{_FY_CUE}\s*)?(?:{_BE_MARK}\s*)?{_year_re('z')})?"
)
_RE_YEAR = re.compile(
    rf"(?P<cue>(?:ประจำ\s?)?ปี(?:\s?ปฏิทิน)?(?:\s*(?:{_BE_MARK}|{_CE_MARK}))?|{_BE_MARK}|{_CE_MARK})\s*"
    rf"{_year_re('y')}(?P<to>{_TO}(?:ปี\s*)?(?:(?:{_BE_MARK}|{_CE_MARK})\s*)?{_year_re('z')})?"
)
_QUARTER_WORD = {"แรก": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "สุดท้าย": 4}
_RE_CUE = re.compile(
    rf"(?:ไตรมาส\s?(?:ที่\s?)?(?P<q>[1-4](?!\d)|แรก|หนึ่ง|สอง|สาม|สี่|สุดท้าย)|(?<![A-Za-z\d])Q(?P<qe>[1-4])(?!\d))"
    rf"(?:\s*(?:{_DASH}|ถึง|และ|,)\s*(?:ไตรมาส\s?(?:ที่\s?)?|Q)?(?P<q2>[1-4])(?!\d))?"
    rf"(?:\s*/\s*{_year_re('y')})?"
    rf"|(?:รอบ\s?)?(?<!\d)(?P<n>12|[369])\s?เดือน(?:\s?(?P<w>แรก|หลัง))?"
    rf"|ครึ่ง\s?ปี(?:งบประมาณ)?\s?(?P<w2>แรก|หลัง)"
)
_RE_DURATION_BEFORE = re.compile(r"\d\s?$")  # "1 ปี 60 วัน": a duration, not a year cue
_RE_COUNTER_BEFORE = re.compile(r"(?:ไตรมาส|ครั้ง|รอบ)\s?(?:ที่)?\s*$")  # "ไตรมาสที่ 1 ตุลาคม": not a day
_RE_CELL_BEFORE = re.compile(r"\d[\s|]+$")  # a number right before the "day": a table row's cells
_RE_DASH_DIGIT_BEFORE = re.compile(r"\d-$")
_RE_DASH_DIGIT = re.compile(r"-\d")
_RE_ORG_BEFORE = re.compile(r"(?:กฎ|ระเบียบ|มติ|สำนักงาน|หนังสือ|ตาม|ของ|คณะกรรมการ|อ\.|ว\.)\s*$")  # "กฎ ก.พ."
_RE_DOCNO_BEFORE = re.compile(r"(?:ที่|เลขที่|หมู่|no\.?)\s*:?\s*$", re.IGNORECASE)


def _gregorian(four: str | None, two: str | None) -> int | None:
    """A year group pair -> Gregorian year (>= 2400 is Buddhist era; two digits are BE 25xx)."""
    if four is not None:
        year = int(four)
        year = year - BE_OFFSET if year >= 2400 else year
    elif two is not None:
        year = 2500 + int(two) - BE_OFFSET
    else:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _date(year: int, month: int, day: int | None, last: bool = False) -> datetime.date | None:
    if day is None:
        day = calendar.monthrange(year, month)[1] if last else 1
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 31 February
        return None


def _month_number(name: str) -> int:
    key = name.replace(".", "").replace(" ", "")
    return _MONTH_NUMBER.get(key) or _EN_MONTHS.index(key[:3].lower()) + 1


def _point_th(text: str, m: re.Match[str]) -> _Point | None:
    day, day2, pos = m["d"], m["d2"], m.start()
    if day is not None and (
        (m["mw"] and not m["wd"])
        or _RE_COUNTER_BEFORE.search(text, max(0, pos - 12), pos)
        or _RE_CELL_BEFORE.search(text, max(0, pos - 8), pos)
    ):  # "6 เดือน ตุลาคม 2566 - ...": a duration; "ไตรมาสที่ 1 ตุลาคม - ...": a quarter number;
        # "มกราคม 2567 15 11 5 31 กุมภาพันธ์ 2567": the last count of a table row, not a day of February
        day, day2, pos = None, None, m.start("m")
    month = _month_number(m["m"])
    if day is None and month == 2 and len(m["m"]) < 5 and _RE_ORG_BEFORE.search(text, max(0, pos - 15), pos):
        return None  # "กฎ ก.พ. 2551": the Civil Service Commission
    year = _gregorian(m["y"], m["ys"])
    if (m["y"] or m["ys"]) and year is None:
        return None
    return _Point(pos, m.end(), int(day) if day else None, int(day2) if day2 else None, month, year)


def _point_en(text: str, m: re.Match[str]) -> _Point | None:
    day = m["d"] or m["d3"]
    year = _gregorian(m["y"] or m["y4"], None)
    if (m["y"] or m["y4"]) and year is None:
        return None
    day2 = int(m["d2"]) if m["d2"] else None
    return _Point(m.start(), m.end(), int(day) if day else None, day2, _month_number(m["m"]), year)


def _numeric(text: str, m: re.Match[str]) -> _Point | None:
    two = m.groupdict().get("ys")
    if two and (m["s"] != "/" or _RE_DOCNO_BEFORE.search(text, max(0, m.start() - 10), m.start())):
        return None  # "1.2.67", "ที่ 5/12/67"
    if m["s"] == "-" and (
        _RE_DASH_DIGIT_BEFORE.search(text, max(0, m.start() - 2), m.start()) or _RE_DASH_DIGIT.match(text, m.end())
    ):
        return None  # "978-616-25-01-2567": a dashed code, not a date
    year, month, day = _gregorian(m["y"], two), int(m["m"]), int(m["d"])
    if year is None or not 1 <= month <= 12 or _date(year, month, day) is None:
        return None
    return _Point(m.start(), m.end(), day, None, month, year)


def _year_pair(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(first, last, endpos) Gregorian years of a year phrase; a bad range end falls back to one year."""
    first = _gregorian(m["y"], m["ys"])
    if first is None:
        return None
    if m["to"]:
        if m["z"] is None and m["y"] is not None:  # "2566-70"
            last_be = int(m["y"]) // 100 * 100 + int(m["zs"])
            last = last_be - BE_OFFSET if last_be >= 2400 else last_be
        else:
            last = _gregorian(m["z"], m["zs"]) or 0
        if first <= last <= first + MAX_SPAN_YEARS:
            return first, last, m.end()
    return first, first, m.end("y") if m["y"] else m.end("ys")


def _fiscal(text: str, m: re.Match[str]) -> _Span | None:
    years = _year_pair(m)
    if years is None:
        return None
    first, last, endpos = years
    start, end = datetime.date(first - 1, 10, 1), datetime.date(last, 9, 30)
    return _Span(m.start(), endpos, start, end, "fiscal_year", first + BE_OFFSET if first == last else None)


def _year(text: str, m: re.Match[str]) -> _Span | None:
    cue = m["cue"]
    if cue.startswith("ปี") and m["ys"]:  # two digits need a standalone cue
        if _RE_DURATION_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            return None  # "1 ปี 60 วัน"
        if m.start() and "\u0e01" <= text[m.start() - 1] <= "\u0e4e":
            return None  # "ต่อปี 60"
    years = _year_pair(m)
    if years is None:
        return None
    first, last, endpos = years
    start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    return _Span(m.start(), endpos, start, end, "year", first + BE_OFFSET if first == last else None)


def _cue(text: str, m: re.Match[str]) -> _Cue | None:
    if m["n"]:
        months = int(m["n"])
        first = 6 if m["w"] == "หลัง" else 0
        if months != 6 and m["w"] == "หลัง":
            return None
        return _Cue(m.start(), m.end(), "quarter" if months == 3 else "half", first, first + months - 1, None)
    if m["w2"]:
        first = 6 if m["w2"] == "หลัง" else 0
        return _Cue(m.start(), m.end(), "half", first, first + 5, None)
    q = m["q"] or m["qe"]
    q1 = _QUARTER_WORD.get(q) or int(q)
    q2 = int(m["q2"]) if m["q2"] else q1
    if q2 < q1:
        return None
    year = _gregorian(m["y"], m["ys"])
    return _Cue(m.start(), m.end(), "quarter", 3 * q1 - 3, 3 * q2 - 1, year + BE_OFFSET if year else None)


# Every rule but the numeric one only runs near its *trigger* (a cheap pattern that every match contains):
# scanning 1 MB of Thai text with the full patterns is ten times slower.  Windows reach far enough before
# and after a trigger to hold any match around it ("วันที่ 1 - 31 เดือน" before, " พ.ศ. 2566 - พ.ศ. 2570" after).
_BEFORE, _AFTER = 30, 60
_NEAR_DIGIT = r"(?=\D{0,30}\d)"  # a point, fiscal year or calendar year has digits soon after its cue
_TRIGGER_TH_MONTH = re.compile(f"(?:{_TH_FULL_RE}|(?:{_TH_ABBR_RE}){_TH_ABBR_END}){_NEAR_DIGIT}")
_TRIGGER_EN_MONTH = re.compile(r"[JFMASONDjfmasond](?i:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)")
_TRIGGER_FISCAL = re.compile(rf"(?:งบ|[Ff](?:[Yy]|iscal|ISCAL)){_NEAR_DIGIT}")
_TRIGGER_CUE = re.compile(r"ไตรมาส|เดือน|ครึ่ง|Q")
_TRIGGER_YEAR = re.compile(rf"(?:ปี|ศ|A){_NEAR_DIGIT}")

# Order matters only for ties (same start, same length): earlier rules win.
_RULES: tuple[tuple[re.Pattern[str] | None, re.Pattern[str], _Builder], ...] = (
    (None, _RE_NUMERIC_DMY, _numeric),
    (None, _RE_NUMERIC_YMD, _numeric),
    (_TRIGGER_TH_MONTH, _RE_POINT_TH, _point_th),
    (_TRIGGER_EN_MONTH, _RE_POINT_EN, _point_en),
    (_TRIGGER_FISCAL, _RE_FISCAL, _fiscal),
    (_TRIGGER_CUE, _RE_CUE, _cue),
    (_TRIGGER_YEAR, _RE_YEAR, _year),
)
_RE_ANY_DIGIT = re.compile(r"\d")


def _windows(text: str, trigger: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Disjoint slices of ``text`` around the matches of ``trigger`` (the whole text if there is none)."""
    if trigger is None:
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        start, end = max(0, m.start() - _BEFORE), m.end() + _AFTER
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _atoms(text: str) -> list[_Atom]:
    """All atoms, overlapping ones resolved longest first, in order of position."""
    candidates: list[tuple[int, int, int, _Atom]] = []
    for priority, (trigger, pattern, build) in enumerate(_RULES):
        for start, end in _windows(text, trigger):
            for m in pattern.finditer(text, start, end):
                atom = build(text, m)
                if atom is not None:
                    candidates.append((atom.pos - atom.endpos, atom.pos, priority, atom))
    candidates.sort(key=lambda c: c[:3])
    starts: list[int] = []
    accepted: list[_Atom] = []
    for _, _, _, atom in candidates:
        i = bisect.bisect_left(starts, atom.pos)
        if (i > 0 and accepted[i - 1].endpos > atom.pos) or (i < len(accepted) and accepted[i].pos < atom.endpos):
            continue
        starts.insert(i, atom.pos)
        accepted.insert(i, atom)
    return accepted
