"""How every report shows a URL: which ones may become links, and evidence on the site by its path."""

from __future__ import annotations

from urllib.parse import urlsplit


def web_url(url: str) -> bool:
    """Only http(s) addresses become links: a `javascript:` or `data:` URL from a hostile page stays text."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return url == url.strip() and parts.scheme in ("http", "https") and bool(parts.netloc)


def short_url(url: str, site: str) -> str:
    """Evidence on the site itself is shown by its path: the host is in the header already."""
    base = site.rstrip("/")
    return url[len(base) :] or "/" if base and url.startswith(base + "/") else url
