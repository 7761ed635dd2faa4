"""The Morgan Wiseman fixture site: local server, generator reproducibility, WXR shape."""
from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

import requests
from bs4 import BeautifulSoup
from lxml import etree

from tests.conftest import SHARED
from tests.support.fixtures import MORGANWISEMAN_SITE, MORGANWISEMAN_WXR, REPO

SEED = SHARED / "seed" / "000_c2eb7bb4b8589b67.txt"
if not SEED.is_file():
    SEED = REPO.parent / "shared" / "seed" / "000_c2eb7bb4b8589b67.txt"
SEED_POST = "/2019/05/25/home-office-cuts-immigration-data-sharing/"
ORIG = "https://www.morganwiseman.co.uk"
WP = "{http://wordpress.org/export/1.2/}"


def get(base, path, **kw):
    return requests.get(base + path, timeout=10, allow_redirects=False, **kw)


def test_home_is_served_with_rewritten_base(morganwiseman_site):
    r = get(morganwiseman_site, "/")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert ORIG not in r.text and morganwiseman_site in r.text
    soup = BeautifulSoup(r.text, "lxml")
    assert "home" in soup.body["class"] and "blog" in soup.body["class"]
    assert soup.find("meta", attrs={"name": "generator"})["content"].startswith("WordPress 5.")
    assert len(soup.select("article.post.type-post.hentry")) == 5
    assert soup.find("link", rel="next")["href"] == morganwiseman_site + "/page/2/"
    assert get(morganwiseman_site, "/page/2/").status_code == 200


def test_seed_post_page(morganwiseman_site):
    r = get(morganwiseman_site, SEED_POST)
    assert r.status_code == 200
    soup = BeautifulSoup(r.text, "lxml")
    body = soup.body["class"]
    for c in ("single", "single-post", "postid-1473", "single-format-standard"):
        assert c in body
    art = soup.select_one("article.post-1473.post.type-post.status-publish.hentry.category-immigration")
    assert art is not None
    assert art.select_one(".entry-title").get_text(strip=True) == "Home Office cuts immigration data sharing"
    t = art.select_one("time.entry-date")
    assert t["datetime"] == "2019-05-25T11:12:38+01:00"
    assert art.select_one('a[rel="category tag"]').get_text() == "Immigration"
    assert soup.find("link", rel="canonical")["href"] == morganwiseman_site + SEED_POST
    assert soup.find("link", rel="shortlink")["href"] == morganwiseman_site + "/?p=1473"
    assert soup.find("link", rel="https://api.w.org/")["href"] == morganwiseman_site + "/wp-json/"
    assert soup.find("meta", property="article:published_time")["content"] == "2019-05-25T10:12:38+00:00"
    graph = json.loads(soup.select_one("script.yoast-schema-graph").string)
    types = {g["@type"] for g in graph["@graph"]}
    assert {"Organization", "WebSite", "WebPage", "Article", "Person"} <= types
    # body text == the seed capture, paragraph by paragraph
    seed = SEED.read_text(encoding="utf-8")
    start, end = seed.index("The Home Office has"), seed.index("it says.") + len("it says.")
    seed_paras = [p.strip() for p in seed[start:end].split("\n\n") if p.strip()]
    content = art.select_one(".entry-content")
    got = [el.get_text() for el in content.find_all(["p", "h2"], recursive=False)]
    assert got[:len(seed_paras)] == seed_paras
    assert got[len(seed_paras)].startswith("Original article available here: https://www.ukauthority.com/")
    assert content.find("h2").get_text() == "Schemes suspended"
    # theme / plugin furniture from the capture
    assert soup.select_one("#cookie-law-info-bar") and soup.select_one("#cliSettingsPopup")
    assert soup.select_one("div.wpcf7 > form.wpcf7-form")
    assert soup.select_one("#recent-posts-2.widget_recent_entries")
    assert len(soup.select("#archives-2.widget_archive li")) == 11
    assert [a.get_text() for a in soup.select(".kl-blog-related-post-title a")] == [
        "ICIB report on citizenship fees", "Reforming the UK border and immigration system",
        "Government publishes details of immigration advisory groups"]
    assert "10731548" in soup.select_one("#footer").get_text()


def test_archives_and_pagination(morganwiseman_site):
    r1 = get(morganwiseman_site, "/category/immigration/")
    r2 = get(morganwiseman_site, "/category/immigration/page/2/")
    assert r1.status_code == r2.status_code == 200
    s2 = BeautifulSoup(r2.text, "lxml")
    assert "paged-2" in s2.body["class"]
    assert len(s2.select("article.category-immigration")) == 2
    assert get(morganwiseman_site, "/category/immigration/page/3/").status_code == 404
    may = BeautifulSoup(get(morganwiseman_site, "/2019/05/").text, "lxml")
    assert len(may.select("article.type-post")) == 3
    assert get(morganwiseman_site, "/author/a9jcbgg/").status_code == 200
    assert get(morganwiseman_site, "/tag/home-office/").status_code == 200
    r = get(morganwiseman_site, "/category/immigration")  # WordPress adds the slash
    assert r.status_code == 301 and r.headers["Location"].endswith("/category/immigration/")
    r = get(morganwiseman_site, "/?p=1473")
    assert r.status_code == 301 and r.headers["Location"] == morganwiseman_site + SEED_POST


def test_404(morganwiseman_site):
    r = get(morganwiseman_site, "/no-such-page/")
    assert r.status_code == 404
    assert "error404" in BeautifulSoup(r.text, "lxml").body["class"]


def test_robots_and_sitemaps(morganwiseman_site):
    r = get(morganwiseman_site, "/robots.txt")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {morganwiseman_site}/wp-sitemap.xml" in r.text
    idx = get(morganwiseman_site, "/wp-sitemap.xml")
    assert idx.headers["Content-Type"] == "application/xml; charset=UTF-8"
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = etree.fromstring(idx.content).xpath("//sm:sitemap/sm:loc/text()", namespaces=ns)
    assert f"{morganwiseman_site}/wp-sitemap-posts-post-1.xml" in locs
    posts = etree.fromstring(get(morganwiseman_site, "/wp-sitemap-posts-post-1.xml").content)
    urls = posts.xpath("//sm:url/sm:loc/text()", namespaces=ns)
    assert morganwiseman_site + SEED_POST in urls and len(urls) == 16


def test_feed(morganwiseman_site):
    r = get(morganwiseman_site, "/feed/")
    assert r.headers["Content-Type"] == "application/rss+xml; charset=UTF-8"
    doc = etree.fromstring(r.content)
    assert len(doc.findall("channel/item")) == 10
    assert doc.find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded") is not None
    assert len(etree.fromstring(get(morganwiseman_site, "/feed/?paged=2").content).findall("channel/item")) == 6


def test_rest_posts_pagination(morganwiseman_site):
    r = get(morganwiseman_site, "/wp-json/wp/v2/posts", params={"per_page": 5, "page": 2})
    assert r.status_code == 200
    assert r.headers["X-WP-Total"] == "16" and r.headers["X-WP-TotalPages"] == "4"
    assert 'rel="next"' in r.headers["Link"] and 'rel="prev"' in r.headers["Link"]
    assert morganwiseman_site in r.headers["Link"]
    data = r.json()
    assert len(data) == 5
    # same order, other spelling of the query
    r_alt = requests.get(f"{morganwiseman_site}/wp-json/wp/v2/posts?page=2&per_page=5", timeout=10)
    assert r_alt.json() == data
    allp = get(morganwiseman_site, "/wp-json/wp/v2/posts", params={"per_page": 100}).json()
    assert len(allp) == 16
    seed = next(p for p in allp if p["id"] == 1473)
    assert seed["date"] == "2019-05-25T11:12:38" and seed["date_gmt"] == "2019-05-25T10:12:38"
    assert seed["link"] == morganwiseman_site + SEED_POST
    assert seed["categories"] == [3]
    # REST content.rendered is the same HTML as the page body
    page = BeautifulSoup(get(morganwiseman_site, SEED_POST).text, "lxml")
    body_html = page.select_one(".entry-content")
    rest_body = BeautifulSoup(seed["content"]["rendered"], "lxml")
    assert [p.get_text() for p in rest_body.find_all(["p", "h2"])] == \
        [p.get_text() for p in body_html.find_all(["p", "h2"], recursive=False)]
    assert seed["content"]["rendered"] in get(morganwiseman_site, SEED_POST).text
    beyond = get(morganwiseman_site, "/wp-json/wp/v2/posts", params={"per_page": 5, "page": 5})
    assert beyond.status_code == 400 and beyond.json()["code"] == "rest_post_invalid_page_number"
    for coll in ("pages", "categories", "tags", "users", "media"):
        rr = get(morganwiseman_site, f"/wp-json/wp/v2/{coll}")
        assert rr.status_code == 200 and int(rr.headers["X-WP-Total"]) == len(rr.json()) or coll == "pages"
    assert get(morganwiseman_site, "/wp-json/").json()["name"] == "Morgan Wiseman"


def test_build_reproduces_committed_files(tmp_path):
    subprocess.run([sys.executable, str(MORGANWISEMAN_SITE.parent / "build.py"), "--out", str(tmp_path)],
                   check=True)

    def tree(root: Path):
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    built = tmp_path / "site"
    assert tree(built) == tree(MORGANWISEMAN_SITE)
    match, mismatch, errors = filecmp.cmpfiles(built, MORGANWISEMAN_SITE, tree(built), shallow=False)
    assert not mismatch and not errors
    assert (tmp_path / "morganwiseman.xml").read_bytes() == MORGANWISEMAN_WXR.read_bytes()


def test_wxr_parses_with_expected_counts():
    doc = etree.parse(str(MORGANWISEMAN_WXR))
    channel = doc.getroot().find("channel")
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    items = channel.findall("item")
    by_type: dict[str, int] = {}
    for it in items:
        t = it.findtext(f"{WP}post_type")
        by_type[t] = by_type.get(t, 0) + 1
    assert by_type == {"post": 16, "page": 12, "attachment": 1, "nav_menu_item": 11, "wpcf7_contact_form": 1}
    assert len(channel.findall(f"{WP}author")) == 2
    assert len(channel.findall(f"{WP}category")) == 5
    assert len(channel.findall(f"{WP}tag")) == 7
    assert {t.findtext(f"{WP}term_slug") for t in channel.findall(f"{WP}term")} == {"main-menu", "legal-notices"}
    seed = next(it for it in items if it.findtext(f"{WP}post_id") == "1473")
    meta = {m.findtext(f"{WP}meta_key"): m.findtext(f"{WP}meta_value") for m in seed.findall(f"{WP}postmeta")}
    assert meta["_thumbnail_id"] == "1474"
    assert seed.findtext(f"{WP}post_date") == "2019-05-25 11:12:38"
    assert seed.findtext("{http://purl.org/rss/1.0/modules/content/}encoded").startswith("The Home Office has")
    assert len(doc.getroot().findall(f".//{WP}comment")) == 2
    main_menu = [it for it in items if it.findtext(f"{WP}post_type") == "nav_menu_item"
                 and it.find("category[@domain='nav_menu']").get("nicename") == "main-menu"]
    assert len(main_menu) == 7
    assert re.search(r"\S", doc.getroot().findtext("channel/title"))
