"""8,000 synthetic sites: the dashboard is written in seconds, stays a few megabytes, and in headless Chromium
loads, searches, filters and sorts without freezing the page. Limits are generous (two shared CPU cores in CI);
the measured numbers are printed (run with `-s`) and docs/dashboard.md quotes a run of tests/dashboard/bench.py.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from tests.dashboard.bench import load, write
from tests.report.test_html import browser, needs_browser  # noqa: F401  (a fixture)


@needs_browser
def test_eight_thousand_sites(browser: Browser, tmp_path: Path) -> None:  # noqa: F811
    timing, index = write(8000, tmp_path / "dash", reports=False)
    errors = load(browser, index, timing)
    print("\n" + "\n".join(timing.lines()))
    assert errors == []
    assert timing.write_s < 30
    assert timing.index_bytes < 8_000_000
    assert timing.load_ms < 15_000
    for took in (timing.search_ms, timing.filter_ms, timing.sort_ms):
        assert took < 3_000  # a change answers within a moment, at 100 rows a page
