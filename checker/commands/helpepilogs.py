"""The foot of every `--help`: a few real command lines, then the exit codes that command can end with.

Examples and exit-code lines are printed as written (indented lines are never re-wrapped by
checker/commands/helpformat.py), so each is written to fit 80 columns; tests/test_help.py measures them.
The meanings follow checker/commands/exits.py (and docs/batch.md for the batch's own).
"""

from __future__ import annotations

from checker.commands.helpwords import WORDS, hw
from checker.commands.ruleauthorwords import RULES_AUTHOR_CODES, RULES_AUTHOR_EXAMPLES, RULES_AUTHOR_MEANINGS

EXAMPLE = "https://www.example.go.th"

EXAMPLES: dict[str, dict[str, list[str]]] = {
    "oitcheck": {
        "th": [
            "# ตรวจเว็บไซต์ แสดงผลเป็นตาราง",
            f"oitcheck check {EXAMPLE}",
            "# ปีงบประมาณ 2567 บันทึกรายงาน HTML และ JSON ลงโฟลเดอร์ รายงาน/",
            f"oitcheck check {EXAMPLE} --year 2567 -f html,json -o รายงาน/",
            "# ตรวจทุกเว็บไซต์ในรายชื่อ",
            "oitcheck batch sites.csv --year 2567 -o nightly/",
            "# ข้อความและรายงานภาษาอังกฤษ",
            f"oitcheck --lang en check {EXAMPLE}",
        ],
        "en": [
            "# check a site, show the verdicts as a table",
            f"oitcheck check {EXAMPLE}",
            "# fiscal year 2567, HTML and JSON reports into the folder reports/",
            f"oitcheck check {EXAMPLE} --year 2567 -f html,json -o reports/",
            "# check every site of a list",
            "oitcheck batch sites.csv --year 2567 -o nightly/",
            "# messages and reports in Thai",
            f"oitcheck --lang th check {EXAMPLE}",
        ],
    },
    "check": {
        "th": [
            f"oitcheck check {EXAMPLE}",
            f"oitcheck check {EXAMPLE} --year 2567 -f html,json -o รายงาน/",
            "# ทุกคืนจาก cron: ไม่แสดงความคืบหน้า จบด้วยรหัส 1 เมื่อคะแนนต่ำกว่า 80",
            f"oitcheck check {EXAMPLE} -q --min-score 80",
            "# ตามไฟล์ตั้งค่า แต่ประเมินปี 2568",
            "oitcheck check --config site.toml --year 2568",
            "# ตรวจทั้งเว็บไซต์เดี๋ยวนี้ ไม่ใช่เฉพาะหลักฐานที่ผลครั้งก่อนอ้างถึง",
            f"oitcheck check {EXAMPLE} --full",
        ],
        "en": [
            f"oitcheck check {EXAMPLE}",
            f"oitcheck check {EXAMPLE} --year 2567 -f html,json -o reports/",
            "# nightly from cron: no progress, exit 1 when the score is below 80",
            f"oitcheck check {EXAMPLE} -q --min-score 80",
            "# as the config file says, but for fiscal year 2568",
            "oitcheck check --config site.toml --year 2568",
            "# crawl the whole site now, not only the evidence the last verdicts rest on",
            f"oitcheck check {EXAMPLE} --full",
        ],
    },
    "run": {
        "th": [
            "oitcheck run site.toml",
            "# ทุกคืนจาก cron: แสดงข้อความเฉพาะเมื่อไม่ผ่าน",
            "oitcheck run /etc/oitcheck/site.toml --quiet",
            "# ตรวจปี 2568 โดยไม่บันทึกประวัติ",
            "oitcheck run site.toml --year 2568 --no-history -f json -o 2568.json",
        ],
        "en": [
            "oitcheck run site.toml",
            "# nightly from cron: a line only when the run fails",
            "oitcheck run /etc/oitcheck/site.toml --quiet",
            "# fiscal year 2568, not stored in the history",
            "oitcheck run site.toml --year 2568 --no-history -f json -o 2568.json",
        ],
    },
    "history": {
        "th": [
            "oitcheck history",
            f"oitcheck history {EXAMPLE} -n 5",
            "oitcheck history --history /srv/oit/history.db --format json",
        ],
        "en": [
            "oitcheck history",
            f"oitcheck history {EXAMPLE} -n 5",
            "oitcheck history --history /srv/oit/history.db --format json",
        ],
    },
    "diff": {
        "th": [
            "# สองครั้งล่าสุดของเว็บไซต์",
            f"oitcheck diff {EXAMPLE}",
            "# การตรวจครั้งที่ 12 กับ 15 รวมข้อที่ไม่เปลี่ยน",
            "oitcheck diff --from 12 --to 15 --all",
            f"oitcheck diff {EXAMPLE} --format json > changes.json",
        ],
        "en": [
            "# the last two runs of a site",
            f"oitcheck diff {EXAMPLE}",
            "# runs 12 and 15, unchanged items too",
            "oitcheck diff --from 12 --to 15 --all",
            f"oitcheck diff {EXAMPLE} --format json > changes.json",
        ],
    },
    "batch": {
        "th": [
            "oitcheck batch sites.csv --year 2567 -o nightly/",
            "# ตรวจต่อหลังถูกขัดจังหวะ (ผลที่ตรวจเสร็จแล้วไม่หาย)",
            "oitcheck batch sites.csv --year 2567 -o nightly/ --resume",
            "# ส่งงานให้ worker หลายเครื่อง (docs/distributed.md)",
            "oitcheck batch sites.csv --engine celery --broker redis://redis:6379/0 \\",
            "    --store postgresql://oit@db/oit -o /srv/oit/nightly",
        ],
        "en": [
            "oitcheck batch sites.csv --year 2567 -o nightly/",
            "# go on after an interruption (finished sites are kept)",
            "oitcheck batch sites.csv --year 2567 -o nightly/ --resume",
            "# jobs for workers on several machines (docs/distributed.md)",
            "oitcheck batch sites.csv --engine celery --broker redis://redis:6379/0 \\",
            "    --store postgresql://oit@db/oit -o /srv/oit/nightly",
        ],
    },
    "dashboard": {
        "th": [
            'oitcheck dashboard -o /var/www/oit --title "จังหวัดตัวอย่าง"',
            "oitcheck dashboard --store postgresql://oit@db/oit -o /var/www/oit --year 2567",
        ],
        "en": [
            'oitcheck dashboard -o /var/www/oit --title "Example province"',
            "oitcheck dashboard --store postgresql://oit@db/oit -o /var/www/oit --year 2567",
        ],
    },
    "worker": {
        "th": [
            "oitcheck worker --broker redis://redis:6379/0 --store postgresql://oit@db/oit",
            "# ตรวจพร้อมกัน 4 เว็บไซต์ ตั้งชื่อ worker",
            "oitcheck worker --broker redis://redis:6379/0 \\",
            "    --store postgresql://oit@db/oit --concurrency 4 --name crawler1",
        ],
        "en": [
            "oitcheck worker --broker redis://redis:6379/0 --store postgresql://oit@db/oit",
            "# four sites at once, a named worker",
            "oitcheck worker --broker redis://redis:6379/0 \\",
            "    --store postgresql://oit@db/oit --concurrency 4 --name crawler1",
        ],
    },
    "serve": {
        "th": [
            "oitcheck serve --allow '*.go.th'",
            "# หลัง nginx ใช้ worker ของ Celery และต้องใส่รหัสผ่านเพื่อดูภาพรวมกลุ่ม (docs/web.md)",
            "oitcheck serve --store postgresql://oit@db/oit --engine celery \\",
            "    --broker redis://redis:6379/0 --proxy 127.0.0.1 \\",
            "    --token-file /etc/oitcheck/web-token",
        ],
        "en": [
            "oitcheck serve --allow '*.go.th'",
            "# behind nginx, Celery workers, a token for the group view (docs/web.md)",
            "oitcheck serve --store postgresql://oit@db/oit --engine celery \\",
            "    --broker redis://redis:6379/0 --proxy 127.0.0.1 \\",
            "    --token-file /etc/oitcheck/web-token",
        ],
    },
    "demo": {
        "th": ["oitcheck demo", "oitcheck demo -f html -o demo.html", "oitcheck demo --lang en --no-ocr"],
        "en": ["oitcheck demo", "oitcheck demo -f html -o demo.html", "oitcheck demo --lang th --no-ocr"],
    },
    "rules": {
        "th": [
            "oitcheck rules list",
            "oitcheck rules show O12",
            "oitcheck rules validate my-pack.yaml",
            "oitcheck rules new --from oit_2567 --year 2569 rules/",
        ],
        "en": [
            "oitcheck rules list",
            "oitcheck rules show O12",
            "oitcheck rules validate my-pack.yaml",
            "oitcheck rules new --from oit_2567 --year 2569 rules/",
        ],
    },
    "rules.list": {
        "th": ["oitcheck rules list", "oitcheck rules list --rules my-pack.yaml --lang en"],
        "en": ["oitcheck rules list", "oitcheck rules list --rules my-pack.yaml --lang th"],
    },
    "rules.show": {
        "th": ["oitcheck rules show O12", "oitcheck rules show o1 --lang en"],
        "en": ["oitcheck rules show O12", "oitcheck rules show o1 --lang th"],
    },
    "rules.validate": {
        "th": ["oitcheck rules validate my-pack.yaml"],
        "en": ["oitcheck rules validate my-pack.yaml"],
    },
    "rules.test": {
        "th": [
            "# กรณีทดสอบที่มากับชุดเกณฑ์ (rules/oit_2567.cases.yaml)",
            "oitcheck rules test oit_2567",
            "# ชุดเกณฑ์ที่เขียนเอง กับไฟล์กรณีทดสอบที่ระบุ ผลเป็น JSON สำหรับ CI",
            "oitcheck rules test my-pack.yaml my-cases.yaml --json",
        ],
        "en": [
            "# the cases shipped with the pack (rules/oit_2567.cases.yaml)",
            "oitcheck rules test oit_2567",
            "# your own pack and cases file, JSON for CI",
            "oitcheck rules test my-pack.yaml my-cases.yaml --json",
        ],
    },
    "rules.diff": {
        "th": [
            "oitcheck rules diff oit_2567 my-pack.yaml",
            "# เขียนแผนที่รหัสข้อ แล้วเทียบการตรวจที่ใช้ชุดเกณฑ์ต่างกัน",
            "oitcheck rules diff oit_2567 oit_2569.yaml --write-map 67-69.map.yaml",
            "oitcheck diff --from 12 --to 15 --map 67-69.map.yaml",
        ],
        "en": [
            "oitcheck rules diff oit_2567 my-pack.yaml",
            "# write the id map, then compare runs made with different packs",
            "oitcheck rules diff oit_2567 oit_2569.yaml --write-map 67-69.map.yaml",
            "oitcheck diff --from 12 --to 15 --map 67-69.map.yaml",
        ],
    },
}

# One line per code; a command's own meaning is "code.command" (e.g. the batch's 1 is about sites).
MEANINGS: dict[str, dict[str, str]] = {
    "0": {
        "th": "ผ่านทุกข้อ หรือผ่านเกณฑ์ที่กำหนด (--fail-on, --min-score, ข้อยกเว้น)",
        "en": "every item passes, or the thresholds are met (--fail-on, --min-score)",
    },
    "1": {"th": "ตรวจได้ แต่มีข้อที่ไม่ผ่าน", "en": "the check ran and found items that fail"},
    "2": {
        "th": "คำสั่งหรือค่าผิด ไฟล์ใช้ไม่ได้ หรือเว็บไซต์นี้กำลังถูกตรวจอยู่",
        "en": "usage error: a bad option or value, an unusable file, or a held site lock",
    },
    "3": {"th": "ตรวจเว็บไซต์ไม่ได้เลย (DNS, TLS, หน้าแรกเปิดไม่ได้)", "en": "the site could not be checked at all"},
    "4": {
        "th": "บันทึกรายงานไม่ได้ (การตรวจนี้จึงไม่ถูกบันทึกในประวัติ)",
        "en": "a report could not be written (the run is then not stored)",
    },
    "70": {
        "th": "ข้อผิดพลาดภายในโปรแกรม โปรดแจ้งผู้พัฒนา (OITCHECK_DEBUG=1)",
        "en": "internal error, please report it (OITCHECK_DEBUG=1 for details)",
    },
    "130": {"th": "ถูกสั่งหยุดด้วย Ctrl-C (ไม่บันทึกผล)", "en": "interrupted by Ctrl-C (nothing stored)"},
    "143": {
        "th": "ถูกสั่งหยุดด้วย SIGTERM เช่น systemctl stop (ไม่บันทึกผล)",
        "en": "stopped by SIGTERM, e.g. systemctl stop (nothing stored)",
    },
    "141": {
        "th": "โปรแกรมที่อ่านผลปิดไปก่อน เช่น | head (ไม่แสดงข้อความ)",
        "en": "the reader of the output went away, e.g. | head (silent)",
    },
    "130.plain": {"th": "ถูกสั่งหยุดด้วย Ctrl-C", "en": "interrupted by Ctrl-C"},
    "143.plain": {"th": "ถูกสั่งหยุดด้วย SIGTERM", "en": "stopped by SIGTERM"},
    "0.demo": {"th": "ผลทุกข้อตรงกับเฉลยของเว็บไซต์ตัวอย่าง", "en": "every verdict equals the demo's ground truth"},
    "1.demo": {"th": "มีผลที่ไม่ตรงกับเฉลย", "en": "some verdicts differ from the ground truth"},
    "2.demo": {"th": "คำสั่งหรือค่าผิด หรือไฟล์ใช้ไม่ได้", "en": "usage error: a bad option or value, or an unusable file"},
    "3.demo": {"th": "ตรวจเว็บไซต์ตัวอย่างไม่ได้", "en": "the demo site could not be checked"},
    "4.demo": {"th": "บันทึกรายงานไม่ได้", "en": "a report could not be written"},
    "0.batch": {"th": "ตรวจครบทุกแห่ง ไม่มีแห่งใดไม่ผ่าน", "en": "every site was checked, none has failing items"},
    "1.batch": {"th": "ตรวจครบทุกแห่ง แต่บางแห่งมีข้อที่ไม่ผ่าน", "en": "every site was checked, some fail"},
    "2.batch": {
        "th": "ตัวเลือก รายชื่อ ชุดเกณฑ์ หรือที่เก็บผลใช้ไม่ได้ (ยังไม่ได้ตรวจ)",
        "en": "a bad option, sites list, rule pack or store (nothing checked)",
    },
    "3.batch": {
        "th": "บางแห่งตรวจไม่ได้ (ดู state/error ใน summary.csv)",
        "en": "some sites could not be checked (state/error in summary.csv)",
    },
    "4.batch": {"th": "บันทึกรายงานหรือตารางสรุปไม่ได้", "en": "a report or summary could not be written"},
    "130.batch": {
        "th": "ถูกสั่งหยุดด้วย Ctrl-C: ผลที่เสร็จแล้วยังอยู่ ตรวจต่อด้วย --resume",
        "en": "Ctrl-C: what finished is kept; go on with --resume",
    },
    "143.batch": {
        "th": "ถูกสั่งหยุดด้วย SIGTERM: ผลที่เสร็จแล้วยังอยู่ ตรวจต่อด้วย --resume",
        "en": "SIGTERM: what finished is kept; go on with --resume",
    },
    "0.read": {"th": "แสดงผลแล้ว", "en": "shown"},
    "2.read": {
        "th": "ยังไม่มีประวัติ ไฟล์ประวัติเสียหาย หรือไม่มีการตรวจครั้งที่ระบุ",
        "en": "no history yet, a damaged history, or no such run",
    },
    "0.dashboard": {"th": "เขียนแดชบอร์ดแล้ว (แม้ยังไม่มีผลการตรวจ)", "en": "written (even when the history is empty)"},
    "2.dashboard": {"th": "ที่เก็บผลหรือชุดเกณฑ์ใช้ไม่ได้", "en": "the store or the rule pack cannot be used"},
    "4.dashboard": {"th": "เขียนโฟลเดอร์แดชบอร์ดไม่ได้", "en": "the dashboard folder cannot be written"},
    "0.worker": {
        "th": "หยุดตามปกติ (SIGTERM: รอให้งานที่กำลังตรวจเสร็จก่อน)",
        "en": "stopped normally (SIGTERM lets running checks finish)",
    },
    "2.worker": {"th": "ใช้ตัวกลางหรือที่เก็บผลไม่ได้", "en": "the broker or the store cannot be used"},
    "0.serve": {
        "th": "หยุดตามปกติ (Ctrl-C หรือ SIGTERM: งานที่กำลังตรวจจะถูกยกเลิกและไม่บันทึก)",
        "en": "stopped (Ctrl-C or SIGTERM: running checks are abandoned, not stored)",
    },
    "2.serve": {
        "th": "ตัวเลือก ที่เก็บผล ตัวกลาง ชุดเกณฑ์ หรือไฟล์รหัสผ่าน/กุญแจใช้ไม่ได้ (ยังไม่เปิด)",
        "en": "a bad option, store, broker, pack, token or secret file (not started)",
    },
    "0.rules": {"th": "สำเร็จ", "en": "done"},
    "2.rules": {
        "th": "ไฟล์ชุดเกณฑ์ใช้ไม่ได้ (บอกไฟล์ บรรทัด และข้อ) หรือไม่มีข้อนั้น",
        "en": "the rule file cannot be used (file:line named), or no such item",
    },
    "0.rules_test": {"th": "ทุกกรณีทดสอบได้ผลตามที่ระบุ", "en": "every case gets the verdict it expects"},
    "1.rules_test": {"th": "มีกรณีทดสอบที่ได้ผลไม่ตรงกับที่ระบุ", "en": "some case got another verdict"},
    "2.rules_test": {
        "th": "ไฟล์ชุดเกณฑ์หรือไฟล์กรณีทดสอบใช้ไม่ได้ (บอกไฟล์และบรรทัด)",
        "en": "the pack or the cases file cannot be used (file:line named)",
    },
    "0.rules_diff": {"th": "เทียบแล้ว (มีหรือไม่มีสิ่งที่เปลี่ยนก็ตาม)", "en": "compared (changes or not)"},
    "2.rules_diff": {
        "th": "ไฟล์ชุดเกณฑ์ใช้ไม่ได้ หรือเขียนแผนที่รหัสข้อไม่ได้",
        "en": "a pack cannot be used, or the map cannot be written",
    },
    "2.diff": {
        "th": "ไม่มีประวัติ ไม่มีการตรวจที่ระบุ หรือชุดเกณฑ์ต่างกันแต่ไม่มีแผนที่รหัสข้อ (--map)",
        "en": "no history, no such run, or runs of different packs without a map (--map)",
    },
}

CHECK_CODES = ("0", "1", "2", "3", "4", "70", "130", "143")
READ_CODES = ("0.read", "2.read", "70", "130.plain", "141")
RULES_CODES = ("0.rules", "2.rules", "70")
CODES: dict[str, tuple[str, ...]] = {
    "oitcheck": (*CHECK_CODES, "141"),
    "check": CHECK_CODES,
    "run": CHECK_CODES,
    "demo": ("0.demo", "1.demo", "2.demo", "3.demo", "4.demo", "70", "130.plain", "143.plain"),
    "batch": ("0.batch", "1.batch", "2.batch", "3.batch", "4.batch", "70", "130.batch", "143.batch"),
    "history": READ_CODES,
    "diff": ("0.read", "2.diff", "70", "130.plain", "141"),
    "dashboard": ("0.dashboard", "2.dashboard", "4.dashboard", "70", "130.plain"),
    "worker": ("0.worker", "2.worker", "70"),
    "serve": ("0.serve", "2.serve", "70"),
    "rules": ("0.rules", "1.rules_test", "2.rules", "4.rules_write", "70"),
    "rules.list": RULES_CODES,
    "rules.show": RULES_CODES,
    "rules.validate": RULES_CODES,
    "rules.test": ("0.rules_test", "1.rules_test", "2.rules_test", "70"),
    "rules.diff": ("0.rules_diff", "2.rules_diff", "70"),
}
EXAMPLES.update(RULES_AUTHOR_EXAMPLES)
MEANINGS.update(RULES_AUTHOR_MEANINGS)
CODES.update(RULES_AUTHOR_CODES)

HEADINGS: dict[str, dict[str, str]] = {
    "examples": {"th": "ตัวอย่าง:", "en": "examples:"},
    "exit_codes": {"th": "รหัสออก (exit code):", "en": "exit codes:"},
    "more": {
        "th": "รายละเอียดของรหัสออก: docs/operations.md\n"
        "ภาษาอังกฤษ: --lang en หรือตั้ง OITCHECK_LANG=en หรือ LANG=en_US.UTF-8",
        "en": "Exit codes in detail: docs/operations.md\n"
        "Thai: --lang th, or OITCHECK_LANG=th, or a LANG that does not start with en",
    },
}


def epilog(command: str, lang: str) -> str:
    """Examples and exit codes of `command` ("oitcheck" for the top level, "rules.show" for a sub-command)."""
    lines = [HEADINGS["examples"][lang]]
    lines += [f"  {line}" for line in EXAMPLES[command][lang]]
    lines += ["", HEADINGS["exit_codes"][lang]]
    for code in CODES[command]:
        lines.append(f"  {code.partition('.')[0]:<5}{_meaning(code, lang)}")
    if command == "oitcheck":
        lines += ["", HEADINGS["more"][lang]]
    return "\n".join(lines)


def _meaning(code: str, lang: str) -> str:
    entry = MEANINGS[code]
    return entry.get(lang) or entry["th"]


def description(command: str, lang: str) -> str:
    """The paragraph atop `oitcheck COMMAND --help` (wrapped to the terminal by the formatter)."""
    key = "cmd.oitcheck" if command == "oitcheck" else f"about.{command}"
    text = hw(key if key in WORDS else f"cmd.{command}", lang)
    return text[:1].upper() + text[1:]
