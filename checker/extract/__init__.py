"""Extract stage: fetched resources -> Documents. Pure functions of bytes + URL; no network.

Documents are read by checker.extract.pdf / office / documents (images); scanned pages need an Ocr
(checker.extract.ocr.find_ocr()).  extract() never raises: a file it cannot read is a Document with
readable=False and an unreadable_reason message code (see checker.i18n).

Threads: PDF reading serialises on a module lock because PDFium is not thread-safe; extract() may run in
a worker thread (e.g. asyncio.to_thread) so that OCR does not block the crawl's event loop.
"""

from __future__ import annotations

from dataclasses import replace

from checker.extract.documents import DEFAULT_LIMITS, DocLimits, extract_image, unreadable
from checker.extract.html import extract_html
from checker.extract.kinds import classify, kind_from_url
from checker.extract.ocr import Ocr, find_ocr
from checker.models import Document, Resource, ResourceKind


def extract(resource: Resource, ocr: Ocr | None = None, limits: DocLimits = DEFAULT_LIMITS) -> Document:
    """Turn one successfully fetched resource into a Document (unreadable kinds say why)."""
    url = resource.final_url or resource.url
    kind = resource.kind
    if kind is ResourceKind.HTML:
        try:
            doc = extract_html(resource.body, url, resource.content_type)
        except Exception as exc:  # a reader bug costs one page, not the crawl (<meta charset=base64> once did)
            return unreadable(url, kind, "broken_file", f"{type(exc).__name__}: {exc}")
        expected = kind_from_url(resource.url)
        if expected is not None and expected is not ResourceKind.HTML and doc.soft_error is None:
            # A link to report.pdf that answers with a web page: the file is not there.
            return replace(doc, soft_error=f"{expected.value.upper()} → HTML")
        return doc
    body = resource.body
    if len(body) > limits.max_bytes:
        return unreadable(url, kind, "too_large", f"{len(body)} bytes > {limits.max_bytes}")
    if not body:
        return unreadable(url, kind, "empty_document", "0 bytes")
    try:
        if kind is ResourceKind.PDF:
            from checker.extract.pdf import extract_pdf  # pypdfium2 loads a native library: only when needed

            doc = extract_pdf(body, url, ocr, limits, truncated=resource.truncated)
        elif kind in (ResourceKind.DOCX, ResourceKind.XLSX):
            from checker.extract.office import extract_office

            doc = extract_office(body, url, kind, limits, resource.content_type)
        elif kind is ResourceKind.IMAGE:
            doc = extract_image(body, url, ocr, limits)
        else:
            return unreadable(url, kind, f"unread_{kind.value}")
    except Exception as exc:  # a reader bug or a file no library expected: one unreadable document, not a crash
        doc = unreadable(url, kind, "broken_file", f"{type(exc).__name__}: {exc}")
    if not doc.readable and resource.truncated and doc.unreadable_reason == "broken_file":
        # The crawler stopped the download (its byte cap, or the time budget): not a damaged file.
        why = "cut_time" if resource.cut == "time" else "too_large"
        return unreadable(url, kind, why, f"download cut at {len(body)} bytes; {doc.detail}")
    return doc


__all__ = ["DEFAULT_LIMITS", "DocLimits", "Ocr", "classify", "extract", "extract_html", "find_ocr"]
