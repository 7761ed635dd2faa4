"""Plugins' shortcodes (page builders: WPBakery, Divi, Avada; Jetpack's embeds), rendered from data.

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
- ``drop``: nothing: spacers, separators, icons, counters; with ``warn = true`` (widgets,
  maps, post lists only the live site could compute) the run's warnings say what was removed.
- ``code``: a source code block (SyntaxHighlighter Evolved, WordPress.com's ``[code]``,
  ``[sourcecode language="php"]``, ``[php]``...): ``<pre><code class="language-X">``, the code
  as written. These run before wpautop and the other shortcodes, as the plugin has them
  (the_content priority 7): no paragraph or shortcode is made inside the code.

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
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote, unquote

from mwmigrate.convert.shortcodes import (
    Handler,
    Shortcode,
    ShortcodeRun,
    do_shortcode,
    esc_attr,
    is_image,
)
from mwmigrate.convert.wpautop import shortcode_unautop, wpautop

__all__ = ["BUILDER_HANDLERS", "BUILDER_SITE_DATA", "EARLY_HANDLERS", "BuilderSpec", "load_specs"]

_KINDS = frozenset(("container", "heading", "link", "image", "gallery", "html", "drop", "code"))
_CONTENT = frozenset(("shortcodes", "text", "none"))
_LINK_FORMATS = frozenset(("plain", "vc_link"))
_ENCODINGS = frozenset(("", "base64", "base64-url"))


@dataclass(frozen=True)
class BuilderSpec:
    """How one group of a builder's shortcodes renders (see the module's docstring)."""

    builder: str
    names: tuple[str, ...]
    kind: str
    content: str = "shortcodes"  # container: how its content is shown
    title: str = ""  # attribute holding a title shown as a heading first
    title_level: int = 3
    text: str = ""  # heading/link: attribute holding the text ("" : the content)
    level: str = ""  # heading: attribute holding the level ...
    level_pattern: str = ""  # ... read with this regex's group 1 (a digit 1-6, or "h2")
    default_level: int = 2
    url: str = ""  # link/container: where the URL is (see the module's docstring)
    url_template: str = ""  # link: the URL of a value that is an id ("https://vimeo.com/{}")
    link_format: str = "plain"
    link_text: str = ""  # container: attribute holding its link's text
    image_url: str = ""  # image/container: attribute holding an image URL
    image_id: str = ""  # image/container: attribute holding an attachment id
    ids: str = ""  # gallery: attribute holding attachment ids, comma-separated
    alt: str = ""  # image: attribute holding the alternative text
    encoding: str = ""  # html: "base64" or "base64-url" (base64 of the URL-encoded HTML)
    warn: bool = False  # drop: say so in the run's warnings
    language: str = ""  # code: attributes naming the language, tried in order ("": the name)

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
        spec = BuilderSpec(**entry)
        if (spec.kind not in _KINDS or spec.content not in _CONTENT or not spec.names
                or spec.link_format not in _LINK_FORMATS or spec.encoding not in _ENCODINGS):
            raise BuilderSpecError(f"{where}: shortcode entry {n} ({spec.names}): bad kind, "
                                   "content, names, link_format or encoding")
        if spec.level_pattern:
            re.compile(spec.level_pattern)
        for source in spec.url.split(","):
            source = source.strip()
            if source.startswith("@") and not source[1:].isdigit():
                raise BuilderSpecError(f"{where}: shortcode entry {n}: bad url source {source!r}")
        specs.append(spec)
    return specs


def _builtin_specs() -> list[BuilderSpec]:
    folder = resources.files("mwmigrate") / "profiles" / "shortcodes"
    specs: list[BuilderSpec] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            specs += load_specs(item.read_text(encoding="utf-8"), f"profiles/shortcodes/{item.name}")
    return specs


# --------------------------------------------------------------------------- rendering


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
    if spec.link_format == "vc_link":
        return _vc_link(value)
    value = html.unescape(value)  # editors store & in a URL as &amp; (the plugins decode it)
    if value and spec.url_template and "://" not in value:
        value = spec.url_template.format(quote(value, safe=""))
    return value, ""


def _level(spec: BuilderSpec, sc: Shortcode) -> int:
    value = sc.atts.get(spec.level, "") if spec.level else ""
    if value and spec.level_pattern:
        m = re.search(spec.level_pattern, value)
        value = m.group(1) if m else ""
    value = value.strip().lower().removeprefix("h")
    return int(value) if value in ("1", "2", "3", "4", "5", "6") else spec.default_level


def _media_image(run: ShortcodeRun, value: str, alt: str = "") -> str:
    try:
        media = run.ctx.media.get(int(value.strip()))
    except ValueError:
        return ""
    if media is None or not is_image(media):
        return ""
    return f'<img src="{esc_attr(media.url)}" alt="{esc_attr(alt or media.alt.strip())}" />'


def _image(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    alt = sc.atts.get(spec.alt, "") if spec.alt else ""
    if spec.image_id and sc.atts.get(spec.image_id, "").strip():
        return _media_image(run, sc.atts[spec.image_id], alt)
    url = html.unescape(sc.atts.get(spec.image_url, "").strip()) if spec.image_url else ""
    return f'<img src="{esc_attr(url)}" alt="{esc_attr(alt)}" />' if url else ""


def _inner(sc: Shortcode, run: ShortcodeRun) -> str:
    return do_shortcode(shortcode_unautop(sc.content or "", run.handlers), run.handlers, run)


def _text(sc: Shortcode, run: ShortcodeRun) -> str:
    # wpb_js_remove_wpautop($content, true): the paragraphs the_content's wpautop made around
    # the builder's tags undone, then the element's own.
    content = re.sub(r"</?p>", "\n", sc.content or "")
    content = re.sub(r"\A(?:\s|<br\s*/?>)+|(?:\s|<br\s*/?>)+\Z", "", content)
    return do_shortcode(shortcode_unautop(wpautop(content), run.handlers), run.handlers, run)


def _container(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    parts = []
    title = _attribute_html(sc, spec.title)
    if title:
        parts.append(f"<h{spec.title_level}>{title}</h{spec.title_level}>")
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
    return "<div>" + "\n".join(p for p in parts if p) + "</div>"


def _heading(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    if spec.text:
        text = _attribute_html(sc, spec.text)
    else:
        text = re.sub(r"</?p>|<br\s*/?>", " ", _inner(sc, run)).strip()
    if not text:
        return ""
    level = _level(spec, sc)
    return f"<h{level}>{text}</h{level}>"


def _link(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    url, title = _link_of(spec, sc)
    if spec.text:
        label = _attribute_html(sc, spec.text)
    else:
        label = re.sub(r"</?p>|<br\s*/?>", " ", _inner(sc, run)).strip()
    label = label or title or html.escape(url, quote=False)
    if not url:
        return f"<p>{label}</p>" if label else ""
    return f'<p><a href="{esc_attr(url)}">{label}</a></p>'


def _gallery(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    images = [_media_image(run, value) for value in sc.atts.get(spec.ids, "").split(",") if value.strip()]
    images = [i for i in images if i]
    return "<div>" + "\n".join(f"<p>{i}</p>" for i in images) + "</div>" if images else ""


def _html(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    content = (sc.content or "").strip()
    if spec.encoding:
        try:
            content = base64.b64decode(re.sub(r"\s+", "", content), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            run.warnings.append(f"post {run.ctx.post_id}: [{sc.tag}] holds no valid base64: kept as text")
            return html.escape(content, quote=False)
        if spec.encoding == "base64-url":
            content = unquote(content)
    return content


_ENTITY_ONLY = re.compile(r"&(?:lt|gt|amp|quot|#0*39|#0*91|#0*93);")
_LANGUAGE = re.compile(r"[^\w#+.\-]")


def _code(spec: BuilderSpec, sc: Shortcode, run: ShortcodeRun) -> str:
    code = sc.content or ""
    if "<" not in code and _ENTITY_ONLY.search(code):
        # saved through the visual editor: the code's own < > & are entities (the plugin's
        # "no tags, then decode" rule)
        code = html.unescape(code)
    code = code.strip("\r\n")
    language = ""
    for name in filter(None, (n.strip() for n in spec.language.split(","))):
        language = sc.atts.get(name, "").strip()
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
        return render(spec, sc, run)

    handle.__name__ = f"{spec.kind}_{spec.names[0]}"
    return handle


def _handlers(specs: list[BuilderSpec]) -> tuple[dict[str, Handler], dict[str, Handler], frozenset[str]]:
    handlers: dict[str, Handler] = {}
    early: dict[str, Handler] = {}
    media: set[str] = set()
    for spec in specs:
        handler = _handler(spec)
        for name in spec.names:
            if name in handlers:
                raise BuilderSpecError(f"shortcode [{name}] is described twice")
            handlers[name] = handler
            if spec.kind == "code":
                early[name] = handler
            if spec.reads_media:
                media.add(name)
    return handlers, early, frozenset(media)


#: Shortcode name -> handler, for every plugin shortcode in the shipped data.
BUILDER_HANDLERS: Mapping[str, Handler]
#: Those run before wpautop and the other shortcodes (source code blocks).
EARLY_HANDLERS: Mapping[str, Handler]
#: The builder shortcodes whose handler reads the site data (attachments by id).
BUILDER_SITE_DATA: frozenset[str]
BUILDER_HANDLERS, EARLY_HANDLERS, BUILDER_SITE_DATA = _handlers(_builtin_specs())
