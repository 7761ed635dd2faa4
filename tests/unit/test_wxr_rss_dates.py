"""Items without a WordPress date (exports written by other tools: Squarespace, converters) are
dated by their RSS <pubDate>, when it is a real date; WordPress's own dates always win."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mwmigrate.migrate import MigrateOptions, migrate_wxr
from mwmigrate.model import Post
from mwmigrate.sources.wxr import iter_wxr

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Elsewhere</title><link>https://elsewhere.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
"""


def item(wp_id: int, extra: str, status: str = "publish") -> str:
    return (f"<item><title>Post {wp_id}</title><link>/blog/post-{wp_id}</link>"
            f"<content:encoded><![CDATA[<p>Body {wp_id}.</p>]]></content:encoded>"
            f"<wp:post_id>{wp_id}</wp:post_id><wp:post_name>post-{wp_id}</wp:post_name>"
            f"<wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>{extra}</item>\n")


ITEMS = {
    # no wp:post_date at all (Squarespace writes none)
    1: "<pubDate>Tue, 14 Mar 2017 10:15:00 +0000</pubDate>",
    # zero WordPress dates; the feed's date carries its own offset
    2: ("<pubDate>Wed, 15 Mar 2017 09:00:00 -0500</pubDate>"
        "<wp:post_date>0000-00-00 00:00:00</wp:post_date>"
        "<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>"),
    # WordPress's placeholder for "no date" (before 5.3): not the year 2000
    3: "<pubDate>Wed, 30 Nov -0001 00:00:00 +0000</pubDate>",
    4: "<pubDate></pubDate>",
    5: "<pubDate>Thu, 01 Jan 1970 00:00:00 +0000</pubDate>",  # a missing date printed
    6: "<pubDate>last Tuesday</pubDate>",
    # WordPress's own dates win over the feed's (which WordPress writes in GMT)
    7: ("<pubDate>Fri, 01 Mar 2024 15:30:00 +0000</pubDate>"
         "<wp:post_date>2024-03-01 10:00:00</wp:post_date>"
         "<wp:post_date_gmt>2024-03-01 15:30:00</wp:post_date_gmt>"),
    # a draft WordPress wrote: local date, no GMT one; its pubDate is not used
    8: ("<pubDate>Sat, 02 Mar 2024 00:00:00 +0000</pubDate>"
        "<wp:post_date>2024-04-01 09:00:00</wp:post_date>"
        "<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>"),
    9: "<pubDate>  14 Mar 2017 10:15 GMT </pubDate>",  # no weekday, no seconds, a zone name
}


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere.xml"
    body = "".join(item(n, extra, "draft" if n == 8 else "publish") for n, extra in ITEMS.items())
    path.write_text(HEAD + body + "</channel></rss>\n", encoding="utf-8")
    return path


def test_items_without_a_wordpress_date_take_their_rss_date(export: Path) -> None:
    posts = {e.wp_id: e for e in iter_wxr(export) if isinstance(e, Post)}
    dates = {n: (p.date, p.date_gmt, p.modified) for n, p in posts.items()}
    assert dates[1] == ("2017-03-14T10:15:00+00:00", "2017-03-14T10:15:00+00:00",
                        "2017-03-14T10:15:00+00:00")
    assert dates[2] == ("2017-03-15T09:00:00-05:00", "2017-03-15T14:00:00+00:00",
                        "2017-03-15T09:00:00-05:00")
    assert dates[9][:2] == ("2017-03-14T10:15:00+00:00", "2017-03-14T10:15:00+00:00")
    for n in (3, 4, 5, 6):
        assert dates[n] == ("", "", ""), n
    assert dates[7][:2] == ("2024-03-01T10:00:00-05:30",
                            "2024-03-01T15:30:00+00:00")
    assert dates[8][0].startswith("2024-04-01T09:00:00")
    feed_dated = {n for n, p in posts.items() if any("RSS pubDate" in w for w in p.warnings)}
    assert feed_dated == {1, 2, 9}


def test_the_archive_and_front_matter_carry_the_rss_date(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    migrate_wxr(export, out, MigrateOptions(progress=False))
    records = {r["wp_id"]: r for r in map(json.loads, (out / "records/posts.jsonl").open())}
    assert records[2]["date"] == "2017-03-15T09:00:00-05:00"
    assert "date: '2017-03-15T09:00:00-05:00'" in (out / records[2]["path"]).read_text()
    assert records[3]["date"] is None
    manifest = json.loads((out / "manifest.json").read_text())
    assert any("post 1 " in w and "RSS pubDate" in w for w in manifest["warnings"])


def test_jekyll_says_where_an_undated_published_post_went(export: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    migrate_wxr(export, out, MigrateOptions(progress=False, flavour="jekyll"))
    records = {r["wp_id"]: r for r in map(json.loads, (out / "records/posts.jsonl").open())}
    assert records[1]["path"] == "_posts/2017-03-14-post-1.md"
    assert records[3]["path"] == "_drafts/post-3.md"
    assert any("_drafts/" in w for w in records[3]["warnings"])
    assert not any("_drafts/" in w for w in records[1]["warnings"])


@pytest.mark.parametrize("text, expected", [
    ("Tue, 14 Mar 17 10:15:00 +0000", "2017-03-14T10:15:00+00:00"),  # RFC 822's two-digit year
    ("Tue, 14 Mar 2017 10:15:00 gmt", "2017-03-14T10:15:00+00:00"),
    ("Tue, 14 Mar 2017 10:15:00 +0530 (IST)", "2017-03-14T10:15:00+05:30"),
    ("Fri, 31 Dec 9999 23:00:00 -0500", ""),  # beyond what a date holds in UTC: not a crash
    ("Sat, 01 Jan 0000 00:00:00 +0000", ""),  # placeholders email.utils would read as 2000, 2017
    ("Tue, 14 Mar 0017 10:15:00 +0000", ""),
    ("Mon, 01 Jan 0001 00:00:00 +0100", ""),
])
def test_rss_date_forms(text: str, expected: str) -> None:
    from lxml import etree

    from mwmigrate.sources.wxr import _rss_date

    el = etree.fromstring("<pubDate/>")
    el.text = text
    assert _rss_date(el)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Tue, 14 Mar 55 10:15:00 +0000", "1955-03-14T10:15:00+00:00"),  # (email.utils: 2055)
    ("Tue, 14 Mar 2017 10:15:00 CET", ""),  # a zone name RFC 822 does not define: not UTC
    ("Tue, 14 Mar 2017 10:15:00 EST", "2017-03-14T10:15:00-05:00"),
])
def test_rss_date_years_and_zones(text: str, expected: str) -> None:
    from lxml import etree

    from mwmigrate.sources.wxr import _rss_date

    el = etree.fromstring("<pubDate/>")
    el.text = text
    assert _rss_date(el)[0] == expected


def test_a_gmt_date_without_a_local_one_is_the_date(tmp_path: Path) -> None:
    path = tmp_path / "gmt.xml"
    path.write_text(HEAD + item(1, "<wp:post_date_gmt>2020-05-06 07:08:09</wp:post_date_gmt>")
                    + "</channel></rss>\n", encoding="utf-8")
    post = next(e for e in iter_wxr(path) if isinstance(e, Post))
    assert (post.date, post.date_gmt) == ("2020-05-06T07:08:09+00:00", "2020-05-06T07:08:09+00:00")
