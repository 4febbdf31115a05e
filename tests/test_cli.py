"""The command line: exit codes, the JSON contract, formats and outputs, rules commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.demo.server import serve
from tests.support.server import serve_site

FIXTURES = Path(__file__).parent / "fixtures" / "sites"
ITEM_KEYS = {"id", "title", "indicator", "status", "evidence", "elements", "reasons"}
STATUSES = {"pass", "incomplete", "outdated", "missing", "unreachable", "review"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True, text=True, timeout=300)


def test_json_report_has_the_documented_shape(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    with serve() as base:
        code = main(["check", base, "--year", "2567", "--format", "json", "--output", str(out), "--quiet"])
    assert code == 1  # the demo site has items that do not pass
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {
        "schema_version",
        "tool",
        "site",
        "ruleset",
        "started_at",
        "finished_at",
        "stats",
        "score",
        "items",
        "coverage",
        "estimate",
    }  # fmt: skip  (coverage, estimate: additive, see docs/json-report.md)
    assert data["estimate"]["grade"] in {"AA", "A", "B", "C", "D", "E", "F"} and set(
        data["estimate"]["indicators"]
    ) == {
        "9",
        "10",
    }
    assert data["coverage"]["pages_fetched"] == data["stats"]["pages"] and data["coverage"]["external_links"] > 0
    assert data["schema_version"] == 1 and data["tool"]["name"] == "oitcheck"
    assert data["ruleset"] == {"id": "oit_2567", "fiscal_year": 2567}
    assert set(data["stats"]) == {"requests", "pages", "documents", "errors", "bytes", "rendered"}
    assert data["stats"]["pages"] >= 40 and data["stats"]["requests"] >= data["stats"]["pages"]
    assert set(data["score"]) == {"passed", "total", "percent"} and data["score"]["total"] == 43
    assert data["score"]["passed"] == sum(1 for i in data["items"] if i["status"] == "pass")
    for item in data["items"]:
        assert ITEM_KEYS <= set(item) <= ITEM_KEYS | {"reason_codes"} and item["status"] in STATUSES
        assert len(item.get("reason_codes", [])) == len(item["reasons"])  # each text has its code beside it
        for ev in item["evidence"]:
            assert set(ev) == {"url", "found_via", "period", "snippet"}
        for el in item["elements"]:
            assert set(el) == {"id", "label", "status"} and el["status"] in {"found", "not_found", "unknown"}


def test_exit_0_when_every_item_passes(tmp_path: Path) -> None:
    tiny = tmp_path / "rules.yaml"
    tiny.write_text(
        """schema_version: 1
id: tiny
fiscal_year: 2567
name: {th: ทดสอบ, en: test}
indicators: {"9.1": {th: ข้อมูลพื้นฐาน, en: Basic}}
items:
  - id: O1
    indicator: "9.1"
    title: {th: โครงสร้าง, en: Structure}
    recognise: {titles: [โครงสร้างส่วนราชการ]}
    elements:
      - {id: units, label: {th: ส่วนราชการ, en: units}, check: keywords, any: [สำนักปลัด, กองคลัง], min: 2}
    period: none
""",
        encoding="utf-8",
    )
    with serve_site(FIXTURES / "basic") as (base, _):
        assert (
            main(["check", base, "--rules", str(tiny), "--quiet", "--format", "json", "-o", str(tmp_path / "a")]) == 0
        )


def test_exit_3_when_the_site_cannot_be_checked(tmp_path: Path) -> None:
    routes = {"/index.html": {"status": 500, "body": "error"}}
    out = tmp_path / "down.json"
    with serve_site(FIXTURES / "basic", routes) as (base, _):
        code = main(["check", base + "index.html", "--format", "json", "--output", str(out), "--quiet"])
    assert code == 3
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {i["status"] for i in data["items"]} == {"unreachable"}
    assert "HTTP 500" in data["items"][0]["reasons"][0]


def test_exit_3_when_nothing_listens() -> None:
    proc = _cli("check", "http://127.0.0.1:9/", "--quiet")
    assert proc.returncode == 3 and "connection refused" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "not a url"],
        ["check", "http://127.0.0.1:9/", "--format", "pdf"],
        ["check", "http://127.0.0.1:9/", "--rules", "/nonexistent/rules.yaml"],
        ["rules", "show", "O99"],
        ["frobnicate"],
    ],
)
def test_exit_2_on_usage_errors(args: list[str]) -> None:
    proc = _cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip()


def test_several_formats_into_a_folder(tmp_path: Path) -> None:
    with serve_site(FIXTURES / "basic") as (base, _):
        code = main(["check", base, "--format", "table,json", "--output", str(tmp_path / "out"), "--quiet"])
    assert code == 1
    assert json.loads((tmp_path / "out" / "oitcheck-report.json").read_text(encoding="utf-8"))["items"]
    text = (tmp_path / "out" / "oitcheck-report.txt").read_text(encoding="utf-8")
    assert "O1" in text and "ผ่าน" in text


def test_english_output(tmp_path: Path) -> None:
    out = tmp_path / "en.txt"
    with serve_site(FIXTURES / "basic") as (base, _):
        main(["check", base, "--lang", "en", "--output", str(out), "--quiet"])
    text = out.read_text(encoding="utf-8")
    assert "items pass" in text and "missing" in text


def test_rules_commands() -> None:
    listing = _cli("rules", "list")
    assert listing.returncode == 0 and listing.stdout.count("\n") == 43 and "O43" in listing.stdout
    show = _cli("rules", "show", "o12")
    assert show.returncode == 0 and "first_half" in show.stdout
    ok = _cli("rules", "validate", "rules/oit_2567.yaml", "--lang", "en")
    assert ok.returncode == 0 and "43 items" in ok.stdout


def test_demo_command_matches_ground_truth() -> None:
    proc = _cli("demo", "--quiet", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "all 43 verdicts match" in proc.stderr
    assert "O43" in proc.stdout


def test_progress_and_messages_follow_the_language() -> None:
    from checker.commands.check import progress_line
    from checker.crawl.crawler import CrawlProgress

    p = CrawlProgress(pages=12, documents=3, queued=40, errors=1, url="http://127.0.0.1/x")
    assert progress_line(p, "th") == "ตรวจแล้ว 12 หน้า · 3 เอกสาร · รอตรวจ 40 · ผิดพลาด 1"
    assert progress_line(p, "en") == "12 pages · 3 documents · 40 queued · 1 errors"
