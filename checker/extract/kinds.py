"""What kind of resource a response is: by its bytes first, then its Content-Type, then its URL.

Thai hosting often serves PDFs as application/octet-stream and error pages as text/html with status 200,
so the magic bytes win over the headers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from checker.models import ResourceKind

DOC_EXTENSIONS: dict[str, ResourceKind] = {
    ".pdf": ResourceKind.PDF,
    ".doc": ResourceKind.DOCX,
    ".docx": ResourceKind.DOCX,
    ".xls": ResourceKind.XLSX,
    ".xlsx": ResourceKind.XLSX,
    ".csv": ResourceKind.XLSX,
    ".jpg": ResourceKind.IMAGE,
    ".jpeg": ResourceKind.IMAGE,
    ".png": ResourceKind.IMAGE,
    ".gif": ResourceKind.IMAGE,
    ".webp": ResourceKind.IMAGE,
    ".bmp": ResourceKind.IMAGE,
    ".tif": ResourceKind.IMAGE,
    ".tiff": ResourceKind.IMAGE,
}
NON_DOCUMENT_EXTENSIONS = (".zip", ".rar", ".7z", ".mp4", ".mp3", ".avi", ".mov", ".exe", ".apk", ".iso")


def kind_from_url(url: str) -> ResourceKind | None:
    path = urlsplit(url).path.lower()
    for ext, kind in DOC_EXTENSIONS.items():
        if path.endswith(ext):
            return kind
    return None


def classify(body: bytes, content_type: str, url: str) -> ResourceKind:
    head = body[:16].lstrip()
    if head.startswith(b"%PDF"):
        return ResourceKind.PDF
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"II*\x00", b"MM\x00*")) or (
        head.startswith(b"RIFF") and body[8:12] == b"WEBP"
    ):
        return ResourceKind.IMAGE
    ct = (content_type or "").split(";", 1)[0].strip().lower()
    by_url = kind_from_url(url)
    if head.startswith(b"PK\x03\x04"):
        if "spreadsheet" in ct or by_url is ResourceKind.XLSX:
            return ResourceKind.XLSX
        if "word" in ct or by_url is ResourceKind.DOCX:
            return ResourceKind.DOCX
        return ResourceKind.OTHER
    if ct in ("text/html", "application/xhtml+xml"):
        return ResourceKind.HTML
    if ct == "application/pdf":
        return ResourceKind.PDF
    if ct.startswith("image/"):
        return ResourceKind.IMAGE
    if ct in ("text/csv",):
        return ResourceKind.XLSX
    if "spreadsheet" in ct or "excel" in ct:
        return ResourceKind.XLSX
    if "word" in ct:
        return ResourceKind.DOCX
    sniff = body[:512].lower()
    if b"<html" in sniff or b"<!doctype html" in sniff or b"<body" in sniff:
        return ResourceKind.HTML
    return by_url or ResourceKind.OTHER


def looks_like_document_url(url: str) -> bool:
    return kind_from_url(url) is not None
