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


def _on_sigint(signum: int, frame: Any) -> None:
    _requested.set()
    raise KeyboardInterrupt


def install() -> None:
    """Use the handler for SIGINT (from the main thread; kept off if SIGINT is ignored)."""
    if (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
        signal.signal(signal.SIGINT, _on_sigint)


def check() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed, even if its first one was swallowed."""
    if _requested.is_set():
        raise KeyboardInterrupt


def requested() -> bool:
    return _requested.is_set()


def reset() -> None:  # tests, and a library caller that handled the interrupt itself
    _requested.clear()
