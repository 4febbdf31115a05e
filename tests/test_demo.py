"""The bundled demo site: served on 127.0.0.1 and checked, every verdict equals its ground truth."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from checker.api import run_check
from checker.demo import ground_truth
from checker.demo.server import SITE_DIR, serve
from checker.extract.ocr import find_ocr
from checker.rules.schema import RulePack


def test_demo_site_is_big_enough_to_mean_something() -> None:
    pages = list(SITE_DIR.rglob("*.html"))
    documents = [p for p in (SITE_DIR / "files").iterdir() if p.suffix in (".pdf", ".docx", ".xlsx", ".jpg", ".png")]
    assert len(pages) >= 40 and len(documents) >= 12


def test_ground_truth_covers_every_item_and_every_status(pack: RulePack) -> None:
    truth = ground_truth.load()
    assert list(truth) == [i.id for i in pack.items]
    assert set(Counter(truth.values())) == {"pass", "incomplete", "outdated", "missing", "unreachable", "review"}


def test_demo_verdicts_equal_ground_truth(pack: RulePack) -> None:
    if find_ocr() is None:
        pytest.skip("Tesseract with the Thai model is not installed (make test installs it with root)")
    with serve() as base:
        run = asyncio.run(run_check(base, pack))
    assert run.site_error is None and run.ocr_available
    assert ground_truth.compare(ground_truth.load(ocr=True), run.report) == []
    # Every item that does not pass says why; every item with evidence says where it came from.
    for item in run.report.items:
        if item.status != "pass":
            assert item.reasons, item.id
        if item.status in ("pass", "incomplete", "outdated", "review"):
            assert item.evidence and item.evidence[0].found_via, item.id


def test_demo_without_ocr_sends_the_scan_to_review_never_guesses(pack: RulePack) -> None:
    with serve() as base:
        run = asyncio.run(run_check(base, pack, ocr=None))
    assert not run.ocr_available
    assert ground_truth.compare(ground_truth.load(ocr=False), run.report) == []
    o31 = next(i for i in run.report.items if i.id == "O31")
    assert o31.status == "review" and any("OCR" in r for r in o31.reasons), o31.reasons
