"""`oitcheck check` keeps every run; `history` lists them; `diff` and the next report say what changed.

The site is a copy of the basic fixture served from a tmp folder and edited between the two runs: one item
fixed (O14's manual page, an error page before, becomes a real manual), one broken (O1's structure page is
deleted: its link now 404s) and one made outdated (O7's news turn out to be from 2565).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from tests.support.server import serve_site

BASIC = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"
MANUAL = (
    '<!doctype html><html><head><meta charset="utf-8"><title>คู่มือการปฏิบัติงาน</title></head><body>'
    "<h1>คู่มือการปฏิบัติงาน</h1><p>วัตถุประสงค์ของงาน ตำแหน่ง เจ้าพนักงานธุรการ ขั้นตอนการปฏิบัติงาน</p></body></html>"
)


def _change_the_site(site: Path) -> None:
    (site / "soft404.html").write_text(MANUAL, encoding="utf-8")  # O14: unreachable -> pass
    (site / "structure.html").unlink()  # O1: pass -> unreachable
    news = site / "news.html"
    news.write_text(
        news.read_text(encoding="utf-8").replace(
            "<h1>ข่าวประชาสัมพันธ์</h1>", "<h1>ข่าวประชาสัมพันธ์ ประจำปี พ.ศ. 2565</h1><p>กิจกรรมวันเด็ก 14 มกราคม 2565</p>"
        ),
        encoding="utf-8",
    )  # O7: review (no year) -> outdated


def test_history_and_diff_after_the_site_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site)
    db = tmp_path / "history.db"
    common = ["--history", str(db), "--no-cache", "--quiet", "--format", "json"]
    with serve_site(site) as (base, _):
        assert main(["check", base, *common, "-o", str(tmp_path / "r1.json")]) == 1
        _change_the_site(site)
        assert main(["check", base, *common, "-o", str(tmp_path / "r2.json")]) == 1
    first = json.loads((tmp_path / "r1.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "r2.json").read_text(encoding="utf-8"))
    assert "changes" not in first  # nothing stored before it

    expected = {"O1": ("pass", "unreachable", "regressed"), "O7": ("review", "outdated", "changed"),
                "O14": ("unreachable", "pass", "fixed")}  # fmt: skip
    moved = {
        c["id"]: (c["before"], c["after"], c["kind"]) for c in second["changes"]["items"] if c["kind"] != "unchanged"
    }
    assert moved == expected
    assert len(second["changes"]["items"]) == 43
    assert second["changes"]["previous_started_at"] == first["started_at"]
    assert second["changes"]["previous_score"] == first["score"]

    capsys.readouterr()
    assert main(["diff", "--history", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"]["id"], data["to"]["id"]) == (1, 2)
    assert {
        c["id"]: (c["before"], c["after"], c["kind"]) for c in data["changes"]["items"] if c["kind"] != "unchanged"
    } == expected
    assert data["changes"] == second["changes"]  # the stored report and the diff command agree

    assert main(["diff", base, "--history", str(db), "--lang", "en"]) == 0
    table = capsys.readouterr().out
    assert "run 1" in table and "run 2" in table and "40 more items unchanged" in table
    est_a, est_b = first["estimate"], second["estimate"]  # the heading gives both runs' headline scores
    assert f"OIT est. {est_a['score']:.2f} {est_a['grade']}, {first['score']['percent']:.1f}% of items" in table
    assert f"OIT est. {est_b['score']:.2f} {est_b['grade']}, {second['score']['percent']:.1f}% of items" in table
    rows = [line.split()[0] for line in table.splitlines()[2:] if line[:1] == "O"]
    assert rows == ["O1", "O7", "O14"]  # regressed, changed, fixed: worst news first

    assert main(["history", base, "--history", str(db), "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in runs] == [2, 1]
    assert runs[1]["counts"] == {"pass": 2, "incomplete": 1, "outdated": 0, "missing": 36, "unreachable": 2,
                                 "review": 2}  # fmt: skip
    assert runs[0]["counts"]["outdated"] == 1 and runs[0]["percent"] == second["score"]["percent"]
    assert (runs[0]["estimate"], runs[0]["grade"]) == (second["estimate"]["score"], second["estimate"]["grade"])
    assert (runs[1]["estimate"], runs[1]["grade"]) == (first["estimate"]["score"], first["estimate"]["grade"])
    assert runs[0]["site"] == base.removeprefix("http://").rstrip("/")


def test_history_listing_and_no_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.db"
    with serve_site(BASIC) as (base, _):
        args = ["check", base, "--history", str(db), "--quiet", "--format", "json", "-o", str(tmp_path / "r.json")]
        assert main(args) == 1
        assert main([*args[:2], "--no-history", *args[4:]]) == 1  # not stored
    capsys.readouterr()
    assert main(["history", "--history", str(db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["OIT", "Items"]  # the score headers take two lines
    assert lines[1].split()[:8] == ["Run", "When", "(ICT,", "UTC+7)", "Site", "Rules", "(est.)", "passed"]
    row = next(line for line in lines if line.strip().startswith("1 "))
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert f" {report['estimate']['score']:.2f} {report['estimate']['grade']} " in row and " 4.7% " in row
    assert "oit_2567 2567" in row and "✘ missing" in out
    assert max(len(line) for line in lines) <= 80  # one site's runs fit a terminal
    assert main(["diff", "--history", str(db)]) == 2  # only one run stored
    assert "only one run" in capsys.readouterr().err


def test_history_as_a_subprocess_with_the_default_home(tmp_path: Path) -> None:
    env = {**__import__("os").environ, "OITCHECK_HOME": str(tmp_path / "home")}
    empty = subprocess.run([sys.executable, "-m", "checker.cli", "history"], capture_output=True, text=True, env=env)
    assert empty.returncode == 2 and "no history at" in empty.stderr and str(tmp_path / "home") in empty.stderr
    with serve_site(BASIC) as (base, _):
        proc = subprocess.run(
            [sys.executable, "-m", "checker.cli", "check", base, "--format", "json", "-o", str(tmp_path / "r.json")],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert proc.returncode == 1, proc.stderr
    assert "First stored run" in proc.stderr or "บันทึกการตรวจครั้งแรก" in proc.stderr
    assert (tmp_path / "home" / "history.db").exists()
    listing = subprocess.run([sys.executable, "-m", "checker.cli", "history"], capture_output=True, text=True, env=env)
    assert listing.returncode == 0 and "oit_2567 2567" in listing.stdout
