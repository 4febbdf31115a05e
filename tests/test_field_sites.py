"""The field corpus (tests/support/fieldgen) builds and serves: a structural test only.

For each half, every site's spec validates (document kinds, label fields, spec keys), labels all 43 items with a
reason, and, once written and served on 127.0.0.1, answers its home page and its ITA page. How accurate the
checker is on these sites is measured by bench/score_field.py; no accuracy is asserted here.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import docsites, fieldgen, vendor_sites
from tests.support import make_docs as md

pytestmark = pytest.mark.skipif(md.font_path() is None, reason="no Thai font (apt-get install fonts-thai-tlwg)")
ITEMS = {f"O{n}" for n in range(1, 44)}
HALVES = ("dev", "test")


@pytest.fixture(scope="module", params=HALVES)
def half_specs(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    return request.param, fieldgen.field_specs(request.param)


def test_specs_validate_and_label_every_item(half_specs: tuple[str, list[dict[str, Any]]]) -> None:
    half, specs = half_specs
    assert [s["name"] for s in specs] == [f"field-{half}-{n:02d}" for n in range(10)]
    for spec in specs:
        assert set(spec) <= vendor_sites.SPEC_KEYS, spec["name"]
        docsites.validate(spec)
        assert set(spec["labels"]) == ITEMS, spec["name"]
        assert all(label.get("why") for label in spec["labels"].values()), spec["name"]
        scans = [d for d in spec["documents"] if d["kind"] in ("scan_pdf", "scan_png")]
        assert len(scans) <= 3 and bool(spec["ocr"]) == bool(scans), spec["name"]


def test_generation_is_deterministic() -> None:
    assert fieldgen.generate(3, "dev") == fieldgen.generate(3, "dev")
    assert fieldgen.generate(3, "dev")["labels"] != fieldgen.generate(3, "test")["labels"]


def test_sites_serve_home_and_ita_page(half_specs: tuple[str, list[dict[str, Any]]], tmp_path: Path) -> None:
    half, specs = half_specs
    with_ita = 0
    for spec in specs:
        root = tmp_path / spec["name"]
        root.mkdir()
        with vendor_sites.served(spec, root) as (base, _handler):
            base = base.rstrip("/")
            home = httpx.get(base + "/", timeout=10)
            assert home.status_code == 200, spec["name"]
            assert spec["site"] in home.text
            ita = fieldgen.ita_page(spec)
            if ita is None:
                continue
            with_ita += 1
            page = httpx.get(base + ita, timeout=10)
            assert page.status_code == 200, (spec["name"], ita)
            assert ita in home.text or html.escape(ita) in home.text  # the home page links its ITA page
    assert 0 < with_ita < len(specs), f"{half}: both site shapes (with and without an ITA page) expected"
