"""html_to_markdown: ordered/unordered, nested and mixed lists, blockquotes."""

from mwmigrate.convert.markdown import html_to_markdown as md


def test_ordered_start_attribute_kept():
    assert md('<ol start="3"><li>three</li><li>four</li></ol>') == "3. three\n4. four\n"


def test_nested_mixed_lists_indent_by_marker_width():
    html = "<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>"
    assert md(html) == "- a\n  - b\n    1. c\n- d\n"


def test_two_digit_marker_indents_four():
    html = '<ol start="9"><li>nine</li><li>ten<ul><li>sub</li></ul></li></ol>'
    assert md(html) == "9. nine\n10. ten\n    - sub\n"


def test_adjacent_lists_do_not_merge():
    assert md("<ul><li>a</li></ul><ul><li>b</li></ul>") == "- a\n\n* b\n"
    assert md("<ol><li>a</li></ol><ol><li>b</li></ol>") == "1. a\n\n1) b\n"


def test_paragraphs_inside_item():
    html = "<ul><li><p>para one</p><p>para two</p></li><li>x</li></ul>"
    assert md(html) == "- para one\n\n  para two\n- x\n"


def test_stray_nested_list_is_moved_into_previous_item():
    assert md("<ul><li>a</li><ul><li>stray nested</li></ul></ul>") == "- a\n  - stray nested\n"


def test_empty_item_kept():
    assert md("<ul><li></li><li>x</li></ul>") == "-\n- x\n"


def test_nested_ordered_list_not_starting_at_one_gets_blank_line():
    # '4.' cannot interrupt the item's paragraph; without the blank line it would be text.
    assert md('<ul><li>text<ol start="4"><li>four</li></ol></li></ul>') == "- text\n\n  4. four\n"


def test_item_text_that_looks_like_markers_is_escaped():
    html = "<ul><li>1. not a list</li><li># not a heading</li></ul>"
    assert md(html) == "- 1\\. not a list\n- \\# not a heading\n"


def test_reversed_list_kept_as_html():
    assert md("<ol reversed><li>b</li><li>a</li></ol>") == '<ol reversed=""><li>b</li><li>a</li></ol>\n'


def test_reversed_list_in_item_keeps_the_list_tight():
    # an HTML block may interrupt a paragraph: no blank line before it (it would make the list
    # loose); the blank line after it ends the HTML block when the item goes on
    html = "<ul><li>a<ol reversed><li>b</li></ol></li><li>c</li></ul>"
    assert md(html) == '- a\n  <ol reversed=""><li>b</li></ol>\n- c\n'
    html = "<ul><li>a<ol reversed><li>b</li></ol>d</li></ul>"
    assert md(html) == '- a\n  <ol reversed=""><li>b</li></ol>\n\n  d\n'


def test_blockquote_with_list_and_nested_quote():
    html = "<blockquote><p>one</p><ul><li>a</li></ul><blockquote><p>nested</p></blockquote></blockquote>"
    assert md(html) == "> one\n>\n> - a\n>\n> > nested\n"


def test_whitespace_formatted_wordpress_list():
    html = "<ol>\n<li>ordered item</li>\n<li>ordered item\n<ul>\n<li><strong>unordered</strong></li>\n</ul>\n</li>\n</ol>\n"
    assert md(html) == "1. ordered item\n2. ordered item\n   - **unordered**\n"
