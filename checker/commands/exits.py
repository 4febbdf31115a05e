"""The exit codes of every oitcheck command, in one place, and the errors that lead to the non-verdict ones.

Cron, CI and shell scripts branch on these numbers, so each has one meaning (README, docs/operations.md and
checker/cli.py list them too):

    0    every item passes, or the thresholds are met (checker/operations/thresholds.py); batch: for every site
    1    the check ran and found items that fail; batch: every site was checked, some have failing items
    2    usage error: a bad option or value, a rule, config or waivers file that cannot be used, a history
         database or cache that cannot be used, or the site's lock held by another run
    3    the site could not be checked at all (DNS, TLS, home page down); batch: some sites could not be
         checked (docs/batch.md)
    4    a report could not be written (--output): nothing was stored in the history
    70   internal error (a bug: EX_SOFTWARE from sysexits.h); OITCHECK_DEBUG=1 shows the traceback
    130  interrupted by Ctrl-C (SIGINT), 143 stopped by SIGTERM: 128 + the signal number, as shells report it
    141  the reader of the output went away (`oitcheck history | head`): quietly, as if by SIGPIPE
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_SITE_DOWN, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERNAL = 70
EXIT_BROKEN_PIPE = 141


class UsageError(Exception):
    """A value that passed the parser but not a check that needs more context (the rule pack, the disk)."""


class OutputError(Exception):
    """A report cannot be written where --output (or the config's outputs.folder) points."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write report to {path}: {reason}")
