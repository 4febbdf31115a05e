"""HTML -> Document: normalised text, title, headings, sections, links with their row context, images, forms.

Pure: bytes and a URL in, a Document out. lxml is used directly (not through BeautifulSoup) because this
runs on every page of every crawl; it copes with broken and hostile markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from checker.extract.encoding import decode_html
from checker.extract.links import (
    BLOCK,
    DROP,
    HEADING_LIMIT,
    Rows,
    anchor_of,
    context_of,
    element_links,
    resolve_href,
    script_flipbooks,
    text_of,
)
from checker.extract.thai import normalise, normalise_short
from checker.models import Document, Form, Image, Link, ResourceKind, Section

_DROP = {"script", "style", "noscript", "template", "svg", "head"}
_CELLS = frozenset({"td", "th"})
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Site furniture repeated on every page: WordPress widget areas ("Recent Posts") included, or their lists
# of item titles would make every post look like an index and feed its years to every item.
_CHROME = re.compile(
    r"(^|[\s_-])(header|footer|nav|navbar|menu|sidebar|topbar|widget-area|widget|secondary)([\s_-]|$)"
    r"|menu",  # legacy table layouts: "menuhead", "leftmenu", "mainmenu", "submenu", "topmenu" cells
    re.I,
)
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)


def _is_chrome(el: lxml.html.HtmlElement) -> bool:
    if el.tag in ("header", "footer", "nav", "aside"):
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
    title = normalise_short(title_el.text_content()) if title_el is not None else ""

    links: list[Link] = _refresh_links(root, base)
    images: list[Image] = []
    forms: list[Form] = []
    headings: list[tuple[str, int]] = []
    chunks: dict[int, list[str]] = {-1: []}
    chrome: list[str] = []  # header, footer and menus: read for contacts and links, not as content
    section = -1
    skip_depth = 0
    chrome_depth = 0
    chrome_open: list[bool] = []  # per open element: did it start a chrome region (read once, at its start)
    rows: Rows = {}  # text of table rows / list items already read, shared by the links in them
    captions: dict[lxml.html.HtmlElement, str | None] = {}  # caption of a figure / caption box, read once

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth or tag in DROP or not tag:
                if tag == "script" and not skip_depth:
                    links += _script_links(el, root, base, -1 if chrome_depth else section, bool(chrome_depth))
                skip_depth += 1
                continue
            chrome_open.append(_is_chrome(el))
            if chrome_open[-1]:
                chrome_depth += 1
            sink = chrome if chrome_depth else chunks[section]
            if tag in _HEADINGS and not chrome_depth:
                headings.append((text_of(el, HEADING_LIMIT), _HEADINGS[tag]))
                section = len(headings) - 1
                chunks[section] = []
                sink = chunks[section]
            if tag in BLOCK:
                sink.append(" ")
            if el.text:
                sink.append(el.text)
            links += element_links(el, base, -1 if chrome_depth else section, bool(chrome_depth), rows)
            if tag == "img" and not chrome_depth:
                src = resolve_href(base, el.get("src", "")) or "[inline]"
                images.append(Image(src=src, alt=_image_words(el, captions), section=section))
            elif tag == "form":
                forms.append(_form(el, base, section))  # a form is a feature of the page, never a link to follow
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth == 0 and el.tail and tag in DROP:
                    (chrome if chrome_depth else chunks[section]).append(el.tail)
                continue
            sink = chrome if chrome_depth else chunks[section]
            if tag in _CELLS:
                sink.append(" | ")  # a cell's number must not read as the day of the next cell's month
            elif tag in BLOCK:
                sink.append(" ")
            if chrome_open.pop():
                chrome_depth -= 1
            if el.tail:
                (chrome if chrome_depth else chunks[section]).append(el.tail)

    own = {k: normalise_short("".join(v)) for k, v in chunks.items()}
    main = normalise(" ".join(own[k] for k in sorted(own)))
    full = normalise(main + " " + "".join(chrome))
    sections = _sections(headings, own)
    doc_headings = tuple(h for h, _ in headings)
    page = _Page(title, doc_headings, main, links, bool(images), bool(forms), bool("".join(chrome).strip()))
    soft = _soft_error(page, home=_is_home(url), app_shell=lambda: _app_shell(root, links))
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


_CAPTION_CLASS = re.compile(r"caption", re.I)


def _image_words(img: lxml.html.HtmlElement, captions: dict[lxml.html.HtmlElement, str | None]) -> str:
    """What the page says an image is: its alt text and title, and the caption of its <figure> (or of a
    WordPress "wp-caption" box), which often is the only place an org chart is named.  `captions` keeps
    each holder's caption: a caption box of 4,000 images was searched 4,000 times (8 s)."""
    parts = [img.get("alt", ""), img.get("title", "")]
    for depth, holder in enumerate(img.iterancestors()):
        if depth >= 3:
            break
        if holder not in captions:
            captions[holder] = _caption(holder)
        words = captions[holder]
        if words is not None:
            parts.append(words)
            break
    return normalise_short(" ".join(dict.fromkeys(p.strip() for p in parts if p and p.strip())))


def _caption(holder: lxml.html.HtmlElement) -> str | None:
    """The words of a <figure>'s figcaption or a caption box's caption element, None if it has none."""
    caption = None
    if holder.tag == "figure":
        caption = holder.find(".//figcaption")
    elif _CAPTION_CLASS.search(holder.get("class") or ""):
        caption = next((c for c in holder.iterdescendants() if _CAPTION_CLASS.search(c.get("class") or "")), None)
    return text_of(caption) if caption is not None else None


def _refresh_links(root: lxml.html.HtmlElement, base: str) -> list[Link]:
    """<meta http-equiv=refresh> redirects, usually in <head> (which the text walk skips)."""
    out: list[Link] = []
    for el in root.iter("meta"):
        if (el.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH.search(el.get("content", ""))
            if m:
                out.append(Link(url=resolve_href(base, m.group(1)), text="", tag="meta", raw_href=m.group(1)[:300]))
    return out


def _script_links(
    el: lxml.html.HtmlElement, root: lxml.html.HtmlElement, base: str, section: int, chrome: bool
) -> list[Link]:
    """Documents named by a flip-book plugin's configuration script (the only script we read)."""
    out: list[Link] = []
    for source, el_id in script_flipbooks(el.text or ""):
        holder = root.find(f".//*[@id='{el_id}']") if el_id else None
        anchor = anchor_of(holder) if holder is not None else ""
        context = context_of(holder) if holder is not None else ""
        url = resolve_href(base, source)
        if url:
            out.append(Link(url, anchor, context, "viewer", source[:300], section, chrome))
    return out


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
        out.append(Section(heading=heading, level=level, text=normalise_short(" ".join(parts))))
    return tuple(out)


# Words error templates use (Apache, nginx, WordPress themes, Thai vendor CMSs). A bare "404" must stand
# alone ("ประกาศที่ 404/2567" is a real page) and so must "ไม่พบข้อมูล" ("ไม่พบข้อมูลการทุจริต", no
# corruption found, is a real disclosure).
_ERROR_WORDS = re.compile(
    r"error\s*404|(?<![\d/.,-])404(?![\d/.,-])|not\s*found|nothing\s+found|can[’'`]?t\s+be\s+found|cannot\s+be\s+found"
    r"|page\s+does\s+not\s+exist|no\s+longer\s+available"
    r"|ไม่พบหน้า|(?:ไม่พบ|ไม่มี)ข้อมูล(?=$|\s|[!.]|ที่(?:ท่าน|คุณ)?(?:ต้องการ|ค้นหา)|ในระบบ)"
    r"|ไม่พบไฟล์|ไม่พบเนื้อหา|หน้านี้ไม่มีอยู่|ไม่มีหน้านี้|(?:ข้อมูล|หน้า|ไฟล์|เนื้อหา)นี้ถูกลบ",
    re.I,
)
_APP_ROOT = re.compile(r"^(?:root|app|__next|__nuxt|q-app|react-root|main-app|svelte)$", re.I)
_NEEDS_JS = re.compile(r"javascript|จาวาสคริปต์", re.I)


@dataclass(frozen=True)
class _Page:
    title: str
    headings: tuple[str, ...]
    main: str
    links: list[Link]
    has_images: bool
    has_forms: bool
    has_chrome: bool


def _soft_error(page: _Page, home: bool = False, app_shell: Callable[[], bool] = lambda: False) -> str | None:
    """Why a 200 page is really an error page or an empty template, or None for a real page.

    Pages with a table of content links (an ITA page) are never flagged by their headings or text; only an
    error title condemns them. The empty-template rule spares the home page and JavaScript app shells,
    whose links the crawler must still follow.
    """
    content = [lk for lk in page.links if lk.url and not lk.chrome]
    short = len(page.main) < 3000
    if page.title and short and _ERROR_WORDS.search(page.title):
        return page.title[:120]
    if short and len(content) < 10:
        for heading in page.headings[:3]:
            if _ERROR_WORDS.search(heading):
                return heading[:120]
    embeds = any(lk.tag in ("iframe", "frame", "embed", "object") for lk in content)
    if len(page.main) < 400 and len(content) <= 3 and not embeds:
        # In running text a bare 404 is as likely a room or a file number: words are needed.
        m = next((m for m in _ERROR_WORDS.finditer(page.main) if m.group(0) != "404"), None)
        if m:
            return page.main[max(0, m.start() - 40) : m.end() + 40].strip()[:120]
    if page.title and page.has_chrome and not (content or page.has_images or page.has_forms or home):
        # What is left once the template's own headings are taken away; digits (a phone number, a date, an
        # amount) mean a clerk wrote something, however short.
        rest = page.main
        for heading in (*page.headings, page.title):
            rest = rest.replace(heading, "") if heading else rest
        if len(rest.strip()) < 50 and not re.search(r"\d", rest) and not app_shell():
            return f"empty page: {page.title[:100]}"
    return None


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and re.fullmatch(r"/?(?:(?:index|default|home)\.\w+)?", parts.path, re.I) is not None


def _app_shell(root: lxml.html.HtmlElement, links: list[Link]) -> bool:
    """A single-page app's shell (the signs checker.crawl.render looks for): a mount point, a <noscript>
    asking for JavaScript, or scripts on a page without a single link. Its content comes after scripts run.
    """
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "app-root" or el.get("ng-app") is not None or _APP_ROOT.match(el.get("id") or ""):
            return True
        if el.tag == "noscript" and _NEEDS_JS.search(el.text_content()):
            return True
    return not links and next(root.iter("script"), None) is not None
