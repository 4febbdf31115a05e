"""O36–O43 (10.1 anti-corruption plan and reports; 10.2 ethics and the ITA measures)."""

from __future__ import annotations

import html

from tests.support.fieldgen.common import Cond, Doc, periods, publish_doc, table_lines
from tests.support.fieldgen.media import banner_svg, qr_svg
from tests.support.fieldgen.site import Site
from tests.support.fieldgen.thai import Day, day_in_fy, fy_span, money, thai_digits

E = html.escape


def _y(site: Site, fy: int) -> str:
    return thai_digits(str(fy)) if site.rng.random() < 0.2 else str(fy)


def _o36(site: Site, variant: str) -> Doc:
    if variant == "outdated":
        a, b = 2561, 2564 if site.rng.random() < 0.5 else 2565
    else:
        a, b = 2566, 2570
    head = site.word("O36", "head", a=a, b=b)
    years = list(range(a, min(b, a + 3) + 1))
    nobudget = variant == "incomplete"
    cols = ["มิติ/โครงการ"] + (["ปีที่ดำเนินการ"] if nobudget else [f"ปี {y} (บาท)" for y in years])
    rows = [cols]
    for dim, proj in zip(site.pool.sample("items", "O36", "dimension", k=2),
                         site.pool.sample("items", "O36", "project", k=2), strict=False):  # fmt: skip
        rows.append([dim])
        if nobudget:
            rows.append([proj, f"{years[0]}-{years[-1]}"])
        else:
            rows.append([proj, *[money(site.rng.randint(0, 5) * 10000) for _ in years]])
    fy = b if variant == "outdated" else site.year
    section = "ส่วนที่ 2 โครงการ/กิจกรรม/มาตรการ" + ("" if nobudget else " และงบประมาณ")
    return Doc(head, [f"{section}\n{table_lines(rows)}"], Day(a - 1, 9, 15),
               "antiplan", fy=fy)  # fmt: skip


def o36(site: Site, cond: Cond) -> None:
    publish_doc(site, "O36", cond, lambda v: _o36(site, v), {
        "pass": "anti-corruption action plan 2566–2570 (covers the assessed year): projects, yearly budget, years",
        "incomplete": "anti-corruption plan lists projects and years but no budget",
        "outdated": "the only anti-corruption plan spans years that end before the assessed year",
    })  # fmt: skip


def _progress(site: Site, fy: int, with_budget: bool) -> str:
    cols = ["โครงการ/กิจกรรม", "ผลการดำเนินการ"] + (["งบประมาณที่ใช้ (บาท)"] if with_budget else [])
    rows = [cols]
    for proj in site.pool.sample("items", "O36", "project", k=3):
        row = [proj, site.rng.choice(("ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ"))]
        if with_budget:
            row.append(money(site.rng.randint(0, 4) * 5000))
        rows.append(row)
    return table_lines(rows)


def _o37(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "half")
    head = site.word("O37", "head", y=_y(site, fy)) + f" ({fy_span(fy)})"
    return Doc(
        head, [f"{site.agency}\n{_progress(site, fy, variant != 'incomplete')}"], Day(fy, 4, 20), "anti6m", fy=fy
    )


def o37(site: Site, cond: Cond) -> None:
    publish_doc(site, "O37", cond, lambda v: _o37(site, v), {
        "pass": "six-month (Oct–Mar) progress of each anti-corruption plan project with the budget used",
        "incomplete": "six-month anti-corruption progress gives each project's status but no budget used",
        "outdated": "the only six-month anti-corruption report is of an earlier fiscal year",
    })  # fmt: skip


def _o38(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "prev")
    head = site.word("O38", "head", y=_y(site, fy))
    parts = [_progress(site, fy, True)]
    if variant != "incomplete":
        parts += [site.words("problems"), "งบประมาณจำกัด และการประชาสัมพันธ์ยังไม่ทั่วถึง",
                  site.words("suggestions"), "ควรบูรณาการกิจกรรมร่วมกับหน่วยงานอื่นในพื้นที่"]  # fmt: skip
    return Doc(head, ["\n".join(parts)], Day(fy, 10, site.rng.randint(5, 28)), "antireport", fy=fy)


def o38(site: Site, cond: Cond) -> None:
    publish_doc(site, "O38", cond, lambda v: _o38(site, v), {
        "pass": "annual anti-corruption report of the previous year: project results, budget spent, problems and "
                "suggestions",
        "incomplete": "annual anti-corruption report gives results and budget but no problems or suggestions",
        "outdated": "the annual anti-corruption report is of a fiscal year two or more years back",
    })  # fmt: skip


def _o39(site: Site, variant: str) -> Doc:
    head = site.word("O39", "head")
    values = site.pool.sample("items", "O39", "value", k=4)
    parts = [site.word("O39", "basis"), "หมวด 1 มาตรฐานทางจริยธรรม", *[f"ข้อ {i} {v}" for i, v in enumerate(values, 1)]]
    return Doc(head, ["\n".join(parts)], day_in_fy(site.rng, 2564 + site.rng.randint(0, 2)), "ethics")


def o39(site: Site, cond: Cond) -> None:
    publish_doc(site, "O39", cond, lambda v: _o39(site, v), {"pass": "the code of ethics for the agency's officials"})


def _o40(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = f"การขับเคลื่อนจริยธรรม {site.agency} ประจำปีงบประมาณ {_y(site, fy)}"
    day = day_in_fy(site.rng, fy, 12, 4)
    parts = [f"1. {site.word('O40', 'team', y=fy, y1=fy - 1)}"]
    if variant != "incomplete":
        parts += [f"2. {site.word('O40', 'dodont')}", "Do : " + " / ".join(site.pool.variants("items", "O40", "do")),
                  "Don't : " + " / ".join(site.pool.variants("items", "O40", "dont"))]  # fmt: skip
    parts.append(f"3. {site.word('O40', 'training', y=fy)} เมื่อวันที่ {day.long()} หัวข้อ ประมวลจริยธรรมพนักงานส่วนท้องถิ่น")
    return Doc(head, ["\n".join(parts)], day, "ethicsdrive", fy=fy)


def o40(site: Site, cond: Cond) -> None:
    publish_doc(site, "O40", cond, lambda v: _o40(site, v), {
        "pass": "ethics drive of the assessed year: a working group (order), a Do & Don't guide, ethics training",
        "incomplete": "ethics drive shows the working group and the training but no Do & Don't guide",
        "outdated": "the only ethics-drive evidence is of an earlier fiscal year",
    })  # fmt: skip


def _o41(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O41", "head", y=_y(site, fy))
    lines = [f"รอบการประเมินที่ 1 ({fy_span(fy)})", site.word("O41", "use"),
             f"จำนวนผู้รับการประเมิน {site.rng.randint(20, 60)} คน ผ่านเกณฑ์ทุกคน"]  # fmt: skip
    return Doc(head, ["\n".join(lines)], Day(fy, 4, site.rng.randint(1, 28)), "ethicseval", fy=fy, brief=lines)


def o41(site: Site, cond: Cond) -> None:
    publish_doc(site, "O41", cond, lambda v: _o41(site, v), {
        "pass": "report of the assessed year using the ethics evaluation in an HR process (appraisal, salary step)",
        "outdated": "the only ethics-evaluation report is of an earlier fiscal year",
    })  # fmt: skip


def _o42(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O42", "head", y=_y(site, fy), yp=fy - 1)
    if variant == "incomplete":  # a title that does not itself claim an analysis
        plain = [t for t in site.pool.variants("items", "O42", "title") if "วิเคราะห์" not in t and "{" not in t]
        head = f"{site.rng.choice(plain) if plain else 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน'} ปี {fy}"
    score = site.rng.uniform(70, 92)
    parts = [f"ผลการประเมิน ITA ประจำปี {fy - 1} {site.agency} ได้คะแนน {score:.2f}"]
    if variant != "incomplete":
        cols = list(site.pool.item("O42", "columns"))
        weak, cause = site.word("O42", "weak"), site.word("O42", "cause")
        rows = [cols, ["ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล", f"{score - 10:.2f}",
                       f"{weak} คือ การเผยแพร่รายงานผลการดำเนินงาน {cause} ข้อมูลไม่เป็นปัจจุบัน"],
                ["ตัวชี้วัดที่ 2 การใช้งบประมาณ", f"{score - 5:.2f}",
                 f"{cause} บุคลากรไม่รับรู้แผนการใช้จ่ายงบประมาณ"]]  # fmt: skip
        parts += [table_lines(rows), site.word("O42", "improve"), "1. ปรับปรุงข้อมูลบนเว็บไซต์ให้เป็นปัจจุบันทุกเดือน",
                  "2. เผยแพร่แผนการใช้จ่ายงบประมาณให้บุคลากรรับทราบ"]  # fmt: skip
    mcols = list(site.pool.item("O42", "measure_cols"))
    measures = [mcols]
    for m in site.pool.sample("items", "O42", "measure", k=2):
        measures.append([_cell(c, m, fy, "กำหนดผู้รับผิดชอบและติดตามผลทุกไตรมาส") for c in mcols])
    parts += [f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ {fy}", table_lines(measures)]
    return Doc(head, ["\n".join(parts)], day_in_fy(site.rng, fy, 11, 2), "itameasure", fy=fy)


def o42(site: Site, cond: Cond) -> None:
    entry = site.word("O42", "generic_link") if cond.offrow else None
    publish_doc(site, "O42", cond, lambda v: _o42(site, v), {
        "pass": "analysis of last year's ITA result on the NACC template (question, score, analysis; lowest-scoring "
                "question and its cause; how to raise the score) and the measures derived from it",
        "incomplete": "measures are listed but there is no analysis of last year's ITA result (no weak points, "
                      "nothing to improve)",
        "outdated": "the measures and analysis are of the previous fiscal year (analysing an older ITA)",
    }, entry=entry)  # fmt: skip


def _o43(site: Site, variant: str) -> Doc:
    fy = periods(site, variant, "current")
    head = site.word("O43", "head", y=_y(site, fy))
    cols = list(site.pool.item("O43", "progress_cols"))
    rows = [cols]
    for i, m in enumerate(site.pool.sample("items", "O42", "measure", k=2), 1):
        done = f"ดำเนินการแล้ว เมื่อ {day_in_fy(site.rng, fy, 11, 3).long()}"
        rows.append([str(i) if c in ("ลำดับ", "ที่") else _cell(c, m, fy, "ประชุมชี้แจงและติดตามผล", done) for c in cols])
    return Doc(head, [f"{site.agency}\n{table_lines(rows)}"], Day(fy, 4, site.rng.randint(1, 25)), "itaprogress", fy=fy)


def _cell(column: str, measure: str, fy: int, method: str, result: str = "") -> str:
    """A measure table's cell, by what its column holds (the columns vary from agency to agency)."""
    if column.startswith("มาตรการ"):
        return measure
    if any(w in column for w in ("ระยะเวลา", "ช่วงเวลา")):
        return f"ต.ค. {(fy - 1) % 100} ถึง ก.ย. {fy % 100}"
    if any(w in column for w in ("รับผิดชอบ",)):
        return "สำนักปลัด"
    if any(w in column for w in ("วิธี", "ขั้นตอน", "แนวทาง")):
        return method
    return result or method


def eit_link(site: Site) -> None:
    """The EIT survey link (or QR image) on the agency's own site: a home banner or a block on the ITA page."""
    href = f"https://itas.nacc.go.th/go/eit/{site.slug}{site.rng.randint(10, 99)}"
    words = site.word("O43", "eit")
    if site.rng.random() < 0.5:
        img = site.add_raw(f"/images/qr_eit_{site.slug}.svg", qr_svg(site.rng, "EIT"), "image/svg+xml")
    else:
        img = site.add_raw(f"/images/banner_eit_{site.slug}.svg", banner_svg("EIT", "#1c5f9c"), "image/svg+xml")
    block = (
        f'<div class="eit"><a href="{href}" target="_blank"><img src="{img}" alt="{E(words)}"></a>'
        f"<p>{E(words)}</p></div>"
    )
    if site.ita != "none" and site.rng.random() < 0.4:
        site.ita_blocks.append(block)
    else:
        site.home_blocks.append(block)


def o43(site: Site, cond: Cond) -> None:
    has_eit = cond.kind in ("pass", "outdated", "review")
    if has_eit:
        eit_link(site)
    if cond.kind == "missing":
        site.placeholder("O43")
        site.label("O43", "missing", "no report on the O42 measures and no EIT link anywhere on the site")
        return
    if cond.kind == "incomplete":
        doc = _o43(site, "pass")
        publish_doc(site, "O43", Cond("pass"), lambda v: doc, {"pass": ""})
        site.labels.pop("O43")
        site.label("O43", "incomplete", "progress report of the O42 measures is there, but no link or QR code to the "
                   "EIT survey anywhere on the site")  # fmt: skip
        return
    publish_doc(site, "O43", cond, lambda v: _o43(site, v), {
        "pass": "progress report of the assessed year's O42 measures, and an EIT survey link/QR on the site",
        "outdated": "EIT link present but the only report on the measures is of the previous fiscal year",
    })  # fmt: skip
    if cond.kind == "unreachable":
        site.labels["O43"].why += " (and no EIT link on the site)"
