"""Buddhist-era year mentions in normalised Thai text.

Why: OIT evidence must be *current*.  Thai agencies date everything in the Buddhist era (พ.ศ. = C.E. + 543)
and plan, spend and report by **fiscal year**: fiscal year 2567 (ปีงบประมาณ พ.ศ. 2567) runs from
1 October 2566 to 30 September 2567.  A plan "พ.ศ. 2566 - 2570" covers 2567; a report "ประจำปีงบประมาณ 2566"
is last year's; "ต.ค. 66 - มี.ค. 67" is the first half of fiscal 2567.  This module finds the years and
year ranges; whether a document is current is decided by the rules that use it.

Scope of this version: years and year ranges only -- four-digit BE years (2540-2600), BE ranges including
the short form "2566-70", two-digit years after an explicit cue ("ปี 67", "พ.ศ. 67", "ต.ค. 66"), and
Gregorian years only when marked (ค.ศ./AD) or in a URL path ("/uploads/2024/03/").

Dated periods -- days, months, date ranges ("1 ตุลาคม 2566 - 31 มีนาคม 2567", "ต.ค. 66 ถึง ก.ย. 67"), fiscal
years, quarters and six-month rounds, as Gregorian start/end dates -- are found by
:mod:`checker.extract.dates` and re-exported here: :class:`Period`, :func:`find_periods`,
:func:`fiscal_year_bounds` and :func:`covered`.

Input must already be normalised with :func:`checker.extract.thai.normalise` (Arabic digits, single spaces).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from checker.extract.dates import Period, covered, find_periods, fiscal_year_bounds

__all__ = [
    "Period",
    "YearSpan",
    "covered",
    "covers",
    "find_periods",
    "find_years",
    "fiscal_year_bounds",
    "latest_year",
]

BE_MIN = 2540
BE_MAX = 2600
GREGORIAN_OFFSET = 543
MAX_RANGE_YEARS = 20  # national strategy plans run 20 years (พ.ศ. 2561-2580); longer "ranges" are noise


@dataclass(frozen=True)
class YearSpan:
    """A year (``start == end``) or a year range, in the Buddhist era.

    ``text`` is the matched source text (including cue words such as "ปีงบประมาณ พ.ศ."); ``fiscal`` is
    True when that text says it is a fiscal year (ปีงบประมาณ / ปีงบ / งบประมาณ / fiscal year / FY).
    """

    start: int
    end: int
    text: str
    fiscal: bool


# --------------------------------------------------------------------------------------------------
# Pattern pieces

_DASH = r"[-\u2010-\u2015\u2212~]"  # - ‐ ‑ ‒ – — ― − ~
_BE_MARK = r"(?:พ\.\s?ศ\.?|พศ\.?)"  # พ.ศ. / พ.ศ / พศ.
_AD_MARK = r"(?:ค\.\s?ศ\.?|(?<![A-Za-z])A\.?D\.?|(?<![A-Za-z])C\.?E\.?(?![A-Za-z]))"
# Words that introduce a year.  Fiscal ones contain "งบ", "fiscal" or "FY".
_CUE = r"(?P<cue>ปี\s?งบประมาณ|ปีงบ(?:ฯ|\.)?|งบประมาณ|(?i:fiscal\s+year)|(?<![A-Za-z])(?i:fy)|ปีการศึกษา|ปี)"
_CUE_OPT = rf"(?:{_CUE}\s*:?\s*)?(?:(?P<be>{_BE_MARK})\s*)?"

# Left edge of a number, checked in Python (a pattern that starts with look-behinds cannot skip ahead to
# the digits and is ten times slower): not glued to other digits ("12567", "1.2567"), not after a
# thousands group ("1,2567"; but "2566,2567" is a list of years), not the
# second group of a phone number ("0 2567 1234", "0-2567-1234", "053-2567", "(02) 2567 1234").
_RE_BAD_LEFT = re.compile(r"(?:\d|\d\.|(?<!\d)\d{1,3},|(?<!\d)0[ -]|(?<!\d)0\d[ -]|(?<!\d)0\d\d[ -]|(?<!\d)0\d\)\s)\Z")
# Right edge: not followed by more digits, a decimal part ("2567.50") or a thousands group ("2567,000").
# "2567.pdf" and "2567." at the end of a sentence are fine.
_R = r"(?!\d)(?!\.\d)(?!,\d{3}(?!\d))"
_R2 = r"(?!\d)(?![.,:]\d)"

_Y4 = r"(?:25[4-9]\d|2600)"  # BE_MIN..BE_MAX
_G4 = r"20\d\d"  # Gregorian 2000-2099
_TO = rf"\s*(?:{_DASH}|ถึง)\s*(?:ปี(?:งบประมาณ)?\s*)?"

_MONTH_FULL = r"มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"
_MONTH_ABBR = r"(?<![\u0e01-\u0e4e])(?:มี\.ค|เม\.ย|มิ\.ย|ม\.ค|ก\.พ|พ\.ค|ก\.ค|ส\.ค|ก\.ย|ต\.ค|พ\.ย|ธ\.ค)\.?"

# Bare numbers (no cue) right after these are counts or identifiers, not years.
_RE_NUMBER_WORD_BEFORE = re.compile(
    r"(?:ที่|โทร\.?|โทรศัพท์|โทรสาร|หมายเลข|เลข|tel\.?|fax\.?|no\.?|#)\s?:?\s?$", re.IGNORECASE
)
# ... and numbers followed by a unit are amounts.
_RE_UNIT_AFTER = re.compile(
    r"\s?(?:บาท|บ\.|ล้าน|แสน|หมื่น|พัน(?!ธ)|คน|ราย(?!งาน|การ|ละเอียด|ชื่อ)|%|ไร่|ตร\.|ตาราง|กม\.|กิโลเมตร|เมตร"
    r"|ชิ้น|หน่วย|เล่ม|วัน|เดือน|ปี|สัปดาห์|ชั่วโมง|ชม\.|นาที)"
)
_RE_FISCAL = re.compile(r"งบ|fiscal|fy", re.IGNORECASE)

# --------------------------------------------------------------------------------------------------
# Rules.  Each rule is anchored on the digits (fast: the regex engine skips to digits) and looks back a
# few characters for its cue.  Each yields candidates; find_years keeps the longest non-overlapping ones.

_LOOKBACK = 40  # characters searched before a number for its cue ("ปี งบประมาณ : พ.ศ. " is ~20)

_RE_BE_SINGLE = re.compile(rf"(?P<y1>{_Y4}){_R}")
_RE_BE_RANGE = re.compile(rf"(?P<y1>{_Y4}){_TO}(?:{_BE_MARK}\s*)?(?:(?P<y2>{_Y4})|(?P<yy2>\d\d)){_R}")
_RE_BE_CUE_BEFORE = re.compile(rf"{_CUE_OPT}$")  # may match empty: a bare number

# Two-digit years need a cue right before them: ปี / ปีงบ / ปีงบประมาณ / พ.ศ. or a month name.
_RE_YY_SINGLE = re.compile(rf"(?P<yy1>[4-9]\d){_R2}")
_RE_YY_RANGE = re.compile(rf"(?P<yy1>[4-9]\d)\s*{_DASH}\s*(?P<yy2>[4-9]\d){_R2}")
_RE_YY_CUE_BEFORE = re.compile(
    # "ปี" must not follow a number: "1 ปี 60 วัน" is a duration.
    rf"(?:(?<!\d)(?<!\d\s)(?P<cue>ปี\s?งบประมาณ|ปีงบ(?:ฯ|\.)?|ปี)\s*(?:(?P<be>{_BE_MARK})\s*)?"
    rf"|(?P<be2>{_BE_MARK})\s*"
    rf"|(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})\s*)$"
)

# Gregorian years only when marked (ค.ศ. / AD) or as a URL path segment ("/uploads/2024/03/").
_RE_AD_SINGLE = re.compile(rf"(?P<g1>{_G4}){_R}")
_RE_AD_RANGE = re.compile(rf"(?P<g1>{_G4})\s*{_DASH}\s*(?:(?P<g2>{_G4})|(?P<gg2>\d\d)){_R}")
_RE_AD_CUE_BEFORE = re.compile(rf"{_AD_MARK}\s*$")


@dataclass(frozen=True)
class _Candidate:
    pos: int
    endpos: int
    span: YearSpan


_Builder = Callable[[str, re.Match[str]], _Candidate | None]


def _cue_before(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    return pattern.search(text, max(0, pos - _LOOKBACK), pos)


def _is_fiscal(cue: str | None) -> bool:
    return bool(cue and _RE_FISCAL.search(cue))


def _looks_like_amount(text: str, num_start: int, num_end: int) -> bool:
    if _RE_NUMBER_WORD_BEFORE.search(text, max(0, num_start - 12), num_start):
        return True
    return _RE_UNIT_AFTER.match(text, num_end) is not None


def _range_ok(start: int, end: int) -> bool:
    return start <= end <= start + MAX_RANGE_YEARS


def _candidate(text: str, pos: int, endpos: int, start: int, end: int, fiscal: bool) -> _Candidate:
    return _Candidate(pos, endpos, YearSpan(start, end, text[pos:endpos], fiscal))


def _be(text: str, m: re.Match[str], start: int, end: int) -> _Candidate | None:
    cue_m = _cue_before(_RE_BE_CUE_BEFORE, text, m.start())
    cue = cue_m["cue"] if cue_m else None
    # ปี.../พ.ศ./fiscal year make it a year; a bare number (or "งบประมาณ 2567 บาท") may be an amount.
    strong = bool(cue_m and (cue_m["be"] or (cue and cue != "งบประมาณ")))
    if not strong and _looks_like_amount(text, m.start(), m.end()):
        return None
    pos = cue_m.start() if cue_m else m.start()
    return _candidate(text, pos, m.end(), start, end, _is_fiscal(cue))


def _be_single(text: str, m: re.Match[str]) -> _Candidate | None:
    year = int(m["y1"])
    return _be(text, m, year, year)


def _be_range(text: str, m: re.Match[str]) -> _Candidate | None:
    start = int(m["y1"])
    end = int(m["y2"]) if m["y2"] else start // 100 * 100 + int(m["yy2"])
    return _be(text, m, start, end) if _range_ok(start, end) else None


def _yy(text: str, m: re.Match[str], start: int, end: int) -> _Candidate | None:
    if not _range_ok(start, end) or _RE_UNIT_AFTER.match(text, m.end()):
        return None
    cue_m = _cue_before(_RE_YY_CUE_BEFORE, text, m.start())
    if cue_m is None:
        return None
    return _candidate(text, cue_m.start(), m.end(), start, end, _is_fiscal(cue_m["cue"]))


def _yy_single(text: str, m: re.Match[str]) -> _Candidate | None:
    year = 2500 + int(m["yy1"])
    return _yy(text, m, year, year)


def _yy_range(text: str, m: re.Match[str]) -> _Candidate | None:
    return _yy(text, m, 2500 + int(m["yy1"]), 2500 + int(m["yy2"]))


def _ad(text: str, m: re.Match[str], start: int, end: int) -> _Candidate | None:
    if not _range_ok(start, end):
        return None
    cue_m = _cue_before(_RE_AD_CUE_BEFORE, text, m.start())
    if cue_m is not None:
        return _candidate(text, cue_m.start(), m.end(), start + GREGORIAN_OFFSET, end + GREGORIAN_OFFSET, False)
    # A URL path segment: "/2024/" (but not "12/2024/").
    pos = m.start()
    if (
        start == end
        and pos > 0
        and text[pos - 1] == "/"
        and not (pos > 1 and text[pos - 2].isdigit())
        and text.startswith("/", m.end())
    ):
        return _candidate(text, pos, m.end(), start + GREGORIAN_OFFSET, end + GREGORIAN_OFFSET, False)
    return None


def _ad_single(text: str, m: re.Match[str]) -> _Candidate | None:
    year = int(m["g1"])
    return _ad(text, m, year, year)


def _ad_range(text: str, m: re.Match[str]) -> _Candidate | None:
    start = int(m["g1"])
    end = int(m["g2"]) if m["g2"] else start // 100 * 100 + int(m["gg2"])
    return _ad(text, m, start, end)


# Order matters only for ties (same start, same length): earlier rules win.
_RULES: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (_RE_BE_RANGE, _be_range),
    (_RE_BE_SINGLE, _be_single),
    (_RE_YY_RANGE, _yy_range),
    (_RE_YY_SINGLE, _yy_single),
    (_RE_AD_RANGE, _ad_range),
    (_RE_AD_SINGLE, _ad_single),
)
_RE_ANY_DIGITS = re.compile(r"\d\d")


def find_years(text: str) -> list[YearSpan]:
    """Return the year and year-range mentions in ``text`` (normalised), in order of appearance.

    Overlapping matches are resolved longest first, so "ปีงบประมาณ พ.ศ. 2566 - 2570" is one range, not
    two years.  Numbers that look like amounts, phone numbers, decimals or identifiers are skipped.
    """
    if not _RE_ANY_DIGITS.search(text):
        return []
    candidates: list[tuple[int, int, int, _Candidate]] = []
    for priority, (pattern, build) in enumerate(_RULES):
        for m in pattern.finditer(text):
            # Every rule's match starts at the digits: reject numbers glued to others or in phone numbers.
            if _RE_BAD_LEFT.search(text, max(0, m.start() - 5), m.start()):
                continue
            cand = build(text, m)
            if cand is not None:
                candidates.append((cand.pos - cand.endpos, cand.pos, priority, cand))
    candidates.sort(key=lambda c: c[:3])

    starts: list[int] = []  # accepted candidates, kept sorted by position
    accepted: list[_Candidate] = []
    for _, _, _, cand in candidates:
        i = bisect.bisect_left(starts, cand.pos)
        if i > 0 and accepted[i - 1].endpos > cand.pos:
            continue
        if i < len(accepted) and accepted[i].pos < cand.endpos:
            continue
        starts.insert(i, cand.pos)
        accepted.insert(i, cand)
    return [cand.span for cand in accepted]


def latest_year(spans: Iterable[YearSpan]) -> int | None:
    """The latest year mentioned (the ``end`` of the latest span), or None if there is none."""
    return max((span.end for span in spans), default=None)


def covers(spans: Iterable[YearSpan], year: int) -> bool:
    """True if any span includes ``year`` (``start <= year <= end``)."""
    return any(span.start <= year <= span.end for span in spans)
