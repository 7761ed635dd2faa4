"""The pieces of probing for the later pages of a post a block theme does not link (pure).

The block-template markers are profile data (``[[block_template]]`` in
mwmigrate/profiles/wordpress-core.toml), found in extraction's one selector walk; the URL of page
N is WordPress's _wp_link_page(). The live migration's use of them is tested against a real
local server in tests/integration/test_live_probe_pages.py.
"""

from __future__ import annotations

from pathlib import Path

from mwmigrate.extract import extract_page, load_profiles
from mwmigrate.extract.profiles import Profile, ProfileSet, builtin_profiles, load_profile
from mwmigrate.live import body_key, later_page_url

DATA = Path(__file__).resolve().parents[1] / "data" / "pages"
TT1, TT3 = DATA / "realwp-twentytwentyone", DATA / "realwp-twentytwentythree"


def _post(html: str | bytes, profiles: ProfileSet | None = None):  # type: ignore[no-untyped-def]
    return extract_page(html, "http://example.org/2021/03/04/x/", profiles).post


def test_later_page_url_as_wp_link_page_spells_it() -> None:
    assert later_page_url("http://e.org/2021/03/04/x/", 2) == "http://e.org/2021/03/04/x/2/"
    assert later_page_url("http://e.org/about/team/", 3) == "http://e.org/about/team/3/"
    # A structure without the trailing slash (user_trailingslashit): none added.
    assert later_page_url("http://e.org/x.html", 2) == "http://e.org/x.html/2"
    assert later_page_url("http://e.org/blog/x", 2) == "http://e.org/blog/x/2"
    # Plain permalinks: add_query_arg('page', N, permalink).
    assert later_page_url("http://e.org/?p=1171", 2) == "http://e.org/?p=1171&page=2"
    assert later_page_url("http://e.org/?page_id=7", 4) == "http://e.org/?page_id=7&page=4"
    assert later_page_url("http://e.org/?page=2&p=5", 3) == "http://e.org/?p=5&page=3"
    assert later_page_url("http://e.org/?post_type=book&p=9", 2) == (
        "http://e.org/?post_type=book&p=9&page=2")
    # A static front page: ?page=N (WordPress redirects it to /page/N/ when pretty).
    assert later_page_url("http://e.org/", 2, front_page=True) == "http://e.org/?page=2"
    assert later_page_url("http://e.org/blog/", 2, front_page=True) == "http://e.org/blog/?page=2"


def test_body_key_is_the_visible_text_or_the_markup() -> None:
    assert body_key("<p>Post  Page\n2</p>") == body_key("<div><p>Post Page 2</p></div>")
    assert body_key('<p><img src="a.jpg"></p>') == '<p><img src="a.jpg"></p>'  # no text
    assert body_key("") == "" and body_key("  ") == ""


def test_block_theme_page_is_marked_classic_is_not() -> None:
    tt3 = _post((TT3 / "single.html").read_bytes())
    assert tt3.meta["block_template"] == "profile:wordpress-core:div.wp-site-blocks:not([id])"
    assert "page_links" not in tt3.meta
    assert "block_template" not in _post((TT1 / "single.html").read_bytes()).meta
    assert "block_template" not in _post((TT1 / "single-paginated.html").read_bytes()).meta
    # Kadence, a classic theme, puts wp-site-blocks on its #wrapper (header.php): not a block
    # template, whose canvas div has no id (a live migration asked every post's page 2 for it)
    kadence = _page('<div id="wrapper" class="site wp-site-blocks"><main id="main" class="site-main">'
                    '<article class="entry content-bg single-entry post-5 post type-post"><div class="entry-content '
                    'single-content"><p>Body text.</p></div></article></main></div>')
    assert "block_template" not in _post(kadence.encode()).meta


def _page(body: str, body_class: str = "single single-post postid-5") -> str:
    return (f'<html><head><title>x</title></head><body class="{body_class}">{body}'
            f"</body></html>")


def test_markers_inside_the_post_content_are_the_posts_own() -> None:
    # A classic theme's post holding a query loop whose items are core/post-content blocks.
    classic = _page('<article id="post-5" class="post-5 post hentry"><div class="entry-content">'
                    '<p>Intro</p><div class="wp-block-query"><div class="entry-content '
                    'wp-block-post-content"><p>Another post</p></div></div></div></article>')
    assert "block_template" not in _post(classic).meta
    # core/post-content holding the body itself: the template's.
    hybrid = _page('<main><h1 class="wp-block-post-title">T</h1><div class="entry-content '
                   'wp-block-post-content is-layout-constrained"><p>Body</p></div></main>')
    assert _post(hybrid).meta["block_template"] == "profile:wordpress-core:.wp-block-post-content"


def test_a_site_profile_can_name_its_themes_block_template(tmp_path: Path) -> None:
    toml = tmp_path / "mytheme.toml"
    toml.write_text('name = "mytheme"\n[[block_template]]\ncss = "div.fse-root"\n'
                    'source = "the theme\'s own template canvas"\n', encoding="utf-8")
    profile = load_profile(toml, priority=0)
    assert isinstance(profile, Profile) and profile.rules[0].role == "block_template"
    page = _page('<div class="fse-root"><article class="post-5 post"><div class="entry-content">'
                 "<p>Body</p></div></article></div>")
    assert "block_template" not in _post(page, ProfileSet.from_profiles(builtin_profiles())).meta
    assert _post(page, load_profiles(toml)).meta["block_template"] == "profile:mytheme:div.fse-root"
