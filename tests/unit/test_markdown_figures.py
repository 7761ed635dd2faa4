"""html_to_markdown: figures and captions, galleries, details, definition lists.

Figures become the image paragraph followed by the caption as an italic paragraph: CommonMark
has no figure, and a raw <figure> block would hide the caption's links and emphasis from
Markdown tools; this renders the same content in the same order everywhere.
"""

from mwmigrate.convert.markdown import html_to_markdown as md


def test_block_image_with_caption():
    html = ('<figure class="wp-block-image"><img src="/a.jpg" alt="A"><figcaption>Caption with '
            '<a href="/l">link</a> and <em>em</em></figcaption></figure>')
    assert md(html) == "![A](/a.jpg)\n\n*Caption with [link](/l) and em*\n"


def test_classic_caption_linked_image():
    html = ('<figure class="wp-caption aligncenter"><a href="/big.jpg"><img src="/small.jpg" alt="S"></a>'
            '<figcaption class="wp-caption-text">Cap</figcaption></figure>')
    assert md(html) == "[![S](/small.jpg)](/big.jpg)\n\n*Cap*\n"


def test_classic_gallery_becomes_its_images():
    html = ("<div class='gallery'><figure class='gallery-item'><div class='gallery-icon'><a href='/p1'>"
            "<img src='/1.jpg' alt='One'></a></div>\n<figcaption class='gallery-caption'>\n  First\n"
            "</figcaption></figure><figure class='gallery-item'><div class='gallery-icon'><a href='/p2'>"
            "<img src='/2.jpg' alt='Two'></a></div></figure></div>")
    assert md(html) == "[![One](/1.jpg)](/p1)\n\n*First*\n\n[![Two](/2.jpg)](/p2)\n"


def test_block_gallery():
    html = ('<figure class="wp-block-gallery"><figure class="wp-block-image"><img src="/1.jpg" alt="One">'
            '</figure><figure class="wp-block-image"><img src="/2.jpg" alt="Two"><figcaption>Second'
            "</figcaption></figure></figure>")
    assert md(html) == "![One](/1.jpg)\n\n![Two](/2.jpg)\n\n*Second*\n"


def test_details_summary_body_stays_markdown():
    html = "<details><summary>More <b>info</b></summary><p>Hidden <em>text</em></p></details>"
    # (markdown="1": kramdown reads the Markdown inside only so; CommonMark readers anyway)
    assert md(html) == '<details markdown="1">\n<summary>More <b>info</b></summary>\n\nHidden *text*\n\n</details>\n'


def test_definition_list_kept_as_html():
    html = '<dl><dt>Term</dt><dd>Def <a href="/d">link</a></dd></dl>'
    assert md(html) == html + "\n"


def test_details_open_kept():
    html = "<details open><summary>S</summary><p>body</p></details>"
    assert md(html) == '<details markdown="1" open>\n<summary>S</summary>\n\nbody\n\n</details>\n'


def test_empty_caption_wrapper_dropped():
    html = '<dl id="attachment_1" class="wp-caption"><dt class="wp-caption-dt"></dt></dl>\n<p>a</p>'
    assert md(html) == "a\n"
    assert md('<dl class="wp-caption"><dt><img src="/i.png" alt=""></dt></dl>') == (
        '<dl class="wp-caption"><dt><img alt="" src="/i.png"/></dt></dl>\n'
    )


def test_caption_of_no_break_spaces_only_shows_nothing():
    # TablePress writes <caption>&nbsp;</caption> (wagtail-wordpress-import's test export has
    # one); an editor leaves a figcaption holding a no-break space. Neither shows any text.
    table = "<table><caption>{}</caption><tr><th>a</th></tr><tr><td>b</td></tr></table>"
    assert md(table.format("\xa0")) == "| a |\n| --- |\n| b |\n"
    assert md(table.format("&nbsp; <em>&nbsp;</em>")) == "| a |\n| --- |\n| b |\n"
    assert md('<figure><img src="/x.png" alt=""><figcaption>&nbsp;</figcaption></figure>') == "![](/x.png)\n"
    # a caption with text keeps its no-break space
    assert md(table.format("Costs&nbsp;2024")) == "*Costs\xa02024*\n\n| a |\n| --- |\n| b |\n"


def test_cover_css_background_becomes_image():
    html = ('<div class="wp-block-cover has-parallax"><span class="wp-block-cover__background"></span>'
            '<div role="img" class="wp-block-cover__image-background" style="background-position:50% 50%;'
            'background-image:url(https://e.com/a.jpg)"></div>'
            '<div class="wp-block-cover__inner-container"><p>Content</p></div></div>')
    assert md(html) == "![](https://e.com/a.jpg)\n\nContent\n"


def test_image_then_break_before_figure_leaves_no_stray_backslash():
    html = '<p>text.<br />\n<figure><img src="/a.jpg" alt="A"><figcaption>C</figcaption></figure></p>'
    assert md(html) == "text.\n\n![A](/a.jpg)\n\n*C*\n"
