"""`oitcheck check` / `oitcheck run`: lock the site, crawl, apply waivers, compare with the last stored run,
store, render every format, then choose the exit code (operations/thresholds.py).

The order matters: waivers and `changes` are part of the report before any reporter sees it, so the HTML,
Markdown and JSON outputs, and the stored copy, all say the same thing.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date

from rich.console import Console
from rich.markup import escape

from checker.api import CheckRun, run_check
from checker.commands.options import Settings
from checker.commands.present import change_lines, waiver_lines
from checker.crawl.crawler import CrawlProgress
from checker.i18n import t
from checker.models import SiteReport
from checker.operations.lock import SiteLock, lock_path
from checker.operations.thresholds import decide
from checker.operations.waivers import WaiverSet, apply_waivers, load_waivers
from checker.report import FORMATS
from checker.report.terminal import build
from checker.rules import loader
from checker.rules.schema import RulePack
from checker.store import SqliteStore, Store, diff_reports, previous_run, site_key

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_SITE_DOWN = 0, 1, 2, 3


def check_site(s: Settings, out: Console, err: Console, today: date | None = None) -> int:
    """The whole operational run. Inputs are validated before the lock and the crawl, so a typo in a
    waivers file costs a second, not a ten-minute crawl."""
    site = site_key(s.url)  # BadURL (exit 2) before anything else
    pack = loader.load(s.rules)
    waivers = load_waivers(s.waivers) if s.waivers else None
    if waivers is not None:
        waivers.check_items({i.id for i in pack.items})
    store = SqliteStore(s.history) if s.history else None
    lock: AbstractContextManager[object] = (
        SiteLock(lock_path(s.lock_dir, site), float("inf") if s.wait_lock else None, site=s.name or site)
        if s.lock_dir is not None
        else nullcontext()
    )
    try:
        with lock:
            run = crawl(s, pack, err)
            report = _prepare(run, s, waivers, store, err, today or date.today())
            write_outputs(report, s, pack, out, err)
    finally:
        if store is not None:
            store.close()
    if run.site_error:
        err.print(f"[red]error:[/red] {escape(report.items[0].reasons[0])}")
        return EXIT_SITE_DOWN
    decision = decide(report, s.gate)
    if not s.quiet or decision.code:
        label = f"{s.name}: " if s.name else ""  # a config's name: one cron log may hold many sites
        err.print(escape(label + decision.explain(report, s.gate)))
    return decision.code


def _prepare(
    run: CheckRun, s: Settings, waivers: WaiverSet | None, store: Store | None, err: Console, today: date
) -> SiteReport:
    report = run.report
    if waivers is not None and not run.site_error:
        outcome = apply_waivers(report, waivers, today)
        report = outcome.report
        for line, always in waiver_lines(outcome, waivers.path, s.lang):
            if always or not s.quiet:
                err.print(line)
    if store is not None:
        before = previous_run(store, report)
        if before is not None:
            report = report.model_copy(update={"changes": diff_reports(store.report(before.id), report)})
        run_id = store.save(report, site_error=run.site_error is not None)
        if not s.quiet:
            for line in change_lines(report, before, run_id, s.lang):
                err.print(line)
    return report


def crawl(s: Settings, pack: RulePack, err: Console) -> CheckRun:
    def go(progress: Callable[[CrawlProgress], None] | None = None) -> CheckRun:
        return asyncio.run(
            run_check(
                s.url,
                pack,
                s.year,
                s.lang,
                s.options,
                on_progress=progress,
                ocr="auto" if s.ocr else None,
                cache=s.cache,
                browser=s.browser,
                verify=s.verify,
            )
        )

    if s.quiet or not err.is_terminal:
        return go()
    with err.status(escape(t("progress_start", s.lang, url=s.url))) as status:

        def progress(p: CrawlProgress) -> None:
            status.update(escape(progress_line(p, s.lang)))

        return go(progress)


def progress_line(p: CrawlProgress, lang: str) -> str:
    """One line of the live display, in the user's language."""
    return t("progress", lang, pages=p.pages, documents=p.documents, queued=p.queued, errors=p.errors)


def write_outputs(report: SiteReport, s: Settings, pack: RulePack, out: Console, err: Console) -> None:
    indicators = {k: v.get(s.lang) for k, v in pack.indicators.items()}
    for fmt in s.formats:
        render, ext = FORMATS[fmt]
        if s.output is None:
            if fmt == "table":
                out.print(build(report, s.lang, indicators, out.width))
            else:
                sys.stdout.write(render(report, lang=s.lang, indicators=indicators))
            continue
        path = s.output / f"oitcheck-report.{ext}" if s.output_is_folder else s.output
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(report, lang=s.lang, indicators=indicators), encoding="utf-8")
        if not s.quiet:
            err.print(escape(t("wrote", s.lang, path=path)))
