"""The HTML report: one self-contained file a clerk can open offline, mail to a colleague or print.

Everything in it comes from the crawled site and so is hostile until escaped: the template autoescapes, only
http(s) URLs become links, and a Content-Security-Policy (hashes of our own style and script, nothing else,
no network) stops whatever might slip through. The few helpers shared with the Markdown and JUnit reports
live here too, so all three group, date and link items the same way.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from checker.i18n import LANGS, t
from checker.models import ITEM_STATUSES, ItemResult, ItemStatus, SiteReport
from checker.report.charts import StatusRow, TrendPointView, status_chart, trend_chart
from checker.report.coverage import coverage_words
from checker.report.fixes import Fix, FixPlan, plan
from checker.report.fixwords import fw
from checker.report.htmlwords import hw
from checker.report.templating import environment
from checker.report.terminal import MARKS
from checker.report.urls import short_url as short_url  # re-exported: markdown, junit, dashboard
from checker.report.urls import web_url as web_url
from checker.rules.scoring import Scoring, grade

TEMPLATES = Path(__file__).parent / "templates"
THAI_TIME = timezone(timedelta(hours=7), "ICT")  # the clerks' clock; Thailand keeps no daylight saving
CHANGE_KINDS = ("regressed", "fixed", "changed", "new")  # what needs a look first; "unchanged" is not listed
SUMMARY_FIXES = 8  # fixes on the printed summary page; the rest follow on the next pages


# --------------------------------------------------------------------------- helpers shared by the reporters


def by_indicator(items: list[ItemResult]) -> dict[str, list[ItemResult]]:
    """Items by sub-indicator (9.1 … 10.2), in the order the rule pack lists them."""
    groups: dict[str, list[ItemResult]] = {}
    for item in items:
        groups.setdefault(item.indicator, []).append(item)
    return groups


def when(iso: str, lang: str) -> str:
    """An ISO timestamp as a clerk reads it: Thai time, and the Buddhist year in Thai."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(THAI_TIME)
    month = t("months", lang).split()[local.month - 1]
    year = local.year + 543 if lang == "th" else local.year
    return t("when", lang, day=local.day, month=month, year=year, hm=f"{local:%H:%M}")


def status_label(status: ItemStatus | None, lang: str) -> str:
    """The mark and word of a status, as the terminal shows them ("—" for no status)."""
    return f"{MARKS[status][0]} {t('status_' + status, lang)}" if status else "—"


# --------------------------------------------------------------------------- the fix-first summary


def action_parts(fix: Fix, site: str) -> tuple[str, str, str, str]:
    """A fix's action as (before, path, link, after): the path of the page or file to act on (as the action
    shows it) is set apart so the template can make it a link (`link`: its URL when it is an http(s) one)."""
    shown = short_url(fix.where, site) if fix.where else ""
    if not shown or shown not in fix.action:
        return fix.action, "", "", ""
    before, _, after = fix.action.partition(shown)
    return before, shown, fix.where if web_url(fix.where) else "", after


def _status_rows(report: SiteReport, fixes: FixPlan, indicators: dict[str, str]) -> list[StatusRow]:
    scores = {sub.code: sub.score for ind in fixes.estimate.indicators for sub in ind.subs}
    rows = []
    for code, items in by_indicator(report.items).items():
        counts = Counter(i.status for i in items)
        per_status = tuple((s, counts.get(s, 0)) for s in ITEM_STATUSES)
        rows.append(StatusRow(code, indicators.get(code, ""), per_status, scores.get(code, 0.0)))
    return rows


def fix_first(
    report: SiteReport, lang: str, indicators: dict[str, str], titles: dict[str, str] | None, scoring: Scoring
) -> dict[str, Any]:
    """What the top of the report shows: the estimate and its indicators, what to fix first, what to check
    by hand, the status chart and, with two or more scored runs, the trend chart (charts built from numbers
    and escaped words, so they are marked safe here)."""
    fixes = plan(report, scoring, lang, titles)
    rows = _status_rows(report, fixes, indicators)
    marks: dict[str, str] = {s: MARKS[s][0] for s in ITEM_STATUSES}
    words: dict[str, str] = {s: t("status_" + s, lang) for s in ITEM_STATUSES}
    chart = status_chart(
        rows, title=hw("status_chart_title", lang), marks=marks, words=words, score_word=hw("col_score", lang)
    )
    scored = [p for p in report.trend or [] if p.estimate is not None]
    points = [TrendPointView(when(p.started_at, lang), p.estimate or 0.0) for p in scored]
    grades = [(g.min, g.name) for g in scoring.grades]
    trend = (
        Markup(trend_chart(points, grades, title=hw("trend_title", lang, n=len(points)))) if len(points) >= 2 else None
    )
    names = {code: ind.name.get(lang) for code, ind in scoring.indicators.items()}
    return {
        "estimate": fixes.estimate,
        "reachable": fixes.reachable,
        "reachable_grade": grade(fixes.reachable, scoring),
        "indicator_names": names,
        "top_fixes": fixes.fixes[:SUMMARY_FIXES],
        "more_fixes": fixes.fixes[SUMMARY_FIXES:],
        "to_check": fixes.to_check,
        "status_rows": rows,
        "status_chart": Markup(chart),
        "trend": [(points[i], scored[i]) for i in range(len(points))] if trend is not None else [],
        "trend_chart": trend,
        "grade_of": lambda score: grade(score, scoring),
        "parts": lambda fix: action_parts(fix, report.site.url),
        "effort": lambda level: fw(f"effort_{level}", lang),
        "hw": lambda key, **kwargs: hw(key, lang, **kwargs),
    }


# --------------------------------------------------------------------------- the page


def _environment() -> Environment:
    return environment(TEMPLATES)


@cache
def _asset(name: str) -> tuple[Markup, str]:
    """A static file to inline, and its CSP hash: only our own style and script may run."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def render_html(
    report: SiteReport,
    lang: str = "th",
    indicators: dict[str, str] | None = None,
    titles: dict[str, str] | None = None,
    scoring: Scoring | None = None,
    toolbar: Sequence[tuple[str, str]] = (),
    **_: Any,
) -> str:
    """The whole report as one HTML page, what to fix first at the top. `indicators` names the
    sub-indicators and `titles` the items (code -> name in `lang`); `scoring` is the pack's (the OIT estimate;
    None: the default weights and grades); `toolbar` (label, link) pairs go above it (oitcheck serve)."""
    indicators = indicators or {}
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("filter.js")
    csp = f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; base-uri 'none'; form-action 'none'"
    counts = Counter(item.status for item in report.items)
    groups = [
        {
            "code": code,
            "name": indicators.get(code, ""),
            "entries": items,
            "passed": sum(1 for i in items if i.status == "pass"),
        }
        for code, items in by_indicator(report.items).items()
    ]
    summary = fix_first(report, lang, indicators, titles, scoring or Scoring())
    changes: list[dict[str, Any]] = []
    if report.changes is not None:
        for kind in CHANGE_KINDS:
            moved = [c for c in report.changes.items if c.kind == kind]
            if moved:
                changes.append({"kind": kind, "entries": moved})
    coverage = coverage_words(report.coverage, lang) if report.coverage is not None else None

    def tr(key: str, **kwargs: Any) -> str:
        return t(key, lang, **kwargs)

    template = _environment().get_template("report.html.j2")
    return template.render(
        r=report,
        lang=lang if lang in LANGS else "th",
        tr=tr,
        csp=csp,
        css=css,
        js=js,
        statuses=ITEM_STATUSES,
        counts=counts,
        todo=len(report.items) - counts.get("pass", 0),
        groups=groups,
        titles={item.id: item.title for item in report.items},  # the official Thai ones, as in the checklist
        changes=changes,
        coverage=coverage,
        label=lambda status: status_label(status, lang),
        when=lambda iso: when(iso, lang),
        web_url=web_url,
        short=lambda url: short_url(url, report.site.url),
        toolbar=list(toolbar),
        **summary,
    )
