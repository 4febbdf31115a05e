"""Two runs checked with different packs (a new year's manual renumbered O12 to O44 and dropped O43): the
diff follows each item through the id map `oitcheck rules diff --write-map` writes, on a real SQLite history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.rules import packmap
from checker.store import SqliteStore, choose_pair, diff_reports
from tests.store.reports import make_report

MAP = "from: oit_2567\nto: oit_2569\nitems: {O1: O1, O12: O44}\nremoved: [O43]\nadded: [O45]\n"


@pytest.fixture
def history(tmp_path: Path) -> Path:
    db = tmp_path / "history.db"
    store = SqliteStore(db)
    try:
        old = {"O1": "pass", "O12": "incomplete", "O43": "pass"}
        store.save(make_report(old, started_at="2024-01-01T02:00:00+00:00"))  # type: ignore[arg-type]
        new = {"O1": "pass", "O44": "pass", "O43": "missing", "O45": "missing"}  # O43 is another item now
        store.save(make_report(new, started_at="2026-01-01T02:00:00+00:00", ruleset="oit_2569", year=2569))  # type: ignore[arg-type]
    finally:
        store.close()
    (tmp_path / "67-69.map.yaml").write_text(MAP, encoding="utf-8")
    return db


def test_the_store_diff_translates_the_older_runs_ids(history: Path, tmp_path: Path) -> None:
    store = SqliteStore(history)
    try:
        before, after = choose_pair(store, from_id=1, to_id=2)
        old, new = store.report(before.id), store.report(after.id)
    finally:
        store.close()
    assert (before.ruleset, after.ruleset) == ("oit_2567", "oit_2569")
    ids = packmap.load(tmp_path / "67-69.map.yaml").translation()
    moved = [(c.id, c.before, c.after, c.kind) for c in diff_reports(old, new, ids).items]
    assert moved == [
        ("O1", "pass", "pass", "unchanged"),
        ("O44", "incomplete", "pass", "fixed"),  # O12 of the old pack
        ("O43", None, "missing", "new"),  # the old O43 was dropped: not compared with the new one
        ("O45", None, "missing", "new"),
    ]
    naive = {c.id: c.kind for c in diff_reports(old, new).items}  # by id alone the dropped O43 "regressed"
    assert naive["O43"] == "regressed" and naive["O44"] == "new"


def test_oitcheck_diff_with_a_map(history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    map_path = tmp_path / "67-69.map.yaml"
    common = ["diff", "--history", str(history), "--from", "1", "--to", "2"]
    assert main([*common, "--map", str(map_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["id"]: c["kind"] for c in data["changes"]["items"]} == {
        "O1": "unchanged", "O44": "fixed", "O43": "new", "O45": "new"
    }  # fmt: skip
    assert data["map"]["items"] == {"O1": "O1", "O12": "O44"} and data["map"]["path"] == str(map_path)

    assert main([*common, "--map", str(map_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"the earlier run's item ids translated through {map_path} (oit_2567 → oit_2569)" in out
    row = next(line for line in out.splitlines() if line.startswith("O44"))
    assert "(was O12)" in row and "Fixed" in row


def test_runs_of_different_packs_need_a_map_that_fits_them(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["diff", "--history", str(history), "--from", "1", "--to", "2"]
    assert main(common) == 2
    err = capsys.readouterr().err
    assert "runs 1 and 2 were checked with different rule packs (oit_2567, oit_2569): give --map FILE" in err
    assert "oitcheck rules diff oit_2567 oit_2569 --write-map FILE" in err

    backwards = tmp_path / "69-67.map.yaml"
    backwards.write_text(MAP.replace("from: oit_2567\nto: oit_2569", "from: oit_2569\nto: oit_2567"), encoding="utf-8")
    assert main([*common, "--map", str(backwards)]) == 2
    assert "maps oit_2569 to oit_2567, but run 1 was checked with oit_2567" in capsys.readouterr().err

    broken = tmp_path / "broken.map.yaml"
    broken.write_text("from: oit_2567\nto: oit_2569\nitems: {O1: O1}\nmoved: [O2]\n", encoding="utf-8")
    assert main([*common, "--map", str(broken)]) == 2
    assert f"{broken}:4: field moved: unknown field 'moved'" in capsys.readouterr().err
    assert packmap.builtin_map("oit_2567", "oit_2569") is None  # none shipped (yet): --map was needed
