"""What a full crawl's verdicts rest on, kept beside the HTTP cache so the next night revalidates only that.

After a full crawl the plan records the report and its *seeds*: the home page, the index (ITA) pages, every
cited piece of evidence, the page each was found through and the pages leading there from the home page,
and the addresses the verdicts' reasons name (a link that failed, a scan that could not be read). For each
seed it keeps the status, the final URL and the SHA-256 of the body. An evidence re-check
(checker/rerun.py) asks the site about those seeds only; when every answer is the same, the report stands.

A plan is keyed by everything that could change a verdict other than the site: the start URL, the rule
pack's content, the year, the language, the crawl budgets, whether scans are read and pages rendered, and
the code that reads and judges (oitcheck's version plus a hash of the extract/evaluate/rules modules).
Values are JSON (zlib), never pickle, as in the document cache.
"""

from __future__ import annotations

import hashlib
import json
import time
import zlib
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checker import __version__
from checker.crawl.cache_file import CacheFile, CacheStore
from checker.crawl.results import CrawlOptions, CrawlResult
from checker.models import ItemResult, Reason, SiteReport

KEEP_DAYS = 60  # a plan no run used for this long is dropped
MAX_PATH_HOPS = 12  # a referrer chain longer than any crawl depth is a loop, not a path
_SCHEMA = """CREATE TABLE IF NOT EXISTS plans (key TEXT PRIMARY KEY, value BLOB NOT NULL, used_at REAL NOT NULL)"""


@dataclass(frozen=True)
class Seed:
    """What one address answered on the full crawl."""

    status: int | None
    final_url: str
    digest: str | None  # SHA-256 of the body; None when the answer was not a readable 2xx


@dataclass(frozen=True)
class Plan:
    full_at: float  # time.time() of the full crawl the verdicts come from
    seeds: dict[str, Seed]
    report: SiteReport  # that crawl's report (changes, trend and estimate left out: each run works them out)


def plan_path(http_cache: Path) -> Path:
    """Next to the HTTP cache file, as the document cache: used and cleared together."""
    return http_cache.with_name(http_cache.stem + "-plans.db")


@cache
def _judging_fingerprint() -> str:
    """A hash of the code that reads and judges: a new extractor or evaluator never reuses old verdicts."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    for folder in ("extract", "evaluate", "rules"):
        for path in sorted((root / folder).glob("*.py")):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update((root / "models.py").read_bytes())
    return h.hexdigest()[:16]


def plan_key(start: str, pack_json: str, year: int, lang: str, options: CrawlOptions, reads: str) -> str:
    """`reads` names what the run can read beyond HTML (the OCR engine, whether a browser renders pages)."""
    opts = asdict(options)
    opts.pop("max_seconds", None)  # a different time budget changes how far a crawl gets, not what it finds
    parts = [start, hashlib.sha256(pack_json.encode()).hexdigest(), str(year), lang, json.dumps(opts, sort_keys=True)]
    parts += [reads, _judging_fingerprint()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def seeds_of(crawl: CrawlResult, items: list[ItemResult], index_pages: list[str]) -> dict[str, Seed] | None:
    """The addresses the verdicts rest on (see the module's docstring), or None when one of them cannot be
    pinned to a response of this crawl (then no plan is kept and the next run crawls in full)."""
    wanted = {crawl.start_url, *index_pages}
    for item in items:
        for ev in item.evidence:
            wanted.add(ev.url)
            wanted.add(ev.found_via.split(" — ", 1)[0])
        for code in item.reason_codes:
            wanted.update(_urls(code))
    for url in list(wanted):
        wanted.update(_path_home(crawl, url))
    seeds: dict[str, Seed] = {}
    for url in sorted(wanted):
        res = crawl.resources.get(url) or crawl.resources.get(url.split("#", 1)[0])
        if res is None or not res.fetched:
            continue  # another site's address, a placeholder, a link never opened: its page is the seed
        if res.ok and res.digest is None:
            return None  # read without a digest (no cache): nothing to compare the next answer with
        seeds[res.url] = Seed(res.status, res.final_url, res.digest if res.ok else None)
    return seeds


def _urls(code: Reason) -> set[str]:
    found = set()
    for value in code.args.values():
        if isinstance(value, Reason):
            found |= _urls(value)
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            found.add(value.split(" — ", 1)[0])
    return found


def _path_home(crawl: CrawlResult, url: str) -> list[str]:
    """The pages from the home page to `url`, following the shallowest referrer at each step."""
    path: list[str] = []
    res = crawl.resources.get(url)
    for _ in range(MAX_PATH_HOPS):
        if res is None or not res.referrers or res.url == crawl.start_url:
            break
        parents = [crawl.resources[r.page] for r in res.referrers if r.page in crawl.resources]
        if not parents:
            break
        res = min(parents, key=lambda p: (p.depth, p.url))
        path.append(res.url)
    return path


class PlanStore(CacheStore):
    """SQLite file of plans, one per question asked of a site. Like every cache it never stops a check."""

    def __init__(self, path: Path) -> None:
        self._file = CacheFile(path, _SCHEMA)
        self._used: list[str] = []

    def get(self, key: str) -> Plan | None:
        row = self._file.run("SELECT value FROM plans WHERE key = ?", key)
        if row is None:
            return None
        try:
            plan = _decode(row[0])
        except (ValueError, TypeError, KeyError, zlib.error):  # another version's plan, or damaged: crawl in full
            return None
        self._used.append(key)
        return plan

    def put(self, key: str, plan: Plan) -> None:
        self._file.run("INSERT OR REPLACE INTO plans VALUES (?, ?, ?)", key, _encode(plan), time.time())

    def forget(self, key: str) -> None:
        self._file.run("DELETE FROM plans WHERE key = ?", key)

    def close(self) -> None:
        self._file.close("plans", "key", "used_at", self._used, KEEP_DAYS)


def _encode(plan: Plan) -> bytes:
    data: dict[str, Any] = {
        "full_at": plan.full_at,
        "seeds": {u: [s.status, s.final_url, s.digest] for u, s in plan.seeds.items()},
        "report": plan.report.model_dump(mode="json"),
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def _decode(blob: bytes) -> Plan:
    data = json.loads(zlib.decompress(blob))
    seeds = {u: Seed(int(s[0]) if s[0] is not None else None, str(s[1]), s[2]) for u, s in data["seeds"].items()}
    return Plan(float(data["full_at"]), seeds, SiteReport.model_validate(data["report"]))
