"""Buddhist-era year mentions: table-driven positive and negative cases."""

from __future__ import annotations

import dataclasses

import pytest

from checker.extract.periods import YearSpan, covers, find_years, latest_year
from checker.extract.thai import normalise

# (text, expected [(start, end, fiscal), ...] in order of appearance)
YEAR_CASES: list[tuple[str, list[tuple[int, int, bool]]]] = [
    # --- four-digit BE years ----------------------------------------------------------------------
    ("2567", [(2567, 2567, False)]),
    ("พ.ศ. 2567", [(2567, 2567, False)]),
    ("พ.ศ.2567", [(2567, 2567, False)]),
    ("พ.ศ 2567", [(2567, 2567, False)]),
    ("ปี 2567", [(2567, 2567, False)]),
    ("ประจำปี 2567", [(2567, 2567, False)]),
    ("ปีงบประมาณ พ.ศ. 2567", [(2567, 2567, True)]),
    ("ปีงบประมาณ 2567", [(2567, 2567, True)]),
    ("ประจำปีงบประมาณ พ.ศ.2567", [(2567, 2567, True)]),
    ("ประจำปี งบประมาณ พ.ศ. 2565 เสนอผู้บริหาร", [(2565, 2565, True)]),
    ("ปีงบ 2567", [(2567, 2567, True)]),
    ("งบประมาณ 2567", [(2567, 2567, True)]),
    ("FY2567", [(2567, 2567, True)]),
    ("(2567)", [(2567, 2567, False)]),
    ("2567.pdf", [(2567, 2567, False)]),
    ("ita2567", [(2567, 2567, False)]),
    ("แผน_2567_final.docx", [(2567, 2567, False)]),
    ("/uploads/ita/2567/o1.pdf", [(2567, 2567, False)]),
    ("เผยแพร่ผลการดำเนินงาน 2567.", [(2567, 2567, False)]),
    ("คำสั่งที่ 123/2567", [(2567, 2567, False)]),
    ("2540", [(2540, 2540, False)]),
    ("2600", [(2600, 2600, False)]),
    ("ปี 2566, 2567", [(2566, 2566, False), (2567, 2567, False)]),
    ("2566,2567", [(2566, 2566, False), (2567, 2567, False)]),
    ("2560 2567", [(2560, 2560, False), (2567, 2567, False)]),
    ("ปีงบประมาณ 2567 รายงานผลการดำเนินงาน", [(2567, 2567, True)]),
    # --- ranges -----------------------------------------------------------------------------------
    ("2566-2570", [(2566, 2570, False)]),
    ("2566 – 2570", [(2566, 2570, False)]),
    ("พ.ศ. 2566 - 2570", [(2566, 2570, False)]),
    ("2566 ถึง 2570", [(2566, 2570, False)]),
    ("(พ.ศ.2566-2570)", [(2566, 2570, False)]),
    ("2566-70", [(2566, 2570, False)]),
    ("ปีงบประมาณ 2566 - 2570", [(2566, 2570, True)]),
    ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 — 2570)", [(2566, 2570, False)]),
    ("พ.ศ. 2566 - พ.ศ. 2570", [(2566, 2570, False)]),
    ("ตั้งแต่ปี 2566 ถึงปี 2570", [(2566, 2570, False)]),
    ("ยุทธศาสตร์ชาติ (พ.ศ. 2561 - 2580)", [(2561, 2580, False)]),
    ("2567-2560", [(2567, 2567, False), (2560, 2560, False)]),  # backwards: two years
    ("2540-2599", [(2540, 2540, False), (2599, 2599, False)]),  # longer than 20 years: two years
    ("2567-01-15", [(2567, 2567, False)]),  # an ISO-like date, not "2567-2501"
    # --- two-digit years after a cue --------------------------------------------------------------
    ("ปี 67", [(2567, 2567, False)]),
    ("ปีงบ 67", [(2567, 2567, True)]),
    ("ปีงบประมาณ 67", [(2567, 2567, True)]),
    ("ปีงบฯ 67", [(2567, 2567, True)]),
    ("พ.ศ. 67", [(2567, 2567, False)]),
    ("ต.ค. 66", [(2566, 2566, False)]),
    ("ต.ค 66", [(2566, 2566, False)]),
    ("ตุลาคม 66", [(2566, 2566, False)]),
    ("เดือนตุลาคม 66", [(2566, 2566, False)]),
    ("มี.ค.67", [(2567, 2567, False)]),
    ("ต.ค. 66 ถึง ก.ย. 67", [(2566, 2566, False), (2567, 2567, False)]),
    ("(1 ต.ค 66 - 31 มี.ค. 67)", [(2566, 2566, False), (2567, 2567, False)]),
    ("ปี 66-70", [(2566, 2570, False)]),
    # --- Gregorian years, only when marked --------------------------------------------------------
    ("ค.ศ. 2024", [(2567, 2567, False)]),
    ("ค.ศ.2023", [(2566, 2566, False)]),
    ("AD 2024", [(2567, 2567, False)]),
    ("A.D. 2024", [(2567, 2567, False)]),
    ("ค.ศ. 2023-2024", [(2566, 2567, False)]),
    ("https://www.wangphrao.go.th/wp-content/uploads/2024/03/plan.pdf", [(2567, 2567, False)]),
    # --- not years --------------------------------------------------------------------------------
    ("12567", []),
    ("25672568", []),
    ("2,567,000", []),
    ("1,2567", []),
    ("2567,000 บาท", []),
    ("0 2567 1234", []),
    ("02-567-1234", []),
    ("0-2567-1234", []),
    ("(02) 2567 1234", []),
    ("053-2567-89", []),
    ("2567.50", []),
    ("1.2567", []),
    ("10.1.2567", []),
    ("2567.1.3", []),
    ("192.168.25.67", []),
    ("2539", []),
    ("2601", []),
    ("67", []),
    ("ข้อ 67", []),
    ("ปี 25", []),
    ("ต.ค.", []),
    ("2024", []),
    ("ปี 2024", []),
    ("report-2024.pdf", []),
    ("12/2024/", []),
    ("2567 บาท", []),
    ("จำนวน 2567 คน", []),
    ("งบประมาณ 2567 บาท", []),
    ("เลขที่ 2567", []),
    ("โทร 2567", []),
    ("1 ปี 60 วัน", []),
    ("ราคา 67 บาท", []),
    ("", []),
]


def _summary(spans: list[YearSpan]) -> list[tuple[int, int, bool]]:
    return [(s.start, s.end, s.fiscal) for s in spans]


@pytest.mark.parametrize(("text", "expected"), YEAR_CASES)
def test_find_years(text: str, expected: list[tuple[int, int, bool]]) -> None:
    assert _summary(find_years(text)) == expected


def test_enough_year_cases() -> None:
    assert len(YEAR_CASES) >= 60
    assert sum(1 for _, exp in YEAR_CASES if not exp) >= 20


@pytest.mark.parametrize(
    ("text", "expected_text"),
    [
        ("ประจำปีงบประมาณ พ.ศ. 2567 โดยภาพรวม", "ปีงบประมาณ พ.ศ. 2567"),
        ("(พ.ศ.2566-2570)", "พ.ศ.2566-2570"),
        ("2567.pdf", "2567"),
        ("ita2567", "2567"),
        ("ระยะเวลา ต.ค. 66", "ต.ค. 66"),
        ("ตั้งแต่ปี 2566 ถึงปี 2570 เป็นต้นไป", "ปี 2566 ถึงปี 2570"),
        ("ค.ศ. 2024)", "ค.ศ. 2024"),
        ("/uploads/2024/03/", "2024"),
    ],
)
def test_span_text_is_the_matched_source(text: str, expected_text: str) -> None:
    spans = find_years(text)
    assert [s.text for s in spans] == [expected_text]
    assert expected_text in text


def test_seed_paragraph_after_normalise() -> None:
    raw = (
        "รายงานผลการดำเนินการ ประจำปีงบประมาณ ๒๕๖๗\n"
        "ระยะเวลา\tต.ค. ๖๖ ถึง ก.ย. ๖๗\tสำนักปลัด, กองคลัง\n"
        "- เป็นการประกาศสำหรับปี พ.ศ. 2567 ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560\n"
        "- โดยภาพรวมได้คะแนน 93.12 โทร 0 2567 1234 งบประมาณ 2,567,000 บาท\n"
        "แผนพัฒนาท้องถิ่น (พ.ศ.2566-2570)"
    )
    spans = find_years(normalise(raw))
    assert _summary(spans) == [
        (2567, 2567, True),
        (2566, 2566, False),
        (2567, 2567, False),
        (2567, 2567, False),
        (2560, 2560, False),
        (2566, 2570, False),
    ]
    assert latest_year(spans) == 2570
    assert covers(spans, 2568)
    assert not covers(spans, 2565)


def test_latest_year() -> None:
    spans = find_years("ปีงบประมาณ 2566 และแผน 2566-2570 และ ปี 2567")
    assert latest_year(spans) == 2570
    assert latest_year([]) is None
    assert latest_year([YearSpan(2567, 2567, "2567", False)]) == 2567


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("แผนพัฒนา พ.ศ. 2566 - 2570", 2566, True),
        ("แผนพัฒนา พ.ศ. 2566 - 2570", 2568, True),
        ("แผนพัฒนา พ.ศ. 2566 - 2570", 2570, True),
        ("แผนพัฒนา พ.ศ. 2566 - 2570", 2571, False),
        ("ปีงบประมาณ 2566", 2567, False),
        ("ปีงบประมาณ 2566 และ 2567", 2567, True),
        ("ไม่มีปี", 2567, False),
    ],
)
def test_covers(text: str, year: int, expected: bool) -> None:
    assert covers(find_years(text), year) is expected


def test_covers_accepts_any_iterable() -> None:
    spans = find_years("2566-2570")
    assert covers(iter(spans), 2567)
    assert latest_year(iter(spans)) == 2570


def test_yearspan_is_frozen_and_hashable() -> None:
    span = YearSpan(2567, 2567, "พ.ศ. 2567", False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 2566  # type: ignore[misc]
    assert {span, YearSpan(2567, 2567, "พ.ศ. 2567", False)} == {span}


def test_results_are_in_order_of_appearance() -> None:
    text = "ปี 2570 ต.ค. 66 2540-2545 ค.ศ. 2024"
    assert [s.start for s in find_years(text)] == [2570, 2566, 2540, 2567]
