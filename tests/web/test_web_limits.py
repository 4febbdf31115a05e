"""`oitcheck serve`'s limits, against a real server and real crawls on loopback: 20 clerks submitting 20 sites at
once are all queued and checked; a bounded queue says it is full (and still finishes what it holds); a site
already on its way is not queued twice; a client starting too many checks is told to wait; an oversized request
is refused before it is read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from checker.store.open import open_store
from checker.web.words import w
from tests.support.server import FixtureHandler, serve_site
from tests.web.conftest import WebServer, csrf_token, wait_done
from tests.web.test_web_app import FAST_ARGV, JOB, YEAR, check, idle, message, page_lang, sites, tiny_site

__all__ = ["sites"]  # a fixture, used by name

Start = Callable[..., WebServer]
SLOW = 1.5  # seconds each slow site's home page takes to answer
SLOW_PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>ช้า</title></head><body>ข่าว</body></html>'


@pytest.fixture
def slow_sites(tmp_path: Path) -> Iterator[tuple[str, type[FixtureHandler]]]:
    """Sites /q1/, /q2/, … on one loopback server, each home page answering after SLOW seconds (anything else:
    404 at once): (base URL, the handler with its counters)."""
    (tmp_path / "slow").mkdir()
    routes = {r"re:/q\d+/": {"delay": SLOW, "body": SLOW_PAGE}}
    with serve_site(tmp_path / "slow", routes) as served:
        yield served


def _post_check(client: httpx.Client, url: str, query: str = "") -> httpx.Response:
    token = csrf_token(client.get("/" + query).text)
    return client.post("/check" + query, data={"url": url, "year": str(YEAR), "csrftoken": token})


def _wait_state(client: httpx.Client, job: str, state: str, timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while client.get(job.split("?")[0] + ".json").json()["state"] != state:
        assert time.monotonic() < end, f"{job} never {state}"
        time.sleep(0.05)


def _stored_sites(server: WebServer) -> list[str]:
    store = open_store(server.config.store)
    try:
        return sorted(r.site for r in store.runs())
    finally:
        store.close()


# --------------------------------------------------------------------------- 4. many clerks at once


def test_twenty_clerks_submitting_twenty_sites_at_once_are_all_checked(
    web_server: Start, sites: tuple[Path, str]
) -> None:
    server = web_server(argv=FAST_ARGV)
    root, base = sites
    for n in range(1, 21):
        tiny_site(root, f"s{n}", f"หน่วยงาน {n}")
    together = threading.Barrier(20)

    def clerk(n: int) -> httpx.Response:
        with server.client() as client:  # a browser of its own: its own cookie and token
            token = csrf_token(client.get("/").text)
            together.wait(timeout=30)
            return client.post("/check", data={"url": f"{base}s{n}/", "year": str(YEAR), "csrftoken": token})

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(clerk, range(1, 21)))
    assert [a.status_code for a in answers] == [303] * 20, [(a.status_code, a.text[:300]) for a in answers]
    jobs = [a.headers["location"] for a in answers]
    assert all(JOB.match(j) for j in jobs) and len(set(jobs)) == 20, jobs

    with server.client() as client:
        statuses = [wait_done(client, job) for job in jobs]
    assert [s["state"] for s in statuses] == ["done"] * 20, statuses
    assert len({s["run_id"] for s in statuses}) == 20
    host = base.split("//")[1]
    assert _stored_sites(server) == sorted(f"{host}s{n}" for n in range(1, 21))  # one run per site, no more
    idle(server, jobs=10)  # the form lists the ten newest


def test_a_full_queue_says_so_and_still_finishes_what_it_holds(
    web_server: Start, slow_sites: tuple[str, type[FixtureHandler]]
) -> None:
    server = web_server(argv=FAST_ARGV, queue=2, workers=1)
    base, handler = slow_sites
    with server.client() as client:
        first = _post_check(client, base + "q1/")
        assert first.status_code == 303
        _wait_state(client, first.headers["location"], "running")
        held = [first.headers["location"]]
        for n in (2, 3):
            answer = _post_check(client, f"{base}q{n}/")
            assert answer.status_code == 303, answer.text[:500]
            held.append(answer.headers["location"])
        assert client.get("/healthz").json() == {"ok": True, "running": 1, "waiting": 2}
        job_page = client.get(held[2])
        assert job_page.status_code == 200 and "ลำดับที่ 2 ในคิว" in job_page.text  # its place in the queue

        for query, lang, words in (("", "th", "คิวเต็ม (2 รายการ)"), ("?lang=en", "en", "The queue is full (2 checks")):
            full = _post_check(client, base + "q4/", query)
            assert full.status_code == 503
            assert words in message(full.text) and page_lang(full.text) == lang
        assert client.get("/healthz").json()["waiting"] == 2
        again = _post_check(client, base + "q3/")  # a site already waiting is found even when the queue is full
        assert (again.status_code, again.headers["location"]) == (303, held[2])

        statuses = [wait_done(client, job, timeout=60) for job in held]
    assert [s["state"] for s in statuses] == ["done"] * 3, statuses
    host = base.split("//")[1]
    assert _stored_sites(server) == [f"{host}q1", f"{host}q2", f"{host}q3"]
    assert handler.hits["/q4/"] == 0
    idle(server, jobs=3)


# --------------------------------------------------------------------------- 5. one job per site


def test_a_site_already_on_its_way_is_not_queued_again(
    web_server: Start, slow_sites: tuple[str, type[FixtureHandler]]
) -> None:
    server = web_server(argv=FAST_ARGV, workers=1)
    base, _ = slow_sites
    with server.client() as client, server.client() as colleague:
        running = _post_check(client, base + "q1/").headers["location"]
        _wait_state(client, running, "running")
        waiting = _post_check(client, base + "q2/").headers["location"]
        assert client.get(waiting + ".json").json()["state"] == "queued"
        # Again, from another browser, spelt another way: the same site, so the same job.
        for url, job in ((base + "q1/index.html", running), (base + "q1", running), (base + "q2/", waiting)):
            answer = _post_check(colleague, url)
            assert (answer.status_code, answer.headers["location"]) == (303, job), url
        en = _post_check(colleague, base + "q2/", "?lang=en")
        assert en.headers["location"] == waiting + "?lang=en"
        assert client.get("/healthz").json() == {"ok": True, "running": 1, "waiting": 1}
        assert [wait_done(client, j)["state"] for j in (running, waiting)] == ["done", "done"]
        idle(server, jobs=2)
        again = _post_check(client, base + "q1/")  # done: a new press of the button is a new check
        assert again.status_code == 303 and again.headers["location"] not in (running, waiting)
        assert wait_done(client, again.headers["location"])["state"] == "done"
    host = base.split("//")[1]
    assert _stored_sites(server) == [f"{host}q1", f"{host}q1", f"{host}q2"]


# --------------------------------------------------------------------------- 3. the rate limit


def test_a_client_starting_too_many_checks_is_told_to_wait(web_server: Start, sites: tuple[Path, str]) -> None:
    server = web_server(argv=FAST_ARGV, rate="3/minute")
    root, base = sites
    tiny_site(root, "r")
    with server.client() as client:
        job, run = check(client, base + "r/")  # 1
        recheck = client.get(f"/runs/{run}/recheck")
        answer = client.post(f"/runs/{run}/recheck", data={"csrftoken": csrf_token(recheck.text)})  # 2
        assert answer.status_code == 303
        assert wait_done(client, answer.headers["location"])["state"] == "done"
        assert _post_check(client, base + "r/").status_code == 303  # 3

        for query, lang in (("", "th"), ("?lang=en", "en")):
            limited = _post_check(client, base + "r/", query)
            assert limited.status_code == 429 and limited.headers["retry-after"] == "60"
            assert w("err_rate", lang, rate="3/minute") in message(limited.text)
            assert page_lang(limited.text) == lang
        assert "ส่งคำขอถี่เกินไป (3/minute)" in message(_post_check(client, base + "r/").text)
        token = csrf_token(client.get(f"/runs/{run}/recheck").text)
        for path in (f"/runs/{run}/recheck", "/group/recheck"):  # every way of starting a check counts
            limited = client.post(path, data={"csrftoken": token})
            assert limited.status_code == 429 and limited.headers["retry-after"] == "60", path

        for path in ("/", "/?lang=en", "/healthz", job, f"/runs/{run}", f"/runs/{run}.json", "/group"):
            assert client.get(path, follow_redirects=True).status_code == 200, path  # reading is not limited
        for job_path in [j for j in client.get("/").text.split('href="') if j.startswith("/jobs/")]:
            assert wait_done(client, job_path.split('"')[0])["state"] == "done"
    assert len(_stored_sites(server)) == 3


# --------------------------------------------------------------------------- 6. the size of a request


def test_an_oversized_request_is_refused_before_it_is_read(web_server: Start) -> None:
    server = web_server()
    too_big = "สำนัก".encode() * 7000  # ~100 KB
    with server.client() as client:
        token = csrf_token(client.get("/").text)
        form = {"url": "https://www.example.com/", "year": str(YEAR), "csrftoken": token, "pad": "x" * 100_000}
        for path in ("/check", "/signin", "/runs/1/recheck"):
            answer = client.post(path, data=form)
            assert answer.status_code == 413, path
            assert answer.text.strip() == "คำขอใหญ่เกินไป / The request is too large"
        # No declared length: counted as it arrives, whichever layer reads it (the CSRF layer, or the view when
        # a header token or a Bearer header lets the request past it).
        for extra in ({}, {"x-csrftoken": token}, {"authorization": "Bearer anything"}):
            streamed = client.post(
                "/check",
                content=iter([too_big[i : i + 8192] for i in range(0, len(too_big), 8192)]),
                headers={"content-type": "application/x-www-form-urlencoded", **extra},
            )
            assert streamed.status_code == 413, extra
        small = client.post("/check", data={**form, "pad": "x" * 1000})  # the same form, small: read
        assert small.status_code == 400 and "www.example.com ไม่อยู่ในรายการ" in message(small.text)
    idle(server)
