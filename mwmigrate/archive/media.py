"""Archive stage: download media files into the archive and point content at the local copies.

Only with ``--download-media``. Originals and the sizes WordPress recorded are fetched through
``fetch.Fetcher``; a file that cannot be fetched keeps its absolute URL and is reported.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterable

from mwmigrate.archive.paths import media_path
from mwmigrate.archive.writer import ArchiveWriter
from mwmigrate.errors import FetchError
from mwmigrate.fetch import Fetcher
from mwmigrate.model import Media

log = logging.getLogger(__name__)


def _variants(url: str) -> list[str]:
    """The same file under http and https (exports mix them)."""
    if url.startswith("https://"):
        return [url, "http://" + url[8:]]
    if url.startswith("http://"):
        return [url, "https://" + url[7:]]
    return [url]


class MediaDownloader:
    """Downloads media into the archive and rewrites references to the local files."""

    def __init__(self, writer: ArchiveWriter, fetcher: Fetcher) -> None:
        self.writer = writer
        self.fetcher = fetcher
        self.local: dict[str, str] = {}  # absolute URL -> archive-relative path
        self.failed: dict[str, str] = {}  # URL -> reason
        self._pattern: re.Pattern[str] | None = None

    def download_all(self, media: Iterable[Media]) -> None:
        for item in media:
            urls = [item.url, *item.sizes.values()]
            for n, url in enumerate(u for u in urls if u):
                rel = self._fetch(url, item.wp_id)
                if rel and n == 0:
                    item.local_path = rel
        keys = sorted((v for url in self.local for v in _variants(url)), key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    def _fetch(self, url: str, wp_id: int) -> str:
        if url in self.local:
            return self.local[url]
        if not url.startswith(("http://", "https://")):
            self.failed[url] = "not an http(s) URL"
            return ""
        rel = media_path(url, wp_id)
        if self.writer.exists(rel):
            stem, dot, ext = rel.rpartition(".")
            rel = f"{stem}-{wp_id}.{ext}" if dot else f"{rel}-{wp_id}"
        try:
            self.writer.write_stream(rel, lambda fh: self.fetcher.download(url, fh))
        except FetchError as exc:
            self.failed[url] = str(exc)
            log.warning("media not downloaded: %s", exc)
            return ""
        self.local[url] = rel
        return rel

    def _lookup(self, url: str) -> str:
        for variant in _variants(url):
            if variant in self.local:
                return self.local[variant]
        return ""

    def rewrite(self, text: str, from_file: str = "") -> str:
        """Replace downloaded URLs in ``text`` by paths relative to ``from_file`` (or the root)."""
        if not self._pattern or not text:
            return text
        base = posixpath.dirname(from_file)

        def local(m: re.Match[str]) -> str:
            rel = self._lookup(m.group(0))
            return posixpath.relpath(rel, base) if base else rel

        return self._pattern.sub(local, text)

    def warnings(self) -> list[str]:
        return [f"media not downloaded, URL kept: {url} ({why})"
                for url, why in sorted(self.failed.items())]
