"""Decode HTML bytes the way a browser would, with Thai legacy encodings in mind.

Many Thai government pages are TIS-620 / windows-874; some declare it, some only in a <meta>, some not at
all. Order: BOM, HTTP header, <meta>, strict UTF-8, then windows-874 (a superset of TIS-620).
"""

from __future__ import annotations

import codecs
import re

_ALIASES = {
    "tis-620": "cp874",
    "tis620": "cp874",
    "tis_620": "cp874",
    "iso-8859-11": "cp874",
    "iso8859-11": "cp874",
    "windows-874": "cp874",
    "x-windows-874": "cp874",
    "cp874": "cp874",
    "ms874": "cp874",
}
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-]+)", re.IGNORECASE)


def codec_name(label: str | None) -> str | None:
    """A Python codec for a charset label, or None if Python does not know it."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _ALIASES:
        return _ALIASES[label]
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # "base64", "zlib", "rot13" are codecs too, but not text encodings: bytes.decode refuses them.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _decode(body: bytes, codec: str) -> str | None:
    """`body` in `codec` with U+FFFD for bad bytes; None for codecs that cannot replace (idna, undefined)."""
    try:
        return body.decode(codec, errors="replace")
    except (LookupError, UnicodeError):
        return None


def charset_from_content_type(content_type: str) -> str | None:
    m = _HEADER.search(content_type or "")
    return m.group(1) if m else None


def decode_html(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Return (text, codec used). Never raises: undecodable bytes become U+FFFD."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace"), "utf-8"
    declared = codec_name(charset_from_content_type(content_type))
    if declared is None:
        m = _META.search(body[:4096])
        declared = codec_name(m.group(1).decode("ascii", "ignore")) if m else None
        if declared and declared.startswith(("utf-16", "utf-32")):
            declared = "utf-8"  # as browsers do: a <meta> that could be read as ASCII is not UTF-16
    # A page that says ISO-8859-1 but is really UTF-8 or TIS-620 is common; trust bytes over labels
    # only for Latin-1, which no Thai page can honestly be.
    if declared and declared != "utf-8" and declared not in ("latin-1", "iso8859-1", "cp1252"):
        text = _decode(body, declared)
        if text is not None:
            return text, declared
        declared = None
    try:
        # Not final: a body cut at a byte cap or a deadline may end inside a character, which is not a
        # sign of another encoding (it once turned a cut UTF-8 page into cp874 mojibake).
        return codecs.getincrementaldecoder("utf-8")().decode(body, final=False), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared in ("latin-1", "iso8859-1", "cp1252") and not _looks_thai_cp874(body):
        return body.decode(declared, errors="replace"), declared
    return body.decode("cp874", errors="replace"), "cp874"


def _looks_thai_cp874(body: bytes) -> bool:
    """Thai letters in windows-874 occupy 0xA1-0xFB; a page full of them is Thai, not Western."""
    high = sum(1 for b in body[:20000] if b >= 0x80)
    thai = sum(1 for b in body[:20000] if 0xA1 <= b <= 0xFB)
    return high > 0 and thai / high > 0.9
