"""The fetch layer and the crawler against a real misbehaving server on 127.0.0.1.

Every page the server eventually serves must come back; every page it never serves must be
reported with a reason. Timeouts and backoffs are short so the whole file runs in seconds.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mwmigrate.fetch import Fetcher, FetchSettings, decode_body
from mwmigrate.sources.crawl import Crawler, CrawlSettings
from mwmigrate.sources.urls import TrapRules
from tests.support.fault_server import LATIN1_PAGE, UTF8_PAGE, FaultServer, Route, page

FAST = dict(timeout=0.5, retries=2, backoff=0.05, max_retry_after=2, max_page_bytes=256 * 1024,
            concurrency=4, per_host=4)


@pytest.fixture()
def server() -> Iterator[FaultServer]:
    with FaultServer(slow_seconds=1.2) as srv:
        yield srv


@pytest.fixture()
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchSettings(**FAST)) as f:
        yield f


def test_retry_after_is_honoured(server: FaultServer, fetcher: Fetcher) -> None:
    start = time.monotonic()
    result = fetcher.fetch(server.url("/fault/retry-after/1"))
    assert result.ok and "retry-after" in result.text
    assert server.hits["/fault/retry-after/1"] == 2
    assert time.monotonic() - start >= 0.9  # waited the second the server asked for


def test_500s_then_200(server: FaultServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.url("/fault/flaky/1"))
    assert result.ok and server.hits["/fault/flaky/1"] == 3


def test_permanent_500_is_reported(server: FaultServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.url("/fault/always-500"))
    assert not result.ok and result.status == 500
    assert result.error == "HTTP 500 after retries"
    assert server.hits["/fault/always-500"] == 3  # first try + 2 retries


def test_timeout(server: FaultServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.url("/fault/slow"))
    assert result.status is None and result.error.startswith("timed out after 0.5s")
    assert fetcher.fetch(server.url("/fault/slow-once")).ok


def test_connection_reset_mid_body(server: FaultServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(server.url("/fault/reset"))
    assert not result.ok and result.error.startswith("connection broke")
    assert server.hits["/fault/reset"] == 3
    again = fetcher.fetch(server.url("/fault/reset-once"))
    assert again.ok and "reset-once" in again.text


def test_redirect_loop_and_chain(server: FaultServer, fetcher: Fetcher) -> None:
    loop = fetcher.fetch(server.url("/fault/loop-a"))
    assert loop.error.startswith("redirect loop")
    moved = fetcher.fetch(server.url("/fault/moved"))
    assert moved.ok and moved.final_url == server.url("/fault/landed")
    assert moved.redirects == [(server.url("/fault/moved"), 301),
                               (server.url("/fault/moved-again"), 302)]


@pytest.mark.parametrize("path", ["/fault/huge", "/fault/huge-chunked"])
def test_body_cap(server: FaultServer, fetcher: Fetcher, path: str) -> None:
    start = time.monotonic()
    result = fetcher.fetch(server.url(path))
    assert not result.ok and "cap" in result.error and not result.content
    assert server.hits[path] == 1  # a body over the cap is not worth a retry
    assert time.monotonic() - start < 2


def test_wrong_charsets(server: FaultServer, fetcher: Fetcher) -> None:
    latin = fetcher.fetch(server.url("/fault/latin1-says-utf8"))
    assert latin.text == LATIN1_PAGE and latin.encoding_source == "meta"
    utf8 = fetcher.fetch(server.url("/fault/utf8-says-latin1"))
    assert utf8.text == UTF8_PAGE and utf8.encoding == "utf-8" and utf8.encoding_source == "meta"


def test_decode_body_precedence() -> None:
    body = "<p>caf\u00e9</p>".encode()
    assert decode_body(body, "text/html; charset=utf-8").source == "header"
    assert decode_body(b"\xef\xbb\xbf" + body).source == "bom"
    assert decode_body(body).source == "detected"  # valid UTF-8, nothing declared
    assert decode_body(b'<meta charset="windows-1252"><p>\x93hi\x94</p>').text.endswith(
        "\u201chi\u201d</p>")
    russian = ("<p>\u0412 \u044d\u0442\u043e\u0439 \u0441\u0442\u0430\u0442\u044c\u0435 "
               "\u043c\u044b \u0440\u0430\u0441\u0441\u043a\u0430\u0436\u0435\u043c, "
               "\u043a\u0430\u043a \u043f\u0435\u0440\u0435\u043d\u0435\u0441\u0442\u0438 "
               "\u0441\u0430\u0439\u0442 \u043d\u0430 \u043d\u043e\u0432\u044b\u0439 "
               "\u0441\u0435\u0440\u0432\u0435\u0440 \u0431\u0435\u0437 "
               "\u043f\u043e\u0442\u0435\u0440\u0438 \u0434\u0430\u043d\u043d\u044b\u0445."
               "</p>")
    detected = decode_body(russian.encode("cp1251"), "text/html")
    assert detected.source == "detected" and detected.text == russian


def test_robots_txt_is_honoured(tmp_path: Path) -> None:
    robots = "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n"
    pages = {"/": page("home", ["/private/secret/", "/open/"]), "/open/": page("open"),
             "/private/secret/": page("secret")}
    with FaultServer(pages, robots=robots) as srv:
        with Fetcher(FetchSettings(**FAST)) as fetcher:
            assert fetcher.fetch(srv.url("/private/secret/")).error == "disallowed by robots.txt"
            crawler = Crawler(fetcher, [srv.url("/")])
            start = time.monotonic()
            got = {r.url for r in crawler}
            assert time.monotonic() - start >= 0.2  # Crawl-delay between the two pages
        assert got == {srv.url("/"), srv.url("/open/")}
        assert (srv.url("/private/secret/"), "disallowed by robots.txt") in crawler.report.skipped
        assert srv.hits["/private/secret/"] == 0
        with Fetcher(FetchSettings(**FAST, obey_robots=False)) as fetcher:  # the explicit flag
            assert fetcher.fetch(srv.url("/private/secret/")).ok


FAULT_LINKS = ["/fault/retry-after/2", "/fault/flaky/2", "/fault/always-500", "/fault/slow",
               "/fault/slow-once", "/fault/reset", "/fault/reset-once", "/fault/loop-a",
               "/fault/moved", "/fault/huge", "/fault/huge-chunked", "/fault/latin1-says-utf8",
               "/fault/utf8-says-latin1", "/calendar/2021/01/", "/missing/",
               "/?replytocom=12#respond", "/wp-login.php?action=logout&_wpnonce=abc",
               "/2021/03/04/", "/?utm_source=x", "https://elsewhere.example/"]


def test_crawl_survives_every_fault(server: FaultServer) -> None:
    server.pages["/"] = page("home", FAULT_LINKS)
    settings = CrawlSettings(traps=TrapRules(max_calendar_hops=5))
    with Fetcher(FetchSettings(**FAST)) as fetcher:
        crawler = Crawler(fetcher, [server.url("/")], settings=settings)
        pages = {r.url: r for r in crawler}
    report = crawler.report
    served = {"/", "/fault/retry-after/2", "/fault/flaky/2", "/fault/slow-once",
              "/fault/reset-once", "/fault/moved", "/fault/latin1-says-utf8",
              "/fault/utf8-says-latin1"} | {f"/calendar/2021/{m:02d}/" for m in range(1, 6)}
    assert set(pages) == {server.url(p) for p in served}
    failed = dict(report.failed)
    assert set(failed) == {server.url(p) for p in (
        "/fault/always-500", "/fault/slow", "/fault/reset", "/fault/loop-a", "/fault/huge",
        "/fault/huge-chunked", "/missing/")}
    assert failed[server.url("/missing/")] == "HTTP 404"
    assert failed[server.url("/fault/always-500")] == "HTTP 500 after retries"
    skipped = dict(report.skipped)
    assert "calendar chain" in skipped[server.url("/calendar/2021/06/")]
    assert "replytocom" in skipped[server.url("/?replytocom=12")]
    assert server.url("/2021/03/04/") in skipped  # day archive
    assert server.hits["/calendar/2021/06/"] == 0
    assert report.redirects[server.url("/fault/moved")][0] == (server.url("/fault/moved"), 301)
    assert server.hits["/"] == 1  # "/?utm_source=x" normalised to "/", not fetched twice


def test_cache_revalidates_with_304(tmp_path: Path) -> None:
    lm = "Wed, 01 Jan 2020 00:00:00 GMT"
    pages = {"/": page("home", ["/etag/", "/lastmod/", "/plain/"]),
             "/etag/": Route(page("etag"), etag='"v1"'),
             "/lastmod/": Route(page("lastmod"), last_modified=lm),
             "/plain/": page("plain")}
    settings = FetchSettings(**FAST, cache_dir=tmp_path / "cache")
    with FaultServer(pages) as srv:
        for _run in (1, 2):
            srv.reset_counts()
            with Fetcher(settings) as fetcher:
                results = {r.url: r for r in Crawler(fetcher, [srv.url("/")])}
            assert len(results) == 4
        assert srv.not_modified == {"/etag/": 1, "/lastmod/": 1}
        assert ("/etag/", '"v1"', "") in srv.conditional
        assert ("/lastmod/", "", lm) in srv.conditional
        assert results[srv.url("/etag/")].from_cache and results[srv.url("/etag/")].revalidated
        assert not results[srv.url("/plain/")].from_cache  # no validator: fetched again
        assert "etag" in results[srv.url("/etag/")].text


def test_resume_fetches_only_what_was_left(tmp_path: Path) -> None:
    total = 12
    pages = {"/": page("home", [f"/p/{i}/" for i in range(1, total)])}
    pages.update({f"/p/{i}/": page(f"p{i}") for i in range(1, total)})
    settings = FetchSettings(**FAST, cache_dir=tmp_path / "cache")
    stop_after = 5
    with FaultServer(pages) as srv:
        seen: list[str] = []
        with Fetcher(settings) as fetcher, pytest.raises(KeyboardInterrupt):
            for result in Crawler(fetcher, [srv.url("/")]):
                seen.append(result.url)
                if len(seen) == stop_after:
                    raise KeyboardInterrupt  # as Ctrl-C would, in the middle of the run
        srv.reset_counts()
        with Fetcher(settings) as fetcher:
            crawler = Crawler(fetcher, [srv.url("/")])
            again = [r.url for r in crawler]
        page_hits = sum(n for p, n in srv.hits.items() if p != "/robots.txt")
        assert page_hits == total - stop_after
        assert all(srv.hits[urlpath(u)] == 0 for u in seen)
        assert sorted(again) == sorted(srv.url(p) for p in pages)
        assert crawler.report.resumed and crawler.report.replayed == stop_after
        srv.reset_counts()
        with Fetcher(settings) as fetcher:  # a finished crawl starts afresh next time
            assert len(list(Crawler(fetcher, [srv.url("/")]))) == total
        assert srv.hits["/"] == 1


def urlpath(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_page_limit_and_fetch_many(server: FaultServer) -> None:
    server.pages.update({"/": page("home", [f"/n/{i}/" for i in range(30)])})
    server.pages.update({f"/n/{i}/": page(f"n{i}") for i in range(30)})
    with Fetcher(FetchSettings(**FAST)) as fetcher:
        crawler = Crawler(fetcher, [server.url("/")], settings=CrawlSettings(max_pages=10))
        assert len(list(crawler)) == 10 and crawler.report.limit_reached
        urls = [server.url(f"/n/{i}/") for i in range(8)]
        assert sorted(r.url for r in fetcher.fetch_many(urls) if r.ok) == sorted(urls)


@pytest.mark.parametrize("per_host", [1, 3])
def test_per_host_concurrency(server: FaultServer, per_host: int) -> None:
    settings = FetchSettings(**{**FAST, "concurrency": 6, "per_host": per_host})
    urls = [server.url(f"/fault/pause/{i}") for i in range(6)]
    with Fetcher(settings) as fetcher:
        assert all(r.ok for r in fetcher.fetch_many(urls))
    assert server.max_in_flight == per_host


def test_delay_between_requests_to_one_host(server: FaultServer) -> None:
    with Fetcher(FetchSettings(**{**FAST, "delay": 0.15})) as fetcher:
        start = time.monotonic()
        list(fetcher.fetch_many([server.url(f"/fault/flaky/{i}") for i in range(9, 12)]))
    assert time.monotonic() - start >= 0.3  # three requests started 0.15 s apart


def test_robots_txt_server_error_means_do_not_crawl() -> None:
    with FaultServer({"/": page("home")}, robots="oops", robots_status=503) as srv:
        with Fetcher(FetchSettings(**FAST)) as fetcher:
            result = fetcher.fetch(srv.url("/"))
        assert result.error.startswith("robots.txt unavailable (HTTP 503)")
        assert srv.hits["/"] == 0


def test_header_names_are_case_insensitive() -> None:
    # Proxies and CDNs send header names in lower case; REST pagination and redirects must
    # still be read.
    pages = {"/wp-json/wp/v2/posts": Route("[]", content_type="application/json",
                                           headers={"x-wp-totalpages": "3", "link": "<x>"}),
             "/moved/": Route("", status=301, headers={"location": "/target/"}),
             "/target/": page("target")}
    with FaultServer(pages) as srv, Fetcher(FetchSettings(**FAST)) as fetcher:
        listed = fetcher.fetch(srv.url("/wp-json/wp/v2/posts"))
        assert listed.headers.get("X-WP-TotalPages") == "3" and listed.headers.get("Link") == "<x>"
        moved = fetcher.fetch(srv.url("/moved/"), follow_redirects=False)
        assert moved.status == 301 and moved.headers.get("Location") == "/target/"
        kept = pickle.loads(pickle.dumps(moved))  # the discovery journal stores results so
        assert kept.headers.get("LOCATION") == "/target/"
