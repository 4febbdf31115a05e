"""The command line speaks Thai first: help, examples and exit codes of every command, in Thai by default and
in English with --lang en or an English locale; every option documented in both; 80 columns."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from checker.cli import main
from checker.commands import app
from checker.commands.helpformat import walk, wrap
from checker.commands.lang import env_lang, user_lang
from checker.commands.options import add_check_options, resolve
from checker.operations.config import SiteConfig
from checker.store import SqliteStore

THAI = re.compile("[\u0e00-\u0e7f]")
COMMANDS = ["check", "run", "history", "diff", "batch", "dashboard", "worker", "serve", "demo", "rules"]


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "80", **env},
    )  # fmt: skip


def _exit_lines(text: str) -> dict[str, str]:
    """`  2    meaning` lines of an epilog: code -> meaning."""
    return {m[1]: m[2] for m in re.finditer(r"^  (\d+) +(\S.*)$", text, re.MULTILINE)}


# --------------------------------------------------------------------------- the real command


def test_help_is_thai_by_default_with_examples_and_exit_codes() -> None:
    proc = _cli("--help")  # LANG=C.UTF-8, no OITCHECK_LANG (tests/conftest.py)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    text = proc.stdout
    assert text.startswith("วิธีใช้: oitcheck ") and "ตัวเลือก:" in text and "แสดงวิธีใช้นี้แล้วจบ" in text
    assert (
        "ตัวอย่าง:" in text and "  oitcheck check https://www.example.go.th --year 2567 -f html,json -o รายงาน/" in text
    )
    codes = _exit_lines(text)
    assert list(codes) == ["0", "1", "2", "3", "4", "70", "130", "143", "141"]
    assert codes["1"] == "ตรวจได้ แต่มีข้อที่ไม่ผ่าน" and "Ctrl-C" in codes["130"]
    for command in COMMANDS:
        assert re.search(rf"^    {command} +\S*[\u0e00-\u0e7f]", text, re.MULTILINE), command  # listed, in Thai
    assert "usage:" not in text and "show this help" not in text and "positional arguments" not in text


def test_help_is_english_with_lang_en_or_an_english_locale() -> None:
    for proc in (_cli("--help", "--lang", "en"), _cli("--lang=en", "--help"), _cli("--help", LANG="en_US.UTF-8")):
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout
        assert text.startswith("usage: oitcheck ") and "show this help message and exit" in text
        assert "examples:" in text and "exit codes:" in text and not THAI.search(text), text
        assert _exit_lines(text)["3"] == "the site could not be checked at all"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "C.UTF-8"}, "th"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "th_TH.UTF-8"}, "th"),  # LC_ALL decides
        ({"LANG": "th_TH.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "OITCHECK_LANG": "th"}, "th"),
        ({"OITCHECK_LANG": "en"}, "en"),
    ],
)
def test_check_help_follows_the_environment(env: dict[str, str], expected: str) -> None:
    proc = _cli("check", "--help", **env)
    assert proc.returncode == 0, proc.stderr
    assert bool(THAI.search(proc.stdout.splitlines()[-1])) == (expected == "th")
    assert list(_exit_lines(proc.stdout)) == ["0", "1", "2", "3", "4", "70", "130", "143"]
    example = "  oitcheck check https://www.example.go.th -q --min-score 80"
    assert example in proc.stdout.splitlines()
    assert proc.stdout.startswith("วิธีใช้: oitcheck check " if expected == "th" else "usage: oitcheck check ")


def test_help_fits_80_columns_from_the_command() -> None:
    for args in (("--help",), ("check", "--help"), ("batch", "--help", "--lang", "en")):
        proc = _cli(*args)
        widest = max(proc.stdout.splitlines(), key=cell_len)
        assert cell_len(widest) <= 80, widest


# --------------------------------------------------------------------------- every parser, in process


@pytest.fixture(params=["th", "en"])
def tree(request: pytest.FixtureRequest) -> tuple[str, list[tuple[str, argparse.ArgumentParser]]]:
    return request.param, walk(app.parser(request.param))


def test_every_command_and_option_has_help_in_the_language(
    tree: tuple[str, list[tuple[str, argparse.ArgumentParser]]],
) -> None:
    lang, parsers = tree
    names = {path for path, _ in parsers}
    assert {f"oitcheck {c}" for c in COMMANDS} | {"oitcheck rules list", "oitcheck rules show"} <= names
    for path, parser in parsers:
        assert parser.description and parser.epilog, path
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                assert action.help and bool(THAI.search(action.help)) == (lang == "th"), path
                continue
            helps = [action.help]
            if isinstance(action, argparse._SubParsersAction):
                helps += [choice.help for choice in action._choices_actions]
            for text in helps:
                where = f"{path} {'/'.join(action.option_strings) or action.dest}"
                assert text and text != argparse.SUPPRESS, f"no help: {where}"
                assert bool(THAI.search(text)) == (lang == "th"), f"{where} is not in {lang}: {text}"


def test_every_help_screen_fits_80_columns_with_examples_and_exit_codes(
    tree: tuple[str, list[tuple[str, argparse.ArgumentParser]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lang, parsers = tree
    for path, parser in parsers:
        text = parser.format_help()
        for line in text.splitlines():
            assert cell_len(line) <= 80, f"{path} ({lang}): {line!r} is {cell_len(line)} columns"
        assert ("ตัวอย่าง:" if lang == "th" else "examples:") in text, path
        assert "\n  oitcheck " in text and _exit_lines(text).get("0"), path  # an example, an exit code
        assert text.startswith("วิธีใช้: " if lang == "th" else "usage: "), path


def test_thai_help_wraps_by_cells_and_never_before_a_mark() -> None:
    line = "ประวัติการตรวจ" * 8  # one long "word": no space to break at
    parts = wrap(line + " ต่อ", 20)
    assert "".join(parts) == line + " ต่อ" and all(cell_len(p) <= 20 for p in parts)
    assert all(cell_len(p[0]) == 1 for p in parts)  # no line starts with a vowel or tone mark
    assert wrap("ไฟล์ตั้งค่าของเว็บไซต์ (TOML)", 40) == ["ไฟล์ตั้งค่าของเว็บไซต์ (TOML)"]  # 29 cells, 36 characters


# --------------------------------------------------------------------------- the language everywhere


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, "th"),
        ([], {"LANG": "C"}, "th"),
        ([], {"LANG": "POSIX"}, "th"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"}, "th"),
        ([], {"OITCHECK_LANG": "en", "LANG": "th_TH.UTF-8"}, "en"),
        ([], {"OITCHECK_LANG": "xx", "LANG": "en_US.UTF-8"}, "en"),  # unknown: the locale decides
        (["check", "URL", "--lang", "en"], {"OITCHECK_LANG": "th"}, "en"),
        (["--lang=th", "check"], {"LANG": "en_US.UTF-8"}, "th"),
        (["check", "--lang", "xx"], {"LANG": "en_US.UTF-8"}, "en"),  # argparse refuses xx, in English
    ],
)
def test_language_resolution(argv: list[str], env: dict[str, str], expected: str) -> None:
    assert user_lang(argv, env) == expected


def test_reports_and_messages_follow_the_environment_without_lang(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = argparse.ArgumentParser()
    add_check_options(p)
    p.add_argument("--history", default=None)
    p.add_argument("--no-history", action="store_true")
    p.add_argument("--waivers", default=None)
    p.add_argument("--fail-on", default=None)
    p.add_argument("--min-score", default=None)
    p.add_argument("--wait-lock", action="store_true")
    no_flag, flag = p.parse_args([]), p.parse_args(["--lang", "th"])
    thai_config = SiteConfig.model_construct(url="https://x.go.th/", lang="th")
    assert resolve(no_flag, "https://x.go.th/").lang == "th"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert env_lang() == "en" and resolve(no_flag, "https://x.go.th/").lang == "en"
    assert resolve(no_flag, "https://x.go.th/", thai_config).lang == "th"  # the site's config beats the locale
    assert resolve(flag, "https://x.go.th/").lang == "th"

    SqliteStore(tmp_path / "h.db").close()
    assert main(["history", "--history", str(tmp_path / "h.db")]) == 0
    assert "No stored runs" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["history", "--history", str(tmp_path / "h.db")]) == 0
    assert "ยังไม่มีประวัติการตรวจ" in capsys.readouterr().out


def test_lang_before_the_command_counts_as_a_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "rules", "validate", "rules/oit_2567.yaml"]) == 0
    assert "ok rules/oit_2567.yaml: oit_2567, fiscal year 2567, 43 items" in capsys.readouterr().out
    assert main(["rules", "validate", "rules/oit_2567.yaml"]) == 0
    assert "ใช้ได้ rules/oit_2567.yaml: oit_2567 ปีงบประมาณ 2567 จำนวน 43 ข้อ" in capsys.readouterr().out


def test_a_missing_argument_is_said_in_thai_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["worker"])
    assert stop.value.code == 2
    said = capsys.readouterr().err
    assert said == "oitcheck worker: error: ต้องระบุ --broker, --store (see oitcheck worker --help)\n"
    with pytest.raises(SystemExit):
        main(["worker", "--lang", "en"])
    assert "the following arguments are required: --broker, --store" in capsys.readouterr().err
