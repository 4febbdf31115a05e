"""Decompression bombs stop at a cap, with a reason that names it: images with huge pixel counts, zip bombs
in DOCX/XLSX, deflate and reference bombs in PDFs, a spreadsheet that pads every row, and a gzip body over
HTTP.  Where memory is the point, a child process reads the bomb and reports its peak RSS (getrusage)."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from checker.extract import DEFAULT_LIMITS, DocLimits
from checker.extract.bombs import MAX_ZIP_ENTRIES, MAX_ZIP_RATIO
from checker.extract.ocr import find_ocr
from checker.models import ResourceKind
from tests.fuzz import bombmakers as bm
from tests.fuzz.corpus import read_format, xlsx_seeds
from tests.fuzz.props import assert_document
from tests.support import make_docs as md
from tests.support.server import serve_site

DOCX, XLSX, PDF, IMAGE = ResourceKind.DOCX, ResourceKind.XLSX, ResourceKind.PDF, ResourceKind.IMAGE
MiB = bm.MiB
READ = """
from tests.fuzz.corpus import read_format
from tests.fuzz import bombmakers as bm
from checker.models import ResourceKind
body = {build}
def run():
    doc = read_format(body, ResourceKind.{kind})
    return dict(reason=doc.unreadable_reason, detail=doc.detail, size=len(body))
"""


def _bomb_read(build: str, kind: str) -> dict[str, object]:
    """Read the bomb built by the expression `build` in a child process: its reason, detail and peak RSS."""
    return bm.peak_rss(READ.format(build=build, kind=kind))


# --------------------------------------------------------------------------------------------------
# Images


# 144 M pixels: Pillow only warns (and the reader silenced the warning); 3.6 G: Pillow refuses by itself.
@pytest.mark.parametrize(
    ("width", "height", "says"),
    [(12_000, 12_000, "image of 12000x12000 = 144,000,000 pixels > 50,000,000"), (60_000, 60_000, "3600000000 pixels")],
)
def test_image_pixel_bomb_is_too_large(width: int, height: int, says: str) -> None:
    doc = assert_document(read_format(bm.png(width, height, bm.zlib_bomb(1, b"\0")), IMAGE), IMAGE)
    assert doc.unreadable_reason == "too_large"
    assert "decompression bomb" in (doc.detail or "").lower() and says in (doc.detail or "")


def test_image_pixel_bomb_memory() -> None:
    """A 550 KB PNG that decodes to 576 MB (12,000 x 12,000 RGBA): refused from its header, nothing decoded."""
    got = _bomb_read("bm.png(12_000, 12_000, bm.zlib_bomb(550, b'\\0'))", "IMAGE")
    assert got["reason"] == "too_large" and "50,000,000" in str(got["detail"])
    assert float(got["rss_after"]) - float(got["rss_before"]) < 50  # MiB; decoding would have taken 576 MB


def _tiff_with_huge_second_page() -> bytes:
    """A two-page TIFF whose second page's header says 20,000 x 20,000 (its data is a few bytes)."""
    buf = io.BytesIO()
    small = md.scan_image(["๑"], dpi=50, noise=False, size_mm=(30, 15))
    small.save(buf, "TIFF", save_all=True, append_images=[small])
    data = bytearray(buf.getvalue())
    first = struct.unpack_from("<I", data, 4)[0]
    second = struct.unpack_from("<I", data, first + 2 + 12 * struct.unpack_from("<H", data, first)[0])[0]
    for i in range(struct.unpack_from("<H", data, second)[0]):
        entry = second + 2 + 12 * i
        tag, kind = struct.unpack_from("<HH", data, entry)
        if tag in (256, 257):  # ImageWidth, ImageLength
            struct.pack_into("<H" if kind == 3 else "<I", data, entry + 8, 20_000)
    return bytes(data)


def test_a_huge_later_tiff_page_is_not_decoded() -> None:
    """Pillow checks pixel counts when a file is opened, not when it moves to page 2: the reader does."""
    ocr = find_ocr()
    if ocr is None:
        pytest.skip("no Tesseract with Thai: pages are only decoded for OCR")
    from checker.extract.documents import extract_image

    doc = extract_image(_tiff_with_huge_second_page(), "https://abt.go.th/scan.tif", ocr, DEFAULT_LIMITS)
    assert doc.page_count == 2 and doc.pages_read == 1
    assert "page 2: image of 20000x20000" in (doc.detail or "") and "decompression bomb cap" in (doc.detail or "")


# --------------------------------------------------------------------------------------------------
# DOCX / XLSX


def _office(kind: ResourceKind, raw: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A minimal DOCX or the workbook seed with the entries in `raw` (already deflated) put in."""
    base = bm.docx_parts() if kind is DOCX else bm.parts(xlsx_seeds()[0])
    return bm.zip_with({name: data for name, data in base.items() if name not in raw}, raw)


_PART = {DOCX: "word/document.xml", XLSX: "xl/worksheets/sheet1.xml"}


@pytest.mark.parametrize("kind", [DOCX, XLSX])
def test_zip_bomb_total_size(kind: ResourceKind) -> None:
    body = _office(kind, {_PART[kind]: (bm.raw_deflate(400), 400 * MiB, 0)})  # 400 KB -> 420 MB
    doc = assert_document(read_format(body, kind), kind)
    assert doc.unreadable_reason == "too_large"
    assert "zip bomb" in (doc.detail or "") and "> 100,000,000" in (doc.detail or "")


@pytest.mark.parametrize("kind", [DOCX, XLSX])
def test_zip_bomb_ratio(kind: ResourceKind) -> None:
    body = _office(kind, {_PART[kind]: (bm.raw_deflate(60), 60 * MiB, 0)})  # under the total, at 1,000:1
    doc = assert_document(read_format(body, kind), kind)
    assert doc.unreadable_reason == "too_large"
    assert f"> {MAX_ZIP_RATIO}:1" in (doc.detail or "") and _PART[kind] in (doc.detail or "")


def test_zip_bomb_entries_and_methods() -> None:
    many = bm.zip_with({**bm.docx_parts(b"<w:document/>"), **{f"x/{i}": b"" for i in range(MAX_ZIP_ENTRIES)}})
    doc = assert_document(read_format(many, DOCX), DOCX)
    assert doc.unreadable_reason == "too_large" and f"> {MAX_ZIP_ENTRIES:,}" in (doc.detail or "")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as z:  # bzip2 inflates a whole read before zipfile's size check
        for name, data in bm.docx_parts(b"<w:document/>").items():
            z.writestr(name, data)
    doc = assert_document(read_format(out.getvalue(), DOCX), DOCX)
    assert doc.unreadable_reason == "too_large" and "compression method 12" in (doc.detail or "")


def test_zip_entry_that_lies_about_its_size() -> None:
    """The central directory says 1,000 bytes, the data inflates to 50 MB: zipfile stops at 1,000, the CRC
    fails, the file is broken — and nothing near 50 MB was ever held."""
    started = time.perf_counter()
    doc = assert_document(read_format(_office(DOCX, {_PART[DOCX]: (bm.raw_deflate(50), 1000, 0)}), DOCX), DOCX)
    assert doc.unreadable_reason == "broken_file" and time.perf_counter() - started < 2


def test_zip_bomb_memory() -> None:
    got = _bomb_read(
        "bm.zip_with(bm.docx_parts(), {'word/document.xml': (bm.raw_deflate(2000), 2000 * bm.MiB, 0)})", "DOCX"
    )  # 2 MB that python-docx would inflate to 2 GB
    assert got["reason"] == "too_large" and "zip bomb" in str(got["detail"])
    assert float(got["rss_after"]) - float(got["rss_before"]) < 50 and float(got["seconds"]) < 2


def test_a_real_office_file_is_under_every_cap() -> None:
    paragraphs = [f"ประกาศองค์การบริหารส่วนตำบล ที่ {i}/2567 เรื่อง โครงการก่อสร้างถนน หมู่ที่ {i % 17}" for i in range(4000)]
    doc = assert_document(read_format(md.docx_doc(paragraphs), DOCX), DOCX)
    assert doc.readable and "ที่ 3999/2567" in doc.text


def _wide_rows(rows: int) -> bytes:
    """A workbook whose rows each end in column XFD: openpyxl pads every row to 16,384 cells."""
    cells = "".join(f'<row r="{i}"><c r="XFD{i}" t="n"><v>{i}</v></c></row>' for i in range(1, rows))
    sheet = f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>'
    return bm.zip_with({**bm.parts(xlsx_seeds()[0]), _PART[XLSX]: sheet.encode()})


def test_xlsx_rows_padded_to_16384_cells_stop_at_the_time_cap() -> None:
    """40,000 rows ending in column XFD (a 300 KB file) take openpyxl ~6 s; 400,000 would take a minute."""
    from checker.extract.office import extract_office

    body = _wide_rows(40_000)
    started = time.perf_counter()
    doc = extract_office(body, "https://abt.go.th/ita/file", XLSX, DocLimits(max_read_seconds=0.3))
    assert time.perf_counter() - started < 0.3 + 2
    assert doc.readable and "time cap of 0 s" in (doc.detail or "") and "| 2 |" in doc.text


# --------------------------------------------------------------------------------------------------
# PDF


def _content(mib: int) -> bytes:
    return bm.one_page_pdf(b"4 0 R", bm.stream(bm.zlib_bomb(mib)))


def test_pdf_deflate_bomb_memory() -> None:
    """One page whose content stream inflates to 1 GiB (a 1 MB file): refused before PDFium sees it."""
    got = _bomb_read("bm.one_page_pdf(b'4 0 R', bm.stream(bm.zlib_bomb(1024)))", "PDF")
    assert got["reason"] == "too_large" and "PDF bomb: streams inflate to more than 256,000,000" in str(got["detail"])
    assert float(got["rss_after"]) - float(got["rss_before"]) < 50 and float(got["seconds"]) < 5


def test_pdfium_alone_would_hold_the_bomb() -> None:
    """Why the check exists: PDFium reading a 300 MiB content stream (from a 300 KB file) holds it all."""
    got = bm.peak_rss(
        """
        import pypdfium2 as pdfium
        from tests.fuzz import bombmakers as bm
        body = bm.one_page_pdf(b"4 0 R", bm.stream(bm.zlib_bomb(300)))
        def run():
            pdf = pdfium.PdfDocument(body)
            pdf[0].get_textpage().get_text_range()
            return {}
        """
    )
    assert float(got["rss_after"]) - float(got["rss_before"]) > 300  # MiB, against < 50 through the reader


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (lambda: bm.one_page_pdf(b"[" + b" 4 0 R" * 200 + b"]", bm.stream(bm.zlib_bomb(10))), "streams inflate"),
        (
            lambda: bm.one_page_pdf(
                b"4 0 R",
                bm.stream(b"q /Fm0 Do Q\n" * 100, flate=False),
                bm.stream(bm.zlib_bomb(10), b"/Type /XObject /Subtype /Form /BBox [0 0 9 9]"),
                resources=b"/XObject << /Fm0 5 0 R >>",
            ),
            "streams inflate",
        ),
        (
            lambda: bm.one_page_pdf(b"4 0 R", bm.stream(zlib.compress(bm.zlib_bomb(1024)), b"/Filter [/FlateDecode]")),
            "streams inflate",
        ),  # two Flate layers: 1 MB -> 1 MB -> 1 GiB
        (lambda: _content(40), "one page's content inflates to 41,943,040 bytes > 32,000,000"),
        (lambda: bm.one_page_pdf(b"[4 0 R 5 0 R 6 0 R]", *[bm.stream(bm.zlib_bomb(12))] * 3), "one page's content"),
    ],
    ids=["one-stream-listed-200-times", "a-form-drawn-100-times", "flate-in-flate", "one-page-40-MiB", "three-streams"],
)
def test_pdf_bombs_are_too_large(body: object, why: str) -> None:
    started = time.perf_counter()
    doc = assert_document(read_format(body(), PDF), PDF)  # type: ignore[operator]
    assert doc.unreadable_reason == "too_large" and why in (doc.detail or "")
    assert time.perf_counter() - started < 5


def test_pdf_under_the_caps_is_read() -> None:
    doc = assert_document(read_format(_content(20), PDF), PDF)  # 20 MiB of spaces: an empty page, read
    assert doc.unreadable_reason == "empty_document" and doc.pages_read == 1


def test_pdf_streams_without_endstream() -> None:
    """4,000 streams whose /Length is wrong and that have no endstream: PDFium would search the rest of the
    file for each (20,000 in 1 MB took it 32 s); the reader refuses them in milliseconds."""
    junk = b"4 0 obj\n<< /Length 60 >>\nstream\nabc\n<< /A 1 >>\nendobj\n" * 4000
    started = time.perf_counter()
    doc = assert_document(read_format(bm.one_page_pdf(b"4 0 R", b"<< >>")[:-6] + junk + b"%%EOF\n", PDF), PDF)
    assert doc.unreadable_reason == "broken_file" and "without their endstream" in (doc.detail or "")
    assert time.perf_counter() - started < 1


def test_pdf_text_pages_and_time_are_capped() -> None:
    from checker.extract.pdf import extract_pdf

    pdf, url = md.long_pdf(5), "https://abt.go.th/ita/file"
    whole = extract_pdf(pdf, url, None, DEFAULT_LIMITS)
    n = whole.page_count
    assert whole.pages_read == n > 2 and len(whole.text) > 5000
    cut = extract_pdf(pdf, url, None, DocLimits(max_chars=500))
    assert len(cut.text) <= 500 and "text cut at 500 characters" in (cut.detail or "")
    pages = extract_pdf(pdf, url, None, DocLimits(max_pages=2))
    assert pages.pages_read == 2 and f"read 2 of {n} pages" in (pages.detail or "")
    timed = extract_pdf(pdf, url, None, DocLimits(max_read_seconds=0))
    assert timed.pages_read == 1 and f"read 1 of {n} pages: time cap of 0 s" in (timed.detail or "")


def test_sitemap_gzip_bomb() -> None:
    """A .xml.gz whose first URL is followed by 1 GiB of spaces: inflated up to sitemap.MAX_INFLATED (50 MB),
    read textually, the URL kept."""
    got = bm.peak_rss(
        """
        import zlib
        from checker.extract.sitemap import parse_sitemap
        from tests.fuzz import bombmakers as bm
        c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        head = c.compress(b"<?xml version='1.0'?><urlset><url><loc>https://abt.go.th/ita</loc></url>")
        blocks = head + c.flush(zlib.Z_FULL_FLUSH) + bm.raw_deflate(1024)
        body = b"\\x1f\\x8b\\x08\\x00\\x00\\x00\\x00\\x00\\x02\\xff" + blocks + bytes(8)
        def run():
            pages, nested = parse_sitemap(body)
            return dict(pages=pages, nested=nested, size=len(body))
        """
    )
    assert (got["pages"], got["nested"]) == (["https://abt.go.th/ita"], [])
    assert float(got["rss_after"]) - float(got["rss_before"]) < 200 and float(got["seconds"]) < 5


# --------------------------------------------------------------------------------------------------
# HTTP: a gzip (or deflate) Content-Encoding bomb

FETCH = """
import asyncio
from checker.crawl.fetcher import HttpxFetcher
def run():
    async def go():
        fetcher = HttpxFetcher()
        try:
            return await fetcher.fetch({url!r}, {cap})
        finally:
            await fetcher.aclose()
    r = asyncio.run(go())
    return dict(status=r.status, size=len(r.body), cut=r.cut, truncated=r.truncated, error=r.error)
"""


@pytest.mark.parametrize(("encoding", "bomb"), [("gzip", bm.gzip_bomb), ("deflate", bm.zlib_bomb)])
def test_http_content_encoding_bomb(tmp_path: Path, encoding: str, bomb: object) -> None:
    """1 MB on the wire, 1 GiB decoded: the fetcher returns the page cap's 5 MB, cut for size, inflating it
    itself in steps (httpx would inflate a whole network read: 64 KB -> 64 MB), so its memory stays within
    twice the cap (the buffer and the body returned) and a few MiB."""
    cap = 5_000_000
    body = bomb(1024, b"\0")  # type: ignore[operator]
    route = {"/bomb.html": {"body": body, "headers": {"Content-Encoding": encoding, "Content-Type": "text/html"}}}
    with serve_site(tmp_path, route) as (base, handler):
        got = bm.peak_rss(FETCH.format(url=base + "bomb.html", cap=cap))
        assert handler.hits["/bomb.html"] == 1
    assert (got["status"], got["size"], got["cut"], got["truncated"], got["error"]) == (200, cap, "size", True, None)
    assert float(got["rss_after"]) - float(got["rss_before"]) < 2 * cap / MiB + 16  # MiB; measured: 12.7
    assert float(got["seconds"]) < 10
