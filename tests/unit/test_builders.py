"""Page builders' shortcodes (convert.builders, profiles/shortcodes/*.toml): a page built with
WPBakery, Divi or Avada keeps its text, headings, images, links and buttons, in page order,
without the builder's tags or grid. The expected Markdown below is what a reader of each page
saw, written by hand."""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest

from mwmigrate.convert.builders import (
    BUILDER_HANDLERS,
    BUILDER_SITE_DATA,
    CODE_HANDLERS,
    EARLY_HANDLERS,
    BuilderSpecError,
    load_specs,
)
from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.render import (
    RenderContext,
    SiteDataNeeded,
    may_need_site_data,
    render_content,
    site_free_context,
)
from mwmigrate.convert.shortcodes import CORE_HANDLERS
from mwmigrate.model import Media

MEDIA = {42: Media(wp_id=42, url="https://example.com/wp-content/uploads/team.jpg", alt="Our team",
                   mime_type="image/jpeg"),
         43: Media(wp_id=43, url="https://example.com/wp-content/uploads/office.png", alt="",
                   mime_type="image/png"),
         44: Media(wp_id=44, url="https://example.com/wp-content/uploads/brochure.pdf",
                   mime_type="application/pdf")}


def markdown(raw: str) -> tuple[str, list[str]]:
    rendered = render_content(raw, RenderContext(post_id=7, media=MEDIA))
    return html_to_markdown(rendered.html), rendered.warnings


def test_wpbakery_page() -> None:
    raw_html = base64.b64encode(quote("<p>Opening hours: <em>9 to 5</em></p>").encode()).decode()
    raw = (
        '[vc_row][vc_column width="2/3"][vc_custom_heading text="Our Services" '
        'font_container="tag:h2|text_align:left" use_theme_fonts="yes"][vc_column_text]'
        "We are a firm of solicitors.\n\nWe help with <strong>family law</strong> and conveyancing."
        '[/vc_column_text][vc_btn title="Contact us" color="blue" '
        'link="url:https%3A%2F%2Fexample.com%2Fcontact%2F|title:Contact|target:%20_blank|"]'
        '[/vc_column][vc_column width="1/3"][vc_single_image image="42" img_size="medium"]'
        '[vc_empty_space height="20px"][/vc_column][/vc_row]\n'
        '[vc_row][vc_column][vc_tta_accordion][vc_tta_section title="What does it cost?" tab_id="1"]'
        "[vc_column_text]It depends on the case.[/vc_column_text][/vc_tta_section][/vc_tta_accordion]"
        f'[vc_raw_html]{raw_html}[/vc_raw_html][vc_gallery images="43,44,999"][vc_wp_search]'
        "[/vc_column][/vc_row]"
    )
    md, warnings = markdown(raw)
    assert md == (
        "## Our Services\n\n"
        "We are a firm of solicitors.\n\n"
        "We help with **family law** and conveyancing.\n\n"
        "[Contact us](https://example.com/contact/)\n\n"
        "![Our team](https://example.com/wp-content/uploads/team.jpg)\n\n"
        "#### What does it cost?\n\n"
        "It depends on the case.\n\n"
        "Opening hours: *9 to 5*\n\n"
        "![](https://example.com/wp-content/uploads/office.png)\n"
    )
    # the search widget could only work on the live site: its removal is reported
    assert warnings == ["post 7: WPBakery element [vc_wp_search] removed (only the live site "
                        "could show it: a form, poll, map, widget, script, hosted video or post list)"]


def test_divi_page() -> None:
    raw = (
        '[et_pb_section fb_built="1" _builder_version="4.16"][et_pb_row _builder_version="4.16"]'
        '[et_pb_column type="4_4" _builder_version="4.16"][et_pb_text _builder_version="4.16"]'
        "<h2>About us</h2>\n<p>Founded in 1990, we serve clients across the county.</p>[/et_pb_text]"
        '[et_pb_blurb title="Conveyancing" image="https://example.com/wp-content/uploads/house.png" '
        'alt="A house"]<p>Buying or selling a home.</p>[/et_pb_blurb]'
        '[et_pb_toggle title="Do you offer fixed fees?" open="off"]Yes, for most work.[/et_pb_toggle]'
        '[et_pb_button button_url="https://example.com/book/" button_text="Book a call"][/et_pb_button]'
        '[et_pb_divider _builder_version="4.16"][/et_pb_divider]'
        '[et_pb_contact_form email="office@example.com"][et_pb_contact_field field_id="Name"]'
        "[/et_pb_contact_field][/et_pb_contact_form][/et_pb_column][/et_pb_row][/et_pb_section]"
    )
    md, warnings = markdown(raw)
    assert md == (
        "## About us\n\n"
        "Founded in 1990, we serve clients across the county.\n\n"
        "#### Conveyancing\n\n"
        "![A house](https://example.com/wp-content/uploads/house.png)\n\n"
        "Buying or selling a home.\n\n"
        "##### Do you offer fixed fees?\n\n"
        "Yes, for most work.\n\n"
        "[Book a call](https://example.com/book/)\n"
    )
    assert len(warnings) == 1 and "[et_pb_contact_form] removed" in warnings[0]


def test_avada_page() -> None:
    code = base64.b64encode("<table><tr><td>Mon</td><td>9-5</td></tr></table>".encode()).decode()
    raw = (
        '[fusion_builder_container hundred_percent="no"][fusion_builder_row]'
        '[fusion_builder_column type="1_1"][fusion_title size="1" content_align="left"]'
        "Welcome to Smith & Co[/fusion_title][fusion_text]<p>We are here to help.</p>[/fusion_text]"
        '[fusion_button link="https://example.com/contact" color="default"]Get in touch'
        '[/fusion_button][fusion_separator style_type="none" /]'
        f"[fusion_code]{code}[/fusion_code]"
        "[/fusion_builder_column][/fusion_builder_row][/fusion_builder_container]"
    )
    md, warnings = markdown(raw)
    assert md == (
        "# Welcome to Smith & Co\n\n"
        "We are here to help.\n\n"
        "[Get in touch](https://example.com/contact)\n\n"
        # (a table without a header row stays HTML: GFM tables need one)
        "<table><tr><td>Mon</td><td>9-5</td></tr></table>\n"
    )
    assert warnings == []


def test_text_in_attributes_is_html_as_the_builders_print_it() -> None:
    # Titles and labels in attributes are printed by the builders as they are stored: HTML,
    # entities and all; wptexturize leaves a registered shortcode's attributes alone.
    md, _ = markdown('[vc_custom_heading text="Tom &amp; Jerry\'s <b>law</b>" font_container="tag:h3"]'
                     '[et_pb_blurb title="Wills &amp; probate"]Text[/et_pb_blurb]')
    assert md == "### Tom & Jerry's **law**\n\n#### Wills & probate\n\nText\n"
    # a script in an attribute is dropped by the converter like any other script
    md, _ = markdown('[vc_custom_heading text="Hi<script>alert(1)</script>"]')
    assert md == "## Hi\n"


def test_unknown_builder_shortcode_still_kept_as_text_with_a_warning() -> None:
    md, warnings = markdown("[vc_row][vc_column][vc_acme_widget foo=1][/vc_column][/vc_row]")
    assert "[vc\\_acme\\_widget foo=1]" in md or "[vc_acme_widget foo=1]" in md
    assert warnings == ["post 7: unknown shortcode [vc_acme_widget] kept as text"]


def test_bad_base64_is_kept_as_text_and_reported() -> None:
    md, warnings = markdown("[vc_raw_html]not base64 at all![/vc_raw_html]")
    assert "not base64 at all!" in md
    assert warnings == ["post 7: [vc_raw_html] holds no valid base64: kept as text"]


def test_images_by_attachment_id_need_the_site_data() -> None:
    raw = '[vc_row][vc_column][vc_single_image image="42"][/vc_column][/vc_row]'
    assert may_need_site_data(raw)
    with pytest.raises(SiteDataNeeded):
        render_content(raw, site_free_context())
    # the other builder elements read nothing of the site: same output without it
    plain = ('[vc_row][vc_column][vc_custom_heading text="Hi"][vc_column_text]Text[/vc_column_text]'
             '[et_pb_image src="https://example.com/a.png"][/et_pb_image][/vc_column][/vc_row]')
    assert not may_need_site_data(plain)
    assert render_content(plain, site_free_context()).html == render_content(
        plain, RenderContext(media=MEDIA)).html
    assert BUILDER_SITE_DATA == {"vc_single_image", "vc_gallery", "vc_images_carousel", "et_pb_gallery"}


def test_shipped_data_is_consistent() -> None:
    assert not set(BUILDER_HANDLERS) & set(CORE_HANDLERS)
    assert len(BUILDER_HANDLERS) > 100
    jetpack = {"youtube", "googlemaps", "instagram", "gist", "soundcloud", "vimeo", "dailymotion",
               "tweet", "wpvideo", "videopress", "polldaddy", "crowdsignal", "wufoo"}
    assert {"code", "sourcecode", "php", "python"} <= set(CODE_HANDLERS)
    assert not set(CODE_HANDLERS) & set(BUILDER_HANDLERS)  # only in their own, first pass
    assert set(EARLY_HANDLERS) == jetpack - {"wpvideo", "videopress", "polldaddy", "crowdsignal", "wufoo"}
    assert all(name.startswith(("vc_", "et_pb_", "fusion_", "su_")) or name in jetpack
               for name in BUILDER_HANDLERS)
    # everyday words a site without the plugins may put in brackets are not taken
    assert not {"c", "r", "text", "plain", "go", "latex", "caption", "embed"} & (
        set(BUILDER_HANDLERS) | set(CODE_HANDLERS))


def test_spec_file_mistakes_are_refused() -> None:
    with pytest.raises(BuilderSpecError, match="unknown keys"):
        load_specs('[[shortcode]]\nbuilder = "X"\nkind = "drop"\nnames = ["x"]\ncolour = "red"\n')
    with pytest.raises(BuilderSpecError, match="bad kind"):
        load_specs('[[shortcode]]\nbuilder = "X"\nkind = "explode"\nnames = ["x"]\n')
    with pytest.raises(BuilderSpecError, match="bad kind"):
        load_specs('[[shortcode]]\nbuilder = "X"\nkind = "drop"\nnames = []\n')


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Smith &amp; Co</title><link>https://smith.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://smith.example</wp:base_site_url><wp:base_blog_url>https://smith.example</wp:base_blog_url>
<item><title>Services</title><link>https://smith.example/services/</link><dc:creator>admin</dc:creator>
<content:encoded><![CDATA[[vc_row][vc_column][vc_custom_heading text="Services" font_container="tag:h2"][vc_column_text]Family law and wills.[/vc_column_text][vc_single_image image="42"][/vc_column][/vc_row]]]></content:encoded>
<wp:post_id>5</wp:post_id><wp:post_date>2024-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-02 10:00:00</wp:post_date_gmt>
<wp:post_name>services</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
<item><title>team.jpg</title><wp:post_id>42</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:post_parent>5</wp:post_parent><wp:attachment_url>https://smith.example/wp-content/uploads/team.jpg</wp:attachment_url></item>
</channel></rss>
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_builder_page_migrates_to_its_content(tmp_path, workers: int) -> None:  # type: ignore[no-untyped-def]
    import json

    from mwmigrate.migrate import MigrateOptions, migrate_wxr

    source = tmp_path / "export.xml"
    source.write_text(WXR, encoding="utf-8")
    out = tmp_path / "out"
    result = migrate_wxr(source, out, MigrateOptions(workers=workers, progress=False))
    record = json.loads((out / "records/posts.jsonl").read_text(encoding="utf-8"))
    assert record["content_markdown"] == ("## Services\n\nFamily law and wills.\n\n"
                                          "![](https://smith.example/wp-content/uploads/team.jpg)\n")
    assert "[vc_" not in record["content_html"] and "[vc_" not in (out / record["path"]).read_text()
    assert result.warnings == []


def test_jetpack_embeds_become_links() -> None:
    # WordPress.com exports write embeds as Jetpack shortcodes, in several spellings.
    raw = ("[youtube https://www.youtube.com/watch?v=abc123&amp;w=640]\n\n"
           "[youtube=https://youtu.be/xyz]\n\n"
           "[vimeo 141358]\n\n"
           "[vimeo=https://vimeo.com/5555]\n\n"
           "[dailymotion id=x8oma9]\n\n"
           "[tweet https://twitter.com/wordpress/status/1]\n\n"
           "[tweet 20]\n\n"
           "[gist]https://gist.github.com/a/b[/gist]\n\n"
           '[soundcloud url="https://api.soundcloud.com/tracks/293" params="auto_play=false"]\n\n'
           "[wpvideo OcobLTqC]")
    md, warnings = markdown(raw)
    assert md == (
        "<https://www.youtube.com/watch?v=abc123&w=640>\n\n"
        "<https://youtu.be/xyz>\n\n"
        "<https://vimeo.com/141358>\n\n"
        "<https://vimeo.com/5555>\n\n"
        "<https://www.dailymotion.com/video/x8oma9>\n\n"
        "<https://twitter.com/wordpress/status/1>\n\n"
        "<https://twitter.com/i/status/20>\n\n"
        "<https://gist.github.com/a/b>\n\n"
        "<https://api.soundcloud.com/tracks/293>\n"
    )
    assert len(warnings) == 1 and "Jetpack element [wpvideo] removed" in warnings[0]


def test_source_code_shortcodes_become_fenced_code() -> None:
    # WordPress.com / SyntaxHighlighter: the code as written, no paragraphs, curly quotes or
    # shortcodes inside it, whether saved as text or through the visual editor (entities).
    raw = ('Here is PHP:\n\n[code language="php"]\n<?php\nfunction f($a) {\n'
           '    return "x" . $a; // it\'s [caption] -- not a shortcode\n}\n\necho f(\'y\');\n[/code]\n\n'
           "And CSS:\n\n[css]a > b { color: red; }[/css]\n\n"
           "[sourcecode lang=\"Python\"]\ndef f():\n    return 'a'\n[/sourcecode]")
    md, warnings = markdown(raw)
    assert md == (
        "Here is PHP:\n\n"
        "```php\n<?php\nfunction f($a) {\n    return \"x\" . $a; // it's [caption] -- not a shortcode\n}\n\n"
        "echo f('y');\n```\n\n"
        "And CSS:\n\n"
        "```css\na > b { color: red; }\n```\n\n"
        "```python\ndef f():\n    return 'a'\n```\n"
    )
    assert warnings == []


@pytest.mark.parametrize(("raw", "expected"), [
    # Divi's slides use heading and button_link (not a call to action's title and button_url)
    ('[et_pb_slider][et_pb_slide heading="Welcome" button_text="Enter" button_link="https://e.com/x"]'
     "Slide body[/et_pb_slide][/et_pb_slider]",
     "## Welcome\n\nSlide body\n\n[Enter](https://e.com/x)\n"),
    # WPBakery's older call to action: its button is a vc_link in link, labelled by title
    ('[vc_cta_button2 h2="Ready?" h4="Two minutes" title="Start" link="url:https%3A%2F%2Fe.com%2Fgo|"]'
     "Sign up today.[/vc_cta_button2]",
     "## Ready?\n\nTwo minutes\n\nSign up today.\n\n[Start](https://e.com/go)\n"),
    # Avada's image frame: the image URL is the content
    ('[fusion_imageframe image_id="144|full" alt="Logo"]https://ex.com/logo.png[/fusion_imageframe]',
     "![Logo](https://ex.com/logo.png)\n"),
    # the characters a shortcode attribute cannot hold, as each builder stores them
    # (the converter escapes a "]" that could close a link)
    ('[et_pb_blurb title="Say %22hi%22 %91now%93"]x[/et_pb_blurb]', '#### Say "hi" [now\\]\n\nx\n'),
    ('[vc_custom_heading text="Say ``hi`` `{`now`}`"]', '## Say "hi" [now\\]\n'),
    # Avada's code block stored without its base64 encoding
    ("[fusion_code]<b>raw</b>[/fusion_code]", "**raw**\n"),
    # WPBakery's raw HTML on lines of its own (wpautop's <br>), unpadded base64
    ("[vc_raw_html]\nJTNDcCUzRUhpJTNDJTJGcCUzRQ\n[/vc_raw_html]", "Hi\n"),
    # numbers and labels of counters are visible text
    ('[et_pb_number_counter title="Happy clients" number="250"][/et_pb_number_counter]',
     "250\n\nHappy clients\n"),
    # Avada's highlighted title: the text is in attributes
    ('[fusion_title title_type="highlight" before_text="We are" highlight_text="fast" after_text="!"][/fusion_title]',
     "# We are fast !\n"),
    # an external image wins over a leftover attachment id
    ('[vc_single_image image="42" source="external_link" custom_src="https://cdn.e.com/a.png"]',
     "![](https://cdn.e.com/a.png)\n"),
    ('[vc_single_image image="4242" custom_src="https://cdn.e.com/b.png"]', "![](https://cdn.e.com/b.png)\n"),
    # Divi keeps a code module's line breaks as placeholders
    ("[et_pb_code]<pre>line1<!-- [et_pb_line_break_holder] -->line2</pre>[/et_pb_code]",
     "```\nline1\nline2\n```\n"),
    # Jetpack: a gist by id; an embed inside a sentence stays in it
    ("[gist 57cc50246aab776e110060926a2face2]",
     "<https://gist.github.com/57cc50246aab776e110060926a2face2>\n"),
    ("Watch [youtube https://youtu.be/x] now.", "Watch <https://youtu.be/x> now.\n"),
    # URLs WordPress's esc_url() would have removed are not made links
    ('[et_pb_button button_url="javascript:alert(1)" button_text="Click"][/et_pb_button]', "Click\n"),
    ("[youtube javascript:alert(1)]", ""),
    # a builder element inside a caption's content is rendered too (WordPress runs
    # do_shortcode on it with every registered shortcode)
    ('[caption caption="The caption" width="300"]<img src="https://e.com/a.png" alt="A" /> '
     '[vc_btn title="Go" link="url:https%3A%2F%2Fe.com|"][/caption]',
     "![A](https://e.com/a.png)\n\n[Go](https://e.com)\n\n*The caption*\n"),
])
def test_review_cases(raw: str, expected: str) -> None:
    assert markdown(raw)[0] == expected


def test_trimmed_takes_white_space_and_breaks_off_both_ends() -> None:
    from mwmigrate.convert.builders import _trimmed

    assert _trimmed(" <br />\n <BR> a <br/> b \t<br>\n  ") == "a <br/> b"
    assert _trimmed("a" + " " * 50_000 + "b") == "a" + " " * 50_000 + "b"
    assert _trimmed("<br>") == "" and _trimmed("") == ""


def test_shortcodes_ultimate_page() -> None:
    raw = ('[su_heading]Our fees[/su_heading]\n\n'
           '[su_box title="Fixed fees"]Wills from £150.[/su_box]\n\n'
           '[su_spoiler title="Is VAT included?" style="fancy"]Yes.[/su_spoiler]\n\n'
           '[su_quote cite="A client"]They were <em>excellent</em>.[/su_quote]\n\n'
           'Call [su_highlight]today[/su_highlight] or [su_button url="https://e.com/book"]Book online[/su_button]\n\n'
           '[su_posts posts_per_page="3"]\n\n[su_button url="https://e.com/x"]Alone[/su_button]')
    md, warnings = markdown(raw)
    assert md == (
        "## Our fees\n\n"
        "### Fixed fees\n\n"
        "Wills from £150.\n\n"
        "#### Is VAT included?\n\n"
        "Yes.\n\n"
        "> They were *excellent*.\n\n"
        "Call today or [Book online](https://e.com/book)\n\n"
        "[Alone](https://e.com/x)\n"
    )
    assert len(warnings) == 1 and "Shortcodes Ultimate element [su_posts] removed" in warnings[0]


@pytest.mark.parametrize(("raw", "expected", "warned"), [
    # a lone bracketed name in prose stays as it was (reported as before), never deleted
    ("The moon is cheese [source].", "The moon is cheese [source].\n", ["source"]),
    ("Filed under [html] [css]", "Filed under [html] [css]\n", ["html", "css"]),
    # the escape: [[code]]...[[/code]] is the literal text
    ("Write [[code]]x = 1[[/code]] to show code.", "Write [code]x = 1[/code] to show code.\n", []),
    # [latex] is Jetpack's maths, not code
    ("Euler: [latex]e^{i\\pi}+1=0[/latex] is nice.", "Euler: [latex]e^{i\\pi}+1=0[/latex] is nice.\n",
     ["latex"]),
    # the language written as [code="php"] or [code php]; Windows line ends become \n
    ('[code="php"]echo 1;\r\necho 2;[/code]', "```php\necho 1;\necho 2;\n```\n", []),
    ("[code php]echo 3;[/code]", "```php\necho 3;\n```\n", []),
    # not saved through the plugin's encoding: entities are the code's own text
    ('[code lang="php"]echo htmlspecialchars_decode("&lt;p&gt;");[/code]',
     '```php\necho htmlspecialchars_decode("&lt;p&gt;");\n```\n', []),
])
def test_code_shortcodes_leave_prose_alone(raw: str, expected: str, warned: list[str]) -> None:
    md, warnings = markdown(raw)
    got = md.replace("\\[", "[").replace("\\]", "]").replace("\\_", "_")  # (Markdown escapes)
    assert got == expected
    assert warnings == [f"post 7: unknown shortcode [{name}] kept as text" for name in warned]


def test_code_saved_with_the_plugins_encoding_is_decoded() -> None:
    raw = "[css]a &gt; b { content: &quot;x&quot; }[/css]"
    plain = render_content(raw, RenderContext(post_id=1)).html
    encoded = render_content(raw, RenderContext(post_id=1, code_encoded=True)).html
    assert html_to_markdown(encoded) == '```css\na > b { content: "x" }\n```\n'
    assert html_to_markdown(plain) == '```css\na &gt; b { content: &quot;x&quot; }\n```\n'
