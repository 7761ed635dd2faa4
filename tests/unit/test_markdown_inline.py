"""html_to_markdown: emphasis, breaks, inline HTML elements, dropped elements, headings."""

from mwmigrate.convert.markdown import html_to_markdown as md


def test_emphasis_whitespace_moves_outside_without_doubling():
    assert md("<p>a <strong> bold </strong> b</p>") == "a **bold** b\n"
    assert md("<p>The <em>Right, </em>and</p>") == "The *Right,* and\n"


def test_emphasis_falls_back_to_html_when_delimiters_cannot_flank():
    assert md("<p>x<strong>.b</strong></p>") == "x<strong>.b</strong>\n"
    assert md('<p><strong><a href="/u">link</a></strong>word</p>') == "<strong>[link](/u)</strong>word\n"


def test_adjacent_and_nested_emphasis():
    assert md("<p><em>a</em><em>b</em></p>") == "*ab*\n"
    assert md("<p><strong>bold<strong> inner</strong></strong></p>") == "**bold inner**\n"
    assert md("<p><em><strong>both</strong></em></p>") == "***both***\n"


def test_emphasis_next_to_emphasis_is_judged_by_the_merged_run():
    # '*' and '**' side by side are one run '***': what flanks it is the neighbour's first (or
    # last) character. Found by the round-trip property test: '*<sup>0</sup>***0:**' showed
    # its asterisks (the run, between '>' and '0', closes nothing), the neighbour's far end
    # (':') had been looked at.
    assert md("<p><em><sup>0</sup></em><strong>0:</strong></p>") == "<em><sup>0</sup></em>**0:**\n"
    assert md("<p><em>a.</em><strong>b</strong></p>") == "<em>a.</em>**b**\n"
    assert md("<p>x<strong>.</strong><em>a</em></p>") == "x<strong>.</strong>*a*\n"
    assert md("<p><strong>0:</strong><em><sup>0</sup></em></p>") == "**0:***<sup>0</sup>*\n"
    assert md("<p><em>a</em><strong>b</strong></p>") == "*a***b**\n"


def test_breaks():
    assert md("<p>line one<br>line two<br><br>line four<br></p>") == "line one\\\nline two\\\n\\\nline four\n"
    assert md("<p><em>one<br>two</em></p>") == "*one\\\ntwo*\n"
    # a break at the edge of emphasis goes outside the markers
    assert md("<p><strong>bold<br></strong>next</p>") == "**bold**\\\nnext\n"


def test_inline_html_elements():
    html = ('<p><abbr title="Seriously">srsly</abbr> <acronym title="FTW">ftw</acronym> <q>quote</q> '
            "<cite>Cite</cite> <ins>in</ins> <del>out</del> <s>s</s> H<sub>2</sub>O E=mc<sup>2</sup> "
            '<mark class="x" style="color:red">hi</mark> <u>u</u></p>')
    assert md(html) == ('<abbr title="Seriously">srsly</abbr> <acronym title="FTW">ftw</acronym> <q>quote</q> '
                        "<cite>Cite</cite> <ins>in</ins> <del>out</del> <s>s</s> H<sub>2</sub>O E=mc<sup>2</sup> "
                        "<mark>hi</mark> <u>u</u>\n")


def test_headings_atx_and_breaks_flattened():
    assert md("<h1>One</h1><h6>Six</h6>") == "# One\n\n###### Six\n"
    assert md('<h3>With <a href="/x">link</a> and <br> break</h3>') == "### With [link](/x) and break\n"


def test_dropped_elements_and_comments():
    html = ('<p>a</p><script>alert(1)</script><style>p{}</style><form><label>L</label>'
            '<input value="x"><button>Go</button></form><p>b<!-- note -->c</p>')
    assert md(html) == "a\n\nbc\n"


def test_more_tag_kept_as_its_own_line():
    # Hugo's and Jekyll's summary divider; Hugo wants it on its own line, even mid-paragraph.
    assert md("<p>a</p>\n<p><!--more--></p>\n<p>b</p>") == "a\n\n<!--more-->\n\nb\n"
    assert md("<p>b<!--more Read on-->c</p>") == "b\n\n<!--more-->\n\nc\n"
    # only the first counts (as in WordPress); nowhere else than at block level
    assert md("<p>a<!--more-->b<!--more-->c</p>") == "a\n\n<!--more-->\n\nbc\n"
    assert md("<ul><li>a<!--more-->b</li></ul><p>c</p>") == "- ab\n\nc\n"
    assert md("<table><tr><th>a<!--more--></th></tr><tr><td>b</td></tr></table>") == "| a |\n| --- |\n| b |\n"
    # a divider with nothing before or after it divides nothing
    assert md("<!--more--><p>a</p>") == "a\n"
    assert md("<p>a</p><!--more-->") == "a\n"


def test_nextpage_kept_as_comment_and_hr():
    assert md("<p>Page 1</p><!--nextpage--><p>Page 2</p><hr><p>y</p>") == (
        "Page 1\n\n<!--nextpage-->\n\nPage 2\n\n---\n\ny\n"
    )


def test_address_lines():
    assert md("<address>1 Loop<br />\nCupertino</address>") == "1 Loop\\\nCupertino\n"


def test_output_ends_with_exactly_one_newline():
    out = md("<p>a</p>\n\n\n<p>b</p>\n\n")
    assert out == "a\n\nb\n"
