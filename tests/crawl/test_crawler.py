"""The crawler against a real local server: scope, depth, encodings, budgets, redirects, faults, politeness."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.crawl.crawler import Crawler, CrawlOptions, CrawlResult, PriorityHint
from checker.crawl.fetcher import HttpxFetcher
from checker.evaluate.recognise import priority_hint
from checker.models import ResourceKind
from checker.rules.schema import RulePack
from tests.support.server import serve_site

SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"


async def _crawl(base: str, hint: PriorityHint | None = None, **options: object) -> CrawlResult:
    fetcher = HttpxFetcher(timeout=float(options.pop("timeout", 5.0)))  # type: ignore[arg-type]
    try:
        return await Crawler(fetcher, CrawlOptions(**options), hint).crawl(base)  # type: ignore[arg-type]
    finally:
        await fetcher.aclose()


async def test_crawls_the_whole_site_and_records_how_each_resource_was_found() -> None:
    with serve_site(SITE) as (base, handler):
        result = await _crawl(base)
    res = result.resources
    assert result.home_error is None
    assert res[base + "ita.html"].ok and res[base + "ita.html"].depth == 1
    assert res[base + "structure.html"].depth == 2
    # Documents are fetched and classified by their bytes.
    assert res[base + "docs/annual-2566.pdf"].kind is ResourceKind.PDF and res[base + "docs/annual-2566.pdf"].ok
    assert res[base + "docs/chart.png"].kind is ResourceKind.IMAGE
    # The anchor text and table row that led to a document are kept for the evaluator.
    ref = res[base + "docs/annual-2566.pdf"].referrers[0]
    assert ref.page == base + "ita.html" and ref.anchor == "เปิด" and ref.context.startswith("O13")
    # Off-site links are recorded, never fetched; mailto and '#' are not resources.
    fb = res["https://www.facebook.com/testtambon"]
    assert not fb.fetched and fb.skipped_reason == "external"
    assert handler.hits["/favicon.ico"] == 0
    assert not any(u.startswith("mailto:") for u in res)
    assert result.stats.pages >= 12 and result.stats.documents == 3  # gone.pdf is an error


async def test_a_missing_file_is_recorded_with_its_status() -> None:
    with serve_site(SITE) as (base, _):
        result = await _crawl(base)
    gone = result.resources[base + "docs/gone.pdf"]
    assert gone.fetched and gone.status == 404 and not gone.ok
    assert result.stats.errors >= 1


async def test_soft_404_page_is_flagged_by_extraction() -> None:
    with serve_site(SITE) as (base, _):
        result = await _crawl(base)
    assert result.resources[base + "soft404.html"].status == 200
    assert result.documents[base + "soft404.html"].soft_error


@pytest.mark.parametrize(
    ("path", "expected"),
    [("legacy.html", "หน้าเก่าภาษาไทย"), ("tis620-header", "ภาษาไทยจากหัว HTTP"), ("undeclared", "องค์การบริหารส่วนตำบล")],
)
async def test_thai_legacy_encodings_decode(path: str, expected: str) -> None:
    with serve_site(SITE) as (base, _):
        result = await _crawl(base)
    assert expected in result.documents[base + path].text


async def test_redirect_is_followed_and_recorded() -> None:
    with serve_site(SITE) as (base, _):
        result = await _crawl(base)
    moved = result.resources[base + "old-page"]
    assert moved.ok and moved.final_url == base + "about.html" and moved.redirects == (base + "old-page",)


async def test_redirect_loop_is_an_error_not_a_hang() -> None:
    routes = {
        "/loop-a": {"status": 302, "redirect": "/loop-b"},
        "/loop-b": {"status": 302, "redirect": "/loop-a"},
        "/index.html": {"body": '<a href="/loop-a">วน</a>'},
    }
    with serve_site(SITE, routes) as (base, _):
        result = await _crawl(base + "index.html")
    loop = result.resources[base + "loop-a"]
    assert not loop.ok and loop.error == "too many redirects"


async def test_depth_limit() -> None:
    with serve_site(SITE) as (base, _):
        result = await _crawl(base, max_depth=3)
    res = result.resources
    assert res[base + "deep/l3.html"].fetched and res[base + "deep/l3.html"].depth == 3
    assert not res[base + "deep/l4.html"].fetched and res[base + "deep/l4.html"].skipped_reason == "depth"
    assert base + "deep/l5.html" not in res


async def test_page_budget_stops_the_crawl_and_says_so() -> None:
    with serve_site(SITE) as (base, _):
        result = await _crawl(base, max_pages=3)  # with 4 requests in flight at once
    assert result.stats.pages == 3
    assert result.budget_exhausted == "pages"
    skipped = [r for r in result.resources.values() if not r.fetched and r.skipped_reason == "budget:pages"]
    assert skipped


async def test_ita_links_are_fetched_first(pack: RulePack) -> None:
    with serve_site(SITE) as (base, _):
        result = await _crawl(base, priority_hint(pack), max_pages=2, concurrency=1)
    # With room for the home page and one more page, the crawler picks the ITA page over the menu.
    assert result.resources[base + "ita.html"].fetched
    assert not result.resources[base + "about.html"].fetched


async def test_byte_cap_truncates_a_huge_page() -> None:
    routes = {
        "/big": {"body": "<html><body>" + "ก" * 400_000 + "</body></html>"},
        "/index.html": {"body": '<a href="/big">ใหญ่</a>'},
    }
    with serve_site(SITE, routes) as (base, _):
        fetcher = HttpxFetcher(timeout=5.0)
        try:
            crawler = Crawler(fetcher, CrawlOptions(max_page_bytes=100_000), keep_bodies=True)
            result = await crawler.crawl(base + "index.html")
        finally:
            await fetcher.aclose()
    big = result.resources[base + "big"]
    assert big.truncated and len(big.body) == 100_000 and big.ok


async def test_timeout_is_a_recorded_failure() -> None:
    routes = {"/slow": {"delay": 3, "body": "ช้า"}, "/index.html": {"body": '<a href="/slow">ช้า</a>'}}
    with serve_site(SITE, routes) as (base, _):
        result = await _crawl(base + "index.html", timeout=0.5)
    slow = result.resources[base + "slow"]
    assert not slow.ok and slow.error == "timeout"


async def test_concurrency_limit_is_honoured() -> None:
    links = "".join(f'<a href="/p{i}">หน้า {i}</a>' for i in range(12))
    routes = {"/index.html": {"body": links}, **{f"/p{i}": {"delay": 0.2, "body": "x"} for i in range(12)}}
    with serve_site(SITE, routes) as (base, handler):
        result = await _crawl(base + "index.html", concurrency=3)
    assert all(result.resources[f"{base}p{i}"].ok for i in range(12))
    assert 2 <= handler.max_in_flight <= 3


async def test_home_page_down_is_a_site_error() -> None:
    routes = {"/index.html": {"status": 503, "body": "ปิดปรับปรุง"}}
    with serve_site(SITE, routes) as (base, _):
        result = await _crawl(base + "index.html")
    assert result.home_error == "HTTP 503"


async def test_calendar_trap_is_not_followed_forever() -> None:
    # Every calendar page links to the next month: an endless chain a person would never click through.
    cal = "".join(f'<a href="/calendar.php?year={2567 + i // 12}&month={i % 12 + 1}">เดือนถัดไป</a>' for i in range(1))
    routes = {"/index.html": {"body": f'<a href="/calendar.php?year=2567&month=1">ปฏิทินกิจกรรม</a>{cal}'}}
    for i in range(400):
        y, m = 2567 + i // 12, i % 12 + 1
        ny, nm = 2567 + (i + 1) // 12, (i + 1) % 12 + 1
        routes[f"/calendar.php?year={y}&month={m}"] = {"body": f'<a href="/calendar.php?year={ny}&month={nm}">ถัดไป</a>'}
    with serve_site(SITE, routes) as (base, handler):
        result = await _crawl(base + "index.html", max_pages=1000, max_depth=1000)
    calendar_hits = sum(n for path, n in handler.hits.items() if path.startswith("/calendar.php"))
    assert calendar_hits <= 60
    assert any(r.skipped_reason == "trap" for r in result.resources.values())


async def test_crawl_never_outlives_its_time_budget() -> None:
    links = "".join(f'<a href="/slow{i}">ช้า {i}</a>' for i in range(20))
    routes = {"/index.html": {"body": links}, **{f"/slow{i}": {"delay": 1.0, "body": "x"} for i in range(20)}}
    import time

    with serve_site(SITE, routes) as (base, _):
        started = time.monotonic()
        result = await _crawl(base + "index.html", max_seconds=1.5, concurrency=2)
        took = time.monotonic() - started
    assert result.budget_exhausted == "time"
    assert took < 5


async def test_early_stop_when_the_caller_says_everything_is_settled() -> None:
    links = "".join(f'<a href="/n{i}">ข่าว {i}</a>' for i in range(80))
    routes = {"/index.html": {"body": links}, **{f"/n{i}": {"body": f"ข่าว {i}"} for i in range(80)}}
    calls = []

    def settled(resources, documents) -> bool:  # type: ignore[no-untyped-def]
        calls.append(len(documents))
        return len(documents) >= 20

    with serve_site(SITE, routes) as (base, handler):
        fetcher = HttpxFetcher(timeout=5.0)
        try:
            result = await Crawler(fetcher, CrawlOptions(concurrency=1), stop_when=settled).crawl(base + "index.html")
        finally:
            await fetcher.aclose()
    assert calls and result.stopped_early
    assert result.stats.pages < 30 and sum(handler.hits.values()) < 30
    assert result.coverage().skipped_settled > 40
