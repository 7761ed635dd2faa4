"""Extraction cases from an adversarial review of stop 17's extraction changes: pages built from
real theme markup (sources named in review_pages/extract_cases.py). Each failed at 1bcd469
(seven were regressions of that stop's commits, two older faults)."""

from mwmigrate.extract.page import extract_page
from tests.unit.review_pages import extract_cases as pages


def test_1_happenstance_comments_are_not_doubled():
    # li.comment#li-comment-N > div#comment-N.comment (happenstance_comment(); werkstatt too)
    post = extract_page(pages.HAPPENSTANCE_COMMENTS, "https://site.example/hello-world/").post
    assert [(c.wp_id, c.parent) for c in post.comments] == [(2, 0), (3, 2)]


def test_2_a_footer_menu_with_the_header_menus_items_is_kept():
    page = extract_page(pages.HEADER_FOOTER_MENUS, "https://firm.example/about/")
    assert [(m.slug, m.location) for m in page.menus] == [("primary-menu", "primary"), ("footer", "footer")]


def test_3_an_address_line_that_is_not_a_link_is_kept():
    org = extract_page(pages.OFFICES_FOOTER, "https://firm.example/about/").organisation
    assert [(a.label, a.text) for a in org.addresses] == [("Head office", "14 Wexley Row, Clifton, Bristol BS8 4QD")]


def test_4_one_address_printed_twice_is_one():
    org = extract_page(pages.BOTTOM_BAR, "https://firm.example/about/").organisation
    assert len(org.addresses) == 1


def test_5_a_bluesky_share_link_is_no_social_profile():
    org = extract_page(pages.THEME_SHARE, "https://firm.example/news/").organisation
    assert org.social_links == ["https://www.linkedin.com/company/firm-example/", "https://bsky.app/profile/firm.example"]


def test_6_a_title_with_a_line_break_keeps_its_words_apart():
    post = extract_page(pages.TITLE_BR, "https://firm.example/family/").post
    assert post.title in ("Family Law<br>Made Simple", "Family Law Made Simple")


def test_7_twenty_twenty_author_name_is_the_bylines():
    page = extract_page(pages.TWENTYTWENTY_SINGLE, "https://site.example/hello-world/")
    assert [a.display_name for a in page.authors] == ["Anna Smith"]


def test_8_twenty_twenty_commenter_url():
    post = extract_page(pages.TWENTYTWENTY_COMMENTS, "https://site.example/hello-world/").post
    assert [(c.author, c.author_url) for c in post.comments] == [("Bob Jones", "https://bob.example/")]


def test_9_generatepress_site_title_in_navigation_branding():
    org = extract_page(pages.GP_NAV_BRANDING, "https://firm.example/about/").organisation
    assert org.name == "Harrington & Cole Solicitors"
