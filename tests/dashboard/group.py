"""A province's worth of stored runs for the dashboard tests, built from SiteReports (no crawl), and synthetic
entries for the 8,000-site measurement.

Each site's verdicts follow from a number `level` (how many of the 43 items pass), so the tests know every
score and count without recomputing the dashboard's logic. Reports carry the estimated OIT score a check
gives them (the pack's scoring: more items passing never lowers it, so sites rank by level), except the runs
of a site marked `old`: stored as an oitcheck before the estimate was kept would have.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker import __version__
from checker.api import score
from checker.dashboard import SiteEntry, TrendPoint
from checker.models import (
    ElementOut,
    ElementStatus,
    ItemResult,
    ItemStatus,
    RulesetInfo,
    SiteInfo,
    SiteReport,
    Stats,
    ToolInfo,
)
from checker.rules.schema import RulePack
from checker.rules.scoring import estimate, summary
from checker.store import RunRecord, SqliteStore, site_key, summarise

HOSTILE = (
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script><!--",
    "อบต.\"คำพูด\" & 'quote' <img src=x onerror=alert(3)>",
)
# Not passing, in turn, for items past `level`.
FAILING: tuple[ItemStatus, ...] = ("missing", "incomplete", "outdated", "missing", "review", "unreachable")


def statuses(pack: RulePack, level: int) -> dict[str, ItemStatus]:
    """The first `level` items pass, the rest cycle through FAILING."""
    return {item.id: "pass" if n < level else FAILING[(n - level) % len(FAILING)] for n, item in enumerate(pack.items)}


def make_report(
    pack: RulePack, url: str, level: int, started_at: str, *, down: bool = False, lang: str = "th", old: bool = False
) -> SiteReport:
    items: list[ItemResult] = []
    for item, (item_id, status) in zip(pack.items, statuses(pack, level).items(), strict=True):
        if down:
            status = "unreachable"
        elements = []
        for k, el in enumerate(item.elements):
            found = status == "pass" or (status in ("incomplete", "outdated") and k > 0)
            state: ElementStatus = (
                "found" if found else ("unknown" if status in ("review", "unreachable") else "not_found")
            )
            elements.append(ElementOut(id=el.id, label=el.label.get(lang), status=state))
        reasons = ["เปิดหน้าแรกไม่ได้ (DNS)"] if down else ([] if status == "pass" else [f"ไม่พบ {item_id}"])
        items.append(
            ItemResult(
                id=item_id,
                title=item.title.th,
                indicator=item.indicator,
                status=status,
                evidence=[],
                elements=elements,
                reasons=reasons,
            )
        )
    report = SiteReport(
        tool=ToolInfo(version=__version__),
        site=SiteInfo(url=url),
        ruleset=RulesetInfo(id=pack.id, fiscal_year=pack.fiscal_year),
        started_at=started_at,
        finished_at=started_at,
        stats=Stats(),
        score=score(items),
        items=items,
    )
    if down or old:
        return report
    return report.model_copy(update={"estimate": summary(estimate(items, pack.scoring))})


def estimate_of(pack: RulePack, level: int) -> float:
    """The estimated OIT score of a run at `level`, as the report headlines it."""
    return estimate(make_report(pack, "https://x.go.th/", level, run_date(0)).items, pack.scoring).score


@dataclass(frozen=True)
class Site:
    url: str
    name: str
    province: str
    district: str
    type: str
    levels: tuple[int, ...]  # one run per level, oldest first; -1: that run could not check the site
    old: bool = False  # its runs were stored without an estimated OIT score


SITES: tuple[Site, ...] = (
    Site("https://www.tambon-a.go.th/", "อบต.ท่าช้าง", "นครราชสีมา", "เมือง", "อบต.", (20, 30, 40)),
    Site("https://tambon-b.go.th/", "เทศบาลตำบลโนนสูง", "นครราชสีมา", "โนนสูง", "เทศบาลตำบล", (43,)),
    Site("https://www.tambon-c.go.th/", "อบต.บ้านใหม่", "นครราชสีมา", "เมือง", "อบต.", (10, 5)),
    Site("https://tambon-d.go.th/", "เทศบาลเมืองบุรีรัมย์", "บุรีรัมย์", "เมือง", "เทศบาลเมือง", (25, 35)),
    Site("https://tambon-e.go.th/", "อบต.หนองกี่", "บุรีรัมย์", "หนองกี่", "อบต.", (30, -1)),  # down now
    Site("https://tambon-f.go.th/", "อบต.ลำปลายมาศ", "บุรีรัมย์", "ลำปลายมาศ", "อบต.", (-1,)),  # never checked
    Site("https://tambon-g.go.th/", HOSTILE[0], "บุรีรัมย์", "เมือง", "อบต.", (15,)),
    Site("https://tambon-h.go.th/x?q=%3C/script%3E", HOSTILE[1], "นครราชสีมา", "โนนสูง", "อบต.", (12,)),
    Site("https://tambon-i.go.th/", HOSTILE[2], "นครราชสีมา", "เมือง", "เทศบาลตำบล", (8, 9), old=True),
)


def run_date(n: int) -> str:
    return f"2024-{n + 1:02d}-15T02:00:00+00:00"


def build_store(path: Path, pack: RulePack) -> SqliteStore:
    """Every site's runs, interleaved by date as a monthly batch would store them."""
    store = SqliteStore(path)
    for n in range(max(len(s.levels) for s in SITES)):
        for site in SITES:
            if n < len(site.levels):
                level = site.levels[n]
                report = make_report(pack, site.url, max(level, 0), run_date(n), down=level < 0, old=site.old)
                tags = {"name": site.name, "province": site.province, "district": site.district, "type": site.type}
                store.save(report, site_error=level < 0, tags=tags)
    return store


def latest_score(site: Site, total: int) -> float | None:
    """The share of items passed of the site's shown run (None: never checked)."""
    checked = [level for level in site.levels if level >= 0]
    return round(100.0 * checked[-1] / total, 1) if checked else None


def latest_grade(pack: RulePack, level: int) -> str:
    """The grade of a run at `level`."""
    found = make_report(pack, "https://x.go.th/", level, run_date(0)).estimate
    assert found is not None
    return found.grade


def latest_estimate(site: Site, pack: RulePack) -> float | None:
    """The estimated OIT score the dashboard shows for the site (None: never checked, or stored without one)."""
    checked = [level for level in site.levels if level >= 0]
    return estimate_of(pack, checked[-1]) if checked and not site.old else None


# --------------------------------------------------------------------------- many synthetic sites

PROVINCES = ("นครราชสีมา", "บุรีรัมย์", "สุรินทร์", "ศรีสะเกษ", "ชัยภูมิ", "ขอนแก่น", "อุดรธานี", "เชียงใหม่")
TYPES = ("อบต.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")


def synthetic_entries(pack: RulePack, n: int, history: int = 12) -> list[SiteEntry]:
    """`n` sites with a report and `history` trend points each; a few could not be checked."""
    entries: list[SiteEntry] = []
    reports: dict[tuple[int, bool], SiteReport] = {}  # reports are immutable: share one per level
    for k in range(n):
        level = (k * 7919) % (len(pack.items) + 1)
        down = k % 97 == 0
        url = f"https://site{k}.go.th/"
        report = reports.get((level, down))
        if report is None:
            report = reports[(level, down)] = make_report(pack, "https://x.go.th/", level, run_date(11), down=down)
        counts, waived = summarise(report)
        tags = {"name": f"อบต.ตัวอย่าง {k}", "province": PROVINCES[k % len(PROVINCES)],
                "district": f"อำเภอ {k % 23}", "type": TYPES[k % len(TYPES)]}  # fmt: skip
        headline = report.estimate
        record = RunRecord(
            id=k + 1, site=site_key(url), url=url, ruleset=pack.id, fiscal_year=pack.fiscal_year,
            started_at=report.started_at, finished_at=report.finished_at, percent=report.score.percent,
            passed=report.score.passed, total=report.score.total, tool_version=__version__, site_error=down,
            counts=counts, waived=waived, tags=tags, estimate=headline.score if headline else None,
            grade=headline.grade if headline else None,
        )  # fmt: skip
        percents = [] if down else [(level * 100 / 43 + m * 3) % 100 for m in range(history)]
        trend = [TrendPoint(run_date(m), p, round(p * 0.9, 2)) for m, p in enumerate(percents)]
        entries.append(SiteEntry(site=record.site, url=url, record=record, report=report, latest=record,
                                 trend=trend, tags=tags))  # fmt: skip
    return entries
