"""One rendered HTML page -> :class:`~mwmigrate.model.Page`: page type, post fields, body, sidebars.

The extract stage's entry point. The page is parsed once with lxml, the profiles' selectors are
matched in one walk, and every field records where it came from. Odd or hostile HTML never
raises: whatever could not be understood becomes a warning on the Page.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from mwmigrate.extract.boilerplate import (
    Body, choose_body, clean_body, empty_body, element_text, has_post_class, in_other_post, inside, score_body,
    text_of,
)
from mwmigrate.extract.media import (
    ImageSeen,
    attachment_images,
    best_url,
    body_images,
    featured_images,
)
from mwmigrate.extract.metadata import Metadata, jsonld_nodes, read_metadata
from mwmigrate.extract.organisation import extract_organisation, org_source_from
from mwmigrate.extract.profiles import Matches, ProfileSet, load_profiles
from mwmigrate.extract.sidebars import extract_menus, extract_sidebars
from mwmigrate.model import Author, Comment, Organisation, Page, Post, Seo, Term
from mwmigrate.textmetrics import visible_text

__all__ = ["extract_page", "parse_html", "page_type", "wp_id_of", "slug_from_url"]

log = logging.getLogger(__name__)

_POST_ID = re.compile(r"^(?:postid|page-id|attachmentid)-(\d+)$")
_ARTICLE_ID = re.compile(r"^post-(\d+)$")
_REST_ID = re.compile(r"/wp-json/wp/v2/(?:posts|pages|media|[\w-]+)/(\d+)/?$")
# A comment's <li>: id="comment-N" (wp_list_comments(), html5), "li-comment-N" (older themes),
# "comment-item-N" (Neve, inc/views/partials/comments.php).
_COMMENT_ID = re.compile(r"(?:^|-)comment-(?:item-)?(\d+)$")
_TERM_CLASS = re.compile(r"^(category|tag)-(.+)$")
_PARENT_CLASS = re.compile(r"^parent-pageid-(\d+)$")  # body_class() of a child page
_FORMAT_CLASS = re.compile(r"^single-format-([a-z]+)$")  # body_class() of a single post
#: Containers of comments (comments.php of Twenty* themes, wp_list_comments(), core/comments blocks).
_COMMENT_BOX = frozenset(("comment", "comments-area", "comment-list", "commentlist", "comment-body",
                          "wp-block-comments", "wp-block-comment-template", "wp-block-comments-query-loop"))
_BLOCKY = "p div h1 h2 h3 h4 h5 h6 li ul ol table tr td th section article aside header footer nav br blockquote address".split()
#: The page's regions: the organisation's text blocks part where one ends and the next begins.
_LANDMARKS = frozenset("header footer aside nav main article".split())
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse_html(markup: str | bytes) -> tuple[Any, list[str]]:
    """Parse any input into an lxml ``<html>`` tree; never raises (an empty document at worst).

    Plain ``etree`` elements, not ``lxml.html``'s element classes: their per-element class
    lookup costs more than the rest of a tree walk.
    """
    warnings: list[str] = []
    if isinstance(markup, str):
        markup = markup.encode("utf-8", "surrogatepass") if markup else b""
        parser = etree.HTMLParser(encoding="utf-8")
    else:
        parser = etree.HTMLParser()
    markup = _CONTROL.sub(b"", markup)  # lxml keeps C0 controls but refuses them when text is edited
    root = None
    if markup.strip():
        try:
            root = etree.fromstring(markup, parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError, UnicodeError) as exc:
            warnings.append(f"HTML not parseable: {exc}")
    if root is None or not isinstance(root.tag, str):
        if markup.strip() and not warnings:
            warnings.append("no HTML document found; treated as empty")
        root = etree.fromstring(b"<html><body></body></html>", etree.HTMLParser())
    return root, warnings


def _body_classes(root: Any) -> list[str]:
    body = root.find("body")
    return (body.get("class") or "").split() if body is not None else []


def page_type(classes: list[str], profiles: ProfileSet, metadata: Metadata, has_article: bool) -> str:
    """The WordPress template a page was rendered with, from body classes, else from structure."""
    present = set(classes)
    for body_class, kind in profiles.page_types:
        if set(body_class.split()) <= present:
            return kind
    og_type = metadata.meta.get("og:type", "")
    if og_type == "article" or jsonld_nodes(metadata, "Article", "BlogPosting", "NewsArticle"):
        return "single"
    if og_type == "website" and has_article:
        return "page"
    return "unknown"


def slug_from_url(url: str) -> str:
    """The last path segment as a slug, percent-decoded like every source's slugs (WordPress
    stores non-ASCII slugs percent-encoded; WXR, REST and pages all come out readable)."""
    path = urlsplit(url).path.rstrip("/")
    segment = path.rsplit("/", 1)[-1] if path else ""
    return wp_slug(segment)


def wp_slug(segment: str) -> str:
    """A slug in the archive's one spelling: percent-decoded (``%ce%b5`` and ``ε`` agree)."""
    return unquote(segment)


def wp_id_of(classes: list[str], article: Any, metadata: Metadata) -> tuple[int | None, str]:
    """The post's WordPress id and how it was found (body class, article id, shortlink, REST link)."""
    for cls in classes:
        m = _POST_ID.match(cls)
        if m:
            return int(m.group(1)), "body_class"
    if article is not None:
        m = _ARTICLE_ID.match(article.get("id") or "")
        if m:
            return int(m.group(1)), "article_id"
    for short in metadata.links.get("shortlink", []):
        query = parse_qs(urlsplit(short).query)
        for key in ("p", "page_id", "attachment_id"):
            if query.get(key, [""])[0].isdigit():
                return int(query[key][0]), "shortlink"
    for href in metadata.links.get("alternate", []):
        m = _REST_ID.search(urlsplit(href).path)
        if m:
            return int(m.group(1)), "rest_link"
    return None, ""


def _post_type(classes: list[str], kind: str) -> str:
    if kind == "page" or kind == "front_page":
        return "page"
    if kind == "attachment":
        return "attachment"
    for cls in classes:
        if cls.startswith("single-") and cls not in ("single-post", "single-format-standard", "single-author"):
            if not cls.startswith("single-format-"):
                return cls[len("single-"):]
    return "post"


def _class_fields(post: Post, classes: list[str]) -> None:
    """A page's parent and a post's format, as WordPress's ``body_class()`` states them."""
    for cls in classes:
        parent, fmt = _PARENT_CLASS.match(cls), _FORMAT_CLASS.match(cls)
        if parent:
            post.parent = int(parent.group(1))
            post.field_sources["parent"] = "html"
        elif fmt:
            post.format = fmt.group(1)
            post.field_sources["format"] = "html"


def _utc(value: str) -> str:
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is None:
        return ""
    return when.astimezone(timezone.utc).isoformat()


def _valid_iso(value: str) -> str:
    value = (value or "").strip()
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return value


def _time_value(scope: Any, which: str, body: Any = None) -> str:
    """datetime of ``time.published``/``time.entry-date`` (or ``time.updated``) inside ``scope``;
    a ``<time>`` in the post body (a latest-posts block's dates) or in a comment is not the post's."""
    if scope is None:
        return ""
    candidates = []
    for t in scope.iter("time"):
        if body is not None and inside(t, body) or in_other_post(t, scope):
            continue
        if any(_COMMENT_BOX.intersection((a.get("class") or "").split()) for a in t.iterancestors()):
            continue
        classes = (t.get("class") or "").split()
        value = _valid_iso(t.get("datetime") or "")
        if not value:
            continue
        prop = t.get("itemprop") or ""
        # (Enfold prints the published date as <time class="... updated" itemprop="datePublished">:
        # the microdata says which date it is)
        if which == "modified" and ("updated" in classes and prop != "datePublished" or prop == "dateModified"):
            return value
        if which == "published" and ("published" in classes or "entry-date" in classes or prop == "datePublished"):
            return value
        candidates.append(value)
    return candidates[0] if which == "published" and candidates else ""


def _first_jsonld(metadata: Metadata, key: str) -> str:
    for node in jsonld_nodes(metadata, "Article", "BlogPosting", "NewsArticle", "WebPage"):
        if isinstance(node.get(key), str):
            return node[key]
    return ""


def _dates(post: Post, scope: Any, metadata: Metadata, body: Any = None) -> None:
    for field, which, meta_key, ld_key in (("date", "published", "article:published_time", "datePublished"),
                                           ("modified", "modified", "article:modified_time", "dateModified")):
        value = (_time_value(scope, which, body) or _valid_iso(metadata.meta.get(meta_key, ""))
                 or _valid_iso(_first_jsonld(metadata, ld_key)))
        if value:
            setattr(post, field, value)
            setattr(post, field + "_gmt", _utc(value))
            post.field_sources[field] = "html"


def _author(post: Post, scope: Any, base: str, metadata: Metadata, boxes: Sequence[Any] = ()) -> None:
    """The post's author from its byline; an author box's links ("View Archive", "View more
    posts": Twenty Twenty's entry-author-bio.php) are not the byline."""
    link = None
    if scope is not None:
        links = [a for a in scope.iter("a") if not any(inside(a, box) for box in boxes)]
        # The byline's hCard first (<span class="author vcard"><a class="url fn n">: the
        # Twenty* themes' posted_by()); then rel="author", which an author box's "View more
        # posts" link carries too (Twenty Nineteen's author-bio.php), then any /author/ link.
        link = next((a for a in links if "fn" in (a.get("class") or "").split()
                     and "/author/" in (a.get("href") or "")), None)
        if link is None:
            link = next((a for a in links if "author" in (a.get("rel") or "").split()), None)
        if link is None:
            link = next((a for a in links if "/author/" in (a.get("href") or "")), None)
    name = element_text(link) if link is not None else ""
    url = urljoin(base, link.get("href") or "") if link is not None else ""
    if link is None and scope is not None:  # core/post-author without a link: the name alone
        shown = next((e for e in scope.iter("p", "span", "div")
                      if "wp-block-post-author__name" in (e.get("class") or "").split()), None)
        name = element_text(shown) if shown is not None else ""
    path = urlsplit(url).path.rstrip("/")
    slug = unquote(path.rsplit("/", 1)[-1]) if "/author/" in path else ""
    if not name:
        people = jsonld_nodes(metadata, "Person")
        # (Yoast writes names as WordPress stores them, HTML-escaped)
        name = html.unescape(str(people[0].get("name") or "")) if people else metadata.meta.get("author", "")
    if slug or name:
        post.author = slug or name
        post.meta["author"] = {"name": name, "slug": slug, "url": url}
        post.field_sources["author"] = "html"


def _terms(post: Post, scope: Any, article: Any, base: str) -> None:
    terms: dict[str, dict[str, str]] = {}
    if scope is not None:
        for a in scope.iter("a"):
            rel = (a.get("rel") or "").split()
            if "tag" not in rel and "category" not in rel:
                continue
            href = urljoin(base, a.get("href") or "")
            holder = " ".join((p.get("class") or "") for p in a.iterancestors())
            is_cat = "category" in rel or "taxonomy-category" in holder or "/category/" in href
            slug = slug_from_url(href)
            if slug:
                terms.setdefault(f"{'category' if is_cat else 'post_tag'}:{slug}",
                                 {"taxonomy": "category" if is_cat else "post_tag", "slug": slug,
                                  "name": element_text(a), "url": href})
    for cls in ((article.get("class") or "").split() if article is not None else ()):
        m = _TERM_CLASS.match(cls)
        if m:
            tax = "category" if m.group(1) == "category" else "post_tag"
            terms.setdefault(f"{tax}:{m.group(2)}", {"taxonomy": tax, "slug": m.group(2), "name": "", "url": ""})
    post.categories = [t["slug"] for t in terms.values() if t["taxonomy"] == "category"]
    post.tags = [t["slug"] for t in terms.values() if t["taxonomy"] == "post_tag"]
    if terms:
        post.meta["terms"] = list(terms.values())
        post.field_sources["categories"] = post.field_sources["tags"] = "html"


def _featured_image(post: Post, featured: list[ImageSeen]) -> None:
    """The featured image's file (the linked original, else the largest file shown)."""
    if featured and featured[0].role == "featured":
        post.featured_image = best_url(featured[0])
        post.field_sources["featured_image"] = "html"


def _media(post: Post, featured: list[ImageSeen], body: Body | None, kind: str,
           classes: list[str], base: str) -> None:
    """What the page shows of the site's media, as a working note (``meta["media"]``) for the
    live migration's media records: featured image, then the body's images (or an attachment
    page's own file). A withheld body shows none."""
    images = list(featured)
    if body is not None and not post.password_protected:
        if kind == "attachment":
            images += attachment_images(body.element, base, classes, post.url, post.title,
                                        post.date)
        else:
            images += body_images(body.element, base)
    if images:
        post.meta["media"] = [asdict(image) for image in images]


def _title_markup(el: Any) -> str:
    """A title element's content: its text, or its inner HTML when the title has markup
    (``Title <em>With</em> Markup``, as WordPress stores and REST renders it); a link the theme
    wraps around the title is not part of it."""
    while len(el) == 1 and el[0].tag == "a" and not (el.text or "").strip() and not (el[0].tail or "").strip():
        el = el[0]
    if not any(isinstance(c.tag, str) and (text_of(c).strip() or c.tag in ("img", "br") or c.find(".//img") is not None)
               for c in el):
        return element_text(el)  # (an empty element is no markup: Enfold's post-format icon span)
    return " ".join(_inner_html(el).split())


def _site_name(root: Any, metadata: Metadata) -> str:
    """The site's name as the page prints it: its home link (site title), else og:site_name."""
    for a in root.iter("a"):
        if "home" in (a.get("rel") or "").split() and element_text(a):
            return element_text(a)
    return metadata.meta.get("og:site_name", "")


_TITLE_SEPARATORS = (" – ", " - ", " | ", " · ", " » ", " — ")


def _document_title(root: Any, metadata: Metadata) -> str:
    """<title> less the site name wp_get_document_title() appends ("" when it is the name alone:
    a post without a title)."""
    title, site = metadata.title.strip(), _site_name(root, metadata)
    if site and title == site:
        return ""
    for sep in _TITLE_SEPARATORS:
        if site and title.endswith(sep + site):
            return title[: -len(sep + site)].strip()
    return title


def _title(matches: Matches, scope: Any, metadata: Metadata, root: Any = None) -> str:
    for el, _rule in matches.get("title", ()):
        if scope is None or inside(el, scope):
            text = _title_markup(el)
            if text:
                return text
    for node in jsonld_nodes(metadata, "Article", "BlogPosting", "NewsArticle"):
        if node.get("headline"):
            return str(node["headline"])
    h1 = next(iter(scope.iter("h1")), None) if scope is not None else None
    if h1 is not None and element_text(h1):
        return element_text(h1)
    if metadata.meta.get("og:title"):
        return metadata.meta["og:title"]
    return _document_title(root, metadata) if root is not None else metadata.title


def _comment(li: Any, post_id: int, parent: int) -> Comment | None:
    m = _COMMENT_ID.search(li.get("id") or "")
    if not m:
        return None
    # (the hCard's "fn"; Enfold's <cite class="comment_author_name">, loop-comments.php)
    fn = next((e for e in li.iter() if {"fn", "comment_author_name"} & set((e.get("class") or "").split())), None)
    author_link = next(fn.iter("a"), None) if fn is not None else None
    if fn is not None and author_link is None:  # (Twenty Twenty/Nineteen: <a class="url"><img><span class="fn">)
        author_link = next((a for a in fn.iterancestors("a")), None)
    when = next((t.get("datetime") for t in li.iter("time") if t.get("datetime")), "")
    content = next((e for e in li.iter() if any(c in _COMMENT_TEXT or c.endswith("-comment-content")
                                                 for c in (e.get("class") or "").split())), None)
    parts = []
    if content is not None:
        parts = [lxml_html.tostring(c, encoding="unicode") for c in content if not _reply_link(c)]
    else:
        body = next((e for e in li.iter() if "comment-body" in (e.get("class") or "").split()), li)
        parts = [lxml_html.tostring(c, encoding="unicode") for c in body.iterchildren("p", "blockquote", "ul", "ol", "pre")
                 if not _reply_link(c) and "children" not in (c.get("class") or "").split()]  # (not the replies)
    kind = "pingback" if "pingback" in (li.get("class") or "") else "trackback" if "trackback" in (li.get("class") or "") else "comment"
    return Comment(wp_id=int(m.group(1)), post_id=post_id, author=element_text(fn) if fn is not None else "",
                   author_url=author_link.get("href", "") if author_link is not None else "",
                   date=_valid_iso(when or ""), content_html="".join(parts).strip(), parent=parent,
                   type=kind, source="html")


#: A comment's text holder: core's div.comment-content; Enfold's div.comment_text
#: (loop-comments.php), Storefront-like themes' div.comment-text.
_COMMENT_TEXT = frozenset({"comment-content", "comment_text", "comment-text"})


def _reply_link(el: Any) -> bool:
    """The "Reply" link comment_reply_link() prints (in div.reply by default, Divi's
    span.reply-container, Storefront's div.reply inside the comment's text): not its text."""
    classes = set((el.get("class") or "").split())
    return bool(classes & {"reply", "reply-container", "comment-reply-link"})


def _comments(root: Any, post_id: int) -> list[Comment]:
    """wp_list_comments()'s comments: <li id="comment-N" class="comment ..."> (style "ol"/"ul",
    the default), or <div id="comment-N" class="comment ..."> (style "div": Twenty Twenty's
    comments.php), replies nested inside their parent's."""
    found: list[Comment] = []
    for li in root.iter("li", "div"):
        classes = (li.get("class") or "").split()
        if not ({"comment", "pingback", "trackback"} & set(classes)):
            continue
        own = _COMMENT_ID.search(li.get("id") or "")
        if li.tag == "div" and not own:
            continue  # (a div classed "comment" inside one: Neve's text holder)
        parent_li = next((a for a in li.iterancestors("li", "div") if _COMMENT_ID.search(a.get("id") or "")), None)
        parent_id = int(_COMMENT_ID.search(parent_li.get("id")).group(1)) if parent_li is not None else 0
        if own and parent_id == int(own.group(1)):
            continue  # the comment's own inner div (<li id="li-comment-N"><div id="comment-N" class="comment">)
        comment = _comment(li, post_id, parent_id)
        if comment:
            found.append(comment)
    return found


def _article_of(body: Body | None, root: Any) -> Any:
    """The element around the body that carries post_class(): an <article>, an id "post-N", or
    any element with post_class()'s own classes ("post-N" and "type-..."): Hello Elementor
    prints them on <main class="site-main post-N type-post ... category-x">."""
    if body is not None:
        for anc in body.element.iterancestors():
            if anc.tag == "article" or _ARTICLE_ID.match(anc.get("id") or "") or has_post_class(anc):
                return anc
    return None


def _scope_of(body: Body | None, article: Any, root: Any) -> Any:
    """Where the post's header and meta live: its article, else the main element, else the body."""
    if article is not None:
        return article
    main = next(root.iter("main"), None)
    if main is not None:
        return main
    return root.find("body")


def _inner_html(el: Any) -> str:
    parts = [_escape_text(el.text or "")] + [lxml_html.tostring(child, encoding="unicode") for child in el]
    return "".join(parts).strip()


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: Widgets that list the site's posts, comments and terms (their titles are the posts'): "Charity
#: gala raises £123456", "Our new office at 1 High St, Luton LU1 2PL" state nothing of the firm.
_FEED_WIDGETS = frozenset({"recent-posts", "recent-comments", "archives", "categories", "tag_cloud", "rss", "calendar"})


def _org_blocks(root: Any, body: Body | None, matches: Matches,
                feeds: frozenset[str] = frozenset()) -> tuple[list[str], list[tuple[str, str]]]:
    """Visible text blocks and links of the page outside the post body, consent banners and
    the widgets of ``feeds``' classes (lists of the site's posts: not the firm's words)."""
    skip = [el for el, rule in matches.get("remove", ())
            if rule.kind in ("cookie-banner", "script", "form", "share", "related", "author-box", "comments")]
    if body is not None:
        skip.append(body.element)
    skip_set = set(skip)
    blocks: list[str] = []
    links: list[tuple[str, str]] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    def region() -> None:
        # (an empty block: where the page's regions meet, so that no address, name or label
        # read off the text runs from one into the next: the post's title above the body left
        # out, over the footer's first address)
        flush()
        if blocks and blocks[-1]:
            blocks.append("")

    def walk(el: Any) -> None:
        if el in skip_set:
            region()
            return
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "template", "head"):
            return
        if feeds and not feeds.isdisjoint((el.get("class") or "").split()):
            region()
            return
        encoded = el.get("data-cfemail") if el.tag == "a" or el.tag == "span" else None
        email = _cloudflare_email(encoded) if encoded else ""
        if email:  # (the address as a reader sees it, not Cloudflare's "[email protected]")
            if el.tag == "a":
                links.append((email, f"mailto:{email}"))
            current.append(email)
            return
        landmark = el.tag in _LANDMARKS
        block = el.tag in _BLOCKY
        if landmark:
            region()
        elif block:
            flush()
        if el.tag == "a" and el.get("href"):
            href = el.get("href").strip()
            hashed = _CLOUDFLARE_EMAIL_LINK.search(href) if "email-protection" in href else None
            email = _cloudflare_email(hashed.group(1)) if hashed else ""
            links.append((element_text(el), f"mailto:{email}" if email else href))
        if el.tag == "td":
            current.append(_column_heading(el))
        current.append(el.text or "")
        for child in el:
            walk(child)
            current.append(child.tail or "")
        if landmark:
            region()
        elif block:
            flush()

    body_el = root.find("body")
    if body_el is not None:
        try:
            walk(body_el)
        except RecursionError:
            blocks.append(element_text(body_el))
    flush()
    while blocks and not blocks[-1]:
        blocks.pop()
    return blocks, links


#: Cloudflare's e-mail address obfuscation: a mailto link becomes /cdn-cgi/l/email-protection#<hex>,
#: an address in the text a "__cf_email__" element with data-cfemail="<hex>" reading "[email protected]"
#: until its script decodes it (the first byte the key, each next one XOR it: email-decode.min.js).
_CLOUDFLARE_EMAIL_LINK = re.compile(r"/cdn-cgi/l/email-protection#([0-9a-fA-F]{4,})")


def _cloudflare_email(encoded: str) -> str:
    """The address Cloudflare encoded ("" when it is not one)."""
    try:
        data = bytes.fromhex(encoded)
        email = bytes(b ^ data[0] for b in data[1:]).decode("utf-8")
    except (ValueError, IndexError, UnicodeDecodeError):
        return ""
    return email if "@" in email and not any(c.isspace() for c in email) else ""


def _column_heading(cell: Any) -> str:
    """The heading of a table cell's column ("SRA ID: ", "Telephone: "), when the table's first
    row is one of headings (a footer's table of offices: Office | Address | Telephone | SRA ID):
    the number in the cell is read with it, as a reader of the table reads it."""
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    if table is not None and table.tag in ("tbody", "thead", "tfoot"):
        table = table.getparent()
    if table is None or table.tag != "table":
        return ""
    first = next((r for r in table.iter("tr")), None)
    if first is None or first is row:
        return ""
    heads = [c for c in first if isinstance(c.tag, str) and c.tag in ("th", "td")]
    if not heads or any(c.tag != "th" for c in heads):
        return ""
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")]
    index = cells.index(cell)
    if index >= len(heads) or int(heads[index].get("colspan") or 1) != 1:
        return ""
    heading = element_text(heads[index]).rstrip(": ")
    return f"{heading}: " if heading else ""


def _listed_urls(matches: Matches, base: str, body: Body | None) -> list[str]:
    urls: list[str] = []
    for el, _rule in matches.get("listing", ()):
        a = el if el.tag == "a" else next(el.iter("a"), None)
        if a is None or not a.get("href"):
            continue
        if any(p.tag in ("aside", "footer", "nav") for p in a.iterancestors()):
            continue
        url = urljoin(base, a.get("href"))
        if url not in urls:
            urls.append(url)
    return urls


def _next_page(matches: Matches, metadata: Metadata, base: str) -> str:
    if metadata.first_link("next"):
        return metadata.first_link("next")
    for el, _rule in matches.get("next_page", ()):
        a = el if el.tag == "a" else next(el.iter("a"), None)
        if a is not None and a.get("href"):
            return urljoin(base, a.get("href"))
    return ""


def _post(root: Any, page: Page, kind: str, classes: list[str], matches: Matches, body: Body | None,
          metadata: Metadata, profiles: ProfileSet, with_markdown: bool) -> Post:
    """The post a singular page shows: every field with its source; the cleaned body last."""
    base = page.url
    article = _article_of(body, root)
    scope = _scope_of(body, article, root)
    wp_id, id_source = wp_id_of(classes, article, metadata)
    post = Post(wp_id=wp_id or 0, type=_post_type(classes, kind), source="html",
                url=page.canonical or page.url)
    if id_source:
        post.field_sources["wp_id"] = "html"
        post.meta["wp_id_source"] = id_source
    post.slug = slug_from_url(post.url)
    post.title = _title(matches, scope, metadata, root)
    _class_fields(post, classes)
    for name in ("url", "slug", "title"):
        if getattr(post, name):
            post.field_sources[name] = "html"
    _dates(post, scope, metadata, body.element if body is not None else None)
    _author(post, scope, base, metadata,
            [el for el, rule in matches.get("remove", ()) if rule.kind == "author-box"])
    _terms(post, scope, article, base)
    featured = featured_images(matches, scope, root, metadata, base)
    _featured_image(post, featured)
    excerpt = metadata.meta.get("description") or metadata.meta.get("og:description", "")
    if excerpt:
        post.excerpt = excerpt
        post.field_sources["excerpt"] = "html"
    post.seo = _seo(metadata, page.url or post.url)
    if post.seo is not None:
        post.field_sources["seo"] = "html"
    post.comments = _comments(root, post.wp_id)
    if post.comments:
        post.field_sources["comments"] = "html"
    _page_links(post, scope, base, classes)
    _block_template(post, matches, body)
    if body is not None and _password_form(body.element) is not None:
        _protected(post, body)
    elif body is not None:
        _fill_body(post, body, matches, profiles, with_markdown)
    else:
        post.warnings.append("no post body found")
    _media(post, featured, body, kind, classes, base)
    return post


#: get_the_password_form() (wp-includes/post-template.php): the form WordPress prints in place
#: of a password-protected post's content.
_PASSWORD_ACTION = "action=postpass"
#: protected_title_format's default, "Protected: %s" (get_the_title()); English sites.
_PROTECTED_PREFIX = re.compile(r"^Protected:\s*")


def _password_form(body: Any) -> Any:
    for form in body.iter("form"):
        if "post-password-form" in (form.get("class") or "").split() or _PASSWORD_ACTION in (form.get("action") or ""):
            return form
    return None


def _protected(post: Post, body: Body) -> None:
    """A password-protected post: flagged, its title without WordPress's "Protected: " prefix,
    its body and comments withheld (as WordPress withholds them, and the WXR path by default)."""
    post.password_protected = True
    post.title = _PROTECTED_PREFIX.sub("", post.title)
    post.excerpt = ""
    post.comments = []
    post.content_html = post.content_text = post.content_markdown = ""
    post.meta["body_found_by"] = body.how
    for name in ("password_protected", "title", "content_html"):
        post.field_sources[name] = "html"
    post.field_sources.pop("comments", None)


_PAGE_NUMBER = re.compile(r"^(?:single|page)-paged-(\d+)$")


def _page_links(post: Post, scope: Any, base: str, classes: list[str]) -> None:
    """A post split with <!--nextpage-->: wp_link_pages() links its pages (``a.post-page-numbers``,
    the current one a ``span``). Noted for the caller, which fetches and joins them."""
    if scope is None:
        return
    links: list[str] = []
    for a in scope.iter("a"):
        if "post-page-numbers" in (a.get("class") or "").split() and a.get("href"):
            url = urljoin(base, a.get("href"))
            if url not in links:
                links.append(url)
    number = next((int(m.group(1)) for c in classes if (m := _PAGE_NUMBER.match(c))), 1)
    if links or number > 1:
        post.meta["page_links"] = links
        post.meta["page_number"] = number


def _block_template(post: Post, matches: Matches, body: Body | None) -> None:
    """The page is a block template: a profile's ``block_template`` marker that is not part of
    the post's own content (a query loop in a post may hold core/post-content blocks too).
    Its core/post-content prints no links to the pages of a post split with a classic
    <!--nextpage--> (Gutenberg #29484): noted (``meta["block_template"]``, the marker that
    said so) for the live migration, which then asks WordPress for page 2 itself."""
    holder = body.element if body is not None else None
    for el, rule in matches.get("block_template", ()):
        if holder is None or el is holder or not inside(el, holder):
            post.meta["block_template"] = f"profile:{rule.profile}:{rule.css}"
            return


def _fill_body(post: Post, body: Body, matches: Matches, profiles: ProfileSet, with_markdown: bool) -> None:
    removed = clean_body(body.element, matches, profiles)
    post.content_html = _inner_html(body.element)
    post.content_text = visible_text(post.content_html)
    post.meta["body_found_by"] = body.how
    if removed:
        post.meta["boilerplate_removed"] = sorted(set(removed))
    if with_markdown:
        try:
            from mwmigrate.convert.markdown import html_to_markdown

            post.content_markdown = html_to_markdown(post.content_html)
        except RecursionError:
            post.warnings.append("body too deeply nested for Markdown conversion")
    for name in ("content_html", "content_text") + (("content_markdown",) if with_markdown else ()):
        post.field_sources[name] = "html"


def _matched_profiles(matches: Matches) -> str:
    names = sorted({rule.profile for pairs in matches.values() for _el, rule in pairs})
    return ",".join(names)


_SINGULAR = ("single", "page", "front_page", "attachment")


def organisation_of_chrome(html: str, url: str = "", lang: str = "",
                           profiles: ProfileSet | None = None) -> Organisation:
    """What a piece of a site's chrome (a header, a footer: every text block and link in
    ``html`` counts, no post body is looked for) states about the site's owner."""
    profiles = profiles or load_profiles()
    root, _warnings = parse_html(f"<html><body>{html}</body></html>")
    return _organisation(root, None, profiles.index.scan(root), url, lang, Metadata(), profiles)


def _organisation(root: Any, body: Body | None, matches: Matches, base: str, lang: str,
                  metadata: Metadata, profiles: ProfileSet) -> Organisation:
    """The organisation the page states outside ``body`` (links made absolute on ``base``)."""
    feeds = frozenset(cls for cls, kind in profiles.widget_types.items() if kind in _FEED_WIDGETS)
    blocks, links = _org_blocks(root, body, matches, feeds)
    links = [(text, urljoin(base, href) if base and not href.startswith(("http:", "https:", "mailto:", "tel:")) else href)
             for text, href in links]
    org = extract_organisation(org_source_from(blocks, links, lang, base), metadata, profiles)
    if not org.name:
        named = next((el for el, _rule in matches.get("site_name", ())
                      if body is None or not inside(el, body.element)), None)
        org.name = element_text(named) if named is not None else ""
    return org


def extract_page(html: str | bytes, url: str = "", profiles: ProfileSet | None = None,
                 *, with_markdown: bool = True) -> Page:
    """Everything extraction learns from one rendered page. Never raises on bad HTML.

    ``profiles`` defaults to the built-in profiles (see :func:`load_profiles` to add a site
    profile). ``with_markdown=False`` skips the Markdown conversion (the slowest step).
    """
    profiles = profiles or load_profiles()
    root, warnings = parse_html(html)
    page = Page(url=url, warnings=warnings)
    try:
        _extract_into(page, root, profiles, with_markdown)
    except RecursionError:
        page.warnings.append("document too deeply nested; extraction stopped early")
    return page


def _extract_into(page: Page, root: Any, profiles: ProfileSet, with_markdown: bool) -> None:
    metadata = read_metadata(root, page.url)
    page.warnings.extend(metadata.warnings)
    base = page.url or metadata.first_link("canonical")
    page.canonical = metadata.first_link("canonical") or metadata.meta.get("og:url", "")
    page.generator = metadata.meta.get("generator", "")
    matches = profiles.index.scan(root)
    page.profile = _matched_profiles(matches)
    classes = _body_classes(root)
    body = choose_body(matches)
    has_article = body is not None or next(root.iter("article"), None) is not None
    page.page_type = page_type(classes, profiles, metadata, has_article)
    if body is None and page.page_type in _SINGULAR:
        body = empty_body(matches, root)
    if body is None and page.page_type in _SINGULAR + ("unknown",):
        body = score_body(root)
    page.menus = extract_menus(matches, base)
    page.sidebars = extract_sidebars(matches, profiles, base)
    page.organisation = _organisation(root, body if page.page_type in _SINGULAR + ("unknown",) else None,
                                      matches, base, metadata.lang, metadata, profiles)
    if page.page_type not in _SINGULAR:
        page.listed_urls = _listed_urls(matches, base, body)
    page.next_page = _next_page(matches, metadata, base)
    if page.page_type in _SINGULAR or (page.page_type == "unknown" and body is not None):
        page.post = _post(root, page, page.page_type, classes, matches, body, metadata, profiles, with_markdown)
    if page.page_type == "unknown":
        page.warnings.append("page type not recognised (no WordPress body classes or article metadata)")
    if page.post is not None:
        _people_and_terms(page, page.post)


def _people_and_terms(page: Page, post: Post) -> None:
    """Move what the page says of the author and terms from working meta into model objects."""
    author = post.meta.pop("author", None)
    if author:
        page.authors.append(Author(login=author["slug"] or post.author, display_name=author["name"],
                                   url=author["url"], source="html"))
    for term in post.meta.pop("terms", []):
        page.terms.append(Term(taxonomy=term["taxonomy"], slug=term["slug"], name=term["name"],
                               url=term["url"], source="html"))


def _seo(metadata: Metadata, url: str) -> Seo | None:
    """What the page's head tells search engines (whichever plugin, or none, printed it): its
    <title>, meta description, a canonical URL other than the page's (``url``, as fetched),
    and a robots noindex."""
    canonical = metadata.first_link("canonical")
    if canonical and url and canonical.rstrip("/") == url.rstrip("/"):
        canonical = ""  # (WordPress prints the page's own URL on every page)
    robots = metadata.meta.get("robots", "").lower()
    seo = Seo(plugin="", title=metadata.title, description=metadata.meta.get("description", ""),
              canonical=canonical, noindex="noindex" in robots.replace(" ", "").split(","))
    return seo if (seo.title or seo.description or seo.canonical or seo.noindex) else None
