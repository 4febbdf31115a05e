"""`oitcheck history [URL]` and `oitcheck diff [URL] [--from RUN] [--to RUN]`: read the run history.

Both only read, so they take no lock: a nightly run may be writing the same file at the same time, which
SQLite allows.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from checker.commands.exits import UsageError
from checker.commands.helpformat import add_command
from checker.commands.helpwords import hw
from checker.commands.lang import LANGS, env_lang
from checker.commands.options import add_history_option, store_spec
from checker.commands.present import diff_heading, diff_json, diff_table, history_table
from checker.i18n import t
from checker.operations.config import load_config
from checker.rules import packmap
from checker.rules.packmap import PackMap
from checker.store import (
    RunRecord,
    SqliteStore,
    Store,
    StoreError,
    choose_pair,
    default_history_path,
    diff_reports,
    site_key,
)
from checker.store.open import open_store

EXIT_OK = 0
READ_HINT = "move it aside (the next check starts a new one) or read another file with --history FILE"


def add_parsers(sub: argparse._SubParsersAction[Any], lang: str | None = None) -> None:
    lang = lang or env_lang()
    h = add_command(sub, "history", lang)
    h.add_argument("url", nargs="?", metavar="URL", help=hw("opt.history_url", lang))
    _common(h, lang)
    h.add_argument("-n", "--limit", type=int, default=20, metavar="N", help=hw("opt.limit", lang))
    d = add_command(sub, "diff", lang)
    d.add_argument("url", nargs="?", metavar="URL", help=hw("opt.diff_url", lang))
    _common(d, lang)
    d.add_argument("--from", dest="from_id", type=int, default=None, metavar="RUN", help=hw("opt.from", lang))
    d.add_argument("--to", dest="to_id", type=int, default=None, metavar="RUN", help=hw("opt.to", lang))
    d.add_argument("--all", action="store_true", help=hw("opt.all", lang))
    d.add_argument("--map", type=Path, default=None, metavar="FILE", help=hw("opt.diff_map", lang))


def _common(p: argparse.ArgumentParser, lang: str) -> None:
    add_history_option(p, lang)
    p.add_argument("--config", type=Path, default=None, metavar="FILE", help=hw("opt.read_config", lang))
    p.add_argument("-f", "--format", choices=["table", "json"], default="table", help=hw("opt.read_format", lang))
    p.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))


def _open(args: argparse.Namespace) -> tuple[Store, str | None]:
    url: str | None = args.url
    spec: Path | str | None = args.history
    if args.config is not None:
        config = load_config(args.config)
        url = url or config.url
        if spec is None and isinstance(config.history, str):
            spec = store_spec(config.history)
    spec = spec or default_history_path()
    site = site_key(url) if url else None
    if isinstance(spec, str):
        return open_store(spec), site
    if not spec.exists():
        raise StoreError(f"no history at {spec} yet: `oitcheck check URL` stores every run there")
    return SqliteStore(spec, hint=READ_HINT), site


def history(args: argparse.Namespace, out: Console) -> int:
    lang = args.lang or env_lang()
    store, site = _open(args)
    try:
        records = store.runs(site, limit=max(1, args.limit))
    finally:
        store.close()
    if args.format == "json":
        sys.stdout.write(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not records:
        out.print(t("history_empty", lang) + (f": {escape(site)}" if site else ""))
        return EXIT_OK
    out.print(history_table(records, lang, show_site=site is None))
    return EXIT_OK


def diff(args: argparse.Namespace, out: Console) -> int:
    lang = args.lang or env_lang()
    store, site = _open(args)
    try:
        before, after = choose_pair(store, site, args.from_id, args.to_id)
        old, new = store.report(before.id), store.report(after.id)
    finally:
        store.close()
    id_map, map_path = _pack_map(args.map, before, after)
    changes = diff_reports(old, new, id_map.translation() if id_map is not None else None)
    if args.format == "json":
        data = diff_json(before, after, changes)
        if id_map is not None:
            data["map"] = {"path": map_path, **id_map.model_dump(by_alias=True, mode="json")}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out.print(escape(diff_heading(before, after, lang)), style="bold")
    titles = {i.id: i.title for i in new.items}
    if id_map is not None:
        said = hw("say.diff_mapped", lang, path=map_path, a=id_map.from_pack, b=id_map.to_pack)
        out.print(escape(said), style="dim")
        for old_id, new_id in id_map.items.items():
            if old_id != new_id and new_id in titles:
                titles[new_id] += f" ({hw('say.diff_was', lang, old=old_id)})"
    table, hidden = diff_table(changes, titles, lang, args.all)
    if table.row_count:
        out.print(table)
    else:
        out.print(t("changes_none", lang))
    if hidden:
        out.print(t("unchanged_hidden", lang, n=hidden), style="dim")
    return EXIT_OK


def _pack_map(given: Path | None, before: RunRecord, after: RunRecord) -> tuple[PackMap | None, str | None]:
    """The id map between the two runs' packs: --map, else a shipped `<from>__<to>.map.yaml` when the packs
    differ; runs of one pack need none. A map for other packs, or none where one is needed, is a usage error:
    comparing O12 of one manual with O12 of another would report changes that are not there."""
    path = given
    if path is None:
        if before.ruleset == after.ruleset:
            return None, None
        path = packmap.builtin_map(before.ruleset, after.ruleset)
        if path is None:
            raise UsageError(
                f"runs {before.id} and {after.id} were checked with different rule packs ({before.ruleset}, "
                f"{after.ruleset}): give --map FILE (`oitcheck rules diff {before.ruleset} {after.ruleset} "
                "--write-map FILE` writes one)"
            )
    found = packmap.load(path)
    if (found.from_pack, found.to_pack) != (before.ruleset, after.ruleset):
        raise UsageError(
            f"{path} maps {found.from_pack} to {found.to_pack}, but run {before.id} was checked with "
            f"{before.ruleset} and run {after.id} with {after.ruleset}"
        )
    return found, str(path)
