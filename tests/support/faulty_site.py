"""The static fixture site served with faults injected on chosen paths (for live-migration tests).

``serve_faulty_site(site_dir, faults, links=..., delay=...)`` serves ``site_dir`` exactly as
``static_site.serve_site`` does (same handler, routes and base-URL rewrite) and yields a
``FaultySite`` (``.base`` is ``http://127.0.0.1:<port>``, ``.hits`` counts requests per path
with query). Before the normal handler runs:

* ``delay`` seconds are slept on every request (a slow site, for kill/interrupt tests);
* a path in ``faults`` runs its ``Fault`` (``fault(handler, n)`` with ``n`` = this path's hit
  count); a fault returns True when it answered, False to let the site answer normally;
* ``links`` are appended, as ``<a href>``s, to the home page's ``<body>`` (so the crawl finds them).

Fault factories: ``status_then_ok`` (429/500 the first N hits), ``always_status``, ``sleep``
(past the client's timeout), ``reset_mid_body`` (RST after half the body, the first N hits),
``redirect``, ``wrong_charset`` (header says one charset, the bytes are UTF-8), ``huge``,
``calendar`` (an endless month-to-month archive, each month linking to the next).
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.support.static_site import _Handler as _StaticHandler
from tests.support.static_site import _rewriter
from tests.support.static_site import _Server as _StaticServer

Fault = Callable[["_Handler", int], bool]


def send_response_bytes(handler: BaseHTTPRequestHandler, status: int, body: bytes,
                        headers: dict[str, str] | None = None,
                        ctype: str = "text/html; charset=UTF-8") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def status_then_ok(status: int, times: int, headers: dict[str, str] | None = None) -> Fault:
    """``status`` on the first ``times`` hits (e.g. 429 with Retry-After), then the real page."""
    def fault(handler: _Handler, n: int) -> bool:
        if n > times:
            return False
        send_response_bytes(handler, status, f"<h1>HTTP {status}</h1>".encode(), headers)
        return True
    return fault


def always_status(status: int) -> Fault:
    return status_then_ok(status, 10**9)


def sleep(seconds: float) -> Fault:
    """Answer only after ``seconds`` (past the client's timeout), every time."""
    def fault(handler: _Handler, n: int) -> bool:
        time.sleep(seconds)
        return False
    return fault


def reset_mid_body(times: int = 1) -> Fault:
    """The real page's headers and half its body, then a TCP reset, on the first ``times`` hits."""
    def fault(handler: _Handler, n: int) -> bool:
        if n > times:
            return False
        handler.reset_after_half = True
        return False
    return fault


def redirect(to: str, status: int = 301) -> Fault:
    def fault(handler: _Handler, n: int) -> bool:
        send_response_bytes(handler, status, b"", {"Location": to})
        return True
    return fault


def wrong_charset(label: str = "iso-8859-1") -> Fault:
    """The real (UTF-8) page with a Content-Type header claiming ``label``."""
    def fault(handler: _Handler, n: int) -> bool:
        handler.charset_override = label
        return False
    return fault


def huge(nbytes: int) -> Fault:
    def fault(handler: _Handler, n: int) -> bool:
        send_response_bytes(handler, 200, b"<html><body><p>" + b"x" * nbytes + b"</p></body></html>")
        return True
    return fault


def calendar(prefix: str) -> Fault:
    """``<prefix>YYYY/MM/``: a month page linking to the next month, forever (an events plugin)."""
    def fault(handler: _Handler, n: int) -> bool:
        parts = urlsplit(handler.path).path[len(prefix):].strip("/").split("/")
        try:
            year, month = int(parts[0]), int(parts[1])
        except (IndexError, ValueError):
            return False
        ny, nm = year + month // 12, month % 12 + 1
        body = (f"<!DOCTYPE html><html><head><title>Events {year}-{month:02d}</title></head>"
                f"<body><h1>Events in {year}-{month:02d}</h1><p>No events.</p>"
                f'<a href="{prefix}{ny}/{nm:02d}/">Next month</a></body></html>')
        send_response_bytes(handler, 200, body.encode())
        return True
    return fault


class _Handler(_StaticHandler):
    server: _FaultyServer
    reset_after_half = False
    charset_override = ""

    def _handle(self) -> None:
        srv = self.server
        with srv.lock:
            srv.hits[self.path] += 1
            n = srv.hits[self.path]
        if srv.delay:
            time.sleep(srv.delay)
        path = urlsplit(self.path).path
        fault = srv.faults.get(self.path) or srv.faults.get(path)
        if fault is None:
            fault = next((f for p, f in srv.prefix_faults.items() if path.startswith(p)), None)
        if fault is not None and fault(self, n):
            return
        self._serve(head_only=self.command == "HEAD")

    do_GET = do_HEAD = _handle

    def _send(self, status: int, body: bytes, ctype: str, headers: dict | None = None,
              head_only: bool = False) -> None:
        if urlsplit(self.path).path == "/" and status == 200 and self.server.links:
            anchors = "".join(f'<a href="{href}">{href}</a>\n' for href in self.server.links)
            body = body.replace(b"</body>", anchors.encode() + b"</body>", 1)
        if self.charset_override:
            ctype = ctype.split(";")[0] + f"; charset={self.charset_override}"
        if not self.reset_after_half:
            return super()._send(status, body, ctype, headers, head_only)
        body = self.server.rewrite(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        # RST rather than FIN, as with a crashed PHP worker.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
        self.connection.close()
        self.close_connection = True


class _FaultyServer(_StaticServer):
    lock: threading.Lock
    hits: Counter[str]
    delay: float
    faults: dict[str, Fault]
    prefix_faults: dict[str, Fault]
    links: list[str]

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, OSError)):
            super().handle_error(request, client_address)  # a client that hung up is expected


@dataclass
class FaultySite:
    base: str
    server: _FaultyServer = field(repr=False)

    @property
    def hits(self) -> Counter[str]:
        return self.server.hits

    def url(self, path: str) -> str:
        return self.base + path

    def total(self) -> int:
        with self.server.lock:
            return sum(self.server.hits.values())

    def reset_counts(self) -> Counter[str]:
        """Clear the hit counts; return what they were."""
        with self.server.lock:
            before = Counter(self.server.hits)
            self.server.hits.clear()
        return before

    def set_delay(self, seconds: float) -> None:
        self.server.delay = seconds


@contextlib.contextmanager
def serve_faulty_site(site_dir: str | Path, faults: dict[str, Fault] | None = None, *,
                      prefix_faults: dict[str, Fault] | None = None,
                      links: list[str] | None = None, delay: float = 0.0) -> Iterator[FaultySite]:
    """Serve the fixture mirror on 127.0.0.1 with ``faults``; yields a ``FaultySite``."""
    root = Path(site_dir).resolve()
    routes_file = root / "_routes.json"
    doc = json.loads(routes_file.read_text(encoding="utf-8")) if routes_file.is_file() else {}
    httpd = _FaultyServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.root, httpd.routes_doc, httpd.routes = root, doc, doc.get("routes", {})
    httpd.base_url = base
    httpd.rewrite = _rewriter(doc["base_url"], base) if doc.get("base_url") else (lambda b: b)
    httpd.lock, httpd.hits, httpd.delay = threading.Lock(), Counter(), delay
    httpd.faults, httpd.prefix_faults = dict(faults or {}), dict(prefix_faults or {})
    httpd.links = list(links or [])
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), name="faulty-site",
                              daemon=True)
    thread.start()
    try:
        yield FaultySite(base, httpd)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
