"""migrate.finished: posts finished on a worker pool or by the main process, in input order.

The main process takes a batch itself when the pool has its fill, and always finishes a post
with a large body itself (never sent). Whoever finishes a post, the results must be the same
and come back in input order (the archive is compared byte for byte between runs).
"""

from __future__ import annotations

import multiprocessing

import pytest

from mwmigrate.archive.builder import Composed, LayoutOptions, PostComposer
from mwmigrate.convert.render import RenderContext
from mwmigrate.migrate import _LARGE_BODY, Job, finish_job, finished, render_post
from mwmigrate.model import Media, Post


def jobs() -> list[Job]:
    out = []
    for i in range(1, 120):
        body = f"<h2>Post {i}</h2><p>Text of <em>post</em> {i}.</p><ul><li>a {i}</li></ul>"
        if i in (7, 20, 70):  # bodies over the size that keeps a batch on the pool (two in a row)
            body += "<p>" + "long text " * (_LARGE_BODY // 10) + "</p>"
        post = Post(wp_id=i, type="post", status="publish", slug=f"post-{i}", title=f"Post {i}",
                    content_html=body)
        post.path = f"content/posts/post-{i}.md"
        out.append(Job(post, rendered=True, permalink=f"/post-{i}/", author_name="A"))
    return out


@pytest.fixture(scope="module")
def pool():
    compose = PostComposer(LayoutOptions())
    ctx = multiprocessing.get_context("fork")
    from mwmigrate.migrate import _init_worker

    with ctx.Pool(1, initializer=_init_worker, initargs=(compose,)) as p:
        yield p


@pytest.mark.parametrize("window", [0, 1, 3, 100])
def test_the_same_results_in_input_order_whoever_finishes(pool, window: int) -> None:
    compose = PostComposer(LayoutOptions())
    expected = [finish_job(job, compose) for job in jobs()]  # one process, in order
    got = list(finished(jobs(), pool, compose, helpers=1, window=window))
    assert [c.wp_id for c in got] == list(range(1, 120))
    assert all(isinstance(c, Composed) for c in got)
    assert [(c.path, c.markdown, c.post_line) for c in got] == \
        [(c.path, c.markdown, c.post_line) for c in expected]
    assert b"long text long text" in got[6].markdown and b"Post 8" in got[7].markdown


@pytest.mark.parametrize("window", [1, 100])
def test_a_large_body_is_finished_here_and_the_rest_of_its_batch_on_the_pool(
        pool, window: int, monkeypatch) -> None:
    import os

    import mwmigrate.migrate as m

    here: list[int] = []
    real = m.finish_job

    def spy(job, compose):  # (the worker, forked before, calls its own finish_job)
        assert os.getpid() == main_pid
        here.append(job.post.wp_id)
        return real(job, compose)

    main_pid = os.getpid()
    monkeypatch.setattr(m, "finish_job", spy)
    got = list(finished(jobs(), pool, PostComposer(LayoutOptions()), helpers=1, window=window))
    assert [c.wp_id for c in got] == list(range(1, 120))
    assert {7, 20, 70} <= set(here)  # the large ones, every time
    if window == 100:  # the pool always has room: only they were finished here
        assert here == [7, 20, 70]


def raw_jobs() -> list[Job]:
    """Jobs not rendered yet; every fifth body holds a [gallery], which reads the site data."""
    out = []
    for i in range(1, 60):
        raw = f"<h2>Post {i}</h2>\n\nText of <em>post</em> {i}.\n\n<ul><li>a {i}</li></ul>"
        if i % 5 == 0:
            raw += "\n\n[gallery]"
        post = Post(wp_id=i, type="post", status="publish", slug=f"post-{i}", title=f"Post {i}",
                    content_raw=raw)
        post.path = f"content/posts/post-{i}.md"
        out.append(Job(post, rendered=None, permalink=f"/post-{i}/", author_name="A"))
    return out


SITE = RenderContext(media={1000 + i: Media(wp_id=1000 + i, url=f"https://example.org/{i}.jpg",
                                            mime_type="image/jpeg", parent=i)
                            for i in range(5, 60, 5)},
                     attachments_by_parent={i: [1000 + i] for i in range(5, 60, 5)})


def render_here(job: Job) -> Job:
    job.rendered = render_post(job.post, SITE, withhold=True)
    return job


@pytest.mark.parametrize("window", [0, 1, 3])
def test_the_pool_renders_what_needs_no_site_data_and_hands_back_the_rest(pool, window) -> None:
    compose = PostComposer(LayoutOptions())
    expected = [finish_job(render_here(job), compose) for job in raw_jobs()]
    assert b"https://example.org/5.jpg" in expected[4].markdown  # (the site data was read)
    got = list(finished(raw_jobs(), pool, compose, helpers=1, window=window, render=render_here))
    assert [(c.path, c.markdown, c.post_line) for c in got] == \
        [(c.path, c.markdown, c.post_line) for c in expected]


def test_a_job_not_rendered_needs_something_to_render_it() -> None:
    with pytest.raises(ValueError, match="not rendered"):
        list(finished(raw_jobs()[:1], None, None, helpers=0))


def test_without_a_pool_everything_is_finished_here() -> None:
    got = list(finished(jobs(), None, None, helpers=0))
    assert [p.wp_id for p in got] == list(range(1, 120))
    assert all(isinstance(p, Post) and p.content_markdown.startswith("## Post") for p in got)


def test_a_migration_leaves_the_collector_as_it_found_it(tmp_path) -> None:
    import gc

    from mwmigrate.migrate import MigrateOptions, migrate_wxr
    from tests.conftest import WXR_DIR

    source = WXR_DIR / "64-block-test-data.xml"
    assert gc.get_freeze_count() == 0
    migrate_wxr(source, tmp_path / "a", MigrateOptions(progress=False, workers=2))
    assert gc.get_freeze_count() == 0  # what it froze for the run is given back
    mine = [object() for _ in range(3)]
    gc.freeze()  # a caller's own frozen objects stay frozen through a run
    try:
        frozen = gc.get_freeze_count()
        migrate_wxr(source, tmp_path / "b", MigrateOptions(progress=False))
        # neither unfrozen nor added to (objects frozen may still be freed by refcounting)
        assert frozen - 100 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
    del mine


def test_a_migration_gives_back_the_thread_switch_interval(tmp_path, monkeypatch) -> None:
    import sys

    import mwmigrate.migrate as m
    from tests.conftest import WXR_DIR

    before = sys.getswitchinterval()
    assert before != m._SWITCH_INTERVAL  # (else this test could not see a change)
    seen = []
    real = m.WXRMigration._index

    def spy(self, *args, **kwargs):  # the interval while the pool runs
        seen.append(sys.getswitchinterval())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(m.WXRMigration, "_index", spy)
    m.migrate_wxr(WXR_DIR / "64-block-test-data.xml", tmp_path / "a",
                  m.MigrateOptions(progress=False, workers=2))
    assert seen == [m._SWITCH_INTERVAL]
    assert sys.getswitchinterval() == before


@pytest.mark.parametrize("withhold", [True, False])
def test_the_pool_withholds_protected_bodies_as_the_run_says(withhold: bool) -> None:
    from mwmigrate.migrate import _init_worker

    compose = PostComposer(LayoutOptions())
    post = Post(wp_id=1, type="post", status="publish", slug="s", title="S",
                content_raw="A secret body.", password_protected=True)
    post.path = "content/posts/s.md"
    with multiprocessing.get_context("fork").Pool(1, initializer=_init_worker,
                                                  initargs=(compose, withhold)) as p:
        [got] = finished([Job(post, None, permalink="/s/")], p, compose, helpers=1, window=1)
    assert (b"secret" in got.markdown) is (not withhold)
