"""Ctrl-C that always stops a run, even when Python swallows the KeyboardInterrupt.

Python raises KeyboardInterrupt in whatever the main thread runs when SIGINT arrives. In a
finalizer (``__del__``) or a weakref callback it is printed as "Exception ignored" and the
run carries on, then commits: the user asked it to stop, and the previous archive is replaced.
The handler here also records the request; the long loops and the archive's final swap call
:func:`check` and stop there.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

_requested = threading.Event()


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, systemd, a cron job's timeout): stopped as Ctrl-C stops a run."""


def _on_sigint(signum: int, frame: Any) -> None:
    _requested.set()
    raise KeyboardInterrupt


def _on_sigterm(signum: int, frame: Any) -> None:
    _requested.set()
    raise Terminated


def install() -> None:
    """Use the handlers for SIGINT and SIGTERM (from the main thread; each kept off if its
    signal is ignored or handled already). Without one for SIGTERM, ``kill`` ended the process
    at once: the previous archive stayed, but the staging folder was left until the next run."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)


def in_child() -> None:
    """In a worker process forked from a process with these handlers: SIGTERM ends it at once
    again (multiprocessing.Pool ends its workers with SIGTERM)."""
    if signal.getsignal(signal.SIGTERM) is _on_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def check() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed, even if its first one was swallowed."""
    if _requested.is_set():
        raise KeyboardInterrupt


def requested() -> bool:
    return _requested.is_set()


def reset() -> None:  # tests, and a library caller that handled the interrupt itself
    _requested.clear()
