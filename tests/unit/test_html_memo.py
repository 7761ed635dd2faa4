"""SiteView's memo of rendered block HTML is bounded: a key that varies per post (each page's
page list marks that page) must not keep one rendering per post for the whole run."""

from __future__ import annotations

from mwmigrate.convert.siteview import HtmlMemo


def test_renders_once_per_key_while_kept() -> None:
    memo, calls = HtmlMemo(entries=4, chars=1000), []

    def render(text: str):
        return lambda: calls.append(text) or text

    assert memo.get("a", render("<ul>a</ul>")) == "<ul>a</ul>"
    assert memo.get("a", render("other")) == "<ul>a</ul>"  # kept: not rendered again
    assert memo.get("none", render(None)) is None
    assert memo.get("none", render("other")) is None  # "nothing to print" is kept too
    assert calls == ["<ul>a</ul>", None]


def test_least_recently_used_dropped_past_the_entry_bound() -> None:
    memo = HtmlMemo(entries=3, chars=1000)
    for key in "abc":
        memo.get(key, lambda k=key: k)
    memo.get("a", lambda: "again")  # a is used again: b is now the oldest
    memo.get("d", lambda: "d")
    assert len(memo) == 3
    assert memo.get("b", lambda: "b rendered again") == "b rendered again"
    assert memo.get("a", lambda: "x") == "a"


def test_characters_bounded_and_too_large_a_value_not_kept() -> None:
    memo = HtmlMemo(entries=100, chars=100)
    for i in range(10):  # 10 x 30 characters: at most 3 kept
        memo.get(i, lambda i=i: str(i) * 30)
    assert len(memo) == 3
    assert memo.get(9, lambda: "x") == "9" * 30 and memo.get(0, lambda: "new") == "new"
    big = "y" * 101
    assert memo.get("big", lambda: big) == big
    assert memo.get("big", lambda: "rendered again") == "rendered again"
