"""Renderers for WordPress core's dynamic blocks, computed from a SiteView (convert.siteview).

Renderer stage, called by convert.blocks.render_block when a SiteView is given. One function per
block name, registered in ``RENDERERS``; each mirrors the render callback of WordPress 6.1
(wp-includes/blocks/*.php) and produces the same element structure and classes, for the request
WordPress answers when it renders ``the_content`` outside a page view (REST, feeds): no query
variables, nobody logged in, not a singular view. A renderer returns None when the site data it
needs is not in the export (menus saved as wp_navigation posts, reusable blocks, site logo...):
the block is then reported as not rendered.
"""

from __future__ import annotations

import calendar as _calendar
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from urllib.parse import quote

from mwmigrate.convert.blocks import DYNAMIC_RENDERERS, Block, BlockRun, parse_blocks, render_block
from mwmigrate.convert.siteview import CommentSummary, PostSummary, SiteView, TermSummary
from mwmigrate.convert.wpautop import wpautop

Renderer = Callable[[Block, BlockRun], "str | None"]
RENDERERS: dict[str, Renderer] = {}


def _register(*names: str) -> Callable[[Renderer], Renderer]:
    def deco(fn: Renderer) -> Renderer:
        for n in names:
            RENDERERS["core/" + n] = fn
        return fn

    return deco


# ------------------------------------------------------------------------- helpers


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _url(value: str) -> str:
    """esc_url() for output: ampersands as &#038;."""
    return re.sub(r"&(?!#?\w+;)", "&#038;", value.replace('"', "%22").replace("'", "&#039;"))


_MONTHS = [""] + [_calendar.month_name[i] for i in range(1, 13)]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def php_date(fmt: str, when: datetime) -> str:
    """PHP date() for the format characters sites use in date_format/time_format."""
    out = []
    escape = False
    for ch in fmt:
        if escape:
            out.append(ch)
            escape = False
            continue
        if ch == "\\":
            escape = True
        elif ch == "d":
            out.append(f"{when.day:02d}")
        elif ch == "j":
            out.append(str(when.day))
        elif ch == "D":
            out.append(_DAYS[when.weekday()][:3])
        elif ch == "l":
            out.append(_DAYS[when.weekday()])
        elif ch == "S":
            d = when.day
            out.append("th" if 10 < d % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))
        elif ch == "F":
            out.append(_MONTHS[when.month])
        elif ch == "M":
            out.append(_MONTHS[when.month][:3])
        elif ch == "m":
            out.append(f"{when.month:02d}")
        elif ch == "n":
            out.append(str(when.month))
        elif ch == "Y":
            out.append(f"{when.year:04d}")
        elif ch == "y":
            out.append(f"{when.year % 100:02d}")
        elif ch == "H":
            out.append(f"{when.hour:02d}")
        elif ch == "G":
            out.append(str(when.hour))
        elif ch == "h":
            out.append(f"{(when.hour % 12) or 12:02d}")
        elif ch == "g":
            out.append(str((when.hour % 12) or 12))
        elif ch == "i":
            out.append(f"{when.minute:02d}")
        elif ch == "s":
            out.append(f"{when.second:02d}")
        elif ch == "a":
            out.append("am" if when.hour < 12 else "pm")
        elif ch == "A":
            out.append("AM" if when.hour < 12 else "PM")
        else:
            out.append(ch)
    return "".join(out)


def _dt(iso: str) -> datetime:
    try:
        return datetime.fromisoformat(iso[:19])
    except ValueError:
        return datetime(1970, 1, 1)


def _iso(iso: str) -> str:
    """get_the_date('c'): ISO 8601 with the offset."""
    try:
        return datetime.fromisoformat(iso).isoformat() if len(iso) > 19 else iso + "+00:00"
    except ValueError:
        return iso


def _site(run: BlockRun) -> SiteView:
    return run.site  # type: ignore[no-any-return]


# Memoization (SiteView.memo): a block whose output is a pure function of its attributes and the
# site (not of the current post, the render's counters or warnings) is rendered once per distinct
# attributes; site-wide orderings and groupings are computed once. Keys hold the attributes as
# canonical JSON.


def _attrs_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=repr)


def _memo_block(block: Block, run: BlockRun, render: Callable[[], str | None], *extra: object) -> str | None:
    """render(), once per (block name, attributes, extra) for the site."""
    return _site(run).memo_html(("block", block.name, _attrs_key(block.attrs), *extra), render)


def _current_post(run: BlockRun) -> PostSummary | None:
    pid = run.context.get("postId", run.post_id)
    return _site(run).posts.get(pid) if pid else None


def _with_context(run: BlockRun, **context: object) -> BlockRun:
    return replace(run, context={**run.context, **context})


def _inner(block: Block, run: BlockRun) -> str:
    return "".join(c if isinstance(c, str) else render_block(c, run) for c in block.inner)


def _classes(*names: str, block: Block | None = None) -> str:
    extra = str(block.attrs.get("className", "")) if block is not None else ""
    return " ".join(n for n in (*names, extra) if n)


def _avatar(site: SiteView, email_hash: str, size: int, alt: str = "", extra_class: str = "") -> str:
    h = email_hash or "d41d8cd98f00b204e9800998ecf8427e"  # md5("") as WordPress hashes a missing email
    if site.url.startswith("https:"):
        base = "https://secure.gravatar.com/avatar/"
    else:
        base = f"http://{int(h[0], 16) % 3}.gravatar.com/avatar/"
    src = f"{base}{h}?s={size}&#038;d=mm&#038;r=g"
    src2 = f"{base}{h}?s={size * 2}&#038;d=mm&#038;r=g 2x"
    cls = f"avatar avatar-{size} photo" + (f" {extra_class}" if extra_class else "")
    return (f"<img alt='{_attr(alt)}' src='{src}' srcset='{src2}' class='{cls}' height='{size}' "
            f"width='{size}' loading='lazy' decoding='async'/>")


def _excerpt(site: SiteView, post: PostSummary, length: int = 55, more: str | None = None) -> str:
    """get_the_excerpt(): the hand-written one, or the first ``length`` words plus excerpt_more."""
    if post.password:
        return "There is no excerpt because this is a protected post."
    if post.excerpt:
        return post.excerpt
    text, count, more_words = site.generated_excerpt(post)
    if count > length:
        text = " ".join(text.split(" ", length)[:length])
    if count > length or more_words:
        if more is None:
            more = site.excerpt_more.replace("{url}", _url(post.url)).replace("{title}", site.display_title(post))
        text += more
    return text


def _featured_image(site: SiteView, post: PostSummary, size_class: str = "post-thumbnail", style: str = "") -> str:
    img = site.images.get(post.featured_media or 0)
    if img is None:
        return ""
    dims = f'width="{img.width}" height="{img.height}" ' if img.width and img.height else ""
    st = f' style="{_attr(style)}"' if style else ""
    return (f'<img {dims}src="{_url(img.url)}" class="attachment-{size_class} size-{size_class} wp-post-image" '
            f'alt="{_attr(img.alt)}" decoding="async" loading="lazy"{st} />')


def _post_classes(site: SiteView, p: PostSummary) -> str:
    cls = ["wp-block-post", f"post-{p.id}", p.type, f"type-{p.type}", f"status-{p.status}"]
    if p.type == "post":
        cls.append(f"format-{p.format or 'standard'}")
    if p.sticky and p.type == "post":
        cls.append("sticky")
    if p.featured_media and p.featured_media in site.images:
        cls.append("has-post-thumbnail")
    cls.append("hentry")
    cls += [f"category-{s}" for s in p.categories] + [f"tag-{s}" for s in p.tags]
    return " ".join(cls)


def _name_key(name: str) -> str:
    return html.unescape(name).casefold()


_NATURAL_PARTS = re.compile(r"[0-9]+|[^0-9]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key ordering like PHP's strnatcasecmp(): ASCII case ignored, whitespace skipped,
    runs of ASCII digits compared as numbers ("Block spacing" after "Blocks", "Item 9" before
    "Item 10"; by length, then digits: no int() of a long run)."""
    parts = _NATURAL_PARTS.findall(re.sub(r"\s+", "", text.translate(_ASCII_LOWER)))
    return tuple((48, len(p.lstrip("0")), p.lstrip("0")) if p[0] in "0123456789" else (ord(p), -1, "")
                 for p in parts)


# ------------------------------------------------------------------------- widgets category


def _month_groups(site: SiteView) -> dict[tuple[int, int], int]:
    """Published posts per (year, month), in first-seen order (memoized: do not change it)."""
    def build() -> dict[tuple[int, int], int]:
        groups: dict[tuple[int, int], int] = defaultdict(int)
        for p in site.published_posts("post"):
            d = _dt(p.date)
            groups[(d.year, d.month)] += 1
        return dict(groups)

    return site.memo(("month-groups",), build)


def _archive_entries(site: SiteView, kind: str) -> tuple[tuple[str, str, int], ...]:
    """(url, text, count) of each archive link, newest first (memoized)."""
    def build() -> tuple[tuple[str, str, int], ...]:
        posts = site.published_posts("post")
        if kind == "yearly":
            years: dict[int, int] = defaultdict(int)
            for p in posts:
                years[_dt(p.date).year] += 1
            return tuple((site.year_url(y), str(y), n) for y, n in sorted(years.items(), reverse=True))
        if kind == "postbypost":
            ordered = sorted(posts, key=lambda p: (p.date[:19], p.id), reverse=True)
            return tuple((p.url, site.display_title(p) or str(p.id), 0) for p in ordered)
        if kind == "daily":
            days: dict[tuple[int, int, int], int] = defaultdict(int)
            for p in posts:
                d = _dt(p.date)
                days[(d.year, d.month, d.day)] += 1
            return tuple((site.day_url(*day), php_date(site.date_format, datetime(*day)), n)
                         for day, n in sorted(days.items(), reverse=True))
        if kind == "weekly":
            return _weekly_entries(site, posts)
        groups = _month_groups(site)
        return tuple((site.month_url(y, m), f"{_MONTHS[m]} {y}", n) for (y, m), n in sorted(groups.items(), reverse=True))

    return site.memo(("archive-entries", kind), build)


def _mysql_week(d: date) -> int:
    """MySQL's WEEK(d, 1), the week wp_get_archives() groups by when weeks start on Monday
    (WordPress's default start_of_week): weeks from Monday, week 1 the first with four days
    of the year, days before it in week 0."""
    jan1 = date(d.year, 1, 1)
    wd = jan1.weekday()
    first = date.fromordinal(jan1.toordinal() - wd if wd <= 3 else jan1.toordinal() + 7 - wd)
    return (d - first).days // 7 + 1 if d >= first else 0


def _weekly_entries(site: SiteView, posts: tuple[PostSummary, ...]) -> tuple[tuple[str, str, int], ...]:
    """wp_get_archives(type=weekly): one link per (year, week), newest first, its text the
    week's Monday and Sunday in the site's date format."""
    newest: dict[tuple[int, int], date] = {}
    counts: Counter[tuple[int, int]] = Counter()
    for p in posts:
        d = _dt(p.date).date()
        key = (d.year, _mysql_week(d))
        newest[key] = max(newest.get(key, d), d)
        counts[key] += 1
    out = []
    for (year, week), last in sorted(newest.items(), key=lambda kv: kv[1], reverse=True):
        start = date.fromordinal(last.toordinal() - last.weekday())
        end = date.fromordinal(start.toordinal() + 6)
        text = (php_date(site.date_format, datetime(start.year, start.month, start.day)) + "&#8211;"
                + php_date(site.date_format, datetime(end.year, end.month, end.day)))
        out.append((f"{site.url}/?m={year}&w={week}", text, counts[(year, week)]))
    return tuple(out)


_ARCHIVE_KINDS = frozenset(("yearly", "monthly", "daily", "weekly", "postbypost"))


@_register("archives")
def archives(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    show_count = bool(a.get("showPostCounts"))
    kind = str(a.get("type", "monthly"))
    if kind == "postbypost":
        show_count = False
    elif kind == "":
        kind = "monthly"
    entries = _archive_entries(site, kind) if kind in _ARCHIVE_KINDS else ()  # (others list nothing)
    extra = f" {block.attrs['className']}" if block.attrs.get("className") else ""
    if a.get("displayAsDropdown"):
        did = f"wp-block-archives-{run.next_id('unique')}"
        label = {"yearly": "Select Year", "monthly": "Select Month", "daily": "Select Day",
                 "weekly": "Select Week"}.get(kind, "Select Post")
        hidden = "" if a.get("showLabel", True) else " screen-reader-text"
        opts = site.memo(("archive-options", kind, show_count), lambda: "".join(
            f"\t<option value='{_url(u)}'> {t} {'&nbsp;(' + str(n) + ')' if show_count else ''}</option>\n"
            for u, t, n in entries
        ))
        return (f'<div class=" wp-block-archives-dropdown{extra} wp-block-archives"><label for="{did}" '
                f'class="wp-block-archives__label{hidden}">Archives</label>\n\t\t<select id="{did}" name="archive-dropdown" '
                'onchange="document.location.href=this.options[this.selectedIndex].value;">\n'
                f'\t\t<option value="">{label}</option>{opts}</select></div>')
    if not entries:
        return f'<div class=" wp-block-archives-list{extra} wp-block-archives">No archives to show.</div>'
    items = site.memo(("archive-items", kind, show_count), lambda: "".join(
        f"\t<li><a href='{_url(u)}'>{t}</a>{'&nbsp;(' + str(n) + ')' if show_count else ''}</li>\n"
        for u, t, n in entries
    ))
    return f'<ul class=" wp-block-archives-list{extra} wp-block-archives">{items}</ul>'


@_register("calendar")
def calendar_block(block: Block, run: BlockRun) -> str | None:
    return _memo_block(block, run, lambda: _calendar_html(block, _site(run)))


def _calendar_html(block: Block, site: SiteView) -> str | None:
    posts = site.published_posts("post")
    if not posts:
        return ""
    now = site.now_datetime()
    year, month = now.year, now.month
    if "month" in block.attrs and "year" in block.attrs:
        try:
            year, month = int(block.attrs["year"]), int(block.attrs["month"])  # type: ignore[arg-type]
        except (TypeError, ValueError):
            pass
    days_with_posts: dict[int, int] = {}
    before, after = None, None
    for p in posts:
        d = _dt(p.date)
        if (d.year, d.month) == (year, month):
            days_with_posts[d.day] = 1
        elif (d.year, d.month) < (year, month):
            before = max(before, (d.year, d.month)) if before else (d.year, d.month)
        else:
            after = min(after, (d.year, d.month)) if after else (d.year, d.month)
    out = ['<table id="wp-calendar" class="wp-calendar-table">\n', f"\t<caption>{_MONTHS[month]} {year}</caption>\n",
           "\t<thead>\n\t<tr>"]
    for name in _DAYS:  # start_of_week = Monday
        out.append(f'\n\t\t<th scope="col" title="{name}">{name[0]}</th>')
    out.append("\n\t</tr>\n\t</thead>\n\t<tbody>\n\t<tr>")
    first = date(year, month, 1)
    pad = first.weekday()
    if pad:
        out.append(f'\n\t\t<td colspan="{pad}" class="pad">&nbsp;</td>')
    days = _calendar.monthrange(year, month)[1]
    newrow = False
    today = now.date()
    for day in range(1, days + 1):
        if newrow:
            out.append("\n\t</tr>\n\t<tr>\n\t\t")
        newrow = False
        cur = date(year, month, day)
        out.append('<td id="today">' if cur == today else "<td>")
        if day in days_with_posts:
            label = php_date(site.date_format, datetime(year, month, day))
            out.append(f'<a href="{_url(site.day_url(year, month, day))}" aria-label="Posts published on {label}">{day}</a>')
        else:
            out.append(str(day))
        out.append("</td>")
        if cur.weekday() == 6:
            newrow = True
    pad = 6 - date(year, month, days).weekday()
    if pad:
        out.append(f'\n\t\t<td class="pad" colspan="{pad}">&nbsp;</td>')
    out.append("\n\t</tr>\n\t</tbody>\n\t</table>")
    out.append('<nav aria-label="Previous and next months" class="wp-calendar-nav">\n\t\t')
    if before:
        out.append(f'<span class="wp-calendar-nav-prev"><a href="{_url(site.month_url(*before))}">&laquo; {_MONTHS[before[1]][:3]}</a></span>')
    else:
        out.append('<span class="wp-calendar-nav-prev">&nbsp;</span>')
    out.append('\n\t\t<span class="pad">&nbsp;</span>\n\t\t')
    if after:
        out.append(f'<span class="wp-calendar-nav-next"><a href="{_url(site.month_url(*after))}">{_MONTHS[after[1]][:3]} &raquo;</a></span>')
    else:
        out.append('<span class="wp-calendar-nav-next">&nbsp;</span>')
    out.append("\n\t</nav>")
    return f'<div class="{_classes("wp-block-calendar", block=block)}">{"".join(out)}</div>'


def _category_tree(site: SiteView, taxonomy: str, hide_empty: bool, hierarchical: bool,
                   top_only: bool) -> tuple[list[TermSummary], dict[int, list[TermSummary]]]:
    """The terms shown and their children by parent id (memoized: do not change them)."""
    return site.memo(("category-tree", taxonomy, hide_empty, hierarchical, top_only),
                     lambda: _build_category_tree(site, taxonomy, hide_empty, hierarchical, top_only))


def _build_category_tree(site: SiteView, taxonomy: str, hide_empty: bool, hierarchical: bool,
                         top_only: bool) -> tuple[list[TermSummary], dict[int, list[TermSummary]]]:
    terms = [t for t in site.terms if t.taxonomy == taxonomy]
    children: dict[int, list[TermSummary]] = defaultdict(list)
    for t in terms:
        children[t.parent].append(t)

    def non_empty(t: TermSummary, seen: frozenset[int] = frozenset()) -> bool:
        if t.count:
            return True
        return hierarchical and any(non_empty(c, seen | {t.id}) for c in children.get(t.id, []) if c.id not in seen)

    keep = [t for t in terms if not hide_empty or non_empty(t)]
    if top_only:
        keep = [t for t in keep if not t.parent]
    keep.sort(key=lambda t: _name_key(t.name))
    ids = {t.id for t in keep}
    tree: dict[int, list[TermSummary]] = defaultdict(list)
    for t in keep:
        tree[t.parent if hierarchical and t.parent in ids else 0].append(t)
    return keep, dict(tree)


@_register("categories")
def categories(block: Block, run: BlockRun) -> str | None:
    if block.attrs.get("displayAsDropdown"):
        # The id comes from the render's counter: only the options are memoized.
        cid = f"wp-block-categories-{run.next_id('categories')}"
        return _categories_html(block, _site(run), cid)
    return _memo_block(block, run, lambda: _categories_html(block, _site(run), ""))


def _categories_html(block: Block, site: SiteView, cid: str) -> str | None:
    a = block.attrs
    hierarchical = bool(a.get("showHierarchy"))
    show_count = bool(a.get("showPostCounts"))
    keep, tree = _category_tree(site, "category", not a.get("showEmpty"), hierarchical, bool(a.get("showOnlyTopLevel")))
    if a.get("displayAsDropdown"):
        def options() -> str:
            opts = ["\t<option value='-1'>Select Category</option>\n"]

            expanded: set[int] = set()  # (see walk below)

            def option(t: TermSummary, depth: int) -> None:
                count = f"&nbsp;&nbsp;({t.count})" if show_count else ""
                opts.append(f'\t<option class="level-{depth}" value="{t.id}">{"&nbsp;" * 3 * depth}{t.name}{count}</option>\n')

            def walk_opts(parent: int, depth: int) -> None:
                expanded.add(parent)
                for t in tree.get(parent, []):
                    option(t, depth)
                    if hierarchical and t.id not in expanded:
                        walk_opts(t.id, depth + 1)

            walk_opts(0, 0)
            for t in _orphans(tree, expanded) if hierarchical else ():
                option(t, 0)
            return "".join(opts)

        opts = site.memo(("category-options", _attrs_key(a)), options)
        select = f"<select  name='cat' id='{cid}' class='postform'>\n{opts}</select>\n"
        script = (
            "\t<script type='text/javascript'>\n\t/* <![CDATA[ */\n\t( function() {\n"
            f"\t\tvar dropdown = document.getElementById( '{cid}' );\n\t\tfunction onCatChange() {{\n"
            "\t\t\tif ( dropdown.options[ dropdown.selectedIndex ].value > 0 ) {\n"
            f"\t\t\t\tlocation.href = \"{site.url}/?cat=\" + dropdown.options[ dropdown.selectedIndex ].value;\n"
            "\t\t\t}\n\t\t}\n\t\tdropdown.onchange = onCatChange;\n\t})();\n\t/* ]]> */\n\t</script>\n"
        )
        return (f'<div class="{_classes("wp-block-categories-dropdown", block=block)} wp-block-categories">'
                f'<label class="screen-reader-text" for="{cid}">Categories</label>{select}{script}</div>')
    out: list[str] = []
    expanded: set[int] = set()  # (see _orphans)

    def item(t: TermSummary) -> None:
        count = f" ({t.count})" if show_count else ""
        out.append(f'\t<li class="cat-item cat-item-{t.id}"><a href="{_url(t.url)}">{t.name}</a>{count}\n')

    def walk(parent: int) -> None:
        expanded.add(parent)
        for t in tree.get(parent, []):
            item(t)
            if hierarchical and tree.get(t.id) and t.id not in expanded:
                out.append("<ul class='children'>\n")
                walk(t.id)
                out.append("</ul>\n")
            out.append("</li>\n")

    walk(0)
    for t in _orphans(tree, expanded) if hierarchical else ():
        item(t)
        out.append("</li>\n")
    if not keep:
        out.append('<li class="cat-item-none">No categories</li>')
    return f'<ul class="{_classes("wp-block-categories-list", block=block)} wp-block-categories">{"".join(out)}</ul>'


def _orphans(tree: dict[int, list[TermSummary]], expanded: set[int]) -> list[TermSummary]:
    """The terms a hierarchical walk from the top did not reach, as WordPress's Walker shows
    them: each parent's children are listed once (it unsets them once shown), and what is left
    (terms in a parent loop, a term that is its own parent: broken data) is listed flat after
    the rest. (The walks stop at a parent met again, where PHP would recurse until it fails.)"""
    return [t for parent, kids in tree.items() if parent not in expanded for t in kids]


def _comment_excerpt(text: str, words: int = 20) -> str:
    plain = re.sub(r"<[^>]*>", "", text.replace("\n", " ").replace("\r", " "))
    parts = [w for w in re.split(r"[\n\r\t ]+", plain.strip()) if w]
    if len(parts) > words:
        return " ".join(parts[:words]) + "&hellip;"
    return " ".join(parts)


def _published_comments(site: SiteView) -> list[CommentSummary]:
    return [c for c in site.comments if (p := site.posts.get(c.post_id)) is not None and p.published]


def _latest_published_comments(site: SiteView) -> list[CommentSummary]:
    """Comments of published posts, newest first (memoized: do not change it)."""
    return site.memo(("latest-comments-order",), lambda: sorted(
        _published_comments(site), key=lambda c: (_utc(c.date), c.id), reverse=True))


@_register("latest-comments")
def latest_comments(block: Block, run: BlockRun) -> str | None:
    return _memo_block(block, run, lambda: _latest_comments_html(block, _site(run)))


def _latest_comments_html(block: Block, site: SiteView) -> str | None:
    a = block.attrs
    number = int(a.get("commentsToShow", 5) or 5)  # type: ignore[arg-type]
    avatar, dates, excerpt = (a.get(k, True) is not False for k in ("displayAvatar", "displayDate", "displayExcerpt"))
    comments = _latest_published_comments(site)[:number]
    items = []
    for c in comments:
        post = site.posts[c.post_id]
        li = ['<li class="wp-block-latest-comments__comment">']
        if avatar:
            li.append(_avatar(site, c.author_email_hash, 48, "", "wp-block-latest-comments__comment-avatar"))
        li.append('<article><footer class="wp-block-latest-comments__comment-meta">')
        name = c.author or "Anonymous"
        if c.author_url:
            author = f'<a class="wp-block-latest-comments__comment-author" href="{_url(c.author_url)}">{name}</a>'
        else:
            author = f'<span class="wp-block-latest-comments__comment-author">{name}</span>'
        link = (f'<a class="wp-block-latest-comments__comment-link" href="{_url(post.url)}#comment-{c.id}">'
                f"{site.display_title(post) or '(no title)'}</a>")
        li.append(f"{author} on {link}")
        if dates:
            li.append(f'<time datetime="{_iso(c.date)}" class="wp-block-latest-comments__comment-date">'
                      f"{php_date(site.date_format, _dt(c.date))}</time>")
        li.append("</footer>")
        if excerpt:
            text = "Password protected" if post.password else _comment_excerpt(c.content)
            li.append(f'<div class="wp-block-latest-comments__comment-excerpt">{wpautop(text)}</div>')
        li.append("</article></li>")
        items.append("".join(li))
    cls = []
    if avatar:
        cls.append("has-avatars")
    if dates:
        cls.append("has-dates")
    if excerpt:
        cls.append("has-excerpts")
    if not items:
        return f'<div class="{_classes(*cls, "wp-block-latest-comments", "no-comments", block=block)}">No comments to show.</div>'
    return f'<ol class="{_classes(*cls, "wp-block-latest-comments", block=block)}">{"".join(items)}</ol>'


def _utc(iso: str) -> str:
    try:
        d = datetime.fromisoformat(iso)
        return d.astimezone().isoformat() if d.tzinfo else d.isoformat()
    except ValueError:
        return iso


def _id_list(value: object) -> list[int]:
    if isinstance(value, (int, str)):
        return [int(v) for v in str(value).split(",") if v.strip().isdigit()]
    if isinstance(value, list):
        out = []
        for v in value:
            v = v.get("id") if isinstance(v, dict) else v
            try:
                out.append(int(v))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                pass
        return out
    return []


def _sort_posts(posts: list[PostSummary], order_by: str, order: str, site: SiteView) -> list[PostSummary]:
    desc = str(order).lower() != "asc"
    if order_by == "title":
        key: Callable[[PostSummary], object] = lambda p: _name_key(p.title)
    elif order_by in ("menu_order",):
        key = lambda p: p.menu_order
    elif order_by in ("ID", "id"):
        key = lambda p: p.id
    elif order_by == "comment_count":
        key = lambda p: p.comment_count
    else:
        key = lambda p: p.date[:19]
    return sorted(posts, key=key, reverse=desc)  # type: ignore[arg-type, return-value]


def _term_ids_of(site: SiteView, p: PostSummary, taxonomy: str) -> set[int]:
    slugs = p.categories if taxonomy == "category" else p.tags
    return {t.id for s in slugs if (t := site.term(taxonomy, s)) is not None}


@_register("latest-posts")
def latest_posts(block: Block, run: BlockRun) -> str | None:
    return _memo_block(block, run, lambda: _latest_posts_html(block, _site(run)))


def _latest_posts_html(block: Block, site: SiteView) -> str | None:
    a = block.attrs
    posts = site.published("post")
    if "categories" in a:
        wanted = set(_id_list(a["categories"]))
        if wanted:
            posts = [p for p in posts if _term_ids_of(site, p, "category") & wanted]
    if a.get("selectedAuthor"):
        author_id = str(a["selectedAuthor"])
        posts = [p for p in posts if p.author_login == author_id or str(p.author_login) == author_id]
    posts = _sort_posts(posts, str(a.get("orderBy", "date")), str(a.get("order", "desc")), site)
    posts = posts[: int(a.get("postsToShow", 5) or 5)]  # type: ignore[arg-type]
    length = int(a.get("excerptLength", 55) or 55)  # type: ignore[arg-type]
    items = []
    for p in posts:
        li = ["<li>"]
        if a.get("displayFeaturedImage") and p.featured_media in site.images:
            li.append(f'<div class="wp-block-latest-posts__featured-image">{_featured_image(site, p, "thumbnail")}</div>')
        title = site.display_title(p) or "(no title)"
        li.append(f'<a class="wp-block-latest-posts__post-title" href="{_url(p.url)}">{title}</a>')
        if a.get("displayAuthor") and p.author:
            li.append(f'<div class="wp-block-latest-posts__post-author">by {p.author}</div>')
        if a.get("displayPostDate"):
            li.append(f'<time datetime="{_iso(p.date)}" class="wp-block-latest-posts__post-date">'
                      f"{php_date(site.date_format, _dt(p.date))}</time>")
        if a.get("displayPostContent"):
            if a.get("displayPostContentRadio", "excerpt") == "excerpt":
                text = ("This content is password protected." if p.password else
                        _excerpt(site, p, length, more=" &hellip; "))
                li.append(f'<div class="wp-block-latest-posts__post-excerpt">{text}</div>')
            else:
                return None  # the full body is not kept in the SiteView
        li.append("</li>\n")
        items.append("".join(li))
    cls = ["wp-block-latest-posts__list"]
    if a.get("postLayout") == "grid":
        cls.append("is-grid")
        cls.append(f"columns-{a.get('columns', 3)}")
    if a.get("displayPostDate"):
        cls.append("has-dates")
    if a.get("displayAuthor"):
        cls.append("has-author")
    return f'<ul class="{_classes(*cls, block=block)} wp-block-latest-posts">{"".join(items)}</ul>'


def _page_tree(site: SiteView, parent_id: int = 0) -> dict[int, list[PostSummary]]:
    """Published pages by parent id, in menu order (memoized: do not change it)."""
    def build() -> dict[int, list[PostSummary]]:
        pages = site.published_posts("page")
        ids = {p.id for p in pages}
        tree: dict[int, list[PostSummary]] = defaultdict(list)
        for p in sorted(pages, key=lambda p: (p.menu_order, _name_key(p.title))):
            tree[p.parent if p.parent in ids else 0].append(p)
        return dict(tree)

    return site.memo(("page-tree",), build)


def _published_page_ids(site: SiteView) -> frozenset[int]:
    return site.memo(("published-page-ids",), lambda: frozenset(p.id for p in site.published_posts("page")))


@_register("page-list")
def page_list(block: Block, run: BlockRun) -> str | None:
    in_nav = bool(run.context.get("inNavigation"))
    current = run.context.get("postId", run.post_id)
    # The list marks the current post when it is one of the pages: other posts share one rendering.
    try:
        shown_current = current if current in _published_page_ids(_site(run)) else None
    except TypeError:  # unhashable: no page id equals it
        shown_current = None
    return _memo_block(block, run, lambda: _page_list_html(block, _site(run), in_nav, current),
                       in_nav, shown_current)


def _page_list_html(block: Block, site: SiteView, in_nav: bool, current: object) -> str | None:
    tree = _page_tree(site)
    root = int(block.attrs.get("parentPageID", 0) or 0)  # type: ignore[arg-type]

    # Each page's children listed once: a loop of parents (broken data) ends where it closes
    # (PHP's block_core_page_list_nest_pages() would recurse until it fails). Pages in a loop
    # are no top-level pages, and WordPress lists no others: no orphans here.
    expanded: set[int] = set()

    def items(parent: int, nested: bool) -> str:
        expanded.add(parent)
        out = []
        for p in tree.get(parent, []):
            kids = tree.get(p.id) if p.id not in expanded else None
            cls = "wp-block-pages-list__item"
            if kids:
                cls += " has-child"
            if in_nav:
                cls += " wp-block-navigation-item open-on-hover-click"
            if p.id == current:
                cls += " current-menu-item"
            link_cls = "wp-block-pages-list__item__link" + (" wp-block-navigation-item__content" if in_nav else "")
            title = site.display_title(p)
            aria = ' aria-current="page"' if p.id == current else ""
            li = f'<li class="{cls}"><a class="{link_cls}" href="{_url(p.url)}"{aria}>{title}</a>'
            if kids:
                if in_nav:
                    li += (f'<button aria-label="{_attr(html.unescape(title))} submenu" class="wp-block-navigation__submenu-icon '
                           'wp-block-navigation-submenu__toggle" aria-expanded="false"></button>')
                sub_cls = "submenu-container" + (" wp-block-navigation__submenu-container" if in_nav else "")
                li += f'<ul class="{sub_cls}">{items(p.id, True)}</ul>'
            out.append(li + "</li>")
        return "".join(out)

    body = items(root, False)
    if not body:
        return ""
    return f'<ul class="{_classes("wp-block-page-list", block=block)}">{body}</ul>'


@_register("search")
def search(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    n = run.next_id("unique")
    input_id = f"wp-block-search__input-{n}"
    label = str(a.get("label", "Search"))
    button_text = str(a.get("buttonText", "Search"))
    position = str(a.get("buttonPosition", "button-outside"))
    use_icon = bool(a.get("buttonUseIcon"))
    show_label = a.get("showLabel", True) is not False
    cls = [f"wp-block-search__{position}"]
    if position != "no-button":
        cls.append("wp-block-search__icon-button" if use_icon else "wp-block-search__text-button")
    if not show_label:
        cls.append("wp-block-search__no-label")  # hidden visually, still there for screen readers
    label_cls = "wp-block-search__label" + ("" if show_label else " screen-reader-text")
    inside = " " if position == "button-inside" else ""
    out = [f'<form role="search" method="get" action="{_url(site.url)}/" class="{_classes(*cls, "wp-block-search", block=block)}">',
           f'<label for="{input_id}" class="{label_cls}" >{label}</label>',
           '<div class="wp-block-search__inside-wrapper " >',
           f'<input type="search" id="{input_id}" class="wp-block-search__input wp-block-search__input{inside}" name="s" '
           f'value="" placeholder="{_attr(a.get("placeholder", ""))}"  required />']
    if position != "no-button":
        if use_icon:
            out.append(f'<button type="submit" class="wp-block-search__button has-icon wp-element-button"  '
                       f'aria-label="{_attr(html.unescape(button_text))}"><svg class="search-icon" viewBox="0 0 24 24" '
                       'width="24" height="24"><path d="M13.5 6C10.5 6 8 8.5 8 11.5c0 1.1.3 2.1.9 3l-3.4 3 1 1.1 3.4-2.9c1 '
                       '.9 2.2 1.4 3.6 1.4 3 0 5.5-2.5 5.5-5.5C19 8.5 16.5 6 13.5 6zm0 9.5c-2.2 0-4-1.8-4-4s1.8-4 4-4 4 1.8 '
                       '4 4-1.8 4-4 4z"></path></svg></button>')
        else:
            out.append(f'<button type="submit" class="wp-block-search__button wp-element-button"  >{button_text}</button>')
    out.append("</div></form>")
    return "".join(out)


@_register("rss")
def rss(block: Block, run: BlockRun) -> str | None:
    # The feed is on another host: offline, WordPress's fetch fails and the block prints its error.
    # That is what a site that cannot reach the feed shows; the items themselves are lost.
    url = str(block.attrs.get("feedURL", ""))
    run.warn(f"core/rss feed {url or '(none)'} not fetched: rendered as WordPress's fetch error")
    return ('<div class="components-placeholder"><div class="notice notice-error"><strong>RSS Error:</strong> '
            "WP HTTP Error: A valid URL was not provided.</div></div>")


def _tag_size(value: float) -> str:
    text = f"{value:.14G}"
    return text


@_register("tag-cloud")
def tag_cloud(block: Block, run: BlockRun) -> str | None:
    return _memo_block(block, run, lambda: _tag_cloud_html(block, _site(run)))


def _tag_cloud_html(block: Block, site: SiteView) -> str | None:
    a = block.attrs
    taxonomy = str(a.get("taxonomy", "post_tag"))
    number = int(a.get("numberOfTags", 45) or 45)  # type: ignore[arg-type]
    show_count = bool(a.get("showTagCounts"))
    smallest = float(re.match(r"[\d.]*", str(a.get("smallestFontSize", "8pt"))).group(0) or 8)  # type: ignore[union-attr]
    largest_raw = str(a.get("largestFontSize", "22pt"))
    largest = float(re.match(r"[\d.]*", largest_raw).group(0) or 22)  # type: ignore[union-attr]
    unit = re.sub(r"^[\d.]*", "", largest_raw) or "pt"
    tags = [t for t in site.terms if t.taxonomy == taxonomy and t.count > 0]
    # get_terms(orderby=count, order=DESC, number=45): which of the terms tied at the cut make it is
    # left to the database; the newest terms (highest ids) is the closest reading of what it does.
    tags = sorted(tags, key=lambda t: (-t.count, -t.id))[:number]
    tags.sort(key=lambda t: _natural_key(t.name))  # wp_generate_tag_cloud(): strnatcasecmp on the names
    if not tags:
        return f'<p class="{_classes("wp-block-tag-cloud", block=block)}">There&#8217;s no content to show here yet.</p>'
    scaled = [round(math.log10(t.count + 1) * 100) for t in tags]
    low = min(scaled)
    spread = max(scaled) - low or 1
    step = (largest - smallest) / spread
    links = []
    for i, (t, s) in enumerate(zip(tags, scaled), 1):
        size = _tag_size(smallest + (s - low) * step)
        items = f"{t.count} item" if t.count == 1 else f"{t.count} items"
        count = f'<span class="tag-link-count"> ({t.count})</span>' if show_count else ""
        links.append(f'<a href="{_url(t.url)}" class="tag-cloud-link tag-link-{t.id} tag-link-position-{i}" '
                     f'style="font-size: {size}{unit};" aria-label="{_attr(html.unescape(t.name))} ({items})">{t.name}{count}</a>')
    return f'<p class="{_classes("wp-block-tag-cloud", block=block)}">{chr(10).join(links)}</p>'


_SOCIAL_LABELS = {
    "fivehundredpx": "500px", "amazon": "Amazon", "bandcamp": "Bandcamp", "behance": "Behance",
    "chain": "Link", "codepen": "CodePen", "deviantart": "DeviantArt", "dribbble": "Dribbble",
    "dropbox": "Dropbox", "etsy": "Etsy", "facebook": "Facebook", "feed": "RSS Feed",
    "flickr": "Flickr", "foursquare": "Foursquare", "goodreads": "Goodreads", "google": "Google",
    "github": "GitHub", "instagram": "Instagram", "lastfm": "Last.fm", "linkedin": "LinkedIn",
    "mail": "Mail", "mastodon": "Mastodon", "meetup": "Meetup", "medium": "Medium",
    "patreon": "Patreon", "pinterest": "Pinterest", "pocket": "Pocket", "reddit": "Reddit",
    "skype": "Skype", "snapchat": "Snapchat", "soundcloud": "SoundCloud", "spotify": "Spotify",
    "telegram": "Telegram", "tiktok": "TikTok", "tumblr": "Tumblr", "twitch": "Twitch",
    "twitter": "Twitter", "vimeo": "Vimeo", "vk": "VK", "whatsapp": "WhatsApp", "wordpress": "WordPress",
    "yelp": "Yelp", "youtube": "YouTube",
}


@_register("social-link")
def social_link(block: Block, run: BlockRun) -> str | None:
    a = block.attrs
    service = str(a.get("service", "Icon"))
    url = str(a.get("url", ""))
    if not url:
        return ""
    if "://" not in url and not url.startswith(("mailto:", "tel:")):
        url = "https://" + url  # what the block does with a scheme-less URL
    label = str(a.get("label") or _SOCIAL_LABELS.get(service, service.capitalize()))
    rel = f' rel="{_attr(a["rel"])}"' if a.get("rel") else ""
    return (f'<li class="wp-social-link wp-social-link-{service} wp-block-social-link">'
            f'<a href="{_url(url)}"{rel} class="wp-block-social-link-anchor">'
            f'<span class="wp-block-social-link-label screen-reader-text">{label}</span></a></li>')


@_register("loginout")
def loginout(block: Block, run: BlockRun) -> str | None:
    """Nobody is logged in: a "Log in" link (back to the post, unless redirectToCurrent is off)
    or, with displayLoginAsForm, WordPress's login form (wp_login_form)."""
    site = _site(run)
    here = run.post_url or site.url + "/"
    if block.attrs.get("displayLoginAsForm"):
        return (f'<div class="{_classes("logged-out has-login-form", "wp-block-loginout", block=block)}">'
                f'<form name="loginform" id="loginform" action="{_url(site.url + "/wp-login.php")}" method="post">'
                '<p class="login-username">\n\t\t\t\t<label for="user_login">Username or Email Address</label>\n'
                '\t\t\t\t<input type="text" name="log" id="user_login" autocomplete="username" class="input" value="" size="20" />\n'
                '\t\t\t</p><p class="login-password">\n\t\t\t\t<label for="user_pass">Password</label>\n'
                '\t\t\t\t<input type="password" name="pwd" id="user_pass" autocomplete="current-password" class="input" value="" size="20" />\n'
                '\t\t\t</p><p class="login-remember"><label><input name="rememberme" type="checkbox" id="rememberme" value="forever" /> '
                'Remember Me</label></p><p class="login-submit">\n'
                '\t\t\t\t<input type="submit" name="wp-submit" id="wp-submit" class="button button-primary" value="Log In" />\n'
                f'\t\t\t\t<input type="hidden" name="redirect_to" value="{_url(here)}" />\n\t\t\t</p></form></div>')
    link = f"{site.url}/wp-login.php"
    if block.attrs.get("redirectToCurrent", True):
        link += f"?redirect_to={quote(here, safe='')}"
    return f'<div class="{_classes("logged-out", "wp-block-loginout", block=block)}"><a href="{_url(link)}">Log in</a></div>'


# ------------------------------------------------------------------------- synced patterns


# Synced patterns and menus inside one another, at most: a chain this long is a hostile export
# (each level may repeat the one below, doubling the output).
_MAX_NESTING = 16


@_register("block")
def synced_pattern(block: Block, run: BlockRun) -> str | None:
    """A synced pattern (a "reusable block" before WordPress 6.3): the wp_block post's content,
    rendered in place (render_block_core_block): nothing when it is not published, has a
    password, is not a wp_block, or is being rendered already (a pattern inside itself)."""
    ref = _ref(block, "ref")
    if ref is None:
        return ""
    site = _site(run)
    pattern = site.posts.get(ref)
    if pattern is None:
        run.warn(f"synced pattern {ref} (a wp_block post) is not in the export: left out "
                 "(export all content to keep it)")
        return ""
    if pattern.type != "wp_block" or not pattern.published or pattern.password or ref in run.patterns:
        return ""
    if len(run.patterns) >= _MAX_NESTING:
        run.warn(f"synced patterns nested more than {_MAX_NESTING} deep: pattern {ref} left out")
        return ""
    content = site.bodies.get(ref, "")
    if run.before_blocks is not None:
        content = run.before_blocks(content)
    # The instance's overrides of the pattern's named blocks (WordPress 6.5+), for
    # render_block: the "pattern/overrides" context render_block_core_block() sets.
    overrides = block.attrs.get("content")
    # WordPress renders the content with do_blocks(): the block context starts afresh, from the
    # global post (a query loop's current post inside a loop).
    context: dict[str, object] = {k: run.context[k] for k in ("postId", "postType") if k in run.context}
    if isinstance(overrides, dict):
        context["pattern/overrides"] = overrides
    inner = replace(run, patterns=(*run.patterns, ref), context=context)
    return "".join(render_block(b, inner) for b in parse_blocks(content))


# ------------------------------------------------------------------------- navigation


def _ref(block: Block, *names: str) -> int | None:
    """A block's reference to a post (``ref``...) as an id; None when absent or not a number."""
    for name in names:
        value = block.attrs.get(name)
        if isinstance(value, bool):
            return None
        if value not in (None, "", 0, "0"):
            try:
                return int(value)  # type: ignore[arg-type]
            except (TypeError, ValueError, OverflowError):  # (json reads Infinity)
                return None
    return None


def _stored_blocks(content: str) -> list[Block]:
    """A stored post's blocks, without the whitespace between them (WordPress's
    block_core_navigation_filter_out_empty_blocks)."""
    return [b for b in parse_blocks(content)
            if b.name is not None or "".join(c for c in b.inner if isinstance(c, str)).strip()]


def _latest_navigation(site: SiteView) -> tuple[int, tuple[Block, ...]]:
    """The id and blocks of the most recently published wp_navigation post (the navigation
    block's fallback before a list of pages), memoized; (0, ()) when there is none."""
    def build() -> tuple[int, tuple[Block, ...]]:
        menus = [p for p in site.posts.values() if p.type == "wp_navigation" and p.published]
        if not menus:
            return 0, ()
        latest = max(menus, key=lambda p: (p.date[:19], p.id))
        return latest.id, tuple(_stored_blocks(site.bodies.get(latest.id, "")))

    return site.memo(("latest-navigation",), build)


@_register("navigation")
def navigation(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    nav_run = _with_context(run, inNavigation=True)
    inner_blocks = [c for c in block.inner if isinstance(c, Block)]
    name = ""
    shown = 0  # the wp_navigation post whose blocks are shown
    ref = _ref(block, "ref", "navigationMenuId")
    if ref is not None:
        # A menu saved as a wp_navigation post (render_block_core_navigation, WordPress 6.1).
        menu = site.posts.get(ref)
        if menu is None:
            run.warn(f"navigation menu {ref} (a wp_navigation post) is not in the export: left out")
            return ""
        if menu.published:
            name, shown = menu.title, ref
            inner_blocks = _stored_blocks(site.bodies.get(ref, ""))
    fallback = not inner_blocks
    if fallback:
        # The latest published menu, or else a list of the pages.
        shown, latest = _latest_navigation(site)
        inner_blocks = list(latest) or [Block(name="core/page-list", void=True)]
    if shown:
        # A menu met again inside itself (directly, or through the fallback) shows nothing.
        if shown in run.patterns or len(run.patterns) >= _MAX_NESTING:
            return ""
        nav_run = replace(nav_run, patterns=(*run.patterns, shown))
    parts, pending = [], []
    for c in inner_blocks:
        html_out = render_block(c, nav_run)
        if c.name in _NAVIGATION_LIST_ITEMS:
            if c.name in ("core/site-title", "core/site-logo") and html_out:
                html_out = f'<li class="wp-block-navigation-item">{html_out}</li>'
            pending.append(html_out)
        else:
            if pending:
                parts.append(f'<ul class="wp-block-navigation__container">{"".join(pending)}</ul>')
                pending = []
            parts.append(html_out)
    if pending:
        parts.append(f'<ul class="wp-block-navigation__container">{"".join(pending)}</ul>')
    body = "".join(parts)
    if not body:
        return ""
    n = run.next_id("navigation")
    classes = _classes("is-responsive", *(("is-fallback",) if fallback else ()), "wp-block-navigation", block=block)
    return (f'<nav class="{classes}" aria-label="{_attr(html.unescape(name))}">'
            f'<button aria-haspopup="true" aria-label="Open menu" class="wp-block-navigation__responsive-container-open " '
            f'data-micromodal-trigger="modal-{n}"></button>'
            f'<div class="wp-block-navigation__responsive-container  " style="" id="modal-{n}">'
            '<div class="wp-block-navigation__responsive-close" tabindex="-1" data-micromodal-close>'
            '<div class="wp-block-navigation__responsive-dialog" aria-label="Menu">'
            '<button aria-label="Close menu" data-micromodal-close class="wp-block-navigation__responsive-container-close"></button>'
            f'<div class="wp-block-navigation__responsive-container-content" id="modal-{n}-content">{body}</div>'
            "</div></div></div></nav>")


# The navigation block's children that go in its list (the others stand between lists).
_NAVIGATION_LIST_ITEMS = frozenset(("core/navigation-link", "core/home-link", "core/site-title",
                                    "core/site-logo", "core/navigation-submenu"))


@_register("navigation-link", "navigation-submenu")
def navigation_link(block: Block, run: BlockRun) -> str | None:
    a = block.attrs
    label = str(a.get("label", ""))
    url = str(a.get("url", ""))  # the URL the link was saved with, as WordPress prints it
    post_link = a.get("kind") == "post-type" or a.get("type") in ("post", "page")
    if post_link and _ref(block, "id") is not None:
        p = _site(run).posts.get(_ref(block, "id"))  # type: ignore[arg-type]
        if p is None or not p.published:
            return ""  # (a draft, or not in the export: WordPress prints nothing either way)
    if not label:
        return ""
    kids = "".join(render_block(c, run) for c in block.inner if isinstance(c, Block))
    cls = "wp-block-navigation-item" + (" has-child wp-block-navigation-submenu" if kids or block.name == "core/navigation-submenu" else " wp-block-navigation-link")
    out = (f'<li class="{_classes(cls, block=block)}"><a class="wp-block-navigation-item__content" href="{_url(url)}">'
           f'<span class="wp-block-navigation-item__label">{label}</span></a>')
    if kids:
        out += f'<ul class="wp-block-navigation__submenu-container">{kids}</ul>'
    return out + "</li>"


@_register("home-link")
def home_link(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    label = str(block.attrs.get("label", "Home"))
    return (f'<li class="{_classes("wp-block-navigation-item", "wp-block-home-link", block=block)}">'
            f'<a class="wp-block-home-link__content wp-block-navigation-item__content" href="{_url(site.url)}" rel="home">'
            f"{label}</a></li>")


# ------------------------------------------------------------------------- site


@_register("site-title")
def site_title(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    if not site.name:
        return ""
    level = int(a.get("level", 1))  # type: ignore[arg-type]
    tag = "p" if level == 0 else f"h{level}"
    title = site.name
    if a.get("isLink", True) is not False:
        title = f'<a href="{_url(site.url)}" target="{_attr(a.get("linkTarget", "_self"))}" rel="home">{title}</a>'
    return f'<{tag} class="{_classes("wp-block-site-title", block=block)}">{title}</{tag}>'


@_register("site-tagline")
def site_tagline(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    if not site.description:
        return ""
    return f'<p class="{_classes("wp-block-site-tagline", block=block)}">{site.description}</p>'


@_register("site-logo")
def site_logo(block: Block, run: BlockRun) -> str | None:
    return None  # the custom logo is a theme setting, not in the export


@_register("post-navigation-link", "term-description", "query-title", "comment-edit-link",
           "comments-pagination", "comments-pagination-next", "comments-pagination-previous",
           "comments-pagination-numbers")
def _empty_outside_views(block: Block, run: BlockRun) -> str | None:
    # Outside a singular/archive page view (no request of that kind), nobody logged in and comments
    # not paged, WordPress renders these as nothing: that is their output here too.
    return ""


# ------------------------------------------------------------------------- query loop


def _query_posts(site: SiteView, query: dict[str, object]) -> tuple[list[PostSummary], int, bool]:
    """Posts a Query Loop shows (before pagination), found count and whether stickies lead.

    Memoized by the query's attributes (the list is shared: do not change it).
    """
    return site.memo(("query-posts", _attrs_key(query)), lambda: _select_query_posts(site, query))


def _select_query_posts(site: SiteView, query: dict[str, object]) -> tuple[list[PostSummary], int, bool]:
    if query.get("inherit"):
        query = {"perPage": site.posts_per_page, "postType": "post"}
    post_type = str(query.get("postType") or "post")
    posts = site.published(post_type)
    is_home = True
    sticky = str(query.get("sticky") or "")
    if sticky == "only":
        posts = [p for p in posts if p.id in site.sticky]
    elif sticky:
        posts = [p for p in posts if p.id not in site.sticky]
    excluded = set(_id_list(query.get("exclude") or []))
    posts = [p for p in posts if p.id not in excluded]
    tax: dict[str, list[int]] = {}
    if query.get("categoryIds"):
        tax["category"] = _id_list(query["categoryIds"])
    if query.get("tagIds"):
        tax["post_tag"] = _id_list(query["tagIds"])
    if isinstance(query.get("taxQuery"), dict):
        for taxonomy, ids in query["taxQuery"].items():  # type: ignore[union-attr]
            if _id_list(ids):
                tax[taxonomy] = _id_list(ids)
    for taxonomy, ids in tax.items():
        is_home = False
        posts = [p for p in posts if _term_ids_of(site, p, taxonomy) & set(ids)]
    author = str(query.get("author") or "")
    if author:
        is_home = False
        wanted = {a.strip() for a in author.split(",") if a.strip()}
        posts = [p for p in posts if p.author_login in wanted or str(p.author_login) in wanted]
    search = str(query.get("search") or "").strip()
    if search:
        is_home = False
        terms = search.casefold().split()
        posts = [p for p in posts if all(
            t in (p.title + " " + p.excerpt + " " + site.generated_excerpt(p)[0]).casefold() for t in terms)]
    parents = _id_list(query.get("parents") or [])
    if parents:
        posts = [p for p in posts if p.parent in parents]
    posts = _sort_posts(posts, str(query.get("orderBy") or "date"), str(query.get("order") or "desc"), site)
    return posts, len(posts), is_home and sticky == "" and post_type == "post"


def _query_page(site: SiteView, query: dict[str, object], page: int = 1) -> tuple[list[PostSummary], int]:
    """The posts of a page of a Query Loop and its page count (memoized: do not change the list)."""
    return site.memo(("query-page", _attrs_key(query), page), lambda: _select_query_page(site, query, page))


def _select_query_page(site: SiteView, query: dict[str, object], page: int = 1) -> tuple[list[PostSummary], int]:
    posts, found, stickies_first = _query_posts(site, query)
    per_page = int(query.get("perPage") or site.posts_per_page)  # type: ignore[arg-type]
    offset = int(query.get("offset") or 0)  # type: ignore[arg-type]
    start = per_page * (page - 1) + offset
    shown = posts[start : start + per_page]
    if stickies_first and page == 1:
        # WP_Query on a home-like query: sticky posts move to the top, fetched if not on the page.
        lead = [site.posts[i] for i in site.sticky if i in site.posts and site.posts[i].type == "post"]
        shown = lead + [p for p in shown if p.id not in site.sticky]
    # WP_Query's max_num_pages: found_posts counts the posts the offset skips too (SQL
    # FOUND_ROWS ignores LIMIT), so an offset query shows as many pages as one without.
    pages = max(1, math.ceil(found / per_page)) if per_page > 0 else 1
    return shown, pages


@_register("query")
def query_block(block: Block, run: BlockRun) -> str | None:
    query = block.attrs.get("query") if isinstance(block.attrs.get("query"), dict) else {}
    child = _with_context(run, queryId=block.attrs.get("queryId", 0), query=query,
                          displayLayout=block.attrs.get("displayLayout"))
    return _inner(block, child)


@_register("post-template")
def post_template(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    query = run.context.get("query")
    if not isinstance(query, dict):
        return None
    posts, _pages = _query_page(site, query)
    if not posts:
        return ""
    items = []
    for p in posts:
        inner = _inner(block, _with_context(run, postId=p.id, postType=p.type))
        items.append(f'<li class="{_attr(_post_classes(site, p))}">{inner}</li>')
    layout = run.context.get("displayLayout")
    cls = ["wp-block-post-template"]
    if isinstance(layout, dict) and layout.get("type") == "flex":
        cls.insert(0, f"is-flex-container columns-{layout.get('columns', 3)}")
    return f'<ul class="{_classes(*cls, block=block)}">{"".join(items)}</ul>'


@_register("query-no-results")
def query_no_results(block: Block, run: BlockRun) -> str | None:
    query = run.context.get("query")
    if not isinstance(query, dict):
        return None
    posts, _ = _query_page(_site(run), query)
    return "" if posts else f'<div class="{_classes("wp-block-query-no-results", block=block)}">{_inner(block, run)}</div>'


def _page_link(run: BlockRun, page: int) -> str:
    base = run.post_url or ""
    return f"{base}?query-{run.context.get('queryId', 0)}-page={page}"


@_register("query-pagination")
def query_pagination(block: Block, run: BlockRun) -> str | None:
    inner = _inner(block, run)
    if not inner.strip():
        return ""
    return f'<nav class="{_classes("wp-block-query-pagination", block=block)}" aria-label="Pagination">{inner}</nav>'


@_register("query-pagination-numbers")
def query_pagination_numbers(block: Block, run: BlockRun) -> str | None:
    query = run.context.get("query")
    if not isinstance(query, dict):
        return None
    _posts, total = _query_page(_site(run), query)
    if total < 2:
        return ""
    current, end_size, mid_size, dots, links = 1, 1, 2, False, []
    for n in range(1, total + 1):
        if n == current:
            links.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
            dots = True
        elif n <= end_size or (current - mid_size <= n <= current + mid_size) or n > total - end_size:
            links.append(f'<a class="page-numbers" href="{_url(_page_link(run, n))}">{n}</a>')
            dots = True
        elif dots:
            links.append('<span class="page-numbers dots">&hellip;</span>')
            dots = False
    return f'<div class="{_classes("wp-block-query-pagination-numbers", block=block)}">{chr(10).join(links)}</div>'


@_register("query-pagination-next")
def query_pagination_next(block: Block, run: BlockRun) -> str | None:
    query = run.context.get("query")
    if not isinstance(query, dict):
        return None
    _posts, total = _query_page(_site(run), query)
    if total < 2:
        return ""
    label = str(block.attrs.get("label") or "Next Page")
    return f'<a href="{_url(_page_link(run, 2))}" class="{_classes("wp-block-query-pagination-next", block=block)}">{label}</a>'


@_register("query-pagination-previous")
def query_pagination_previous(block: Block, run: BlockRun) -> str | None:
    return ""  # the first page has no previous page


# ------------------------------------------------------------------------- post blocks


@_register("post-title")
def post_title(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    p = _current_post(run)
    if p is None:
        return None
    title = site.display_title(p)
    if not title:
        return ""
    level = int(a.get("level", 2))  # type: ignore[arg-type]
    tag = "p" if level == 0 else f"h{level}"
    if a.get("isLink"):
        rel = f'rel="{_attr(a["rel"])}"' if a.get("rel") else ""
        title = f'<a href="{_url(p.url)}" target="{_attr(a.get("linkTarget", "_self"))}" {rel}>{title}</a>'
    return f'<{tag} class="{_classes("wp-block-post-title", block=block)}">{title}</{tag}>'


@_register("post-date")
def post_date(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    p = _current_post(run)
    if p is None:
        return None
    text = php_date(str(a.get("format") or site.date_format), _dt(p.date))
    if a.get("isLink"):
        text = f'<a href="{_url(p.url)}">{text}</a>'
    return f'<div class="{_classes("wp-block-post-date", block=block)}"><time datetime="{_iso(p.date)}">{text}</time></div>'


@_register("post-excerpt")
def post_excerpt(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    p = _current_post(run)
    if p is None:
        return None
    more_text = ""
    if a.get("moreText"):
        more_text = f'<a class="wp-block-post-excerpt__more-link" href="{_url(p.url)}">{a["moreText"]}</a>'
    excerpt = _excerpt(site, p, 55, more="" if more_text else None)
    if not excerpt:
        return ""
    content = f'<p class="wp-block-post-excerpt__excerpt">{excerpt}'
    if a.get("showMoreOnNewLine", True) is not False and more_text:
        content += f'</p><p class="wp-block-post-excerpt__more-text">{more_text}</p>'
    else:
        content += f" {more_text}</p>"
    return f'<div class="{_classes("wp-block-post-excerpt", block=block)}">{content}</div>'


@_register("post-featured-image")
def post_featured_image(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    p = _current_post(run)
    if p is None:
        return None
    img = _featured_image(site, p)
    if not img:
        return ""
    if a.get("isLink"):
        img = f'<a href="{_url(p.url)}" target="{_attr(a.get("linkTarget", "_self"))}">{img}</a>'
    return f'<figure class="{_classes("wp-block-post-featured-image", block=block)}">{img}</figure>'


@_register("post-terms")
def post_terms(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    p = _current_post(run)
    taxonomy = str(a.get("term", ""))
    if p is None or not taxonomy:
        return None
    slugs = p.categories if taxonomy == "category" else p.tags if taxonomy == "post_tag" else ()
    terms = sorted((t for s in slugs if (t := site.term(taxonomy, s)) is not None), key=lambda t: _name_key(t.name))
    if not terms:
        return ""
    sep = str(a.get("separator", ", "))
    links = f'<span class="wp-block-post-terms__separator">{sep}</span>'.join(
        f'<a href="{_url(t.url)}" rel="tag">{t.name}</a>' for t in terms
    )
    prefix = f'<span class="wp-block-post-terms__prefix">{a["prefix"]}</span>' if a.get("prefix") else ""
    suffix = f'<span class="wp-block-post-terms__suffix">{a["suffix"]}</span>' if a.get("suffix") else ""
    return f'<div class="{_classes(f"taxonomy-{taxonomy}", "wp-block-post-terms", block=block)}">{prefix}{links}{suffix}</div>'


@_register("post-author")
def post_author(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    p = _current_post(run)
    if p is None:
        return None
    author = site.authors.get(p.author_login)
    name = author.name if author else p.author
    if not name:
        return ""
    out = ['<div class="' + _classes("wp-block-post-author", block=block) + '">']
    if a.get("showAvatar", True) is not False:
        size = int(a.get("avatarSize", 48))  # type: ignore[arg-type]
        out.append(f'<div class="wp-block-post-author__avatar">{_avatar(site, author.email_hash if author else "", size)}</div>')
    out.append('<div class="wp-block-post-author__content">')
    if a.get("byline"):
        out.append(f'<p class="wp-block-post-author__byline">{a["byline"]}</p>')
    out.append(f'<p class="wp-block-post-author__name">{name}</p>')
    if a.get("showBio") and author and author.description:
        out.append(f'<p class="wp-block-post-author__bio">{author.description}</p>')
    out.append("</div></div>")
    return "".join(out)


@_register("post-author-name")
def post_author_name(block: Block, run: BlockRun) -> str | None:
    """(The block came with WordPress 6.2: 6.1 prints nothing for it.)"""
    p = _current_post(run)
    if p is None:
        return None
    if not p.author:
        return ""
    name = p.author
    author = _site(run).authors.get(p.author_login)
    if block.attrs.get("isLink") and author is not None:
        target = _attr(block.attrs.get("linkTarget", "_self"))
        name = (f'<a href="{_url(author.archive_url(_site(run)))}" target="{target}" '
                f'class="wp-block-post-author-name__link">{name}</a>')
    return f'<div class="{_classes("wp-block-post-author-name", block=block)}">{name}</div>'


@_register("post-author-biography")
def post_author_biography(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    p = _current_post(run)
    if p is None:
        return None
    author = site.authors.get(p.author_login)
    if not author or not author.description:
        return ""
    return f'<div class="{_classes("wp-block-post-author-biography", block=block)}">{author.description}</div>'


@_register("read-more")
def read_more(block: Block, run: BlockRun) -> str | None:
    p = _current_post(run)
    if p is None:
        return None
    text = str(block.attrs.get("content") or "Read more")
    target = _attr(block.attrs.get("linkTarget", "_self"))
    return f'<a class="{_classes("wp-block-read-more", block=block)}" href="{_url(p.url)}" target="{target}">{text}</a>'


@_register("post-comments-count")
def post_comments_count(block: Block, run: BlockRun) -> str | None:
    p = _current_post(run)
    if p is None:
        return None
    return f'<div class="{_classes("wp-block-post-comments-count", block=block)}">{p.comment_count}</div>'


@_register("post-comments-link")
def post_comments_link(block: Block, run: BlockRun) -> str | None:
    p = _current_post(run)
    if p is None:
        return None
    n = p.comment_count
    text = "No comments" if n == 0 else "One comment" if n == 1 else f"{n} comments"
    anchor = "#respond" if n == 0 else "#comments"
    return (f'<div class="{_classes("wp-block-post-comments-link", block=block)}">'
            f'<a href="{_url(p.url)}{anchor}">{text}</a></div>')


@_register("avatar")
def avatar_block(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    size = int(a.get("size", 96))  # type: ignore[arg-type]
    style = ""
    radius = ((a.get("style") or {}).get("border") or {}).get("radius") if isinstance(a.get("style"), dict) else None  # type: ignore[union-attr]
    if radius:
        style = f"border-radius: {radius}"
    cid = run.context.get("commentId")
    if cid:
        c = site.comment(cid)
        if c is None:
            return ""
        h, name, link = c.author_email_hash, c.author, c.author_url
    else:
        p = _current_post(run)
        if p is None:
            return None
        author = site.authors.get(p.author_login)
        h, name = (author.email_hash if author else ""), p.author
        link = author.archive_url(site) if author is not None else ""
    img = _avatar(site, h, size, f"{name} Avatar", "wp-block-avatar__image")
    if style:
        img = img.replace("loading=", f'style="{style}" loading=', 1)
    if a.get("isLink") and link and link.lower().startswith(("http://", "https://")):
        target = str(a.get("linkTarget", "_self"))
        label = ""
        if target == "_blank":
            what = "website link" if cid else "author archive"
            label = f' aria-label="{_attr(f"({name} {what}, opens in a new tab)")}"'
        img = f'<a href="{_url(link)}" target="{_attr(target)}"{label} class="wp-block-avatar__link">{img}</a>'
    return f'<div class="{_classes("wp-block-avatar", block=block)}">{img}</div>'


# ------------------------------------------------------------------------- comments


def _post_comments(site: SiteView, post_id: int) -> tuple[CommentSummary, ...]:
    return site.post_comments(post_id)


@_register("comments")
def comments_block(block: Block, run: BlockRun) -> str | None:
    if not any(isinstance(c, Block) for c in block.inner):
        return None  # legacy mode: the theme's comments.php would print them
    p = _current_post(run)
    if p is None:
        return None
    if p.password:
        return ""
    return _inner(block, _with_context(run, postId=p.id))


@_register("comments-title")
def comments_title(block: Block, run: BlockRun) -> str | None:
    site, a = _site(run), block.attrs
    p = _current_post(run)
    if p is None:
        return None
    n = len(_post_comments(site, p.id))
    if not n:
        return ""
    show_title = a.get("showPostTitle", True) is not False
    show_count = a.get("showCommentsCount", True) is not False
    quoted = f"&#8220;{site.display_title(p)}&#8221;"
    if show_title:
        if show_count:
            text = f"One response to {quoted}" if n == 1 else f"{n} responses to {quoted}"
        else:
            text = f"Response to {quoted}" if n == 1 else f"Responses to {quoted}"
    else:
        text = ("One response" if n == 1 else f"{n} responses") if show_count else ("Response" if n == 1 else "Responses")
    level = int(a.get("level", 2))  # type: ignore[arg-type]
    return f'<h{level} id="comments" class="{_classes("wp-block-comments-title", block=block)}">{text}</h{level}>'


@_register("comment-template")
def comment_template(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    p = _current_post(run)
    if p is None:
        return None
    comments = _post_comments(site, p.id)
    if not comments:
        return ""
    ids = {c.id for c in comments}
    children: dict[int, list[CommentSummary]] = defaultdict(list)
    for c in comments:
        children[c.parent if c.parent in ids else 0].append(c)
    counter = {"n": 0}

    seen: set[int] = set()

    def walk(parent: int, depth: int) -> str:
        out = []
        for c in children.get(parent, []):
            if c.id in seen:  # a comment that is its own ancestor (broken data): once only
                continue
            seen.add(c.id)
            parity = "even" if counter["n"] % 2 == 0 else "odd"
            counter["n"] += 1
            thread = " thread-even" if depth == 1 and parity == "even" else " thread-odd" if depth == 1 else ""
            kind = "comment" if c.type == "comment" else c.type
            inner = _inner(block, _with_context(run, commentId=c.id, commentDepth=depth))
            kids = walk(c.id, depth + 1)
            out.append(f'<li id="comment-{c.id}" class="{kind} {parity}{thread} depth-{depth}">{inner}'
                       + (f"<ol>{kids}</ol>" if kids else "") + "</li>")
        return "".join(out)

    return f'<ol class="{_classes("wp-block-comment-template", block=block)}">{walk(0, 1)}</ol>'


def _current_comment(run: BlockRun) -> CommentSummary | None:
    cid = run.context.get("commentId")
    return _site(run).comment(cid) if cid else None


@_register("comment-author-name")
def comment_author_name(block: Block, run: BlockRun) -> str | None:
    c = _current_comment(run)
    if c is None:
        return None
    name = c.author or "Anonymous"
    if block.attrs.get("isLink", True) is not False and c.author_url:
        target = _attr(block.attrs.get("linkTarget", "_self"))
        name = f'<a rel="external nofollow ugc" href="{_url(c.author_url)}" target="{target}" >{name}</a>'
    return f'<div class="{_classes("wp-block-comment-author-name", block=block)}">{name}</div>'


@_register("comment-date")
def comment_date(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    c = _current_comment(run)
    if c is None:
        return None
    text = php_date(str(block.attrs.get("format") or site.date_format), _dt(c.date))
    if block.attrs.get("isLink", True) is not False:
        post = site.posts.get(c.post_id)
        text = f'<a href="{_url(post.url if post else "")}#comment-{c.id}">{text}</a>'
    return f'<div class="{_classes("wp-block-comment-date", block=block)}"><time datetime="{_iso(c.date)}">{text}</time></div>'


@_register("comment-content")
def comment_content(block: Block, run: BlockRun) -> str | None:
    c = _current_comment(run)
    if c is None:
        return None
    return f'<div class="{_classes("wp-block-comment-content", block=block)}">{wpautop(c.content)}</div>'


@_register("comment-reply-link")
def comment_reply_link(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    c = _current_comment(run)
    if c is None:
        return None
    post = site.posts.get(c.post_id)
    if post is None or post.comment_status != "open" or int(run.context.get("commentDepth", 1)) >= 5:
        return ""
    name = c.author or "Anonymous"
    link = (f"<a rel='nofollow' class='comment-reply-link' href='{_url(post.url)}?replytocom={c.id}#respond' "
            f'data-commentid="{c.id}" data-postid="{post.id}" data-belowelement="comment-{c.id}" '
            f'data-respondelement="respond" data-replyto="Reply to {_attr(name)}" aria-label=\'Reply to {_attr(name)}\'>Reply</a>')
    return f'<div class="{_classes("wp-block-comment-reply-link", block=block)}">{link}</div>'


@_register("post-comments-form")
def post_comments_form(block: Block, run: BlockRun) -> str | None:
    site = _site(run)
    p = _current_post(run)
    if p is None:
        return None
    if p.password or p.comment_status != "open":
        return ""
    here = run.post_url or p.url
    return (
        f'\n\t<div id="respond" class="comment-respond {_classes("wp-block-post-comments-form", block=block)}">\n'
        '\t\t<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" '
        f'id="cancel-comment-reply-link" href="{_url(here)}#respond" style="display:none;">Cancel reply</a></small></h3>'
        f'<form action="{_url(site.url)}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>'
        '<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> '
        '<span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>'
        '<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> '
        '<textarea id="comment" name="comment" cols="45" rows="5" maxlength="65525" required></textarea></p>'
        '<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> '
        '<input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required /></p>\n'
        '<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> '
        '<input id="email" name="email" type="email" value="" size="30" maxlength="100" aria-describedby="email-notes" '
        'autocomplete="email" required /></p>\n'
        '<p class="comment-form-url"><label for="url">Website</label> '
        '<input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url" /></p>\n'
        '<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" '
        'type="checkbox" value="yes" /> <label for="wp-comment-cookies-consent">Save my name, email, and website in this '
        'browser for the next time I comment.</label></p>\n'
        '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" /> '
        f"<input type='hidden' name='comment_post_ID' value='{p.id}' id='comment_post_ID' />\n"
        "<input type='hidden' name='comment_parent' id='comment_parent' value='0' />\n"
        "</p></form>\t</div><!-- #respond -->\n\t"
    )


DYNAMIC_RENDERERS.update(RENDERERS)
