"""Shared test configuration: where the repository and the read-only shared data live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The read-only shared data (real WXR exports, WordPress's own renderings): laid beside the clone
# (CI does the same), or wherever MWMIGRATE_SHARED says.
SHARED = Path(os.environ.get("MWMIGRATE_SHARED") or ROOT.parent / "shared")
WXR_DIR = SHARED / "data" / "wxr"


_NO_SHARED = (f"shared data NOT FOUND at {SHARED}: the tests that read the real exports fail; "
              "put the shared folder beside the clone, or set MWMIGRATE_SHARED to it")


def pytest_report_header(config) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"shared data: {SHARED}" if WXR_DIR.is_dir() else _NO_SHARED]


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if not WXR_DIR.is_dir():  # (said again at the end: -q shows no header)
        terminalreporter.write_line(_NO_SHARED, red=True, bold=True)

from tests.support.fixtures import morganwiseman_site  # noqa: E402,F401  (pytest fixture)
