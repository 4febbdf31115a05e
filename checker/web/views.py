"""The pages: the check form, a job's progress, a run's report, its changes, a re-check; the group view and a
site's history (behind the shared token when one is set: checker/web/auth.py). Handlers read and queue; what
they say is in checker/web/words.py, how it looks in checker/web/templates/.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from checker.dashboard.page import render_dashboard
from checker.jobs.run import SiteJob
from checker.models import SiteReport
from checker.reasons import localise
from checker.report import render_args
from checker.report.html import render_html
from checker.report.json import render_json
from checker.store import RunRecord, Store, StoreError, diff_reports
from checker.web import auth
from checker.web.allow import Refusal, admit, check_url
from checker.web.config import WebConfig
from checker.web.jobs import JobQueue, QueueFull, WebJob
from checker.web.pages import job_words, lang_of, pack_for, page, plain_error, run_rows, state_words, trend_svg
from checker.web.words import w

__all__ = ["plain_error"]


def _config(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


def _queue(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.queue
    return queue


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def _error(request: Request, status: int, message: str) -> HTMLResponse:
    lang = lang_of(request)
    return page(request, "error.html.j2", status=status, message=message, lang=lang)


def _refused(request: Request, refusal: Refusal) -> HTMLResponse:
    lang = lang_of(request)
    patterns = _config(request).allow.describe()
    return _error(request, 400, w("err_" + refusal.code, lang, detail=refusal.detail, patterns=patterns))


def _limited(request: Request) -> HTMLResponse | None:
    """A 429 page when this client has started too many checks lately, else None (and the start is counted)."""
    state = request.app.state
    if state.limiter.hit(state.rate, "start", _client(request)):
        return None
    response = _error(request, 429, w("err_rate", lang_of(request), rate=_config(request).rate))
    response.headers["retry-after"] = "60"
    return response


def _lang_query(request: Request) -> str:
    return "?lang=en" if lang_of(request) == "en" else ""


async def _read(request: Request, fn: Any) -> Any:
    try:
        return await request.app.state.reader.call(fn)
    except StoreError as exc:
        if str(exc).startswith("no run "):
            raise HTTPException(404) from None
        raise HTTPException(503, w("err_store", lang_of(request), detail=str(exc))) from None


async def _queue_check(
    request: Request, url: str, year: int, name: str = "", tags: dict[str, str] | None = None
) -> WebJob | Response:
    """Queue a check of an admitted URL: the job, or the page saying why not (queue full)."""
    config = _config(request)
    # Someone pressing "check" wants today's answer: a full crawl every time (the site's cache still makes an
    # unchanged site cheap); evidence re-checks (checker/rerun.py) are for scheduled runs.
    argv = [*config.argv, "--year", str(year), "--full"]
    from checker.batch.sites import host_of, slug
    from checker.store import site_key

    site = site_key(url)
    if config.cache_dir:
        argv += ["--cache", f"{config.cache_dir}/{slug(site)}.db"]
    run_key = f"web:{uuid.uuid4().hex}"  # each press of the button is a run of its own, stored once
    job = SiteJob(
        url, name, dict(tags or {}), None, tuple(argv), run_key, host_of(url), private_site=config.allow_private
    )
    try:
        web, _ = await _queue(request).submit(job, site, year, _client(request))
    except QueueFull:
        return _error(request, 503, w("err_full", lang_of(request), limit=config.queue))
    return web


# --------------------------------------------------------------------------- checking a site


async def home(request: Request) -> Response:
    config, queue = _config(request), _queue(request)
    lang = lang_of(request)
    recent = [(j, state_words(j, lang)) for j in queue.recent(10)]
    return page(
        request,
        "home.html.j2",
        lang=lang,
        years=config.years,
        allowed=config.allow.describe(),
        items=len(config.pack.items),
        recent=recent,
        running=queue.running(),
        waiting=queue.waiting(),
        url=request.query_params.get("url", ""),
    )


async def check(request: Request) -> Response:
    config = _config(request)
    lang = lang_of(request)
    form = await request.form()
    url, year_text = str(form.get("url") or ""), str(form.get("year") or config.years[0])
    if (limited := _limited(request)) is not None:
        return limited
    if not year_text.isdigit() or int(year_text) not in config.years:
        return _error(request, 400, w("err_year", lang, years=", ".join(map(str, config.years))))
    start, refusal = await admit(url, config.allow, config.allow_private)
    if refusal is not None:
        return _refused(request, refusal)
    queued = await _queue_check(request, start, int(year_text))
    if isinstance(queued, Response):
        return queued
    return RedirectResponse(f"/jobs/{queued.id}{_lang_query(request)}", status_code=303)


async def job_page(request: Request) -> Response:
    web = _queue(request).get(request.path_params["job_id"])
    if web is None:
        raise HTTPException(404)
    if web.state == "done" and web.run_id is not None:
        return RedirectResponse(f"/runs/{web.run_id}{_lang_query(request)}", status_code=303)
    lang = lang_of(request)
    return page(request, "job.html.j2", lang=lang, job=web, words=job_words(web, _queue(request), lang))


async def job_status(request: Request) -> Response:
    queue = _queue(request)
    web = queue.get(request.path_params["job_id"])
    if web is None:
        raise HTTPException(404)
    lang = lang_of(request)
    p = web.progress
    return JSONResponse(
        {
            "state": web.state,
            "state_words": state_words(web, lang),
            "position": queue.position(web),
            "progress": {"pages": p.pages, "documents": p.documents, "settled": p.settled, "items": p.items},
            "run_id": web.run_id,
            "report": f"/runs/{web.run_id}{_lang_query(request)}" if web.run_id is not None else None,
            "error": web.error,
            "text": job_words(web, queue, lang),
        },
        headers={"cache-control": "no-store"},
    )


# --------------------------------------------------------------------------- a run


async def _run(request: Request) -> tuple[RunRecord, SiteReport]:
    run_id = int(request.path_params["run_id"])
    result: tuple[RunRecord, SiteReport] = await _read(request, lambda s: (s.record(run_id), s.report(run_id)))
    return result


async def run_page(request: Request) -> Response:
    record, report = await _run(request)
    lang = lang_of(request)
    pack = pack_for(_config(request), report.ruleset.id)
    q = _lang_query(request)
    other = "" if lang == "en" else "?lang=en"
    toolbar = [
        (w("nav_check", lang), "/" + q),
        (w("recheck", lang), f"/runs/{record.id}/recheck{q}"),
        (w("changes", lang), f"/runs/{record.id}/changes{q}"),
        (w("history", lang), f"/sites/{quote(record.site)}{q}"),
        (w("json", lang), f"/runs/{record.id}.json"),
        (w("other_lang", lang), f"/runs/{record.id}{other}"),
    ]
    extras = render_args(pack, lang) if pack is not None else {}
    html = await asyncio.to_thread(
        lambda: render_html(localise(report, lang, pack), lang=lang, toolbar=toolbar, **extras)
    )
    return HTMLResponse(html, headers={"content-security-policy": "frame-ancestors 'none'; base-uri 'none'"})


async def run_json(request: Request) -> Response:
    _, report = await _run(request)
    return Response(render_json(report), media_type="application/json")


async def run_changes(request: Request) -> Response:
    record, report = await _run(request)
    lang = lang_of(request)

    def before_of(store: Store) -> tuple[RunRecord, SiteReport] | None:
        found = store.runs(record.site, record.ruleset, record.fiscal_year, checked_only=True, before=record.id)
        return (found[0], store.report(found[0].id)) if found else None

    earlier = await _read(request, before_of)
    changes = diff_reports(earlier[1], report) if earlier is not None else None
    pack = pack_for(_config(request), report.ruleset.id)
    titles = render_args(pack, lang)["titles"] if pack is not None else {i.id: i.title for i in report.items}
    return page(
        request,
        "changes.html.j2",
        lang=lang,
        record=record,
        report=report,
        before=earlier[0] if earlier else None,
        moved=[c for c in changes.items if c.kind != "unchanged"] if changes else [],
        titles=titles,
    )


async def recheck(request: Request) -> Response:
    record, report = await _run(request)
    lang = lang_of(request)
    if request.method == "GET":
        return page(request, "recheck.html.j2", lang=lang, record=record, name=report.site.name or record.site)
    if (limited := _limited(request)) is not None:
        return limited
    start, refusal = await admit(record.url, _config(request).allow, _config(request).allow_private)
    if refusal is not None:
        return _refused(request, refusal)
    queued = await _queue_check(request, start, record.fiscal_year, report.site.name or "", record.tags)
    if isinstance(queued, Response):
        return queued
    return RedirectResponse(f"/jobs/{queued.id}{_lang_query(request)}", status_code=303)


# --------------------------------------------------------------------------- the group


async def group(request: Request) -> Response:
    if (gate := auth.required(request)) is not None:
        return gate
    config = _config(request)
    lang = lang_of(request)
    entries = await request.app.state.reader.group(config.pack, None)
    q = _lang_query(request)
    links: dict[str, str | None] = {e.site: f"/sites/{quote(e.site)}{q}" for e in entries}
    toolbar = [
        (w("nav_check", lang), "/" + q),
        (w("recheck_group", lang), "/group/recheck" + q),
        (w("other_lang", lang), "/group" + ("" if lang == "en" else "?lang=en")),
    ]
    pack = pack_for(config, entries[0].record.ruleset) if entries else config.pack
    html = await asyncio.to_thread(render_dashboard, entries, links, lang=lang, pack=pack, toolbar=toolbar)
    return HTMLResponse(html, headers={"content-security-policy": "frame-ancestors 'none'; base-uri 'none'"})


async def group_recheck(request: Request) -> Response:
    if (gate := auth.required(request)) is not None:
        return gate
    config = _config(request)
    lang = lang_of(request)
    entries = await request.app.state.reader.group(config.pack, None)
    year = entries[0].record.fiscal_year if entries else config.years[0]
    if request.method == "GET":
        return page(request, "group_recheck.html.j2", lang=lang, n=len(entries), year=year)
    if (limited := _limited(request)) is not None:
        return limited
    queued, refused = 0, []
    for entry in entries:
        start, refusal = check_url(entry.url, config.allow)  # the crawl refuses private addresses itself
        if refusal is not None:
            refused.append(w("err_" + refusal.code, lang, detail=refusal.detail, patterns=config.allow.describe()))
            continue
        name = entry.report.site.name or "" if entry.report is not None else ""
        result = await _queue_check(request, start, entry.record.fiscal_year, name, entry.tags)
        if isinstance(result, Response):
            refused.append(w("err_full", lang, limit=config.queue))
            break
        queued += 1
    return page(request, "group_recheck.html.j2", lang=lang, n=len(entries), year=year, queued=queued, refused=refused)


async def site_page(request: Request) -> Response:
    if (gate := auth.required(request)) is not None:
        return gate
    site = request.path_params["site"]
    lang = lang_of(request)
    records: list[RunRecord] = await _read(request, lambda s: s.runs(site, limit=100))
    if not records:
        raise HTTPException(404)
    return page(
        request,
        "site.html.j2",
        lang=lang,
        site=site,
        latest=records[0],
        rows=run_rows(records, lang),
        trend=trend_svg(records, _config(request), lang),
    )


# --------------------------------------------------------------------------- sign-in and health


async def signin(request: Request) -> Response:
    return await auth.signin(request)


async def signout(request: Request) -> Response:
    return auth.signout(request)


async def health(request: Request) -> Response:
    queue = _queue(request)
    return JSONResponse({"ok": True, "running": queue.running(), "waiting": queue.waiting()})


async def favicon(request: Request) -> Response:
    """No icon, said plainly: a browser asks every page for /favicon.ico, and a 404 is an error in its console."""
    return Response(status_code=204, headers={"cache-control": "public, max-age=86400"})


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's HTTP errors as the application's pages: 404 (no such job, run or site), 503 (no store)."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404:
        return _error(request, 404, w("err_not_found", lang_of(request)))
    if status == 405:  # GET /check: Enter pressed in the address bar after a refused form
        return _error(request, 405, w("err_method", lang_of(request)))
    detail = exc.detail if isinstance(exc, HTTPException) else ""
    return _error(request, status, str(detail))
