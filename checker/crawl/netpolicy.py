"""Where the checker may connect: the site it was asked to check, and nothing else.

It runs unattended (cron, CI, a provincial batch) and publishes what it read. A site that could point it
elsewhere — a redirect to another host, a name that resolves to 169.254.169.254 or a loopback admin page, a
script calling a third party — could have that answer written into a public report (server-side request
forgery). So every URL is checked before it is requested (scheme, host in the site's scope) and every
address before it is connected to: the check is made on the address the socket actually connects to, after
our own lookup, so a name that resolves to a public address once and to a private one the next time (DNS
rebinding) is caught too.

Private, loopback, link-local and reserved addresses are refused unless the site itself lives on one (a
local server, an intranet): then only the addresses its own names had when the check started are allowed,
or any private address with `allow_private`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore

from checker.crawl.scope import SiteScope

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
SCHEMES = frozenset({"http", "https"})


class AddressRefused(httpcore.ConnectError):
    """A connection the policy refused (the address is private, or not the site's); never sent."""


def parse_ip(text: str) -> IPAddress | None:
    try:
        ip = ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return ip


def is_public(ip: IPAddress) -> bool:
    """A public unicast address: not loopback, private, link-local (cloud metadata), shared, reserved or multicast."""
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


async def system_resolve(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass
class NetworkPolicy:
    """The site's scope and the addresses it may use. `prepare()` once before the first connection."""

    scope: SiteScope
    start_host: str = ""  # the host of the URL the user gave, as given (www. or not)
    allow_private: bool = False
    overrides: Mapping[str, str] = field(default_factory=dict)  # --resolve HOST:ADDRESS
    resolver: Resolver = system_resolve
    pinned: set[IPAddress] = field(default_factory=set)  # the site's own private addresses, allowed
    pin_private: bool = True  # False: the site's own private addresses are refused too (oitcheck serve)
    addresses: dict[str, str] = field(default_factory=dict)  # host -> the checked address the browser must use
    refused: dict[str, str] = field(default_factory=dict)  # host -> why, for the report

    @classmethod
    def for_site(
        cls, url: str, *, allow_private: bool = False, overrides: Mapping[str, str] | None = None,
        resolver: Resolver | None = None,
    ) -> NetworkPolicy:  # fmt: skip
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        overrides = {k.lower(): v for k, v in (overrides or {}).items()}
        return cls(SiteScope.of(url), host, allow_private, overrides, resolver or system_resolve)

    def url_refusal(self, url: str) -> str | None:
        """Why `url` may not be requested ("scheme", "off-site"), or None."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return "scheme"
        if parts.scheme.lower() not in SCHEMES:
            return "scheme"
        return None if self.scope.contains(url) else "off-site"

    async def prepare(self) -> None:
        """Pin the addresses the site's own names have now: when they are private, the site is a local
        server or an intranet, and those addresses (only those) may be connected to."""
        for host, port in dict(self.site_hosts()).items():
            try:
                found = await self.lookup(host, port)
            except OSError:
                continue
            # The name the user gave: its www. twin earns nothing by being in scope.
            if host == self.start_host and self.pin_private:
                self.pinned.update(ip for ip in map(parse_ip, found) if ip is not None and not is_public(ip))
            allowed = [a for a in found if self.address_refusal(host, a) is None]
            if allowed:
                self.addresses[host.lower()] = allowed[0]

    def site_hosts(self) -> list[tuple[str, int]]:
        """The names the site answers on (bare and www., unless an IP address) with the ports in scope."""
        host = self.scope.host
        names = [host] if parse_ip(host) is not None or host == "localhost" else [host, f"www.{host}"]
        if self.start_host and self.start_host not in names:
            names.insert(0, self.start_host)
        ports = [self.scope.port] if self.scope.port is not None else [80, 443]
        return [(name, port) for name in names for port in ports]

    def browser_rules(self) -> str:
        """Chromium's --host-resolver-rules: the site's names (and ports) go to the addresses checked here, and
        nothing else resolves, IP addresses included. Request interception stops other hosts first; this also
        stops what interception does not see (the hops of a redirect the browser follows, WebSockets, prefetch)."""
        rules = []
        for name, port in self.site_hosts():
            address = self.addresses.get(name)
            if address is not None:
                ip = parse_ip(address)
                shown = f"[{ip}]" if isinstance(ip, ipaddress.IPv6Address) else str(ip)
                pattern = f"[{name}]" if ":" in name else name
                rules.append(f"MAP {pattern}:{port} {shown}:{port}")
        return ", ".join([*rules, "MAP * ~NOTFOUND"])

    async def lookup(self, host: str, port: int) -> list[str]:
        key = host.lower().rstrip(".").strip("[]")
        if key in self.overrides:
            return [self.overrides[key]]
        if parse_ip(key) is not None:
            return [key]
        return await self.resolver(key, port)

    def address_refusal(self, host: str, address: str) -> str | None:
        """Why connecting to `address` (looked up for `host`) is refused, or None."""
        ip = parse_ip(address)
        if ip is None:
            return f"{host}: not an IP address ({address})"
        if is_public(ip) or self.allow_private or ip in self.pinned:
            return None
        kind = "loopback" if ip.is_loopback else "link-local" if ip.is_link_local else "private or reserved"
        return f"{host} resolves to a {kind} address ({ip}), which the checker does not connect to"


class PolicyBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network layer with the policy on every TCP connection: looks the name up itself, refuses
    what the policy refuses, and connects to the checked address (so no second lookup can differ)."""

    def __init__(self, policy: NetworkPolicy, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.policy = policy
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await self.policy.lookup(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"DNS lookup failed: {exc}") from exc
        refusals = [why for a in addresses if (why := self.policy.address_refusal(host, a))]
        allowed = [a for a in addresses if self.policy.address_refusal(host, a) is None]
        if not allowed:
            why = refusals[0] if refusals else f"{host}: no address"
            self.policy.refused[host] = why
            raise AddressRefused(why)
        last: Exception | None = None
        for address in allowed:
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout, OSError) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused("unix sockets are not part of a website")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)
