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
