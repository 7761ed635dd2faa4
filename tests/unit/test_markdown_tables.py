"""html_to_markdown: GFM pipe tables when simple, raw HTML otherwise."""

from mwmigrate.convert.markdown import html_to_markdown as md


def test_thead_table_with_pipe_and_break_in_cells():
    html = "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>a|b</td><td>x<br>y</td></tr></tbody></table>"
    assert md(html) == "| A | B |\n| --- | --- |\n| a\\|b | x<br>y |\n"


def test_first_row_of_th_is_header():
    html = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
    assert md(html) == "| A | B |\n| --- | --- |\n| 1 | 2 |\n"


def test_rowspan_stays_html():
    html = '<table><tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr></table>'
    assert md(html) == html + "\n"


def test_block_content_in_cell_stays_html():
    html = "<table><tr><th>A</th></tr><tr><td><p>block</p></td></tr></table>"
    assert md(html) == html + "\n"


def test_headerless_table_html_by_default_or_empty_header():
    html = "<table><tr><td>a</td><td>b</td></tr></table>"
    assert md(html) == html + "\n"
    assert md(html, headerless_tables="empty") == "|  |  |\n| --- | --- |\n| a | b |\n"


def test_caption_and_code_with_pipe():
    html = "<table><caption>Cap</caption><thead><tr><th>A</th></tr></thead><tbody><tr><td><code>x|y</code></td></tr></tbody></table>"
    assert md(html) == "*Cap*\n\n| A |\n| --- |\n| `x\\|y` |\n"


def test_row_header_cells_bold_and_empty_header_cell():
    html = "<table><thead><tr><th>H</th><th></th></tr></thead><tbody><tr><th><a href='/j'>John</a></th><td>*</td></tr></tbody></table>"
    assert md(html) == "| H |  |\n| --- | --- |\n| **[John](/j)** | \\* |\n"


def test_tfoot_rows_become_body_rows():
    html = ("<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>b</td></tr></tbody>"
            "<tfoot><tr><td>f</td></tr></tfoot></table>")
    assert md(html) == "| H |\n| --- |\n| b |\n| f |\n"


def test_column_alignment_in_delimiter_row():
    html = ('<table><thead><tr><th class="has-text-align-left" data-align="left">A</th><th data-align="center">B</th>'
            '<th style="color:red; text-align: right">C</th><th>D</th></tr></thead><tbody><tr>'
            '<td class="has-text-align-left">1</td><td align="center">2</td><td style="text-align:right">3</td>'
            '<td class="has-text-align-right">4</td></tr></tbody></table>')
    # D: only one cell of the column is aligned, which GFM cannot say
    assert md(html) == "| A | B | C | D |\n| :--- | :---: | ---: | --- |\n| 1 | 2 | 3 | 4 |\n"


def test_ragged_rows_stay_html():
    html = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td></tr></table>"
    assert md(html) == html + "\n"
