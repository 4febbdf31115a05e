"""O27–O35 (9.5 transparency: complaints and participation; 10.1 No Gift and corruption risk)."""

from __future__ import annotations

import html

from tests.support.fieldgen.common import Cond, Doc, periods, publish_doc, table_lines
from tests.support.fieldgen.site import Site
from tests.support.fieldgen.thai import Day, day_in_fy, fy_span, thai_digits

E = html.escape


def _y(site: Site, fy: int) -> str:
    return thai_digits(str(fy)) if site.rng.random() < 0.2 else str(fy)


def _o27(site: Site, variant: str) -> Doc:
    head = site.word("O27", "head")
    parts = [site.word("O27", "channel"), f"1. ร้องเรียนด้วยตนเอง ณ สำนักงาน{site.short}", f"2. โทรศัพท์ {site.phone}",
             f"3. เว็บไซต์ {site.short} เมนูแจ้งเรื่องร้องเรียนการทุจริต", "4. ตู้รับเรื่องร้องเรียน",
             site.word("O27", "steps"), "1. รับเรื่องและลงทะเบียน 2. ตรวจสอบข้อเท็จจริง 3. เสนอผู้บริหารสั่งการ "
             "4. แจ้งผลให้ผู้ร้องทราบ", site.word("O27", "unit")]  # fmt: skip
    if variant != "incomplete":
        parts.append(site.word("O27", "time"))
    day = day_in_fy(site.rng, site.year - site.rng.randint(0, 3))
    return Doc(head, ["\n".join(parts)], day, "complaintmanual", fmt="docx" if site.rng.random() < 0.3 else "pdf")


def o27(site: Site, cond: Cond) -> None:
    publish_doc(site, "O27", cond, lambda v: _o27(site, v), {
        "pass": "corruption-complaint manual: channels to complain, handling steps, responsible unit, time frame",
        "incomplete": "corruption-complaint manual gives channels, steps and the responsible unit but no time frame",
    })  # fmt: skip


def o28(site: Site, cond: Cond) -> None:
    if cond.kind == "missing":
        site.placeholder("O28")
        site.label("O28", "missing", "no online channel for corruption complaints on the site")
        return
    general = site.add_page(site.url("complaint_general"), "ร้องเรียน/ร้องทุกข์", (
        "<h1>ร้องเรียน/ร้องทุกข์ทั่วไป</h1><form method=\"post\" action=\"#\"><p>เรื่อง <input name=\"t\"></p>"
        "<p>รายละเอียด <textarea name=\"d\"></textarea></p><button>ส่ง</button></form>"))  # fmt: skip
    site.native["complaint_general"] = general
    title = site.word("O28", "title")
    fields = "".join(
        f'<p>{E(f)} <input name="f{i}"></p>' for i, f in enumerate(site.pool.variants("items", "O28", "field"))
    )
    body = (
        f"<h1>{E(title)}</h1><p>{E(site.word('O28', 'guide'))}</p>"
        f'<form method="post" action="{site.url("complaint")}">{fields}'
        '<p>แนบไฟล์หลักฐาน <input type="file" name="evidence"></p><button type="submit">แจ้งเรื่อง</button></form>'
    )
    site.native_page("O28", "complaint", title, body)
    site.label("O28", "pass", "an on-site online form for corruption complaints, separate from general complaints")


def _o29(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "half")
    head = site.word("O29", "head", y=_y(site, fy)) + f" ({fy_span(fy, short=site.rng.random() < 0.5)})"
    cols = list(site.pool.item("O29", "cols"))
    # without completed/in-progress counts the statistics are incomplete only if there were complaints at all
    received = site.rng.choice((1, 2)) if variant == "incomplete" else site.rng.choice((0, 0, 1, 2))
    done = received if received < 2 else 1
    if variant == "incomplete":
        rows = [["ไตรมาส", cols[0]], ["ไตรมาสที่ 1", str(received)], ["ไตรมาสที่ 2", "0"]]
    else:
        rows = [["ไตรมาส", *cols], ["ไตรมาสที่ 1", str(received), str(done), str(received - done)],
                ["ไตรมาสที่ 2", "0", "0", "0"]]  # fmt: skip
    note = site.word("O29", "none") if received == 0 else ""
    lines = [site.agency, table_lines(rows), note]
    return Doc(head, ["\n".join(lines)], Day(fy, 4, site.rng.randint(1, 20)), "complaintstat", fy=fy,
               brief=[table_lines(rows), note])  # fmt: skip


def o29(site: Site, cond: Cond) -> None:
    publish_doc(site, "O29", cond, lambda v: _o29(site, v), {
        "pass": "corruption-complaint statistics for Oct–Mar of the assessed year: received, completed, in progress",
        "incomplete": "complaint statistics give only the number received, not how many are completed or in progress",
        "outdated": "the only complaint statistics are of an earlier fiscal year",
    })  # fmt: skip


def o30(site: Site, cond: Cond) -> None:
    """A news post about a public hearing (ประชาคม)."""
    title = site.word("O30", "title")
    if cond.kind == "missing":
        site.placeholder("O30")
        site.label("O30", "missing", "no activity letting outsiders take part in the agency's work is published")
        return
    if cond.kind == "unreachable":
        url = site.dead_page(f"post{site.next_id()}")
        site.evidence("O30", url, text=title)
        site.label("O30", "unreachable", "the link to the participation activity answers 404")
        return
    fy = site.year if cond.kind == "pass" else site.year - 2
    day = day_in_fy(site.rng, fy, 11, 4)
    head = site.word("O30", "activity")
    body = (
        f"<h1>{E(head)}</h1><p>เมื่อวันที่ {E(day.styled(site.rng.randrange(3)))} {E(site.agency)} "
        f"นำโดย{E(site.chief.name)} {E(site.chief.position)} จัดประชุมประชาคมร่วมกับผู้นำชุมชนและประชาชน "
        f"หมู่ที่ {site.rng.randint(1, 12)} เพื่อรับฟังความคิดเห็นและให้ประชาชนมีส่วนร่วมในการเสนอโครงการ "
        f"มีผู้เข้าร่วม {site.rng.randint(40, 200)} คน</p>"
    )
    url = site.add_page(site.post_url(), head, body)
    site.news.append((day, head, url))
    site.evidence("O30", url, text=head, group="news")
    if cond.kind == "pass":
        site.label("O30", "pass", "a public hearing (ประชาคม) with residents held within the assessed fiscal year")
    else:
        site.label("O30", "outdated", "the only participation activity published took place two fiscal years back")


def _o31(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O31", "head", y=_y(site, fy))
    pledge = site.word("O31", "pledge")
    day = day_in_fy(site.rng, fy, 10, 1)
    signer = site.clerk if variant == "incomplete" else site.chief
    sign = [f"ประกาศ ณ วันที่ {day.styled(site.rng.randrange(2))}", f"({signer.name})", signer.position]
    return Doc(head, ["\n".join([pledge, *sign])], day, "nogift", fy=fy, brief=[pledge, *sign])


def o31(site: Site, cond: Cond) -> None:
    publish_doc(site, "O31", cond, lambda v: _o31(site, v), {
        "pass": "No Gift declaration of the assessed year signed by the chief executive: executives and all staff "
                "accept no gifts before, during or after their duties",
        "incomplete": "the No Gift declaration is signed by the ปลัด, not by the chief executive in office",
        "outdated": "the only No Gift declaration is of an earlier fiscal year",
    })  # fmt: skip


def _o32(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    day = day_in_fy(site.rng, fy, 11, 3)
    head = site.word("O32", "head", y=_y(site, fy))
    body = [f"เมื่อวันที่ {day.long()} {site.agency} จัดประชุมพนักงาน", site.word("O32", "body"),
            f"ผู้เข้าร่วมกิจกรรม {site.rng.randint(20, 60)} คน"]  # fmt: skip
    return Doc(head, ["\n".join(body)], day, "nogiftact", fy=fy)


def o32(site: Site, cond: Cond) -> None:
    if cond.kind in ("pass", "outdated") and site.rng.random() < 0.5:
        doc = _o32(site, cond.kind)
        url = site.add_page(
            site.post_url(),
            doc.head,
            f"<h1>{E(doc.head)}</h1>" + "".join(f"<p>{E(p)}</p>" for p in doc.pages[0].split("\n")),
        )
        site.news.append((doc.day, doc.head, url))
        site.evidence("O32", url, text=doc.head)
        why = (
            "an activity (staff meeting) building the culture of refusing gifts, held in the assessed year"
            if cond.kind == "pass"
            else "the only No Gift culture activity took place in an earlier fiscal year"
        )
        site.label("O32", cond.kind, why + " (a news post)")
        return
    publish_doc(site, "O32", cond, lambda v: _o32(site, v), {
        "pass": "an activity (staff meeting) building the culture of refusing gifts, held in the assessed year",
        "outdated": "the only No Gift culture activity took place in an earlier fiscal year",
    })  # fmt: skip


def _o33(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "half")
    head = site.word("O33", "head", y=_y(site, fy)) + f" ({fy_span(fy)})"
    result = site.word("O33", "result")
    lines = [site.agency, "การประเมินผลการดำเนินการตามนโยบาย No Gift Policy", result,
             f"({site.clerk.name}) {site.clerk.position} ผู้รายงาน"]  # fmt: skip
    return Doc(head, ["\n".join(lines)], Day(fy, 4, site.rng.randint(1, 25)), "nogiftreport", fy=fy,
               brief=lines[1:3])  # fmt: skip


def o33(site: Site, cond: Cond) -> None:
    publish_doc(site, "O33", cond, lambda v: _o33(site, v), {
        "pass": "six-month (Oct–Mar) evaluation and report under the No Gift Policy for the assessed year",
        "outdated": "the only No Gift report is a six-month report of an earlier fiscal year",
    })  # fmt: skip


def _o34(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O34", "head", y=_y(site, fy))
    events = site.pool.sample("items", "O34", "event", k=3)
    level, measure = site.word("O34", "level"), site.word("O34", "measure")
    cols = ["เหตุการณ์ความเสี่ยง", "โอกาส", "ผลกระทบ", level] + ([] if variant == "incomplete" else [measure])
    rows = [cols]
    for e in events:
        o, i = site.rng.randint(2, 5), site.rng.randint(2, 5)
        grade = "สูง" if o * i >= 12 else "ปานกลาง"
        row = [e, str(o), str(i), f"{o * i} ({grade})"]
        if variant != "incomplete":
            row.append("กำหนดขั้นตอนให้ชัดเจน ตรวจสอบโดยผู้บังคับบัญชา และเผยแพร่ข้อมูลต่อสาธารณะ")
        rows.append(row)
    return Doc(head, [f"{site.agency}\n{table_lines(rows)}"], day_in_fy(site.rng, fy, 10, 12), "risk", fy=fy)


def o34(site: Site, cond: Cond) -> None:
    publish_doc(site, "O34", cond, lambda v: _o34(site, v), {
        "pass": "corruption-risk assessment of the assessed year: risk events, their levels and control measures",
        "incomplete": "risk assessment lists risk events and levels but no measures to manage them",
        "outdated": "the only risk assessment is of an earlier fiscal year",
    })  # fmt: skip


def _o35(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O35", "head", y=_y(site, fy))
    day = day_in_fy(site.rng, fy, 1, 4)
    lines = [f"ตามที่{site.agency}ได้ประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ {fy} และกำหนดมาตรการควบคุมความเสี่ยงแล้ว "
             "ได้ดำเนินการดังนี้",
             f"1. ประชุมชี้แจงขั้นตอนการพิจารณาอนุญาตให้เจ้าหน้าที่ถือปฏิบัติ เมื่อวันที่ {day.long()}",
             "2. เผยแพร่ขั้นตอนและระยะเวลาการให้บริการบนเว็บไซต์และบอร์ดประชาสัมพันธ์",
             "3. ผู้บังคับบัญชาตรวจสอบการปฏิบัติงานทุกเดือน"]  # fmt: skip
    return Doc(head, ["\n".join(lines)], day, "riskaction", fy=fy)


def o35(site: Site, cond: Cond) -> None:
    publish_doc(site, "O35", cond, lambda v: _o35(site, v), {
        "pass": "activities carried out in the assessed year under the risk-control measures",
        "outdated": "the only report of risk-management activities is of an earlier fiscal year",
    })  # fmt: skip
