"""O1–O10 (9.1 ข้อมูลพื้นฐาน): pages a site carries anyway (executives, contact, authority, laws, webboard,
news) and the organisation chart and PDPA policy."""

from __future__ import annotations

import html

from tests.support.fieldgen.common import Cond, Doc, publish_doc, table_lines
from tests.support.fieldgen.media import portrait_jpeg
from tests.support.fieldgen.site import Entry, Site
from tests.support.fieldgen.thai import Day, day_in_fy

E = html.escape


def _units(site: Site) -> list[tuple[str, str]]:
    """(unit, head of unit) for the authority's internal units."""
    units = site.pool.pick("units")
    heads = {"สำนักปลัด": "หัวหน้าสำนักปลัด", "หน่วยตรวจสอบภายใน": "นักวิชาการตรวจสอบภายใน"}
    return [(u, heads.get(u.removesuffix("เทศบาล"), f"ผู้อำนวยการ{u}")) for u in units]


def o1(site: Site, cond: Cond) -> None:
    caption = site.word("O1", "chart_caption")
    title = site.word("O1", "title")
    units = _units(site)
    positions = [site.chief.position, site.people[1].position, site.clerk.position, site.kind["deputy_clerk"]]
    chart_lines = [*positions, *[f"{u} ({h})" for u, h in units]]
    if cond.kind in ("missing", "unreachable", "review"):
        if cond.kind == "missing":
            site.placeholder("O1")
            site.label("O1", "missing", "no organisation chart or structure page anywhere on the site")
            return
        day = day_in_fy(site.rng, site.year - 1)
        href = (
            site.dead_href(site.file_name("structure", "O1", day), "pdf", day)
            if cond.kind == "unreachable"
            else site.drive_href()
        )
        site.evidence("O1", href, text=caption, link_text=caption)
        if cond.kind == "unreachable":
            site.label("O1", "unreachable", "the chart link (its caption names it) answers 404")
        else:
            site.label("O1", "review", "the only chart is an image on Google Drive, off the site")
        return
    unit_list = "".join(f"<li>{E(u)} — {E(h)}</li>" for u, h in units)
    units_block = f"<h3>{E(site.word('O1', 'units_heading'))}</h3><ul>{unit_list}</ul>"
    form = cond.variant or ("image" if cond.scan else "pdf" if site.rng.random() < 0.5 else "html")
    if cond.kind == "incomplete":
        body = f"<h1>{E(title)}</h1><p>{E(site.agency)} แบ่งส่วนราชการดังนี้</p>{units_block}"
        site.native_page("O1", "structure", title, body)
        site.label("O1", "incomplete", "units and their heads listed as text only; no organisation chart (แผนผัง)")
        return
    if form == "pdf":
        day = day_in_fy(site.rng, site.year - site.rng.randint(0, 3))
        spec = {"kind": "text_pdf", "pages": ["\n".join(["", *chart_lines, "", f"{site.agency}"])],
                "created": day.iso()}  # fmt: skip
        href = site.add_doc(spec, site.file_name("chart", "O1", day), "pdf", day)
        body = f'<h1>{E(title)}</h1><p><a href="{href}">{E(caption)}</a></p>'
        site.native_page("O1", "structure", title, body)
        site.label("O1", "pass", "a drawn chart PDF named only by its link text/caption; the chart shows the "
                   "positions and the units (สำนักปลัด, กองคลัง, ...)")  # fmt: skip
        return
    png = f"images/structure_{site.slug}.png"
    site.documents.append({"kind": "scan_png", "path": png, "lines": [caption, *chart_lines]})
    site.scans += 1
    img = f'<p><img src="/{png}" alt="{E(caption)}" width="800"></p><p>{E(caption)}</p>'
    if form == "image":
        site.native_page("O1", "structure", title, f"<h1>{E(title)}</h1>{img}")
        site.label("O1", "pass", "the organisation chart is an image (named by its caption) showing positions and "
                   "units", without_ocr="review")  # fmt: skip
        return
    site.native_page("O1", "structure", title, f"<h1>{E(title)}</h1>{img}{units_block}")
    site.label("O1", "pass", "chart image captioned as the organisation chart, and the units with their heads "
               "listed on the page")  # fmt: skip


def o2(site: Site, cond: Cond) -> None:
    title = site.word("O2", "title")
    no_photo = cond.kind == "incomplete" and cond.variant != "nocontact"
    no_contact = cond.kind == "incomplete" and cond.variant == "nocontact"
    cards = []
    for i, person in enumerate(site.people):
        parts = []
        if not no_photo:
            url = site.add_binary(f"/images/person/{site.slug}{i + 1}.jpg", portrait_jpeg(site.rng), "image/jpeg")
            parts.append(f'<img src="{url}" alt="{E(person.name)}" width="90" height="120">')
        parts.append(f"<p><strong>{E(person.name)}</strong><br>{E(person.position)}</p>")
        if not no_contact:
            parts.append(f"<p>{E(site.word('O2', 'contact', phone=person.phone))}</p>")
        if no_photo and site.social:
            fb = f"https://www.facebook.com/{site.slug}.{i + 1}"
            words = site.word("O2", "social_beside", line=f"@{site.slug}{i}")
            parts.append(f'<p><a href="{fb}"><i class="fa fa-facebook"></i> {E(words)}</a></p>')
        cards.append(f'<div class="person">{"".join(parts)}</div>')
    body = f"<h1>{E(title)}</h1>" + "".join(cards)
    site.native_page("O2", "exec", title, body)
    if no_photo:
        extra = "; the Facebook/LINE links beside them are not photos" if site.social else ""
        site.label("O2", "incomplete", f"executives listed with name, position and phone but no photos{extra}")
    elif no_contact:
        site.label("O2", "incomplete", "executives with photos, names and positions but no phone or e-mail for any")
    else:
        site.label("O2", "pass", "chief executive, deputies, secretary and ปลัด each with photo, name, position, phone")


def o3(site: Site, cond: Cond) -> None:
    title = site.word("O3", "title")
    if site.page_absent(
        "O3",
        cond.kind,
        "authority",
        title,
        "no page states the agency's legal duties and powers",
        "the authority page linked from the menu/ITA row answers 404",
    ):
        return
    duties = "".join(f"<li>({i}) {E(d)}</li>" for i, d in enumerate(site.pool.sample("items", "O3", "duties", k=6), 1))
    body = (
        f"<h1>{E(title)}</h1><p>{E(site.word('O3', 'intro'))}</p><ol>{duties}</ol>"
        f"<p>{E(site.word('O3', 'decentral'))}</p>"
    )
    site.native_page("O3", "authority", title, body)
    site.label("O3", "pass", f"duties and powers under {site.kind['law']}, listed")


def _o4_doc(site: Site, variant: str) -> Doc:
    if variant == "outdated":
        a = site.rng.choice((2557, 2560, 2561))
        b = a + (3 if a == 2557 else 4)
        head, fy = site.word("O4", "old_head", a=a, b=b), b
    else:
        a, b = 2566, 2570
        head, fy = site.word("O4", "head", a=a, b=b), site.year
    names = site.pool.sample("items", "O4", "strategy_name", k=3)
    parts = [f"ส่วนที่ 1 สภาพทั่วไปและข้อมูลพื้นฐานของ{site.agency}\nส่วนที่ 2 ยุทธศาสตร์การพัฒนา"]
    for k, name in enumerate(names, 1):
        parts.append(
            f"{site.word('O4', 'strategy', k=k, name=name)}\n"
            f"{site.word('O4', 'goal')} : ประชาชนได้รับบริการด้าน{name.removeprefix('การพัฒนาด้าน')}อย่างทั่วถึง\n"
            f"{site.word('O4', 'indicator')} : ร้อยละของครัวเรือนที่ได้รับประโยชน์ไม่น้อยกว่า {70 + 5 * k}\n"
            f"แนวทางการพัฒนา : {k}.1 ก่อสร้าง ปรับปรุง บำรุงรักษา {k}.2 ส่งเสริมและสนับสนุน"
        )
    table = [["ที่", "โครงการ", f"งบประมาณ {a}", f"งบประมาณ {a + 1}", f"งบประมาณ {a + 2}"]]
    for i in range(1, 4):
        table.append([str(i), site.fmt(site.pool.pick("project"), m=i + 2), "300,000", "300,000", "350,000"])
    pages = ["\n\n".join(parts), "ส่วนที่ 3 บัญชีโครงการพัฒนาท้องถิ่น\n" + table_lines(table)]
    return Doc(head, pages, Day(a - 1, 9, site.rng.randint(1, 28)), "plan5y", fy=fy)


def o4(site: Site, cond: Cond) -> None:
    publish_doc(site, "O4", cond, lambda v: _o4_doc(site, v), {
        "pass": "multi-year local development plan 2566–2570 (covers the assessed year) with strategies, goals "
                "(เป้าประสงค์) and indicators (ตัวชี้วัด)",
        "outdated": "the only development plan is an older multi-year plan whose span ends before the assessed year",
    })  # fmt: skip


def o5(site: Site, cond: Cond) -> None:
    title = site.word("O5", "title")
    drop = cond.variant if cond.kind == "incomplete" else ""
    site.footer_fax = drop != "fax" and site.rng.random() < 0.6
    site.footer_email = drop != "email" and site.rng.random() < 0.7
    lines = [
        f"<p>{E(site.word('O5', 'address'))} {E(site.address)}</p>",
        f"<p>{E(site.word('O5', 'phone'))} {E(site.phone)}</p>",
    ]
    if drop != "fax":
        lines.append(f"<p>{E(site.word('O5', 'fax'))} {E(site.fax)}</p>")
    if drop != "email":
        lines.append(f'<p>{E(site.word("O5", "email"))} <a href="mailto:{site.email}">{site.email}</a></p>')
    if drop != "map":
        q = f"{site.agency} {site.province}".replace(" ", "+")
        lines.append(
            f"<h3>{E(site.word('O5', 'map'))}</h3>"
            f'<iframe src="https://www.google.com/maps/embed?pb=!1m18!q={q}" width="600" height="400"></iframe>'
        )
    body = f"<h1>{E(title)}</h1><h2>{E(site.agency)}</h2>" + "".join(lines)
    site.native_page("O5", "contact", title, body)
    if drop:
        what = {"fax": "fax number", "email": "e-mail address", "map": "location map"}[drop]
        site.label("O5", "incomplete", f"contact page (and footer) give address and phone but no {what}")
    else:
        site.label("O5", "pass", "contact page with address, telephone, fax, e-mail and a location map")


def o6(site: Site, cond: Cond) -> None:
    title = site.word("O6", "title")
    if site.page_absent(
        "O6",
        cond.kind,
        "laws",
        title,
        "no page lists the laws related to the agency's work",
        "the laws page linked from the menu/ITA row answers 404",
    ):
        return
    laws = [*site.pool.sample("items", "O6", "laws", k=4), site.word("O6", "local_rule")]
    items = "".join(
        f'<li><a href="https://www.ratchakitcha.soc.go.th/DATA/PDF/{2540 + i}/A/0{i}{i}/T_00{i}.PDF">{E(law)}</a></li>'
        for i, law in enumerate(laws, 1)
    )
    site.native_page("O6", "laws", title, f"<h1>{E(title)}</h1><ul>{items}</ul>")
    site.label("O6", "pass", "a page listing the acts, regulations and local ordinances the agency works under")


def o7(site: Site, cond: Cond) -> None:
    for _ in range(3):
        day = day_in_fy(site.rng, site.year, 10, 4)
        head = site.word("O7", "news", y=site.year)
        url = site.post_url()
        when = day.styled(site.rng.randrange(3))
        body = (
            f'<h1>{E(head)}</h1><p class="date">วันที่ {E(when)}</p>'
            f"<p>{E(site.agency)} โดย{E(site.chief.name)} {E(site.chief.position)} พร้อมด้วยเจ้าหน้าที่ "
            f"ได้ดำเนินกิจกรรมดังกล่าว ณ หมู่ที่ {site.rng.randint(1, 12)} ตำบล{E(site.place)}</p>"
        )
        site.add_page(url, head, body)
        site.news.append((day, head, url))
    site.native["news"] = site.url("news")
    site.row_link("O7", site.url("news"), site.link_text(site.word("O7", "title")))
    site.label("O7", "pass", f"news posts about the agency's work dated within FY {site.year}")


def o8(site: Site, cond: Cond) -> None:
    if cond.kind == "missing":
        site.placeholder("O8")
        site.label("O8", "missing", "no webboard or Q&A: only a phone number in the footer")
        return
    title = site.word("O8", "board_head")
    q = site.word("O8", "question")
    day = day_in_fy(site.rng, site.year, 10, 4)
    body = (
        f"<h1>{E(title)}</h1><p><small>{E(site.word('O8', 'rules'))}</small></p>"
        f'<table class="board"><tr><th>กระทู้</th><th>ผู้ตั้ง</th><th>วันที่</th></tr>'
        f"<tr><td>{E(q)}</td><td>ประชาชน</td><td>{E(day.slash())}</td></tr></table>"
        f'<div class="reply"><p>{E(site.word("O8", "answer_by"))}</p><p>ขอบคุณสำหรับคำถาม '
        f"เจ้าหน้าที่{E(site.short)}ได้ตรวจสอบแล้ว สามารถติดต่อได้ที่โทร {E(site.phone)} ในวันและเวลาราชการ</p></div>"
        f'<form method="post" action="#"><p>ชื่อ <input name="name"></p><p>คำถาม <textarea name="q"></textarea>'
        f"</p><button>{E(site.word('O8', 'post_button'))}</button></form>"
    )
    site.native_page("O8", "webboard", title, body)
    site.label("O8", "pass", "a webboard where visitors post questions and the agency answers (two-way)")


def o9(site: Site, cond: Cond) -> None:
    if not site.social:
        site.placeholder("O9")
        site.label("O9", "missing", "no link to any social media account of the agency anywhere on the site")
        return
    site.row_link("O9", f"https://www.facebook.com/{site.slug}", "Facebook " + site.short)
    site.label("O9", "pass", "footer (every page) links to the agency's Facebook page, LINE and YouTube")


def _pdpa_doc(site: Site, variant: str) -> Doc:
    fy = site.year if variant == "pass" else site.year - site.rng.choice((2, 3))
    day = day_in_fy(site.rng, fy, 10, 3)
    head = site.word("O10", "head")
    bodies = site.pool.sample("items", "O10", "body", k=2)
    lines = [site.fmt(b) for b in bodies]
    sign = f"ประกาศ ณ วันที่ {day.styled(site.rng.randrange(2))}"
    signer = f"({site.chief.name})\n{site.chief.position}"
    return Doc(head, ["\n".join([*lines, "ข้อ 1 ... ข้อ 2 ...", sign, signer])], day, "pdpa", fy=fy,
               brief=[*lines, sign, site.chief.name])  # fmt: skip


def o10(site: Site, cond: Cond) -> None:
    """Hard case 5: the policy is linked from the ITA row, a menu page or the footer, never the home page."""
    why = {"pass": "PDPA policy announced by the agency, dated within the assessed fiscal year",
           "outdated": "the only PDPA policy was announced in an earlier fiscal year"}  # fmt: skip
    if cond.variant == "page" and cond.kind in ("pass", "outdated"):
        doc = _pdpa_doc(site, cond.kind)
        body = f"<h1>{E(doc.head)}</h1>" + "".join(f"<p>{E(p)}</p>" for p in doc.pages[0].split("\n"))
        url = site.add_page(site.url("pdpa"), doc.head, body)
        site.row_link("O10", url, site.link_text(doc.head))
        site.groups["basic"].append(Entry(doc.head, url, str(site.pool.pick("link_text")), doc.day))
        site.pdpa_footer = url
        site.label("O10", cond.kind, why[cond.kind] + " (an HTML page linked from the ITA page/menus and footer)")
        return
    href = publish_doc(site, "O10", cond, lambda v: _pdpa_doc(site, v), why)
    if href and cond.kind in ("pass", "outdated") and site.rng.random() < 0.5:
        site.pdpa_footer = href
