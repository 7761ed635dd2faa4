"""Buttons that are the visible title of what they open (an accordion's question, a tab's name)
keep their text; other buttons (a form's "Send", a menu toggle) are still left out."""

from __future__ import annotations

from mwmigrate.convert.markdown import html_to_markdown as md
from mwmigrate.convert.render import render_content

# Kadence Blocks' accordion pane as its save() writes it (src/blocks/accordion/pane/block.js):
# the title is in a <button>; the ARIA attributes come from its script at view time.
KADENCE_PANE = (
    '<!-- wp:kadence/pane {"uniqueID":"_5e6f7a-8b"} -->\n'
    '<div class="wp-block-kadence-pane kt-accordion-pane kt-accordion-pane-1 kt-pane_5e6f7a-8b">'
    '<div class="kt-accordion-header-wrap"><button class="kt-blocks-accordion-header kt-acccordion-button-label-show">'
    '<span class="kt-blocks-accordion-title-wrap"><span class="kt-blocks-accordion-title">What is included?</span>'
    '</span><span class="kt-blocks-accordion-icon-trigger"></span></button></div><div class="kt-accordion-panel">'
    '<div class="kt-accordion-panel-inner"><!-- wp:paragraph -->\n<p>Parts and labour.</p>\n<!-- /wp:paragraph -->'
    '</div></div></div>\n<!-- /wp:kadence/pane -->'
)

# WordPress 6.9's accordion (gutenberg test/integration/fixtures/blocks/core__accordion.serialized.html)
CORE_ACCORDION = (
    '<!-- wp:accordion -->\n<div role="group" class="wp-block-accordion"><!-- wp:accordion-item -->\n'
    '<div class="wp-block-accordion-item"><!-- wp:accordion-heading -->\n<h3 class="wp-block-accordion-heading">'
    '<button class="wp-block-accordion-heading__toggle"><span class="wp-block-accordion-heading__toggle-title">'
    'Accordion Title</span><span class="wp-block-accordion-heading__toggle-icon" aria-hidden="true">+</span>'
    '</button></h3>\n<!-- /wp:accordion-heading -->\n\n<!-- wp:accordion-panel -->\n'
    '<div role="region" class="wp-block-accordion-panel"><!-- wp:paragraph -->\n<p>Accordion  Panel Content</p>\n'
    '<!-- /wp:paragraph --></div>\n<!-- /wp:accordion-panel --></div>\n<!-- /wp:accordion-item --></div>\n'
    '<!-- /wp:accordion -->\n'
)


def test_an_accordion_keeps_its_titles():
    assert md(render_content(KADENCE_PANE).html) == "What is included?\n\nParts and labour.\n"
    # a heading's button: the heading keeps its text, the decorative "+" is not text
    assert md(render_content(CORE_ACCORDION).html) == "### Accordion Title\n\nAccordion Panel Content\n"


def test_tab_labels_keep_their_text():
    # Stackable's tab labels (src/block/tab-labels/save.js)
    html = ('<div class="stk-block-tab-labels__wrapper" role="tablist"><button class="stk-block-tabs__tab" role="tab">'
            '<div class="stk-block-tab-labels__text"><span>Features</span></div></button>'
            '<button class="stk-block-tabs__tab" role="tab"><div class="stk-block-tab-labels__text"><span>Pricing</span>'
            '</div></button></div><p>All of them.</p>')
    assert md(html) == "Features\n\nPricing\n\nAll of them.\n"


def test_other_buttons_are_still_left_out():
    assert md('<form><input value="x"><button>Go</button></form><p>a</p>') == "a\n"
    assert md('<p>a<button type="submit">Send</button></p><div><button class="menu-toggle">Menu</button></div>') == "a\n"
    # inside a heading but a form's: still a form
    assert md('<form><h3><button type="button">Search</button></h3></form><p>b</p>') == "b\n"
