"""Test support helpers (local fixture servers, pytest fixtures)."""
from .static_site import serve_site

__all__ = ["serve_site"]
