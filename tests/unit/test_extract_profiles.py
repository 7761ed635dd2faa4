"""Selector profiles: every built-in selector names its source; a site profile adds selectors."""

from __future__ import annotations

import pytest

from mwmigrate.extract import extract_page, load_profile, load_profiles
from mwmigrate.extract.profiles import ProfileError, SelectorIndex, builtin_profiles
from mwmigrate.extract.page import parse_html


def test_every_builtin_selector_names_its_source():
    rules = [r for p in builtin_profiles() for r in p.rules]
    assert len(rules) > 60
    for rule in rules:
        assert len(rule.source) > 10, rule
    assert {r.kind for r in rules if r.role == "remove"} >= {
        "cookie-banner", "share", "related", "author-box", "form", "breadcrumbs", "skip-link", "navigation", "ads"}


@pytest.mark.parametrize("css, html, hits", [
    ("#cookie-notice", '<div id="cookie-notice"></div><div id="x"></div>', 1),
    (".a.b", '<p class="a b"></p><p class="a"></p>', 1),
    ("a[rel=bookmark]", '<a rel="bookmark"></a><a rel="nofollow"></a>', 1),
    (".breadcrumbs[typeof=BreadcrumbList]", '<div class="breadcrumbs" typeof="BreadcrumbList"></div><div class="breadcrumbs"></div>', 1),
    ("div > p.x", '<div><p class="x"></p></div><p class="x"></p>', 1),  # complex: via cssselect XPath
])
def test_selector_index(css, html, hits):
    from mwmigrate.extract.profiles import Rule

    index = SelectorIndex.build([Rule("remove", css, "test", "t", 0, 0)])
    root, _ = parse_html(f"<html><body>{html}</body></html>")
    assert len(index.scan(root).get("remove", [])) == hits


def test_site_profile_adds_selectors(tmp_path):
    markup = """<html><body class="single postid-9"><div class="story-main"><div class="story-text"><p>Real body, long enough to be a paragraph.</p>
    <div class="nice-share">Share on Facebook</div></div></div></body></html>"""
    assert extract_page(markup).post.meta["body_found_by"].startswith("fallback")
    site = tmp_path / "mysite.toml"
    site.write_text('''name = "mysite"
[[content]]
css = ".story-text"
source = "the site's custom theme, story.php"
[[remove]]
kind = "share"
css = ".nice-share"
source = "the site's custom share partial"
''')
    page = extract_page(markup, profiles=load_profiles(site))
    assert page.post.meta["body_found_by"] == "profile:mysite:.story-text"
    assert page.post.content_text == "Real body, long enough to be a paragraph."
    assert "mysite" in page.profile


def test_bad_profile_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[remove]]\ncss = ".x"\n')
    with pytest.raises(ProfileError, match="source"):
        load_profile(bad)
    bad.write_text("not = [toml")
    with pytest.raises(ProfileError, match="TOML"):
        load_profile(bad)


@pytest.mark.parametrize("banner", [
    '<div id="cookie-notice" role="dialog"><div class="cookie-notice-container">We use cookies</div></div>',
    '<div class="cky-consent-container cky-hide"><p class="cky-title">We value your privacy</p></div>',
    '<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner">We use cookies</div></div>',
    '<aside id="moove_gdpr_cookie_info_bar"><p>We use cookies</p></aside>',
    '<div id="BorlabsCookieBox" class="BorlabsCookie" role="dialog">We use cookies</div>',
    '<div id="CybotCookiebotDialog">We use cookies</div>',
    '<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk">We use cookies</div></div>',
    '<div class="yarpp yarpp-related yarpp-related-website yarpp-template-list"><h3>Related posts:</h3></div>',
    '<div class="gform_wrapper" id="gform_wrapper_1"><form>Name</form></div>',
    '<div class="wpforms-container wpforms-container-full" id="wpforms-8"><form>Name</form></div>',
    '<nav aria-label="breadcrumbs" class="rank-math-breadcrumb"><p>Home</p></nav>',
    '<p id="breadcrumbs"><span>Home</span></p>',
    '<div class="breadcrumbs" typeof="BreadcrumbList" vocab="https://schema.org/">Home</div>',
    '<ins class="adsbygoogle" data-ad-slot="1"></ins><p>Ad text</p>',
])
def test_plugin_markup_removed_from_body(banner):
    markup = (f'<html><body class="single postid-3"><article id="post-3"><div class="entry-content"><p>Keep me.</p>{banner}'
              '</div></article></body></html>')
    text = extract_page(markup).post.content_text
    assert text.startswith("Keep me.")
    for junk in ("cookies", "privacy", "Related", "Name", "Home"):
        assert junk not in text


def test_a_complex_selector_is_tried_only_on_pages_with_its_last_class():
    # Each complex selector is an XPath walk of the whole page; one whose element must have a
    # class is run only where the page has that class (extraction was 10% slower with 9 of them).
    from mwmigrate.extract.profiles import _key_class

    assert _key_class("main.site-main > .page-content") == "page-content"
    assert _key_class(".site-featured-image .post-thumbnail") == "post-thumbnail"
    assert _key_class("ul.primary-menu-ul:not(.menu-mobile)") == "primary-menu-ul"  # (not the :not's)
    assert _key_class("div.wp-site-blocks:not([id])") == "wp-site-blocks"
    assert _key_class("a, b") == "" and _key_class("#x > div") == ""  # (always tried)
