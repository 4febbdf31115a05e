"""The status marks (checker/report/terminal.py MARKS) in the terminal and in the HTML report.

⌛ was drawn as an empty box (tofu) by Chromium with Debian's fonts (fonts-thai-tlwg, and DejaVu, which
fontconfig depends on): no installed font has U+231B. Each mark is rendered here in the HTML report's own font
stack by a real headless Chromium and compared, pixel for pixel, with a codepoint no font has (U+10FFFD, private
use): a mark that looks like it is tofu. In a terminal every mark is one cell wide and no two are alike.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from rich.cells import cell_len

from checker.crawl.render import find_browser, launch_args
from checker.models import ITEM_STATUSES
from checker.report.html import _asset, render_html, status_label
from checker.report.terminal import MARKS, render_text
from tests.report.sample import make_report

NO_BROWSER = "no Chromium/Chrome: install Debian's chromium (scripts/install-system-deps.sh) or set OITCHECK_BROWSER"
TOFU = "\U0010fffd"  # private use, plane 16: in no font
HTML_MARKS = ("✔", "✘", "?")  # the element lists of an item card (report.html.j2)


# --------------------------------------------------------------------------- the terminal


def test_every_status_has_a_mark_and_no_two_are_alike() -> None:
    assert set(MARKS) == set(ITEM_STATUSES)
    marks = [mark for mark, _colour in MARKS.values()]
    assert len(set(marks)) == len(marks)
    assert "⌛" not in marks


@pytest.mark.parametrize("status", ITEM_STATUSES)
def test_each_mark_is_one_terminal_cell(status: str) -> None:
    mark, _ = MARKS[status]
    assert len(mark) == 1 and cell_len(mark) == 1, (status, mark)


def test_the_reports_show_the_marks() -> None:
    text = render_text(make_report(), "en", width=200)
    html = render_html(make_report(), "en")
    for status in ITEM_STATUSES:
        assert status_label(status, "en") in html
        assert MARKS[status][0] in text


# --------------------------------------------------------------------------- the HTML report in Chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_browser()
    if executable is None:
        pytest.skip(NO_BROWSER)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=launch_args())
        yield chromium
        chromium.close()


def _probe(chars: list[str]) -> str:
    """Each character alone in a box at whole-pixel coordinates (so equal glyphs give equal pixels), in the
    report's stylesheet: the body's font stack, as the badges inherit it."""
    css, _ = _asset("report.css")
    boxes = "".join(f'<div class="g" id="g{i}" style="top:{i * 80}px">{c}</div>' for i, c in enumerate(chars))
    style = (
        ".g{position:absolute;left:0;width:80px;height:80px;font-size:48px;line-height:80px;background:#fff;color:#000}"
    )
    head = f'<meta charset="utf-8"><style>{css}\n{style}</style>'
    return f"<!doctype html><html><head>{head}</head><body>{boxes}</body></html>"


def _shots(page: Page, chars: list[str]) -> dict[str, bytes]:
    page.set_content(_probe(chars))
    assert "sans-serif" in page.locator("#g0").evaluate("e => getComputedStyle(e).fontFamily")  # the report's stack
    return {c: page.locator(f"#g{i}").screenshot() for i, c in enumerate(chars)}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page per test: `set_content` writes into the current document, which keeps its CSP (the
    report's, which would refuse the probe's style)."""
    context = browser.new_context(viewport={"width": 200, "height": 1200})
    yield context.new_page()
    context.close()


def test_the_probe_uses_the_reports_font_stack(page: Page) -> None:
    page.set_content(_probe(["✔"]))
    probe = page.locator("#g0").evaluate("e => getComputedStyle(e).fontFamily")
    page.goto("about:blank")
    page.set_content(render_html(make_report(), "th"))
    badge = page.locator(".badge").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert probe == badge and "sans-serif" in probe


def test_no_mark_renders_as_tofu(page: Page) -> None:
    marks = [mark for mark, _ in MARKS.values()]
    chars = [TOFU, "A", *marks, *(m for m in HTML_MARKS if m not in marks)]
    shots = _shots(page, chars)
    assert shots["A"] != shots[TOFU]  # the comparison can tell a glyph from tofu at all
    tofu = [c for c in chars[2:] if shots[c] == shots[TOFU]]
    assert not tofu, f"drawn as an empty box with this machine's fonts: {tofu}"


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="no fontconfig fc-list to ask which fonts have ⌛")
def test_the_old_mark_is_seen_as_tofu_where_no_font_has_it(page: Page) -> None:
    """The check catches what it is for: where fontconfig finds no font with U+231B, ⌛ must compare as tofu."""
    fonts = subprocess.run(["fc-list", ":charset=231b", "family"], capture_output=True, text=True, check=True)
    if fonts.stdout.strip():
        pytest.skip(f"a font here has ⌛: {fonts.stdout.strip()}")
    shots = _shots(page, [TOFU, "⌛"])
    assert shots["⌛"] == shots[TOFU]
