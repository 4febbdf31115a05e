"""What `oitcheck batch` says to the person running it, Thai first (English with --lang en)."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "resuming": {
        "th": "ตรวจชุด {id} ต่อ: ตรวจเสร็จแล้ว {done} จาก {total} แห่ง",
        "en": "resuming batch {id}: {done} of {total} sites already checked",
    },
    "stopped": {
        "th": "หยุดแล้ว: ตรวจเสร็จและบันทึกไว้ {done} จาก {total} แห่ง สั่งคำสั่งเดิมพร้อม --resume เพื่อตรวจส่วนที่เหลือ",
        "en": "stopped: {done} of {total} sites finished and kept; "
        "run the same command with --resume to check the rest",
    },
    "finished": {
        "th": "ตรวจ {total} แห่ง: มีข้อที่ไม่ผ่าน {failing} แห่ง ตรวจไม่ได้ {down} แห่ง — สรุป {summary} แดชบอร์ด {dashboard}",
        "en": "{total} sites: {failing} with failing items, {down} not checked — "
        "summary {summary}, dashboard {dashboard}",
    },
    "not_checked": {"th": "ตรวจไม่ได้: {name} ({url}): {why}", "en": "not checked: {name} ({url}): {why}"},
    "queued": {
        "th": "ส่งงานตรวจ {n} แห่งเข้าคิวแล้ว (ชุด {id}) เก็บผลด้วยคำสั่งเดิมพร้อม --resume (ไม่ใส่ --no-wait)",
        "en": "queued {n} sites as batch {id}; collect them with the same command and --resume (without --no-wait)",
    },
    "progress": {"th": "ไม่ผ่าน {failing} · ตรวจไม่ได้ {down}", "en": "failing {failing} · not checked {down}"},
    "site_line": {"th": "[{done}/{total}] {name}: {result}", "en": "[{done}/{total}] {name}: {result}"},
    "site_down": {"th": "เข้าเว็บไซต์ไม่ได้", "en": "site down"},
    "not_checked_state": {"th": "ตรวจไม่ได้", "en": "not checked"},
}


def say(key: str, lang: str, **kwargs: Any) -> str:
    entry = MESSAGES[key]
    return (entry.get(lang) or entry["th"]).format(**kwargs)
