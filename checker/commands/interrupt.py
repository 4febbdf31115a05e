"""Ctrl-C and `systemctl stop`: end a check with one line and exit 130 / 143, leaving every file usable.

Outside the event loop a signal simply raises (KeyboardInterrupt for SIGINT, Interrupted for SIGTERM, see
`signals_raise`), and every write there is already safe to abandon: the history commits one transaction,
reports are renamed into place whole. Inside the crawl, raising at an arbitrary point would skip the
`finally` blocks that close the HTTP cache, the document cache, the connections and the browser; so there a
signal cancels the crawl's task instead (as asyncio.run does for SIGINT, but for SIGTERM too), the crawl
unwinds through those blocks, and `Interrupted` is raised once the loop has closed — even if some layer
swallowed the cancellation and returned a partial result, which must never be reported or stored. A second
signal while that clean-up runs stops waiting for it: the farewell line, then `os._exit` (raising inside
the event loop's own code would only print asyncio's tracebacks; nothing is half-written at that point —
the history commits whole transactions, the caches are SQLite files made to survive a killed process).

A signal that was ignored when oitcheck started (`nohup`, a background job of a script) stays ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(Exception):
    """The user or the service manager asked oitcheck to stop."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def code(self) -> int:
        """128 + the signal number: 130 for SIGINT, 143 for SIGTERM, what a shell shows for a killed job."""
        return 128 + self.signum


_farewell: list[Callable[[int], None]] = []  # says the one line for a signal (checker/cli.py)


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextmanager
def signals_raise(farewell: Callable[[int], None] | None = None) -> Iterator[None]:
    """While inside: SIGINT and SIGTERM raise Interrupted (main thread only; ignored signals stay ignored).
    `farewell(signum)` prints the closing line when a second signal forces an immediate exit."""
    previous = _install(_raise)
    if farewell is not None:
        _farewell.append(farewell)
    try:
        yield
    finally:
        if farewell is not None:
            _farewell.remove(farewell)
        _restore(previous)


def ignore_signals() -> None:
    """Stopping already: a further Ctrl-C must not cut the farewell line short (signals_raise restores)."""
    if threading.current_thread() is threading.main_thread():
        for sig in SIGNALS:
            signal.signal(sig, signal.SIG_IGN)


def exit_now(signum: int) -> NoReturn:
    """End the process at once, after the farewell line: no clean-up is waited for any more."""
    ignore_signals()
    with contextlib.suppress(Exception):
        if _farewell:
            _farewell[-1](signum)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(128 + signum)


def run_interruptible(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """`asyncio.run(make())`, where SIGINT/SIGTERM cancel the task and raise Interrupted after clean-up."""
    got: list[int] = []
    running: dict[str, Any] = {}

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if got:
            exit_now(got[0])  # a second signal: do not wait for the clean-up any longer
        got.append(signum)
        loop, task = running.get("loop"), running.get("task")
        if loop is not None and task is not None:
            loop.call_soon_threadsafe(task.cancel)

    def quiet_when_stopped(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """Once stopped, a cancelled future nobody awaited any more ("exception was never retrieved", a
        gather cancelled inside wait_for) is the stop itself, not news: keep it out of the one-line end."""
        if got and isinstance(context.get("exception"), asyncio.CancelledError):
            return
        loop.default_exception_handler(context)

    async def main() -> T:
        if got:
            raise Interrupted(got[0])
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(quiet_when_stopped)
        running.update(loop=loop, task=asyncio.current_task())
        try:
            return await make()
        finally:
            running.clear()

    previous = _install(on_signal)
    try:
        result = asyncio.run(main())
    except BaseException:
        if got:  # whatever the cancellation turned into on its way out
            raise Interrupted(got[0]) from None
        raise
    finally:
        _restore(previous)
    if got:
        raise Interrupted(got[0])  # the crawl swallowed the cancellation: its partial result is not a check
    return result


Handler = Callable[[int, FrameType | None], Any] | int | None


def _install(handler: Callable[[int, FrameType | None], None]) -> dict[int, Handler]:
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Handler] = {}
    for sig in SIGNALS:
        current = signal.getsignal(sig)
        if current is signal.SIG_IGN:
            continue
        previous[sig] = current
        signal.signal(sig, handler)
    return previous


def _restore(previous: dict[int, Handler]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
