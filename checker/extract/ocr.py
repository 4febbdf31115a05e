"""OCR for scanned PDFs and images: an `Ocr` protocol, Tesseract behind it, and per-document caps.

Most OIT evidence on local-government sites is scanned paper, so without OCR those items can only be
"review".  Tesseract is called as a subprocess (`tesseract stdin stdout -l tha+eng`) rather than through
pytesseract: pytesseract is itself a subprocess wrapper that goes through temporary files, while calling
the binary directly needs no extra dependency, passes the image on stdin, gives a hard per-page timeout,
and lets us set OMP_THREAD_LIMIT=1 — Tesseract's OpenMP threads make a page about 5x slower on small
machines (1.3 s vs 6.8-7.9 s for an A4 page here, see docs/benchmarks.md).

Each call starts its own process, so a TesseractOcr is safe to share between threads.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from typing import Protocol, runtime_checkable

from PIL import Image

__all__ = ["Ocr", "OcrError", "OcrRun", "TesseractOcr", "find_ocr", "prepare"]


class OcrError(RuntimeError):
    """The OCR engine failed on one image (crash, timeout, unreadable output)."""


@runtime_checkable
class Ocr(Protocol):
    """Anything that turns an image into text; `name` says which engine, for reports and benchmarks."""

    name: str

    def image_to_text(self, image: Image.Image) -> str:
        """The text in `image` (raw, not normalised); raises OcrError when the engine fails."""
        ...


def prepare(image: Image.Image, max_pixels: int = 25_000_000) -> Image.Image:
    """Greyscale on white, small web images enlarged, posters shrunk: what Tesseract reads best."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    image = image.convert("L")
    w, h = image.size
    if max(w, h) < 1200:  # a 700-px org chart: Thai marks are too small to see at this size
        image = image.resize((w * 2, h * 2), Image.Resampling.LANCZOS)
    elif w * h > max_pixels:
        f = (max_pixels / (w * h)) ** 0.5
        image = image.resize((max(1, int(w * f)), max(1, int(h * f))), Image.Resampling.LANCZOS)
    return image


class TesseractOcr:
    """The `tesseract` binary with Thai (+ English for mixed text, numbers and URLs)."""

    def __init__(self, binary: str = "tesseract", langs: str = "tha+eng", timeout: float = 60.0, psm: int = 3):
        self.binary = binary
        self.langs = langs
        self.timeout = timeout
        self.psm = psm
        self.name = f"tesseract ({langs})"

    def image_to_text(self, image: Image.Image) -> str:
        buf = io.BytesIO()
        prepare(image).save(buf, "PNG", compress_level=1)
        cmd = [self.binary, "stdin", "stdout", "-l", self.langs, "--psm", str(self.psm)]
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            proc = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, timeout=self.timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise OcrError(f"tesseract timed out after {self.timeout:.0f} s") from exc
        except OSError as exc:
            raise OcrError(f"tesseract could not start: {exc}") from exc
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrError(f"tesseract exit {proc.returncode}: {err[-1] if err else ''}")
        return proc.stdout.decode("utf-8", "replace")


def find_ocr(binary: str = "tesseract") -> Ocr | None:
    """A TesseractOcr when the binary and its Thai model are installed, else None (never a Latin-only OCR)."""
    path = shutil.which(binary)
    if path is None:
        return None
    try:
        proc = subprocess.run([path, "--list-langs"], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    # "List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):" then one code a line.
    lines = proc.stdout.decode("utf-8", "replace").splitlines()
    langs = {line.strip() for line in lines[1:] if line.strip()}
    if proc.returncode != 0 or "tha" not in langs:
        return None
    return TesseractOcr(path, "tha+eng" if "eng" in langs else "tha")


_STRAY = re.compile(r"(?<=[\u0e00-\u0e7f\s])['\"`‘’“”|~^]+(?=[\u0e00-\u0e7f\s])")


def clean_ocr_text(text: str) -> str:
    """Drop quote-like specks Tesseract reads out of scan noise between Thai letters ("คณะ 'ทำงาน")."""
    return _STRAY.sub("", text)


class OcrRun:
    """OCR for one document under its caps: at most `max_pages` pages and `max_seconds` of engine time."""

    def __init__(self, ocr: Ocr, max_pages: int, max_seconds: float):
        self.ocr = ocr
        self.max_pages = max_pages
        self.max_seconds = max_seconds
        self.pages = 0  # pages OCR'd (successfully or not)
        self.seconds = 0.0
        self.skipped = 0  # pages that needed OCR but were over a cap
        self.errors: list[str] = []

    def available(self) -> bool:
        """Whether another page may be OCR'd (check before rendering a PDF page: rendering costs too)."""
        return self.pages < self.max_pages and self.seconds < self.max_seconds

    def read(self, image: Image.Image) -> str:
        """The text of one page, or "" when a cap is reached or the engine fails (noted in summary())."""
        if not self.available():
            self.skipped += 1
            return ""
        self.pages += 1
        start = time.monotonic()
        try:
            return clean_ocr_text(self.ocr.image_to_text(image))
        except OcrError as exc:
            self.errors.append(str(exc))
            return ""
        finally:
            self.seconds += time.monotonic() - start

    def skip(self) -> None:
        """Count a page that needed OCR but was not rendered because a cap was reached."""
        self.skipped += 1

    def summary(self) -> str | None:
        """What went unread and why, for Document.detail; None when every page was read."""
        notes = []
        if self.skipped:
            cap = "time" if self.seconds >= self.max_seconds else "page"
            notes.append(f"{self.skipped} scanned page(s) not OCR'd (OCR {cap} cap)")
        if self.errors:
            notes.append(f"OCR failed on {len(self.errors)} page(s): {self.errors[0]}")
        return "; ".join(notes) or None
