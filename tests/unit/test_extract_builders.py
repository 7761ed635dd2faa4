"""Bodies of pages built with page builders, and themes that follow few conventions: the markup
is modelled on the builders' and themes' own (sources named per case), not invented."""

from __future__ import annotations

from mwmigrate.extract import extract_page

# Elementor (includes/widgets/heading.php, text-editor.php; core/documents: the wp-page wrapper)
# in Hello Elementor (template-parts/single.php: post_class() on <main>, .page-content, .post-tags).
HELLO_ELEMENTOR = """<!doctype html><html lang="en-GB"><head><title>Redundancy and pregnancy | Harlow &amp; Reed</title></head>
<body class="post-template-default single single-post postid-123 elementor-default elementor-kit-5 elementor-page elementor-page-123">
<header id="site-header" class="site-header"><nav class="site-navigation"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about/">About</a></li></ul></nav></header>
<main id="content" class="site-main post-123 post type-post status-publish format-standard hentry category-employment-law tag-redundancy">
<div class="page-header"><h1 class="entry-title">Redundancy and pregnancy</h1></div>
<div class="page-content">
<div data-elementor-type="wp-post" data-elementor-id="123" class="elementor elementor-123">
<div class="elementor-element elementor-element-1a2b e-flex e-con-boxed e-con e-parent" data-element_type="container">
<div class="e-con-inner">
<div class="elementor-element elementor-element-3c4d elementor-widget elementor-widget-heading" data-widget_type="heading.default">
<div class="elementor-widget-container"><h2 class="elementor-heading-title elementor-size-default">Who is covered?</h2></div></div>
<div class="elementor-element elementor-element-5e6f elementor-widget elementor-widget-text-editor" data-widget_type="text-editor.default">
<div class="elementor-widget-container"><p>From 6 April 2024 the protection that pregnant employees have during a redundancy process is extended, and employers who get this wrong face claims.</p></div></div>
<div class="elementor-element elementor-element-7a8b elementor-widget elementor-widget-text-editor" data-widget_type="text-editor.default">
<div class="elementor-widget-container"><p>Review your redundancy policy, and train managers before the next restructure, so that nobody is caught out.</p></div></div>
</div></div></div>
<div class="post-tags"><span class="tag-links">Tagged <a href="/tag/redundancy/" rel="tag">Redundancy</a></span></div>
</div></main>
<footer id="site-footer" class="site-footer"><p>Harlow &amp; Reed Solicitors Limited, Company No. 12345678.</p></footer>
</body></html>"""


def test_elementor_post_in_hello_elementor():
    page = extract_page(HELLO_ELEMENTOR, "https://harlowreed.example/2024/04/redundancy/")
    post = page.post
    # every widget of the post, not the one paragraph a density score picks (each widget's
    # "elementor-widget-container" read as a sidebar widget made every one furniture)
    assert post.content_text == ("Who is covered? From 6 April 2024 the protection that pregnant employees have "
                                 "during a redundancy process is extended, and employers who get this wrong face "
                                 "claims. Review your redundancy policy, and train managers before the next "
                                 "restructure, so that nobody is caught out.")
    assert post.meta["body_found_by"].startswith("profile:page-builders:")
    # post_class() on <main>: the category and tag
    assert post.categories == ["employment-law"] and post.tags == ["redundancy"]
    assert post.wp_id == 123


# A classic theme whose body classes name its layout ("right-sidebar", Beaver Builder Themer's
# "fl-theme-builder-header"): the fallback must not take the whole page for a sidebar.
NO_CONVENTIONS = """<!doctype html><html><head><title>Probate fees</title></head>
<body class="page right-sidebar fl-theme-builder-header fl-theme-builder-footer">
<div class="site-nav"><a href="/">Home</a> <a href="/fees/">Fees</a></div>
<div class="main-area"><div class="copy">
<p>Our fixed fee for a simple estate covers the application for the grant, collecting the assets, paying the debts and sharing out what is left.</p>
<p>Estates with a business, a property abroad or a disputed will are priced after a free first meeting, in writing, before any work starts.</p>
</div></div>
<div class="fl-row"><div class="fl-module fl-module-rich-text"><div class="fl-module-content"><p>Ring us on 01582 262 070, or come and see us in Luton on any weekday morning.</p></div></div></div>
<div class="site-footer"><div class="legal">
<p>Fenwick Family Law Ltd is authorised and regulated by the Solicitors Regulation Authority, SRA number 654321, and registered in England and Wales.</p>
<p>We use cookies on this website to remember your choices, to measure how the site is used, and to keep it secure, as our cookie policy explains.</p>
<p>Nothing on this website is legal advice: please speak to one of our solicitors about your own circumstances before you act.</p>
</div></div>
</body></html>"""


def test_layout_classes_on_body_and_builder_modules_are_not_furniture():
    page = extract_page(NO_CONVENTIONS, "https://fenwick.example/probate-fees/")
    post = page.post
    assert post.meta["body_found_by"] == "fallback:score"
    assert post.content_text.startswith("Our fixed fee for a simple estate")
    assert "Estates with a business" in post.content_text
    assert "Solicitors Regulation Authority" not in post.content_text  # (the footer scores higher)


# OceanWP: the post's own date printed as text (partials/single/meta.php, no <time>), and its
# related posts inside the post's <article> (partials/single/layout.php), each an <article>
# with a <time class="published"> and a thumbnail (partials/single/related-posts.php).
OCEANWP = """<!doctype html><html><head><title>The family home in a divorce</title>
<meta property="article:published_time" content="2024-06-12T09:15:00+00:00" /></head>
<body class="post-template-default single single-post postid-77 oceanwp-theme">
<article id="post-77" class="single-post-article post-77 post type-post status-publish hentry category-family-law">
<header class="entry-header"><h1 class="single-post-title entry-title">The family home in a divorce</h1></header>
<ul class="meta"><li class="meta-date"><span class="screen-reader-text">Post published:</span>12 June 2024</li></ul>
<div class="entry-content clr"><p>Who keeps the house is often the hardest question, and the answer depends on more than whose name is on the deeds.</p></div>
<section id="related-posts" class="clr"><h3 class="theme-heading related-posts-title"><span class="text">You Might Also Like</span></h3>
<div class="oceanwp-row clr">
<article class="related-post clr col span_1_of_3 col-1 post-31 post type-post status-publish">
<figure class="related-post-media clr"><a href="/no-fault-divorce/" class="related-thumb"><img width="300" height="200" src="/wp-content/uploads/2023/04/no-fault-300x200.jpg" class="attachment-medium size-medium wp-post-image" alt="" /></a></figure>
<h3 class="related-post-title"><a href="/no-fault-divorce/" rel="bookmark">No-fault divorce explained</a></h3>
<time class="published" datetime="2023-04-06T09:00:00+01:00">6 April 2023</time>
</article></div></section>
</article></body></html>"""


def test_dates_and_thumbnails_of_related_posts_inside_the_article_are_theirs():
    post = extract_page(OCEANWP, "https://harrington.example/family-home/").post
    assert post.date == "2024-06-12T09:15:00+00:00"  # (the page's own meta, not the related post's)
    assert not post.featured_image  # (the post has none; the related post's is not it)
    assert post.content_text.startswith("Who keeps the house")


def test_custom_html_widget_is_not_a_text_widget():
    # WP_Widget_Custom_HTML::widget() puts "widget_text " first in the class attribute, for
    # themes' styles: <section id="custom_html-2" class="widget_text widget widget_custom_html">
    page = extract_page(
        '<html><body class="single postid-3"><article class="post-3 post type-post"><div class="entry-content">'
        "<p>Body of the post, long enough to be a body, with several words in it.</p></div></article>"
        '<aside id="secondary" class="widget-area"><section id="custom_html-2" class="widget_text widget '
        'widget_custom_html"><h2 class="widget-title">Opening hours</h2><div class="textwidget custom-html-widget">'
        "Mon-Fri 9-5</div></section><section id=\"text-3\" class=\"widget widget_text\"><h2 class=\"widget-title\">"
        'About</h2><div class="textwidget"><p>A family firm.</p></div></section></aside></body></html>',
        "https://firm.example/x/")
    widgets = [(w.type, w.title) for area in page.sidebars for w in area.widgets]
    assert widgets == [("custom_html", "Opening hours"), ("text", "About")]


def test_neve_comments_are_found():
    # Neve (inc/views/partials/comments.php): <li id="comment-item-N"> around <article id="comment-N">
    page = extract_page(
        '<html><body class="single postid-3"><article class="post-3 post type-post"><div class="entry-content">'
        "<p>Body of the post, long enough to be a body, with several words in it.</p></div></article>"
        '<div id="comments" class="comments-area"><ol class="nv-comments-list">'
        '<li class="comment even thread-even depth-1" id="comment-item-27"><article id="comment-27" class="nv-comment-article">'
        '<div class="nv-comment-header"><span class="author fn">Mark T</span><time datetime="2024-06-13T08:00:00+01:00">13 June</time></div>'
        '<div class="nv-comment-content comment nv-content-wrap"><p>Very clear, thank you.</p></div></article>'
        '<ol class="children"><li class="comment byuser odd alt depth-2" id="comment-item-28"><article id="comment-28">'
        '<span class="author fn">Jane</span><div class="nv-comment-content"><p>Glad it helped.</p></div></article></li></ol>'
        "</li></ol></div></body></html>", "https://firm.example/x/")
    assert [(c.wp_id, c.author, c.parent) for c in page.post.comments] == [(27, "Mark T", 0), (28, "Jane", 27)]
    # (Neve's text holder is "nv-comment-content")
    assert [c.content_html for c in page.post.comments] == ["<p>Very clear, thank you.</p>", "<p>Glad it helped.</p>"]


def test_the_organisation_is_named_by_the_header_when_nothing_else_names_it():
    # No SEO plugin: no JSON-LD Organization, no og:site_name. The header prints bloginfo('name')
    # as .site-title (Twenty*, _s, Astra, Kadence, Neve...), GeneratePress as .main-title.
    for header in ('<p class="site-title"><a href="/" rel="home">Harrington &amp; Cole Solicitors</a></p>',
                   '<div class="site-branding"><p class="main-title" itemprop="headline"><a href="/" rel="home">'
                   'Harrington &amp; Cole Solicitors</a></p></div>'):
        page = extract_page(
            f'<html><body class="single postid-3"><header id="masthead" class="site-header">{header}</header>'
            '<article class="post-3 post type-post"><div class="entry-content"><p>Body of the post, with several '
            'words in it.</p></div></article><footer class="site-footer"><p>Company No. 12345678</p></footer>'
            "</body></html>", "https://firm.example/x/")
        assert page.organisation.name == "Harrington & Cole Solicitors"
    # metadata, when there is some, names it first
    page = extract_page(
        '<html><head><meta property="og:site_name" content="H&amp;C Law"></head><body class="single postid-3">'
        '<p class="site-title"><a href="/">Harrington &amp; Cole Solicitors</a></p><article class="post-3 post '
        'type-post"><div class="entry-content"><p>Body.</p></div></article></body></html>', "https://firm.example/x/")
    assert page.organisation.name == "H&C Law"
    # Enfold's title bar is an h1.main-title too (avia_title(), functions-enfold.php): not the site
    page = extract_page(
        '<html><body class="single postid-3"><div class="title_container"><div class="container"><h1 class="main-title '
        'entry-title"><a href="/news/">News</a></h1></div></div><article class="post-3 post type-post"><div class='
        '"entry-content"><p>Body.</p></div></article></body></html>', "https://firm.example/x/")
    assert page.organisation.name == ""


# Twenty Twenty (comments.php: wp_list_comments(['style' => 'div', 'walker' =>
# TwentyTwenty_Walker_Comment]); header.php's ul.primary-menu; Twenty Nineteen's byline hCard and
# author-bio.php's rel="author" "View more posts" link.
TWENTYTWENTY = """<html><body class="post-template-default single single-post postid-7 singular">
<header id="site-header"><div class="header-inner section-inner"><div class="header-titles"><div class="site-title faux-heading">
<a href="https://firm.example/">Smith &amp; Jones</a></div></div>
<nav class="primary-menu-wrapper" aria-label="Horizontal"><ul class="primary-menu reset-list-style">
<li class="menu-item"><a href="https://firm.example/">Home</a></li><li class="menu-item"><a href="https://firm.example/fees/">Fees</a></li></ul></nav></div></header>
<main id="site-content"><article class="post-7 post type-post status-publish hentry category-conveyancing" id="post-7">
<header class="entry-header"><h1 class="entry-title">Buying your first home</h1>
<div class="post-meta-wrapper"><ul class="post-meta"><li class="post-author meta-wrapper"><span class="meta-text">By
<a href="https://firm.example/author/sarah-patel/">Sarah Patel</a></span></li></ul></div></header>
<div class="post-inner thin"><div class="entry-content"><p>Buying your first home is exciting, and the legal side can be simple.</p></div></div>
<div class="author-bio"><div class="author-title-wrapper"><h2 class="author-title heading-size-4">By Sarah Patel</h2></div>
<a class="author-link" href="https://firm.example/author/sarah-patel/" rel="author">View Archive</a></div>
<div class="comments-wrapper section-inner"><div class="comments" id="comments">
<div id="comment-41" class="comment even thread-even depth-1 parent"><article id="div-comment-41" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><span class="fn">Mark Ellis</span></div>
<div class="comment-metadata"><a href="#comment-41"><time datetime="2024-06-13T09:30:00+01:00">June 13, 2024</time></a></div></footer>
<div class="comment-content entry-content"><p>Do the searches need to be renewed?</p></div>
<footer class="comment-footer-meta"><span class="comment-reply"><a rel="nofollow" class="comment-reply-link" href="#">Reply</a></span></footer></article>
<div id="comment-42" class="comment byuser bypostauthor odd alt depth-2"><article id="div-comment-42" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><span class="fn">Sarah Patel</span></div></footer>
<div class="comment-content entry-content"><p>Lenders accept searches up to six months old.</p></div></article></div>
</div></div></div></article></main></body></html>"""


def test_twenty_twenty_comments_menus_and_author():
    page = extract_page(TWENTYTWENTY, "https://firm.example/2024/06/first-home/")
    post = page.post
    assert [(c.wp_id, c.author, c.parent, c.content_html) for c in post.comments] == [
        (41, "Mark Ellis", 0, "<p>Do the searches need to be renewed?</p>"),
        (42, "Sarah Patel", 41, "<p>Lenders accept searches up to six months old.</p>")]
    assert [(m.name, [i.title for i in m.items]) for m in page.menus] == [("Horizontal", ["Home", "Fees"])]
    assert post.author == "sarah-patel"


def test_the_byline_names_the_author_not_the_author_box_link():
    # Twenty Nineteen: twentynineteen_posted_by() prints <span class="author vcard"><a class="url
    # fn n">; template-parts/post/author-bio.php a rel="author" "View more posts" link, first.
    page = extract_page(
        '<html><body class="single postid-7"><article id="post-7" class="post-7 post type-post">'
        '<div class="author-bio"><p class="author-description"><a class="author-link" '
        'href="https://firm.example/author/sarah-patel/" rel="author">View more posts</a></p></div>'
        '<footer class="entry-footer"><span class="byline"><span class="screen-reader-text">Posted by</span>'
        '<span class="author vcard"><a class="url fn n" href="https://firm.example/author/sarah-patel/">Sarah Patel</a>'
        '</span></span></footer><div class="entry-content"><p>Body text of the post.</p></div></article></body></html>',
        "https://firm.example/x/")
    assert page.post.author == "sarah-patel"
    assert [a.display_name for a in page.authors] == ["Sarah Patel"]


def test_reply_links_are_not_comment_text_and_a_thumbnail_in_the_content_wrapper_is_not_content():
    # Storefront: storefront_comment() prints <div class="reply"> after the text, and
    # storefront_post_content() the thumbnail inside .entry-content before the_content().
    page = extract_page(
        '<html><body class="single postid-7"><article id="post-7" class="post-7 post type-post">'
        '<div class="entry-content"><img width="1600" height="1067" src="https://firm.example/wp-content/uploads/'
        'home-1600x1067.jpg" class="attachment-full size-full wp-post-image" alt=""><p>Body text of the post.</p></div>'
        '</article><ol class="comment-list"><li class="comment even thread-even depth-1" id="li-comment-41">'
        '<div class="comment-body"><div class="comment-meta commentmetadata"><div class="comment-author vcard">'
        '<cite class="fn">Mark Ellis</cite></div></div><div id="div-comment-41" class="comment-content">'
        '<div class="comment-text"><p>Really useful.</p></div><div class="reply"><a class="comment-reply-link" '
        'href="#">Reply</a></div></div></div></li></ol></body></html>', "https://firm.example/x/")
    assert page.post.content_html == "<p>Body text of the post.</p>"
    assert page.post.comments[0].content_html == '<div class="comment-text"><p>Really useful.</p></div>'


def test_divi_widgets_and_its_footer_columns():
    # Divi: widgets "et_pb_widget" (no core "widget" class) in #sidebar, and in the footer
    # "fwidget et_pb_widget" inside column divs <div class="footer-widget"> (sidebar-footer.php),
    # which are no widgets themselves (OceanWP's widgets are div.footer-widget with an id).
    page = extract_page(
        '<html><body class="single postid-7 et_pb_pagebuilder_layout"><div id="main-content"><article id="post-7" '
        'class="et_pb_post post-7 post type-post"><div class="entry-content"><p>Body text of the post.</p></div>'
        '</article><div id="sidebar"><div id="recent-posts-2" class="et_pb_widget widget_recent_entries"><h4 '
        'class="widgettitle">Recent Posts</h4><ul><li><a href="/a/">A</a></li></ul></div></div></div>'
        '<footer id="main-footer"><div id="footer-widgets" class="clearfix"><div class="footer-widget">'
        '<div id="text-3" class="fwidget et_pb_widget widget_text"><h4 class="title">Contact us</h4><div class="textwidget">'
        '<p>1 High Street<br>Luton<br>LU1 2PL</p></div></div><div id="nav_menu-2" class="fwidget et_pb_widget '
        'widget_nav_menu"><h4 class="title">Useful links</h4><div class="menu-footer-container"><ul id="menu-footer" '
        'class="menu"><li class="menu-item"><a href="/complaints/">Complaints</a></li></ul></div></div></div></div>'
        '</footer></body></html>', "https://firm.example/x/")
    widgets = [(w.widget_id, w.type, w.title) for area in page.sidebars for w in area.widgets]
    assert widgets == [("recent-posts-2", "recent-posts", "Recent Posts"), ("text-3", "text", "Contact us"),
                       ("nav_menu-2", "nav_menu", "Useful links")]


def test_a_featured_image_printed_in_the_header_is_the_posts():
    # Twenty Seventeen's header.php prints a single post's thumbnail above the content, outside
    # the <article>, in div.single-featured-image-header (no SEO plugin: nothing else names it).
    page = extract_page(
        '<html><body class="single postid-7 has-header-image"><header id="masthead" class="site-header">'
        '<div class="custom-header"></div></header><div class="single-featured-image-header"><img width="2000" '
        'height="1200" src="https://firm.example/wp-content/uploads/2024/06/terrace-2000x1200.jpg" class="attachment-'
        'twentyseventeen-featured-image size-twentyseventeen-featured-image wp-post-image" alt=""></div>'
        '<div class="site-content-contain"><div id="content" class="site-content"><article id="post-7" class="post-7 '
        'post type-post"><div class="entry-content"><p>Body text of the post.</p></div></article></div></div>'
        "</body></html>", "https://firm.example/x/")
    assert page.post.featured_image == "https://firm.example/wp-content/uploads/2024/06/terrace-2000x1200.jpg"


def test_enfold_title_and_its_published_time_classed_updated():
    # Enfold (includes/loop-index.php): the title link holds an empty post-format icon span, and
    # the published date is <time class="date-container minor-meta updated" itemprop="datePublished">.
    page = extract_page(
        '<html><body class="single postid-123"><article class="post-entry post-123 post type-post">'
        '<header class="entry-content-header"><h1 class="post-title entry-title" itemprop="headline"><a href="/x/" '
        'rel="bookmark">Buying your first home<span class="post-format-icon minor-meta"></span></a></h1>'
        '<span class="post-meta-infos"><time class="date-container minor-meta updated" itemprop="datePublished" '
        'datetime="2024-06-04T10:15:00+01:00">June 4, 2024</time></span></header><div class="entry-content" '
        'itemprop="text"><p>Body text of the post.</p></div></article></body></html>', "https://firm.example/x/")
    post = page.post
    assert post.title == "Buying your first home"
    assert (post.date, post.modified) == ("2024-06-04T10:15:00+01:00", "")  # (the page states none)


def test_a_menu_printed_twice_is_one_and_a_themes_buttons_are_no_items():
    # Storefront prints the primary menu again for handhelds (storefront_primary_navigation():
    # div.handheld-navigation); Twenty Nineteen adds a "return" button item to each sub-menu
    # (twentynineteen_add_mobile_parent_nav_menu_items()) and an empty "more" list.
    # (the copy repeats the items' ids, li#menu-item-N: it is the same menu)
    menu = ('<ul id="menu-primary{n}" class="menu"><li id="menu-item-41" class="menu-item"><a href="/">Home</a></li>'
            '<li id="menu-item-42" class="menu-item menu-item-has-children"><a href="/services/">Services</a><ul '
            'class="sub-menu"><li class="menu-item mobile-parent-nav-menu-item"><button class="menu-item-link-return">'
            'Back</button></li><li id="menu-item-43" class="menu-item"><a href="/services/wills/">Wills</a></li></ul>'
            '</li></ul>')
    page = extract_page(
        '<html><body class="single postid-7"><nav id="site-navigation" class="main-navigation" aria-label="Primary '
        f'Navigation"><div class="primary-navigation">{menu.format(n="")}</div><div class="handheld-navigation">'
        f'{menu.format(n="-1")}</div><ul class="main-menu-more"><li class="menu-item menu-item-has-children">'
        '<button class="submenu-expand main-menu-more-toggle">More</button><ul class="sub-menu hidden-links"></ul>'
        '</li></ul></nav><article class="post-7 post type-post"><div class="entry-content"><p>Body text of the post.'
        '</p></div></article></body></html>', "https://firm.example/x/")
    assert [[(i.title, [c.title for c in i.children]) for i in m.items] for m in page.menus] == [
        [("Home", []), ("Services", ["Wills"])]]


def test_enfold_comments():
    # Enfold includes/loop-comments.php: <li id="li-comment-N"><div id="comment-N"><article>...
    # <cite class="comment_author_name">, <div class="comment_text">, replies in <ul class="children">
    def comment(n: int, who: str, text: str, replies: str = "") -> str:
        return (f'<li class="comment depth-1" id="li-comment-{n}"><div id="comment-{n}"><article><div class="gravatar">'
                f'</div><div class="comment_content"><header class="comment_meta_container"><cite class="comment_'
                f'author_name">{who}</cite></header><div class="comment_text entry-content-wrapper clearfix" '
                f'itemprop="text"><p>{text}</p></div></div></article></div>{replies}</li>')
    page = extract_page(
        '<html><body class="single postid-7"><article class="post-entry post-7 post type-post"><div class="entry-content"'
        ' itemprop="text"><p>Body text of the post.</p></div></article><div class="comment-entry post-entry">'
        '<ol class="commentlist">' + comment(41, "Mark Ellis", "Really useful.", '<ul class="children">'
                                              + comment(42, "Sarah Patel", "Glad it helped.") + "</ul>")
        + "</ol></div></body></html>", "https://firm.example/x/")
    assert [(c.wp_id, c.author, c.parent, c.content_html) for c in page.post.comments] == [
        (41, "Mark Ellis", 0, "<p>Really useful.</p>"), (42, "Sarah Patel", 41, "<p>Glad it helped.</p>")]
