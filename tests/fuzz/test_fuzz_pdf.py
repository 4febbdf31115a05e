"""Property-based fuzzing of the PDF reader: small valid PDFs (a Thai text layer, an uncompressed content
stream, an image page, an RC4-encrypted copy) with bytes flipped, inserted, deleted, truncated, spliced."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.extract import extract
from checker.models import Resource, ResourceKind
from tests.fuzz.corpus import LIMITS, PDF_TOKENS, URL, apply_ops, pdf_seeds, read_document, read_format
from tests.fuzz.props import FUZZ_SLOW, assert_document, ops
from tests.support import make_docs as md

pytestmark = pytest.mark.skipif(md.font_path() is None, reason="no Thai font (apt-get install fonts-thai-tlwg)")

PDF = ResourceKind.PDF
MANY = settings(FUZZ_SLOW, max_examples=250)  # a small PDF reads in about a millisecond
# Found by bench/fuzz.py: eight bytes over the /Title's UTF-16 made pypdfium2 raise UnicodeDecodeError
# while reading the metadata, and the whole PDF was "broken_file" although its text layer was intact.


def _bad_title() -> list[tuple[int, int, bytes]]:
    """Overwrite the first seed's UTF-16 title with lone surrogates (once found by hypothesis as a fixed
    offset, which moved when fpdf2 or pypdf changed the seed's bytes): found by its syntax, not its place."""
    seed = pdf_seeds()[0]
    head = b"/Title (\\376\\377"
    start = seed.index(head) + len(head)
    span = seed.index(b")", start) + 1 - start
    pairs = (span - 1) // 8
    return [(8, start, b"\\330\\000" * pairs + b")" + b" " * (span - 1 - 8 * pairs))]


BAD_TITLE = _bad_title()


@MANY
@example(seed=0, other=0, mutation=BAD_TITLE)
@given(seed=st.integers(0, len(pdf_seeds()) - 1), other=st.integers(0, len(pdf_seeds()) - 1), mutation=ops())
def test_mutated_pdfs(seed: int, other: int, mutation: list[tuple[int, int, bytes]]) -> None:
    pool = pdf_seeds()
    body = apply_ops(pool[seed], mutation, pool[other], PDF_TOKENS)
    doc = assert_document(read_format(body, PDF), PDF)  # the PDF reader itself, not extract()'s catch-all
    assert doc.pages_read <= doc.page_count
    assert_document(read_document(body, PDF), PDF)


@FUZZ_SLOW
@given(seed=st.integers(0, len(pdf_seeds()) - 1), keep=st.floats(0, 1), cut=st.booleans())
def test_truncated_downloads(seed: int, keep: float, cut: bool) -> None:
    """A PDF cut short is a Document saying why; cut by the crawler's byte cap, it says "too_large"."""
    body = md.truncate(pdf_seeds()[seed], keep)
    resource = Resource(URL, URL, 200, kind=PDF, body=body, truncated=cut, cut="size" if cut else None)
    doc = assert_document(extract(resource, None, LIMITS), PDF)
    if cut and not doc.readable:
        assert doc.unreadable_reason in ("too_large", "scan_no_ocr", "empty_document", "encrypted")


def test_a_damaged_title_costs_only_the_title() -> None:
    body = apply_ops(pdf_seeds()[0], BAD_TITLE)
    pdf = pdfium.PdfDocument(body)
    try:
        with pytest.raises(UnicodeDecodeError):  # the damage this test is about is really there
            pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    doc = assert_document(read_format(body, PDF), PDF)
    assert doc.readable and doc.title == "" and "รายงาน" in doc.text
