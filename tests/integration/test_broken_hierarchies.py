"""Loops of parents in an export (a database edited by hand, an import gone wrong): pages,
categories, menu items and comments that are their own ancestors. WordPress shows what it can;
the migration must finish, keep every item and say what it did with the loops."""

from __future__ import annotations

import json
from pathlib import Path

from mwmigrate.archive.verify import verify_archive
from mwmigrate.migrate import MigrateOptions, migrate_wxr


def _item(wp_id: int, ptype: str, parent: int = 0, body: str = "", extra: str = "") -> str:
    return (f"<item><title>{ptype} {wp_id}</title><link>https://old.example/?p={wp_id}</link>"
            f"<wp:post_id>{wp_id}</wp:post_id><wp:post_name>{ptype}-{wp_id}</wp:post_name>"
            f"<wp:post_date>2020-01-0{1 + wp_id % 9} 10:00:00</wp:post_date>"
            f"<wp:status>publish</wp:status><wp:post_parent>{parent}</wp:post_parent>"
            f"<wp:post_type>{ptype}</wp:post_type>"
            f"<content:encoded><![CDATA[{body or f'Body {wp_id}'}]]></content:encoded>{extra}</item>")


def _meta(key: str, value: object) -> str:
    return f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value>{value}</wp:meta_value></wp:postmeta>"


def _menu_item(wp_id: int, parent_item: int, page: int) -> str:
    extra = (_meta("_menu_item_type", "post_type") + _meta("_menu_item_object", "page")
             + _meta("_menu_item_object_id", page) + _meta("_menu_item_menu_item_parent", parent_item)
             + '<category domain="nav_menu" nicename="main"><![CDATA[Main]]></category>')
    return _item(wp_id, "nav_menu_item", extra=extra)


def _comment(wp_id: int, parent: int) -> str:
    return (f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id><wp:comment_author>A</wp:comment_author>"
            f"<wp:comment_content>Comment {wp_id}</wp:comment_content>"
            f"<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent>"
            "<wp:comment_date>2020-01-02 00:00:00</wp:comment_date></wp:comment>")


BLOCKS = ('<!-- wp:page-list /--><!-- wp:categories {"showHierarchy":true} /-->'
          '<!-- wp:comments --><!-- wp:comment-template --><!-- wp:comment-content /-->'
          '<!-- /wp:comment-template --><!-- /wp:comments -->')


def test_loops_of_parents_finish_and_lose_nothing(tmp_path: Path) -> None:
    terms = ('<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>a</wp:category_nicename>'
             '<wp:category_parent>b</wp:category_parent><wp:cat_name>Alpha</wp:cat_name></wp:category>'
             '<wp:category><wp:term_id>6</wp:term_id><wp:category_nicename>b</wp:category_nicename>'
             '<wp:category_parent>a</wp:category_parent><wp:cat_name>Beta</wp:cat_name></wp:category>'
             '<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy>'
             '<wp:term_slug>main</wp:term_slug><wp:term_name>Main</wp:term_name></wp:term>')
    in_a = '<category domain="category" nicename="a"><![CDATA[Alpha]]></category>'
    items = [_item(10, "page", parent=11), _item(11, "page", parent=10), _item(12, "page", parent=12),
             _item(13, "page"),
             _item(20, "post", body=BLOCKS, extra=in_a + _comment(1, 2) + _comment(2, 1) + _comment(3, 3)),
             _menu_item(30, 31, 10), _menu_item(31, 30, 11), _menu_item(32, 0, 13)]
    wxr = tmp_path / "loops.xml"
    wxr.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                   'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                   'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Site</title>'
                   '<link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>'
                   f'{terms}{"".join(items)}</channel></rss>', encoding="utf-8")
    out = tmp_path / "archive"
    result = migrate_wxr(wxr, out, MigrateOptions(progress=False, workers=1))
    assert verify_archive(out) == []
    posts = {r["wp_id"]: r for r in map(json.loads, (out / "records/posts.jsonl").read_text("utf-8").splitlines())}
    assert {10, 11, 12, 13, 20} <= set(posts) and all(posts[i]["path"] for i in (10, 11, 12, 13, 20))
    # The post's category list shows both categories of the loop, flat, after the others
    html = posts[20]["content_html"]
    assert html.index(">Alpha<") < html.index(">Beta<") and "children" not in html.split("wp-block-categories")[1]
    # its page list: the pages WordPress lists at the top (12 is its own parent: not one of them)
    assert "page 13" in html and "page 10" not in html and "page 12" not in html
    # its comments: none has parent 0, and WordPress's threaded query starts there: none shown
    assert '<ol class="wp-block-comment-template"></ol>' in html and "Comment" not in html
    # ... but the records keep all three, their parents as given
    comments = [json.loads(line) for line in (out / "records/comments.jsonl").read_text("utf-8").splitlines()]
    assert sorted((c["wp_id"], c["parent"]) for c in comments) == [(1, 2), (2, 1), (3, 3)]
    # The menu keeps all three items: the two in a loop at the top level after the other
    menu = json.loads((out / "records/menus.jsonl").read_text("utf-8").splitlines()[0])
    assert [(i["wp_id"], i["children"]) for i in menu["items"]] == [(32, []), (30, []), (31, [])]
    assert any("items 30, 31 are in a loop of parents" in w for w in result.warnings)
