"""Every sentence a user reads, rendered with realistic arguments, has no doubled word.

Found by a clerk: "Cannot confirm the the agency's duties" — a message template ("… the {label} …") met a rule
pack label that carries its own article ("the agency's duties and powers"). Here every message of the tables
below is rendered in both languages; a template that embeds a pack text (an element's label, the pack's own
"missing" words, a period's wording) is rendered with every such text of the shipped pack, and a template
that embeds a reason (why a file was not read, why a link was not opened) with every such reason. No output
may repeat a word (`\\b(\\w+) \\1\\b`, case-insensitive): in English that is the bug; in Thai, written
without spaces between words, a run of letters repeated after a space is one too.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest

from checker.batch import words as batch_words
from checker.dashboard import words as dashboard_words
from checker.evaluate.timing import need_text
from checker.i18n import MESSAGES
from checker.report import fixwords as fix_words
from checker.rules import loader
from checker.rules.reference import words as reference_words
from checker.rules.schema import RulePack

DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
TABLES = {
    "i18n": MESSAGES,
    "batch": batch_words.MESSAGES,
    "dashboard": dashboard_words.WORDS,
    "fixes": fix_words.MESSAGES,
    "reference": reference_words.WORDS,
}
LANGS = ("th", "en")

# A realistic value for each argument name the messages use; names not listed get a neutral word or number.
SAMPLES: dict[str, object] = {
    "title": "ข้อมูลผู้บริหาร", "item": "O2", "where": "https://www.example.go.th/ita.html — “O2 ข้อมูลผู้บริหาร”",
    "url": "https://www.example.go.th/files/plan-2567.pdf", "first": "https://www.example.go.th/app/#/ita",
    "via": "https://www.example.go.th/ita.html — “O11 แผนดำเนินงาน”", "found": "FY2566", "year": 2567,
    "prev": 2566, "value": "2024-03-01", "target": "https://www.example.com/", "host": "www.facebook.com",
    "n": 3, "s": "s", "pages": 49, "pages_s": "s", "documents": 3, "documents_s": "s", "requests": 140,
    "errors": 2, "queued": 12, "seconds": "150", "cache": "", "path": "reports/oitcheck-report.html",
    "aside": "cache.db.damaged", "signal": "SIGTERM", "status": "incomplete", "expires": "2024-06-30",
    "reason": "waiting for the council", "run": 2, "score": 62.5, "percent": 41.7, "passed": 5, "total": 12,
    "summary": "O1", "site": "www.example.go.th", "a": 1, "b": 2, "when": "2024-05-01 10:00",
    "when_a": "2024-05-01 10:00", "when_b": "2024-05-02 10:00", "score_a": 60.5, "score_b": 62.8,
    "detail": "HTTP 404", "hint": "oitcheck check https://www.example.com/", "name": "oitcheck",
    "version": "0.2.0", "ruleset": "oit_2567", "period": "FY2567", "day": 1, "month": "May", "hm": "10:00",
}  # fmt: skip


def _fields(template: str) -> list[tuple[str, str]]:
    return [(f, spec or "") for _, f, spec, _ in string.Formatter().parse(template) if f]


def _default(field: str, spec: str) -> object:
    if field in SAMPLES:
        return SAMPLES[field]
    return 3 if spec[-1:] in ("d", "f") else f"sample {field}"


def _variants(pack: RulePack, lang: str) -> dict[str, list[str]]:
    """The pack's texts and the nested reasons, by the argument they fill."""
    elements = [e for item in pack.items for e in item.elements]
    why = [MESSAGES[k][lang] for k in MESSAGES if k.startswith(("unread_", "skip_", "ext_", "cut_"))]
    why += [MESSAGES[k][lang] for k in ("scan_no_ocr", "ocr_no_text", "encrypted", "broken_file", "too_large")]
    return {
        "label": [e.label.get(lang) for e in elements],
        "labels": [e.label.get(lang) for e in elements],  # the fix-first actions name one or more
        "missing": [e.missing.get(lang) for e in elements if e.missing is not None],
        "need": [need_text(code, pack.fiscal_year, wording).get(lang) for code, wording in pack.periods.items()],
        "what": [
            MESSAGES[k][lang] for k in MESSAGES if k.startswith(("weak_", "budget_")) and "{" not in MESSAGES[k][lang]
        ],
        "why": why,
        "title": [item.title.th for item in pack.items] + [item.title.get(lang) for item in pack.items],
    }


def _renderings(template: str, variants: dict[str, list[str]]) -> Iterator[str]:
    """The template with every argument at its sample, then with each pack text or reason in its place."""
    fields = _fields(template)
    base = {f: _default(f, spec) for f, spec in fields}
    yield template.format(**base)
    for field, _ in fields:
        for value in variants.get(field, ()):
            yield template.format(**{**base, field: value})


@pytest.fixture(scope="module")
def shipped() -> RulePack:
    return loader.load("oit_2567")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", sorted(TABLES))
def test_no_message_doubles_a_word(shipped: RulePack, table: str, lang: str) -> None:
    variants = _variants(shipped, lang)
    doubled = []
    for key, entry in TABLES[table].items():
        template = entry.get(lang) or entry["th"]
        for text in _renderings(template, variants):
            if DOUBLED.search(text):
                doubled.append(f"{key}: {text}")
    assert not doubled, "\n".join(doubled[:20])


def test_the_shipped_packs_english_texts_double_no_word(shipped: RulePack) -> None:
    texts = [shipped.name.en, *(n.en for n in shipped.indicators.values())]
    for item in shipped.items:
        texts.append(item.title.en)
        for e in item.elements:
            texts += [e.label.en, *([e.missing.en] if e.missing is not None else [])]
    texts += [need_text(code, shipped.fiscal_year, w).en for code, w in shipped.periods.items()]
    assert not [text for text in texts if DOUBLED.search(text)]


def test_the_check_would_have_caught_the_clerks_sentence() -> None:
    assert DOUBLED.search("Cannot confirm the the agency's duties and powers")
    assert not DOUBLED.search(MESSAGES["element_unknown"]["en"].format(label="the agency's duties and powers"))
