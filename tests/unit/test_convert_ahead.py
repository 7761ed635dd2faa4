"""migrate.ConvertAhead: posts converted by the pool while the first pass reads the export.

A post converted ahead must come out exactly as the second pass would have converted it (the
archive is compared byte for byte between runs with and without a pool); posts whose render
reads the site data are never converted ahead; the pool is never sent more than the window
and the budget allow; what the first pass left for later is sent once it is over.
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from pathlib import Path

import pytest

import mwmigrate.migrate as m
from mwmigrate.migrate import ConvertAhead, convert_post
from mwmigrate.model import Comment, Post
from tests.conftest import WXR_DIR


def post(i: int) -> Post:
    raw = (f"<h2>Post {i}</h2>\n\nText of <em>post</em> {i}, \"quoted\" -- dashed.\n\n"
           f"[unknown_{i % 3}]\n\n<ul><li>a {i}</li></ul><!--more-->\n\nAfter the more tag.")
    if i % 5 == 0:
        raw += "\n\n[gallery]"  # reads the site data: never converted ahead
    p = Post(wp_id=i, type="post", status="publish", slug=f"post-{i}", title=f"Post {i}",
             content_raw=raw, warnings=[f"read warning {i}"])
    p.comments = [Comment(wp_id=100 + i, post_id=i, author="A", content_html=f"A *comment* {i}")]
    return p


def offer(ahead: ConvertAhead, p: Post, i: int) -> None:
    """As the first pass offers a post: its spool reference (here i) and its pickle."""
    ahead.offer(p, i, ref=i, data=pickle.dumps(p))


def pickled(ref: int) -> bytes:
    """What the spool gives back for a reference (here the post's number)."""
    return pickle.dumps(post(ref))


@pytest.fixture(scope="module")
def pool():
    with multiprocessing.get_context("fork").Pool(1, initializer=m._init_worker,
                                                  initargs=(None, True)) as p:
        yield p


def expected(i: int) -> Post:
    return convert_post(post(i))


def same_conversion(got: Post, want: Post) -> None:
    assert got.content_html == want.content_html
    assert got.content_markdown == want.content_markdown
    assert got.warnings == want.warnings
    assert got.meta == want.meta
    assert [c.content_markdown for c in got.comments] == [c.content_markdown for c in want.comments]
    # (the stored body is kept only where the rendering could not show all of it: these posts'
    # unknown shortcodes)
    assert got.content_raw == want.content_raw
    assert bool(got.content_raw) == any("shortcode" in w for w in got.warnings)


def test_posts_converted_ahead_are_what_the_second_pass_makes(pool) -> None:
    posts = {i: post(i) for i in range(1, 41)}
    with ConvertAhead(pool, budget=10**9, window=100) as ahead:
        for i, p in posts.items():
            offer(ahead, p, i)
        ahead.feed(pickled)
        ahead.stop()
        taken = {i: ahead.take(i) for i in posts}
    for i, done in taken.items():
        if i % 5 == 0:
            assert done is None, i  # its [gallery] reads the site data
            continue
        assert done is not None and done.rendered
        # the warnings the post had when read come first, then the render's
        assert done.warned == 1 and done.post.warnings[0] == f"read warning {i}"
        assert any(f"unknown_{i % 3}" in w for w in done.post.warnings[1:])
        same_conversion(done.post, expected(i))
        assert "Text of post" in done.post.meta["_more_excerpt"]  # (the <!--more--> excerpt)
    assert ahead.take(1) is None  # taken once: its results are not held any longer


def test_a_full_pool_leaves_posts_for_after_the_first_pass(pool) -> None:
    with ConvertAhead(pool, budget=10**9, window=1, batch=2) as ahead:
        for i in range(1, 31):
            offer(ahead, post(i), i)
        assert ahead.skipped  # the pool had its fill: those wait, as spool references
        assert all(i % 5 for i, _ in ahead.skipped)  # (never a post that needs the site data)
        # (the second element is the spool reference, not the post)
        assert all(isinstance(ref, int) for _, ref in ahead.skipped)
        read = []
        ahead.feed(lambda ref: read.append(ref) or pickled(ref))
        deadline = time.monotonic() + 30
        while ahead.skipped and time.monotonic() < deadline:
            time.sleep(0.01)
        ahead.stop()
        assert read, "nothing left for later was sent"
        for i in read:
            done = ahead.take(i)
            assert done is not None
            same_conversion(done.post, expected(i))


def test_the_budget_bounds_what_is_sent(pool) -> None:
    with ConvertAhead(pool, budget=len(pickle.dumps(post(1))), window=100) as ahead:
        for i in range(1, 10):
            offer(ahead, post(i), i)
        ahead.feed(pickled)
        ahead.stop()
        assert ahead.take(1) is not None
        assert all(ahead.take(i) is None for i in range(2, 10))


def test_without_a_pool_nothing_is_converted_ahead() -> None:
    with ConvertAhead(None, budget=10**9) as ahead:
        offer(ahead, post(1), 1)
        ahead.feed(pickled)
        ahead.stop()
        assert ahead.take(1) is None


def test_a_failure_reading_back_is_raised_by_stop(pool) -> None:
    def broken(ref: int) -> bytes:
        raise OSError("the spool is gone")

    with ConvertAhead(pool, budget=10**9, window=1, batch=1) as ahead:
        for i in range(1, 5):
            offer(ahead, post(i), i)
        ahead.feed(broken)
        with pytest.raises(OSError, match="spool is gone"):
            deadline = time.monotonic() + 30
            while ahead._feeder is not None and ahead._feeder.is_alive() and \
                    time.monotonic() < deadline:
                time.sleep(0.01)
            ahead.stop()


def test_leaving_early_stops_the_feeding_thread(pool) -> None:
    with pytest.raises(RuntimeError):
        with ConvertAhead(pool, budget=10**9, window=1, batch=1) as ahead:
            for i in range(1, 200):
                offer(ahead, post(i), i)
            ahead.feed(lambda ref: (time.sleep(0.001), pickled(ref))[1])
            raise RuntimeError("the run failed before its second pass")
    assert ahead._feeder is None or not ahead._feeder.is_alive()


SEO_WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Site</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://example.org</wp:base_site_url>
<wp:base_blog_url>https://example.org</wp:base_blog_url>
{items}
</channel></rss>"""

SEO_ITEM = """<item><title>Post {i}</title><link>https://example.org/post-{i}/</link>
<dc:creator>admin</dc:creator>
<content:encoded><![CDATA[Body {i} with [mystery_{i}] in it.

Second paragraph.]]></content:encoded>
<wp:post_id>{i}</wp:post_id><wp:post_date>2020-01-0{d} 10:00:00</wp:post_date>
<wp:post_date_gmt></wp:post_date_gmt><wp:post_name>post-{i}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_yoast_wpseo_title</wp:meta_key>
<wp:meta_value><![CDATA[%%title%% %%nonsense_{i}%%]]></wp:meta_value></wp:postmeta>
</item>"""


def test_warnings_keep_their_order_with_and_without_the_pool(tmp_path: Path,
                                                             monkeypatch) -> None:
    """The second pass adds the SEO warnings before the render's; a post converted ahead
    carries the render's already: they must still come after."""
    items = "\n".join(SEO_ITEM.format(i=i, d=1 + i % 9) for i in range(1, 60))
    source = tmp_path / "seo.xml"
    source.write_text(SEO_WXR.format(items=items))
    taken = []
    real = ConvertAhead.take

    def spy(self, index):
        done = real(self, index)
        taken.append(done is not None)
        return done

    monkeypatch.setattr(ConvertAhead, "take", spy)
    one = m.migrate_wxr(source, tmp_path / "one", m.MigrateOptions(progress=False, workers=1))
    two = m.migrate_wxr(source, tmp_path / "two", m.MigrateOptions(progress=False, workers=2))
    assert any(taken), "no post was converted ahead: this test would prove nothing"
    assert one.warnings == two.warnings
    for i in (1, 30, 59):
        mine = [w for w in two.warnings if f"post {i} " in w or f"'Post {i}'" in w]
        assert len(mine) >= 2, two.warnings[:6]
        assert "nonsense" in mine[0] and "mystery" in mine[-1], mine
    a = (tmp_path / "one" / "records" / "posts.jsonl").read_bytes()
    assert a == (tmp_path / "two" / "records" / "posts.jsonl").read_bytes()


def test_the_shared_exports_are_converted_ahead_with_a_pool(tmp_path: Path, monkeypatch) -> None:
    taken = []
    real = ConvertAhead.take
    monkeypatch.setattr(ConvertAhead, "take",
                        lambda self, i: taken.append(real(self, i)) or taken[-1])
    m.migrate_wxr(WXR_DIR / "themeunittestdata.wordpress.xml", tmp_path / "a",
                  m.MigrateOptions(progress=False, workers=2))
    ahead = [t for t in taken if t is not None]
    # (the byte-for-byte comparison with a run without a pool is in test_migrate_wxr.py)
    assert len(ahead) > len(taken) // 4, (len(ahead), len(taken))


def test_the_pools_pipes_are_widened() -> None:
    fcntl = pytest.importorskip("fcntl")
    with multiprocessing.get_context("fork").Pool(1) as p:
        before = fcntl.fcntl(p._outqueue._reader.fileno(), fcntl.F_GETPIPE_SZ)
        assert m.widen_pipes(p) is True
        for q in (p._inqueue, p._outqueue):
            assert fcntl.fcntl(q._reader.fileno(), fcntl.F_GETPIPE_SZ) == m._PIPE_BYTES
        assert before < m._PIPE_BYTES  # (else this test could not see a change)
        assert p.apply(len, ("x" * 3_000_000,)) == 3_000_000  # (still a working pool)


def test_widening_what_is_not_a_pool_changes_nothing() -> None:
    assert m.widen_pipes(object()) is False


def test_results_wait_on_disk_in_a_folder_removed_at_close(pool, tmp_path: Path) -> None:
    with ConvertAhead(pool, budget=10**9, window=100, folder=tmp_path) as ahead:
        [folder] = list(tmp_path.iterdir())  # one folder of its own, in the folder given
        assert folder.name.startswith(".convert-ahead-")
        for i in range(1, 41):
            offer(ahead, post(i), i)
        ahead.feed(pickled)
        ahead.stop()
        for sent, _ in list(ahead.where.values()):
            sent.result.wait(30)
        # (32 posts sent, 16 a batch: the 8 with a [gallery] are not)
        assert sorted(p.suffix for p in folder.iterdir()) == [".pickle"] * 2
        for i in range(1, 41):
            done = ahead.take(i)
            if i % 5:
                same_conversion(done.post, expected(i))
        assert list(folder.iterdir()) == []  # each file removed once read back
        ahead.close()
        assert list(tmp_path.iterdir()) == []
    # leaving without taking everything removes the folder too
    with ConvertAhead(pool, budget=10**9, window=100, folder=tmp_path) as ahead:
        offer(ahead, post(1), 1)
        ahead.feed(pickled)
        ahead.stop()
        ahead.where[1][0].result.wait(30)
    assert list(tmp_path.iterdir()) == []


def test_a_migration_with_a_pool_leaves_no_results_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    m.migrate_wxr(WXR_DIR / "themeunittestdata.wordpress.xml", out,
                  m.MigrateOptions(progress=False, workers=2))
    left = [p for p in out.rglob("*") if "convert-ahead" in p.name or p.suffix == ".pickle"]
    assert left == []
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # (nor beside the archive)


def test_a_worker_hands_memory_back_every_few_batches_and_after_a_large_one(monkeypatch) -> None:
    trims = []
    monkeypatch.setattr(m, "release_free_memory", lambda: trims.append(1))
    monkeypatch.setattr(m, "_batches_since_trim", 0)
    for _ in range(m._TRIM_EVERY * 3):
        m._batch_done(1000)
    assert len(trims) == 3
    m._batch_done(m._TRIM_AFTER + 1)
    assert len(trims) == 4
    m._batch_done(1000)
    assert len(trims) == 4  # (counted afresh from the last)


def test_what_is_converted_is_the_post_as_offered(pool) -> None:
    with ConvertAhead(pool, budget=10**9, window=100, batch=1) as ahead:
        for i in range(1, 30):
            p = post(i)
            offer(ahead, p, i)
            p.content_raw = "changed after the offer"  # (the reader's object, later)
            p.warnings.append("added after the offer")
        ahead.feed(pickled)
        ahead.stop()
        for i in range(1, 30):
            done = ahead.take(i)
            if i % 5:
                same_conversion(done.post, expected(i))


DIES = """
import os, sys
from pathlib import Path
import mwmigrate.migrate as m
from mwmigrate.errors import MwmigrateError
where, source, out = sys.argv[1:4]
real = getattr(m, where)
parent = os.getpid()
def dies(*args, **kwargs):
    if os.getpid() != parent:
        os._exit(1)  # (as the OOM killer would end it)
    return real(*args, **kwargs)
setattr(m, where, dies)
try:
    m.migrate_wxr(Path(source), Path(out), m.MigrateOptions(progress=False, workers=2))
except MwmigrateError as exc:
    print("raised:", exc)
"""


@pytest.mark.parametrize("where", ["_convert_ahead", "_finish_batch"])
def test_a_worker_that_dies_stops_the_run_with_a_message(tmp_path: Path, where: str) -> None:
    """multiprocessing.Pool waits forever for the task of a worker that died: the run hung."""
    import subprocess
    import sys

    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", DIES, where,
                           str(WXR_DIR / "themeunittestdata.wordpress.xml"), str(out)],
                          capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert "raised: a worker process stopped" in proc.stdout, (proc.stdout, proc.stderr[-2000:])
    assert not out.exists() and list(tmp_path.iterdir()) == []  # nothing written, nothing left


def test_a_failed_run_stops_the_pool_before_removing_the_results_folder(tmp_path: Path) -> None:
    with multiprocessing.get_context("fork").Pool(1, initializer=m._init_worker,
                                                  initargs=(None, True)) as p:
        with pytest.raises(RuntimeError):
            with ConvertAhead(p, budget=10**9, window=100, folder=tmp_path) as ahead:
                for i in range(1, 200):
                    offer(ahead, post(i), i)
                raise RuntimeError("the run failed in its first pass")
        with pytest.raises(ValueError):  # stopped: it takes no more work
            p.apply_async(len, ("x",))
        time.sleep(0.5)  # (anything a worker could still have been writing)
        assert list(tmp_path.iterdir()) == []
