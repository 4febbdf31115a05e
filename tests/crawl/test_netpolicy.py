"""The checker reaches nothing but the site: redirects off it, names that resolve to internal addresses, DNS
rebinding and other schemes are refused, and nothing another host answered appears in any report.

Other hosts are played by other loopback addresses (127.0.0.2) and other ports of 127.0.0.1; names such as
agency.test resolve through the check's own resolver (curl-style overrides and a scripted resolver), so the
address check runs on the address actually connected to, with no DNS server involved.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.api import run_check
from checker.crawl.crawler import CrawlOptions
from checker.crawl.netpolicy import NetworkPolicy, is_public, parse_ip
from checker.crawl.render import find_browser
from checker.report import FORMATS
from checker.rules.schema import RulePack
from tests.support.server import FixtureHandler, serve_site

SECRET = "FOREIGN-SECRET-7731"
FOREIGN_PAGE = (
    "<html><body><h1>โครงสร้างองค์กร</h1><p>แผนภูมิโครงสร้างองค์กร ส่วนราชการ " + SECRET + "</p>"
    "<h2>ข้อมูลผู้บริหาร</h2><p>นายก " + SECRET + " โทร 02-000-0000</p></body></html>"
)


def _home(extra: str = "") -> str:
    return (
        "<html><head><title>อบต.ทดสอบ</title></head><body><h1>องค์การบริหารส่วนตำบลทดสอบ</h1><ul>"
        '<li><a href="/o1">โครงสร้างองค์กร</a></li>'
        '<li><a href="/o3">อำนาจหน้าที่</a></li>'
        '<li><a href="/o4">แผนพัฒนาท้องถิ่น</a></li>'
        '<li><a href="/o5">แผนการดำเนินงานประจำปี</a></li>'
        '<li><a href="/o6">ข่าวประชาสัมพันธ์</a></li>'
        f"{extra}</ul></body></html>"
    )


@pytest.fixture
def foreign(tmp_path: Path) -> Iterator[tuple[str, str, type[FixtureHandler], type[FixtureHandler]]]:
    """Two hosts that are not the site: 127.0.0.2 and another port of 127.0.0.1 (a loopback admin page)."""
    routes: dict[str, dict[str, Any]] = {"re:.*": {"body": FOREIGN_PAGE}}
    (tmp_path / "foreign").mkdir()
    with (
        serve_site(tmp_path / "foreign", routes, host="127.0.0.2") as (other, other_hits),
        serve_site(tmp_path / "foreign", routes) as (admin, admin_hits),
    ):
        yield other, admin, other_hits, admin_hits


def _site_routes(other: str, admin: str, extra: str = "") -> dict[str, dict[str, Any]]:
    return {
        "/": {"body": _home(extra)},
        "/robots.txt": {"status": 302, "redirect": other + "robots.txt"},
        "/o1": {"status": 302, "redirect": other + "secret"},
        "/o3": {"status": 302, "redirect": "http://169.254.169.254/latest/meta-data/"},
        "/o4": {"status": 301, "redirect": "file:///etc/passwd"},
        "/o5": {"status": 302, "redirect": other.replace("http:", "gopher:") + "_secret"},
        "/o6": {"status": 307, "redirect": admin + "admin"},
    }


def _all_formats(report: Any) -> str:
    return "\n".join(render(report, lang="th", indicators={}) for render, _ in FORMATS.values())


def _options() -> CrawlOptions:
    return CrawlOptions(max_seconds=30, max_pages=20, early_stop=False)


async def test_redirects_off_the_site_are_named_not_followed(
    tmp_path: Path, pack: RulePack, foreign: tuple[str, str, type[FixtureHandler], type[FixtureHandler]]
) -> None:
    other, admin, other_hits, admin_hits = foreign
    (tmp_path / "site").mkdir()
    with serve_site(tmp_path / "site", _site_routes(other, admin)) as (base, hits):
        run = await run_check(base, pack, options=_options(), ocr=None, cache=None)
    assert hits.hits["/o1"] == 1 and hits.hits["/robots.txt"] == 1  # the site was asked …
    assert not other_hits.hits and not admin_hits.hits  # … and no other host, not even for robots.txt
    cov = run.report.coverage
    assert cov is not None
    redirected = {url.rsplit("/", 1)[-1]: target for url, target in cov.off_site_redirects.items()}
    assert redirected == {
        "o1": other + "secret",
        "o3": "http://169.254.169.254/latest/meta-data/",
        "o4": "file:///etc/passwd",
        "o5": other.replace("http:", "gopher:") + "_secret",
        "o6": admin + "admin",
    }
    assert SECRET not in _all_formats(run.report)
    o1 = next(i for i in run.report.items if i.id == "O1")
    assert o1.status != "pass"
    assert any("127.0.0.2" in r for r in o1.reasons), o1.reasons  # the clerk learns where the link leads


async def test_home_page_redirecting_off_the_site_is_not_followed(
    tmp_path: Path, pack: RulePack, foreign: tuple[str, str, type[FixtureHandler], type[FixtureHandler]]
) -> None:
    other, _admin, other_hits, _ = foreign
    (tmp_path / "site").mkdir()
    routes = {"/": {"status": 301, "redirect": other}, "/robots.txt": {"status": 302, "redirect": other + "robots.txt"}}
    with serve_site(tmp_path / "site", routes) as (base, _hits):
        run = await run_check(base, pack, options=_options(), ocr=None, cache=None)
    assert not other_hits.hits
    assert run.site_error is not None and other in run.site_error
    assert all(i.status == "unreachable" for i in run.report.items)
    assert SECRET not in _all_formats(run.report)


def _resolver(answers: dict[str, list[str]]) -> Any:
    """A scripted DNS: each name's answers in turn, the last one repeated (a rebinding name changes its answer)."""
    asked: dict[str, int] = {}

    async def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise OSError(f"{host}: name not known")
        n = asked[host] = asked.get(host, 0) + 1
        return [answers[host][min(n, len(answers[host])) - 1]]

    return resolve


@pytest.mark.parametrize(
    ("www_answers", "kind"),
    [
        (["169.254.169.254"], "link-local"),  # the site's www. name points at cloud metadata
        (["127.0.0.1", "10.20.30.40"], "private"),  # DNS rebinding: checked once, then a private address
    ],
)
async def test_names_resolving_to_internal_addresses_are_refused(
    tmp_path: Path,
    pack: RulePack,
    foreign: tuple[str, str, type[FixtureHandler], type[FixtureHandler]],
    www_answers: list[str],
    kind: str,
) -> None:
    other, admin, other_hits, _ = foreign
    (tmp_path / "site").mkdir()
    with serve_site(tmp_path / "site", {}) as (base, _hits):
        port = base.rsplit(":", 1)[1].strip("/")
        www = f"http://www.agency.test:{port}/o2"
        routes = _site_routes(other, admin, extra=f'<li><a href="{www}">ข้อมูลผู้บริหาร</a></li>')
        _hits.reset(routes)
        run = await run_check(
            f"http://agency.test:{port}/",
            pack,
            options=_options(),
            ocr=None,
            cache=None,
            resolve={"agency.test": "127.0.0.1"},
            resolver=_resolver({"www.agency.test": www_answers}),
        )
        assert _hits.hits["/"] == 1 and _hits.hits["/o2"] == 0  # the site answered; nothing reached /o2
    assert run.site_error is None
    cov = run.report.coverage
    assert cov is not None
    assert list(cov.refused) == [www]
    assert kind in cov.refused[www]
    assert not other_hits.hits
    assert SECRET not in _all_formats(run.report)


async def test_a_private_site_may_use_its_own_address_only() -> None:
    policy = NetworkPolicy.for_site("http://intranet.agency.test:8080/", overrides={"intranet.agency.test": "10.1.1.1"})
    await policy.prepare()
    assert policy.address_refusal("intranet.agency.test", "10.1.1.1") is None  # the site itself: an intranet
    assert policy.address_refusal("intranet.agency.test", "10.1.1.2") is not None  # a neighbour is not
    assert policy.address_refusal("x", "::ffff:169.254.169.254") is not None  # mapped IPv6 is seen through
    assert policy.address_refusal("x", "203.0.113.9") is not None  # documentation range: reserved, not public
    assert policy.address_refusal("x", "1.1.1.1") is None
    assert NetworkPolicy.for_site("http://a.test/", allow_private=True).address_refusal("a", "10.9.9.9") is None
    assert policy.url_refusal("gopher://intranet.agency.test/") == "scheme"
    assert policy.url_refusal("http://intranet.agency.test:8081/") == "off-site"  # another port, another site
    assert policy.url_refusal("https://www.intranet.agency.test:8080/x") is None
    assert policy.browser_rules().endswith("MAP * ~NOTFOUND")
    assert "MAP intranet.agency.test:8080 10.1.1.1:8080" in policy.browser_rules()
    assert not is_public(parse_ip("100.64.0.1"))  # type: ignore[arg-type]  # carrier-grade NAT: shared, not public


_APP_JS = """
const out = document.getElementById('app');
out.innerHTML = '<h1>องค์การบริหารส่วนตำบลทดสอบ</h1><a href="/structure.html">โครงสร้างองค์กร</a>';
function add(t) { const p = document.createElement('p'); p.textContent = t; out.appendChild(p); }
fetch('OTHER' + 'api/secret').then(r => r.text()).then(add).catch(() => add('blocked-fetch'));
fetch('/hop').then(r => r.text()).then(add).catch(() => add('blocked-hop'));
fetch('ADMIN' + 'admin').then(r => r.text()).then(add).catch(() => add('blocked-admin'));
const s = document.createElement('script'); s.src = 'OTHER' + 'lib.js'; document.head.appendChild(s);
const f = document.createElement('iframe'); f.src = 'OTHER' + 'frame'; document.body.appendChild(f);
try { const ws = new WebSocket('OTHER'.replace('http', 'ws') + 'ws'); ws.onmessage = e => add(e.data); } catch (e) {}
const i = document.createElement('iframe'); i.src = '/hop-frame'; document.body.appendChild(i);
"""


@pytest.mark.skipif(find_browser() is None, reason="no Chromium found (make test installs it as root)")
async def test_a_pages_scripts_reach_no_other_host(
    tmp_path: Path, pack: RulePack, foreign: tuple[str, str, type[FixtureHandler], type[FixtureHandler]]
) -> None:
    other, admin, other_hits, admin_hits = foreign
    (tmp_path / "site").mkdir()
    routes: dict[str, dict[str, Any]] = {
        "/": {"body": '<html><body><div id="app"></div><script src="/app.js"></script></body></html>'},
        "/app.js": {
            "body": _APP_JS.replace("OTHER", other).replace("ADMIN", admin),
            "headers": {"Content-Type": "text/javascript"},
        },
        "/hop": {"status": 302, "redirect": other + "hop-secret"},  # followed by the browser itself, not us
        "/hop-frame": {"status": 302, "redirect": "http://169.254.169.254/latest/meta-data/"},
        "/structure.html": {"body": "<html><body><h1>โครงสร้างองค์กร</h1></body></html>"},
    }
    with serve_site(tmp_path / "site", routes) as (base, hits):
        run = await run_check(
            base, pack, options=CrawlOptions(max_seconds=60, max_pages=5, render="always"), ocr=None, cache=None
        )
    assert hits.hits["/app.js"] >= 1 and hits.hits["/hop"] >= 1  # the app ran and asked its own site
    assert not other_hits.hits and not admin_hits.hits  # nothing reached another host, in any way
    assert run.report.stats.rendered >= 1
    cov = run.report.coverage
    assert cov is not None and cov.blocked_hosts.get("127.0.0.2", 0) >= 3  # fetch, script, iframe
    text = _all_formats(run.report)
    assert SECRET not in text
    assert "127.0.0.2" in text  # the report says what was blocked


def test_the_command_line_says_in_one_line_where_the_home_page_leads(
    tmp_path: Path, foreign: tuple[str, str, type[FixtureHandler], type[FixtureHandler]]
) -> None:
    other, _admin, other_hits, _ = foreign
    (tmp_path / "site").mkdir()
    routes = {"/": {"status": 302, "redirect": other + "home"}}
    with serve_site(tmp_path / "site", routes) as (base, _hits):
        out = tmp_path / "r.json"
        cmd = ["check", base, "--no-history", "--no-cache", "--no-ocr", "-q", "-f", "json", "-o", str(out)]
        done = subprocess.run([sys.executable, "-m", "checker.cli", *cmd], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and other + "home" in lines[0] and "oitcheck check" in lines[0], lines
    assert not other_hits.hits
    assert SECRET not in out.read_text(encoding="utf-8")


def test_resolve_checks_a_site_by_name_before_its_dns_exists(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    routes = {"/": {"body": _home()}}
    with serve_site(tmp_path / "site", routes) as (base, hits):
        port = base.rsplit(":", 1)[1].strip("/")
        out = tmp_path / "r.json"
        cmd = ["check", f"http://agency.test:{port}/", "--resolve", "agency.test:127.0.0.1", "--no-history"]
        cmd += ["--no-cache", "--no-ocr", "-q", "-f", "json", "-o", str(out), "--max-seconds", "30"]
        done = subprocess.run([sys.executable, "-m", "checker.cli", *cmd], capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr  # checked (items fail), not "could not be checked"
    assert hits.hits["/"] == 1
    assert '"url": "http://agency.test:' in out.read_text(encoding="utf-8")
