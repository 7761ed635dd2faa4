"""Dynamic blocks cost O(1) site scans per render once the SiteView's derived data is memoized.

A migration renders every post with the same SiteView; site-wide blocks (latest posts, archives,
categories, query loops...) used to scan and sort every post, comment and term on each call, so a
site with N posts and dynamic blocks in a fixed share of them took O(N^2). These tests count the
full scans of the view's posts, comments and terms (not time): after the first render, rendering
again does none, whatever the post being rendered.
"""

from __future__ import annotations

import dataclasses
import re
import sys

import pytest

from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.convert.siteview import (
    CommentSummary,
    PostSummary,
    SiteView,
    TermSummary,
    build_site_view,
)
from mwmigrate.model import Post

URL = "http://example.test"
N_POSTS = 5000
N_PAGES = 40

CONTENT = """
<!-- wp:latest-posts {"displayPostDate":true,"displayPostContent":true,"excerptLength":20} /-->
<!-- wp:latest-posts {"categories":"2","postsToShow":10,"orderBy":"title","order":"asc"} /-->
<!-- wp:archives {"showPostCounts":true} /-->
<!-- wp:archives {"type":"yearly"} /-->
<!-- wp:archives {"displayAsDropdown":true,"showPostCounts":true} /-->
<!-- wp:archives {"displayAsDropdown":true,"type":"yearly"} /-->
<!-- wp:categories {"showHierarchy":true,"showPostCounts":true} /-->
<!-- wp:categories {"displayAsDropdown":true,"showHierarchy":true} /-->
<!-- wp:latest-comments {"commentsToShow":4} /-->
<!-- wp:tag-cloud /-->
<!-- wp:calendar /-->
<!-- wp:page-list /-->
<!-- wp:navigation /-->
<!-- wp:search /-->
<!-- wp:query {"queryId":1,"query":{"perPage":3,"pages":0,"offset":0,"postType":"post","order":"desc","orderBy":"date","author":"","search":"","exclude":[],"sticky":"","inherit":false}} -->
<div class="wp-block-query"><!-- wp:post-template -->
<!-- wp:post-title {"isLink":true} /--><!-- wp:post-date /--><!-- wp:post-excerpt /--><!-- wp:search /-->
<!-- /wp:post-template -->
<!-- wp:query-pagination --><!-- wp:query-pagination-previous /--><!-- wp:query-pagination-numbers /--><!-- wp:query-pagination-next /--><!-- /wp:query-pagination -->
<!-- wp:query-no-results --><p>None</p><!-- /wp:query-no-results --></div>
<!-- /wp:query -->
<!-- wp:query {"queryId":2,"query":{"perPage":5,"postType":"page","orderBy":"title","order":"asc","search":"lorem"}} -->
<div class="wp-block-query"><!-- wp:post-template --><!-- wp:post-title /--><!-- /wp:post-template --></div>
<!-- /wp:query -->
<!-- wp:comments --><div class="wp-block-comments"><!-- wp:comments-title /-->
<!-- wp:comment-template --><!-- wp:avatar /--><!-- wp:comment-author-name /--><!-- wp:comment-date /-->
<!-- wp:comment-content /--><!-- wp:comment-reply-link /--><!-- /wp:comment-template --></div><!-- /wp:comments -->
<!-- wp:post-terms {"term":"category"} /--><!-- wp:post-author /--><!-- wp:post-comments-form /-->
"""


class _Scans:
    def __init__(self) -> None:
        self.n = 0


class CountingPosts(dict):  # type: ignore[type-arg]
    """A dict that counts full scans (iteration, values(), items(), keys())."""

    scans: _Scans

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.scans.n += 1
        return super().__iter__()

    def values(self):  # type: ignore[no-untyped-def]
        self.scans.n += 1
        return super().values()

    def items(self):  # type: ignore[no-untyped-def]
        self.scans.n += 1
        return super().items()

    def keys(self):  # type: ignore[no-untyped-def]
        self.scans.n += 1
        return super().keys()


class CountingTuple(tuple):  # type: ignore[type-arg]
    """A tuple that counts full scans (iteration)."""

    scans: _Scans

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.scans.n += 1
        return super().__iter__()


def _words(i: int) -> str:
    return " ".join(f"w{i}x{k}" for k in range(30 + i % 90))


def _big_site(scans: _Scans) -> SiteView:
    posts: dict[int, PostSummary] = {}
    for i in range(1, N_POSTS + 1):
        month = 1 + i % 12
        posts[i] = PostSummary(
            id=i, type="post", status="publish" if i % 10 else "draft", slug=f"p{i}", title=f"Post {i}",
            url=f"{URL}/p{i}/", date=f"20{10 + i % 14:02d}-{month:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:00+00:00",
            author="Ann", author_login="ann", excerpt_text=_words(i), more_words=i % 3 == 0,
            comment_count=2 if i % 50 == 0 else 0, categories=(f"cat{i % 7}",), tags=(f"tag{i % 60}",),
            sticky=i == 77,
        )
    for j in range(N_PAGES):
        pid = N_POSTS + 1 + j
        posts[pid] = PostSummary(
            id=pid, type="page", status="publish", slug=f"page{j}", title=f"Lorem page {j}",
            url=f"{URL}/page{j}/", date="2020-01-01T00:00:00+00:00", author="Ann", author_login="ann",
            parent=N_POSTS + 1 + j // 4 if j % 4 else 0, menu_order=j % 3,
        )
    terms = [TermSummary(id=1 + k, name=f"Category {k}", slug=f"cat{k}", taxonomy="category",
                         url=f"{URL}/category/cat{k}/", count=N_POSTS // 7, parent=1 if k > 3 else 0)
             for k in range(7)]
    terms += [TermSummary(id=100 + k, name=f"Tag {k}", slug=f"tag{k}", taxonomy="post_tag",
                          url=f"{URL}/tag/tag{k}/", count=1 + k) for k in range(60)]
    comments = [CommentSummary(id=c, post_id=50 * ((c + 1) // 2), author=f"C{c}", author_url="",
                               author_email_hash="", date=f"2015-01-{1 + c % 28:02d}T00:00:{c % 60:02d}+00:00",
                               content=f"Comment {c} text", parent=0 if c % 2 else c - 1)
                for c in range(1, 2 * (N_POSTS // 50) + 1)]  # two per 50th post, the second a reply
    counting_posts = CountingPosts(posts)
    counting_posts.scans = scans
    counting_terms = CountingTuple(terms)
    counting_terms.scans = scans
    counting_comments = CountingTuple(comments)
    counting_comments.scans = scans
    return SiteView(url=URL, name="Big", posts=counting_posts, terms=counting_terms,
                    comments=counting_comments, sticky=(77,))


def _render(site: SiteView, post_id: int) -> tuple[str, list[str]]:
    out = render_content(CONTENT, RenderContext(post_id=post_id, post_url=f"{URL}/p{post_id}/", site=site))
    return out.html, out.warnings


@pytest.fixture(scope="module")
def big() -> tuple[SiteView, _Scans]:
    scans = _Scans()
    return _big_site(scans), scans


def test_rendering_again_scans_nothing(big: tuple[SiteView, _Scans]) -> None:
    site, scans = big
    first, _ = _render(site, 50)
    assert scans.n > 0  # the counters see the first render's scans
    assert "wp-block-latest-posts" in first and "wp-block-archives" in first and "wp-calendar" in first
    assert "wp-block-comment-template" in first and "wp-block-post-template" in first
    after_first = scans.n
    # 200 more renders, most of them for other posts (with and without comments): no full scan.
    for k in range(200):
        _render(site, 1 + (k * 37) % N_POSTS)
    assert scans.n == after_first


def test_memoized_output_equals_a_fresh_render(big: tuple[SiteView, _Scans]) -> None:
    """Each render on the shared (warm) view matches one on a view with an empty memo."""
    site, _ = big
    for pid in (50, 51, 100, 77, N_POSTS + 1, N_POSTS + 6):  # posts with/without comments, sticky, pages
        fresh = dataclasses.replace(site)
        assert fresh._memo == {} and fresh.posts is site.posts
        assert _render(site, pid) == _render(fresh, pid)
        assert _render(site, pid) == _render(site, pid)  # warm twice: counters start afresh per render


def test_counter_ids_follow_the_render(big: tuple[SiteView, _Scans]) -> None:
    """Memoized blocks still draw unique ids from the render's counters, in document order."""
    site, _ = big
    html, _ = _render(site, 51)
    ids = re.findall(r"id=.(wp-block-[a-z_-]*-\d+)", html)
    # archives and search share the "unique" counter; the search in the post template runs per post
    assert ids == ["wp-block-archives-1", "wp-block-archives-2", "wp-block-categories-1",
                   *(f"wp-block-search__input-{n}" for n in range(3, 8))]


def test_page_list_marks_the_current_page_only(big: tuple[SiteView, _Scans]) -> None:
    site, _ = big
    page_html, _ = _render(site, N_POSTS + 2)
    post_html, _ = _render(site, 51)
    assert f'href="{URL}/page1/" aria-current="page"' in page_html
    assert 'aria-current="page"' not in post_html.replace('aria-current="page" class="page-numbers', "")


def test_post_dependent_blocks_follow_the_post(big: tuple[SiteView, _Scans]) -> None:
    site, _ = big
    a, _ = _render(site, 50)
    b, _ = _render(site, 100)
    assert "Comment 1 text" in a and "Comment 2 text" in a and "Comment 3 text" not in a
    assert "Comment 3 text" in b and "Comment 4 text" in b and "Comment 1 text" not in b
    assert "value='50' id='comment_post_ID'" in a and "value='100' id='comment_post_ID'" in b


def test_excerpt_words_are_one_string() -> None:
    site = build_site_view([Post(wp_id=1, title="T", slug="t", date="2023-01-01T00:00:00+00:00",
                                 content_raw="<p>" + " ".join(f"word{k}" for k in range(150)) + "</p>")])
    p = site.posts[1]
    assert isinstance(p.excerpt_text, str) and p.words == tuple(f"word{k}" for k in range(100))
    assert p.word_count == 100 and p.more_words is True
    # One str of 100 short words is several times smaller than a tuple of 100 str objects.
    assert sys.getsizeof(p.excerpt_text) * 4 < sys.getsizeof(p.words) + sum(sys.getsizeof(w) for w in p.words)
    assert PostSummary(id=2, type="post", status="publish", slug="", title="", url="", date="",
                       author="").words == ()


def test_replace_starts_a_new_memo() -> None:
    site = build_site_view([Post(wp_id=1, title="T", slug="t", date="2023-01-01T00:00:00+00:00")])
    assert len(site.published_posts("post")) == 1
    other = dataclasses.replace(site, posts={})
    assert other.published_posts("post") == () and len(site.published_posts("post")) == 1
