"""Is the evidence of the right period? Judged from the dates and Buddhist-era years it shows.

How a piece of evidence names itself (title, headings, file name) is trusted before the words of the links
that led to it, and those before what its body mentions in passing. Dates are spans of days: "9 ตุลาคม 2566"
lies in fiscal year 2567, and a six-month report must cover 1 Oct – 31 Mar. A bare year is read as that
fiscal year. Newer than required is never outdated (spec: Periods).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Literal
from urllib.parse import unquote, urlsplit

from checker.extract.periods import Period, covered, find_periods, find_years, fiscal_year_bounds
from checker.extract.thai import normalise
from checker.models import EvidenceUnit, LangText, Reason
from checker.reasons import reason
from checker.rules.knowledge import period_args
from checker.rules.schema import DEFAULT_PERIODS, PeriodCode, Text

PeriodState = Literal["ok", "outdated", "partial", "unknown", "not_required"]


@dataclass(frozen=True)
class Dated:
    """A span of days the evidence is about, and the words it was read from.

    `fine` spans (days, months, quarters, half-years, explicit ranges) say which months are covered; a
    fiscal or calendar year only says which year.
    """

    start: datetime.date
    end: datetime.date
    text: str
    fine: bool = False


@dataclass(frozen=True)
class PeriodVerdict:
    state: PeriodState
    label: str | None  # "FY2567", "FY2566-2570": what the evidence covers, for the report
    reason: Reason | None = None


def fiscal_year_of(day: datetime.date) -> int:
    """Buddhist-era fiscal year of a day: 1 Oct 2023 is in FY 2567."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


# A law is cited with the year it was enacted ("พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562", "ระเบียบ
# กระทรวงมหาดไทย ... (ฉบับที่ 3) พ.ศ. 2561"): that year says nothing about the period a document covers.
_LAW_YEAR = re.compile(
    r"(?:พระราชบัญญัติ|พ\.\s?ร\.\s?บ\.?|พรบ\.?|ระเบียบ|กฎกระทรวง|พระราชกฤษฎีกา|ประมวลกฎหมาย|รัฐธรรมนูญ|ข้อบัญญัติ"
    r"|เทศบัญญัติ|ข้อบังคับ)(?:(?!ประจำปี|ปีงบ|ณ\s?วันที่|ลงวันที่|ประกาศ)[^0-9]){0,80}?(?:\(ฉบับที่\s?\d+\)\s?)?"
    r"พ\.\s?ศ\.[\s.]*(25\d\d)(?!\s?[-–]\s?\d)"  # "พ.ศ. .2560": a speck from a scan
)


def without_law_years(text: str) -> str:
    """The text with the enactment years of cited laws blanked out (same length)."""
    return _LAW_YEAR.sub(lambda m: m.group(0)[: m.start(1) - m.start()] + "xxxx", text)


def read_dates(text: str) -> list[Dated]:
    """Date spans in normalised text; bare years (no month, no cue) count as their fiscal year. The years of
    cited laws are not dates of the document."""
    text = without_law_years(text)
    periods: list[Period] = find_periods(text)
    out = []
    for p in periods:
        if p.kind == "year":  # "พ.ศ. 2561-2565", "ประจำปี 2567": agencies mean fiscal years
            out.append(
                Dated(fiscal_year_bounds(p.start.year + 543)[0], fiscal_year_bounds(p.end.year + 543)[1], p.text)
            )
        else:
            # A single day is a timestamp ("ข้อมูล ณ วันที่ 31 มีนาคม 2567"), not a reporting period.
            out.append(Dated(p.start, p.end, p.text, fine=p.kind not in ("fiscal_year", "day")))
    covered_text = " ".join(p.text for p in periods)
    for span in find_years(text):
        if span.text in covered_text:
            continue  # already read, with its months, as part of a date
        out.append(Dated(fiscal_year_bounds(span.start)[0], fiscal_year_bounds(span.end)[1], span.text))
    return out


def unit_dates(unit: EvidenceUnit, anywhere: bool = False, year: int | None = None) -> tuple[list[Dated], str | None]:
    """Dates the unit names itself with, else those of the links that led to it, else those in its text;
    failing all three, weak signals (a year in the file name or upload folder, the file's own dates,
    Last-Modified), returned with a note saying which was used.

    A row that says "2567" over a linked plan whose own heading says 2566 is last year's plan relabelled:
    the evidence's own name wins; a "2566_" file-name prefix or an /uploads/2024/03/ folder says when a file
    was put up, not what it covers. With `anywhere`, every date the unit shows counts. Given the assessed
    `year`, a date far beyond it (a visitor counter "2592", OCR noise) is a misreading and is skipped, so
    the next source decides.
    """
    path = unquote(urlsplit(unit.url).path)
    folder, _, filename = path.rpartition("/")
    sources = [unit.name, unit.label, unit.text if unit.readable else ""]
    if anywhere:
        found = [d for src in sources for d in plausible(_dates_in(src), year)]
        if found:
            return found, None
    else:
        for src in sources:  # the first source that names a date decides; later ones are not read
            dates = plausible(_dates_in(src), year)
            if dates:
                return dates, None
    return _weak_dates(unit, filename, folder + "/", year)


MAX_YEARS_AHEAD = 2  # fiscal years after the assessed one that a real document may still name
MAX_YEARS_BACK = 20  # an item's evidence dated further back than this is a misreading (OCR "2525" for "2567")


def plausible(dates: tuple[Dated, ...] | list[Dated], year: int | None) -> list[Dated]:
    """Dates that can be real for an assessment of `year`: none starting more than two fiscal years after it,
    none ending more than twenty before it.

    "2592" in a page counter, "2667" or "2525" read by OCR from "2567", a number in a phone or budget line
    read as a year: never proof that evidence is current, nor that it is old.
    """
    if year is None:
        return list(dates)
    latest = fiscal_year_bounds(year + MAX_YEARS_AHEAD)[1]
    earliest = fiscal_year_bounds(year - MAX_YEARS_BACK)[0]
    return [d for d in dates if d.start <= latest and d.end >= earliest]


@lru_cache(maxsize=256)  # the same page stands as evidence for several items; page texts are large: few kept
def _dates_in(src: str) -> tuple[Dated, ...]:
    return tuple(read_dates(normalise(src))) if src.strip() else ()


def _weak_dates(unit: EvidenceUnit, filename: str, folder: str, year: int | None) -> tuple[list[Dated], str | None]:
    for where in (normalise(filename.rsplit(".", 1)[0].replace("_", " ")), folder):
        spans = [s for s in find_years(where) if s.start == s.end and (year is None or s.end <= year + MAX_YEARS_AHEAD)]
        if spans:
            span = max(spans, key=lambda s: s.end)
            start = fiscal_year_bounds(span.end)[0]
            return [Dated(start, fiscal_year_bounds(span.end)[1], span.text)], f"url:{span.text}"
    for what, value in unit.weak_dates:
        day = _parse_day(value)
        if day is not None:
            return [Dated(day, day, value)], f"{what}:{day.isoformat()}"
    return [], None


def _parse_day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()  # Last-Modified: "Wed, 13 Mar 2024 07:28:00 GMT"
    except (TypeError, ValueError, IndexError):
        return None


def within_window(code: PeriodCode, year: int, dates: list[Dated]) -> bool:
    """Whether every date lies inside the fiscal years the item asks for (used for weak signals)."""
    first = fiscal_year_bounds(year - 1 if code == "previous_fy" else year)[0]
    last = fiscal_year_bounds(year)[1]
    return bool(dates) and all(first <= d.start and d.end <= last for d in dates)


def label_of(dates: list[Dated]) -> str | None:
    if not dates:
        return None
    best = max(dates, key=lambda d: (d.end, d.start))
    a, b = fiscal_year_of(best.start), fiscal_year_of(best.end)
    return f"FY{a}" if a == b else f"FY{a}-{b}"


def need_text(code: PeriodCode, year: int, wording: Text | None = None) -> LangText:
    """What an item of period `code` needs for fiscal `year`, in both languages, in the pack's `wording` (the
    pack's `periods`; today's default wording when not given)."""
    words = wording or DEFAULT_PERIODS[code]
    args = period_args(year)
    return LangText(th=words.th.format(**args), en=words.en.format(**args))


def coverage_dates(unit: EvidenceUnit) -> list[Dated]:
    """The months a unit shows it covers, from its own name and its text (never from the links to it)."""
    filename = unquote(urlsplit(unit.url).path).rpartition("/")[2]
    sources = [f"{unit.name} {filename}", unit.text if unit.readable else ""]
    return [d for src in sources if src.strip() for d in read_dates(normalise(src)) if d.fine]


def judge(
    code: PeriodCode,
    year: int,
    dates: list[Dated],
    wording: Text | None = None,
    months: list[Dated] | None = None,
) -> PeriodVerdict:
    """`dates`: what each piece of evidence is named with (for the year); `months`: what it covers, for
    first-half items (defaults to the fine spans among `dates`); `wording`: what the period needs, from the
    pack's `periods` (the default wording when not given)."""
    label = label_of(dates)
    if code == "none":
        return PeriodVerdict("not_required", label)
    if not dates:
        return PeriodVerdict("unknown", None, reason("no_period", need=need_text(code, year, wording)))
    fy_start, fy_end = fiscal_year_bounds(year)
    earliest_ok = fiscal_year_bounds(year - 1)[0] if code == "previous_fy" else fy_start
    newest = max(d.end for d in dates)
    if newest < earliest_ok:
        return _outdated(code, year, dates, wording)
    if code == "first_half":
        # Months are judged on the months the evidence shows; a bare "ปีงบประมาณ 2567" heading only says
        # the year, and must not paper over a report that stops at December.
        half_end = datetime.date(fy_start.year + 1, 3, 31)
        fine = months if months is not None else [d for d in dates if d.fine]
        if not fine:
            return PeriodVerdict("ok", label)  # only years shown: the year is right, months cannot be told
        spans = [Period(d.start, d.end, "range", d.text, 0) for d in fine]
        if not covered(spans, fy_start, half_end) and not any(d.start > fy_end for d in dates):
            inside = [d for d in fine if d.end >= fy_start and d.start <= half_end]
            found = ", ".join(dict.fromkeys(d.text for d in inside)) or (label or "")
            return PeriodVerdict(
                "partial", label, reason("partial_half", found=found, need=need_text(code, year, wording))
            )
    return PeriodVerdict("ok", label)


def _outdated(code: PeriodCode, year: int, dates: list[Dated], wording: Text | None) -> PeriodVerdict:
    label = label_of(dates)
    best = max(dates, key=lambda d: (d.end, d.start))
    a, b = fiscal_year_of(best.start), fiscal_year_of(best.end)
    if code == "covers_fy":
        found = f"{a}" if a == b else f"{a}–{b}"
        return PeriodVerdict("outdated", label, reason("outdated_span", found=found, year=year))
    return PeriodVerdict("outdated", label, reason("outdated", found=b, need=need_text(code, year, wording)))
