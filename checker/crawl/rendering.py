"""Pages only a browser shows — app shells and hash routes — rendered within the host's politeness limits.

The crawler asks the browser for a page the way it asks the fetcher: one of the host's request slots, after
its spacing, and never for what robots.txt forbids or while the host is paused (a PoliteFetcher's `slot`).
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol

from checker.crawl.fetcher import Fetcher, FetchResult
from checker.crawl.render import Renderer, RenderResult


class _Slots(Protocol):
    def slot(self, url: str) -> AbstractAsyncContextManager[bool]: ...


async def render_polite(renderer: Renderer, fetcher: Fetcher, url: str) -> RenderResult | None:
    """The rendered page, or None when the host's rules say not now (robots.txt, a paused host)."""
    slot = getattr(fetcher, "slot", None)
    if slot is None:
        return await renderer.render(url)
    async with slot(url) as allowed:
        if not allowed:
            return None
        return await renderer.render(url)


def as_fetch(url: str, result: RenderResult) -> FetchResult:
    """A rendered page as the crawler records a fetch: its final URL is the route a person would open."""
    return FetchResult(
        url=url,
        final_url=result.final_url or url,
        status=result.status,
        content_type=RenderResult.content_type if result.html else "",
        body=result.body,
        error=result.error,
    )


def is_route(url: str) -> bool:
    """A hash route ("…/#/oit"): canonical() keeps no other fragment."""
    return "#" in url
