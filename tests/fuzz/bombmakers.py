"""Decompression bombs for tests/fuzz/test_bombs.py, built in a second instead of compressing gigabytes,
and a child process that reads one and reports its peak memory.

A deflate stream flushed with Z_FULL_FLUSH is byte-aligned and refers to nothing before it, so the blocks
that inflate to 1 MiB of one byte can be repeated: 1 GiB costs a 1 MiB compression, 1,024 copies of its
1 KB of blocks and a checksum.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from typing import Any

MiB = 1 << 20


def _blocks(fill: bytes, level: int = 9) -> bytes:
    """Deflate blocks (no header) that inflate to 1 MiB of `fill`, repeatable back to back."""
    c = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(fill * (MiB // len(fill))) + c.flush(zlib.Z_FULL_FLUSH)


def raw_deflate(mib: int, fill: bytes = b" ") -> bytes:
    """Raw deflate (zip entries) of `mib` MiB of `fill`, with its final empty block."""
    return _blocks(fill) * mib + b"\x03\x00"


def zlib_bomb(mib: int, fill: bytes = b" ") -> bytes:
    """A zlib stream (PDF /FlateDecode, HTTP deflate) of `mib` MiB of `fill`, checksum included."""
    adler = 1
    for _ in range(mib):
        adler = zlib.adler32(fill * (MiB // len(fill)), adler)
    return b"\x78\xda" + raw_deflate(mib, fill) + struct.pack(">I", adler)


def gzip_bomb(mib: int, fill: bytes = b"\0") -> bytes:
    """A gzip member (HTTP Content-Encoding: gzip) of `mib` MiB of `fill`, CRC and size included."""
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(fill * (MiB // len(fill)), crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + raw_deflate(mib, fill) + struct.pack("<II", crc, (mib * MiB) & 0xFFFFFFFF)


def png(width: int, height: int, idat: bytes, mode: int = 6) -> bytes:
    """A PNG whose header says width x height (CRCs right, so Pillow believes it), with `idat` as its data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, mode, 0, 0, 0)
    chunks = [(b"IHDR", ihdr), (b"IDAT", idat), (b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data)) for tag, data in chunks
    )


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 first), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", flate: bool = True) -> bytes:
    head = b"<< /Length %d%s %s>>" % (len(data), b" /Filter /FlateDecode" if flate else b"", extra)
    return head + b"\nstream\n" + data + b"\nendstream"


def one_page_pdf(contents: bytes, *more: bytes, resources: bytes = b"") -> bytes:
    """Catalog, pages, one page whose /Contents is `contents` (b"4 0 R" or an array), objects 4.. = `more`."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %s /Resources << %s >> >>"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                page % (contents, resources), *more])  # fmt: skip


def zip_with(entries: dict[str, bytes], raw: dict[str, tuple[bytes, int, int]] | None = None) -> bytes:
    """A zip of `entries`, plus entries given as already-deflated data (data, inflated size, CRC): a bomb
    costs its compressed size, not its inflated one, to write."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in entries.items():
            z.writestr(name, body)
    if raw:
        out = io.BytesIO(_append_deflated(out.getvalue(), raw))
    return out.getvalue()


def _append_deflated(archive: bytes, raw: dict[str, tuple[bytes, int, int]]) -> bytes:
    """Rewrite `archive` with pre-deflated entries added (zipfile cannot write them without inflating)."""
    src = zipfile.ZipFile(io.BytesIO(archive))
    local, central = bytearray(), bytearray()
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    for name, body in items:
        c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        data = c.compress(body) + c.flush()
        _entry(local, central, name, data, len(body), zlib.crc32(body))
    for name, (data, size, crc) in raw.items():
        _entry(local, central, name, data, size, crc)
    count = len(items) + len(raw)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(local), 0)
    return bytes(local + central + end)


def _entry(local: bytearray, central: bytearray, name: str, data: bytes, size: int, crc: int) -> None:
    encoded = name.encode()
    offset = len(local)
    local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
    local += encoded + data
    central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                           len(encoded), 0, 0, 0, 0, 0, offset) + encoded  # fmt: skip


def parts(archive: bytes) -> dict[str, bytes]:
    """Every entry of a zip, by name."""
    z = zipfile.ZipFile(io.BytesIO(archive))
    return {name: z.read(name) for name in z.namelist()}


def docx_parts(document_xml: bytes = b"") -> dict[str, bytes]:
    """The parts of a minimal DOCX; `document_xml` empty leaves word/document.xml to the caller."""
    from tests.fuzz.corpus import minimal_docx

    entries = parts(minimal_docx(""))
    if document_xml:
        entries["word/document.xml"] = document_xml
    else:
        del entries["word/document.xml"]
    return entries


def peak_rss(code: str, timeout: float = 120) -> dict[str, Any]:
    """Run `code` in a fresh interpreter; it must define `run()` returning a dict.  Returns that dict with
    the process's peak resident memory before and after run() (MiB, getrusage) and the seconds it took."""
    script = textwrap.dedent(
        """
        import json, resource, sys, time
        def peak():
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        """
    ) + textwrap.dedent(code) + textwrap.dedent(
        """
        before = peak()
        started = time.perf_counter()
        result = run()
        result.update(seconds=time.perf_counter() - started, rss_before=before, rss_after=peak())
        print(json.dumps(result))
        """
    )  # fmt: skip
    # Through a small launcher: Linux carries ru_maxrss over fork and exec, so a child of pytest (300+ MB
    # after a few hundred tests) would start with pytest's peak as its own.
    launcher = "import subprocess, sys; sys.exit(subprocess.run([sys.executable, '-c', sys.argv[1]]).returncode)"
    proc = subprocess.run([sys.executable, "-c", launcher, script], capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result
