"""HTML extraction: text, title, headings, sections, links with row context, images, forms, soft errors."""

from __future__ import annotations

import pytest

from checker.extract.encoding import decode_html
from checker.extract.html import extract_html, resolve_href

BASE = "http://site.go.th/ita/index.php"

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title> เทศบาล :: OIT ๒๕๖๗ </title>
<style>.x{color:red}</style><script>var a = "ไม่ควรเห็น";</script></head>
<body>
<header class="site-header"><img src="/logo.png" alt="ตราเทศบาล"> เทศบาลตำบลบ้านสวน</header>
<nav><a href="/menu1">เมนูหนึ่ง</a> <a href="/menu2">เมนูสอง</a></nav>
<h1>การเปิดเผยข้อมูลสาธารณะ</h1>
<table>
<tr><td>o๑๒</td><td>รายงานการกำกับติดตาม รอบ ๖ เดือน</td><td><a href="r12.pdf">เปิด</a> <a href="#">เปิด</a></td></tr>
<tr><td>O5</td><td>ข้อมูลการติดต่อ</td><td><a href="javascript:MM_openBrWindow('contact.php?id=1','x','')">คลิก</a></td></tr>
</table>
<h2>โครงสร้าง</h2>
<p>แผนผัง <img src="chart.jpg" alt="แผนผังโครงสร้าง"></p>
<h3>ส่วนย่อย</h3><p>สำนักปลัด กองคลัง</p>
<h2>ถาม-ตอบ</h2>
<form action="/qa/post"><input name="name"><textarea name="q"></textarea></form>
<iframe src="https://www.google.com/maps/embed?pb=1" title="แผนที่"></iframe>
<footer>โทร ๐๕๓-๐๐๐-๑๑๑ <a href="https://www.facebook.com/x"><img src="fb.png" alt="Facebook"></a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def doc():
    return extract_html(PAGE.encode("utf-8"), BASE, "text/html; charset=utf-8")


def test_title_is_normalised(doc) -> None:
    assert doc.title == "เทศบาล :: OIT 2567"


def test_script_and_style_are_not_text(doc) -> None:
    assert "ไม่ควรเห็น" not in doc.text and "color" not in doc.text


def test_chrome_text_is_kept_apart_from_main_text(doc) -> None:
    assert "053-000-111" in doc.text
    assert "053-000-111" not in doc.main_text and "เมนูหนึ่ง" not in doc.main_text
    assert "รายงานการกำกับติดตาม" in doc.main_text


def test_links_carry_row_context_and_resolve(doc) -> None:
    r12 = next(lk for lk in doc.links if lk.url.endswith("r12.pdf"))
    assert r12.url == "http://site.go.th/ita/r12.pdf"
    assert r12.text == "เปิด" and r12.context.startswith("o12 รายงานการกำกับติดตาม รอบ 6 เดือน")


def test_placeholder_links_are_kept_with_empty_url(doc) -> None:
    placeholders = [lk for lk in doc.links if lk.url == ""]
    assert placeholders and placeholders[0].raw_href == "#"


def test_javascript_popup_url_is_recovered(doc) -> None:
    assert any(lk.url == "http://site.go.th/ita/contact.php?id=1" for lk in doc.links)


def test_image_link_uses_alt_text_and_iframe_is_a_link(doc) -> None:
    fb = next(lk for lk in doc.links if "facebook" in lk.url)
    assert fb.text == "Facebook"
    assert any(lk.tag == "iframe" and "google.com/maps" in lk.url for lk in doc.links)


def test_sections_nest_under_their_heading(doc) -> None:
    by_heading = {s.heading: s for s in doc.sections}
    assert "สำนักปลัด" in by_heading["โครงสร้าง"].text  # the h3 under it belongs to it
    assert "textarea" not in by_heading["ถาม-ตอบ"].text
    assert "สำนักปลัด" not in by_heading["ถาม-ตอบ"].text


def test_content_images_exclude_logos_in_the_header(doc) -> None:
    srcs = [i.src for i in doc.images]
    assert "http://site.go.th/ita/chart.jpg" in srcs
    assert not any("logo" in s for s in srcs)


def test_forms(doc) -> None:
    (form,) = doc.forms
    assert form.has_textarea and form.text_inputs == 1 and form.action == "http://site.go.th/qa/post"


def test_not_a_soft_error(doc) -> None:
    assert doc.soft_error is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
        "<html><head><title>เทศบาล</title></head><body><h1>ไม่พบหน้าที่ต้องการ</h1><p>กลับหน้าแรก</p></body></html>",
    ],
)
def test_soft_404_pages(html: str) -> None:
    assert extract_html(html.encode(), BASE).soft_error


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("#", ""),
        ("", ""),
        ("javascript:void(0)", ""),
        ("javascript:window.open('/a.pdf')", "http://site.go.th/a.pdf"),
        ("news.php?id=3#top", "http://site.go.th/ita/news.php?id=3"),
        ("../Pages/plan", "http://site.go.th/Pages/plan"),
        ("data:image/png;base64,AAAA", ""),
    ],
)
def test_resolve_href(raw: str, expected: str) -> None:
    assert resolve_href(BASE, raw) == expected


@pytest.mark.parametrize(
    ("body", "content_type", "codec"),
    [
        ("<meta charset='windows-874'><p>ภาษาไทย</p>".encode("cp874"), "text/html", "cp874"),
        ("<p>ภาษาไทย</p>".encode("cp874"), "text/html; charset=TIS-620", "cp874"),
        ("<p>ภาษาไทย</p>".encode("cp874"), "text/html", "cp874"),
        ("<p>ภาษาไทย</p>".encode(), "text/html", "utf-8"),
        ("<p>ภาษาไทย</p>".encode("cp874"), "text/html; charset=iso-8859-1", "cp874"),
        (b"\xef\xbb\xbf" + "<p>ภาษาไทย</p>".encode(), "text/html; charset=tis-620", "utf-8"),
    ],
)
def test_decoding(body: bytes, content_type: str, codec: str) -> None:
    text, used = decode_html(body, content_type)
    assert used == codec and "ภาษาไทย" in text


@pytest.mark.parametrize(
    "hostile",
    [
        b"<html><body>" + b"<div>" * 5000 + b"deep" + b"</div>" * 5000 + b"</body></html>",
        b"\x00\x01\x02<html><<<>>><a href='javascript:alert(1)'>x</a>",
        b"",
        b"<a href='http://[::1'>broken</a>",
    ],
)
def test_hostile_or_broken_html_does_not_raise(hostile: bytes) -> None:
    doc = extract_html(hostile, BASE)
    assert doc.readable


def test_a_utf8_body_cut_inside_a_character_stays_utf8() -> None:
    # The crawler cuts bodies at a byte cap or a deadline, often in the middle of a 3-byte Thai letter.
    body = "<html><body><p>ติดต่อเรา โทรศัพท์ 043-123456</p></body></html>".encode()
    cut = body[: body.index("โทร".encode()) + 4]  # inside "ท"
    for content_type in ("text/html; charset=utf-8", ""):
        text, codec = decode_html(cut, content_type)
        assert codec == "utf-8" and "ติดต่อเรา" in text, (content_type, text)
