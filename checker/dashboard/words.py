"""The dashboard's own words, Thai first. Status names come from checker.i18n, so a clerk reads the same words
here as in a site's report; everything else the dashboard says is here."""

from __future__ import annotations

from typing import Any

from checker.i18n import t
from checker.models import ITEM_STATUSES

WORDS: dict[str, dict[str, str]] = {
    "title": {"th": "ภาพรวมผลการตรวจ OIT ของหน่วยงาน", "en": "OIT results across agencies"},
    "kicker": {"th": "ผลการตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", "en": "Open data disclosure (OIT) check results"},
    "meta_year": {"th": "ปีงบประมาณ {year}", "en": "Fiscal year {year}"},
    "meta_ruleset": {"th": "เกณฑ์ {ruleset}", "en": "Rule pack {ruleset}"},
    "meta_built": {"th": "สร้างเมื่อ {when}", "en": "Built {when}"},
    "sites": {"th": "หน่วยงานทั้งหมด", "en": "Sites"},
    "checked": {"th": "ตรวจได้", "en": "Checked"},
    "down": {"th": "ตรวจไม่ได้", "en": "Could not be checked"},
    "average": {"th": "คะแนน OIT เฉลี่ย (ประมาณ)", "en": "Average OIT score (est.)"},
    "average_of": {"th": "จาก {n} แห่งที่มีคะแนน OIT", "en": "of {n} sites with an OIT score"},
    "items_passing": {"th": "ข้อที่ผ่าน", "en": "Items passing"},
    "items_of": {"th": "{passed} จาก {total} ข้อ", "en": "{passed} of {total} items"},
    "ranking": {"th": "อันดับคะแนน OIT (ประมาณ) ของหน่วยงาน", "en": "Sites ranked by estimated OIT score"},
    "filters": {"th": "ตัวกรอง", "en": "Filters"},
    "search": {"th": "ค้นหา (ชื่อ ที่อยู่เว็บ อำเภอ)", "en": "Search (name, address, district)"},
    "province": {"th": "จังหวัด", "en": "Province"},
    "district": {"th": "อำเภอ", "en": "District"},
    "type": {"th": "ประเภท", "en": "Type"},
    "status": {"th": "ผลตรวจ", "en": "Result"},
    "any": {"th": "ทั้งหมด", "en": "All"},
    "f_todo": {"th": "มีข้อที่ยังไม่ผ่าน", "en": "Has items not passing"},
    "f_allpass": {"th": "ผ่านทุกข้อ", "en": "All items pass"},
    "f_has": {"th": "มีข้อ “{status}”", "en": "Has “{status}” items"},
    "f_down": {"th": "ตรวจไม่ได้", "en": "Could not be checked"},
    "page_size": {"th": "แถวต่อหน้า", "en": "Rows per page"},
    "prev": {"th": "‹ ก่อนหน้า", "en": "‹ Previous"},
    "next": {"th": "ถัดไป ›", "en": "Next ›"},
    "showing": {
        "th": "แสดง {a}–{b} จาก {n} แห่ง (ทั้งหมด {all} แห่ง)",
        "en": "Showing {a}–{b} of {n} sites ({all} in all)",
    },
    "none_match": {"th": "ไม่มีหน่วยงานที่ตรงกับตัวกรอง", "en": "No site matches the filters"},
    "col_rank": {"th": "อันดับ", "en": "Rank"},
    "col_name": {"th": "หน่วยงาน", "en": "Site"},
    "col_score": {"th": "คะแนน OIT (ประมาณ)", "en": "OIT (est.)"},
    "col_percent": {"th": "ข้อที่ผ่าน", "en": "Items passed"},
    "col_trend": {"th": "แนวโน้ม", "en": "Trend"},
    "col_report": {"th": "รายงาน", "en": "Report"},
    "open_report": {"th": "เปิดรายงาน", "en": "Open report"},
    "no_report": {"th": "ไม่มีรายงาน", "en": "No report"},
    "sort_by": {"th": "เรียงตาม{col}", "en": "Sort by {col}"},
    "down_now": {"th": "ตรวจไม่ได้เมื่อ {date}", "en": "Could not be checked on {date}"},
    "score_from": {"th": "คะแนนจากการตรวจเมื่อ {date}", "en": "Score from the check on {date}"},
    "no_estimate": {
        "th": "ผลตรวจนี้บันทึกไว้ก่อนที่ประวัติจะเก็บคะแนน OIT จึงไม่ได้จัดอันดับ (เรียงตามข้อที่ผ่านต่อจากหน่วยงานที่มีคะแนน)",
        "en": "Stored before the history kept the OIT score: not ranked (listed by items passed after ranked sites)",
    },
    "trend_label": {
        "th": "คะแนน OIT (ประมาณ) ย้อนหลัง {n} ครั้ง: {points}",
        "en": "Estimated OIT score over {n} runs: {points}",
    },
    "trend_point": {"th": "{date} {score} (ข้อที่ผ่าน {percent})", "en": "{date} {score} ({percent} of items)"},
    "no_trend": {"th": "ยังไม่มีผลย้อนหลัง", "en": "No earlier runs"},
    "no_estimate_trend": {"th": "ยังไม่มีคะแนน OIT ย้อนหลัง", "en": "No OIT scores stored yet"},
    "heatmap": {"th": "ผลรายข้อของแต่ละหน่วยงาน ({first}–{last})", "en": "Each site's items ({first}–{last})"},
    "heatmap_note": {
        "th": "แถวตามตัวกรอง การเรียง และหน้าเดียวกับตารางอันดับ ชี้ที่ช่องเพื่อดูชื่อข้อและผล",
        "en": "Rows follow the ranking's filters, order and page; point at a cell for the item and its result",
    },
    "legend": {"th": "คำอธิบายสัญลักษณ์", "en": "Legend"},
    "not_in_report": {"th": "ไม่มีผลข้อนี้", "en": "No result for this item"},
    "common_failing": {"th": "ข้อที่ไม่ผ่านบ่อยที่สุด", "en": "Items most often not passing"},
    "common_failing_note": {
        "th": "จำนวนหน่วยงานที่ข้อนั้นยังไม่ผ่าน (จาก {n} แห่งที่มีผลตรวจ)",
        "en": "Sites where the item does not pass (of {n} sites with a result)",
    },
    "common_missing": {"th": "องค์ประกอบที่ขาดบ่อยที่สุด", "en": "Elements most often missing"},
    "common_missing_note": {
        "th": "จำนวนหน่วยงานที่ไม่พบองค์ประกอบนั้น",
        "en": "Sites where the element was not found",
    },
    "common_reasons": {"th": "สาเหตุที่พบบ่อยที่สุด", "en": "Most common reasons"},
    "common_reasons_note": {
        "th": "จำนวนหน่วยงานและจำนวนข้อที่ไม่ผ่านด้วยสาเหตุนั้น",
        "en": "Sites, and items not passing, with that reason",
    },
    "col_reason": {"th": "สาเหตุ", "en": "Reason"},
    "col_items": {"th": "จำนวนข้อ", "en": "Items"},
    "reason_missing": {"th": "ไม่พบข้อมูลบนเว็บไซต์", "en": "Nothing on the site names the item"},
    "reason_placeholder": {"th": "ลิงก์ว่าง (#) ไม่ได้ชี้ไปยังข้อมูลจริง", "en": "An empty placeholder link (#)"},
    "reason_element_missing": {"th": "ขาดองค์ประกอบที่เกณฑ์กำหนด", "en": "A required element is missing"},
    "reason_element_missing_as": {"th": "ขาดองค์ประกอบที่เกณฑ์กำหนด", "en": "A required element is missing"},
    "reason_element_unknown": {
        "th": "ยืนยันองค์ประกอบไม่ได้ (อ่านด้วยเครื่องไม่ได้)",
        "en": "An element cannot be confirmed (unreadable)",
    },
    "reason_unreachable": {"th": "ลิงก์หลักฐานเปิดไม่ได้", "en": "The evidence link does not open"},
    "reason_broken_extra": {"th": "มีลิงก์อื่นที่เปิดไม่ได้", "en": "Another link does not open"},
    "reason_not_fetched": {"th": "หลักฐานอยู่ที่ที่เครื่องมือไม่ได้เปิด", "en": "The evidence was not opened"},
    "reason_unreadable": {"th": "ไฟล์หลักฐานอ่านด้วยเครื่องไม่ได้", "en": "The evidence file cannot be read"},
    "reason_outdated": {"th": "ข้อมูลไม่เป็นปัจจุบัน", "en": "The evidence is out of date"},
    "reason_outdated_span": {"th": "แผนไม่ครอบคลุมปีงบประมาณ", "en": "The plan does not cover the year"},
    "reason_partial_half": {"th": "ข้อมูลยังไม่ครอบคลุมช่วงที่กำหนด", "en": "The data does not cover the period"},
    "reason_no_period": {"th": "หลักฐานไม่ระบุปี", "en": "The evidence states no year"},
    "reason_weak_period": {"th": "ปีอ่านจากวันที่ของไฟล์เท่านั้น", "en": "The year comes only from file dates"},
    "reason_evidence_cut": {"th": "หลักฐานอ่านได้ไม่ครบ (ใหญ่หรือช้าเกินไป)", "en": "The evidence was read in part"},
    "reason_not_rendered": {"th": "หน้าเว็บต้องใช้เบราว์เซอร์", "en": "Pages needed a browser"},
    "reason_eval_time": {"th": "หมดเวลาตรวจ", "en": "The time budget ran out"},
    "reason_site_down": {"th": "เข้าเว็บไซต์ไม่ได้", "en": "The site could not be checked"},
    "col_item": {"th": "ข้อ", "en": "Item"},
    "col_element": {"th": "องค์ประกอบ", "en": "Element"},
    "col_sites": {"th": "จำนวนหน่วยงาน", "en": "Sites"},
    "col_share": {"th": "สัดส่วน", "en": "Share"},
    "show_more": {"th": "แสดงอีก {n} รายการ", "en": "Show {n} more"},
    "nothing_failing": {"th": "ทุกข้อผ่านในทุกหน่วยงาน", "en": "Every item passes on every site"},
    "nothing_missing": {"th": "ไม่มีองค์ประกอบที่ขาด", "en": "No element is missing"},
    "trends": {"th": "แนวโน้มคะแนน OIT เฉลี่ยของกลุ่ม", "en": "The group's average OIT score over time"},
    "trends_note": {
        "th": "คะแนน OIT (ประมาณ) เฉลี่ยและสัดส่วนข้อที่ผ่านเฉลี่ยของการตรวจในแต่ละเดือน; แนวโน้มรายหน่วยงานอยู่ในตารางอันดับ",
        "en": "The average estimated OIT score and share of items passed of each month's runs; each site's own "
        "trend is in the ranking",
    },
    "col_month": {"th": "เดือน", "en": "Month"},
    "col_avg_percent": {"th": "ข้อที่ผ่านเฉลี่ย", "en": "Items passed (average)"},
    "col_runs": {"th": "จำนวนการตรวจ", "en": "Runs"},
    "noscript": {
        "th": "ตาราง ตัวกรอง และแผนภาพรายข้อต้องใช้ JavaScript: เปิดไฟล์นี้ด้วยเบราว์เซอร์ที่เปิดใช้ JavaScript",
        "en": "The table, filters and item map need JavaScript: open this file in a browser with JavaScript on",
    },
    "footer": {
        "th": "สร้างโดย oitcheck จากประวัติการตรวจ ผลนี้ช่วยเตรียมความพร้อม ไม่ใช่ผลประเมินทางการของ ป.ป.ช.",
        "en": "Built by oitcheck from its run history. A preparation aid, not the NACC's official assessment.",
    },
}


def w(key: str, lang: str, **kwargs: Any) -> str:
    """The dashboard's word `key` in `lang` (Thai when the language is unknown), formatted with kwargs."""
    entry = WORDS[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**kwargs) if kwargs else text


def status_words(lang: str) -> dict[str, str]:
    """Each status as the site reports name it."""
    return {s: t("status_" + s, lang) for s in ITEM_STATUSES}


# The words the page's script needs, sent in the embedded data rather than written twice.
SCRIPT_WORDS = (
    "showing", "none_match", "down_now", "score_from", "trend_label", "trend_point", "no_trend", "no_estimate",
    "no_estimate_trend", "open_report", "no_report", "not_in_report", "any", "sort_by",
)  # fmt: skip


def script_words(lang: str) -> dict[str, str]:
    return {key: w(key, lang) for key in SCRIPT_WORDS}
