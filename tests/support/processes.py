"""Killing a CLI run at a chosen moment, for the tests of resuming after a kill."""

from __future__ import annotations

import signal
import subprocess
import threading


def sigkill_when(proc: subprocess.Popen, reached: threading.Event, timeout: float = 60) -> int:
    """SIGKILL ``proc`` once ``reached`` is set (a local server holds the chosen request);
    returns its exit code. Fails the test if the moment never comes."""
    try:
        assert reached.wait(timeout), proc.poll()
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode
