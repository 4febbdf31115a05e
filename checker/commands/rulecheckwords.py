"""The words of `oitcheck rules list|show|validate|test|diff` and `oitcheck diff --map`, Thai first.

Kept beside checker/commands/helpwords.py (which merges them into its table) as servewords.py is: one key,
the Thai and the English; help texts are single lines without a bare `%`.
"""

from __future__ import annotations

RULES_CHECK_WORDS: dict[str, dict[str, str]] = {
    # ---- rules list, show, validate (checker/commands/app.py)
    "opt.pack": {
        "th": "ชุดเกณฑ์ในโปรแกรม หรือไฟล์ชุดเกณฑ์ YAML (ค่าเริ่มต้น {pack})",
        "en": "built-in rule pack id or YAML file (default {pack})",
    },
    "opt.item": {"th": "รหัสข้อ เช่น O12", "en": "the item's id, e.g. O12"},
    "opt.path": {"th": "ไฟล์ชุดเกณฑ์ (YAML) ที่จะตรวจ", "en": "the rule file (YAML) to validate"},
    # ---- what rules list, show and validate say
    "say.rules_ok": {"th": "ใช้ได้", "en": "ok"},
    "say.rules_valid": {
        "th": "{path}: {id} ปีงบประมาณ {year} จำนวน {n} ข้อ",
        "en": "{path}: {id}, fiscal year {year}, {n} items",
    },
    "say.rules_period": {"th": "ช่วงเวลา: {period}", "en": "period: {period}"},
    "say.rules_recognised": {"th": "รู้จากหัวข้อ: {titles}", "en": "recognised by: {titles}"},
    "say.rules_exclude": {"th": "ยกเว้นเมื่อระบุว่า: {words}", "en": "not when it says: {words}"},
    # ---- the commands
    "cmd.rules.test": {
        "th": "ตรวจชุดเกณฑ์กับกรณีทดสอบที่ระบุผลที่ต้องได้",
        "en": "run a pack's labelled cases (a page -> the verdict it must get)",
    },
    "about.rules.test": {
        "th": "ตัดสินกรณีทดสอบของชุดเกณฑ์ทีละกรณี (หน้าเว็บหรือข้อความของเอกสาร กับผลที่ต้องได้) ด้วยเครื่องตรวจจริง "
        "โดยไม่ใช้เครือข่าย ค่าเริ่มต้นอ่านไฟล์ <ชื่อชุดเกณฑ์>.cases.yaml ที่อยู่ข้างไฟล์ชุดเกณฑ์ (docs/rules.md)",
        "en": "Judge a pack's labelled cases (a page or a document's text, and the verdict it must get) with the "
        "real evaluator, without the network. By default the cases are <pack>.cases.yaml beside the pack "
        "(docs/rules.md).",
    },
    "cmd.rules.diff": {
        "th": "สิ่งที่เปลี่ยนระหว่างชุดเกณฑ์สองชุด (ข้อที่เพิ่ม นำออก เปลี่ยนรหัส แก้ไข)",
        "en": "what changed between two packs (items added, removed, renumbered, edited)",
    },
    "about.rules.diff": {
        "th": "เทียบชุดเกณฑ์สองชุด: จับคู่ข้อด้วยชื่อข้อ องค์ประกอบ และคำที่ใช้จำ ไม่ใช่รหัสอย่างเดียว แล้วบอกข้อที่เพิ่ม "
        "นำออก เปลี่ยนรหัส และสิ่งที่แก้ในข้อที่คู่กัน --write-map เขียนแผนที่รหัสข้อให้ oitcheck diff --map "
        "เทียบการตรวจที่ใช้ชุดเกณฑ์ต่างกันได้",
        "en": "Compare two packs: items are paired by title, elements and recognition words, not by id alone; "
        "then the items added, removed and renumbered, and what changed in paired items. --write-map writes the "
        "id map with which `oitcheck diff --map` compares runs made with different packs.",
    },
    # ---- their options
    "opt.test_pack": {
        "th": "ชุดเกณฑ์ในโปรแกรม หรือไฟล์ชุดเกณฑ์ YAML",
        "en": "built-in rule pack id or YAML file",
    },
    "opt.cases": {
        "th": "ไฟล์กรณีทดสอบ (ค่าเริ่มต้น: <ชื่อชุดเกณฑ์>.cases.yaml ข้างไฟล์ชุดเกณฑ์)",
        "en": "cases file (default: <pack>.cases.yaml beside the pack)",
    },
    "opt.test_json": {"th": "แสดงผลเป็น JSON", "en": "print the results as JSON"},
    "opt.pack_a": {"th": "ชุดเกณฑ์เดิม (รหัสในโปรแกรม หรือไฟล์)", "en": "the older pack (built-in id or file)"},
    "opt.pack_b": {"th": "ชุดเกณฑ์ใหม่ (รหัสในโปรแกรม หรือไฟล์)", "en": "the newer pack (built-in id or file)"},
    "opt.diff_json": {"th": "แสดงผลเป็น JSON", "en": "print the comparison as JSON"},
    "opt.write_map": {
        "th": "เขียนแผนที่รหัสข้อ (YAML) จากชุดเดิมไปชุดใหม่ลงไฟล์นี้ ใช้กับ oitcheck diff --map",
        "en": "write the item id map (YAML) from the older pack to the newer here, for oitcheck diff --map",
    },
    "opt.diff_map": {
        "th": "แผนที่รหัสข้อ (จาก oitcheck rules diff --write-map) เมื่อสองครั้งที่เทียบใช้ชุดเกณฑ์ต่างกัน "
        "(ค่าเริ่มต้น: <ชุดเดิม>__<ชุดใหม่>.map.yaml ในชุดเกณฑ์ของโปรแกรม ถ้ามี)",
        "en": "item id map (from oitcheck rules diff --write-map) for two runs made with different packs "
        "(default: a built-in <from>__<to>.map.yaml, if there is one)",
    },
    # ---- what rules test says
    "say.case_pass": {"th": "ผ่าน", "en": "PASS"},
    "say.case_fail": {"th": "ไม่ผ่าน", "en": "FAIL"},
    "say.case_expected": {"th": "ต้องได้", "en": "expected"},
    "say.case_got": {"th": "ได้", "en": "got"},
    "say.case_reasons": {"th": "เหตุผล", "en": "reasons"},
    "say.cases_summary": {
        "th": "{path}: {total} กรณี ผ่าน {passed} ไม่ผ่าน {failed}",
        "en": "{path}: {total} cases, {passed} passed, {failed} failed",
    },
    "el.found": {"th": "พบ", "en": "found"},
    "el.missing": {"th": "ไม่พบ", "en": "missing"},
    "el.unknown": {"th": "ยืนยันไม่ได้", "en": "unknown"},
    # ---- what rules diff says
    "say.pdiff_heading": {
        "th": "{a} (ปีงบประมาณ {year_a}, {n_a} ข้อ) → {b} (ปีงบประมาณ {year_b}, {n_b} ข้อ)",
        "en": "{a} (fiscal year {year_a}, {n_a} items) → {b} (fiscal year {year_b}, {n_b} items)",
    },
    "say.pdiff_removed": {"th": "นำออก", "en": "removed"},
    "say.pdiff_added": {"th": "เพิ่ม", "en": "added"},
    "say.pdiff_changed": {"th": "แก้ไข", "en": "changed"},
    "say.pdiff_renumbered": {"th": "เปลี่ยนรหัสจาก {old} เป็น {new}", "en": "renumbered from {old} to {new}"},
    "say.pdiff_title": {"th": "ชื่อข้อเปลี่ยน: “{before}” → “{after}”", "en": "title changed: “{before}” → “{after}”"},
    "say.pdiff_element_added": {"th": "องค์ประกอบใหม่ {element}", "en": "element added: {element}"},
    "say.pdiff_element_removed": {"th": "องค์ประกอบที่นำออก {element}", "en": "element removed: {element}"},
    "say.pdiff_element_reworded": {
        "th": "องค์ประกอบ {element} แก้ไข ({fields})",
        "en": "element {element} reworded ({fields})",
    },
    "say.pdiff_period": {"th": "ช่วงเวลา: {before} → {after}", "en": "period: {before} → {after}"},
    "say.pdiff_indicator": {"th": "ตัวชี้วัดย่อย: {before} → {after}", "en": "indicator: {before} → {after}"},
    "say.pdiff_recognise": {"th": "คำที่ใช้จำข้อเปลี่ยน ({fields})", "en": "recognition changed ({fields})"},
    "say.pdiff_pack": {"th": "ส่วนของชุดเกณฑ์ที่เปลี่ยน: {fields}", "en": "pack settings changed: {fields}"},
    "say.pdiff_none": {"th": "ไม่มีข้อที่เปลี่ยน", "en": "no item changed"},
    "say.pdiff_summary": {
        "th": "เพิ่ม {added} นำออก {removed} เปลี่ยนรหัส {renumbered} แก้ไข {changed} ไม่เปลี่ยน {same}",
        "en": "{added} added, {removed} removed, {renumbered} renumbered, {changed} changed, {same} unchanged",
    },
    "say.map_written": {"th": "เขียนแผนที่รหัสข้อแล้ว: {path}", "en": "wrote the id map: {path}"},
    "say.diff_mapped": {
        "th": "รหัสข้อของการตรวจครั้งก่อนแปลงตามแผนที่ {path} ({a} → {b})",
        "en": "the earlier run's item ids translated through {path} ({a} → {b})",
    },
    "say.diff_was": {"th": "เดิม {old}", "en": "was {old}"},
}
