"""Boilerplate: find a page's main body and strip what is not the post from it.

Known theme/plugin markup comes from the profiles (matched in the single selector walk); headings
that open appended blocks ("Related", "Share this:") are matched as text; for pages that follow
no convention the body is found by a text/link-density score over paragraph containers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from lxml import etree

from mwmigrate.extract.profiles import Matches, ProfileSet, Rule

__all__ = ["Body", "choose_body", "empty_body", "score_body", "clean_body", "inside", "in_other_post",
           "has_post_class", "element_text", "text_of"]

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Paragraph-like elements whose text votes for its container.
_TEXT_BLOCKS = ("p", "pre", "blockquote", "li", "td", "h2", "h3", "h4")
# Containers the fallback never picks: they hold site furniture, not bodies.
_FURNITURE = re.compile(
    r"\b(nav|menu|footer|header|sidebar|widget|comment|cookie|consent|share|related|breadcrumb|banner|ad)s?\b",
    re.I,
)
_MIN_BODY_CHARS = 1  # an entry-content with any text or media wins over guessing


@dataclass
class Body:
    element: Any  # the container whose inner HTML is the body
    how: str  # "profile:<name>:<css>" or "fallback:score"


def text_of(el: Any) -> str:
    """All text below an element (comments skipped; works on plain lxml elements)."""
    # libxml2's text serialisation: the same text as "".join(el.itertext()), made in C.
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def element_text(el: Any) -> str:
    """Whitespace-collapsed text of an element."""
    return " ".join(text_of(el).split())


def inside(el: Any, ancestor: Any) -> bool:
    """True when ``el`` is ``ancestor`` or below it."""
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def in_other_post(el: Any, scope: Any) -> bool:
    """Whether ``el`` belongs to another post's card nested in ``scope`` (the post's article):
    a related-posts entry, a "more from" list, a theme's previous/next teaser. Themes print
    those as <article> elements, or with post_class() ("post-N type-post ..."), inside the
    post's own (OceanWP's related posts, partials/single/related-posts.php): their dates and
    thumbnails are those posts', not this one's."""
    for anc in el.iterancestors():
        if anc is scope:
            return False
        if anc.tag == "article" or has_post_class(anc):
            return True
    return False


def has_post_class(el: Any) -> bool:
    """Whether ``el`` carries post_class()'s own classes: "post-N" and "type-<post type>"."""
    classes = (el.get("class") or "").split()
    return any(c.startswith("type-") for c in classes) and any(_POST_ID_CLASS.fullmatch(c) for c in classes)


_POST_ID_CLASS = re.compile(r"post-\d+")


def _has_substance(el: Any) -> bool:
    if len(el) == 0 and not (el.text or "").strip():
        return False
    return bool(text_of(el).strip()) or el.find(".//img") is not None or el.find(".//iframe") is not None


def _is_removed(el: Any, removed: Iterable[Any]) -> bool:
    return any(inside(el, r) for r in removed)


def choose_body(matches: Matches) -> Body | None:
    """The best profile-matched body container: highest-precedence rule, then document order.

    Containers inside boilerplate (a sidebar's text widget, a related-posts excerpt) never win.
    """
    furniture = [el for el, rule in matches.get("remove", ()) if rule.kind not in ("script",)]
    best: tuple[int, int, Any, Rule] | None = None
    for position, (el, rule) in enumerate(matches.get("content", ())):
        if not _has_substance(el) or _is_removed(el, furniture):
            continue
        key = (rule.order, position)
        if best is None or key < best[:2]:
            best = (rule.order, position, el, rule)
    if best is None:
        return None
    return Body(best[2], f"profile:{best[3].profile}:{best[3].css}")


def empty_body(matches: Matches, root: Any) -> Body | None:
    """A singular page whose post has no content: the theme's content container, present but
    empty (Twenty Twenty-One prints ``<div class="entry-content"></div>``), or, on a block theme
    (``div.wp-site-blocks``), none at all: core/post-content prints nothing for empty content
    (wp-includes/blocks/post-content.php). Then the body is empty, not the best-scoring furniture."""
    furniture = [el for el, rule in matches.get("remove", ()) if rule.kind not in ("script",)]
    for el, rule in matches.get("content", ()):
        if not _is_removed(el, furniture) and not _has_substance(el):
            return Body(el, f"profile:{rule.profile}:{rule.css}:empty")
    # (the template canvas's div has no id: Kadence, a classic theme, prints <div id="wrapper"
    # class="site wp-site-blocks">)
    blocks = any("wp-site-blocks" in (d.get("class") or "").split() and d.get("id") is None
                 for d in root.iter("div"))
    if blocks and not matches.get("content"):
        return Body(etree.Element("div"), "empty:block theme printed no post content")
    return None


def _class_id(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"


def _link_density(el: Any, text_len: int) -> float:
    if text_len == 0:
        return 1.0
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return min(1.0, linked / text_len)


# Page builders' own class names, which name their structure with words the fallback reads as
# furniture: Elementor's "elementor-widget-container" on every widget, Beaver Builder's
# "fl-module-content"... Such a class counts for what follows its structural words
# ("elementor-widget-nav-menu" is a menu, "elementor-widget-text-editor" is not).
_BUILDER_CLASS = re.compile(r"^(?:elementor|e-con|et_pb|et-|fl-|vc_|wpb_|brxe|kb-|uagb|ugb|tve)[-_]?", re.I)
_BUILDER_STRUCTURE = re.compile(
    r"(?i)(?<![a-z])(?:widget|container|wrap|wrapper|element|elements|column|col|row|section|module|"
    r"inner|content|location|template|theme|builder|has|tb)(?![a-z])")


def _furniture_classes(el: Any) -> bool:
    names = []
    for token in _class_id(el).split():
        if _BUILDER_CLASS.match(token):
            token = _BUILDER_STRUCTURE.sub(" ", _BUILDER_CLASS.sub("", token).replace("_", "-"))
        names.append(token)
    return bool(_FURNITURE.search(" ".join(names)))


def _furniture(el: Any) -> bool:
    """Inside navigation, a header, footer, sidebar, form or a class naming such furniture.
    The page's <body> and <html> are not looked at: their classes describe the layout
    ("right-sidebar", "fl-theme-builder-header", "et-tb-has-footer"), not a container."""
    node = el
    while node is not None and isinstance(node.tag, str) and node.tag not in ("body", "html"):
        if node.tag in ("nav", "footer", "header", "aside", "form") or _furniture_classes(node):
            return True
        node = node.getparent()
    return False


def score_body(root: Any) -> Body | None:
    """Generic fallback: the container collecting the most paragraph text with few links.

    Each paragraph-like block adds its text length (minus linked text) to its parent and half to
    its grandparent, as readability-style extractors do; containers inside navigation, headers,
    footers, sidebars or consent banners are skipped.
    """
    scores: dict[Any, float] = {}
    for block in root.iter(*_TEXT_BLOCKS):
        text = text_of(block)
        length = len(text.strip())
        if length < 25:
            continue
        value = length * (1.0 - _link_density(block, length)) + min(text.count(","), 5) * 10
        parent = block.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + value
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + value / 2
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    for el, _score in ranked[:10]:
        if el.tag not in ("html", "body") and not _furniture(el):
            return Body(el, "fallback:score")
    for el, _score in ranked[:1]:
        return Body(el, "fallback:score")
    return None


def _heading_block(heading: Any, body: Any) -> Any:
    """The block a boilerplate heading opens: its parent unless that is the body itself."""
    parent = heading.getparent()
    if parent is None or parent is body:
        return heading
    return parent


def _drop(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


#: Kinds of theme furniture that a core block placed in the post also prints: a navigation,
#: query-pagination, comments, search or legacy-widget block in the content is the post's own
#: (REST's content.rendered has it), not the theme's chrome.
_BLOCK_KINDS = frozenset(("navigation", "comments", "comment-form", "search-form", "sidebar",
                          "header", "footer"))


def _in_block(el: Any, body: Any) -> bool:
    """``el`` is, or is inside, a core block's markup (a ``wp-block-*`` class) within ``body``."""
    node = el
    while node is not None and node is not body:
        if any(c.startswith("wp-block-") for c in (node.get("class") or "").split()):
            return True
        node = node.getparent()
    return False


def clean_body(body: Any, matches: Matches, profiles: ProfileSet) -> list[str]:
    """Remove boilerplate from ``body`` in place; return the kinds removed (for the report)."""
    removed: list[str] = []
    doomed = [(el, rule.kind) for el, rule in matches.get("remove", ()) if el is not body and inside(el, body)
              and not (rule.kind in _BLOCK_KINDS and _in_block(el, body))]
    for el, kind in doomed:
        if el.getparent() is not None and inside(el, body):
            _drop(el)
            removed.append(kind)
    for heading in list(body.iter(*_HEADINGS)):
        text = " ".join(text_of(heading).split())
        for pattern, kind in profiles.remove_headings:
            if text and pattern.search(text):
                if inside(heading, body):
                    _drop(_heading_block(heading, body))
                    removed.append(kind)
                break
    for comment in list(body.iter(etree.Comment)):
        _drop(comment)
    return removed
