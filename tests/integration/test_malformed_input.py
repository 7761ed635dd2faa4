"""Malformed and hostile exports through the real CLI (subprocess).

Issue requirement: truncated, control characters, XXE, entity bomb, hostile slugs, non-WXR,
empty: each case ends in a clear message and writes nothing outside DIR. Every case is built
from one small valid WXR in tmp_path.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mwmigrate.archive.writer import ArchiveWriter
from mwmigrate.model import Post
from mwmigrate.sources.wxr import WXRReader, read_wxr_index

# the console script of the interpreter running the tests (/work/main/.venv/bin/mwmigrate)
MWMIGRATE = str(Path(sys.executable).with_name("mwmigrate"))


def _converters_ready() -> bool:
    try:
        from mwmigrate.convert.render import render_content

        render_content("x")
    except (NotImplementedError, ImportError):  # not written yet, or mid-edit by its owners
        return False
    return True


needs_converters = pytest.mark.skipif(not _converters_ready(),
                                      reason="convert.render_content not implemented yet")

BASE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Tiny Site</title>
  <link>https://tiny.example</link>
  <description>Just testing</description>
  <language>en-US</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://tiny.example</wp:base_site_url>
  <wp:base_blog_url>https://tiny.example</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login><wp:author_display_name><![CDATA[Ada Admin]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug><![CDATA[hello]]></wp:tag_slug><wp:tag_name><![CDATA[Hello]]></wp:tag_name></wp:tag>
  <item>
    <title>First post</title>
    <link>https://tiny.example/first-post/</link>
    <dc:creator><![CDATA[admin]]></dc:creator>
    <guid isPermaLink="false">https://tiny.example/?p=10</guid>
    <content:encoded><![CDATA[<p>Hello <strong>world</strong>.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>10</wp:post_id>
    <wp:post_date>2024-03-01 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt>
    <wp:comment_status>open</wp:comment_status>
    <wp:post_name><![CDATA[first-post]]></wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>post</wp:post_type>
    <wp:post_password></wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
    <category domain="post_tag" nicename="hello"><![CDATA[Hello]]></category>
    <wp:comment>
      <wp:comment_id>5</wp:comment_id>
      <wp:comment_author><![CDATA[Bob]]></wp:comment_author>
      <wp:comment_author_email>bob@example.org</wp:comment_author_email>
      <wp:comment_date>2024-03-02 11:00:00</wp:comment_date>
      <wp:comment_date_gmt>2024-03-02 10:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Nice post]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_type></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
  </item>
  <item>
    <title>Second post</title>
    <link>https://tiny.example/second-post/</link>
    <dc:creator><![CDATA[admin]]></dc:creator>
    <guid isPermaLink="false">https://tiny.example/?p=11</guid>
    <content:encoded><![CDATA[<p>Second body</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>11</wp:post_id>
    <wp:post_date>2024-03-05 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-05 09:00:00</wp:post_date_gmt>
    <wp:post_name><![CDATA[second-post]]></wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type>post</wp:post_type>
    <category domain="category" nicename="news"><![CDATA[News]]></category>
  </item>
  <item>
    <title>About</title>
    <link>https://tiny.example/about/</link>
    <dc:creator><![CDATA[admin]]></dc:creator>
    <guid isPermaLink="false">https://tiny.example/?page_id=12</guid>
    <content:encoded><![CDATA[<p>About us</p>]]></content:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_date>2024-01-01 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-01-01 09:00:00</wp:post_date_gmt>
    <wp:post_name><![CDATA[about]]></wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type>page</wp:post_type>
  </item>
  <item>
    <title>photo</title>
    <link>https://tiny.example/first-post/photo/</link>
    <guid isPermaLink="false">https://tiny.example/wp-content/uploads/2024/03/photo.jpg</guid>
    <wp:post_id>13</wp:post_id>
    <wp:post_date>2024-03-01 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt>
    <wp:post_name><![CDATA[photo]]></wp:post_name>
    <wp:status>inherit</wp:status>
    <wp:post_parent>10</wp:post_parent>
    <wp:post_type>attachment</wp:post_type>
    <wp:post_mime_type>image/jpeg</wp:post_mime_type>
    <wp:attachment_url><![CDATA[https://tiny.example/wp-content/uploads/2024/03/photo.jpg]]></wp:attachment_url>
  </item>
</channel>
</rss>
"""
B = BASE.encode("utf-8")
TITLE1 = b"<title>First post"


def _with_doctype(data: bytes, doctype: bytes) -> bytes:
    return data.replace(b"?>\n", b"?>\n" + doctype + b"\n", 1)


def _bomb() -> bytes:
    decls = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10))
    return _with_doctype(B, b"<!DOCTYPE rss [" + decls + b"]>").replace(
        TITLE1, b"<title>&lol9;").replace(b'nicename="news"', b'nicename="&lol9;"', 1)


_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\x83\xb3"
        b"\x00\x00\x00\x00IEND\xaeB`\x82")
_XXE = b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'

CASES: dict[str, bytes] = {
    "truncated": B[: B.index(b"<title>Second post") + 40],
    "ctrl_title": B.replace(TITLE1, b"<title>First\x0b post\x1a"),
    "ctrl_cdata": B.replace(b"Hello <strong>", b"Hello\x0b\x1a <strong>"),
    "entities": B.replace(TITLE1, b"<title>First&nbsp;post &eacute;t&eacute; &hellip;"),
    "bad_utf8": B.replace(TITLE1, b"<title>Caf\xe9 it\x92s"),
    "xxe": _with_doctype(B, _XXE).replace(TITLE1, b"<title>&xxe;"),
    "xxe_param": _with_doctype(B, b'<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'),
    "xxe_external_dtd": _with_doctype(B, b'<!DOCTYPE rss SYSTEM "file:///etc/passwd">'),
    "bomb": _bomb(),
    "atom": b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            b"<title>x</title><entry><title>e</title></entry></feed>\n",
    "xhtml": b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x'
             b"</title></head><body><p>hi</p></body></html>\n",
    "plain_rss": b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title>'
                 b"<item><title>a</title><description>b</description></item></channel></rss>\n",
    "empty": b"",
    "png": _PNG,
}
# cases whose strict error is an XML syntax error: the message names line and column
POSITIONED = {"truncated", "ctrl_title", "ctrl_cdata", "entities", "bad_utf8"}
REPAIRABLE = {
    # case -> texts the --recover warnings must contain
    "ctrl_title": ["removed 2 control characters"],
    "ctrl_cdata": ["removed 2 control characters"],
    "entities": ["&nbsp;", "&eacute;", "&hellip;", "replaced 2 undefined entity &eacute;"],
    "bad_utf8": ["re-decoded 2 byte runs", "Windows-1252"],
    "truncated": [],  # checked separately
}
REFUSED_EVEN_IN_RECOVER = sorted(set(CASES) - set(REPAIRABLE))
NOT_WXR = {"atom": "<feed>", "xhtml": "<html>", "plain_rss": "wp: namespace"}


# --------------------------------------------------------------------------- helpers


def run(args: list[str], cwd: Path, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NO_PROXY"] = "*"
    return subprocess.run([MWMIGRATE, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env, **kw)


def outside(parent: Path, out: Path) -> list[str]:
    """Everything under ``parent`` that is not inside ``out`` (relative names)."""
    names = []
    for p in sorted(parent.rglob("*")):
        if p == out or out in p.parents:
            continue
        names.append(p.relative_to(parent).as_posix())
    return names


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def previous_archive(out: Path) -> dict[str, bytes]:
    with ArchiveWriter(out) as w:
        w.write_text("content/posts/previous.md", "the previous archive\n")
        w.commit({"tool": "test"})
    return tree(out)


def setup(tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path, Path]:
    src_dir = tmp_path / "in"
    src_dir.mkdir(exist_ok=True)
    src = src_dir / f"{name}.xml"
    src.write_bytes(data)
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return src, work, work / "archive"


def assert_one_line_error(stderr: str, src: Path) -> str:
    assert "Traceback" not in stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{stderr}"
    assert lines[0].startswith("mwmigrate: error: ")
    assert str(src) in lines[0]
    return lines[0]


def manifest_warnings(out: Path) -> list[str]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["warnings"]


def posts_jsonl(out: Path) -> list[dict]:
    text = (out / "records/posts.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


# --------------------------------------------------------------------------- strict mode


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("with_previous", [False, True])
def test_strict_refuses_with_one_clear_line(tmp_path: Path, name: str, with_previous: bool) -> None:
    src, work, out = setup(tmp_path, name, CASES[name])
    before = previous_archive(out) if with_previous else None
    listing = outside(work, out)
    proc = run(["migrate", str(src), "--out", str(out), "--no-progress"], cwd=work)
    assert proc.returncode == 3, proc.stderr
    line = assert_one_line_error(proc.stderr, src)
    assert proc.stdout == ""
    if name in POSITIONED:
        m = re.search(re.escape(str(src)) + r":(\d+):(\d+): ", line)
        assert m and int(m.group(1)) >= 1, f"no line:column in {line!r}"
        assert "--recover" in line
    if name in NOT_WXR:
        assert "not a WordPress export" in line and NOT_WXR[name] in line
    if name.startswith(("xxe", "bomb")):
        assert "DTD" in line or "entit" in line
    assert outside(work, out) == listing  # nothing written beside DIR, no staging left
    if before is None:
        assert not out.exists()
    else:
        assert tree(out) == before


def test_entity_error_names_the_entity_and_where(tmp_path: Path) -> None:
    # lxml reports "no element found (line 0)" for an undefined entity when entities are not
    # resolved; the real error is in exc.error_log
    src, work, out = setup(tmp_path, "entities", CASES["entities"])
    proc = run(["migrate", str(src), "--out", str(out)], cwd=work)
    line = assert_one_line_error(proc.stderr, src)
    assert "nbsp" in line
    assert f"{src}:20:" in line


def test_zero_item_wxr_migrates_to_an_empty_archive(tmp_path: Path) -> None:
    start, end = B.index(b"  <item>"), B.rindex(b"</item>\n") + len(b"</item>\n")
    src, work, out = setup(tmp_path, "zero", B[:start] + B[end:])
    proc = run(["migrate", str(src), "--out", str(out), "--no-progress"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert outside(work, out) == []
    assert posts_jsonl(out) == []
    assert not list(out.rglob("*.md"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["in_source"] == {}
    terms = (out / "records/terms.jsonl").read_text().splitlines()
    assert len(terms) == 2  # the category and the tag are still kept


@needs_converters
def test_latin1_declared_correctly_is_fine(tmp_path: Path) -> None:
    data = B.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"').replace(TITLE1, b"<title>Caf\xe9")
    src, work, out = setup(tmp_path, "latin1", data)
    proc = run(["migrate", str(src), "--out", str(out), "--no-progress"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    titles = [p["title"] for p in posts_jsonl(out)]
    assert "Café" in titles
    assert manifest_warnings(out) == []


# --------------------------------------------------------------------------- recover mode


@pytest.mark.parametrize("name", REFUSED_EVEN_IN_RECOVER)
def test_recover_still_refuses_hostile_or_foreign_input(tmp_path: Path, name: str) -> None:
    src, work, out = setup(tmp_path, name, CASES[name])
    before = previous_archive(out)
    listing = outside(work, out)
    proc = run(["migrate", str(src), "--out", str(out), "--recover", "--no-progress"], cwd=work)
    assert proc.returncode == 3, proc.stderr
    assert_one_line_error(proc.stderr, src)
    assert outside(work, out) == listing
    assert tree(out) == before


@needs_converters
@pytest.mark.parametrize("name", sorted(set(REPAIRABLE) - {"truncated"}))
def test_recover_repairs_and_lists_repairs(tmp_path: Path, name: str) -> None:
    src, work, out = setup(tmp_path, name, CASES[name])
    proc = run(["migrate", str(src), "--out", str(out), "--recover", "--no-progress"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = manifest_warnings(out)
    for text in REPAIRABLE[name]:
        assert any(text in w for w in warnings), (text, warnings)
        assert text in proc.stderr  # the summary shows them too
    assert outside(work, out) == []
    records = posts_jsonl(out)
    assert sorted(p["wp_id"] for p in records) == [10, 11, 12]
    first = next(p for p in records if p["wp_id"] == 10)
    expected_title = {"ctrl_title": "First post", "ctrl_cdata": "First post",
                      "entities": "First\xa0post été …", "bad_utf8": "Café it’s"}[name]
    assert first["title"] == expected_title
    if name == "ctrl_cdata":
        assert "\x0b" not in first["content_html"] and "world" in first["content_html"]
    for p in records:
        assert (out / p["path"]).is_file()


@needs_converters
def test_recover_truncated_succeeds_and_says_so(tmp_path: Path) -> None:
    src, work, out = setup(tmp_path, "truncated", CASES["truncated"])
    proc = run(["migrate", str(src), "--out", str(out), "--recover", "--no-progress"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    warnings = manifest_warnings(out)
    assert any("Premature end" in w or "cut short" in w for w in warnings), warnings
    ids = [p["wp_id"] for p in posts_jsonl(out)]
    assert 10 in ids
    assert outside(work, out) == []


def test_recover_truncated_does_not_publish_the_cut_item(tmp_path: Path) -> None:
    """The item the file ends inside is incomplete: it must be skipped and listed, not
    published as a post with an invented id and an empty body."""
    src, _, _ = setup(tmp_path, "truncated", CASES["truncated"])
    reader = WXRReader(src, recover=True)
    posts = [e for e in reader if isinstance(e, Post)]
    assert [p.wp_id for p in posts] == [10]
    assert any("Second post" in w for w in reader.warnings), reader.warnings


def test_recover_truncated_inside_content_is_not_silently_kept(tmp_path: Path) -> None:
    # cut inside the second post's body, after its id would already be known in other orders
    data = B.replace(b"<wp:post_id>11</wp:post_id>", b"").replace(
        b"<title>Second post</title>", b"<title>Second post</title>\n    <wp:post_id>11</wp:post_id>")
    data = data[: data.index(b"Second body") + 6]
    src, _, _ = setup(tmp_path, "cut_body", data)
    reader = WXRReader(src, recover=True)
    posts = {e.wp_id: e for e in reader if isinstance(e, Post)}
    assert 10 in posts
    if 11 in posts:  # kept: then it must at least carry a warning saying it is incomplete
        assert any("11" in w and ("cut" in w or "incomplete" in w or "truncat" in w)
                   for w in reader.warnings), reader.warnings


# --------------------------------------------------------------------------- XXE and bombs


def _passwd_markers() -> list[str]:
    try:
        lines = Path("/etc/passwd").read_text().splitlines()
    except OSError:
        return []
    return [ln for ln in lines[:3] if len(ln) > 8]


@pytest.mark.parametrize("name", ["xxe", "xxe_param", "xxe_external_dtd"])
@pytest.mark.parametrize("recover", [False, True])
def test_xxe_never_leaks_file_content(tmp_path: Path, name: str, recover: bool) -> None:
    markers = _passwd_markers()
    if not markers:
        pytest.skip("no /etc/passwd to leak")
    src, work, out = setup(tmp_path, name, CASES[name])
    args = ["migrate", str(src), "--out", str(out)] + (["--recover"] if recover else [])
    proc = run(args, cwd=work)
    assert proc.returncode == 3
    assert "XXE" in proc.stderr or "DTD" in proc.stderr
    blob = proc.stdout + proc.stderr
    for p in tmp_path.rglob("*"):
        if p.is_file() and p != src:
            blob += p.read_text(errors="replace")
    for marker in markers:
        assert marker not in blob
    assert not out.exists()
    # the reader itself refuses as well, before yielding anything
    reader = WXRReader(src, recover=recover)
    with pytest.raises(Exception) as info:
        for _ in reader:
            pass
    assert "DTD" in str(info.value) or "PEReference" in str(info.value)


def _limit_memory() -> None:
    limit = 1024 * 1024 * 1024  # 1 GiB of address space: an expanded bomb needs ~3 GB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize("recover", [False, True])
def test_billion_laughs_refused_quickly(tmp_path: Path, recover: bool) -> None:
    src, work, out = setup(tmp_path, "bomb", CASES["bomb"])
    args = ["migrate", str(src), "--out", str(out)] + (["--recover"] if recover else [])
    started = time.monotonic()
    proc = run(args, cwd=work, timeout=30, preexec_fn=_limit_memory)
    elapsed = time.monotonic() - started
    assert proc.returncode == 3, proc.stderr
    assert elapsed < 10
    assert_one_line_error(proc.stderr, src)
    assert "lol" * 100 not in proc.stderr
    assert outside(work, out) == [] and not out.exists()


def test_quadratic_blowup_refused(tmp_path: Path) -> None:
    doctype = b'<!DOCTYPE rss [<!ENTITY a "' + b"x" * 50_000 + b'">]>'
    data = _with_doctype(B, doctype).replace(TITLE1, b"<title>" + b"&a;" * 20_000)
    src, work, out = setup(tmp_path, "quadratic", data)
    proc = run(["migrate", str(src), "--out", str(out), "--recover"], cwd=work, timeout=30,
               preexec_fn=_limit_memory)
    assert proc.returncode == 3
    assert_one_line_error(proc.stderr, src)


# --------------------------------------------------------------------------- hostile slugs

HOSTILE_SLUGS = [
    "../../etc/passwd", "/abs/path", "..", ".", "con", "a/b\\c", "%2e%2e%2fescape",
    "s" * 500, "%e6%97%a5%e6%9c%ac", "", "dup", "dup", "t" * 130 + "-one", "t" * 130 + "-two",
    "..%2F..%2F..%2Ftmp%2Fpwned", "~root", "-", "nul.md",
]


def _post_item(wp_id: int, slug: str, title: str, ptype: str = "post", parent: int = 0) -> str:
    esc = slug.replace("&", "&amp;").replace("<", "&lt;")
    return f"""  <item>
    <title>{title}</title>
    <link>https://tiny.example/?p={wp_id}</link>
    <dc:creator>admin</dc:creator>
    <content:encoded><![CDATA[<p>Body of {wp_id}</p>]]></content:encoded>
    <wp:post_id>{wp_id}</wp:post_id>
    <wp:post_date>2024-03-01 10:00:00</wp:post_date>
    <wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt>
    <wp:post_name>{esc}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_parent>{parent}</wp:post_parent>
    <wp:post_type>{ptype}</wp:post_type>
  </item>
"""


def hostile_wxr(slugs: list[str]) -> bytes:
    head = BASE[: BASE.index("  <item>")]
    items = []
    for i, slug in enumerate(slugs):
        title = "🎉🎊" if slug == "" else f"Post {i}"
        items.append(_post_item(100 + i, slug, title))
    # pages with hostile slugs and a hostile parent chain
    items.append(_post_item(900, "../..", "Parent page", "page"))
    items.append(_post_item(901, "..", "Child page", "page", parent=900))
    items.append(_post_item(902, "/etc", "Grandchild page", "page", parent=901))
    return (head + "".join(items) + "</channel>\n</rss>\n").encode("utf-8")


def test_hostile_slugs_are_read_verbatim(tmp_path: Path) -> None:
    src, _, _ = setup(tmp_path, "hostile", hostile_wxr(HOSTILE_SLUGS))
    index = read_wxr_index(src)
    slugs = [index.posts[100 + i][2] for i in range(len(HOSTILE_SLUGS))]
    assert slugs[0] == "../../etc/passwd"
    assert slugs[8] == "日本"
    assert len(index.posts) == len(HOSTILE_SLUGS) + 3


@needs_converters
def test_hostile_slugs_stay_inside_the_archive(tmp_path: Path) -> None:
    src, work, out = setup(tmp_path, "hostile", hostile_wxr(HOSTILE_SLUGS))
    proc = run(["migrate", str(src), "--out", str(out), "--no-progress"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert outside(work, out) == []
    assert not (tmp_path / "etc").exists() and not Path("/tmp/pwned").exists()
    records = posts_jsonl(out)
    ids = sorted(p["wp_id"] for p in records)
    assert ids == sorted([100 + i for i in range(len(HOSTILE_SLUGS))] + [900, 901, 902])
    paths = [p["path"] for p in records]
    assert len(set(paths)) == len(paths)  # duplicates separated
    root = out.resolve()
    for rel in paths:
        f = (out / rel).resolve()
        assert f.is_relative_to(root) and f.is_file(), rel
        for comp in Path(rel).parts:
            assert comp not in ("", ".", "..") and len(comp.encode()) <= 255
    md_files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert md_files == sorted(paths)
    for p in out.rglob("*"):
        assert not p.is_symlink()
        assert p.resolve().is_relative_to(root)
    by_id = {p["wp_id"]: p["path"] for p in records}
    assert by_id[108].endswith("日本.md")
    assert by_id[110] != by_id[111]  # "dup" twice
    assert by_id[112] != by_id[113]  # equal after truncation
    # deterministic: a second run gives the same paths
    out2 = work / "again"
    proc = run(["migrate", str(src), "--out", str(out2), "--no-progress"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert {p["wp_id"]: p["path"] for p in posts_jsonl(out2)} == by_id


@needs_converters
def test_slug_collisions_with_id_suffix_do_not_crash(tmp_path: Path) -> None:
    # post 1 is literally "x-7"; posts 2 and 7 are both "x": the second "x" tries "x-7", taken
    head = BASE[: BASE.index("  <item>")]
    items = _post_item(1, "x-7", "A") + _post_item(2, "x", "B") + _post_item(7, "x", "C")
    src, work, out = setup(tmp_path, "collide", (head + items + "</channel>\n</rss>\n").encode())
    proc = run(["migrate", str(src), "--out", str(out), "--no-progress"], cwd=work)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    paths = [p["path"] for p in posts_jsonl(out)]
    assert len(paths) == 3 and len(set(paths)) == 3
    assert outside(work, out) == []
