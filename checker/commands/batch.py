"""`oitcheck batch SITES --output DIR`: check every site of a list, nightly, without losing a result.

Each site is one job (checker/jobs/run.py) run by an engine — local worker processes by default, Celery
workers with `--engine celery`. Runs go to the store under a run key (batch id + pack + year + site), so
`--resume` after any interruption skips what finished, and a job delivered twice is stored once. Reports are
written here, by the coordinator, from the stored runs: DIR/<site>/ (as `check` writes them), DIR/summary.csv,
DIR/summary.xlsx and the dashboard DIR/dashboard/.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from checker.batch.engine import Engine, LocalEngine
from checker.batch.sites import BatchSite, host_of, load_sites, slug
from checker.batch.state import start
from checker.batch.summary import SummaryRow, write_csv, write_xlsx
from checker.batch.words import say
from checker.commands.exits import EXIT_FAILURES, EXIT_OK, EXIT_SITE_DOWN, UsageError
from checker.commands.helpformat import add_command
from checker.commands.helpwords import hw
from checker.commands.interrupt import Interrupted
from checker.commands.lang import env_lang
from checker.commands.options import add_check_options
from checker.commands.outputs import write_file
from checker.crawl.cache import default_cache_path
from checker.jobs.run import JobOutcome, SiteJob
from checker.operations import values
from checker.operations.thresholds import FAILING, Gate, decide
from checker.reasons import localise
from checker.report import FORMATS, render_args
from checker.rules import loader
from checker.rules.schema import RulePack
from checker.store import Store, default_history_path

REPORT_FORMATS = ("html", "json", "md")
_STATE_WORD = {"site_down": "site_down", "not_checked": "not_checked_state"}


def add_parser(sub: argparse._SubParsersAction, lang: str | None = None) -> None:  # type: ignore[type-arg]
    lang = lang or env_lang()
    b = add_command(sub, "batch", lang)
    b.add_argument("sites", type=Path, metavar="SITES", help=hw("opt.sites", lang))
    b.add_argument("--store", default=None, metavar="DB", help=hw("opt.batch_store", lang))
    b.add_argument("--workers", type=int, default=None, metavar="N", help=hw("opt.workers", lang))
    b.add_argument("--engine", choices=["local", "celery"], default="local", help=hw("opt.engine", lang))
    b.add_argument("--broker", default=None, metavar="URL", help=hw("opt.broker", lang))
    b.add_argument("--no-wait", action="store_true", help=hw("opt.no_wait", lang))
    b.add_argument("--resume", action="store_true", help=hw("opt.resume", lang))
    b.add_argument("--cache-dir", type=Path, default=None, metavar="DIR", help=hw("opt.cache_dir", lang))
    b.add_argument(
        "--fail-on", default=None, metavar="STATUSES", help=hw("opt.batch_fail_on", lang, statuses=",".join(FAILING))
    )
    b.add_argument("--min-score", default=None, metavar="PERCENT", help=hw("opt.batch_min_score", lang))
    add_check_options(b, lang, batch=True)  # -o/--output is the batch's folder here


def batch(args: argparse.Namespace, out: Console, err: Console) -> int:
    from checker.store.open import describe_store, open_store

    lang = args.lang or env_lang()
    out_dir: Path = args.output or Path("oitcheck-batch")
    sites = load_sites(args.sites)
    pack = loader.load(args.rules or getattr(loader, "DEFAULT_PACK", "oit_2567"))
    if args.year is not None:
        try:
            values.year_for_pack(args.year, pack.fiscal_year, pack.id)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    year = args.year or pack.fiscal_year
    gate = _gate(args)
    spec = str(args.store or default_history_path())
    store = open_store(spec)  # StoreError (exit 2) before anything runs
    try:
        _probe(out_dir)
        state, resumed = start(out_dir, args.sites, describe_store(spec), args.resume)
        jobs = [_job(site, args, state.run_key(site.key, pack.id, year)) for site in sites]
        done = {k: known.id for j in jobs if (k := j.run_key) and (known := store.find(k)) is not None}
        if resumed and not args.quiet:
            err.print(escape(say("resuming", lang, id=state.id, done=len(done), total=len(jobs))))
        engine = _engine(args, spec)
        if args.engine == "celery" and args.no_wait:
            queued = engine.submit([j for j in jobs if j.run_key not in done])  # type: ignore[attr-defined]
            err.print(escape(say("queued", lang, n=queued, id=state.id)))
            return EXIT_OK
        rows, stopped = _collect(jobs, sites, done, engine, store, pack, out_dir, lang, gate, err, quiet=args.quiet)
        if stopped:
            _write_summaries([rows[s.key] for s in sites if s.key in rows], pack, out_dir, lang)
            return stopped
        return _finish(rows, sites, pack, year, out_dir, lang, gate, err, store, quiet=args.quiet)
    finally:
        store.close()


def _gate(args: argparse.Namespace) -> Gate:
    from checker.operations.thresholds import parse_fail_on

    try:
        fail_on = parse_fail_on(args.fail_on) if args.fail_on is not None else frozenset(FAILING)
        min_score = values.percent(args.min_score) if args.min_score is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return Gate(fail_on=frozenset(fail_on), min_score=min_score)


def _job(site: BatchSite, args: argparse.Namespace, run_key: str) -> SiteJob:
    argv = job_argv(args, site.key)
    return SiteJob(site.url, site.name, dict(site.tags), site.config, tuple(argv), run_key, host_of(site.url))


def job_argv(args: argparse.Namespace, cache_key: str) -> list[str]:
    """The check options given to a many-site command (batch, serve) as a job's argv; each site gets its own
    HTTP cache file (named by `cache_key`) under --cache-dir unless --no-cache."""
    argv: list[str] = ["--no-history", "--quiet"]
    for flag, value in (
        ("--year", args.year),
        ("--rules", args.rules),
        ("--max-pages", args.max_pages),
        ("--max-documents", args.max_documents),
        ("--max-seconds", args.max_seconds),
        ("--concurrency", args.concurrency),
        ("--render", args.render),
        ("--browser", args.browser),
        ("--lang", args.lang),
        ("--full-every", getattr(args, "full_every", None)),
    ):
        if value is not None:
            argv += [flag, str(value)]
    flags = (("--no-ocr", args.no_ocr), ("--insecure", args.insecure), ("--full", getattr(args, "full", False)))
    argv += [f for f, on in flags if on]
    if args.allow_private:
        argv.append("--allow-private")
    for host, address in args.resolve or []:
        argv += ["--resolve", f"{host}:{address}"]
    if args.no_cache:
        argv.append("--no-cache")
    else:
        folder = args.cache_dir or default_cache_path().parent / "batch"
        argv += ["--cache", str(folder.expanduser().resolve() / f"{slug(cache_key)}.db")]
    return argv


def _engine(args: argparse.Namespace, spec: str) -> Engine:
    if args.engine == "celery":
        if not args.broker:
            raise UsageError("--engine celery needs --broker redis://HOST:PORT/DB")
        from checker.batch.celery_engine import CeleryEngine

        engine: Engine = CeleryEngine(args.broker, spec)
        return engine
    workers = args.workers if args.workers is not None else min(2, os.cpu_count() or 1)
    if not 1 <= workers <= 64:
        raise UsageError(f"--workers must be 1–64, not {workers}")
    return LocalEngine(spec, workers, _lock_dir(spec))


def _lock_dir(spec: str) -> Path | None:
    return None if "://" in spec else Path(spec).expanduser().resolve().parent


def _probe(out_dir: Path) -> None:
    write_file(out_dir / ".oitcheck-probe", b"")  # OutputError (exit 4) now, not after the night's crawl
    (out_dir / ".oitcheck-probe").unlink()


def _collect(
    jobs: list[SiteJob],
    sites: list[BatchSite],
    done: dict[str, int],
    engine: Engine,
    store: Store,
    pack: RulePack,
    out_dir: Path,
    lang: str,
    gate: Gate,
    err: Console,
    quiet: bool,
) -> tuple[dict[str, SummaryRow], int]:
    """Run what is left, write each site's reports as it finishes. On an interrupt, stop the workers and
    return what finished with the exit code (128 + the signal)."""
    by_key = {j.run_key: s for j, s in zip(jobs, sites, strict=True)}
    rows: dict[str, SummaryRow] = {}
    outcomes: Iterator[JobOutcome] = iter(
        [JobOutcome(k, by_key[k].key, rid, 0, False, True) for k, rid in done.items()]
    )
    todo = [j for j in jobs if j.run_key not in done]
    progress = _Progress(len(jobs), err, quiet, lang)
    try:
        for outcome in _chain(outcomes, engine.run(todo) if todo else iter(())):
            site = by_key[outcome.run_key]
            rows[site.key] = _row(site, outcome, store, pack, out_dir, lang, gate)
            progress.step(rows[site.key])
    except (KeyboardInterrupt, Interrupted) as exc:
        engine.close()
        progress.stop()
        signum = exc.signum if isinstance(exc, Interrupted) else 2
        err.print(f"[yellow]{escape(say('stopped', lang, done=len(rows), total=len(jobs)))}[/yellow]")
        return rows, 128 + signum
    finally:
        engine.close()
        progress.stop()
    return rows, 0


def _chain(*parts: Iterator[JobOutcome]) -> Iterator[JobOutcome]:
    for part in parts:
        yield from part


def _row(
    site: BatchSite, outcome: JobOutcome, store: Store, pack: RulePack, out_dir: Path, lang: str, gate: Gate
) -> SummaryRow:
    if outcome.run_id is None:
        return SummaryRow.of(site.name, site.url, site.tags, None, state="not_checked", error=outcome.error or "")
    report = localise(store.report(outcome.run_id), lang, pack)  # a run stored by a worker in another language
    folder = out_dir / slug(site.key)
    extras = render_args(pack, lang)
    for fmt in REPORT_FORMATS:
        render, ext = FORMATS[fmt]
        write_file(folder / f"oitcheck-report.{ext}", render(report, lang=lang, **extras).encode())
    record = store.record(outcome.run_id)
    state = "site_down" if record.site_error else "checked"
    error = report.items[0].reasons[0] if record.site_error and report.items and report.items[0].reasons else ""
    path = f"{slug(site.key)}/oitcheck-report.html"
    failing = state == "checked" and bool(decide(report, gate).code)
    return SummaryRow.of(site.name, site.url, site.tags, report, state, path, error, failing)


def _write_summaries(rows: list[SummaryRow], pack: RulePack, out_dir: Path, lang: str) -> None:
    indicators = list(pack.indicators)
    names = {k: v.get(lang) for k, v in pack.indicators.items()}
    write_csv(out_dir / "summary.csv", rows, indicators)
    write_xlsx(out_dir / "summary.xlsx", rows, indicators, names, lang)


def _finish(
    rows: dict[str, SummaryRow],
    sites: list[BatchSite],
    pack: RulePack,
    year: int,
    out_dir: Path,
    lang: str,
    gate: Gate,
    err: Console,
    store: Store,
    quiet: bool,
) -> int:
    ordered = [rows[s.key] for s in sites if s.key in rows]
    _write_summaries(ordered, pack, out_dir, lang)
    dashboard = _dashboard(sites, pack, year, out_dir, lang, store)
    down = [r for r in ordered if r.state != "checked"]
    failing = [r for r in ordered if r.failing]
    if not quiet:
        summary = out_dir / "summary.csv"
        line = say("finished", lang, total=len(ordered), failing=len(failing), down=len(down), summary=summary,
                   dashboard=dashboard)  # fmt: skip
        err.print(escape(line))
    for r in down:
        err.print(f"[red]✘[/red] {escape(say('not_checked', lang, name=r.name, url=r.url, why=r.error))}")
    return EXIT_SITE_DOWN if down else EXIT_FAILURES if failing else EXIT_OK


def _dashboard(sites: list[BatchSite], pack: RulePack, year: int, out_dir: Path, lang: str, store: Store) -> Path:
    """The group's dashboard, from the store: the newest run of each listed site, linked to its report here."""
    from checker.dashboard import entries_from_store, write_dashboard

    listed = {s.key for s in sites}
    found = entries_from_store(store, ruleset=pack.id, fiscal_year=year, scoring=pack.scoring)
    entries = [e for e in found if e.site in listed]
    return write_dashboard(
        entries,
        out_dir / "dashboard",
        lang=lang,
        pack=pack,
        report_href=lambda e: f"../{slug(e.site)}/oitcheck-report.html",
    )


class _Progress:
    """One display for the batch: sites done, failing, not checked, ETA. A terminal gets a live bar; a cron
    log gets one line per site."""

    def __init__(self, total: int, err: Console, quiet: bool, lang: str) -> None:
        self.total, self.err, self.quiet, self.lang = total, err, quiet, lang
        self.done = self.failing = self.down = 0
        self.started = time.monotonic()
        self._live = None
        if not quiet and err.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._live = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=err, transient=True,
            )  # fmt: skip
            self._task = self._live.add_task(hw("say.batch_sites", lang), total=total)
            self._live.start()

    def step(self, row: SummaryRow) -> None:
        self.done += 1
        self.down += row.state != "checked"
        self.failing += row.failing
        text = say("progress", self.lang, failing=self.failing, down=self.down)
        if self._live is not None:
            self._live.update(self._task, advance=1, description=text)
        elif not self.quiet:
            state = say(_STATE_WORD.get(row.state, "site_down"), self.lang)
            result = f"{row.score[0]:g}%" if row.score is not None else state
            line = say("site_line", self.lang, done=self.done, total=self.total, name=row.name, result=result)
            self.err.print(escape(line), highlight=False)
            sys.stderr.flush()

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
