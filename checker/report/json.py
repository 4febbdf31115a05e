"""The JSON report, schema_version 1 (design.md): a public contract other tools parse."""

from __future__ import annotations

import json
from typing import Any

from checker.models import SiteReport


def render_json(report: SiteReport, **_: Any) -> str:
    data = report.model_dump(mode="json")
    # Additive fields appear only when they say something, so version-1 readers see the documented shape.
    for key in ("changes", "trend", "estimate"):
        if data.get(key) is None:
            data.pop(key, None)
    if data.get("coverage") and data["coverage"].get("run") is None:
        data["coverage"].pop("run", None)  # no cache, so no kind of run to tell
    for item in data["items"]:
        if item.get("waiver") is None:
            item.pop("waiver", None)
        if not item.get("reason_codes"):
            item.pop("reason_codes", None)  # runs stored by versions that kept reasons as text only
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
