"""Item reasons as codes with arguments (models.Reason), put into words when a report is rendered.

A stored run keeps its reasons as codes, so it can be shown in Thai or English later (`localise`) and a
dashboard can count them across sites (`Counter(r.code for i in report.items for r in i.reason_codes)`).
"""

from __future__ import annotations

from checker.i18n import LANGS, t
from checker.models import EvidenceOut, ItemResult, LangText, Reason, ReasonArg, SiteReport
from checker.rules.schema import RulePack


def reason(code: str, **args: ReasonArg | None) -> Reason:
    """A Reason; arguments that are None are left out (a message never shows "None" for them)."""
    return Reason(code=code, args={k: v for k, v in args.items() if v is not None})


def render_arg(arg: ReasonArg, lang: str) -> str | int | float:
    if isinstance(arg, Reason):
        return render_reason(arg, lang)
    if isinstance(arg, LangText):
        return arg.get(lang)
    return arg


def render_reason(r: Reason, lang: str) -> str:
    """The reason in `lang` (Thai when the message has no such language)."""
    return t(r.code, lang, **{k: render_arg(v, lang) for k, v in r.args.items()})


def render_why(why: ReasonArg | None, lang: str) -> str | int | float | None:
    """A value that is a Reason, a plain technical text, or nothing, as words in `lang`."""
    return None if why is None else render_arg(why, lang)


def localise(report: SiteReport, lang: str, pack: RulePack | None = None) -> SiteReport:
    """The report with every item's reasons put into words in `lang` from its reason codes; element labels too
    when `pack` (the pack the report was made with) is given, and evidence found as the home page. Items stored
    without codes keep their text. (Item titles are the Thai titles in either language; evidence snippets keep
    the words they were read with.)"""
    items = [_localise_item(item, lang, pack) for item in report.items]
    return report.model_copy(update={"items": items})


def _localise_item(item: ItemResult, lang: str, pack: RulePack | None) -> ItemResult:
    update: dict[str, object] = {}
    if item.reason_codes:
        update["reasons"] = [render_reason(r, lang) for r in item.reason_codes]
    evidence = [_home_via(e, lang) for e in item.evidence]
    if evidence != item.evidence:
        update["evidence"] = evidence
    labels = _labels(pack, item.id)
    if labels:
        update["elements"] = [
            e.model_copy(update={"label": labels[e.id].get(lang)}) if e.id in labels else e for e in item.elements
        ]
    return item.model_copy(update=update) if update else item


def _home_via(evidence: EvidenceOut, lang: str) -> EvidenceOut:
    """Evidence found as the home page says so in the report's language ("… — หน้าแรก", "… — home page")."""
    for other in LANGS:
        suffix = " — " + t("home_page", other)
        if other != lang and evidence.found_via.endswith(suffix):
            via = evidence.found_via.removesuffix(suffix) + " — " + t("home_page", lang)
            return evidence.model_copy(update={"found_via": via})
    return evidence


def _labels(pack: RulePack | None, item_id: str) -> dict[str, LangText]:
    if pack is None:
        return {}
    try:
        item = pack.item(item_id)
    except KeyError:
        return {}
    return {e.id: LangText(th=e.label.th, en=e.label.en) for e in item.elements}
