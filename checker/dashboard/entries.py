"""What the dashboard shows of each site, read from the run history.

One entry per site (RunRecord.site): its latest usable run and that run's report, its labels from the batch
(province, district, type, name), whether its newest attempt failed, and its score over earlier runs.

The score is the estimated OIT score stored with each run (RunRecord.estimate), the one the site's report
headlines; the share of items passed comes along. A run stored before the history kept the estimate has
none: given the pack's `scoring`, the shown run's is computed from its report (read anyway), but earlier
runs keep None (reading thousands of old reports for the sparklines would make the page slow to build).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.models import SiteReport
from checker.rules.scoring import Scoring, estimate
from checker.store.base import RunRecord, Store

PAGE = 2000  # runs read per query: SQLite caps the parameters of one statement, and memory stays flat


@dataclass(frozen=True)
class TrendPoint:
    started_at: str  # ISO timestamp of the run
    percent: float  # share of items passed
    estimate: float | None = None  # the estimated OIT score; None for a run stored before the history kept it


@dataclass
class SiteEntry:
    """One site on the dashboard.

    `record`/`report` are the run whose results are shown: the newest run that could check the site, or, when
    none could, the newest run (then `checked` is False and there is no score). `latest` is the newest run
    whatever its outcome; `down` says it could not check the site. `trend` holds the scores of up to
    `history` checked runs of the same rule pack and year, oldest first, ending with the one shown.
    `estimate`/`grade` are the shown run's estimated OIT score and grade: the record's unless given; None
    when the site was never checked or the run was stored without one.
    """

    site: str
    url: str
    record: RunRecord
    report: SiteReport | None = None
    latest: RunRecord | None = None
    trend: list[TrendPoint] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    estimate: float | None = None
    grade: str | None = None

    def __post_init__(self) -> None:
        if not self.checked:
            self.estimate = self.grade = None
        elif self.estimate is None:
            self.estimate, self.grade = self.record.estimate, self.record.grade

    @property
    def checked(self) -> bool:
        """The shown run checked the site: there is a score to rank."""
        return not self.record.site_error

    @property
    def down(self) -> bool:
        """The newest attempt could not check the site ("could not be checked")."""
        return (self.latest or self.record).site_error

    @property
    def name(self) -> str:
        named = self.tags.get("name") or (self.report.site.name if self.report is not None else None)
        return named or self.site

    def tag(self, key: str) -> str:
        return self.tags.get(key, "")


def _all_runs(store: Store, ruleset: str | None, fiscal_year: int | None) -> Iterator[RunRecord]:
    """Every matching run, newest first, a page at a time (`before` walks down the ids)."""
    before: int | None = None
    while True:
        page = store.runs(ruleset=ruleset, fiscal_year=fiscal_year, before=before, limit=PAGE)
        yield from page
        if len(page) < PAGE:
            return
        before = page[-1].id


def entries_from_store(
    store: Store,
    *,
    ruleset: str | None = None,
    fiscal_year: int | None = None,
    history: int = 12,
    scoring: Scoring | None = None,
) -> list[SiteEntry]:
    """One SiteEntry per site with a run of `ruleset` in `fiscal_year` (None: any), in no particular order.
    `scoring`, that of the pack whose runs are shown (name it in `ruleset` when the store holds several), gives
    a shown run stored without an estimate one, computed from its report as the check would have."""
    newest: dict[str, RunRecord] = {}  # the newest run of each site, whatever happened
    shown: dict[str, RunRecord] = {}  # the newest run that checked it
    trends: dict[str, list[TrendPoint]] = {}
    for record in _all_runs(store, ruleset, fiscal_year):
        site = record.site
        newest.setdefault(site, record)
        if record.site_error:
            continue
        first = shown.setdefault(site, record)
        points = trends.setdefault(site, [])
        same_question = record.ruleset == first.ruleset and record.fiscal_year == first.fiscal_year
        if same_question and len(points) < max(1, history):
            points.append(TrendPoint(record.started_at, record.percent, record.estimate))
    entries: list[SiteEntry] = []
    for site, latest in newest.items():
        record = shown.get(site, latest)
        tags = dict(record.tags)
        for key, value in latest.tags.items():  # labels fixed since: the newest wins
            tags[key] = value
        entry = SiteEntry(
            site=site,
            url=record.url,
            record=record,
            report=store.report(record.id),
            latest=latest,
            trend=list(reversed(trends.get(site, []))),
            tags=tags,
        )
        if scoring is not None and entry.checked and entry.estimate is None and entry.report is not None:
            computed = estimate(entry.report.items, scoring)
            entry.estimate, entry.grade = computed.score, computed.grade
            if entry.trend and entry.trend[-1].started_at == record.started_at:  # the shown run ends its trend
                entry.trend[-1] = TrendPoint(record.started_at, record.percent, computed.score)
        entries.append(entry)
    return entries
