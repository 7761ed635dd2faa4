"""wpautop and shortcode_unautop against behaviour read from WordPress's formatting.php."""

from __future__ import annotations

from mwmigrate.convert.wpautop import replace_in_html_tags, shortcode_unautop, wpautop


def test_blank_line_makes_paragraphs() -> None:
    assert wpautop("a\n\nb") == "<p>a</p>\n<p>b</p>\n"


def test_single_newline_becomes_br() -> None:
    assert wpautop("a\nb") == "<p>a<br />\nb</p>\n"


def test_empty_and_whitespace_only() -> None:
    assert wpautop("") == ""
    assert wpautop(" \n\t\n") == ""


def test_more_than_two_newlines_collapse() -> None:
    assert wpautop("a\n\n\n\nb") == "<p>a</p>\n<p>b</p>\n"


def test_crlf_normalised() -> None:
    assert wpautop("a\r\n\r\nb") == "<p>a</p>\n<p>b</p>\n"


def test_pre_is_left_alone() -> None:
    assert wpautop("<pre>a\n\nb</pre>") == "<pre>a\n\nb</pre>\n"


def test_block_element_not_wrapped() -> None:
    assert wpautop("<div>a</div>\n\nb") == "<div>a</div>\n<p>b</p>\n"


def test_list_items_not_wrapped_nor_broken() -> None:
    assert wpautop("<ul>\n<li>a</li>\n<li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"


def test_blockquote_gets_inner_paragraph() -> None:
    assert wpautop("<blockquote>q</blockquote>") == "<blockquote><p>q</p></blockquote>\n"


def test_newline_inside_tag_kept_not_br() -> None:
    assert wpautop('<a href="x"\ntitle="y">l</a>') == '<p><a href="x"\ntitle="y">l</a></p>\n'


def test_double_br_becomes_paragraph_break() -> None:
    assert wpautop("a<br /><br />b") == "<p>a</p>\n<p>b</p>\n"


def test_br_false_keeps_single_newlines() -> None:
    assert wpautop("a\nb", br=False) == "<p>a\nb</p>\n"


def test_comment_alone_gets_paragraph_like_wordpress() -> None:
    # REST content.rendered shows exactly this for <!--more--> and <!--nextpage-->.
    assert wpautop("a\n\n<!--more-->\n\nb") == "<p>a</p>\n<p><!--more--></p>\n<p>b</p>\n"


def test_nbsp_is_not_whitespace() -> None:
    # PHP's \s (non-UTF) does not match U+00A0; a paragraph of nbsp survives.
    assert wpautop("a\n\n\u00a0") == "<p>a</p>\n<p>\u00a0</p>\n"


def test_script_newlines_preserved() -> None:
    assert wpautop("<script>x\ny</script>") == "<p><script>x\ny</script></p>\n"


def test_replace_in_html_tags_only_touches_tags() -> None:
    assert replace_in_html_tags('a\n<b\nc="d">\n<!--e\nf-->', "\n", " ") == 'a\n<b c="d">\n<!--e f-->'


def test_shortcode_unautop_unwraps_standalone_shortcodes() -> None:
    names = ["gallery", "caption"]
    assert shortcode_unautop("<p>[gallery]</p>\n", names) == "[gallery]\n"
    assert shortcode_unautop("<p>[caption x=1]<img />t[/caption]</p>\n", names) == "[caption x=1]<img />t[/caption]\n"
    assert shortcode_unautop("<p>see [gallery]</p>\n", names) == "<p>see [gallery]</p>\n"
    assert shortcode_unautop("<p>[unknown]</p>\n", names) == "<p>[unknown]</p>\n"
    assert shortcode_unautop("<p>[gallery-x]</p>\n", names) == "<p>[gallery-x]</p>\n"
