"""The pack's JSON Schema (rules/oit-pack.schema.json), read as an editor reads it: generated from the models,
never stale, describing what a YAML author writes (elements with `check:` and its fields beside id and label)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from checker.cli import main
from checker.rules import loader
from checker.rules.packschema import SCHEMA_FILE, pack_schema, schema_text
from checker.rules.schema import CHECK_KINDS

SHIPPED = loader.builtin_dir() / SCHEMA_FILE


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)  # a valid 2020-12 schema in itself
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def shipped_data() -> dict[str, Any]:
    data = yaml.safe_load((loader.builtin_dir() / "oit_2567.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _errors(validator: Draft202012Validator, data: dict[str, Any]) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "rules/oit-pack.schema.json is stale: run `oitcheck rules schema -o rules/oit-pack.schema.json`"
    )


def test_rules_schema_prints_it_and_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "schema"]) == 0
    assert capsys.readouterr().out == schema_text()
    out = tmp_path / "deep" / "pack.schema.json"
    assert main(["rules", "schema", "-o", str(out), "--lang", "en"]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    assert capsys.readouterr().out.strip() == f"wrote {out}"


def test_the_schema_accepts_the_shipped_pack(validator: Draft202012Validator, shipped_data: dict[str, Any]) -> None:
    assert _errors(validator, shipped_data) == []


def test_elements_are_described_as_written(shipped_data: dict[str, Any]) -> None:
    defs = pack_schema()["$defs"]
    variants = [ref["$ref"].rsplit("/", 1)[1] for ref in defs["Element"]["oneOf"]]
    assert len(variants) == len(CHECK_KINDS)
    keywords = defs["KeywordsElement"]
    assert keywords["properties"]["check"]["const"] == "keywords"
    assert {"id", "label", "missing", "scope", "check", "any", "min", "near"} <= set(keywords["properties"])
    assert "spec" not in keywords["properties"] and keywords["required"] == ["id", "label", "check", "any"]
    assert keywords["additionalProperties"] is False
    assert all(p.get("description") for p in keywords["properties"].values())  # editors show them on hover
    # an element of the shipped pack, as written: id, label, check and its fields side by side
    units = shipped_data["items"][0]["elements"][1]
    assert units["check"] == "keywords" and "any" in units and "spec" not in units


@pytest.mark.parametrize(
    ("break_it", "where"),
    [
        (lambda d: d["items"][0]["elements"][1].update(keyword=["x"]), "$.items[0].elements[1]"),  # a typo
        (lambda d: d["items"][0].update(color="red"), "$.items[0]"),  # an unknown item field
        (lambda d: d["items"][11].update(period="every_year"), "$.items[11].period"),
        (lambda d: d["items"][0]["elements"][0].update(check="picture"), "$.items[0].elements[0]"),
        (lambda d: d["items"][0]["elements"][1].pop("any"), "$.items[0].elements[1]"),  # keywords need any
        (lambda d: d.pop("items"), "$"),
        (lambda d: d.update(fiscal_year="2567"), "$.fiscal_year"),
    ],
)
def test_the_schema_rejects_a_broken_pack(
    validator: Draft202012Validator, shipped_data: dict[str, Any], break_it: Any, where: str
) -> None:
    data = copy.deepcopy(shipped_data)
    break_it(data)
    errors = _errors(validator, data)
    assert errors and any(e.startswith(f"{where}:") for e in errors), errors


def test_nested_checks_are_checks_not_elements(validator: Draft202012Validator, shipped_data: dict[str, Any]) -> None:
    data = copy.deepcopy(shipped_data)
    contact = data["items"][1]["elements"][3]
    assert contact["check"] == "any_of"
    contact["checks"][0]["label"] = {"th": "ก", "en": "a"}  # a nested check has no label
    assert _errors(validator, data)
