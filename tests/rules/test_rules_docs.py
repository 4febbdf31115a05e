"""`oitcheck rules docs`: a pack's reference for clerks, Markdown (read back as CommonMark + tables) or one
HTML page; every item, its elements in words, and a pack's hostile text kept inert in both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from checker.cli import main
from checker.rules import loader
from checker.rules.reference import build, render
from checker.rules.reference.model import pattern_words
from checker.rules.schema import PatternCheck, RulePack

HOSTILE = """\
schema_version: 1
id: hostile
fiscal_year: 2567
name: {th: "<script>alert(1)</script> ชุด", en: "<script>alert(1)</script> pack"}
indicators:
  "9.1": {th: "<b>พื้นฐาน</b>", en: "<b>Basic</b>"}
items:
  - id: O1
    indicator: "9.1"
    title: {th: "<script>alert('th')</script>", en: "<script>alert('en')</script> | [x](javascript:alert(1))"}
    recognise:
      titles: ["<img src=x onerror=alert(1)>"]
      url_patterns: ['a|b`c']
    elements:
      - id: chart
        label: {th: "<i>แผนผัง</i>", en: "<i>chart</i>"}
        check: keywords
        any: ["</td><script>x</script>", "# heading"]
    period: none
"""


def _md(text: str) -> str:
    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(text))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_markdown_has_a_section_per_indicator_and_a_table_per_item(pack: RulePack) -> None:
    text = render(pack, "md", "th")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert [c for tag, c in headings if tag == "h2"] == [
        f"ตัวชี้วัดย่อย {code} {name.th}" for code, name in pack.indicators.items()
    ]
    assert [c.split()[0] for tag, c in headings if tag == "h3"] == [i.id for i in pack.items]
    assert sum(1 for t in tokens if t.type == "table_open") == len(pack.items)
    rows = sum(1 for t in tokens if t.type == "tr_open")
    assert rows == len(pack.items) + sum(len(i.elements) for i in pack.items)  # a header row + one per element
    html = _md(text)
    assert "แผนผังโครงสร้างการแบ่งส่วนราชการ" in html and "กองคลัง" in html  # O1's element label and a keyword
    assert "ไม่พบการแสดงตำแหน่งสำคัญและการแบ่งส่วนงานภายใน" in html  # the pack's own missing sentence
    assert "รอบ 6 เดือนแรกของปีงบประมาณ 2567 (ต.ค. 66 – มี.ค. 67)" in html  # O12's period, pack's wording
    # a pattern with pipes stays one cell, shown as code with its pipes
    assert "<code>(?:นาย(?!ก(?:เทศ|องค์|" in html


def test_markdown_in_english(pack: RulePack) -> None:
    html = _md(render(pack, "md", "en"))
    assert "organisation chart" in html and "at least 2 of these words appear" in html
    assert "Not found: executives' photos" in html.replace("&#x27;", "'").replace("&#39;", "'")


def test_html_page_has_every_item(pack: RulePack) -> None:
    page = render(pack, "html", "en")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert re.findall(r'<section class="item" id="item-(O\d+)">', page) == [i.id for i in pack.items]
    assert "organisation chart" in page and "กองคลัง" in page
    assert "<script" not in page and "Content-Security-Policy" in page


def test_hostile_text_is_inert_in_both(hostile: Path) -> None:
    pack = loader.load(str(hostile))
    page = render(pack, "html", "en")
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&#39;en&#39;)&lt;/script&gt;" in page
    html = _md(render(pack, "md", "th"))
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert('th')&lt;/script&gt;" in html
    en = _md(render(pack, "md", "en"))
    assert "<a " not in en and "javascript:alert" in en  # a link written in a title is text
    assert "<h1" in en and en.count("<h1") == 1 and "# heading" in en  # a keyword is no heading
    assert "<code>a|b`c</code>" in en  # a pattern with a pipe and a backtick, whole


def test_pattern_words_leave_out_what_a_pattern_rules_out() -> None:
    names = loader.load().item("O2").elements[0].spec
    assert isinstance(names, PatternCheck)
    words = pattern_words(names.patterns[0])
    assert words[:3] == ("นาย", "นางสาว", "นาง") and "อำเภอ" not in words and "เทศ" not in words
    assert pattern_words(r"(?:ใช้|เบิก|จ่าย)[^|\d]{0,30}\d[\d,]*(?:\.\d{2})?\s*บาท") == ("ใช้", "เบิก", "จ่าย", "บาท")
    assert pattern_words(r"(?P<key>{month})\s*[A-Za-z]+") == ()


def test_the_reference_follows_the_pack_order(pack: RulePack) -> None:
    ref = build(pack, "th")
    assert [i.id for ind in ref.indicators for i in ind.items] == [i.id for i in pack.items]


def test_rules_docs_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
    assert main(["rules", "docs"]) == 0  # the default pack, Markdown, to standard output
    out = capsys.readouterr().out
    assert out.startswith("# คู่มือ: เกณฑ์การเปิดเผยข้อมูลสาธารณะ (OIT)") and "### O43 " in out
    page = tmp_path / "docs" / "ref.html"
    assert main(["rules", "docs", str(hostile), "-f", "html", "-o", str(page), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {page}"
    assert "&lt;script&gt;" in page.read_text(encoding="utf-8")
    assert main(["rules", "docs", str(tmp_path / "missing.yaml")]) == 2
    assert "no such rule file" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["rules", "docs", "-o", str(blocker / "ref.md"), "--lang", "en"]) == 4
    assert capsys.readouterr().err.startswith(f"error: cannot write {blocker / 'ref.md'}: ")
