"""Archive stage: write an archive atomically, with a manifest of every file's sha256.

Everything is written into a staging folder beside the target; only a complete archive replaces
the previous one (two renames). A crash or kill mid-run leaves the previous archive intact and a
staging folder that the next run removes.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import io
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from mwmigrate import interrupt
from mwmigrate.archive.paths import join_safe
from mwmigrate.errors import ArchiveError, UnsafePathError

_STAGING_PREFIX = ".mwmigrate-staging-"
_OLD_PREFIX = ".mwmigrate-old-"


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps_json(obj: Any) -> str:
    """The one JSON form the archive uses: sorted keys, UTF-8, no trailing spaces.

    (``json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``; one encoder
    made once, as json.dumps would make one per call for these arguments.)
    """
    return _ENCODER.encode(obj)


_WHOLE_BELOW = 65_536  # characters of top-level text: a record this small is encoded whole


def dumps_json_line(record: dict[str, Any]) -> bytes:
    """``dumps_json(record).encode("utf-8")``; a large record built one top-level value at a time.

    A post record holds its body twice (HTML and Markdown): megabytes for a page listing every
    page of a large site. Encoded whole, the escaped pieces, the joined text and its bytes are
    all alive at once; here only one value's text is, next to the bytes so far. The same bytes:
    json.dumps with sort_keys writes the items of a dict in sorted order, just like this.
    """
    if sum(len(v) for v in record.values() if isinstance(v, str)) < _WHOLE_BELOW:
        return _ENCODER.encode(record).encode("utf-8")
    parts = [_ENCODER.encode(key).encode("utf-8") + b":" + _ENCODER.encode(record[key]).encode("utf-8")
             for key in sorted(record)]
    return b"{" + b",".join(parts) + b"}"


class ArchiveWriter:
    """Collects files for one archive and publishes them all at once on ``commit()``."""

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target).absolute()
        if self.target.exists() and not self.target.is_dir():
            raise ArchiveError(f"{self.target} exists and is not a folder",
                               hint="choose another --out")
        self.parent = self.target.parent
        self.staging = self.parent / f"{_STAGING_PREFIX}{self.target.name}-{uuid.uuid4().hex[:8]}"
        self.files: dict[str, str] = {}  # relative path -> sha256
        self._jsonl: dict[str, Any] = {}
        self._jsonl_sha256: dict[str, Any] = {}  # of what was appended (read again, it cost
        # a serial 90 ms at the end of a 20 MB export's run, the pool idle)
        self._committed = False
        self._folders: dict[str, str] = {}  # folder (relative) -> resolved, created
        self._staging_real: Path | None = None

    def __enter__(self) -> ArchiveWriter:
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._remove_stale()
            self.staging.mkdir()
        except OSError as exc:
            raise ArchiveError(f"cannot create the output folder: {exc}") from exc
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        for fh in self._jsonl.values():
            fh.close()
        if not self._committed:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _remove_stale(self) -> None:
        """Staging or old folders left by a killed run of the same target.

        A run killed between its two renames leaves the previous archive only as an "old"
        folder: put it back before anything is removed.
        """
        suffix = "-" + "[0-9a-f]" * 8
        name = glob.escape(self.target.name)
        olds = sorted(self.parent.glob(f"{_OLD_PREFIX}{name}{suffix}"))
        if olds and not self.target.exists():
            os.rename(olds[0], self.target)
        for prefix in (_STAGING_PREFIX, _OLD_PREFIX):
            for stale in self.parent.glob(f"{prefix}{name}{suffix}"):
                shutil.rmtree(stale, ignore_errors=True)

    def _resolve(self, rel: str) -> str:
        """The file's path in the staging folder, its folder created; never outside it.

        join_safe refuses absolute paths and '..'; what is left to fear is a symlink on the
        way, so each folder is resolved (and created) once and the file name joined to it.
        A plain string: a pathlib.Path per file would intern every file name for the run.
        """
        rel = join_safe(*rel.split("/"))
        folder, _, name = rel.rpartition("/")
        real = self._folders.get(folder)
        if real is None:
            if self._staging_real is None:
                self._staging_real = self.staging.resolve()
            resolved = (self._staging_real / folder).resolve() if folder else self._staging_real
            if not resolved.is_relative_to(self._staging_real):
                raise UnsafePathError(f"refusing to write outside the archive: {rel!r}")
            resolved.mkdir(parents=True, exist_ok=True)
            real = self._folders[folder] = str(resolved)
        return os.path.join(real, name)  # files are opened with O_EXCL ("x"): never through a link

    def exists(self, rel: str) -> bool:
        return rel in self.files or rel in self._jsonl

    def write_bytes(self, rel: str, data: bytes) -> str:
        if self.exists(rel):
            raise ArchiveError(f"two records would share the archive file {rel!r}")
        path = self._resolve(rel)
        with open(path, "xb") as fh:  # "x": two records never silently share a file
            fh.write(data)
        self.files[rel] = hashlib.sha256(data).hexdigest()
        return rel

    def write_stream(self, rel: str, fill: Callable[[IO[bytes]], object]) -> str:
        """Write a file by streaming into it (``fill(fh)``), hashing what was written."""
        path = self._resolve(rel)
        try:
            with open(path, "xb") as fh:
                fill(fh)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            raise
        self.files[rel] = sha256_file(path)
        return rel

    def write_text(self, rel: str, text: str) -> str:
        return self.write_bytes(rel, text.encode("utf-8"))

    def write_text_stream(self, rel: str, fill: Callable[[IO[str]], object]) -> str:
        """Write a UTF-8 text file by streaming into it (``fill(fh)``), newlines as written."""
        def fill_bytes(fh: IO[bytes]) -> None:
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
            fill(text)
            text.flush()
            text.detach()  # the file is closed by write_stream

        return self.write_stream(rel, fill_bytes)

    def write_json(self, rel: str, obj: Any) -> str:
        """Indented JSON, streamed: a site record of every menu item is megabytes of text."""
        def fill(text: IO[str]) -> None:
            json.dump(obj, text, ensure_ascii=False, sort_keys=True, indent=2)
            text.write("\n")

        return self.write_text_stream(rel, fill)

    def append_jsonl(self, rel: str, record: Any) -> None:
        """Stream a record to a JSON Lines file (hashed as it is written)."""
        self.append_jsonl_line(rel, dumps_json_line(record))

    def append_jsonl_line(self, rel: str, line: bytes) -> None:
        """Append a record already serialised with :func:`dumps_json` and encoded as UTF-8
        (one line, no newline). Bytes, so a record of megabytes is not copied on its way."""
        fh = self._jsonl.get(rel) or self._open_jsonl(rel)
        fh.write(line)
        fh.write(b"\n")
        digest = self._jsonl_sha256[rel]
        digest.update(line)
        digest.update(b"\n")

    def touch_jsonl(self, names: Iterable[str]) -> None:
        """Make sure these JSON Lines files exist even when they hold no record."""
        for rel in names:
            if rel not in self._jsonl:
                self._open_jsonl(rel)

    def _open_jsonl(self, rel: str) -> IO[bytes]:
        fh = self._jsonl[rel] = open(self._resolve(rel), "xb")
        self._jsonl_sha256[rel] = hashlib.sha256()
        return fh

    def _close_jsonl(self) -> None:
        for rel, fh in sorted(self._jsonl.items()):
            fh.close()
            self.files[rel] = self._jsonl_sha256.pop(rel).hexdigest()
        self._jsonl.clear()

    def commit(self, manifest: dict[str, Any]) -> Path:
        """Write the manifest and swap the staging folder into place."""
        self._close_jsonl()
        manifest = dict(manifest)
        manifest["files"] = dict(sorted(self.files.items()))
        self.write_json("manifest.json", manifest)
        for fh_path in (self.staging,):
            _fsync_dir(fh_path)
        old = self.parent / f"{_OLD_PREFIX}{self.target.name}-{uuid.uuid4().hex[:8]}"
        interrupt.check()  # Ctrl-C at any time before the swap keeps the previous archive
        try:
            if self.target.exists():
                os.rename(self.target, old)
            os.rename(self.staging, self.target)
        except OSError as exc:
            if old.exists() and not self.target.exists():
                os.rename(old, self.target)
            raise ArchiveError(f"cannot put the new archive in place: {exc}") from exc
        self._committed = True
        shutil.rmtree(old, ignore_errors=True)
        _fsync_dir(self.parent)
        return self.target


def sha256_file(path: str | Path) -> str:
    """The sha256 of a file, read in 1 MiB blocks (archives and exports can be large)."""
    with open(path, "rb") as fh:
        return sha256_stream(fh)


def sha256_stream(fh: IO[bytes]) -> str:
    """The sha256 of what is left to read in ``fh``, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    for block in iter(lambda: fh.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
