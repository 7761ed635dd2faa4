"""The one-off migration of a WXR export, as a library call: export -> archive on disk.

Wires the stages together (sources.wxr -> convert -> archive.builder) for the CLI and for tests;
what a post looks like is decided in those stages, this module only orders the work. Two streaming
passes: the first learns the site (media, menus, terms, a summary of every post for dynamic
blocks), the second converts and writes posts, on both cores for large exports.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from tqdm import tqdm

from mwmigrate.archive.builder import (
    NON_CONTENT_TYPES, ArchiveBuilder, BuildResult, Composed, LayoutOptions, PostComposer,
    status_filter,
)
from mwmigrate.archive.media import MediaDownloader
from mwmigrate.archive.writer import ArchiveWriter, sha256_file
from mwmigrate.convert.fragments import strip_fragment_marks
from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.convert.siteview import SiteViewBuilder, excerpt_words
from mwmigrate.fetch import Fetcher, FetchSettings
from mwmigrate.model import Menu, MenuItem, Post
from mwmigrate.sources.wxr import RawMenuItem, WXRIndex, WXRReader, read_wxr_index
from mwmigrate.textmetrics import visible_text

log = logging.getLogger(__name__)

MigrateResult = BuildResult


@dataclass
class MigrateOptions:
    flavour: Literal["hugo", "jekyll"] = "hugo"
    permalinks: Literal["keep", "clean"] = "keep"
    include_drafts: bool = False
    include_private: bool = False
    include_protected_content: bool = False
    include_unapproved_comments: bool = False
    recover: bool = False
    download_media: bool = False
    fetch: FetchSettings = field(default_factory=FetchSettings)
    workers: int = 0  # 0: as many as pays (cores, for large exports)
    progress: bool | None = None  # None: a bar when stderr is a terminal

    def layout(self) -> LayoutOptions:
        return LayoutOptions(flavour=self.flavour, permalinks=self.permalinks,
                             include_unapproved_comments=self.include_unapproved_comments)

    def recorded(self) -> dict[str, Any]:
        """The options as the manifest records them (what changes the archive)."""
        return {"flavour": self.flavour, "permalinks": self.permalinks,
                "include_drafts": self.include_drafts, "include_private": self.include_private,
                "include_protected_content": self.include_protected_content,
                "include_unapproved_comments": self.include_unapproved_comments,
                "recover": self.recover, "download_media": self.download_media}


# --------------------------------------------------------------------------- per-post work


def convert_post(post: Post, ctx: RenderContext | None = None, *, withhold: bool = True) -> Post:
    """Render a post's raw content as WordPress would, then to Markdown (pure function)."""
    ctx = ctx if ctx is not None else (_CTX or RenderContext())
    if post.password_protected and withhold:
        # WordPress shows neither the body nor the comments without the password.
        post.warnings.append("password-protected: body and comments withheld "
                             "(use --include-protected-content)")
        post.content_html = post.content_markdown = post.content_text = post.content_raw = ""
        post.comments = []
        return post
    if post.type in NON_CONTENT_TYPES:
        # Site or plugin machinery (form definitions, templates...): kept as stored, not rendered
        # as a page (its [text]/[submit] tags are a plugin's template language, not shortcodes).
        post.meta["post_content"] = post.content_raw
        post.content_raw = ""
        return post
    rendered = render_content(post.content_raw, replace(ctx, post_id=post.wp_id, post_url=post.url,
                                                        mark_fragments=True))
    post.content_html = strip_fragment_marks(rendered.html)
    post.pages = rendered.pages
    post.warnings.extend(rendered.warnings)
    post.content_markdown = html_to_markdown(rendered.html)  # converts marked fragments once
    if not post.excerpt and rendered.excerpt_html:
        post.meta["_more_excerpt"] = visible_text(rendered.excerpt_html)
    post.content_raw = ""  # rendered now; not sent back between processes for nothing
    for comment in post.comments:
        comment.content_markdown = html_to_markdown(render_content(comment.content_html).html)
    return post


def convert_and_compose(post: Post, ctx: RenderContext | None, withhold: bool,
                        compose: PostComposer | None) -> Post | Composed:
    """convert_post, then (given a composer) the post's files as bytes: a placed post carries
    its permalink in ``meta["_permalink"]`` (ArchiveBuilder.place ran in input order)."""
    permalink = post.meta.pop("_permalink", None)
    post = convert_post(post, ctx, withhold=withhold)
    if compose is None:
        return post
    return compose(post, permalink=permalink, summary=post.meta.pop("_more_excerpt", ""))


_CTX: RenderContext | None = None
_COMPOSE: PostComposer | None = None


def _init_worker(ctx: RenderContext, compose: PostComposer | None) -> None:
    global _CTX, _COMPOSE
    _CTX, _COMPOSE = ctx, compose


def _convert_batch(batch: tuple[list[Post], bool]) -> list[Post | Composed]:
    posts, withhold = batch
    done = [convert_and_compose(p, _CTX, withhold, _COMPOSE) for p in posts]
    release_free_memory()
    return done


def _find_malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim  # glibc
    except (OSError, AttributeError):  # musl and others: nothing to call
        return None


_MALLOC_TRIM = _find_malloc_trim()


def release_free_memory() -> None:
    """Hand freed heap memory back to the system (glibc's malloc_trim).

    A large post (a page list of every page, a gallery of hundreds of images) briefly needs
    tens of MB; glibc keeps those pages after they are freed, so without this a process's
    RSS stays at the high-water mark of the largest posts it met (measured on the 200 MB bench
    export: 175 MB per converting process without, 133 MB with).
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _batches(posts: Iterable[Post], size: int) -> Iterator[list[Post]]:
    batch: list[Post] = []
    for post in posts:
        batch.append(post)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def converted(posts: Iterable[Post], ctx: RenderContext, workers: int, withhold: bool,
              *, batch: int = 16, compose: PostComposer | None = None
              ) -> Iterator[Post | Composed]:
    """Convert posts in order, on ``workers`` processes, with a bounded number in flight;
    with ``compose``, each comes back as its files' bytes (:class:`Composed`).

    ``Pool.imap`` would read the whole export ahead into its queue (memory grows with the file);
    here at most ``_WINDOW * workers`` batches are out at once, and results come back in input
    order, so the archive is byte-identical run after run.
    """
    if workers <= 1:
        for post in posts:
            yield convert_and_compose(post, ctx, withhold, compose)
        return
    mp = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    # Objects alive now (the site summary, the index) are only read by the workers: freezing
    # them keeps the garbage collector from touching, and so copying, their forked pages.
    gc.freeze()
    try:
        with mp.Pool(workers, initializer=_init_worker, initargs=(ctx, compose)) as pool:
            pending: deque[Any] = deque()
            for chunk in _batches(posts, batch):
                pending.append(pool.apply_async(_convert_batch, ((chunk, withhold),)))
                if len(pending) >= _WINDOW * workers:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
    finally:
        gc.unfreeze()  # a library caller's later garbage is collected as usual


def _excerpts(raws: list[str | None]) -> list[tuple[tuple[str, ...], bool] | None]:
    return [None if raw is None else excerpt_words(raw) for raw in raws]


class _SummaryFeed:
    """First-pass ``on_post``: summaries added in order, their excerpt words (a render of each
    body, the costly part) computed on a pool, a bounded number of batches in flight."""

    def __init__(self, summaries: SiteViewBuilder, pool: Any, *, window: int, batch: int = 32):
        self.summaries, self.pool, self.window, self.size = summaries, pool, window, batch
        self.batch: list[tuple[Post, str | None]] = []
        self.pending: deque[tuple[list[Post], Any]] = deque()

    def __call__(self, post: Post) -> None:
        raw = post.content_raw if self.summaries.wants_excerpt(post) else None
        post.content_raw = ""  # the summary keeps no body; the second pass reads it again
        self.batch.append((post, raw))
        if len(self.batch) >= self.size:
            self._submit()

    def _submit(self) -> None:
        posts = [p for p, _ in self.batch]
        self.pending.append((posts, self.pool.apply_async(_excerpts, ([r for _, r in self.batch],))))
        self.batch = []
        while len(self.pending) > self.window:
            self._drain_one()

    def _drain_one(self) -> None:
        posts, result = self.pending.popleft()
        for post, excerpt in zip(posts, result.get()):
            self.summaries.add(post, excerpt=excerpt)

    def close(self) -> None:
        if self.batch:
            self._submit()
        while self.pending:
            self._drain_one()


_WINDOW = 2  # batches in flight per worker
_POOL_FIRST_PASS_BYTES = 4_000_000  # below this, forking costs more than it saves


# --------------------------------------------------------------------------- the migration


class WXRMigration:
    def __init__(self, source: str | Path, out: str | Path, options: MigrateOptions) -> None:
        self.source = Path(source)
        self.options = options
        self.result = BuildResult(out=Path(out))
        self.wanted: Callable[[Post], bool] = status_filter(
            self.result, include_drafts=options.include_drafts,
            include_private=options.include_private)

    def run(self) -> BuildResult:
        opts = self.options
        summaries = SiteViewBuilder()
        index = self._index(summaries)
        self.result.warnings.extend(index.warnings)
        site_url = index.site.base_blog_url or index.site.url
        site_view = summaries.build(index.site.terms, index.site.authors, index.site, index.media,
                                    site_url=site_url)
        ctx = RenderContext(media=index.media, attachments_by_parent=index.attachments_by_parent,
                            site_url=site_url, site=site_view)
        directory = {pid: (t, slug, title, parent)
                     for pid, (t, _, slug, title, parent, _) in index.posts.items()}
        with ArchiveWriter(self.result.out) as writer:
            downloader = None
            if opts.download_media:
                downloader = MediaDownloader(writer, Fetcher(opts.fetch))
                downloader.download_all(index.media.values())
            builder = ArchiveBuilder(writer, opts.layout(), self.result, directory=directory,
                                     media=index.media, authors=index.site.authors,
                                     downloader=downloader)
            self._write_posts(builder, index, ctx)
            builder.add_site(index.site, media=index.media.values(), terms=index.site.terms,
                             authors=index.site.authors, menus=build_menus(index))
            builder.finish(
                source={"kind": "wxr", "name": self.source.name, "sha256": sha256_file(self.source),
                        "size": self.source.stat().st_size},
                options=opts.recorded(),
                in_source={f"{t}/{s}": n for (t, s), n in index.counts.items()})
        return self.result

    def _index(self, summaries: SiteViewBuilder) -> WXRIndex:
        """The first pass; the excerpt words of the summaries on a pool for large exports."""
        workers = self.options.workers or (
            min(os.cpu_count() or 1, 4) if self.source.stat().st_size > _POOL_FIRST_PASS_BYTES else 1)
        if workers <= 1:
            index = read_wxr_index(self.source, recover=self.options.recover,
                                   on_post=summaries.add)
        else:
            mp = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            with mp.Pool(workers) as pool:
                feed = _SummaryFeed(summaries, pool, window=2 * workers)
                index = read_wxr_index(self.source, recover=self.options.recover, on_post=feed)
                feed.close()
        release_free_memory()  # the bodies read in the first pass are gone: so are their pages
        return index

    def _posts(self, index: WXRIndex) -> Iterator[Post]:
        reader = WXRReader(self.source, recover=self.options.recover,
                           fallback_offset=index.usual_offset)
        for entity in reader:
            if isinstance(entity, Post) and self.wanted(entity):
                yield entity

    def _workers(self, index: WXRIndex) -> int:
        if self.options.workers:
            return self.options.workers
        n_posts = sum(n for (t, _), n in index.counts.items() if t not in NON_CONTENT_TYPES)
        # Forking pays only when there is enough to convert to cover the start-up.
        return min(os.cpu_count() or 1, 4) if n_posts > 400 else 1

    def _write_posts(self, builder: ArchiveBuilder, index: WXRIndex, ctx: RenderContext) -> None:
        total = sum(n for (t, _), n in index.counts.items() if t not in ("attachment", "nav_menu_item"))
        show = self.options.progress if self.options.progress is not None else sys.stderr.isatty()
        withhold = not self.options.include_protected_content
        # Paths and redirects are decided here, in input order; front matter and JSON records
        # are made where the post is converted (they are half the cost of writing a post),
        # unless media references must be rewritten by this process's downloader.
        compose = None if builder.downloader is not None else builder.composer()
        posts = self._posts(index) if compose is None else self._placed(builder, index)
        done = converted(posts, ctx, self._workers(index), withhold, compose=compose)
        for n, item in enumerate(tqdm(done, total=total, disable=not show, unit="post",
                                      desc="migrating"), 1):
            if isinstance(item, Composed):
                builder.add_composed(item)
            else:
                builder.add_post(item, summary=item.meta.pop("_more_excerpt", ""))
            if n % 64 == 0:
                release_free_memory()

    def _placed(self, builder: ArchiveBuilder, index: WXRIndex) -> Iterator[Post]:
        for post in self._posts(index):
            post.meta["_permalink"] = builder.place(post)
            yield post


def build_menus(index: WXRIndex) -> list[Menu]:
    """Nav menus as trees, titles and URLs resolved from the items they point at."""
    names = {t.slug: t.name for t in index.site.terms if t.taxonomy == "nav_menu"}
    term_by_id = {t.wp_id: t for t in index.site.terms if t.wp_id}
    menus: dict[str, Menu] = {slug: Menu(slug=slug, name=name) for slug, name in sorted(names.items())}
    # Keyed by (menu, id): real exports (the theme unit test data) reuse item ids across menus.
    nodes: dict[tuple[str, int], tuple[RawMenuItem, MenuItem]] = {}
    for raw in index.menu_items:
        title, url = raw.title, raw.url
        if raw.item_type == "post_type" and raw.object_id in index.posts:
            _, _, _, ptitle, _, purl = index.posts[raw.object_id]
            title, url = title or ptitle, url or purl
        elif raw.item_type == "taxonomy" and raw.object_id in term_by_id:
            title = title or term_by_id[raw.object_id].name
        nodes[(raw.menu, raw.wp_id)] = (raw, MenuItem(
            wp_id=raw.wp_id, title=title, url=url, order=raw.order, parent=raw.parent,
            object_type=raw.object, object_id=raw.object_id, classes=raw.classes,
            target=raw.target))
    for raw, item in sorted(nodes.values(), key=lambda n: (n[0].order, n[0].wp_id)):
        menu = menus.setdefault(raw.menu, Menu(slug=raw.menu, name=raw.menu))
        parent = nodes.get((raw.menu, raw.parent))
        if parent is not None and parent[1] is not item:
            parent[1].children.append(item)
        else:
            menu.items.append(item)
    return list(menus.values())


def migrate_wxr(source: str | Path, out: str | Path,
                options: MigrateOptions | None = None) -> BuildResult:
    """Migrate a WXR export into an archive folder (replaced atomically)."""
    return WXRMigration(source, out, options or MigrateOptions()).run()
