"""Lay out a built site: the ITA page (three styles), the menu pages, the news list; then the spec dict."""

from __future__ import annotations

import html
import re
from typing import Any

from tests.support.fieldgen.chrome import home, layout
from tests.support.fieldgen.site import Site
from tests.support.fieldgen.thai import thai_digits

E = html.escape
ITEMS = tuple(f"O{n}" for n in range(1, 44))
SECTIONS = (
    ("9.1", "ข้อมูลพื้นฐาน", 1), ("9.2", "การบริหารงาน", 11), ("9.3", "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", 19),
    ("9.4", "การบริหารและพัฒนาทรัพยากรบุคคล", 23), ("9.5", "การส่งเสริมความโปร่งใส", 27),
    ("10.1", "การดำเนินการเพื่อป้องกันการทุจริต", 31), ("10.2", "มาตรการภายในเพื่อส่งเสริมคุณธรรมและความโปร่งใส", 39),
)  # fmt: skip
ITA_STYLES_DEV = ("table", "ita_all")
ITA_STYLES_TEST_ONLY = ("list",)


def _row_number(site: Site, n: int, pattern: str) -> str:
    return pattern.format(n=n, tn=thai_digits(str(n)), n2=f"{n:02d}", tn2=thai_digits(f"{n:02d}"))


def _row_title(site: Site, item: str) -> str:
    """The item's words on its ITA row; a number some sites put in the title is dropped (the row has one)."""
    if item in site.row_title:
        return site.row_title[item]
    title = site.fmt(site.pool.item(item, "title"), y=site.year, y1=site.year - 1, a=2566, b=2570)
    return re.sub(r"^(?:OIT ?|O)?\d+\s*[.:\-]?\s*", "", title)


def ita_page(site: Site) -> None:
    pattern = str(site.pool.pick("row_number"))
    heading = site.fmt(site.pool.pick("ita_heading"))
    sections = {start: (k, name) for k, name, start in SECTIONS}
    cells: list[str] = []
    cols = site.pool.pick("ita_columns")
    for item in ITEMS:
        n = int(item[1:])
        if n in sections:
            k, name = sections[n]
            words = site.fmt(site.pool.pick("subindicator"), k=k, name=name)
            cells.append(_section(site, words, len(cols)))
        if item not in site.rows:
            continue  # no row at all (hard case 6: the item is linked from an ordinary page instead)
        links = site.rows[item]
        anchors = [f'<a href="{E(link.href)}" target="_blank">{E(link.text)}</a>' for link in links]
        if site.ita == "ita_all":
            anchors += ['<a href="#">เปิด</a>'] * max(0, 5 - len(anchors))  # a vendor template's empty slots
        elif not anchors:
            anchors = ['<a href="#">เปิด</a>'] if site.rng.random() < 0.6 else ["-"]
        num, title = _row_number(site, n, pattern), _row_title(site, item)
        if site.ita == "list":
            cells.append(f"<p>{E(num)} {E(title)} : {' '.join(anchors)}</p>")
        else:
            cells.append(f"<tr><td>{E(num)}</td><td>{E(title)}</td><td>{' '.join(anchors)}</td></tr>")
    if site.ita == "list":
        body = f"<h1>{E(heading)}</h1>{''.join(cells)}"
    else:
        head = "".join(f"<th>{E(c)}</th>" for c in cols)
        body = f'<h1>{E(heading)}</h1><table class="ita" border="1"><tr>{head}</tr>{"".join(cells)}</table>'
    body += "".join(site.ita_blocks)
    site.add_page(site.url("ita"), site.fmt(site.pool.pick("ita_page_title")), body)


def _section(site: Site, words: str, ncols: int) -> str:
    if site.ita == "list":
        return f"<h3>{E(words)}</h3>"
    return f'<tr class="section"><td colspan="{ncols}"><strong>{E(words)}</strong></td></tr>'


def group_pages(site: Site) -> None:
    for group, entries in site.groups.items():
        if not entries:
            continue
        title = site.words("menu", group)
        rows = []
        for i, e in enumerate(entries, 1):
            date = (
                f"<td>{E(e.date.styled(site.rng.randrange(4)))}</td>"
                if e.date and site.rng.random() < 0.5
                else "<td></td>"
            )
            if e.link_text == e.text:
                rows.append(f'<tr><td>{i}</td><td><a href="{E(e.href)}">{E(e.text)}</a></td>{date}</tr>')
            else:
                rows.append(
                    f"<tr><td>{i}</td><td>{E(e.text)}</td>{date}"
                    f'<td><a href="{E(e.href)}">{E(e.link_text)}</a></td></tr>'
                )
        body = f'<h1>{E(title)}</h1><table class="list">{"".join(rows)}</table>'
        site.add_page(site.url(f"group:{group}"), title, body)


def news_page(site: Site) -> None:
    if "news" not in site.native:
        return
    ordered = sorted(site.news, key=lambda n: (n[0].be, n[0].month, n[0].day), reverse=True)
    items = "".join(f'<li><span class="date">{E(d.styled(site.rng.randrange(4)))}</span> <a href="{u}">{E(t)}</a></li>'
                    for d, t, u in ordered)  # fmt: skip
    title = site.words("menu", "news")
    site.add_page(site.native["news"], title, f"<h1>{E(title)}</h1><ul>{items}</ul>")


def self_check(site: Site, pages: dict[str, Any]) -> None:
    """Labels that depend on site-wide furniture must agree with what the site shows."""
    text = " ".join(str(p) for p in pages.values())
    eit = "itas.nacc.go.th" in text
    if eit != (site.labels["O43"].expect in ("pass", "outdated", "review")):
        raise AssertionError(f"{site.name}: O43 {site.labels['O43'].expect} but EIT link present={eit}")
    if (site.labels["O9"].expect == "pass") != site.social:
        raise AssertionError(f"{site.name}: O9 label disagrees with the footer's social links")
    if site.labels["O5"].expect == "incomplete" and "fax number" in site.labels["O5"].why and site.footer_fax:
        raise AssertionError(f"{site.name}: O5 says no fax but the footer shows one")


def spec(site: Site) -> dict[str, Any]:
    """The vendor_sites spec of a finished site."""
    if site.ita != "none":
        ita_page(site)
    group_pages(site)
    news_page(site)
    site.pages["/"] = home(site)
    missing = [i for i in ITEMS if i not in site.labels]
    if missing:
        raise ValueError(f"{site.name}: no label for {missing}")
    ita = site.url("ita") if site.ita != "none" else "none"
    about = (
        f"field corpus, {site.half} half: {site.scheme} URLs, ITA {site.ita}, template {site.template}, "
        f"hard cases {sorted(site.hard_cases)}; ITA page: {ita}"
    )
    template = layout(site)
    self_check(site, {**site.pages, "layout": template})
    out: dict[str, Any] = {
        "name": site.name,
        "site": site.agency,
        "about": about,
        "year": site.year,
        "ocr": site.scans > 0,
        "wall_seconds": 60,
        "layouts": {"default": template},
        "pages": dict(sorted(site.pages.items(), key=lambda kv: kv[0] != "/")),
        "routes": site.routes,
        "documents": site.documents,
        "labels": {item: site.labels[item].as_dict() for item in ITEMS},
    }
    return out
