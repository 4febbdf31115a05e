"""What the page shows, as plain data: the group's totals and lists (rendered into the HTML, so they print and
read without JavaScript) and the compact per-site rows the page's script sorts, filters and draws.

A site row is an array, not an object, so 8,000 sites stay a few megabytes:
[name, url, province, district, type, percent|null, counts, cells, href|null, trend, down, shown, latest]
where `cells` has one letter per item (STATUS_CODES; "-" when the report has no such item), `trend` is
[date, percent, date, percent, …] oldest first, and every date (`shown`, `latest`, the trend's) is an index
into one shared list of dates as words: monthly batches share a few dozen dates among thousands of runs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from checker.dashboard.entries import SiteEntry
from checker.i18n import t
from checker.models import ITEM_STATUSES
from checker.report.html import THAI_TIME, web_url
from checker.rules.schema import RulePack

# The report's marks, but one that every Thai office PC's fonts draw: ⌛ is missing from many, so ◷ (a clock face).
MARKS = {"pass": "✔", "incomplete": "◐", "outdated": "◷", "missing": "✘", "unreachable": "⚠", "review": "?"}
STATUS_CODES = {"pass": "p", "incomplete": "i", "outdated": "o", "missing": "m", "unreachable": "u", "review": "r"}
_ITEM_NUMBER = re.compile(r"(\d+)")


@dataclass(frozen=True)
class ItemInfo:
    id: str
    title: str
    indicator: str


@dataclass
class Summary:
    """The group at a glance: totals, the items and elements most often failing, the average over months."""

    sites: int = 0
    checked: int = 0  # the newest run checked the site
    down: int = 0  # the newest run could not
    scored: int = 0  # sites with a score (their newest usable run)
    average: float | None = None
    passed: int = 0  # items passing, over the scored sites
    total: int = 0
    failing: list[tuple[ItemInfo, int, dict[str, int]]] = field(default_factory=list)  # item, sites, by status
    missing: list[tuple[ItemInfo, str, int]] = field(default_factory=list)  # item, element label, sites
    months: list[tuple[str, float, int]] = field(default_factory=list)  # YYYY-MM, average, runs
    reasons: list[tuple[str, int, int]] = field(default_factory=list)  # reason code, sites, items


def item_key(item_id: str) -> tuple[int, str]:
    found = _ITEM_NUMBER.search(item_id)
    return (int(found.group(1)) if found else 10_000, item_id)


def items_of(entries: list[SiteEntry], pack: RulePack | None, lang: str) -> list[ItemInfo]:
    """The heat-map's columns: the pack's items in its order, else every item the reports hold, by number."""
    if pack is not None:
        return [ItemInfo(i.id, i.title.get(lang), i.indicator) for i in pack.items]
    seen: dict[str, ItemInfo] = {}
    for entry in entries:
        for item in entry.report.items if entry.report is not None else ():
            seen.setdefault(item.id, ItemInfo(item.id, item.title, item.indicator))
    return sorted(seen.values(), key=lambda i: item_key(i.id))


def ranked(entries: list[SiteEntry]) -> list[SiteEntry]:
    """Highest score first; sites without a score last; ties by name."""
    return sorted(entries, key=lambda e: (not e.checked, -e.record.percent if e.checked else 0.0, e.name, e.site))


def slug(site: str) -> str:
    """A file name for a site's report: readable, safe on any server and file system, never colliding."""
    readable = re.sub(r"[^a-z0-9]+", "-", site.lower()).strip("-")[:60] or "site"
    return f"{readable}-{hashlib.sha1(site.encode('utf-8')).hexdigest()[:8]}"


@lru_cache(maxsize=4096)
def day(iso: str, lang: str) -> str:
    """A run's date as a clerk reads it: Thai date and Buddhist year in Thai, "1 May 2024" in English."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(THAI_TIME)
    month = t("months", lang).split()[local.month - 1]
    return f"{local.day} {month} {local.year + 543 if lang == 'th' else local.year}"


def safe_href(href: str | None) -> str | None:
    """Links the page may carry: relative paths and http(s) addresses, nothing that could run or embed."""
    if not href:
        return None
    if web_url(href):
        return href
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("//") or href != href.strip():
        return None
    return href


def site_row(entry: SiteEntry, items: list[ItemInfo], href: str | None, lang: str, dates: dict[str, int]) -> list[Any]:
    """The row of the module docstring; `dates` (date in words -> index) gains the dates it uses."""

    def at(iso: str) -> int:
        return dates.setdefault(day(iso, lang), len(dates))

    report = entry.report
    statuses = {i.id: i.status for i in report.items} if report is not None and entry.checked else {}
    cells = "".join(STATUS_CODES.get(statuses.get(i.id, ""), "-") for i in items)
    record = entry.record
    counts = [record.counts.get(s, 0) for s in ITEM_STATUSES] if entry.checked else [0] * len(ITEM_STATUSES)
    latest = entry.latest or record
    return [
        entry.name,
        entry.url if web_url(entry.url) else "",
        entry.tag("province"),
        entry.tag("district"),
        entry.tag("type"),
        round(record.percent, 1) if entry.checked else None,
        counts,
        cells,
        safe_href(href),
        [x for p in entry.trend for x in (at(p.started_at), round(p.percent, 1))],
        1 if entry.down else 0,
        at(record.started_at),
        at(latest.started_at),
    ]


def summarise(entries: list[SiteEntry], items: list[ItemInfo], pack: RulePack | None, lang: str) -> Summary:
    s = Summary(sites=len(entries))
    s.down = sum(1 for e in entries if e.down)
    s.checked = s.sites - s.down
    scored = [e for e in entries if e.checked]
    s.scored = len(scored)
    if scored:
        s.average = round(sum(e.record.percent for e in scored) / len(scored), 1)
    s.passed = sum(e.record.passed for e in scored)
    s.total = sum(e.record.total for e in scored)
    info = {i.id: i for i in items}
    labels: dict[tuple[str, str], str] = {}
    if pack is not None:
        labels = {(i.id, el.id): el.label.get(lang) for i in pack.items for el in i.elements}
    failing: Counter[str] = Counter()
    by_status: dict[str, Counter[str]] = {}
    missing: Counter[tuple[str, str]] = Counter()
    element_words: dict[tuple[str, str], str] = {}
    for entry in scored:
        for item in entry.report.items if entry.report is not None else ():
            if item.status != "pass":
                failing[item.id] += 1
                by_status.setdefault(item.id, Counter())[item.status] += 1
            for el in item.elements:
                if el.status == "not_found":
                    missing[(item.id, el.id)] += 1
                    element_words.setdefault((item.id, el.id), labels.get((item.id, el.id), el.label))
    order = {i.id: n for n, i in enumerate(items)}
    s.failing = [
        (info.get(i) or ItemInfo(i, i, ""), n, dict(by_status[i]))
        for i, n in sorted(failing.items(), key=lambda kv: (-kv[1], order.get(kv[0], 10_000), kv[0]))
    ]
    s.missing = [
        (info.get(i) or ItemInfo(i, i, ""), element_words[(i, e)], n)
        for (i, e), n in sorted(missing.items(), key=lambda kv: (-kv[1], order.get(kv[0][0], 10_000), kv[0]))
    ]
    s.months = _months(entries)
    s.reasons = _reasons(scored)
    return s


def _reasons(scored: list[SiteEntry]) -> list[tuple[str, int, int]]:
    """Why items fail across the group, counted from the stored reason codes (not their words, so runs made
    in Thai and in English count together): (code, sites, items), most sites first."""
    sites: Counter[str] = Counter()
    items: Counter[str] = Counter()
    for entry in scored:
        seen: set[str] = set()
        for item in entry.report.items if entry.report is not None else ():
            if item.status == "pass":
                continue
            codes = {r.code for r in item.reason_codes}
            items.update(codes)
            seen |= codes
        sites.update(seen)
    return [(code, n, items[code]) for code, n in sorted(sites.items(), key=lambda kv: (-kv[1], kv[0]))]


def _months(entries: list[SiteEntry]) -> list[tuple[str, float, int]]:
    """The average score of the runs in each month (Thai time), from every site's trend."""
    sums: dict[str, list[float]] = {}
    for entry in entries:
        for point in entry.trend:
            try:
                moment = datetime.fromisoformat(point.started_at)
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            month = f"{moment.astimezone(THAI_TIME):%Y-%m}"
            sums.setdefault(month, []).append(point.percent)
    return [(m, round(sum(v) / len(v), 1), len(v)) for m, v in sorted(sums.items())]


def month_label(month: str, lang: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return f"{t('months', lang).split()[number - 1]} {year + 543 if lang == 'th' else year}"


def status_table(lang: str) -> list[dict[str, str]]:
    return [{"id": s, "code": STATUS_CODES[s], "mark": MARKS[s], "word": t("status_" + s, lang)} for s in ITEM_STATUSES]


def script_json(value: Any) -> str:
    """JSON to put inside <script type="application/json">: no `<`, `>` or `&` survive as themselves, so no
    site name can close the element (`</script>`) or open a comment (`<!--`); JSON.parse reads it back."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                          ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(char, escaped)
    return text
