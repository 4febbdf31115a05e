"""The OIT estimate: items all or nothing, sub-indicators as shares, indicators as (weighted) means."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from checker.models import ItemResult
from checker.rules import loader
from checker.rules.scoring import Grade, Scoring, estimate, gain, grade


def _item(item_id: str, indicator: str, status: str) -> ItemResult:
    return ItemResult(id=item_id, title=item_id, indicator=indicator, status=status, evidence=[], elements=[],
                      reasons=[])  # type: ignore[arg-type]  # fmt: skip


ITEMS = [
    _item("O1", "9.1", "pass"),
    _item("O2", "9.1", "missing"),
    _item("O3", "9.2", "pass"),
    _item("O4", "10.1", "outdated"),
    _item("O5", "10.1", "pass"),
    _item("O6", "10.1", "review"),
    _item("O7", "10.1", "pass"),
]


def test_sub_indicators_are_shares_indicators_means_of_them() -> None:
    e = estimate(ITEMS, Scoring())
    nine, ten = e.indicators
    assert (nine.code, [s.score for s in nine.subs], nine.score) == ("9", [50.0, 100.0], 75.0)
    assert (ten.code, ten.subs[0].passed, ten.subs[0].total, ten.score) == ("10", 2, 4, 50.0)
    assert e.score == 62.5  # (75 + 50) / 2, not 4 of 7 items (57.1)
    assert e.grade == "D"


def test_weights_come_from_the_pack_data() -> None:
    weighted = Scoring.model_validate({"indicators": {"9": {"name": {"th": "ก", "en": "a"}, "weight": 3}},
                                       "sub_weights": {"9.2": 3}})  # fmt: skip
    e = estimate(ITEMS, weighted)
    assert e.indicators[0].score == pytest.approx((50 + 3 * 100) / 4)
    assert e.score == pytest.approx((3 * 87.5 + 50) / 4, abs=0.01)  # shown to 2 decimals


def test_a_fix_gains_what_its_sub_indicator_weighs() -> None:
    base = estimate(ITEMS, Scoring())
    assert gain(ITEMS, Scoring(), "O2", base) == 12.5  # 9.1 from 50 to 100: indicator 9 from 75 to 100, OIT +12.5
    assert gain(ITEMS, Scoring(), "O4", base) == 12.5  # 10.1 from 50 to 75: the same, though it is 1 of 4 items
    assert gain(ITEMS, Scoring(), "O1", base) == 0.0  # passes already
    every = estimate(ITEMS, Scoring(), frozenset({"O2", "O4", "O6"}))
    assert (every.score, every.grade) == (100.0, "AA")


def test_grades_are_the_ita_bands_and_must_be_ordered() -> None:
    assert [grade(s, Scoring()) for s in (100, 95, 94.99, 85, 50, 49.99, 0)] == ["AA", "AA", "A", "A", "E", "F", "F"]
    with pytest.raises(ValidationError, match="highest"):
        Scoring(grades=(Grade(min=50, name="P"), Grade(min=80, name="Q"), Grade(min=0, name="F")))
    with pytest.raises(ValidationError, match="min 0"):
        Scoring(grades=(Grade(min=50, name="P"),))


def test_the_shipped_pack_scores_its_indicators_by_name() -> None:
    pack = loader.load()
    assert {k: v.name.en for k, v in pack.scoring.indicators.items()} == {
        "9": "Information disclosure",
        "10": "Corruption prevention",
    }


def test_a_pack_naming_an_unknown_indicator_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = loader.resolve(loader.DEFAULT_PACK).read_text(encoding="utf-8")
    broken = text.replace('    "10": {name:', '    "11": {name:', 1)
    assert broken != text
    path = tmp_path / "pack.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(loader.RuleFileError, match="'11' has no sub-indicators"):
        loader.load(str(path))
