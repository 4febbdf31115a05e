"""The report's inline SVG charts and fix-first helpers, without a browser: well-formed SVG, every word escaped,
nothing the Content-Security-Policy would block, colours as the stylesheet's, and the render defaults."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from checker.report.charts import COLOURS, STATUS_WIDTH, StatusRow, TrendPointView, status_chart, trend_chart
from checker.report.fixes import Fix
from checker.report.html import TEMPLATES, action_parts, render_html
from checker.report.htmlwords import MESSAGES, hw
from checker.rules.scoring import DEFAULT_GRADES
from tests.report.sample import BREAKOUT, SCRIPT, make_report

SVG = "{http://www.w3.org/2000/svg}"
MARKS = {"pass": "✔", "missing": "✘"}
GRADES = [(g.min, g.name) for g in DEFAULT_GRADES]


def _rows() -> list[StatusRow]:
    return [
        StatusRow("9.1", "ข้อมูลพื้นฐาน", (("pass", 8), ("missing", 2)), 80.0),
        StatusRow("9.3", SCRIPT, (("pass", 0), ("missing", 4)), 0.0),
        StatusRow("10.2", BREAKOUT, (("pass", 1), ("missing", 19)), 5.0),
    ]


def _status(rows: list[StatusRow] | None = None) -> str:
    words = {"pass": "ผ่าน", "missing": "ไม่พบ"}
    return status_chart(rows or _rows(), title=f"t {SCRIPT}", marks=MARKS, words=words, score_word="คะแนน")


def _safe(svg: str) -> ET.Element:
    """The chart parses as XML, and has no element or attribute that could run or fetch anything."""
    root = ET.fromstring(svg)
    for el in root.iter():
        assert el.tag.removeprefix(SVG) not in {"script", "foreignObject", "a", "image", "use", "style"}, el.tag
        for name, value in el.attrib.items():
            assert not name.startswith("on") and name not in {"style", "href"}, name
            assert "url(" not in value and "javascript:" not in value
    return root


def test_status_chart_escapes_names_and_adds_up_each_bar() -> None:
    svg = _status()
    root = _safe(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "status-chart-t"
    assert root.findtext(f"{SVG}title") == f"t {SCRIPT}"
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&quot;&gt;&lt;img" in svg
    bars = root.findall(f"{SVG}g")
    assert [b.get("data-code") for b in bars] == ["9.1", "9.3", "10.2"]
    for bar in bars:
        widths = [float(r.get("width", 0)) for r in bar.findall(f"{SVG}rect") if "seg" in r.get("class", "")]
        assert sum(widths) == pytest.approx(400, abs=0.5)
    first = [t.text for t in bars[0].iter(f"{SVG}text")]
    assert "✔8" in first and "✘2" in first and first[-1] == "80.00"  # marks and counts: greyscale print
    # A segment too narrow for its mark keeps its count; none is drawn for a status with no items.
    narrow = [t.text for t in bars[2].iter(f"{SVG}text")]
    assert "1" in narrow and "✘19" in narrow
    assert len([r for r in bars[1].findall(f"{SVG}rect") if "seg-pass" in r.get("class", "")]) == 0
    assert root.get("viewBox") == f"0 0 {STATUS_WIDTH} {22 + 44 * 3}"


def test_trend_chart_places_points_on_a_0_to_100_axis_with_the_grade_lines() -> None:
    points = [TrendPointView("1 ก.พ. 2567", 40.0), TrendPointView(SCRIPT, 100.0), TrendPointView("x", 0.0)]
    svg = trend_chart(points, GRADES, title="แนวโน้ม")
    root = _safe(svg)
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == 3
    ys = [float(c.get("cy", 0)) for c in circles]
    assert ys[1] == 16 and ys[2] == 196 and ys[0] == pytest.approx(196 - 0.4 * 180)  # 100 at the top, 0 at the foot
    xs = [float(c.get("cx", 0)) for c in circles]
    assert xs == sorted(xs)  # oldest first, left to right
    lines = [el for el in root.iter(f"{SVG}line") if el.get("class") == "grade-line"]
    assert len(lines) == len(GRADES) - 1  # every band but the one starting at 0
    assert "&lt;script&gt;" in svg and "<script>" not in svg
    names = [t.text for t in root.iter(f"{SVG}text")]
    assert {"AA", "A", "B", "C", "D", "E"} <= set(names) and "F" not in names
    # D (55) and E (50) are too close to share a column: E is set aside.
    x_of = {t.text: float(t.get("x", 0)) for t in root.iter(f"{SVG}text") if t.text in {"C", "D", "E"}}
    assert x_of["C"] == x_of["D"] != x_of["E"]
    many = trend_chart([TrendPointView(f"p{i}", 50.0) for i in range(6)], GRADES, title="t")
    assert many.count("rotate(-35") == 6  # more than three dates: slanted to fit


def test_chart_colours_are_the_stylesheets_status_colours() -> None:
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    for status, colour in COLOURS.items():
        assert re.search(rf"--{status}: {colour};", css), status


def test_action_parts_set_the_path_apart() -> None:
    site = "https://a.go.th/"

    def fix(action: str, where: str) -> Fix:
        return Fix("O5", "t", "9.1", "incomplete", 1, 1.0, action, where)

    assert action_parts(fix("เพิ่มโทรสารในหน้า /contact.html ด้วย", f"{site}contact.html"), site) == (
        "เพิ่มโทรสารในหน้า ", "/contact.html", f"{site}contact.html", " ด้วย",
    )  # fmt: skip
    assert action_parts(fix("เปิด javascript:x แล้ว", "javascript:x"), site) == ("เปิด ", "javascript:x", "", " แล้ว")
    assert action_parts(fix("จัดทำเอกสาร", ""), site) == ("จัดทำเอกสาร", "", "", "")


def test_render_html_without_titles_or_scoring_uses_the_defaults() -> None:
    html = render_html(make_report())  # no pack: default weights and grades, indicators named by their code
    assert 'id="estimate"' in html and 'id="fixes"' in html and 'id="status-chart"' in html
    assert html.index('id="fixes"') < html.index('id="items"')
    assert "<td>9</td>" in html and "<td>10</td>" in html


def test_every_word_has_thai_and_english() -> None:
    for key, entry in MESSAGES.items():
        assert set(entry) == {"th", "en"} and all(entry.values()), key
    assert hw("points", "en", points="1.25") == "+1.25 points" and hw("points", "th", points="1.25") == "+1.25 คะแนน"
