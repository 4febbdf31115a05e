"""Off-site evidence: which service a link is on; public and private Google Drive files."""

from __future__ import annotations

import pytest

from checker.extract.external import drive_download_url, drive_file_id, external_kind, is_private_drive_response

FILE_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz012345"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        (f"https://drive.google.com/file/d/{FILE_ID}/view?usp=sharing", "google_drive"),
        (f"https://drive.google.com/open?id={FILE_ID}", "google_drive"),
        (f"https://drive.google.com/uc?id={FILE_ID}&export=download", "google_drive"),
        (f"https://docs.google.com/file/d/{FILE_ID}/edit", "google_drive"),
        ("https://drive.google.com/drive/folders/1FoLdErIdAbCdEfGhIj?usp=sharing", "google_drive"),
        (f"https://drive.usercontent.google.com/download?id={FILE_ID}", "google_drive"),
        (f"https://docs.google.com/document/d/{FILE_ID}/edit", "google_docs"),
        (f"https://docs.google.com/spreadsheets/d/{FILE_ID}/edit#gid=0", "google_docs"),
        (f"https://docs.google.com/presentation/d/{FILE_ID}/pub", "google_docs"),
        ("https://docs.google.com/forms/d/e/1FAIpQLSf/viewform", "google_forms"),
        ("https://forms.gle/AbCdEf123", "google_forms"),
        ("https://sites.google.com/view/ita-bansuan/o1", "google_sites"),
        ("https://www.facebook.com/bansuan.go.th", "facebook"),
        ("https://m.facebook.com/story.php?story_fbid=1&id=2", "facebook"),
        ("https://fb.watch/abc/", "facebook"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube"),
        ("https://line.me/R/ti/p/@bansuan", "line"),
        ("https://lin.ee/AbCd", "line"),
        ("http://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch", "egp"),
        ("https://www.gprocurement.go.th/new_index.html", "egp"),
        ("https://itas.nacc.go.th/go/iit/abc123", "itas"),
        ("https://www.nacc.go.th/", "other"),
        ("https://www.bansuan.go.th/ita.php", "other"),
        ("https://notfacebook.com/x", "other"),
        ("https://docs.google.com/", "other"),
        ("mailto:saraban@bansuan.go.th", None),
        ("tel:053000111", None),
        ("", None),
        ("http://[::1", None),
    ],
)
def test_external_kind(url: str, kind: str | None) -> None:
    assert external_kind(url) == kind


@pytest.mark.parametrize(
    ("url", "download"),
    [
        (f"https://drive.google.com/file/d/{FILE_ID}/view?usp=sharing", FILE_ID),
        (f"https://drive.google.com/file/d/{FILE_ID}/preview", FILE_ID),
        (f"https://drive.google.com/file/d/{FILE_ID}", FILE_ID),
        (f"https://drive.google.com/a/bansuan.go.th/file/d/{FILE_ID}/view", FILE_ID),
        (f"https://drive.google.com/open?id={FILE_ID}", FILE_ID),
        (f"https://drive.google.com/uc?export=view&id={FILE_ID}", FILE_ID),
        (f"https://docs.google.com/uc?id={FILE_ID}", FILE_ID),
        (f"https://docs.google.com/file/d/{FILE_ID}/edit", FILE_ID),
        ("https://drive.google.com/drive/folders/1FoLdErIdAbCdEfGhIj", None),
        (f"https://docs.google.com/document/d/{FILE_ID}/edit", None),
        ("https://drive.google.com/open?id=short", None),
        ("https://www.bansuan.go.th/file/d/1AbCdEfGhIjKlMnOp/view", None),
    ],
)
def test_drive_download_url(url: str, download: str | None) -> None:
    assert drive_file_id(url) == download
    expected = f"https://drive.google.com/uc?export=download&id={download}" if download else None
    assert drive_download_url(url) == expected


def test_drive_download_keeps_the_resource_key() -> None:
    url = f"https://drive.google.com/file/d/{FILE_ID}/view?usp=sharing&resourcekey=0-AbC_dEf-123"
    assert drive_download_url(url) == (
        f"https://drive.google.com/uc?export=download&id={FILE_ID}&resourcekey=0-AbC_dEf-123"
    )


HTML = {"Content-Type": "text/html; charset=utf-8"}
SIGN_IN = b"""<!doctype html><html lang="en"><head><title>Google Drive: Sign-in</title></head><body>
<form action="https://accounts.google.com/v3/signin/identifier?continue=https%3A%2F%2Fdrive.google.com" method="post">
<input type="email" name="identifier"></form></body></html>"""
SERVICE_LOGIN = b'<html><head><meta http-equiv="refresh" content="0; url=https://www.google.com/a/ServiceLogin?x">'
NEED_ACCESS = b"<html><body><h1>You need access</h1><p>Ask for access, or switch to an account with access.</p>"
THAI = "<html><body><h1>คุณต้องมีสิทธิ์เข้าถึง</h1><button>ขอสิทธิ์เข้าถึง</button></body></html>".encode()
VIRUS_SCAN = b"""<html><head><title>Google Drive - Virus scan warning</title></head><body>
<a href="https://accounts.google.com/ServiceLogin">Sign in</a><p>Google Drive can't scan this file for viruses.</p>
<form id="download-form" action="https://drive.usercontent.google.com/download"></form></body></html>"""
QUOTA = b"""<html><title>Google Drive - Quota exceeded</title>
<a href="https://accounts.google.com/ServiceLogin">Sign in</a>
Too many users have viewed or downloaded this file recently.</html>"""


@pytest.mark.parametrize(
    ("status", "headers", "body", "private"),
    [
        (200, HTML, SIGN_IN, True),
        (200, HTML, SERVICE_LOGIN, True),
        (200, HTML, NEED_ACCESS, True),
        (200, HTML, THAI, True),
        (403, HTML, NEED_ACCESS, True),
        (200, {}, SIGN_IN, True),  # no Content-Type, but it is a page
        (200, {"content-type": "application/pdf"}, b"%PDF-1.7\n accounts.google.com", False),
        (200, {"Content-Type": "text/html", "Content-Disposition": 'attachment; filename="o1.html"'}, SIGN_IN, False),
        (200, HTML, VIRUS_SCAN, False),  # a public file too large to scan: not private
        (200, HTML, QUOTA, False),
        (200, HTML, b"<html><body>ok</body></html>", False),
        (404, HTML, SIGN_IN, False),
        (None, {}, b"", False),
        (500, HTML, NEED_ACCESS, False),
    ],
)
def test_is_private_drive_response(status: int | None, headers: dict[str, str], body: bytes, private: bool) -> None:
    assert is_private_drive_response(status, headers, body) is private
