"""The field vocabulary (tests/fixtures/field/vocab.yaml), split into a dev pool and a test pool.

Every list in the file is split by a stable hash of each entry: the entries are ordered by their SHA-1 and dealt
alternately, the first to the dev pool, the second to the test pool, and so on. Both pools get half (the dev pool
one more for an odd count), and which pool an entry lands in depends only on the phrases of its list, never on
their order in the file. Lists of lists (table headers, unit sets) and lists of mappings (agency types) are split
the same way, by their JSON form.
"""

from __future__ import annotations

import hashlib
import json
import random
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

VOCAB_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "field" / "vocab.yaml"
Half = Literal["dev", "test"]


def _key(entry: Any) -> bytes:
    text = entry if isinstance(entry, str) else json.dumps(entry, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).digest()


def split(entries: list[Any]) -> tuple[list[Any], list[Any]]:
    """(dev, test): half each, dealt in the order of the entries' hashes; both non-empty from two entries."""
    ranked = sorted(range(len(entries)), key=lambda i: _key(entries[i]))
    dev_idx = set(ranked[0::2])
    dev = [e for i, e in enumerate(entries) if i in dev_idx]
    test = [e for i, e in enumerate(entries) if i not in dev_idx]
    return dev, test


def _is_variant_list(value: Any) -> bool:
    """A list of alternatives (split), as opposed to a fixed tuple such as one table header (kept whole)."""
    return isinstance(value, list) and bool(value)


def _split_tree(node: Any, half: Half) -> Any:
    if isinstance(node, dict):
        return {k: _split_tree(v, half) for k, v in node.items()}
    if _is_variant_list(node):
        dev, test = split(node)
        return dev if half == "dev" else test
    return node


@cache
def raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VOCAB_FILE.read_text(encoding="utf-8"))
    return data


@cache
def pool_data(half: Half) -> dict[str, Any]:
    tree: dict[str, Any] = _split_tree(raw(), half)
    return tree


class Pool:
    """One half's vocabulary, with a random generator to pick variants."""

    def __init__(self, half: Half, rng: random.Random) -> None:
        self.half = half
        self.data = pool_data(half)
        self.rng = rng

    def get(self, *path: str) -> Any:
        node: Any = self.data
        for part in path:
            node = node[part]
        return node

    def variants(self, *path: str) -> list[Any]:
        value = self.get(*path)
        if not isinstance(value, list):
            raise TypeError(f"{'.'.join(path)} is not a list")
        return list(value)

    def pick(self, *path: str) -> Any:
        return self.rng.choice(self.variants(*path))

    def item(self, item: str, key: str) -> Any:
        """A variant of one element wording of an item (items.<item>.<key>)."""
        return self.pick("items", item, key)

    def sample(self, *path: str, k: int) -> list[Any]:
        """Up to k distinct variants (fewer when the pool is smaller)."""
        values = self.variants(*path)
        return self.rng.sample(values, min(k, len(values)))
