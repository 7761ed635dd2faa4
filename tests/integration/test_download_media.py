"""--download-media against a real HTTP server on 127.0.0.1: files land in media/, references
are rewritten to relative paths, and a dead or failing link keeps its URL and is reported."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mwmigrate.archive.verify import verify_archive
from mwmigrate.fetch import FetchSettings
from mwmigrate.migrate import MigrateOptions, migrate_wxr

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8cfc0f01f0005000201a0ddf1a20000000049454e44ae426082")


class Handler(BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}
    hits: dict[str, int] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path.endswith("flaky.png") and self.hits[self.path] <= 2:
            self.send_error(503)  # recovers on the third try
            return
        if self.path.endswith("broken.png"):
            self.send_error(500)
            return
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    Handler.files = {"/wp-content/uploads/2020/01/boat.png": PNG,
                     "/wp-content/uploads/2020/01/boat-150x150.png": PNG[:60] + b"thumb",
                     "/wp-content/uploads/2020/01/flaky.png": PNG}
    Handler.hits = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def wxr(base: str) -> str:
    def attachment(wp_id: int, name: str, meta: str = "") -> str:
        return f"""<item><title>{name}</title><link>{base}/?attachment_id={wp_id}</link>
<wp:post_id>{wp_id}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:post_parent>10</wp:post_parent><wp:attachment_url>{base}/wp-content/uploads/2020/01/{name}</wp:attachment_url>
{meta}</item>"""

    sizes = ('a:3:{s:5:"width";i:1;s:6:"height";i:1;s:5:"sizes";a:1:{s:9:"thumbnail";a:1:{'
             's:4:"file";s:16:"boat-150x150.png";}}}')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"><channel><title>Media test</title>
<link>{base}</link><wp:wxr_version>1.2</wp:wxr_version>
{attachment(21, "boat.png", f"<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[{sizes}]]></wp:meta_value></wp:postmeta>")}
{attachment(22, "flaky.png")}{attachment(23, "missing.png")}{attachment(24, "broken.png")}
<item><title>Boats</title><link>{base}/2020/01/02/boats/</link><wp:post_id>10</wp:post_id>
<wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt>
<wp:post_name>boats</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<dc:creator>admin</dc:creator>
<content:encoded><![CDATA[<img src="{base}/wp-content/uploads/2020/01/boat.png" alt="A boat">

<a href="{base}/wp-content/uploads/2020/01/boat.png"><img src="{base}/wp-content/uploads/2020/01/boat-150x150.png" alt="thumb"></a>

<img src="{base}/wp-content/uploads/2020/01/missing.png" alt="gone">]]></content:encoded>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>22</wp:meta_value></wp:postmeta>
</item></channel></rss>"""


def test_media_downloaded_and_rewritten(server: str, tmp_path: Path) -> None:
    src = tmp_path / "export.xml"
    src.write_text(wxr(server), "utf-8")
    out = tmp_path / "archive"
    options = MigrateOptions(progress=False, download_media=True,
                             fetch=FetchSettings(timeout=5, retries=3, backoff=0.01))
    result = migrate_wxr(src, out, options)

    assert (out / "media/2020/01/boat.png").read_bytes() == PNG
    assert (out / "media/2020/01/boat-150x150.png").read_bytes().endswith(b"thumb")
    assert (out / "media/2020/01/flaky.png").read_bytes() == PNG  # retried past two 503s
    assert Handler.hits["/wp-content/uploads/2020/01/flaky.png"] == 3
    assert not (out / "media/2020/01/missing.png").exists()

    md = (out / "content/posts/boats.md").read_text("utf-8")
    assert "../../media/2020/01/boat.png" in md
    assert "../../media/2020/01/boat-150x150.png" in md
    assert f"{server}/wp-content/uploads/2020/01/missing.png" in md  # dead link kept as it was
    assert f"{server}/wp-content/uploads/2020/01/boat.png" not in md
    assert "featured_image: media/2020/01/flaky.png" in md

    failed = [w for w in result.warnings if w.startswith("media not downloaded")]
    assert len(failed) == 2
    assert any("missing.png" in w and "404" in w for w in failed)
    assert any("broken.png" in w and "500" in w for w in failed)

    media = {m["wp_id"]: m for m in map(json.loads, (out / "records/media.jsonl").read_text().splitlines())}
    assert media[21]["local_path"] == "media/2020/01/boat.png"
    assert media[23]["local_path"] is None
    post = json.loads((out / "records/posts.jsonl").read_text().splitlines()[0])
    assert 'src="media/2020/01/boat.png"' in post["content_html"]
    assert verify_archive(out) == []


def test_without_the_flag_nothing_is_fetched(server: str, tmp_path: Path) -> None:
    src = tmp_path / "export.xml"
    src.write_text(wxr(server), "utf-8")
    migrate_wxr(src, tmp_path / "archive", MigrateOptions(progress=False))
    assert Handler.hits == {}
    assert not (tmp_path / "archive" / "media").exists()
