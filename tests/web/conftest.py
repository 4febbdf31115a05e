"""A real `oitcheck serve` application under uvicorn on loopback, and sites for it to check.

`web_server(**changes)` starts the application (checker/web) with a WebConfig for a fresh SQLite store in
tmp_path, allowing 127.0.0.1 and private addresses (the sites are on loopback), no OCR, small budgets; it
returns a WebServer with the base URL and the config. `demo_copy` is a copy of the demo site that a test may
edit, served on loopback.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from checker.demo.server import SITE_DIR, serve
from checker.rules import loader
from checker.web.allow import AllowList
from checker.web.app import create_app
from checker.web.config import WebConfig
from tests.support.services import free_port

CHECK_ARGV = ["--no-history", "--quiet", "--no-ocr", "--allow-private", "--max-seconds", "120", "--render", "never"]


@dataclass
class WebServer:
    url: str
    config: WebConfig
    server: uvicorn.Server

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def submit(client: httpx.Client, url: str, year: int = 2567) -> httpx.Response:
    """Fill in and send the check form as a browser would (the form's page first, for its token)."""
    token = csrf_token(client.get("/").text)
    return client.post("/check", data={"url": url, "year": str(year), "csrftoken": token})


def wait_done(client: httpx.Client, job_path: str, timeout: float = 120) -> dict[str, Any]:
    """Poll a job's status until it is done or failed; returns the last status."""
    end = time.monotonic() + timeout
    while True:
        status: dict[str, Any] = client.get(job_path.split("?")[0] + ".json").json()
        if status["state"] in ("done", "failed") or time.monotonic() > end:
            return status
        time.sleep(0.3)


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[Callable[..., WebServer]]:
    started: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(**changes: Any) -> WebServer:
        config = WebConfig(
            store=str(tmp_path / "history.db"),
            pack=loader.load(loader.DEFAULT_PACK),
            allow=AllowList(("127.0.0.1",)),
            argv=list(CHECK_ARGV),
            allow_private=True,
            lang="th",
        )
        config = replace(config, **changes)
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, name="oitcheck-web-test", daemon=True)
        thread.start()
        end = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < end and thread.is_alive(), "the web server did not start"
            time.sleep(0.05)
        started.append((server, thread))
        return WebServer(f"http://127.0.0.1:{port}", config, server)

    yield start
    for server, thread in started:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture
def demo_copy(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the demo site (editable by the test) served on loopback: (folder, base URL)."""
    folder = tmp_path / "site"
    shutil.copytree(SITE_DIR, folder)
    with serve(folder) as url:
        yield folder, url
