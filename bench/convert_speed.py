"""Micro-benchmark and output snapshot for the per-post conversion (render_content, html_to_markdown).

    .venv/bin/python bench/convert_speed.py                # posts/s of each function, best of 5
    .venv/bin/python bench/convert_speed.py --snapshot     # record every corpus output
    .venv/bin/python bench/convert_speed.py --check        # compare with the recorded outputs
    .venv/bin/python bench/convert_speed.py --profile render|markdown

The corpus: every item's raw content:encoded (and comment) of the shared WXR test files and the
morganwiseman fixture, rendered with an empty context and with the context a migration builds
(media, galleries, autoembed on and off); every content.rendered of themeunittestdata.rendered.json
through html_to_markdown. Snapshots go to .bench/convert-snapshot/ (git-ignored scratch): one
sha256 per output in index.json and the full texts in outputs.json.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import sys
import time
from dataclasses import replace
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.render import RenderContext, render_content
from mwmigrate.model import Post
from mwmigrate.sources.wxr import WXRReader, read_wxr_index

SHARED = Path(os.environ.get("MWMIGRATE_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "data" / "wxr"
WXR_FILES = [
    SHARED / "themeunittestdata.wordpress.xml",
    SHARED / "64-block-test-data.xml",
    SHARED / "theme-preview.xml",
    ROOT / "fixtures/wxr/morganwiseman.xml",
]
RENDERED_JSON = SHARED / "themeunittestdata.rendered.json"
SNAP_DIR = ROOT / ".bench/convert-snapshot"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_WP = "{http://wordpress.org/export/1.2/}"


def raw_contents(path: Path) -> list[str]:
    """Every <content:encoded> and <wp:comment_content> of the file, in document order."""
    out = []
    for _, el in etree.iterparse(str(path), events=("end",), recover=True):
        if el.tag in (_CONTENT, _WP + "comment_content"):
            out.append(el.text or "")
    return out


def corpus() -> list[tuple[str, str, RenderContext | None]]:
    """(key, html or raw content, context) — context None means: html_to_markdown only."""
    cases: list[tuple[str, str, RenderContext | None]] = []
    for path in WXR_FILES:
        for i, raw in enumerate(raw_contents(path)):
            cases.append((f"{path.name}#raw{i}", raw, RenderContext()))
        index = read_wxr_index(path)
        ctx = RenderContext(media=index.media, attachments_by_parent=index.attachments_by_parent,
                            site_url=index.site.base_blog_url or index.site.url)
        for i, ent in enumerate(WXRReader(path)):
            if isinstance(ent, Post):
                c = replace(ctx, post_id=ent.wp_id, post_url=ent.url)
                cases.append((f"{path.name}#post{i}", ent.content_raw, c))
                cases.append((f"{path.name}#post{i}/autoembed", ent.content_raw, replace(c, autoembed_links=True)))
    for i, item in enumerate(json.loads(RENDERED_JSON.read_text())):
        cases.append((f"{RENDERED_JSON.name}#{i}", item["content"]["rendered"], None))
    return cases


def outputs(cases) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out: dict[str, str] = {}
    for key, text, ctx in cases:
        if ctx is None:
            out[key + "/md"] = html_to_markdown(text)
            continue
        r = render_content(text, ctx)
        out[key + "/html"] = r.html
        out[key + "/excerpt"] = r.excerpt_html
        out[key + "/meta"] = json.dumps({"pages": r.pages, "warnings": r.warnings})
        out[key + "/md"] = html_to_markdown(r.html)
        out[key + "/excerpt_md"] = html_to_markdown(r.excerpt_html)
    return out


def snapshot(check: bool) -> int:
    outs = outputs(corpus())
    index = {k: hashlib.sha256(v.encode()).hexdigest() for k, v in outs.items()}
    if not check:
        SNAP_DIR.mkdir(parents=True, exist_ok=True)
        (SNAP_DIR / "index.json").write_text(json.dumps(index, indent=0, sort_keys=True))
        (SNAP_DIR / "outputs.json").write_text(json.dumps(outs, ensure_ascii=False, indent=0))
        print(f"recorded {len(outs)} outputs in {SNAP_DIR}")
        return 0
    ref = json.loads((SNAP_DIR / "index.json").read_text())
    ref_text = json.loads((SNAP_DIR / "outputs.json").read_text())
    bad = [k for k in ref if index.get(k) != ref[k]] + [k for k in index if k not in ref]
    for k in bad[:10]:
        print("DIFF", k)
        a, b = ref_text.get(k, ""), outs.get(k, "")
        n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        print("  expected:", repr(a[max(0, n - 80) : n + 80]))
        print("  got:     ", repr(b[max(0, n - 80) : n + 80]))
    print(f"compared {len(ref)} outputs: {len(bad)} differ")
    return 1 if bad else 0


def bench_inputs() -> tuple[list[tuple[str, RenderContext]], list[str]]:
    """The theme unit test posts as a migration sees them; their rendered HTML for markdown."""
    path = WXR_FILES[0]
    index = read_wxr_index(path)
    ctx = RenderContext(media=index.media, attachments_by_parent=index.attachments_by_parent,
                        site_url=index.site.base_blog_url or index.site.url)
    posts = [
        (e.content_raw, replace(ctx, post_id=e.wp_id, post_url=e.url))
        for e in WXRReader(path)
        if isinstance(e, Post) and e.type not in ("attachment", "nav_menu_item")
    ]
    htmls = [render_content(raw, c).html for raw, c in posts]
    return posts, htmls


def best_rate(fn, items, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for it in items:
            fn(it)
        best = min(best, time.perf_counter() - t0)
    return len(items) / best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshot", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--profile", choices=("render", "markdown"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if args.snapshot or args.check:
        return snapshot(args.check)
    posts, htmls = bench_inputs()
    render = lambda p: render_content(p[0], p[1])
    if args.profile:
        fn, items = (render, posts) if args.profile == "render" else (html_to_markdown, htmls)
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(3):
            for it in items:
                fn(it)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return 0
    print(f"{len(posts)} posts (themeunittestdata), best of {args.repeat}")
    print(f"render_content:   {best_rate(render, posts, args.repeat):8.0f} posts/s")
    print(f"html_to_markdown: {best_rate(html_to_markdown, htmls, args.repeat):8.0f} posts/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
