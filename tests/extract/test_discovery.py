"""Link discovery on legacy agency markup (onclick, pop-ups, viewers, flip-books), sitemaps, soft-404 pages."""

from __future__ import annotations

import gzip

import pytest

from checker.extract.html import extract_html
from checker.extract.links import js_target, viewer_target
from checker.extract.sitemap import parse_sitemap
from checker.models import Link

PAGE = "http://www.bansuan.go.th/ita/index.php"


def links_of(body: str, url: str = PAGE) -> list[Link]:
    return list(extract_html(f"<html><body>{body}</body></html>".encode(), url).links)


def found(body: str, url: str = PAGE) -> list[tuple[str, str, str]]:
    return [(lk.tag, lk.url, lk.text) for lk in links_of(body, url) if lk.url]


# --------------------------------------------------------------------------- onclick navigation

ONCLICK_CASES = [
    (  # a Dreamweaver pop-up on a placeholder link: the handler is the link
        """<a href="#" onclick="MM_openBrWindow('news_detail.php?news_id=912','','scrollbars=yes,width=600')">
        ประกาศผลการจัดซื้อ</a>""",
        ("onclick", "http://www.bansuan.go.th/ita/news_detail.php?news_id=912", "ประกาศผลการจัดซื้อ"),
    ),
    (  # a clickable table row of a vendor news list
        """<table><tr onclick="location.href='shownews.php?id=821'" style="cursor:pointer">
        <td>รายงานผลการดำเนินงาน ปี ๒๕๖๖</td><td>12 ต.ค. 66</td></tr></table>""",
        ("onclick", "http://www.bansuan.go.th/ita/shownews.php?id=821", "รายงานผลการดำเนินงาน ปี 2566 12 ต.ค. 66"),
    ),
    (
        """<div class="box" onclick="window.location='/Pages/plan'"><img src="plan.jpg" alt="แผนพัฒนา"></div>""",
        ("onclick", "http://www.bansuan.go.th/Pages/plan", "แผนพัฒนา"),
    ),
    (
        """<input type="button" value="ดาวน์โหลด" onclick="window.open('download.php?type=94','_blank')">""",
        ("onclick", "http://www.bansuan.go.th/ita/download.php?type=94", "ดาวน์โหลด"),
    ),
    (
        """<button onclick="self.location.href = &quot;/datacenter/o1.php&quot;; return false;">O1</button>""",
        ("onclick", "http://www.bansuan.go.th/datacenter/o1.php", "O1"),
    ),
    (
        """<span onClick="javascript:document.location='lawlink.php?menuid=1&amp;link=9'">กฎหมาย</span>""",
        ("onclick", "http://www.bansuan.go.th/ita/lawlink.php?menuid=1&link=9", "กฎหมาย"),
    ),
    (
        """<td onclick="MM_goToURL('parent','intro-history.php');return document.MM_returnValue">ประวัติ</td>""",
        ("onclick", "http://www.bansuan.go.th/ita/intro-history.php", "ประวัติ"),
    ),
    (
        """<a href="javascript:;" onclick="NewWindow('files/o10.pdf','o10','800','600','yes')">O10</a>""",
        ("onclick", "http://www.bansuan.go.th/ita/files/o10.pdf", "O10"),
    ),
    (  # an href and a different pop-up: both
        """<a href="news.php?cat_id=3" onclick="window.open('news_popup.php?id=7')">ข่าว</a>""",
        ("onclick", "http://www.bansuan.go.th/ita/news_popup.php?id=7", "ข่าว"),
    ),
]


@pytest.mark.parametrize(("body", "expected"), ONCLICK_CASES)
def test_onclick_handlers_become_links(body: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(body)


@pytest.mark.parametrize(
    "body",
    [
        """<a href="#" onclick="return false;">เปิด</a>""",
        """<div onclick="toggleMenu('menu2')">เมนู</div>""",
        """<div onclick="openTab('tab2')">แท็บ</div>""",
        """<button onclick="xhr.open('GET', 'x'); xhr.send()">โหลด</button>""",
        """<a href="#" onclick="window.open('news.php?id=' + id)">ครึ่ง URL</a>""",
        """<tr onclick="history.back()"><td>กลับ</td></tr>""",
        """<img src="a.jpg" onclick="return confirm('ลบ?')">""",
    ],
)
def test_handlers_that_go_nowhere_are_not_links(body: str) -> None:
    assert not [lk for lk in links_of(body) if lk.tag == "onclick"]


def test_placeholder_with_a_handler_is_not_a_placeholder() -> None:
    (link,) = links_of("""<a href="javascript:void(0)" onclick="window.open('o1.pdf')">O1</a>""")
    assert link.url.endswith("/ita/o1.pdf") and link.tag == "onclick"


def test_onclick_target_equal_to_href_is_one_link() -> None:
    links = links_of("""<a href="o1.pdf" onclick="window.open('o1.pdf'); return false;">O1</a>""")
    assert [lk.tag for lk in links] == ["a"]


def test_onclick_links_keep_row_context_and_chrome() -> None:
    body = """<nav><li onclick="location.href='/Pages/contact'">ติดต่อเรา</li></nav>
    <table><tr><td>O5</td><td>ช่องทางติดต่อ</td><td><button onclick="location.href='/contact.php'">เปิด</button></td></tr>
    </table>"""
    menu, row = (lk for lk in links_of(body) if lk.tag == "onclick")
    assert menu.chrome and menu.section == -1
    assert not row.chrome and row.context.startswith("O5 ช่องทางติดต่อ")


@pytest.mark.parametrize(
    ("code", "target"),
    [
        ("location.href='a.php'", "a.php"),
        ('window.location.href = "b.php?x=1"', "b.php?x=1"),
        ("top.location='c.php'", "c.php"),
        ("parent.location.replace('d.php')", "d.php"),
        ("window.open(\"e.pdf\", '_blank', 'width=500')", "e.pdf"),
        ("if (location.href == 'x') {}", None),
        ("alert('บันทึกแล้ว')", None),
        ("window.open('#')", None),
        ("window.open('javascript:void(0)')", None),
        ("openPopup('report.php?year=2567')", "report.php?year=2567"),
    ],
)
def test_js_target(code: str, target: str | None) -> None:
    assert js_target(code) == target


# --------------------------------------------------------------------------- what is not followed


def test_forms_script_urls_and_alternate_links_are_not_links() -> None:
    html = """<html><head><link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="stylesheet" href="/style.css"><script src="/menu.js"></script></head><body>
    <form method="get" action="/search.php"><input name="q"><button>ค้นหา</button></form>
    <script>var menu = [["ITA", "ita.php"], ["ข่าว", "news.php?cat_id=1"]];
    document.write('<a href="hidden.php">x</a>'); $('#m').load('ajax/menu.php');</script>
    <a href="/real.php">จริง</a></body></html>"""
    doc = extract_html(html.encode(), PAGE)
    assert [lk.url for lk in doc.links] == ["http://www.bansuan.go.th/real.php"]
    assert doc.forms and doc.forms[0].action == "http://www.bansuan.go.th/search.php"


def test_base_href_and_meta_refresh_in_head() -> None:
    html = """<html><head><base href="http://www.bansuan.go.th/v2/">
    <meta http-equiv="Refresh" content="0; URL=index.php?_mod=aGVhZA"></head>
    <body><a href="Pages/ita">ITA</a><frameset><frame src="menu.html"></frameset></body></html>"""
    urls = {(lk.tag, lk.url) for lk in extract_html(html.encode(), PAGE).links}
    assert ("meta", "http://www.bansuan.go.th/v2/index.php?_mod=aGVhZA") in urls
    assert ("a", "http://www.bansuan.go.th/v2/Pages/ita") in urls


# --------------------------------------------------------------------------- viewers and flip-books

VIEWER_CASES = [
    (
        """<iframe src="/pdfjs/web/viewer.html?file=%2Fwp-content%2Fuploads%2F2024%2F01%2Fplan67.pdf"
        title="แผนพัฒนาท้องถิ่น" width="100%" height="800"></iframe>""",
        "http://www.bansuan.go.th/wp-content/uploads/2024/01/plan67.pdf",
        "แผนพัฒนาท้องถิ่น",
    ),
    (
        """<iframe src="https://docs.google.com/viewer?url=http://www.bansuan.go.th/files/o12.pdf&embedded=true">
        </iframe>""",
        "http://www.bansuan.go.th/files/o12.pdf",
        "",
    ),
    (
        """<p>O9 <a href="https://docs.google.com/gview?url=https%3A%2F%2Fwww.bansuan.go.th%2Fo9.pdf">คู่มือ</a></p>""",
        "https://www.bansuan.go.th/o9.pdf",
        "คู่มือ",
    ),
    (
        """<embed src="/flipbook/index.php?file=../upload/report2566.pdf" type="text/html">""",
        "http://www.bansuan.go.th/upload/report2566.pdf",
        "",
    ),
    (
        """<iframe src="/wp-content/plugins/real3d-flipbook/viewer.php?pdf=/wp-content/uploads/2023/10/a.pdf">
        </iframe>""",
        "http://www.bansuan.go.th/wp-content/uploads/2023/10/a.pdf",
        "",
    ),
    (
        """<object data="/wp-content/plugins/dflip/book.php?source=https://www.bansuan.go.th/ita/r.pdf"></object>""",
        "https://www.bansuan.go.th/ita/r.pdf",
        "",
    ),
    (
        """<a href="showpdf.php?pdf=upload/plan.pdf">แผนการจัดหาพัสดุ</a>""",
        "http://www.bansuan.go.th/ita/upload/plan.pdf",
        "แผนการจัดหาพัสดุ",
    ),
    (  # dFlip shortcode output
        """<div class="_df_book" source="https://www.bansuan.go.th/wp-content/uploads/2024/03/6m.pdf"
        data-title="รายงาน 6 เดือน"></div>""",
        "https://www.bansuan.go.th/wp-content/uploads/2024/03/6m.pdf",
        "รายงาน 6 เดือน",
    ),
    (  # dFlip with its options in a script
        """<div class="_df_book" id="df_4321" data-title="คู่มือการปฏิบัติงาน"></div>
        <script>var option_df_4321 = {"outline":[],
        "source":"https:\\/\\/www.bansuan.go.th\\/wp-content\\/uploads\\/m.pdf"};
        if(window.DFLIP && DFLIP.parseBooks){DFLIP.parseBooks();}</script>""",
        "https://www.bansuan.go.th/wp-content/uploads/m.pdf",
        "คู่มือการปฏิบัติงาน",
    ),
    (  # Real3D flipbook options in an attribute
        """<div class="real3dflipbook" data-flipbook-options='{"pdfUrl":"https:\\/\\/www.bansuan.go.th\\/f\\/ita.pdf"}'>
        </div>""",
        "https://www.bansuan.go.th/f/ita.pdf",
        "",
    ),
    (  # a pop-up that opens a viewer
        """<a href="#" onclick="window.open('/pdfjs/web/viewer.html?file=/upload/o4.pdf')">O4</a>""",
        "http://www.bansuan.go.th/upload/o4.pdf",
        "O4",
    ),
]


@pytest.mark.parametrize(("body", "wrapped", "anchor"), VIEWER_CASES)
def test_viewers_yield_the_wrapped_file(body: str, wrapped: str, anchor: str) -> None:
    viewers = [lk for lk in links_of(body) if lk.tag == "viewer"]
    assert [(lk.url, lk.text) for lk in viewers] == [(wrapped, anchor)]


def test_viewer_link_keeps_the_row_context() -> None:
    body = """<table><tr><td>o๑๒</td><td>รายงานการกำกับติดตาม</td>
    <td><a href="/pdfjs/web/viewer.html?file=/files/o12.pdf">เปิด</a></td></tr></table>"""
    viewer = next(lk for lk in links_of(body) if lk.tag == "viewer")
    assert viewer.context.startswith("o12 รายงานการกำกับติดตาม") and viewer.text == "เปิด"


@pytest.mark.parametrize(
    "url",
    [
        "http://www.bansuan.go.th/download.php?file=o1.pdf",  # a download script, not a viewer
        "http://www.bansuan.go.th/pdfjs/web/viewer.html",
        "http://www.bansuan.go.th/pdfjs/web/viewer.html?file=",
        "https://www.google.com/maps/embed?pb=1",
        "https://docs.google.com/document/d/1AbCdEfGhIjKlMnOp/edit?url=x",
        "http://www.bansuan.go.th/viewer.php?file=javascript:alert(1)",
    ],
)
def test_not_viewers(url: str) -> None:
    assert viewer_target(url) is None


def test_other_scripts_are_not_read_for_pdfs() -> None:
    body = """<script>var files = {"source": "https://www.bansuan.go.th/x.pdf"};</script>"""
    assert links_of(body) == []


# --------------------------------------------------------------------------- sitemaps

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://www.bansuan.go.th/?page_id=12</loc><lastmod>2024-01-05</lastmod></url>
<url><loc> https://www.bansuan.go.th/category/ita/ </loc><image:image><image:loc>https://www.bansuan.go.th/a.jpg</image:loc></image:image></url>
<url><loc>https://www.bansuan.go.th/index.php?_mod=aGVhZA&amp;type=MQ</loc></url>
<url><loc>https://www.bansuan.go.th/?page_id=12</loc></url>
</urlset>"""
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://www.bansuan.go.th/post-sitemap.xml</loc></sitemap>
<sitemap><loc>https://www.bansuan.go.th/page-sitemap.xml.gz</loc></sitemap></sitemapindex>"""
PAGES = [
    "https://www.bansuan.go.th/?page_id=12",
    "https://www.bansuan.go.th/category/ita/",
    "https://www.bansuan.go.th/index.php?_mod=aGVhZA&type=MQ",
]


@pytest.mark.parametrize(
    ("body", "pages", "sitemaps"),
    [
        (URLSET, PAGES, []),
        (gzip.compress(URLSET), PAGES, []),
        (INDEX, [], ["https://www.bansuan.go.th/post-sitemap.xml", "https://www.bansuan.go.th/page-sitemap.xml.gz"]),
        (  # an old PHP generator: no namespace, unescaped &
            b"<urlset><url><loc>http://www.bansuan.go.th/news.php?cat_id=1&page=2</loc></url></urlset>",
            ["http://www.bansuan.go.th/news.php?cat_id=1&page=2"],
            [],
        ),
        (  # a PHP warning printed before the XML
            b"<br />\n<b>Warning</b>: mysql_connect() in <b>/home/x/sitemap.php</b><br />\n"
            b'<?xml version="1.0"?><urlset><url><loc>http://www.bansuan.go.th/ita.php</loc></url></urlset>',
            ["http://www.bansuan.go.th/ita.php"],
            [],
        ),
        (
            b"<urlset><url><loc><![CDATA[http://www.bansuan.go.th/a.php?x=1&y=2]]></loc></url></urlset>",
            ["http://www.bansuan.go.th/a.php?x=1&y=2"],
            [],
        ),
        (
            b"http://www.bansuan.go.th/a.html\r\nhttp://www.bansuan.go.th/b.html\n\n",
            ["http://www.bansuan.go.th/a.html", "http://www.bansuan.go.th/b.html"],
            [],
        ),
    ],
)
def test_parse_sitemap(body: bytes, pages: list[str], sitemaps: list[str]) -> None:
    assert parse_sitemap(body) == (pages, sitemaps)


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x1f\x8b\x08\x00garbage",
        b"<!doctype html><html><head><title>404 Not Found</title></head><body>Not Found</body></html>",
        b"\x00\x01\x02\xff" * 100,
        "ไม่พบหน้า".encode(),
        b"<urlset><url><loc>javascript:alert(1)</loc><loc>ftp://x/</loc></url></urlset>",
        b'<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>&x;</loc></url></urlset>',
        b"<urlset>" + b"<url><loc>" * 20000,
    ],
)
def test_parse_sitemap_garbage_gives_nothing(garbage: bytes) -> None:
    assert parse_sitemap(garbage) == ([], [])


# --------------------------------------------------------------------------- soft 404

MENU = """<div id="menu"><a href="/">หน้าแรก</a> <a href="/Pages/history">ประวัติ</a> <a href="/ita.php">ITA</a></div>"""


def page(title: str, main: str, head: str = MENU) -> bytes:
    return f"<html><head><title>{title}</title></head><body>{head}<div id='content'>{main}</div></body></html>".encode()


SOFT_ERRORS = [
    page("อบต.บ้านสวน", "<h2>ไม่พบข้อมูล</h2>"),
    page("อบต.บ้านสวน", "<h1>อบต.บ้านสวน</h1><h3>ขออภัย ไม่พบหน้าที่คุณต้องการ</h3><a href='/'>กลับหน้าหลัก</a>"),
    page("Error 404", "<p>The requested URL was not found on this server.</p>"),
    page("อบต.บ้านสวน", "<p>Error 404</p><a href='/'>กลับหน้าแรก</a>"),
    page("Page Not Found | เทศบาลตำบลบ้านสวน", "<p>ลองค้นหาอีกครั้ง</p>"),
    page("เทศบาล", "<h1>The page you requested was not found</h1>"),
    page("เทศบาล", "<p style='color:red'>ข้อมูลนี้ถูกลบแล้ว หรือไม่มีอยู่ในระบบ</p>"),
    page(
        "Nothing Found – อบต.บ้านสวน", "<p>Sorry, but nothing matched your search terms.</p><form><input name=s></form>"
    ),
    page("หน้าไม่พบ – เทศบาล", "<section class='error-404 not-found'><h1>Oops! That page can’t be found.</h1></section>"),
    page("เทศบาลตำบลบ้านสวน :: ข้อมูลพื้นฐาน", "<p>&nbsp;</p><p>   </p>"),  # an empty vendor template
    page("index.php?_mod=ZGF0YQ", "<table><tr><td></td></tr></table>"),
    page("ข้อมูลพื้นฐาน", "<h2>ข้อมูลพื้นฐาน</h2><p>อยู่ระหว่างปรับปรุง</p>"),
    page("ข่าวประชาสัมพันธ์", "<h2>ข่าวประชาสัมพันธ์</h2><table><tr><td>ไม่มีข้อมูล</td></tr></table>"),
]


@pytest.mark.parametrize("body", SOFT_ERRORS)
def test_soft_errors(body: bytes) -> None:
    assert extract_html(body, "http://www.bansuan.go.th/index.php?_mod=ZGF0YQ&type=MQ").soft_error


ITA_ROWS = "".join(
    f"<tr><td>O{i}</td><td>รายการที่ {i}</td><td><a href='/files/o{i}.pdf'>เปิด</a></td></tr>" for i in range(1, 13)
)
REAL_PAGES = [
    page("ITA 2567", f"<h1>ไม่พบข้อมูล? ดูตามตาราง</h1><table>{ITA_ROWS}</table>"),  # a link table is never an error
    page("การเปิดเผยข้อมูลสาธารณะ", f"<table>{ITA_ROWS}</table>"),
    page("ประกาศ ที่ 404/2567 เรื่อง จัดซื้อวัสดุ", "<p>ประกาศผู้ชนะการเสนอราคา</p><a href='/f/404-2567.pdf'>ดาวน์โหลด</a>"),
    page("แผนพัฒนาท้องถิ่น", "<iframe src='/pdfjs/web/viewer.html?file=/f/plan.pdf'></iframe>"),  # just a viewer
    page("โครงสร้าง", "<img src='/img/chart.jpg' alt='แผนผัง'>"),  # just an org chart
    page("ติดต่อเรา", "<p>โทร 053-000-111</p>"),  # short but real
    page("ติดต่อเรา", "<p>ห้อง 404 ชั้น 4 อาคารสำนักงาน</p>"),
    page("การร้องเรียนการทุจริต", "<h2>ผลการดำเนินการ</h2><p>ไม่พบข้อมูลการร้องเรียนเรื่องการทุจริตในรอบ 6 เดือน</p>"),
    page("เว็บบอร์ด", "<form action='post.php'><textarea name=q></textarea></form>"),
    b"<html><head><title>App</title></head><body><nav><a href='/'>Home</a></nav><div id='root'></div></body></html>",
    b"<html><head><title>Intro</title><meta http-equiv='refresh' content='3;url=main.php'></head><body>"
    + MENU.encode()
    + b"</body></html>",
]


@pytest.mark.parametrize("body", REAL_PAGES)
def test_real_short_pages_are_not_soft_errors(body: bytes) -> None:
    assert extract_html(body, "http://www.bansuan.go.th/Pages/x").soft_error is None


def test_empty_home_page_is_not_a_soft_error() -> None:
    assert extract_html(page("อบต.บ้านสวน", ""), "http://www.bansuan.go.th/").soft_error is None
