"""Reading PDFs, DOCX, XLSX and CSV generated from known Thai text (no OCR here: see test_ocr.py)."""

from __future__ import annotations

import random
import threading
from datetime import datetime

import pypdfium2 as pdfium
import pytest
from PIL import Image

from checker.extract import DocLimits, extract
from checker.extract.documents import iso_date
from checker.i18n import MESSAGES
from checker.models import Document, Resource, ResourceKind
from tests.support import make_docs as md

pytestmark = pytest.mark.skipif(md.font_path() is None, reason="no Thai font (apt-get install fonts-thai-tlwg)")

READ_CODES = ("scan_no_ocr", "ocr_no_text", "encrypted", "broken_file", "too_large", "empty_document")


def read(
    body: bytes,
    kind: ResourceKind,
    limits: DocLimits | None = None,
    *,
    url: str = "https://abt.go.th/files/doc",
    truncated: bool = False,
) -> Document:
    resource = Resource(url=url, final_url=url, status=200, kind=kind, body=body, truncated=truncated)
    return extract(resource, None, limits or DocLimits())


def page_of(doc: Document, sentence: str) -> int | None:
    pos = doc.text.find(sentence)
    assert pos >= 0, f"{sentence!r} not in {doc.text[:300]!r}"
    return doc.page_of(pos)


# --------------------------------------------------------------------------- PDF


def test_text_pdf_sentences_pages_and_dates() -> None:
    doc = read(md.text_pdf(), ResourceKind.PDF)
    assert doc.readable and doc.unreadable_reason is None
    assert (doc.page_count, doc.pages_read, doc.ocr_pages) == (3, 3, 0)
    for n, sentence in enumerate(md.PAGES_NORMALISED, start=1):
        assert page_of(doc, sentence) == n
    assert "๒" not in doc.text  # Thai digits normalised
    assert doc.page_starts[0] == 0 and doc.text[doc.page_starts[1] - 1] == " "
    assert (doc.created, doc.modified) == ("2024-03-15", "2024-04-02")
    assert doc.title == "รายงานประจำปี 2567"
    assert doc.main_text == doc.text


def test_damaged_text_layer_is_repaired_by_normalise() -> None:
    data = md.damaged_text_pdf()
    pdf = pdfium.PdfDocument(data)
    raw = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    assert "การประชุม" not in raw[0]  # letters come out one by one
    assert "\u0e4d\u0e32" in raw[1]  # nikhahit + sara aa
    doc = read(data, ResourceKind.PDF)
    assert page_of(doc, "การประชุมสภาองค์การบริหารส่วนตำบล") == 1
    assert page_of(doc, "การกำกับติดตามการดำเนินงานประจำปี") == 2


def test_page_cap_and_pages_read() -> None:
    doc = read(md.long_pdf(8, repeat=2), ResourceKind.PDF, DocLimits(max_pages=5))
    assert (doc.page_count, doc.pages_read, len(doc.page_starts)) == (8, 5, 5)
    assert page_of(doc, "หน้าที่ 5") == 5
    assert "หน้าที่ 6" not in doc.text
    assert doc.detail and "5 of 8" in doc.detail


def test_char_cap() -> None:
    doc = read(md.long_pdf(4, repeat=5), ResourceKind.PDF, DocLimits(max_chars=500))
    assert len(doc.text) <= 500 and doc.readable


def test_too_large_and_truncated_download() -> None:
    data = md.text_pdf()
    doc = read(data, ResourceKind.PDF, DocLimits(max_bytes=len(data) - 1))
    assert (doc.readable, doc.unreadable_reason) == (False, "too_large")
    cut = read(md.broken_pdf(), ResourceKind.PDF, truncated=True)
    assert cut.unreadable_reason == "too_large" and cut.detail


def test_broken_and_garbage_pdf() -> None:
    for body in (md.broken_pdf(), b"%PDF-1.7\n" + bytes(random.Random(1).randbytes(3000))):
        doc = read(body, ResourceKind.PDF)
        assert (doc.readable, doc.unreadable_reason) == (False, "broken_file")
        assert doc.detail


def test_encrypted_pdf() -> None:
    doc = read(md.encrypted_pdf("secret"), ResourceKind.PDF)
    assert (doc.readable, doc.unreadable_reason) == (False, "encrypted")
    # An owner password alone (copy/print restrictions) does not stop reading.
    open_doc = read(md.encrypted_pdf(""), ResourceKind.PDF)
    assert open_doc.readable and md.PAGES_NORMALISED[0] in open_doc.text


def test_scanned_pdf_without_ocr_is_not_guessed() -> None:
    doc = read(md.scanned_pdf([md.SCAN_LINES, md.SCAN_LINES]), ResourceKind.PDF)
    assert (doc.readable, doc.unreadable_reason, doc.text) == (False, "scan_no_ocr", "")
    assert (doc.page_count, doc.ocr_pages) == (2, 0)
    assert doc.created == "2024-03-15"


def test_mixed_pdf_without_ocr_reads_text_pages_and_says_what_is_missing() -> None:
    doc = read(md.mixed_pdf(), ResourceKind.PDF)
    assert doc.readable and page_of(doc, md.PAGES[0]) == 1
    assert doc.page_count == 2 and len(doc.page_starts) == 2
    assert doc.detail and "no OCR" in doc.detail


# --------------------------------------------------------------------------- DOCX / XLSX / CSV


def test_docx_paragraphs_table_and_properties() -> None:
    doc = read(md.docx_file(), ResourceKind.DOCX)
    assert doc.readable and doc.page_starts == (0,) and doc.page_count == 1
    assert "ประกาศองค์การบริหารส่วนตำบลบ้านใหม่" in doc.text
    for sentence in md.PAGES_NORMALISED:
        assert sentence in doc.text
    assert "ลำดับ | โครงการ | งบประมาณ" in doc.text and "ก่อสร้างถนนคอนกรีต | 250,000" in doc.text
    assert (doc.created, doc.modified, doc.title) == ("2024-03-15", "2024-04-02", "ประกาศ 2567")


def test_xlsx_one_page_per_sheet() -> None:
    doc = read(md.xlsx_file(), ResourceKind.XLSX)
    assert doc.readable and doc.page_count == 2 and len(doc.page_starts) == 2
    assert page_of(doc, "แผนจัดซื้อ 2567") == 1
    assert page_of(doc, "2 | จัดซื้อวัสดุสำนักงาน รายการที่ 2 | 150000 | 2023-10-01") == 1
    assert page_of(doc, "รวมงบประมาณทั้งสิ้น | 450000") == 2
    assert doc.created == "2024-03-15" and doc.title == "แผนจัดซื้อจัดจ้าง"
    capped = read(md.xlsx_file(), ResourceKind.XLSX, DocLimits(max_pages=1))
    assert (capped.page_count, capped.pages_read) == (2, 1) and "รวมงบประมาณ" not in capped.text


def test_content_decides_the_reader_not_the_label() -> None:
    assert "รวมงบประมาณทั้งสิ้น" in read(md.xlsx_file(), ResourceKind.DOCX).text
    assert md.PAGES_NORMALISED[2] in read(md.docx_file(), ResourceKind.XLSX).text
    html = "<html><body><table><tr><td>แผนการจัดซื้อ</td><td>2567</td></tr></table></body></html>"
    doc = read(html.encode("utf-8"), ResourceKind.XLSX, url="https://abt.go.th/plan.xls")
    assert doc.readable and doc.kind is ResourceKind.XLSX and "แผนการจัดซื้อ" in doc.text


def test_csv_cp874_and_utf8_bom() -> None:
    for body in (md.csv_cp874(), md.csv_cp874().decode("cp874").encode("utf-8-sig")):
        doc = read(body, ResourceKind.XLSX, url="https://abt.go.th/plan.csv")
        assert doc.readable, doc.detail
        assert "1 | จัดซื้อวัสดุสำนักงาน, กองคลัง | 50000" in doc.text
        assert "ซ่อมแซมถนนลูกรัง" in doc.text


def test_legacy_and_encrypted_office_files() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert read(ole, ResourceKind.DOCX).unreadable_reason == "unsupported_format"
    locked = ole + "EncryptedPackage".encode("utf-16-le") + bytes(100)
    assert read(locked, ResourceKind.XLSX).unreadable_reason == "encrypted"
    assert read(b"PK\x03\x04broken zip", ResourceKind.DOCX).unreadable_reason == "broken_file"


# --------------------------------------------------------------------------- everything else


def test_images_without_ocr_and_broken_images() -> None:
    png = md.image_bytes(md.scan_image(noise=False))
    assert read(png, ResourceKind.IMAGE).unreadable_reason == "scan_no_ocr"
    assert read(png[: len(png) // 3], ResourceKind.IMAGE).unreadable_reason == "broken_file"
    exif = Image.Exif()
    exif[0x0132] = "2024:03:15 10:00:00"  # DateTime, as a scanner or phone writes it
    jpeg = md.image_bytes(md.scan_image(noise=False), "JPEG", exif=exif)
    doc = read(jpeg, ResourceKind.IMAGE)
    assert (doc.unreadable_reason, doc.created, doc.modified) == ("scan_no_ocr", "2024-03-15", "2024-03-15")


def test_empty_other_and_never_raises() -> None:
    assert read(b"", ResourceKind.PDF).unreadable_reason == "empty_document"
    assert read(b"abc", ResourceKind.OTHER).unreadable_reason == "unread_other"
    rnd = random.Random(7)
    seeds = [md.text_pdf(), md.docx_file(), md.xlsx_file(), md.image_bytes(md.scan_image(noise=False))]
    for kind in (ResourceKind.PDF, ResourceKind.DOCX, ResourceKind.XLSX, ResourceKind.IMAGE):
        for seed in seeds:
            body = bytearray(seed)
            for _ in range(40):  # flip bytes anywhere: whatever comes out must be a Document
                body[rnd.randrange(len(body))] = rnd.randrange(256)
            doc = read(bytes(body), kind)
            assert isinstance(doc, Document)
            assert doc.readable or doc.unreadable_reason


def test_reason_codes_have_messages() -> None:
    for code in (*READ_CODES, "unsupported_format"):
        assert MESSAGES[code]["th"] and MESSAGES[code]["en"]


def test_iso_date() -> None:
    assert iso_date("D:20240315093000+07'00'") == "2024-03-15"
    assert iso_date("D:25670315") == "2024-03-15"  # Buddhist-era year written by Thai-locale software
    assert iso_date("2023:10:01 12:00:00") == "2023-10-01"  # EXIF
    assert iso_date(datetime(2024, 1, 2, 3, 4)) == "2024-01-02"
    assert iso_date("D:00000000") is None and iso_date("D:20241399") is None and iso_date(None) is None


def test_extraction_from_several_threads() -> None:
    """PDFium is not thread-safe: the module lock must make concurrent calls give the same answers."""
    bodies = [md.text_pdf(), md.long_pdf(6, repeat=3), md.damaged_text_pdf()]
    expected = [read(b, ResourceKind.PDF).text for b in bodies]
    failures: list[str] = []

    def work(i: int) -> None:
        for _ in range(5):
            got = read(bodies[i % 3], ResourceKind.PDF).text
            if got != expected[i % 3]:
                failures.append(got[:80])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
