"""The web application: routes, and the layers every request passes through.

Outermost first: a bound on the request body (a form is two fields), security headers, CSRF protection on
every POST (asgi-csrf: a signed double-submit cookie; a form post without its token is refused, with or
without cookies; a request with an `Authorization: Bearer` header passes, as browsers never add one to a
cross-site form), then Starlette's routes (checker/web/views.py). Checks run on the queue (checker/web/jobs.py),
started and stopped with the application.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from asgi_csrf import asgi_csrf
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from checker.web import views
from checker.web.config import MAX_BODY, WebConfig, parse_rate
from checker.web.jobs import JobQueue, Runner
from checker.web.reader import Reader
from checker.web.words import w

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]

STATIC = Path(__file__).parent / "templates" / "static"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# The application's own pages. A report and the dashboard carry their own hash-based policy in a meta element;
# their responses send only OWN_CSP (policies add up: a second one naming 'self' would block their inline parts).
PAGE_CSP = (
    b"default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
    b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
OWN_CSP = "frame-ancestors 'none'; base-uri 'none'"


class _Everywhere:
    """asgi-csrf checks a cookieless POST only on paths listed in `always_protect`: list every path."""

    def __contains__(self, path: object) -> bool:
        return True


def make_runner(config: WebConfig) -> Runner:
    if config.engine == "celery":
        from checker.web.celery_runner import CeleryRunner

        assert config.broker is not None
        return CeleryRunner(config.broker, config.store)
    from checker.web.runners import LocalRunner

    return LocalRunner(config.store)


def make_queue(config: WebConfig, runner: Runner | None = None) -> JobQueue:
    return JobQueue(runner or make_runner(config), workers=config.workers, limit=config.queue)


def create_app(config: WebConfig, queue: JobQueue | None = None) -> ASGI:
    """The whole application for `config`, its checks on `queue` (default: a new one on the engine's runner)."""
    queue = queue or make_queue(config)
    reader = Reader(config.store)
    secret = config.secret or secrets.token_urlsafe(32)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await queue.start()
        try:
            yield
        finally:
            await queue.stop()
            reader.close()

    app = Starlette(
        routes=[
            Route("/", views.home),
            Route("/check", views.check, methods=["POST"]),
            Route("/jobs/{job_id:str}.json", views.job_status),
            Route("/jobs/{job_id:str}", views.job_page),
            Route("/runs/{run_id:int}.json", views.run_json),
            Route("/runs/{run_id:int}", views.run_page),
            Route("/runs/{run_id:int}/changes", views.run_changes),
            Route("/runs/{run_id:int}/recheck", views.recheck, methods=["GET", "POST"]),
            Route("/group", views.group),
            Route("/group/recheck", views.group_recheck, methods=["GET", "POST"]),
            Route("/sites/{site:path}", views.site_page),
            Route("/signin", views.signin, methods=["GET", "POST"]),
            Route("/signout", views.signout, methods=["POST"]),
            Route("/healthz", views.health),
            Route("/favicon.ico", views.favicon),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        exception_handlers={HTTPException: views.http_error},
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.queue = queue
    app.state.reader = reader
    app.state.secret = secret
    app.state.limiter = MovingWindowRateLimiter(MemoryStorage())
    app.state.rate = parse_rate(config.rate)
    protected = asgi_csrf(
        app,
        signing_secret=secret,
        always_protect=_Everywhere(),
        cookie_samesite="Strict",
        send_csrf_failed=_csrf_failed(config.lang),
    )
    return _limit_body(_headers(protected))


def _csrf_failed(lang: str) -> Callable[[Scope, Send, object], Awaitable[None]]:
    async def send_failed(scope: Scope, send: Send, message_id: object) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        page_lang = "en" if "lang=en" in query else lang
        body = views.plain_error(w("err_csrf", page_lang), page_lang).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", b"%d" % len(body))],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return send_failed


def _headers(app: ASGI) -> ASGI:
    async def with_headers(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                if b"content-security-policy" not in names:  # a report and the dashboard bring their own
                    headers.append((b"content-security-policy", PAGE_CSP))
                message["headers"] = headers
            await send(message)

        await app(scope, receive, send_with)

    return with_headers


def _limit_body(app: ASGI, limit: int = MAX_BODY) -> ASGI:
    """Refuse a request body over `limit` bytes, declared or streamed, before anything reads it whole."""

    async def limited(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_big(send)
            return
        seen, over, started = 0, False, False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                over = True
                raise _TooBig
            return message

        async def guarded(message: Message) -> None:
            # Starlette's error layer answers 500 to the _TooBig a handler's read raises (a POST that skips
            # asgi-csrf's own read: Bearer or X-CSRFToken), then re-raises it: that answer is dropped, the 413 sent.
            nonlocal started
            if over and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_TooBig):
            await app(scope, counted, guarded)
        if over and not started:
            await _too_big(send)

    return limited


class _TooBig(Exception):
    pass


async def _too_big(send: Send) -> None:
    body = (w("err_too_big", "th") + " / " + w("err_too_big", "en") + "\n").encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
