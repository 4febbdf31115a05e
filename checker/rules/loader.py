"""Load and validate rule packs; every error names the file, the item, the field and the YAML line."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from checker.rules.schema import DEFAULT_ITEM_ID_PATTERN, DEFAULT_PERIODS, RulePack

Path_ = tuple[str | int, ...]

# The pack used when none is named (the API, `oitcheck check`, `oitcheck rules …`): the one place it is said.
DEFAULT_PACK = "oit_2567"


class RuleFileError(Exception):
    """A rule pack that cannot be used; `problems` holds one line per problem."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(problems))


def builtin_dir() -> Path:
    """Where the shipped packs live: inside the wheel, or rules/ at the top of a source checkout."""
    packaged = resources.files("checker").joinpath("_rules")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_ids() -> list[str]:
    """The shipped packs; files beside them with a dotted stem (`oit_2567.cases.yaml`, maps) are not packs."""
    return sorted(p.stem for p in builtin_dir().glob("*.yaml") if "." not in p.stem)


def resolve(name_or_path: str) -> Path:
    """A shipped pack's id (`oit_2567`) names it; anything else is a path."""
    candidate = builtin_dir() / f"{name_or_path}.yaml"
    if "/" not in name_or_path and not name_or_path.endswith((".yaml", ".yml")) and candidate.exists():
        return candidate
    return Path(name_or_path)


def load(name_or_path: str = DEFAULT_PACK) -> RulePack:
    path = resolve(name_or_path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = ", ".join(builtin_ids())
        raise RuleFileError(str(path), [f"{path}: no such rule file (built-in packs: {known})"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), [f"{path}: cannot read: {exc}"]) from None
    return parse(source, str(path))


# libyaml's parser when PyYAML was built with it (Debian's and PyPI's wheels are): 10x faster than pure Python.
_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(source: str, filename: str) -> RulePack:
    try:
        data = yaml.load(source, Loader=_FastLoader)  # a safe loader, C or Python
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{filename}:{mark.line + 1}" if mark is not None else filename
        raise RuleFileError(filename, [f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    if not isinstance(data, dict):
        raise RuleFileError(filename, [f"{filename}:1: a rule pack must be a mapping with schema_version, id, items"])
    try:
        return RulePack.model_validate(data, context=_pack_context(data))
    except ValidationError as exc:
        # Line numbers are only needed to explain a problem: the YAML is composed again, keeping its marks.
        lines = yaml_lines(source)
        problems = [_describe(err, data, lines, filename) for err in exc.errors()]
        raise RuleFileError(filename, problems) from None


def _pack_context(data: dict[str, Any]) -> dict[str, object]:
    """What each item is checked against (its id form, the period kinds the pack declares), so a mistake is
    reported at the item's own line; a malformed pack-level value is reported at its own line instead."""
    context: dict[str, object] = {}
    pattern = data.get("item_id_pattern", DEFAULT_ITEM_ID_PATTERN)
    if isinstance(pattern, str):
        context["item_id_pattern"] = pattern
    periods = data.get("periods", DEFAULT_PERIODS)
    if isinstance(periods, dict):
        context["periods"] = list(periods)
    return context


def yaml_lines(source: str) -> dict[Path_, int]:
    """The line of every key and list entry of a YAML text (composed again, keeping its marks): only needed
    to explain a problem, so only computed then. Cases files and pack maps use it too."""
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    return dict(_node_lines(root, ())) if root is not None else {}


def _node_lines(node: yaml.Node, path: Path_) -> Iterator[tuple[Path_, int]]:
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            yield (*path, k), key.start_mark.line + 1
            for sub_path, line in _node_lines(value, (*path, k)):
                if sub_path != (*path, k):
                    yield sub_path, line
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            yield from _node_lines(value, (*path, i))


def _describe(err: Any, data: dict[str, Any], lines: dict[Path_, int], filename: str) -> str:
    loc: Path_ = tuple(err["loc"])
    # pydantic inserts union tags and "spec" (our own regrouping); map back to the file's own keys.
    file_loc: Path_ = tuple(p for p in loc if p != "spec" and not (isinstance(p, str) and p[:1].isupper()))
    file_loc = tuple(p for p in file_loc if not (isinstance(p, str) and p in _UNION_TAGS))
    if str(err["msg"]).find("check kind") >= 0:
        file_loc = (*file_loc, "check")  # point at the offending `check:` line, not the element's first
    line = _line_for(file_loc, lines)
    item = _item_id(file_loc, data)
    field = _field_name(file_loc[2:] if item else file_loc)
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown field {file_loc[-1]!r}"
    elif err["type"] == "missing":
        msg = f"required field {file_loc[-1]!r} is missing"
    parts = [f"{filename}:{line}:"]
    if item:
        parts.append(f"item {item},")
    parts.append(f"field {field or '(top level)'}: {msg}")
    return " ".join(parts)


_UNION_TAGS = {"keywords", "pattern", "image", "social_link", "link", "form", "any_of"}


def _line_for(loc: Path_, lines: dict[Path_, int]) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _item_id(loc: Path_, data: dict[str, Any]) -> str | None:
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        items = data.get("items")
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            return str(items[loc[1]].get("id", f"#{loc[1] + 1}"))
        return f"#{loc[1] + 1}"
    return None


def _field_name(loc: Path_) -> str:
    out = ""
    for p in loc:
        if p == "[key]":
            continue  # pydantic's marker for a mapping's key (an unknown period kind): the key names it already
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
