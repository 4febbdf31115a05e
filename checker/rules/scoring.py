"""How the assessment turns item verdicts into a score, as rule-pack data (`scoring:`), and the estimate itself.

The OIT scores each item all or nothing. The pack says how items add up: a sub-indicator ("9.1") scores the
share of its items that pass; an indicator ("9", the sub-indicators whose code starts "9.") the weighted mean
of its sub-indicators; the whole OIT the weighted mean of its indicators; and the grade bands (AA … F) the
NACC publishes. A new year's manual that weighs things differently is a change of data, not of code.

What oitcheck prints is an estimate: the assessor's own verdicts are the authority, and items under review
count as not passed until a person has looked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import Field, model_validator

from checker.models import ItemResult, OitEstimate
from checker.rules.base import Text, _Strict


class Indicator(_Strict):
    """A top-level indicator: its name and its weight in the OIT score."""

    name: Text
    weight: float = Field(default=1.0, gt=0)


class Grade(_Strict):
    """A grade band: a score of at least `min` earns `name`."""

    min: float = Field(ge=0, le=100)
    name: str = Field(min_length=1)


DEFAULT_GRADES = (
    Grade(min=95, name="AA"),
    Grade(min=85, name="A"),
    Grade(min=75, name="B"),
    Grade(min=65, name="C"),
    Grade(min=55, name="D"),
    Grade(min=50, name="E"),
    Grade(min=0, name="F"),
)


class Scoring(_Strict):
    """The pack's `scoring:` section. Sub-indicator weights (`sub_weights`, default 1 each) weigh the
    sub-indicators inside their indicator; an indicator not listed gets weight 1 and its code as name."""

    indicators: dict[str, Indicator] = Field(default_factory=dict)
    sub_weights: dict[str, float] = Field(default_factory=dict)
    grades: tuple[Grade, ...] = DEFAULT_GRADES

    @model_validator(mode="after")
    def _grades_ordered(self) -> Scoring:
        mins = [g.min for g in self.grades]
        if not mins or mins != sorted(mins, reverse=True) or mins[-1] != 0:
            raise ValueError("scoring.grades: list the bands from the highest `min` down to a band with min 0")
        if any(w <= 0 for w in self.sub_weights.values()):
            raise ValueError("scoring.sub_weights: every weight must be above 0")
        return self


def parent(sub: str) -> str:
    """The indicator a sub-indicator belongs to: "9.1" -> "9"; a code without a dot is its own indicator."""
    return sub.split(".", 1)[0]


# --------------------------------------------------------------------------- the estimate (pure)


@dataclass(frozen=True)
class SubScore:
    code: str
    passed: int
    total: int

    @property
    def score(self) -> float:
        return 100.0 * self.passed / self.total if self.total else 0.0


@dataclass(frozen=True)
class IndicatorScore:
    code: str
    weight: float
    subs: tuple[SubScore, ...]
    score: float


@dataclass(frozen=True)
class Estimate:
    """The OIT score the items would earn if the assessor read the site as oitcheck did (0–100)."""

    score: float  # to 2 decimals, as shown
    grade: str
    indicators: tuple[IndicatorScore, ...]
    exact: float = 0.0  # unrounded: what a fix gains is a difference of these, not of rounded scores


def estimate(items: Sequence[ItemResult], scoring: Scoring, passing: frozenset[str] = frozenset()) -> Estimate:
    """The estimate for these verdicts; items whose id is in `passing` count as passed (what a fix would
    earn). Sub-indicators and indicators keep the order the items come in (the pack's order)."""
    subs: dict[str, list[int]] = {}
    for item in items:
        tally = subs.setdefault(item.indicator, [0, 0])
        tally[0] += item.status == "pass" or item.id in passing
        tally[1] += 1
    groups: dict[str, list[SubScore]] = {}
    for code, (passed, total) in subs.items():
        groups.setdefault(parent(code), []).append(SubScore(code, passed, total))
    indicators = []
    for code, members in groups.items():
        weights = [scoring.sub_weights.get(s.code, 1.0) for s in members]
        score = sum(w * s.score for w, s in zip(weights, members, strict=True)) / sum(weights)
        weight = scoring.indicators[code].weight if code in scoring.indicators else 1.0
        indicators.append(IndicatorScore(code, weight, tuple(members), score))
    total_weight = sum(i.weight for i in indicators)
    score = sum(i.weight * i.score for i in indicators) / total_weight if total_weight else 0.0
    return Estimate(round(score, 2), grade(score, scoring), tuple(indicators), score)


def grade(score: float, scoring: Scoring) -> str:
    return next((g.name for g in scoring.grades if score >= g.min), scoring.grades[-1].name)


def gain(items: Sequence[ItemResult], scoring: Scoring, item_id: str, base: Estimate | None = None) -> float:
    """Points the OIT estimate gains if `item_id` alone passed."""
    before = base if base is not None else estimate(items, scoring)
    return round(estimate(items, scoring, frozenset({item_id})).exact - before.exact, 2)


def summary(e: Estimate) -> OitEstimate:
    """The estimate as the report keeps it (JSON `estimate`)."""
    return OitEstimate(score=e.score, grade=e.grade, indicators={i.code: round(i.score, 2) for i in e.indicators})
