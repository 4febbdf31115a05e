"""Property-based fuzzing of the DOCX and XLSX readers: bytes of valid files mutated, and valid zips with
one entry damaged (XML mutated, truncated, replaced by garbage, dropped) — the damage a flipped byte in the
deflate stream never reaches, because the zip's CRC check stops it first."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.models import ResourceKind
from tests.fuzz.corpus import (
    STAMP,
    XML_TOKENS,
    apply_ops,
    docx_seeds,
    minimal_docx,
    mutate_zip,
    read_document,
    read_format,
    xlsx_seeds,
)
from tests.fuzz.props import FUZZ, assert_document, ops
from tests.support import make_docs as md

pytestmark = pytest.mark.skipif(md.font_path() is None, reason="no Thai font (apt-get install fonts-thai-tlwg)")

XML_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))  # what XML allows in text (with tab, newline)
MANY = settings(FUZZ, max_examples=150)  # a small DOCX or XLSX reads in about a millisecond
KINDS = st.sampled_from([ResourceKind.DOCX, ResourceKind.XLSX])


def _seeds(kind: ResourceKind) -> tuple[bytes, ...]:
    return docx_seeds() if kind is ResourceKind.DOCX else xlsx_seeds()


def _read(body: bytes, kind: ResourceKind) -> None:
    head = body[:2048].lower()
    clean = not (kind is ResourceKind.XLSX and (b"<table" in head or b"<html" in head))  # read as a web page
    assert_document(read_format(body, kind), kind, clean=clean)  # the Office reader itself, not the catch-all
    assert_document(read_document(body, kind), kind, clean=clean)


@MANY
@given(kind=KINDS, seed=st.integers(0, 2), mutation=ops())
def test_mutated_bytes(kind: ResourceKind, seed: int, mutation: list[tuple[int, int, bytes]]) -> None:
    pool = _seeds(kind)
    _read(apply_ops(pool[seed % len(pool)], mutation, pool[0], XML_TOKENS), kind)


# Found by bench/fuzz.py: a duplicated chunk in docProps/core.xml made python-docx raise AttributeError
# for the title, and the whole document was "broken_file" although its text was intact.
@MANY
@example(kind=ResourceKind.DOCX, seed=1, which=2, mode=0, mutation=[(5, 7684939, b"")])
@given(kind=KINDS, seed=st.integers(0, 1), which=st.integers(0, 15), mode=st.integers(0, 3), mutation=ops())
def test_damaged_zip_entries(
    kind: ResourceKind, seed: int, which: int, mode: int, mutation: list[tuple[int, int, bytes]]
) -> None:
    zips = [s for s in _seeds(kind) if s.startswith(b"PK")]  # the workbook seeds include a CSV
    body = mutate_zip(zips[seed % len(zips)], mutation, which, mode)
    _read(body, kind)


@MANY
@given(kind=KINDS, garbage=st.binary(max_size=2000) | st.text(max_size=300).map(str.encode))
def test_garbage_xml_in_a_valid_zip(kind: ResourceKind, garbage: bytes) -> None:
    part = "word/document.xml" if kind is ResourceKind.DOCX else "xl/worksheets/sheet1.xml"
    src = zipfile.ZipFile(io.BytesIO(_seeds(kind)[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = garbage if info.filename == part else src.read(info.filename)
            dst.writestr(zipfile.ZipInfo(info.filename, STAMP), body, zipfile.ZIP_DEFLATED)
    _read(out.getvalue(), kind)


@MANY
@given(xml=st.recursive(st.text(XML_CHARS, max_size=20).map(lambda s: s.replace("<", "").replace("&", "")),
                        lambda c: st.builds(lambda t, ch: f"<w:{t}>{''.join(ch)}</w:{t}>",
                                            st.sampled_from(["p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent",
                                                             "txbxContent", "tab", "br"]), st.lists(c, max_size=3)),
                        max_leaves=30))  # fmt: skip
def test_any_nesting_of_word_elements(xml: str) -> None:
    """Paragraphs in tables in text boxes in content controls, in any order: read, never raised on."""
    doc = assert_document(read_format(minimal_docx(xml), ResourceKind.DOCX), ResourceKind.DOCX)
    assert doc.readable or doc.unreadable_reason == "empty_document"


def test_a_damaged_core_xml_costs_only_the_title_and_dates() -> None:
    src = zipfile.ZipFile(io.BytesIO(docx_seeds()[1]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = b"<x/>" if info.filename == "docProps/core.xml" else src.read(info.filename)
            dst.writestr(info, body)
    doc = assert_document(read_format(out.getvalue(), ResourceKind.DOCX), ResourceKind.DOCX)
    assert doc.readable and "ประกาศ 2567" in doc.text
    assert (doc.title, doc.created, doc.modified) == ("", None, None)


@MANY
@example(rows=2, tail=200_000, quote='"', codec="cp874")  # was csv.Error out of the reader: the file was lost
@given(rows=st.integers(0, 50), tail=st.integers(0, 300_000), quote=st.sampled_from(['"', "'", ""]),
       codec=st.sampled_from(["cp874", "utf-8", "utf-8-sig"]))  # fmt: skip
def test_csv_with_an_unclosed_quote_keeps_the_rows_before_it(rows: int, tail: int, quote: str, codec: str) -> None:
    """A quote never closed makes the rest of a CSV one field, past the csv module's 128 KB limit."""
    text = "ลำดับ,รายการ\r\n" + "".join(f"{i},ซ่อมถนน หมู่ {i}\r\n" for i in range(1, rows + 1))
    body = (text + f"{rows + 1},{quote}" + "ก" * tail).encode(codec)
    doc = assert_document(read_format(body, ResourceKind.XLSX), ResourceKind.XLSX)
    if rows:
        assert doc.readable and f"{rows} | ซ่อมถนน หมู่ {rows}" in doc.text
    if quote == '"' and tail > 131_072:
        assert "CSV damaged after row" in (doc.detail or "")
