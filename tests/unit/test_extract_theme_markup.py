"""Theme and plugin markup the built-in profiles know: share buttons and forms left out of bodies,
widgets and menus found. Each snippet follows the markup the named theme or plugin prints (the
profile rule's ``source`` says which file)."""

from __future__ import annotations

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
