"""A rule pack said in words, ready for a page: what every item and element needs, in one language.

Pure: a RulePack in, plain data out; the Markdown and HTML renderers only lay it out, so both say the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker import __version__
from checker.i18n import t
from checker.rules.knowledge import period_args
from checker.rules.reference.words import rw
from checker.rules.schema import (
    AnyOfCheck,
    CheckSpec,
    Element,
    FormCheck,
    ImageCheck,
    Item,
    KeywordsCheck,
    LinkCheck,
    OnSiteCheck,
    PatternCheck,
    RepeatedCheck,
    RulePack,
    SocialLinkCheck,
)


@dataclass(frozen=True)
class Accepts:
    """One check in words: a sentence, the words or patterns it lists, notes, and nested alternatives."""

    says: str
    words: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    alternatives: tuple[Accepts, ...] = ()


@dataclass(frozen=True)
class ElementRef:
    id: str
    label: str
    accepts: Accepts
    missing: str


@dataclass(frozen=True)
class ItemRef:
    id: str
    title: str
    period: str
    recognised: tuple[str, ...]  # sentences: by titles, by number, home page
    url_patterns: tuple[str, ...]  # links whose URL matches one of these name the item too
    excluded: tuple[str, ...]
    elements: tuple[ElementRef, ...]


@dataclass(frozen=True)
class IndicatorRef:
    code: str
    heading: str
    items: tuple[ItemRef, ...]


@dataclass(frozen=True)
class PackRef:
    lang: str
    title: str
    meta: str
    intro: str
    indicators: tuple[IndicatorRef, ...]
    headings: dict[str, str]  # column and field names, in the language


def build(pack: RulePack, lang: str) -> PackRef:
    """The reference of `pack` in `lang`, indicators in the pack's order, items in the pack's order."""
    indicators = []
    for code, name in pack.indicators.items():
        items = tuple(_item(pack, item, lang) for item in pack.items if item.indicator == code)
        if items:
            indicators.append(IndicatorRef(code, rw("indicator", lang, code=code, name=name.get(lang)), items))
    keys = ("period", "recognised", "by_urls", "excluded", "col_element", "col_accepts", "col_missing")
    headings = {k: rw(k, lang) for k in keys}
    return PackRef(
        lang=lang,
        title=rw("title", lang, name=pack.name.get(lang)),
        meta=rw("meta", lang, id=pack.id, year=pack.fiscal_year, n=len(pack.items), version=__version__),
        intro=rw("intro", lang),
        indicators=tuple(indicators),
        headings=headings,
    )


def _item(pack: RulePack, item: Item, lang: str) -> ItemRef:
    return ItemRef(
        id=item.id,
        title=item.title.get(lang),
        period=period_words(pack, item, lang),
        recognised=_recognised(item, lang),
        url_patterns=item.recognise.url_patterns,
        excluded=item.recognise.exclude,
        elements=tuple(_element(e, lang) for e in item.elements),
    )


def period_words(pack: RulePack, item: Item, lang: str) -> str:
    """What period the evidence must be of, in the pack's own wording for the pack's fiscal year."""
    if item.period == "none":
        said = rw("period_none", lang)
    else:
        said = pack.periods[item.period].get(lang).format(**period_args(pack.fiscal_year))
    if item.period_note is not None:
        said += f" — {item.period_note.get(lang)}"
    if item.period != "none" and item.period_from == "anywhere":
        said += f" ({rw('period_anywhere', lang)})"
    return said


def _recognised(item: Item, lang: str) -> tuple[str, ...]:
    r = item.recognise
    said = [rw("by_titles", lang, titles=", ".join(r.titles)), rw("by_number", lang, id=item.id, number=item.number)]
    if r.home_page:
        said.append(rw("by_home", lang))
    return tuple(said)


def _element(element: Element, lang: str) -> ElementRef:
    said = accepts(element.spec, lang)
    if element.scope == "site":
        said = replace(said, notes=(*said.notes, rw("scope_site", lang)))
    if element.missing is not None:
        missing = element.missing.get(lang)
    else:
        missing = t("element_missing", lang, label=element.label.get(lang))
    return ElementRef(element.id, element.label.get(lang), said, missing)


def accepts(spec: CheckSpec, lang: str) -> Accepts:
    """What a check accepts, in words."""
    notes: list[str] = []
    if isinstance(spec, KeywordsCheck):
        says = rw("keywords_one", lang) if spec.min == 1 else rw("keywords_min", lang, min=spec.min)
        notes += [rw("near", lang, n=spec.near)] if spec.near else []
        notes += [rw(flag, lang) for flag in ("tolerant", "in_pictures") if getattr(spec, flag)]
        return Accepts(says, words=spec.any, notes=tuple(notes))
    if isinstance(spec, PatternCheck):
        words = tuple(dict.fromkeys(w for p in spec.patterns for w in pattern_words(p)))
        notes += [rw("pattern_words", lang, words=", ".join(words))] if words else []
        return Accepts(rw("pattern", lang), patterns=spec.patterns, notes=tuple(notes))
    if isinstance(spec, ImageCheck):
        notes += [rw("or_named", lang, words=", ".join(spec.or_named))] if spec.or_named else []
        notes += [] if spec.portraits else [rw("no_portraits", lang)]
        return Accepts(rw("image", lang), notes=tuple(notes))
    if isinstance(spec, SocialLinkCheck):
        return Accepts(rw("social_link", lang, hosts=", ".join(spec.hosts)))
    if isinstance(spec, LinkCheck):
        both, urls = spec.url_patterns and spec.anchor_any, spec.url_patterns
        says = "link_both" if both else "link_urls" if urls else "link_words"
        notes += [rw("link_not", lang, words=", ".join(spec.anchor_exclude))] if spec.anchor_exclude else []
        return Accepts(rw(says, lang), words=spec.anchor_any, patterns=spec.url_patterns, notes=tuple(notes))
    if isinstance(spec, FormCheck):
        return Accepts(rw("form_textarea" if spec.textarea else "form_input", lang))
    if isinstance(spec, OnSiteCheck):
        return Accepts(rw("on_site", lang))
    if isinstance(spec, RepeatedCheck):
        return Accepts(rw("repeated", lang, min=spec.min), patterns=spec.patterns)
    if isinstance(spec, AnyOfCheck):
        return Accepts(rw("any_of", lang), alternatives=tuple(accepts(c, lang) for c in spec.checks))
    raise TypeError(f"no words for check {spec.check!r}")  # a new kind needs its sentence here


_ESCAPE = re.compile(r"\\.")
_CLASS = re.compile(r"\[\^?\]?[^\]]*\]")
_GROUP_NAME = re.compile(r"\(\?P?(?:<[A-Za-z_]\w*>|=[A-Za-z_]\w*\))|\(\?[a-zA-Z]+\)")
_BRACES = re.compile(r"\{[^}]*\}")  # quantifiers, and {month} / {quarter} / {year}
_WORD = re.compile(r"[A-Za-z\u0e01-\u0e5b]{2,}")


def pattern_words(pattern: str) -> tuple[str, ...]:
    """The words a regular expression spells out, for a reader who does not read regular expressions:
    `(?:ใช้|เบิก)[^|\\d]{0,30}\\d+\\s*บาท` -> ใช้, เบิก, บาท. Escapes, character classes, quantifiers and what
    a negative lookaround rules out (`นาย(?!อำเภอ)`) are left out: the words hint, the pattern decides."""
    text = _ESCAPE.sub("\x00", pattern)
    text = _CLASS.sub("\x00", text)
    text = _drop_negative_lookarounds(text)
    text = _BRACES.sub("\x00", _GROUP_NAME.sub("\x00", text))
    return tuple(dict.fromkeys(_WORD.findall(text)))


def _drop_negative_lookarounds(text: str) -> str:
    """`(?!…)` and `(?<!…)` removed with what they hold (escapes and classes are gone: parentheses balance)."""
    while True:
        start = min((i for i in (text.find("(?!"), text.find("(?<!")) if i >= 0), default=-1)
        if start < 0:
            return text
        depth, end = 0, len(text)
        for i in range(start, len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        text = text[:start] + "\x00" + text[end:]
