"""Single-page apps read route by route in real headless Chromium: the demo site rebuilt as an app with hash
routes (/#/about) and with history routes (/about), its main menu built only when its toggle is clicked.
The verdicts must equal the demo's ground truth, and the evidence is cited at the routes a person opens."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from checker.api import run_check
from checker.crawl.crawler import CrawlOptions
from checker.crawl.render import find_browser
from checker.demo import ground_truth
from checker.rules.schema import RulePack
from tests.support import spa_demo
from tests.support.server import serve_site

needs_browser = pytest.mark.skipif(find_browser() is None, reason="no Chromium found (make test installs it as root)")


@needs_browser
@pytest.mark.parametrize("mode", ["hash", "history"])
def test_an_app_is_read_route_by_route_and_judged_as_the_static_site(
    mode: spa_demo.Mode, tmp_path: Path, pack: RulePack
) -> None:
    site = spa_demo.build(tmp_path / mode, mode)
    with serve_site(site, spa_demo.routes(mode)) as (base, _):
        run = asyncio.run(run_check(base, pack, options=CrawlOptions(render="auto")))
    assert run.site_error is None
    assert ground_truth.compare(ground_truth.load(ocr=run.ocr_available), run.report) == []
    cov = run.report.coverage
    assert cov is not None and cov.not_rendered == [] and run.report.stats.rendered >= 45
    # Cited where a person would open it: the route, not the shell.
    o1 = next(i for i in run.report.items if i.id == "O1")
    assert o1.evidence[0].url == (f"{base}#/structure" if mode == "hash" else f"{base}structure")


@needs_browser
def test_the_menu_must_be_opened_to_find_the_sections(
    tmp_path: Path, pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same app read without opening menus misses every section only the menu links to: the check above
    passes because menus are opened, not because the sections are linked elsewhere."""
    from checker.crawl import render

    async def leave_closed(self: render.PlaywrightRenderer, page: object) -> None:
        return None

    monkeypatch.setattr(render.PlaywrightRenderer, "_open_menus", leave_closed)
    site = spa_demo.build(tmp_path / "hash", "hash")
    with serve_site(site) as (base, _):
        run = asyncio.run(run_check(base, pack, ocr=None, options=CrawlOptions(render="auto")))
    statuses = {i.id: i.status for i in run.report.items}
    assert statuses["O1"] == statuses["O2"] == "missing"
