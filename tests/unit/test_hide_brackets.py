"""shortcodes.hide_brackets_in_tags: brackets inside tags, comments and CDATA hidden, nowhere
else. It finds the tags one by one (HTML_SPLIT.finditer); the oracle here is the split into
texts and tags the way WordPress's wp_html_split() does it, as the function was written first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mwmigrate.convert.shortcodes import _ESC_CLOSE, _ESC_OPEN, hide_brackets_in_tags, restore_brackets
from mwmigrate.convert.wpautop import HTML_SPLIT


def oracle(text: str) -> str:
    parts = HTML_SPLIT.split(text)
    for i in range(1, len(parts), 2):
        parts[i] = parts[i].replace("[", _ESC_OPEN).replace("]", _ESC_CLOSE)
    return "".join(parts)


PIECES = st.sampled_from(["<", ">", "[", "]", "!", "-", "--", "<!--", "-->", "<![CDATA[", "]]>",
                          "<a href='[x]'>", "[gallery]", "</p>", "text ", "é", "\n", "/"])


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_the_same_as_the_split_into_texts_and_tags(text: str) -> None:
    assert hide_brackets_in_tags(text) == oracle(text)
    assert restore_brackets(hide_brackets_in_tags(text)) == text


def test_brackets_in_text_stay_and_those_in_tags_comments_and_cdata_are_hidden() -> None:
    text = '[gallery] <a title="[x]">[b]</a><!-- [c] --><![CDATA[ [d] ]]> [e]'
    got = hide_brackets_in_tags(text)
    assert got.startswith("[gallery] <a title=\"\ue05bx\ue05d\">[b]</a><!-- \ue05bc\ue05d -->")
    assert got.endswith(" [e]") and "[d]" not in got and "[c]" not in got


def test_a_text_whose_tags_hold_no_bracket_is_given_back_as_it_is() -> None:
    text = "<ul>" + "<li><a href='/p/'>Page [1]</a></li>" * 1000 + "</ul>"
    assert hide_brackets_in_tags(text) is text
