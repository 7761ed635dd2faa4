"""URL normalisation and crawl-trap rules (pure functions)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mwmigrate.sources.urls import (
    TrapGuard,
    TrapRules,
    date_archive_level,
    in_scope,
    normalize_url,
    page_number,
    static_trap_reason,
)


@pytest.mark.parametrize("raw,expected", [
    ("HTTP://Example.ORG:80/a/./b/../c/?b=2&a=1#frag", "http://example.org/a/c/?a=1&b=2"),
    ("https://example.org:443", "https://example.org/"),
    ("https://example.org:8443/x", "https://example.org:8443/x"),
    ("https://example.org/?utm_source=x&utm_medium=y&p=5&fbclid=abc&gclid=z", "https://example.org/?p=5"),
    ("https://example.org/caf%c3%a9/%7euser/", "https://example.org/caf%C3%A9/~user/"),
    ("https://example.org/a%2Fb", "https://example.org/a%2Fb"),  # an encoded slash stays one
    ("https://example.org/café/", "https://example.org/caf%C3%A9/"),
    ("https://example.org/?s=a+b", "https://example.org/?s=a%20b"),
    ("https://example.org./x", "https://example.org/x"),
    ("https://example.org/x?PHPSESSID=1&page_id=2", "https://example.org/x?page_id=2"),
    ("mailto:someone@example.org", ""),
    ("javascript:void(0)", ""),
    ("https://[::1]:8080/x", "https://[::1]:8080/x"),
])
def test_normalize(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_relative_against_base() -> None:
    assert normalize_url("../b/#top", "https://example.org/a/c/") == "https://example.org/a/b/"
    assert normalize_url("?paged=2", "https://example.org/blog/") == "https://example.org/blog/?paged=2"


URLS = st.builds(
    lambda scheme, host, port, path, query, frag: f"{scheme}://{host}{port}{path}{query}{frag}",
    st.sampled_from(["http", "https", "HTTP"]),
    st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?(\.[A-Za-z]{2,5}){1,2}", fullmatch=True),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="?#"),
                     max_size=8), max_size=5).map(lambda segs: "/" + "/".join(segs)),
    st.one_of(st.just(""), st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)),
                                    max_size=4).map(lambda kv: "?" + "&".join(f"{k}={v}" for k, v in kv))),
    st.sampled_from(["", "#x", "#"]),
)


@settings(max_examples=400)
@given(URLS)
def test_normalisation_is_idempotent(url: str) -> None:
    once = normalize_url(url)
    assert normalize_url(once) == once


@settings(max_examples=200)
@given(st.text(max_size=60))
def test_normalisation_never_raises(text: str) -> None:
    result = normalize_url(text, "https://example.org/a/")
    assert result == "" or normalize_url(result) == result


def test_scope() -> None:
    assert in_scope("https://example.org/blog/x/", "https://example.org/blog/")
    assert not in_scope("https://example.org/shop/", "https://example.org/blog/")
    assert not in_scope("https://other.org/blog/", "https://example.org/blog/")
    assert in_scope("https://example.org/anything", "https://example.org/")


@pytest.mark.parametrize("url,level", [
    ("https://e.org/2020/", 1), ("https://e.org/2020/05/", 2), ("https://e.org/2020/05/17/", 3),
    ("https://e.org/2020/05/page/2/", 2), ("https://e.org/2020/05/17/my-post/", 0),
    ("https://e.org/?m=2020", 1), ("https://e.org/?m=202005", 2), ("https://e.org/?m=20200517", 3),
    ("https://e.org/about/", 0), ("https://e.org/events/2021/01/", 2),
])
def test_date_archive_level(url: str, level: int) -> None:
    assert date_archive_level(url) == level


@pytest.mark.parametrize("url,why", [
    ("https://e.org/post/?replytocom=5", "replytocom"),
    ("https://e.org/post/?share=twitter", "share"),
    ("https://e.org/wp-login.php?action=logout&_wpnonce=1a2b", "login"),
    ("https://e.org/x/?_wpnonce=1a2b", "nonce"),
    ("https://e.org/2020/05/17/", "day archive"),
    ("https://e.org/?m=20200517", "day archive"),
    ("https://e.org/2150/01/", "outside"),
    ("https://e.org/wp-admin/edit.php", "admin"),
    ("https://e.org/feed/", "feed"),
    ("https://e.org/category/news/feed/", "feed"),
    ("https://e.org/?feed=rss2", "feed"),
    ("https://e.org/wp-json/wp/v2/posts", "REST"),
    ("https://e.org/wp-content/uploads/2020/01/a.jpg", "media"),
    ("https://e.org/files/report.pdf", "media"),
    ("https://e.org/?s=term", "search"),
    ("https://e.org/a/b/a/b/a/b/", "repeats"),
    ("https://e.org/page/5000/", "pagination"),
    ("https://e.org/x/?a=1&b=2&c=3&d=4", "query parameters"),
    ("https://e.org/my-post/embed/", "oEmbed"),
])
def test_traps(url: str, why: str) -> None:
    reason = static_trap_reason(url, TrapRules())
    assert reason and why.lower() in reason.lower()


@pytest.mark.parametrize("url", [
    "https://e.org/", "https://e.org/2020/05/17/my-post/", "https://e.org/2020/05/",
    "https://e.org/2020/", "https://e.org/page/2/", "https://e.org/?paged=3", "https://e.org/?p=12",
    "https://e.org/?page_id=2", "https://e.org/?cat=4&paged=2", "https://e.org/?m=202005",
    "https://e.org/category/news/page/3/", "https://e.org/my-post/comment-page-2/",
    "https://e.org/author/admin/",
])
def test_not_traps(url: str) -> None:
    assert static_trap_reason(url, TrapRules()) is None


def test_rules_are_settings() -> None:
    assert static_trap_reason("https://e.org/2020/05/17/", TrapRules(date_archive_depth=3)) is None
    rules = TrapRules(allowed_params=frozenset({"s"}))
    assert static_trap_reason("https://e.org/?s=term", rules) is None


def test_guard_calendar_chain_and_query_variants() -> None:
    guard = TrapGuard(TrapRules(max_calendar_hops=2, max_query_variants=3))
    hops = guard.calendar_hops("https://e.org/2020/02/", 0, parent_is_archive=False)
    assert hops == 1
    hops = guard.calendar_hops("https://e.org/2020/03/", hops, parent_is_archive=True)
    assert hops == 2 and guard.reason("https://e.org/2020/03/", hops) is None
    hops = guard.calendar_hops("https://e.org/2020/04/", hops, parent_is_archive=True)
    assert "calendar chain" in (guard.reason("https://e.org/2020/04/", hops) or "")
    assert guard.calendar_hops("https://e.org/post/", 5, parent_is_archive=True) == 0
    for colour in ("red", "green", "blue"):
        assert guard.reason(f"https://e.org/shop/?colour={colour}") is None
    assert "query variants" in (guard.reason("https://e.org/shop/?colour=pink") or "")
    assert guard.reason("https://e.org/shop/?colour=red") is None  # seen before: still fine
    for post_id in range(50):  # WordPress's own query vars are content, never a trap
        assert guard.reason(f"https://e.org/?p={post_id}") is None


def test_page_number() -> None:
    assert page_number("https://e.org/page/7/") == 7
    assert page_number("https://e.org/?paged=3") == 3
    assert page_number("https://e.org/") == 1
