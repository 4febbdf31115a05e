"""A real local HTTP server for tests: static fixture sites plus faults described as data.

A site directory may hold `_routes.yaml` mapping a path to what the server should do instead of serving a
file: a status, headers, a body, a delay, a redirect. A route with `sequence` (a list of such answers) gives
the n-th answer to the n-th request and repeats the last, so a route can fail twice and then succeed. The server
also counts requests, records when each one arrived (time.monotonic, per path) and the most requests it ever had
in flight at once (for politeness tests).

Also (for the vendor-shaped sites of tests/support/vendor_sites.py): a route key written `re:<regex>` answers
every path it fully matches that has no exact route (vendor URLs like `calendar.php?month=5&year=2567`; the
path includes the query string, which SimpleHTTPRequestHandler ignores for files); `file: <path>` answers with
the bytes of a file under the served directory; `call` (routes given in code only) is a function
`(path, nth) -> answer` whose answer is merged over the route, for pages generated on request; and
`stop_on_hangup: true` ends a `delay` early, without an answer, once the client has closed the connection (a
crawler's timeout), so that the in-flight count shows what the client really holds open.
"""

from __future__ import annotations

import re
import select
import socket
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
                route = cls._pattern_route(self.path)
            if route is not None and callable(route.get("call")):
                route = {**route, **route["call"](self.path, nth)}
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

    @classmethod
    def _pattern_route(cls, path: str) -> dict[str, Any] | None:
        """The first `re:` route (in table order) whose regex matches the whole path, or None."""
        for key, route in cls.routes.items():
            if key.startswith("re:") and re.fullmatch(key[3:], path):
                return route
        return None

    def _client_gone(self) -> bool:
        """The client closed the connection (readable, and nothing to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _answer(self, route: dict[str, Any]) -> None:
        delay = float(route.get("delay", 0))
        if route.get("stop_on_hangup"):
            end = time.monotonic() + delay
            while time.monotonic() < end:
                if self._client_gone():
                    self.close_connection = True
                    return
                time.sleep(0.05)
        else:
            time.sleep(delay)
        body = route.get("body", "")
        if "file" in route:
            body = (Path(self.directory) / route["file"]).read_bytes()
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
    directory: Path, routes: dict[str, dict[str, Any]] | None = None, host: str = "127.0.0.1"
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
    with serve(directory, handler=handler, host=host) as base:
        yield base, handler
