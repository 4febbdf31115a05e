"""Off-site evidence: which service a link points to, and how to read a public Google Drive file.

Agencies publish much OIT evidence on Google Drive, Facebook, YouTube and national systems (e-GP, ITAS).
The evaluator needs to say "on Google Drive" rather than "external", and the crawler may fetch a public
Drive file through its direct-download URL, but must recognise the sign-in page Google serves instead of
a private file (status 200, HTML) so that it is reported as private, not as a broken PDF.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qs, urlencode, urlsplit

_DRIVE_ID = re.compile(r"^[A-Za-z0-9_-]{10,}$")
_DRIVE_PATH_ID = re.compile(r"/file/d/([A-Za-z0-9_-]{10,})(?:/|$)")
_RESOURCE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_DOCS_APPS = ("/document/", "/spreadsheets/", "/presentation/", "/drawings/")

# host suffix -> kind; checked in order, the first whose suffix matches wins
_HOSTS: tuple[tuple[str, str], ...] = (
    ("drive.google.com", "google_drive"),
    ("drive.usercontent.google.com", "google_drive"),
    ("sites.google.com", "google_sites"),
    ("forms.gle", "google_forms"),
    ("facebook.com", "facebook"),
    ("fb.com", "facebook"),
    ("fb.me", "facebook"),
    ("fb.watch", "facebook"),
    ("youtube.com", "youtube"),
    ("youtube-nocookie.com", "youtube"),
    ("youtu.be", "youtube"),
    ("line.me", "line"),
    ("lin.ee", "line"),
    ("gprocurement.go.th", "egp"),
    ("itas.nacc.go.th", "itas"),
)

# The sign-in / request-access page served instead of a private file (English and Thai UI).
_PRIVATE = re.compile(
    r"accounts\.google\.com|ServiceLogin|You need access|You need permission|Request access"
    r"|ขอสิทธิ์เข้าถึง|คุณต้องมีสิทธิ์|ต้องได้รับสิทธิ์",
    re.I,
)
# Pages of a *public* file that also carry a "Sign in" link: the virus-scan interstitial of a large file
# and the download-quota page. Neither is a private file.
_PUBLIC_INTERSTITIAL = re.compile(
    r"can(?:'|&#39;|’)?t scan this file for viruses|uc-download-link|download-form"
    r"|ไม่สามารถสแกนไฟล์นี้|Too many users have viewed or downloaded|Quota exceeded",
    re.I,
)


def external_kind(url: str) -> str | None:
    """The service an off-site link points to ("google_drive", "facebook", "egp"...), "other", or None.

    None: not an http(s) URL with a host (mailto:, tel:, placeholders).
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if host == "docs.google.com":
        if _DRIVE_PATH_ID.search(parts.path) or parts.path in ("/uc", "/open"):
            return "google_drive"  # docs.google.com/file/d/<id>, /uc?id=: old Drive file links
        if parts.path.startswith("/forms/"):
            return "google_forms"
        return "google_docs" if parts.path.startswith(_DOCS_APPS) else "other"
    for suffix, kind in _HOSTS:
        if host == suffix or host.endswith("." + suffix):
            return kind
    return "other"


def drive_file_id(url: str) -> str | None:
    """The file id in a Drive link (/file/d/<id>/view, open?id=, uc?id=); None for folders and others."""
    if external_kind(url) != "google_drive":
        return None
    parts = urlsplit(url.strip())
    m = _DRIVE_PATH_ID.search(parts.path)
    if m:
        return m.group(1)
    path = parts.path.rstrip("/")
    if path in ("/open", "/uc", "/download", "/thumbnail") or path.endswith("/uc"):
        ids = parse_qs(parts.query).get("id", [])
        if ids and _DRIVE_ID.match(ids[0]):
            return ids[0]
    return None


def drive_download_url(url: str) -> str | None:
    """The public direct-download URL of a Drive file link, so that its content can be read.

    Files shared before Google's 2021 security update need their `resourcekey`; it is carried over.
    """
    file_id = drive_file_id(url)
    if file_id is None:
        return None
    query = {"export": "download", "id": file_id}
    keys = parse_qs(urlsplit(url.strip()).query).get("resourcekey", [])
    if keys and _RESOURCE_KEY.match(keys[0]):
        query["resourcekey"] = keys[0]
    return "https://drive.google.com/uc?" + urlencode(query)


def is_private_drive_response(status: int | None, headers: Mapping[str, str], body_head: bytes) -> bool:
    """True when Google answered a file request with its sign-in / request-access page (a private file).

    Meant for responses to a Drive file or download URL: a public file comes back as the file itself (or
    the virus-scan page of a large one); a private one as an HTML page about signing in or asking for
    access, usually with status 200 after the redirect to accounts.google.com.
    """
    if status is None or not (200 <= status < 300 or status in (401, 403)):
        return False
    lowered = {k.lower(): v for k, v in headers.items()}
    ctype = lowered.get("content-type", "").lower()
    if "attachment" in lowered.get("content-disposition", "").lower():
        return False
    head = body_head[:65536].decode("utf-8", "replace")
    looks_html = "html" in ctype or head.lstrip()[:1] == "<"
    if not looks_html or (ctype and "html" not in ctype):
        return False
    return bool(_PRIVATE.search(head)) and not _PUBLIC_INTERSTITIAL.search(head)
