"""The command line: a thin shell over the library calls (``migrate_wxr`` ...).

The CLI owns the terminal: progress bars, the summary, one-line errors (``--debug`` for the
traceback) and exit codes: 0 done, 1 unexpected failure, 2 usage, 3 bad input, 4 fetch failed,
5 archive could not be written, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from mwmigrate import __version__, interrupt
from mwmigrate.errors import MwmigrateError, UsageError

log = logging.getLogger("mwmigrate")

MIGRATE_HELP = """\
Turn a WordPress site into a normalized archive: one Markdown file per post and page (front
matter for Hugo or Jekyll), JSON Lines records (posts, comments, media, terms, authors, menus),
records/site.json, a redirect map (CSV, Netlify _redirects, nginx map; with the earlier URLs
WordPress still redirects for renamed posts and, for Hugo, the category and tag archives and
the feeds) and manifest.json with the sha256 of every file.
The archive is replaced atomically: an interrupted run leaves the previous one intact.

SOURCE is a WXR file from WordPress's Tools > Export (several files when the export was split,
as `wp export` does past 15 MB; .zip files of them, as WordPress.com hands exports over; an
export file compressed with gzip, export.xml.gz, is read as it is), or the URL of a live
WordPress site. A site is discovered through its REST API, sitemaps, RSS feed and an HTML crawl
(each can be turned off); every post and page is fetched as the site renders it, REST (when on)
being the ground truth for the body and fields (but a page whose REST body is empty while the
page shows one, printed by its theme from custom fields or a page builder's data, keeps the
page's, with a warning). Responses are cached (default: .cache/<host> beside --out), so an
interrupted run resumes. Exit 4 when the site cannot be reached; pages that fail are listed in
the summary and manifest.json's warnings, and the archive is still written (exit 0).

examples:
  mwmigrate migrate export.xml --out exports/mysite
  mwmigrate migrate export.xml --out site --format jekyll --include-drafts
  mwmigrate migrate broken-export.xml --recover     # repair what can be repaired, list it
  mwmigrate migrate site.000.xml site.001.xml       # an export WP-CLI split in two
  mwmigrate migrate wordpress-com-export.zip
  mwmigrate migrate https://example.org/ --out exports/example
  mwmigrate migrate https://example.org/ --no-rest --delay 1 --max-pages 500
"""


def _migrate_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "migrate", parents=[common], help="migrate a WXR export or a live site into an archive",
                       description=MIGRATE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source", nargs="+", metavar="SOURCE",
                   help="a WXR export file (.xml, or .xml.gz), the files of a split export, .zip "
                        "files of them, or a site URL (http/https)")
    p.add_argument("--out", "-o", type=Path,
                   help="archive folder (default: exports/<source name>); replaced atomically")
    p.add_argument("--format", dest="flavour", choices=("hugo", "jekyll"), default="hugo",
                   help="front matter and layout for this static site generator (default: hugo)")
    p.add_argument("--permalinks", choices=("keep", "clean"), default="keep",
                   help="keep: new pages live at their old WordPress paths (default); clean: "
                        "/posts/<slug>/ and /<page path>/, old paths become aliases and redirects")
    p.add_argument("--include-drafts", action="store_true",
                   help="also migrate drafts, pending and scheduled (future) posts, marked draft")
    p.add_argument("--include-private", action="store_true", help="also migrate private posts")
    p.add_argument("--include-personal-data", action="store_true",
                   help="also keep, as records (never as pages), what holds people's personal "
                        "data: contact form submissions, orders, payments, mail logs (left out "
                        "by default)")
    p.add_argument("--include-protected-content", action="store_true",
                   help="keep the body of password-protected posts (withheld by default)")
    p.add_argument("--include-unapproved-comments", action="store_true",
                   help="also keep pending and spam comments (only approved ones by default)")
    p.add_argument("--recover", action="store_true",
                   help="repair a damaged export (bad bytes, control characters, HTML entities, "
                        "stray '<', PHP messages printed into the file, a cut-off end) instead "
                        "of stopping; every repair is listed, and items the damage hid are "
                        "counted as LOST (blank lines before the XML are skipped without it)")
    p.add_argument("--download-media", action="store_true",
                   help="download media files into media/ and point the content at them "
                        "(default: keep the absolute URLs)")
    p.add_argument("--timeout", type=float, default=20.0,
                   help="seconds to wait for a server when downloading (default: 20)")
    p.add_argument("--workers", type=int, default=0,
                   help="processes converting posts, the main one included (default: one per "
                        "core, at most 4, for exports over 4 MB); 1 does everything in one "
                        "process: slower on a large export, less memory (200 MB bench export on "
                        "2 cores: 157 MB peak and 111 s, against 235 MB summed over the 2 "
                        "processes and 83 s)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    site = p.add_argument_group("live site (SOURCE is a URL)")
    for name, what in (("rest", "the REST API (/wp-json/)"), ("sitemaps", "XML sitemaps"),
                       ("feed", "the RSS feed"), ("crawl", "the HTML crawl from the home page")):
        site.add_argument(f"--no-{name}", action="store_true", help=f"do not discover through {what}")
    site.add_argument("--no-probe-pages", action="store_true",
                      help="do not ask for page 2, 3... of posts a block theme shows without "
                           "page links (by default asked only for such posts, when REST did not "
                           "give their body: a classic <!--nextpage--> post on a block theme)")
    site.add_argument("--max-pages", type=int, default=10_000,
                      help="fetch at most this many HTML pages (default: 10000)")
    site.add_argument("--delay", type=float, default=0.0,
                      help="seconds between requests to the site (default: 0; robots.txt "
                           "Crawl-delay is honoured)")
    site.add_argument("--concurrency", type=int, default=4,
                      help="simultaneous requests (default: 4, at most 2 to one host)")
    site.add_argument("--ignore-robots", action="store_true",
                      help="fetch what robots.txt disallows (only on a site you own)")
    site.add_argument("--cache-dir", type=Path,
                      help="HTTP cache, lets a re-run resume (default: .cache/<host> beside --out)")
    site.add_argument("--profile", type=Path,
                      help="a site profile (TOML) adding selectors for an unknown theme")


def _verify_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "verify", parents=[common], help="check an archive against its manifest and the record schemas",
        description="Recompute the sha256 of every file of an archive, report files that were "
                    "changed, added or removed since it was written, and validate every JSON "
                    "record against the published schemas. Exit 0 when sound, 1 otherwise.\n\n"
                    "example:\n  mwmigrate verify exports/mysite",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("archive", type=Path, help="an archive folder written by 'mwmigrate migrate'")


def _cmd_verify(args: argparse.Namespace) -> int:
    from mwmigrate.archive.verify import verify_archive

    if not args.archive.is_dir():
        raise UsageError(f"{args.archive}: no such folder")
    problems = verify_archive(args.archive)
    for line in problems:
        print(line)
    if not args.quiet:
        print(f"{args.archive}: " + (f"{len(problems)} problems" if problems else "sound"),
              file=sys.stderr)
    return 1 if problems else 0


EXTRACT_HELP = """\
Print what mwmigrate understands of rendered HTML pages: the page type, the post fields
(title, dates, author, terms, id, featured image) with content_html, content_markdown and
content_text (the body with boilerplate removed), the sidebars, the menus and the organisation
record found in the header and footer. One JSON document for one page; JSON Lines, one record
per input in order, for several. Use it to check a theme profile on saved pages.

examples:
  mwmigrate extract saved/post.html --url https://example.org/2020/01/02/hello/
  curl -s http://127.0.0.1:8080/ | mwmigrate extract - --url http://127.0.0.1:8080/
  mwmigrate extract pages/*.html --profile mytheme.toml > records.jsonl
"""


def _extract_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "extract", parents=[common], help="print the record of saved HTML pages as JSON",
                       description=EXTRACT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("pages", nargs="+", help="HTML files, '-' for standard input, or http(s) URLs")
    p.add_argument("--url", default="",
                   help="the page's address, to resolve relative links (one input only)")
    p.add_argument("--profile", type=Path,
                   help="a site profile (TOML) adding selectors for an unknown theme")
    p.add_argument("--no-markdown", action="store_true", help="skip content_markdown (faster)")


def _read_page(name: str) -> tuple[bytes, str]:
    """Bytes of one input and the URL it came from (for URLs)."""
    if name == "-":
        return sys.stdin.buffer.read(), ""
    if name.startswith(("http://", "https://")):
        from mwmigrate.fetch import Fetcher

        response = Fetcher().get(name)
        try:
            return response.content, response.url
        finally:
            response.close()
    try:
        return Path(name).read_bytes(), ""
    except OSError as exc:
        raise UsageError(f"{name}: cannot read ({exc.strerror})") from exc


def _cmd_extract(args: argparse.Namespace) -> int:
    import json

    from mwmigrate.archive.records import page_record
    from mwmigrate.extract import ProfileError, extract_page, load_profiles

    if args.url and len(args.pages) > 1:
        raise UsageError("--url names one page; give one input with it")
    try:
        profiles = load_profiles(args.profile)
    except (OSError, ProfileError) as exc:
        raise UsageError(f"{args.profile}: cannot use this profile ({exc})") from exc
    single = len(args.pages) == 1
    for name in args.pages:
        data, fetched_url = _read_page(name)
        page = extract_page(data, args.url or fetched_url, profiles,
                            with_markdown=not args.no_markdown)
        record = page_record(page, name)
        if single:
            print(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True))
        else:
            print(json.dumps(record, ensure_ascii=False, sort_keys=True), flush=False)
        for warning in page.warnings:
            log.warning("%s: %s", name, warning)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mwmigrate",
        description="Get a WordPress site out of WordPress, whole and faithful.",
        epilog="Run 'mwmigrate COMMAND --help' for each command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"mwmigrate {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    for target in (parser, common):
        # Also after the command ("mwmigrate migrate x.xml --debug"); SUPPRESS keeps a
        # command's missing flag from overriding the one given before it.
        default: object = False if target is parser else argparse.SUPPRESS
        target.add_argument("--debug", action="store_true", default=default,
                            help="show tracebacks and debug logs")
        target.add_argument("-q", "--quiet", action="store_true", default=default,
                            help="only errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _migrate_parser(sub, common)
    _verify_parser(sub, common)
    _extract_parser(sub, common)
    return parser


def _cmd_migrate(args: argparse.Namespace) -> int:
    from mwmigrate.fetchsettings import FetchSettings
    from mwmigrate.migrate import MigrateOptions, migrate_wxr

    sources = args.source
    if any(s.startswith(("http://", "https://")) for s in sources):
        if len(sources) > 1:
            raise UsageError("a site URL is migrated on its own", hint="pass one URL, or export files")
        args.source = sources[0]
        return _migrate_site(args)
    for source in sources:
        if not Path(source).is_file():
            raise UsageError(f"{source}: no such file", hint="pass the path of a WXR export (.xml)")
    out = args.out or Path("exports") / (Path(sources[0].removesuffix(".gz")).stem or "archive")
    if args.workers < 0:
        raise UsageError("--workers must be 0 (automatic) or more")
    options = MigrateOptions(
        flavour=args.flavour, permalinks=args.permalinks, include_drafts=args.include_drafts,
        include_private=args.include_private, include_personal_data=args.include_personal_data,
        include_protected_content=args.include_protected_content,
        include_unapproved_comments=args.include_unapproved_comments, recover=args.recover,
        download_media=args.download_media, fetch=FetchSettings(timeout=args.timeout),
        workers=args.workers, progress=False if args.no_progress or args.quiet else None,
    )
    result = migrate_wxr(sources if len(sources) > 1 else sources[0], out, options)
    if not args.quiet:
        _summary(result)
    return 0


def _migrate_site(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from mwmigrate.extract import ProfileError, load_profiles
    from mwmigrate.fetch import FetchSettings
    from mwmigrate.live import LiveOptions, migrate_site

    for flag in ("recover", "include_drafts", "include_private", "include_personal_data",
                 "include_unapproved_comments"):
        if getattr(args, flag):
            raise UsageError(f"--{flag.replace('_', '-')} applies to WXR exports, not to a site URL")
    if args.max_pages < 1 or args.concurrency < 1 or args.delay < 0:
        raise UsageError("--max-pages and --concurrency must be 1 or more, --delay 0 or more")
    if args.profile:
        try:
            load_profiles(args.profile)
        except (OSError, ProfileError) as exc:
            raise UsageError(f"{args.profile}: cannot use this profile ({exc})") from exc
    if not args.debug:  # urllib3 logs each retry; the summary says what failed
        logging.getLogger("urllib3").setLevel(logging.ERROR)
    host = (urlsplit(args.source).netloc or "site").replace(":", "_")
    out = args.out or Path("exports") / host
    fetch = FetchSettings(timeout=args.timeout, delay=args.delay, concurrency=args.concurrency,
                          per_host=min(2, args.concurrency), obey_robots=not args.ignore_robots,
                          cache_dir=args.cache_dir or out.parent / ".cache" / host)
    options = LiveOptions(
        rest=not args.no_rest, sitemaps=not args.no_sitemaps, feed=not args.no_feed,
        crawl=not args.no_crawl, max_pages=args.max_pages, flavour=args.flavour,
        permalinks=args.permalinks, download_media=args.download_media, profile=args.profile,
        probe_pages=not args.no_probe_pages,
        fetch=fetch, progress=False if args.no_progress or args.quiet else None)
    result = migrate_site(args.source, out, options)
    if not args.quiet:
        _summary(result)
        _site_summary(result)
    return 0


def _site_summary(result) -> None:  # type: ignore[no-untyped-def]
    err = sys.stderr
    rate = result.fetched / result.seconds if result.seconds else 0.0
    print(f"  sources used: {', '.join(result.sources_used) or 'none'}", file=err)
    for name, why in sorted(result.sources_unavailable.items()):
        print(f"  not used: {name}: {why}", file=err)
    print(f"  pages fetched: {result.fetched} ({result.from_cache} from the cache), "
          f"{len(result.failed)} failed, {len(set(result.skipped_urls))} URLs skipped; "
          f"{result.seconds:.1f}s, {rate:.1f} pages/s", file=err)
    for url, why in sorted(set(result.failed))[:20]:
        print(f"    failed: {url}: {why}", file=err)
    if len(set(result.failed)) > 20:
        print(f"    ... and {len(set(result.failed)) - 20} more (manifest.json)", file=err)


def _summary(result) -> None:  # type: ignore[no-untyped-def]
    err = sys.stderr
    written = ", ".join(f"{n} {k}" for k, n in sorted(result.counts.items()))
    print(f"Archive written to {result.out} ({result.files} files): {written}", file=err)
    if result.redirects:
        parts = [f"{result.earlier_urls} earlier URLs of renamed or redated posts"] if result.earlier_urls else []
        if result.term_archives:
            parts.append(f"{result.term_archives} URLs of category and tag archives")
        if result.feeds:
            parts.append(f"{result.feeds} of feeds")
        if result.attachment_pages:
            parts.append(f"{result.attachment_pages} of attachment pages")
        listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)
        also = f", among them {listed}" if parts else ""
        print(f"  redirects: {result.redirects} old URLs to new paths (redirects/){also}", file=err)
    for reason, n in sorted(result.skipped.items()):
        print(f"  skipped {n} {reason}", file=err)
    if result.warnings:
        print(f"  {len(result.warnings)} warnings (all in manifest.json):", file=err)
        for line in result.warnings[:10]:
            print(f"    - {line}", file=err)
        if len(result.warnings) > 10:
            print(f"    ... and {len(result.warnings) - 10} more", file=err)


def main(argv: list[str] | None = None) -> int:
    interrupt.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.debug else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return {"migrate": _cmd_migrate, "verify": _cmd_verify, "extract": _cmd_extract}[args.command](args)
    except MwmigrateError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"mwmigrate: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        what = "terminated (SIGTERM)" if isinstance(exc, interrupt.Terminated) else "interrupted"
        print(f"mwmigrate: {what}; the previous archive (if any) is untouched", file=sys.stderr)
        return 143 if isinstance(exc, interrupt.Terminated) else 130
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        if args.debug:
            traceback.print_exc()
        print(f"mwmigrate: internal error: {type(exc).__name__}: {exc} "
              "(re-run with --debug and report it)", file=sys.stderr)
        return 1

