"""`oitcheck check` / `oitcheck run`: the job (checker/jobs/run.py: lock the site, crawl, apply waivers, compare
with the last stored run, render every format, store) with a live display, then the exit code
(operations/thresholds.py).

The order matters: waivers and `changes` are part of the report before any reporter sees it, so the HTML,
Markdown and JSON outputs, and the stored copy, all say the same thing. The reports are written before the
run is stored: a run whose report could not be written (exit 4) is not in the history either, so the next
night still compares with the last run someone could read. Everything that can be checked without the
site — the year against the rule pack, the output folder, the cache, the history file — is checked before
the crawl, so a mistake costs a second, not a ten-minute crawl.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from checker.api import CheckRun
from checker.commands.exits import EXIT_SITE_DOWN, UsageError
from checker.commands.interrupt import run_interruptible
from checker.commands.options import Settings
from checker.commands.outputs import check_output_location, os_reason, write_outputs
from checker.commands.present import change_lines
from checker.crawl.cache import RevalidatingCache
from checker.crawl.cache_file import damaged_copies
from checker.crawl.crawler import CrawlProgress
from checker.crawl.doc_cache import DocumentCache, document_cache_path
from checker.crawl.plans import PlanStore, plan_path
from checker.i18n import t
from checker.jobs.run import check_settings, run_job
from checker.operations import values
from checker.operations.pglock import site_lock
from checker.operations.thresholds import decide
from checker.operations.waivers import load_waivers
from checker.rules import loader
from checker.rules.schema import RulePack
from checker.store import site_key
from checker.store.open import open_store


def check_site(s: Settings, out: Console, err: Console, today: date | None = None) -> int:
    """The whole operational run."""
    site = site_key(s.url)  # BadURL (exit 2) before anything else
    pack = loader.load(s.rules)
    waivers = load_waivers(s.waivers) if s.waivers else None
    if waivers is not None:
        waivers.check_items({i.id for i in pack.items})
    s = preflight(s, pack, err)
    store = open_store(s.history) if s.history else None  # a damaged file, no server: exit 2 now
    pg = s.history if isinstance(s.history, str) else None
    wait = float("inf") if s.wait_lock else None
    lock = site_lock(site, lock_dir=s.lock_dir, store_spec=pg, wait=wait, name=s.name or site)

    def note(line: str, always: bool) -> None:
        if always or not s.quiet:
            err.print(line)

    try:
        result = run_job(
            s,
            pack,
            store=store,
            lock=lock,
            crawl=lambda settings, p: crawl(settings, p, err),
            write=lambda report: write_outputs(report, s, pack, out, err),  # OutputError (exit 4): not stored
            waivers=waivers,
            today=today,
            note=note,
        )
        report = result.report
        assert report is not None  # no run key: always a fresh run
        if result.run_id is not None and not s.quiet:
            for line in change_lines(report, result.before, result.run_id, s.lang):
                err.print(line)
    finally:
        if store is not None:
            store.close()
    if result.site_error:
        err.print(f"[red]error:[/red] {escape(report.items[0].reasons[0])}")
        return EXIT_SITE_DOWN
    decision = decide(report, s.gate)
    if not s.quiet or decision.code:
        label = f"{s.name}: " if s.name else ""  # a config's name: one cron log may hold many sites
        err.print(escape(label + decision.explain(report, s.gate)))
    return decision.code


def preflight(s: Settings, pack: RulePack, err: Console) -> Settings:
    """What `check` and `demo` verify before the crawl: the year suits the pack (UsageError), the reports
    can be written (OutputError), the cache can be used (damaged: set aside with a warning)."""
    if s.year is not None:
        try:
            values.year_for_pack(s.year, pack.fiscal_year, pack.id)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    check_output_location(s)
    return prepare_cache(s, err)


def prepare_cache(s: Settings, err: Console) -> Settings:
    """Open both cache files once: a damaged one is set aside and started afresh, with one warning line. A
    cache that cannot be used at all is an error when chosen with --cache, else a warning (the run goes on
    without it, as a nightly job should when its home folder is read-only)."""
    if s.cache is None:
        return s
    docs, plans = document_cache_path(s.cache), plan_path(s.cache)
    try:
        if s.cache.is_dir():
            raise IsADirectoryError(21, "it is a folder, not a file")
        moved = [(s.cache, RevalidatingCache.check(s.cache)), (docs, DocumentCache.check(docs))]
        moved.append((plans, PlanStore.check(plans)))
    except (OSError, sqlite3.Error) as exc:
        why = os_reason(exc, s.cache) if isinstance(exc, OSError) else str(exc)
        if s.cache_given:
            raise UsageError(
                f"cannot use the HTTP cache {s.cache}: {why}; choose another --cache FILE or use --no-cache"
            ) from None
        err.print(f"[yellow]warning:[/yellow] {escape(t('cache_unusable', s.lang, path=s.cache, why=why))}")
        return replace(s, cache=None)
    for path, aside in moved:
        if aside is not None:
            err.print(f"[yellow]warning:[/yellow] {escape(t('cache_damaged', s.lang, path=path, aside=aside))}")
    return s


def _set_aside(s: Settings) -> set[tuple[Path, Path]]:
    """(cache file, damaged copy) pairs on disk now."""
    if s.cache is None:
        return set()
    files = (s.cache, document_cache_path(s.cache), plan_path(s.cache))
    return {(p, aside) for p in files for aside in damaged_copies(p, 0.0)}


def crawl(s: Settings, pack: RulePack, err: Console) -> CheckRun:
    """Run the check; Ctrl-C or SIGTERM raise Interrupted once the caches and connections are closed."""
    earlier = _set_aside(s)

    def go(progress: Callable[[CrawlProgress], None] | None = None) -> CheckRun:
        return run_interruptible(lambda: check_settings(s, pack, on_progress=progress))

    try:
        if s.quiet or not err.is_terminal:
            return go()
        with err.status(escape(t("progress_start", s.lang, url=s.url))) as status:

            def progress(p: CrawlProgress) -> None:
                status.update(escape(progress_line(p, s.lang)))

            return go(progress)
    finally:
        # A cache file that failed while in use is set aside when it is closed: say so, once.
        for path, aside in sorted(_set_aside(s) - earlier):
            err.print(f"[yellow]warning:[/yellow] {escape(t('cache_damaged', s.lang, path=path, aside=aside))}")


def progress_line(p: CrawlProgress, lang: str) -> str:
    """One line of the live display, in the user's language."""
    return t("progress", lang, pages=p.pages, documents=p.documents, queued=p.queued, errors=p.errors)
