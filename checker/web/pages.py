"""Rendering the application's own pages (Jinja2, autoescaped) and the words that depend on a job or a run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from checker.i18n import LANGS
from checker.report.charts import TrendPointView, trend_chart
from checker.report.html import status_label, when
from checker.report.templating import environment
from checker.rules import loader
from checker.rules.loader import RuleFileError
from checker.rules.schema import RulePack
from checker.store import RunRecord
from checker.web.config import WebConfig
from checker.web.jobs import JobQueue, WebJob
from checker.web.words import w

TEMPLATES = Path(__file__).parent / "templates"


def _environment() -> Environment:
    return environment(TEMPLATES)


def lang_of(request: Request) -> str:
    """?lang=en|th, else the server's --lang."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return str(asked)
    config: WebConfig = request.app.state.config
    return config.lang


def _render(template: str, lang: str, **context: Any) -> str:
    q = "?lang=en" if lang == "en" else ""
    return (
        _environment()
        .get_template(template)
        .render(
            lang=lang,
            w=lambda key, **kw: w(key, lang, **kw),
            q=q,
            when=lambda iso: when(iso, lang),
            status_word=lambda code: status_label(code, lang),
            **context,
        )
    )


def page(request: Request, template: str, *, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page of the application, with the CSRF token for its forms and the other language's link."""
    token = request.scope["csrftoken"]() if "csrftoken" in request.scope else ""
    query = dict(request.query_params)
    query["lang"] = "th" if lang == "en" else "en"
    other = request.url.path + "?" + "&".join(f"{k}={v}" for k, v in query.items() if k == "lang")
    signed = getattr(request.app.state.config, "token", None) is not None
    html = _render(template, lang, csrf=token, other=other, signed_in_needed=signed, **context)
    return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})


def plain_error(message: str, lang: str) -> str:
    """An error page that needs no request (the CSRF layer answers before the application)."""
    return _render("error.html.j2", lang, message=message, csrf="", other="/", signed_in_needed=False)


def pack_for(config: WebConfig, ruleset: str) -> RulePack | None:
    """The pack a stored run was made with, for its titles and scoring; None when this oitcheck lacks it."""
    if ruleset == config.pack.id:
        return config.pack
    try:
        return loader.load(ruleset)
    except RuleFileError:
        return None


def state_words(job: WebJob, lang: str) -> str:
    return w("state_" + job.state, lang)


def job_words(job: WebJob, queue: JobQueue, lang: str) -> str:
    """One line for a job's page: its place in the queue, what it has read, or why it failed."""
    if job.state == "queued":
        return w("position", lang, n=queue.position(job))
    if job.state == "failed":
        return w("job_failed", lang, why=job.error or "?")
    p = job.progress
    items = p.items or "?"
    return w("progress", lang, pages=p.pages, documents=p.documents, settled=p.settled, items=items)


def run_rows(records: Sequence[RunRecord], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "when": when(r.started_at, lang),
            "estimate": f"{r.estimate:.2f} ({r.grade})" if r.estimate is not None else "—",
            "passed": f"{r.passed}/{r.total}",
            "down": r.site_error,
            "year": r.fiscal_year,
        }
        for r in records
    ]


def trend_svg(records: Sequence[RunRecord], config: WebConfig, lang: str) -> Markup | None:
    """The estimated score of the newest pack and year's checked runs, oldest first (None: fewer than two)."""
    if not records:
        return None
    first = records[0]
    points = [
        TrendPointView(when(r.started_at, lang), r.estimate)
        for r in reversed(records)
        if r.estimate is not None
        and not r.site_error
        and (r.ruleset, r.fiscal_year) == (first.ruleset, first.fiscal_year)
    ][-12:]
    if len(points) < 2:
        return None
    pack = pack_for(config, first.ruleset)
    grades = [(g.min, g.name) for g in pack.scoring.grades if g.min > 0] if pack is not None else []
    return Markup(trend_chart(points, grades, title=w("col_score", lang)))
