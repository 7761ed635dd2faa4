"""The migration of a live WordPress site, as a library call: site URL -> archive on disk.

Wires discovery (sources.rest, sitemap, feed, crawl) -> fetch -> extract -> archive.builder, so
the archive has the WXR path's layout and records. Every published post and page is fetched as
HTML; REST, when on, is the ground truth for the body and the post's fields, HTML fills the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, available_timezones

from tqdm import tqdm

from mwmigrate.archive.builder import ArchiveBuilder, BuildResult, LayoutOptions, status_filter
from mwmigrate.archive.media import MediaDownloader
from mwmigrate.archive.redirects import Redirect
from mwmigrate.archive.writer import ArchiveWriter
from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.render import count_pages
from mwmigrate.errors import FetchError
from mwmigrate.extract import extract_page, load_profiles
from mwmigrate.extract.boilerplate import clean_body
from mwmigrate.extract.listing import read_listing
from mwmigrate.extract.media import ImageSeen
from mwmigrate.extract.media_catalog import MediaCatalog
from mwmigrate.extract.metadata import jsonld_nodes, read_metadata
from mwmigrate.extract.page import parse_html
from mwmigrate.extract.profiles import ProfileSet
from mwmigrate.fetch import Fetcher, FetchResult, FetchSettings
from mwmigrate.model import Author, Media, Menu, Organisation, Page, Post, Site, Term, WidgetArea
from mwmigrate.sources.crawl import HTML_TYPES, Crawler, CrawlSettings
from mwmigrate.sources.feed import FeedReport, iter_feed
from mwmigrate.sources.journal import (
    DiscoveryFetcher,
    DiscoveryJournal,
    JournalledFetcher,
    fingerprint,
    journal_path,
)
from mwmigrate.sources.rest import RestSource, RestUnavailable, discover_rest
from mwmigrate.sources.sitemap import SitemapReport, iter_sitemap_urls
from mwmigrate.sources.urls import in_scope, normalize_url
from mwmigrate.textmetrics import visible_text

log = logging.getLogger(__name__)

SOURCES = ("rest", "sitemaps", "feed", "crawl")
_SINGULAR = ("single", "page", "front_page")
#: Post fields REST states with authority; the HTML page fills everything else.
REST_FIELDS = ("wp_id", "type", "status", "slug", "title", "date", "date_gmt", "modified",
               "modified_gmt", "author", "categories", "tags", "parent", "menu_order", "guid",
               "excerpt", "sticky", "format", "password_protected", "comment_status",
               "featured_media", "meta")
#: Extraction's working notes in ``Post.meta``: diagnostics, not custom fields.
_EXTRACT_NOTES = ("wp_id_source", "body_found_by", "boilerplate_removed", "page_links",
                  "page_number", "media", "block_template")
#: Pages of one post asked for by probing, at most (a site answering every /N/ differently
#: would otherwise be asked forever).
MAX_PROBED_PAGES = 100
_REDIRECTS = (301, 302, 303, 307, 308)
_NEXTPAGE = "<!--nextpage-->"
#: Pages joined as wpautop() renders a classic post's <!--nextpage--> line (REST's rendering).
_NEXTPAGE_JOIN = f"\n<p>{_NEXTPAGE}</p>\n"
_NEXTPAGE_HOLD = "<mwmigrate-nextpage></mwmigrate-nextpage>"  # an element cleaning keeps
_UNREACHABLE = re.compile(r"((?:connection failed|timed out|gave up).*?)(?:\): the site asks.*)?$")
_ELLIPSIS = re.compile(r"\s*(\[\s*(…|&hellip;|\.\.\.)\s*\]|…|\.\.\.)\s*$")


@dataclass
class LiveOptions:
    rest: bool = True
    sitemaps: bool = True
    feed: bool = True
    crawl: bool = True
    max_pages: int = 10_000  # HTML pages fetched, all sources together
    flavour: Literal["hugo", "jekyll"] = "hugo"
    permalinks: Literal["keep", "clean"] = "keep"
    download_media: bool = False
    profile: Path | None = None  # a site profile (TOML) for an unknown theme
    #: Ask for page 2, 3... of posts a block theme shows without page links (and REST did not
    #: give): only such posts are probed, so a classic theme's site costs nothing more.
    probe_pages: bool = True
    fetch: FetchSettings = field(default_factory=FetchSettings)
    progress: bool | None = None  # None: a bar when stderr is a terminal

    def layout(self) -> LayoutOptions:
        return LayoutOptions(flavour=self.flavour, permalinks=self.permalinks)

    def recorded(self) -> dict[str, Any]:
        """The options as the manifest records them (what changes the archive)."""
        return {"flavour": self.flavour, "permalinks": self.permalinks,
                "sources": [s for s in SOURCES if getattr(self, s)],
                "max_pages": self.max_pages, "obey_robots": self.fetch.obey_robots,
                "download_media": self.download_media, "probe_pages": self.probe_pages,
                "profile": self.profile.name if self.profile else None}


@dataclass
class LiveResult(BuildResult):
    """What was written, plus what the run fetched, could not fetch and left out."""

    fetched: int = 0  # HTML pages
    from_cache: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    skipped_urls: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    sources_used: list[str] = field(default_factory=list)
    sources_unavailable: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    probed_posts: int = 0  # posts shown without page links whose page 2.. was asked for
    probes: int = 0  # URLs of such pages asked for (answered by the server, cache or journal)
    probe_requests: int = 0  # ...as HTTP requests (a redirect back to page 1 is not followed)
    found_by_probing: int = 0  # of the probed posts, those split into pages


# --------------------------------------------------------------------------- merging (pure)


def clean_fragment(markup: str, profiles: ProfileSet) -> str:
    """A post body from REST cleaned and serialised exactly as extraction does a page's body,
    so the same rendering gives the same ``content_html`` whichever source it came from.
    WordPress's <!--nextpage--> markers are kept (cleaning drops comments), as the pages of
    a post joined from HTML and the WXR path keep them."""
    markup = markup.replace(_NEXTPAGE, _NEXTPAGE_HOLD)
    root, _ = parse_html(f"<html><body><div>{markup}</div></body></html>")
    holder = root.find("body")[0]
    clean_body(holder, profiles.index.scan(root), profiles)
    from lxml import html as lxml_html

    text = (holder.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = (text + "".join(lxml_html.tostring(c, encoding="unicode") for c in holder)).strip()
    return out.replace(_NEXTPAGE_HOLD, _NEXTPAGE)


def manual_excerpt(excerpt: str, content_text: str, *, lead: int = 12) -> str:
    """``excerpt`` unless it is WordPress's (or an SEO plugin's) automatic one: the body's
    words in order (captions left out), maybe cut with an ellipsis, or at least its first
    ``lead`` words (a form or widget rendered in the body adds words the cleaned body lacks).
    WXR keeps only a hand-written excerpt, so the live records do the same."""
    words = _ELLIPSIS.sub("", visible_text(excerpt)).split()
    body = iter(content_text.split())
    for n, word in enumerate(words):
        last = n == len(words) - 1
        if not any(w == word or (last and w.startswith(word)) for w in body):
            return "" if n >= lead else excerpt
    return ""


def site_zones(stamps: Iterable[str], limit: int = 500) -> list[ZoneInfo]:
    """Time zones agreeing with every local time the pages state (a non-UTC offset is local)."""
    seen: dict[datetime, timedelta] = {}
    for stamp in stamps:
        when = _aware(stamp)
        if when is not None and when.utcoffset() and len(seen) < limit:
            seen[when] = when.utcoffset()  # type: ignore[assignment]
    if not seen:
        return []
    zones = []
    for name in sorted(available_timezones()):
        zone = ZoneInfo(name)
        if all(when.astimezone(zone).utcoffset() == offset for when, offset in seen.items()):
            zones.append(zone)
    return zones


def localise(stamp: str, zones: list[ZoneInfo]) -> str:
    """``stamp`` in the site's local time when every candidate zone agrees on it (Yoast states
    times in UTC; WordPress's own records are local)."""
    when = _aware(stamp)
    if when is None or not zones:
        return stamp
    local = {when.astimezone(zone).isoformat() for zone in zones}
    return local.pop() if len(local) == 1 else stamp


def _aware(stamp: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None
    return when if when is not None and when.tzinfo is not None else None


def later_page_url(permalink: str, number: int, *, front_page: bool = False) -> str:
    """Page ``number`` of a post split with <!--nextpage-->, as WordPress's _wp_link_page()
    makes it from the permalink: ``<permalink>/N/`` (with the trailing slash only when the
    permalink has one: ``user_trailingslashit``), ``&page=N`` on a plain permalink (``?p=123``,
    ``?page_id=7``). A static front page's is ``/page/N/``, or ``/?page=N`` without pretty
    permalinks; ``?page=N`` is asked there, which WordPress redirects to the pretty form."""
    parts = urlsplit(permalink)
    if parts.query or front_page:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
        return urlunsplit(parts._replace(query=urlencode([*query, ("page", str(number))]),
                                         fragment=""))
    path = parts.path or "/"
    slash = "/" if path.endswith("/") else ""
    return urlunsplit(parts._replace(path=f"{path.rstrip('/')}/{number}{slash}", fragment=""))


@dataclass
class PageProbe:
    """One post shown without page links: what probing its later pages has found so far."""

    url: str  # where page 1 was fetched (normalised): the permalink probed from
    page1: frozenset[str]  # page 1's URLs (fetched, canonical): a redirect there ends it
    wp_id: int
    front_page: bool = False
    seen: set[str] = field(default_factory=set)  # each page's body, to notice a repeat
    found: list[tuple[str, str]] = field(default_factory=list)  # (URL, body) of pages 2..
    warning: str = ""


def body_key(content_html: str) -> str:
    """What two pages of a post must not share: the visible text (the markup when a page
    has none, an image alone)."""
    return " ".join(visible_text(content_html).split()) or content_html.strip()


def merge_post(html: Post | None, rest: Post | None, profiles: ProfileSet,
               zones: list[ZoneInfo] | None = None) -> Post:
    """One record from a post's REST object and its rendered page; each field's origin noted.
    ``zones``: the site's candidate time zones, to state the page's UTC times locally."""
    base = html or rest
    assert base is not None
    post = Post(wp_id=base.wp_id, source="rest" if rest else "html")
    sources: dict[str, Any] = dict(html.field_sources) if html else {}
    if html:
        for name in REST_FIELDS + ("featured_image", "comments", "url", "seo"):
            setattr(post, name, getattr(html, name))
        post.meta = {k: v for k, v in html.meta.items() if k not in _EXTRACT_NOTES}
        post.warnings = [w for w in html.warnings if not (rest and w == "no post body found")]
        post.content_html = html.content_html
        post.pages = html.pages
        post.date, post.modified = (localise(post.date, zones or []),
                                    localise(post.modified, zones or []))
    if rest:
        for name in REST_FIELDS:
            setattr(post, name, getattr(rest, name))
            sources[name] = "rest"
        if rest.featured_image:
            post.featured_image = rest.featured_image
            sources["featured_image"] = "rest"
        post.url = post.url or rest.url
        post.warnings = rest.warnings + post.warnings
        body = clean_fragment(rest.content_html, profiles)
        if (html is not None and not rest.password_protected and not body_key(body)
                and body_key(html.content_html)):
            # REST's body is the_content. A theme that prints the page from elsewhere (custom
            # fields, a page builder's own data) shows a body REST has not: the page's is kept.
            post.warnings.append("REST gives no body, the page shows one (printed by the theme "
                                 "from custom fields or a page builder's data): the page's is kept")
            sources["content_html"] = "html"
        else:
            post.content_html = body
            post.pages = count_pages(rest.content_html)
            sources["content_html"] = "rest"
    post.content_text = visible_text(post.content_html)
    post.content_markdown = html_to_markdown(post.content_html)
    excerpt = manual_excerpt(post.excerpt, post.content_text)
    if excerpt != post.excerpt:
        post.excerpt = ""
        sources.pop("excerpt", None)
    for name in ("content_markdown", "content_text"):
        sources[name] = sources.get("content_html", "html")
    post.field_sources = dict(sorted(sources.items()))
    return post


# --------------------------------------------------------------------------- site-wide parts


class SiteVotes:
    """The site's widget areas, menus and organisation: each one as most pages show it."""

    def __init__(self) -> None:
        self.areas: dict[str, Counter[str]] = {}
        self.menus: dict[str, Counter[str]] = {}
        self.orgs: Counter[str] = Counter()
        self.examples: dict[str, Any] = {}
        self.home_order: list[str] = []
        self.terms: dict[tuple[str, str], Term] = {}
        self.authors: dict[str, Author] = {}

    def _vote(self, counter: Counter[str], obj: Any) -> str:
        key = json.dumps(asdict(obj), sort_keys=True, ensure_ascii=False)
        counter[key] += 1
        self.examples.setdefault(key, obj)
        return key

    def add(self, page: Page, *, home: bool = False) -> None:
        for area in page.sidebars:
            self._vote(self.areas.setdefault(area.name, Counter()), area)
        for menu in page.menus:
            menu.source = "html"
            self._vote(self.menus.setdefault(menu.slug, Counter()), menu)
        if page.organisation and any(asdict(page.organisation).values()):
            self._vote(self.orgs, page.organisation)
        if home:
            self.home_order = [a.name for a in page.sidebars]
        for term in page.terms:
            known = self.terms.setdefault((term.taxonomy, term.slug), term)
            known.name, known.url = known.name or term.name, known.url or term.url
        for author in page.authors:
            self.authors.setdefault(author.login, author)

    def _winner(self, counter: Counter[str]) -> Any:
        return self.examples[min(counter, key=lambda k: (-counter[k], k))]

    def sidebars(self) -> list[WidgetArea]:
        names = sorted(self.areas, key=lambda n: (n not in self.home_order,
                                                  self.home_order.index(n) if n in self.home_order
                                                  else 0, -sum(self.areas[n].values()), n))
        return [self._winner(self.areas[n]) for n in names]

    def site_menus(self) -> list[Menu]:
        return [self._winner(self.menus[slug]) for slug in sorted(self.menus)]

    def organisation(self) -> Organisation | None:
        """The most common; its empty fields filled from the others, most common first."""
        if not self.orgs:
            return None
        ranked = sorted(self.orgs, key=lambda k: (-self.orgs[k], k))
        org = Organisation(**{k: v for k, v in vars(self.examples[ranked[0]]).items()})
        for key in ranked[1:]:
            for name, value in vars(self.examples[key]).items():
                if value and not getattr(org, name):
                    setattr(org, name, value)
        return org


def site_from_home(home: FetchResult, site_url: str) -> Site:
    """What the home page says of the site: name, tagline, language, generator."""
    root, _ = parse_html(home.text)
    md = read_metadata(root, home.final_url or home.url)
    website = (jsonld_nodes(md, "WebSite") or [{}])[0]
    title = str(website.get("name") or md.meta.get("og:site_name") or md.title)
    return Site(title=title, url=site_url, description=str(website.get("description") or ""),
                language=md.lang, base_site_url=site_url, base_blog_url=site_url,
                generator=md.meta.get("generator", ""), source="html")


# --------------------------------------------------------------------------- the spool


class Spool:
    """Posts found so far, on disk (SQLite in a temporary folder), never the whole site in memory."""

    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "spool.sqlite")
        self.db.execute("CREATE TABLE html (url TEXT PRIMARY KEY, wp_id INT, canonical TEXT,"
                        " type TEXT, slug TEXT, title TEXT, parent INT, date TEXT, modified TEXT, post BLOB)")
        self.db.execute("CREATE TABLE rest (wp_id INT PRIMARY KEY, url TEXT, type TEXT,"
                        " slug TEXT, title TEXT, parent INT, post BLOB)")

    def add_html(self, url: str, canonical: str, post: Post) -> None:
        self.db.execute("INSERT OR IGNORE INTO html VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (url, post.wp_id, canonical, post.type, post.slug, post.title,
                         post.parent, post.date, post.modified, pickle.dumps(post)))

    def html_dates(self) -> Iterator[str]:
        for date, modified in self.db.execute("SELECT date, modified FROM html"):
            yield from (date, modified)

    def add_rest(self, post: Post) -> None:
        self.db.execute("INSERT OR IGNORE INTO rest VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (post.wp_id, normalize_url(post.url), post.type, post.slug, post.title,
                         post.parent, pickle.dumps(post)))

    def pairs(self) -> list[tuple[str, int, str, int | None, str | None]]:
        """(type, wp_id, url, rest id, html url) of every post, in archive order; a post
        reached under several URLs once (its canonical URL first)."""
        rest_urls = dict(self.db.execute("SELECT url, wp_id FROM rest"))
        rows: dict[Any, tuple[str, int, str, int | None, str | None]] = {}
        for url, wp_id, canonical, kind in self.db.execute(
                "SELECT url, wp_id, canonical, type FROM html ORDER BY url != canonical, url"):
            rid = wp_id if wp_id and self._has_rest(wp_id) else rest_urls.get(url)
            key = ("id", rid or wp_id) if (rid or wp_id) else ("url", url)
            rows.setdefault(key, (kind, rid or wp_id, url, rid, url))
        for wp_id, url, kind in self.db.execute("SELECT wp_id, url, type FROM rest"):
            rows.setdefault(("id", wp_id), (kind, wp_id, url, wp_id, None))
        return sorted(rows.values(), key=lambda r: (r[0], r[1], r[2]))

    def _has_rest(self, wp_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM rest WHERE wp_id=?", (wp_id,)).fetchone() is not None

    def directory(self) -> dict[int, tuple[str, str, str, int]]:
        found = {r[0]: tuple(r[1:]) for r in self.db.execute(
            "SELECT wp_id, type, slug, title, parent FROM html WHERE wp_id != 0")}
        found.update({r[0]: tuple(r[1:]) for r in self.db.execute(
            "SELECT wp_id, type, slug, title, parent FROM rest")})
        return found  # type: ignore[return-value]

    def replace_html(self, url: str, post: Post) -> None:
        self.db.execute("UPDATE html SET post=? WHERE url=?", (pickle.dumps(post), url))

    def html_post(self, url: str) -> Post:
        return pickle.loads(self.db.execute("SELECT post FROM html WHERE url=?", (url,)).fetchone()[0])

    def rest_post(self, wp_id: int) -> Post:
        return pickle.loads(self.db.execute("SELECT post FROM rest WHERE wp_id=?", (wp_id,)).fetchone()[0])

    def close(self) -> None:
        self.db.close()


# --------------------------------------------------------------------------- the migration


class LiveMigration:
    def __init__(self, url: str, out: str | Path, options: LiveOptions) -> None:
        self.site_url = normalize_url(url)
        if not self.site_url:
            raise FetchError("not an http(s) URL", url=url)
        self.options = options
        self.result = LiveResult(out=Path(out))
        self.profiles = load_profiles(options.profile)
        self.votes = SiteVotes()
        self.wanted: Callable[[Post], bool] = status_filter(
            self.result, include_drafts=False, include_private=False)
        self.candidates: set[str] = set()
        self.done: set[str] = set()  # requested and final URLs of the pages fetched
        self.redirected: dict[str, set[str]] = {}  # final URL -> URLs that redirected to it
        self.in_source: Counter[str] = Counter()
        self.rest: RestSource | None = None
        self.rest_site: Site | None = None
        self.home_site = Site()
        self.resume = False
        self.journal: DiscoveryJournal | None = None
        self.paginated: list[str] = []  # spooled posts split with <!--nextpage-->
        self.unlinked: dict[str, bool] = {}  # block-theme page 1s without page links -> front page?
        self.later_pages: dict[str, str] = {}  # URL of a post's page 2.. -> its body
        self.sticky: set[int] = set()  # post_class "sticky" on the blog home
        self.excerpts: dict[int, str] = {}  # the_excerpt() as archives print it
        self.author_names: dict[str, set[str]] = {}  # display name -> author slugs (author archives)
        self.images: list[tuple[str, list[ImageSeen]]] = []  # (page URL, the media it shows)

    def run(self) -> LiveResult:
        started = time.monotonic()
        show = self.options.progress if self.options.progress is not None else sys.stderr.isatty()
        with Fetcher(self.options.fetch) as self.fetcher, \
                tempfile.TemporaryDirectory(prefix=self._spool_prefix(),
                                            dir=self._spool_parent()) as tmp, \
                tqdm(disable=not show, unit="page", desc="fetching") as self.bar:
            self.spool = Spool(Path(tmp))
            try:
                marker = self._resume_marker()
                self.discovery = self._discovery_fetcher()
                self._take(self._reach(), home=True)
                self._discover()
                self._fetch_candidates()
                self._probe_pages()
                self._join_pages()
                self.bar.close()
                self._write()
            finally:
                self.spool.close()
                if self.journal is not None:
                    self.journal.close()
        if self.journal is not None:
            self.journal.discard()  # finished: the next run asks the server afresh
        if marker:
            marker.unlink(missing_ok=True)
        self.result.seconds = time.monotonic() - started
        return self.result

    def _spool_prefix(self) -> str:
        return f"spool-{hashlib.sha256(self.site_url.encode()).hexdigest()[:12]}-"

    def _spool_parent(self) -> Path | None:
        """The cache folder when there is one: a run killed before it could remove its spool
        leaves it where the next run of the same site finds and removes it (not in $TMPDIR)."""
        cache = self.options.fetch.cache_dir
        if not cache:
            return None
        Path(cache).mkdir(parents=True, exist_ok=True)
        for stale in Path(cache).glob(self._spool_prefix() + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        return Path(cache)

    def _resume_marker(self) -> Path | None:
        """A file in the cache while a run is unfinished: the next run serves what the cache
        holds without asking the server again (an interrupted migration resumes)."""
        cache = self.options.fetch.cache_dir
        if not cache:
            return None
        Path(cache).mkdir(parents=True, exist_ok=True)
        marker = Path(cache) / f"live-{hashlib.sha256(self.site_url.encode()).hexdigest()[:12]}.unfinished"
        self.resume = marker.exists()
        marker.touch()
        return marker

    def _discovery_fetcher(self) -> DiscoveryFetcher:
        """The fetcher of REST, sitemaps and feed: journalled in the cache folder, so a resumed
        run replays what the interrupted run got instead of asking the server again."""
        cache = self.options.fetch.cache_dir
        if not cache:
            return self.fetcher
        self.journal = DiscoveryJournal(
            journal_path(Path(cache), self.site_url),
            fingerprint(self.site_url, self.options.recorded()), resume=self.resume)
        if self.journal.resumed:
            log.info("resuming discovery: %d answers journalled", self.journal.kept)
        return JournalledFetcher(self.fetcher, self.journal)

    def _reach(self) -> FetchResult:
        home = self.fetcher.fetch(self.site_url)
        if home.ok:
            self.home_site = site_from_home(home, self.site_url.rstrip("/"))
            return home
        why = home.error or f"HTTP {home.status}"
        unreachable = _UNREACHABLE.search(why)  # robots.txt is asked first: it met the failure
        if home.status is None and unreachable:
            why = f"the site cannot be reached: {unreachable.group(1)}"
        elif "robots.txt" in why:
            raise FetchError(why, url=self.site_url, hint="pass --ignore-robots to override")
        raise FetchError(why, url=self.site_url, status=home.status,
                         hint="check the address and that the site is up")

    # ---------------------------------------------------------------- discovery

    def _discover(self) -> None:
        for name in SOURCES:
            if not getattr(self.options, name):
                self.result.sources_unavailable[name] = f"turned off (--no-{name})"
                continue
            why = getattr(self, f"_from_{name}")()
            if why:
                self.result.sources_unavailable[name] = why
                log.info("%s not used: %s", name, why)
            else:
                self.result.sources_used.append(name)

    def _candidate(self, url: str) -> None:
        found = normalize_url(url)
        if found and in_scope(found, self.site_url):
            self.candidates.add(found)
        elif found:
            self.result.skipped_urls.append((url, "outside the site"))

    def _home_path(self) -> str:
        """The old site's home path: REST's ``home`` when REST answered (the URL given may be
        another page of the site), else the URL given."""
        home = self.rest_site.url if self.rest_site is not None and self.rest_site.url else ""
        return urlsplit(home or self.site_url).path

    def _from_rest(self) -> str:
        api = discover_rest(self.discovery, self.site_url)
        if isinstance(api, RestUnavailable):
            return api.reason
        source = RestSource(self.discovery, api)
        try:
            for entity in source:
                if isinstance(entity, Site):
                    self.rest_site = entity
                elif isinstance(entity, Post):
                    self.in_source[f"{entity.type}/{entity.status}"] += 1
                    if self.wanted(entity):
                        self.spool.add_rest(entity)
                        self._candidate(entity.url)
        except FetchError as exc:  # posts or pages refused half way: what came is still used
            return f"REST stopped: {exc}"
        self.rest = source
        self.result.warnings.extend(source.warnings)
        return ""

    def _from_sitemaps(self) -> str:
        report = SitemapReport()
        for entry in iter_sitemap_urls(self.discovery, self.site_url, report=report):
            self._candidate(entry.url)
        if report.available:
            return ""
        return "; ".join(f"{url}: {why}" for url, why in report.failed) or "no sitemap found"

    def _from_feed(self) -> str:
        report = FeedReport()
        for item in iter_feed(self.discovery, self.site_url, report=report):
            self._candidate(item.link)
        if report.available:
            return ""
        return "; ".join(f"{url}: {why}" for url, why in report.failed) or "no feed found"

    def _from_crawl(self) -> str:
        room = self.options.max_pages - self.result.fetched
        crawler = Crawler(self.fetcher, [self.site_url], scope=self.site_url,
                          settings=CrawlSettings(max_pages=max(room, 0)))
        for result in crawler:
            self._take(result)
        report = crawler.report
        self.result.failed.extend(report.failed)
        self.result.fetched += len(report.failed)
        # Already tried with every retry: a second round would pay the retries and timeouts
        # again (and list the page twice).
        self.done.update(normalize_url(url) or url for url, _ in report.failed)
        self.result.skipped_urls.extend(report.skipped)
        for old, hops in report.redirects.items():
            self.done.add(old)
            self.done.update(normalize_url(u) for u, _ in hops)
            # Also when the final page was crawled first under its own URL (then the crawl
            # yields it once, without these hops): the chain still feeds the redirect map.
            final = report.redirected_to.get(old)
            if final:
                self.redirected.setdefault(final, set()).update(u for u, _ in hops)
        if report.limit_reached:
            self.result.warnings.append(
                f"crawl stopped at --max-pages={self.options.max_pages}; "
                f"{report.left_in_frontier} URLs left unvisited")
        return ""

    def _fetch_candidates(self) -> None:
        todo = sorted(self.candidates - self.done)
        room = max(self.options.max_pages - self.result.fetched, 0)
        for url in todo[room:]:
            self.result.skipped_urls.append((url, f"over --max-pages={self.options.max_pages}"))
        todo = todo[:room]
        self.bar.total = self.result.fetched + len(todo)
        replay = (lambda _url: True) if self.resume else None
        for result in self.fetcher.fetch_many(todo, replay=replay):
            if not result.ok:
                self.result.failed.append((result.url, result.error or f"HTTP {result.status}"))
                self._count(result)
                continue
            self._take(result)

    # ---------------------------------------------------------------- one page

    def _count(self, result: FetchResult) -> None:
        self.result.fetched += 1
        self.result.from_cache += result.from_cache and not result.revalidated
        self.bar.update()

    def _take(self, result: FetchResult, *, home: bool = False) -> None:
        """Extract one fetched page: its post into the spool, its furniture into the votes."""
        url = normalize_url(result.url)
        final = normalize_url(result.final_url) or url
        if final in self.done and not home:
            self._count(result)
            return
        self.done.update((url, final))
        self._count(result)
        if result.content_type and result.content_type not in HTML_TYPES:
            self.result.skipped_urls.append((result.url, f"not HTML ({result.content_type})"))
            return
        for old, _status in result.redirects:
            self.redirected.setdefault(final, set()).add(old)
        page = extract_page(result.text, final, self.profiles, with_markdown=False)
        self.votes.add(page, home=home)
        if page.post is not None:
            self._saw_media(final, page.post)
        if page.post is None and page.page_type not in ("404", "unknown"):
            self._listing(result.text, final, page.page_type)
        number = page.post.meta.get("page_number", 1) if page.post is not None else 1
        if page.post is not None and page.page_type in _SINGULAR and number > 1:
            # Page 2.. of a post split with <!--nextpage-->: joined to page 1's record.
            self.later_pages[final] = page.post.content_html
            for link in page.post.meta.get("page_links", []):
                self._candidate(link)
        elif page.post is not None and page.page_type in _SINGULAR:
            canonical = normalize_url(page.canonical) or final
            self.spool.add_html(final, canonical, page.post)
            if page.post.meta.get("page_links"):
                self.paginated.append(final)
            elif page.post.meta.get("block_template") and not page.post.password_protected:
                self.unlinked[final] = page.page_type == "front_page"
        elif page.page_type == "attachment":
            self.result.skipped_urls.append((result.url, "attachment page (a media record)"))

    def _saw_media(self, url: str, post: Post) -> None:
        """Keep what the page showed of the site's media (for the media records), out of the
        post's meta."""
        seen = post.meta.pop("media", [])
        if seen:
            self.images.append((url, [ImageSeen(**item) for item in seen]))

    def _listing(self, text: str, url: str, page_type: str) -> None:
        """Sticky flags (blog home), excerpts (archives) and author names (author archives)."""
        listing = read_listing(text, url, page_type)
        for item in listing.posts:
            if item.sticky:
                self.sticky.add(item.wp_id)
            if item.excerpt:
                self.excerpts.setdefault(item.wp_id, item.excerpt)
        if listing.author_slug and listing.author_name:
            self.author_names.setdefault(listing.author_name, set()).add(listing.author_slug)
            self.votes.authors.setdefault(listing.author_slug, Author(
                login=listing.author_slug, display_name=listing.author_name, url=url, source="html"))

    # ---------------------------------------------------------------- pages nobody links

    def _probe_pages(self) -> None:
        """Posts split with a classic <!--nextpage--> on a block theme: core/post-content links
        none of their later pages (Gutenberg #29484), yet WordPress serves them. For every post
        shown that way whose body REST did not give, ask for page 2, 3... as _wp_link_page()
        spells them, in rounds (page N of every post still going, concurrently), through the
        discovery fetcher: politeness, robots.txt, the cache and, with a cache folder, the
        resume journal (a resumed run asks nothing it was answered). WordPress's answers decide
        (wp-includes/class-wp.php handle_404, canonical.php redirect_canonical): a 200 showing
        the same post with another body is the page; a redirect back to the permalink (5.5+),
        a 404 or a body already seen (older versions serve page 1 or the last page again)
        means there is no such page, and ends that post's probing."""
        if not self.options.probe_pages or not self.unlinked:
            return
        probes: list[PageProbe] = []
        for _kind, _id, _url, rest_id, html_url in self.spool.pairs():
            if rest_id is not None or html_url not in self.unlinked:
                continue  # REST gave the body (whole), or the page links its pages itself
            post = self.spool.html_post(html_url)
            page1 = {html_url, normalize_url(post.url) or html_url}
            probes.append(PageProbe(html_url, frozenset(page1), post.wp_id,
                                    self.unlinked[html_url], {body_key(post.content_html)}))
        going, number = probes, 2
        while going and number <= MAX_PROBED_PAGES:
            room = max(self.options.max_pages - self.result.fetched, 0)
            for probe in going[room:]:
                probe.warning = (f"page {number} and later not asked for: "
                                 f"over --max-pages={self.options.max_pages}")
            going = going[:room]
            if number == 2:
                self.result.probed_posts = len(going)
            urls = [later_page_url(p.url, number, front_page=p.front_page) for p in going]
            self.bar.total = (self.bar.total or 0) + len(urls)
            still = []
            for probe, url, result in zip(going, urls, self._probe_fetch(urls)):
                self.result.probes += 1
                self.result.probe_requests += 1
                location = result.headers.get("Location", "") if result.status in _REDIRECTS else ""
                if location and (normalize_url(urljoin(url, location)) or location) in probe.page1:
                    self._count(result)  # redirect_canonical back to page 1: no such page
                    continue
                if location:  # somewhere else (/?page=2 -> /page/2/, a slash added): go there
                    result = self.discovery.fetch(urljoin(url, location), replay=self.resume)
                    self.result.probe_requests += 1 + len(result.redirects)
                self._count(result)
                if self._later_page(probe, number, url, result):
                    still.append(probe)
            going, number = still, number + 1
        for probe in going:  # still finding pages at the cap
            probe.warning = f"stopped asking for its pages at page {MAX_PROBED_PAGES}"
        self._probed(probes)

    def _probe_fetch(self, urls: list[str]) -> Iterator[FetchResult]:
        """The answers for ``urls``, in order, ``concurrency`` at a time (few bodies held)."""
        def fetch(url: str) -> FetchResult:
            # Not followed: a redirect back to page 1 is the whole answer (one request, not two).
            return self.discovery.fetch(url, replay=self.resume, follow_redirects=False)

        step = max(self.options.fetch.concurrency, 1) * 4
        with ThreadPoolExecutor(max(self.options.fetch.concurrency, 1), "mwmigrate-probe") as pool:
            for start in range(0, len(urls), step):
                yield from pool.map(fetch, urls[start:start + step])

    def _later_page(self, probe: PageProbe, number: int, url: str, result: FetchResult) -> bool:
        """Whether ``result`` (the answer for ``url``) is page ``number`` of ``probe``'s post;
        if so it is kept and the next page is worth asking for."""
        final = normalize_url(result.final_url) or normalize_url(url) or url
        self.done.update((normalize_url(url) or url, final))
        if not result.ok:
            if result.status not in (404, 410):  # 404/410: no such page, as WordPress < 5.5
                probe.warning = (f"page {number} could not be asked for ({url}): "
                                 f"{result.error or f'HTTP {result.status}'}")
            return False
        if final in probe.page1 or (result.content_type and result.content_type not in HTML_TYPES):
            return False  # redirect_canonical back to the permalink: no such page
        page = extract_page(result.text, final, self.profiles, with_markdown=False)
        later = page.post
        if later is None or page.page_type not in _SINGULAR:
            return False
        if probe.wp_id and later.wp_id:
            if later.wp_id != probe.wp_id:
                return False
        elif normalize_url(page.canonical) not in (final, normalize_url(url)):
            return False  # no id to compare: its canonical URL must be the page asked for
        if later.meta.get("page_number", number) not in (1, number):
            return False  # body_class() says it is another page of the post
        key = body_key(later.content_html)
        if not key or key in probe.seen:
            return False  # page 1 (or the last page) again: WordPress before 5.5
        probe.seen.add(key)
        self._saw_media(final, later)
        probe.found.append((final, later.content_html))
        return True

    def _probed(self, probes: list[PageProbe]) -> None:
        """Found pages noted on their posts (joined by _join_pages), the run's counts said."""
        found = []
        for probe in probes:
            if probe.found or probe.warning:
                post = self.spool.html_post(probe.url)
                if probe.found:
                    post.meta["page_links"] = [url for url, _body in probe.found]
                    self.later_pages.update(probe.found)
                    self.paginated.append(probe.url)
                    found.append(probe.url)
                if probe.warning:
                    post.warnings.append(f"later pages of the post: {probe.warning}")
                self.spool.replace_html(probe.url, post)
        result = self.result
        result.found_by_probing = len(found)
        log.info("probed %d posts shown without page links (block theme): %d pages asked for "
                 "(%d HTTP requests), %d posts split into pages", result.probed_posts,
                 result.probes, result.probe_requests, len(found))
        if result.probed_posts:
            listed = ", ".join(found[:10]) + (f" and {len(found) - 10} more" if len(found) > 10 else "")
            result.warnings.append(
                f"{len(found)} of {result.probed_posts} posts shown without page links "
                f"(a block theme's core/post-content links no <!--nextpage--> page) were found "
                f"split into pages by asking for page 2, 3... ({result.probes} pages asked for, "
                f"{result.probe_requests} HTTP requests)"
                + (f": {listed}" if found else ""))

    def _join_pages(self) -> None:
        """Each post split with <!--nextpage-->: the bodies of its later pages (fetched now
        unless discovery did) appended to page 1's, as REST and WXR hold the whole post."""
        for url in self.paginated:
            post = self.spool.html_post(url)
            parts = [post.content_html]
            for link in post.meta.get("page_links", []):
                link = normalize_url(link) or link
                if link not in self.later_pages:
                    result = self.fetcher.fetch(link)
                    self._count(result)
                    self.done.update((link, normalize_url(result.final_url) or link))
                    if not result.ok:
                        post.warnings.append(f"page {link} of the post not fetched: "
                                             f"{result.error or f'HTTP {result.status}'}")
                        continue
                    later = extract_page(result.text, link, self.profiles, with_markdown=False).post
                    if later is not None:
                        self._saw_media(link, later)
                    self.later_pages[link] = later.content_html if later is not None else ""
                parts.append(self.later_pages[link])
            # Joined at WordPress's own marker, as REST's content.rendered and a WXR export
            # hold the post (the Markdown keeps it; the visible text does not show it).
            post.content_html = _NEXTPAGE_JOIN.join(p for p in parts if p)
            post.pages = len(parts)
            post.content_text = visible_text(post.content_html)
            post.field_sources["content_html"] = "html"
            self.spool.replace_html(url, post)

    # ---------------------------------------------------------------- the archive

    def _site(self) -> Site:
        site = self.rest_site or self.home_site
        site.language = site.language or self.home_site.language
        site.generator = site.generator or self.home_site.generator
        site.sidebars = self.votes.sidebars()
        site.organisation = self.votes.organisation()
        return site

    def _media(self) -> MediaCatalog:
        """One record per attachment: REST's (complete unless its media listing failed), gaps
        filled, and the rest from what the pages showed."""
        rest = self.rest
        complete = (rest is not None and "media" in rest.settings.collections
                    and "media" not in rest.unread)
        catalog = MediaCatalog(rest.media.values() if rest else (), complete=complete)
        for url, seen in self.images:
            catalog.add(url, seen)
        return catalog

    def _people(self) -> tuple[dict[int, Media], list[Term], list[Author]]:
        rest = self.rest
        media = {m.wp_id: m for m in self.catalog.records() if m.wp_id}
        terms = (list(rest.terms.values()) if rest and rest.terms else
                 sorted(self.votes.terms.values(), key=lambda t: (t.taxonomy, t.slug)))
        names = {name: next(iter(slugs)) for name, slugs in self.author_names.items() if len(slugs) == 1}
        authors = (list(rest.users.values()) if rest and rest.users else
                   sorted((a for a in self.votes.authors.values()
                           if not (a.login in names and a.login not in names.values())),
                          key=lambda a: a.login))
        return media, terms, authors

    def _write(self) -> None:
        opts, result = self.options, self.result
        self.catalog = self._media()
        media, terms, authors = self._people()
        with ArchiveWriter(result.out) as writer:
            downloader = None
            if opts.download_media:
                downloader = MediaDownloader(writer, self.fetcher)
                downloader.download_all(self.catalog.records())
            builder = ArchiveBuilder(writer, opts.layout(), result,
                                     directory=self.spool.directory(), media=media,
                                     authors=authors, downloader=downloader,
                                     home_path=self._home_path())
            zones = site_zones(self.spool.html_dates())
            for _kind, _id, _url, rest_id, html_url in self.spool.pairs():
                self._add_post(builder, rest_id, html_url, zones)
            builder.add_site(self._site(), media=self.catalog.records(), terms=terms,
                             authors=authors, menus=self.votes.site_menus())
            self._report_pages()
            in_source = self.in_source or Counter(f"{k}/publish" for k, *_ in self.spool.pairs())
            source: dict[str, Any] = {"kind": "site", "url": self.site_url,
                                      "sources_used": result.sources_used,
                                      "sources_unavailable": dict(sorted(
                                          result.sources_unavailable.items()))}
            if result.probed_posts:
                source["page_probes"] = {"posts_probed": result.probed_posts,
                                         "pages_asked": result.probes,
                                         "http_requests": result.probe_requests,
                                         "found_paginated": result.found_by_probing}
            builder.finish(source=source, options=opts.recorded(), in_source=in_source)

    def _from_listings(self, post: Post) -> None:
        """What the listings said of ``post`` (HTML only): sticky, excerpt, author slug."""
        if post.wp_id in self.sticky:
            post.sticky = True
            post.field_sources["sticky"] = "html"
        if not post.excerpt and post.wp_id in self.excerpts and not post.password_protected:
            post.excerpt = self.excerpts[post.wp_id]
            post.field_sources["excerpt"] = "html"
        slugs = self.author_names.get(post.author, set())
        known = {s for found in self.author_names.values() for s in found}
        if len(slugs) == 1 and post.author not in known:  # the page printed the display name
            post.author = next(iter(slugs))
            post.field_sources["author"] = "html"

    def _add_post(self, builder: ArchiveBuilder, rest_id: int | None, html_url: str | None,
                  zones: list[ZoneInfo]) -> None:
        html = self.spool.html_post(html_url) if html_url else None
        rest = self.spool.rest_post(rest_id) if rest_id else None
        if html is not None:
            self._from_listings(html)
        if html is None and rest is not None:
            rest.warnings.append("page not fetched as HTML: fields from REST alone")
        post = merge_post(html, rest, self.profiles, zones)
        self._featured(post, html_url)
        if not post.wp_id:
            post.warnings.append("no WordPress id on the page: /?p= redirect not written")
        builder.add_post(post)
        if html_url and builder.redirects:  # redirect chains met while fetching, same site only
            permalink = builder.redirects[-1].new
            for old in sorted(self.redirected.get(html_url, ())):
                parts = urlsplit(old)
                if in_scope(normalize_url(old), self.site_url):
                    path = parts.path + (f"?{parts.query}" if parts.query else "")
                    builder.redirects.append(Redirect(path or "/", permalink, post.wp_id, post.type))

    def _featured(self, post: Post, html_url: str | None) -> None:
        """The post's featured image as its media record has it: REST's attachment when REST
        names one, else the record of the image the page featured (its id when known)."""
        record = (self.catalog.by_id(post.featured_media) if post.featured_media
                  else self.catalog.featured(html_url) if html_url else None)
        if record is None or post.field_sources.get("featured_image") == "rest":
            return
        post.featured_image = record.url
        post.field_sources["featured_image"] = record.source
        if record.wp_id and not post.featured_media and post.source == "html":
            post.featured_media = record.wp_id  # (REST saying a post has none stands)
            post.field_sources["featured_media"] = "html"
        post.field_sources = dict(sorted(post.field_sources.items()))

    def _report_pages(self) -> None:
        """Failed pages as manifest warnings, skipped URLs as counted reasons: in a stable order."""
        result = self.result
        for url, why in sorted(set(result.failed)):
            result.warnings.append(f"page not fetched: {url}: {why}")
        for _url, why in sorted(set(result.skipped_urls)):
            result.skipped[f"url: {why}"] += 1


def migrate_site(url: str, out: str | Path, options: LiveOptions | None = None) -> LiveResult:
    """Migrate the live WordPress site at ``url`` into an archive folder (replaced atomically).

    Raises ``FetchError`` when the site cannot be reached at all; pages that fail are listed
    in the result and the manifest's warnings, and the archive is still written.
    """
    return LiveMigration(url, out, options or LiveOptions()).run()
