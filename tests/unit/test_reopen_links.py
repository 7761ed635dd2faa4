"""A link left open at a paragraph's end (wpautop's <p><a></p><h3>) is carried on as a browser
carries it (convert.reopen).

The oracle is html5lib, the WHATWG tree-construction algorithm browsers follow: for documents
hypothesis builds in wpautop's shapes, every word and image must link where it links in the
browser's tree, once the converter's parser (html.parser's rules) reads the carried HTML.
"""

from __future__ import annotations

import time
from typing import Any

import html5lib
import pytest
from bs4 import BeautifulSoup, NavigableString
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.render import render_content
from mwmigrate.convert.reopen import carry_open_links


def test_a_linked_heading_in_classic_content_keeps_its_link() -> None:
    # What WordPress's wpautop makes of a heading written inside a link (as ours does: the
    # rendering is WordPress's); a browser shows the heading linked, and the text after the
    # stray </a> not.
    html = render_content('<a href="/family/"><h3>Family Law</h3></a>\nWe help families.').html
    assert html == ('<p><a href="/family/"></p>\n<h3>Family Law</h3>\n'
                    '<p></a><br />\nWe help families.</p>\n')
    assert html_to_markdown(html) == "### [Family Law](/family/)\n\nWe help families.\n"


def test_everything_up_to_the_stray_end_tag_is_linked() -> None:
    html = render_content('<a href="/family/">\n<h3>Family Law</h3>\n<p>Text</p>\n</a>').html
    assert html_to_markdown(html) == "### [Family Law](/family/)\n\n[Text](/family/)\n"


def test_the_link_text_before_the_paragraph_end_stays_linked() -> None:
    html = render_content('Intro <a href="/y/">Read <h3>More</h3> here</a> end.').html
    assert html_to_markdown(html) == "Intro [Read](/y/)\n\n### [More](/y/)\n\n[here](/y/) end.\n"
    html = render_content('<a href="/x/"><img src="/a.jpg" alt="A"><h4>Head</h4></a>').html
    assert html_to_markdown(html) == "[![A](/a.jpg)](/x/)\n\n#### [Head](/x/)\n"


def test_html_with_no_link_left_open_is_left_as_it_is() -> None:
    for html in ['<p><a href="/x">a</a></p><h3>b</h3>', "<p>a</p>", '<a href="/x"><h3>b</h3></a>',
                 "<script>'<p><a href=x></p>'</script>"]:
        assert carry_open_links(html) == html


def test_a_link_left_open_in_a_table_cell_ends_with_the_cell() -> None:
    # The browser clears its active formatting elements back to the cell's marker: the link
    # is not carried past the cell. It was carried from the next paragraph's end to the next
    # link: every word between was linked (the converter's parser had linked none).
    html = ('<table><tr><td><p><a href="/l/">cell</td><td>next</td></tr></table>\n'
            "<p>after</p>\n<p>more</p>\n"
            '<p><a href="/family/"></p>\n<h3>Family</h3>\n<p></a>We</p>\n')
    assert _our_links(html) == _browser_links(html)
    assert ("after", None) in _our_links(html)
    html = '<table><tr><td><p><a href="/l/">one</p>two</td><td>three</td></tr></table><p>four</p>'
    assert _our_links(html) == _browser_links(html) == [
        ("one", "/l/"), ("two", "/l/"), ("three", None), ("four", None)]


def test_a_quote_in_a_bare_attribute_value_is_a_letter_of_it() -> None:
    # <a href=/it's-here> was read as a tag running on to the next quote of the page ("It's"),
    # the text between taken for its attributes: that "tag", left empty at the paragraph's
    # end, was dropped there and written again inside the heading, with the text it held.
    html = ("<p><a href=/it's-here>Hello world</a> and more.</p>\n"
            '<p>It\'s <a href="/family/"></p>\n<h3>Family Law</h3>\n<p></a>We help.</p>\n')
    assert _our_links(html) == _browser_links(html)
    assert html_to_markdown(html) == ("[Hello world](/it's-here) and more.\n\nIt's\n\n"
                                      "### [Family Law](/family/)\n\nWe help.\n")


def test_a_comment_opener_in_a_script_does_not_hide_the_tags_after_it() -> None:
    # Tokens were looked for inside <script> too (and skipped): its '"<!--"' began a comment
    # token that ran on to the page's next "-->", over the tags between, never read: the
    # link carried was put around all of them, and "z" (after another link) linked.
    html = ('<p><a href="/x">a</p>\n<script>s = "<!--";</script>\n<h3>T</h3>\n'
            '<p><a href="/y">y</a> z</p>\n<!-- c -->\n')
    assert _our_links(html) == _browser_links(html)


@pytest.mark.parametrize("html", [
    "<a x" * 50_000,  # (the cheap test: each <a ... looked for a ">" to the page's end)
    '<p><a href="/f/"></p>' + '<b "' * 50_000,  # (a tag with no end, from each "<")
    '<p><a href="/f/"></p>' + "<!--x" * 50_000,  # (a comment with no end, from each "<!--")
])
def test_the_cost_is_the_length_of_the_page(html: str) -> None:
    # 200 KB of each took from 35 s to minutes (the square of the length); milliseconds now.
    started = time.perf_counter()
    carried = carry_open_links(html)
    assert time.perf_counter() - started < 1.0
    assert carried.endswith(html[-20:])


def test_raw_text_and_comments_are_not_read_as_tags() -> None:
    html = '<p><a href="/x">a</p><script>if (a</p>) {}</script><!-- </a> --><p>b</a></p>'
    assert carry_open_links(html) == ('<p><a href="/x">a</a></p><script>if (a</p>) {}</script>'
                                      '<!-- </a> --><p><a href="/x">b</a></p>')


# --------------------------------------------------------------------------- the oracle

def _browser_links(html: str) -> list[tuple[str, str | None]]:
    """(word or image, the href it links to) in document order, in the browser's tree."""
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    body = root.find("body")
    found: list[tuple[str, str | None]] = []

    def walk(el: Any, href: str | None) -> None:
        if not isinstance(el.tag, str):
            return  # (a comment: no text shown, as the converter's tree has it)
        if el.tag == "a" and el.get("href") is not None:
            href = el.get("href")
        if el.tag == "img":
            found.append((f"<img {el.get('src')}>", href))
        if el.tag not in ("script", "style"):  # (their text is no text shown either)
            found.extend((word, href) for word in (el.text or "").split())
        for child in el:
            walk(child, href)
            found.extend((word, href) for word in (child.tail or "").split())

    walk(body, None)
    return found


def _our_links(html: str) -> list[tuple[str, str | None]]:
    soup = BeautifulSoup(carry_open_links(html), "html.parser")
    found: list[tuple[str, str | None]] = []
    for node in soup.descendants:
        if isinstance(node, NavigableString) and type(node) is NavigableString:
            words = node.split()
        elif getattr(node, "name", None) == "img":
            words = [f"<img {node.get('src')}>"]
        else:
            continue
        link = node.find_parent(lambda t: t.name == "a" and t.get("href") is not None)
        found.extend((word, link.get("href") if link else None) for word in words)
    return found


word = st.sampled_from(["alpha", "beta", "gamma", "delta", "it's"])
inline = st.one_of(word, st.just('<img src="/i.jpg" alt="">'), st.just("<br />"),
                   word.map(lambda w: f"<strong>{w}</strong>"))


@st.composite
def wpautop_document(draw: Any) -> str:
    blocks = []
    for n in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(["p", "p-open", "p-stray", "h3", "ul", "quote", "p-link",
                                     "table", "cell-open", "raw"]))
        text = " ".join(draw(st.lists(inline, min_size=0, max_size=3)))
        if kind == "p-open":  # a link opened in a paragraph and left open at its end
            inside = " ".join(draw(st.lists(inline, max_size=2)))
            href = draw(st.sampled_from([f'"/l{n}/"', f"/l{n}/it's"]))  # (a quote in a bare value)
            blocks.append(f'<p>{text} <a href={href}>{inside}</p>')
        elif kind == "p-stray":  # the paragraph wpautop wraps the stray end tag in
            blocks.append(f"<p></a>{text}</p>")
        elif kind == "p-link":
            href = draw(st.sampled_from([f'"/k{n}/"', f"/k{n}/it's"]))
            blocks.append(f'<p>{text} <a href={href}>{draw(word)}</a></p>')
        elif kind == "h3":
            blocks.append(f"<h3>{text or draw(word)}</h3>")
        elif kind == "ul":
            blocks.append(f"<ul>\n<li>{text or draw(word)}</li>\n<li>{draw(word)}</li>\n</ul>")
        elif kind == "table":
            blocks.append(f"<table><tr><td>{text or draw(word)}</td><th>{draw(word)}</th></tr></table>")
        elif kind == "cell-open":  # a link left open in a cell's paragraph ends with the cell
            inside = " ".join(draw(st.lists(inline, max_size=2)))
            blocks.append(f'<table><tr><td><p>{text} <a href="/c{n}/">{inside}</td>'
                          f"<td>{draw(word)}</td></tr></table>")
        elif kind == "raw":  # what is no tag: a script's text, a comment
            blocks.append(draw(st.sampled_from([
                '<script>s = "<!--</p>";</script>', "<!-- </p><a href=\"/c/\"> -->",
                "<style>p::after { content: '</a>' }</style>"])))
        elif kind == "quote":
            blocks.append(f"<blockquote><p>{text or draw(word)}</p></blockquote>")
        else:
            blocks.append(f"<p>{text}</p>")
    return "\n".join(blocks) + "\n"


@given(wpautop_document())
@settings(max_examples=400, deadline=None)
@example('<p><a href="/family/"></p>\n<h3>Family Law</h3>\n<p>Text</p>\n<p></a></p>\n')
@example('<p>Intro <a href="/y/">Read </p>\n<h3>More</h3>\n<p> here</a> end.</p>\n')
def test_words_link_where_a_browser_links_them(html: str) -> None:
    assert _our_links(html) == _browser_links(html)
