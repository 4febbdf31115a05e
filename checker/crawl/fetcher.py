"""The one place that talks HTTP. A Fetcher turns a URL into a FetchResult and never raises for network
trouble: timeouts, TLS and DNS failures come back as results with `error` set, so a crawl always completes.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin

import httpcore
import httpx

from checker import __version__
from checker.crawl.cache import REVALIDATE, RevalidatingCache, storable
from checker.crawl.netpolicy import SCHEMES, AddressRefused, NetworkPolicy, PolicyBackend

DEADLINE_SLACK = 0.5  # seconds past the deadline before a request still waiting for its headers is dropped
MAX_REDIRECTS = 10
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = f"oitcheck/{__version__} (+https://github.com/oitcheck/oitcheck; OIT self-audit)"


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int | None
    content_type: str = ""
    body: bytes = field(default=b"", repr=False)  # a 30 MB body in a repr (a log, a traceback, asyncio) costs 120 MB
    error: str | None = None
    redirects: tuple[str, ...] = ()
    truncated: bool = False  # the body was cut: see `cut`
    cut: str | None = None  # why: "size" (the byte cap) or "time" (the check's time budget ran out mid-body)
    last_modified: str | None = None
    retry_after: str | None = None  # the Retry-After header of a 429/503, for backoff
    skipped: str | None = None  # not requested at all, and why ("robots", "circuit-open")
    from_cache: bool = False  # answered from the local HTTP cache (a 304 revalidation or a fresh copy)
    off_site: str | None = None  # a redirect to this URL, outside the site (or not http/https), was not followed


class Fetcher(Protocol):
    async def fetch(self, url: str, max_bytes: int) -> FetchResult: ...

    async def aclose(self) -> None: ...


class HttpxFetcher:
    """httpx with redirects followed (max 10) inside the site, a per-request deadline and a byte cap per response.

    With a `policy` (checker/crawl/netpolicy.py) every connection goes to an address it allows, and a redirect
    that leaves the site is not followed: the result names it (`off_site`). Without one, only redirects to
    other schemes than http/https are refused.

    `deadline` (the event loop's clock, None = none) is the check's time budget: no request waits past it,
    and a body still arriving then (a server trickling 50 MB) is kept as far as it came, marked cut for time.
    """

    deadline: float | None = None

    def __init__(
        self,
        timeout: float = 20.0,
        verify: bool = True,
        user_agent: str = USER_AGENT,
        transport: httpx.AsyncBaseTransport | None = None,
        cache: Path | None = None,
        policy: NetworkPolicy | None = None,
    ) -> None:
        self._timeout = timeout
        self.policy = policy
        headers = {"User-Agent": user_agent, "Accept-Language": "th,en;q=0.8"}
        self._cache = RevalidatingCache.open(cache) if cache is not None else None
        if self._cache is not None:
            headers.update(REVALIDATE)
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=16)
        if transport is None and policy is not None:
            transport = _policy_transport(policy, verify, limits)
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,  # followed by _get, one hop at a time, each checked against the policy
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=verify,
            headers=headers,
            limits=limits,
            trust_env=policy is None,  # a proxy would look names up itself, past the address check
        )

    async def fetch(self, url: str, max_bytes: int) -> FetchResult:
        limit = self._timeout * 2
        if self.deadline is not None:
            left = self.deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return FetchResult(url, url, None, error="time budget spent", skipped="budget:time")
            limit = min(limit, left + DEADLINE_SLACK)  # a body still arriving is cut by _read, at the deadline
        try:
            # asyncio.timeout, not wait_for: wait_for runs each request in a task of its own, about 15% of
            # the CPU a fetch costs on a fast site.
            async with asyncio.timeout(limit):
                return await self._get(url, max_bytes)
        except TimeoutError:
            if self.deadline is not None and asyncio.get_running_loop().time() >= self.deadline:
                return FetchResult(url, url, None, error="no answer within the time budget", skipped="budget:time")
            return FetchResult(url, url, None, error="timeout")
        except httpx.TooManyRedirects:
            return FetchResult(url, url, None, error="too many redirects")
        except httpx.TimeoutException:
            return FetchResult(url, url, None, error="timeout")
        except httpx.ConnectError as exc:
            refused = _refusal(exc)
            if refused is not None:
                return FetchResult(url, url, None, error=refused, skipped="policy")
            return FetchResult(url, url, None, error=_describe_connect_error(exc))
        except (httpx.HTTPError, ssl.SSLError, OSError, ValueError) as exc:
            return FetchResult(url, url, None, error=f"{type(exc).__name__}: {exc}"[:200])

    async def _get(self, url: str, max_bytes: int) -> FetchResult:
        stored = self._cache.lookup(url) if self._cache is not None else None
        conditions = stored.conditions() if stored is not None else None
        current, hops = url, list[str]()
        for _hop in range(MAX_REDIRECTS + 1):
            # Our validators go with the first request only: a 304 after a redirect says nothing of our copy.
            async with self._client.stream("GET", current, headers=None if hops else conditions) as resp:
                if resp.status_code == 304 and stored is not None and not hops and self._cache is not None:
                    self._cache.confirmed(url)  # unchanged: the stored body, nothing downloaded
                    return FetchResult(url, url, 200, stored.content_type, stored.body,
                                       last_modified=stored.last_modified, from_cache=True)  # fmt: skip
                location = resp.headers.get("location") if resp.status_code in REDIRECT_CODES else None
                if location is None:
                    body, cut = await _read(resp, max_bytes, self.deadline)
                    break
            hops.append(current)
            target = urljoin(str(resp.url), location.strip())
            if self._leaves(target):
                # Recorded like a link off the site: named in the report, never requested.
                return FetchResult(url, current, resp.status_code, redirects=tuple(hops), off_site=target,
                                   error=f"redirects off the site to {target[:200]}")  # fmt: skip
            current = target
        else:
            raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")
        redirects = tuple(hops)
        if self._cache is not None:
            if storable(resp.status_code, resp.headers, bool(redirects), cut is not None):
                self._cache.store(url, resp.headers, body)
            elif stored is not None:
                self._cache.forget(url)
        return FetchResult(
            url=url,
            final_url=str(resp.url),
            status=resp.status_code,
            content_type=resp.headers.get("content-type", ""),
            body=body,
            redirects=redirects,
            truncated=cut is not None,
            cut=cut,
            last_modified=resp.headers.get("last-modified"),
            retry_after=resp.headers.get("retry-after"),
        )

    def _leaves(self, target: str) -> bool:
        if self.policy is not None:
            return self.policy.url_refusal(target) is not None
        return target.split(":", 1)[0].lower() not in SCHEMES

    async def aclose(self) -> None:
        await self._client.aclose()
        if self._cache is not None:
            self._cache.close()


async def _read(resp: httpx.Response, max_bytes: int, deadline: float | None = None) -> tuple[bytes, str | None]:
    """The body up to `max_bytes` and until `deadline`, and why it was cut ("size", "time") or None.

    A gzip or deflate body is inflated here, never more than the cap: httpx would inflate each network read
    whole (64 KB of a bomb can be 64 MB) before we could stop it."""
    body = bytearray()
    inflater = Inflater.for_encoding(resp.headers.get("content-encoding", ""))
    try:
        async with asyncio.timeout_at(deadline):
            if inflater is None:
                async for chunk in resp.aiter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        break
            else:
                async for raw in resp.aiter_raw():
                    inflater.feed(raw, body, max_bytes + 1)
                    if len(body) > max_bytes:
                        break
                else:
                    inflater.finish(body, max_bytes + 1)
    except TimeoutError:
        return bytes(body), "time"
    if len(body) > max_bytes:
        del body[max_bytes:]
        return bytes(body), "size"
    return bytes(body), None


class Inflater:
    """Content-Encoding gzip or deflate, inflated into a buffer that never grows past a limit.

    In steps of STEP bytes: zlib builds each call's output in blocks and joins them, so one call asked for the
    whole 30 MB cap holds several copies of it at once."""

    def __init__(self, wbits: int, fallback: int | None = None) -> None:
        self._d = zlib.decompressobj(wbits)
        self._fallback = fallback  # deflate: zlib-wrapped as the RFC says, or raw as some servers send it

    @classmethod
    def for_encoding(cls, header: str) -> Inflater | None:
        """None for identity and for what httpx decodes itself (br, zstd, stacked encodings)."""
        encoding = header.strip().lower()
        if encoding in ("gzip", "x-gzip"):
            return cls(zlib.MAX_WBITS | 16)
        if encoding == "deflate":
            return cls(zlib.MAX_WBITS, fallback=-zlib.MAX_WBITS)
        return None

    def feed(self, data: bytes, out: bytearray, limit: int) -> None:
        while data and len(out) < limit:
            try:
                out += self._d.decompress(data, min(limit - len(out), STEP))
            except zlib.error as exc:
                if self._fallback is None:
                    raise httpx.DecodingError(f"cannot inflate the body: {exc}") from None
                self._d, self._fallback = zlib.decompressobj(self._fallback), None
                continue
            self._fallback = None  # the first bytes decoded: the format is settled
            data = self._d.unconsumed_tail

    def finish(self, out: bytearray, limit: int) -> None:
        try:
            out += self._d.flush()[: max(0, limit - len(out))]
        except zlib.error as exc:
            raise httpx.DecodingError(f"cannot inflate the body: {exc}") from None


STEP = 256 * 1024


def _policy_transport(policy: NetworkPolicy, verify: bool, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    """httpx's transport on a connection pool whose every connection the policy checks (PolicyBackend)."""
    ssl_context = httpx.create_ssl_context(verify=verify)
    transport = httpx.AsyncHTTPTransport(verify=ssl_context, limits=limits, trust_env=False)
    # httpx builds its pool without a way to pass a network backend: the same pool, with ours.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=PolicyBackend(policy),
    )
    return transport


def _refusal(exc: BaseException) -> str | None:
    """The policy's reason when it refused the connection (an AddressRefused under httpx's ConnectError)."""
    node: BaseException | None = exc
    for _ in range(8):
        if node is None:
            return None
        if isinstance(node, AddressRefused):
            return str(node)
        node = node.__cause__ or node.__context__
    return None


def _describe_connect_error(exc: BaseException) -> str:
    """httpx says "All connection attempts failed"; the cause underneath tells a clerk what happened."""
    chain: list[BaseException] = []
    node: BaseException | None = exc
    while node is not None and len(chain) < 8:
        chain.append(node)
        node = node.__cause__ or node.__context__
    for e in chain:
        if isinstance(e, ssl.SSLError) or "certificate" in str(e).lower():
            return f"TLS error: {e}"[:200]
        if isinstance(e, socket.gaierror) or "name or service not known" in str(e).lower():
            return "DNS lookup failed"
        if isinstance(e, ConnectionRefusedError) or "refused" in str(e).lower():
            return "connection refused"
    return f"connection failed: {exc}"[:200]
