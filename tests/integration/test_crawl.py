"""Discovery against real local servers: the HTML crawl, sitemaps and the feed, on the
Morgan Wiseman fixture mirror and on small synthetic sites (plain permalinks, gzip sitemaps)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from mwmigrate.fetch import Fetcher, FetchSettings
from mwmigrate.sources.crawl import Crawler, CrawlSettings, extract_links
from mwmigrate.sources.feed import FeedReport, iter_feed
from mwmigrate.sources.sitemap import SitemapReport, iter_sitemap_urls
from mwmigrate.sources.urls import normalize_url
from tests.support.fault_server import FaultServer, Route, page

SITE = Path(__file__).resolve().parents[2] / "fixtures/sites/morganwiseman/site"
needs_fixture = pytest.mark.skipif(not (SITE / "_routes.json").is_file(), reason="fixture not built")
FAST = dict(timeout=3, retries=1, backoff=0.01, concurrency=4, per_host=4)


@pytest.fixture()
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchSettings(**FAST)) as f:
        yield f


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    if not (SITE / "_routes.json").is_file():
        pytest.skip("fixture not built")
    from tests.support.static_site import serve_site

    with serve_site(SITE) as base:
        yield base


@needs_fixture
def test_crawl_reaches_everything_the_sitemap_lists(site: str, fetcher: Fetcher) -> None:
    calls: list[str] = []

    def extractor(html: str, base: str) -> list[str]:
        calls.append(base)
        return extract_links(html, base)

    crawler = Crawler(fetcher, [site + "/"], link_extractor=extractor)
    crawled = {r.url: r for r in crawler}
    assert crawler.report.failed == []
    assert set(calls) == set(crawled)  # every page's links came from the given extractor
    sitemap = {normalize_url(e.url) for e in iter_sitemap_urls(fetcher, site + "/")}
    assert len(sitemap) == 42 and sitemap <= set(crawled)
    for path in ("/page/4/", "/category/immigration/page/2/", "/2019/05/", "/2019/page/3/"):
        assert site + path in crawled  # pagination and archives
    assert all(r.encoding == "utf-8" and r.text for r in crawled.values())
    skipped = dict(crawler.report.skipped)
    assert skipped[site + "/feed/"].startswith("feed")


@needs_fixture
def test_sitemaps_and_feed_of_the_fixture(site: str, fetcher: Fetcher) -> None:
    report = SitemapReport()
    entries = list(iter_sitemap_urls(fetcher, site + "/", report=report))
    assert report.used[0] == site + "/wp-sitemap.xml" and len(report.used) == 6
    posts = [e for e in entries if e.sitemap.endswith("posts-post-1.xml")]
    assert len(posts) == 16  # core sitemaps carry no <lastmod>
    feed_report = FeedReport()
    items = list(iter_feed(fetcher, site + "/", report=feed_report))
    assert len(items) == 16 and len({i.link for i in items}) == 16
    assert feed_report.pages == [site + "/feed/", site + "/feed/?paged=2"]
    assert all(i.content_html and i.pub_date for i in items)


def _urlset(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2021-01-0{i + 1}</lastmod></url>"
                   for i, p in enumerate(paths))
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">{urls}</urlset>').encode()


def test_yoast_nested_gzip_and_robots_sitemap(fetcher: Fetcher) -> None:
    with FaultServer(robots="User-agent: *\nDisallow:\n") as srv:
        base = srv.base
        srv.robots += f"Sitemap: {base}/custom-index.xml\n"
        srv.pages.update({
            "/custom-index.xml": Route(
                f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9"><sitemap><loc>{base}/nested-index.xml</loc></sitemap><sitemap>'
                f'<loc>{base}/post-sitemap.xml.gz</loc></sitemap><sitemap><loc>{base}/gone.xml'
                f'</loc></sitemap></sitemapindex>', content_type="application/xml"),
            "/nested-index.xml": Route(
                f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9"><sitemap><loc>{base}/page-sitemap.xml</loc></sitemap>'
                f'<sitemap><loc>{base}/custom-index.xml</loc></sitemap></sitemapindex>',
                content_type="application/xml"),
            "/page-sitemap.xml": Route(_urlset(base, ["/about/", "/contact/"]),
                                       content_type="application/xml"),
            "/post-sitemap.xml.gz": Route(gzip.compress(_urlset(base, ["/hello/", "/about/"])),
                                          content_type="application/x-gzip"),
            "/sitemap_index.xml": Route(_urlset(base, ["/never-read/"]),
                                        content_type="application/xml"),
        })
        report = SitemapReport()
        entries = list(iter_sitemap_urls(fetcher, base + "/", report=report))
    assert [e.url for e in entries] == [f"{base}/about/", f"{base}/contact/", f"{base}/hello/"]
    assert entries[0].lastmod == "2021-01-01"
    assert report.failed == [(f"{base}/gone.xml", "HTTP 404")]
    assert srv.hits["/custom-index.xml"] == 1  # an index listing itself is read once
    assert srv.hits["/sitemap_index.xml"] == 0  # robots.txt's sitemap was enough


def test_plain_permalinks_and_query_pagination(fetcher: Fetcher) -> None:
    pages = {"/": page("home", ["/?p=1", "/?p=2", "/?paged=2", "/?cat=3", "/?m=202001",
                                "/?m=20200115", "/?p=1&replytocom=4"])}
    with FaultServer(pages) as srv:
        home = Route(page("home", ["/?p=1", "/?p=2", "/?paged=2", "/?cat=3", "/?m=202001",
                                   "/?m=20200115", "/?p=1&replytocom=4"]))
        srv.pages = {"/": home, "/?p=1": page("one"), "/?p=2": page("two"),
                     "/?paged=2": page("older", ["/?paged=3", "/?p=3"]),
                     "/?paged=3": page("oldest"), "/?p=3": page("three"),
                     "/?cat=3": page("cat"), "/?m=202001": page("jan")}
        crawler = Crawler(fetcher, [srv.base + "/"])
        got = {r.url[len(srv.base):] for r in crawler}
    assert got == {"/", "/?p=1", "/?p=2", "/?paged=2", "/?paged=3", "/?p=3", "/?cat=3",
                   "/?m=202001"}
    skipped = dict(crawler.report.skipped)
    assert "day archive" in skipped[srv.base + "/?m=20200115"]
    assert "replytocom" in skipped[srv.base + "/?p=1&replytocom=4"]


def test_redirect_target_is_not_fetched_twice(fetcher: Fetcher) -> None:
    with FaultServer({"/": page("home", ["/fault/moved", "/fault/landed"])}) as srv:
        crawler = Crawler(fetcher, [srv.base + "/"])
        got = [r.final_url for r in crawler]
    assert sorted(got) == [srv.base + "/", srv.base + "/fault/landed"]  # the page once
    assert crawler.report.redirects[srv.base + "/fault/moved"] == [
        (srv.base + "/fault/moved", 301), (srv.base + "/fault/moved-again", 302)]


def test_max_depth(fetcher: Fetcher) -> None:
    chain = {f"/d/{i}/": page(f"d{i}", [f"/d/{i + 1}/"]) for i in range(10)}
    with FaultServer({"/": page("home", ["/d/0/"]), **chain}) as srv:
        crawler = Crawler(fetcher, [srv.base + "/"], settings=CrawlSettings(max_depth=3))
        got = {r.url[len(srv.base):] for r in crawler}
    assert got == {"/", "/d/0/", "/d/1/", "/d/2/"}
    assert "max_depth" in dict(crawler.report.skipped)[srv.base + "/d/3/"]
