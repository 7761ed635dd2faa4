"""Link targets inside a post survive the conversion: headings keep their ids as "{#id}" (the
heading attribute Hugo's goldmark and Jekyll's kramdown both read), named anchors stay empty
``<a id>`` elements, so a table of contents and "post/#part-2" links still land."""

from __future__ import annotations

from mwmigrate.convert.markdown import html_to_markdown as md


def test_a_heading_id_is_a_heading_attribute():
    # the block editor's "HTML anchor" and Yoast/Rank Math table-of-contents blocks
    html = ('<div class="wp-block-yoast-seo-table-of-contents"><ul><li><a href="#h-part-two">Part two</a></li>'
            '</ul></div><h2 class="wp-block-heading" id="h-part-two">Part two</h2><p>Text.</p>')
    assert md(html) == "- [Part two](#h-part-two)\n\n## Part two {#h-part-two}\n\nText.\n"


def test_an_anchor_inside_a_heading_names_the_heading():
    # Easy Table of Contents prints an empty span with the id in each heading; old posts an <a name>
    assert md('<h2><span class="ez-toc-section" id="Why_it_matters"></span>Why it matters'
              '<span class="ez-toc-section-end"></span></h2>') == "## Why it matters {#Why_it_matters}\n"
    assert md('<h3><a name="fees"></a>Our fees</h3>') == "### Our fees {#fees}\n"
    # the heading's own id first; a second anchor in it stays an element
    assert md('<h3 id="own"><a id="old"></a>Fees</h3>') == '### <a id="old"></a>Fees {#own}\n'


def test_an_id_no_attribute_can_hold_stays_html():
    # kramdown's ids start with a letter and hold [\w:-] only; "1-intro" or "a.b" would be text.
    # The <a id> is before the heading: Hugo's .TableOfContents copies the heading's HTML (the
    # id twice, the first in the contents; an <a> in the contents' link, which ends it)
    assert md('<h2 id="1-intro">Intro</h2>') == '<a id="1-intro"></a>\n\n## Intro\n'
    assert md('<h2 id="caf&eacute;">Café</h2>') == '<a id="café"></a>\n\n## Café\n'
    assert md('<h2 id="a&quot;b">Q</h2>') == '<a id="a&quot;b"></a>\n\n## Q\n'
    # in a list item (a blank line would make the list loose) it stays in the heading
    assert md('<ul><li><h3 id="1-a">A</h3></li></ul>') == '- ### <a id="1-a"></a>A\n'


def test_named_anchors_in_text_stay_targets():
    html = '<p><a name="top"></a>Intro</p><p><a id="faq-1">What do you charge?</a></p><p><a href="#top">Top</a></p>'
    assert md(html) == '<a id="top"></a>Intro\n\n<a id="faq-1"></a>What do you charge?\n\n[Top](#top)\n'


def test_what_is_no_anchor_is_left_out():
    # WordPress's own <!--more--> marker in a single post's page, a span with text, ids of
    # blocks and of links, an id of white space: no one links to them, or the text says it all
    assert md('<p>Lead<span id="more-42"></span> on.</p>') == "Lead on.\n"
    assert md('<p><span id="x">text</span> and <a id="f" href="/file.pdf">a file</a></p>') == \
        "text and [a file](/file.pdf)\n"
    assert md('<p id="intro">A paragraph.</p><h2 id=" ">T</h2>') == "A paragraph.\n\n## T\n"
    assert md('<p><code><a name="x"></a>c</code></p>') == "`c`\n"  # (no HTML in a code span)


def test_a_brace_in_a_heading_is_escaped():
    # goldmark reads a heading's last "{...}" as attributes: "## Style it with {.button}" lost
    # "{.button}" (Hugo 0.111); goldmark 2 reads any "{name}" so
    assert md("<h2>Style it with {.button}</h2>") == "## Style it with \\{.button}\n"
    assert md("<h2>Options {a}</h2>") == "## Options \\{a}\n"
    assert md("<h2>Use <code>{a}</code></h2>") == "## Use `{a}`\n"
    assert md("<p>Options {a}</p>") == "Options {a}\n"


def test_a_heading_in_a_link_keeps_its_anchor_out_of_the_link_text():
    # a card: "### [Title {#card}](url)" showed "Title {#card}" in Hugo and Jekyll, with no id
    card = '<div><a href="https://ex.org/p/"><h3 id="card">Title</h3><p>Text.</p></a></div>'
    assert md(card) == "### [Title](https://ex.org/p/) {#card}\n\n[Text.](https://ex.org/p/)\n"
    ez = ('<div><a href="/p/"><h3><span class="ez-toc-section" id="Card_two"></span>Card {two}</h3>'
          '<p>Text.</p></a></div>')
    assert md(ez) == "### [Card \\{two}](/p/) {#Card_two}\n\n[Text.](/p/)\n"
    # an id no attribute can hold: its <a id> before the link, not in it (an <a> in an <a>
    # ends the link in a browser)
    assert md('<div><a href="/p/"><h3 id="1-card">Card</h3><p>Text.</p></a></div>') == \
        '### <a id="1-card"></a>[Card](/p/)\n\n[Text.](/p/)\n'
    assert md('<div><a href="/p/"><h3 id="1-card">Card</h3><ul><li>x</li></ul></a></div>') == \
        '### <a id="1-card"></a>[Card](/p/)\n\n- x\n'
    # flattened into one link (in a list item): the anchor goes before the link
    assert md('<ul><li><a href="/p"><h3 id="lh">List card</h3><p>desc</p></a></li></ul>') == \
        '- <a id="lh"></a>[List card desc](/p)\n'


def test_an_empty_heading_keeps_its_id_as_an_element():
    # kramdown reads "## {#top}" (no text before the attribute) as the heading's text: Jekyll
    # showed "{#top}"
    assert md('<h2><a name="top"></a></h2><p>Intro</p>') == '<a id="top"></a>\n\n##\n\nIntro\n'
    assert md('<h3 id="e2"> </h3>') == '<a id="e2"></a>\n\n###\n'


def test_anchors_in_a_link_go_before_it():
    # "[<a id="s"></a>Text](/x)" is <a href><a id></a>Text</a>: a browser ends the link at the
    # inner <a> (the HTML parser's adoption agency), and "Text" is no link any more
    assert md('<p><a href="/x"><span id="s"></span>Linked text</a> and <a href="/y"><a name="n"></a>other</a></p>') \
        == '<a id="s"></a>[Linked text](/x) and <a id="n"></a>[other](/y)\n'
    # footnotes pasted from Word: each link is also the other's target (its name)
    word = ('<p>Claim<a title="" href="#_ftn1" name="_ftnref1">[1]</a> here.</p>'
            '<p><a title="" href="#_ftnref1" name="_ftn1">[1]</a> The source.</p>')
    assert md(word) == ('Claim<a id="_ftnref1"></a>[\\[1\\]](#_ftn1) here.\n\n'
                        '<a id="_ftn1"></a>[\\[1\\]](#_ftnref1) The source.\n')
    # a heading that is a named link: its name is the heading's anchor
    assert md('<h2><a name="fees" href="/fees/">Fees</a></h2>') == "## [Fees](/fees/) {#fees}\n"
    assert md('<h2><a href="/x"><span id="s"></span>Title</a></h2>') == "## [Title](/x) {#s}\n"


def test_a_span_holding_the_whole_heading_names_it():
    # Table of Contents Plus (and LuckyWP's) wrap the heading's text in the span its list links to
    assert md('<h2><span id="Why_it_matters">Why it matters</span></h2>') == "## Why it matters {#Why_it_matters}\n"
    assert md('<h3><span id="i-2">Привет <em>мир</em></span></h3>') == "### Привет *мир* {#i-2}\n"
    # a span with part of the text is no anchor of the heading
    assert md('<h2>Price <span id="p">10</span></h2>') == "## Price 10\n"


def test_an_element_an_in_page_link_names_keeps_that_target():
    # footnotes written by hand: the reference's id and the note's, each the other's link
    html = '<p>Claim<sup><a id="ref1" href="#fn1">1</a></sup>.</p><ol><li id="fn1">Source. <a href="#ref1">↩</a></li></ol>'
    assert md(html) == 'Claim<sup><a id="ref1"></a>[1](#fn1)</sup>.\n\n1. <a id="fn1"></a>Source. [↩](#ref1)\n'
    # a block's id is kept when a link of the post names it, and only then
    assert md('<p><a href="#intro">i</a></p><p id="intro">A paragraph.</p><p id="other">No.</p>') == \
        '[i](#intro)\n\n<a id="intro"></a>A paragraph.\n\nNo.\n'
    assert md('<p><a href="#s">s</a> text <span id="s">spanned</span> here</p>') == \
        '[s](#s) text <a id="s"></a>spanned here\n'
    # an anchor in code goes before the code (a code span shows HTML as text)
    assert md('<p><a href="#c1">go</a></p><p><code><a name="c1"></a>code</code></p>') == \
        '[go](#c1)\n\n<a id="c1"></a>`code`\n'
    assert md('<p><a href="#t">t</a></p><table id="t"><tr><th>A</th></tr><tr><td>b</td></tr></table>') == \
        '[t](#t)\n\n<a id="t"></a>\n\n| A |\n| --- |\n| b |\n'
    # what keeps its id by itself is left as it was
    fn = ('<sup data-fn="u1" class="fn"><a href="#u1" id="u1-link">1</a></sup>'
          '<ol class="wp-block-footnotes"><li id="u1">Note <a href="#u1-link">↩︎</a></li></ol>')
    assert md(fn) == '<sup id="u1-link">[1](#u1)</sup>\n\n1. <span id="u1"></span>Note [↩︎](#u1-link)\n'
    assert md('<p><a href="#Why">w</a></p><h2><span id="Why">Why</span></h2>') == "[w](#Why)\n\n## Why {#Why}\n"
    # an anchor with both an id and a name answers to both
    assert md('<p><a href="#y">y</a> <a href="#x">x</a></p><p><a id="x" name="y"></a>Both</p>') == \
        '[y](#y) [x](#x)\n\n<a id="y"></a><a id="x"></a>Both\n'
