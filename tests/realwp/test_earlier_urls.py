"""Earlier URLs of renamed and redated posts: our redirect map against WordPress's own redirects.

WordPress keeps a post's earlier slugs (_wp_old_slug) and dates (_wp_old_date) and redirects its
earlier URLs to the current one (wp_old_slug_redirect). A migration that drops them turns every
link to those URLs into a 404. fixtures/wxr/renamed-posts.xml (hand-written) is seeded into a
real WordPress 6.1 with the permalinks /%year%/%monthnum%/%day%/%postname%/, exported by it and
migrated by us; each earlier URL in our map must be one WordPress redirects to the same post,
and each URL listed below (what WordPress redirects, found by requesting it) must be in our map.
"""

from __future__ import annotations

import csv
import os
import json
import re
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from mwmigrate.migrate import MigrateOptions, migrate_wxr

from .conftest import REPO, SCRIPTS, RealWP, start, stop

pytestmark = pytest.mark.realwp

FIXTURE = REPO / "fixtures" / "wxr" / "renamed-posts.xml"

# What WordPress 6.1 redirects (requested by hand on the seeded site): earlier slug with the
# current date, current slug with an earlier date, and both earlier; a page's earlier slug too.
EXPECTED = {
    "/2024/05/10/old-name/": "/2024/05/10/new-name/",
    "/2024/05/10/older-name/": "/2024/05/10/new-name/",
    "/2024/05/20/moved/": "/2024/06/01/moved/",
    "/2024/07/01/first-name/": "/2024/07/01/third-name/",
    "/2024/06/15/third-name/": "/2024/07/01/third-name/",
    "/2024/06/15/first-name/": "/2024/07/01/third-name/",
    "/about/": "/about-us/",
    "/2024/08/01/café/": "/2024/08/01/café-news/",
}
# 904's earlier slug: post 901 lives at that URL now, and WordPress shows it there.
NOT_REDIRECTED = "/2024/05/10/new-name/"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def status_and_location(wp: RealWP, path: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    url = wp.url + urllib.parse.quote(path, safe="/%")
    try:
        with opener.open(urllib.request.Request(url, headers={"User-Agent": "mwmigrate-tests"}), timeout=60) as r:
            return r.status, ""
    except urllib.error.HTTPError as e:
        return e.code, unquote(urlsplit(e.headers.get("Location", "")).path)


def migrated_rows(wp: RealWP, tmp: Path) -> tuple[Path, list[dict[str, str]]]:
    """The site's own export migrated: (the archive, its redirects.csv rows)."""
    out = tmp / "archive"
    migrate_wxr(wp.export_wxr(tmp / "export.xml"), out, MigrateOptions(progress=False))
    with open(out / "redirects" / "redirects.csv", encoding="utf-8", newline="") as fh:
        return out, list(csv.DictReader(fh))


def redirect_map(wp: RealWP, tmp: Path) -> dict[str, str]:
    """The posts' earlier URLs in the map (not their ?p= links, not the site's own pages)."""
    return {row["old"]: row["new"] for row in migrated_rows(wp, tmp)[1]
            if not row["old"].startswith("/?") and row["type"] not in SITE_TYPES}


def shown(wp: RealWP, path: str) -> tuple[int, str, str]:
    """(status, content type, body) of ``path`` as a visitor gets it, redirects followed."""
    request = urllib.request.Request(wp.url + urllib.parse.quote(path, safe="/%?=&"),
                                     headers={"User-Agent": "mwmigrate-tests"})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, "", ""


def not_the_page(wp: RealWP, path: str, body_class: str) -> tuple[str, str] | None:
    """None when ``path`` shows the page whose <body> has ``body_class`` (an archive's
    "category-5", an attachment page's "attachmentid-9"), else what it showed instead."""
    status, _, body = shown(wp, path)
    if status != 200:
        return path, str(status)
    classes = re.search(r'<body[^>]*class="([^"]*)"', body)
    if not classes or body_class not in classes.group(1).split():
        return path, classes.group(1) if classes else "no body class"
    return None


def term_archive_problems(wp: RealWP, rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    kind = {"category": "category", "post_tag": "tag"}
    return [p for row in rows if (p := not_the_page(wp, row["old"], f"{kind[row['type']]}-{row['wp_id']}"))]


TERM_TYPES = ("category", "post_tag")  # term archives: test_term_archive_urls_are_wordpress_own
SITE_TYPES = (*TERM_TYPES, "feed", "attachment")  # not posts' (see the tests below)


@pytest.fixture(scope="module")
def own_map(realwp: RealWP, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """The theme unit test site's own export, migrated once for the tests below."""
    return migrated_rows(realwp, tmp_path_factory.mktemp("own"))


def test_earlier_urls_are_redirected_where_wordpress_redirects_them(realwp_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wp = realwp_factory(wxr=FIXTURE)
    ours = redirect_map(wp, tmp_path)
    for old, new in EXPECTED.items():  # (the list was read off WordPress; still true?)
        assert status_and_location(wp, old) == (301, new), old
    assert status_and_location(wp, NOT_REDIRECTED)[0] == 200
    assert ours == EXPECTED


def _later_page(old: str, new: str) -> bool:
    """A row from page N of a post split with <!--nextpage--> (<permalink>N/) to the post."""
    return old.startswith(new) and re.fullmatch(r"\d+/", old[len(new):]) is not None


def test_the_theme_unit_test_datas_renamed_post(realwp: RealWP, tmp_path: Path) -> None:
    # Post 8 of the theme unit test data was once "8-2" (its _wp_old_slug).
    ours = {old: new for old, new in redirect_map(realwp, tmp_path).items() if not _later_page(old, new)}
    assert ours == {"/2023/01/13/8-2/": "/2023/01/13/text-category-blocks/"}
    assert status_and_location(realwp, "/2023/01/13/8-2/") == (301, "/2023/01/13/text-category-blocks/")


def test_the_later_pages_of_split_posts_are_wordpress_own(realwp: RealWP, own_map) -> None:  # type: ignore[no-untyped-def]
    """Each <permalink>N/ row of the map is a page WordPress served: that post (its body class
    postid-ID, a page's page-id-ID), the pages its <!--nextpage--> markers make."""
    rows = [row for row in own_map[1] if row["type"] not in SITE_TYPES and _later_page(row["old"], row["new"])]
    assert {row["old"] for row in rows} >= {"/2012/01/08/template-paginated/2/", "/2012/01/08/template-paginated/3/"}
    body_class = {"page": "page-id-{}"}  # (a post's: postid-ID)
    assert [p for row in rows if (p := not_the_page(
        realwp, row["old"], body_class.get(row["type"], "postid-{}").format(row["wp_id"])))] == []
    # (and the map stops where the post does: WordPress sends /4/ of a 3-page post elsewhere)
    assert "/2012/01/08/template-paginated/4/" not in {row["old"] for row in rows}


def test_term_archive_urls_are_wordpress_own(realwp: RealWP, own_map) -> None:  # type: ignore[no-untyped-def]
    """Each old category and tag archive URL in the map (migrated from the site's own export) is
    one WordPress answers with that term's archive: directly, or by redirecting to it."""
    rows = [row for row in own_map[1] if row["type"] in TERM_TYPES]
    assert len({row["new"] for row in rows}) > 50
    assert term_archive_problems(realwp, rows) == []


def test_feed_urls_are_wordpress_own(realwp: RealWP, own_map) -> None:  # type: ignore[no-untyped-def]
    """Each old feed URL in the map (the site's, each term's) is a feed on WordPress."""
    rows = [row for row in own_map[1] if row["type"] == "feed"]
    assert len(rows) > 50
    wrong = []
    for row in rows:
        status, kind, body = shown(realwp, row["old"])
        if status != 200 or "xml" not in kind or not re.search(r"<(rss|feed|rdf:RDF)\b", body[:400]):
            wrong.append((row["old"], status, kind, body[:80]))
    assert wrong == []


def test_attachment_page_urls_are_wordpress_own(realwp: RealWP, own_map) -> None:  # type: ignore[no-untyped-def]
    """Each old attachment page URL in the map is that attachment's page on WordPress, and leads
    to the new page of the post the file was uploaded to."""
    out, rows = own_map
    new_of_post = {int(r["old"].split("=")[1]): r["new"] for r in rows if re.fullmatch(r"/\?(p|page_id)=\d+", r["old"])}
    media = {m["wp_id"]: m for m in map(json.loads, (out / "records" / "media.jsonl").open())}
    attachments = [r for r in rows if r["type"] == "attachment"]
    assert len({r["wp_id"] for r in attachments}) > 10
    wrong = []
    for row in attachments:
        wp_id = int(row["wp_id"])
        if row["new"] != new_of_post.get(media[wp_id]["parent"]):
            wrong.append((row["old"], row["new"], "not the parent's new page"))
        if problem := not_the_page(realwp, row["old"], f"attachmentid-{wp_id}"):
            wrong.append(problem)
    # Every attachment uploaded to a migrated post has its page redirected.
    attached = {m for m, rec in media.items() if rec["parent"] in new_of_post}
    assert {int(r["wp_id"]) for r in attachments} == attached
    assert wrong == []


PERMALINKS = """<?php
require '%s/bootstrap.php';
realwp_admin();
$GLOBALS['wp_rewrite']->set_permalink_structure('/blog/%%postname%%/');
delete_option('rewrite_rules');  // as the Permalinks screen leaves it: rebuilt on the next request
echo get_option('permalink_structure');
"""


def test_term_archives_under_the_permalinks_front(tmp_path: Path) -> None:
    """With /blog/%postname%/ WordPress serves its archives at /blog/category/<slug>/ (their
    rewrite bases take the structure's front), and /category/<slug>/ is a 404. The export does
    not say so; the map infers the front from the posts' URLs: each /blog/ row must be an
    archive WordPress shows. (An instance of its own: its permalinks are changed.)"""
    wp = start(state=tmp_path / "wp")
    try:
        script = tmp_path / "permalinks.php"
        script.write_text(PERMALINKS % SCRIPTS)
        port = wp.url.rsplit(":", 1)[1]
        done = subprocess.run(["php", str(script)], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "REALWP_PORT": port})
        assert done.stdout.strip() == "/blog/%postname%/", done.stderr
        assert wp.get("/")[0] == 200  # (the rules are rebuilt)
        assert status_and_location(wp, "/category/cat-a/")[0] == 404
        rows = [row for row in migrated_rows(wp, tmp_path)[1]
                if row["type"] in TERM_TYPES and row["old"].startswith("/blog/")]
        assert len({row["new"] for row in rows}) > 50
        assert term_archive_problems(wp, rows) == []
    finally:
        stop(wp)
