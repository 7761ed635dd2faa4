"""Media records from rendered pages (mwmigrate.extract.media): what real WordPress pages
show of their attachments, and one record per attachment across pages.

The pages are the saved real WordPress pages of tests/data/pages (Twenty Twenty-One and Twenty
Twenty-Three over the theme unit test data, see its README) and the fixture site's; the small
snippets below are core's own markup (wp-includes/media.php img_caption_shortcode(), Jetpack's
carousel, lazy-loading plugins) for what those pages do not happen to contain.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from pathlib import Path

import jsonschema

from mwmigrate.archive.records import media_record
from mwmigrate.extract import extract_page
from mwmigrate.extract.media import ImageSeen, attachment_key, parse_srcset
from mwmigrate.extract.media_catalog import MediaCatalog
from mwmigrate.model import Media

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"
TT1, TT3 = PAGES / "realwp-twentytwentyone", PAGES / "realwp-twentytwentythree"
TT1_BASE, TT3_BASE = "http://127.0.0.1:39927", "http://127.0.0.1:39477"
MW = ROOT / "fixtures" / "sites" / "morganwiseman" / "site"
MW_BASE = "https://www.morganwiseman.co.uk"
SCHEMA = json.loads((ROOT / "mwmigrate" / "archive" / "schema" / "media.schema.json").read_text())
ATTACHMENT = "/2010/09/10/post-format-gallery/dsc20050315_145007_132-2/"
UPLOADS_1691 = "/wp-content/uploads/2014/01/dsc20050315_145007_132"


def _seen(path: Path, url: str) -> list[ImageSeen]:
    page = extract_page(path.read_bytes(), url, with_markdown=False)
    assert page.post is not None
    return [ImageSeen(**item) for item in page.post.meta.get("media", [])]


def _catalog(*pages: tuple[Path, str], known: list[Media] | None = None,
             complete: bool = False) -> MediaCatalog:
    catalog = MediaCatalog(known or [], complete=complete)
    for path, url in pages:
        catalog.add(url, _seen(path, url))
    return catalog


def _valid(records: list[Media]) -> None:
    for media in records:
        jsonschema.validate(media_record(media), SCHEMA)


# --------------------------------------------------------------------------- saved pages


def test_block_images_of_a_real_post_one_record_per_attachment_id() -> None:
    url = TT1_BASE + "/2018/11/03/block-image/"
    seen = _seen(TT1 / "single-blocks.html", url)
    assert {s.wp_id for s in seen} == {904, 905, 906, 907, 1029, 827}
    assert all(s.role == "content" for s in seen)
    records = {m.wp_id: m for m in _catalog((TT1 / "single-blocks.html", url)).records()}
    assert sorted(records) == [827, 904, 905, 906, 907, 1029]
    # Each image is shown twice, once with a caption: the caption is the attachment's.
    assert records[904].caption == "Itty-bitty caption."
    assert records[907].caption == "Massive image comment for your eyeballs."
    assert records[906].caption.startswith("Look at 580\u00d7300 getting some <a ")
    assert records[904].alt == "Image Alignment 150x150" and records[827].alt == ""
    # 907 and 1029 print the same src; 1029's srcset names its own files: two attachments.
    assert records[907].url.endswith("wpthemetestdata.files.wordpress.com/2013/03/"
                                     "image-alignment-1200x4002.jpg")
    local = TT1_BASE + "/wp-content/uploads/2013/03/image-alignment-1200x4002"
    assert records[1029].url == local + ".jpg"
    assert records[1029].width == 1200  # from srcset: the markup's 1200x800 contradicts its name
    assert records[1029].sizes == {
        f"{w}": local + f"-{w}.jpg" for w in ("1024x683", "300x200", "768x512")}
    # A resized block image: its width/height attributes are not the file's size.
    assert (records[827].width, records[827].height) == (None, None)
    assert all(m.source == "html" and m.mime_type == "image/jpeg" for m in records.values())
    _valid(list(records.values()))


def test_attachment_pages_of_two_themes() -> None:
    for folder, base in ((TT1, TT1_BASE), (TT3, TT3_BASE)):
        [record] = _catalog((folder / "attachment.html", base + ATTACHMENT)).records()
        assert (record.wp_id, record.title) == (1691, "dsc20050315_145007_132")
        assert record.url == base + UPLOADS_1691 + ".jpg"  # the original, not the medium size shown
        assert record.page_url == base + ATTACHMENT and record.slug == "dsc20050315_145007_132-2"
        assert record.mime_type == "image/jpeg" and record.width == 1200
        assert set(record.sizes.values()) == {base + UPLOADS_1691 + f"-{s}.jpg"
                                              for s in ("300x200", "1024x683", "768x512")}
        _valid([record])
    tt1 = _catalog((TT1 / "attachment.html", TT1_BASE + ATTACHMENT)).records()[0]
    assert tt1.height == 800  # printed by wp_get_attachment_image( 'full' ): its real size
    tt3 = _catalog((TT3 / "attachment.html", TT3_BASE + ATTACHMENT)).records()[0]
    assert tt3.sizes["medium"] == TT3_BASE + UPLOADS_1691 + "-300x200.jpg"  # size-medium
    assert tt3.date == "2014-01-05T11:45:21+00:00"


def test_fixture_site_featured_and_body_image_are_one_attachment() -> None:
    seed = MW_BASE + "/2019/05/25/home-office-cuts-immigration-data-sharing/"
    other = MW_BASE + "/2019/05/14/reforming-the-uk-border-and-immigration-system/"
    seed_page = MW / "2019/05/25/home-office-cuts-immigration-data-sharing/index.html"
    other_page = MW / "2019/05/14/reforming-the-uk-border-and-immigration-system/index.html"
    featured = _seen(seed_page, seed)
    assert featured[0].role == "featured"  # Kallyas's a.kl-blog-post-img, its -420x280_c copy
    assert featured[0].src.endswith("david-bolt-chief-inspector-420x280_c.png")
    file = MW_BASE + "/wp-content/uploads/2019/05/david-bolt-chief-inspector.png"
    post = extract_page(seed_page.read_bytes(), seed).post
    assert post is not None and post.featured_image == file
    catalog = _catalog((seed_page, seed), (other_page, other))
    [record] = catalog.records()
    assert asdict(record) == asdict(Media(
        wp_id=1474, url=file, mime_type="image/png", width=640, height=400,
        alt="David Bolt, Independent Chief Inspector of Borders and Immigration",
        caption="David Bolt, Independent Chief Inspector of Borders and Immigration",
        source="html"))  # a theme's crop is not one of WordPress's sizes
    assert catalog.featured(seed) is record and catalog.featured(other) is None
    # The seed page alone: its featured image has no id on the page, but is still one record.
    [alone] = _catalog((seed_page, seed)).records()
    assert (alone.wp_id, alone.url, alone.width, alone.height) == (0, file, 640, 400)


def test_the_same_pages_in_any_order_give_the_same_records() -> None:
    pages = [(TT1 / "single-blocks.html", TT1_BASE + "/2018/11/03/block-image/"),
             (TT1 / "attachment.html", TT1_BASE + ATTACHMENT),
             (TT1 / "home.html", TT1_BASE + "/"),
             (MW / "2019/05/25/home-office-cuts-immigration-data-sharing/index.html",
              MW_BASE + "/2019/05/25/home-office-cuts-immigration-data-sharing/")]
    seen = [(url, _seen(path, url)) for path, url in pages if _has_post(path, url)]
    expected = None
    for _ in range(6):
        random.shuffle(seen)
        catalog = MediaCatalog()
        for url, items in seen:
            catalog.add(url, items)
        records = [media_record(m) for m in catalog.records()]
        assert expected is None or records == expected
        expected = records


def _has_post(path: Path, url: str) -> bool:
    return extract_page(path.read_bytes(), url, with_markdown=False).post is not None


# --------------------------------------------------------------------------- core's markup


def _snippet(body: str, head: str = "", classes: str = "single postid-5") -> list[ImageSeen]:
    html = (f"<html><head>{head}</head><body class='{classes}'><article id='post-5' "
            f"class='post-5 post type-post'><h1 class='entry-title'>T</h1>"
            f"<div class='entry-content'>{body}</div></article></body></html>")
    page = extract_page(html, "https://ex.example/t/", with_markdown=False)
    assert page.post is not None
    return [ImageSeen(**item) for item in page.post.meta.get("media", [])]


UP = "https://ex.example/wp-content/uploads/2020/01/"


def test_classic_caption_and_link_to_attachment_page() -> None:
    # img_caption_shortcode() without HTML5 support, the image linked to its attachment page.
    [seen] = _snippet(
        f'<div id="attachment_12" style="width: 310px" class="wp-caption alignnone">'
        f'<a href="https://ex.example/t/boat/" rel="attachment wp-att-12">'
        f'<img class="size-medium wp-image-12" src="{UP}boat-300x200.jpg" alt="A boat" '
        f'width="300" height="200" srcset="{UP}boat-300x200.jpg 300w, {UP}boat.jpg 1200w" /></a>'
        f'<p id="caption-attachment-12" class="wp-caption-text">On the <em>lake</em></p></div>')
    assert (seen.wp_id, seen.size, seen.alt) == (12, "medium", "A boat")
    assert seen.caption == "On the <em>lake</em>"
    assert seen.page_url == "https://ex.example/t/boat/"
    catalog = MediaCatalog()
    catalog.add("https://ex.example/t/", [seen])
    [record] = catalog.records()
    assert (record.url, record.width, record.slug) == (UP + "boat.jpg", 1200, "boat")
    assert record.sizes == {"medium": UP + "boat-300x200.jpg"}


def test_lazy_loading_jetpack_and_what_is_not_media() -> None:
    seen = _snippet(
        f'<img src="data:image/svg+xml,%3Csvg%3E" data-lazy-src="{UP}cat-1024x768.jpg" '
        f'data-lazy-srcset="{UP}cat-1024x768.jpg 1024w, {UP}cat-scaled.jpg 2560w" '
        f'class="size-large wp-image-30" alt="Cat">'
        f'<img src="{UP}dog-300x225.jpg" data-attachment-id="31" data-orig-file="{UP}dog.jpg" '
        f'data-orig-size="1600,1200" data-image-title="Dog" '
        f'data-permalink="https://ex.example/dog/" alt="">'
        f'<img draggable="false" class="emoji" alt="\U0001F600" '
        f'src="https://s.w.org/images/core/emoji/14.0.0/svg/1f600.svg">'
        f'<img class="avatar avatar-96 photo" src="https://secure.gravatar.com/avatar/x?s=96">')
    assert [(s.wp_id, s.src) for s in seen] == [(30, UP + "cat-1024x768.jpg"),
                                                 (31, UP + "dog-300x225.jpg")]
    catalog = MediaCatalog()
    catalog.add("https://ex.example/t/", seen)
    cat, dog = catalog.records()
    assert cat.url == UP + "cat-scaled.jpg" and cat.width == 2560  # -scaled is the file
    assert (dog.url, dog.width, dog.height, dog.title) == (UP + "dog.jpg", 1600, 1200, "Dog")
    assert dog.page_url == "https://ex.example/dog/"


def test_featured_image_from_thumbnail_json_ld_and_og() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "image": {"@id": "https://ex.example/t/#primaryimage"}},
        {"@type": "ImageObject", "@id": "https://ex.example/t/#primaryimage",
         "url": UP + "sea.jpg", "width": 1600, "height": 900, "caption": "The sea"}]}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            f'<meta property="og:image" content="{UP}sea.jpg">')
    # No theme thumbnail: JSON-LD's image is the featured one, OpenGraph another sighting.
    seen = _snippet("<p>Text</p>", head)
    assert [(s.role, s.src) for s in seen] == [
        ("featured", UP + "sea.jpg"), ("meta", UP + "sea.jpg"), ("meta", UP + "sea.jpg")]
    # The theme's get_the_post_thumbnail() wins, and joins the same attachment.
    thumb = (f'<img width="1024" height="576" src="{UP}sea-1024x576.jpg" '
             f'class="attachment-large size-large wp-post-image" alt="Sea" '
             f'srcset="{UP}sea-1024x576.jpg 1024w, {UP}sea.jpg 1600w">')
    seen = _snippet(thumb + "<p>Text</p>", head)
    assert seen[0].role == "featured" and seen[0].src == UP + "sea-1024x576.jpg"
    catalog = MediaCatalog()
    catalog.add("https://ex.example/t/", seen)
    [record] = catalog.records()
    assert (record.url, record.width, record.height) == (UP + "sea.jpg", 1600, 900)
    assert (record.alt, record.caption) == ("Sea", "The sea")
    assert record.sizes == {"large": UP + "sea-1024x576.jpg"}
    assert catalog.featured("https://ex.example/t/") is record
    # An OpenGraph image alone (a plugin's fallback) is a record, not the featured image.
    seen = _snippet("<p>Text</p>", f'<meta property="og:image" content="{UP}logo.png">')
    assert [(s.role, s.src) for s in seen] == [("meta", UP + "logo.png")]


# --------------------------------------------------------------------------- the catalog


def test_files_of_one_attachment_join_by_name_unless_ambiguous() -> None:
    catalog = MediaCatalog()
    catalog.add("https://ex.example/a/", [ImageSeen(src=UP + "tree-300x200.jpg"),
                                          ImageSeen(src=UP + "tree-scaled.jpg", role="featured")])
    catalog.add("https://ex.example/b/", [ImageSeen(src=UP + "tree-1024x683.jpg", wp_id=7)])
    # Two attachments whose names only differ by a size-like suffix stay apart.
    catalog.add("https://ex.example/c/", [ImageSeen(src=UP + "sign-580x300.jpg", wp_id=8),
                                          ImageSeen(src=UP + "sign-150x150.jpg", wp_id=9),
                                          ImageSeen(src=UP + "sign-300x200.jpg")])
    records = catalog.records()
    assert [(m.wp_id, m.url) for m in records] == [
        (7, UP + "tree-scaled.jpg"), (8, UP + "sign-580x300.jpg"), (9, UP + "sign-150x150.jpg"),
        (0, UP + "sign-300x200.jpg")]
    assert catalog.featured("https://ex.example/a/") is records[0]
    assert attachment_key(UP + "tree-300x200.jpg") == attachment_key("http:" + UP[6:] + "tree.jpg")


def test_rest_stays_the_ground_truth_pages_fill_its_gaps() -> None:
    rest = Media(wp_id=7, url=UP + "tree.jpg", title="Tree", alt="", caption="From REST",
                 mime_type="image/jpeg", parent=3, width=2000, height=1000, source="rest")
    seen = [ImageSeen(src=UP + "tree-300x150.jpg", wp_id=7, alt="A tree", caption="Other",
                      width=300, height=150, size="medium"),
            ImageSeen(src=UP + "cdn-copy.jpg"),  # REST lists every attachment: not one
            ImageSeen(src=UP + "new.jpg", wp_id=11)]  # an id REST did not list: kept
    catalog = MediaCatalog([rest], complete=True)
    catalog.add("https://ex.example/a/", seen)
    tree, new = catalog.records()
    assert (tree.url, tree.caption, tree.width, tree.height, tree.parent, tree.source) == (
        UP + "tree.jpg", "From REST", 2000, 1000, 3, "rest")
    assert tree.alt == "A tree" and tree.sizes == {"medium": UP + "tree-300x150.jpg"}  # gaps
    assert (new.wp_id, new.source) == (11, "html")
    assert rest.alt == "" and rest.sizes == {}  # REST's own object is not changed
    incomplete = MediaCatalog([rest])
    incomplete.add("https://ex.example/a/", seen)
    assert [m.url for m in incomplete.records()] == [UP + "tree.jpg", UP + "new.jpg",
                                                      UP + "cdn-copy.jpg"]
    _valid(incomplete.records())


def test_parse_srcset() -> None:
    srcset = f"{UP}a-300x200.jpg 300w,  /b.jpg 1024w, {UP}c.jpg 2x"
    assert parse_srcset(srcset, "https://ex.example/t/") == [
        (UP + "a-300x200.jpg", 300), ("https://ex.example/b.jpg", 1024)]


def test_attachment_page_of_a_pdf() -> None:
    # prepend_attachment() for a file that is not an image: a link to it, titled.
    html = ("<html><body class='attachment attachment-template-default single "
            "single-attachment postid-41 attachmentid-41 attachment-pdf'><main>"
            "<article id='post-41' class='post-41 attachment type-attachment'>"
            "<h1 class='entry-title'>Fee schedule</h1><div class='entry-content'>"
            f"<p class='attachment'><a href='{UP}fees.pdf'>Fee schedule</a></p>"
            "<p>Our fees for 2020.</p></div></article></main></body></html>")
    url = "https://ex.example/fees/"
    page = extract_page(html, url, with_markdown=False)
    assert page.page_type == "attachment" and page.post is not None
    catalog = MediaCatalog()
    catalog.add(url, [ImageSeen(**item) for item in page.post.meta["media"]])
    [record] = catalog.records()
    assert (record.wp_id, record.url, record.mime_type) == (41, UP + "fees.pdf", "application/pdf")
    assert (record.title, record.page_url, record.slug) == ("Fee schedule", url, "fees")
    _valid([record])
