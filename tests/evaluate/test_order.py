"""An item's reasons, the most useful first (checker/evaluate/order.py).

Found by a clerk: for a damaged PDF the Markdown and JUnit reports led with "Cannot confirm the …: part of the
evidence cannot be read by machine", and the file's URL and what was wrong with it came last. The terminal,
Markdown and JUnit reports show the first reason only, so it must be the one to act on.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from checker.api import run_check
from checker.evaluate.evaluator import MAX_REASONS, _result
from checker.evaluate.order import PRIORITY, order_reasons, rank
from checker.i18n import MESSAGES
from checker.models import ItemResult, LangText, Reason, SiteReport
from checker.reasons import reason, render_reason
from checker.report.junit import render_junit
from checker.report.markdown import render_markdown
from checker.report.terminal import render_text
from checker.rules.schema import RulePack
from tests.support.server import serve_site

PDF = "https://www.example.go.th/files/authority.pdf"
INDEX = (
    '<!doctype html><html><head><meta charset="utf-8"><title>เทศบาลตำบลทดสอบ</title></head><body>'
    '<h1>เทศบาลตำบลทดสอบ</h1><ul><li><a href="files/authority.pdf">O3 อำนาจหน้าที่</a></li></ul></body></html>'
)
DAMAGED_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nxref garbage\n"


def _unknown(n: int) -> list[Reason]:
    return [reason("element_unknown", label=LangText(th=f"องค์ประกอบ {i}", en=f"element {i}")) for i in range(n)]


# --------------------------------------------------------------------------- the pure function


def test_the_priority_list_names_messages_once_each() -> None:
    assert len(set(PRIORITY)) == len(PRIORITY)
    assert set(PRIORITY) <= set(MESSAGES)


def test_a_file_that_cannot_be_read_comes_before_what_it_left_unconfirmed() -> None:
    unreadable = reason("unreadable", url=PDF, why=reason("broken_file"))
    got = order_reasons([*_unknown(2), reason("no_period", need="fiscal year 2567"), unreadable])
    assert [r.code for r in got] == ["unreadable", "no_period", "element_unknown", "element_unknown"]


def test_what_decided_the_verdict_comes_first_and_notes_last() -> None:
    codes = ["broken_extra", "weak_period", "element_unknown", "element_missing", "not_fetched", "outdated"]
    got = [r.code for r in order_reasons([reason(c) for c in codes])]
    assert got == ["outdated", "element_missing", "not_fetched", "element_unknown", "weak_period", "broken_extra"]
    # An empty "#" link in the item's row says more than "nothing on the site names it".
    got = [r.code for r in order_reasons([reason("missing"), reason("placeholder", where="ita.html")])]
    assert got == ["placeholder", "missing"]


def test_equal_ranks_keep_their_order_and_unknown_codes_go_last() -> None:
    reasons = [reason("some_new_code"), *_unknown(3), reason("element_missing", label="x")]
    got = order_reasons(reasons)
    assert got[0].code == "element_missing" and got[1:4] == reasons[1:4] and got[-1].code == "some_new_code"
    assert rank("some_new_code") == len(PRIORITY)
    assert order_reasons(got) == got  # ordering twice changes nothing


def test_the_specific_reason_survives_the_cut_to_max_reasons(pack: RulePack) -> None:
    unreadable = reason("unreadable", url=PDF, why=reason("broken_file"))
    result = _result(pack.item("O3"), "review", [*_unknown(MAX_REASONS + 2), unreadable], [], "en")
    assert len(result.reasons) == MAX_REASONS
    assert result.reason_codes[0] == unreadable
    assert result.reasons == [render_reason(r, "en") for r in result.reason_codes]  # the same order


# --------------------------------------------------------------------------- a damaged PDF, crawled


@pytest.fixture(scope="module")
def damaged(pack: RulePack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SiteReport, ItemResult]]:
    root = tmp_path_factory.mktemp("damaged")
    (root / "index.html").write_text(INDEX, encoding="utf-8")
    (root / "files").mkdir()
    (root / "files" / "authority.pdf").write_bytes(DAMAGED_PDF)
    with serve_site(root) as (base, _):
        report = asyncio.run(run_check(base, pack, lang="en", ocr=None)).report
    yield report, next(i for i in report.items if i.id == "O3")


def test_a_damaged_pdf_leads_with_its_url_and_why(damaged: tuple[SiteReport, ItemResult]) -> None:
    _, item = damaged
    assert item.status == "review"
    assert [r.code for r in item.reason_codes][:2] == ["unreadable", "element_unknown"]
    first = item.reasons[0]
    assert "files/authority.pdf" in first and "damaged" in first


def test_markdown_junit_and_terminal_lead_with_it(damaged: tuple[SiteReport, ItemResult]) -> None:
    report, _ = damaged
    row = next(line for line in render_markdown(report, "en").splitlines() if "| O3 |" in line)
    assert "authority.pdf: The file is damaged" in row.replace("\\", "")
    case = next(c for c in ET.fromstring(render_junit(report, "en")).iter("testcase") if c.get("name", "")[:3] == "O3 ")
    skipped = case.find("skipped")
    assert skipped is not None and "authority.pdf: The file is damaged" in skipped.get("message", "")
    table = render_text(report, "en", width=400)
    o3 = next(line for line in table.splitlines() if " O3 " in line)
    assert "damaged" in o3 and "Not confirmed" not in o3
