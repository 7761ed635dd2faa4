"""html_to_markdown: inline code, fenced code blocks, preformatted text."""

from mwmigrate.convert.markdown import html_to_markdown as md


def test_inline_code_backticks_and_spaces():
    html = "<p>Use <code>a `b` c</code> and <code>`x</code> and <code> pad </code> and <code>*not*</code></p>"
    assert md(html) == "Use ``a `b` c`` and `` `x `` and `  pad  ` and `*not*`\n"


def test_fenced_block_keeps_language_and_content_unescaped():
    html = ('<pre><code class="language-python">def f(x):\n    return x * 2  # `ok`\n\n'
            "print(&lt;b&gt;)</code></pre>")
    assert md(html) == "```python\ndef f(x):\n    return x * 2  # `ok`\n\nprint(<b>)\n```\n"


def test_wp_code_block_fence_longer_than_content_fence():
    html = '<pre class="wp-block-code"><code>```\nfence inside\n```</code></pre>'
    assert md(html) == "````\n```\nfence inside\n```\n````\n"


def test_break_in_pre_is_newline_and_first_newline_dropped():
    assert md("<pre>\nline1<br>line2</pre>") == "```\nline1\nline2\n```\n"


def test_preformatted_prose_with_markup_stays_html():
    html = '<pre class="wp-block-verse">Roses <em>are</em> red\n\n<a href="/v">violets</a></pre>'
    assert md(html) == html + "\n"


def test_code_with_breaks_becomes_inline_html_code():
    html = "<p><code>a {<br />\n\tb: 1;<br />\n}</code></p>"
    assert md(html) == "<code>a {\\\nb: 1;\\\n}</code>\n"


def test_kbd_kept_as_html_with_markdown_escapes():
    assert md("<p><kbd>Ctrl*C</kbd></p>") == "<kbd>Ctrl\\*C</kbd>\n"


def test_code_in_list_item_indented():
    html = "<ul><li>x<pre><code>a\n  b</code></pre></li></ul>"
    assert md(html) == "- x\n\n  ```\n  a\n    b\n  ```\n"


def test_syntaxhighlighter_brush_class_gives_the_language():
    # What WordPress.com and SyntaxHighlighter Evolved print for [code language="php"]
    html = '<pre class="brush: php; title: ; notranslate" title="">echo 1;\n$a = [1];</pre>'
    assert md(html) == "```php\necho 1;\n$a = [1];\n```\n"
    assert md('<pre class="brush:js;">x()</pre>') == "```js\nx()\n```\n"
    assert md('<pre class="toothbrush: js">x</pre>') == "```\nx\n```\n"
