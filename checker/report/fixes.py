"""What to fix first: each failing item as one concrete action, what it is worth and how hard it is.

A clerk with an afternoon wants the broken link and the missing fax number before the missing annual report,
and wants to know what each fix adds to the score. So each item that does not pass becomes a `Fix`:
- effort 1 (quick): a link that does not open, one element missing from a page that is there;
- effort 2 (update): an outdated document to replace, several elements to add;
- effort 3 (produce): a disclosure the site does not have at all;
- points: what the OIT estimate gains if that item alone passed (checker/rules/scoring.py).
Fixes are ordered quick first, then by points, then by item. Items under review are not fixes: they are what
a person must look at (`to_check`), with the points at stake. Waived items are left out: someone decided.

Everything is read from the report (statuses, elements, evidence and reason codes), so a stored run gives
the same list; nothing here fetches or re-judges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.models import ItemResult, ItemStatus, Reason, SiteReport
from checker.reasons import render_arg
from checker.report.fixwords import fw, join_words
from checker.report.urls import short_url
from checker.rules.scoring import Estimate, Scoring, estimate, gain


@dataclass(frozen=True)
class Fix:
    item: str
    title: str
    indicator: str
    status: ItemStatus
    effort: int  # 1 quick, 2 update a document, 3 produce a document; 0 for an item to check by hand
    points: float  # OIT estimate points gained when this item passes
    action: str  # what to do, in the report's language
    where: str  # the page or file to act on (a URL), "" when the item has nothing on the site yet


@dataclass(frozen=True)
class FixPlan:
    estimate: Estimate
    fixes: tuple[Fix, ...]
    to_check: tuple[Fix, ...]
    reachable: float  # the estimate once every fix is made (items to check by hand not counted)


def plan(report: SiteReport, scoring: Scoring, lang: str = "th", titles: dict[str, str] | None = None) -> FixPlan:
    """The fix-first plan of a report. `titles`: item id -> title in `lang` (a stored report keeps Thai
    titles; the pack gives the English ones)."""
    base = estimate(report.items, scoring)
    titles = titles or {}
    fixes: list[Fix] = []
    checks: list[Fix] = []
    for item in report.items:
        if item.status == "pass" or item.waiver is not None:
            continue
        title = titles.get(item.id, item.title)
        points = gain(report.items, scoring, item.id, base)
        if item.status == "review":
            action = _review(item, lang, short_url(_page(item), report.site.url))
            checks.append(Fix(item.id, title, item.indicator, item.status, 0, points, action, _page(item)))
            continue
        effort, action, where = _action(item, title, lang, lambda url: short_url(url, report.site.url))
        fixes.append(Fix(item.id, title, item.indicator, item.status, effort, points, action, where))
    order = {item.id: i for i, item in enumerate(report.items)}  # the pack's order breaks ties
    fixes.sort(key=lambda f: (f.effort, -f.points, order[f.item]))
    checks.sort(key=lambda f: (-f.points, order[f.item]))
    reachable = estimate(report.items, scoring, frozenset(f.item for f in fixes)).score
    return FixPlan(base, tuple(fixes), tuple(checks), reachable)


def _action(item: ItemResult, title: str, lang: str, short: Callable[[str], str]) -> tuple[int, str, str]:
    """(effort, action, where) of a failing item; URLs on the site are shown by their path (`short`)."""
    codes = {r.code: r for r in item.reason_codes}
    if item.status == "unreachable":
        if "unreachable" in codes:
            args = codes["unreachable"].args
            url, via, why = str(args.get("url", "")), args.get("via"), args.get("why")
        else:  # a run stored before reasons had codes: its evidence is the link that failed
            url = _page(item)
            via, why = (item.evidence[0].found_via if item.evidence else None), None
        page = _via_page(via)
        key, extra = ("fix_link", {"why": render_arg(why, lang)}) if why is not None else ("fix_link_plain", {})
        return 1, fw(key, lang, file=short(url) or "—", page=short(page) if page else "—", **extra), url
    page = _page(item)
    shown = short(page) if page else "—"
    if item.status == "incomplete":
        labels = [e.label for e in item.elements if e.status == "not_found"]
        effort = 1 if len(labels) <= 1 else 2
        return effort, fw("fix_elements", lang, labels=join_words(labels, lang), page=shown), page
    if item.status == "outdated":
        return 2, _outdated(codes, title, lang, shown), page
    if "placeholder" in codes:
        where = _via_page(codes["placeholder"].args.get("where"))
        return 3, fw("fix_placeholder", lang, title=title, page=short(where) if where else "—"), where
    return 3, fw("fix_missing", lang, title=title), ""


def _outdated(codes: dict[str, Reason], title: str, lang: str, page: str) -> str:
    """Publish the current one: the period the pack needs, or for a multi-year plan the year it must cover."""
    unknown = fw("found_year_unknown", lang)
    if "outdated_span" in codes:
        args = codes["outdated_span"].args
        found = str(args.get("found", "")) or unknown
        return fw("fix_span", lang, title=title, year=args.get("year", ""), found=found, page=page)
    r = codes.get("outdated")
    if r is None or "need" not in r.args:  # stored without codes: say what to do without the years
        return fw("fix_period_plain", lang, title=title, page=page)
    found = str(r.args.get("found", "")) or unknown
    return fw("fix_period", lang, title=title, need=render_arg(r.args["need"], lang), found=found, page=page)


def _review(item: ItemResult, lang: str, page: str) -> str:
    labels = [e.label for e in item.elements if e.status != "found"]
    if page and labels:
        return fw("fix_review", lang, page=page, labels=join_words(labels, lang))
    return fw("fix_review_generic", lang, why=item.reasons[0] if item.reasons else "")


def _page(item: ItemResult) -> str:
    return item.evidence[0].url if item.evidence else ""


def _via_page(via: object) -> str:
    """The page of a "found via" text ("http://…/ita.html — “O22 …”"): where the link to fix is."""
    text = str(via or "")
    return text.split(" — ", 1)[0].strip()
