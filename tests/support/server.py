"""A real local HTTP server for tests: static fixture sites plus faults described as data.

A site directory may hold `_routes.yaml` mapping a path to what the server should do instead of serving a
file: a status, headers, a body, a delay, a redirect. A route with `sequence` (a list of such answers) gives
the n-th answer to the n-th request and repeats the last, so a route can fail twice and then succeed. The server
also counts requests, records when each one arrived (time.monotonic, per path) and the most requests it ever had
in flight at once (for politeness tests).
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import yaml

from checker.demo.server import QuietHandler, serve


class FixtureHandler(QuietHandler):
    routes: ClassVar[dict[str, dict[str, Any]]] = {}
    hits: ClassVar[Counter[str]] = Counter()
    times: ClassVar[defaultdict[str, list[float]]] = defaultdict(list)
    lock: ClassVar[threading.Lock] = threading.Lock()
    in_flight: ClassVar[int] = 0
    max_in_flight: ClassVar[int] = 0

    def do_GET(self) -> None:
        cls = type(self)
        with cls.lock:
            cls.hits[self.path] += 1
            cls.times[self.path].append(time.monotonic())
            nth = cls.hits[self.path]
            cls.in_flight += 1
            cls.max_in_flight = max(cls.max_in_flight, cls.in_flight)
        try:
            route = cls.routes.get(self.path)
            if route is None:
                super().do_GET()
            elif "sequence" in route:
                answers = route["sequence"]
                self._answer({**route, **answers[min(nth, len(answers)) - 1]})
            else:
                self._answer(route)
        finally:
            with cls.lock:
                cls.in_flight -= 1

    @classmethod
    def reset(cls, routes: dict[str, dict[str, Any]] | None = None) -> None:
        """Reuse one running server across tests (a shutdown costs ~0.5 s): new routes, counters cleared."""
        with cls.lock:
            cls.routes = dict(routes or {})
            cls.hits.clear()
            cls.times.clear()
            cls.max_in_flight = cls.in_flight

    def _answer(self, route: dict[str, Any]) -> None:
        time.sleep(float(route.get("delay", 0)))
        body = route.get("body", "")
        data = body.encode(route.get("encoding", "utf-8")) if isinstance(body, str) else bytes(body)
        self.send_response(int(route.get("status", 200)))
        headers = {"Content-Type": "text/html; charset=utf-8", **route.get("headers", {})}
        if "redirect" in route:
            headers["Location"] = route["redirect"]
        for k, v in headers.items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def serve_site(
    directory: Path, routes: dict[str, dict[str, Any]] | None = None
) -> Iterator[tuple[str, type[FixtureHandler]]]:
    """Serve a fixture site; yields (base URL, the handler class holding counters)."""
    table = dict(routes or {})
    route_file = directory / "_routes.yaml"
    if route_file.exists():
        table = {**yaml.safe_load(route_file.read_text(encoding="utf-8")), **table}
    handler = type(
        "Handler",
        (FixtureHandler,),
        {
            "routes": table,
            "hits": Counter(),
            "times": defaultdict(list),
            "lock": threading.Lock(),
            "in_flight": 0,
            "max_in_flight": 0,
        },
    )
    with serve(directory, handler=handler) as base:
        yield base, handler
