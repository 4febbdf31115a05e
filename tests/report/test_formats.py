"""End to end: one check of the demo site written in every format at once (`-f json,html,md,junit -o DIR`),
and each report agrees with the JSON item by item. A reporter shows verdicts; it never makes its own."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from checker.cli import main
from checker.demo.server import serve


def test_every_format_from_one_run_agrees_with_the_json(tmp_path: Path) -> None:
    with serve() as base:
        code = main(["check", base, "--year", "2567", "--format", "json,html,md,junit", "--output", str(tmp_path),
                     "--quiet"])  # fmt: skip
    assert code == 1  # the demo site has items that do not pass
    data = json.loads((tmp_path / "oitcheck-report.json").read_text(encoding="utf-8"))
    items = data["items"]
    assert len(items) == 43

    html = (tmp_path / "oitcheck-report.html").read_text(encoding="utf-8")
    cards = dict(re.findall(r'<article class="card st-\w+" id="item-(\w+)" data-status="(\w+)">', html))
    assert cards == {i["id"]: i["status"] for i in items}
    assert f"{data['score']['passed']} จาก 43 ข้อ" in html

    md = (tmp_path / "oitcheck-report.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| [^|]+ \| (O\d+) \|", md, re.M)
    assert rows == [i["id"] for i in items]

    root = ET.fromstring((tmp_path / "oitcheck-report.xml").read_bytes())
    waived = {i["id"] for i in items if i.get("waiver")}
    failing = [i for i in items if i["status"] not in ("pass", "review") and i["id"] not in waived]
    skipped = [i for i in items if i["status"] != "pass" and (i["status"] == "review" or i["id"] in waived)]
    assert root.get("tests") == "43"
    assert root.get("failures") == str(len(failing)) and root.get("skipped") == str(len(skipped))
    types = {
        c.get("name", "").split()[0]: f.get("type")
        for c in root.iter("testcase")
        if (f := c.find("failure")) is not None
    }
    assert types == {i["id"]: i["status"] for i in failing}
