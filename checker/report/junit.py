"""JUnit XML, for the test tab of a CI server (GitLab, Jenkins, Azure DevOps …): a site check read as tests.

One <testsuite> per sub-indicator (9.1 … 10.2), one <testcase> per item. The mapping of statuses:

- pass: a passing test case.
- incomplete, outdated, missing, unreachable: <failure type="<status>" message="<first reason>">, with every
  reason, the evidence and the elements not found in its body. These are the findings a clerk must fix.
- review: <skipped>. The tool could not decide (a scan without OCR, a page that needs a browser …) and a
  person must look. Counting it as a failure would fail a pipeline over the tool's own limits; counting it
  as a pass would hide it. Skipped is the one JUnit state that says "not decided", and CI tabs list it.
- a waived finding (any non-pass status with a waiver): <skipped> with the waiver's reason and expiry; the
  finding was accepted until then and must not fail the run.

Everything is text from the crawled site, so control characters that XML 1.0 forbids are dropped; the rest
is escaped by ElementTree. The document is UTF-8 (Thai stays readable).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any

from checker.i18n import t
from checker.models import ItemResult, SiteReport
from checker.report.html import by_indicator

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"\s+")


def clean(value: str) -> str:
    """Text XML 1.0 can carry: control characters (and stray surrogates) dropped."""
    return _NOT_XML.sub("", value)


def _line(value: str) -> str:
    """A `message` attribute is read as one line in CI tabs."""
    return _SPACES.sub(" ", clean(value)).strip()


def _timestamp(iso: str) -> str:
    """JUnit's timestamp has no time zone: UTC, to the second."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return clean(iso)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def _seconds(report: SiteReport) -> float:
    try:
        return max(0.0, (datetime.fromisoformat(report.finished_at) - datetime.fromisoformat(report.started_at))
                   .total_seconds())  # fmt: skip
    except (TypeError, ValueError):
        return 0.0


def _details(item: ItemResult, lang: str) -> str:
    """The body of a failure or skip: everything the item's card in the HTML report says, as plain text."""
    lines = [f"{item.id} {item.title} [{t('status_' + item.status, lang)}]"]
    if item.reasons:
        lines += ["", t("col_reason", lang) + ":", *(f"- {r}" for r in item.reasons)]
    if item.evidence:
        lines += ["", t("col_evidence", lang) + ":"]
        for ev in item.evidence:
            lines.append(f"- {ev.url}" + (f" ({t('period', lang, period=ev.period)})" if ev.period else ""))
            lines.append(f"  {t('found_via', lang, via=ev.found_via)}")
            if ev.snippet:
                lines.append("  “" + _line(ev.snippet) + "”")
    for state in ("not_found", "unknown"):
        labels = [e.label for e in item.elements if e.status == state]
        if labels:
            lines += ["", f"{t('elements_' + state, lang)}: " + ", ".join(labels)]
    if item.waiver is not None:
        lines += ["", t("waiver", lang, expires=item.waiver.expires, reason=item.waiver.reason)]
    return clean("\n".join(lines)) + "\n"


def _case(suite: ET.Element, item: ItemResult, classname: str, lang: str) -> str:
    """Adds the item's <testcase>; returns what it counted as: pass, failure or skipped."""
    case = ET.SubElement(suite, "testcase", classname=classname, name=_line(f"{item.id} {item.title}"), time="0")
    first = item.reasons[0] if item.reasons else t("status_" + item.status, lang)
    if item.status == "pass":
        return "pass"
    if item.waiver is not None:
        waiver = t("waiver", lang, expires=item.waiver.expires, reason=item.waiver.reason)
        ET.SubElement(case, "skipped", message=_line(waiver)).text = _details(item, lang)
        return "skipped"
    if item.status == "review":
        ET.SubElement(case, "skipped", message=_line(t("review_skip", lang, reason=first))).text = _details(item, lang)
        return "skipped"
    ET.SubElement(case, "failure", message=_line(first), type=item.status).text = _details(item, lang)
    return "failure"


def render_junit(report: SiteReport, lang: str = "th", indicators: dict[str, str] | None = None, **_: Any) -> str:
    indicators = indicators or {}
    stamp = _timestamp(report.started_at)
    root = ET.Element("testsuites")
    root.set(
        "name", _line(f"{report.tool.name} {report.tool.version}: OIT {report.ruleset.fiscal_year} {report.site.url}")
    )
    totals = {"tests": 0, "failure": 0, "skipped": 0}
    properties = {
        "site": report.site.url,
        "site_name": report.site.name or "",
        "fiscal_year": str(report.ruleset.fiscal_year),
        "ruleset": report.ruleset.id,
        "score": f"{report.score.passed}/{report.score.total}",
    }
    for code, items in by_indicator(report.items).items():
        suite = ET.SubElement(root, "testsuite", name=_line(f"{code} {indicators.get(code, '')}"))
        props = ET.SubElement(suite, "properties")
        for key, value in properties.items():
            ET.SubElement(props, "property", name=key, value=_line(value))
        classname = "oit." + code.replace(".", "_")
        outcomes = [_case(suite, item, classname, lang) for item in items]
        counts = {"tests": len(outcomes), "failure": outcomes.count("failure"), "skipped": outcomes.count("skipped")}
        suite.attrib.update(
            tests=str(counts["tests"]), failures=str(counts["failure"]), errors="0",
            skipped=str(counts["skipped"]), time="0", timestamp=stamp,
        )  # fmt: skip
        for key in totals:
            totals[key] += counts[key]
    root.attrib.update(
        tests=str(totals["tests"]), failures=str(totals["failure"]), errors="0", skipped=str(totals["skipped"]),
        time=f"{_seconds(report):.1f}", timestamp=stamp,
    )  # fmt: skip
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
