"""The real `oitcheck serve` command: a wrong option is one line and exit 2 before anything listens; with the
embedded defaults (SQLite under $OITCHECK_HOME, the local engine) it checks a site served on loopback end to
end; SIGTERM, even during a check, stops it at once with exit 0."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from checker.demo.server import serve
from tests.support.services import free_port
from tests.web.conftest import submit, wait_done


def _serve(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "serve", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "OITCHECK_HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")},
    )  # fmt: skip


def _wait_listening(proc: subprocess.Popen[str], url: str) -> None:
    end = time.monotonic() + 60
    while time.monotonic() < end:
        assert proc.poll() is None, proc.communicate()
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("oitcheck serve did not start listening")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--bind", "nope"], "--bind must be HOST:PORT"),
        (["--rate", "lots"], "--rate must look like 30/minute"),
        (["--token-file", "/nonexistent/token"], "cannot read the token file /nonexistent/token"),
        (["--engine", "celery"], "--engine celery needs --broker"),
        (["--allow", ","], "--allow names no host"),
        (["--rules", "/etc/hostname"], "/etc/hostname:1:"),
        (["--workers", "0"], "--workers must be 1–32"),
    ],
)
def test_a_wrong_option_is_one_line_and_exit_2(tmp_path: Path, args: list[str], said: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "checker.cli", "serve", "--bind", "127.0.0.1:1", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, "OITCHECK_HOME": str(tmp_path)},
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and said in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.fixture
def served_demo() -> Iterator[str]:
    with serve() as url:
        yield url


def test_b_the_embedded_defaults_check_a_site_end_to_end_and_sigterm_stops_with_0(
    tmp_path: Path, served_demo: str
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve(tmp_path, "--bind", f"127.0.0.1:{port}", "--allow", "127.0.0.1", "--allow-private", "--no-ocr")
    try:
        _wait_listening(proc, base)
        with httpx.Client(base_url=base, timeout=30) as client:
            answer = submit(client, served_demo)
            assert answer.status_code == 303 and answer.headers["location"].startswith("/jobs/")
            status = wait_done(client, answer.headers["location"])
            assert status["state"] == "done", status
            assert status["progress"]["pages"] > 10 and status["progress"]["items"] == 43
            report = client.get(status["report"])
            assert report.status_code == 200 and "เทศบาลตำบลบ้านสวนดอก" in report.text
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "oitcheck serve: หยุดแล้ว" in err and "Traceback" not in err
    with sqlite3.connect(tmp_path / "history.db") as db:  # the embedded store: $OITCHECK_HOME/history.db
        assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(1.5)
        links = b"".join(b'<a href="/p%d">p</a>' % i for i in range(40))
        body = b"<html><title>slow</title><body>" + links + b"</body>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_c_sigterm_during_a_check_abandons_it_at_once(tmp_path: Path) -> None:
    slow = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve(tmp_path, "--bind", f"127.0.0.1:{port}", "--allow", "127.0.0.1", "--allow-private", "--no-ocr")
    try:
        _wait_listening(proc, base)
        with httpx.Client(base_url=base, timeout=30) as client:
            job = submit(client, f"http://127.0.0.1:{slow.server_address[1]}/").headers["location"]
            end = time.monotonic() + 20
            while client.get(job + ".json").json()["state"] != "running":
                assert time.monotonic() < end
                time.sleep(0.1)
        time.sleep(1)
        stopped = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        took = time.monotonic() - stopped
    finally:
        slow.shutdown()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "1 " in err.splitlines()[-1] and took < 10, (took, err)  # one check abandoned, not waited for
    with sqlite3.connect(tmp_path / "history.db") as db:
        assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_d_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "checker.cli", "serve", "--bind", f"127.0.0.1:{port}"],
            capture_output=True, text=True, timeout=60, env={**os.environ, "OITCHECK_HOME": str(tmp_path)},
        )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == f"error: cannot listen on 127.0.0.1:{port}: Address already in use", proc.stderr
