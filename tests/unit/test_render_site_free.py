"""Rendering without the site data (convert.render.site_free_context), as the workers do.

A worker process never reads the site (it is started before the first pass), so it renders with
a context whose media, attachments and site view raise SiteDataNeeded when read. The promise:
such a render either raises, or gives exactly what the full context gives. Checked here on every
post of the three real exports, against the context the migration builds for them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from mwmigrate.convert.render import (
    RenderContext, SiteDataNeeded, may_need_site_data, render_content, site_free_context,
)
from mwmigrate.convert.siteview import SiteViewBuilder
from mwmigrate.model import Media, Post
from mwmigrate.sources.wxr import WXRReader, read_wxr_index
from tests.conftest import WXR_DIR

EXPORTS = ["themeunittestdata.wordpress.xml", "64-block-test-data.xml", "theme-preview.xml"]


def full_context(path) -> tuple[RenderContext, object]:
    """The context migrate.WXRMigration renders with (the same calls, in the same order)."""
    summaries = SiteViewBuilder()
    index = read_wxr_index(path, on_post=summaries.add)
    site_url = index.site.base_blog_url or index.site.url
    view = summaries.build(index.site.terms, index.site.authors, index.site, index.media,
                           site_url=site_url)
    return RenderContext(media=index.media, attachments_by_parent=index.attachments_by_parent,
                         site_url=site_url, site=view), index


@pytest.mark.parametrize("name", EXPORTS)
def test_a_render_without_site_data_raises_or_is_the_same(name: str) -> None:
    path = WXR_DIR / name
    ctx, index = full_context(path)
    free = site_free_context()
    same, needed, guessed_wrong = 0, [], []
    for entity in WXRReader(path, fallback_offset=index.usual_offset):
        if not isinstance(entity, Post) or not entity.content_raw:
            continue
        per_post = dict(post_id=entity.wp_id, post_url=entity.url, mark_fragments=True)
        want = render_content(entity.content_raw, replace(ctx, **per_post))
        try:
            got = render_content(entity.content_raw, replace(free, **per_post))
        except SiteDataNeeded:
            needed.append(entity.title)
            if not may_need_site_data(entity.content_raw):
                guessed_wrong.append(entity.title)
            continue
        assert (got.html, got.excerpt_html, got.pages, got.warnings) == \
            (want.html, want.excerpt_html, want.pages, want.warnings), entity.title
        same += 1
    assert same >= 5  # (the theme preview export has 7 posts with a body)
    if name != "theme-preview.xml":  # (its posts hold no gallery and no dynamic block)
        assert needed, "no post of this export reads the site: the test proves nothing"
    # The guess sends these posts to the main process first: a miss costs a render, not a fault.
    assert guessed_wrong == []


def test_what_reads_the_site_is_guessed() -> None:
    assert may_need_site_data("[gallery]")
    assert may_need_site_data('[gallery ids="1,2"]')
    assert may_need_site_data("[audio]\n")
    assert may_need_site_data("<!-- wp:latest-posts /-->")
    assert may_need_site_data('<!-- wp:core/page-list {"a":1} /-->')
    assert may_need_site_data("<!-- wp:archives -->x<!-- /wp:archives -->")
    assert not may_need_site_data("<p>A [galleryx] of <b>nothing</b></p>")
    assert not may_need_site_data("<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->")
    assert not may_need_site_data("<!-- wp:image {\"id\":5} -->\n<figure></figure>\n<!-- /wp:image -->")


def test_the_absent_site_data_cannot_be_mistaken_for_an_error() -> None:
    # Not an Exception: no `except Exception` in a renderer can swallow it and go on.
    assert not issubclass(SiteDataNeeded, Exception)
    free = site_free_context()
    with pytest.raises(SiteDataNeeded):
        render_content("[gallery]", replace(free, post_id=3))
    with pytest.raises(SiteDataNeeded):
        render_content("<!-- wp:latest-posts /-->", free)
    for look in (lambda: free.media.get(1), lambda: 1 in free.media, lambda: len(free.media),
                 lambda: list(free.attachments_by_parent), lambda: free.site.posts,
                 lambda: bool(free.site)):
        with pytest.raises(SiteDataNeeded):
            look()


def test_a_gallery_renders_the_same_with_the_site_data() -> None:
    media = {7: Media(wp_id=7, url="https://example.org/a.jpg", mime_type="image/jpeg", parent=3)}
    ctx = RenderContext(post_id=3, media=media, attachments_by_parent={3: [7]})
    assert "https://example.org/a.jpg" in render_content("[gallery]", ctx).html
