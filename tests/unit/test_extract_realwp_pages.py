"""Extraction on pages saved from a real WordPress (tests/data/pages/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mwmigrate.extract import extract_page

DATA = Path(__file__).resolve().parents[1] / "data" / "pages"
TT1, TT1_URL = DATA / "realwp-twentytwentyone", "http://127.0.0.1:39927"
TT3, TT3_URL = DATA / "realwp-twentytwentythree", "http://127.0.0.1:39477"


def _page(theme_dir: Path, base: str, name: str, path: str = "/"):
    return extract_page((theme_dir / f"{name}.html").read_bytes(), base + path)


@pytest.mark.parametrize("theme_dir, base", [(TT1, TT1_URL), (TT3, TT3_URL)], ids=["tt1", "tt3"])
@pytest.mark.parametrize("name, kind", [
    ("home", "home"), ("single", "single"), ("page", "page"), ("category", "category"), ("tag", "tag"),
    ("author", "author"), ("date", "date"), ("search", "search"), ("attachment", "attachment"), ("404", "404"),
])
def test_page_types(theme_dir, base, name, kind):
    assert _page(theme_dir, base, name).page_type == kind


@pytest.mark.parametrize("theme_dir, base", [(TT1, TT1_URL), (TT3, TT3_URL)], ids=["tt1", "tt3"])
def test_single_post_fields_and_clean_body(theme_dir, base):
    page = _page(theme_dir, base, "single", "/2013/01/11/markup-html-tags-and-formatting/")
    post = page.post
    assert post.wp_id == 1178 and post.type == "post"
    assert post.title == "Markup: HTML Tags and Formatting"
    assert post.date == "2013-01-11T20:22:19+00:00"
    if theme_dir is TT1:  # TT3's post-author block prints the name without a link
        assert post.author == "themedemos"
    assert post.categories == ["classic", "markup"]
    assert post.tags == ["content-2", "css", "formatting-2", "html", "markup-2"]
    text = post.content_text
    assert text.startswith("Headings Header one")
    assert text.endswith("This allows you to denote variables.")
    for junk in ("Share this", "Related", "Markup: Image Alignment", "Theme Buster writes", "cookies",
                 "Speak to an adviser", "Published", "Recent Posts", "Contact us"):
        assert junk not in text, junk
    assert {"share", "related", "author-box"} <= set(post.meta["boilerplate_removed"])


def test_tt1_page_without_contact_form():
    post = _page(TT1, TT1_URL, "page-form", "/page-a/").post
    assert post.type == "page" and post.wp_id == 733 and post.title == "Page A"
    assert "Your email" not in post.content_text and "Submit" not in post.content_text
    assert "wpcf7" not in post.content_html
    assert "form" in post.meta["boilerplate_removed"]


def test_tt1_comments_threaded():
    post = _page(TT1, TT1_URL, "single-comments", "/2012/01/03/template-comments/").post
    assert len(post.comments) >= 10
    ids = {c.wp_id for c in post.comments}
    replies = [c for c in post.comments if c.parent]
    assert replies and all(c.parent in ids for c in replies)
    assert all(c.date and c.author for c in post.comments if c.type == "comment")


def test_tt1_sidebar_widgets():
    page = _page(TT1, TT1_URL, "single")
    area = next(a for a in page.sidebars if a.name == "widget-area")
    types = [w.type for w in area.widgets]
    assert types[:5] == ["text", "recent-posts", "archives", "categories", "meta"]
    archives = area.widgets[2]
    assert archives.items[0].text == "January 2023" and archives.items[0].url == f"{TT1_URL}/2023/01/"
    assert "Registered office: 14 Wexley Row" in area.widgets[0].text


def test_tt1_primary_menu_hierarchy():
    page = _page(TT1, TT1_URL, "home")
    primary = next(m for m in page.menus if m.name == "Primary menu")
    about = primary.items[0]
    assert about.title == "About The Tests"
    assert [c.title for c in about.children] == ["Page Image Alignment", "Page Markup And Formatting",
                                                 "Clearing Floats"]
    assert all(c.parent == about.wp_id for c in about.children)


def test_tt1_home_listing_and_next_page():
    page = _page(TT1, TT1_URL, "home")
    assert page.post is None
    assert f"{TT1_URL}/2012/01/07/template-sticky/" in page.listed_urls
    assert page.next_page == f"{TT1_URL}/page/2/"


def test_tt1_organisation_from_widgets_and_footer():
    org = _page(TT1, TT1_URL, "page", "/about/").organisation
    assert org.legal_name == "Harrowgate & Finch Consulting Ltd"
    assert org.company_number == "09876543"
    assert [a.postcode for a in org.addresses] == ["BS8 4QD"]
    assert {p.e164 for p in org.phones} >= {"+441174960123", "+447700900456"}
    assert {"regulator": "FCA", "number": "123456", "applies_to": ""} in org.regulator_numbers
    assert org.emails == ["hello@harrowgate-finch.example"]
    assert org.copyright.startswith("© ") and "Harrowgate & Finch" in org.copyright


def test_tt3_archive_listing():
    page = _page(TT3, TT3_URL, "category", "/category/markup/")
    assert page.post is None
    assert page.listed_urls and all(u.startswith(TT3_URL) for u in page.listed_urls)
    assert f"{TT3_URL}/2013/01/11/markup-html-tags-and-formatting/" in page.listed_urls


def test_tt3_block_navigation_menu():
    page = _page(TT3, TT3_URL, "home")
    assert page.menus, "the core/navigation page list"
    titles = [i.title for i in page.menus[0].items]
    assert "Lorem Ipsum" in titles
    level1 = next(i for i in page.menus[0].items if i.title == "Level 1")
    assert [c.title for c in level1.children][:1] == ["Level 2"]


def test_seo_fields_from_the_pages_head():
    # A page saved from WordPress itself: its <title>; the canonical link is its own URL (every
    # WordPress page prints one), so no canonical URL of its own is recorded.
    post = _page(TT1, TT1_URL, "single", "/2013/01/11/markup-html-tags-and-formatting/").post
    assert post.seo is not None and post.field_sources["seo"] == "html"
    assert (post.seo.plugin, post.seo.title, post.seo.description, post.seo.canonical, post.seo.noindex) == (
        "", "Markup: HTML Tags and Formatting \u2013 Theme Unit Test Site", "", "", False)
    # What an SEO plugin prints: a description, a canonical URL elsewhere, noindex.
    html = (TT1 / "single.html").read_text(encoding="utf-8").replace(
        "<head>", '<head><meta name="description" content="All the tags."><meta name="robots" '
        'content="noindex, follow"><link rel="canonical" href="https://example.org/tags/">', 1)
    seo = extract_page(html, TT1_URL + "/2013/01/11/markup-html-tags-and-formatting/").post.seo
    assert (seo.description, seo.canonical, seo.noindex) == ("All the tags.", "https://example.org/tags/", True)
