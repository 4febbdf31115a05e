"""`oitcheck serve` in a real headless Chromium, against a real server and real crawls of sites on loopback: the
form, the job's progress and the report it opens by itself; a re-check after the site changed and what changed;
a refused address; CSRF (a missing token, a form posted from another site); the group view, a site's history and
the sign-in in front of them.

The demo site is served with its ITA table slowed (SLOW seconds), so a check runs long enough to be watched.
Screenshots go to each test's tmp dir; with OITCHECK_DOCS_IMG=1 (or OITCHECK_UPDATE_SCREENSHOTS=1) they are also
written to docs/img/web-form.png, web-progress.png and web-changes.png for docs/web.md.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from checker.demo.server import serve
from checker.web.allow import AllowList
from tests.report.test_html import Watched, browser, needs_browser  # noqa: F401  (browser: a fixture)
from tests.support.server import serve_site
from tests.web.conftest import WebServer, csrf_token

pytestmark = needs_browser

DOCS_IMG = Path(__file__).parents[2] / "docs" / "img"
BASIC_SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"
YEAR = "2567"  # the demo's ground truth (checker/demo/ground_truth.yaml) is for fiscal year 2567
SLOW = 2.5
PROGRESS = re.compile(r"อ่านแล้ว [1-9]\d* หน้า · เอกสาร \d+ ไฟล์")
JOB, RUN = re.compile(r"/jobs/[0-9a-f]+(\?|$)"), re.compile(r"/runs/(\d+)(\?lang=en)?$")
CSRF_TH = "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้"

Start = Callable[..., WebServer]


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:  # noqa: F811
    w = Watched(browser)
    w.context.set_default_timeout(30_000)
    yield w
    w.context.close()


@pytest.fixture
def slow_demo(demo_copy: tuple[Path, str]) -> Iterator[tuple[Path, str]]:
    """The editable demo copy, served with its ITA table answering after SLOW seconds: (folder, base URL)."""
    folder, _ = demo_copy
    with serve_site(folder, {"/ita.html": {"delay": SLOW, "file": "ita.html"}}) as (url, _handler):
        yield folder, url


def _shot(page: Page, tmp_path: Path, name: str) -> Path:
    """A screenshot in tmp_path, checked to be a real PNG; copied to docs/img only when asked."""
    path = tmp_path / name
    bottom = page.evaluate("Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)")
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 1100, "height": min(900, bottom + 24)})
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000, name
    if os.environ.get("OITCHECK_DOCS_IMG") or os.environ.get("OITCHECK_UPDATE_SCREENSHOTS"):
        shutil.copyfile(path, DOCS_IMG / name)
    return path


def _fill(page: Page, base: str, site: str, lang_query: str = "") -> None:
    """Open the form, type the address and choose the year (the button is left to the caller)."""
    page.goto(base + "/" + lang_query)
    page.fill("#url", site)
    page.select_option("#year", YEAR)


def _follow(page: Page) -> int:
    """On a job page of a running check: its progress shows what was read, then the report opens by itself.
    Returns the run's number."""
    page.wait_for_url(JOB)
    expect(page.locator("#job-progress")).to_have_text(PROGRESS)
    return _report(page)


def _report(page: Page) -> int:
    """Wait for the report page to open by itself; returns the run's number."""
    page.wait_for_url(RUN, timeout=90_000)
    found = RUN.search(page.url)
    assert found is not None
    return int(found.group(1))


def _check(page: Page, base: str, site: str) -> int:
    _fill(page, base, site)
    page.click("#check-form button[type=submit]")
    return _follow(page)


def _idle(server: WebServer) -> None:
    """Nothing was queued: the server runs and waits for nothing, and its form lists no check."""
    assert httpx.get(server.url + "/healthz").json() == {"ok": True, "running": 0, "waiting": 0}
    home = httpx.get(server.url + "/").text
    assert "ยังไม่มีการตรวจ" in home


def test_the_form_shows_progress_then_opens_the_report(
    watched: Watched, web_server: Start, slow_demo: tuple[Path, str], tmp_path: Path
) -> None:
    server, page = web_server(allow=AllowList(("*.go.th", "127.0.0.1"))), watched.page
    _fill(page, server.url, "https://www.bansuandok.go.th/")
    _shot(page, tmp_path, "web-form.png")
    page.fill("#url", slow_demo[1])
    page.click("#check-form button[type=submit]")
    page.wait_for_url(JOB)
    expect(page.locator("#job-progress")).to_have_text(PROGRESS)
    expect(page.locator("#job-state")).to_have_text("กำลังตรวจ")
    _shot(page, tmp_path, "web-progress.png")
    run = _report(page)
    expect(page.locator("#fixes")).to_be_visible()
    expect(page.locator("#estimate")).to_be_visible()
    expect(page.locator("#estimate .big")).to_have_text(re.compile(r"^\d+\.\d\d$"))
    hrefs = page.eval_on_selector_all("nav.toolbar a", "links => links.map(a => a.getAttribute('href'))")
    site = slow_demo[1].split("//")[1].rstrip("/").replace(":", "%3A")
    assert hrefs == ["/", f"/runs/{run}/recheck", f"/runs/{run}/changes", f"/sites/{site}", f"/runs/{run}.json",
                     f"/runs/{run}?lang=en"]  # fmt: skip
    assert watched.errors == [], watched.errors  # no script error, no CSP violation on the form, job or report
    assert watched.dialogs == []


def test_a_recheck_after_the_site_changed_shows_what_changed(
    watched: Watched, web_server: Start, slow_demo: tuple[Path, str], tmp_path: Path
) -> None:
    server, page = web_server(), watched.page
    folder, site = slow_demo
    first = _check(page, server.url, site)
    (folder / "laws.html").unlink()  # O6's evidence (ground truth: pass); the ITA table's link now answers 404
    page.click("nav.toolbar a[href$='/recheck']")
    expect(page.locator("#recheck-form")).to_contain_text(site)
    page.click("#recheck-form button[type=submit]")
    second = _follow(page)
    assert second > first
    page.click("nav.toolbar a[href$='/changes']")
    row = page.locator("table#changes tr", has=page.locator("td", has_text=re.compile(r"^O6 กฎหมาย")))
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[1].endswith("ผ่าน") and cells[2] and not cells[2].endswith("ผ่าน"), cells
    assert "change-regressed" in (row.get_attribute("class") or "")
    move = re.search(r"(\d+\.\d\d) → (\d+\.\d\d)", page.inner_text("#score-move"))
    assert move is not None and float(move.group(2)) < float(move.group(1)), page.inner_text("#score-move")
    _shot(page, tmp_path, "web-changes.png")
    assert watched.errors == [], watched.errors


REFUSED = [("", "ไม่อยู่ในรายการที่ระบบนี้ตรวจได้"), ("?lang=en", "is not among")]


@pytest.mark.parametrize(("lang_query", "words"), REFUSED, ids=["th", "en"])
def test_an_address_outside_the_allow_list_is_refused_by_name(
    watched: Watched, web_server: Start, lang_query: str, words: str
) -> None:
    server, page = web_server(), watched.page
    _fill(page, server.url, "https://www.example.com/news", lang_query)
    with page.expect_response(lambda r: "/check" in r.url) as answer:
        page.click("#check-form button[type=submit]")
    assert answer.value.status == 400
    message = page.inner_text("#error-message")
    assert words in message and "www.example.com" in message and "127.0.0.1" in message, message
    assert page.get_attribute("html", "lang") == ("en" if lang_query else "th")
    _idle(server)


def test_a_form_without_its_token_or_from_another_site_is_refused(
    watched: Watched, web_server: Start, slow_demo: tuple[Path, str], tmp_path: Path
) -> None:
    server, page = web_server(), watched.page
    _fill(page, server.url, slow_demo[1])
    page.evaluate("document.querySelector('#check-form input[name=csrftoken]').remove()")
    with page.expect_response(lambda r: "/check" in r.url) as answer:
        page.click("#check-form button[type=submit]")
    assert answer.value.status == 403
    assert CSRF_TH in page.inner_text("#error-message")

    # Another site (127.0.0.2 is not 127.0.0.1's site) with a token of its own, fetched from the app: the browser
    # holds the app's cookie (the form page was just opened) but does not send it with a cross-site post.
    with httpx.Client(base_url=server.url) as other:
        token = csrf_token(other.get("/").text)
    (tmp_path / "evil").mkdir()
    (tmp_path / "evil" / "index.html").write_text(
        f'<form id="f" method="post" action="{server.url}/check"><input name="url" value="{slow_demo[1]}">'
        f'<input name="year" value="{YEAR}"><input name="csrftoken" value="{token}"></form>'
        "<script>document.getElementById('f').submit()</script>",
        encoding="utf-8",
    )
    _fill(page, server.url, slow_demo[1])
    assert any(c["name"] == "csrftoken" for c in watched.context.cookies(server.url))
    with serve(tmp_path / "evil", host="127.0.0.2") as evil, page.expect_response(lambda r: "/check" in r.url) as sent:
        page.goto(evil)
        page.wait_for_url(server.url + "/check")
    assert sent.value.status == 403
    assert "csrftoken" not in (sent.value.request.all_headers().get("cookie") or "")  # SameSite=Strict
    assert CSRF_TH in page.inner_text("#error-message")
    _idle(server)


def test_the_group_view_behind_its_token_links_each_site_and_its_recheck(
    watched: Watched, web_server: Start, slow_demo: tuple[Path, str]
) -> None:
    server, page = web_server(token="group-token-5b1e"), watched.page
    with serve_site(BASIC_SITE) as (basic, _handler):
        _check(page, server.url, slow_demo[1])
        _fill(page, server.url, basic)
        page.click("#check-form button[type=submit]")
        _report(page)
    page.goto(server.url + "/group")
    assert page.url == server.url + "/signin?next=%2Fgroup"
    page.fill("#token", "not-the-token")
    page.click("#signin-form button[type=submit]")
    expect(page.locator("#signin-failed")).to_have_text("รหัสผ่านไม่ถูกต้อง")
    page.fill("#token", "group-token-5b1e")
    page.click("#signin-form button[type=submit]")
    page.wait_for_url(server.url + "/group")
    expect(page.locator("#rows tr")).to_have_count(2)
    keys = [u.split("//")[1].rstrip("/").replace(":", "%3A") for u in (slow_demo[1], basic)]
    for key in keys:
        expect(page.locator(f"#rows a[href='/sites/{key}']")).to_have_count(1)
    page.click(f"#rows a[href='/sites/{keys[0]}']")
    expect(page.locator("#history tbody tr")).to_have_count(1)
    page.click("#recheck-form button[type=submit]")
    _follow(page)  # a job page, then the new run
    page.goto(server.url + f"/sites/{keys[0]}")
    expect(page.locator("#history tbody tr")).to_have_count(2)
    refused = "the server responded with a status of 403"  # the wrong token's page, and only that
    assert [e for e in watched.errors if refused not in e] == [] and len(watched.errors) == 1, watched.errors
