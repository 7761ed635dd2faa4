"""convert.htmltree: the tree built from libxml2's parse is html.parser's tree, node for node.

parse_html(html) must return what BeautifulSoup(html, "html.parser") returns: the same nodes
(types, names, attributes, strings) linked the same way (parent, siblings, next/previous_element,
which .descendants and get_text() walk), so the converter cannot tell them apart. Where libxml2
would read an input differently, parse_html_fast must decline (None) and parse_html falls back to
html.parser. Checked on malformed and odd inputs, on random token soup (hypothesis), and through
html_to_markdown against a converter that always parses with html.parser.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mwmigrate.convert import htmltree
from mwmigrate.convert import markdown as md
from mwmigrate.convert.htmltree import parse_html, parse_html_fast

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Facts of how a tree was built, not of the tree (html.parser records source positions).
_IGNORED = {"sourceline", "sourcepos", "builder", "open_tag_counter", "_most_recent_element"}
_LINKS = ("parent", "previous_element", "next_element", "previous_sibling", "next_sibling")


def _reference(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "html.parser")


def _tree_difference(expected: BeautifulSoup, got: BeautifulSoup) -> str | None:
    """Where the two trees differ (None: identical), comparing every node's attributes."""
    a, b = [expected, *expected.descendants], [got, *got.descendants]
    if len(a) != len(b):
        return f"{len(a)} nodes != {len(b)}: {str(expected)[:200]!r} / {str(got)[:200]!r}"
    pos_a = {id(n): i for i, n in enumerate(a)}
    pos_b = {id(n): i for i, n in enumerate(b)}

    def where(node: Any, pos: dict[int, int]) -> Any:
        return None if node is None else pos.get(id(node), "outside")

    for i, (x, y) in enumerate(zip(a, b)):
        if type(x) is not type(y) or (isinstance(x, NavigableString) and str(x) != str(y)):
            return f"node {i}: {type(x).__name__} {str(x)[:60]!r} != {type(y).__name__} {str(y)[:60]!r}"
        dx = {k: v for k, v in vars(x).items() if k not in _IGNORED}
        dy = {k: v for k, v in vars(y).items() if k not in _IGNORED}
        if dx.keys() != dy.keys():
            return f"node {i}: attributes {sorted(dx.keys() ^ dy.keys())}"
        for key, vx in dx.items():
            vy = dy[key]
            if key in _LINKS or key == "currentTag":
                vx, vy = where(vx, pos_a), where(vy, pos_b)
            elif key in ("contents", "tagStack"):
                vx, vy = [where(n, pos_a) for n in vx], [where(n, pos_b) for n in vy]
            elif key == "attrs":
                vx = [(k, type(v), v) for k, v in vx.items()]
                vy = [(k, type(v), v) for k, v in vy.items()]
            if vx != vy:
                return f"node {i} ({getattr(x, 'name', None)}): {key} {vx!r} != {vy!r}"
    if str(expected) != str(got):
        return "serialisations differ"
    return None


def _assert_same_tree(html: str) -> bool:
    """parse_html(html) is html.parser's tree; returns whether the fast path built it."""
    fast = parse_html_fast(html)
    if fast is not None:
        assert _tree_difference(_reference(html), fast) is None, (html, _tree_difference(_reference(html), fast))
    assert _tree_difference(_reference(html), parse_html(html)) is None
    return fast is not None


# --------------------------------------------------------------------------- inputs

WELL_FORMED = [
    (
        '<p>Hello <em>world</em> &amp; <a href="https://e.com/?a=1&amp;b=2" title="t">link</a>.</p>\n\n'
        '<ul class="wp-block-list  x"><li>one</li><li>two<br>lines</li></ul>'
    ),
    (
        '<figure class="wp-block-image size-large"><img src="a.jpg" alt="A" srcset="a.jpg 1x, b.jpg 2x"/>'
        "<figcaption>Cap &#8217;s</figcaption></figure>"
    ),
    '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>',
    "<pre class=\"wp-block-code\"><code>  if (a &lt; b) {\n    x();\n  }\n</code></pre>",
    '<!--more--><p>after</p><!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->',
    '<picture><source srcset="a.webp" type="image/webp"><img src="a.jpg"></picture>',
    '<video controls><source src="a.mp4" type="video/mp4" /><a href="a.mp4">a.mp4</a></video>',
    "<div><script>var a = 1; if (a < 2) {}</script><style>p { color: red }</style>text</div>",
    '<blockquote class="wp-block-quote"><p>q</p><cite>c</cite></blockquote>',
    "  <p>leading white space</p>  ",
    "\t-text first<b>bold</b>",
    "<details open><summary>s</summary><p>d</p></details>",
]

# Malformed and odd input: each must give html.parser's tree (fast or by falling back).
MALFORMED = [
    "", " ", "   \n\t ", "\n", "plain text", "<", ">", "<>", "</>", "< p>", "a < b > c", "<3",
    "<p>unclosed", "<p>a<p>b", "<p>a</p></p>", "</p>stray first", "<p>a</div>b</p>c",
    "<p><div>block in p</div></p>", "<li>outside a list</li>", "<ul><li>a<li>b</ul>",
    "<div><span>x</div>y</span>z", "<span><div>x</span>y</div>", "<b><i>x</b>y</i>",
    "<table><td>a<tr>b</table>", "<select><option>a<option>b</select>", "<a><a>x</a></a>",
    "<foo>unknown</foo>", "<my-el x=1>y</my-el>", "<x:y>ns</x:y>", "<DIV CLASS=A>up</DIV>",
    "<html><body><p>x</p></body></html>", "<head><title>t</title></head><body>b</body>",
    "<!DOCTYPE html><p>x</p>", "<?php echo 1 ?><p>y</p>", "<![CDATA[x]]>", "<!x>", "</ p>",
    "<!-- c -->x", "<!---->", "<!-->", "<!--->", "<p>a<!-- x -- >b</p>", "<!-- unclosed",
    "<p>x<!-- </p> --></p>", "<!--a--><!--b--> x", " <!--c--> x",
    "a &copy b &foo; c &amp d &#128; &#0; &#x110000; &#xD800; &nbsp &#65; &lt;z-b&gt;",
    '<a href="?a=1&copy=2&sect=3">x</a>', '<a title="&lt;z-p&gt;">y</a>', "&lang;&rang;&nvlt;",
    "a\x00b", "<p>\x0b x</p>", "<p>\x01</p>", "a\r\nb", "<p>a</p>\r\n<p>b</p>", "\ufeff<p>bom</p>",
    "<p>\ud800</p>", "<p>\u2028 \x85</p>",
    '<a href="' + "x" * 100_000 + '">huge</a>', "<p " + " ".join(f"a{i}=1" for i in range(300)) + ">x</p>",
    "<a b=1 b=2>dup</a>", '<a x="1"x="2">dup</a>', "<p ID=a id=b>dup</p>", "<input x x=1>",
    '<a "x"=1>q</a>', "<p =x>y</p>", "<a href=x/>y</a>", "<div/>x", "<p/>x", "<span/>",
    "<br></br>", "</br>", "<p>a</br>b</p>", "<source>x</source>", "<SOURCE src=x></Source>y",
    "<audio><source type=a src=b></source><a>x</a></audio>", "<wbr></wbr>z", "<source/></source>t",
    "<source><source></source>u</source>v", "<p>a<wbr>b</p>", "<embed src=x>y",
    "<image src=x>z", "<input disabled><input checked=checked>", "<ol reversed><li>a</li></ol>",
    "<textarea><b>x</b></textarea>", "<title>t</title><p>a</p>", "<iframe><b>x</b></iframe>",
    "<noscript><b>x</b></noscript>", "<xmp><b>x</b></xmp>", "<script>a</b>c</script>",
    "<script>if (a<b) x()</script>", "<script>unclosed", "<style>#", "<script>a</script foo>b</script>",
    "<Script>x</SCRIPT>", "<script><!--x--></script>", "<p>a<b", "<p>a</p><b", '<img alt="a>b',
    "<svg><path/></svg>", "<math><mi>x</mi></math>", "<rt>r<b>t</b></rt>", "<template><p>t</p></template>",
    "<pre>\n\n  keep  \n</pre>", "<pre><b> </b>  </pre>", "<textarea>  </textarea>",
    '<meta charset="utf-8"><p>m</p>', "<link rel=a>  <p>a</p>", "<script>x</script> hello",
    "<style>p{}</style>\n<p>a</p>", "<frameset><frame></frameset>", "x<p title='</p>'>y",
    "<p title=\"<b>x</b>\">t</p>", "<z-p>prefixed</z-p>", "<p title=\"<z-/></z-p>\">y</p></x>z",
    "<a title=\"&lt;img &#122;-void-x\">x</a>",
]


@pytest.mark.parametrize("html", WELL_FORMED)
def test_fast_path_builds_html_parser_tree(html: str) -> None:
    assert _assert_same_tree(html), "expected the libxml2 path for ordinary WordPress HTML"


@pytest.mark.parametrize("html", MALFORMED)
def test_malformed_input_gives_html_parser_tree(html: str) -> None:
    _assert_same_tree(html)


@pytest.mark.parametrize("html", MALFORMED + WELL_FORMED)
def test_malformed_input_converts_as_with_html_parser(html: str) -> None:
    expected = _SLOW.convert(html).strip("\n") if html.strip() else ""
    expected = expected + "\n" if expected.strip() else ""
    assert md.html_to_markdown(html) == expected


class _HtmlParserConverter(md.WordPressMarkdownConverter):
    """The converter parsing with BeautifulSoup(html, "html.parser") itself."""

    def _parse(self, html: str) -> BeautifulSoup:
        return _reference(html)


_SLOW = _HtmlParserConverter()

_TOKENS = [
    "<p>", "</p>", "<P>", "</p >", "<div>", "</div>", "<div/>", "<span>", "</span>", "<ul>", "</ul>",
    "<ol start=3>", "</ol>", "<li>", "</li>", "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>",
    "<em>", "</em>", "<b>", "</b>", "<strong>", "</strong>", "<a href='x?a=1&amp;b=2'>", "<a>", "</a>",
    "<img src=a.png alt='a*b'>", "<img src=b />", "<br>", "<br/>", "<hr>", "<source src=a>",
    "<source src=b />", "</source>", "<source src=s></source>", "<wbr>", "<picture>", "</picture>", "<pre>", "</pre>", "<code>", "</code>",
    "<script>x</script>", "<script>a<b</script>", "<style>p{}</style>", "<textarea>", "</textarea>",
    "<h2 class='a  b' id=x>", "</h2>", "<blockquote>", "</blockquote>", "<figure>", "<figcaption>",
    "</figcaption>", "</figure>", "<sup class=fn>", "</sup>", "<dl>", "<dt>", "<dd>", "</dl>",
    "<details>", "<summary>", "</summary>", "</details>", "<form>", "</form>", "<select>", "<option>",
    "<rt>", "</rt>", "<x-y>", "</x-y>", "<!-- c -->", "<!---->", "<!--more-->", "<!--nextpage-->",
    "<p title='</p>'>", "<p title=\"<b>\">", "<a title=\"a&lt;b\">", "<p a=1 a=2>", "</br>",
    "<!DOCTYPE html>", "<![CDATA[x]]>", "&amp;", "&lt;", "&nbsp;", "&nbsp", "&#8217;", "&copy",
    "&foo;", "&", " ", "  ", "\n", "\n\n", "\t", "\xa0", "\r\n", "\x00", "\x0c", "word", "a b", "é",
    "1.", "#", "-", "*", "_", "[", "]", "`", "\\", "|", ">", "<", "<x", "< y", "=", '"', "'", "/",
]
token_soup = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)


@SETTINGS
@given(token_soup)
def test_random_token_soup_gives_html_parser_tree(html: str) -> None:
    _assert_same_tree(html)


@SETTINGS
@given(token_soup)
def test_random_token_soup_converts_as_with_html_parser(html: str) -> None:
    expected = ""
    if html.strip():
        out = _SLOW.convert(html).strip("\n")
        expected = out + "\n" if out.strip() else ""
    assert md.html_to_markdown(html) == expected


def test_tree_supports_bs4_edits_like_html_parser_tree() -> None:
    """The converter edits the tree (extract, decompose, append, new_tag): same results."""
    html = "<div><p>a<em>b</em><em>c</em></p>\n<ul><li>x</li><ul><li>y</li></ul></ul><script>s</script></div>"
    trees = [parse_html_fast(html), _reference(html)]
    assert trees[0] is not None
    for soup in trees:
        assert isinstance(soup, BeautifulSoup)
        div = soup.div
        assert isinstance(div, Tag)
        div.script.decompose()
        ems = div.find_all("em")
        ems[0].append(ems[1].extract())
        soup.ul.li.append(soup.ul.ul.extract())
        div.append(soup.new_tag("hr", attrs={"class": "x"}))
    assert _tree_difference(trees[1], trees[0]) is None
    assert trees[0].get_text() == trees[1].get_text()


def test_fast_path_is_on_here() -> None:
    """The installed libxml2, html.parser and bs4 pass the self-check (else no speed-up)."""
    assert htmltree._fast_path_works()


def test_self_check_turns_the_fast_path_off_when_trees_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    real = htmltree._parse_fast
    monkeypatch.setattr(htmltree, "_FAST_PATH_WORKS", None)
    monkeypatch.setattr(htmltree, "_parse_fast", lambda html: real(html.replace("a", "b")))
    assert not htmltree._fast_path_works()
    assert parse_html_fast("<p>a</p>") is None
    assert _tree_difference(_reference("<p>a</p>"), parse_html("<p>a</p>")) is None
