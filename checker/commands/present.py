"""How history, diffs and waivers look in a terminal (rich). Data in, renderables and lines out; no I/O."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from checker.i18n import t
from checker.models import ITEM_STATUSES, Changes, SiteReport
from checker.operations.waivers import WaiverOutcome
from checker.report.html import THAI_TIME
from checker.report.terminal import MARKS
from checker.store import RunRecord

KIND_STYLE = {"fixed": "green", "regressed": "red", "changed": "yellow", "new": "cyan", "unchanged": "dim"}
KIND_ORDER = ("regressed", "changed", "new", "fixed", "unchanged")


def when(iso: str) -> str:
    """A stored time in Thai time, the reports' clock (checker.report.html.THAI_TIME), to the minute, whatever
    the machine's zone: a cron job on a UTC server and a clerk's PC must print the same. Unlabelled: the
    history table says the zone in its column header; elsewhere use `when_labelled`."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # stored times are UTC
    return moment.astimezone(THAI_TIME).strftime("%Y-%m-%d %H:%M")


def when_labelled(iso: str, lang: str) -> str:
    """`when` with its zone said ("… เวลาไทย", "… ICT"), for a time in a sentence."""
    return t("thai_clock", lang, when=when(iso))


def status(name: str | None, lang: str) -> str:
    return "—" if name is None else t(f"status_{name}", lang)


def waiver_lines(outcome: WaiverOutcome, source: str, lang: str) -> list[tuple[str, bool]]:
    """(line, show even with --quiet): expired waivers change the exit code, so they are always said."""
    lines: list[tuple[str, bool]] = []
    for use in outcome.applied:
        text = t("waived_item", lang, item=use.item, status=status(use.status, lang), expires=use.entry.expires,
                 reason=use.entry.reason)  # fmt: skip
        lines.append((f"[cyan]{escape(text)}[/cyan]", False))
    for use in outcome.expired:
        text = t("waiver_expired", lang, item=use.item, status=status(use.status, lang), expires=use.entry.expires,
                 where=f"{source}:{use.line}")  # fmt: skip
        lines.append((f"[yellow]warning:[/yellow] {escape(text)}", True))
    for entry, line in outcome.unused:
        lines.append((escape(t("waiver_unused", lang, item=entry.item, where=f"{source}:{line}")), False))
    return lines


def change_lines(report: SiteReport, before: RunRecord | None, run_id: int, lang: str) -> list[str]:
    """One line for a run's log: what changed since the previous run, grouped by kind."""
    changes = report.changes
    if before is None or changes is None:
        return [escape(t("first_run", lang, run=run_id))]
    return [escape(t("changes_since", lang, when=when_labelled(before.started_at, lang), score=before.percent,
                     summary=summary(changes, lang)))]  # fmt: skip


def summary(changes: Changes, lang: str) -> str:
    groups = []
    for kind in KIND_ORDER[:-1]:
        ids = [c.id for c in changes.items if c.kind == kind]
        if ids:
            groups.append(f"{t(f'change_{kind}', lang)} {', '.join(ids)}")
    return "; ".join(groups) or t("changes_none", lang)


def history_table(records: list[RunRecord], lang: str, show_site: bool) -> Group:
    """One row per run; statuses as the checklist's marks (a legend follows), one space between columns and
    the score headers on two lines, so one site's history fits 80 columns."""
    table = Table(pad_edge=False, show_edge=False, box=None, header_style="bold", padding=(0, 1, 0, 0))
    table.add_column(t("col_run", lang), justify="right", no_wrap=True)
    table.add_column(t("col_when", lang), no_wrap=True)
    if show_site:
        table.add_column(t("col_site", lang), overflow="fold")
    table.add_column(t("col_rules", lang), no_wrap=True)
    # The headline first, as the reports give it; then the share of items passed.
    table.add_column(t("col_estimate", lang).replace(" (", "\n("), justify="right", no_wrap=True)
    table.add_column(t("col_items_passed", lang).replace(" ", "\n"), justify="right", no_wrap=True)
    for s in ITEM_STATUSES:
        mark, style = MARKS[s]
        table.add_column(f"[{style}]{mark}[/{style}]", justify="right", no_wrap=True)
    table.add_column(t("col_waived", lang), justify="right", no_wrap=True)
    for r in records:
        row = [str(r.id), when(r.started_at)]
        if show_site:
            row.append(escape(r.site))
        row += [f"{escape(r.ruleset)} {r.fiscal_year}", *score_cells(r, lang)]
        row += [str(r.counts.get(s, 0)) for s in ITEM_STATUSES]
        row.append(str(r.waived))
        table.add_row(*row)
    legend = "  ".join(f"[{MARKS[s][1]}]{MARKS[s][0]}[/{MARKS[s][1]}] {t(f'status_{s}', lang)}" for s in ITEM_STATUSES)
    return Group(table, Text.from_markup(legend, style="dim"))


def score_cells(r: RunRecord, lang: str) -> tuple[str, str]:
    """The history's two score cells: the estimated OIT score with its grade ("—" for a run stored before the
    history kept it), and the share of items passed; a run that could not check the site says so instead."""
    if r.site_error:
        return f"[red]{t('site_down_run', lang)}[/red]", "—"
    headline = "—" if r.estimate is None else f"{r.estimate:.2f} {escape(r.grade or '')}".rstrip()
    return headline, f"{r.percent:.1f}%"


def diff_heading(before: RunRecord, after: RunRecord, lang: str) -> str:
    """`oitcheck diff`'s first line: the two runs, each with its estimated OIT score and grade when both have
    one (runs stored before the history kept it have none), and the share of items passed."""
    words = dict(site=after.site, a=before.id, when_a=when_labelled(before.started_at, lang), score_a=before.percent,
                 b=after.id, when_b=when_labelled(after.started_at, lang), score_b=after.percent)  # fmt: skip
    if before.estimate is None or after.estimate is None:
        return t("diff_heading", lang, **words)
    return t("diff_heading_estimate", lang, est_a=before.estimate, grade_a=before.grade or "", est_b=after.estimate,
             grade_b=after.grade or "", **words)  # fmt: skip


def diff_table(changes: Changes, titles: dict[str, str], lang: str, show_all: bool) -> tuple[Table, int]:
    """The table and how many unchanged rows it leaves out (all unchanged rows unless `show_all`)."""
    table = Table(pad_edge=False, show_edge=False, box=None, header_style="bold")
    table.add_column(t("col_item", lang), no_wrap=True)
    table.add_column(t("col_title", lang))
    table.add_column(t("col_before", lang), no_wrap=True)
    table.add_column(t("col_after", lang), no_wrap=True)
    table.add_column(t("col_change", lang), no_wrap=True)
    hidden = 0
    rows = sorted(changes.items, key=lambda c: KIND_ORDER.index(c.kind))
    for c in rows:
        if c.kind == "unchanged" and not show_all:
            hidden += 1
            continue
        style = KIND_STYLE[c.kind]
        table.add_row(
            c.id,
            escape(titles.get(c.id, "")),
            status(c.before, lang),
            status(c.after, lang),
            f"[{style}]{t(f'change_{c.kind}', lang)}[/{style}]",
        )
    return table, hidden


def diff_json(before: RunRecord, after: RunRecord, changes: Changes) -> dict[str, Any]:
    """`oitcheck diff --format json`: the two runs (as `history --format json` lists them) and the changes."""
    return {"from": asdict(before), "to": asdict(after), "changes": changes.model_dump(mode="json")}
