"""Which sites the web form may check: an allow-list of host patterns (`*.go.th`, `www.example.org`) and/or the
hosts of a site list (a batch's CSV or TOML), then where the name points. Pure functions except `admit`,
which looks the name up.

A public form that fetches any URL is an open proxy and a way into the intranet behind the server, so a URL is
refused unless its host matches the list, and, unless --allow-private, when its name resolves to a loopback,
private or link-local address (the crawl refuses those addresses again when it connects: checker/crawl/netpolicy.py).
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import urlsplit

from checker.crawl.netpolicy import is_public, parse_ip
from checker.crawl.scope import BadURL, normalise_start_url

DEFAULT_PATTERNS = ("*.go.th",)  # Thai government domains: most agencies' sites live under go.th
LOOKUP_SECONDS = 5.0


@dataclass(frozen=True)
class Refusal:
    """Why a URL may not be checked: a code for the words (checker/web/words.py) and its arguments."""

    code: str  # "bad_url" | "not_allowed" | "private" | "no_address"
    detail: str = ""


@dataclass(frozen=True)
class AllowList:
    patterns: tuple[str, ...]  # lower-case host patterns; "*" alone allows every host

    @classmethod
    def parse(cls, text: str | None, sites: Path | None = None) -> AllowList:
        """`--allow '*.go.th,example.org'` plus the hosts of `--allow-sites FILE`. Neither: the default."""
        found = [p.strip().lower().rstrip(".") for p in (text or "").split(",") if p.strip()]
        if sites is not None:
            found += hosts_of_site_list(sites)
        return cls(tuple(dict.fromkeys(found)) if (text or sites) else DEFAULT_PATTERNS)

    def allows(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        bare = host.removeprefix("www.")
        return any(fnmatchcase(host, p) or fnmatchcase(bare, p.removeprefix("www.")) for p in self.patterns)

    def describe(self) -> str:
        return ", ".join(self.patterns)


def hosts_of_site_list(path: Path) -> list[str]:
    """The hosts of a batch's site list (InputFileError when it cannot be read, as for `batch`)."""
    from checker.batch.sites import load_sites

    hosts = []
    for site in load_sites(path):
        host = (urlsplit(normalise_start_url(site.url)).hostname or "").lower()
        if host:
            hosts.append(host)
    return hosts


def check_url(url: str, allow: AllowList) -> tuple[str, Refusal | None]:
    """The normalised start URL and why it is refused by the list (None: allowed so far)."""
    try:
        start = normalise_start_url(url.strip())
    except BadURL as exc:
        return url, Refusal("bad_url", str(exc))
    parts = urlsplit(start)
    if parts.username or parts.password:
        return start, Refusal("bad_url", "a user name or password in the address")
    host = parts.hostname or ""
    if not allow.allows(host):
        return start, Refusal("not_allowed", host)
    return start, None


async def admit(url: str, allow: AllowList, allow_private: bool) -> tuple[str, Refusal | None]:
    """`check_url`, then where the name points: a private address is refused unless `allow_private`."""
    start, refusal = check_url(url, allow)
    if refusal is not None or allow_private:
        return start, refusal
    parts = urlsplit(start)
    host = parts.hostname or ""
    addresses = [host] if parse_ip(host) is not None else await _lookup(host, parts.port or 443)
    if not addresses:
        return start, Refusal("no_address", host)
    for address in addresses:
        ip = parse_ip(address)
        if ip is None or not is_public(ip):
            return start, Refusal("private", f"{host} → {address}")
    return start, None


async def _lookup(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(LOOKUP_SECONDS):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, TimeoutError, UnicodeError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))
