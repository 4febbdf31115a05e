"""The oitcheck command. Thin: parse arguments, call the library, draw with rich, choose the exit code.

Exit codes (design.md): 0 every item passes; 1 the check ran and found items that do not pass; 2 usage or
rule-file error; 3 the site could not be checked at all.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.markup import escape

from checker import __version__
from checker.api import CheckRun, run_check
from checker.crawl.cache import default_cache_path
from checker.crawl.crawler import CrawlOptions, CrawlProgress
from checker.crawl.scope import BadURL
from checker.demo import ground_truth
from checker.demo.server import serve
from checker.report import FORMATS
from checker.report.terminal import build
from checker.rules import loader
from checker.rules.loader import RuleFileError
from checker.rules.schema import RulePack

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_SITE_DOWN = 0, 1, 2, 3


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(names))


def _add_check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, default=None, help="fiscal year to assess, Buddhist era (default: the pack's)")
    p.add_argument("--rules", default="oit_2567", help="built-in rule pack id or path to a YAML pack")
    p.add_argument("-f", "--format", type=_formats, default=["table"], help="table,json (several: comma-separated)")
    p.add_argument("-o", "--output", type=Path, default=None, help="file for one format, folder for several")
    p.add_argument("--max-pages", type=int, default=400, help="HTML pages to fetch at most (default 400)")
    p.add_argument("--max-documents", type=int, default=300, help="documents to fetch at most (default 300)")
    p.add_argument("--max-seconds", type=float, default=600.0, help="time budget for the crawl (default 600)")
    p.add_argument("--concurrency", type=int, default=4, help="requests in flight to the site (default 4)")
    p.add_argument(
        "--render",
        choices=["auto", "always", "never"],
        default="auto",
        help="run pages' JavaScript in a browser: auto = only pages served as empty app shells (default)",
    )
    p.add_argument("--browser", default=None, help="Chromium or Chrome to use (default: found automatically)")
    p.add_argument("--no-ocr", action="store_true", help="do not OCR scans (their items become review)")
    p.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="HTTP cache file, revalidated on every run (default: ~/.cache/oitcheck/http-cache.db)",
    )
    p.add_argument("--no-cache", action="store_true", help="do not use the HTTP cache")
    p.add_argument(
        "--insecure",
        action="store_true",
        help="accept broken TLS certificates (the problem is still worth fixing: assessors see it too)",
    )
    p.add_argument("--lang", choices=["th", "en"], default="th", help="language of the report (default th)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="oitcheck", description="Check a Thai agency website against the OIT criteria.")
    p.add_argument("--version", action="version", version=f"oitcheck {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check a website")
    check.add_argument("url")
    _add_check_options(check)
    demo = sub.add_parser("demo", help="serve the bundled sample site on 127.0.0.1 and check it")
    _add_check_options(demo)
    rules = sub.add_parser("rules", help="list, show or validate rule packs")
    rsub = rules.add_subparsers(dest="rules_command", required=True)
    rl = rsub.add_parser("list", help="list the items of a pack")
    rl.add_argument("--rules", default="oit_2567")
    rl.add_argument("--lang", choices=["th", "en"], default="th")
    rs = rsub.add_parser("show", help="show one item's rule")
    rs.add_argument("item")
    rs.add_argument("--rules", default="oit_2567")
    rs.add_argument("--lang", choices=["th", "en"], default="th")
    rv = rsub.add_parser("validate", help="validate a rule file")
    rv.add_argument("path")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "rules":
            return _rules(args, out, err)
        pack = loader.load(args.rules)
        if args.command == "demo":
            return _demo(args, pack, out, err)
        return _check(args, args.url, pack, out, err)[0]
    except RuleFileError as exc:
        for line in exc.problems:
            err.print(f"[red]error:[/red] {line}", markup=True, soft_wrap=True)
        return EXIT_USAGE
    except BadURL as exc:
        err.print(f"[red]error:[/red] {exc}")
        return EXIT_USAGE


def _options(args: argparse.Namespace) -> CrawlOptions:
    return CrawlOptions(
        render=args.render,
        max_pages=args.max_pages,
        max_documents=args.max_documents,
        max_seconds=args.max_seconds,
        concurrency=max(1, args.concurrency),
    )


def _ocr(args: argparse.Namespace) -> Literal["auto"] | None:
    return None if args.no_ocr else "auto"


def _cache(args: argparse.Namespace) -> Path | None:
    return None if args.no_cache else (args.cache or default_cache_path())


def _run(args: argparse.Namespace, url: str, pack: RulePack, err: Console) -> CheckRun:
    show = not args.quiet and err.is_terminal
    if not show:
        return asyncio.run(
            run_check(
                url,
                pack,
                args.year,
                args.lang,
                _options(args),
                ocr=_ocr(args),
                cache=_cache(args),
                browser=args.browser,
                verify=not args.insecure,
            )
        )
    with err.status("…") as status:

        def progress(p: CrawlProgress) -> None:
            status.update(f"pages {p.pages} · documents {p.documents} · queue {p.queued} · errors {p.errors}")

        return asyncio.run(
            run_check(
                url,
                pack,
                args.year,
                args.lang,
                _options(args),
                on_progress=progress,
                ocr=_ocr(args),
                cache=_cache(args),
                browser=args.browser,
                verify=not args.insecure,
            )
        )


def _check(args: argparse.Namespace, url: str, pack: RulePack, out: Console, err: Console) -> tuple[int, CheckRun]:
    run = _run(args, url, pack, err)
    report = run.report
    indicators = {k: v.get(args.lang) for k, v in pack.indicators.items()}
    formats: list[str] = args.format
    target: Path | None = args.output
    if target is None and len(formats) > 1:
        target = Path("reports")
    for fmt in formats:
        render, ext = FORMATS[fmt]
        if target is None:
            if fmt == "table":
                out.print(build(report, args.lang, indicators, out.width))
            else:
                sys.stdout.write(render(report, lang=args.lang, indicators=indicators))
            continue
        path = target / f"oitcheck-report.{ext}" if len(formats) > 1 else target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(report, lang=args.lang, indicators=indicators), encoding="utf-8")
        if not args.quiet:
            err.print(f"wrote {path}")
    if run.site_error:
        err.print(f"[red]error:[/red] {escape(run.report.items[0].reasons[0])}")
        return EXIT_SITE_DOWN, run
    return (EXIT_OK if report.score.passed == report.score.total else EXIT_FAILURES), run


def _demo(args: argparse.Namespace, pack: RulePack, out: Console, err: Console) -> int:
    """Check the bundled site; exit 0 when every verdict equals the site's ground truth."""
    with serve() as base:
        err.print(f"demo site: {base}")
        code, run = _check(args, base, pack, out, err)
    if code == EXIT_SITE_DOWN:
        return code
    expected = ground_truth.load(ocr=run.ocr_available)
    mismatches = ground_truth.compare(expected, run.report)
    if mismatches:
        for line in mismatches:
            err.print(f"[red]✘[/red] {escape(line)}")
        err.print(f"[red]{len(mismatches)} of {len(expected)} verdicts differ from the demo's ground truth[/red]")
        return EXIT_FAILURES
    err.print(f"[green]✔ all {len(expected)} verdicts match the demo's ground truth[/green]")
    return EXIT_OK


def _rules(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.rules_command == "validate":
        pack = loader.load(args.path)
        out.print(f"[green]ok[/green] {args.path}: {pack.id}, fiscal year {pack.fiscal_year}, {len(pack.items)} items")
        return EXIT_OK
    pack = loader.load(args.rules)
    lang = args.lang
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
    out.print(f"period: {item.period}" + (f" — {item.period_note.get(lang)}" if item.period_note else ""))
    out.print("recognised by: " + ", ".join(item.recognise.titles))
    if item.recognise.exclude:
        out.print("not when it says: " + ", ".join(item.recognise.exclude))
    for e in item.elements:
        out.print(f"  • {e.id}: {e.label.get(lang)} [{e.spec.check}]")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
