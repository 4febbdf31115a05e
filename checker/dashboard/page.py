"""Writing the dashboard: one index.html (style, script and data inline) and, unless the caller links the
reports elsewhere, each site's HTML report under sites/. Nothing is fetched from anywhere: the folder can be
copied to any intranet web server, or opened from a file share with file://.

Site names, addresses and labels come from the batch and the crawled sites, so they are hostile until escaped:
the template autoescapes, the per-site data sits in a JSON script element with `<`, `>` and `&` written as
\\u escapes, the page's script only ever inserts it as escaped text, and a Content-Security-Policy allows
only the page's own style and script (by hash) and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from checker.dashboard.data import (
    day,
    items_of,
    month_label,
    ranked,
    script_json,
    site_row,
    slug,
    status_table,
    summarise,
)
from checker.dashboard.entries import SiteEntry
from checker.dashboard.words import WORDS, script_words, status_words, w
from checker.i18n import LANGS
from checker.models import ITEM_STATUSES
from checker.reasons import localise
from checker.report import render_args
from checker.report.html import render_html
from checker.report.templating import environment
from checker.rules.schema import RulePack

TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZES = (50, 100, 250, 500)  # more rows at once than 500 (43 cells each) take seconds to lay out
TOP = 10  # rows of the most-common lists shown before "show all"


def _environment() -> Environment:
    return environment(TEMPLATES)


@cache
def _asset(name: str) -> tuple[Markup, str]:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


def _write(path: Path, text: str) -> None:
    """Write whole or not at all: a web server never serves half a page while the dashboard is rebuilt."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temp, 0o644)  # readable by the web server, as a plain copied file would be
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_site_reports(entries: list[SiteEntry], out_dir: Path, lang: str, pack: RulePack | None) -> dict[str, str]:
    """Each stored report as the usual HTML report under out_dir/sites/; returns site -> relative link."""
    extras = render_args(pack, lang) if pack is not None else {}
    links: dict[str, str] = {}
    for entry in entries:
        if entry.report is None:
            continue
        name = f"sites/{slug(entry.site)}.html"
        report = localise(entry.report, lang, pack)  # stored in any language, shown in the dashboard's
        _write(out_dir / name, render_html(report, lang=lang, **extras))
        links[entry.site] = name
    return links


def render_dashboard(
    entries: list[SiteEntry],
    links: dict[str, str | None],
    *,
    lang: str = "th",
    pack: RulePack | None = None,
    title: str | None = None,
    built: datetime | None = None,
    toolbar: Sequence[tuple[str, str]] = (),
) -> str:
    """The whole index.html as text; `links` maps a site to its report link (None: no link); `toolbar`
    (label, link) pairs go above it when served live (oitcheck serve)."""
    lang = lang if lang in LANGS else "th"
    items = items_of(entries, pack, lang)
    order = ranked(entries)
    summary = summarise(order, items, pack, lang)
    dates: dict[str, int] = {}
    rows = [site_row(e, items, links.get(e.site), lang, dates) for e in order]
    data = {
        "lang": lang,
        "statuses": status_table(lang),
        "items": [[i.id, i.title, i.indicator] for i in items],
        "words": script_words(lang),
        "pageSizes": PAGE_SIZES,
        "dates": list(dates),
        "sites": rows,
    }
    css, css_hash = _asset("dashboard.css")
    js, js_hash = _asset("dashboard.js")
    csp = f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; base-uri 'none'; form-action 'none'"
    years = sorted({(e.record.ruleset, e.record.fiscal_year) for e in entries})
    built = built or datetime.now(UTC)
    words = status_words(lang)
    month_points = _polyline([m.estimate for m in summary.months if m.estimate is not None], 300, 60)
    return (
        _environment()
        .get_template("dashboard.html.j2")
        .render(
            lang=lang,
            w=lambda key, **kw: w(key, lang, **kw),
            reason_word=lambda code: w("reason_" + code, lang) if "reason_" + code in WORDS else code,
            title=title or w("title", lang),
            csp=csp,
            css=css,
            js=js,
            data=Markup(script_json(data)),
            s=summary,
            years=years,
            built=day(built.isoformat(), lang),
            statuses=[(st, words[st]) for st in ITEM_STATUSES],
            marks=data["statuses"],
            month_label=lambda m: month_label(m, lang),
            month_points=month_points,
            first_item=items[0].id if items else "",
            last_item=items[-1].id if items else "",
            top=TOP,
            pct=lambda n, d: f"{100 * n / d:.1f}" if d else "0.0",
            toolbar=list(toolbar),
        )
    )


def _polyline(values: list[float], width: int, height: int) -> str:
    """SVG polyline points for scores (0–100) spread across `width`."""
    if not values:
        return ""
    step = width / max(1, len(values) - 1)
    return " ".join(f"{i * step:.1f},{height - height * v / 100:.1f}" for i, v in enumerate(values))


def write_dashboard(
    entries: list[SiteEntry],
    out_dir: Path,
    *,
    lang: str = "th",
    pack: RulePack | None = None,
    title: str | None = None,
    report_href: Callable[[SiteEntry], str | None] | None = None,
) -> Path:
    """Write the dashboard into `out_dir` (created if needed); returns the path of its index.html.

    With `report_href` None each site's stored report is written to out_dir/sites/<slug>.html and linked;
    otherwise `report_href(entry)` gives each site's link (None: none). Only relative and http(s) links are kept.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if report_href is None:
        links: dict[str, str | None] = dict(write_site_reports(entries, out_dir, lang, pack))
    else:
        links = {e.site: report_href(e) for e in entries}
    index = out_dir / "index.html"
    _write(index, render_dashboard(entries, links, lang=lang, pack=pack, title=title))
    return index
