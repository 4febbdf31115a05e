"""Site furniture: the page template (header menu, footer) and the home page.

Three templates: a Bootstrap-style vendor theme and a 2000s table layout appear in both halves; a portal theme
with two sidebars and a marquee appears only in the test half (fieldgen/__init__.py decides).
"""

from __future__ import annotations

import html

from tests.support.fieldgen.media import banner_svg
from tests.support.fieldgen.site import Site

E = html.escape
TEMPLATES_DEV = ("bootstrap", "classic")
TEMPLATES_TEST_ONLY = ("portal",)

# header menu: group label key -> the native pages and menu pages under it, in order
MENU = (
    ("basic", ("structure", "authority", "laws", "group:basic")),
    ("personnel", ("exec", "group:hr")),
    ("plan", ("group:plan",)),
    ("procurement", ("procurement_news", "group:procurement")),
    ("service", ("eservice", "group:service")),
    ("complaint", ("complaint", "complaint_general", "group:complaint")),
    ("anticorruption", ("group:anticorruption",)),
    ("news", ("news", "group:news")),
    ("webboard", ("webboard",)),
    ("contact", ("contact",)),
)
PAGE_WORDS = {
    "structure": ("items", "O1", "title"), "authority": ("items", "O3", "title"), "laws": ("menu", "law"),
    "exec": ("items", "O2", "title"), "procurement_news": ("items", "O20", "title"), "eservice": ("menu", "eservice"),
    "complaint": ("items", "O28", "title"), "news": ("menu", "news"), "webboard": ("menu", "webboard"),
    "contact": ("menu", "contact"),
}  # fmt: skip
GROUP_WORDS = {"basic": "basic", "hr": "hr", "plan": "plan", "procurement": "procurement", "service": "service",
               "complaint": "complaint", "anticorruption": "anticorruption", "news": "news"}  # fmt: skip


def menu_tree(site: Site) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group label, [(words, href)]) for the header menu, only with pages the site has."""
    tree: list[tuple[str, list[tuple[str, str]]]] = []
    for key, kinds in MENU:
        links: list[tuple[str, str]] = []
        for kind in kinds:
            if kind.startswith("group:"):
                group = kind.split(":", 1)[1]
                if site.groups.get(group):
                    links.append((site.words("menu", GROUP_WORDS[group]), site.url(kind)))
            elif kind == "complaint_general" and kind in site.native:
                links.append(("ร้องเรียน/ร้องทุกข์ทั่วไป", site.native[kind]))
            elif kind in site.native:
                links.append((site.words(*PAGE_WORDS[kind]), site.native[kind]))
        if links:
            tree.append((site.words("menu", key), links))
    if site.ita != "none":
        words = site.fmt(site.pool.pick("ita_page_title"))
        tree.append((words, [(words, site.url("ita"))]))
    return tree


def _menu_ul(site: Site) -> str:
    out = [f'<li><a href="/">{E(site.words("menu", "home"))}</a></li>']
    for label, links in menu_tree(site):
        if len(links) == 1:
            out.append(f'<li><a href="{links[0][1]}">{E(label)}</a></li>')
            continue
        sub = "".join(f'<li><a href="{h}">{E(w)}</a></li>' for w, h in links)
        out.append(
            f'<li class="dropdown"><a href="#" class="dropdown-toggle">{E(label)}</a>'
            f'<ul class="dropdown-menu">{sub}</ul></li>'
        )
    return "".join(out)


def _menu_table(site: Site) -> str:
    rows = [f'<tr><td class="menu"><a href="/">{E(site.words("menu", "home"))}</a></td></tr>']
    for label, links in menu_tree(site):
        rows.append(f'<tr><td class="menuhead">{E(label)}</td></tr>')
        rows += [f'<tr><td class="menu">&raquo; <a href="{h}">{E(w)}</a></td></tr>' for w, h in links]
    return f'<table width="100%" cellspacing="1">{"".join(rows)}</table>'


def counter(site: Site) -> str:
    """A visitor counter: big numbers, sometimes with year-like digit runs (2567...), never a date."""
    r = site.rng.random()
    if r < 0.4:
        return f"{site.rng.randint(250000, 259999):,}"
    if r < 0.7:
        return f"{site.rng.randint(1, 9)}{site.year}{site.rng.randint(10, 99)}"
    return str(site.rng.randint(10000, 999999))


def footer(site: Site) -> str:
    parts = [f"<p><strong>{E(site.agency)}</strong></p>", f"<p>{E(site.address)}</p>"]
    tel = f"โทรศัพท์ {site.phone}" + (f" โทรสาร {site.fax}" if site.footer_fax else "")
    parts.append(f"<p>{E(tel)}</p>")
    if site.footer_email:
        parts.append(f'<p>E-mail : <a href="mailto:{site.email}">{site.email}</a></p>')
    if site.social:
        icons = [("https://www.facebook.com/" + site.slug, "fa-facebook", "Facebook"),
                 (f"https://line.me/R/ti/p/@{site.slug}", "fa-line", "LINE"),
                 (f"https://www.youtube.com/@{site.slug}", "fa-youtube", "YouTube")]  # fmt: skip
        k = site.rng.randint(1, 3)
        parts.append(
            '<p class="social">'
            + " ".join(
                f'<a href="{u}" target="_blank" title="{t}"><i class="fa {c}"></i> {t}</a>' for u, c, t in icons[:k]
            )
            + "</p>"
        )
    parts.append(f"<p>{E(site.words('counter_label'))} {counter(site)}</p>")
    if site.pdpa_footer:
        parts.append(f'<p><a href="{site.pdpa_footer}">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></p>')
    parts.append(f"<p>{E(site.words('copyright'))}</p>")
    return "".join(parts)


def layout(site: Site) -> str:
    """The page template, with {{title}} and {{body}} left for vendor_sites to fill."""
    head = '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{{title}}</title></head>'
    brand = f"{E(site.agency)} อำเภอ{E(site.district)} จังหวัด{E(site.province)}"
    if site.template == "classic":
        return (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{{title}}</title>'
            '</head><body bgcolor="#e6efe0"><table width="980" align="center" cellpadding="0" cellspacing="0" '
            f'bgcolor="#ffffff"><tr><td colspan="2" class="banner"><h2>{brand}</h2></td></tr>'
            f'<tr><td width="210" valign="top">{_menu_table(site)}</td><td valign="top" class="content">{{{{body}}}}'
            f'</td></tr><tr><td colspan="2" class="footer">{footer(site)}</td></tr></table></body></html>'
        )
    if site.template == "portal":
        return (
            f'{head}<body><div id="top"><marquee>{E(site.words("welcome"))}</marquee></div>'
            f'<div id="header"><h1>{brand}</h1></div><div id="wrapper"><div id="sidebar-left"><div class="block">'
            f'<h3>เมนูหลัก</h3><ul class="menu">{_menu_ul(site)}</ul></div></div><div id="content">{{{{body}}}}</div>'
            f'<div id="sidebar-right"><div class="block"><h3>{E(site.words("counter_label"))}</h3>'
            f"<p>{counter(site)}</p>"
            f'</div></div></div><div id="footer">{footer(site)}</div></body></html>'
        )
    return (
        f'{head}<body><header class="site-header"><div class="container"><a class="brand" href="/">{brand}</a>'
        f'</div><nav class="navbar navbar-default"><ul class="nav navbar-nav">{_menu_ul(site)}</ul></nav></header>'
        f'<main class="container">{{{{body}}}}</main><footer class="site-footer"><div class="container">'
        f"{footer(site)}</div></footer></body></html>"
    )


def home(site: Site) -> dict[str, str]:
    blocks = [f"<h2>{E(site.words('welcome'))}</h2>"]
    if site.ita != "none":
        img = site.add_raw(
            f"/images/banner_ita_{site.slug}.svg", banner_svg(f"ITA {site.year}", "#2f7d32"), "image/svg+xml"
        )
        words = site.fmt(site.pool.pick("ita_page_title"))
        blocks.append(
            f'<p class="banner"><a href="{site.url("ita")}"><img src="{img}" alt="{E(words)}"> {E(words)}</a></p>'
        )
    blocks += site.home_blocks
    latest = sorted(site.news, key=lambda n: (n[0].be, n[0].month, n[0].day), reverse=True)[:5]
    more = site.words("read_more")
    items = "".join(
        f'<li>{E(d.styled(site.rng.randrange(4)))} <a href="{u}">{E(t)}</a> <a href="{u}">{E(more)}</a></li>'
                    for d, t, u in latest)  # fmt: skip
    blocks.append(f'<h3>{E(site.words("news_block"))}</h3><ul class="news">{items}</ul>')
    return {"title": site.agency, "body": "".join(blocks)}
