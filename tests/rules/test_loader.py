"""Rule-pack loading: the shipped pack is valid and every kind of broken file names file, item, field, line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.rules import loader
from checker.rules.loader import RuleFileError

MINIMAL = """\
schema_version: 1
id: tiny
fiscal_year: 2567
name: {th: ทดสอบ, en: test}
indicators:
  "9.1": {th: ข้อมูลพื้นฐาน, en: Basic}
items:
  - id: O1
    indicator: "9.1"
    title: {th: โครงสร้าง, en: Structure}
    recognise:
      titles: [โครงสร้าง]
    elements:
      - id: chart
        label: {th: แผนผัง, en: chart}
        check: image
    period: none
  - id: O2
    indicator: "9.1"
    title: {th: ข้อมูลผู้บริหาร, en: Executives}
    recognise:
      titles: [ผู้บริหาร]
    elements:
      - id: names
        label: {th: ชื่อ, en: names}
        check: keywords
        any: [นายก]
    period: current_fy
"""


def _load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    loader.load(str(path))


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(RuleFileError) as info:
        _load(tmp_path, text)
    return str(info.value)


def test_shipped_pack_has_all_43_items_in_order(pack) -> None:
    assert [i.id for i in pack.items] == [f"O{n}" for n in range(1, 44)]
    assert pack.fiscal_year == 2567
    assert {i.indicator for i in pack.items} == set(pack.indicators)


def test_shipped_pack_periods_follow_the_spec(pack) -> None:
    expected = {
        "O4": "covers_fy", "O7": "current_fy", "O11": "current_fy", "O12": "first_half", "O13": "previous_fy",
        "O16": "first_half", "O17": "previous_fy", "O19": "current_fy", "O21": "first_half", "O22": "previous_fy",
        "O29": "first_half", "O33": "first_half", "O36": "covers_fy", "O38": "previous_fy", "O1": "none",
        "O5": "none", "O39": "none",
    }  # fmt: skip
    assert {k: pack.item(k).period for k in expected} == expected


def test_minimal_pack_loads(tmp_path: Path) -> None:
    _load(tmp_path, MINIMAL)


@pytest.mark.parametrize(
    ("old", "new", "expect"),
    [
        (
            "check: image",
            "check: picture",
            r"pack\.yaml:16: item O1, field elements\[0\].*unknown check kind 'picture'",
        ),
        ("period: current_fy", "period: last_year", r"pack\.yaml:28: item O2, field period: .*'none'"),
        ("  - id: O2", "  - id: O1", r"duplicate item id 'O1'"),
        (
            "    period: none",
            "    period: none\n    colour: red",
            r"pack\.yaml:18: item O1, field colour: unknown field 'colour'",
        ),
        (
            "        any: [นายก]",
            "        any: [นายก]\n        min: 3",
            r"item O2, field elements\[0\].*min=3 is larger",
        ),
        (
            "      titles: [ผู้บริหาร]",
            "      titles: [ผู้บริหาร]\n      url_patterns: ['(']",
            r"item O2, field recognise\.url_patterns.*invalid regular expression",
        ),
        (
            '    indicator: "9.1"\n    title: {th: ข้อมูลผู้บริหาร',
            '    indicator: "9.9"\n    title: {th: ข้อมูลผู้บริหาร',
            r"names indicator '9\.9'",
        ),
        ("  - id: O2", "  - id: X2", r"pack\.yaml:18: item X2, field id: .*must look like O1"),
        ("        check: keywords\n", "", r"item O2, field elements\[0\].*no 'check' field"),
        ("fiscal_year: 2567", "fiscal_year: 1999", r"pack\.yaml:3: field fiscal_year"),
        (
            "    title: {th: โครงสร้าง, en: Structure}\n",
            "",
            r"pack\.yaml:8: item O1, field title: required field 'title' is missing",
        ),
    ],
)
def test_each_kind_of_error_names_file_item_field_and_line(tmp_path: Path, old: str, new: str, expect: str) -> None:
    assert old in MINIMAL
    message = _error(tmp_path, MINIMAL.replace(old, new, 1))
    assert re.search(expect, message), message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    message = _error(tmp_path, MINIMAL.replace("      titles: [โครงสร้าง]", "      titles: [โครงสร้าง", 1))
    assert re.search(r"pack\.yaml:\d+: not valid YAML", message), message


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="no such rule file"):
        loader.load(str(tmp_path / "nope.yaml"))


def test_validate_command_on_a_broken_copy_of_the_shipped_pack(tmp_path: Path) -> None:
    source = (loader.builtin_dir() / "oit_2567.yaml").read_text(encoding="utf-8")
    lines = source.splitlines()
    # Break the period of O12 and expect the message to point at that very line.
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: O12")
    target = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("period:"))
    lines[target] = lines[target].split("period:")[0] + "period: every_year"
    broken = tmp_path / "broken.yaml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "checker.cli", "rules", "validate", str(broken)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert f"broken.yaml:{target + 1}: item O12, field period" in proc.stderr.replace("\n", ""), proc.stderr
