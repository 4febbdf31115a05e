"""URL hygiene: crawler traps (calendars, growing queries, loops) and the canonical spelling of a URL."""

from __future__ import annotations

from datetime import date

import pytest

from checker.crawl.scope import canonical
from checker.crawl.traps import TrapGuard, pattern

TODAY = date(2026, 11, 21)
SITE = "http://www.bansuan.go.th"


def guard(**kwargs: int) -> TrapGuard:
    return TrapGuard(TODAY, **kwargs)


# --------------------------------------------------------------------------- calendars


@pytest.mark.parametrize(
    "url",
    [
        "/calendar.php?month=5&year=2031",
        "/calendar.php?month=5&year=2574",  # Buddhist era: 2031
        "/index.php?_mod=Y2FsZW5kYXI&month=1&year=2020",
        "/event.php?date=2019-05-01",
        "/news.php?cal_date=20310501",
        "/activity.php?day=01/05/2560",
        "/calendar/2031/05/",
        "/events/2024-01-01/",
        "/cal/203105",
        "/calendar/index.php?year=2010",  # a bare year counts under a calendar word
        "/wp/?post_type=tribe_events&tribe-bar-date=2032-01",
        "/agenda.php?cal=1&time=1900000000",  # unix time: 2030
    ],
)
def test_calendar_pages_far_from_today_are_traps(url: str) -> None:
    reason = guard().reason(SITE + url)
    assert reason is not None and reason.startswith("calendar"), reason


@pytest.mark.parametrize(
    "url",
    [
        "/calendar.php?month=11&year=2026",
        "/calendar.php?month=10&year=2569",  # Buddhist era, this fiscal year
        "/event.php?date=2026-02-14",
        "/calendar/2027/03/",
        "/ita.php?year=2566",  # an archive by (Buddhist) year is not a calendar
        "/Pages/plan?year=2010",
        "/news/2019/05/post-title",  # a WordPress permalink
        "/?m=201905",
        "/calendar/view/1234",  # an event id, not a year
        "/shownews.php?id=20190501",
        "/wp-content/uploads/2019/05/Scan2019-05-16_105945.pdf",
    ],
)
def test_pages_that_are_not_far_calendars_are_admitted(url: str) -> None:
    assert guard().reason(SITE + url) is None


def test_walking_a_calendar_stops_a_year_out() -> None:
    g = guard()
    admitted = []
    year, month = 2026, 11
    for _ in range(60):  # follow "next month" for five years
        url = f"{SITE}/calendar.php?month={month}&year={year}"
        if g.admit(url):
            admitted.append((year, month))
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    assert admitted[0] == (2026, 11) and admitted[-1] == (2027, 11) and len(admitted) == 13


# --------------------------------------------------------------------------- growing URLs and loops


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("/news.php?" + "&".join(f"f{i}=value{i}" for i in range(40)), "query longer"),
        ("/list.php?sort=asc&sort=desc&sort=asc&page=2", "repeated query parameter"),
        ("/a/b/a/b/a/b/file.pdf", "repeated path segments"),
        ("/ita/ita/ita/o1.pdf", "repeated path segments"),  # a broken relative link, one level more each time
        ("/x/ita/y/ita/z/ita/w/ita", "repeated path segments"),
        ("/" + "/".join(f"d{i}" for i in range(13)) + "/", "path deeper"),
    ],
)
def test_growing_urls_are_traps(url: str, why: str) -> None:
    reason = guard().reason(SITE + url)
    assert reason is not None and reason.startswith(why), reason


def test_ever_growing_query_string_stops_at_the_cap() -> None:
    g = guard()
    url = f"{SITE}/search.php?q=x"
    steps = 0
    while g.admit(url) and steps < 1000:
        url += f"&p{steps}=next"
        steps += 1
    assert 10 < steps < 40 and g.reason(url) == "query longer than 300 characters"


def test_pattern_budget() -> None:
    g = guard(per_pattern=60)
    admitted = sum(g.admit(f"{SITE}/shownews.php?id={i}") for i in range(200))
    assert admitted == 60
    assert g.reason(f"{SITE}/shownews.php?id=999") == f"more than 60 URLs like {pattern(SITE + '/shownews.php?id=1')}"
    assert g.admit(f"{SITE}/shownews.php?id=5")  # already admitted: still fine, and free
    assert g.admit(f"{SITE}/news.php?cat_id=1")  # another family has its own budget


def test_session_id_loop_is_one_family() -> None:
    """Without canonicalisation each visit mints a new session id; the pattern sees one family."""
    g = guard(per_pattern=5)
    tokens = [f"{i:02d}a9f3c2e7b1d4f6a8c0e2b4d6f8a1c3e{i:02d}" for i in range(30)]
    admitted = sum(g.admit(f"{SITE}/index.php?PHPSESSID={t}&page=ita") for t in tokens)
    assert admitted == 5
    cookieless = sum(g.admit(f"{SITE}/(S({t[:24]}))/default.aspx") for t in tokens)
    assert cookieless <= 5


def test_vendor_router_modules_are_separate_families() -> None:
    g = guard(per_pattern=3)
    modules = ["aGVhZA", "Y29udGFjdA", "d2ViYm9hcmQ", "aXRh", "cGxhbg", "bmV3cw"]
    assert all(g.admit(f"{SITE}/index.php?_mod={m}&type=MQ") for m in modules)
    assert pattern(f"{SITE}/index.php?_mod=aGVhZA&type=MQ") != pattern(f"{SITE}/index.php?_mod=aXRh&type=MQ")


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("http://WWW.Bansuan.go.th/news.php?id=821", "www.bansuan.go.th/news.php?id=N"),
        ("http://www.bansuan.go.th/news.php?page=3&cat_id=12", "www.bansuan.go.th/news.php?cat_id=N&page=N"),
        (
            "http://www.bansuan.go.th/wp-content/uploads/2023/10/Scan2023-10-16_105945.pdf",
            "www.bansuan.go.th/wp-content/uploads/N/N/ScanN-N-N_N.pdf",
        ),
        ("http://www.bansuan.go.th/s.php?sid=5f4dcc3b5aa765d61d8327deb882cf99", "www.bansuan.go.th/s.php?sid=*"),
    ],
)
def test_pattern(url: str, shape: str) -> None:
    assert pattern(url) == shape


def test_guard_is_deterministic() -> None:
    urls = [f"{SITE}/calendar.php?month={m}&year={y}" for y in range(2020, 2035) for m in range(1, 13)]
    assert [guard().admit(u) for u in urls] == [guard().admit(u) for u in urls]


# --------------------------------------------------------------------------- canonical spelling


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (  # tracking from a Facebook post; the vendor route survives byte for byte, in order
            "https://www.bansuan.go.th/index.php?_mod=aGVhZA&type=MQ&fbclid=IwAR0xYz_1&utm_source=facebook",
            "https://www.bansuan.go.th/index.php?_mod=aGVhZA&type=MQ",
        ),
        (
            "http://x.go.th/news.php?utm_medium=line&id=3&UTM_Campaign=ita&gclid=abc&yclid=1&mc_cid=2&mc_eid=3&_ga=4",
            "http://x.go.th/news.php?id=3",
        ),
        (
            "http://x.go.th/index.php?type=Y29udGFjdA%3D%3D&_mod=aGVhZA",
            "http://x.go.th/index.php?type=Y29udGFjdA%3d%3d&_mod=aGVhZA",
        ),
        (
            "http://x.go.th/shownews.php?PHPSESSID=9a8b7c6d5e4f3a2b1c0d9e8f7a&id=821",
            "http://x.go.th/shownews.php?id=821",
        ),
        ("http://x.go.th/catalog;jsessionid=A1B2C3D4E5F6?cat=2", "http://x.go.th/catalog?cat=2"),
        ("http://x.go.th/Main.do;JSESSIONID=abc123", "http://x.go.th/Main.do"),
        (
            "http://x.go.th/a.php?sessionid=1&session_id=2&SID=8f14e45fceea167a5a36dedd4bea2543&b=1",
            "http://x.go.th/a.php?b=1",
        ),
        ("http://x.go.th/shop.php?osCsid=q1w2e3&CFID=123&CFTOKEN=456&p=7", "http://x.go.th/shop.php?p=7"),
        ("http://x.go.th/news.php?sid=3&id=9", "http://x.go.th/news.php?sid=3&id=9"),  # a section id, kept
        ("http://x.go.th/(S(lit3py55t21z5v55vlm25s55))/default2.aspx", "http://x.go.th/default2.aspx"),
        (
            "http://x.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7.php",
            "http://x.go.th/%e0%b8%82%e0%b9%88%e0%b8%b2%e0%b8%a7.php",
        ),
        ("http://x.go.th/ข่าว.php", "http://x.go.th/%e0%b8%82%e0%b9%88%e0%b8%b2%e0%b8%a7.php"),
        ("http://x.go.th/files/%7Euser/a%2Db.pdf", "http://x.go.th/files/~user/a-b.pdf"),
        ("http://x.go.th/upload/ไฟล์ 1.pdf", "http://x.go.th/upload/%e0%b9%84%e0%b8%9f%e0%b8%a5%e0%b9%8c%201.pdf"),
        ("http://x.go.th/a/./b/../c.php", "http://x.go.th/a/c.php"),
        ("http://x.go.th/a.php?&b=1&&c=&", "http://x.go.th/a.php?b=1&c="),
        ("http://x.go.th/a.php?q=a+b&x=%2B", "http://x.go.th/a.php?q=a+b&x=%2b"),
        ("http://x.go.th/?utm_source=fb", "http://x.go.th/"),
        ("http://x.go.th/ita/index.html", "http://x.go.th/ita/index.html"),  # kept unless drop_index
    ],
)
def test_canonical_hygiene(raw: str, expected: str) -> None:
    assert canonical(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://x.go.th/index.html", "http://x.go.th/"),
        ("http://x.go.th/ita/INDEX.HTM", "http://x.go.th/ita/"),
        ("http://x.go.th/Default.aspx", "http://x.go.th/"),
        ("http://x.go.th/default.asp?utm_source=fb", "http://x.go.th/"),
        ("http://x.go.th/index.html?lang=th", "http://x.go.th/index.html?lang=th"),  # with a query: a program
        ("http://x.go.th/index.php", "http://x.go.th/index.php"),  # often the real home behind a splash page
        ("http://x.go.th/default.aspx?id=3", "http://x.go.th/default.aspx?id=3"),
    ],
)
def test_canonical_drop_index(raw: str, expected: str) -> None:
    assert canonical(raw, drop_index=True) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bansuan.go.th/index.php?_mod=aGVhZA&type=MQ&fbclid=x",
        "http://x.go.th/ข่าว.php?PHPSESSID=abc",
        "http://x.go.th/a/../b/%7e/index.html?utm_source=1",
    ],
)
def test_canonical_is_idempotent(url: str) -> None:
    once = canonical(url, drop_index=True)
    assert canonical(once, drop_index=True) == once
