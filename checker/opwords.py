"""What the operations commands say, Thai first: history, diff and waivers (checker/commands/present.py,
history.py), how a run ends when it cannot finish (checker/cli.py, checker/commands/check.py), the estimated
OIT score in history and diff. Merged into checker/i18n.MESSAGES, where the report's words are; `t` reads both."""

from __future__ import annotations

OPERATIONS_MESSAGES: dict[str, dict[str, str]] = {
    # ---- which kind of run made the verdicts (checker/rerun.py; checker/report/coverage.py)
    "run_evidence": {
        "th": "ตรวจซ้ำเฉพาะหลักฐาน: ทั้ง {n} ที่อยู่ที่ผลการตรวจอ้างถึงยังเหมือนเดิม ผลจากการตรวจทั้งเว็บไซต์เมื่อ {at} จึงยังใช้ได้{next}",
        "en": "Evidence re-check: all {n} addresses the verdicts rest on are unchanged, so the verdicts of the full "
        "crawl of {at} stand{next}",
    },
    "run_changed": {
        "th": "ตรวจทั้งเว็บไซต์: {n} จาก {total} ที่อยู่ที่ผลครั้งก่อนอ้างถึงเปลี่ยนไป (เช่น {first}){next}",
        "en": "Full crawl: {n} of the {total} addresses the last verdicts rested on changed (first: {first}){next}",
    },
    "run_full_first": {
        "th": "ตรวจทั้งเว็บไซต์: ครั้งแรกด้วยแคชนี้ ชุดเกณฑ์ ปี หรือขอบเขตการตรวจนี้{next}",
        "en": "Full crawl: the first with this cache, pack, year and budgets{next}",
    },
    "run_full_requested": {"th": "ตรวจทั้งเว็บไซต์ตามที่สั่ง (--full){next}", "en": "Full crawl, as asked (--full){next}"},
    "run_full_schedule": {
        "th": "ตรวจทั้งเว็บไซต์ตามรอบ (การตรวจทั้งเว็บไซต์ครั้งก่อนครบกำหนดแล้ว){next}",
        "en": "Full crawl, on schedule (the last full crawl was due for renewal){next}",
    },
    "run_next": {"th": " — ตรวจทั้งเว็บไซต์ครั้งถัดไป {at}", "en": " — next full crawl {at}"},
    # ---- operations: history, diff, waivers (checker/commands/present.py; change_* above are shared)
    "col_run": {"th": "ครั้งที่", "en": "Run"},
    "col_when": {"th": "เวลา (ไทย)", "en": "When (ICT, UTC+7)"},  # times in Thai time, as in the reports
    "thai_clock": {"th": "{when} เวลาไทย", "en": "{when} ICT"},  # a Thai time in a sentence
    "col_site": {"th": "เว็บไซต์", "en": "Site"},
    "col_rules": {"th": "เกณฑ์", "en": "Rules"},
    "col_score": {"th": "คะแนน", "en": "Score"},
    "col_before": {"th": "ก่อน", "en": "Before"},
    "col_after": {"th": "หลัง", "en": "After"},
    "col_change": {"th": "การเปลี่ยนแปลง", "en": "Change"},
    "col_waived": {"th": "ยกเว้น", "en": "Waived"},
    "site_down_run": {"th": "ตรวจไม่ได้", "en": "site down"},
    "history_empty": {"th": "ยังไม่มีประวัติการตรวจ", "en": "No stored runs"},
    "first_run": {
        "th": "บันทึกการตรวจครั้งแรกของเว็บไซต์นี้แล้ว (ครั้งที่ {run}) ยังไม่มีครั้งก่อนให้เปรียบเทียบ",
        "en": "First stored run of this site (run {run}): nothing to compare with yet",
    },
    "changes_since": {
        "th": "เทียบกับการตรวจครั้งก่อน ({when}, {score:.1f}%): {summary}",
        "en": "Since the previous run ({when}, {score:.1f}%): {summary}",
    },
    "diff_heading": {
        "th": "{site}: ครั้งที่ {a} ({when_a}, {score_a:.1f}%) → ครั้งที่ {b} ({when_b}, {score_b:.1f}%)",
        "en": "{site}: run {a} ({when_a}, {score_a:.1f}%) → run {b} ({when_b}, {score_b:.1f}%)",
    },
    "unchanged_hidden": {
        "th": "อีก {n} ข้อเหมือนเดิม (ใช้ --all เพื่อแสดงทั้งหมด)",
        "en": "{n} more items unchanged (--all lists them)",
    },
    "waived_item": {
        "th": "ยกเว้น {item} ({status}) ถึง {expires}: {reason}",
        "en": "waived: {item} ({status}) until {expires}: {reason}",
    },
    "waiver_expired": {
        "th": "ข้อยกเว้นของ {item} ({status}) หมดอายุเมื่อ {expires} ({where}) ข้อนี้จึงนับว่าไม่ผ่านอีกครั้ง",
        "en": "the waiver for {item} ({status}) expired on {expires} ({where}): the finding counts again",
    },
    "waiver_unused": {
        "th": "ข้อยกเว้นของ {item} ({where}) ไม่ตรงกับผลใดในการตรวจครั้งนี้ หากแก้ไขแล้วให้ลบออก",
        "en": "the waiver for {item} ({where}) matches nothing in this run: remove it if the item was fixed",
    },
    # ---- how a run ends when it cannot finish (checker/cli.py, checker/commands/check.py)
    "interrupted": {
        "th": "หยุดการตรวจตามคำสั่ง ({signal}) ผลของการตรวจครั้งนี้ไม่ได้บันทึกในประวัติ แคชและประวัติเดิมยังใช้ได้ตามปกติ",
        "en": "stopped ({signal}): this run was not stored in the history; the cache and the history are intact",
    },
    "cache_damaged": {
        "th": "แคช {path} เสียหาย จึงย้ายไปไว้ที่ {aside} และเริ่มแคชใหม่",
        "en": "the cache {path} was damaged: moved it to {aside} and started an empty one",
    },
    "cache_unusable": {
        "th": "ใช้แคช {path} ไม่ได้ ({why}) จึงตรวจต่อโดยไม่ใช้แคช",
        "en": "cannot use the cache {path} ({why}); checking without it",
    },
    # ---- the estimated OIT score in history and diff (checker/commands/present.py, history.py)
    "col_estimate": {"th": "คะแนน OIT (ประมาณ)", "en": "OIT (est.)"},
    "col_items_passed": {"th": "ข้อที่ผ่าน", "en": "Items passed"},
    "diff_heading_estimate": {
        "th": "{site}: ครั้งที่ {a} ({when_a}, คะแนน OIT ประมาณ {est_a:.2f} ระดับ {grade_a}, ผ่าน {score_a:.1f}% ของข้อ) → "
        "ครั้งที่ {b} ({when_b}, คะแนน OIT ประมาณ {est_b:.2f} ระดับ {grade_b}, ผ่าน {score_b:.1f}% ของข้อ)",
        "en": "{site}: run {a} ({when_a}, OIT est. {est_a:.2f} {grade_a}, {score_a:.1f}% of items) → "
        "run {b} ({when_b}, OIT est. {est_b:.2f} {grade_b}, {score_b:.1f}% of items)",
    },
}
