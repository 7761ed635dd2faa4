"""Discovery through the WordPress REST API (``/wp/v2``): posts, pages, terms, users, media.

``discover_rest`` finds the API root (``Link: rel="https://api.w.org/"``, ``<link>``, then the
usual places, pretty ``/wp-json/`` or ``?rest_route=``) or says why there is none;
``RestSource`` pages through the collections and turns WordPress's JSON into model objects with
the pure ``*_from_rest`` functions. All fetching goes through ``fetch.Fetcher``.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from requests.utils import parse_header_links

from mwmigrate.errors import FetchError
from mwmigrate.fetch import FetchResult
from mwmigrate.model import Author, Media, Post, Site, Term
from mwmigrate.sources.wxr import decode_slug, iso_datetime

if TYPE_CHECKING:
    from mwmigrate.sources.journal import DiscoveryFetcher

log = logging.getLogger(__name__)

API_REL = "https://api.w.org/"
PER_PAGE = 100  # the REST API's maximum
_LINK_TAG = re.compile(
    r"""<link\b(?=[^>]*\brel=["']https://api\.w\.org/["'])[^>]*\bhref=["']([^"']+)["']""",
    re.IGNORECASE)

RestEntity = Site | Author | Term | Media | Post


@dataclass
class RestSettings:
    per_page: int = PER_PAGE
    max_pages: int = 1000  # per collection: a guard against a server that never ends
    params: dict[str, str] = field(default_factory=dict)  # added to every collection query
    collections: tuple[str, ...] = ("users", "categories", "tags", "media", "posts", "pages")


@dataclass(frozen=True)
class RestUnavailable:
    """Why the REST source cannot be used; the run reports it and falls back to other sources."""

    reason: str

    def __str__(self) -> str:
        return f"REST unavailable: {self.reason}"


class RestUnavailableError(FetchError):
    """The API refused a collection after it had been found (401/403/404, not JSON...)."""


@dataclass
class RestApi:
    """Where the API lives: ``root`` is ``…/wp-json/`` or ``…/?rest_route=/``."""

    root: str
    index: dict[str, Any] = field(default_factory=dict)

    @property
    def query_form(self) -> bool:
        return "rest_route=" in urlsplit(self.root).query

    def url(self, route: str, params: dict[str, Any] | None = None) -> str:
        """The URL of ``route`` (e.g. ``/wp/v2/posts``) with ``params``, in the root's form."""
        route = "/" + route.strip("/")
        query = dict(params or {})
        if self.query_form:
            parts = urlsplit(self.root)
            query = {"rest_route": route, **query}
            return urlunsplit((parts.scheme, parts.netloc, parts.path or "/",
                               urlencode(query, safe="/,"), ""))
        base = self.root if self.root.endswith("/") else self.root + "/"
        url = urljoin(base, route.lstrip("/"))
        return f"{url}?{urlencode(query, safe='/,')}" if query else url


# --- discovery -------------------------------------------------------------------------------

def api_root_from_page(result: FetchResult) -> str:
    """The API root a WordPress page advertises (Link header, then ``<link>``), or ""."""
    for header in (result.headers.get("Link", ""),):
        for link in parse_header_links(header) if header else []:
            if link.get("rel") == API_REL and link.get("url"):
                return urljoin(result.final_url or result.url, link["url"])
    match = _LINK_TAG.search(result.text[:200_000])
    if match:
        return urljoin(result.final_url or result.url, html.unescape(match.group(1)))
    return ""


def discover_rest(fetcher: DiscoveryFetcher, site_url: str) -> RestApi | RestUnavailable:
    """Find and check the API root of ``site_url``; ``RestUnavailable`` says why not."""
    home = fetcher.fetch(site_url)
    candidates = [api_root_from_page(home)] if home.ok else []
    base = site_url if site_url.endswith("/") else site_url + "/"
    candidates += [urljoin(base, "wp-json/"), urljoin(base, "?rest_route=/")]
    reasons: list[str] = []
    for root in dict.fromkeys(c for c in candidates if c):
        result = fetcher.fetch(root)
        why = _refusal(result)
        if why:
            reasons.append(f"{root}: {why}")
            continue
        index = json.loads(result.text)
        if "wp/v2" not in index.get("namespaces", []):
            reasons.append(f"{root}: the wp/v2 namespace is not offered")
            continue
        return RestApi(root=root, index=index)
    return RestUnavailable("; ".join(reasons) or "no API root found")


def _refusal(result: FetchResult) -> str:
    """Why a REST answer cannot be used ("" when it is JSON with a 2xx status)."""
    if result.status in (401, 403):
        return f"HTTP {result.status} (the API is restricted, e.g. by a security plugin)"
    if result.status == 404:
        return "HTTP 404 (the API is disabled or not at this address)"
    if not result.ok:
        return result.error or f"HTTP {result.status}"
    try:
        json.loads(result.text)
    except ValueError:
        return f"not JSON ({result.content_type or 'no content type'})"
    return ""


# --- collections -----------------------------------------------------------------------------

class RestSource:
    """Everything public the API lists, as model objects (``source="rest"``)."""

    def __init__(self, fetcher: DiscoveryFetcher, api: RestApi,
                 settings: RestSettings | None = None) -> None:
        self.fetcher, self.api = fetcher, api
        self.settings = settings or RestSettings()
        self.users: dict[int, Author] = {}
        self.terms: dict[int, Term] = {}  # categories and tags share one id space (term_id)
        self.media: dict[int, Media] = {}
        self.warnings: list[str] = []
        self.unread: set[str] = set()  # collections the API refused (so not listed in full)

    def collection(self, name: str) -> Iterator[dict[str, Any]]:
        """Every object of ``/wp/v2/<name>``, page by page (X-WP-TotalPages)."""
        page, total = 1, None
        while page <= (total or self.settings.max_pages):
            params = {**self.settings.params, "per_page": self.settings.per_page, "page": page}
            url = self.api.url(f"/wp/v2/{name}", params)
            result = self.fetcher.fetch(url)
            if page > 1 and result.status == 400 and "invalid_page_number" in result.text:
                return  # past the end: a server that sent no X-WP-TotalPages
            why = _refusal(result)
            if why:
                raise RestUnavailableError(why, url=url)
            items = json.loads(result.text)
            if not isinstance(items, list):
                raise RestUnavailableError("a collection that is not a JSON list", url=url)
            yield from items
            header = result.headers.get("X-WP-TotalPages", "")
            total = int(header) if header.isdigit() else total
            if not items or (total is None and len(items) < self.settings.per_page):
                return
            page += 1

    def site(self) -> Site:
        return site_from_rest(self.api.index)

    def __iter__(self) -> Iterator[RestEntity]:
        """Site, authors, terms, media, then posts and pages: each needs the ones before."""
        yield self.site()
        for name in self.settings.collections:
            try:
                yield from self._read(name)
            except RestUnavailableError as exc:
                if name in ("posts", "pages"):
                    raise
                self.unread.add(name)
                self.warnings.append(f"{name} not read from REST: {exc}")
                log.warning("%s not read from REST: %s", name, exc)

    def _read(self, name: str) -> Iterator[RestEntity]:
        if name == "users":
            for obj in self.collection(name):
                self.users[obj["id"]] = author = author_from_rest(obj)
                yield author
        elif name in ("categories", "tags"):
            objs = list(self.collection(name))
            ids = {o["id"]: decode_slug(o.get("slug", "")) for o in objs}
            for obj in objs:
                self.terms[obj["id"]] = term = term_from_rest(obj, ids)
                yield term
        elif name == "media":
            for obj in self.collection(name):
                self.media[obj["id"]] = item = media_from_rest(obj)
                yield item
        else:
            for obj in self.collection(name):
                yield post_from_rest(obj, self.users, self.terms, self.media)


# --- JSON -> model (pure) --------------------------------------------------------------------

def _rendered(value: Any) -> str:
    return value.get("rendered", "") if isinstance(value, dict) else str(value or "")


def _text(value: Any) -> str:
    return html.unescape(_rendered(value))


_ONE_P = re.compile(r"^\s*<p>(?P<inner>(?:(?!</?p[\s>]).)*)</p>\s*$", re.DOTALL)
_ATTACHMENT_P = re.compile(r"^\s*<p class=\"attachment\">.*?</p>\s*", re.DOTALL)


def unwrap_paragraph(rendered: str) -> str:
    """``<p>text</p>\\n`` (wpautop of a one-line field) back to ``text``."""
    match = _ONE_P.match(rendered)
    return match["inner"] if match else rendered.strip()


def rest_datetime(local: str | None, gmt: str | None) -> str:
    """REST's offset-less ``date`` + ``date_gmt`` -> ISO 8601 with the site's offset."""
    return iso_datetime((local or "").replace("T", " "), (gmt or "").replace("T", " "))


def _gmt(value: str | None) -> str:
    return rest_datetime(value, value) if value else ""


def site_from_rest(index: dict[str, Any]) -> Site:
    return Site(title=html.unescape(index.get("name", "")),
                description=html.unescape(index.get("description", "")),
                url=index.get("home", "") or index.get("url", ""),
                base_site_url=index.get("url", ""), base_blog_url=index.get("home", ""),
                source="rest")


def author_from_rest(obj: dict[str, Any]) -> Author:
    return Author(login=decode_slug(obj.get("slug", "")), display_name=html.unescape(obj.get("name", "")),
                  wp_id=obj.get("id"), url=obj.get("url", ""),
                  description=obj.get("description", ""), source="rest")


def term_from_rest(obj: dict[str, Any], slugs_by_id: dict[int, str]) -> Term:
    taxonomy = obj.get("taxonomy", "category")
    return Term(taxonomy=taxonomy, slug=decode_slug(obj.get("slug", "")),
                name=html.unescape(obj.get("name", "")), wp_id=obj.get("id"),
                parent=slugs_by_id.get(obj.get("parent") or 0, ""),
                description=obj.get("description", ""), url=obj.get("link", ""),
                count=obj.get("count"), source="rest",
                # (the meta registered for the REST API: a list when there is none)
                meta=obj["meta"] if isinstance(obj.get("meta"), dict) else {})


def media_from_rest(obj: dict[str, Any]) -> Media:
    details = obj.get("media_details") or {}
    sizes = details.get("sizes") or {}
    description = _ATTACHMENT_P.sub("", _rendered(obj.get("description")), count=1)
    return Media(
        wp_id=obj["id"], url=obj.get("source_url", ""), page_url=obj.get("link", ""),
        title=_text(obj.get("title")),
        slug=decode_slug(obj.get("slug", "")), mime_type=obj.get("mime_type", ""),
        parent=obj.get("post") or 0, alt=obj.get("alt_text", ""),
        caption=unwrap_paragraph(_rendered(obj.get("caption"))),
        description=unwrap_paragraph(description),
        date=rest_datetime(obj.get("date"), obj.get("date_gmt")),
        width=details.get("width") or None, height=details.get("height") or None,
        sizes={name: s["source_url"] for name, s in sorted(sizes.items())
               if name != "full" and isinstance(s, dict) and s.get("source_url")},
        source="rest")


def post_from_rest(obj: dict[str, Any], users: dict[int, Author] | None = None,
                   terms: dict[int, Term] | None = None,
                   media: dict[int, Media] | None = None) -> Post:
    """One post/page/CPT object of ``/wp/v2`` (context=view) as a ``Post``."""
    users, terms, media = users or {}, terms or {}, media or {}
    warnings: list[str] = []
    content = obj.get("content") or {}
    post = Post(
        wp_id=obj["id"], type=obj.get("type", "post"), status=obj.get("status", "publish"),
        slug=decode_slug(obj.get("slug", "")), title=_text(obj.get("title")),
        date=rest_datetime(obj.get("date"), obj.get("date_gmt")), date_gmt=_gmt(obj.get("date_gmt")),
        modified=rest_datetime(obj.get("modified"), obj.get("modified_gmt")),
        modified_gmt=_gmt(obj.get("modified_gmt")),
        parent=obj.get("parent") or 0, menu_order=obj.get("menu_order") or 0,
        url=obj.get("link", ""), guid=_rendered(obj.get("guid")),
        excerpt=unwrap_paragraph(_rendered(obj.get("excerpt"))),
        content_html=_rendered(content), sticky=bool(obj.get("sticky", False)),
        format=obj.get("format") or "standard",
        password_protected=bool(content.get("protected")) if isinstance(content, dict) else False,
        comment_status=obj.get("comment_status", ""),
        featured_media=obj.get("featured_media") or None,
        meta=obj["meta"] if isinstance(obj.get("meta"), dict) else {},
        source="rest", warnings=warnings)
    author = obj.get("author")
    embedded = (obj.get("_embedded") or {}).get("author") or [{}]
    post.author = users[author].login if author in users else decode_slug(embedded[0].get("slug", ""))
    if author and not post.author:
        warnings.append(f"author {author} unknown (users endpoint unavailable)")
    post.categories = _slugs(obj.get("categories"), terms, warnings)
    post.tags = _slugs(obj.get("tags"), terms, warnings)
    if post.featured_media in media:
        post.featured_image = media[post.featured_media].url
    return post


def _slugs(ids: Any, terms: dict[int, Term], warnings: list[str]) -> list[str]:
    slugs = []
    for term_id in ids or []:
        if term_id in terms:
            slugs.append(terms[term_id].slug)
        else:
            warnings.append(f"term {term_id} unknown")
    return slugs
