"""Every sentence oitcheck shows a user, in Thai (default) and English, in one table.

Clerks act on these words, so each says what is wrong and where, in the terms of the OIT criteria.
"""

from __future__ import annotations

from typing import Any

from checker.opwords import OPERATIONS_MESSAGES

LANGS = ("th", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # ---- item reasons
    "missing": {
        "th": "ไม่พบข้อมูล “{title}” บนเว็บไซต์ (ไม่มีลิงก์ แถวในหน้า ITA หรือหัวข้อหน้าที่ระบุข้อนี้)",
        "en": "Nothing on the site names “{title}” (no link, ITA-page row or page heading for this item)",
    },
    "placeholder": {
        "th": "{where} มีรายการข้อนี้แต่ลิงก์ว่าง (#) ไม่ได้ชี้ไปยังข้อมูลจริง",
        "en": "{where} lists this item but its link is an empty placeholder (#)",
    },
    # An element's label stands alone after a colon in English: pack labels carry their own article ("the
    # agency's duties and powers", "a plan spanning …") or none ("fax number"); "the {label}" doubled it.
    "element_missing": {"th": "ไม่พบ{label}", "en": "Not found: {label}"},
    "element_missing_as": {"th": "{missing}", "en": "{missing}"},  # the pack's own words (element.missing)
    "element_unknown": {
        "th": "ยังยืนยันไม่ได้ว่ามี{label} เพราะหลักฐานบางส่วนอ่านด้วยเครื่องไม่ได้",
        "en": "Not confirmed: {label} (part of the evidence cannot be read by machine)",
    },
    "unreachable": {
        "th": "ลิงก์ {url} เปิดไม่ได้ ({why}) — พบจาก {via}",
        "en": "The link {url} does not open ({why}) — found via {via}",
    },
    "broken_extra": {
        "th": "หมายเหตุ: ลิงก์ {url} เปิดไม่ได้ ({why})",
        "en": "Note: the link {url} does not open ({why})",
    },
    "not_fetched": {
        "th": "หลักฐานอยู่ที่ {url} ({why}) ซึ่งเครื่องมือไม่ได้เปิดตรวจ ต้องตรวจด้วยตนเอง",
        "en": "The evidence is at {url} ({why}), which was not opened; a person must check it",
    },
    "unreadable": {
        "th": "{url}: {why} ต้องตรวจด้วยตนเอง",
        "en": "{url}: {why}; a person must check it",
    },
    "outdated": {
        "th": "หลักฐานล่าสุดเป็นของปี {found} แต่ข้อนี้ต้องเป็นข้อมูล{need}",
        "en": "The newest evidence is of {found}, but this item needs {need}",
    },
    "outdated_span": {
        "th": "แผนที่พบครอบคลุมปี {found} ไม่ครอบคลุมปีงบประมาณ {year}",
        "en": "The plan found covers {found}, not fiscal year {year}",
    },
    "partial_half": {
        "th": "ข้อมูลที่พบ ({found}) ยังไม่ครอบคลุม{need}",
        "en": "The data found ({found}) does not cover {need}",
    },
    "weak_period": {
        "th": "หมายเหตุ: {url} ไม่ระบุปีในชื่อหรือเนื้อหา จึงอ่านช่วงเวลาจาก{what} ({value}) ซึ่งเชื่อถือได้น้อยกว่า",
        "en": "Note: {url} states no year in its name or text; its period was read from {what} ({value}), "
        "a weaker signal",
    },
    "weak_url": {"th": "ปีในที่อยู่ไฟล์", "en": "the year in its URL"},
    "weak_created": {"th": "วันที่สร้างไฟล์", "en": "the file's creation date"},
    "weak_modified": {"th": "วันที่แก้ไขไฟล์", "en": "the file's modification date"},
    "weak_last_modified": {"th": "วันที่แก้ไขล่าสุดจากเซิร์ฟเวอร์ (Last-Modified)", "en": "the server's Last-Modified date"},
    "no_period": {
        "th": "ไม่พบปี พ.ศ. ในชื่อหรือเนื้อหาของหลักฐาน จึงบอกไม่ได้ว่าเป็นข้อมูล{need} ต้องตรวจด้วยตนเอง",
        "en": "No year appears in the evidence, so it cannot be told whether it is {need}; check by hand",
    },
    "tls_hint": {
        "th": "ใบรับรองความปลอดภัย (TLS/SSL) ของเว็บไซต์ใช้ไม่ได้ ผู้ประเมินและประชาชนก็จะเห็นคำเตือนนี้ "
        "ควรแก้ไข หรือใช้ --insecure เพื่อตรวจต่อ",
        "en": "The site's TLS/SSL certificate is not valid; assessors and citizens see this warning too. "
        "Fix it, or use --insecure to check anyway",
    },
    "offsite_hint": {
        "th": "ถ้าเป็นเว็บไซต์ของหน่วยงานจริง ให้ตรวจที่อยู่นั้นแทน: oitcheck check {target}",
        "en": "if that is the agency's site, check that address instead: oitcheck check {target}",
    },
    "private_hint": {
        "th": "ถ้าเป็นเว็บไซต์ในเครือข่ายภายในที่ตั้งใจตรวจ ให้ใช้ --allow-private",
        "en": "if this is an intranet site you mean to check, use --allow-private",
    },
    "site_down": {
        "th": "ตรวจเว็บไซต์ไม่ได้: หน้าแรกเปิดไม่ได้ ({why}){hint}",
        "en": "The site could not be checked: the home page does not open ({why}){hint}",
    },
    "then_hint": {"th": " — {hint}", "en": " — {hint}"},  # what to do about it, after site_down
    "with_detail": {"th": "{why} ({detail})", "en": "{why} ({detail})"},  # a reason and its technical detail
    # (What each period kind needs, "ปีงบประมาณ {year}", is the rule pack's: RulePack.periods.)
    # ---- why a document could not be read
    "unread_pdf": {
        "th": "เนื้อหาไฟล์ PDF ยังอ่านอัตโนมัติไม่ได้ในรุ่นนี้",
        "en": "PDF content is not read automatically in this version",
    },
    "unread_docx": {
        "th": "เนื้อหาไฟล์ Word ยังอ่านอัตโนมัติไม่ได้ในรุ่นนี้",
        "en": "Word document content is not read automatically in this version",
    },
    "unread_xlsx": {
        "th": "เนื้อหาไฟล์ Excel/CSV ยังอ่านอัตโนมัติไม่ได้ในรุ่นนี้",
        "en": "Spreadsheet content is not read automatically in this version",
    },
    "unread_image": {
        "th": "ข้อความในรูปภาพต้องใช้ OCR ซึ่งยังไม่รองรับในรุ่นนี้",
        "en": "Text in images needs OCR, not supported in this version",
    },
    "unread_other": {"th": "ไฟล์ชนิดนี้อ่านเนื้อหาไม่ได้", "en": "This kind of file cannot be read"},
    "scan_no_ocr": {
        "th": "ไฟล์เป็นภาพสแกนที่ไม่มีข้อความ และเครื่องที่ตรวจไม่มีโปรแกรม OCR ภาษาไทย (Tesseract) จึงอ่านเนื้อหาไม่ได้",
        "en": "The file is a scan without a text layer and no Thai OCR (Tesseract) is installed to read it",
    },
    "ocr_no_text": {
        "th": "ไฟล์เป็นภาพสแกน และ OCR อ่านข้อความจากภาพไม่ได้",
        "en": "The file is a scan and OCR found no readable text in it",
    },
    "encrypted": {
        "th": "ไฟล์ถูกตั้งรหัสผ่าน จึงเปิดอ่านไม่ได้",
        "en": "The file is password-protected and cannot be opened",
    },
    "broken_file": {
        "th": "ไฟล์เสียหรือไม่สมบูรณ์ เปิดอ่านไม่ได้",
        "en": "The file is damaged or incomplete and cannot be opened",
    },
    "too_large": {
        "th": "ไฟล์มีขนาดใหญ่เกินกว่าที่เครื่องมือจะอ่าน",
        "en": "The file is too large to be read",
    },
    "empty_document": {"th": "ไฟล์ไม่มีข้อความ", "en": "The file contains no text"},
    "unsupported_format": {
        "th": "ไฟล์เป็นรูปแบบที่เครื่องมือยังอ่านไม่ได้ (เช่น .doc หรือ .xls แบบเก่า)",
        "en": "The file is in a format that is not read (such as old-style .doc or .xls)",
    },
    "ext_google_drive": {
        "th": "ไฟล์บน Google Drive ซึ่งอยู่นอกเว็บไซต์ ต้องเปิดดูว่าเปิดได้สาธารณะและเป็นเอกสารที่ถูกต้อง",
        "en": "a Google Drive file, off the site: check that it opens publicly and is the right document",
    },
    "ext_google_docs": {"th": "เอกสาร Google Docs นอกเว็บไซต์", "en": "a Google Docs document, off the site"},
    "ext_google_forms": {"th": "แบบฟอร์ม Google Forms นอกเว็บไซต์", "en": "a Google Forms form, off the site"},
    "ext_google_sites": {"th": "เว็บไซต์ Google Sites แยกต่างหาก", "en": "a separate Google Sites site"},
    "ext_facebook": {
        "th": "หน้า Facebook ซึ่งอาจต้องเข้าสู่ระบบจึงจะเห็น",
        "en": "a Facebook page, which may need a login to see",
    },
    "ext_youtube": {"th": "วิดีโอ YouTube", "en": "a YouTube video"},
    "ext_line": {"th": "LINE", "en": "LINE"},
    "ext_egp": {"th": "ระบบจัดซื้อจัดจ้างภาครัฐ (e-GP)", "en": "the national e-GP procurement system"},
    "ext_itas": {"th": "ระบบ ITAS ของสำนักงาน ป.ป.ช.", "en": "the NACC's ITAS system"},
    "skip_external": {"th": "ลิงก์ออกนอกเว็บไซต์", "en": "a link off the site"},
    "skip_redirect": {
        "th": "ลิงก์นี้พาไปยังเว็บไซต์อื่น ({host}) จึงไม่ได้เปิดตรวจ",
        "en": "this link redirects to another site ({host}), which is not checked",
    },
    "skip_policy": {
        "th": "ไม่ได้เชื่อมต่อ: ชื่อนี้ชี้ไปยังที่อยู่ภายในเครือข่าย",
        "en": "not connected: the name points to an internal network address",
    },
    "cov_off_site": {
        "th": "ลิงก์ที่พาไปยังเว็บไซต์อื่น {n} รายการ ไม่ได้ตามไป (เช่น {first} → {target})",
        "en": "{n} links redirect to other sites, not followed (e.g. {first} → {target})",
    },
    "cov_refused": {
        "th": "ไม่ได้เชื่อมต่อ {n} รายการ เพราะนโยบายความปลอดภัยเครือข่ายไม่อนุญาต (เช่น {first}: {why})",
        "en": "{n} not connected: refused by the network policy (e.g. {first}: {why})",
    },
    "cov_blocked": {
        "th": "สคริปต์ในหน้าเว็บเรียกเว็บไซต์อื่น {n} ครั้ง ถูกปิดกั้น (เช่น {host})",
        "en": "the pages' scripts called other hosts {n} times, blocked (e.g. {host})",
    },
    "skip_budget": {"th": "ไม่ได้เปิดเพราะงบการตรวจหมด", "en": "not opened: the crawl budget ran out"},
    "skip_depth": {"th": "อยู่ลึกเกินกว่าที่กำหนดให้ตรวจ", "en": "deeper than the crawl's depth limit"},
    "skip_robots": {"th": "robots.txt ของเว็บไซต์ไม่อนุญาตให้เปิด", "en": "the site's robots.txt disallows it"},
    "skip_circuit-open": {
        "th": "เว็บไซต์ขัดข้องต่อเนื่อง เครื่องมือจึงหยุดพักไม่ส่งคำขอเพิ่ม",
        "en": "the site kept failing, so the tool paused instead of adding load",
    },
    "skip_trap": {"th": "ลิงก์ลักษณะวนซ้ำไม่สิ้นสุด (เช่น ปฏิทิน)", "en": "a crawler trap (e.g. an endless calendar)"},
    "skip_file type": {"th": "ไฟล์ชนิดที่ไม่ได้ตรวจ", "en": "a file type that is not checked"},
    "page": {"th": "หน้า {n}", "en": "p. {n}"},
    "home_page": {"th": "หน้าแรก", "en": "home page"},
    "soft_error": {"th": "หน้าแจ้งข้อผิดพลาด: {detail}", "en": "an error page: {detail}"},
    # ---- statuses
    "status_pass": {"th": "ผ่าน", "en": "pass"},
    "status_incomplete": {"th": "ไม่ครบ", "en": "incomplete"},
    "status_outdated": {"th": "ไม่เป็นปัจจุบัน", "en": "outdated"},
    "status_missing": {"th": "ไม่พบ", "en": "missing"},
    "status_unreachable": {"th": "เปิดไม่ได้", "en": "unreachable"},
    "status_review": {"th": "ต้องตรวจเอง", "en": "review"},
    # ---- terminal report
    "col_status": {"th": "ผล", "en": "Status"},
    "col_item": {"th": "ข้อ", "en": "Item"},
    "col_title": {"th": "ข้อมูล", "en": "Disclosure"},
    "col_evidence": {"th": "หลักฐาน", "en": "Evidence"},
    "col_reason": {"th": "เหตุผล", "en": "Reason"},
    "summary": {
        "th": "ผ่าน {passed} จาก {total} ข้อ ({percent:.1f}%)",
        "en": "{passed} of {total} items pass ({percent:.1f}%)",
    },
    "report_heading": {
        "th": "ผลตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ {year}: {site}",
        "en": "OIT disclosure check, fiscal year {year}: {site}",
    },
    # The budget that stopped a check, as `cov_gap_budget` names it (coverage.budget_exhausted keeps the id).
    "budget_pages": {"th": "จำนวนหน้า --max-pages", "en": "pages, --max-pages"},
    "budget_documents": {"th": "จำนวนเอกสาร --max-documents", "en": "documents, --max-documents"},
    "budget_bytes": {"th": "ปริมาณข้อมูลที่ดาวน์โหลด", "en": "bytes downloaded"},
    "budget_time": {"th": "เวลา --max-seconds", "en": "time, --max-seconds"},
    "eval_time": {
        "th": "หมดเวลาตรวจ (--max-seconds) ก่อนพิจารณาข้อนี้ ต้องตรวจเองหรือรันใหม่โดยให้เวลามากขึ้น",
        "en": "The time budget (--max-seconds) ran out before this item was judged; check it by hand or run "
        "again with more time",
    },
    "evidence_cut": {
        "th": "อ่าน {url} ได้ไม่ครบ ({why}) สิ่งที่ไม่พบอาจอยู่ในส่วนที่ไม่ได้อ่าน",
        "en": "{url} was read only in part ({why}); what was not found may be in the rest",
    },
    "cut_size": {"th": "ขนาดเกินที่กำหนด ตัดส่วนที่เหลือ", "en": "larger than the size cap, the rest was cut"},
    "cut_time": {
        "th": "หมดเวลาตรวจก่อนดาวน์โหลดเสร็จ",
        "en": "the time budget ran out before the download finished",
    },
    "home_budget": {
        "th": "ไม่มีคำตอบภายในเวลาที่กำหนด ({seconds} วินาที, --max-seconds)",
        "en": "no answer within the time budget ({seconds} s, --max-seconds)",
    },
    "not_rendered": {
        "th": "มี {n} หน้าที่ต้องใช้เบราว์เซอร์แสดงผล แต่ไม่พบเบราว์เซอร์ (เช่น {first})",
        "en": "{n} pages need a browser to show their content, and none was found (e.g. {first})",
    },
    "progress_start": {"th": "กำลังเปิดหน้าแรก {url} …", "en": "Opening the home page {url} …"},
    "progress": {
        "th": "ตรวจแล้ว {pages} หน้า · {documents} เอกสาร · รอตรวจ {queued} · ผิดพลาด {errors}",
        "en": "{pages} pages · {documents} documents · {queued} queued · {errors} errors",
    },
    "wrote": {"th": "บันทึกรายงานแล้ว: {path}", "en": "wrote {path}"},
    "crawl_stats": {
        "th": "ตรวจ {pages} หน้า {documents} เอกสาร คำขอ {requests} ครั้ง ผิดพลาด {errors}",
        "en": "{pages} pages, {documents} documents, {requests} requests, {errors} errors",
    },
    # ---- HTML, Markdown and JUnit reports (checker/report/html.py, markdown.py, junit.py)
    "months": {
        "th": "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.",
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
    "when": {"th": "{day} {month} {year} เวลา {hm} น.", "en": "{day} {month} {year}, {hm} (Thai time)"},
    "report_title": {"th": "ผลตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", "en": "OIT disclosure check"},
    "fiscal_year": {"th": "ปีงบประมาณ {year}", "en": "Fiscal year {year}"},
    "checked_at": {"th": "ตรวจเมื่อ {when}", "en": "Checked {when}"},
    "tool_version": {"th": "{name} รุ่น {version} · เกณฑ์ {ruleset}", "en": "{name} {version} · criteria {ruleset}"},
    "by_indicator": {"th": "สรุปรายตัวชี้วัดย่อย", "en": "Summary by sub-indicator"},
    "col_indicator": {"th": "ตัวชี้วัดย่อย", "en": "Sub-indicator"},
    "col_passed": {"th": "ผ่าน", "en": "Passed"},
    "status_counts": {"th": "จำนวนข้อตามผลตรวจ", "en": "Items by status"},
    "filter_label": {"th": "แสดง", "en": "Show"},
    "filter_all": {"th": "ทั้งหมด", "en": "All"},
    "filter_todo": {"th": "ต้องแก้ไข (ไม่ผ่าน)", "en": "To fix (not passing)"},
    "items_heading": {"th": "ผลตรวจรายข้อ", "en": "Items"},
    "found_via": {"th": "พบจาก {via}", "en": "found via {via}"},
    "period": {"th": "ช่วงเวลา {period}", "en": "period {period}"},
    "no_evidence": {"th": "ไม่พบหลักฐาน", "en": "No evidence found"},
    "not_a_link": {
        "th": "ที่อยู่นี้ไม่ใช่ลิงก์เว็บ (http/https) จึงแสดงเป็นข้อความ",
        "en": "Not a web (http/https) address, so shown as text",
    },
    "elements_found": {"th": "องค์ประกอบที่พบ", "en": "Found"},
    "elements_not_found": {"th": "องค์ประกอบที่ไม่พบ", "en": "Not found"},
    "elements_unknown": {"th": "ยืนยันไม่ได้", "en": "Cannot confirm"},
    "waiver": {
        "th": "ยกเว้นไว้ถึง {expires}: {reason}",
        "en": "Waived until {expires}: {reason}",
    },
    "waived_until": {"th": "ยกเว้นถึง {expires}", "en": "waived until {expires}"},
    "coverage_heading": {"th": "ขอบเขตการตรวจ", "en": "What the crawl covered"},
    # What was read, then only what was not and why (checker/report/coverage.py); unused budget is never shown.
    "cov_read": {
        "th": "อ่านแล้ว {pages} หน้าเว็บ และ {documents} เอกสาร{cache} ใช้เวลา {seconds} วินาที",
        "en": "Read {pages} page{pages_s} and {documents} document{documents_s}{cache} in {seconds} s",
    },
    "cov_read_cache": {
        "th": " (ในจำนวนนี้ {n} รายการไม่เปลี่ยนจากการตรวจครั้งก่อน จึงใช้จากแคช)",
        "en": " ({n} of them unchanged since the last check, taken from the cache)",
    },
    "cov_all_read": {
        "th": "อ่านครบทุกหน้าเว็บและเอกสารของเว็บไซต์ที่ลิงก์พาไปถึง ไม่มีหน้าใดถูกข้าม",
        "en": "Every page and document of the site that its links lead to was read; none was skipped",
    },
    "cov_gap_budget": {
        "th": "ไม่ได้เปิด {n} ลิงก์ เพราะงบการตรวจ ({what}) หมด ผลบางข้ออาจยังไม่สมบูรณ์",
        "en": "{n} link{s} not opened: the crawl budget ({what}) ran out, so some verdicts may be incomplete",
    },
    "cov_gap_unreached": {
        "th": "ไม่ได้เปิด {n} ลิงก์ เพราะการตรวจจบก่อนไปถึง",
        "en": "{n} link{s} not opened: the crawl ended before reaching them",
    },
    "cov_gap_failed": {
        "th": "เปิดไม่ได้ {n} รายการ (เซิร์ฟเวอร์ตอบว่าผิดพลาด หมดเวลารอ หรือเชื่อมต่อไม่ได้)",
        "en": "{n} could not be opened (an error from the server, a timeout or a failed connection)",
    },
    "cov_gap_circuit": {
        "th": "ไม่ได้เปิด {n} ลิงก์ เพราะเว็บไซต์ขัดข้องต่อเนื่อง เครื่องมือจึงหยุดพักไม่ส่งคำขอเพิ่ม",
        "en": "{n} link{s} not opened: the site kept failing, so the tool paused instead of adding load",
    },
    "cov_gap_robots": {
        "th": "ไม่ได้เปิด {n} ลิงก์ เพราะ robots.txt ของเว็บไซต์ไม่อนุญาต",
        "en": "{n} link{s} not opened: disallowed by the site's robots.txt",
    },
    "cov_gap_depth": {
        "th": "ไม่ได้เปิด {n} ลิงก์ เพราะอยู่ลึกจากหน้าแรกเกินกว่าที่กำหนดให้ตรวจ",
        "en": "{n} link{s} not opened: too many clicks away from the home page (the depth limit)",
    },
    "cov_gap_trap": {
        "th": "ไม่ได้เปิด {n} ลิงก์ที่วนซ้ำไม่สิ้นสุด (เช่น ปฏิทิน)",
        "en": "{n} link{s} not opened: a crawler trap (such as an endless calendar)",
    },
    "cov_gap_settled": {
        "th": "ไม่ได้เปิดอีก {n} ลิงก์ เพราะตัดสินผลได้ครบทุกข้อแล้ว",
        "en": "{n} more link{s} not opened: every item was already decided",
    },
    "cov_external": {
        "th": "ลิงก์ไปยังเว็บไซต์อื่น {n} รายการ ไม่ได้ตามไปตรวจ",
        "en": "{n} link{s} to other sites, not followed",
    },
    "cut_heading": {"th": "หน้าและไฟล์ที่อ่านได้ไม่ครบ", "en": "Pages and files read only in part"},
    "cut_line": {
        "th": "อ่านได้ไม่ครบ {n} รายการ (เช่น {first}: {why})",
        "en": "{n} read only in part (e.g. {first}: {why})",
    },
    "not_rendered_heading": {
        "th": "หน้าที่ต้องใช้เบราว์เซอร์แสดงผลแต่ไม่ได้แสดงผล",
        "en": "Pages that need a browser and were not rendered",
    },
    "changes_heading": {"th": "การเปลี่ยนแปลงจากการตรวจครั้งก่อน", "en": "Changes since the last run"},
    "changes_previous": {
        "th": "ครั้งก่อน ({when}) ผ่าน {passed} จาก {total} ข้อ ({percent:.1f}%)",
        "en": "Last run ({when}): {passed} of {total} items passed ({percent:.1f}%)",
    },
    "changes_none": {"th": "ไม่มีข้อที่ผลเปลี่ยนไป", "en": "No item changed"},
    "change_new": {"th": "ข้อใหม่", "en": "New"},
    "change_fixed": {"th": "แก้ไขแล้ว", "en": "Fixed"},
    "change_regressed": {"th": "แย่ลง", "en": "Regressed"},
    "change_changed": {"th": "เปลี่ยนสถานะ", "en": "Changed"},
    "change_unchanged": {"th": "ไม่เปลี่ยน", "en": "Unchanged"},
    "not_before": {"th": "ไม่มีในครั้งก่อน", "en": "not in the last run"},
    "review_skip": {
        "th": "ต้องให้ผู้ตรวจดูเอง (ไม่นับว่าผ่านหรือไม่ผ่าน): {reason}",
        "en": "A person must look (neither pass nor fail): {reason}",
    },
    "footer": {
        "th": "รายงานนี้สร้างโดยเครื่องมือตรวจอัตโนมัติ ข้อที่ “ต้องตรวจเอง” ต้องให้เจ้าหน้าที่เปิดดู",
        "en": "Made by an automatic checker; items marked “review” need a person to look",
    },
}


MESSAGES.update(OPERATIONS_MESSAGES)


def t(key: str, lang: str = "th", **kwargs: Any) -> str:
    """The message `key` in `lang` (falls back to Thai), formatted with kwargs."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**kwargs) if kwargs else text
