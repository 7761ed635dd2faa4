"""Posts read once, kept for a second pass: pickled into an unnamed temporary file.

The WXR migration reads the export once to learn the site (the site data every post's render may
need) and then goes over the posts again, in input order, to convert and write them. Parsing the
XML a second time cost as much as the first read; reading back the posts as the first pass made
them costs a tenth of that. The spool also answers for one post at a time (:meth:`PostSpool.get`),
so a body is read again only when something needs it (a generated excerpt a block shows).

The file has no name (``tempfile.TemporaryFile``): it lives in the folder given, on the disk the
archive is written to (not in memory: a large export's posts are hundreds of MB), and is gone
when it is closed or the process ends, however it ends.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from mwmigrate.errors import ArchiveError
from mwmigrate.model import Post

_LENGTH_BITS = 40  # a reference is offset << _LENGTH_BITS | length: one int per post


class PostSpool:
    """Append posts (``append`` returns a reference), then read them back: all in order
    (iteration) or one by reference (``get``). Appending ends with the first read."""

    def __init__(self, folder: str | Path) -> None:
        try:
            self._file: IO[bytes] = tempfile.TemporaryFile(dir=folder)
        except OSError as exc:
            raise ArchiveError(f"cannot create a temporary file in {folder}: {exc}") from exc
        self._end = 0
        self._sealed = False
        self._lengths = array("Q")  # of each post's pickle, in order (8 bytes a post)

    def __enter__(self) -> PostSpool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def append(self, post: Post) -> int:
        return self.dump(post)[0]

    def dump(self, post: Post) -> tuple[int, bytes]:
        """Append ``post``: its reference, and its pickle as written (``pickle.loads`` gives
        the post back, in this process or another)."""
        if self._sealed:
            raise ValueError("the spool is being read: nothing can be appended")
        data = pickle.dumps(post, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) >= 1 << _LENGTH_BITS:
            raise ValueError(f"post {post.wp_id} is too large to spool")
        self._file.write(data)
        ref = self._end << _LENGTH_BITS | len(data)
        self._end += len(data)
        self._lengths.append(len(data))
        return ref, data

    def __len__(self) -> int:
        return len(self._lengths)

    def _seal(self) -> None:
        if not self._sealed:
            self._file.flush()
            self._sealed = True

    def get(self, ref: int) -> Post:
        """The post ``append`` returned ``ref`` for (a new copy at each call)."""
        self._seal()
        return self._read(ref >> _LENGTH_BITS, ref & ((1 << _LENGTH_BITS) - 1))

    def pickled(self, ref: int) -> bytes:
        """The pickle of the post ``append`` returned ``ref`` for, as :meth:`dump` gave it."""
        self._seal()
        return self._pread(ref >> _LENGTH_BITS, ref & ((1 << _LENGTH_BITS) - 1))

    def __iter__(self) -> Iterator[Post]:
        """Every post, in the order appended (``get`` may be called between two)."""
        self._seal()
        offset = 0
        for length in self._lengths:
            yield self._read(offset, length)
            offset += length

    def _read(self, offset: int, length: int) -> Post:
        post: Post = pickle.loads(self._pread(offset, length))
        return post

    def _pread(self, offset: int, length: int) -> bytes:
        # pread: no file position shared between the iteration and get()
        data = os.pread(self._file.fileno(), length, offset)
        if len(data) != length:
            raise ArchiveError(f"the temporary post file lost data (offset {offset})")
        return data
