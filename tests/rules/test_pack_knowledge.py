"""What a pack says about itself (item ids, early-stop verdicts, period kinds and their wording) is read from
the pack, with today's behaviour as the default; mistakes in it name the file and the line."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml

from checker.api import run_check
from checker.reasons import render_reason
from checker.rules import loader
from checker.rules.loader import RuleFileError
from checker.rules.schema import DEFAULT_PERIODS, RulePack
from tests.support.server import serve_site

X_PACK = """\
schema_version: 1
id: other_criteria
fiscal_year: 2567
name: {th: เกณฑ์อื่น, en: other criteria}
indicators:
  "A": {th: ข้อมูลพื้นฐาน, en: Basic}
item_id_pattern: "^X([0-9]+)$"
settled_statuses: [pass]
periods:
  current_fy: {th: "ข้อมูลของปี {year} (ชุดทดสอบ)", en: "data of {year} (test pack)"}
items:
  - id: X1
    indicator: "A"
    title: {th: โครงสร้าง, en: Structure}
    recognise:
      titles: [โครงสร้างองค์กร]
    elements:
      - id: chart
        label: {th: แผนผัง, en: chart}
        check: image
    period: none
  - id: X2
    indicator: "A"
    title: {th: ข้อมูลผู้บริหาร, en: Executives}
    recognise:
      titles: [ข้อมูลผู้บริหาร]
    elements:
      - id: names
        label: {th: ชื่อผู้บริหาร, en: executives' names}
        check: keywords
        any: [นายกเทศมนตรี]
    period: current_fy
"""

HOME = """<!doctype html><html><head><meta charset="utf-8"><title>เทศบาลตำบลทดสอบ</title></head><body>
<nav><a href="exec.html">ข้อมูลผู้บริหาร</a></nav></body></html>"""
EXEC = """<!doctype html><html><head><meta charset="utf-8"><title>ข้อมูลผู้บริหาร</title></head><body>
<h1>ข้อมูลผู้บริหาร</h1><p>นายสมชาย ใจดี นายกเทศมนตรีตำบลทดสอบ</p></body></html>"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(RuleFileError) as info:
        loader.load(str(_write(tmp_path, text)))
    return str(info.value)


def test_the_shipped_pack_states_the_defaults(pack: RulePack) -> None:
    assert pack.item_id_pattern == r"^O([1-9][0-9]?)$"
    assert pack.settled_statuses == ("pass", "incomplete", "outdated", "unreachable")
    assert pack.periods == DEFAULT_PERIODS
    assert [i.number for i in pack.items] == list(range(1, 44))
    assert loader.load(loader.DEFAULT_PACK) == pack


def test_a_pack_that_says_nothing_gets_the_defaults(tmp_path: Path, pack: RulePack) -> None:
    text = X_PACK.replace('item_id_pattern: "^X([0-9]+)$"\n', "").replace("settled_statuses: [pass]\n", "")
    text = text.split("periods:")[0] + "items:" + text.split("\nitems:")[1]
    plain = loader.load(str(_write(tmp_path, text.replace("X1", "O1").replace("X2", "O2"))))
    assert (plain.item_id_pattern, plain.settled_statuses, plain.periods) == (
        pack.item_id_pattern,
        pack.settled_statuses,
        pack.periods,
    )


def test_a_pack_with_other_item_ids_loads_and_checks(tmp_path: Path) -> None:
    pack = loader.load(str(_write(tmp_path, X_PACK)))
    assert [(i.id, i.number) for i in pack.items] == [("X1", 1), ("X2", 2)]
    assert pack.item("x2").id == "X2" and pack.settled_statuses == ("pass",)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(HOME, encoding="utf-8")
    (site / "exec.html").write_text(EXEC, encoding="utf-8")
    for lang in ("th", "en"):
        with serve_site(site) as (base, _):
            report = asyncio.run(run_check(base, pack, lang=lang, ocr=None)).report
        items = {i.id: i for i in report.items}
        assert list(items) == ["X1", "X2"] and report.ruleset.id == "other_criteria"
        assert items["X1"].status == "missing", items["X1"].reasons
        # The executives' page names no year: the reason says what the pack's own wording says is needed.
        x2 = items["X2"]
        assert x2.status == "review", x2.reasons
        need = "ข้อมูลของปี 2567 (ชุดทดสอบ)" if lang == "th" else "data of 2567 (test pack)"
        assert any(need in r for r in x2.reasons), x2.reasons
        assert [render_reason(r, lang) for r in x2.reason_codes] == x2.reasons


@pytest.mark.parametrize(
    ("old", "new", "expect"),
    [
        ('"^X([0-9]+)$"', '"^X([0-9]+$"', r"pack\.yaml:{line}: field item_id_pattern: invalid regular expression"),
        ('"^X([0-9]+)$"', '"^X[0-9]+$"', r"pack\.yaml:{line}: field item_id_pattern: .*needs a group"),
        ("  - id: X2", "  - id: O2", r"pack\.yaml:{line}: item O2, field id: .*does not match .*item_id_pattern"),
        ("  current_fy: {th", "  last_year: {th", r"pack\.yaml:{line}: field periods\.last_year: .*'current_fy'"),
        (
            "period: current_fy",
            "period: first_half",
            r"pack\.yaml:{line}: item X2, field period: .*not one of the pack",
        ),
        ("period: current_fy", "period: decade", r"pack\.yaml:{line}: item X2, field period: .*'none'"),
        ('"ข้อมูลของปี {year} (ชุดทดสอบ)"', '"ปี {years}"', r"pack\.yaml:{line}: field periods.*may only use \{year\}"),
        ("settled_statuses: [pass]", "settled_statuses: [done]", r"pack\.yaml:{line}: field settled_statuses"),
    ],
)
def test_mistakes_in_what_a_pack_says_about_itself(tmp_path: Path, old: str, new: str, expect: str) -> None:
    assert old in X_PACK
    text = X_PACK.replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1  # the mistake's own line
    message = _error(tmp_path, text)
    assert re.search(expect.replace("{line}", str(line)), message), message


def test_without_the_loader_a_wrong_id_is_still_rejected() -> None:
    from pydantic import ValidationError

    data = yaml.safe_load(X_PACK)
    data["items"][1]["id"] = "O2"
    with pytest.raises(ValidationError, match="item_id_pattern"):
        RulePack.model_validate(data)
