"""wptexturize_marked must give exactly wptexturize's result on a body with fragment marks,
reusing a fragment's result only where it cannot depend on the text around it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mwmigrate.convert import texturize
from mwmigrate.convert.fragments import FRAGMENT_CLOSE, FRAGMENT_OPEN
from mwmigrate.convert.texturize import wptexturize, wptexturize_marked

# Pieces chosen for what wptexturize reacts to: quotes and primes, dashes, ellipses, 9x9,
# ampersands, tags (some that stop it), comments, shortcodes, an unclosed "<" or "<!--".
atoms = st.sampled_from([
    "'", '"', "it's", "'quoted'", '"double"', "9'", '12"', "--", "---", " - ", "...", "2x3",
    "&", "&amp;", "(tm)", "``", "''", " ", "\n", "word", "<p>", "</p>", "<a href=\"x?a=1&b=2\">",
    "</a>", "<li>", "</li>", "<code>", "</code>", "<pre>", "</pre>", "<!-- c -->", "<!--",
    "<", ">", "[caption]", "[/caption]", "[code]", "[/code]", "[", "]", "<br />",
    "<ul class='x'>", "</ul>",
])
NAMES = ("caption", "code")  # shortcodes the renderer knows: [code] stops texturize
texts = st.lists(atoms, max_size=12).map("".join)


@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=4), texts)
@settings(max_examples=400)
def test_same_as_wptexturize_on_the_whole_text(pairs: list[tuple[str, str]], head: str) -> None:
    text = head + "".join(FRAGMENT_OPEN + fragment + FRAGMENT_CLOSE + tail
                          for fragment, tail in pairs)
    texturize._MARKED_MEMO.clear()
    assert wptexturize_marked(text, NAMES) == wptexturize(text, NAMES)
    assert wptexturize_marked(text, NAMES) == wptexturize(text, NAMES)  # again, from the memo


def test_a_fragment_is_done_once_and_reused() -> None:
    fragment = "<ul><li>Tom's page -- \"new\"</li></ul>"
    text = f"<p>Intro 'a'</p>{FRAGMENT_OPEN}{fragment}{FRAGMENT_CLOSE}<p>... end</p>"
    texturize._MARKED_MEMO.clear()
    assert wptexturize_marked(text) == wptexturize(text)
    assert len(texturize._MARKED_MEMO) == 1
    (done,) = texturize._MARKED_MEMO.values()
    assert "Tom&#8217;s page &#8212; &#8220;new&#8221;" in done  # what WordPress prints


def test_falls_back_to_the_whole_text_when_the_context_matters() -> None:
    # inside <pre> nothing is texturized: the fragment's result depends on what is around it
    text = f"<pre>{FRAGMENT_OPEN}<b>'a' -- b</b>{FRAGMENT_CLOSE}</pre>"
    texturize._MARKED_MEMO.clear()
    assert wptexturize_marked(text) == wptexturize(text) == text
    assert texturize._MARKED_MEMO == {}
