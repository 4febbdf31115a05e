"""O11–O18 (9.2 การบริหารงาน): the annual plan and its reports, manuals, service statistics, satisfaction
survey, e-service."""

from __future__ import annotations

import html

from tests.support.fieldgen.common import Cond, Doc, periods, publish_doc, table_lines
from tests.support.fieldgen.site import Site
from tests.support.fieldgen.thai import MONTHS, Day, day_in_fy, fy_span, money, thai_digits

E = html.escape


def _projects(site: Site, k: int) -> list[tuple[str, int]]:
    names = site.pool.sample("project", k=k)
    return [(site.fmt(n, m=i + 1), site.rng.randint(3, 60) * 10000) for i, n in enumerate(names)]


def _year(site: Site, fy: int) -> str:
    return thai_digits(str(fy)) if site.rng.random() < 0.2 else str(fy)


def _o11(site: Site, variant: str, cond: Cond) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O11", "head", y=_year(site, fy))
    cols = list(site.pool.item("O11", "columns"))
    months = list(site.pool.pick("months_col"))
    drop = cond.variant if variant == "incomplete" else ""
    budget_cols = [c for c in cols if any(w in c for w in ("งบประมาณ", "วงเงิน"))]
    if drop == "nobudget":
        cols = [c for c in cols if c not in budget_cols]
    yy = [f"{(fy - 1 if i < 3 else fy) % 100:02d}" for i in range(12)]
    header = cols + ([] if drop == "noschedule" else [f"{m} {yy[i]}" for i, m in enumerate(months)])
    rows = [header]
    for i, (name, amount) in enumerate(_projects(site, 5), 1):
        row = []
        for c in cols:
            if c in budget_cols:
                row.append(money(amount))
            elif c in ("ลำดับ", "ที่"):
                row.append(str(i))
            elif "รับผิดชอบ" in c or "หน่วย" in c or "กอง" in c:
                row.append(site.rng.choice(("สำนักปลัด", "กองช่าง", "กองคลัง")))
            elif "สถานที่" in c:
                row.append(f"หมู่ที่ {i + 1}")
            elif "รายละเอียด" in c:
                row.append("ดำเนินการตามแบบแปลน")
            else:
                row.append(name)
        if drop != "noschedule":
            start = site.rng.randint(0, 8)
            row += ["/" if start <= j <= start + 3 else "" for j in range(12)]
        rows.append(row)
    intro = f"{site.agency}\nยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน"
    fmt = "xlsx" if site.rng.random() < 0.3 else "pdf"
    day = day_in_fy(site.rng, fy, 10, 11)
    if fmt == "xlsx":
        return Doc(head, [intro], day, "plan", fmt="xlsx", table=rows, fy=fy)
    return Doc(head, [intro + "\n" + table_lines(rows)], day, "plan", fy=fy)


def o11(site: Site, cond: Cond) -> None:
    publish_doc(site, "O11", cond, lambda v: _o11(site, v, cond), {
        "pass": "one-year plan of the assessed fiscal year: projects, budget of each, month-by-month schedule",
        "incomplete": "one-year plan lists projects but lacks "
                      + ("the budget of each project" if cond.variant == "nobudget" else "any schedule/time frame"),
        "outdated": "the plan's own title names an earlier fiscal year",
    })  # fmt: skip


def _o12(site: Site, variant: str, cond: Cond) -> Doc:
    fy = periods(site, variant, "half")
    head = site.word("O12", "head", y=_year(site, fy)) + f" ({fy_span(fy, short=site.rng.random() < 0.5)})"
    cols = list(site.pool.item("O12", "columns"))
    nospent = variant == "incomplete"
    if nospent:
        cols = [c for c in cols if not any(w in c for w in ("งบประมาณ", "เบิก", "ใช้จ่าย", "ร้อยละ"))]
    rows = [cols]
    for i, (name, amount) in enumerate(_projects(site, 5), 1):
        spent = int(amount * site.rng.uniform(0.2, 1.0))
        row = []
        for c in cols:
            if c in ("ลำดับ", "ที่"):
                row.append(str(i))
            elif "โครงการ" in c:
                row.append(name)
            elif any(w in c for w in ("เบิก", "ใช้จ่าย")):
                row.append(money(spent))
            elif "ร้อยละ" in c:
                row.append(f"{100 * spent / amount:.2f}")
            elif "งบประมาณ" in c:
                row.append(money(amount))
            else:
                row.append(site.pool.item("O12", "status"))
        rows.append(row)
    quarters = [site.word("O12", "quarter", yy1=f"{(fy - 1) % 100:02d}"), f"ไตรมาสที่ 2 (ม.ค. - มี.ค. {fy % 100:02d})"]
    if nospent:
        quarter_lines = [f"{q} : ดำเนินการตามแผน" for q in quarters]
    else:
        quarter_lines = [f"{q} : เบิกจ่าย {money(site.rng.randint(5, 40) * 100000)} บาท" for q in quarters]
    body = "\n".join([site.agency, table_lines(rows), "", *quarter_lines])
    return Doc(head, [body], Day(fy, 4, site.rng.randint(5, 28)), "report6m", fy=fy)


def o12(site: Site, cond: Cond) -> None:
    publish_doc(site, "O12", cond, lambda v: _o12(site, v, cond), {
        "pass": "six-month report (Oct–Mar of the assessed year) with progress and money spent per project, by quarter",
        "incomplete": "six-month report shows each project's status but no budget figures per project",
        "outdated": "the only six-month report covers an earlier fiscal year",
    })  # fmt: skip


def _o13(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "prev")
    head = site.word("O13", "head", y=_year(site, fy))
    total = site.rng.randint(40, 90)
    done = site.rng.randint(total // 2, total - 3)
    result = site.word("O13", "results", total=total, done=done, pct=f"{100 * done / total:.2f}")
    rows = [["ที่", "โครงการ", "งบประมาณ (บาท)", "ผลการดำเนินงาน"]]
    rows += [[str(i), n, money(a), "ดำเนินการแล้วเสร็จ"] for i, (n, a) in enumerate(_projects(site, 4), 1)]
    parts = [f"ส่วนที่ 1 ผลการดำเนินงานตามแผนการดำเนินงาน ประจำปีงบประมาณ {fy}", result, table_lines(rows)]
    if variant != "incomplete":
        parts += [site.words("problems"), "1. งบประมาณมีจำกัด ไม่เพียงพอต่อความต้องการของประชาชน",
                  "2. โครงการบางส่วนดำเนินการล่าช้าเนื่องจากสภาพอากาศ",
                  site.words("suggestions"), "1. ควรจัดลำดับความสำคัญของโครงการให้สอดคล้องกับงบประมาณ",
                  "2. ควรเร่งรัดการเบิกจ่ายให้เป็นไปตามแผน"]  # fmt: skip
    return Doc(head, ["\n".join(parts)], Day(fy, 11, site.rng.randint(1, 28)), "annual", fy=fy)


def o13(site: Site, cond: Cond) -> None:
    publish_doc(site, "O13", cond, lambda v: _o13(site, v), {
        "pass": "annual report of the previous fiscal year: results against the plan (projects completed, per cent), "
                "project results, problems/obstacles and suggestions",
        "incomplete": "annual report gives results against the plan but no problems/obstacles and no suggestions",
        "outdated": "the annual report's title names a fiscal year two or more years back",
    })  # fmt: skip


def _o14(site: Site, variant: str) -> Doc:
    i = site.rng.randrange(len(site.pool.variants("items", "O14", "task")))
    task = site.pool.variants("items", "O14", "task")[i]
    positions = site.pool.variants("items", "O14", "position")
    position = positions[i % len(positions)]
    head = site.word("O14", "head", task=task)
    parts = [site.agency, f"ตำแหน่งผู้ปฏิบัติงาน : {position}", "1. วัตถุประสงค์ เพื่อให้การปฏิบัติงานเป็นมาตรฐานเดียวกัน",
             f"2. ขอบเขตของงาน {task}"]  # fmt: skip
    if variant != "incomplete":
        parts += [f"3. {site.word('O14', 'steps')}", "ขั้นตอนที่ 1 รับเรื่องและตรวจสอบเอกสาร",
                  "ขั้นตอนที่ 2 เสนอผู้บังคับบัญชาพิจารณา", "ขั้นตอนที่ 3 ดำเนินการและบันทึกในระบบ",
                  "ขั้นตอนที่ 4 รายงานผลและจัดเก็บเอกสาร"]  # fmt: skip
    else:
        parts += ["3. คำจำกัดความ", "4. เอกสารอ้างอิง ระเบียบที่เกี่ยวข้อง"]
    day = day_in_fy(site.rng, site.year - site.rng.randint(0, 4))
    fmt = "docx" if site.rng.random() < 0.35 else "pdf"
    return Doc(head, ["\n".join(parts)], day, "manual", fmt=fmt)


def o14(site: Site, cond: Cond) -> None:
    publish_doc(site, "O14", cond, lambda v: _o14(site, v), {
        "pass": "staff manual naming the task, the position that does it and the step-by-step procedure",
        "incomplete": "staff manual with objectives and scope but no steps of the work",
    })  # fmt: skip


def _o15(site: Site, variant: str) -> Doc:
    service = site.word("O15", "service")
    head = site.word("O15", "head", service=service)
    parts = [f"หน่วยงานที่ให้บริการ : {site.agency}", f"ช่องทางการให้บริการ : ณ สำนักงาน{site.short} โทร {site.phone}"]
    if variant != "incomplete":
        parts += [site.word("O15", "steps"), "1. ยื่นคำขอและตรวจสอบเอกสาร (15 นาที)", "2. เจ้าหน้าที่พิจารณา (1 วัน)",
                  "3. แจ้งผลการพิจารณา (1 วัน)", site.word("O15", "time", k=site.rng.randint(2, 15))]  # fmt: skip
    parts += [site.word("O15", "docs"), "1. บัตรประจำตัวประชาชน", "2. สำเนาทะเบียนบ้าน", site.word("O15", "fee")]
    day = day_in_fy(site.rng, site.year - site.rng.randint(0, 5))
    return Doc(head, ["\n".join(parts)], day, "service")


def o15(site: Site, cond: Cond) -> None:
    publish_doc(site, "O15", cond, lambda v: _o15(site, v), {
        "pass": "public service manual: the service, its steps with time, documents required and fee",
        "incomplete": "service manual lists documents and fee but not the steps to obtain the service",
    })  # fmt: skip


def _o16(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "half")
    head = site.word("O16", "head", y=_year(site, fy), span=fy_span(fy))
    services = site.pool.sample("items", "O16", "service_col", k=3)
    rows = [["เดือน", *[f"{s} {site.pool.item('O16', 'unit')}" for s in services], "รวม"]]
    for month in (10, 11, 12, 1, 2, 3):
        year = fy - 1 if month >= 10 else fy
        counts = [site.rng.randint(0, 60) for _ in services]
        rows.append([f"{MONTHS[month - 1]} {year}", *map(str, counts), str(sum(counts))])
    fmt = "xlsx" if site.rng.random() < 0.35 else "pdf"
    day = Day(fy, 4, site.rng.randint(2, 20))
    if fmt == "xlsx":
        return Doc(head, [site.agency], day, "stat", fmt="xlsx", table=rows, fy=fy)
    return Doc(head, [site.agency + "\n" + table_lines(rows)], day, "stat", fy=fy)


def o16(site: Site, cond: Cond) -> None:
    publish_doc(site, "O16", cond, lambda v: _o16(site, v), {
        "pass": "service statistics: a monthly table of counts (ราย/ครั้ง/เรื่อง) for October–March of the assessed year",
        "outdated": "the only statistics table covers months of an earlier fiscal year",
    })  # fmt: skip


def _o17(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "prev")
    head = site.word("O17", "head", y=_year(site, fy))
    n = site.rng.randint(100, 400)
    pct = site.rng.uniform(85, 96)
    aspects = site.pool.sample("items", "O17", "aspect", k=3)
    parts = [f"ตามที่{site.agency}ได้ดำเนินการสำรวจความพึงพอใจของผู้รับบริการ ประจำปีงบประมาณ {fy} "
             f"ระหว่างเดือนตุลาคม {fy - 1} - กันยายน {fy} จำนวน {n} คน",  # buakham.go.th form
             *[f"{a} ค่าเฉลี่ย {site.rng.uniform(4.1, 4.8):.2f}" for a in aspects],
             site.word("O17", "result", mean=f"{pct / 20:.2f}", pct=f"{pct:.2f}")]  # fmt: skip
    return Doc(head, ["\n".join(parts)], Day(fy, 10 if site.rng.random() < 0.5 else 9, site.rng.randint(1, 28)),
               "survey", fy=fy)  # fmt: skip


def o17(site: Site, cond: Cond) -> None:
    publish_doc(site, "O17", cond, lambda v: _o17(site, v), {
        "pass": "satisfaction survey results of the previous (or assessed) fiscal year",
        "outdated": "the only satisfaction survey is of a fiscal year two or more years back",
    })  # fmt: skip


def o18(site: Site, cond: Cond) -> None:
    if cond.kind == "missing":
        site.placeholder("O18")
        site.label("O18", "missing", "no online service channel: services only at the office")
        return
    title = site.word("O18", "title")
    options = "".join(f"<option>{E(s)}</option>" for s in site.pool.sample("items", "O18", "service", k=3))
    body = (
        f"<h1>{E(title)}</h1><p>{E(site.word('O18', 'intro'))}</p>"
        f'<form method="post" action="{site.url("eservice")}"><p>ประเภทบริการ <select name="service">{options}'
        '</select></p><p>ชื่อ-นามสกุล <input name="name"></p><p>เบอร์โทรศัพท์ <input name="tel"></p>'
        '<p>รายละเอียด <textarea name="detail"></textarea></p><button type="submit">ส่งคำร้อง</button></form>'
    )
    site.native_page("O18", "eservice", title, body)
    site.label("O18", "pass", "an on-site form to request services online without visiting the office")
