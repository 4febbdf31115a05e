"""What counts as the site: www and non-www, http and https are one site; ports and other hosts are not."""

from __future__ import annotations

import pytest

from checker.crawl.scope import BadURL, SiteScope, canonical, normalise_start_url


@pytest.mark.parametrize(
    ("url", "inside"),
    [
        ("https://www.bansuan.go.th/ita", True),
        ("http://bansuan.go.th/", True),
        ("HTTP://WWW.BANSUAN.GO.TH:80/a", True),
        ("https://bansuan.go.th:443/a", True),
        ("http://bansuan.go.th:8080/a", False),
        ("https://eservice.bansuan.go.th/", False),
        ("https://www.facebook.com/bansuan", False),
        ("mailto:saraban@bansuan.go.th", False),
        ("ftp://bansuan.go.th/file", False),
    ],
)
def test_scope(url: str, inside: bool) -> None:
    assert SiteScope.of("http://www.bansuan.go.th/").contains(url) is inside


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://Example.GO.th", "http://example.go.th/"),
        ("https://example.go.th:443/a?b=1#frag", "https://example.go.th/a?b=1"),
        ("http://example.go.th:8080/", "http://example.go.th:8080/"),
    ],
)
def test_canonical(raw: str, expected: str) -> None:
    assert canonical(raw) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bansuan.go.th", "http://bansuan.go.th/"),
        (" https://www.bansuan.go.th/index.php ", "https://www.bansuan.go.th/index.php"),
    ],
)
def test_start_url_accepts_what_clerks_type(typed: str, expected: str) -> None:
    assert normalise_start_url(typed) == expected


@pytest.mark.parametrize("bad", ["", "not a url", "ftp://x.go.th/", "http://", "http://x.go.th:99999/"])
def test_bad_start_urls(bad: str) -> None:
    with pytest.raises(BadURL):
        normalise_start_url(bad)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://Site.go.th/#/oit", "http://site.go.th/#/oit"),  # a hash route is a page of its own
        ("http://site.go.th/app#!/page/about", "http://site.go.th/app#!/page/about"),  # hashbang route
        ("http://site.go.th/#top", "http://site.go.th/"),  # a place on the page
        ("http://site.go.th/#content", "http://site.go.th/"),
        ("http://site.go.th/#/", "http://site.go.th/"),  # the app's home is the page itself
        ("http://site.go.th/#", "http://site.go.th/"),
    ],
)
def test_hash_routes_are_pages_and_other_fragments_are_not(url: str, expected: str) -> None:
    assert canonical(url) == expected


def test_route_links_resolve_against_the_route_they_are_on() -> None:
    from checker.extract.links import resolve_href

    assert resolve_href("http://h.go.th/#/oit", "#/page/o1") == "http://h.go.th/#/page/o1"
    assert resolve_href("http://h.go.th/#/oit", "#top") == ""  # in-page anchor: no page to visit
    assert resolve_href("http://h.go.th/#/oit", "files/o1.pdf") == "http://h.go.th/files/o1.pdf"
