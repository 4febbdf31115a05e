"""`oitcheck serve`: the web application (checker/web/) under uvicorn, for clerks who never open a terminal.

Everything is checked before the server starts — the store opens, the rule pack loads, the broker answers, the
allow-list and the rate parse — so a wrong option is one line and exit 2, not a server that fails on the first
request. SIGTERM and Ctrl-C stop it with exit 0 (running checks are abandoned; their sites are not stored).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from checker.commands.exits import EXIT_OK, UsageError
from checker.commands.helpformat import add_command
from checker.commands.helpwords import hw
from checker.commands.lang import env_lang
from checker.commands.options import add_check_options
from checker.store import default_history_path

DEFAULT_BIND = "127.0.0.1:8080"
TOKEN_ENV = "OITCHECK_WEB_TOKEN"
SECRET_ENV = "OITCHECK_WEB_SECRET"


def add_parser(sub: argparse._SubParsersAction[Any], lang: str | None = None) -> None:
    lang = lang or env_lang()
    p = add_command(sub, "serve", lang)
    p.add_argument("--store", default=None, metavar="DB", help=hw("opt.serve_store", lang))
    p.add_argument("--engine", choices=["local", "celery"], default="local", help=hw("opt.engine", lang))
    p.add_argument("--broker", default=None, metavar="URL", help=hw("opt.broker", lang))
    p.add_argument("--bind", default=DEFAULT_BIND, metavar="HOST:PORT", help=hw("opt.bind", lang))
    p.add_argument("--allow", default=None, metavar="PATTERNS", help=hw("opt.allow", lang))
    p.add_argument("--allow-sites", type=Path, default=None, metavar="FILE", help=hw("opt.allow_sites", lang))
    p.add_argument("--workers", type=int, default=None, metavar="N", help=hw("opt.serve_workers", lang))
    p.add_argument("--queue", type=int, default=None, metavar="N", help=hw("opt.queue", lang))
    p.add_argument("--rate", default=None, metavar="RATE", help=hw("opt.rate", lang))
    p.add_argument("--token-file", type=Path, default=None, metavar="FILE", help=hw("opt.token_file", lang))
    p.add_argument("--secret-file", type=Path, default=None, metavar="FILE", help=hw("opt.secret_file", lang))
    p.add_argument("--proxy", default=None, metavar="ADDRESSES", help=hw("opt.proxy", lang))
    p.add_argument("--cache-dir", type=Path, default=None, metavar="DIR", help=hw("opt.serve_cache_dir", lang))
    add_check_options(p, lang, serve=True)


def _bind(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UsageError(f"--bind must be HOST:PORT, not {text!r}")
    return host, int(port)


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that an address in use or not ours is a UsageError (exit 2), not
    uvicorn's own exit status."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def _read_secret(path: Path | None, env: str, what: str) -> str | None:
    """A token or secret from its file (first line), else the environment; None when neither is given."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8").strip().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read the {what} file {path}: {getattr(exc, 'strerror', None) or exc}") from None
        if not text or len(text[0]) < 8:
            raise UsageError(f"the {what} in {path} is empty or shorter than 8 characters")
        return text[0]
    value = os.environ.get(env, "").strip()
    if value and len(value) < 8:
        raise UsageError(f"${env} is shorter than 8 characters")
    return value or None


def config_from(args: argparse.Namespace) -> Any:
    """The WebConfig these options describe; UsageError / StoreError / RuleFileError / InputFileError when
    something is wrong (all before the server starts)."""
    from checker.commands.batch import job_argv
    from checker.crawl.cache import default_cache_path
    from checker.rules import loader
    from checker.web.allow import AllowList
    from checker.web.config import DEFAULT_QUEUE, DEFAULT_RATE, WebConfig, parse_rate

    pack = loader.load(args.rules or loader.DEFAULT_PACK)
    spec = str(args.store or default_history_path())
    from checker.store.open import open_store

    open_store(spec).close()  # created or migrated now; StoreError (exit 2) if it cannot be used
    if args.engine == "celery":
        if not args.broker:
            raise UsageError("--engine celery needs --broker redis://HOST:PORT/DB")
        from checker.batch.celery_app import probe_broker

        probe_broker(args.broker)
    rate = args.rate or DEFAULT_RATE
    try:
        parse_rate(rate)
    except ValueError:
        raise UsageError(f"--rate must look like 30/minute or 5/second, not {rate!r}") from None
    workers = args.workers if args.workers is not None else 2
    queue = args.queue if args.queue is not None else DEFAULT_QUEUE
    if not 1 <= workers <= 32 or not 1 <= queue <= 100_000:
        raise UsageError("--workers must be 1–32 and --queue 1–100000")
    allow = AllowList.parse(args.allow, args.allow_sites)
    if not allow.patterns:
        raise UsageError("--allow names no host: give patterns such as '*.go.th'")
    base = replace_ns(args, year=None, no_cache=True)  # the year comes from the form, the cache per site (views)
    argv = [a for a in job_argv(base, "") if a != "--no-cache" or args.no_cache]
    year = pack.fiscal_year
    years = ((args.year,) if args.year else ()) + tuple(y for y in (year, year + 1, year - 1) if y != args.year)
    cache_dir = None if args.no_cache else (args.cache_dir or default_cache_path().parent / "web")
    return WebConfig(
        store=spec,
        pack=pack,
        allow=allow,
        argv=argv,
        years=years
        + tuple(y for y in (pack.fiscal_year, pack.fiscal_year + 1, pack.fiscal_year - 1) if y not in years),
        engine=args.engine,
        broker=args.broker,
        workers=workers,
        queue=queue,
        rate=rate,
        allow_private=bool(args.allow_private),
        token=_read_secret(args.token_file, TOKEN_ENV, "token"),
        secret=_read_secret(args.secret_file, SECRET_ENV, "secret"),
        lang=args.lang or env_lang(),
        cache_dir=str(Path(cache_dir).expanduser().resolve()) if cache_dir else None,
    )


def replace_ns(args: argparse.Namespace, **changes: Any) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), **changes})


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Serve until stopped."""
    import uvicorn

    from checker.web.app import create_app, make_queue

    host, port = _bind(args.bind)
    config = config_from(args)
    listening = _listen(host, port)  # before anything is said: a port in use is one line and exit 2
    lang = config.lang
    said = hw("say.serve_started", lang, url=f"http://{host}:{port}/", allow=config.allow.describe(),
              engine=config.engine, store=config.store)  # fmt: skip
    err.print(escape(said), highlight=False)
    if config.token is None:
        err.print(escape(hw("say.serve_open", lang)), highlight=False)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    queue = make_queue(config)
    proxies = [a.strip() for a in (args.proxy or "").split(",") if a.strip()]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config, queue),
            host=host,
            port=port,
            proxy_headers=bool(proxies),
            forwarded_allow_ips=proxies or None,
            server_header=False,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=5,
        )
    )
    with _quiet_stop():
        server.run(sockets=[listening])
    err.print(escape(hw("say.serve_stopped", lang, n=queue.abandoned())), highlight=False)
    if queue.abandoned():  # their threads would keep the process alive until their crawls end
        sys.stderr.flush()
        os._exit(EXIT_OK)
    return EXIT_OK


@contextmanager
def _quiet_stop() -> Iterator[None]:
    """Ctrl-C and SIGTERM stop the server cleanly (exit 0, what systemctl stop expects). uvicorn handles both
    and, once shut down, raises them again for the handlers it found: here those are no-ops, not the check's
    "interrupted, nothing stored" (checker/cli.py)."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in saved:
        signal.signal(sig, lambda *_: None)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
