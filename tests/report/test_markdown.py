"""The Markdown report (CI job summaries): a snapshot of the whole text, then the escaping read back through a
real CommonMark parser with GitHub's table extension.

The snapshot is tests/report/snapshots/report.md. After an intended change to the format, rewrite it with

    OITCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/report/test_markdown.py

and review the diff (`git diff tests/report/snapshots/`) before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from checker.report.markdown import cell, link, render_markdown, text
from tests.report.sample import INDICATORS_EN, INDICATORS_TH, ITEMS, make_report

SNAPSHOT = Path(__file__).parent / "snapshots" / "report.md"
UPDATE = os.environ.get("OITCHECK_UPDATE_SNAPSHOTS") == "1"


def _html(markdown: str) -> str:
    """What GitHub would make of it, near enough: CommonMark plus tables, raw HTML allowed."""
    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def test_matches_the_snapshot() -> None:
    rendered = render_markdown(make_report(), lang="th", indicators=INDICATORS_TH)
    if UPDATE:
        SNAPSHOT.write_text(rendered, encoding="utf-8")
        pytest.skip(f"snapshot rewritten: {SNAPSHOT}")
    assert SNAPSHOT.exists(), "no snapshot yet: run with OITCHECK_UPDATE_SNAPSHOTS=1"
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert rendered == expected, "the Markdown report changed; if intended, update the snapshot (see the docstring)"


def test_layout_heading_score_counts_tables_changes_coverage() -> None:
    md = render_markdown(make_report(), indicators=INDICATORS_TH)
    lines = md.splitlines()
    assert lines[0].startswith("## ผลตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2567")
    assert "**ผ่าน 5 จาก 12 ข้อ (41.7%)**" in lines[2]
    assert lines[4] == "✔ ผ่าน 5 · ◐ ไม่ครบ 2 · ◷ ไม่เป็นปัจจุบัน 1 · ✘ ไม่พบ 2 · ⚠ เปิดไม่ได้ 1 · ? ต้องตรวจเอง 1"
    headings = [line for line in lines if line.startswith("### ")]
    assert headings[:2] == ["### 9.1 ข้อมูลพื้นฐาน (2/3)", "### 9.2 การบริหารงาน (0/2)"]
    assert headings[-1] == "### การเปลี่ยนแปลงจากการตรวจครั้งก่อน" and len(headings) == 8
    coverage = next(i for i, line in enumerate(lines) if line.startswith("**ขอบเขตการตรวจ:** อ่านแล้ว 52 หน้าเว็บ"))
    assert lines[coverage + 2].startswith("- ไม่ได้เปิด 4 ลิงก์ เพราะงบการตรวจ") and md.endswith("\n")
    assert "- **แย่ลง** O11" in md and "ไม่มีในครั้งก่อน → ✔ ผ่าน" in md and "O3 อำนาจหน้าที่:" not in md


def test_cells_are_escaped_so_every_row_keeps_five_columns() -> None:
    md = render_markdown(make_report(), indicators=INDICATORS_TH)
    html = _html(md)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert len(rows) == len(ITEMS) + 7  # one header row per sub-indicator table
    for row in rows:
        assert len(re.findall(r"<t[dh]>", row)) == 5, row
    # Hostile page text is shown, never obeyed.
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    assert "javascript:alert(1)" in html  # as text
    # Pipes and newlines inside a cell: kept as text and as a line break within the cell.
    assert "ไม่พบงบประมาณ | ในตาราง<br>แผนงาน" in html


def test_without_changes_and_coverage_and_in_english() -> None:
    md = render_markdown(make_report(changes=False, coverage=False), lang="en", indicators=INDICATORS_EN)
    assert "Changes since the last run" not in md and "What the crawl covered" not in md
    assert "**5 of 12 items pass (41.7%)**" in md and "### 9.3 Procurement (0/2)" in md
    assert "| Status | Item | Disclosure | Reason | Evidence |" in md
    assert "✘ missing (waived until 2024-09-30)" in md


def test_escaping_helpers() -> None:
    assert text("a|b\nc") == r"a\|b c"
    assert text("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert text("# <b>*bold*</b> _x_ `c` ~s~ &amp; !") == r"\# \<b\>\*bold\*\</b\> \_x\_ \`c\` \~s\~ \&amp; \!"
    assert text("ok\x00\x1b[0m") == "ok\\[0m"
    assert cell("one | two\r\nthree") == r"one \| two<br>three"
    assert link("javascript:alert(1)", "x") == "javascript:alert(1)"
    assert link("https://a.go.th/a b(c)|d", "/a b") == "[/a b](https://a.go.th/a%20b%28c%29%7Cd)"
    assert link('https://a.go.th/?q="><img src=x>', "q") == "[q](https://a.go.th/?q=%22%3E%3Cimg%20src=x%3E)"
