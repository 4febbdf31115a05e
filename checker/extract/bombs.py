"""Decompression bombs, measured before a library unpacks them: zip archives (DOCX/XLSX) and PDF streams.

A 300 KB PDF whose page lists one 300 MB content stream four times made PDFium allocate 2.4 GB; a 1 MB zip
entry can inflate to a gigabyte, and a bzip2 entry far more in one read.  python-docx, openpyxl and PDFium
inflate whatever they are given, in our process, and PDFium cannot be interrupted once it has started, so
the sizes are checked first, from the bytes: a file over a cap is "too_large" with the figure that said so,
never half-read.  Image pixel counts are checked in checker.extract.documents (Pillow reads them cheaply).
"""

from __future__ import annotations

import bisect
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["MAX_PDF_STREAMS", "MAX_ZIP_ENTRIES", "MAX_ZIP_RATIO", "pdf_bomb", "zip_bomb"]

MAX_ZIP_ENTRIES = 10_000  # a DOCX has about 15 parts, a workbook one per sheet and a few more
MAX_ZIP_RATIO = 100  # deflate reaches 1032:1 on zeros; Office XML compresses 5-20:1
_RATIO_FROM = 1_000_000  # small entries may compress as well as they like: they cannot exhaust anything
_OFFICE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def zip_bomb(archive: zipfile.ZipFile, max_unzipped: int) -> str | None:
    """Why `archive` must not be unpacked (too many entries, too big inflated, too high a ratio, a method
    Office never writes), or None.  The sizes come from the central directory; zipfile stops reading an
    entry at its declared size, so a lying header cannot make it inflate more than it claims."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        return f"zip bomb: {len(infos):,} entries > {MAX_ZIP_ENTRIES:,}"
    total = sum(info.file_size for info in infos)
    if total > max_unzipped:
        return f"zip bomb: entries inflate to {total:,} bytes > {max_unzipped:,}"
    for info in infos:
        if info.compress_type not in _OFFICE_METHODS:
            # bzip2/LZMA entries are decompressed a whole read at a time, before the size check applies.
            return f"zip entry {info.filename[:80]!r} uses compression method {info.compress_type}, not deflate"
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > _RATIO_FROM and ratio > MAX_ZIP_RATIO:
            return (
                f"zip bomb: {info.filename[:80]!r} inflates {ratio:,.0f}:1 "
                f"({info.compress_size:,} -> {info.file_size:,} bytes) > {MAX_ZIP_RATIO}:1"
            )
    return None


# --------------------------------------------------------------------------------------------------
# PDF: what PDFium would inflate and parse to read the text layer

_RE_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_RE_OBJ = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+obj\b")
_RE_REF = re.compile(rb"(?<![\d.])(\d{1,10})\s+\d{1,5}\s+R(?![A-Za-z0-9_])")
_RE_CONTENTS = re.compile(rb"/Contents\s*(\[[^\]]{0,100000}\]|\d{1,10}\s+\d{1,5}\s+R)")
_RE_FLATE = re.compile(rb"/Fl(?:ateDecode)?(?![A-Za-z0-9])")
_RE_IMAGE = re.compile(rb"/Subtype\s*/Image(?![A-Za-z0-9])")
_RE_FORM = re.compile(rb"/Subtype\s*/Form(?![A-Za-z0-9])")
_RE_DO = re.compile(rb"/[^\s/\[\]<>(){}%]{1,127}\s*Do(?![A-Za-z0-9])")  # "/Fm0 Do": draw a form XObject
MAX_RESCAN = 16_000_000  # bytes reread looking for endstreams, beyond four times the file (legit: < 1x)
MAX_PDF_STREAMS = 200_000  # a 900-page report has a few thousand; measuring each costs ~3 µs
_CHUNK = 1 << 20  # inflated bytes per step
_CHUNK_IN = 1 << 16  # compressed bytes per step
_KEEP_OBJSTM = 16 << 20  # object-stream text kept to find page dictionaries and references inside it


@dataclass
class _Scan:
    budget: int
    size: int = 0  # bytes inflated from the current stream
    dos: int = 0  # Do operators seen: each makes PDFium inflate and parse a form XObject again
    keep: bytearray | None = None


def _drain(decs: list[zlib._Decompress], level: int, data: bytes | memoryview, scan: _Scan) -> None:
    """Inflate `data` through filters `level`.. of a /FlateDecode chain, counting, keeping no more than a
    chunk (and object-stream text); stops once past the budget.  Input goes in 64 KB at a time: zlib takes
    time in proportion to the input it is handed even when it fails on the first byte."""
    dec = decs[level]
    pos = 0
    while scan.size <= scan.budget and not dec.eof:
        if dec.unconsumed_tail:
            piece: bytes | memoryview = dec.unconsumed_tail
        elif pos < len(data):
            piece, pos = data[pos : pos + _CHUNK_IN], pos + _CHUNK_IN
        else:
            return
        try:
            out = dec.decompress(piece, _CHUNK)
        except zlib.error:
            return
        if level + 1 < len(decs):
            _drain(decs, level + 1, out, scan)
        else:
            scan.size += len(out)
            scan.dos += len(_RE_DO.findall(out))
            if scan.keep is not None and len(scan.keep) < _KEEP_OBJSTM:
                scan.keep += out


@dataclass
class _Streams:
    sizes: dict[int, int] = field(default_factory=dict)  # object number -> bytes once inflated (or raw)
    inflated: dict[int, int] = field(default_factory=dict)  # the same, for FlateDecode streams only
    refs: Counter[int] = field(default_factory=Counter)
    anonymous: int = 0  # inflated bytes of streams whose object number was not found
    dos: int = 0  # Do operators in all streams, and in the stream that has most
    most_dos: int = 0
    form: int = 0  # the largest form XObject, inflated

    named: int = 0  # sum of inflated[num] * refs[num], kept as streams are added

    def add(self, num: int, size: int, flate: bool) -> None:
        old = self.sizes.get(num, 0)
        self.sizes[num] = max(old, size)
        if flate:
            self.named += (self.sizes[num] - self.inflated.get(num, 0)) * max(1, self.refs[num])
            self.inflated[num] = self.sizes[num]

    def total(self) -> int:
        """Bytes inflated to read the file: each stream as often as it is referenced, a form once per Do."""
        return self.named + self.anonymous + self.dos * self.form

    def recount(self) -> None:
        self.named = sum(size * max(1, self.refs[num]) for num, size in self.inflated.items())

    def largest_page(self, holders: bytes) -> int:
        """The most content one page makes PDFium hold at once: its /Contents streams (a list may name one
        stream a hundred times) or the forms its Do operators draw, whichever is more."""
        pages = [sum(self.sizes.get(int(r.group(1)), 0) for r in _RE_REF.finditer(m.group(1)))
                 for m in _RE_CONTENTS.finditer(holders)]  # fmt: skip
        return max([*pages, self.anonymous, self.most_dos * self.form])


def pdf_bomb(body: bytes, max_total: int, max_page: int) -> tuple[str, str] | None:
    """Why PDFium must not be given this PDF, as (reason code, detail) — its streams inflate past
    `max_total` bytes, one page's content past `max_page` (PDFium holds about 20 bytes per byte of text
    operators), or its streams lack the endstream PDFium would search the file for — or None.

    Image streams are left out: PDFium decodes them only to render a page for OCR, at a capped size.
    Encrypted streams cannot be measured before decryption and count as nothing.
    """
    streams = _Streams()
    streams.refs.update(int(m.group(1)) for m in _RE_REF.finditer(body))
    objstm = bytearray()
    view = memoryview(body)  # stream data is read in place, not copied
    keywords = [m.end() for m in _RE_STREAM.finditer(body)]
    ends = [m.start() for m in re.finditer(rb"endstream", body)]
    if len(keywords) > MAX_PDF_STREAMS:
        return "too_large", f"PDF bomb: {len(keywords):,} streams > {MAX_PDF_STREAMS:,}, too many to measure"
    # A stream whose /Length is wrong sends PDFium looking for its endstream: thousands of them without one
    # made it read the rest of the file once each (20,000 in 1 MB: 32 s; 30 MB would take hours).
    rescan = 0
    for start in keywords:
        e = bisect.bisect_left(ends, start)
        rescan += (ends[e] if e < len(ends) else len(body)) - start
    if rescan > 4 * len(body) + MAX_RESCAN:
        return (
            "broken_file",
            f"{len(keywords):,} streams without their endstream: the parser would reread {rescan:,} bytes",
        )
    # Every window below is cut at the keyword before it, so that a file of nothing but "stream" keywords
    # is read once, not once per keyword (which took 3 s for 400 KB).
    inflated = 0  # bytes this scan inflated: overlapping streams (no endstream between them) count each time
    for k, start in enumerate(keywords):
        before = keywords[k - 1] if k else 0
        head = body[max(before, start - 1024) : start]
        if b"obj" not in head:
            head = body[max(before, start - 8192) : start]
        objs = list(_RE_OBJ.finditer(head))
        obj = objs[-1] if objs else None  # the nearest "N 0 obj" before the keyword
        info = head[obj.end() :] if obj is not None else head[-1024:]
        flates = len(_RE_FLATE.findall(info))
        if _RE_IMAGE.search(info):
            continue
        e = bisect.bisect_left(ends, start)
        end = ends[e] if e < len(ends) else len(body)
        if flates:
            # Up to endstream, not the next keyword: compressed bytes may spell "stream" to hide the rest.
            budget = max(0, max_total - max(streams.total(), inflated))
            scan = _Scan(budget=budget, keep=objstm if b"/ObjStm" in info else None)
            _drain([zlib.decompressobj() for _ in range(min(flates, 4))], 0, view[start:end], scan)
            size, dos = scan.size, scan.dos
            inflated += size
        else:
            data = view[start : min(end, keywords[k + 1] if k + 1 < len(keywords) else end)]
            size, dos = len(data), len(_RE_DO.findall(data))
        streams.dos += dos
        streams.most_dos = max(streams.most_dos, dos)
        if obj is None:
            streams.anonymous += size if flates else 0
        else:
            streams.add(int(obj.group(1)), size, bool(flates))
        if _RE_FORM.search(info):
            streams.form = max(streams.form, size)
        if max(streams.total(), inflated) > max_total:
            break
    if objstm:
        streams.refs.update(int(m.group(1)) for m in _RE_REF.finditer(objstm))
        streams.recount()
    total = max(streams.total(), inflated)
    if total > max_total:
        return "too_large", f"PDF bomb: streams inflate to more than {max_total:,} bytes ({total:,} counted)"
    page = max(streams.largest_page(body), streams.largest_page(bytes(objstm)))
    if page > max_page:
        return "too_large", f"PDF bomb: one page's content inflates to {page:,} bytes > {max_page:,}"
    return None
