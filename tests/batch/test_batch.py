"""`oitcheck batch` with the embedded engine (local worker processes, SQLite) over sites served on loopback:
the same verdicts as single `check` runs, every report and summary written, one host never checked by two
jobs at once, and a batch killed with SIGKILL resumes without losing or repeating a finished site."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from checker.batch.sites import slug
from checker.cli import main
from checker.demo.server import SITE_DIR
from checker.store import site_key
from tests.support.server import serve_site

BASIC = Path(__file__).parents[1] / "fixtures" / "sites" / "basic"
FAST = ["--no-ocr", "--max-seconds", "60", "--max-pages", "60", "--no-cache", "--quiet"]


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, str]]:
    with serve_site(SITE_DIR) as (demo, _), serve_site(BASIC) as (basic, _):
        yield {"demo": demo, "basic": basic}


def _dead_url() -> str:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here now
    return f"http://127.0.0.1:{port}/"


def _statuses(path: Path) -> dict[str, str]:
    return {i["id"]: i["status"] for i in json.loads(path.read_text(encoding="utf-8"))["items"]}


def _dashboard_statuses(index: Path) -> dict[str, dict[str, str]]:
    """Site name -> item -> status, from the data the dashboard page embeds (one letter per item)."""
    page = index.read_text(encoding="utf-8")
    start = page.index('id="dash-data">') + len('id="dash-data">')
    data = json.loads(page[start : page.index("</script>", start)])
    letters = {s["code"]: s["id"] for s in data["statuses"]}
    ids = [i[0] for i in data["items"]]
    return {row[0]: {i: letters[c] for i, c in zip(ids, row[7], strict=True) if c in letters} for row in data["sites"]}


def test_a_batch_writes_what_single_checks_would(sites: dict[str, str], tmp_path: Path) -> None:
    dead = _dead_url()
    listing = tmp_path / "sites.csv"
    listing.write_text(
        "\ufeffname,url,province,district,type\n"
        f"เทศบาลตัวอย่าง,{sites['demo']},น่าน,เมืองน่าน,เทศบาล\n"
        "# a comment line\n"
        f"อบต.พื้นฐาน,{sites['basic']},น่าน,ปัว,อบต.\n"
        f"อบต.ปิดปรับปรุง,{dead},แพร่,,อบต.\n",
        encoding="utf-8",
    )
    out = tmp_path / "night"
    code = main(["batch", str(listing), "-o", str(out), "--workers", "2", "--store", str(tmp_path / "h.db"), *FAST])
    assert code == 3  # one site could not be checked
    name_of = {"demo": "เทศบาลตัวอย่าง", "basic": "อบต.พื้นฐาน"}
    for name, url in sites.items():
        single = tmp_path / f"{name}.json"
        assert main(["check", url, "--no-history", "-f", "json", "-o", str(single), *FAST]) in (0, 1)
        folder = out / slug(site_key(url))  # the site's folder, as sites.py names it
        assert _statuses(folder / "oitcheck-report.json") == _statuses(single)
        assert (folder / "oitcheck-report.html").stat().st_size > 1000 and (folder / "oitcheck-report.md").exists()
        board = _dashboard_statuses(out / "dashboard" / "index.html")
        assert board[name_of[name]] == _statuses(single)  # the dashboard shows the same verdicts
    board_page = (out / "dashboard" / "index.html").read_text(encoding="utf-8")
    assert '<tr data-reason="missing"><th scope="row">ไม่พบข้อมูลบนเว็บไซต์</th>' in board_page  # counted by code
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r["name"] for r in rows] == ["เทศบาลตัวอย่าง", "อบต.พื้นฐาน", "อบต.ปิดปรับปรุง"]
    demo_report = json.loads(next(out.glob("*/oitcheck-report.json")).read_text(encoding="utf-8"))
    assert rows[0]["state"] == "checked" and rows[0]["province"] == "น่าน" and rows[0]["district"] == "เมืองน่าน"
    assert float(rows[0]["score"]) >= 0 and int(rows[0]["total"]) == len(demo_report["items"]) == 43
    assert sum(int(rows[0][s]) for s in ("pass", "incomplete", "outdated", "missing", "unreachable", "review")) == 43
    assert rows[2]["state"] == "site_down" and rows[2]["score"] == "" and rows[2]["error"]
    assert rows[0]["ind_9.1"] != "" and rows[0]["report"].endswith("/oitcheck-report.html")
    # The estimated OIT score and grade: at the end of the CSV row, so no earlier column ever moves.
    head = next(csv.reader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert head[:9] == ["name", "url", "province", "district", "type", "state", "score", "passed", "total"]
    assert head[-4:] == ["report", "error", "oit_estimate", "grade"]
    demo = json.loads((out / slug(site_key(sites["demo"])) / "oitcheck-report.json").read_text(encoding="utf-8"))
    assert (float(rows[0]["oit_estimate"]), rows[0]["grade"]) == (demo["estimate"]["score"], demo["estimate"]["grade"])
    assert rows[2]["oit_estimate"] == rows[2]["grade"] == ""  # the site could not be checked
    sheet = load_workbook(out / "summary.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header[0] == "หน่วยงาน" and any(str(h).startswith("9.1 ข้อมูลพื้นฐาน") for h in header)
    assert header[5:9] == ["ผลการตรวจ", "คะแนน OIT (ประมาณ)", "ระดับ", "ข้อที่ผ่าน (%)"]  # the headline first
    assert sheet.cell(2, 7).value == demo["estimate"]["score"] and sheet.cell(2, 8).value == rows[0]["grade"]
    assert sheet.max_row == 4 and sheet.cell(2, 1).value == "เทศบาลตัวอย่าง"
    db = sqlite3.connect(tmp_path / "h.db")
    keys = [k for (k,) in db.execute("SELECT run_key FROM runs")]
    assert len(keys) == len(set(keys)) == 3
    tags = json.loads(db.execute("SELECT tags FROM runs WHERE site_error = 0 ORDER BY id LIMIT 1").fetchone()[0])
    assert tags["province"] == "น่าน"


def test_sites_file_problems_are_named_by_line_before_any_crawl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "sites.csv"
    listing.write_text("name,url,colour\nก,http://a.go.th/,แดง\n", encoding="utf-8")
    assert main(["batch", str(listing), "-o", str(tmp_path / "o")]) == 2
    assert f"{listing}:2: unknown column colour" in capsys.readouterr().err
    listing.write_text(
        "name;url;config\nก;http://a.go.th/;\nข;https://www.a.go.th/index.php;\nค;ftp://x;\nง;http://d.go.th;nope.toml\n",
        encoding="utf-8",
    )
    assert main(["batch", str(listing), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert f"{listing}:3: a.go.th is already listed on line 2" in err
    assert f"{listing}:4:" in err and f"{listing}:5: no such site config nope.toml" in err
    toml = tmp_path / "sites.toml"
    toml.write_text('[[site]]\nname = "ก"\nurl = "http://a.go.th"\n\n[[site]]\nname = "ข"\n', encoding="utf-8")
    assert main(["batch", str(toml), "-o", str(tmp_path / "o")]) == 2
    assert f"{toml}:5: no url" in capsys.readouterr().err
    assert not (tmp_path / "o" / "batch.json").exists()
    assert main(["batch", str(toml), "-o", str(tmp_path / "o2"), "--resume"]) == 2


def test_one_host_is_never_checked_by_two_jobs_at_once(tmp_path: Path) -> None:
    root = tmp_path / "www"
    for part in ("a", "b"):
        shutil.copytree(BASIC, root / part)
    with serve_site(root) as (base, handler):
        listing = tmp_path / "sites.csv"
        listing.write_text(f"name,url\nA,{base}a/\nB,{base}b/\n", encoding="utf-8")
        code = main(
            ["batch", str(listing), "-o", str(tmp_path / "o"), "--workers", "2", "--concurrency", "1",
             "--store", str(tmp_path / "h.db"), *FAST]
        )  # fmt: skip
        assert code in (0, 1)
        assert handler.max_in_flight == 1  # two workers, two sites, one host: one request at a time
        assert handler.hits["/a/"] >= 1 and handler.hits["/b/"] >= 1


def _slow_routes() -> dict[str, dict[str, object]]:
    return {"/": {"delay": 2.0, "file": "index.html"}}


def test_a_killed_batch_resumes_without_losing_or_repeating_a_site(sites: dict[str, str], tmp_path: Path) -> None:
    with serve_site(BASIC, routes=_slow_routes()) as (slow, slow_handler):
        listing = tmp_path / "sites.csv"
        listing.write_text(f"name,url\nfirst,{sites['basic']}\nslow,{slow}\n", encoding="utf-8")
        out, store = tmp_path / "o", tmp_path / "h.db"
        argv = [sys.executable, "-m", "checker.cli", "batch", str(listing), "-o", str(out), "--workers", "1",
                "--store", str(store), *FAST]  # fmt: skip
        child = subprocess.Popen(argv, start_new_session=True, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not slow_handler.hits["/"]:
            time.sleep(0.05)  # the first site is stored before the second starts (one worker)
        assert slow_handler.hits["/"], "the batch never reached the second site"
        os.killpg(child.pid, signal.SIGKILL)  # the coordinator and its workers, at once: a power cut
        child.wait(timeout=30)
        first_runs = sqlite3.connect(store).execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        assert first_runs == 1
        hits_before = slow_handler.hits["/"]
        code = main(["batch", str(listing), "-o", str(out), "--workers", "1", "--store", str(store), "--resume", *FAST])
        assert code in (0, 1)
        db = sqlite3.connect(store)
        keys = [k for (k,) in db.execute("SELECT run_key FROM runs")]
        assert len(keys) == 2 and len(set(keys)) == 2  # the first site kept once, the second added
        assert slow_handler.hits["/"] > hits_before
        rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert [r["name"] for r in rows] == ["first", "slow"] and all(r["state"] == "checked" for r in rows)


def test_exit_codes_of_a_batch(sites: dict[str, str], tmp_path: Path) -> None:
    listing = tmp_path / "sites.csv"
    listing.write_text(f"name,url\nbasic,{sites['basic']}\n", encoding="utf-8")
    store = ["--store", str(tmp_path / "h.db")]
    assert main(["batch", str(listing), "-o", str(tmp_path / "a"), *store, *FAST]) == 1  # items fail
    assert main(["batch", str(listing), "-o", str(tmp_path / "b"), *store, "--fail-on", "none", *FAST]) == 0
    # The runs were stored in Thai; the dashboard renders their reports in English from the reason codes.
    assert main(["dashboard", *store, "-o", str(tmp_path / "board"), "--lang", "en"]) == 0
    page = next((tmp_path / "board" / "sites").glob("*.html")).read_text(encoding="utf-8")
    assert "Nothing on the site names" in page and "ไม่พบข้อมูล “" not in page
    thai = (tmp_path / "a" / slug(site_key(sites["basic"])) / "oitcheck-report.html").read_text(encoding="utf-8")
    assert "ไม่พบข้อมูล “" in thai


def test_ctrl_c_stops_the_batch_at_once_and_keeps_what_finished(sites: dict[str, str], tmp_path: Path) -> None:
    with serve_site(BASIC, routes={"/": {"delay": 60.0, "file": "index.html"}}) as (stuck, stuck_handler):
        listing = tmp_path / "sites.csv"
        listing.write_text(f"name,url\nfirst,{sites['basic']}\nstuck,{stuck}\n", encoding="utf-8")
        out = tmp_path / "o"
        argv = [sys.executable, "-m", "checker.cli", "batch", str(listing), "-o", str(out), "--workers", "1",
                "--store", str(tmp_path / "h.db"), "--lang", "en", *FAST]  # fmt: skip
        child = subprocess.Popen(argv, start_new_session=True, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not stuck_handler.hits["/"]:
            time.sleep(0.05)
        assert stuck_handler.hits["/"], "the batch never reached the second site"
        started = time.monotonic()
        os.killpg(child.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
        _, err = child.communicate(timeout=30)
        assert child.returncode == 130 and time.monotonic() - started < 15  # not the 60 s the site hangs
        assert "1 of 2 sites finished and kept" in err and "--resume" in err and "Traceback" not in err
        rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert [r["name"] for r in rows] == ["first"]


def test_check_history_and_batch_keep_runs_in_postgresql(
    sites: dict[str, str], tmp_path: Path, postgres_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--store postgresql://…` for check, history and batch: the same runs, the same verdicts."""
    single = tmp_path / "single.json"
    assert main(["check", sites["basic"], "--store", postgres_db, "-f", "json", "-o", str(single), *FAST]) == 1
    assert main(["history", sites["basic"], "--store", postgres_db, "-f", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1 and listed[0]["site"] == site_key(sites["basic"])
    listing = tmp_path / "sites.csv"
    listing.write_text(f"name,url,province\nbasic,{sites['basic']},น่าน\n", encoding="utf-8")
    out = tmp_path / "o"
    assert main(["batch", str(listing), "-o", str(out), "--store", postgres_db, *FAST]) == 1
    assert _statuses(out / slug(site_key(sites["basic"])) / "oitcheck-report.json") == _statuses(single)
    assert main(["history", sites["basic"], "--store", postgres_db, "-f", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert len(runs) == 2 and runs[0]["tags"] == {"province": "น่าน"} and runs[0]["run_key"]


def _workers_of(pid: int) -> list[int]:
    """The pool's worker processes (spawned children running multiprocessing's spawn_main, not its tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            found.append(int(entry.name))
    return found


def test_a_worker_killed_mid_site_costs_nothing(sites: dict[str, str], tmp_path: Path) -> None:
    with serve_site(BASIC, routes={"/": {"delay": 3.0, "file": "index.html"}}) as (slow, slow_handler):
        listing = tmp_path / "sites.csv"
        listing.write_text(f"name,url\nslow,{slow}\nbasic,{sites['basic']}\n", encoding="utf-8")
        out, store = tmp_path / "o", tmp_path / "h.db"
        argv = [sys.executable, "-m", "checker.cli", "batch", str(listing), "-o", str(out), "--workers", "1",
                "--store", str(store), *FAST]  # fmt: skip
        child = subprocess.Popen(argv, start_new_session=True, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not slow_handler.hits["/"]:
            time.sleep(0.05)
        workers = _workers_of(child.pid)
        assert slow_handler.hits["/"] == 1 and len(workers) == 1
        os.kill(workers[0], signal.SIGKILL)  # out of memory, mid-site
        _, err = child.communicate(timeout=180)
        assert child.returncode == 1, err  # both sites checked; the basic site has failing items
        assert slow_handler.hits["/"] >= 2  # the slow site was handed out again
        db = sqlite3.connect(store)
        keys = [k for (k,) in db.execute("SELECT run_key FROM runs")]
        assert len(keys) == 2 == len(set(keys))
