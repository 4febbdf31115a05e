"""DOCX, XLSX and CSV -> Document.

Which reader runs is decided by the bytes, not the link: Thai sites serve .xls links that are HTML tables
or CSV, DOCX labelled as Excel, and legacy .doc/.xls (OLE2) files.  A DOCX is one "page" (it has no
fixed pages); a workbook has one page per sheet, the sheet's name first, a row's cells joined by " | ".
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import replace
from datetime import date, datetime, time
from time import monotonic
from typing import Any

from lxml import etree

from checker.extract.bombs import zip_bomb
from checker.extract.documents import DocLimits, assemble, iso_date, unreadable
from checker.extract.html import extract_html
from checker.models import Document, ResourceKind

__all__ = ["extract_csv", "extract_docx", "extract_office", "extract_xlsx"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {
    "w": _W[1:-1],
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
# Text runs of a paragraph, leaving out text boxes (read on their own) and the duplicate copy Word keeps
# in mc:Fallback for old readers.
_XP_RUNS = etree.XPath(
    ".//w:t[not(ancestor::w:txbxContent)] | .//w:tab[not(ancestor::w:txbxContent)] | .//w:br", namespaces=_NS
)
_XP_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=_NS)


def extract_office(body: bytes, url: str, kind: ResourceKind, limits: DocLimits, content_type: str = "") -> Document:
    """DOCX, XLSX, CSV or an HTML table, by what the bytes are; OLE2 and RTF are named, not guessed at."""
    if body.startswith(_OLE2):
        # Password-protected DOCX/XLSX are OLE2 containers holding an EncryptedPackage stream.
        if "EncryptedPackage".encode("utf-16-le") in body:
            return unreadable(url, kind, "encrypted", "Office file encrypted with a password")
        return unreadable(url, kind, "unsupported_format", "legacy binary Office file (.doc/.xls)")
    if body.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(body))
        except Exception as exc:  # BadZipFile, and NotImplementedError, UnicodeDecodeError... from damaged headers
            return unreadable(url, kind, "broken_file", f"zip: {type(exc).__name__}: {exc}")
        bomb = zip_bomb(archive, limits.max_unzipped_bytes)
        if bomb is not None:  # python-docx and openpyxl would inflate it all
            return unreadable(url, kind, "too_large", bomb)
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return extract_docx(body, url, limits)
        if "xl/workbook.xml" in names:
            return extract_xlsx(body, url, limits)
        return unreadable(url, kind, "unsupported_format", "zip archive without a Word or Excel document")
    if body.lstrip()[:5] == b"{\\rtf":
        return unreadable(url, kind, "unsupported_format", "RTF document")
    if kind is ResourceKind.XLSX:
        head = body[:2048].lower()
        if b"<table" in head or b"<html" in head:  # "Excel" exports that are web pages
            doc = extract_html(body, url, content_type)
            return replace(doc, kind=kind, page_starts=(0,), page_count=1, pages_read=1)
        return extract_csv(body, url, limits)
    return unreadable(url, kind, "broken_file", "not a DOCX (zip) file")


def _runs_text(el: Any) -> str:
    parts = []
    for node in _XP_RUNS(el):
        parts.append(node.text or "" if node.tag == _W + "t" else " ")
    return "".join(parts)


def _block_lines(el: Any, out: list[str]) -> None:
    """Paragraphs (and their text boxes) and table rows of one body-level element, in reading order."""
    if el.tag == _W + "p":
        out.append(_runs_text(el))
        for box in _XP_BOXES(el):
            out.extend(_runs_text(p) for p in box.iter(_W + "p"))
    elif el.tag == _W + "tbl":
        for row in el.iter(_W + "tr"):
            cells = []
            for cell in row.iterchildren(_W + "tc"):
                text = " ".join(_runs_text(p) for p in cell.iter(_W + "p")).strip()
                if text:
                    cells.append(text)
            out.append(" | ".join(cells))
    elif el.tag == _W + "sdt":  # content controls (cover pages, tables of contents) wrap ordinary blocks
        for content in el.iterchildren(_W + "sdtContent"):
            for child in content.iterchildren():
                _block_lines(child, out)


def extract_docx(body: bytes, url: str, limits: DocLimits) -> Document:
    """Paragraphs, table cells and text boxes of a DOCX, in document order, as one page."""
    import docx

    lines: list[str] = []
    try:
        document = docx.Document(io.BytesIO(body))
        for child in document.element.body.iterchildren():  # no body: a root that is not <w:document>
            _block_lines(child, lines)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on damaged files
        return unreadable(url, ResourceKind.DOCX, "broken_file", f"{type(exc).__name__}: {exc}")
    try:
        props = document.core_properties
        title, created, modified = props.title or "", iso_date(props.created), iso_date(props.modified)
    except Exception:  # a damaged docProps/core.xml costs the title and dates, not the text
        title, created, modified = "", None, None
    return assemble(
        url,
        ResourceKind.DOCX,
        ["\n".join(lines)],
        limits=limits,
        title=title,
        created=created,
        modified=modified,
    )


# Rows of a sheet or CSV are kept apart by a bar, not a newline: normalising turns a newline into a space,
# and "… 14" + "มกราคม 2567 …" would then read as the date 14 January.
ROW_SEP = " | "


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def extract_xlsx(body: bytes, url: str, limits: DocLimits) -> Document:
    """Cell values (not formulas: data_only) of up to limits.max_pages sheets; rows stop at max_chars."""
    import openpyxl

    kind = ResourceKind.XLSX
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no default style", unknown extensions: noise for our purpose
        try:
            wb = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
        except Exception as exc:
            return unreadable(url, kind, "broken_file", f"{type(exc).__name__}: {exc}")
        try:
            sheets = wb.worksheets
            pages: list[str] = []
            size = 0
            started = monotonic()
            timed_out = False
            for ws in sheets[: limits.max_pages]:
                if timed_out:
                    break
                lines = [ws.title]
                # Each row is padded to the sheet's declared width: a forged <dimension ref="A1:XFD1048576"/>
                # made every row 16,384 cells.  (A row's own last cell still pads it: the time cap holds.)
                ws.reset_dimensions()
                for row in ws.iter_rows(values_only=True):
                    if size > limits.max_chars:
                        break
                    if monotonic() - started > limits.max_read_seconds:
                        timed_out = True
                        break
                    cells = [c for c in (_cell(v) for v in row if v is not None) if c]
                    if cells:
                        lines.append(" | ".join(cells))
                        size += len(lines[-1])
                pages.append(ROW_SEP.join(lines))
            props = wb.properties
        except Exception as exc:  # read-only sheets are parsed while iterated: damage surfaces here
            return unreadable(url, kind, "broken_file", f"{type(exc).__name__}: {exc}"[:200])
        finally:
            wb.close()
    return assemble(
        url,
        kind,
        pages,
        limits=limits,
        page_count=len(sheets),
        title=props.title or "",
        # openpyxl fills a missing date with "now": only dates the file really carries are evidence.
        created=iso_date(props.created) if _core_has(body, b"created") else None,
        modified=iso_date(props.modified) if _core_has(body, b"modified") else None,
        detail=_sheets_note(len(pages), len(sheets), limits, timed_out),
    )


def _sheets_note(read: int, sheets: int, limits: DocLimits, timed_out: bool) -> str | None:
    if timed_out:
        return f"stopped in sheet {read} of {sheets}: time cap of {limits.max_read_seconds:.0f} s"
    return f"read {limits.max_pages} of {sheets} sheets" if sheets > limits.max_pages else None


def _core_has(body: bytes, field: bytes) -> bool:
    """Whether the OOXML package's docProps/core.xml has a dcterms:<field> element."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return b"dcterms:" + field in z.read("docProps/core.xml")
    except Exception:  # KeyError (no such part), BadZipFile, zlib.error...: no date the file really carries
        return False


def extract_csv(body: bytes, url: str, limits: DocLimits) -> Document:
    """A CSV in UTF-8 (with or without BOM) or, failing that, Thai Windows cp874 (TIS-620 with extras)."""
    kind = ResourceKind.XLSX
    if b"\x00" in body[:4096]:
        return unreadable(url, kind, "broken_file", "binary data, not CSV text")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("cp874", errors="replace")
    text = text[: limits.max_chars]
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    lines = []
    detail = None
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            cells = [c.strip() for c in row if c.strip()]
            if cells:
                lines.append(" | ".join(cells))
    except csv.Error as exc:  # a quote never closed: the rest is one field, past csv's 128 KB field limit
        detail = f"CSV damaged after row {len(lines)}: {exc}"
    empty = "broken_file" if detail else "empty_document"
    return assemble(url, kind, [ROW_SEP.join(lines)], limits=limits, detail=detail, empty_reason=empty)
