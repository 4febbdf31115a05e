"""A Fetcher wrapper that keeps the crawler gentle with fragile sites on weak shared hosting.

Per host (hostname:port) it limits requests in flight, spaces request starts (our minimum, the site's
Crawl-delay, and an adaptive delay that grows on 429/503 without Retry-After and halves on each success),
retries only what a retry can fix (timeouts, connection errors, 5xx, 429) with exponential backoff and jitter,
honours Retry-After, and stops asking a host that keeps failing (a circuit breaker) instead of queueing hundreds
of doomed requests. robots.txt is checked before anything is sent. All waiting goes through an injectable
`sleep` and `clock`.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from checker.crawl.fetcher import USER_AGENT, Fetcher, FetchResult
from checker.crawl.robots import Robots, load_robots

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Failures that are about this URL, not the host: retrying or tripping the breaker would not help.
_PERMANENT_ERRORS = ("too many redirects", "TLS error", "DNS lookup failed", "InvalidURL", "UnsupportedProtocol")


@dataclass(frozen=True)
class Policy:
    """How gentle to be with one host. The defaults suit a municipal site on shared hosting."""

    concurrency: int = 4  # requests in flight per host
    min_delay: float = 0.0  # seconds between request starts to one host
    max_crawl_delay: float = 10.0  # a robots.txt Crawl-delay is honoured up to this
    retries: int = 2  # extra attempts after a timeout, connection error, 5xx or 429
    backoff: float = 1.0  # first retry wait in seconds; doubles each retry
    max_backoff: float = 30.0
    jitter: float = 0.25  # a backoff wait varies by ±this fraction, so retries do not arrive in lockstep
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for: the URL is given up
    adaptive_step: float = 1.0  # a 429/503 without Retry-After raises the host's delay to this, else doubles it
    max_adaptive_delay: float = 10.0
    # Each success halves the raised delay: one 429 costs a few seconds, not the rest of the crawl (a ×0.9
    # decay spaced 63 requests a second apart after one "Retry-After: 1").
    adaptive_decay: float = 0.5
    breaker_threshold: int = 5  # consecutive failed requests that pause a host
    breaker_cooldown: float = 60.0  # seconds a paused host is left alone before one trial request


@dataclass
class PolitenessStats:
    """What the politeness layer did, for the crawl report."""

    requests: int = 0  # requests actually sent
    retries: int = 0
    backoffs: int = 0  # times a 429/503 raised a host's delay
    retry_after_honoured: int = 0
    waited_seconds: float = 0.0  # time spent in spacing, backoff and Retry-After waits
    breaker_trips: int = 0
    circuit_skips: int = 0  # fetches answered "circuit-open" without a request
    robots_skips: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


@dataclass
class _Host:
    slots: asyncio.Semaphore
    gate: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_start: float = float("-inf")
    paused_until: float = float("-inf")  # set by Retry-After
    adaptive: float = 0.0
    failures: int = 0  # consecutive
    open_until: float | None = None  # breaker open (None = closed)
    trial: asyncio.Event | None = None  # a half-open trial request is in flight


def host_key(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    return f"{(parts.hostname or '').lower()}:{port}"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After is seconds ('120') or an HTTP-date; returns seconds from now (never negative) or None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, seconds) if seconds == seconds else None  # NaN is not a wait


def is_failure(result: FetchResult) -> bool:
    """A sign the host is struggling: counts towards the breaker."""
    if result.skipped is not None:
        return False
    if result.status is None:
        return not (result.error or "").startswith("too many redirects")
    return result.status >= 500 or result.status == 429


def is_retryable(result: FetchResult) -> bool:
    """Worth asking again: transient network trouble, 5xx and 429. Never other 4xx."""
    if result.skipped is not None:
        return False
    if result.status is None:
        return not (result.error or "").startswith(_PERMANENT_ERRORS)
    return (result.status >= 500 and result.status not in (501, 505)) or result.status == 429


class PoliteFetcher:
    """Fetcher protocol; wrap the HTTP fetcher once per crawl and share it between the crawler's workers."""

    def __init__(
        self,
        inner: Fetcher,
        robots: Robots | None = None,
        policy: Policy | None = None,
        *,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.inner = inner
        self.robots = robots  # may be set after construction, once robots.txt has been read through us
        self.policy = policy or Policy()
        self.stats = PolitenessStats()
        self._sleep = sleep
        self._clock = clock
        self._rand = rand
        self._hosts: dict[str, _Host] = {}

    @classmethod
    async def for_site(
        cls, inner: Fetcher, site_url: str, policy: Policy | None = None, user_agent: str = USER_AGENT
    ) -> PoliteFetcher:
        """A polite fetcher whose robots.txt was itself fetched politely (spaced, retried, breaker-guarded)."""
        polite = cls(inner, None, policy)
        polite.robots = await load_robots(polite, site_url, user_agent)
        return polite

    async def aclose(self) -> None:
        await self.inner.aclose()

    async def fetch(self, url: str, max_bytes: int) -> FetchResult:
        if self.robots is not None and not self.robots.allowed(url):
            self.stats.robots_skips += 1
            return FetchResult(url, url, None, error="disallowed by robots.txt", skipped="robots")
        host = self._host(url)
        refused, trial = await self._admit(host, url)
        if refused is not None:
            return refused
        try:
            async with host.slots:
                return await self._attempts(host, url, max_bytes, trial)
        finally:
            self._end_trial(host, trial)  # a no-op after a verdict; after a cancellation it lets another try

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[bool]:
        """Hold one of the host's request slots, after its spacing, for work done elsewhere (a browser
        rendering a page): the page's own request obeys the same limits as a fetch. Yields False, holding
        nothing, when robots.txt forbids the URL or the host is paused."""
        if self.robots is not None and not self.robots.allowed(url):
            self.stats.robots_skips += 1
            yield False
            return
        host = self._host(url)
        if host.open_until is not None and self._clock() < host.open_until:
            yield False
            return
        async with host.slots:
            await self._gate(host, url)
            self.stats.requests += 1
            yield True

    # ------------------------------------------------------------------ internals

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(asyncio.Semaphore(max(1, self.policy.concurrency)))
        return host

    async def _attempts(self, host: _Host, url: str, max_bytes: int, trial: asyncio.Event | None) -> FetchResult:
        attempt = 0
        last: FetchResult | None = None
        while True:
            await self._gate(host, url)
            if host.open_until is not None and trial is None:  # the breaker opened while we queued
                return last or self._refusal(host, url)
            self.stats.requests += 1
            result = await self.inner.fetch(url, max_bytes)
            wait = self._record(host, result, trial, attempt)
            if wait is None or attempt >= self.policy.retries or host.open_until is not None:
                return result
            last = result
            attempt += 1
            self.stats.retries += 1
            await self._wait(wait)

    async def _admit(self, host: _Host, url: str) -> tuple[FetchResult | None, asyncio.Event | None]:
        """(refusal, trial): refuse while the breaker is open; after the cool-down one trial request goes first."""
        while host.open_until is not None:
            now = self._clock()
            if now < host.open_until:
                return self._refusal(host, url), None
            if host.trial is None:
                host.trial = asyncio.Event()
                return None, host.trial
            await host.trial.wait()  # the trial's verdict decides for us too
        return None, None

    def _refusal(self, host: _Host, url: str) -> FetchResult:
        self.stats.circuit_skips += 1
        left = max(0.0, (host.open_until or 0.0) - self._clock())
        error = f"host paused after {host.failures} failed requests in a row; next try in {left:.0f} s"
        return FetchResult(url, url, None, error=error, skipped="circuit-open")

    async def _gate(self, host: _Host, url: str) -> None:
        """Space request starts to one host; one caller at a time, so waits queue up instead of bunching."""
        async with host.gate:
            while True:
                ready = max(host.last_start + self._delay(host, url), host.paused_until)
                pause = ready - self._clock()
                if pause <= 0:
                    break
                await self._wait(pause)
            host.last_start = self._clock()

    def _delay(self, host: _Host, url: str) -> float:
        crawl = None
        if self.robots is not None and self.robots.covers(url):
            crawl = self.robots.crawl_delay
        robots_delay = min(crawl, self.policy.max_crawl_delay) if crawl else 0.0
        return max(self.policy.min_delay, robots_delay, host.adaptive)

    def _record(self, host: _Host, result: FetchResult, trial: asyncio.Event | None, attempt: int) -> float | None:
        """Update the host's breaker and delays from one answer; returns the wait before a retry, or None."""
        p = self.policy
        now = self._clock()
        if not is_failure(result):
            host.failures = 0
            host.open_until = None
            host.adaptive = host.adaptive * p.adaptive_decay if host.adaptive > 0.05 else 0.0
            self._end_trial(host, trial)
            return None
        host.failures += 1
        if trial is not None or (host.open_until is None and host.failures >= p.breaker_threshold):
            host.open_until = now + p.breaker_cooldown
            self.stats.breaker_trips += 1
        self._end_trial(host, trial)
        retry_after = None
        if result.status in (429, 503):
            self.stats.backoffs += 1
            retry_after = parse_retry_after(result.retry_after)
            if retry_after is None:  # no word from the server on how long: slow down until successes return
                host.adaptive = min(p.max_adaptive_delay, max(p.adaptive_step, host.adaptive * 2))
        if retry_after is not None:  # the server said how long: the host pauses once, then goes on at its pace
            wait = min(retry_after, p.max_retry_after)
            host.paused_until = max(host.paused_until, now + wait)  # the whole host waits, not only this URL
            if retry_after > p.max_retry_after:
                return None  # the server wants longer than we can wait: give this URL up, never come back early
            self.stats.retry_after_honoured += 1
            return wait
        if not is_retryable(result):
            return None
        return self._backoff(attempt)

    def _backoff(self, attempt: int) -> float:
        """backoff, 2×backoff, 4×backoff… (capped), each varied by ±jitter."""
        p = self.policy
        base = min(p.max_backoff, p.backoff * 2.0 ** min(attempt, 30))
        return max(0.0, base * (1 + p.jitter * (2 * self._rand() - 1)))

    @staticmethod
    def _end_trial(host: _Host, trial: asyncio.Event | None) -> None:
        if trial is not None and host.trial is trial:
            trial.set()
            host.trial = None

    async def _wait(self, seconds: float) -> None:
        self.stats.waited_seconds += seconds
        await self._sleep(seconds)
