"""A broken certificate is a finding (exit 3, with a hint), and --insecure checks the site anyway."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import trustme

from checker.cli import main
from checker.demo.server import QuietHandler

SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"


@contextmanager
def https_site(directory: Path) -> Iterator[str]:
    """HTTPS on 127.0.0.1 with a certificate from a private CA nobody trusts."""
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(directory)))
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_untrusted_certificate_is_reported_and_insecure_goes_on(tmp_path: Path) -> None:
    with https_site(SITE) as base:
        out = tmp_path / "tls.json"
        assert main(["check", base, "-f", "json", "-o", str(out), "-q", "--no-cache"]) == 3
        text = out.read_text(encoding="utf-8")
        assert "TLS" in text and "--insecure" in text
        assert (
            main(["check", base, "-f", "json", "-o", str(tmp_path / "ok.json"), "-q", "--no-cache", "--insecure"]) == 1
        )
