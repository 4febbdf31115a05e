"""`oitcheck rules new`, `rules schema` and `rules docs`: writing a pack rather than using one.

The work is in checker/rules/scaffold.py, packschema.py and reference/; this module parses, reads and writes
files, and picks the exit code: 0 done; 2 a pack that cannot be used (RuleFileError, turned into its lines by
checker/commands/app.py), a bad --id or --year, or a file `rules new` will not overwrite (UsageError); 4 a file
that cannot be written (as for `oitcheck dashboard`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from checker.commands.exits import EXIT_OK, EXIT_OUTPUT, UsageError
from checker.commands.helpformat import add_command
from checker.commands.helpwords import hw
from checker.commands.lang import LANGS, env_lang
from checker.rules import cases, loader
from checker.rules.packschema import SCHEMA_FILE, schema_text
from checker.rules.reference import FORMATS, render
from checker.rules.scaffold import MODELINE, PACK_ID, YEARS, ScaffoldError, new_id, scaffold

COMMANDS = ("new", "schema", "docs")
MAX_LINES = 12  # line numbers `rules new` lists that still name the old year; the rest are counted


def add_parsers(rsub: argparse._SubParsersAction[Any], lang: str) -> None:
    new = add_command(rsub, "new", lang, "rules.new")
    new.add_argument("path", metavar="PATH", help=hw("opt.new_path", lang))  # a str: Path drops a final /
    new.add_argument("--from", dest="source", required=True, metavar="PACK",
                     help=hw("opt.new_from", lang, pack=loader.DEFAULT_PACK))  # fmt: skip
    new.add_argument("--year", type=int, required=True, metavar="YEAR", help=hw("opt.new_year", lang))
    new.add_argument("--id", dest="pack_id", default=None, metavar="ID", help=hw("opt.new_id", lang))
    new.add_argument("--schema", default=None, metavar="REF", help=hw("opt.new_schema", lang))
    new.add_argument("--force", action="store_true", help=hw("opt.force", lang))
    new.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    schema = add_command(rsub, "schema", lang, "rules.schema")
    schema.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help=hw("opt.schema_output", lang))
    schema.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    docs = add_command(rsub, "docs", lang, "rules.docs")
    docs.add_argument("pack", nargs="?", default=loader.DEFAULT_PACK, metavar="PACK",
                      help=hw("opt.docs_pack", lang, pack=loader.DEFAULT_PACK))  # fmt: skip
    docs.add_argument("--format", "-f", choices=FORMATS, default="md", help=hw("opt.docs_format", lang))
    docs.add_argument("--output", "-o", type=Path, default=None, metavar="PATH", help=hw("opt.docs_output", lang))
    docs.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    lang = args.lang or env_lang()
    try:
        if args.rules_command == "new":
            return new(args, out, lang)
        if args.rules_command == "schema":
            return _emit(schema_text(), args.output, out, lang)
        pack = loader.load(args.pack)
        return _emit(render(pack, args.format, lang), args.output, out, lang)
    except _Unwritable as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        return EXIT_OUTPUT


class _Unwritable(Exception):
    """A file that cannot be written: exit 4."""


def new(args: argparse.Namespace, out: Console, lang: str) -> int:
    """Scaffold PATH from --from, copy the cases beside it, then say what still names the old year."""
    source_path = loader.resolve(args.source)
    source = loader.load(args.source)
    pack_id = args.pack_id or new_id(source, args.year)
    if args.year not in YEARS:
        raise UsageError(hw("say.new_bad_year", lang, year=args.year, low=YEARS.start, high=YEARS.stop - 1))
    if not PACK_ID.match(pack_id):
        raise UsageError(hw("say.new_bad_id", lang, id=pack_id))
    target = Path(args.path)
    if target.is_dir() or args.path.endswith(("/", os.sep)):
        target = target / f"{pack_id}.yaml"
    cases_from = cases.cases_path(source_path)
    cases_to = cases.cases_path(target) if cases_from.is_file() else None
    for path in (target, cases_to):
        if path is not None and path.exists() and path.resolve() in (source_path.resolve(), cases_from.resolve()):
            raise UsageError(hw("say.new_is_source", lang, path=path))
        if path is not None and path.exists() and not args.force:
            raise UsageError(hw("say.new_exists", lang, path=path))
    header = _header(args, target, source.fiscal_year, pack_id, lang)
    try:
        made = scaffold(source_path.read_text(encoding="utf-8"), source, year=args.year, pack_id=pack_id,
                        header=header, filename=str(target))  # fmt: skip
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    _write(target, made.text, lang)
    said = hw("say.new_wrote", lang, path=target, id=made.pack.id, year=made.pack.fiscal_year,
              n=len(made.pack.items), source=args.source)  # fmt: skip
    out.print(f"[green]{escape(said)}[/green]")
    if cases_to is not None:
        try:
            shutil.copyfile(cases_from, cases_to)
        except OSError as exc:
            raise _Unwritable(hw("say.cannot_write", lang, path=cases_to, why=exc.strerror or exc)) from None
        out.print(escape(hw("say.new_cases", lang, source=cases_from, path=cases_to)))
    if made.stale:
        lines = ", ".join(str(n) for n in made.stale[:MAX_LINES]) + (" …" if len(made.stale) > MAX_LINES else "")
        said = hw("say.new_stale", lang, lines=lines, year=source.fiscal_year)
        out.print(f"[yellow]{escape(said)}[/yellow]")
    out.print(escape(hw("say.new_next", lang)))
    for command in _next_commands(target):
        out.print(f"  {escape(command)}")
    return EXIT_OK


def _header(args: argparse.Namespace, target: Path, old_year: int, pack_id: str, lang: str) -> list[str]:
    """The comment lines atop the new pack: the editor modeline, where it came from, how to check it."""
    source = _one_line(args.source)
    made = hw("new.header_made", lang, id=pack_id, year=args.year, source=source, old=old_year)
    lines = [f"{MODELINE}{_one_line(args.schema or schema_ref(target))}", f"# {made}"]
    lines += [f"# {hw('new.header_edit', lang)}", *(f"#   {c}" for c in _next_commands(target))]
    return lines


def _next_commands(target: Path) -> list[str]:
    path = _one_line(str(target))
    return [f"oitcheck rules validate {path}", f"oitcheck rules test {path}"]


def _one_line(text: str) -> str:
    """A value put into a YAML comment: a line break would end the comment."""
    return re.sub(r"[\x00-\x1f\x7f]", " ", text)


def schema_ref(pack_path: Path) -> str:
    """Where the new pack's modeline points: the shipped schema, relative to the pack when they share more
    than the file system's root (an editor resolves it from the file's folder), else as a file:// URI."""
    schema = (loader.builtin_dir() / SCHEMA_FILE).resolve()
    folder = pack_path.resolve().parent
    try:
        common = Path(os.path.commonpath([schema, folder]))
    except ValueError:  # another drive (Windows)
        return schema.as_uri()
    if common == Path(common.anchor):
        return schema.as_uri()
    return Path(os.path.relpath(schema, folder)).as_posix()


def _emit(text: str, output: Path | None, out: Console, lang: str) -> int:
    """To standard output as it is (no markup, no wrapping), or to `output`."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    _write(output, text, lang)
    out.print(escape(hw("say.wrote", lang, path=output)))
    return EXIT_OK


def _write(path: Path, text: str, lang: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _Unwritable(hw("say.cannot_write", lang, path=path, why=exc.strerror or exc)) from None
