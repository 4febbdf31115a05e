"""Crawl benchmark: oitcheck vs Scrapy on a large generated Thai municipal site served by nginx.

    python bench/crawl_bench.py                      # generate the site, all runs (~10 min on 2 cores)
    python bench/crawl_bench.py --runs early4,full4,scrapy4  # subset: earlyN fullN scrapyN cache
    python bench/crawl_bench.py --profile            # one py-spy profile of the c=4 full crawl, top 10
    python bench/crawl_bench.py --site DIR --no-gen  # reuse an already generated site

Every run is a separate child process (so peak RSS is that run's own ru_maxrss) against one nginx.
oitcheck runs with ocr=None, render="never", budgets raised above the site size (a full crawl), default
politeness (robots.txt obeyed, min_delay 0) at the given concurrency.

What each oitcheck run measures:
  wall          run_check() end to end (crawl + evaluate + report), and the crawl alone (CrawlResult.seconds)
  pages/s       HTML pages fetched / crawl seconds; req/s = all fetches (pages + PDFs + errors) / crawl s
  CPU           process CPU (all threads) for the run; of it, thread CPU inside extract() for HTML pages and
                for PDFs (wrapped from the outside: checker.crawl.crawler.extract), and inside evaluate();
                the rest is HTTP client + asyncio + politeness + crawler bookkeeping
  early-stop    crawler defaults (early_stop=True, TrapGuard cap of 60 URLs per pattern): requests until the
                crawler judged every item settled, vs the full crawl (early_stop=False, trap cap lifted)
  to-evidence   also: requests-to-evidence,
                the fetch index (order of on_progress callbacks) at which the last evidence URL of any item
                was fetched, (a) for the evidence the evaluator cites in the report, (b) for the evidence
                the generator planted (manifest.json); compared with the fetches of the full crawl
  peak RSS      resource.getrusage(RUSAGE_SELF).ru_maxrss of the child
  warm re-run   cold run with an empty HTTP cache file, then the same run again on that file (304s)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urldefrag

HERE = Path(__file__).resolve().parent
# OITCHECK_BENCH_CODE: the checkout whose checker is measured (default this one) — an A/B runs this script
# against an older commit's code, so both sides report the same columns.
ROOT = Path(os.environ.get("OITCHECK_BENCH_CODE") or HERE.parent).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

DEFAULT_SITE = Path("/tmp/oit-bench-site")


# ------------------------------------------------------------------------------------------ child: oitcheck


def _child_oit(url: str, concurrency: int, cache: str | None, site: Path, full: bool) -> dict:
    import checker.api as api
    import checker.crawl.crawler as crawler_mod
    from checker.crawl.crawler import CrawlOptions
    from checker.models import ResourceKind

    cpu = collections.Counter()
    calls = collections.Counter()
    lock = threading.Lock()
    real_extract = crawler_mod.extract
    real_evaluate = api.evaluate

    def timed_extract(res, *a, **kw):  # runs on the loop thread (HTML) or the document thread (PDF)
        t0 = time.thread_time()
        try:
            return real_extract(res, *a, **kw)
        finally:
            key = "html" if res.kind is ResourceKind.HTML else "doc"
            with lock:
                cpu[key] += time.thread_time() - t0
                calls[key] += 1

    def timed_evaluate(*a, **kw):
        t0 = time.thread_time()
        try:
            return real_evaluate(*a, **kw)
        finally:
            cpu["evaluate"] += time.thread_time() - t0
            calls["evaluate"] += 1

    crawler_mod.extract = timed_extract
    if full:  # the crawler's TrapGuard caps each URL pattern (news/2567/01-NNN.html) at 60 URLs; lift it
        class NoCap(crawler_mod.TrapGuard):
            def __init__(self, *a, **kw):
                super().__init__(*a, **kw, per_pattern=10**9)

        crawler_mod.TrapGuard = NoCap
    api.evaluate = timed_evaluate

    order: dict[str, int] = {}

    def progress(p) -> None:
        order.setdefault(p.url, len(order) + 1)

    opts = CrawlOptions(
        max_pages=50_000, max_documents=10_000, max_bytes=10**10, max_depth=12, max_seconds=3600,
        concurrency=concurrency, render="never", early_stop=not full,
    )  # fmt: skip
    cpu0, t0 = time.process_time(), time.perf_counter()
    run = asyncio.run(
        api.run_check(url, options=opts, ocr=None, on_progress=progress, cache=Path(cache) if cache else None)
    )
    wall, cpu_total = time.perf_counter() - t0, time.process_time() - cpu0

    crawl = run.crawl
    fetches = len(order)

    def idx(u: str) -> int | None:
        return order.get(urldefrag(u)[0])

    cited = {}
    for item in run.report.items:
        got = [i for e in item.evidence if (i := idx(e.url)) is not None]
        if got:
            cited[item.id] = max(got)
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    planted = {}
    for item, rels in manifest["evidence"].items():
        got = [idx(url + r) for r in rels]
        planted[item] = max(got) if all(g is not None for g in got) else None
    status = collections.Counter(i.status for i in run.report.items)
    ita_idx = idx(url + "ita.html")
    last_planted = max((v for v in planted.values() if v), default=None)
    return {
        "tool": "oitcheck",
        "run": ("full" if full else "early-stop") + (" cache" if cache else ""),
        "concurrency": concurrency,
        "cache": bool(cache),
        "trap_cap": not full,
        "stopped_early": getattr(crawl, "stopped_early", None),
        "skipped_trap": crawl.coverage().skipped_trap,
        "wall_s": round(wall, 2),
        "crawl_s": round(crawl.seconds, 2),
        "html_pages": crawl.stats.pages,
        "documents": crawl.stats.documents,
        "errors": crawl.stats.errors,
        "fetches": fetches,
        "requests": crawl.stats.requests,
        "from_cache": crawl.counts.get("from_cache", 0),
        "extract_cached": crawl.counts.get("extract_cached", 0),
        "items_sha": hashlib.sha256(
            json.dumps([i.model_dump(mode="json") for i in run.report.items], sort_keys=True).encode()
        ).hexdigest()[:12],
        "robots_skipped": crawl.coverage().skipped_robots,
        "pages_per_s": round(crawl.stats.pages / crawl.seconds, 1),
        "req_per_s": round(fetches / crawl.seconds, 1),
        "cpu_total_s": round(cpu_total, 2),
        "cpu_html_extract_s": round(cpu["html"], 2),
        "cpu_doc_extract_s": round(cpu["doc"], 2),
        "cpu_evaluate_s": round(cpu["evaluate"], 2),
        "evaluate_calls": calls["evaluate"],  # early-stop checks + the final judging
        "cpu_other_s": round(cpu_total - cpu["html"] - cpu["doc"] - cpu["evaluate"], 2),
        "ms_cpu_per_html_extract": round(1000 * cpu["html"] / max(1, calls["html"]), 2),
        "ms_cpu_per_pdf_extract": round(1000 * cpu["doc"] / max(1, calls["doc"]), 2),
        "ms_cpu_per_fetch_all_in": round(1000 * cpu_total / max(1, fetches), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "statuses": dict(status),
        "items_with_cited_evidence": len(cited),
        "to_cited_evidence": max(cited.values(), default=None),
        "to_planted_evidence": last_planted,
        "planted_unfetched": [k for k, v in planted.items() if v is None],
        "ita_fetch_index": ita_idx,
        "late_items": sorted(cited, key=cited.get)[-3:],
    }


# --------------------------------------------------------------------------------------------- parent


def _run_child(args: list[str], env: dict | None = None) -> dict:
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def oit(url: str, site: Path, c: int, full: bool, cache: str | None = None) -> dict:
    mode = "full" if full else "early"
    args = [str(HERE / "crawl_bench.py"), "_oit", url, str(c), str(site), mode] + ([cache] if cache else [])
    return _run_child(args)


def scrapy_run(url: str, c: int) -> dict:
    return _run_child([str(HERE / "scrapy_peer.py"), url, str(c)])


def profile(url: str, site: Path, c: int, out: Path) -> list[tuple[str, float, float]]:
    """py-spy (all threads, idle excluded) on the full oitcheck crawl; top functions by cumulative samples."""
    raw = out.with_suffix(".collapsed")
    cmd = ["py-spy", "record", "-r", "100", "-f", "raw", "-o", str(raw), "--",
           sys.executable, str(HERE / "crawl_bench.py"), "_oit", url, str(c), str(site), "full"]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True)
    total = 0
    cum: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        count = int(n)
        frames = stack.split(";")[1:]  # first entry is the process/thread
        total += count
        seen = set()
        for f in frames:
            key = f.rsplit(":", 1)[0] if f.count(":") >= 1 else f  # drop the line number
            if key not in seen:
                seen.add(key)
                cum[key] += count
        if frames:
            own[frames[-1].rsplit(":", 1)[0]] += count
    rows = [(k, 100 * v / total, 100 * own[k] / total) for k, v in cum.most_common(400)]
    return rows, total


def table(rows: list[dict], cols: list[str]) -> str:
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        out.append("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")
    return "\n".join(out)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_oit":
        url, c, site = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
        full = sys.argv[5] == "full"
        cache = sys.argv[6] if len(sys.argv) > 6 else None
        print(json.dumps(_child_oit(url, c, cache, site, full), ensure_ascii=False))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, default=DEFAULT_SITE)
    ap.add_argument("--no-gen", action="store_true", help="reuse the site in --site")
    ap.add_argument("--runs", default="early4,full4,scrapy4,full8,scrapy8,cache")
    ap.add_argument("--profile", action="store_true", help="only the py-spy profile (c=4)")
    ap.add_argument("--rate", default=None, help='nginx limit_rate per connection, e.g. "64k": a slow host')
    ap.add_argument("--json", type=Path, default=Path("/tmp/oit-crawl-bench.json"))
    a = ap.parse_args()

    from serve_nginx import NginxMissing, nginx

    if not a.no_gen or not (a.site / "manifest.json").exists():
        import gen_site

        m = gen_site.generate(a.site)
        print(f"site: {m['html_pages']} HTML pages, {m['pdfs']} PDFs ({m['html_mb']} + {m['pdf_mb']} MB)", flush=True)
    manifest = json.loads((a.site / "manifest.json").read_text(encoding="utf-8"))
    try:
        server = nginx(a.site, rate=a.rate)
        url = server.__enter__()
    except NginxMissing as e:
        raise SystemExit(str(e)) from None
    results: list[dict] = []
    try:
        if a.profile:
            rows, total = profile(url, a.site, 4, Path("/tmp/oit-crawl-profile"))
            print(f"py-spy: {total} samples (100/s, all threads, idle excluded)")
            print("| function (file) | cumulative % | own % |\n|---|---|---|")
            for k, cum, own in rows[:40]:
                print(f"| `{k}` | {cum:.1f} | {own:.1f} |")
            return
        runs = a.runs.split(",")
        for r in runs:
            if r.startswith("early"):  # crawler defaults: early stop, trap cap on
                results.append(oit(url, a.site, int(r[5:]), False))
            elif r.startswith("full"):  # full crawl: trap cap lifted
                results.append(oit(url, a.site, int(r[4:]), True))
            elif r.startswith("scrapy"):
                results.append(scrapy_run(url, int(r[6:])))
            elif r == "cache":
                with tempfile.TemporaryDirectory(prefix="oit-cache-") as tmp:
                    db = str(Path(tmp) / "http-cache.db")
                    cold = oit(url, a.site, 4, True, db) | {"run": "full cache cold"}
                    warm = oit(url, a.site, 4, True, db) | {"run": "full cache warm"}
                    warm["warm_over_cold_wall"] = round(warm["wall_s"] / cold["wall_s"], 3)
                    warm["same_report"] = warm["items_sha"] == cold["items_sha"]
                    results += [cold, warm]
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    finally:
        server.__exit__(None, None, None)

    a.json.write_text(json.dumps({"manifest": {k: v for k, v in manifest.items() if k != "evidence"},
                                  "results": results}, ensure_ascii=False, indent=1))  # fmt: skip
    print()
    print(table(results, ["tool", "run", "concurrency", "wall_s", "crawl_s", "html_pages", "documents", "fetches",
                          "pages_per_s", "req_per_s", "cpu_total_s", "peak_rss_mb"]))  # fmt: skip
    oits = [r for r in results if r["tool"] == "oitcheck"]
    print()
    print(table(oits, ["run", "concurrency", "cpu_html_extract_s", "cpu_doc_extract_s", "cpu_evaluate_s", "evaluate_calls",
                       "cpu_other_s", "ms_cpu_per_html_extract", "ms_cpu_per_pdf_extract", "to_cited_evidence",
                       "to_planted_evidence", "ita_fetch_index", "from_cache", "extract_cached"]))  # fmt: skip
    for c in (4, 8):
        o = next((r for r in oits if r["concurrency"] == c and r["run"] == "full"), None)
        s = next((r for r in results if r["tool"] == "scrapy" and r["concurrency"] == c), None)
        if o and s:
            print(f"c={c}: oitcheck/Scrapy pages/s = {o['pages_per_s'] / s['pages_per_s']:.2f}, "
                  f"req/s = {o['req_per_s'] / s['req_per_s']:.2f}")  # fmt: skip
    print(f"results: {a.json}")


if __name__ == "__main__":
    main()
