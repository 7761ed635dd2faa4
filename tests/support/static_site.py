"""A real local HTTP server for static WordPress fixture mirrors.

``serve_site(site_dir)`` starts a ``ThreadingHTTPServer`` on 127.0.0.1 (port 0), yields its
base URL (``http://127.0.0.1:<port>``, no trailing slash) and shuts it down on exit.

Behaviour:
* ``_routes.json`` (written by the fixture's build.py) maps ``"/path"`` or
  ``"/path?sorted=query"`` to ``{"file", "status", "content_type", "headers"}``.  The query
  is normalised (parameters sorted, blank values dropped) before lookup, so
  ``?per_page=5&page=2`` and ``?page=2&per_page=5`` hit the same file.
* Otherwise the path is served from the directory: a directory -> its ``index.html``
  (a path without the trailing slash is redirected 301 to it, as WordPress does);
  an unknown query string on an HTML/static path is ignored, as WordPress would mostly
  do; under /wp-json/ an un-rendered query answers 400 ``rest_invalid_param`` (loud, not
  silently wrong).
* Anything else -> the site's 404 page with status 404.
* Every text response has the fixture's base URL (``base_url`` in _routes.json, e.g.
  https://www.morganwiseman.co.uk) rewritten to the server's own base, in three forms:
  plain, JSON-escaped (``https:\\/\\/www...``) and URL-encoded (``https%3A%2F%2Fwww...``).
* Only GET and HEAD are supported; only 127.0.0.1 is bound.
"""
from __future__ import annotations

import contextlib
import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

TEXT_TYPES = {
    ".html": "text/html; charset=UTF-8",
    ".json": "application/json; charset=UTF-8",
    ".xml": "application/xml; charset=UTF-8",
    ".xsl": "application/xml; charset=UTF-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=UTF-8",
    ".js": "application/javascript; charset=UTF-8",
}


def _norm_query(query: str) -> str:
    pairs = sorted((k, v) for k, v in parse_qsl(query, keep_blank_values=False))
    return urlencode(pairs, safe=",")


def _rewriter(orig: str, new: str):
    forms = [
        (orig, new),
        (orig.replace("/", "\\/"), new.replace("/", "\\/")),
        (quote(orig, safe=""), quote(new, safe="")),
    ]

    def rewrite(data: bytes) -> bytes:
        text = data.decode("utf-8")
        for a, b in forms:
            text = text.replace(a, b)
        return text.encode("utf-8")

    return rewrite


class _Handler(BaseHTTPRequestHandler):
    server_version = "Apache"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    # --- helpers -----------------------------------------------------------------
    def _send(self, status: int, body: bytes, ctype: str, headers: dict | None = None,
              head_only: bool = False):
        is_text = ctype.startswith(("text/", "application/json", "application/xml",
                                    "application/rss+xml", "application/javascript"))
        if is_text and body:
            body = self.server.rewrite(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            if isinstance(v, str) and is_text:
                v = self.server.rewrite(v.encode()).decode()
            self.send_header(k, v)
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def _not_found(self, head_only: bool):
        page = self.server.root / self.server.routes_doc.get("not_found", "404.html")
        body = page.read_bytes() if page.is_file() else b"<h1>Not Found</h1>"
        self._send(404, body, "text/html; charset=UTF-8",
                   {"Cache-Control": "no-cache, must-revalidate, max-age=0"}, head_only)

    def _serve(self, head_only: bool):
        parts = urlsplit(self.path)
        path = unquote(parts.path) or "/"
        routes = self.server.routes
        query = _norm_query(parts.query)
        route = routes.get(path + "?" + query) if query else routes.get(path)
        if route is None and query:
            if path.startswith("/wp-json/"):
                # REST responses exist only for the pre-rendered queries; say so loudly
                body = json.dumps({"code": "rest_invalid_param",
                                   "message": f"fixture: no pre-rendered response for {path}?{query}",
                                   "data": {"status": 400}}).encode()
                return self._send(400, body, "application/json; charset=UTF-8", None, head_only)
            route = routes.get(path)  # HTML/static: an unknown query string is ignored
        if route is not None:
            f = self.server.root / route["file"]
            body = f.read_bytes() if f.is_file() else b""
            ctype = route.get("content_type") or TEXT_TYPES.get(f.suffix, "application/octet-stream")
            return self._send(route.get("status", 200), body, ctype, route.get("headers"), head_only)

        # plain static files
        rel = path.lstrip("/")
        if ".." in Path(rel).parts:
            return self._not_found(head_only)
        target = self.server.root / rel
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                loc = self.server.base_url + path + "/" + (("?" + parts.query) if parts.query else "")
                self.send_header("Location", loc)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file() or target.name.startswith("_"):
            return self._not_found(head_only)
        ctype = TEXT_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(200, target.read_bytes(), ctype, None, head_only)

    def do_GET(self):  # noqa: N802
        self._serve(head_only=False)

    def do_HEAD(self):  # noqa: N802
        self._serve(head_only=True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve_site(site_dir):
    """Serve a static fixture mirror on 127.0.0.1; yields ``http://127.0.0.1:<port>``."""
    root = Path(site_dir).resolve()
    routes_file = root / "_routes.json"
    doc = json.loads(routes_file.read_text(encoding="utf-8")) if routes_file.is_file() else {}
    httpd = _Server(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.root = root
    httpd.routes_doc = doc
    httpd.routes = doc.get("routes", {})
    httpd.base_url = base
    orig = doc.get("base_url")
    httpd.rewrite = _rewriter(orig, base) if orig else (lambda b: b)
    thread = threading.Thread(target=httpd.serve_forever, name=f"static-site-{root.name}", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
