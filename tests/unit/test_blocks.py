"""Block parsing and offline do_blocks."""

from __future__ import annotations

from mwmigrate.convert.blocks import Block, BlockRun, do_blocks, has_blocks, parse_blocks

PARA = "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->"


def test_parse_single_block() -> None:
    assert parse_blocks(PARA) == [Block(name="core/paragraph", inner=["\n<p>a</p>\n"])]


def test_parse_attrs_namespace_void_and_freeform() -> None:
    blocks = parse_blocks('x<!-- wp:heading {"level":3,"t":"}"} --><h3>h</h3><!-- /wp:heading --><!-- wp:my/thing /-->')
    assert blocks[0] == Block(name=None, inner=["x"])
    assert blocks[1].name == "core/heading" and blocks[1].attrs == {"level": 3, "t": "}"}
    assert blocks[2] == Block(name="my/thing", void=True)


def test_parse_nested() -> None:
    raw = "<!-- wp:list --><ul><!-- wp:list-item --><li>i</li><!-- /wp:list-item --></ul><!-- /wp:list -->"
    (lst,) = parse_blocks(raw)
    assert lst.inner == ["<ul>", Block(name="core/list-item", inner=["<li>i</li>"]), "</ul>"]


def test_parse_unbalanced_is_lenient() -> None:
    assert do_blocks("<!-- /wp:paragraph -->a<!-- wp:group --><div>b</div>") == "a<div>b</div>"


def test_do_blocks_strips_comments_keeps_markup_and_whitespace() -> None:
    assert do_blocks(PARA + "\n\n" + PARA) == "\n<p>a</p>\n\n\n\n<p>a</p>\n"


def test_dynamic_blocks_warn_once_and_render_nothing() -> None:
    run = BlockRun(post_id=4)
    raw = '<!-- wp:latest-posts /--><!-- wp:latest-posts {"x":1} /--><!-- wp:query --><div>q</div><!-- /wp:query -->'
    assert do_blocks(raw, run) == ""
    assert run.warnings == [
        "post 4: dynamic block core/latest-posts not rendered (WordPress computes its output from site data)",
        "post 4: dynamic block core/query not rendered (WordPress computes its output from site data)",
    ]


def test_third_party_void_block_warns_but_static_kept() -> None:
    run = BlockRun(post_id=1)
    assert do_blocks("<!-- wp:acme/widget /--><!-- wp:acme/box --><p>s</p><!-- /wp:acme/box -->", run) == "<p>s</p>"
    assert len(run.warnings) == 1 and "acme/widget" in run.warnings[0]


def test_shortcode_block_is_autopd() -> None:
    assert do_blocks("<!-- wp:shortcode -->\n[foo]\n<!-- /wp:shortcode -->") == "<p>[foo]</p>\n"


def test_has_blocks() -> None:
    assert has_blocks(PARA) and not has_blocks("<!-- more -->")
