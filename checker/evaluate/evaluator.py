"""The evaluate stage: rule pack + site content -> one ItemResult per item. Pure and synchronous.

Verdict order (spec and design.md): nothing found -> missing; found but every link fails -> unreachable;
older than required -> outdated; a required element surely absent -> incomplete; anything a machine could
not read -> review; else pass. A wrong pass is the worst outcome, so "unknown" never becomes "found".
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from checker.evaluate.evidence import SiteContent, gather, may_be_evidence
from checker.evaluate.naming import Naming, NamingMemo, build_index
from checker.evaluate.order import order_reasons
from checker.evaluate.recognise import ItemMatcher
from checker.evaluate.timing import Dated, PeriodVerdict, coverage_dates, judge, unit_dates, within_window
from checker.i18n import t
from checker.models import (
    ElementOut,
    ElementStatus,
    EvidenceOut,
    EvidenceUnit,
    ItemResult,
    ItemStatus,
    LangText,
    Reason,
    ResourceKind,
)
from checker.reasons import reason, render_reason
from checker.rules import checks
from checker.rules.schema import Element, Item, PeriodCode, RulePack, Text

MAX_EVIDENCE = 5
# Unopened links weighed per item, in site order: a news list of 20,000 links naming one item says no more
# than its first few hundred, and judging every one made evaluation grow with the links of a page.
MAX_UNOPENED = 300
MAX_REASONS = 8


@dataclass(frozen=True)
class _ElementVerdict:
    element: Element
    status: str  # found | not_found | unknown
    unit: EvidenceUnit | None = None
    snippet: str = ""
    page: int | None = None  # page (or sheet) of a document where it was found


def find_index_pages(
    pack: RulePack, site: SiteContent, min_items: int = 3, memo: NamingMemo | None = None
) -> frozenset[str]:
    """Pages whose rows or links name several items: an ITA page is a table of contents, not evidence."""
    memo = memo or NamingMemo([ItemMatcher(i) for i in pack.items])
    out: set[str] = set()
    for url in site.documents:
        doc = site.live_page(url)
        if doc is None:
            continue
        named: set[str] = set()
        for link in doc.links:
            if link.chrome:
                continue  # the site's menu names many items on every page; that makes no page an index
            # by number, by the anchor's words, or by the row of a "เปิด" / "ดาวน์โหลดเอกสาร" link (memoised)
            named.update(item_id for item_id, _ in memo.link(link))
            if len(named) >= min_items:
                out.add(url)
                break
    return frozenset(out)


def evaluate_item(
    item: Item,
    site: SiteContent,
    year: int,
    lang: str = "th",
    others: Sequence[ItemMatcher] = (),
    index: dict[str, list[Naming]] | None = None,
    memo: NamingMemo | None = None,
    periods: Mapping[PeriodCode, Text] | None = None,
) -> ItemResult:
    """One item's verdict; `periods` is the pack's wording of what each period kind needs."""
    units = gather(ItemMatcher(item), site, lang, others, index, memo)
    live = [u for u in units if u.state == "ok"]
    pending = [u for u in units if u.state == "not_fetched" and (not live or may_be_evidence(u))][:MAX_UNOPENED]
    # Unopened links that are not the item's evidence (a Facebook icon in the row) still show a link element.
    # (By identity: units compare field by field, and a home page can carry 20,000 unopened links.)
    chosen = {id(u) for u in pending}
    linked = [u for u in units if u.state == "not_fetched" and id(u) not in chosen][:MAX_UNOPENED]
    failed = [u for u in units if u.state == "failed"]
    if not live:
        return _without_live_evidence(item, units, site, lang)

    considered = live + pending
    verdicts = [
        _judge_on_site(e, site, considered, linked) if e.scope == "site" else _judge_element(e, considered, linked)
        for e in item.elements
    ]
    home = site.home_view()
    home_only = all(u.url in home and u.strength == 1 for u in live) and not pending
    if home_only and not any(v.status == "found" for v in verdicts):
        # The home page shows none of it: judged on the rest, so a named link that fails is unreachable.
        return _without_live_evidence(item, [u for u in units if u.state != "ok"], site, lang)

    # The home page's own years say nothing about an item's documents.
    dated = [u for u in considered if not (u.url in home and u.strength == 1)]
    per_unit: list[tuple[EvidenceUnit, list[Dated]]] = []  # a page and its sections share a URL: keep both
    weak: list[tuple[EvidenceUnit, list[Dated], str]] = []
    for u in dated:
        dates, note = unit_dates(u, item.period_from == "anywhere", year)
        if note is None:
            per_unit.append((u, dates))
        elif dates:
            weak.append((u, dates, note))
    weak_notes: list[Reason] = []
    if not any(dates for _, dates in per_unit) and item.period not in ("none", "covers_fy"):
        # Only when nothing says a year, and only to confirm the window, never to pass newer-or-older files.
        for u, dates, note in weak:
            what, _, value = note.partition(":")
            weak_notes.append(reason("weak_period", url=u.url, what=reason(f"weak_{what}"), value=value))
            if within_window(item.period, year, dates):
                per_unit.append((u, dates))
    months = [d for u, _ in per_unit for d in coverage_dates(u)] if item.period == "first_half" else None
    wording = periods.get(item.period) if periods is not None else None
    period = judge(item.period, year, [s for _, spans in per_unit for s in spans], wording, months)
    labels: dict[str, str | None] = {}
    for u, spans in per_unit:
        if spans and u.url not in labels and item.period != "none":
            labels[u.url] = judge(item.period, year, spans, wording).label

    statuses = {v.status for v in verdicts}
    status: ItemStatus
    if period.state == "outdated":
        status = "outdated"
    elif "not_found" in statuses or period.state == "partial":
        status = "incomplete"
    elif "unknown" in statuses or period.state == "unknown":
        status = "review"
    else:
        status = "pass"
    elements = [
        ElementOut(id=v.element.id, label=v.element.label.get(lang), status=v.status)  # type: ignore[arg-type]
        for v in verdicts
    ]
    reasons = _reasons(verdicts, period, considered, failed) + weak_notes + _cut_notes(considered)
    evidence = _evidence(considered + _shown(verdicts, considered), verdicts, labels, lang)
    return _result(item, status, reasons, elements, lang, evidence)


def _result(
    item: Item,
    status: ItemStatus,
    reasons: list[Reason],
    elements: list[ElementOut],
    lang: str,
    evidence: list[EvidenceOut] | None = None,
) -> ItemResult:
    codes = order_reasons(reasons)[:MAX_REASONS]  # the most useful first, before any is cut
    return ItemResult(
        id=item.id,
        title=item.title.th,
        indicator=item.indicator,
        status=status,
        evidence=evidence or [],
        elements=elements,
        reasons=[render_reason(r, lang) for r in codes],
        reason_codes=codes,
    )


def _without_live_evidence(item: Item, units: list[EvidenceUnit], site: SiteContent, lang: str) -> ItemResult:
    """Nothing readable was reached: links that fail, links not followed, empty placeholders, or nothing."""
    failed = [u for u in units if u.state == "failed"]
    pending = [u for u in units if u.state == "not_fetched"]
    if failed:
        why = [reason("unreachable", url=u.url, why=_why(u), via=u.found_via) for u in failed]
        evidence = [_out(u, None) for u in failed[:MAX_EVIDENCE]]
        return _result(item, "unreachable", why, _elements(item, lang, "unknown"), lang, evidence)
    if pending:
        why = [reason("not_fetched", url=u.url, why=_why(u)) for u in pending]
        evidence = [_out(u, None) for u in pending[:MAX_EVIDENCE]]
        return _result(item, "review", why, _elements(item, lang, "unknown"), lang, evidence)
    why = [reason("placeholder", where=u.found_via) for u in units if u.state == "placeholder"]
    if site.unrendered:
        # Pages that only a browser can show were not read: the item may be on them. Never a guess.
        why.append(reason("not_rendered", n=len(site.unrendered), first=site.unrendered[0]))
        return _result(item, "review", why, _elements(item, lang, "unknown"), lang)
    cut = next(((u, r.cut) for u in site.home_view() if (r := site.resources.get(u)) is not None and r.cut), None)
    if cut is not None:
        # Only the start of the home page was read: its menu may name the item further down.
        why.append(reason("evidence_cut", url=cut[0], why=reason(f"cut_{cut[1]}")))
        return _result(item, "review", why, _elements(item, lang, "unknown"), lang)
    # The title as the report shows it (ItemResult.title is the Thai title in either language).
    missing = reason("missing", title=item.title.th, item=item.id)
    return _result(item, "missing", [missing, *why], _elements(item, lang, "not_found"), lang)


def _why(u: EvidenceUnit) -> Reason | str:
    """Why a link failed or was not opened; "None" as today when nothing says (never expected)."""
    return u.failure if u.failure is not None else "None"


def _reasons(
    verdicts: list[_ElementVerdict],
    period: PeriodVerdict,
    considered: list[EvidenceUnit],
    failed: list[EvidenceUnit],
) -> list[Reason]:
    """The period, elements surely absent, what could not be confirmed and why, and notes (shown in the order of
    checker/evaluate/order.py: the file that could not be read before the elements it left unconfirmed)."""
    reasons: list[Reason] = []
    if period.state in ("outdated", "partial") and period.reason:
        reasons.append(period.reason)
    for v in verdicts:
        if v.status == "not_found":
            reasons.append(_element_missing(v.element))
    unknown = [v for v in verdicts if v.status == "unknown"]
    reasons += [reason("element_unknown", label=_text(v.element.label), element=v.element.id) for v in unknown]
    if period.state == "unknown" and period.reason:
        reasons.append(period.reason)
    if unknown or period.state == "unknown":
        for u in {u.url: u for u in considered if not u.readable}.values():
            if u.state == "not_fetched":
                reasons.append(reason("not_fetched", url=u.url, why=_why(u)))
            elif u.why_unreadable:
                reasons.append(reason("unreadable", url=u.url, why=u.why_unreadable))
    reasons += [reason("broken_extra", url=u.url, why=_why(u)) for u in failed]
    return reasons


def _text(text: Text) -> LangText:
    return LangText(th=text.th, en=text.en)


def _element_missing(element: Element) -> Reason:
    """The pack's own words for a missing element when it has them, else "ไม่พบ<label>"."""
    if element.missing is not None:
        return reason("element_missing_as", missing=_text(element.missing), element=element.id)
    return reason("element_missing", label=_text(element.label), element=element.id)


def _cut_notes(units: list[EvidenceUnit]) -> list[Reason]:
    """Evidence read only in part (a page past the size cap, a body still arriving when time ran out)."""
    cut = {u.url: u.cut for u in units if u.cut}
    return [reason("evidence_cut", url=url, why=reason(f"cut_{why}")) for url, why in cut.items()]


def _shown(verdicts: list[_ElementVerdict], considered: list[EvidenceUnit]) -> list[EvidenceUnit]:
    """Places outside the item's evidence that showed an element (an unopened EIT survey link, the page with
    the EIT banner): cited with the evidence."""
    return [v.unit for v in verdicts if v.unit is not None and not any(v.unit is u for u in considered)]


def site_pages(site: SiteContent) -> Iterator[EvidenceUnit]:
    """Every readable page of the site as its links and pictures (alt text and file name as its text), home
    page first: where an element that is a link or a QR code on the site is looked for. A link or picture is
    shown once, on the first page that has it: menus, footers and banners repeat on every page."""
    home = site.home_view()
    seen_links: set[tuple[str, str]] = set()
    seen_pictures: set[tuple[str, str]] = set()
    for url in (*home, *(u for u in site.documents if u not in home)):
        doc = site.live_page(url)
        if doc is None:
            continue
        links = tuple(lk for lk in doc.links if (lk.url, lk.text) not in seen_links)
        images = tuple(im for im in doc.images if (im.src, im.alt) not in seen_pictures)
        if not links and not images:
            continue
        seen_links.update((lk.url, lk.text) for lk in links)
        seen_pictures.update((im.src, im.alt) for im in images)
        pictures = " ".join(f"{im.alt} {im.src.rsplit('/', 1)[-1]}" for im in images)
        yield EvidenceUnit(
            url=url, found_via=url, state="ok", kind=ResourceKind.HTML, readable=True, text=pictures,
            links=links, images=images,
        )  # fmt: skip


def _judge_on_site(
    element: Element, site: SiteContent, units: list[EvidenceUnit], linked: Sequence[EvidenceUnit]
) -> _ElementVerdict:
    """An element that is a link or a QR code on the site: in the item's evidence, else on any page."""
    verdict = _judge_element(element, units, linked)
    if verdict.status == "found":
        return verdict
    for u in site_pages(site):
        out = checks.run(element.spec, u)
        if isinstance(out, checks.Hit):
            return _ElementVerdict(element, "found", u, out.snippet)
    return _ElementVerdict(element, "unknown" if site.unrendered else "not_found")


def _judge_element(element: Element, units: list[EvidenceUnit], linked: Sequence[EvidenceUnit] = ()) -> _ElementVerdict:
    """Found on the strongest unit that shows it; unknown when some unit that may hold it could not be read.
    `linked` units (unopened links that are not the item's evidence) can show a link, never leave it open."""
    unknown = False
    for u in sorted(units, key=lambda x: -x.strength):
        out = checks.run(element.spec, u)  # an unopened link still answers a link check with its URL
        if isinstance(out, checks.Hit):
            page = u.page_of(out.pos) if out.pos is not None else None
            return _ElementVerdict(element, "found", u, out.snippet, page)
        # Not in the part that was read of a body cut short: it may be in the rest.
        unknown = unknown or out is None or (out is False and u.cut is not None)
    for u in linked:
        out = checks.run(element.spec, u)
        if isinstance(out, checks.Hit):
            return _ElementVerdict(element, "found", u, out.snippet)
    return _ElementVerdict(element, "unknown" if unknown else "not_found")


def _evidence(
    units: list[EvidenceUnit], verdicts: list[_ElementVerdict], periods: dict[str, str | None], lang: str
) -> list[EvidenceOut]:
    snippets: defaultdict[str, list[str]] = defaultdict(list)
    for v in verdicts:
        if v.unit is not None and v.snippet:
            where = t("page", lang, n=v.page) + ": " if v.page else ""
            snippets[v.unit.url].append(where + v.snippet)
    ranked = sorted(units, key=lambda u: (-len(snippets[u.url]), -u.strength, u.kind is not ResourceKind.HTML))
    out: list[EvidenceOut] = []
    seen: set[str] = set()
    for u in ranked:
        if u.url in seen or len(out) >= MAX_EVIDENCE:
            continue  # a page and its sections are one piece of evidence to a reader
        seen.add(u.url)
        snippet = " … ".join(dict.fromkeys(snippets[u.url]))[:300]
        out.append(_out(u, periods.get(u.url), snippet or (u.text[:160] if u.readable else "")))
    return out


def _out(u: EvidenceUnit, period: str | None, snippet: str = "") -> EvidenceOut:
    return EvidenceOut(url=u.url, found_via=u.found_via, period=period, snippet=snippet)


def _elements(item: Item, lang: str, status: ElementStatus) -> list[ElementOut]:
    return [ElementOut(id=e.id, label=e.label.get(lang), status=status) for e in item.elements]


def evaluate(
    pack: RulePack,
    site: SiteContent,
    year: int | None = None,
    lang: str = "th",
    memo: NamingMemo | None = None,
    deadline: float | None = None,
) -> list[ItemResult]:
    """Judge every item of the pack; `year` (Buddhist era) defaults to the pack's fiscal year. `memo` (made
    for this pack's items) may be kept by a caller that judges a growing crawl again and again. Items not
    reached by `deadline` (time.monotonic) are review, saying the time ran out: never a guess."""
    year = year or pack.fiscal_year
    memo = memo or NamingMemo([ItemMatcher(i) for i in pack.items])
    if not site.index_pages:
        site = replace(site, index_pages=find_index_pages(pack, site, memo=memo))
    index = build_index(site, memo)
    out: list[ItemResult] = []
    for item in pack.items:
        if deadline is not None and time.monotonic() > deadline:
            out.append(_result(item, "review", [reason("eval_time")], _elements(item, lang, "unknown"), lang))
        else:
            out.append(evaluate_item(item, site, year, lang, memo.matchers, index, memo, pack.periods))
    return out
