"""summary.csv and summary.xlsx: one row per site — its estimated OIT score and grade, the share of items
passed, items per status, and per sub-indicator.

The CSV is for programs (English column names, stable order, UTF-8 with a BOM so Excel shows Thai): columns
added later go at the end of its row (`oit_estimate`, `grade`), so a column never moves. The XLSX is for
people (headers in the user's language, frozen header row, filters, percentages as numbers): the headline
score and grade come first after the site's result, as the reports and the dashboard give them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from checker.commands.outputs import write_file
from checker.models import ITEM_STATUSES, SiteReport

FIXED = ("name", "url", "province", "district", "type", "state", "score", "passed", "total")
ADDED = ("oit_estimate", "grade")  # after every other column of the CSV; after `state` in the XLSX

_WORDS = {
    "th": {
        "name": "หน่วยงาน",
        "url": "เว็บไซต์",
        "province": "จังหวัด",
        "district": "อำเภอ",
        "type": "ประเภท",
        "state": "ผลการตรวจ",
        "score": "ข้อที่ผ่าน (%)",
        "oit_estimate": "คะแนน OIT (ประมาณ)",
        "grade": "ระดับ",
        "passed": "ผ่าน (ข้อ)",
        "total": "ทั้งหมด (ข้อ)",
        "pass": "ผ่าน",
        "incomplete": "ไม่ครบ",
        "outdated": "ไม่เป็นปัจจุบัน",
        "missing": "ไม่พบ",
        "unreachable": "เปิดไม่ได้",
        "review": "ต้องตรวจเอง",
        "report": "รายงาน",
        "error": "หมายเหตุ",
        "checked": "ตรวจแล้ว",
        "site_down": "เข้าเว็บไซต์ไม่ได้",
        "not_checked": "ตรวจไม่ได้",
        "sheet": "สรุป",
    },
    "en": {
        "state": "result",
        "score": "items passed (%)",
        "oit_estimate": "OIT score (est.)",
        "checked": "checked",
        "site_down": "site down",
        "not_checked": "not checked",
        "sheet": "Summary",
    },
}


def word(key: str, lang: str) -> str:
    return _WORDS.get(lang, {}).get(key) or _WORDS["en"].get(key) or key


@dataclass
class SummaryRow:
    name: str
    url: str
    tags: dict[str, str]
    state: str  # checked | site_down | not_checked
    report_path: str = ""
    error: str = ""
    failing: bool = False  # the run fails the batch's gate
    score: tuple[float, int, int] | None = None  # (percent, passed, total) of a checked site
    estimate: tuple[float, str] | None = None  # (estimated OIT score, grade) of a checked site whose report has it
    counts: dict[str, int] = field(default_factory=dict)  # items per status
    indicators: dict[str, tuple[int, int]] = field(default_factory=dict)  # sub-indicator -> (passed, total)

    @classmethod
    def of(
        cls,
        name: str,
        url: str,
        tags: dict[str, str],
        report: SiteReport | None,
        state: str = "checked",
        report_path: str = "",
        error: str = "",
        failing: bool = False,
    ) -> SummaryRow:
        """Keep only the figures the summary needs: a batch of thousands of sites must not hold every report."""
        row = cls(name, url, tags, state, report_path, error, failing)
        row.counts = {s: 0 for s in ITEM_STATUSES}
        for item in report.items if report is not None else []:
            row.counts[item.status] += 1
            passed, total = row.indicators.get(item.indicator, (0, 0))
            row.indicators[item.indicator] = (passed + (item.status == "pass"), total + 1)
        if report is not None and state == "checked":
            row.score = (report.score.percent, report.score.passed, report.score.total)
            if report.estimate is not None:
                row.estimate = (report.estimate.score, report.estimate.grade)
        return row


def columns(rows: list[SummaryRow], indicators: list[str]) -> list[str]:
    """The CSV's columns, in order."""
    return [*FIXED, *ITEM_STATUSES, *(f"ind_{k}" for k in indicators), "report", "error", *ADDED]


def xlsx_columns(indicators: list[str]) -> list[str]:
    """The XLSX's columns, in order: the CSV's, with the headline score and grade moved up after `state`."""
    at = FIXED.index("state") + 1
    return [*FIXED[:at], *ADDED, *FIXED[at:], *ITEM_STATUSES, *(f"ind_{k}" for k in indicators), "report", "error"]


def cells(row: SummaryRow, indicators: list[str]) -> dict[str, object]:
    """Every column's value for the row, by column name (None: an empty cell)."""
    checked = row.score is not None
    out: dict[str, object] = {
        "name": row.name,
        "url": row.url,
        **{k: row.tags.get(k, "") for k in ("province", "district", "type")},
        "state": row.state,
        **dict(zip(("score", "passed", "total"), row.score or (None, None, None), strict=True)),
        **{s: row.counts.get(s, 0) if checked else None for s in ITEM_STATUSES},
    }
    for k in indicators:
        passed, total = row.indicators.get(k, (0, 0))
        out[f"ind_{k}"] = round(100.0 * passed / total, 1) if checked and total else None
    estimate = row.estimate if checked else None
    out["oit_estimate"], out["grade"] = estimate or (None, None)
    return {**out, "report": row.report_path, "error": row.error}


def values(row: SummaryRow, indicators: list[str]) -> list[object]:
    """The row's CSV values, in the order of `columns`."""
    by_name = cells(row, indicators)
    return [by_name[c] for c in columns([row], indicators)]


def write_csv(path: Path, rows: list[SummaryRow], indicators: list[str]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns(rows, indicators))
    for row in rows:
        w.writerow(["" if v is None else v for v in values(row, indicators)])
    write_file(path, ("\ufeff" + buf.getvalue()).encode("utf-8"))


def write_xlsx(path: Path, rows: list[SummaryRow], indicators: list[str], names: dict[str, str], lang: str) -> None:
    """names: sub-indicator id -> its name in `lang` (the header says "9.1 ข้อมูลพื้นฐาน (%)")."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = word("sheet", lang)
    order = xlsx_columns(indicators)
    sub = {f"ind_{k}": f"{k} {names.get(k, '')} (%)".replace("  ", " ") for k in indicators}
    header = [sub.get(c) or word(c, lang) for c in order]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        by_name = cells(row, indicators)
        by_name["state"] = word(str(by_name["state"]), lang)
        ws.append([by_name[c] for c in order])
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for i, title in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(40, max(8, len(title) + 2))
    buf = io.BytesIO()
    wb.save(buf)
    write_file(path, buf.getvalue())
