"""The command line's words for `oitcheck serve` (checker/commands/serve.py), merged into helpwords.WORDS:
what the command and each of its options are for, and what it says when it starts. Thai first."""

from __future__ import annotations

SERVE_WORDS: dict[str, dict[str, str]] = {
    "cmd.serve": {
        "th": "เปิดหน้าเว็บให้เจ้าหน้าที่ตรวจเว็บไซต์ของหน่วยงานจากเบราว์เซอร์ และดูภาพรวมของกลุ่ม",
        "en": "a web page where clerks check their agency's site from a browser, and the group view",
    },
    "about.serve": {
        "th": "เว็บแอปพลิเคชันสำหรับผู้ที่ไม่ใช้บรรทัดคำสั่ง: กรอกที่อยู่เว็บไซต์ ดูความคืบหน้า แล้วอ่านรายงานฉบับเดียวกับ "
        "check พร้อมลิงก์ถาวร ตรวจซ้ำ และสิ่งที่เปลี่ยนไปจากครั้งก่อน ภาพรวมกลุ่มแสดงแดชบอร์ดจาก --store "
        "ตรวจได้เฉพาะเว็บไซต์ที่อนุญาต (--allow) ค่าเริ่มต้นเปิดที่ 127.0.0.1:8080 (docs/web.md)",
        "en": "A web application for people who never open a terminal: enter the site's address, watch the "
        "progress, read the same report `check` writes, with a permanent link, a re-check and what changed "
        "since last time; the group view is the dashboard of --store. Only allowed sites (--allow) can be "
        "checked. Listens on 127.0.0.1:8080 by default (docs/web.md).",
    },
    "opt.serve_store": {
        "th": "ที่เก็บผลการตรวจ: ไฟล์ SQLite หรือ postgresql://… (ค่าเริ่มต้น ~/.local/share/oitcheck/history.db)",
        "en": "the run history: an SQLite file or postgresql://… (default ~/.local/share/oitcheck/history.db)",
    },
    "opt.bind": {
        "th": "ที่อยู่และพอร์ตที่รับคำขอ (ค่าเริ่มต้น 127.0.0.1:8080 ใช้ nginx ด้านหน้าเมื่อเปิดให้เครื่องอื่น)",
        "en": "address and port to listen on (default 127.0.0.1:8080; put nginx in front for other machines)",
    },
    "opt.allow": {
        "th": "เว็บไซต์ที่อนุญาตให้ตรวจ คั่นด้วยจุลภาค เช่น '*.go.th,www.example.org' (ค่าเริ่มต้น *.go.th '*' คือทุกเว็บไซต์)",
        "en": "hosts that may be checked, comma-separated, e.g. '*.go.th,www.example.org' (default *.go.th; "
        "'*' allows any)",
    },
    "opt.allow_sites": {
        "th": "อนุญาตเว็บไซต์ในรายชื่อนี้ด้วย (CSV หรือ TOML แบบเดียวกับ batch)",
        "en": "also allow the sites of this list (CSV or TOML, as for batch)",
    },
    "opt.serve_workers": {
        "th": "จำนวนเว็บไซต์ที่ตรวจพร้อมกัน (ค่าเริ่มต้น 2)",
        "en": "sites checked at once (default 2)",
    },
    "opt.queue": {
        "th": "จำนวนงานที่รอคิวได้สูงสุด เกินนี้ผู้ส่งจะได้ข้อความว่าคิวเต็ม (ค่าเริ่มต้น 100)",
        "en": "most checks that may wait; beyond it the page says the queue is full (default 100)",
    },
    "opt.rate": {
        "th": "จำนวนครั้งที่ผู้ใช้หนึ่งราย (ที่อยู่ IP) เริ่มตรวจได้ เช่น 30/minute (ค่าเริ่มต้น)",
        "en": "checks one client (IP address) may start, e.g. 30/minute (the default)",
    },
    "opt.token_file": {
        "th": "ไฟล์รหัสผ่านของภาพรวมกลุ่ม (หรือตั้ง OITCHECK_WEB_TOKEN) ไม่ระบุ: ภาพรวมกลุ่มเปิดให้ทุกคน",
        "en": "file holding the group view's token (or set OITCHECK_WEB_TOKEN); none: the group view is open",
    },
    "opt.secret_file": {
        "th": "ไฟล์กุญแจสำหรับลงนามคุกกี้ (หรือตั้ง OITCHECK_WEB_SECRET) ไม่ระบุ: สร้างใหม่ทุกครั้งที่เริ่ม",
        "en": "file holding the key that signs cookies (or set OITCHECK_WEB_SECRET); none: a new one each start",
    },
    "opt.proxy": {
        "th": "ที่อยู่ของ reverse proxy ที่เชื่อถือ X-Forwarded-For ได้ เช่น 127.0.0.1 (เพื่อจำกัดอัตราตามผู้ใช้จริง)",
        "en": "reverse proxies whose X-Forwarded-For is trusted, e.g. 127.0.0.1 (rate limits per real client)",
    },
    "opt.serve_cache_dir": {
        "th": "โฟลเดอร์แคช HTTP แยกไฟล์ละเว็บไซต์ (ค่าเริ่มต้น ~/.cache/oitcheck/web/)",
        "en": "one HTTP cache file per site here (default ~/.cache/oitcheck/web/)",
    },
    "opt.serve_allow_private": {
        "th": "อนุญาตให้ตรวจเว็บไซต์ที่ชี้ไปยังที่อยู่ภายใน (intranet, 127.0.0.1) ปกติไม่อนุญาต",
        "en": "allow sites whose names point to private addresses (intranet, 127.0.0.1); refused by default",
    },
    "say.serve_started": {
        "th": "oitcheck serve: เปิดที่ {url} ตรวจได้เฉพาะ {allow} ทำงานแบบ {engine} บันทึกผลที่ {store}",
        "en": "oitcheck serve: listening on {url}, checks {allow}, engine {engine}, store {store}",
    },
    "say.serve_stopped": {
        "th": "oitcheck serve: หยุดแล้ว (ยกเลิกงานที่กำลังตรวจ {n} งาน ไม่บันทึกผล)",
        "en": "oitcheck serve: stopped ({n} running checks abandoned, not stored)",
    },
    "say.serve_open": {
        "th": "คำเตือน: ภาพรวมกลุ่มเปิดให้ทุกคน (ตั้ง --token-file หรือให้เว็บเซิร์ฟเวอร์ด้านหน้าตรวจสิทธิ์)",
        "en": "warning: the group view is open to anyone (set --token-file, or let the web server in front "
        "authenticate)",
    },
}
