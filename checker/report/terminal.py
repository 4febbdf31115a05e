"""The checklist a clerk reads in a terminal: one row per item, grouped by sub-indicator, then a summary."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from checker.i18n import t
from checker.models import ITEM_STATUSES, SiteReport
from checker.report.fences import fence_lines

MARKS = {
    "pass": ("✔", "green"),
    "incomplete": ("◐", "yellow"),
    "outdated": ("⌛", "magenta"),
    "missing": ("✘", "red"),
    "unreachable": ("⚠", "red"),
    "review": ("?", "cyan"),
}


def build(report: SiteReport, lang: str = "th", indicators: dict[str, str] | None = None, width: int = 160) -> Group:
    """The rich renderable: a table per sub-indicator and a summary panel; narrow terminals lose the
    evidence column (it is in the JSON and HTML reports)."""
    wide = width >= 110
    indicators = indicators or {}
    parts: list[Any] = [
        Text(
            t(
                "report_heading",
                lang,
                year=report.ruleset.fiscal_year,
                site=report.site.name or report.site.url,
            ),
            style="bold",
        )
    ]
    groups: dict[str, list[Any]] = {}
    for item in report.items:
        groups.setdefault(item.indicator, []).append(item)
    for code, items in groups.items():
        table = Table(
            title=f"{code} {indicators.get(code, '')}".strip(),
            title_justify="left",
            expand=True,
            show_lines=False,
            pad_edge=False,
        )
        table.add_column(t("col_status", lang), no_wrap=True)
        table.add_column(t("col_item", lang), no_wrap=True)
        table.add_column(t("col_title", lang), ratio=3)
        if wide:
            table.add_column(t("col_evidence", lang), ratio=3, overflow="fold")
        table.add_column(t("col_reason", lang), ratio=4)
        for item in items:
            mark, colour = MARKS[item.status]
            status = Text(f"{mark} {t('status_' + item.status, lang)}", style=colour)
            evidence = escape(_short(item.evidence[0].url, report.site.url)) if item.evidence else "—"
            reason = escape(item.reasons[0]) if item.reasons else ""
            cells = [status, item.id, escape(item.title), *([evidence] if wide else []), reason]
            table.add_row(*cells)
        parts.append(table)
    counts = Counter(i.status for i in report.items)
    line = "  ".join(
        f"[{MARKS[s][1]}]{MARKS[s][0]} {t('status_' + s, lang)} {counts.get(s, 0)}[/]" for s in ITEM_STATUSES
    )
    s = report.score
    summary = f"[bold]{t('summary', lang, passed=s.passed, total=s.total, percent=s.percent)}[/bold]\n{line}\n"
    st = report.stats
    summary += t("crawl_stats", lang, pages=st.pages, documents=st.documents, requests=st.requests, errors=st.errors)
    cov = report.coverage
    if cov is not None:
        summary += "\n" + t("coverage_line", lang, cache=cov.from_cache, robots=cov.skipped_robots,
                             budget=cov.skipped_budget, depth=cov.skipped_depth, trap=cov.skipped_trap,
                             external=cov.external_links, seconds=cov.seconds)  # fmt: skip
        if cov.budget_exhausted:
            summary += "\n" + t("budget_spent", lang, what=t(f"budget_{cov.budget_exhausted}", lang))
        if cov.not_rendered:
            summary += "\n" + t("not_rendered", lang, n=len(cov.not_rendered), first=escape(cov.not_rendered[0]))
        if cov.cut_bodies:
            url, why = next(iter(cov.cut_bodies.items()))
            summary += "\n" + t("cut_line", lang, n=len(cov.cut_bodies), first=escape(url), why=t(f"cut_{why}", lang))
        for line in fence_lines(cov, lang):
            summary += "\n" + escape(line)
    parts.append(Panel(summary, expand=False))
    return Group(*parts)


def _short(url: str, site: str) -> str:
    """Evidence on the site itself is shown by its path: the column is narrow and the host is known."""
    base = site.rstrip("/")
    return url[len(base) :] or "/" if url.startswith(base) else url


def render_text(
    report: SiteReport, lang: str = "th", indicators: dict[str, str] | None = None, width: int = 160, **_: Any
) -> str:
    """Plain text (no colour) for files and pipes."""
    console = Console(width=width, record=True, color_system=None, force_terminal=False, file=io.StringIO())
    console.print(build(report, lang, indicators, width))
    return console.export_text()
