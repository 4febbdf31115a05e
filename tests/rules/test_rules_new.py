"""`oitcheck rules new`: a new year's pack is the source's text with only its id, fiscal year and named year
changed, a header and an editor modeline on top; cases come along; nothing is overwritten without --force."""

from __future__ import annotations

import difflib
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from checker.cli import main
from checker.commands.rules_author import schema_ref
from checker.rules import loader
from checker.rules.packschema import SCHEMA_FILE
from checker.rules.scaffold import MODELINE, ScaffoldError, renamed, scaffold

SOURCE = loader.builtin_dir() / "oit_2567.yaml"
TINY = """\
# A small pack of the town's own criteria.
schema_version: 1
id: "town_2567"   # quoted, with a comment
fiscal_year: 2567 # the year
name: {th: เกณฑ์ของเทศบาล ปี ๒๕๖๗, en: Town criteria 2567}
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
    period: current_fy
    period_note: {th: แผนผังของปี 2567, en: the 2567 chart}
"""


def _source_pack(tmp_path: Path, text: str = TINY, stem: str = "town") -> Path:
    path = tmp_path / "src" / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _modeline_target(pack_path: Path) -> Path:
    ref = pack_path.read_text(encoding="utf-8").splitlines()[0].removeprefix(MODELINE)
    if ref.startswith("file://"):
        return Path(unquote(urlparse(ref).path))
    return (pack_path.parent / ref).resolve()


def test_new_from_the_shipped_pack_changes_only_id_year_and_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "new", "--from", "oit_2567", "--year", "2569", f"{tmp_path}/packs/"]) == 0
    target = tmp_path / "packs" / "oit_2569.yaml"
    said = capsys.readouterr().out
    assert f"เขียน {target} แล้ว: oit_2569 ปีงบประมาณ 2569 จำนวน 43 ข้อ (จาก oit_2567)" in said
    assert f"oitcheck rules validate {target}" in said and f"oitcheck rules test {target}" in said

    new, old = loader.load(str(target)), loader.load("oit_2567")
    assert (new.id, new.fiscal_year) == ("oit_2569", 2569)
    assert new.name.th.endswith("พ.ศ. 2569") and new.name.en.endswith("fiscal year 2569")
    same = {"id", "fiscal_year", "name"}
    assert new.model_dump(exclude=same) == old.model_dump(exclude=same)

    text, source = target.read_text(encoding="utf-8"), SOURCE.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line not in source.splitlines()][:5]
    assert header[0].startswith(MODELINE) and all(line.startswith("#") for line in header)
    assert "oitcheck rules new" in header[1] and "oit_2567" in header[1]
    assert _modeline_target(target) == (loader.builtin_dir() / SCHEMA_FILE).resolve()
    changed = [
        line for line in difflib.unified_diff(source.splitlines(), text.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]  # fmt: skip
    removed = [line[1:] for line in changed if line.startswith("-")]
    added = [line[1:] for line in changed if line.startswith("+") and not line.startswith("+#")]
    # the source's own modeline gives way to the new one; every other comment and line stays
    assert len(removed) == 5 and removed[0].startswith(MODELINE)
    assert removed[1:3] == ["id: oit_2567", "fiscal_year: 2567"] and added[:2] == ["id: oit_2569", "fiscal_year: 2569"]
    names = removed[3:]
    assert [n[:5] for n in names] == ["  th:", "  en:"] and all(n.endswith("2567") for n in names)
    assert added[2:] == [n.replace("2567", "2569") for n in names]
    # the values that still name 2567 (period notes that quote the manual) are pointed out by line
    lines = said.split("บรรทัด ", 1)[1].split(" ยังระบุปี 2567")[0]
    numbers = [int(n) for n in lines.replace("…", "").split(",") if n.strip()]
    assert numbers and all("2567" in text.splitlines()[n - 1] for n in numbers)


def test_new_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    assert main(["rules", "new", "--from", "oit_2567", "--year", "2569", str(target), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {target} exists: add --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert main(["rules", "new", "--from", "oit_2567", "--year", "2569", str(target), "--force"]) == 0
    assert loader.load(str(target)).id == "oit_2569"


def test_new_copies_the_cases_beside_the_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _source_pack(tmp_path)
    cases = source.with_name("town.cases.yaml")
    cases.write_bytes(b"# cases of 2567\ncases: []\n")
    target = tmp_path / "out" / "town69.yaml"
    args = ["rules", "new", "--from", str(source), "--year", "2569", str(target), "--lang", "en"]
    assert main(args) == 0
    copied = tmp_path / "out" / "town69.cases.yaml"
    assert copied.read_bytes() == cases.read_bytes()  # copied as it is, years and all
    assert f"copied the cases {cases} to {copied}" in capsys.readouterr().out
    target.unlink()  # the pack is gone but its cases are still there: not overwritten either
    assert main(args) == 2
    assert capsys.readouterr().err == f"error: {copied} exists: add --force to overwrite it\n"


def test_new_keeps_quotes_comments_and_thai_digits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _source_pack(tmp_path)
    target = tmp_path / "town_2570.yaml"
    assert main(["rules", "new", "--from", str(source), "--year", "2570", str(target), "--lang", "en"]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "id: town_2570   # quoted, with a comment" in lines
    assert "fiscal_year: 2570 # the year" in lines
    assert "name: {th: เกณฑ์ของเทศบาล ปี ๒๕๗๐, en: Town criteria 2570}" in lines
    note = "    period_note: {th: แผนผังของปี 2567, en: the 2567 chart}"
    assert note in lines  # only the name is renamed
    assert "# A small pack of the town's own criteria." in lines
    said = capsys.readouterr().out
    assert f"lines {lines.index(note) + 1} still say 2567" in said


def test_new_with_an_id_and_bad_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _source_pack(tmp_path)
    out = tmp_path / "x.yaml"
    assert main(["rules", "new", "--from", str(source), "--year", "2569", "--id", "city_69", str(out)]) == 0
    assert loader.load(str(out)).id == "city_69"
    capsys.readouterr()
    assert main(["rules", "new", "--from", str(source), "--year", "2569", "--id", "City", str(out), "--force"]) == 2
    assert "--id City:" in capsys.readouterr().err
    assert main(["rules", "new", "--from", str(source), "--year", "69", str(out), "--force"]) == 2
    assert capsys.readouterr().err.startswith("error: --year 69: ปีงบประมาณเป็น พ.ศ.")
    assert main(["rules", "new", "--from", str(tmp_path / "none.yaml"), "--year", "2569", str(out), "--force"]) == 2
    assert "no such rule file" in capsys.readouterr().err
    assert main(["rules", "new", "--from", str(source), "--year", "2567", str(source), "--force", "--lang", "en"]) == 2
    assert capsys.readouterr().err == f"error: {source} is the source pack itself: choose another file\n"
    assert source.read_text(encoding="utf-8") == TINY


def test_a_layout_the_edit_does_not_understand_is_an_error() -> None:
    source_pack = loader.parse(TINY, "town.yaml")
    folded = TINY.replace('id: "town_2567"   # quoted, with a comment', "id:\n  town_2567")
    with pytest.raises(ScaffoldError, match="`id:` is not a one-line value"):
        scaffold(folded, source_pack, year=2569, pack_id="t", header=[], filename="t.yaml")
    with pytest.raises(ScaffoldError, match="no top-level `fiscal_year:`"):
        scaffold(TINY.replace("fiscal_year: 2567 # the year\n", ""), source_pack, year=2569, pack_id="t", header=[],
                 filename="t.yaml")  # fmt: skip


def test_renamed_and_schema_ref() -> None:
    assert renamed("ปี ๒๕๖๗ และ 2567 แต่ไม่ใช่ 25670", 2567, 2569) == "ปี ๒๕๖๙ และ 2569 แต่ไม่ใช่ 25670"
    rules = loader.builtin_dir()
    assert schema_ref(rules / "oit_2569.yaml") == SCHEMA_FILE  # beside the shipped packs
    assert schema_ref(rules / "drafts" / "p.yaml") == f"../{SCHEMA_FILE}"


def test_an_edit_that_would_change_more_than_intended_is_refused() -> None:
    # The name is a YAML anchor that an item's title reuses: renaming the year would retitle the item too.
    aliased = TINY.replace("name: {th:", "name: &name {th:")
    aliased = aliased.replace("title: {th: โครงสร้าง, en: Structure}", "title: *name")
    with pytest.raises(ScaffoldError, match=r"more than id, fiscal_year, name: \['items'\]"):
        scaffold(aliased, loader.parse(aliased, "a.yaml"), year=2569, pack_id="t", header=[], filename="t.yaml")
