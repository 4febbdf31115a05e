"""Evidence-first re-checks (checker/rerun.py) on a copy of the demo site served by a real HTTP server.

Each change fixture edits one thing on the site between a cold check and a warm one and says which kind of
run finds it: a changed document and a changed link on the ITA page are found by the nightly evidence
re-check (it revalidates them, sees the change and crawls in full); a link added on a page deep in a menu
that no verdict rests on is found only by the scheduled full crawl (or --full). After every change the warm
report equals a cold check of the changed site with empty caches.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.api import CheckRun, run_check
from checker.crawl.crawler import CrawlOptions
from checker.crawl.plans import PlanStore, plan_path
from checker.demo.server import SITE_DIR, serve
from checker.models import RunInfo
from checker.report.coverage import run_line
from tests.support.make_docs import text_pdf

OPTS = CrawlOptions(render="never", max_seconds=120)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "site"
    shutil.copytree(SITE_DIR, root)
    with serve(root) as url:
        yield root, url


def check(url: str, cache: Path | None, **kwargs: object) -> CheckRun:
    return asyncio.run(run_check(url, options=OPTS, ocr=None, cache=cache, **kwargs))  # type: ignore[arg-type]


def items(run: CheckRun) -> str:
    return json.dumps([i.model_dump(mode="json") for i in run.report.items], sort_keys=True, ensure_ascii=False)


def item(run: CheckRun, item_id: str) -> dict[str, Any]:
    return next(i.model_dump(mode="json") for i in run.report.items if i.id == item_id)


def touch_later(path: Path) -> None:
    """A file edited within the second of the last check: its Last-Modified must still move."""
    later = time.time() + 5
    os.utime(path, (later, later))


def test_unchanged_site_warm_run_reuses_verdicts_with_fewer_requests(site: tuple[Path, str], tmp_path: Path) -> None:
    _, url = site
    cache = tmp_path / "cache" / "http.db"
    cold = check(url, cache)
    assert cold.report.coverage is not None and cold.report.coverage.run is not None
    assert (cold.report.coverage.run.kind, cold.report.coverage.run.why) == ("full", "first")
    warm = check(url, cache)
    run = warm.report.coverage.run if warm.report.coverage else None
    assert run is not None and (run.kind, run.why) == ("evidence", "unchanged")
    assert items(warm) == items(cold)  # same verdicts, same evidence
    assert run.revalidated == len(warm.crawl.resources) > 10
    assert warm.report.stats.requests < cold.report.stats.requests
    assert warm.crawl.documents == {}  # nothing read again
    assert run.full_crawl_at is not None and run.next_full_at is not None
    # --full crawls anyway, and its report is the same too
    full = check(url, cache, full=True)
    assert full.report.coverage is not None and full.report.coverage.run is not None
    assert (full.report.coverage.run.kind, full.report.coverage.run.why) == ("full", "requested")
    assert items(full) == items(cold)
    # A schedule of 0 days: every run is a full crawl
    again = check(url, cache, full_every=0)
    assert again.report.coverage is not None and again.report.coverage.run is not None
    assert again.report.coverage.run.why == "schedule"


def test_changed_document_is_found_by_the_evidence_recheck(site: tuple[Path, str], tmp_path: Path) -> None:
    root, url = site
    cache = tmp_path / "cache" / "http.db"
    cold = check(url, cache)
    doc = root / "files" / "plan-dev-2561-2565.pdf"  # O4's evidence: an old plan (outdated)
    doc.write_bytes(text_pdf("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570) เทศบาลตำบลบ้านสวนดอก ยุทธศาสตร์การพัฒนา"))
    touch_later(doc)
    warm = check(url, cache)
    run = warm.report.coverage.run if warm.report.coverage else None
    assert run is not None and (run.kind, run.why) == ("full", "changed")
    assert run.changed == [url + "files/plan-dev-2561-2565.pdf"]
    assert item(warm, "O4") != item(cold, "O4")
    fresh = check(url, None)
    assert items(warm) == items(fresh)


def test_changed_link_on_the_ita_page_is_found_by_the_evidence_recheck(site: tuple[Path, str], tmp_path: Path) -> None:
    root, url = site
    cache = tmp_path / "cache" / "http.db"
    cold = check(url, cache)
    ita = root / "ita.html"
    ita.write_text(
        ita.read_text(encoding="utf-8").replace('href="files/procure-report-2566.pdf"', 'href="procurement.html"'),
        encoding="utf-8",
    )
    touch_later(ita)
    warm = check(url, cache)
    run = warm.report.coverage.run if warm.report.coverage else None
    assert run is not None and run.kind == "full" and url + "ita.html" in run.changed
    assert item(warm, "O22") != item(cold, "O22")
    assert items(warm) == items(check(url, None))


def test_change_deep_in_a_menu_waits_for_the_full_crawl(site: tuple[Path, str], tmp_path: Path) -> None:
    root, url = site
    cache = tmp_path / "cache" / "http.db"
    cold = check(url, cache)
    assert item(cold, "O33")["status"] == "missing"
    plans = PlanStore(plan_path(cache))
    (key,) = plans._file.run("SELECT key FROM plans") or ("",)
    plan = plans.get(key)
    plans.close()
    page = root / "history.html"  # home -> about -> history: a page in the menus that no verdict rests on
    assert plan is not None and url + "history.html" not in plan.seeds
    report = (
        "<html><head><meta charset='utf-8'><title>รายงานผลการดำเนินการตามนโยบาย No Gift Policy</title></head><body>"
        "<h1>รายงานผลการดำเนินการตามนโยบาย No Gift Policy รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2567</h1>"
        "<p>ผลการดำเนินการ ตุลาคม 2566 - มีนาคม 2567: ไม่มีการรับของขวัญหรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่</p>"
        "</body></html>"
    )
    (root / "nogift-report-2567.html").write_text(report, encoding="utf-8")
    html = page.read_text(encoding="cp874")  # a windows-874 page, as many older agency sites
    link = '<p><a href="nogift-report-2567.html">รายงานผลการดำเนินการตามนโยบาย No Gift Policy</a></p>'
    page.write_text(html.replace("</body>", link + "</body>"), encoding="cp874")
    touch_later(page)
    nightly = check(url, cache)
    run = nightly.report.coverage.run if nightly.report.coverage else None
    assert run is not None and run.kind == "evidence"  # the change is not on the evidence path: not seen
    assert items(nightly) == items(cold)
    weekly = check(url, cache, full=True)
    found = item(weekly, "O33")
    assert found["status"] != "missing"
    assert [e["url"] for e in found["evidence"]] == [url + "nogift-report-2567.html"]
    assert items(weekly) == items(check(url, None))


def test_no_cache_no_run_kind_and_a_down_site_keeps_no_plan(tmp_path: Path) -> None:
    with serve(SITE_DIR) as url:
        plain = check(url, None)
    assert plain.report.coverage is not None and plain.report.coverage.run is None
    cache = tmp_path / "http.db"
    down = check("http://127.0.0.1:9/", cache)
    assert down.site_error
    plans = PlanStore(plan_path(cache))
    assert plans._file.run("SELECT count(*) FROM plans") == (0,)
    plans.close()


def test_the_run_line_says_what_kind_of_run_in_both_languages() -> None:
    at, nxt = "2026-12-01T03:00:00+00:00", "2026-12-08T03:00:00+00:00"
    stood = RunInfo(kind="evidence", why="unchanged", revalidated=54, full_crawl_at=at, next_full_at=nxt)
    assert run_line(stood, "en").startswith("Evidence re-check: all 54 addresses the verdicts rest on are unchanged")
    assert "1 Dec 2026, 10:00" in run_line(stood, "en") and "8 Dec 2026" in run_line(stood, "en")
    assert run_line(stood, "th").startswith("ตรวจซ้ำเฉพาะหลักฐาน: ทั้ง 54 ที่อยู่")
    changed = RunInfo(kind="full", why="changed", revalidated=54, changed=["http://x.go.th/ita.html"], full_crawl_at=at)
    assert run_line(changed, "en") == (
        "Full crawl: 1 of the 54 addresses the last verdicts rested on changed (first: http://x.go.th/ita.html)"
    )
    for why in ("first", "requested", "schedule"):
        full = RunInfo(kind="full", why=why, full_crawl_at=at)
        assert run_line(full, "en").startswith("Full crawl") and run_line(full, "th").startswith("ตรวจทั้งเว็บไซต์")
