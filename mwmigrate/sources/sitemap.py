"""Discovery through XML sitemaps: robots.txt ``Sitemap:`` lines, WordPress core's
``/wp-sitemap.xml``, Yoast's ``/sitemap_index.xml``, nested indexes and ``.xml.gz`` files.

``parse_sitemap`` is pure (bytes in, entries out); ``iter_sitemap_urls`` walks the indexes
through ``fetch.Fetcher`` and yields ``SitemapEntry(url, lastmod)``.
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

if TYPE_CHECKING:
    from mwmigrate.sources.journal import DiscoveryFetcher

log = logging.getLogger(__name__)

#: Where WordPress and its SEO plugins put the sitemap index, most specific first.
WELL_KNOWN = ("wp-sitemap.xml", "sitemap_index.xml", "sitemap.xml")
MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemaps.org limit on an uncompressed sitemap


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str = ""  # as the sitemap states it (W3C datetime), "" when absent
    sitemap: str = ""  # the sitemap file it was listed in


@dataclass
class ParsedSitemap:
    kind: Literal["index", "urlset", "unknown"]
    entries: list[tuple[str, str]] = field(default_factory=list)  # (loc, lastmod)


@dataclass
class SitemapReport:
    """Which sitemaps were read, and what could not be."""

    used: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    urls: int = 0

    @property
    def available(self) -> bool:
        return bool(self.used)


def _gunzip(content: bytes, limit: int = MAX_UNZIPPED) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(content)) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"gzip sitemap larger than {limit} bytes unpacked")
    return data


def parse_sitemap(content: bytes) -> ParsedSitemap:
    """A sitemap index or urlset (gzip or not) -> its ``(loc, lastmod)`` pairs, in order."""
    if content[:2] == b"\x1f\x8b":
        content = _gunzip(content)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(content.lstrip(), parser)
    except etree.XMLSyntaxError:
        return ParsedSitemap("unknown")
    if root is None:
        return ParsedSitemap("unknown")
    kind = etree.QName(root).localname
    child = {"sitemapindex": "sitemap", "urlset": "url"}.get(kind)
    if child is None:
        return ParsedSitemap("unknown")
    entries = []
    for el in root:
        if not isinstance(el.tag, str) or etree.QName(el).localname != child:
            continue
        loc = lastmod = ""
        for sub in el:
            if not isinstance(sub.tag, str):
                continue
            name = etree.QName(sub).localname  # any namespace: some plugins get it wrong
            if name == "loc":
                loc = (sub.text or "").strip()
            elif name == "lastmod":
                lastmod = (sub.text or "").strip()
        if loc:
            entries.append((loc, lastmod))
    return ParsedSitemap("index" if kind == "sitemapindex" else "urlset", entries)


def sitemap_candidates(site_url: str, robots_sitemaps: list[str]) -> list[str]:
    """robots.txt's ``Sitemap:`` URLs first, then the well-known places."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    root = f"{urlsplit(base).scheme}://{urlsplit(base).netloc}/"
    known = [urljoin(base, name) for name in WELL_KNOWN]
    if root != base:  # WordPress in a subfolder still serves some sitemaps at the root
        known += [urljoin(root, name) for name in WELL_KNOWN]
    return list(dict.fromkeys([*robots_sitemaps, *known]))


def iter_sitemap_urls(fetcher: DiscoveryFetcher, site_url: str, *,
                      report: SitemapReport | None = None, max_depth: int = 3,
                      max_sitemaps: int = 1000) -> Iterator[SitemapEntry]:
    """Every page URL the site's sitemaps list (each once), walking nested indexes.

    Stops at the first candidate that is a real sitemap: a site serving both core's and
    Yoast's would otherwise be listed twice (Yoast disables core's, but not always).
    """
    report = report if report is not None else SitemapReport()
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    from_robots = fetcher.robots.sitemaps(origin) if fetcher.settings.obey_robots else []
    seen_maps: set[str] = set()
    seen_urls: set[str] = set()
    for candidate in sitemap_candidates(site_url, from_robots):
        if report.used and candidate not in from_robots:
            return
        for entry in _walk(fetcher, candidate, 0, max_depth, max_sitemaps, seen_maps, report):
            if entry.url not in seen_urls:
                seen_urls.add(entry.url)
                report.urls += 1
                yield entry


def _walk(fetcher: DiscoveryFetcher, url: str, depth: int, max_depth: int, max_sitemaps: int,
          seen: set[str], report: SitemapReport) -> Iterator[SitemapEntry]:
    if url in seen or len(seen) >= max_sitemaps:
        return
    seen.add(url)
    result = fetcher.fetch(url)
    if not result.ok:
        report.failed.append((url, result.error or f"HTTP {result.status}"))
        return
    try:
        parsed = parse_sitemap(result.content)
    except (OSError, ValueError, EOFError) as exc:
        report.failed.append((url, f"unreadable gzip: {exc}"))
        return
    if parsed.kind == "unknown":
        report.failed.append((url, "not a sitemap"))
        return
    report.used.append(url)
    if parsed.kind == "urlset":
        for loc, lastmod in parsed.entries:
            yield SitemapEntry(urljoin(url, loc), lastmod, url)
        return
    if depth >= max_depth:
        report.failed.append((url, f"index nested deeper than {max_depth}"))
        return
    for loc, _ in parsed.entries:
        yield from _walk(fetcher, urljoin(url, loc), depth + 1, max_depth, max_sitemaps, seen,
                         report)
