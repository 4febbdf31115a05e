"""The words of the command line itself, Thai first (English with --lang en): what each command and option
is for (`oitcheck … --help`), argparse's own headings, and the lines the command layer says to its user.

Like checker/batch/words.py and checker/i18n.py, one table: a key, the Thai and the English. Help texts are
single lines that the help formatter wraps at the terminal's width (checker/commands/helpformat.py), so they
may be long; they must not contain a bare `%` (argparse %-formats help). Examples and exit codes are in
checker/commands/helpepilogs.py. tests/test_help.py checks that every option has help in both languages.
"""

from __future__ import annotations

from typing import Any

from checker.commands.ruleauthorwords import RULES_AUTHOR_WORDS
from checker.commands.rulecheckwords import RULES_CHECK_WORDS
from checker.commands.servewords import SERVE_WORDS

WORDS: dict[str, dict[str, str]] = {
    # ---- argparse's own words (English: argparse's, unchanged)
    "usage": {"th": "วิธีใช้: ", "en": "usage: "},
    "positionals": {"th": "ค่าที่ใส่ต่อท้ายคำสั่ง", "en": "positional arguments"},
    "options": {"th": "ตัวเลือก", "en": "options"},
    "help": {"th": "แสดงวิธีใช้นี้แล้วจบ", "en": "show this help message and exit"},
    "required": {"th": "ต้องระบุ {names}", "en": "the following arguments are required: {names}"},
    "commands": {"th": "คำสั่ง", "en": "commands"},
    "command": {
        "th": "{prog} COMMAND --help แสดงวิธีใช้ของคำสั่งนั้น พร้อมตัวอย่างและรหัสออก",
        "en": "{prog} COMMAND --help shows that command's options, examples and exit codes",
    },
    "version": {"th": "แสดงรุ่นของโปรแกรมแล้วจบ", "en": "show the version and exit"},
    "lang": {
        "th": "ภาษาของข้อความและรายงาน: th หรือ en (ค่าเริ่มต้น: ตาม OITCHECK_LANG แล้วจึง LANG ถ้าขึ้นต้นด้วย en "
        "เป็นภาษาอังกฤษ นอกนั้นภาษาไทย)",
        "en": "language of the messages and reports: th or en (default: $OITCHECK_LANG, else English when "
        "LANG starts with en, else Thai)",
    },
    # ---- the commands: one line in `oitcheck --help`, a paragraph atop `oitcheck COMMAND --help`
    "cmd.oitcheck": {
        "th": "ตรวจเว็บไซต์ของหน่วยงานตามเกณฑ์การเปิดเผยข้อมูลสาธารณะ (OIT) ของการประเมิน ITA ทีละข้อ O1–O43 "
        "พร้อมหลักฐานและเหตุผลของผลแต่ละข้อ",
        "en": "Check a Thai agency website against the OIT criteria of the ITA assessment, item by item "
        "(O1–O43), with the evidence and the reasons for every verdict.",
    },
    "cmd.check": {"th": "ตรวจเว็บไซต์หนึ่งแห่ง", "en": "check a website"},
    "about.check": {
        "th": "ตรวจเว็บไซต์หนึ่งแห่ง แสดงผลทีละข้อ บันทึกรายงาน และบันทึกผลในประวัติเพื่อเทียบกับครั้งก่อน "
        "ตัวเลือกที่ไม่ระบุใช้ค่าจากไฟล์ตั้งค่า (--config) แล้วจึงใช้ค่าเริ่มต้น",
        "en": "Check one website, show the verdict of every item, write the reports and store the run in the "
        "history to compare with the last one. Options not given come from the site config (--config), "
        "then from the defaults.",
    },
    "cmd.run": {
        "th": "ตรวจเว็บไซต์ตามไฟล์ตั้งค่า (เหมือน check --config FILE)",
        "en": "check the site a config file describes (= check --config FILE)",
    },
    "about.run": {
        "th": "ตรวจเว็บไซต์ตามไฟล์ตั้งค่า (TOML) เหมาะกับงานที่ตั้งเวลาไว้ทุกคืน ตัวเลือกที่พิมพ์ในคำสั่งมีผลเหนือไฟล์",
        "en": "Check the site a config file (TOML) describes: a nightly job in one line. Flags override the file.",
    },
    "cmd.history": {"th": "แสดงการตรวจที่บันทึกไว้ (ล่าสุดก่อน)", "en": "list stored runs (newest first)"},
    "about.history": {
        "th": "แสดงการตรวจที่บันทึกไว้ในประวัติ ล่าสุดก่อน พร้อมคะแนนและจำนวนข้อในแต่ละสถานะ",
        "en": "List the runs stored in the history, newest first, with the score and the items of each status.",
    },
    "cmd.diff": {
        "th": "สิ่งที่เปลี่ยนไประหว่างการตรวจสองครั้ง (ค่าเริ่มต้น: สองครั้งล่าสุด)",
        "en": "what changed between two stored runs of a site (default: the last two)",
    },
    "about.diff": {
        "th": "เทียบการตรวจสองครั้งของเว็บไซต์เดียวกัน: ข้อที่แก้ได้แล้ว ข้อที่แย่ลง ข้อที่เปลี่ยน และข้อใหม่",
        "en": "Compare two stored runs of a site: the items fixed, regressed, changed and new.",
    },
    "cmd.batch": {
        "th": "ตรวจทุกเว็บไซต์ในรายชื่อ (CSV หรือ TOML) พร้อมตารางสรุปและแดชบอร์ด",
        "en": "check every site of a list (CSV or TOML) and write a summary and a dashboard",
    },
    "about.batch": {
        "th": "ตรวจทุกเว็บไซต์ในรายชื่อ เขียนรายงานของแต่ละแห่ง summary.csv summary.xlsx และแดชบอร์ดลงโฟลเดอร์ "
        "(-o) ถ้าถูกขัดจังหวะ สั่งคำสั่งเดิมพร้อม --resume จะตรวจต่อโดยไม่เสียผลที่ตรวจเสร็จแล้ว (docs/batch.md)",
        "en": "Check every site of a list and write each site's reports, summary.csv, summary.xlsx and a "
        "dashboard into a folder (-o). Interrupted? Run the same command with --resume: finished sites are "
        "kept (docs/batch.md).",
    },
    "cmd.dashboard": {
        "th": "เขียนแดชบอร์ดของทุกเว็บไซต์ในประวัติ (โฟลเดอร์ที่เปิดจากเว็บเซิร์ฟเวอร์ใดก็ได้)",
        "en": "write a static dashboard of every site in the history (a folder for any web server)",
    },
    "about.dashboard": {
        "th": "เขียนแดชบอร์ดจากประวัติการตรวจ: ผลล่าสุดของทุกเว็บไซต์ เรียงตามคะแนน ถ้าไม่ระบุ --rules และ --year "
        "ใช้ชุดเกณฑ์และปีของการตรวจล่าสุด (docs/dashboard.md)",
        "en": "Write a dashboard from the run history: the newest run of every site, ranked by score. Without "
        "--rules and --year it shows the pack and year of the newest run (docs/dashboard.md).",
    },
    "cmd.worker": {
        "th": "ตรวจเว็บไซต์ที่ batch --engine celery ส่งเข้าคิว (Celery worker)",
        "en": "check the sites `oitcheck batch --engine celery` queues (a Celery worker)",
    },
    "about.worker": {
        "th": "Celery worker ที่ตรวจเว็บไซต์ตามคิวของ oitcheck batch --engine celery และบันทึกผลลง --store "
        "ตรวจว่าใช้ตัวกลางและที่เก็บผลได้ก่อนเริ่ม systemctl stop (SIGTERM) รอให้งานที่กำลังตรวจเสร็จก่อน "
        "(docs/distributed.md)",
        "en": "A Celery worker that checks the sites `oitcheck batch --engine celery` queues and saves the runs "
        "into --store. The broker and the store are tried first; systemctl stop (SIGTERM) lets running checks "
        "finish (docs/distributed.md).",
    },
    "cmd.demo": {
        "th": "เปิดเว็บไซต์ตัวอย่างที่มากับโปรแกรมบน 127.0.0.1 แล้วตรวจ",
        "en": "serve the bundled sample site on 127.0.0.1 and check it",
    },
    "about.demo": {
        "th": "เปิดเว็บไซต์ตัวอย่างที่มากับโปรแกรมบน 127.0.0.1 ตรวจ แล้วเทียบผลกับเฉลยของเว็บไซต์ตัวอย่าง "
        "ใช้ลองเครื่องมือโดยไม่ต้องเข้าอินเทอร์เน็ต ไม่บันทึกประวัติ",
        "en": "Serve the bundled sample site on 127.0.0.1, check it and compare every verdict with the site's "
        "ground truth: a try-out without the Internet. Nothing is stored.",
    },
    "cmd.rules": {"th": "ดู ตรวจ ทดสอบ เทียบ และเขียนชุดเกณฑ์", "en": "list, show, check, compare and write rule packs"},
    "about.rules": {
        "th": "ดูข้อของชุดเกณฑ์ ดูเกณฑ์ของข้อหนึ่ง ตรวจไฟล์ชุดเกณฑ์ที่เขียนเอง ทดสอบกับกรณีทดสอบ เทียบสองชุด "
        "เริ่มชุดของปีใหม่ (new) เขียนคู่มือของชุดเกณฑ์ (docs) หรือ JSON Schema สำหรับโปรแกรมแก้ไข (schema) (docs/rules.md)",
        "en": "List the items of a rule pack, show one item's rule, validate a rule file, test it against its cases, "
        "compare two packs, start a new year's pack (new), write a pack's reference (docs) or the JSON Schema "
        "for editors (schema) (docs/rules.md).",
    },
    "cmd.rules.list": {"th": "แสดงรายการข้อของชุดเกณฑ์", "en": "list the items of a pack"},
    "cmd.rules.show": {"th": "แสดงเกณฑ์ของข้อหนึ่ง", "en": "show one item's rule"},
    "cmd.rules.validate": {"th": "ตรวจไฟล์ชุดเกณฑ์", "en": "validate a rule file"},
    # ---- check, run, demo and batch (checker/commands/options.py)
    "opt.url": {
        "th": "ที่อยู่เว็บไซต์ เช่น https://www.example.go.th (ไม่ต้องใส่ถ้าใช้ --config)",
        "en": "the site, e.g. https://www.example.go.th (optional with --config)",
    },
    "opt.config": {
        "th": "ไฟล์ตั้งค่าของเว็บไซต์ (TOML) ตัวเลือกที่พิมพ์ในคำสั่งมีผลเหนือไฟล์",
        "en": "site config file (TOML); flags override it",
    },
    "opt.run_config": {"th": "ไฟล์ตั้งค่าของเว็บไซต์ (TOML)", "en": "site config file (TOML)"},
    "opt.year": {
        "th": "ปีงบประมาณที่ประเมิน เป็น พ.ศ. เช่น 2567 (ค่าเริ่มต้น: ปีของชุดเกณฑ์)",
        "en": "fiscal year to assess, Buddhist era, e.g. 2567 (default: the pack's)",
    },
    "opt.rules": {
        "th": "ชุดเกณฑ์ในโปรแกรม หรือไฟล์ชุดเกณฑ์ YAML (ค่าเริ่มต้น {pack})",
        "en": "built-in rule pack id or path to a YAML pack (default {pack})",
    },
    "opt.format": {
        "th": "รูปแบบรายงาน คั่นด้วยจุลภาค: {formats} (ค่าเริ่มต้น table)",
        "en": "report formats, comma-separated: {formats} (default table)",
    },
    "opt.output": {
        "th": "ไฟล์รายงานเมื่อมีรูปแบบเดียว หรือโฟลเดอร์เมื่อมีหลายรูปแบบ (ค่าเริ่มต้น reports/)",
        "en": "file for one format, folder for several (default reports/)",
    },
    "opt.max_pages": {
        "th": "จำนวนหน้าเว็บที่เปิดได้มากที่สุด 1–{max} (ค่าเริ่มต้น 400)",
        "en": "HTML pages to fetch at most, 1–{max} (default 400)",
    },
    "opt.max_documents": {
        "th": "จำนวนเอกสารที่ดาวน์โหลดได้มากที่สุด 0–{max} (ค่าเริ่มต้น 300)",
        "en": "documents to fetch at most, 0–{max} (default 300)",
    },
    "opt.max_seconds": {
        "th": "เวลาที่ใช้ตรวจได้มากที่สุด เป็นวินาที ไม่เกิน {max} (ค่าเริ่มต้น 600)",
        "en": "time budget of the whole check in seconds, at most {max} (default 600)",
    },
    "opt.concurrency": {
        "th": "จำนวนคำขอที่ส่งไปยังเว็บไซต์พร้อมกัน 1–{max} (ค่าเริ่มต้น 4)",
        "en": "requests in flight to the site, 1–{max} (default 4)",
    },
    "opt.render": {
        "th": "เปิดหน้าเว็บในเบราว์เซอร์เพื่อรัน JavaScript: auto = เฉพาะหน้าที่ว่างรอ JavaScript (ค่าเริ่มต้น) "
        "always = ทุกหน้า never = ไม่ใช้เบราว์เซอร์",
        "en": "run pages' JavaScript in a browser: auto = only pages served as empty app shells (default), "
        "always = every page, never = no browser",
    },
    "opt.browser": {
        "th": "โปรแกรม Chromium หรือ Chrome ที่จะใช้ (ค่าเริ่มต้น: ค้นหาให้เอง)",
        "en": "Chromium or Chrome to use (default: found automatically)",
    },
    "opt.no_ocr": {
        "th": "ไม่อ่านไฟล์สแกนด้วย OCR (ข้อที่มีแต่ไฟล์สแกนจะเป็น “ต้องตรวจเอง”)",
        "en": "do not OCR scans (their items become review)",
    },
    "opt.cache": {
        "th": "ไฟล์แคช HTTP ตรวจความใหม่ทุกครั้งที่ตรวจ (ค่าเริ่มต้น ~/.cache/oitcheck/http-cache.db)",
        "en": "HTTP cache file, revalidated on every run (default: ~/.cache/oitcheck/http-cache.db)",
    },
    "opt.no_cache": {"th": "ไม่ใช้แคช HTTP", "en": "do not use the HTTP cache"},
    "opt.full": {
        "th": "ตรวจทั้งเว็บไซต์ แม้ยังไม่ถึงรอบ (ปกติรอบถัดไปตรวจซ้ำเฉพาะหลักฐานที่ผลครั้งก่อนอ้างถึง)",
        "en": "crawl the whole site now (otherwise a re-run re-checks only the evidence the last verdicts rest on)",
    },
    "opt.full_every": {
        "th": "ตรวจทั้งเว็บไซต์ทุกกี่วัน (ค่าเริ่มต้น {days}; 0 = ทุกครั้ง)",
        "en": "days between full crawls (default {days}; 0 = every run)",
    },
    "opt.insecure": {
        "th": "ยอมรับใบรับรอง TLS ที่ไม่ถูกต้อง (ควรแก้ไขอยู่ดี เพราะผู้ประเมินก็พบปัญหานี้)",
        "en": "accept broken TLS certificates (the problem is still worth fixing: assessors see it too)",
    },
    "opt.allow_private": {
        "th": "ยอมให้เชื่อมต่อที่อยู่ภายใน (private, loopback, link-local) เช่น เว็บไซต์ในอินทราเน็ต "
        "(ลิงก์ไปเครื่องภายในเครื่องอื่นยังนับเป็นนอกเว็บไซต์)",
        "en": "allow connecting to private, loopback and link-local addresses (an intranet site's links to "
        "other internal hosts are still off-site)",
    },
    "opt.resolve": {
        "th": "เชื่อมต่อ ADDRESS แทนการค้นหา HOST ใน DNS (เช่น เครื่องใหม่ก่อนย้าย DNS) ใส่ซ้ำได้",
        "en": "connect to ADDRESS for HOST instead of looking it up (a new server before the DNS switch); repeatable",
    },
    "opt.quiet": {"th": "ไม่แสดงความคืบหน้า", "en": "no progress display"},
    "opt.waivers": {
        "th": "ไฟล์ข้อยกเว้น (YAML หรือ TOML) ของข้อที่ยอมรับไว้ชั่วคราว",
        "en": "waivers file (YAML or TOML) of accepted findings",
    },
    "opt.fail_on": {
        "th": "สถานะที่ทำให้จบด้วยรหัส 1 ถ้าไม่มีข้อยกเว้น: {statuses} (ค่าเริ่มต้น: ทั้งหมด) หรือ none",
        "en": "statuses that fail the run (exit 1) unless waived: {statuses} (default: all), or none",
    },
    "opt.min_score": {
        "th": "จบด้วยรหัส 1 ถ้าคะแนนต่ำกว่าร้อยละนี้",
        "en": "fail the run (exit 1) below this percent score",
    },
    "opt.history": {
        "th": "ประวัติการตรวจ: ไฟล์ SQLite (ค่าเริ่มต้น $OITCHECK_HOME/history.db หรือ "
        "~/.local/share/oitcheck/history.db) หรือ postgresql://USER@HOST/DB",
        "en": "history: an SQLite file (default: $OITCHECK_HOME/history.db or ~/.local/share/oitcheck/history.db) "
        "or postgresql://USER@HOST/DB",
    },
    "opt.no_history": {
        "th": "ไม่บันทึกการตรวจครั้งนี้ และไม่เทียบกับครั้งก่อน",
        "en": "do not store this run or compare with the last one",
    },
    "opt.wait_lock": {
        "th": "ไม่จบด้วยรหัส 2 เมื่อมีการตรวจเว็บไซต์เดียวกันค้างอยู่ แต่รอจนการตรวจนั้นเสร็จ",
        "en": "if another run of this site holds its lock, wait for it instead of exiting with code 2",
    },
    # ---- history and diff (checker/commands/history.py)
    "opt.history_url": {
        "th": "เฉพาะเว็บไซต์นี้ (ค่าเริ่มต้น: ทุกเว็บไซต์)",
        "en": "only this site (default: every site)",
    },
    "opt.diff_url": {
        "th": "เว็บไซต์ (ไม่ต้องใส่ถ้าใช้ --from/--to หรือมีเว็บไซต์เดียวในประวัติ)",
        "en": "the site (not needed with --to/--from, or with one site stored)",
    },
    "opt.read_config": {
        "th": "ไฟล์ตั้งค่าของเว็บไซต์: ใช้ url และไฟล์ประวัติจากไฟล์นั้น",
        "en": "site config: its url and history file",
    },
    "opt.read_format": {
        "th": "รูปแบบผล: table (ตาราง ค่าเริ่มต้น) หรือ json",
        "en": "output: table (default) or json",
    },
    "opt.limit": {"th": "จำนวนครั้งที่แสดงมากที่สุด (ค่าเริ่มต้น 20)", "en": "runs to list at most (default 20)"},
    "opt.from": {
        "th": "หมายเลขการตรวจครั้งก่อน (ดูจาก oitcheck history)",
        "en": "earlier run id (see oitcheck history)",
    },
    "opt.to": {
        "th": "หมายเลขการตรวจครั้งหลัง (ดูจาก oitcheck history)",
        "en": "later run id (see oitcheck history)",
    },
    "opt.all": {"th": "แสดงข้อที่ไม่เปลี่ยนด้วย", "en": "list unchanged items too"},
    # ---- batch (checker/commands/batch.py)
    "opt.sites": {
        "th": "รายชื่อเว็บไซต์: CSV ที่มีหัวคอลัมน์ name,url[,province,district,type,config] หรือ TOML",
        "en": "CSV with a header `name,url[,province,district,type,config]`, or TOML",
    },
    "opt.batch_store": {
        "th": "ที่เก็บผล: ไฟล์ SQLite (ค่าเริ่มต้น: ไฟล์ประวัติ) หรือ postgresql://…",
        "en": "history: an SQLite file (default: the history) or postgresql://…",
    },
    "opt.workers": {
        "th": "จำนวนโพรเซสที่ตรวจพร้อมกันในเครื่องนี้ (ค่าเริ่มต้น 2 ไม่เกินจำนวน CPU)",
        "en": "local worker processes (default: 2, at most CPUs)",
    },
    "opt.engine": {
        "th": "ที่ที่งานตรวจทำงาน: local = เครื่องนี้ (ค่าเริ่มต้น) celery = เครื่อง worker",
        "en": "where the jobs run: local = this machine (default), celery = the workers",
    },
    "opt.broker": {
        "th": "ตัวกลางของ Celery สำหรับ --engine celery เช่น redis://host:6379/0",
        "en": "Celery broker for --engine celery (redis://host:6379/0)",
    },
    "opt.no_wait": {
        "th": "ใช้กับ --engine celery: ส่งงานเข้าคิวแล้วจบ (เก็บผลภายหลังด้วย --resume)",
        "en": "with --engine celery: queue the jobs and exit (collect them later with --resume)",
    },
    "opt.resume": {
        "th": "ตรวจชุดในโฟลเดอร์ต่อจากที่ค้าง เว็บไซต์ที่ตรวจเสร็จแล้วไม่ต้องตรวจใหม่",
        "en": "continue the batch DIR holds: finished sites are kept",
    },
    "opt.cache_dir": {
        "th": "โฟลเดอร์แคช HTTP แยกไฟล์ละเว็บไซต์ (ค่าเริ่มต้น ~/.cache/oitcheck/batch/)",
        "en": "one HTTP cache file per site here (default ~/.cache/oitcheck/batch/)",
    },
    "opt.batch_fail_on": {
        "th": "สถานะที่นับเป็นข้อไม่ผ่าน (เหมือน check): {statuses} หรือ none",
        "en": "statuses that count as failing items (as for check): {statuses}, or none",
    },
    "opt.batch_min_score": {
        "th": "เว็บไซต์ที่คะแนนต่ำกว่าร้อยละนี้นับว่าไม่ผ่าน",
        "en": "a site below this percent score counts as failing",
    },
    "opt.batch_output": {
        "th": "โฟลเดอร์ผลของชุด: รายงานของแต่ละแห่ง summary.csv summary.xlsx และแดชบอร์ด (ค่าเริ่มต้น oitcheck-batch)",
        "en": "the batch's folder: each site's reports, summary.csv, summary.xlsx and the dashboard "
        "(default oitcheck-batch)",
    },
    "opt.batch_format": {
        "th": "ไม่ใช้กับ batch: รายงานของแต่ละแห่งเป็น html, json และ md เสมอ",
        "en": "not used by batch: each site's reports are always html, json and md",
    },
    # ---- dashboard (checker/commands/dashboard.py)
    "opt.dashboard_store": {
        "th": "ประวัติการตรวจ: ไฟล์ SQLite หรือ postgresql:// (ค่าเริ่มต้น $OITCHECK_HOME/history.db หรือ "
        "~/.local/share/oitcheck/history.db)",
        "en": "history: a SQLite file or a postgresql:// DSN (default: $OITCHECK_HOME/history.db "
        "or ~/.local/share/oitcheck/history.db)",
    },
    "opt.dashboard_output": {
        "th": "โฟลเดอร์ที่จะเขียนแดชบอร์ด (index.html …)",
        "en": "folder to write (index.html …)",
    },
    "opt.dashboard_rules": {
        "th": "ชุดเกณฑ์ (ค่าเริ่มต้น: ของการตรวจล่าสุด)",
        "en": "rule pack id or file (default: that of the newest run)",
    },
    "opt.dashboard_year": {
        "th": "ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ของการตรวจล่าสุด)",
        "en": "fiscal year, Buddhist era (default: the newest run's)",
    },
    "opt.title": {"th": "หัวเรื่องของหน้า เช่น ชื่อจังหวัด", "en": "the page's heading, e.g. the province's name"},
    # ---- worker (checker/commands/worker.py)
    "opt.worker_broker": {
        "th": "ตัวกลางของ Celery: redis://HOST:6379/0",
        "en": "the Celery broker: redis://HOST:6379/0",
    },
    "opt.worker_store": {
        "th": "ที่บันทึกผล: postgresql://… (หรือไฟล์ SQLite)",
        "en": "where runs are saved: postgresql://… (or a SQLite file)",
    },
    "opt.worker_concurrency": {
        "th": "จำนวนเว็บไซต์ที่ตรวจพร้อมกัน (โพรเซส ค่าเริ่มต้น 2 ไม่เกินจำนวน CPU)",
        "en": "sites checked at once (worker processes; default: 2, at most CPUs)",
    },
    "opt.loglevel": {"th": "ระดับ log ของ Celery (ค่าเริ่มต้น INFO)", "en": "Celery's log level (default INFO)"},
    "opt.worker_name": {
        "th": "ชื่อ node ของ worker (ค่าเริ่มต้น oitcheck-PID@HOST)",
        "en": "the worker's node name (default: oitcheck-PID@HOST)",
    },
    "opt.visibility": {
        "th": "วินาทีก่อนที่ตัวกลางจะส่งงานค้างของ worker ที่หายไปให้ worker อื่น (ค่าเริ่มต้น "
        "$OITCHECK_CELERY_VISIBILITY หรือ 1800 ต้องเท่ากันทุก worker และ batch)",
        "en": "seconds before the broker hands an unfinished job of a vanished worker to another "
        "(default: $OITCHECK_CELERY_VISIBILITY or 1800; the same on every worker and the batch)",
    },
    # ---- what the command layer says (demo, dashboard, worker, batch; rules: rulecheckwords.py)
    "say.demo_site": {"th": "เว็บไซต์ตัวอย่าง: {url}", "en": "demo site: {url}"},
    "say.demo_match": {
        "th": "✔ ผลทั้ง {total} ข้อตรงกับเฉลยของเว็บไซต์ตัวอย่าง",
        "en": "✔ all {total} verdicts match the demo's ground truth",
    },
    "say.demo_differ": {
        "th": "ผล {n} จาก {total} ข้อไม่ตรงกับเฉลยของเว็บไซต์ตัวอย่าง",
        "en": "{n} of {total} verdicts differ from the demo's ground truth",
    },
    "say.dashboard_wrote": {"th": "เขียนแดชบอร์ดแล้ว: {index} ({what})", "en": "wrote {index} ({what})"},
    "say.dashboard_sites": {"th": "{n} เว็บไซต์", "en": "{n} sites"},
    "say.dashboard_empty": {
        "th": "ไม่มีผลการตรวจใน {store} แดชบอร์ดจึงว่าง",
        "en": "no stored runs in {store}: the dashboard is empty",
    },
    "say.worker_started": {
        "th": "oitcheck worker: รับงานจากคิว {queue} ที่ {broker} บันทึกผลที่ {store} ตรวจพร้อมกัน {n} โพรเซส "
        "(visibility timeout {visibility:g} วินาที)",
        "en": "oitcheck worker: queue {queue} on {broker}, saving to {store}, {n} process(es), "
        "visibility timeout {visibility:g} s",
    },
    "say.batch_sites": {"th": "เว็บไซต์", "en": "sites"},
}


WORDS.update(SERVE_WORDS)
WORDS.update(RULES_CHECK_WORDS)
WORDS.update(RULES_AUTHOR_WORDS)


def hw(key: str, lang: str, **kwargs: Any) -> str:
    """The words `key` in `lang` (Thai when the language has none), formatted with kwargs."""
    entry = WORDS[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**kwargs) if kwargs else text
