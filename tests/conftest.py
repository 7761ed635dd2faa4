"""Shared test configuration: where the repository and the read-only shared data live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # laid beside the clone, read-only (CI does the same)
WXR_DIR = SHARED / "data" / "wxr"

from tests.support.fixtures import morganwiseman_site  # noqa: E402,F401  (pytest fixture)
