"""All the pages' media sightings -> one ``Media`` record per attachment, REST's first.

The site-wide half of media extraction (``media`` reads one page): pure, in memory, and
independent of the order the pages were fetched in. The live migration feeds it and writes its
records; posts point at their featured image's record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from mwmigrate.extract.media import (
    ImageSeen,
    attachment_key,
    choose_file,
    file_key,
    files_shown,
    is_size_of,
    mime_of,
    size_label,
    uploads_like,
)
from mwmigrate.model import Media

__all__ = ["MediaCatalog"]

#: Which sighting says most of an attachment's alt text and caption: its own page and the
#: theme's wp_get_attachment_image() print the attachment's values; an image inserted in a
#: post keeps what the editor wrote then; Yoast's ImageObject caption is the attachment's.
_ALT_RANK = {"attachment": 0, "featured": 1, "content": 2, "meta": 3}
_CAPTION_RANK = {"attachment": 0, "meta": 1, "content": 2, "featured": 3}


class _Groups:
    """Union-find over identities of an attachment (``id:N``, ``url:...``): two different
    attachment ids are never joined."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.ids: dict[str, int] = {}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        if node.startswith("id:"):
            self.ids.setdefault(node, int(node[3:]))
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ia, ib = self.ids.get(ra), self.ids.get(rb)
        if ia and ib and ia != ib:
            return False
        if ib and not ia:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def id_of(self, node: str) -> int:
        return self.ids.get(self.find(node), 0)


def _ranked(values: Iterable[tuple[int, str]]) -> str:
    """The most common value among the best-ranked sightings that state one."""
    values = list(values)
    if not values:
        return ""
    best = min(rank for rank, _ in values)
    counts = Counter(v for rank, v in values if rank == best)
    return min(counts, key=lambda v: (-counts[v], v))


class MediaCatalog:
    """One ``Media`` per attachment, from every page's ``ImageSeen`` and REST's records.

    Sightings are joined by attachment id, then by the exact files they show (``src``,
    ``srcset``, a link to the file), then by ``attachment_key`` when it names one attachment
    only. Order-independent: the same pages, fetched in any order, give the same records.
    REST's records (``known``) stay as they are, gaps filled; ``complete`` says REST listed
    every attachment, so a page's image it does not know (no id, no file of REST's) is not one.
    """

    def __init__(self, known: Iterable[Media] = (), *, complete: bool = False) -> None:
        self.known = list(known)
        self.complete = complete
        self._seen: list[tuple[str, int, ImageSeen]] = []
        self._records: list[Media] | None = None
        self._featured: dict[str, Media] = {}
        self._by_id: dict[int, Media] = {}

    def add(self, page_url: str, seen: Iterable[ImageSeen]) -> None:
        self._seen.extend((page_url, n, s) for n, s in enumerate(seen))
        self._records = None

    def records(self) -> list[Media]:
        if self._records is None:
            self._resolve()
        assert self._records is not None
        return self._records

    def featured(self, page_url: str) -> Media | None:
        """The record of the featured image ``page_url`` showed."""
        self.records()
        return self._featured.get(page_url)

    def by_id(self, wp_id: int | None) -> Media | None:
        self.records()
        return self._by_id.get(wp_id or 0)

    # -- resolution

    def _group(self) -> _Groups:
        groups = _Groups()
        for media in self.known:
            for url in (media.url, *media.sizes.values()):
                if url:
                    groups.union(f"id:{media.wp_id}", f"url:{file_key(url)}")
        ordered = sorted(self._seen, key=lambda t: (t[2].wp_id == 0, t[2].wp_id, t[2].src, *t[:2]))
        for _page, _n, seen in ordered:
            nodes = [f"url:{file_key(u)}" for u in files_shown([seen])]
            if seen.wp_id:
                nodes.insert(0, f"id:{seen.wp_id}")
            groups.find(nodes[0])  # a file seen alone is a group too
            for node in nodes[1:]:
                groups.union(nodes[0], node)
        self._join_by_key(groups)
        return groups

    @staticmethod
    def _join_by_key(groups: _Groups) -> None:
        """Files named alike (``x.jpg``, ``x-300x200.jpg``) join when one attachment id at most
        is among them (several: ambiguous, each stays where its id put it)."""
        by_key: dict[str, list[str]] = {}
        for node in sorted(n for n in groups.parent if n.startswith("url:")):
            by_key.setdefault(attachment_key("//" + node[4:]), []).append(node)
        for nodes in by_key.values():
            ids = {groups.id_of(n) for n in nodes} - {0}
            if len(ids) <= 1:
                for node in nodes[1:]:
                    groups.union(nodes[0], node)

    def _resolve(self) -> None:
        groups = self._group()
        members: dict[str, list[ImageSeen]] = {}
        for _page, _n, seen in sorted(self._seen, key=lambda t: (t[0], t[1])):
            members.setdefault(_root(groups, seen), []).append(seen)
        known = {m.wp_id: m for m in self.known}
        by_root: dict[str, Media] = {}
        for root, seen in members.items():
            wp_id = groups.id_of(root)
            if wp_id in known:
                by_root[root] = _fill(known[wp_id], seen)
            elif self._keep(wp_id, seen):
                by_root[root] = _record(wp_id, seen)
        extra = sorted((m for m in by_root.values() if m.wp_id not in known),
                       key=lambda m: (m.wp_id == 0, m.wp_id, m.url))
        self._records = [by_root.get(groups.find(f"id:{m.wp_id}"), m) for m in self.known] + extra
        self._by_id = {m.wp_id: m for m in self._records if m.wp_id}
        for page, _n, seen in sorted(self._seen, key=lambda t: (t[0], t[1])):
            root = _root(groups, seen)
            if seen.role == "featured" and root in by_root:
                self._featured.setdefault(page, by_root[root])

    def _keep(self, wp_id: int, seen: list[ImageSeen]) -> bool:
        if wp_id or any(s.role == "attachment" for s in seen):
            return True
        if self.complete:
            return False  # REST listed every attachment, and none has these files
        return any(s.srcset or s.size or s.role == "featured" or uploads_like(s.src) for s in seen)


def _root(groups: _Groups, seen: ImageSeen) -> str:
    """A sighting's group: its attachment id's (even when another id claimed its file), else
    its file's."""
    return groups.find(f"id:{seen.wp_id}" if seen.wp_id else f"url:{file_key(seen.src)}")


def _record(wp_id: int, seen: list[ImageSeen]) -> Media:
    """A record from the pages alone."""
    candidates = files_shown(seen)
    url = choose_file(candidates)
    media = Media(wp_id=wp_id, url=url, source="html")
    _fill_fields(media, seen, candidates)
    return media


def _fill(known: Media, seen: list[ImageSeen]) -> Media:
    """REST's record, its empty fields filled from the pages."""
    media = replace(known, sizes=dict(known.sizes))
    _fill_fields(media, seen, files_shown(seen))
    return media


def _fill_fields(media: Media, seen: list[ImageSeen], candidates: dict[str, int | None]) -> None:
    url = media.url
    if not media.alt:  # "" from the attachment's own markup is its (empty) alt text
        media.alt = _ranked((_ALT_RANK[s.role], s.alt or "") for s in seen
                            if s.alt or (s.alt is not None and _ALT_RANK[s.role] < 2))
    if not media.caption:
        media.caption = _ranked((_CAPTION_RANK[s.role], s.caption) for s in seen if s.caption)
    own = [s for s in seen if s.role == "attachment"]
    for name in ("title", "page_url", "date"):
        if not getattr(media, name):
            setattr(media, name, _ranked((0 if s.role == "attachment" else 1, getattr(s, name))
                                         for s in seen if getattr(s, name)))
    if not media.slug and media.page_url and "attachment_id=" not in media.page_url:
        media.slug = unquote(urlsplit(media.page_url).path.rstrip("/").rsplit("/", 1)[-1])
    if not media.mime_type:
        media.mime_type = next((s.mime_type for s in own if s.mime_type), "") or mime_of(url)
    if media.width is None and media.height is None:
        media.width, media.height = _size(url, seen, candidates)
    if not media.sizes:
        media.sizes = _sizes(url, seen, candidates)


def _size(url: str, seen: list[ImageSeen], candidates: dict[str, int | None]
          ) -> tuple[int | None, int | None]:
    key = file_key(url)
    for s in seen:
        if file_key(s.src) == key and s.width and s.height:
            return s.width, s.height
        if s.file and file_key(s.file) == key and s.file_width and s.file_height:
            return s.file_width, s.file_height
    return candidates.get(url), None


def _sizes(url: str, seen: list[ImageSeen], candidates: dict[str, int | None]) -> dict[str, str]:
    """The attachment's other files: by the size name the page states, else by dimensions."""
    sizes: dict[str, str] = {}
    for s in seen:
        if s.size and s.size != "full" and is_size_of(s.src, url):
            sizes.setdefault(s.size, s.src)
    named = set(sizes.values())
    for other in sorted(candidates):
        label = size_label(other)
        if label and other not in named and is_size_of(other, url):
            sizes.setdefault(label, other)
    return dict(sorted(sizes.items()))
