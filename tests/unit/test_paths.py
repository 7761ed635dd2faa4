"""archive.paths: untrusted names never become unsafe paths (examples + Hypothesis properties)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mwmigrate.archive.paths import join_safe, media_path, safe_component, slug_for, url_path
from mwmigrate.errors import UnsafePathError

WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)

HOSTILE = [
    "../../etc/passwd", "/abs/path", "..", ".", "...", "con", "a/b\\c", "%2e%2e%2fescape",
    "%2F%2Fdouble", "x" * 500, "é" * 300, "%e6%97%a5%e6%9c%ac", "", " ", "\x00", "a\x00b",
    "%00", "..\\..\\win", "C:\\Windows", "-.-", "~", "\u202e\u202dltr", "a\nb", "\t",
]


def assert_safe(comp: str) -> None:
    assert isinstance(comp, str) and comp
    assert "/" not in comp and "\\" not in comp and "\x00" not in comp
    assert comp not in (".", "..")
    assert len(comp.encode("utf-8")) <= 255
    assert not any(ord(c) < 0x20 for c in comp)


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_component_examples(name: str) -> None:
    assert_safe(safe_component(name))


def test_safe_component_keeps_readable_names() -> None:
    assert safe_component("hello-world") == "hello-world"
    assert safe_component("%e6%97%a5%e6%9c%ac") == "日本"
    assert safe_component("Hello World") == "Hello-World"
    assert safe_component("../../etc/passwd") not in ("etc", "passwd", "..")
    assert safe_component("", fallback="post-7") == "post-7"


@pytest.mark.parametrize("name", ["con", "CON", "Con", "aux", "nul", "prn", "com1", "LPT9",
                                  "con.txt", "nul.", "%63on"])
def test_safe_component_never_a_windows_device_name(name: str) -> None:
    # the docstring promises "no device names": an archive written on Linux must unpack on Windows
    comp = safe_component(name)
    assert not WINDOWS_RESERVED.match(comp), f"{name!r} -> {comp!r} is a Windows device name"


def test_slug_for_falls_back() -> None:
    assert slug_for("", "Hello World", 3) == "hello-world"
    assert slug_for("", "🎉🎉", 3) == "post-3"
    assert slug_for("", "", 4) == "post-4"
    assert slug_for("..", "", 5) not in (".", "..", "")
    long = slug_for("a" * 500, "", 6)
    assert len(long.encode()) <= 255 and long.startswith("a")


def test_join_safe_refuses_escapes() -> None:
    assert join_safe("content", "posts", "a.md") == "content/posts/a.md"
    for parts in [("/etc", "passwd"), ("..", "x"), ("a", "..", "b"), ("a", "/b"), ("a/../../b",)]:
        with pytest.raises(UnsafePathError):
            join_safe(*parts)


@pytest.mark.parametrize("parts", [("a", "."), ("a", ""), ("content", "posts", ""), ("./a",)])
def test_join_safe_refuses_empty_and_dot_components(parts: tuple[str, ...]) -> None:
    # join_safe lists "." and "" as refused, but PurePosixPath drops them before the check,
    # so ("content", "posts", "") silently becomes the folder "content/posts"
    with pytest.raises(UnsafePathError):
        join_safe(*parts)


def test_url_path() -> None:
    assert url_path("https://x.example/2024/03/hello/") == "/2024/03/hello/"
    assert url_path("https://x.example/?p=12") == "/?p=12"
    assert url_path("https://x.example") == "/"
    assert url_path("") == ""


def test_url_path_of_a_plain_permalink_in_a_folder() -> None:
    # WordPress in /blog without pretty permalinks: home_url('?p=12'), /blog/?p=12; the path
    # alone, /blog/, is the site's front page
    assert url_path("https://x.example/blog/?p=12") == "/blog/?p=12"
    assert url_path("https://x.example/blog/?page_id=7") == "/blog/?page_id=7"
    assert url_path("https://x.example/blog/?post_type=book&p=3") == "/blog/?post_type=book&p=3"
    assert url_path("https://x.example/blog/") == "/blog/"
    assert url_path("https://x.example/blog/hello/?lang=fr") == "/blog/hello/"  # (no plain permalink)


def test_media_path_examples() -> None:
    assert media_path("https://x.example/wp-content/uploads/2024/03/pic.jpg", 1) == "media/2024/03/pic.jpg"
    assert media_path("https://x.example/files/2024/a.png", 1) == "media/2024/a.png"
    for url in ["https://x.example/wp-content/uploads/../../../etc/passwd",
                "https://x.example/wp-content/uploads/%2e%2e/%2e%2e/etc/passwd",
                "https://x.example/wp-content/uploads/..%2f..%2fetc%2fpasswd",
                "file:///etc/passwd", "", "https://x.example/", "https://x.example/wp-content/uploads//"]:
        rel = media_path(url, 9)
        parts = PurePosixPath(rel).parts
        assert parts[0] == "media" and len(parts) >= 2
        for comp in parts[1:]:
            assert_safe(comp)


# --------------------------------------------------------------------------- properties

names = st.text(max_size=600) | st.text(alphabet="./\\%2eEfF0 \x00:con", max_size=40)


@settings(max_examples=400)
@given(names)
@example("%2e%2e")
@example("%252e%252e")
@example("\u0301" * 200)
@example("." * 300)
def test_safe_component_property(name: str) -> None:
    assert_safe(safe_component(name))


@settings(max_examples=300)
@given(names, st.text(max_size=200), st.integers(min_value=-10**9, max_value=10**12))
def test_slug_for_property(slug: str, title: str, wp_id: int) -> None:
    assert_safe(slug_for(slug, title, wp_id))


@settings(max_examples=300)
@given(st.lists(names, min_size=1, max_size=6))
def test_join_safe_of_safe_components_stays_inside(raw: list[str]) -> None:
    comps = [safe_component(r) for r in raw]
    rel = join_safe(*comps)
    assert not rel.startswith("/")
    assert list(PurePosixPath(rel).parts) == comps
    base = Path("/srv/archive")
    assert (base / rel).resolve().is_relative_to(base)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["a", "b", "..", "x/..", "/abs", "../y"]), min_size=1, max_size=5))
def test_join_safe_refuses_any_climbing_part(parts: list[str]) -> None:
    climbs = any(p.startswith("/") or ".." in PurePosixPath(p).parts for p in parts)
    if climbs:
        with pytest.raises(UnsafePathError):
            join_safe(*parts)
    else:
        assert join_safe(*parts) == "/".join(parts)


url_parts = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
                     | st.sampled_from(["..", ".", "%2e%2e", "%2F", "con", ""]), max_size=6)


@pytest.mark.parametrize("url", ["http://[broken/wp-content/uploads/2024/pic.jpg", "//[", "http://]x/"])
def test_malformed_urls_do_not_crash(url: str) -> None:
    # urlsplit raises ValueError("Invalid IPv6 URL") on these; an export can hold any string
    rel = media_path(url, 5)
    assert rel.startswith("media/")
    for comp in PurePosixPath(rel).parts[1:]:
        assert_safe(comp)
    assert isinstance(url_path(url), str)


@settings(max_examples=300)
@given(st.sampled_from(["https://x.example/wp-content/uploads/", "https://x.example/files/",
                        "https://x.example/", "/", ""]), url_parts, st.integers(0, 10**6))
@example("", ["", "", "["], 0)
def test_media_path_property(prefix: str, parts: list[str], wp_id: int) -> None:
    rel = media_path(prefix + "/".join(parts), wp_id)
    p = PurePosixPath(rel)
    assert not p.is_absolute() and p.parts[0] == "media" and len(p.parts) >= 2
    for comp in p.parts[1:]:
        assert_safe(comp)
    base = Path("/srv/archive")
    assert (base / rel).resolve().is_relative_to(base)


def test_earlier_paths_of_renamed_and_redated_posts():
    from mwmigrate.archive.paths import earlier_paths

    date = "2024-07-01T10:00:00+01:00"
    url = "https://example.org/2024/07/01/third-name/"
    # Earlier slug, earlier date, and both: the three URLs WordPress redirects.
    assert earlier_paths(url, "third-name", date, ["first-name"], "2024-06-15") == [
        "/2024/07/01/first-name/", "/2024/06/15/third-name/", "/2024/06/15/first-name/"]
    # Structures showing part of the date, or none of it.
    assert earlier_paths("https://e.org/blog/2024/07/x/", "x", date, None, ["2024-05-20"]) == ["/blog/2024/05/x/"]
    assert earlier_paths("https://e.org/x/", "x", date, "old", "2024-05-20") == ["/old/"]
    # Percent-encoded slugs come out readable; hostile or empty values are ignored.
    assert earlier_paths("https://e.org/caf%c3%a9-news/", "caf%c3%a9-news", date,
                         ["caf%c3%a9", "..", "a/b", " ", "x?y", 5], None) == ["/café/"]
    # No slug in the URL (?p=, or a link that does not end in it): no earlier slug URLs.
    assert earlier_paths("https://e.org/?p=5", "x", date, ["y"], None) == []
    assert earlier_paths("https://e.org/2024/07/01/other/", "x", date, ["y"], None) == []
    assert earlier_paths(url, "third-name", date, ["third-name"], ["2024-07-01", "bad"]) == []


def test_earlier_paths_refuse_encoded_steps_and_lines():
    from mwmigrate.archive.paths import earlier_paths, redirectable

    url = "http://x.test/2024/03/slug/"
    for hostile in ("%2e%2e", "%2E", "a%0A%2F*%20https:%2F%2Fevil.example%20301%0A%23", "a%2fb", "a%5cb"):
        assert earlier_paths(url, "slug", "2024-03-05", hostile, None) == [], hostile
    assert [p for p in ("/a/b/", "/a b/", "/../x", "/x/.", "/a..b/", "/a\n/") if redirectable(p)] == ["/a/b/", "/a..b/"]


@given(st.lists(st.text(alphabet="ab./\\%\x00 é", max_size=6), max_size=4))
@example(["a", "b.md"])
@example([])
@example(["/abs", "x"])
@example(["a/", "b"])
def test_join_safe_is_the_posix_join_or_a_refusal(parts: list[str]) -> None:
    # join_safe joins strings itself (a PurePosixPath per file cost measurable time): it must
    # give what PurePosixPath gives, or refuse when a segment is empty, "." or "..".
    segments = "/".join(parts).split("/")
    if not parts or any(s in ("", ".", "..") for s in segments):
        with pytest.raises(UnsafePathError):
            join_safe(*parts)
    else:
        assert join_safe(*parts) == PurePosixPath(*parts).as_posix()
