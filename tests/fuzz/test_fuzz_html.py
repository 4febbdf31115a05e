"""Property-based fuzzing of the HTML reader: random bytes, tag soup with Thai text, deep nesting, huge
attributes, pages of thousands of links, and every kind of charset label a hosting panel can write."""

from __future__ import annotations

import time

from hypothesis import example, given
from hypothesis import strategies as st

from checker.extract import extract
from checker.extract.html import extract_html
from checker.models import Resource, ResourceKind
from tests.fuzz.corpus import HTML_TOKENS, URL, apply_ops, html_seeds, read_html
from tests.fuzz.props import FUZZ, FUZZ_SLOW, assert_page, ops

CONTENT_TYPES = ("", "text/html", "text/html; charset=utf-8", "text/html; charset=tis-620", "text/html; charset=x")
THAI = st.text(st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B) | st.sampled_from(" 0123456789.-/"))
MARK = "OITMARK2567"


@FUZZ
@given(body=st.binary(max_size=4096), content_type=st.sampled_from(CONTENT_TYPES))
def test_random_bytes_are_a_page(body: bytes, content_type: str) -> None:
    assert_page(extract_html(body, URL, content_type))
    resource = Resource(
        url=URL, final_url=URL, status=200, content_type=content_type, kind=ResourceKind.HTML, body=body
    )
    assert_page(extract(resource))


@FUZZ
@given(seed=st.integers(0, len(html_seeds()) - 1), mutation=ops())
def test_mutated_pages(seed: int, mutation: list[tuple[int, int, bytes]]) -> None:
    pool = html_seeds()
    assert_page(read_html(apply_ops(pool[seed], mutation, pool[-1], HTML_TOKENS)))


_ATTRS = st.sampled_from(
    ["", " class='menu'", " class='site-footer'", " id='app'", " href='/o1.pdf'", " href='#'",
     " href='javascript:void(0)'", " onclick=\"location.href='r.php?id=1'\"", " src='x.jpg'", " alt='แผนผัง'",
     " class='wp-caption'"]
)  # fmt: skip
_TAGS = st.sampled_from(
    ["div", "p", "span", "a", "table", "tr", "td", "th", "ul", "li", "h1", "h2", "h3", "header", "nav", "footer",
     "form", "figure", "figcaption", "iframe", "img", "script", "style", "noscript", "b", "section"]
)  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda t, a, c: f"<{t}{a}>{''.join(c)}</{t}>", _TAGS, _ATTRS, st.lists(children, max_size=4))


SOUP = st.recursive(THAI.map(lambda s: s.replace("<", "")), _element, max_leaves=40)


@FUZZ
@given(soup=st.lists(SOUP, max_size=6))
def test_tag_soup_keeps_the_text_after_it(soup: list[str]) -> None:
    """Balanced soup with Thai text, then a paragraph: whatever came before, that paragraph is main text."""
    html = f"<html><head><title>ทดสอบ</title></head><body>{''.join(soup)}<p>{MARK} ประกาศ</p></body></html>"
    page = assert_page(extract_html(html.encode(), URL, "text/html; charset=utf-8"))
    assert MARK in page.main_text and MARK in page.text


@FUZZ
@example(tag="a href='/x'", depth=50_000)  # was 730 s: every link counted all the <a> of its parent
@given(tag=st.sampled_from(["div", "a href='/x'", "table><tr><td", "li", "span", "blockquote", "b"]),
       depth=st.integers(1, 20_000))  # fmt: skip
def test_deep_nesting(tag: str, depth: int) -> None:
    page = assert_page(extract_html(f"<{tag}>".encode() * depth + b"x", URL))
    assert len(page.links) <= depth


@FUZZ_SLOW
@example(holder="p", n=20_000)  # 20,000 links in one paragraph: context read once, not 20,000 times (was ~3 min)
@example(holder="div class='wp-caption'", n=20_000)  # a caption box of 20,000 images (was ~3 min)
@given(holder=st.sampled_from(["p", "div", "li", "td", "div class='wp-caption'", "figure"]), n=st.integers(1, 5000))
def test_many_links_cost_linear_time(holder: str, n: int) -> None:
    """Every link and image of a huge listing is kept, within the time bound (the deadline)."""
    item = b"<a href='/f.pdf'><img alt='\xe0\xb8\x81'>x</a>"
    started = time.perf_counter()
    page = assert_page(extract_html(f"<{holder}>".encode() + item * n, URL))
    assert len(page.links) == n and len(page.images) == n
    assert time.perf_counter() - started < 0.5 + n * 5e-5  # linear: 50 µs a link, with room for a busy machine


@FUZZ_SLOW
@given(attr=st.sampled_from(["href", "class", "id", "alt", "onclick", "style", "src", "content"]),
       size=st.integers(0, 2_000_000), fill=st.sampled_from(["a", "menu ", "ก", "'", "&amp;", " "]))  # fmt: skip
def test_huge_attributes(attr: str, size: int, fill: str) -> None:
    value = (fill * (size // len(fill) + 1))[:size].replace('"', "")
    html = f'<meta http-equiv=refresh {attr}="{value}"><a {attr}="{value}">ลิงก์</a><div {attr}="{value}">{MARK}</div>'
    page = assert_page(extract_html(html.encode(), URL))
    assert MARK in page.text


LABELS = ["base64", "zlib", "rot13", "hex", "idna", "punycode", "undefined", "utf-16", "utf-16le", "utf-32", "utf-7",
          "tis-620", "windows-874", "iso-8859-11", "latin-1", "x-user-defined", "utf-8", "", "\x00"]  # fmt: skip


@FUZZ
@example(label="base64", thai="ประกาศ", codec="utf-8")  # bytes.decode refused it: the crawl died on one page
@example(label="idna", thai="ประกาศ", codec="utf-8")  # a codec without errors="replace"
@given(label=st.sampled_from(LABELS) | st.text(max_size=12), thai=THAI, codec=st.sampled_from(["utf-8", "cp874"]))
def test_any_declared_charset(label: str, thai: str, codec: str) -> None:
    """Whatever a <meta> declares, an ASCII-compatible page keeps its ASCII words (browsers do the same)."""
    head = f"<html><head><meta charset='{label}'></head><body><p>{MARK} ".encode()
    body = head + thai.encode(codec, "replace") + b"</p></body></html>"
    page = assert_page(extract_html(body, URL))
    assert MARK in page.text
    assert_page(extract_html(body, URL, f"text/html; charset={label}"))  # the same label in the HTTP header
