"""What changed between two rule packs, item by item: the heart of `oitcheck rules diff`. Pure logic.

Items are paired by what they are, not only by their id: a new year's manual renumbers items (O12 becomes
O10) and may give an old id to other content. Every old item is scored against every new one on its title
(Thai and English), its element ids and labels and the titles it is recognised by; pairs are then taken
best first, one to one, down to a threshold (greedy: with a few dozen items the best pair is nearly always
unambiguous; at equal scores the same id wins). What is left over was removed or added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from checker.rules.schema import Element, Item, RulePack

THRESHOLD = 0.5  # below this two items are not the same item, whatever their ids
SAME_ID_BONUS = 0.02  # breaks ties only: the score itself says how alike the contents are

ChangeKind = Literal[
    "renumbered",
    "title",
    "element_added",
    "element_removed",
    "element_reworded",
    "period",
    "indicator",
    "recognise",
]
PACK_FIELDS = ("indicators", "item_id_pattern", "settled_statuses", "periods", "scoring")


@dataclass(frozen=True)
class Change:
    """One change of a paired item; `before`/`after` are the old and new values in words (codes, ids)."""

    kind: ChangeKind
    element: str | None = None
    before: str | None = None
    after: str | None = None
    fields: tuple[str, ...] = ()  # what changed in a reworded element or in recognition


@dataclass(frozen=True)
class Pair:
    old: str
    new: str
    score: float
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class PackDiff:
    old_id: str
    old_year: int
    old_count: int
    new_id: str
    new_year: int
    new_count: int
    pairs: tuple[Pair, ...]  # in the new pack's order
    removed: tuple[str, ...]  # in the old pack's order
    added: tuple[str, ...]  # in the new pack's order
    pack_changes: tuple[str, ...] = field(default=())  # top-level settings that differ (scoring, periods …)

    @property
    def changed(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.changes)

    def id_map(self) -> dict[str, str]:
        """Old item id -> new item id, for every paired item."""
        return {p.old: p.new for p in self.pairs}


# ---------------------------------------------------------------- similarity


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(a.strip().lower(), b.strip().lower()) / 100.0


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _labels(item: Item) -> set[str]:
    return {e.label.th.strip() for e in item.elements} | {e.label.en.strip().lower() for e in item.elements}


def similarity(a: Item, b: Item) -> float:
    """0..1: how much two items are the same requirement (the id plays no part)."""
    title = max(_ratio(a.title.th, b.title.th), _ratio(a.title.en, b.title.en))
    elements = _jaccard({e.id for e in a.elements}, {e.id for e in b.elements})
    labels = _jaccard(_labels(a), _labels(b))
    recognise = _jaccard(set(a.recognise.titles), set(b.recognise.titles))
    return round(0.35 * title + 0.25 * elements + 0.15 * labels + 0.25 * recognise, 4)


def match(old: RulePack, new: RulePack, threshold: float = THRESHOLD) -> list[tuple[Item, Item, float]]:
    """One-to-one pairs of (old item, new item, score), best first, none below `threshold`."""
    scored = [
        (similarity(a, b) + (SAME_ID_BONUS if a.id == b.id else 0.0), i, j, a, b)
        for i, a in enumerate(old.items)
        for j, b in enumerate(new.items)
    ]
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[Item, Item, float]] = []
    for score, i, j, a, b in scored:
        bare = min(1.0, score - (SAME_ID_BONUS if a.id == b.id else 0.0))
        if bare < threshold:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((a, b, round(bare, 4)))
    return pairs


# ---------------------------------------------------------------- what changed in a pair


def _element_fields(a: Element, b: Element) -> tuple[str, ...]:
    out = []
    if a.label != b.label:
        out.append("label")
    if a.missing != b.missing:
        out.append("missing")
    if a.scope != b.scope:
        out.append("scope")
    if a.spec.model_dump() != b.spec.model_dump():
        out.append("check" if a.spec.check != b.spec.check else "parameters")
    return tuple(out)


def _period(item: Item) -> str:
    words = item.period + ("" if item.period_from == "name" else f" (period_from: {item.period_from})")
    return words + (f" — {item.period_note.en}" if item.period_note else "")


def item_changes(a: Item, b: Item) -> tuple[Change, ...]:
    """What changed from `a` to `b`, in a fixed order: id, title, elements, period, indicator, recognition."""
    out: list[Change] = []
    if a.id != b.id:
        out.append(Change("renumbered", before=a.id, after=b.id))
    if a.title != b.title:
        th = a.title.th != b.title.th
        out.append(Change("title", before=a.title.th if th else a.title.en, after=b.title.th if th else b.title.en))
    old = {e.id: e for e in a.elements}
    new = {e.id: e for e in b.elements}
    out += [Change("element_removed", element=e) for e in old if e not in new]
    out += [Change("element_added", element=e) for e in new if e not in old]
    for e, before in old.items():
        if e in new and (fields := _element_fields(before, new[e])):
            out.append(
                Change("element_reworded", element=e, before=before.label.th, after=new[e].label.th, fields=fields)
            )
    if _period(a) != _period(b):
        out.append(Change("period", before=_period(a), after=_period(b)))
    if a.indicator != b.indicator:
        out.append(Change("indicator", before=a.indicator, after=b.indicator))
    recognise = tuple(k for k in type(a.recognise).model_fields if getattr(a.recognise, k) != getattr(b.recognise, k))
    if recognise:
        out.append(Change("recognise", fields=recognise))
    return tuple(out)


def compare(old: RulePack, new: RulePack, threshold: float = THRESHOLD) -> PackDiff:
    """Everything `oitcheck rules diff` says about two packs."""
    pairs = {b.id: Pair(a.id, b.id, score, item_changes(a, b)) for a, b, score in match(old, new, threshold)}
    paired_old = {p.old for p in pairs.values()}
    return PackDiff(
        old_id=old.id,
        old_year=old.fiscal_year,
        old_count=len(old.items),
        new_id=new.id,
        new_year=new.fiscal_year,
        new_count=len(new.items),
        pairs=tuple(pairs[i.id] for i in new.items if i.id in pairs),
        removed=tuple(i.id for i in old.items if i.id not in paired_old),
        added=tuple(i.id for i in new.items if i.id not in pairs),
        pack_changes=tuple(f for f in PACK_FIELDS if getattr(old, f) != getattr(new, f)),
    )


def as_json(diff: PackDiff, old: RulePack, new: RulePack) -> dict[str, object]:
    """`oitcheck rules diff --json`: the two packs, the items removed, added and paired, and their changes."""
    titles_old = {i.id: i.title.model_dump() for i in old.items}
    titles_new = {i.id: i.title.model_dump() for i in new.items}
    return {
        "from": {"id": diff.old_id, "fiscal_year": diff.old_year, "items": diff.old_count},
        "to": {"id": diff.new_id, "fiscal_year": diff.new_year, "items": diff.new_count},
        "removed": [{"id": i, "title": titles_old[i]} for i in diff.removed],
        "added": [{"id": i, "title": titles_new[i]} for i in diff.added],
        "changed": [
            {
                "from": p.old,
                "to": p.new,
                "score": p.score,
                "title": titles_new[p.new],
                "changes": [{k: v for k, v in vars(c).items() if v not in (None, ())} for c in p.changes],
            }
            for p in diff.changed
        ],
        "unchanged": [p.new for p in diff.pairs if not p.changes],
        "pack_changes": list(diff.pack_changes),
    }
