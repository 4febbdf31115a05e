"""`oitcheck rules test`: a pack's labelled cases (checker/rules/cases.py) and the runner's output and exit codes.

The shipped pack's cases must all pass; the runner itself is tried on a tiny pack of one item written to
tmp_path, whose cases pass, fail or are malformed on purpose.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from checker.cli import main
from checker.rules import cases, loader
from checker.rules.loader import RuleFileError
from checker.rules.schema import AnyOfCheck, CheckSpec, RulePack

PACK = """\
schema_version: 1
id: tiny
fiscal_year: 2567
name: {th: ชุดทดลอง, en: Tiny pack}
indicators: {"9.1": {th: ข้อมูลพื้นฐาน, en: Basic information}}
items:
  - id: O5
    indicator: "9.1"
    title: {th: ข้อมูลการติดต่อ, en: Contact information}
    recognise: {titles: [ข้อมูลการติดต่อ, ติดต่อเรา]}
    elements:
      - id: phone
        label: {th: หมายเลขโทรศัพท์, en: phone number}
        check: pattern
        patterns: ['โทร[^0-9]{0,10}0\\d[\\d-]{7,11}']
      - id: email
        label: {th: อีเมล, en: e-mail}
        check: pattern
        patterns: ['[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+']
    period: none
"""

CASES = """\
cases:
  - name: phone and e-mail
    item: O5
    html: <h1>ติดต่อเรา</h1><p>โทร 042-123-456 อีเมล info@example.go.th</p>
    expect: {status: pass, elements: {phone: found}}
  - name: no e-mail
    item: O5
    html: <h1>ติดต่อเรา</h1><p>โทร 042-123-456</p>
    expect: {status: incomplete, elements: {email: missing}}
"""

WRONG = """\
cases:
  - name: phone and e-mail
    item: O5
    html: <h1>ติดต่อเรา</h1><p>โทร 042-123-456 อีเมล info@example.go.th</p>
    expect: {status: pass}
  - name: says pass but lacks the e-mail
    item: O5
    html: <h1>ติดต่อเรา</h1><p>โทร 042-123-456</p>
    expect: {status: pass, elements: {email: found, phone: found}}
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the shipped cases


def test_every_shipped_case_passes(pack: RulePack) -> None:
    path = cases.cases_path(loader.resolve("oit_2567"))
    outcomes = cases.run(cases.load(path, pack), pack)
    failed = [
        f"{o.case.item} {o.case.name}: got {o.result.status} {o.got_elements()} {o.result.reasons[:2]}"
        for o in outcomes
        if not o.passed
    ]
    assert failed == []


def test_the_shipped_cases_span_items_verdicts_and_check_kinds(pack: RulePack) -> None:
    loaded = cases.load(cases.cases_path(loader.resolve("oit_2567")), pack)
    shipped = loaded.cases.cases
    assert len(shipped) >= 25 and len({c.item for c in shipped}) >= 20
    assert set(Counter(c.expect.status for c in shipped)) >= {"pass", "incomplete", "outdated", "missing", "review"}
    kinds: set[str] = set()
    for c in shipped:
        for e in pack.item(c.item).elements:
            if e.id in c.expect.elements:
                kinds |= _kinds(e.spec)
    assert kinds >= {"keywords", "pattern", "image", "link", "social_link", "form", "any_of"}
    periods = {pack.item(c.item).period for c in shipped}
    assert periods >= {"none", "current_fy", "previous_fy", "first_half", "covers_fy"}


def _kinds(spec: CheckSpec) -> set[str]:
    """The check kinds a spec uses, those nested in any_of included."""
    nested = spec.checks if isinstance(spec, AnyOfCheck) else ()
    return {spec.check}.union(*(_kinds(s) for s in nested))


def test_the_cases_file_is_not_a_pack() -> None:
    assert (loader.builtin_dir() / "oit_2567.cases.yaml").is_file()
    assert "oit_2567" in loader.builtin_ids() and not any("." in i for i in loader.builtin_ids())


# --------------------------------------------------------------------------- the runner


def test_all_pass_exits_0_and_the_cases_beside_the_pack_are_found(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny.parent / "tiny.cases.yaml").write_text(CASES, encoding="utf-8")
    assert main(["rules", "test", str(tiny), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "PASS  O5   phone and e-mail" in out and "PASS  O5   no e-mail" in out
    assert "tiny.cases.yaml: 2 cases, 2 passed, 0 failed" in out
    assert main(["rules", "test", str(tiny)]) == 0  # Thai by default
    assert "ผ่าน  O5   phone and e-mail" in capsys.readouterr().out


def test_a_failing_case_says_what_was_expected_and_what_came_with_the_reasons(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(WRONG, encoding="utf-8")
    assert main(["rules", "test", str(tiny), str(wrong), "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("PASS  O5")
    assert lines[1] == f"FAIL  O5   says pass but lacks the e-mail  ({wrong}:6)"
    assert lines[2].strip() == "expected: pass · email: found · phone: found"
    assert lines[3].strip() == "got: incomplete · email: missing · phone: found"
    assert lines[4].strip() == "reasons: Not found: e-mail"
    assert lines[-1] == f"{wrong}: 2 cases, 1 passed, 1 failed"

    assert main(["rules", "test", str(tiny), str(wrong)]) == 1
    thai = capsys.readouterr().out
    assert "ไม่ผ่าน  O5" in thai and "ต้องได้: ผ่าน (pass) · email: พบ" in thai and "ได้: ไม่ครบ (incomplete)" in thai


def test_json_output_has_every_case_and_the_same_exit_code(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(WRONG, encoding="utf-8")
    assert main(["rules", "test", str(tiny), str(wrong), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["pack"], data["total"], data["passed"], data["failed"]) == ("tiny", 2, 1, 1)
    failing = data["cases"][1]
    assert failing["mismatches"] == ["status", "email"] and failing["line"] == 6
    assert failing["got"] == {"status": "incomplete", "elements": {"phone": "found", "email": "not_found"}}
    assert failing["expected"] == {"status": "pass", "elements": {"email": "found", "phone": "found"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cases:\n  - name: x\n    item: O9\n    html: <p>x</p>\n    expect: {status: pass}\n",
         ":3: case 'x', field item: no item 'O9' in pack tiny"),
        ("cases:\n  - name: x\n    item: O5\n    html: <p>x</p>\n    expect:\n      status: pass\n"
         "      elements: {fax: found}\n",
         ":7: case 'x', field expect.elements: O5 has no element 'fax' (phone, email)"),
        ("cases:\n  - name: x\n    item: O5\n    html: <p>x</p>\n    colour: red\n    expect: {status: pass}\n",
         ":5: case 'x', field colour: unknown field 'colour'"),
        ("cases:\n  - name: x\n    item: O5\n    html: <p>x</p>\n    expect: {status: passed}\n",
         ":5: case 'x', field expect.status: Input should be"),
        ("cases:\n  - name: x\n    item: O5\n    html: <p>x</p>\n    text: y\n    expect: {status: pass}\n",
         ":2: case 'x', field (the case): a case needs exactly one of html (a page) or text"),
        ("cases:\n  - name: x\n    item: O5\n    url: https://elsewhere.go.th/a.html\n    html: <p>x</p>\n"
         "    expect: {status: pass}\n",
         ":2: case 'x', field (the case): 'https://elsewhere.go.th/a.html': give a path"),
        ("cases:\n  - name: x\n    item: O5\n    url: /\n    text: y\n    expect: {status: pass}\n",
         ":2: case 'x', field (the case): url: a document cannot be the home page"),
        ("year: 2567\n", ":1: field cases: required field 'cases' is missing"),
        ("cases: []\n", ":1: field cases: the file has no cases"),
        ("cases: [\n", ":2: not valid YAML"),
    ],
)  # fmt: skip
def test_a_bad_cases_file_is_exit_2_at_its_line(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    bad = tmp_path / "bad.cases.yaml"
    bad.write_text(text, encoding="utf-8")
    assert main(["rules", "test", str(tiny), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"error: {bad}{expected}" in err, err
    with pytest.raises(RuleFileError):
        cases.load(bad, loader.load(str(tiny)))


def test_a_bad_pack_or_no_cases_file_is_exit_2(tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", str(tiny)]) == 2  # no tiny.cases.yaml beside it
    assert f"{tmp_path / 'tiny.cases.yaml'}: no such cases file" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text(PACK.replace("period: none", "period: sometimes"), encoding="utf-8")
    (tmp_path / "broken.cases.yaml").write_text(CASES, encoding="utf-8")
    assert main(["rules", "test", str(broken)]) == 2
    assert f"{broken}:" in capsys.readouterr().err


def test_a_document_case_and_the_year_of_a_case(tmp_path: Path, pack: RulePack) -> None:
    """`text:` is a document linked from the home page; `year:` per case overrides the file's."""
    path = tmp_path / "c.cases.yaml"
    report = (
        "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2566 ผลการดำเนินงานตามแผนพัฒนา โครงการที่ดำเนินการ 45 โครงการ "
        "ปัญหาและอุปสรรค งบประมาณไม่เพียงพอ ข้อเสนอแนะ ควรเพิ่มงบประมาณ"
    )
    path.write_text(
        f"year: 2567\ncases:\n"
        f"  - {{name: a, item: O13, text: '{report}', expect: {{status: pass}}}}\n"
        f"  - {{name: b, item: O13, year: 2570, text: '{report}', expect: {{status: outdated}}}}\n",
        encoding="utf-8",
    )
    outcomes = cases.run(cases.load(path, pack), pack)
    assert [(o.year, o.passed) for o in outcomes] == [(2567, True), (2570, True)]
    evidence = outcomes[0].result.evidence[0]
    assert evidence.url == "https://www.example.go.th/files/case.pdf" and "O13" in evidence.found_via
