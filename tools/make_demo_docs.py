#!/usr/bin/env python3
"""Generate the binary files of the bundled demo site (checker/demo/site/).

Writes the documents under site/files/ (PDF, DOCX, XLSX, JPG, PNG) and the small pictures under site/img/
(logo, social icons, executives' photos, activity photos). The HTML pages themselves are plain static files
kept in the repository; this script only makes the files that are awkward to keep by hand.

Everything here is fictional: เทศบาลตำบลบ้านสวนดอก does not exist, nor do the people named.

Requirements: fpdf2 (PDF) and the Thai TTF font Garuda (fonts-tlwg-garuda). Pillow is used for the
images when installed (with a tiny hand-made JPEG as a fallback); python-docx / openpyxl are used when
installed, otherwise the DOCX/XLSX files are built by hand as minimal OOXML zips.

Usage:  python tools/make_demo_docs.py [--site checker/demo/site]
Each output is kept below 200 KB.  Output is deterministic (fixed seeds, fixed zip timestamps).
"""

from __future__ import annotations

import argparse
import io
import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from fpdf import FPDF

FONT = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf")
ORG = "เทศบาลตำบลบ้านสวนดอก"
ADDRESS = "เลขที่ 99 หมู่ที่ 3 ตำบลบ้านสวนดอก อำเภอเมืองลำพูน จังหวัดลำพูน 51000"
MAX_BYTES = 200_000

try:  # optional
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    HAVE_PIL = True
except ImportError:  # pragma: no cover - fallback path
    HAVE_PIL = False

try:
    import uharfbuzz  # noqa: F401

    HAVE_HARFBUZZ = True
except ImportError:
    HAVE_HARFBUZZ = False


# ----------------------------------------------------------------------------------------------- PDF


class ThaiPDF(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font("Garuda", "", str(FONT))
        self.add_font("Garuda", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT))
        if HAVE_HARFBUZZ:
            self.set_text_shaping(True)
        self.set_title(title)
        self.set_author(ORG)
        self.set_creator("make_demo_docs.py")
        self.set_creation_date(__import__("datetime").datetime(2024, 4, 1, 9, 0, 0))
        self.set_auto_page_break(True, margin=18)
        self.set_margins(20, 18, 20)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("Garuda", "", 8)
        self.cell(0, 6, f"{ORG}  หน้า {self.page_no()}", align="C")


def _pdf_write(pdf: ThaiPDF, blocks: list[tuple[str, object]]) -> None:
    """blocks: ("h", text) heading, ("p", text) paragraph, ("li", [items]), ("table", (widths, rows))."""
    for kind, value in blocks:
        if kind == "title":
            pdf.set_font("Garuda", "B", 15)
            pdf.multi_cell(0, 8, str(value), align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "center":
            pdf.set_font("Garuda", "", 11)
            pdf.multi_cell(0, 6.5, str(value), align="C", new_x="LMARGIN", new_y="NEXT")
        elif kind == "h":
            pdf.ln(2)
            pdf.set_font("Garuda", "B", 12)
            pdf.multi_cell(0, 7, str(value), new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.set_font("Garuda", "", 10.5)
            pdf.multi_cell(0, 6.2, str(value), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "li":
            pdf.set_font("Garuda", "", 10.5)
            for i, item in enumerate(value, 1):  # type: ignore[arg-type]
                pdf.multi_cell(0, 6.2, f"   {i}. {item}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "table":
            widths, rows = value  # type: ignore[misc]
            pdf.set_font("Garuda", "", 9)
            with pdf.table(col_widths=widths, line_height=5.5, text_align="LEFT") as table:
                for r, row in enumerate(rows):
                    trow = table.row()
                    for cell in row:
                        trow.cell(str(cell))
                    del r
            pdf.ln(2)
        elif kind == "sign":
            pdf.ln(6)
            pdf.set_font("Garuda", "", 10.5)
            for line in str(value).split("\n"):
                pdf.cell(0, 6.2, line, align="R", new_x="LMARGIN", new_y="NEXT")


def make_pdf(path: Path, title: str, blocks: list[tuple[str, object]]) -> None:
    pdf = ThaiPDF(title)
    pdf.add_page()
    _pdf_write(pdf, blocks)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


# ----------------------------------------------------------------------------------------------- OOXML


ZIP_DATE = (2024, 3, 20, 10, 0, 0)


def _zip(path: Path, members: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def make_docx(path: Path, paragraphs: list[tuple[str, str]]) -> None:
    """paragraphs: (style, text) with style 'title', 'h' or 'p'. python-docx if installed, else by hand."""
    try:
        import docx  # type: ignore[import-not-found]
    except ImportError:
        docx = None
    if docx is not None:
        d = docx.Document()
        for style, text in paragraphs:
            if style == "title":
                d.add_heading(text, level=0)
            elif style == "h":
                d.add_heading(text, level=1)
            else:
                d.add_paragraph(text)
        d.core_properties.title = paragraphs[0][1]
        d.core_properties.author = ORG
        path.parent.mkdir(parents=True, exist_ok=True)
        d.save(str(path))
        return

    def para(style: str, text: str) -> str:
        size = {"title": 36, "h": 32}.get(style, 30)
        bold = "<w:b/><w:bCs/>" if style in ("title", "h") else ""
        jc = '<w:jc w:val="center"/>' if style == "title" else ""
        font = '<w:rFonts w:ascii="TH SarabunPSK" w:hAnsi="TH SarabunPSK" w:cs="TH SarabunPSK"/>'
        return (
            f'<w:p><w:pPr>{jc}</w:pPr><w:r><w:rPr>{font}{bold}<w:sz w:val="{size}"/>'
            f'<w:szCs w:val="{size}"/><w:lang w:bidi="th-TH"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        )

    body = "".join(para(s, t) for s, t in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" '
        'w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(paragraphs[0][1])}</dc:title><dc:creator>{escape(ORG)}</dc:creator>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-20T10:00:00Z</dcterms:created>'
        "</cp:coreProperties>"
    )
    _zip(
        path,
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.document.main+xml"/>'
                '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
                'package.core-properties+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="word/document.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                'metadata/core-properties" Target="docProps/core.xml"/>'
                "</Relationships>"
            ),
            "word/document.xml": document,
            "docProps/core.xml": core,
        },
    )


def _col(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def make_xlsx(path: Path, sheet_name: str, rows: list[list[object]]) -> None:
    """One sheet of strings and numbers. openpyxl if installed, else a minimal hand-built workbook."""
    try:
        import openpyxl  # type: ignore[import-not-found]
    except ImportError:
        openpyxl = None
    if openpyxl is not None:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheet_name
        for row in rows:
            ws.append(row)
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(str(path))
        return

    xml_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_col(c)}{r}"
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif value is None or value == "":
                continue
            else:
                inline = f'<is><t xml:space="preserve">{escape(str(value))}</t></is>'
                cells.append(f'<c r="{ref}" t="inlineStr">{inline}</c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(xml_rows)}</sheetData></worksheet>"
    )
    _zip(
        path,
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.worksheet+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>"
            ),
            "xl/workbook.xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                "</Relationships>"
            ),
            "xl/worksheets/sheet1.xml": sheet,
        },
    )


# ----------------------------------------------------------------------------------------------- images

# A valid 8x8 grey baseline JPEG, used only when Pillow is missing.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f"
    "141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080008000801011100"
    "ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000"
    "017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a"
    "3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a9293949596"
    "9798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2"
    "f3f4f5f6f7f8f9faffda0008010100003f00fbfcffd9"
)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold and FONT_BOLD.exists() else FONT), size)


def _save_jpeg(img: Image.Image, path: Path, quality: int = 70) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, optimize=True)


def make_org_chart(path: Path) -> None:
    if not HAVE_PIL:
        path.write_bytes(TINY_JPEG)
        return
    w, h = 1000, 620
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.text((w // 2, 30), f"แผนผังโครงสร้างการแบ่งส่วนราชการ {ORG}", font=_font(28, True), fill="#1d3b6f", anchor="mm")

    def box(cx: int, cy: int, bw: int, bh: int, lines: list[str], fill: str) -> None:
        d.rectangle((cx - bw // 2, cy - bh // 2, cx + bw // 2, cy + bh // 2), fill=fill, outline="#1d3b6f", width=2)
        for i, line in enumerate(lines):
            d.text((cx, cy - (len(lines) - 1) * 12 + i * 24), line, font=_font(17), fill="black", anchor="mm")

    box(w // 2, 100, 320, 60, ["นายกเทศมนตรีตำบลบ้านสวนดอก", "รองนายกฯ / เลขานุการ / ที่ปรึกษา"], "#fde9b0")
    d.line((w // 2, 130, w // 2, 175), fill="#1d3b6f", width=2)
    box(w // 2, 200, 400, 50, ["ปลัดเทศบาล (นักบริหารงานท้องถิ่น ระดับกลาง)"], "#d7e8fb")
    d.line((w // 2, 225, w // 2, 265), fill="#1d3b6f", width=2)
    box(w // 2, 290, 220, 44, ["รองปลัดเทศบาล"], "#d7e8fb")
    d.line((w // 2, 312, w // 2, 360), fill="#1d3b6f", width=2)
    units = [
        ["สำนักปลัดเทศบาล", "ฝ่ายอำนวยการ", "ฝ่ายปกครอง"],
        ["กองคลัง", "ฝ่ายบริหารงานคลัง", "ฝ่ายพัฒนารายได้"],
        ["กองช่าง", "ฝ่ายแบบแผน", "และก่อสร้าง"],
        ["กองการศึกษา", "ฝ่ายบริหารการศึกษา", "ศูนย์พัฒนาเด็กเล็ก"],
        ["กองสาธารณสุข", "และสิ่งแวดล้อม", "ฝ่ายบริการสาธารณสุข"],
    ]
    xs = [110, 305, 500, 695, 890]
    d.line((xs[0], 360, xs[-1], 360), fill="#1d3b6f", width=2)
    for x, lines in zip(xs, units, strict=True):
        d.line((x, 360, x, 400), fill="#1d3b6f", width=2)
        box(x, 450, 180, 100, lines, "#e3f4e1")
    box(890, 290, 170, 44, ["หน่วยตรวจสอบภายใน"], "#f3e1f4")
    d.line((w // 2, 245, 890, 245), fill="#1d3b6f", width=2)
    d.line((890, 245, 890, 268), fill="#1d3b6f", width=2)
    d.text(
        (w // 2, 580),
        "ที่มา: ประกาศคณะกรรมการพนักงานเทศบาลจังหวัดลำพูน เรื่อง โครงสร้างส่วนราชการ",
        font=_font(16),
        fill="#555555",
        anchor="mm",
    )
    _save_jpeg(img, path, quality=72)


def make_photo(path: Path, seed: int, label: str = "") -> None:
    """A stylised portrait (head and shoulders) on a coloured background."""
    if not HAVE_PIL:
        path.write_bytes(TINY_JPEG)
        return
    rnd = random.Random(seed)
    bg = (rnd.randint(150, 220), rnd.randint(170, 230), rnd.randint(190, 240))
    img = Image.new("RGB", (150, 190), bg)
    d = ImageDraw.Draw(img)
    suit = (rnd.randint(20, 70), rnd.randint(30, 70), rnd.randint(60, 110))
    d.ellipse((20, 120, 130, 240), fill=suit)
    d.polygon([(65, 125), (85, 125), (75, 160)], fill="white")
    d.ellipse((45, 35, 105, 115), fill=(233, 196, 160))
    d.pieslice((43, 28, 107, 90), 180, 360, fill=(35, 30, 28))
    if label:
        d.text((75, 180), label, font=_font(11), fill="black", anchor="mm")
    _save_jpeg(img.filter(ImageFilter.SMOOTH), path, quality=75)


def make_activity_photo(path: Path, seed: int, caption: str) -> None:
    if not HAVE_PIL:
        path.write_bytes(TINY_JPEG)
        return
    rnd = random.Random(seed)
    img = Image.new("RGB", (480, 300), (225, 232, 240))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 190, 480, 300), fill=(170, 140, 110))
    d.rectangle((40, 30, 440, 120), fill=(30, 90, 160))
    d.text((240, 75), caption, font=_font(20, True), fill="white", anchor="mm")
    for _ in range(14):
        x = rnd.randint(20, 460)
        y = rnd.randint(175, 230)
        c = (rnd.randint(20, 200), rnd.randint(20, 200), rnd.randint(20, 200))
        d.ellipse((x - 9, y - 40, x + 9, y - 22), fill=(230, 195, 160))
        d.rectangle((x - 13, y - 22, x + 13, y + 25), fill=c)
    _save_jpeg(img.filter(ImageFilter.SMOOTH), path, quality=70)


def make_png_icon(path: Path, color: str, letter: str, size: int = 32) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not HAVE_PIL:
        path.write_bytes(TINY_JPEG)  # browsers sniff it; only used without Pillow
        return
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=color)
    d.text((size // 2, size // 2 + 1), letter, font=_font(int(size * 0.6), True), fill="white", anchor="mm")
    img.save(path, "PNG", optimize=True)


def make_logo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not HAVE_PIL:
        path.write_bytes(TINY_JPEG)
        return
    img = Image.new("RGBA", (128, 128), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((2, 2, 125, 125), fill="#f4c542", outline="#7a4b00", width=4)
    d.ellipse((18, 18, 109, 109), fill="#2f7d32")
    for i in range(8):  # a stylised flower (สวนดอก)
        import math

        a = i * math.pi / 4
        cx, cy = 64 + 24 * math.cos(a), 64 + 24 * math.sin(a)
        d.ellipse((cx - 11, cy - 11, cx + 11, cy + 11), fill="#f8d7e8")
    d.ellipse((52, 52, 76, 76), fill="#f4c542")
    img.save(path, "PNG", optimize=True)


def make_qr(path: Path, seed: int = 2567) -> None:
    """A QR-code-like picture (finder patterns + random modules) pointing visitors to the EIT survey."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not HAVE_PIL:
        path.write_bytes(TINY_JPEG)
        return
    n, px, quiet = 29, 6, 4
    rnd = random.Random(seed)
    grid = [[rnd.random() < 0.5 for _ in range(n)] for _ in range(n)]
    for ox, oy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for y in range(-1, 8):
            for x in range(-1, 8):
                gx, gy = ox + x, oy + y
                if 0 <= gx < n and 0 <= gy < n:
                    ring = max(abs(x - 3), abs(y - 3))
                    grid[gy][gx] = ring in (0, 1, 3) and 0 <= x <= 6 and 0 <= y <= 6
    size = (n + 2 * quiet) * px
    img = Image.new("1", (size, size), 1)
    d = ImageDraw.Draw(img)
    for y in range(n):
        for x in range(n):
            if grid[y][x]:
                x0, y0 = (x + quiet) * px, (y + quiet) * px
                d.rectangle((x0, y0, x0 + px - 1, y0 + px - 1), fill=0)
    img.save(path, "PNG", optimize=True)


def make_scan_pdf(path: Path, title: str, lines: list[str]) -> None:
    """A 'scanned' signed announcement: one greyscale page image, no text layer (as real scans are)."""
    if not HAVE_PIL:
        make_pdf(path, title, [("title", title)] + [("p", line) for line in lines])
        return
    w, h = 827, 1169  # A4 at 100 dpi
    page = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(page)
    # Garuda emblem placeholder
    d.ellipse((w // 2 - 38, 50, w // 2 + 38, 126), outline=40, width=3)
    d.text((w // 2, 88), "ครุฑ", font=_font(18), fill=40, anchor="mm")
    y = 160
    body_font = _font(19)
    rnd = random.Random(7)
    for line in lines:
        if line.startswith("##"):
            d.text((w // 2, y), line[2:].strip(), font=_font(22, True), fill=25, anchor="mm")
            y += 40
        elif line.startswith(">>"):
            d.text((w - 90, y), line[2:].strip(), font=body_font, fill=30, anchor="rm")
            y += 34
        elif line == "~~":  # the signature, a scribble above the name
            xs = range(w - 330, w - 130, 8)
            d.line([(x, y + rnd.randint(-14, 14)) for x in xs], fill=60, width=2)
            y += 40
        elif line == "":
            y += 18
        else:  # wrap on spaces by pixel width
            words, cur = line.split(" "), ""
            for word in words:
                trial = f"{cur} {word}".strip()
                if cur and d.textlength(trial, font=body_font) > w - 180:
                    d.text((90, y), cur, font=body_font, fill=30)
                    y += 34
                    cur = word
                else:
                    cur = trial
            if cur:
                d.text((90, y), cur, font=body_font, fill=30)
                y += 34
    # scanner artefacts: slight rotation, noise, blur
    page = page.rotate(0.6, resample=Image.BICUBIC, fillcolor=235)
    noise = Image.effect_noise((w, h), 18).point(lambda v: 0 if v < 60 else 255)
    page = Image.composite(page, Image.new("L", (w, h), 200), noise.convert("L"))
    page = page.filter(ImageFilter.GaussianBlur(0.5))
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=38, optimize=True)
    buf.seek(0)
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creator("Canon iR-ADV C3520 (scan)")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 4, 16, 10, 59, 45))
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210, h=297)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


# ----------------------------------------------------------------------------------------------- content


def build(site: Path) -> list[Path]:
    files = site / "files"
    img = site / "img"
    out: list[Path] = []

    def done(p: Path) -> None:
        out.append(p)

    # O1 organisation chart (image)
    p = files / "org-chart-2567.jpg"
    make_org_chart(p)
    done(p)

    # O4 (outdated on purpose): the old four-year local development plan only
    p = files / "plan-dev-2561-2565.pdf"
    make_pdf(
        p,
        "แผนพัฒนาท้องถิ่นสี่ปี (พ.ศ. 2561-2565)",
        [
            ("title", f"แผนพัฒนาท้องถิ่นสี่ปี (พ.ศ. 2561 - 2565)\n{ORG}"),
            ("center", "อำเภอเมืองลำพูน จังหวัดลำพูน"),
            ("h", "ส่วนที่ 1 สภาพทั่วไปและข้อมูลพื้นฐาน"),
            (
                "p",
                f"{ORG} มีพื้นที่ประมาณ 18.6 ตารางกิโลเมตร ประกอบด้วย 9 หมู่บ้าน ประชากรส่วนใหญ่ประกอบอาชีพเกษตรกรรม "
                "ปลูกลำไย และรับจ้างในนิคมอุตสาหกรรมภาคเหนือ",
            ),
            ("h", "ส่วนที่ 2 ยุทธศาสตร์การพัฒนาขององค์กรปกครองส่วนท้องถิ่น"),
            ("p", "วิสัยทัศน์: บ้านสวนดอกน่าอยู่ เศรษฐกิจพอเพียง ประชาชนมีส่วนร่วม บริหารจัดการตามหลักธรรมาภิบาล"),
            (
                "li",
                [
                    "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน เป้าประสงค์: ถนนและแหล่งน้ำได้มาตรฐาน ตัวชี้วัด: ร้อยละของถนนที่ได้รับการปรับปรุง",
                    "ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจ เป้าประสงค์: ประชาชนมีรายได้เพิ่มขึ้น ตัวชี้วัด: จำนวนกลุ่มอาชีพที่ได้รับการส่งเสริม",
                    "ยุทธศาสตร์การพัฒนาด้านสังคมและคุณภาพชีวิต เป้าประสงค์: ประชาชนมีสุขภาวะที่ดี ตัวชี้วัด: ร้อยละผู้สูงอายุที่ได้รับการดูแล",
                    "ยุทธศาสตร์การพัฒนาด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม ตัวชี้วัด: ปริมาณขยะที่ลดลง",
                    "ยุทธศาสตร์การพัฒนาด้านการบริหารจัดการบ้านเมืองที่ดี ตัวชี้วัด: ระดับความพึงพอใจของประชาชน",
                ],
            ),
            ("h", "ส่วนที่ 3 การนำแผนพัฒนาท้องถิ่นสี่ปีไปสู่การปฏิบัติ"),
            (
                "table",
                (
                    (50, 40, 30, 30),
                    [
                        ["ยุทธศาสตร์", "จำนวนโครงการ", "งบประมาณ 2561", "งบประมาณ 2565"],
                        ["ด้านโครงสร้างพื้นฐาน", "42", "8,450,000", "9,100,000"],
                        ["ด้านเศรษฐกิจ", "12", "650,000", "700,000"],
                        ["ด้านสังคมและคุณภาพชีวิต", "35", "3,200,000", "3,600,000"],
                        ["ด้านสิ่งแวดล้อม", "9", "420,000", "500,000"],
                        ["ด้านการบริหารจัดการ", "18", "1,150,000", "1,300,000"],
                    ],
                ),
            ),
        ],
    )
    done(p)

    # O14 (review): a staff work manual, only as a PDF
    p = files / "manual-work-procedures.pdf"
    make_pdf(
        p,
        "คู่มือการปฏิบัติงาน งานสารบรรณ",
        [
            ("title", "คู่มือการปฏิบัติงาน (Work Manual)\nงานธุรการและงานสารบรรณ สำนักปลัดเทศบาล"),
            ("center", ORG),
            ("h", "1. วัตถุประสงค์"),
            (
                "p",
                "เพื่อให้เจ้าหน้าที่ผู้ปฏิบัติงานสารบรรณมีแนวทางการปฏิบัติงานที่เป็นมาตรฐานเดียวกัน "
                "ตามระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526 และที่แก้ไขเพิ่มเติม",
            ),
            ("h", "2. ผู้ปฏิบัติงาน (ตำแหน่ง)"),
            ("p", "นักจัดการงานทั่วไป / เจ้าพนักงานธุรการ / พนักงานจ้างตำแหน่งผู้ช่วยเจ้าพนักงานธุรการ"),
            ("h", "3. ขั้นตอนการปฏิบัติงานรับหนังสือ"),
            (
                "li",
                [
                    "ตรวจสอบความถูกต้องของหนังสือและเอกสารแนบ",
                    "ลงทะเบียนรับหนังสือในระบบสารบรรณอิเล็กทรอนิกส์ (e-office) ประทับตรารับ",
                    "เสนอปลัดเทศบาลพิจารณาสั่งการภายใน 1 วันทำการ",
                    "ส่งเรื่องให้กองที่รับผิดชอบดำเนินการ และติดตามผล",
                    "จัดเก็บหนังสือตามหมวดหมู่ กำหนดอายุการเก็บรักษา",
                ],
            ),
            ("h", "4. ขั้นตอนการปฏิบัติงานส่งหนังสือ"),
            ("li", ["ตรวจร่างหนังสือ", "เสนอผู้มีอำนาจลงนาม", "ออกเลขทะเบียนส่ง", "ส่งทางระบบ e-office หรือไปรษณีย์"]),
            ("h", "5. ระยะเวลา"),
            ("p", "หนังสือทั่วไปดำเนินการให้แล้วเสร็จภายใน 1 วันทำการ หนังสือด่วนที่สุดดำเนินการทันที"),
        ],
    )
    done(p)

    # O27 (review): complaint-handling guidelines, only as a DOCX
    p = files / "complaint-handling-guide.docx"
    make_docx(
        p,
        [
            ("title", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
            ("p", ORG + " อำเภอเมืองลำพูน จังหวัดลำพูน"),
            ("h", "1. หน่วยงานที่รับผิดชอบ"),
            ("p", "ศูนย์รับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ สำนักปลัดเทศบาล โทรศัพท์ 053-000-111 ต่อ 102"),
            ("h", "2. ช่องทางการร้องเรียน"),
            (
                "p",
                "ยื่นด้วยตนเอง ณ สำนักงานเทศบาล / ทางไปรษณีย์ / แบบฟอร์มออนไลน์บนเว็บไซต์ / อีเมล "
                "saraban@bansuandok.go.th / LINE Official Account @bansuandok",
            ),
            ("h", "3. ขั้นตอนการจัดการเรื่องร้องเรียน"),
            (
                "p",
                "3.1 รับเรื่องและลงทะเบียนภายใน 1 วันทำการ 3.2 ตรวจสอบข้อเท็จจริงเบื้องต้น 3.3 เสนอนายกเทศมนตรีพิจารณา "
                "3.4 แต่งตั้งคณะกรรมการสอบข้อเท็จจริง 3.5 แจ้งผลให้ผู้ร้องทราบภายใน 15 วันทำการ",
            ),
            ("h", "4. ระยะเวลาดำเนินการ"),
            ("p", "ดำเนินการให้แล้วเสร็จภายใน 30 วันนับแต่วันที่ได้รับเรื่อง หากไม่แล้วเสร็จให้รายงานความคืบหน้าทุก 15 วัน"),
            ("h", "5. การคุ้มครองผู้ร้องเรียน"),
            ("p", "เก็บรักษาข้อมูลของผู้ร้องเรียนเป็นความลับ ไม่เปิดเผยชื่อผู้ร้องเรียนต่อบุคคลภายนอก"),
        ],
    )
    done(p)

    # O36 (review): the anti-corruption action plan, only as a PDF
    p = files / "anticorruption-plan-2566-2570.pdf"
    make_pdf(
        p,
        "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566-2570)",
        [
            ("title", f"แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 - 2570)\n{ORG}"),
            (
                "p",
                "จัดทำตามยุทธศาสตร์ชาติว่าด้วยการป้องกันและปราบปรามการทุจริต ระยะที่ 3 (พ.ศ. 2560 - 2564) และแผนแม่บท"
                "ภายใต้ยุทธศาสตร์ชาติ ประเด็นการต่อต้านการทุจริตและประพฤติมิชอบ",
            ),
            ("h", "มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต"),
            (
                "table",
                (
                    (80, 30, 30, 30),
                    [
                        ["โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ระยะเวลา", "ผู้รับผิดชอบ"],
                        ["โครงการอบรมคุณธรรมจริยธรรมผู้บริหาร สมาชิกสภา และพนักงาน", "30,000", "ทุกปี (มี.ค.)", "สำนักปลัด"],
                        ["กิจกรรมประกาศเจตนารมณ์ No Gift Policy", "ไม่ใช้งบประมาณ", "ต.ค. ของทุกปี", "สำนักปลัด"],
                        ["โครงการโรงเรียนสุจริตในศูนย์พัฒนาเด็กเล็ก", "10,000", "ทุกปี", "กองการศึกษา"],
                    ],
                ),
            ),
            ("h", "มิติที่ 2 การบริหารราชการเพื่อป้องกันการทุจริต"),
            (
                "table",
                (
                    (80, 30, 30, 30),
                    [
                        ["โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ระยะเวลา", "ผู้รับผิดชอบ"],
                        ["มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างทางเว็บไซต์", "ไม่ใช้งบประมาณ", "รายเดือน", "กองคลัง"],
                        ["กิจกรรมประเมินความเสี่ยงการทุจริตประจำปี", "ไม่ใช้งบประมาณ", "ธ.ค. ของทุกปี", "หน่วยตรวจสอบภายใน"],
                    ],
                ),
            ),
            ("h", "มิติที่ 3 การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน"),
            (
                "table",
                (
                    (80, 30, 30, 30),
                    [
                        ["โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ระยะเวลา", "ผู้รับผิดชอบ"],
                        ["โครงการประชาคมหมู่บ้านเพื่อจัดทำแผน", "20,000", "ก.พ. - มี.ค.", "สำนักปลัด"],
                        ["ศูนย์รับเรื่องร้องเรียนการทุจริตออนไลน์", "5,000", "ตลอดปี", "สำนักปลัด"],
                    ],
                ),
            ),
            ("h", "มิติที่ 4 การเสริมสร้างและปรับปรุงกลไกการตรวจสอบการปฏิบัติราชการ"),
            (
                "table",
                (
                    (80, 30, 30, 30),
                    [
                        ["โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ระยะเวลา", "ผู้รับผิดชอบ"],
                        ["กิจกรรมการตรวจสอบภายในประจำปี", "ไม่ใช้งบประมาณ", "ตลอดปี", "หน่วยตรวจสอบภายใน"],
                        ["โครงการอบรมสมาชิกสภาเทศบาลด้านการตรวจสอบ", "15,000", "ทุกปี", "สำนักปลัด"],
                    ],
                ),
            ),
        ],
    )
    done(p)

    # O39: the code of ethics; the demo links a Google Drive copy instead (review), so this file is unlinked
    p = files / "code-of-ethics.pdf"
    make_pdf(
        p,
        "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ",
        [
            ("title", "ประมวลจริยธรรมของพนักงานเทศบาล ลูกจ้าง และพนักงานจ้าง\n" + ORG),
            (
                "p",
                "อาศัยอำนาจตามพระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. 2562 และประมวลจริยธรรมข้าราชการส่วนท้องถิ่น "
                "ที่คณะกรรมการมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่นกำหนด เจ้าหน้าที่ของรัฐต้องยึดถือมาตรฐานทางจริยธรรม ดังนี้",
            ),
            (
                "li",
                [
                    "ยึดมั่นในสถาบันหลักของประเทศ อันได้แก่ ชาติ ศาสนา พระมหากษัตริย์ และการปกครองระบอบประชาธิปไตย",
                    "ซื่อสัตย์สุจริต มีจิตสำนึกที่ดี และรับผิดชอบต่อหน้าที่",
                    "กล้าตัดสินใจและกระทำในสิ่งที่ถูกต้องชอบธรรม",
                    "คิดถึงประโยชน์ส่วนรวมมากกว่าประโยชน์ส่วนตัว และมีจิตสาธารณะ",
                    "มุ่งผลสัมฤทธิ์ของงาน",
                    "ปฏิบัติหน้าที่อย่างเป็นธรรมและไม่เลือกปฏิบัติ",
                    "ดำรงตนเป็นแบบอย่างที่ดีและรักษาภาพลักษณ์ของทางราชการ",
                ],
            ),
            ("h", "กลไกและระบบในการบังคับใช้ประมวลจริยธรรม"),
            (
                "p",
                "ให้สำนักปลัดเทศบาลเป็นผู้รับผิดชอบการส่งเสริม ติดตาม และสอดส่องการปฏิบัติตามประมวลจริยธรรม "
                "การฝ่าฝืนประมวลจริยธรรมถือเป็นการกระทำผิดทางวินัย",
            ),
        ],
    )
    done(p)

    # O31 (review): the No Gift declaration, a signed scan without a text layer
    p = files / "Scan2024-04-16_105945.pdf"
    make_scan_pdf(
        p,
        "ประกาศเจตนารมณ์ No Gift Policy",
        [
            f"## ประกาศ{ORG}",
            "## เรื่อง ประกาศเจตนารมณ์นโยบายไม่รับของขวัญและของกำนัลทุกชนิด",
            "## จากการปฏิบัติหน้าที่ (No Gift Policy) ประจำปีงบประมาณ พ.ศ. 2567",
            "",
            f"ด้วย{ORG} มีความมุ่งมั่นที่จะบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้ "
            "เพื่อเสริมสร้างวัฒนธรรมองค์กรที่ไม่ยอมรับการทุจริตทุกรูปแบบ",
            "",
            "ข้าพเจ้า นายสมชาย ใจดีงาม นายกเทศมนตรีตำบลบ้านสวนดอก พร้อมด้วยคณะผู้บริหาร พนักงานเทศบาล "
            "ลูกจ้างประจำ และพนักงานจ้างทุกคน ขอประกาศเจตนารมณ์ว่าจะไม่รับของขวัญ ของกำนัล หรือประโยชน์อื่นใด "
            "จากการปฏิบัติหน้าที่ ทั้งก่อน ระหว่าง และหลังการปฏิบัติหน้าที่ (No Gift Policy)",
            "",
            "จึงประกาศให้ทราบโดยทั่วกัน",
            "",
            ">> ประกาศ ณ วันที่ 16 ตุลาคม พ.ศ. 2566",
            "",
            "~~",
            ">> (นายสมชาย ใจดีงาม)",
            ">> นายกเทศมนตรีตำบลบ้านสวนดอก",
        ],
    )
    done(p)

    # Extras, attached to pages that pass on their HTML content
    p = files / "procure-monthly-2567.xlsx"
    make_xlsx(
        p,
        "สขร.1",
        [
            ["แบบ สขร.1 สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ปีงบประมาณ พ.ศ. 2567 " + ORG],
            [
                "ลำดับ",
                "งานที่จัดซื้อหรือจัดจ้าง",
                "วงเงินที่จะซื้อหรือจ้าง",
                "ราคากลาง",
                "วิธีซื้อหรือจ้าง",
                "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
                "ผู้ได้รับการคัดเลือกและราคาที่ตกลง",
                "เหตุผลที่คัดเลือกโดยสังเขป",
                "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
                "เดือน",
            ],
            [
                1,
                "จัดซื้อวัสดุสำนักงาน",
                18500,
                18500,
                "เฉพาะเจาะจง",
                "ร้านลำพูนเครื่องเขียน 18,200",
                "ร้านลำพูนเครื่องเขียน 18,200",
                "ราคาต่ำสุด",
                "บส.1/2567 ลว. 10 ต.ค. 2566",
                "ต.ค. 2566",
            ],
            [
                2,
                "จ้างซ่อมรถบรรทุกขยะ ทะเบียน 81-2345 ลำพูน",
                46000,
                46000,
                "เฉพาะเจาะจง",
                "อู่ช่างเอกการช่าง 45,500",
                "อู่ช่างเอกการช่าง 45,500",
                "ราคาต่ำสุด",
                "บจ.4/2567 ลว. 21 พ.ย. 2566",
                "พ.ย. 2566",
            ],
            [
                3,
                "จัดซื้ออาหารเสริม (นม) โรงเรียน",
                312000,
                312000,
                "เฉพาะเจาะจง",
                "สหกรณ์โคนมลำพูน จำกัด 311,904",
                "สหกรณ์โคนมลำพูน จำกัด 311,904",
                "ผู้ผลิตในพื้นที่ตามหลักเกณฑ์",
                "บส.9/2567 ลว. 1 ธ.ค. 2566",
                "ธ.ค. 2566",
            ],
            [
                4,
                "จ้างก่อสร้างถนน คสล. หมู่ที่ 5",
                1480000,
                1472000,
                "e-bidding",
                "หจก.ลำพูนก่อสร้าง 1,389,000 / บจก.ยองวิศวกรรม 1,415,000",
                "หจก.ลำพูนก่อสร้าง 1,389,000",
                "ราคาต่ำสุดและคุณสมบัติครบ",
                "สัญญาจ้าง 3/2567 ลว. 5 ก.พ. 2567",
                "ก.พ. 2567",
            ],
            [
                5,
                "จัดซื้อครุภัณฑ์คอมพิวเตอร์ 3 เครื่อง",
                66000,
                66000,
                "เฉพาะเจาะจง",
                "ร้านไอทีลำพูน 64,500",
                "ร้านไอทีลำพูน 64,500",
                "ราคาต่ำสุด",
                "บส.21/2567 ลว. 12 มี.ค. 2567",
                "มี.ค. 2567",
            ],
        ],
    )
    done(p)

    p = files / "budget-ordinance-2567.pdf"
    make_pdf(
        p,
        "เทศบัญญัติงบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. 2567",
        [
            ("title", f"เทศบัญญัติ เรื่อง งบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. 2567\n{ORG}"),
            (
                "p",
                "โดยที่เป็นการสมควรตั้งงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567 อาศัยอำนาจตามความในพระราชบัญญัติเทศบาล "
                "พ.ศ. 2496 มาตรา 62 เทศบาลตำบลบ้านสวนดอก โดยความเห็นชอบของสภาเทศบาลตำบลบ้านสวนดอก และโดยอนุมัติของ"
                "ผู้ว่าราชการจังหวัดลำพูน จึงตราเทศบัญญัติขึ้นไว้",
            ),
            ("p", "ข้อ 1 เทศบัญญัตินี้เรียกว่า เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567"),
            ("p", "ข้อ 3 งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567 เป็นจำนวนรวมทั้งสิ้น 48,500,000 บาท"),
            (
                "table",
                (
                    (100, 60),
                    [
                        ["ด้าน/แผนงาน", "ยอดรวม (บาท)"],
                        ["ด้านบริหารทั่วไป", "14,820,000"],
                        ["ด้านบริการชุมชนและสังคม", "21,360,000"],
                        ["ด้านการเศรษฐกิจ", "6,140,000"],
                        ["ด้านการดำเนินงานอื่น (งบกลาง)", "6,180,000"],
                        ["รวม", "48,500,000"],
                    ],
                ),
            ),
        ],
    )
    done(p)

    p = files / "financial-statement-2566.pdf"
    make_pdf(
        p,
        "งบแสดงฐานะการเงิน ณ วันที่ 30 กันยายน 2566",
        [
            ("title", f"{ORG}\nงบแสดงฐานะการเงิน ณ วันที่ 30 กันยายน 2566"),
            (
                "table",
                (
                    (110, 50),
                    [
                        ["รายการ", "จำนวนเงิน (บาท)"],
                        ["เงินสดและเงินฝากธนาคาร", "31,245,880.14"],
                        ["ลูกหนี้ค่าภาษี", "412,300.00"],
                        ["เงินสะสม", "18,904,112.55"],
                        ["เงินทุนสำรองเงินสะสม", "9,870,440.21"],
                    ],
                ),
            ),
            ("p", "หมายเหตุประกอบงบการเงินเป็นส่วนหนึ่งของงบการเงินนี้ ผู้อำนวยการกองคลัง ผู้จัดทำ"),
        ],
    )
    done(p)

    p = files / "satisfaction-survey-2566.pdf"
    make_pdf(
        p,
        "รายงานผลการสำรวจความพึงพอใจการให้บริการ ประจำปีงบประมาณ พ.ศ. 2566",
        [
            ("title", f"รายงานผลการสำรวจความพึงพอใจของผู้รับบริการ\n{ORG} ประจำปีงบประมาณ พ.ศ. 2566"),
            (
                "p",
                "ดำเนินการสำรวจโดย สถาบันวิจัยและพัฒนาท้องถิ่นภาคเหนือ (สมมติ) กลุ่มตัวอย่าง 400 คน "
                "เก็บข้อมูลระหว่างเดือนกรกฎาคม - สิงหาคม 2566",
            ),
            (
                "table",
                (
                    (100, 50),
                    [
                        ["งานบริการ", "ร้อยละความพึงพอใจ"],
                        ["งานทะเบียนพาณิชย์", "92.60"],
                        ["งานจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", "90.85"],
                        ["งานขออนุญาตก่อสร้างอาคาร", "89.40"],
                        ["งานเบี้ยยังชีพผู้สูงอายุและผู้พิการ", "93.15"],
                        ["ภาพรวม", "91.50"],
                    ],
                ),
            ),
        ],
    )
    done(p)

    p = files / "ita-measures-2567.pdf"
    make_pdf(
        p,
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567",
        [
            (
                "title",
                f"การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. 2566\n"
                f"และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567\n{ORG}",
            ),
            (
                "p",
                "ผลคะแนน ITA ปี 2566 ได้ 84.37 คะแนน ระดับ A ตัวชี้วัดที่ได้คะแนนต่ำสุด ได้แก่ ตัวชี้วัดที่ 10 "
                "การป้องกันการทุจริต (72.50 คะแนน) และตัวชี้วัดที่ 8 การปรับปรุงการทำงาน (78.21 คะแนน)",
            ),
            (
                "table",
                (
                    (55, 45, 30, 40),
                    [
                        ["มาตรการ", "ขั้นตอน/วิธีการ", "ผู้รับผิดชอบ", "ระยะเวลา"],
                        ["มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "ตรวจสอบข้อมูล OIT ทุกไตรมาส", "สำนักปลัด", "ต.ค. 66 - ก.ย. 67"],
                        ["มาตรการป้องกันการรับสินบน", "ประกาศ No Gift Policy", "สำนักปลัด", "ต.ค. 66"],
                        ["มาตรการส่งเสริมการมีส่วนร่วม", "ประชาคมหมู่บ้าน", "สำนักปลัด", "ก.พ. 67"],
                    ],
                ),
            ),
        ],
    )
    done(p)

    # O43 QR code (to the EIT survey) and small site pictures
    p = files / "eit-qr-2567.png"
    make_qr(p)
    done(p)

    make_logo(img / "logo.png")
    make_png_icon(img / "icon-facebook.png", "#1877f2", "f")
    make_png_icon(img / "icon-line.png", "#06c755", "L")
    make_png_icon(img / "icon-youtube.png", "#ff0000", "▶")
    for i in range(1, 7):
        make_photo(img / f"exec-{i}.jpg", seed=100 + i)
    make_activity_photo(img / "news-children-day.jpg", 1, "วันเด็กแห่งชาติ 2567")
    make_activity_photo(img / "nogift-meeting.jpg", 2, "No Gift Policy")
    make_activity_photo(img / "community-forum.jpg", 3, "ประชุมประชาคมเมือง")
    make_activity_photo(img / "ethics-training.jpg", 4, "อบรมคุณธรรมจริยธรรม")
    return out


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=here / "checker" / "demo" / "site")
    args = ap.parse_args()
    docs = build(args.site)
    too_big = []
    for p in sorted(list((args.site / "files").iterdir()) + list((args.site / "img").iterdir())):
        size = p.stat().st_size
        flag = "" if size < MAX_BYTES else "  <-- too big"
        if size >= MAX_BYTES:
            too_big.append(p)
        print(f"{size:>8}  {p.relative_to(args.site)}{flag}")
    print(f"{len(docs)} documents under files/ (harfbuzz shaping: {HAVE_HARFBUZZ}, Pillow: {HAVE_PIL})")
    if too_big:
        raise SystemExit(f"{len(too_big)} file(s) are over {MAX_BYTES} bytes")


if __name__ == "__main__":
    main()
