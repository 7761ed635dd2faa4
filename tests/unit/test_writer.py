"""ArchiveWriter: staging + atomic swap, crash recovery, refusal of unsafe or repeated paths."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from mwmigrate.archive.writer import ArchiveWriter
from mwmigrate.errors import ArchiveError, UnsafePathError


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_archive(target: Path, files: dict[str, str]) -> None:
    with ArchiveWriter(target) as w:
        for rel, text in files.items():
            w.write_text(rel, text)
        w.commit({"tool": "test"})


@pytest.fixture()
def parent(tmp_path: Path) -> Path:
    p = tmp_path / "out"
    p.mkdir()
    return p


def test_commit_replaces_atomically(parent: Path) -> None:
    target = parent / "site"
    make_archive(target, {"old.md": "old", "keep/nested.txt": "x"})
    before = tree(target)
    with ArchiveWriter(target) as w:
        w.write_text("new.md", "new")
        # nothing is visible at the target until commit
        assert tree(target) == before
        assert w.staging.is_dir() and w.staging.parent == parent
        w.commit({"tool": "test"})
    after = tree(target)
    assert set(after) == {"new.md", "manifest.json"}  # the old archive is gone, not merged
    assert after["new.md"] == b"new"
    assert listing(parent) == ["site"]  # no staging or old folder left


def test_exception_keeps_previous_archive(parent: Path) -> None:
    target = parent / "site"
    make_archive(target, {"a.md": "A"})
    before = tree(target)
    with pytest.raises(RuntimeError):
        with ArchiveWriter(target) as w:
            w.write_text("b.md", "B")
            raise RuntimeError("boom")
    assert tree(target) == before
    assert listing(parent) == ["site"]


def test_exception_without_previous_archive_leaves_nothing(parent: Path) -> None:
    with pytest.raises(RuntimeError):
        with ArchiveWriter(parent / "site") as w:
            w.write_text("b.md", "B")
            raise RuntimeError("boom")
    assert listing(parent) == []


def test_kill_between_renames_is_repaired_by_next_run(parent: Path) -> None:
    target = parent / "site"
    make_archive(target, {"a.md": "A"})
    before = tree(target)
    # simulate a kill after "target -> old" and before "staging -> target"
    target.rename(parent / ".mwmigrate-old-site-1a2b3c4d")
    (parent / ".mwmigrate-staging-site-5e6f7a8b").mkdir()
    (parent / ".mwmigrate-staging-site-5e6f7a8b" / "half.md").write_text("half")
    assert not target.exists()
    w = ArchiveWriter(target)
    with pytest.raises(RuntimeError):
        with w:
            # the previous archive is back in place before anything else happens
            assert tree(target) == before
            raise RuntimeError("this run fails too")
    assert tree(target) == before
    assert listing(parent) == ["site"]


def test_stale_folders_removed_when_target_exists(parent: Path) -> None:
    target = parent / "site"
    make_archive(target, {"a.md": "A"})
    (parent / ".mwmigrate-old-site-00000000").mkdir()
    (parent / ".mwmigrate-staging-site-11111111").mkdir()
    make_archive(target, {"b.md": "B"})
    assert listing(parent) == ["site"]
    assert set(tree(target)) == {"b.md", "manifest.json"}


def test_recovery_does_not_touch_another_archives_folders(parent: Path) -> None:
    # "site-2" is a different archive in the same parent: its leftovers are not "site"'s
    other_old = parent / ".mwmigrate-old-site-2-1a2b3c4d"
    other_old.mkdir()
    (other_old / "site2.md").write_text("site 2's previous archive")
    other_staging = parent / ".mwmigrate-staging-site-2-5e6f7a8b"
    other_staging.mkdir()
    make_archive(parent / "site", {"a.md": "A"})
    assert set(tree(parent / "site")) == {"a.md", "manifest.json"}
    assert other_old.is_dir() and (other_old / "site2.md").exists()
    assert other_staging.is_dir()


def test_same_path_twice_raises(parent: Path) -> None:
    with ArchiveWriter(parent / "site") as w:
        w.write_text("posts/a.md", "one")
        with pytest.raises((ArchiveError, FileExistsError)):
            w.write_text("posts/a.md", "two")
        with pytest.raises((ArchiveError, FileExistsError)):
            w.write_bytes("posts/a.md", b"three")
        w.append_jsonl("records/x.jsonl", {"a": 1})
        with pytest.raises((ArchiveError, FileExistsError)):
            w.write_text("records/x.jsonl", "clobber")
    # the first write was not altered
    assert listing(parent) == []


def test_same_path_twice_is_an_archive_error(parent: Path) -> None:
    # a raw FileExistsError escapes the CLI's error handler as a traceback (exit 1)
    with ArchiveWriter(parent / "site") as w:
        w.write_text("posts/a.md", "one")
        with pytest.raises(ArchiveError):
            w.write_text("posts/a.md", "two")


@pytest.mark.parametrize("rel", ["../escape.md", "/abs.md", "a/../../b.md", "..", "a/..", ""])
def test_unsafe_paths_refused(parent: Path, rel: str) -> None:
    with ArchiveWriter(parent / "site") as w:
        with pytest.raises(UnsafePathError):
            w.write_text(rel, "x")
    assert listing(parent) == []
    assert not (parent.parent / "escape.md").exists()


def test_symlink_in_staging_cannot_redirect_writes(parent: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    with ArchiveWriter(parent / "site") as w:
        (w.staging / "link").symlink_to(outside, target_is_directory=True)
        with pytest.raises(UnsafePathError):
            w.write_text("link/pwned.md", "x")
    assert list(outside.iterdir()) == []


def test_manifest_hashes_match_files(parent: Path) -> None:
    target = parent / "site"
    with ArchiveWriter(target) as w:
        w.write_text("content/posts/日本.md", "# 日本\n")
        w.write_bytes("media/pic.bin", bytes(range(256)))
        w.write_json("records/site.json", {"title": "T"})
        w.touch_jsonl(["records/empty.jsonl"])
        for i in range(3):
            w.append_jsonl("records/posts.jsonl", {"id": i, "title": f"é{i}"})
        w.commit({"tool": "test", "files": "ignored"})
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "test"
    files = manifest["files"]
    on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {"manifest.json"}
    for rel, digest in files.items():
        assert hashlib.sha256((target / rel).read_bytes()).hexdigest() == digest, rel
    assert (target / "records/posts.jsonl").read_text(encoding="utf-8").count("\n") == 3
    assert files["records/empty.jsonl"] == hashlib.sha256(b"").hexdigest()
    assert list(files) == sorted(files)


def test_write_stream_failure_leaves_no_partial_file(parent: Path) -> None:
    target = parent / "site"
    with ArchiveWriter(target) as w:
        if not hasattr(w, "write_stream"):
            pytest.skip("no write_stream yet")

        def fill(fh) -> None:  # type: ignore[no-untyped-def]
            fh.write(b"partial")
            raise OSError("network died")

        with pytest.raises(OSError):
            w.write_stream("media/big.bin", fill)
        assert not (w.staging / "media/big.bin").exists()
        w.write_stream("media/ok.bin", lambda fh: fh.write(b"ok"))
        w.commit({})
    files = json.loads((target / "manifest.json").read_text())["files"]
    assert files == {"media/ok.bin": hashlib.sha256(b"ok").hexdigest()}


def test_target_that_is_a_file_is_refused(parent: Path) -> None:
    (parent / "site").write_text("I am a file")
    with pytest.raises(ArchiveError):
        ArchiveWriter(parent / "site")
    assert (parent / "site").read_text() == "I am a file"
