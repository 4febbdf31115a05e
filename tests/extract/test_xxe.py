"""XML inside what a site serves (Office files, sitemaps) never reads local files or other hosts: an external
entity (XXE) that names /etc/hostname or a URL stays unexpanded, so nothing of this machine reaches a report."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl

from checker.extract.documents import DocLimits
from checker.extract.office import extract_office
from checker.extract.sitemap import parse_sitemap
from checker.models import ResourceKind

MARKER = "LOCAL-FILE-CONTENT-5521"
_DOCTYPE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{path}">]>'


def _secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(MARKER, encoding="utf-8")
    return path


def _rewrite(data: bytes, member: str, edit: object) -> bytes:
    """The same zip with one member's XML edited (a DOCTYPE and an entity reference slipped in)."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                body = edit(body.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            dst.writestr(info, body)
    return out.getvalue()


def _inject(xml: str, doctype: str, anchor: str) -> str:
    xml = re.sub(r"^(<\?xml[^>]*\?>)", lambda m: m.group(1) + doctype, xml, count=1)
    return xml.replace(anchor, anchor.replace("ANCHOR", "&xxe;"), 1)


def test_docx_with_an_external_entity_reads_no_local_file(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("แผนพัฒนาท้องถิ่น ANCHOR")
    buf = io.BytesIO()
    d.save(buf)
    doctype = _DOCTYPE.format(path=_secret(tmp_path))
    body = _rewrite(buf.getvalue(), "word/document.xml", lambda x: _inject(x, doctype, "แผนพัฒนาท้องถิ่น ANCHOR"))
    doc = extract_office(body, "http://127.0.0.1/p.docx", ResourceKind.DOCX, DocLimits())
    assert MARKER not in doc.text and MARKER not in repr(doc)


def test_xlsx_with_an_external_entity_reads_no_local_file(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "สถิติเรื่องร้องเรียน ANCHOR"  # type: ignore[index]
    buf = io.BytesIO()
    wb.save(buf)
    doctype = _DOCTYPE.format(path=_secret(tmp_path))
    body = _rewrite(buf.getvalue(), "xl/sharedStrings.xml", lambda x: _inject(x, doctype, "ANCHOR"))
    if body == buf.getvalue():  # openpyxl wrote the text inline: put the entity in the sheet instead
        body = _rewrite(buf.getvalue(), "xl/worksheets/sheet1.xml", lambda x: _inject(x, doctype, "ANCHOR"))
    doc = extract_office(body, "http://127.0.0.1/s.xlsx", ResourceKind.XLSX, DocLimits())
    assert MARKER not in doc.text and MARKER not in repr(doc)


def test_sitemap_with_an_external_entity_reads_no_local_file(tmp_path: Path) -> None:
    doctype = _DOCTYPE.format(path=_secret(tmp_path))
    xml = (
        f'<?xml version="1.0"?>{doctype}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://127.0.0.1/&xxe;</loc></url><url><loc>http://127.0.0.1/ok</loc></url></urlset>"
    )
    pages, sitemaps = parse_sitemap(xml.encode())
    assert not any(MARKER in u for u in pages + sitemaps)
