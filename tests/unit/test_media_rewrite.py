"""--download-media: references to downloaded files rewritten to the local copies, exactly."""

from __future__ import annotations

from mwmigrate.archive.media import MediaDownloader

UP = "https://example.org/wp-content/uploads/2019/07/"


def downloader(local: dict[str, str]) -> MediaDownloader:
    md = MediaDownloader.__new__(MediaDownloader)  # (no writer, no fetcher: rewriting only)
    md.local, md.failed, md._decoded = dict(local), {}, None
    return md


def test_each_reference_form_is_rewritten() -> None:
    md = downloader({UP + "a.jpg": "media/2019/07/a.jpg", UP + "a-300x200.jpg": "media/2019/07/a-300x200.jpg",
                     UP + "brochure.pdf": "media/2019/07/brochure.pdf"})
    html = (f'<a href="{UP}a.jpg"><img src="{UP}a-300x200.jpg" srcset="{UP}a-300x200.jpg 300w, '
            f'{UP}a.jpg 1024w"></a> [PDF]({UP}brochure.pdf) see {UP}brochure.pdf. '
            f'<img src="{UP.replace("https", "http")}a.jpg?ver=2#top">')
    assert md.rewrite(html, "content/posts/x.md") == (
        '<a href="../../media/2019/07/a.jpg"><img src="../../media/2019/07/a-300x200.jpg" '
        'srcset="../../media/2019/07/a-300x200.jpg 300w, ../../media/2019/07/a.jpg 1024w"></a> '
        '[PDF](../../media/2019/07/brochure.pdf) see ../../media/2019/07/brochure.pdf. '
        '<img src="../../media/2019/07/a.jpg?ver=2#top">')


def test_a_longer_url_is_not_taken_for_a_files() -> None:
    md = downloader({UP + "a.jpg": "media/2019/07/a.jpg"})
    text = f"{UP}a.jpg.webp {UP}a.jpgx https://example.org.evil/wp-content/uploads/2019/07/a.jpg"
    assert md.rewrite(text) == text


def test_many_media() -> None:
    # 20,000 files (a long-running site): each reference is looked up, not matched against an
    # alternation of every URL (which took seconds to compile and a scan per URL).
    md = downloader({f"{UP}image-{i}.jpg": f"media/image-{i}.jpg" for i in range(20_000)})
    body = f'<p>text</p><img src="{UP}image-19999.jpg"><img src="{UP}image-1.jpg">' * 200
    out = md.rewrite(body)
    assert out.count('src="media/image-19999.jpg"') == out.count('src="media/image-1.jpg"') == 200


def test_urls_next_to_entities_and_unicode_punctuation() -> None:
    # (the classic editor writes background images as url(&quot;...&quot;); texts quote links)
    md = downloader({UP + "hero.png": "media/hero.png", UP + "guide.pdf": "media/guide.pdf"})
    assert md.rewrite(f'<div style="background-image: url(&quot;{UP}hero.png&quot;)">') == \
        '<div style="background-image: url(&quot;media/hero.png&quot;)">'
    assert md.rewrite(f"&#8220;{UP}guide.pdf&#8221; “{UP}guide.pdf” *{UP}guide.pdf* {UP}guide.pdf&nbsp;…") == \
        "&#8220;media/guide.pdf&#8221; “media/guide.pdf” *media/guide.pdf* media/guide.pdf&nbsp;…"
    assert md.rewrite(f"{UP}guide.pdf’s cover, {UP}guide.pdf。") == "media/guide.pdf’s cover, media/guide.pdf。"


def test_markdown_autolink_becomes_a_link_to_the_copy() -> None:
    md = downloader({UP + "guide.pdf": "media/guide.pdf"})
    # <../../media/guide.pdf> would be no autolink (shown as text): a link showing the URL
    assert md.rewrite(f"See <{UP}guide.pdf>.", "content/posts/x.md") == \
        f"See [{UP}guide.pdf](../../media/guide.pdf)."


def test_the_same_file_spelt_otherwise() -> None:
    md = downloader({UP + "caf%C3%A9.jpg": "media/café.jpg", UP + "thé.jpg": "media/thé.jpg"})
    assert md.rewrite(f'<img src="{UP}café.jpg"><img src="{UP}th%C3%A9.jpg">') == \
        '<img src="media/café.jpg"><img src="media/thé.jpg">'
