"""`oitcheck worker --broker redis://… --store postgresql://…`: a Celery worker that checks the sites of
`oitcheck batch --engine celery` (checker/batch/celery_engine.py; docs/distributed.md).

Start one or more on every machine that should crawl. Each runs `--concurrency` worker processes (prefork),
each checking one site at a time and saving into the store given here. The broker and the store are tried
before the worker starts, so a wrong address is one line and exit 2, not a worker retrying in the background.
SIGTERM (systemctl stop) lets running checks finish; a worker killed any harder loses nothing: its jobs are
handed to another worker once the broker's visibility timeout has passed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from checker.commands.exits import EXIT_OK, EXIT_USAGE, UsageError
from checker.commands.helpformat import add_command, add_commands, new_parser
from checker.commands.helpwords import hw
from checker.commands.lang import LANGS, env_lang, user_lang
from checker.store import StoreError

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def add_parser(sub: argparse._SubParsersAction, lang: str | None = None) -> None:  # type: ignore[type-arg]
    lang = lang or env_lang()
    w = add_command(sub, "worker", lang)
    w.add_argument("--broker", required=True, metavar="URL", help=hw("opt.worker_broker", lang))
    w.add_argument("--store", required=True, metavar="DB", help=hw("opt.worker_store", lang))
    w.add_argument("--concurrency", type=int, default=None, metavar="N", help=hw("opt.worker_concurrency", lang))
    w.add_argument("--loglevel", type=str.upper, choices=LOG_LEVELS, default="INFO", help=hw("opt.loglevel", lang))
    w.add_argument("--name", default=None, help=hw("opt.worker_name", lang))
    w.add_argument("--visibility", type=float, default=None, metavar="S", help=hw("opt.visibility", lang))
    w.add_argument("--lang", choices=LANGS, default=None, help=hw("lang", lang))


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Serve until stopped; UsageError / StoreError (exit 2) when the broker or the store cannot be used."""
    from checker.batch import celery_engine as ce
    from checker.batch.celery_app import WEB_QUEUE

    concurrency = args.concurrency if args.concurrency is not None else min(2, os.cpu_count() or 1)
    if not 1 <= concurrency <= 64:
        raise UsageError(f"--concurrency must be 1–64, not {concurrency}")
    visibility = args.visibility if args.visibility is not None else ce.visibility_default()
    if not 1 <= visibility <= 7 * 86_400:
        raise UsageError(f"--visibility must be 1 s to 7 days, not {visibility:g}")
    ce.probe_broker(args.broker)
    ce.serve_store(args.store)  # opened once and closed: each worker process opens its own
    ce.configure(ce.app, args.broker, visibility)
    from checker.store.open import describe_store

    queues = f"{WEB_QUEUE}, {ce.QUEUE}"
    said = hw("say.worker_started", args.lang or env_lang(), queue=queues, broker=ce.redact_url(args.broker),
              store=describe_store(args.store), n=concurrency, visibility=visibility)  # fmt: skip
    err.print(escape(said), highlight=False)
    for noisy in ("httpx", "httpcore"):  # a line per request at INFO: the task lines are what matter here
        logging.getLogger(noisy).setLevel(logging.WARNING)
    worker = ce.app.Worker(
        hostname=args.name or ce.host_label(),
        pool_cls="prefork",
        concurrency=concurrency,
        loglevel=args.loglevel,
        queues=[WEB_QUEUE, ce.QUEUE],  # the web's checks in turn with the batch's
        without_gossip=True,
        without_mingle=True,
        without_heartbeat=True,
        optimization="fair",
        quiet=True,
    )
    worker.start()
    return int(worker.exitcode or EXIT_OK)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m checker.commands.worker --broker … --store …`: the same worker without the oitcheck CLI."""
    words = list(sys.argv[1:] if argv is None else argv)
    lang = user_lang(words)
    parser = new_parser(argparse.ArgumentParser, lang)
    sub = add_commands(parser, lang, "command")
    add_parser(sub, lang)
    args = parser.parse_args(words if words[:1] == ["worker"] else ["worker", *words])
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return run(args, Console(highlight=False), err)
    except (UsageError, StoreError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
