"""A site's Settings from plain data — URL, its config file, the batch's check options — built with the very
parser and precedence of `oitcheck check`, so a site checked by a batch worker is checked as `check` would."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from checker.commands.exits import UsageError
from checker.commands.options import Settings, add_check_options, add_operations_options, resolve
from checker.crawl.scope import BadURL
from checker.operations import InputFileError
from checker.operations.config import load_config
from checker.operations.lock import LockError
from checker.rules.loader import RuleFileError
from checker.store import StoreError

# What a job reports as its own one-line error instead of failing the worker.
JOB_ERRORS: tuple[type[Exception], ...] = (
    RuleFileError, InputFileError, BadURL, UsageError, StoreError, LockError, OSError,
)  # fmt: skip


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"batch option: {message}")


def job_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="oitcheck batch", add_help=False)
    add_check_options(p)
    add_operations_options(p)
    return p


def settings_for(url: str, config: str | None, argv: Sequence[str]) -> Settings:
    """UsageError / InputFileError / RuleFileError when the options or the config file are wrong."""
    args = job_parser().parse_args(list(argv))
    cfg = load_config(Path(config)) if config else None
    return resolve(args, url or (cfg.url if cfg else ""), cfg)
