"""render_content: the whole the_content chain, more/nextpage, warnings, texturize."""

from __future__ import annotations

from mwmigrate.convert.render import RenderContext, count_pages, render_content
from mwmigrate.convert.texturize import wptexturize


def test_classic_content_is_autopd_and_texturized() -> None:
    out = render_content('It\'s "quoted" -- dash...\nline')
    assert out.html == "<p>It&#8217;s &#8220;quoted&#8221; &#8212; dash&#8230;<br />\nline</p>\n"
    assert out.pages == 1 and out.excerpt_html == "" and out.warnings == []


def test_block_content_is_not_autopd() -> None:
    out = render_content("<!-- wp:paragraph -->\n<p>a\nb</p>\n<!-- /wp:paragraph -->")
    assert out.html == "\n<p>a\nb</p>\n"


def test_more_tag_gives_excerpt() -> None:
    out = render_content("Intro\n\n<!--more-->\n\nRest")
    assert out.html == "<p>Intro</p>\n<p><!--more--></p>\n<p>Rest</p>\n"
    assert out.excerpt_html == "<p>Intro</p>\n"


def test_more_tag_with_custom_text() -> None:
    assert render_content("A <!--more Read on--> B").excerpt_html == "<p>A </p>\n"


def test_nextpage_counted_and_kept_like_rest() -> None:
    out = render_content("a\n\n<!--nextpage-->\n\nb\n\n<!--nextpage-->\n\nc")
    assert out.pages == 3
    assert out.html == "<p>a</p>\n<p><!--nextpage--></p>\n<p>b</p>\n<p><!--nextpage--></p>\n<p>c</p>\n"
    assert count_pages("<!--nextpage-->a") == 1
    assert count_pages("a<!--nextpage-->b") == 2


def test_unknown_shortcodes_kept_and_warned_once_per_name() -> None:
    out = render_content("[foo x=1] and [foo] and [bar]", RenderContext(post_id=9))
    assert out.html == "<p>[foo x=1] and [foo] and [bar]</p>\n"
    assert out.warnings == [
        "post 9: unknown shortcode [foo] kept as text",
        "post 9: unknown shortcode [bar] kept as text",
    ]


def test_a_shortcode_inside_a_removed_one_is_not_reported_as_kept() -> None:
    # Jetpack's [contact-form] holds [contact-field]s: the form is removed, fields and all.
    out = render_content('<p>Write to us</p>[contact-form to="a@b.example"][contact-field label="Name"/]'
                         '[contact-field label="Email" type="email"/][/contact-form]', RenderContext(post_id=2))
    assert "contact-field" not in out.html
    assert out.warnings == ["post 2: form [contact-form] removed (a form cannot work in a static archive)"]


def test_standalone_caption_unwrapped_from_paragraph() -> None:
    out = render_content('[caption width="5"]<img src="a" /> c[/caption]\n\ntext')
    assert out.html == (
        '<figure style="width: 5px" class="wp-caption alignnone"><img src="a" />'
        '<figcaption class="wp-caption-text">c</figcaption></figure>\n<p>text</p>\n'
    )


def test_bare_url_line_stays_text_offline_unless_asked() -> None:
    raw = "https://youtu.be/x\n\ntext"
    assert render_content(raw).html == "<p>https://youtu.be/x</p>\n<p>text</p>\n"
    linked = render_content(raw, RenderContext(autoembed_links=True)).html
    assert linked == '<p><a href="https://youtu.be/x">https://youtu.be/x</a></p>\n<p>text</p>\n'


def test_embed_shortcode_runs_before_autop() -> None:
    assert render_content("[embed]https://e.com/v[/embed]").html == '<p><a href="https://e.com/v">https://e.com/v</a></p>\n'


def test_texturize_skips_code_tags_and_shortcode_attributes() -> None:
    assert wptexturize('<code>"x"</code> "y"') == '<code>"x"</code> &#8220;y&#8221;'
    assert wptexturize('[caption id="a"]"c"[/caption]', ["caption"]) == '[caption id="a"]&#8220;c&#8221;[/caption]'


def test_texturize_primes_times_and_amp() -> None:
    assert wptexturize("9' 10\" 3x4 A & B") == "9&#8242; 10&#8243; 3&#215;4 A &#038; B"
    assert wptexturize("'tis the '90s") == "&#8217;tis the &#8217;90s"
