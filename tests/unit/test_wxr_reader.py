"""WXRReader / read_wxr_index: counts checked against an independent lxml parse, WXR details,
safe PHP unserialization, and flat memory on a large export."""

from __future__ import annotations

import re
import subprocess
import sys
import tracemalloc
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree

from mwmigrate.errors import WXRError
from mwmigrate.model import Author, Media, Post, Site, Term
from mwmigrate.sources.wxr import (
    RawMenuItem,
    WXRReader,
    export_parts,
    iter_wxr,
    php_unserialize,
    read_wxr_index,
)
from tests.conftest import WXR_DIR

DATA = WXR_DIR  # /work/shared/data/wxr beside the clone
REAL_FILES = ["themeunittestdata.wordpress.xml", "64-block-test-data.xml", "theme-preview.xml"]

# --------------------------------------------------------------------------- independent counting


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def independent_counts(path: Path) -> tuple[Counter, int]:
    """(type, status) -> n and the number of comments, from a plain lxml tree walk.

    Mirrors read_wxr_index's documented conventions only: a missing type is "post", a missing
    status "publish", attachments are counted as ("attachment", "inherit").
    """
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    root = etree.parse(str(path), parser).getroot()
    counts: Counter = Counter()
    comments = 0
    for item in root.iter("item"):
        fields = {}
        for child in item:
            name = _local(child.tag)
            if name == "comment":
                comments += 1
            elif name not in fields:
                fields[name] = (child.text or "").strip()
        ptype = fields.get("post_type") or "post"
        status = fields.get("status") or "publish"
        counts[("attachment", "inherit") if ptype == "attachment" else (ptype, status)] += 1
    return counts, comments


def reader_comments(path: Path) -> int:
    return sum(len(e.comments) for e in iter_wxr(path) if isinstance(e, Post))


@pytest.mark.parametrize("name", REAL_FILES)
def test_counts_match_independent_parse(name: str) -> None:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    expected, comments = independent_counts(path)
    index = read_wxr_index(path)
    assert dict(index.counts) == dict(expected)
    assert reader_comments(path) == comments
    assert index.warnings == [] or name == "theme-preview.xml"


def test_themeunittestdata_known_numbers() -> None:
    path = DATA / "themeunittestdata.wordpress.xml"
    if not path.exists():
        pytest.skip("themeunittestdata not available")
    c = read_wxr_index(path).counts
    assert c[("post", "publish")] == 56
    assert c[("post", "future")] == 1
    assert c[("post", "draft")] == 1
    assert c[("page", "publish")] == 21
    assert c[("attachment", "inherit")] == 37
    assert c[("nav_menu_item", "publish")] == 70
    assert reader_comments(path) == 33


@pytest.mark.parametrize("name", ["themeunittestdata.wordpress.xml", "64-block-test-data.xml"])
def test_http_and_https_wp_namespaces_read_the_same(name: str, tmp_path: Path) -> None:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    raw = path.read_bytes()
    if b'"https://wordpress.org/export/' in raw:
        swapped = raw.replace(b'"https://wordpress.org/export/', b'"http://wordpress.org/export/')
    else:
        swapped = raw.replace(b'"http://wordpress.org/export/', b'"https://wordpress.org/export/')
    assert swapped != raw
    copy = tmp_path / name
    copy.write_bytes(swapped)
    a, b = read_wxr_index(path), read_wxr_index(copy)
    assert a.counts == b.counts and sum(a.counts.values()) > 0
    assert reader_comments(path) == reader_comments(copy)
    assert len(a.site.terms) == len(b.site.terms) > 0
    assert len(a.site.authors) == len(b.site.authors) > 0
    # post bodies and excerpts (content:/excerpt: namespaces) still found
    bodies_a = [p.content_raw for p in iter_wxr(path) if isinstance(p, Post)]
    bodies_b = [p.content_raw for p in iter_wxr(copy) if isinstance(p, Post)]
    assert bodies_a == bodies_b and any(bodies_a)


def test_real_file_details() -> None:
    path = DATA / "themeunittestdata.wordpress.xml"
    if not path.exists():
        pytest.skip("themeunittestdata not available")
    posts = {e.wp_id: e for e in iter_wxr(path) if isinstance(e, Post)}
    sticky = [p for p in posts.values() if p.sticky]
    assert [p.title for p in sticky] == ["Template: Sticky"]
    protected = [p for p in posts.values() if p.password_protected]
    assert len(protected) == 1 and "Password" in protected[0].title
    formats = Counter(p.format for p in posts.values() if p.format and p.format != "standard")
    assert formats["gallery"] >= 1 and formats["aside"] == 1 and formats["quote"] == 1
    # threaded comments: every parent id points at a comment of the same post
    threaded = 0
    for p in posts.values():
        ids = {c.wp_id for c in p.comments}
        for c in p.comments:
            assert c.post_id == p.wp_id
            if c.parent:
                threaded += 1
                assert c.parent in ids
    assert threaded >= 10


# --------------------------------------------------------------------------- a hand-made WXR

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Tiny</title><link>https://tiny.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://tiny.example</wp:base_site_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login>
    <wp:author_display_name><![CDATA[Ada]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>news</wp:category_nicename>
    <wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>hello</wp:tag_slug><wp:tag_name>Hello</wp:tag_name></wp:tag>
  <item>
    <title>Sticky aside</title><link>https://tiny.example/sticky/</link>
    <dc:creator>admin</dc:creator>
    <content:encoded><![CDATA[<p>Body</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[Short]]></excerpt:encoded>
    <wp:post_id>10</wp:post_id>
    <wp:post_date>2024-03-01 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-01 15:30:00</wp:post_date_gmt>
    <wp:post_name>%e6%97%a5%e6%9c%ac</wp:post_name>
    <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
    <wp:post_password>secret</wp:post_password>
    <wp:is_sticky>1</wp:is_sticky>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
    <category domain="post_tag" nicename="hello"><![CDATA[Hello]]></category>
    <category domain="post_format" nicename="post-format-aside"><![CDATA[Aside]]></category>
    <wp:postmeta><wp:meta_key>colours</wp:meta_key>
      <wp:meta_value><![CDATA[a:2:{i:0;s:3:"red";i:1;s:4:"blue";}]]></wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key>evil</wp:meta_key>
      <wp:meta_value><![CDATA[O:8:"Exploder":1:{s:4:"path";s:9:"/tmp/boom";}]]></wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key>broken</wp:meta_key>
      <wp:meta_value><![CDATA[a:2:{i:0;s:99:"short";}]]></wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>
    <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author>Bob</wp:comment_author>
      <wp:comment_date>2024-03-02 11:00:00</wp:comment_date>
      <wp:comment_date_gmt>2024-03-02 16:30:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[First]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
    <wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_author>Eve</wp:comment_author>
      <wp:comment_content><![CDATA[Reply]]></wp:comment_content>
      <wp:comment_approved>0</wp:comment_approved><wp:comment_parent>5</wp:comment_parent></wp:comment>
  </item>
  <item>
    <title>Draft</title>
    <wp:post_id>11</wp:post_id>
    <wp:post_date>2024-04-01 09:00:00</wp:post_date>
    <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
    <wp:post_name></wp:post_name>
    <wp:status>draft</wp:status><wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>pic</title>
    <wp:post_id>13</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
    <wp:post_parent>10</wp:post_parent>
    <wp:attachment_url>https://tiny.example/wp-content/uploads/2024/03/pic.jpg</wp:attachment_url>
    <wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key>
      <wp:meta_value><![CDATA[a:3:{s:5:"width";i:640;s:6:"height";i:480;s:5:"sizes";a:1:{s:9:"thumbnail";a:1:{s:4:"file";s:15:"pic-150x150.jpg";}}}]]></wp:meta_value></wp:postmeta>
  </item>
</channel>
</rss>
"""


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.xml"
    path.write_text(WXR, encoding="utf-8")
    return path


def test_entities_in_order(tiny: Path) -> None:
    kinds = [type(e).__name__ for e in iter_wxr(tiny)]
    assert kinds[:3] == ["Author", "Term", "Term"]
    assert kinds[-1] == "Site"  # the site comes last, once
    assert kinds.count("Site") == 1
    site = [e for e in iter_wxr(tiny) if isinstance(e, Site)][0]
    assert site.title == "Tiny" and site.wxr_version == "1.2"


def test_post_fields(tiny: Path) -> None:
    post = next(e for e in iter_wxr(tiny) if isinstance(e, Post) and e.wp_id == 10)
    assert post.slug == "日本"  # percent-encoded slugs decoded
    assert post.sticky is True and post.format == "aside" and post.password_protected is True
    assert post.categories == ["news"] and post.tags == ["hello"]
    assert post.excerpt == "Short"
    # local 10:00 vs GMT 15:30 -> -05:30
    assert post.date == "2024-03-01T10:00:00-05:30"
    assert post.date_gmt == "2024-03-01T15:30:00+00:00"
    assert "_edit_last" not in post.meta


def test_draft_with_zero_gmt_uses_fallback_offset(tiny: Path) -> None:
    reader = WXRReader(tiny, fallback_offset=timedelta(hours=2))
    draft = next(e for e in reader if isinstance(e, Post) and e.wp_id == 11)
    assert draft.status == "draft" and draft.date_gmt == ""
    assert draft.date == "2024-04-01T09:00:00+02:00"
    index = read_wxr_index(tiny)
    assert index.usual_offset == timedelta(hours=-5, minutes=-30)


@pytest.mark.parametrize("workers", [1, 2])
def test_migrated_draft_takes_the_sites_usual_offset(tiny: Path, tmp_path: Path, workers: int) -> None:
    # The migration learns the usual offset (-05:30, from the published post) in its first pass,
    # and converts the posts that pass kept: the draft's date must still carry that offset.
    import json

    from mwmigrate.migrate import MigrateOptions, migrate_wxr

    out = tmp_path / f"out{workers}"
    migrate_wxr(tiny, out, MigrateOptions(include_drafts=True, workers=workers, progress=False))
    records = {r["wp_id"]: r for r in map(json.loads, (out / "records/posts.jsonl").open())}
    assert records[11]["status"] == "draft"
    assert records[11]["date"] == records[11]["modified"] == "2024-04-01T09:00:00-05:30"
    assert records[10]["date"] == "2024-03-01T10:00:00-05:30"
    front = (out / records[11]["path"]).read_text(encoding="utf-8")
    assert "2024-04-01T09:00:00-05:30" in front


def test_comments_threaded(tiny: Path) -> None:
    post = next(e for e in iter_wxr(tiny) if isinstance(e, Post) and e.wp_id == 10)
    by_id = {c.wp_id: c for c in post.comments}
    assert set(by_id) == {5, 6}
    assert by_id[6].parent == 5 and by_id[5].parent == 0
    assert by_id[6].approved == "0"
    assert by_id[5].date == "2024-03-02T11:00:00-05:30"


def test_php_serialized_meta_decoded_safely(tiny: Path, tmp_path: Path) -> None:
    post = next(e for e in iter_wxr(tiny) if isinstance(e, Post) and e.wp_id == 10)
    assert post.meta["colours"] == ["red", "blue"]
    evil = post.meta["evil"]
    # an object stays plain data: a dict of its properties, nothing instantiated or run
    assert isinstance(evil, dict) and evil == {"path": "/tmp/boom"}
    assert not Path("/tmp/boom").exists()
    # malformed serialization is kept verbatim
    assert post.meta["broken"] == 'a:2:{i:0;s:99:"short";}'
    media = next(e for e in iter_wxr(tiny) if isinstance(e, Media))
    assert (media.width, media.height) == (640, 480)
    assert media.sizes == {"thumbnail": "https://tiny.example/wp-content/uploads/2024/03/pic-150x150.jpg"}
    assert media.parent == 10 and media.mime_type == "image/jpeg"


@pytest.mark.parametrize("value", [
    'O:8:"stdClass":1:{s:1:"a";O:8:"stdClass":0:{}}',
    'a:1:{i:0;O:9:"Exception":1:{s:7:"message";s:2:"hi";}}',
    "C:11:\"ArrayObject\":21:{x:i:0;a:0:{};m:a:0:{}}",
    "s:1000000000:\"x\";",
    "a:999999999:{}",
])
def test_php_unserialize_hostile_values_stay_plain(value: str) -> None:
    out = php_unserialize(value)
    # only JSON-able plain values ever come back
    def plain(v: object) -> bool:
        if isinstance(v, dict):
            return all(isinstance(k, str) and plain(x) for k, x in v.items())
        if isinstance(v, list):
            return all(plain(x) for x in v)
        return v is None or isinstance(v, (str, int, float, bool))
    assert plain(out)


def test_index_collects_media_and_menus() -> None:
    path = DATA / "themeunittestdata.wordpress.xml"
    if not path.exists():
        pytest.skip("themeunittestdata not available")
    index = read_wxr_index(path)
    assert len(index.media) == 37 and len(index.menu_items) == 70
    assert all(isinstance(m, RawMenuItem) and m.menu for m in index.menu_items)
    assert all(isinstance(t, Term) for t in index.site.terms)
    assert all(isinstance(a, Author) for a in index.site.authors)


def test_malformed_attachment_url_does_not_crash_the_reader(tmp_path: Path) -> None:
    # no mime type: the reader guesses it from the URL, which urlsplit cannot parse
    data = WXR.replace("https://tiny.example/wp-content/uploads/2024/03/pic.jpg", "http://[broken/pic.jpg")
    path = tmp_path / "badurl.xml"
    path.write_text(data, encoding="utf-8")
    for recover in (False, True):
        media = [e for e in iter_wxr(path, recover=recover) if isinstance(e, Media)]
        assert len(media) == 1 and media[0].url == "http://[broken/pic.jpg"


def test_stream_source(tiny: Path) -> None:
    with open(tiny, "rb") as fh:
        n = sum(isinstance(e, Post) for e in WXRReader(fh))
    assert n == 2


def test_missing_file_is_wxr_error(tmp_path: Path) -> None:
    with pytest.raises(WXRError) as info:
        list(iter_wxr(tmp_path / "nope.xml"))
    assert "nope.xml" in str(info.value)


# --------------------------------------------------------------------------- memory


def _write_big_wxr(path: Path, target_bytes: int) -> int:
    head, rest = WXR.split("<item>", 1)
    body = "<item>" + rest.rsplit("</item>", 1)[0] + "</item>\n"
    tail = "</channel>\n</rss>\n"
    # one post item with a ~20 KB body, repeated with distinct ids
    item = body.split("<item>")[1]
    item = "<item>" + item.replace("<p>Body</p>", "<p>" + ("lorem ipsum " * 1700) + "</p>")
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(head)
        size = len(head)
        while size < target_bytes:
            chunk = item.replace("<wp:post_id>10</wp:post_id>", f"<wp:post_id>{100 + n}</wp:post_id>", 1)
            fh.write(chunk + "\n")
            size += len(chunk) + 1
            n += 1
        fh.write(tail)
    return n


@pytest.mark.slow
def test_memory_stays_flat_on_large_export(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    n = _write_big_wxr(path, 50 * 1024 * 1024)
    assert path.stat().st_size >= 50 * 1024 * 1024
    tracemalloc.start()
    try:
        posts = 0
        for entity in iter_wxr(path):
            if isinstance(entity, Post):
                posts += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert posts == n
    assert peak < 20 * 1024 * 1024, f"Python heap peak {peak / 1e6:.1f} MB"
    # tracemalloc does not see libxml2's memory: check the whole process in a fresh interpreter
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so a child of a big pytest
    # worker would report the worker's size; VmHWM belongs to the new program's memory alone.
    code = (
        "import re, sys\n"
        "from mwmigrate.sources.wxr import iter_wxr\n"
        "n = sum(1 for _ in iter_wxr(sys.argv[1]))\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "print(n, hwm)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                         timeout=300, check=True).stdout.split()
    max_rss_kb = int(out[1])
    assert max_rss_kb < 150 * 1024, f"max RSS {max_rss_kb / 1024:.0f} MB for a 50 MB export"


# --------------------------------------------------------------------------- skip_types


def _posts(reader: WXRReader) -> list[Post]:
    return [e for e in reader if isinstance(e, Post)]


@pytest.mark.parametrize("name", REAL_FILES)
def test_skipping_attachments_and_menu_items_leaves_the_posts_as_they_were(name: str) -> None:
    skip = frozenset({"attachment", "nav_menu_item"})
    every = list(WXRReader(DATA / name))
    fast = list(WXRReader(DATA / name, skip_types=skip))
    assert [e for e in every if isinstance(e, Post)] == [e for e in fast if isinstance(e, Post)]
    assert not any(isinstance(e, (Media, RawMenuItem)) for e in fast)


def test_skipping_in_recover_mode_keeps_a_whole_post_before_a_cut_off_item(tmp_path: Path) -> None:
    # The export ends inside an attachment: the post before it is whole and must be kept,
    # whether the attachment is read (and dropped as cut short) or passed over.
    text = (DATA / "themeunittestdata.wordpress.xml").read_text(encoding="utf-8")
    root = etree.fromstring(text.encode("utf-8"))
    ns = {"wp": root.nsmap["wp"]}
    items = root.findall("channel/item")
    kinds = [i.find("wp:post_type", ns).text for i in items]
    at = next(n for n in range(1, len(kinds))
              if kinds[n] == "attachment" and kinds[n - 1] in ("post", "page"))
    title = items[at].find("title").text
    start = text.index(f"<title><![CDATA[{title}]]>") if f"<![CDATA[{title}]]>" in text \
        else text.index(f"<title>{title}</title>")
    # cut just after the attachment's post type: the reader can tell what the broken item was
    cut = text.index("</wp:post_type>", start) + len("</wp:post_type>")
    assert "<item>" not in text[start:cut]
    truncated = tmp_path / "cut.xml"
    truncated.write_text(text[:cut], encoding="utf-8")
    every = _posts(WXRReader(truncated, recover=True))
    fast = _posts(WXRReader(truncated, recover=True, skip_types=frozenset({"attachment"})))
    assert every == fast
    assert every[-1].title == items[at - 1].find("title").text


WXR_1_0_TERMS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.0/">
<channel>
  <title>Old</title><link>https://old.example</link>
  <wp:wxr_version>1.0</wp:wxr_version>
  <item>
    <title>Both forms</title><link>https://old.example/?p=1</link>
    <wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
    <category><![CDATA[News & Views]]></category>
    <category domain="category" nicename="news-and-views"><![CDATA[News & Views]]></category>
    <category domain="tag"><![CDATA[Big Hats]]></category>
    <category domain="tag" nicename="big-hats-2"><![CDATA[Big Hats]]></category>
    <category domain="genre" nicename="jazz"><![CDATA[Jazz]]></category>
    <category domain="genre" nicename="jazz"><![CDATA[Jazz]]></category>
  </item>
  <item>
    <title>Plain only</title><link>https://old.example/?p=2</link>
    <wp:post_id>2</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
    <category><![CDATA[Misc Things]]></category>
    <category><![CDATA[Misc Things]]></category>
  </item>
</channel>
</rss>
"""


def test_wxr_1_0_terms_given_twice_are_read_once(tmp_path: Path) -> None:
    # WordPress 2.x wrote each term as a plain RSS <category> and again with its domain and
    # slug; its importer reads only the second. The plain one must not add a term of its own
    # (slugify("News & Views") is not the term's slug) nor repeat one.
    path = tmp_path / "old.xml"
    path.write_text(WXR_1_0_TERMS, encoding="utf-8")
    posts = {p.wp_id: p for p in iter_wxr(path) if isinstance(p, Post)}
    assert posts[1].categories == ["news-and-views"]
    assert posts[1].tags == ["big-hats-2"]
    assert posts[1].terms == {"genre": ["jazz"]}
    # an export with plain categories only (written by another tool): the name gives the slug
    assert posts[2].categories == ["misc-things"]


def test_plain_and_slugged_copies_match_across_tag_domains_and_entities(tmp_path: Path) -> None:
    # Exports of other tools: the plain copy says domain="tag", the slugged one "post_tag"
    # (WordPress's importer reads both as post_tag); a name written with an entity in one copy.
    text = WXR_1_0_TERMS.replace(
        '<category domain="tag" nicename="big-hats-2">', '<category domain="post_tag" nicename="big-hats-2">'
    ).replace('<category><![CDATA[News & Views]]></category>', '<category>News &amp; Views</category>'
    ).replace('nicename="news-and-views"><![CDATA[News & Views]]>', 'nicename="news-and-views"><![CDATA[News &amp; Views]]>')
    assert 'domain="post_tag" nicename="big-hats-2"' in text and "News &amp; Views</category>" in text
    path = tmp_path / "mixed.xml"
    path.write_text(text, encoding="utf-8")
    posts = {p.wp_id: p for p in iter_wxr(path) if isinstance(p, Post)}
    assert posts[1].categories == ["news-and-views"]
    assert posts[1].tags == ["big-hats-2"]


# WordPress.com's exports of 2012-2015 put <atom:link> in the channel without declaring atom (as
# in nikola's test data, an export of nikolaunicode.wordpress.com); plugins add media: elements
# to items. libxml2 reads on after such a namespace error, and WordPress's importer reads the file.
UNDECLARED_PREFIXES = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Old WordPress.com blog</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <atom:link rel="search" type="application/opensearchdescription+xml" href="https://old.example/osd.xml" />
  <atom:link rel='hub' href='https://old.example/?pushpress=hub'/>
  <item>
    <title>First</title><link>https://old.example/first/</link>
    <wp:post_id>1</wp:post_id><wp:post_name>first</wp:post_name><wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <media:content url="https://old.example/a.jpg" />
    <content:encoded><![CDATA[Body one]]></content:encoded>
  </item>
  <item xmlns:u="http://ëxämplë.com/ünïcödë/">
    <title>Second</title><link>https://old.example/second/</link>
    <wp:post_id>2</wp:post_id><wp:post_name>second</wp:post_name><wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <u:field>kept as it is</u:field>
    <media:content url="https://old.example/b.jpg" />
    <content:encoded><![CDATA[Body two]]></content:encoded>
  </item>
  <wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>after-items</wp:tag_slug><wp:tag_name>After items</wp:tag_name></wp:tag>
</channel>
</rss>
"""


def test_undeclared_prefixes_and_unicode_namespace_uris_are_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "wpcom.xml"
    path.write_text(UNDECLARED_PREFIXES, encoding="utf-8")
    reader = WXRReader(path)
    entities = list(reader)
    posts = [e for e in entities if isinstance(e, Post)]
    assert [(p.wp_id, p.title, p.content_raw) for p in posts] == [
        (1, "First", "Body one"), (2, "Second", "Body two")]
    # the channel's children after the last item are read too, and the site comes last
    assert [t.slug for t in entities if isinstance(t, Term)] == ["after-items"]
    assert isinstance(entities[-1], Site) and entities[-1].title == "Old WordPress.com blog"
    # one warning a kind, with the line of its first occurrence
    assert reader.warnings == [
        "line 7: Namespace prefix atom on link is not defined (2 times, the first here): read as "
        "written, as WordPress's importer reads it",
        "line 13: Namespace prefix media on content is not defined (2 times, the first here): "
        "read as written, as WordPress's importer reads it",
        "line 16: xmlns:u: 'http://ëxämplë.com/ünïcödë/' is not a valid URI: read as written, as "
        "WordPress's importer reads it",
    ]


def test_undeclared_prefix_with_a_broken_document_is_still_an_error(tmp_path: Path) -> None:
    # A namespace slip does not hide a real break: the file cut short is reported as such.
    text = UNDECLARED_PREFIXES[: UNDECLARED_PREFIXES.index("  <wp:tag>")]
    path = tmp_path / "cut.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WXRError, match="cut short"):
        list(iter_wxr(path))


FOREIGN_ELEMENTS = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/" xmlns:media="http://search.yahoo.com/mrss/"
  xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
  <itunes:title>Podcast name</itunes:title><title>Blog</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <item>
    <media:title>Photo caption</media:title><title>Real title</title>
    <media:category>Music</media:category><itunes:category text="Arts"/>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
    <wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
    <content:encoded><![CDATA[Body]]></content:encoded>
  </item>
</channel>
</rss>
"""


def test_elements_of_other_namespaces_are_not_rss_elements(tmp_path: Path) -> None:
    # <media:title>, <media:category>, <itunes:category> are no RSS <title> or <category>
    # (those have no namespace; WordPress's importer reads $item->title, $item->category):
    # the post took the first as its title and a category "music" from the second.
    path = tmp_path / "foreign.xml"
    path.write_text(FOREIGN_ELEMENTS, encoding="utf-8")
    reader = WXRReader(path)
    entities = list(reader)
    (post,) = [e for e in entities if isinstance(e, Post)]
    assert (post.title, post.categories, post.content_raw) == ("Real title", ["news"], "Body")
    assert entities[-1].title == "Blog"
    assert reader.warnings == []


@pytest.mark.parametrize("bad, named", [("<a:b:c>x</a:b:c>", "Failed to parse QName 'a:b:c'"),
                                         ('<x xmlns:a="">y</x>', "Empty XML namespace is not allowed")])
def test_names_that_are_no_qualified_names_stay_errors(tmp_path: Path, bad: str, named: str) -> None:
    # The file has slips too (read past); the error names the one that is not a slip.
    text = UNDECLARED_PREFIXES.replace("<u:field>kept as it is</u:field>", bad)
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WXRError, match=re.escape(named)):
        list(iter_wxr(path))


def test_an_export_of_posts_only_takes_term_names_from_the_items(tmp_path: Path) -> None:
    # Tools > Export > Posts lists no terms: export_wp() writes them for "All content" only.
    # The items still name theirs (<category domain nicename>Name</category>), stored escaped.
    path = tmp_path / "posts-only.xml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>B</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Pie</title><wp:post_id>10</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
  <category domain="category" nicename="food-drink"><![CDATA[Food &amp; Drink]]></category>
  <category domain="post_tag" nicename="recipes"><![CDATA[Recipes]]></category></item>
<item><title>Tart</title><wp:post_id>11</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
  <category domain="category" nicename="food-drink"><![CDATA[Food &amp; Drink]]></category>
  <category domain="tag" nicename="sweet"><![CDATA[Sweet]]></category></item>
</channel></rss>""", encoding="utf-8")
    index = read_wxr_index(path)
    assert [(t.taxonomy, t.slug, t.name) for t in index.site.terms] == [
        ("category", "food-drink", "Food & Drink"), ("post_tag", "recipes", "Recipes"), ("post_tag", "sweet", "Sweet")]
    # Filtered by a category, export_wp() lists that one category only ($cats = array($cat->
    # term_id => $cat)): a listed term keeps its own entry, the others come from the items.
    filtered = path.read_text("utf-8").replace(
        "<wp:wxr_version>1.2</wp:wxr_version>",
        "<wp:wxr_version>1.2</wp:wxr_version><wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>"
        "food-drink</wp:category_nicename><wp:cat_name><![CDATA[Food and Drink]]></wp:cat_name></wp:category>")
    path.write_text(filtered, encoding="utf-8")
    assert [(t.slug, t.name, t.wp_id) for t in read_wxr_index(path).site.terms] == [
        ("food-drink", "Food and Drink", 5), ("recipes", "Recipes", None), ("sweet", "Sweet", None)]


def test_menu_item_classes_are_decoded_once_per_value() -> None:
    # Every menu item of a site carries one of a few serialized class lists: decoding each value
    # once is a tenth of the reading stage on the bench export. (0c7ca40 put a function between
    # the cache's decorator and _menu_classes: the reader was 8% slower until a timing caught it.)
    from mwmigrate.sources.wxr import _menu_classes

    _menu_classes.cache_clear()
    value = 'a:2:{i:0;s:4:"menu";i:1;s:4:"wide";}'
    assert _menu_classes(value) == ("menu", "wide") and _menu_classes(value) == ("menu", "wide")
    assert _menu_classes.cache_info().hits == 1


def test_text_after_the_export_is_reported_when_a_namespace_slip_is_read_past(tmp_path: Path) -> None:
    # libxml2 logs no error for text after </rss> once it logged a namespace error: the reader
    # looks for it (a helper's review: the slip made PHP's trailing message vanish silently).
    text = UNDECLARED_PREFIXES + "<br />\n<b>Warning</b>: Cannot modify header information in pluggable.php\n"
    path = tmp_path / "trailing.xml"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, text.index("<br />")) + 1
    with pytest.raises(WXRError, match=f"text after the end of the export \\(line {line} on"):
        list(iter_wxr(path))
    reader = WXRReader(path, recover=True)
    assert len([e for e in reader if isinstance(e, Post)]) == 2
    assert any(w.startswith(f"skipped text after the end of the export (line {line} on") for w in reader.warnings)
    # two exports joined into one file: said as such, as without the slip
    path.write_text(UNDECLARED_PREFIXES + UNDECLARED_PREFIXES, encoding="utf-8")
    second = UNDECLARED_PREFIXES.count("\n") + 1
    with pytest.raises(WXRError, match=f"a second export after the end of the first, from line {second}"):
        list(iter_wxr(path))


def test_an_export_compressed_with_gzip_is_read_as_the_plain_one(tmp_path: Path) -> None:
    import gzip

    from mwmigrate.sources.wxr import ExportPart

    plain = DATA / "themeunittestdata.wordpress.xml"
    packed = tmp_path / "export.xml.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert list(iter_wxr(packed)) == list(iter_wxr(plain))
    assert ExportPart(packed).size == plain.stat().st_size
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(packed.read_bytes()[:20_000])
    with pytest.raises(WXRError, match="the gzip file is damaged: Compressed file ended"):
        list(iter_wxr(cut))
    bad = tmp_path / "bad.xml.gz"
    bad.write_bytes(b"\x1f\x8b" + b"not gzip at all" * 10)
    with pytest.raises(WXRError, match="the gzip file is damaged"):
        list(iter_wxr(bad))


@pytest.mark.parametrize("after", ["<!-- Generated in 0.42 seconds -->\n", "\n<?pi x?>\n<!---->"])
def test_a_comment_after_the_export_is_no_text_when_a_namespace_slip_is_read_past(
        tmp_path: Path, after: str) -> None:
    # The search for text after </rss> (libxml2 logs none after a namespace slip) took a
    # comment or a processing instruction there, which XML allows, for PHP's text: "text
    # after the end of the export (...): ''" for a file read whole without the slip.
    path = tmp_path / "trailing.xml"
    path.write_text(UNDECLARED_PREFIXES + after, encoding="utf-8")
    assert len([e for e in iter_wxr(path) if isinstance(e, Post)]) == 2
    path.write_text(UNDECLARED_PREFIXES + after + "Warning: x\n", encoding="utf-8")
    line = (UNDECLARED_PREFIXES + after).count("\n") + 1
    with pytest.raises(WXRError, match=f"text after the end of the export \\(line {line} on"):
        list(iter_wxr(path))


def test_a_zip_member_damaged_in_its_first_block_is_a_damaged_zip(tmp_path: Path) -> None:
    # The reader's first read of a member (is it empty?) came before the damaged-zip handling:
    # zlib's error went up as it was, an "internal error" for the command line.
    import struct
    import zipfile

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("site.xml", UNDECLARED_PREFIXES * 20)
    data = bytearray(archive.read_bytes())
    name_size, extra_size = struct.unpack("<HH", data[26:30])
    data[30 + name_size + extra_size] ^= 0xFF  # the compressed stream's first byte
    archive.write_bytes(bytes(data))
    (part,) = export_parts([archive])
    with pytest.raises(WXRError, match="the zip is damaged"):
        list(WXRReader(part))
