"""What every document-backed item shares: the condition it is in, the document it publishes, and how an
assessor's verdict follows from the two (missing, unreachable, a Drive link only, a scan, a stale period)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.fieldgen.site import Site, group_of
from tests.support.fieldgen.thai import Day, day_in_fy

CONDITIONS = ("pass", "incomplete", "outdated", "missing", "unreachable", "review")
NAMES = {  # what each item is, for the labels' reasons (shared/spec/oit-2567.md)
    "O4": "multi-year development plan", "O10": "PDPA policy", "O11": "annual operating plan",
    "O12": "six-month monitoring report", "O13": "annual performance report", "O14": "staff work manual",
    "O15": "public service manual", "O16": "service statistics", "O17": "satisfaction survey report",
    "O19": "procurement plan", "O21": "monthly procurement summary", "O22": "annual procurement report",
    "O23": "HR policy or plan", "O24": "six-month HR progress report", "O25": "HR criteria",
    "O26": "annual HR report", "O27": "corruption-complaint manual", "O29": "corruption-complaint statistics",
    "O31": "No Gift declaration", "O32": "No Gift culture activity", "O33": "No Gift report",
    "O34": "corruption-risk assessment", "O35": "risk-management activity report", "O36": "anti-corruption plan",
    "O37": "six-month anti-corruption report", "O38": "annual anti-corruption report", "O39": "code of ethics",
    "O40": "ethics-drive evidence", "O41": "ethics-evaluation report", "O42": "ITA analysis and measures",
    "O43": "report on the O42 measures",
}  # fmt: skip


@dataclass(frozen=True)
class Cond:
    """The situation an item is put in on one site."""

    kind: str  # one of CONDITIONS
    scan: bool = False  # pass, but the document is an image-only scan (OCR needed)
    post: bool = False  # review: the Drive link sits in a two-line post (hard case 2)
    offrow: bool = False  # linked only from an ordinary page, by words that do not name the item (hard case 6)
    trick: bool = False  # file name / upload folder point to another year than the document's title (hard case 3)
    variant: str = ""  # item-specific choice (which element is missing, which form the evidence takes)


@dataclass
class Doc:
    """A document an item publishes: its heading (which carries the period), body and date."""

    head: str
    pages: list[str]
    day: Day
    slug: str
    fmt: str = "pdf"  # pdf | docx | xlsx
    table: list[list[str]] = field(default_factory=list)
    brief: list[str] = field(default_factory=list)  # the lines of a scanned copy (every element, short)
    fy: int | None = None  # the fiscal year the heading states


def table_lines(rows: list[list[str]]) -> str:
    """A table as a PDF text layer gives it back: cells separated by wide gaps, one row per line."""
    return "\n".join("   ".join(str(c) for c in row) for row in rows)


def to_spec(site: Site, doc: Doc, scanned: bool) -> tuple[dict[str, Any], str]:
    """The spec document (tests/support/docsites.py kinds) and its file extension."""
    created = doc.day.iso()
    if scanned:
        lines = [line for text in (doc.head, *doc.brief) for line in text.split("\n") if line.strip()]
        return {"kind": "scan_pdf", "pages": [lines], "created": created}, "pdf"
    if doc.fmt == "docx":
        paragraphs = [p for page in doc.pages for p in page.split("\n") if p.strip()]
        spec = {"kind": "docx", "heading": doc.head, "paragraphs": paragraphs, "table": doc.table, "created": created}
        return spec, "docx"
    if doc.fmt == "xlsx":
        rows: list[list[Any]] = [[doc.head], *[[line] for line in doc.pages[0].split("\n") if line.strip()], []]
        rows += doc.table
        extra = {f"หน้า{i + 2}": [[line] for line in page.split("\n")] for i, page in enumerate(doc.pages[1:])}
        return {"kind": "xlsx", "sheets": {"Sheet1": rows, **extra}, "created": created}, "xlsx"
    pages = [f"{doc.head}\n{doc.pages[0]}", *doc.pages[1:]]
    kind = "multipage_pdf" if len(pages) > 1 else "text_pdf"
    spec = {"kind": kind, "pages": pages, "created": created}
    if site.rng.random() < 0.4:
        spec["title"] = doc.head[:80]
    return spec, "pdf"


def upload_day(site: Site, doc: Doc, cond: Cond) -> Day:
    """When the file went up: soon after the document, or (a trick) in the assessed year's folder."""
    if cond.trick and cond.kind == "outdated":
        return day_in_fy(site.rng, site.year, 11, 3)
    month = doc.day.month % 12 + 1
    be = doc.day.be + (1 if month == 1 else 0)
    return Day(be, month, min(doc.day.day, 28))


def gdrive_post(site: Site, item: str, head: str) -> str:
    """A two-line post: the document's title and a Google Drive link (hard case 2)."""
    href = site.drive_href(folder=site.rng.random() < 0.3)
    line = str(site.pool.pick("gdrive_post"))
    body = f'<h1>{html.escape(head)}</h1>\n<p><a href="{href}" target="_blank">{html.escape(line)}</a></p>'
    url = site.post_url()
    site.add_page(url, head, body)
    site.news.append((day_in_fy(site.rng, site.year, 10, 4), head, url))
    return url


def publish_doc(
    site: Site,
    item: str,
    cond: Cond,
    make: Callable[[str], Doc],
    why: dict[str, str],
    *,
    entry: str | None = None,
) -> str | None:
    """Put the item's document on the site as `cond` says and record the label. `make(variant)` builds the
    document for variant pass / incomplete / outdated; `why[variant]` says what an assessor sees. Returns the
    href of the evidence (None when nothing is linked)."""
    if cond.kind == "missing":
        site.placeholder(item)
        site.label(item, "missing", why.get("missing", f"no {NAMES.get(item, item)} anywhere on the site"))
        return None
    variant = cond.kind if cond.kind in ("pass", "incomplete", "outdated") else "pass"
    doc = make(variant)
    up = upload_day(site, doc, cond)
    n = int(item[1:])
    if cond.trick and doc.fy is not None:
        shown = site.year if cond.kind == "outdated" else doc.fy - 1
        name = f"{shown}_o{n}_{doc.slug}"
    else:
        name = site.file_name(doc.slug, item, doc.day)
    text = entry or doc.head
    if cond.kind == "unreachable":
        ext = {"docx": "docx", "xlsx": "xlsx"}.get(doc.fmt, "pdf")
        href = site.dead_href(name, ext, up)
        site.evidence(item, href, text=text, date=doc.day)
        site.label(item, "unreachable", f"the only link to '{doc.head[:60]}' answers 404")
        return href
    if cond.kind == "review":
        if cond.post:
            href = gdrive_post(site, item, doc.head)
            why_text = "only evidence is a Google Drive link in a two-line post; the file itself is off the site"
        else:
            href = site.drive_href(folder=site.rng.random() < 0.3)
            why_text = "only evidence is a link to a Google Drive file/folder, off the site"
        site.evidence(item, href, text=text, date=doc.day)
        site.label(item, "review", why_text)
        return href
    spec, ext = to_spec(site, doc, cond.scan)
    href = site.add_doc(spec, name, ext, up)
    if cond.offrow:
        generic = entry or str(site.pool.pick("link_text"))
        site.evidence(item, href, text=generic, link_text=generic, date=doc.day, row=False, group=group_of(item))
    else:
        site.evidence(
            item, href, text=text, date=doc.day, link_text=name + "." + ext if site.rng.random() < 0.1 else None
        )
    reason = why[variant]
    if cond.offrow:
        reason += "; linked only from an ordinary page by words that do not name the item, the document's heading does"
    if cond.trick:
        reason += "; the file name/upload folder suggest another year, the document's own title decides"
    if cond.scan:
        site.scans += 1
        site.label(item, "pass", reason + " (an image-only scan)", without_ocr="review")
    else:
        site.label(item, variant, reason)
    return href


def periods(site: Site, variant: str, kind: str) -> int:
    """The fiscal year a document of this variant shows, for a period kind (current/half/prev)."""
    y = site.year
    if variant != "outdated":
        return y - 1 if kind == "prev" else y
    return {"current": y - 2, "half": y - 1, "prev": y - 3}[kind] if site.rng.random() < 0.6 else {
        "current": y - 1, "half": y - 2, "prev": y - 2}[kind]  # fmt: skip
