"""Meta beyond post meta: term meta (wp:termmeta, WordPress 4.4+) and comment meta
(wp:commentmeta) are kept, decoded, in the records; a repeated meta key keeps each value whole.

WordPress's own exporter writes both (export_wp(): wxr_term_meta(), and a wp:commentmeta per
row of the commentmeta table); plugins keep real content there (WooCommerce: a product
category's thumbnail_id, a review's rating and verified-owner flag)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mwmigrate.archive.verify import verify_archive
from mwmigrate.migrate import MigrateOptions, migrate_wxr
from mwmigrate.model import Post, Term
from mwmigrate.sources.wxr import iter_wxr

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Shop</title><link>https://shop.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://shop.example</wp:base_site_url>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>news</wp:category_nicename>
    <wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name>
    <wp:termmeta><wp:meta_key><![CDATA[colour]]></wp:meta_key><wp:meta_value><![CDATA[#c00]]></wp:meta_value></wp:termmeta>
  </wp:category>
  <wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>sale</wp:tag_slug><wp:tag_name>Sale</wp:tag_name>
    <wp:termmeta><wp:meta_key>legacy_id</wp:meta_key><wp:meta_value>42</wp:meta_value></wp:termmeta>
  </wp:tag>
  <wp:term><wp:term_id>4</wp:term_id><wp:term_taxonomy>product_cat</wp:term_taxonomy>
    <wp:term_slug>hats</wp:term_slug><wp:term_parent></wp:term_parent><wp:term_name>Hats</wp:term_name>
    <wp:termmeta><wp:meta_key>thumbnail_id</wp:meta_key><wp:meta_value>77</wp:meta_value></wp:termmeta>
    <wp:termmeta><wp:meta_key>display</wp:meta_key>
      <wp:meta_value><![CDATA[a:2:{s:4:"grid";b:1;s:4:"cols";i:3;}]]></wp:meta_value></wp:termmeta>
  </wp:term>
  <wp:term><wp:term_id>5</wp:term_id><wp:term_taxonomy>product_cat</wp:term_taxonomy>
    <wp:term_slug>caps</wp:term_slug><wp:term_parent>hats</wp:term_parent><wp:term_name>Caps</wp:term_name>
  </wp:term>
  <item>
    <title>A hat</title><link>https://shop.example/a-hat/</link>
    <dc:creator>admin</dc:creator>
    <content:encoded><![CDATA[<p>Warm.</p>]]></content:encoded>
    <wp:post_id>10</wp:post_id>
    <wp:post_date>2024-03-01 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt>
    <wp:post_name>a-hat</wp:post_name>
    <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
    <wp:postmeta><wp:meta_key>sizes</wp:meta_key>
      <wp:meta_value><![CDATA[a:2:{i:0;s:1:"S";i:1;s:1:"M";}]]></wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key>sizes</wp:meta_key><wp:meta_value>L</wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key>note</wp:meta_key><wp:meta_value>one</wp:meta_value></wp:postmeta>
    <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author>Bob</wp:comment_author>
      <wp:comment_author_email>bob@example.org</wp:comment_author_email>
      <wp:comment_date>2024-03-02 11:00:00</wp:comment_date>
      <wp:comment_date_gmt>2024-03-02 11:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Fits well.]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_type>review</wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
      <wp:commentmeta><wp:meta_key>rating</wp:meta_key><wp:meta_value><![CDATA[4]]></wp:meta_value></wp:commentmeta>
      <wp:commentmeta><wp:meta_key>verified</wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value></wp:commentmeta>
      <wp:commentmeta><wp:meta_key>akismet_result</wp:meta_key><wp:meta_value><![CDATA[false]]></wp:meta_value></wp:commentmeta>
      <wp:commentmeta><wp:meta_key>akismet_as_submitted</wp:meta_key>
        <wp:meta_value><![CDATA[a:2:{s:11:"REMOTE_ADDR";s:11:"203.0.113.9";s:15:"HTTP_USER_AGENT";s:7:"Firefox";}]]></wp:meta_value></wp:commentmeta>
      <wp:commentmeta><wp:meta_key>_wp_trash_meta_status</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:commentmeta>
    </wp:comment>
    <wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
      <wp:comment_date>2024-03-03 11:00:00</wp:comment_date>
      <wp:comment_date_gmt>2024-03-03 11:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Agreed.]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>5</wp:comment_parent>
    </wp:comment>
  </item>
</channel>
</rss>
"""


@pytest.fixture()
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.xml"
    path.write_text(WXR, encoding="utf-8")
    return path


def test_term_meta_of_categories_tags_and_custom_terms(shop: Path) -> None:
    terms = {t.slug: t for t in iter_wxr(shop) if isinstance(t, Term)}
    assert terms["news"].meta == {"colour": "#c00"}
    assert terms["sale"].meta == {"legacy_id": "42"}
    assert terms["hats"].meta == {"thumbnail_id": "77", "display": {"grid": True, "cols": 3}}
    assert terms["caps"].meta == {}  # (and the parent still read: termmeta is not a field)
    assert terms["caps"].parent == "hats"


def test_comment_meta_kept_without_spam_filter_records(shop: Path) -> None:
    post = next(e for e in iter_wxr(shop) if isinstance(e, Post))
    by_id = {c.wp_id: c for c in post.comments}
    # Akismet's records of the submission (the commenter's IP address and browser) and the
    # trash bookkeeping stay out; the review's rating and flag are kept.
    assert by_id[5].meta == {"rating": "4", "verified": "1"}
    assert by_id[5].type == "review" and by_id[5].content_html == "Fits well."
    assert by_id[6].meta == {}


def test_a_repeated_meta_key_keeps_each_value_whole(shop: Path) -> None:
    post = next(e for e in iter_wxr(shop) if isinstance(e, Post))
    # Two values, the first a serialized array: the list of both values, not one flat list.
    assert post.meta["sizes"] == [["S", "M"], "L"]
    assert post.meta["note"] == "one"


def test_records_carry_the_meta_and_stay_valid(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    migrate_wxr(shop, out, MigrateOptions(progress=False, workers=1))
    terms = {r["slug"]: r for r in map(json.loads, (out / "records/terms.jsonl").open())}
    assert terms["hats"]["meta"] == {"thumbnail_id": "77", "display": {"grid": True, "cols": 3}}
    assert terms["caps"]["meta"] == {}
    comments = {r["wp_id"]: r for r in map(json.loads, (out / "records/comments.jsonl").open())}
    assert comments[5]["meta"] == {"rating": "4", "verified": "1"}
    text = (out / "records/comments.jsonl").read_text(encoding="utf-8")
    assert "203.0.113.9" not in text and "bob@example.org" not in text
    assert verify_archive(out) == []  # the records, with their meta, in the published schemas


# WordPress 6.1's export_wp() on a site without custom taxonomies (seen on the real WordPress of
# tests/realwp): each category and tag comes twice, the second time as a wp:term.
TWICE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Twice</title><link>https://twice.example</link><wp:wxr_version>1.2</wp:wxr_version>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>hats</wp:category_nicename>
    <wp:category_parent></wp:category_parent><wp:cat_name>Hats</wp:cat_name>
    <wp:termmeta><wp:meta_key>colour</wp:meta_key><wp:meta_value>red</wp:meta_value></wp:termmeta>
  </wp:category>
  <wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>wool</wp:tag_slug><wp:tag_name>Wool</wp:tag_name></wp:tag>
  <wp:term><wp:term_id>2</wp:term_id><wp:term_taxonomy>category</wp:term_taxonomy>
    <wp:term_slug>hats</wp:term_slug><wp:term_parent></wp:term_parent><wp:term_name>Hats</wp:term_name>
    <wp:term_description>Warm ones</wp:term_description>
    <wp:termmeta><wp:meta_key>colour</wp:meta_key><wp:meta_value>red</wp:meta_value></wp:termmeta>
    <wp:termmeta><wp:meta_key>image</wp:meta_key><wp:meta_value>77</wp:meta_value></wp:termmeta>
  </wp:term>
  <wp:term><wp:term_id>3</wp:term_id><wp:term_taxonomy>post_tag</wp:term_taxonomy>
    <wp:term_slug>wool</wp:term_slug><wp:term_parent></wp:term_parent><wp:term_name>Wool</wp:term_name></wp:term>
  <wp:term><wp:term_id>4</wp:term_id><wp:term_taxonomy>genre</wp:term_taxonomy>
    <wp:term_slug>hats</wp:term_slug><wp:term_name>Hats (genre)</wp:term_name></wp:term>
</channel>
</rss>
"""


def test_a_term_written_twice_is_one_term(tmp_path: Path) -> None:
    from mwmigrate.sources.wxr import read_wxr_index

    path = tmp_path / "twice.xml"
    path.write_text(TWICE, encoding="utf-8")
    terms = read_wxr_index(path).site.terms
    assert sorted((t.taxonomy, t.slug) for t in terms) == [
        ("category", "hats"), ("genre", "hats"), ("post_tag", "wool")]  # (same slug, other taxonomy: kept)
    hats = next(t for t in terms if t.taxonomy == "category")
    # the first entry, completed by the second: its description and the meta key it lacked
    assert (hats.name, hats.wp_id, hats.description) == ("Hats", 2, "Warm ones")
    assert hats.meta == {"colour": "red", "image": "77"}
    out = tmp_path / "out"
    migrate_wxr(path, out, MigrateOptions(progress=False, workers=1))
    records = [json.loads(line) for line in (out / "records/terms.jsonl").open(encoding="utf-8")]
    assert len(records) == 3


def test_meta_that_cannot_be_json_or_python_stays_safe() -> None:
    from mwmigrate.sources.wxr import php_unserialize

    deep = "a:1:{i:0;" * 1000 + "i:1;" + "}" * 1000  # PHP accepts 4096 levels
    assert php_unserialize(deep) == deep  # kept as written, not a crash of the whole run
    assert php_unserialize("d:INF;") == "INF" and php_unserialize("d:-INF;") == "-INF"
    assert php_unserialize("d:NAN;") == "NAN"
    assert json.loads(json.dumps(php_unserialize('a:1:{s:1:"x";d:INF;}'), allow_nan=False)) == {"x": "INF"}


def test_jetpack_comment_form_records_are_left_out(tmp_path: Path) -> None:
    # Jetpack's comment form keeps who signed in: a Gravatar URL (the md5 of the e-mail) and
    # the commenter's account ids. Personal data, as the e-mail the archive leaves out.
    extra = ('<wp:commentmeta><wp:meta_key>hc_avatar</wp:meta_key><wp:meta_value>'
             'http://1.gravatar.com/avatar/46f2076c?s=25</wp:meta_value></wp:commentmeta>'
             '<wp:commentmeta><wp:meta_key>hc_foreign_user_id</wp:meta_key>'
             '<wp:meta_value>1323022</wp:meta_value></wp:commentmeta>')
    path = tmp_path / "jp.xml"
    path.write_text(WXR.replace('<wp:comment_parent>5</wp:comment_parent>',
                                '<wp:comment_parent>5</wp:comment_parent>' + extra), encoding="utf-8")
    post = next(e for e in iter_wxr(path) if isinstance(e, Post))
    assert {c.wp_id: c.meta for c in post.comments}[6] == {}


def test_terms_without_a_slug_are_not_merged(tmp_path: Path) -> None:
    from mwmigrate.sources.wxr import read_wxr_index

    terms = "".join(
        f"<wp:term><wp:term_id>{i}</wp:term_id><wp:term_taxonomy>genre</wp:term_taxonomy>"
        f"<wp:term_slug></wp:term_slug><wp:term_name>Empty {n}</wp:term_name></wp:term>"
        for i, n in ((9, "A"), (10, "B")))
    path = tmp_path / "noslug.xml"
    path.write_text(TWICE.replace("</channel>", terms + "</channel>"), encoding="utf-8")
    names = [t.name for t in read_wxr_index(path).site.terms if t.taxonomy == "genre"]
    assert "Empty A" in names and "Empty B" in names


def test_copies_of_a_term_that_disagree_are_reported(tmp_path: Path) -> None:
    from mwmigrate.sources.wxr import read_wxr_index

    same = tmp_path / "same.xml"
    same.write_text(TWICE, encoding="utf-8")
    assert not [w for w in read_wxr_index(same).warnings if "given twice" in w]  # WordPress's own
    other = tmp_path / "other.xml"
    other.write_text(TWICE.replace("<wp:term_name>Wool</wp:term_name>", "<wp:term_name>Wolle</wp:term_name>"),
                     encoding="utf-8")
    index = read_wxr_index(other)
    assert [w for w in index.warnings if "given twice" in w] == [
        "term post_tag/wool is given twice and the copies differ in name ('Wool' kept, 'Wolle' dropped)"]
    assert next(t for t in index.site.terms if t.slug == "wool").name == "Wool"


def test_verify_reports_numbers_json_does_not_have(shop: Path, tmp_path: Path) -> None:
    # Python's json writes and reads Infinity and NaN; jq and JSON.parse refuse such a line.
    out = tmp_path / "out"
    migrate_wxr(shop, out, MigrateOptions(progress=False, workers=1))
    terms = out / "records/terms.jsonl"
    lines = terms.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace('"meta":{', '"meta":{"ratio":Infinity,', 1)
    terms.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = verify_archive(out)
    assert any(p.startswith("records/terms.jsonl:1: not JSON (Infinity is no JSON number") for p in problems)
