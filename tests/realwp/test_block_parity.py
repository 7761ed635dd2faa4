"""Blocks as WordPress itself renders them: block content seeded into a real WordPress 6.1,
exported, migrated by us, and compared with REST content.rendered post by post.

Two sites, each a separate WordPress (Twenty Twenty-One):

- ``64-block-test-data.xml`` (shared data): WordPress's block test data, 61 posts and a page
  showing every core block with its options, dynamic ones included (archives of each kind,
  calendar, tag cloud, login/out, avatar, navigation menus saved as a wp_navigation post...);
- ``fixtures/wxr/synced-patterns.xml`` (hand-written): synced patterns (wp_block posts, the
  "reusable blocks" of WordPress before 6.3) nested, repeated, referring to themselves, missing,
  unpublished or protected, and navigation menus saved as posts, published and not.

Per post, as tests/realwp/test_wxr_parity.py does for the theme unit test data: visible text
(token F1 >= 0.99), the same numbers of headings, list items, links, images and table cells,
and the same links. The environmental mappings of that module apply (the calendar shows the
month of the request there, of the newest post here), plus one of this module:

- core/post-author-name came with WordPress 6.2; the 6.1 test peer does not know it and prints
  nothing, where we print the author's name as 6.2 and later do (post_author_name_62).
- core/footnotes came with WordPress 6.3 (the notes live in the post's "footnotes" meta); 6.1
  prints nothing for it, we print the list as 6.3 does (footnotes_63). The notes' content is
  checked in tests/golden/block-test/footnotes.md instead.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest

from tests.conftest import WXR_DIR

from .conftest import REPO
from .test_wxr_parity import ENVIRONMENTAL, Mapping, Parity, _body_rows, body_failures, link_problems

pytestmark = pytest.mark.realwp

SITES = {
    "block-test-data": WXR_DIR / "64-block-test-data.xml",
    "synced-patterns": REPO / "fixtures" / "wxr" / "synced-patterns.xml",
}

def absent_before(block: str, version: str, markup: re.Pattern[str]) -> Mapping:
    """A mapping for a block the 6.1 peer predates: it prints nothing for it, so the block's
    output (``markup``) is left out on our side, and said, when REST shows none of it."""
    def mapping(parity: Parity, pid: int, rest: str, ours: str) -> tuple[str, str, str]:
        found = markup.findall(ours)
        if not found or block.replace("core/", "wp-block-") in rest:
            return rest, ours, ""
        return rest, markup.sub("", ours), f"{block} (WordPress {version}+) x{len(found)} left out"

    return mapping


post_author_name_62 = absent_before(
    "core/post-author-name", "6.2", re.compile(r'<div class="[^"]*\bwp-block-post-author-name\b[^"]*">.*?</div>', re.DOTALL))
footnotes_63 = absent_before(
    "core/footnotes", "6.3", re.compile(r'<ol class="wp-block-footnotes[^"]*">.*?</ol>', re.DOTALL))
MAPPINGS = (*ENVIRONMENTAL, post_author_name_62, footnotes_63)


@pytest.fixture(scope="module", params=sorted(SITES))
def parity(request, realwp_factory, tmp_path_factory) -> Parity:  # type: ignore[no-untyped-def]
    wp = realwp_factory(wxr=SITES[request.param])
    return Parity(wp, tmp_path_factory.mktemp(f"blocks-{request.param}"))


def test_every_published_post_is_migrated(parity: Parity) -> None:
    assert set(parity.rest) == set(parity.ours)
    # Counted in the files by hand: 61 posts and 1 page; 5 posts and 2 pages.
    assert len(parity.rest) in (62, 7)


def test_block_bodies_match_content_rendered(parity: Parity) -> None:
    rows = _body_rows(parity, MAPPINGS)
    f1s = [r[0] for r in rows]
    print(f"\n[{parity.export.name}] body F1 over {len(rows)} posts/pages: min={min(f1s):.4f} "
          f"median={statistics.median(f1s):.4f}; <1.0: {sum(f < 1.0 for f in f1s)}")
    for f1, pid, title, want, have, notes in sorted(rows)[:8]:
        diff = {k: (want[k], have[k]) for k in want if want[k] != have[k]}
        print(f"    {f1:.4f} id={pid} {title[:40]!r} structure differs: {diff} {notes}")
    failures = body_failures(rows)
    assert not failures, "posts below the bar:\n" + "\n".join(failures)


def test_block_links_point_where_wordpress_points(parity: Parity) -> None:
    problems = link_problems(parity, MAPPINGS)
    assert not problems, "\n".join(problems)


def test_synced_pattern_warnings_name_what_is_missing(realwp_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parity = Parity(realwp_factory(wxr=SITES["synced-patterns"]), tmp_path)
    warnings = json.loads((parity.out / "manifest.json").read_text())["warnings"]
    assert [w for w in warnings if "not in the export" in w] == [
        "post 604 ('Patterns that cannot be shown'): synced pattern 999 (a wp_block post) is not in "
        "the export: left out (export all content to keep it)",
        "page 608 ('Menus'): navigation menu 9999 (a wp_navigation post) is not in the export: left out",
    ]
