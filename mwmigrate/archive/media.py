"""Archive stage: download media files into the archive and point content at the local copies.

Only with ``--download-media``. Originals and the sizes WordPress recorded are fetched through
``fetch.Fetcher``; a file that cannot be fetched keeps its absolute URL and is reported.
"""

from __future__ import annotations

import logging
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote

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


# A URL as it stands in HTML attributes, Markdown links and text: up to a quote, a bracket or
# white space ("srcset" lists are space-separated). What may follow the file's own URL inside
# such a match is cut off by _cuts (a query, an entity, punctuation).
# (first: Markdown's autolink, <https://...>)
_URL = re.compile(r"""<(https?://[^<>\s]+)>|https?://[^\s"'<>()\[\]{}|\\^`]+""")
_END_PUNCTUATION = ".,;:!?*_~"


def _cuts(url: str) -> list[int]:
    """Where the file's URL may end in ``url``, longest first: all of it; before a query, a
    fragment, an entity or what follows it ("&quot;", "&#8221;", "&nbsp;"); before non-ASCII
    punctuation ("”", "…", "。"); before trailing punctuation."""
    cuts = {len(url)}
    for i, ch in enumerate(url):
        if ch in "?#&;" or (ord(ch) > 127 and unicodedata.category(ch)[0] in "PSZ"):
            cuts.add(i)
    for cut in list(cuts):
        stripped = len(url[:cut].rstrip(_END_PUNCTUATION))
        if stripped < cut:
            cuts.add(stripped)
    return sorted((c for c in cuts if c > len("https://")), reverse=True)


class MediaDownloader:
    """Downloads media into the archive and rewrites references to the local files."""

    def __init__(self, writer: ArchiveWriter, fetcher: Fetcher) -> None:
        self.writer = writer
        self.fetcher = fetcher
        self.local: dict[str, str] = {}  # absolute URL -> archive-relative path
        self.failed: dict[str, str] = {}  # URL -> reason
        self._decoded: dict[str, str] | None = None  # percent-decoded URL -> path (on demand)

    def download_all(self, media: Iterable[Media]) -> None:
        for item in media:
            urls = [item.url, *item.sizes.values()]
            for n, url in enumerate(u for u in urls if u):
                rel = self._fetch(url, item.wp_id)
                if rel and n == 0:
                    item.local_path = rel

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
        if "%" in url or not url.isascii():  # the same file spelt otherwise ("café", "caf%C3%A9")
            if self._decoded is None:
                self._decoded = {unquote(k): v for k, v in self.local.items()}
            for variant in _variants(unquote(url)):
                if variant in self._decoded:
                    return self._decoded[variant]
        return ""

    def rewrite(self, text: str, from_file: str = "") -> str:
        """Replace downloaded URLs in ``text`` by paths relative to ``from_file`` (or the root).

        Each URL in the text is looked up whole (less a query or fragment, or punctuation that
        ends a sentence): one pass over the text, whatever the number of media (an alternation
        of every media URL took seconds to compile and a scan per URL on large sites), and a
        file's URL inside a longer one ("a.jpg" in "a.jpg.webp") is not taken for it."""
        if not self.local or not text or "://" not in text:
            return text
        base = posixpath.dirname(from_file)

        def path_of(rel: str) -> str:
            return posixpath.relpath(rel, base) if base else rel

        def local(m: re.Match[str]) -> str:
            if m.group(1):
                # An autolink: a local path is none, so a link whose text is the URL shown.
                rel = self._lookup(m.group(1))
                return f"[{m.group(1)}]({path_of(rel)})" if rel else m.group(0)
            url = m.group(0)
            for cut in _cuts(url):
                rel = self._lookup(url[:cut])
                if rel:
                    return path_of(rel) + url[cut:]
            return url

        return _URL.sub(local, text)

    def warnings(self) -> list[str]:
        return [f"media not downloaded, URL kept: {url} ({why})"
                for url, why in sorted(self.failed.items())]
