"""Round trip HTML -> Markdown -> HTML (markdown-it, CommonMark + tables) on real WordPress HTML.

For every published post/page of WordPress's theme unit test data (WordPress 6.1's own REST
``content.rendered``): visible-text token F1 >= 0.99 and equal structure counts (headings, list
items, links, images, table cells). The same F1 check runs over the Gutenberg block test data
(raw block HTML, block comments stripped).

The reference is the source HTML after the converter's *documented, deliberate* changes, and
nothing else (both raw and reference F1 are printed):

* form controls are dropped (the brief: "form elements dropped"): ``form``, ``select``/``option``,
  ``input``, ``textarea``, ``button`` and their ``label``s leave the reference too;
* embedded frames Markdown cannot hold (``iframe``/``embed`` without a fallback link) become a
  link labelled "Embedded content" (or their title): the label word and one link are added to
  the reference (``video``/``audio`` players stay HTML and need no adjustment); an embed block's bare URL becomes an autolink (one link added);
* a URL alone in a paragraph (what WordPress autoembeds; offline it printed the URL as text)
  becomes an autolink: one link added;
* a cover block whose image is a CSS ``background-image`` (fixed or repeated background) becomes
  that image: one image added;
* an ``<a>`` without ``href`` is not a link (it renders as plain text), so links are counted as
  ``a[href]`` on both sides.
"""

from __future__ import annotations

import json
import re
import statistics
import time

import markdown_it
import pytest
from lxml import etree
from lxml import html as lxml_html

from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.textmetrics import structure_counts, token_f1, visible_text
from tests.conftest import WXR_DIR

DATA = WXR_DIR
RENDERED = DATA / "themeunittestdata.rendered.json"
BLOCKS = DATA / "64-block-test-data.xml"
F1_MIN = 0.99

_MD = markdown_it.MarkdownIt("commonmark").enable("table")
_DROPPED = ("form", "select", "option", "optgroup", "input", "textarea", "button", "label")
_MEDIA_LABEL = {"iframe": "Embedded content", "embed": "Embedded content"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]{1,31}:\S*$")


def _posts() -> list[dict]:
    if not RENDERED.exists():
        pytest.skip(f"shared data not found: {RENDERED}")
    return json.loads(RENDERED.read_text(encoding="utf-8"))


def _block_items() -> list[tuple[str, str]]:
    if not BLOCKS.exists():
        pytest.skip(f"shared data not found: {BLOCKS}")
    tree = etree.parse(str(BLOCKS))
    items = []
    for item in tree.iter("item"):
        fields = {}
        for c in item:
            q = etree.QName(c)
            key = "content" if q.namespace and "/content/" in q.namespace else q.localname
            fields.setdefault(key, c.text or "")
        html = re.sub(r"<!--\s*/?wp:.*?-->", "", fields.get("content", ""), flags=re.S)
        if fields.get("post_type") in ("post", "page") and html.strip():
            items.append((fields.get("post_name") or fields.get("title", ""), html))
    return items


def reference(html: str) -> tuple[str, dict[str, int]]:
    """Visible text and structure counts the Markdown should reproduce (see module doc)."""
    counts = structure_counts(html)
    if not html.strip():
        return "", counts
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for el in list(root.iter(*_DROPPED)):
        if el.getparent() is not None:
            el.drop_tree()
    text = visible_text(lxml_html.tostring(root, encoding="unicode"))
    counts = structure_counts(lxml_html.tostring(root, encoding="unicode"))
    counts["links"] = len(root.xpath(".//a[@href]"))
    extra: list[str] = []
    for el in root.iter(*_MEDIA_LABEL):
        has_src = el.get("src") or el.get("data") or el.xpath(".//source[@src]")
        if has_src and not el.xpath(".//a[@href]"):
            extra.append(_MEDIA_LABEL[el.tag])
            counts["links"] += 1
    for el in root.xpath(".//div[contains(concat(' ', @class, ' '), ' wp-block-embed__wrapper ')]"):
        if _URL.match(el.text_content().strip()):
            counts["links"] += 1
    # a URL alone in a paragraph (autoembed's) becomes an autolink
    for el in root.iter("p"):
        if len(el) == 0 and (el.text or "").strip().startswith(("http://", "https://")) \
                and _URL.match((el.text or "").strip()):
            counts["links"] += 1
    # a cover's fixed/repeated background is a CSS image on its image layer: it becomes an image
    for el in root.xpath(".//div[contains(concat(' ', @class, ' '), ' wp-block-cover__image-background ')]"):
        if "background-image" in (el.get("style") or ""):
            counts["images"] += 1
    return " ".join([text, *extra]).strip(), counts


def roundtrip(html: str) -> tuple[str, str]:
    md = html_to_markdown(html)
    return md, _MD.render(md)


def _back_counts(back: str) -> dict[str, int]:
    counts = structure_counts(back)
    if back.strip():
        root = lxml_html.fragment_fromstring(back, create_parent="div")
        counts["links"] = len(root.xpath(".//a[@href]"))
    return counts


def _report(name: str, rows: list[tuple[float, float, str]]) -> None:
    f1s = sorted(r[0] for r in rows)
    raw = sorted(r[1] for r in rows)
    q = statistics.quantiles(f1s, n=10) if len(f1s) > 1 else f1s
    print(f"\n[{name}] n={len(rows)} F1(reference) min={f1s[0]:.4f} p10={q[0]:.4f} "
          f"median={statistics.median(f1s):.4f} mean={statistics.mean(f1s):.4f}; "
          f"F1(raw html) min={raw[0]:.4f} mean={statistics.mean(raw):.4f}")
    for f1, raw_f1, slug in sorted(rows)[:5]:
        print(f"  worst: {f1:.4f} (raw {raw_f1:.4f})  {slug}")


def test_theme_unit_test_posts_round_trip() -> None:
    posts = _posts()
    assert len(posts) == 77
    rows, failures = [], []
    for post in posts:
        html = post["content"]["rendered"]
        md, back = roundtrip(html)
        assert md == "" or (md.endswith("\n") and not md.endswith("\n\n")), post["slug"]
        ref_text, ref_counts = reference(html)
        f1 = token_f1(ref_text, visible_text(back))
        raw_f1 = token_f1(visible_text(html), visible_text(back))
        rows.append((f1, raw_f1, post["slug"]))
        got = _back_counts(back)
        if f1 < F1_MIN:
            failures.append(f"{post['slug']}: F1 {f1:.4f}")
        for key, want in ref_counts.items():
            if got[key] != want:
                failures.append(f"{post['slug']}: {key} {got[key]} != {want}")
    _report("theme unit test, content.rendered", rows)
    assert not failures, "\n".join(failures)


def test_block_test_data_round_trip() -> None:
    items = _block_items()
    assert items
    rows, failures = [], []
    for slug, html in items:
        _, back = roundtrip(html)
        ref_text, ref_counts = reference(html)
        f1 = token_f1(ref_text, visible_text(back))
        rows.append((f1, token_f1(visible_text(html), visible_text(back)), slug))
        if f1 < F1_MIN:
            failures.append(f"{slug}: F1 {f1:.4f}")
        got = _back_counts(back)
        failures += [f"{slug}: {k} {got[k]} != {v}" for k, v in ref_counts.items() if got[k] != v]
    _report("block test data, raw block HTML", rows)
    assert not failures, "\n".join(failures)


def test_conversion_is_deterministic_and_timed() -> None:
    posts = _posts()
    htmls = [p["content"]["rendered"] for p in posts]
    start = time.perf_counter()
    first = [html_to_markdown(h) for h in htmls]
    elapsed_ms = (time.perf_counter() - start) * 1000
    print(f"\n[speed] converted {len(htmls)} posts "
          f"({sum(map(len, htmls)) / 1024:.0f} KiB HTML) in {elapsed_ms:.0f} ms")
    assert first == [html_to_markdown(h) for h in htmls]
