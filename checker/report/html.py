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
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from checker.i18n import LANGS, t
from checker.models import ITEM_STATUSES, ItemResult, ItemStatus, SiteReport
from checker.report.fences import fence_lines
from checker.report.terminal import MARKS

TEMPLATES = Path(__file__).parent / "templates"
THAI_TIME = timezone(timedelta(hours=7), "ICT")  # the clerks' clock; Thailand keeps no daylight saving
_COVERAGE_FIELDS = (
    "pages_fetched", "documents_fetched", "failed", "from_cache", "skipped_robots", "skipped_budget",
    "skipped_depth", "skipped_trap", "skipped_circuit", "external_links", "pages_left", "seconds",
)  # fmt: skip
CHANGE_KINDS = ("regressed", "fixed", "changed", "new")  # what needs a look first; "unchanged" is not listed


# --------------------------------------------------------------------------- helpers shared by the reporters


def web_url(url: str) -> bool:
    """Only http(s) addresses become links: a `javascript:` or `data:` URL from a hostile page stays text."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return url == url.strip() and parts.scheme in ("http", "https") and bool(parts.netloc)


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


def short_url(url: str, site: str) -> str:
    """Evidence on the site itself is shown by its path: the host is in the header already."""
    base = site.rstrip("/")
    return url[len(base) :] or "/" if base and url.startswith(base + "/") else url


def status_label(status: ItemStatus | None, lang: str) -> str:
    """The mark and word of a status, as the terminal shows them ("—" for no status)."""
    return f"{MARKS[status][0]} {t('status_' + status, lang)}" if status else "—"


# --------------------------------------------------------------------------- the page


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name: the data is the crawled site's
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _asset(name: str) -> tuple[Markup, str]:
    """A static file to inline, and its CSP hash: only our own style and script may run."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def render_html(report: SiteReport, lang: str = "th", indicators: dict[str, str] | None = None, **_: Any) -> str:
    """The whole report as one HTML page; `indicators` names the sub-indicators (code -> name in `lang`)."""
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
    titles = {item.id: item.title for item in report.items}
    changes: list[dict[str, Any]] = []
    if report.changes is not None:
        for kind in CHANGE_KINDS:
            moved = [c for c in report.changes.items if c.kind == kind]
            if moved:
                changes.append({"kind": kind, "entries": moved})
    coverage = report.coverage
    coverage_rows = (
        [(t("cov_" + field, lang), getattr(coverage, field)) for field in _COVERAGE_FIELDS]
        if coverage is not None
        else []
    )

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
        titles=titles,
        changes=changes,
        coverage_rows=coverage_rows,
        fence_lines=fence_lines(report.coverage, lang) if report.coverage is not None else [],
        label=lambda status: status_label(status, lang),
        when=lambda iso: when(iso, lang),
        web_url=web_url,
        short=lambda url: short_url(url, report.site.url),
    )
