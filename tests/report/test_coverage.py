"""Coverage in the reader's words (checker/report/coverage.py): what was read, then only what was not and why.

Found by a clerk: a 49-page site was reported with "หน้าที่ยังไม่ได้ตรวจ 351", which was unused page budget.
Unused budget is never shown, zero counts are not said, and the same lines appear in the terminal, HTML and
Markdown reports; the JSON report keeps every field.
"""

from __future__ import annotations

import json
from html import unescape

import pytest
from markupsafe import escape

from checker.i18n import t
from checker.models import Coverage, RunInfo, SiteReport
from checker.report.coverage import coverage_words
from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.markdown import render_markdown, text
from checker.report.terminal import render_text
from tests.report.sample import make_report

LANGS = ("th", "en")
# A count field and a word of its line in each language (the count itself is said too).
COUNTED = {
    "failed": ("เปิดไม่ได้", "could not be opened"),
    "skipped_circuit": ("ขัดข้องต่อเนื่อง", "kept failing"),
    "skipped_robots": ("robots.txt", "robots.txt"),
    "skipped_depth": ("ลึกจากหน้าแรก", "depth limit"),
    "skipped_trap": ("วนซ้ำ", "crawler trap"),
    "skipped_settled": ("ตัดสินผลได้ครบ", "already decided"),
    "external_links": ("เว็บไซต์อื่น", "other sites"),
}


def _report(cov: Coverage) -> SiteReport:
    return make_report(changes=False).model_copy(update={"coverage": cov})


def _everywhere(report: SiteReport, lang: str) -> dict[str, str]:
    """The three reports that word coverage, as text a reader sees."""
    return {
        "table": render_text(report, lang, width=400),
        "html": unescape(render_html(report, lang)),
        "md": render_markdown(report, lang),
    }


# --------------------------------------------------------------------------- a clean crawl


@pytest.mark.parametrize("lang", LANGS)
def test_a_clean_crawl_says_so_in_one_line_and_never_shows_unused_budget(lang: str) -> None:
    cov = Coverage(pages_fetched=49, documents_fetched=3, pages_left=351, seconds=41.6)
    words = coverage_words(cov, lang)
    assert words.complete and words.gaps == () and words.notes == ()
    assert words.lines(lang) == [words.read, t("cov_all_read", lang)]
    assert "49" in words.read and "3" in words.read and "42" in words.read  # pages, documents, seconds
    for name, out in _everywhere(_report(cov), lang).items():
        assert "351" not in out, name  # budget left is not pages missed
        assert t("cov_all_read", lang) in out, name
        assert words.read in out, name


@pytest.mark.parametrize("lang", LANGS)
def test_links_to_other_sites_are_a_note_not_a_gap(lang: str) -> None:
    cov = Coverage(pages_fetched=49, external_links=17, off_site_redirects={"https://a.go.th/x": "https://b.com/"},
                   blocked_hosts={"ads.example.com": 3})  # fmt: skip
    words = coverage_words(cov, lang)
    assert words.complete  # every page of the site was read
    assert len(words.notes) == 3 and "17" in words.notes[0] and "https://b.com/" in words.notes[1]
    assert words.lines(lang)[1] == t("cov_all_read", lang)


# --------------------------------------------------------------------------- what was not read, and why


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("field", sorted(COUNTED))
def test_each_count_is_one_line_with_its_reason_and_zero_is_not_said(field: str, lang: str) -> None:
    word = COUNTED[field][LANGS.index(lang)]
    assert not any(word in line for line in coverage_words(Coverage(pages_fetched=5), lang).lines(lang))
    words = coverage_words(Coverage.model_validate({"pages_fetched": 5, field: 7}), lang)
    said = [line for line in (*words.gaps, *words.notes) if word in line]
    assert len(said) == 1 and "7" in said[0]
    assert words.complete is (field == "external_links")


@pytest.mark.parametrize("lang", LANGS)
def test_the_budget_is_said_to_have_run_out_only_when_it_left_links_unopened(lang: str) -> None:
    spent = coverage_words(Coverage(pages_fetched=5, skipped_budget=4, budget_exhausted="pages"), lang)
    assert spent.gaps == (t("cov_gap_budget", lang, n=4, s="s", what=t("budget_pages", lang)),)
    assert "--max-pages" in spent.gaps[0]
    # The budget ran out as the last link was read: nothing was left, nothing to say.
    assert coverage_words(Coverage(pages_fetched=5, budget_exhausted="pages"), lang).complete
    # Links left without any budget running out (the crawl ended first): not blamed on a budget.
    unreached = coverage_words(Coverage(pages_fetched=5, skipped_budget=2), lang)
    assert unreached.gaps == (t("cov_gap_unreached", lang, n=2, s="s"),)


@pytest.mark.parametrize("lang", LANGS)
def test_parts_not_read_name_an_example(lang: str) -> None:
    cov = Coverage(
        pages_fetched=5,
        not_rendered=["https://a.go.th/app/#/ita"],
        cut_bodies={"https://a.go.th/big.pdf": "size"},
        refused={"https://intranet.a.go.th/": "private address 10.0.0.1"},
    )
    gaps = coverage_words(cov, lang).gaps
    assert len(gaps) == 3
    assert "https://a.go.th/app/#/ita" in gaps[0]
    assert "https://a.go.th/big.pdf" in gaps[1] and t("cut_size", lang) in gaps[1]
    assert "10.0.0.1" in gaps[2]  # the network policy's refusal: a link of the site not read


def test_the_most_consequential_gap_comes_first() -> None:
    cov = Coverage(skipped_trap=1, skipped_robots=1, failed=1, skipped_budget=1, budget_exhausted="time")
    gaps = coverage_words(cov, "en").gaps
    assert "budget" in gaps[0] and "could not be opened" in gaps[1] and "trap" in gaps[-1]


def test_english_counts_agree_with_their_nouns() -> None:
    one = coverage_words(Coverage(pages_fetched=1, documents_fetched=1, skipped_robots=1, external_links=1), "en")
    assert "1 page and 1 document" in one.read
    assert one.gaps[0].startswith("1 link not") and one.notes[0].startswith("1 link to")
    many = coverage_words(Coverage(pages_fetched=2, documents_fetched=0, skipped_robots=2), "en")
    assert "2 pages and 0 documents" in many.read and many.gaps[0].startswith("2 links not")


# --------------------------------------------------------------------------- the same words in every format


@pytest.mark.parametrize("lang", LANGS)
def test_terminal_html_and_markdown_say_the_same_lines(lang: str) -> None:
    report = make_report()
    assert report.coverage is not None
    lines = coverage_words(report.coverage, lang).lines(lang)
    assert len(lines) > 3
    out = _everywhere(report, lang)
    html = render_html(report, lang)
    for line in lines:
        assert line in out["table"]
        assert str(escape(line)) in html
        assert text(line) in out["md"]
    for name, shown in out.items():
        assert "pages left" not in shown and "หน้าที่ยังไม่ได้ตรวจ" not in shown, name


def test_markdown_coverage_is_a_line_then_a_list() -> None:
    md = render_markdown(make_report(changes=False), "en").rstrip("\n").splitlines()
    start = next(i for i, line in enumerate(md) if line.startswith("**What the crawl covered:** Read 52 pages"))
    assert md[start + 1] == "" and all(line.startswith("- ") for line in md[start + 2 :])


def test_without_coverage_the_terminal_keeps_the_request_counts() -> None:
    out = render_text(make_report(coverage=False), "en", width=200)
    assert "52 pages, 12 documents, 140 requests, 3 errors" in out


def test_the_json_report_keeps_every_coverage_field() -> None:
    data = json.loads(render_json(make_report()))
    assert set(data["coverage"]) >= set(Coverage.model_fields) - {"run"}  # run: only when a cache made it known
    assert "run" not in data["coverage"]
    assert data["coverage"]["pages_left"] == 4 and data["schema_version"] == 1
    report = make_report()
    assert report.coverage is not None
    run = RunInfo(kind="evidence", why="unchanged", revalidated=7, full_crawl_at="2026-12-01T00:00:00+00:00")
    with_run = report.model_copy(update={"coverage": report.coverage.model_copy(update={"run": run})})
    shown = json.loads(render_json(with_run))["coverage"]["run"]
    assert shown["kind"] == "evidence" and shown["revalidated"] == 7 and shown["changed"] == []
