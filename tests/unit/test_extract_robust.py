"""Extraction never fails: hostile input, pages with no WordPress conventions, odd structure."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mwmigrate.extract import extract_page
from mwmigrate.model import Page

GENERIC = """<!doctype html><html lang="en-GB"><head><title>Spring opening hours | Acme Garden Centre</title></head>
<body><div id="top"><a href="/">Home</a> | <a href="/plants">Plants</a> | <a href="/visit">Visit us</a></div>
<div id="wrap"><div class="left"><a href="/a">Offers</a><br><a href="/b">Gift cards</a><br><a href="/c">Events</a></div>
<div class="middle"><h1>Spring opening hours</h1>
<p>From the first of March the garden centre opens at eight in the morning, seven days a week, and the cafe
serves breakfast until eleven.</p>
<p>Our plant doctor is in on Saturdays, so bring a leaf, a photo, or the whole pot, and she will tell you what
is wrong with it, free of charge.</p>
<p>Parking is free for customers, and the overflow car park behind the greenhouses opens at weekends.</p>
</div></div>
<div class="bottom">Acme Garden Centres Ltd, Registered in England and Wales No. 01234567. 12 Mill Lane, Ashford, Kent TN24 8AB.
Tel: 01233 123456. &copy; 2024 Acme.</div></body></html>"""


def test_generic_page_body_found_by_scoring():
    page = extract_page(GENERIC, "https://acme.example/spring/")
    assert page.page_type == "unknown"
    assert any("not recognised" in w for w in page.warnings)
    post = page.post
    assert post.meta["body_found_by"] == "fallback:score"
    assert post.content_text.startswith("Spring opening hours From the first of March")
    assert "Gift cards" not in post.content_text and "Registered" not in post.content_text
    assert post.title == "Spring opening hours"
    org = page.organisation
    assert org.company_number == "01234567"
    assert org.addresses[0].postcode == "TN24 8AB"
    assert [p.e164 for p in org.phones] == ["+441233123456"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000)))
def test_any_input_gives_a_page(data):
    page = extract_page(data, "https://example.com/x/")
    assert isinstance(page, Page)


_TAGS = st.sampled_from(["div", "p", "article", "aside", "ul", "li", "a", "table", "td", "section", "span",
                         "footer", "header", "nav", "h1", "h2", "time", "script", "body", "html", "<!--"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TAGS, st.sampled_from(["", ' class="entry-content"', ' class="widget widget_archive"',
                                                  ' id="post-12"', ' class="menu"', ' rel="category tag" href="/category/x/"',
                                                  ' datetime="2020-13-45T99:00"', ' class="postid-1 single"']),
                          st.booleans(), st.text(max_size=20)), max_size=60))
def test_tag_soup_never_raises(parts):
    markup = "".join((f"<{t}{attrs}>" if opening else f"</{t}>") + text for t, attrs, opening, text in parts)
    page = extract_page(markup)
    assert isinstance(page, Page)


def test_unclosed_tags_and_no_body():
    page = extract_page("<div class='entry-content'><p>Hello <b>world<p>again<ul><li>x")
    assert page.post is not None and "Hello world" in page.post.content_text


def test_empty_and_binary():
    for data in (b"", "", b"\x00\x01\x02\xff\xfe", b"\x89PNG\r\n\x1a\n\x00\x00", "   "):
        page = extract_page(data)
        assert isinstance(page, Page)
        assert page.post is None or page.post.content_text == ""


def test_huge_nesting():
    depth = 5000
    markup = "<html><body class='single postid-5'><article id='post-5'><div class='entry-content'>" + "<div>" * depth \
        + "<p>deep text</p>" + "</div>" * depth + "</div></article></body></html>"
    page = extract_page(markup, "https://example.com/deep/")
    assert page.page_type == "single"
    assert isinstance(page.post.content_text, str)


def test_xml_declaration_in_str_input():
    page = extract_page('<?xml version="1.0" encoding="utf-8"?><html><body class="error404"></body></html>')
    assert page.page_type == "404"


def test_bad_jsonld_is_a_warning():
    page = extract_page('<html><head><script type="application/ld+json">{not json</script></head>'
                        '<body class="home blog"></body></html>')
    assert page.page_type == "home"
    assert any("JSON-LD" in w for w in page.warnings)


def test_declared_charset_bytes():
    html = '<html><head><meta charset="windows-1252"></head><body class="single"><div class="entry-content"><p>caf\xe9 \u201cq\u201d</p></div></body></html>'
    page = extract_page(html.encode("cp1252"))
    assert page.post.content_text == "café “q”"
