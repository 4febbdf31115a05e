"""What extraction made of a response, kept on disk so a re-run does not read an unchanged file again.

A nightly re-run of an unchanged site gets 304s from the HTTP cache, but reading every page and PDF again
(OCR of a scan costs seconds a page) was most of its time. Entries are keyed by everything `extract()`
looks at: the body's SHA-256, both URLs, content type, kind, the truncation flag, whether OCR was on, and a
fingerprint of the extraction code itself, so a changed file, a new oitcheck or a change to any extractor
reads afresh. Keyed by content, a page that answers 200 with the same bytes (no ETag, as many PHP sites)
is not read twice either. Values are plain JSON (zlib), never pickle: a cache file must not run code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from checker import __version__
from checker.crawl.cache_file import CacheFile, CacheStore
from checker.models import Document, Form, Image, Link, Resource, ResourceKind, Section

KEEP_DAYS = 30  # entries not used for this long are dropped when the cache is closed
_NESTED: dict[str, type] = {"links": Link, "images": Image, "forms": Form, "sections": Section}
_NESTED_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _NESTED.items()}
_SCHEMA = """CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY, value BLOB NOT NULL, used_at REAL NOT NULL)"""


@cache
def extractor_fingerprint() -> str:
    """oitcheck's version and a hash of the extraction code and models: any change there reads afresh."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted([*(root / "extract").glob("*.py"), root / "models.py"]):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def document_key(res: Resource, ocr: str) -> str:
    """`ocr` names the OCR engine in use ("" when none): a scan read without OCR differs from one read with it."""
    parts = (extractor_fingerprint(), res.url, res.final_url, res.content_type, res.kind.value, str(res.truncated), ocr)
    h = hashlib.sha256("\0".join(parts).encode())
    h.update(bytes.fromhex(res.digest) if res.digest else hashlib.sha256(res.body).digest())
    return h.hexdigest()


def worth_keeping(doc: Document) -> bool:
    """Results a second try could change (OCR that hit its time cap or failed) are not kept."""
    detail = doc.detail or ""
    return "OCR time cap" not in detail and "OCR failed" not in detail


def encode(doc: Document) -> bytes:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(doc):
        value = getattr(doc, f.name)
        if f.name in _NESTED:
            names = _NESTED_FIELDS[f.name]
            value = [[getattr(x, n) for n in names] for x in value]
        elif isinstance(value, ResourceKind):
            value = value.value
        out[f.name] = value
    return zlib.compress(json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode(blob: bytes) -> Document:
    raw = json.loads(zlib.decompress(blob))
    fields: dict[str, Any] = {}
    for name, value in raw.items():
        if name in _NESTED:
            cls = _NESTED[name]
            value = tuple(cls(*x) for x in value)
        elif name == "kind":
            value = ResourceKind(value)
        elif isinstance(value, list):
            value = tuple(value)
        fields[name] = value
    return Document(**fields)


class DocumentCache(CacheStore):
    """SQLite file of extracted Documents, used from the crawl's event-loop thread only. A cache never stops
    a check: if the file cannot be opened, read or written, the run goes on reading everything afresh."""

    def __init__(self, path: Path) -> None:
        self._file = CacheFile(path, _SCHEMA)
        self._used: list[str] = []
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Document | None:
        row = self._file.run("SELECT value FROM documents WHERE key = ?", key)
        if row is None:
            self.misses += 1
            return None
        try:
            doc = decode(row[0])
        except (ValueError, TypeError, KeyError, zlib.error):  # written by another version or damaged: read afresh
            self.misses += 1
            return None
        self.hits += 1
        self._used.append(key)
        return doc

    def put(self, key: str, doc: Document) -> None:
        if worth_keeping(doc):
            self._file.run("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", key, encode(doc), time.time())

    def close(self) -> None:
        """Mark what this run used, drop what no run used for KEEP_DAYS."""
        self._file.close("documents", "key", "used_at", self._used, KEEP_DAYS)


def document_cache_path(http_cache: Path) -> Path:
    """Next to the HTTP cache file: the two are used (and cleared) together."""
    return http_cache.with_name(http_cache.stem + "-documents.db")
