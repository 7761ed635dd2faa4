"""The redirect map (archive.redirects): one old URL, one target; nothing that breaks its files."""

from __future__ import annotations

from mwmigrate.archive.redirects import Redirect, _unique


def test_first_claim_wins_and_clashes_are_reported() -> None:
    rows, warnings = _unique([Redirect("/a/", "/x/", 1), Redirect("/a/", "/y/", 2), Redirect("/a/", "/x/", 3),
                              Redirect("/same/", "/same/", 4)])
    assert rows == [Redirect("/a/", "/x/", 1)]
    assert warnings == ["redirect clash: /a/ is claimed by post 1 and post 2; kept the first"]
    # a post's earlier URL and a term archive: which is which is said
    _, warnings = _unique([Redirect("/tag/x/", "/x/", 1, "page"),
                           Redirect("/tag/x/", "/tags/x/", 7, "post_tag")])
    assert warnings == ["redirect clash: /tag/x/ is claimed by page 1 and post_tag 7; kept the first"]


def test_paths_that_would_break_a_redirect_file_are_left_out() -> None:
    # A newline would start a new rule in _redirects (Netlify) or nginx-map.conf.
    rows, warnings = _unique([Redirect("/a\n/* https://evil.example 301/", "/x/", 1),
                              Redirect("/../etc/", "/x/", 2), Redirect("/ok/", "/x/", 3)])
    assert rows == [Redirect("/ok/", "/x/", 3)]
    assert len(warnings) == 2 and all("left out" in w for w in warnings)


# --------------------------------------------------------------------------- term archives

from mwmigrate.archive.builder import term_redirects  # noqa: E402
from mwmigrate.model import Term  # noqa: E402


def _table(redirects) -> dict[str, tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return {r.old: (r.new, r.type, r.wp_id) for r in redirects}


def test_term_archives_go_to_hugos_term_pages() -> None:
    terms = [Term("category", "news", "News", wp_id=5),
             Term("category", "local", "Local", wp_id=6, parent="news"),
             Term("category", "bristol", "Bristol", wp_id=7, parent="local"),
             Term("category", "unused", "Unused", wp_id=8),
             Term("post_tag", "wills", "Wills", wp_id=9),
             Term("post_format", "post-format-aside", "Aside")]
    used = {("category", "news"), ("category", "bristol"), ("post_tag", "wills"),
            ("post_tag", "undeclared")}
    table = _table(term_redirects(terms, used))
    assert table == {
        "/category/news/": ("/categories/news/", "category", 5),
        "/?cat=5": ("/categories/news/", "category", 5),
        # a child's canonical URL holds its ancestors; WordPress answers the short one too
        "/category/news/local/bristol/": ("/categories/bristol/", "category", 7),
        "/category/bristol/": ("/categories/bristol/", "category", 7),
        "/?cat=7": ("/categories/bristol/", "category", 7),
        "/tag/wills/": ("/tags/wills/", "post_tag", 9),
        "/?tag=wills": ("/tags/wills/", "post_tag", 9),
        # on a post, missing from the export's list of terms: no id, so no ?cat=
        "/tag/undeclared/": ("/tags/undeclared/", "post_tag", 0),
        "/?tag=undeclared": ("/tags/undeclared/", "post_tag", 0),
    }


def test_a_terms_own_url_comes_first_and_parent_loops_end() -> None:
    terms = [Term("category", "a", "A", wp_id=1, parent="b",
                  url="https://example.org/topics/b/a/"),  # a custom category base (REST's link)
             Term("category", "b", "B", wp_id=2, parent="a")]  # a loop (a broken export)
    redirects = term_redirects(terms, {("category", "a")})
    assert [r.old for r in redirects] == ["/topics/b/a/", "/category/b/a/", "/category/a/", "/?cat=1"]
    assert {r.new for r in redirects} == {"/categories/a/"}


# --------------------------------------------------------------------------- attachment pages

from mwmigrate.archive.builder import attachment_redirects  # noqa: E402


def test_attachment_pages_go_to_the_post_they_were_uploaded_to() -> None:
    pages = {611: (555, "https://old.example/2010/09/10/gallery/canola2/"),
             612: (555, "https://old.example/?attachment_id=612"),  # plain permalinks
             613: (999, "https://old.example/2010/09/10/elsewhere/pic/"),  # parent not migrated
             614: (555, "")}
    table = {r.old: (r.new, r.type, r.wp_id)
             for r in attachment_redirects(pages, {555: "/2010/09/10/gallery/"})}
    assert table == {
        "/2010/09/10/gallery/canola2/": ("/2010/09/10/gallery/", "attachment", 611),
        "/?attachment_id=611": ("/2010/09/10/gallery/", "attachment", 611),
        "/?attachment_id=612": ("/2010/09/10/gallery/", "attachment", 612),
        "/?attachment_id=614": ("/2010/09/10/gallery/", "attachment", 614),
    }
