"""The group dashboard, from a real SQLite history to a page in real headless Chromium: ranking, totals, filters,
search, heat-map, common failures, trends, links to the per-site reports, hostile names, English, the CLI.

Screenshots are written to each test's pytest tmp dir (run with `-s` to see the paths); the Thai one is also
copied to docs/img/dashboard.png for docs/dashboard.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from rich.console import Console

from checker.commands import dashboard as command
from checker.dashboard import SiteEntry, entries_from_store, write_dashboard
from checker.dashboard.data import safe_href, script_json, slug
from checker.rules.schema import RulePack
from checker.store import SqliteStore, site_key
from tests.dashboard.group import (
    HOSTILE,
    SITES,
    build_store,
    estimate_of,
    latest_estimate,
    latest_grade,
    latest_score,
    statuses,
)
from tests.report.test_html import Watched, browser, needs_browser  # noqa: F401  (browser: a fixture)

DOCS_IMG = Path(__file__).parents[2] / "docs" / "img" / "dashboard.png"


@dataclass
class Built:
    db: Path
    out: Path
    index: Path
    entries: list[SiteEntry]


def _build(tmp: Path, pack: RulePack, lang: str = "th") -> Built:
    db = tmp / "history.db"
    store = build_store(db, pack) if not db.exists() else SqliteStore(db)
    try:
        entries = entries_from_store(store)
    finally:
        store.close()
    out = tmp / f"site-{lang}"
    index = write_dashboard(entries, out, lang=lang, pack=pack, title="จังหวัดทดสอบ")
    return Built(db, out, index, entries)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, pack: RulePack) -> Built:
    return _build(tmp_path_factory.mktemp("dashboard"), pack)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:  # noqa: F811
    w = Watched(browser)
    w.context.set_default_timeout(15_000)
    yield w
    w.context.close()


def _ranked(pack: RulePack) -> list[str]:
    """Site names by estimated OIT score, best first; then sites stored without one, by items passed; then the
    sites never checked."""
    total = len(pack.items)
    ranked = sorted(
        (s for s in SITES if latest_estimate(s, pack) is not None), key=lambda s: -(latest_estimate(s, pack) or 0)
    )
    unranked = [s for s in SITES if latest_estimate(s, pack) is None and latest_score(s, total) is not None]
    unranked.sort(key=lambda s: -(latest_score(s, total) or 0))
    return [s.name for s in (*ranked, *unranked)] + [s.name for s in SITES if latest_score(s, total) is None]


def _data(index: Path) -> dict[str, Any]:
    html = index.read_text(encoding="utf-8")
    return dict(json.loads(re.findall(r'id="dash-data">(.*?)</script>', html)[0]))


def _names(page: Page) -> list[str]:
    return [str(n) for n in page.eval_on_selector_all("#rows th[scope=row]", "ths => ths.map(t => t.firstChild.data)")]


# --------------------------------------------------------------------------- from the store


def test_entries_take_the_latest_checked_run_and_flag_sites_down_now(built: Built, pack: RulePack) -> None:
    by_site = {e.site: e for e in built.entries}
    assert len(by_site) == len(SITES)
    a = by_site[site_key("https://www.tambon-a.go.th/")]
    assert a.checked and not a.down and a.name == "อบต.ท่าช้าง"
    assert [p.percent for p in a.trend] == [46.5, 69.8, 93.0]  # oldest first, ending with the run shown
    assert [p.estimate for p in a.trend] == [estimate_of(pack, n) for n in (20, 30, 40)]
    assert (a.estimate, a.grade) == (a.record.estimate, a.record.grade) and a.estimate == estimate_of(pack, 40)
    assert a.tags == {"name": "อบต.ท่าช้าง", "province": "นครราชสีมา", "district": "เมือง", "type": "อบต."}
    assert a.report is not None and a.report.score.percent == 93.0
    e = by_site[site_key("https://tambon-e.go.th/")]  # checked once, then down: score kept, flagged down
    assert e.checked and e.down and e.record.percent == 69.8 and e.latest is not None and e.latest.site_error
    f = by_site[site_key("https://tambon-f.go.th/")]  # never checked
    assert not f.checked and f.down and f.trend == [] and f.estimate is None
    store = SqliteStore(built.db)
    try:
        short = {e.site: e for e in entries_from_store(store, history=2)}
        assert [p.percent for p in short[a.site].trend] == [69.8, 93.0]
        assert entries_from_store(store, ruleset="other") == []
        assert len(entries_from_store(store, ruleset=pack.id, fiscal_year=pack.fiscal_year)) == len(SITES)
    finally:
        store.close()


def test_embedded_data_cannot_break_out_and_reads_back(built: Built) -> None:
    html = built.index.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="dash-data">(.*?)</script>', html, re.S)
    assert data is not None
    raw = data.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw  # so no </script>, <!-- or entity in it
    names = {row[0] for row in json.loads(raw)["sites"]}
    assert set(HOSTILE) <= names
    assert html.count("<script") == 2  # the data and the page's own script
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//[^"']*\.(?:js|css|woff2?|ttf)""", html)
    assert "@import" not in html and "url(" not in html
    assert json.loads(script_json({"x": "</script><!--\u2028&"}))["x"] == "</script><!--\u2028&"


def test_report_files_and_links(built: Built) -> None:
    files = sorted(p.name for p in (built.out / "sites").iterdir())
    assert len(files) == len(SITES) and all(re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}\.html", f) for f in files)
    assert slug("a.go.th/x") != slug("a.go.th-x") and slug("").startswith("site-")
    assert safe_href("sites/a.html") == "sites/a.html" and safe_href("https://a.go.th/r.html")
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil/x", " sites/a.html", "vbscript:x", ""):
        assert safe_href(bad) is None, bad


def test_report_href_links_elsewhere_and_writes_no_reports(built: Built, tmp_path: Path, pack: RulePack) -> None:
    index = write_dashboard(
        built.entries, tmp_path / "d", pack=pack, report_href=lambda e: f"https://reports.example/{e.site}.html"
    )
    assert not (tmp_path / "d" / "sites").exists()
    rows = _data(index)["sites"]
    assert all(str(r[8]).startswith("https://reports.example/") for r in rows)
    bad = write_dashboard(built.entries, tmp_path / "e", report_href=lambda e: "javascript:alert(1)")
    assert "javascript:" not in bad.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the command


def _args(**kw: object) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    command.add_parser(p.add_subparsers())
    argv = ["dashboard"] + [x for k, v in kw.items() if v is not None for x in (f"--{k}", str(v))]
    return p.parse_args(argv)


def _consoles() -> tuple[Console, Console, io.StringIO, io.StringIO]:
    o, e = io.StringIO(), io.StringIO()
    return Console(file=o, width=300), Console(file=e, width=300), o, e


def test_cli_writes_the_site(built: Built, tmp_path: Path, pack: RulePack) -> None:
    out, err, o, e = _consoles()
    code = command.run(_args(store=built.db, output=tmp_path / "cli", lang="en", title="Test province"), out, err)
    assert code == 0, e.getvalue()
    html = (tmp_path / "cli" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Test province" in html and "Sites ranked by estimated OIT score" in html
    assert len(list((tmp_path / "cli" / "sites").glob("*.html"))) == len(SITES)
    rows = {r[0]: r for r in _data(tmp_path / "cli" / "index.html")["sites"]}
    assert rows[HOSTILE[2]][13] == estimate_of(pack, 9)  # the command knows the pack: the old run is scored
    assert "wrote" in o.getvalue() and "9 sites, oit_2567 2567" in o.getvalue()


def test_cli_store_that_cannot_be_opened_is_one_line_and_exit_2(tmp_path: Path) -> None:
    not_db = tmp_path / "junk.db"
    not_db.write_bytes(b"this is not a database" * 100)
    for store in (tmp_path / "nothing-here.db", not_db):
        out, err, _o, e = _consoles()
        assert command.run(_args(store=store, output=tmp_path / "x"), out, err) == 2
        lines = e.getvalue().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and str(store) in lines[0], lines
    out, err, _o, e = _consoles()
    assert command.run(_args(store=not_db, output=tmp_path / "x", rules="no_such_pack"), out, err) == 2


# --------------------------------------------------------------------------- in the browser


@needs_browser
def test_ranking_totals_and_a_screenshot(watched: Watched, built: Built, pack: RulePack, tmp_path: Path) -> None:
    page = watched.open(built.index)
    assert page.evaluate("document.documentElement.lang") == "th"
    assert _names(page) == _ranked(pack)
    ranks = page.eval_on_selector_all("#rows tr td:first-child", "tds => tds.map(t => t.textContent)")
    assert ranks[:7] == [str(n) for n in range(1, 8)] and ranks[7:] == ["—", "—"]  # no estimate: not ranked
    assert page.inner_text("#t-sites dd") == "9"
    assert page.inner_text("#t-checked dd") == "7"
    assert page.inner_text("#t-down dd") == "2"
    estimates = [e for e in (latest_estimate(s, pack) for s in SITES) if e is not None]
    average = page.inner_text("#t-average dd")
    assert len(estimates) == 7 and average.startswith(f"{sum(estimates) / 7:.2f}")  # of the 7 with an estimate
    assert "จาก 7 แห่งที่มีคะแนน OIT" in average
    assert "189 จาก 344 ข้อ" in page.inner_text("#t-items dd")
    assert "แสดง 1–9 จาก 9 แห่ง" in page.inner_text("#shown")
    heads = page.eval_on_selector_all("#ranking thead th", "ths => ths.map(t => t.textContent.trim())")
    assert heads[5:7] == ["คะแนน OIT (ประมาณ)", "ข้อที่ผ่าน"]  # the headline, then items passed
    first = page.locator("#rows tr").first  # เทศบาลตำบลโนนสูง: every item passes
    cells = first.locator("td").all_inner_texts()
    assert cells[4] == "100.00 AA" and cells[5] == "100.0%" and cells[6:12] == ["43", "0", "0", "0", "0", "0"]
    a = page.locator("#rows tr", has_text="อบต.ท่าช้าง").locator("td").all_inner_texts()
    assert a[4] == f"{estimate_of(pack, 40):.2f} {latest_grade(pack, 40)}" and a[5] == "93.0%"
    old = page.locator("#rows tr", has_text="'quote'")  # stored without an estimate
    assert old.locator("td").all_inner_texts()[4:6] == ["—", "20.9%"]
    assert "ก่อนที่ประวัติจะเก็บคะแนน OIT" in (old.locator("td").nth(4).locator("span").get_attribute("title") or "")
    down = page.locator("#rows tr.is-down")
    assert down.count() == 2 and "ตรวจไม่ได้เมื่อ" in down.first.inner_text()

    shot = tmp_path / "dashboard-th.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot: {shot}")
    with Image.open(shot) as image:
        assert image.width == 1100 and image.height > 1500
        colours = image.convert("RGB").resize((64, 256)).getcolors(maxcolors=64 * 256) or []
        assert len(colours) > 50  # not a blank page
    if os.environ.get("OITCHECK_DOCS_IMG"):  # redraw docs/img only when asked: a test run leaves the tree alone
        DOCS_IMG.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_IMG)
    assert watched.errors == [] and watched.dialogs == []


@needs_browser
def test_filters_search_and_sorting(watched: Watched, built: Built, pack: RulePack) -> None:
    page = watched.open(built.index)
    page.select_option("#f-province", "บุรีรัมย์")
    buriram = [s.name for s in SITES if s.province == "บุรีรัมย์"]
    assert sorted(_names(page)) == sorted(buriram)
    districts = page.eval_on_selector_all("#f-district option", "os => os.map(o => o.value)")
    assert sorted(districts) == sorted({"", *(s.district for s in SITES if s.province == "บุรีรัมย์")})
    page.select_option("#f-district", "เมือง")
    assert sorted(_names(page)) == sorted(s.name for s in SITES if s.province == "บุรีรัมย์" and s.district == "เมือง")
    page.select_option("#f-province", "")
    page.select_option("#f-status", "down")
    assert sorted(_names(page)) == sorted(["อบต.หนองกี่", "อบต.ลำปลายมาศ"])
    page.select_option("#f-status", "allpass")
    assert _names(page) == ["เทศบาลตำบลโนนสูง"]
    page.select_option("#f-status", "has-missing")
    assert len(_names(page)) == 7  # every checked site but the one that passes everything
    page.select_option("#f-status", "")
    page.select_option("#f-type", "เทศบาลตำบล")
    assert sorted(_names(page)) == sorted(s.name for s in SITES if s.type == "เทศบาลตำบล")
    page.select_option("#f-type", "")
    page.fill("#f-text", "tambon-c")  # the address
    expect(page.locator("#rows tr")).to_have_count(1)
    assert _names(page) == ["อบต.บ้านใหม่"]
    page.fill("#f-text", "ไม่มีชื่อนี้")
    expect(page.locator("#rows td.none")).to_have_count(1)
    assert page.locator("#heat-rows tr").count() == 0
    page.fill("#f-text", "")
    expect(page.locator("#rows tr")).to_have_count(9)
    page.click('#ranking th[data-sort="score"] button')  # numbers sort high to low first
    assert page.get_attribute('#ranking th[data-sort="score"]', "aria-sort") == "descending"
    assert _names(page) == _ranked(pack)
    page.click('#ranking th[data-sort="score"] button')
    assert page.get_attribute('#ranking th[data-sort="score"]', "aria-sort") == "ascending"
    assert _names(page)[0] == "อบต.บ้านใหม่" and _names(page)[-2:] == [HOSTILE[2], "อบต.ลำปลายมาศ"]  # none: last
    page.click('#ranking th[data-sort="percent"] button')  # items passed: the old site takes its place
    assert page.get_attribute('#ranking th[data-sort="percent"]', "aria-sort") == "descending"
    total = len(pack.items)
    by_percent = sorted(
        (s for s in SITES if latest_score(s, total) is not None), key=lambda s: -(latest_score(s, total) or 0)
    )
    assert _names(page) == [s.name for s in by_percent] + ["อบต.ลำปลายมาศ"]
    page.select_option("#f-size", "50")
    assert page.locator("#pager").is_hidden()
    assert watched.errors == []


@needs_browser
def test_heat_map_common_failures_and_trends(watched: Watched, built: Built, pack: RulePack) -> None:
    page = watched.open(built.index)
    heads = page.eval_on_selector_all("#heat-head th", "ths => ths.map(t => t.textContent)")
    assert heads[1:] == [i.id for i in pack.items] and len(heads) == 44
    assert page.locator("#heat-rows tr").count() == 9
    row = page.locator("#heat-rows tr", has_text="อบต.บ้านใหม่")
    expected = statuses(pack, 5)
    codes = {"pass": "c-p", "incomplete": "c-i", "outdated": "c-o", "missing": "c-m", "unreachable": "c-u",
             "review": "c-r"}  # fmt: skip
    for status, css in codes.items():
        assert row.locator(f"td.{css}").count() == sum(1 for s in expected.values() if s == status), status
    cell = row.locator("td").nth(42)  # O43
    assert expected["O43"] == "incomplete"
    assert cell.get_attribute("title") == f"O43 {pack.items[42].title.th}: ไม่ครบ" and cell.inner_text() == "◐"
    never = page.locator("#heat-rows tr", has_text="อบต.ลำปลายมาศ")
    assert never.locator("td.c-none").count() == 43
    legend = page.inner_text("#legend")
    for mark, word in (("✔", "ผ่าน"), ("◐", "ไม่ครบ"), ("◷", "ไม่เป็นปัจจุบัน"), ("✘", "ไม่พบ"), ("⚠", "เปิดไม่ได้")):
        assert mark in legend and word in legend

    # Most common failures: O41–O43 fail on all 7 sites that do not pass everything (of 8 with a score).
    first = page.locator("#failing tbody tr").first
    assert first.get_attribute("data-item") == "O41" and first.locator("td.num").inner_text() == "7"
    assert "87.5%" in first.inner_text()
    assert page.locator("#failing tbody tr").count() == 10
    assert page.locator("#missing tbody tr").count() == 10
    assert page.locator("#missing tbody tr").first.locator("td.num").inner_text() == "7"

    # Each site's trend: a sparkline with one point per run; the group's by month.
    spark = page.locator("#rows tr", has_text="อบต.ท่าช้าง").locator("svg.spark")
    assert spark.count() == 1
    points = spark.locator("polyline").get_attribute("points") or ""
    assert len(points.split()) == 3  # the estimated OIT score of each run, on 0–100
    assert points.split()[0] == f"0.0,{22 - 22 * estimate_of(pack, 20) / 100:.1f}"
    label = spark.get_attribute("aria-label") or ""
    assert label.startswith("คะแนน OIT (ประมาณ) ย้อนหลัง 3 ครั้ง: ")
    assert f" {estimate_of(pack, 20):.2f} (ข้อที่ผ่าน 46.5%)" in label
    assert f" {estimate_of(pack, 40):.2f} (ข้อที่ผ่าน 93.0%)" in (spark.locator("title").text_content() or "")
    old = page.locator("#rows tr", has_text="'quote'")  # runs stored without an estimate: nothing to draw
    assert old.locator("svg.spark").count() == 0 and "ยังไม่มีคะแนน OIT ย้อนหลัง" in old.inner_text()
    assert page.locator("#group-trend polyline").count() == 1 and page.locator("#months tbody tr").count() == 3
    # January: the first run of eight sites (one stored without an estimate; one site down).
    levels = [s.levels[0] for s in SITES if s.levels[0] >= 0]
    scored = [estimate_of(pack, s.levels[0]) for s in SITES if s.levels[0] >= 0 and not s.old]
    percents = [round(100 * n / len(pack.items), 1) for n in levels]
    january = page.locator("#months tbody tr").first.locator("td").all_inner_texts()
    assert january == [f"{sum(scored) / len(scored):.2f}", f"{sum(percents) / len(percents):.1f}%", str(len(levels))]
    assert watched.errors == []


@needs_browser
def test_report_links_open_the_sites_reports(watched: Watched, built: Built) -> None:
    page = watched.open(built.index)
    hrefs = [str(h) for h in page.eval_on_selector_all("#rows a[href^='sites/']", "as => as.map(a => a.href)")]
    assert len(hrefs) == len(SITES)
    for href in hrefs:
        assert href.startswith("file://") and Path(href.removeprefix("file://")).is_file()
    page.locator("#rows tr", has_text="อบต.ท่าช้าง").get_by_role("link", name="เปิดรายงาน").click()
    page.wait_for_load_state("load")
    assert "ผ่าน 40 จาก 43 ข้อ" in page.inner_text("body")


@needs_browser
@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_names_stay_text(watched: Watched, built: Built, tmp_path: Path, csp: bool) -> None:
    html = built.index.read_text(encoding="utf-8")
    if not csp:  # the policy is a second wall; escaping alone must already hold
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    page = watched.open(path)
    page.wait_for_timeout(300)
    assert watched.dialogs == [] and watched.errors == []
    assert page.locator("img").count() == 0 and page.locator("script").count() == 2
    assert page.locator("[onerror],[onload],[onmouseover],[onclick]").count() == 0
    text = page.inner_text("#rows")
    for name in HOSTILE:
        assert name in text, name
    assert page.locator("#heat-rows th", has_text=HOSTILE[1]).get_attribute("title") == HOSTILE[1]
    page.fill("#f-text", "<script>")
    expect(page.locator("#rows tr")).to_have_count(2)
    assert watched.dialogs == []


@needs_browser
def test_english_labels(watched: Watched, built: Built, pack: RulePack, tmp_path: Path) -> None:
    index = write_dashboard(built.entries, tmp_path / "en", lang="en", pack=pack)
    page = watched.open(index)
    assert page.evaluate("document.documentElement.lang") == "en"
    text = page.inner_text("body")
    for words in (
        "Sites ranked by estimated OIT score",
        "Could not be checked",
        "Average OIT score (est.)",
        "Items passed",
        "Items most often not passing",
        "Elements most often missing",
        "Showing 1–9 of 9 sites",
        "Open report",
        "Each site's items (O1–O43)",
    ):
        assert words in text, words  # fmt: skip
    assert "missing" in page.inner_text("#legend")
    page.screenshot(path=str(tmp_path / "dashboard-en.png"), full_page=True)
    assert watched.errors == []


@needs_browser
def test_prints_without_controls_and_makes_no_request(watched: Watched, built: Built, tmp_path: Path) -> None:
    seen: list[str] = []
    watched.page.on("request", lambda request: seen.append(request.url))
    page = watched.open(built.index)
    assert seen == [built.index.as_uri()]
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible() and not page.locator("#pager").is_visible()
    pdf = tmp_path / "dashboard.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    assert pdf.read_bytes()[:5] == b"%PDF-"
