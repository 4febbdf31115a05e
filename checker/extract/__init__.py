"""Extract stage: fetched resources -> Documents. Pure functions of bytes + URL; no network."""

from __future__ import annotations

from dataclasses import replace

from checker.extract.html import extract_html
from checker.extract.kinds import classify, kind_from_url
from checker.models import Document, Resource, ResourceKind


def extract(resource: Resource) -> Document:
    """Turn one successfully fetched resource into a Document (unreadable kinds say why)."""
    url = resource.final_url or resource.url
    kind = resource.kind
    if kind is ResourceKind.HTML:
        doc = extract_html(resource.body, url, resource.content_type)
        expected = kind_from_url(resource.url)
        if expected is not None and expected is not ResourceKind.HTML and doc.soft_error is None:
            # A link to report.pdf that answers with a web page: the file is not there.
            return replace(doc, soft_error=f"{expected.value.upper()} → HTML")
        return doc
    # Reading document text is the next stage's work; until then say so (a message code, see i18n).
    return Document(url=url, kind=kind, readable=False, unreadable_reason=f"unread_{kind.value}")


__all__ = ["classify", "extract", "extract_html"]
