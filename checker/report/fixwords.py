"""The words of the fix-first view: what to do for each failing item, in Thai (default) and English."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # ---- actions (checker/report/fixes.py)
    "fix_link": {
        "th": "อัปโหลดไฟล์ใหม่แทน {file} ที่เปิดไม่ได้ ({why}) หรือแก้ลิงก์ในหน้า {page}",
        "en": "Upload a new file in place of {file}, which does not open ({why}), or fix the link on {page}",
    },
    "fix_link_plain": {
        "th": "อัปโหลดไฟล์ใหม่แทน {file} ที่เปิดไม่ได้ หรือแก้ลิงก์ในหน้า {page}",
        "en": "Upload a new file in place of {file}, which does not open, or fix the link on {page}",
    },
    "fix_elements": {"th": "เพิ่ม{labels}ในหน้า {page}", "en": "Add to {page}: {labels}"},
    "fix_period": {
        "th": "เผยแพร่{title}ของ{need} (ฉบับที่พบเป็นของ {found}: {page})",
        "en": "Publish the {title} for {need} (the one found is for {found}: {page})",
    },
    "fix_placeholder": {
        "th": "เผยแพร่{title} แล้วใส่ลิงก์แทนลิงก์ว่าง (#) ในหน้า {page}",
        "en": "Publish the {title} and put its link in place of the empty link (#) on {page}",
    },
    "fix_missing": {
        "th": "จัดทำและเผยแพร่{title} แล้วลิงก์จากหน้ารวมข้อมูล ITA/OIT ของหน่วยงาน",
        "en": "Publish the {title} and link it from the agency's ITA/OIT page",
    },
    "fix_review": {
        "th": "เปิด {page} แล้วตรวจด้วยตนเองว่ามี{labels}",
        "en": "Open {page} and check by hand that it shows: {labels}",
    },
    "fix_review_generic": {"th": "ตรวจด้วยตนเอง: {why}", "en": "Check by hand: {why}"},
    "and": {"th": " และ", "en": " and "},
    "list_sep": {"th": " ", "en": ", "},
    "fix_period_plain": {
        "th": "เผยแพร่{title}ฉบับปัจจุบันแทนฉบับที่พบ ({page})",
        "en": "Publish the current {title} in place of the one found ({page})",
    },
    "fix_span": {
        "th": "เผยแพร่{title}ฉบับที่ครอบคลุมปีงบประมาณ {year} (ฉบับที่พบครอบคลุม {found}: {page})",
        "en": "Publish a {title} that covers fiscal year {year} (the one found covers {found}: {page})",
    },
    "found_year_unknown": {"th": "ปีที่ไม่ทราบ", "en": "an unknown year"},
    # ---- effort
    "effort_1": {"th": "แก้ได้ทันที", "en": "quick fix"},
    "effort_2": {"th": "ปรับปรุงเอกสาร", "en": "update a document"},
    "effort_3": {"th": "จัดทำเอกสารใหม่", "en": "produce a document"},
}


def fw(key: str, lang: str, **kwargs: Any) -> str:
    """The message `key` in `lang` (Thai when missing), formatted."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**kwargs) if kwargs else text


def join_words(words: list[str], lang: str) -> str:
    """ "a, b and c" / "ก ข และค" — element labels as a sentence lists them."""
    if len(words) <= 1:
        return "".join(words)
    return fw("list_sep", lang).join(words[:-1]) + fw("and", lang) + words[-1]
