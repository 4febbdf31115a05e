"""What the web pages say, Thai first (English with ?lang=en or `serve --lang en`)."""

from __future__ import annotations

from typing import Any

WORDS: dict[str, tuple[str, str]] = {
    "app": ("ตรวจการเปิดเผยข้อมูล OIT", "OIT disclosure check"),
    "nav_check": ("ตรวจเว็บไซต์", "Check a site"),
    "nav_group": ("ภาพรวมกลุ่ม", "Group view"),
    "nav_signin": ("เข้าสู่ระบบ", "Sign in"),
    "nav_signout": ("ออกจากระบบ", "Sign out"),
    "other_lang": ("English", "ภาษาไทย"),
    "intro": (
        "ใส่ที่อยู่เว็บไซต์ของหน่วยงาน ระบบจะตรวจว่าเว็บไซต์เปิดเผยข้อมูลครบทั้ง {items} ข้อตามเกณฑ์ OIT "
        "ปีงบประมาณที่เลือก แล้วบอกว่าควรแก้อะไรก่อน",
        "Enter the agency's website address: the check looks for all {items} OIT items of the chosen fiscal "
        "year and says what to fix first.",
    ),
    "url_label": ("ที่อยู่เว็บไซต์", "Website address"),
    "year_label": ("ปีงบประมาณ", "Fiscal year"),
    "submit": ("เริ่มตรวจ", "Start the check"),
    "allowed": ("ตรวจได้เฉพาะเว็บไซต์: {patterns}", "Only these sites can be checked: {patterns}"),
    "recent": ("การตรวจล่าสุด", "Recent checks"),
    "none_yet": ("ยังไม่มีการตรวจ", "No checks yet"),
    "queue_now": ("กำลังตรวจ {running} · รอคิว {waiting}", "{running} running · {waiting} waiting"),
    "state_queued": ("รอคิว", "waiting"),
    "state_running": ("กำลังตรวจ", "checking"),
    "state_done": ("ตรวจเสร็จ", "done"),
    "state_failed": ("ตรวจไม่สำเร็จ", "failed"),
    "position": ("ลำดับที่ {n} ในคิว", "number {n} in the queue"),
    "progress": (
        "อ่านแล้ว {pages} หน้า · เอกสาร {documents} ไฟล์ · ได้ผลแล้ว {settled} จาก {items} ข้อ",
        "{pages} pages and {documents} documents read · {settled} of {items} items settled",
    ),
    "progress_wait": ("หน้านี้จะแสดงรายงานเมื่อตรวจเสร็จ", "This page shows the report when the check is done"),
    "open_report": ("เปิดรายงาน", "Open the report"),
    "job_title": ("ตรวจ {site}", "Checking {site}"),
    "job_failed": ("ตรวจไม่สำเร็จ: {why}", "The check could not finish: {why}"),
    "site_down": (
        "เปิดเว็บไซต์ไม่ได้: ทุกข้อจึงเป็น “เปิดไม่ได้” ดูเหตุผลในรายงาน",
        "The site did not open: every item is unreachable; the report says why",
    ),
    "recheck": ("ตรวจอีกครั้ง", "Check again"),
    "recheck_title": ("ตรวจ {site} อีกครั้ง", "Check {site} again"),
    "recheck_intro": (
        "ตรวจเว็บไซต์นี้ใหม่ด้วยเกณฑ์ปีงบประมาณ {year} ผลจะเทียบกับการตรวจครั้งนี้",
        "Check this site again for fiscal year {year}; the result is compared with this run",
    ),
    "changes": ("สิ่งที่เปลี่ยนไปจากครั้งก่อน", "What changed since last time"),
    "changes_title": ("สิ่งที่เปลี่ยนไป: {site}", "What changed: {site}"),
    "changes_between": ("เทียบการตรวจ {before} กับ {after}", "Run of {before} against run of {after}"),
    "no_before": ("ยังไม่มีการตรวจครั้งก่อนของเว็บไซต์นี้ให้เทียบ", "There is no earlier run of this site to compare"),
    "no_changes": ("ผลทุกข้อเหมือนครั้งก่อน", "Every item has the same result as last time"),
    "change_item": ("ข้อ", "Item"),
    "change_from": ("เดิม", "Before"),
    "change_to": ("ตอนนี้", "Now"),
    "score_move": ("คะแนนประมาณการ {before} → {after}", "Estimated score {before} → {after}"),
    "history": ("ประวัติการตรวจ", "Check history"),
    "site_title": ("เว็บไซต์ {site}", "Site {site}"),
    "col_when": ("เวลาที่ตรวจ (เวลาไทย)", "Checked (Thai time)"),
    "col_score": ("คะแนนประมาณการ", "Estimated score"),
    "col_passed": ("ผ่าน", "Passed"),
    "col_site": ("เว็บไซต์", "Site"),
    "col_state": ("สถานะ", "State"),
    "json": ("ผลแบบ JSON", "JSON result"),
    "permalink": ("ลิงก์ถาวรของรายงานนี้", "Permanent link to this report"),
    "recheck_group": ("ตรวจทุกเว็บไซต์ในกลุ่มอีกครั้ง", "Check every site of the group again"),
    "recheck_group_intro": (
        "จะตรวจ {n} เว็บไซต์อีกครั้ง ({year}) ตามคิว ผลแต่ละเว็บจะแสดงในภาพรวมเมื่อเสร็จ",
        "{n} sites will be checked again ({year}), one queue; each shows in the group view when done",
    ),
    "queued_n": ("เข้าคิวแล้ว {n} เว็บไซต์", "{n} sites queued"),
    "signin_title": ("เข้าสู่ระบบเพื่อดูภาพรวมกลุ่ม", "Sign in to see the group view"),
    "token_label": ("รหัสผ่านของกลุ่ม", "The group's access token"),
    "signin_bad": ("รหัสผ่านไม่ถูกต้อง", "That token is not right"),
    "err_title": ("ทำรายการนี้ไม่ได้", "This could not be done"),
    "err_bad_url": ("ที่อยู่เว็บไซต์ไม่ถูกต้อง: {detail}", "That is not a website address: {detail}"),
    "err_not_allowed": (
        "เว็บไซต์ {detail} ไม่อยู่ในรายการที่ระบบนี้ตรวจได้ ({patterns}) ติดต่อผู้ดูแลระบบหากต้องตรวจเว็บไซต์นี้",
        "{detail} is not among the sites this server checks ({patterns}); ask its administrator to add it",
    ),
    "err_private": (
        "ที่อยู่นี้ชี้ไปยังเครือข่ายภายใน ({detail}) ระบบนี้ไม่ตรวจเว็บไซต์ภายใน",
        "That address points into a private network ({detail}); this server does not check internal sites",
    ),
    "err_no_address": ("หาเว็บไซต์ {detail} ไม่พบ (DNS)", "The name {detail} does not resolve (DNS)"),
    "err_rate": (
        "ส่งคำขอถี่เกินไป ({rate}) กรุณารอสักครู่แล้วลองใหม่",
        "Too many requests ({rate}); wait a moment and try again",
    ),
    "err_full": (
        "คิวเต็ม ({limit} รายการ) กรุณาลองใหม่ภายหลัง",
        "The queue is full ({limit} checks waiting); try again later",
    ),
    "err_csrf": (
        "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ กรุณาโหลดหน้าใหม่แล้วส่งอีกครั้ง",
        "The form expired or did not come from this site; reload the page and send it again",
    ),
    "err_not_found": ("ไม่พบหน้านี้", "There is no such page"),
    "err_method": (
        "หน้านี้ใช้ส่งแบบฟอร์มเท่านั้น กรุณากลับไปกรอกแบบฟอร์มที่หน้าแรก",
        "This address only takes a form; go back to the form on the first page",
    ),
    "err_year": ("ปีงบประมาณต้องเป็น {years}", "The fiscal year must be one of {years}"),
    "err_too_big": ("คำขอใหญ่เกินไป", "The request is too large"),
    "err_store": ("อ่านประวัติการตรวจไม่ได้: {detail}", "The history cannot be read: {detail}"),
    "back": ("กลับหน้าแรก", "Back to the start"),
}


def w(key: str, lang: str, **kwargs: Any) -> str:
    th, en = WORDS[key]
    text = en if lang == "en" else th
    return text.format(**kwargs) if kwargs else text
