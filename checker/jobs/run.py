"""One site's job — lock, crawl, evaluate, compare, report, store — as the CLI, the local pool and Celery run it.

`run_job` is the whole sequence for settings already resolved; it prints nothing (the caller says what it
wants through `note`). `execute` is the same job from plain data (a SiteJob), for worker processes on this
machine or another: it opens the store and the lock itself and returns a small picklable `JobOutcome`.

Idempotence: a job carries a `run_key` (batch id + site + pack + year). A run already stored under that key is
returned without a crawl, and the store writes one run per key even when two deliveries of the same job race,
so a job redelivered after a worker died is kept exactly once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from checker.api import CheckRun, run_check
from checker.commands.exits import EXIT_FAILURES, EXIT_OK, EXIT_SITE_DOWN, EXIT_USAGE
from checker.commands.options import Settings
from checker.commands.present import waiver_lines
from checker.crawl.results import CrawlProgress
from checker.models import SiteReport
from checker.operations.thresholds import decide
from checker.operations.waivers import WaiverSet, apply_waivers, load_waivers
from checker.rules import loader
from checker.rules.schema import RulePack
from checker.rules.scoring import Scoring, estimate, summary
from checker.store import RunRecord, Store, diff_reports, previous_run, site_key, trend

Crawl = Callable[[Settings, RulePack], CheckRun]
Note = Callable[[str, bool], None]  # (line, shown even when quiet)


@dataclass
class JobResult:
    """What one job did. `report` is None only when the run was found stored under its key (`reused`)."""

    site: str
    run_id: int | None
    report: SiteReport | None
    before: RunRecord | None
    site_error: bool
    exit_code: int
    reused: bool = False


def check_settings(
    s: Settings,
    pack: RulePack,
    *,
    on_progress: Callable[[CrawlProgress], None] | None = None,
    on_settled: Callable[[int, int], None] | None = None,
    private_site: bool = True,
) -> Coroutine[Any, Any, CheckRun]:
    """`run_check` for resolved Settings: the one place where a check's settings become the crawl's arguments
    (the CLI with its display, the workers without, the web with its progress)."""
    return run_check(
        s.url,
        pack,
        s.year,
        s.lang,
        s.options,
        on_progress=on_progress,
        ocr="auto" if s.ocr else None,
        cache=s.cache,
        browser=s.browser,
        verify=s.verify,
        allow_private=s.allow_private,
        resolve=s.resolve,
        on_settled=on_settled,
        private_site=private_site,
        full=s.full,
        full_every=s.full_every,
    )


def default_crawl(s: Settings, pack: RulePack) -> CheckRun:
    """The crawl with no display: what workers run."""
    return asyncio.run(check_settings(s, pack))


def run_job(
    s: Settings,
    pack: RulePack,
    *,
    store: Store | None,
    lock: AbstractContextManager[object] | None = None,
    crawl: Crawl = default_crawl,
    write: Callable[[SiteReport], None] | None = None,
    run_key: str | None = None,
    tags: Mapping[str, str] | None = None,
    waivers: WaiverSet | None = None,
    today: date | None = None,
    note: Note | None = None,
) -> JobResult:
    """Check one site. The reports are written (`write`) before the run is stored: a run whose report could not
    be written is not in the history, so the next night still compares with a run someone could read."""
    site = site_key(s.url)
    if store is not None and run_key is not None and (known := store.find(run_key)) is not None:
        return _reused(known, s)
    with lock if lock is not None else nullcontext():
        if store is not None and run_key is not None and (known := store.find(run_key)) is not None:
            return _reused(known, s)  # another delivery finished it while we waited for the lock
        run = crawl(s, pack)
        report, before = prepare(run, s, waivers, store, today or date.today(), note, pack.scoring)
        if write is not None:
            write(report)
        run_id = None
        if store is not None:
            run_id = store.save(report, site_error=run.site_error is not None, run_key=run_key, tags=tags)
    code = EXIT_SITE_DOWN if run.site_error else decide(report, s.gate).code
    return JobResult(site, run_id, report, before, run.site_error is not None, code)


def _reused(known: RunRecord, s: Settings) -> JobResult:
    return JobResult(known.site, known.id, None, None, known.site_error, stored_exit_code(known), reused=True)


def stored_exit_code(known: RunRecord) -> int:
    """The exit code of a run found stored under its key (every status counts: the gate is the batch's)."""
    return EXIT_SITE_DOWN if known.site_error else (EXIT_OK if known.passed == known.total else EXIT_FAILURES)


def reused_outcome(run_key: str | None, known: RunRecord) -> JobOutcome:
    """The outcome of a job whose run was already stored under its key."""
    return JobOutcome(run_key, known.site, known.id, stored_exit_code(known), known.site_error, True)


def prepare(
    run: CheckRun,
    s: Settings,
    waivers: WaiverSet | None,
    store: Store | None,
    today: date,
    note: Note | None,
    scoring: Scoring | None = None,
) -> tuple[SiteReport, RunRecord | None]:
    """The report as every output and the history will hold it (waivers applied, changes since the last
    stored run of the same question, the score's trend across stored runs), and the run it was compared with."""
    report = run.report
    if s.name:  # the name a config or a batch list gives the agency wins over its home page title
        report = report.model_copy(update={"site": report.site.model_copy(update={"name": s.name})})
    if waivers is not None and not run.site_error:
        outcome = apply_waivers(report, waivers, today)
        report = outcome.report
        for line, always in waiver_lines(outcome, waivers.path, s.lang):
            if note is not None:
                note(line, always)
    if scoring is not None and not run.site_error:
        report = report.model_copy(update={"estimate": summary(estimate(report.items, scoring))})
    before = None
    if store is not None:
        before = previous_run(store, report)
        if before is not None:
            report = report.model_copy(update={"changes": diff_reports(store.report(before.id), report)})
        if scoring is not None and not run.site_error and before is not None:  # a first run has no trend yet
            report = report.model_copy(update={"trend": trend(store, report, scoring)})
    return report, before


# --------------------------------------------------------------------------- jobs as plain data


@dataclass(frozen=True)
class SiteJob:
    """One site of a batch, as plain data that crosses process and machine boundaries (pickle or JSON).

    `argv` holds the batch's check options exactly as typed (`--max-pages 50 --no-ocr`), so a worker builds the
    site's Settings with the same parser and precedence as `oitcheck check` (flags > the site's config > defaults)."""

    url: str
    name: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    config: str | None = None  # the site's own TOML config (path as seen by the worker)
    argv: tuple[str, ...] = ()
    run_key: str | None = None
    lock_key: str = ""  # the site's host: one host is never checked by two jobs at once
    private_site: bool = True  # False: a site whose own name resolves to a private address is refused (web form)

    def to_dict(self) -> dict[str, object]:
        return {
            "url": self.url,
            "name": self.name,
            "tags": dict(self.tags),
            "config": self.config,
            "argv": list(self.argv),
            "run_key": self.run_key,
            "lock_key": self.lock_key,
            "private_site": self.private_site,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SiteJob:
        tags = data.get("tags") or {}
        argv = data.get("argv") or []
        return cls(
            url=str(data["url"]),
            name=str(data.get("name") or ""),
            tags={str(k): str(v) for k, v in tags.items()} if isinstance(tags, dict) else {},
            config=str(data["config"]) if data.get("config") else None,
            argv=tuple(str(a) for a in argv) if isinstance(argv, list | tuple) else (),
            run_key=str(data["run_key"]) if data.get("run_key") else None,
            lock_key=str(data.get("lock_key") or ""),
            private_site=bool(data.get("private_site", True)),  # messages queued before the field: as before
        )


@dataclass(frozen=True)
class JobOutcome:
    """What a worker sends back: small, picklable, JSON-able."""

    run_key: str | None
    site: str
    run_id: int | None
    exit_code: int
    site_error: bool
    reused: bool
    error: str | None = None  # the job could not run (a bad config file, the store unusable): one line

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> JobOutcome:
        run_id = data.get("run_id")
        return cls(
            run_key=str(data["run_key"]) if data.get("run_key") else None,
            site=str(data.get("site") or ""),
            run_id=int(str(run_id)) if run_id is not None else None,
            exit_code=int(str(data.get("exit_code", 70))),
            site_error=bool(data.get("site_error")),
            reused=bool(data.get("reused")),
            error=str(data["error"]) if data.get("error") else None,
        )


def job_settings(job: SiteJob) -> Settings:
    """The site's Settings, built as `oitcheck check URL [--config FILE] ARGV…` would build them."""
    from checker.commands.jobargs import settings_for  # the parser lives with the commands

    return settings_for(job.url, job.config, job.argv)


def execute(
    job: SiteJob,
    store: Store,
    lock: Callable[[SiteJob], AbstractContextManager[object]],
    crawl: Crawl = default_crawl,
) -> JobOutcome:
    """Run a SiteJob against an open store. Errors the user can fix (a config or waivers file, a rule pack)
    come back as `error`, one line; anything else propagates (a bug, or the store gone)."""
    from checker.commands.jobargs import JOB_ERRORS

    try:
        s = job_settings(job)
        s = replace(s, name=job.name or s.name, history=None, output=None, quiet=True)
        pack = loader.load(s.rules)
        waivers = load_waivers(s.waivers) if s.waivers else None
        result = run_job(
            s, pack, store=store, lock=lock(job), crawl=crawl, run_key=job.run_key, tags=job.tags, waivers=waivers
        )
    except JOB_ERRORS as exc:
        return JobOutcome(job.run_key, _key(job.url), None, EXIT_USAGE, False, False, error=_one_line(exc))
    return JobOutcome(
        job.run_key, result.site, result.run_id, result.exit_code, result.site_error, result.reused, error=None
    )


def _key(url: str) -> str:
    try:
        return site_key(url)
    except ValueError:
        return url


def _one_line(exc: BaseException) -> str:
    problems = getattr(exc, "problems", None)
    if problems:
        return "; ".join(str(p) for p in problems)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
