"""What counts as "the site" and one canonical spelling per URL.

Agency sites answer on www and non-www, http and https, often all four; assessors treat them as one site.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


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


def canonical(url: str) -> str:
    """Lower-case scheme and host, drop default port and fragment, '/' for an empty path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        raise BadURL(f"not an http(s) URL: {url!r}")
    port = _port(parts)
    netloc = host if port is None else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


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
        try:
            parts = urlsplit(url)
            if parts.scheme not in _DEFAULT_PORTS:
                return False
            return _bare(parts.hostname or "") == self.host and _port(parts) == self.port
        except (ValueError, BadURL):
            return False


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
