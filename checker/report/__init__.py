"""Reporters: one module per format, each a function of the SiteReport. They never recompute a verdict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.junit import render_junit
from checker.report.markdown import render_markdown
from checker.report.terminal import render_text
from checker.rules.schema import RulePack

Renderer = Callable[..., str]


def render_args(pack: RulePack, lang: str) -> dict[str, Any]:
    """What every reporter is given besides the report: the pack's names for sub-indicators and items in
    `lang`, and its scoring (the OIT estimate and the fix-first view). Reporters ignore what they don't use."""
    return {
        "indicators": {k: v.get(lang) for k, v in pack.indicators.items()},
        "titles": {item.id: item.title.get(lang) for item in pack.items},
        "scoring": pack.scoring,
    }


FORMATS: dict[str, tuple[Renderer, str]] = {
    "json": (render_json, "json"),
    "table": (render_text, "txt"),
    "html": (render_html, "html"),
    "md": (render_markdown, "md"),
    "junit": (render_junit, "xml"),
}

__all__ = ["FORMATS", "render_args", "render_html", "render_json", "render_junit", "render_markdown", "render_text"]
