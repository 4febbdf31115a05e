"""The rule-pack schema: what a YAML rule pack may say, validated strictly at load time.

Every model forbids unknown fields so that a typo in a rule file is an error, not a silently ignored rule.
Element check kinds are a closed, explicit set (see checks.py for what each one does).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from checker.models import ItemStatus
from checker.rules.base import Text, _Strict
from checker.rules.knowledge import (
    DEFAULT_ITEM_ID_PATTERN,
    DEFAULT_PERIOD_WORDING,
    DEFAULT_SETTLED,
    PeriodCode,
    bad_id,
    bad_period,
    compiles,
    context_value,
    wording_problem,
)
from checker.rules.scoring import Scoring, parent
from checker.rules.structure import validate as validate_repeated

__all__ = ["DEFAULT_ITEM_ID_PATTERN", "DEFAULT_PERIODS", "PeriodCode", "Text"]


def _non_empty(values: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = tuple(v.strip() for v in values)
    if any(not v for v in cleaned):
        raise ValueError("keywords must not be empty strings")
    return cleaned


def _valid_regexes(patterns: tuple[str, ...]) -> tuple[str, ...]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {p!r}: {exc}") from exc
    return patterns


# ---------------------------------------------------------------- element check kinds


class KeywordsCheck(_Strict):
    """At least `min` of the keywords appear in the evidence text (Thai-normalised, spaces ignored).

    `near`: a phrase also counts when its content words stand within that many words of each other, in any
    order ("ปัญหาและอุปสรรค" ~ "อุปสรรคและปัญหาที่พบ"). `tolerant`: on OCR'd evidence, a keyword of five
    letters or more also counts when OCR damaged it ("ปัญหาอุปสรรด"); see checker/rules/tolerant.py.
    `in_pictures`: the words are often inside a picture (an org chart's units): on a page that shows a content
    picture the tool did not read, keywords not found in the text answer unknown, not "not found".
    """

    check: Literal["keywords"]
    any: tuple[str, ...] = Field(min_length=1)
    min: int = Field(default=1, ge=1)
    near: int | None = Field(default=None, ge=2, le=20)
    tolerant: bool = False
    in_pictures: bool = False

    _v = field_validator("any")(classmethod(lambda cls, v: _non_empty(v)))

    @model_validator(mode="after")
    def _min_fits(self) -> KeywordsCheck:
        if self.min > len(self.any):
            raise ValueError(f"min={self.min} is larger than the number of keywords ({len(self.any)})")
        return self


class PatternCheck(_Strict):
    """A regular expression matches the normalised evidence text (Thai digits already Arabic)."""

    check: Literal["pattern"]
    patterns: tuple[str, ...] = Field(min_length=1)

    _v = field_validator("patterns")(classmethod(lambda cls, v: _valid_regexes(v)))


class ImageCheck(_Strict):
    """The evidence shows a content image (not a logo or icon), or is itself an image file.

    `or_named`: words (แผนผัง, แผนภูมิ …) by which an image's alt text or caption, or — when the evidence's
    body is a picture (an image file, a scan, a document with little text per page) — its own title or the
    words of the links to it, say what the picture is. Such evidence is found too, and reported by that name.

    `portraits: false`: a picture whose alt text or caption is a person's name ("นางอรุณี บุญมา", the photos of
    an executives' page) shows a person, not the picture sought (an org chart).
    """

    check: Literal["image"]
    or_named: tuple[str, ...] = ()
    portraits: bool = True
    sparse_chars: int = Field(default=1500, ge=0)  # at most this many characters a page: a drawing, not prose

    _v = field_validator("or_named")(classmethod(lambda cls, v: _non_empty(v)))


class RepeatedCheck(_Strict):
    """A pattern occurs for at least `min` distinct months / quarters / keys: a table by period.

    Patterns may use {month}, {quarter} and {year} (see checker/rules/structure.py).
    """

    check: Literal["repeated"]
    patterns: tuple[str, ...] = Field(min_length=1)
    min: int = Field(default=3, ge=2)

    _v = field_validator("patterns")(classmethod(lambda cls, v: tuple(validate_repeated(p) for p in v)))


class SocialLinkCheck(_Strict):
    """The evidence links to one of the given social-network hosts."""

    check: Literal["social_link"]
    hosts: tuple[str, ...] = (
        "facebook.com",
        "fb.com",
        "fb.me",
        "line.me",
        "lin.ee",
        "youtube.com",
        "youtu.be",
        "twitter.com",
        "x.com",
        "instagram.com",
        "tiktok.com",
    )
    # Share buttons link to social hosts too, but they are not the agency's own account.
    ignore_urls: tuple[str, ...] = (
        r"facebook\.com/(?:sharer|share\.php|dialog|plugins)",
        r"social-plugins\.line\.me",
        r"line\.me/R/msg",
        r"lineit/share",
        r"(?:twitter|x)\.com/(?:intent|share)",
    )

    _v = field_validator("ignore_urls")(classmethod(lambda cls, v: _valid_regexes(v)))


class LinkCheck(_Strict):
    """The evidence has a link (a, area, iframe ...) whose URL matches a pattern or whose text has a keyword."""

    check: Literal["link"]
    url_patterns: tuple[str, ...] = ()
    anchor_any: tuple[str, ...] = ()
    anchor_exclude: tuple[str, ...] = ()  # a link whose text says this is something else (คู่มือ, สถิติ …)

    _v = field_validator("url_patterns")(classmethod(lambda cls, v: _valid_regexes(v)))

    @model_validator(mode="after")
    def _something(self) -> LinkCheck:
        if not self.url_patterns and not self.anchor_any:
            raise ValueError("a link check needs url_patterns or anchor_any")
        return self


class FormCheck(_Strict):
    """The evidence has a form visitors can write into (a textarea, or text inputs when textarea is false)."""

    check: Literal["form"]
    textarea: bool = True


class OnSiteCheck(_Strict):
    """The evidence is published on the agency's site: reached through a link, row or menu of the site (the ITA
    page or any menu counts; a home-page link is not required). "Announced on the main website" (O10)."""

    check: Literal["on_site"]


class AnyOfCheck(_Strict):
    """Found when any of the nested checks is found."""

    check: Literal["any_of"]
    checks: tuple[CheckSpec, ...] = Field(min_length=2)


CheckSpec = Annotated[
    KeywordsCheck
    | PatternCheck
    | ImageCheck
    | SocialLinkCheck
    | LinkCheck
    | FormCheck
    | OnSiteCheck
    | RepeatedCheck
    | AnyOfCheck,
    Field(discriminator="check"),
]
AnyOfCheck.model_rebuild()

CHECK_KINDS: dict[str, type[BaseModel]] = {
    "keywords": KeywordsCheck,
    "pattern": PatternCheck,
    "image": ImageCheck,
    "social_link": SocialLinkCheck,
    "link": LinkCheck,
    "form": FormCheck,
    "on_site": OnSiteCheck,
    "repeated": RepeatedCheck,
    "any_of": AnyOfCheck,
}


class Element(_Strict):
    """One required element of an item (องค์ประกอบด้านข้อมูล)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    missing: Text | None = None  # the reason shown when not found; defaults to "ไม่พบ<label>"
    # "evidence": looked for in the item's evidence; "site": anywhere on the site's pages (their links and
    # pictures), for an element that is itself a link or a QR code on the site (O43's EIT survey link).
    scope: Literal["evidence", "site"] = "evidence"
    spec: CheckSpec

    @model_validator(mode="before")
    @classmethod
    def _split_check(cls, data: object) -> object:
        """Rule files write the check inline next to id/label; gather those keys into `spec`."""
        if not isinstance(data, dict) or "spec" in data:
            return data
        own = {"id", "label", "missing", "scope"}
        kind = data.get("check")
        if kind is None:
            raise ValueError("element has no 'check' field")
        if kind not in CHECK_KINDS:
            raise ValueError(f"unknown check kind {kind!r}; known kinds: {', '.join(CHECK_KINDS)}")
        spec = {k: v for k, v in data.items() if k not in own}
        return {**{k: v for k, v in data.items() if k in own}, "spec": spec}


class Recognise(_Strict):
    """How to recognise evidence for an item besides its number (O12, o๑๒, ข้อ 12 ...)."""

    titles: tuple[str, ...] = Field(min_length=1)  # phrases that name the item in anchors, rows, headings
    exclude: tuple[str, ...] = ()  # a title match containing one of these belongs to another item
    home_page: bool = False  # the home page itself is evidence (contact block, social icons, e-service)
    url_patterns: tuple[str, ...] = ()  # a link whose URL matches names the item (e.g. webboard)

    _t = field_validator("titles", "exclude")(classmethod(lambda cls, v: _non_empty(v)))
    _u = field_validator("url_patterns")(classmethod(lambda cls, v: _valid_regexes(v)))


class Item(_Strict):
    id: str
    indicator: str
    title: Text
    recognise: Recognise
    elements: tuple[Element, ...] = Field(min_length=1)
    period: PeriodCode
    period_note: Text | None = None
    # "name": the year the evidence is named with wins (a relabelled old plan is outdated); "anywhere":
    # the newest year anywhere in it (O42 is named after the ITA year it analyses, one year back).
    period_from: Literal["name", "anywhere"] = "name"

    _number: int | None = PrivateAttr(default=None)  # set by RulePack from its item_id_pattern

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str, info: ValidationInfo) -> str:
        # The loader passes the pack's item_id_pattern, so that a wrong id is reported at its own line; a pack
        # validated without it is checked by RulePack itself.
        pattern = context_value(info, "item_id_pattern", None)
        if isinstance(pattern, str) and compiles(pattern) and not re.match(pattern, v):
            raise ValueError(bad_id(v, pattern))
        return v

    @field_validator("period")
    @classmethod
    def _declared_period(cls, v: str, info: ValidationInfo) -> str:
        kinds = context_value(info, "periods", None)
        if isinstance(kinds, (list, tuple, set, frozenset, dict)) and v != "none" and v not in kinds:
            raise ValueError(bad_period(v, kinds))
        return v

    @cached_property
    def number(self) -> int:
        """The item's number: the first group of the pack's item_id_pattern (O12 -> 12). Cached: it is asked
        for every link of every page (a private attribute costs microseconds through pydantic)."""
        if self._number is not None:
            return self._number
        return int(re.sub(r"\D", "", self.id) or 0)

    @model_validator(mode="after")
    def _unique_elements(self) -> Item:
        seen: set[str] = set()
        for e in self.elements:
            if e.id in seen:
                raise ValueError(f"duplicate element id {e.id!r}")
            seen.add(e.id)
        return self


class PeriodWording(Text):
    """What a period kind needs, in words: "ปีงบประมาณ {year}" (placeholders: knowledge.PERIOD_PLACEHOLDERS)."""

    @model_validator(mode="after")
    def _placeholders(self) -> PeriodWording:
        problem = wording_problem(self.th) or wording_problem(self.en)
        if problem:
            raise ValueError(problem)
        return self


DEFAULT_PERIODS: dict[PeriodCode, PeriodWording] = {
    k: PeriodWording(th=v[0], en=v[1]) for k, v in DEFAULT_PERIOD_WORDING.items()
}


class RulePack(_Strict):
    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    fiscal_year: int = Field(ge=2500, le=2700)  # Buddhist era
    name: Text
    indicators: dict[str, Text]
    # How the pack's item ids look; the first group is the item's number ("O12" -> 12).
    item_id_pattern: str = DEFAULT_ITEM_ID_PATTERN
    # Verdicts that end the early stop of a crawl (missing and review items keep it going: more pages may help).
    settled_statuses: tuple[ItemStatus, ...] = Field(default=DEFAULT_SETTLED, min_length=1)
    # The period kinds the pack's items use, and what each needs in words ({year}, {prev}, {year2}, {prev2}).
    periods: dict[PeriodCode, PeriodWording] = Field(default_factory=lambda: dict(DEFAULT_PERIODS))
    # How item verdicts add up to the OIT score the reports estimate (checker/rules/scoring.py).
    scoring: Scoring = Field(default_factory=Scoring)
    items: tuple[Item, ...] = Field(min_length=1)

    @field_validator("item_id_pattern")
    @classmethod
    def _valid_id_pattern(cls, v: str) -> str:
        try:
            compiled = re.compile(v)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {v!r}: {exc}") from exc
        if compiled.groups < 1:
            raise ValueError(f"item_id_pattern {v!r} needs a group for the item's number, as in ^O([1-9][0-9]?)$")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> RulePack:
        seen: set[str] = set()
        for i, item in enumerate(self.items):
            match = re.match(self.item_id_pattern, item.id)
            if match is None:
                raise ValueError(f"items[{i}]: {bad_id(item.id, self.item_id_pattern)}")
            try:
                item._number = int(match.group(1))
            except (TypeError, ValueError):
                raise ValueError(
                    f"items[{i}]: the item_id_pattern's first group must be the item's number, not {match.group(1)!r}"
                ) from None
            if item.period != "none" and item.period not in self.periods:
                raise ValueError(f"items[{i}]: item {item.id}: {bad_period(item.period, list(self.periods))}")
            if item.id in seen:
                raise ValueError(f"items[{i}]: duplicate item id {item.id!r}")
            seen.add(item.id)
            if item.indicator not in self.indicators:
                raise ValueError(
                    f"items[{i}]: item {item.id} names indicator {item.indicator!r}, "
                    f"which is not in indicators ({', '.join(self.indicators)})"
                )
        self._scoring_names_known()
        return self

    def _scoring_names_known(self) -> None:
        tops = {parent(code) for code in self.indicators}
        for code in self.scoring.indicators:
            if code not in tops:
                raise ValueError(f"scoring.indicators: {code!r} has no sub-indicators ({', '.join(sorted(tops))})")
        for code in self.scoring.sub_weights:
            if code not in self.indicators:
                raise ValueError(f"scoring.sub_weights: {code!r} is not in indicators ({', '.join(self.indicators)})")

    def item(self, item_id: str) -> Item:
        wanted = item_id.strip().upper()
        for item in self.items:
            if item.id == wanted:
                return item
        raise KeyError(item_id)
