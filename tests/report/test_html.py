"""The HTML report in a real headless Chromium: hostile site text stays text, the filter works, nothing is
fetched, it prints. Browser tests share one Chromium per module and skip only when none can be found.

Screenshots (and a print PDF) are written to each test's pytest tmp dir; run with `-s` to see the paths.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Route, sync_playwright

from checker import __version__
from checker.crawl.render import find_browser, launch_args
from checker.report import FORMATS
from checker.report.html import render_html, short_url, web_url, when
from tests.report.sample import INDICATORS_EN, INDICATORS_TH, ITEMS, JS_URL, SCRIPT, make_report

NO_BROWSER = (
    "no Chromium/Chrome: install Debian's chromium (scripts/install-system-deps.sh), run "
    "`playwright install chromium`, or set OITCHECK_BROWSER"
)
needs_browser = pytest.mark.skipif(find_browser() is None, reason=NO_BROWSER)


def _write(tmp_path: Path, html: str, name: str = "report.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_browser()
    if executable is None:
        pytest.skip(NO_BROWSER)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=launch_args())
        yield chromium
        chromium.close()


class Watched:
    """A page with every dialog, page error and console error recorded (a dialog is dismissed at once)."""

    def __init__(self, browser: Browser, *, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1100, "height": 900}, java_script_enabled=javascript)
        self.page: Page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", self._console)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def open(self, path: Path) -> Page:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.context.close()


def _visible_statuses(page: Page) -> list[str]:
    shown = page.eval_on_selector_all(
        ".card", "cards => cards.filter(c => c.offsetParent !== null).map(c => c.dataset.status)"
    )
    return [str(status) for status in shown]


# --------------------------------------------------------------------------- in the browser


@needs_browser
@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_site_text_stays_text(watched: Watched, tmp_path: Path, csp: bool) -> None:
    html = render_html(make_report(), indicators=INDICATORS_TH)
    if not csp:  # the policy is a second wall; escaping alone must already hold
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert "Content-Security-Policy" not in html
    page = watched.open(_write(tmp_path, html))
    page.wait_for_timeout(300)  # an injected onerror would fire by now
    assert watched.dialogs == []
    assert watched.errors == []  # no page error, and no CSP violation: nothing even tried to run
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1  # ours
    handlers = "[onerror],[onload],[onmouseover],[onclick],[onfocus]"
    assert page.locator(handlers).count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("https://", "http://", "#")) for h in hrefs), hrefs
    text = page.inner_text("body")
    assert SCRIPT in text and JS_URL in text and '"><img src=x onerror=alert(1)>' in text
    # The attribute breakout stayed inside its href: the link is one element with the whole URL.
    assert page.locator('a[href*="onmouseover"]').count() == 1


@needs_browser
def test_filter_buttons_hide_and_show_cards_by_status(watched: Watched, tmp_path: Path) -> None:
    page = watched.open(_write(tmp_path, render_html(make_report(), indicators=INDICATORS_TH)))
    assert page.locator("#filters").is_visible()
    everything = sorted(i.status for i in ITEMS)
    assert sorted(_visible_statuses(page)) == everything

    page.click('button[data-filter="missing"]')
    assert _visible_statuses(page) == ["missing", "missing"]
    assert page.get_attribute('button[data-filter="missing"]', "aria-pressed") == "true"
    assert page.get_attribute('button[data-filter="all"]', "aria-pressed") == "false"
    assert not page.locator("#ind-9\\.1").is_visible()  # a sub-indicator with no missing item folds away
    assert page.locator("#ind-9\\.3").is_visible()

    page.click('button[data-filter="todo"]')
    assert sorted(_visible_statuses(page)) == sorted(s for s in everything if s != "pass")
    page.click('button[data-filter="review"]')
    assert _visible_statuses(page) == ["review"]
    page.screenshot(path=str(tmp_path / "filtered-review.png"))
    page.click('button[data-filter="all"]')
    assert sorted(_visible_statuses(page)) == everything
    # Only statuses that occur get a button (plus all and todo).
    buttons = page.eval_on_selector_all("#filters button", "bs => bs.map(b => b.dataset.filter)")
    assert buttons == ["all", "todo", "pass", "incomplete", "outdated", "missing", "unreachable", "review"]
    assert watched.errors == []


@needs_browser
def test_without_javascript_everything_shows(browser: Browser, tmp_path: Path) -> None:
    w = Watched(browser, javascript=False)
    try:
        page = w.open(_write(tmp_path, render_html(make_report(), indicators=INDICATORS_TH)))
        assert not page.locator("#filters").is_visible()  # useless without JavaScript, so hidden
        assert len(_visible_statuses(page)) == len(ITEMS)
    finally:
        w.context.close()


@needs_browser
def test_page_shows_the_report_in_thai_and_a_screenshot_is_saved(watched: Watched, tmp_path: Path) -> None:
    page = watched.open(_write(tmp_path, render_html(make_report(), indicators=INDICATORS_TH)))
    assert page.evaluate("document.documentElement.lang") == "th"
    text = page.inner_text("body")
    for item in ITEMS:
        assert item.title in text
    for expected in (
        "ผ่าน 5 จาก 12 ข้อ (41.7%)",  # score
        "9.1 ข้อมูลพื้นฐาน",  # sub-indicator summary
        "2/3",
        "ตรวจเมื่อ 1 พ.ค. 2567 เวลา 10:00 น.",  # run time, Thai time and Buddhist year
        f"oitcheck รุ่น {__version__}",
        "ยกเว้นไว้ถึง 2024-09-30",  # waiver
        "การเปลี่ยนแปลงจากการตรวจครั้งก่อน",
        "แย่ลง",
        "ขอบเขตการตรวจ",  # coverage
        "งบการตรวจ (จำนวนหน้า --max-pages) หมด",
        "พบจาก procurement.html",  # found_via
        "ช่วงเวลา FY2566-2570",  # period
        "องค์ประกอบที่ไม่พบ",
    ):
        assert expected in text, expected
    # Badge colours follow the terminal: pass green, missing red.
    colour = "el => getComputedStyle(el).backgroundColor"
    assert page.eval_on_selector("#item-O1 .badge", colour) == "rgb(26, 127, 55)"
    assert page.eval_on_selector("#item-O19 .badge", colour) == "rgb(207, 34, 46)"
    assert page.inner_text("#item-O20 .badge").startswith("⚠")

    shot = tmp_path / "report-th.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot: {shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000
    with Image.open(shot) as image:
        assert image.width == 1100 and image.height > 3000  # the whole page, not one screen
        colours = image.convert("RGB").resize((64, 256)).getcolors(maxcolors=64 * 256) or []
        assert len(colours) > 50  # not a blank page
    assert watched.errors == []


@needs_browser
def test_english_report(watched: Watched, tmp_path: Path) -> None:
    page = watched.open(_write(tmp_path, render_html(make_report(), lang="en", indicators=INDICATORS_EN)))
    text = page.inner_text("body")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "5 of 12 items pass (41.7%)" in text and "Changes since the last run" in text
    assert "9.3 Procurement" in text and "Checked 1 May 2024, 10:00 (Thai time)" in text
    assert "โครงสร้าง" in text  # titles stay the official Thai ones
    page.screenshot(path=str(tmp_path / "report-en.png"), full_page=True)


@needs_browser
def test_the_report_makes_no_network_request(watched: Watched, tmp_path: Path) -> None:
    path = _write(tmp_path, render_html(make_report(), indicators=INDICATORS_TH))
    control = _write(
        tmp_path, '<img src="http://203.0.113.9/x.png"><link rel=stylesheet href="https://x/y.css">', "c.html"
    )
    pages = {path.as_uri(), control.as_uri()}
    others: list[str] = []  # every request but the files themselves, from route interception
    seen: list[str] = []  # and from the request event, which also sees what a route might miss

    def intercept(route: Route) -> None:
        if route.request.url in pages:
            route.continue_()
        else:
            others.append(route.request.url)
            route.abort()

    watched.page.on("request", lambda request: seen.append(request.url))
    watched.page.route("**/*", intercept)
    page = watched.open(path)
    page.click('button[data-filter="missing"]')
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    assert others == []
    assert seen == [path.as_uri()]

    # The instrument works: a page that does load something from the network is caught.
    page.goto(control.as_uri())
    page.wait_for_timeout(300)
    assert sorted(others) == ["http://203.0.113.9/x.png", "https://x/y.css"]


@needs_browser
def test_it_prints_the_whole_report_without_the_filter_bar(watched: Watched, tmp_path: Path) -> None:
    page = watched.open(_write(tmp_path, render_html(make_report(), indicators=INDICATORS_TH)))
    page.click('button[data-filter="missing"]')
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert len(_visible_statuses(page)) == len(ITEMS)  # a printout is the whole report
    assert page.eval_on_selector("#item-O2", "el => getComputedStyle(el).breakInside") == "avoid"
    after = page.eval_on_selector("#item-O1 .evidence a", "a => getComputedStyle(a, '::after').content")
    assert "https://www.example-tambon.go.th/structure.html" in after
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


# --------------------------------------------------------------------------- the file itself


def test_source_has_one_script_no_remote_resource_and_matching_policy_hashes() -> None:
    html = render_html(make_report(), indicators=INDICATORS_TH)
    assert html.count("<script") == 1 and "<img" not in html and 'href="javascript' not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//[^"']*\.(?:js|css|woff2?|ttf)""", html)
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found is not None
    policy = unescape(found.group(1))
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_optional_sections_appear_only_when_known() -> None:
    bare = render_html(make_report(changes=False, coverage=False))
    assert 'id="changes"' not in bare and 'id="coverage"' not in bare
    full = render_html(make_report())
    assert 'id="changes"' in full and 'id="coverage"' in full


def test_helpers() -> None:
    assert web_url("https://a.go.th/x") and web_url("HTTP://a.go.th")
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                "//a.go.th/x", "https:///x", "", " https://a.go.th/"):  # fmt: skip
        assert not web_url(bad), bad
    assert when("2024-05-01T03:00:00+00:00", "th") == "1 พ.ค. 2567 เวลา 10:00 น."
    assert when("2024-12-31T20:00:00Z", "en") == "1 Jan 2025, 03:00 (Thai time)"
    assert when("not a date", "th") == "not a date"
    assert short_url("https://a.go.th/ita.html", "https://a.go.th/") == "/ita.html"
    assert short_url("https://b.go.th/x", "https://a.go.th/") == "https://b.go.th/x"


def test_formats_are_registered() -> None:
    assert {name: ext for name, (_render, ext) in FORMATS.items()} == {
        "json": "json", "table": "txt", "html": "html", "md": "md", "junit": "xml",
    }  # fmt: skip
