"""Markdown for a CI job summary (GitHub's $GITHUB_STEP_SUMMARY) or a merge-request comment.

GitHub renders this text as HTML, so whatever came from the crawled site is escaped character by character:
a page title must not become a heading, a link, an image or a table column. Only http(s) URLs become links.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import quote

from checker.i18n import t
from checker.models import ITEM_STATUSES, Coverage, ItemResult, SiteReport
from checker.report.coverage import coverage_words
from checker.report.html import CHANGE_KINDS, by_indicator, short_url, status_label, web_url, when
from checker.report.termfix import FixFirstWords, fix_first_words
from checker.rules.scoring import Scoring

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!])")  # Markdown, table and HTML syntax
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def text(value: str) -> str:
    """Site text made inert: Markdown and HTML syntax escaped, control characters dropped, one line."""
    value = _CONTROL.sub("", value)
    return _NEWLINES.sub(" ", _SPECIAL.sub(r"\\\1", value)).strip()


def cell(value: str) -> str:
    """Like `text`, but a table cell keeps its line breaks as <br> (pipes are escaped by `text`)."""
    value = _CONTROL.sub("", value).strip()
    return "<br>".join(_SPECIAL.sub(r"\\\1", line.strip()) for line in _NEWLINES.split(value))


def link(url: str, label: str) -> str:
    """A Markdown link for http(s) URLs (the target percent-encoded so it cannot end early); text otherwise."""
    if not web_url(url):
        return text(url)
    target = quote(url, safe=":/?#@!$&'*+,;=%~-._")
    return f"[{text(label)}]({target})"


def render_markdown(
    report: SiteReport,
    lang: str = "th",
    indicators: dict[str, str] | None = None,
    *,
    scoring: Scoring | None = None,
    titles: dict[str, str] | None = None,
    **_: Any,
) -> str:
    """The report as Markdown; with the pack's `scoring`, the estimate and what to fix first lead (the
    terminal's lines: checker/report/termfix.py). `titles`: item id -> title in `lang`."""
    indicators = indicators or {}
    s = report.score
    counts = Counter(item.status for item in report.items)
    site = report.site.name or report.site.url
    out = [
        "## " + text(t("report_heading", lang, year=report.ruleset.fiscal_year, site=site)),
        "",
        f"**{t('summary', lang, passed=s.passed, total=s.total, percent=s.percent)}** · "
        + link(report.site.url, report.site.url)
        + " · "
        + text(t("checked_at", lang, when=when(report.started_at, lang))),
        "",
        " · ".join(f"{status_label(st, lang)} {counts.get(st, 0)}" for st in ITEM_STATUSES),
        "",
    ]
    if scoring is not None:
        out += _fix_first(fix_first_words(report, lang, scoring, titles), lang)
    header = [t(key, lang) for key in ("col_status", "col_item", "col_title", "col_reason", "col_evidence")]
    for code, items in by_indicator(report.items).items():
        passed = sum(1 for i in items if i.status == "pass")
        heading = " ".join(filter(None, (text(code), text(indicators.get(code, "")), f"({passed}/{len(items)})")))
        out += [f"### {heading}", ""]
        out += ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _h in header) + " |"]
        out += [_row(item, report.site.url, lang) for item in items]
        out.append("")
    if report.changes is not None:
        out += _changes(report, lang)
    if report.coverage is not None:
        out += [*_coverage(report.coverage, lang), ""]
    return "\n".join(out)


def _fix_first(words: FixFirstWords, lang: str) -> list[str]:
    """The estimate, the fix list in plan order and the items to check, one line each, as the terminal
    shows them (paths whole: a Markdown line is never cut)."""
    out = [f"**{text(words.estimate)}**", "", f"### {text(words.fixes_heading)}", ""]
    for n, e in enumerate(words.fixes, 1):
        out.append(f"{n}. **{text(e.item)}** {status_label(e.status, lang)} · {e.points} · {text(e.effort)} — "
                   + text(e.action))  # fmt: skip
    if words.checks:
        out += ["", f"### {text(words.checks_heading)}", ""]
        out += [f"- **{text(e.item)}** {status_label(e.status, lang)} · {text(e.points)} — {text(e.action)}"
                for e in words.checks]  # fmt: skip
    return [*out, ""]


def _row(item: ItemResult, site: str, lang: str) -> str:
    status = status_label(item.status, lang)
    if item.waiver is not None:
        status += f" ({text(t('waived_until', lang, expires=item.waiver.expires))})"
    reason = cell(item.reasons[0]) if item.reasons else ""
    if item.waiver is not None:
        reason = cell(t("waiver", lang, expires=item.waiver.expires, reason=item.waiver.reason)) + (
            "<br>" + reason if reason else ""
        )
    evidence = link(item.evidence[0].url, short_url(item.evidence[0].url, site)) if item.evidence else "—"
    return f"| {status} | {text(item.id)} | {cell(item.title)} | {reason} | {evidence} |"


def _changes(report: SiteReport, lang: str) -> list[str]:
    assert report.changes is not None
    prev = report.changes.previous_score
    titles = {item.id: item.title for item in report.items}
    out = [
        "### " + text(t("changes_heading", lang)),
        "",
        text(t("changes_previous", lang, when=when(report.changes.previous_started_at, lang), passed=prev.passed,
               total=prev.total, percent=prev.percent)),
        "",
    ]  # fmt: skip
    moved = [c for kind in CHANGE_KINDS for c in report.changes.items if c.kind == kind]
    for c in moved:
        before = status_label(c.before, lang) if c.before else text(t("not_before", lang))
        title = text(titles.get(c.id, ""))
        out.append(f"- **{text(t('change_' + c.kind, lang))}** {text(c.id)} {title}: {before} → "
                   f"{status_label(c.after, lang)}")  # fmt: skip
    if not moved:
        out.append(text(t("changes_none", lang)))
    out.append("")
    return out


def _coverage(cov: Coverage, lang: str) -> list[str]:
    """What was read, then a bullet per kind of thing not read and why (or that nothing was missed)."""
    first, *rest = coverage_words(cov, lang).lines(lang)
    return [f"**{text(t('coverage_heading', lang))}:** " + text(first), "", *(f"- {text(line)}" for line in rest)]
