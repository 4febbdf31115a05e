"""The home page as an item's evidence: its whole text, less the menu words that name other items."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from checker.evaluate.naming import NamingMemo
from checker.evaluate.recognise import ItemMatcher
from checker.models import Document


def home_text(
    doc: Document, matcher: ItemMatcher, others: Sequence[ItemMatcher], memo: NamingMemo | None = None
) -> str:
    """The whole home page, less the words of links that name other items.

    A menu entry "คู่มือร้องเรียนการทุจริต" (O27) must not count as O28's corruption-complaint channel.
    Links stand in the text in page order, so each is looked for after the last one found: one pass over
    the text, not one per link (a home page of 20,000 links took seconds per item).
    """
    own = matcher.item.id
    others_ids = {o.item.id for o in others} - {own}

    if memo is not None and not others_ids <= {m.item.id for m in memo.matchers}:
        memo = None  # a memo made for this item alone cannot say which other items a link names

    def named(text: str) -> Collection[str]:
        if memo is not None:
            return memo.text(text)
        return [m.item.id for m in (matcher, *others) if m.names(text)]

    text = doc.text
    spans: list[tuple[int, int]] = []
    cursor = 0
    for link in doc.links:
        if not link.text:
            continue
        ids = named(link.text)
        if own in ids or not (matcher.excluded(link.text) or others_ids.intersection(ids)):
            continue
        at = text.find(link.text, cursor)
        if at >= 0:
            cursor = at + len(link.text)
        else:  # out of page order (a menu the text shows elsewhere): its first place
            at = text.find(link.text)
        if at >= 0:
            spans.append((at, at + len(link.text)))
    if not spans:
        return text
    pieces: list[str] = []
    end = 0
    for start, stop in sorted(spans):
        if start >= end:
            pieces.append(text[end:start])
        end = max(end, stop)
    pieces.append(text[end:])
    return " ".join(pieces)
