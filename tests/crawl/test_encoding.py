"""Content-Encoding as servers send it: gzip, deflate with and without its zlib wrapper, identity, and a
damaged stream — the fetcher inflates gzip and deflate itself (to stop at the byte cap), so it must read all
of them as httpx would."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from checker.crawl.fetcher import HttpxFetcher
from tests.support.server import serve_site

PAGE = ("<html><body>" + "ข้อมูลพื้นฐาน โครงสร้างหน่วยงาน " * 2000 + "</body></html>").encode()


def _raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),  # RFC 9110: the zlib format
        ("deflate", _raw_deflate(PAGE)),  # what some servers (old IIS) send instead
        ("identity", PAGE),
    ],
)
async def test_bodies_are_inflated_whole(tmp_path: Path, encoding: str, body: bytes) -> None:
    route = {"/p.html": {"body": body, "headers": {"Content-Encoding": encoding, "Content-Type": "text/html"}}}
    with serve_site(tmp_path, route) as (base, _):
        fetcher = HttpxFetcher()
        try:
            got = await fetcher.fetch(base + "p.html", 5_000_000)
            cut = await fetcher.fetch(base + "p.html", 1000)
        finally:
            await fetcher.aclose()
    assert (got.status, got.body, got.cut, got.error) == (200, PAGE, None, None)
    assert (cut.body, cut.cut, cut.truncated) == (PAGE[:1000], "size", True)


async def test_a_damaged_stream_is_an_error_not_a_crash(tmp_path: Path) -> None:
    broken = gzip.compress(PAGE)[:40] + b"\xff" * 200
    route = {"/p.html": {"body": broken, "headers": {"Content-Encoding": "gzip", "Content-Type": "text/html"}}}
    with serve_site(tmp_path, route) as (base, _):
        fetcher = HttpxFetcher()
        try:
            got = await fetcher.fetch(base + "p.html", 5_000_000)
        finally:
            await fetcher.aclose()
    assert got.status is None and got.error is not None and "inflate" in got.error
    assert repr(got).count("ข") == 0 and len(repr(got)) < 500  # a result's repr never spells out its body
