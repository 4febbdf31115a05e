"""What the page shows, as plain data: the group's totals and lists (rendered into the HTML, so they print and
read without JavaScript) and the compact per-site rows the page's script sorts, filters and draws.

A site row is an array, not an object, so 8,000 sites stay a few megabytes:

    0 name, 1 url, 2 province, 3 district, 4 type, 5 percent|null, 6 counts, 7 cells, 8 href|null,
    9 trend, 10 down, 11 shown, 12 latest, 13 estimate|null, 14 grade|null

`percent` is the share of items passed (null: never checked); `estimate` the estimated OIT score (two decimals,
as the site's report gives it) and `grade` its grade, null for a site never checked or a run stored before the
history kept the estimate. `cells` has one letter per item (STATUS_CODES; "-" when the report has no such
item), `trend` is [date, estimate|null, percent, date, estimate|null, percent, …] oldest first, and every date
(`shown`, `latest`, the trend's) is an index into one shared list of dates as words: monthly batches share a
few dozen dates among thousands of runs. (Fields 13 and 14 came last so the older fields kept their places;
the page's script, templates/dashboard.js, reads rows by these indexes.)

The ranking is by the estimated OIT score. Sites whose shown run has none are not ranked (their rank and score
read "—"): they come after every ranked site, by share of items passed, then the sites never checked.
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

from checker.dashboard.entries import SiteEntry, TrendPoint
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


@dataclass(frozen=True)
class Month:
    """The runs of one month (Thai time), from every site's trend."""

    month: str  # YYYY-MM
    estimate: float | None  # average estimated OIT score of the runs that have one
    percent: float  # average share of items passed, of every run
    runs: int


@dataclass
class Summary:
    """The group at a glance: totals, the items and elements most often failing, the average over months."""

    sites: int = 0
    checked: int = 0  # the newest run checked the site
    down: int = 0  # the newest run could not
    scored: int = 0  # sites with a result (their newest usable run checked the site)
    estimated: int = 0  # of those, sites with an estimated OIT score
    average: float | None = None  # the estimated OIT score, over the estimated sites
    passed: int = 0  # items passing, over the scored sites
    total: int = 0
    failing: list[tuple[ItemInfo, int, dict[str, int]]] = field(default_factory=list)  # item, sites, by status
    missing: list[tuple[ItemInfo, str, int]] = field(default_factory=list)  # item, element label, sites
    months: list[Month] = field(default_factory=list)
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
    """Highest estimated OIT score first, ties by name; then the checked sites without one (not ranked), by share
    of items passed; then the sites never checked."""

    def key(e: SiteEntry) -> tuple[int, float, str, str]:
        if not e.checked:
            return (2, 0.0, e.name, e.site)
        if e.estimate is None:
            return (1, -e.record.percent, e.name, e.site)
        return (0, -e.estimate, e.name, e.site)

    return sorted(entries, key=key)


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
        [x for p in entry.trend for x in (at(p.started_at), _two(p.estimate), round(p.percent, 1))],
        1 if entry.down else 0,
        at(record.started_at),
        at(latest.started_at),
        _two(entry.estimate),
        entry.grade if entry.estimate is not None else None,
    ]


def _two(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def summarise(entries: list[SiteEntry], items: list[ItemInfo], pack: RulePack | None, lang: str) -> Summary:
    s = Summary(sites=len(entries))
    s.down = sum(1 for e in entries if e.down)
    s.checked = s.sites - s.down
    scored = [e for e in entries if e.checked]
    s.scored = len(scored)
    estimates = [e.estimate for e in scored if e.estimate is not None]
    s.estimated = len(estimates)
    if estimates:
        s.average = round(sum(estimates) / len(estimates), 2)
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


def _months(entries: list[SiteEntry]) -> list[Month]:
    """The average scores of the runs in each month (Thai time), from every site's trend: the estimated OIT
    score over the runs that have one, the share of items passed over all."""
    sums: dict[str, list[TrendPoint]] = {}
    for entry in entries:
        for point in entry.trend:
            try:
                moment = datetime.fromisoformat(point.started_at)
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            month = f"{moment.astimezone(THAI_TIME):%Y-%m}"
            sums.setdefault(month, []).append(point)
    months = []
    for month, points in sorted(sums.items()):
        estimates = [p.estimate for p in points if p.estimate is not None]
        average = round(sum(estimates) / len(estimates), 2) if estimates else None
        months.append(Month(month, average, round(sum(p.percent for p in points) / len(points), 1), len(points)))
    return months


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
