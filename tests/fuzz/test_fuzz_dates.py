"""Property-based fuzzing of the Thai date and period readers: phrases built from the pieces agencies write
(Thai and Arabic digits, Buddhist and Christian years, full and abbreviated month names, ranges, fiscal
years and quarters) must be read exactly; random strings of those pieces must never break the readers."""

from __future__ import annotations

import calendar
import datetime
import typing

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.date_atoms import BE_OFFSET, MAX_SPAN_YEARS, MAX_YEAR, MIN_YEAR, PeriodKind
from checker.extract.periods import MAX_RANGE_YEARS, Period, find_periods, find_years, fiscal_year_bounds
from checker.extract.thai import normalise
from tests.fuzz.corpus import DATE_SEEDS, read_dates
from tests.fuzz.props import FUZZ

FULL = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
        "พฤศจิกายน", "ธันวาคม"]  # fmt: skip
ABBR = [("ม", "ค"), ("ก", "พ"), ("มี", "ค"), ("เม", "ย"), ("พ", "ค"), ("มิ", "ย"), ("ก", "ค"), ("ส", "ค"), ("ก", "ย"),
        ("ต", "ค"), ("พ", "ย"), ("ธ", "ค")]  # fmt: skip
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
KINDS = set(typing.get_args(PeriodKind))
MANY = settings(FUZZ, max_examples=200)  # a phrase reads in about 0.1 ms
FIRST, LAST = datetime.date(1997, 1, 1), datetime.date(2056, 12, 31)  # BE 2540-2599: two digits read too
DASHES = [" - ", "-", " – ", " ถึง ", " ถึงวันที่ ", " ~ "]


@st.composite
def thai_dates(draw: st.DrawFn, low: datetime.date = FIRST, high: datetime.date = LAST) -> tuple[str, datetime.date]:
    """A day as agencies write it — "16 มีนาคม 2566", "๑ ต.ค. ๖๖", "3 ก.ย.2567" — and the date it means."""
    day = draw(st.dates(low, high))
    if draw(st.booleans()):
        month = FULL[day.month - 1]
    else:
        a, b = ABBR[day.month - 1]
        month = draw(st.sampled_from([f"{a}.{b}.", f"{a}{b}.", f"{a}. {b}."]))
    year = day.year + BE_OFFSET
    two = draw(st.booleans()) and 2540 <= year <= 2599
    text = f"{day.day} {month}{draw(st.sampled_from([' ', '']))}{year % 100 if two else year}"
    return (text.translate(THAI_DIGITS) if draw(st.booleans()) else text), day


def _periods(text: str) -> list[Period]:
    return find_periods(normalise(text))


@MANY
@given(date=thai_dates(), before=st.sampled_from(["", "วันที่ ", "ลงวันที่ ", "ประกาศ ณ วันที่ ", "เมื่อ "]))
def test_a_written_day_is_read_as_that_day(date: tuple[str, datetime.date], before: str) -> None:
    text, day = date
    days = [(p.start, p.end) for p in _periods(before + text + " เป็นต้นไป") if p.kind == "day"]
    assert days == [(day, day)], text


@MANY
@given(a=thai_dates(high=LAST - datetime.timedelta(days=1)), data=st.data(), dash=st.sampled_from(DASHES))
def test_a_written_range_is_read_as_that_range(a: tuple[str, datetime.date], data: st.DataObject, dash: str) -> None:
    first, start = a
    high = min(LAST, datetime.date(start.year + MAX_SPAN_YEARS, 12, 31))
    last, end = data.draw(thai_dates(low=start + datetime.timedelta(days=1), high=high))
    ranges = [(p.start, p.end) for p in _periods(f"ระหว่างวันที่ {first}{dash}{last}") if p.kind == "range"]
    assert ranges == [(start, end)], f"{first}{dash}{last}"


@FUZZ
@given(year=st.integers(2540, 2599), quarter=st.integers(1, 4), full=st.booleans(), thai=st.booleans())
def test_fiscal_years_and_quarters(year: int, quarter: int, full: bool, thai: bool) -> None:
    cue = "ปีงบประมาณ พ.ศ. " if full else "ปีงบประมาณ "
    text = f"ไตรมาสที่ {quarter} {cue}{year}"
    periods = _periods(text.translate(THAI_DIGITS) if thai else text)
    fy_start, _ = fiscal_year_bounds(year)
    first = datetime.date(fy_start.year + (quarter > 1), (9 + 3 * (quarter - 1)) % 12 + 1, 1)
    last_month = first.month + 2
    last = datetime.date(first.year, last_month, calendar.monthrange(first.year, last_month)[1])
    assert [(p.kind, p.start, p.end) for p in periods] == [("quarter", first, last)], text
    spans = find_years(normalise(text))
    assert [(s.start, s.end, s.fiscal) for s in spans] == [(year, year, True)]


PIECES = st.sampled_from(
    [*FULL, *(f"{a}.{b}." for a, b in ABBR), "ปีงบประมาณ", "ปีงบฯ", "พ.ศ.", "ค.ศ.", "ปี", "ไตรมาสที่", "ไตรมาส", "รอบ",
     "6 เดือน", "เดือน", "ครึ่งปีแรก", "ครึ่งปีหลัง", "ถึง", "ระหว่าง", "ตั้งแต่", "-", "–", "/", ".", ",", ":", "(", ")",
     "Oct", "March", "FY", "AD", "ที่", "เลขที่", "โทร", "บาท", " ", "\n"]
)  # fmt: skip
NUMBERS = st.integers(0, 3000).map(str) | st.sampled_from(["2567", "67", "๒๕๖๗", "2024", "31", "29", "0", "00", "9999"])


def _assert_sound(clean: str) -> None:
    """Periods are real spans, found in order where the text says them; year spans are short ranges."""
    periods = find_periods(clean)
    assert [p.pos for p in periods] == sorted(p.pos for p in periods)
    for p in periods:
        assert p.kind in KINDS and p.start <= p.end
        assert clean[p.pos : p.pos + len(p.text)] == p.text
        assert p.start.year >= MIN_YEAR - 1 and p.end.year <= MAX_YEAR + 1
        assert p.end.year - p.start.year <= MAX_SPAN_YEARS + 1
    for span in find_years(clean):
        assert span.start <= span.end <= span.start + MAX_RANGE_YEARS
        assert span.text in clean


@MANY
@given(parts=st.lists(PIECES | NUMBERS, max_size=30), sep=st.sampled_from([" ", "", "  "]))
def test_any_string_of_date_pieces(parts: list[str], sep: str) -> None:
    _assert_sound(normalise(sep.join(parts)))


@MANY
@given(seed=st.sampled_from(DATE_SEEDS), noise=st.text(max_size=40), at=st.integers(0, 200))
def test_seed_phrases_with_any_noise(seed: str, noise: str, at: int) -> None:
    """Any unicode (surrogates, controls, combining marks) spliced into a real phrase."""
    text = seed[:at] + noise + seed[at:]
    clean = normalise(text)
    assert normalise(clean) == clean  # the readers' input contract: normalised text stays as it is
    _assert_sound(clean)
    assert read_dates(text) == (len(find_periods(clean)), len(find_years(clean)))
