"""A nightly re-run of an unchanged site is answered with 304s from the on-disk cache."""

from __future__ import annotations

from pathlib import Path

from checker.crawl.crawler import Crawler
from checker.crawl.fetcher import HttpxFetcher
from tests.support.server import serve_site

SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"


async def _crawl(base: str, cache: Path):  # type: ignore[no-untyped-def]
    fetcher = HttpxFetcher(timeout=5.0, cache=cache)
    try:
        return await Crawler(fetcher).crawl(base)
    finally:
        await fetcher.aclose()


async def test_rerun_revalidates_and_downloads_almost_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "http.db"
    with serve_site(SITE) as (base, handler):
        cold = await _crawl(base, cache)
        first_hits = sum(handler.hits.values())
        warm = await _crawl(base, cache)
        second_hits = sum(handler.hits.values()) - first_hits
    # (a page reached twice in one run, e.g. through a redirect, may already be revalidated)
    assert cold.counts.get("from_cache", 0) <= 2 and cold.stats.bytes > 3000
    # Every file-backed page was asked for again (revalidation), and answered 304 from the cache.
    assert second_hits == first_hits
    assert warm.counts["from_cache"] >= 15
    assert warm.stats.bytes < cold.stats.bytes * 0.2
    # The warm run sees the same site: same pages, same text.
    assert warm.documents.keys() == cold.documents.keys()
    assert warm.documents[base + "ita.html"].text == cold.documents[base + "ita.html"].text


async def test_a_changed_page_is_fetched_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="a.html">ก</a>', encoding="utf-8")
    (site / "a.html").write_text("<p>เดิม</p>", encoding="utf-8")
    cache = tmp_path / "http.db"
    with serve_site(site) as (base, _):
        await _crawl(base, cache)
        import os

        (site / "a.html").write_text("<p>ใหม่ ปีงบประมาณ 2567</p>", encoding="utf-8")
        os.utime(site / "a.html", (2_000_000_000, 2_000_000_000))  # a newer Last-Modified
        warm = await _crawl(base, cache)
    assert "ใหม่" in warm.documents[base + "a.html"].text
