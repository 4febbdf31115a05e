"""Every bad input ends in one line on stderr and a documented exit code, never a traceback.

Each case runs the real command line against a real local server, which must see no request at all:
everything here is refused before the crawl. The table runs through `main()` in this process (a subprocess
costs most of a second of imports); a few cases run again as the installed command, to show that nothing
else reaches stderr. Outputs that fail after a crawl, damaged caches and the last line of defence have tests of their
own below. docs/reliability.md lists the same table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.cli import main
from checker.store import SqliteStore
from tests.store.reports import make_report
from tests.support.server import serve_site

SITE = Path(__file__).parent / "fixtures" / "sites" / "basic"
USAGE, OUTPUT = 2, 4


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # {url} and {tmp} are filled in
    code: int
    says: str  # part of the one line


CASES = [
    # -- option values: argparse type functions (checker/operations/values.py), exit 2
    Case("year-negative", ("check", "{url}", "--year", "-5"), USAGE,
         "argument --year: -5 is not a Buddhist-era fiscal year from 2500 to 2700"),
    Case("year-huge", ("check", "{url}", "--year", "99999"), USAGE,
         "argument --year: 99999 is not a Buddhist-era fiscal year from 2500 to 2700"),
    Case("year-christian-era", ("check", "{url}", "--year", "2024"), USAGE,
         "argument --year: 2024 looks like a Christian-era year; use 2567"),
    Case("year-christian-era-1999", ("check", "{url}", "--year", "1999"), USAGE,
         "1999 looks like a Christian-era year; use 2542"),
    Case("year-not-a-number", ("check", "{url}", "--year", "abc"), USAGE, "argument --year: not a whole number: abc"),
    Case("year-far-from-pack", ("check", "{url}", "--year", "2590"), USAGE,
         "fiscal year 2590 is too far from the rule pack's year 2567 (oit_2567); use 2557–2577"),
    Case("max-pages-0", ("check", "{url}", "--max-pages", "0"), USAGE,
         "argument --max-pages: must be a whole number from 1 to 100000, not 0"),
    Case("max-pages-negative", ("check", "{url}", "--max-pages", "-1"), USAGE, "from 1 to 100000, not -1"),
    Case("max-documents-negative", ("check", "{url}", "--max-documents", "-1"), USAGE,
         "argument --max-documents: must be a whole number from 0 to 100000, not -1"),
    Case("max-seconds-0", ("check", "{url}", "--max-seconds", "0"), USAGE,
         "argument --max-seconds: must be more than 0 and at most 86400 seconds, not 0"),
    Case("max-seconds-nan", ("check", "{url}", "--max-seconds", "nan"), USAGE, "at most 86400 seconds, not nan"),
    Case("max-seconds-huge", ("check", "{url}", "--max-seconds", "1e9"), USAGE, "at most 86400 seconds, not 1e9"),
    Case("concurrency-negative", ("check", "{url}", "--concurrency", "-3"), USAGE,
         "argument --concurrency: must be a whole number from 1 to 16, not -3"),
    Case("concurrency-too-many", ("check", "{url}", "--concurrency", "17"), USAGE, "from 1 to 16, not 17"),
    Case("min-score-200", ("check", "{url}", "--min-score", "200"), USAGE,
         "argument --min-score: a score is a percentage from 0 to 100, not 200"),
    Case("format-junk", ("check", "{url}", "--format", "junk"), USAGE, "argument -f/--format: unknown format 'junk'"),
    Case("lang-junk", ("check", "{url}", "--lang", "xx"), USAGE, "argument --lang: invalid choice: 'xx'"),
    Case("resolve-no-address", ("check", "{url}", "--resolve", "agency.go.th"), USAGE,
         "argument --resolve: expected HOST:ADDRESS"),
    Case("resolve-not-an-ip", ("check", "{url}", "--resolve", "agency.go.th:server1"), USAGE,
         "'server1' in 'agency.go.th:server1' is not an IP address"),
    Case("check-without-url", ("check",), USAGE, "oitcheck: error: check needs a URL or --config FILE"),
    # -- the site's address, exit 2
    Case("url-no-host", ("check", "http://"), USAGE, "not an http(s) URL: 'http://'"),
    Case("url-ftp", ("check", "ftp://x"), USAGE, "not an http(s) URL: 'ftp://x'"),
    Case("url-space", ("check", "http://exa mple.go.th"), USAGE, "not a web address"),
    Case("url-bad-port", ("check", "http://127.0.0.1:99999/"), USAGE, "invalid port"),
    # -- files given by the user, exit 2
    Case("rules-missing", ("check", "{url}", "--rules", "{tmp}/missing.yaml"), USAGE,
         "missing.yaml: no such rule file"),
    Case("rules-folder", ("check", "{url}", "--rules", "{tmp}"), USAGE, "cannot read"),
    Case("config-bad-toml", ("check", "--config", "{tmp}/bad.toml"), USAGE, "bad.toml:2: not valid TOML"),
    Case("config-missing", ("run", "{tmp}/missing.toml"), USAGE, "missing.toml: no such site config"),
    Case("config-nested-too-deeply", ("run", "{tmp}/deep.toml"), USAGE, "deep.toml: not valid TOML: nested too deeply"),
    Case("waivers-bad-date-yaml", ("check", "{url}", "--waivers", "{tmp}/w.yaml"), USAGE,
         "w.yaml:4: field waivers[0].expires: Input should be a valid date or datetime, month value is outside "
         "expected range of 1-12: '2026-13-01'"),
    Case("waivers-bad-date-toml", ("check", "{url}", "--waivers", "{tmp}/w.toml"), USAGE,
         "w.toml:4: not valid TOML in `expires = 2026-13-01`"),
    Case("waivers-missing", ("check", "{url}", "--waivers", "{tmp}/none.yaml"), USAGE,
         "none.yaml: no such waivers file"),
    # -- history, lock and cache files, exit 2
    Case("history-damaged-check", ("check", "{url}", "--history", "{tmp}/damaged.db"), USAGE,
         "history database {tmp}/damaged.db is damaged (file is not a database); move it aside or run with "
         "--no-history / --history NEW.db"),
    Case("history-damaged-history", ("history", "--history", "{tmp}/damaged.db"), USAGE,
         "history database {tmp}/damaged.db is damaged (file is not a database); move it aside"),
    Case("history-damaged-diff", ("diff", "--history", "{tmp}/damaged.db"), USAGE,
         "history database {tmp}/damaged.db is damaged (file is not a database)"),
    Case("history-truncated", ("check", "{url}", "--history", "{tmp}/truncated.db"), USAGE,
         "history database {tmp}/truncated.db is damaged ("),
    Case("history-folder", ("check", "{url}", "--history", "{tmp}"), USAGE, "is a folder, not a file"),
    Case("history-under-a-file", ("check", "{url}", "--history", "{tmp}/a-file/h.db"), USAGE,
         "cannot open history database {tmp}/a-file/h.db: {tmp}/a-file is a file, not a folder"),
    Case("diff-no-such-run", ("diff", "--history", "{tmp}/good.db", "--from", "1", "--to", "99"), USAGE, "no run "),
    Case("lock-folder-under-a-file", ("check", "{url}", "--no-history", "--history", "{tmp}/a-file/x/h.db"), USAGE,
         "cannot create the site lock"),
    Case("cache-under-a-file", ("check", "{url}", "--cache", "{tmp}/a-file/c.db"), USAGE,
         "cannot use the HTTP cache {tmp}/a-file/c.db: {tmp}/a-file is a file, not a folder; choose another --cache"),
    Case("cache-folder", ("check", "{url}", "--cache", "{tmp}"), USAGE, "it is a folder, not a file"),
    # -- rules commands, exit 2
    Case("rules-show-unknown", ("rules", "show", "O99"), USAGE, "no item 'O99' in oit_2567"),
    Case("rules-validate-missing", ("rules", "validate", "{tmp}/missing.yaml"), USAGE, "no such rule file"),
    # -- outputs that cannot be written: exit 4 before the crawl
    Case("output-under-a-file", ("check", "{url}", "-f", "json", "-o", "{tmp}/a-file/r.json"), OUTPUT,
         "cannot write report to {tmp}/a-file/r.json: {tmp}/a-file is a file, not a folder (the run was not stored)"),
    Case("output-one-format-into-a-folder", ("check", "{url}", "-f", "json", "-o", "{tmp}"), OUTPUT,
         "cannot write report to {tmp}: it is a folder"),
    Case("output-folder-is-a-file", ("check", "{url}", "-f", "json,md", "-o", "{tmp}/a-file"), OUTPUT,
         "it is a file, and several formats need a folder"),
    Case("demo-output-under-a-file", ("demo", "-o", "{tmp}/a-file/r.txt"), OUTPUT, "{tmp}/a-file is a file"),
]  # fmt: skip


def _files(tmp: Path) -> None:
    (tmp / "a-file").write_text("a file, not a folder")
    (tmp / "bad.toml").write_text('url = "x.go.th"\n[budgets\n')
    (tmp / "deep.toml").write_text("url = " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp / "w.yaml").write_text("waivers:\n  - item: O22\n    reason: x\n    expires: 2026-13-01\n")
    (tmp / "w.toml").write_text('[[waivers]]\nitem = "O22"\nreason = "x"\nexpires = 2026-13-01\n')
    (tmp / "damaged.db").write_bytes(bytes(range(256)) * 20)
    store = SqliteStore(tmp / "whole.db")  # a real history with runs in it, then cut short as a full disk does
    for _ in range(40):
        store.save(make_report({f"O{i}": "missing" for i in range(1, 44)}))
    store.close()
    data = (tmp / "whole.db").read_bytes()
    (tmp / "truncated.db").write_bytes(data[: len(data) // 2])
    SqliteStore(tmp / "good.db").close()


def oitcheck(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    return lines[0]


def in_process(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`main(args)` here (the imports cost most of a second per subprocess): exit code and stderr."""
    capsys.readouterr()
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own exit
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input")
    _files(folder)
    return folder


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A real site that must see no request: every case is refused before the crawl."""
    with serve_site(SITE) as (base, handler):
        yield base
        assert sum(handler.hits.values()) == 0, dict(handler.hits)


@pytest.fixture
def home(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OITCHECK_HOME", str(tmp / "home"))
    monkeypatch.setenv("OITCHECK_CACHE", str(tmp / "cache" / "c.db"))


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_line_and_a_documented_exit_code(
    case: Case, tmp: Path, site: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stderr = in_process([a.format(url=site, tmp=tmp) for a in case.args], capsys)
    assert case.says.format(tmp=tmp) in one_line(stderr)
    assert code == case.code, stderr


IN_A_PROCESS = [
    "year-christian-era",
    "url-ftp",
    "waivers-bad-date-yaml",
    "history-damaged-check",
    "output-under-a-file",
]


@pytest.mark.parametrize("case", [c for c in CASES if c.id in IN_A_PROCESS], ids=IN_A_PROCESS)
def test_the_same_from_the_installed_command(case: Case, tmp: Path, site: str) -> None:
    """The command as a user runs it: one line and the code, nothing else on stderr, not even at exit."""
    env = {**os.environ, "OITCHECK_HOME": str(tmp / "home"), "OITCHECK_CACHE": str(tmp / "cache" / "c.db")}
    proc = oitcheck(*[a.format(url=site, tmp=tmp) for a in case.args], env=env)
    assert case.says.format(tmp=tmp) in one_line(proc.stderr)
    assert proc.returncode == case.code and proc.stdout == ""


@pytest.mark.parametrize(
    ("flag", "key", "value"),
    [
        ("--year", "year = {}", "2024"),
        ("--year", "year = {}", "-5"),
        ("--max-pages", "[budgets]\nmax_pages = {}", "0"),
        ("--max-documents", "[budgets]\nmax_documents = {}", "-1"),
        ("--max-seconds", "[budgets]\nmax_seconds = {}", "0"),
        ("--concurrency", "[budgets]\nconcurrency = {}", "-3"),
        ("--min-score", "min_score = {}", "200"),
    ],
)
def test_the_flag_and_the_config_file_refuse_a_value_in_the_same_words(
    tmp_path: Path, flag: str, key: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "site.toml"
    config.write_text(f'url = "http://127.0.0.1:9/"\n{key.format(value)}\n')
    flag_code, by_flag = in_process(["check", "http://127.0.0.1:9/", flag, value], capsys)
    file_code, by_file = in_process(["run", str(config)], capsys)
    said = one_line(by_flag).split(f"argument {flag}: ", 1)[1].removesuffix(" (see oitcheck check --help)")
    assert one_line(by_file).endswith(": " + said) and flag_code == file_code == USAGE, (by_flag, by_file)


def test_a_report_that_cannot_be_written_after_the_crawl_is_exit_4_and_not_stored(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full (Linux) to fail a write after the crawl")
    env = {**os.environ, "OITCHECK_HOME": str(tmp_path), "OITCHECK_CACHE": str(tmp_path / "c.db")}
    with serve_site(SITE) as (base, handler):
        full = oitcheck("check", base, "-f", "json", "-o", "/dev/full", env=env)
        assert sum(handler.hits.values()) > 0  # it did crawl: the disk filled up at the very end
        ok = oitcheck("check", base, "-f", "json", "-o", str(tmp_path / "r.json"), "--lang", "en", env=env)
    assert full.returncode == OUTPUT
    assert (
        one_line(full.stderr)
        == "error: cannot write report to /dev/full: No space left on device (the run was not stored)"
    )
    listed = json.loads(oitcheck("history", "--format", "json", env=env).stdout)
    assert ok.returncode == 1 and [r["id"] for r in listed] == [1]  # only the run that was reported
    assert "First stored run of this site (run 1)" in ok.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_exit_4_before_the_crawl(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    with serve_site(SITE) as (base, handler):
        proc = oitcheck("check", base, "--no-history", "-f", "json,md", "-o", str(folder))
    folder.chmod(0o755)
    assert proc.returncode == OUTPUT and sum(handler.hits.values()) == 0
    assert "cannot write report to" in one_line(proc.stderr) and "Permission denied" in proc.stderr


def test_a_damaged_cache_is_set_aside_rebuilt_and_said_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "http-cache.db"
    docs = cache.with_name("http-cache-documents.db")
    env = {**os.environ, "OITCHECK_HOME": str(tmp_path), "OITCHECK_CACHE": str(cache)}
    args = ("--no-history", "--lang", "en", "-f", "json", "-o", str(tmp_path / "r.json"), "-q")
    with serve_site(SITE) as (base, _):
        assert oitcheck("check", base, *args, env=env).returncode in (0, 1)
        cache.write_bytes(b"\x00garbage, not SQLite\x00" * 500)  # overwritten
        docs.write_bytes(docs.read_bytes()[: docs.stat().st_size // 3])  # truncated
        for extra in (cache.with_name(cache.name + "-wal"), docs.with_name(docs.name + "-wal")):
            extra.unlink(missing_ok=True)
        damaged = oitcheck("check", base, *args, env=env)
        again = oitcheck("check", base, *args, "--full", env=env)  # a full crawl: every page from the new cache
    warnings = [line for line in damaged.stderr.splitlines() if line.startswith("warning:")]
    assert "Traceback" not in damaged.stderr and len(warnings) == 2, damaged.stderr
    assert warnings[0].startswith(f"warning: the cache {cache} was damaged: moved it to {cache}.damaged-")
    assert warnings[1].startswith(f"warning: the cache {docs} was damaged: moved it to {docs}.damaged-")
    assert len(list(cache.parent.glob("*.damaged-*"))) == 2
    assert "warning" not in again.stderr  # the rebuilt files work: nothing to say, and answers come from them
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["coverage"]["from_cache"] > 0


def test_an_unexpected_error_is_one_line_and_exit_70_with_the_traceback_on_request() -> None:
    # A caller handing main() something that is not a string: no check of ours expects it.
    code = "from checker.cli import main; raise SystemExit(main(['rules', 'show', None]))"
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    debug = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        env={**os.environ, "OITCHECK_DEBUG": "1"},
    )  # fmt: skip
    assert plain.returncode == 70 and debug.returncode == 70
    assert one_line(plain.stderr).startswith("internal error: AttributeError: ")
    assert plain.stderr.rstrip().endswith("please report it; run with OITCHECK_DEBUG=1 for the traceback")
    assert "Traceback (most recent call last)" in debug.stderr


def test_a_reader_that_goes_away_is_exit_141_and_silent() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "rules", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `oitcheck rules list | head -0`
    assert proc.wait(timeout=60) == 141
    assert proc.stderr.read() == b""
