"""The REST source against a local server answering like WordPress 6.1's ``/wp/v2`` (view
context): pretty ``/wp-json/`` and ``?rest_route=`` forms, X-WP-Total(Pages) pagination, and the
401/403/404 fallbacks."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from mwmigrate.fetch import Fetcher, FetchSettings
from mwmigrate.model import Author, Media, Post, Site, Term
from mwmigrate.sources.rest import RestApi, RestSettings, RestSource, RestUnavailable, discover_rest

B = "{base}"  # replaced by the server's address when served


def _links(coll: str, obj_id: int) -> dict[str, Any]:
    return {"self": [{"href": f"{B}/wp-json/wp/v2/{coll}/{obj_id}"}],
            "collection": [{"href": f"{B}/wp-json/wp/v2/{coll}"}]}


def wp_post(obj_id: int, slug: str, title: str, *, date: str, date_gmt: str, cats: list[int],
            tags: list[int], author: int = 1, sticky: bool = False, fmt: str = "standard",
            protected: bool = False, content: str = "<p>Body.</p>\n", featured: int = 0
            ) -> dict[str, Any]:
    return {
        "id": obj_id, "date": date, "date_gmt": date_gmt,
        "guid": {"rendered": f"{B}/?p={obj_id}"}, "modified": date, "modified_gmt": date_gmt,
        "slug": slug, "status": "publish", "type": "post",
        "link": f"{B}/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/",
        "title": {"rendered": title},
        "content": {"rendered": "" if protected else content, "protected": protected},
        "excerpt": {"rendered": "" if protected else "<p>Body.</p>\n", "protected": protected},
        "author": author, "featured_media": featured, "comment_status": "open",
        "ping_status": "open", "sticky": sticky, "template": "", "format": fmt, "meta": [],
        "categories": cats, "tags": tags, "_links": _links("posts", obj_id)}


POSTS = [
    wp_post(1241, "markup-html-tags-and-formatting", "Markup: HTML Tags and Formatting",
            date="2013-01-11T20:22:19", date_gmt="2013-01-11T20:22:19", cats=[29], tags=[],
            content="<h2>Headings</h2>\n<p>Text &amp; more.</p>\n"),
    wp_post(1000, "template-sticky", "Template: Sticky", date="2012-01-07T07:07:21",
            date_gmt="2012-01-07T14:07:21", cats=[29, 30], tags=[31], sticky=True),
    wp_post(1168, "post-format-aside", "Post Format: Aside", date="2010-09-08T11:19:13",
            date_gmt="2010-09-08T18:19:13", cats=[30], tags=[31], fmt="aside", author=2),
    wp_post(1170, "template-password-protected", "Protected: Template: Password Protected "
            "(the password is &#8220;enter&#8221;)", date="2012-01-04T09:38:05",
            date_gmt="2012-01-04T16:38:05", cats=[29], tags=[], protected=True, featured=1022),
]
PAGES = [{
    "id": 146, "date": "2007-09-04T10:17:18", "date_gmt": "2007-09-04T17:17:18",
    "guid": {"rendered": f"{B}/?page_id=146"}, "modified": "2007-09-04T10:17:18",
    "modified_gmt": "2007-09-04T17:17:18", "slug": "about", "status": "publish", "type": "page",
    "link": f"{B}/level-1/about/", "title": {"rendered": "About &#038; Us"},
    "content": {"rendered": "<p>About.</p>\n", "protected": False},
    "excerpt": {"rendered": "<p>About.</p>\n", "protected": False}, "author": 1,
    "featured_media": 0, "parent": 172, "menu_order": 3, "comment_status": "closed",
    "ping_status": "closed", "template": "", "meta": [], "_links": _links("pages", 146)}]
CATEGORIES = [
    {"id": 29, "count": 3, "description": "Posts in this category test markup tags.",
     "link": f"{B}/category/markup/", "name": "Markup", "slug": "markup",
     "taxonomy": "category", "parent": 0, "meta": [], "_links": _links("categories", 29)},
    {"id": 30, "count": 2, "description": "", "link": f"{B}/category/markup/post-formats/",
     "name": "Post Formats &amp; More", "slug": "post-formats", "taxonomy": "category",
     "parent": 29, "meta": [], "_links": _links("categories", 30)}]
TAGS = [{"id": 31, "count": 2, "description": "", "link": f"{B}/tag/sticky/", "name": "sticky",
         "slug": "sticky", "taxonomy": "post_tag", "meta": [], "_links": _links("tags", 31)}]
USERS = [
    {"id": 1, "name": "Theme Buster", "url": "https://wpthemetestdata.wordpress.com",
     "description": "", "link": f"{B}/author/themedemos/", "slug": "themedemos",
     "avatar_urls": {"24": "https://secure.gravatar.com/avatar/x?s=24&d=mm&r=g"},
     "meta": [], "_links": _links("users", 1)},
    {"id": 2, "name": "Theme Reviewer", "url": "", "description": "Reviews themes.",
     "link": f"{B}/author/themereviewer/", "slug": "themereviewer", "avatar_urls": {},
     "meta": [], "_links": _links("users", 2)}]
MEDIA = [{
    "id": 1022, "date": "2011-07-15T14:17:04", "date_gmt": "2011-07-15T21:17:04",
    "guid": {"rendered": f"{B}/wp-content/uploads/2011/07/boat.jpg"},
    "modified": "2011-07-15T14:17:04", "modified_gmt": "2011-07-15T21:17:04", "slug": "boat",
    "status": "inherit", "type": "attachment", "link": f"{B}/boat/",
    "title": {"rendered": "Boat &#8211; at sea"}, "author": 1, "comment_status": "open",
    "ping_status": "closed", "template": "", "meta": [],
    "description": {"rendered": f"<p class=\"attachment\"><a href='{B}/wp-content/uploads/2011/"
                                f"07/boat.jpg'><img src='x'></a></p>\n<p>A boat.</p>\n"},
    "caption": {"rendered": "<p>Boat at sea</p>\n"}, "alt_text": "A boat",
    "media_type": "image", "mime_type": "image/jpeg",
    "media_details": {"width": 1200, "height": 800, "file": "2011/07/boat.jpg", "sizes": {
        "thumbnail": {"file": "boat-150x150.jpg", "width": 150, "height": 150,
                      "mime_type": "image/jpeg",
                      "source_url": f"{B}/wp-content/uploads/2011/07/boat-150x150.jpg"},
        "full": {"file": "boat.jpg", "width": 1200, "height": 800, "mime_type": "image/jpeg",
                 "source_url": f"{B}/wp-content/uploads/2011/07/boat.jpg"}},
        "image_meta": {"caption": "", "copyright": ""}},
    "post": 1170, "source_url": f"{B}/wp-content/uploads/2011/07/boat.jpg",
    "_links": _links("media", 1022)}]
COLLECTIONS = {"posts": POSTS, "pages": PAGES, "categories": CATEGORIES, "tags": TAGS,
               "users": USERS, "media": MEDIA}


class WPHandler(BaseHTTPRequestHandler):
    """Enough of WordPress: the home page, the index and paginated collections."""

    mode = "pretty"  # "pretty", "query", "401", "403", "404", "html"
    requests: list[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.requests.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        route = None
        if parts.path.startswith("/wp-json") and self.mode != "query":
            route = parts.path[len("/wp-json"):] or "/"
        elif parts.path == "/" and "rest_route" in query:
            route = query.pop("rest_route")
        if route is None:
            if parts.path == "/":
                return self._home(base)
            return self._json(404, {"code": "rest_no_route", "message": "No route.",
                                    "data": {"status": 404}}, base)
        if self.mode in ("401", "403"):
            return self._json(int(self.mode), {"code": "rest_forbidden", "message": "Sorry, you "
                              "are not allowed to do that.", "data": {"status": int(self.mode)}},
                              base)
        if self.mode == "404":
            return self._send(404, b"<html><body>Not Found</body></html>", "text/html", {})
        if self.mode == "html":
            return self._send(200, b"<html><body>Security check</body></html>", "text/html", {})
        if route.strip("/") == "":
            return self._json(200, {"name": "Theme Unit Test", "description": "A test site",
                                    "url": base, "home": base, "gmt_offset": "-7",
                                    "timezone_string": "America/Los_Angeles",
                                    "namespaces": ["oembed/1.0", "wp/v2", "wp-site-health/v1"],
                                    "authentication": [], "routes": {}}, base)
        name = route.strip("/").split("/")[-1]
        self._collection(COLLECTIONS[name], query, base)

    def _collection(self, items: list[dict[str, Any]], query: dict[str, str], base: str) -> None:
        per_page = int(query.get("per_page", 10))
        if per_page > 100:
            return self._json(400, {"code": "rest_invalid_param"}, base)
        page = int(query.get("page", 1))
        pages = max(1, math.ceil(len(items) / per_page))
        if page > pages:
            return self._json(400, {"code": "rest_post_invalid_page_number", "message": "The "
                              "page number requested is larger than the number of pages "
                              "available.", "data": {"status": 400}}, base)
        chunk = items[(page - 1) * per_page: page * per_page]
        self._json(200, chunk, base, {"X-WP-Total": str(len(items)),
                                      "X-WP-TotalPages": str(pages)})

    def _home(self, base: str) -> None:
        root = f"{base}/?rest_route=/" if self.mode == "query" else f"{base}/wp-json/"
        body = (f'<!DOCTYPE html><html><head><link rel="https://api.w.org/" href="{root}" />'
                f"</head><body>Home</body></html>").encode()
        headers = {} if self.mode == "query" else {"Link": f'<{root}>; rel="https://api.w.org/"'}
        self._send(200, body, "text/html; charset=UTF-8", headers)

    def _json(self, status: int, obj: Any, base: str, headers: dict[str, str] | None = None
              ) -> None:
        body = json.dumps(obj).replace(B, base).encode()
        self._send(status, body, "application/json; charset=UTF-8", headers or {})

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def wp() -> Iterator[str]:
    WPHandler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), WPHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchSettings(timeout=2, retries=1, backoff=0.01)) as f:
        yield f


def read_all(fetcher: Fetcher, base: str, per_page: int = 100) -> dict[str, list[Any]]:
    api = discover_rest(fetcher, base + "/")
    assert isinstance(api, RestApi), api
    out: dict[str, list[Any]] = {"site": [], "author": [], "term": [], "media": [], "post": []}
    kinds = {Site: "site", Author: "author", Term: "term", Media: "media", Post: "post"}
    for entity in RestSource(fetcher, api, RestSettings(per_page=per_page)):
        out[kinds[type(entity)]].append(entity)
    return out


@pytest.mark.parametrize("mode", ["pretty", "query"])
def test_reads_everything(wp: str, fetcher: Fetcher, mode: str, monkeypatch: Any) -> None:
    monkeypatch.setattr(WPHandler, "mode", mode)
    got = read_all(fetcher, wp)
    assert got["site"][0].title == "Theme Unit Test" and got["site"][0].source == "rest"
    assert [a.login for a in got["author"]] == ["themedemos", "themereviewer"]
    terms = {t.slug: t for t in got["term"]}
    assert terms["post-formats"].parent == "markup" and terms["post-formats"].name == \
        "Post Formats & More"
    assert terms["sticky"].taxonomy == "post_tag"
    posts = {p.slug: p for p in got["post"]}
    markup = posts["markup-html-tags-and-formatting"]
    assert markup.content_html == "<h2>Headings</h2>\n<p>Text &amp; more.</p>\n"
    assert markup.date == "2013-01-11T20:22:19+00:00" and markup.categories == ["markup"]
    sticky = posts["template-sticky"]
    assert sticky.date == "2012-01-07T07:07:21-07:00"
    assert sticky.date_gmt == "2012-01-07T14:07:21+00:00"
    assert sticky.sticky and sticky.categories == ["markup", "post-formats"]
    assert sticky.tags == ["sticky"] and sticky.author == "themedemos"
    assert sticky.url == f"{wp}/2012/01/07/template-sticky/" and sticky.source == "rest"
    aside = posts["post-format-aside"]
    assert aside.format == "aside" and aside.author == "themereviewer"
    protected = posts["template-password-protected"]
    assert protected.password_protected and protected.content_html == ""
    assert protected.title == "Protected: Template: Password Protected (the password is " \
        "\u201center\u201d)"
    assert protected.featured_media == 1022
    assert protected.featured_image == f"{wp}/wp-content/uploads/2011/07/boat.jpg"
    page = posts["about"]
    assert (page.type, page.parent, page.menu_order, page.title) == ("page", 172, 3, "About & Us")
    assert page.guid == f"{wp}/?page_id=146"
    media = got["media"][0]
    assert media.caption == "Boat at sea" and media.description == "A boat."
    assert media.title == "Boat \u2013 at sea" and media.parent == 1170
    assert media.sizes == {"thumbnail": f"{wp}/wp-content/uploads/2011/07/boat-150x150.jpg"}
    assert (media.width, media.height, media.alt) == (1200, 800, "A boat")
    if mode == "query":
        assert all("/wp-json" not in r for r in WPHandler.requests)
        assert any(r.startswith("/?rest_route=/wp/v2/posts&") for r in WPHandler.requests)


def test_pagination_follows_total_pages(wp: str, fetcher: Fetcher) -> None:
    got = read_all(fetcher, wp, per_page=3)
    assert len(got["post"]) == 5
    post_requests = [r for r in WPHandler.requests if r.startswith("/wp-json/wp/v2/posts")]
    assert post_requests == ["/wp-json/wp/v2/posts?per_page=3&page=1",
                             "/wp-json/wp/v2/posts?per_page=3&page=2"]  # no page 3: TotalPages=2
    WPHandler.requests = []
    read_all(fetcher, wp)
    assert [r for r in WPHandler.requests if "/wp/v2/posts" in r] == [
        "/wp-json/wp/v2/posts?per_page=100&page=1"]


@pytest.mark.parametrize("mode,reason", [
    ("401", "HTTP 401 (the API is restricted"), ("403", "HTTP 403 (the API is restricted"),
    ("404", "HTTP 404 (the API is disabled"), ("html", "not JSON (text/html)")])
def test_unavailable_says_why(wp: str, fetcher: Fetcher, monkeypatch: Any, mode: str,
                              reason: str) -> None:
    monkeypatch.setattr(WPHandler, "mode", mode)
    result = discover_rest(fetcher, wp + "/")
    assert isinstance(result, RestUnavailable)
    assert str(result).startswith("REST unavailable: ") and reason in str(result)
    assert f"{wp}/?rest_route=/" in str(result)  # the query form was tried too


MORGANWISEMAN = Path(__file__).resolve().parents[2] / "fixtures/sites/morganwiseman/site"


@pytest.mark.skipif(not (MORGANWISEMAN / "_routes.json").is_file(), reason="fixture not built")
def test_fixture_site(fetcher: Fetcher) -> None:
    from tests.support.static_site import serve_site

    with serve_site(MORGANWISEMAN) as base:
        got = read_all(fetcher, base)
    assert len([p for p in got["post"] if p.type == "post"]) == 16
    assert len([p for p in got["post"] if p.type == "page"]) == 12
    assert {a.login for a in got["author"]} == {"a9jcbgg", "mwteam"}
    assert all(p.author for p in got["post"])
