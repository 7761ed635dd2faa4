"""Theme and plugin markup the built-in profiles know: share buttons and forms left out of bodies,
widgets and menus found. Each snippet follows the markup the named theme or plugin prints (the
profile rule's ``source`` says which file)."""

from __future__ import annotations

import pytest

from mwmigrate.extract import extract_page, load_profiles


def _page(body: str, outside: str = ""):
    return extract_page(
        '<html><body class="single postid-7"><article id="post-7"><div class="entry-content">'
        f"<p>Keep this paragraph.</p>{body}</div></article>{outside}</body></html>")


def _widgets(page) -> list[tuple[str, str, str]]:
    return [(area.name, w.type, w.title) for area in page.sidebars for w in area.widgets]


def _menus(page) -> list[list[str]]:
    return [[item.title for item in menu.items] for menu in page.menus]


# ---- an element several rules match is found once ------------------------------------------------

def test_element_matched_by_two_rules_is_one_menu_and_one_widget(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('''name = "site"
[[menu]]
css = "ul#top-menu"
source = "test: a theme's menu id on a list core's ul.menu also matches"
[[widget]]
css = ".sidebar-box"
source = "test: a theme's widget class on an element core's .widget also matches"
''')
    page = extract_page(
        '<html><body><nav><ul id="top-menu" class="menu"><li><a href="/a/">A</a></li></ul></nav>'
        '<aside class="widget-area"><div class="widget sidebar-box widget_text">'
        '<h4 class="widget-title">Hours</h4><div class="textwidget">Mon-Fri</div></div></aside>'
        "</body></html>", profiles=load_profiles(site))
    assert _menus(page) == [["A"]]
    assert [(w.type, w.title) for a in page.sidebars for w in a.widgets] == [("text", "Hours")]


# ---- widget titles that are not headings ---------------------------------------------------------

def test_widget_title_printed_as_a_paragraph_is_found():
    # Neve inc/core/front_end.php register_sidebars(): before_title '<p class="widget-title">'.
    page = _page("", outside=(
        '<div class="nv-sidebar-wrap col-sm-12 nv-right blog-sidebar"><aside id="secondary" role="complementary">'
        '<div id="categories-2" class="widget widget_categories"><p class="widget-title">Categories</p>'
        '<nav aria-label="Categories"><ul><li class="cat-item"><a href="/c/family/">Family law</a> (4)</li></ul></nav></div>'
        '<div id="text-3" class="widget widget_text"><p class="widget-title">Contact Us</p>'
        '<div class="textwidget"><p>1 High Street, Luton</p></div></div></aside></div>'))
    assert _widgets(page) == [("secondary", "categories", "Categories"), ("secondary", "text", "Contact Us")]
    text_widget = page.sidebars[0].widgets[1]
    assert text_widget.text == "1 High Street, Luton"


def test_widget_title_printed_as_a_div_is_found():
    # WPExplorer themes: before_title '<div class="widget-title">' (footer-widget areas).
    page = _page("", outside=(
        '<footer class="site-footer"><div id="text-5" class="widget widget_text"><div class="widget-title">Opening hours</div>'
        '<div class="textwidget">Mon-Fri 9-5</div></div></footer>'))
    assert [(w.type, w.title, w.text) for a in page.sidebars for w in a.widgets] == [
        ("text", "Opening hours", "Mon-Fri 9-5")]


# ---- OceanWP widgets ------------------------------------------------------------------------------

def test_oceanwp_sidebar_and_footer_widgets_are_found():
    # oceanwp functions.php register_sidebars(): div.sidebar-box / div.footer-widget, h4.widget-title;
    # sidebar.php <aside id="sidebar" class="sidebar-container widget-area">, partials/footer/widgets.php.
    page = _page("", outside=(
        '<aside id="right-sidebar" class="sidebar-container widget-area sidebar-primary"><div id="right-sidebar-inner" class="clr">'
        '<div id="recent-posts-2" class="sidebar-box widget_recent_entries clr"><h4 class="widget-title">Recent Posts</h4>'
        '<ul><li><a href="/will/">Making a will</a></li><li><a href="/lpa/">Powers of attorney</a></li></ul></div>'
        '</div></aside>'
        '<footer id="footer" class="site-footer"><div id="footer-inner" class="clr"><div id="footer-widgets" class="oceanwp-row clr">'
        '<div class="footer-widgets-inner container"><div class="footer-box span_1_of_3 col col-1">'
        '<div id="text-3" class="footer-widget widget_text clr"><h4 class="widget-title">Contact Us</h4>'
        '<div class="textwidget"><p>1 High Street, Luton LU1 2PL</p></div></div></div>'
        '<div class="footer-box span_1_of_3 col col-2"><div id="nav_menu-2" class="footer-widget widget_nav_menu clr">'
        '<h4 class="widget-title">Useful Links</h4><div class="menu-footer-links-container"><ul id="menu-footer-links" class="menu">'
        '<li id="menu-item-50" class="menu-item"><a href="/privacy-policy/">Privacy Policy</a></li></ul></div></div></div>'
        '</div></div></div></footer>'))
    assert _widgets(page) == [
        ("right-sidebar", "recent-posts", "Recent Posts"),
        ("footer-widgets", "text", "Contact Us"),
        ("footer-widgets", "nav_menu", "Useful Links"),
    ]
    recent = page.sidebars[0].widgets[0]
    assert [(i.text, i.url) for i in recent.items] == [("Making a will", "/will/"), ("Powers of attorney", "/lpa/")]


# ---- share buttons ----------------------------------------------------------------------------------

_SHARE_BLOCKS = {
    "elementor-pro-share-buttons": (
        '<div class="elementor-element elementor-element-d2e4f56 elementor-share-buttons--view-icon-text '
        'elementor-share-buttons--skin-gradient elementor-grid-0 elementor-widget elementor-widget-share-buttons" '
        'data-widget_type="share-buttons.default"><div class="elementor-widget-container"><div class="elementor-grid">'
        '<div class="elementor-grid-item"><div class="elementor-share-btn elementor-share-btn_linkedin">'
        '<span class="elementor-share-btn__icon"><span class="elementor-screen-only">Share on linkedin</span></span>'
        '<div class="elementor-share-btn__text"><span class="elementor-share-btn__title">LinkedIn</span></div>'
        '</div></div></div></div></div>'),
    "monarch-inline": (
        '<div class="et_social_inline et_social_mobile_on et_social_inline_bottom"><div class="et_social_networks '
        'et_social_autowidth et_social_slide et_social_rounded et_social_left et_social_no_animation">'
        '<ul class="et_social_icons_container"><li class="et_social_facebook"><a href="http://www.facebook.com/sharer.php?u=x" '
        'class="et_social_share" data-social_name="facebook" data-location="inline"><i class="et_social_icon et_social_icon_facebook"></i>'
        '<div class="et_social_network_label"><div class="et_social_networkname">Facebook</div></div></a></li></ul></div></div>'),
    "monarch-sidebar": (
        '<div class="et_social_sidebar_networks et_social_visible_sidebar et_social_slideright"><ul class="et_social_icons_container">'
        '<li class="et_social_twitter"><a href="#" class="et_social_share"><span class="et_social_network_label">Twitter</span></a></li>'
        '</ul></div>'),
    "monarch-mobile": (
        '<div class="et_social_mobile et_social_closed"><div class="et_social_heading">Share This</div>'
        '<div class="et_social_networks"><ul class="et_social_icons_container"><li class="et_social_whatsapp">'
        '<a href="#" class="et_social_share"><span class="et_social_network_label">WhatsApp</span></a></li></ul></div></div>'),
    "monarch-flyin": (
        '<div class="et_social_flyin et_social_resize"><span class="et_social_icon et_social_icon_cancel"></span>'
        '<div class="et_social_header"><span class="et_social_title">Did you like this?</span></div>'
        '<div class="et_social_networks"><ul class="et_social_icons_container"><li class="et_social_facebook">'
        '<a href="#" class="et_social_share"><span class="et_social_network_label">Facebook</span></a></li></ul></div></div>'),
    "monarch-popup": (
        '<div class="et_social_popup_content et_social_resize"><div class="et_social_header">'
        '<span class="et_social_title">Share this article</span></div><div class="et_social_networks">'
        '<ul class="et_social_icons_container"><li class="et_social_email"><a href="#" class="et_social_share">'
        '<span class="et_social_network_label">Email</span></a></li></ul></div></div>'),
    "monarch-media": (
        '<div class="et_social_media_wrapper"><img src="/wp-content/uploads/x.jpg" alt="A house">'
        '<div class="et_social_media et_social_media_hidden"><div class="et_social_networks"><ul class="et_social_icons_container">'
        '<li class="et_social_pinterest"><a href="#" class="et_social_share"><span class="et_social_network_label">Pin it</span></a></li>'
        '</ul></div></div></div>'),
    "ocean-social-sharing": (
        '<div class="entry-share clr minimal side"><h3 class="theme-heading social-share-title">'
        '<span class="text" aria-hidden="true">Please Share This</span><span class="screen-reader-text">Share this content</span></h3>'
        '<ul class="oss-social-share clr" aria-label="Available sharing options"><li class="twitter">'
        '<a href="https://twitter.com/share?text=x" aria-label="Share on X"><span class="screen-reader-text">Opens in a new window</span>'
        '</a></li></ul></div>'),
    "sassy-social-share": (
        "<div class='heateorSssClear'></div><div class='heateor_sss_sharing_container heateor_sss_horizontal_sharing' "
        "data-heateor-sss-href='https://example.co.uk/x/'><div class='heateor_sss_sharing_title' style=\"font-weight:bold\">Spread the love</div>"
        '<div class="heateor_sss_sharing_ul"><a aria-label="Facebook" class="heateor_sss_facebook" href="https://www.facebook.com/sharer/sharer.php?u=x" '
        'title="Facebook"><span class="heateor_sss_svg"></span></a></div><div class="heateorSssClear"></div></div>'),
    "social-warfare": (
        '<div class="swp_social_panel swp_horizontal_panel swp_flat_fresh swp_default_full_color scale-100" data-float="none">'
        '<div class="nc_tweetContainer swp_share_button swp_facebook" data-network="facebook"><a class="nc_tweet swp_share_link" '
        'href="https://www.facebook.com/share.php?u=x"><span class="swp_count swp_hide"><span class="iconFiller">'
        '<span class="spaceManWilly"><i class="sw swp_facebook_icon"></i><span class="swp_share">Share</span></span></span></span></a></div>'
        '<div class="nc_tweetContainer swp_share_button total_shares total_sharesalt"><span class="swp_count">12 SHARES</span></div></div>'),
    "shared-counts": (
        '<div class="shared-counts-wrap after_content style-classic"><a href="https://www.facebook.com/sharer/sharer.php?u=x" '
        'class="shared-counts-button facebook shared-counts-no-count" data-postid="7" data-social-network="Facebook">'
        '<span class="shared-counts-icon-label"><span class="shared-counts-icon"></span><span class="shared-counts-label">Facebook</span>'
        '</span></a></div>'),
    "grow-social-inline": (
        '<div id="dpsp-content-bottom" class="dpsp-content-wrapper dpsp-shape-rounded dpsp-size-medium dpsp-has-spacing dpsp-show-on-mobile">'
        '<ul class="dpsp-networks-btns-wrapper dpsp-networks-btns-share dpsp-column-auto"><li class="dpsp-network-list-item dpsp-network-list-item-facebook">'
        '<a rel="nofollow noopener" href="https://www.facebook.com/sharer/sharer.php?u=x" class="dpsp-network-btn dpsp-facebook dpsp-first" '
        'aria-label="Share on Facebook"><span class="dpsp-network-label-wrapper"><span class="dpsp-network-label">Facebook</span></span></a></li>'
        '</ul></div>'),
    "grow-social-floating-sidebar": (
        '<aside id="dpsp-floating-sidebar" aria-label="social sharing sidebar" class="dpsp-shape-rounded dpsp-size-small dpsp-position-left">'
        '<ul class="dpsp-networks-btns-wrapper dpsp-networks-btns-sidebar"><li class="dpsp-network-list-item">'
        '<a href="https://pinterest.com/pin/create/button/?url=x" class="dpsp-network-btn dpsp-pinterest"><span class="dpsp-network-label">Pin</span>'
        '</a></li></ul></aside>'),
}


@pytest.mark.parametrize("block", list(_SHARE_BLOCKS.values()), ids=list(_SHARE_BLOCKS))
def test_share_buttons_are_removed_from_the_body(block):
    post = _page(block).post
    assert post.content_text == "Keep this paragraph."
    assert post.meta["boilerplate_removed"] == ["share"]


def test_monarch_media_buttons_leave_the_image():
    post = _page(_SHARE_BLOCKS["monarch-media"]).post
    assert "/wp-content/uploads/x.jpg" in post.content_html
    assert "Pin it" not in post.content_html


# ---- forms --------------------------------------------------------------------------------------------

_FORMS = {
    "elementor-pro-form-widget": (
        '<div class="elementor-element elementor-element-f0a9b8c elementor-widget elementor-widget-form" '
        'data-widget_type="form.default"><div class="elementor-widget-container">'
        '<form class="elementor-form" method="post" name="Call back"><input type="hidden" name="form_id" value="f0a9b8c"/>'
        '<div class="elementor-form-fields-wrapper elementor-labels-above"><div class="elementor-field-group elementor-column '
        'elementor-field-type-text"><label for="form-field-name" class="elementor-field-label">Your name</label>'
        '<input type="text" name="form_fields[name]" id="form-field-name" class="elementor-field"></div>'
        '<div class="elementor-field-group elementor-column elementor-field-type-submit e-form__buttons">'
        '<button type="submit" class="elementor-button"><span class="elementor-button-text">Request a call back</span>'
        '</button></div></div></form></div></div>'),
    "elementor-form-outside-widget": (
        '<form class="elementor-form" method="post" name="Login"><div class="elementor-form-fields-wrapper">'
        '<label for="user">Username or Email Address</label><input type="text" name="log" id="user"></div></form>'),
    "divi-contact-form": (
        '<div id="et_pb_contact_form_0" class="et_pb_module et_pb_contact_form_0 et_pb_contact_form_container clearfix" '
        'data-form_unique_num="0"><h1 class="et_pb_contact_main_title">Request a callback</h1>'
        '<div class="et-pb-contact-message"></div><div class="et_pb_contact">'
        '<form class="et_pb_contact_form clearfix" method="post" action="/x/"><p class="et_pb_contact_field et_pb_contact_field_0">'
        '<label for="et_pb_contact_name_0" class="et_pb_contact_form_label">Name</label>'
        '<input type="text" id="et_pb_contact_name_0" class="input" value="" name="et_pb_contact_name_0" placeholder="Name"></p>'
        '<div class="et_contact_bottom_container"><button type="submit" class="et_pb_contact_submit et_pb_button">Submit</button>'
        '</div></form></div></div>'),
    "beaver-builder-contact-form": (
        '<form class="fl-contact-form"><input type="hidden" name="fl-layout-id" value="33" />'
        '<div class="fl-input-group fl-name"><label for="fl-name">Name</label>'
        '<span class="fl-contact-error">Please enter your name.</span><input type="text" name="fl-name" placeholder="Your name" /></div>'
        '<input type="submit" value="Send" class="fl-contact-form-submit" />'
        '<span class="fl-success" style="display:none;">Message Sent!</span>'
        '<span class="fl-send-error" style="display:none;">Message failed. Please try again.</span></form>'),
    "jetpack-forms-block": (
        "<div data-test='contact-form' id='contact-form-7' class='wp-block-jetpack-contact-form-container '>"
        "<form action='/x/#contact-form-7' method='post' class='contact-form commentsblock wp-block-jetpack-contact-form' novalidate>"
        "<div class='grunion-field-wrap grunion-field-name-wrap'><label for='g7-name' class='grunion-field-label name'>Name"
        "<span class='grunion-label-required'>(required)</span></label><input type='text' name='g7-name' id='g7-name'/></div>"
        "<div class='contact-submit'><button type='submit' class='wp-block-button__link'>Contact us</button></div></form></div>"),
    "jetpack-grunion-shortcode": (
        "<div id='contact-form-12'><form action='/x/#contact-form-12' method='post' class='contact-form commentsblock'>"
        "<div><label for='g12-email' class='grunion-field-label email'>Email<span>(required)</span></label>"
        "<input type='email' name='g12-email' id='g12-email' class='email'/></div>"
        "<p class='contact-submit'><input type='submit' value='Submit' class='pushbutton-wide'/></p></form></div>"),
    "formidable": (
        '<div class="frm_forms  with_frm_style frm_style_formidable-style" id="frm_form_2_container">'
        '<form enctype="multipart/form-data" method="post" class="frm-show-form  frm_pro_form" id="form_contact-form">'
        '<div class="frm_form_fields"><fieldset><legend class="frm_screen_reader">Contact Us</legend>'
        '<div id="frm_field_6_container" class="frm_form_field form-field frm_required_field frm_top_container">'
        '<label for="field_qh4icy" class="frm_primary_label">Your email <span class="frm_required">*</span></label>'
        '<input type="email" id="field_qh4icy" name="item_meta[6]"/></div><div class="frm_submit">'
        '<button class="frm_button_submit" type="submit">Send enquiry</button></div></fieldset></div></form></div>'),
    "fluent-forms": (
        "<div class='fluentform ff-default fluentform_wrapper_3'><form data-form_id=\"3\" id=\"fluentform_3\" "
        'class="frm-fluent-form fluent_form_3 ff-el-form-top" method="POST"><fieldset><legend class="ff_screen_reader_title">Enquiry</legend>'
        '<div class="ff-el-group"><div class="ff-el-input--label ff-el-is-required asterisk-right"><label for="ff_3_email">Email address</label></div>'
        '<div class="ff-el-input--content"><input type="email" name="email" id="ff_3_email" class="ff-el-form-control"></div></div>'
        '<div class="ff_submit_btn_wrapper"><button type="submit" class="ff-btn ff-btn-submit">Send message</button></div>'
        "</fieldset></form><div id='fluentform_3_errors' class='ff-errors-in-stack'></div></div>"),
    "forminator": (
        '<form id="forminator-module-379" class="forminator-ui forminator-custom-form forminator-custom-form-379 '
        'forminator-design--default" method="post" data-form-id="379"><div role="alert" aria-live="polite" '
        'class="forminator-response-message forminator-error" aria-hidden="true"></div><div class="forminator-row">'
        '<div class="forminator-col forminator-col-12"><div class="forminator-field"><label for="forminator-field-name-1" '
        'class="forminator-label">First name</label><input type="text" name="name-1" class="forminator-input"></div></div></div>'
        '<div class="forminator-row forminator-row-last"><button class="forminator-button forminator-button-submit">Send Message</button>'
        '</div></form>'),
}


@pytest.mark.parametrize("form", list(_FORMS.values()), ids=list(_FORMS))
def test_forms_are_removed_from_the_body(form):
    post = _page(form).post
    assert post.content_text == "Keep this paragraph."
    assert post.meta["boilerplate_removed"] == ["form"]


# ---- menus -------------------------------------------------------------------------------------------

def _li(n: int, title: str, href: str, sub: str = "") -> str:
    return (f'<li id="menu-item-{n}" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-{n}">'
            f'<a href="{href}" class="menu-link">{title}</a>{sub}</li>')


_ITEMS = _li(20, "Home", "/") + _li(21, "Services", "/services/", '<ul class="sub-menu">'
                                     + _li(22, "Family Law", "/services/family-law/") + "</ul>") + _li(25, "Contact", "/contact/")


def _tree(page) -> list[list[tuple[str, list[str]]]]:
    return [[(i.title, [c.title for c in i.children]) for i in m.items] for m in page.menus]


def test_astra_header_menu_is_found_once():
    # Astra header builder: desktop ul#ast-hf-menu-1.main-header-menu.ast-menu-shadow, mobile copy
    # ul#ast-hf-mobile-menu.main-header-menu without ast-menu-shadow.
    page = _page("", outside=(
        '<header id="masthead" class="site-header"><div class="main-header-bar-navigation">'
        '<nav class="site-navigation ast-flex-grow-1 navigation-accessibility" id="primary-site-navigation-desktop" '
        'aria-label="Site Navigation: Main Menu"><div class="main-navigation ast-inline-flex">'
        f'<ul id="ast-hf-menu-1" class="main-header-menu ast-menu-shadow ast-nav-menu ast-flex submenu-with-border stack-on-mobile">{_ITEMS}</ul>'
        '</div></nav></div><div id="ast-mobile-header" class="ast-mobile-header-wrap"><div class="main-header-bar-navigation">'
        '<nav class="site-navigation" id="mobile-site-navigation" aria-label="Site Navigation"><div class="main-navigation">'
        f'<ul id="ast-hf-mobile-menu" class="main-header-menu ast-nav-menu ast-flex submenu-with-border stack-on-mobile">{_ITEMS}</ul>'
        '</div></nav></div></div></header>'))
    assert _tree(page) == [[("Home", []), ("Services", ["Family Law"]), ("Contact", [])]]
    assert (page.menus[0].slug, page.menus[0].name) == ("ast-hf-menu-1", "Site Navigation: Main Menu")


def test_neve_primary_and_footer_menus_are_found():
    # Neve component-nav.php (desktop and mobile-sidebar copies), component-nav-footer.php.
    page = _page("", outside=(
        '<header class="header"><div class="nv-nav-wrap"><div role="navigation" class="nav-menu-primary" aria-label="Primary Menu">'
        f'<ul id="nv-primary-navigation-main" class="primary-menu-ul nav-ul menu-desktop">{_ITEMS}</ul></div></div>'
        '<div class="header-menu-sidebar"><div class="nv-nav-wrap"><div role="navigation" class="nav-menu-primary" aria-label="Primary Menu">'
        f'<ul id="nv-primary-navigation-sidebar" class="primary-menu-ul nav-ul menu-mobile">{_ITEMS}</ul></div></div></div></header>'
        '<footer class="site-footer"><div class="component-wrap"><div role="navigation" class="style-plain nav-menu-footer" '
        'aria-label="Footer Menu"><ul id="footer-menu" class="footer-menu nav-ul">'
        + _li(50, "Privacy Policy", "/privacy-policy/") + _li(51, "Complaints", "/complaints/") + "</ul></div></div></footer>"))
    assert _tree(page) == [[("Home", []), ("Services", ["Family Law"]), ("Contact", [])],
                           [("Privacy Policy", []), ("Complaints", [])]]
    assert [(m.slug, m.location) for m in page.menus] == [("nv-primary-navigation-main", "primary"), ("footer-menu", "footer")]


def test_elementor_pro_nav_menu_is_found_once():
    # Elementor Pro nav-menu widget: the same menu in nav.elementor-nav-menu--main and nav.elementor-nav-menu--dropdown.
    items = (_li(20, "About us", "/about/") + _li(21, "Employment law", "/employment-law/",
             '<ul class="sub-menu elementor-nav-menu--dropdown">' + _li(24, "Tribunals", "/tribunals/") + "</ul>"))
    page = _page("", outside=(
        '<div class="elementor-element elementor-widget elementor-widget-nav-menu" data-widget_type="nav-menu.default">'
        '<div class="elementor-widget-container"><nav aria-label="Menu" class="elementor-nav-menu--main elementor-nav-menu__container '
        f'elementor-nav-menu--layout-horizontal"><ul id="menu-1-3c1f0aa" class="elementor-nav-menu">{items}</ul></nav>'
        '<div class="elementor-menu-toggle" role="button"><span class="elementor-screen-only">Menu</span></div>'
        '<nav class="elementor-nav-menu--dropdown elementor-nav-menu__container" aria-hidden="true">'
        f'<ul id="menu-2-3c1f0aa" class="elementor-nav-menu">{items}</ul></nav></div></div>'))
    assert _tree(page) == [[("About us", []), ("Employment law", ["Tribunals"])]]
    assert (page.menus[0].slug, page.menus[0].name) == ("1-3c1f0aa", "Menu")


def test_divi_header_and_menu_module_menus_are_found():
    # Divi header.php ul#top-menu.nav; Menu module .et_pb_menu__menu > nav.et-menu-nav > ul.et-menu.nav.
    page = _page("", outside=(
        f'<header id="main-header"><div id="et-top-navigation"><nav id="top-menu-nav"><ul id="top-menu" class="nav">{_ITEMS}</ul>'
        '</nav></div></header><footer id="main-footer"><div class="et_pb_module et_pb_menu et_pb_menu_0_tb_footer">'
        '<div class="et_pb_menu_inner_container clearfix"><div class="et_pb_menu__wrap"><div class="et_pb_menu__menu">'
        '<nav class="et-menu-nav"><ul id="menu-footer" class="et-menu nav">' + _li(60, "Privacy", "/privacy/")
        + "</ul></nav></div></div></div></div></footer>"))
    assert _tree(page) == [[("Home", []), ("Services", ["Family Law"]), ("Contact", [])], [("Privacy", [])]]
    assert [m.slug for m in page.menus] == ["top-menu", "footer"]
