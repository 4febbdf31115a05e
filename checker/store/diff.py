"""What changed between two runs, and which stored runs to compare. Pure logic over the Store interface."""

from __future__ import annotations

from collections.abc import Mapping

from checker.models import ChangeKind, Changes, ItemChange, ItemStatus, SiteReport, TrendPoint
from checker.rules.scoring import Scoring, estimate
from checker.store.base import RunRecord, Store, StoreError, site_key


def change_kind(before: ItemStatus | None, after: ItemStatus) -> ChangeKind:
    """fixed: now passes; regressed: used to pass; changed: one non-pass status to another; new: not there."""
    if before is None:
        return "new"
    if before == after:
        return "unchanged"
    if after == "pass":
        return "fixed"
    if before == "pass":
        return "regressed"
    return "changed"


def diff_reports(before: SiteReport, after: SiteReport, ids: Mapping[str, str | None] | None = None) -> Changes:
    """Every item of `after`, in its order, with how it moved since `before` (items only in `before` —
    dropped from the rule pack — are not listed: there is nothing to act on).

    `ids` translates `before`'s item ids when the two runs used different packs (checker/rules/packmap.py):
    old id -> new id, None for an item the new pack dropped; an id it does not name stays as it is."""
    old: dict[str, ItemStatus] = {}
    for i in before.items:
        new_id = ids.get(i.id, i.id) if ids is not None else i.id
        if new_id is not None:
            old[new_id] = i.status
    return Changes(
        previous_started_at=before.started_at,
        previous_score=before.score,
        items=[
            ItemChange(id=i.id, before=old.get(i.id), after=i.status, kind=change_kind(old.get(i.id), i.status))
            for i in after.items
        ],
    )


def previous_run(store: Store, report: SiteReport) -> RunRecord | None:
    """The baseline for "changes since last run": the newest stored run of the same site, pack and year that
    reached the site (a night the site was down would make everything look fixed the next day)."""
    found = store.runs(
        site_key(report.site.url), report.ruleset.id, report.ruleset.fiscal_year, checked_only=True, limit=1
    )
    return found[0] if found else None


def trend(store: Store, report: SiteReport, scoring: Scoring, limit: int = 12) -> list[TrendPoint]:
    """The score of the last `limit` - 1 stored runs of the same question (site reached), then this run's:
    what the report's trend chart draws. Each earlier run's estimate is the one stored with it (what its own
    report headlined); only a run stored before the history kept estimates has its report read and its
    estimate computed from its items with `scoring`."""
    runs = store.runs(
        site_key(report.site.url),
        report.ruleset.id,
        report.ruleset.fiscal_year,
        checked_only=True,
        limit=max(0, limit - 1),
    )
    points = [
        TrendPoint(
            started_at=r.started_at,
            percent=r.percent,
            estimate=r.estimate if r.estimate is not None else estimate(store.report(r.id).items, scoring).score,
        )
        for r in reversed(runs)
    ]
    own = report.estimate.score if report.estimate is not None else estimate(report.items, scoring).score
    return [*points, TrendPoint(started_at=report.started_at, percent=report.score.percent, estimate=own)]


def choose_pair(
    store: Store, site: str | None = None, from_id: int | None = None, to_id: int | None = None
) -> tuple[RunRecord, RunRecord]:
    """The two runs `oitcheck diff` compares: the chosen ones, else the newest run and the one before it of
    the same site, pack and year (runs where the site was down are skipped unless chosen by id)."""
    if to_id is not None:
        to = store.record(to_id)
    elif from_id is not None:
        base = store.record(from_id)
        latest = store.runs(base.site, base.ruleset, base.fiscal_year, checked_only=True, limit=1)
        if not latest or latest[0].id == base.id:
            raise StoreError(f"no later run of {base.site} ({base.ruleset}, {base.fiscal_year}) than run {base.id}")
        to = latest[0]
    else:
        key = _only_site(store) if site is None else site
        latest = store.runs(key, checked_only=True, limit=1)
        if not latest:
            raise StoreError(f"no stored run of {key}")
        to = latest[0]
    if from_id is not None:
        return store.record(from_id), to
    earlier = store.runs(to.site, to.ruleset, to.fiscal_year, checked_only=True, before=to.id, limit=1)
    if not earlier:
        raise StoreError(f"only one run of {to.site} ({to.ruleset}, {to.fiscal_year}) is stored: nothing to compare")
    return earlier[0], to


def _only_site(store: Store) -> str:
    sites = sorted({r.site for r in store.runs()})
    if len(sites) == 1:
        return sites[0]
    if not sites:
        raise StoreError("the history is empty: run `oitcheck check URL` first")
    raise StoreError("the history holds several sites; name one: " + ", ".join(sites))
