"""Gutenberg block parsing and rendering: parse_blocks + do_blocks for stored post_content.

Renderer stage, run first by convert.render (do_blocks is priority 9 on the_content).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mwmigrate.convert.fragments import FRAGMENT_CLOSE, FRAGMENT_MIN_CHARS, FRAGMENT_OPEN
from mwmigrate.convert.wpautop import wpautop

_NAMESPACE, _NAME = r"[a-z][a-z0-9_-]*/", r"[a-z][a-z0-9_-]*"
# WP_Block_Parser's token: an opener, closer or void block comment, with JSON attributes.
_TOKEN = re.compile(
    rf"<!--\s+(?P<closer>/)?wp:(?P<namespace>{_NAMESPACE})?(?P<name>{_NAME})\s+"
    r"(?P<attrs>\{(?:(?:[^}]+|\}+(?=\})|(?!\}\s+/?-->).)*+)?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)

#: Blocks whose visible output WordPress computes on the server from site data (posts, terms,
#: comments, menus, settings, the current request) that stored content does not hold.
DYNAMIC_BLOCKS = frozenset(
    "core/" + n
    for n in (
        "archives calendar categories latest-comments latest-posts rss search tag-cloud page-list "
        "page-list-item query query-title query-pagination query-pagination-next "
        "query-pagination-numbers query-pagination-previous query-no-results post-template "
        "post-title post-date post-excerpt post-terms post-author post-author-name "
        "post-author-biography post-featured-image post-navigation-link post-comments "
        "post-comments-form post-comments-count post-comments-link post-content read-more "
        "comments comments-title comment-template comment-author-name comment-content comment-date "
        "comment-edit-link comment-reply-link comments-pagination comments-pagination-next "
        "comments-pagination-numbers comments-pagination-previous avatar loginout navigation "
        "navigation-link navigation-submenu home-link site-logo site-title site-tagline "
        "term-description template-part block pattern legacy-widget widget-group social-link"
    ).split()
)


@dataclass
class Block:
    """One parsed block; ``name`` is None for freeform (classic) HTML between blocks."""

    name: str | None
    attrs: dict[str, object] = field(default_factory=dict)
    inner: list[str | Block] = field(default_factory=list)  # HTML chunks and inner blocks, in order
    void: bool = False


def has_blocks(content: str) -> bool:
    """WordPress's has_blocks(): the cheap test that also switches wpautop off."""
    return "<!-- wp:" in content


_OPENER_NAME = re.compile(rf"<!--\s+wp:({_NAMESPACE})?({_NAME})\s")


def has_site_rendered_blocks(content: str) -> bool:
    """Whether ``content`` opens a block that DYNAMIC_RENDERERS renders from the site data."""
    if not has_blocks(content):
        return False
    return any((m.group(1) or "core/") + m.group(2) in DYNAMIC_RENDERERS
               for m in _OPENER_NAME.finditer(content))


def _attrs(raw: str | None) -> dict[str, object]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_blocks(content: str) -> list[Block]:
    """Top-level blocks; text outside any block becomes freeform blocks (name None).

    A stack-based reading of the block comment grammar. Unbalanced markup is handled leniently:
    a closer without its opener is dropped, openers left open at the end are closed there.
    """
    root = Block(name=None)
    stack: list[Block] = [root]
    pos = 0
    for m in _TOKEN.finditer(content):
        if m.start() > pos:
            stack[-1].inner.append(content[pos : m.start()])
        pos = m.end()
        name = (m.group("namespace") or "core/") + m.group("name")
        if m.group("closer"):
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].name == name:
                    del stack[depth:]
                    break
            continue
        block = Block(name=name, attrs=_attrs(m.group("attrs")), void=bool(m.group("void")))
        stack[-1].inner.append(block)
        if not block.void:
            stack.append(block)
    if pos < len(content):
        stack[-1].inner.append(content[pos:])
    # Top-level strings become freeform blocks, as WordPress reports them.
    return [c if isinstance(c, Block) else Block(name=None, inner=[c]) for c in root.inner]


BlockRenderer = Callable[[Block, "BlockRun"], str]


@dataclass
class BlockRun:
    """Per-render state: where warnings go and which post is being rendered."""

    post_id: int = 0
    warnings: list[str] = field(default_factory=list)
    _warned: set[str] = field(default_factory=set)
    # Site data for dynamic blocks (a convert.siteview.SiteView), None when rendering offline.
    site: Any = None
    # Block context WordPress passes down (postId, postType, query, queryId, commentId...).
    context: dict[str, Any] = field(default_factory=dict)
    # Per-request counters (wp_unique_id and block instance numbers).
    counters: dict[str, int] = field(default_factory=dict)
    post_url: str = ""
    # Synced patterns (core/block refs) being rendered, outermost first: a pattern met again
    # inside itself renders nothing, as WordPress's render_block_core_block() does.
    patterns: tuple[int, ...] = ()
    # What the_content ran before do_blocks ([embed] shortcodes, autoembed), for the content of
    # a synced pattern, which render_block_core_block() runs it on; None: nothing.
    before_blocks: Callable[[str], str] | None = None
    # The post's "footnotes" meta (JSON: [{"id", "content"}...]), what core/footnotes shows.
    footnotes: str = ""

    def warn_dynamic(self, name: str) -> None:
        if name not in self._warned:
            self._warned.add(name)
            self.warnings.append(
                f"post {self.post_id}: dynamic block {name} not rendered "
                "(WordPress computes its output from site data)"
            )

    def warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.warnings.append(f"post {self.post_id}: {message}")

    def next_id(self, kind: str = "") -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]


def _inner_html(block: Block, run: BlockRun) -> str:
    return "".join(c if isinstance(c, str) else render_block(c, run) for c in block.inner)


def _render_shortcode_block(block: Block, run: BlockRun) -> str:
    # render_block_core_shortcode(): wpautop of the text; do_shortcode runs later on the whole body.
    return wpautop(_inner_html(block, run))


def _render_footnotes(block: Block, run: BlockRun) -> str:
    """render_block_core_footnotes() (WordPress 6.3): the notes kept in the post's meta, each
    with a link back to its mark in the text. Nothing when the post has none."""
    if not run.footnotes:
        # (WordPress keeps "[]" when the notes are deleted: no meta at all is a gap in the export.)
        run.warn("footnotes block without the post's footnotes meta: no notes shown")
        return ""
    try:
        notes = json.loads(run.footnotes)
    except (ValueError, RecursionError):
        run.warn("its footnotes (the footnotes meta) are not valid JSON: left out")
        return ""
    if not isinstance(notes, list):
        return ""
    items = []
    for note in notes:
        if isinstance(note, dict) and "id" in note:
            fid = html.escape(str(note["id"]), quote=True)
            items.append(f'<li id="{fid}">{note.get("content", "")} <a href="#{fid}-link">\u21a9\ufe0e</a></li>')
    if not items:
        return ""
    extra = f" {block.attrs['className']}" if block.attrs.get("className") else ""
    return f'<ol class="wp-block-footnotes{html.escape(str(extra), quote=True)}">{"".join(items)}</ol>'


# ---------------------------------------------------------------- plugins' server-rendered blocks
#
# Plugin blocks whose visible text is kept in their attributes, not in the saved markup: their
# save() writes nothing (a void comment) or only their inner blocks, and their render_callback
# prints the text at view time. Rendered here as the callback does, reduced to what is seen
# (the classes that name the parts; no inline styles). Attributes that are rich text hold HTML,
# printed as is, as the callbacks do.


def _attr_str(block: Block, name: str, default: str = "") -> str:
    value = block.attrs.get(name, default)
    return value if isinstance(value, str) else default


def _render_kadence_button(block: Block, run: BlockRun) -> str:
    """Kadence_Blocks_Singlebtn_Block::build_html() (Kadence Blocks 3: save() is null): a link
    with the text, or a span without a link."""
    text = _attr_str(block, "text")
    inner = f'<span class="kt-btn-inner-text">{text}</span>' if text else ""
    link = _attr_str(block, "link").strip()
    if not link:
        return f'<span class="kb-button kt-button button">{inner}</span>'
    extra = ' target="_blank" rel="noreferrer noopener"' if _attr_str(block, "target") == "_blank" else ""
    return f'<a class="kb-button kt-button button" href="{html.escape(link, quote=True)}"{extra}>{inner}</a>'


_TITLE_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "p"))


def _render_ub_toggle_panel(block: Block, run: BlockRun) -> str:
    """ub_render_content_toggle_panel_block() (Ultimate Blocks: save() is the inner blocks only):
    the panel's title, in its title tag (default p), then its content."""
    tag = _attr_str(block, "titleTag", "p")
    tag = tag if tag in _TITLE_TAGS else "p"
    prefix = "wp-block-ub-content-toggle"
    return (f'<div class="{prefix}-accordion"><div class="{prefix}-accordion-title-wrap">'
            f'<{tag} class="{prefix}-accordion-title">{_attr_str(block, "panelTitle")}</{tag}></div>'
            f'<div role="region" class="{prefix}-accordion-content-wrap">{_inner_html(block, run)}</div></div>')


def _render_ub_tabbed_content(block: Block, run: BlockRun) -> str:
    """ub_render_tabbed_content_block() (Ultimate Blocks: save() is the inner blocks only): the
    tab titles (its tabsTitle attribute), then the tabs' content."""
    titles = block.attrs.get("tabsTitle")
    tabs = "".join(f'<div role="tab" class="wp-block-ub-tabbed-content-tab-title-wrap">'
                   f'<div class="wp-block-ub-tabbed-content-tab-title">{t}</div></div>'
                   for t in (titles if isinstance(titles, list) else ()) if isinstance(t, str))
    return (f'<div class="wp-block-ub-tabbed-content-block"><div class="wp-block-ub-tabbed-content-tab-holder">'
            f'<div role="tablist" class="wp-block-ub-tabbed-content-tabs-title">{tabs}</div></div>'
            f'<div class="wp-block-ub-tabbed-content-tabs-content">{_inner_html(block, run)}</div></div>')


# Rank Math's FAQ and HowTo blocks (RankMath\\Schema\\Block_FAQ::markup, Block_HowTo::markup): the
# render_callback prints them from the attributes, whatever save() wrote (which leaves out the
# description, the total time, the images and the items' ids, what the FAQ schema's urls point to).
_RANK_MATH_LISTS = {"numbered": ("ol", "li"), "unordered": ("ul", "li")}
_RANK_MATH_TITLE_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6", "p", "div"))


def _rank_math_image(item: dict[str, Any], run: BlockRun) -> str:
    url = item.get("imageUrl")
    if isinstance(url, str) and url:
        return f'<img src="{html.escape(url, quote=True)}" />'
    if item.get("imageID"):
        # (wp_get_attachment_image(): the attachment's data is not at hand here)
        run.warn(f"a Rank Math block's image (attachment {item.get('imageID')}) is not shown")
    return ""


def _rank_math_parts(block: Block, key: str) -> tuple[list[dict[str, Any]], str, str, str]:
    """A Rank Math list block's items (its ``key`` attribute), its list and item tags (by its
    listStyle) and its items' title tag (titleWrapper), as both render callbacks read them."""
    items = block.attrs.get(key)
    items = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    list_tag, item_tag = _RANK_MATH_LISTS.get(_attr_str(block, "listStyle"), ("div", "div"))
    title_tag = _attr_str(block, "titleWrapper", "h3")
    return items, list_tag, item_tag, title_tag if title_tag in _RANK_MATH_TITLE_TAGS else "h3"


def _render_rank_math_faq(block: Block, run: BlockRun) -> str:
    questions, list_tag, item_tag, title_tag = _rank_math_parts(block, "questions")
    if not questions:
        return ""
    out = [f'<div id="rank-math-faq" class="rank-math-block"><{list_tag} class="rank-math-list">']
    for q in questions:
        title, content = q.get("title"), q.get("content")
        if not title or not content or not q.get("visible") or not isinstance(title, str) or not isinstance(content, str):
            continue
        qid = q.get("id") if isinstance(q.get("id"), str) and q.get("id") else (
            "rm-faq-" + hashlib.md5(title.encode("utf-8")).hexdigest())
        out.append(f'<{item_tag} id="{html.escape(qid, quote=True)}" class="rank-math-list-item">'
                   f'<{title_tag} class="rank-math-question">{title}</{title_tag}>'
                   f'<div class="rank-math-answer">{_rank_math_image(q, run)}{wpautop(content)}</div></{item_tag}>')
    out.append(f"</{list_tag}></div>")
    return "\n".join(out)


def _rank_math_duration(block: Block) -> str:
    if not block.attrs.get("hasDuration"):
        return ""
    parts = []
    for key, one, many in (("days", "day", "days"), ("hours", "hour", "hours"), ("minutes", "minute", "minutes")):
        try:
            n = abs(int(str(block.attrs.get(key) or 0)))
        except ValueError:
            n = 0
        if n > 0:
            parts.append(f"{n} {one if n == 1 else many}")
    text = {1: "{0}", 2: "{0} and {1}", 3: "{0}, {1} and {2}"}.get(len(parts), "").format(*parts)
    label = html.escape(_attr_str(block, "timeLabel") or "Total Time:")
    return f'<p class="rank-math-howto-duration"><strong>{label}</strong> <span>{text}</span></p>'


def _render_rank_math_howto(block: Block, run: BlockRun) -> str:
    steps, list_tag, item_tag, title_tag = _rank_math_parts(block, "steps")
    if not steps:
        return ""
    description = _attr_str(block, "description")
    out = ['<div id="rank-math-howto" class="rank-math-block">',
           f'<div class="rank-math-howto-description">{_rank_math_image(block.attrs, run)}'
           f'{wpautop(description) if description else ""}</div>',
           _rank_math_duration(block), f'<{list_tag} class="rank-math-steps">']
    for step in steps:
        if not step.get("visible"):
            continue
        sid = step.get("id") if isinstance(step.get("id"), str) else ""
        title, content = step.get("title"), step.get("content")
        head = f'<{title_tag} class="rank-math-step-title">{title}</{title_tag}>' if title and isinstance(title, str) else ""
        body = wpautop(content) if content and isinstance(content, str) else ""
        out.append(f'<{item_tag} id="{html.escape(sid, quote=True)}" class="rank-math-step">{head}'
                   f'<div class="rank-math-step-content">{_rank_math_image(step, run)}{body}</div></{item_tag}>')
    out.append(f"</{list_tag}></div>")
    return "\n".join(out)


#: Plugin blocks rendered from their attributes (see above), by block name.
PLUGIN_RENDERERS: dict[str, BlockRenderer] = {
    "kadence/singlebtn": _render_kadence_button,
    "rank-math/faq-block": _render_rank_math_faq,
    "rank-math/howto-block": _render_rank_math_howto,
    "ub/content-toggle-panel-block": _render_ub_toggle_panel,
    "ub/tabbed-content-block": _render_ub_tabbed_content,
}

_SPECIAL: dict[str, BlockRenderer] = {"core/shortcode": _render_shortcode_block,
                                      "core/footnotes": _render_footnotes, **PLUGIN_RENDERERS}


def _warn_dynamic_in(block: Block, run: BlockRun) -> None:
    # Dynamic blocks nested in a dropped one (post-title inside query) are lost too: say so.
    if block.name in DYNAMIC_BLOCKS:
        run.warn_dynamic(block.name)
    for child in block.inner:
        if isinstance(child, Block):
            _warn_dynamic_in(child, run)


# ---------------------------------------------------------------- pattern overrides
#
# A synced pattern's instance may override the text, links or images of the pattern's blocks
# that are named and bound to "core/pattern-overrides" (WordPress 6.5+; "__default" binds every
# supported attribute, 6.6+). The values are in the core/block's "content" attribute, by block
# name; WP_Block::process_block_bindings() and replace_html() put them into the saved markup.
# Per block: the attributes that can be bound, and where each lives in the markup
# (rich text: the inner HTML of the first of these tags; else: this attribute of that tag).
_BINDABLE: dict[str, dict[str, tuple[tuple[str, ...], str | None]]] = {
    "core/paragraph": {"content": (("p",), None)},
    "core/heading": {"content": (("h1", "h2", "h3", "h4", "h5", "h6"), None)},
    "core/image": {"id": ((), None), "url": (("img",), "src"), "title": (("img",), "title"),
                   "alt": (("img",), "alt")},
    "core/button": {"url": (("a",), "href"), "text": (("a", "button"), None),
                    "linkTarget": (("a",), "target"), "rel": (("a",), "rel")},
}


def _overridden(block: Block, run: BlockRun) -> dict[str, object]:
    """The attribute values a pattern instance gives this block (empty: none)."""
    overrides = run.context.get("pattern/overrides")
    supported = _BINDABLE.get(block.name or "")
    metadata = block.attrs.get("metadata")
    if not isinstance(overrides, dict) or not supported or not isinstance(metadata, dict):
        return {}
    bindings = metadata.get("bindings")
    name = metadata.get("name")
    if not isinstance(bindings, dict) or not isinstance(name, str) or not name \
            or not isinstance(overrides.get(name), dict):
        return {}
    default = bindings.get("__default")
    if isinstance(default, dict) and default.get("source") == "core/pattern-overrides":
        bindings = {a: bindings.get(a, {"source": "core/pattern-overrides"}) for a in supported}
    values = overrides[name]
    out = {}
    for attr, binding in bindings.items():
        if (attr in supported and isinstance(binding, dict) and binding.get("source") == "core/pattern-overrides"
                and values.get(attr) is not None):
            out[attr] = values[attr]
    return out


_TAG_ATTRIBUTE = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _opener_end(markup: str, start: int) -> int:
    """Where the tag opened at ``start`` ends (after its ">"), quoted values skipped; -1: it
    does not (one pass, no regex backtracking over the rest of the markup)."""
    quote = ""
    for i in range(start, len(markup)):
        ch = markup[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            return i + 1
    return -1


def _replace_bound(markup: str, block_name: str, attr: str, value: object) -> str:
    """replace_html(): the bound attribute's new value put into the block's saved markup."""
    tags, attribute = _BINDABLE[block_name][attr]
    if not tags:
        return markup
    first = re.search(r"<(%s)(?=[\s/>])" % "|".join(tags), markup, re.IGNORECASE)
    if first is None:
        return markup
    end = _opener_end(markup, first.start())
    if end < 0:
        return markup
    tag = markup[first.start():end]
    if attribute is not None:
        quoted = html.escape(str(value), quote=True)
        for m in _TAG_ATTRIBUTE.finditer(tag, first.end() - first.start(), len(tag) - 1):
            if m.group(1).lower() == attribute:
                tag = f'{tag[:m.start()]} {attribute}="{quoted}"{tag[m.end():]}'
                break
        else:
            close = len(tag) - (2 if tag.endswith("/>") else 1)
            tag = f'{tag[:close].rstrip()} {attribute}="{quoted}"{tag[close:]}'
        return markup[:first.start()] + tag + markup[end:]
    # Rich text: the inner HTML up to the matching end tag.
    name = first.group(1)
    depth = 1
    for m in re.finditer(r"<(/?)%s(?=[\s/>])" % re.escape(name), markup[end:], re.IGNORECASE):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return markup[:end] + str(value) + markup[end + m.start():]
    return markup


def _render_with_overrides(block: Block, run: BlockRun, values: dict[str, object]) -> str:
    markup = _inner_html(block, run)
    if markup:
        for attr, value in values.items():
            markup = _replace_bound(markup, block.name or "", attr, value)
    return markup


def render_block(block: Block, run: BlockRun) -> str:
    """Saved markup with block comments removed; dynamic blocks produce a warning and nothing."""
    if block.name is None:
        return _inner_html(block, run)
    if "pattern/overrides" in run.context and block.name in _BINDABLE:
        values = _overridden(block, run)
        if values:
            return _render_with_overrides(block, run, values)
    special = _SPECIAL.get(block.name)
    if special is not None:
        return special(block, run)
    if run.site is not None:
        renderer = DYNAMIC_RENDERERS.get(block.name)
        if renderer is not None:
            out = renderer(block, run)
            if out is not None:
                return out
            # None: this block could not be rendered from the site data; say so below.
    if block.name in DYNAMIC_BLOCKS:
        _warn_dynamic_in(block, run)
        return ""
    if block.void and not block.name.startswith("core/"):
        # A third-party block with no saved markup can only have been rendered on the server.
        run.warn(f"block {block.name} not rendered: its plugin prints it on the server, from its "
                 "settings or the site's data (the stored body, with its settings, is the "
                 "record's content_raw)")
        return ""
    return _inner_html(block, run)


def serialize_block(block: Block) -> str:
    """The block back as stored markup (serialize_block())."""
    if block.name is None:
        return "".join(c if isinstance(c, str) else serialize_block(c) for c in block.inner)
    name = block.name.removeprefix("core/")
    attrs = (json.dumps(block.attrs, ensure_ascii=False, separators=(",", ":")) + " ") if block.attrs else ""
    if block.void:
        return f"<!-- wp:{name} {attrs}/-->"
    inner = "".join(c if isinstance(c, str) else serialize_block(c) for c in block.inner)
    return f"<!-- wp:{name} {attrs}-->{inner}<!-- /wp:{name} -->"


def do_blocks(content: str, run: BlockRun | None = None, *, mark_fragments: bool = False) -> str:
    """Render every block of ``content`` the way WordPress's do_blocks() would, offline."""
    run = run or BlockRun()
    if not mark_fragments:
        return "".join(render_block(b, run) for b in parse_blocks(content))
    parts = []
    for block in parse_blocks(content):
        out = render_block(block, run)
        if len(out) >= FRAGMENT_MIN_CHARS and block.name in DYNAMIC_RENDERERS:
            out = FRAGMENT_OPEN + out + FRAGMENT_CLOSE
        parts.append(out)
    return "".join(parts)


#: Renderers for dynamic blocks, by block name (filled by convert.dynamic). A renderer returns the
#: block's HTML, or None when the site data it needs is missing (the block is then reported).
DYNAMIC_RENDERERS: dict[str, Callable[[Block, BlockRun], str | None]] = {}

from mwmigrate.convert import dynamic as _dynamic  # noqa: E402,F401  (registers its renderers)
