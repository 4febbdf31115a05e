"""Real parts for the distributed engine's tests: a Redis database of its own per test (on the session's
redis-server, tests/support/services.py), and Celery workers started as real processes
(`python -m checker.commands.worker`, what `oitcheck worker` runs), each in a process group of its own so a
test can kill one whole worker — main process and pool — with SIGKILL, as a machine dies."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
_DATABASES = itertools.cycle(range(1, 16))  # Redis db 0 is left to other tests


@pytest.fixture
def broker(redis_url: str) -> str:
    """`redis://127.0.0.1:PORT/N`: an emptied Redis database for this test (queue, results, marks)."""
    url = f"{redis_url.rsplit('/', 1)[0]}/{next(_DATABASES)}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()
    return url


class Worker:
    def __init__(self, name: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.name, self.proc, self.log = name, proc, log

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while " ready." not in self.text():
            if self.proc.poll() is not None:
                pytest.fail(f"worker {self.name} exited with {self.proc.returncode}:\n{self.text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"worker {self.name} not ready after {timeout:g} s:\n{self.text()[-3000:]}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL to the worker's whole process group: the main process and its pool, at once."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def tasks(self, word: str) -> list[str]:
        """The log lines of tasks `received` / `succeeded` by this worker."""
        return [line for line in self.text().splitlines() if "oitcheck.check_site[" in line and word in line]


StartWorker = Callable[..., Worker]


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[StartWorker]:
    """start_worker(broker, store, name, visibility=None, concurrency=1) -> Worker (not yet waited for)."""
    started: list[Worker] = []

    def start(broker: str, store: str, name: str, visibility: float | None = None, concurrency: int = 1) -> Worker:
        env = dict(os.environ)
        if visibility is not None:
            env["OITCHECK_CELERY_VISIBILITY"] = str(visibility)
        log = tmp_path / f"worker-{name}.log"
        command = [sys.executable, "-m", "checker.commands.worker", "--broker", broker, "--store", store]
        command += ["--concurrency", str(concurrency), "--name", f"{name}@oitcheck-test", "--loglevel", "INFO"]
        with log.open("wb") as out:
            proc = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        worker = Worker(name, proc, log)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.kill()
