"""The words of `oitcheck rules new`, `rules schema` and `rules docs`, Thai first, and their examples and
exit codes.

Kept beside checker/commands/helpwords.py and helpepilogs.py (which merge them into their tables) as
servewords.py is: one key, the Thai and the English; help texts are single lines without a bare `%`; example
and exit-code lines fit 80 columns (tests/test_help.py).
"""

from __future__ import annotations

RULES_AUTHOR_WORDS: dict[str, dict[str, str]] = {
    # ---- the commands
    "cmd.rules.new": {
        "th": "สร้างชุดเกณฑ์ของปีใหม่จากชุดที่มีอยู่",
        "en": "start a new year's pack from an existing one",
    },
    "about.rules.new": {
        "th": "คัดลอกชุดเกณฑ์ที่มีอยู่เป็นไฟล์ใหม่สำหรับปีงบประมาณใหม่ เปลี่ยนเฉพาะรหัสชุดเกณฑ์ ปีงบประมาณ และปีในชื่อ "
        "ข้อความและหมายเหตุอื่นคงเดิม คัดลอกกรณีทดสอบ (<ชื่อชุดเกณฑ์>.cases.yaml) ไปด้วยถ้ามี แล้วแก้ไฟล์ตามคู่มือของปีใหม่ "
        "(docs/rules.md)",
        "en": "Copy an existing pack into a new file for a new fiscal year: only the pack's id, its fiscal year and "
        "the year in its name change; every other line and comment stays. Its cases (<pack>.cases.yaml) are "
        "copied too when there are any. Then edit it to the new year's manual (docs/rules.md).",
    },
    "cmd.rules.schema": {
        "th": "แสดง JSON Schema ของไฟล์ชุดเกณฑ์ (สำหรับโปรแกรมแก้ไข YAML)",
        "en": "print the JSON Schema of rule packs (for YAML editors)",
    },
    "about.rules.schema": {
        "th": "แสดง JSON Schema ของไฟล์ชุดเกณฑ์ ให้โปรแกรมแก้ไข YAML (เช่น VS Code) เติมคำ อธิบายช่อง และขีดเส้นใต้ที่ผิด "
        "ระหว่างพิมพ์ ผลการตรวจที่ถือเป็นหลักคือ oitcheck rules validate (docs/rules.md)",
        "en": "Print the JSON Schema of rule packs, with which YAML editors (VS Code …) complete, explain and "
        "underline a pack while it is written. `oitcheck rules validate` remains the authority (docs/rules.md).",
    },
    "cmd.rules.docs": {
        "th": "เขียนคู่มือของชุดเกณฑ์สำหรับเจ้าหน้าที่ (Markdown หรือ HTML)",
        "en": "write a pack's reference for clerks (Markdown or HTML)",
    },
    "about.rules.docs": {
        "th": "เขียนคู่มือของชุดเกณฑ์: ทีละข้อ บอกว่าหลักฐานต้องเป็นของช่วงเวลาใด เครื่องมือรู้จักหลักฐานจากชื่อใด "
        "และแต่ละองค์ประกอบต้องมีอะไร พร้อมข้อความที่รายงานแสดงเมื่อไม่พบ",
        "en": "Write a pack's reference: for every item, the period its evidence must be of, the names by which "
        "the tool recognises it, what each element accepts, and the sentence reports show when it is missing.",
    },
    # ---- their options
    "opt.new_path": {
        "th": "ไฟล์ชุดเกณฑ์ใหม่ที่จะเขียน (ถ้าเป็นโฟลเดอร์ เขียนเป็น <รหัสชุดเกณฑ์>.yaml ในโฟลเดอร์นั้น)",
        "en": "the new pack's file (a folder: <id>.yaml in it)",
    },
    "opt.new_from": {
        "th": "ชุดเกณฑ์ต้นฉบับ: รหัสชุดเกณฑ์ในโปรแกรม เช่น {pack} หรือไฟล์ YAML",
        "en": "the pack to start from: a built-in id such as {pack}, or a YAML file",
    },
    "opt.new_year": {"th": "ปีงบประมาณของชุดเกณฑ์ใหม่ เป็น พ.ศ. เช่น 2569", "en": "the new pack's fiscal year, e.g. 2569"},
    "opt.new_id": {
        "th": "รหัสของชุดเกณฑ์ใหม่ (ค่าเริ่มต้น: รหัสต้นฉบับที่เปลี่ยนปี เช่น oit_2569)",
        "en": "the new pack's id (default: the source's with the new year, e.g. oit_2569)",
    },
    "opt.new_schema": {
        "th": "ที่อยู่ของ JSON Schema ในบรรทัดแรกของไฟล์ (ค่าเริ่มต้น: ไฟล์ที่มากับโปรแกรม)",
        "en": "the JSON Schema the file's first line points editors to (default: the one shipped)",
    },
    "opt.force": {
        "th": "เขียนทับไฟล์ที่มีอยู่แล้ว (ชุดเกณฑ์และกรณีทดสอบ)",
        "en": "overwrite existing files (the pack and its cases)",
    },
    "opt.schema_output": {
        "th": "เขียนลงไฟล์นี้แทนการแสดงผล",
        "en": "write it to this file instead of standard output",
    },
    "opt.docs_pack": {
        "th": "ชุดเกณฑ์ในโปรแกรม หรือไฟล์ชุดเกณฑ์ YAML (ค่าเริ่มต้น {pack})",
        "en": "built-in rule pack id or YAML file (default {pack})",
    },
    "opt.docs_format": {
        "th": "รูปแบบ: md (Markdown ค่าเริ่มต้น) หรือ html (หน้าเว็บหน้าเดียว)",
        "en": "format: md (Markdown, default) or html (one standalone page)",
    },
    "opt.docs_output": {
        "th": "เขียนลงไฟล์นี้แทนการแสดงผล",
        "en": "write it to this file instead of standard output",
    },
    # ---- what they say
    "say.new_wrote": {
        "th": "เขียน {path} แล้ว: {id} ปีงบประมาณ {year} จำนวน {n} ข้อ (จาก {source})",
        "en": "wrote {path}: {id}, fiscal year {year}, {n} items (from {source})",
    },
    "say.new_cases": {"th": "คัดลอกกรณีทดสอบ {source} ไปที่ {path}", "en": "copied the cases {source} to {path}"},
    "say.new_stale": {
        "th": "บรรทัด {lines} ยังระบุปี {year}: ตรวจกับคู่มือของปีใหม่",
        "en": "lines {lines} still say {year}: check them against the new year's manual",
    },
    "say.new_next": {
        "th": "ขั้นต่อไป: แก้ไฟล์ตามคู่มือของปีใหม่ แล้วสั่ง",
        "en": "next: edit it to the new year's manual, then run",
    },
    "say.new_exists": {
        "th": "{path} มีอยู่แล้ว: ใส่ --force ถ้าต้องการเขียนทับ",
        "en": "{path} exists: add --force to overwrite it",
    },
    "say.new_is_source": {
        "th": "{path} คือไฟล์ต้นฉบับ: เลือกไฟล์อื่น",
        "en": "{path} is the source pack itself: choose another file",
    },
    "say.new_bad_id": {
        "th": "--id {id}: ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และ _ ขึ้นต้นด้วยตัวอักษร เช่น oit_2569",
        "en": "--id {id}: lower-case letters, digits and _, starting with a letter (oit_2569)",
    },
    "say.new_bad_year": {
        "th": "--year {year}: ปีงบประมาณเป็น พ.ศ. ระหว่าง {low} ถึง {high}",
        "en": "--year {year}: a Buddhist-era fiscal year from {low} to {high}",
    },
    "say.cannot_write": {"th": "เขียน {path} ไม่ได้: {why}", "en": "cannot write {path}: {why}"},
    "say.wrote": {"th": "เขียน {path} แล้ว", "en": "wrote {path}"},
    # ---- the header `rules new` writes atop the new pack (YAML comments)
    "new.header_made": {
        "th": "{id}: ชุดเกณฑ์ปีงบประมาณ {year} สร้างด้วย `oitcheck rules new` จาก {source} (ปีงบประมาณ {old})",
        "en": "{id}: the fiscal year {year} rule pack, made by `oitcheck rules new` from {source} (fiscal year {old}).",
    },
    "new.header_edit": {
        "th": "ข้อ องค์ประกอบ คำค้น และช่วงเวลายังเป็นของชุดเดิม: แก้ให้ตรงกับคู่มือของปีใหม่ แล้วตรวจด้วย",
        "en": "Its items, elements, keywords and periods are still the source's: edit them to the new year's "
        "manual, then check it with",
    },
}

# ---- `--help`'s examples and exit codes (checker/commands/helpepilogs.py)
RULES_AUTHOR_EXAMPLES: dict[str, dict[str, list[str]]] = {
    "rules.new": {
        "th": [
            "# ชุดเกณฑ์ปี 2569 จากชุดปี 2567 (ได้ rules/oit_2569.yaml)",
            "oitcheck rules new --from oit_2567 --year 2569 rules/",
            "oitcheck rules new --from my-pack.yaml --year 2569 --id town_2569 town.yaml",
        ],
        "en": [
            "# the 2569 pack from the 2567 one (writes rules/oit_2569.yaml)",
            "oitcheck rules new --from oit_2567 --year 2569 rules/",
            "oitcheck rules new --from my-pack.yaml --year 2569 --id town_2569 town.yaml",
        ],
    },
    "rules.schema": {
        "th": ["oitcheck rules schema", "oitcheck rules schema -o oit-pack.schema.json"],
        "en": ["oitcheck rules schema", "oitcheck rules schema -o oit-pack.schema.json"],
    },
    "rules.docs": {
        "th": [
            "oitcheck rules docs oit_2567 > oit_2567.md",
            "oitcheck rules docs my-pack.yaml -f html -o คู่มือเกณฑ์.html",
        ],
        "en": [
            "oitcheck rules docs oit_2567 --lang en > oit_2567.md",
            "oitcheck rules docs my-pack.yaml -f html -o pack.html --lang en",
        ],
    },
}

RULES_AUTHOR_MEANINGS: dict[str, dict[str, str]] = {
    "2.rules_new": {
        "th": "ชุดเกณฑ์ต้นฉบับใช้ไม่ได้ --id หรือ --year ผิด หรือไฟล์มีอยู่แล้ว (--force)",
        "en": "a bad source pack, --id or --year, or PATH exists (--force)",
    },
    "4.rules_write": {"th": "เขียนไฟล์ไม่ได้", "en": "the file could not be written"},
    "2.rules_schema": {"th": "คำสั่งหรือค่าผิด", "en": "usage error: a bad option or value"},
    "2.rules_docs": {
        "th": "ไฟล์ชุดเกณฑ์ใช้ไม่ได้ (บอกไฟล์ บรรทัด และข้อ)",
        "en": "the rule file cannot be used (file:line named)",
    },
}

RULES_AUTHOR_CODES: dict[str, tuple[str, ...]] = {
    "rules.new": ("0.rules", "2.rules_new", "4.rules_write", "70"),
    "rules.schema": ("0.rules", "2.rules_schema", "4.rules_write", "70"),
    "rules.docs": ("0.rules", "2.rules_docs", "4.rules_write", "70"),
}
