"""Seed files and mutations shared by the hypothesis properties (tests/fuzz) and the long run (bench/fuzz.py).

Seeds are small and generated, not checked in: a mutation of a 2 KB file reaches the parser's corners in
a fraction of the time a 200 KB one needs, and generating them here keeps every seed's origin readable.
A mutation is data — a list of `Op`s — so hypothesis can draw and shrink it, and the bench can rebuild the
input that hung a worker from its number alone.
"""

from __future__ import annotations

import gzip
import io
import random
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial

from fpdf import FPDF
from PIL import Image

from checker.extract import DEFAULT_LIMITS, DocLimits, extract, extract_html
from checker.extract.documents import extract_image
from checker.extract.office import extract_office
from checker.extract.periods import find_periods, find_years
from checker.extract.sitemap import parse_sitemap
from checker.extract.thai import normalise
from checker.models import Document, Resource, ResourceKind
from tests.support import make_docs as md

URL = "https://abt.go.th/ita/file"
# What a crawler would hand a reader: DEFAULT_LIMITS, and no OCR (the decoding path is what is fuzzed;
# Tesseract is a separate process with its own timeout).
LIMITS: DocLimits = DEFAULT_LIMITS

# (kind, position, payload): kind picks the mutation, position is taken modulo the length.
Op = tuple[int, int, bytes]
N_OPS = 10
GROW = 9  # the op that repeats a chunk hundreds of times: finds the readers whose time grows faster than input
STAMP = (2024, 3, 15, 9, 30, 0)  # zip entries' time: an input must be the same bytes in every process
INTERESTING = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80", b"\xff" * 8)


def apply_ops(data: bytes, ops: Sequence[Op], other: bytes = b"", tokens: Sequence[bytes] = ()) -> bytes:
    """Bit flips, byte inserts and deletes, truncation, splicing, chunk duplication, token and integer
    overwrites, in order.  Cheap (slices only): the long run makes a million of these."""
    buf = bytearray(data)
    for kind, pos, payload in ops:
        n = len(buf)
        p = pos % (n + 1)
        if kind == 0 and n:  # flip one bit
            buf[p % n] ^= 1 << (pos >> 3) % 8
        elif kind == 1:  # insert bytes
            buf[p:p] = payload
        elif kind == 2:  # delete a range
            del buf[p : p + 1 + len(payload) * 16]
        elif kind == 3:  # truncate
            del buf[p:]
        elif kind == 4 and other:  # splice: our head, another file's tail
            q = pos % len(other)
            buf[p:] = other[q:]
        elif kind == 5 and n:  # duplicate a chunk in place
            chunk = bytes(buf[p : p + 1 + len(payload) * 64])
            buf[p:p] = chunk * (1 + len(payload) % 4)
        elif kind == 6 and n:  # overwrite with an "interesting" integer (lengths, counts, offsets)
            value = INTERESTING[len(payload) % len(INTERESTING)]
            buf[p : p + len(value)] = value
        elif kind == 7 and tokens:  # insert a token of the format (a tag, a PDF keyword)
            buf[p:p] = tokens[(pos >> 4) % len(tokens)]
        elif kind == 8 and n:  # overwrite bytes
            buf[p : p + len(payload)] = payload
        elif kind == GROW and n:  # repeat a chunk (a row, a tag, an object) up to 2,000 times
            chunk = bytes(buf[p : p + 8 + len(payload) * 8])
            buf[p:p] = chunk * (pos % 2000)
    return bytes(buf)


def random_ops(rnd: random.Random, max_ops: int = 4) -> list[Op]:
    """The long run's mutations: the same `Op` shape hypothesis draws, from a seeded random source."""
    ops: list[Op] = []
    for _ in range(rnd.randint(1, max_ops)):
        size = rnd.choice((0, 1, 1, 2, 4, 8, 32))
        kind = GROW if rnd.random() < 0.03 else rnd.randrange(GROW)  # growth is dear: a few percent of ops
        ops.append((kind, rnd.getrandbits(24), rnd.randbytes(size)))
    return ops


def mutate_zip(data: bytes, ops: Sequence[Op], which: int, mode: int) -> bytes:
    """Rebuild an OOXML zip with entry `which` damaged: its XML mutated, truncated, replaced by garbage,
    dropped, or stored uncompressed with a lying size — the damage a byte flip in the deflate stream never
    reaches, because the CRC check stops it first."""
    src = zipfile.ZipFile(io.BytesIO(data))
    infos = src.infolist()
    target = infos[which % len(infos)].filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            body = src.read(info.filename)
            if info.filename == target:
                if mode % 4 == 0:
                    body = apply_ops(body, ops, tokens=XML_TOKENS)
                elif mode % 4 == 1:
                    body = body[: len(body) * (1 + which % 3) // 4]
                elif mode % 4 == 2:
                    body = b"<?xml version='1.0'?><x>" + bytes(ops[0][2] if ops else b"") * 50 + b"</"
                else:
                    continue
            dst.writestr(zipfile.ZipInfo(info.filename, STAMP), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


HTML_TOKENS = (
    b"<table>", b"<tr>", b"<td>", b"</td>", b"<a href='/x.pdf'>", b"</a>", b"<h1>", b"</h2>", b"<script>",
    b"</script>", b"<!--", b"-->", b"<![CDATA[", b"<meta charset=tis-620>", b"<meta charset=utf-16>",
    b"<meta charset=base64>", b"<meta charset=idna>",
    b"<base href='//x'>", b"<svg>", b"<form>", b"<img alt='\xe0\xb8\x81'>", b"&#xe01;", b"&#0;", b"\xef\xbb\xbf",
    b"<meta http-equiv=refresh content='0;url=javascript:x'>", b"<iframe src=", b"<div class='menu'>",
)  # fmt: skip
PDF_TOKENS = (
    b"obj", b"endobj", b"stream\n", b"endstream", b"<<", b">>", b"[", b"]", b" 0 R", b"/Length 99999999",
    b"/Filter /FlateDecode", b"/Type /Page", b"/Kids [", b"/Count -1", b"xref", b"trailer", b"startxref",
    b"/Encrypt", b"BT", b"ET", b"Tj", b"/Font", b"(\xe0\xb8\x81)", b"%%EOF", b"/ObjStm", b" Do",
)  # fmt: skip
XML_TOKENS = (
    b"<w:p>", b"</w:p>", b"<w:t>", b"</w:t>", b"<w:tbl>", b"<w:tr>", b"<w:tc>", b"<row>", b"<c r='A1' t='s'>",
    b"<v>99999</v>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"<sheet name='x' r:id='rId9'/>", b"\x00",
)  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Seeds


def _zip(entries: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries.items():
            z.writestr(zipfile.ZipInfo(name, STAMP), text, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def restamp(data: bytes) -> bytes:
    """The same zip with every entry dated STAMP (python-docx and openpyxl write the time of saving)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, STAMP), src.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


_CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
_RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def minimal_docx(body_xml: str) -> bytes:
    """A DOCX of three parts, the least python-docx opens: small, so mutations land in the XML."""
    return _zip({
        "[Content_Types].xml": _CT + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": _RELS + f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>',
    })  # fmt: skip


@cache
def html_seeds() -> tuple[bytes, ...]:
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>OIT ๒๕๖๗</title>"
        "<meta http-equiv='refresh' content='5; url=/next'><base href='/ita/'></head><body>"
        "<header class='site-header'><nav><a href='/'>หน้าแรก</a></nav></header>"
        "<h1>การเปิดเผยข้อมูล</h1><table><tr><td>O1</td><td>โครงสร้าง ๑ ต.ค. ๖๖ - ๓๑ มี.ค. ๖๗</td>"
        "<td><a href='o1.pdf'>เปิด</a></td></tr></table><h2>ถาม-ตอบ</h2><form action='/q'><input name='n'>"
        "<textarea></textarea></form><figure><img src='c.jpg' alt='แผนผัง'><figcaption>โครงสร้าง</figcaption>"
        "</figure><script>$('#fb').flipBook({pdfUrl:'/files/plan.pdf'});</script><div id='fb'>แผน</div>"
        "<footer>โทร 053-000-111</footer></body></html>"
    )
    tis = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=tis-620'></head><body>"
    tis += "<p>รายงานผลการดำเนินงาน ปีงบประมาณ พ.ศ. 2567</p></body></html>"
    error = "<html><head><title>404 Not Found</title></head><body><h1>ไม่พบหน้า</h1></body></html>"
    app = "<html><body><div id='app'></div><noscript>Please enable JavaScript</noscript><script></script></body>"
    return (page.encode(), tis.encode("cp874"), error.encode(), app.encode())


def _encrypted(data: bytes) -> bytes:
    """`data` under RC4 with an empty user password (PDFium opens it and decrypts every stream), with fixed
    file identifiers: pypdf draws them at random, and a seed must be the same bytes in every process."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    fixed = ByteStringObject(b"oitcheck-fuzz-25")
    writer._ID = ArrayObject((fixed, fixed))  # the key is derived from the first; pypdf keeps a preset one
    writer.encrypt(user_password="", owner_password="owner-2567", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return re.sub(rb"(/ID \[ <[0-9a-f]{32}> )<[0-9a-f]{32}>", rb"\1<" + fixed.hex().encode() + b">", out.getvalue())


def _fpdf() -> FPDF:
    pdf = FPDF()
    pdf.set_creation_date(md.CREATED)
    return pdf


@cache
def pdf_seeds() -> tuple[bytes, ...]:
    text = md.thai_pdf(["รายงาน ๑ ต.ค. ๒๕๖๖ - ๓๑ มี.ค. ๒๕๖๗", "หน้า 2"], title="แผน 2567")
    plain = _fpdf()
    plain.set_compression(False)  # an uncompressed content stream: mutations reach the operators
    plain.add_page()
    plain.set_font("Helvetica", size=12)
    plain.cell(0, 10, "ITA 2567 report page one")
    image = _fpdf()
    image.add_page()
    image.image(io.BytesIO(md.image_bytes(Image.new("L", (24, 12), 90), "PNG")), x=10, y=10, w=40)
    return (text, bytes(plain.output()), bytes(image.output()), _encrypted(bytes(plain.output())))


@cache
def docx_seeds() -> tuple[bytes, ...]:
    body = (
        "<w:p><w:r><w:t>ประกาศ ปีงบประมาณ 2567</w:t><w:tab/><w:t>หน้า</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ถนน</w:t></w:r>"
        "</w:p></w:tc></w:tr></w:tbl><w:sdt><w:sdtContent><w:p><w:r><w:t>สารบัญ</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    return (minimal_docx(body), restamp(md.docx_doc(["ประกาศ 2567"], table=[["1", "ถนน"]], title="ประกาศ")))


@cache
def xlsx_seeds() -> tuple[bytes, ...]:
    book = md.xlsx_doc({"แผน 2567": [["ลำดับ", "รายการ", "วงเงิน"], [1, "วัสดุ", 1500.5]], "สรุป": [["รวม", 1]]})
    table = "<html><body><table><tr><td>ลำดับ</td><td>2567</td></tr></table></body></html>".encode()
    return (restamp(book), md.csv_doc([["ลำดับ", "รายการ"], [1, "ซ่อมถนน, หมู่ 2"]]), table)


@cache
def image_seeds() -> tuple[bytes, ...]:
    grey = Image.new("L", (16, 8), 200)
    rgba = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    pal = Image.new("P", (8, 8), 1)
    pal.info["transparency"] = 0
    exif = Image.Exif()
    exif[0x0132] = "2567:03:15 10:00:00"
    tiff = io.BytesIO()
    grey.save(tiff, "TIFF", save_all=True, append_images=[grey.resize((4, 4))])
    return (
        md.image_bytes(grey, "PNG"),
        md.image_bytes(rgba, "PNG"),
        md.image_bytes(grey, "JPEG", exif=exif.tobytes()),
        md.image_bytes(grey.convert("RGB"), "JPEG", progressive=True),
        tiff.getvalue(),
        md.image_bytes(pal, "GIF"),
        md.image_bytes(rgba, "WEBP"),
        md.image_bytes(grey, "BMP"),
    )


SITEMAP = (
    b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url>"
    b"<loc>https://abt.go.th/ita?a=1&b=2</loc></url><sitemap><loc><![CDATA[https://abt.go.th/s2.xml]]></loc>"
    b"</sitemap></urlset>"
)


@cache
def sitemap_seeds() -> tuple[bytes, ...]:
    return (SITEMAP, gzip.compress(SITEMAP, mtime=0), b"https://abt.go.th/a\nhttps://abt.go.th/b\n")


DATE_SEEDS = (
    "รอบ 6 เดือน (1 ต.ค. 66 - 31 มี.ค. 67) ปีงบประมาณ 2567",
    "ไตรมาสที่ ๒ ปีงบประมาณ พ.ศ. ๒๕๖๗",
    "ระหว่างวันที่ 1 ตุลาคม 2566 ถึง 30 กันยายน 2567",
    "ปีงบประมาณ 2566-2570 แผนพัฒนาท้องถิ่น",
    "15/01/2567 และ 1 Oct 2023 – 31 Mar 2024",
    "ไตรมาส 1/2567 ครึ่งปีหลัง ประจำปี 2567",
    "ต.ค.-ธ.ค. 66 เดือนพ.ย. 2566 ค.ศ. 2024 FY2567",
)
DATE_ALPHABET = "0123456789๐๑๒๓๔๕๖๗๘๙ -–/.,:()ถึงปีงบประมาณพ.ศ.ค.ศ.ไตรมาสรอบเดือนต.ค.มี.ค.มกราคมกันยายน"


def mutate_text(text: str, rnd: random.Random) -> str:
    """Date-shaped text: characters replaced, inserted, deleted or whole phrases duplicated."""
    chars = list(text)
    for _ in range(rnd.randint(1, 4)):
        op, p = rnd.randrange(4), rnd.randrange(len(chars) + 1)
        if op == 0 and chars:
            chars[p % len(chars)] = rnd.choice(DATE_ALPHABET)
        elif op == 1:
            chars[p:p] = rnd.choices(DATE_ALPHABET, k=rnd.randint(1, 6))
        elif op == 2:
            del chars[p : p + rnd.randint(1, 5)]
        else:
            chars[p:p] = chars[p : p + rnd.randint(1, 20)] * rnd.randint(1, 3)
    return "".join(chars)


# --------------------------------------------------------------------------------------------------
# The readers, as the crawler calls them


def read_document(body: bytes, kind: ResourceKind, content_type: str = "") -> Document:
    """checker.extract.extract on a fetched body, without OCR, under the crawler's limits."""
    resource = Resource(url=URL, final_url=URL, status=200, content_type=content_type, kind=kind, body=body)
    return extract(resource, None, LIMITS)


def read_format(body: bytes, kind: ResourceKind) -> Document:
    """The format's own reader, without extract()'s catch-all: an exception here is a reader that leans on
    the net (its file becomes "broken_file" with a Python error as the reason), even if extract() holds."""
    if kind is ResourceKind.PDF:
        from checker.extract.pdf import extract_pdf

        return extract_pdf(body, URL, None, LIMITS)
    if kind is ResourceKind.IMAGE:
        return extract_image(body, URL, None, LIMITS)
    return extract_office(body, URL, kind, LIMITS)


def read_html(body: bytes) -> Document:
    return extract_html(body, URL, "text/html")


def read_dates(text: str) -> tuple[int, int]:
    """Periods and years of raw (not yet normalised) text, as the rules read a document's text."""
    clean = normalise(text)
    return len(find_periods(clean)), len(find_years(clean))


def read_sitemap(body: bytes) -> tuple[int, int]:
    pages, nested = parse_sitemap(body)
    return len(pages), len(nested)


@dataclass(frozen=True)
class Reader:
    """A reader under fuzzing: how to call it, its seeds, the tokens its mutations insert; `kind` for the
    document readers, whose `read` is the format reader and whose net is checker.extract.extract."""

    read: Callable[[bytes], object]
    seeds: Callable[[], tuple[bytes, ...]]
    tokens: tuple[bytes, ...] = ()
    kind: ResourceKind | None = None


BYTE_READERS: dict[str, Reader] = {
    "html": Reader(read_html, html_seeds, HTML_TOKENS),
    "pdf": Reader(partial(read_format, kind=ResourceKind.PDF), pdf_seeds, PDF_TOKENS, ResourceKind.PDF),
    "docx": Reader(partial(read_format, kind=ResourceKind.DOCX), docx_seeds, XML_TOKENS, ResourceKind.DOCX),
    "xlsx": Reader(partial(read_format, kind=ResourceKind.XLSX), xlsx_seeds, XML_TOKENS, ResourceKind.XLSX),
    "image": Reader(partial(read_format, kind=ResourceKind.IMAGE), image_seeds, (), ResourceKind.IMAGE),
    "sitemap": Reader(read_sitemap, sitemap_seeds, (b"<url>", b"<loc>", b"</loc>", b"<![CDATA[", b"&amp;")),
}
