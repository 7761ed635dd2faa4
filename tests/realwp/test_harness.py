"""The real WordPress test peer: seeded faithfully, themed, with and without plugins' markup."""

from __future__ import annotations

import os
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mwmigrate.textmetrics import token_f1, visible_text

from .conftest import BASE, RealWP, start, stop

pytestmark = pytest.mark.realwp


def rest_all(wp: RealWP, kind: str) -> tuple[int, list[dict]]:
    """Every published item of a REST collection, following X-WP-TotalPages."""
    items: list[dict] = []
    page, pages, total = 1, 1, 0
    while page <= pages:
        headers, data = wp.get_json(f"/wp-json/wp/v2/{kind}?per_page=20&page={page}&orderby=id&order=asc")
        total = int(headers["X-WP-Total"])
        pages = int(headers["X-WP-TotalPages"])
        items.extend(data)
        page += 1
    return total, items


@pytest.fixture(scope="module")
def published(realwp: RealWP) -> dict[int, dict]:
    n_posts, posts = rest_all(realwp, "posts")
    n_pages, pages = rest_all(realwp, "pages")
    assert (n_posts, n_pages) == (56, 21)
    assert len(posts) == n_posts and len(pages) == n_pages  # pagination walked every page
    return {item["id"]: item for item in posts + pages}


def test_rest_lists_the_77_published_posts_and_pages(published, rendered_reference):
    assert len(published) == 77
    assert sorted(published) == sorted(rendered_reference)


def test_ids_slugs_titles_dates_authors_terms_match(realwp, published, rendered_reference):
    _, users = realwp.get_json("/wp-json/wp/v2/users?per_page=100")
    user_slug = {u["id"]: u["slug"] for u in users}
    cats = {c["id"]: c["slug"] for c in realwp.get_json("/wp-json/wp/v2/categories?per_page=100")[1]}
    cats |= {c["id"]: c["slug"] for c in realwp.get_json("/wp-json/wp/v2/categories?per_page=100&page=2")[1]}
    tags: dict[int, str] = {}
    for page in (1, 2):
        tags |= {t["id"]: t["slug"] for t in realwp.get_json(f"/wp-json/wp/v2/tags?per_page=100&page={page}")[1]}
    problems = []
    for pid, ref in rendered_reference.items():
        got = published[pid]
        title = got["title"]["rendered"]
        checks = {
            "type": (got["type"], ref["type"]),
            "slug": (got["slug"], ref["slug"]),
            # The reference names the post without a title "Untitled"; REST gives "".
            "title": (title or "Untitled", ref["title"]),
            "date": (got["date"], ref["date"]),
            "date_gmt": (got["date_gmt"], ref["date_gmt"]),
            # The reference set page parents after inserting, which bumped those pages'
            # modified date to its seeding time; elsewhere modified must equal the WXR's.
            "modified_gmt": (got["modified_gmt"], ref["modified_gmt"])
            if ref["modified_gmt"] <= ref["date_gmt"] or not ref["parent"]
            else (got["modified_gmt"], got["date_gmt"]),
            "author": (user_slug.get(got["author"]), ref["author_slug"]),
            "parent": (got.get("parent", 0), ref["parent"]),
            "sticky": (got.get("sticky", False), ref["sticky"]),
            "format": (got.get("format", "standard"), ref["format"]),
            "protected": (got["content"]["protected"], ref["protected"]),
            "link": (got["link"].split("/", 3)[3], ref["link"].split("/", 3)[3]),
            "categories": (sorted(cats[c] for c in got.get("categories", [])), sorted(ref["categories"])),
            "tags": (sorted(tags[t] for t in got.get("tags", [])), sorted(ref["tags"])),
        }
        problems += [f"{pid} {k}: {a!r} != {b!r}" for k, (a, b) in checks.items() if a != b]
    assert not problems, "\n".join(problems)


def test_content_rendered_matches_reference(realwp, published, rendered_reference):
    scores = {}
    for pid, ref in rendered_reference.items():
        # Same site, other port: media links printed as text (audio fallback) name the port.
        ref_base = "/".join(ref["link"].split("/", 3)[:3])
        got = published[pid]["content"]["rendered"].replace(realwp.url, ref_base)
        scores[pid] = token_f1(visible_text(ref["content"]["rendered"]), visible_text(got))
    low = {pid: round(s, 4) for pid, s in scores.items() if s < 0.99}
    assert not low, f"token F1 < 0.99 for {low}"


def test_home_page_shows_menu_and_widgets(realwp):
    status, _, body = realwp.get("/")
    html = body.decode()
    assert status == 200
    assert 'id="site-navigation"' in html and "primary-menu" in html
    for page in ("About The Tests", "Lorem Ipsum", "Page A", "Level 1"):
        assert f">{page}<" in html
    for widget in ("widget_recent_entries", "widget_archive", "widget_categories", "widget_meta", "widget_text"):
        assert widget in html, widget
    text = visible_text(html)
    for detail in ("company number 09876543", "BS8 4QD", "0117 496 0123", "hello@harrowgate-finch.example"):
        assert detail in text, detail
    assert "cookie-law-info-bar" not in html and "sharedaddy" not in html  # plugins are off here


def test_pretty_permalinks_uploads_and_sitemap(realwp, published):
    status, _, body = realwp.get("/2012/01/07/template-sticky/")
    assert status == 200 and "Template: Sticky" in body.decode()
    status, headers, body = realwp.get("/wp-content/uploads/2008/06/canola2-150x150.jpg")
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:2] == b"\xff\xd8"
    status, _, body = realwp.get("/wp-sitemap.xml")
    assert status == 200 and b"<sitemapindex" in body
    status, _, body = realwp.get("/robots.txt")
    assert status == 200 and b"wp-sitemap.xml" in body
    _, media = realwp.get_json("/wp-json/wp/v2/media/611")  # an attachment with generated sizes
    assert media["media_details"]["width"] == 1200 and "thumbnail" in media["media_details"]["sizes"]


def test_plugins_markup_on_pages_not_in_rest(realwp_plugins):
    wp = realwp_plugins
    status, _, body = wp.get("/2012/01/07/template-sticky/")
    html = body.decode()
    assert status == 200
    for marker in ('id="cookie-law-info-bar"', 'class="sharedaddy sd-sharing-enabled"',
                   "addtoany_share_save_container", "id='jp-relatedposts'", "saboxplugin-wrap",
                   'id="top-call-bar"', 'id="callnowbutton"', "footer-legal"):
        assert marker in html, marker
    assert "Registered in England and Wales No. 09876543" in visible_text(html)
    status, _, body = wp.get("/about/")
    assert 'class="wpcf7 no-js"' in body.decode() and "wpcf7-form" in body.decode()
    _, post = wp.get_json("/wp-json/wp/v2/posts/1241")
    _, page = wp.get_json("/wp-json/wp/v2/pages/2")
    for item in (post, page):
        rendered = item["content"]["rendered"]
        for marker in ("sharedaddy", "cookie-law-info", "jp-relatedposts", "addtoany", "wpcf7", "saboxplugin"):
            assert marker not in rendered, marker
    _, posts = wp.get_json("/wp-json/wp/v2/posts?per_page=100")
    assert not any("sharedaddy" in p["content"]["rendered"] for p in posts)


def test_block_theme_configuration(realwp_factory, rendered_reference):
    wp = realwp_factory(theme="twentytwentythree")
    status, _, body = wp.get("/")
    assert status == 200 and "twentytwentythree" in body.decode()
    n_posts, _ = rest_all(wp, "posts")
    n_pages, _ = rest_all(wp, "pages")
    assert n_posts + n_pages == len(rendered_reference) == 77


def test_export_writes_wxr_with_the_published_items(realwp, tmp_path):
    out = realwp.export_wxr(tmp_path / "site.xml")
    root = ET.parse(out).getroot()
    ns = {"wp": "http://wordpress.org/export/1.2/"}
    assert root.findtext("channel/wp:wxr_version", namespaces=ns) == "1.2"
    items = root.findall("channel/item")
    published = {
        int(i.findtext("wp:post_id", namespaces=ns))
        for i in items
        if i.findtext("wp:post_type", namespaces=ns) in ("post", "page")
        and i.findtext("wp:status", namespaces=ns) == "publish"
    }
    assert len(published) == 77
    types = [i.findtext("wp:post_type", namespaces=ns) for i in items]
    assert types.count("attachment") == 37


def test_up_then_down_stops_exactly_its_processes():
    # Not pytest's tmp_path: pytest deletes old tmp dirs, and with them the PID files.
    state = BASE / f"updown-{os.getpid()}"
    t0 = time.monotonic()
    wp = start(state=state)
    try:
        elapsed = time.monotonic() - t0
        print(f"\nrealwp fresh up: {elapsed:.1f} s ({wp.timing})")
        assert elapsed < 60  # about 5 s on an idle 2-core machine; generous for loaded CI
        pids = wp.pids()
        assert set(pids) == {"php", "mariadbd"}
        assert all(Path(f"/proc/{p}").exists() for p in pids.values())
        conf = Path((wp.state_dir / "config").read_text().strip())
        assert conf.exists()
        status, _, _ = wp.get("/")
        assert status == 200
    finally:
        stop(wp)
    for p in pids.values():
        stat = Path(f"/proc/{p}/stat")
        assert not stat.exists() or stat.read_text().split()[2] == "Z", f"pid {p} still running"
    assert not conf.exists()
    with pytest.raises(OSError):
        wp.get("/", timeout=5)
    shutil.rmtree(state, ignore_errors=True)
