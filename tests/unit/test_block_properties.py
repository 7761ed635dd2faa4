"""Property test: block content that refers to other posts (synced patterns, saved menus) renders
without error and ends, whatever the references (cycles, missing posts, odd attribute values).

A small site holds three wp_block posts and two wp_navigation posts whose contents are drawn
from a grammar of blocks that refer to one another; each post body is drawn from the same
grammar. Property: render_content never raises, and nothing of the block comment syntax is
left in its output.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.convert.siteview import build_site_view
from mwmigrate.model import Post, Site

_IDS = [1, 50, 51, 52, 60, 61, 999, 0, -1]
_ODD = [None, "", "50", 50.0, True, [50], {"a": 1}, "Infinity", 10**30]
refs = st.one_of(st.sampled_from(_IDS), st.sampled_from(_ODD))
words = st.text(alphabet="abc <>&\"'", min_size=0, max_size=8)


def _attrs(**values: object) -> str:
    return json.dumps({k: v for k, v in values.items()})


leaf = st.one_of(
    words.map(lambda t: f"<!-- wp:paragraph --><p>{t}</p><!-- /wp:paragraph -->"),
    refs.map(lambda r: f"<!-- wp:block {_attrs(ref=r)} /-->"),
    st.tuples(refs, words).map(lambda rw: f"<!-- wp:block {_attrs(ref=rw[0], content={'T': {'content': rw[1]}})} /-->"),
    refs.map(lambda r: f"<!-- wp:navigation {_attrs(ref=r)} /-->"),
    st.just("<!-- wp:navigation /-->"),
    words.map(lambda t: f'<!-- wp:navigation-link {_attrs(label=t, url="/x/")} /-->'),
    words.map(lambda t: '<!-- wp:heading {"metadata":{"name":"T","bindings":{"__default":{"source":'
                        '"core/pattern-overrides"}}}} --><h2>' + t + "</h2><!-- /wp:heading -->"),
    st.just("<!-- wp:footnotes /-->"),
)
content = st.recursive(
    st.lists(leaf, max_size=4).map("".join),
    lambda inner: st.one_of(
        inner.map(lambda c: f'<!-- wp:group --><div class="wp-block-group">{c}</div><!-- /wp:group -->'),
        inner.map(lambda c: f"<!-- wp:navigation -->{c}<!-- /wp:navigation -->"),
        st.lists(inner, max_size=3).map("".join),
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content, content, content, content, content, content, st.text(max_size=20))
def test_referring_blocks_render_and_end(body, p50, p51, p52, n60, n61, footnotes) -> None:
    posts = [
        Post(wp_id=1, title="Post", slug="post", content_raw="x"),
        Post(wp_id=50, type="wp_block", title="A", slug="a", content_raw=p50),
        Post(wp_id=51, type="wp_block", title="B", slug="b", content_raw=p51),
        Post(wp_id=52, type="wp_block", title="C", slug="c", status="draft", content_raw=p52),
        Post(wp_id=60, type="wp_navigation", title="M", slug="m", content_raw=n60),
        Post(wp_id=61, type="wp_navigation", title="N", slug="n", content_raw=n61),
    ]
    site = build_site_view(posts, site=Site(title="Demo", url="http://example.test"))
    out = render_content(body, RenderContext(post_id=1, site=site, footnotes=footnotes))
    assert "<!-- wp:" not in out.html and "<!-- /wp:" not in out.html
