"""Discovery through the RSS2 feed: ``/feed/?paged=N`` (or ``/?feed=rss2&paged=N``) lists the
latest posts with their full ``content:encoded``.

``parse_feed`` is pure (bytes in, ``FeedItem``s out); ``iter_feed`` pages through the feed with
``fetch.Fetcher`` until WordPress answers 404 or repeats itself.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from lxml import etree

from mwmigrate.model import Post

if TYPE_CHECKING:
    from mwmigrate.sources.journal import DiscoveryFetcher

log = logging.getLogger(__name__)

NS = {"content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/", "slash": "http://purl.org/rss/1.0/modules/slash/",
      "wfw": "http://wellformedweb.org/CommentAPI/"}
_SHORTLINK_ID = re.compile(r"[?&](?:p|page_id)=(\d+)")


@dataclass
class FeedItem:
    link: str
    title: str = ""
    pub_date: str = ""  # ISO 8601 with offset
    creator: str = ""  # dc:creator: the author's display name
    categories: list[str] = field(default_factory=list)  # names (categories and tags mixed)
    guid: str = ""
    description: str = ""
    content_html: str = ""  # content:encoded

    @property
    def wp_id(self) -> int | None:
        """WordPress's post ID, from the ``?p=N`` guid it writes."""
        match = _SHORTLINK_ID.search(self.guid)
        return int(match.group(1)) if match else None


@dataclass
class FeedReport:
    pages: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    items: int = 0

    @property
    def available(self) -> bool:
        return bool(self.pages)


def _date(value: str) -> str:
    try:
        return parsedate_to_datetime(value.strip()).isoformat()
    except (TypeError, ValueError, IndexError):
        return ""


def _child(item: etree._Element, path: str) -> str:
    el = item.find(path, NS)
    return (el.text or "") if el is not None else ""


def parse_feed(content: bytes) -> list[FeedItem]:
    """RSS2 ``<item>``s in document order; [] for anything that is not RSS."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             strip_cdata=True, huge_tree=False)
    try:
        root = etree.fromstring(content.lstrip(), parser)
    except etree.XMLSyntaxError:
        return []
    if root is None or root.tag != "rss":
        return []
    items = []
    for item in root.iterfind("channel/item"):
        items.append(FeedItem(
            link=_child(item, "link").strip(), title=html.unescape(_child(item, "title").strip()),
            pub_date=_date(_child(item, "pubDate")), creator=_child(item, "dc:creator").strip(),
            categories=[(c.text or "").strip() for c in item.findall("category")],
            guid=_child(item, "guid").strip(), description=_child(item, "description"),
            content_html=_child(item, "content:encoded")))
    return items


def feed_url(site_url: str, page: int, *, pretty: bool = True) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    if pretty:
        return urljoin(base, "feed/") + (f"?paged={page}" if page > 1 else "")
    return urljoin(base, "?feed=rss2") + (f"&paged={page}" if page > 1 else "")


def iter_feed(fetcher: DiscoveryFetcher, site_url: str, *, max_pages: int = 500,
              report: FeedReport | None = None) -> Iterator[FeedItem]:
    """Every item of the site's main feed, newest first, each link once."""
    report = report if report is not None else FeedReport()
    seen: set[str] = set()
    pretty = True
    for page in range(1, max_pages + 1):
        url = feed_url(site_url, page, pretty=pretty)
        result = fetcher.fetch(url)
        items = parse_feed(result.content) if result.ok else []
        if page == 1 and not items and pretty:
            report.failed.append((url, result.error or "not an RSS feed"))
            pretty = False  # plain permalinks: /?feed=rss2
            url = feed_url(site_url, page, pretty=False)
            result = fetcher.fetch(url)
            items = parse_feed(result.content) if result.ok else []
        if not result.ok:
            if page == 1 or result.status != 404:  # 404 after page 1 is the normal end
                report.failed.append((url, result.error or f"HTTP {result.status}"))
            return
        new = [i for i in items if i.link not in seen]
        if not new:
            return  # empty, or a server ignoring ?paged= and sending page 1 again
        report.pages.append(url)
        for item in new:
            seen.add(item.link)
            report.items += 1
            yield item


def post_from_feed(item: FeedItem) -> Post:
    """What a feed item tells about a post; author and terms are display names, not slugs."""
    return Post(wp_id=item.wp_id or 0, title=item.title, url=item.link, guid=item.guid,
                date=item.pub_date, content_html=item.content_html, source="html",
                warnings=["from the RSS feed: author and categories are names, not slugs"])
