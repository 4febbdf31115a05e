"""The JavaScript renderer against a real headless Chromium and a local single-page-app fixture site.

Browser tests share one browser (module-scoped event loop) to stay fast; they skip only when no Chromium or
Chrome can be found at all. `looks_like_shell` and `find_browser` need no browser.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from checker.crawl import render
from checker.crawl.render import PlaywrightRenderer, RenderResult, find_browser, looks_like_shell, open_renderer
from checker.extract.html import extract_html
from checker.models import Document
from tests.support.server import FixtureHandler, serve_site

SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "spa"
NAV_TIMEOUT = 3.0
ROUTES: dict[str, dict[str, Any]] = {
    "/slow": {"delay": 15},  # never answers within the navigation timeout
    "/with-image": {"body": '<h1>รูปภาพ</h1><img src="/pixel.png" alt="โลโก้"><a href="index.html">หน้าหลัก</a>'},
    "/gone": {"status": 404, "body": "<h1>ไม่พบหน้าที่ต้องการ</h1>"},
}

needs_browser = pytest.mark.skipif(
    find_browser() is None,
    reason="no Chromium/Chrome: install Debian's chromium (scripts/install-system-deps.sh), run "
    "`playwright install chromium`, or set OITCHECK_BROWSER",
)
in_module_loop = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, type[FixtureHandler]]]:
    with serve_site(SITE, ROUTES) as served:
        yield served


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def renderer() -> AsyncIterator[PlaywrightRenderer]:
    if find_browser() is None:
        pytest.skip("no Chromium/Chrome found")
    began = time.monotonic()
    opened = await open_renderer(None, nav_timeout=NAV_TIMEOUT, idle_timeout=2.0)
    assert opened is not None, render.last_error
    print(f"browser started in {time.monotonic() - began:.2f} s")
    async with opened:
        yield opened


def _doc(result: RenderResult) -> Document:
    return extract_html(result.body, result.final_url, result.content_type)


# --------------------------------------------------------------------------- rendering


@needs_browser
@in_module_loop
async def test_the_menu_and_ita_table_exist_only_after_javascript(
    site: tuple[str, type[FixtureHandler]], renderer: PlaywrightRenderer
) -> None:
    base, _ = site
    raw = httpx.get(base + "index.html").content
    served = extract_html(raw, base + "index.html", "text/html")
    assert "ข้อมูลการติดต่อ".encode() not in raw and not served.links
    assert looks_like_shell(served, raw)

    began = time.monotonic()
    result = await renderer.render(base + "index.html")
    print(f"index.html rendered in {time.monotonic() - began:.2f} s")
    assert result.ok and result.status == 200 and result.final_url == base + "index.html"
    doc = _doc(result)
    assert "การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี พ.ศ. 2567" in doc.headings
    rows = {link.context: link.url for link in doc.links if not link.chrome}
    assert rows == {
        "O1 โครงสร้าง เปิด": base + "structure.html",
        "O5 ข้อมูลการติดต่อ เปิด": base + "contact.html",
        "O7 ข่าวประชาสัมพันธ์ เปิด": base + "news.html",
    }
    menu = {link.text for link in doc.links if link.chrome}
    assert menu == {"หน้าหลัก", "โครงสร้างองค์กร", "ข่าวประชาสัมพันธ์", "ติดต่อเรา"}
    assert not looks_like_shell(doc, result.body)


@needs_browser
@in_module_loop
async def test_content_fetched_as_json_after_load_is_waited_for(
    site: tuple[str, type[FixtureHandler]], renderer: PlaywrightRenderer
) -> None:
    base, handler = site
    result = await renderer.render(base + "news.html")
    doc = _doc(result)
    assert result.ok and handler.hits["/data/news.json"] >= 1
    assert doc.headings == ("ข่าวประชาสัมพันธ์ ประจำปี 2567",)
    assert "15 มกราคม 2567 ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง" in doc.main_text
    assert base + "contact.html" in {link.url for link in doc.links}


@needs_browser
@in_module_loop
async def test_a_tis620_page_keeps_its_thai_after_rendering(
    site: tuple[str, type[FixtureHandler]], renderer: PlaywrightRenderer
) -> None:
    base, _ = site
    result = await renderer.render(base + "legacy.html")
    # The DOM still says charset=tis-620; body and content_type make extraction read it as UTF-8.
    assert "tis-620" in result.html.lower()
    assert _doc(result).headings == ("รายงานผลการดำเนินงานประจำปี",)


@needs_browser
@in_module_loop
async def test_a_404_is_a_result_with_an_error(
    site: tuple[str, type[FixtureHandler]], renderer: PlaywrightRenderer
) -> None:
    base, _ = site
    for path in ("gone", "no-such-page.html"):
        result = await renderer.render(base + path)
        assert result.status == 404 and result.error == "HTTP 404" and not result.ok
    assert "ไม่พบหน้าที่ต้องการ" in _doc(await renderer.render(base + "gone")).text


@needs_browser
@in_module_loop
async def test_a_page_that_never_answers_times_out_without_hanging(
    site: tuple[str, type[FixtureHandler]], renderer: PlaywrightRenderer
) -> None:
    base, _ = site
    began = time.monotonic()
    result = await renderer.render(base + "slow")
    elapsed = time.monotonic() - began
    assert result.error and result.error.startswith("timeout") and result.status is None
    assert elapsed < NAV_TIMEOUT + 2


@needs_browser
@in_module_loop
async def test_images_are_not_downloaded_and_other_types_are_not_html(
    site: tuple[str, type[FixtureHandler]], renderer: PlaywrightRenderer
) -> None:
    base, handler = site
    result = await renderer.render(base + "with-image")
    assert result.ok and handler.hits["/pixel.png"] == 0
    assert _doc(result).images[0].alt == "โลโก้"
    data = await renderer.render(base + "data/news.json")
    assert data.error == "not an HTML page (application/json)"


@needs_browser
@in_module_loop
async def test_pages_render_concurrently_in_a_small_pool(
    site: tuple[str, type[FixtureHandler]], renderer: PlaywrightRenderer
) -> None:
    base, _ = site
    results = await asyncio.gather(*(renderer.render(base + p) for p in ("structure.html", "contact.html", "gone")))
    assert [r.status for r in results] == [200, 200, 404]


async def test_a_browser_that_will_not_start_gives_none_and_a_reason(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'not a browser' >&2\nexit 1\n")
    fake.chmod(0o755)
    assert await open_renderer(str(fake)) is None
    reason = render.last_error or ""
    assert reason.startswith("browser failed to start") and str(fake) in reason
    # Used directly, the same failure is an error result, never an exception; and after aclose, too.
    async with PlaywrightRenderer(str(fake)) as broken:
        result = await broken.render("http://127.0.0.1:9/")
        assert result.error and result.error.startswith("browser failed to start") and result.html == ""
    closed = await broken.render("http://127.0.0.1:9/")
    assert closed.error is not None


# --------------------------------------------------------------------------- finding a browser


def _executable(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def test_find_browser_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system = _executable(tmp_path / "usr" / "chromium")
    monkeypatch.setattr(render, "CANDIDATES", ("/nonexistent/chromium", system))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "pw"))
    monkeypatch.delenv(render.BROWSER_ENV, raising=False)
    assert find_browser() == system
    env = _executable(tmp_path / "env" / "chrome")
    monkeypatch.setenv(render.BROWSER_ENV, env)
    assert find_browser() == env
    explicit = _executable(tmp_path / "mine" / "chrome")
    assert find_browser(explicit) == explicit
    assert find_browser(str(tmp_path / "missing")) == env  # a wrong explicit path falls back

    monkeypatch.delenv(render.BROWSER_ENV)
    monkeypatch.setattr(render, "CANDIDATES", ())
    assert find_browser() is None
    _executable(tmp_path / "pw" / "chromium-1100" / "chrome-linux" / "chrome")
    newest = _executable(tmp_path / "pw" / "chromium-1255" / "chrome-linux64" / "chrome")
    assert find_browser() == newest


async def test_without_a_browser_open_renderer_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "CANDIDATES", ())
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    monkeypatch.delenv(render.BROWSER_ENV, raising=False)
    assert await open_renderer(None) is None
    assert render.last_error and "`playwright install chromium`" in render.last_error


def test_launch_flags() -> None:
    args = render.launch_args()
    assert "--disable-background-networking" in args and "--disable-component-update" in args
    assert ("--no-sandbox" in args) == (os.geteuid() == 0)


# --------------------------------------------------------------------------- is it an app shell?

_REACT = b"""<!doctype html><html lang="th"><head><meta charset="utf-8"><title>React App</title>
<script defer="defer" src="/static/js/main.8f2c1a.js"></script><link href="/static/css/main.css" rel="stylesheet">
</head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>"""
_VUE = b"""<!DOCTYPE html><html lang=""><head><meta charset="utf-8"><title>saraban</title>
<link href="/js/app.3b1e.js" rel="preload" as="script"></head><body><noscript><strong>We're sorry but
saraban doesn't work properly without JavaScript enabled. Please enable it to continue.</strong></noscript>
<div id="app"></div><script src="/js/chunk-vendors.91a2.js"></script><script src="/js/app.3b1e.js"></script>
</body></html>"""
_ANGULAR = b"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title><base href="/">
</head><body><app-root></app-root><script src="runtime.js" type="module"></script>
<script src="main.js" type="module"></script></body></html>"""
_NUXT_LOADING = """<html><head><title>เทศบาลนคร</title></head><body><div id="__nuxt"><div class="loading">
กำลังโหลด...</div></div><script src="/_nuxt/a1b2.js"></script></body></html>""".encode()
_THAI_NOSCRIPT = """<html><head><meta charset="utf-8"><title>อบต.</title></head><body>
<noscript>กรุณาเปิดใช้งานจาวาสคริปต์ในเบราว์เซอร์ของท่าน</noscript><div id="wrapper"></div>
<a href="/th/">TH</a></body></html>""".encode()
_SCRIPT_REDIRECT = b"""<html><head><script type="text/javascript">window.location.href = "th/index.php";</script>
</head><body></body></html>"""
_SHORT_WITH_MENU = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>ติดต่อเรา</title>
<script src="/js/jquery.min.js"></script></head><body><div id="app"><nav class="navbar"><ul>
<li><a href="/">หน้าหลัก</a></li><li><a href="/about">เกี่ยวกับเรา</a></li><li><a href="/ita">ITA</a></li>
<li><a href="/contact">ติดต่อเรา</a></li></ul></nav><h1>ติดต่อเรา</h1><p>โทร 0 2123 4567</p></div>
<script>gtag('config', 'G-XXXX');</script></body></html>""".encode()
_FRAMESET = b"""<html><head><title>Welcome</title><script>var x = 1;</script></head>
<frameset rows="120,*" frameborder="0"><frame src="top.php" name="top"><frame src="main.php" name="main">
<noframes>Your browser does not support frames. Please enable JavaScript.</noframes></frameset></html>"""
_META_REFRESH = b"""<html><head><meta http-equiv="refresh" content="0; url=main/index.php">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script></head>
<body><div id="root"></div></body></html>"""
_SPLASH = """<html><head><meta charset="utf-8"><title>ยินดีต้อนรับ</title>
<script src="/js/jquery.js"></script></head><body><center><a href="home.php">
<img src="intro-2567.jpg" alt="เข้าสู่เว็บไซต์"></a></center></body></html>""".encode()
_IFRAME_WRAPPER = b"""<html><head><title>Site</title><script src="a.js"></script></head>
<body style="margin:0"><div id="app"><iframe src="https://cms.example.go.th/site/1" width="100%"></iframe></div>
</body></html>"""
_ARTICLE = (
    """<html><head><meta charset="utf-8"><title>ประกาศ</title><script src="/wp-includes/js/jquery.js"></script>
</head><body><div id="root"><h1>ประกาศผู้ชนะการเสนอราคา</h1><p>"""
    + "ประกาศเทศบาลตำบลตัวอย่าง เรื่อง ประกาศผู้ชนะการเสนอราคา จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก " * 4
    + """</p></div></body></html>"""
).encode()


@pytest.mark.parametrize(
    ("body", "shell"),
    [
        pytest.param(_REACT, True, id="create-react-app"),
        pytest.param(_VUE, True, id="vue-cli"),
        pytest.param(_ANGULAR, True, id="angular-app-root"),
        pytest.param(_NUXT_LOADING, True, id="nuxt-loading"),
        pytest.param(_THAI_NOSCRIPT, True, id="thai-noscript-one-link"),
        pytest.param(_SCRIPT_REDIRECT, True, id="script-redirect"),
        pytest.param(_SHORT_WITH_MENU, False, id="short-page-with-menu"),
        pytest.param(_FRAMESET, False, id="frameset"),
        pytest.param(_META_REFRESH, False, id="meta-refresh"),
        pytest.param(_SPLASH, False, id="splash-page"),
        pytest.param(_IFRAME_WRAPPER, False, id="iframe-wrapper"),
        pytest.param(_ARTICLE, False, id="server-rendered-article"),
        pytest.param(b"<html><body><h1>Hello</h1></body></html>", False, id="no-script-at-all"),
    ],
)
def test_looks_like_shell(body: bytes, shell: bool) -> None:
    doc = extract_html(body, "https://www.example.go.th/", "text/html")
    assert looks_like_shell(doc, body) is shell


def test_the_spa_fixture_is_a_shell_and_its_static_pages_are_not() -> None:
    for name, shell in (("index.html", True), ("news.html", True), ("structure.html", False)):
        body = (SITE / name).read_bytes()
        assert looks_like_shell(extract_html(body, "http://x/" + name), body) is shell, name
