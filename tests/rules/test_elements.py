"""Elements as agencies write them, and the look-alikes that must not count (a wrong pass is the worst bug).

Each positive is a real-world shape of the element (a table's column words, a short form, a structure such as
month columns or a signature block), never one generator's sentence; each negative is the text that used to
pass although the element is absent.
"""

from __future__ import annotations

import pytest

from checker.models import EvidenceUnit, Image, ResourceKind
from checker.rules import checks, schema, words
from checker.rules.schema import RulePack
from tests.support.units import unit


def run(pack: RulePack, item: str, element_id: str, ev: EvidenceUnit) -> checks.Outcome:
    element = next(e for e in pack.item(item).elements if e.id == element_id)
    return checks.run(element.spec, ev)


def found(pack: RulePack, item: str, element_id: str, text: str, **kw: object) -> bool:
    return isinstance(run(pack, item, element_id, unit(text, **kw)), checks.Hit)


MONTH_COLUMNS = (
    "ต.ค 66 | พ.ย 66 | ธ.ค 66 | ม.ค 67 | ก.พ 67 | มี.ค 67 | เม.ย 67 | พ.ค 67 | มิ.ย 67 | ก.ค 67 | ส.ค 67 | ก.ย 67"
)


# ------------------------------------------------------------------ O11 one-year plan, budget per project


@pytest.mark.parametrize(
    "text",
    [
        "แผนการดำเนินงาน ปี 2567 องค์การบริหารส่วนตำบลบ้านใหม่",
        "แผนการดำเนินงาน ปีงบ 67",
        "แผนดำเนินงาน FY2024",
        f"บัญชีโครงการ/กิจกรรม | ลำดับ | โครงการ | {MONTH_COLUMNS}",  # a schedule by month across one year
    ],
)
def test_a_one_year_plan_is_named_with_one_year_or_scheduled_by_month(pack: RulePack, text: str) -> None:
    assert found(pack, "O11", "one_year", text)


def test_a_plan_over_several_years_is_not_a_one_year_plan(pack: RulePack) -> None:
    assert not found(pack, "O11", "one_year", "แผนพัฒนาท้องถิ่น ห้าปี 2566-2570 ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน")


@pytest.mark.parametrize(
    "text",
    [
        "ลำดับ | ชื่อโครงการ | วงเงิน (บาท) | ผู้รับผิดชอบ | 1 | ก่อสร้างถนน | 70,000.00 | กองช่าง | 2 | อบรม | 180,000.00",
        "ลำดับ ชื่อโครงการ จำนวนเงิน ผู้รับผิดชอบ ต.ค. 66 พ.ย. 66 1 ก่อสร้างถนน 490,000 กองช่าง 2 อบรม อปพร. 60,000 สำนักปลัด",
    ],
)
def test_a_money_column_with_amounts_is_a_budget_per_project(pack: RulePack, text: str) -> None:
    assert found(pack, "O11", "budget", text)


def test_the_fiscal_year_and_a_year_are_no_budget(pack: RulePack) -> None:
    text = "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2567 | ลำดับ | โครงการ | 1 | ก่อสร้างถนน หมู่ที่ 3 | 2 | อบรม"
    assert not found(pack, "O11", "budget", text)


def test_month_columns_are_a_schedule_whatever_their_spelling(pack: RulePack) -> None:
    assert found(pack, "O11", "schedule", f"ลำดับ | โครงการ | งบประมาณ (บาท) | {MONTH_COLUMNS}")


# ------------------------------------------------------------------ O15 steps are steps


SERVICE_NO_STEPS = (
    "คู่มือการให้บริการประชาชน เรื่อง การขออนุญาตก่อสร้างอาคาร หน่วยงานที่ให้บริการ : องค์การบริหารส่วนตำบลบ้านใหม่ "
    "ช่องทางการให้บริการ : ณ สำนักงาน อบต. ระยะเวลาเปิดให้บริการ วันจันทร์ ถึง วันศุกร์ รายการเอกสาร หลักฐานประกอบ "
    "1. บัตรประจำตัวประชาชน 2. สำเนาทะเบียนบ้าน ค่าธรรมเนียม 50 บาท"
)


def test_documents_fee_and_channel_are_not_the_steps(pack: RulePack) -> None:
    assert not found(pack, "O15", "steps", SERVICE_NO_STEPS)


@pytest.mark.parametrize(
    "text",
    [
        "ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ 1) การตรวจสอบเอกสาร 1 วัน 2) การพิจารณา 3 วัน",
        "วิธีการขอรับบริการ 1. ยื่นคำร้องพร้อมเอกสาร 2. เจ้าหน้าที่ตรวจสอบ 3. รับใบอนุญาต",
        "แผนผังขั้นตอนการให้บริการ การขออนุญาตก่อสร้างอาคาร",
    ],
)
def test_steps_are_ordered_steps_or_a_flow_chart(pack: RulePack, text: str) -> None:
    assert found(pack, "O15", "steps", text)


# ------------------------------------------------------------------ O24 / O37 budget used


PROGRESS_NO_BUDGET = (
    "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ 2567 (รอบ 6 เดือน) (1 ตุลาคม 2566 - "
    "31 มีนาคม 2567) โครงการ/กิจกรรม ผลการดำเนินการ กิจกรรมประกาศเจตจำนงต่อต้านการทุจริต อยู่ระหว่างดำเนินการ "
    "โครงการเสริมสร้างความโปร่งใส ดำเนินการแล้ว"
)


@pytest.mark.parametrize("item", ["O24", "O37"])
def test_the_fiscal_year_in_a_title_is_no_budget_used(pack: RulePack, item: str) -> None:
    assert not found(pack, item, "budget_used", PROGRESS_NO_BUDGET)
    assert not found(pack, item, "budget_used", PROGRESS_NO_BUDGET + " งบประมาณของแผน 120,000 บาท")


@pytest.mark.parametrize(
    "text",
    [
        "โครงการ | งบประมาณที่ได้รับ | งบประมาณที่ใช้ไป | คงเหลือ",
        "ผลการเบิกจ่าย 35,000 บาท คิดเป็นร้อยละ 70",
        "กิจกรรมประกาศเจตจำนง ดำเนินการแล้ว ใช้งบประมาณ 15,000 บาท",
        "กิจกรรมเผยแพร่ข้อมูล ดำเนินการแล้ว (ไม่ใช้งบประมาณ)",
        "โครงการ/กิจกรรม | งบประมาณ (บาท) | ผลการดำเนินงาน",
    ],
)
@pytest.mark.parametrize("item", ["O24", "O37"])
def test_budget_used_is_an_amount_used_or_spent(pack: RulePack, item: str, text: str) -> None:
    assert found(pack, item, "budget_used", text)


# ------------------------------------------------------------------ O31 signed by the chief executive


@pytest.mark.parametrize(
    "text",
    [
        "ประกาศ ณ วันที่ 4 มกราคม 2567 (นายสมชาย ใจดี) นายกองค์การบริหารส่วนตำบลบ้านใหม่",
        "ประกาศ ณ วันที่ 2 ตุลาคม พ.ศ. 2566 (ลงชื่อ) นายสมชาย ใจดี นายกเทศมนตรีตำบลวังพร้าว",
        "ข้าพเจ้า นางสาวสมศรี มีสุข นายกเทศมนตรีเมืองบ้านใหม่ พร้อมด้วยคณะผู้บริหารและพนักงานทุกคน",
        "(นายกิตติ ดีมาก) ผู้อำนวยการโรงเรียนบ้านใหม่",
        "(นายไพโรจน์ ชัยมงคล) ปลัดองค์การบริหารส่วนตำบล รักษาราชการแทนนายกองค์การบริหารส่วนตำบลบ้านใหม่",
        # a scan: the signature read as stray marks between the name and the title
        "ประกาศ ณ วันที่ 13 ธันวาคม 2566 (นายสมชาย ชัยมงคล) 7 นายกลังค์การปริหารส่งนิตำขอบ่าแต่ง",
        "ประกาศ ณ วันที่ 21 ธันวาคม lado a (นายชาญวิทย์ ชัยมงคล) ฆ 1 & 2 นายก อบต.ท่าช้าง",
        "ประกาศ ณววันที่ 25 มกราคม 2567 . (นางอรุณี บุญมา) 7 . นายก อบต.หนองตะไก้",
    ],
)
def test_the_chief_executive_signs_under_the_name(pack: RulePack, text: str) -> None:
    assert found(pack, "O31", "signed_declaration", text)


@pytest.mark.parametrize(
    "text",
    [
        "ประกาศ ณ วันที่ 4 มกราคม 2567 (นายไพโรจน์ ชัยมงคล) ปลัดองค์การบริหารส่วนตำบลบ้านใหม่",
        "ประกาศ ณ วันที่ 4 มกราคม 2567 (นายสมศักดิ์ ใจดี) รองนายกองค์การบริหารส่วนตำบลบ้านใหม่",
        "ประกาศ ณ วันที่ 4 มกราคม 2567 ลงชื่อ (นายสมศักดิ์ ใจดี) ประธานสภาองค์การบริหารส่วนตำบล",
        "ประกาศ ณ วันที่ 4 มกราคม 2567 (นายสมศักดิ์ ใจดี) 7 รองนายกองค์การบริหารส่วนตำบลบ้านใหม่",
        "ประกาศ ณ วันที่ 4 มกราคม 2567 (นายสมศักดิ์ ใจดี) ฆ 1 ปลัด อบต. ปฏิบัติราชการ นายก",
        "ข้าพเจ้า ในฐานะผู้บริหาร พร้อมด้วยเจ้าหน้าที่ทุกคน จะไม่รับของขวัญ ประกาศ ณ วันที่ 4 มกราคม 2567",
    ],
)
def test_a_deputy_or_the_clerk_signing_is_not_the_chief_executive(pack: RulePack, text: str) -> None:
    assert not found(pack, "O31", "signed_declaration", text)


# ------------------------------------------------------------------ O21, O27, O29, O35, O42 short forms


def test_a_contract_column_written_short_or_contract_references(pack: RulePack) -> None:
    assert found(pack, "O21", "contract", "เหตุผลที่คัดเลือก | เลขที่และวันที่สัญญา")
    assert found(pack, "O21", "contract", "ราคาต่ำสุด | 92/2566 ลว. 11 ต.ค. 66 | 93/2566 ลว. 20 ต.ค. 66")
    assert not found(pack, "O21", "contract", "งานที่ซื้อหรือจ้าง | วงเงิน | ราคากลาง | ผู้ได้รับคัดเลือก 2 ราย ภายใน 11 ต.ค. 66")


def test_a_unit_said_to_do_the_work_is_the_responsible_unit(pack: RulePack) -> None:
    text = "ศูนย์รับเรื่องราวร้องทุกข์ อบต.บ้านใหม่ ทำหน้าที่รับและดำเนินการเรื่องร้องเรียน ภายใน 30 วันทำการ"
    assert found(pack, "O27", "responsible_unit", text)
    assert found(pack, "O27", "responsible_unit", "งานนิติการ กองกลาง มีหน้าที่ตรวจสอบข้อเท็จจริง")
    assert not found(pack, "O27", "responsible_unit", "ขั้นตอน 1. รับเรื่องและลงทะเบียน 2. ตรวจสอบข้อเท็จจริง 3. แจ้งผล")


def test_complaints_received_is_the_total(pack: RulePack) -> None:
    text = "ไตรมาส เรื่องที่ได้รับ ยุติเรื่อง ระหว่างดำเนินการ ไตรมาสที่ 1 2 1 1 ไตรมาสที่ 2 0 0 0"
    assert found(pack, "O29", "total", text)


def test_activities_done_are_said_in_the_past_or_dated(pack: RulePack) -> None:
    assert found(pack, "O35", "activities", "กำหนดมาตรการควบคุมความเสี่ยงแล้ว ได้ดำเนินการดังนี้ 1. ประชุมชี้แจง")
    assert found(pack, "O35", "activities", "1. ประชุมชี้แจงขั้นตอนการพิจารณาอนุญาต เมื่อวันที่ 4 มี.ค. 2567")
    assert not found(pack, "O35", "activities", "มาตรการควบคุมความเสี่ยง 1. ประชุมชี้แจงขั้นตอน 2. เผยแพร่ขั้นตอน")


def test_the_improvement_heading_of_an_ita_analysis(pack: RulePack) -> None:
    text = "สาเหตุเกิดจาก ข้อมูลไม่เป็นปัจจุบัน แนวทางการพัฒนาปรับปรุง 1. ปรับปรุงข้อมูลบนเว็บไซต์"
    assert found(pack, "O42", "improvements", text)


# ------------------------------------------------------------------ O1: a chart's boxes, a chart as a picture

# An org chart drawn in a PDF with titles spelled out: long pieces between spaces, but names, not sentences.
LONG_CHART = (
    "นายกองค์การบริหารส่วนตำบลดอนแก้ว รองนายกองค์การบริหารส่วนตำบลดอนแก้ว ปลัดองค์การบริหารส่วนตำบลดอนแก้ว "
    "รองปลัดองค์การบริหารส่วนตำบล สำนักปลัด (หัวหน้าสำนักปลัด) กองคลัง (ผู้อำนวยการกองคลัง) กองช่าง "
    "(ผู้อำนวยการกองช่าง) กองสาธารณสุขและสิ่งแวดล้อม (ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม)"
)
SHORT_ANNOUNCEMENT = (
    "ประกาศองค์การบริหารส่วนตำบลบ้านใหม่ เรื่อง แผนผังโครงสร้างส่วนราชการ ตามที่ได้มีประกาศกำหนดโครงสร้างส่วนราชการ"
    "ไว้แล้วนั้น จึงขอประกาศแผนผังโครงสร้างให้ทราบโดยทั่วกัน ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป ประกาศ ณ วันที่ 1 ตุลาคม 2566"
)


def test_a_chart_with_long_titles_is_a_drawing_and_an_announcement_is_not(pack: RulePack) -> None:
    assert words.sentence_share(LONG_CHART) < checks.MAX_DRAWING_SENTENCE < words.sentence_share(SHORT_ANNOUNCEMENT)
    chart = unit(LONG_CHART, page_starts=(0,), label="แผนภูมิโครงสร้างองค์กร อบต.ดอนแก้ว")
    assert isinstance(run(pack, "O1", "chart", chart), checks.Hit)
    prose = unit(SHORT_ANNOUNCEMENT, page_starts=(0,), label="แผนผังโครงสร้างองค์กร")
    assert run(pack, "O1", "chart", prose) is False


def test_units_in_an_unread_picture_are_unknown_not_absent(pack: RulePack) -> None:
    chart = Image(src="/images/structure.png", alt="แผนภูมิโครงสร้างองค์กร อบต.บ้านใหม่")
    page = unit("โครงสร้างส่วนราชการ แผนภูมิโครงสร้างองค์กร", kind=ResourceKind.HTML, images=(chart,))
    assert run(pack, "O1", "units", page) is None
    logo = Image(src="/images/logo.png", alt="โลโก้")
    page = unit("โครงสร้างส่วนราชการ", kind=ResourceKind.HTML, images=(logo,))
    assert run(pack, "O1", "units", page) is False
    # without the option, absent words stay absent
    spec = schema.KeywordsCheck(check="keywords", any=("กองคลัง",))
    assert checks.run(spec, unit("แผนภูมิ", kind=ResourceKind.HTML, images=(chart,))) is False
