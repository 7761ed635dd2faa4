"""sources.spool: the posts of the first pass, kept on disk for the second."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mwmigrate.model import Comment, Post
from mwmigrate.sources.spool import PostSpool


def _post(i: int, body: str = "") -> Post:
    return Post(wp_id=i, title=f"Post {i}", slug=f"post-{i}", content_raw=body or f"<p>body {i}</p>",
                meta={"colours": ["red", i]},
                comments=[Comment(wp_id=100 + i, post_id=i, content_html="hi")])


def test_posts_come_back_in_order_and_by_reference(tmp_path: Path) -> None:
    with PostSpool(tmp_path) as spool:
        refs = [spool.append(_post(i)) for i in range(50)]
        assert len(spool) == 50
        seen = []
        for n, post in enumerate(spool):
            seen.append(post.wp_id)
            # a read by reference in the middle of the iteration does not disturb it
            other = spool.get(refs[49 - n])
            assert other.wp_id == 49 - n and other.content_raw == f"<p>body {49 - n}</p>"
        assert seen == list(range(50))
        assert spool.get(refs[7]) == _post(7)
        assert spool.get(refs[7]) is not spool.get(refs[7])  # a new copy each time
        assert [p.wp_id for p in spool] == list(range(50))  # and again


def test_the_file_has_no_name(tmp_path: Path) -> None:
    with PostSpool(tmp_path) as spool:
        spool.append(_post(1, "x" * 3_000_000))
        assert os.listdir(tmp_path) == []  # nothing left behind, whatever ends the process
    assert os.listdir(tmp_path) == []


def test_no_append_once_reading(tmp_path: Path) -> None:
    with PostSpool(tmp_path) as spool:
        spool.append(_post(1))
        assert [p.wp_id for p in spool] == [1]
        with pytest.raises(ValueError, match="being read"):
            spool.append(_post(2))


def test_empty_spool(tmp_path: Path) -> None:
    with PostSpool(tmp_path) as spool:
        assert list(spool) == [] and len(spool) == 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=2000), max_size=20))
def test_any_bodies_round_trip(tmp_path_factory: pytest.TempPathFactory, bodies: list[str]) -> None:
    with PostSpool(tmp_path_factory.mktemp("spool")) as spool:
        refs = [spool.append(_post(i, b)) for i, b in enumerate(bodies)]
        assert [p.content_raw for p in spool] == [b or f"<p>body {i}</p>" for i, b in enumerate(bodies)]
        for i in reversed(range(len(bodies))):
            assert spool.get(refs[i]).wp_id == i


def test_dump_gives_the_pickle_that_pickled_reads_back(tmp_path: Path) -> None:
    import pickle

    with PostSpool(tmp_path) as spool:
        dumped = [spool.dump(_post(i)) for i in range(20)]
        for i, (ref, data) in enumerate(dumped):
            assert spool.pickled(ref) == data
            assert pickle.loads(data) == _post(i) == spool.get(ref)
