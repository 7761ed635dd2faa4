"""A real HTTP server on 127.0.0.1 (port 0) that misbehaves on purpose, for fetch/crawl tests.

``FaultServer(pages={...})`` serves the given pages (path -> HTML str, or a ``Route``) and
these fault routes, each counted in ``server.hits`` (path with query -> number of requests):

* ``/fault/retry-after/<k>``  429 with ``Retry-After: 1`` on the first hit, then 200
* ``/fault/flaky/<k>``        500 on the first ``flaky_failures`` hits, then 200
* ``/fault/always-500``       500 forever
* ``/fault/slow``             sleeps ``slow_seconds`` before answering (past a short timeout)
* ``/fault/slow-once``        sleeps on the first hit only
* ``/fault/reset``            sends headers and half the body, then closes the socket, forever
* ``/fault/reset-once``       the same on the first hit only, then a full 200
* ``/fault/loop-a`` <-> ``/fault/loop-b``  a redirect loop; ``/fault/moved`` 301 -> 302 -> page
* ``/fault/huge`` (Content-Length) and ``/fault/huge-chunked`` (no length): ``huge_bytes``
* ``/fault/pause/<k>``        answers after 0.1 s; ``max_in_flight`` records the concurrency seen
* ``/fault/latin1-says-utf8``  header charset=utf-8, body ISO-8859-1 with a meta charset
* ``/fault/utf8-says-latin1``  header charset=iso-8859-1, body UTF-8 with a meta charset
* ``/calendar/YYYY/MM/``       an endless calendar: each month links to the next, forever
* ``/robots.txt``              404 unless ``robots`` is given (then ``robots_status``, 200)

A ``Route`` can carry an ETag/Last-Modified; conditional requests then get 304 (``not_modified``
counts them) and ``conditional`` records the validators each request sent.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

LATIN1_PAGE = ('<html><head><meta charset="iso-8859-1"><title>Caf\u00e9</title></head>'
               '<body><p>Cr\u00e8me br\u00fbl\u00e9e \u00a35</p></body></html>')
UTF8_PAGE = ('<html><head><meta charset="utf-8"><title>\u0141\u00f3d\u017a</title></head>'
             '<body><p>\u201cQuoted\u201d \u2014 \u00e9t\u00e9 \u20ac10</p></body></html>')


@dataclass
class Route:
    body: bytes | str
    status: int = 200
    content_type: str = "text/html; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""


def page(title: str, links: list[str] = (), body: str = "") -> str:  # type: ignore[assignment]
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}<ul>{items}</ul></body></html>")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        srv = self.server
        with srv.lock:
            srv.hits[self.path] += 1
            n = srv.hits[self.path]
            srv.requests.append((self.path, dict(self.headers)))
        path = urlsplit(self.path).path
        handler = None
        if path.startswith("/fault/"):
            handler = getattr(self, "_fault_" + path.split("/")[2].replace("-", "_"), None)
        if handler is not None:
            return handler(n)
        if path.startswith("/calendar/"):
            return self._calendar(path)
        if path == "/robots.txt" and srv.robots is not None:
            return self._send(srv.robots_status, srv.robots.encode(), "text/plain")
        route = srv.pages.get(self.path) or srv.pages.get(path)
        if route is None:
            return self._send(404, b"<h1>Not found</h1>", "text/html; charset=UTF-8")
        if isinstance(route, str):
            route = Route(route)
        self._route(route)

    # -- helpers

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=UTF-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _route(self, route: Route) -> None:
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if inm or ims:
            with self.server.lock:
                self.server.conditional.append((self.path, inm or "", ims or ""))
        if (route.etag and inm == route.etag) or (
                not inm and route.last_modified and ims == route.last_modified):
            with self.server.lock:
                self.server.not_modified[self.path] += 1
            self.send_response(304)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            return
        body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
        self._send(route.status, body, route.content_type, headers)

    def _ok(self, title: str) -> None:
        self._send(200, page(title).encode())

    def _reset(self) -> None:
        body = page("reset", body="x" * 2000).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        # RST rather than FIN: the client sees a reset, as with a crashed PHP worker.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
        self.connection.close()
        self.close_connection = True

    # -- fault routes

    def _fault_retry_after(self, n: int) -> None:
        if n == 1:
            return self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
        self._ok("retry-after " + self.path)

    def _fault_flaky(self, n: int) -> None:
        if n <= self.server.flaky_failures:
            return self._send(500, b"<h1>Error establishing a database connection</h1>")
        self._ok("flaky " + self.path)

    def _fault_always_500(self, n: int) -> None:
        self._send(500, b"<h1>Internal Server Error</h1>")

    def _fault_slow(self, n: int) -> None:
        time.sleep(self.server.slow_seconds)
        self._ok("slow")

    def _fault_slow_once(self, n: int) -> None:
        if n == 1:
            time.sleep(self.server.slow_seconds)
        self._ok("slow-once")

    def _fault_reset(self, n: int) -> None:
        self._reset()

    def _fault_reset_once(self, n: int) -> None:
        if n == 1:
            return self._reset()
        self._ok("reset-once")

    def _redirect(self, status: int, to: str) -> None:
        self._send(status, b"", "text/html; charset=UTF-8", {"Location": to})

    def _fault_loop_a(self, n: int) -> None:
        self._redirect(302, "/fault/loop-b")

    def _fault_loop_b(self, n: int) -> None:
        self._redirect(302, "/fault/loop-a")

    def _fault_moved(self, n: int) -> None:
        self._redirect(301, "/fault/moved-again")

    def _fault_moved_again(self, n: int) -> None:
        self._redirect(302, "/fault/landed")

    def _fault_landed(self, n: int) -> None:
        self._ok("landed")

    def _fault_huge(self, n: int) -> None:
        self._send(200, b"<p>" + b"x" * self.server.huge_bytes + b"</p>")

    def _fault_huge_chunked(self, n: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            for _ in range(self.server.huge_bytes // len(chunk) + 1):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up at its cap, as it should

    def _fault_pause(self, n: int) -> None:
        srv = self.server
        with srv.lock:
            srv.in_flight += 1
            srv.max_in_flight = max(srv.max_in_flight, srv.in_flight)
        time.sleep(0.1)
        with srv.lock:
            srv.in_flight -= 1
        self._ok("pause " + self.path)

    def _fault_latin1_says_utf8(self, n: int) -> None:
        self._send(200, LATIN1_PAGE.encode("iso-8859-1"), "text/html; charset=utf-8")

    def _fault_utf8_says_latin1(self, n: int) -> None:
        self._send(200, UTF8_PAGE.encode("utf-8"), "text/html; charset=iso-8859-1")

    def _calendar(self, path: str) -> None:
        parts = [p for p in path.split("/") if p]
        try:
            year, month = int(parts[1]), int(parts[2])
        except (IndexError, ValueError):
            return self._send(404, b"no such month")
        nxt = (year + month // 12, month % 12 + 1)
        self._send(200, page(f"{year}-{month:02d}", [f"/calendar/{nxt[0]}/{nxt[1]:02d}/"]).encode())


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, pages: dict[str, str | Route] | None = None, *, robots: str | None = None,
                 robots_status: int = 200, flaky_failures: int = 2, slow_seconds: float = 1.5,
                 huge_bytes: int = 2 * 1024 * 1024) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = dict(pages or {})
        self.robots = robots
        self.robots_status = robots_status
        self.in_flight = self.max_in_flight = 0
        self.flaky_failures = flaky_failures
        self.slow_seconds = slow_seconds
        self.huge_bytes = huge_bytes
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.conditional: list[tuple[str, str, str]] = []
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._thread: threading.Thread | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a client that hung up is expected

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def reset_counts(self) -> None:
        with self.lock:
            self.hits.clear()
            self.not_modified.clear()
            self.conditional.clear()
            self.requests.clear()

    def __enter__(self) -> FaultServer:
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,),
                                        name="fault-server", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        if self._thread:
            self._thread.join(timeout=5)
