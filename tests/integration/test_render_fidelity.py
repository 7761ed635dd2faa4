"""Fidelity of convert.render against WordPress 6.1's own REST ``content.rendered``.

For each of the 77 published posts/pages of the theme unit test data: render the raw WXR
post_content and compare visible-text token F1 (>= 0.99) and structure counts (equal).
"""

from __future__ import annotations

import json
import statistics

import re
from urllib.parse import unquote

import pytest

from tests.conftest import WXR_DIR

from mwmigrate.convert.blocks import DYNAMIC_BLOCKS
from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.convert.siteview import SiteView, build_site_view
from mwmigrate.model import Author, Media, Post, Site, Term
from mwmigrate.sources.wxr import WXRReader
from mwmigrate.textmetrics import structure_counts, token_f1, visible_text

from ._wxr_raw import RawItem, load_items, media_maps

DATA = WXR_DIR
WXR = DATA / "themeunittestdata.wordpress.xml"
RENDERED = DATA / "themeunittestdata.rendered.json"
BLOCK_WXR = DATA / "64-block-test-data.xml"
F1_MIN = 0.99

# The JSON was rendered on a site the WXR was imported into (http://127.0.0.1:8091): the importer
# copied every attachment to that site's uploads folder, so media URLs WordPress computes from the
# attachment record ([audio] without src, gallery images) point there, while URLs typed into the
# content stay as written. This is site configuration for the context, not expected output.
OLD_UPLOADS = "https://wpthemetestdata.files.wordpress.com/"
NEW_UPLOADS = "http://127.0.0.1:8091/wp-content/uploads/"

# The rendering site's own configuration, which dynamic blocks (archives, latest posts, query loops,
# calendar...) show. None of it is in the export; none of it is expected output:
# - its address and pretty permalinks, so post, page, term and archive URLs are on that host;
SITE_URL = "http://127.0.0.1:8091"
PERMALINKS = "/%year%/%monthnum%/%day%/%postname%/"
# - its settings: the site title it was installed with, and no tagline (the importer sets neither);
SITE_NAME = "Theme Unit Test Site"
SITE_TAGLINE = ""
# - its theme, Twenty Twenty-One, which filters excerpt_more and the_title of untitled posts;
TT1_EXCERPT_MORE = (
    '&hellip; <a class="more-link" href="{url}">Continue reading <span class="screen-reader-text">{title}</span></a>'
)
TT1_UNTITLED = "Untitled"
# - the day of the request: the calendar shows the current month. The snapshot was taken the day
#   the export was imported, the date the import stamped on the posts it touched (their modified_gmt).


def _imported_terms(terms: list[Term], items: list[RawItem]) -> list[Term]:
    """The terms as the WordPress importer created them on the rendering site, with its ids.

    It creates the export's declared terms in file order with fresh ids from 2 (1 is the install's
    own "Uncategorized", reused by slug; a term declared twice is created once), then, importing the
    posts, the terms they carry that were not declared, named as the posts name them. Block
    attributes that name term ids (latest-posts "categories") were saved on that site, so the
    SiteView must use its ids, not the export's.
    """
    out: dict[tuple[str, str], Term] = {}
    next_id = 2
    for t in terms:
        if (t.taxonomy, t.slug) in out:
            continue
        if t.taxonomy == "category" and t.slug == "uncategorized":
            t.wp_id = 1
        else:
            t.wp_id, next_id = next_id, next_id + 1
        out[(t.taxonomy, t.slug)] = t
    for it in items:
        if it.post_type in ("post", "page"):
            for domain, nicename, name in it.terms:
                taxonomy = "post_tag" if domain == "tag" else domain
                slug = unquote(nicename)
                if taxonomy in ("category", "post_tag") and slug and (taxonomy, slug) not in out:
                    out[(taxonomy, slug)] = Term(taxonomy=taxonomy, slug=slug, name=name, wp_id=next_id)
                    next_id += 1
    return list(out.values())


def _site_view(items: list[RawItem], media: dict[int, Media], request_day: str) -> SiteView:
    posts: list[Post] = []
    terms: list[Term] = []
    authors: list[Author] = []
    site = Site()
    for entity in WXRReader(WXR):
        if isinstance(entity, Post):
            posts.append(entity)
        elif isinstance(entity, Term):
            terms.append(entity)
        elif isinstance(entity, Author):
            authors.append(entity)
        elif isinstance(entity, Site):
            site = entity
    terms = _imported_terms(terms, items)
    return build_site_view(
        posts, terms, authors, site, media, site_url=SITE_URL, permalink_structure=PERMALINKS,
        site_name=SITE_NAME, site_description=SITE_TAGLINE, now=request_day,
        excerpt_more=TT1_EXCERPT_MORE, empty_title=TT1_UNTITLED,
    )


_BLOCK_NAME = re.compile(r"<!-- wp:(?:core/)?([a-z][a-z0-9_-]*)[ ]")

pytestmark = pytest.mark.skipif(not (WXR.exists() and RENDERED.exists()), reason="shared WXR data absent")


def _imported(media: dict[int, Media]) -> dict[int, Media]:
    for m in media.values():
        if m.url.startswith(OLD_UPLOADS):
            m.url = NEW_UPLOADS + m.url[len(OLD_UPLOADS) :]
    return media


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[int, RawItem], list[dict], dict[int, Media], dict[int, list[int]], SiteView]:
    items = load_items(WXR)
    media, by_parent = media_maps(items)
    entries = json.loads(RENDERED.read_text(encoding="utf-8"))
    media = _imported(media)
    request_day = max(e["modified_gmt"] for e in entries)[:10]
    return {it.post_id: it for it in items}, entries, media, by_parent, _site_view(items, media, request_day)


def _scores(corpus) -> list[tuple[float, dict, str, dict, dict]]:  # type: ignore[no-untyped-def]
    by_id, entries, media, by_parent, site = corpus
    rows = []
    for entry in entries:
        item = by_id[entry["id"]]
        expected = entry["content"]["rendered"]
        ctx = RenderContext(
            post_id=item.post_id, media=media, attachments_by_parent=by_parent, post_url=entry["link"], site=site
        )
        got = render_content(item.content, ctx).html
        f1 = token_f1(visible_text(expected), visible_text(got))
        rows.append((f1, entry, got, structure_counts(expected), structure_counts(got)))
    return rows


def test_render_matches_wordpress(corpus) -> None:  # type: ignore[no-untyped-def]
    rows = _scores(corpus)
    assert len(rows) == 77
    compared = [r for r in rows if not (r[1]["protected"] and not r[1]["content"]["rendered"])]
    skipped = [r[1] for r in rows if r not in compared]
    f1s = [r[0] for r in compared]
    print(f"\nrender fidelity over {len(compared)} posts ({len(skipped)} skipped):")
    for e in skipped:
        print(f"  skipped {e['id']} {e['title']!r}: password-protected, REST returned no content")
    print(
        f"  F1 min={min(f1s):.4f} median={statistics.median(f1s):.4f} mean={statistics.mean(f1s):.4f} "
        f"below 1.0: {sum(f < 1.0 for f in f1s)}, below {F1_MIN}: {sum(f < F1_MIN for f in f1s)}"
    )
    print("  five worst:")
    for f1, entry, _got, want, have in sorted(compared, key=lambda r: r[0])[:5]:
        diff = {k: (want[k], have[k]) for k in want if want[k] != have[k]}
        print(f"    {f1:.4f} id={entry['id']} {entry['title'][:60]!r} structure(want,got)={diff}")

    failures = []
    for f1, entry, _got, want, have in compared:
        if f1 < F1_MIN or want != have:
            failures.append(f"{entry['id']} {entry['title'][:50]!r}: F1={f1:.4f} want={want} got={have}")
    assert not failures, "posts below the bar:\n" + "\n".join(failures)


@pytest.mark.skipif(not BLOCK_WXR.exists(), reason="block test WXR absent")
def test_block_test_data_renders_without_crashing_and_warns_on_dynamic_blocks() -> None:
    items = load_items(BLOCK_WXR)
    media, by_parent = media_maps(items)
    dynamic_warned: set[str] = set()
    for item in items:
        out = render_content(item.content, RenderContext(post_id=item.post_id, media=media, attachments_by_parent=by_parent))
        assert "<!-- wp:" not in out.html and "<!-- /wp:" not in out.html, item.post_id
        for w in out.warnings:
            assert w.startswith(f"post {item.post_id}: ")
            if "dynamic block" in w:
                dynamic_warned.add(w.split("dynamic block ", 1)[1].split(" ", 1)[0])
        # Every dynamic core block the item uses is reported, none silently dropped.
        used = {"core/" + n for n in _BLOCK_NAME.findall(item.content)}
        assert used & DYNAMIC_BLOCKS <= dynamic_warned, (item.post_id, (used & DYNAMIC_BLOCKS) - dynamic_warned)
    print(f"\n64-block-test-data: {len(items)} items rendered, dynamic blocks warned: {len(dynamic_warned)}")
    assert {"core/latest-posts", "core/archives", "core/categories", "core/calendar", "core/tag-cloud",
            "core/rss", "core/search", "core/latest-comments", "core/query"} <= dynamic_warned
