"""The demo site's expected verdicts, and a comparison with a report (used by `oitcheck demo` and tests)."""

from __future__ import annotations

from pathlib import Path

import yaml

from checker.models import SiteReport

GROUND_TRUTH = Path(__file__).resolve().parent / "ground_truth.yaml"


def load(path: Path = GROUND_TRUTH, ocr: bool = True) -> dict[str, str]:
    """Item id -> expected status; `ocr=False` gives the verdicts expected where Thai OCR is not installed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for k, v in data["items"].items():
        if isinstance(v, dict):
            out[str(k)] = str(v["status"] if ocr else v.get("without_ocr", v["status"]))
        else:
            out[str(k)] = str(v)
    return out


def compare(expected: dict[str, str], report: SiteReport) -> list[str]:
    """One line per item whose verdict differs from the ground truth (or is absent)."""
    got = {i.id: i for i in report.items}
    lines = []
    for item_id, want in expected.items():
        item = got.get(item_id)
        if item is None:
            lines.append(f"{item_id}: expected {want}, not in the report")
        elif item.status != want:
            why = item.reasons[0] if item.reasons else ""
            lines.append(f"{item_id}: expected {want}, got {item.status} — {why}")
    return lines
