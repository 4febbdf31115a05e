"""Sign-in for the group view: a shared token (`serve --token` or OITCHECK_WEB_TOKEN), or nothing here and
the web server's own authentication in front (docs/web.md). Checking one site and reading its report stay
open: a clerk follows the link the check gave.

The token is compared in constant time; a signed-in browser holds a signed, time-limited, HttpOnly cookie
(itsdangerous, the signer Starlette's own sessions use), never the token itself. Scripts may send
`Authorization: Bearer TOKEN` instead.
"""

from __future__ import annotations

import hashlib
import secrets

from itsdangerous import BadSignature, TimestampSigner
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from checker.web.pages import lang_of, page
from checker.web.words import w

COOKIE = "oitcheck_session"
MAX_AGE = 12 * 3600  # a working day: sign in again tomorrow


def _signer(request: Request) -> TimestampSigner:
    """Salted with the token's digest: a new token signs every browser out."""
    digest = hashlib.sha256((_token(request) or "").encode()).hexdigest()
    return TimestampSigner(request.app.state.secret, salt="oitcheck-signin:" + digest)


def _token(request: Request) -> str | None:
    token: str | None = request.app.state.config.token
    return token


def signed_in(request: Request) -> bool:
    token = _token(request)
    if token is None:
        return True
    header = request.headers.get("authorization", "")
    if header.startswith("Bearer ") and secrets.compare_digest(header[7:].encode(), token.encode()):
        return True
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return False
    try:
        _signer(request).unsign(cookie, max_age=MAX_AGE)
    except BadSignature:
        return False
    return True


def _next(path: str | None) -> str:
    """Where to go after signing in: a path on this server only (no //host, no scheme)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/group"
    return path


def required(request: Request) -> Response | None:
    """None when the request may see the group view, else the way to the sign-in page."""
    if signed_in(request):
        return None
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    response = RedirectResponse("/signin?next=" + _quote(target), status_code=303)
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


async def signin(request: Request) -> Response:
    lang = lang_of(request)
    target = _next(request.query_params.get("next"))
    if request.method == "GET":
        return page(request, "signin.html.j2", lang=lang, target=target, failed=False)
    form = await request.form()
    given = str(form.get("token") or "")
    token = _token(request)
    target = _next(str(form.get("next") or target))
    if token is None or not secrets.compare_digest(given.encode(), token.encode()):
        return page(request, "signin.html.j2", lang=lang, target=target, failed=True, status=403)
    response = RedirectResponse(target, status_code=303)
    value = _signer(request).sign(secrets.token_urlsafe(16)).decode()
    secure = request.url.scheme == "https"
    response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="strict", secure=secure)
    return response


def signout(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


__all__ = ["required", "signed_in", "signin", "signout", "w"]
