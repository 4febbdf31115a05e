"""robots.txt: our product token's group, Crawl-delay, sitemaps, and what an unreadable robots.txt means."""

from __future__ import annotations

import socket
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.crawl.fetcher import USER_AGENT, HttpxFetcher
from checker.crawl.robots import Robots, load_robots, product_token, robots_url
from tests.support.server import FixtureHandler, serve_site

SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"
BASE = "https://www.tambon.go.th/"

TEXT = """\
# ทดสอบ
User-agent: *
Disallow: /private/
Crawl-delay: 2

User-agent: Googlebot
Disallow: /

User-agent: oitcheck
Disallow: /admin
Disallow: /*.xls$
Disallow: /เอกสารภายใน
Allow: /admin/public

Sitemap: https://www.tambon.go.th/sitemap.xml
Sitemap: /sitemap-news.xml
Sitemap: https://www.tambon.go.th/sitemap.xml
"""


def test_product_token_is_the_name_before_the_version() -> None:
    assert product_token(USER_AGENT) == "oitcheck"
    assert product_token("OITCheck") == "oitcheck"
    assert robots_url("http://x.go.th:8080/a/b?c=1") == "http://x.go.th:8080/robots.txt"


def test_our_group_applies_not_the_star_group() -> None:
    robots = Robots(BASE, TEXT, USER_AGENT)
    assert not robots.allowed(BASE + "admin/users")
    assert robots.allowed(BASE + "admin/public/list")  # the longer Allow wins
    assert not robots.allowed(BASE + "files/budget.xls")
    assert robots.allowed(BASE + "files/budget.xlsx")
    # Groups do not merge: '*' forbids /private/, but our own group does not, and Googlebot's '/' is not ours.
    assert robots.allowed(BASE + "private/x.html")
    assert robots.allowed(BASE + "robots.txt")


def test_thai_paths_match_raw_or_percent_encoded() -> None:
    robots = Robots(BASE, TEXT, USER_AGENT)
    assert not robots.allowed(BASE + "เอกสารภายใน/a.pdf")
    assert not robots.allowed(
        BASE + "%E0%B9%80%E0%B8%AD%E0%B8%81%E0%B8%AA%E0%B8%B2%E0%B8%A3%E0%B8%A0%E0%B8%B2%E0%B8%A2%E0%B9%83%E0%B8%99/a"
    )
    assert robots.allowed(BASE + "เอกสาร/a.pdf")


def test_star_group_applies_when_we_are_not_named() -> None:
    robots = Robots(BASE, "User-agent: *\nDisallow: /private/\nCrawl-delay: 1.5\n", USER_AGENT)
    assert not robots.allowed(BASE + "private/a")
    assert robots.allowed(BASE + "ita.html")
    assert robots.crawl_delay == 1.5


def test_a_longer_name_containing_ours_is_not_us() -> None:
    robots = Robots(BASE, "User-agent: oitcheckbot\nDisallow: /\n", USER_AGENT)
    assert robots.allowed(BASE + "a")


def test_crawl_delay_falls_back_to_star_when_our_group_sets_none() -> None:
    assert Robots(BASE, TEXT, USER_AGENT).crawl_delay == 2.0
    own = "User-agent: *\nCrawl-delay: 5\n\nUser-agent: oitcheck\nCrawl-delay: 1\n"
    assert Robots(BASE, own, USER_AGENT).crawl_delay == 1.0
    assert Robots(BASE, "User-agent: *\nDisallow: /x\n").crawl_delay is None


def test_sitemaps_are_absolute_and_unique() -> None:
    assert Robots(BASE, TEXT).sitemaps == [
        "https://www.tambon.go.th/sitemap.xml",
        "https://www.tambon.go.th/sitemap-news.xml",
    ]


def test_rules_cover_the_site_www_or_not_and_no_other_host() -> None:
    robots = Robots(BASE, "User-agent: *\nDisallow: /\n")
    assert not robots.allowed("http://tambon.go.th/a")
    assert robots.allowed("https://www.other.go.th/a")
    assert not robots.covers("https://www.other.go.th/a")


Load = Callable[..., Awaitable[tuple[Robots, int]]]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, type[FixtureHandler]]]:
    with serve_site(SITE) as running:
        yield running


@pytest.fixture
def load(server: tuple[str, type[FixtureHandler]]) -> Load:
    """Reads robots.txt from the shared real server after giving it new routes."""
    base, handler = server

    async def run(routes: dict[str, dict[str, Any]], timeout: float = 5.0) -> tuple[Robots, int]:
        handler.reset(routes)
        fetcher = HttpxFetcher(timeout=timeout)
        try:
            robots = await load_robots(fetcher, base + "index.html", USER_AGENT)
        finally:
            await fetcher.aclose()
        return robots, handler.hits["/robots.txt"]

    return run


async def test_load_parses_a_real_robots_txt(load: Load) -> None:
    body = "User-agent: oitcheck\nDisallow: /private\nCrawl-delay: 0.5\nSitemap: /sitemap.xml\n"
    robots, hits = await load({"/robots.txt": {"body": body, "headers": {"Content-Type": "text/plain"}}})
    assert hits == 1 and robots.note == "parsed"
    assert not robots.allowed(robots.site_url.replace("index.html", "private/a.html"))
    assert robots.crawl_delay == 0.5
    assert robots.sitemaps == [robots.url.replace("robots.txt", "sitemap.xml")]


@pytest.mark.parametrize(
    ("route", "note"),
    [
        (None, "absent (HTTP 404)"),  # the fixture site has no robots.txt
        ({"status": 403, "body": "Forbidden"}, "absent (HTTP 403)"),  # as Google: 401/403 mean no rules
        ({"status": 401, "body": "Login"}, "absent (HTTP 401)"),
        ({"status": 500, "body": "oops"}, "absent (HTTP 500)"),
        ({"status": 503, "body": "busy"}, "absent (HTTP 503)"),
        ({"body": "<html><body>หน้าแรก Disallow: /</body></html>"}, "an HTML page"),
    ],
)
async def test_unreadable_robots_allows_everything(load: Load, route: dict[str, Any] | None, note: str) -> None:
    robots, hits = await load({"/robots.txt": route} if route else {})
    assert hits == 1 and robots.note.startswith(note)
    assert robots.allowed(robots.site_url) and robots.crawl_delay is None and robots.sitemaps == []


async def test_a_robots_txt_that_times_out_allows_everything(load: Load) -> None:
    robots, _ = await load({"/robots.txt": {"delay": 1, "body": "User-agent: *\nDisallow: /\n"}}, timeout=0.2)
    assert robots.note.startswith("unreachable (timeout)")
    assert robots.allowed(robots.site_url)


async def test_a_refused_connection_allows_everything() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and has nobody listening
        sock.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    fetcher = HttpxFetcher(timeout=2.0)
    try:
        robots = await load_robots(fetcher, base, USER_AGENT)
    finally:
        await fetcher.aclose()
    assert robots.note.startswith("unreachable") and robots.allowed(base + "x")
