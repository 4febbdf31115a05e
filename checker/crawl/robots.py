"""robots.txt for the site being checked, parsed by protego (Google's matching rules, wildcards, Crawl-delay).

The site's own staff run this tool on their own site, but it still must not fetch what the site's robots.txt
keeps crawlers away from, and it must slow down when the site asks for a Crawl-delay.

What an unreadable robots.txt means (following Google, not the stricter RFC 9309 for server errors):

* 404 and other 4xx, **including 401/403**: no robots.txt, everything is allowed. Many weak hosts answer
  403 for every missing file; Google treats a 4xx robots.txt as "no restrictions" and so do we.
* 5xx, 429, timeouts and connection errors: allowed too, because a self-audit that refuses to look at a site
  whose robots.txt is flaky tells the clerk nothing. The politeness layer's backoff and circuit breaker still
  keep us from hammering that server.
* 200 with an HTML page (a CMS answering every path with its home page): treated as no robots.txt.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

from protego import Protego

from checker.crawl.fetcher import Fetcher
from checker.crawl.scope import SiteScope

MAX_ROBOTS_BYTES = 500 * 1024  # Google reads the first 500 KiB and ignores the rest
PRODUCT_TOKEN = "oitcheck"


def product_token(user_agent: str) -> str:
    """'oitcheck/<version> (+https://…)' -> 'oitcheck': robots groups name the product, not the whole header."""
    token = user_agent.strip().split("/", 1)[0].split()
    return token[0].lower() if token else PRODUCT_TOKEN


def robots_url(site_url: str) -> str:
    parts = urlsplit(site_url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


class Robots:
    """The rules one site's robots.txt gives our product token (or '*'), applied to URLs on that site only."""

    def __init__(self, site_url: str, text: str = "", user_agent: str = PRODUCT_TOKEN, note: str = "parsed") -> None:
        self.site_url = site_url
        self.url = robots_url(site_url)
        self.token = product_token(user_agent)
        self.note = note  # how the file was read, for the report ("parsed", "absent (HTTP 404)", ...)
        self._scope = SiteScope.of(site_url)
        self._rules = Protego.parse(text)

    @classmethod
    def allow_all(cls, site_url: str, note: str = "none") -> Robots:
        return cls(site_url, "", note=note)

    def covers(self, url: str) -> bool:
        """robots.txt speaks for its own site (www or not, as the crawler's scope), not for other hosts."""
        return self._scope.contains(url)

    def allowed(self, url: str) -> bool:
        return not self.covers(url) or self._rules.can_fetch(url, self.token)

    @property
    def crawl_delay(self) -> float | None:
        """Our group's Crawl-delay, else the '*' group's: on weak hosting the slower of two readings is safe."""
        own = self._rules.crawl_delay(self.token)
        return own if own is not None else self._rules.crawl_delay("*")

    @property
    def sitemaps(self) -> list[str]:
        seen: dict[str, None] = {}
        for sitemap in self._rules.sitemaps:
            seen.setdefault(urljoin(self.url, sitemap.strip()), None)
        return list(seen)

    def __repr__(self) -> str:
        return f"Robots({self.url!r}, note={self.note!r}, crawl_delay={self.crawl_delay})"


async def load_robots(fetcher: Fetcher, site_url: str, user_agent: str) -> Robots:
    """Fetch and parse the site's /robots.txt; never raises, every failure reads as "allow all"."""
    result = await fetcher.fetch(robots_url(site_url), MAX_ROBOTS_BYTES)
    if result.skipped is not None or result.status is None:
        return Robots.allow_all(site_url, f"unreachable ({result.error or result.skipped}), allowing all")
    if result.status >= 400:
        return Robots.allow_all(site_url, f"absent (HTTP {result.status}), allowing all")
    if result.status != 200 and not result.body:
        return Robots.allow_all(site_url, f"empty (HTTP {result.status})")
    body = result.body
    if "html" in result.content_type.lower() and body.lstrip()[:1] == b"<":
        return Robots.allow_all(site_url, "an HTML page, not a robots.txt; allowing all")
    text = body.decode("utf-8-sig", errors="replace")
    return Robots(site_url, text, user_agent, note="parsed" + (" (truncated)" if result.truncated else ""))
