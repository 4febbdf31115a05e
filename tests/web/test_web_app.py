"""`oitcheck serve` over HTTP, against a real server (uvicorn on loopback) and real crawls of sites on loopback:
CSRF on every POST, the allow-list's refusals, the group view's token, escaping of what a site calls itself,
the pages of a run (its JSON, what changed, unknown ids) and the security headers. The limits (rate, queue,
one job per site, request size, 20 clerks at once) are in test_web_limits.py.

Each refusal is checked by its status AND the words a clerk reads, in Thai (the default) and English.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from checker.demo.server import serve
from checker.web.allow import AllowList
from tests.web.conftest import CHECK_ARGV, WebServer, csrf_token, wait_done

Start = Callable[..., WebServer]
YEAR = 2567
FAST_ARGV = [*CHECK_ARGV, "--max-pages", "10"]
JOB = re.compile(r"^/jobs/([0-9a-f]{32})(\?lang=en)?$")
NONE_YET = "ยังไม่มีการตรวจ"
CSRF = {"th": "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้", "en": "The form expired or did not come from this site"}
NOT_FOUND = {"th": "ไม่พบหน้านี้", "en": "There is no such page"}
EVIL_TITLE = "<script>alert(1)</script>&\"'"


# --------------------------------------------------------------------------- helpers (test_web_limits uses them)


def tiny_site(root: Path, prefix: str, title: str = "Tiny") -> None:
    """A site of two pages under root/prefix/ (served as /prefix/)."""
    folder = root / prefix
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        '<body><h1>หน้าแรก</h1><a href="about.html">เกี่ยวกับเรา</a></body></html>',
        encoding="utf-8",
    )
    (folder / "about.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>About</title></head><body>ประวัติ</body></html>',
        encoding="utf-8",
    )


def message(page: str) -> str:
    """The text of an error page's #error-message, unescaped."""
    found = re.search(r'id="error-message"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, page[:2000]
    return html.unescape(found.group(1))


def page_lang(page: str) -> str:
    found = re.search(r'<html lang="(\w+)"', page)
    assert found is not None
    return found.group(1)


def idle(server: WebServer, jobs: int = 0) -> None:
    """The server runs and waits for nothing, and its form lists `jobs` checks (0: 'no checks yet')."""
    assert httpx.get(server.url + "/healthz").json() == {"ok": True, "running": 0, "waiting": 0}
    home = httpx.get(server.url + "/").text
    listed = re.findall(r'<a href="/jobs/[0-9a-f]{32}">', home)
    assert len(listed) == jobs, listed
    assert (NONE_YET in home) == (jobs == 0)


def check(client: httpx.Client, url: str, lang_query: str = "") -> tuple[str, int]:
    """Check `url` through the form; (job path, run id) once it is done."""
    token = csrf_token(client.get("/" + lang_query).text)
    answer = client.post("/check" + lang_query, data={"url": url, "year": str(YEAR), "csrftoken": token})
    assert answer.status_code == 303, (answer.status_code, answer.text[:2000])
    job = answer.headers["location"]
    assert JOB.match(job), job
    status = wait_done(client, job)
    assert status["state"] == "done", status
    return job.split("?")[0], int(status["run_id"])


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """An empty folder served on loopback, for tiny_site(): (folder, base URL ending in /)."""
    root = tmp_path / "sites"
    root.mkdir()
    with serve(root) as url:
        yield root, url


# --------------------------------------------------------------------------- 1. CSRF


def test_csrf_every_post_without_its_token_is_refused_and_nothing_is_queued(
    web_server: Start, sites: tuple[Path, str]
) -> None:
    server = web_server(argv=FAST_ARGV)
    root, base = sites
    tiny_site(root, "a")
    form = {"url": base + "a/", "year": str(YEAR)}
    with server.client() as bare:  # no cookie, no token: a form posted by a script or another site
        for query, lang in (("", "th"), ("?lang=en", "en")):
            answer = bare.post("/check" + query, data=form)
            assert answer.status_code == 403
            assert CSRF[lang] in message(answer.text) and page_lang(answer.text) == lang
        assert "csrftoken" not in bare.cookies
    with server.client() as other:  # a real token, from a page of this server, but sent without its cookie
        token = csrf_token(other.get("/").text)
    with server.client() as bare:
        assert bare.post("/check", data={**form, "csrftoken": token}).status_code == 403
    idle(server)

    with server.client() as client:
        home = client.get("/")
        assert home.status_code == 200 and "csrftoken" in client.cookies
        for sent in ({}, {"csrftoken": ""}, {"csrftoken": "not-the-token"}, {"csrftoken": token + "x"}):
            answer = client.post("/check", data={**form, **sent})
            assert answer.status_code == 403, sent
            assert CSRF["th"] in message(answer.text)
        idle(server)

        answer = client.post("/check", data={**form, "csrftoken": csrf_token(home.text)})
        assert answer.status_code == 303 and JOB.match(answer.headers["location"]), answer.headers
        status = wait_done(client, answer.headers["location"])
        assert status["state"] == "done", status
        run = status["run_id"]

        for path in (f"/runs/{run}/recheck", "/signout", "/group/recheck", "/signin"):
            answer = client.post(path, data={"token": "x"})
            assert answer.status_code == 403, path
            assert CSRF["th"] in message(answer.text)
        answer = client.post(f"/runs/{run}/recheck?lang=en", data={"csrftoken": "forged"})
        assert answer.status_code == 403 and CSRF["en"] in message(answer.text)
    idle(server, jobs=1)  # the one check with its token, no re-check


# --------------------------------------------------------------------------- 2. the allow-list


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_allow_list_refuses_by_name_and_queues_nothing(web_server: Start, lang: str) -> None:
    server = web_server(allow=AllowList(("127.0.0.1", "*.invalid")), allow_private=False)
    query = "?lang=en" if lang == "en" else ""
    said = {
        "not_allowed": ("ไม่อยู่ในรายการที่ระบบนี้ตรวจได้", "is not among the sites this server checks"),
        "bad_url": ("ที่อยู่เว็บไซต์ไม่ถูกต้อง", "That is not a website address"),
        "private": ("ที่อยู่นี้ชี้ไปยังเครือข่ายภายใน", "That address points into a private network"),
        "no_address": (
            "หาเว็บไซต์ nonexistent.invalid ไม่พบ (DNS)",
            "The name nonexistent.invalid does not resolve (DNS)",
        ),
    }
    cases = [
        ("https://www.example.com/news", "not_allowed", ["www.example.com", "(127.0.0.1, *.invalid)"]),
        ("evil.go.th", "not_allowed", ["evil.go.th"]),
        ("javascript:alert(1)", "bad_url", []),
        ("http://", "bad_url", []),
        ("ftp://x.go.th/", "bad_url", ["ftp://x.go.th/"]),
        ("http://clerk:secret@127.0.0.1/", "bad_url", ["password"]),
        ("http://127.0.0.1:9/", "private", ["127.0.0.1 → 127.0.0.1"]),
        ("http://nonexistent.invalid/", "no_address", []),
    ]
    with server.client() as client:
        for url, code, details in cases:
            token = csrf_token(client.get("/" + query).text)
            answer = client.post("/check" + query, data={"url": url, "year": str(YEAR), "csrftoken": token})
            assert answer.status_code == 400, (url, answer.status_code)
            text = message(answer.text)
            assert said[code][lang == "en"] in text, (url, text)
            assert all(d in text for d in details), (url, text)
            assert "secret" not in answer.text  # a password typed into the form is not shown back
            assert page_lang(answer.text) == lang
    idle(server)


# --------------------------------------------------------------------------- 7. the group view's token


def test_the_group_view_needs_its_token_and_sign_in_never_redirects_off_site(
    web_server: Start, sites: tuple[Path, str]
) -> None:
    secret = "group-token-9c2f"
    server = web_server(argv=FAST_ARGV, token=secret)
    root, base = sites
    tiny_site(root, "t")
    site = base.split("//")[1] + "t"
    with server.client() as clerk:  # checking a site and reading its report need no sign-in
        _, run = check(clerk, base + "t/")
        assert clerk.get(f"/runs/{run}").status_code == 200
        assert clerk.get(f"/runs/{run}.json").status_code == 200

    with server.client() as client:
        for path, target in (("/group", "/signin?next=%2Fgroup"), ("/sites/x", "/signin?next=%2Fsites%2Fx"),
                             ("/group?lang=en", "/signin?next=%2Fgroup%3Flang%3Den"),
                             ("/group/recheck", "/signin?next=%2Fgroup%2Frecheck")):  # fmt: skip
            answer = client.get(path)
            assert (answer.status_code, answer.headers["location"]) == (303, target), path
        assert client.get("/group", headers={"authorization": "Bearer wrong"}).status_code == 303

        signin = client.get("/signin?next=%2Fgroup")
        assert signin.status_code == 200 and 'name="next" value="/group"' in signin.text
        token = csrf_token(signin.text)
        for query, words in (("", "รหัสผ่านไม่ถูกต้อง"), ("?lang=en", "That token is not right")):
            answer = client.post("/signin" + query, data={"token": "not-it", "next": "/group", "csrftoken": token})
            assert answer.status_code == 403 and words in answer.text
            assert "oitcheck_session" not in answer.headers.get("set-cookie", "")
        assert client.get("/group").status_code == 303

        answer = client.post("/signin", data={"token": secret, "next": f"/sites/{site}", "csrftoken": token})
        assert (answer.status_code, answer.headers["location"]) == (303, f"/sites/{site}")
        cookie = answer.headers["set-cookie"]
        assert cookie.startswith("oitcheck_session=") and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        assert secret not in cookie  # a signed value, not the token itself
        assert client.get("/group").status_code == 200
        history = client.get(f"/sites/{site}")
        assert history.status_code == 200 and f'href="/runs/{run}"' in history.text

        answer = client.post("/signout", data={"csrftoken": token})
        assert (answer.status_code, answer.headers["location"]) == (303, "/")
        assert client.get("/group").status_code == 303

    # Only a path on this server is followed after signing in.
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example/", "http:/evil.example", "evil"):
        with server.client() as client:
            page = client.get("/signin", params={"next": evil})
            assert 'name="next" value="/group"' in page.text, evil
            answer = client.post("/signin", data={"token": secret, "next": evil, "csrftoken": csrf_token(page.text)})
            assert (answer.status_code, answer.headers["location"]) == (303, "/group"), evil
    for sneaky in ("/\t/evil.example/", "/\n/evil.example/", " //evil.example/"):  # browsers drop tabs and newlines
        with server.client() as client:
            token = csrf_token(client.get("/signin").text)
            answer = client.post("/signin", data={"token": secret, "next": sneaky, "csrftoken": token})
            target = answer.headers["location"]
            assert target.startswith("/") and target[1] not in "/\\" and target.isprintable() and " " not in target

    bearer = {"authorization": f"Bearer {secret}"}
    assert httpx.get(server.url + "/group", headers=bearer).status_code == 200
    assert httpx.get(server.url + f"/sites/{site}", headers=bearer).status_code == 200
    assert httpx.get(server.url + f"/runs/{run}").status_code == 200  # the report's link stays open

    open_server = web_server()  # no token: the group view is open (an empty store: an empty group)
    assert httpx.get(open_server.url + "/group").status_code == 200
    assert httpx.get(open_server.url + "/sites/x").status_code == 404  # no such site, not a sign-in


# --------------------------------------------------------------------------- 8. escaping


def test_a_site_naming_itself_with_markup_is_escaped_on_every_page(web_server: Start, sites: tuple[Path, str]) -> None:
    server = web_server(argv=FAST_ARGV)
    root, base = sites
    tiny_site(root, "x", EVIL_TITLE)
    raw = "<script>alert(1)"
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;"  # the element, then the ampersand
    site = base.split("//")[1] + "x"
    with server.client(follow_redirects=True) as client:
        token = csrf_token(client.get("/").text)
        answer = client.post("/check", data={"url": base + "x/", "year": str(YEAR), "csrftoken": token})
        assert answer.status_code == 200 and raw not in answer.text  # the job page (or the report when quick)
        job = answer.history[0].headers["location"]
        status = wait_done(client, job)
        assert status["state"] == "done", status
        run = status["run_id"]
        report = json.loads(client.get(f"/runs/{run}.json").text)
        assert report["site"]["name"] == EVIL_TITLE  # the title as the site wrote it, decoded

        json_escaped = "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026"  # in a JSON script element
        pages = {  # each page, and how it shows the site's name (None: it shows the address only)
            "home": ("/", None),
            "job": (job, escaped),  # done: the job page sends the clerk on to the report
            "report": (f"/runs/{run}", escaped),
            "report en": (f"/runs/{run}?lang=en", escaped),
            "changes": (f"/runs/{run}/changes", escaped),
            "recheck": (f"/runs/{run}/recheck", escaped),
            "site": (f"/sites/{site}", None),
            "group": ("/group", json_escaped),
        }
        for name, (path, shown) in pages.items():
            answer = client.get(path)
            assert answer.status_code == 200, name
            assert raw not in answer.text and "alert(1)</script>" not in answer.text, name
            assert shown is None or shown in answer.text, name
        assert site in client.get("/").text  # the recent list names the site by its address
        for path in ("/?url=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", "/sites/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                     "/nowhere/%3Cscript%3Ealert(1)%3C/script%3E?lang=%3Cscript%3E"):  # fmt: skip
            assert raw not in client.get(path).text, path  # nothing the address says comes back as markup
    idle(server, jobs=1)


# --------------------------------------------------------------------------- 9. the pages of a run


def test_a_run_its_json_and_what_changed_after_the_site_changed(web_server: Start, demo_copy: tuple[Path, str]) -> None:
    server = web_server()
    folder, url = demo_copy
    with server.client() as client:
        for path in ("/jobs/0123456789abcdef0123456789abcdef", "/jobs/nope.json", "/runs/999", "/runs/999.json",
                     "/runs/999/changes", "/runs/999/recheck", "/sites/nowhere.go.th"):  # fmt: skip
            for query, lang in (("", "th"), ("?lang=en", "en")):
                answer = client.get(path + query)
                assert answer.status_code == 404, path
                assert NOT_FOUND[lang] in message(answer.text) and page_lang(answer.text) == lang, path

        _, first = check(client, url)
        data = client.get(f"/runs/{first}.json")
        assert data.status_code == 200 and data.headers["content-type"].startswith("application/json")
        report = data.json()
        assert report["schema_version"] == 1 and len(report["items"]) == 43
        assert report["site"]["name"].endswith("เทศบาลตำบลบ้านสวนดอก")  # the home page's title
        o10 = next(i for i in report["items"] if i["id"] == "O10")
        assert o10["status"] == "pass", o10  # the ground truth: pdpa.html, linked from every footer

        for query, words in (("", "ยังไม่มีการตรวจครั้งก่อนของเว็บไซต์นี้ให้เทียบ"),
                             ("?lang=en", "There is no earlier run of this site to compare")):  # fmt: skip
            answer = client.get(f"/runs/{first}/changes{query}")
            assert answer.status_code == 200 and words in answer.text
            assert 'id="changes"' not in answer.text

        (folder / "pdpa.html").unlink()  # O10's evidence: every link to it now answers 404
        page = client.get(f"/runs/{first}/recheck")
        assert page.status_code == 200 and url in page.text
        answer = client.post(f"/runs/{first}/recheck", data={"csrftoken": csrf_token(page.text)})
        assert answer.status_code == 303 and JOB.match(answer.headers["location"])
        status = wait_done(client, answer.headers["location"])
        assert status["state"] == "done", status
        second = status["run_id"]
        assert second > first

        for query, before_word in (("", "ผ่าน"), ("?lang=en", "pass")):
            changes = client.get(f"/runs/{second}/changes{query}")
            assert changes.status_code == 200 and 'id="changes"' in changes.text
            row = r'<tr class="change-(\w+)"><td>(O\d+)\b[^<]*</td><td>([^<]*)</td><td>([^<]*)</td></tr>'
            rows = re.findall(row, changes.text)
            moved = {item: (kind, html.unescape(b), html.unescape(a)) for kind, item, b, a in rows}
            assert "O10" in moved, rows
            kind, before, after = moved["O10"]
            assert kind == "regressed" and before == "✔ " + before_word and after and before_word not in after, moved
            score = re.search(r'id="score-move">[^<]*?(\d+\.\d\d) → (\d+\.\d\d)', changes.text)
            assert score is not None and float(score.group(2)) < float(score.group(1))
        after = client.get(f"/runs/{second}.json").json()
        assert next(i for i in after["items"] if i["id"] == "O10")["status"] != "pass"


# --------------------------------------------------------------------------- 10. security headers


def test_security_headers_on_the_pages_and_the_report(web_server: Start, sites: tuple[Path, str]) -> None:
    server = web_server(argv=FAST_ARGV)
    root, base = sites
    tiny_site(root, "h")
    with server.client() as client:
        _, run = check(client, base + "h/")
        for path in ("/", "/?lang=en", f"/runs/{run}/changes", "/runs/999", "/signin"):
            answer = client.get(path)
            csp = answer.headers["content-security-policy"]
            assert "form-action 'self'" in csp and "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
            assert answer.headers["x-content-type-options"] == "nosniff", path
            assert answer.headers["x-frame-options"] == "DENY", path
        refused = client.post("/check", data={"url": base})  # the CSRF layer's own page gets them too
        assert refused.status_code == 403 and "frame-ancestors 'none'" in refused.headers["content-security-policy"]

        for path in (f"/runs/{run}", f"/runs/{run}?lang=en"):
            report = client.get(path)
            assert report.headers.get_list("content-security-policy") == ["frame-ancestors 'none'; base-uri 'none'"]
            assert report.headers["x-content-type-options"] == "nosniff"
            meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', report.text)
            assert meta is not None
            policy = html.unescape(meta.group(1))  # the report's own: its inline style and script by hash only
            assert policy.startswith("default-src 'none'; style-src 'sha256-") and "script-src 'sha256-" in policy


def test_get_on_a_form_address_is_a_page_in_the_clerks_language(web_server: Callable[..., WebServer]) -> None:
    ws = web_server()
    with ws.client() as client:
        thai, english = client.get("/check"), client.get("/check?lang=en")
    assert thai.status_code == english.status_code == 405
    assert "หน้านี้ใช้ส่งแบบฟอร์มเท่านั้น" in thai.text and "only takes a form" in english.text
