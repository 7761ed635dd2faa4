"""SIGTERM (``kill``, systemd, a cron job's timeout) stops a WXR migration as Ctrl-C does: exit
code 143, one line saying so, the previous archive as it was, no staging folder or worker left.

Before, SIGTERM ended the process at once: the previous archive stayed, but the unfinished
staging folder (and the pool's pickles in it) waited beside it for the next run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import WXR_DIR

ROOT = Path(__file__).resolve().parents[2]
SOURCE = WXR_DIR / "themeunittestdata.wordpress.xml"


@pytest.fixture(scope="module")
def big_export(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("make_big_wxr", ROOT / "bench" / "make_big_wxr.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    out = tmp_path_factory.mktemp("big") / "big.xml"
    gen.generate(SOURCE, out, copies=40)  # (~12 MB: a few seconds to migrate)
    return out


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _ours_alive(marker: str) -> list[str]:
    """Processes whose command line names ``marker`` (the run's output folder): the run's
    own process and its pool workers (forked: the same command line)."""
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in cmd:
                found.append(cmd)
    return found


@pytest.mark.parametrize("after", [0.4, 2.5])  # in the first pass; in the second
def test_sigterm_stops_the_run_and_keeps_the_previous_archive(tmp_path: Path, big_export: Path,
                                                               after: float) -> None:
    out = tmp_path / "site"
    first = subprocess.run([sys.executable, "-m", "mwmigrate", "migrate", str(SOURCE), "--out",
                            str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = _hashes(out)
    proc = subprocess.Popen([sys.executable, "-m", "mwmigrate", "migrate", str(big_export),
                             "--out", str(out), "--workers", "2"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    assert proc.poll() is None, "the run ended before it could be stopped: make the export larger"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1].startswith("mwmigrate: terminated (SIGTERM)"), err
    assert _hashes(out) == before  # the previous archive, as it was
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left
    deadline = time.monotonic() + 10
    while _ours_alive(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _ours_alive(str(out)) == []  # no worker left behind
