"""End to end: the three real WXR files in shared/data migrate into sound, deterministic archives.

Expected counts are computed here independently (a plain lxml pass, and the numbers the
WordPress theme unit test data is known to hold), never taken from the code under test.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from lxml import etree

from mwmigrate.archive.verify import verify_archive
from mwmigrate.migrate import MigrateOptions, migrate_wxr

from tests.conftest import WXR_DIR
UNIT = WXR_DIR / "themeunittestdata.wordpress.xml"
BLOCKS = WXR_DIR / "64-block-test-data.xml"
PREVIEW = WXR_DIR / "theme-preview.xml"


def independent_counts(path: Path) -> Counter[tuple[str, str]]:
    """(post_type, status) of every item, read with XPath on local names only."""
    tree = etree.parse(str(path))
    counts: Counter[tuple[str, str]] = Counter()
    for item in tree.iterfind(".//item"):
        ptype = item.xpath("string(*[local-name()='post_type'])").strip() or "post"
        status = item.xpath("string(*[local-name()='status'])").strip() or "publish"
        counts[(ptype, status)] += 1
    return counts


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def unit_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("unit") / "archive"
    migrate_wxr(UNIT, out, MigrateOptions(progress=False))
    return out


def test_unit_test_data_counts_match_what_wordpress_holds(unit_archive: Path) -> None:
    # Known contents of the theme unit test data (see shared/docs/realwp.md), checked by lxml too.
    known = {("post", "publish"): 56, ("post", "future"): 1, ("post", "draft"): 1,
             ("page", "publish"): 21, ("attachment", "inherit"): 37,
             ("nav_menu_item", "publish"): 70}
    assert {k: v for k, v in independent_counts(UNIT).items()} == known
    posts = read_jsonl(unit_archive / "records" / "posts.jsonl")
    got = Counter((p["type"], p["status"]) for p in posts)
    assert got == {("post", "publish"): 56, ("page", "publish"): 21}  # drafts off by default
    assert len(read_jsonl(unit_archive / "records" / "media.jsonl")) == 37
    # 33 comments in the file, 3 of them unapproved (wp:comment_approved 0); those on a
    # password-protected post stay hidden, as WordPress hides them without the password.
    tree = etree.parse(str(UNIT))
    approved = tree.xpath("//*[local-name()='comment'][*[local-name()='comment_approved']='1']")
    on_protected = tree.xpath(
        "//item[normalize-space(*[local-name()='post_password'])!='']"
        "/*[local-name()='comment'][*[local-name()='comment_approved']='1']")
    assert len(approved) == 30
    written = read_jsonl(unit_archive / "records" / "comments.jsonl")
    assert len(written) == len(approved) - len(on_protected)
    assert all("author_email" not in c for c in written)  # commenters' emails stay out
    manifest = json.loads((unit_archive / "manifest.json").read_text())
    assert manifest["counts"]["post/publish"] == 56
    assert manifest["skipped"]["post/draft (use --include-drafts or --include-private)"] == 1


def test_every_published_item_has_a_markdown_file_with_front_matter(unit_archive: Path) -> None:
    posts = read_jsonl(unit_archive / "records" / "posts.jsonl")
    paths = [p["path"] for p in posts]
    assert len(set(paths)) == len(paths) == 77
    for post in posts:
        text = (unit_archive / post["path"]).read_text("utf-8")
        assert text.startswith("---\n")
        fm = yaml.safe_load(text.split("---\n", 2)[1])
        assert fm["title"] == post["title"]
        assert fm["wp_id"] == post["wp_id"]
        assert fm["date"] == post["date"]
        assert fm["url"].startswith("/") and fm["url"].endswith("/")


def test_pages_are_nested_by_hierarchy(unit_archive: Path) -> None:
    posts = {p["slug"]: p for p in read_jsonl(unit_archive / "records" / "posts.jsonl")}
    assert posts["level-3"]["path"] == "content/pages/level-1/level-2/level-3.md"
    assert posts["page-image-alignment"]["path"] == "content/pages/about/page-image-alignment.md"


def test_dates_carry_the_sites_offset(unit_archive: Path) -> None:
    posts = {p["wp_id"]: p for p in read_jsonl(unit_archive / "records" / "posts.jsonl")}
    # "Template: More Tag": post_date 2012-03-15 14:41:11, post_date_gmt 2012-03-15 21:41:11
    assert posts[996]["date"] == "2012-03-15T14:41:11-07:00"
    assert posts[996]["date_gmt"] == "2012-03-15T21:41:11+00:00"


def test_menus_are_trees_with_resolved_titles(unit_archive: Path) -> None:
    menus = {m["slug"]: m for m in read_jsonl(unit_archive / "records" / "menus.jsonl")}
    tree = etree.parse(str(UNIT))
    per_menu = Counter(tree.xpath(
        "//item[*[local-name()='post_type']='nav_menu_item']/category[@domain='nav_menu']/@nicename"))

    def count(items: list[dict]) -> int:
        return sum(1 + count(i["children"]) for i in items)

    assert {slug: count(m["items"]) for slug, m in menus.items() if count(m["items"])} == dict(per_menu)
    assert all(item["title"] for m in menus.values() for item in m["items"])
    # "All Pages" nests child pages under their parents (About -> Page Image Alignment ...)
    all_pages = menus["all-pages"]["items"]
    assert any(i["children"] for i in all_pages)
    # A category's or tag's item has the URL WordPress prints for it (get_term_link(): it stores
    # none), as the site linked it: the testing menu's Markup category and Post Formats tag.
    found = {}

    def collect(items: list[dict]) -> None:
        for i in items:
            if i["object_type"] in ("category", "post_tag"):
                found[i["title"]] = i["url"]
            collect(i["children"])
    collect(menus["testing-menu"]["items"])
    assert found["Markup"] == "https://wpthemetestdata.wordpress.com/category/markup/"
    assert found["Post Formats"] == "https://wpthemetestdata.wordpress.com/tag/post-formats/"
    assert all(found.values())


def test_archives_validate_and_are_byte_identical(tmp_path: Path) -> None:
    for source in (UNIT, BLOCKS, PREVIEW):
        a, b = tmp_path / f"{source.stem}-a", tmp_path / f"{source.stem}-b"
        migrate_wxr(source, a, MigrateOptions(progress=False))
        migrate_wxr(source, b, MigrateOptions(progress=False, workers=2))
        assert verify_archive(a) == []
        assert tree_digest(a) == tree_digest(b)


def test_block_and_preview_counts_match_an_independent_count(tmp_path: Path) -> None:
    for source in (BLOCKS, PREVIEW):
        out = tmp_path / source.stem
        migrate_wxr(source, out, MigrateOptions(progress=False, include_drafts=True,
                                                include_private=True))
        expected = Counter({k: v for k, v in independent_counts(source).items()
                            if k[0] not in ("attachment", "nav_menu_item")})
        got = Counter((p["type"], p["status"]) for p in read_jsonl(out / "records" / "posts.jsonl"))
        assert got == expected
        media = read_jsonl(out / "records" / "media.jsonl")
        assert len(media) == independent_counts(source)[("attachment", "inherit")]


def test_drafts_included_on_request(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    migrate_wxr(UNIT, out, MigrateOptions(progress=False, include_drafts=True, flavour="jekyll"))
    posts = [p for p in read_jsonl(out / "records" / "posts.jsonl") if p["status"] != "publish"]
    assert sorted(p["status"] for p in posts) == ["draft", "future"]
    for post in posts:
        fm = yaml.safe_load((out / post["path"]).read_text().split("---\n", 2)[1])
        assert fm["draft"] is True and fm["published"] is False


def test_password_protected_body_is_withheld(unit_archive: Path) -> None:
    posts = {p["wp_id"]: p for p in read_jsonl(unit_archive / "records" / "posts.jsonl")}
    protected = posts[1168]
    assert protected["password_protected"] is True
    assert protected["content_html"] == "" and protected["content_markdown"] == ""
    raw = etree.parse(str(UNIT)).xpath(
        "string(//item[*[local-name()='post_id']='1168']/*[local-name()='encoded'])")
    assert raw.strip()  # there was a body to withhold


def test_redirect_map_covers_every_post(unit_archive: Path) -> None:
    csv_lines = (unit_archive / "redirects" / "redirects.csv").read_text().splitlines()
    assert csv_lines[0] == "old,new,status,wp_id,type"
    olds = {line.split(",")[0] for line in csv_lines[1:]}
    assert "/?p=996" in olds and "/?page_id=2" in olds
    nginx = (unit_archive / "redirects" / "nginx-map.conf").read_text()
    assert '"/?p=996" "/2012/03/15/template-more-tag/";' in nginx
    # The pages 2 and 3 of the post split with <!--nextpage--> (WordPress served them at
    # <permalink>N/) go to the post, shown whole on one page.
    rows = {line.split(",")[0]: line.split(",")[1] for line in csv_lines[1:]}
    assert rows["/2012/01/08/template-paginated/2/"] == rows["/2012/01/08/template-paginated/3/"] == (
        "/2012/01/08/template-paginated/")
    assert "/2012/01/08/template-paginated/4/" not in rows


def test_a_wxr_run_never_loads_the_network_stack(tmp_path: Path) -> None:
    # requests costs 11 MB in the main process and in each worker; a WXR migration (without
    # --download-media) fetches nothing, so it must not import it, on any path of the CLI.
    import subprocess
    import sys

    out = tmp_path / "out"
    code = ("import sys; from mwmigrate.cli import main; "
            f"rc = main(['migrate', {str(BLOCKS)!r}, '--out', {str(out)!r}, '--quiet', "
            "'--workers', '2']); "
            "print(rc, sorted(m for m in sys.modules if m == 'mwmigrate.fetch' "
            "or m.split('.')[0] in ('requests', 'urllib3')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout.split("\n")[0] == "0 []", proc.stdout + proc.stderr
    assert verify_archive(out) == []


def test_seo_plugin_meta_becomes_description_and_record(tmp_path: Path) -> None:
    # fixtures/wxr/renamed-posts.xml with Yoast SEO's meta added to post 901 (as Yoast stores it).
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "wxr" / "renamed-posts.xml"
    text = fixture.read_text(encoding="utf-8")
    meta = "".join(f"<wp:postmeta><wp:meta_key><![CDATA[{k}]]></wp:meta_key><wp:meta_value><![CDATA[{v}]]>"
                   "</wp:meta_value></wp:postmeta>" for k, v in (
                       ("_yoast_wpseo_title", "%%title%% %%sep%% %%sitename%%"),
                       ("_yoast_wpseo_metadesc", "What changed when we renamed %%title%%."),
                       ("_yoast_wpseo_meta-robots-noindex", "1")))
    first_item_end = text.index("</item>")
    wxr = tmp_path / "seo.xml"
    wxr.write_text(text[:first_item_end] + meta + text[first_item_end:], encoding="utf-8")
    out = tmp_path / "archive"
    migrate_wxr(wxr, out, MigrateOptions(progress=False))
    assert verify_archive(out) == []  # the record's "seo" object is in the published schema
    records = {json.loads(line)["wp_id"]: json.loads(line)
               for line in (out / "records" / "posts.jsonl").read_text(encoding="utf-8").splitlines()}
    assert records[901]["seo"] == {"plugin": "Yoast SEO", "title": "Renamed twice - Renamed Posts",
                                   "description": "What changed when we renamed Renamed twice.",
                                   "canonical": "", "noindex": True}
    assert records[902]["seo"] is None
    front = yaml.safe_load((out / records[901]["path"]).read_text(encoding="utf-8").split("---")[1])
    assert front["description"] == "What changed when we renamed Renamed twice."
    assert "description" not in yaml.safe_load((out / records[902]["path"]).read_text(encoding="utf-8").split("---")[1])


def test_block_theme_footer_states_the_organisation(tmp_path: Path) -> None:
    # fixtures/wxr/synced-patterns.xml holds the footer its block theme's Site Editor saved (a
    # wp_template_part post): the firm's regulated details are read from it, as from a live
    # site's footer, into records/site.json.
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "wxr" / "synced-patterns.xml"
    out = tmp_path / "archive"
    migrate_wxr(fixture, out, MigrateOptions(progress=False))
    org = json.loads((out / "records" / "site.json").read_text(encoding="utf-8"))["organisation"]
    assert org["legal_name"] == "Example Solicitors Ltd"  # (not run together with the site title above it)
    assert org["company_number"] == "01234567"
    assert [(r["regulator"], r["number"]) for r in org["regulator_numbers"]] == [("SRA", "123456")]
    assert org["registered_office"]["text"] == "1 Example Street, Manchester M1 1AA"
    assert [p["e164"] for p in org["phones"]] == ["+441614960000"]
    assert org["emails"] == ["office@patterns.example.org"]
    assert verify_archive(out) == []


def test_no_template_parts_no_organisation(unit_archive: Path) -> None:
    site = json.loads((unit_archive / "records" / "site.json").read_text(encoding="utf-8"))
    assert site["organisation"] is None


def test_only_the_footer_of_the_theme_edited_last_counts(tmp_path: Path) -> None:
    # An export holds the edited parts of every theme the site has had: a footer the site's
    # previous theme kept (edited in 2023; id 800, read first if it were read) must not add its
    # old company number.
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "wxr" / "synced-patterns.xml"
    text = fixture.read_text(encoding="utf-8")
    start = text.index("\t<item>", text.index("<wp:post_id>801</wp:post_id>") - 2000)
    ours = text[start:text.index("</item>", start) + len("</item>")]
    assert "<wp:post_id>801</wp:post_id>" in ours
    old = (ours.replace("801", "800").replace("twentytwentythree", "twentytwentytwo")
           .replace("01234567", "07654321").replace("2024-03-01 10:00:00", "2023-01-01 10:00:00"))
    wxr = tmp_path / "two-themes.xml"
    wxr.write_text(text.replace("</channel>", old + "\n</channel>"), encoding="utf-8")
    out = tmp_path / "archive"
    migrate_wxr(wxr, out, MigrateOptions(progress=False))
    org = json.loads((out / "records" / "site.json").read_text(encoding="utf-8"))["organisation"]
    assert org["company_number"] == "01234567"


def test_a_progress_bar_when_asked_for_and_none_otherwise(tmp_path: Path, capsys) -> None:
    import re

    migrate_wxr(BLOCKS, tmp_path / "bar", MigrateOptions(progress=True))
    err = capsys.readouterr().err
    assert "migrating" in err and "post/s" in err, err[-300:]
    assert re.search(r"100%\|\S+\| (\d+)/\1 ", err), err[-300:]  # it ends full
    migrate_wxr(BLOCKS, tmp_path / "quiet", MigrateOptions(progress=False))
    assert "migrating" not in capsys.readouterr().err


def test_plugin_machinery_and_personal_data_are_records_not_pages(tmp_path: Path) -> None:
    # Items a real export holds beside the content: a Ninja Forms submission and a Post SMTP
    # mail log (people's names and e-mail), a WooCommerce product variation (a child of its
    # product, no page of its own), a Divi Library layout and a TablePress table (shown only
    # through a shortcode). None is a page on the site; each is kept as a record, as stored.
    def item(wp_id: int, ptype: str, body: str) -> str:
        return (f"<item><title>{ptype} {wp_id}</title><link>https://old.example/?p={wp_id}</link>"
                f"<wp:post_id>{wp_id}</wp:post_id><wp:post_name>{ptype}-{wp_id}</wp:post_name>"
                f"<wp:status>publish</wp:status><wp:post_type>{ptype}</wp:post_type>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")
    machinery = {11: ("nf_sub", ""), 12: ("postman_sent_mail", "To: jo@example.com [contact-form]"),
                 13: ("product_variation", ""), 14: ("et_pb_layout", "[et_pb_section][/et_pb_section]"),
                 15: ("tablepress_table", '[["Fee","Amount"],["Conveyancing","£900"]]')}
    items = item(10, "post", "A real post.") + "".join(item(i, t, b) for i, (t, b) in machinery.items())
    wxr = tmp_path / "plugins.xml"
    wxr.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                   'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                   'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Site</title>'
                   f'<link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>{items}'
                   '</channel></rss>', encoding="utf-8")
    out = tmp_path / "archive"
    result = migrate_wxr(wxr, out, MigrateOptions(progress=False))
    assert verify_archive(out) == []
    assert [p.relative_to(out).as_posix() for p in sorted((out / "content").rglob("*.md"))] == [
        "content/posts/post-10.md"]
    records = {r["wp_id"]: r for r in read_jsonl(out / "records" / "posts.jsonl")}
    # the submission and the mail log (personal data) are left out unless asked for, and counted
    assert set(records) == {10, 13, 14, 15}
    assert result.skipped["nf_sub (people's personal data; use --include-personal-data)"] == 1
    assert result.skipped["postman_sent_mail (people's personal data; use --include-personal-data)"] == 1
    out = tmp_path / "with-personal-data"
    migrate_wxr(wxr, out, MigrateOptions(progress=False, include_personal_data=True))
    assert verify_archive(out) == []
    assert [p.relative_to(out).as_posix() for p in sorted((out / "content").rglob("*.md"))] == [
        "content/posts/post-10.md"]
    records = {r["wp_id"]: r for r in read_jsonl(out / "records" / "posts.jsonl")}
    assert set(records) == {10, 11, 12, 13, 14, 15}
    for wp_id, (ptype, body) in machinery.items():
        assert records[wp_id]["type"] == ptype and records[wp_id]["path"] is None
        assert records[wp_id]["content_markdown"] == "" and records[wp_id]["meta"]["post_content"] == body
    # no old URL redirects to them (they had none a visitor saw); the post's ?p= link does
    with (out / "redirects" / "redirects.csv").open(encoding="utf-8") as fh:
        redirected = {int(row["wp_id"]) for row in csv.DictReader(fh)}
    assert 10 in redirected and not redirected & set(machinery)


def test_names_wordpress_stores_html_escaped_are_text_in_the_archive(tmp_path: Path) -> None:
    # WordPress saves term names and users' names HTML-escaped (pre_term_name and
    # pre_user_display_name run _wp_specialchars), and a title saved by an editor without
    # unfiltered_html has its & as &amp; (kses). Exports carry that form ("Computer &amp;
    # Networking": woocommerce/woocommerce#16250). Readers saw "&"; so must the new site.
    wxr = tmp_path / "escaped.xml"
    wxr.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bakery</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[team]]></wp:author_login>
  <wp:author_display_name><![CDATA[The Bread &amp; Butter Team]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[food-drink]]></wp:category_nicename>
  <wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Food &amp; Drink]]></wp:cat_name></wp:category>
<item><title><![CDATA[Tom &amp; Jerry's Picnic Pie]]></title><link>https://old.example/pie/</link>
  <dc:creator><![CDATA[team]]></dc:creator><wp:post_id>10</wp:post_id><wp:post_name>pie</wp:post_name>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
  <category domain="category" nicename="food-drink"><![CDATA[Food &amp; Drink]]></category>
  <content:encoded><![CDATA[<!-- wp:categories /-->
<!-- wp:latest-posts {"displayAuthor":true} /-->]]></content:encoded></item>
</channel></rss>""", encoding="utf-8")
    out = tmp_path / "archive"
    migrate_wxr(wxr, out, MigrateOptions(progress=False))
    front = yaml.safe_load((out / "content/posts/pie.md").read_text("utf-8").split("---")[1])
    assert front["title"] == "Tom & Jerry's Picnic Pie"
    assert front["author"] == "The Bread & Butter Team"
    term_page = yaml.safe_load((out / "content/categories/food-drink/_index.md").read_text("utf-8").split("---")[1])
    assert term_page["title"] == "Food & Drink"
    assert [t["name"] for t in read_jsonl(out / "records/terms.jsonl")] == ["Food & Drink"]
    assert [a["display_name"] for a in read_jsonl(out / "records/authors.jsonl")] == ["The Bread & Butter Team"]
    # The body's dynamic blocks print the names as WordPress does: escaped once in the HTML.
    html = read_jsonl(out / "records/posts.jsonl")[0]["content_html"]
    assert '>Food &amp; Drink</a>' in html and "by The Bread &amp; Butter Team" in html
    assert "&amp;amp;" not in html


SPLIT_POST = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>B</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Long</title><link>https://old.example/{link}</link><wp:post_id>10</wp:post_id><wp:post_name>long</wp:post_name>
<wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[one<!--nextpage-->two<!--nextpage-->three]]></content:encoded></item>
</channel></rss>"""


@pytest.mark.parametrize("link, pages", [
    ("2020/01/long/", ["/2020/01/long/2/", "/2020/01/long/3/"]),  # /%year%/%monthnum%/%postname%/
    ("long.html", ["/long.html/2", "/long.html/3"]),              # /%postname%.html
    ("2020/01/long", ["/2020/01/long/2", "/2020/01/long/3"]),     # no trailing slash
])
def test_later_pages_of_a_split_post_as_wordpress_links_them(tmp_path: Path, link: str, pages: list[str]) -> None:
    # _wp_link_page(): trailingslashit(get_permalink()) . user_trailingslashit($i, 'single_paged')
    # (a helper's review: "/long.html2/" was written for /%postname%.html permalinks)
    wxr = tmp_path / "split.xml"
    wxr.write_text(SPLIT_POST.format(link=link), encoding="utf-8")
    migrate_wxr(wxr, tmp_path / "out", MigrateOptions(progress=False))
    with (tmp_path / "out/redirects/redirects.csv").open(encoding="utf-8") as fh:
        rows = [r["old"] for r in csv.DictReader(fh) if r["wp_id"] == "10" and not r["old"].startswith("/?")]
    assert rows == pages


def test_the_front_page_of_a_site_in_a_subdirectory_is_the_home_page(tmp_path: Path) -> None:
    # WordPress in /blog: the front page's URL is home_url('/'), https://old.example/blog/
    wxr = tmp_path / "subdir.xml"
    wxr.write_text(FRONT_PAGE_IN_BLOG, encoding="utf-8")
    for permalinks in ("keep", "clean"):
        out = tmp_path / permalinks
        migrate_wxr(wxr, out, MigrateOptions(progress=False, permalinks=permalinks))
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
            "content/_index.md", "content/pages/about.md"]


def test_plain_permalinks_of_a_site_in_a_subdirectory_are_not_its_home(tmp_path: Path) -> None:
    # WordPress in /blog with plain permalinks: a post's link is https://old.example/blog/?p=10,
    # a page's .../blog/?page_id=11. Their path alone is the home's: the post was given the
    # URL /blog/ and the page was made the front page (content/_index.md), both at one URL.
    wxr = tmp_path / "plain.xml"
    wxr.write_text(PLAIN_PERMALINKS_IN_BLOG, encoding="utf-8")
    for permalinks in ("keep", "clean"):
        out = tmp_path / permalinks
        result = migrate_wxr(wxr, out, MigrateOptions(progress=False, permalinks=permalinks))
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
            "content/pages/about.md", "content/posts/hello.md"]
        urls = {row["wp_id"]: row["url"] for row in (
            yaml.safe_load(p.read_text("utf-8").split("---")[1]) for p in out.rglob("*.md"))}
        assert urls == {10: "/posts/hello/", 11: "/about/"}
        assert not [w for w in result.warnings if "has the URL" in w]
        with (out / "redirects/redirects.csv").open(encoding="utf-8") as fh:
            rows = {(r["old"], r["new"]) for r in csv.DictReader(fh) if r["wp_id"] in ("10", "11")}
        assert rows == {("/blog/?p=10", "/posts/hello/"), ("/blog/?page_id=11", "/about/")}


PLAIN_PERMALINKS_IN_BLOG = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Firm</title><link>https://old.example/blog</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example/blog</wp:base_site_url><wp:base_blog_url>https://old.example/blog</wp:base_blog_url>
<item><title>Hello</title><link>https://old.example/blog/?p=10</link><wp:post_id>10</wp:post_id><wp:post_name>hello</wp:post_name>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
  <content:encoded><![CDATA[Hello.]]></content:encoded></item>
<item><title>About</title><link>https://old.example/blog/?page_id=11</link><wp:post_id>11</wp:post_id><wp:post_name>about</wp:post_name>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
  <content:encoded><![CDATA[About us.]]></content:encoded></item>
</channel></rss>"""


FRONT_PAGE_IN_BLOG = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Firm</title><link>https://old.example/blog</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example/blog</wp:base_site_url><wp:base_blog_url>https://old.example/blog</wp:base_blog_url>
<item><title>Home</title><link>https://old.example/blog/</link><wp:post_id>8</wp:post_id><wp:post_name>home</wp:post_name>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
  <content:encoded><![CDATA[Welcome to our firm.]]></content:encoded></item>
<item><title>About</title><link>https://old.example/blog/about/</link><wp:post_id>9</wp:post_id><wp:post_name>about</wp:post_name>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
  <content:encoded><![CDATA[About us.]]></content:encoded></item>
</channel></rss>"""


MENU_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Shop</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>food-drink</wp:category_nicename><wp:category_parent></wp:category_parent>
  <wp:cat_name><![CDATA[Food &amp; Drink]]></wp:cat_name></wp:category>
<wp:term><wp:term_id>7</wp:term_id><wp:term_taxonomy>product_cat</wp:term_taxonomy><wp:term_slug>shoes</wp:term_slug>
  <wp:term_parent></wp:term_parent><wp:term_name>Shoes</wp:term_name></wp:term>
<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy><wp:term_slug>main</wp:term_slug><wp:term_name>Main</wp:term_name></wp:term>
<item><title>Hello</title><link>https://old.example/2020/01/hello/</link><wp:post_id>10</wp:post_id><wp:post_name>hello</wp:post_name>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
  <category domain="category" nicename="food-drink"><![CDATA[Food &amp; Drink]]></category><content:encoded>x</content:encoded></item>
<item><title><![CDATA[Tom &amp; Jerry]]></title><link>https://old.example/tom/</link><wp:post_id>11</wp:post_id><wp:post_name>tom</wp:post_name>
  <wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>page</wp:post_type><content:encoded>x</content:encoded></item>
{items}
</channel></rss>"""
MENU_ITEM = """<item><title></title><link>https://old.example/?p={id}</link><wp:post_id>{id}</wp:post_id><wp:post_name>{id}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>nav_menu_item</wp:post_type><wp:menu_order>{id}</wp:menu_order>
<category domain="nav_menu" nicename="main"><![CDATA[Main]]></category>
<wp:postmeta><wp:meta_key>_menu_item_type</wp:meta_key><wp:meta_value>{kind}</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_menu_item_object</wp:meta_key><wp:meta_value>{obj}</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_menu_item_object_id</wp:meta_key><wp:meta_value>{oid}</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_menu_item_menu_item_parent</wp:meta_key><wp:meta_value>0</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_menu_item_url</wp:meta_key><wp:meta_value></wp:meta_value></wp:postmeta></item>"""


def test_menu_items_titles_are_text_and_only_known_term_urls_are_given(tmp_path: Path) -> None:
    # (a helper's review: a page item's title stayed HTML beside a category's text, and a
    # product_cat item got a made-up /product_cat/shoes/ URL)
    items = (MENU_ITEM.format(id=20, kind="taxonomy", obj="category", oid=5)
             + MENU_ITEM.format(id=21, kind="taxonomy", obj="product_cat", oid=7)
             + MENU_ITEM.format(id=22, kind="post_type", obj="page", oid=11))
    wxr = tmp_path / "menus.xml"
    wxr.write_text(MENU_EXPORT.format(items=items), encoding="utf-8")
    migrate_wxr(wxr, tmp_path / "out", MigrateOptions(progress=False))
    menu = read_jsonl(tmp_path / "out/records/menus.jsonl")[0]
    assert [(i["title"], i["url"]) for i in menu["items"]] == [
        ("Food & Drink", "https://old.example/category/food-drink/"),
        ("Shoes", ""),  # (WooCommerce's base is its own: not in the export)
        ("Tom & Jerry", "https://old.example/tom/")]


def test_a_title_written_escaped_by_wordpress_before_5_7_is_text_too(tmp_path: Path) -> None:
    # Before 5.7 export_wp() wrote <title> through the_title_rss (esc_html, ent2ncr), not CDATA:
    # the XML parse gives the text already, and the front matter must not change it again.
    wxr = tmp_path / "old.xml"
    # (stored "Tom & Jerry’s &amp; more": ent2ncr made "&amp;" "&#38;", esc_html the raw "&" "&amp;")
    wxr.write_text(FRONT_PAGE_IN_BLOG.replace("<title>About</title>", "<title>Tom &amp; Jerry&#8217;s &#38; more</title>"),
                   encoding="utf-8")
    migrate_wxr(wxr, tmp_path / "out", MigrateOptions(progress=False))
    front = yaml.safe_load((tmp_path / "out/content/pages/about.md").read_text("utf-8").split("---")[1])
    assert front["title"] == "Tom & Jerry’s & more"


def test_a_page_and_a_post_at_one_url_are_reported(tmp_path: Path) -> None:
    # WordPress checks a slug's uniqueness within a post type (wp_unique_post_slug()): with
    # /%postname%/ permalinks a page and a post may both be /contact/. One page of the new site
    # can show only one of them. (a helper's review: no warning)
    def item(wp_id: int, ptype: str) -> str:
        return (f"<item><title>Contact ({ptype})</title><link>https://old.example/contact/</link>"
                f"<wp:post_id>{wp_id}</wp:post_id><wp:post_name>contact</wp:post_name><wp:post_date>2020-01-02 10:00:00"
                f"</wp:post_date><wp:status>publish</wp:status><wp:post_type>{ptype}</wp:post_type>"
                "<content:encoded>x</content:encoded></item>")
    wxr = tmp_path / "same.xml"
    wxr.write_text(MENU_EXPORT.format(items=item(30, "page") + item(31, "post")), encoding="utf-8")
    result = migrate_wxr(wxr, tmp_path / "out", MigrateOptions(progress=False))
    assert "post 31 ('Contact (post)') has the URL /contact/ of page 30: the new site shows one of them there" in result.warnings


def test_a_body_the_rendering_could_not_show_whole_is_kept_as_stored(tmp_path: Path) -> None:
    # A plugin block saved with no markup (Kadence's table of contents: save() returns null) is
    # printed by its plugin on the server: the archive's HTML and Markdown cannot have it, and
    # unless the record keeps the stored body, its settings were in no file of the archive.
    toc = '<!-- wp:kadence/tableofcontents {"uniqueID":"_a1b2c3","title":"In this guide"} /-->'
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "wxr" / "renamed-posts.xml"
    text = fixture.read_text(encoding="utf-8")
    start = text.index("<content:encoded><![CDATA[", text.index("<wp:post_id>901</wp:post_id>") - 2000)
    start += len("<content:encoded><![CDATA[")
    wxr = tmp_path / "toc.xml"
    wxr.write_text(text[:start] + toc + "\n" + text[start:], encoding="utf-8")
    out = tmp_path / "archive"
    migrate_wxr(wxr, out, MigrateOptions(progress=False))
    assert verify_archive(out) == []  # (content_raw is in the published schema)
    records = {r["wp_id"]: r for r in read_jsonl(out / "records" / "posts.jsonl")}
    assert toc in records[901]["content_raw"]
    assert "In this guide" not in records[901]["content_markdown"]
    assert any("block kadence/tableofcontents not rendered: its plugin prints it on the server" in w
               for w in records[901]["warnings"])
    assert records[902]["content_raw"] is None  # (rendered whole: the archive's HTML is the body)


def test_editors_notes_are_no_comments_of_the_page(tmp_path: Path) -> None:
    # WordPress 6.9 keeps an editor's note on a block as a comment of type "note" (held, never
    # shown on the site): it was counted as an unapproved comment, and written out as a comment
    # of the page with --include-unapproved-comments.
    def comment(cid: int, ctype: str, approved: str) -> str:
        return (f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>admin</wp:comment_author>"
                f"<wp:comment_date>2026-03-24 10:37:45</wp:comment_date><wp:comment_content>{ctype} {cid}"
                f"</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved>"
                f"<wp:comment_type>{ctype}</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>")
    item = ("<item><title>Notes</title><link>https://old.example/notes/</link><wp:post_id>10</wp:post_id>"
            "<wp:post_name>notes</wp:post_name><wp:post_date>2026-03-24 10:38:09</wp:post_date>"
            "<wp:status>publish</wp:status><wp:post_type>page</wp:post_type>"
            '<content:encoded><![CDATA[<!-- wp:paragraph {"metadata":{"noteId":2}} -->\n<p>Text</p>\n'
            "<!-- /wp:paragraph -->]]></content:encoded>"
            + comment(2, "note", "0") + comment(3, "note", "0") + comment(4, "comment", "1")
            + comment(5, "comment", "0") + "</item>")
    wxr = tmp_path / "notes.xml"
    wxr.write_text(MENU_EXPORT.format(items=item), encoding="utf-8")
    for include, written in ((False, ["comment 4"]), (True, ["comment 4", "comment 5"])):
        out = tmp_path / f"out-{include}"
        migrate_wxr(wxr, out, MigrateOptions(progress=False, include_unapproved_comments=include))
        assert [c["content_html"].strip() for c in read_jsonl(out / "records" / "comments.jsonl")] == written
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["skipped"]["comment/note (an editor's note on a block, never shown on the site)"] == 2
        assert manifest["skipped"].get("comment/unapproved (use --include-unapproved-comments)", 0) == (0 if include else 1)
