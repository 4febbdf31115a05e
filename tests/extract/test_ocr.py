"""OCR: the caps and failures with a stand-in engine, then the real Tesseract on generated Thai scans.

Tesseract's Thai is good on clean scans but not perfect (stray dots from speckle, a dropped mark), so the
real-engine tests look for robust keywords and report the character accuracy instead of whole lines.
"""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from PIL import Image

from checker.extract import DocLimits, extract
from checker.extract.ocr import Ocr, OcrError, TesseractOcr, find_ocr
from checker.extract.thai import normalise
from checker.models import Document, Resource, ResourceKind
from tests.support import make_docs as md

pytestmark = pytest.mark.skipif(md.font_path() is None, reason="no Thai font (apt-get install fonts-thai-tlwg)")

OCR = find_ocr()
needs_tesseract = pytest.mark.skipif(
    OCR is None, reason="Tesseract with Thai not installed (apt-get install tesseract-ocr tesseract-ocr-tha)"
)


def read(body: bytes, kind: ResourceKind, ocr: Ocr | None, limits: DocLimits | None = None) -> Document:
    url = "https://abt.go.th/files/Scan2024-03-15.pdf"
    return extract(Resource(url=url, final_url=url, status=200, kind=kind, body=body), ocr, limits or DocLimits())


def char_accuracy(expected: str, got: str) -> float:
    """1 - edit distance / length, on normalised text without spaces (Thai has no word spaces anyway)."""
    a, b = normalise(expected).replace(" ", ""), normalise(got).replace(" ", "")
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return max(0.0, 1 - prev[-1] / max(1, len(a)))


class FakeOcr:
    """Returns a fixed text (or fails, or is slow) and counts calls."""

    def __init__(self, text: str = "รายงานผลการดำเนินงาน ประจำปีงบประมาณ 2567", fail: bool = False, delay: float = 0):
        self.name = "fake"
        self.text, self.fail, self.delay = text, fail, delay
        self.calls = 0
        self.sizes: list[tuple[int, int]] = []

    def image_to_text(self, image: Image.Image) -> str:
        self.calls += 1
        self.sizes.append(image.size)
        time.sleep(self.delay)
        if self.fail:
            raise OcrError("engine crashed")
        return self.text


# --------------------------------------------------------------------------- plumbing (no Tesseract needed)


def test_fake_ocr_satisfies_protocol_and_pages_are_rendered_at_300_dpi() -> None:
    ocr = FakeOcr()
    assert isinstance(ocr, Ocr)
    doc = read(md.scanned_pdf(), ResourceKind.PDF, ocr)
    assert doc.readable and doc.ocr_pages == 1 and "ประจำปีงบประมาณ 2567" in doc.text
    w, h = ocr.sizes[0]  # the page is 180 x 90 mm
    assert abs(w - 180 / 25.4 * 300) < 3 and abs(h - 90 / 25.4 * 300) < 3


def test_text_pages_are_not_ocrd() -> None:
    ocr = FakeOcr()
    doc = read(md.text_pdf(), ResourceKind.PDF, ocr)
    assert ocr.calls == 0 and doc.ocr_pages == 0


def test_ocr_page_cap() -> None:
    ocr = FakeOcr()
    doc = read(md.scanned_pdf([md.SCAN_LINES] * 4), ResourceKind.PDF, ocr, DocLimits(max_ocr_pages=2))
    assert ocr.calls == 2 and doc.ocr_pages == 2 and doc.pages_read == 4
    assert doc.readable and doc.detail and "2 scanned page(s) not OCR'd (OCR page cap)" in doc.detail
    assert doc.page_of(doc.text.rindex("2567")) == 2


def test_ocr_time_cap() -> None:
    ocr = FakeOcr(delay=0.3)
    doc = read(md.scanned_pdf([md.SCAN_LINES] * 4), ResourceKind.PDF, ocr, DocLimits(max_ocr_seconds=0.5))
    assert ocr.calls == 2 and doc.ocr_pages == 2
    assert doc.detail and "time cap" in doc.detail


def test_ocr_failure_is_a_reason_not_an_exception() -> None:
    doc = read(md.scanned_pdf(), ResourceKind.PDF, FakeOcr(fail=True))
    assert (doc.readable, doc.unreadable_reason) == (False, "ocr_no_text")
    assert doc.detail and "engine crashed" in doc.detail
    empty = read(md.image_bytes(md.scan_image()), ResourceKind.IMAGE, FakeOcr(text="  \n"))
    assert empty.unreadable_reason == "ocr_no_text"


def test_find_ocr_needs_the_binary_and_the_thai_model(tmp_path: Path) -> None:
    assert find_ocr(str(tmp_path / "no-such-tesseract")) is None
    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\necho "List of available languages in \\"/x/\\" (2):"\necho eng\necho osd\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    assert find_ocr(str(fake)) is None  # Latin-only OCR would read Thai scans as garbage


def test_engine_failure_raises_ocr_error(tmp_path: Path) -> None:
    broken = tmp_path / "tesseract"
    broken.write_text("#!/bin/sh\necho 'Error opening data file' >&2\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(OcrError, match="Error opening data file"):
        TesseractOcr(str(broken)).image_to_text(Image.new("L", (50, 50), 255))


# --------------------------------------------------------------------------- the real Tesseract


@needs_tesseract
def test_find_ocr_finds_thai_tesseract() -> None:
    assert OCR is not None and "tha" in OCR.name


@needs_tesseract
def test_scanned_pdf_keywords_and_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    doc = read(md.scanned_pdf(), ResourceKind.PDF, OCR)
    assert doc.readable and doc.ocr_pages == 1 and doc.page_count == 1
    for word in md.SCAN_KEYWORDS:
        assert word in doc.text, (word, doc.text)
    acc = char_accuracy(" ".join(md.SCAN_LINES), doc.text)
    with capsys.disabled():
        print(f"\nOCR character accuracy, scanned PDF (200 dpi JPEG, rendered at 300 dpi): {acc:.1%}")
    assert acc > 0.85


@needs_tesseract
@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_image_scans(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    body = md.image_bytes(md.scan_image(dpi=300), fmt, **({"quality": 75} if fmt == "JPEG" else {}))
    doc = read(body, ResourceKind.IMAGE, OCR)
    assert doc.readable and doc.ocr_pages == 1
    for word in md.SCAN_KEYWORDS:
        assert word in doc.text, (word, doc.text)
    acc = char_accuracy(" ".join(md.SCAN_LINES), doc.text)
    with capsys.disabled():
        print(f"\nOCR character accuracy, {fmt} scan at 300 dpi: {acc:.1%}")
    assert acc > 0.85


@needs_tesseract
def test_mixed_pdf_maps_ocr_text_to_its_page() -> None:
    doc = read(md.mixed_pdf(), ResourceKind.PDF, OCR)
    assert doc.readable and doc.ocr_pages == 1
    assert doc.page_of(doc.text.index(md.PAGES[0])) == 1
    assert doc.page_of(doc.text.index("งบประมาณ", len(md.PAGES[0]))) == 2


@needs_tesseract
def test_multipage_tiff_frames_are_pages() -> None:
    first = md.scan_image(["รายงานการประชุมสภา 2567"], noise=False)
    second = md.scan_image(["แผนอัตรากำลัง 3 ปี"], noise=False)
    body = md.image_bytes(first, "TIFF", save_all=True, append_images=[second], compression="tiff_lzw")
    doc = read(body, ResourceKind.IMAGE, OCR)
    assert doc.page_count == 2 and doc.ocr_pages == 2 and len(doc.page_starts) == 2
    assert doc.page_of(doc.text.index("ประชุม")) == 1
    assert doc.page_of(doc.text.index("อัตรากำลัง")) == 2
