"""Batch benchmark: `oitcheck batch` over many small generated sites (bench/gen_sites.py) on one nginx.

    python bench/batch_bench.py --json /tmp/batch.json                 # 200 sites, every run (~40 min, 2 cores)
    python bench/batch_bench.py --sites 10 --runs local2,celery2        # a quick look

Runs (--runs, comma-separated):
  local1 local2 local4   the local pool, --workers 1/2/4, SQLite store, every site of the list
  celery2                --engine celery: Redis broker and PostgreSQL store on loopback (started here), one
                         `oitcheck worker` with 2 worker processes
  overhead               tiny-local2 + tiny-celery2: the one-page tiny site on --tiny-sites hosts, so a job is
                         nearly all fixed cost; the difference per job is what Celery adds to a job
  warm2                  cache-cold2 then cache-warm2: --workers 2 with --cache-dir on --warm-sites sites, twice
Every batch runs with --no-ocr --render never --max-seconds S --allow-private (and --no-cache unless warm2).

Each batch is a child process (`python -m checker.cli batch …`); a sampler thread reads /proc twice a second
for the whole process tree (coordinator, its worker processes; the Celery worker's tree): VmRSS over time and
VmHWM (the kernel's peak RSS per process, exact whatever the sampling). For each worker process: RSS after
its first job and at the end of the run (sites finished are counted from the reports written), so growth
across jobs shows. From the store: seconds per job (started_at → finished_at of each stored run) and bytes
per stored run (SQLite pages; PostgreSQL pg_total_relation_size of runs + run_items).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from gen_sites import generate, serve, write_csv  # noqa: E402

ALL_RUNS = "local1,local2,local4,celery2,overhead,warm2"
EXPAND = {"overhead": ["tiny-local2", "tiny-celery2"], "warm2": ["cache-cold2", "cache-warm2"]}


from procmem import Sampler, memory  # noqa: E402

# ------------------------------------------------------------------------------------- services


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A throw-away PostgreSQL on loopback (as tests/support/services.py starts it); yields its DSN."""
    from tests.support.services import INITDB, PG_SETTINGS, _as_postgres_user, free_port, pg_bindir

    bindir = pg_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found; scripts/install-system-deps.sh installs them")
    root = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    data, pw = root / "data", secrets.token_hex(12)
    (root / "pw").write_text(pw + "\n")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(root / "pw", "postgres", "postgres")

    def run(cmd: list[str]) -> None:
        subprocess.run(_as_postgres_user(cmd), cwd=root, check=True, capture_output=True, timeout=120)

    try:
        run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--pwfile", str(root / "pw"), "-E", "UTF8",
             *INITDB])  # fmt: skip
        port = free_port()
        settings = {**PG_SETTINGS, "port": str(port), "unix_socket_directories": f"'{root}'"}
        with (data / "postgresql.auto.conf").open("a") as conf:
            conf.writelines(f"{k} = {v}\n" for k, v in settings.items())
        run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "start"])
        import psycopg

        with psycopg.connect(f"postgresql://postgres:{pw}@127.0.0.1:{port}/postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE oitcheck")
        yield f"postgresql://postgres:{pw}@127.0.0.1:{port}/oitcheck"
    finally:
        with contextlib.suppress(Exception):
            run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def fresh_db(dsn: str, name: str) -> str:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name}")
        db.execute(f"CREATE DATABASE {name}")
    return dsn.rsplit("/", 1)[0] + f"/{name}"


@contextlib.contextmanager
def redis() -> Iterator[str]:
    from tests.support.services import _redis_ping, free_port

    exe = shutil.which("redis-server")
    if exe is None:
        raise RuntimeError("redis-server not found; scripts/install-system-deps.sh installs it")
    port = free_port()
    proc = subprocess.Popen([exe, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not _redis_ping(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextlib.contextmanager
def celery_worker(broker: str, store: str, procs: int, log: Path) -> Iterator[tuple[int, float]]:
    """`oitcheck worker` with `procs` worker processes; yields its pid and seconds to ready; stopped (TERM, then
    KILL) afterwards."""
    cmd = [sys.executable, "-m", "checker.commands.worker", "--broker", broker, "--store", store,
           "--concurrency", str(procs)]  # fmt: skip
    with log.open("wb") as f:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT)
    t0 = time.monotonic()
    try:
        deadline = t0 + 60
        while b"ready" not in log.read_bytes():  # celery logs "celery@host ready." when it takes tasks
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oitcheck worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.1)
        yield proc.pid, time.monotonic() - t0
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ------------------------------------------------------------------------------------- one batch


def store_figures(spec: str) -> dict:
    """Runs stored, seconds per job, bytes per stored run."""
    if "://" in spec:
        import psycopg

        with psycopg.connect(spec) as db:
            sql = "SELECT started_at, finished_at, octet_length(report), pg_column_size(report) FROM runs"
            rows = db.execute(sql).fetchall()
            sql = "SELECT pg_total_relation_size('runs') + pg_total_relation_size('run_items')"
            size = db.execute(sql).fetchone()[0]
    else:
        with sqlite3.connect(spec) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sql = "SELECT started_at, finished_at, length(CAST(report AS BLOB)), length(CAST(report AS BLOB)) FROM runs"
            rows = db.execute(sql).fetchall()
            size = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
    secs = [(datetime.fromisoformat(str(r[1])) - datetime.fromisoformat(str(r[0]))).total_seconds() for r in rows]
    n = len(rows)
    return {
        "stored_runs": n,
        "job_s_mean": round(statistics.mean(secs), 2) if secs else None,  # stored to the second
        "report_json_bytes_mean": round(statistics.mean(r[2] for r in rows)) if rows else None,  # UTF-8
        "report_stored_bytes_mean": round(statistics.mean(r[3] for r in rows)) if rows else None,  # PG: compressed
        "store_bytes": size,
        "store_bytes_per_run": round(size / n) if n else None,
    }


def run_batch(name: str, csv_path: Path, n: int, workers: int, a: argparse.Namespace, tmp: Path, svc: dict) -> dict:
    celery = "celery" in name
    out_dir = tmp / f"out-{name}"
    shutil.rmtree(out_dir, ignore_errors=True)
    if celery:
        store = fresh_db(svc["pg"], name.replace("-", "_"))
    else:
        store = str(tmp / f"{name}.db")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(store)
    cmd = [sys.executable, "-m", "checker.cli", "batch", str(csv_path), "-o", str(out_dir), "--store", store,
           "--no-ocr", "--render", "never", "--max-seconds", str(a.max_seconds), "--allow-private",
           "--quiet"]  # fmt: skip
    if celery:
        cmd += ["--engine", "celery", "--broker", svc["redis"]]
    else:
        cmd += ["--workers", str(workers)]
    if name.startswith("cache-"):
        cmd += ["--cache-dir", str(tmp / "cache")]  # cold: empty; warm: what cold left
        if name.startswith("cache-cold"):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
    else:
        cmd.append("--no-cache")
    load = Path("/proc/loadavg").read_text().split()[:3]
    with contextlib.ExitStack() as stack:
        roots, ready = {}, None
        if celery:
            log = tmp / f"{name}-worker.log"
            roots["celery-main"], ready = stack.enter_context(celery_worker(svc["redis"], store, workers, log))
        log_f = stack.enter_context((tmp / f"{name}.log").open("wb"))
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log_f, stderr=subprocess.STDOUT)
        sampler = Sampler({"coordinator": proc.pid, **roots}, out_dir, n)
        sampler.start()
        code = proc.wait()
        wall = time.perf_counter() - t0
        sampler.stop_at.set()
        sampler.join()
    done = sampler.done_at
    if code not in (0, 1):
        tail = (tmp / f"{name}.log").read_text(errors="replace")[-3000:]
        if len(done) < n:  # an error after every site's report was written (summary, dashboard) keeps the figures
            raise RuntimeError(f"{name}: oitcheck batch exited {code}:\n{tail}")
    lo, hi = done[len(done) // 10] if done else 0, done[-1 - len(done) // 10] if done else 0
    steady = (len(done) - 2 * (len(done) // 10) - 1) / (hi - lo) * 60 if hi > lo and len(done) >= 20 else None
    row = {
        "run": name,
        "sites": n,
        "workers": workers,
        "load_before": " ".join(load),
        "exit": code,
        "wall_s": round(wall, 1),
        "sites_per_min": round(n / wall * 60, 1),
        "sites_per_min_steady": round(steady, 1) if steady else None,  # between the 10th and 90th percentile
        "first_site_s": round(done[0], 1) if done else None,
        "last_site_s": round(done[-1], 1) if done else None,
        "per_job_s": round(wall * workers / n, 2),  # wall × workers / sites: a worker's time per site
        "per_job_steady_s": round(workers * 60 / steady, 2) if steady else None,
        "celery_worker_ready_s": round(ready, 1) if ready is not None else None,  # before the batch starts
    }
    row |= store_figures(store)
    row |= memory(sampler, workers)
    row["cpu_s_per_site"] = round(row["cpu_s"] / n, 2)
    if len(done) != n:
        row["note"] = f"{len(done)} reports written for {n} sites"
    if code not in (0, 1):
        row["error"] = f"exited {code} after every site's report was written: {tail.strip()[-300:]}"
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, default=200)
    ap.add_argument("--runs", default=ALL_RUNS, help=f"default {ALL_RUNS}")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/oit-batch-sites"), help="where the sites are generated")
    ap.add_argument("--json", type=Path, default=None, help="write the rows here (after every run)")
    ap.add_argument("--max-seconds", type=int, default=120, help="--max-seconds of every check")
    ap.add_argument("--tiny-sites", type=int, default=None, help="sites of the overhead runs (default min(N, 100))")
    ap.add_argument("--warm-sites", type=int, default=None, help="sites of the warm2 runs (default min(N, 50))")
    a = ap.parse_args()
    runs = [r for x in a.runs.split(",") if x.strip() for r in EXPAND.get(x.strip(), [x.strip()])]
    t0 = time.perf_counter()
    m = generate(a.dir, a.sites)
    print(f"{a.sites} sites: {m['html_pages']} HTML pages, {m['pdfs']} PDFs, {m['mb']} MB "
          f"(ready in {time.perf_counter() - t0:.0f} s)", flush=True)  # fmt: skip
    rows: list[dict] = []  # --json: rows of other runs already in the file are kept (runs done separately)
    kept = json.loads(a.json.read_text(encoding="utf-8")) if a.json and a.json.exists() else []
    with contextlib.ExitStack() as stack:
        port, tiny_port = stack.enter_context(serve(a.dir, a.sites))
        sites_csv, tiny_csv = write_csv(a.dir, m, port, tiny_port)
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="oit-batch-bench-")))
        svc: dict = {}
        if any("celery" in r for r in runs):
            svc["redis"] = stack.enter_context(redis())
            svc["pg"] = stack.enter_context(postgres())
        for name in runs:
            workers = int(name[-1])
            src, n = sites_csv, a.sites
            if name.startswith("tiny-"):
                src, n = tiny_csv, a.tiny_sites or min(a.sites, 100)
            elif name.startswith("cache-"):
                n = a.warm_sites or min(a.sites, 50)
            csv_path = tmp / f"{name}.csv"
            lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
            csv_path.write_text("".join(lines[: n + 1]), encoding="utf-8")
            print(f"{name}: {n} sites, {workers} workers …", flush=True)
            try:
                row = run_batch(name, csv_path, n, workers, a, tmp, svc)
            except RuntimeError as exc:
                row = {"run": name, "sites": n, "workers": workers, "error": str(exc)[-2000:]}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            rows.append(row)
            if a.json:
                merged = [r for r in kept if r["run"] not in {x["run"] for x in rows}] + rows
                a.json.write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
    report(rows)


def report(rows: list[dict]) -> None:
    by = {r["run"]: r for r in rows}
    for tiny in ("tiny-local2", "tiny-celery2"):
        if tiny in by and "per_job_s" in by[tiny]:
            print(f"{tiny}: {by[tiny]['per_job_s']} s per job over the whole run (a one-page site)")
    local, cel = by.get("tiny-local2", {}).get("per_job_steady_s"), by.get("tiny-celery2", {}).get("per_job_steady_s")
    if local and cel:
        print(f"steady state, a one-page site: Celery {cel:.2f} s per job, local pool {local:.2f} s")
    cols = ["run", "sites", "workers", "load_before", "wall_s", "sites_per_min", "sites_per_min_steady",
            "per_job_s", "per_job_steady_s", "job_s_mean", "cpu_s_per_site", "coordinator_peak_mb",
            "celery-main_peak_mb", "worker_peak_mb", "worker_rss_after_first_job_mb", "worker_rss_quarters_mb",
            "worker_rss_end_mb", "store_bytes_per_run"]  # fmt: skip
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        error = r.get("error", "")[:60].replace("\n", " ")
        print("| " + " | ".join(str(r.get(c, error if c == "wall_s" else "")) for c in cols) + " |")


if __name__ == "__main__":
    main()
