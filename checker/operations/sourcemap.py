"""Read a small YAML or TOML input file and say where in it a validation error sits.

The people who write waiver and site files are not programmers; "waivers.toml:12: field waivers[2].expires:
…" lets them fix the right line. tomllib keeps no positions, so TOML lines come from a light scan of the
source (table headers, array-of-table headers, `key =` lines), which is enough for the flat files we read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class InputFileError(Exception):
    """A config or waivers file that cannot be used; `problems` holds one `file:line: …` line each."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(problems))


def read_mapping(path: Path, what: str) -> tuple[dict[str, Any], dict[Loc, int]]:
    """The file's top-level mapping and a map from key paths to line numbers; TOML by extension, else YAML."""
    name = str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(name, [f"{name}: no such {what}"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(name, [f"{name}: cannot read {what}: {exc}"]) from None
    if path.suffix.lower() == ".toml":
        try:
            data: Any = tomllib.loads(source)
        except RecursionError:
            raise InputFileError(name, [f"{name}: not valid TOML: nested too deeply"]) from None
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"line (\d+)", str(exc))
            number = int(found.group(1)) if found else 1
            lines = source.splitlines()
            text = f" in `{lines[number - 1].strip()}`" if 0 < number <= len(lines) else ""
            raise InputFileError(name, [f"{name}:{number}: not valid TOML{text}: {exc}"]) from None
        return data, toml_lines(source)
    try:
        root = yaml.compose(source, Loader=_Loader)
        data = yaml.load(source, Loader=_Loader)  # a SafeLoader (above)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise InputFileError(name, [f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    except (ValueError, TypeError, RecursionError) as exc:  # a constructor's own error: report, never a traceback
        raise InputFileError(name, [f"{name}: not valid YAML: {exc}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputFileError(name, [f"{name}:1: a {what} must be a mapping of keys to values"])
    return data, dict(yaml_lines(root, ())) if root is not None else {}


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: PyYAML's own date constructor raised a bare ValueError (a
    traceback) for `expires: 2026-13-01`; as text, the model validates it and the message names the line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validate(model: type[M], data: dict[str, Any], lines: dict[Loc, int], filename: str) -> M:
    """`model.model_validate(data)`, with every problem turned into a `file:line: field …: message` line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputFileError(filename, [describe(dict(e), lines, filename) for e in exc.errors()]) from None


def describe(err: dict[str, Any], lines: dict[Loc, int], filename: str) -> str:
    loc: Loc = tuple(err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown field {loc[-1]!r}"
    elif err["type"] == "missing":
        msg = f"required field {loc[-1]!r} is missing"
    elif str(err["type"]).startswith(("date_", "datetime_")):
        msg = f"{msg}: {err.get('input')!r} (write dates as YYYY-MM-DD)"
    return f"{filename}:{line_for(loc, lines)}: field {field_name(loc) or '(top level)'}: {msg}"


def problem(filename: str, lines: dict[Loc, int], loc: Loc, msg: str) -> str:
    """A problem found after validation (an unknown item id, an unknown format), in the same shape."""
    return f"{filename}:{line_for(loc, lines)}: field {field_name(loc)}: {msg}"


def line_for(loc: Loc, lines: dict[Loc, int]) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def field_name(loc: Loc) -> str:
    out = ""
    for p in loc:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def yaml_lines(node: yaml.Node, path: Loc) -> Iterator[tuple[Loc, int]]:
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            yield (*path, k), key.start_mark.line + 1
            for sub, line in yaml_lines(value, (*path, k)):
                if sub != (*path, k):
                    yield sub, line
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            yield from yaml_lines(value, (*path, i))


_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([^\[\]]+?)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _dotted(key: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", key))


def toml_lines(source: str) -> dict[Loc, int]:
    """Line of every table, array-of-tables entry and key; the first line wins (a key is defined once)."""
    lines: dict[Loc, int] = {}
    table: Loc = ()
    counters: dict[Loc, int] = {}
    in_string = False
    for number, text in enumerate(source.splitlines(), start=1):
        quotes = text.count('"""') + text.count("'''")
        if in_string:
            in_string = quotes % 2 == 0
            continue
        if (m := _ARRAY_TABLE.match(text)) is not None:
            name = _dotted(m.group(1))
            index = counters.get(name, 0)
            counters[name] = index + 1
            table = (*name, index)
            lines.setdefault(name, number)
            lines.setdefault(table, number)
        elif (m := _TABLE.match(text)) is not None:
            table = _dotted(m.group(1))
            lines.setdefault(table, number)
        elif (m := _KEY.match(text)) is not None:
            lines.setdefault((*table, *_dotted(m.group(1))), number)
        in_string = quotes % 2 == 1
    return lines
