"""Is the evidence of the right period? Judged from the Buddhist-era years it shows.

How a piece of evidence names itself (anchor, row, title, headings, file name) is trusted before what its body
mentions in passing; the body is read only when the name carries no year. Newer than required is never
outdated (spec: Periods).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

from checker.extract.periods import YearSpan, find_years
from checker.extract.thai import normalise
from checker.i18n import t
from checker.models import EvidenceUnit
from checker.rules.schema import PeriodCode

PeriodState = Literal["ok", "outdated", "unknown", "not_required"]


@dataclass(frozen=True)
class PeriodVerdict:
    state: PeriodState
    label: str | None  # "FY2567", "FY2566-2570": what the evidence covers, for the report
    reason: str | None = None


def unit_years(unit: EvidenceUnit) -> list[YearSpan]:
    """Years the unit names itself with, else those of the links that led to it, else those in its text.

    A row that says "2567" over a linked plan whose own heading says 2566 is last year's plan relabelled:
    the evidence's own name wins.
    """
    path = unquote(urlsplit(unit.url).path)
    for source in (f"{unit.name} {path}", unit.label, unit.text if unit.readable else ""):
        spans = find_years(normalise(source)) if source.strip() else []
        if spans:
            return spans
    return []


def span_label(spans: list[YearSpan]) -> str | None:
    if not spans:
        return None
    best = max(spans, key=lambda s: (s.end, s.start))
    return f"FY{best.start}" if best.start == best.end else f"FY{best.start}-{best.end}"


def need_text(code: PeriodCode, year: int, lang: str) -> str:
    return t(f"need_{code}", lang, year=year, prev=year - 1, prev2=str(year - 1)[-2:], year2=str(year)[-2:])


def judge(code: PeriodCode, year: int, spans: list[YearSpan], lang: str = "th") -> PeriodVerdict:
    label = span_label(spans)
    if code == "none":
        return PeriodVerdict("not_required", label)
    if not spans:
        return PeriodVerdict("unknown", None, t("no_period", lang, need=need_text(code, year, lang)))
    newest = max(s.end for s in spans)
    if code == "covers_fy":
        if any(s.start <= year <= s.end for s in spans) or min(s.start for s in spans) > year:
            covering = [s for s in spans if s.start <= year <= s.end]
            return PeriodVerdict("ok", span_label(covering) or label)
        best = max(spans, key=lambda s: (s.end, s.start))
        found = f"{best.start}" if best.start == best.end else f"{best.start}–{best.end}"
        return PeriodVerdict("outdated", label, t("outdated_span", lang, found=found, year=year))
    required = year - 1 if code == "previous_fy" else year
    if newest >= required:
        return PeriodVerdict("ok", label)
    return PeriodVerdict("outdated", label, t("outdated", lang, found=newest, need=need_text(code, year, lang)))
