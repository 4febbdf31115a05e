"""Waivers, thresholds (the exit-code rule), site config files and the per-site lock.

Pure logic is tested on reports built in code; the CLI runs against the basic fixture site (2 of 43 items
pass, 4.7 %; O14 and O22 unreachable, O7 and O13 review, O5 incomplete, the rest missing; none outdated).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from checker.cli import main
from checker.operations import InputFileError
from checker.operations.config import load_config
from checker.operations.lock import LockBusy, SiteLock, lock_path
from checker.operations.sourcemap import toml_lines
from checker.operations.thresholds import Gate, decide, parse_fail_on
from checker.operations.waivers import apply_waivers, load_waivers
from checker.store import site_key
from tests.store.reports import make_report
from tests.support.server import FixtureHandler, serve_site

BASIC = Path(__file__).parent / "fixtures" / "sites" / "basic"
TODAY = date.today()
SOON, PAST = (TODAY + timedelta(days=30)).isoformat(), (TODAY - timedelta(days=1)).isoformat()


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, type[FixtureHandler]]]:
    with serve_site(BASIC) as served:
        yield served


def _check(base: str, tmp: Path, *extra: str) -> int:
    out = tmp / f"r{time.monotonic_ns()}.json"
    return main(["check", base, "--quiet", "--no-history", "--format", "json", "-o", str(out), *extra])


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- waivers


def test_waivers_apply_by_item_and_status_and_expire(tmp_path: Path) -> None:
    waivers = load_waivers(_write(tmp_path / "w.yaml", f"""waivers:
  - {{item: o2, reason: "e-GP ปิดปรับปรุง", expires: {SOON}}}
  - {{item: O3, status: review, reason: ระบบภายนอก, expires: {SOON}}}
  - {{item: O4, status: missing, reason: wrong status, expires: {SOON}}}
  - {{item: O5, reason: ran out, expires: {PAST}}}
  - {{item: O1, reason: already passes, expires: {SOON}}}
"""))  # fmt: skip
    report = make_report({"O1": "pass", "O2": "unreachable", "O3": "review", "O4": "incomplete", "O5": "missing"})
    outcome = apply_waivers(report, waivers, TODAY)
    got = {i.id: i.waiver for i in outcome.report.items}
    assert got["O2"] is not None and got["O2"].reason == "e-GP ปิดปรับปรุง" and got["O2"].expires == SOON
    assert got["O3"] is not None and got["O4"] is None and got["O5"] is None and got["O1"] is None
    assert [i.status for i in outcome.report.items] == [i.status for i in report.items]  # verdicts unchanged
    assert outcome.report.score == report.score
    assert [(u.item, u.line) for u in outcome.applied] == [("O2", 2), ("O3", 3)]
    assert [(u.item, u.status, u.line) for u in outcome.expired] == [("O5", "missing", 5)]
    assert [(e.item, line) for e, line in outcome.unused] == [("O4", 4), ("O1", 6)]
    last_day = apply_waivers(report, waivers, TODAY + timedelta(days=30))
    assert [u.item for u in last_day.applied] == ["O2", "O3"]  # in force through the `expires` day
    assert [u.item for u in apply_waivers(report, waivers, TODAY + timedelta(days=31)).expired] == ["O2", "O3", "O5"]


def test_toml_waivers_name_their_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "w.toml", f"""# accepted findings
[[waivers]]
item = "O22"
reason = "ไฟล์อยู่ระหว่างขออนุมัติ"
expires = {SOON}

[[waivers]]
item = "O14"
status = "unreachable"
reason = "ย้ายเว็บไซต์"
expires = "{SOON}"
""")  # fmt: skip
    waivers = load_waivers(path)
    assert [(e.item, e.status, line) for e, line in zip(waivers.entries, waivers.lines, strict=True)] == [
        ("O22", None, 2),
        ("O14", "unreachable", 7),
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("w.yaml", "waivers:\n  - item: O1\n    reason: x\n    expires: 2025-01-01\n    owner: me\n",
         "w.yaml:5: field waivers[0].owner: unknown field 'owner'"),
        ("w.yaml", "waivers:\n  - item: O1\n    expires: 2025-01-01\n",
         "w.yaml:2: field waivers[0].reason: required field 'reason' is missing"),
        ("w.yaml", "waivers:\n  - item: O1\n    reason: x\n    expires: 31/01/2025\n",
         "w.yaml:4: field waivers[0].expires: Input should be a valid date"),
        ("w.yaml", "waivers:\n  - item: O1\n    reason: '   '\n    expires: 2025-01-01\n",
         "w.yaml:3: field waivers[0].reason: a waiver needs a reason"),
        ("w.yaml", "waivers:\n  - item: O1\n    status: pass\n    reason: x\n    expires: 2025-01-01\n",
         "w.yaml:3: field waivers[0].status: Input should be 'incomplete'"),
        ("w.yaml", "waivers:\n  - item: O1\n   reason: x\n", "w.yaml:3: not valid YAML"),
        ("w.toml", '[[waivers]]\nitem = "O1"\nreason = "x"\nexpires = 2025-13-01\n', "w.toml:4: not valid TOML"),
        ("w.toml", '[[waivers]]\nitem = "O1"\nreason = "x"\nexpires = 2025-01-01\n\n[[waivers]]\nitem = "O2"\n'
                   'reason = "y"\nexpires = "soon"\n',
         "w.toml:9: field waivers[1].expires: Input should be a valid date"),
    ],
)  # fmt: skip
def test_bad_waiver_files_name_file_and_line(tmp_path: Path, name: str, text: str, expected: str) -> None:
    with pytest.raises(InputFileError) as caught:
        load_waivers(_write(tmp_path / name, text))
    assert caught.value.problems[0].startswith(str(tmp_path / expected.split(":")[0]))
    assert caught.value.problems[0].removeprefix(str(tmp_path) + "/").startswith(expected)


def test_a_bad_waivers_file_exits_2_before_any_crawl(tmp_path: Path) -> None:
    path = _write(tmp_path / "waivers.yaml", f"waivers:\n  - item: O1\n    reason: ok\n    expires: {SOON}\n"
                                             f"  - item: O99\n    reason: typo\n    expires: {SOON}\n")  # fmt: skip
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "checker.cli", "check", "http://127.0.0.1:9/", "--waivers", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr  # not 3: the site (nothing listens there) was never tried
    assert f"{path}:5: field waivers[1].item: no item 'O99' in the rule pack" in proc.stderr
    assert time.monotonic() - start < 10


def test_waivers_on_a_real_run(site: tuple[str, type[FixtureHandler]], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    base, _ = site
    good = _write(tmp_path / "good.yaml", f"""waivers:
  - {{item: O14, status: unreachable, reason: manual moves to the new site, expires: {SOON}}}
  - {{item: O22, reason: e-GP export pending, expires: {SOON}}}
""")  # fmt: skip
    out = tmp_path / "r.json"
    args = ["check", base, "--quiet", "--no-history", "-f", "json", "-o", str(out), "--fail-on", "unreachable"]
    assert main([*args, "--waivers", str(good)]) == 0
    items = {i["id"]: i for i in json.loads(out.read_text(encoding="utf-8"))["items"]}
    assert items["O14"]["waiver"] == {"reason": "manual moves to the new site", "expires": SOON}
    assert items["O14"]["status"] == "unreachable" and "waiver" not in items["O5"]
    assert main(args) == 1  # the same run without the waivers

    other_status = _write(tmp_path / "other.yaml", good.read_text().replace("status: unreachable", "status: missing"))
    capsys.readouterr()
    assert main([*args, "--waivers", str(other_status)]) == 1
    assert "O14" in capsys.readouterr().err  # exit 1 names the item that still fails

    expired = _write(
        tmp_path / "expired.yaml", good.read_text().replace(f"expires: {SOON}}}\n", f"expires: {PAST}}}\n")
    )
    assert main([*args, "--waivers", str(expired)]) == 1  # O22's waiver ran out: the finding counts again
    err = capsys.readouterr().err
    assert "warning:" in err and "O22" in err and f"{expired}:3" in err  # said even with --quiet
    assert "waiver" not in {i["id"]: i for i in json.loads(out.read_text(encoding="utf-8"))["items"]}["O22"]


# --------------------------------------------------------------------------- thresholds


@pytest.mark.parametrize(
    ("fail_on", "min_score", "code"),
    [
        ("all", None, 1),
        ("none", None, 0),
        ("none", 50, 1),  # 33.3 % < 50
        ("none", 33.3, 0),
        ("outdated", None, 0),
        ("missing", None, 0),  # O3 is missing but waived
        ("review", None, 1),
        ("review,outdated", 10, 1),
    ],
)
def test_the_exit_code_rule(fail_on: str, min_score: float | None, code: int) -> None:
    report = make_report({"O1": "pass", "O2": "review", "O3": "missing"})
    waived = report.items[2].model_copy(update={"waiver": {"reason": "x", "expires": SOON}})
    report = report.model_copy(update={"items": [*report.items[:2], waived]})
    decision = decide(report, Gate(parse_fail_on(fail_on), min_score))
    assert decision.code == code
    assert decision.explain(report, Gate(parse_fail_on(fail_on), min_score)).startswith(f"exit {code}")


def test_fail_on_values() -> None:
    assert parse_fail_on("missing, Outdated") == {"missing", "outdated"}
    assert parse_fail_on(["review"]) == {"review"} and parse_fail_on("none") == frozenset()
    assert len(parse_fail_on("all")) == 5
    for bad in ("pass", "missing,typo", ""):
        with pytest.raises(ValueError, match="unknown status"):
            parse_fail_on(bad)


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ([], 1),
        (["--fail-on", "none"], 0),
        (["--fail-on", "none", "--min-score", "50"], 1),
        (["--fail-on", "none", "--min-score", "4.7"], 0),
        (["--fail-on", "outdated"], 0),
        (["--fail-on", "unreachable,review", "--min-score", "0"], 1),
    ],
)
def test_fail_on_and_min_score_decide_the_exit_code(
    site: tuple[str, type[FixtureHandler]], tmp_path: Path, extra: list[str], code: int
) -> None:
    assert _check(site[0], tmp_path, *extra) == code


@pytest.mark.parametrize("extra", [["--fail-on", "passed"], ["--min-score", "101"], ["--min-score", "lots"]])
def test_bad_threshold_flags_are_usage_errors(extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", "http://127.0.0.1:9/", *extra])
    assert caught.value.code == 2 and "error" in capsys.readouterr().err


# --------------------------------------------------------------------------- site config


def _config(tmp_path: Path, base: str, **extra: str) -> Path:
    _write(tmp_path / "waivers.toml", f'[[waivers]]\nitem = "O14"\nreason = "r"\nexpires = {SOON}\n'
                                      f'[[waivers]]\nitem = "O22"\nreason = "r"\nexpires = {SOON}\n')  # fmt: skip
    lines = [
        f'url = "{base}"', 'name = "เทศบาลตำบลทดสอบ"', "year = 2567", 'rules = "oit_2567"', 'render = "never"',
        'waivers = "waivers.toml"', 'fail_on = ["unreachable"]', 'history = "state/history.db"',
        *(f"{k} = {v}" for k, v in extra.items()),
        "", "[budgets]", "max_pages = 50", "max_seconds = 60", "concurrency = 2",
        "", "[outputs]", 'formats = ["json", "table"]', 'folder = "out"',
    ]  # fmt: skip
    return _write(tmp_path / "site.toml", "\n".join(lines) + "\n")


def test_config_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, "www.example.go.th", min_score="80"))
    assert config.url == "http://www.example.go.th/" and config.year == 2567 and config.min_score == 80
    assert config.waivers == str(tmp_path / "waivers.toml") and config.history == str(tmp_path / "state/history.db")
    assert config.outputs.folder == str(tmp_path / "out") and config.outputs.formats == ["json", "table"]
    assert config.fail_on == ["unreachable"] and config.budgets.max_pages == 50 and config.rules == "oit_2567"


def test_run_a_config_file_and_override_it_with_flags(
    site: tuple[str, type[FixtureHandler]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _config(tmp_path, site[0])
    assert main(["run", str(path), "--quiet"]) == 0  # O14, O22 unreachable but waived; other statuses don't fail
    report = json.loads((tmp_path / "out" / "oitcheck-report.json").read_text(encoding="utf-8"))
    assert report["ruleset"]["fiscal_year"] == 2567 and report["items"][13]["waiver"]["reason"] == "r"
    assert "O1" in (tmp_path / "out" / "oitcheck-report.txt").read_text(encoding="utf-8")
    assert (tmp_path / "state" / "history.db").exists()

    assert main(["check", "--config", str(path), "--quiet", "--fail-on", "review"]) == 1  # flag beats file
    second = json.loads((tmp_path / "out" / "oitcheck-report.json").read_text(encoding="utf-8"))
    assert second["changes"]["previous_started_at"] == report["started_at"]
    capsys.readouterr()
    assert main(["run", str(path), "--quiet", "--min-score", "90"]) == 1
    assert "เทศบาลตำบลทดสอบ: exit 1: score 4.7% is below --min-score 90" in capsys.readouterr().err
    single = tmp_path / "one.json"
    assert main(["run", str(path), "--quiet", "--no-history", "-f", "json", "-o", str(single), "--year", "2568"]) == 0
    assert json.loads(single.read_text(encoding="utf-8"))["ruleset"]["fiscal_year"] == 2568
    assert "changes" not in json.loads(single.read_text(encoding="utf-8"))  # --no-history: no baseline either
    again = json.loads((tmp_path / "out" / "oitcheck-report.json").read_text(encoding="utf-8"))
    assert again["changes"]["previous_started_at"] == second["started_at"]  # the third run compared with the 2nd
    assert "trend" not in json.loads(single.read_text(encoding="utf-8"))
    # the score across stored runs, oldest first, this run last (the --no-history run is not among them)
    runs = [report["started_at"], second["started_at"], again["started_at"]]
    assert [p["started_at"] for p in again["trend"]] == runs
    assert [p["started_at"] for p in second["trend"]] == [report["started_at"], second["started_at"]]
    assert all(0 <= p["estimate"] <= 100 and p["percent"] == again["score"]["percent"] for p in again["trend"])

    proc = subprocess.run([sys.executable, "-m", "checker.cli", "run", str(path), "--quiet"], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('url = "x.go.th"\n\n[budgets]\nmax_page = 10\n', "site.toml:4: field budgets.max_page: unknown field"),
        ('url = "x.go.th"\nyear = 2024\n', "site.toml:2: field year: 2024 looks like a Christian-era year; use 2567"),
        ('url = "x.go.th"\nfail_on = ["missing", "late"]\n', "site.toml:2: field fail_on: unknown status late"),
        (
            'url = "x.go.th"\n[outputs]\nformats = "json,pdf"\n',
            "site.toml:3: field outputs.formats: unknown format pdf",
        ),
        ('url = "x.go.th"\nmin_score = 120\n', "site.toml:2: field min_score: a score is a percentage from 0 to 100"),
        ('name = "no url"\n', "site.toml:1: field url: required field 'url' is missing"),
        ('url = "x.go.th"\nrender = maybe\n', "site.toml:2: not valid TOML"),
    ],
)
def test_config_errors_exit_2_with_file_and_line(
    tmp_path: Path, text: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "site.toml", text)
    assert main(["run", str(path)]) == 2
    assert f"{tmp_path}/{expected}" in capsys.readouterr().err.replace("\n", "")


def test_toml_line_map() -> None:
    lines = toml_lines('a = 1\n[t]\nb.c = """\nx = 2\n"""\nd = 3\n[[arr]]\ne = 4\n[[arr]]\ne = 5\n')
    assert lines[("a",)] == 1 and lines[("t",)] == 2 and lines[("t", "b", "c")] == 3 and ("t", "x") not in lines
    assert lines[("t", "d")] == 6 and lines[("arr", 0, "e")] == 8 and lines[("arr", 1, "e")] == 10


# --------------------------------------------------------------------------- the lock


def test_a_held_lock_makes_a_second_run_exit_2_at_once(
    site: tuple[str, type[FixtureHandler]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, handler = site
    db = tmp_path / "h.db"
    handler.reset()
    with SiteLock(lock_path(tmp_path, site_key(base))):
        start = time.monotonic()
        assert main(["check", base, "--history", str(db), "--quiet"]) == 2
        assert time.monotonic() - start < 5  # the pack loads; no crawl, no waiting
        assert f"another oitcheck run is checking {site_key(base)} (pid " in capsys.readouterr().err
        proc = subprocess.run([sys.executable, "-m", "checker.cli", "check", base, "--history", str(db)],
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert proc.returncode == 2 and "--wait-lock" in proc.stderr and "pid " in proc.stderr
    assert sum(handler.hits.values()) == 0  # neither run touched the site
    assert _check(base, tmp_path, "--history", str(db)) == 1  # --no-history still locks; the lock is free again


def test_wait_lock_waits_for_the_other_run(site: tuple[str, type[FixtureHandler]], tmp_path: Path) -> None:
    base, _ = site
    lock = SiteLock(lock_path(tmp_path, site_key(base)))
    lock.acquire()
    threading.Timer(0.5, lock.release).start()
    start = time.monotonic()
    assert _check(base, tmp_path, "--history", str(tmp_path / "h.db"), "--wait-lock") == 1
    assert time.monotonic() - start >= 0.4


def test_locks_are_per_site(tmp_path: Path) -> None:
    a, b = lock_path(tmp_path, "a.go.th"), lock_path(tmp_path, "b.go.th")
    assert a != b and a.parent == tmp_path / "locks" and a.name.startswith("a.go.th-")
    assert lock_path(tmp_path, "x/y") != lock_path(tmp_path, "x_y")
    with SiteLock(a), SiteLock(b), pytest.raises(LockBusy):
        SiteLock(a).acquire()
