"""A re-run of an unchanged site does not read (or OCR) its pages and files again: what extraction made of each
body is kept next to the HTTP cache, keyed by the body and the extraction code."""

from __future__ import annotations

import os
from pathlib import Path

from checker.api import run_check
from checker.crawl.crawler import Crawler, CrawlOptions
from checker.crawl.doc_cache import DocumentCache, decode, document_cache_path, document_key, encode
from checker.crawl.fetcher import HttpxFetcher
from checker.demo.server import serve
from checker.extract import extract
from checker.models import Document, Resource, ResourceKind
from checker.rules.schema import RulePack
from tests.support.server import serve_site


def _page(body: bytes, url: str = "http://127.0.0.1/a.html") -> Resource:
    return Resource(url=url, final_url=url, status=200, content_type="text/html", body=body, kind=ResourceKind.HTML)


async def test_warm_demo_run_reads_nothing_again_and_judges_the_same(tmp_path: Path, pack: RulePack) -> None:
    cache = tmp_path / "http.db"
    one = CrawlOptions(concurrency=1)  # one request at a time: the same crawl order, so the same "found via"
    with serve() as base:
        cold = await run_check(base, pack, cache=cache, options=one)
        warm = await run_check(base, pack, cache=cache, options=one, full=True)  # a full crawl, reading nothing again
    read = cold.crawl.stats.pages + cold.crawl.stats.documents
    assert read >= 50 and cold.crawl.counts.get("extract_cached", 0) == 0
    # Every page and file came from the document cache: nothing parsed, no PDF opened, no scan OCR'd.
    assert warm.crawl.counts["extract_cached"] == warm.crawl.stats.pages + warm.crawl.stats.documents == read
    assert warm.crawl.documents == cold.crawl.documents  # the very same Documents, field for field
    assert [i.model_dump() for i in warm.report.items] == [i.model_dump() for i in cold.report.items]
    assert document_cache_path(cache).exists()


async def _crawl(base: str, cache: Path) -> tuple[dict[str, Document], int]:
    fetcher = HttpxFetcher(timeout=5.0, cache=cache)
    docs = DocumentCache.open(document_cache_path(cache))
    try:
        result = await Crawler(fetcher, doc_cache=docs).crawl(base)
    finally:
        await fetcher.aclose()
        if docs is not None:
            docs.close()
    return result.documents, result.counts.get("extract_cached", 0)


async def test_a_changed_body_is_read_again_and_the_rest_is_not(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="a.html">แผน</a> <a href="b.html">ข่าว</a>', encoding="utf-8")
    (site / "a.html").write_text("<p>แผนเดิม ปี 2566</p>", encoding="utf-8")
    (site / "b.html").write_text("<p>ข่าวประชาสัมพันธ์</p>", encoding="utf-8")
    cache = tmp_path / "http.db"
    with serve_site(site) as (base, _):
        _, first_cached = await _crawl(base, cache)
        (site / "a.html").write_text("<p>แผนใหม่ ปีงบประมาณ 2567</p>", encoding="utf-8")
        os.utime(site / "a.html", (2_000_000_000, 2_000_000_000))
        docs, cached = await _crawl(base, cache)
    assert first_cached == 0
    assert "แผนใหม่" in docs[base + "a.html"].text and "แผนเดิม" not in docs[base + "a.html"].text
    assert cached == 2  # index.html and b.html: unchanged bodies


def test_key_follows_everything_extraction_looks_at() -> None:
    res = _page("<p>ก</p>".encode())
    same = document_key(res, "")
    assert document_key(_page("<p>ก</p>".encode()), "") == same
    assert document_key(_page("<p>ข</p>".encode()), "") != same  # body
    assert document_key(_page("<p>ก</p>".encode(), "http://127.0.0.1/b.html"), "") != same  # URL
    assert document_key(res, "TesseractOcr:tha+eng") != same  # a scan read with OCR differs from one without


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    html = (
        "<html><head><title>ข้อมูลผู้บริหาร</title></head><body><nav><a href='/'>หน้าแรก</a></nav>"
        "<h1>ผู้บริหาร</h1><h2>นายก</h2><table><tr><td>O2</td><td><a href='x.pdf'>เปิด</a></td></tr></table>"
        "<img src='p.jpg' alt='นายก'><form action='/q'><textarea></textarea></form></body></html>"
    )
    doc = extract(_page(html.encode()))
    assert doc.links and doc.images and doc.forms and doc.sections
    assert decode(encode(doc)) == doc
    store = DocumentCache(tmp_path / "d.db")
    store.put("k", doc)
    store.close()
    again = DocumentCache(tmp_path / "d.db")
    assert again.get("k") == doc and again.get("other") is None
    assert (again.hits, again.misses) == (1, 1)
    again.close()


def test_ocr_that_ran_out_of_time_is_not_kept(tmp_path: Path) -> None:
    store = DocumentCache(tmp_path / "d.db")
    partial = Document(
        url="u", kind=ResourceKind.PDF, readable=True, text="ก", detail="2 scanned page(s) not OCR'd (OCR time cap)"
    )
    store.put("k", partial)
    assert store.get("k") is None  # a second run with time to spare may read those pages
    store.close()


async def test_a_damaged_cache_file_does_not_stop_a_check(tmp_path: Path, pack: RulePack) -> None:
    cache = tmp_path / "http.db"
    document_cache_path(cache).write_bytes(b"this is not a database" * 100)
    docs = DocumentCache.open(document_cache_path(cache))  # set aside, started afresh
    assert (
        docs is not None
        and docs._file.set_aside is not None
        and docs._file.set_aside.name.startswith("http-documents.db.damaged-")
    )
    docs.close()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<title>เทศบาลตำบลทดสอบ</title><p>โทร 0 5312 3456</p>", encoding="utf-8")
    with serve_site(site) as (base, _):
        run = await run_check(base, pack, cache=cache, ocr=None)
    assert run.site_error is None and run.crawl.stats.pages == 1
