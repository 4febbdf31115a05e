"""Property-based fuzzing of the image reader's decoding path (OCR is left out: ocr=None): PNG, JPEG,
multi-page TIFF, GIF, WebP and BMP files mutated, and their size fields set to anything a header can say."""

from __future__ import annotations

import struct
import zlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.models import ResourceKind
from tests.fuzz.corpus import LIMITS, apply_ops, image_seeds, read_document, read_format
from tests.fuzz.props import FUZZ, assert_document, ops

# Pillow warns about every damaged TIFF tag and EXIF block it skips: expected here, by the thousand.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

IMAGE = ResourceKind.IMAGE
MANY = settings(FUZZ, max_examples=300)  # a 16x8 image decodes in microseconds
# Found by bench/fuzz.py: one flipped bit in the second page of a two-page TIFF made Pillow raise
# TypeError while counting pages, and the first page, already decoded, was lost with the file.
BROKEN_SECOND_PAGE = [(0, 3781148, b"\xf5\xc4\x92\x04")]
TIFF = 4  # index of the two-page TIFF in image_seeds()


@MANY
@example(seed=TIFF, other=0, mutation=BROKEN_SECOND_PAGE)
@given(seed=st.integers(0, len(image_seeds()) - 1), other=st.integers(0, len(image_seeds()) - 1), mutation=ops())
def test_mutated_images(seed: int, other: int, mutation: list[tuple[int, int, bytes]]) -> None:
    pool = image_seeds()
    body = apply_ops(pool[seed], mutation, pool[other])
    doc = assert_document(read_format(body, IMAGE), IMAGE)  # the image reader itself
    assert doc.unreadable_reason in ("scan_no_ocr", "broken_file", "too_large", "empty_document")
    assert_document(read_document(body, IMAGE), IMAGE)


def test_a_broken_second_page_keeps_the_first() -> None:
    doc = assert_document(read_format(apply_ops(image_seeds()[TIFF], BROKEN_SECOND_PAGE), IMAGE), IMAGE)
    assert (doc.unreadable_reason, doc.page_count) == ("scan_no_ocr", 1)  # read (no OCR here), not "broken"


def _png(width: int, height: int, mode: int) -> bytes:
    """A PNG whose header says width x height (CRC right, so Pillow believes it) and whose data is tiny."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, mode, 0, 0, 0)
    chunks = [(b"IHDR", ihdr), (b"IDAT", zlib.compress(b"\x00" * 64)), (b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data)) for tag, data in chunks
    )


@FUZZ
@example(width=8000, height=8000, mode=0)  # 64 M pixels: under Pillow's error (179 M), over our cap
@example(width=2**31 - 1, height=2**31 - 1, mode=6)
@given(width=st.integers(1, 2**31 - 1), height=st.integers(1, 2**31 - 1), mode=st.sampled_from([0, 2, 3, 4, 6]))
def test_png_header_sizes(width: int, height: int, mode: int) -> None:
    """Any size a PNG header claims: over the pixel cap it is "too_large" before a byte is decoded."""
    doc = assert_document(read_format(_png(width, height, mode), IMAGE), IMAGE)
    if width * height > LIMITS.max_image_pixels:
        assert doc.unreadable_reason == "too_large" and "pixels" in (doc.detail or "")
    else:
        assert doc.unreadable_reason in ("broken_file", "scan_no_ocr")


@FUZZ
@given(width=st.integers(0, 65535), height=st.integers(0, 65535), seed=st.sampled_from([2, 3]))
def test_jpeg_header_sizes(width: int, height: int, seed: int) -> None:
    jpeg = image_seeds()[seed]
    sof = max(jpeg.find(b"\xff\xc0"), jpeg.find(b"\xff\xc2"))  # baseline or progressive frame header
    assert sof > 0
    body = jpeg[: sof + 5] + struct.pack(">HH", height, width) + jpeg[sof + 9 :]
    doc = assert_document(read_format(body, IMAGE), IMAGE)
    if width * height > LIMITS.max_image_pixels:
        assert doc.unreadable_reason == "too_large"
