"""Shortcode parsing and the core shortcodes as WordPress 6.1 prints them."""

from __future__ import annotations

from mwmigrate.convert.render import RenderContext
from mwmigrate.convert.shortcodes import (
    CORE_HANDLERS,
    Shortcode,
    ShortcodeRun,
    do_shortcode,
    parse_atts,
    unknown_shortcodes,
)
from mwmigrate.model import Media


def _run(**kw: object) -> ShortcodeRun:
    return ShortcodeRun(ctx=RenderContext(**kw))  # type: ignore[arg-type]


def _echo(sc: Shortcode, run: ShortcodeRun) -> str:
    return f"<{sc.tag} {sorted(sc.atts.items())} {sc.positional} {sc.content!r}>"


ECHO = {"b": _echo, "x": _echo}


def test_parse_atts_quoted_unquoted_positional() -> None:
    named, positional = parse_atts(""" id="a b" ALIGN='c' width=3 "pos 1" pos2""")
    assert named == {"id": "a b", "align": "c", "width": "3"}
    assert positional == ["pos 1", "pos2"]


def test_parse_atts_rejects_unclosed_html_and_nbsp_is_space() -> None:
    named, positional = parse_atts('a="<b" c=\u00a0d')
    assert named == {"a": "", "c": "d"} and positional == []


def test_enclosing_self_closing_and_unclosed() -> None:
    assert do_shortcode("[b]hi[/b]", ECHO, _run()) == "<b [] [] 'hi'>"
    assert do_shortcode("[x a=1 /]", ECHO, _run()) == "<x [('a', '1')] [] None>"
    assert do_shortcode("[x https://e.com/a.mp3]", ECHO, _run()) == "<x [] ['https://e.com/a.mp3'] None>"
    assert do_shortcode("[b][/b]", ECHO, _run()) == "<b [] [] ''>"


def test_escaped_shortcode_is_literal() -> None:
    assert do_shortcode("[[b]hi[/b]]", ECHO, _run()) == "[b]hi[/b]"
    assert do_shortcode("[[x]]", ECHO, _run()) == "[x]"


def test_names_must_match_exactly() -> None:
    assert do_shortcode("[bb] [b-x] [x_y]", ECHO, _run()) == "[bb] [b-x] [x_y]"


def test_shortcodes_inside_tags_are_not_run() -> None:
    assert do_shortcode('<a title="[x]">[x]</a>', ECHO, _run()) == '<a title="[x]"><x [] [] None></a>'


def test_unknown_shortcodes_found_once_escaped_and_numbers_skipped() -> None:
    assert unknown_shortcodes("[foo bar] [x] [[esc]] [1] [foo] [/foo] [Baz]", {"x"}) == ["foo", "Baz"]


def test_caption_to_figure() -> None:
    raw = '[caption id="attachment_5" align="alignleft" width="300"]<img src="a.jpg" alt="A" /> The caption[/caption]'
    assert do_shortcode(raw, CORE_HANDLERS, _run()) == (
        '<figure id="attachment_5" aria-describedby="caption-attachment-5" style="width: 300px" '
        'class="wp-caption alignleft"><img src="a.jpg" alt="A" /><figcaption id="caption-attachment-5" '
        'class="wp-caption-text">The caption</figcaption></figure>'
    )


def test_caption_with_link_and_caption_attribute() -> None:
    raw = '[caption width="10" caption="C"]<a href="l"><img src="a.jpg" /></a>[/caption]'
    assert do_shortcode(raw, CORE_HANDLERS, _run()) == (
        '<figure style="width: 10px" class="wp-caption alignnone"><a href="l"><img src="a.jpg" /></a>'
        '<figcaption class="wp-caption-text">C</figcaption></figure>'
    )


def test_caption_without_width_returns_image_only() -> None:
    raw = '[caption width="0"]<img src="a.jpg" /> c[/caption]'
    assert do_shortcode(raw, CORE_HANDLERS, _run()) == '<img src="a.jpg" />'


def _media() -> dict[int, Media]:
    return {
        1: Media(wp_id=1, url="http://s/a.jpg", mime_type="image/jpeg", alt="Alt", caption="Cap", width=300, height=200, parent=10),
        2: Media(wp_id=2, url="http://s/b.jpg", mime_type="image/jpeg", slug="b", parent=10),
        3: Media(wp_id=3, url="http://s/c.mp3", mime_type="audio/mpeg", parent=10),
    }


def test_gallery_with_ids_exact_markup() -> None:
    run = _run(post_id=10, media=_media())
    assert do_shortcode('[gallery ids="1" link="file"]', CORE_HANDLERS, run) == (
        "<div id='gallery-1' class='gallery galleryid-10 gallery-columns-3 gallery-size-thumbnail'>"
        "<figure class='gallery-item'>\n\t\t\t<div class='gallery-icon landscape'>\n"
        "\t\t\t\t<a href='http://s/a.jpg'><img width=\"300\" height=\"200\" src=\"http://s/a.jpg\" "
        "class=\"attachment-thumbnail size-thumbnail\" alt=\"Alt\" decoding=\"async\" loading=\"lazy\" "
        "aria-describedby=\"gallery-1-1\" /></a>\n\t\t\t</div>\n"
        "\t\t\t\t<figcaption class='wp-caption-text gallery-caption' id='gallery-1-1'>\n"
        "\t\t\t\tCap\n\t\t\t\t</figcaption></figure>\n\t\t</div>\n"
    )


def test_gallery_without_ids_uses_children_images_only_and_counts_instances() -> None:
    run = _run(post_id=10, media=_media(), attachments_by_parent={10: [1, 2, 3]}, post_url="http://s/p/")
    out = do_shortcode("[gallery columns=2 link=none][gallery]", CORE_HANDLERS, run)
    assert out.count("<img ") == 4 and "c.mp3" not in out
    assert "id='gallery-1'" in out and "id='gallery-2'" in out and "gallery-columns-2" in out
    assert "<a href='http://s/p/b/'>" in out  # default link: the attachment page
    assert out.count("<a ") == 2  # link=none on the first gallery


def test_gallery_with_nothing_to_show_is_empty() -> None:
    assert do_shortcode("[gallery]", CORE_HANDLERS, _run(post_id=99)) == ""


def test_embed_offline_is_a_link() -> None:
    out = do_shortcode("[embed width=100]https://example.com/v?a=1&b=2[/embed]", CORE_HANDLERS, _run())
    assert out == '<a href="https://example.com/v?a=1&amp;b=2">https://example.com/v?a=1&amp;b=2</a>'


def test_audio_markup() -> None:
    assert do_shortcode('[audio mp3="http://s/a.mp3"]', CORE_HANDLERS, _run(post_id=7)) == (
        "<!--[if lt IE 9]><script>document.createElement('audio');</script><![endif]-->\n"
        '<audio class="wp-audio-shortcode" id="audio-7-1" preload="none" style="width: 100%;" '
        'controls="controls"><source type="audio/mpeg" src="http://s/a.mp3?_=1" />'
        '<a href="http://s/a.mp3">http://s/a.mp3</a></audio>'
    )


def test_audio_positional_url_falls_back_to_attached_audio() -> None:
    run = _run(post_id=10, media=_media(), attachments_by_parent={10: [1, 3]})
    out = do_shortcode("[audio http://elsewhere/x.mp3]", CORE_HANDLERS, run)
    assert 'src="http://s/c.mp3?_=1"' in out and "elsewhere" not in out


def test_video_markup() -> None:
    assert do_shortcode('[video src="http://s/v.mp4"]', CORE_HANDLERS, _run(post_id=7)) == (
        '<div style="width: 640px;" class="wp-video">'
        "<!--[if lt IE 9]><script>document.createElement('video');</script><![endif]-->\n"
        '<video class="wp-video-shortcode" id="video-7-1" width="640" height="360" preload="metadata" '
        'controls="controls"><source type="video/mp4" src="http://s/v.mp4?_=1" />'
        '<a href="http://s/v.mp4">http://s/v.mp4</a></video></div>'
    )


def test_form_shortcodes_are_removed_and_reported():
    from mwmigrate.convert.render import RenderContext, render_content

    out = render_content('Call us.\n\n[contact-form-7 id="12" title="Referral"]\n\nThanks.',
                         RenderContext(post_id=54))
    assert "contact-form-7" not in out.html and "Call us." in out.html and "Thanks." in out.html
    assert out.warnings == ["post 54: form [contact-form-7] removed (a form cannot work in a "
                            "static archive)"]


def test_playlist_is_the_list_of_its_tracks() -> None:
    # wp_playlist_shortcode() (media.php): its <noscript> lists each track as
    # wp_get_attachment_link(): the file, titled as the attachment (else the file's name); only
    # attachments of the playlist's type (audio by default); the post's own without ids.
    media = {**_media(), 4: Media(wp_id=4, url="http://s/intro.mp3", mime_type="audio/mpeg", title="Intro & Theme",
                                  parent=10),
             5: Media(wp_id=5, url="http://s/talk.mp4", mime_type="video/mp4", title="Talk", parent=10)}
    run = _run(post_id=10, media=media, attachments_by_parent={10: [1, 3, 4, 5]})
    assert do_shortcode('[playlist ids="4,3,1"]', CORE_HANDLERS, run) == (
        '<div class="wp-playlist wp-audio-playlist wp-playlist-light">\n<ol>\n'
        '\t<li><a href="http://s/intro.mp3">Intro &amp; Theme</a></li>\n\t<li><a href="http://s/c.mp3">c</a></li>\n'
        "</ol>\n</div>")
    assert do_shortcode('[playlist type="video"]', CORE_HANDLERS, run).count("<li>") == 1  # the talk
    assert do_shortcode('[playlist order="DESC"]', CORE_HANDLERS, run).index("intro") < \
        do_shortcode('[playlist order="DESC"]', CORE_HANDLERS, run).index("c.mp3")
    assert do_shortcode('[playlist ids="1"]', CORE_HANDLERS, run) == ""  # (an image is no track)
