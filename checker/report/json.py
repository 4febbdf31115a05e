"""The JSON report, schema_version 1 (design.md): a public contract other tools parse."""

from __future__ import annotations

import json
from typing import Any

from checker.models import SiteReport


def render_json(report: SiteReport, **_: Any) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
