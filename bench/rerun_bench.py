"""Warm re-run benchmark: a cold check with empty caches, then the same check again on an unchanged site.

    python bench/rerun_bench.py                                  # the demo site (scans, OCR), nginx, c=4
    python bench/rerun_bench.py --site /tmp/oit-small --no-ocr   # a generated site (bench/gen_site.py)
    python bench/rerun_bench.py --latency-ms 100 --rate 256k --json /tmp/rerun.json   # a provincial host
    python bench/rerun_bench.py --site /tmp/oit-bench-site --no-ocr --latency-ms 50   # the 5,467-page site

Each run is its own child process (cold: empty HTTP and document caches in a temporary directory; warm: the
same files). Reports wall time, CPU, what came from the caches, bytes downloaded, and whether the warm report
equals the cold one. `--rate` is nginx's limit_rate per connection: loopback moves bytes for free, a
provincial agency's host does not; `--latency-ms N` puts a proxy in front of nginx that delays every request
by N ms (bench/latency_proxy.py), a round trip to a distant host. Warm runs are evidence re-checks
(checker/rerun.py) unless `--full-warm` makes each of them a full crawl; `--json PATH` writes every run's row,
with `warm_over_cold` (wall time) and `requests_over_cold`.
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


def _child(url: str, cache: str, ocr: bool, concurrency: int, full: bool, uncapped: bool) -> dict:
    from checker.api import run_check
    from checker.crawl import crawler as crawler_mod
    from checker.crawl.crawler import CrawlOptions

    if uncapped:  # as bench/crawl_bench.py "full": the TrapGuard's 60 URLs per pattern lifted, every page read

        class NoCap(crawler_mod.TrapGuard):
            def __init__(self, *a, **kw):
                super().__init__(*a, **kw, per_pattern=10**9)

        crawler_mod.TrapGuard = NoCap

    opts = CrawlOptions(
        max_pages=50_000, max_documents=10_000, max_bytes=10**10, max_depth=12, max_seconds=3600,
        concurrency=concurrency, render="never", early_stop=False,
    )  # fmt: skip
    cpu0, t0 = time.process_time(), time.perf_counter()
    run = asyncio.run(run_check(url, options=opts, ocr="auto" if ocr else None, cache=Path(cache), full=full))
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    c = run.crawl
    items = json.dumps([i.model_dump(mode="json") for i in run.report.items], sort_keys=True)
    kind = run.report.coverage.run if run.report.coverage is not None else None
    return {
        "kind": f"{kind.kind}:{kind.why}" if kind is not None else "",
        "requests": run.report.stats.requests,
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


def _run(url: str, cache: Path, ocr: bool, concurrency: int, full: bool = False, uncapped: bool = False) -> dict:
    args = [sys.executable, str(Path(__file__)), "_child", url, str(cache), "1" if ocr else "0", str(concurrency)]
    args += ["1" if full else "0", "1" if uncapped else "0"]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        url, cache, ocr, c, full, uncapped = sys.argv[2:8]
        print(json.dumps(_child(url, cache, ocr == "1", int(c), full == "1", uncapped == "1")))
        return
    from checker.demo.server import SITE_DIR

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, default=SITE_DIR, help="directory to serve (default: the demo site)")
    ap.add_argument("--no-ocr", action="store_true")
    ap.add_argument("--rate", default=None, help='nginx limit_rate per connection, e.g. "64k"')
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--warm-runs", type=int, default=2)
    ap.add_argument("--latency-ms", type=float, default=0.0, help="delay added to every request by a proxy")
    ap.add_argument("--full-warm", action="store_true", help="warm runs crawl in full (--full), for comparison")
    ap.add_argument("--no-trap-cap", action="store_true", help="read every page (crawl_bench's full crawl)")
    ap.add_argument("--json", type=Path, default=None, metavar="PATH", help="write every run's row here")
    a = ap.parse_args()
    from latency_proxy import latency_proxy
    from serve_nginx import NginxMissing, nginx

    rows = []
    try:
        with (
            nginx(a.site, rate=a.rate) as origin,
            latency_proxy(origin, a.latency_ms) as url,
            tempfile.TemporaryDirectory(prefix="oit-rerun-") as tmp,
        ):
            cache = Path(tmp) / "http-cache.db"
            ocr, c, uncapped = not a.no_ocr, a.concurrency, a.no_trap_cap
            rows.append({"run": "cold"} | _run(url, cache, ocr, c, uncapped=uncapped))
            for i in range(a.warm_runs):
                rows.append({"run": f"warm {i + 1}"} | _run(url, cache, ocr, c, a.full_warm, uncapped))
            cache_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
    except NginxMissing as e:
        raise SystemExit(str(e)) from None
    cold = rows[0]
    for r in rows[1:]:
        r["warm_over_cold"] = round(r["wall_s"] / cold["wall_s"], 3)
        r["requests_over_cold"] = round(r["requests"] / cold["requests"], 3)
        r["same_report"] = r["items_sha"] == cold["items_sha"]
    setup = {"site": str(a.site), "latency_ms": a.latency_ms, "rate": a.rate, "ocr": not a.no_ocr,
             "concurrency": a.concurrency, "full_warm": a.full_warm, "trap_cap": not a.no_trap_cap}  # fmt: skip
    if a.json is not None:
        a.json.write_text(json.dumps([setup | r for r in rows], indent=2) + "\n")
    cols = ["run", "kind", "wall_s", "crawl_s", "cpu_s", "requests", "pages", "documents", "ocr_pages",
            "from_http_cache", "extract_cached", "downloaded_mb", "peak_rss_mb", "warm_over_cold",
            "requests_over_cold", "same_report"]  # fmt: skip
    print(f"site {a.site} latency={a.latency_ms:g} ms rate={a.rate or 'none'} ocr={not a.no_ocr} "
          f"c={a.concurrency}; caches {cache_mb:.1f} MB")  # fmt: skip
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")


if __name__ == "__main__":
    main()
