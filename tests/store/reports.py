"""Small SiteReports built in code, for tests of history, diffs, waivers and thresholds without a crawl."""

from __future__ import annotations

from checker.api import score
from checker.models import ItemResult, ItemStatus, RulesetInfo, SiteInfo, SiteReport, Stats, ToolInfo


def make_report(
    statuses: dict[str, ItemStatus],
    url: str = "https://www.example.go.th/",
    started_at: str = "2024-01-01T02:00:00+00:00",
    ruleset: str = "oit_2567",
    year: int = 2567,
) -> SiteReport:
    items = [
        ItemResult(id=i, title=f"ข้อ {i}", indicator="9.1", status=s, evidence=[], elements=[], reasons=[])
        for i, s in statuses.items()
    ]
    return SiteReport(
        tool=ToolInfo(version="0.1.0"),
        site=SiteInfo(url=url),
        ruleset=RulesetInfo(id=ruleset, fiscal_year=year),
        started_at=started_at,
        finished_at=started_at,
        stats=Stats(),
        score=score(items),
        items=items,
    )
