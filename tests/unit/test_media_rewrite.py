"""--download-media: references to downloaded files rewritten to the local copies, exactly."""

from __future__ import annotations

from mwmigrate.archive.media import MediaDownloader

UP = "https://example.org/wp-content/uploads/2019/07/"


def downloader(local: dict[str, str]) -> MediaDownloader:
    md = MediaDownloader.__new__(MediaDownloader)  # (no writer, no fetcher: rewriting only)
    md.local, md.failed = dict(local), {}
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
