"""A nightly re-run of an unchanged site is answered with 304s from the on-disk cache."""

from __future__ import annotations

from pathlib import Path

from checker.crawl.cache import RevalidatingCache
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


async def _fetch_twice(base: str, path: str, cache: Path) -> list:  # type: ignore[type-arg]
    out = []
    for _ in range(2):
        fetcher = HttpxFetcher(timeout=5.0, cache=cache)
        try:
            out.append(await fetcher.fetch(base + path, 1_000_000))
        finally:
            await fetcher.aclose()
    return out


LM = "Wed, 01 Jan 2025 00:00:00 GMT"


async def test_only_a_whole_200_with_validators_is_kept(tmp_path: Path) -> None:
    routes = {
        "/plain": {"body": "ไม่มี validator"},  # nothing to revalidate against: not stored
        "/nostore": {"body": "ห้ามเก็บ", "headers": {"ETag": '"n1"', "Cache-Control": "no-store"}},
        "/moved": {"status": 301, "redirect": "/kept"},
        "/kept": {"body": "เก็บได้", "headers": {"ETag": '"k1"'}},
    }
    with serve_site(tmp_path, routes) as (base, handler):
        plain = await _fetch_twice(base, "plain", tmp_path / "c.db")
        nostore = await _fetch_twice(base, "nostore", tmp_path / "c.db")
        moved = await _fetch_twice(base, "moved", tmp_path / "c.db")
    assert [r.from_cache for r in plain + nostore + moved] == [False] * 6
    assert moved[1].final_url == base + "kept" and "เก็บได้" in moved[1].body.decode()
    assert handler.hits["/plain"] == handler.hits["/nostore"] == 2


async def test_a_page_that_is_gone_is_never_offered_from_the_cache(tmp_path: Path) -> None:
    # stored with an ETag; then the server answers 404 (the page was removed), then 200 with new text
    routes = {
        "/p": {
            "sequence": [
                {"body": "เดิม", "headers": {"ETag": '"v1"'}},
                {"status": 404, "body": "not found"},
                {"body": "ใหม่", "headers": {"ETag": '"v1"'}},  # same ETag: only a stored copy would 304 on it
            ]
        }
    }
    cache = tmp_path / "c.db"
    with serve_site(tmp_path, routes) as (base, _):
        first, gone = await _fetch_twice(base, "p", cache)
        store = RevalidatingCache(cache)
        forgotten = store.lookup(base + "p")
        store.close()
        again, _ = await _fetch_twice(base, "p", cache)
    assert first.status == 200 and not first.from_cache
    assert gone.status == 404 and not gone.from_cache  # not the stored "เดิม"
    assert forgotten is None  # a removed page's old copy is dropped, not kept for a later 304
    assert again.body.decode() == "ใหม่" and not again.from_cache


async def test_validators_carried_along_a_redirect_do_not_return_our_copy(tmp_path: Path) -> None:
    # /a is stored (Last-Modified 2025); later /a redirects to /b, an old static file: httpx carries
    # If-Modified-Since along and /b answers 304 — about /b, not our copy of /a.
    (tmp_path / "b.html").write_text("<p>หน้า b</p>", encoding="utf-8")
    import os

    os.utime(tmp_path / "b.html", (1_500_000_000, 1_500_000_000))
    routes = {
        "/a": {
            "sequence": [
                {"body": "<p>หน้า a</p>", "headers": {"Last-Modified": LM}},
                {"status": 302, "redirect": "/b.html"},
            ]
        }
    }
    with serve_site(tmp_path, routes) as (base, _):
        first, second = await _fetch_twice(base, "a", tmp_path / "c.db")
    assert "หน้า a" in first.body.decode()
    assert second.status == 200 and not second.from_cache and "หน้า b" in second.body.decode()
    assert second.final_url == base + "b.html"


async def test_a_damaged_cache_file_is_set_aside_and_started_afresh(tmp_path: Path) -> None:
    cache = tmp_path / "c.db"
    cache.write_bytes(b"not sqlite at all " * 200)
    with serve_site(SITE) as (base, _):
        results = await _fetch_twice(base, "ita.html", cache)
    assert [r.status for r in results] == [200, 200] and [r.from_cache for r in results] == [False, True]
    assert [p.read_bytes()[:17] for p in tmp_path.glob("c.db.damaged-*")] == [b"not sqlite at all"]
