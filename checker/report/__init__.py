"""Reporters: one module per format, each a function of the SiteReport. They never recompute a verdict."""

from __future__ import annotations

from collections.abc import Callable

from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.junit import render_junit
from checker.report.markdown import render_markdown
from checker.report.terminal import render_text

Renderer = Callable[..., str]

FORMATS: dict[str, tuple[Renderer, str]] = {
    "json": (render_json, "json"),
    "table": (render_text, "txt"),
    "html": (render_html, "html"),
    "md": (render_markdown, "md"),
    "junit": (render_junit, "xml"),
}

__all__ = ["FORMATS", "render_html", "render_json", "render_junit", "render_markdown", "render_text"]
