"""The redirect map (archive.redirects): one old URL, one target; nothing that breaks its files."""

from __future__ import annotations

from mwmigrate.archive.builder import attachment_redirects, feed_redirects, term_redirects
from mwmigrate.archive.redirects import Redirect, _unique
from mwmigrate.model import Term


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


# --------------------------------------------------------------------------- reviewed cases



def _export(tmp_path, link: str, items: str, terms: str = "", **options) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Migrate a small export (channel <link> ``link``); the redirect map, old -> (new, type)."""
    import csv

    from mwmigrate.migrate import MigrateOptions, migrate_wxr

    export = tmp_path / "e.xml"
    export.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>t</title><link>{link}</link>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{terms}{items}</channel></rss>\n", encoding="utf-8")
    out = tmp_path / "out"
    migrate_wxr(export, out, MigrateOptions(progress=False, **options))
    with open(out / "redirects" / "redirects.csv", encoding="utf-8", newline="") as fh:
        return {row["old"]: (row["new"], row["type"]) for row in csv.DictReader(fh)}


def _post(wp_id: int, url: str, extra: str = "", kind: str = "post", status: str = "publish") -> str:
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    return (f"<item><title>P{wp_id}</title><link>{url}</link>"
            f"<content:encoded><![CDATA[<p>b</p>]]></content:encoded><wp:post_id>{wp_id}</wp:post_id>"
            "<wp:post_date>2024-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-02 10:00:00</wp:post_date_gmt>"
            f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
            f"<wp:post_type>{kind}</wp:post_type>{extra}</item>")


def test_hostile_term_slugs_get_no_page_and_no_redirect(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cats = "".join(f'<category domain="category" nicename="{n}"><![CDATA[C]]></category>'
                   for n in ("%2e%2e", "a%2F..%2Fb", "a%0Ab", "con", "News", "x" * 300, "ok"))
    table = _export(tmp_path, "https://example.org", _post(1, "https://example.org/p/", cats))
    made = sorted(p.parent.name for p in (tmp_path / "out" / "content" / "categories").glob("*/_index.md"))
    assert made == ["ok"]
    assert {old for old, (_, kind) in table.items() if kind == "category"} == {"/category/ok/"}


def test_site_rows_never_take_a_page_of_the_new_site(tmp_path) -> None:  # type: ignore[no-untyped-def]
    att = ("<item><title>a</title><link>{link}</link><wp:post_id>{id}</wp:post_id>"
           "<wp:post_parent>1</wp:post_parent><wp:post_type>attachment</wp:post_type>"
           "<wp:status>inherit</wp:status><wp:attachment_url>https://example.org/a.jpg</wp:attachment_url></item>")
    table = _export(tmp_path, "https://example.org", _post(1, "https://example.org/parent/")
                    + _post(2, "https://example.org/other/")
                    + att.format(link="https://example.org/other/", id=10)
                    + att.format(link="https://example.org/", id=11))
    assert "/other/" not in table and "/" not in table  # (the attachments' own pages were there)
    assert table["/?attachment_id=10"] == ("/parent/", "attachment")


def test_a_term_archive_wins_over_a_posts_earlier_url(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # WordPress shows the category archive at /category/news/ (its rewrite rules come first):
    # a page once there (its earlier slug) is not what a visitor got.
    terms = ("<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>news</wp:category_nicename>"
             "<wp:category_parent></wp:category_parent><wp:cat_name>News</wp:cat_name></wp:category>")
    page = _post(3, "https://example.org/category/foo/", "<wp:post_parent>4</wp:post_parent>"
                 "<wp:postmeta><wp:meta_key>_wp_old_slug</wp:meta_key><wp:meta_value>news</wp:meta_value></wp:postmeta>",
                 kind="page")
    post = _post(1, "https://example.org/p/", '<category domain="category" nicename="news"><![CDATA[News]]></category>')
    table = _export(tmp_path, "https://example.org", page + _post(4, "https://example.org/category/", kind="page") + post, terms)
    assert table["/category/news/"] == ("/categories/news/", "category")


def test_a_home_link_without_scheme_or_encoded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "/?p=1" in _export(tmp_path, "example.org", _post(1, "https://example.org/p/"))
    table = _export(tmp_path, "https://example.org/caf%C3%A9", _post(1, "https://example.org/caf%C3%A9/p/"))
    assert "/café/?p=1" in table and "/café/feed/" in table


def test_term_feeds_from_term_links_of_any_form() -> None:
    def olds(url: str, home: str = "") -> list[str]:
        return [r.old for r in feed_redirects([Term("category", "news", "N", wp_id=5, url=url)],
                                              {("category", "news")}, home)][6:]
    assert olds("https://example.org/?cat=5") == ["/category/news/feed/", "/?feed=rss2&cat=5"]
    assert olds("https://example.org/category/news") == ["/category/news/feed/", "/?feed=rss2&cat=5"]
    # a plain-permalink site below the root: its home is no category's
    assert olds("https://example.org/news/?cat=5", "/news") == ["/news/category/news/feed/",
                                                               "/news/?feed=rss2&cat=5"]
    assert [r.old for r in term_redirects([Term("category", "news", "N", wp_id=5, url="https://example.org/news/?cat=5")],
                                          {("category", "news")}, "/news")] == ["/news/category/news/", "/news/?cat=5"]


def test_one_url_however_spelt() -> None:
    rows, warnings = _unique([Redirect("/café/x/", "/n/", 1), Redirect("/caf%C3%A9/x/", "/n/", 2)])
    assert rows == [Redirect("/café/x/", "/n/", 1)] and warnings == []


def test_too_many_rules_for_netlify_is_said(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from mwmigrate.archive.redirects import NETLIFY_ADVISED_MAX, write_redirects
    from mwmigrate.archive.writer import ArchiveWriter

    def warnings_for(n: int, out: str) -> list[str]:
        with ArchiveWriter(tmp_path / out) as writer:
            rows, warnings = write_redirects(writer, [Redirect(f"/old-{i}/", f"/new-{i}/", i) for i in range(n)])
            writer.commit({})
        assert len(rows) == n
        return warnings

    assert warnings_for(NETLIFY_ADVISED_MAX, "a") == []
    said = warnings_for(NETLIFY_ADVISED_MAX + 1, "b")
    assert len(said) == 1 and "10,001 rules" in said[0] and "Netlify advises" in said[0]


def test_terms_in_any_script_get_their_page_and_redirect(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Devanagari and Thai words hold combining marks (not \w to Python's re): Hugo keeps them.
    cats = ('<category domain="category" nicename="%e0%a4%b9%e0%a4%bf%e0%a4%a8%e0%a5%8d%e0%a4%a6%e0%a5%80">'
            '<![CDATA[H]]></category><category domain="post_tag" nicename="%e0%b8%aa%e0%b8%a7%e0%b8%b1%e0%b8%aa%e0%b8%94%e0%b8%b5">'
            "<![CDATA[S]]></category>")
    table = _export(tmp_path, "https://example.org", _post(1, "https://example.org/p/", cats))
    assert table["/category/हिन्दी/"] == ("/categories/हिन्दी/", "category")
    assert table["/tag/สวัสดี/"] == ("/tags/สวัสดี/", "post_tag")



def test_with_clean_permalinks_a_posts_own_old_url_wins(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # (an attachment page whose link is post 2's URL: WordPress showed post 2 there)
    att = ("<item><title>a</title><link>https://example.org/other/</link><wp:post_id>10</wp:post_id>"
           "<wp:post_parent>1</wp:post_parent><wp:post_type>attachment</wp:post_type>"
           "<wp:status>inherit</wp:status><wp:attachment_url>https://example.org/a.jpg</wp:attachment_url></item>")
    table = _export(tmp_path, "https://example.org", _post(1, "https://example.org/parent/")
                    + _post(2, "https://example.org/other/") + att, permalinks="clean")
    assert table["/other/"] == ("/posts/other/", "post")


def test_no_row_hides_a_page_of_the_new_site(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # --permalinks clean: page 1 is /about/ on the new site; post 2 was /about/ on the old one
    table = _export(tmp_path, "https://example.org", _post(1, "https://example.org/about/", kind="page")
                    + _post(2, "https://example.org/about/"), permalinks="clean")
    assert "/about/" not in table
    manifest = __import__("json").loads((tmp_path / "out" / "manifest.json").read_text())
    assert any("/about/" in w and "has a page there" in w for w in manifest["warnings"])


def test_archive_rows_are_forced_on_netlify(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A Hugo alias file (a post's earlier URL at /category/news/) would shadow an unforced rule.
    post = _post(1, "https://example.org/p/", '<category domain="category" nicename="news"><![CDATA[N]]></category>')
    _export(tmp_path, "https://example.org", post)
    lines = (tmp_path / "out" / "redirects" / "_redirects").read_text().splitlines()
    assert "/category/news/ /categories/news/ 301!" in lines
    assert "/category/news/feed/ /categories/news/index.xml 301!" in lines



def test_urls_differing_only_in_case_are_one_row() -> None:
    # nginx map keys ignore case: two of them would make nginx refuse the whole map
    rows, warnings = _unique([Redirect("/About/", "/a/", 1), Redirect("/about/", "/b/", 2)])
    assert rows == [Redirect("/About/", "/a/", 1)] and len(warnings) == 1


def test_netlify_has_the_lower_case_escapes_wordpress_links_use() -> None:
    from mwmigrate.archive.redirects import _netlify_lines

    assert _netlify_lines(Redirect("/tag/日本/", "/tags/日本/", 3, "post_tag")) == [
        "/tag/%E6%97%A5%E6%9C%AC/ /tags/%E6%97%A5%E6%9C%AC/ 301!",
        "/tag/%e6%97%a5%e6%9c%ac/ /tags/%E6%97%A5%E6%9C%AC/ 301!",
        "/tag/日本/ /tags/%E6%97%A5%E6%9C%AC/ 301!"]


def test_a_post_without_an_id_has_no_query_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = _post(1, "https://example.org/p/").replace("<wp:post_id>1</wp:post_id>", "")
    table = _export(tmp_path, "https://example.org", item + item.replace("/p/", "/q/"))
    assert not [old for old in table if "?p=" in old or "p=-" in old or "p=0" in old]


def test_the_permalinks_front_is_in_front_of_the_archives(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # /blog/%postname%/: WordPress's category and tag archives are /blog/category/<slug>/
    # (their rewrite bases take the permalink structure's front: with_front).
    cat = '<category domain="category" nicename="news"><![CDATA[N]]></category>'
    table = _export(tmp_path, "https://example.org", _post(1, "https://example.org/blog/hello/", cat)
                    + _post(2, "https://example.org/blog/world/", cat)
                    + _post(3, "https://example.org/about/", kind="page"))
    assert table["/blog/category/news/"] == ("/categories/news/", "category")
    assert table["/blog/category/news/feed/"] == ("/categories/news/index.xml", "feed")
    assert "/category/news/" in table  # (WordPress's default kept: the front is inferred)


def test_no_front_for_date_or_plain_permalinks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cat = '<category domain="category" nicename="news"><![CDATA[N]]></category>'
    table = _export(tmp_path, "https://example.org", _post(1, "https://example.org/2024/01/02/hello/", cat))
    assert [old for old in table if "category/news/" in old and not old.startswith("/category/")] == []


def test_no_rows_for_what_wordpress_did_not_serve(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # --include-drafts: a draft, a private and a scheduled post are in the archive, but their old
    # URLs were 404s to visitors and their new pages are not published: no rows.
    items = (_post(1, "https://example.org/?p=1", status="draft") + _post(2, "https://example.org/two/", status="private")
             + _post(3, "https://example.org/three/", status="future") + _post(4, "https://example.org/four/"))
    table = _export(tmp_path, "https://example.org", items, include_drafts=True, include_private=True,
                    permalinks="clean")
    assert {old for old, (_, kind) in table.items() if kind == "post"} == {"/four/", "/?p=4"}
