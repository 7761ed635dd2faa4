"""The one-off migration of a WXR export, as a library call: export -> archive on disk.

Wires the stages together (sources.wxr -> convert -> archive.builder) for the CLI and for tests;
what a post looks like is decided in those stages, this module only orders the work. Two passes:
the first reads the export, learns the site (media, menus, terms, a summary of every post for
dynamic blocks) and keeps the posts to migrate in a spool on disk (sources.spool); the second
converts and writes them, on both cores for large exports.
"""

from __future__ import annotations

import gc
import html
import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

try:  # (widen_pipes)
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from mwmigrate import interrupt
from mwmigrate.archive.builder import (
    NON_CONTENT_TYPES,
    ArchiveBuilder,
    BuildResult,
    Composed,
    LayoutOptions,
    PostComposer,
    status_filter,
)
from mwmigrate.archive.paths import clean_permalink, earlier_paths, url_path
from mwmigrate.archive.writer import ArchiveWriter, sha256_stream
from mwmigrate.convert.builders import content_elsewhere
from mwmigrate.convert.dynamic import php_date
from mwmigrate.convert.fragments import strip_fragment_marks
from mwmigrate.convert.markdown import html_to_markdown
from mwmigrate.convert.render import (
    RenderContext,
    SiteDataNeeded,
    may_need_site_data,
    render_content,
    site_free_context,
)
from mwmigrate.convert.siteview import SiteView, SiteViewBuilder
from mwmigrate.errors import ArchiveError
from mwmigrate.fetchsettings import FetchSettings
from mwmigrate.model import Menu, MenuItem, Organisation, Post, Term
from mwmigrate.sources.seo import SEO_META_KEYS, SeoContext, seo_from_meta
from mwmigrate.sources.spool import PostSpool
from mwmigrate.sources.wxr import (
    RawMenuItem,
    WXRIndex,
    export_parts,
    read_wxr_index,
    settle_fallback_dates,
)
from mwmigrate.textmetrics import visible_text

log = logging.getLogger(__name__)

MigrateResult = BuildResult
_T = TypeVar("_T")


@dataclass
class MigrateOptions:
    flavour: Literal["hugo", "jekyll"] = "hugo"
    permalinks: Literal["keep", "clean"] = "keep"
    include_drafts: bool = False
    include_private: bool = False
    include_personal_data: bool = False
    include_protected_content: bool = False
    include_unapproved_comments: bool = False
    recover: bool = False
    download_media: bool = False
    fetch: FetchSettings = field(default_factory=FetchSettings)
    workers: int = 0  # processes converting, this one included; 0: as many as pays
    progress: bool | None = None  # None: a bar when stderr is a terminal

    def layout(self) -> LayoutOptions:
        return LayoutOptions(flavour=self.flavour, permalinks=self.permalinks,
                             include_unapproved_comments=self.include_unapproved_comments)

    def recorded(self) -> dict[str, Any]:
        """The options as the manifest records them (what changes the archive)."""
        return {"flavour": self.flavour, "permalinks": self.permalinks,
                "include_drafts": self.include_drafts, "include_private": self.include_private,
                "include_personal_data": self.include_personal_data,
                "include_protected_content": self.include_protected_content,
                "include_unapproved_comments": self.include_unapproved_comments,
                "recover": self.recover, "download_media": self.download_media}


# --------------------------------------------------------------------------- per-post work


def render_post(post: Post, ctx: RenderContext, *, withhold: bool = True) -> bool:
    """The half of :func:`convert_post` that needs the site: the body rendered as WordPress
    would, left in ``content_html`` with its fragment marks for :func:`finish_post`.

    False when nothing is left to convert: the body is withheld, or the post is not content.
    """
    if post.password_protected and withhold:
        # WordPress shows neither the body nor the comments without the password.
        post.warnings.append("password-protected: body and comments withheld "
                             "(use --include-protected-content)")
        post.content_html = post.content_markdown = post.content_text = post.content_raw = ""
        post.comments = []
        return False
    if post.type in NON_CONTENT_TYPES:
        # Site or plugin machinery (form definitions, templates...): kept as stored, not rendered
        # as a page (its [text]/[submit] tags are a plugin's template language, not shortcodes).
        post.meta["post_content"] = post.content_raw
        post.content_raw = ""
        return False
    if not post.content_raw.strip() and post.meta:
        note = content_elsewhere(post.meta)
        if note:
            post.warnings.append(note)
    footnotes = post.meta.get("footnotes", "")
    rendered = render_content(post.content_raw, replace(
        ctx, post_id=post.wp_id, post_url=post.url, mark_fragments=True,
        code_encoded=bool(post.meta.get("_syntaxhighlighter_encoded")),
        footnotes=footnotes if isinstance(footnotes, str) else ""))
    post.content_html = rendered.html
    post.pages = rendered.pages
    post.warnings.extend(rendered.warnings)
    if not post.excerpt and rendered.excerpt_html:
        post.meta["_more_excerpt"] = visible_text(rendered.excerpt_html)
    if not rendered.warnings:
        post.content_raw = ""  # rendered now; not sent on between processes for nothing
    # else kept in the record (content_raw): the rendering could not show all of the body (a
    # plugin's block or shortcode its plugin printed on the server), the stored body still has it
    return True


def finish_post(post: Post) -> Post:
    """The half of :func:`convert_post` that needs nothing but the post: the Markdown of the
    rendered body (each marked fragment converted once) and of the comments."""
    post.content_markdown = html_to_markdown(post.content_html)
    post.content_html = strip_fragment_marks(post.content_html)
    for comment in post.comments:
        comment.content_markdown = html_to_markdown(render_content(comment.content_html).html)
    return post


def convert_post(post: Post, ctx: RenderContext | None = None, *, withhold: bool = True) -> Post:
    """Render a post's raw content as WordPress would, then to Markdown (pure function)."""
    if render_post(post, ctx if ctx is not None else RenderContext(), withhold=withhold):
        finish_post(post)
    return post


@dataclass(slots=True)
class Job:
    """A post on its way to :func:`finish_job` (on a worker, or inline)."""

    post: Post
    # True: rendered, finish_post still to run (render_post returned True); False: nothing to
    # convert; None: not rendered yet (its body is still post.content_raw).
    rendered: bool | None
    permalink: str | None = None  # placed by ArchiveBuilder.place, in input order
    author_name: str = ""  # ArchiveBuilder.resolve's
    finished: bool = False  # finish_post done too (converted ahead, in the first pass)


def finish_job(job: Job, compose: PostComposer | None) -> Post | Composed:
    """finish_post, then (given a composer) the post's files as bytes. The job is rendered."""
    post = finish_post(job.post) if job.rendered and not job.finished else job.post
    if compose is None:
        return post
    return compose(post, permalink=job.permalink, author_name=job.author_name,
                   summary=post.meta.pop("_more_excerpt", ""))


_COMPOSE: PostComposer | None = None
_WITHHOLD = True  # render_post's, for the run
_SITE_FREE = site_free_context()  # what a worker renders with: it holds no site data


def _init_worker(compose: PostComposer | None, withhold: bool = True) -> None:
    global _COMPOSE, _WITHHOLD
    interrupt.in_child()
    _COMPOSE, _WITHHOLD = compose, withhold


def _finish_batch(jobs: list[Job]) -> list[Post | Composed | Job]:
    """On a worker: the jobs finished, those not rendered yet rendered first, without the site
    data (the worker never read it). A job whose render needs it comes back as it went, to be
    rendered and finished where the site data is (:func:`finished`)."""
    done: list[Post | Composed | Job] = []
    for job in jobs:
        if job.rendered is None:
            try:
                job.rendered = render_post(job.post, _SITE_FREE, withhold=_WITHHOLD)
            except SiteDataNeeded:
                done.append(job)
                continue
        done.append(finish_job(job, _COMPOSE))
    _batch_done(sum(_converted_size(job.post) for job in jobs))
    return done


def _converted_size(post: Post) -> int:
    return len(post.content_html) + len(post.content_markdown)


_TRIM_EVERY = 8  # batches a worker finishes between two release_free_memory()
_TRIM_AFTER = 4_000_000  # ... or after a batch whose HTML and Markdown are this large (characters)
_batches_since_trim = 0


def _batch_done(size: int) -> None:
    """On a worker, after each batch: the heap's free memory handed back every few batches, or
    at once after a large one.

    Handed back after every batch (as it was), the worker faulted the same pages in again for the
    next: 80,000 page faults and 0.25 s of system time on the bench's 20 MiB cut; 39,000 and
    0.13 s now. What RSS that keeps is a few batches' worth (the 200 MB bench run's peak was
    unchanged: 243 MB against 241); after a large batch it is given back at once."""
    global _batches_since_trim
    _batches_since_trim += 1
    if size > _TRIM_AFTER or _batches_since_trim >= _TRIM_EVERY:
        _batches_since_trim = 0
        release_free_memory()


@dataclass(slots=True)
class Ahead:
    """A post rendered and finished on a worker during the first pass (:class:`ConvertAhead`)."""

    post: Post
    rendered: bool  # render_post's answer
    warned: int  # how many warnings the post had before its render


def _convert_ahead(posts: list[bytes], folder: str | None = None) -> list[Ahead | None] | str:
    """On a worker, during the first pass: each post (pickled, as the spool holds it) rendered
    without the site data and finished (:func:`render_post`, :func:`finish_post`), or None where
    its render needs the site data.

    Given a ``folder``, the results are written to a file of their own there, and its path is
    returned instead: they wait for the second pass on disk, not in the main process's memory
    (in memory, they raised the peak RSS of the bench's 200 MB run by 10 MB, over its target).
    """
    done: list[Ahead | None] = []
    for data in posts:
        post = pickle.loads(data)
        warned = len(post.warnings)
        try:
            rendered = render_post(post, _SITE_FREE, withhold=_WITHHOLD)
        except SiteDataNeeded:
            done.append(None)  # (this copy may be half rendered: the second pass starts again)
            continue
        if rendered:
            finish_post(post)
        done.append(Ahead(post, rendered, warned))
    try:
        return done if folder is None else _written(done, folder)
    finally:
        _batch_done(sum(_converted_size(a.post) for a in done if a))


def _written(done: list[Ahead | None], folder: str) -> list[Ahead | None] | str:
    """``done`` pickled into a file of its own in ``folder``: its path (``done`` itself when
    the file cannot be written, a full disk...: then it goes back through the pipe)."""
    try:
        fd, path = tempfile.mkstemp(dir=folder, suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(done, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return done
    return path


class ConvertAhead:
    """Posts converted by the pool while this process reads the export and learns the site.

    The first pass (reading the XML) and the site data built after it run in this process alone:
    the pool's cores would sit idle through them. Posts whose render reads no site data (most of
    them) are sent to the pool meanwhile, rendered and converted to Markdown there exactly as the
    second pass would (:func:`_convert_ahead`), and their results wait here for the second pass,
    which then only places and composes them.

    The pool is kept busy, not flooded: at most ``window`` batches are out at a time; a post read
    while the pool has its fill is left for later (its spool reference kept, ``backlog`` at
    most), and when the first pass is over (:meth:`feed`), those are read back from the spool
    and sent as the pool has room, until the second pass starts (:meth:`stop`). What may be sent
    in all is bounded (``budget`` bytes of pickled posts). Posts travel as the spool's pickles:
    what the pool converts is each post as read, whatever becomes of the reader's objects. Given a ``folder`` (the archive's
    staging folder), the pool writes the results there, in a folder of this object's that
    :meth:`close` removes, and they are read back as the second pass takes them: their memory
    is not held meanwhile. Posts not converted ahead are converted in the second pass as before.

    Only what the render gives is taken from these results: the second pass still settles the
    post's dates and reads its SEO fields (:meth:`WXRMigration._posts`) as it does for the
    others, neither of which reads or writes what the render does; the render's warnings keep
    their place after theirs.
    """

    def __init__(self, pool: Any, *, budget: int = 0, batch: int = 16, window: int = 3,
                 backlog: int = 4096, folder: str | Path | None = None) -> None:
        self.pool = pool
        self.left = budget if pool is not None else 0
        self.folder = (tempfile.mkdtemp(dir=folder, prefix=".convert-ahead-")
                       if folder is not None and self.left > 0 else None)
        self.size = batch
        self.backlog = backlog
        self.batch: list[tuple[int, bytes]] = []  # (spool index, pickled post), holding a room
        self.room = threading.BoundedSemaphore(window)  # one per batch out
        self.skipped: deque[tuple[int, int]] = deque()  # (spool index, spool reference)
        self.where: dict[int, tuple[_Sent, int]] = {}  # spool index -> (its batch, place)
        self._stop = threading.Event()
        self._feeder: threading.Thread | None = None
        self._failed: BaseException | None = None

    def offer(self, post: Post, index: int, ref: int, data: bytes) -> None:
        """The first pass read ``post``, spooled ``index``-th (at ``ref``, pickled as ``data``)."""
        if self.left <= 0 or _large_post(post) or may_need_site_data(post.content_raw):
            return  # (a large body: finished by the second pass, see _LARGE_BODY)
        if not self.batch and not self.room.acquire(blocking=False):
            if len(self.skipped) < self.backlog:
                self.skipped.append((index, ref))
            return
        self._add(index, data)

    def _add(self, index: int, data: bytes) -> None:
        self.batch.append((index, data))
        self.left -= len(data)
        if len(self.batch) >= self.size or self.left <= 0:
            self.send()

    def send(self) -> None:
        """The batch begun, to the pool."""
        if self.batch:
            result = self.pool.apply_async(_convert_ahead, ([d for _, d in self.batch], self.folder),
                                           callback=self._back, error_callback=self._back)
            sent = _Sent(result)
            for place, (index, _) in enumerate(self.batch):
                self.where[index] = (sent, place)
            self.batch = []

    def _back(self, _: Any) -> None:
        self.room.release()  # (on the pool's result thread)

    def feed(self, read: Callable[[int], bytes]) -> None:
        """The first pass is over: send what it left for later (read back with ``read``: a
        post's pickle from its spool reference), as the pool has room, on a thread of its own
        until :meth:`stop`."""
        self.send()
        if self.skipped and self.left > 0:
            self._feeder = threading.Thread(target=self._feed, args=(read,), daemon=True,
                                            name="mwmigrate-convert-ahead")
            self._feeder.start()

    def _feed(self, read: Callable[[int], bytes]) -> None:
        try:
            while self.skipped and self.left > 0 and not self._stop.is_set():
                if not self.room.acquire(timeout=0.01):
                    continue
                while self.skipped and self.left > 0 and len(self.batch) < self.size:
                    index, ref = self.skipped.popleft()  # (offer() kept only posts to send)
                    data = read(ref)
                    self.batch.append((index, data))
                    self.left -= len(data)
                if self.batch:
                    self.send()
                else:
                    self.room.release()
        except BaseException as exc:  # (raised again by stop(), in the main thread)
            self._failed = exc

    def stop(self) -> None:
        """The second pass starts: nothing more is sent."""
        self._stop.set()
        if self._feeder is not None:
            self._feeder.join()
            self._feeder = None
        self.skipped.clear()
        failed, self._failed = self._failed, None
        if failed is not None:
            raise failed

    def close(self) -> None:
        """Every result taken (or the run given up): the results' folder removed."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> ConvertAhead:
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        self._stop.set()  # (the run failed before the second pass: the thread ends, quietly)
        if self._feeder is not None:
            self._feeder.join()
        if exc_type is not None and self.folder is not None:
            # The run failed: the pool is stopped before the results' folder is removed, so
            # that no batch still being converted writes its file there after the removal.
            self.pool.terminate()
        self.close()

    def take(self, index: int) -> Ahead | None:
        """The result for the ``index``-th post spooled (waiting for it if the pool is not done
        with it yet): None when it was not converted ahead, or its render needs the site data."""
        found = self.where.pop(index, None)
        if found is None:
            return None
        sent, place = found
        if sent.results is None:
            sent.results = _read_back(wait_for(sent.result))
        ahead, sent.results[place] = sent.results[place], None  # (not held longer than needed)
        return ahead


@dataclass(slots=True)
class _Sent:
    """A batch sent to the pool by :class:`ConvertAhead`, and its results once read back."""

    result: Any  # the pool's AsyncResult
    results: list[Ahead | None] | None = None


_PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged process (pipe-max-size)


def widen_pipes(pool: Any, size: int = _PIPE_BYTES) -> bool:
    """Give the pool's two pipes ``size`` bytes of buffer (Linux), so that a worker hands over a
    batch's results (hundreds of KB) in one write and goes on to the next batch.

    With the default 64 KB, the worker's write blocked until this process read each 64 KB,
    and this process's reading thread waits for the GIL (up to the switch interval) at every
    read while the main thread converts: the worker sat idle between batches for 0.8 s of a
    3.8 s run on the bench's 20 MiB cut (0.45 s with 1 MB). Only a speed-up: False, and nothing
    changed, where the platform or the pool does not allow it."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None)
    queues = [getattr(pool, name, None) for name in ("_inqueue", "_outqueue")]
    readers = [getattr(q, "_reader", None) for q in queues]
    if setsize is None or not all(readers):
        return False
    try:
        for reader in readers:
            fcntl.fcntl(reader.fileno(), setsize, size)
    except (OSError, ValueError):
        return False
    return True


def wait_for(result: Any, poll: float = 1.0) -> Any:
    """``result.get()``, unless a worker of its pool dies before it is ready.

    multiprocessing.Pool replaces a worker that dies (killed, or out of memory) but not the task
    it held: ``get()`` would wait forever, and the run hang with it. The pool's workers are
    compared with those it started (:func:`_note_workers`) every ``poll`` seconds while waiting.
    """
    while not result.ready():
        pool = getattr(result, "_pool", None)  # (the pool that runs it; None once done)
        result.wait(poll)
        if not result.ready() and pool is not None and _worker_died(pool):
            raise ArchiveError(
                "a worker process stopped before finishing its posts (killed, or out of "
                "memory?): nothing was written, the previous archive (if any) is as it was",
                hint="run again; with --workers 1 the migration runs in one process")
    return result.get()


def _note_workers(pool: Any) -> None:
    """Remember the worker processes ``pool`` started with (for :func:`_worker_died`)."""
    procs = getattr(pool, "_pool", None)
    if procs is not None:
        pool._mwmigrate_workers = frozenset(p.pid for p in procs)


def _worker_died(pool: Any) -> bool:
    started = getattr(pool, "_mwmigrate_workers", None)
    procs = getattr(pool, "_pool", None)
    if started is None or procs is None:
        return False  # (a pool this module did not start: nothing to compare with)
    return {p.pid for p in procs} != started or any(p.exitcode is not None for p in procs)


def _read_back(results: list[Ahead | None] | str) -> list[Ahead | None]:
    """A batch's results from :func:`_convert_ahead`: as they came, or read from their file
    (then removed)."""
    if not isinstance(results, str):
        return results
    try:
        with open(results, "rb") as fh:
            return pickle.load(fh)  # (a file this run's worker wrote a moment ago)
    finally:
        os.unlink(results)


def _find_glibc() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.malloc_trim, libc.mallopt  # glibc's; musl and others: nothing to call
        return libc
    except (OSError, AttributeError):
        return None


_GLIBC = _find_glibc()
_M_ARENA_MAX = -8  # mallopt parameter (malloc.h)


def release_free_memory() -> None:
    """Hand freed heap memory back to the system (glibc's malloc_trim).

    A large post (a page list of every page, a gallery of hundreds of images) briefly needs
    tens of MB; glibc keeps those pages after they are freed, so without this a process's
    RSS stays at the high-water mark of the largest posts it met (measured on the 200 MB bench
    export: 175 MB per converting process without, 133 MB with).
    """
    if _GLIBC is not None:
        _GLIBC.malloc_trim(0)


def one_heap() -> None:
    """Have every thread of this process allocate from glibc's one main heap (arena).

    A pool's helper threads (feeding batches to the workers, receiving their results) each
    get a heap of their own by default. The megabyte pickles of large posts passing through
    them leave those heaps fragmented, and this memory is kept on top of the main one: measured
    on the 200 MB bench export, the main process's RSS was 157 to 177 MB with separate heaps and
    135 to 150 MB with one. All of these threads hold the GIL while they allocate, so they
    seldom wait for each other's heap. Process-wide, like release_free_memory().
    """
    if _GLIBC is not None:
        _GLIBC.mallopt(_M_ARENA_MAX, 1)


def _long_lived() -> None:
    """Move what exists now out of the cyclic collector's sight (``gc.freeze``) until the run
    ends. The site data is held to the end anyway, and each full collection walked all of it:
    on the 200 MB bench export 11 full collections took 0.8 s of the main process. Before a
    fork it also keeps the children's collections off the pages they share with the parent
    (the pattern the gc module's documentation gives). Reference counting still frees these
    objects; young garbage is collected first, so none of it is kept.
    """
    gc.collect(1)
    gc.freeze()


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def finished(jobs: Iterable[Job], pool: Any, compose: PostComposer | None, *,
             helpers: int, render: Callable[[Job], Job] | None = None, batch: int = 16,
             window: int | None = None) -> Iterator[Post | Composed]:
    """:func:`finish_job` over ``jobs``, results in input order, shared between this process
    and ``pool`` (``helpers`` processes) when there is one.

    Jobs not rendered yet are rendered by ``render`` (in this process, with the site data)
    before this process finishes them; the pool renders them without the site data, and hands
    back those that need it (see :func:`_finish_batch`): ``render`` then does them here.

    Batches go to the pool while it has fewer than ``window`` (default ``_WINDOW * helpers``) of
    them; beyond that, this process finishes the batch's jobs itself instead of waiting, one at
    a time, and sends the rest of the batch as soon as the pool has room again, so every core
    keeps working whatever the mix of posts. A job with a large body (:func:`_large_post`) is
    finished here, never sent: see :data:`_LARGE_BODY`.

    ``Pool.imap`` would read the whole export ahead into its queue (memory grows with the file);
    here the results wait in a bounded queue and come out in input order, so the archive is
    byte-identical run after run, whoever finished each post.
    """
    def here(job: Job) -> Post | Composed:
        if job.rendered is None:
            if render is None:
                raise ValueError(f"post {job.post.wp_id} is not rendered and nothing renders it")
            job = render(job)
        return finish_job(job, compose)

    def results(entry: Any) -> Iterator[Post | Composed]:
        for item in _results(entry):
            yield here(item) if isinstance(item, Job) else item

    if pool is None:
        for job in jobs:
            yield here(job)
        return
    limit = _WINDOW * helpers if window is None else window
    pending: deque[Any] = deque()  # per batch, in input order: AsyncResult, or the results
    out: deque[Any] = deque()  # the AsyncResults among them, oldest first
    for chunk, large in _pieces(_batches(jobs, batch)):
        while out and out[0].ready():
            out.popleft()
        if large:
            pending.append([here(chunk[0])])
        elif len(out) < limit:
            result = pool.apply_async(_finish_batch, (chunk,))
            out.append(result)
            pending.append(result)
        else:
            # The pool has its fill: finish jobs here, one at a time, until it has room again;
            # what is left of the batch then goes to it.
            mine: list[Post | Composed] = []
            pending.append(mine)
            for i, job in enumerate(chunk):
                mine.append(here(job))
                while out and out[0].ready():
                    out.popleft()
                if len(out) < limit and i + 1 < len(chunk):
                    result = pool.apply_async(_finish_batch, (chunk[i + 1:],))
                    out.append(result)
                    pending.append(result)
                    break
        while pending and (len(pending) > 2 * limit + 1 or _done(pending[0])):
            yield from results(pending.popleft())
    while pending:
        yield from results(pending.popleft())


def _done(entry: Any) -> bool:
    """Whether a batch's results are there: finished here (a list), or ready on the pool."""
    return isinstance(entry, list) or entry.ready()


def _results(entry: Any) -> list[Any]:
    """A batch's results (waiting for the pool if they are not there yet)."""
    return entry if isinstance(entry, list) else wait_for(entry)


# Characters of rendered HTML (or of a raw body not rendered yet) from which a post is finished
# by the process that holds it, not sent to the pool (finished(), ConvertAhead.offer()).
#
# Sent, such a post travelled three times through the pipes (the job pickled here and read
# there, its Markdown and records pickled there and read here): on the bench's 200 MB export,
# whose 730 largest posts render a page list of every page (3 MB of HTML each), that was
# 40 GB of pickles. And the worker kept the memory their conversion took: its RSS went from
# 38 MB to 80-99 MB and stayed there, and the two processes together peaked at 251-256 MB.
# Finished here, this process's own peak is about the same (177 MB: it holds no pickles of
# them now), the worker stays at 36-38 MB, and the two peak at 212 MB (make bench). The run
# takes longer (82.5 s against 74.5 s there: these conversions are this process's alone),
# which only an export of many such posts pays; the 20 MiB cut holds none.
_LARGE_BODY = 256_000


def _large_post(post: Post) -> bool:
    return len(post.content_html) > _LARGE_BODY or len(post.content_raw) > _LARGE_BODY


def _pieces(batches: Iterable[list[Job]]) -> Iterator[tuple[list[Job], bool]]:
    """Each batch, cut so that a job with a large body is a piece of its own (the jobs between
    such jobs stay together, in order); with whether the piece is such a job."""
    for chunk in batches:
        run: list[Job] = []
        for job in chunk:
            if _large_post(job.post):
                if run:
                    yield run, False
                    run = []
                yield [job], True
            else:
                run.append(job)
        if run:
            yield run, False


_WINDOW = 3  # batches in flight per pool process
# How long this process's main thread may hold the GIL while the pool's threads wait (Python's
# default is 5 ms). Those threads send each batch to the workers and take in each result; while
# the main thread converts, every hand-over waited up to the interval, and on two cores the
# worker sat idle for a third of the run. Measured on the bench's 20 MiB cut (4 runs each,
# alternated): 5.0 to 6.05 s with the defaults, 4.67 to 5.27 s with 0.5 ms and a first-pass
# window of 8 batches (the first pass then sent excerpt words to the pool; it sends nothing now);
# either change alone gained about half of that.
_SWITCH_INTERVAL = 0.0005
_POOL_BYTES = 4_000_000  # exports below this are migrated in one process
# Bytes of pickled posts the pool may convert during the first pass (ConvertAhead): their results
# (HTML and Markdown, about three times their bodies) wait on disk, in the staging folder, until
# the second pass takes them; this bounds that disk space (~200 MB at most).
_AHEAD_BUDGET = 64_000_000


# --------------------------------------------------------------------------- the migration


class WXRMigration:
    def __init__(self, source: str | Path | Sequence[str | Path], out: str | Path,
                 options: MigrateOptions) -> None:
        # One export: a WXR file, or the files of a split one (WP-CLI), or .zip files of them.
        given = [source] if isinstance(source, (str, Path)) else list(source)
        self.given = [Path(s) for s in given]
        self.parts = export_parts(self.given)
        self.options = options
        self.result = BuildResult(out=Path(out))
        self.taken_earlier: frozenset[str] = frozenset()  # see _index
        self.wanted: Callable[[Post], bool] = status_filter(
            self.result, include_drafts=options.include_drafts,
            include_private=options.include_private, include_personal_data=options.include_personal_data)

    def run(self) -> BuildResult:
        # See _long_lived(). Only when nothing is frozen yet: a library caller who froze
        # objects of its own gets its collector back exactly as it was.
        freeze = gc.get_freeze_count() == 0
        try:
            return self._run(freeze)
        finally:
            if freeze:
                gc.unfreeze()

    def _run(self, freeze: bool) -> BuildResult:
        opts = self.options
        workers = self._workers()
        if freeze:
            _long_lived()  # the modules: the workers forked next inherit them frozen
        with (self._pool(workers) as pool, ArchiveWriter(self.result.out) as writer,
              PostSpool(writer.staging) as spool,
              ConvertAhead(pool, budget=_AHEAD_BUDGET, folder=writer.staging) as ahead):
            summaries = SiteViewBuilder()
            index = self._index(summaries, spool, ahead)
            self.result.warnings.extend(index.warnings)
            site_url = index.site.base_blog_url or index.site.url
            site_view = summaries.build(index.site.terms, index.site.authors, index.site,
                                        index.media, site_url=site_url,
                                        read_body=lambda ref: spool.get(ref).content_raw)
            ctx = RenderContext(media=index.media, attachments_by_parent=index.attachments_by_parent,
                                site_url=site_url, site=site_view)
            organisation = template_part_organisation(site_view, ctx, index.site.language)
            if organisation is not None:
                index.site.organisation = organisation
            directory = {pid: (t, slug, title, parent)
                         for pid, (t, _, slug, title, parent, _) in index.posts.items()}
            if freeze:
                _long_lived()  # the site data, held to the end of the run
            downloader = None
            if opts.download_media:
                # Imported here: requests costs 11 MB in this process and in each worker.
                from mwmigrate.archive.media import MediaDownloader
                from mwmigrate.fetch import Fetcher

                downloader = MediaDownloader(writer, Fetcher(opts.fetch))
                downloader.download_all(index.media.values())
            builder = ArchiveBuilder(writer, opts.layout(), self.result, directory=directory,
                                     media=index.media, authors=index.site.authors,
                                     downloader=downloader, live_paths=self.taken_earlier,
                                     home_path=urlsplit(site_url).path)
            # Site-wide records first: the menus (one item per menu entry, tens of thousands
            # on large sites) are then written and not held through the second pass.
            builder.add_site(index.site, media=index.media.values(), terms=index.site.terms,
                             authors=index.site.authors,
                             menus=build_menus(index, self.result.warnings, term_url=_term_url_in(site_view)))
            index.menu_items.clear()
            index.site.menus = []
            index.posts.clear()  # what placing pages needs is in ``directory``
            ahead.stop()
            self._write_posts(builder, index, ctx, pool, workers, spool, ahead)
            ahead.close()  # (its folder is in the staging folder, which becomes the archive)
            if pool is not None:
                # Every post is written: the workers are ended now, not after the redirect maps
                # and the manifest, whose writing is this process's memory peak (the worker
                # held 80 MB through it on the bench's 200 MB export).
                pool.terminate()
            builder.finish(
                source=self._source_record(),
                options=opts.recorded(),
                in_source={f"{t}/{s}": n for (t, s), n in index.counts.items()})
        return self.result

    def _source_record(self) -> dict[str, Any]:
        """What the manifest says of the export: for one plain file, its name, sha256 and size;
        for several files or zip members, the same of each part."""
        parts = []
        for part in self.parts:
            with part.open() as fh:
                record = {"name": part.member or part.path.name, "sha256": sha256_stream(fh),
                          "size": part.size}
            if part.member:
                record["zip"] = part.path.name
            parts.append(record)
        if len(parts) == 1 and not self.parts[0].member:
            return {"kind": "wxr", **parts[0]}
        return {"kind": "wxr", "name": " + ".join(p.name for p in self.given),
                "size": sum(p["size"] for p in parts), "parts": parts}

    def _workers(self) -> int:
        if self.options.workers:
            return self.options.workers
        # Below this size, starting processes costs more than they save.
        size = sum(part.size for part in self.parts)
        return min(os.cpu_count() or 1, 4) if size > _POOL_BYTES else 1

    @contextmanager
    def _pool(self, workers: int) -> Iterator[Any]:
        """The ``workers - 1`` helper processes, started before anything is read (this process is
        the other one: it renders, writes, and finishes posts whenever the pool has its fill).

        A fork copies the parent's page tables, so workers forked later would each count the
        whole site summary in their RSS, and write (copy) its pages as they touch it. Started
        now, they hold only the interpreter and the libraries, and are sent work that needs no
        site data: in the second pass, the renders that read none (:func:`site_free_context`),
        Markdown and files' bytes."""
        if workers <= 1:
            yield None
            return
        mp = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        compose = None if self.options.download_media else PostComposer(self.options.layout())
        one_heap()  # before the pool starts its threads
        switch = sys.getswitchinterval()
        sys.setswitchinterval(_SWITCH_INTERVAL)
        try:
            withhold = not self.options.include_protected_content
            with mp.Pool(workers - 1, initializer=_init_worker,
                         initargs=(compose, withhold)) as pool:
                widen_pipes(pool)
                _note_workers(pool)
                yield pool
        finally:
            sys.setswitchinterval(switch)

    def _index(self, summaries: SiteViewBuilder, spool: PostSpool, ahead: ConvertAhead) -> WXRIndex:
        """The first pass: the site learnt, and the posts to migrate kept in ``spool`` for the
        second (the summaries read a body again only for an excerpt a block shows), and offered
        to ``ahead`` to convert meanwhile."""
        earlier: set[str] = set()

        def on_post(post: Post) -> None:
            if self.wanted(post):
                ref, data = spool.dump(post)
                summaries.add(post, body_ref=ref)
                ahead.offer(post, len(spool) - 1, ref, data)
                if "_wp_old_slug" in post.meta or "_wp_old_date" in post.meta:
                    earlier.update(earlier_paths(post.url, post.slug, post.date, post.meta.get("_wp_old_slug"),
                                                 post.meta.get("_wp_old_date")))
            else:
                summaries.add(post)

        index = read_wxr_index(self.parts, recover=self.options.recover, on_post=on_post)
        ahead.feed(spool.pickled)
        release_free_memory()  # the bodies read in the first pass are gone: so are their pages
        # Earlier URLs of renamed posts that another published post holds now: WordPress shows
        # that post there, so they are not redirected (ArchiveBuilder.live_paths).
        if earlier:
            self.taken_earlier = frozenset(
                path for _, status, _, _, _, url in index.posts.values()
                if status == "publish" and url and (path := clean_permalink(url_path(url))) in earlier)
        return index

    def _posts(self, index: WXRIndex, spool: PostSpool,
               ahead: ConvertAhead) -> Iterator[tuple[Post, Ahead | None]]:
        """The posts to migrate, in input order, as the second pass of the reader would read them
        (the first did not know the offset a draft's date takes yet), each with its conversion
        when the pool made it during the first pass (then the post is that conversion's)."""
        site = index.site
        categories = {t.slug: t.name for t in site.terms if t.taxonomy == "category"}
        authors = {a.login: a.display_name or a.login for a in site.authors}
        for i, post in enumerate(spool):
            done = ahead.take(i)
            rendering: list[str] = []  # the render's warnings, which come after those added here
            if done is not None:
                post = done.post
                rendering = post.warnings[done.warned:]
                del post.warnings[done.warned:]
            settle_fallback_dates(post, index.usual_offset)
            if any(key in post.meta for key in SEO_META_KEYS()):
                post.seo, warnings = seo_from_meta(post.meta, SeoContext(
                    title=post.title, site_name=site.title, site_description=site.description,
                    excerpt=post.excerpt, year=post.modified[:4] or post.date[:4],
                    category=categories.get(post.categories[0], "") if post.categories else "",
                    date=_display_date(post.date), author=authors.get(post.author, post.author)))
                post.warnings.extend(warnings)
            post.warnings.extend(rendering)
            yield post, done

    def _write_posts(self, builder: ArchiveBuilder, index: WXRIndex, ctx: RenderContext,
                     pool: Any, workers: int, spool: PostSpool, ahead: ConvertAhead) -> None:
        total = sum(n for (t, _), n in index.counts.items() if t not in ("attachment", "nav_menu_item"))
        show = self.options.progress if self.options.progress is not None else sys.stderr.isatty()
        # Bodies whose render reads the site data are rendered here, where it lives; the others
        # on the workers, with the Markdown, front matter and JSON records (most of the cost),
        # unless media references must be rewritten by this process's downloader.
        compose = None if builder.downloader is not None else builder.composer()
        withhold = not self.options.include_protected_content

        def render(job: Job) -> Job:
            job.rendered = render_post(job.post, ctx, withhold=withhold)
            return job

        jobs = self._jobs(self._posts(index, spool, ahead), builder, render, placed=compose is not None,
                          defer=pool is not None)
        done: Iterable[Post | Composed] = finished(jobs, pool, compose, helpers=workers - 1,
                                                   render=render)
        if show:
            # Imported only for a bar: tqdm's import (its version lookup) costs 20 ms, in the
            # serial part of the run, on every cron run or script that shows none.
            from tqdm import tqdm

            done = tqdm(done, total=total, unit="post", desc="migrating")
        for n, item in enumerate(done, 1):
            if isinstance(item, Composed):
                builder.add_composed(item)
            else:
                builder.add_post(item, summary=item.meta.pop("_more_excerpt", ""))
            if n % 64 == 0:
                release_free_memory()

    def _jobs(self, posts: Iterable[tuple[Post, Ahead | None]], builder: ArchiveBuilder,
              render: Callable[[Job], Job], *, placed: bool, defer: bool) -> Iterator[Job]:
        """Posts in input order, (``placed``) given their paths and site data, and rendered
        (``render``): here, unless ``defer`` and their render is unlikely to need the site data
        (then the pool renders them, see :func:`finished`), or converted ahead already."""
        for post, done in posts:
            if done is not None:
                job = Job(post, done.rendered, finished=True)
            else:
                job = Job(post, None)
            if job.rendered is None and (not defer or may_need_site_data(post.content_raw)):
                render(job)
            if placed:
                job.permalink, job.author_name = builder.place(post), builder.resolve(post)
            yield job


def template_part_organisation(site: SiteView, ctx: RenderContext, language: str = "") -> Organisation | None:
    """What a block theme's edited header and footer (wp_template_part posts whose slug says
    so, of the theme edited last) state about the site's owner: company and regulator numbers,
    addresses, phones..., read as a live site's header and footer are (extract.organisation),
    from the parts rendered with the site data. None when there is no such part or it states
    nothing."""
    known = site.template_parts
    if not known:
        return None
    # The parts of one theme: the one whose part was edited last (the active theme, most
    # likely; the export does not say which it is).
    theme = max(known.values(), key=lambda tm: (tm[1], tm[0]))[0]
    parts = sorted((p for p in site.posts.values()
                    if p.id in known and known[p.id][0] == theme and p.id in site.bodies
                    and ("header" in p.slug or "footer" in p.slug)),
                   key=lambda p: ("footer" in p.slug, p.slug, p.id))
    if not parts:
        return None
    from mwmigrate.extract.page import organisation_of_chrome  # (only for such exports)

    rendered = []
    for p in parts:
        tag = "footer" if "footer" in p.slug else "header"
        rendered.append(f"<{tag}>{render_content(site.bodies[p.id], replace(ctx, post_id=p.id)).html}</{tag}>")
    chrome = "".join(rendered)
    org = organisation_of_chrome(strip_fragment_marks(chrome), site.url + "/", language)
    return None if org == Organisation() else org


def _display_date(iso: str) -> str:
    """A date as WordPress's default date format ("F j, Y") shows it: the export does not say
    which format the site used."""
    try:
        return php_date("F j, Y", datetime.fromisoformat(iso))
    except ValueError:
        return ""


def _term_url_in(site_view: SiteView) -> Callable[[Term], str]:
    """A category's or tag's URL on the old site. Other taxonomies': "" (their rewrite slug is
    the plugin's, WooCommerce's product_cat is /product-category/, not in the export)."""
    def url(term: Term) -> str:
        found = site_view.term(term.taxonomy, term.slug) if term.taxonomy in ("category", "post_tag") else None
        return found.url if found is not None else ""
    return url


def build_menus(index: WXRIndex, warnings: list[str] | None = None, *,
                term_url: Callable[[Term], str] | None = None) -> list[Menu]:
    """Nav menus as trees, titles and URLs resolved from the items they point at (a category's
    or tag's URL from ``term_url``: WordPress stores none for such an item, it asks
    get_term_link() when it prints the menu). Items in a loop of parents (broken data), and
    those under them, are listed flat at the top level after the others, as WordPress's Walker
    shows them, and named in ``warnings``."""
    names = {t.slug: t.name for t in index.site.terms if t.taxonomy == "nav_menu"}
    term_by_id = {t.wp_id: t for t in index.site.terms if t.wp_id}
    menus: dict[str, Menu] = {slug: Menu(slug=slug, name=name) for slug, name in sorted(names.items())}
    # Keyed by (menu, id): real exports (the theme unit test data) reuse item ids across menus.
    nodes: dict[tuple[str, int], tuple[RawMenuItem, MenuItem]] = {}
    for raw in index.menu_items:
        # Titles as text, as the term names are (a title is stored HTML: "Tom &amp; Jerry")
        title, url = html.unescape(raw.title), raw.url
        if raw.item_type == "post_type" and raw.object_id in index.posts:
            _, _, _, ptitle, _, purl = index.posts[raw.object_id]
            title, url = title or html.unescape(ptitle), url or purl
        elif raw.item_type == "taxonomy" and raw.object_id in term_by_id:
            term = term_by_id[raw.object_id]
            title = title or term.name
            url = url or (term_url(term) if term_url is not None else "")
        nodes[(raw.menu, raw.wp_id)] = (raw, MenuItem(
            wp_id=raw.wp_id, title=title, url=url, order=raw.order, parent=raw.parent,
            object_type=raw.object, object_id=raw.object_id, classes=raw.classes,
            target=raw.target))
    ordered = sorted(nodes.values(), key=lambda n: (n[0].order, n[0].wp_id))
    for raw, item in ordered:
        menu = menus.setdefault(raw.menu, Menu(slug=raw.menu, name=raw.menu))
        parent = nodes.get((raw.menu, raw.parent))
        if parent is not None and parent[1] is not item:
            parent[1].children.append(item)
        else:
            menu.items.append(item)
    reached: set[int] = set()  # (ids of MenuItem objects)
    stack = [item for menu in menus.values() for item in menu.items]
    while stack:
        item = stack.pop()
        reached.add(id(item))
        stack.extend(item.children)
    lost = [(raw, item) for raw, item in ordered if id(item) not in reached]
    for raw, item in lost:
        item.children = []
        menus[raw.menu].items.append(item)
    for slug in dict.fromkeys(raw.menu for raw, _ in lost):
        ids = ", ".join(str(raw.wp_id) for raw, _ in lost if raw.menu == slug)
        if warnings is not None:
            warnings.append(f"menu {slug!r}: items {ids} are in a loop of parents (or under one): "
                            "listed at its top level after the others, as WordPress shows them")
    return list(menus.values())


def migrate_wxr(source: str | Path | Sequence[str | Path], out: str | Path,
                options: MigrateOptions | None = None) -> BuildResult:
    """Migrate a WXR export into an archive folder (replaced atomically). ``source``: the
    export's file, or its files when it was split (WP-CLI), or .zip files holding them."""
    return WXRMigration(source, out, options or MigrateOptions()).run()
