"""The words of the HTML report's fix-first summary, charts and printout, in Thai (default) and English.
(The checklist's words are in checker/i18n.py; the fix actions and efforts in checker/report/fixwords.py.)"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # ---- the estimate
    "summary_label": {"th": "สรุปผลสำหรับผู้บริหาร", "en": "Summary"},
    "estimate_headline": {"th": "คะแนน OIT โดยประมาณ", "en": "Estimated OIT score"},
    "estimate_note": {
        "th": "เป็นคะแนนโดยประมาณ คำนวณแบบเดียวกับการประเมิน: แต่ละข้อได้คะแนนเต็มหรือไม่ได้เลย "
        "ตัวชี้วัดย่อยได้คะแนนตามสัดส่วนข้อที่ผ่าน ตัวชี้วัดเป็นค่าเฉลี่ยของตัวชี้วัดย่อย "
        "และข้อที่ต้องตรวจเองนับเป็นไม่ผ่าน ผลจริงขึ้นกับผู้ประเมิน",
        "en": "An estimate, computed as the assessment scores: each item all or nothing, a sub-indicator the "
        "share of its items that pass, an indicator the mean of its sub-indicators; items under review count "
        "as not passed. The assessor's verdict is what counts.",
    },
    "reachable": {"th": "ถ้าแก้ครบทุกข้อด้านล่าง: {score} ({grade})", "en": "If you make every fix below: {score} ({grade})"},
    "indicator_scores": {"th": "คะแนนรายตัวชี้วัด", "en": "Score by indicator"},
    "col_indicator": {"th": "ตัวชี้วัด", "en": "Indicator"},
    "col_sub": {"th": "ตัวชี้วัดย่อย", "en": "Sub-indicator"},
    "col_score": {"th": "คะแนน", "en": "Score"},
    "col_total": {"th": "ทั้งหมด", "en": "Total"},
    # ---- what to fix first
    "fixes_heading": {"th": "แก้ข้อใดก่อน", "en": "What to fix first"},
    "fixes_intro": {
        "th": "เรียงจากงานที่แก้ได้เร็วก่อน แล้วตามคะแนนที่จะได้เพิ่ม (คะแนน OIT โดยประมาณที่เพิ่มขึ้นเมื่อข้อนั้นผ่าน)",
        "en": "Quick fixes first, then by the points each adds (what the estimated OIT score gains when that "
        "item passes)",
    },
    "fixes_more": {"th": "แก้ข้อใดก่อน (ต่อ)", "en": "What to fix first (continued)"},
    "fixes_none": {"th": "ไม่มีข้อที่ต้องแก้", "en": "Nothing to fix"},
    "points": {"th": "+{points} คะแนน", "en": "+{points} points"},
    "to_check_heading": {"th": "ตรวจด้วยตนเอง", "en": "Check by hand"},
    "to_check_intro": {
        "th": "เครื่องมืออ่านหลักฐานของข้อเหล่านี้ได้ไม่ครบ ต้องมีคนเปิดดู ระหว่างนี้นับเป็นไม่ผ่าน",
        "en": "oitcheck could not read these items' evidence in full: a person must look. Until then they "
        "count as not passed.",
    },
    "at_stake": {"th": "{points} คะแนน ถ้าผ่าน", "en": "{points} points if it passes"},
    # ---- charts
    "status_chart_title": {"th": "ผลตรวจรายข้อแยกตามตัวชี้วัดย่อย", "en": "Items by status, per sub-indicator"},
    "chart_numbers": {"th": "ตัวเลขในแผนภูมิ", "en": "The chart's numbers"},
    "trend_heading": {"th": "คะแนน OIT โดยประมาณย้อนหลัง", "en": "Estimated OIT score over time"},
    "trend_title": {
        "th": "คะแนน OIT โดยประมาณของการตรวจ {n} ครั้งล่าสุด (เส้นประ: เกณฑ์ระดับคะแนน)",
        "en": "Estimated OIT score of the last {n} runs (dashed: the grade thresholds)",
    },
    "col_run": {"th": "ตรวจเมื่อ", "en": "Run"},
    "col_estimate": {"th": "คะแนนโดยประมาณ", "en": "Estimate"},
    "col_grade": {"th": "ระดับ", "en": "Grade"},
    "col_percent": {"th": "ข้อที่ผ่าน (%)", "en": "Items passed (%)"},
}


def hw(key: str, lang: str, **kwargs: Any) -> str:
    """The message `key` in `lang` (Thai when missing), formatted."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**kwargs) if kwargs else text
