"""Marked fragments (root-level dynamic block output) are converted once and reused.

The contract: marking never changes the Markdown. html_to_markdown(before + mark(frag) + after)
must equal html_to_markdown(before + frag + after) for any surroundings, because the converter
only reuses a fragment's Markdown where it cannot depend on its neighbours, and converts the
whole again otherwise.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mwmigrate.convert.fragments import FRAGMENT_CLOSE, FRAGMENT_OPEN, strip_fragment_marks
from mwmigrate.convert.markdown import WordPressMarkdownConverter, fragment_key, html_to_markdown
from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.convert.siteview import SiteViewBuilder
from mwmigrate.model import Post


def mark(fragment: str) -> str:
    return FRAGMENT_OPEN + fragment + FRAGMENT_CLOSE


PAGE_LIST = ('<ul class="wp-block-page-list">'
             + "".join(f'<li class="wp-block-pages-list__item"><a href="/p{i}/">Page {i}</a></li>'
                       for i in range(40)) + "</ul>")


def test_marked_fragment_gives_the_same_markdown_and_is_converted_once():
    conv = WordPressMarkdownConverter()
    body = "<p>Intro</p>\n" + mark(PAGE_LIST) + "\n<p>Outro</p>"
    plain = "<p>Intro</p>\n" + PAGE_LIST + "\n<p>Outro</p>"
    assert conv.convert(body) == conv.convert(plain)
    assert list(conv._fragment_memo) == [fragment_key(PAGE_LIST)]  # memoized...
    assert len(fragment_key(PAGE_LIST)) * 50 < len(PAGE_LIST)  # ...without keeping the HTML
    conv._fragment_memo[fragment_key(PAGE_LIST)] = "- SENTINEL\n"
    assert "SENTINEL" in conv.convert(body)  # ...and the memo is what the next post gets
    assert "SENTINEL" not in conv.convert(plain)


def test_list_next_to_a_list_fragment_keeps_alternating_markers():
    # Two consecutive <ul> must not merge in CommonMark: the second uses '*'. The fragment's
    # Markdown alone would start with '-', so the converter must not reuse it here.
    before = "<ul><li>a</li></ul>"
    md = html_to_markdown(before + mark(PAGE_LIST))
    assert md == html_to_markdown(before + PAGE_LIST)
    assert "* [Page 0](/p0/)" in md


def test_fragment_inside_an_unclosed_element_is_converted_in_place():
    html = "<blockquote><p>quote</p>" + mark(PAGE_LIST)  # blockquote never closed
    assert html_to_markdown(html) == html_to_markdown(strip_fragment_marks(html))
    assert "> - [Page 0](/p0/)" in html_to_markdown(html)


def test_render_marks_only_root_level_dynamic_blocks_and_stores_unmarked_html():
    builder = SiteViewBuilder()
    for i in range(60):
        builder.add(Post(wp_id=i + 1, type="page", status="publish", slug=f"page-{i}",
                         title=f"Page {i}", url=f"https://example.org/page-{i}/",
                         date="2024-01-01T00:00:00+00:00"))
    ctx = RenderContext(site=builder.build(), mark_fragments=True)
    raw = ("<!-- wp:paragraph --><p>Pages:</p><!-- /wp:paragraph -->\n"
           "<!-- wp:page-list /-->\n"
           "<!-- wp:group --><div class=\"wp-block-group\"><!-- wp:page-list /--></div>"
           "<!-- /wp:group -->")
    html = render_content(raw, ctx).html
    assert html.count(FRAGMENT_OPEN) == 1  # the nested page list stays unmarked
    unmarked = render_content(raw, RenderContext(site=ctx.site)).html
    assert strip_fragment_marks(html) == unmarked
    assert html_to_markdown(html) == html_to_markdown(unmarked)


_BLOCKS = st.sampled_from([
    "<p>para *x*</p>", "<ul><li>one</li></ul>", "<ol><li>first</li></ol>", "<h2>Head</h2>",
    "text ", " <em>em</em> ", "<br>", "<div>div <strong>b</strong></div>", "\n", "\n\n",
    "<blockquote><p>q</p>", "</blockquote>", "<!-- c -->", "<!--more-->", "<pre>a\n b</pre>",
    "<table><tr><td>c</td></tr></table>", "<li>stray</li>", "<ul>", "</ul>", "1. x",
])
_FRAGMENTS = st.sampled_from([
    PAGE_LIST, "<ol><li>a</li><li>b</li></ol>", "<div><p>x</p></div>\n<ul><li>y</li></ul>",
    "<p>only</p>", "<ul><li>a</li></ul><ul><li>b</li></ul>", "<h3>Title</h3><p>t</p>",
    "<span>inline</span>", "<p>a</p><!-- note --><p>b</p>", "plain text", "<ul><li>open",
])


@settings(max_examples=300, deadline=None)
@given(before=st.lists(_BLOCKS, max_size=4), frag=_FRAGMENTS, middle=st.lists(_BLOCKS, max_size=2),
       frag2=_FRAGMENTS, after=st.lists(_BLOCKS, max_size=4), two=st.booleans())
def test_marking_never_changes_the_markdown(before, frag, middle, frag2, after, two):
    head, mid, tail = "".join(before), "".join(middle), "".join(after)
    marked = head + mark(frag) + (mid + mark(frag2) if two else "") + tail
    plain = head + frag + (mid + frag2 if two else "") + tail
    conv = WordPressMarkdownConverter()
    assert conv.convert(marked) == conv.convert(plain)
    assert conv.convert(marked) == conv.convert(plain)  # second time from the memo


def test_paragraph_fragment_between_paragraphs_is_reused():
    # Only lists depend on a same-name neighbour (alternating markers); a fragment that starts
    # and ends with <p> between paragraphs must still be converted once and reused.
    fragment = "<p>Latest:</p>" + PAGE_LIST + "<p>End of list.</p>"
    conv = WordPressMarkdownConverter()
    body = "<p>Before</p>\n" + mark(fragment) + "\n<p>After</p>"
    assert conv.convert(body) == conv.convert("<p>Before</p>\n" + fragment + "\n<p>After</p>")
    assert list(conv._fragment_memo) == [fragment_key(fragment)]
