"""What counts as "the site" and one canonical spelling per URL.

Agency sites answer on www and non-www, http and https, often all four; assessors treat them as one site.
Their pages also come back under many spellings: with tracking parameters from a Facebook post, with a
session id in every link, /ita/ and /ita/index.html. One spelling per page keeps the crawl from fetching
a page twice or walking an endless session-id loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

from checker.extract.links import is_route

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING = {"fbclid", "gclid", "yclid", "dclid", "msclkid", "gbraid", "wbraid", "mc_cid", "mc_eid", "_ga", "_gl"}
_SESSION = {
    "phpsessid", "jsessionid", "sessionid", "session_id", "sessid", "oscsid", "zenid", "cfid", "cftoken",
    "aspsessionid",
}  # fmt: skip
# "sid" is also a section id on vendor CMSs (news.php?sid=3): dropped only when its value is a token.
_SID_TOKEN = re.compile(r"^[A-Za-z0-9,-]{16,}$")
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/;?]*", re.I)
_ASPNET_COOKIELESS = re.compile(r"/\((?:[A-Za-z]\([^()/]*\))+\)(?=/|$)")  # /(S(lit3py55t21z5v55vlm25s55))/
# A directory's own page under its file name. Not index.php: many agency sites serve a splash page as
# index.html at "/" that links to the real home page, index.php; merging those would lose the whole site.
INDEX_FILES = {"index.html", "index.htm", "default.asp", "default.aspx", "default.htm", "default.html"}
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNSAFE = re.compile(r"[^\x21-\x7e]+")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


class BadURL(ValueError):
    """A URL the tool cannot check (no scheme/host, unsupported scheme)."""


def _port(parts: SplitResult) -> int | None:
    try:
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"invalid port in {parts.geturl()!r}") from exc
    if port is None or port == _DEFAULT_PORTS.get(parts.scheme):
        return None
    return port


def canonical(url: str, *, drop_index: bool = False) -> str:
    """One spelling per page: lower-case scheme and host, no default port, fragment (but a hash route such as
    "#/oit", which is a page of its own), tracking or session id.

    Other query parameters keep their order and bytes (vendor `_mod=<base64>` routes must survive);
    percent-escapes are spelt one way (unreserved characters decoded, the rest lower-case, non-ASCII
    encoded). With drop_index, a trailing index.html / default.aspx without a query is dropped so that
    /ita/ and /ita/index.html are one page; off by default because the URL canonical() returns is also
    the URL the crawler requests, and a server need not answer "/" as it answers "/index.html".
    """
    return _canonical(url, drop_index)


# Pure (no state, no I/O), and the same menu and footer links are met on every page of a crawl. A BadURL
# is not kept: it is raised again on each call.
@lru_cache(maxsize=32_768)
def _canonical(url: str, drop_index: bool) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        raise BadURL(f"not an http(s) URL: {url!r}")
    port = _port(parts)
    netloc = host if port is None else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = _clean_query(parts.query)
    path = _clean_path(parts.path or "/", drop_index=drop_index and not query)
    # A hash route ("#/oit") is a page of a JavaScript app; any other fragment is a place on the page.
    fragment = _escapes(parts.fragment) if is_route(parts.fragment) else ""
    return urlunsplit((scheme, netloc, path, query, fragment))


def _escapes(s: str) -> str:
    def fix(m: re.Match[str]) -> str:
        ch = chr(int(m.group(1), 16))
        return ch if ch in _UNRESERVED else m.group(0).lower()

    s = _ESCAPE.sub(fix, s)
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02x}" for b in m.group(0).encode("utf-8", "surrogatepass")), s)


def _clean_path(path: str, drop_index: bool) -> str:
    path = _ASPNET_COOKIELESS.sub("", _PATH_SESSION.sub("", path)) or "/"
    path = _remove_dot_segments(_escapes(path))
    head, _, last = path.rpartition("/")
    if drop_index and last.lower() in INDEX_FILES:
        path = head + "/"
    return path


def _remove_dot_segments(path: str) -> str:
    if "." not in path:
        return path
    segments = path.split("/")
    out: list[str] = []
    for seg in segments:
        if seg == "..":
            if len(out) > 1:
                out.pop()
        elif seg != ".":
            out.append(seg)
    if segments[-1] in (".", ".."):
        out.append("")
    return "/".join(out) or "/"


def _clean_query(query: str) -> str:
    kept = []
    for piece in query.split("&"):
        if not piece:
            continue
        raw_key, _, value = piece.partition("=")
        key = unquote_plus(raw_key).strip().lower()
        if key.startswith("utm_") or key in _TRACKING or key in _SESSION:
            continue
        if key == "sid" and _SID_TOKEN.match(unquote_plus(value)):
            continue
        kept.append(_escapes(piece))
    return "&".join(kept)


def normalise_start_url(raw: str) -> str:
    """Accept what a clerk types: 'bansuandok.go.th' or 'www.x.go.th/index.php' mean http(s)://…"""
    raw = raw.strip()
    if not raw:
        raise BadURL("empty URL")
    if "://" not in raw:
        raw = "http://" + raw
    url = canonical(raw)
    host = urlsplit(url).hostname or ""
    if " " in host or ("." not in host and host != "localhost"):
        raise BadURL(f"not a web address: {raw!r}")
    return url


@dataclass(frozen=True)
class SiteScope:
    """The site being checked: one host (www or not), one port, either scheme."""

    host: str
    port: int | None

    @classmethod
    def of(cls, url: str) -> SiteScope:
        parts = urlsplit(canonical(url))
        return cls(host=_bare(parts.hostname or ""), port=_port(parts))

    def contains(self, url: str) -> bool:
        return _host_port(url) == (self.host, self.port)


# Asked for every link of every page and twice per request (robots.txt, Crawl-delay): parsed once per URL.
@lru_cache(maxsize=32_768)
def _host_port(url: str) -> tuple[str, int | None] | None:
    """(host without www., non-default port) of an http(s) URL; None for anything else."""
    try:
        parts = urlsplit(url)
        if parts.scheme not in _DEFAULT_PORTS:
            return None
        return _bare(parts.hostname or ""), _port(parts)
    except (ValueError, BadURL):
        return None


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
