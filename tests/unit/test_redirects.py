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


# --------------------------------------------------------------------------- a home below the root

def test_a_site_at_a_subfolder_keeps_its_old_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """WordPress at https://example.org/news: its shortlinks were /news/?p=N, its archives and
    feeds under /news/ too; none of them is the new site's root."""
    import csv

    from mwmigrate.migrate import MigrateOptions, migrate_wxr

    export = tmp_path / "news.xml"
    export.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>News</title>'
        "<link>https://example.org/news</link><wp:wxr_version>1.2</wp:wxr_version>"
        "<wp:base_site_url>https://example.org/wordpress</wp:base_site_url>"
        "<wp:base_blog_url>https://example.org/news</wp:base_blog_url>"
        "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>firm</wp:category_nicename>"
        "<wp:category_parent></wp:category_parent><wp:cat_name>Firm</wp:cat_name></wp:category>"
        "<item><title>Hello</title><link>https://example.org/news/2024/01/02/hello/</link>"
        "<content:encoded><![CDATA[<p>Hi.</p>]]></content:encoded><wp:post_id>7</wp:post_id>"
        "<wp:post_date>2024-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-02 10:00:00</wp:post_date_gmt>"
        "<wp:post_name>hello</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        '<category domain="category" nicename="firm"><![CDATA[Firm]]></category></item>'
        "<item><title>pic</title><link>https://example.org/news/2024/01/02/hello/pic/</link>"
        "<wp:post_id>8</wp:post_id><wp:post_parent>7</wp:post_parent><wp:post_type>attachment</wp:post_type>"
        "<wp:status>inherit</wp:status>"
        "<wp:attachment_url>https://example.org/wordpress/wp-content/uploads/pic.jpg</wp:attachment_url></item>"
        "</channel></rss>\n", encoding="utf-8")
    out = tmp_path / "out"
    migrate_wxr(export, out, MigrateOptions(progress=False))
    with open(out / "redirects" / "redirects.csv", encoding="utf-8", newline="") as fh:
        olds = {row["old"]: row["type"] for row in csv.DictReader(fh)}
    assert {"/news/?p=7", "/news/category/firm/", "/news/?cat=4", "/news/feed/",
            "/news/category/firm/feed/", "/news/2024/01/02/hello/pic/",
            "/news/?attachment_id=8"} <= set(olds)
    assert not [old for old in olds if not old.startswith("/news/")]
