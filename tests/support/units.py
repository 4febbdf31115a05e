"""An evidence unit made from a string, for element-check tests (no crawl, no extraction)."""

from __future__ import annotations

from checker.extract.thai import normalise
from checker.models import EvidenceUnit, ResourceKind


def unit(text: str, *, kind: ResourceKind = ResourceKind.PDF, ocr: bool = False, **kw: object) -> EvidenceUnit:
    """A readable document unit with `text` normalised as extraction would."""
    return EvidenceUnit(
        url="http://example.go.th/files/doc.pdf",
        found_via="http://example.go.th/ita.html",
        state="ok",
        kind=kind,
        readable=True,
        text=normalise(text),
        ocr=ocr,
        **kw,  # type: ignore[arg-type]
    )
