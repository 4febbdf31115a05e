"""The fix-first HTML report in a real headless Chromium: the OIT estimate and what to fix first at the top, in
the order `plan()` gives, each fix with its file or page; the status and trend charts; the one-page printed
summary (checked in the PDF itself); English; hostile site text in the new parts.

The input is the demo site checked for real (served locally, no OCR, no browser rendering) with its address
replaced by an agency-like one, so the report has every kind of fix. With OITCHECK_DOCS_IMG=1 the tests also
write docs/img/report-fix-first.png and docs/img/report-print.png for docs/reports.md.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import Browser, Page

from checker.api import run_check
from checker.crawl.results import CrawlOptions
from checker.demo.server import serve
from checker.models import ElementOut, EvidenceOut, ItemResult, Reason, SiteReport, TrendPoint, Waiver
from checker.reasons import localise
from checker.report import render_args
from checker.report.fixes import FixPlan, plan
from checker.report.html import SUMMARY_FIXES, render_html, short_url, when
from checker.report.terminal import MARKS
from checker.rules.base import Text
from checker.rules.schema import RulePack
from checker.rules.scoring import Indicator, Scoring, grade
from tests.report.sample import BREAKOUT, JS_URL, SCRIPT, make_report
from tests.report.test_html import Watched, browser, needs_browser  # noqa: F401  (browser: a fixture)

SITE = "https://www.bansuandok.go.th/"
DOCS_IMG = Path(__file__).parents[2] / "docs" / "img"
TREND = [("2024-02-01T02:00:00+00:00", 55.8, 58.1), ("2024-03-15T09:30:00+00:00", 62.8, 63.4)]


@pytest.fixture(scope="module")
def demo(pack: RulePack) -> SiteReport:
    """The demo site's report, as `oitcheck demo --render never` makes it, at an agency-like address."""
    with serve() as base, ThreadPoolExecutor(1) as pool:  # a thread of its own: Playwright's loop runs here
        check = run_check(base, pack, ocr=None, options=CrawlOptions(render="never"))
        run = pool.submit(asyncio.run, check).result()
    return SiteReport.model_validate_json(run.report.model_dump_json().replace(base, SITE))


def with_trend(report: SiteReport, pack: RulePack) -> SiteReport:
    """The report as a stored run with two earlier ones: a three-point trend, this run last."""
    now = plan(report, pack.scoring).estimate.score
    points = [TrendPoint(started_at=at, percent=pc, estimate=est) for at, pc, est in TREND]
    points.append(TrendPoint(started_at=report.started_at, percent=report.score.percent, estimate=now))
    return report.model_copy(update={"trend": points})


def _render(report: SiteReport, pack: RulePack, lang: str = "th") -> str:
    shown = localise(report, lang, pack) if lang != "th" else report
    return render_html(shown, lang=lang, **render_args(pack, lang))


def _plan(report: SiteReport, pack: RulePack, lang: str = "th") -> FixPlan:
    shown = localise(report, lang, pack) if lang != "th" else report
    return plan(shown, pack.scoring, lang, render_args(pack, lang)["titles"])


def _open(w: Watched, tmp_path: Path, html: str, name: str = "report.html") -> Page:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return w.open(path)


def _text(page: Page, selector: str) -> str:
    return re.sub(r"\s+", " ", page.inner_text(selector)).strip()


def _pdf_pages(page: Page, path: Path) -> list[str]:
    """Print the page as Chromium does (A4, print media) and read each page's text back from the PDF."""
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4", print_background=True)
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _squash(text: str) -> str:
    """PDF text without its line breaks, hyphenation marks and spaces (Thai has none between words)."""
    return re.sub(r"[\s\ufffe\u00ad]+", "", text)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:  # noqa: F811
    w = Watched(browser)
    w.context.set_default_timeout(15_000)
    yield w
    w.context.close()


# --------------------------------------------------------------------------- the top of the report


@needs_browser
def test_fixes_come_first_in_plan_order_with_the_estimate_and_each_path(
    watched: Watched, tmp_path: Path, demo: SiteReport, pack: RulePack
) -> None:
    fixes = _plan(demo, pack)
    assert len(fixes.fixes) > SUMMARY_FIXES and fixes.to_check  # the demo has every kind of fix
    page = _open(watched, tmp_path, _render(demo, pack))

    # Order on the page: the estimate, the fixes, the items to check, then the checklist.
    order = page.eval_on_selector_all("#summary, #fixes, #fixes-more, #to-check, #items", "els => els.map(e => e.id)")
    assert order == ["summary", "fixes", "fixes-more", "to-check", "items"]
    score, letter = fixes.estimate.score, fixes.estimate.grade
    assert _text(page, "#estimate") == f"คะแนน OIT โดยประมาณ {score:.2f} ({letter})"
    assert "เป็นคะแนนโดยประมาณ" in _text(page, "#summary .note")
    reachable = f"{fixes.reachable:.2f} ({grade(fixes.reachable, pack.scoring)})"
    assert _text(page, "#summary .reachable") == f"ถ้าแก้ครบทุกข้อด้านล่าง: {reachable}"
    indicators = _text(page, "#summary .indicators")
    for ind in fixes.estimate.indicators:
        assert f"{ind.code} {pack.scoring.indicators[ind.code].name.th} {ind.score:.2f}" in indicators

    # The fixes, as plan() orders them, each with its mark, effort, points and the path to act on.
    shown = page.eval_on_selector_all("#fixes .fix, #fixes-more .fix", "els => els.map(e => e.dataset.item)")
    assert shown == [f.item for f in fixes.fixes]
    for f in fixes.fixes:
        row = f'.fix[data-item="{f.item}"]'
        head = _text(page, f"{row} .fix-head")
        assert head.startswith(f"{f.item} {f.title}") and head.endswith(f"+{f.points:.2f} คะแนน"), head
        assert _text(page, f"{row} .effort") == {1: "แก้ได้ทันที", 2: "ปรับปรุงเอกสาร", 3: "จัดทำเอกสารใหม่"}[f.effort]
        assert page.get_attribute(f"{row} .badge", "class") == "badge" and f.status in (
            page.get_attribute(row, "class") or ""
        )
        assert _text(page, f"{row} .action") == f.action
        if f.where:
            path = short_url(f.where, SITE)
            assert page.inner_text(f"{row} .path") == path and page.get_attribute(f"{row} a.path", "href") == f.where
    assert [f.where for f in fixes.fixes if not f.where]  # a missing item has no page yet: no path, no link
    checks = page.eval_on_selector_all("#to-check .fix", "els => els.map(e => e.dataset.item)")
    assert checks == [f.item for f in fixes.to_check]
    first = fixes.to_check[0]
    assert _text(page, f'#to-check .fix[data-item="{first.item}"] .points') == f"{first.points:.2f} คะแนน ถ้าผ่าน"

    # No path is cut or runs off the page, even on a phone.
    page.set_viewport_size({"width": 390, "height": 800})
    cut = page.eval_on_selector_all(
        ".fix .action", "ps => ps.filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent)"
    )
    assert cut == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert watched.errors == []


@needs_browser
def test_waived_items_stay_in_the_checklist_only(
    watched: Watched, tmp_path: Path, demo: SiteReport, pack: RulePack
) -> None:
    victim = next(f.item for f in _plan(demo, pack).fixes)
    items = [
        i.model_copy(update={"waiver": Waiver(reason="รอสภาอนุมัติ", expires="2099-09-30")}) if i.id == victim else i
        for i in demo.items
    ]
    page = _open(watched, tmp_path, _render(demo.model_copy(update={"items": items}), pack))
    assert page.locator(f'.fix[data-item="{victim}"]').count() == 0
    assert "รอสภาอนุมัติ" in page.inner_text(f"#item-{victim} .waiver")


@needs_browser
def test_status_chart_has_a_bar_per_sub_indicator(
    watched: Watched, tmp_path: Path, demo: SiteReport, pack: RulePack
) -> None:
    page = _open(watched, tmp_path, _render(demo, pack))
    chart = page.locator("#status-chart")
    assert chart.get_attribute("role") == "img"
    assert page.text_content("#status-chart > title") == "ผลตรวจรายข้อแยกตามตัวชี้วัดย่อย"
    subs = [s for ind in _plan(demo, pack).estimate.indicators for s in ind.subs]
    assert page.eval_on_selector_all("#status-chart g.bar", "gs => gs.map(g => g.dataset.code)") == [
        s.code for s in subs
    ]
    for sub in subs:
        bar = f'#status-chart g.bar[data-code="{sub.code}"]'
        assert page.text_content(f"{bar} text.score") == f"{sub.score:.2f}"
        counts = [i.status for i in demo.items if i.indicator == sub.code]
        segments = page.eval_on_selector_all(
            f"{bar} rect.seg", "rs => rs.map(r => [r.classList[1].slice(4), r.getAttribute('width')])"
        )
        assert sorted(s for s, _w in segments) == sorted(set(counts))
        assert sum(float(w) for _s, w in segments) == pytest.approx(400, abs=0.5)  # each bar: all its items
    # Segments are coloured like the status badges, and each says its mark and count (greyscale print).
    colour = page.eval_on_selector("#status-chart rect.seg-pass", "r => getComputedStyle(r).fill")
    badge = page.eval_on_selector(".chips .st-pass", "b => getComputedStyle(b).backgroundColor")
    assert colour == badge == "rgb(26, 127, 55)"
    passed = sum(1 for i in demo.items if i.indicator == subs[0].code and i.status == "pass")
    assert f"{MARKS['pass'][0]}{passed}" in (
        page.text_content(f'#status-chart g.bar[data-code="{subs[0].code}"]') or ""
    )
    # The same numbers as a table, one row per sub-indicator.
    rows = page.locator("#summary .chart-data tbody tr")
    assert rows.count() == len(subs)
    assert not rows.first.is_visible()  # folded away until asked for
    page.click("#summary .chart-data summary")
    assert _text(page, "#summary .chart-data tbody tr:first-child").endswith(f"{subs[0].total} {subs[0].score:.2f}")


@needs_browser
def test_trend_chart_has_a_point_per_stored_run(
    watched: Watched, tmp_path: Path, demo: SiteReport, pack: RulePack
) -> None:
    report = with_trend(demo, pack)
    assert report.trend is not None
    page = _open(watched, tmp_path, _render(report, pack))
    assert page.locator("#trend-chart g.pt circle").count() == 3
    labels = page.eval_on_selector_all("#trend-chart g.pt > text", "ts => ts.map(t => t.textContent)")
    assert labels == [x for p in report.trend for x in (f"{p.estimate:.2f}", when(p.started_at, "th"))]
    assert labels[1] == "1 ก.พ. 2567 เวลา 09:00 น."  # Thai time, Buddhist year
    ys = page.eval_on_selector_all("#trend-chart g.pt circle", "cs => cs.map(c => +c.getAttribute('cy'))")
    assert ys == sorted(ys, reverse=True)  # the score rose each run: each point higher than the last
    assert page.locator("#trend-chart .grade-line").count() == len(pack.scoring.grades) - 1  # min 0 is the axis
    assert page.locator("#trend .chart-data tbody tr").count() == 3
    assert "คะแนน OIT โดยประมาณของการตรวจ 3 ครั้งล่าสุด" in (page.text_content("#trend-chart > title") or "")
    page.screenshot(path=str(tmp_path / "trend.png"), full_page=True)

    one = report.model_copy(update={"trend": report.trend[-1:]})  # a first run has nothing to draw
    assert 'id="trend"' not in _render(one, pack) and 'id="trend"' not in _render(demo, pack)


@needs_browser
@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_site_text_in_the_fixes_and_charts_stays_text(watched: Watched, tmp_path: Path, csp: bool) -> None:
    html = render_html(
        hostile_report(),
        indicators={"9.3": SCRIPT, "9.2": BREAKOUT},
        titles={"O20": f"ประกาศ {SCRIPT}"},
        scoring=Scoring(indicators={"9": Indicator(name=Text(th=BREAKOUT, en=BREAKOUT))}),
    )
    assert "<script>alert" not in html and "<img src=x" not in html
    if not csp:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page = _open(watched, tmp_path, html)
    page.wait_for_timeout(300)  # an injected handler would have fired by now
    assert watched.dialogs == [] and watched.errors == []
    assert page.locator("script").count() == 1 and page.locator("img").count() == 0  # the script is ours
    handlers = "[onerror],[onload],[onmouseover],[onclick],[onfocus],[onbegin]"
    assert page.locator(handlers).count() == 0
    hrefs = page.eval_on_selector_all("#summary a, .fixes a", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("https://", "#")) for h in hrefs), hrefs
    fixes = page.inner_text("#fixes") + page.inner_text("#to-check")
    assert f"ประกาศ {SCRIPT}" in fixes and "/files/<script>alert(1)</script>.pdf" in fixes and JS_URL in fixes
    assert BREAKOUT in page.inner_text("#summary .indicators")
    assert SCRIPT in (page.text_content("#status-chart") or "")  # a sub-indicator's name
    assert SCRIPT in (page.text_content("#trend-chart") or "")  # a stored run's unreadable date
    assert page.locator("svg script, svg foreignObject, svg a, svg image").count() == 0


def _item(item_id: str, title: str, indicator: str, status: str, **kw: object) -> ItemResult:
    base = {"id": item_id, "title": title, "indicator": indicator, "status": status, "evidence": [],
            "elements": [], "reasons": []}  # fmt: skip
    return ItemResult.model_validate({**base, **kw})


def hostile_report() -> SiteReport:
    """The sample report with fixes whose every part comes from a hostile page: file URLs, anchors, labels,
    reasons, and a trend whose stored dates are markup."""
    bad = f"https://www.example-tambon.go.th/files/{SCRIPT}.pdf"
    site = "https://www.example-tambon.go.th/"
    items = [
        _item("O20", "ประกาศ", "9.3", "unreachable",
              evidence=[EvidenceOut(url=bad, found_via=f"{BREAKOUT} — “{SCRIPT}”")],
              reason_codes=[Reason(code="unreachable", args={"url": bad, "why": SCRIPT, "via": f"{BREAKOUT} — “x”"})]),
        _item("O12", f"รายงาน {SCRIPT}", "9.2", "review", evidence=[EvidenceOut(url=JS_URL, found_via="ita.html")],
              elements=[ElementOut(id="x", label=BREAKOUT, status="unknown")], reasons=[SCRIPT]),
        _item("O2", "ผู้บริหาร", "9.1", "incomplete",
              evidence=[EvidenceOut(url=f'{site}x.html"onmouseover="alert(1)', found_via="a")],
              elements=[ElementOut(id="y", label=SCRIPT, status="not_found")]),
        _item("O11", SCRIPT, "9.2", "outdated", evidence=[EvidenceOut(url=f"{site}plan.html", found_via="a")],
              reason_codes=[Reason(code="outdated", args={"found": BREAKOUT, "need": SCRIPT})]),
        _item("O19", SCRIPT, "9.3", "missing",
              reason_codes=[Reason(code="placeholder", args={"where": f"{JS_URL} — “{BREAKOUT}”"})]),
        _item("O1", "โครงสร้าง", "9.1", "pass"),
    ]  # fmt: skip
    trend = [TrendPoint(started_at=SCRIPT, percent=1.0, estimate=10.0),
             TrendPoint(started_at=BREAKOUT, percent=2.0, estimate=20.0)]  # fmt: skip
    return make_report().model_copy(update={"items": items, "trend": trend})


# --------------------------------------------------------------------------- printing


@needs_browser
def test_printed_page_one_is_the_summary(watched: Watched, tmp_path: Path, demo: SiteReport, pack: RulePack) -> None:
    report = with_trend(demo, pack)
    fixes = _plan(report, pack)
    page = _open(watched, tmp_path, _render(report, pack))
    pages = _pdf_pages(page, tmp_path / "report.pdf")
    first, second = _squash(pages[0]), _squash(pages[1])
    site = _squash(report.site.name or "")
    assert site and site in first
    assert _squash(when(report.started_at, "th")) in first
    assert f"{fixes.estimate.score:.2f}({fixes.estimate.grade})" in first
    for ind in fixes.estimate.indicators:
        assert f"{ind.score:.2f}" in first
    for sub in (s for ind in fixes.estimate.indicators for s in ind.subs):
        assert _squash(f"{sub.code}") in first  # the status chart
    top = fixes.fixes[:SUMMARY_FIXES]
    for f in top:
        assert f"{f.item}{_squash(f.title)}" in first, f.item
        assert f"+{f.points:.2f}" in first
    # What follows starts on page 2: the rest of the fixes, then (later) the checklist.
    later = fixes.fixes[SUMMARY_FIXES]
    assert f"{later.item}{_squash(later.title)}" not in first and f"{later.item}{_squash(later.title)}" in second
    last = report.items[-1]
    assert _squash(last.title) not in first and "ผลตรวจรายข้อ" not in first
    assert "แสดง:" not in "".join(pages)  # no filter bar in print
    assert "ตัวเลขในแผนภูมิ" not in "".join(pages)  # the charts' tables are for the screen
    items_page = next(i for i, text in enumerate(pages) if "ผลตรวจรายข้อ" in text)
    assert items_page >= 1 and _squash(pages[items_page]).startswith("ผลตรวจรายข้อ")  # a page of its own
    _docs_print_image(tmp_path / "report.pdf")


# --------------------------------------------------------------------------- English


@needs_browser
def test_english_fix_first(watched: Watched, tmp_path: Path, demo: SiteReport, pack: RulePack) -> None:
    report = with_trend(demo, pack)
    fixes = _plan(report, pack, "en")
    page = _open(watched, tmp_path, _render(report, pack, "en"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert _text(page, "#estimate") == f"Estimated OIT score {fixes.estimate.score:.2f} ({fixes.estimate.grade})"
    assert _text(page, "#summary .reachable").startswith("If you make every fix below: ")
    assert "Information disclosure" in _text(page, "#summary .indicators")
    assert _text(page, "#fixes h2") == "What to fix first" and _text(page, "#to-check h2") == "Check by hand"
    f = fixes.fixes[0]
    assert _text(page, f'.fix[data-item="{f.item}"] .points') == f"+{f.points:.2f} points"
    assert _text(page, f'.fix[data-item="{f.item}"] .action') == f.action
    assert page.text_content("#status-chart > title") == "Items by status, per sub-indicator"
    assert page.inner_text("#trend h2") == "Estimated OIT score over time"
    summary = _text(page, "#summary") + _text(page, "#fixes") + _text(page, "#trend")
    assert not re.search(r"[\u0e00-\u0e7f]", summary.replace(report.site.name or "", "")), summary
    page.screenshot(path=str(tmp_path / "fix-first-en.png"))


# --------------------------------------------------------------------------- screenshots for the docs


def _docs_print_image(pdf: Path) -> None:
    if not os.environ.get("OITCHECK_DOCS_IMG"):
        return
    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc[0].render(scale=1.4).to_pil().save(DOCS_IMG / "report-print.png", optimize=True)
    finally:
        doc.close()


@needs_browser
@pytest.mark.skipif(not os.environ.get("OITCHECK_DOCS_IMG"), reason="set OITCHECK_DOCS_IMG=1 to redraw docs/img")
def test_docs_screenshot_of_the_top_of_the_report(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    demo: SiteReport,
    pack: RulePack,
) -> None:
    path = tmp_path / "report.html"
    path.write_text(_render(with_trend(demo, pack), pack), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 1100})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.screenshot(path=str(DOCS_IMG / "report-fix-first.png"))
    finally:
        context.close()
