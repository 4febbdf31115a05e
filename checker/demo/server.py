"""A small static web server on 127.0.0.1 for the bundled demo site and the test fixtures.

Thread-based so it can run beside the asyncio crawler in the same process; a random free port by default.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SITE_DIR = Path(__file__).resolve().parent / "site"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr; closes idle keep-alive sockets quickly."""

    timeout = 10
    extensions_map = {  # noqa: RUF012 - the stdlib's own attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up early (a crawler's timeout) is normal here, not worth a traceback."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


@contextmanager
def serve(
    directory: Path = SITE_DIR, port: int = 0, handler: type[QuietHandler] = QuietHandler, host: str = "127.0.0.1"
) -> Iterator[str]:
    """Serve `directory` on `host` (a loopback address); yields the base URL ('http://127.0.0.1:PORT/')."""
    httpd = _Server((host, port), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, name="oitcheck-demo-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
