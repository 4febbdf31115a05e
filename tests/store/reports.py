"""Small SiteReports built in code, for tests of history, diffs, waivers and thresholds without a crawl."""

from __future__ import annotations

from checker import __version__
from checker.api import score
from checker.models import ItemResult, ItemStatus, RulesetInfo, SiteInfo, SiteReport, Stats, ToolInfo
from checker.rules.scoring import Scoring, estimate, summary


def make_report(
    statuses: dict[str, ItemStatus],
    url: str = "https://www.example.go.th/",
    started_at: str = "2024-01-01T02:00:00+00:00",
    ruleset: str = "oit_2567",
    year: int = 2567,
    *,
    scored: bool = False,
) -> SiteReport:
    """A report of these verdicts; `scored`: with the estimate a check headlines (default weights and grades)."""
    items = [
        ItemResult(id=i, title=f"ข้อ {i}", indicator="9.1", status=s, evidence=[], elements=[], reasons=[])
        for i, s in statuses.items()
    ]
    report = SiteReport(
        tool=ToolInfo(version=__version__),
        site=SiteInfo(url=url),
        ruleset=RulesetInfo(id=ruleset, fiscal_year=year),
        started_at=started_at,
        finished_at=started_at,
        stats=Stats(),
        score=score(items),
        items=items,
    )
    if scored:
        report = report.model_copy(update={"estimate": summary(estimate(items, Scoring()))})
    return report
