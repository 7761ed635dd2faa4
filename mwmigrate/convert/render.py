"""Render raw post_content the way WordPress's ``the_content`` filters do.

Renderer stage: WXR/REST raw content in, body HTML out for convert.markdown and the archive.

Order follows WordPress 6.1's default filters on ``the_content``: [embed] shortcodes and
autoembed (8), do_blocks (9), wptexturize, wpautop (skipped when the content has blocks) and
shortcode_unautop (10), do_shortcode (11). convert_smilies (20) is not run: emoticons are left as
typed (modern sites render them as emoji anyway), and image attributes WordPress adds at output
time (loading, srcset) are not reproduced.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mwmigrate.convert.blocks import BlockRun, do_blocks, has_blocks, has_site_rendered_blocks
from mwmigrate.convert.builders import (
    BUILDER_HANDLERS, BUILDER_SITE_DATA, CODE_HANDLERS, EARLY_HANDLERS,
)
from mwmigrate.convert.fragments import strip_fragment_marks
from mwmigrate.convert.siteview import SiteView
from mwmigrate.convert.shortcodes import (
    CORE_HANDLERS,
    SITE_DATA_SHORTCODES,
    ShortcodeRun,
    hide_brackets_in_tags,
    do_shortcode,
    embed_shortcode,
    esc_attr,
    unknown_shortcodes,
)
from mwmigrate.convert.texturize import wptexturize
from mwmigrate.convert.wpautop import replace_in_html_tags, shortcode_unautop, wpautop
from mwmigrate.model import Media


@dataclass
class RenderContext:
    """What the renderer may know about the site besides the post's own content."""

    post_id: int = 0
    media: Mapping[int, Media] = field(default_factory=dict)  # attachment id -> Media
    attachments_by_parent: Mapping[int, list[int]] = field(default_factory=dict)  # for [gallery]
    site_url: str = ""
    post_url: str = ""
    # Offline, WordPress leaves a URL alone on its line as plain text (oEmbed can't answer and
    # autoembed does not linkify). True turns such URLs into links instead.
    autoembed_links: bool = False
    # The whole site, for dynamic blocks (archives, latest posts, query loops...). None: they are
    # left out, with a warning each.
    site: SiteView | None = None
    # Wrap root-level dynamic block output in convert.blocks.FRAGMENT_OPEN/CLOSE comments, for
    # html_to_markdown to convert each distinct one once (strip_fragment_marks before storing).
    mark_fragments: bool = False
    # The post was saved with SyntaxHighlighter's encoding (its _syntaxhighlighter_encoded meta):
    # code shortcodes without tags hold their < > & as entities.
    code_encoded: bool = False
    # The post's "footnotes" meta (the block editor's footnotes, WordPress 6.3+), as stored.
    footnotes: str = ""


@dataclass
class Rendered:
    html: str  # the whole body, every <!--nextpage--> page, as content.rendered shows it
    # (with fragment marks when RenderContext.mark_fragments: strip_fragment_marks before storing)
    excerpt_html: str = ""  # the part before <!--more-->, "" when there is no more tag
    pages: int = 1  # number of <!--nextpage--> pages
    warnings: list[str] = field(default_factory=list)  # unknown shortcodes, dynamic blocks...


_MORE = re.compile(r"<!--more(.*?)?-->")
_NEXTPAGE = "<!--nextpage-->"
_EMBEDS = {"embed": embed_shortcode, **EARLY_HANDLERS}  # the_content priority 8
#: Every shortcode the renderer runs: WordPress's own and the page builders' (convert.builders).
HANDLERS = {**BUILDER_HANDLERS, **CORE_HANDLERS}
_SHORTCODE_NAMES = frozenset(HANDLERS)
_AUTOEMBED_LINE = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.IGNORECASE | re.MULTILINE)
_AUTOEMBED_PARA = re.compile(r"(<p(?: [^>]*)?>\s*)(https?://[^\s<>\"]+)(\s*</p>)", re.IGNORECASE)
_LINE_BREAK_MARK = "<!-- wp-line-break -->"


def count_pages(raw: str) -> int:
    """Pages as setup_postdata() counts them: newlines around the marker and a leading one ignored."""
    if _NEXTPAGE not in raw:
        return 1
    text = raw.replace("\n<!--nextpage-->\n", _NEXTPAGE)
    text = text.replace("\n<!--nextpage-->", _NEXTPAGE).replace("<!--nextpage-->\n", _NEXTPAGE)
    if text.startswith(_NEXTPAGE):
        text = text[len(_NEXTPAGE) :]
    return text.count(_NEXTPAGE) + 1


def _link(match: re.Match[str]) -> str:
    url = match.group(2)
    return f'{match.group(1)}<a href="{esc_attr(url)}">{url}</a>{match.group(3)}'


def _autoembed(text: str) -> str:
    """WP_Embed::autoembed offline: URLs alone on a line or in a paragraph become links."""
    if "http" not in text:
        return text
    # Newlines inside tags must not make a tag's tail look like "a line".
    text = replace_in_html_tags(text, "\n", _LINE_BREAK_MARK)
    text = _AUTOEMBED_LINE.sub(_link, text)
    text = _AUTOEMBED_PARA.sub(_link, text)
    return text.replace(_LINE_BREAK_MARK, "\n")


def _filter_chain(raw: str, ctx: RenderContext, warnings: list[str]) -> str:
    run = ShortcodeRun(ctx=ctx, warnings=warnings, texturize=lambda s: wptexturize(s),
                       handlers=HANDLERS)
    # Source code shortcodes first (SyntaxHighlighter's priority 7): no paragraphs, texturizing
    # or shortcodes inside the code.
    text = do_shortcode(raw, CODE_HANDLERS, run, in_tags=True, closed_only=True)
    text = do_shortcode(text, _EMBEDS, run)
    if ctx.autoembed_links:
        text = _autoembed(text)
    blocks = has_blocks(text)
    if blocks:
        def before_blocks(content: str) -> str:  # for a synced pattern's content
            content = do_shortcode(content, _EMBEDS, run)
            return _autoembed(content) if ctx.autoembed_links else content

        text = do_blocks(text, BlockRun(post_id=ctx.post_id, warnings=warnings, site=ctx.site,
                                        post_url=ctx.post_url, before_blocks=before_blocks,
                                        footnotes=ctx.footnotes),
                         mark_fragments=ctx.mark_fragments)
    text = wptexturize(text, _SHORTCODE_NAMES)
    if not blocks:  # do_blocks() unhooks wpautop for block content (has_blocks check)
        text = wpautop(text)
    text = shortcode_unautop(text, _SHORTCODE_NAMES)
    unknown = unknown_shortcodes(hide_brackets_in_tags(text), _SHORTCODE_NAMES) if "[" in text else []
    text = do_shortcode(text, HANDLERS, run)
    for name in unknown:
        # (one inside a shortcode a handler replaced, a [contact-field] in a removed
        # [contact-form], is gone with it: not kept, so not reported as kept)
        if f"[{name}" in text:
            warnings.append(f"post {ctx.post_id}: unknown shortcode [{name}] kept as text")
    return text


def render_content(raw: str, ctx: RenderContext | None = None) -> Rendered:
    """Body HTML of one post as WordPress would print it, plus excerpt, page count and warnings."""
    ctx = ctx or RenderContext()
    warnings: list[str] = []
    html = _filter_chain(raw, ctx, warnings)
    excerpt = ""
    more = _MORE.search(raw) if "<!--more" in raw else None
    if more:
        # The teaser is rendered on its own, as archive pages show it; its warnings repeat the body's.
        excerpt = strip_fragment_marks(_filter_chain(raw[: more.start()], ctx, []))
    return Rendered(html=html, excerpt_html=excerpt, pages=count_pages(raw), warnings=warnings)


# --------------------------------------------------------------------------- without site data


class SiteDataNeeded(BaseException):
    """Raised by :func:`site_free_context`'s site data when a render reads it.

    A BaseException, so that no ``except Exception`` on the way can take it for a failure of
    the render and go on with a different output.
    """


class _AbsentMapping(Mapping):  # type: ignore[type-arg]
    """Media or attachments that are not here: any look-up raises :class:`SiteDataNeeded`."""

    def __getitem__(self, key: object) -> Any:
        raise SiteDataNeeded

    def __iter__(self) -> Any:
        raise SiteDataNeeded

    def __len__(self) -> int:
        raise SiteDataNeeded


class _AbsentSite:
    """A site view that is not here: it is not None (dynamic blocks are attempted), and
    anything asked of it raises :class:`SiteDataNeeded`."""

    def __getattr__(self, name: str) -> Any:
        raise SiteDataNeeded

    def __bool__(self) -> bool:
        raise SiteDataNeeded


def site_free_context() -> RenderContext:
    """A context for rendering where the site data is not (a process that never read it).

    Rendering a post with it either gives exactly what the full context would have given (the
    render never read site data: its output cannot depend on it) or raises
    :class:`SiteDataNeeded`, and the post must be rendered where the site data is.
    """
    return RenderContext(media=_AbsentMapping(), attachments_by_parent=_AbsentMapping(),
                         site=_AbsentSite())  # type: ignore[arg-type]


_SITE_SHORTCODE = re.compile(r"\[(?:%s)[\s\]/]" % "|".join(
    re.escape(name) for name in sorted(SITE_DATA_SHORTCODES | BUILDER_SITE_DATA)))


def may_need_site_data(raw: str) -> bool:
    """Whether rendering ``raw`` is likely to read site data: a [gallery], [audio] or [video]
    shortcode, a page builder's image or gallery by attachment id, or a block rendered from the
    site (latest posts, archives, page list...).

    A guess, to decide where a post is best rendered; :class:`SiteDataNeeded` is what is relied
    on for a render with :func:`site_free_context`.
    """
    return ("[" in raw and _SITE_SHORTCODE.search(raw) is not None) or has_site_rendered_blocks(raw)
