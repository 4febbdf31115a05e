"""A TCP proxy on loopback that adds a fixed delay to every request, standing in for a distant, slow host.

    python bench/latency_proxy.py http://127.0.0.1:8088/ --ms 100       # prints its own URL; Ctrl-C stops

In code:  with latency_proxy("http://127.0.0.1:8088/", 100) as url: ...

Each chunk the client sends (an HTTP request: oitcheck neither pipelines nor uploads) waits `ms` before it is
passed on, so every response arrives one round trip later, whichever connection carries it; bytes from the
server flow back at once (throttle those with nginx's limit_rate, bench/serve_nginx.py `rate`). It runs its own
event loop in a thread, so the checker under test (another process) sees an ordinary slow server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    try:
        while data := await reader.read(65536):
            if delay:
                await asyncio.sleep(delay)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def _serve(upstream: tuple[str, int], delay: float, ready: threading.Event, box: list) -> None:
    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(*upstream)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(_pipe(client_r, server_w, delay), _pipe(server_r, client_w, 0.0))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    box.append(server.sockets[0].getsockname()[1])
    box.append(asyncio.get_running_loop())
    box.append(server)
    ready.set()
    async with server:
        with contextlib.suppress(asyncio.CancelledError):
            await server.serve_forever()


@contextlib.contextmanager
def latency_proxy(upstream_url: str, ms: float) -> Iterator[str]:
    """The proxy's base URL while the block runs; `ms` of delay per request (0: a plain relay)."""
    parts = urlsplit(upstream_url)
    upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
    ready, box = threading.Event(), []
    thread = threading.Thread(
        target=asyncio.run, args=(_serve(upstream, ms / 1000.0, ready, box),), name="latency-proxy", daemon=True
    )
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("latency proxy did not start")
    port, loop, server = box
    try:
        yield f"http://127.0.0.1:{port}{parts.path or '/'}"
    finally:
        loop.call_soon_threadsafe(server.close)  # ends serve_forever; asyncio.run then cancels open relays
        thread.join(timeout=2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("upstream", help="the server to relay to, e.g. http://127.0.0.1:8088/")
    ap.add_argument("--ms", type=float, default=100.0, help="delay added to each request (default 100)")
    a = ap.parse_args()
    with latency_proxy(a.upstream, a.ms) as url:
        print(url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
