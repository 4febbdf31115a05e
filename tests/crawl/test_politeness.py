"""The politeness layer: robots, spacing, retries, Retry-After, adaptive backoff and the circuit breaker.

Unit tests run on a fake clock (no real waiting); the rest run against the real local server, whose request
counts and arrival times prove what was (not) sent.
"""

from __future__ import annotations

import asyncio
import itertools
import time as time_module
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from checker.crawl.crawler import Crawler, CrawlOptions
from checker.crawl.fetcher import USER_AGENT, FetchResult, HttpxFetcher
from checker.crawl.politeness import Policy, PoliteFetcher, host_key, parse_retry_after
from checker.crawl.robots import Robots
from checker.rules.schema import RulePack
from tests.support.server import FixtureHandler, serve_site

SITE = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"
A = "http://a.go.th/"
B = "http://b.go.th/"


class FakeTime:
    """A clock that moves only when someone sleeps; concurrent sleepers overlap as they would in real time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        until = self.now + seconds
        await asyncio.sleep(0)
        self.now = max(self.now, until)


class Scripted:
    """A Fetcher that answers each URL from a script (the last answer repeats) and records when it was asked."""

    def __init__(self, time: FakeTime, script: Mapping[str, Sequence[FetchResult]], latency: float = 0.0) -> None:
        self.time = time
        self.script = script
        self.latency = latency
        self.calls: defaultdict[str, list[float]] = defaultdict(list)

    async def fetch(self, url: str, max_bytes: int) -> FetchResult:
        self.calls[url].append(self.time.now)
        if self.latency:
            await self.time.sleep(self.latency)
        answers = self.script.get(url) or [ok(url)]
        return answers[min(len(self.calls[url]), len(answers)) - 1]

    async def aclose(self) -> None:
        pass


def ok(url: str) -> FetchResult:
    return FetchResult(url, url, 200, "text/html", b"ok")


def status(url: str, code: int, retry_after: str | None = None) -> FetchResult:
    return FetchResult(url, url, code, retry_after=retry_after)


def error(url: str, message: str = "timeout") -> FetchResult:
    return FetchResult(url, url, None, error=message)


def make(
    script: Mapping[str, Sequence[FetchResult]], robots: Robots | None = None, latency: float = 0.0, **policy: Any
) -> tuple[PoliteFetcher, Scripted, FakeTime]:
    time = FakeTime()
    inner = Scripted(time, script, latency)
    polite = PoliteFetcher(inner, robots, Policy(**policy), sleep=time.sleep, clock=time.clock, rand=lambda: 0.5)
    return polite, inner, time


# ---------------------------------------------------------------------- unit tests on a fake clock


async def test_disallowed_url_is_skipped_without_a_request() -> None:
    polite, inner, _ = make({}, Robots(A, "User-agent: oitcheck\nDisallow: /private\n", USER_AGENT))
    result = await polite.fetch(A + "private/x.pdf", 1000)
    assert result.skipped == "robots" and result.error == "disallowed by robots.txt" and result.status is None
    assert not inner.calls and polite.stats.robots_skips == 1
    assert (await polite.fetch(A + "public", 1000)).status == 200


async def test_5xx_and_timeouts_retry_with_exponential_backoff() -> None:
    url = A + "flaky"
    polite, inner, time = make({url: [status(url, 502), error(url), status(url, 500), ok(url)]}, retries=3)
    result = await polite.fetch(url, 1000)
    assert result.status == 200 and len(inner.calls[url]) == 4
    assert time.sleeps == [1.0, 2.0, 4.0]  # jitter is zero at rand() == 0.5
    assert polite.stats.retries == 3 and polite.stats.requests == 4


async def test_retries_give_up_after_the_limit() -> None:
    url = A + "down"
    polite, inner, _ = make({url: [status(url, 500)]})  # default: 2 retries
    assert (await polite.fetch(url, 1000)).status == 500
    assert len(inner.calls[url]) == 3


async def test_jitter_varies_the_wait() -> None:
    url = A + "x"
    time = FakeTime()
    inner = Scripted(time, {url: [status(url, 500), ok(url)]})
    polite = PoliteFetcher(inner, None, Policy(jitter=0.25), sleep=time.sleep, clock=time.clock, rand=lambda: 1.0)
    await polite.fetch(url, 1000)
    assert time.sleeps == [1.25]


@pytest.mark.parametrize(
    "answer",
    [
        status(A + "x", 404),
        status(A + "x", 403),
        status(A + "x", 410),
        status(A + "x", 501),
        error(A + "x", "DNS lookup failed"),
        error(A + "x", "TLS error: certificate verify failed"),
        error(A + "x", "too many redirects"),
    ],
)
async def test_what_a_retry_cannot_fix_is_not_retried(answer: FetchResult) -> None:
    polite, inner, time = make({A + "x": [answer, ok(A + "x")]})
    assert await polite.fetch(A + "x", 1000) == answer
    assert len(inner.calls[A + "x"]) == 1 and not time.sleeps and polite.stats.retries == 0


async def test_retry_after_as_an_http_date_is_honoured() -> None:
    url = A + "busy"
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=7), usegmt=True)
    polite, inner, _ = make({url: [status(url, 503, when), ok(url)]})
    assert (await polite.fetch(url, 1000)).status == 200
    first, second = inner.calls[url]
    assert 5.5 <= second - first <= 7.5
    assert polite.stats.retry_after_honoured == 1 and polite.stats.backoffs == 1


async def test_retry_after_pauses_the_whole_host() -> None:
    busy, other = A + "busy", A + "other"
    polite, inner, _ = make({busy: [status(busy, 429, "5"), ok(busy)]}, concurrency=2)
    await asyncio.gather(polite.fetch(busy, 1000), polite.fetch(other, 1000))
    retry_at = inner.calls[busy][1]
    assert retry_at - inner.calls[busy][0] >= 5
    assert inner.calls[other][0] >= inner.calls[busy][0] + 5  # the other URL waited out the pause too


async def test_a_retry_after_beyond_the_cap_gives_the_url_up_and_pauses_the_host() -> None:
    busy = A + "busy"
    polite, inner, time = make({busy: [status(busy, 429, "3600")]}, max_retry_after=30)
    assert (await polite.fetch(busy, 1000)).status == 429
    assert len(inner.calls[busy]) == 1  # never back before the server asked
    started = time.now
    await polite.fetch(A + "next", 1000)
    assert inner.calls[A + "next"][0] - started >= 30


async def test_429_without_retry_after_backs_off_and_raises_the_host_delay() -> None:
    url = A + "limited"
    polite, inner, _ = make({url: [status(url, 429), ok(url)]}, adaptive_step=2.0)
    assert (await polite.fetch(url, 1000)).status == 200
    assert inner.calls[url][1] - inner.calls[url][0] >= 2.0
    # The raised delay spaces what follows, then shrinks with each success.
    for i in range(3):
        await polite.fetch(f"{A}p{i}", 1000)
    starts = [inner.calls[url][1]] + [inner.calls[f"{A}p{i}"][0] for i in range(3)]
    gaps = [round(b - a, 3) for a, b in itertools.pairwise(starts)]
    assert gaps == [1.0, 0.5, 0.25]  # halved by each success: back to normal after a few
    assert polite.stats.backoffs == 1


async def test_adaptive_delay_doubles_and_is_capped() -> None:
    url = A + "x"
    polite, inner, _ = make({url: [status(url, 503)]}, retries=0, adaptive_step=1.0, max_adaptive_delay=3.0)
    for _ in range(5):
        await polite.fetch(url, 1000)
    assert [round(b - a, 3) for a, b in itertools.pairwise(inner.calls[url])] == [1.0, 2.0, 3.0, 3.0]
    assert polite.stats.backoffs == 5


async def test_min_delay_and_crawl_delay_space_request_starts() -> None:
    robots = Robots(A, "User-agent: *\nCrawl-delay: 100\n")  # absurd; capped
    polite, inner, _ = make({}, robots, min_delay=0.5, max_crawl_delay=10)
    await asyncio.gather(*(polite.fetch(f"{A}p{i}", 1000) for i in range(3)))
    starts = sorted(t for calls in inner.calls.values() for t in calls)
    assert [round(b - a, 3) for a, b in itertools.pairwise(starts)] == [10.0, 10.0]
    # Another host is not slowed by this one's Crawl-delay, only by our own minimum.
    await asyncio.gather(*(polite.fetch(f"{B}p{i}", 1000) for i in range(3)))
    starts = sorted(t for url, calls in inner.calls.items() if url.startswith(B) for t in calls)
    assert [round(b - a, 3) for a, b in itertools.pairwise(starts)] == [0.5, 0.5]


async def test_breaker_opens_skips_and_recovers_after_a_trial() -> None:
    url = A + "dead"
    script = {url: [status(url, 500)] * 4 + [ok(url)]}
    polite, inner, time = make(script, retries=0, breaker_threshold=3, breaker_cooldown=60)
    for _ in range(3):
        assert (await polite.fetch(url, 1000)).status == 500
    skipped = await polite.fetch(A + "other", 1000)
    assert skipped.skipped == "circuit-open" and skipped.error and "3 failed requests" in skipped.error
    assert A + "other" not in inner.calls and polite.stats.breaker_trips == 1
    await time.sleep(60)
    assert (await polite.fetch(url, 1000)).status == 500  # the trial fails: open again at once
    assert (await polite.fetch(url, 1000)).skipped == "circuit-open"
    assert polite.stats.breaker_trips == 2
    await time.sleep(60)
    assert (await polite.fetch(url, 1000)).status == 200  # the trial succeeds: closed
    assert (await polite.fetch(A + "other", 1000)).status == 200
    assert len(inner.calls[url]) == 5 and polite.stats.circuit_skips == 2


async def test_failed_retries_count_towards_the_breaker_and_stop_when_it_opens() -> None:
    url = A + "dead"
    polite, inner, _ = make({url: [error(url)]}, retries=10, breaker_threshold=4)
    assert (await polite.fetch(url, 1000)).error == "timeout"
    assert len(inner.calls[url]) == 4


async def test_requests_queued_for_their_turn_are_turned_away_once_the_breaker_opens() -> None:
    dead = A + "dead"
    polite, inner, _ = make({dead: [status(dead, 500)]}, retries=0, breaker_threshold=1, min_delay=5)
    results = await asyncio.gather(polite.fetch(dead, 1000), polite.fetch(A + "x", 1000), polite.fetch(A + "y", 1000))
    assert [r.skipped for r in results] == [None, "circuit-open", "circuit-open"]
    assert list(inner.calls) == [dead]


async def test_half_open_lets_one_trial_through_and_the_rest_follow_its_verdict() -> None:
    url = A + "x"
    polite, inner, time = make({url: [status(url, 500), ok(url)]}, latency=1.0, retries=0, breaker_threshold=1)
    await polite.fetch(url, 1000)
    await time.sleep(61)
    results = await asyncio.gather(*(polite.fetch(url, 1000) for _ in range(3)))
    assert [r.status for r in results] == [200, 200, 200]
    trial, *others = inner.calls[url][1:]
    assert all(t >= trial + 1.0 for t in others)  # the others waited for the trial's answer, then went together


async def test_a_failed_trial_turns_its_waiters_away() -> None:
    url = A + "x"
    polite, inner, time = make({url: [status(url, 500)]}, latency=1.0, retries=0, breaker_threshold=1)
    await polite.fetch(url, 1000)
    await time.sleep(61)
    results = await asyncio.gather(*(polite.fetch(url, 1000) for _ in range(3)))
    assert [r.status for r in results] == [500, None, None]
    assert [r.skipped for r in results[1:]] == ["circuit-open", "circuit-open"]
    assert len(inner.calls[url]) == 2


async def test_a_cancelled_trial_lets_another_caller_try() -> None:
    url = A + "x"
    polite, inner, time = make({url: [status(url, 500)]}, latency=1.0, retries=0, breaker_threshold=1)
    await polite.fetch(url, 1000)
    await time.sleep(61)
    trial = asyncio.create_task(polite.fetch(url, 1000))
    await asyncio.sleep(0)  # the trial request is under way
    assert len(inner.calls[url]) == 2
    trial.cancel()
    with pytest.raises(asyncio.CancelledError):
        await trial
    assert (await polite.fetch(url, 1000)).status == 500  # not stuck waiting for a trial that never ends
    assert len(inner.calls[url]) == 3


async def test_hosts_are_independent_and_keyed_by_port() -> None:
    dead = A + "dead"
    polite, _, _ = make({dead: [status(dead, 500)]}, retries=0, breaker_threshold=2)
    await polite.fetch(dead, 1000)
    await polite.fetch(dead, 1000)
    assert (await polite.fetch(A + "x", 1000)).skipped == "circuit-open"
    assert (await polite.fetch("http://a.go.th:8080/x", 1000)).status == 200
    assert (await polite.fetch(B + "x", 1000)).status == 200
    assert host_key("HTTPS://WWW.A.go.th/x") == "www.a.go.th:443"
    assert host_key("http://a.go.th:8080/") == "a.go.th:8080"


def test_retry_after_values() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after("Wed, 01 Jan 2025 00:00:30 GMT", now) == 30
    assert parse_retry_after("Tue, 31 Dec 2024 23:00:00 GMT", now) == 0  # in the past: no wait
    assert parse_retry_after("-5") == 0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("") is None and parse_retry_after(None) is None
    assert parse_retry_after("nan") is None


def test_policy_defaults_suit_weak_hosting() -> None:
    p = Policy()
    assert (p.concurrency, p.min_delay, p.retries, p.breaker_threshold, p.max_crawl_delay) == (4, 0.0, 2, 5, 10.0)


# ---------------------------------------------------------------------- against the real local server


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, type[FixtureHandler]]]:
    with serve_site(SITE) as running:
        yield running


@pytest.fixture
def site(server: tuple[str, type[FixtureHandler]]) -> Iterator[tuple[str, type[FixtureHandler]]]:
    """The shared server with its routes and counters cleared; a test sets handler.routes itself."""
    server[1].reset()
    yield server


def spacing(times: list[float]) -> list[float]:
    times = sorted(times)
    return [b - a for a, b in itertools.pairwise(times)]


async def test_robots_disallow_and_crawl_delay_against_the_server(site: tuple[str, type[FixtureHandler]]) -> None:
    base, handler = site
    robots_txt = "User-agent: oitcheck\nDisallow: /private\nCrawl-delay: 0.2\n"
    handler.reset({"/robots.txt": {"body": robots_txt, "headers": {"Content-Type": "text/plain"}}})
    polite = await PoliteFetcher.for_site(HttpxFetcher(timeout=5), base)
    try:
        assert polite.robots is not None and polite.robots.crawl_delay == 0.2
        assert (await polite.fetch(base + "private/secret.html", 1000)).skipped == "robots"
        results = await asyncio.gather(*(polite.fetch(f"{base}about.html?p={i}", 100_000) for i in range(4)))
    finally:
        await polite.aclose()
    assert all(r.status == 200 for r in results)
    assert handler.hits["/private/secret.html"] == 0
    starts = sorted(t for path, ts in handler.times.items() if path.startswith("/about") for t in ts)
    # Arrival times at the server: network jitter on a loaded machine needs a little slack per gap.
    assert len(starts) == 4 and min(spacing(starts)) >= 0.15 and starts[-1] - starts[0] >= 0.55


async def test_429_with_retry_after_is_retried_once_after_the_wait(site: tuple[str, type[FixtureHandler]]) -> None:
    base, handler = site
    handler.reset({"/busy": {"sequence": [{"status": 429, "headers": {"Retry-After": "1"}}, {"body": "ok"}]}})
    polite = PoliteFetcher(HttpxFetcher(timeout=5), None, Policy())
    try:
        result = await polite.fetch(base + "busy", 1000)
    finally:
        await polite.aclose()
    assert result.status == 200 and handler.hits["/busy"] == 2
    assert spacing(handler.times["/busy"])[0] >= 0.99
    assert polite.stats.retries == 1 and polite.stats.retry_after_honoured == 1


async def test_503_twice_then_200_succeeds_after_two_retries(site: tuple[str, type[FixtureHandler]]) -> None:
    base, handler = site
    handler.reset({"/flaky": {"sequence": [{"status": 503}, {"status": 503}, {"body": "ok"}]}})
    polite = PoliteFetcher(HttpxFetcher(timeout=5), None, Policy(backoff=0.05, adaptive_step=0.05))
    try:
        result = await polite.fetch(base + "flaky", 1000)
    finally:
        await polite.aclose()
    assert result.status == 200 and result.body == b"ok"
    assert handler.hits["/flaky"] == 3 and polite.stats.retries == 2 and polite.stats.backoffs == 2


async def test_404_is_never_retried(site: tuple[str, type[FixtureHandler]]) -> None:
    base, handler = site
    polite = PoliteFetcher(HttpxFetcher(timeout=5), None, Policy(backoff=0.01))
    try:
        result = await polite.fetch(base + "docs/gone.pdf", 1000)
    finally:
        await polite.aclose()
    assert result.status == 404 and handler.hits["/docs/gone.pdf"] == 1 and polite.stats.retries == 0


async def test_breaker_stops_requests_and_recovers_against_the_server(site: tuple[str, type[FixtureHandler]]) -> None:
    base, handler = site
    handler.reset({"/down": {"sequence": [{"status": 500}] * 3 + [{"body": "back"}]}})
    policy = Policy(retries=0, breaker_threshold=3, breaker_cooldown=0.3)
    polite = PoliteFetcher(HttpxFetcher(timeout=5), None, policy)
    try:
        for _ in range(3):
            assert (await polite.fetch(base + "down", 1000)).status == 500
        skipped = await asyncio.gather(*(polite.fetch(base + "down", 1000) for _ in range(5)))
        assert all(r.skipped == "circuit-open" for r in skipped)
        assert handler.hits["/down"] == 3  # the server saw nothing while the breaker was open
        await asyncio.sleep(0.35)
        assert (await polite.fetch(base + "down", 1000)).status == 200
        assert (await polite.fetch(base + "about.html", 100_000)).status == 200
    finally:
        await polite.aclose()
    assert handler.hits["/down"] == 4 and polite.stats.breaker_trips == 1 and polite.stats.circuit_skips == 5


async def test_timeouts_are_retried_with_backoff() -> None:
    routes = {"/slow": {"sequence": [{"delay": 1}, {"delay": 1}, {"body": "ok"}]}}
    with serve_site(SITE, routes) as (base, handler):  # its own server: the slow answers outlive the test
        polite = PoliteFetcher(HttpxFetcher(timeout=0.2), None, Policy(backoff=0.15, jitter=0))
        try:
            result = await polite.fetch(base + "slow", 1000)
        finally:
            await polite.aclose()
        times = list(handler.times["/slow"])
    assert result.status == 200 and polite.stats.retries == 2 and len(times) == 3
    assert polite.stats.waited_seconds == pytest.approx(0.15 + 0.3)  # backoff doubles
    gaps = spacing(times)  # a timeout (0.2 s) and then the backoff, give or take network jitter
    assert gaps[0] >= 0.3 and gaps[1] >= 0.45


async def test_in_flight_never_exceeds_per_host_concurrency(site: tuple[str, type[FixtureHandler]]) -> None:
    base, handler = site
    handler.reset({f"/p{i}": {"delay": 0.1, "body": "x"} for i in range(12)})
    polite = PoliteFetcher(HttpxFetcher(timeout=5), None, Policy(concurrency=3))
    try:
        results = await asyncio.gather(*(polite.fetch(f"{base}p{i}", 1000) for i in range(12)))
    finally:
        await polite.aclose()
    assert all(r.status == 200 for r in results)
    assert handler.max_in_flight == 3


async def test_the_crawler_works_through_the_polite_fetcher(site: tuple[str, type[FixtureHandler]]) -> None:
    base, handler = site
    handler.reset(
        {"/robots.txt": {"body": "User-agent: *\nDisallow: /docs/\n", "headers": {"Content-Type": "text/plain"}}}
    )
    polite = await PoliteFetcher.for_site(HttpxFetcher(timeout=5), base, Policy(concurrency=2))
    try:
        result = await Crawler(polite, CrawlOptions(concurrency=4)).crawl(base)
    finally:
        await polite.aclose()
    assert result.resources[base + "ita.html"].ok
    assert not any(path.startswith("/docs/") for path in handler.hits)
    assert handler.max_in_flight <= 2 and polite.stats.robots_skips >= 1


async def test_one_429_costs_its_retry_after_not_the_rest_of_the_crawl(pack: RulePack) -> None:
    """The demo site (~60 requests) with one PDF answering 429 + Retry-After: 1 once, then normally: the crawl
    waits out that second and goes on at full pace (a slow ×0.9 decay once spaced every later request 1 s apart)."""
    from checker.api import run_check
    from checker.demo.server import SITE_DIR

    pdf = "/files/budget-ordinance-2567.pdf"
    options = CrawlOptions(early_stop=False, render="never")

    async def timed(routes: dict[str, dict[str, Any]]) -> tuple[float, int, type[FixtureHandler]]:
        with serve_site(SITE_DIR, routes) as (base, handler):
            began = time_module.monotonic()
            run = await run_check(base, pack, ocr=None, options=options)
            return time_module.monotonic() - began, run.report.stats.requests, handler

    plain, requests, _ = await timed({})
    limited, limited_requests, handler = await timed(
        {pdf: {"sequence": [{"status": 429, "headers": {"Retry-After": "1"}}, {"file": pdf.lstrip("/")}]}}
    )
    assert handler.hits[pdf] == 2 and requests >= 40 and limited_requests == requests + 1
    assert limited - plain < 3.0, (plain, limited)


async def test_a_render_holds_a_host_slot_after_its_spacing_and_obeys_robots() -> None:
    """A browser rendering a page is one more request to the host: same slots, same spacing, same robots.txt."""
    robots = Robots(A, "User-agent: *\nDisallow: /private\n")
    polite, inner, time = make({}, robots, concurrency=1, min_delay=0.5)
    async with polite.slot(A + "private/#/x") as allowed:
        assert allowed is False
    starts: list[float] = []

    async def render(route: str, seconds: float) -> None:
        async with polite.slot(A + route) as allowed:
            assert allowed
            starts.append(time.now)
            await time.sleep(seconds)

    await asyncio.gather(render("#/a", 0.1), render("#/b", 0.1), polite.fetch(A + "page", 1000))
    assert [round(s - starts[0], 3) for s in starts] == [0.0, 0.5]  # one at a time, 0.5 s apart
    assert inner.calls[A + "page"][0] - starts[1] >= 0.5  # the fetch waited its turn behind the renders
    assert polite.stats.requests == 3 and polite.stats.robots_skips == 1
