"""HTML -> Document: normalised text, title, headings, sections, links with their row context, images, forms.

Pure: bytes and a URL in, a Document out. lxml is used directly (not through BeautifulSoup) because this
runs on every page of every crawl; it copes with broken and hostile markup.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from checker.extract.encoding import decode_html
from checker.extract.thai import normalise
from checker.models import Document, Form, Image, Link, ResourceKind, Section

_DROP = {"script", "style", "noscript", "template", "svg", "head"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_ROW_TAGS = ("tr", "li", "dt", "dd", "p")
_CHROME = re.compile(r"(^|[\s_-])(header|footer|nav|navbar|menu|sidebar|topbar)([\s_-]|$)", re.I)
_JS_URL = re.compile(r"""(?:open\w*|location(?:\.href)?\s*=|MM_openBrWindow)\s*\(?\s*['"]([^'"]+)['"]""", re.I)
_SOFT_404 = re.compile(
    r"\b404\b|not\s*found|ไม่พบหน้า|ไม่พบหน้าเว็บ|ไม่พบข้อมูลที่ต้องการ|ไม่พบไฟล์|หน้านี้ไม่มีอยู่|page\s+does\s+not\s+exist",
    re.I,
)
_CONTEXT_CHARS = 400
_LINK_ATTRS = {"a": "href", "area": "href", "iframe": "src", "frame": "src", "embed": "src", "object": "data"}


def _text_of(el: lxml.html.HtmlElement) -> str:
    parts: list[str] = []
    for node in el.iter():
        if node.tag in _DROP or not isinstance(node.tag, str):
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node.tag in _BLOCK:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return normalise("".join(parts))


def resolve_href(base: str, raw: str) -> str:
    """Absolute URL for an href; "" for placeholders (#, javascript:void) that lead nowhere."""
    raw = (raw or "").strip()
    if not raw or raw.startswith("#"):
        return ""
    low = raw.lower()
    if low.startswith("javascript:"):
        m = _JS_URL.search(raw)
        return urljoin(base, m.group(1)) if m else ""
    if low.startswith(("data:", "about:")):
        return ""
    try:
        return urljoin(base, raw).split("#", 1)[0]
    except ValueError:
        return ""


def _context(el: lxml.html.HtmlElement) -> str:
    node = el.getparent()
    for _ in range(8):
        if node is None:
            break
        if node.tag in _ROW_TAGS:
            return _text_of(node)[:_CONTEXT_CHARS]
        node = node.getparent()
    parent = el.getparent()
    # A bare parent is the link's row only when the link is alone in it (not a menu of many links).
    if parent is not None and sum(1 for _ in parent.iter("a")) <= 1:
        text = _text_of(parent)
        if len(text) <= 300:
            return text
    return ""


def _is_chrome(el: lxml.html.HtmlElement) -> bool:
    if el.tag in ("header", "footer", "nav"):
        return True
    marks = (el.get("class") or "") + " " + (el.get("id") or "")
    return bool(marks.strip()) and _CHROME.search(marks) is not None


def _parse(text: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return None


def extract_html(body: bytes, url: str, content_type: str = "") -> Document:
    text, _codec = decode_html(body, content_type)
    root = _parse(text)
    if root is None:
        return Document(url=url, kind=ResourceKind.HTML, readable=True)
    base = url
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        base = urljoin(url, base_el.get("href", ""))
    title_el = root.find(".//title")
    title = normalise(title_el.text_content()) if title_el is not None else ""

    links: list[Link] = []
    images: list[Image] = []
    forms: list[Form] = []
    headings: list[tuple[str, int]] = []
    chunks: dict[int, list[str]] = {-1: []}
    chrome: list[str] = []  # header, footer and menus: read for contacts and links, not as content
    section = -1
    skip_depth = 0
    chrome_depth = 0

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth or tag in _DROP or not tag:
                skip_depth += 1
                continue
            if _is_chrome(el):
                chrome_depth += 1
            sink = chrome if chrome_depth else chunks[section]
            if tag in _HEADINGS and not chrome_depth:
                headings.append((_text_of(el), _HEADINGS[tag]))
                section = len(headings) - 1
                chunks[section] = []
                sink = chunks[section]
            if tag in _BLOCK:
                sink.append(" ")
            if el.text:
                sink.append(el.text)
            if tag in _LINK_ATTRS:
                links.append(_link(el, tag, base, -1 if chrome_depth else section, bool(chrome_depth)))
            elif tag == "img":
                if not chrome_depth:
                    src = resolve_href(base, el.get("src", "")) or "[inline]"
                    images.append(Image(src=src, alt=normalise(el.get("alt", "")), section=section))
            elif tag == "form":
                forms.append(_form(el, base, section))
            elif tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
                m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", el.get("content", ""), re.I)
                if m:
                    links.append(
                        Link(
                            url=resolve_href(base, m.group(1)),
                            text="",
                            tag="meta",
                            raw_href=m.group(1),
                            section=section,
                        )
                    )
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth == 0 and el.tail and tag in _DROP:
                    (chrome if chrome_depth else chunks[section]).append(el.tail)
                continue
            sink = chrome if chrome_depth else chunks[section]
            if tag in _BLOCK:
                sink.append(" ")
            if _is_chrome(el):
                chrome_depth -= 1
            if el.tail:
                (chrome if chrome_depth else chunks[section]).append(el.tail)

    own = {k: normalise("".join(v)) for k, v in chunks.items()}
    main = normalise(" ".join(own[k] for k in sorted(own)))
    full = normalise(main + " " + "".join(chrome))
    sections = _sections(headings, own)
    doc_headings = tuple(h for h, _ in headings)
    soft = _soft_error(title, doc_headings, main)
    return Document(
        url=url,
        kind=ResourceKind.HTML,
        readable=True,
        title=title,
        headings=doc_headings,
        text=full,
        main_text=main,
        links=tuple(links),
        images=tuple(images),
        forms=tuple(forms),
        sections=sections,
        soft_error=soft,
    )


def _link(el: lxml.html.HtmlElement, tag: str, base: str, section: int, chrome: bool) -> Link:
    raw = el.get(_LINK_ATTRS[tag], "") or ""
    if tag == "a" and not raw.strip() and el.get("onclick"):
        raw = "javascript:" + el.get("onclick", "")
    text = _text_of(el)
    if not text:
        alts = [normalise(i.get("alt", "")) for i in el.iter("img")]
        text = " ".join(a for a in alts if a) or normalise(el.get("title", "") or el.get("aria-label", ""))
    return Link(
        url=resolve_href(base, raw),
        text=text,
        context=_context(el),
        tag=tag,
        raw_href=raw[:300],
        section=section,
        chrome=chrome,
    )


def _form(el: lxml.html.HtmlElement, base: str, section: int) -> Form:
    inputs = [i for i in el.iter("input") if (i.get("type") or "text").lower() in ("text", "email", "tel", "")]
    has_textarea = next(iter(el.iter("textarea")), None) is not None
    return Form(
        action=resolve_href(base, el.get("action", "")),
        has_textarea=has_textarea,
        text_inputs=len(inputs),
        section=section,
    )


def _sections(headings: list[tuple[str, int]], own: dict[int, str]) -> tuple[Section, ...]:
    out: list[Section] = []
    for i, (heading, level) in enumerate(headings):
        parts = [own.get(i, "")]
        for j in range(i + 1, len(headings)):
            if headings[j][1] <= level:
                break
            parts.append(headings[j][0])
            parts.append(own.get(j, ""))
        out.append(Section(heading=heading, level=level, text=normalise(" ".join(parts))))
    return tuple(out)


def _soft_error(title: str, headings: tuple[str, ...], text: str) -> str | None:
    """An error page served with 200: it says 'not found' in its title or first heading and little else."""
    for candidate in (title, headings[0] if headings else ""):
        if candidate and _SOFT_404.search(candidate) and len(text) < 3000:
            return candidate[:120]
    return None
