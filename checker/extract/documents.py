"""Documents (PDF, DOCX, XLSX/CSV, images) -> Document: the caps, the shared assembly, images.

Every reader returns a Document and never raises: a site's broken upload must cost one unreadable
item, not the whole check.  Text is cleaned of control characters and passed through thai.normalise page
by page, so `page_starts` are exact offsets into the final `text`.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PIL import Image

from checker.extract.ocr import Ocr, OcrRun
from checker.extract.thai import normalise
from checker.models import Document, ResourceKind

__all__ = ["DEFAULT_LIMITS", "DocLimits", "assemble", "extract_image", "iso_date", "unreadable"]


@dataclass(frozen=True)
class DocLimits:
    """Caps per document, so one 900-page scan cannot eat the time budget of a whole site."""

    max_pages: int = 60  # pages (or sheets, or image frames) read
    max_ocr_pages: int = 15  # pages rendered and OCR'd
    max_ocr_seconds: float = 120.0  # OCR time per document; pages after it stay unread
    max_bytes: int = 30_000_000  # bigger bodies are not parsed at all ("too_large"); the crawler's cap too
    max_chars: int = 2_000_000  # text kept per document (a 100k-row sheet is not evidence, just memory)
    min_page_chars: int = 20  # fewer letters/digits than this on a PDF page: treat it as a scan
    ocr_dpi: int = 300  # what Tesseract is trained for
    max_render_pixels: int = 25_000_000  # a poster-sized page is rendered at a lower dpi instead
    # Decompression bombs (checker.extract.bombs): what a file may unpack to before a library unpacks it.
    max_image_pixels: int = 50_000_000  # per image or frame (an A4 scan at 600 dpi is 35 M); Pillow's own is 179 M
    max_unzipped_bytes: int = 100_000_000  # DOCX/XLSX entries together, inflated
    max_pdf_inflated: int = 256_000_000  # PDF streams together, inflated, each as often as it is referenced
    max_page_content: int = 32_000_000  # one PDF page's content; PDFium holds ~20 bytes per byte of operators
    max_read_seconds: float = 30.0  # a PDF's text layer or a workbook's sheets; the rest stays unread (OCR: above)


DEFAULT_LIMITS = DocLimits()

# C0/C1 controls (not tab/newline), non-characters and replacement marks that text layers leak.
_RE_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
_RE_DATE = re.compile(r"(\d{4})[-:/.]?(\d{2})[-:/.]?(\d{2})")


def iso_date(value: object) -> str | None:
    """'YYYY-MM-DD' from a datetime, a PDF date ('D:20240315…'), an EXIF or ISO string; None otherwise.

    Buddhist-era years (2567) written by Thai-locale software are converted; implausible years are
    dropped rather than reported as a period signal.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        year, month, day = value.year, value.month, value.day
    elif isinstance(value, str):
        m = _RE_DATE.search(value.removeprefix("D:"))
        if not m:
            return None
        year, month, day = (int(g) for g in m.groups())
    else:
        return None
    if 2400 < year < 2700:
        year -= 543
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def unreadable(
    url: str,
    kind: ResourceKind,
    reason: str,
    detail: str | None = None,
    *,
    page_count: int = 0,
    pages_read: int = 0,
    created: str | None = None,
    modified: str | None = None,
) -> Document:
    """A Document that says why it has no text (`reason` is an i18n message code, see checker.i18n)."""
    return Document(
        url=url,
        kind=kind,
        readable=False,
        unreadable_reason=reason,
        detail=detail,
        page_count=page_count,
        pages_read=pages_read,
        created=created,
        modified=modified,
    )


def assemble(
    url: str,
    kind: ResourceKind,
    pages: Sequence[str],
    *,
    limits: DocLimits,
    page_count: int | None = None,
    ocr_pages: int = 0,
    title: str = "",
    created: str | None = None,
    modified: str | None = None,
    detail: str | None = None,
    empty_reason: str = "empty_document",
) -> Document:
    """Join normalised pages with one space and record where each starts; no text -> `empty_reason`."""
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for raw in pages:
        page = normalise(_RE_CONTROL.sub(" ", raw))
        if page and parts:
            pos += 1  # the joining space
        starts.append(pos)
        if page and pos < limits.max_chars:
            page = page[: limits.max_chars - pos]
            parts.append(page)
            pos += len(page)
    text = " ".join(parts)
    if len(text) >= limits.max_chars:
        detail = _join(detail, f"text cut at {limits.max_chars} characters")
    readable = bool(text)
    return Document(
        url=url,
        kind=kind,
        readable=readable,
        unreadable_reason=None if readable else empty_reason,
        title=normalise(_RE_CONTROL.sub(" ", title)),
        text=text,
        main_text=text,
        page_starts=tuple(starts),
        page_count=len(pages) if page_count is None else page_count,
        pages_read=len(pages),
        ocr_pages=ocr_pages,
        created=created,
        modified=modified,
        detail=detail,
    )


def _join(a: str | None, b: str | None) -> str | None:
    return "; ".join(x for x in (a, b) if x) or None


def _exif_dates(im: Image.Image) -> tuple[str | None, str | None]:
    """(created, modified) from EXIF DateTimeOriginal / DateTime; a damaged EXIF block is just no dates."""
    try:
        exif = im.getexif()
        stamp = exif.get(0x0132)  # DateTime
        original = exif.get_ifd(0x8769).get(0x9003)  # DateTimeOriginal
    except Exception:
        return None, None
    return iso_date(original or stamp), iso_date(stamp)


def _too_many_pixels(im: Image.Image, limits: DocLimits) -> str | None:
    """Our own cap, checked on the header before any pixel is decoded: Pillow's (MAX_IMAGE_PIXELS, an error
    only past twice 89 M pixels) is a global other code may change, and it is not applied to TIFF frames."""
    w, h = im.size
    if w * h > limits.max_image_pixels:
        return f"image of {w}x{h} = {w * h:,} pixels > {limits.max_image_pixels:,} (decompression bomb cap)"
    return None


def _frames(im: Image.Image) -> int:
    """Pages of a multi-page TIFF; a damaged chain of pages counts as one page, the first (already decoded)."""
    if im.format != "TIFF":
        return 1
    try:
        return int(getattr(im, "n_frames", 1))
    except Exception:  # Pillow raises TypeError, KeyError, SyntaxError... while walking broken IFDs
        im.seek(0)  # back to the first page: walking the chain left the image on a broken one
        return 1


def extract_image(body: bytes, url: str, ocr: Ocr | None, limits: DocLimits) -> Document:
    """OCR an image; a multi-page TIFF counts as pages, an animated GIF/WebP only by its first frame."""
    kind = ResourceKind.IMAGE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(body))
            bomb = _too_many_pixels(im, limits)
            if bomb is not None:
                return unreadable(url, kind, "too_large", bomb)
            im.load()
            frames = _frames(im)
        except Image.DecompressionBombError as exc:
            return unreadable(url, kind, "too_large", str(exc))
        except Exception as exc:
            return unreadable(url, kind, "broken_file", f"{type(exc).__name__}: {exc}")
        created, modified = _exif_dates(im)
        if ocr is None:
            return unreadable(url, kind, "scan_no_ocr", page_count=frames, created=created, modified=modified)
        run = OcrRun(ocr, limits.max_ocr_pages, limits.max_ocr_seconds)
        texts: list[str] = []
        notes: list[str] = []
        for i in range(min(frames, limits.max_pages)):
            try:
                if i:
                    im.seek(i)
                    bomb = _too_many_pixels(im, limits)
                    if bomb is not None:
                        notes.append(f"page {i + 1}: {bomb}")
                        break
                    im.load()
            except Exception as exc:  # a damaged later page: the pages before it were read
                notes.append(f"page {i + 1}: {type(exc).__name__}: {exc}")
                break
            texts.append(run.read(im))
    return assemble(
        url,
        kind,
        texts,
        limits=limits,
        page_count=frames,
        ocr_pages=run.pages,
        created=created,
        modified=modified,
        detail=_join(run.summary(), "; ".join(notes) or None),
        empty_reason="ocr_no_text",
    )
