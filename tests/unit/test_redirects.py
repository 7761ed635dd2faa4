"""The redirect map (archive.redirects): one old URL, one target; nothing that breaks its files."""

from __future__ import annotations

from mwmigrate.archive.redirects import Redirect, _unique


def test_first_claim_wins_and_clashes_are_reported() -> None:
    rows, warnings = _unique([Redirect("/a/", "/x/", 1), Redirect("/a/", "/y/", 2), Redirect("/a/", "/x/", 3),
                              Redirect("/same/", "/same/", 4)])
    assert rows == [Redirect("/a/", "/x/", 1)]
    assert warnings == ["redirect clash: /a/ is claimed by posts 1 and 2; kept the first"]


def test_paths_that_would_break_a_redirect_file_are_left_out() -> None:
    # A newline would start a new rule in _redirects (Netlify) or nginx-map.conf.
    rows, warnings = _unique([Redirect("/a\n/* https://evil.example 301/", "/x/", 1),
                              Redirect("/../etc/", "/x/", 2), Redirect("/ok/", "/x/", 3)])
    assert rows == [Redirect("/ok/", "/x/", 3)]
    assert len(warnings) == 2 and all("left out" in w for w in warnings)
