"""The one way HTML is templated here (the report, the dashboard, the web pages): autoescaped whatever the
template's name (the data is the crawled site's), a missing variable is an error, not an empty string."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined


@cache
def environment(folder: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
