"""The one-off migration, as a library call: WXR export -> archive on disk.

Wires the stages together (sources.wxr -> convert -> archive) for the CLI and for tests; every
decision about what a post looks like lives in those stages, this module only orders the work.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from tqdm import tqdm

from mwmigrate import __version__
from mwmigrate.archive import records
from mwmigrate.archive.paths import clean_permalink, join_safe, safe_component, slug_for, url_path
from mwmigrate.archive.redirects import Redirect, write_redirects
from mwmigrate.archive.media import MediaDownloader
from mwmigrate.archive.writer import ArchiveWriter
from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.fetch import Fetcher, FetchSettings
from mwmigrate.model import Menu, MenuItem, Post
from mwmigrate.sources.wxr import RawMenuItem, WXRIndex, WXRReader, read_wxr_index
from mwmigrate.textmetrics import visible_text

log = logging.getLogger(__name__)

#: Post types that are site machinery, not content: kept as records, never as Markdown pages.
NON_CONTENT_TYPES = frozenset({
    "wp_navigation", "wp_template", "wp_template_part", "wp_global_styles", "wp_block",
    "custom_css", "customize_changeset", "oembed_cache", "user_request", "revision",
    "wp_font_family", "wp_font_face", "nav_menu_item", "attachment",
    # Plugins' own machinery (form definitions, field groups, templates) and WooCommerce's
    # orders and coupons, which hold customers' personal data and are never pages.
    "wpcf7_contact_form", "acf-field-group", "acf-field", "wpforms", "elementor_library",
    "shop_order", "shop_order_refund", "shop_coupon", "shop_webhook", "scheduled-action",
    "jp_pay_order", "feedback", "flamingo_contact", "flamingo_inbound",
})
PUBLIC_STATUSES = frozenset({"publish"})
DRAFT_STATUSES = frozenset({"draft", "pending", "future"})
RECORD_FILES = ("records/posts.jsonl", "records/comments.jsonl", "records/media.jsonl",
                "records/terms.jsonl", "records/authors.jsonl", "records/menus.jsonl")


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


@dataclass
class MigrateResult:
    out: Path
    counts: Counter[str] = field(default_factory=Counter)  # "post/publish" -> n written
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> n
    warnings: list[str] = field(default_factory=list)
    files: int = 0


# --------------------------------------------------------------------------- per-post work


_CTX: RenderContext | None = None


def _init_worker(ctx: RenderContext) -> None:
    global _CTX
    _CTX = ctx


def convert_post(post: Post, ctx: RenderContext | None = None, *, withhold: bool = True) -> Post:
    """Render a post's raw content as WordPress would, then to Markdown (pure function)."""
    ctx = ctx if ctx is not None else (_CTX or RenderContext())
    if post.password_protected and withhold:
        post.warnings.append("password-protected: body withheld (use --include-protected-content)")
        post.content_html = post.content_markdown = post.content_text = ""
        return post
    rendered = render_content(post.content_raw, replace(ctx, post_id=post.wp_id, post_url=post.url))
    post.content_html = rendered.html
    post.pages = rendered.pages
    post.warnings.extend(rendered.warnings)
    post.content_markdown = html_to_markdown(rendered.html)
    if not post.excerpt and rendered.excerpt_html:
        post.meta.setdefault("_more_excerpt", visible_text(rendered.excerpt_html))
    for comment in post.comments:
        comment.content_markdown = html_to_markdown(render_content(comment.content_html).html)
    return post


def _convert_in_worker(item: tuple[Post, bool]) -> Post:
    return convert_post(item[0], withhold=item[1])


def _converted(posts: Iterable[Post], ctx: RenderContext, workers: int,
               withhold: bool) -> Iterator[Post]:
    if workers <= 1:
        for post in posts:
            yield convert_post(post, ctx, withhold=withhold)
        return
    mp = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with mp.Pool(workers, initializer=_init_worker, initargs=(ctx,)) as pool:
        # imap keeps the export's order, so the archive is byte-identical run after run.
        yield from pool.imap(_convert_in_worker, ((p, withhold) for p in posts), chunksize=8)


# --------------------------------------------------------------------------- the migration


class WXRMigration:
    def __init__(self, source: str | Path, out: str | Path, options: MigrateOptions) -> None:
        self.source = Path(source)
        self.options = options
        self.result = MigrateResult(out=Path(out))
        self.index: WXRIndex | None = None
        self.taken_paths: set[str] = set()
        self.redirects: list[Redirect] = []
        self.author_names: dict[str, str] = {}
        self.media: MediaDownloader | None = None

    def run(self) -> MigrateResult:
        opts = self.options
        index = self.index = read_wxr_index(self.source, recover=opts.recover)
        self.result.warnings.extend(index.warnings)
        self.author_names = {a.login: a.display_name or a.login for a in index.site.authors}
        ctx = RenderContext(media=index.media, attachments_by_parent=index.attachments_by_parent,
                            site_url=index.site.base_blog_url or index.site.url)
        with ArchiveWriter(self.result.out) as writer:
            writer.touch_jsonl(RECORD_FILES)
            if opts.download_media:
                self.media = MediaDownloader(writer, Fetcher(opts.fetch))
                self.media.download_all(index.media.values())
            self._write_posts(writer, ctx)
            if self.media:
                self.result.warnings.extend(self.media.warnings())
            self._write_site(writer, index)
            for line in write_redirects(writer, self.redirects):
                self.result.warnings.append(line)
            writer.commit(self._manifest())
            self.result.files = len(writer.files)
        return self.result

    def _wanted(self, post: Post) -> bool:
        status, opts = post.status, self.options
        if post.type in ("revision",) or status in ("auto-draft", "trash", "inherit"):
            reason = f"{post.type}/{status}"
        elif status in PUBLIC_STATUSES:
            return True
        elif status in DRAFT_STATUSES and opts.include_drafts:
            return True
        elif status == "private" and opts.include_private:
            return True
        else:
            reason = f"{post.type}/{status} (use --include-drafts or --include-private)"
        self.result.skipped[reason] += 1
        return False

    def _posts(self) -> Iterator[Post]:
        assert self.index is not None
        reader = WXRReader(self.source, recover=self.options.recover,
                           fallback_offset=self.index.usual_offset)
        for entity in reader:
            if isinstance(entity, Post) and self._wanted(entity):
                yield entity

    def _workers(self) -> int:
        if self.options.workers:
            return self.options.workers
        assert self.index is not None
        n_posts = sum(n for (t, _), n in self.index.counts.items() if t not in NON_CONTENT_TYPES)
        # Forking pays only when there is enough to convert to cover the start-up.
        return min(os.cpu_count() or 1, 4) if n_posts > 400 else 1

    def _write_posts(self, writer: ArchiveWriter, ctx: RenderContext) -> None:
        assert self.index is not None
        total = sum(n for (t, s), n in self.index.counts.items() if t not in ("attachment", "nav_menu_item"))
        show = self.options.progress if self.options.progress is not None else sys.stderr.isatty()
        withhold = not self.options.include_protected_content
        posts = _converted(self._posts(), ctx, self._workers(), withhold)
        for post in tqdm(posts, total=total, disable=not show, unit="post", desc="migrating"):
            self._write_post(writer, post)

    def _write_post(self, writer: ArchiveWriter, post: Post) -> None:
        comments = [c for c in post.comments
                    if c.approved == "1" or self.options.include_unapproved_comments]
        skipped = len(post.comments) - len(comments)
        if skipped:
            self.result.skipped["comment/unapproved (use --include-unapproved-comments)"] += skipped
        post.comments = comments
        if post.featured_media and self.index and post.featured_media in self.index.media:
            media = self.index.media[post.featured_media]
            post.featured_image = media.local_path or media.url
        if self.media:
            post.content_html = self.media.rewrite(post.content_html)
        more = post.meta.pop("_more_excerpt", "")
        if post.type not in NON_CONTENT_TYPES:
            permalink, rel = self._place(post)
            post.path = rel
            summary = visible_text(post.excerpt) if post.excerpt else more
            fm = records.front_matter(post, flavour=self.options.flavour, permalink=permalink,
                                      author_name=self.author_names.get(post.author, post.author),
                                      summary=summary)
            if self.media:
                post.content_markdown = self.media.rewrite(post.content_markdown, from_file=rel)
            writer.write_text(rel, records.markdown_document(fm, post.content_markdown))
            self._add_redirects(post, permalink)
        for w in post.warnings:
            self.result.warnings.append(f"{post.type} {post.wp_id} ({post.title!r}): {w}")
        writer.append_jsonl("records/posts.jsonl", records.post_record(post))
        for comment in comments:
            writer.append_jsonl("records/comments.jsonl", records.comment_record(comment))
        self.result.counts[f"{post.type}/{post.status}"] += 1
        self.result.counts["comment"] += len(comments)

    # ---------------------------------------------------------------- where a post goes

    def _ancestors(self, post: Post) -> list[str]:
        assert self.index is not None
        chain, parent, seen = [], post.parent, {post.wp_id}
        while parent and parent in self.index.posts and parent not in seen:
            seen.add(parent)
            ptype, _, pslug, ptitle, grand, _ = self.index.posts[parent]
            if ptype != post.type:
                break
            chain.append(slug_for(pslug, ptitle, parent))
            parent = grand
        return list(reversed(chain))

    def _place(self, post: Post) -> tuple[str, str]:
        """(new permalink, Markdown path in the archive) for a post, unique and safe."""
        slug = slug_for(post.slug, post.title, post.wp_id)
        ancestors = self._ancestors(post) if post.type == "page" else []
        old = url_path(post.url)
        candidate, n = slug, 1
        rel = self._file_path(post, ancestors, candidate)
        while rel in self.taken_paths:  # "x-7" may be a real slug: keep counting until free
            n += 1
            candidate = f"{slug}-{post.wp_id}" if n == 2 else f"{slug}-{post.wp_id}-{n - 1}"
            rel = self._file_path(post, ancestors, candidate)
        self.taken_paths.add(rel)
        if self.options.permalinks == "keep" and old.startswith("/") and "?" not in old:
            permalink = clean_permalink(old)
        elif post.type == "page":
            permalink = "/" + "/".join([*ancestors, candidate]) + "/"
        elif post.type == "post":
            permalink = f"/posts/{candidate}/"
        else:
            permalink = f"/{safe_component(post.type)}/{candidate}/"
        if old and clean_permalink(old) != permalink and "?" not in old:
            post.aliases = [clean_permalink(old)]
        return permalink, rel

    def _file_path(self, post: Post, ancestors: list[str], slug: str) -> str:
        jekyll = self.options.flavour == "jekyll"
        if post.type == "post":
            if jekyll:
                if post.status == "publish" and post.date:
                    return join_safe("_posts", f"{post.date[:10]}-{slug}.md")
                return join_safe("_drafts", f"{slug}.md")
            return join_safe("content", "posts", f"{slug}.md")
        section = "pages" if post.type == "page" else safe_component(post.type)
        base = [] if jekyll else ["content"]
        return join_safe(*base, section, *ancestors, f"{slug}.md")

    def _add_redirects(self, post: Post, permalink: str) -> None:
        for alias in post.aliases:
            self.redirects.append(Redirect(alias, permalink, post.wp_id))
        query = "page_id" if post.type == "page" else "p"
        self.redirects.append(Redirect(f"/?{query}={post.wp_id}", permalink, post.wp_id))

    # ---------------------------------------------------------------- site-wide records

    def _write_site(self, writer: ArchiveWriter, index: WXRIndex) -> None:
        for media in index.media.values():
            writer.append_jsonl("records/media.jsonl", records.media_record(media))
        self.result.counts["attachment"] = len(index.media)
        for term in index.site.terms:
            writer.append_jsonl("records/terms.jsonl", records.term_record(term))
        for author in index.site.authors:
            writer.append_jsonl("records/authors.jsonl", records.author_record(author))
        index.site.menus = build_menus(index)
        for menu in index.site.menus:
            writer.append_jsonl("records/menus.jsonl", records.menu_record(menu))
        writer.write_json("records/site.json", records.site_record(index.site))

    def _manifest(self) -> dict[str, Any]:
        assert self.index is not None
        return {
            "tool": "mwmigrate", "version": __version__, "schema_version": records.SCHEMA_VERSION,
            "source": {"kind": "wxr", "name": self.source.name, "sha256": _sha256(self.source),
                       "size": self.source.stat().st_size},
            "options": {"flavour": self.options.flavour, "permalinks": self.options.permalinks,
                        "include_drafts": self.options.include_drafts,
                        "include_private": self.options.include_private,
                        "include_protected_content": self.options.include_protected_content,
                        "include_unapproved_comments": self.options.include_unapproved_comments,
                        "recover": self.options.recover,
                        "download_media": self.options.download_media},
            "counts": dict(sorted(self.result.counts.items())),
            "in_source": {f"{t}/{s}": n for (t, s), n in sorted(self.index.counts.items())},
            "skipped": dict(sorted(self.result.skipped.items())),
            "warnings": self.result.warnings,
        }


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
        nodes[(raw.menu, raw.wp_id)] = (raw, MenuItem(wp_id=raw.wp_id, title=title, url=url, order=raw.order,
                                          parent=raw.parent, object_type=raw.object,
                                          object_id=raw.object_id, classes=raw.classes,
                                          target=raw.target))
    for raw, item in sorted(nodes.values(), key=lambda n: (n[0].order, n[0].wp_id)):
        menu = menus.setdefault(raw.menu, Menu(slug=raw.menu, name=raw.menu))
        parent = nodes.get((raw.menu, raw.parent))
        if parent is not None and parent[1] is not item:
            parent[1].children.append(item)
        else:
            menu.items.append(item)
    return list(menus.values())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def migrate_wxr(source: str | Path, out: str | Path, options: MigrateOptions | None = None) -> MigrateResult:
    """Migrate a WXR export into an archive folder (replaced atomically)."""
    return WXRMigration(source, out, options or MigrateOptions()).run()

