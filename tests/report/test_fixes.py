"""The fix-first plan: one concrete action per failing item, quick fixes first, each with what it is worth."""

from __future__ import annotations

from checker.models import ElementOut, EvidenceOut, ItemResult, LangText, Reason, SiteReport, Waiver
from checker.report.fixes import plan
from checker.rules.scoring import Scoring, estimate
from tests.report.sample import make_report as sample_report

SITE = "https://www.example-tambon.go.th"


def _item(item_id: str, indicator: str, status: str, **kw: object) -> ItemResult:
    base: dict[str, object] = {"id": item_id, "title": f"เรื่อง {item_id}", "indicator": indicator,
                               "status": status, "evidence": [], "elements": [], "reasons": []}  # fmt: skip
    return ItemResult.model_validate({**base, **kw})


def _r(code: str, **args: object) -> Reason:
    return Reason.model_validate({"code": code, "args": args})


ITEMS = [
    _item("O1", "9.1", "pass"),
    _item("O2", "9.1", "pass"),
    _item("O5", "9.1", "incomplete",
          evidence=[EvidenceOut(url=f"{SITE}/contact.html", found_via="หน้าแรก")],
          elements=[ElementOut(id="fax", label="หมายเลขโทรสาร", status="not_found"),
                    ElementOut(id="phone", label="หมายเลขโทรศัพท์", status="found")],
          reason_codes=[_r("element_missing", label=LangText(th="หมายเลขโทรสาร", en="fax number"))]),
    _item("O13", "9.2", "missing", reason_codes=[_r("missing", title="รายงานผลประจำปี", item="O13")]),
    _item("O19", "9.3", "outdated",
          evidence=[EvidenceOut(url=f"{SITE}/procure-plan-2566.html", found_via="ita.html")],
          reason_codes=[_r("outdated", found=2566, need=LangText(th="ปีงบประมาณ 2567", en="fiscal year 2567"))]),
    _item("O22", "9.3", "unreachable",
          evidence=[EvidenceOut(url=f"{SITE}/files/o22-report-2566.pdf", found_via=f"{SITE}/ita.html — “O22”")],
          reason_codes=[_r("unreachable", url=f"{SITE}/files/o22-report-2566.pdf", why="HTTP 404",
                           via=f"{SITE}/ita.html — “O22 รายงานผล”")]),
    _item("O33", "10.1", "missing",
          reason_codes=[_r("missing", title="รายงาน No Gift", item="O33"),
                        _r("placeholder", where=f"{SITE}/ita.html — “O33”")]),
    _item("O39", "10.1", "review",
          evidence=[EvidenceOut(url="https://drive.google.com/file/d/x/view", found_via="ita.html")],
          elements=[ElementOut(id="code", label="ประมวลจริยธรรม", status="unknown")],
          reasons=["หลักฐานอยู่ที่ Google Drive ซึ่งเครื่องมือไม่ได้เปิดตรวจ"]),
    _item("O40", "10.1", "missing", waiver=Waiver(reason="กำลังจัดทำ", expires="2099-01-01")),
]  # fmt: skip


def _report(items: list[ItemResult]) -> SiteReport:
    return sample_report().model_copy(update={"site": sample_report().site.model_copy(update={"url": SITE + "/"}),
                                              "items": items})  # fmt: skip


def test_quick_fixes_come_first_then_by_points_and_each_names_the_file() -> None:
    p = plan(_report(ITEMS), Scoring(), "th")
    assert [(f.item, f.effort) for f in p.fixes] == [("O22", 1), ("O5", 1), ("O19", 2), ("O13", 3), ("O33", 3)]
    link, fax, period, missing, placeholder = p.fixes
    assert link.action == "อัปโหลดไฟล์ใหม่แทน /files/o22-report-2566.pdf ที่เปิดไม่ได้ (HTTP 404) หรือแก้ลิงก์ในหน้า /ita.html"
    assert link.where == f"{SITE}/files/o22-report-2566.pdf"
    assert fax.action == "เพิ่มหมายเลขโทรสารในหน้า /contact.html"
    assert period.action == "เผยแพร่เรื่อง O19ของปีงบประมาณ 2567 (ฉบับที่พบเป็นของ 2566: /procure-plan-2566.html)"
    assert "ITA/OIT" in missing.action and missing.where == ""
    assert "(#)" in placeholder.action and placeholder.where == f"{SITE}/ita.html"
    # 9.3 has two items of which none pass: a link fixed there is worth more than the fax in 9.1 (3 items)
    assert link.points > fax.points > 0


def test_review_items_are_to_check_by_hand_and_waived_items_are_not_listed() -> None:
    p = plan(_report(ITEMS), Scoring(), "en", titles={"O39": "Code of ethics"})
    assert [f.item for f in p.to_check] == ["O39"]
    assert (
        p.to_check[0].action
        == "Open https://drive.google.com/file/d/x/view and check by hand that it shows: ประมวลจริยธรรม"
    )
    assert "O40" not in {f.item for f in (*p.fixes, *p.to_check)}


def test_points_add_up_to_the_score_reachable() -> None:
    p = plan(_report(ITEMS), Scoring(), "th")
    fixed = estimate(ITEMS, Scoring(), frozenset(f.item for f in p.fixes))
    assert p.estimate.score < fixed.score
    assert p.reachable == fixed.score
    # points are each fix alone; the estimate is linear in passed items, so they add up (to rounding)
    assert abs(p.estimate.score + sum(f.points for f in p.fixes) - fixed.score) <= 0.01 * (len(p.fixes) + 1)
    # a gain is a difference of exact scores: 1 of 8 items of one of 2 sub-indicators is 12.5 / 2 = 6.25 exactly
    nine_two = [_item(f"O{i}", "9.2", "missing") for i in range(8)] + [_item("O9", "9.1", "pass")]
    assert {f.points for f in plan(_report(nine_two), Scoring(), "th").fixes} == {6.25}


def test_english_actions_and_a_run_stored_without_reason_codes() -> None:
    old = [i.model_copy(update={"reason_codes": []}) for i in ITEMS]
    p = plan(_report(old), Scoring(), "en")
    by_id = {f.item: f for f in p.fixes}
    assert (
        by_id["O22"].action
        == "Upload a new file in place of /files/o22-report-2566.pdf, which does not open, or fix the link on /ita.html"
    )
    assert by_id["O19"].action == "Publish the current เรื่อง O19 in place of the one found (/procure-plan-2566.html)"
    assert by_id["O22"].effort == 1 and by_id["O19"].effort == 2


def test_the_sample_report_with_hostile_strings_plans_without_error() -> None:
    p = plan(sample_report(), Scoring(), "th")
    assert p.fixes and all(f.action for f in p.fixes)
