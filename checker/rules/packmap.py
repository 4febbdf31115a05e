"""The item id map between two packs: how history follows an item when a new manual renumbers it.

`oitcheck rules diff OLD NEW --write-map PATH` writes it; `oitcheck diff --map PATH` reads it to compare a run
made with OLD with one made with NEW. Written by hand, it is validated as strictly as a pack (file:line):

    from: oit_2567
    to: oit_2569
    items: {O1: O1, O12: O10, …}   # every old item that is still there, old id -> new id
    removed: [O43]                  # old items with no counterpart (their verdicts are not carried over)
    added: [O44]                    # new items (no earlier verdict: "new" in the diff)

An old id that is neither in `items` nor in `removed` keeps its id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ConfigDict, Field, ValidationError, model_validator

from checker.rules.base import _Strict
from checker.rules.compare import PackDiff
from checker.rules.loader import RuleFileError, _field_name, _line_for, builtin_dir, yaml_lines


class PackMap(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_pack: str = Field(alias="from", min_length=1)
    to_pack: str = Field(alias="to", min_length=1)
    items: dict[str, str] = Field(default_factory=dict)
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_to_one(self) -> PackMap:
        seen: dict[str, str] = {}
        for old, new in self.items.items():
            if new in seen:
                raise ValueError(f"items: {seen[new]} and {old} both become {new}: an item maps to one item")
            seen[new] = old
        both = sorted(set(self.removed) & set(self.items))
        if both:
            raise ValueError(f"removed: {', '.join(both)} also in items")
        return self

    def translation(self) -> dict[str, str | None]:
        """Old id -> new id, or None for an old item that is gone (what store.diff_reports takes)."""
        return {**self.items, **dict.fromkeys(self.removed)}


def from_diff(diff: PackDiff) -> PackMap:
    data = {"from": diff.old_id, "to": diff.new_id, "items": diff.id_map(), "removed": diff.removed}
    return PackMap.model_validate({**data, "added": diff.added})


def dump(m: PackMap) -> str:
    head = f"# oitcheck rules diff {m.from_pack} {m.to_pack} --write-map: item ids from {m.from_pack} to {m.to_pack}\n"
    data: dict[str, Any] = {
        "from": m.from_pack,
        "to": m.to_pack,
        "items": dict(m.items),
        "removed": list(m.removed),
        "added": list(m.added),
    }
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def builtin_map(from_pack: str, to_pack: str) -> Path | None:
    """A map shipped with the packs (`<from>__<to>.map.yaml` beside them), if there is one."""
    path = builtin_dir() / f"{from_pack}__{to_pack}.map.yaml"
    return path if path.is_file() else None


def load(path: Path) -> PackMap:
    name = str(path)
    try:
        source = path.read_text(encoding="utf-8")
        data = yaml.safe_load(source)
    except FileNotFoundError:
        raise RuleFileError(name, [f"{name}: no such map file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(name, [f"{name}: cannot read: {exc}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise RuleFileError(name, [f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    if not isinstance(data, dict):
        raise RuleFileError(name, [f"{name}:1: a map must be a mapping with from, to and items"])
    try:
        return PackMap.model_validate(data)
    except ValidationError as exc:
        lines = yaml_lines(source)
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = f"unknown field {loc[-1]!r}"
            problems.append(f"{name}:{_line_for(loc, lines)}: field {_field_name(loc) or '(top level)'}: {msg}")
        raise RuleFileError(name, problems) from None
