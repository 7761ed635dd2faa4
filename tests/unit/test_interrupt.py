"""A Ctrl-C whose KeyboardInterrupt Python swallowed (in a finalizer, a weakref callback) still
stops the run before the archive is swapped: the previous archive stays."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from mwmigrate import interrupt
from mwmigrate.archive.writer import ArchiveWriter


def test_a_recorded_interrupt_stops_the_swap_and_keeps_the_previous_archive(tmp_path: Path) -> None:
    target = tmp_path / "site"
    with ArchiveWriter(target) as writer:
        writer.write_bytes("old.md", b"previous")
        writer.commit({})
    try:
        with ArchiveWriter(target) as writer:
            writer.write_bytes("new.md", b"new")
            interrupt._requested.set()  # what the handler records with the KeyboardInterrupt
            with pytest.raises(KeyboardInterrupt):
                writer.commit({})
    finally:
        interrupt.reset()
    assert sorted(p.name for p in target.iterdir()) == ["manifest.json", "old.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left


def test_the_handler_records_and_raises() -> None:
    try:
        with pytest.raises(KeyboardInterrupt):
            interrupt._on_sigint(signal.SIGINT, None)
        assert interrupt.requested()
        with pytest.raises(KeyboardInterrupt):
            interrupt.check()
    finally:
        interrupt.reset()
    interrupt.check()  # nothing recorded: nothing raised


def test_sigterm_is_handled_like_ctrl_c_but_not_in_forked_workers() -> None:
    saved = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        interrupt.install()
        assert signal.getsignal(signal.SIGTERM) is interrupt._on_sigterm
        with pytest.raises(interrupt.Terminated):
            interrupt._on_sigterm(signal.SIGTERM, None)
        assert interrupt.requested()
        assert issubclass(interrupt.Terminated, KeyboardInterrupt)  # (stops what Ctrl-C stops)
        interrupt.in_child()  # what a pool worker does first: SIGTERM ends it at once again
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        interrupt.install()  # a signal someone ignores is left alone
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    finally:
        interrupt.reset()
        signal.signal(signal.SIGINT, saved[0])
        signal.signal(signal.SIGTERM, saved[1])
