"""The Hugo and Jekyll forms, proven with the real tools (Debian's hugo and jekyll packages).

A minimal site is built around the exported theme unit test content; every published post and
page must become a page at the permalink its front matter asks for, with its title and date.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from mwmigrate.migrate import MigrateOptions, migrate_wxr
from tests.conftest import WXR_DIR
from tests.support.debian import ensure_commands

UNIT = WXR_DIR / "themeunittestdata.wordpress.xml"
LAYOUT = '<h1 class="t">{title}</h1><time>{date}</time>\n{content}\n'

pytestmark = pytest.mark.slow


def published(archive: Path) -> list[dict]:
    posts = [json.loads(x) for x in (archive / "records/posts.jsonl").read_text().splitlines()]
    return [p for p in posts if p["status"] == "publish" and p["path"]]


def instant(text: str) -> datetime:
    return datetime.fromisoformat(html.unescape(text).strip())


def check_site(public: Path, posts: list[dict], permalink_key: str, archive: Path) -> None:
    assert len(posts) == 77
    missing, wrong = [], []
    for post in posts:
        fm_text = (archive / post["path"]).read_text("utf-8").split("---\n", 2)[1]
        permalink = re.search(rf"^{permalink_key}: (.+)$", fm_text, re.M).group(1).strip("'\"")
        page = public / permalink.strip("/") / "index.html"
        if not page.is_file():
            missing.append(permalink)
            continue
        text = page.read_text("utf-8")
        title = html.unescape(re.search(r'<h1 class="t">(.*?)</h1>', text, re.S).group(1))
        date = re.search(r"<time>(.*?)</time>", text).group(1)
        # The same instant, whatever timezone the generator printed it in.
        if title != post["title"] or instant(date) != instant(post["date"]):
            wrong.append((permalink, title, post["title"], date, post["date"]))
    assert missing == [] and wrong == []


def test_hugo_builds_every_page_at_its_permalink(tmp_path: Path) -> None:
    ensure_commands({"hugo": "hugo"})
    archive = tmp_path / "archive"
    migrate_wxr(UNIT, archive, MigrateOptions(progress=False, flavour="hugo"))
    site = tmp_path / "site"
    shutil.copytree(archive / "content", site / "content")
    (site / "hugo.toml").write_text(
        'baseURL = "http://example.org/"\ntitle = "t"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        '[markup.goldmark.renderer]\nunsafe = true\n')
    layouts = site / "layouts/_default"
    layouts.mkdir(parents=True)
    single = LAYOUT.format(title="{{ .Title }}", date='{{ .Date.Format "2006-01-02T15:04:05-07:00" }}',
                           content="{{ .Content }}")
    (layouts / "single.html").write_text(single)
    (layouts / "list.html").write_text("{{ range .Pages }}{{ .Title }}{{ end }}")
    run = subprocess.run(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    check_site(site / "public", published(archive), "url", archive)


def test_jekyll_builds_every_page_at_its_permalink(tmp_path: Path) -> None:
    ensure_commands({"jekyll": "jekyll"})
    archive = tmp_path / "archive"
    migrate_wxr(UNIT, archive, MigrateOptions(progress=False, flavour="jekyll"))
    site = tmp_path / "site"
    shutil.copytree(archive, site, ignore=shutil.ignore_patterns("records", "redirects", "*.json"))
    (site / "_config.yml").write_text("title: t\nmarkdown: kramdown\nfuture: false\n")
    layouts = site / "_layouts"
    layouts.mkdir()
    for name in ("post", "page"):
        (layouts / f"{name}.html").write_text(LAYOUT.format(
            title="{{ page.title }}", date='{{ page.date | date: "%Y-%m-%dT%H:%M:%S%:z" }}',
            content="{{ content }}"))
    run = subprocess.run(["jekyll", "build", "--quiet", "-s", str(site), "-d", str(site / "_site")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr + run.stdout
    check_site(site / "_site", published(archive), "permalink", archive)


def test_hugo_makes_the_page_every_term_redirect_points_to(tmp_path: Path) -> None:
    """Old category and tag archives (/category/<slug>/, /tag/<slug>/, ?cat=N) redirect to the
    term pages Hugo makes from the front matter's categories and tags: each must exist."""
    import csv
    from urllib.parse import unquote

    ensure_commands({"hugo": "hugo"})
    archive = tmp_path / "archive"
    migrate_wxr(UNIT, archive, MigrateOptions(progress=False, flavour="hugo"))
    site = tmp_path / "site"
    shutil.copytree(archive / "content", site / "content")
    (site / "hugo.toml").write_text(  # Hugo's default taxonomies: categories and tags
        'baseURL = "http://example.org/"\ntitle = "t"\ndisableKinds = ["sitemap"]\n')
    layouts = site / "layouts/_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text("{{ .Title }}")
    (layouts / "list.html").write_text('<h1 class="t">{{ .Title }}</h1>{{ range .Pages }}{{ .Title }} {{ end }}')
    run = subprocess.run(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr

    with open(archive / "redirects" / "redirects.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["type"] in ("category", "post_tag")]
    missing = sorted({r["new"] for r in rows
                      if not (site / "public" / unquote(r["new"]).strip("/") / "index.html").is_file()})
    assert rows and missing == []
    # Every category and tag of a published post has its old archive redirected, and no other.
    used = {("category", s) for p in published(archive) for s in p["categories"]} | \
           {("post_tag", s) for p in published(archive) for s in p["tags"]}
    redirected = {(r["type"], r["new"].strip("/").split("/", 1)[1]) for r in rows}
    assert redirected == used
    olds = {r["old"] for r in rows}
    assert {"/category/parent/child-1/child-2/", "/category/child-2/", "/tag/content/"} <= olds
    # Each term page shows the term's name (content/<section>/<slug>/_index.md), not its slug.
    names = {(t["taxonomy"], t["slug"]): t["name"]
             for t in reversed([json.loads(x) for x in (archive / "records/terms.jsonl").open()])}
    shown = {}
    for taxonomy, slug in used:
        page = site / "public" / ("categories" if taxonomy == "category" else "tags") / slug / "index.html"
        shown[(taxonomy, slug)] = html.unescape(re.search(r'<h1 class="t">(.*?)</h1>', page.read_text()).group(1))
    expected = {key: names.get(key, key[1]) for key in used}  # a tag the export does not list: its slug
    assert shown == expected
    assert shown[("category", "cat-a")] == "Cat A"
    # The old feeds lead to Hugo's: the site's, and each term page's.
    with open(archive / "redirects" / "redirects.csv", encoding="utf-8", newline="") as fh:
        feeds = [r for r in csv.DictReader(fh) if r["type"] == "feed"]
    assert {"/feed/", "/?feed=rss2", "/category/parent/child-1/feed/", "/tag/content/feed/"} <= {r["old"] for r in feeds}
    missing = sorted({r["new"] for r in feeds if not (site / "public" / unquote(r["new"]).lstrip("/")).is_file()})
    assert missing == []


def _hugo_site(site: Path, archive: Path, layouts: dict[str, str]) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A Hugo site (Hugo's defaults) around the archive's content/, built into site/public; each
    layout not given is "{{ .Title }}"."""
    shutil.copytree(archive / "content", site / "content")
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\ntitle = "t"\n')
    (site / "layouts/_default").mkdir(parents=True)
    for name, text in {"_default/list.html": "{{ .Title }}", **layouts}.items():
        (site / "layouts" / name).write_text(text)
    run = subprocess.run(["hugo", "-s", str(site), "-d", str(site / "public")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return site, run


FRONT_PAGE_WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Firm</title>
<link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Home</title><link>https://old.example/</link><wp:post_id>8</wp:post_id>
  <wp:post_name>home</wp:post_name><wp:post_date>2020-01-02 10:00:00</wp:post_date>
  <wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
  <content:encoded><![CDATA[Welcome to our firm.]]></content:encoded></item>
<item><title>Hello</title><link>https://old.example/2020/01/hello/</link><wp:post_id>10</wp:post_id>
  <wp:post_name>hello</wp:post_name><wp:post_date>2020-01-03 10:00:00</wp:post_date>
  <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
  <content:encoded><![CDATA[First post.]]></content:encoded></item>
</channel></rss>
"""


@pytest.mark.parametrize("permalinks", ["keep", "clean"])
def test_the_static_front_page_is_the_home_page(tmp_path: Path, permalinks: str) -> None:
    # A business site's static front page (Settings > Reading) has the site's root as its URL.
    # As a Hugo page with url "/" it clashed with Hugo's own home page, which won: the front
    # page's text was on no page of the built site.
    ensure_commands({"hugo": "hugo", "jekyll": "jekyll"})
    wxr = tmp_path / "front.xml"
    wxr.write_text(FRONT_PAGE_WXR, encoding="utf-8")
    archive = tmp_path / "hugo-archive"
    migrate_wxr(wxr, archive, MigrateOptions(progress=False, flavour="hugo", permalinks=permalinks))
    assert (archive / "content/_index.md").is_file()
    site, run = _hugo_site(tmp_path / "site", archive, {
        "index.html": '<h1 class="t">{{ .Title }}</h1>{{ .Content }}', "_default/single.html": "{{ .Title }}"})
    assert "Duplicate target paths" not in run.stdout + run.stderr
    assert (site / "public/index.html").read_text("utf-8") == '<h1 class="t">Home</h1><p>Welcome to our firm.</p>\n'
    # Jekyll: the page's permalink "/" makes it the site's index.html
    archive = tmp_path / "jekyll-archive"
    migrate_wxr(wxr, archive, MigrateOptions(progress=False, flavour="jekyll", permalinks=permalinks))
    site = _jekyll_site(tmp_path / "jsite", archive, '<h1 class="t">{{ page.title }}</h1>{{ content }}')
    assert (site / "_site/index.html").read_text("utf-8").startswith('<h1 class="t">Home</h1><p>Welcome to our firm.</p>')


def _item(wp_id: int, ptype: str, slug: str, body: str, link: str = "") -> str:
    return (f"<item><title>{slug.title()}</title><link>https://old.example/{link or slug + '/'}</link>"
            f"<wp:post_id>{wp_id}</wp:post_id><wp:post_name>{slug}</wp:post_name>"
            f"<wp:post_date>2020-01-0{wp_id % 9 + 1} 10:00:00</wp:post_date><wp:status>publish</wp:status>"
            f"<wp:post_type>{ptype}</wp:post_type><content:encoded><![CDATA[{body}]]></content:encoded></item>")


def _wxr(path: Path, items: str) -> Path:
    """A minimal WXR 1.2 export of ``items`` (see _item), written to ``path``."""
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                    'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>S</title>'
                    f'<link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>',
                    encoding="utf-8")
    return path


def _jekyll_site(site: Path, archive: Path, layout: str) -> Path:
    """A Jekyll site (kramdown) around the archive (records and redirects left out), its post and
    page layouts ``layout``, built into site/_site."""
    shutil.copytree(archive, site, ignore=shutil.ignore_patterns("records", "redirects", "*.json"))
    (site / "_config.yml").write_text("title: t\nmarkdown: kramdown\n")
    (site / "_layouts").mkdir()
    for name in ("post", "page"):
        (site / "_layouts" / f"{name}.html").write_text(layout)
    run = subprocess.run(["jekyll", "build", "--quiet", "-s", str(site), "-d", str(site / "_site")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr + run.stdout
    return site


def test_hugo_builds_every_page_whatever_its_slug_or_text(tmp_path: Path) -> None:
    # (a helper's review) A page titled "Index" gets the slug index: content/pages/index.md made
    # the folder a Hugo leaf bundle, and every other page in it was not built. A post quoting
    # Hugo's shortcode syntax in a code block stopped the build ("template for shortcode not
    # found"). A post at /tags/ is where Hugo builds its taxonomy list: only a warning can help.
    ensure_commands({"hugo": "hugo"})
    code = ("<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>{{&lt; notice tip &gt;}}Hi{{&lt; /notice &gt;}} "
            "{{% youtube abc %}}</code></pre>\n<!-- /wp:code -->")
    items = (_item(1, "page", "index", "The index page.") + _item(2, "page", "about", "About us.")
             + _item(3, "page", "contact", "Contact us.") + _item(4, "post", "hugo-tips", code)
             + _item(5, "post", "tags", "A post about tags."))
    wxr = _wxr(tmp_path / "names.xml", items)
    archive = tmp_path / "archive"
    result = migrate_wxr(wxr, archive, MigrateOptions(progress=False))
    assert any("post 5 ('Tags') has the URL /tags/, where Hugo builds its own list page" in w for w in result.warnings)
    site, _ = _hugo_site(tmp_path / "site", archive, {"_default/single.html": "{{ .Content }}"})
    for path, text in (("index", "The index page."), ("about", "About us."), ("contact", "Contact us.")):
        assert text in (site / "public" / path / "index.html").read_text("utf-8"), path
    shown = html.unescape((site / "public/hugo-tips/index.html").read_text("utf-8"))
    assert "{{< notice tip >}}Hi{{< /notice >}} {{% youtube abc %}}" in shown


ANCHORS_BODY = (
    '<!-- wp:list --><ul><li><a href="#h-part-two">Part two</a></li><li><a href="#Why_it_matters">Why</a></li>'
    '</ul><!-- /wp:list -->\n\n<!-- wp:paragraph --><p><a name="top"></a>Intro.</p><!-- /wp:paragraph -->\n\n'
    '<!-- wp:heading --><h2 class="wp-block-heading" id="h-part-two">Part two</h2><!-- /wp:heading -->\n\n'
    '<h2><span class="ez-toc-section" id="Why_it_matters"></span>Why it matters</h2>\n\n'
    '<h2 id="1-intro">Numbered</h2>\n\n<h2>Style it with {.button}</h2>\n\n<p><a href="#top">Back to top</a></p>\n\n'
    '<details class="wp-block-details"><summary>More</summary><h3 id="h-inside">Inside</h3><p>Folded **text**.</p></details>'
    '<div class="card"><a href="https://old.example/contact/"><h3>Call us</h3><ul><li>Mon-Fri</li></ul></a></div>')


def test_headings_keep_the_ids_links_point_to(tmp_path: Path) -> None:
    # A table of contents (Yoast's, Rank Math's, Easy Table of Contents') and links from other
    # sites to "post/#part-two" land on a heading's id: Hugo and Jekyll must build the same ids.
    ensure_commands({"hugo": "hugo", "jekyll": "jekyll"})
    wxr = _wxr(tmp_path / "anchors.xml", _item(1, "post", "guide", ANCHORS_BODY))
    archive = tmp_path / "hugo-archive"
    migrate_wxr(wxr, archive, MigrateOptions(progress=False))
    site, _ = _hugo_site(tmp_path / "site", archive, {"_default/single.html": "{{ .Content }}"})
    page = (site / "public/guide/index.html").read_text("utf-8")
    # (Hugo's defaults: raw HTML is left out, so "top" and "1-intro" are not there; the README
    # says to set markup.goldmark.renderer.unsafe)
    assert '<h2 id="h-part-two">Part two</h2>' in page
    assert '<h2 id="Why_it_matters">Why it matters</h2>' in page
    assert re.search(r'<h2 id="[^"]*">Style it with \{\.button}</h2>', page), page
    archive = tmp_path / "jekyll-archive"
    migrate_wxr(wxr, archive, MigrateOptions(progress=False, flavour="jekyll"))
    site = _jekyll_site(tmp_path / "jsite", archive, "{{ content }}")
    page = next((site / "_site").rglob("guide/index.html")).read_text("utf-8")
    assert '<h2 id="h-part-two">Part two</h2>' in page
    assert '<h2 id="Why_it_matters">Why it matters</h2>' in page
    assert '<a id="top"></a>Intro.' in page and '<p><a id="1-intro"></a></p>' in page
    assert re.search(r'<h2 id="[^"]*">Style it with \{\.button}</h2>', page), page
    # (kramdown read the Markdown in <details> as text: "### Inside")
    assert '<h3 id="h-inside">Inside</h3>' in page and "###" not in page
    # (a link around a heading and a list: kept as an <a> around the Markdown, kramdown printed
    # "</a>" as text and linked nothing)
    assert re.search(r'<h3 id="[^"]*"><a href="https://old.example/contact/">Call us</a></h3>', page), page
    assert "&lt;/a&gt;" not in page and "<li>Mon-Fri</li>" in page
    for target in re.findall(r'href="#([^"]+)"', page):
        assert f'id="{target}"' in page, target


def _build_both(tmp_path: Path, bodies: dict[str, str], hugo_config: str = "") -> dict[str, tuple[str, str]]:
    """Each body a post (its slug the key), migrated and built by Hugo (unsafe HTML on, as the
    README says) and by Jekyll: slug -> (Hugo's page, Jekyll's page)."""
    ensure_commands({"hugo": "hugo", "jekyll": "jekyll"})
    items = "".join(_item(i + 1, "post", slug, body) for i, (slug, body) in enumerate(bodies.items()))
    wxr = _wxr(tmp_path / "bodies.xml", items)
    archive = tmp_path / "hugo-archive"
    migrate_wxr(wxr, archive, MigrateOptions(progress=False))
    site, _ = _hugo_site(tmp_path / "site", archive, {"_default/single.html": "{{ .Content }}"})
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\ntitle = "t"\n'
                                    '[markup.goldmark.renderer]\nunsafe = true\n' + hugo_config)
    run = subprocess.run(["hugo", "-s", str(site), "-d", str(site / "public")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    archive = tmp_path / "jekyll-archive"
    migrate_wxr(wxr, archive, MigrateOptions(progress=False, flavour="jekyll"))
    jsite = _jekyll_site(tmp_path / "jsite", archive, "{{ content }}")
    return {slug: ((site / "public" / slug / "index.html").read_text("utf-8"),
                   next((jsite / "_site").rglob(f"{slug}/index.html")).read_text("utf-8"))
            for slug in bodies}


def _lands(page: str) -> list[str]:
    """The in-page links of ``page`` that land on no element (by id or a's name)."""
    from urllib.parse import unquote
    ids = set(re.findall(r'\sid="([^"]*)"', page))
    ids = {html.unescape(i) for i in ids}
    return [t for t in re.findall(r'href="#([^"]+)"', page)
            if html.unescape(t) not in ids and unquote(html.unescape(t)) not in ids]


def test_headings_in_cards_and_empty_headings_keep_their_ids_out_of_sight(tmp_path: Path) -> None:
    # (a helper's review) "### [Title {#card}](url)": both showed "Title {#card}"; kramdown
    # showed an empty heading's "## {#top}" as its text.
    pages = _build_both(tmp_path, {
        "cards": '<p><a href="#card">c</a> <a href="#1-card">n</a> <a href="#lc">l</a></p>'
                 '<div><a href="https://ex.org/p/"><h3 id="card">Card title</h3><p>Card text.</p></a></div>'
                 '<div><a href="https://ex.org/q/"><h3 id="1-card">Second</h3><p>More.</p></a></div>'
                 '<ul><li><a href="https://ex.org/r/"><h3 id="lc">List card</h3><p>desc</p></a></li></ul>',
        "empty": '<p><a href="#top">top</a></p><h2><a name="top"></a></h2><p>Intro.</p>',
    })
    for slug, (hugo, jekyll) in pages.items():
        for page in (hugo, jekyll):
            assert "{#" not in page, (slug, page)
            assert _lands(page) == [], (slug, page)
    hugo, jekyll = pages["cards"]
    assert '<h3 id="card"><a href="https://ex.org/p/">Card title</a></h3>' in hugo
    assert '<h3 id="card"><a href="https://ex.org/p/">Card title</a></h3>' in jekyll


def test_anchors_in_links_and_named_links_stay_targets(tmp_path: Path) -> None:
    # (a helper's review) Footnotes pasted from Word (<a href="#_ftn1" name="_ftnref1">) lost
    # both targets; an anchor in a link was an <a> in an <a>, which a browser ends the link at.
    pages = _build_both(tmp_path, {
        "word": '<p>Claim<a title="" href="#_ftn1" name="_ftnref1">[1]</a> here.</p><p>More.</p>'
                '<div><hr size="1"><div id="ftn1"><p><a title="" href="#_ftnref1" name="_ftn1">[1]</a>'
                ' The source.</p></div></div>',
        "inlink": '<p><a href="/x/"><span id="s1"></span>Linked text</a></p><p><a href="#s1">s</a></p>'
                  '<h2><a name="fees" href="/fees/">Fees</a></h2><p><a href="#fees">f</a></p>',
    })
    for slug, (hugo, jekyll) in pages.items():
        for page in (hugo, jekyll):
            assert _lands(page) == [], (slug, page)
            assert not re.search(r"<a [^>]*href[^>]*>(?:(?!</a>).)*<a ", page, re.S), (slug, page)


def test_table_of_contents_plus_headings_keep_their_ids(tmp_path: Path) -> None:
    # (a helper's review) Table of Contents Plus puts each heading's id on a span holding its text
    toc = ('<div id="toc_container" class="no_bullets"><p class="toc_title">Contents</p><ul class="toc_list">'
           '<li><a href="#Why_it_matters"><span class="toc_number toc_depth_1">1</span> Why it matters</a></li>'
           '<li><a href="#Second_part"><span class="toc_number toc_depth_1">2</span> Second part</a></li></ul></div>\n'
           '<h2><span id="Why_it_matters">Why it matters</span></h2>\n<p>Text.</p>\n'
           '<h2><span id="Second_part">Second <em>part</em></span></h2>\n<p>More.</p>')
    hugo, jekyll = _build_both(tmp_path, {"tocplus": toc})["tocplus"]
    for page in (hugo, jekyll):
        assert _lands(page) == [], page
        assert '<h2 id="Why_it_matters">Why it matters</h2>' in page


def test_every_in_page_link_lands(tmp_path: Path) -> None:
    # (a helper's review) footnotes written by hand, a tab's <div id>, a paragraph's id: the
    # links of the post named them, and they were left out
    pages = _build_both(tmp_path, {
        "handfn": '<p>Claim<sup><a id="ref1" href="#fn1">1</a></sup>.</p>'
                  '<ol><li id="fn1">Source. <a href="#ref1">↩</a></li></ol>',
        "blocks": '<p><a href="#intro">i</a> <a href="#tab-1">t</a> <a href="#c1">c</a></p>'
                  '<p id="intro">A paragraph.</p><div id="tab-1"><p>Tab content</p></div>'
                  '<p><code><a name="c1"></a>code</code></p>',
    })
    for slug, (hugo, jekyll) in pages.items():
        for page in (hugo, jekyll):
            assert _lands(page) == [], (slug, page)


def test_hugo_table_of_contents_repeats_no_anchor(tmp_path: Path) -> None:
    # (a helper's review) An <a id> in the heading ("## <a id="1-intro"></a>Numbered") is copied
    # by Hugo's .TableOfContents: the id twice on the page (the contents' first, where "#1-intro"
    # then landed) and an <a> in the contents' link, which a browser ends the link at.
    body = ('<h2 id="1-intro">Numbered</h2><p>a</p><h2><span class="ez-toc-section" id="What%E2%80%99s_new">'
            '</span>What’s new</h2><p>b</p><h2 id="ok">Fine</h2><p><a href="#1-intro">n</a></p>')
    pages = _build_both(tmp_path, {"contents": body})
    site = tmp_path / "site"
    (site / "layouts/_default/single.html").write_text("{{ .TableOfContents }}{{ .Content }}")
    run = subprocess.run(["hugo", "-s", str(site), "-d", str(site / "public")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    hugo = (site / "public/contents/index.html").read_text("utf-8")
    for page in (hugo, pages["contents"][1]):
        ids = re.findall(r'\sid="([^"]*)"', page)
        assert len(ids) == len(set(ids)), page
        assert not re.search(r"<a [^>]*href[^>]*>(?:(?!</a>).)*<a ", page, re.S), page
        assert _lands(page) == [], page
