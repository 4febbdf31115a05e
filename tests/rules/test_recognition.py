"""Element checks that generalise beyond keyword lists: OCR-tolerant keywords, words near each other,
tables by month, pictures named by their caption. Each runs on real strings: Tesseract output recorded from
scans made by tests/support/make_docs.py (and one live OCR run), tables and pages as extractors emit them.

A wrong pass is the worst bug, so every kind has its negatives next to its positives.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from checker.extract.html import extract_html
from checker.extract.thai import normalise
from checker.models import EvidenceUnit, Image, ResourceKind
from checker.rules import checks, schema, tolerant, words
from checker.rules.schema import RulePack
from tests.support.units import unit


def element(pack: RulePack, item: str, element_id: str) -> schema.Element:
    return next(e for e in pack.item(item).elements if e.id == element_id)


def run(pack: RulePack, item: str, element_id: str, ev: EvidenceUnit) -> checks.Outcome:
    return checks.run(element(pack, item, element_id).spec, ev)


# ------------------------------------------------------------------ OCR-tolerant keywords

# Tesseract 5 (tha+eng) on make_docs.scan_image lines at 100-300 dpi with blur, speckle and JPEG, normalised
# as the PDF extractor does. Each line damages a keyword the shipped rules look for.
OCR_LINES = {
    "ปัญหาอุปสรรค": "ปัญหาอุปสร่รคโนการคำเนินงาน งบประมาณไม่เพียงพอ",
    "ปัญหาและอุปสรรค": "ปัญหาแล่ะอุปสรรค บุคลากรมีจำนวนจำกัด",
    "ผลการดำเนินงาน": "ผลกำร์ตำเนินงานตามแผนพัฒนาท้องถิ่น ประจำปี 2566",
    "จุดอ่อน": "ประเด็นที่เป็นข้อบกพร่องหรือจุตอ่อนที่ด องแก้ไขโดยเร่งด่วน",
    "แก้ไขโดยเร่งด่วน": "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโด๋ยเร่งด่วน",
    "ประเด็นที่ต้องพัฒนา": "ประเด็นทีต้องพัฒนาให้ดีขึ้น ควรปรับปรุงการเปิดเผยข้อมูล",
    "แนวทางการยกระดับ": "แนวห้างการยกระดับผลการประเปินฯ",
    "สาเหตุเกิดจาก": "ข้อคำถามที่ได้คะแนนน้อยที่สุด สำเทตุเกิดจาก",
    "อยู่ระหว่างดำเนินการ": "ความก้าวหน้าการตำเนินโครงการ อยู่ระหว่างตำเนินการ",
    "กองช่าง": "สำนักปลัด กองคลัง ก่องช่าง กองการศึกษา",
    "แนวทางการแก้ไข": "แน้วทางการแก้ไขปัญหา ประสานงานกับหน่วยงานอื่น",
    "การเบิกจ่าย": "ปัญหา/อุปสรรค การเบิกจำยล่าช้า",
}


@pytest.mark.parametrize(("keyword", "ocr_line"), list(OCR_LINES.items()))
def test_tolerant_finds_keywords_tesseract_damaged(keyword: str, ocr_line: str) -> None:
    text = normalise(ocr_line)
    assert keyword not in text.replace(" ", "")  # the exact match fails ...
    span = tolerant.find(text, keyword)
    assert span is not None, keyword  # ... the near one does, and quotes what the scan says
    quoted = text[span[0] : span[1]]
    assert quoted[0] == keyword[0] and len(quoted.replace(" ", "")) >= len(keyword) - 3, quoted


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("ผลการดำเนินงาน", "แผนการดำเนินงาน ประจำปีงบประมาณ 2567"),  # plan, not results: one letter apart
        ("ค่าธรรมเนียม", "ประกาศเจตนารมณ์ เจตนาธรรมเนียมนโยบาย"),  # look-alike letter and an extra one: two errors
        ("พึงพอใจมาก", "ผลการสำรวจความพึงพอใจ มาวิเคราะห์"),  # the keyword's last letter missing
        ("ปัญหาอุปสรรค", "ปัญหาอุปกรณ์ชำรุด"),  # other letters, not OCR noise
        ("อุปสรรค", "อุปการะเด็กกำพร้า"),
        ("ข้อเสนอแนะ", "ข้อเสนอราคา ต่ำสุด"),
        ("กองช่าง", "กองทุนหลักประกันสุขภาพ"),
        ("คะแนนน้อยที่สุด", "ข้อคำถามทีได้คะ แนนปลุยที่สุด"),  # too damaged to be sure: left to a person
    ],
)
def test_tolerant_does_not_invent_keywords(keyword: str, text: str) -> None:
    assert tolerant.find(normalise(text), keyword) is None


def test_tolerant_leaves_short_keywords_exact() -> None:
    assert tolerant.find("ปัญห่า", "ปัญหา") is not None  # five letters: tone marks still ignored
    assert tolerant.find("กองคลัง", "กอง") is None  # three letters: exact matching is the caller's
    assert tolerant.find("ปลัค", "ปลัด") is None  # four letters: never near-matched


def test_tolerant_only_on_ocr_evidence_and_only_when_asked(pack: RulePack) -> None:
    line = OCR_LINES["ปัญหาอุปสรรค"]
    hit = run(pack, "O13", "problems", unit(line, ocr=True))
    assert isinstance(hit, checks.Hit) and "ปัญหาอุปสร่รค" in hit.snippet and "OCR ≈ ปัญหาอุปสรรค" in hit.snippet
    assert run(pack, "O13", "problems", unit(line, ocr=False)) is False  # a typo in a text layer is the agency's
    plain = schema.KeywordsCheck(check="keywords", any=("ปัญหาอุปสรรค",))
    assert checks.run(plain, unit(line, ocr=True)) is False  # tolerance is opt-in per element


# A real OCR'd annual report page with no problems section: tolerance must not make one up.
OCR_REPORT_WITHOUT_PROBLEMS = (
    "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2566 องค์การบริหารส่วนตำบลบ้านใหม่ "
    "ผลการตำเนินงานตามแผนพัฒนาท้องถิ่น ประ จำปี 2566 จำนวนโครงการที่ดำเนินการ 45 โครงการ "
    "งบประมาณ 12,450,000 บาท เบิกจ่ายจริง 10,233,500 บาท คิดเป็นร้อยละ 82.19 "
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 แล้วเสร็จ โครงการอบรมอาชีพ ผู้เข้าร่วม 60 คน"
)


def test_an_ocr_report_without_problems_or_suggestions_stays_not_found(pack: RulePack) -> None:
    ev = unit(OCR_REPORT_WITHOUT_PROBLEMS, ocr=True)
    for item in ("O13", "O22", "O26", "O38"):
        assert run(pack, item, "problems", ev) is False, item
        assert run(pack, item, "suggestions", ev) is False, item
    assert isinstance(run(pack, "O13", "plan_results", ev), checks.Hit)


@pytest.mark.skipif(not __import__("shutil").which("tesseract"), reason="tesseract not installed")
def test_live_tesseract_scan_of_a_report_page(pack: RulePack) -> None:
    """Scan -> Tesseract -> the shipped O13 checks: whatever OCR garbles, the elements on the page are found,
    and the one not on it is not."""
    from checker.extract import extract
    from checker.extract.documents import DocLimits
    from checker.extract.ocr import find_ocr
    from checker.models import Resource
    from tests.support import make_docs as md

    ocr = find_ocr()
    if ocr is None or md.font_path() is None:
        pytest.skip("Tesseract with Thai, or a Thai font, not installed")
    lines = [
        "รายงานผลการดำเนินงานประจำปี 2566",
        "ผลการดำเนินงานตามแผนพัฒนาท้องถิ่น ดำเนินการแล้วเสร็จ 45 โครงการ",
        "ปัญหาอุปสรรคในการดำเนินงาน งบประมาณไม่เพียงพอ",
    ]
    body = md.scanned_pages_pdf([lines], dpi=90)  # low resolution: Tesseract damages some words
    res = Resource(url="http://x/r.pdf", final_url="http://x/r.pdf", status=200, kind=ResourceKind.PDF, body=body)
    doc = extract(res, ocr, DocLimits())
    assert doc.ocr_pages == 1
    ev = unit(doc.text, ocr=True, page_starts=doc.page_starts)
    assert isinstance(run(pack, "O13", "problems", ev), checks.Hit), doc.text
    assert isinstance(run(pack, "O13", "plan_results", ev), checks.Hit), doc.text
    assert run(pack, "O13", "suggestions", ev) is False, doc.text


# ------------------------------------------------------------------ words near each other


@pytest.mark.parametrize(
    ("phrase", "text", "window"),
    [
        ("ปัญหาและอุปสรรค", "สรุปอุปสรรคและปัญหาที่พบในปีงบประมาณ 2566", 5),
        ("ผลการดำเนินการตามแผน", "ตารางแสดงผลการดำเนินการเทียบกับแผน ประจำปี 2566", 6),
        ("ผลการดำเนินงานตามแผน", "แผน/ผลการดำเนินงาน ประจำปีงบประมาณ 2566", 5),
        ("ยกระดับผลการประเมิน", "แนวทางการยกระดับคะแนนผลการประเมิน ด้านการเปิดเผยข้อมูล", 5),
        ("พัฒนาให้ดีขึ้น", "ประเด็นที่ควรได้รับการพัฒนาเพื่อให้ผลคะแนนดีขึ้น", 6),
    ],
)
def test_near_finds_a_phrase_reworded(phrase: str, text: str, window: int) -> None:
    spec = schema.KeywordsCheck(check="keywords", any=(phrase,), near=window)
    hit = checks.run(spec, unit(text, kind=ResourceKind.HTML))
    assert isinstance(hit, checks.Hit), (phrase, words.phrase_words(phrase))
    assert f"≈ {phrase}" in hit.snippet


@pytest.mark.parametrize(
    ("phrase", "text", "window"),
    [
        # a plan is not results against it
        ("ผลการดำเนินการตามแผน", "แผนการดำเนินงาน ประจำปีงบประมาณ 2567 โครงการก่อสร้างถนน งบประมาณ 500,000 บาท", 5),
        # "ผล" must be a word, not the start of "ผลิต"
        ("ผลการดำเนินการตามแผน", "โครงการส่งเสริมการผลิตปุ๋ยอินทรีย์ ดำเนินการตามแผนงาน", 5),
        # the words are there, but too far apart to say one thing
        (
            "ปัญหาและอุปสรรค",
            "ปัญหา " + "การจัดเก็บรายได้ของหน่วยงาน ประจำปี งบประมาณ พ.ศ. 2566 มีรายละเอียดดังนี้ " * 2 + "อุปสรรค",
            5,
        ),
        ("ยกระดับผลการประเมิน", "ผลการประเมินคุณธรรมและความโปร่งใส ได้ 92.5 คะแนน", 5),
    ],
)
def test_near_does_not_match_other_sentences(phrase: str, text: str, window: int) -> None:
    spec = schema.KeywordsCheck(check="keywords", any=(phrase,), near=window)
    assert checks.run(spec, unit(text, kind=ResourceKind.HTML)) is False


def test_segmentation_keeps_every_character_and_knows_everyday_words() -> None:
    # nlpo3's safe mode once cut this announcement into "ส่ว|ป|ระกา|ศองค": the words must add up to the text.
    text = (
        "ประกาศองค์การบริหารส่วนตำบลบ้านใหม่ เรื่อง แผนผังโครงสร้างส่วนราชการ ตามที่ได้มีประกาศกำหนดโครงสร้าง"
        "ส่วนราชการไว้แล้วนั้น จึงขอประกาศแผนผังโครงสร้างให้ทราบโดยทั่วกัน ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
    )
    tokens = words._tokenize(text)
    assert "".join(tokens) == text
    assert {"ประกาศ", "โครงสร้าง", "ราชการ", "ตาม", "ที่", "แผนผัง"} <= set(tokens)


def test_near_leaves_one_word_keywords_to_exact_matching() -> None:
    assert words.phrase_words("ข้อเสนอแนะ") == ("ข้อเสนอแนะ",)
    assert words.find("ข้อเสนอ แนะนำ", "ข้อเสนอแนะ", 5) is None


def test_results_against_the_plan_as_projects_completed(pack: RulePack) -> None:
    text = "ในปีงบประมาณ 2566 ดำเนินการแล้วเสร็จ 45 โครงการ คิดเป็นร้อยละ 78.5 ของโครงการทั้งหมด"
    assert isinstance(run(pack, "O13", "plan_results", unit(text, kind=ResourceKind.HTML)), checks.Hit)
    plan = "แผนการดำเนินงาน ประจำปีงบประมาณ 2567 ยุทธศาสตร์ที่ 1 จำนวน 45 โครงการ คิดเป็นร้อยละ 25.5 ของงบประมาณ"
    assert run(pack, "O13", "plan_results", unit(plan, kind=ResourceKind.HTML)) is False


# ------------------------------------------------------------------ tables by month

# As the HTML/XLSX extractors write a table (cells " | "), and as a PDF text layer does (spaces only).
MONTHLY_HTML = (
    "สถิติการให้บริการ | เดือน | ทะเบียนพาณิชย์ (ราย) | ชำระภาษี (ครั้ง) | คำร้องทั่วไป (เรื่อง) | "
    "ต.ค. 66 | 12 | 40 | 8 | พ.ย. 66 | 9 | 35 | 6 | ธ.ค. 66 | 7 | 30 | 5 | ม.ค. 67 | 11 | 52 | 9 | "
    "ก.พ. 67 | 10 | 41 | 7 | มี.ค. 67 | 13 | 38 | 4 |"
)
MONTHLY_PDF = "สถิติการให้บริการ ประจำปีงบประมาณ 2567 เดือน ตุลาคม 2566 120 พฤศจิกายน 2566 98 ธันวาคม 2566 143 มกราคม 2567 110"
MONTHLY_PROSE = (
    "เดือนตุลาคม 2566 มีผู้มารับบริการ 120 ราย เดือนพฤศจิกายน 2566 มีผู้มารับบริการ 98 ราย เดือนธันวาคม 2566 มีผู้มารับบริการ 143 ราย"
)
QUARTERLY = "สถิติการให้บริการ | ไตรมาสที่ 1 (ต.ค. - ธ.ค. 66) | 350 | ไตรมาสที่ 2 (ม.ค. - มี.ค. 67) | 410 |"


@pytest.mark.parametrize("text", [MONTHLY_HTML, MONTHLY_PDF, MONTHLY_PROSE, QUARTERLY])
def test_a_table_of_counts_by_month_is_service_statistics(pack: RulePack, text: str) -> None:
    assert "จำนวน" not in text
    hit = run(pack, "O16", "statistics", unit(text, kind=ResourceKind.HTML))
    assert isinstance(hit, checks.Hit), text
    assert hit.pos is not None and "[" in hit.snippet  # which months (quarters) it saw


def test_the_snippet_lists_the_months_seen(pack: RulePack) -> None:
    hit = run(pack, "O16", "statistics", unit(MONTHLY_HTML, kind=ResourceKind.HTML))
    assert isinstance(hit, checks.Hit)
    assert "[6: ต.ค. 66, พ.ย. 66, ธ.ค. 66, ม.ค. 67, ก.พ. 67, มี.ค. 67]" in hit.snippet


@pytest.mark.parametrize(
    "text",
    [
        # visitor counters: numbers, no months
        "สถิติผู้เข้าชม วันนี้ 25 เมื่อวาน 40 เดือนนี้ 1,200 เดือนที่แล้ว 1,100 ปีนี้ 15,000 ทั้งหมด 155296 ออนไลน์ 3",
        # calendars: months followed by day names, or by days 1, 2, 3 …
        "ปฏิทินกิจกรรม ตุลาคม 2566 | อา | จ | อ | พ | พฤ | ศ | ส | 1 | 2 | 3 | 4 | 5 | 6 | 7 | พฤศจิกายน 2566 | อา | จ |"
        " อ | พ | พฤ | ศ | ส | | | | 1 | 2 | 3 | 4 | ธันวาคม 2566 | อา | จ | อ | พ | พฤ | ศ | ส | | | | | | 1 | 2 |",
        "ตุลาคม 2566 | 1 | 2 | 3 | 4 | พฤศจิกายน 2566 | | | | 1 | 2 | 3 | 4 | ธันวาคม 2566 | | | | | | 1 | 2 | 3",
        "ตุลาคม 2566 อา จ อ พ พฤ ศ ส 1 2 3 4 5 6 7 พฤศจิกายน 2566 อา จ อ พ พฤ ศ ส 1 2 3 4"
        " ธันวาคม 2566 อา จ อ พ พฤ ศ ส 1 2",
        # dated lists: a year after the month is a year, a number before a month is a day
        "12 ต.ค. 2566 ประชุมสภาสมัยที่ 4 ครั้งที่ 1 | 5 พ.ย. 2566 ประชุมประจำเดือน | 3 ธ.ค. 2566 กิจกรรมวันพ่อ | 9 ม.ค. 2567 วันเด็ก",
        "ประกาศ ณ วันที่ 12 ตุลาคม 2566 ประกาศ ณ วันที่ 5 พฤศจิกายน 2566 ประกาศ ณ วันที่ 3 ธันวาคม 2566",
        "ประกาศ | 1 ต.ค. 66 | 12 ต.ค. 66 | 5 พ.ย. 66 | 20 ธ.ค. 66",
        # a plan's month columns, a period, a news archive
        "โครงการ | ต.ค. 66 | พ.ย. 66 | ธ.ค. 66 | ม.ค. 67 | งบประมาณ 50,000 | ระยะเวลา 1 ต.ค. 66 - 31 มี.ค. 67",
        "ข้อมูลระหว่าง 1 ต.ค. 66 - 31 มี.ค. 67 รอบ 6 เดือน ต.ค. 66 ถึง มี.ค. 67",
        "คลังข่าว ตุลาคม 2566 (5) พฤศจิกายน 2566 (3) ธันวาคม 2566 (8)",
    ],
)
def test_counters_calendars_and_dated_lists_are_not_monthly_statistics(pack: RulePack, text: str) -> None:
    assert run(pack, "O16", "statistics", unit(text, kind=ResourceKind.HTML)) is False


def test_repeated_counts_distinct_months_not_rows() -> None:
    spec = schema.RepeatedCheck(check="repeated", patterns=(r"{month}\s*\|\s*\d+",), min=3)
    same_month = "ต.ค. | 5 | ต.ค. | 7 | ตุลาคม | 9 | พ.ย. | 4"  # ต.ค. = ตุลาคม: two months
    assert checks.run(spec, unit(same_month, kind=ResourceKind.HTML)) is False
    assert isinstance(checks.run(spec, unit(same_month + " | ธ.ค. | 2", kind=ResourceKind.HTML)), checks.Hit)


def test_repeated_patterns_are_validated() -> None:
    with pytest.raises(ValidationError, match=r"needs \{month\}"):
        schema.RepeatedCheck(check="repeated", patterns=(r"\d+ ราย",))
    with pytest.raises(ValidationError, match="invalid regular expression"):
        schema.RepeatedCheck(check="repeated", patterns=(r"{month}(",))
    with pytest.raises(ValidationError, match="Extra inputs"):
        schema.RepeatedCheck(check="repeated", patterns=(r"{month}",), distinct=3)  # type: ignore[call-arg]
    schema.RepeatedCheck(check="repeated", patterns=(r"(?P<key>รอบ\s?\d)\s*\|\s*\d+",), min=2)


def test_keyword_options_are_validated() -> None:
    with pytest.raises(ValidationError):
        schema.KeywordsCheck(check="keywords", any=("ปัญหา",), near=1)
    with pytest.raises(ValidationError):
        schema.ImageCheck(check="image", or_named=("",))
    with pytest.raises(ValidationError, match="Extra inputs"):
        schema.KeywordsCheck(check="keywords", any=("ปัญหา",), fuzzy=True)  # type: ignore[call-arg]


# ------------------------------------------------------------------ pictures named by caption or link

# What the PDF extractor reads from an org chart drawn in boxes (unit names, no embedded image).
CHART_TEXT = (
    "นายก อบต. รองนายก อบต. ปลัด อบต. รองปลัด อบต. สำนักปลัด กองคลัง กองช่าง กองการศึกษา ศาสนาและวัฒนธรรม "
    "งานบริหารทั่วไป งานนโยบายและแผน งานกฎหมายและคดี งานการเงิน งานพัฒนาและจัดเก็บรายได้ งานก่อสร้าง งานออกแบบ"
)
PROSE = (
    "ประกาศองค์การบริหารส่วนตำบลบ้านใหม่ เรื่อง การกำหนดโครงสร้างส่วนราชการ อาศัยอำนาจตามความในมาตรา 15 "
    "แห่งพระราชบัญญัติระเบียบบริหารงานบุคคลส่วนท้องถิ่น พ.ศ. 2542 ประกอบกับประกาศคณะกรรมการพนักงานส่วนตำบล "
) * 12


def test_a_drawn_chart_is_named_by_the_link_to_it(pack: RulePack) -> None:
    ev = unit(CHART_TEXT, page_starts=(0,), name=CHART_TEXT[:200], label="แผนผังโครงสร้างส่วนราชการ อบต.บ้านใหม่ เปิด")
    hit = run(pack, "O1", "chart", ev)
    assert isinstance(hit, checks.Hit)
    assert hit.snippet.startswith("ชื่อ/คำอธิบายภาพ: แผนผังโครงสร้างส่วนราชการ")
    assert isinstance(run(pack, "O1", "units", ev), checks.Hit)


def test_a_scan_is_a_picture_whatever_its_length(pack: RulePack) -> None:
    ev = unit(PROSE, ocr=True, page_starts=(0,), label="แผนภูมิโครงสร้างองค์กร")
    assert isinstance(run(pack, "O1", "chart", ev), checks.Hit)


@pytest.mark.parametrize(
    "ev",
    [
        # prose named as a chart: a document with text, not a drawing
        unit(PROSE, page_starts=(0,), label="แผนผังโครงสร้างส่วนราชการ"),
        # a short announcement linked from an ITA row that quotes the criterion: sentences, not boxes
        unit(PROSE[:1200], page_starts=(0,), label="O1 โครงสร้าง แสดงแผนผังโครงสร้างการแบ่งส่วนราชการ ประกาศ"),
        # a drawing not named as a chart: "โครงสร้าง" is what menus and announcements say
        unit(CHART_TEXT, page_starts=(0,), label="โครงสร้างส่วนราชการ"),
        # an HTML page is never a picture itself: its title does not make its text a chart
        unit(CHART_TEXT, kind=ResourceKind.HTML, name="แผนผังโครงสร้าง อบต.บ้านใหม่"),
        # a spreadsheet of units
        unit(CHART_TEXT, kind=ResourceKind.XLSX, name="แผนผังโครงสร้าง"),
    ],
)
def test_text_named_as_a_chart_is_no_chart(pack: RulePack, ev: EvidenceUnit) -> None:
    assert run(pack, "O1", "chart", ev) is False


def test_a_logo_and_a_menu_saying_structure_are_no_org_chart(pack: RulePack) -> None:
    html = """<html><head><title>หน้าหลัก อบต.บ้านใหม่</title></head><body>
      <header><img src="/images/logo.png" alt="โลโก้ อบต."><nav><a href="/structure">โครงสร้าง</a>
      <a href="/chart">แผนผังโครงสร้าง</a></nav></header>
      <main><img src="/images/logo-small.png" alt=""><h1>โครงสร้างส่วนราชการ</h1>
      <p>สำนักปลัด กองคลัง กองช่าง</p></main></body></html>"""
    doc = extract_html(html.encode(), "http://example.go.th/structure")
    ev = unit(doc.main_text, kind=ResourceKind.HTML, name=doc.title, images=doc.images, links=doc.links)
    assert run(pack, "O1", "chart", ev) is False


def test_an_image_named_by_its_figcaption(pack: RulePack) -> None:
    html = """<html><body><main><figure><img src="/uploads/2566/10/s1.jpg">
      <figcaption>แผนผังโครงสร้างส่วนราชการ องค์การบริหารส่วนตำบลบ้านใหม่</figcaption></figure></main></body></html>"""
    doc = extract_html(html.encode(), "http://example.go.th/structure")
    assert doc.images[0].alt.startswith("แผนผังโครงสร้างส่วนราชการ")
    hit = run(pack, "O1", "chart", unit(doc.main_text, kind=ResourceKind.HTML, images=doc.images))
    assert isinstance(hit, checks.Hit) and hit.snippet.startswith("ชื่อ/คำอธิบายภาพ: แผนผังโครงสร้าง")


def test_image_words_include_title_and_wordpress_captions() -> None:
    html = """<html><body><main>
      <div class="wp-caption aligncenter"><img src="/a.jpg" alt="" title="ภาพที่ 1">
      <p class="wp-caption-text">แผนภูมิโครงสร้างการแบ่งส่วนราชการ</p></div>
      <p><img src="/b.jpg" alt="ภาพกิจกรรม"></p></main></body></html>"""
    images = extract_html(html.encode(), "http://example.go.th/").images
    assert [i.alt for i in images] == ["ภาพที่ 1 แผนภูมิโครงสร้างการแบ่งส่วนราชการ", "ภาพกิจกรรม"]


def test_an_image_named_as_a_chart_counts_even_with_a_banner_file_name(pack: RulePack) -> None:
    images = (Image(src="http://example.go.th/banner-2567.jpg", alt="แผนภูมิโครงสร้างการแบ่งส่วนราชการ"),)
    assert isinstance(run(pack, "O1", "chart", unit("", kind=ResourceKind.HTML, images=images)), checks.Hit)
    logo = (Image(src="http://example.go.th/banner-2567.jpg", alt="ยินดีต้อนรับ"),)
    assert run(pack, "O1", "chart", unit("", kind=ResourceKind.HTML, images=logo)) is False


def test_photos_of_people_are_no_chart(pack: RulePack) -> None:
    """An executives' page reached by a "โครงสร้างบุคลากร" menu: portraits named by the person, no chart; the
    same photos are the executives' photos (O2)."""
    html = """<html><body><main><h1>ผู้บริหาร</h1>
      <div class="person"><img src="/images/p1.jpg" alt="นางอรุณี บุญมา"><p>นายก อบต.บางกระดี่</p></div>
      <div class="person"><img src="/images/p2.jpg" alt="นายสุรชัย ชัยมงคล"><p>รองนายก อบต.บางกระดี่</p></div>
      </main></body></html>"""
    doc = extract_html(html.encode(), "http://example.go.th/exec")
    ev = unit(doc.main_text, kind=ResourceKind.HTML, images=doc.images)
    assert run(pack, "O1", "chart", ev) is False
    assert isinstance(run(pack, "O2", "photo", ev), checks.Hit)
    chart = (Image(src="http://example.go.th/s.jpg", alt="นายก อบต. รองนายก ปลัด สำนักปลัด กองคลัง"),)
    assert isinstance(run(pack, "O1", "chart", unit("", kind=ResourceKind.HTML, images=chart)), checks.Hit)


def test_a_drawing_linked_as_a_picture_is_the_chart(pack: RulePack) -> None:
    """A link "โครงสร้างขององค์การ (คลิกเพื่อดูภาพที่ขนาดใหญ่ขึ้น)" says it opens a picture; the text is a drawing's."""
    drawing = "นายก อบต. รองนายก ปลัด อบต. สำนักปลัด (หัวหน้าสำนักปลัด) กองคลัง (ผู้อำนวยการกองคลัง) กองช่าง"
    ev = unit(drawing, label="โครงสร้างขององค์การ (คลิกเพื่อดูภาพที่ขนาดใหญ่ขึ้น)")
    hit = run(pack, "O1", "chart", ev)
    assert isinstance(hit, checks.Hit) and hit.snippet.startswith("ชื่อ/คำอธิบายภาพ: โครงสร้างขององค์การ")
    prose = "องค์การบริหารส่วนตำบลบ้านใหม่ได้แบ่งส่วนราชการออกเป็นสำนักปลัดและกองคลังตามประกาศของคณะกรรมการ " * 3
    assert run(pack, "O1", "chart", unit(prose, label="โครงสร้าง (คลิกเพื่อดูภาพ)")) is False


def test_an_unopened_link_named_as_a_chart_is_unknown_not_found(pack: RulePack) -> None:
    ev = EvidenceUnit(url="https://drive.google.com/file/d/x", found_via="ita", state="not_fetched",
                      label="แผนผังโครงสร้างส่วนราชการ")  # fmt: skip
    assert run(pack, "O1", "chart", ev) is None


def test_an_image_file_is_reported_by_its_name(pack: RulePack) -> None:
    ev = unit("สำนักปลัด กองคลัง", kind=ResourceKind.IMAGE, ocr=True, label="แผนผังโครงสร้าง อบต.")
    hit = run(pack, "O1", "chart", ev)
    assert isinstance(hit, checks.Hit) and hit.snippet == "ชื่อ/คำอธิบายภาพ: แผนผังโครงสร้าง อบต."


# ------------------------------------------------------------------ O42 on the NACC template

O42_TEMPLATE = (
    "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2566 "
    "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล | ประเด็นข้อคำถาม | คะแนน | การวิเคราะห์ผล | "
    "ข้อคำถามที่ได้คะแนนน้อยที่สุด | O12 รายงานการกำกับติดตามการดำเนินงาน | 0 | สาเหตุเกิดจากไม่ได้เผยแพร่ข้อมูลรอบ 6 เดือน | "
    "แนวทางการยกระดับผลการประเมินฯ | จัดทำรายงานและเผยแพร่ภายในเดือนเมษายน | "
    "มาตรการ | วิธีการดำเนินการ | หน่วยงานที่รับผิดชอบ | ระยะเวลา | กำกับติดตามการเผยแพร่ข้อมูล | สำนักปลัด | ต.ค. 66 - ก.ย. 67"
)


def test_o42_template_wording(pack: RulePack) -> None:
    ev = unit(O42_TEMPLATE)
    for element_id in ("ita_analysis", "weaknesses", "improvements", "measures"):
        assert isinstance(run(pack, "O42", element_id, ev), checks.Hit), element_id


def test_o42_results_without_analysis_stay_incomplete(pack: RulePack) -> None:
    ev = unit("ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี 2566 ได้ 92.50 คะแนน อยู่ในระดับ A")
    assert run(pack, "O42", "weaknesses", ev) is False
    assert run(pack, "O42", "improvements", ev) is False
