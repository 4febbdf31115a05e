"""What a clerk reads in a terminal: what to fix first (checker/report/termfix.py), then the checklist, one row
per item grouped by sub-indicator, then a summary."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from rich.cells import cell_len
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from checker.i18n import t
from checker.models import ITEM_STATUSES, SiteReport
from checker.report.coverage import coverage_words
from checker.report.termfix import fix_first_renderables, fix_first_words, pack_line, tw
from checker.report.thaiwrap import Wrapped
from checker.report.urls import short_url
from checker.rules.scoring import Scoring

# One terminal cell each, all different, and drawn by DejaVu Sans (Debian's fallback behind the Thai fonts):
# ⌛ was tofu in Chromium there and two cells wide. tests/report/test_marks.py checks all three.
MARKS = {
    "pass": ("✔", "green"),
    "incomplete": ("◐", "yellow"),
    "outdated": ("◷", "magenta"),  # a clock face: the dashboard's mark too
    "missing": ("✘", "red"),
    "unreachable": ("⚠", "red"),
    "review": ("?", "cyan"),
}


def build(
    report: SiteReport,
    lang: str = "th",
    indicators: dict[str, str] | None = None,
    width: int = 160,
    *,
    scoring: Scoring | None = None,
    titles: dict[str, str] | None = None,
) -> Group:
    """The rich renderable: the heading; with the pack's `scoring`, the estimated OIT score, what to fix first
    and what to check by hand (checker/report/termfix.py); a table per sub-indicator; a summary panel.

    Narrow terminals (< 110 columns) lose the evidence column (it is in the fix list and in the JSON and HTML
    reports), but nothing is shortened: item and status never wrap, titles and reasons wrap (Thai between its
    words: checker/report/thaiwrap.py), URLs on the site are shown by their path. `titles`: item id -> title
    in `lang`."""
    wide = width >= 110
    indicators = indicators or {}
    titles = titles or {}
    site = report.site.url
    parts: list[Any] = [
        Wrapped(t("report_heading", lang, year=report.ruleset.fiscal_year, site=report.site.name or site), "bold")
    ]
    if report.site.name and site:
        parts.append(Wrapped(site))
    if scoring is not None:
        parts += fix_first_renderables(fix_first_words(report, lang, scoring, titles), lang, MARKS)
        parts.append(Wrapped(tw("checklist", lang), "bold underline"))
    status_width = max(cell_len(f"{m} {t('status_' + s, lang)}") for s, (m, _) in MARKS.items())
    id_width = max((cell_len(i.id) for i in report.items), default=3)
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
        table.add_column(t("col_status", lang), no_wrap=True, min_width=status_width)
        table.add_column(t("col_item", lang), no_wrap=True, min_width=id_width)
        table.add_column(t("col_title", lang), ratio=3, overflow="fold")
        if wide:
            table.add_column(t("col_evidence", lang), ratio=3, overflow="fold")
        table.add_column(t("col_reason", lang), ratio=4, overflow="fold")
        for item in items:
            mark, colour = MARKS[item.status]
            status = Text(f"{mark} {t('status_' + item.status, lang)}", style=colour)
            evidence = Wrapped(short_url(item.evidence[0].url, site) if item.evidence else "—")
            reason = Wrapped(_on_site(item.reasons[0], site) if item.reasons else "")
            title = Wrapped(titles.get(item.id, item.title))
            table.add_row(status, item.id, title, *([evidence] if wide else []), reason)
        parts.append(table)
    counts = Counter(i.status for i in report.items)
    pieces = [(f"{MARKS[s][0]} {t('status_' + s, lang)} {counts.get(s, 0)}", MARKS[s][1]) for s in ITEM_STATUSES]
    line = "\n".join(text.markup for text in pack_line(pieces, width - 4))  # each count whole; panel: 4 cells
    s = report.score
    summary = f"[bold]{t('summary', lang, passed=s.passed, total=s.total, percent=s.percent)}[/bold]\n{line}\n"
    summary += "\n".join(escape(line) for line in _coverage_lines(report, lang))
    parts.append(Panel(summary, expand=False))
    return Group(*parts)


def _coverage_lines(report: SiteReport, lang: str) -> list[str]:
    """What was read, then only what was not and why (checker/report/coverage.py); request counts without it."""
    if report.coverage is None:
        st = report.stats
        return [t("crawl_stats", lang, pages=st.pages, documents=st.documents, requests=st.requests, errors=st.errors)]
    return coverage_words(report.coverage, lang).lines(lang)


def _on_site(reason: str, site: str) -> str:
    """A reason with the site's own URLs shown by their path, as the evidence column and the fix list show
    them: at 80 columns the host would take the room of the file name."""
    base = site.rstrip("/")
    return reason.replace(base + "/", "/") if base else reason


def render_text(
    report: SiteReport,
    lang: str = "th",
    indicators: dict[str, str] | None = None,
    width: int = 160,
    *,
    scoring: Scoring | None = None,
    titles: dict[str, str] | None = None,
    **_: Any,
) -> str:
    """Plain text (no colour) for files and pipes: what `build` shows, without trailing spaces."""
    console = Console(width=width, record=True, color_system=None, force_terminal=False, file=io.StringIO())
    console.print(build(report, lang, indicators, width, scoring=scoring, titles=titles))
    return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())
