"""Plugin blocks whose text is in their attributes, printed by their render_callback: rendered
from the attributes, as WordPress does (the saved markup has no text to keep)."""

from __future__ import annotations

from mwmigrate.convert.blocks import BlockRun, do_blocks
from mwmigrate.convert.markdown import html_to_markdown as md
from mwmigrate.convert.render import render_content

# Kadence Blocks 3: kadence/singlebtn's save() is null (src/blocks/singlebtn/block.js); its
# text and link are attributes (Kadence_Blocks_Singlebtn_Block::build_html prints them).
KADENCE_BUTTONS = (
    '<!-- wp:kadence/advancedbtn {"uniqueID":"portland-hero-buttons"} -->\n'
    '<div class="wp-block-kadence-advancedbtn kb-buttons-wrap kb-btns-portland-hero-buttons">'
    '<!-- wp:kadence/singlebtn {"uniqueID":"portland-church-btn","text":"Request a musician",'
    '"link":"/request-a-musician/","color":"#ffffff","background":"#243b53","borderRadius":[6,6,6,6]} /-->\n'
    '<!-- wp:kadence/singlebtn {"uniqueID":"portland-musician-btn","text":"Join \\u003cem\\u003enow\\u003c/em\\u003e",'
    '"link":"https://example.org/join?a=1\\u0026b=2","target":"_blank"} /-->\n'
    '<!-- wp:kadence/singlebtn {"uniqueID":"no-link","text":"Free delivery"} /--></div>\n'
    '<!-- /wp:kadence/advancedbtn -->'
)

# Ultimate Blocks: the content toggle's panels and the tabbed content save only their inner
# blocks (save: () => <InnerBlocks.Content />); the titles are attributes (panelTitle, tabsTitle).
UB_TOGGLE = (
    '<!-- wp:ub/content-toggle-block {"blockID":"95fcaa8b-8754-4ee9-870f-12ab0f25fb00","collapsed":true,'
    '"hasFAQSchema":true} -->\n'
    '<!-- wp:ub/content-toggle-panel-block {"collapsed":true,"panelTitle":"How long does delivery take?",'
    '"titleTag":"h3","toggleIcon":"plus","border":false} -->\n'
    '<!-- wp:paragraph {"placeholder":"Panel content"} -->\n<p>Two to three working days.</p>\n'
    '<!-- /wp:paragraph -->\n<!-- /wp:ub/content-toggle-panel-block -->\n\n'
    '<!-- wp:ub/content-toggle-panel-block {"index":1,"panelTitle":"Can I return \\u003cstrong\\u003eused\\u003c/strong\\u003e items?"} -->\n'
    '<!-- wp:paragraph -->\n<p>Within 30 days.</p>\n<!-- /wp:paragraph -->\n'
    '<!-- /wp:ub/content-toggle-panel-block -->\n<!-- /wp:ub/content-toggle-block -->'
)
UB_TABS = (
    '<!-- wp:ub/tabbed-content-block {"blockID":"3c1f0a2e","tabsTitle":["Specs","Reviews"]} -->\n'
    '<!-- wp:ub/tab-block {"parentID":"3c1f0a2e"} -->\n<!-- wp:paragraph -->\n<p>Weight: 2 kg.</p>\n'
    '<!-- /wp:paragraph -->\n<!-- /wp:ub/tab-block -->\n\n'
    '<!-- wp:ub/tab-block {"index":1,"isActive":false,"parentID":"3c1f0a2e"} -->\n<!-- wp:paragraph -->\n'
    '<p>Five stars.</p>\n<!-- /wp:paragraph -->\n<!-- /wp:ub/tab-block -->\n<!-- /wp:ub/tabbed-content-block -->'
)


def _md(raw: str) -> tuple[str, list[str]]:
    rendered = render_content(raw)
    return md(rendered.html), rendered.warnings


def test_kadence_buttons_are_links_with_their_text():
    text, warnings = _md(KADENCE_BUTTONS)
    assert text == ("[Request a musician](/request-a-musician/) [Join *now*](https://example.org/join?a=1&b=2) "
                    "Free delivery\n")
    assert warnings == []


def test_ultimate_blocks_toggle_panels_keep_their_titles():
    text, warnings = _md(UB_TOGGLE)
    assert text == ("### How long does delivery take?\n\nTwo to three working days.\n\n"
                    "Can I return **used** items?\n\nWithin 30 days.\n")
    assert warnings == []


def test_ultimate_blocks_tabs_keep_their_titles():
    assert _md(UB_TABS) == ("Specs\n\nReviews\n\nWeight: 2 kg.\n\nFive stars.\n", [])


def test_an_unknown_plugin_block_is_still_reported():
    run = BlockRun(post_id=3)
    assert do_blocks('<!-- wp:acme/cta {"text":"Buy"} /-->', run) == ""
    assert len(run.warnings) == 1 and "acme/cta" in run.warnings[0]


# Rank Math's HowTo: save() writes only the steps (includes/modules/schema/blocks/howto/assets/src/
# save.js); Block_HowTo::markup prints the description and the total time too, from the attributes.
RANK_MATH_HOWTO = (
    '<!-- wp:rank-math/howto-block {"hasDuration":true,"days":"","hours":"1","minutes":"30",'
    '"description":"Replace a bicycle chain at home.","steps":[{"id":"howto-step-1650000000001",'
    '"title":"Remove the old chain","content":"Use a chain tool.","visible":true},{"id":"howto-step-1650000000002",'
    '"title":"Draft step","content":"Not shown.","visible":false}],"titleWrapper":"h3"} -->\n'
    '<div class="wp-block-rank-math-howto-block"><div class="rank-math-howto-step"><h3 class="rank-math-howto-title">'
    'Remove the old chain</h3><div class="rank-math-howto-content">Use a chain tool.</div></div></div>\n'
    '<!-- /wp:rank-math/howto-block -->'
)


def test_rank_math_howto_keeps_its_description_and_time():
    assert _md(RANK_MATH_HOWTO) == ("Replace a bicycle chain at home.\n\n**Total Time:** 1 hour and 30 minutes\n\n"
                                    "### Remove the old chain\n\nUse a chain tool.\n", [])


def test_rank_math_faq_is_printed_from_its_questions():
    # whatever save() wrote (nothing, in a void comment): the callback prints the visible questions
    raw = ('<!-- wp:rank-math/faq-block {"questions":[{"id":"faq-question-1","title":"Do you deliver on Sundays?",'
           '"content":"No.\\n\\nMonday to Saturday only.","visible":true},{"id":"faq-question-2","title":"Old",'
           '"content":"Hidden.","visible":false}]} /-->')
    assert _md(raw) == ("### Do you deliver on Sundays?\n\nNo.\n\nMonday to Saturday only.\n", [])
