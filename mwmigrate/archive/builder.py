"""Archive stage: lay out one archive from converted model objects, whatever the source.

The WXR migration and the live-site migration both hand their posts, media, terms, authors and
site record to an :class:`ArchiveBuilder`; it places each post (unique, safe Markdown path and
new permalink), writes the Markdown and the JSON records, collects redirects and the manifest.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from typing import TYPE_CHECKING, Any, Literal

from mwmigrate import __version__
from mwmigrate.archive import records
from mwmigrate.archive.paths import (
    clean_permalink,
    earlier_paths,
    redirectable,
    join_safe,
    safe_component,
    slug_for,
    url_path,
)
from mwmigrate.archive.redirects import Redirect, write_redirects
from mwmigrate.archive.writer import ArchiveWriter, dumps_json_line
from mwmigrate.convert.render import count_pages
from mwmigrate.model import Author, Media, Menu, Post, Site, Term
from mwmigrate.textmetrics import visible_text

if TYPE_CHECKING:  # not imported at run time: it brings requests, which a WXR run never needs
    from mwmigrate.archive.media import MediaDownloader

#: Post types that are site machinery, not content: kept as records, never as Markdown pages.
NON_CONTENT_TYPES = frozenset({
    "wp_navigation", "wp_template", "wp_template_part", "wp_global_styles", "wp_block",
    "custom_css", "customize_changeset", "oembed_cache", "user_request", "revision",
    "wp_font_family", "wp_font_face", "nav_menu_item", "attachment",
    # Plugins' own machinery (form definitions, field groups, templates, code snippets, tables
    # shown through a shortcode) and what holds people's personal data and is never a page:
    # orders, payments, subscriptions, form submissions, mail logs.
    "wpcf7_contact_form", "acf-field-group", "acf-field", "acf-post-type", "acf-taxonomy",
    "acf-ui-options-page", "wpforms", "wpforms_log", "mc4wp-form", "elementor_library",
    "elementor_snippet", "elementor_font", "elementor_icons", "et_pb_layout", "vc_grid_item",
    "ct_template", "gp_elements", "kadence_element", "astra-advanced-hook", "oceanwp_library",
    "wpcode", "tablepress_table",
    "shop_order", "shop_order_refund", "shop_order_placehold", "shop_coupon", "shop_webhook",
    "shop_subscription", "product_variation", "scheduled-action", "jp_pay_order",
    "edd_payment", "edd_log", "give_payment",
    "feedback", "flamingo_contact", "flamingo_inbound", "flamingo_outbound", "nf_sub",
    "postman_sent_mail",
})
# Text that Hugo would run as a shortcode: "{{< name ... >}}" or "{{% name ... %}}".
_HUGO_SHORTCODE = re.compile(r"\{\{([<%])(.*?)([>%])\}\}", re.DOTALL)


def hugo_literal(markdown: str) -> str:
    """Markdown whose text Hugo shows as written: a post may quote Hugo's shortcode syntax
    (a code block about Hugo), which Hugo would run, or fail on ("template for shortcode not
    found"). Hugo's own escape, {{</* ... */>}}, prints it unchanged, in code too."""
    return _HUGO_SHORTCODE.sub(lambda m: "{{" + m.group(1) + "/*" + m.group(2) + "*/" + m.group(3) + "}}", markdown)


#: Hugo's home page: where the site's static front page goes (see ArchiveBuilder._place).
HUGO_HOME = "content/_index.md"
#: Of those, the ones that hold people's personal data: form submissions (Jetpack's feedback
#: holds the sender's e-mail and IP address), orders, payments, subscriptions, mail logs and
#: privacy requests. Not published content: left out of the archive unless asked for
#: (--include-personal-data), as commenters' e-mail addresses are.
PERSONAL_DATA_TYPES = frozenset({
    "feedback", "flamingo_contact", "flamingo_inbound", "flamingo_outbound", "nf_sub",
    "postman_sent_mail", "user_request", "shop_order", "shop_order_refund", "shop_order_placehold",
    "shop_subscription", "edd_payment", "give_payment", "jp_pay_order",
})
RECORD_FILES = ("records/posts.jsonl", "records/comments.jsonl", "records/media.jsonl",
                "records/terms.jsonl", "records/authors.jsonl", "records/menus.jsonl")
#: taxonomy -> (WordPress's default archive base, the section Hugo lists a term's posts in: the
#: front matter's ``categories``/``tags``, Hugo's default taxonomies).
TERM_PAGES = {"category": ("category", "categories"), "post_tag": ("tag", "tags")}


@dataclass
class LayoutOptions:
    flavour: Literal["hugo", "jekyll"] = "hugo"
    permalinks: Literal["keep", "clean"] = "keep"
    include_unapproved_comments: bool = False


@dataclass
class BuildResult:
    out: Path
    counts: Counter[str] = field(default_factory=Counter)  # "post/publish" -> n written
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> n
    warnings: list[str] = field(default_factory=list)
    files: int = 0
    redirects: int = 0  # rows of the redirect map
    earlier_urls: int = 0  # of which: earlier URLs of renamed or redated posts
    term_archives: int = 0  # of which: category and tag archives (Hugo's term pages)
    feeds: int = 0  # of which: feeds (Hugo's)
    attachment_pages: int = 0  # of which: attachment pages (to the post they were uploaded to)


@dataclass
class Composed:
    """One post's archive output as bytes and JSON lines, ready to write."""

    wp_id: int
    type: str
    status: str
    title: str
    path: str  # the Markdown file ("" for site machinery, which has none)
    markdown: bytes | None
    post_line: bytes  # JSON, UTF-8, no newline
    comment_lines: list[bytes]
    unapproved: int  # comments left out (--include-unapproved-comments)
    warnings: list[str]
    notes: int = 0  # editors' notes left out (comments of type "note": see PostComposer)


@dataclass
class PostComposer:
    """Front matter, Markdown document and JSON records of a placed, converted post.

    A pure function of the post and of what :meth:`ArchiveBuilder.resolve` found for it, holding
    no site data, so it may run on a worker process started before the site was read; the
    builder only writes the result.
    """

    options: LayoutOptions

    def __call__(self, post: Post, *, permalink: str | None, author_name: str = "",
                 summary: str = "") -> Composed:
        # WordPress 6.9's notes (an editor's remarks on a block, kept as comments of type
        # "note", never shown on the site) are no comments of the page: always left out.
        notes = sum(c.type == "note" for c in post.comments)
        comments = [c for c in post.comments if c.type != "note" and (
            c.approved == "1" or self.options.include_unapproved_comments)]
        unapproved = len(post.comments) - len(comments) - notes
        post.comments = comments
        markdown = None
        if permalink is not None:
            summary = visible_text(post.excerpt) if post.excerpt else summary
            fm = records.front_matter(post, flavour=self.options.flavour, permalink=permalink,
                                      author_name=author_name or post.author, summary=summary)
            body = post.content_markdown
            if self.options.flavour == "hugo" and "{{" in body:
                body = hugo_literal(body)
            markdown = records.markdown_document(fm, body).encode("utf-8")
        return Composed(
            wp_id=post.wp_id, type=post.type, status=post.status, title=post.title,
            path=post.path if permalink is not None else "", markdown=markdown,
            post_line=dumps_json_line(records.post_record(post)),
            comment_lines=[dumps_json_line(records.comment_record(c)) for c in comments],
            unapproved=unapproved, warnings=post.warnings, notes=notes)


#: post id -> (type, slug, title, parent id): what placing a page under its ancestors needs.
Directory = Mapping[int, tuple[str, str, str, int]]


class ArchiveBuilder:
    """Writes posts and site records into an open :class:`ArchiveWriter`."""

    def __init__(self, writer: ArchiveWriter, options: LayoutOptions, result: BuildResult, *,
                 directory: Directory, media: Mapping[int, Media],
                 authors: Iterable[Author] = (), downloader: MediaDownloader | None = None,
                 live_paths: Set[str] = frozenset(), home_path: str = "") -> None:
        self.writer = writer
        # The old site's URL paths that show a post (clean_permalink form): an earlier URL of
        # one post that is another's URL now is not redirected (WordPress shows the other).
        self.live_paths = live_paths
        self.options = options
        self.result = result
        self.directory = directory
        self.media = media
        self.downloader = downloader
        self.author_names = {a.login: a.display_name or a.login for a in authors}
        self.taken_paths: set[str] = set()
        self.urls: dict[str, tuple[str, int]] = {}  # new permalink -> (type, id) of its post
        self.url_warnings: list[str] = []
        # URLs of Hugo's own list pages: its default taxonomies' and our sections'
        self.hugo_lists = {"categories", "tags", "posts", "pages"}
        self.redirects: list[Redirect] = []
        self.current_rows: list[Redirect] = []  # posts' own old URLs (--permalinks clean)
        # The static start of the old permalinks ("blog" in /blog/%postname%/), which WordPress
        # also puts in front of its category and tag archives: what all posts' URLs share.
        self._front: list[str] | None = None
        self.terms: list[Term] = []  # the site's categories and tags (add_site)
        self.terms_used: set[tuple[str, str]] = set()  # (taxonomy, slug) of published posts
        # attachment id -> (the post it was uploaded to, its page's URL) (add_site), and the new
        # permalinks of those posts (place): the old attachment pages redirect there.
        self.attachment_pages: dict[int, tuple[int, str]] = {}
        self.parent_permalinks: dict[int, str] = {}
        # Whose permalinks to keep: the parents of the media known now (an export's), else, until
        # add_site says (a live site's media come last), every post's.
        parents = {m.parent for m in media.values() if m.parent}
        self._parents: frozenset[int] | None = frozenset(parents) if media else None
        # The old site's home, when WordPress was not at the root ("/news": its shortlinks
        # were /news/?p=N, its feed /news/feed/...).
        home = unquote(home_path)
        self.home = home.rstrip("/") if home.startswith("/") else ""
        writer.touch_jsonl(RECORD_FILES)

    # ---------------------------------------------------------------- posts

    def add_post(self, post: Post, *, summary: str = "") -> None:
        """Write one converted post: its Markdown file (content types) and its records."""
        permalink = self.place(post)
        author_name = self.resolve(post)
        if self.downloader:
            post.content_html = self.downloader.rewrite(post.content_html)
            if permalink is not None:
                post.content_markdown = self.downloader.rewrite(post.content_markdown,
                                                                from_file=post.path)
        self.add_composed(self.composer()(post, permalink=permalink, author_name=author_name,
                                          summary=summary))

    def place(self, post: Post) -> str | None:
        """Give a content post its Markdown path (``post.path``), new permalink (returned) and
        redirects. Runs in input order, so paths are the same whoever converts the post."""
        if post.type in NON_CONTENT_TYPES:
            return None
        permalink, rel = self._place(post)
        post.path = rel
        self._check_url(post, permalink)
        # (its own old URL is an alias when it moved: --permalinks clean)
        current = clean_permalink(url_path(post.url)) if post.aliases else ""
        # Old URLs are the ones WordPress served: a draft's, a private or scheduled post's were
        # none (a visitor got a 404), and its new page is not published either.
        public = post.status == "publish"
        for alias in post.aliases if public else ():
            row = Redirect(alias, permalink, post.wp_id, post.type)
            # (its URL on the old site, where WordPress showed it: ahead of every other row)
            (self.current_rows if alias == current else self.redirects).append(row)
        # A path no redirect file can hold (reported by redirects._unique) is no alias either.
        post.aliases = [a for a in post.aliases if redirectable(a)]
        if post.wp_id > 0 and public:  # (a post with no id has no ?p= link)
            query = "page_id" if post.type == "page" else "p"
            self.redirects.append(Redirect(f"{self.home}/?{query}={post.wp_id}", permalink,
                                           post.wp_id, post.type))
        if public and (self._parents is None or post.wp_id in self._parents):
            self.parent_permalinks[post.wp_id] = permalink
        if post.status == "publish" and post.type == "post" and self._front != []:
            self._front = _common_front(self._front, post, self.home)
        if post.status == "publish":
            self.terms_used.update(("category", slug) for slug in post.categories)
            self.terms_used.update(("post_tag", slug) for slug in post.tags)
        return permalink

    def resolve(self, post: Post) -> str:
        """What a post's files show of the rest of the site: its featured image's URL (set on
        the post) and its author's display name (returned, for :class:`PostComposer`)."""
        if post.featured_media and post.featured_media in self.media:
            media = self.media[post.featured_media]
            post.featured_image = media.local_path or media.url
        return self.author_names.get(post.author, post.author)

    def composer(self) -> PostComposer:
        """What turns a placed, resolved, converted post into its files' bytes; it holds no
        site data, so a worker process can run it (the serialisation is half the writing cost)."""
        return PostComposer(self.options)

    def add_composed(self, done: Composed) -> None:
        """Write what :class:`PostComposer` made, and count it."""
        if done.unapproved:
            self.result.skipped["comment/unapproved (use --include-unapproved-comments)"] += (
                done.unapproved)
        if done.notes:
            self.result.skipped["comment/note (an editor's note on a block, never shown on the site)"] += (
                done.notes)
        if done.markdown is not None:
            self.writer.write_bytes(done.path, done.markdown)
        said = f"post {done.wp_id}: "  # (the renderer names the post too: said once)
        for w in done.warnings:
            self.result.warnings.append(f"{done.type} {done.wp_id} ({done.title!r}): {w.removeprefix(said)}")
        self.writer.append_jsonl_line("records/posts.jsonl", done.post_line)
        for line in done.comment_lines:
            self.writer.append_jsonl_line("records/comments.jsonl", line)
        self.result.counts[f"{done.type}/{done.status}"] += 1
        self.result.counts["comment"] += len(done.comment_lines)

    def _ancestors(self, post: Post) -> list[str]:
        chain, parent, seen = [], post.parent, {post.wp_id}
        while parent and parent in self.directory and parent not in seen:
            seen.add(parent)
            ptype, pslug, ptitle, grand = self.directory[parent]
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
        # The site's static front page (Settings > Reading): WordPress gives it the home URL.
        # Hugo's home page is content/_index.md: a page of its own at "/" would clash with it
        # (Hugo builds one of the two, and warns of duplicate target paths).
        front = post.type == "page" and post.status == "publish" and old == f"{self.home}/"
        candidate, n = slug, 1
        if front and self.options.flavour == "hugo" and HUGO_HOME not in self.taken_paths:
            rel = HUGO_HOME
        else:
            rel = self._file_path(post, ancestors, candidate)
        while rel in self.taken_paths or self._reserved(rel):  # "x-7" may be a real slug: count on
            n += 1
            candidate = f"{slug}-{post.wp_id}" if n == 2 else f"{slug}-{post.wp_id}-{n - 1}"
            rel = self._file_path(post, ancestors, candidate)
        self.taken_paths.add(rel)
        if rel.startswith("_drafts/") and post.status == "publish":
            post.warnings.append("published, but it has no date: written to _drafts/ (Jekyll "
                                 "publishes posts from _posts/YYYY-MM-DD-slug.md)")
        if front or (self.options.permalinks == "keep" and old.startswith("/") and "?" not in old):
            permalink = clean_permalink(old)  # (the front page stays the home with clean ones too)
        elif post.type == "page":
            permalink = "/" + "/".join([*ancestors, candidate]) + "/"
        elif post.type == "post":
            permalink = f"/posts/{candidate}/"
        else:
            permalink = f"/{safe_component(post.type)}/{candidate}/"
        aliases = []
        if old and clean_permalink(old) != permalink and "?" not in old:
            aliases.append(clean_permalink(old))
        earlier = [p for p in earlier_paths(post.url, post.slug, post.date, post.meta.get("_wp_old_slug"),
                                            post.meta.get("_wp_old_date"))
                   if p != permalink and p not in aliases and p not in self.live_paths]
        self.result.earlier_urls += len(earlier)
        # A post split with <!--nextpage--> had its pages 2, 3... at trailingslashit(permalink)
        # . user_trailingslashit(N) (_wp_link_page(): "/x/2/", or "/x.html/2" where the
        # permalinks end without a slash); the new site shows it whole, on one page.
        later = []
        if old.startswith("/") and "?" not in old and not front and post.status == "publish":
            pages = post.pages if post.pages > 1 else count_pages(post.content_raw)
            base, end = clean_permalink(old).rstrip("/") + "/", "/" if old.endswith("/") else ""
            later = [f"{base}{n}{end}" for n in range(2, pages + 1)]
        post.aliases = aliases + earlier + [p for p in later if p not in aliases and p not in earlier]
        return permalink, rel

    def _check_url(self, post: Post, permalink: str) -> None:
        """Warn where the new site cannot show the post at its URL: another published post
        has it (WordPress lets a page and a post share a slug), or, for Hugo, one of its own
        list pages is there (its sections' and default taxonomies' /posts/, /tags/...)."""
        if post.status != "publish":
            return
        earlier = self.urls.setdefault(permalink, (post.type, post.wp_id))
        if earlier != (post.type, post.wp_id):
            self.url_warnings.append(
                f"{post.type} {post.wp_id} ({post.title!r}) has the URL {permalink} of {earlier[0]} "
                f"{earlier[1]}: the new site shows one of them there")
        if self.options.flavour == "hugo" and permalink.strip("/") in self.hugo_lists:
            self.url_warnings.append(
                f"{post.type} {post.wp_id} ({post.title!r}) has the URL {permalink}, where Hugo "
                "builds its own list page (a section or a taxonomy): Hugo shows that list there, "
                "not the post; give the post another url in its front matter")

    def _reserved(self, rel: str) -> bool:
        """A file name Hugo reads as something else: index.md makes its folder a leaf bundle
        (the other pages there become its resources, and are not built), _index.md is the
        folder's list page. (The front page's content/_index.md is placed on purpose.)"""
        return (self.options.flavour == "hugo" and rel != HUGO_HOME
                and rel.rsplit("/", 1)[-1] in ("index.md", "_index.md"))

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

    # ---------------------------------------------------------------- site-wide records

    def add_site(self, site: Site, *, media: Iterable[Media], terms: Iterable[Term],
                 authors: Iterable[Author], menus: Iterable[Menu]) -> None:
        n_media = 0
        for item in media:
            self.writer.append_jsonl("records/media.jsonl", records.media_record(item))
            n_media += 1
            if item.parent:
                self.attachment_pages[item.wp_id] = (item.parent, item.page_url)
        parents = {parent for parent, _ in self.attachment_pages.values()}
        if self._parents is None:
            self.parent_permalinks = {k: v for k, v in self.parent_permalinks.items() if k in parents}
        self._parents = frozenset(parents | (self._parents or set()))
        self.result.counts["attachment"] = n_media
        for term in terms:
            self.writer.append_jsonl("records/terms.jsonl", records.term_record(term))
            if term.taxonomy in TERM_PAGES:
                self.terms.append(term)
        for author in authors:
            self.writer.append_jsonl("records/authors.jsonl", records.author_record(author))
        site.menus = list(menus)
        for menu in site.menus:
            self.writer.append_jsonl("records/menus.jsonl", records.menu_record(menu))
        self.writer.write_json("records/site.json", records.site_record(site))

    def finish(self, *, source: dict[str, Any], options: dict[str, Any],
               in_source: Mapping[str, int]) -> None:
        """Redirect maps and the manifest, then the atomic swap into place."""
        # (collected as posts were placed, in input order: the same whoever converted them)
        self.result.warnings.extend(self.url_warnings)
        if self.downloader:
            self.result.warnings.extend(self.downloader.warnings())
        site_rows: list[Redirect] = []
        if self.options.flavour == "hugo":
            self._hugo_term_pages()
            front = "/" + "/".join(self._front) if self._front else ""
            site_rows += term_redirects(self.terms, self.terms_used, self.home, front)
            site_rows += feed_redirects(self.terms, self.terms_used, self.home, front)
        site_rows += attachment_redirects(self.attachment_pages, self.parent_permalinks, self.home)
        # Never from a page of the new site (its home, a post's URL): it shows that page. A post's
        # own old URL there is a clash (said); the rows made here are dropped without a word.
        pages = {unquote(r.new) for r in self.redirects} | {"/", f"{self.home}/"} | set(self.live_paths)
        site_rows = [r for r in site_rows if "?" in r.old or unquote(r.old) not in pages]
        current = []
        for r in self.current_rows:
            if unquote(r.old) in pages:
                self.result.warnings.append(
                    f"redirect from {r.old} to {r.new} ({r.type} {r.wp_id}) left out: the new site "
                    "has a page there")
            else:
                current.append(r)
        # In WordPress's order: a post's own URL, then archives, feeds and attachment pages (shown
        # where they are), then the posts' earlier URLs (redirected only where nothing answers).
        written, warnings = write_redirects(self.writer, current + site_rows + self.redirects)
        self.result.redirects = len(written)
        self.result.term_archives = sum(r.type in TERM_PAGES for r in written)
        self.result.feeds = sum(r.type == "feed" for r in written)
        self.result.attachment_pages = sum(r.type == "attachment" for r in written)
        self.result.warnings.extend(warnings)
        self.writer.commit({
            "tool": "mwmigrate", "version": __version__, "schema_version": records.SCHEMA_VERSION,
            "source": source, "options": options,
            "counts": dict(sorted(self.result.counts.items())),
            "in_source": dict(sorted(in_source.items())),
            "skipped": dict(sorted(self.result.skipped.items())),
            "warnings": self.result.warnings,
        })
        self.result.files = len(self.writer.files)

    def _hugo_term_pages(self) -> None:
        """``content/<categories|tags>/<slug>/_index.md`` for the terms published posts have: the
        page Hugo makes for a term then shows its name and description, not its slug."""
        odd: list[tuple[str, str]] = []
        for term, new, _ in _term_paths(self.terms, self.terms_used, odd=odd):
            self.writer.write_text(join_safe("content", *new.strip("/").split("/"), "_index.md"),
                                   records.term_page(term))
        for taxonomy, slug in odd:
            self.result.warnings.append(
                f"{taxonomy} {slug!r}: a slug Hugo would not keep as it is (a term page's path "
                "is the slug made a URL): no term page or redirect made for it")


def _hugo_keeps(slug: str) -> bool:
    """Whether Hugo keeps ``slug`` as the term page's path: WordPress's own slugs (lower case,
    digits, hyphens, underscores, letters and marks of any script: "हिन्दी", "สวัสดี");
    anything else Hugo would change in ways not reproduced here."""
    return bool(slug) and slug == slug.lower() and slug[0] not in "-_" and all(
        ch.isalnum() or ch in "-_" or unicodedata.category(ch).startswith("M") for ch in slug)


def _common_front(front: list[str] | None, post: Post, home: str) -> list[str]:
    """``front`` (None: no post yet) cut to what ``post``'s URL starts with before its first
    part that varies (a number: date or id; its slug)."""
    parts = urlsplit(post.url) if post.url else None
    if parts is None or parts.query:
        return []  # (plain permalinks: no front)
    path = unquote(parts.path)
    if home and path.startswith(home + "/"):
        path = path[len(home):]
    lead = []
    for segment in path.split("/"):
        if not segment:
            continue
        if segment.isdigit() or segment == post.slug or segment == str(post.wp_id):
            break
        lead.append(segment)
    else:
        return []  # (the post's slug never showed: no telling)
    if front is None:
        return lead
    n = 0
    while n < min(len(front), len(lead)) and front[n] == lead[n]:
        n += 1
    return front[:n]


def _term_paths(terms: Iterable[Term], used: Set[tuple[str, str]], home: str = "",
                odd: list[tuple[str, str]] | None = None,
                front: str = "") -> Iterator[tuple[Term, str, list[str]]]:
    """(term, its Hugo page, its old archive paths: the term's own URL when the source gave it,
    WordPress's default forms, under the permalinks' ``front`` too when there is one) for each
    term a published post has, in a stable order. Terms whose slug Hugo would not keep as their
    page's path are left out (listed in ``odd``)."""
    declared: dict[tuple[str, str], Term] = {}
    for t in terms:  # (a term listed twice: its first entry)
        if t.taxonomy in TERM_PAGES:
            declared.setdefault((t.taxonomy, t.slug), t)
    parents = {slug: t.parent for (taxonomy, slug), t in declared.items() if taxonomy == "category"}
    # (A post may have a term the export's list of terms lacks: the theme unit test data does.)
    for taxonomy, slug in sorted(used):
        if not _hugo_keeps(slug) or safe_component(slug) != slug:
            if odd is not None:
                odd.append((taxonomy, slug))
            continue
        term = declared.get((taxonomy, slug)) or Term(taxonomy, slug, slug)
        base, section = TERM_PAGES[taxonomy]
        chain, seen = [slug], {slug}
        while (taxonomy == "category" and len(chain) <= _MAX_TERM_DEPTH
               and (up := parents.get(chain[0], "")) and up not in seen):
            chain.insert(0, up)
            seen.add(up)
        olds = []
        for prefix in ([f"{home}{front}", home] if front else [home]):
            if len(chain) <= _MAX_TERM_DEPTH:
                olds.append(f"{prefix}/{base}/{'/'.join(chain)}/")
            olds.append(f"{prefix}/{base}/{slug}/")
        own = urlsplit(term.url) if term.url else None
        if own is not None and not own.query and own.path.startswith("/"):
            olds.insert(0, clean_permalink(unquote(own.path)))  # (a ?cat=N link: see term_redirects)
        yield term, f"/{section}/{slug}/", list(dict.fromkeys(olds))


_MAX_TERM_DEPTH = 32  # ancestors spelt out in a category's path (deeper: its short path only)

#: WordPress's feeds of the whole site (pretty and plain forms).
_SITE_FEEDS = ("/feed/", "/feed/rss2/", "/feed/atom/", "/feed/rdf/", "/?feed=rss2", "/?feed=atom")


def feed_redirects(terms: Iterable[Term], used: Set[tuple[str, str]],
                   home: str = "", front: str = "") -> list[Redirect]:
    """WordPress's feeds to Hugo's (``/index.xml``, and each term page's ``index.xml``), so a
    feed reader subscribed to the old site follows it (a post's guid is kept in its record)."""
    out = [Redirect(home + old, "/index.xml", 0, "feed") for old in _SITE_FEEDS]
    for term, new, olds in _term_paths(terms, used, home, front=front):
        feeds = [f"{old.rstrip('/')}/feed/" for old in olds]
        if term.taxonomy == "category" and term.wp_id:  # plain permalinks: get_category_feed_link
            feeds.append(f"{home}/?feed=rss2&cat={term.wp_id}")
        elif term.taxonomy == "post_tag":
            feeds.append(f"{home}/?feed=rss2&tag={term.slug}")
        out += [Redirect(old, f"{new}index.xml", term.wp_id or 0, "feed") for old in dict.fromkeys(feeds)]
    return out


def attachment_redirects(pages: Mapping[int, tuple[int, str]], permalinks: Mapping[int, str],
                         home: str = "") -> list[Redirect]:
    """Old attachment pages (the page WordPress shows for an uploaded file: its own URL, and
    ``/?attachment_id=N``), which images and galleries link to by default, to the new page of
    the post the file was uploaded to, where it is shown. Files uploaded to no post, or to one
    not migrated, are left out."""
    out = []
    for wp_id, (parent, page_url) in sorted(pages.items()):
        new = permalinks.get(parent)
        if not new:
            continue
        olds = [f"{home}/?attachment_id={wp_id}"]
        if page_url:
            parts = urlsplit(page_url)
            path = clean_permalink(parts.path) if parts.path.startswith("/") else ""
            if path and not parts.query:
                olds.insert(0, path)
        out += [Redirect(old, new, wp_id, "attachment") for old in olds]
    return out


def term_redirects(terms: Iterable[Term], used: Set[tuple[str, str]],
                   home: str = "", front: str = "") -> list[Redirect]:
    """Old category and tag archives to the term pages Hugo makes (``/categories/<slug>/``), for
    the terms a published post has (Hugo makes no page for the others). The old forms: the
    term's own URL when the source gave it (REST's ``link``: a custom base included), else
    WordPress's default ``/category/<parents>/<slug>/`` (and ``/category/<slug>/``, which
    WordPress also answers) and ``/tag/<slug>/``; and the plain-permalink ``/?cat=<id>``,
    ``/?tag=<slug>``."""
    out = []
    for term, new, olds in _term_paths(terms, used, home, front=front):
        if term.taxonomy == "category" and term.wp_id:
            olds.append(f"{home}/?cat={term.wp_id}")
        elif term.taxonomy == "post_tag":
            olds.append(f"{home}/?tag={term.slug}")
        out += [Redirect(old, new, term.wp_id or 0, term.taxonomy) for old in olds]
    return out


def status_filter(result: BuildResult, *, include_drafts: bool,
                  include_private: bool, include_personal_data: bool = False) -> Callable[[Post], bool]:
    """Which posts a migration keeps; what it drops is counted with the option that keeps it."""

    def wanted(post: Post) -> bool:
        status = post.status
        if post.type in PERSONAL_DATA_TYPES and not include_personal_data:
            reason = f"{post.type} (people's personal data; use --include-personal-data)"
        elif post.type == "revision" or status in ("auto-draft", "trash", "inherit"):
            reason = f"{post.type}/{status}"
        elif status == "publish":
            return True
        elif status in ("draft", "pending", "future") and include_drafts:
            return True
        elif status == "private" and include_private:
            return True
        else:
            reason = f"{post.type}/{status} (use --include-drafts or --include-private)"
        result.skipped[reason] += 1
        return False

    return wanted
