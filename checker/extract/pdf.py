"""PDF -> Document with pypdfium2: the text layer page by page, OCR for pages that have none.

pypdfium2 was chosen over pdfminer.six and pypdf on generated Thai PDFs (docs/benchmarks.md): it keeps
Thai marks with their letters, and is one to two orders of magnitude faster.  It also renders pages,
which OCR needs anyway, so one library does both.

Thread safety: PDFium is not thread-safe — no two threads may call into it at the same time, even on
different documents.  Every PDFium call here runs under the module lock `PDFIUM_LOCK`, so extraction may
be called from a worker thread (or several: they take turns in PDFium; OCR, which runs outside the lock
in a subprocess, still overlaps).  Other code in this process that uses pypdfium2 must take the lock too.
"""

from __future__ import annotations

import threading
import time

import pypdfium2 as pdfium
from PIL import Image

from checker.extract.bombs import pdf_bomb
from checker.extract.documents import DocLimits, assemble, iso_date, unreadable
from checker.extract.ocr import Ocr, OcrRun
from checker.models import Document, ResourceKind

__all__ = ["PDFIUM_LOCK", "extract_pdf"]

PDFIUM_LOCK = threading.RLock()

_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD: a user password is needed to open the file
_ERR_SECURITY = 5  # FPDF_ERR_SECURITY: an encryption handler PDFium does not support


def _usable(text: str) -> int:
    """Letters and digits in a text layer: page numbers and stray marks alone do not make a text page."""
    return sum(1 for ch in text if ch.isalnum())


def _page(
    pdf: pdfium.PdfDocument, index: int, limits: DocLimits, want_image: bool, max_chars: int
) -> tuple[str, bool, Image.Image | None]:
    """(text layer, needs OCR, rendered image if wanted and needed) for one page, under the lock.

    At most `max_chars` characters are copied out of PDFium: a page of a million text operators must not
    become a Python string of a million characters per page when only max_chars are kept.
    """
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                count = min(textpage.count_chars(), max_chars)
                text = textpage.get_text_range(0, count) if count > 0 else ""
            finally:
                textpage.close()
            if _usable(text) >= limits.min_page_chars:
                return text, False, None
            # A page with no objects at all is blank; anything else (images, vector outlines) may be a scan.
            if next(iter(page.get_objects(max_depth=2)), None) is None:
                return text, False, None
            if not want_image:
                return text, True, None
            w, h = page.get_size()
            scale = limits.ocr_dpi / 72
            if w * h * scale * scale > limits.max_render_pixels:
                scale = (limits.max_render_pixels / (w * h)) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                image = bitmap.to_pil().copy()  # to_pil shares the bitmap's buffer, which close() frees
            finally:
                bitmap.close()
            return text, True, image
        finally:
            page.close()


def extract_pdf(body: bytes, url: str, ocr: Ocr | None, limits: DocLimits, *, truncated: bool = False) -> Document:
    """Read up to limits.max_pages pages; OCR scanned ones (up to the OCR caps) when `ocr` is given."""
    kind = ResourceKind.PDF
    bomb = pdf_bomb(body, limits.max_pdf_inflated, limits.max_page_content)
    if bomb is not None:  # PDFium would inflate or search it all in our process, and cannot be interrupted
        return unreadable(url, kind, *bomb)
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(body)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code in (_ERR_PASSWORD, _ERR_SECURITY):
                return unreadable(url, kind, "encrypted", str(exc))
            return unreadable(url, kind, "too_large" if truncated else "broken_file", str(exc))
        try:
            page_count = len(pdf)
        except Exception:
            pdf.close()
            raise
        try:
            meta = pdf.get_metadata_dict(skip_empty=True)
        except Exception:  # a /Title that is not UTF-16 (UnicodeDecodeError) costs the title and dates only
            meta = {}
    created, modified = iso_date(meta.get("CreationDate")), iso_date(meta.get("ModDate"))
    run = OcrRun(ocr, limits.max_ocr_pages, limits.max_ocr_seconds) if ocr is not None else None
    texts: list[str] = []
    scans: list[int] = []  # 1-based numbers of pages without a usable text layer
    ocr_hits = 0  # pages whose text came from OCR
    bad_pages: list[str] = []
    chars = 0
    reading = 0.0  # seconds in PDFium (text layer and renders), not in OCR, which has caps of its own
    try:
        for i in range(min(page_count, limits.max_pages)):
            if reading > limits.max_read_seconds:
                break
            start = time.monotonic()
            try:
                want = run is not None and run.available()
                left = max(limits.min_page_chars, limits.max_chars - chars)
                text, needs_ocr, image = _page(pdf, i, limits, want, left)
            except pdfium.PdfiumError as exc:  # one damaged page does not make the document unreadable
                bad_pages.append(f"page {i + 1}: {exc}")
                texts.append("")
                continue
            finally:
                reading += time.monotonic() - start
            chars += len(text)
            if needs_ocr:
                scans.append(i + 1)
                if run is not None and image is None:
                    run.skip()
                elif run is not None and image is not None:
                    ocr_text = run.read(image)
                    if _usable(ocr_text) > _usable(text):
                        text = ocr_text
                        ocr_hits += 1
            texts.append(text)
    finally:
        with PDFIUM_LOCK:
            pdf.close()

    detail = "; ".join(filter(None, [run.summary() if run is not None else None, *bad_pages[:3]])) or None
    if reading > limits.max_read_seconds:
        cap = f"read {len(texts)} of {page_count} pages: time cap of {limits.max_read_seconds:.0f} s"
        detail = "; ".join(filter(None, [cap, detail]))
    elif page_count > limits.max_pages:
        detail = "; ".join(filter(None, [f"read {limits.max_pages} of {page_count} pages", detail]))
    if run is None and scans:
        note = f"{len(scans)} scanned page(s) without text, no OCR: " + ", ".join(map(str, scans[:20]))
        detail = "; ".join(filter(None, [note, detail]))
    if scans and len(scans) == len(texts) and not ocr_hits:
        # Page numbers or a stamp from a scan's text layer are not the document: say it was not read.
        reason = "scan_no_ocr" if run is None else "ocr_no_text"
        return unreadable(
            url, kind, reason, detail, page_count=page_count, pages_read=len(texts), created=created, modified=modified
        )
    return assemble(
        url,
        kind,
        texts,
        limits=limits,
        page_count=page_count,
        ocr_pages=ocr_hits,
        title=meta.get("Title", ""),
        created=created,
        modified=modified,
        detail=detail,
        empty_reason="ocr_no_text" if scans else "empty_document",
    )
