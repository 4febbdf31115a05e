"""How the dashboard copes with 8,000 sites: time to write it, its size, and in headless Chromium the time to
load it, to filter, search and sort, and to show 500 rows at once.

    .venv/bin/python -m tests.dashboard.bench [--sites 8000] [--reports] [--out DIR]

--reports also writes every site's HTML report (write_dashboard's default); without it the reports are
linked elsewhere (report_href), which is what the dashboard itself costs. test_scale.py runs the same
measurement with limits.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from checker.crawl.render import find_browser, launch_args
from checker.dashboard import write_dashboard
from checker.rules import loader
from tests.dashboard.group import synthetic_entries


@dataclass
class Timing:
    sites: int
    write_s: float
    index_bytes: int
    report_files: int
    total_bytes: int
    load_ms: float = 0.0
    search_ms: float = 0.0
    filter_ms: float = 0.0
    sort_ms: float = 0.0
    page_500_ms: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"sites: {self.sites}",
            f"write: {self.write_s:.2f} s",
            f"index.html: {self.index_bytes / 1e6:.2f} MB; report files: {self.report_files}, "
            f"all files {self.total_bytes / 1e6:.1f} MB",
            f"Chromium: load to first rows {self.load_ms:.0f} ms; search {self.search_ms:.0f} ms; "
            f"province filter {self.filter_ms:.0f} ms; sort by score {self.sort_ms:.0f} ms; "
            f"500 rows per page {self.page_500_ms:.0f} ms",
        ]


def write(n: int, out: Path, reports: bool) -> tuple[Timing, Path]:
    pack = loader.load("oit_2567")
    entries = synthetic_entries(pack, n)
    start = time.perf_counter()
    href = None if reports else (lambda e: f"https://reports.example/{e.site}.html")
    index = write_dashboard(entries, out, pack=pack, title=f"{n} sites", report_href=href)
    took = time.perf_counter() - start
    files = list((out / "sites").glob("*.html")) if reports else []
    total = index.stat().st_size + sum(f.stat().st_size for f in files)
    return Timing(n, took, index.stat().st_size, len(files), total), index


# In the page: change a control as a user would, and time the script's work plus the layout it causes (reading
# offsetHeight forces it), in the page's own clock: Playwright's actions add their own waits.
_CHANGE = """async ([selector, value, event, pause]) => {
  const control = document.querySelector(selector);
  const start = performance.now();
  if (event === "click") { control.click(); } else { control.value = value; control.dispatchEvent(new Event(event)); }
  if (pause) await new Promise(resolve => setTimeout(resolve, pause));
  document.body.offsetHeight;
  return performance.now() - start;
}"""


def load(browser: Browser, index: Path, timing: Timing) -> list[str]:
    """Fill `timing` from a real page; returns page errors (none expected)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        start = time.perf_counter()
        page.goto(index.as_uri())
        page.locator("#rows tr").nth(99).wait_for(state="attached")
        timing.load_ms = (time.perf_counter() - start) * 1000

        def change(selector: str, value: str = "", event: str = "change", pause: int = 0) -> float:
            return float(page.evaluate(_CHANGE, [selector, value, event, pause]))

        timing.search_ms = change("#f-text", "ตัวอย่าง 77", "input", 125) - 120  # less the typing pause
        assert page.locator("#rows tr", has_text="ตัวอย่าง 7777").count() == 1
        change("#f-text", "", "input", 125)
        timing.filter_ms = change("#f-province", "บุรีรัมย์")
        change("#f-province", "")
        timing.sort_ms = change('#ranking th[data-sort="score"] button', event="click")
        timing.page_500_ms = change("#f-size", "500")
        assert page.locator("#rows tr").count() == 500
    finally:
        context.close()
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sites", type=int, default=8000)
    parser.add_argument("--reports", action="store_true", help="also write every site's HTML report")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="oitcheck-dashboard-"))
    timing, index = write(args.sites, out, args.reports)
    executable = find_browser()
    if executable is not None:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=launch_args())
            errors = load(browser, index, timing)
            browser.close()
        if errors:
            print("page errors:", errors)
    print("\n".join(timing.lines()))
    print(f"written to {index}")


if __name__ == "__main__":
    main()
