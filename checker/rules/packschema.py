"""The JSON Schema of a rule pack, for editors: completion, hovers and red squiggles while a pack is written.

It is generated from the pydantic models (checker/rules/schema.py), so it cannot describe another format, and
post-processed so that it describes what a YAML author writes rather than what the models hold: an element
says `check: keywords` with that check's fields beside its id and label (Element's before-validator gathers
them into `spec`), and every field gets a one-line description for the editor's hover. The shipped copy is
rules/oit-pack.schema.json (tests/rules/test_pack_schema.py keeps it equal to this); `oitcheck rules schema`
prints it. `oitcheck rules validate` stays the authority: it also checks what a schema cannot say (regular
expressions compile, ids match the pack's item_id_pattern, items name declared indicators and periods).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from checker.rules.schema import CHECK_KINDS, RulePack

SCHEMA_FILE = "oit-pack.schema.json"  # beside the shipped packs (rules/, checker/_rules/ in the wheel)
DIALECT = "https://json-schema.org/draft/2020-12/schema"  # the dialect pydantic generates
ELEMENT_OWN = ("id", "label", "missing", "scope")  # an element's own keys; the others belong to its check

# What each field means, shown by editors on hover (docs/rules.md says more).
FIELDS: dict[str, dict[str, str]] = {
    "RulePack": {
        "schema_version": "Always 1.",
        "id": "The pack's name, used with --rules (oit_2567). Lower case letters, digits and _.",
        "fiscal_year": "The assessed fiscal year, Buddhist era (2567); --year overrides it.",
        "name": "The pack's name shown in reports, in Thai and English.",
        "indicators": 'Sub-indicator code ("9.1") -> its name in Thai and English.',
        "item_id_pattern": "A regular expression every item id matches; its first group is the item's number.",
        "settled_statuses": "Verdicts that let a crawl stop early once every item has one of them.",
        "periods": "The period kinds the items use, and what each needs in words ({year}, {prev}, {year2}, {prev2}).",
        "scoring": "How item verdicts add up to the estimated OIT score (docs/rules.md, Scoring).",
        "items": "One entry per O-item; ids unique.",
    },
    "Text": {"th": "The Thai text.", "en": "The English text."},
    "PeriodWording": {"th": "The Thai wording.", "en": "The English wording."},
    "Item": {
        "id": "The item's id (O1 … O99 unless item_id_pattern says otherwise).",
        "indicator": 'The sub-indicator the item belongs to; one of the pack\'s indicators ("9.1").',
        "title": "The item's title in Thai and English.",
        "recognise": "How evidence for the item is recognised besides its number (O12, ข้อ 12).",
        "elements": "What the evidence must show (องค์ประกอบด้านข้อมูล); each is found or not.",
        "period": "The period the evidence must be of; none, or one of the pack's periods.",
        "period_note": "How the period is read, in words shown to users.",
        "period_from": "name: the year the evidence is named with decides; anywhere: the newest year in it.",
    },
    "Recognise": {
        "titles": "Phrases that name the item in links, ITA-page rows, page titles and headings.",
        "exclude": "A title match that also contains one of these belongs to another item.",
        "home_page": "The home page itself is evidence (contacts, social icons, e-services).",
        "url_patterns": "Regular expressions: a link whose URL matches names the item.",
    },
    "Element": {
        "id": "The element's id, unique in its item: lower case letters, digits and _.",
        "label": "What the element is, in Thai and English; reasons say ไม่พบ<label> when it is missing.",
        "missing": "The sentence shown when the element is not found, instead of ไม่พบ<label>.",
        "scope": "evidence: looked for in the item's evidence; site: anywhere on the site's pages.",
    },
    "KeywordsCheck": {
        "any": "The keywords; matched on Thai-normalised text, case and spaces ignored.",
        "min": "How many different keywords must appear (default 1).",
        "near": "A phrase also counts when its words stand within this many words of each other.",
        "tolerant": "On OCR'd scans, a keyword of five letters or more also counts when OCR damaged it.",
        "in_pictures": "The words are often inside a picture: an unread picture makes the element unknown.",
    },
    "PatternCheck": {"patterns": "Regular expressions; one matching the normalised text is enough."},
    "ImageCheck": {
        "or_named": "Words by which a picture's alt text, caption, title or link says what it is.",
        "portraits": "false: a picture captioned with a person's name (a photo) does not count.",
        "sparse_chars": "At most this many characters a page make a document a drawing, not prose.",
    },
    "SocialLinkCheck": {
        "hosts": "Social-network hosts a link must point to.",
        "ignore_urls": "Regular expressions of share buttons, which are not the agency's own account.",
    },
    "LinkCheck": {
        "url_patterns": "Regular expressions a link's URL may match.",
        "anchor_any": "Words a link's text may contain.",
        "anchor_exclude": "A link whose text contains one of these is something else.",
    },
    "FormCheck": {"textarea": "true: a form with a text area; false: any text input."},
    "RepeatedCheck": {
        "patterns": "Regular expressions with {month}, {quarter} or {year}: a row of a table by period.",
        "min": "How many distinct months, quarters or keys must match (default 3).",
    },
    "AnyOfCheck": {"checks": "Two or more checks; the element is found when any of them is."},
    "Scoring": {
        "indicators": 'Top-level indicators ("9") -> name and weight.',
        "sub_weights": 'A sub-indicator\'s weight inside its indicator ("9.3": 2); default 1.',
        "grades": "Grade bands, highest min first, down to a band with min 0.",
    },
    "Indicator": {"name": "The indicator's name.", "weight": "Its weight in the OIT score (default 1)."},
    "Grade": {"min": "The lowest score of the band.", "name": "The grade's name (AA … F)."},
}


def pack_schema() -> dict[str, Any]:
    """The rule pack's JSON Schema, as a YAML author writes a pack."""
    schema = RulePack.model_json_schema()
    defs: dict[str, Any] = schema["$defs"]
    for model, fields in FIELDS.items():
        if model == "Element":
            continue  # written into each element kind by _elements
        properties = defs[model]["properties"] if model != "RulePack" else schema["properties"]
        for name, text in fields.items():
            properties[name]["description"] = text
    for kind, check in CHECK_KINDS.items():
        defs[check.__name__]["properties"]["check"]["description"] = f"{kind}: {_first_line(defs[check.__name__])}"
    defs["Item"].setdefault(
        "description", "An O-item: its title, how its evidence is recognised, its elements, period."
    )
    defs["Element"] = _elements(defs)
    _unwrap(schema)
    head = {
        "$schema": DIALECT,
        "title": "oitcheck rule pack",
        "description": "An OIT rule pack (docs/rules.md). `oitcheck rules validate PACK` is the authority: "
        "it also checks what this schema cannot say (regular expressions, item ids, indicators, periods).",
    }
    return {**head, **{k: v for k, v in schema.items() if k != "title"}}


def _elements(defs: dict[str, Any]) -> dict[str, Any]:
    """Element as written: one variant per check kind, its check's fields flattened beside id and label."""
    own = defs["Element"]
    kinds: dict[str, str] = {}
    for kind, model in CHECK_KINDS.items():
        check = defs[model.__name__]
        name = f"{model.__name__.removesuffix('Check')}Element"
        properties = {k: copy.deepcopy(own["properties"][k]) for k in ELEMENT_OWN}
        properties.update(copy.deepcopy(check["properties"]))
        for key in ELEMENT_OWN:
            properties[key]["description"] = FIELDS["Element"][key]
        defs[name] = {
            "additionalProperties": False,
            "description": f"{own['description']} check: {kind}. {check['description']}",
            "properties": properties,
            "required": ["id", "label", *check["required"]],
            "title": f"Element ({kind})",
            "type": "object",
        }
        kinds[kind] = name
    return {
        "description": own["description"] + " Its `check` says how it is looked for; the check's fields stand "
        "beside id and label.",
        "discriminator": {"mapping": {k: f"#/$defs/{n}" for k, n in kinds.items()}, "propertyName": "check"},
        "oneOf": [{"$ref": f"#/$defs/{n}"} for n in kinds.values()],
        "title": "Element",
    }


def _unwrap(node: object) -> None:
    """Docstrings' hard line breaks become spaces (an editor wraps a hover itself); paragraphs stay."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = re.sub(r"(?<!\n)\n(?!\n)", " ", value)
            else:
                _unwrap(value)
    elif isinstance(node, list):
        for value in node:
            _unwrap(value)


def _first_line(definition: dict[str, Any]) -> str:
    return str(definition.get("description", "")).split("\n\n")[0].replace("\n", " ")


def schema_text() -> str:
    """The schema as shipped: indented JSON, Thai left readable, one newline at the end."""
    return json.dumps(pack_schema(), ensure_ascii=False, indent=2) + "\n"
