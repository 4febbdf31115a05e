"""Evaluator cases written as data: a tiny site (HTML pages and files) -> the expected status of one item.

Each case is served by the real local test server and checked by the whole pipeline (crawl, extract,
evaluate), so a case says what a clerk would see. Cases live in tests/evaluate/cases/*.yaml:

    - name: what the case shows
      item: O5
      year: 2567                 # optional, default 2567
      pages:                     # path -> HTML body (a full page or a fragment; fragments get a wrapper)
        index.html: <a href="contact.html">ติดต่อเรา</a>
        contact.html: ...
      files: [files/plan.pdf]    # documents that exist (their bytes are a minimal file of the right kind)
      expect: incomplete
      reasons: [โทรสาร]          # optional: words that must appear in the item's reasons
      elements: {fax: not_found} # optional: expected element statuses
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.api import run_check
from checker.rules.schema import RulePack
from tests.support.server import serve_site

CASES_DIR = Path(__file__).parent / "cases"
MINIMAL_FILES = {
    ".pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    ".docx": b"PK\x03\x04" + b"\0" * 26,
    ".xlsx": b"PK\x03\x04" + b"\0" * 26,
    ".jpg": b"\xff\xd8\xff\xe0\0\x10JFIF\0" + b"\0" * 16,
    ".png": b"\x89PNG\r\n\x1a\n" + b"\0" * 16,
}


def _load_cases() -> list[Any]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append(pytest.param(case, id=f"{path.stem}:{case['item']}:{case['name']}"))
    return cases


def _page(body: str) -> str:
    if "<html" in body.lower():
        return body
    head = '<!doctype html><html><head><meta charset="utf-8"><title>เทศบาลตำบลทดสอบ</title></head>'
    return f"{head}<body>{body}</body></html>"


def _write_site(root: Path, case: dict[str, Any]) -> None:
    for rel, body in case.get("pages", {}).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(body), encoding="utf-8")
    for rel in case.get("files", []):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(MINIMAL_FILES[target.suffix.lower()])


@pytest.mark.parametrize("case", _load_cases())
def test_case(case: dict[str, Any], pack: RulePack, tmp_path: Path) -> None:
    _write_site(tmp_path, case)
    with serve_site(tmp_path) as (base, _):
        run = asyncio.run(run_check(base, pack, case.get("year", 2567)))
    item = next(i for i in run.report.items if i.id == case["item"])
    detail = f"{item.status}: {item.reasons} evidence={[e.url for e in item.evidence]}"
    assert item.status == case["expect"], detail
    for word in case.get("reasons", []):
        assert any(word in r for r in item.reasons), detail
    statuses = {e.id: e.status for e in item.elements}
    for element, status in case.get("elements", {}).items():
        assert statuses.get(element) == status, f"{element}: {statuses}"


def test_every_item_has_cases(pack: RulePack) -> None:
    covered = {c.values[0]["item"] for c in _load_cases()}
    assert {i.id for i in pack.items} <= covered, sorted({i.id for i in pack.items} - covered)
