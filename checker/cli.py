"""The oitcheck command. Thin: parse arguments, call the library, draw with rich, choose the exit code.

Exit codes (design.md; the full list with reasons is checker/commands/exits.py): 0 every item passes, or the
thresholds are met (--fail-on, --min-score, waivers: checker/operations/thresholds.py); 1 the check ran and
found items that fail; 2 usage error: a bad option or value, a rule, config or waivers file, a history or
cache that cannot be used, or the site's lock held by another run; 3 the site could not be checked at all;
4 a report could not be written (the run is then not stored); 70 internal error (a bug); 130 interrupted
(Ctrl-C), 143 stopped (SIGTERM). Whatever goes wrong ends in one line on stderr, never a traceback
(OITCHECK_DEBUG=1 shows it for an internal error). Subcommands live in checker/commands/.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import traceback
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from checker.commands.exits import EXIT_BROKEN_PIPE, EXIT_INTERNAL
from checker.commands.interrupt import Interrupted, exit_now, ignore_signals, signals_raise
from checker.commands.lang import user_lang
from checker.i18n import t


def parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The whole command line (checker/commands/app.py), its help in `lang` (default: the environment's)."""
    from checker.commands import app

    return app.parser(lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Every way a run can end becomes an exit code and at most one line on stderr."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    lang = [_lang(argv)]  # the user's language: the interrupt line is said in it

    def farewell(signum: int) -> None:
        name = signal.Signals(signum).name
        err.print(f"[yellow]{escape(t('interrupted', lang[0], signal=name))}[/yellow]")

    with signals_raise(farewell):
        try:
            from checker.commands import app  # inside: the imports take most of a second

            return app.run(argv, err, lang)
        except (Interrupted, KeyboardInterrupt) as exc:
            ignore_signals()
            stop = exc if isinstance(exc, Interrupted) else Interrupted(signal.SIGINT)
            if argv is None and threading.current_thread() is threading.main_thread():
                exit_now(stop.signum)  # the program itself: no waiting for a worker thread's OCR at exit
            farewell(stop.signum)
            return stop.code
        except SystemExit:
            raise
        except BrokenPipeError:  # `oitcheck history | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
            return EXIT_BROKEN_PIPE
        except Exception as exc:  # the last line of defence: a bug must not look like a crash of the site
            if os.environ.get("OITCHECK_DEBUG"):
                traceback.print_exc()
            err.print(
                f"[red]internal error:[/red] {escape(type(exc).__name__)}: {escape(str(exc))} — please report it; "
                "run with OITCHECK_DEBUG=1 for the traceback"
            )
            return EXIT_INTERNAL


def _lang(argv: Sequence[str] | None) -> str:
    """The user's language before the parser has run (a Ctrl-C may come first): --lang, else the
    environment (checker/commands/lang.py)."""
    return user_lang(list(argv if argv is not None else sys.argv[1:]))


if __name__ == "__main__":
    raise SystemExit(main())
