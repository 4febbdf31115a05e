"""An independent labelled corpus of agency sites for measuring the checker on sites it was never tuned on.

    from tests.support import fieldgen
    specs = fieldgen.field_specs("dev")        # 10 sites: field-dev-00 ... field-dev-09
    spec = fieldgen.generate(3, "test")         # one site of the test half

Each spec is a tests.support.vendor_sites spec (build, serve, check, score) with a label for all 43 items,
decided from shared/spec/oit-2567.md as an assessor would, never from the checker's rules. The wording comes
from tests/fixtures/field/vocab.yaml, split into a dev pool and a test pool; some URL schemes (Joomla, a
"datacenter" PHP vendor), one page template (a two-sidebar portal) and one ITA-page style (headings and
paragraphs instead of a table) appear only in the test half. Generation is deterministic for a (seed, half).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from tests.support import docsites
from tests.support.fieldgen import plan, render
from tests.support.fieldgen.chrome import TEMPLATES_DEV, TEMPLATES_TEST_ONLY
from tests.support.fieldgen.render import ITA_STYLES_DEV, ITA_STYLES_TEST_ONLY
from tests.support.fieldgen.site import SCHEMES_DEV, SCHEMES_TEST_ONLY, Site

Half = Literal["dev", "test"]
SEEDS: dict[str, tuple[int, ...]] = {"dev": tuple(range(10)), "test": tuple(range(10))}
YEAR_2568 = {"dev": 7, "test": 4}  # one site per half is assessed for 2568 (every date shifted by a year)

# (URL scheme, ITA page style or "none") per seed; the test half has shapes the dev half never shows
SHAPES: dict[str, tuple[tuple[str, str], ...]] = {
    "dev": (
        ("vendor", "ita_all"), ("wordpress", "table"), ("static", "table"), ("vendor", "none"), ("wordpress", "table"),
        ("static", "none"), ("vendor", "table"), ("wordpress", "none"), ("static", "table"), ("vendor", "ita_all"),
    ),
    "test": (
        ("joomla", "table"), ("datacenter", "list"), ("vendor", "ita_all"), ("wordpress", "none"), ("static", "list"),
        ("joomla", "none"), ("datacenter", "none"), ("wordpress", "table"), ("vendor", "none"), ("datacenter", "table"),
    ),
}  # fmt: skip
TEMPLATES: dict[str, tuple[str, ...]] = {
    "dev": ("bootstrap", "classic", "bootstrap", "classic", "classic", "bootstrap", "classic", "bootstrap",
            "bootstrap", "classic"),
    "test": ("portal", "bootstrap", "classic", "portal", "bootstrap", "classic", "portal", "bootstrap", "portal",
             "classic"),
}  # fmt: skip
assert {s for s, _ in SHAPES["dev"]} <= set(SCHEMES_DEV) and set(TEMPLATES["dev"]) <= set(TEMPLATES_DEV)
assert {i for _, i in SHAPES["dev"]} <= {*ITA_STYLES_DEV, "none"}
assert {s for s, _ in SHAPES["test"]} & set(SCHEMES_TEST_ONLY) and set(TEMPLATES["test"]) & set(TEMPLATES_TEST_ONLY)
assert {i for _, i in SHAPES["test"]} & set(ITA_STYLES_TEST_ONLY)


def hard_cases(index: int) -> frozenset[int]:
    """Two of the six hard cases per site, so that each appears on three or four sites of a half."""
    return frozenset({index % 6 + 1, (index + 3) % 6 + 1})


def generate(seed: int, half: Half) -> dict[str, Any]:
    """The spec of one field site (vendor_sites format, every item labelled)."""
    if half not in ("dev", "test"):
        raise ValueError(f"half is dev or test, not {half!r}")
    index = seed % 10
    scheme, ita = SHAPES[half][index]
    site = Site(
        name=f"field-{half}-{seed:02d}",
        seed=seed,
        half=half,
        year=2568 if YEAR_2568[half] == index else 2567,
        scheme=scheme,
        ita=ita,
        template=TEMPLATES[half][index],
        hard_cases=hard_cases(index),
    )
    plan.build(site)
    spec = render.spec(site)
    docsites.validate(spec)
    return spec


def field_specs(half: Half) -> list[dict[str, Any]]:
    """The ten sites of one half (fixed seeds)."""
    return [generate(seed, half) for seed in SEEDS[half]]


def ita_page(spec: dict[str, Any]) -> str | None:
    """The path of the site's ITA page, or None for a site whose items sit only in ordinary menus."""
    m = re.search(r"ITA page: (\S+)$", spec.get("about", ""))
    return None if m is None or m.group(1) == "none" else m.group(1)
