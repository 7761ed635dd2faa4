"""The nginx form of the redirect map, loaded by a real nginx (Debian's package, installed when
missing, as the Hugo and Jekyll tests install theirs) and asked for each old URL.

$request_uri is the request as sent, percent-encoded: the map must hold that form of a
non-ASCII path ("/2024/08/01/caf%C3%A9/"), or such redirects never fire (they did not).
"""

from __future__ import annotations

import csv
import http.client
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from mwmigrate.migrate import MigrateOptions, migrate_wxr
from tests.support.debian import ensure_commands

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "wxr" / "renamed-posts.xml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _location(port: int, raw_path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", raw_path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    location = response.getheader("Location") or ""
    conn.close()
    return response.status, location.split(f":{port}", 1)[-1]


def _conf(tmp_path: Path, out: Path, port: int) -> Path:
    """An nginx configuration serving only the archive's redirect map on ``port``."""
    conf = tmp_path / "nginx.conf"
    temp = tmp_path / "temp"
    temp.mkdir(exist_ok=True)
    conf.write_text(f"""
worker_processes 1;
daemon off;
error_log {tmp_path}/error.log;
pid {tmp_path}/nginx.pid;
events {{}}
http {{
  access_log off;
  client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp};
  uwsgi_temp_path {temp}; scgi_temp_path {temp};
  include {out}/redirects/nginx-map.conf;
  server {{
    listen 127.0.0.1:{port};
    if ($mwmigrate_redirect) {{ return 301 $mwmigrate_redirect; }}
    location / {{ return 404; }}
  }}
}}
""")
    return conf


@contextmanager
def _nginx(conf: Path, port: int) -> Iterator[None]:
    """nginx running ``conf``, until the block ends."""
    proc = subprocess.Popen(["nginx", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                time.sleep(0.05)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _rows(out: Path) -> list[dict[str, str]]:
    with open(out / "redirects" / "redirects.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_nginx_map_redirects_every_old_url(tmp_path: Path) -> None:
    ensure_commands({"nginx": "nginx"})
    out = tmp_path / "archive"
    migrate_wxr(FIXTURE, out, MigrateOptions(progress=False))
    port = _free_port()
    with _nginx(_conf(tmp_path, out, port), port):
        rows = _rows(out)
        assert any(not row["old"].isascii() for row in rows)  # (the case this test is for)
        for row in rows:
            sent = quote(row["old"], safe="/?=&")  # as a browser sends it
            assert _location(port, sent) == (301, quote(row["new"], safe="/")), row
        # WordPress's own links spell the escapes in lower case: the same redirect.
        assert _location(port, "/2024/08/01/caf%c3%a9/") == (301, "/2024/08/01/caf%C3%A9-news/")
        assert _location(port, "/not-an-old-url/")[0] == 404


@pytest.mark.parametrize("export", ["themeunittestdata", "morganwiseman"])
def test_nginx_takes_the_map_of_a_real_export(export: str, tmp_path: Path) -> None:
    """Long old URLs (attachment pages: /<post>/<file>/, term feeds) and many of them: nginx
    builds its map hash only with buckets that hold the longest key (the default holds 46
    bytes); the map says how large. `nginx -t` on the archive's map, then a sample asked."""
    from tests.conftest import WXR_DIR

    ensure_commands({"nginx": "nginx"})
    source = {"themeunittestdata": WXR_DIR / "themeunittestdata.wordpress.xml",
              "morganwiseman": FIXTURE.with_name("morganwiseman.xml")}[export]
    out = tmp_path / "archive"
    migrate_wxr(source, out, MigrateOptions(progress=False))
    port = _free_port()
    conf = _conf(tmp_path, out, port)
    test = subprocess.run(["nginx", "-t", "-c", str(conf)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    rows = _rows(out)
    longest = max(rows, key=lambda r: len(quote(r["old"], safe="/?=&")))
    assert len(quote(longest["old"], safe="/?=&")) > 46
    with _nginx(conf, port):
        for row in [longest, *rows[:: max(1, len(rows) // 40)]]:
            assert _location(port, quote(row["old"], safe="/?=&")) == (301, quote(row["new"], safe="/")), row
