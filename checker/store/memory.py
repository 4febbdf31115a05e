"""A store in a list, for tests of the logic around history (which run is "previous", what a diff picks)."""

from __future__ import annotations

from collections.abc import Mapping

from checker.models import SiteReport
from checker.store.base import RunRecord, StoreError, headline, site_key, summarise


class MemoryStore:
    def __init__(self) -> None:
        self._runs: list[tuple[RunRecord, SiteReport]] = []

    def save(
        self,
        report: SiteReport,
        *,
        site_error: bool = False,
        run_key: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> int:
        if run_key is not None and (known := self.find(run_key)) is not None:
            return known.id
        counts, waived = summarise(report)
        estimate, grade = headline(report, site_error)
        record = RunRecord(
            id=len(self._runs) + 1,
            site=site_key(report.site.url),
            url=report.site.url,
            ruleset=report.ruleset.id,
            fiscal_year=report.ruleset.fiscal_year,
            started_at=report.started_at,
            finished_at=report.finished_at,
            percent=report.score.percent,
            passed=report.score.passed,
            total=report.score.total,
            tool_version=report.tool.version,
            site_error=site_error,
            counts=counts,
            waived=waived,
            run_key=run_key,
            tags=dict(tags or {}),
            estimate=estimate,
            grade=grade,
        )
        self._runs.append((record, report))
        return record.id

    def runs(
        self,
        site: str | None = None,
        ruleset: str | None = None,
        fiscal_year: int | None = None,
        *,
        checked_only: bool = False,
        before: int | None = None,
        limit: int | None = None,
    ) -> list[RunRecord]:
        found = [
            r
            for r, _ in reversed(self._runs)
            if (site is None or r.site == site)
            and (ruleset is None or r.ruleset == ruleset)
            and (fiscal_year is None or r.fiscal_year == fiscal_year)
            and not (checked_only and r.site_error)
            and (before is None or r.id < before)
        ]
        return found[:limit] if limit is not None else found

    def find(self, run_key: str) -> RunRecord | None:
        return next((r for r, _ in self._runs if r.run_key == run_key), None)

    def record(self, run_id: int) -> RunRecord:
        return self._get(run_id)[0]

    def report(self, run_id: int) -> SiteReport:
        return self._get(run_id)[1]

    def close(self) -> None:
        pass

    def _get(self, run_id: int) -> tuple[RunRecord, SiteReport]:
        if not 1 <= run_id <= len(self._runs):
            raise StoreError(f"no run {run_id}")
        return self._runs[run_id - 1]
