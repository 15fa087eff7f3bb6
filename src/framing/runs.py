"""Report runs: execute a parameterized notebook with papermill into an atomic run folder.

A run of notebook ``NAME`` writes ``<out>/<NAME>/<run-id>/`` containing the executed notebook,
``report.html`` (input cells hidden, plotly's JavaScript embedded once, no external scripts, so it
opens offline with interactive charts), the CSV tables the notebook saved behind its charts, and
``manifest.json`` (parameters, corpus fingerprint and size, versions, start, duration, status).
The folder is built under a hidden name and renamed only when complete. A failed run is moved to
``<run-id>.failed/`` with its log and partial notebook; earlier runs are never touched.
``<out>/index.html`` lists every run.

Parameters are checked against the notebook's parameters cell (``name: type = default  # help``)
before anything runs: unknown names and values of the wrong type are refused.

Example
-------
>>> coerce_parameter("n_boot", "500", "int")
500
>>> coerce_parameter("outlets", '["A", "B"]', "list[str]")
['A', 'B']
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import html
import json
import logging
import os
import platform
import re
import shutil
import sys
import time
import uuid
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from framing.errors import FramingError, InputError

__all__ = ["ReportFailed", "ReportInputError", "run_report", "notebook_parameters",
           "coerce_parameter", "write_index", "new_run_id", "resolve_notebook", "run_config"]

logger = logging.getLogger(__name__)

DEFAULT_NOTEBOOK = "outlet_comparison"
#: Parameters the runner sets itself; users may not override them.
RESERVED_PARAMETERS = ("output_dir",)
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_EXTERNAL_SCRIPT_RE = re.compile(r'<script[^>]*\bsrc="(?:https?:)?//[^"]*"[^>]*>\s*</script>',
                                 re.IGNORECASE)


class ReportFailed(FramingError):
    """The notebook raised an error; the failed run folder keeps the log and partial notebook."""

    default_message = "the report failed"


class ReportInputError(ReportFailed, InputError):
    """The notebook stopped on bad input (a framing ``InputError`` raised in it, e.g. an outlet
    not in the corpus): the user's to fix, so the CLI exits with status 2."""

    default_message = "the report's input is bad"
    exit_code = 2


#: The "skip bad rows" hints of framing.corpus name load_corpus's keyword and the option of
#: ingest/analyze; a report skips nothing, so the way there is through a store.
_SKIP_BAD_ROWS_RE = re.compile(r"with skip_bad_rows=True(?: \(CLI: --skip-bad-rows\))?")


@contextmanager
def _stderr_into(path: Path):
    """For the duration, this process's file descriptor 2 (and so that of every process it
    starts, such as a notebook's kernel) writes to the end of ``path``."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(path, "ab") as log:
            os.dup2(log.fileno(), 2)
            try:
                yield
            finally:
                sys.stderr.flush()
                os.dup2(saved, 2)
    finally:
        os.close(saved)


def new_run_id(now: dt.datetime | None = None) -> str:
    """A sortable, unique run id such as ``20260327-101500-3f9a1c``."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def versions() -> dict:
    """Versions of framing and the packages its results depend on."""
    out = {}
    for package in ("framing", "pandas", "numpy", "scipy", "statsmodels", "scikit-learn",
                    "textblob", "vaderSentiment", "plotly", "papermill", "duckdb"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = None
    return out


def framing_commit() -> str | None:
    """The git commit of the framing checkout the package runs from (with "+changes" when its
    files differ from it), or None for an installed package or without git."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                "--untracked-files=no"], capture_output=True, text=True,
                               timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+changes" if dirty else "") if head else None


def resolved_parameters(path, given: dict) -> dict:
    """Every parameter of a notebook as the run sees it: its declared defaults (literal values)
    overridden by those ``given``. A report reading a store ignores ``corpus``: it is then
    ``None`` here unless given, so that the manifest does not name the sample corpus's default
    path as the run's input.
    """
    out = {}
    for name, p in notebook_parameters(path).items():
        try:
            out[name] = ast.literal_eval(p["default"])
        except (ValueError, SyntaxError, TypeError):
            out[name] = p["default"]
    if given.get("store") and "corpus" in out:
        out["corpus"] = None
    out.update(given)
    return out


def resolve_notebook(notebook: str | os.PathLike, notebooks_dir="notebooks") -> Path:
    """A notebook name (``outlet_comparison``) or path to an ``.ipynb`` file, checked to exist."""
    text = str(notebook)
    if text.endswith(".ipynb") or os.sep in text or "/" in text:
        path = Path(text)
        if not _NAME_RE.match(path.stem):  # the stem names the run folder: no "..", no "."
            raise InputError(path, f"bad notebook file name {path.name!r}",
                             hint="name it like outlet_comparison.ipynb (letters, digits, _ . -)")
    else:
        if not _NAME_RE.match(text):
            raise InputError(None, f"bad notebook name {text!r}",
                             hint="use a name such as outlet_comparison, or a path to an .ipynb")
        folder = Path(notebooks_dir)
        if not folder.is_absolute() and not folder.is_dir():
            from framing.notebook import project_path

            folder = Path(project_path(str(folder)))  # run from elsewhere: the checkout's
        path = folder / f"{text}.ipynb"
        notebooks_dir = folder
    if not path.is_file():
        available = sorted(p.stem for p in Path(notebooks_dir).glob("*.ipynb"))
        raise InputError(path, "no such notebook",
                         hint="available: " + (", ".join(available) or "none (run from the "
                                               "project folder, or pass --notebooks DIR)"))
    return path


def notebook_parameters(path) -> dict:
    """The notebook's parameters: ``{name: {"type": str, "default": str, "help": str}}``."""
    import papermill as pm

    try:
        params = pm.inspect_notebook(str(path))
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds for a non-notebook
        first = " ".join(str(exc).split())[:200]
        raise InputError(path, f"not a readable notebook ({type(exc).__name__}: {first})",
                         hint="give a Jupyter notebook (.ipynb) with a cell tagged "
                              "'parameters'") from exc
    return {name: {"type": p.get("inferred_type_name") or "None",
                   "default": p.get("default"), "help": p.get("help") or ""}
            for name, p in params.items()}


_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


@functools.lru_cache(maxsize=1)
def _unique_key_loader():
    """A safe YAML loader that refuses a mapping holding a key twice: YAML and JSON readers keep
    the last one without a word, so '{"NATO": ["NATO"], "NATO": ["the alliance"]}' lost a
    target's first aliases."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = loader.construct_object(key_node, deep=deep)
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is given twice", key_node.start_mark)
                seen.add(key)
            except TypeError:  # an unhashable key: the safe loader's own error follows
                pass
        return loader.construct_mapping(node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Loader


def coerce_parameter(name: str, value, type_name: str):
    """Convert a parameter given as text (CLI, config) to the notebook's declared type.

    Types: ``str``, ``int``, ``float``, ``bool``, ``list[...]``/``list``, ``dict[...]``/``dict``,
    optionally ``Optional[...]``/``... | None`` (then ``none``/``null`` gives None).
    """
    t = (type_name or "None").replace(" ", "")
    optional = t.startswith("Optional[") or t.endswith("|None") or t.startswith("None|")
    base = re.sub(r"^Optional\[(.*)\]$", r"\1", t).replace("|None", "").replace("None|", "")
    if value is None or (isinstance(value, str) and value.strip().lower() in {"none", "null"}
                         and (optional or base not in ("str",))):
        if optional or base == "None":
            return None
        raise InputError(None, f"parameter {name!r} may not be empty", field=name,
                         hint=f"give a {base}")
    kind = base.split("[", 1)[0].lower()
    try:
        if kind == "str":
            if not isinstance(value, str):
                raise ValueError("expected text")
            return value
        if kind == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError("expected a whole number")
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            low = str(value).strip().lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError("expected true or false")
        if kind in ("list", "dict", "tuple"):
            parsed = value
            if isinstance(value, str):
                import yaml

                try:
                    parsed = yaml.load(value, Loader=_unique_key_loader())
                except yaml.YAMLError as exc:  # '{Trump: [Trump': unclosed brackets
                    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                    raise ValueError(f"not valid JSON or YAML: {problem}") from None
            expected = dict if kind == "dict" else (list, tuple)
            if not isinstance(parsed, expected):
                raise ValueError(f"expected a {kind} (JSON or YAML), e.g. "
                                 + ('{"A": ["a"]}' if kind == "dict" else '["A", "B"]'))
            return list(parsed) if kind != "dict" else parsed
    except (TypeError, ValueError) as exc:
        raise InputError(None, f"parameter {name!r}: {value!r} is not a valid {base} ({exc})",
                         field=name) from exc
    return value  # a type the notebook did not declare precisely: passed through unchanged


def _declared_type(param: dict) -> str:
    """The parameter's annotated type, or, without one, the type of its literal default."""
    type_name = param.get("type") or "None"
    if type_name != "None":
        return type_name
    try:
        default = ast.literal_eval(param.get("default") or "None")
    except (ValueError, SyntaxError):
        return type_name
    for kind in (bool, int, float, str, list, dict):
        if isinstance(default, kind):
            return kind.__name__
    return type_name


def check_parameters(path, given: dict) -> dict:
    """Validate ``given`` against the notebook's parameters cell; returns the coerced values."""
    declared = notebook_parameters(path)
    out = {}
    for name, value in given.items():
        if name in RESERVED_PARAMETERS:
            raise InputError(None, f"parameter {name!r} is set by framing itself", field=name)
        if name not in declared:
            raise InputError(path, f"the notebook has no parameter {name!r}", field=name,
                             hint="its parameters: " + ", ".join(declared))
        out[name] = coerce_parameter(name, value, _declared_type(declared[name]))
        _check_shared_parameter(name, out[name])
    if out.get("start") and out.get("end") and out["start"] > out["end"]:
        raise InputError(None, f"start {out['start']} is after end {out['end']}", field="start",
                         hint="give the first date as start and the last as end")
    if out.get("toward_encoder") is True and "targets" in declared:
        _check_encoder_targets(path, out)
    if out.get("event_name") and not out.get("event_date") and "event_date" in declared:
        # the name alone was dropped without a word: no event, or the sample corpus's own
        raise InputError(None, f"parameter 'event_name': {out['event_name']!r} names the event "
                         "at event_date, and none is given", field="event_name",
                         hint="give its date too, e.g. -p event_date 2016-11-08")
    _check_dependent_parameters(path, out, declared)
    return out


def _check_dependent_parameters(path, given: dict, declared: dict) -> None:
    """A parameter that only matters with another one, given without it, is refused: the
    report ran as if it had not been given (``-p adjust_min_n 10`` without ``adjust_for``,
    ``-p window_days 10`` without an event). Only parameters given explicitly are checked, and
    not their "off" value (``window_days 0``, ``target_exemplars 0``, ``store_wait 0``,
    ``max_outlets 0``), which asks for nothing."""
    from framing.notebook import project_path, report_settings

    resolved = resolved_parameters(path, given)
    corpus, store = resolved.get("corpus") or "", resolved.get("store") or ""

    def sample_settings():  # the targets and events the sample corpus brings along
        return report_settings(project_path(corpus) if corpus else "", store)

    def refuse(name: str, needs: str, hint: str):
        raise InputError(None, f"parameter {name!r}: it {needs}", field=name, hint=hint)

    if "adjust_min_n" in given and "adjust_for" in declared and not resolved.get("adjust_for"):
        refuse("adjust_min_n", "applies only with adjust_for (the column held constant), and "
               "none is given", "give the column too, e.g. -p adjust_for topic, or leave "
               "adjust_min_n out")
    if given.get("window_days") and "event_date" in declared and not resolved.get("event_date") \
            and not sample_settings()[1]:
        refuse("window_days", "limits the before/after contrast around event_date, and the "
               "report has no event", "give the event too, e.g. -p event_name \"2016 election\" "
               "-p event_date 2016-11-08, or leave window_days out")
    if given.get("target_exemplars") and "targets" in declared and not resolved.get("targets") \
            and not sample_settings()[0]:
        refuse("target_exemplars", "picks sentences about the targets, and the report has none",
               "give them, e.g. -p targets '{\"NATO\": [\"NATO\", \"the alliance\"]}', or "
               "leave target_exemplars out")
    if given.get("max_outlets") and given.get("outlets"):
        refuse("max_outlets", f"picks the largest outlets when no outlets list is given, and "
               f"outlets lists {len(given['outlets'])}", "leave max_outlets out (the listed "
               "outlets are all compared), or leave the outlets list out")
    if given.get("store_wait") and "store" in declared and not store:
        refuse("store_wait", "waits while another run writes the store, and the report reads "
               "no store", "give the store (--store), or leave store_wait (--wait) out")
    measures = resolved.get("measures")
    if "codebook" in given and isinstance(measures, list) \
            and not any(str(m).startswith("frames_") for m in measures):
        refuse("codebook", "scores the frames, and measures holds no frame column",
               "add one to measures, e.g. -p measures '[\"sentiment_tone\", "
               "\"frames_security_and_defense\"]', or leave codebook out")
    kind = resolved.get("kind")
    if "kind" in declared and kind != "frames":
        for name in ("train", "codebook"):
            if name in given and (given[name] or name == "codebook"):
                refuse(name, f"applies only to kind frames, and kind is {kind!r}",
                       f"give -p kind frames, or leave {name} out")


def _check_encoder_targets(path, given: dict) -> None:
    """``toward_encoder`` scores only the tone toward targets: a report without any (none
    given, and not the sample corpus, which brings its own) ran as if it were not set, its
    manifest saying it was. Refused, as ``framing analyze --toward-encoder`` without
    ``--target`` is."""
    from framing.notebook import project_path, report_settings

    resolved = resolved_parameters(path, given)
    if resolved.get("targets"):
        return
    corpus, store = resolved.get("corpus") or "", resolved.get("store") or ""
    if report_settings(project_path(corpus) if corpus else "", store)[0]:
        return
    raise InputError(None, "parameter 'toward_encoder': it scores only the tone toward "
                     "targets, and the report has none", field="toward_encoder",
                     hint="give them, e.g. -p targets '{\"NATO\": [\"NATO\", \"the "
                          "alliance\"]}'")


#: Parameters that hold one date, and those that hold a mapping of names to dates.
DATE_PARAMETERS = frozenset(["start", "end", "event_date"])
DATE_MAPPING_PARAMETERS = frozenset(["events"])
PERIODS = ("D", "W", "M", "Q", "Y")


def _check_date(name: str, value, where: str = "") -> None:
    """A date parameter must be empty or a real calendar date written YYYY-MM-DD: "03/04/2018"
    is 3 April to some readers and 4 March to others, so it is refused rather than guessed."""
    if value in ("", None):
        return
    text = str(value)
    try:
        ok = len(text) == 10 and dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        ok = False
    if not ok:
        raise InputError(None, f"parameter {name!r}{where}: {text!r} is not a date written "
                         "YYYY-MM-DD", field=name, hint="e.g. 2018-04-03 for 3 April 2018")


#: Whole-number parameters with a least value, what they count and the hint when below it:
#: -p max_outlets -3 kept one outlet without a word, n_boot 0 failed the run in its first
#: interval (exit 1, a run folder made).
COUNT_PARAMETERS = {
    "max_outlets": (0, "a number of outlets", "give 1 or more, or 0 for all outlets"),
    "n_boot": (1, "a number of bootstrap resamples", "give 1 or more, e.g. 2000"),
    "window_days": (0, "a number of days", "give 1 or more, or 0 for all days"),
    "adjust_min_n": (1, "a number of articles", "give 1 or more (default 5)"),
    "top_terms": (1, "a number of terms", "give 1 or more (default 12)"),
}


def _check_shared_parameter(name: str, value) -> None:
    """Check the parameters whose meaning every notebook shares, before anything runs."""
    if name == "jobs" and isinstance(value, int) and value < 0:
        raise InputError(None, f"parameter 'jobs': {value} is not a number of worker processes",
                         field=name, hint="give 1 or more, or 0 for all cores")
    if name in COUNT_PARAMETERS and isinstance(value, int) and not isinstance(value, bool):
        least, what, hint = COUNT_PARAMETERS[name]
        if value < least:
            raise InputError(None, f"parameter {name!r}: {value} is not {what}", field=name,
                             hint=hint)
    if name in DATE_PARAMETERS:
        _check_date(name, value)
    if name in DATE_MAPPING_PARAMETERS and isinstance(value, dict):
        for event, date in value.items():
            _check_date(name, date, f" ({event!r})")
    if name == "period" and value not in PERIODS:
        raise InputError(None, f"parameter 'period': {value!r} is not one of D, W, M, Q, Y",
                         field=name, hint="D day, W week, M month, Q quarter, Y year")
    if name == "store_wait" and isinstance(value, (int, float)) and value < 0:
        raise InputError(None, f"parameter 'store_wait': {value} is not a number of seconds",
                         field=name, hint="give 0 (do not wait) or more")
    if name == "static_formats" and isinstance(value, list):
        from framing.plot import STATIC_FORMATS

        wrong = [f for f in value if str(f).lower().lstrip(".") not in STATIC_FORMATS]
        if wrong:  # found at the first chart, after the corpus was loaded (exit 1)
            raise InputError(None, f"parameter 'static_formats': {wrong[0]!r} is not a static "
                             "figure format", field=name,
                             hint="give some of " + ", ".join(STATIC_FORMATS))
    if name == "target_exemplars" and isinstance(value, int) and value < 0:
        raise InputError(None, f"parameter 'target_exemplars': {value} is not a number of "
                         "sentences", field=name, hint="give 1 or more, or 0 to skip them")
    if name == "targets" and isinstance(value, dict) and value:
        from framing.sentiment import _normalize_targets

        try:  # a bad target failed the run in its scoring cell (exit 1), a run folder made
            _normalize_targets(value)
        except (TypeError, ValueError) as exc:
            raise InputError(None, f"parameter 'targets': {exc}", field=name) from None
    if name == "toward_encoder" and value is True:
        from framing.encoder import EncoderUnavailableError, check_available, checkout_hint

        try:  # missing weights failed the run in its scoring cell (exit 1), a run folder made
            check_available()
        except EncoderUnavailableError as exc:
            raise InputError(None, f"parameter 'toward_encoder': {exc}", field=name,
                             hint=checkout_hint()) from None
    if name == "store" and isinstance(value, str) and value and "://" not in value:
        from framing.store import require_store

        require_store(value)


#: Parameters naming an input file (or folder) that a run cannot do without, when not empty.
INPUT_FILE_PARAMETERS = ("corpus", "gold", "train", "codebook")


def check_input_files(path, given: dict) -> None:
    """Refuse a run whose input file does not exist, before a run folder is made: a mistyped
    path is the user's to fix, not a failed run to keep. A relative path is looked for as the
    notebooks look for it (:func:`framing.notebook.project_path`: from the working folder, then
    from the framing checkout, where the sample corpus of the defaults is); ``corpus`` is not
    checked when a store is read, nor URLs or globs, nor a shipped codebook name.
    """
    from framing.frames.codebook import shipped_codebooks
    from framing.notebook import project_path

    resolved = resolved_parameters(path, given)
    for name in INPUT_FILE_PARAMETERS:
        value = resolved.get(name)
        if not isinstance(value, (str, os.PathLike)) or not str(value):
            continue
        text = str(value)
        if "://" in text or any(c in text for c in "*?[") or Path(project_path(text)).exists():
            continue
        if name == "codebook" and text in shipped_codebooks():
            continue
        where = "" if Path(text).is_absolute() else f" (looked for from {Path.cwd()})"
        hint = {"corpus": "give the corpus file or folder with --corpus, or a store with --store",
                "codebook": "give a shipped name (" + ", ".join(shipped_codebooks())
                            + ") or the path of a codebook or model file"}.get(
            name, f"give the file with -p {name} PATH")
        raise InputError(text, f"no such file or folder{where}",
                         field=name, hint=hint)


def _input_error_names() -> set[str]:
    """Class names of framing's bad-input errors (a notebook's error arrives by name only)."""
    import framing.store  # noqa: F401 - defines NoStoreError

    names, todo = set(), [InputError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _bad_input_message(evalue: str, corpus) -> str:
    """A bad-input error from the notebook, its advice made true for a report."""
    corpus = corpus if isinstance(corpus, str) and corpus else "CORPUS"
    return _SKIP_BAD_ROWS_RE.sub(
        "with -p skip_bad_rows true (they are counted in the report), or by ingesting the corpus "
        f"into a store (framing ingest {corpus} --skip-bad-rows --store STORE) and running the "
        "report on it (framing report --store STORE)", evalue)


def export_html(notebook_path: Path, html_path: Path, title: str) -> None:
    """Executed notebook -> HTML without input cells or external scripts (works offline)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook_path), as_version=4)
    nb.metadata["title"] = title
    # an ipywidget's saved state (article_explorer's interactive view) made nbconvert add a
    # script that fetches the widget renderer from a CDN when the page opens; offline the
    # widget cannot be drawn anyway (it needs a kernel), so the state is left out
    nb.metadata.pop("widgets", None)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    # require.js and MathJax come from a CDN; require.js would also hide plotly.js's global
    body = _EXTERNAL_SCRIPT_RE.sub("", body)
    html_path.write_text(body, encoding="utf-8")


def run_report(notebook=DEFAULT_NOTEBOOK, *, parameters: dict | None = None, out="reports",
               title: str | None = None, notebooks_dir="notebooks",
               kernel_name: str = "python3", timeout: int | None = None) -> Path:
    """Run a notebook with papermill into a new run folder; return the folder.

    Raises :class:`ReportFailed` (after keeping ``<run-id>.failed/``) when a cell fails, and
    :class:`~framing.errors.InputError` for an unknown notebook or bad parameters (before
    anything runs).
    """
    import papermill as pm

    path = resolve_notebook(notebook, notebooks_dir)
    params = check_parameters(path, dict(parameters or {}))
    if title is not None:
        params.update(check_parameters(path, {"title": title}) if "title" in
                      notebook_parameters(path) else {})
    check_input_files(path, params)
    started_at = dt.datetime.now(dt.timezone.utc)
    started = time.time()
    run_id = new_run_id(started_at)
    report_dir = Path(out) / path.stem
    partial = report_dir / f".partial-{run_id}"
    final = report_dir / run_id
    report_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(report_dir)
    owner = _lock(partial.with_name(partial.name + ".lock"))  # held while this run lives
    partial.mkdir(exist_ok=False)
    executed = partial / f"{path.stem}.ipynb"
    log_path = partial / "run.log"
    declared_title = notebook_parameters(path).get("title", {}).get("default")
    try:
        declared_title = ast.literal_eval(declared_title) if declared_title else None
    except (ValueError, SyntaxError):
        declared_title = None
    manifest = {"report": path.stem, "run_id": run_id, "notebook": str(path),
                "title": params.get("title", title or declared_title or path.stem),
                "parameters": params,
                "parameters_resolved": resolved_parameters(path, params),
                "versions": {**versions(), "python": platform.python_version()},
                "framing_commit": framing_commit(),
                "started": started_at.isoformat(timespec="seconds")}
    try:
        handler = logging.FileHandler(log_path, encoding="utf-8")
        pm_logger = logging.getLogger("papermill")
        pm_logger.addHandler(handler)
        try:
            # the kernel writes its own notices and shutdown noise ("KeyboardInterrupt caught in
            # kernel", ZMQ errors when it is stopped) to the stderr it inherits: the run's log,
            # not the user's terminal; a failure is reported from the cell
            with _stderr_into(log_path):
                pm.execute_notebook(str(path), str(executed),
                                    parameters={**params, "output_dir": str(partial.resolve())},
                                    kernel_name=kernel_name, progress_bar=False,
                                    log_output=False, execution_timeout=timeout,
                                    cwd=str(Path.cwd()),
                                    extra_arguments=["--IPKernelApp.log_level=ERROR"])
        finally:
            pm_logger.removeHandler(handler)
            handler.close()
        export_html(executed, partial / "report.html", str(manifest["title"]))
        corpus_info = partial / "corpus.json"
        if corpus_info.exists():
            manifest["corpus"] = json.loads(corpus_info.read_text(encoding="utf-8"))
        manifest.update(status="complete", duration_seconds=round(time.time() - started, 3))
        (partial / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str),
                                               encoding="utf-8")
        os.rename(partial, final)
        _unlock(owner)
    except Exception as exc:
        failed = report_dir / f"{run_id}.failed"
        manifest.update(status="failed", duration_seconds=round(time.time() - started, 3),
                        error=_plain_error(exc))
        # keep what ran even when the manifest or the log cannot be written (a full disk):
        # renaming needs no space
        try:
            with open(log_path, "a", encoding="utf-8") as fh:
                fh.write("\n" + manifest["error"] + "\n")
        except OSError:
            pass
        try:
            (partial / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str),
                                                   encoding="utf-8")
        except OSError:
            pass
        try:
            os.rename(partial, failed)
        except OSError:
            shutil.rmtree(partial, ignore_errors=True)
        _unlock(owner)
        try:
            write_index(out)
        except OSError:  # the index is a convenience; the run's own error matters here
            pass
        if isinstance(exc, FramingError):
            raise
        if getattr(exc, "ename", None) in _input_error_names():
            raise ReportInputError(None, _bad_input_message(str(exc.evalue), params.get("corpus")),
                                   hint=f"the failed run is kept in {failed}") from exc
        raise ReportFailed(failed, f"the notebook {path.name} failed: {manifest['error']}",
                           hint=f"see {failed / 'run.log'} and the partial notebook there") from exc
    except BaseException:
        # stopped (Ctrl-C, SIGTERM): nothing of this run is kept, not even a hidden folder
        shutil.rmtree(partial, ignore_errors=True)
        _unlock(owner)
        raise
    write_index(out)
    return final


def _lock(path: Path, *, wait: bool = True):
    """Hold an exclusive advisory lock on ``path`` (created if absent); returns the open file,
    or None where locks are unavailable (no ``fcntl``, e.g. Windows) or, with ``wait=False``,
    when another process holds it. The lock ends when the file is closed or the process dies."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no cross-process protection
        return None
    fh = open(path, "a+b")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        fh.close()
        if wait:
            raise
        return None
    return fh


def _unlock(fh, *, remove: bool = True) -> None:
    """Release a lock from :func:`_lock` (removing its file first, while still held)."""
    if fh is None:
        return
    if remove:
        try:
            os.unlink(fh.name)
        except OSError:
            pass
    fh.close()


def _remove_stale_partials(report_dir: Path) -> None:
    """Remove ``.partial-*`` folders left by runs that were killed (their lock is free).

    A live run holds ``.partial-<run-id>.lock`` until its folder has been renamed, so a folder
    whose lock can be taken (or whose lock file is gone) belongs to a dead run.
    """
    try:
        import fcntl  # noqa: F401
    except ImportError:  # pragma: no cover - without locks a live run cannot be told apart
        return
    for folder in report_dir.glob(".partial-*"):
        if folder.suffix == ".lock" or not folder.is_dir():
            continue
        lock_path = folder.with_name(folder.name + ".lock")
        if lock_path.exists():
            fh = _lock(lock_path, wait=False)
            if fh is None:
                continue  # a live run
        else:
            fh = None
        shutil.rmtree(folder, ignore_errors=True)
        logger.info("removed %s, left by a run that was stopped", folder)
        _unlock(fh)
    for lock_path in report_dir.glob(".partial-*.lock"):  # locks whose folder is already gone
        if not lock_path.with_suffix("").exists():
            _unlock(_lock(lock_path, wait=False))


def _plain_error(exc: Exception) -> str:
    """The failing cell's error as one readable line (papermill's is long and coloured)."""
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return f"{type(exc).__name__}: {exc}"


def _declared(notebook, notebooks_dir) -> dict:
    """The notebook's parameters, or none when it cannot be read (run_report then says why)."""
    try:
        return notebook_parameters(resolve_notebook(notebook, notebooks_dir))
    except FramingError:
        return {}


#: Parameters holding a path, which a config file may give relative to its own folder.
_PATH_PARAMETERS = ("corpus", "store", "codebook", "validity_doc")


def run_config(config_path, *, out="reports", notebooks_dir="notebooks",
               store_wait: float | None = None) -> list[dict]:
    """Run every report of a YAML config; continue past failures. Returns one dict per report
    (``name, status, folder or error``). ``store_wait`` sets the notebook parameter of that
    name for every report whose notebook has it and that does not set it. A relative path
    (corpus, store, codebook) that does not exist from the working folder is looked up beside
    the config file; a relative ``out`` is the config file's folder's (its ``reports/``), and
    the notebooks are those beside the config, else of the framing checkout. See
    ``docs/scheduling.md`` for the format."""
    import yaml

    config_path = Path(config_path)
    if not Path(out).is_absolute() and config_path.parent.resolve() != Path.cwd().resolve():
        out = config_path.parent / out  # the config's reports folder, wherever cron starts
    if not Path(notebooks_dir).is_absolute() and not Path(notebooks_dir).is_dir() \
            and (config_path.parent / notebooks_dir).is_dir():
        notebooks_dir = config_path.parent / notebooks_dir
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(config_path, f"cannot read the report config ({exc})") from exc
    if not isinstance(config, dict) or not isinstance(config.get("reports"), list):
        raise InputError(config_path, "the config needs a list under 'reports:'", field="reports")
    defaults = config.get("defaults") or {}
    results = []
    for i, entry in enumerate(config["reports"], start=1):
        if not isinstance(entry, dict):
            raise InputError(config_path, f"report {i} is not a mapping", field="reports")
        merged = {**defaults, **entry}
        name = str(merged.pop("name", f"report-{i}"))
        notebook = merged.pop("notebook", DEFAULT_NOTEBOOK)
        text = str(notebook)
        if (text.endswith(".ipynb") or "/" in text or os.sep in text) \
                and not Path(text).is_absolute() and not Path(text).exists() \
                and (config_path.parent / text).exists():
            notebook = str(config_path.parent / text)  # a notebook path relative to the config
        params = {**(defaults.get("parameters") or {}), **(entry.get("parameters") or {})}
        merged.pop("parameters", None)
        title = merged.pop("title", None)
        params.update(merged)  # corpus, store, outlets, ... given at top level of an entry
        declared = _declared(notebook, notebooks_dir)
        if store_wait is not None and "store_wait" in declared \
                and (params.get("store") or "store" not in declared):
            # not for a notebook without a store, nor a report reading a corpus file, which
            # waits for nothing (store_wait without a store is refused)
            params.setdefault("store_wait", store_wait)
        for key in _PATH_PARAMETERS:  # relative to the working folder, else to the config's
            value = params.get(key)
            if isinstance(value, str) and value and not Path(value).is_absolute() \
                    and not Path(value).exists() and (config_path.parent / value).exists():
                params[key] = str(config_path.parent / value)
        try:
            folder = run_report(notebook, parameters=params, out=out, title=title,
                                notebooks_dir=notebooks_dir)
            results.append({"name": name, "status": "complete", "folder": str(folder)})
        except FramingError as exc:  # returned, and printed once by the command line
            logger.info("report %s failed: %s", name, exc)
            results.append({"name": name, "status": "failed", "error": str(exc)})
    return results


def write_index(out) -> Path:
    """(Re)write ``<out>/index.html`` listing every run (complete and failed), newest first."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # one writer at a time, so that a run finishing meanwhile is never left out of the index
    lock = _lock(out / ".index.lock")
    try:
        for stale in out.glob(".index.*.tmp"):  # left by a killed run (it held no lock now)
            stale.unlink(missing_ok=True)
        return _write_index(out)
    finally:
        _unlock(lock, remove=False)


def _write_index(out: Path) -> Path:
    rows = []
    manifests = [p for p in out.glob("*/*/manifest.json") if not p.parent.name.startswith(".")]
    for manifest_path in sorted(manifests, key=lambda p: p.parent.name.split(".")[0], reverse=True):
        try:
            m = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        folder = manifest_path.parent.relative_to(out).as_posix()
        target = f"{folder}/report.html" if m.get("status") == "complete" else f"{folder}/run.log"
        corpus = m.get("corpus") or {}
        rows.append(
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "</tr>".format(html.escape(target, quote=True), html.escape(str(m.get("title"))),
                           html.escape(str(m.get("report"))), html.escape(str(m.get("started"))),
                           html.escape(str(corpus.get("articles", ""))),
                           html.escape(str(m.get("status")))))
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>framing "
            "reports</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
            "td,th{padding:.2em .8em;text-align:left}</style></head><body><h1>framing reports"
            "</h1><table><tr><th>report</th><th>notebook</th><th>started (UTC)</th>"
            "<th>articles</th><th>status</th></tr>" + "".join(rows) + "</table></body></html>\n")
    tmp = out / f".index.{os.getpid()}.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out / "index.html")
    return out / "index.html"
