"""Warm re-run benchmark: a cold check with empty caches, then the same check again on an unchanged site.

    python bench/rerun_bench.py                                  # the demo site (scans, OCR), nginx, c=4
    python bench/rerun_bench.py --site /tmp/oit-small --no-ocr   # a generated site (bench/gen_site.py)
    python bench/rerun_bench.py --site /tmp/oit-small --no-ocr --rate 64k   # ... on a slow host

Each run is its own child process (cold: empty HTTP and document caches in a temporary directory; warm: the
same files). Reports wall time, CPU, what came from the caches, bytes downloaded, and whether the warm report
equals the cold one. `--rate` is nginx's limit_rate per connection: loopback moves bytes for free, a
provincial agency's host does not.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def _child(url: str, cache: str, ocr: bool, concurrency: int) -> dict:
    from checker.api import run_check
    from checker.crawl.crawler import CrawlOptions

    opts = CrawlOptions(
        max_pages=50_000, max_documents=10_000, max_bytes=10**10, max_depth=12, max_seconds=3600,
        concurrency=concurrency, render="never", early_stop=False,
    )  # fmt: skip
    cpu0, t0 = time.process_time(), time.perf_counter()
    run = asyncio.run(run_check(url, options=opts, ocr="auto" if ocr else None, cache=Path(cache)))
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    c = run.crawl
    items = json.dumps([i.model_dump(mode="json") for i in run.report.items], sort_keys=True)
    return {
        "wall_s": round(wall, 2),
        "crawl_s": round(c.seconds, 2),
        "cpu_s": round(cpu, 2),
        "pages": c.stats.pages,
        "documents": c.stats.documents,
        "ocr_pages": sum(d.ocr_pages for d in c.documents.values()),
        "from_http_cache": c.counts.get("from_cache", 0),
        "extract_cached": c.counts.get("extract_cached", 0),
        "downloaded_mb": round(c.stats.bytes / 1e6, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "items_sha": hashlib.sha256(items.encode()).hexdigest()[:12],
        "ocr_available": run.ocr_available,
    }


def _run(url: str, cache: Path, ocr: bool, concurrency: int) -> dict:
    args = [sys.executable, str(Path(__file__)), "_child", url, str(cache), "1" if ocr else "0", str(concurrency)]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        url, cache, ocr, c = sys.argv[2:6]
        print(json.dumps(_child(url, cache, ocr == "1", int(c))))
        return
    from checker.demo.server import SITE_DIR

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, default=SITE_DIR, help="directory to serve (default: the demo site)")
    ap.add_argument("--no-ocr", action="store_true")
    ap.add_argument("--rate", default=None, help='nginx limit_rate per connection, e.g. "64k"')
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--warm-runs", type=int, default=2)
    a = ap.parse_args()
    from serve_nginx import NginxMissing, nginx

    rows = []
    try:
        with nginx(a.site, rate=a.rate) as url, tempfile.TemporaryDirectory(prefix="oit-rerun-") as tmp:
            cache = Path(tmp) / "http-cache.db"
            rows.append({"run": "cold"} | _run(url, cache, not a.no_ocr, a.concurrency))
            for i in range(a.warm_runs):
                rows.append({"run": f"warm {i + 1}"} | _run(url, cache, not a.no_ocr, a.concurrency))
            cache_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
    except NginxMissing as e:
        raise SystemExit(str(e)) from None
    cold = rows[0]
    for r in rows[1:]:
        r["warm_over_cold"] = round(r["wall_s"] / cold["wall_s"], 3)
        r["same_report"] = r["items_sha"] == cold["items_sha"]
    cols = ["run", "wall_s", "crawl_s", "cpu_s", "pages", "documents", "ocr_pages", "from_http_cache",
            "extract_cached", "downloaded_mb", "peak_rss_mb", "warm_over_cold", "same_report"]  # fmt: skip
    print(f"site {a.site} rate={a.rate or 'none'} ocr={not a.no_ocr} c={a.concurrency}; caches {cache_mb:.1f} MB")
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")


if __name__ == "__main__":
    main()
