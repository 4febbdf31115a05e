"""`oitcheck dashboard --output DIR`: the group dashboard (checker/dashboard) from the run history.

It only reads the history, so it takes no lock: a nightly batch may be writing the same store meanwhile.
Without --rules and --year it shows the rule pack and fiscal year of the newest stored run, so results of
two different years are never ranked against each other.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from checker.commands.helpformat import add_command
from checker.commands.helpwords import hw
from checker.commands.lang import LANGS, env_lang
from checker.dashboard import entries_from_store, write_dashboard
from checker.rules import loader
from checker.rules.loader import RuleFileError
from checker.rules.schema import RulePack
from checker.store import SqliteStore, Store, StoreError, default_history_path
from checker.store.open import is_postgres
from checker.store.open import open_store as open_any

EXIT_OK, EXIT_USAGE, EXIT_OUTPUT = 0, 2, 4
READ_HINT = "give another store with --store PATH_OR_DSN"


def add_parser(sub: argparse._SubParsersAction[Any], lang: str | None = None) -> argparse.ArgumentParser:
    lang = lang or env_lang()
    p = add_command(sub, "dashboard", lang)
    p.add_argument("--store", default=None, metavar="PATH_OR_DSN", help=hw("opt.dashboard_store", lang))
    p.add_argument("--output", "-o", type=Path, required=True, metavar="DIR", help=hw("opt.dashboard_output", lang))
    p.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    p.add_argument("--rules", default=None, metavar="PACK", help=hw("opt.dashboard_rules", lang))
    p.add_argument("--year", type=int, default=None, help=hw("opt.dashboard_year", lang))
    p.add_argument("--title", default=None, help=hw("opt.title", lang))
    return p


def open_store(spec: str | Path) -> Store:
    """The store to read; a file that does not exist is not created (a typo must not look like an empty group)."""
    if not is_postgres(spec) and not Path(spec).exists():
        raise StoreError(f"no history at {spec} yet: `oitcheck check URL` (or a batch) stores every run there")
    return open_any(spec) if is_postgres(spec) else SqliteStore(Path(spec), hint=READ_HINT)


def _pack(name: str | None) -> RulePack | None:
    """The rule pack named by the runs, for item titles and indicator names; None if this oitcheck lacks it."""
    if name is None:
        return None
    try:
        return loader.load(name)
    except RuleFileError:
        return None


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    lang = args.lang or env_lang()
    spec = args.store if args.store is not None else default_history_path()
    pack: RulePack | None = None
    if args.rules is not None:
        try:
            pack = loader.load(args.rules)
        except RuleFileError as exc:
            for line in exc.problems:
                err.print(f"[red]error:[/red] {escape(line)}")
            return EXIT_USAGE
    try:
        store = open_store(spec)
        try:
            ruleset = pack.id if pack is not None else None
            newest = store.runs(ruleset=ruleset, fiscal_year=args.year, limit=1)
            year = args.year
            if newest:
                ruleset, year = newest[0].ruleset, newest[0].fiscal_year
            if pack is None:
                pack = _pack(ruleset)
            # The pack's scoring gives a site whose shown run was stored without an OIT estimate one.
            scoring = pack.scoring if pack is not None and pack.id == ruleset else None
            entries = entries_from_store(store, ruleset=ruleset, fiscal_year=year, scoring=scoring)
        finally:
            store.close()
    except StoreError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        return EXIT_USAGE
    try:
        index = write_dashboard(entries, args.output, lang=lang, pack=pack, title=args.title)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write the dashboard to {escape(str(args.output))}: "
                  f"{escape(exc.strerror or str(exc))}")  # fmt: skip
        return EXIT_OUTPUT
    if not entries:
        err.print(f"[yellow]warning:[/yellow] {escape(hw('say.dashboard_empty', lang, store=spec))}")
    what = hw("say.dashboard_sites", lang, n=len(entries)) + (f", {ruleset} {year}" if ruleset else "")
    out.print(escape(hw("say.dashboard_wrote", lang, index=index, what=what)))
    return EXIT_OK
