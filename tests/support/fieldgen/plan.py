"""Which condition each item is in on a site: about 60–65 % complete, the rest spread over incomplete, outdated,
missing, unreachable and review, with the known hard cases placed on several sites of each half.

Hard cases (numbered as in the brief):
  1 executives without photos beside Facebook/LINE links (O2 incomplete), an ITAS/EIT link on the site;
  2 an item whose only evidence is a Google Drive link in a two-line post (review);
  3 an explicit year in the title outranks the upload folder / file-name prefix (one stale, one current);
  4 real wording (results in per cent, monthly statistics, chart by caption, the NACC O42 template);
  5 the PDPA policy linked from the ITA page, a menu or the footer, not from the home page;
  6 an item linked only from an ordinary page by words that do not name it; the document's heading does.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.support.fieldgen import items_admin, items_anti, items_basic, items_integrity, items_proc
from tests.support.fieldgen.common import Cond
from tests.support.fieldgen.site import Site

P, INC, OLD, M, U, R = "pass", "incomplete", "outdated", "missing", "unreachable", "review"
WEIGHTS = {P: 0.50, INC: 0.13, OLD: 0.14, M: 0.09, U: 0.07, R: 0.06}
Builder = Callable[[Site, Cond], None]

# item -> (builder, conditions an assessor can tell apart on it, a scanned copy is realistic)
ITEMS: dict[str, tuple[Builder, tuple[str, ...], bool]] = {
    "O1": (items_basic.o1, (P, INC, M, U, R), False),
    "O2": (items_basic.o2, (P, INC), False),
    "O3": (items_basic.o3, (P, M, U), False),
    "O4": (items_basic.o4, (P, OLD, M, U, R), False),
    "O5": (items_basic.o5, (P, INC), False),
    "O6": (items_basic.o6, (P, M, U), False),
    "O7": (items_basic.o7, (P,), False),
    "O8": (items_basic.o8, (P, M), False),
    "O9": (items_basic.o9, (P,), False),
    "O10": (items_basic.o10, (P, OLD, M, U), True),
    "O11": (items_admin.o11, (P, INC, OLD, M, U, R), False),
    "O12": (items_admin.o12, (P, INC, OLD, M, U, R), False),
    "O13": (items_admin.o13, (P, INC, OLD, M, U, R), False),
    "O14": (items_admin.o14, (P, INC, M, U, R), False),
    "O15": (items_admin.o15, (P, INC, M, U, R), False),
    "O16": (items_admin.o16, (P, OLD, M, U, R), False),
    "O17": (items_admin.o17, (P, OLD, M, U, R), False),
    "O18": (items_admin.o18, (P, M), False),
    "O19": (items_proc.o19, (P, OLD, M, U, R), True),
    "O20": (items_proc.o20, (P, OLD, M, U), False),
    "O21": (items_proc.o21, (P, INC, OLD, M, U, R), False),
    "O22": (items_proc.o22, (P, INC, OLD, M, U, R), False),
    "O23": (items_proc.o23, (P, OLD, M, U, R), False),
    "O24": (items_proc.o24, (P, INC, OLD, M, U, R), False),
    "O25": (items_proc.o25, (P, INC, OLD, M, U, R), False),
    "O26": (items_proc.o26, (P, INC, OLD, M, U, R), False),
    "O27": (items_anti.o27, (P, INC, M, U, R), False),
    "O28": (items_anti.o28, (P, M), False),
    "O29": (items_anti.o29, (P, INC, OLD, M, U), True),
    "O30": (items_anti.o30, (P, OLD, M, U), False),
    "O31": (items_anti.o31, (P, INC, OLD, M, U, R), True),
    "O32": (items_anti.o32, (P, OLD, M, U), False),
    "O33": (items_anti.o33, (P, OLD, M, U, R), True),
    "O34": (items_anti.o34, (P, INC, OLD, M, U, R), False),
    "O35": (items_anti.o35, (P, OLD, M, U), False),
    "O36": (items_integrity.o36, (P, INC, OLD, M, U, R), False),
    "O37": (items_integrity.o37, (P, INC, OLD, M, U, R), False),
    "O38": (items_integrity.o38, (P, INC, OLD, M, U, R), False),
    "O39": (items_integrity.o39, (P, M, U, R), False),
    "O40": (items_integrity.o40, (P, INC, OLD, M, U, R), False),
    "O41": (items_integrity.o41, (P, OLD, M, U, R), True),
    "O42": (items_integrity.o42, (P, INC, OLD, M, U, R), False),
    "O43": (items_integrity.o43, (P, INC, OLD, M, U, R), False),
}
DRIVE_POST = ("O4", "O13", "O15", "O17", "O23", "O24", "O39", "O41")  # hard case 2 candidates
STALE_TRICK = ("O11", "O12", "O13", "O17", "O19", "O22", "O23", "O25", "O34")  # hard case 3 candidates
OFF_ROW = ("O42", "O36", "O34", "O13", "O22", "O38", "O27")  # hard case 6 candidates
VARIANTS = {"O2": ("nophoto", "nocontact"), "O5": ("fax", "email", "map"), "O11": ("nobudget", "noschedule")}


def _draw(site: Site, allowed: tuple[str, ...]) -> str:
    weights = [WEIGHTS[c] for c in allowed]
    return site.rng.choices(allowed, weights=weights)[0]


def conditions(site: Site) -> dict[str, Cond]:
    """A condition for every item of the site (hard cases first, the rest drawn)."""
    rng, hc = site.rng, site.hard_cases
    forced: dict[str, Cond] = {}
    if 1 in hc:
        site.social = True
        forced["O2"] = Cond(INC, variant="nophoto")
        forced["O43"] = Cond(rng.choice((P, P, OLD)))
    if 2 in hc:
        for item in rng.sample(DRIVE_POST, rng.randint(1, 2)):
            forced[item] = Cond(R, post=True)
    if 3 in hc:
        stale, fresh = rng.sample([i for i in STALE_TRICK if i not in forced], 2)
        forced[stale] = Cond(OLD, trick=True)
        forced[fresh] = Cond(P, trick=True)
    if 4 in hc:
        forced.setdefault("O13", Cond(P))
        forced.setdefault("O16", Cond(P))
        forced.setdefault("O42", Cond(P))
        forced.setdefault("O1", Cond(P, variant=rng.choice(("image", "pdf"))))
    if 5 in hc:
        forced["O10"] = Cond(P, variant=rng.choice(("page", "doc")))
    if 6 in hc:
        item = next(i for k in range(len(OFF_ROW)) if (i := OFF_ROW[(site.seed // 3 + k) % len(OFF_ROW)]) not in forced)
        forced[item] = Cond(P, offrow=True)
    if not site.social:
        forced.setdefault("O9", Cond(M))
    budget = 2 if rng.random() < 0.6 else 0  # scans (OCR is slow): none on about 40 % of the sites
    budget -= sum(1 for c in forced.values() if c.variant == "image")
    out: dict[str, Cond] = {}
    for item, (_, allowed, scannable) in ITEMS.items():
        if item in forced:
            out[item] = forced[item]
            continue
        kind = _draw(site, allowed)
        variant = rng.choice(VARIANTS[item]) if kind == INC and item in VARIANTS else ""
        if item == "O10" and kind in (P, OLD):
            variant = rng.choice(("page", "doc"))
        scan = kind == P and scannable and budget > 0 and rng.random() < 0.35
        if item == "O1" and kind == P:
            roll = rng.random()
            variant = "pdf" if budget <= 0 or roll < 0.5 else "image" if roll < 0.75 else "html"
            budget -= 1 if variant in ("image", "html") else 0
        budget -= 1 if scan else 0
        out[item] = Cond(kind, scan=scan, variant=variant)
    if out["O18"].kind == M and "O28" not in forced:
        out["O28"] = Cond(M)  # no online form of any kind: the corruption-complaint form is not an e-service
    return out


def build(site: Site) -> None:
    """Decide every item's condition and let its builder put it on the site."""
    site.social = site.rng.random() > 0.1 or 1 in site.hard_cases
    conds = conditions(site)
    for item, cond in conds.items():
        ITEMS[item][0](site, cond)
