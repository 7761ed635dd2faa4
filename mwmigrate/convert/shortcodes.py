"""Shortcode parser and WordPress's built-in shortcodes: caption, gallery, embed, audio, video.

Renderer stage, run by convert.render after wpautop (``do_shortcode`` is priority 11 on the_content).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mwmigrate.convert.wpautop import HTML_SPLIT

if TYPE_CHECKING:
    from mwmigrate.convert.render import RenderContext
    from mwmigrate.model import Media


@dataclass
class Shortcode:
    """One parsed shortcode occurrence."""

    tag: str
    atts: dict[str, str] = field(default_factory=dict)  # named attributes, names lower-cased
    positional: list[str] = field(default_factory=list)  # [audio URL] style values, in order
    content: str | None = None  # None for a self-closing/unclosed tag, "" for [x][/x]


@dataclass
class ShortcodeRun:
    """State of one render: WordPress keeps these counters in statics per request."""

    ctx: RenderContext
    warnings: list[str] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    texturize: Callable[[str], str] = lambda s: s
    # The registered shortcodes of this render, for handlers that run the shortcodes inside them.
    handlers: Mapping[str, Handler] = field(default_factory=lambda: CORE_HANDLERS)

    def next_instance(self, kind: str) -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]


Handler = Callable[[Shortcode, ShortcodeRun], str]

# --- parsing -------------------------------------------------------------------------------

# shortcode_parse_atts(): name="v", name='v', name=v, "v", 'v', v, each followed by space or end.
_ATTR = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)"""
    r"""|'([^']*)'(?:\s|$)"""
    r"""|(\S+)(?:\s|$)""",
    re.ASCII,
)
_ODD_SPACES = re.compile("[\u00a0\u200b]+")


def parse_atts(text: str) -> tuple[dict[str, str], list[str]]:
    """Named and positional attributes of a shortcode's opening tag (after its name)."""
    named: dict[str, str] = {}
    positional: list[str] = []
    text = _ODD_SPACES.sub(" ", text)
    for m in _ATTR.finditer(text):
        if m.group(1) is not None:
            named[m.group(1).lower()] = _strip_cslashes(m.group(2))
        elif m.group(3) is not None:
            named[m.group(3).lower()] = _strip_cslashes(m.group(4))
        elif m.group(5) is not None:
            named[m.group(5).lower()] = _strip_cslashes(m.group(6))
        elif m.group(7) is not None:
            positional.append(_strip_cslashes(m.group(7)))
        elif m.group(8) is not None:
            positional.append(_strip_cslashes(m.group(8)))
        else:
            positional.append(_strip_cslashes(m.group(9)))
    # WordPress blanks values holding an unclosed HTML element.
    named = {k: _reject_unclosed(v) for k, v in named.items()}
    return named, [_reject_unclosed(v) for v in positional]


_BALANCED_TAGS = re.compile(r"[^<]*+(?:<[^>]*+>[^<]*+)*+")


def _reject_unclosed(value: str) -> str:
    return "" if "<" in value and not _BALANCED_TAGS.fullmatch(value) else value


def _strip_cslashes(value: str) -> str:
    # WordPress applies stripcslashes() to every attribute value.
    if "\\" not in value:
        return value
    return re.sub(r"\\(.)", r"\1", value)


_REGEX_CACHE: dict[tuple[tuple[str, ...], bool], re.Pattern[str]] = {}


def shortcode_regex(tagnames: Iterable[str], enclosing: bool = True) -> re.Pattern[str]:
    """get_shortcode_regex(): groups 1 '[' escape, 2 name, 3 atts, 4 '/', 5 content, 6 ']' escape.

    ``enclosing=False`` drops the search for a closing tag: when the text holds no ``[/name]``
    that search can only fail, and failing from every opening tag is quadratic.
    """
    names = tuple(sorted(set(tagnames)))
    key = (names, enclosing)
    pattern = _REGEX_CACHE.get(key)
    if pattern is None:
        tagregexp = "|".join(re.escape(t) for t in sorted(names, key=len, reverse=True))
        content = r"(?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?" if enclosing else r"()"
        pattern = re.compile(
            r"\[(\[?)"
            rf"({tagregexp})(?![\w-])"
            r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"
            rf"(?:(/)\]|\]{content})"
            r"(\]?)"
        )
        _REGEX_CACHE[key] = pattern
    return pattern


# Names that could be shortcodes: what WordPress scans for before building its regex.
_CANDIDATE = re.compile(r"\[([^<>&/\[\]\x00-\x20=]++)")
# A plausible shortcode name for warnings: letters first, so "[1]" footnotes and "[…]" aren't flagged.
_NAME_LIKE = re.compile(r"[A-Za-z][\w-]*")
_ESC_OPEN, _ESC_CLOSE = "\ue05b", "\ue05d"  # private-use stand-ins for brackets inside HTML tags


def hide_brackets_in_tags(text: str) -> str:
    """Shortcodes inside tags/comments are not run (WordPress only runs them in attribute values,
    after kses; we skip that rare case rather than risk markup in attributes)."""
    # The tags found one by one, only those with a bracket copied: a split into every text and
    # tag (a page list of every page is 100,000 parts) held two copies of a body megabytes long.
    out: list[str] = []
    last = 0
    for m in HTML_SPLIT.finditer(text):  # (HTML_SPLIT's group is its whole match, never empty)
        tag = m.group()
        if "[" in tag or "]" in tag:
            out.append(text[last:m.start()])
            out.append(tag.replace("[", _ESC_OPEN).replace("]", _ESC_CLOSE))
            last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def restore_brackets(text: str) -> str:
    """What hide_brackets_in_tags hid, back (also for a handler reading comments in its content)."""
    return text.replace(_ESC_OPEN, "[").replace(_ESC_CLOSE, "]")


def do_shortcode(content: str, handlers: Mapping[str, Handler], run: ShortcodeRun, *,
                 in_tags: bool = False, closed_only: bool = False) -> str:
    """Replace every registered shortcode with its handler's output; the rest stays as text.

    ``in_tags``: also where the text looks like an HTML tag; for shortcodes whose content is
    not HTML (source code: ``if (a < b)``, ``<?php``), read before anything else.
    ``closed_only``: only ``[name]...[/name]`` pairs (SyntaxHighlighter's first pass): a lone
    ``[name]`` is left as it is, and an escaped ``[[name]]...[[/name]]`` becomes its literal
    text with the brackets as character references, so that no later pass reads it."""
    if "[" not in content:
        return content
    present = {m.group(1) for m in _CANDIDATE.finditer(content)} & handlers.keys()
    if closed_only:
        present = {t for t in present if f"[/{t}]" in content}
    if not present:
        return content
    enclosing = any(f"[/{t}]" in content for t in present)
    pattern = shortcode_regex(present, enclosing)

    def replace(m: re.Match[str]) -> str:
        if closed_only and m.group(5) is None:
            return m.group(0)
        if m.group(1) == "[" and m.group(6) == "]":  # [[tag]] is an escaped, literal [tag]
            if closed_only:
                literal = m.group(0)[1:-1]
                body = m.group(5)
                if body is not None and body.startswith("]") and body.endswith("["):
                    # [[code]]x[[/code]]: both tags escaped (as the plugin reads them)
                    literal = f"[{m.group(2)}{m.group(3)}]{body[1:-1]}[/{m.group(2)}]"
                return literal.replace("[", "&#91;").replace("]", "&#93;")
            return m.group(0)[1:-1]
        named, positional = parse_atts(m.group(3))
        sc = Shortcode(tag=m.group(2), atts=named, positional=positional, content=m.group(5) if enclosing else None)
        return m.group(1) + handlers[sc.tag](sc, run) + m.group(6)

    if in_tags:
        return pattern.sub(replace, content)
    hidden = hide_brackets_in_tags(content)
    return restore_brackets(pattern.sub(replace, hidden))


def unknown_shortcodes(content: str, known: Iterable[str]) -> list[str]:
    """Names used like shortcodes but not handled, first-seen order, escaped [[x]] excluded."""
    known_set = set(known)
    seen: dict[str, None] = {}
    for m in _CANDIDATE.finditer(content):
        name = m.group(1)
        if name in known_set or name in seen or not _NAME_LIKE.fullmatch(name):
            continue
        if m.start() > 0 and content[m.start() - 1] == "[":
            continue  # [[name]]: the author asked for the literal text
        seen[name] = None
    return list(seen)


# --- handlers ------------------------------------------------------------------------------

_CAPTION_SPLIT = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.IGNORECASE | re.DOTALL)
_NOT_CLASS_CHAR = re.compile(r"%[a-fA-F0-9][a-fA-F0-9]|[^A-Za-z0-9_-]")


def sanitize_html_class(value: str) -> str:
    return _NOT_CLASS_CHAR.sub("", value)


def esc_attr(value: str) -> str:
    return html.escape(value, quote=True)


def _int(value: str | None, default: int = 0) -> int:
    m = re.match(r"\s*[+-]?\d+", value or "")
    return int(m.group(0)) if m else default


def caption_shortcode(sc: Shortcode, run: ShortcodeRun) -> str:
    """img_caption_shortcode() with HTML5 captions: <figure> + <figcaption>, as WP 6.1 outputs."""
    content = sc.content or ""
    caption = sc.atts.get("caption")
    if caption is None:
        m = _CAPTION_SPLIT.match(content)
        if m:
            content, caption = m.group(1), m.group(2).strip()
    width = _int(sc.atts.get("width"))
    if width < 1 or not caption:
        return content
    attr_id = sanitize_html_class(sc.atts.get("id", ""))
    caption_id = sanitize_html_class(sc.atts.get("caption_id", "")) or (
        "caption-" + attr_id.replace("_", "-") if attr_id else ""
    )
    cls = " ".join(f"wp-caption {sc.atts.get('align', 'alignnone')} {sc.atts.get('class', '')}".split())
    id_attr = f'id="{esc_attr(attr_id)}" ' if attr_id else ""
    described = f'aria-describedby="{esc_attr(caption_id)}" ' if caption_id else ""
    cap_id_attr = f'id="{esc_attr(caption_id)}" ' if caption_id else ""
    inner = do_shortcode(content, run.handlers, run)
    return (
        f'<figure {id_attr}{described}style="width: {width}px" class="{esc_attr(cls)}">{inner}'
        f'<figcaption {cap_id_attr}class="wp-caption-text">{caption}</figcaption></figure>'
    )


_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|svg|ico|heic)(?:[?#]|$)", re.IGNORECASE)


def is_image(media: Media) -> bool:
    if media.mime_type:
        return media.mime_type.startswith("image/")
    return bool(_IMAGE_EXT.search(media.url))


def _gallery_ids(sc: Shortcode, ctx: RenderContext) -> list[int]:
    ids_attr = sc.atts.get("ids") or sc.atts.get("include")
    if ids_attr:
        ids = [_int(x) for x in ids_attr.split(",") if _int(x) > 0]
    else:
        parent = _int(sc.atts.get("id"), ctx.post_id) or ctx.post_id
        ids = list(ctx.attachments_by_parent.get(parent, []))
        exclude = {_int(x) for x in sc.atts.get("exclude", "").split(",") if x.strip()}
        ids = [i for i in ids if i not in exclude]
    order = sc.atts.get("order", "ASC").upper()
    if order == "DESC":
        ids.reverse()
    # orderby="rand" cannot be reproduced; the stored order is the honest choice.
    return [i for i in ids if i in ctx.media and is_image(ctx.media[i])]


def _attachment_page(media: Media, ctx: RenderContext) -> str:
    # WordPress links gallery images to the attachment page, under the post it was uploaded to
    # (the export records that address); failing that, parent permalink + attachment slug.
    if media.page_url:
        return media.page_url
    if ctx.post_url and media.slug:
        return ctx.post_url.rstrip("/") + "/" + media.slug + "/"
    return media.url


def _image_tag(media: Media, size: str, extra: dict[str, str]) -> str:
    src = media.sizes.get(size) or media.url
    attrs: list[tuple[str, str]] = []
    if src == media.url and media.width and media.height:
        attrs += [("width", str(media.width)), ("height", str(media.height))]
    attrs += [("src", src), ("class", f"attachment-{size} size-{size}"), ("alt", media.alt.strip())]
    attrs += [("decoding", "async"), ("loading", "lazy")] + list(extra.items())
    return "<img " + " ".join(f'{k}="{esc_attr(v)}"' for k, v in attrs) + " />"


def gallery_shortcode(sc: Shortcode, run: ShortcodeRun) -> str:
    """gallery_shortcode() with HTML5 markup: figure.gallery-item, figcaption captions."""
    ctx = run.ctx
    ids = _gallery_ids(sc, ctx)
    if not ids:
        return ""
    instance = run.next_instance("gallery")
    selector = f"gallery-{instance}"
    columns = max(_int(sc.atts.get("columns"), 3), 0)
    size = sc.atts.get("size", "thumbnail")
    link = sc.atts.get("link", "")
    parent = _int(sc.atts.get("id"), ctx.post_id) or ctx.post_id
    out = [
        f"<div id='{selector}' class='gallery galleryid-{parent} gallery-columns-{columns} "
        f"gallery-size-{sanitize_html_class(size)}'>"
    ]
    for wp_id in ids:
        media = ctx.media[wp_id]
        caption = media.caption.strip()
        extra = {"aria-describedby": f"{selector}-{wp_id}"} if caption else {}
        image = _image_tag(media, size, extra)
        if link == "file":
            image = f"<a href='{esc_attr(media.url)}'>{image}</a>"
        elif link != "none":
            image = f"<a href='{esc_attr(_attachment_page(media, ctx))}'>{image}</a>"
        orientation = ""
        if media.width and media.height:
            orientation = "portrait" if media.height > media.width else "landscape"
        out.append(
            f"<figure class='gallery-item'>\n\t\t\t<div class='gallery-icon {orientation}'>\n"
            f"\t\t\t\t{image}\n\t\t\t</div>"
        )
        if caption:
            out.append(
                f"\n\t\t\t\t<figcaption class='wp-caption-text gallery-caption' id='{selector}-{wp_id}'>\n"
                f"\t\t\t\t{run.texturize(media.caption)}\n\t\t\t\t</figcaption>"
            )
        out.append("</figure>")
    out.append("\n\t\t</div>\n")
    return "".join(out)


def embed_shortcode(sc: Shortcode, run: ShortcodeRun) -> str:
    """[embed]URL[/embed] offline: oEmbed can't be asked, so WP_Embed::maybe_make_link() links it."""
    url = (sc.content or sc.atts.get("src", "")).strip()
    if not url:
        return ""
    return f'<a href="{esc_attr(url)}">{html.escape(url, quote=False)}</a>'


_AUDIO_TYPES = ("mp3", "ogg", "flac", "m4a", "wav")
_VIDEO_TYPES = ("mp4", "m4v", "webm", "ogv", "flv")
_MIME_BY_EXT = {
    "mp3": "audio/mpeg", "ogg": "audio/ogg", "flac": "audio/flac", "m4a": "audio/mpeg",
    "wav": "audio/wav", "mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm",
    "ogv": "video/ogg", "flv": "video/x-flv",
}  # fmt: skip


def _ext(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""


def _media_sources(sc: Shortcode, run: ShortcodeRun, kind: str, types: tuple[str, ...]) -> list[str]:
    """The source URLs WordPress would use: src, per-format attributes, else the post's first
    attached file of that kind (a positional [audio URL] is ignored by WordPress too)."""
    urls = [sc.atts["src"]] if sc.atts.get("src") else []
    urls += [sc.atts[t] for t in types if sc.atts.get(t)]
    if urls:
        return urls
    ctx = run.ctx
    for wp_id in ctx.attachments_by_parent.get(ctx.post_id, []):
        media = ctx.media.get(wp_id)
        if media and (media.mime_type.startswith(kind + "/") or _ext(media.url) in types):
            return [media.url]
    return []


def _source_tags(urls: list[str], instance: int) -> str:
    tags = []
    for url in urls:
        mime = _MIME_BY_EXT.get(_ext(url), "")
        sep = "&" if "?" in url else "?"
        tags.append(f'<source type="{mime}" src="{esc_attr(url + sep + "_=" + str(instance))}" />')
    return "".join(tags)


def _fallback_link(url: str) -> str:
    # wp_mediaelement_fallback(): the plain link shown where media elements don't play.
    return f'<a href="{esc_attr(url)}">{html.escape(url, quote=False)}</a>'


def audio_shortcode(sc: Shortcode, run: ShortcodeRun) -> str:
    """wp_audio_shortcode(): <audio> with <source>s and a fallback link, as WP 6.1 prints it."""
    urls = _media_sources(sc, run, "audio", _AUDIO_TYPES)
    if not urls:
        return ""
    instance = run.next_instance("audio")
    attrs = [f'class="wp-audio-shortcode{" " + esc_attr(sc.atts["class"]) if sc.atts.get("class") else ""}"']
    attrs.append(f'id="audio-{run.ctx.post_id}-{instance}"')
    for flag in ("loop", "autoplay"):
        if sc.atts.get(flag) not in (None, "", "0", "false", "off"):
            attrs.append(f'{flag}="1"')
    attrs += [f'preload="{esc_attr(sc.atts.get("preload", "none"))}"', 'style="width: 100%;"']
    head = "<!--[if lt IE 9]><script>document.createElement('audio');</script><![endif]-->\n" if instance == 1 else ""
    return (
        f"{head}<audio {' '.join(attrs)} controls=\"controls\">{_source_tags(urls, instance)}"
        f"{_fallback_link(urls[0])}</audio>"
    )


def video_shortcode(sc: Shortcode, run: ShortcodeRun) -> str:
    """wp_video_shortcode(): div.wp-video around <video> with <source>s and a fallback link."""
    urls = _media_sources(sc, run, "video", _VIDEO_TYPES)
    if not urls:
        return ""
    instance = run.next_instance("video")
    width = _int(sc.atts.get("width"), 640) or 640
    height = _int(sc.atts.get("height"), 360) or 360
    attrs = [
        'class="wp-video-shortcode"', f'id="video-{run.ctx.post_id}-{instance}"',
        f'width="{width}"', f'height="{height}"',
    ]  # fmt: skip
    if sc.atts.get("poster"):
        attrs.append(f'poster="{esc_attr(sc.atts["poster"])}"')
    for flag in ("loop", "autoplay"):
        if sc.atts.get(flag) not in (None, "", "0", "false", "off"):
            attrs.append(f'{flag}="1"')
    attrs.append(f'preload="{esc_attr(sc.atts.get("preload", "metadata"))}"')
    head = "<!--[if lt IE 9]><script>document.createElement('video');</script><![endif]-->\n" if instance == 1 else ""
    return (
        f'<div style="width: {width}px;" class="wp-video">{head}<video {" ".join(attrs)} controls="controls">'
        f"{_source_tags(urls, instance)}{_fallback_link(urls[0])}</video></div>"
    )


#: Shortcodes of form plugins. A form cannot work in a static archive (the brief: forms are
#: boilerplate), so it is removed and the removal reported, not kept as a puzzling tag.
#: Names as the plugins register them: Contact Form 7 (contact-form-7, contact-form),
#: Gravity Forms (gravityform, gravityforms), WPForms (wpforms), Ninja Forms (ninja_form,
#: ninja_forms), Formidable (formidable), Caldera Forms (caldera_form), Fluent Forms
#: (fluentform), Jetpack (contact-form), Mailchimp for WP (mc4wp_form).
FORM_SHORTCODES = frozenset({
    "contact-form-7", "contact-form", "gravityform", "gravityforms", "wpforms", "ninja_form",
    "ninja_forms", "formidable", "caldera_form", "fluentform", "mc4wp_form",
})


def form_shortcode(sc: Shortcode, run: ShortcodeRun) -> str:
    run.warnings.append(f"post {run.ctx.post_id}: form [{sc.tag}] removed "
                        "(a form cannot work in a static archive)")
    return ""


def playlist_shortcode(sc: Shortcode, run: ShortcodeRun) -> str:
    """wp_playlist_shortcode() (wp-includes/media.php) as a reader without its script sees it:
    the <noscript> list of the tracks, each wp_get_attachment_link() (the file, titled as the
    attachment, else its file name). The player itself is WordPress's JavaScript."""
    ctx = run.ctx
    kind = sc.atts.get("type", "audio") if sc.atts.get("type") in ("audio", "video") else "audio"
    ids_attr = sc.atts.get("ids") or sc.atts.get("include")
    if ids_attr:
        ids = [_int(x) for x in ids_attr.split(",") if _int(x) > 0]
    else:  # the post's own attached files (get_children() of its id)
        parent = _int(sc.atts.get("id"), ctx.post_id) or ctx.post_id
        exclude = {_int(x) for x in sc.atts.get("exclude", "").split(",") if x.strip()}
        ids = [i for i in ctx.attachments_by_parent.get(parent, []) if i not in exclude]
    if sc.atts.get("order", "ASC").upper() == "DESC":
        ids.reverse()
    tracks = [ctx.media[i] for i in ids if i in ctx.media and ctx.media[i].mime_type.startswith(kind + "/")]
    if not tracks:
        return ""
    items = []
    for media in tracks:
        text = media.title.strip() or media.url.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        items.append(f'\t<li><a href="{esc_attr(media.url)}">{html.escape(text, quote=False)}</a></li>\n')
    return (f'<div class="wp-playlist wp-{kind}-playlist wp-playlist-light">\n'
            f'<ol>\n{"".join(items)}</ol>\n</div>')


#: The handlers that read the site data (RenderContext.media, .attachments_by_parent).
SITE_DATA_SHORTCODES = frozenset(("gallery", "audio", "video", "playlist"))

CORE_HANDLERS: dict[str, Handler] = {
    "caption": caption_shortcode,
    "wp_caption": caption_shortcode,
    "gallery": gallery_shortcode,
    "embed": embed_shortcode,
    "audio": audio_shortcode,
    "video": video_shortcode,
    "playlist": playlist_shortcode,
    **{name: form_shortcode for name in sorted(FORM_SHORTCODES)},
}


def strip_shortcodes(content: str, names: Iterable[str] = CORE_HANDLERS) -> str:
    """strip_shortcodes(): registered shortcodes removed, escaped [[tag]] kept as [tag]."""
    if "[" not in content:
        return content
    present = {m.group(1) for m in _CANDIDATE.finditer(content)} & set(names)
    if not present:
        return content
    pattern = shortcode_regex(present, any(f"[/{t}]" in content for t in present))

    def strip(m: re.Match[str]) -> str:
        if m.group(1) == "[" and m.group(6) == "]":
            return m.group(0)[1:-1]
        return m.group(1) + m.group(6)

    return restore_brackets(pattern.sub(strip, hide_brackets_in_tags(content)))
