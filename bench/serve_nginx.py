"""Serve a directory with Debian's nginx on 127.0.0.1 from a throw-away config (sendfile, keepalive).

    python bench/serve_nginx.py /tmp/oit-bench-site [--port 8088]     # serve until Ctrl-C

In code:  with nginx(Path("/tmp/oit-bench-site")) as base_url: ...   (stops nginx on exit)
Needs /usr/sbin/nginx (apt-get install -y nginx); raises NginxMissing with that hint otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

CONF = """\
worker_processes {workers};
daemon off;
master_process on;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    etag on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    charset utf-8;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        index index.html;
        {rate}
    }}
}}
"""


class NginxMissing(RuntimeError):
    pass


def find_nginx() -> str:
    path = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if not path:
        raise NginxMissing("nginx not found: run `apt-get update && apt-get install -y nginx` (Debian's nginx)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def nginx(root: Path, port: int | None = None, workers: int = 1, rate: str | None = None) -> Iterator[str]:
    """Start nginx serving `root`; yield its base URL ("http://127.0.0.1:PORT/"); stop it afterwards.

    One worker by default: the machine has 2 cores and the crawler under test needs the other one.
    `rate` (nginx's limit_rate, e.g. "64k" bytes/s per connection) stands in for a slow agency host: loopback
    has no transfer cost at all, which hides what a 304 saves."""
    port = port or free_port()
    limit = f"limit_rate {rate};" if rate else ""

    def conf(tmp: str, mime: str) -> str:
        return CONF.format(workers=workers, tmp=tmp, mime=mime, port=port, root=Path(root).resolve(), rate=limit)

    with launch(conf, ("127.0.0.1", port)):
        yield f"http://127.0.0.1:{port}/"


@contextlib.contextmanager
def launch(conf: Callable[[str, str], str], probe: tuple[str, int]) -> Iterator[None]:
    """Run nginx with the configuration conf(tmp_dir, mime_types_path) until `probe` accepts connections;
    stop it gracefully afterwards. Shared by every bench that serves generated sites."""
    exe = find_nginx()
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        mime = "/etc/nginx/mime.types"
        if not Path(mime).exists():
            mime = f"{tmp}/mime.types"
            Path(mime).write_text("types { text/html html; application/pdf pdf; text/plain txt; }\n")
        path = Path(tmp) / "nginx.conf"
        path.write_text(conf(tmp, mime))
        proc = subprocess.Popen(
            [exe, "-p", tmp, "-c", str(path), "-e", f"{tmp}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 10
            while True:
                if proc.poll() is not None:
                    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                    raise RuntimeError(f"nginx exited ({proc.returncode}): {err.strip()}")
                with contextlib.suppress(OSError), socket.create_connection(probe, timeout=0.2):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not start listening within 10 s")
                time.sleep(0.05)
            yield
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGQUIT)  # graceful: finish requests in flight
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", type=Path)
    ap.add_argument("--port", type=int, default=None)
    ap.add_argument("--rate", default=None, help='limit_rate per connection, e.g. "64k" (default: none)')
    a = ap.parse_args()
    try:
        with nginx(a.root, a.port, rate=a.rate) as url:
            print(f"serving {a.root} at {url} (Ctrl-C to stop)", flush=True)
            while True:
                time.sleep(3600)
    except NginxMissing as e:
        raise SystemExit(str(e)) from None
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
