"""Writing the reports: where they go is checked before the crawl, and each file is written whole or not at all.

A crawl can take ten minutes; finding out only afterwards that `--output` points into a read-only folder
wasted them and, before this module, still stored the run in the history as if it had been reported. Now
the folder is created and a probe file written before anything is fetched (exit 4 at once), and each
report goes to a temporary file next to its target that replaces it only when complete, so a full disk
leaves the previous report in place rather than half a new one.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from checker.commands.exits import OutputError
from checker.commands.options import Settings
from checker.i18n import t
from checker.models import SiteReport
from checker.report import FORMATS, render_args
from checker.report.terminal import build
from checker.rules.schema import RulePack


def report_paths(s: Settings) -> list[Path]:
    """The files this run will write (none when reports go to the terminal)."""
    if s.output is None:
        return []
    if not s.output_is_folder:
        return [s.output]
    return [s.output / f"oitcheck-report.{FORMATS[fmt][1]}" for fmt in s.formats]


def check_output_location(s: Settings) -> None:
    """Raise OutputError now if a report could not be written later: create the folder, probe it."""
    paths = report_paths(s)
    if not paths:
        return
    if s.output_is_folder and s.output is not None and s.output.exists() and not s.output.is_dir():
        raise OutputError(s.output, "it is a file, and several formats need a folder")
    for path in paths:
        if path.is_dir():
            raise OutputError(path, "it is a folder (give a file name, or several formats to fill a folder)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and not path.is_file():
                with path.open("ab"):  # a device or a pipe (/dev/stdout): writable is all we can know
                    pass
            else:
                _probe(path.parent)
        except OSError as exc:
            raise OutputError(path, os_reason(exc, path)) from None


def write_outputs(report: SiteReport, s: Settings, pack: RulePack, out: Console, err: Console) -> None:
    """Render every format and write it; OutputError names the first file that could not be written."""
    extras = render_args(pack, s.lang)
    paths = report_paths(s)
    for i, fmt in enumerate(s.formats):
        render, _ = FORMATS[fmt]
        if not paths:
            if fmt == "table":
                out.print(build(report, s.lang, extras["indicators"], out.width, scoring=extras["scoring"],
                                titles=extras["titles"]))  # fmt: skip
            else:
                sys.stdout.write(render(report, lang=s.lang, **extras))
            continue
        path = paths[i] if s.output_is_folder else paths[0]
        write_file(path, render(report, lang=s.lang, **extras).encode("utf-8"))
        if not s.quiet:
            err.print(escape(t("wrote", s.lang, path=path)))


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole (temporary file, then rename); OutputError if that cannot be done."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():  # /dev/stdout, a named pipe: no rename possible
            with path.open("wb") as f:
                f.write(data)
            return
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # the umask decides, as for any file
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()  # only left behind when something above failed
    except OSError as exc:
        raise OutputError(path, os_reason(exc, path)) from None


def _probe(folder: Path) -> None:
    probe = folder / f".oitcheck-probe-{os.getpid()}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    probe.unlink()


def os_reason(exc: OSError, path: Path) -> str:
    """`Permission denied`, `No space left on device`: the words a user can act on, without errno noise."""
    if isinstance(exc, FileExistsError | NotADirectoryError):
        blocking = next((p for p in path.parents if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            return f"{blocking} is a file, not a folder"
    return exc.strerror or str(exc)
