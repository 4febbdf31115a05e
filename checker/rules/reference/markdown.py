"""A pack's reference as Markdown (CommonMark + GitHub tables): a section per sub-indicator, a section with one
table of elements per item. Every text of the pack is escaped (a pack may come from anyone); patterns are code."""

from __future__ import annotations

import re

from checker.report.markdown import cell, text
from checker.rules.reference.model import Accepts, ItemRef, PackRef


def render_markdown(ref: PackRef) -> str:
    h = ref.headings
    lines = [f"# {text(ref.title)}", "", text(ref.meta), "", text(ref.intro), ""]
    for indicator in ref.indicators:
        lines += [f"## {text(indicator.heading)}", ""]
        for item in indicator.items:
            lines += _item(item, h)
    return "\n".join(lines).rstrip() + "\n"


def _item(item: ItemRef, h: dict[str, str]) -> list[str]:
    lines = [f"### {text(item.id)} {text(item.title)}", ""]
    lines.append(f"- **{text(h['period'])}:** {text(item.period)}")
    recognised = "; ".join(text(s) for s in item.recognised)
    if item.url_patterns:
        recognised += f"; {text(h['by_urls'])}: " + " ".join(code(p, in_table=False) for p in item.url_patterns)
    lines.append(f"- **{text(h['recognised'])}:** {recognised}")
    if item.excluded:
        lines.append(f"- **{text(h['excluded'])}:** {text(', '.join(item.excluded))}")
    lines += ["", f"| {cell(h['col_element'])} | {cell(h['col_accepts'])} | {cell(h['col_missing'])} |"]
    lines.append("| --- | --- | --- |")
    for e in item.elements:
        lines.append(f"| {cell(e.label)} ({code(e.id)}) | {accepted(e.accepts)} | {cell(e.missing)} |")
    return [*lines, ""]


def accepted(a: Accepts, depth: int = 0) -> str:
    """A table cell: the sentence, its words, its patterns as code, its notes; alternatives numbered."""
    parts = [cell(a.says) + (":" if a.words or a.patterns or a.alternatives else "")]
    if a.words:
        parts.append(cell(", ".join(a.words)))
    parts += [code(p) for p in a.patterns]
    parts += [cell(n) for n in a.notes]
    for n, alternative in enumerate(a.alternatives, 1):
        parts.append(f"({n}) " + accepted(alternative, depth + 1).replace("<br>", " "))
    return "<br>".join(parts)


def code(value: str, in_table: bool = True) -> str:
    """A code span: the fence longer than any run of backticks inside, line breaks as spaces; in a table cell
    a pipe escaped (GFM reads `\\|` as a pipe even in code, but only in a table)."""
    value = re.sub(r"[\x00-\x1f\x7f]", " ", value)
    value = value.replace("|", "\\|") if in_table else value
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"
