"""O19–O26 (9.3 procurement, 9.4 human resources)."""

from __future__ import annotations

import html

from tests.support.fieldgen.common import Cond, Doc, periods, publish_doc, table_lines, to_spec
from tests.support.fieldgen.site import Site
from tests.support.fieldgen.thai import MONTHS, MONTHS_ABBR, Day, day_in_fy, fy_span, money, thai_digits

E = html.escape


def _y(site: Site, fy: int) -> str:
    return thai_digits(str(fy)) if site.rng.random() < 0.2 else str(fy)


def _project(site: Site) -> str:
    return site.fmt(site.pool.pick("project"), m=site.rng.randint(1, 12))


def _o19(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O19", "head", y=_y(site, fy))
    cols = list(site.pool.item("O19", "columns"))
    rows = [cols]
    for i in range(1, 5):
        row = []
        for c in cols:
            if c in ("ลำดับที่", "ที่"):
                row.append(str(i))
            elif any(w in c for w in ("วงเงิน", "งบประมาณ", "ราคา")):
                row.append(money(site.rng.randint(5, 90) * 10000))
            elif "วิธี" in c:
                row.append(site.rng.choice(("เฉพาะเจาะจง", "e-bidding")))
            elif "ปริมาณ" in c:
                row.append("1 งาน")
            elif any(w in c for w in ("เดือน", "กำหนด", "ช่วงเวลา")):
                row.append(f"{MONTHS[site.rng.choice((0, 1, 2, 10, 11))]} {fy if site.rng.random() < 0.6 else fy - 1}")
            else:
                row.append(_project(site))
        rows.append(row)
    law = site.word("O19", "law")
    day = day_in_fy(site.rng, fy, 10, 12)
    return Doc(head, [f"{law}\n{table_lines(rows)}\nประกาศ ณ วันที่ {day.long()}\n({site.chief.name})"], day,
               "procplan", fy=fy, brief=[law, table_lines(rows[:3]), f"ประกาศ ณ วันที่ {day.long()}"])  # fmt: skip


def o19(site: Site, cond: Cond) -> None:
    publish_doc(site, "O19", cond, lambda v: _o19(site, v), {
        "pass": "procurement plan of the assessed fiscal year announced under the 2560 procurement act",
        "outdated": "the only procurement plan is of an earlier fiscal year",
    })  # fmt: skip


def o20(site: Site, cond: Cond) -> None:
    """A list of procurement announcements, each an on-site PDF (an invitation and a result at least)."""
    title = site.word("O20", "title")
    if site.page_absent(
        "O20",
        cond.kind,
        "procurement_news",
        title,
        "no procurement announcements on the site",
        "the procurement announcements page linked from the menu/ITA row answers 404",
    ):
        return
    fy = site.year if cond.kind == "pass" else site.year - 2
    entries = []
    for key in ("invite", "winner", "winner" if site.rng.random() < 0.5 else "invite"):
        day = day_in_fy(site.rng, fy, 10, 5)
        text = site.word("O20", key, project=_project(site), goods=site.word("O20", "item"))
        doc = Doc(text, [f"{site.agency}\nประกาศ ณ วันที่ {day.long()}\n({site.chief.name})\n{site.chief.position}"],
                  day, "egp")  # fmt: skip
        spec, ext = to_spec(site, doc, False)
        href = site.add_doc(spec, site.file_name("egp", "O20", day), ext, day)
        entries.append(
            f'<tr><td>{E(day.styled(site.rng.randrange(4)))}</td><td><a href="{href}">{E(text)}</a></td></tr>'
        )
    body = f"<h1>{E(title)}</h1><table><tr><th>วันที่</th><th>เรื่อง</th></tr>{''.join(entries)}</table>"
    site.native_page("O20", "procurement_news", title, body)
    if cond.kind == "pass":
        site.label("O20", "pass", "procurement invitations and winner announcements dated within the assessed year")
    else:
        site.label("O20", "outdated", "procurement announcements exist but all are dated two fiscal years back")


def _o21(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "half")
    short = variant == "incomplete"
    cols = ["ที่", "รายการ", "จำนวนเงิน (บาท)", "ผู้ขาย/ผู้รับจ้าง", "วันที่"] if short else list(site.pool.item("O21", "columns"))
    pages = []
    for month in (10, 11, 12, 1, 2, 3):
        year = fy - 1 if month >= 10 else fy
        mhead = site.word("O21", "head", month=MONTHS[month - 1], y=year)
        if site.rng.random() < 0.15:
            pages.append(f"{mhead}\n{site.word('O21', 'none_month')}")
            continue
        amount = site.rng.randint(5, 300) * 1000
        vendor = site.rng.choice(("ร้านรุ่งเรืองพาณิชย์", "หจก.ทองดีก่อสร้าง", "ร้านสมใจการค้า"))
        full = ["1", _project(site), money(amount), money(amount), "เฉพาะเจาะจง", f"{vendor} {money(amount)}",
                f"{vendor} {money(amount)}", "ราคาต่ำสุดและเป็นประโยชน์ต่อทางราชการ",
                f"{site.rng.randint(1, 99)}/{year} ลว. {site.rng.randint(1, 28)} {MONTHS_ABBR[month - 1]} "
                f"{year % 100:02d}"]  # fmt: skip
        row = ["1", full[1], money(amount), vendor, f"{site.rng.randint(1, 28)}/{month:02d}/{year}"] if short else full
        pages.append(f"{mhead}\n{table_lines([cols, row[: len(cols)]])}")
    head = f"สรุปผลการจัดซื้อจัดจ้างรายเดือน ประจำปีงบประมาณ {_y(site, fy)} ({fy_span(fy)})"
    return Doc(head, pages, Day(fy, 4, site.rng.randint(3, 25)), "sorkor", fy=fy)


def o21(site: Site, cond: Cond) -> None:
    publish_doc(site, "O21", cond, lambda v: _o21(site, v), {
        "pass": "monthly สขร.1 summaries for October–March of the assessed year with item, budget, reference price, "
                "method, bidders, winner and price, reason, contract number and date",
        "incomplete": "monthly summaries list item, amount, vendor and date only: no reference price, method, "
                      "bidders, reason or contract",
        "outdated": "the monthly summaries cover months of an earlier fiscal year",
    })  # fmt: skip


def _o22(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "prev")
    head = site.word("O22", "head", y=_y(site, fy))
    k = site.rng.randint(40, 240)
    amount = money(site.rng.randint(200, 2000) * 10000 + 0.7)
    parts = [site.word("O22", "total", y=fy, k=k, amount=amount),
             table_lines([["วิธีการจัดซื้อจัดจ้าง", "จำนวนโครงการ", "งบประมาณ (บาท)"],
                          ["เฉพาะเจาะจง", str(k - 6), money(site.rng.randint(50, 900) * 10000)],
                          ["ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "6",
                           money(site.rng.randint(100, 900) * 10000)]])]  # fmt: skip
    if variant != "incomplete":
        parts += [
            site.words("problems"),
            "1. ผู้ประกอบการในพื้นที่มีน้อย 2. เจ้าหน้าที่ขาดความรู้ระบบ e-GP",
            site.words("suggestions"),
            "1. ควรวางแผนการจัดซื้อจัดจ้างล่วงหน้า 2. ส่งเจ้าหน้าที่เข้ารับการอบรม",
        ]
    return Doc(head, ["\n".join(parts)], Day(fy, 10 if site.rng.random() < 0.5 else 11, site.rng.randint(1, 28)),
               "procreport", fy=fy)  # fmt: skip


def o22(site: Site, cond: Cond) -> None:
    publish_doc(site, "O22", cond, lambda v: _o22(site, v), {
        "pass": "annual procurement report of the previous year: budget used, items by method, problems, suggestions",
        "incomplete": "annual procurement report gives the budget and a summary but no problems or suggestions",
        "outdated": "the annual procurement report is of a fiscal year two or more years back",
    })  # fmt: skip


def _o23(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O23", "head", y=_y(site, fy))
    policies = site.pool.sample("items", "O23", "policy", k=3)
    parts = [
        f"{site.agency} กำหนดนโยบายการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ {fy} ดังนี้",
        *[f"{i}. {p}" for i, p in enumerate(policies, 1)],
        f"({site.chief.name})",
        site.chief.position,
    ]
    return Doc(head, ["\n".join(parts)], day_in_fy(site.rng, fy, 10, 12), "hrpolicy", fy=fy)


def o23(site: Site, cond: Cond) -> None:
    publish_doc(site, "O23", cond, lambda v: _o23(site, v), {
        "pass": "HR management/development policy of the assessed fiscal year in the agency's name",
        "outdated": "the only HR policy/plan is of an earlier fiscal year",
    })  # fmt: skip


def _o24(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "half")
    head = site.word("O24", "head", y=_y(site, fy)) + f" ({fy_span(fy)})"
    nobudget = variant == "incomplete"
    cols = (
        ["โครงการ/กิจกรรม", "ผลการดำเนินงาน"]
        if nobudget
        else ["โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ใช้จ่ายจริง (บาท)", "ผลการดำเนินงาน"]
    )
    rows = [cols]
    for name in ("โครงการฝึกอบรมเพิ่มประสิทธิภาพการปฏิบัติงาน", "ส่งบุคลากรเข้ารับการฝึกอบรมหลักสูตรตามสายงาน",
                 "โครงการอบรมคุณธรรมจริยธรรม"):  # fmt: skip
        budget = site.rng.randint(2, 15) * 10000
        status = site.rng.choice(("ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ"))
        rows.append([name, status] if nobudget else [name, money(budget), money(budget * 0.6), status])
    return Doc(head, [f"{site.agency}\n{table_lines(rows)}"], Day(fy, 4, site.rng.randint(1, 28)), "hr6m", fy=fy)


def o24(site: Site, cond: Cond) -> None:
    publish_doc(site, "O24", cond, lambda v: _o24(site, v), {
        "pass": "six-month progress (Oct–Mar) of each HR plan project with its budget and money used",
        "incomplete": "six-month HR progress lists projects and status but no budget figures",
        "outdated": "the only HR progress report is a six-month report of an earlier fiscal year",
    })  # fmt: skip


def _o25(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O25", "head", y=_y(site, fy))
    parts_names = list(site.pool.item("O25", "parts"))
    if variant == "incomplete":
        parts_names = parts_names[:3]
    body = [f"{i}. {p} ให้เป็นไปตามประกาศคณะกรรมการพนักงานส่วนท้องถิ่นจังหวัด{site.province}"
            for i, p in enumerate(parts_names, 1)]  # fmt: skip
    return Doc(head, ["\n".join([site.agency, *body])], day_in_fy(site.rng, fy, 10, 1), "hrrule", fy=fy,
               fmt="docx" if site.rng.random() < 0.3 else "pdf")  # fmt: skip


def o25(site: Site, cond: Cond) -> None:
    publish_doc(site, "O25", cond, lambda v: _o25(site, v), {
        "pass": "HR criteria of the assessed year: recruitment, appointment, development, appraisal, reward/discipline "
                "and morale",
        "incomplete": "HR criteria cover recruitment, appointment and development only: no appraisal, no "
                      "reward/discipline or morale",
        "outdated": "the HR criteria document is of an earlier fiscal year",
    })  # fmt: skip


def _o26(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "prev")
    head = site.word("O26", "head", y=_y(site, fy))
    parts = [
        f"ผลการดำเนินการตามแผนพัฒนาบุคลากร ปีงบประมาณ {fy} ดำเนินการแล้ว {site.rng.randint(5, 9)} โครงการ จาก 10 โครงการ"
    ]
    if variant != "incomplete":
        parts += [site.word("O26", "stats"),
                  table_lines([["อัตรากำลังทั้งหมด", "บรรจุแต่งตั้ง/โอนย้าย", "เข้ารับการฝึกอบรม"],
                               [f"{site.rng.randint(25, 80)} อัตรา", f"{site.rng.randint(1, 6)} ราย",
                                f"{site.rng.randint(10, 40)} คน"]])]  # fmt: skip
    parts += [site.words("problems"), "บุคลากรมีภาระงานมาก ไม่สามารถเข้ารับการอบรมได้ครบ",
              site.words("suggestions"), "ควรจัดสรรงบประมาณด้านการพัฒนาบุคลากรเพิ่มขึ้น"]  # fmt: skip
    return Doc(head, ["\n".join(parts)], Day(fy, 11, site.rng.randint(1, 28)), "hrreport", fy=fy)


def o26(site: Site, cond: Cond) -> None:
    publish_doc(site, "O26", cond, lambda v: _o26(site, v), {
        "pass": "annual HR report of the previous year: results under the plan, staffing/appointment/training "
                "statistics, problems, suggestions",
        "incomplete": "annual HR report has results, problems and suggestions but no HR statistics",
        "outdated": "the annual HR report is of a fiscal year two or more years back",
    })  # fmt: skip
