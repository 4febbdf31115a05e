"""A JavaScript-only site: read through real headless Chromium; without a browser, said so, never guessed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from checker.api import run_check
from checker.crawl.crawler import Crawler, CrawlOptions
from checker.crawl.fetcher import HttpxFetcher
from checker.crawl.render import find_browser
from checker.rules.schema import RulePack
from tests.support.server import serve_site

SPA = Path(__file__).parents[1] / "fixtures" / "sites" / "spa"
needs_browser = pytest.mark.skipif(find_browser() is None, reason="no Chromium found (make test installs it as root)")


@needs_browser
def test_spa_items_are_found_through_the_browser(pack: RulePack) -> None:
    with serve_site(SPA) as (base, _):
        run = asyncio.run(run_check(base, pack, ocr=None, options=CrawlOptions(render="auto")))
    assert run.report.stats.rendered >= 1
    items = {i.id: i for i in run.report.items}
    # The ITA table exists only after JavaScript runs; its rows lead to the structure and contact pages.
    assert items["O1"].status != "missing" and "structure.html" in items["O1"].evidence[0].url
    assert any("contact.html" in e.url for e in items["O5"].evidence)
    assert run.report.coverage is not None and run.report.coverage.not_rendered == []


def test_without_a_browser_the_shell_is_listed_and_missing_becomes_review(pack: RulePack) -> None:
    async def crawl(base: str):  # type: ignore[no-untyped-def]
        fetcher = HttpxFetcher(timeout=5)
        try:
            return await Crawler(fetcher, CrawlOptions(render="auto"), renderer=None).crawl(base)
        finally:
            await fetcher.aclose()

    with serve_site(SPA) as (base, _):
        crawl_result = asyncio.run(crawl(base))
        run = asyncio.run(run_check(base, pack, ocr=None, options=CrawlOptions(render="never")))
    assert crawl_result.not_rendered == [base]
    assert crawl_result.coverage().not_rendered == [base]
    # With rendering off nothing is claimed about the shell; with no browser the items say why they are unknown.
    from checker.evaluate.evaluator import evaluate
    from checker.evaluate.evidence import SiteContent

    items = evaluate(
        pack,
        SiteContent(base, crawl_result.resources, crawl_result.documents, unrendered=tuple(crawl_result.not_rendered)),
    )
    o20 = next(i for i in items if i.id == "O20")
    assert o20.status == "review" and any("เบราว์เซอร์" in r for r in o20.reasons)
    assert {i.status for i in run.report.items} >= {"missing"}
