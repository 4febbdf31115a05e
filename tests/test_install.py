"""Installing oitcheck for scheduled runs: one version everywhere, a wheel that carries every file the tool reads
at run time (checked by installing it elsewhere and running it there), and the documented systemd units."""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from checker import __version__

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
UNITS = DOCS / "systemd"
OPERATIONS = DOCS / "operations.md"
# The paths the install recipe in docs/operations.md sets up; the units and the cron lines use these.
INSTALLED = "/opt/oitcheck/bin/oitcheck"
STATE = "/var/lib/oitcheck"

# --------------------------------------------------------------------------- one version number

# A version of oitcheck named in prose, a command, a file name, a pin or a report example. Only where the text
# says it is oitcheck's, so "Python 3.11.7", "Tesseract 5.3.0", "nginx 1.22.1", "actions/checkout@v4",
# "PostgreSQL 15" or an address such as 127.0.0.1 are never taken for one.
_VERSION = r"(?<![\w.])v?(?P<vN>\d+\.\d+\.\d+(?:(?:a|b|rc|\.dev|\.post)\d+)?)(?!\.?\d)"
_CONTEXTS = (
    # oitcheck 0.2.0, oitcheck/0.2.0 (User-Agent), oitcheck-0.2.0-py3-none-any.whl, oitcheck==0.2.0,
    # oitcheck.git@v0.2.0, oitcheck รุ่น 0.2.0 (the HTML report), oitcheck version 0.2.0
    r"\boitcheck(?:\.git)?[ \t]*(?:==|>=|<=|~=|!=|[/@_=-]|รุ่น|version)?[ \t]*",
    # a direct reference: "oitcheck @ git+https://<mirror>@v0.2.0"
    r"\boitcheck[ \t]*@[ \t]*git\+[^\"'\n]*?@",
    # the report's "tool": {"name": "oitcheck", "version": "0.2.0"}
    r'"tool"\s*:\s*\{[^}]*?"version"\s*:\s*"',
    # a stored run's tool_version, the report's tool.version, the package's __version__
    r"\b(?:tool_version|tool\.version|__version__)\W{0,5}",
)
OITCHECK_VERSION = re.compile(
    "|".join(f"{context}{_VERSION.replace('vN', f'v{i}')}" for i, context in enumerate(_CONTEXTS)), re.IGNORECASE
)


def named_versions(text: str) -> list[tuple[int, str]]:
    """Every oitcheck version `text` names, with the offset where it is named."""
    return [(m.start(), next(v for v in m.groups() if v)) for m in OITCHECK_VERSION.finditer(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("oitcheck 0.1.0: OIT 2567 https://…/", ["0.1.0"]),
        ('"tool": {"name": "oitcheck", "version": "0.1.0"},', ["0.1.0"]),
        ("pipx install ./oitcheck-0.1.0-py3-none-any.whl", ["0.1.0"]),
        ('"oitcheck @ git+https://<your mirror>@v0.1.0"', ["0.1.0"]),
        ("pip install git+https://git.example/oit/oitcheck.git@v0.1.0", ["0.1.0"]),
        ("oitcheck @ git+https://ci@git.example/oit.git@0.1.0", ["0.1.0"]),
        ("pip install oitcheck==0.1.0 and User-Agent oitcheck/0.1.0 (+https://…)", ["0.1.0", "0.1.0"]),
        ("oitcheck รุ่น 0.1.0", ["0.1.0"]),
        ("tool_version 0.3.0rc1", ["0.3.0rc1"]),
        ("Python 3.11.7, Tesseract 5.3.0, nginx 1.22.1, python-docx 1.2.0, PostgreSQL 15", []),
        ("oitcheck demo serves it on 127.0.0.1; oitcheck 127.0.0.1; oitcheck 0.2 added coverage", []),
        ('uses: actions/setup-python@v5.1.0 with python-version: "3.12.1"', []),
        ("oitcheck-<version>-py3-none-any.whl", []),
    ],
)
def test_the_version_pattern_finds_oitchecks_versions_only(text: str, found: list[str]) -> None:
    assert [version for _, version in named_versions(text)] == found


def _doc_files() -> list[Path]:
    docs = sorted(p for p in DOCS.rglob("*") if p.is_file() and p.suffix not in (".png", ".jpg", ".svg", ".gif"))
    return [ROOT / "README.md", *docs]


def test_docs_name_no_other_oitcheck_version() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, at) + 1}: {version}"
        for path in _doc_files()
        for text in [path.read_text(encoding="utf-8")]
        for at, version in named_versions(text)
        if version != __version__
    ]
    assert wrong == [], f"docs name another version than checker.__version__ {__version__}"
    # …and they do name this one where a reader copies it (the wheel's file name, the JSON example).
    assert f"oitcheck-{__version__}-py3-none-any.whl" in OPERATIONS.read_text(encoding="utf-8")


def test_pyproject_and_cli_say_the_version_of_checker() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^dynamic = \["version"\]$', pyproject, re.M) and not re.search(r"^version\s*=", pyproject, re.M)
    if importlib.util.find_spec("hatchling") is not None:  # the build backend resolves it as a build would
        from hatchling.metadata.core import ProjectMetadata
        from hatchling.plugin.manager import PluginManager

        assert ProjectMetadata(str(ROOT), PluginManager()).version == __version__
    out = subprocess.run(
        [sys.executable, "-m", "checker.cli", "--version"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == f"oitcheck {__version__}"


# --------------------------------------------------------------------------- the wheel, installed elsewhere

# Files the package reads through Path(__file__) / importlib.resources at run time.
DATA = [
    "checker/_rules/oit_2567.yaml",
    "checker/_rules/oit_2567.cases.yaml",  # `oitcheck rules test oit_2567` reads it beside the pack
    "checker/_rules/oit-pack.schema.json",
    "checker/rules/reference/templates",
    "checker/rules/thai_words.txt",
    "checker/crawl/open_menus.js",
    "checker/report/templates",
    "checker/dashboard/templates",
    "checker/demo/ground_truth.yaml",
    "checker/demo/site/index.html",
    "checker/demo/site/files",
]


def _pip(*args: str, cwd: Path = ROOT) -> None:
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, capture_output=True, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built offline from this checkout with the build backend installed here (hatchling)."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed (pip install -e '.[dev]'): the wheel cannot be built offline")
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(ROOT))
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a folder of its own (its dependencies are this environment's)."""
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--no-deps", "--target", str(target), str(wheel))
    return target


def _run(site: Path, *args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """This interpreter with the installed copy first on the path, from a folder that is not the checkout."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([*args], capture_output=True, text=True, cwd=cwd, env=env, check=check, timeout=120)


def test_wheel_is_named_for_the_version_and_declares_the_command(wheel: Path) -> None:
    assert wheel.name == f"oitcheck-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as z:
        info = f"oitcheck-{__version__}.dist-info"
        metadata = z.read(f"{info}/METADATA").decode()
        entry_points = configparser.ConfigParser()
        entry_points.read_string(z.read(f"{info}/entry_points.txt").decode())
    assert re.search(rf"^Version: {re.escape(__version__)}$", metadata, re.M)
    assert entry_points["console_scripts"]["oitcheck"] == "checker.cli:main"


def test_wheel_carries_every_file_of_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        packs = {n: z.read(n) for n in names if n.startswith("checker/_rules/")}
    source = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "checker").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert sorted(source - names) == []
    assert packs == {f"checker/_rules/{p.name}": p.read_bytes() for p in (ROOT / "rules").iterdir() if p.is_file()}
    for data in DATA:
        assert data in names or any(n.startswith(data + "/") for n in names), data


def test_installed_wheel_runs_from_its_own_copy(site: Path, tmp_path: Path) -> None:
    probe = (
        "import checker, checker.crawl.render, checker.rules.words as w\n"
        "from checker.rules import loader\n"
        "from checker.report.html import TEMPLATES as report\n"
        "from checker.dashboard.page import TEMPLATES as dashboard\n"
        "from checker.demo.server import SITE_DIR\n"
        "from checker.demo.ground_truth import GROUND_TRUTH\n"
        "print(checker.__file__, loader.builtin_dir(), report, dashboard, SITE_DIR, GROUND_TRUTH, sep='\\n')\n"
        "assert loader.builtin_ids() == ['oit_2567'] and report.is_dir() and dashboard.is_dir()\n"
        "assert SITE_DIR.is_dir() and GROUND_TRUTH.is_file() and checker.crawl.render.OPEN_MENUS_JS\n"
    )
    paths = _run(site, sys.executable, "-c", probe, cwd=tmp_path).stdout.split()
    assert len(paths) == 6 and all(Path(p).resolve().is_relative_to(site.resolve()) for p in paths), paths

    version = _run(site, sys.executable, "-m", "checker.cli", "--version", cwd=tmp_path)
    assert version.stdout.strip() == f"oitcheck {__version__}"
    script = _run(site, str(site / "bin" / "oitcheck"), "--version", cwd=tmp_path)  # the console script
    assert script.stdout.strip() == f"oitcheck {__version__}"
    valid = _run(site, sys.executable, "-m", "checker.cli", "rules", "validate", "oit_2567", cwd=tmp_path)
    assert "oit_2567" in valid.stdout and " 43 " in valid.stdout  # the pack's id and its item count
    listed = _run(site, sys.executable, "-m", "checker.cli", "rules", "list", "--lang", "en", cwd=tmp_path)
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [f"O{i}" for i in range(1, 44)]


def test_installed_wheel_checks_its_demo_site_and_writes_every_report(site: Path, tmp_path: Path) -> None:
    """`oitcheck demo` from the installed copy: its own site, ground truth, rule pack and report templates."""
    out = tmp_path / "reports"
    demo = _run(
        site,
        *(sys.executable, "-m", "checker.cli", "demo", "--no-ocr", "--render", "never", "--no-cache", "-q"),
        *("--format", "json,html,md,junit", "--output", str(out)),
        cwd=tmp_path,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr  # 0: every verdict equals the demo's ground truth
    report = json.loads((out / "oitcheck-report.json").read_text(encoding="utf-8"))
    assert report["tool"] == {"name": "oitcheck", "version": __version__} and len(report["items"]) == 43
    assert {p.suffix for p in out.iterdir()} == {".json", ".html", ".md", ".xml"}


def test_installed_wheel_stores_a_run_and_draws_the_dashboard(site: Path, tmp_path: Path) -> None:
    from checker.demo.server import serve

    history = tmp_path / "history.db"
    with serve() as base:
        check = _run(
            site,
            *(sys.executable, "-m", "checker.cli", "check", base, "--no-ocr", "--render", "never", "--no-cache"),
            *("-q", "--format", "json", "--output", str(tmp_path / "r.json"), "--history", str(history)),
            cwd=tmp_path,
            check=False,
        )
    assert check.returncode == 1, check.stderr  # the demo site has failing items: a result
    dash = _run(
        site,
        *(sys.executable, "-m", "checker.cli", "dashboard", "--store", str(history), "--output", str(tmp_path / "d")),
        cwd=tmp_path,
    )
    assert (tmp_path / "d" / "index.html").is_file(), dash.stderr


# --------------------------------------------------------------------------- the documented units


def _blocks(markdown: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", markdown, re.M | re.S)


# Each shipped unit and the page that shows it in full (an ```ini block, byte for byte).
UNIT_PAGES = {
    "oitcheck@.service": OPERATIONS,
    "oitcheck@.timer": OPERATIONS,
    "oitcheck-serve.service": DOCS / "web.md",
    "oitcheck-worker.service": DOCS / "web.md",
}


def _settings(unit: Path) -> dict[str, str]:
    """A unit's `Key=value` lines (continuation lines joined), comments left out."""
    text = re.sub(r"\\\n\s*", " ", unit.read_text(encoding="utf-8"))
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


def test_the_units_in_the_docs_are_the_shipped_files_and_use_the_installed_paths() -> None:
    ops = OPERATIONS.read_text(encoding="utf-8")
    units = sorted(UNITS.iterdir())
    assert [u.name for u in units] == sorted(UNIT_PAGES)
    for unit in units:
        page = UNIT_PAGES[unit.name]
        shown = _blocks(page.read_text(encoding="utf-8"), "ini")
        assert unit.read_text(encoding="utf-8") in shown, f"{page.relative_to(ROOT)} does not show {unit.name}"
    service = dict(
        line.split("=", 1)
        for line in (UNITS / "oitcheck@.service").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    )
    assert service["User"] == "oitcheck" and service["Environment"] == f"OITCHECK_HOME={STATE}"
    assert service["ExecStart"] == f"{INSTALLED} run /etc/oitcheck/%i.toml --quiet"
    # The recipe creates what the units and the cron lines use.
    recipe = next(b for b in _blocks(ops, "sh") if "useradd" in b)
    assert f"--home-dir {STATE} --shell /usr/sbin/nologin oitcheck" in recipe
    assert f"python3 -m venv {INSTALLED.removesuffix('/bin/oitcheck')}" in recipe
    assert f"oitcheck-{__version__}-py3-none-any.whl" in recipe and f"{STATE}/reports" in recipe
    crons = [
        line
        for path in (OPERATIONS, DOCS / "batch.md")
        for block in _blocks(path.read_text(encoding="utf-8"), "cron")
        for line in block.splitlines()
        if line and not line.startswith("#") and "=" not in line.split()[0]
    ]
    assert crons and all(line.split()[5:7] == ["oitcheck", INSTALLED] for line in crons), crons


def test_the_serve_and_worker_units_run_the_installed_program_as_the_job_user() -> None:
    from checker.batch.celery_app import WEB_QUEUE

    for name, command in (("oitcheck-serve.service", "serve"), ("oitcheck-worker.service", "worker")):
        unit = _settings(UNITS / name)
        assert unit["User"] == unit["Group"] == "oitcheck", name
        assert unit["Environment"] == f"OITCHECK_HOME={STATE}" and unit["StateDirectory"] == "oitcheck", name
        assert unit["ExecStart"].startswith(f"{INSTALLED} {command} "), name
    serve = _settings(UNITS / "oitcheck-serve.service")
    # on-failure alone would start a server with a bad option (exit 2) again every RestartSec, for ever
    assert serve["Restart"] == "on-failure" and serve["RestartPreventExitStatus"] == "2"
    words = serve["ExecStart"].split()
    for flag, value in (
        ("--store", f"{STATE}/history.db"),
        ("--allow", "'*.go.th'"),
        ("--bind", "127.0.0.1:8080"),
        ("--proxy", "127.0.0.1"),
        ("--token-file", "/etc/oitcheck/web-token"),
        ("--secret-file", "/etc/oitcheck/web-secret"),
    ):
        assert words[words.index(flag) + 1] == value, flag
    # the nginx block of docs/web.md sends to the address the unit listens on
    web = (DOCS / "web.md").read_text(encoding="utf-8")
    assert "proxy_pass http://127.0.0.1:8080;" in web and WEB_QUEUE in web
    assert _settings(UNITS / "oitcheck-worker.service")["Restart"] == "always"  # as docs/distributed.md says


def test_the_documented_site_config_writes_where_the_job_may(tmp_path: Path) -> None:
    from checker.operations.config import load_config

    ops = OPERATIONS.read_text(encoding="utf-8")
    example = next(b for b in _blocks(ops, "toml") if b.startswith("# /etc/oitcheck/example.toml"))
    (tmp_path / "example.toml").write_text(example, encoding="utf-8")
    config = load_config(tmp_path / "example.toml")
    assert config.outputs.folder == f"{STATE}/reports/example"


def test_systemd_analyze_verify_accepts_the_units(tmp_path: Path) -> None:
    """The units as shipped, except ExecStart: verify wants an executable there, so the path of the documented
    install is replaced by this environment's own `oitcheck` script (the same console script)."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (apt-get install systemd; scripts/install-system-deps.sh)")
    script = Path(sys.executable).with_name("oitcheck")
    if not script.is_file():
        pytest.skip(f"no oitcheck script next to {sys.executable} (pip install -e .)")
    for unit in UNITS.iterdir():
        text = unit.read_text(encoding="utf-8")
        assert INSTALLED in text or unit.suffix != ".service"
        (tmp_path / unit.name).write_text(text.replace(INSTALLED, str(script)), encoding="utf-8")
    instances = [str(tmp_path / "oitcheck@example.service"), str(tmp_path / "oitcheck@example.timer")]
    instances += [str(tmp_path / u.name) for u in sorted(UNITS.iterdir()) if "@" not in u.name]
    result = subprocess.run([analyze, "verify", *instances], capture_output=True, text=True, timeout=60)
    said = [line for line in (result.stdout + result.stderr).splitlines() if "oitcheck" in line]
    assert result.returncode == 0 and said == [], result.stdout + result.stderr
