"""The oitcheck command's parser and dispatcher (checker/cli.py holds only `main`, so that Ctrl-C while these
modules load — playwright, pydantic and the rest take most of a second — already ends in one line)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from rich.console import Console
from rich.markup import escape

from checker import __version__
from checker.commands import batch, dashboard, history, rules_author, rules_check, worker
from checker.commands import serve as serve_command
from checker.commands.check import check_site, crawl, preflight
from checker.commands.exits import (
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_SITE_DOWN,
    EXIT_USAGE,
    OutputError,
    UsageError,
)
from checker.commands.helpformat import add_command, add_commands, error_words, new_parser, parser_lang
from checker.commands.helpwords import hw
from checker.commands.lang import LANGS, env_lang
from checker.commands.options import add_check_options, add_operations_options, resolve
from checker.commands.outputs import write_outputs
from checker.crawl.scope import BadURL
from checker.demo import ground_truth
from checker.demo.server import serve
from checker.operations import InputFileError
from checker.operations.config import load_config
from checker.operations.lock import LockBusy, LockError
from checker.rules import loader
from checker.rules.loader import RuleFileError
from checker.store import StoreError


class PipeConsole(Console):
    """rich ends a broken pipe with exit 1, which here means "items fail"; checker/cli.py ends it with 141."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


class OneLineParser(argparse.ArgumentParser):
    """A usage error is one line (`oitcheck check: error: argument --year: …`), not the usage block
    followed by the message: in a cron mail or CI log the message is what matters. --help shows usage."""

    def error(self, message: str) -> NoReturn:
        message = error_words(message, parser_lang(self))
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, its help in `lang` (default: the environment's, checker/commands/lang.py)."""
    lang = lang or env_lang()
    p = new_parser(OneLineParser, lang)
    p.add_argument("--version", action="version", version=f"oitcheck {__version__}", help=hw("version", lang))
    p.add_argument("--lang", dest="top_lang", choices=LANGS, default=None, help=hw("lang", lang))
    sub = add_commands(p, lang, "command")
    check = add_command(sub, "check", lang)
    check.add_argument("url", nargs="?", metavar="URL", help=hw("opt.url", lang))
    check.add_argument("--config", type=Path, default=None, metavar="FILE", help=hw("opt.config", lang))
    add_check_options(check, lang)
    add_operations_options(check, lang)
    run = add_command(sub, "run", lang)
    run.add_argument("config", type=Path, metavar="FILE", help=hw("opt.run_config", lang))
    add_check_options(run, lang)
    add_operations_options(run, lang)
    history.add_parsers(sub, lang)
    batch.add_parser(sub, lang)
    dashboard.add_parser(sub, lang)
    worker.add_parser(sub, lang)
    serve_command.add_parser(sub, lang)
    demo = add_command(sub, "demo", lang)
    add_check_options(demo, lang)
    rules = add_command(sub, "rules", lang)
    rsub = add_commands(rules, lang, "rules_command")
    pack = hw("opt.pack", lang, pack=loader.DEFAULT_PACK)
    rl = add_command(rsub, "list", lang, "rules.list")
    rl.add_argument("--rules", default=loader.DEFAULT_PACK, metavar="PACK", help=pack)
    rl.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    rs = add_command(rsub, "show", lang, "rules.show")
    rs.add_argument("item", metavar="ITEM", help=hw("opt.item", lang))
    rs.add_argument("--rules", default=loader.DEFAULT_PACK, metavar="PACK", help=pack)
    rs.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    rv = add_command(rsub, "validate", lang, "rules.validate")
    rv.add_argument("path", metavar="PATH", help=hw("opt.path", lang))
    rv.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    rules_check.add_parsers(rsub, lang)
    rules_author.add_parsers(rsub, lang)
    return p


def run(argv: Sequence[str] | None, err: Console, lang: list[str]) -> int:
    """Parse and dispatch; the errors a user can fix become one line and their exit code here. `lang[0]`
    is set to the user's language as soon as it is known (checker/cli.py says the interrupt line in it)."""
    p = parser(lang[0])
    args = p.parse_args(argv)
    if getattr(args, "lang", None) is None:  # `oitcheck --lang en check …`: as if given after the command
        args.lang = args.top_lang
    lang[0] = args.lang or lang[0]
    if args.command == "check" and args.url is None and args.config is None:
        p.error("check needs a URL or --config FILE")
    out = PipeConsole(highlight=False, soft_wrap=True)
    try:
        if args.command == "rules":
            return _rules(args, out, err)
        if args.command == "history":
            return history.history(args, out)
        if args.command == "diff":
            return history.diff(args, out)
        if args.command == "demo":
            return _demo(args, out, err)
        if args.command == "batch":
            return batch.batch(args, out, err)
        if args.command == "dashboard":
            return dashboard.run(args, out, err)
        if args.command == "worker":
            return worker.run(args, out, err)
        if args.command == "serve":
            return serve_command.run(args, out, err)
        config = load_config(args.config) if args.config is not None else None
        lang[0] = args.lang or (config.lang if config and config.lang else lang[0])
        url = getattr(args, "url", None) or (config.url if config else "")
        return check_site(resolve(args, url, config), out, err)
    except (RuleFileError, InputFileError) as exc:
        for line in exc.problems:
            err.print(f"[red]error:[/red] {escape(line)}")
        return EXIT_USAGE
    except (BadURL, StoreError, UsageError, LockError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        return EXIT_USAGE
    except OutputError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}" + (" (the run was not stored)" if _stores(args) else ""))
        return EXIT_OUTPUT
    except LockBusy as exc:
        err.print(
            f"[red]error:[/red] another oitcheck run is checking {escape(exc.site or 'this site')} "
            f"({escape(exc.holder or 'holder unknown')}); "
            f"lock {escape(str(exc.path))}. Wait for it with --wait-lock, or try again later."
        )
        return EXIT_USAGE


def _stores(args: argparse.Namespace) -> bool:
    """Whether this command would have stored the run (for the exit-4 line)."""
    return args.command in ("check", "run") and not args.no_history


def _demo(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Check the bundled site; exit 0 when every verdict equals the site's ground truth. No history, waivers
    or lock: the demo's address changes every time and its exit code means something else."""
    settings = resolve(args, "http://127.0.0.1/", operations=False)
    pack = loader.load(settings.rules)
    settings = preflight(settings, pack, err)  # before the server starts: a bad --output is exit 4 at once
    with serve() as base:
        err.print(escape(hw("say.demo_site", settings.lang, url=base)))
        settings = replace(settings, url=base)
        run = crawl(settings, pack, err)
        write_outputs(run.report, settings, pack, out, err)
    if run.site_error:
        err.print(f"[red]error:[/red] {escape(run.report.items[0].reasons[0])}")
        return EXIT_SITE_DOWN
    expected = ground_truth.load(ocr=run.ocr_available)
    mismatches = ground_truth.compare(expected, run.report)
    if mismatches:
        for line in mismatches:
            err.print(f"[red]✘[/red] {escape(line)}")
        differ = hw("say.demo_differ", settings.lang, n=len(mismatches), total=len(expected))
        err.print(f"[red]{escape(differ)}[/red]")
        return EXIT_FAILURES
    err.print(f"[green]{escape(hw('say.demo_match', settings.lang, total=len(expected)))}[/green]")
    return EXIT_OK


def _rules(args: argparse.Namespace, out: Console, err: Console) -> int:
    lang = args.lang or env_lang()
    if args.rules_command in rules_check.COMMANDS:
        return rules_check.run(args, out)
    if args.rules_command in rules_author.COMMANDS:
        return rules_author.run(args, out, err)
    if args.rules_command == "validate":
        pack = loader.load(args.path)
        said = hw("say.rules_valid", lang, path=args.path, id=pack.id, year=pack.fiscal_year, n=len(pack.items))
        out.print(f"[green]{hw('say.rules_ok', lang)}[/green] {escape(said)}")
        return EXIT_OK
    pack = loader.load(args.rules)
    if args.rules_command == "list":
        for item in pack.items:
            out.print(f"{item.id:<4} {item.indicator:<5} {item.period:<12} {item.title.get(lang)}")
        return EXIT_OK
    try:
        item = pack.item(args.item)
    except KeyError:
        err.print(f"[red]error:[/red] no item {args.item!r} in {pack.id}")
        return EXIT_USAGE
    out.print(
        f"[bold]{item.id} {item.title.get(lang)}[/bold]  ({item.indicator} {pack.indicators[item.indicator].get(lang)})"
    )
    period = item.period + (f" — {item.period_note.get(lang)}" if item.period_note else "")
    out.print(hw("say.rules_period", lang, period=period))
    out.print(hw("say.rules_recognised", lang, titles=", ".join(item.recognise.titles)))
    if item.recognise.exclude:
        out.print(hw("say.rules_exclude", lang, words=", ".join(item.recognise.exclude)))
    for e in item.elements:
        out.print(f"  • {e.id}: {e.label.get(lang)} [{e.spec.check}]")
    return EXIT_OK
