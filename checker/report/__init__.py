"""Reporters: one module per format, each a function of the SiteReport. They never recompute a verdict."""

from __future__ import annotations

from collections.abc import Callable

from checker.report.json import render_json
from checker.report.terminal import render_text

Renderer = Callable[..., str]

FORMATS: dict[str, tuple[Renderer, str]] = {
    "json": (render_json, "json"),
    "table": (render_text, "txt"),
}

__all__ = ["FORMATS", "render_json", "render_text"]
