"""Item reasons stored as codes with arguments (models.Reason): rendered in either language, counted by code.

The demo site is checked once in Thai and once in English (without OCR, so the run is the same everywhere):
its reasons must read as they did before reasons became codes (tests/evaluate/demo_reasons.json, made by the
version that still wrote them as text; since put most useful first, checker/evaluate/order.py, and with
English element lines that no longer put "the" before a label with its own article), and a Thai report
localised to English must say what the English report says, and vice versa.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from checker.api import _site_down, run_check
from checker.crawl.results import CrawlResult
from checker.demo.server import serve
from checker.i18n import MESSAGES, t
from checker.models import ItemResult, LangText, Reason, Resource, SiteReport
from checker.reasons import localise, reason, render_reason
from checker.report.json import render_json
from checker.rules.schema import RulePack
from tests.report.sample import make_report

GOLDEN = Path(__file__).parent / "demo_reasons.json"


@pytest.fixture(scope="module")
def demo(pack: RulePack) -> dict[str, tuple[SiteReport, str]]:
    out = {}
    for lang in ("th", "en"):
        with serve() as base:
            out[lang] = (asyncio.run(run_check(base, pack, lang=lang, ocr=None)).report, base)
    return out


def _reasons(report: SiteReport, base: str) -> dict[str, list[str]]:
    return {i.id: [r.replace(base, "BASE") for r in i.reasons] for i in report.items}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_demo_reasons_read_as_before_they_were_codes(demo: dict[str, tuple[SiteReport, str]], lang: str) -> None:
    report, base = demo[lang]
    assert _reasons(report, base) == json.loads(GOLDEN.read_text(encoding="utf-8"))[lang]


def test_every_reason_has_its_code_and_reads_as_its_text(demo: dict[str, tuple[SiteReport, str]]) -> None:
    for lang, (report, _) in demo.items():
        for item in report.items:
            assert len(item.reason_codes) == len(item.reasons), item.id
            assert [render_reason(r, lang) for r in item.reason_codes] == item.reasons, item.id


def _codes(r: Reason) -> list[str]:
    return [r.code, *(c for a in r.args.values() if isinstance(a, Reason) for c in _codes(a))]


def test_codes_are_message_keys(demo: dict[str, tuple[SiteReport, str]]) -> None:
    report, _ = demo["th"]
    codes = {c for i in report.items for r in i.reason_codes for c in _codes(r)}
    assert codes and codes <= set(MESSAGES)


@pytest.mark.parametrize(("made", "shown"), [("th", "en"), ("en", "th")])
def test_a_report_localised_reads_as_one_made_in_that_language(
    demo: dict[str, tuple[SiteReport, str]], pack: RulePack, made: str, shown: str
) -> None:
    (source, base), (target, target_base) = demo[made], demo[shown]
    got = localise(source, shown, pack)
    assert _reasons(got, base) == _reasons(target, target_base)
    assert [[e.label for e in i.elements] for i in got.items] == [[e.label for e in i.elements] for i in target.items]
    assert [(i.id, i.title, i.status) for i in got.items] == [(i.id, i.title, i.status) for i in target.items]
    vias = [[e.found_via.replace(base, "BASE") for e in i.evidence] for i in got.items]
    assert vias == [[e.found_via.replace(target_base, "BASE") for e in i.evidence] for i in target.items]
    # Localising back gives the report it was made from.
    assert localise(got, made, pack).items == source.items


def test_reasons_count_by_code_across_items(demo: dict[str, tuple[SiteReport, str]]) -> None:
    th, en = demo["th"][0], demo["en"][0]
    counts = Counter(r.code for i in th.items for r in i.reason_codes)
    assert counts == Counter(r.code for i in en.items for r in i.reason_codes)
    assert counts["missing"] == sum(1 for i in th.items if i.status == "missing")
    assert sum(counts.values()) == sum(len(i.reasons) for i in th.items)


def test_reason_json_round_trip() -> None:
    r = reason(
        "outdated",
        found=2565,
        need=LangText(th="ปีงบประมาณ 2567", en="fiscal year 2567"),
        ratio=0.5,
        why=reason("with_detail", why=reason("encrypted"), detail="AES-256"),
        url="https://example.go.th/a.pdf",
        skipped=None,
    )
    assert "skipped" not in r.args
    assert Reason.model_validate_json(r.model_dump_json()) == r
    assert Reason.model_validate(json.loads(r.model_dump_json())) == r
    assert isinstance(Reason.model_validate_json(r.model_dump_json()).args["found"], int)
    assert render_reason(r, "en") == "The newest evidence is of 2565, but this item needs fiscal year 2567"
    assert render_reason(r, "th") == "หลักฐานล่าสุดเป็นของปี 2565 แต่ข้อนี้ต้องเป็นข้อมูลปีงบประมาณ 2567"
    nested = render_reason(reason("unreadable", url="u", why=r.args["why"]), "en")
    assert nested == "u: The file is password-protected and cannot be opened (AES-256); a person must check it"


def test_items_stored_without_codes_keep_their_text_and_the_json_shape() -> None:
    old = ItemResult.model_validate(
        {
            "id": "O1",
            "title": "โครงสร้าง",
            "indicator": "9.1",
            "status": "missing",
            "evidence": [],
            "elements": [],
            "reasons": ["ข้อความเดิม"],
        }
    )
    assert old.reason_codes == []
    report = make_report().model_copy(update={"items": [old]})
    assert localise(report, "en").items[0].reasons == ["ข้อความเดิม"]
    item = json.loads(render_json(report))["items"][0]
    assert "reason_codes" not in item and item["reasons"] == ["ข้อความเดิม"]
    coded = old.model_copy(update={"reason_codes": [reason("missing", title="โครงสร้าง", item="O1")]})
    item = json.loads(render_json(report.model_copy(update={"items": [coded]})))["items"][0]
    assert item["reason_codes"] == [{"code": "missing", "args": {"title": "โครงสร้าง", "item": "O1"}}]
    assert SiteReport.model_validate_json(render_json(report.model_copy(update={"items": [coded]}))).items == [coded]


def _down(error: str | None = None, skipped: str | None = None, budget: str | None = None) -> CrawlResult:
    home = Resource(url="https://a.go.th/", final_url="https://b.go.th/", status=None, error=error)
    if skipped is not None:
        home = Resource(url=home.url, final_url=home.final_url, status=None, fetched=False, skipped_reason=skipped)
    return CrawlResult("https://a.go.th/", home, budget_exhausted=budget)


@pytest.mark.parametrize(
    ("crawl", "th", "en"),
    [
        (
            _down("TLS certificate verify failed"),
            "ตรวจเว็บไซต์ไม่ได้: หน้าแรกเปิดไม่ได้ (TLS certificate verify failed) — " + t("tls_hint", "th"),
            "The site could not be checked: the home page does not open (TLS certificate verify failed) — "
            + t("tls_hint", "en"),
        ),
        (
            _down(skipped="external"),
            "ตรวจเว็บไซต์ไม่ได้: หน้าแรกเปิดไม่ได้ (HTTP None) — " + t("offsite_hint", "th", target="https://b.go.th/"),
            "The site could not be checked: the home page does not open (HTTP None) — "
            + t("offsite_hint", "en", target="https://b.go.th/"),
        ),
        (
            _down(skipped="budget", budget="time"),
            "ตรวจเว็บไซต์ไม่ได้: หน้าแรกเปิดไม่ได้ (" + t("home_budget", "th", seconds="30") + ")",
            "The site could not be checked: the home page does not open (" + t("home_budget", "en", seconds="30") + ")",
        ),
        (_down("HTTP 500"), "ตรวจเว็บไซต์ไม่ได้: หน้าแรกเปิดไม่ได้ (HTTP 500)", None),
    ],
)
def test_site_down_reads_as_it_did_with_its_hint(crawl: CrawlResult, th: str, en: str | None) -> None:
    down = _site_down(crawl, 30.0)
    assert down is not None and down.code == "site_down"
    assert render_reason(down, "th") == th
    if en is not None:
        assert render_reason(down, "en") == en
    assert Reason.model_validate_json(down.model_dump_json()) == down


def test_a_site_that_answers_is_not_down() -> None:
    ok = Resource(url="https://a.go.th/", final_url="https://a.go.th/", status=200)
    assert _site_down(CrawlResult("https://a.go.th/", ok), 30.0) is None
