"""RSS2 feed parsing (pure), shaped like WordPress's feed-rss2.php output."""

from __future__ import annotations

from mwmigrate.sources.feed import feed_url, parse_feed, post_from_feed

FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>
<channel>
	<title>Example</title>
	<atom:link href="https://example.org/feed/" rel="self" type="application/rss+xml" />
	<link>https://example.org</link>
	<description>Just another WordPress site</description>
	<lastBuildDate>Mon, 09 Mar 2020 10:41:07 +0000</lastBuildDate>
	<generator>https://wordpress.org/?v=6.1.1</generator>
	<item>
		<title>Don&#8217;t panic &#038; carry on</title>
		<link>https://example.org/2020/03/09/dont-panic/</link>
		<comments>https://example.org/2020/03/09/dont-panic/#respond</comments>
		<dc:creator><![CDATA[Jane Doe]]></dc:creator>
		<pubDate>Mon, 09 Mar 2020 10:41:07 +0000</pubDate>
		<category><![CDATA[News]]></category>
		<category><![CDATA[calm]]></category>
		<guid isPermaLink="false">https://example.org/?p=2210</guid>
		<description><![CDATA[Short summary [&#8230;]]]></description>
		<content:encoded><![CDATA[<p>First paragraph.</p>
<p>Caf\u00e9 &amp; more.</p>
]]></content:encoded>
		<wfw:commentRss>https://example.org/2020/03/09/dont-panic/feed/</wfw:commentRss>
		<slash:comments>0</slash:comments>
	</item>
	<item>
		<title>Summer time</title>
		<link>https://example.org/2019/07/01/summer/</link>
		<dc:creator><![CDATA[Jane Doe]]></dc:creator>
		<pubDate>Mon, 01 Jul 2019 09:00:00 +0100</pubDate>
		<guid isPermaLink="false">https://example.org/?p=17</guid>
		<description><![CDATA[Summer]]></description>
	</item>
</channel>
</rss>
"""


def test_items() -> None:
    items = parse_feed(FEED.encode())
    assert [i.link for i in items] == ["https://example.org/2020/03/09/dont-panic/",
                                      "https://example.org/2019/07/01/summer/"]
    first = items[0]
    assert first.title == "Don\u2019t panic & carry on"
    assert first.pub_date == "2020-03-09T10:41:07+00:00"
    assert first.creator == "Jane Doe" and first.categories == ["News", "calm"]
    assert first.content_html == "<p>First paragraph.</p>\n<p>Caf\u00e9 &amp; more.</p>\n"
    assert first.wp_id == 2210
    assert items[1].pub_date == "2019-07-01T09:00:00+01:00" and items[1].content_html == ""


def test_not_a_feed() -> None:
    assert parse_feed(b"<html><body>Not found</body></html>") == []
    assert parse_feed(b"") == []


def test_post_from_feed() -> None:
    post = post_from_feed(parse_feed(FEED.encode())[0])
    assert (post.wp_id, post.url, post.source) == (2210, "https://example.org/2020/03/09/dont-panic/", "html")
    assert post.content_html.startswith("<p>First")


def test_feed_urls() -> None:
    assert feed_url("https://example.org", 1) == "https://example.org/feed/"
    assert feed_url("https://example.org/", 3) == "https://example.org/feed/?paged=3"
    assert feed_url("https://example.org/", 2, pretty=False) == "https://example.org/?feed=rss2&paged=2"
