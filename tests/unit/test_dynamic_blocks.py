"""Dynamic core blocks rendered from a SiteView (convert.dynamic, convert.siteview)."""

from __future__ import annotations

import re

import pytest

from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.convert.siteview import SiteView, build_site_view
from mwmigrate.model import Author, Comment, Post, Site, Term

URL = "http://example.test"


@pytest.fixture(scope="module")
def site() -> SiteView:
    posts = [
        Post(wp_id=1, title="First", slug="first", date="2023-01-05T10:00:00+00:00", author="ann",
             categories=["news"], tags=["a"], content_raw="<p>one two three</p>"),
        Post(wp_id=2, title="Second", slug="second", date="2023-02-07T10:00:00+00:00", author="ann",
             categories=["news", "child"], tags=["a", "b"], content_raw="<p>" + "word " * 60 + "</p>",
             comments=[Comment(wp_id=9, post_id=2, author="Bob", author_url="http://bob.test/",
                               date="2023-02-08T09:00:00+00:00", content_html="Nice post, thanks.")]),
        Post(wp_id=3, title="Pinned", slug="pinned", date="2022-12-01T10:00:00+00:00", author="ann",
             sticky=True, content_raw="<p>sticky</p>"),
        Post(wp_id=4, title="Draft", status="draft", date="2023-03-01T10:00:00+00:00", content_raw="x"),
        Post(wp_id=10, type="page", title="About", slug="about", menu_order=1),
        Post(wp_id=11, type="page", title="Team", slug="team", parent=10),
    ]
    terms = [Term(taxonomy="category", slug="news", name="News", wp_id=5),
             Term(taxonomy="category", slug="child", name="Child", wp_id=6, parent="news"),
             Term(taxonomy="category", slug="empty", name="Empty", wp_id=7),
             Term(taxonomy="post_tag", slug="a", name="Alpha", wp_id=8),
             Term(taxonomy="post_tag", slug="b", name="Beta", wp_id=9)]
    return build_site_view(posts, terms, [Author(login="ann", display_name="Ann")], Site(title="Demo", url=URL),
                           permalink_structure="/%year%/%monthnum%/%postname%/", now="2023-02-07")


def render(raw: str, site: SiteView | None, post_id: int = 1) -> tuple[str, list[str]]:
    out = render_content(raw, RenderContext(post_id=post_id, site=site))
    return out.html, out.warnings


def test_site_view_counts_urls_and_excerpts(site: SiteView) -> None:
    assert site.posts[2].url == f"{URL}/2023/02/second/"
    assert site.posts[11].url == f"{URL}/about/team/"
    news = site.term("category", "news")
    assert news is not None and news.count == 2 and news.url == f"{URL}/category/news/"
    assert site.term("category", "child").url == f"{URL}/category/news/child/"  # type: ignore[union-attr]
    assert site.posts[1].words == ("one", "two", "three") and site.posts[2].more_words is False
    assert len(site.posts[2].words) == 60 and site.sticky == (3,)
    assert [c.id for c in site.comments] == [9]


def test_archives_list_with_counts(site: SiteView) -> None:
    html, _ = render('<!-- wp:archives {"showPostCounts":true} /-->', site)
    assert html == (
        '<ul class=" wp-block-archives-list wp-block-archives">'
        f"\t<li><a href='{URL}/2023/02/'>February 2023</a>&nbsp;(1)</li>\n"
        f"\t<li><a href='{URL}/2023/01/'>January 2023</a>&nbsp;(1)</li>\n"
        f"\t<li><a href='{URL}/2022/12/'>December 2022</a>&nbsp;(1)</li>\n</ul>"
    )


def test_categories_hierarchy_hides_empty(site: SiteView) -> None:
    html, _ = render('<!-- wp:categories {"showHierarchy":true,"showPostCounts":true} /-->', site)
    assert html == (
        '<ul class="wp-block-categories-list wp-block-categories">'
        f'\t<li class="cat-item cat-item-5"><a href="{URL}/category/news/">News</a> (2)\n'
        "<ul class='children'>\n"
        f'\t<li class="cat-item cat-item-6"><a href="{URL}/category/news/child/">Child</a> (1)\n</li>\n'
        "</ul>\n</li>\n"
        # A post saved without a category is in the default one, as wp_insert_post() makes it.
        f'\t<li class="cat-item cat-item-10"><a href="{URL}/category/uncategorized/">uncategorized</a> (1)\n</li>\n</ul>'
    )


def test_latest_posts_skip_drafts_and_show_dates(site: SiteView) -> None:
    html, _ = render('<!-- wp:latest-posts {"postsToShow":2,"displayPostDate":true} /-->', site)
    assert html == (
        '<ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts">'
        f'<li><a class="wp-block-latest-posts__post-title" href="{URL}/2023/02/second/">Second</a>'
        '<time datetime="2023-02-07T10:00:00+00:00" class="wp-block-latest-posts__post-date">February 7, 2023</time></li>\n'
        f'<li><a class="wp-block-latest-posts__post-title" href="{URL}/2023/01/first/">First</a>'
        '<time datetime="2023-01-05T10:00:00+00:00" class="wp-block-latest-posts__post-date">January 5, 2023</time></li>\n'
        "</ul>"
    )


def test_tag_cloud_font_sizes(site: SiteView) -> None:
    html, _ = render("<!-- wp:tag-cloud /-->", site)
    assert 'style="font-size: 22pt;" aria-label="Alpha (2 items)">Alpha</a>' in html
    assert 'style="font-size: 8pt;" aria-label="Beta (1 item)">Beta</a>' in html
    assert html.startswith('<p class="wp-block-tag-cloud"><a href="http://example.test/tag/a/"')


def test_calendar_shows_the_now_month_with_links(site: SiteView) -> None:
    html, _ = render("<!-- wp:calendar /-->", site)
    assert "<caption>February 2023</caption>" in html
    assert (f'<td id="today"><a href="{URL}/2023/02/07/" aria-label="Posts published on February 7, 2023">7</a></td>'
            in html)
    assert f'<span class="wp-calendar-nav-prev"><a href="{URL}/2023/01/">&laquo; Jan</a></span>' in html


def test_page_list_nests_children(site: SiteView) -> None:
    html, _ = render("<!-- wp:page-list /-->", site)
    assert html == (
        '<ul class="wp-block-page-list"><li class="wp-block-pages-list__item has-child">'
        f'<a class="wp-block-pages-list__item__link" href="{URL}/about/">About</a><ul class="submenu-container">'
        f'<li class="wp-block-pages-list__item"><a class="wp-block-pages-list__item__link" href="{URL}/about/team/">'
        "Team</a></li></ul></li></ul>"
    )


def test_query_loop_puts_sticky_first_and_paginates(site: SiteView) -> None:
    raw = ('<!-- wp:query {"queryId":0,"query":{"perPage":1,"postType":"post","order":"desc","orderBy":"date",'
           '"sticky":"","inherit":false}} --><div class="wp-block-query"><!-- wp:post-template -->'
           "<!-- wp:post-title /--><!-- /wp:post-template --><!-- wp:query-pagination -->"
           "<!-- wp:query-pagination-next /--><!-- /wp:query-pagination --></div><!-- /wp:query -->")
    html, warnings = render(raw, site)
    assert html.count('<h2 class="wp-block-post-title">') == 2
    assert html.index("Pinned") < html.index("Second") and "First" not in html
    assert 'class="wp-block-query-pagination-next">Next Page</a>' in html and not warnings


def test_latest_comments_and_comment_excerpt(site: SiteView) -> None:
    html, _ = render('<!-- wp:latest-comments {"displayAvatar":false} /-->', site)
    assert html == (
        '<ol class="has-dates has-excerpts wp-block-latest-comments"><li class="wp-block-latest-comments__comment">'
        '<article><footer class="wp-block-latest-comments__comment-meta"><a class="wp-block-latest-comments__comment-author" '
        f'href="http://bob.test/">Bob</a> on <a class="wp-block-latest-comments__comment-link" href="{URL}/2023/02/second/'
        '#comment-9">Second</a><time datetime="2023-02-08T09:00:00+00:00" class="wp-block-latest-comments__comment-date">'
        'February 8, 2023</time></footer><div class="wp-block-latest-comments__comment-excerpt"><p>Nice post, thanks.</p>\n'
        "</div></article></li></ol>"
    )


def test_search_loginout_social_and_rss(site: SiteView) -> None:
    html, warnings = render('<!-- wp:search {"label":"Find","buttonText":"Go"} /-->', site)
    assert '<label for="wp-block-search__input-1" class="wp-block-search__label" >Find</label>' in html
    assert ">Go</button></div></form>" in html
    html, _ = render("<!-- wp:loginout /-->", site)
    assert html.startswith(f'<div class="logged-out wp-block-loginout"><a href="{URL}/wp-login.php?redirect_to=')
    html, _ = render('<!-- wp:social-link {"url":"example.org","service":"github"} /-->', site)
    assert '<a href="https://example.org" class="wp-block-social-link-anchor">' in html and ">GitHub</span>" in html
    html, warnings = render('<!-- wp:rss {"feedURL":"https://example.org/feed/"} /-->', site)
    assert "<strong>RSS Error:</strong>" in html and any("core/rss" in w for w in warnings)


def test_without_site_view_dynamic_blocks_warn_and_render_nothing() -> None:
    html, warnings = render("<!-- wp:archives /--><!-- wp:latest-posts /-->", None)
    assert html == ""
    assert warnings == [
        "post 1: dynamic block core/archives not rendered (WordPress computes its output from site data)",
        "post 1: dynamic block core/latest-posts not rendered (WordPress computes its output from site data)",
    ]


def test_blocks_the_export_cannot_render_still_warn(site: SiteView) -> None:
    html, warnings = render('<!-- wp:navigation {"ref":12} /--><!-- wp:site-logo /-->', site)
    assert html == ""
    assert warnings == [
        "post 1: navigation menu 12 (a wp_navigation post) is not in the export: left out",
        "post 1: dynamic block core/site-logo not rendered (WordPress computes its output from site data)",
    ]


def _paragraph(text: str) -> str:
    return f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"


@pytest.fixture(scope="module")
def patterns() -> SiteView:
    """A site whose synced patterns (wp_block posts) and menus (wp_navigation) are in the export."""
    posts = [
        Post(wp_id=1, title="News", slug="news", date="2024-03-01T10:00:00+00:00", content_raw="x"),
        Post(wp_id=20, type="page", title="Contact", slug="contact", date="2024-03-01T10:00:00+00:00"),
        Post(wp_id=50, type="wp_block", title="Contact box", slug="contact-box",
             content_raw=_paragraph('Call us -- we\'re "open".')),
        Post(wp_id=51, type="wp_block", title="Hours", slug="hours",
             content_raw="<!-- wp:heading -->\n<h2>Hours</h2>\n<!-- /wp:heading -->\n\n"
                         '<!-- wp:block {"ref":50} /-->'),
        Post(wp_id=52, type="wp_block", title="Loop", slug="loop",
             content_raw=_paragraph("Before.") + '<!-- wp:block {"ref":52} /-->' + _paragraph("After.")),
        Post(wp_id=53, type="wp_block", title="Draft", slug="draft", status="draft", content_raw=_paragraph("Draft.")),
        Post(wp_id=54, type="wp_block", title="Secret", slug="secret", password_protected=True,
             content_raw=_paragraph("Secret.")),
        Post(wp_id=55, type="wp_block", title="Classic", slug="classic",
             content_raw="line one\nline two\n\n[embed]https://example.org/video[/embed]"),
        Post(wp_id=60, type="wp_navigation", title="Footer &amp; legal", slug="footer", date="2024-01-01T10:00:00+00:00",
             content_raw='<!-- wp:navigation-link {"label":"Contact","url":"http://example.test/contact/","kind":"custom"} /-->\n\n'
                         '<!-- wp:navigation-link {"label":"Terms","url":"http://example.test/terms/","kind":"custom"} /-->'),
        Post(wp_id=61, type="wp_navigation", title="Older", slug="older", date="2023-01-01T10:00:00+00:00",
             content_raw='<!-- wp:navigation-link {"label":"Old","url":"http://example.test/old/","kind":"custom"} /-->'),
        Post(wp_id=62, type="wp_navigation", title="Draft menu", slug="draft-menu", status="draft",
             date="2024-02-01T10:00:00+00:00",
             content_raw='<!-- wp:navigation-link {"label":"Hidden","url":"http://example.test/hidden/","kind":"custom"} /-->'),
    ]
    return build_site_view(posts, site=Site(title="Demo", url=URL))


def _text(html: str) -> list[str]:
    """The visible text of rendered HTML, one entry per element with text."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
    return [t.strip() for t in root.itertext() if t.strip()]


def test_a_synced_pattern_is_rendered_in_place_and_filtered_with_the_post(patterns: SiteView) -> None:
    # As WordPress 6.1 renders it (checked against its REST API in tests/realwp): the pattern's
    # blocks take the reference's place and go through wptexturize with the rest of the body.
    html, warnings = render(_paragraph("Our news.") + '<!-- wp:block {"ref":50} /-->' + _paragraph("End."), patterns)
    assert _text(html) == ["Our news.", "Call us \u2014 we\u2019re \u201copen\u201d.", "End."]
    assert warnings == []
    html, _ = render('<!-- wp:block {"ref":51} /--><!-- wp:block {"ref":50} /-->', patterns)
    assert _text(html) == ["Hours", "Call us \u2014 we\u2019re \u201copen\u201d.", "Call us \u2014 we\u2019re \u201copen\u201d."]


def test_a_pattern_inside_itself_is_shown_once(patterns: SiteView) -> None:
    html, warnings = render('<!-- wp:block {"ref":52} /-->', patterns)
    assert _text(html) == ["Before.", "After."]
    assert warnings == []


def test_patterns_wordpress_does_not_show_render_nothing(patterns: SiteView) -> None:
    # Not published, password-protected, not a wp_block, no reference: WordPress prints nothing.
    for ref in ('{"ref":53}', '{"ref":54}', '{"ref":20}', ""):
        html, warnings = render(f"<!-- wp:block {ref} /-->", patterns)
        assert html == "" and warnings == [], ref


def test_a_pattern_missing_from_the_export_is_reported(patterns: SiteView) -> None:
    html, warnings = render(_paragraph("A") + '<!-- wp:block {"ref":999} /-->', patterns)
    assert _text(html) == ["A"]
    assert warnings == ["post 1: synced pattern 999 (a wp_block post) is not in the export: left out "
                        "(export all content to keep it)"]


def test_a_classic_pattern_gets_no_paragraphs_but_its_embeds(patterns: SiteView) -> None:
    # The body has blocks, so wpautop never runs; [embed] is run on the pattern's content.
    html, _ = render(_paragraph("A") + '<!-- wp:block {"ref":55} /-->', patterns)
    assert "line one\nline two" in html and "<br" not in html
    assert "[embed]" not in html and "https://example.org/video" in html


def test_pattern_posts_need_the_site_data() -> None:
    from mwmigrate.convert.render import may_need_site_data

    assert may_need_site_data('<!-- wp:block {"ref":50} /-->')


def test_navigation_menu_saved_as_a_post(patterns: SiteView) -> None:
    html, warnings = render('<!-- wp:navigation {"ref":60} /-->', patterns)
    assert _text(html) == ["Contact", "Terms"]
    assert 'aria-label="Footer &amp; legal"' in html and "is-fallback" not in html
    assert warnings == []


def test_navigation_falls_back_to_the_latest_published_menu(patterns: SiteView) -> None:
    # A draft menu (62) is not shown: WordPress shows the newest published one (60) instead.
    for block in ('<!-- wp:navigation {"ref":62} /-->', "<!-- wp:navigation /-->"):
        html, warnings = render(block, patterns)
        assert _text(html) == ["Contact", "Terms"], block
        assert "is-fallback" in html and 'aria-label=""' in html
        assert warnings == []


def test_comment_template_survives_a_comment_that_is_its_own_parent() -> None:
    # Broken exports exist: a comment with id 0 (parent 0) is its own parent in the tree walk
    # and must not recurse forever.
    posts = [Post(wp_id=1, title="P", slug="p", date="2023-01-05T10:00:00+00:00",
                  comments=[Comment(wp_id=0, post_id=1, parent=0, author="Loop",
                                    date="2023-01-06T10:00:00+00:00", content_html="again"),
                            Comment(wp_id=6, post_id=1, parent=0, author="Root",
                                    date="2023-01-06T11:00:00+00:00", content_html="top")])]
    view = build_site_view(posts, site=Site(title="Demo", url=URL))
    html, _ = render('<!-- wp:comments --><div class="wp-block-comments"><!-- wp:comment-template -->'
                     '<!-- wp:comment-content /--><!-- /wp:comment-template --></div>'
                     '<!-- /wp:comments -->', view)
    assert "top" in html
    assert html.count('id="comment-6"') == 1 and html.count('id="comment-0"') == 1


def test_excerpts_read_from_the_body_only_when_shown() -> None:
    # The WXR migration leaves generated excerpts out of the summaries (body_ref) and the view
    # reads a body when a block first shows its excerpt: the same HTML as with every excerpt
    # computed up front, and only the bodies of the posts shown are read.
    from mwmigrate.convert.siteview import SiteViewBuilder

    bodies = {i: "<p>" + " ".join(f"w{i}x{k}" for k in range(i * 7)) + "</p><!--more--><p>tail</p>"
              for i in range(1, 13)}
    bodies[5] = "[gallery ids=1]<!-- wp:paragraph --><p>It&#8217;s \"five\"</p><!-- /wp:paragraph -->"

    def posts() -> list[Post]:
        return [Post(wp_id=i, title=f"T{i}", slug=f"t{i}", date=f"2023-01-{i:02d}T10:00:00+00:00",
                     author="ann", content_raw=bodies[i]) for i in bodies]

    eager = build_site_view(posts(), site=Site(title="Demo", url=URL))
    builder = SiteViewBuilder()
    for post in posts():
        builder.add(post, body_ref=1000 + post.wp_id)
    reads: list[int] = []

    def read_body(ref: int) -> str:
        reads.append(ref - 1000)
        return bodies[ref - 1000]

    lazy = builder.build(site=Site(title="Demo", url=URL), read_body=read_body)
    assert all(p.excerpt_text == "" and p.body_ref > 0 for p in lazy.posts.values())
    blocks = [
        '<!-- wp:latest-posts {"postsToShow":3,"displayPostContent":true,"excerptLength":10} /-->',
        '<!-- wp:query {"queryId":1,"query":{"perPage":2,"offset":0,"postType":"post","order":"desc",'
        '"orderBy":"date","inherit":false}} --><div class="wp-block-query"><!-- wp:post-template -->'
        '<!-- wp:post-title /--><!-- wp:post-excerpt /--><!-- /wp:post-template --></div><!-- /wp:query -->',
    ]
    for block in blocks:
        assert render(block, lazy, post_id=99)[0] == render(block, eager, post_id=99)[0]
    assert sorted(set(reads)) == [10, 11, 12] and len(reads) == 3  # each read once
    search = ('<!-- wp:query {"queryId":2,"query":{"perPage":5,"postType":"post","search":"w3x4",'
              '"inherit":false}} --><div class="wp-block-query"><!-- wp:post-template --><!-- wp:post-title /-->'
              '<!-- /wp:post-template --></div><!-- /wp:query -->')
    html = render(search, lazy, post_id=99)[0]
    assert html == render(search, eager, post_id=99)[0] and ">T3<" in html and ">T4<" not in html
    assert sorted(set(reads)) == list(range(1, 13))  # a search looks at every excerpt
    assert lazy.generated_excerpt(lazy.posts[5]) == eager.generated_excerpt(eager.posts[5])


def test_weekly_and_daily_archives(site: SiteView) -> None:
    # Published posts: 2023-02-07 (Tue), 2023-01-05 (Thu), 2022-12-01 (Thu). Weeks as MySQL's
    # WEEK(date, 1) numbers them (1, 6, 48: checked with MariaDB), Monday to Sunday.
    html, warnings = render('<!-- wp:archives {"type":"weekly","showPostCounts":true} /-->', site)
    assert warnings == []
    assert [(a.get("href"), a.text) for a in _links(html)] == [
        (f"{URL}/?m=2023&w=6", "February 6, 2023\u2013February 12, 2023"),
        (f"{URL}/?m=2023&w=1", "January 2, 2023\u2013January 8, 2023"),
        (f"{URL}/?m=2022&w=48", "November 28, 2022\u2013December 4, 2022"),
    ]
    assert "</a>&nbsp;(1)</li>" in html
    html, _ = render('<!-- wp:archives {"type":"daily","displayAsDropdown":true,"showLabel":false} /-->', site)
    assert "<option value=\"\">Select Day</option>" in html and "screen-reader-text" in html
    assert [o.split("'")[1] for o in html.split("<option value=")[2:]] == [
        f"{URL}/2023/02/07/", f"{URL}/2023/01/05/", f"{URL}/2022/12/01/"]


def _links(html: str) -> list:  # type: ignore[type-arg]
    from lxml import html as lxml_html

    return list(lxml_html.fragment_fromstring(html, create_parent="div").iter("a"))


def test_mysql_week_numbers() -> None:
    from datetime import date

    from mwmigrate.convert.dynamic import _mysql_week

    # SELECT WEEK(d, 1) on MariaDB 10.11 gave these.
    days = {"2023-01-05": 1, "2023-02-07": 6, "2022-12-01": 48, "2024-12-30": 53, "2021-01-01": 0,
            "2020-12-31": 53, "2026-01-01": 1, "2026-12-31": 53}
    assert {d: _mysql_week(date.fromisoformat(d)) for d in days} == days


def test_loginout_options(site: SiteView) -> None:
    html, _ = render('<!-- wp:loginout {"redirectToCurrent":false} /-->', site)
    assert [a.get("href") for a in _links(html)] == [f"{URL}/wp-login.php"]
    html, _ = render('<!-- wp:loginout {"displayLoginAsForm":true} /-->', site)
    assert 'class="logged-out has-login-form wp-block-loginout"' in html
    assert f'<form name="loginform" id="loginform" action="{URL}/wp-login.php" method="post">' in html
    assert 'name="log"' in html and 'name="pwd"' in html


def test_avatar_and_author_name_link_to_the_author_archive(site: SiteView) -> None:
    html, _ = render('<!-- wp:avatar {"isLink":true} /--><!-- wp:post-author-name {"isLink":true} /-->', site)
    assert [(a.get("href"), a.get("class")) for a in _links(html)] == [
        (f"{URL}/author/ann/", "wp-block-avatar__link"), (f"{URL}/author/ann/", "wp-block-post-author-name__link")]
    assert _links(html)[1].text == "Ann"


def test_tag_cloud_orders_names_as_php_strnatcasecmp() -> None:
    from mwmigrate.convert.dynamic import _natural_key

    names = ["Block spacing", "blocks", "Item 10", "item 9", "Alpha"]
    assert sorted(names, key=_natural_key) == ["Alpha", "blocks", "Block spacing", "item 9", "Item 10"]


def test_query_loop_with_an_offset_shows_as_many_pages_as_wordpress(site: SiteView) -> None:
    # WP_Query's found_posts counts the posts the offset skips: 2 posts (the sticky one
    # excluded), 1 per page, offset 1 -> 2 pages (as WordPress 6.1 prints them), not 1.
    from mwmigrate.convert.dynamic import _query_page

    shown, pages = _query_page(site, {"perPage": 1, "offset": 1, "postType": "post", "sticky": "exclude"}, 1)
    assert pages == 2 and [p.title for p in shown] == ["First"]


def _render_notes(raw: str, footnotes: str) -> tuple[str, list[str]]:
    out = render_content(raw, RenderContext(post_id=7, footnotes=footnotes))
    return out.html, out.warnings


def test_footnotes_block_shows_the_notes_kept_in_the_post_meta() -> None:
    # render_block_core_footnotes() (WordPress 6.3): needs no site data, only the post's meta.
    raw = ('<!-- wp:paragraph --><p>Text<sup data-fn="n1" class="fn"><a href="#n1" id="n1-link">1</a></sup></p>'
           "<!-- /wp:paragraph --><!-- wp:footnotes /-->")
    html, warnings = _render_notes(raw, '[{"id":"n1","content":"A <em>note</em>"}]')
    assert html.endswith('<ol class="wp-block-footnotes"><li id="n1">A <em>note</em> '
                         '<a href="#n1-link">\u21a9\ufe0e</a></li></ol>')
    assert warnings == []
    html, warnings = _render_notes(raw, "")  # no meta: nothing, as WordPress, and said
    assert html.endswith("</p>") and warnings == ["post 7: footnotes block without the post's footnotes meta: no notes shown"]
    assert _render_notes(raw, "[]") == (html, [])  # all notes deleted
    html, warnings = _render_notes(raw, "[{broken")
    assert html.endswith("</p>") and warnings == ["post 7: its footnotes (the footnotes meta) are not valid JSON: left out"]
    html, _ = _render_notes(raw, '[{"id":"x\\" onclick=\\"evil","content":"c"}]')
    assert 'id="x&quot; onclick=&quot;evil"' in html


_CARD = (
    '<!-- wp:heading {"metadata":{"name":"Title","bindings":{"__default":{"source":"core/pattern-overrides"}}}} -->\n'
    '<h2 class="wp-block-heading">Default title</h2>\n<!-- /wp:heading -->\n\n'
    '<!-- wp:paragraph {"metadata":{"name":"Body","bindings":{"content":{"source":"core/pattern-overrides"}}}} -->\n'
    "<p>Default <strong>body</strong></p>\n<!-- /wp:paragraph -->\n\n"
    '<!-- wp:paragraph {"metadata":{"name":"Fixed"}} -->\n<p>Fixed text</p>\n<!-- /wp:paragraph -->\n\n'
    '<!-- wp:buttons --><div class="wp-block-buttons"><!-- wp:button {"metadata":{"name":"CTA","bindings":'
    '{"__default":{"source":"core/pattern-overrides"}}}} -->\n<div class="wp-block-button"><a class="wp-block-button__link" '
    'href="https://example.org/default">Default CTA</a></div>\n<!-- /wp:button --></div><!-- /wp:buttons -->\n\n'
    '<!-- wp:image {"metadata":{"name":"Pic","bindings":{"__default":{"source":"core/pattern-overrides"}}}} -->\n'
    '<figure class="wp-block-image"><img src="https://example.org/a.jpg" alt="A"/></figure>\n<!-- /wp:image -->'
)


def test_pattern_overrides_replace_the_named_blocks_content() -> None:
    # WordPress 6.5+ (read in WP_Block::process_block_bindings/replace_html; no such WordPress
    # runs here): an instance's "content" attribute overrides the pattern's bound, named blocks.
    posts = [Post(wp_id=1, title="P", slug="p", content_raw="x"),
             Post(wp_id=50, type="wp_block", title="Card", slug="card", content_raw=_CARD)]
    view = build_site_view(posts, site=Site(title="Demo", url=URL))
    overrides = ('{"Title":{"content":"Our <em>team</em>"},"Body":{"content":"New body"},'
                 '"Fixed":{"content":"ignored: not bound"},"CTA":{"text":"Call now","url":"tel:+44161"},'
                 '"Pic":{"url":"https://example.org/b.jpg","alt":"B & C"}}')
    html, warnings = render('<!-- wp:block {"ref":50,"content":%s} /-->' % overrides, view)
    assert _text(html) == ["Our", "team", "New body", "Fixed text", "Call now"]
    assert '<h2 class="wp-block-heading">Our <em>team</em></h2>' in html
    assert 'href="tel:+44161">Call now</a>' in html
    assert '<img src="https://example.org/b.jpg" alt="B &amp; C"/>' in html
    assert warnings == []
    # Without overrides, the pattern's own text.
    html, _ = render('<!-- wp:block {"ref":50} /-->', view)
    assert _text(html) == ["Default title", "Default", "body", "Fixed text", "Default CTA"]
    assert 'src="https://example.org/a.jpg"' in html


# ---------------------------------------------------------------- hostile and odd input
# (found by a review of the changes that added patterns, menus and overrides)


def _site_of(*posts: Post) -> SiteView:
    return build_site_view([Post(wp_id=1, title="News", slug="news", content_raw="x"), *posts],
                           [], [Author(login="ann", display_name="Ann")], Site(title="Demo", url=URL))


def test_menus_that_contain_themselves_end() -> None:
    view = _site_of(Post(wp_id=60, type="wp_navigation", title="Loop", slug="loop",
                         content_raw='<!-- wp:navigation-link {"label":"A","url":"/a/"} /-->'
                                     '<!-- wp:navigation {"ref":60} /--><!-- wp:navigation /-->'))
    for block in ('<!-- wp:navigation {"ref":60} /-->', "<!-- wp:navigation /-->"):
        html, _ = render(block, view)
        assert _text(html) == ["A"], block


def test_references_that_are_not_ids() -> None:
    view = _site_of()
    for block in ('<!-- wp:block {"ref":Infinity} /-->', '<!-- wp:navigation {"ref":-Infinity} /-->',
                  '<!-- wp:block {"ref":true} /-->', '<!-- wp:block {"ref":[1]} /-->',
                  '<!-- wp:navigation-link {"label":"x","kind":"post-type","id":Infinity} /-->'):
        render(block, view)  # (no exception: each is a reference to nothing)


def test_override_names_and_footnotes_of_odd_shapes() -> None:
    pattern = ('<!-- wp:paragraph {"metadata":{"name":["x"],"bindings":{"content":{"source":'
               '"core/pattern-overrides"}}}} --><p>Default</p><!-- /wp:paragraph -->')
    view = _site_of(Post(wp_id=50, type="wp_block", title="P", slug="p", content_raw=pattern))
    html, _ = render('<!-- wp:block {"ref":50,"content":{"x":{"content":"y"}}} /-->', view)
    assert _text(html) == ["Default"]
    html, warnings = _render_notes("<!-- wp:footnotes /-->", "[" * 100_000 + "]" * 100_000)
    assert html == "" and "not valid JSON" in warnings[0]


def test_overrides_in_awkward_markup() -> None:
    from mwmigrate.convert.blocks import _replace_bound

    unclosed = "<p x" * 20_000  # (one pass over it, not one per "<p")
    assert _replace_bound(unclosed, "core/paragraph", "content", "y") == unclosed
    # A value that looks like the attribute, inside another attribute's quotes.
    assert _replace_bound('<figure><img alt=" src=x" src="a.jpg"/></figure>', "core/image", "url", "b.jpg") \
        == '<figure><img alt=" src=x" src="b.jpg"/></figure>'
    assert _replace_bound('<figure><img alt="A"/></figure>', "core/image", "url", 'b.jpg?a=1&b="2"') \
        == '<figure><img alt="A" src="b.jpg?a=1&amp;b=&quot;2&quot;"/></figure>'


def test_a_pattern_in_a_query_loop_shows_each_looped_post() -> None:
    posts = [Post(wp_id=2, title="Second", slug="second", date="2024-01-02T00:00:00+00:00", content_raw="b"),
             Post(wp_id=3, title="Third", slug="third", date="2024-01-03T00:00:00+00:00", content_raw="c"),
             Post(wp_id=50, type="wp_block", title="Title pattern", slug="t", content_raw="<!-- wp:post-title /-->")]
    view = _site_of(*posts)
    html, _ = render('<!-- wp:query {"queryId":1,"query":{"perPage":2,"postType":"post","order":"desc",'
                     '"orderBy":"date","sticky":""}} --><!-- wp:post-template --><!-- wp:block {"ref":50} /-->'
                     "<!-- /wp:post-template --><!-- /wp:query -->", view)
    assert _text(html) == ["Third", "Second"]


def test_commenters_links_only_to_web_addresses() -> None:
    posts = [Post(wp_id=2, title="T", slug="t", content_raw="x", comments=[
        Comment(wp_id=9, post_id=2, author="Eve", author_url="javascript:alert(1)", date="2024-01-01T00:00:00+00:00",
                content_html="hi")])]
    view = _site_of(*posts)
    html, _ = render('<!-- wp:comments --><!-- wp:comment-template --><!-- wp:avatar {"isLink":true} /-->'
                     "<!-- /wp:comment-template --><!-- /wp:comments -->", view, post_id=2)
    assert "javascript:" not in html and "wp-block-avatar" in html


def test_natural_order_of_odd_names() -> None:
    from mwmigrate.convert.dynamic import _natural_key

    long_run = "x" + "9" * 5000  # (past Python's int() digit limit)
    assert sorted(["x10", long_run, "x9"], key=_natural_key) == ["x9", "x10", long_run]
    # Only ASCII digits are numbers, as PHP compares bytes.
    assert sorted(["x\u0663", "x2"], key=_natural_key) == ["x2", "x\u0663"]


def _broken_site(terms: list[Term], pages: list[Post] = ()) -> SiteView:  # type: ignore[assignment]
    posts = [Post(wp_id=1, title="First", slug="first", date="2023-01-05T10:00:00+00:00", author="ann",
                  categories=[t.slug for t in terms]), *pages]
    return build_site_view(posts, terms, [Author(login="ann", display_name="Ann")], Site(title="Demo", url=URL),
                           permalink_structure="/%year%/%monthnum%/%postname%/", now="2023-02-07")


def test_categories_in_a_parent_loop_are_listed_flat_after_the_rest() -> None:
    # Broken data (a database edited by hand, an import gone wrong): WordPress's Walker lists
    # the terms it cannot reach from the top flat, after the others. No endless recursion.
    site = _broken_site([Term(taxonomy="category", slug="a", name="A", wp_id=5, parent="b"),
                         Term(taxonomy="category", slug="b", name="B", wp_id=6, parent="a"),
                         Term(taxonomy="category", slug="self", name="Self", wp_id=7, parent="self"),
                         Term(taxonomy="category", slug="top", name="Top", wp_id=8)])
    html, _ = render('<!-- wp:categories {"showHierarchy":true} /-->', site)
    names = re.findall(r'cat-item-(\d+)"><a [^>]*>([^<]+)</a>', html)
    # (the Walker's orphans: by parent, in the order the terms come, sorted by name: A, B, Self)
    assert names == [("8", "Top"), ("5", "A"), ("6", "B"), ("7", "Self")]
    assert "children" not in html
    html, _ = render('<!-- wp:categories {"showHierarchy":true,"displayAsDropdown":true} /-->', site)
    assert re.findall(r'<option class="level-(\d)" value="(\d+)">', html) == [
        ("0", "8"), ("0", "5"), ("0", "6"), ("0", "7")]


def test_two_categories_of_one_id_do_not_recurse() -> None:
    # The second names the first as its parent, and both have id 5 (an export's ids clashing).
    site = _broken_site([Term(taxonomy="category", slug="a", name="A", wp_id=5),
                         Term(taxonomy="category", slug="b", name="B", wp_id=5, parent="a")])
    html, _ = render('<!-- wp:categories {"showHierarchy":true} /-->', site)
    assert re.findall(r'cat-item-(\d+)"><a [^>]*>([^<]+)</a>', html) == [("5", "A"), ("5", "B")]
    assert html.count("<ul class='children'>") == 1
    html, _ = render('<!-- wp:categories {"showHierarchy":true,"displayAsDropdown":true} /-->', site)
    assert re.findall(r'<option class="level-(\d)" value="(\d+)">(?:&nbsp;)*(\w+)', html) == [
        ("0", "5", "A"), ("1", "5", "B")]


def test_page_list_under_a_page_in_a_parent_loop_ends() -> None:
    # Pages 10 and 11 are each other's parent: WordPress's page list shows neither at the top
    # (and would recurse for a list under one of them); ours lists the loop once.
    pages = [Post(wp_id=10, type="page", title="A", slug="a", parent=11),
             Post(wp_id=11, type="page", title="B", slug="b", parent=10),
             Post(wp_id=12, type="page", title="C", slug="c")]
    site = _broken_site([], pages)
    html, _ = render("<!-- wp:page-list /-->", site)
    assert re.findall(r">([ABC])</a>", html) == ["C"]
    html, _ = render('<!-- wp:page-list {"parentPageID":10} /-->', site)
    assert re.findall(r">([ABC])</a>", html) == ["B", "A"]
    assert html.count("<ul") == 2  # the list, and B's children (A); A lists no children again
