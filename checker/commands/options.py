"""Command-line options shared by `check`, `run` and `demo`, and how they combine with a site config.

Options a config file can also set default to None here, so "not given" is distinguishable from "given the
default value": a flag always wins over the file, the file over the built-in default.
"""

from __future__ import annotations

import argparse
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from checker.commands.helpwords import hw
from checker.commands.lang import LANGS, env_lang
from checker.crawl.cache import default_cache_path
from checker.crawl.crawler import CrawlOptions
from checker.models import ItemStatus
from checker.operations import values
from checker.operations.config import SiteConfig
from checker.operations.thresholds import FAILING, Gate, parse_fail_on
from checker.report import FORMATS
from checker.rerun import FULL_EVERY_DAYS
from checker.rules.loader import DEFAULT_PACK
from checker.store import default_history_path
from checker.store.open import is_postgres

T = TypeVar("T")


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(names))


def _fail_on(value: str) -> frozenset[ItemStatus]:
    try:
        return parse_fail_on(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _checked(check: Callable[[str], T], name: str) -> Callable[[str], T]:
    """An argparse type from a values.py validator: the config file and the flag refuse alike, in one line."""

    def convert(value: str) -> T:
        try:
            return check(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = name  # argparse names the type in some messages
    return convert


_year = _checked(values.fiscal_year, "year")
_percent = _checked(values.percent, "percent")


def _resolve_entry(value: str) -> tuple[str, str]:
    """`HOST:ADDRESS` as curl's --resolve (no port): `agency.go.th:127.0.0.1`, `x.go.th:[::1]`, `x.go.th:::1`."""
    host, sep, address = value.partition(":")
    host = host.strip().lower().rstrip(".")
    address = address.strip()
    if address.startswith("[") and address.endswith("]"):
        address = address[1:-1]
    if not sep or not host or not address:
        raise argparse.ArgumentTypeError(f"expected HOST:ADDRESS (e.g. agency.go.th:127.0.0.1), not {value!r}")
    try:
        return host, str(ipaddress.ip_address(address))
    except ValueError:
        port, _, rest = address.partition(":")
        if port.isdigit() and rest:  # curl's HOST:PORT:ADDRESS: the port is the URL's, never replaced here
            raise argparse.ArgumentTypeError(f"write {host}:{rest} (no port), not {value!r}") from None
        raise argparse.ArgumentTypeError(f"{address!r} in {value!r} is not an IP address") from None


def _days(value: str) -> float:
    """--full-every: days between full crawls, 0 (every run) to 366."""
    try:
        days = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days") from None
    if not 0 <= days <= 366:
        raise argparse.ArgumentTypeError(f"{value!r}: use 0 (every run) to 366 days")
    return days


def add_check_options(
    p: argparse.ArgumentParser, lang: str | None = None, *, batch: bool = False, serve: bool = False
) -> None:
    """The crawl and report options of check, run, demo and batch (`batch`: -o/-f mean the batch's); `serve`:
    the crawl options only (the web application writes no files and keeps a cache per site)."""
    lang = lang or env_lang()

    def h(key: str, **kwargs: object) -> str:
        return hw(f"opt.{key}", lang, **kwargs)

    p.add_argument("--year", type=_year, default=None, help=h("year"))
    p.add_argument("--rules", default=None, metavar="PACK", help=h("rules", pack=DEFAULT_PACK))
    if not serve:
        p.add_argument(
            "-f", "--format", type=_formats, default=None, metavar="LIST",
            help=h("batch_format") if batch else h("format", formats=",".join(FORMATS)),
        )  # fmt: skip
        p.add_argument(
            "-o", "--output", type=Path, default=None, metavar="DIR" if batch else "PATH",
            help=h("batch_output") if batch else h("output"),
        )  # fmt: skip
    p.add_argument(
        "--max-pages", type=_checked(values.max_pages, "count"), default=None, metavar="N",
        help=h("max_pages", max=values.MAX_PAGES),
    )  # fmt: skip
    p.add_argument(
        "--max-documents", type=_checked(values.max_documents, "count"), default=None, metavar="N",
        help=h("max_documents", max=values.MAX_DOCUMENTS),
    )  # fmt: skip
    p.add_argument(
        "--max-seconds", type=_checked(values.max_seconds, "seconds"), default=None, metavar="S",
        help=h("max_seconds", max=f"{values.MAX_SECONDS:g}"),
    )  # fmt: skip
    p.add_argument(
        "--concurrency", type=_checked(values.concurrency, "count"), default=None, metavar="N",
        help=h("concurrency", max=values.MAX_CONCURRENCY),
    )  # fmt: skip
    p.add_argument("--render", choices=["auto", "always", "never"], default=None, help=h("render"))
    p.add_argument("--browser", default=None, metavar="PATH", help=h("browser"))
    p.add_argument("--no-ocr", action="store_true", help=h("no_ocr"))
    if not serve:
        p.add_argument("--cache", type=Path, default=None, metavar="FILE", help=h("cache"))
    p.add_argument("--no-cache", action="store_true", help=h("no_cache"))
    if not serve:  # a check asked for on the web is always a full crawl (checker/web/views.py)
        p.add_argument("--full", action="store_true", help=h("full"))
        p.add_argument(
            "--full-every", type=_days, default=None, metavar="DAYS", help=h("full_every", days=f"{FULL_EVERY_DAYS:g}")
        )
    p.add_argument("--insecure", action="store_true", help=h("insecure"))
    p.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help=h("serve_allow_private" if serve else "allow_private"),
    )
    p.add_argument(
        "--resolve", type=_resolve_entry, action="append", default=None, metavar="HOST:ADDRESS",
        help=h("resolve"),
    )  # fmt: skip
    p.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))
    if not serve:
        p.add_argument("-q", "--quiet", action="store_true", help=h("quiet"))


def add_operations_options(p: argparse.ArgumentParser, lang: str | None = None) -> None:
    """History, waivers, thresholds and the lock: for `check` and `run` (not `demo`)."""
    lang = lang or env_lang()
    p.add_argument("--waivers", type=Path, default=None, metavar="FILE", help=hw("opt.waivers", lang))
    p.add_argument(
        "--fail-on", type=_fail_on, default=None, metavar="STATUSES",
        help=hw("opt.fail_on", lang, statuses=",".join(FAILING)),
    )  # fmt: skip
    p.add_argument("--min-score", type=_percent, default=None, metavar="PERCENT", help=hw("opt.min_score", lang))
    add_history_option(p, lang)
    p.add_argument("--no-history", action="store_true", help=hw("opt.no_history", lang))
    p.add_argument("--wait-lock", action="store_true", help=hw("opt.wait_lock", lang))


def store_spec(value: str) -> Path | str:
    """`--history` / `--store`: a PostgreSQL address stays a string, anything else is a file path."""
    return value if is_postgres(value) else Path(value)


def add_history_option(p: argparse.ArgumentParser, lang: str | None = None) -> None:
    p.add_argument(
        "--history", "--store", dest="history", type=store_spec, default=None, metavar="DB",
        help=hw("opt.history", lang or env_lang()),
    )  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Everything one check needs, after flags, config file and defaults are combined."""

    url: str
    name: str | None
    year: int | None
    rules: str
    lang: str
    formats: list[str]
    output: Path | None
    output_is_folder: bool
    options: CrawlOptions
    browser: str | None
    ocr: bool
    cache: Path | None
    verify: bool
    quiet: bool
    cache_given: bool = False  # --cache FILE: a file that cannot be used is an error, not a warning
    allow_private: bool = False
    resolve: dict[str, str] = field(default_factory=dict)  # host (lower case) -> IP address
    waivers: Path | None = None
    gate: Gate = field(default_factory=Gate)
    history: Path | str | None = None  # None: no history (--no-history, `history = false`, demo); str: PostgreSQL
    lock_dir: Path | None = None  # None: no lock (demo)
    wait_lock: bool = False
    full: bool = False  # --full: crawl the whole site even when an evidence re-check would do (checker/rerun.py)
    full_every: float = FULL_EVERY_DAYS  # days between full crawls; 0: every run is one


def _pick(flag: T | None, configured: T | None, default: T) -> T:
    return flag if flag is not None else configured if configured is not None else default


def resolve(args: argparse.Namespace, url: str, config: SiteConfig | None = None, operations: bool = True) -> Settings:
    cfg = config or SiteConfig.model_construct(url=url)  # no file: every key at its default
    budgets, outputs = cfg.budgets, cfg.outputs
    base = CrawlOptions()
    formats: list[str] = _pick(args.format, outputs.formats, ["table"])
    output, folder = args.output, len(formats) > 1
    if output is None and outputs.folder is not None:
        output, folder = Path(outputs.folder), True
    elif output is None and folder:
        output = Path("reports")
    history: Path | str | None = None
    lock_dir: Path | None = None
    if operations:
        default = default_history_path()
        chosen = args.history or (store_spec(cfg.history) if isinstance(cfg.history, str) else default)
        lock_dir = chosen.parent if isinstance(chosen, Path) else None  # PostgreSQL: its advisory locks
        if not args.no_history and (args.history is not None or cfg.history is not False):
            history = chosen
    fail_on = args.fail_on if operations and args.fail_on is not None else cfg.fail_on
    return Settings(
        url=url,
        name=cfg.name,
        year=_pick(args.year, cfg.year, None),
        rules=_pick(args.rules, cfg.rules, DEFAULT_PACK),
        lang=_pick(args.lang, cfg.lang, env_lang()),  # a flag, the site config, the environment
        formats=formats,
        output=output,
        output_is_folder=folder,
        options=CrawlOptions(
            render=_pick(args.render, cfg.render, base.render),
            max_pages=_pick(args.max_pages, budgets.max_pages, base.max_pages),
            max_documents=_pick(args.max_documents, budgets.max_documents, base.max_documents),
            max_seconds=_pick(args.max_seconds, budgets.max_seconds, base.max_seconds),
            concurrency=_pick(args.concurrency, budgets.concurrency, base.concurrency),
        ),
        browser=args.browser,
        ocr=not args.no_ocr,
        cache=None if args.no_cache else (args.cache or default_cache_path()),
        verify=not args.insecure,
        quiet=args.quiet,
        cache_given=args.cache is not None and not args.no_cache,
        allow_private=_pick(args.allow_private, cfg.allow_private, False),
        resolve=dict(args.resolve or []),
        waivers=(args.waivers or (Path(cfg.waivers) if cfg.waivers else None)) if operations else None,
        gate=Gate(
            fail_on=frozenset(FAILING) if fail_on is None else frozenset(fail_on),
            min_score=_pick(args.min_score if operations else None, cfg.min_score, None),
        ),
        history=history,
        lock_dir=lock_dir,
        wait_lock=operations and args.wait_lock,
        full=bool(getattr(args, "full", False)),
        full_every=_pick(getattr(args, "full_every", None), cfg.full_every_days, FULL_EVERY_DAYS),
    )
