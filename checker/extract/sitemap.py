"""sitemap.xml and sitemap index files -> URLs, to find pages no menu links to (WordPress, Google Sites).

Sitemaps on agency hosting are often hand-made or produced by old PHP plug-ins: unescaped `&` in <loc>,
a missing namespace, gzip served without the header, an HTML error page under the sitemap's name. Anything
that is not a sitemap gives two empty lists, never an exception.
"""

from __future__ import annotations

import re
import zlib
from html import unescape

import lxml.etree

MAX_URLS = 50_000  # the sitemap protocol's own limit per file
MAX_INFLATED = 50 * 1024 * 1024  # a gzip bomb stops here (the protocol allows 50 MB uncompressed)

# Bounded repetitions keep the fallback linear on hostile input.
_TOKEN = re.compile(
    rb"<\s*(?:\w+:)?(?P<kind>url|sitemap)\b[^>]{0,500}>"
    rb"|<\s*(?:\w+:)?loc\s*>(?P<loc>[^<]{0,4096}|<!\[CDATA\[.{0,4096}?\]\]>)\s*<\s*/",
    re.S | re.I,
)
_ROOT = re.compile(rb"<\s*(?:\w+:)?(?:urlset|sitemapindex)\b", re.I)
_CDATA = re.compile(r"^<!\[CDATA\[(.*)\]\]>$", re.S)


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) from a sitemap, a sitemap index or a plain-text list; gzip or not."""
    data = _inflate(body)
    if not data:
        return [], []
    pages: list[str] = []
    sitemaps: list[str] = []
    if data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<" or _ROOT.search(data):
        # A PHP warning printed before the XML makes it invalid; the textual reading still finds the URLs.
        for kind, loc in _xml_locs(data) or _regex_locs(data):
            (sitemaps if kind == "sitemap" else pages).append(loc)
    else:  # the protocol's text format: one URL per line
        text = data.decode("utf-8", "replace")
        pages = [line.strip() for line in text.splitlines() if _is_url(line.strip())]
    return _unique(pages), _unique(sitemaps)


def _inflate(body: bytes) -> bytes:
    """Un-gzip by magic bytes, not by header: hosts serve .xml.gz as application/octet-stream or text/xml."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(body, MAX_INFLATED)
    except zlib.error:
        return b""
    return out


def _xml_locs(data: bytes) -> list[tuple[str, str]]:
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return []
    out: list[tuple[str, str]] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or lxml.etree.QName(el).localname != "loc":
            continue
        parent = el.getparent()
        kind = lxml.etree.QName(parent).localname if parent is not None else ""
        loc = (el.text or "").strip()
        if kind in ("url", "sitemap") and _is_url(loc):
            out.append((kind, loc))
        if len(out) >= 2 * MAX_URLS:
            break
    return out


def _regex_locs(data: bytes) -> list[tuple[str, str]]:
    """Broken XML (an unescaped & is the usual culprit): read <loc>s textually, under their <url>/<sitemap>."""
    out: list[tuple[str, str]] = []
    kind = ""
    for m in _TOKEN.finditer(data):
        if m.group("kind"):
            kind = m.group("kind").decode().lower()
            continue
        raw = m.group("loc").decode("utf-8", "replace").strip()
        cdata = _CDATA.match(raw)
        loc = cdata.group(1).strip() if cdata else unescape(raw)
        if kind and _is_url(loc):
            out.append((kind, loc))
        if len(out) >= 2 * MAX_URLS:
            break
    return out


def _is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://")) and len(s) < 2048 and not any(c.isspace() for c in s)


def _unique(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))[:MAX_URLS]
