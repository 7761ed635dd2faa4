"""Pages built from real theme markup, for the review's repros."""

# happenstance (wordpress.org theme) functions.php happenstance_comment(): <li comment_class()
# id="li-comment-N"><div id="comment-N" class="comment"> ... <div class="comment-content comment">
HAPPENSTANCE_COMMENTS = """<!DOCTYPE html><html lang="en-GB"><head><title>Hello world | Site</title>
<link rel="canonical" href="https://site.example/hello-world/"></head>
<body class="post-template-default single single-post postid-7 single-format-standard">
<div id="wrapper"><div id="main-content">
<article id="post-7" class="post-7 post type-post status-publish format-standard hentry category-news">
<h1 class="entry-title">Hello world</h1>
<p class="post-meta"><time class="entry-date published" datetime="2024-01-02T10:00:00+00:00">2 January 2024</time>
<span class="author vcard"><a class="url fn n" href="https://site.example/author/anna/">Anna</a></span></p>
<div class="entry-content"><p>The post's own text, long enough to be the body of the post for sure.</p></div>
</article>
<div id="comments" class="comments-area">
<ol class="commentlist">
<li class="comment even thread-even depth-1 parent" id="li-comment-2">
  <div id="comment-2" class="comment">
    <div class="comment-meta comment-author vcard">
      <img alt="" src="https://secure.gravatar.com/avatar/x?s=44" class="avatar avatar-44 photo" height="44" width="44">
      <span><b class="fn"><a href="https://bob.example/" rel="external nofollow ugc" class="url">Bob</a></b> </span>
      <time datetime="2024-01-03T09:00:00+00:00">3 January 2024 at 09:00</time>
    </div>
    <div class="comment-content comment">
      <p>First comment.</p>
      <div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-2">Reply</a> <span>&darr;</span></div>
    </div>
  </div>
  <ul class="children">
  <li class="comment byuser comment-author-anna bypostauthor odd alt depth-2" id="li-comment-3">
    <div id="comment-3" class="comment">
      <div class="comment-meta comment-author vcard">
        <span><b class="fn">Anna</b> <span>(Post author)</span></span>
        <time datetime="2024-01-03T10:00:00+00:00">3 January 2024 at 10:00</time>
      </div>
      <div class="comment-content comment"><p>A reply.</p>
        <div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-3">Reply</a></div>
      </div>
    </div>
  </li>
  </ul>
</li>
</ol>
</div>
</div></div></body></html>"""

# _s / Twenty Seventeen-style header: wp_nav_menu(theme_location 'menu-1', menu_id 'primary-menu')
# and a footer location with its own menu ("Footer", slug footer: wp_nav_menu's default
# menu_id "menu-footer"), a small business's usual footer repeating the header's pages.
_ITEMS = """<li id="menu-item-{a}" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-home menu-item-{a}"><a href="https://firm.example/">Home</a></li>
<li id="menu-item-{b}" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-{b}"><a href="https://firm.example/about/">About</a></li>
<li id="menu-item-{c}" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-{c}"><a href="https://firm.example/contact/">Contact</a></li>"""
HEADER_FOOTER_MENUS = f"""<!DOCTYPE html><html lang="en-GB"><head><title>About – Firm</title></head>
<body class="page-template-default page page-id-2">
<div id="page" class="site"><header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="https://firm.example/" rel="home">Firm</a></p></div>
<nav id="site-navigation" class="main-navigation"><div class="menu-main-container"><ul id="primary-menu" class="menu">
{_ITEMS.format(a=10, b=11, c=12)}
</ul></div></nav></header>
<main id="primary" class="site-main"><article id="post-2" class="post-2 page type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">About</h1></header>
<div class="entry-content"><p>About the firm: a long enough paragraph to be the body of this page.</p></div>
</article></main>
<footer id="colophon" class="site-footer"><nav class="footer-navigation"><div class="menu-footer-container"><ul id="menu-footer" class="menu">
{_ITEMS.format(a=20, b=21, c=22)}
</ul></div></nav></footer></div></body></html>"""

# A multi-office firm: the header menu's "Offices" sub-menu names its towns; the footer's text
# widget prints the head office's address a line each (<br>), the town on its own line.
OFFICES_FOOTER = """<!DOCTYPE html><html lang="en-GB"><head><title>About – Harrowgate &amp; Finch</title></head>
<body class="page-template-default page page-id-2">
<header id="masthead" class="site-header">
<p class="site-title"><a href="https://firm.example/" rel="home">Harrowgate &amp; Finch</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li id="menu-item-10" class="menu-item"><a href="https://firm.example/">Home</a></li>
<li id="menu-item-11" class="menu-item menu-item-has-children"><a href="https://firm.example/offices/">Offices</a>
<ul class="sub-menu">
<li id="menu-item-12" class="menu-item"><a href="https://firm.example/offices/bristol/">Bristol</a></li>
<li id="menu-item-13" class="menu-item"><a href="https://firm.example/offices/bath/">Bath</a></li>
</ul></li>
<li id="menu-item-14" class="menu-item"><a href="https://firm.example/contact/">Contact</a></li>
</ul></nav></header>
<main id="primary" class="site-main"><article id="post-2" class="post-2 page type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">About</h1></header>
<div class="entry-content"><p>About the firm: a long enough paragraph to be the body of this page.</p></div>
</article></main>
<footer id="colophon" class="site-footer">
<aside class="widget-area"><section id="text-2" class="widget widget_text"><h2 class="widget-title">Head office</h2>
<div class="textwidget"><p>14 Wexley Row<br>
Clifton<br>
Bristol<br>
BS8 4QD</p></div></section></aside>
</footer></body></html>"""

# The same address twice: a contact widget, and the footer's bottom bar "Firm Ltd | address"
# (a separator other than a comma between the firm's name and the address).
BOTTOM_BAR = """<!DOCTYPE html><html lang="en-GB"><head><title>About – Harrowgate &amp; Finch</title></head>
<body class="page-template-default page page-id-2">
<main id="primary" class="site-main"><article id="post-2" class="post-2 page type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">About</h1></header>
<div class="entry-content"><p>About the firm: a long enough paragraph to be the body of this page.</p></div>
</article></main>
<footer id="colophon" class="site-footer">
<section id="text-2" class="widget widget_text"><h2 class="widget-title">Find us</h2>
<div class="textwidget"><p>14 Wexley Row, Clifton, Bristol BS8 4QD</p></div></section>
<div class="site-info"><p>© 2024 Harrowgate &amp; Finch Ltd | 14 Wexley Row, Clifton, Bristol BS8 4QD | 0117 496 0123</p></div>
</footer></body></html>"""

# A theme's own share partial after the post's content (eachlineconsultoria/grioh
# template-parts/social-share.php), and the firm's follow links in the footer.
THEME_SHARE = """<!DOCTYPE html><html lang="en-GB"><head><title>News – Firm</title></head>
<body class="post-template-default single single-post postid-9 single-format-standard">
<main id="primary" class="site-main"><article id="post-9" class="post-9 post type-post status-publish hentry">
<header class="entry-header"><h1 class="entry-title">News</h1></header>
<div class="entry-content"><p>The post's text: long enough to be the body of the post, for sure.</p></div>
<footer class="entry-footer"><div class="social-share">
<a href="javascript:void(0);" class="social-share-copy" data-link="https://firm.example/news/" aria-label="Copiar link permanente"><i class="fa-solid fa-link"></i></a>
<a class="social-share-linkedin" href="https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Ffirm.example%2Fnews%2F" target="_blank" rel="noopener" aria-label="Share on LinkedIn"><i class="fa-brands fa-linkedin-in"></i></a>
<a class="social-share-x" href="https://twitter.com/intent/tweet?url=https%3A%2F%2Ffirm.example%2Fnews%2F&amp;text=News" target="_blank" rel="noopener" aria-label="Share on X"><i class="fa-brands fa-x-twitter"></i></a>
<a class="social-share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Ffirm.example%2Fnews%2F" target="_blank" rel="noopener"><i class="fa-brands fa-facebook-f"></i></a>
<a class="social-share-bluesky" href="https://bsky.app/intent/compose?text=https%3A%2F%2Ffirm.example%2Fnews%2F" target="_blank" rel="noopener" aria-label="Share on Bluesky"><i class="fa-brands fa-bluesky"></i></a>
</div></footer>
</article></main>
<footer id="colophon" class="site-footer"><p>Follow us:
<a href="https://www.linkedin.com/company/firm-example/">LinkedIn</a>
<a href="https://bsky.app/profile/firm.example">Bluesky</a></p></footer>
</body></html>"""

# A title with a line break typed into it (WordPress keeps the tag: post_title
# "Family Law<br>Made Simple"; the_title() prints it as stored).
TITLE_BR = """<!DOCTYPE html><html lang="en-GB"><head><title>Family LawMade Simple – Firm</title></head>
<body class="page-template-default page page-id-5">
<main id="main" class="site-main"><article id="post-5" class="post-5 page type-page status-publish hentry entry">
<header class="entry-header alignwide"><h1 class="entry-title">Family Law<br>Made Simple</h1></header>
<div class="entry-content"><p>Our family team: a paragraph long enough to be this page's body text.</p></div>
</article></main></body></html>"""

# Twenty Twenty single post (template-parts/content.php): the byline (twentytwenty_get_post_meta:
# a plain <a href="/author/..">, no fn, no rel), the content, then entry-author-bio.php
# ("View Archive &rarr;" with rel="author"), all inside the <article>.
TWENTYTWENTY_SINGLE = """<!DOCTYPE html><html lang="en-GB"><head><title>Hello world &#8211; Site</title></head>
<body class="post-template-default single single-post postid-7 single-format-standard singular">
<header id="site-header" class="header-footer-group"><div class="header-titles"><div class="site-title faux-heading"><a href="https://site.example/">Site</a></div></div></header>
<main id="site-content">
<article class="post-7 post type-post status-publish format-standard hentry category-news" id="post-7">
<header class="entry-header has-text-align-center header-footer-group"><div class="entry-header-inner section-inner medium">
<h1 class="entry-title">Hello world</h1>
<div class="post-meta-wrapper post-meta-single post-meta-single-top"><ul class="post-meta">
<li class="post-author meta-wrapper"><span class="meta-icon"><span class="screen-reader-text">Post author</span><svg></svg></span>
<span class="meta-text">By <a href="https://site.example/author/anna/">Anna Smith</a></span></li>
<li class="post-date meta-wrapper"><span class="meta-icon"><span class="screen-reader-text">Post date</span><svg></svg></span>
<span class="meta-text"><a href="https://site.example/hello-world/">2 January 2024</a></span></li>
</ul></div></div></header>
<div class="post-inner thin "><div class="entry-content"><p>The post's own text, long enough to be the body of the post for sure.</p></div></div>
<div class="section-inner">
<div class="author-bio">
<img alt="" src="https://secure.gravatar.com/avatar/x?s=160" class="avatar avatar-160 photo" height="160" width="160">
<div class="author-info">
<h2 class="author-title heading-size-4">By Anna Smith</h2>
<p class="author-description">Anna writes about family law.
<a class="author-link" href="https://site.example/author/anna/" rel="author">View Archive &rarr;</a></p>
</div></div>
</div>
</article>
</main></body></html>"""

# Twenty Twenty's comments as TwentyTwenty_Walker_Comment::html5_comment() prints them (style
# 'div'): a commenter with a website: <a href class="url"><img avatar><span class="fn">...</span></a>
TWENTYTWENTY_COMMENTS = """<!DOCTYPE html><html lang="en-GB"><head><title>Hello world &#8211; Site</title></head>
<body class="post-template-default single single-post postid-7 single-format-standard singular">
<main id="site-content">
<article class="post-7 post type-post status-publish format-standard hentry" id="post-7">
<header class="entry-header"><h1 class="entry-title">Hello world</h1></header>
<div class="post-inner thin "><div class="entry-content"><p>The post's own text, long enough to be the body of the post for sure.</p></div></div>
<div class="comments-wrapper section-inner"><div class="comments" id="comments">
<div class="comments-inner section-inner thin max-percentage">
<div id="comment-2" class="comment even thread-even depth-1">
  <article id="div-comment-2" class="comment-body">
    <footer class="comment-meta">
      <div class="comment-author vcard">
        <a href="https://bob.example/" rel="external nofollow" class="url"><img alt="" src="https://secure.gravatar.com/avatar/x?s=120" class="avatar avatar-120 photo" height="120" width="120"><span class="fn">Bob Jones</span><span class="screen-reader-text says">says:</span></a>
      </div>
      <div class="comment-metadata"><a href="https://site.example/hello-world/#comment-2"><time datetime="2024-01-03T09:00:00+00:00" title="January 3, 2024 at 9:00 am">January 3, 2024 at 9:00 am</time></a></div>
    </footer>
    <div class="comment-content entry-content"><p>First comment.</p></div>
    <footer class="comment-footer-meta"><a rel="nofollow" class="comment-reply-link" href="#comment-2">Reply</a></footer>
  </article>
</div>
</div></div></div>
</article></main></body></html>"""

# GeneratePress with GP Premium's "Navigation as header" (or its mobile header): the site title is
# printed in the navigation's branding, inc/structure/navigation.php generate_navigation_logo()/
# menu-plus: <div class="navigation-branding"><p class="main-title" itemprop="headline"><a rel="home">
GP_NAV_BRANDING = """<!DOCTYPE html><html lang="en-GB"><head><title>About – Harrington &amp; Cole Solicitors</title></head>
<body class="page-template-default page page-id-2 nav-float-right">
<nav class="has-branding main-navigation nav-align-right" id="site-navigation"><div class="inside-navigation grid-container">
<div class="navigation-branding"><p class="main-title" itemprop="headline"><a href="https://firm.example/" rel="home">Harrington &amp; Cole Solicitors</a></p></div>
<div id="primary-menu" class="main-nav"><ul id="menu-main" class="menu sf-menu"><li class="menu-item"><a href="https://firm.example/about/">About</a></li></ul></div>
</div></nav>
<div class="site grid-container container hfeed" id="page"><div class="site-content" id="content"><div class="content-area" id="primary"><main class="site-main" id="main">
<article id="post-2" class="post-2 page type-page status-publish"><div class="inside-article"><header class="entry-header"><h1 class="entry-title" itemprop="headline">About</h1></header>
<div class="entry-content" itemprop="text"><p>About the firm: a long enough paragraph to be the body of this page.</p></div></div></article>
</main></div></div></div></body></html>"""
