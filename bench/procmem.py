"""Memory of a process tree over a batch, read from /proc: which processes ran jobs, their RSS as sites finish.

Split out of batch_bench.py. A site counts as finished once its folder under out_dir holds its JSON report.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import threading
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _ppids() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds so far)."""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                f = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
                out[int(d)] = (int(f[1]), (int(f[11]) + int(f[12])) / TICK)
    return out


def _tree(root: int, ppids: dict[int, tuple[int, float]]) -> list[int]:
    kids: dict[int, list[int]] = {}
    for pid, (pp, _) in ppids.items():
        kids.setdefault(pp, []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += kids.get(pid, [])
    return out


def _mem(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in kB."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    v = {k: int(rest.split()[0]) for k, _, rest in (ln.partition(":") for ln in lines) if k in ("VmRSS", "VmHWM")}
    return (v["VmRSS"], v["VmHWM"]) if len(v) == 2 else None


class Sampler(threading.Thread):
    """RSS of every process under `roots` (name → pid) twice a second, and how many sites had finished."""

    def __init__(self, roots: dict[str, int], out_dir: Path, n: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.roots, self.out_dir, self.n, self.every = roots, out_dir, n, every
        self.stop_at = threading.Event()
        self.procs: dict[int, dict] = {}  # pid -> role, hwm, series [(t, done, rss)]
        self.done_at: list[float] = []  # time each site's report appeared
        self.t0 = time.monotonic()

    def _done(self) -> int:
        with contextlib.suppress(OSError):
            n = sum(1 for p in self.out_dir.iterdir() if (p / "oitcheck-report.json").exists())
            while len(self.done_at) < n:
                self.done_at.append(time.monotonic() - self.t0)
        return len(self.done_at)

    def run(self) -> None:
        while not self.stop_at.wait(self.every):
            self.sample()

    def sample(self) -> None:
        t, done, ppids = time.monotonic() - self.t0, self._done(), _ppids()
        for name, root in self.roots.items():
            for pid in _tree(root, ppids):
                if (m := _mem(pid)) is None:
                    continue
                p = self.procs.get(pid)
                if p is None:
                    p = self.procs[pid] = {"role": self._role(name, root, pid, ppids), "series": []}
                p["hwm"], p["cpu"] = m[1], ppids[pid][1]
                p["series"].append((round(t, 1), done, m[0]))

    @staticmethod
    def _role(name: str, root: int, pid: int, ppids: dict[int, tuple[int, float]]) -> str:
        if pid == root:
            return name  # "coordinator" or "celery-main"
        with contextlib.suppress(OSError):
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if "resource_tracker" in cmd:
                return "tracker"
        return "worker" if ppids[pid][0] == root else "other"


def _mb(kb: float) -> float:
    return round(kb / 1024, 1)


def _quarters(s: Sampler, procs: list[dict]) -> list[float | None]:
    """Mean RSS of the `procs` alive once 25/50/75% of the sites were done, and of those alive at the end."""
    out = []
    for m in [max(1, s.n * q // 4) for q in (1, 2, 3)]:
        alive = [p["series"] for p in procs if p["series"][0][1] < m <= p["series"][-1][1]]
        at = [next(r for _, d, r in series if d >= m) for series in alive]
        out.append(_mb(statistics.mean(at)) if at else None)
    last = max((p["series"][-1][0] for p in procs), default=0)
    end = [p["series"][-1][2] for p in procs if p["series"][-1][0] >= last - 1]
    return [*out, _mb(statistics.mean(end)) if end else None]


def memory(s: Sampler, n_workers: int) -> dict:
    out: dict = {"cpu_s": round(sum(p.get("cpu", 0) for p in s.procs.values()), 1)}  # whole trees, sampled
    for role in ("coordinator", "celery-main"):
        procs = [p for p in s.procs.values() if p["role"] == role]
        if procs:
            out[f"{role}_peak_mb"] = _mb(max(p["hwm"] for p in procs))
            out[f"{role}_rss_quarters_mb"] = _quarters(s, procs)
    started = [p for p in s.procs.values() if p["role"] == "worker"]
    # ran jobs: busy while sites finished (a process replaced after 100 jobs starts idle, Celery's forks at 0 CPU)
    workers = [p for p in started if p.get("cpu", 0) >= 0.2 and p["series"][-1][1] > p["series"][0][1]]
    out["worker_processes"] = f"{len(workers)} ran jobs of {len(started)} started"
    out["worker_peak_mb"] = [_mb(p["hwm"]) for p in workers]
    first, end = [], []
    for p in workers:  # RSS once every worker has done a job since it started, and at its last sample
        after = [rss for _, done, rss in p["series"] if done >= p["series"][0][1] + n_workers]
        if after:
            first.append(after[0])
            end.append(p["series"][-1][2])
    out["worker_rss_after_first_job_mb"] = [_mb(x) for x in first]
    out["worker_rss_quarters_mb"] = _quarters(s, workers)  # mean over the workers
    out["worker_rss_end_mb"] = [_mb(x) for x in end]
    if first:
        out["worker_growth_mb"] = round(_mb(statistics.mean(end)) - _mb(statistics.mean(first)), 1)
    return out
