"""The JUnit report read back as CI servers read it (junitparser) and as plain XML (ElementTree)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from junitparser import Failure, JUnitXml, Skipped, TestCase, TestSuite

from checker import __version__
from checker.report.junit import clean, render_junit
from tests.report.sample import INDICATORS_EN, INDICATORS_TH, ITEMS, SCRIPT, make_report


def _suites(xml: str) -> list[TestSuite]:
    return list(JUnitXml.fromstring(xml.encode("utf-8")))


def test_one_suite_per_sub_indicator_one_case_per_item() -> None:
    xml = render_junit(make_report(), indicators=INDICATORS_TH)
    suites = _suites(xml)
    assert [s.name for s in suites] == [f"{code} {name}" for code, name in INDICATORS_TH.items()]
    cases: list[TestCase] = [case for suite in suites for case in suite]
    assert [c.name for c in cases] == [f"{i.id} {i.title}" for i in ITEMS]
    assert [c.classname for c in cases] == ["oit." + i.indicator.replace(".", "_") for i in ITEMS]
    assert cases[0].name == "O1 โครงสร้าง" and cases[0].classname == "oit.9_1" and cases[0].is_passed
    # Per suite: 9.1 has O1 pass, O2 incomplete, O3 pass; 9.2 has a waived item and a review item.
    first, second, third = suites[:3]
    assert (first.tests, first.failures, first.skipped, first.errors) == (3, 1, 0, 0)
    assert (second.tests, second.failures, second.skipped) == (2, 0, 2)
    assert (third.tests, third.failures, third.skipped) == (2, 2, 0)
    assert first.timestamp == "2024-05-01T03:00:00"


def test_statuses_map_to_failures_and_skips() -> None:
    cases = {c.name.split()[0]: c for suite in _suites(render_junit(make_report())) for c in suite}
    by_status = {i.id: i for i in ITEMS}
    for item_id, case in cases.items():
        item = by_status[item_id]
        results = case.result
        if item.status == "pass":
            assert results == [], item_id
        elif item.waiver is not None:  # accepted until it expires: skipped with the waiver's reason
            assert len(results) == 1 and isinstance(results[0], Skipped), item_id
            assert results[0].message.startswith(f"ยกเว้นไว้ถึง {item.waiver.expires}: ")
        elif item.status == "review":  # a person must look: neither pass nor failure
            assert len(results) == 1 and isinstance(results[0], Skipped)
            assert results[0].message.startswith("ต้องให้ผู้ตรวจดูเอง") and item.reasons[0] in results[0].message
        else:
            assert len(results) == 1 and isinstance(results[0], Failure), item_id
            failure = results[0]
            assert failure.type == item.status
            assert failure.message == " ".join(item.reasons[0].split())
            for reason in item.reasons:
                assert " ".join(reason.split()) in " ".join(failure.text.split())
            for ev in item.evidence:
                assert clean(ev.url) in failure.text
    o20 = cases["O20"].result[0]
    assert o20.type == "unreachable" and "javascript:alert(1)" in o20.text and SCRIPT in o20.message
    o36 = cases["O36"].result[0]
    assert o36.message == "ไม่พบงบประมาณ | ในตาราง แผนงาน"  # a message is one line
    assert "องค์ประกอบที่ไม่พบ: งบประมาณ" in o36.text
    failed = [c.result[0] for c in cases.values() if c.result and isinstance(c.result[0], Failure)]
    assert sorted(f.type for f in failed) == ["incomplete", "incomplete", "missing", "unreachable"]


def test_totals_timestamp_and_valid_utf8_xml() -> None:
    xml = render_junit(make_report(), indicators=INDICATORS_TH)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(xml.encode("utf-8"))  # valid XML, as bytes in its declared encoding
    assert root.tag == "testsuites" and root.get("name", "").startswith(f"oitcheck {__version__}: OIT 2567 https://")
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("12", "4", "3", "0")
    assert root.get("time") == "150.0" and root.get("timestamp") == "2024-05-01T03:00:00"
    suites = root.findall("testsuite")
    assert sum(int(s.get("tests", "0")) for s in suites) == len(root.findall("testsuite/testcase")) == 12
    assert sum(int(s.get("failures", "0")) for s in suites) == len(root.findall(".//failure")) == 4
    assert sum(int(s.get("skipped", "0")) for s in suites) == len(root.findall(".//skipped")) == 3
    # Thai survives as characters, not character references; XML-forbidden control characters are gone.
    assert "โครงสร้าง" in xml and "&#3" not in xml
    assert not any(ch in xml for ch in "\x00\x0b\x0c\x1b")
    o31 = next(p for p in root.iter("property") if p.get("name") == "site_name")
    assert o31.get("value") == f"เทศบาลตำบลตัวอย่าง {SCRIPT}"  # escaped in the file, intact once parsed


def test_control_characters_are_stripped_everywhere() -> None:
    nasty = make_report().model_copy(
        update={"items": [ITEMS[1].model_copy(update={"reasons": ["bad\x00\x07 reason\x0c\ud800 end"]})]}
    )
    xml = render_junit(nasty)
    failure = ET.fromstring(xml.encode("utf-8")).find(".//failure")
    assert failure is not None and failure.get("message") == "bad reason end"
    assert clean("a\x00b\x1fc\td\ne\ufffe") == "abc\td\ne"


def test_english_and_an_empty_report() -> None:
    xml = render_junit(make_report(), lang="en", indicators=INDICATORS_EN)
    suites = _suites(xml)
    assert suites[2].name == "9.3 Procurement"
    review = next(c for s in suites for c in s if c.name.startswith("O12"))
    assert review.result[0].message.startswith("A person must look (neither pass nor fail)")
    empty = make_report().model_copy(update={"items": []})
    root = ET.fromstring(render_junit(empty).encode("utf-8"))
    assert root.get("tests") == "0" and root.findall("testsuite") == []
