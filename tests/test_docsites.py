"""Labelled fixture sites whose evidence is documents (tests/fixtures/docsites/*.yaml).

Each site is generated from known Thai text (text and scanned PDFs, PNG/JPEG scans, DOCX, XLSX, CSV, broken
and encrypted PDFs), served by the local test server and checked by the whole pipeline; every labelled item
must get the verdict a careful assessor would give (tests/support/docsites.py explains the spec). The same
sites feed bench/score_fixtures.py, which reports accuracy (docs/accuracy.md).

A label is the verdict the spec and docs/evaluation.md call for, not what the tool happens to say today:
when a label fails, fix the tool, not the label.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from checker.api import run_check
from checker.extract.ocr import find_ocr
from checker.models import SiteReport
from checker.rules.schema import RulePack
from tests.support import docsites
from tests.support import make_docs as md
from tests.support.server import serve_site

SPECS = docsites.load_specs()
OCR = find_ocr()
NO_OCR_REASON = "Tesseract with the Thai model is not installed (apt-get install tesseract-ocr tesseract-ocr-tha)"

pytestmark = pytest.mark.skipif(md.font_path() is None, reason="no Thai font (apt-get install fonts-thai-tlwg)")


def _check(spec: dict[str, Any], pack: RulePack, root: Path, ocr: bool) -> SiteReport:
    docsites.build_site(spec, root)
    with serve_site(root) as (base, _):
        run = asyncio.run(run_check(base, pack, spec.get("year", 2567), ocr=OCR if ocr else None))
    assert run.site_error is None, run.site_error
    return run.report


def _failures(spec: dict[str, Any], report: SiteReport, ocr: bool, skip: list[str]) -> str:
    wrong = [(i, want, got) for i, want, got in docsites.score(spec, report, ocr=ocr, skip=skip) if want != got]
    lines = []
    for item_id, want, got in wrong:
        why = spec["labels"][item_id].get("why", "")
        detail = docsites.explain(report, item_id)
        lines.append(f"{item_id}: expected {want}, got {got}\n    label: {why}\n    {detail}")
    return "\n".join(lines)


@pytest.mark.parametrize("spec", SPECS, ids=[s["name"] for s in SPECS])
def test_docsite_labels(spec: dict[str, Any], pack: RulePack, tmp_path: Path) -> None:
    """With Thai OCR when installed; without it, labels that need OCR are left out (and the test says so)."""
    report = _check(spec, pack, tmp_path, ocr=True)
    skipped = docsites.ocr_labels(spec) if OCR is None else []
    failures = _failures(spec, report, True, skipped)
    if failures:
        pytest.fail("labels not met:\n" + failures, pytrace=False)
    if skipped:
        pytest.skip(f"{len(skipped)} OCR-dependent labels not checked ({', '.join(skipped)}): {NO_OCR_REASON}")


NO_OCR_SPECS = [s for s in SPECS if docsites.labels(s, ocr=False)]


@pytest.mark.parametrize("spec", NO_OCR_SPECS, ids=[s["name"] for s in NO_OCR_SPECS])
def test_docsite_labels_without_ocr(spec: dict[str, Any], pack: RulePack, tmp_path: Path) -> None:
    """run_check(..., ocr=None): scans cannot be read, so their items are review, never a guess."""
    report = _check(spec, pack, tmp_path, ocr=False)
    failures = _failures(spec, report, False, [])
    if failures:
        pytest.fail("labels not met without OCR:\n" + failures, pytrace=False)


def test_labelled_set_covers_what_it_claims(pack: RulePack) -> None:
    """At least 4 sites and 30 labels; every document kind; the verdicts that matter most for documents."""
    items = {i.id for i in pack.items}
    assert len(SPECS) >= 4
    labels = [(s["name"], k, v) for s in SPECS for k, v in s["labels"].items()]
    assert len(labels) >= 30
    assert {k for _, k, _ in labels} <= items
    kinds = Counter(d["kind"] for s in SPECS for d in s.get("documents", []))
    assert set(docsites.KINDS) <= set(kinds), set(docsites.KINDS) - set(kinds)
    statuses = Counter(v["expect"] for _, _, v in labels)
    assert {"pass", "incomplete", "outdated", "review"} <= set(statuses), statuses
    assert any("without_ocr" in v for _, _, v in labels)
    assert any("หมายเหตุ" in v.get("reasons", []) for _, _, v in labels)
    assert any(w.startswith("หน้า ") for _, _, v in labels for w in v.get("evidence", []))


def test_spec_documents_are_generated_as_described(tmp_path: Path) -> None:
    """The builder writes every document, with the bytes of its kind (a broken PDF is cut, a scan has no text)."""
    spec = next(s for s in SPECS if any(d["kind"] == "broken_pdf" for d in s["documents"]))
    docsites.build_site(spec, tmp_path)
    for doc in spec["documents"]:
        data = (tmp_path / doc["path"]).read_bytes()
        if doc["kind"].endswith("pdf"):
            assert data.startswith(b"%PDF")
        if doc["kind"] == "broken_pdf":
            assert b"%%EOF" not in data[-64:]
    assert (tmp_path / "index.html").exists() and (tmp_path / "ita.html").exists()
