"""A read-only summary of the whole site, for rendering dynamic blocks (convert.dynamic).

Renderer stage helper: WordPress computes the output of blocks such as core/archives, core/categories
or core/latest-posts from the site's database at request time. A WXR export holds the same data
(posts, pages, terms, comments, authors, media), so ``build_site_view`` condenses it into this
small structure, frozen at export time. Post bodies are not kept: only the excerpt words that
excerpts and searches need.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import quote

from mwmigrate.model import Author, Comment, Media, Post, Site, Term

_T = TypeVar("_T")
_MISSING = object()

#: Words kept per post for generated excerpts (WordPress's default is 55, latest-posts allows 100).
EXCERPT_WORDS_KEPT = 100

#: WordPress's own excerpt_more; themes often replace it ("Continue reading ...").
DEFAULT_EXCERPT_MORE = " [&hellip;]"

# excerpt_remove_blocks(): the blocks whose content a generated excerpt keeps.
_EXCERPT_BLOCKS = frozenset(
    "core/" + n
    for n in "freeform heading html list media-text paragraph preformatted pullquote quote table verse "
    "columns column group".split()
)


@dataclass(frozen=True, slots=True)
class PostSummary:
    id: int
    type: str
    status: str
    slug: str
    title: str  # as stored ("" when untitled)
    url: str
    date: str  # ISO 8601 with offset, the site's local time
    author: str  # display name
    author_login: str = ""
    author_email_hash: str = ""  # md5 of the author's email, for Gravatar URLs
    excerpt: str = ""  # the hand-written excerpt, raw
    # The first words of the generated excerpt text (up to EXCERPT_WORDS_KEPT), joined by single
    # spaces: one str costs a tenth of a tuple of words. Words never hold a space (they are split
    # on [\n\r\t ]), so ``words`` splits it back exactly.
    excerpt_text: str = ""
    more_words: bool = False  # the text has more words than ``words``
    # Where the body can be read again (SiteView.read_body) when the two fields above were left
    # to be computed when a block first shows them; -1: they were computed up front.
    body_ref: int = -1
    comment_count: int = 0
    categories: tuple[str, ...] = ()  # slugs
    tags: tuple[str, ...] = ()
    parent: int = 0
    menu_order: int = 0
    sticky: bool = False
    password: bool = False
    comment_status: str = "open"
    featured_media: int | None = None
    format: str = "standard"

    @property
    def published(self) -> bool:
        return self.status == "publish"

    @property
    def words(self) -> tuple[str, ...]:
        """The first words of the generated excerpt text (at most EXCERPT_WORDS_KEPT), when
        computed up front (else: SiteView.generated_excerpt)."""
        return tuple(self.excerpt_text.split(" ")) if self.excerpt_text else ()

    @property
    def word_count(self) -> int:
        """len(self.words), without splitting."""
        return self.excerpt_text.count(" ") + 1 if self.excerpt_text else 0


@dataclass(frozen=True)
class TermSummary:
    id: int
    name: str
    slug: str
    taxonomy: str
    url: str
    count: int  # published posts carrying the term (what WordPress's term count holds)
    parent: int = 0  # parent term id
    description: str = ""


@dataclass(frozen=True, slots=True)
class CommentSummary:
    id: int
    post_id: int
    author: str
    author_url: str
    author_email_hash: str
    date: str  # ISO 8601 with offset
    content: str  # raw comment text
    parent: int = 0
    type: str = "comment"


@dataclass(frozen=True)
class AuthorSummary:
    login: str
    name: str
    email_hash: str = ""
    description: str = ""
    url: str = ""  # the author's own website
    id: int = 0

    @property
    def nicename(self) -> str:
        """The user_nicename WordPress gives a login (sanitize_title, 50 characters at most):
        what its author archive URL is made of. Not in exports; logins outside ASCII letters,
        digits, '-', '_', '.', spaces and '@' may differ."""
        t = re.sub(r"[\s.]+", "-", self.login.lower())
        t = re.sub(r"-+", "-", re.sub(r"[^a-z0-9_-]", "", t)).strip("-")
        return t[:50]

    def archive_url(self, site: SiteView) -> str:
        """get_author_posts_url()."""
        if site.pretty_permalinks or not self.id:
            return f"{site.url}/author/{self.nicename}/"
        return f"{site.url}/?author={self.id}"


@dataclass(frozen=True)
class ImageSummary:
    url: str
    alt: str = ""
    width: int | None = None
    height: int | None = None


class HtmlMemo:
    """Rendered HTML by key, bounded in entries and characters, least recently used dropped
    first (see :meth:`SiteView.memo_html`)."""

    def __init__(self, entries: int = 64, chars: int = 8_000_000) -> None:
        # 8 M characters: a list of 7,500 pages is about 1.5 M
        self.entries, self.chars = entries, chars
        self._items: OrderedDict[Any, str | None] = OrderedDict()
        self._held = 0

    def get(self, key: Any, render: Callable[[], str | None]) -> str | None:
        items = self._items
        if key in items:
            items.move_to_end(key)
            return items[key]
        value = render()
        size = len(value) if value else 0
        if size <= self.chars:
            items[key] = value
            self._held += size
            while len(items) > self.entries or self._held > self.chars:
                _, old = items.popitem(last=False)
                self._held -= len(old) if old else 0
        return value

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class SiteView:
    """What dynamic blocks may know about the site (published content, approved comments)."""

    url: str  # home URL, no trailing slash
    name: str = ""
    description: str = ""
    now: str = ""  # ISO date(time) used as "today" (calendar); default: the newest post's date
    posts: Mapping[int, PostSummary] = field(default_factory=dict)  # every post/page, any status
    terms: tuple[TermSummary, ...] = ()
    comments: tuple[CommentSummary, ...] = ()  # approved only, oldest first
    images: Mapping[int, ImageSummary] = field(default_factory=dict)  # featured images
    authors: Mapping[str, AuthorSummary] = field(default_factory=dict)  # by login
    sticky: tuple[int, ...] = ()
    pretty_permalinks: bool = True
    excerpt_more: str = DEFAULT_EXCERPT_MORE  # may use {url} and {title}
    empty_title: str = ""  # what the theme shows for an untitled post ("" = the block's own)
    date_format: str = "F j, Y"
    posts_per_page: int = 10
    # A post's raw body by PostSummary.body_ref: read only for the excerpts a block shows.
    read_body: Callable[[int], str] | None = field(default=None, compare=False, repr=False)
    # Raw content of the published posts that blocks show whole, by id: synced patterns
    # (wp_block, shown by core/block), menus saved as posts (wp_navigation, core/navigation)
    # and a block theme's edited template parts (wp_template_part).
    bodies: Mapping[int, str] = field(default_factory=dict, compare=False, repr=False)
    # The theme (its wp_theme term) and last modification of each published template part:
    # an export holds the edited parts of every theme the site has had.
    template_parts: Mapping[int, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)
    # Derived data, computed on first use (see ``memo``). The view is read-only, so anything that is
    # a pure function of it is computed once per process: dynamic blocks appear in many posts and
    # would otherwise scan every post, comment or term on every call. Not an __init__ argument, so
    # dataclasses.replace() starts a new view with an empty memo.
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)
    _html_memo: HtmlMemo = field(default_factory=HtmlMemo, init=False, compare=False, repr=False)

    # ----------------------------------------------------------------- memo

    def memo(self, key: Any, compute: Callable[[], _T]) -> _T:
        """``compute()``, once per ``key`` for this view: only for pure functions of the view.

        The value is shared by every later caller: treat it as read-only (tuples, or lists and
        dicts nobody mutates). Keys start with the name of what they hold.
        """
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:
            value = self._memo[key] = compute()
        return value  # type: ignore[no-any-return]

    def memo_html(self, key: Any, render: Callable[[], str | None]) -> str | None:
        """``render()``, kept for later callers with the same ``key`` while it was used lately.

        For rendered block HTML: a page list printed in every post is rendered once. Unlike
        :meth:`memo`, bounded (entries and characters, least recently used dropped first): a
        key that varies per post (the page list of each page marks that page) would otherwise
        keep one whole list per page for the run.
        """
        return self._html_memo.get(key, render)

    # ----------------------------------------------------------------- lookups

    def generated_excerpt(self, post: PostSummary) -> tuple[str, int, bool]:
        """(text, words, more) of a post's generated excerpt: its first words (at most
        EXCERPT_WORDS_KEPT) joined by single spaces, how many, and whether the body has more.
        From the summary, or from the body, read once, when the summary left them out."""
        if post.body_ref < 0 or self.read_body is None:
            return post.excerpt_text, post.word_count, post.more_words

        def compute() -> tuple[str, int, bool]:
            words, more = excerpt_words(self.read_body(post.body_ref))  # type: ignore[misc]
            return " ".join(words), len(words), more

        return self.memo(("generated-excerpt", post.id), compute)

    def published(self, post_type: str = "post") -> list[PostSummary]:
        """Published posts of a type, in the order of ``posts`` (a new list: callers may change it)."""
        return list(self.published_posts(post_type))

    def published_posts(self, post_type: str = "post") -> tuple[PostSummary, ...]:
        """Like :meth:`published`, shared (memoized)."""
        return self.memo(("published", post_type), lambda: tuple(
            p for p in self.posts.values() if p.published and p.type == post_type))

    def term(self, taxonomy: str, slug: str) -> TermSummary | None:
        return self._terms_by_slug().get((taxonomy, slug))

    def term_by_id(self, term_id: int) -> TermSummary | None:
        return self._terms_by_id().get(term_id)

    def _terms_by_slug(self) -> dict[tuple[str, str], TermSummary]:
        return self.memo(("terms-by-slug",), lambda: {(t.taxonomy, t.slug): t for t in self.terms})

    def _terms_by_id(self) -> dict[int, TermSummary]:
        def build() -> dict[int, TermSummary]:
            out: dict[int, TermSummary] = {}
            for t in self.terms:
                out.setdefault(t.id, t)  # the first term with an id, as a scan finds it
            return out

        return self.memo(("terms-by-id",), build)

    def comment(self, comment_id: object) -> CommentSummary | None:
        """The (approved) comment with this id; the first one if ids repeat."""
        def build() -> dict[int, CommentSummary]:
            out: dict[int, CommentSummary] = {}
            for c in self.comments:
                out.setdefault(c.id, c)
            return out

        return self.memo(("comments-by-id",), build).get(comment_id)  # type: ignore[arg-type]

    def post_comments(self, post_id: int) -> tuple[CommentSummary, ...]:
        """The (approved) comments of a post, in ``comments`` order (oldest first)."""
        def build() -> dict[int, tuple[CommentSummary, ...]]:
            groups: dict[int, list[CommentSummary]] = {}
            for c in self.comments:
                groups.setdefault(c.post_id, []).append(c)
            return {pid: tuple(cs) for pid, cs in groups.items()}

        return self.memo(("comments-by-post",), build).get(post_id, ())

    def display_title(self, post: PostSummary) -> str:
        """get_the_title(): "Protected: " for password posts; the theme's text for untitled ones."""
        title = post.title or self.empty_title
        if post.password and title:
            title = "Protected: " + title
        return title

    def month_url(self, year: int, month: int) -> str:
        return f"{self.url}/{year:04d}/{month:02d}/" if self.pretty_permalinks else f"{self.url}/?m={year:04d}{month:02d}"

    def year_url(self, year: int) -> str:
        return f"{self.url}/{year:04d}/" if self.pretty_permalinks else f"{self.url}/?m={year:04d}"

    def day_url(self, year: int, month: int, day: int) -> str:
        if self.pretty_permalinks:
            return f"{self.url}/{year:04d}/{month:02d}/{day:02d}/"
        return f"{self.url}/?m={year:04d}{month:02d}{day:02d}"

    def now_datetime(self) -> datetime:
        return self.memo(("now",), self._now_datetime)

    def _now_datetime(self) -> datetime:
        text = self.now or max((p.date for p in self.posts.values() if p.published), default="")
        if not text:
            return datetime(1970, 1, 1)
        return datetime.fromisoformat(text[:19] if len(text) >= 19 else text[:10])


# --------------------------------------------------------------------- building


def email_hash(email: str) -> str:
    return hashlib.md5(email.strip().lower().encode("utf-8")).hexdigest() if email.strip() else ""


@lru_cache(maxsize=4096)  # (a category's ancestors are quoted again for each of its children)
def _quote_slug(slug: str) -> str:
    # WordPress stores non-ASCII slugs percent-encoded in lower case.
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), quote(slug, safe="-_.~"))


def excerpt_words(content_raw: str, limit: int = EXCERPT_WORDS_KEPT) -> tuple[tuple[str, ...], bool]:
    """The words wp_trim_excerpt() would take from a body: teaser only, excerpt blocks only."""
    from mwmigrate.convert.blocks import has_blocks, parse_blocks
    from mwmigrate.convert.builders import CODE_HANDLERS
    from mwmigrate.convert.render import HANDLERS, RenderContext, render_content
    from mwmigrate.convert.shortcodes import strip_shortcodes

    text = content_raw
    more = re.search(r"<!--more(.*?)?-->", text)
    if more:
        text = text[: more.start()]
    text = strip_shortcodes(text, {*HANDLERS, *CODE_HANDLERS})  # every registered one
    if has_blocks(text):
        text = _excerpt_blocks(parse_blocks(text), text)
    html = render_content(text, RenderContext()).html
    plain = re.sub(r"<(script|style)[^>]*?>.*?</\1>", "", html, flags=re.DOTALL | re.IGNORECASE)
    plain = re.sub(r"<[^>]*>", "", plain)
    words = re.split(r"[\n\r\t ]+", plain.strip())
    words = [w for w in words if w]
    return tuple(words[:limit]), len(words) > limit


def _excerpt_blocks(blocks: list, raw: str) -> str:  # type: ignore[type-arg]
    """excerpt_remove_blocks(): serialize back only the blocks an excerpt may show."""
    from mwmigrate.convert.blocks import serialize_block

    out = []
    for b in blocks:
        if b.name is None or b.name in _EXCERPT_BLOCKS:
            out.append(serialize_block(b))
    return "".join(out)


_NOT_SUMMARISED = frozenset(("attachment", "nav_menu_item", "revision"))
#: Post types whose whole content blocks show (SiteView.bodies): kept when published. (A block
#: theme's template parts too: the header and footer a site edited hold its address and such.)
BODY_KEPT_TYPES = frozenset(("wp_block", "wp_navigation", "wp_template_part"))


class SiteViewBuilder:
    """Collects post summaries one post at a time (a streaming first pass), then builds.

    Bodies are read once, for their excerpt words, and dropped; author names are resolved at
    :meth:`build`, so posts may arrive before the authors are known. Only what the view keeps is
    held: summaries, and the approved comments as CommentSummary. Equal strings and tuples of
    different posts (titles, dates, excerpt text, term slugs... of imported or repeated content)
    are stored once.
    """

    def __init__(self, *, default_category: str = "uncategorized", excerpts: bool = True) -> None:
        self.summaries: dict[int, PostSummary] = {}
        self.comments: list[CommentSummary] = []  # approved only, in arrival order
        self.bodies: dict[int, str] = {}  # see SiteView.bodies
        self.template_parts: dict[int, tuple[str, str]] = {}  # see SiteView.template_parts
        self.default_category = default_category
        self.excerpts = excerpts
        self._shared: dict[object, object] = {}

    def _share(self, value: _T) -> _T:
        return self._shared.setdefault(value, value)  # type: ignore[return-value]

    def wants_excerpt(self, post: Post) -> bool:
        """Whether :meth:`add` reads this post's body (for its excerpt words)."""
        return (self.excerpts and post.status == "publish" and not post.excerpt
                and post.type not in _NOT_SUMMARISED)

    def add(self, post: Post, *, body_ref: int = -1) -> None:
        """Summarise a post, its generated excerpt's words read from its body now, or, given
        ``body_ref`` (>= 0), later: the view reads the body again by that reference, with the
        ``read_body`` given to :meth:`build`, if a block shows the post's generated excerpt."""
        if post.type in _NOT_SUMMARISED:
            return
        if post.type in BODY_KEPT_TYPES and post.status == "publish":
            self.bodies[post.wp_id] = post.content_raw
            if post.type == "wp_template_part":
                themes = post.terms.get("wp_theme") or [""]
                self.template_parts[post.wp_id] = (themes[0], post.modified_gmt or post.modified or post.date)
        share = self._share
        self.comments.extend(_comment_summary(c, share) for c in post.comments if c.approved == "1")
        words: tuple[str, ...] = ()
        more = deferred = False
        if self.wants_excerpt(post):
            deferred = body_ref >= 0
            if not deferred:
                words, more = excerpt_words(post.content_raw)
        cats = tuple(post.categories)
        if not cats and post.type == "post" and self.default_category:
            cats = (self.default_category,)  # wp_insert_post() never leaves a post without a category
        self.summaries[post.wp_id] = PostSummary(
            id=post.wp_id, type=share(post.type), status=share(post.status), slug=post.slug,
            title=share(post.title), url=post.url, date=share(post.date), author=share(post.author),
            author_login=share(post.author), excerpt=share(post.excerpt),
            excerpt_text=share(" ".join(words)), more_words=more,
            comment_count=sum(1 for c in post.comments if c.approved == "1"),
            categories=share(cats), tags=share(tuple(post.tags)), parent=post.parent,
            menu_order=post.menu_order, sticky=post.sticky, password=post.password_protected,
            comment_status=share(post.comment_status or "open"), featured_media=post.featured_media,
            format=share(post.format), body_ref=body_ref if deferred else -1,
        )

    def build(
        self,
        terms: Iterable[Term] = (),
        authors: Iterable[Author] = (),
        site: Site | None = None,
        media: Mapping[int, Media] | None = None,
        *,
        comments: Iterable[Comment] | None = None,
        site_url: str = "",
        site_name: str | None = None,
        site_description: str | None = None,
        now: str = "",
        permalink_structure: str | None = None,
        excerpt_more: str = DEFAULT_EXCERPT_MORE,
        empty_title: str = "",
        read_body: Callable[[int], str] | None = None,
    ) -> SiteView:
        from dataclasses import replace

        site = site or Site()
        base = (site_url or site.url or site.base_blog_url).rstrip("/")
        by_login = {a.login: a for a in authors}
        resolved = {login: (_html(a.display_name or login), email_hash(a.email)) for login, a in by_login.items()}
        if comments is not None:
            comment_list = [_comment_summary(c, self._share) for c in comments if c.approved == "1"]
        else:
            comment_list = self.comments
        summaries: dict[int, PostSummary] = {}
        for pid, summary in self.summaries.items():
            name, hashed = resolved.get(summary.author_login, ("", ""))
            summaries[pid] = replace(summary, author=name or summary.author_login, author_email_hash=hashed)
        # The resolved summaries replace the collected ones (build() again gives the same view):
        # the builder holds no second copy of them.
        self.summaries = summaries
        self._shared = {}
        return _finish_view(summaries, comment_list, terms, by_login, site, media, base,
                            site_name=site_name, site_description=site_description, now=now,
                            permalink_structure=permalink_structure, excerpt_more=excerpt_more,
                            empty_title=empty_title, read_body=read_body, bodies=self.bodies,
                            template_parts=self.template_parts)


def _html(name: str) -> str:
    """A name (text in the model) as WordPress stores and prints it: HTML-escaped (& < >)."""
    return html.escape(name, quote=False) if ("&" in name or "<" in name or ">" in name) else name


def _comment_summary(c: Comment, share: Callable[[Any], Any] = lambda v: v) -> CommentSummary:
    return CommentSummary(
        id=c.wp_id, post_id=c.post_id, author=share(_html(c.author)), author_url=share(c.author_url),
        author_email_hash=share(email_hash(c.author_email)), date=c.date, content=share(c.content_html),
        parent=c.parent, type=share(c.type),
    )


def build_site_view(
    posts: Iterable[Post],
    terms: Iterable[Term] = (),
    authors: Iterable[Author] = (),
    site: Site | None = None,
    media: Mapping[int, Media] | None = None,
    *,
    comments: Iterable[Comment] | None = None,
    site_url: str = "",
    site_name: str | None = None,
    site_description: str | None = None,
    now: str = "",
    permalink_structure: str | None = None,
    excerpt_more: str = DEFAULT_EXCERPT_MORE,
    empty_title: str = "",
    default_category: str = "uncategorized",
) -> SiteView:
    """Condense a site's content into a SiteView.

    ``posts`` may be a stream: each Post's body is read once (for its excerpt words) and dropped.
    ``comments`` defaults to the ``comments`` each Post carries. ``permalink_structure`` (e.g.
    ``/%year%/%monthnum%/%day%/%postname%/``) recomputes post, page and term URLs on ``site_url``;
    without it the URLs the export holds are kept. ``now`` (ISO) is "today" for date-relative
    output such as the calendar; it defaults to the newest published post's date.
    """
    builder = SiteViewBuilder(default_category=default_category)
    for post in posts:
        builder.add(post)
    return builder.build(terms, authors, site, media, comments=comments, site_url=site_url,
                         site_name=site_name, site_description=site_description, now=now,
                         permalink_structure=permalink_structure, excerpt_more=excerpt_more,
                         empty_title=empty_title)


def _finish_view(summaries: dict[int, PostSummary], comment_list: list[CommentSummary],
                 terms: Iterable[Term], by_login: Mapping[str, Author], site: Site,
                 media: Mapping[int, Media] | None, base: str, *, site_name: str | None,
                 site_description: str | None, now: str, permalink_structure: str | None,
                 excerpt_more: str, empty_title: str,
                 read_body: Callable[[int], str] | None = None,
                 bodies: Mapping[int, str] | None = None,
                 template_parts: Mapping[int, tuple[str, str]] | None = None) -> SiteView:
    term_list: list[Term] = []
    seen_terms: set[tuple[str, str]] = set()
    for t in terms:  # exports may declare a term twice (wp:category and wp:term): first one wins
        if (t.taxonomy, t.slug) not in seen_terms:
            seen_terms.add((t.taxonomy, t.slug))
            term_list.append(t)
    # Only published posts tell: WordPress gives drafts and scheduled posts ?p=N links always.
    pretty = permalink_structure != "" and not any(
        "?p=" in p.url for p in summaries.values() if p.status == "publish")
    if permalink_structure:
        summaries = {i: _with_url(p, summaries, base, permalink_structure) for i, p in summaries.items()}

    # Term counts: published posts per term, as _update_post_term_count() keeps them.
    counts: Counter[tuple[str, str]] = Counter()
    for p in summaries.values():
        if p.published and p.type == "post":
            counts.update(("category", s) for s in set(p.categories))
            counts.update(("post_tag", s) for s in set(p.tags))
    known = {(t.taxonomy, t.slug) for t in term_list}
    next_id = max((t.wp_id or 0 for t in term_list), default=0) + 1
    for tax, slug in sorted(counts):
        if (tax, slug) not in known:  # used on posts but not declared in the export's term list
            term_list.append(Term(taxonomy=tax, slug=slug, name=slug, wp_id=next_id))
            next_id += 1
    ids = {(t.taxonomy, t.slug): (t.wp_id or 0) for t in term_list}
    by_slug = {(t.taxonomy, t.slug): t for t in term_list}
    term_summaries = []
    for t in term_list:
        if t.taxonomy not in ("category", "post_tag") and not t.taxonomy.startswith("pa_") and t.taxonomy != "post_format":
            if t.taxonomy == "nav_menu":
                continue
        url = t.url
        if permalink_structure or not url:
            url = _term_url(t, by_slug, base, pretty)
        term_summaries.append(TermSummary(
            id=t.wp_id or 0, name=_html(t.name), slug=t.slug, taxonomy=t.taxonomy, url=url,
            count=counts.get((t.taxonomy, t.slug), 0), parent=ids.get((t.taxonomy, t.parent), 0) if t.parent else 0,
            description=t.description,
        ))

    comment_summaries = tuple(sorted(comment_list, key=lambda c: (_utc_key(c.date), c.id)))

    images: dict[int, ImageSummary] = {}
    for p in summaries.values():
        m = (media or {}).get(p.featured_media or 0)
        if m is not None:
            images[m.wp_id] = ImageSummary(url=m.url, alt=m.alt, width=m.width, height=m.height)

    return SiteView(
        url=base, name=site.title if site_name is None else site_name,
        description=site.description if site_description is None else site_description,
        now=now, posts=summaries, terms=tuple(term_summaries), comments=comment_summaries,
        images=images, authors={
            a.login: AuthorSummary(login=a.login, name=_html(a.display_name or a.login), email_hash=email_hash(a.email),
                                   description=a.description, url=a.url, id=a.wp_id or 0)
            for a in by_login.values()
        }, sticky=tuple(p.id for p in summaries.values() if p.sticky and p.published),
        pretty_permalinks=pretty, excerpt_more=excerpt_more, empty_title=empty_title,
        read_body=read_body, bodies=bodies or {}, template_parts=template_parts or {},
    )


def _utc_key(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().isoformat() if iso else ""
    except ValueError:
        return iso


def _with_url(p: PostSummary, posts: Mapping[int, PostSummary], base: str, structure: str) -> PostSummary:
    from dataclasses import replace

    if p.type == "page":
        path, seen, cur = [], set(), p
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            path.append(_quote_slug(cur.slug))
            cur = posts.get(cur.parent) if cur.parent else None
        return replace(p, url=f"{base}/{'/'.join(reversed(path))}/")
    if p.type != "post" or not p.date:
        return p
    d = p.date
    url = (structure.replace("%year%", d[0:4]).replace("%monthnum%", d[5:7]).replace("%day%", d[8:10])
           .replace("%hour%", d[11:13]).replace("%minute%", d[14:16]).replace("%second%", d[17:19])
           .replace("%postname%", _quote_slug(p.slug)).replace("%post_id%", str(p.id)))
    return replace(p, url=base + url)


def _term_url(t: Term, by_slug: Mapping[tuple[str, str], Term], base: str, pretty: bool) -> str:
    if not pretty:
        key = {"category": "cat", "post_tag": "tag"}.get(t.taxonomy, t.taxonomy)
        return f"{base}/?{key}={t.wp_id if t.taxonomy == 'category' else t.slug}"
    parts, cur, seen = [], t, set()
    while cur is not None and cur.slug not in seen:
        seen.add(cur.slug)
        parts.append(_quote_slug(cur.slug))
        if t.taxonomy != "category":
            break  # (only categories' links hold their ancestors)
        cur = by_slug.get((t.taxonomy, cur.parent)) if cur.parent else None
    prefix = {"category": "category", "post_tag": "tag"}.get(t.taxonomy, t.taxonomy)
    return f"{base}/{prefix}/{'/'.join(reversed(parts))}/"
