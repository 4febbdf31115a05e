"""`oitcheck rules test PACK [CASES]` and `oitcheck rules diff A B`: check a pack against its labelled cases,
and say what changed between two packs (and write the id map `oitcheck diff --map` reads).

The logic is in checker/rules/cases.py and checker/rules/compare.py; this module parses, prints and picks the
exit code: rules test ends 0 when every case passes, 1 when one fails, 2 when the pack or the cases file
cannot be used (RuleFileError, handled with the other usage errors in checker/commands/app.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from checker.commands.exits import EXIT_FAILURES, EXIT_OK, UsageError
from checker.commands.helpformat import add_command
from checker.commands.helpwords import hw
from checker.commands.lang import LANGS, env_lang
from checker.i18n import t
from checker.rules import cases, compare, loader, packmap
from checker.rules.compare import Change, PackDiff

COMMANDS = ("test", "diff")
MAX_REASONS = 3  # a failing case shows the item's first reasons: the rest are in --json


def add_parsers(rsub: argparse._SubParsersAction[Any], lang: str) -> None:
    test = add_command(rsub, "test", lang, "rules.test")
    test.add_argument("pack", metavar="PACK", help=hw("opt.test_pack", lang))
    test.add_argument("cases", nargs="?", type=Path, default=None, metavar="CASES", help=hw("opt.cases", lang))
    test.add_argument("--json", action="store_true", help=hw("opt.test_json", lang))
    test.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    diff = add_command(rsub, "diff", lang, "rules.diff")
    diff.add_argument("old", metavar="A", help=hw("opt.pack_a", lang))
    diff.add_argument("new", metavar="B", help=hw("opt.pack_b", lang))
    diff.add_argument("--json", action="store_true", help=hw("opt.diff_json", lang))
    diff.add_argument("--write-map", type=Path, default=None, metavar="PATH", help=hw("opt.write_map", lang))
    diff.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))


def run(args: argparse.Namespace, out: Console) -> int:
    lang = args.lang or env_lang()
    if args.rules_command == "test":
        return test(args, out, lang)
    return diff(args, out, lang)


# ---------------------------------------------------------------- rules test


def test(args: argparse.Namespace, out: Console, lang: str) -> int:
    pack = loader.load(args.pack)
    path = args.cases or cases.cases_path(loader.resolve(args.pack))
    loaded = cases.load(path, pack)
    outcomes = cases.run(loaded, pack, lang)
    failed = sum(1 for o in outcomes if not o.passed)
    if args.json:
        sys.stdout.write(json.dumps(_test_json(loaded, pack.id, outcomes), ensure_ascii=False, indent=2) + "\n")
        return EXIT_FAILURES if failed else EXIT_OK
    for o in outcomes:
        if o.passed:
            out.print(f"[green]{hw('say.case_pass', lang)}[/green]  {o.case.item:<4} {escape(o.case.name)}")
            continue
        where = f"{loaded.path}:{o.line}"
        out.print(f"[red]{hw('say.case_fail', lang)}[/red]  {o.case.item:<4} {escape(o.case.name)}  ({escape(where)})")
        want = _verdict(o.case.expect.status, {e: str(v) for e, v in o.case.expect.elements.items()}, lang)
        out.print(f"      {hw('say.case_expected', lang)}: {escape(want)}")
        out.print(f"      {hw('say.case_got', lang)}: {escape(_verdict(o.result.status, o.got_elements(), lang))}")
        for reason in o.result.reasons[:MAX_REASONS]:
            out.print(f"      {hw('say.case_reasons', lang)}: {escape(reason)}")
    summary = hw("say.cases_summary", lang, path=loaded.path, total=len(outcomes), passed=len(outcomes) - failed,
                 failed=failed)  # fmt: skip
    out.print(f"[{'red' if failed else 'green'}]{escape(summary)}[/]")
    return EXIT_FAILURES if failed else EXIT_OK


def _verdict(status: str, elements: dict[str, str], lang: str) -> str:
    """ "ไม่ครบ (incomplete) · fax: ไม่พบ": the status and the listed elements, in the user's words."""
    word = t(f"status_{status}", lang)
    parts = [word if lang == "en" else f"{word} ({status})"]
    for element, state in elements.items():
        spelt = "missing" if state == "not_found" else state
        parts.append(f"{element}: {hw(f'el.{spelt}', lang) if spelt in ('found', 'missing', 'unknown') else spelt}")
    return " · ".join(parts)


def _test_json(loaded: cases.Loaded, pack_id: str, outcomes: list[cases.Outcome]) -> dict[str, object]:
    return {
        "pack": pack_id,
        "cases_file": loaded.path,
        "total": len(outcomes),
        "passed": sum(1 for o in outcomes if o.passed),
        "failed": sum(1 for o in outcomes if not o.passed),
        "cases": [
            {
                "name": o.case.name,
                "item": o.case.item,
                "line": o.line,
                "year": o.year,
                "passed": o.passed,
                "mismatches": list(o.mismatches),
                "expected": o.case.expect.model_dump(),
                "got": {"status": o.result.status, "elements": {e.id: e.status for e in o.result.elements}},
                "reasons": o.result.reasons,
            }
            for o in outcomes
        ],
    }


# ---------------------------------------------------------------- rules diff


def diff(args: argparse.Namespace, out: Console, lang: str) -> int:
    old, new = loader.load(args.old), loader.load(args.new)
    result = compare.compare(old, new)
    if args.write_map is not None:
        try:
            args.write_map.write_text(packmap.dump(packmap.from_diff(result)), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write the map to {args.write_map}: {exc.strerror or exc}") from None
    if args.json:
        sys.stdout.write(json.dumps(compare.as_json(result, old, new), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    heading = hw("say.pdiff_heading", lang, a=old.id, year_a=old.fiscal_year, n_a=len(old.items), b=new.id,
                 year_b=new.fiscal_year, n_b=len(new.items))  # fmt: skip
    out.print(escape(heading), style="bold")
    titles = {i.id: i.title.get(lang) for i in old.items}
    for item_id in result.removed:
        out.print(f"[red]- {item_id:<4}[/red] {hw('say.pdiff_removed', lang)}: {escape(titles[item_id])}")
    titles = {i.id: i.title.get(lang) for i in new.items}
    for item_id in result.added:
        out.print(f"[cyan]+ {item_id:<4}[/cyan] {hw('say.pdiff_added', lang)}: {escape(titles[item_id])}")
    for pair in result.changed:
        out.print(f"[yellow]~ {pair.new:<4}[/yellow] {escape(titles[pair.new])}")
        for change in pair.changes:
            out.print(f"      {escape(_change(change, lang))}")
    if result.pack_changes:
        out.print(escape(hw("say.pdiff_pack", lang, fields=", ".join(result.pack_changes))))
    if not (result.removed or result.added or result.changed):
        out.print(hw("say.pdiff_none", lang))
    out.print(escape(_summary(result, lang)), style="dim")
    if args.write_map is not None:
        out.print(escape(hw("say.map_written", lang, path=args.write_map)))
    return EXIT_OK


def _change(c: Change, lang: str) -> str:
    if c.kind == "renumbered":
        return hw("say.pdiff_renumbered", lang, old=c.before, new=c.after)
    if c.kind in ("element_added", "element_removed"):
        return hw(f"say.pdiff_{c.kind}", lang, element=c.element)
    if c.kind == "element_reworded":
        return hw("say.pdiff_element_reworded", lang, element=c.element, fields=", ".join(c.fields))
    if c.kind == "recognise":
        return hw("say.pdiff_recognise", lang, fields=", ".join(c.fields))
    return hw(f"say.pdiff_{c.kind}", lang, before=c.before, after=c.after)


def _summary(result: PackDiff, lang: str) -> str:
    renumbered = sum(1 for p in result.pairs if p.old != p.new)
    changed = sum(1 for p in result.changed if any(c.kind != "renumbered" for c in p.changes))
    same = len(result.pairs) - len(result.changed)
    return hw("say.pdiff_summary", lang, added=len(result.added), removed=len(result.removed), renumbered=renumbered,
              changed=changed, same=same)  # fmt: skip
