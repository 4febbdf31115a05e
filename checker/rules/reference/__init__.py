"""A rule pack's reference for clerks (`oitcheck rules docs`): per item, how its evidence is recognised, the
period it must be of, and what each element accepts, in words; Markdown or a standalone HTML page."""

from __future__ import annotations

from typing import Literal

from checker.rules.reference.html import render_html
from checker.rules.reference.markdown import render_markdown
from checker.rules.reference.model import PackRef, build
from checker.rules.schema import RulePack

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")

__all__ = ["FORMATS", "Format", "PackRef", "build", "render"]


def render(pack: RulePack, fmt: Format, lang: str) -> str:
    """The reference of `pack` in `lang`, as Markdown (`md`) or HTML (`html`)."""
    ref = build(pack, lang)
    return render_html(ref) if fmt == "html" else render_markdown(ref)
