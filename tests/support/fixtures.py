"""pytest fixtures for the local fixture sites.

Import into tests/conftest.py with:

    from tests.support.fixtures import morganwiseman_site  # noqa: F401
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .static_site import serve_site

REPO = Path(__file__).resolve().parents[2]
MORGANWISEMAN_SITE = REPO / "fixtures" / "sites" / "morganwiseman" / "site"
MORGANWISEMAN_WXR = REPO / "fixtures" / "wxr" / "morganwiseman.xml"


@pytest.fixture(scope="session")
def morganwiseman_site():
    """Base URL (``http://127.0.0.1:<port>``, no trailing slash) of the Morgan Wiseman mirror."""
    with serve_site(MORGANWISEMAN_SITE) as base_url:
        yield base_url
