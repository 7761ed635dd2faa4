"""What archive and home listings say of each post they list, that its own page does not.

* sticky: ``post_class()`` adds ``sticky`` to a sticky post only on the first page of the blog
  home (wp-includes/post-template.php, get_post_class(): ``is_home() && ! is_paged()``);
* the excerpt: archive templates print ``the_excerpt()`` (Twenty Twenty-One
  template-parts/content/content-excerpt.php inside ``.entry-content``; block themes' core/post-excerpt
  block, ``p.wp-block-post-excerpt__excerpt``). Hand-written or automatic: the caller decides
  (``mwmigrate.live.manual_excerpt``), as WXR keeps only a hand-written one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

from mwmigrate.extract.page import parse_html

__all__ = ["Listed", "Listing", "listed_posts", "read_listing"]

_POST_CLASS = re.compile(r"^post-(\d+)$")
_ONE_P = re.compile(r"^\s*<p>(?P<inner>.*?)</p>\s*$", re.DOTALL)
_MORE = ("more-link",)  # excerpt_more / "Continue reading" links: not the excerpt


@dataclass
class Listed:
    wp_id: int
    url: str = ""
    sticky: bool = False
    excerpt: str = ""  # inner HTML as printed (one paragraph unwrapped), "" when none shown


def _classes(el: Any) -> list[str]:
    return (el.get("class") or "").split()


def _entries(root: Any) -> list[tuple[int, Any]]:
    """Elements printed with ``post_class()``: ``post-ID`` plus ``type-*``, outermost only."""
    found = []
    for el in root.iter("article", "li", "div"):
        classes = _classes(el)
        if not any(c.startswith("type-") for c in classes):
            continue
        ids = [int(m.group(1)) for c in classes if (m := _POST_CLASS.match(c))]
        if ids and not any(a is not None and a in {e for _, e in found} for a in el.iterancestors()):
            found.append((ids[0], el))
    return found


def _inner(el: Any) -> str:
    text = (el.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (text + "".join(lxml_html.tostring(c, encoding="unicode", with_tail=True) for c in el)).strip()


def _excerpt(entry: Any) -> str:
    for el in entry.iter("p", "div"):
        classes = _classes(el)
        if "wp-block-post-excerpt__excerpt" in classes:
            for more in [a for a in el.iter("a") if set(_classes(a)) & set(_MORE)]:
                more.getparent().remove(more)
            return _inner(el).strip()
    for el in entry.iter("div"):
        if "entry-content" in _classes(el) or "entry-summary" in _classes(el):
            for more in [a for a in el.iter("a") if set(_classes(a)) & set(_MORE)]:
                parent = more.getparent()
                parent.remove(more)
            inner = _inner(el)
            match = _ONE_P.match(inner)
            return (match["inner"] if match and "<p>" not in match["inner"] else inner).strip()
    return ""


@dataclass
class Listing:
    posts: list[Listed] = field(default_factory=list)
    #: an author archive's author: the user_nicename get_body_class() prints ("author-{nicename}"
    #: next to "author-{ID}") and the name get_the_archive_title() wraps in span.vcard.
    author_slug: str = ""
    author_name: str = ""


_AUTHOR_CLASS = re.compile(r"^author-(.+)$")


def read_listing(html: str | bytes, url: str, page_type: str) -> Listing:
    """:func:`listed_posts` plus, on an author archive, the author's slug and display name."""
    root, _ = parse_html(html)
    listing = Listing(posts=_listed(root, url, page_type))
    if page_type == "author":
        body = root.find("body")
        classes = _classes(body) if body is not None else []
        slugs = [m.group(1) for c in classes if (m := _AUTHOR_CLASS.match(c)) and not m.group(1).isdigit()]
        vcard = next((el for el in root.iter("span") if "vcard" in _classes(el)
                      and not any(a.tag in ("article", "li") for a in el.iterancestors())), None)
        if vcard is None:  # core/query-title (WP 6.1) prints the name in a plain span
            title = next((h for h in root.iter("h1") if {"wp-block-query-title", "page-title"} & set(_classes(h))), None)
            spans = list(title.iter("span")) if title is not None else []
            vcard = spans[0] if len(spans) == 1 else None
        if len(slugs) == 1 and vcard is not None:
            listing.author_slug = slugs[0]
            listing.author_name = " ".join("".join(vcard.itertext()).split())
    return listing


def listed_posts(html: str | bytes, url: str, page_type: str) -> list[Listed]:
    """Posts an archive/home page lists, with their sticky flag and the excerpt shown.

    ``page_type`` is :func:`extract_page`'s: excerpts are read on archives and search results
    only (the blog home of most themes prints the full content, which is no excerpt); the sticky
    class is meaningful on the blog home only.
    """
    return _listed(parse_html(html)[0], url, page_type)


def _listed(root: Any, url: str, page_type: str) -> list[Listed]:
    out = []
    for wp_id, el in _entries(root):
        link = next((a.get("href") for a in el.iter("a") if a.get("href")), "")
        item = Listed(wp_id=wp_id, url=urljoin(url, link) if link else "")
        item.sticky = page_type == "home" and "sticky" in _classes(el)
        if page_type in ("category", "tag", "author", "date", "taxonomy", "search", "post_type_archive"):
            item.excerpt = _excerpt(el)
        out.append(item)
    return out
