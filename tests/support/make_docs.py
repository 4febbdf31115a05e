"""Test documents made from known Thai text: PDFs (text, multi-page, scanned, spaced-out, encrypted,
broken), PNG/JPEG scans, DOCX, XLSX and a cp874 CSV.

Generated rather than checked in so every test knows exactly which sentence is on which page, and so the
bench can make inputs of any size.  Needs fpdf2, pypdf, python-docx, openpyxl, Pillow and a Thai TrueType
font (fonts-thai-tlwg: Garuda).
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/opentype/tlwg/Garuda.otf",
)

CREATED = datetime(2024, 3, 15, 9, 30, tzinfo=UTC)
MODIFIED = datetime(2024, 4, 2, 14, 0, tzinfo=UTC)

# One sentence per page; the second has Thai digits, which normalise turns into 2567.
PAGES = (
    "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2567 องค์การบริหารส่วนตำบลบ้านใหม่",
    "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ของหน่วยงาน",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
)
PAGES_NORMALISED = (PAGES[0], PAGES[1].replace("๒๕๖๗", "2567"), PAGES[2])

# What the scans say.  OCR tests look for robust keywords, not whole lines.
SCAN_LINES = (
    "รายงานผลการใช้จ่ายงบประมาณ ประจำปี 2567",
    "องค์การบริหารส่วนตำบลบ้านใหม่ อำเภอเมือง",
    "สรุปผลการดำเนินงานรอบ 6 เดือน",
)
SCAN_KEYWORDS = ("รายงาน", "งบประมาณ", "2567", "องค์การบริหารส่วนตำบล")


def font_path() -> str | None:
    """The first Thai font installed, or None (tests that need one skip)."""
    return next((p for p in FONT_CANDIDATES if Path(p).exists()), None)


def _font() -> str:
    path = font_path()
    if path is None:
        raise RuntimeError("no Thai font: install fonts-thai-tlwg")
    return path


def _fpdf(size: float = 14) -> FPDF:
    pdf = FPDF()
    pdf.add_font("Thai", fname=_font())
    pdf.set_font("Thai", size=size)
    pdf.set_creation_date(CREATED)
    return pdf


def _set_dates(data: bytes, created: datetime | None, modified: datetime | None, title: str = "") -> bytes:
    """fpdf2 writes only /CreationDate; pypdf adds /ModDate (and a title) the way Office exporters do."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    meta: dict[str, str] = {}
    if created:
        meta["/CreationDate"] = created.strftime("D:%Y%m%d%H%M%S+07'00'")
    if modified:
        meta["/ModDate"] = modified.strftime("D:%Y%m%d%H%M%S+07'00'")
    if title:
        meta["/Title"] = title
    writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(
    pages: Sequence[str] = PAGES,
    *,
    created: datetime | None = CREATED,
    modified: datetime | None = MODIFIED,
    title: str = "รายงานประจำปี 2567",
    repeat: int = 1,
) -> bytes:
    """A PDF with a Thai text layer, one entry of `pages` per page (each written `repeat` times)."""
    pdf = _fpdf()
    for text in pages:
        pdf.add_page()
        for _ in range(repeat):
            pdf.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
    return _set_dates(bytes(pdf.output()), created, modified, title)


def long_pdf(pages: int, repeat: int = 25) -> bytes:
    """A many-page text PDF (for caps and the bench): page n starts with 'หน้าที่ n'."""
    texts = [f"หน้าที่ {n} " + PAGES[n % len(PAGES)] for n in range(1, pages + 1)]
    return text_pdf(texts, repeat=repeat)


def _clusters(text: str) -> list[str]:
    """A base character with its combining marks: the unit a PDF producer places as one glyph run."""
    out: list[str] = []
    for ch in text:
        if out and (ch == "\u0e31" or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def damaged_text_pdf() -> bytes:
    """Page 1: letters placed one by one with gaps (extracts as 'ก า ร ...'); page 2: decomposed sara am
    (nikhahit + sara aa, as old Thai fonts and Word exports write it)."""
    pdf = _fpdf()
    pdf.add_page()
    x = 15.0
    for cluster in _clusters("การประชุมสภาองค์การบริหารส่วนตำบล"):
        pdf.text(x, 30, cluster)
        x += pdf.get_string_width(cluster) + 1.6
    pdf.add_page()
    pdf.multi_cell(0, 9, "การกํากับติดตามการดําเนินงานประจําปี", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scan_image(
    lines: Sequence[str] = SCAN_LINES, *, dpi: int = 300, noise: bool = True, size_mm: tuple[int, int] = (180, 90)
) -> Image.Image:
    """Black Thai text on white at `dpi`, with a little blur, tilt and speckle like a cheap office scanner."""
    w, h = (round(mm / 25.4 * dpi) for mm in size_mm)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(_font(), round(16 / 72 * dpi))  # 16 pt
    y = round(0.12 * h)
    for line in lines:
        draw.text((round(0.06 * w), y), line, font=font, fill=0)
        y += round(16 / 72 * dpi * 1.9)
    if noise:
        rnd = random.Random(2567)
        img = img.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=255)
        img = img.filter(ImageFilter.GaussianBlur(0.8))
        px = img.load()
        assert px is not None
        for _ in range(w * h // 400):
            px[rnd.randrange(w), rnd.randrange(h)] = rnd.choice((0, 90, 255))
    return img


def image_bytes(img: Image.Image, fmt: str = "PNG", **params: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **params)
    return buf.getvalue()


def scanned_pdf(pages: Sequence[Sequence[str]] = (SCAN_LINES,), *, dpi: int = 200) -> bytes:
    """A PDF whose pages are only images (no text layer), like a photocopier's 'Scan2023-10-16.pdf'."""
    pdf = FPDF(unit="mm", format=(180, 90))
    pdf.set_creation_date(CREATED)
    for lines in pages:
        pdf.add_page()
        jpeg = image_bytes(scan_image(lines, dpi=dpi), "JPEG", quality=80)
        pdf.image(io.BytesIO(jpeg), x=0, y=0, w=180, h=90)
    return bytes(pdf.output())


def mixed_pdf() -> bytes:
    """Page 1 has a text layer, page 2 is a scan: page_starts must still map each to its page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (text_pdf(PAGES[:1]), scanned_pdf()):
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """A text PDF encrypted with pypdf; with user_password="" it opens without one (owner password only)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner-2567")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken_pdf() -> bytes:
    """The first half of a text PDF, as a download cut off mid-way leaves it."""
    data = text_pdf()
    return data[: len(data) // 2]


def docx_file(paragraphs: Sequence[str] = PAGES, repeat: int = 1) -> bytes:
    """Heading, paragraphs and a table, with core-properties dates and a title."""
    import docx

    document = docx.Document()
    document.add_heading("ประกาศองค์การบริหารส่วนตำบลบ้านใหม่", level=1)
    for _ in range(repeat):
        for text in paragraphs:
            document.add_paragraph(text)
    table = document.add_table(rows=2, cols=3)
    rows = (("ลำดับ", "โครงการ", "งบประมาณ"), ("1", "ก่อสร้างถนนคอนกรีต", "250,000"))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    props = document.core_properties
    props.title = "ประกาศ 2567"
    props.created = CREATED.replace(tzinfo=None)
    props.modified = MODIFIED.replace(tzinfo=None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_file(rows: int = 3) -> bytes:
    """Two sheets: a procurement plan (numbers, a date) and a summary; created/modified set."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "แผนจัดซื้อ 2567"
    ws.append(["ลำดับ", "รายการ", "วงเงิน", "วันที่"])
    for i in range(1, rows + 1):
        ws.append([i, f"จัดซื้อวัสดุสำนักงาน รายการที่ {i}", 150000.0, datetime(2023, 10, 1)])
    summary = wb.create_sheet("สรุป")
    summary.append(["รวมงบประมาณทั้งสิ้น", 150000 * rows])
    wb.properties.title = "แผนจัดซื้อจัดจ้าง"
    wb.properties.created = CREATED.replace(tzinfo=None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_cp874() -> bytes:
    """A CSV as Thai Excel saves it: Windows-874, no BOM, a quoted field with a comma."""
    text = 'ลำดับ,รายการ,งบประมาณ\r\n1,"จัดซื้อวัสดุสำนักงาน, กองคลัง",50000\r\n2,ซ่อมแซมถนนลูกรัง,120000\r\n'
    return text.encode("cp874")


# --------------------------------------------------------------------------------------------------
# Documents for the labelled fixture sites (tests/support/docsites.py).  Unlike the helpers above, these
# write exactly the title and dates they are given and nothing else (no default creation date), so a spec
# can say "this file carries no date at all" or "this file was created in March 2024".


def _pdf_with_info(data: bytes, *, title: str = "", created: datetime | None = None,
                   modified: datetime | None = None) -> bytes:  # fmt: skip
    """Copy the pages of `data` into a fresh PDF whose /Info holds only the given title and dates."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(data)))
    meta: dict[str, str] = {}
    if created:
        meta["/CreationDate"] = created.strftime("D:%Y%m%d%H%M%S+07'00'")
    if modified:
        meta["/ModDate"] = modified.strftime("D:%Y%m%d%H%M%S+07'00'")
    if title:
        meta["/Title"] = title
    if meta:
        writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def thai_pdf(
    pages: Sequence[str],
    *,
    title: str = "",
    created: datetime | None = None,
    modified: datetime | None = None,
    size: float = 14,
) -> bytes:
    """A text PDF, one entry of `pages` per page ("\\n" starts a new line), with only the metadata given."""
    pdf = _fpdf(size)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
    return _pdf_with_info(bytes(pdf.output()), title=title, created=created, modified=modified)


def wrap_lines(lines: Sequence[str], width_px: float, font: ImageFont.FreeTypeFont) -> list[str]:
    """Break lines at spaces so that each fits `width_px` (Thai has no word spaces: write phrases apart)."""
    out: list[str] = []
    for line in lines:
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and font.getlength(candidate) > width_px:
                out.append(current)
                current = word
            else:
                current = candidate
        out.append(current)
    return out


def scan_page(lines: Sequence[str], *, dpi: int = 300, noise: bool = True, width_mm: int = 180) -> Image.Image:
    """A scanned page (see scan_image) as tall as its lines need, long lines wrapped to the page width."""
    font = ImageFont.truetype(_font(), round(16 / 72 * dpi))
    usable = width_mm / 25.4 * dpi * 0.86
    wrapped = wrap_lines(lines, usable, font)
    height_mm = max(90, round(len(wrapped) * 16 / 72 * 25.4 * 1.9 / 0.8) + 10)
    return scan_image(wrapped, dpi=dpi, noise=noise, size_mm=(width_mm, height_mm))


def scan_file(lines: Sequence[str], fmt: str = "PNG", *, created: datetime | None = None) -> bytes:
    """A PNG or JPEG scan of `lines`; a JPEG may carry an EXIF DateTimeOriginal (`created`)."""
    img = scan_page(lines)
    if fmt.upper() in ("JPEG", "JPG"):
        params: dict[str, object] = {"quality": 85}
        if created:
            exif = Image.Exif()
            stamp = created.strftime("%Y:%m:%d %H:%M:%S")
            exif[0x0132] = stamp  # DateTime
            exif.get_ifd(0x8769)[0x9003] = stamp  # DateTimeOriginal
            params["exif"] = exif.tobytes()
        return image_bytes(img, "JPEG", **params)
    return image_bytes(img, "PNG")


def scanned_pages_pdf(
    pages: Sequence[Sequence[str]], *, title: str = "", created: datetime | None = None, dpi: int = 200
) -> bytes:
    """An image-only PDF, one scanned page (lines) per entry, each page as tall as its text needs."""
    pdf = FPDF(unit="mm")
    for lines in pages:
        img = scan_page(lines, dpi=dpi)
        w_mm, h_mm = (px / dpi * 25.4 for px in img.size)
        pdf.add_page(format=(w_mm, h_mm))
        pdf.image(io.BytesIO(image_bytes(img, "JPEG", quality=80)), x=0, y=0, w=w_mm, h=h_mm)
    return _pdf_with_info(bytes(pdf.output()), title=title, created=created)


def encrypt_pdf(data: bytes, user_password: str = "secret") -> bytes:
    """`data` encrypted with pypdf; with user_password="" anyone can open it (an owner password only)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-2567")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncate(data: bytes, keep: float = 0.5) -> bytes:
    """The first `keep` of a file, as a download cut off mid-way leaves it."""
    return data[: max(1, int(len(data) * keep))]


def docx_doc(
    paragraphs: Sequence[str],
    *,
    heading: str = "",
    table: Sequence[Sequence[str]] = (),
    title: str = "",
    created: datetime | None = None,
    modified: datetime | None = None,
) -> bytes:
    """A DOCX: optional heading, the paragraphs, an optional table; core properties only as given."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = str(text)
    props = document.core_properties
    props.title = title
    # python-docx's template carries its own dates (2013); a spec without dates must not inherit them.
    for child in list(props._element):
        if child.tag.rsplit("}", 1)[-1] in ("created", "modified", "lastPrinted"):
            props._element.remove(child)
    if created:
        props.created = created.replace(tzinfo=None)
    if modified:
        props.modified = modified.replace(tzinfo=None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_doc(
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    title: str = "",
    created: datetime | None = None,
    modified: datetime | None = None,
) -> bytes:
    """A workbook, one sheet per entry (name -> rows of cells), with only the given title and dates."""
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name[:31])
        for row in rows:
            ws.append(list(row))
    wb.properties.title = title or None
    if created:
        wb.properties.created = created.replace(tzinfo=None)
    if modified:
        wb.properties.modified = modified.replace(tzinfo=None)
    out = io.BytesIO()
    wb.save(out)
    # openpyxl stamps "now" into the dates it was not given; a spec without dates must mean none.
    drop = [tag for tag, value in (("created", created), ("modified", modified)) if not value]
    return _drop_core_dates(out.getvalue(), drop) if drop else out.getvalue()


def _drop_core_dates(data: bytes, tags: Sequence[str]) -> bytes:
    """Remove dcterms:<tag> elements from an OOXML package's docProps/core.xml."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                for tag in tags:
                    text = re.sub(rf"<dcterms:{tag}\b[^>]*?(?:/>|>.*?</dcterms:{tag}>)", "", text, flags=re.S)
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def csv_doc(rows: Sequence[Sequence[object]], encoding: str = "cp874") -> bytes:
    """A CSV (CRLF, minimal quoting) in `encoding`: cp874 as Thai Excel saves it, or utf-8 / utf-8-sig."""
    import csv

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)
