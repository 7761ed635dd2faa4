"""Plugins' shortcodes (page builders: WPBakery, Divi, Avada, Shortcodes Ultimate; Jetpack's
embeds; SyntaxHighlighter's source code), rendered from data.

Renderer stage, beside convert.shortcodes: a site built with a page builder keeps its pages as
shortcodes in post_content (``[vc_row][vc_column][vc_column_text]...``). With the plugin active,
WordPress printed the plugin's markup around the content; without it, the shortcodes as text.
Neither the grid nor raw tags is what the archive should hold: it keeps what a reader saw, the
text, headings, images, links and buttons, each in the order of the page. Embeds written as
shortcodes (Jetpack's ``[youtube https://...]``, common in WordPress.com exports) become links,
as ``[embed]`` does offline.

What each plugin's shortcodes are is data, ``mwmigrate/profiles/shortcodes/*.toml``. Each entry
gives shortcode names one of a few renderings (``kind``):

- ``container``: its content, rendered (shortcodes inside it too), in a ``<div>``. Optionally a
  title (an attribute: a tab's, a toggle's, a blurb's) as a heading first, an image, and a
  link after the content (a call to action's button). ``content = "text"``: the content is a
  text element's, given its own paragraphs as the builders do (WPBakery's
  wpb_js_remove_wpautop); ``"none"``: the content is not shown.
- ``heading``: ``<hN>`` from an attribute or the content; the level from an attribute.
- ``link``: a link (a button) from a URL attribute and a text attribute or the content.
  WPBakery's ``url:...|title:...`` links are decoded (``link_format = "vc_link"``). ``url``
  may list several sources, tried in order: attribute names, ``@0`` (the first positional
  value: ``[youtube https://...]``, ``[youtube=https://...]``) and ``content``; a value that
  is not a URL (an id) goes into ``url_template``.
- ``image``: ``<img>`` from a URL attribute, or from an attachment id (the export's media).
- ``gallery``: the images of a list of attachment ids.
- ``html``: the content as HTML, base64-decoded first where the builder stores it so.
- ``drop``: nothing: spacers, separators, icons; with ``warn = true`` (forms, widgets, maps,
  post lists only the live site could show) the run's warnings say what was removed.
- ``code``: a source code block (SyntaxHighlighter Evolved, WordPress.com's ``[code]``,
  ``[sourcecode language="php"]``, ``[php]``...): ``<pre><code class="language-X">``, the code
  as written (entities decoded only in a post the plugin encoded: RenderContext.code_encoded).
  These run before wpautop and the other shortcodes, as the plugin has them (the_content
  priority 7), and only as ``[name]...[/name]`` pairs: a lone ``[source]`` in prose stays text.

Entries with ``early = true`` (Jetpack's embeds) run before wpautop too, with ``[embed]``.

Handlers never read ``RenderContext.site_url``, and only the image kinds read the media: the
others render the same wherever they run (see convert.render.site_free_context).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from urllib.parse import quote, unquote

from mwmigrate.convert.shortcodes import (
    Handler,
    Shortcode,
    ShortcodeRun,
    do_shortcode,
    esc_attr,
    is_image,
    restore_brackets,
)
from mwmigrate.convert.wpautop import shortcode_unautop, wpautop

__all__ = ["BUILDER_HANDLERS", "BUILDER_SITE_DATA", "CODE_HANDLERS", "EARLY_HANDLERS", "BuilderSpec",
           "content_elsewhere", "load_specs"]

_KINDS = frozenset(("container", "heading", "link", "image", "gallery", "html", "drop", "code"))
_CONTENT = frozenset(("shortcodes", "text", "image-url", "none"))
_LINK_FORMATS = frozenset(("plain", "vc_link"))
_ENCODINGS = frozenset(("", "base64", "base64-url", "base64-if-valid"))
_ATTRIBUTE_ENCODINGS = frozenset(("", "divi", "wpbakery"))


@dataclass(frozen=True)
class BuilderSpec:
    """How one group of a builder's shortcodes renders (see the module's docstring)."""

    builder: str
    names: tuple[str, ...]
    kind: str
    # How the builder stores characters a shortcode attribute cannot hold: Divi writes " [ ] \
    # as %22 %91 %93 %92, WPBakery as `` `{ `} (both decode them before use).
    attribute_encoding: str = ""
    content: str = "shortcodes"  # container: how its content is shown ("image-url": an image's URL)
    title: str = ""  # attribute holding a title shown as a heading first
    title_level: int = 3
    texts: tuple[str, ...] = ()  # container: attributes shown as paragraphs after the title
    text: str = ""  # heading/link: where the text is (see _text_of); "": the content
    level: str = ""  # heading: attribute holding the level ...
    level_pattern: str = ""  # ... read with this regex's group 1 (a digit 1-6, or "h2")
    default_level: int = 2
    url: str = ""  # link/container: where the URL is (see the module's docstring)
    url_template: str = ""  # link: the URL of a value that is an id ("https://vimeo.com/{}")
    link_format: str = "plain"
    link_text: str = ""  # container: attribute holding its link's text
    inline: bool = False  # link/container: no paragraph or block of its own (inline text)
    tag: str = "div"  # container: its element ("blockquote" for a quotation)
    image_url: str = ""  # image/container: attribute holding an image URL
    image_id: str = ""  # image/container: attribute holding an attachment id
    url_when: str = ""  # image: "attribute=value" under which image_url wins over image_id
    ids: str = ""  # gallery: attribute holding attachment ids, comma-separated
    alt: str = ""  # image: attribute holding the alternative text
    encoding: str = ""  # html: base64, base64-url (of the URL-encoded HTML), base64-if-valid
    replace: tuple[tuple[str, str], ...] = ()  # html: (old, new) replaced in the content first
    warn: bool = False  # drop: say so in the run's warnings
    language: str = ""  # code: attributes naming the language, tried in order ("": the name)
    # Run before wpautop, with [embed] (the_content priority 8): embeds that become links, so
    # that one alone on its line gets its paragraph and one inside a sentence stays inline.
    early: bool = False

    @property
    def reads_media(self) -> bool:
        return bool(self.image_id or self.ids)


class BuilderSpecError(ValueError):
    """A page-builder shortcode file is not as documented (a bug of the shipped data)."""


def load_specs(text: str, where: str = "<string>") -> list[BuilderSpec]:
    """The entries of one TOML file (``[[shortcode]]`` tables), checked."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BuilderSpecError(f"{where}: {exc}") from exc
    specs = []
    fields = set(BuilderSpec.__dataclass_fields__)
    for n, entry in enumerate(data.get("shortcode", []), 1):
        unknown = set(entry) - fields
        if unknown:
            raise BuilderSpecError(f"{where}: shortcode entry {n}: unknown keys {sorted(unknown)}")
        entry = dict(entry)
        entry["names"] = tuple(entry.get("names", ()))
        entry["texts"] = tuple(entry.get("texts", ()))
        try:
            entry["replace"] = tuple((str(a), str(b)) for a, b in entry.get("replace", ()))
        except (TypeError, ValueError):
            raise BuilderSpecError(f"{where}: shortcode entry {n}: replace takes [old, new] pairs") from None
        spec = BuilderSpec(**entry)
        if (spec.kind not in _KINDS or spec.content not in _CONTENT or not spec.names
                or spec.link_format not in _LINK_FORMATS or spec.encoding not in _ENCODINGS
                or spec.attribute_encoding not in _ATTRIBUTE_ENCODINGS):
            raise BuilderSpecError(f"{where}: shortcode entry {n} ({spec.names}): bad kind, "
                                   "content, names, link_format or encoding")
        if spec.level_pattern:
            re.compile(spec.level_pattern)
        for source in spec.url.split(",") + spec.text.replace("+", ",").split(","):
            source = source.strip()
            if source.startswith("@") and not source[1:].isdigit():
                raise BuilderSpecError(f"{where}: shortcode entry {n}: bad source {source!r}")
        if spec.tag not in ("div", "blockquote", "section", "aside"):
            raise BuilderSpecError(f"{where}: shortcode entry {n}: tag is div, blockquote, section or aside")
        if spec.url_when and "=" not in spec.url_when:
            raise BuilderSpecError(f"{where}: shortcode entry {n}: url_when is attribute=value")
        specs.append(spec)
    return specs


def _builtin_specs() -> list[BuilderSpec]:
    folder = resources.files("mwmigrate") / "profiles" / "shortcodes"
    specs: list[BuilderSpec] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            specs += load_specs(item.read_text(encoding="utf-8"), f"profiles/shortcodes/{item.name}")
    return specs


# --------------------------------------------------------------------------- content kept elsewhere

_ACF_FIELD_KEY = re.compile(r"field_\w+\Z")  # ACF stores "_<name>" = "field_5f1a..." beside a value
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _builder_data() -> dict[str, str]:
    """meta key -> page builder (mwmigrate/profiles/builder-data.toml)."""
    text = (resources.files("mwmigrate") / "profiles" / "builder-data.toml").read_text(encoding="utf-8")
    return {key: entry["name"] for entry in tomllib.loads(text)["builder"] for key in entry["meta"]}


# A migration of the live site keeps such a page's body as the page shows it (REST's, the_content,
# is as empty as the export's: live.merge_post).
_ELSEWHERE_HINT = ("kept in the record's meta, not in the Markdown (a migration of the live site "
                   "takes the pages as they were shown)")


def content_elsewhere(meta: Mapping[str, object]) -> str:
    """For a post whose body is empty: a warning saying where its content is, when its meta
    holds it (a page builder's data, or Advanced Custom Fields' text fields the theme printed),
    else "". Nothing is lost: the meta is in the record; this only says the Markdown lacks it."""
    builders = _builder_data()
    for key in meta:
        if key in builders and meta[key]:
            return (f"the body is empty: the page is {builders[key]}'s data ({key}), which only "
                    f"WordPress with that plugin renders; {_ELSEWHERE_HINT}")
    fields = [key for key, value in meta.items()
              if not key.startswith("_") and isinstance(value, str) and _LETTER.search(value)
              and isinstance(ref := meta.get(f"_{key}"), str) and _ACF_FIELD_KEY.match(ref)]
    if not fields:
        return ""
    named = ", ".join(fields[:5]) + (f" and {len(fields) - 5} more" if len(fields) > 5 else "")
    return (f"the body is empty, but {len(fields)} custom field{'s' if len(fields) > 1 else ''} "
            f"of Advanced Custom Fields hold text ({named}), which the theme printed; "
            f"{_ELSEWHERE_HINT}")


# --------------------------------------------------------------------------- rendering

_DIVI_CODES = {"%22": '"', "%91": "[", "%93": "]", "%92": "\\", "%5c": "\\", "%5C": "\\"}
_DIVI_CODE = re.compile("|".join(re.escape(c) for c in _DIVI_CODES))
_WPBAKERY_CODES = {"``": '"', "`{`": "[", "`}`": "]"}
_WPBAKERY_CODE = re.compile("|".join(re.escape(c) for c in _WPBAKERY_CODES))


def _decoded(spec: BuilderSpec, sc: Shortcode) -> Shortcode:
    """The shortcode with its attributes as the builder reads them (see attribute_encoding)."""
    if spec.attribute_encoding == "divi":
        table, pattern = _DIVI_CODES, _DIVI_CODE
    elif spec.attribute_encoding == "wpbakery":
        table, pattern = _WPBAKERY_CODES, _WPBAKERY_CODE
    else:
        return sc
    atts = {k: pattern.sub(lambda m: table[m.group(0)], v) if ("%" in v or "`" in v) else v
            for k, v in sc.atts.items()}
    return replace(sc, atts=atts)


#: URL schemes WordPress's esc_url() lets through (wp_allowed_protocols()); others are dropped.
_SAFE_SCHEMES = frozenset((
    "http", "https", "ftp", "ftps", "mailto", "news", "irc", "irc6", "ircs", "gopher", "nntp",
    "feed", "telnet", "mms", "rtsp", "sms", "svn", "tel", "fax", "xmpp", "webcal", "urn"))
_SCHEME = re.compile(r"\A\s*([A-Za-z][A-Za-z0-9+.\-]*):")


def _safe_url(url: str) -> str:
    m = _SCHEME.match(url)
    if m and m.group(1).lower() not in _SAFE_SCHEMES:
        return ""  # javascript:, data:, vbscript:... (esc_url() would have removed it)
    return url


def _attribute_html(sc: Shortcode, name: str) -> str:
    """An attribute holding text (a title, a button's label) as the builders print it: as HTML
    (editors store ``&amp;`` and the like in it), untouched by wptexturize as WordPress leaves
    a registered shortcode's attributes."""
    return sc.atts.get(name, "").strip() if name else ""


def _vc_link(value: str) -> tuple[str, str]:
    """(url, title) of WPBakery's vc_link attribute, ``url:http%3A%2F%2F...|title:Go|target:...``;
    a plain URL is taken as it is."""
    if not value.startswith(("url:", "title:", "target:", "rel:")):
        return value, ""
    parts = dict(p.split(":", 1) for p in value.split("|") if ":" in p)
    return unquote(parts.get("url", "")), unquote(parts.get("title", ""))


def _source(sc: Shortcode, source: str) -> str:
    if source == "content":
        value = sc.content or ""
    elif source.startswith("@"):
        n = int(source[1:])
        value = sc.positional[n] if n < len(sc.positional) else ""
        value = value.removeprefix("=")  # [youtube=URL]: the name ends at '='
    else:
        value = sc.atts.get(source, "")
    return value.strip()


def _link_of(spec: BuilderSpec, sc: Shortcode) -> tuple[str, str]:
    value = ""
    for source in filter(None, (s.strip() for s in spec.url.split(","))):
        value = _source(sc, source)
        if value:
            break
    title = ""
    if spec.link_format == "vc_link":
        value, title = _vc_link(value)
    else:
        value = html.unescape(value)  # editors store & in a URL as &amp; (the plugins decode it)
        if value and spec.url_template and "://" not in value:
            value = spec.url_template.format(quote(value, safe=""))
    return _safe_url(value), title


def _text_of(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    """The text a heading or link shows. ``spec.text`` lists alternatives separated by ``,``
    (the first one not empty wins), each attributes joined by ``+`` (shown one after the
    other: Avada's highlighted titles) or ``content``; empty: the content."""
    for alternative in (spec.text or "content").split(","):
        if alternative.strip() == "content":
            text = re.sub(r"</?p>|<br\s*/?>", " ", _inner(sc, run)).strip()
        else:
            text = " ".join(filter(None, (_attribute_html(sc, a.strip()) for a in alternative.split("+"))))
        if text:
            return text
    return ""


def _level(spec: BuilderSpec, sc: Shortcode) -> int:
    value = sc.atts.get(spec.level, "") if spec.level else ""
    if value and spec.level_pattern:
        m = re.search(spec.level_pattern, value)
        value = m.group(1) if m else ""
    value = value.strip().lower().removeprefix("h")
    return int(value) if value in ("1", "2", "3", "4", "5", "6") else spec.default_level


def _img(url: str, alt: str) -> str:
    url = _safe_url(url)
    return f'<img src="{esc_attr(url)}" alt="{esc_attr(alt)}" />' if url else ""


def _media_image(run: ShortcodeRun, value: str, alt: str = "") -> str:
    try:
        # (Avada writes "144|full": the id, then the size)
        media = run.ctx.media.get(int(value.strip().split("|", 1)[0]))
    except ValueError:
        return ""
    if media is None or not is_image(media):
        return ""
    return _img(media.url, alt or media.alt.strip())


def _image(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    alt = sc.atts.get(spec.alt, "") if spec.alt else ""
    url = html.unescape(sc.atts.get(spec.image_url, "").strip()) if spec.image_url else ""
    if spec.content == "image-url" and not url:
        url = html.unescape(re.sub(r"<[^>]*>", "", sc.content or "").strip())
    image_id = sc.atts.get(spec.image_id, "").strip() if spec.image_id else ""
    if spec.url_when:
        attribute, _, wanted = spec.url_when.partition("=")
        if sc.atts.get(attribute.strip(), "").strip() == wanted.strip() and url:
            image_id = ""
    if image_id:
        found = _media_image(run, image_id, alt)
        if found or not url:
            return found
    return _img(url, alt)  # (also when the attachment is not in the export)


def _inner(sc: Shortcode, run: ShortcodeRun) -> str:
    return do_shortcode(shortcode_unautop(sc.content or "", run.handlers), run.handlers, run)


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _trimmed(text: str) -> str:
    """``text`` without white space and <br> at either end (linear: no regex over the runs)."""
    while True:
        text = text.strip()
        head = _BREAK.match(text)
        if head:
            text = text[head.end():]
            continue
        if text.endswith(">"):
            i = text.lower().rfind("<br")
            if i >= 0 and _BREAK.fullmatch(text, i):
                text = text[:i]
                continue
        return text


def _text(sc: Shortcode, run: ShortcodeRun) -> str:
    # wpb_js_remove_wpautop($content, true): the paragraphs the_content's wpautop made around
    # the builder's tags undone, then the element's own.
    content = _trimmed(re.sub(r"</?p>", "\n", sc.content or ""))
    return do_shortcode(shortcode_unautop(wpautop(content), run.handlers), run.handlers, run)


def _container(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    parts = []
    title = _attribute_html(sc, spec.title)
    if title:
        parts.append(f"<h{spec.title_level}>{title}</h{spec.title_level}>")
    parts += [f"<p>{text}</p>" for text in (_attribute_html(sc, a) for a in spec.texts) if text]
    image = _image(spec, sc, run) if (spec.image_id or spec.image_url) else ""
    if image:
        parts.append(f"<p>{image}</p>")
    if spec.content == "text":
        parts.append(_text(sc, run))
    elif spec.content == "shortcodes":
        parts.append(_inner(sc, run))
    url, _ = _link_of(spec, sc)
    label = _attribute_html(sc, spec.link_text)
    if url and label:
        parts.append(f'<p><a href="{esc_attr(url)}">{label}</a></p>')
    body = "\n".join(p for p in parts if p)
    return body if spec.inline else f"<{spec.tag}>{body}</{spec.tag}>"


def _heading(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    text = _text_of(spec, sc, run)
    if not text:
        return ""
    level = _level(spec, sc)
    return f"<h{level}>{text}</h{level}>"


def _link(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    url, title = _link_of(spec, sc)
    label = _text_of(spec, sc, run) or title or html.escape(url, quote=False)
    if not url:
        out = label
    else:
        out = f'<a href="{esc_attr(url)}">{label}</a>'
    if not out or spec.inline:
        return out
    return f"<p>{out}</p>"


def _gallery(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    images = [_media_image(run, value) for value in sc.atts.get(spec.ids, "").split(",") if value.strip()]
    images = [i for i in images if i]
    return "<div>" + "\n".join(f"<p>{i}</p>" for i in images) + "</div>" if images else ""


def _base64(text: str) -> str | None:
    """The UTF-8 text ``text`` encodes in base64 (padding optional), or None."""
    text = re.sub(r"\s+", "", text)
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _html(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    content = (sc.content or "").strip()
    if spec.replace:
        # (brackets inside tags and comments reach a handler hidden: see hide_brackets_in_tags)
        content = restore_brackets(content)
        for old, new in spec.replace:
            content = content.replace(old, new)
    if spec.encoding:
        # (wpautop's <p> and <br> around the encoded text removed first, as WPBakery strips tags)
        encoded = re.sub(r"<[^>]*>", "", content)
        decoded = _base64(encoded)
        if decoded is None:
            if spec.encoding == "base64-if-valid":
                return do_shortcode(content, run.handlers, run)  # stored without the encoding
            run.warnings.append(f"post {run.ctx.post_id}: [{sc.tag}] holds no valid base64: kept as text")
            return html.escape(content, quote=False)
        content = unquote(decoded) if spec.encoding == "base64-url" else decoded
        return do_shortcode(content, run.handlers, run)
    return content


_ENTITY_ONLY = re.compile(r"&(?:lt|gt|amp|quot|#0*39|#0*91|#0*93);")
_LANGUAGE = re.compile(r"[^\w#+.\-]")


def _code(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    code = sc.content or ""
    if run.ctx.code_encoded and "<" not in code and ">" not in code and _ENTITY_ONLY.search(code):
        # The plugin's rule: a post it encoded on saving (through the visual editor) holds the
        # code's own < > & as entities. Any other post holds the code as it is.
        code = html.unescape(code)
    code = code.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    language = ""
    for name in filter(None, (n.strip() for n in spec.language.split(","))):
        language = _source(sc, name)  # ([code="php"], [code php]: the plugin reads those too)
        if language:
            break
    if not spec.language:
        language = sc.tag
    language = _LANGUAGE.sub("", language.lower())
    cls = f' class="language-{language}"' if language else ""
    # Brackets as references, so no later shortcode pass reads the code (as the plugin does).
    escaped = html.escape(code, quote=False).replace("[", "&#91;").replace("]", "&#93;")
    return f"<pre><code{cls}>{escaped}</code></pre>" if code else ""


def _drop(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    if spec.warn:
        run.warnings.append(f"post {run.ctx.post_id}: {spec.builder} element [{sc.tag}] removed "
                            "(only the live site could show it: a form, poll, map, widget, "
                            "script, hosted video or post list)")
    return ""


_RENDERERS = {"container": _container, "heading": _heading, "link": _link, "code": _code,
              "gallery": _gallery, "html": _html, "drop": _drop,
              "image": lambda spec, sc, run: (f"<p>{i}</p>" if (i := _image(spec, sc, run)) else "")}


def _handler(spec: BuilderSpec) -> Handler:
    render = _RENDERERS[spec.kind]

    def handle(sc: Shortcode, run: ShortcodeRun) -> str:
        return render(spec, _decoded(spec, sc), run)

    handle.__name__ = f"{spec.kind}_{spec.names[0]}"
    return handle


def _handlers(specs: list[BuilderSpec]) -> tuple[dict[str, Handler], dict[str, Handler],
                                                dict[str, Handler], frozenset[str]]:
    handlers: dict[str, Handler] = {}
    code: dict[str, Handler] = {}
    early: dict[str, Handler] = {}
    media: set[str] = set()
    for spec in specs:
        handler = _handler(spec)
        for name in spec.names:
            if name in handlers or name in code:
                raise BuilderSpecError(f"shortcode [{name}] is described twice")
            if spec.kind == "code":
                # only in their own pass: a lone [source] or [html] in prose stays text
                code[name] = handler
                continue
            handlers[name] = handler
            if spec.early:
                early[name] = handler
            if spec.reads_media:
                media.add(name)
    return handlers, code, early, frozenset(media)


#: Shortcode name -> handler, for every plugin shortcode in the shipped data.
BUILDER_HANDLERS: Mapping[str, Handler]
#: Source code blocks: run first of all, even where the text looks like a tag (the_content 7),
#: and only as [name]...[/name] pairs; not in BUILDER_HANDLERS.
CODE_HANDLERS: Mapping[str, Handler]
#: Embeds run before wpautop, with [embed] (the_content 8).
EARLY_HANDLERS: Mapping[str, Handler]
#: The builder shortcodes whose handler reads the site data (attachments by id).
BUILDER_SITE_DATA: frozenset[str]
BUILDER_HANDLERS, CODE_HANDLERS, EARLY_HANDLERS, BUILDER_SITE_DATA = _handlers(_builtin_specs())
