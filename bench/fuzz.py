"""A long mutation-fuzzing run over every reader in checker/extract; the figures go in docs/reliability.md.

    nice -n 10 python bench/fuzz.py --inputs 1000000 --workers 1 --json out.json
    python bench/fuzz.py --inputs 20000                          # a two-minute smoke run

Seeds (small valid HTML, PDF, DOCX, XLSX/CSV, PNG/JPEG/TIFF/GIF/WebP/BMP, sitemaps and Thai date phrases,
tests/fuzz/corpus.py) are mutated by bit flips, byte inserts and deletes, truncation, splicing, chunk
duplication and growth (a chunk repeated up to 2,000 times), format tokens and — for DOCX/XLSX — damage to
one zip entry's XML.  Each input is read as the crawler reads it (DEFAULT_LIMITS, no OCR): the format's own
reader first, checker.extract.extract whenever that raises.  Workers are subprocesses under an address-space
cap, so a hang (no progress for --timeout seconds: the worker is killed) or an out-of-memory is counted
instead of ending the run.  Input n of a reader is rebuilt from (--seed, reader, n) alone: the parent saves
the input that hung or killed a worker without the worker telling it anything.

Counted per reader: inputs; crashes (an exception escaping extract(): must be 0); "net" (an exception out of
the format reader that extract()'s catch-all turned into "broken_file": a reader bug all the same); contract
breaks (not a Document, or unreadable without a reason); timeouts; out-of-memory (a MemoryError a reader
turned into "broken_file" counts too); worker deaths; the slowest input and its time.  Overall: peak RSS of
the workers and inputs per second.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import mmap
import os
import platform
import random
import resource
import selectors
import signal
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Shares of the inputs: cheap readers (dates, HTML) get most, every reader a substantial part.
WEIGHTS = {"dates": 0.30, "html": 0.20, "pdf": 0.15, "image": 0.12, "xlsx": 0.08, "docx": 0.08, "sitemap": 0.07}
BATCH = {"dates": 5000, "html": 2000, "sitemap": 2000, "image": 2000, "pdf": 1000, "xlsx": 500, "docx": 500}
SLOW = 1.0  # seconds: inputs slower than this are listed in the report
# Index of the input being read (-1: idle), when it started (monotonic), the index again: the parent reads
# while the worker writes, and a read caught halfway (new index, old time) once made inputs "time out".
PROGRESS = struct.Struct("<qdq")


# --------------------------------------------------------------------------------------------------
# Worker: builds input n of a reader, reads it, and reports a batch's figures on stdout


def make_input(reader: str, index: int, seed: int) -> bytes | str:
    """Input `index` of `reader`: the same bytes every time, in any process."""
    from tests.fuzz import corpus

    rnd = random.Random(seed * 1_000_003 + index * 17 + sorted(WEIGHTS).index(reader))
    if reader == "dates":
        text = rnd.choice(corpus.DATE_SEEDS)
        if rnd.random() < 0.2:
            text += " " + rnd.choice(corpus.DATE_SEEDS)
        if rnd.random() < 0.1:
            return "".join(rnd.choices(corpus.DATE_ALPHABET, k=rnd.randint(1, 80)))
        return corpus.mutate_text(text, rnd)
    spec = corpus.BYTE_READERS[reader]
    pool, tokens = spec.seeds(), spec.tokens
    base = rnd.choice(pool)
    ops = corpus.random_ops(rnd, 16 if rnd.random() < 0.1 else 4)
    if reader in ("docx", "xlsx") and base.startswith(b"PK") and rnd.random() < 0.3:
        return corpus.mutate_zip(base, ops, rnd.randrange(16), rnd.randrange(4))
    return corpus.apply_ops(base, ops, rnd.choice(pool), tokens)


def _check(result: object) -> str | None:
    """What is wrong with a reader's answer, or None: the contract, not merely "it returned"."""
    from checker.models import Document

    if isinstance(result, Document):
        if not result.readable and not result.unreadable_reason:
            return "unreadable without a reason"
        if "MemoryError" in (result.detail or ""):
            return "oom"
        return None
    if isinstance(result, tuple) and all(isinstance(n, int) for n in result):
        return None
    return f"unexpected result {type(result).__name__}"


def _outcome(result: object) -> str:
    """How deep an input got: "readable", the unreadable reason, or "value" for dates and sitemaps."""
    from checker.models import Document

    if isinstance(result, Document):
        return "readable" if result.readable else str(result.unreadable_reason)
    return "value"


def _where(index: int, exc: Exception) -> list[Any]:
    """[input, the exception, where it was raised]: enough to tell one bug from many."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return [index, f"{type(exc).__name__}: {exc}"[:200], f"{Path(where.filename).name}:{where.lineno}"]


def worker(seed: int, progress_path: str, mem_mb: int, save_dir: str) -> None:
    from checker.extract.kinds import classify
    from tests.fuzz import corpus

    warnings.simplefilter("ignore")  # Pillow and openpyxl warn about damaged files: a warning is not a failure
    if mem_mb:
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb << 20, mem_mb << 20))
    with open(progress_path, "r+b") as fh:
        progress = mmap.mmap(fh.fileno(), PROGRESS.size)
    readers: dict[str, Any] = {name: spec.read for name, spec in corpus.BYTE_READERS.items()}
    readers["dates"] = corpus.read_dates
    kinds = {name: spec.kind for name, spec in corpus.BYTE_READERS.items()}
    for line in sys.stdin:
        task = json.loads(line)
        reader, start, count = task["reader"], task["start"], task["count"]
        fn = readers[reader]
        stats: dict[str, Any] = dict(done=0, crashes=[], net=[], contract=[], oom=0, max_s=0.0, slowest=-1, slow=[],
                                     seconds=0.0, outcomes=Counter())  # fmt: skip
        for index in range(start, start + count):
            progress[:] = PROGRESS.pack(index, time.monotonic(), index)
            try:
                data = make_input(reader, index, seed)
            except MemoryError:  # the mutated input itself did not fit under --mem-mb
                stats["oom"] += 1
                stats["done"] += 1
                continue
            t0 = time.perf_counter()
            try:
                if isinstance(data, bytes):
                    classify(data, "", corpus.URL)
                try:
                    result = fn(data)
                except Exception as exc:
                    if kinds.get(reader) is None:
                        raise
                    # The format reader raised: extract()'s catch-all must still answer with a Document.
                    stats["net"].append(_where(index, exc))
                    result = corpus.read_document(data, kinds[reader])  # type: ignore[arg-type]
                problem = _check(result)
                stats["outcomes"][_outcome(result)] += 1
            except Exception as exc:
                problem = "crash"
                stats["crashes"].append(_where(index, exc))
                Path(save_dir, f"crash-{reader}-{index}.bin").write_bytes(
                    data if isinstance(data, bytes) else data.encode()
                )
            dt = time.perf_counter() - t0
            stats["seconds"] += dt
            if problem == "oom":
                stats["oom"] += 1
            elif problem and problem != "crash":
                stats["contract"].append([index, problem])
            if dt > stats["max_s"]:
                stats["max_s"], stats["slowest"] = dt, index
            if dt > SLOW:
                stats["slow"].append([index, round(dt, 2)])
            stats["done"] += 1
        progress[:] = PROGRESS.pack(-1, time.monotonic(), -1)
        stats["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(stats), flush=True)


# --------------------------------------------------------------------------------------------------
# Parent: hands out batches, watches each worker's progress, restarts the ones that hang or die


@dataclass
class ReaderStats:
    inputs: int = 0
    crashes: int = 0
    net: int = 0  # exceptions out of a format reader that checker.extract.extract's catch-all answered
    contract: int = 0
    timeouts: int = 0
    oom: int = 0
    died: int = 0
    max_s: float = 0.0
    slowest: int = -1
    seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    samples: list[Any] = field(default_factory=list)  # first crashes / timeouts / deaths, to reproduce
    slow: list[Any] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "crashes": self.crashes, "caught_by_net": self.net,
                "contract_breaks": self.contract, "timeouts": self.timeouts, "oom": self.oom,
                "worker_deaths": self.died, "max_seconds": round(self.max_s, 3), "slowest_input": self.slowest,
                "mean_ms": round(1000 * self.seconds / max(1, self.inputs), 3), "samples": self.samples[:10],
                "slow_inputs": self.slow[:10], "outcomes": dict(self.outcomes.most_common())}  # fmt: skip


class Worker:
    def __init__(self, args: argparse.Namespace, save_dir: Path):
        fd, self.progress_path = tempfile.mkstemp(prefix="oitcheck-fuzz-")
        os.write(fd, PROGRESS.pack(-1, 0.0, -1))
        os.close(fd)
        cmd = [sys.executable, __file__, "--worker", "--seed", str(args.seed), "--progress", self.progress_path,
               "--mem-mb", str(args.mem_mb), "--save", str(save_dir)]  # fmt: skip
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.task: dict[str, Any] | None = None

    def send(self, task: dict[str, Any]) -> None:
        self.task = task
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(task) + "\n")
        self.proc.stdin.flush()

    def progress(self) -> tuple[int, float]:
        """(input index, when it started), from two agreeing reads of a whole record."""
        last = None
        while True:
            with open(self.progress_path, "rb") as fh:
                record = fh.read(PROGRESS.size)
            index, started, check = PROGRESS.unpack(record)
            if index == check and record == last:
                return int(index), float(started)
            last = record

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.unlink(self.progress_path)


def plan(total: int) -> list[dict[str, Any]]:
    """Batches for every reader, interleaved so that a run stopped early still covers them all."""
    queues: dict[str, list[dict[str, Any]]] = {}
    for reader, weight in WEIGHTS.items():
        n, size = round(total * weight), BATCH[reader]
        queues[reader] = [{"reader": reader, "start": s, "count": min(size, n - s)} for s in range(0, n, size)]
    tasks: list[dict[str, Any]] = []
    while any(queues.values()):
        for q in queues.values():
            if q:
                tasks.append(q.pop(0))
    return tasks


def run(args: argparse.Namespace) -> dict[str, Any]:
    save_dir = Path(args.save)
    save_dir.mkdir(parents=True, exist_ok=True)
    tasks = plan(args.inputs)
    stats = {reader: ReaderStats() for reader in WEIGHTS}
    workers = [Worker(args, save_dir) for _ in range(args.workers)]
    sel = selectors.DefaultSelector()
    peak_rss = 0.0
    t0 = last_print = time.monotonic()

    def hand_out(w: Worker) -> None:
        if tasks:
            w.send(tasks.pop(0))
            assert w.proc.stdout is not None
            sel.register(w.proc.stdout, selectors.EVENT_READ, w)
        else:
            w.task = None

    def lost(w: Worker, why: str) -> Worker:
        """A worker that hung or died: count the input it was on, requeue the rest of its batch."""
        assert w.task is not None
        index, started = w.progress()
        task, st = w.task, stats[w.task["reader"]]
        assert w.proc.stdout is not None
        sel.unregister(w.proc.stdout)
        stack = save_dir / f"stack-{w.proc.pid}.txt"
        if why == "timeout":
            w.proc.send_signal(signal.SIGUSR1)  # faulthandler writes every thread's stack
            time.sleep(0.5)
        w.stop()
        if stack.exists():
            stack.rename(save_dir / f"{why}-{task['reader']}-{index}.stack.txt")
        if why == "timeout":
            st.timeouts += 1
        else:
            st.died += 1
        if index >= 0:
            data = make_input(task["reader"], index, args.seed)
            (save_dir / f"{why}-{task['reader']}-{index}.bin").write_bytes(
                data if isinstance(data, bytes) else data.encode()
            )
            st.inputs += 1
            st.samples.append([why, index, w.proc.returncode, round(time.monotonic() - started, 1)])
        # The batch's figures died with the worker: its other inputs are read again by a fresh one.
        start, end = task["start"], task["start"] + task["count"]
        rest = [(start, index), (index + 1, end)] if index >= start else [(start, end)]
        tasks[:0] = [{"reader": task["reader"], "start": a, "count": b - a} for a, b in rest if b > a]
        fresh = Worker(args, save_dir)
        hand_out(fresh)
        return fresh

    for w in workers:
        hand_out(w)
    while any(w.task is not None for w in workers):
        for key, _ in sel.select(timeout=0.5):
            w = key.data
            line = w.proc.stdout.readline() if w.proc.stdout else ""
            if not line:  # the worker died (a native crash, or killed by the kernel)
                workers[workers.index(w)] = lost(w, "died")
                continue
            sel.unregister(key.fileobj)
            result, st = json.loads(line), stats[w.task["reader"]]  # type: ignore[index]
            st.inputs += result["done"]
            st.seconds += result["seconds"]
            st.crashes += len(result["crashes"])
            st.net += len(result["net"])
            st.contract += len(result["contract"])
            st.oom += result["oom"]
            st.outcomes.update(result["outcomes"])
            for what in ("crashes", "net", "contract"):
                st.samples += [[what, *c] for c in result[what][:3]]
            st.slow += result["slow"]
            if result["max_s"] > st.max_s:
                st.max_s, st.slowest = result["max_s"], result["slowest"]
            peak_rss = max(peak_rss, result["rss_mb"])
            hand_out(w)
        now = time.monotonic()
        for i, w in enumerate(workers):
            index, started = w.progress()
            if w.task is not None and index >= 0 and now - started > args.timeout:
                workers[i] = lost(w, "timeout")
        if now - last_print > 30:
            last_print = now
            done = sum(s.inputs for s in stats.values())
            print(
                f"  {done:>9,} inputs  {done / (now - t0):7.0f}/s  crashes {sum(s.crashes for s in stats.values())}"
                f"  timeouts {sum(s.timeouts for s in stats.values())}",
                flush=True,
            )
    for w in workers:
        w.stop()
    for stack in save_dir.glob("stack-*.txt"):  # workers that ended well have nothing to say
        if not stack.stat().st_size:
            stack.unlink()
    elapsed = time.monotonic() - t0
    total = sum(s.inputs for s in stats.values())
    return {
        "inputs": total,
        "seconds": round(elapsed, 1),
        "inputs_per_second": round(total / elapsed, 1),
        "peak_rss_mb": round(peak_rss, 1),
        "crashes": sum(s.crashes for s in stats.values()),
        "caught_by_net": sum(s.net for s in stats.values()),
        "contract_breaks": sum(s.contract for s in stats.values()),
        "timeouts": sum(s.timeouts for s in stats.values()),
        "oom": sum(s.oom for s in stats.values()),
        "worker_deaths": sum(s.died for s in stats.values()),
        "max_seconds_per_input": round(max(s.max_s for s in stats.values()), 3),
        "readers": {name: s.report() for name, s in stats.items()},
        "settings": {"seed": args.seed, "workers": args.workers, "timeout_s": args.timeout, "mem_cap_mb": args.mem_mb},
        "machine": {"cpus": os.cpu_count(), "cpu": _cpu_name(), "python": platform.python_version(),
                    "date": time.strftime("%Y-%m-%d %H:%M"), "nice": os.nice(0)},
    }  # fmt: skip


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def print_table(report: dict[str, Any]) -> None:
    print(
        f"\n{'reader':<8} {'inputs':>9} {'crash':>6} {'net':>5} {'contr':>6} {'t/out':>6} {'oom':>4} {'died':>5} "
        f"{'max s':>7} {'mean ms':>8}"
    )
    for name, r in report["readers"].items():
        print(
            f"{name:<8} {r['inputs']:>9,} {r['crashes']:>6} {r['caught_by_net']:>5} {r['contract_breaks']:>6} "
            f"{r['timeouts']:>6} {r['oom']:>4} {r['worker_deaths']:>5} {r['max_seconds']:>7.3f} {r['mean_ms']:>8.3f}"
        )
    print(
        f"\n{report['inputs']:,} inputs in {report['seconds']:.0f} s ({report['inputs_per_second']:.0f}/s); "
        f"crashes {report['crashes']}, timeouts {report['timeouts']}, out-of-memory {report['oom']}, "
        f"worker deaths {report['worker_deaths']}; max {report['max_seconds_per_input']} s per input; "
        f"peak RSS {report['peak_rss_mb']:.0f} MB"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--inputs", type=int, default=100_000, help="inputs in total, shared out by WEIGHTS")
    ap.add_argument("--workers", type=int, default=1, help="worker processes (use 1 beside another test run)")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--seed", type=int, default=2567)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds one input may take before its worker dies")
    ap.add_argument("--mem-mb", type=int, default=2048, help="address-space cap of a worker (RLIMIT_AS), MiB")
    ap.add_argument(
        "--save",
        default=str(Path(tempfile.gettempdir()) / "oitcheck-fuzz"),
        help="where inputs that crash, hang or kill are written",
    )
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--progress", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker stops
        stacks = open(Path(args.save) / f"stack-{os.getpid()}.txt", "w")  # noqa: SIM115 - for the life of the worker
        faulthandler.register(signal.SIGUSR1, file=stacks, all_threads=True)  # where a hung worker is stuck
        faulthandler.enable(file=stacks)  # and where a native crash happened
        worker(args.seed, args.progress, args.mem_mb, args.save)
        return 0
    report = run(args)
    print_table(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = (
        report["crashes"] + report["contract_breaks"] + report["timeouts"] + report["oom"] + report["worker_deaths"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
