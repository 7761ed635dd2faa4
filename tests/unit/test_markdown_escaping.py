"""html_to_markdown: Markdown-special characters escaped only where they would be syntax."""

import pytest

from mwmigrate.convert.markdown import html_to_markdown as md


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # left alone: cannot be syntax where they stand
        ("<p>2 * 3 = 6, snake_case, #hashtag, a - b, 1.5, C++</p>", "2 * 3 = 6, snake_case, #hashtag, a - b, 1.5, C++\n"),
        ("<p>see [1] and a &lt; b, AT&amp;T</p>", "see [1] and a < b, AT&T\n"),
        # escaped: would be emphasis, code, links, HTML or entities
        ("<p>a*b and _under_ and **x**</p>", "a\\*b and \\_under\\_ and \\*\\*x\\*\\*\n"),
        ("<p>[link](x) and [ref]: y</p>", "[link\\](x) and [ref\\]: y\n"),
        ("<p>a &lt;div&gt; tag and &amp;copy; text</p>", "a \\<div> tag and \\&copy; text\n"),
        ("<p>back\\slash, \\* and `tick`</p>", "back\\slash, \\\\\\* and \\`tick\\`\n"),
        # block markers only at the start of a line
        ("<p>1. starts like a list</p>", "1\\. starts like a list\n"),
        ("<p>100. hundred <span>2)</span> two</p>", "100\\. hundred 2) two\n"),
        ("<p># not heading</p>", "\\# not heading\n"),
        ("<p>- dash</p>", "\\- dash\n"),
        ("<p>+ plus</p>", "\\+ plus\n"),
        ("<p>&gt; not a quote</p>", "\\> not a quote\n"),
        ("<p>---</p>", "\\---\n"),
        ("<p>foo<br>===</p>", "foo\\\n\\===\n"),
        ("<p>foo<br>1) after a break</p>", "foo\\\n1\\) after a break\n"),
        ("<h2>Title ending #</h2>", "## Title ending \\#\n"),
        # a bracket pair at a line end or before a space cannot form a link: no escape
        ("<p>[…] text. […]</p>", "[…] text. […]\n"),
        ("<ul><li>see <span>[1]</span></li></ul>", "- see [1]\n"),
        # ...but it still is escaped where a '(' could follow it
        ("<p>[a]<span>(b)</span></p>", "[a\\](b)\n"),
        ("<p><em>[a]</em>(b)</p>", "*[a\\]*(b)\n"),
    ],
)
def test_escaping(html, expected):
    assert md(html) == expected


def test_entities_and_nbsp():
    assert md("<p>caf&eacute; &#8220;q&#8221; price&nbsp;100</p>") == "café “q” price\xa0100\n"
    # at an edge of a block the no-break space is spelled out, or Markdown would trim it
    assert md("<p>a <em>&nbsp;b</em></p>") == "a &nbsp;*b*\n"


def test_a_reference_to_no_character_is_text_with_its_semicolon():
    # HTML shows "&foo;" as written (no such character); html.parser's bs4 builder gave
    # "&foo", its ";" lost: in text, in a table cell, in code
    assert md("<p>Tom &lol1; Jerry, AT&T;</p>") == "Tom \\&lol1; Jerry, AT\\&T;\n"
    assert md("<pre><code>int &ref;</code></pre>") == "```\nint &ref;\n```\n"
    assert md("<p><code>&ref;</code></p>") == "`&ref;`\n"
    # a reference that is a character, and a comment's or a script's text, stay as they were
    assert md("<p>&copy; &amp;copy;</p><!-- &foo; --><script>a&foo;</script>") == "© \\&copy;\n"


def test_empty_input():
    assert md("") == ""
    assert md("  \n ") == ""
    assert md("<p></p><!--more-->") == ""
