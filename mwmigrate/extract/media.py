"""Media as one rendered page shows them: each image of a post's body, its featured image and
an attachment page's own file is an ``ImageSeen`` (``media_catalog.MediaCatalog`` joins what
all the pages showed into one record per attachment).

Pure functions over parsed HTML (the extract stage); the live migration feeds the catalog.
The markup read is WordPress core's, as it prints it whatever the theme:
``wp-image-N`` (the editor's class on an inserted image), ``size-SIZE`` (its size, on the image
or on the block's figure), ``attachment-SIZE size-SIZE wp-post-image`` and ``srcset``
(wp_get_attachment_image(), get_the_post_thumbnail(), wp_calculate_image_srcset()), captions in
``figcaption`` (block editor, the HTML5 ``[caption]``) or ``.wp-caption-text`` (classic
``[caption]``, ``[gallery]``), ``rel="attachment wp-att-N"`` (a link to the attachment page),
``attachmentid-N`` (an attachment page's body class), ``p.attachment`` (prepend_attachment()).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html

from mwmigrate.extract.boilerplate import in_other_post, inside
from mwmigrate.extract.metadata import Metadata, jsonld_nodes
from mwmigrate.extract.profiles import Matches
from mwmigrate.sources.urls import mime_of

__all__ = ["ImageSeen", "attachment_images", "attachment_key", "best_url", "body_images",
           "choose_file", "featured_images", "file_key", "files_shown", "image_seen", "is_size_of",
           "mime_of", "parse_srcset", "size_label", "uploads_like"]

#: ``-300x200`` before the extension: an intermediate size (image_make_intermediate_size());
#: ``_c`` after it is the crop flag of theme resizers (Kallyas's) that name their copies alike.
_SIZE_SUFFIX = re.compile(r"-(\d+)x(\d+)(?:_[a-z])?(?=\.[A-Za-z0-9]+$)")
#: Exactly WordPress's own naming: the only files listed as the attachment's ``sizes``.
_WP_SIZE_SUFFIX = re.compile(r"-(\d+)x(\d+)(?=\.[A-Za-z0-9]+$)")
#: ``-scaled``/``-rotated``: the copy WordPress 5.3+ makes of a big or rotated upload, which
#: becomes the attachment's file (wp_create_image_subsizes()); the same attachment.
_FULL_SUFFIX = re.compile(r"-(?:scaled|rotated)(?=\.[A-Za-z0-9]+$)")
_WP_IMAGE = re.compile(r"^wp-image-(\d+)$")
_WP_ATT = re.compile(r"^wp-att-(\d+)$")
_SIZE_CLASS = re.compile(r"^(?:size|attachment)-([\w-]+)$")
_ATTACHMENT_ID = re.compile(r"^attachmentid-(\d+)$")
_OFFSET = re.compile(r"T\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)$")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$", re.IGNORECASE)
#: Where WordPress keeps uploads: wp-content/uploads, multisite's blogs.dir and ms-files
#: (/files/2020/01/), WordPress.com's files host.
_UPLOADS = re.compile(r"/wp-content/uploads/|/wp-content/blogs\.dir/|(?:^|/|\.)files[./]"
                      r"(?:[^/]+/)?\d{4}/\d{2}/")
#: Not media of the post: emoji and smilies, avatars, core's spacer images.
_NOT_MEDIA_CLASSES = frozenset(("emoji", "wp-smiley", "avatar", "avatar-default"))
_NOT_MEDIA_PATHS = ("/wp-includes/images/", "/wp-includes/js/", "gravatar.com/avatar",
                    "s.w.org/images/core/emoji")
#: Lazy-loading plugins move the file to these attributes (WP Rocket, a3, Smush, LiteSpeed).
_LAZY_SRC = ("data-lazy-src", "data-src", "data-orig-src")
_LAZY_SRCSET = ("data-lazy-srcset", "data-srcset")
#: Jetpack's carousel adds the attachment's facts to every image (jetpack/modules/carousel/
#: jetpack-carousel.php, add_data_to_images()).
_JETPACK = {"id": "data-attachment-id", "file": "data-orig-file", "size": "data-orig-size",
            "page": "data-permalink", "title": "data-image-title"}
#: Elements a featured image is not looked for in: other posts' thumbnails live there.
_NOT_FEATURED_KINDS = frozenset(("related", "sidebar", "navigation", "footer", "author-box",
                                 "share", "comments", "ads"))


@dataclass
class ImageSeen:
    """One image as one page shows it."""

    src: str  # absolute URL of the file shown (lazy-loading attributes resolved)
    role: str = "content"  # "content" (post body), "featured", "attachment" (its own page), "meta"
    wp_id: int = 0  # the attachment id the page states (0: none)
    alt: str | None = None  # None: no alt attribute at all
    caption: str = ""  # inner HTML of the image's caption
    width: int | None = None  # of ``src``, only when the markup states its real size
    height: int | None = None
    srcset: list[tuple[str, int]] = field(default_factory=list)  # (URL, width): same attachment
    size: str = ""  # the registered size ``src`` is ("medium", "full", "post-thumbnail"...)
    file: str = ""  # the full file, when the page links it (or Jetpack names it)
    file_width: int | None = None
    file_height: int | None = None
    page_url: str = ""  # the attachment page
    title: str = ""  # the attachment's title (its page, Jetpack)
    date: str = ""  # its date (its page)
    mime_type: str = ""


# --------------------------------------------------------------------------- URLs (pure)


def _url(value: str | None, base: str) -> str:
    value = (value or "").strip()
    if not value or value.startswith(("data:", "blob:", "javascript:")):
        return ""
    url = urljoin(base, value) if base else value
    return url.split("#", 1)[0] if url.startswith(("http://", "https://", "//")) else ""


def _split(url: str) -> tuple[str, str]:
    """(host + folder, file name) of ``url``: no scheme (pages mix http and https), no query."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    folder, _, name = path.rpartition("/")
    return f"{parts.netloc.lower()}{folder}/", name


def attachment_key(url: str) -> str:
    """What every file of one attachment shares: the URL without scheme, query, WordPress's
    size suffix (``-300x200``) and ``-scaled``/``-rotated``."""
    folder, name = _split(url)
    return folder + _FULL_SUFFIX.sub("", _SIZE_SUFFIX.sub("", name, count=1), count=1)


def file_key(url: str) -> str:
    folder, name = _split(url)
    return folder + name


def _size_of_name(url: str) -> tuple[int, int] | None:
    match = _SIZE_SUFFIX.search(_split(url)[1])
    return (int(match.group(1)), int(match.group(2))) if match else None


def size_label(url: str) -> str:
    """``300x200`` for a file named as WordPress names a size of an image, else ""."""
    match = _WP_SIZE_SUFFIX.search(_split(url)[1])
    return f"{match.group(1)}x{match.group(2)}" if match else ""


def is_size_of(other: str, url: str) -> bool:
    """``other`` is another file of the attachment whose file is ``url`` (one of its sizes)."""
    own = file_key(url)
    folder, name = _split(other)
    return file_key(other) != own and (
        folder + _SIZE_SUFFIX.sub("", name, count=1) == own  # x-1200x400-300x200.jpg
        or attachment_key(other) == attachment_key(url))


def uploads_like(url: str) -> bool:
    return bool(_UPLOADS.search(urlsplit(url).netloc + urlsplit(url).path))


def parse_srcset(value: str | None, base: str) -> list[tuple[str, int]]:
    """``url 300w, url 1024w`` -> [(absolute URL, 300), ...] (density descriptors skipped)."""
    found = []
    for candidate in re.split(r",\s+", (value or "").strip()):
        bits = candidate.split()
        if len(bits) == 2 and bits[1][:-1].isdigit() and bits[1].endswith("w"):
            url = _url(bits[0], base)
            if url:
                found.append((url, int(bits[1][:-1])))
    return found


def files_shown(seen: Iterable[ImageSeen]) -> dict[str, int | None]:
    """Files of one attachment shown -> their width when known."""
    found: dict[str, int | None] = {}

    def add(url: str, width: int | None) -> None:
        if url:
            found[url] = max(filter(None, (found.get(url), width)), default=None)

    for s in seen:
        add(s.src, s.width or next((w for u, w in s.srcset if u == s.src), None))
        for url, width in s.srcset:
            add(url, width)
        add(s.file, s.file_width)
    return found


def choose_file(candidates: dict[str, int | None]) -> str:
    keys = {file_key(u) for u in candidates}

    def rank(url: str) -> tuple[bool, int, bool, str]:
        folder, name = _split(url)
        original = folder + _SIZE_SUFFIX.sub("", name, count=1)
        is_size = original != folder + name
        return (is_size and original in keys, -(candidates[url] or 0), is_size, url)

    return min(candidates, key=rank) if candidates else ""


def best_url(seen: ImageSeen) -> str:
    """The attachment's own file among those the page shows: the linked original, else the
    largest file that is not a size of another file shown, else ``src``."""
    return choose_file(files_shown([seen]))


# --------------------------------------------------------------------------- one page (pure)


def _classes(el: Any) -> list[str]:
    return (el.get("class") or "").split()


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _inner_html(el: Any) -> str:
    text = (el.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    inner = text + "".join(lxml_html.tostring(c, encoding="unicode", with_tail=True) for c in el)
    return " ".join(inner.split())


def _src(img: Any, base: str) -> str:
    """The file shown: a lazy-loading plugin's attribute when there is one (``src`` is then
    its placeholder), else ``src``."""
    lazy = next((url for name in _LAZY_SRC if (url := _url(img.get(name), base))), "")
    return lazy or _url(img.get("src"), base)


def _figure_of(img: Any, stop: Any) -> Any:
    for anc in img.iterancestors():
        if anc is stop:
            return None
        if anc.tag == "figure" or {"wp-caption", "gallery-item"} & set(_classes(anc)):
            return anc
    return None


def _caption(figure: Any) -> str:
    if figure is None or sum(1 for _ in figure.iter("img")) != 1:
        return ""  # several images share it, or none: not this image's caption
    for el in figure.iter():
        if el is not figure and (el.tag == "figcaption" or {"wp-caption-text", "gallery-caption"}
                                 & set(_classes(el))):
            return _inner_html(el)
    return ""


def _size_name(img: Any, figure: Any) -> str:
    for el in (img, figure):
        for cls in _classes(el) if el is not None else ():
            match = _SIZE_CLASS.match(cls)
            if match:
                return match.group(1)
    return ""


def _reliable_size(img: Any, src: str, size: str, figure: Any) -> tuple[int, int] | None:
    """The ``width``/``height`` attributes when they are ``src``'s own size: a size's name
    states it; a full-size image may have been resized in the editor (``is-resized``)."""
    width, height = _int(img.get("width")), _int(img.get("height"))
    if not width or not height:
        return None
    named = _size_of_name(src)
    if named:
        return (width, height) if named == (width, height) else None
    resized = figure is not None and "is-resized" in _classes(figure)
    by_core = any(c.startswith("attachment-") for c in _classes(img))
    return (width, height) if (by_core or size == "full") and not resized else None


def _link(img: Any, stop: Any) -> Any:
    for anc in img.iterancestors():
        if anc is stop or anc.tag in ("figure", "p", "div", "li", "dt", "dd"):
            return None
        if anc.tag == "a":
            return anc
    return None


def image_seen(img: Any, base: str, role: str = "content", stop: Any = None) -> ImageSeen | None:
    """What one ``<img>`` says of its attachment; None for what is not media (emoji, avatars,
    spacers, data URIs)."""
    classes = _classes(img)
    src = _src(img, base)
    if not src or _NOT_MEDIA_CLASSES.intersection(classes):
        return None
    if any(p in src for p in _NOT_MEDIA_PATHS):
        return None
    figure = _figure_of(img, stop)
    seen = ImageSeen(src=src, role=role, alt=img.get("alt"), caption=_caption(figure),
                     size=_size_name(img, figure))
    seen.wp_id = next((int(m.group(1)) for c in classes if (m := _WP_IMAGE.match(c))), 0)
    seen.wp_id = seen.wp_id or _int(img.get(_JETPACK["id"])) or 0
    dims = _reliable_size(img, src, seen.size, figure)
    if dims:
        seen.width, seen.height = dims
    lazy = next((img.get(name) for name in _LAZY_SRCSET if img.get(name)), "")
    seen.srcset = parse_srcset(lazy or img.get("srcset"), base)
    _jetpack(seen, img, base)
    link = _link(img, stop)
    if link is not None:
        _linked(seen, link, base)
    return seen


def _jetpack(seen: ImageSeen, img: Any, base: str) -> None:
    orig = _url(img.get(_JETPACK["file"]), base)
    if orig and attachment_key(orig) == attachment_key(seen.src):
        seen.file = orig.split("?", 1)[0]  # Jetpack appends ?w=...
        size = (img.get(_JETPACK["size"]) or "").split(",")
        if len(size) == 2:
            seen.file_width, seen.file_height = _int(size[0]), _int(size[1])
    seen.page_url = _url(img.get(_JETPACK["page"]), base)
    seen.title = " ".join((img.get(_JETPACK["title"]) or "").split())


def _linked(seen: ImageSeen, link: Any, base: str) -> None:
    """A link around the image: to its file ("Link to: Media File"), to its attachment page
    (``rel="attachment wp-att-N"``), or elsewhere (ignored)."""
    href = _url(link.get("href"), base)
    rel = (link.get("rel") or "").split()
    same_file = href and attachment_key(href) == attachment_key(seen.src)
    if same_file and _IMAGE_FILE.search(urlsplit(href).path):
        seen.file = seen.file or href
    elif href and "attachment" in rel:
        seen.page_url = seen.page_url or href
        att = next((int(m.group(1)) for r in rel if (m := _WP_ATT.match(r))), 0)
        seen.wp_id = seen.wp_id or att


def body_images(body: Any, base: str) -> list[ImageSeen]:
    """The images of a post's (cleaned) body, in document order. The same file shown twice
    is two sightings (each with its own caption), unless they say exactly the same."""
    found: list[ImageSeen] = []
    for img in body.iter("img"):
        seen = image_seen(img, base, "content", stop=body)
        if seen is not None and seen not in found:  # e.g. <noscript> copies of lazy images
            found.append(seen)
    return found


def _excluded(matches: Matches) -> list[Any]:
    return [el for el, rule in matches.get("remove", ()) if rule.kind in _NOT_FEATURED_KINDS]


def _theme_thumbnails(matches: Matches, scope: Any, root: Any) -> Iterator[tuple[Any, bool]]:
    """The theme's post thumbnail: the profiles' featured-image elements, then any
    ``img.wp-post-image`` (get_the_post_thumbnail()) in the post's scope; each with whether
    its rule says the theme prints it outside the post's article (kind "header": Twenty
    Seventeen's and Twenty Nineteen's header.php)."""
    for el, rule in matches.get("featured_image", ()):
        yield el, rule.kind == "header"
    for img in (scope if scope is not None else root).iter("img"):
        if "wp-post-image" in _classes(img):
            yield img, False


def _from_element(el: Any, base: str) -> ImageSeen | None:
    img = el if el.tag == "img" else next(el.iter("img"), None)
    seen = image_seen(img, base, "featured", stop=el) if img is not None else None
    href = _url(el.get("href"), base) if el.tag == "a" else ""
    if href and _IMAGE_FILE.search(urlsplit(href).path):
        if seen is None:
            return ImageSeen(src=href, role="featured")
        if attachment_key(href) == attachment_key(seen.src):
            seen.file = seen.file or href
    return seen


def _ld_image(md: Metadata, base: str) -> list[ImageSeen]:
    """The Article's (or WebPage's) ``image`` in JSON-LD: a URL, an ImageObject, or an ``@id``
    pointing at one (Yoast's ``#primaryimage``)."""
    by_id = {str(n.get("@id")): n for n in jsonld_nodes(md, "ImageObject") if n.get("@id")}
    found: list[ImageSeen] = []
    for node in jsonld_nodes(md, "Article", "BlogPosting", "NewsArticle", "WebPage"):
        image = node.get("image") or node.get("primaryImageOfPage")
        for item in image if isinstance(image, list) else [image]:
            if isinstance(item, dict) and "@id" in item and len(item) == 1:
                item = by_id.get(str(item["@id"]), {})
            seen = _image_object(item, base)
            if seen is not None:
                found.append(seen)
    for key, node in by_id.items():
        if key.endswith("#primaryimage"):
            seen = _image_object(node, base)
            if seen is not None:
                found.append(seen)
    return found


def _image_object(item: Any, base: str) -> ImageSeen | None:
    if isinstance(item, str):
        url = _url(item, base)
        return ImageSeen(src=url, role="meta") if url else None
    if not isinstance(item, dict):
        return None
    url = _url(str(item.get("contentUrl") or item.get("url") or ""), base)
    if not url:
        return None
    seen = ImageSeen(src=url, role="meta", caption=str(item.get("caption") or "").strip())
    width, height = _int(str(item.get("width", ""))), _int(str(item.get("height", "")))
    if width and height:
        seen.width, seen.height = width, height
    return seen


def _og_image(md: Metadata, base: str) -> ImageSeen | None:
    url = _url(md.meta.get("og:image:secure_url") or md.meta.get("og:image"), base)
    if not url:
        return None
    seen = ImageSeen(src=url, role="meta", alt=md.meta.get("og:image:alt"))
    width, height = _int(md.meta.get("og:image:width")), _int(md.meta.get("og:image:height"))
    if width and height:
        seen.width, seen.height = width, height
    return seen


def featured_images(matches: Matches, scope: Any, root: Any, metadata: Metadata,
                    base: str) -> list[ImageSeen]:
    """The post's featured image as the page shows it (the first item, role ``featured``),
    then the images its metadata names (JSON-LD, OpenGraph; role ``meta``).

    The theme's thumbnail comes first; else JSON-LD's image (Yoast's primary image). OpenGraph
    is only a record's source: plugins fall back to the first body image, or a site default.
    """
    skip = _excluded(matches)
    featured: ImageSeen | None = None
    for el, outside in _theme_thumbnails(matches, scope, root):
        if scope is not None and not inside(el, scope) and not outside:
            continue
        if any(inside(el, x) for x in skip):
            continue
        if any(a.tag in ("aside", "nav") for a in el.iterancestors()):
            continue
        if scope is not None and in_other_post(el, scope):
            continue
        featured = _from_element(el, base)
        if featured is not None:
            break
    meta = _ld_image(metadata, base)
    og = _og_image(metadata, base)
    if featured is None and meta:
        featured = replace(meta[0], role="featured")
    found: list[ImageSeen] = []
    for seen in ([featured] if featured else []) + meta + ([og] if og else []):
        if seen not in found:  # Yoast names its #primaryimage two or three times
            found.append(seen)
    return found


def attachment_images(body: Any, base: str, classes: list[str], url: str, title: str,
                      date: str) -> list[ImageSeen]:
    """An attachment page: its file (the image the template shows, or the link
    prepend_attachment() prints for other files), with the id, title and type the page states."""
    wp_id = next((int(m.group(1)) for c in classes if (m := _ATTACHMENT_ID.match(c))), 0)
    seen = body_images(body, base)[:1]
    if not seen:  # a PDF, a video...: prepend_attachment()'s <p class="attachment"><a href>
        href = next((_url(a.get("href"), base) for p in body.iter("p")
                     if "attachment" in _classes(p) for a in p.iter("a")), "")
        if not href or "." not in urlsplit(href).path.rsplit("/", 1)[-1]:
            return []
        seen = [ImageSeen(src=href, file=href)]
    own = seen[0]
    own.role, own.wp_id, own.page_url, own.title = "attachment", wp_id, url, title
    own.date = date if _OFFSET.search(date) else ""  # the records state times with their offset
    own.mime_type = mime_of(best_url(own))
    return [own]
