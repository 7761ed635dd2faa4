"""HTML -> Markdown (CommonMark + GFM tables): a markdownify subclass, one method per tag.

Design notes (why the output looks the way it does):

* Output targets CommonMark plus GFM pipe tables and nothing else: no ``~~strike~~``, no
  ``[^1]`` footnotes, no pandoc definition lists. Where Markdown has no form for something
  (``<sub>``, ``<sup>``, ``<ins>``, ``<del>``, ``<abbr>``, ``<kbd>``, ``<mark>``, ``<q>``, ``<cite>``...)
  the element is kept as *inline* HTML so its content is still Markdown; where a whole block has
  no faithful Markdown form (tables with rowspan/colspan, block content in cells or no header
  row, ``<dl>``, ``<ol reversed>``) it is kept as a raw HTML block with no blank lines inside,
  which every CommonMark renderer passes through unchanged.
* Hard line breaks are ``\\`` + newline (trailing-spaces breaks are invisible and editors strip
  them); breaks at the edges of a block or of an emphasis span are moved out / dropped, since
  CommonMark ignores (or prints a stray backslash for) a break at the end of a paragraph.
* Escaping is contextual: characters are escaped only where CommonMark could read them as
  syntax (``*`` not between spaces, ``_`` not inside a word, ``]`` before ``(``/``[``/``:``, ``<``
  before a tag-like character, ``&`` before an entity-like word, ...); block markers (``#``,
  ``-``, ``+``, ``1.``, ``>``, setext underlines) only when the text starts a line.
* Emphasis delimiters are checked against CommonMark's flanking rules; when ``**`` would not
  open or close (``x**.b**``, ``**[a](b)**word``) the span falls back to ``<strong>``/``<em>``.
* Figures: the image (or linked image) as its own paragraph, then the caption as an italic
  paragraph. Reason: CommonMark has no figure; a raw ``<figure>`` HTML block would turn the
  caption's links/emphasis into opaque HTML that Markdown tools cannot see; the image-then-
  italic-caption convention renders the same content in the same order in every renderer.
  Alignment classes/sizes (``alignleft``, ``width``) are presentation and are not kept.
"""

from __future__ import annotations

import gc
import hashlib
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

from bs4 import BeautifulSoup, Comment, Doctype, MarkupResemblesLocatorWarning, NavigableString, Tag
from markdownify import (
    ATX,
    MarkdownConverter,
    re_html_heading,
    should_remove_whitespace_inside,
)

from mwmigrate.convert.fragments import FRAGMENT_CLOSE, FRAGMENT_OPEN
from mwmigrate.convert.htmltree import parse_html, unknown_references_as_text
from mwmigrate.convert.reopen import carry_open_links

__all__ = ["WordPressMarkdownConverter", "html_to_markdown"]

_FRAGMENT_TAG = "mwm-fragment"  # the placeholder of a marked fragment (see convert())
# Elements that form blocks: text next to them starts/ends a line, whitespace next to them
# is insignificant.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul video audio iframe".split()
    + [_FRAGMENT_TAG]
)
_HTML_PARSER = {"features": "html.parser"}
# Containers whose first text starts a Markdown line.
_LINE_START_PARENTS = BLOCK_TAGS - {"td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr"}
# Elements dropped with their content.
DROP_TAGS = frozenset(
    "script style noscript template form input select option optgroup textarea button "
    "svg canvas map object param datalist output meter progress dialog head title meta link "
    "base label".split()
)
# Buttons are dropped (a form's "Send", a menu toggle), but for those that are the visible title
# of what they open: an accordion's question, a tab's name. Kept (as their text) when inside a
# heading (the block editor's accordion, WordPress 6.9: <h3><button>...), a tab (role="tab"), or
# of one of these classes (plugins' accordion headers, whose ARIA their script adds at view time).
_TITLE_BUTTON_CLASSES = frozenset((
    "kt-blocks-accordion-header",  # Kadence Blocks' accordion pane
    "stk-block-tabs__tab",  # Stackable's tab labels
    "wp-block-accordion-heading__toggle",  # WordPress's accordion heading
))
# Link text for media turned into links (Markdown cannot embed players).
_MEDIA_LABELS = {"video": "Video", "audio": "Audio", "iframe": "Embedded content", "embed": "Embedded content"}
_EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}
# What _normalize does with an element: 0 drop it, 1 nest a stray list, 2 merge emphasis.
_NORMALIZE_ROLE = {**dict.fromkeys(DROP_TAGS, 0), "ul": 1, "ol": 1, **dict.fromkeys(_EMPHASIS, 2)}
# Inline elements kept as inline HTML (content stays Markdown), with the attributes we keep.
_INLINE_HTML: dict[str, tuple[str, ...]] = {
    "abbr": ("title",),
    "acronym": ("title",),
    "cite": (),
    "q": ("cite",),
    "ins": ("cite", "datetime"),
    "del": ("cite", "datetime"),
    "s": (),
    "strike": (),
    "sub": (),
    "sup": (),
    "mark": (),
    "u": (),
    "small": (),
    "big": (),
    "var": (),
    "dfn": ("title",),
}
_WS = re.compile(r"[ \t\r\n\f]+")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_HARD_BREAK = "\\\n"
_EDGE_LEAD = re.compile(r"^(?:[ \t\n]|\\\n|&nbsp;)+")
_EDGE_TRAIL = re.compile(r"(?:[ \t\n]|(?<!\\)\\\n|&nbsp;)+$")
_BLOCK_EDGE_LEAD = re.compile(r"^(?:[ \t]*\\\n|[ \t\n])+")
_BLOCK_EDGE_TRAIL = re.compile(r"(?:(?<!\\)\\\n|[ \t\n])+$")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_AUTOLINK_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>\x00-\x20]*$")
_LANG_CLASS = re.compile(r"^(?:language|lang)-([\w#+.\-]+)$")
_BRUSH_CLASS = re.compile(r"(?:^|\s)brush:\s*([\w#+.\-]+)")
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")
_ANY_SPACE = re.compile(r"\s")
_NEXTPAGE = "mwmigrate-nextpage"
_MORE = "mwmigrate-more"
_MORE_LINE = "<!--more-->"
# WordPress's teaser divider (<!--more--> or <!--more Custom text-->); the first one counts.
_MORE_COMMENT = re.compile(r"^more(?:\s|$)")
# Where a kept <!--more--> may stand: a top-level block position (not in lists, tables, links...).
_MORE_PARENTS = frozenset(("p", "div", "[document]"))
# CSS background image of a cover block's image layer: background-image:url(...)
_BG_IMAGE = re.compile(r"background-image\s*:\s*url\(\s*(['\"]?)([^'\")]+)\1\s*\)", re.IGNORECASE)
_TEXT_ALIGN_STYLE = re.compile(r"(?:^|;)\s*text-align\s*:\s*(left|center|right)\b", re.IGNORECASE)
_ALIGN_CLASS = {"has-text-align-left": "left", "has-text-align-center": "center", "has-text-align-right": "right"}
# Blocks whose Markdown ends a line (or the document) right after their last text.
_LINE_END_PARENTS = frozenset((
    "[document]", "body", "p", "div", "article", "section", "header", "footer", "nav", "aside", "main",
    "address", "center", "fieldset", "hgroup", "figure", "figcaption", "caption", "li", "blockquote",
    "details", "h1", "h2", "h3", "h4", "h5", "h6",
))
_ALIGN_RULE = {None: "---", "left": ":---", "center": ":---:", "right": "---:"}
# Content that makes an otherwise text-less element visible.
_EMBEDDED = ("img", "video", "audio", "iframe", "embed", "picture", "source", "object")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off for the duration of one conversion.

    A bs4 tree is made of reference cycles (parent <-> child), so only the collector frees it.
    Collections during a conversion find the whole tree alive, and move it to older generations
    that later full collections scan again (the more so in a process holding much data, like a
    migration); held off, the tree is still in the young generation once it is garbage, and the
    next young collection frees it in one pass. (~10% of html_to_markdown's time; more in a big
    process.) Nothing is lost: the collector runs as usual after the conversion.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _ancestor(el: Any, names: Any) -> Tag | None:
    """``el.find_parent(names)`` for tag names, without bs4's generic matching machinery."""
    p = el.parent
    while p is not None:
        if p.name in names:
            return p
        p = p.parent
    return None


def _find(el: Any, names: Any = None, attr: str | None = None) -> Tag | None:
    """``el.find(names)`` / ``el.find(name, attr=True)``: first descendant tag so named (any tag
    when ``names`` is None) that has ``attr``, as a plain walk."""
    for d in el.descendants:
        if isinstance(d, Tag) and (names is None or d.name in names) and (attr is None or d.get(attr) is not None):
            return d
    return None


def _unlink_string(s: NavigableString) -> None:
    """``s.extract()`` but for its removal from ``s.parent.contents``, left to the caller
    (bs4 finds the position with a linear search: quadratic for a long run of siblings)."""
    prev_el, next_el = s.previous_element, s.next_element
    if prev_el is not None and prev_el is not next_el:
        prev_el.next_element = next_el
    if next_el is not None and next_el is not prev_el:
        next_el.previous_element = prev_el
    s.previous_element = s.next_element = None
    s.parent = None
    prev, nxt = s.previous_sibling, s.next_sibling
    if prev is not None and prev is not nxt:
        prev.next_sibling = nxt
    if nxt is not None and nxt is not prev:
        nxt.previous_sibling = prev
    s.previous_sibling = s.next_sibling = None


def _child_tags(el: Any, names: Any) -> list[Tag]:
    """``el.find_all(names, recursive=False)``."""
    return [c for c in el.children if isinstance(c, Tag) and c.name in names]


def _prev_tag(el: Any) -> Tag | None:
    """``el.find_previous_sibling()``: the nearest earlier sibling that is a tag."""
    sib = el.previous_sibling
    while sib is not None and not isinstance(sib, Tag):
        sib = sib.previous_sibling
    return sib


_PRE = ("pre",)
_A = ("a",)
_IMG = ("img",)
_A_IMG = ("a", "img")
_PRE_PLAIN = frozenset(("code", "span", "br", "samp", "kbd", "tt"))
_CELLS = ("td", "th")
_FIGCAPTION = ("figcaption",)

_NO_FN = object()  # (convert_fn_cache maps a name without a convert_ method to None)
# markdownify's should_remove_whitespace_inside / _outside and the children's context, per name.
_REMOVES_WS_INSIDE: dict[Any, bool] = {}
_CHILD_TAGS: dict[tuple[frozenset[str], str], frozenset[str]] = {}


def _removes_ws_inside(name: Any) -> bool:
    removes = bool(name) and should_remove_whitespace_inside(_Named(name))
    if len(_REMOVES_WS_INSIDE) < 4096:
        _REMOVES_WS_INSIDE[name] = removes
    return removes


class _Named:
    """Stands for an element of this name in markdownify's tests of an element's name."""

    def __init__(self, name: Any) -> None:
        self.name = name


def _removes_ws_outside(el: Any) -> bool:
    """markdownify's should_remove_whitespace_outside(el)."""
    if not el:
        return False
    name = el.name
    removes = _REMOVES_WS_INSIDE.get(name)
    if removes is None:
        removes = _removes_ws_inside(name)
    return removes or name == "pre"


def _child_context(parent_tags: frozenset[str], name: str) -> frozenset[str]:
    """The parent_tags markdownify's process_tag gives the children of a ``name`` element."""
    tags = set(parent_tags)
    tags.add(name)
    if re_html_heading.match(name) is not None or name in ("td", "th"):
        tags.add("_inline")
    if name in ("pre", "code", "kbd", "samp"):
        tags.add("_noformat")
    child_tags = frozenset(tags)
    if len(_CHILD_TAGS) >= 4096:
        _CHILD_TAGS.clear()
    _CHILD_TAGS[(parent_tags, name)] = child_tags
    return child_tags


def _join_blocks(strings: list[str]) -> str:
    """markdownify's joining of children's Markdown: runs of newlines where two children meet
    become one run of max(both) newlines, at most 2."""
    if len(strings) < 2:
        return strings[0] if strings else ""
    out = []
    pending = ""  # the previous child's trailing newlines, not yet written
    for s in strings:
        if s[0] != "\n" and s[-1] != "\n":
            out.append(pending)
            out.append(s)
            pending = ""
            continue
        content = s.strip("\n")
        if content:
            start = len(s) - len(s.lstrip("\n"))
            leading, trailing = s[:start], s[start + len(content):]
        else:
            leading, trailing = s, ""
        if pending and leading:
            leading = "\n" * min(2, max(len(pending), len(leading)))
            pending = ""
        out.append(pending)
        out.append(leading)
        out.append(content)
        pending = trailing
    out.append(pending)
    return "".join(out)


def _block_edge_trail_start(text: str) -> int:
    """Where _BLOCK_EDGE_TRAIL's match begins (len(text) if none), read from the end: the regex
    engine would try it at every position of the text."""
    end = len(text)
    while end:
        ch = text[end - 1]
        if ch == " " or ch == "\t":
            end -= 1
        elif ch == "\n":
            # a hard break ('\\' + newline) unless its backslash is itself escaped
            escaped_break = end >= 2 and text[end - 2] == "\\" and (end < 3 or text[end - 3] != "\\")
            end -= 2 if escaped_break else 1
        else:
            break
    return end


def _is_punct(ch: str | None) -> bool:
    """CommonMark 'punctuation' (ASCII punct or Unicode P*/S* categories), approximately."""
    if ch is None:
        return False
    if ch in _ASCII_PUNCT:
        return True
    import unicodedata

    return unicodedata.category(ch)[0] in "PS"


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _is_word_char(ch: str | None) -> bool:
    return ch is not None and (ch.isalnum())


# The only characters _escape_inline may change; everything else is copied as is.
_INLINE_SPECIAL = re.compile("[\\\\`*_\\[\\]<&\xa0]")


def _html_code_text(text: str) -> str:
    """Text for inside an inline-HTML <code> element: its content is still read as Markdown, so
    the HTML characters become entities and the rest is escaped as Markdown text. (Escaping
    first and replacing "<" afterwards turned an escaped "\\<" into "\\&lt;": a literal
    "&lt;" on the page.)"""
    out = []
    for piece in _HTML_SPECIAL.split(text):
        # (brackets too: in a link's text, a "]" between the HTML tags ends the link)
        out.append(_HTML_ENTITY_OF.get(piece) or _escape_inline(piece, brackets=True) if piece else "")
    return "".join(out)


_HTML_SPECIAL = re.compile(r"([&<>])")
_HTML_ENTITY_OF = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape_inline(text: str, brackets: bool = False, open_end: bool = True) -> str:
    """Escape characters that could be read as inline Markdown syntax, and only those.

    ``brackets``: escape every ``[``/``]`` (inside link text they must balance).
    ``open_end``: the output may go on after ``text`` with any character (a final ``]`` might
    meet a ``(``); False when a line end or whitespace follows, so a final ``]`` needs no escape.
    """
    n = len(text)

    def one(m: re.Match[str]) -> str:
        i = m.start()
        ch = m.group(0)
        prev = text[i - 1] if i > 0 else None
        nxt = text[i + 1] if i + 1 < n else None
        if ch == "\\":
            if nxt is None or nxt in _ASCII_PUNCT or nxt.isspace():
                return "\\\\"
        elif ch == "`":
            return "\\`"
        elif ch == "*":
            if not (prev is not None and nxt is not None and prev.isspace() and nxt.isspace()):
                return "\\*"
        elif ch == "_":
            both_word = _is_word_char(prev) and _is_word_char(nxt)
            both_space = prev is not None and nxt is not None and prev.isspace() and nxt.isspace()
            if not (both_word or both_space):
                return "\\_"
        elif ch == "]":
            if brackets or (open_end if nxt is None else nxt in "([:"):
                return "\\]"
        elif ch == "[":
            # '[' alone cannot open a link; '[^' is a footnote in GFM renderers
            if brackets or nxt == "^":
                return "\\["
        elif ch == "<":
            if nxt is None or nxt.isalpha() or nxt in "/!?":
                return "\\<"
        elif ch == "&":
            if _ENTITY_LIKE.match(text, i):
                return "\\&"
        else:  # "\xa0"
            # Between words a no-break space stays the character (readable, same rendering);
            # at an edge it is spelled out, where Markdown would otherwise trim or merge it.
            inner = prev is not None and nxt is not None and not prev.isspace() and not nxt.isspace()
            return "\xa0" if inner else "&nbsp;"
        return ch

    return _INLINE_SPECIAL.sub(one, text)


_LS_HEADING = re.compile(r"^( *)(#{1,6})(?=[ \t]|$)")
_LS_BULLET = re.compile(r"^( *)([-+])(?=[ \t]|$)")
_LS_ORDERED = re.compile(r"^( *\d{1,9})([.)])(?=[ \t]|$)")
_LS_QUOTE = re.compile(r"^( *)(>)")
_LS_FENCE = re.compile(r"^( *)(~~~)")
_LS_RULE = re.compile(r"^( *)([-=_*])(?:[ \t]*\2)*[ \t]*$")


# The first characters (after spaces) _escape_line_start may escape; "" (empty text) never.
_LINE_START_MARKS = frozenset("#-+>~=_*0123456789")


def _escape_line_start(text: str) -> str:
    """Escape block-level markers when ``text`` begins a Markdown line."""
    for pattern in (_LS_HEADING, _LS_BULLET, _LS_ORDERED, _LS_QUOTE, _LS_FENCE):
        m = pattern.match(text)
        if m:
            if pattern is _LS_ORDERED:
                return m.group(1) + "\\" + text[m.end(1):]
            return m.group(1) + "\\" + text[m.start(2):]
    m = _LS_RULE.match(text)
    if m and m.group(2) in "-=":
        return m.group(1) + "\\" + text[m.start(2):]
    return text


# Link text whose first unescaped "]" is followed by ":" (only possible inside a code span).
_READS_AS_DEFINITION = re.compile(r"(?:[^\\\]]|\\.)*\]:", re.DOTALL)


def _lone_url(el: Tag) -> str:
    """The http(s) URL a paragraph holds and nothing else ("" otherwise)."""
    if len(el.contents) != 1:
        return ""
    only = el.contents[0]
    if not isinstance(only, NavigableString) or isinstance(only, Comment):
        return ""
    url = str(only).strip()
    return url if url.startswith(("http://", "https://")) and _AUTOLINK_OK.match(url) else ""


def _attr_text(value: Any) -> str:
    if isinstance(value, list):
        value = " ".join(value)
    return str(value)


def _html_attr(name: str, value: Any) -> str:
    v = _attr_text(value).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return f' {name}="{v}"'


def _link_destination(url: str) -> str:
    url = url.strip()
    url = _ENTITY_LIKE.sub("\\&", url)
    depth, balanced = 0, True
    if "(" in url or ")" in url:
        for ch in url:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth < 0:
                    balanced = False
    if depth != 0:
        balanced = False
    # (re's \s and str.isspace() agree on every code point)
    if not url or _ANY_SPACE.search(url) or not balanced or "<" in url or ">" in url:
        return "<" + url.replace("<", "\\<").replace(">", "\\>").replace("\n", " ") + ">"
    return url


def _link_title(title: str) -> str:
    title = _WS.sub(" ", title).strip()
    if not title:
        return ""
    title = re.sub(r'\\(?=[!-/:-@\[-`{-~])', r"\\\\", title).replace('"', '\\"')
    return f' "{title}"'


class WordPressMarkdownConverter(MarkdownConverter):
    """markdownify's converter, with the per-tag methods WordPress content needs."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        bullets = "-"
        newline_style = "backslash"
        escape_asterisks = False
        escape_underscores = False
        escape_misc = False
        bs4_options = "html.parser"
        strip_document = "strip"
        # 'html' keeps a table without a header row as raw HTML (faithful: GFM cannot express
        # it); 'empty' gives it an empty GFM header row instead.
        headerless_tables = "html"
        media_links = True  # <iframe>/<embed> -> links; <video>/<audio> kept as HTML players

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._fragments: list[str] = []
        self._fragment_converter: WordPressMarkdownConverter | None = None
        # digest of a fragment's HTML -> its Markdown, bounded. Keyed by digest, not by the HTML:
        # a page list of every page is megabytes of HTML, and 64 of them would be kept alive.
        self._fragment_memo: dict[bytes, str] = {}
        self._pre_context: tuple[Any, bool] | None = None  # (node in process_tag, in a <pre>)

    # ------------------------------------------------------------------ entry points

    def convert(self, html: str) -> str:  # type: ignore[override]
        with _collector_paused():
            return self._convert(html)

    def _convert(self, html: str) -> str:
        if "&" in html:  # ("&foo;" is text: html.parser's builder would drop its ";")
            html = unknown_references_as_text(html)
        html = carry_open_links(html)  # (wpautop's <p><a></p><h3>: see convert.reopen)
        fragments: list[str] = []
        if FRAGMENT_OPEN in html:
            html, fragments = _cut_fragments(html)
        html = html.replace("<!--nextpage-->", f"<hr class=\"{_NEXTPAGE}\">")
        soup = self._parse(html)
        if fragments:
            # A placeholder stands for its fragment only as a child of the document, where
            # the fragment's Markdown does not depend on what surrounds it. Anywhere else
            # (malformed HTML left an element open around it): convert the whole again.
            # Nor where a list is next to a list of the same kind at its edge: consecutive
            # lists alternate their markers (convert_li), counted across the boundary.
            holders = soup.find_all(_FRAGMENT_TAG, recursive=False)
            if len(holders) != len(fragments) or not all(
                    _stands_alone(h, fragments) for h in holders):
                return self.convert(_restore_fragments(html, fragments))
        self._normalize(soup)
        if _IN_PAGE_LINK.search(html):
            _keep_link_targets(soup)
        self._fragments = fragments
        try:
            text = self.convert_soup(soup)
        finally:
            self._fragments = []
        if _MORE_LINE in text:
            text = _strip_edge_more(text)
        return text

    def _parse(self, html: str) -> BeautifulSoup:
        if self.options["bs4_options"] == _HTML_PARSER:
            return parse_html(html)  # the same tree, built faster
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            return BeautifulSoup(html, **self.options["bs4_options"])

    def convert_mwm_fragment(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A marked fragment: its Markdown as a document of its own, memoized."""
        fragment = self._fragments[int(el["data-n"])]
        memo = self._fragment_memo
        key = fragment_key(fragment)
        md = memo.get(key)
        if md is None:
            if len(memo) >= _FRAGMENT_MEMO_SIZE:
                memo.clear()
            inner = self._fragment_converter
            if inner is None:
                inner = self._fragment_converter = type(self)(**{**self.options,
                                                                 "strip_document": None})
            soup = inner._parse(fragment)
            inner._normalize(soup)
            md = memo[key] = inner.convert_soup(soup)
        return md

    # ------------------------------------------------------------------ soup normalisation

    def _normalize(self, soup: BeautifulSoup) -> None:
        # Each pass works on the nodes soup.find_all() would list from the tree as the previous
        # pass left it, in document order. One walk collects them all; a pass's list is only
        # collected again when an earlier pass changed the tree (rare: bs4's find_all is slow).
        comments: list[Comment] = []
        drops: list[Tag] = []
        lists: list[Tag] = []
        emphasis: list[Tag] = []
        strings: list[NavigableString] = []
        by_role = (drops, lists, emphasis)
        # soup.descendants, as a loop: the walk along next_element that generator makes
        n = soup.contents[0] if soup.contents else None
        stop = soup._last_descendant().next_element if n is not None else None
        while n is not None and n is not stop:
            cls = n.__class__
            if cls is NavigableString:
                strings.append(n)
            elif cls is Tag or isinstance(n, Tag):
                role = _NORMALIZE_ROLE.get(n.name)
                if role is not None:
                    by_role[role].append(n)
            elif isinstance(n, NavigableString):
                strings.append(n)
                if isinstance(n, Comment):
                    comments.append(n)
            n = n.next_element
        more_seen = False
        for node in comments:
            if not more_seen and _MORE_COMMENT.match(node.strip()):
                more_seen = True
                if _more_allowed(node):
                    node.replace_with(soup.new_tag("hr", attrs={"class": _MORE}))
                    continue
            node.extract()
        for tag in drops:
            if tag.parent is not None:
                if tag.name == "button" and _is_title_button(tag):
                    _keep_button_text(tag)
                    continue
                tag.decompose()
        changed = bool(drops)
        if changed:
            lists = [n for n in soup.descendants if isinstance(n, Tag) and n.name in ("ul", "ol")]
        # <ul><li>a</li><ul>..</ul></ul> (invalid, common): move the stray list into the
        # previous item so it nests instead of flattening.
        for lst in lists:
            parent = lst.parent
            if parent is not None and parent.name in ("ul", "ol"):
                prev_li = lst.previous_sibling
                while prev_li is not None and not (isinstance(prev_li, Tag) and prev_li.name == "li"):
                    prev_li = prev_li.previous_sibling
                if prev_li is not None:
                    prev_li.append(lst.extract())
                    changed = True
        if changed:
            emphasis = [n for n in soup.descendants if isinstance(n, Tag) and n.name in _EMPHASIS]
        # Merge adjacent same emphasis (<em>a</em><em>b</em> would give '*a**b*').
        for tag in emphasis:
            if tag.parent is None:
                continue
            nxt = tag.next_sibling
            while isinstance(nxt, Tag) and _EMPHASIS.get(nxt.name) == _EMPHASIS[tag.name]:
                for child in list(nxt.contents):
                    tag.append(child.extract())
                nxt.decompose()
                nxt = tag.next_sibling
                changed = True
        if changed:
            strings = [n for n in soup.descendants if isinstance(n, NavigableString)]
        elif comments:
            strings = [n for n in strings if not isinstance(n, Comment)]
        # Whitespace-only text next to block boundaries is insignificant.
        dropped: dict[int, Any] = {}  # id -> parent of the strings taken out
        for s in strings:
            if s.parent is None or s.strip(" \t\r\n\f"):
                continue
            if _ancestor(s, _PRE) is not None:
                continue
            prev, nxt = s.previous_sibling, s.next_sibling
            parent_block = s.parent.name in BLOCK_TAGS or s.parent.name == "[document]"
            if (
                (isinstance(prev, Tag) and prev.name in BLOCK_TAGS)
                or (isinstance(nxt, Tag) and nxt.name in BLOCK_TAGS)
                or (parent_block and (prev is None or nxt is None))
                or (isinstance(prev, Tag) and prev.name == "br")
            ):
                dropped[id(s)] = s.parent
                _unlink_string(s)
        if dropped:
            for parent in {id(p): p for p in dropped.values()}.values():
                parent.contents[:] = [c for c in parent.contents if id(c) not in dropped]

    def process_tag(self, node, parent_tags=None):  # type: ignore[no-untyped-def]
        """markdownify's process_tag, with the same output, made cheaper per node.

        Per tag name, what markdownify recomputes for every node is looked up once (whether
        white space inside is dropped, the context its children get); the children's Markdown
        strings are joined with markdownify's newline rules in one pass; whether the node is in
        a ``<pre>`` comes from its parent's call when there is one, not from a walk to the root.
        """
        if parent_tags is None:
            parent_tags = set()
        name = node.name
        remove_inside = _REMOVES_WS_INSIDE.get(name)
        if remove_inside is None:
            remove_inside = _removes_ws_inside(name)
        context = self._pre_context
        if context is not None and context[0] is node.parent:
            in_pre = context[1] or name == "pre"
        else:
            in_pre = name == "pre" or _ancestor(node, _PRE) is not None
        key = (parent_tags if parent_tags.__class__ is frozenset else frozenset(parent_tags), name)
        child_tags = _CHILD_TAGS.get(key)
        if child_tags is None:
            child_tags = _child_context(*key)

        process_text, process_tag = self.process_text, self.process_tag
        own_context = (node, in_pre)
        strings = []
        for el in node.contents:
            cls = el.__class__
            if cls is Tag:
                self._pre_context = own_context
                s = process_tag(el, parent_tags=child_tags)
            elif cls is NavigableString or (isinstance(el, NavigableString) and not isinstance(el, (Comment, Doctype))):
                if not el.strip() and (
                    (remove_inside and (not el.previous_sibling or not el.next_sibling))
                    or _removes_ws_outside(el.previous_sibling)
                    or _removes_ws_outside(el.next_sibling)
                ):
                    continue
                s = process_text(el, parent_tags=child_tags)
            elif isinstance(el, Tag):
                self._pre_context = own_context
                s = process_tag(el, parent_tags=child_tags)
            elif isinstance(el, NavigableString) or el is None:
                continue
            else:
                raise ValueError(f"Unexpected element type: {type(el)}")
            if s:
                strings.append(s)
        self._pre_context = context

        if in_pre:
            text = "".join(strings)
        else:
            text = _join_blocks(strings)
        convert_fn = self.convert_fn_cache.get(name, _NO_FN)
        if convert_fn is _NO_FN:
            convert_fn = self.get_conv_fn_cached(name)
        if convert_fn is not None:
            text = convert_fn(node, text, parent_tags=parent_tags)
        return text

    # ------------------------------------------------------------------ text

    def process_text(self, el, parent_tags=None):  # type: ignore[no-untyped-def]
        parent_tags = parent_tags or set()
        text = str(el)
        if "pre" in parent_tags:
            return text
        text = _WS.sub(" ", text)
        if "_noformat" in parent_tags:
            return text
        prev, nxt = el.previous_sibling, el.next_sibling
        parent = el.parent
        parent_is_block = parent is not None and (
            parent.name in BLOCK_TAGS or parent.name == "[document]"
        )
        if (
            (isinstance(prev, Tag) and (prev.name in BLOCK_TAGS or prev.name == "br"))
            or (prev is None and parent_is_block)
        ):
            text = text.lstrip(" ")
        if (isinstance(nxt, Tag) and (nxt.name in BLOCK_TAGS or nxt.name == "br")) or (
            nxt is None and parent_is_block
        ):
            text = text.rstrip(" ")
        if not text:
            return ""
        in_link = "a" in parent_tags
        # A ']' ending its block ('[…]' closing a paragraph) cannot start a link: no '\\]'.
        open_end = in_link or not text.endswith("]") or not _ends_block(el, parent_tags)
        text = _escape_inline(text, brackets=in_link, open_end=open_end)
        if "{" in text and not parent_tags.isdisjoint(_HEADING_TAGS):
            # "## Style it with {.button}": Hugo's goldmark reads a heading's last "{...}" as
            # attributes ({.class}, {#id}, {k=v}; goldmark 2 any {name}): the text lost it.
            # "\{" is "{" to every reader.
            text = text.replace("{", "\\{")
        if text.endswith("!") and isinstance(nxt, Tag) and not text.endswith("\\!"):
            text = text[:-1] + "\\!"  # '!' + '[link](...)' would read as an image
        if text.lstrip(" ")[:1] in _LINE_START_MARKS and _at_line_start(el):
            text = _escape_line_start(text)
        return text

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _block(text: str) -> str:
        text = _BLOCK_EDGE_LEAD.sub("", text)
        # The trailing pattern can only match text ending in a space, tab or newline.
        if text and text[-1] in " \t\n":
            text = text[:_block_edge_trail_start(text)]
        return text

    @staticmethod
    def _raw_html_block(el: Tag) -> str:
        html = str(el)
        html = _BLANK_LINES.sub("", html).strip()
        return "\n\n" + html + "\n\n"

    # ------------------------------------------------------------------ blocks

    def convert_p(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if "_inline" in parent_tags:
            return " " + text.strip() + " "
        url = _lone_url(el)
        if url and self.options["media_links"]:
            # A URL alone in its paragraph is what WordPress embeds (autoembed: a video, a
            # post...); offline it printed the URL as text. A link, as every embed here.
            return "\n\n<%s>\n\n" % url
        text = self._block(text)
        return "\n\n%s\n\n" % text if text else ""

    def convert_div(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        classes = el.get("class") or []
        if "wp-block-embed__wrapper" in classes:
            url = el.get_text().strip()
            if self.options["media_links"] and _AUTOLINK_OK.match(url):
                return "\n\n<%s>\n\n" % url
        if "wp-block-cover__image-background" in classes:
            # A fixed/repeated cover background is a CSS image on this (empty) div: the image.
            m = _BG_IMAGE.search(_attr_text(el.get("style") or ""))
            if m:
                img = "![](%s)" % _link_destination(m.group(2))
                return " " + img + " " if "_inline" in parent_tags else "\n\n%s\n\n" % img
        if "_inline" in parent_tags:
            return " " + text.strip() + " "
        text = self._block(text)
        return "\n\n%s\n\n" % text if text else ""

    convert_article = convert_div
    convert_section = convert_div
    convert_header = convert_div
    convert_footer = convert_div
    convert_nav = convert_div
    convert_aside = convert_div
    convert_main = convert_div
    convert_address = convert_div
    convert_center = convert_div
    convert_fieldset = convert_div
    convert_hgroup = convert_div
    convert_body = convert_div

    def convert_hN(self, n, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if "_inline" in parent_tags:
            return text
        n = max(1, min(6, n))
        text = _WS.sub(" ", text.replace(_HARD_BREAK, " ")).strip()
        # A trailing run of '#' would be read as a closing sequence.
        text = re.sub(r"(^|\s)(#+)$", r"\1\\\2", text)
        # The heading's anchor (its id, or the id of an empty anchor in it: a table of contents
        # links to it, other pages link to "post/#part-2"): "{#id}", the heading attribute Hugo
        # (goldmark) and Jekyll (kramdown) both read; an id neither can write stays HTML.
        # An empty heading's "## {#id}" is its text to kramdown (it wants a space before "{#").
        # The <a id> goes before the heading, not in it: Hugo's .TableOfContents copies the
        # heading's HTML (the id twice on the page, the contents' first; an <a> in its link).
        # In a list item (a blank line would space the list out) or a link, it stays in it.
        anchor = _heading_anchor(el)
        before = ""
        if anchor:
            if text and _ATTRIBUTE_ID.fullmatch(anchor):
                text = f"{text} {{#{anchor}}}"
            elif "li" in parent_tags or _link_around(el) is not None:
                text = f"<a{_html_attr('id', anchor)}></a>{text}"
            else:
                before = f"\n\n<a{_html_attr('id', anchor)}></a>"
        return before + ("\n\n%s %s\n\n" % ("#" * n, text) if text else "\n\n%s\n\n" % ("#" * n))

    def convert_hr(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        classes = el.get("class") or []
        if _NEXTPAGE in classes:
            return "\n\n<!--nextpage-->\n\n"
        if _MORE in classes:
            # Hugo's and Jekyll's summary divider: kept as its own line.
            return "\n\n<!--more-->\n\n"
        return "\n\n---\n\n"

    def convert_br(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if "pre" in parent_tags:
            return "\n"
        if "_noformat" in parent_tags:
            return " "
        if "_cell" in parent_tags or (_ancestor(el, _CELLS) is not None):
            return "<br>"
        if "_inline" in parent_tags:
            return " "
        # A break with no inline content after it (or before it) in its block shows as an
        # empty line in HTML but cannot be written in Markdown (a trailing '\\' is literal).
        if not _has_inline_content(el, +1) or not _has_inline_content(el, -1):
            return ""
        return _HARD_BREAK

    def convert_blockquote(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        text = self._block(text)
        if "_inline" in parent_tags:
            return " " + text + " "
        if not text:
            return ""
        lines = ["> " + line if line else ">" for line in text.split("\n")]
        return "\n\n" + "\n".join(lines) + "\n\n"

    def convert_pre(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if not text:
            return ""
        if self._pre_needs_html(el):
            # Preformatted prose/poetry with links or formatting: a fence would drop them.
            # A raw <pre> block (CommonMark HTML block type 1) may hold blank lines.
            return "\n\n" + str(el).strip() + "\n\n"
        text = re.sub(r"^[ \t]*\n", "", text, count=1)  # browsers drop one leading newline
        text = text.rstrip()
        if not text:
            return ""
        lang = self._code_language(el)
        longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return "\n\n%s%s\n%s\n%s\n\n" % (fence, lang, text, fence)

    def _pre_needs_html(self, el: Tag) -> bool:
        if _find(el, _A_IMG) is not None:
            return True
        is_code = "wp-block-code" in (el.get("class") or []) or bool(self._code_language(el))
        if is_code:
            return False
        return any(isinstance(d, Tag) and d.name not in _PRE_PLAIN for d in el.descendants)

    @staticmethod
    def _code_language(el: Tag) -> str:
        code = _find(el, ("code",))
        for node in [el] if code is None else [el, code]:
            classes = node.get("class") or []
            for cls in classes:
                m = _LANG_CLASS.match(cls)
                if m:
                    return m.group(1)
            # SyntaxHighlighter's <pre class="brush: php; title: ; notranslate"> (WordPress.com)
            m = _BRUSH_CLASS.search(" ".join(classes))
            if m:
                return m.group(1)
            lang = node.get("data-lang") or node.get("data-language")
            if lang:
                return re.sub(r"[^\w#+.\-]", "", str(lang))
        return ""

    def convert_figure(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return self.convert_div(el, text, parent_tags)

    def convert_figcaption(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        text = self._block(text)
        if not text.replace("&nbsp;", "").replace("\xa0", "").strip():
            return ""  # (an empty caption, or a no-break space holding its place: nothing shown)
        if "_inline" in parent_tags:
            return " " + text + " "
        if "\n\n" not in text and not text.endswith("\\"):
            text = "*" + text + "*"
        return "\n\n%s\n\n" % text

    def convert_caption(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return self.convert_figcaption(el, text, parent_tags)

    def convert_details(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        summary = next(iter(_child_tags(el, ("summary",))), None)
        # markdown="1": kramdown (Jekyll) reads the Markdown inside an HTML block only when told
        # (it printed "### Heading" as text); CommonMark readers read it anyway (the block ends
        # at the blank line) and pass the attribute on, which browsers ignore.
        head = '<details markdown="1"%s>' % (" open" if el.has_attr("open") else "")
        if summary is not None:
            inner = "".join(str(c) for c in summary.contents)
            head += "\n<summary>" + _WS.sub(" ", inner).strip() + "</summary>"
        body = self._block(text)
        return "\n\n%s\n\n%s\n\n</details>\n\n" % (head, body) if body else "\n\n%s\n</details>\n\n" % head

    def convert_summary(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if el.parent is not None and el.parent.name == "details":
            return ""  # emitted by convert_details
        return self.convert_div(el, text, parent_tags)

    def convert_dl(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        # CommonMark has no definition lists: keep the HTML (it renders as-is).
        # An empty one (a [caption] remnant: <dl class="wp-caption"><dt></dt></dl>) shows
        # nothing: dropped (still a block boundary).
        if not el.get_text().strip() and _find(el, _EMBEDDED) is None:
            return "\n\n"
        return self._raw_html_block(el)

    # ------------------------------------------------------------------ lists

    def convert_list(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if el.name == "ol" and el.has_attr("reversed"):
            block = self._raw_html_block(el)
            if "li" in parent_tags:
                # An HTML block may interrupt a paragraph: no blank line before it inside a list
                # item (one would make the enclosing list loose). The blank line after it ends
                # the HTML block; convert_li strips it when nothing follows.
                return block[1:]
            return block
        text = text.strip("\n")
        if not text:
            return ""
        if "li" in parent_tags:
            before = el.previous_sibling
            # An ordered list not starting at 1 cannot interrupt a paragraph: blank line.
            # So cannot a list whose first item is empty.
            first_item = text.split("\n", 1)[0]
            needs_blank = before is not None and (
                (el.name == "ol" and self._ol_start(el) != 1)
                or re.fullmatch(r"(?:[-*]|\d+[.)])", first_item) is not None
            )
            return ("\n\n" if needs_blank else "\n") + text + "\n"
        return "\n\n" + text + "\n\n"

    convert_ul = convert_list
    convert_ol = convert_list

    @staticmethod
    def _ol_start(el: Tag) -> int:
        start = str(el.get("start", "1")).strip()
        return int(start) if start.isdigit() else 1

    def convert_li(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        text = self._block(text)
        parent = el.parent
        # Consecutive sibling lists of the same kind would merge: alternate the marker.
        alt = False
        if parent is not None:
            sib = _prev_tag(parent)
            while isinstance(sib, Tag) and sib.name == parent.name:
                alt = not alt
                sib = _prev_tag(sib)
        if parent is not None and parent.name == "ol":
            index = sum(1 for sib in el.previous_siblings if isinstance(sib, Tag) and sib.name == "li")
            bullet = "%d%s" % (self._ol_start(parent) + index, ")" if alt else ".")
        else:
            bullet = "*" if alt else "-"
        if el.get("id") and "wp-block-footnotes" in (parent.get("class") or []):
            text = '<span id="%s"></span>' % _attr_text(el["id"]) + text  # back-link target
        if not text:
            return bullet + "\n"
        indent = " " * (len(bullet) + 1)
        lines = text.split("\n")
        out = [bullet + " " + lines[0]]
        out += [indent + line if line else "" for line in lines[1:]]
        return "\n".join(out) + "\n"

    # ------------------------------------------------------------------ inline

    def _emphasis(self, el, text, parent_tags, kind):  # type: ignore[no-untyped-def]
        if "_noformat" in parent_tags:
            return text
        # Nested same emphasis (<strong>a<strong>b</strong></strong>) adds nothing.
        if any(_EMPHASIS.get(p.name) == kind for p in el.parents if isinstance(p, Tag)):
            return text
        if kind == "em" and _ancestor(el, _FIGCAPTION) is not None:
            return text  # captions are written in italics already
        lead_s, core, trail_s = _split_edges(el, text)
        if not core:
            return lead_s + trail_s
        if "\n\n" in core:
            return text  # spans blocks: Markdown emphasis cannot
        marker = "**" if kind == "strong" else "*"
        before = " " if lead_s else _neighbor_char(el, -1)
        after = " " if trail_s else _neighbor_char(el, +1)
        first, last = core[0], core[-1]
        opens = not first.isspace() and (not _is_punct(first) or _is_space(before) or _is_punct(before))
        closes = not last.isspace() and (not _is_punct(last) or _is_space(after) or _is_punct(after))
        if opens and closes and not (not trail_s and _next_emphasis_kind(el) == kind):
            return lead_s + marker + core + marker + trail_s
        return "%s<%s>%s</%s>%s" % (lead_s, kind, core, kind, trail_s)

    def convert_em(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return self._emphasis(el, text, parent_tags, "em")

    convert_i = convert_em

    def convert_strong(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return self._emphasis(el, text, parent_tags, "strong")

    convert_b = convert_strong

    def _inline_html(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if "_noformat" in parent_tags:
            return text
        lead_s, core, trail_s = _split_edges(el, text)
        if not core:
            return lead_s + trail_s
        if "\n\n" in core:
            return text
        attrs = "".join(_html_attr(a, el[a]) for a in _INLINE_HTML.get(el.name, ()) if el.has_attr(a))
        return "%s<%s%s>%s</%s>%s" % (lead_s, el.name, attrs, core, el.name, trail_s)

    convert_abbr = convert_acronym = convert_cite = convert_ins = convert_del = _inline_html
    convert_s = convert_strike = convert_sub = convert_mark = convert_u = _inline_html
    convert_small = convert_big = convert_var = convert_dfn = _inline_html

    def convert_sup(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        # WordPress footnote reference: keep the anchor id so the back-link still works.
        a = _find(el, _A, "href")
        if "fn" in (el.get("class") or []) and a is not None and a.get("id"):
            return '<sup id="%s">%s</sup>' % (a["id"], text.strip())
        return self._inline_html(el, text, parent_tags)

    def convert_span(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return self._anchored(el, text, parent_tags)

    def _anchored(self, el: Tag, text: str, parent_tags: Any) -> str:
        """``text`` after the anchor ``el`` is (``<a name="faq">``, an empty ``<span id>``:
        what "#faq" links land on), kept as an empty ``<a id>``; a heading's own anchor is
        written by convert_hN."""
        anchor = _anchor_id(el)
        if not anchor or "_noformat" in parent_tags:
            return text
        if not parent_tags.isdisjoint(_HEADING_TAGS):
            heading = _ancestor(el, _HEADING_TAGS)
            if heading is not None and _heading_anchor(heading) == anchor:
                return text
        if "a" in parent_tags and _link_around(el) is not None:
            return text  # written before the link (convert_a): an <a> in an <a> ends the link
        return f"<a{_html_attr('id', anchor)}></a>{text}"

    def convert_a(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if "_noformat" in parent_tags:
            return text
        href = el.get("href")
        if href is None:
            return self._anchored(el, text, parent_tags)
        if "a" in parent_tags:  # a (invalid) link inside a link
            return text
        href = _attr_text(href).strip()
        title = el.get("title")
        # The anchors in the link, and its own name (a footnote pasted from Word: <a href="#_ftn1"
        # name="_ftnref1">), go before it: in it, an <a> would end the link in a browser.
        anchors = _link_anchors(el)
        # (a heading in the link always leaves a blank line in its text: no walk for the others)
        headed = "\n\n" in text and _find(el, _HEADING_TAGS) is not None
        if (headed or "\n\n" in text.strip()) and el.parent is not None \
                and el.parent.name in _LINK_BLOCK_HOLDERS:
            # A link around blocks (a card: heading and text in one <a>), itself among blocks:
            # each block keeps its kind and carries the link ("### [Title](url)").
            # Autolinks inside the link's content are its text (a link in a link is none).
            text = _AUTOLINK_IN_TEXT.sub(r"\1", text)
            linked = _linked_blocks(text, _link_destination(href) + (
                _link_title(_attr_text(title)) if title else ""), headed)
            if linked is not None:
                return f"\n\n{anchors}{linked}" if anchors else linked
            # A block no link can be put on (a list, code, a quote, a rule): the <a> stays HTML
            # around the blocks, which stay Markdown (CommonMark: an HTML block ends at the
            # blank line), rather than one link whose text would hold their marks. (A heading's
            # <a id> goes before it: an <a> in the <a> would end the link in a browser.)
            heading_anchors = []
            if headed:
                blocks = []
                for block in text.strip("\n").split("\n\n"):
                    block, lead, attr = _heading_anchors(block)
                    heading_anchors.append(lead)
                    blocks.append(block + attr)
                text = "\n\n".join(blocks)
            attrs = _html_attr("href", href) + (_html_attr("title", title) if title else "")
            before = anchors + "".join(heading_anchors)
            before = f"\n\n{before}" if before else ""
            return f"{before}\n\n<a{attrs}>\n\n{text.strip(chr(10))}\n\n</a>\n\n"
        lead_s, core, trail_s = _split_edges(el, text)
        lead_s += anchors
        plain = el.get_text().strip()
        if (
            not title
            and plain == href
            and _AUTOLINK_OK.match(href)
            and _find(el) is None
        ):
            return "%s<%s>%s" % (lead_s, href, trail_s)
        core = _AUTOLINK_IN_TEXT.sub(r"\1", core)  # (a link in a link is none: its URL is text)
        # Blocks flattened into the link's text: a heading's marks would read as text, and so
        # would its "{#id}"; its anchor goes before the link.
        if headed:
            parts = []
            for b in core.split("\n\n"):
                b, lead, attr = _heading_anchors(b.strip("\n"))
                lead_s += lead + (f"<a{_html_attr('id', attr[3:-1])}></a>" if attr else "")
                if b.strip():
                    parts.append(_HEADING_MARK.sub("", b))
            core = " ".join(parts)
        else:
            core = core.replace("\n\n", " ")
        if "\n" in core.replace(_HARD_BREAK, ""):
            # Blocks still in the text (code, a list: in a list item or a cell, where the link
            # cannot stay HTML around them): its words, as one line a link can hold.
            core = _escape_inline(" ".join(el.get_text(" ").split()), brackets=True)
        if _READS_AS_DEFINITION.match(core):
            # "[`0]:`](url)" at the start of a paragraph is a link reference definition to
            # CommonMark (the label ends at the first "]", code span or not): the link and its
            # text would vanish. Inline HTML keeps both (its text is still Markdown).
            attrs = _html_attr("href", href) + (_html_attr("title", title) if title else "")
            return "%s<a%s>%s</a>%s" % (lead_s, attrs, core, trail_s)
        return "%s[%s](%s%s)%s" % (
            lead_s,
            core,
            _link_destination(href),
            _link_title(_attr_text(title)) if title else "",
            trail_s,
        )

    def convert_img(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        alt = _WS.sub(" ", _attr_text(el.get("alt") or "")).strip()
        src = _attr_text(el.get("src") or "")
        title = el.get("title")
        alt_md = _escape_inline(alt).replace("[", "\\[").replace("]", "\\]")
        if "_cell" in parent_tags or _ancestor(el, _CELLS) is not None:
            alt_md = alt_md.replace("|", "\\|")
        return "![%s](%s%s)" % (alt_md, _link_destination(src), _link_title(_attr_text(title)) if title else "")

    def convert_code(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if "_noformat" in parent_tags:
            return text
        if _find(el, ("br",)) is not None:
            # A code span cannot hold line breaks: keep <code> as inline HTML, with the
            # content escaped for both HTML and Markdown and indentation kept as entities.
            parts = []
            for node in el.descendants:
                if isinstance(node, Tag) and node.name == "br":
                    parts.append("\n")
                elif isinstance(node, NavigableString) and not isinstance(node, Comment):
                    parts.append(str(node))
            raw = "".join(parts)
            lines = []
            for line in re.sub(r"\n[ \t]*\n", "\n", raw).strip("\n").split("\n"):
                # (leading indentation collapses in HTML outside <pre>: not kept)
                line = _WS.sub(" ", line).strip()
                lines.append(_html_code_text(line))
            return "<code>" + (_HARD_BREAK.join(lines)) + "</code>"
        content = el.get_text()
        content = content.replace("\r\n", "\n").replace("\n", " ")
        if not content:
            return ""
        if _next_output_tag(el) in ("code", "tt", "samp"):
            # `a``b` would not close: the second span's backticks join the first's.
            return "<code>%s</code>" % _html_code_text(content)
        longest = max((len(m) for m in re.findall(r"`+", content)), default=0)
        delim = "`" * (longest + 1)
        if (
            content.startswith("`")
            or content.endswith("`")
            or (content.startswith(" ") and content.endswith(" ") and content.strip(" "))
        ):
            content = " " + content + " "
        return delim + content + delim

    convert_tt = convert_code
    convert_samp = convert_code

    def convert_kbd(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if "_noformat" in parent_tags:
            return text
        content = _WS.sub(" ", el.get_text())
        if not content.strip():
            return content
        return "<kbd>%s</kbd>" % _escape_inline(content)

    def convert_q(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return self._inline_html(el, text, parent_tags)

    # ------------------------------------------------------------------ media

    def _media(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if _find(el, _A, "href") is not None:
            return text.strip()  # the element's own fallback link(s)
        src = el.get("src") or el.get("data")
        if not src:
            source = _find(el, ("source",), "src")
            src = source.get("src") if source is not None else None
        if not src or not self.options["media_links"]:
            return ""
        if el.name in ("video", "audio"):
            # A player with no fallback link stays HTML: CommonMark passes it through, Hugo and
            # Jekyll render it, and it plays; a link labelled "Video" would add words to the body.
            raw = re.sub(r"\n\s*\n", "\n", str(el))
            return raw if "_inline" in parent_tags else "\n\n%s\n\n" % raw
        src = _attr_text(src).strip()
        label = _MEDIA_LABELS.get(el.name, "Media")
        title = el.get("title") or el.get("aria-label")
        if title:
            label = _escape_inline(_WS.sub(" ", _attr_text(title)).strip())
        link = "[%s](%s)" % (label, _link_destination(src))
        if "_inline" in parent_tags or el.parent is None or el.parent.name not in BLOCK_TAGS | {"[document]"}:
            return link
        return "\n\n%s\n\n" % link

    convert_video = _media
    convert_audio = _media
    convert_iframe = _media
    convert_embed = _media

    def convert_source(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return ""

    convert_track = convert_source

    # ------------------------------------------------------------------ tables

    def convert_table(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        rows = self._table_rows(el)
        if rows is None:
            return self._raw_html_block(el)
        header, body, aligns = rows
        if header is None:
            if self.options["headerless_tables"] == "html":
                return self._raw_html_block(el)
            header = [""] * len(body[0])
        out = []
        caption = next(iter(_child_tags(el, ("caption",))), None)
        if caption is not None:
            cap = self._block(self.process_tag(caption, parent_tags={"table"}))
            if cap:
                out.append(cap.strip("\n"))
                out.append("")
        out.append("| " + " | ".join(header) + " |")
        out.append("| " + " | ".join([_ALIGN_RULE[a] for a in aligns]) + " |")
        for row in body:
            out.append("| " + " | ".join(row) + " |")
        return "\n\n" + "\n".join(out) + "\n\n"

    def _table_rows(self, table: Tag):  # type: ignore[no-untyped-def]
        """(header cells, body rows) as Markdown strings, or None if not a simple table."""
        trs = []
        for child in table.children:
            if not isinstance(child, Tag):
                continue
            if child.name == "tr":
                trs.append((None, child))
            elif child.name in ("thead", "tbody", "tfoot"):
                trs.extend((child.name, tr) for tr in _child_tags(child, ("tr",)))
        if not trs:
            return None
        block_inside = ("table", "p", "div", "ul", "ol", "pre", "blockquote", "h1", "h2", "h3",
                        "h4", "h5", "h6", "hr", "dl", "figure", "section", "details")
        md_rows: list[tuple[str | None, list[Tag]]] = []
        for section, tr in trs:
            cells = _child_tags(tr, _CELLS)
            if not cells:
                return None
            for c in cells:
                for attr in ("rowspan", "colspan"):
                    if str(c.get(attr, "1")).strip() not in ("", "1"):
                        return None
                if _find(c, block_inside) is not None:
                    return None
            md_rows.append((section, cells))
        width = len(md_rows[0][1])
        if any(len(cells) != width for _, cells in md_rows):
            return None
        first_section, first_cells = md_rows[0]
        thead_rows = [r for r in md_rows if r[0] == "thead"]
        if len(thead_rows) > 1:
            return None
        if first_section == "thead" or (
            first_section != "thead" and not thead_rows and all(c.name == "th" for c in first_cells)
        ):
            header = [self._cell(c, head=True) for c in first_cells]
            rest = md_rows[1:]
        elif thead_rows:
            return None  # thead not first: unusual, keep HTML
        else:
            header = None
            rest = md_rows
        body = [[self._cell(c, head=False) for c in cells] for _, cells in rest]
        if not body and header is None:
            return None
        # A column's alignment (GFM's delimiter row): the one every cell of the column states.
        aligns = []
        for i in range(width):
            found = {_cell_align(cells[i]) for _, cells in md_rows}
            aligns.append(found.pop() if len(found) == 1 else None)
        return header, body, aligns

    def _cell(self, cell: Tag, head: bool) -> str:
        text = self.process_tag(cell, parent_tags={"table", "tr"})
        text = self._block(_WS.sub(" ", text.replace(_HARD_BREAK, "<br>")))
        text = text.replace("|", "\\|")
        if cell.name == "th" and not head and text:
            text = "**%s**" % text  # a body row header; cell edges are spaces: always flanks
        return text

    def convert_td(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return text

    convert_th = convert_td

    def convert_tr(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return text

    def convert_thead(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return text

    convert_tbody = convert_thead
    convert_tfoot = convert_thead


def _cell_align(cell: Tag) -> str | None:
    """left/center/right from a cell's has-text-align-* class, data-align, align or style."""
    for cls in cell.get("class") or ():
        if cls in _ALIGN_CLASS:
            return _ALIGN_CLASS[cls]
    for attr in ("data-align", "align"):
        v = cell.get(attr)
        if v:
            v = _attr_text(v).strip().lower()
            if v in ("left", "center", "right"):
                return v
    style = cell.get("style")
    if style:
        m = _TEXT_ALIGN_STYLE.search(_attr_text(style))
        if m:
            return m.group(1).lower()
    return None


def _strip_edge_more(text: str) -> str:
    """Drop a <!--more--> divider with no content before or after it (it divides nothing)."""
    text = text.strip("\n")
    n = len(_MORE_LINE)
    while text.startswith(_MORE_LINE) and text[n : n + 1] in ("", "\n"):
        text = text[n:].lstrip("\n")
    while text.endswith(_MORE_LINE) and text[-n - 1 : -n] in ("", "\n"):
        text = text[:-n].rstrip("\n")
    return text


def _ends_block(el: Any, parent_tags: Any) -> bool:
    """Whether nothing follows text node ``el`` in a block whose Markdown ends the line there.

    Only through transparent ``<span>``s, and never in inline contexts (headings, cells), where
    the block's output runs on (a heading in a heading, ``<p>`` in a cell).
    """
    if "_inline" in parent_tags:
        return False
    node = el
    while node.next_sibling is None:
        parent = node.parent
        if parent is None or parent.name in _LINE_END_PARENTS:
            return True
        if parent.name != "span":
            return False
        node = parent
    return False


def _is_title_button(button: Tag) -> bool:
    """Whether a <button> is the visible title of what it opens (see _TITLE_BUTTON_CLASSES)."""
    if str(button.get("type") or "").lower() in ("submit", "reset") or _ancestor(button, ("form",)) is not None:
        return False
    if str(button.get("role") or "").lower() == "tab" or _ancestor(button, _HEADING_TAGS) is not None:
        return True
    return not _TITLE_BUTTON_CLASSES.isdisjoint(button.get("class") or ())


def _keep_button_text(button: Tag) -> None:
    """The button as the text it shows: a span (its id kept, a tab's anchor), without what
    is only decoration (aria-hidden: the accordion's "+" sign)."""
    for hidden in [d for d in button.descendants if isinstance(d, Tag) and d.get("aria-hidden") == "true"]:
        if hidden.parent is not None:
            hidden.decompose()
    anchor = button.get("id")
    button.name = "span"
    button.attrs = {"id": anchor} if anchor else {}


def _more_allowed(node: Any) -> bool:
    """Whether a <!--more--> comment stands where a block divider can be written."""
    p = node.parent
    while p is not None:
        if p.name not in _MORE_PARENTS:
            return False
        p = p.parent
    return True


def _neighbor_char(el: Tag, direction: int) -> str | None:
    """The character next to ``el``'s output, from the HTML around it (None: line edge).

    Inline markup neighbours (links, emphasis, code, images) start and end with punctuation
    in Markdown, so they count as punctuation ('*').
    """
    node: Any = el
    while True:
        sib = node.previous_sibling if direction < 0 else node.next_sibling
        while sib is not None:
            if isinstance(sib, Comment):
                pass
            elif isinstance(sib, NavigableString):
                s = str(sib)
                if s:
                    ch = s[-1] if direction < 0 else s[0]
                    return " " if ch.isspace() else ch
            elif isinstance(sib, Tag):
                if sib.name in BLOCK_TAGS or sib.name == "br":
                    return None
                if sib.name in _EMPHASIS:
                    # Adjacent emphasis markers merge into one delimiter run ('*' + '**'):
                    # what counts is the character beyond that run, inside the neighbour.
                    return _edge_char(sib, direction)
                if sib.name in ("a", "img", "code", "kbd", "samp", "tt") or sib.name in _INLINE_HTML:
                    return "*"
                s = sib.get_text()
                if s:
                    ch = s[-1] if direction < 0 else s[0]
                    return " " if ch.isspace() else ch
            sib = sib.previous_sibling if direction < 0 else sib.next_sibling
        parent = node.parent
        if parent is None or parent.name in BLOCK_TAGS or parent.name == "[document]":
            return None
        if parent.name in ("a", "code") or parent.name in _EMPHASIS or parent.name in _INLINE_HTML:
            return "*"
        node = parent


# Where a link around blocks may itself be written as blocks (not inside a paragraph, a heading,
# a list item or a cell, whose content is one line or has rules of its own).
_LINK_BLOCK_HOLDERS = frozenset(
    "[document] html body div section article aside main header footer nav figure center "
    "blockquote details".split() + [_FRAGMENT_TAG])
_HEADING_MARK = re.compile(r"\A#{1,6}(?: |\Z)")
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# An id both "{#id}" readers take: kramdown's header ids are [A-Za-z][\w:-]*; goldmark's end at
# punctuation other than "_-:." and at white space.
_ATTRIBUTE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_:-]*")
# Ids WordPress itself prints that no one links to: the <!--more--> tag's place in a single
# post's page ("<span id="more-42">", wp-includes/post-template.php).
_GENERATED_ID = re.compile(r"more-\d+")


def _anchor_id(el: Tag) -> str:
    """The fragment an anchor element answers to: ``<a name|id>`` without a link, an empty
    ``<span id>`` (Easy Table of Contents puts one in each heading); "" for any other."""
    if el.name == "a":
        value = el.get("id") or el.get("name")
    elif el.name == "span" and el.get("id") and not el.get_text().strip():
        value = el.get("id")
    else:
        return ""
    return _fragment(value)


def _fragment(value: Any) -> str:
    """An id or name as the fragment links use ("" for none a link can name, or WordPress's)."""
    anchor = _attr_text(value or "").strip()
    if not anchor or any(c.isspace() for c in anchor) or _GENERATED_ID.fullmatch(anchor):
        return ""
    return anchor


def _name_of_link(el: Tag) -> str:
    """The name of a link that is also an anchor (<a href="#_ftn1" name="_ftnref1">); its id
    is left out as any element's."""
    return _fragment(el.get("name"))


def _heading_anchor(heading: Tag) -> str:
    """The id a heading is linked by: its own, else the first anchor element in it, or the
    span holding its whole text (Table of Contents Plus: <h2><span id="Fees">Fees</span></h2>)."""
    own = _attr_text(heading.get("id") or "").strip()
    if own and not any(c.isspace() for c in own):
        return own
    whole = None
    for el in heading.descendants:
        if not isinstance(el, Tag) or el.name not in _ANCHOR_TAGS:
            continue  # (a plain walk: find_all's strainer cost more than the heading's few nodes)
        if el.name == "a" and el.get("href") is not None:
            anchor = _name_of_link(el)
        elif el.name == "span" and el.get("id") and el.get_text().strip():
            whole = whole if whole is not None else heading.get_text().strip()
            anchor = _fragment(el.get("id")) if el.get_text().strip() == whole else ""
        else:
            anchor = _anchor_id(el)
        if anchor:
            return anchor
    return ""


# An in-page link ("#fn1"), somewhere in the HTML.
_IN_PAGE_LINK = re.compile(r"""href\s*=\s*["']?\s*#[^"'\s>]""", re.IGNORECASE)
# What an anchor put at the start of the element (not before it) lands on.
_TARGET_HOLDERS = frozenset(
    "p div section article aside main header footer nav address center blockquote li dd dt td th "
    "figure figcaption caption details".split())
_NOFORMAT_TAGS = ("code", "kbd", "samp", "tt", "pre")


def _keep_link_targets(soup: BeautifulSoup) -> None:
    """An element an in-page link of the post names (<li id="fn1"> for "#fn1", a footnote's
    <a id="ref1" href="#fn1"> for the way back, a <p id>, an anchor in code) keeps that target as
    an <a id> at its start or before it, where the Markdown would have left the id out."""
    targets: set[str] = set()
    for a in soup.find_all("a", href=True):
        href = _attr_text(a["href"]).strip()
        if href.startswith("#") and len(href) > 1:
            targets.add(href[1:])
            targets.add(unquote(href[1:]))
    if not targets:
        return
    for el in soup.find_all(True):
        for attr in ("id", "name") if el.name == "a" else ("id",):
            anchor = _fragment(el.get(attr))
            if anchor in targets and not _keeps_target(el, anchor):
                _put_target(soup, el, anchor)


def _put_target(soup: BeautifulSoup, el: Tag, anchor: str) -> None:
    """``el``'s target ``anchor`` as an <a id> at its start, or before it (see _keep_link_targets)."""
    new = soup.new_tag("a", attrs={"id": anchor})
    outer = None
    p = el.parent
    while p is not None:
        if p.name in _NOFORMAT_TAGS:
            outer = p
        p = p.parent
    if outer is not None:
        outer.insert_before(new)  # (nothing shows HTML in code)
    elif el.name in _TARGET_HOLDERS:
        el.insert(0, new)
    elif el.name in ("tr", "thead", "tbody", "tfoot") and el.find(_CELLS) is not None:
        el.find(_CELLS).insert(0, new)
    else:
        el.insert_before(new)
    for attr in ("id", "name"):
        if _fragment(el.get(attr)) == anchor:
            del el[attr]


def _keeps_target(el: Tag, anchor: str) -> bool:
    """Whether the Markdown of ``el`` keeps ``anchor`` (its id, or its name) by itself."""
    if any(p.name in _NOFORMAT_TAGS for p in el.parents):
        return False
    if el.name in _HEADING_TAGS:
        return True
    if el.name == "a":
        if (_anchor_id(el) if el.get("href") is None else _name_of_link(el)) == anchor:
            return True
    elif el.name == "span" and _anchor_id(el) == anchor:
        return True
    heading = _ancestor(el, _HEADING_TAGS)
    if heading is not None and _heading_anchor(heading) == anchor:
        return True
    parent = el.parent
    classes = (parent.get("class") or []) if parent is not None else []
    # WordPress's footnotes (convert_li, convert_sup keep those ids)
    return (el.name == "li" and "wp-block-footnotes" in classes) or (
        el.name == "a" and parent is not None and parent.name == "sup" and "fn" in classes)


def _link_around(el: Tag) -> Tag | None:
    """The link (<a href>) ``el`` is in, if any."""
    p = el.parent
    while p is not None:
        if p.name == "a" and p.get("href") is not None:
            return p
        p = p.parent
    return None


_ANCHOR_TAGS = frozenset(("a", "span"))


def _link_anchors(link: Tag) -> str:
    """The <a id> elements of the anchors a link holds (and of its own name), which go before
    the link; a heading's own anchor is the heading's to write."""
    # (most links hold no element that may be an anchor: a plain walk, no find_all, no walk up
    # to a heading)
    inner = [d for d in link.descendants if isinstance(d, Tag) and d.name in _ANCHOR_TAGS
             and (d.get("id") is not None or d.get("name") is not None)]
    if not inner and link.get("name") is None:
        return ""
    out: list[str] = []
    for el in [link, *inner]:
        anchor = _name_of_link(el) if el.name == "a" and el.get("href") is not None else _anchor_id(el)
        if not anchor or anchor in out:
            continue
        heading = el if el.name in _HEADING_TAGS else _ancestor(el, _HEADING_TAGS)
        if heading is not None and _heading_anchor(heading) == anchor:
            continue
        out.append(anchor)
    return "".join(f"<a{_html_attr('id', anchor)}></a>" for anchor in out)


_EMPTY_HEADING = re.compile(r"#{1,6}")
# An ATX heading's Markdown and the anchor convert_hN gave it: <a id> elements after the marks,
# a "{#id}" at the end (the heading's own "{" are escaped: an unescaped one is the attribute).
_HEADING_WITH_ANCHORS = re.compile(
    rf'(#{{1,6}})( (?:<a id="[^"]*"></a>)+)?(.*?)( \{{#{_ATTRIBUTE_ID.pattern}\}})?', re.DOTALL)


def _heading_anchors(block: str) -> tuple[str, str, str]:
    """(the heading ``block`` without its anchor, its <a id> elements, its " {#id}"): what a
    link around the heading must not take into its text. Other blocks: (block, "", "")."""
    m = _HEADING_WITH_ANCHORS.fullmatch(block)
    if m is None or not (m.group(2) or m.group(4)) or not (m.group(2) or m.group(3).startswith(" ")):
        return block, "", ""
    mark, lead, rest, attr = m.group(1), (m.group(2) or "").lstrip(" "), m.group(3), m.group(4) or ""
    rest = rest.lstrip(" ")
    return (f"{mark} {rest}" if rest else mark), lead, attr
_AUTOLINK_IN_TEXT = re.compile(r"<(https?://[^<>\s]+)>")
# A block that can carry a link: an ATX heading or one line of text that starts no other block
# (list item, quote, fence, table row, HTML, rule, the page break comments).
_LINKABLE_BLOCK = re.compile(r"(#{1,6} )?(?![-+*] |\d{1,9}[.)] |>|`{3}|~{3}|\||<|---)([^\n]+)\Z")


def _linked_blocks(text: str, destination: str, headed: bool) -> str | None:
    """The Markdown blocks of a link's content, each that can carry a link (a heading, a line
    of text) made a link to ``destination``; the others (a list, a quote, code, a multi-line
    paragraph) as they are. None when none can carry it. ``headed``: the link holds a heading
    element (else a leading "# " is the text's own)."""
    out = []
    linked = 0
    for block in text.split("\n\n"):
        block = block.strip("\n")
        # A heading's anchor stays out of the link's text: "### <a id="1-a"></a>[A](url) {#a}"
        block, lead, attr = _heading_anchors(block) if headed else (block, "", "")
        if lead and _EMPTY_HEADING.fullmatch(block):
            out.append(f"{block} {lead}")
            continue
        if not block.strip() or _EMPTY_HEADING.fullmatch(block):
            continue
        m = _LINKABLE_BLOCK.match(block)
        if m is None or not m.group(2).strip() or (m.group(1) and not headed):
            if lead or attr:  # (a heading's anchors, taken out above, back in place)
                mark, _, rest = block.partition(" ")
                block = f"{mark} {lead}{rest}".rstrip() + attr
            out.append(block)  # as it is: a list, code, a quote...
            continue
        linked += 1
        out.append(f"{m.group(1) or ''}{lead}[{m.group(2).strip()}]({destination}){attr}")
    return "\n\n" + "\n\n".join(out) + "\n\n" if linked and (len(out) > 1 or headed) else None


def _split_edges(el: Tag, text: str) -> tuple[str, str, str]:
    """(leading whitespace/breaks, core, trailing whitespace/breaks) of an inline's Markdown.

    The edges are moved outside the markup (``** x **`` would not be emphasis); plain spaces
    are dropped when the outside already has whitespace there, so no double spaces appear.
    """
    lead = _EDGE_LEAD.match(text)
    lead_s = lead.group(0) if lead else ""
    rest = text[len(lead_s):]
    trail = _EDGE_TRAIL.search(rest)
    trail_s = trail.group(0) if trail else ""
    core = rest[: len(rest) - len(trail_s)]
    if lead_s and not lead_s.strip(" ") and _is_space(_neighbor_char(el, -1)):
        lead_s = ""
    if trail_s and not trail_s.strip(" ") and _is_space(_neighbor_char(el, +1)):
        trail_s = ""
    return lead_s, core, trail_s


def _has_inline_content(el: Tag, direction: int) -> bool:
    """Whether inline content (not just breaks/whitespace) lies next to ``el`` in its block."""
    node: Any = el
    while True:
        sib = node.previous_sibling if direction < 0 else node.next_sibling
        while sib is not None:
            if isinstance(sib, Tag):
                if sib.name in BLOCK_TAGS:
                    return False
                if sib.name == "img" or (sib.name != "br" and (sib.get_text().strip() or _find(sib, _IMG))):
                    return True
            elif isinstance(sib, NavigableString) and not isinstance(sib, Comment):
                if str(sib).strip(" \t\r\n"):
                    return True
            sib = sib.previous_sibling if direction < 0 else sib.next_sibling
        parent = node.parent
        if parent is None or parent.name in BLOCK_TAGS or parent.name == "[document]":
            return False
        node = parent


_MARKUP = frozenset(("a", "img", "code", "kbd", "samp", "tt", *_INLINE_HTML))


def _next_emphasis_kind(el: Tag) -> str | None:
    """Kind of emphasis whose output starts right after ``el``'s output, if any."""
    name = _next_output_tag(el)
    return _EMPHASIS.get(name) if name else None


def _next_output_tag(el: Tag) -> str | None:
    """Name of the emphasis/markup element whose output starts right after ``el``'s."""
    node: Any = el
    while True:
        sib = node.next_sibling
        while isinstance(sib, Comment) or (isinstance(sib, NavigableString) and not str(sib)):
            sib = sib.next_sibling
        if sib is None:
            parent = node.parent
            if parent is None or parent.name in BLOCK_TAGS or parent.name in _MARKUP or parent.name in _EMPHASIS:
                return None
            node = parent
            continue
        while isinstance(sib, Tag):
            if sib.name in _EMPHASIS or sib.name in _MARKUP:
                return sib.name
            if sib.name in BLOCK_TAGS or sib.name == "br":
                return None
            first = next((c for c in sib.children if not isinstance(c, Comment)), None)
            sib = first
        return None


def _edge_char(tag: Tag, from_end: int) -> str | None:
    """First (from_end < 0: last) output-relevant character inside ``tag``."""
    children = list(tag.children)
    if from_end < 0:
        children.reverse()
    for child in children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            s = str(child)
            if s:
                ch = s[-1] if from_end < 0 else s[0]
                return " " if ch.isspace() else ch
            continue
        if child.name in BLOCK_TAGS or child.name == "br":
            return None
        if child.name in _EMPHASIS or not (
            child.name in ("a", "img", "code", "kbd", "samp", "tt") or child.name in _INLINE_HTML
        ):
            if child.get_text() or _find(child, _IMG) is not None:
                return _edge_char(child, from_end)
            continue
        return "*"
    return None


def _at_line_start(el: Any) -> bool:
    """Whether a text node's output begins a Markdown line (block start or after <br>)."""
    node = el
    while True:
        prev = node.previous_sibling
        while prev is not None:
            if isinstance(prev, Comment):
                prev = prev.previous_sibling
                continue
            if isinstance(prev, NavigableString):
                if str(prev).strip(" \t\r\n"):
                    return False
                prev = prev.previous_sibling
                continue
            if prev.name == "br" or prev.name in BLOCK_TAGS:
                return True
            if prev.name == "img" or prev.get_text().strip(" \t\r\n"):
                return False
            prev = prev.previous_sibling
        parent = node.parent
        if parent is None or parent.name == "[document]":
            return True
        if parent.name in ("td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "a"):
            return False
        if parent.name in _LINE_START_PARENTS:
            return True
        node = parent


# --------------------------------------------------------------------------- marked fragments

# Marked fragments (convert.fragments.FRAGMENT_OPEN/CLOSE): Markdown memoized per converter.
_FRAGMENT_MEMO_SIZE = 64


def fragment_key(fragment: str) -> bytes:
    """The fragment memo's key: a digest of the fragment's HTML (see the converter's memo)."""
    return hashlib.blake2b(fragment.encode("utf-8", "surrogatepass"), digest_size=20).digest()
_FIRST_TAG = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9]*")


def _last_close(fragment: str) -> str | None:
    """The name of the closing tag that ends ``fragment`` (trailing whitespace aside), if any.

    Read from the end: a fragment is a whole page list, a regex search from its start would
    scan megabytes for the last few characters.
    """
    end = fragment.rstrip()
    start = end.rfind("</")
    if not end.endswith(">") or start < 0 or not _TAG_NAME.fullmatch(end, start + 2, len(end) - 1):
        return None
    return end[start + 2:-1]


def _cut_fragments(html: str) -> tuple[str, list[str]]:
    """Replace each marked fragment that can stand alone by a placeholder element.

    A fragment can stand alone when it starts with a block element's tag and ends with a block
    element's closing tag and holds no comment (a more tag or a nested mark would change how
    it reads in context); others are put back unmarked.
    """
    fragments: list[str] = []
    out: list[str] = []
    pos = 0
    while True:
        start = html.find(FRAGMENT_OPEN, pos)
        end = html.find(FRAGMENT_CLOSE, start + len(FRAGMENT_OPEN)) if start >= 0 else -1
        if end < 0:
            out.append(html[pos:])
            break
        out.append(html[pos:start])
        fragment = html[start + len(FRAGMENT_OPEN):end]
        pos = end + len(FRAGMENT_CLOSE)
        first, last = _FIRST_TAG.match(fragment), _last_close(fragment)
        if (first is None or last is None or "<!--" in fragment
                or first.group(1).lower() not in BLOCK_TAGS or last.lower() not in BLOCK_TAGS):
            out.append(fragment)
            continue
        fragments.append(fragment)
        out.append(f'<{_FRAGMENT_TAG} data-n="{len(fragments) - 1}"></{_FRAGMENT_TAG}>')
    return "".join(out), fragments


_ALTERNATING = frozenset(("ul", "ol"))


def _edge_names(fragment: str) -> tuple[str, str]:
    first, last = _FIRST_TAG.match(fragment), _last_close(fragment)
    assert first is not None and last is not None  # _cut_fragments checked
    return first.group(1).lower(), last.lower()


def _stands_alone(holder: Tag, fragments: list[str]) -> bool:
    first, last = _edge_names(fragments[int(holder["data-n"])])
    prev = _prev_tag(holder)
    if prev is not None:
        prev_name = (_edge_names(fragments[int(prev["data-n"])])[1]
                     if prev.name == _FRAGMENT_TAG else prev.name)
        if prev_name == first and first in _ALTERNATING:
            return False
    nxt = holder.next_sibling
    while nxt is not None and not isinstance(nxt, Tag):
        nxt = nxt.next_sibling
    if nxt is not None:
        nxt_name = (_edge_names(fragments[int(nxt["data-n"])])[0]
                    if nxt.name == _FRAGMENT_TAG else nxt.name)
        if nxt_name == last and last in _ALTERNATING:
            return False
    return True


def _restore_fragments(html: str, fragments: list[str]) -> str:
    for n, fragment in enumerate(fragments):
        html = html.replace(f'<{_FRAGMENT_TAG} data-n="{n}"></{_FRAGMENT_TAG}>', fragment, 1)
    return html


_DEFAULT = WordPressMarkdownConverter()


def html_to_markdown(html: str, **options: Any) -> str:
    """Convert a WordPress HTML fragment to CommonMark (+ GFM tables).

    Deterministic; the result ends with exactly one newline, or is "" for empty input.
    Keyword options are passed to :class:`WordPressMarkdownConverter` (markdownify's options
    plus ``headerless_tables`` = "html" | "empty" and ``media_links``).
    """
    if not html or not html.strip():
        return ""
    conv = WordPressMarkdownConverter(**options) if options else _DEFAULT
    md = conv.convert(html).strip("\n")
    return md + "\n" if md.strip() else ""
