"""texturize._texturize_plain: wptexturize() of a text without shortcodes or tags that stop
texturizing, without the tag-stack loop. The oracle is wptexturize's own loop, forced by a
_MAY_DISABLE that matches every text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mwmigrate.convert.texturize as tx

PIECES = st.sampled_from([
    "<p>", "</p>", "<a href='/a?b=1&c=2'>", "</a>", "<!-- a & b 'c' -->", "<!--", "-->", "<", ">",
    "<br />", "<img alt=\"It's\">", "&", "&amp;", "&#038;", "&nbsp;", "'", '"', "--", "---", "-",
    "2x3", "9'", "10\"", "(c)", "...", "``", "'tis", " ", "\n", "\t", "word", "é", "[", "]",
    "<pre>", "<code>", "</code>", "<tt>", "<PRE>", "<pre\n>", "<kbd>", "[caption]", "[/caption]",
])


def slow(text: str, names: tuple[str, ...] = ()) -> str:
    real = tx._MAY_DISABLE
    tx._MAY_DISABLE = re.compile("")  # (matches every text: the loop is taken)
    try:
        return tx.wptexturize(text, names)
    finally:
        tx._MAY_DISABLE = real


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from([(), ("caption",)]))
def test_the_same_as_the_loop(text: str, names: tuple[str, ...]) -> None:
    assert tx.wptexturize(text, names) == slow(text, names)


@pytest.mark.parametrize("text", [
    "<ul><li><a href='/x/?a=1&b=2'>Tom's &amp; Jerry's \"page\" -- 2x3</a></li></ul>",
    "<p>It's 'quoted' & <!-- it's & --> done...</p>",
    "no tags at all -- it's 10\" long",
])
def test_a_text_without_stopping_tags_takes_the_plain_way_and_reads_the_same(text, monkeypatch) -> None:
    taken = []
    real = tx._texturize_plain
    monkeypatch.setattr(tx, "_texturize_plain", lambda t: taken.append(t) or real(t))
    assert tx.wptexturize(text) == slow(text)
    assert taken == [text]
    assert "&#038;" in tx.wptexturize(text) or "&" not in text.replace("&amp;", "")


def test_a_code_tag_keeps_its_text_as_it_is() -> None:
    assert tx.wptexturize("<p>it's</p><code>it's</code>") == "<p>it&#8217;s</p><code>it's</code>"
