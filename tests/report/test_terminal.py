"""The terminal report (and `-f table` files): what to fix first, then the checklist, then the summary, in
80 and 120 columns, Thai and English, with nothing a clerk acts on cut or hidden.

The input is the demo site checked for real in this process (served locally, no OCR, no browser rendering),
its loopback address replaced by an agency-like one and its crawl time fixed, so the text is the same on
every machine. The snapshots are tests/report/snapshots/terminal-{lang}-{width}.txt; after an intended
change to the layout or the words, rewrite them with

    OITCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/report/test_terminal.py

and review the diff (`git diff tests/report/snapshots/`) before committing it. The explicit assertions below
hold whatever the snapshots say.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from checker.api import run_check
from checker.cli import main
from checker.crawl.results import CrawlOptions
from checker.demo.server import serve
from checker.i18n import t
from checker.models import ITEM_STATUSES, SiteReport
from checker.reasons import localise
from checker.report import render_args
from checker.report.fixes import plan
from checker.report.markdown import render_markdown
from checker.report.termfix import tw
from checker.report.terminal import MARKS, build, render_text
from checker.report.thaiwrap import units, wrap
from checker.rules.schema import RulePack
from checker.rules.scoring import grade

SITE = "https://www.bansuandok.go.th/"
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("OITCHECK_UPDATE_SNAPSHOTS") == "1"
CASES = [("th", 80), ("th", 120), ("en", 80), ("en", 120)]
FIXABLE = ("unreachable", "outdated", "incomplete")  # items whose evidence names the file to act on


@pytest.fixture(scope="module")
def demo(pack: RulePack) -> SiteReport:
    """The demo site's report, as `oitcheck demo --render never` makes it, at an agency-like address."""
    with serve() as base:
        run = asyncio.run(run_check(base, pack, ocr=None, options=CrawlOptions(render="never")))
    report = SiteReport.model_validate_json(run.report.model_dump_json().replace(base, SITE))
    assert report.coverage is not None
    return report.model_copy(update={"coverage": report.coverage.model_copy(update={"seconds": 3.0})})


def _shown(report: SiteReport, lang: str, pack: RulePack) -> SiteReport:
    return localise(report, lang, pack) if lang != "th" else report


def _text(report: SiteReport, lang: str, width: int, pack: RulePack) -> str:
    return render_text(_shown(report, lang, pack), lang, width=width, **render_args(pack, lang))


def _fix_part(text: str, lang: str) -> str:
    """The output above the checklist: the estimate, the fix list and the items to check."""
    return text.split("\n" + tw("checklist", lang) + "\n", 1)[0]


@pytest.mark.parametrize(("lang", "width"), CASES)
def test_matches_the_snapshot(demo: SiteReport, pack: RulePack, lang: str, width: int) -> None:
    rendered = _text(demo, lang, width, pack)
    snapshot = SNAPSHOTS / f"terminal-{lang}-{width}.txt"
    if UPDATE:
        snapshot.write_text(rendered, encoding="utf-8")
        pytest.skip(f"snapshot rewritten: {snapshot}")
    assert snapshot.exists(), "no snapshot yet: run with OITCHECK_UPDATE_SNAPSHOTS=1"
    assert rendered == snapshot.read_text(encoding="utf-8"), (
        "the terminal report changed; if intended, update the snapshot (see the docstring)"
    )


@pytest.mark.parametrize(("lang", "width"), CASES)
def test_every_line_fits_and_nothing_is_machine_specific(
    demo: SiteReport, pack: RulePack, lang: str, width: int
) -> None:
    text = _text(demo, lang, width, pack)
    too_wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_wide, too_wide
    assert "127.0.0.1" not in text and "localhost" not in text
    assert text == "".join(line.rstrip() + "\n" for line in text.splitlines())  # no trailing spaces in files


@pytest.mark.parametrize(("lang", "width"), CASES)
def test_what_a_clerk_acts_on_is_whole(demo: SiteReport, pack: RulePack, lang: str, width: int) -> None:
    """Every failing item: its id and status word on one line of the fix list, its file named in full on one
    line of its action; the checklist row keeps id and status whole too; no "…" next to a path."""
    text = _text(demo, lang, width, pack)
    fix_part = _fix_part(text, lang)
    failing = [i for i in demo.items if i.status != "pass"]
    assert {i.status for i in failing} == set(ITEM_STATUSES) - {"pass"}  # the demo has every kind
    for item in failing:
        word = t("status_" + item.status, lang)
        mark = MARKS[item.status][0]
        head = re.compile(rf"^(?:\s*\d+\. )?{item.id}  {re.escape(mark)} {re.escape(word)}  ", re.M)
        assert head.search(fix_part), f"{item.id} {word} not in the fix list"
        row = re.compile(rf"^│{re.escape(mark)} {re.escape(word)}\s*│ {item.id}\s+│", re.M)
        assert row.search(text), f"{item.id}: checklist row cut"
        if item.status in FIXABLE:
            name = item.evidence[0].url.rstrip("/").rsplit("/", 1)[-1]
            assert re.search(rf"(?:^|[\s/(]){re.escape(name)}", fix_part, re.M), f"{item.id}: {name} not whole"
    assert "…" not in fix_part
    assert not re.search(r"…\S*/|/\S*…", text), "a path was shortened"


@pytest.mark.parametrize(("lang", "width"), CASES)
def test_summary_counts_are_complete(demo: SiteReport, pack: RulePack, lang: str, width: int) -> None:
    """All six counts in the summary panel, each "mark word count" whole on one line: at 80 columns in
    English the last one used to be cut ("? re")."""
    panel = _text(demo, lang, width, pack).split("╭", 1)[1]
    counts = {s: sum(i.status == s for i in demo.items) for s in ITEM_STATUSES}
    for status in ITEM_STATUSES:
        piece = f"{MARKS[status][0]} {t('status_' + status, lang)} {counts[status]}"
        assert re.search(rf"[│ ]{re.escape(piece)}(?: |$)", panel, re.M), piece


@pytest.mark.parametrize("lang", ["th", "en"])
def test_fix_first_leads_in_plan_order(demo: SiteReport, pack: RulePack, lang: str) -> None:
    shown = _shown(demo, lang, pack)
    args = render_args(pack, lang)
    fixes = plan(shown, pack.scoring, lang, args["titles"])
    text = _text(demo, lang, 80, pack)
    lines = text.splitlines()
    assert lines[1] == SITE
    est, reach = f"{fixes.estimate.score:.2f} ({fixes.estimate.grade})", f"{fixes.reachable:.2f}"
    assert est in lines[2] and reach in lines[2]
    fix_part = _fix_part(text, lang)
    checks_at = fix_part.index(tw("to_check", lang, n=len(fixes.to_check), s="" if len(fixes.to_check) == 1 else "s"))
    listed = re.findall(r"^\s*\d+\. (O\d+)  ", fix_part[:checks_at], re.M)
    assert listed == [f.item for f in fixes.fixes]
    points = re.findall(r"^\s*\d+\. O\d+  .*?  (\+\d+\.\d\d)  ", fix_part, re.M)
    assert points == [f"+{f.points:.2f}" for f in fixes.fixes]
    assert re.findall(r"^(O\d+)  ", fix_part[checks_at:], re.M) == [f.item for f in fixes.to_check]
    if lang == "th":
        assert (
            lines[2]
            == f"คะแนน OIT โดยประมาณ {est} · แก้ครบทุกข้อด้านล่างได้ {reach} ({grade(fixes.reachable, pack.scoring)})"
        )
        assert "อัปโหลดไฟล์ใหม่แทน /files/procure-report-2566.pdf ที่เปิดไม่ได้ (HTTP 404)" in text


def test_the_terminal_shows_what_the_file_shows(demo: SiteReport, pack: RulePack) -> None:
    """`build` in a colour terminal and `render_text` for a file: the same text, colour aside."""
    console = Console(width=80, record=True, color_system="truecolor", force_terminal=True, file=io.StringIO())
    console.print(build(demo, "th", width=80, **render_args(pack, "th")))
    coloured = console.export_text(styles=False)
    assert "".join(line.rstrip() + "\n" for line in coloured.splitlines()) == _text(demo, "th", 80, pack)


def test_without_scoring_only_the_checklist(demo: SiteReport) -> None:
    text = render_text(demo, "th", width=80)
    assert tw("checklist", "th") not in text and "คะแนน OIT" not in text
    assert text.splitlines()[2].startswith("9.1")


def test_thai_breaks_between_words_and_paths_after_slashes() -> None:
    title = "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี"
    lines = wrap(title, 16)
    assert "".join(lines) == title and all(cell_len(line) <= 16 for line in lines) and len(lines) > 1
    words = units(title)
    boundaries = {sum(len(w) for w in words[:i]) for i in range(len(words) + 1)}
    ends = [sum(len(line) for line in lines[: i + 1]) for i in range(len(lines))]
    assert set(ends) <= boundaries, lines  # each line ends between two words, no word torn
    assert wrap("แก้ลิงก์ในหน้า /files/plan-dev-2561-2565.pdf", 24) == ["แก้ลิงก์ในหน้า", "/files/", "plan-dev-2561-2565.pdf"]
    assert wrap("(ฉบับที่พบเป็นของ 2566: /plan-action-2566.html)", 8)[0] == "(ฉบับที่พบ"
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap("ไม่พบหมายเลขโทรสาร\nบรรทัดใหม่", 80) == ["ไม่พบหมายเลขโทรสาร", "บรรทัดใหม่"]


def test_markdown_leads_with_the_same_fixes(demo: SiteReport, pack: RulePack) -> None:
    md = render_markdown(demo, "th", **render_args(pack, "th"))
    fixes = plan(demo, pack.scoring, "th", render_args(pack, "th")["titles"])
    lines = md.splitlines()
    start = lines.index(f"### {tw('fix_first', 'th', n=len(fixes.fixes), s='s')}")
    assert start < next(i for i, line in enumerate(lines) if line.startswith("### 9.1"))
    listed = [line for line in lines[start:] if re.match(r"\d+\. ", line)]
    assert [re.match(r"\d+\. \*\*(O\d+)\*\*", line)[1] for line in listed] == [f.item for f in fixes.fixes]  # type: ignore[index]
    assert "⚠ เปิดไม่ได้ · +2.50 · แก้ได้ทันที — อัปโหลดไฟล์ใหม่แทน /files/procure-report-2566.pdf" in md
    assert "- **O39** ? ต้องตรวจเอง · 5.00 คะแนนถ้าผ่าน — เปิด https://drive.google.com/" in md
    assert "### แก้ก่อน" not in render_markdown(demo, "th")  # no scoring, no estimate


def test_the_check_command_prints_fixes_first_at_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with serve() as base:
        code = main(["check", base, "--year", "2567", "--render", "never", "--no-ocr", "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[2].startswith("คะแนน OIT โดยประมาณ ")
    assert "/files/procure-report-2566.pdf" in out and "…" not in out
    assert max(cell_len(line.rstrip()) for line in out.splitlines()) <= 80


def test_site_text_cannot_drive_the_terminal(demo: SiteReport, pack: RulePack) -> None:
    """A page title or reason with escape codes reaches the terminal without them (rich keeps ESC)."""
    site = demo.site.model_copy(update={"name": "เทศบาล\x1b]0;pwned\x07\x1b[2J"})
    first = demo.items[0].model_copy(update={"reasons": ["\x1b[31mred\x1b[0m"]})
    hostile = demo.model_copy(update={"site": site, "items": [first, *demo.items[1:]]})
    console = Console(width=80, record=True, color_system="truecolor", force_terminal=True, file=io.StringIO())
    console.print(build(hostile, "th", width=80, **render_args(pack, "th")))
    raw = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b]" not in raw and "\x07" not in raw and "\x1b[2J" not in raw and "\x1b[31mred" not in raw
    assert "เทศบาล]0;pwned[2J" in render_text(hostile, "th", width=80)
