"""A new year's pack made from an existing one (`oitcheck rules new`): the same text, comments and order, with
only the top-level `id:`, `fiscal_year:` and the year in `name:` changed, and a header saying where it came from.

The edit is made on the text, not by loading and dumping the YAML: a dump would lose every comment (the
shipped pack's comments say why each keyword is there) and reorder keys. The result is loaded again and
compared with the source pack, so a layout the edit does not understand is an error, never a silently wrong pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from checker.rules.loader import parse
from checker.rules.schema import RulePack

MODELINE = "# yaml-language-server: $schema="  # VS Code's YAML extension (and other yaml-language-server editors)
PACK_ID = re.compile(r"^[a-z][a-z0-9_]*$")  # RulePack.id's pattern
YEARS = range(2500, 2701)  # RulePack.fiscal_year's bounds
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# A top-level `key: value  # comment` line: the value is one plain or quoted scalar.
_SCALAR = r"^{key}:[ \t]+(?P<value>\"[^\"]*\"|'[^']*'|[^\s#][^#]*?)(?P<comment>[ \t]+#.*)?[ \t]*$"


class ScaffoldError(Exception):
    """The source pack's text cannot be edited safely; the message says which line to look at."""


@dataclass(frozen=True)
class Scaffold:
    text: str  # the new pack's YAML
    pack: RulePack  # it, loaded and validated
    stale: tuple[int, ...]  # lines of the new text (1-based) whose values still name the source's fiscal year


def new_id(source: RulePack, year: int) -> str:
    """The new pack's id: the source's with its year replaced (oit_2567 -> oit_2569), else the year appended."""
    old = str(source.fiscal_year)
    return source.id.replace(old, str(year)) if old in source.id else f"{source.id}_{year}"


def year_pattern(year: int) -> re.Pattern[str]:
    """The four-digit `year`, in Arabic or Thai digits, not inside a longer number."""
    arabic = str(year)
    return re.compile(rf"(?<![0-9๐-๙])(?:{arabic}|{arabic.translate(_THAI_DIGITS)})(?![0-9๐-๙])")


def renamed(text: str, old: int, new: int) -> str:
    """`text` with the year `old` said as `new`, in the same digits (2567 -> 2569, ๒๕๖๗ -> ๒๕๖๙)."""
    return year_pattern(old).sub(lambda m: str(new) if m[0].isascii() else str(new).translate(_THAI_DIGITS), text)


def scaffold(
    source_text: str, source: RulePack, *, year: int, pack_id: str, header: list[str], filename: str
) -> Scaffold:
    """The new pack's text: `header` (comment lines, the modeline first if any) atop the source's text with
    its id, fiscal year and the year in its name replaced. Raises ScaffoldError when the text cannot be edited
    so, and RuleFileError if the result would not load (a bad id or year)."""
    lines = source_text.splitlines(keepends=True)
    if lines and lines[0].startswith(MODELINE):
        lines = lines[1:]  # the source's own modeline: the header brings the new one
    _set_scalar(lines, "id", pack_id, filename)
    _set_scalar(lines, "fiscal_year", str(year), filename)
    for i in _block(lines, "name", filename):
        lines[i] = renamed(lines[i], source.fiscal_year, year)
    top = [f"{line}\n" for line in header]
    text = "".join(top + lines)
    pack = parse(text, filename)
    _same_but_intended(source, pack, year, pack_id)
    return Scaffold(text=text, pack=pack, stale=stale_lines(text, source.fiscal_year))


def stale_lines(text: str, year: int) -> tuple[int, ...]:
    """The lines whose values (not comments: they cite where a wording was seen) still name `year`."""
    old = year_pattern(year)
    lines = {
        token.start_mark.line + 1
        for token in yaml.scan(text, Loader=yaml.SafeLoader)
        if isinstance(token, yaml.ScalarToken) and old.search(token.value)
    }
    return tuple(sorted(lines))


def _top_level(lines: list[str], key: str, filename: str) -> int:
    found = [i for i, line in enumerate(lines) if re.match(rf"{key}[ \t]*:", line)]
    if len(found) != 1:
        said = "no" if not found else "more than one"
        raise ScaffoldError(f"{filename}: {said} top-level `{key}:` line; copy the pack and edit it by hand")
    return found[0]


def _set_scalar(lines: list[str], key: str, value: str, filename: str) -> None:
    i = _top_level(lines, key, filename)
    line = lines[i].rstrip("\r\n")
    match = re.match(_SCALAR.format(key=key), line)
    if match is None:
        raise ScaffoldError(f"{filename}:{i + 1}: `{key}:` is not a one-line value; copy the pack and edit it by hand")
    comment = match["comment"] or ""
    lines[i] = f"{key}: {value}{comment}{lines[i][len(line) :]}"


def _block(lines: list[str], key: str, filename: str) -> range:
    """The lines of a top-level key: its own and the indented or blank lines under it."""
    start = _top_level(lines, key, filename)
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    return range(start, end)


def _same_but_intended(source: RulePack, pack: RulePack, year: int, pack_id: str) -> None:
    """Nothing but the id, the fiscal year and the year in the name may differ from the source."""
    name = {lang: renamed(text, source.fiscal_year, year) for lang, text in source.name.model_dump().items()}
    expected = {**source.model_dump(), "id": pack_id, "fiscal_year": year, "name": name}
    if pack.model_dump() != expected:
        changed = sorted(k for k, v in pack.model_dump().items() if expected.get(k) != v)
        raise ScaffoldError(f"the edited copy differs from the source in more than id, fiscal_year, name: {changed}")


__all__ = ["Scaffold", "ScaffoldError", "new_id", "renamed", "scaffold"]
