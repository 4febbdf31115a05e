"""--max-seconds bounds the whole check, whatever the site does: a port that never answers, a page trickling
50 MB, a home page of 20,000 links. Each check here has 10 s and must be over within 15 s, saying which budget
stopped it and what was read only in part. Real local servers; the clock is the wall clock."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from checker.api import CheckRun, run_check
from checker.cli import main
from checker.crawl.crawler import CrawlOptions
from checker.rules.schema import RulePack

BUDGET = 10.0
BOUND = 15.0  # the budget plus a few seconds (process work around the check, a slow CI machine)
TRICKLE_BYTES = 50_000_000
LINKS = 20_000


@pytest.fixture(scope="module")
def silent_port() -> Iterator[str]:
    """Accepts connections and never answers: a hung PHP worker behind a live listener."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    sock.close()


class _Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)


class _Trickle(_Hostile):
    """Every path: a 50 MB page announced, sent 1 KB every 10 ms (100 KB/s)."""

    def do_GET(self) -> None:
        head = "<html><head><title>เทศบาลตำบลทดสอบ</title></head><body><h1>ข่าวสาร</h1>".encode()
        self._send(head, TRICKLE_BYTES)
        try:
            for _ in range((TRICKLE_BYTES - len(head)) // 1000):
                self.wfile.write(b"<p>" + b"x" * 993 + b"</p>")
                self.wfile.flush()
                time.sleep(0.01)
        except OSError:  # the checker hung up: expected
            pass


def _letters(i: int) -> str:
    """0 -> "aaaa", 1 -> "aaab" …: URLs with no digits, so no two share a shape the trap guard would cap."""
    out = ""
    for _ in range(4):
        i, r = divmod(i, 26)
        out = chr(97 + r) + out
    return out


def _many(href: str) -> bytes:
    rows = "".join(
        f'<li><a href="{href.format(i=i, s=_letters(i))}">ข่าวประชาสัมพันธ์ เรื่องที่ {i} ประจำปี 2567</a></li>'
        for i in range(LINKS)
    )
    return f"<html><head><title>องค์การบริหารส่วนตำบลทดสอบ</title></head><body><ul>{rows}</ul></body></html>".encode()


# Numbered news URLs (the trap guard reads a sample of one shape), and 20,000 URLs of different shapes.
_MANY = {"/": _many("/s{i}/n{i}.html"), "/distinct/": _many("/distinct/{s}.html")}


class _Many(_Hostile):
    """A home page listing 20,000 news links; every other page is a short news item."""

    def do_GET(self) -> None:
        self._send(_MANY.get(self.path) or "<html><body><p>ข่าว</p></body></html>".encode())


@pytest.fixture(scope="module")
def hostile() -> Iterator[dict[str, str]]:
    servers = {name: ThreadingHTTPServer(("127.0.0.1", 0), h) for name, h in (("trickle", _Trickle), ("many", _Many))}
    for server in servers.values():
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {name: f"http://127.0.0.1:{s.server_address[1]}/" for name, s in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


def timed_check(url: str, pack: RulePack) -> tuple[CheckRun, float]:
    began = time.monotonic()
    run = asyncio.run(run_check(url, pack, ocr=None, options=CrawlOptions(max_seconds=BUDGET, render="never")))
    return run, time.monotonic() - began


def test_a_port_that_never_answers_ends_on_time_and_says_so(silent_port: str, pack: RulePack) -> None:
    run, elapsed = timed_check(silent_port, pack)
    assert elapsed < BOUND, elapsed
    assert run.site_error is not None and "--max-seconds" in run.site_error
    assert run.report.coverage is not None and run.report.coverage.budget_exhausted == "time"
    assert {i.status for i in run.report.items} == {"unreachable"}


def test_the_cli_gives_one_line_and_exit_3_for_a_silent_port(
    silent_port: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    began = time.monotonic()
    code = main(["check", silent_port, "--max-seconds", "10", "--no-cache", "--no-history", "--quiet",
                 "--format", "json", "--output", str(tmp_path / "r.json")])  # fmt: skip
    assert time.monotonic() - began < BOUND
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 3 and len(err) == 1 and "10" in err[0], err


def test_a_trickling_50_mb_home_page_is_read_until_the_deadline(hostile: dict[str, str], pack: RulePack) -> None:
    run, elapsed = timed_check(hostile["trickle"], pack)
    assert elapsed < BOUND, elapsed
    cov = run.report.coverage
    assert cov is not None and cov.budget_exhausted == "time"
    assert cov.cut_bodies == {hostile["trickle"]: "time"}
    assert run.site_error is None and run.report.stats.pages == 1
    # Only the start of the home page was read: nothing is called missing on that.
    assert Counter(i.status for i in run.report.items) == Counter({"review": len(pack.items)})
    assert all(any(f"อ่าน {hostile['trickle']} ได้ไม่ครบ" in r for r in i.reasons) for i in run.report.items)


@pytest.mark.parametrize("home", ["", "distinct/"])
def test_a_home_page_of_20000_links_is_judged_within_the_budget(
    home: str, hostile: dict[str, str], pack: RulePack
) -> None:
    run, elapsed = timed_check(hostile["many"] + home, pack)
    assert elapsed < BOUND, elapsed
    cov = run.report.coverage
    assert cov is not None and run.site_error is None
    if home:  # every link a page of its own: the page budget or the time budget stops the crawl, and is named
        # (how many pages fit depends on the machine: the time kept for judging 20,000 links comes first)
        assert cov.budget_exhausted in ("pages", "time") and run.report.stats.pages >= 1, cov
    else:  # one URL shape: the trap guard reads a sample and counts the rest, the crawl ends by itself
        assert cov.skipped_trap > LINKS - 1000 and cov.budget_exhausted is None and run.report.stats.pages > 50
    # Judged within the budget; on a machine too loaded to judge them all in the time kept for it, an item left
    # over is review and says the time ran out (never a guess). Unloaded, every item is judged (~3.5 s).
    late = [i for i in run.report.items if any("หมดเวลาตรวจ" in r for r in i.reasons)]
    assert all(i.status == "review" for i in late) and len(late) < len(run.report.items) // 2, [i.id for i in late]


def test_a_page_cut_at_the_size_cap_leaves_what_it_did_not_read_unknown(tmp_path: Path, pack: RulePack) -> None:
    """The contact page's fax number and map come after 200 KB of notices; the page cap is 100 KB. What was read
    (address, phone, e-mail) is found; what was not read is unknown, so the item is review, never incomplete."""
    from tests.support.server import serve_site

    filler = "<p>ประกาศรับสมัครงาน รายละเอียดตามเอกสารแนบ</p>" * 2500
    contact = (
        "<html><head><title>ติดต่อเรา</title></head><body><h1>ติดต่อเรา</h1>"
        "<p>ที่อยู่ องค์การบริหารส่วนตำบลทดสอบ 99 หมู่ 1 ตำบลทดสอบ อำเภอเมือง จังหวัดขอนแก่น 40000</p>"
        "<p>โทรศัพท์ 043-123456</p><p>อีเมล saraban@tambon-test.go.th</p>"
        f"{filler}<p>โทรสาร 043-123457</p><p>แผนที่ตั้งสำนักงาน</p></body></html>"
    )
    (tmp_path / "index.html").write_text(
        '<html><head><title>อบต.ทดสอบ</title></head><body><a href="contact.html">ติดต่อเรา</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "contact.html").write_text(contact, encoding="utf-8")
    options = CrawlOptions(max_page_bytes=100_000, render="never", early_stop=False)
    with serve_site(tmp_path) as (base, _):
        run = asyncio.run(run_check(base, pack, ocr=None, options=options))
    cov = run.report.coverage
    assert cov is not None and cov.cut_bodies == {base + "contact.html": "size"}
    o5 = next(i for i in run.report.items if i.id == "O5")
    elements = {e.id: e.status for e in o5.elements}
    assert elements["phone"] == "found" and elements["fax"] == "unknown", (elements, o5.evidence, o5.reasons)
    assert o5.status == "review" and any("ขนาดเกินที่กำหนด" in r for r in o5.reasons), o5.reasons
