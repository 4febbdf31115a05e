"""A realistic SiteReport for the reporter tests: every status, waivers, changes, coverage, and the hostile
strings a crawled page can carry (script tags, attribute breakouts, javascript: URLs, pipes, newlines,
control characters). Built here, not by a crawl, so the reporters are tested on exactly what they get."""

from __future__ import annotations

from checker import __version__
from checker.models import (
    Changes,
    Coverage,
    ElementOut,
    EvidenceOut,
    ItemChange,
    ItemResult,
    RulesetInfo,
    Score,
    SiteInfo,
    SiteReport,
    Stats,
    ToolInfo,
    Waiver,
)

SITE = "https://www.example-tambon.go.th/"
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"

INDICATORS_TH = {
    "9.1": "ข้อมูลพื้นฐาน",
    "9.2": "การบริหารงาน",
    "9.3": "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ",
    "9.4": "การบริหารและพัฒนาทรัพยากรบุคคล",
    "9.5": "การส่งเสริมความโปร่งใส",
    "10.1": "การดำเนินการเพื่อป้องกันการทุจริต",
    "10.2": "มาตรการภายในเพื่อส่งเสริมคุณธรรมและความโปร่งใส",
}
INDICATORS_EN = {
    "9.1": "Basic information",
    "9.2": "Administration",
    "9.3": "Procurement",
    "9.4": "Human resource management and development",
    "9.5": "Promoting transparency",
    "10.1": "Corruption prevention",
    "10.2": "Internal integrity and transparency measures",
}


def _ev(path: str, via: str, period: str | None = None, snippet: str = "") -> EvidenceOut:
    url = path if ":" in path else SITE + path
    return EvidenceOut(url=url, found_via=via, period=period, snippet=snippet)


def _els(*pairs: tuple[str, str, str]) -> list[ElementOut]:
    return [ElementOut(id=i, label=label, status=status) for i, label, status in pairs]  # type: ignore[arg-type]


ITEMS: list[ItemResult] = [
    ItemResult(
        id="O1", title="โครงสร้าง", indicator="9.1", status="pass",
        evidence=[_ev("structure.html", "หน้าแรก — “โครงสร้างองค์กร”", snippet="แผนผังโครงสร้าง สำนักปลัด กองคลัง")],
        elements=_els(("chart", "แผนผังโครงสร้างการแบ่งส่วนราชการ", "found"),
                      ("units", "ตำแหน่งสำคัญและการแบ่งส่วนงานภายใน", "found")),
        reasons=[],
    ),
    ItemResult(
        id="O2", title="ข้อมูลผู้บริหาร", indicator="9.1", status="incomplete",
        evidence=[_ev("executives.html", f"{SITE}ita.html — “O2 ข้อมูลผู้บริหาร | คณะผู้บริหาร”",
                      snippet=f"นายกเทศมนตรี {SCRIPT} โทร 0 2123 4567")],
        elements=_els(("names", "ชื่อ-นามสกุลของผู้บริหาร", "found"), ("positions", "ตำแหน่งของผู้บริหาร", "found"),
                      ("photo", "รูปถ่ายของผู้บริหาร", "unknown"), ("contact", "ช่องทางการติดต่อของผู้บริหาร", "not_found")),
        reasons=["ไม่พบช่องทางการติดต่อของผู้บริหาร", "ยังยืนยันไม่ได้ว่ามีรูปถ่ายของผู้บริหาร เพราะหลักฐานบางส่วนอ่านด้วยเครื่องไม่ได้"],
    ),
    ItemResult(
        id="O3", title="อำนาจหน้าที่", indicator="9.1", status="pass",
        evidence=[_ev("authority.html", "หน้าแรก — “อำนาจหน้าที่”")],
        elements=_els(("duties", "หน้าที่และอำนาจของหน่วยงาน", "found")),
        reasons=[],
    ),
    ItemResult(
        id="O11", title="แผนดำเนินงานและการใช้จ่ายงบประมาณประจำปี", indicator="9.2", status="outdated",
        evidence=[_ev("files/plan-2566.pdf", "ita.html — “แผนดำเนินงาน | ประจำปี 2566”", "FY2566",
                      "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2566\nโครงการ | งบประมาณ")],
        elements=_els(("one_year", "แผนระยะ 1 ปี (ประจำปีงบประมาณ)", "found")),
        reasons=["หลักฐานล่าสุดเป็นของปี 2566 แต่ข้อนี้ต้องเป็นข้อมูลปีงบประมาณ 2567"],
        waiver=Waiver(reason="แผนปี 2567 รอสภาอนุมัติ | คาดว่าเสร็จ\nเดือนมิถุนายน", expires="2024-06-30"),
    ),
    ItemResult(
        id="O12", title="รายงานการกำกับติดตามการดำเนินงานและการใช้จ่ายงบประมาณ ประจำปี รอบ 6 เดือน",
        indicator="9.2", status="review",
        evidence=[_ev("files/Scan2024-04-16_105945.pdf", "ita.html — “O12”", None, "")],
        elements=_els(("progress", "ความก้าวหน้าการดำเนินโครงการ/กิจกรรม", "unknown")),
        reasons=[f"{SITE}files/Scan2024-04-16_105945.pdf: ไฟล์เป็นภาพสแกนที่ไม่มีข้อความ ต้องตรวจด้วยตนเอง"],
    ),
    ItemResult(
        id="O19", title="แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ", indicator="9.3", status="missing",
        evidence=[], elements=_els(("procurement_plan", "แผนการจัดซื้อจัดจ้างตาม พ.ร.บ.การจัดซื้อจัดจ้างฯ พ.ศ. 2560",
                                    "not_found")),
        reasons=["ไม่พบข้อมูล “แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ” บนเว็บไซต์"],
    ),
    ItemResult(
        id="O20", title="ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", indicator="9.3", status="unreachable",
        evidence=[_ev(JS_URL, f"procurement.html — “ประกาศ{BREAKOUT}”"),
                  _ev('procure.php?id=1"onmouseover="alert(1)', "procurement.html — “ประกาศผู้ชนะ”", "FY2567")],
        elements=[],
        reasons=[f"ลิงก์ {SITE}procure.php เปิดไม่ได้ (HTTP 500) — พบจาก procurement.html {SCRIPT}"],
    ),
    ItemResult(
        id="O23", title="นโยบายการบริหารทรัพยากรบุคคล", indicator="9.4", status="pass",
        evidence=[_ev("hr-policy-2567.html", "หน้าแรก — “นโยบาย HR | 2567”", "FY2567")],
        elements=_els(("hr_policy", "นโยบายหรือแผนการบริหารและพัฒนาทรัพยากรบุคคล", "found")),
        reasons=[],
    ),
    ItemResult(
        id="O27", title="แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", indicator="9.5",
        status="missing",
        evidence=[], elements=[],
        reasons=["complaint.html มีรายการข้อนี้แต่ลิงก์ว่าง (#) ไม่ได้ชี้ไปยังข้อมูลจริง"],
        waiver=Waiver(reason=f"อยู่ระหว่างจัดทำคู่มือ {BREAKOUT}", expires="2024-09-30"),
    ),
    ItemResult(
        id="O31", title="ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่", indicator="10.1", status="pass",
        evidence=[_ev("nogift-culture-2567.html", "anticorruption.html — “No Gift Policy”", "FY2567",
                      "ประกาศ ณ วันที่ 1 ตุลาคม 2566\x0b\x1b[0m ลงนาม นายกเทศมนตรี")],
        elements=_els(("signed_declaration", "ประกาศอย่างเป็นทางการที่ลงนามโดยผู้บริหารสูงสุด", "found")),
        reasons=[],
    ),
    ItemResult(
        id="O36", title="แผนปฏิบัติการป้องกันการทุจริต", indicator="10.1", status="incomplete",
        evidence=[_ev("files/anticorruption-plan-2566-2570.pdf", "anticorruption.html — “แผนป้องกันการทุจริต”",
                      "FY2566-2570", "แผนปฏิบัติการป้องกันการทุจริต | ระยะ 5 ปี")],
        elements=_els(("projects", "โครงการ/กิจกรรม", "found"), ("budget", "งบประมาณ", "not_found")),
        reasons=["ไม่พบงบประมาณ | ในตาราง\nแผนงาน"],
    ),
    ItemResult(
        id="O43", title="การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", indicator="10.2",
        status="pass",
        evidence=[_ev("ita-measures-result-2567.html", "ita.html — “O43”", "FY2567")],
        elements=_els(("progress", "ความก้าวหน้าหรือผลการดำเนินการตามมาตรการ", "found")),
        reasons=[],
    ),
]  # fmt: skip


def make_report(*, changes: bool = True, coverage: bool = True) -> SiteReport:
    passed = sum(1 for i in ITEMS if i.status == "pass")
    return SiteReport(
        tool=ToolInfo(version=__version__),
        site=SiteInfo(url=SITE, name=f"เทศบาลตำบลตัวอย่าง {SCRIPT}"),
        ruleset=RulesetInfo(id="oit_2567", fiscal_year=2567),
        started_at="2024-05-01T03:00:00+00:00",
        finished_at="2024-05-01T03:02:30+00:00",
        stats=Stats(requests=140, pages=52, documents=12, errors=3, bytes=4_200_000, rendered=0),
        score=Score(passed=passed, total=len(ITEMS), percent=round(100 * passed / len(ITEMS), 1)),
        items=ITEMS,
        coverage=Coverage(
            pages_fetched=52, documents_fetched=12, failed=3, from_cache=10, skipped_robots=1, skipped_budget=4,
            skipped_depth=2, skipped_trap=1, skipped_circuit=0, external_links=17,
            not_rendered=[SITE + "app/#/ita", JS_URL], budget_exhausted="pages", pages_left=4, seconds=150.2,
        ) if coverage else None,
        changes=Changes(
            previous_started_at="2024-04-01T03:00:00+00:00",
            previous_score=Score(passed=3, total=12, percent=25.0),
            items=[
                ItemChange(id="O1", before="missing", after="pass", kind="fixed"),
                ItemChange(id="O11", before="pass", after="outdated", kind="regressed"),
                ItemChange(id="O2", before="missing", after="incomplete", kind="changed"),
                ItemChange(id="O43", before=None, after="pass", kind="new"),
                ItemChange(id="O3", before="pass", after="pass", kind="unchanged"),
            ],
        ) if changes else None,
    )  # fmt: skip
