"""Later pages of a post that no page links (Gutenberg #29484), found by asking WordPress.

A block theme's core/post-content prints wp_link_pages() only for core/nextpage blocks, so a post
split with the classic <!--nextpage--> shows page 1 and no link to page 2; WordPress still serves
``<permalink>/2/``. ``MiniWP`` below is a real HTTP server on 127.0.0.1 answering as WordPress
does (wp-includes/class-wp.php handle_404 and canonical.php redirect_canonical, checked against
the real WordPress 6.1 of tests/realwp): page N of a post with N pages or more is a 200 with
``paged-N single-paged-N`` body classes and ``<permalink>/N/`` as canonical URL; past the last
page, or /2/ of a post that is not split, is a 301 back to the permalink. ``old_wordpress``
answers as WordPress before 5.5 did: a 200 showing page 1 (a post not split) or the last page.
Plain permalinks (``?p=N&page=2``), a static front page (``?page=2`` -> ``/page/2/``), a classic
theme (which prints the page links), REST, and a run killed while probing are all served.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from mwmigrate.archive.verify import verify_archive
from mwmigrate.cli import main as cli_main
from mwmigrate.fetch import FetchSettings
from mwmigrate.live import LiveOptions, LiveResult, migrate_site
from tests.support.faulty_site import send_response_bytes
from tests.support.processes import sigkill_when

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Item:
    wp_id: int
    type: str  # post | page
    slug: str
    title: str
    pages: list[str]  # the body of each page, as the_content() prints it
    date: str = "2021-03-04T10:00:00"


ITEMS = [
    Item(11, "post", "split-in-three", "Split in three",
         ["<p>Alpha opens the story of the harbour.</p>",
          "<p>Bravo continues with the lighthouse keeper.</p>",
          ("<p>Charlie ends it at the quay <img src=\"/wp-content/uploads/2021/03/quay.jpg\" "
           "alt=\"The quay\"></p>")]),
    Item(12, "post", "one-page-only", "One page only",
         ["<p>Delta is a post that was never split.</p>"], "2021-03-05T10:00:00"),
    Item(13, "page", "about", "About", ["<p>Echo tells who we are.</p>"]),
    Item(14, "page", "guide", "Guide",
         ["<p>Foxtrot starts the guide.</p>", "<p>Golf finishes the guide.</p>"]),
]
BY_ID = {item.wp_id: item for item in ITEMS}
SPLIT = {item.wp_id for item in ITEMS if len(item.pages) > 1}


class MiniWP(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, theme: str = "block", permalinks: str = "pretty",
                 old_wordpress: bool = False, rest: bool = False, front_page: int = 0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.theme, self.permalinks, self.old, self.rest = theme, permalinks, old_wordpress, rest
        self.front_page = front_page  # a page shown as the static front page
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.hold: set[str] = set()  # paths whose first request waits (a run is killed then)
        self.held = threading.Event()

    # -------------------------------------------------------------- URLs, as WordPress makes them

    def permalink(self, item: Item) -> str:
        if item.wp_id == self.front_page:
            return self.base + "/"
        if self.permalinks == "plain":
            key = "p" if item.type == "post" else "page_id"
            return f"{self.base}/?{key}={item.wp_id}"
        if item.type == "page":
            return f"{self.base}/{item.slug}/"
        y, m, d = item.date[:10].split("-")
        return f"{self.base}/{y}/{m}/{d}/{item.slug}/"

    def page_url(self, item: Item, number: int) -> str:
        """_wp_link_page()."""
        link = self.permalink(item)
        if number == 1:
            return link
        if self.permalinks == "plain":
            return link + ("?" if link.endswith("/") else "&") + f"page={number}"
        if item.wp_id == self.front_page:
            return f"{link}page/{number}/"
        return f"{link}{number}/"

    def resolve(self, path_query: str) -> tuple[Item | None, int]:
        """The item and page number a request asks for (None: not a post)."""
        parts = urlsplit(path_query)
        query = dict(parse_qsl(parts.query))
        number = int(query.get("page") or 1)
        if self.permalinks == "plain" and ("p" in query or "page_id" in query):
            return BY_ID.get(int(query.get("p") or query.get("page_id") or 0)), number
        if self.front_page and parts.path == "/":
            return BY_ID[self.front_page], number
        if self.front_page and parts.path.startswith("/page/"):
            tail = parts.path[len("/page/"):].strip("/")
            return (BY_ID[self.front_page], int(tail)) if tail.isdigit() else (None, 1)
        if self.permalinks == "plain":
            return None, 1
        for item in ITEMS:
            link = urlsplit(self.permalink(item)).path
            if item.wp_id == self.front_page or not parts.path.startswith(link):
                continue
            tail = parts.path[len(link):].strip("/")
            if tail == "":
                return item, 1
            if tail.isdigit():
                return item, int(tail)
        return None, 1


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: MiniWP

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            srv.hits[self.path] += 1
            hold = self.path in srv.hold
            srv.hold.discard(self.path)
        if hold:
            srv.held.set()
            time.sleep(5)  # the client is killed meanwhile
        path = urlsplit(self.path).path
        if path.startswith("/wp-json"):
            return self._rest(path)
        if path.startswith("/wp-content/"):
            return self._send(200, b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")
        item, number = srv.resolve(self.path)
        if item is None:
            if path == "/" and not urlsplit(self.path).query:
                return self._send(200, self._home().encode())
            return self._send(404, b"<html><body class=\"error404\">Not found</body></html>")
        shown = number
        if number > len(item.pages):
            if not srv.old:  # handle_404 + redirect_canonical (WordPress 5.5+)
                return self._send(301, b"", headers={"Location": srv.permalink(item)})
            shown = 1 if len(item.pages) == 1 else len(item.pages)  # setup_postdata() clamps
        asked_query = "page" in dict(parse_qsl(urlsplit(self.path).query))
        if number > 1 and asked_query and srv.permalinks == "pretty":  # redirect_canonical
            return self._send(301, b"", headers={"Location": srv.page_url(item, number)})
        self._send(200, self._single(item, shown, paged=number).encode())

    # -------------------------------------------------------------- pages

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=UTF-8",
              headers: dict[str, str] | None = None) -> None:
        send_response_bytes(self, status, body, headers, ctype)

    def _head(self, title: str, canonical: str = "", wp_id: int = 0) -> str:
        srv = self.server
        links = f'<link rel="canonical" href="{canonical}" />' if canonical else ""
        if wp_id:
            links += f"<link rel='shortlink' href='{srv.base}/?p={wp_id}' />"
        if srv.rest:
            links += f'<link rel="https://api.w.org/" href="{srv.base}/wp-json/" />'
        return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8">'
                f"<title>{title} &#8211; Mini WP</title>{links}"
                f'<meta name="generator" content="WordPress 6.1.1" /></head>')

    def _chrome(self, inner: str) -> str:
        """The theme around the content: a block template, or a classic theme's page."""
        srv = self.server
        nav = "".join(f'<li><a href="{srv.permalink(i)}">{i.title}</a></li>' for i in ITEMS)
        if srv.theme == "block":
            return (f'<div class="wp-site-blocks"><header class="wp-block-template-part">'
                    f'<p class="wp-block-site-title"><a href="{srv.base}/" rel="home">Mini WP</a></p>'
                    f'<nav class="wp-block-navigation"><ul class="wp-block-navigation__container">'
                    f"{nav}</ul></nav></header>{inner}"
                    f'<footer class="wp-block-template-part"><p>Proudly powered by WordPress</p>'
                    f"</footer></div>")
        return (f'<div id="page" class="site"><header id="masthead" class="site-header">'
                f'<p class="site-title"><a href="{srv.base}/" rel="home">Mini WP</a></p>'
                f'<nav id="site-navigation"><ul class="menu">{nav}</ul></nav></header>'
                f'<main id="main" class="site-main">{inner}</main>'
                f'<footer id="colophon" class="site-footer"><p>Proudly powered by WordPress</p>'
                f"</footer></div>")

    def _home(self) -> str:
        srv = self.server
        listed = "".join(f'<li><h2 class="wp-block-post-title"><a href="{srv.permalink(i)}">'
                         f"{i.title}</a></h2></li>" for i in ITEMS if i.wp_id != srv.front_page)
        return (self._head("Mini WP", srv.base + "/") + '<body class="home blog">'
                + self._chrome(f'<main class="wp-block-query"><ul class="wp-block-post-template">'
                               f"{listed}</ul></main>") + "</body></html>")

    def _single(self, item: Item, number: int, *, paged: int = 0) -> str:
        srv = self.server
        paged = paged or number
        front = item.wp_id == srv.front_page
        if item.type == "post":
            classes = f"post-template-default single single-post postid-{item.wp_id}"
        else:
            classes = f"page-template-default page page-id-{item.wp_id}"
        if front:
            classes = "home " + classes
        if paged > 1:
            classes += f" paged-{paged} {'single' if item.type == 'post' else 'page'}-paged-{paged}"
        canonical = srv.page_url(item, paged)
        if front and paged > 1:
            canonical = f"{srv.base}/{paged}/"  # what WordPress 6.1 prints there
        body = item.pages[number - 1]
        date = ""
        if item.type == "post":
            date = (f'<div class="wp-block-post-date"><time datetime="{item.date}+00:00">'
                    f"{item.date[:10]}</time></div>")
        if srv.theme == "block":  # core/post-content: no wp_link_pages() for a classic split
            inner = (f'<main class="wp-block-group is-layout-constrained">'
                     f'<h1 class="wp-block-post-title">{item.title}</h1>{date}'
                     f'<div class="entry-content wp-block-post-content is-layout-constrained">'
                     f"{body}</div></main>")
        else:
            links = ""
            if len(item.pages) > 1:  # wp_link_pages()
                links = '<div class="page-links">Pages: ' + "".join(
                    f'<span class="post-page-numbers current">{n}</span>' if n == number else
                    f'<a href="{srv.page_url(item, n)}" class="post-page-numbers">{n}</a>'
                    for n in range(1, len(item.pages) + 1)) + "</div>"
            inner = (f'<article id="post-{item.wp_id}" class="post-{item.wp_id} {item.type} '
                     f'type-{item.type} status-publish hentry"><header class="entry-header">'
                     f'<h1 class="entry-title">{item.title}</h1>{date}</header>'
                     f'<div class="entry-content">{body}{links}</div></article>')
        return (self._head(item.title, canonical, item.wp_id) + f'<body class="{classes}">'
                + self._chrome(inner) + "</body></html>")

    # -------------------------------------------------------------- REST

    def _rest(self, path: str) -> None:
        srv = self.server
        if not srv.rest:
            return self._send(404, b"<html><body>Not found</body></html>")
        route = path[len("/wp-json"):].strip("/")
        if route == "":
            obj: Any = {"name": "Mini WP", "description": "", "url": srv.base, "home": srv.base,
                        "gmt_offset": "0", "namespaces": ["wp/v2"], "routes": {}}
            return self._send(200, json.dumps(obj).encode(), "application/json; charset=UTF-8")
        kind = route.rsplit("/", 1)[-1]
        items = []
        if kind in ("posts", "pages"):
            items = [{"id": i.wp_id, "type": i.type, "status": "publish", "slug": i.slug,
                      "link": srv.permalink(i), "date": i.date, "date_gmt": i.date,
                      "modified": i.date, "modified_gmt": i.date, "author": 1,
                      "title": {"rendered": i.title}, "excerpt": {"rendered": ""},
                      "content": {"rendered": "\n<p><!--nextpage--></p>\n".join(i.pages) + "\n",
                                  "protected": False},
                      "categories": [], "tags": []}
                     for i in ITEMS if i.type == kind[:-1]]
        elif kind == "users":
            items = [{"id": 1, "slug": "editor", "name": "Editor"}]
        body = json.dumps(items).encode()
        self._send(200, body, "application/json; charset=UTF-8",
                   {"X-WP-Total": str(len(items)), "X-WP-TotalPages": "1"})


@pytest.fixture()
def serve() -> Iterator[Any]:
    servers: list[MiniWP] = []

    def start(**kw: Any) -> MiniWP:
        srv = MiniWP(**kw)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def _fast(**kw: Any) -> FetchSettings:
    return FetchSettings(**{"timeout": 5, "retries": 1, "backoff": 0.01, "concurrency": 4,
                            "per_host": 4, **kw})


def _run(srv: MiniWP, out: Path, **options: Any) -> LiveResult:
    options = {"rest": False, "feed": False, **options}
    fetch = options.pop("fetch", _fast())
    return migrate_site(srv.base + "/", out, LiveOptions(fetch=fetch, progress=False, **options))


def _records(out: Path) -> dict[int, dict[str, Any]]:
    lines = (out / "records" / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["wp_id"]: r for r in map(json.loads, lines)}


def _manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _words(html: str) -> list[str]:
    """The first word of each page's paragraph, in the order the body holds them."""
    names = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf")
    return sorted((n for n in names if n in html), key=html.index)


def _probe_paths(srv: MiniWP, hits: Counter[str]) -> dict[str, int]:
    """Requests for pages 2.. of any post (linked or not)."""
    found = {}
    for path, n in hits.items():
        item, number = srv.resolve(path)
        if item is not None and number > 1:
            found[path] = n
    return found


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --------------------------------------------------------------------------- tests


def test_block_theme_pages_found_by_probing_and_joined(serve: Any, tmp_path: Path) -> None:
    srv = serve()
    result = _run(srv, tmp_path / "out")
    records = _records(tmp_path / "out")
    assert _words(records[11]["content_html"]) == ["Alpha", "Bravo", "Charlie"]
    assert records[11]["pages"] == 3
    assert records[11]["content_markdown"].count("<!--nextpage-->") == 2
    assert _words(records[14]["content_html"]) == ["Foxtrot", "Golf"] and records[14]["pages"] == 2
    for pid in (12, 13):  # not split: their /2/ redirected to the permalink
        assert _words(records[pid]["content_html"]) == _words(BY_ID[pid].pages[0])
        assert records[pid]["pages"] == 1 and records[pid]["warnings"] == []
    assert records[11]["warnings"] == [] and records[11]["source"] == "html"
    # Exactly WordPress's rule: page N+1 of each post asked once, until the redirect back.
    post, page = BY_ID[11], BY_ID[14]
    expected = {_path(srv.page_url(post, n)) for n in (2, 3, 4)} | {
        _path(srv.page_url(page, n)) for n in (2, 3)} | {
        _path(srv.page_url(BY_ID[pid], 2)) for pid in (12, 13)}
    probes = _probe_paths(srv, srv.hits)
    assert set(probes) == expected and set(probes.values()) == {1}, probes
    # 7 URLs, 7 requests: the 4 answered with a redirect back to the permalink are not
    # followed (page 1 is not asked for again: each permalink was fetched once, by the crawl).
    assert all(srv.hits[_path(srv.permalink(BY_ID[pid]))] == 1 for pid in BY_ID), srv.hits
    assert (result.probed_posts, result.probes, result.probe_requests,
            result.found_by_probing) == (4, 7, 7, 2)
    manifest = _manifest(tmp_path / "out")
    assert manifest["source"]["page_probes"] == {"posts_probed": 4, "pages_asked": 7,
                                                 "http_requests": 7, "found_paginated": 2}
    [said] = [w for w in manifest["warnings"] if "split into pages" in w]
    assert said.startswith("2 of 4 posts shown without page links")
    assert "(7 pages asked for, 7 HTTP requests)" in said
    assert srv.permalink(post) in said and srv.permalink(page) in said
    assert manifest["options"]["probe_pages"] is True
    # The image of page 3 is one of the site's media records, as a linked page's would be.
    media = (tmp_path / "out" / "records" / "media.jsonl").read_text(encoding="utf-8")
    assert "quay.jpg" in media
    assert verify_archive(tmp_path / "out") == []


def test_plain_permalinks_probe_with_the_page_query(serve: Any, tmp_path: Path) -> None:
    srv = serve(permalinks="plain")
    result = _run(srv, tmp_path / "out")
    records = _records(tmp_path / "out")
    assert _words(records[11]["content_html"]) == ["Alpha", "Bravo", "Charlie"]
    assert _words(records[14]["content_html"]) == ["Foxtrot", "Golf"]
    assert _words(records[12]["content_html"]) == ["Delta"]
    probes = _probe_paths(srv, srv.hits)  # _wp_link_page(): add_query_arg('page', N, permalink)
    assert probes == {path: 1 for path in (
        "/?p=11&page=2", "/?p=11&page=3", "/?p=11&page=4", "/?p=12&page=2",
        "/?page_id=13&page=2", "/?page_id=14&page=2", "/?page_id=14&page=3")}
    assert (result.probes, result.found_by_probing) == (7, 2)


def test_static_front_page_probed_with_page_query(serve: Any, tmp_path: Path) -> None:
    srv = serve(front_page=14)
    _run(srv, tmp_path / "out")
    records = _records(tmp_path / "out")
    assert _words(records[14]["content_html"]) == ["Foxtrot", "Golf"]
    assert records[14]["url"] == srv.base + "/"
    # ?page=2 -> 301 /page/2/ (page 2), ?page=3 -> 301 / (no such page)
    assert srv.hits["/?page=2"] == srv.hits["/page/2/"] == srv.hits["/?page=3"] == 1


def test_wordpress_before_5_5_repeated_body_ends_probing(serve: Any, tmp_path: Path) -> None:
    """/2/ of a post not split shows page 1 again, /4/ of three pages the third again: a body
    already seen is no new page."""
    srv = serve(old_wordpress=True)
    result = _run(srv, tmp_path / "out")
    records = _records(tmp_path / "out")
    assert _words(records[11]["content_html"]) == ["Alpha", "Bravo", "Charlie"]
    assert _words(records[12]["content_html"]) == ["Delta"] and records[12]["pages"] == 1
    assert _words(records[13]["content_html"]) == ["Echo"]
    assert _words(records[14]["content_html"]) == ["Foxtrot", "Golf"]
    assert (result.probes, result.found_by_probing) == (7, 2)


def test_max_pages_bounds_probing(serve: Any, tmp_path: Path) -> None:
    """Probes are page fetches: --max-pages bounds them, and each post left unprobed says so."""
    srv = serve()
    pages = _run(srv, tmp_path / "off", probe_pages=False).fetched
    srv.hits.clear()
    result = _run(srv, tmp_path / "out", max_pages=pages + 2)
    assert result.fetched == pages + 2 and result.probes == 2 == result.probed_posts
    # Archive order: pages first (13 "About", 14 "Guide"), then posts.
    assert set(_probe_paths(srv, srv.hits)) == {_path(srv.page_url(BY_ID[pid], 2)) for pid in (13, 14)}
    records = _records(tmp_path / "out")
    assert _words(records[14]["content_html"]) == ["Foxtrot", "Golf"]
    assert records[14]["warnings"] == [
        f"later pages of the post: page 3 and later not asked for: over --max-pages={pages + 2}"]
    for pid in (11, 12):
        assert records[pid]["warnings"] == [
            f"later pages of the post: page 2 and later not asked for: over --max-pages={pages + 2}"]
    assert records[13]["warnings"] == []


def test_no_probe_pages_turns_it_off(serve: Any, tmp_path: Path) -> None:
    srv = serve()
    result = _run(srv, tmp_path / "out", probe_pages=False)
    assert _probe_paths(srv, srv.hits) == {}
    assert result.probes == result.probed_posts == 0
    records = _records(tmp_path / "out")
    assert _words(records[11]["content_html"]) == ["Alpha"]  # page 1 only, as before
    manifest = _manifest(tmp_path / "out")
    assert "page_probes" not in manifest["source"] and manifest["options"]["probe_pages"] is False


def test_cli_flag(serve: Any, tmp_path: Path) -> None:
    srv = serve()
    argv = ["migrate", srv.base + "/", "--out", str(tmp_path / "off"), "--no-rest", "--no-feed",
            "--no-progress", "-q", "--cache-dir", str(tmp_path / "cache-off")]
    assert cli_main([*argv, "--no-probe-pages"]) == 0
    assert _probe_paths(srv, srv.hits) == {}
    assert _manifest(tmp_path / "off")["options"]["probe_pages"] is False
    argv[3], argv[-1] = str(tmp_path / "on"), str(tmp_path / "cache-on")
    assert cli_main(argv) == 0
    assert _probe_paths(srv, srv.hits)
    assert _words(_records(tmp_path / "on")[11]["content_html"]) == ["Alpha", "Bravo", "Charlie"]


def test_classic_theme_costs_nothing_extra(serve: Any, tmp_path: Path) -> None:
    """wp_link_pages() links the pages: they are fetched through the links, nothing is probed,
    and the run asks exactly what it asks with probing off."""
    srv = serve(theme="classic")
    result = _run(srv, tmp_path / "on")
    on = Counter(srv.hits)
    srv.hits.clear()
    _run(srv, tmp_path / "off", probe_pages=False)
    assert on == srv.hits
    assert result.probes == result.probed_posts == 0
    linked = {_path(srv.page_url(BY_ID[11], n)) for n in (2, 3)} | {_path(srv.page_url(BY_ID[14], 2))}
    assert set(_probe_paths(srv, on)) == linked  # no /2/ of a post that is not split
    records = _records(tmp_path / "on")
    assert _words(records[11]["content_html"]) == ["Alpha", "Bravo", "Charlie"]
    assert "page_probes" not in _manifest(tmp_path / "on")["source"]


def test_rest_body_means_no_probing(serve: Any, tmp_path: Path) -> None:
    srv = serve(rest=True)
    result = _run(srv, tmp_path / "out", rest=True)
    assert result.sources_used[0] == "rest"
    assert _probe_paths(srv, srv.hits) == {} and result.probes == 0
    records = _records(tmp_path / "out")
    assert records[11]["source"] == "rest" and records[11]["pages"] == 3
    assert _words(records[11]["content_html"]) == ["Alpha", "Bravo", "Charlie"]


def test_html_only_and_rest_give_the_same_bodies(serve: Any, tmp_path: Path) -> None:
    html_site, rest_site = serve(), serve(rest=True)
    _run(html_site, tmp_path / "html")
    _run(rest_site, tmp_path / "rest", rest=True)
    html, rest = _records(tmp_path / "html"), _records(tmp_path / "rest")
    for pid in BY_ID:
        assert html[pid]["pages"] == rest[pid]["pages"], pid
        assert html[pid]["content_markdown"] == rest[pid]["content_markdown"].replace(
            rest_site.base, html_site.base), pid


# --------------------------------------------------------------------------- kill and resume


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _cli(srv: MiniWP, out: Path, cache: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mwmigrate", "migrate", srv.base + "/", "--out", str(out),
         "--cache-dir", str(cache), "--no-rest", "--no-feed", "--no-progress", "--timeout", "10",
         "--concurrency", "4"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_killed_while_probing_resumes_without_probing_again(serve: Any, tmp_path: Path) -> None:
    srv = serve()
    reference = tmp_path / "reference"
    proc = _cli(srv, reference, tmp_path / "cache-ref")
    assert proc.wait(60) == 0, proc.stderr.read() if proc.stderr else ""
    srv.hits.clear()

    # Killed while waiting for page 3 of the post in three pages: probing runs in rounds, so
    # every page 2 was asked for (and journalled) before.
    third = _path(srv.page_url(BY_ID[11], 3))
    srv.hold, srv.held = {third}, threading.Event()
    out, cache = tmp_path / "archive", tmp_path / "cache"
    assert sigkill_when(_cli(srv, out, cache), srv.held) == -signal.SIGKILL
    assert not out.exists()
    killed = _probe_paths(srv, srv.hits)
    round_one = {_path(srv.page_url(item, 2)) for item in ITEMS}
    assert round_one <= set(killed), killed
    srv.hits.clear()

    proc = _cli(srv, out, cache)
    assert proc.wait(60) == 0, proc.stderr.read() if proc.stderr else ""
    resumed = _probe_paths(srv, srv.hits)
    assert not round_one & set(resumed), resumed  # answered before the kill: not asked again
    assert resumed.get(third) == 1  # never answered: asked now
    assert _hashes(out) == _hashes(reference)  # the same archive, byte for byte
    assert verify_archive(out) == []
