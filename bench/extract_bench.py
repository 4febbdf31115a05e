"""Benchmarks for document extraction; the figures go in docs/benchmarks.md.

    python bench/extract_bench.py            # everything (about a minute)
    python bench/extract_bench.py libs       # only the PDF library comparison

1. PDF text libraries on generated Thai PDFs: does normalise(text) contain each known sentence, and how
   fast (seconds per MB and per page)?  pypdfium2 vs pdfminer.six vs pypdf.
2. checker.extract.extract() seconds per MB for text PDFs, DOCX and XLSX.
3. OCR (Tesseract tha+eng) seconds per page and character accuracy, clean and degraded scans.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.extract import DocLimits, extract
from checker.extract.ocr import find_ocr, prepare
from checker.extract.thai import normalise
from checker.models import Resource, ResourceKind
from tests.support import make_docs as md

Extractor = Callable[[bytes], list[str]]


def pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pdfminer_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


def pypdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


LIBS: dict[str, Extractor] = {"pypdfium2": pdfium_pages, "pdfminer.six": pdfminer_pages, "pypdf": pypdf_pages}


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best of `repeat` wall-clock runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_libs() -> None:
    damaged = ["การประชุมสภาองค์การบริหารส่วนตำบล", "การกำกับติดตามการดำเนินงานประจำปี"]
    marks = [  # stacked marks, tone marks over upper vowels, thanthakhat, mai han-akat
        "ผู้บริหารท้องถิ่นชี้แจงข้อเท็จจริงเกี่ยวกับการจัดซื้อจัดจ้างที่มีมูลค่าสูง",
        "เจ้าหน้าที่ผู้รับผิดชอบดูแลเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        "ประกาศรายชื่อผู้ชนะการเสนอราคาโครงการก่อสร้างถนนคอนกรีตเสริมเหล็กหมู่ที่ ๑๒",
    ]
    quality_sets = {
        "text PDF (3 pages)": (md.text_pdf(), list(md.PAGES_NORMALISED)),
        "stacked marks": (md.text_pdf(marks), [normalise(m) for m in marks]),
        "spaced letters + decomposed sara am": (md.damaged_text_pdf(), damaged),
    }
    big = md.long_pdf(100, repeat=25)
    print(f"\n## PDF text libraries (Thai; speed on a {len(big) / 1e6:.2f} MB, 100-page text PDF)\n")
    print("| library | version | found after normalise | found in raw text (whitespace collapsed) | s/MB | ms/page |")
    print("|---|---|---|---|---|---|")
    for name, fn in LIBS.items():
        found = total = raw_ok = 0
        for data, sentences in quality_sets.values():
            pages = fn(data)
            joined = " ".join(normalise(p) for p in pages)
            raw = " ".join(" ".join(pages).split())
            for s in sentences:
                total += 1
                found += s in joined
                raw_ok += s in raw
        secs = timed(lambda fn=fn: fn(big))  # type: ignore[misc]
        version = _version(name)
        print(
            f"| {name} | {version} | {found}/{total} | {raw_ok}/{total} | {secs / (len(big) / 1e6):.2f} "
            f"| {secs / 100 * 1000:.1f} |"
        )


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def _res(body: bytes, kind: ResourceKind) -> Resource:
    return Resource(url="bench", final_url="bench", status=200, kind=kind, body=body)


def bench_formats() -> None:
    inputs = {
        "text PDF, 100 pages": (md.long_pdf(100, repeat=25), ResourceKind.PDF),
        "DOCX, 3000 paragraphs + table": (md.docx_file(repeat=1000), ResourceKind.DOCX),
        "XLSX, 2 sheets, 20000 rows": (md.xlsx_file(rows=20000), ResourceKind.XLSX),
    }
    limits = DocLimits(max_pages=1000, max_chars=50_000_000)
    print("\n## extract() by format\n")
    print("| input | size MB | seconds | s/MB | characters |")
    print("|---|---|---|---|---|")
    for label, (body, kind) in inputs.items():
        chars = len(extract(_res(body, kind), None, limits).text)
        secs = timed(lambda body=body, kind=kind: extract(_res(body, kind), None, limits))  # type: ignore[misc]
        mb = len(body) / 1e6
        print(f"| {label} | {mb:.2f} | {secs:.3f} | {secs / mb:.2f} | {chars} |")


def _char_accuracy(expected: str, got: str) -> float:
    a, b = normalise(expected).replace(" ", ""), normalise(got).replace(" ", "")
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return max(0.0, 1 - prev[-1] / max(1, len(a)))


def bench_ocr() -> None:
    ocr = find_ocr()
    if ocr is None:
        print("\n## OCR: skipped (no Tesseract with Thai)")
        return
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    lines = [*md.SCAN_LINES, *md.PAGES_NORMALISED] * 4  # 24 lines: a full A4 page of text
    a4 = (210, 297)
    cases = {
        "A4 scan PDF, 200 dpi JPEG q80, light noise": (lines, 200, 80, True),
        "A4 scan PDF, 150 dpi JPEG q40, light noise": (lines, 150, 40, True),
        "A4 scan PDF, 300 dpi, clean": (lines, 300, 95, False),
    }
    print(f"\n## OCR ({version}, {ocr.name}, pages rendered at 300 dpi, OMP_THREAD_LIMIT=1)\n")
    print("| input | pages | s/page | character accuracy |")
    print("|---|---|---|---|")
    for label, (text, dpi, quality, noise) in cases.items():
        from fpdf import FPDF

        pdf = FPDF(unit="mm", format=a4)
        img = md.scan_image(text, dpi=dpi, noise=noise, size_mm=a4)
        for _ in range(3):
            pdf.add_page()
            pdf.image(io.BytesIO(md.image_bytes(img, "JPEG", quality=quality)), x=0, y=0, w=a4[0], h=a4[1])
        body = bytes(pdf.output())
        start = time.perf_counter()
        doc = extract(_res(body, ResourceKind.PDF), ocr)
        secs = time.perf_counter() - start
        first = doc.text[: doc.page_starts[1]] if len(doc.page_starts) > 1 else doc.text
        acc = _char_accuracy(" ".join(text), first)
        print(f"| {label} | {doc.ocr_pages} | {secs / 3:.2f} | {acc:.1%} |")
    # Why OMP_THREAD_LIMIT=1: Tesseract's own threads fight each other on small machines.
    page = io.BytesIO()
    prepare(md.scan_image(lines, dpi=300, size_mm=a4)).save(page, "PNG", compress_level=1)
    cmd = ["tesseract", "stdin", "stdout", "-l", "tha+eng"]
    envs = {"default threads": dict(os.environ), "OMP_THREAD_LIMIT=1": {**os.environ, "OMP_THREAD_LIMIT": "1"}}
    for label, env in envs.items():
        run = lambda env=env: subprocess.run(cmd, input=page.getvalue(), capture_output=True, env=env)  # noqa: E731
        secs = timed(run, 2)
        print(f"\ntesseract on one A4 page, {label}: {secs:.2f} s (os.cpu_count()={os.cpu_count()})")


def main(argv: list[str]) -> None:
    parts = argv or ["libs", "formats", "ocr"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if "libs" in parts:
        bench_libs()
    if "formats" in parts:
        bench_formats()
    if "ocr" in parts:
        bench_ocr()


if __name__ == "__main__":
    main(sys.argv[1:])
