"""Labelled fixture sites in the shapes Thai agency sites really have (shared/domain.md), faults included.

One YAML spec per site in tests/fixtures/vendor/ describes the site and what a careful assessor would conclude
about 10–20 of its items; the rest are unlabelled. At test time the site is written to a temporary folder
(documents are generated, nothing binary is committed), served by tests.support.server.serve_site and checked
by the whole pipeline (checker.api.run_check).

    site: องค์การบริหารส่วนตำบลหนองบัว     # the agency
    about: what the site exercises
    year: 2567
    ocr: false                # true: run with ocr="auto" (labels with `without_ocr` cover a machine without it)
    needs_browser: false      # true: the labels need Chromium (skipped, with the reason, when none is found)
    directory: ../sites/spa   # serve an existing fixture folder as it is, instead of building one
    fetch_timeout: 2          # seconds; the HTTP fetcher's timeout (default: the library's, 20 s)
    wall_seconds: 30          # the whole check (crawl, reading, evaluation) must finish within this
    layouts:                  # page templates: {{title}} and {{body}} are filled in (as HTML, unescaped)
      default: <html>...{{title}}...{{body}}...</html>
    pages:                    # URL path -> page
      /index.html: <full html>                     # a string with <html: written as it is
      /Pages/ita_all: {title: ..., body: ...}      # a fragment: put in its layout (`layout: name`, else default)
      /news.php?cat_id=1: {title: ..., body: ..., encoding: cp874, content_type: text/html; charset=tis-620}
    routes:                   # what the server answers instead of a file (tests/support/server.py)
      /busy.php: {sequence: [{status: 429, headers: {Retry-After: "1"}}, {page: /busy.php}]}
      re:/calendar\\.php\\?.*: {generator: calendar}
    documents: [...]          # as in the document sites (tests/support/docsites.py: kinds and fields)
    server:                   # what the server must have seen
      hits: {/busy.php: 2}            # exactly this many requests to the path
      max_hits: {"/calendar\\.php": 60} # at most this many to paths matching the regex (a trap stays small)
      never: [/private/]              # no request to a path starting with this (robots.txt)
      min_gap: {/busy.php: 0.9}       # seconds between successive requests to the path (Retry-After)
    labels: {O1: {expect: pass, why: ...}}   # as in docsites: expect, without_ocr, reasons, evidence, why

A page path with a query string, or one that does not end in .html/.htm or "/", cannot be a static file
(SimpleHTTPRequestHandler ignores query strings and guesses types from extensions), so it becomes a route that
answers with the page's bytes as text/html (with `charset=utf-8` for UTF-8 pages, bare for legacy encodings:
their <meta> is the only declaration, unless `content_type` says otherwise). `{page: /path}` inside a route
answer stands for that page's bytes, so a route can fail first and then serve a real page.
"""

from __future__ import annotations

import asyncio
import datetime
import itertools
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from checker.api import CheckRun, run_check
from checker.crawl.crawler import CrawlOptions
from checker.crawl.fetcher import HttpxFetcher
from checker.crawl.politeness import Policy, PoliteFetcher
from checker.extract.ocr import Ocr
from checker.rules.schema import RulePack
from tests.support import docsites
from tests.support.server import FixtureHandler, serve_site

SPEC_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "vendor"
OPTIONS = CrawlOptions(max_seconds=60, concurrency=4)
SPEC_KEYS = {
    "site", "about", "year", "ocr", "needs_browser", "directory", "fetch_timeout", "wall_seconds", "layouts",
    "pages", "routes", "documents", "server", "labels", "name",
}  # fmt: skip
_STATIC = re.compile(r"\.html?$|/$")
_THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
    "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip


# ---------------------------------------------------------------------------------------------- specs


def load_specs(directory: Path = SPEC_DIR) -> list[dict[str, Any]]:
    """Every site spec, sorted by file name, each with its `name` (the file's stem)."""
    return [load_spec(p) for p in sorted(directory.glob("*.yaml"))]


def load_spec(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec.setdefault("name", path.stem)
    unknown = set(spec) - SPEC_KEYS
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    if "directory" in spec:
        spec["directory"] = str((path.parent / spec["directory"]).resolve())
    docsites.validate(spec)  # document kinds and label fields, as in the document sites
    for route in spec.get("routes", {}).values():
        if "generator" in route and route["generator"] not in GENERATORS:
            raise ValueError(f"{path.name}: unknown generator {route['generator']!r}")
    return spec


# ----------------------------------------------------------------------------------------------- build


def _page_bytes(spec: dict[str, Any], page: str | dict[str, Any]) -> tuple[bytes, str]:
    """A page's bytes and the Content-Type a route should send with them."""
    if isinstance(page, str):
        page = {"html": page} if "<html" in page.lower() else {"body": page}
    encoding = page.get("encoding", "utf-8")
    if "html" in page:
        text = page["html"]
    else:
        layouts = spec.get("layouts", {})
        name = page.get("layout", "default")
        title = page.get("title", spec["site"])
        if name and name in layouts:
            text = layouts[name].replace("{{title}}", title).replace("{{body}}", page["body"])
        else:
            head = f'<!doctype html><html lang="th"><head><meta charset="{encoding}">'
            text = f"{head}<title>{title}</title></head><body>{page['body']}</body></html>"
    default_type = "text/html; charset=utf-8" if encoding == "utf-8" else "text/html"
    return text.encode(encoding), page.get("content_type", default_type)


def _file_for(path: str) -> str:
    """Where a page is written under the site folder (a URL path; directories get their index.html)."""
    rel = unquote(path.lstrip("/"))
    return rel + "index.html" if rel.endswith("/") or not rel else rel


def build_site(spec: dict[str, Any], root: Path) -> dict[str, dict[str, Any]]:
    """Write the spec's pages and documents under `root`; return the server's routes."""
    routes: dict[str, dict[str, Any]] = {}
    page_files: dict[str, tuple[str, str]] = {}  # URL path -> (file under root, content type)
    for n, (path, page) in enumerate(spec.get("pages", {}).items()):
        if not path.startswith("/"):
            raise ValueError(f"{spec['name']}: page paths start with /: {path!r}")
        data, content_type = _page_bytes(spec, page)
        static = "?" not in path and _STATIC.search(path) is not None
        rel = _file_for(path) if static else f"_routes/{n:03d}.html"
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        page_files[path] = (rel, content_type)
        if not static:
            routes[path] = {"file": rel, "headers": {"Content-Type": content_type}}
    for doc in spec.get("documents", []):
        target = root / _file_for("/" + doc["path"].lstrip("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(docsites.document_bytes(doc))
    for path, route in spec.get("routes", {}).items():
        routes[path] = _route(route, page_files)
    return routes


def _route(route: dict[str, Any], pages: dict[str, tuple[str, str]]) -> dict[str, Any]:
    def resolve(answer: dict[str, Any]) -> dict[str, Any]:
        out = dict(answer)
        if "page" in out:
            rel, content_type = pages[out.pop("page")]
            out["file"] = rel
            out["headers"] = {"Content-Type": content_type, **out.get("headers", {})}
        if "generator" in out:
            out["call"] = GENERATORS[out.pop("generator")]
        return out

    out = resolve(route)
    if "sequence" in out:
        out["sequence"] = [resolve(a) for a in out["sequence"]]
    return out


# ------------------------------------------------------------------------------------------ generators


def calendar_page(path: str, nth: int) -> dict[str, Any]:
    """An event calendar (calendar.php?month=M&year=YYYY, Buddhist era) that links months forever.

    Without parameters it shows this month, as a menu's "ปฏิทินกิจกรรม" link does. Each month links the
    previous and next month, the same month a year either side and all twelve months of its year, as vendor
    calendar widgets do: without a guard a crawler walks it for ever.
    """
    today = datetime.date.today()
    m = re.search(r"month=(\d+)", path)
    y = re.search(r"year=(\d+)", path)
    month = int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else today.month
    year = int(y.group(1)) if y else today.year + 543

    def href(mo: int, yr: int) -> str:
        yr += (mo - 1) // 12
        mo = (mo - 1) % 12 + 1
        return f"/calendar.php?month={mo}&amp;year={yr}"

    links = [
        f'<a href="{href(month - 1, year)}">&laquo; เดือนก่อน</a>',
        f'<a href="{href(month + 1, year)}">เดือนถัดไป &raquo;</a>',
        f'<a href="{href(month, year - 1)}">ปีก่อน</a>',
        f'<a href="{href(month, year + 1)}">ปีถัดไป</a>',
    ]
    months = " | ".join(f'<a href="{href(i, year)}">{_THAI_MONTHS[i - 1]}</a>' for i in range(1, 13))
    days = "".join(f"<td>{d}</td>" for d in range(1, 29))
    body = (
        f"<html><head><meta charset='utf-8'><title>ปฏิทินกิจกรรม {_THAI_MONTHS[month - 1]} {year}</title></head>"
        f"<body><h1>ปฏิทินกิจกรรม เดือน{_THAI_MONTHS[month - 1]} พ.ศ. {year}</h1><p>{' '.join(links)}</p>"
        f"<p>{months}</p><table><tr>{days}</tr></table><p>ไม่มีกิจกรรมในเดือนนี้</p></body></html>"
    )
    return {"body": body}


GENERATORS: dict[str, Callable[[str, int], dict[str, Any]]] = {"calendar": calendar_page}


# -------------------------------------------------------------------------------------------- running


@dataclass
class VendorRun:
    """One check of one site, with what the server saw."""

    run: CheckRun
    seconds: float  # wall time of run_check (crawl, reading, evaluation)
    hits: Counter[str]
    times: dict[str, list[float]]
    max_in_flight: int
    server_problems: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        """Requests the server answered (robots.txt, retries and redirects included)."""
        return sum(self.hits.values())


@contextmanager
def served(spec: dict[str, Any], root: Path) -> Iterator[tuple[str, type[FixtureHandler]]]:
    """Build (unless the spec reuses a folder) and serve the site."""
    if "directory" in spec:
        with serve_site(Path(spec["directory"]), build_routes_only(spec)) as running:
            yield running
        return
    routes = build_site(spec, root)
    with serve_site(root, routes) as running:
        yield running


def build_routes_only(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {path: _route(route, {}) for path, route in spec.get("routes", {}).items()}


async def _check(spec: dict[str, Any], base: str, pack: RulePack, ocr: Ocr | None) -> CheckRun:
    year = spec.get("year", pack.fiscal_year)
    if "fetch_timeout" not in spec:
        return await run_check(base, pack, year, ocr=ocr, options=OPTIONS)
    # The library's fetcher waits 20 s per attempt; a slow page is made to outlast a shorter timeout instead,
    # with the same politeness run_check sets up (robots.txt, spacing, backoff, breaker).
    policy = Policy(concurrency=OPTIONS.concurrency)
    fetcher = await PoliteFetcher.for_site(HttpxFetcher(timeout=float(spec["fetch_timeout"])), base, policy)
    try:
        return await run_check(base, pack, year, ocr=ocr, options=OPTIONS, fetcher=fetcher)
    finally:
        await fetcher.aclose()


def check(spec: dict[str, Any], pack: RulePack, root: Path, ocr: Ocr | None) -> VendorRun:
    """Serve the site, check it, and judge what the server saw against the spec's `server` expectations."""
    with served(spec, root) as (base, handler):
        started = time.perf_counter()
        run = asyncio.run(_check(spec, base, pack, ocr))
        seconds = time.perf_counter() - started
        hits = Counter(handler.hits)
        times = {k: list(v) for k, v in handler.times.items()}
        result = VendorRun(run, seconds, hits, times, handler.max_in_flight)
    result.server_problems = server_problems(spec, result)
    return result


def server_problems(spec: dict[str, Any], result: VendorRun) -> list[str]:
    """What the server saw that the spec says it must not (or must) have."""
    want = spec.get("server", {})
    out: list[str] = []
    for path, n in want.get("hits", {}).items():
        if result.hits[path] != n:
            out.append(f"{path}: {result.hits[path]} requests, expected {n}")
    for pattern, n in want.get("max_hits", {}).items():
        got = sum(c for p, c in result.hits.items() if re.search(pattern, p))
        if got > n:
            out.append(f"{pattern}: {got} requests, at most {n} allowed")
    for prefix in want.get("never", []):
        seen = sorted(p for p in result.hits if p.startswith(prefix))
        if seen:
            out.append(f"requested {seen} although robots.txt disallows {prefix}")
    for path, gap in want.get("min_gap", {}).items():
        ts = sorted(result.times.get(path, []))
        gaps = [b - a for a, b in itertools.pairwise(ts)]
        if not gaps or min(gaps) < gap:
            out.append(f"{path}: gaps between requests {[round(g, 2) for g in gaps]}, expected >= {gap} s")
    return out


# ----------------------------------------------------------------------------------------------- score


def expected(label: dict[str, Any], ocr_used: bool) -> str:
    """The label's verdict for this run: `without_ocr` applies when scans could not be read."""
    return str(label["expect"] if ocr_used else label.get("without_ocr", label["expect"]))


def score(spec: dict[str, Any], result: VendorRun) -> list[docsites.Score]:
    """(item, expected, got) per label; got == expected exactly when the label holds (status, and the words
    the label asks for in the reasons and evidence, as in the document sites)."""
    report = result.run.report
    ocr_used = result.run.ocr_available
    by_id = {i.id: i for i in report.items}
    out: list[docsites.Score] = []
    for item_id, label in spec.get("labels", {}).items():
        want = expected(label, ocr_used)
        item = by_id.get(item_id)
        if item is None:
            out.append((item_id, want, "absent from the report"))
            continue
        got: str = item.status
        if got == want:
            reasons = " ".join(item.reasons)
            words = (
                label.get("reasons", [])
                if ocr_used or "without_ocr" not in label
                else label.get("without_ocr_reasons", [])
            )
            problems = [f"reasons lack “{w}”" for w in words if w not in reasons]
            snippets = " ".join(e.snippet for e in item.evidence)
            problems += [f"evidence lacks “{w}”" for w in label.get("evidence", []) if w not in snippets]
            if problems:
                got = f"{got}; " + "; ".join(problems)
        out.append((item_id, want, got))
    return out


def failures(spec: dict[str, Any], result: VendorRun) -> list[str]:
    """One paragraph per label not met: what was expected, why, and what the tool said."""
    lines = []
    for item_id, want, got in score(spec, result):
        if want == got:
            continue
        why = spec["labels"][item_id].get("why", "")
        detail = docsites.explain(result.run.report, item_id)
        lines.append(f"{item_id}: expected {want}, got {got}\n    label: {why}\n    {detail}")
    return lines
