"""Hypothesis settings and the contract every reader is held to, shared by the tests in tests/fuzz.

Derandomized and without an example database: CI runs the same inputs every time and nothing is written
into the working tree.  The deadline is the per-input time bound of the contract (5 s), not a benchmark:
a reader that is merely slow on this machine fails it only by a wide margin.
"""

from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import settings
from hypothesis import strategies as st

from checker.extract import DocLimits
from checker.i18n import MESSAGES
from checker.models import Document, Link, ResourceKind
from tests.fuzz.corpus import GROW, LIMITS, N_OPS, URL, Op

TIME_BOUND = timedelta(seconds=5)
FUZZ = settings(database=None, derandomize=True, deadline=TIME_BOUND, max_examples=100, print_blob=True)
# Office and PDF examples cost milliseconds each; the suite's budget is about a minute on two cores.
FUZZ_SLOW = settings(FUZZ, max_examples=40)

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def ops(max_size: int = 6) -> st.SearchStrategy[list[Op]]:
    """Mutations as data (see corpus.apply_ops): hypothesis shrinks a failure to the fewest, smallest ops."""
    op = st.tuples(
        st.integers(0, N_OPS - 1).filter(lambda k: k != GROW),  # growth has properties of its own
        st.integers(0, 2**24 - 1),
        st.binary(max_size=32),
    )
    return st.lists(op, min_size=1, max_size=max_size)


def assert_document(doc: object, kind: ResourceKind, limits: DocLimits = LIMITS, clean: bool = True) -> Document:
    """The reader's contract: a Document of the right kind for our URL that says why when it has no text;
    text within the caps, cleaned of control characters, pages that start inside it, dates that are dates.
    `clean=False` for "spreadsheets" that are web pages: the HTML reader keeps what the page says."""
    assert isinstance(doc, Document), f"{type(doc).__name__}, not a Document"
    assert doc.kind is kind and doc.url == URL
    if doc.readable:
        assert doc.unreadable_reason is None
    else:
        assert doc.unreadable_reason in MESSAGES, f"unknown reason {doc.unreadable_reason!r}"
        assert doc.text == "" and doc.links == ()
    if kind is not ResourceKind.HTML:
        assert len(doc.text) <= limits.max_chars
        assert not (clean and _CONTROL.search(doc.text)), "control characters left in a document's text"
        assert list(doc.page_starts) == sorted(doc.page_starts)
        assert all(0 <= start <= len(doc.text) for start in doc.page_starts)
        assert 0 <= doc.pages_read <= limits.max_pages
    for stamp in (doc.created, doc.modified):
        assert stamp is None or _ISO.fullmatch(stamp), stamp
    return doc


def assert_page(doc: object) -> Document:
    """An HTML Document: readable (a web page always is), its links and sections well formed."""
    page = assert_document(doc, ResourceKind.HTML)
    assert page.readable
    assert all(isinstance(link, Link) and isinstance(link.url, str) for link in page.links)
    assert all(link.url == "" or ":" in link.url for link in page.links), "a link that is not absolute"
    assert len(page.sections) == len(page.headings)
    assert all(-1 <= link.section < len(page.sections) for link in page.links)
    return page
