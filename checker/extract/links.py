"""Link discovery beyond href: JavaScript navigation, onclick handlers, PDF viewers and flip-books.

Legacy Thai agency pages reach their evidence through `javascript:MM_openBrWindow('x')`, `<tr onclick=
"location.href='x'">` and PDF flip-book viewers in iframes; a crawler that only reads href misses them.

Deliberately not read: URL strings inside ordinary `<script>` blocks (menus built by scripts, AJAX
endpoints, analytics) — too noisy to tell a menu target from anything else, and single-page apps are
rendered by a browser instead. The one exception is a flip-book plugin's own configuration (dFlip,
Real3D), which names a document and nothing else.
"""

from __future__ import annotations

import json
import re
from itertools import islice
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html

from checker.extract.thai import normalise_short
from checker.models import Link

DROP = {"script", "style", "noscript", "template", "svg", "head"}
BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option",
}  # fmt: skip
ROW_TAGS = ("tr", "li", "dt", "dd", "p")
LINK_ATTRS = {"a": "href", "area": "href", "iframe": "src", "frame": "src", "embed": "src", "object": "data"}
CONTEXT_CHARS = 400
ROW_LIMIT = 10 * CONTEXT_CHARS  # raw characters read for a row's context: markup's whitespace included
HEADING_LIMIT = 2000  # raw characters read for a heading; a longer one is an unclosed tag holding the page

_Q = r"""(['"])(?P<u>(?:(?!\1).)*)\1"""  # a quoted JS string literal, either quote
# Navigation idioms seen in vendor templates and Dreamweaver pages; group "u" is the target.
_NAV = [
    re.compile(r"\blocation(?:\.href)?\s*=\s*" + _Q, re.I),  # (window|self|top|document.)location(.href)=
    re.compile(r"\blocation\.(?:assign|replace)\s*\(\s*" + _Q, re.I),
    re.compile(r"\bwindow\.open\s*\(\s*" + _Q, re.I),
    # MM_goToURL('parent.frames[\'mainFrame\']','laws.html'): the first argument may hold escaped quotes.
    re.compile(r"\bMM_goToURL\s*\(\s*(['\"])(?:\\.|(?!\1).)*\1\s*,\s*" + _Q.replace(r"\1", r"\2"), re.I),
    re.compile(r"\bMM_openBrWindow\s*\(\s*" + _Q, re.I),
]
# Home-made pop-up helpers (openWindow, NewWindow, popup) and a bare open(): only when the argument looks
# like a URL, so that xhr.open('GET', ...) and openTab('tab2') are not links.
_POPUP = re.compile(r"\b\w*(?:open|popup|newwin|window)\w*\s*\(\s*" + _Q, re.I)
_URL_SHAPED = re.compile(r"^(?:https?://|/|\.\.?/)|\.[a-z0-9]{2,5}(?:$|[?#])|\?", re.I)
_TRAILING_CONCAT = re.compile(r"^\s*\+")

DOC_EXT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|csv)(?:$|[?#])", re.I)
_VIEWER_PATH = re.compile(r"viewer|pdfjs|pdf\.js|flip|dflip|dearflip|real3d|gview|pdf-?embed|pdfview", re.I)
_WRAP_KEYS = ("file", "pdf", "url", "src", "source", "doc", "document", "pdfurl", "pdf_url")
_GOOGLE_VIEWER_PATHS = ("/viewer", "/gview", "/viewerng/viewer")
_FLIP_CLASS = re.compile(r"_df_|flipbook|real3d", re.I)
_FLIP_ATTRS = ("source", "data-source", "data-pdf", "data-pdf-url", "data-file")
_FLIP_SCRIPT = re.compile(r"option_df_\d+|real3d|flipbook", re.I)
_JSON_PDF = re.compile(r""""(?:source|pdfUrl|pdf_url|pdf|file)"\s*:\s*"((?:[^"\\]|\\.)+)\"""", re.I)
_DF_OPTION = re.compile(r"option_(df_\d+)\s*=\s*(\{.*?\})\s*;", re.S)


def text_of(el: lxml.html.HtmlElement, limit: int | None = None) -> str:
    """Visible text of an element, blocks separated, scripts and styles left out.

    `limit`: read only about that many characters (and elements), for callers that keep only the start.
    An unclosed <h2> or <li> holds the rest of the page, and 250 of them nested (libxml2's depth limit)
    read a 2.7 MB page 250 times: 42 s.
    """
    parts: list[str] = []
    room = limit if limit is not None else -1  # characters still wanted; -1: all of them
    for count, node in enumerate(el.iter()):
        if limit is not None and (room <= 0 or count > limit):
            break
        texts = []
        if node.tag in DROP or not isinstance(node.tag, str):
            if node is not el and node.tail:
                texts.append(node.tail)
        else:
            if node.tag in BLOCK:
                parts.append(" ")
            if node.text:
                texts.append(node.text)
            if node is not el and node.tail:
                texts.append(node.tail)
        for text in texts:
            parts.append(text if room < 0 else text[:room])
            room = room if room < 0 else room - len(parts[-1])
    return normalise_short("".join(parts))


Rows = dict[lxml.html.HtmlElement, str]


def _row_text(row: lxml.html.HtmlElement, rows: Rows | None) -> str:
    """A row's context, read once per page when `rows` is given: a <p> holding 4,000 links was read 4,000
    times (8 s), and a hostile page can hold far more."""
    if rows is None:
        return text_of(row, ROW_LIMIT)[:CONTEXT_CHARS]
    text = rows.get(row)
    if text is None:
        text = rows[row] = text_of(row, ROW_LIMIT)[:CONTEXT_CHARS]
    return text


def context_of(el: lxml.html.HtmlElement, rows: Rows | None = None) -> str:
    """The table row / list item / paragraph a link sits in: where OIT pages write what the link is."""
    if el.tag in ROW_TAGS:
        return _row_text(el, rows)
    node = el.getparent()
    for _ in range(8):
        if node is None:
            break
        if node.tag in ROW_TAGS:
            return _row_text(node, rows)
        node = node.getparent()
    parent = el.getparent()
    # A bare parent is the link's row only when the link is alone in it (not a menu of many links); a second
    # <a> is enough to tell (counting them all made a <div> of 4,000 links take 5 s).
    if parent is not None and next(islice(parent.iter("a"), 1, None), None) is None:
        text = text_of(parent)
        if len(text) <= 300:
            return text
    return ""


def js_target(code: str) -> str | None:
    """The URL a JavaScript handler navigates to (location.href=, window.open, MM_openBrWindow...)."""
    best: tuple[int, str] | None = None
    for rx in [*_NAV, _POPUP]:
        for m in rx.finditer(code):
            url = m.group("u").strip()
            if not url or url.startswith("#") or url.lower().startswith(("javascript:", "mailto:", "tel:")):
                continue
            if _TRAILING_CONCAT.match(code[m.end() :]):
                continue  # 'news.php?id=' + id: only half a URL
            if rx is _POPUP and not _URL_SHAPED.search(url):
                continue  # openTab('tab2'), toggleWindow('menu')
            if best is None or m.start() < best[0]:
                best = (m.start(), url)
            break
    return best[1] if best else None


_ROUTE = re.compile(r"^!?/.")


def is_route(fragment: str) -> bool:
    """A fragment that is a page of a JavaScript app ("#/oit", "#!/page/about"), not a place on the page
    ("#top", "#content"). "#/" alone is the app's home: the page itself."""
    return bool(_ROUTE.match(fragment))


def resolve_href(base: str, raw: str) -> str:
    """Absolute URL for an href; "" for placeholders (#, javascript:void) that lead nowhere. Hash routes
    (href="#/oit") are pages of an app and keep their fragment."""
    raw = (raw or "").strip()
    if not raw or (raw.startswith("#") and not is_route(raw[1:])):
        return ""
    low = raw.lower()
    if low.startswith("javascript:"):
        target = js_target(raw)
        return _join(base, target) if target else ""
    if low.startswith(("data:", "about:")):
        return ""
    return _join(base, raw)


def _join(base: str, raw: str) -> str:
    try:
        url = urljoin(base, raw.strip())
    except ValueError:
        return ""
    head, _, fragment = url.partition("#")
    return f"{head}#{fragment}" if is_route(fragment) else head


def viewer_target(url: str) -> str | None:
    """The file a viewer URL wraps (pdf.js ?file=, Google Docs viewer ?url=, flip-book ?pdf=), else None."""
    if "?" not in url:
        return None
    try:
        parts = urlsplit(url)
        params = parse_qsl(parts.query, keep_blank_values=False)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    google = host == "docs.google.com" and parts.path.rstrip("/") in _GOOGLE_VIEWER_PATHS
    viewer = google or bool(_VIEWER_PATH.search(parts.path))
    for key, value in params:
        k = key.lower()
        wraps = k == "url" if google else viewer and k in _WRAP_KEYS
        if wraps or (k == "pdf" and DOC_EXT.search(value)):
            target = _join(url, value)
            if target.startswith(("http://", "https://")) and target != url.split("#", 1)[0]:
                return target
    return None


def flipbook_sources(el: lxml.html.HtmlElement) -> list[str]:
    """Documents named by a flip-book element's attributes (dFlip `source=`, Real3D `pdfUrl`)."""
    if not _FLIP_CLASS.search(el.get("class") or ""):
        return []
    found = [v for a in _FLIP_ATTRS if (v := (el.get(a) or "").strip())]
    options = el.get("data-flipbook-options") or ""
    found += [_unescape_json(m.group(1)) for m in _JSON_PDF.finditer(options)]
    return found


def script_flipbooks(code: str) -> list[tuple[str, str]]:
    """(document, element id) pairs from a flip-book plugin's configuration script; [] for other scripts."""
    if not _FLIP_SCRIPT.search(code):
        return []
    out: list[tuple[str, str]] = []
    for m in _DF_OPTION.finditer(code):  # dFlip: var option_df_123 = {"source": "...pdf", ...};
        try:
            source = json.loads(m.group(2)).get("source")
        except (ValueError, AttributeError):
            source = None
        if isinstance(source, str) and source:
            out.append((source, m.group(1)))
    if not out:
        out = [(u, "") for m in _JSON_PDF.finditer(code) if DOC_EXT.search(u := _unescape_json(m.group(1)))]
    return out


def _unescape_json(s: str) -> str:
    try:
        value = json.loads(f'"{s}"')
    except ValueError:
        return s.replace("\\/", "/")
    return value if isinstance(value, str) else s


def anchor_of(el: lxml.html.HtmlElement) -> str:
    """What a visitor reads on a clickable element: its text, else an image's alt, a button's value, a title."""
    text = text_of(el)
    if text:
        return text
    if el.tag == "input":
        text = normalise_short(el.get("value", ""))
    elif el.tag == "area":
        text = normalise_short(el.get("alt", ""))  # an image-map region's words are its alt text
    if not text:
        alts = [normalise_short(i.get("alt", "")) for i in el.iter("img")]
        text = " ".join(a for a in alts if a)
    return text or normalise_short(el.get("title", "") or el.get("aria-label", "") or el.get("data-title", ""))


def element_links(
    el: lxml.html.HtmlElement, base: str, section: int, chrome: bool, rows: Rows | None = None
) -> list[Link]:
    """Every Link one element yields: its href/src, its onclick target, and files wrapped by viewers.

    `rows` (one dict per page) keeps the text of rows already read, for the links that share them."""
    tag = el.tag if isinstance(el.tag, str) else ""
    out: list[Link] = []
    onclick = (el.get("onclick") or "").strip()
    target = js_target(onclick) if onclick else None
    if tag in LINK_ATTRS:
        raw = el.get(LINK_ATTRS[tag], "") or ""
        url = resolve_href(base, raw)
        if not url and target and tag in ("a", "area"):
            # href="#" onclick="window.open('x')": not a placeholder, the handler is the link.
            out.append(_make(el, "onclick", _join(base, target), onclick, section, chrome, rows))
            target = None
        else:
            out.append(_make(el, tag, url, raw, section, chrome, rows))
    if target:
        url = _join(base, target)
        if not any(lk.url == url for lk in out):
            out.append(_make(el, "onclick", url, onclick, section, chrome, rows))
    for src in flipbook_sources(el):
        out.append(_make(el, "viewer", _join(base, src), src, section, chrome, rows))
    for lk in list(out):
        wrapped = viewer_target(lk.url) if lk.url else None
        if wrapped and not any(o.url == wrapped for o in out):
            out.append(Link(wrapped, lk.text, lk.context, "viewer", lk.url[:300], section, chrome))
    return out


def _make(
    el: lxml.html.HtmlElement, tag: str, url: str, raw: str, section: int, chrome: bool, rows: Rows | None = None
) -> Link:
    return Link(
        url=url,
        text=anchor_of(el),
        context=context_of(el, rows),
        tag=tag,
        raw_href=raw[:300],
        section=section,
        chrome=chrome,
    )
