"""The ``framing`` command line: a thin layer over the library.

Exit status: 0 success, 1 the work failed, 2 bad usage or bad input. Errors the user can fix are
printed as one plain message (file, row, field, what to do), never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from framing import __version__
from framing.errors import FramingError

logger = logging.getLogger("framing")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

#: Subcommands that later versions fill in; they say so instead of pretending to work.
NOT_YET = {
    "analyze": "score every measure family over a corpus or store",
    "validate": "compare the automatic measures with human coding",
    "inspect": "show one article's measures with their evidence",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit with 2 and a one-line hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_load_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="use a source column for a canonical field (repeatable), "
                        "e.g. --map text=content_original --map outlet=source")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="skip (and count) malformed lines and rows with empty text or outlet")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the file (default utf-8)")
    p.add_argument("--sep", default=None, help="CSV/TSV delimiter (guessed when omitted)")
    p.add_argument("--metadata", default=None, help="metadata CSV for a folder of .txt files")
    p.add_argument("--no-html", action="store_true", help="do not convert HTML to text")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="keep web boilerplate lines (Read more:, Advertisement, ...)")
    p.add_argument("--unicode-form", default="NFC", choices=["NFC", "NFKC", "NFD", "NFKD", "none"],
                   help="Unicode normalization (default NFC)")


def _load_options(args) -> dict:
    return dict(mapping=args.map, skip_bad_rows=args.skip_bad_rows, encoding=args.encoding,
                sep=args.sep, metadata=args.metadata, html=not args.no_html,
                strip_boilerplate=not args.keep_boilerplate,
                unicode_form=None if args.unicode_form == "none" else args.unicode_form)


def build_parser() -> argparse.ArgumentParser:
    from framing.store import DEFAULT_STORE

    parser = _Parser(prog="framing", description="Measure how news outlets frame a story.")
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or notes")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("ingest", help="add a corpus file or folder to the store",
                       description="Load a corpus (CSV/TSV, JSONL[.gz], JSON, Parquet or a folder "
                                   "of .txt files) into the store. Articles already stored are "
                                   "skipped; the ingest is one transaction.")
    p.add_argument("path", help="corpus file or folder")
    p.add_argument("--store", default=str(DEFAULT_STORE), help=f"store file (default {DEFAULT_STORE})")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another run that holds the store")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    _add_load_options(p)

    p = sub.add_parser("export", help="write the stored articles to Parquet")
    p.add_argument("out", help="Parquet file to write")
    p.add_argument("--store", default=str(DEFAULT_STORE), help=f"store file (default {DEFAULT_STORE})")

    p = sub.add_parser("report", help="write the outlet-comparison report",
                       description="Compare outlets over a corpus or store and write a report "
                                   "folder under reports/.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--corpus", help="corpus file or folder (default: the sample corpus)")
    src.add_argument("--store", help="read the articles from this store instead")
    p.add_argument("--out", default="reports", help="reports folder (default reports)")
    p.add_argument("--title", default=None, help="report title")
    p.add_argument("--seed", type=int, default=0, help="seed of the bootstrap intervals")
    _add_load_options(p)

    for name, what in NOT_YET.items():
        q = sub.add_parser(name, help=f"(not available yet) {what}", add_help=True)
        q.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def _progress(args, unit: str):
    """A tqdm bar that the caller updates with absolute counts; None when quiet."""
    if args.quiet:
        return None, lambda: None
    from tqdm.auto import tqdm

    bar = tqdm(unit=unit, file=sys.stderr, disable=None, dynamic_ncols=True)

    def update(count: int) -> None:
        bar.update(count - bar.n)

    return update, bar.close


def cmd_ingest(args) -> int:
    from framing.store import Store

    update, close = _progress(args, " rows")
    try:
        with Store(args.store, timeout=args.wait) as store:
            result = store.ingest(args.path, progress=update, **_load_options(args))
            total = store.count()
    finally:
        close()
    if args.json:
        print(json.dumps({**result.to_dict(), "store": args.store, "articles_in_store": total},
                         default=str))
    else:
        print(result.summary())
        print(f"  {args.store} now holds {total} articles")
    return EXIT_OK


def cmd_export(args) -> int:
    from framing.store import Store

    with Store(args.store, read_only=True) as store:
        path = store.export_parquet(args.out)
        n = store.count()
    print(f"wrote {n} articles to {path}")
    return EXIT_OK


def cmd_report(args) -> int:
    from framing import reports

    run = reports.outlet_report(corpus=args.corpus, store=args.store, out=args.out,
                                title=args.title, seed=args.seed, load_options=_load_options(args),
                                quiet=args.quiet)
    print(f"report written to {run}")
    return EXIT_OK


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command in NOT_YET:
        print(f"framing {args.command}: not available in framing {__version__} yet "
              f"({NOT_YET[args.command]}).", file=sys.stderr)
        return EXIT_FAILED
    handler = {"ingest": cmd_ingest, "export": cmd_export, "report": cmd_report}[args.command]
    try:
        return handler(args)
    except FramingError as exc:
        print(f"framing {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"framing {args.command}: interrupted; nothing half-written was kept",
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # unreadable paths, full disks: the user's to fix, not a bug
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"framing {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, (FileNotFoundError, PermissionError,
                                              IsADirectoryError)) else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
