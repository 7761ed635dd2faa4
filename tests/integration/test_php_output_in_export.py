"""PHP's output written into a WXR export, through the real CLI.

WordPress writes the export with PHP's echo; whatever else PHP prints on the way lands in the
file: blank lines from a theme's functions.php before the XML declaration ("XML declaration
allowed only at the start of the document" is the classic importer complaint), a "headers
already sent" warning at the top, notices between or inside items, a fatal error after the
end. And users join the files of a split export with ``cat``. Each case: a clear message, the
items kept, nothing lost without saying so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.integration.test_malformed_input import (
    B,
    assert_one_line_error,
    manifest_warnings,
    outside,
    posts_jsonl,
    run,
    setup,
)

WARNING = (b"<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by "
           b"(output started at /var/www/wp-content/themes/acme/functions.php:88) in "
           b"<b>/var/www/wp-admin/includes/export.php</b> on line <b>51</b><br />\n")
NOTICE = (b"<br />\n<b>Notice</b>:  Undefined index: acme_field in "
          b"<b>/var/www/wp-content/plugins/acme/acme.php</b> on line <b>12</b><br />\n")
FATAL = (b"<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted in "
         b"<b>/var/www/wp-includes/class-wpdb.php</b> on line <b>2056</b><br />\n")
SECOND_ITEM = b"  <item>\n    <title>Second post"
IDS = [10, 11, 12]  # the two posts and the page of the base export


def migrate(tmp_path: Path, name: str, data: bytes, *flags: str):
    src, work, out = setup(tmp_path, name, data)
    proc = run(["migrate", str(src), "--out", str(out), "--no-progress", *flags], cwd=work)
    return src, work, out, proc


def _line_of(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def test_blank_lines_before_the_declaration_are_skipped_and_said(tmp_path: Path) -> None:
    _, work, out, proc = migrate(tmp_path, "blank", b"\n\n  \n" + B)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p["wp_id"] for p in posts_jsonl(out)) == IDS
    warnings = manifest_warnings(out)
    assert any("skipped 3 blank lines before the XML declaration" in w for w in warnings), warnings
    assert outside(work, out) == []


def test_a_byte_order_mark_alone_is_no_warning(tmp_path: Path) -> None:
    _, _, out, proc = migrate(tmp_path, "bom", b"\xef\xbb\xbf" + B)
    assert proc.returncode == 0, proc.stderr
    assert manifest_warnings(out) == []


def test_errors_after_skipped_lines_name_the_files_own_line(tmp_path: Path) -> None:
    data = b"\n\n" + B.replace(b"<title>First post", b"<title>First\x0b post")
    src, _, _, proc = migrate(tmp_path, "blank_ctrl", data)
    line = assert_one_line_error(proc.stderr, src)
    expected = _line_of(data, b"<title>First")
    assert f"{src}:{expected}:" in line, line
    assert ", line " not in line  # libxml2's own position (counted from the declaration) is gone
    _, _, out, proc = migrate(tmp_path, "blank_ctrl", data, "--recover")
    assert proc.returncode == 0, proc.stderr
    assert any(f"(lines {expected})" in w and "control characters" in w for w in manifest_warnings(out)), manifest_warnings(out)


def test_a_php_warning_before_the_xml(tmp_path: Path) -> None:
    data = WARNING + B
    src, work, out, proc = migrate(tmp_path, "warning", data)
    assert proc.returncode == 3
    line = assert_one_line_error(proc.stderr, src)
    assert "text before its XML (lines 1-3)" in line
    assert "Warning: Cannot modify header information" in line and "--recover" in line
    assert not out.exists() and outside(work, out) == []

    _, _, out, proc = migrate(tmp_path, "warning", data, "--recover")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p["wp_id"] for p in posts_jsonl(out)) == IDS
    assert any("skipped text before the XML declaration (lines 1-3)" in w
               and "headers already sent" in w for w in manifest_warnings(out))


def test_a_notice_between_items_is_reported_and_nothing_lost(tmp_path: Path) -> None:
    data = B.replace(SECOND_ITEM, NOTICE + SECOND_ITEM)
    _, _, out, proc = migrate(tmp_path, "between", data)
    assert proc.returncode == 0, proc.stderr
    posts = {p["wp_id"]: p for p in posts_jsonl(out)}
    assert sorted(posts) == IDS
    assert posts[11]["title"] == "Second post"
    warnings = manifest_warnings(out)
    expected = f"before line {_line_of(data, SECOND_ITEM)}"  # the second <item>
    assert any("between the export's elements" in w and expected in w and
               "Notice: Undefined index: acme_field in /var/www/wp-content/plugins/acme/acme.php on line 12" in w
               for w in warnings), warnings


def test_a_warning_inside_an_item_is_reported_and_the_item_kept(tmp_path: Path) -> None:
    data = B.replace(b"    <wp:post_id>10</wp:post_id>", NOTICE + b"    <wp:post_id>10</wp:post_id>")
    _, _, out, proc = migrate(tmp_path, "inside", data)
    assert proc.returncode == 0, proc.stderr
    posts = {p["wp_id"]: p for p in posts_jsonl(out)}
    assert sorted(posts) == IDS
    assert "Hello <strong>world</strong>" in posts[10]["content_html"]
    assert any(w.startswith("post 10: skipped text inside its item") and "Undefined index" in w
               for w in manifest_warnings(out))


def test_a_fatal_error_after_the_end(tmp_path: Path) -> None:
    data = B + FATAL
    src, work, out, proc = migrate(tmp_path, "fatal", data)
    assert proc.returncode == 3
    line = assert_one_line_error(proc.stderr, src)
    assert f"text after the end of the export (line {_line_of(data, FATAL)} on, {len(FATAL)} bytes)" in line
    assert "Fatal error: Allowed memory size" in line and "cut short" not in line
    _, _, out, proc = migrate(tmp_path, "fatal", data, "--recover")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p["wp_id"] for p in posts_jsonl(out)) == IDS
    warnings = manifest_warnings(out)
    assert any("skipped text after the end of the export" in w and "Fatal error" in w for w in warnings)
    assert not any("Extra content" in w for w in warnings)  # said once, in words


@pytest.mark.parametrize("recover", [False, True])
def test_processing_instructions_are_no_content(tmp_path: Path, recover: bool) -> None:
    """Well-formed XML may hold processing instructions anywhere (a "<?php ... ?>" left in a
    theme's export filter): they were read as elements and crashed the reader."""
    data = B.replace(b"<wp:post_id>10", b"<?php echo 1; ?><wp:post_id>10").replace(
        b"<wp:wxr_version>", b"<?acme v=2?><wp:wxr_version>")
    _, _, out, proc = migrate(tmp_path, "pi", data, *(["--recover"] if recover else []))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p["wp_id"] for p in posts_jsonl(out)) == IDS


@pytest.mark.parametrize("recover", [False, True])
def test_two_exports_joined_are_never_half_read(tmp_path: Path, recover: bool) -> None:
    """libxml2's recovery stops at the end of the first document: the second's items would be
    lost with one "Extra content" warning. Refused in both modes, with where to cut."""
    second = B.replace(b"<wp:post_id>1", b"<wp:post_id>2")
    data = B + second
    src, work, out, proc = migrate(tmp_path, "joined", data, *(["--recover"] if recover else []))
    assert proc.returncode == 3, proc.stdout
    line = assert_one_line_error(proc.stderr, src)
    start = _line_of(data, second[:40]) if data.count(second[:40]) == 1 else B.count(b"\n") + 1
    assert f"second export after the end of the first, from line {start}" in line, line
    assert not out.exists() and outside(work, out) == []


# --------------------------------------------------------------------------- property


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mwmigrate.errors import WXRError  # noqa: E402
from mwmigrate.model import Media, Post  # noqa: E402
from mwmigrate.sources.wxr import WXRReader  # noqa: E402

# Not "<![CDATA[" (here or below): a stray opener hides the item tags after it, up to the next
# "]]>", from the count of the items the file holds: a known limit of the LOST warning.
_LEAD = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300).map(
    lambda t: t.encode("utf-8")).filter(
        lambda b: b"<?xml" not in b and b"<rss" not in b and b"<![CDATA[" not in b)
# What PHP's messages and broken plugins put in a file, in any order.
_JUNK = st.lists(st.sampled_from(
    ["<", "</b>", "<b>", "<br />", "<br>", "Notice", ": ", "&", "&nbsp;", "]]>", "<!--", "-->",
     '"', '<a href="', "<?", "?>", "\n", "x", "<p>", "</item>", "<item>", "</channel>", "é"]),
    max_size=12).map(lambda parts: "".join(parts).encode("utf-8"))


def _read(src: Path, recover: bool) -> tuple[list, list[str]]:
    reader = WXRReader(src, recover=recover)
    entities = [e for e in reader if isinstance(e, (Post, Media))]
    return entities, reader.warnings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lead=_LEAD, between=_LEAD)
def test_any_text_around_items_loses_no_item(tmp_path: Path, lead: bytes, between: bytes) -> None:
    """Whatever text stands before the XML and between two items: with --recover every item is
    read, with the same titles, or (markup in the text broke the XML) counted in a LOST warning;
    without --recover, the same items or one WXRError (never a half read)."""
    data = lead + B.replace(SECOND_ITEM, between.replace(b"]]>", b"") + b"\n" + SECOND_ITEM)
    src = tmp_path / "p.xml"
    src.write_bytes(data)
    entities, warnings = _read(src, True)
    titles = ["First post", "Second post", "About", "photo"]
    if b"<" in between:
        lost = sum(int(m.group(1)) for w in warnings if (m := re.match(r"LOST (\d+) of the file's", w)))
        assert len(set(titles) - {e.title for e in entities}) <= lost, warnings
    else:
        assert [e.title for e in entities] == titles, warnings
    try:
        strict, _ = _read(src, False)
    except WXRError:
        return
    assert [e.title for e in strict] == [e.title for e in entities]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(between=_JUNK)
def test_broken_markup_between_items_is_read_or_said_lost(tmp_path: Path, between: bytes) -> None:
    """Markup that breaks the XML: with --recover each of the file's 4 items is either read or
    counted in a LOST warning (none vanishes without a word); strict mode reads all or refuses."""
    src = tmp_path / "p.xml"
    src.write_bytes(B.replace(SECOND_ITEM, between + b"\n" + SECOND_ITEM))
    entities, warnings = _read(src, True)
    lost = [int(m.group(1)) for w in warnings if (m := re.match(r"LOST (\d+) of the file's", w))]
    missing = {10, 11, 12, 13} - {e.wp_id for e in entities}  # (junk may make an item of its own)
    assert len(missing) <= sum(lost), (missing, warnings)
    assert len({e.wp_id for e in entities}) == len(entities)
    try:
        strict, _ = _read(src, False)
    except WXRError:
        return
    assert {10, 11, 12, 13} <= {e.wp_id for e in strict}
