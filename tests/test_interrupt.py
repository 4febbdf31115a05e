"""Ctrl-C and SIGTERM mid-crawl: one line in the user's language, exit 130 / 143, and the next run finds the
HTTP cache, the document cache and the history as usable as before (checker/commands/interrupt.py).

A real `oitcheck check` in a subprocess against a real local site whose pages can be made slow: the signal
arrives while a request is in flight, the worst moment for the files the crawl has open.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.server import serve_site

PAGES = 6


def _page(path: str, nth: int, slow: dict[str, float]) -> dict[str, Any]:
    return {
        "delay": slow["delay"],
        "headers": {"Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
        "body": f"<html><head><title>หน้า {path}</title></head><body><p>ข่าวประชาสัมพันธ์ {path}</p></body></html>",
    }


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Any, dict[str, float]]]:
    root = tmp_path / "site"
    root.mkdir()
    links = "".join(f'<a href="/p{i}.html">หน้า {i}</a>' for i in range(1, PAGES + 1))
    (root / "index.html").write_text(f"<title>เทศบาลตำบลทดสอบ</title><body>{links}</body>", encoding="utf-8")
    slow = {"delay": 0.0}
    routes = {r"re:/p\d+\.html": {"call": lambda path, nth: _page(path, nth, slow)}}
    with serve_site(root, routes) as (base, handler):
        yield base, handler, slow


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "OITCHECK_HOME": str(tmp_path / "home"), "OITCHECK_CACHE": str(tmp_path / "cache" / "c.db")}


def _check(base: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = ["check", base, "--concurrency", "1", "-f", "json", "-o", str(tmp_path / "r.json"), *extra]
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", *args], capture_output=True, text=True, env=_env(tmp_path), timeout=120
    )


def _stop_mid_crawl(
    base: str, handler: Any, tmp_path: Path, signum: int, *extra: str, again: int | None = None
) -> tuple[int, str, float]:
    """Start a check, send `signum` once a slow page is being fetched (and `again` right after, as an
    impatient user does); (exit code, stderr, seconds to end)."""
    args = ["check", base, "--concurrency", "1", "-f", "json", "-o", str(tmp_path / "r.json"), "--full", *extra]
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
    )

    def slow_pages() -> int:
        return sum(n for path, n in list(handler.hits.items()) if path.startswith("/p"))

    started = slow_pages()
    deadline = time.monotonic() + 30
    while handler.in_flight == 0 or slow_pages() <= started:
        assert time.monotonic() < deadline and proc.poll() is None, "the check never reached a slow page"
        time.sleep(0.02)
    proc.send_signal(signum)
    sent = time.monotonic()
    if again is not None:
        time.sleep(0.005)
        proc.send_signal(again)
    _, stderr = proc.communicate(timeout=30)
    return proc.returncode, stderr, time.monotonic() - sent


def _runs(tmp_path: Path) -> list[dict[str, Any]]:
    listing = subprocess.run(
        [sys.executable, "-m", "checker.cli", "history", "--format", "json"],
        capture_output=True, text=True, env=_env(tmp_path), timeout=60, check=True,
    )  # fmt: skip
    runs: list[dict[str, Any]] = json.loads(listing.stdout)
    return runs


def _whole(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


def test_sigint_and_sigterm_end_in_one_line_and_leave_cache_and_history_usable(
    site: tuple[str, Any, dict[str, float]], tmp_path: Path
) -> None:
    base, handler, slow = site
    first = _check(base, tmp_path)
    assert first.returncode in (0, 1), first.stderr
    assert [r["id"] for r in _runs(tmp_path)] == [1]

    slow["delay"] = 3.0
    code, stderr, took = _stop_mid_crawl(base, handler, tmp_path, signal.SIGINT)
    assert code == 130 and stderr.strip().splitlines() == [
        "หยุดการตรวจตามคำสั่ง (SIGINT) ผลของการตรวจครั้งนี้ไม่ได้บันทึกในประวัติ แคชและประวัติเดิมยังใช้ได้ตามปกติ"
    ], stderr
    assert took < 2.5  # it stops, it does not wait for the slow page

    code, stderr, _ = _stop_mid_crawl(base, handler, tmp_path, signal.SIGTERM, "--lang", "en")
    assert code == 143 and stderr.strip().splitlines() == [
        "stopped (SIGTERM): this run was not stored in the history; the cache and the history are intact"
    ], stderr

    code, stderr, _ = _stop_mid_crawl(base, handler, tmp_path, signal.SIGINT, "--lang", "en", again=signal.SIGTERM)
    assert code in (130, 143) and len(stderr.strip().splitlines()) == 1 and "stopped (SIG" in stderr, stderr

    slow["delay"] = 0.0
    again = _check(base, tmp_path, "--lang", "en", "--full")  # a full crawl, so coverage is this run's
    assert again.returncode == first.returncode and "warning" not in again.stderr, again.stderr
    assert [r["id"] for r in _runs(tmp_path)] == [2, 1]  # the stopped runs were never stored
    assert "Since the previous run" in again.stderr  # and the new one compared with run 1
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["coverage"]["from_cache"] > 0
    cache = tmp_path / "cache"
    assert sorted(p.name for p in cache.glob("*.db")) == ["c-documents.db", "c-plans.db", "c.db"]
    assert not list(cache.glob("*.damaged-*")) and all(_whole(db) for db in cache.glob("*.db"))
    assert _whole(tmp_path / "home" / "history.db")
