"""Accuracy of the checker on the field corpus: generated agency sites it was never tuned on.

    python bench/score_field.py                       # both halves, Thai OCR if installed
    python bench/score_field.py --half dev --verbose  # one line per wrong verdict
    python bench/score_field.py --no-ocr --json /tmp/field.json
    python bench/score_field.py --site field-test-03

The sites come from tests/support/fieldgen (labels decided from shared/spec/oit-2567.md, wording from
tests/fixtures/field/vocab.yaml split into a dev pool and a test pool). Tune on the dev half only; the test half
is the measure. Each site is written to a temporary folder, served on 127.0.0.1 and checked by the whole pipeline
(tests.support.vendor_sites.check, the real rule pack).

A verdict is *exact* when the reported status equals the label (the `without_ocr` label when scans could not be
read). *Confident-wrong*: the tool says pass where the label is not pass, or says incomplete / outdated / missing /
unreachable where the label is pass. Those are the errors that mislead a clerk; a wrong `review` only costs time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.extract.ocr import Ocr, find_ocr  # noqa: E402
from checker.rules import loader  # noqa: E402
from checker.rules.schema import RulePack  # noqa: E402
from tests.support import fieldgen, vendor_sites  # noqa: E402

STATUSES = ("pass", "incomplete", "outdated", "missing", "unreachable", "review")
NEGATIVE = {"incomplete", "outdated", "missing", "unreachable"}


@dataclass
class Row:
    half: str
    site: str
    item: str
    expected: str
    got: str
    why: str
    reasons: list[str]
    seconds: float

    @property
    def correct(self) -> bool:
        return self.got == self.expected

    @property
    def confident_wrong(self) -> bool:
        status = self.got.split(";")[0]
        if self.expected != "pass":
            return status == "pass"
        return status in NEGATIVE


def check_site(spec: dict[str, Any], half: str, pack: RulePack, ocr: Ocr | None) -> tuple[list[Row], str]:
    """Build, serve and check one site; its rows and a note (timing, OCR, a crash)."""
    engine = ocr if spec.get("ocr") else None
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix=f"{spec['name']}-") as tmp:
            result = vendor_sites.check(spec, pack, Path(tmp), engine)
    except Exception as exc:
        seconds = time.perf_counter() - started
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).relative_to(ROOT) if ROOT in Path(frame.filename).parents else frame.filename}"
        rows = [Row(half, spec["name"], item, vendor_sites.expected(label, False), "checker crashed",
                    label.get("why", ""), [f"{type(exc).__name__}: {exc}"], seconds)
                for item, label in spec["labels"].items()]  # fmt: skip
        return rows, f"CRASHED after {seconds:.1f}s in {where}:{frame.lineno}: {type(exc).__name__}: {exc}"
    by_id = {i.id: i for i in result.run.report.items}
    rows = []
    for item, want, got in vendor_sites.score(spec, result):
        reasons = list(by_id[item].reasons) if item in by_id else []
        rows.append(Row(half, spec["name"], item, want, got, spec["labels"][item].get("why", ""), reasons,
                        result.seconds))  # fmt: skip
    note = f"{result.seconds:.1f}s, {result.requests} requests"
    if spec.get("ocr") and not result.run.ocr_available:
        note += ", scans scored as without OCR"
    if result.run.site_error:
        note += f", site error: {result.run.site_error}"
    return rows, note


def confusion(rows: list[Row]) -> str:
    """Label status (rows) x reported status (columns)."""
    others = sorted({r.got.split(";")[0] for r in rows} - set(STATUSES))
    cols = list(STATUSES) + others
    counts = Counter((r.expected, r.got.split(";")[0]) for r in rows)
    width = max(12, *(len(c) + 2 for c in cols))
    lines = ["label \\ got".ljust(13) + "".join(c.rjust(width) for c in cols) + "total".rjust(8)]
    for want in STATUSES:
        total = sum(counts[(want, c)] for c in cols)
        if not total:
            continue
        lines.append(want.ljust(13) + "".join(str(counts[(want, c)] or ".").rjust(width) for c in cols)
                     + str(total).rjust(8))  # fmt: skip
    return "\n".join(lines)


def summary(half: str, rows: list[Row]) -> str:
    n = len(rows)
    exact = sum(r.correct for r in rows)
    cw = sum(r.confident_wrong for r in rows)
    sites = len({r.site for r in rows})
    return (
        f"== {half}: {sites} sites, {n} items labelled\n"
        f"exact accuracy   {exact}/{n} = {100 * exact / n:.1f}%\n"
        f"confident-wrong  {cw}/{n} = {100 * cw / n:.1f}%  "
        f"(wrong pass {sum(r.confident_wrong and r.expected != 'pass' for r in rows)}, "
        f"pass labelled reported negative {sum(r.confident_wrong and r.expected == 'pass' for r in rows)})\n"
        f"{confusion(rows)}"
    )


def half_rows(half: fieldgen.Half, pack: RulePack, ocr: Ocr | None) -> list[Row]:
    """Every labelled verdict of one half (each site built, served and checked)."""
    rows: list[Row] = []
    for spec in fieldgen.field_specs(half):
        site_rows, note = check_site(spec, half, pack, ocr)
        print(f"{spec['name']}: {sum(r.correct for r in site_rows)}/{len(site_rows)} exact, {note}", file=sys.stderr)
        rows += site_rows
    return rows


def markdown(halves: dict[str, list[Row]]) -> str:
    """Per half: exact accuracy and confident-wrong rate, then both per label status, then label x reported."""
    head = "| half | sites | labelled | exact | exact % | confident-wrong | rate % | wrong passes | passes failed |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for half, rows in halves.items():
        n, exact, cw = len(rows), sum(r.correct for r in rows), sum(r.confident_wrong for r in rows)
        wp = sum(r.confident_wrong and r.expected != "pass" for r in rows)
        lines.append(f"| {half} | {len({r.site for r in rows})} | {n} | {exact} | {100 * exact / n:.1f} | {cw} | "
                     f"{100 * cw / n:.1f} | {wp} | {cw - wp} |")  # fmt: skip
    lines += ["", "Per label status (exact / labelled, confident-wrong):", ""]
    lines += ["| label | " + " | ".join(halves) + " |", "|---|" + "---|" * len(halves)]
    for status in STATUSES:
        cells = []
        for rows in halves.values():
            mine = [r for r in rows if r.expected == status]
            if mine:
                cells.append(f"{sum(r.correct for r in mine)}/{len(mine)}, {sum(r.confident_wrong for r in mine)} cw")
            else:
                cells.append("—")
        lines.append(f"| {status} | " + " | ".join(cells) + " |")
    for half, rows in halves.items():
        lines += ["", f"Label (rows) × reported (columns), {half} half:", "", "```", confusion(rows), "```"]
    return "\n".join(lines)


def wrong_lines(rows: list[Row]) -> str:
    out = []
    for r in rows:
        if r.correct:
            continue
        flag = " CONFIDENT-WRONG" if r.confident_wrong else ""
        first = r.reasons[0] if r.reasons else "-"
        out.append(
            f"{r.site} {r.item}: expected {r.expected}, got {r.got}{flag}\n    label: {r.why}\n    tool: {first}"
        )
    return "\n".join(out) or "no wrong verdicts"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--no-ocr", action="store_true", help="check without OCR (scans scored by without_ocr)")
    parser.add_argument("--json", type=Path, help="write one row per labelled item to this file")
    parser.add_argument("--site", action="append", help="only this site (repeatable), e.g. field-dev-03")
    parser.add_argument("--verbose", action="store_true", help="one line per wrong verdict")
    args = parser.parse_args(argv)
    pack = loader.load("oit_2567")
    ocr = None if args.no_ocr else find_ocr()
    print(f"OCR: {'none' if ocr is None else ocr.name}", file=sys.stderr)
    halves: tuple[fieldgen.Half, ...] = ("dev", "test") if args.half == "both" else (args.half,)
    all_rows: list[Row] = []
    for half in halves:
        rows: list[Row] = []
        for spec in fieldgen.field_specs(half):
            if args.site and spec["name"] not in args.site:
                continue
            site_rows, note = check_site(spec, half, pack, ocr)
            exact = sum(r.correct for r in site_rows)
            print(f"{spec['name']}: {exact}/{len(site_rows)} exact, {note}", file=sys.stderr)
            rows += site_rows
        if not rows:
            continue
        print(summary(half, rows))
        if args.verbose:
            print(f"-- wrong verdicts ({half})")
            print(wrong_lines(rows))
        print()
        all_rows += rows
    if args.json:
        data = [{**asdict(r), "correct": r.correct, "confident_wrong": r.confident_wrong} for r in all_rows]
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {len(data)} rows to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
