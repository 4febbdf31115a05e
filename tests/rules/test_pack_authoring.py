"""Issue 17, done when: a pack author makes next year's pack from the shipped one, edits it as text (drops
O43, renumbers O12 to O44, rewords an element's label), and then

- `oitcheck rules validate` accepts it,
- `oitcheck rules test` passes with the cases copied beside it (adjusted the same way),
- `oitcheck rules diff oit_2567 NEW` lists exactly those three changes and nothing else,
- `oitcheck check` with it runs end to end against the demo site, and its report has O44 and no O43,
- `oitcheck diff --map` follows O12 of the old run to O44 of the new one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.demo.server import serve


def _without_item(pack: str, item_id: str) -> str:
    """The pack's text less one item's block (from its `  - id:` line to the next item or the end)."""
    lines = pack.splitlines(keepends=True)
    start = lines.index(f"  - id: {item_id}\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: ")), len(lines))
    return "".join(lines[:start] + lines[end:])


def _edit_pack(text: str) -> str:
    text = _without_item(text, "O43")
    assert text.count("  - id: O12\n") == 1
    text = text.replace("  - id: O12\n", "  - id: O44\n")
    old_label = "      - id: fax\n        label: {th: หมายเลขโทรสาร, en: fax number}\n"
    assert text.count(old_label) == 1
    return text.replace(old_label, "      - id: fax\n        label: {th: เลขหมายโทรสาร, en: facsimile number}\n")


def _edit_cases(text: str) -> str:
    """The same edits in the cases: O43's cases go, O12's now test O44."""
    head, *blocks = text.split("\n  - name: ")
    kept = [b for b in blocks if "\n    item: O43\n" not in b]
    assert len(kept) < len(blocks)
    text = "\n  - name: ".join([head, *kept])
    assert "\n    item: O12\n" in text
    return text.replace("\n    item: O12\n", "\n    item: O44\n")


def test_a_new_years_pack_from_the_shipped_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "oit_2569.yaml"
    assert main(["rules", "new", "--from", "oit_2567", "--year", "2569", str(new)]) == 0
    cases = tmp_path / "oit_2569.cases.yaml"
    assert cases.is_file()  # `rules new` copied the shipped cases beside the new pack
    new.write_text(_edit_pack(new.read_text(encoding="utf-8")), encoding="utf-8")
    cases.write_text(_edit_cases(cases.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()

    assert main(["rules", "validate", str(new), "--lang", "en"]) == 0
    assert f"ok {new}: oit_2569, fiscal year 2569, 42 items" in capsys.readouterr().out

    assert main(["rules", "test", str(new), "--json"]) == 0
    tested = json.loads(capsys.readouterr().out)
    assert tested["failed"] == 0 and tested["total"] >= 25 and "O44" in {c["item"] for c in tested["cases"]}

    map_path = tmp_path / "67-69.map.yaml"
    assert main(["rules", "diff", "oit_2567", str(new), "--json", "--write-map", str(map_path)]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in diff["removed"]] == ["O43"]
    assert diff["added"] == [] and diff["pack_changes"] == []
    reworded = {"kind": "element_reworded", "element": "fax", "before": "หมายเลขโทรสาร", "after": "เลขหมายโทรสาร"}
    assert [(c["from"], c["to"], c["changes"]) for c in diff["changed"]] == [
        ("O5", "O5", [{**reworded, "fields": ["label"]}]),
        ("O12", "O44", [{"kind": "renumbered", "before": "O12", "after": "O44"}]),
    ]
    assert len(diff["unchanged"]) == 40

    history = tmp_path / "history.db"
    common = ["--history", str(history), "--no-cache", "--no-ocr", "--quiet", "--year", "2567", "-f", "json"]
    with serve() as base:
        main(["check", base, *common, "-o", str(tmp_path / "old.json")])
        main(["check", base, *common, "--rules", str(new), "-o", str(tmp_path / "new.json")])
    old_report = json.loads((tmp_path / "old.json").read_text(encoding="utf-8"))
    report = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert report["ruleset"] == {"id": "oit_2569", "fiscal_year": 2567}
    ids = [i["id"] for i in report["items"]]
    assert len(ids) == 42 and "O44" in ids and "O43" not in ids and "O12" not in ids
    assert "changes" not in report  # another pack: not compared with the oit_2567 run by itself

    capsys.readouterr()
    assert main(["diff", "--history", str(history), "--from", "1", "--to", "2", "--map", str(map_path),
                 "--format", "json"]) == 0  # fmt: skip
    changes = {c["id"]: c for c in json.loads(capsys.readouterr().out)["changes"]["items"]}
    was = next(i["status"] for i in old_report["items"] if i["id"] == "O12")
    assert changes["O44"]["before"] == was and "O43" not in changes and len(changes) == 42
