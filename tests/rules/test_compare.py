"""`oitcheck rules diff`: items paired by what they are (checker/rules/compare.py), the id map it writes
(checker/rules/packmap.py), and the command's output."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.cli import main
from checker.rules import compare, packmap
from checker.rules.loader import RuleFileError
from checker.rules.schema import Item, RulePack


def _item(item_id: str, th: str, en: str, elements: list[tuple[str, str]], **extra: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "indicator": extra.pop("indicator", "9.1"),
        "title": {"th": th, "en": en},
        "recognise": {"titles": [th, *extra.pop("titles", [])]},
        "elements": [
            {"id": e, "label": {"th": label, "en": e}, "check": "keywords", "any": [label]} for e, label in elements
        ],
        "period": extra.pop("period", "none"),
        **extra,
    }


CONTACT = _item("O1", "ข้อมูลการติดต่อ", "Contact information", [("phone", "โทรศัพท์"), ("fax", "โทรสาร")])
STRUCTURE = _item("O2", "โครงสร้าง", "Organisation structure", [("chart", "แผนผัง"), ("units", "กองคลัง")])
DUTIES = _item("O3", "อำนาจหน้าที่", "Duties and powers", [("duties", "ภารกิจ"), ("legal_basis", "มาตรา")])
SOCIAL = _item("O2", "Social Network", "Social network", [("social_link", "Facebook")])


def _pack(items: list[dict[str, Any]], pack_id: str = "old", year: int = 2567) -> RulePack:
    return RulePack.model_validate(
        {
            "schema_version": 1,
            "id": pack_id,
            "fiscal_year": year,
            "name": {"th": "ชุด", "en": "pack"},
            "indicators": {"9.1": {"th": "ข้อมูลพื้นฐาน", "en": "Basic"}, "9.2": {"th": "บริหารงาน", "en": "Admin"}},
            "items": items,
        }
    )


OLD = _pack([CONTACT, STRUCTURE, DUTIES])


def test_identical_packs_pair_every_item_with_itself() -> None:
    diff = compare.compare(OLD, _pack([CONTACT, STRUCTURE, DUTIES], "new", 2569))
    assert [(p.old, p.new, p.score, p.changes) for p in diff.pairs] == [
        ("O1", "O1", 1.0, ()),
        ("O2", "O2", 1.0, ()),
        ("O3", "O3", 1.0, ()),
    ]
    assert diff.removed == diff.added == diff.pack_changes == ()


def test_an_id_whose_content_moved_follows_the_content_not_the_number() -> None:
    """O2's structure item is now O3, O2 is a new item, and the old O3 is gone."""
    moved = {**copy.deepcopy(STRUCTURE), "id": "O3"}
    diff = compare.compare(OLD, _pack([CONTACT, SOCIAL, moved], "new"))
    assert [(p.old, p.new) for p in diff.pairs] == [("O1", "O1"), ("O2", "O3")]
    assert diff.changed[0].changes == (compare.Change("renumbered", before="O2", after="O3"),)
    assert (diff.removed, diff.added) == (("O3",), ("O2",))
    assert diff.id_map() == {"O1": "O1", "O2": "O3"}


def test_what_changed_inside_a_paired_item() -> None:
    new = copy.deepcopy(CONTACT)
    new["title"]["th"] = "ช่องทางการติดต่อ"
    new["elements"][0]["label"]["th"] = "หมายเลขโทรศัพท์"  # reworded label
    new["elements"][1]["any"] = ["โทรสาร", "แฟกซ์"]  # same label, another parameter
    new["elements"].append({"id": "email", "label": {"th": "อีเมล", "en": "e-mail"}, "check": "pattern",
                            "patterns": ["@"]})  # fmt: skip
    new.update(period="current_fy", indicator="9.2")
    new["recognise"]["titles"].append("ติดต่อเรา")
    diff = compare.compare(OLD, _pack([new, STRUCTURE, DUTIES], "new"))
    (pair,) = diff.changed
    assert [(c.kind, c.element, c.fields) for c in pair.changes] == [
        ("title", None, ()),
        ("element_added", "email", ()),
        ("element_reworded", "phone", ("label",)),
        ("element_reworded", "fax", ("parameters",)),
        ("period", None, ()),
        ("indicator", None, ()),
        ("recognise", None, ("titles",)),
    ]
    assert (pair.changes[0].before, pair.changes[0].after) == ("ข้อมูลการติดต่อ", "ช่องทางการติดต่อ")
    assert (pair.changes[4].before, pair.changes[4].after) == ("none", "current_fy")


def test_another_item_under_an_old_id_is_removed_and_added_not_paired() -> None:
    other = _item("O3", "ข่าวประชาสัมพันธ์", "News", [("news", "ข่าว")])
    diff = compare.compare(OLD, _pack([CONTACT, STRUCTURE, other], "new"))
    assert [p.new for p in diff.pairs] == ["O1", "O2"]
    assert (diff.removed, diff.added) == (("O3",), ("O3",))
    assert compare.similarity(Item.model_validate(DUTIES), Item.model_validate(other)) < compare.THRESHOLD


def test_pack_settings_that_differ_are_named() -> None:
    new = _pack([CONTACT, STRUCTURE, DUTIES], "new").model_copy(update={"settled_statuses": ("pass",)})
    assert compare.compare(OLD, new).pack_changes == ("settled_statuses",)


# --------------------------------------------------------------------------- the id map


def test_the_map_round_trips_and_translates(tmp_path: Path) -> None:
    moved = {**copy.deepcopy(STRUCTURE), "id": "O3"}
    diff = compare.compare(OLD, _pack([CONTACT, SOCIAL, moved], "new"))
    path = tmp_path / "old__new.map.yaml"
    path.write_text(packmap.dump(packmap.from_diff(diff)), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"from": "old", "to": "new", "items": {"O1": "O1", "O2": "O3"}, "removed": ["O3"], "added": ["O2"]}
    loaded = packmap.load(path)
    assert loaded.translation() == {"O1": "O1", "O2": "O3", "O3": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from: a\nto: b\nitems:\n  O1: O2\n  O3: O2\n", ":1: field (top level): items: O1 and O3 both become O2"),
        ("from: a\nto: b\nitems: {O1: O1}\nmoved: [O2]\n", ":4: field moved: unknown field 'moved'"),
        ("from: a\nitems: {O1: O1}\n", ":1: field to: Field required"),
        ("- a\n", ":1: a map must be a mapping"),
    ],
)
def test_a_bad_map_is_reported_at_its_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        packmap.load(path)
    assert caught.value.problems[0].startswith(f"{path}{expected}"), caught.value.problems


# --------------------------------------------------------------------------- the command


def _write(path: Path, pack: RulePack) -> Path:
    path.write_text(yaml.safe_dump(pack.model_dump(mode="json"), allow_unicode=True), encoding="utf-8")
    return path


def test_rules_diff_lists_the_changes_and_writes_the_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    moved = {**copy.deepcopy(STRUCTURE), "id": "O3"}
    a = _write(tmp_path / "old.yaml", OLD)
    b = _write(tmp_path / "new.yaml", _pack([CONTACT, SOCIAL, moved], "new", 2569))
    target = tmp_path / "map.yaml"
    assert main(["rules", "diff", str(a), str(b), "--lang", "en", "--write-map", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "old (fiscal year 2567, 3 items) → new (fiscal year 2569, 3 items)"
    assert out[1] == "- O3   removed: Duties and powers"
    assert out[2] == "+ O2   added: Social network"
    assert out[3] == "~ O3   Organisation structure" and out[4].strip() == "renumbered from O2 to O3"
    assert out[5] == "1 added, 1 removed, 1 renumbered, 0 changed, 1 unchanged"
    assert out[6] == f"wrote the id map: {target}"
    assert packmap.load(target).items == {"O1": "O1", "O2": "O3"}

    assert main(["rules", "diff", str(a), str(b), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] == [
        {"from": "O2", "to": "O3", "score": 1.0, "title": {"th": "โครงสร้าง", "en": "Organisation structure"},
         "changes": [{"kind": "renumbered", "before": "O2", "after": "O3"}]},
    ]  # fmt: skip
    assert [r["id"] for r in data["removed"]] == ["O3"] and data["unchanged"] == ["O1"]

    assert main(["rules", "diff", str(a), str(a)]) == 0
    assert "ไม่มีข้อที่เปลี่ยน" in capsys.readouterr().out
    assert main(["rules", "diff", str(a), str(tmp_path / "nope.yaml")]) == 2
    assert main(["rules", "diff", str(a), str(b), "--write-map", str(tmp_path / "no" / "dir.yaml")]) == 2
    assert "cannot write the map" in capsys.readouterr().err
