"""Extraction on the Morgan Wiseman fixture (Kallyas theme, Yoast, GDPR Cookie Consent, CF7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mwmigrate.extract import extract_page

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "morganwiseman" / "site"
BASE = "https://www.morganwiseman.co.uk"
SEED = "2019/05/25/home-office-cuts-immigration-data-sharing/"


def _page(rel: str):
    path = SITE / rel / "index.html" if not rel.endswith(".html") else SITE / rel
    if not path.exists():
        pytest.skip(f"fixture page not built yet: {path}")
    return extract_page(path.read_bytes(), f"{BASE}/{rel}")


@pytest.fixture(scope="module")
def seed():
    return _page(SEED)


def test_seed_post_fields(seed):
    post = seed.post
    assert seed.page_type == "single"
    assert post.title == "Home Office cuts immigration data sharing"
    assert post.date == "2019-05-25T11:12:38+01:00"  # README: published 11:12:38 Europe/London
    assert post.date_gmt == "2019-05-25T10:12:38+00:00"
    assert post.modified.startswith("2019-05-25T11:20:04")
    assert post.author == "a9jcbgg"
    assert seed.authors[0].url == f"{BASE}/author/a9jcbgg/"
    assert seed.authors[0].login == "a9jcbgg"
    assert ("category", "immigration", "Immigration") in [(t.taxonomy, t.slug, t.name) for t in seed.terms]
    assert post.categories == ["immigration"]
    assert set(post.tags) == {"home-office", "windrush", "data-sharing"}
    assert post.wp_id == 1473
    assert post.url == f"{BASE}/{SEED}"
    assert post.featured_image.endswith("/2019/05/david-bolt-chief-inspector.png")
    assert post.source == "html"
    for name in ("title", "date", "author", "categories", "wp_id", "content_html"):
        assert post.field_sources[name] == "html"


def test_seed_body_is_the_article_only(seed):
    text = seed.post.content_text
    assert text.startswith("The Home Office has")
    assert "protests, it says." in text
    assert text.endswith("https://www.ukauthority.com/articles/home-office-cuts-immigration-data-sharing/")
    assert 'href="https://www.ukauthority.com/articles/home-office-cuts-immigration-data-sharing/"' in seed.post.content_html
    for junk in ("cookies", "Cookie settings", "ACCEPT", "Tweet", "About a9jcbgg", "What you can read next",
                 "Recent Posts", "Archives", "Registered office", "GET SOCIAL", "Make a referral",
                 "Tagged under", "April 11, 2021", "Published in"):
        assert junk not in text, junk
    assert "<h2>Schemes suspended</h2>" in seed.post.content_html
    assert "## Schemes suspended" in seed.post.content_markdown
    assert "david-bolt" not in seed.post.content_html  # the theme's thumbnail is not post_content


def _widget(page, title):
    return next(w for area in page.sidebars for w in area.widgets if w.title == title)


def test_seed_sidebars(seed):
    recent = _widget(seed, "Recent Posts")
    assert recent.type == "recent-posts"
    assert [i.text for i in recent.items][:2] == ["DCD Isn’t all of me",
                                                  "Unskilled Workers To Be Denied Visas, But What Does Unskilled Mean Anyway?"]
    assert len(recent.items) == 5
    assert recent.items[0].url == f"{BASE}/2020/03/09/dcd-isnt-all-of-me/"
    archives = _widget(seed, "Archives")
    assert archives.type == "archives"
    assert [i.text for i in archives.items] == [
        "March 2020", "February 2020", "January 2020", "December 2019", "November 2019", "October 2019",
        "August 2019", "June 2019", "May 2019", "April 2019", "July 2014"]
    categories = _widget(seed, "Categories")
    assert categories.type == "categories"
    assert [i.text for i in categories.items] == ["Children", "Divorce", "Domestic Abuse", "Immigration"]
    assert _widget(seed, "Meta").type == "meta"
    assert _widget(seed, "Make a referral").type == "text"


def test_seed_menus(seed):
    main = next(m for m in seed.menus if m.slug == "main-menu")
    assert [i.title for i in main.items] == ["About Us", "Our Team", "Services", "Contact", "News & Events"]
    services = main.items[2]
    assert [c.title for c in services.children] == ["Immigration Law", "Family Law"]
    assert services.children[0].parent == services.wp_id == 72
    legal = next(m for m in seed.menus if m.slug == "legal-notices")
    assert [i.title for i in legal.items] == ["Privacy Policy", "Cookie Policy", "Complaints Procedure",
                                              "Enquiry Form Notice"]


def test_seed_organisation(seed):
    org = seed.organisation
    assert org.legal_name == "Morgan Wiseman Solicitors Limited"
    assert org.company_number == "10731548"
    assert org.registered_office is not None and org.registered_office.postcode == "LU1 2PL"
    assert org.registered_office.text == "66-68 Alma Street, Luton, Bedfordshire LU1 2PL"
    branches = [a for a in org.addresses if a.label == "Branch"]
    assert [(b.postcode, b.regulator_number) for b in branches] == [("B27 6BL", "648071"), ("B66 4BW", "661078")]
    assert {"regulator": "SRA", "number": "638355", "applies_to": "Registered office"} in org.regulator_numbers
    phones = {p.e164: p for p in org.phones}
    assert phones["+441582262070"].number == "01582 262 070"
    assert phones["+441582262070"].label == "London & South"
    assert phones["+441216552400"].label == "Midlands & North"
    assert org.emails == ["info@morganwiseman.co.uk"]
    assert org.copyright == "© 2019 All rights reserved."
    assert {"text": "Complaints Procedure", "url": f"{BASE}/complaints-procedure/"} in org.policy_links
    assert "https://twitter.com/share" not in org.social_links  # a share button, not the firm's profile
    assert org.jsonld and org.jsonld[0]["@type"] == "Organization"


@pytest.mark.parametrize("rel, kind", [
    ("index.html", "home"), ("category/immigration/", "category"), ("tag/windrush/", "tag"),
    ("author/a9jcbgg/", "author"), ("2019/05/", "date"), ("404.html", "404"), ("about-us/", "page"),
])
def test_fixture_page_types(rel, kind):
    assert _page(rel).page_type == kind


def test_fixture_archive_listing_and_pagination():
    page = _page("category/immigration/")
    assert f"{BASE}/{SEED}" in page.listed_urls
    assert page.next_page == f"{BASE}/category/immigration/page/2/"
    assert page.post is None


def test_fixture_comments():
    page = _page("2019/05/14/reforming-the-uk-border-and-immigration-system/")
    comments = page.post.comments
    assert [(c.wp_id, c.parent, c.author) for c in comments] == [(41, 0, "R. Campbell"), (42, 41, "a9jcbgg")]
    assert comments[0].date == "2020-02-11T08:02:15+00:00"
    assert "My uncle came here in 1961." in comments[0].content_html
    assert "My uncle" not in page.post.content_text
