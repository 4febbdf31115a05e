"""Accuracy on the field corpus as a gate: sites the rules were never tuned on must keep being judged right.

Each half (tests/support/fieldgen: dev, tuned on; test, only measured) is built, served on 127.0.0.1 and
checked by the whole pipeline with the real rule pack and Thai OCR when installed, as bench/score_field.py
does. The gate: at least 95% of the 430 verdicts of each half exactly as labelled, and wrong passes (the worst
error: a pass the label calls non-pass) at most 1%. docs/accuracy.md has the full figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.extract.ocr import find_ocr
from checker.rules.schema import RulePack
from tests.support import make_docs as md

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import score_field

pytestmark = pytest.mark.skipif(md.font_path() is None, reason="no Thai font (apt-get install fonts-thai-tlwg)")
MIN_EXACT = 0.95
MAX_WRONG_PASS = 0.01


@pytest.mark.parametrize("half", ["dev", "test"])
def test_field_half_is_judged_as_labelled(half: str, pack: RulePack) -> None:
    rows = score_field.half_rows(half, pack, find_ocr())
    assert len(rows) == 430
    exact = sum(r.correct for r in rows) / len(rows)
    wrong_pass = sum(r.confident_wrong and r.expected != "pass" for r in rows) / len(rows)
    wrong = "\n".join(score_field.wrong_lines(rows).splitlines()[:60])
    assert exact >= MIN_EXACT, f"{half}: {exact:.3f} exact\n{wrong}"
    assert wrong_pass <= MAX_WRONG_PASS, f"{half}: {wrong_pass:.3f} wrong passes\n{wrong}"
