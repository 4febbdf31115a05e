"""The words of a pack's reference (`oitcheck rules docs`), Thai first, English with --lang en.

Clerks read the reference to learn what each item needs, so each check kind is said as what the tool accepts,
in the terms of the OIT criteria, not as the YAML that says it.
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, dict[str, str]] = {
    # ---- the page
    "title": {"th": "คู่มือ: {name}", "en": "Reference: {name}"},
    "meta": {
        "th": "ชุดเกณฑ์ {id} · ปีงบประมาณ {year} · {n} ข้อ · สร้างด้วย oitcheck {version}",
        "en": "pack {id} · fiscal year {year} · {n} items · made by oitcheck {version}",
    },
    "intro": {
        "th": "แต่ละข้อบอกว่าเครื่องมือรู้ได้อย่างไรว่าหน้าเว็บหรือเอกสารใดเป็นหลักฐานของข้อนั้น หลักฐานต้องเป็นของช่วงเวลาใด "
        "และแต่ละองค์ประกอบต้องแสดงอะไร ถ้าไม่พบองค์ประกอบใด รายงานจะแสดงข้อความในคอลัมน์สุดท้าย "
        "คำค้นเทียบโดยไม่สนใจช่องว่างและตัวพิมพ์เล็กใหญ่ เลขไทยนับเท่ากับเลขอารบิก",
        "en": "Each item says how the tool recognises the pages and documents that are its evidence, which period "
        "the evidence must be of, and what each element must show; when an element is not found, reports say "
        "the sentence of the last column. Keywords are matched ignoring spaces and case; Thai digits count as "
        "Arabic ones.",
    },
    "indicator": {"th": "ตัวชี้วัดย่อย {code} {name}", "en": "Sub-indicator {code} {name}"},
    "period": {"th": "ช่วงเวลา", "en": "Period"},
    "recognised": {"th": "รู้จากชื่อ", "en": "Recognised by"},
    "excluded": {"th": "ยกเว้นเมื่อระบุว่า", "en": "Not when it says"},
    "col_element": {"th": "องค์ประกอบ", "en": "Element"},
    "col_accepts": {"th": "ยอมรับเมื่อ", "en": "Accepted when"},
    "col_missing": {"th": "ถ้าไม่พบ รายงานว่า", "en": "When not found, reports say"},
    # ---- periods and recognition
    "period_none": {"th": "ไม่กำหนด (หลักฐานของปีใดก็ได้)", "en": "none (evidence of any year)"},
    "period_anywhere": {
        "th": "ปีที่ใหม่ที่สุดที่ปรากฏในหลักฐานเป็นปีของหลักฐาน",
        "en": "the newest year anywhere in the evidence is its year",
    },
    "by_titles": {
        "th": "ลิงก์ แถวในหน้า ITA ชื่อหน้า หรือหัวข้อที่มีชื่อเหล่านี้: {titles}",
        "en": "a link, ITA-page row, page title or heading that says: {titles}",
    },
    "by_number": {"th": "หรือที่ระบุเลขข้อ เช่น {id} หรือ ข้อ {number}", "en": "or names the item's number: {id}, ข้อ {number}"},
    "by_home": {"th": "หน้าแรกของเว็บไซต์ก็นับเป็นหลักฐาน", "en": "the site's home page itself is evidence too"},
    "by_urls": {"th": "หรือลิงก์ที่ที่อยู่ตรงกับรูปแบบ", "en": "or a link whose address matches"},
    # ---- check kinds
    "keywords_one": {"th": "มีคำใดคำหนึ่งต่อไปนี้", "en": "any one of these words appears"},
    "keywords_min": {"th": "มีอย่างน้อย {min} คำจากคำต่อไปนี้", "en": "at least {min} of these words appear"},
    "near": {
        "th": "วลีนับด้วยเมื่อคำในวลีอยู่ห่างกันไม่เกิน {n} คำ เรียงลำดับใดก็ได้",
        "en": "a phrase also counts when its words stand within {n} words of each other, in any order",
    },
    "tolerant": {
        "th": "ในไฟล์สแกนที่อ่านด้วย OCR ยอมให้คำที่ยาว 5 ตัวอักษรขึ้นไปสะกดผิดเล็กน้อยได้",
        "en": "in scans read by OCR, a word of five letters or more may be slightly misread",
    },
    "in_pictures": {
        "th": "คำเหล่านี้มักอยู่ในภาพ: หน้าที่มีภาพที่เครื่องอ่านไม่ได้จะให้คนตรวจแทนที่จะบอกว่าไม่พบ",
        "en": "these words are often inside a picture: a page with a picture the tool cannot read is left for "
        "review instead of not found",
    },
    "pattern": {
        "th": "ข้อความตรงกับรูปแบบ (regular expression) ใดรูปแบบหนึ่ง",
        "en": "the text matches one of these patterns (regular expressions)",
    },
    "pattern_words": {"th": "รูปแบบมีคำเช่น {words}", "en": "the patterns contain words such as {words}"},
    "image": {
        "th": "มีภาพเนื้อหา (ไม่ใช่โลโก้หรือไอคอน) หรือหลักฐานเป็นไฟล์ภาพ",
        "en": "a content picture (not a logo or icon) is shown, or the evidence is an image file",
    },
    "or_named": {
        "th": "หรือภาพหรือไฟล์ที่คำบรรยาย ชื่อ หรือลิงก์ระบุว่าเป็น: {words}",
        "en": "or a picture or file whose caption, title or link calls it: {words}",
    },
    "no_portraits": {
        "th": "ภาพบุคคล (คำบรรยายเป็นชื่อคน) ไม่นับ",
        "en": "a photo of a person (captioned with a name) does not count",
    },
    "social_link": {
        "th": "มีลิงก์ไปบัญชีโซเชียลมีเดียของหน่วยงาน ({hosts}) ปุ่มแชร์ไม่นับ",
        "en": "a link to the agency's own social media account ({hosts}); share buttons do not count",
    },
    "link_urls": {
        "th": "มีลิงก์ที่ที่อยู่ตรงกับรูปแบบใดรูปแบบหนึ่งต่อไปนี้",
        "en": "a link whose address matches one of these patterns",
    },
    "link_words": {"th": "มีลิงก์ที่ข้อความมีคำใดคำหนึ่งต่อไปนี้", "en": "a link whose text has one of these words"},
    "link_both": {
        "th": "มีลิงก์ที่ข้อความมีคำใดคำหนึ่งต่อไปนี้ หรือที่อยู่ตรงกับรูปแบบใดรูปแบบหนึ่งต่อไปนี้",
        "en": "a link whose text has one of these words, or whose address matches one of these patterns",
    },
    "link_not": {"th": "ลิงก์ที่มีคำว่า {words} ไม่นับ", "en": "a link that says {words} does not count"},
    "form_textarea": {
        "th": "มีแบบฟอร์มที่มีช่องให้พิมพ์ข้อความยาว",
        "en": "a form with a box to write a message in",
    },
    "form_input": {"th": "มีแบบฟอร์มที่มีช่องให้พิมพ์ข้อความ", "en": "a form with a field to type in"},
    "on_site": {
        "th": "หลักฐานเผยแพร่บนเว็บไซต์ของหน่วยงาน (เข้าถึงได้จากลิงก์หรือเมนูของเว็บไซต์)",
        "en": "the evidence is published on the agency's site (reached through a link or menu of the site)",
    },
    "repeated": {
        "th": "เป็นตารางแยกตามช่วงเวลา: รูปแบบต่อไปนี้พบในอย่างน้อย {min} เดือนหรือไตรมาสที่ต่างกัน",
        "en": "a table by period: these patterns match for at least {min} different months or quarters",
    },
    "any_of": {"th": "อย่างใดอย่างหนึ่งต่อไปนี้", "en": "any one of the following"},
    "scope_site": {
        "th": "ค้นหาทั่วทั้งเว็บไซต์ ไม่ใช่เฉพาะในหลักฐานของข้อนี้",
        "en": "looked for anywhere on the site, not only in this item's evidence",
    },
}


def rw(key: str, lang: str, **kwargs: Any) -> str:
    """The reference's words `key` in `lang` (Thai when the language has none), formatted with kwargs."""
    entry = WORDS[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**kwargs) if kwargs else text
