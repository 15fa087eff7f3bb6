"""Look at one article: every measure family's numbers with the evidence that produced them.

:func:`inspect_text` returns ``{family: result.to_dict()}``; :func:`render_terminal` shows the
text with the evidence highlighted (colour on a terminal, ``[[...]]`` markers otherwise) followed
by the numbers; :func:`render_html` writes an escaped, highlighted HTML page.

Example
-------
>>> report = inspect_text("Talks may resume, officials said.", measures=["hedging"])
>>> sorted(report)
['hedging']
>>> [e["label"] for e in report["hedging"]["evidence"]]
['hedge', 'attribution']
"""

from __future__ import annotations

import html
import importlib
import math

from framing.analyze import DEFAULT_MEASURES, FAMILIES, _check_measures, _family_options
from framing.plot import EVIDENCE_COLORS
from framing.text import segment

__all__ = ["inspect_text", "render_terminal", "render_html"]

#: ANSI styles per evidence label (background-free, readable on dark and light terminals), no
#: two alike; green and red are kept for positive and negative tone.
_COLOURS = {"hedge": "33", "booster": "35", "attribution": "95", "quote": "36",
            "reported_speech": "96", "scare_quote": "2;36", "speaker": "34",
            "reporting_verb": "90", "anonymous_source": "94", "target": "4;34",
            "positive": "32", "negative": "31"}
_DEFAULT_COLOUR = "4"  # frames and anything else: underlined, in the terminal's own colour

#: Background per evidence label in the HTML page (the same labels; frames and the rest
#: underlined on grey).
_BACKGROUNDS = EVIDENCE_COLORS  # one palette for every view of evidence
_DEFAULT_BACKGROUND = "#f1f3f5"


def inspect_text(text: str, *, measures=DEFAULT_MEASURES, codebook="policy",
                 targets=None, toward_encoder: bool = False) -> dict:
    """Every requested family's full result (numbers, per-sentence detail, evidence) as dicts.
    With ``targets``, sentiment's ``toward`` holds the tone toward each, and ``encoder``
    whether it was scored with the encoder part (``toward_encoder``, as in
    :func:`framing.analyze`; the tone words listed stay the word model's).

    Returns ``{family: result.to_dict()}`` in the order of ``measures``: each family's fields
    (more is more, as its result class says) and ``evidence``, a list of dicts with character
    spans into ``text``.

    >>> report = inspect_text("Talks may resume, officials said.", measures=["hedging"])
    >>> report["hedging"]["hedges"], [(e["label"], e["text"]) for e in report["hedging"]["evidence"]]
    (1, [('hedge', 'may'), ('attribution', 'officials')])
    """
    seg = segment(text)
    out = {}
    for family in _check_measures(measures):
        module = importlib.import_module(FAMILIES[family])
        options = _family_options(family, codebook, targets, toward_encoder)
        out[family] = module.score(seg, **options).to_dict()
        if family == "sentiment" and targets and hasattr(module, "toward"):
            out[family]["toward"] = {**module.toward(text, targets,
                                                     encoder=toward_encoder).to_dict(),
                                     "encoder": bool(toward_encoder)}
    return out


#: Tone words moving a sentence's tone by less than this are listed but not highlighted.
INLINE_MIN_TONE = 0.1

#: Families in the order their evidence wins when two mark the same span.
_PRIORITY = ("hedging", "sources", "frames", "sentiment")


def _evidence(report: dict) -> list[dict]:
    """Evidence to highlight inline: one item per span, with the inline labels of every family
    that marked it (``labels``, in ``_PRIORITY`` order; the first family's colour wins), and of
    the sentiment scorers only the toolkit's own tone words that moved the tone by at least
    ``INLINE_MIN_TONE`` (the evidence lists below the text keep them all)."""
    items: dict[tuple[int, int], dict] = {}
    families = sorted(report, key=lambda f: _PRIORITY.index(f) if f in _PRIORITY else 99)
    for family in families:
        result = report[family]
        toward = result.get("toward") if isinstance(result, dict) else None
        extra = toward.get("evidence", []) if isinstance(toward, dict) else []
        for e in list(result.get("evidence", [])) + list(extra):
            if family == "sentiment" and e.get("label") in ("positive", "negative") and (
                    not str(e.get("subtype") or "tone").startswith("tone")
                    or abs(e.get("weight") or 0.0) < INLINE_MIN_TONE):
                continue
            span = (e["start"], e["end"])
            label = _inline_label(e)
            if span in items:
                if label not in items[span]["labels"]:
                    items[span]["labels"].append(label)
                continue
            items[span] = {**e, "family": family, "labels": [label]}
    return sorted(items.values(), key=lambda e: (e["start"], -(e["end"] - e["start"])))


def _inline_label(e: dict) -> str:
    """``tone -0.41`` / ``toward NATO +0.11`` for tone words (their signed weight), else the
    evidence label (``hedge``, ``speaker``, a frame's name, ...)."""
    subtype = str(e.get("subtype") or "")
    if e.get("label") in ("positive", "negative") and subtype.startswith("tone"):
        weight = e.get("weight")
        name = subtype.removeprefix("tone ") if subtype != "tone" else "tone"
        return f"{name} {weight:+.2f}" if isinstance(weight, (int, float)) else name
    return str(e["label"])


def _numbers(result: dict) -> list[tuple[str, object]]:
    return [(k, v) for k, v in result.items()
            if not isinstance(v, (list, dict, tuple)) and k != "evidence"]


def _fmt(value) -> str:
    """A number for people: three decimals; a missing value (NaN, or None in the JSON-ready
    results) as "n/a", the same in every family."""
    if value is None or isinstance(value, float) and math.isnan(value):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _nested(text: str, items: list[dict]):
    """Yield ``("text", str)``, ``("open", evidence)`` and ``("close", evidence)`` events for the
    evidence that nests (a cue inside a quote); evidence crossing another's boundary is only
    listed, not highlighted."""
    stack: list[dict] = []
    pos = 0
    for e in items:
        if e["start"] < pos and not stack:
            continue
        while stack and stack[-1]["end"] <= e["start"]:
            top = stack.pop()
            yield "text", text[pos:top["end"]]
            pos = top["end"]
            yield "close", top
        if stack and stack[-1]["end"] < e["end"] or e["start"] < pos:
            continue  # crosses an open span, or starts inside text already written
        yield "text", text[pos:e["start"]]
        pos = e["start"]
        yield "open", e
        stack.append(e)
    while stack:
        top = stack.pop()
        yield "text", text[pos:top["end"]]
        pos = top["end"]
        yield "close", top
    yield "text", text[pos:]


def _legend() -> str:
    """One line naming each colour (``--color``): evidence labels, then frames and the rest."""
    shown = [f"\x1b[1;{code}m{label}\x1b[0m" for label, code in _COLOURS.items()]
    return "colours: " + " ".join(shown) + f" \x1b[1;{_DEFAULT_COLOUR}mframes, other\x1b[0m"


def _css_backgrounds() -> str:
    return "\n".join(f"mark.ev-{label} {{ background: {colour}; text-decoration: none; }}"
                     for label, colour in _BACKGROUNDS.items())


def _html_legend() -> str:
    marks = [f'<mark class="ev ev-{label}">{label.replace("_", " ")}</mark>'
             for label in _BACKGROUNDS]
    return "".join(marks) + '<mark class="ev">frames, other</mark>'


def _count(n, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _toward_lines(result: dict) -> list[tuple[str, str, list[dict]]]:
    """For a sentiment result with targets: ``(target, summary, tone words)`` per target, the
    words sorted by the weight they carried toward it (strongest first)."""
    toward = result.get("toward") if isinstance(result, dict) else None
    if not isinstance(toward, dict):
        return []
    out = []
    model = "with the encoder part; " if toward.get("encoder") else ""
    for t in toward.get("targets", []):
        name = t["target"]
        summary = (f"{_count(t['n_mentions'], 'mention')} in "
                   f"{_count(t['n_sentences'], 'sentence')}; "
                   f"tone {_fmt(t['tone'])} ({model}zero share {_fmt(t['tone_zero_share'])}), "
                   f"vader {_fmt(t['vader_compound'])}, textblob {_fmt(t['textblob_polarity'])}")
        words = [e for e in toward.get("evidence", [])
                 if e.get("subtype") == f"tone toward {name}"]
        words.sort(key=lambda e: -abs(e.get("weight") or 0.0))
        out.append((name, summary, words))
    return out


def _frame_lines(result: dict) -> list[str]:
    """For a frames result: which frames are present, then one line per frame with cues (or a
    probability, or present without cues: a residual frame), as the ``frames_<frame>`` columns
    of :func:`framing.analyze` hold them."""
    scores = result.get("scores") if isinstance(result, dict) else None
    if not isinstance(scores, list) or not scores:
        return []
    present = result.get("present")
    lines = [f"present: {', '.join(present) if present else 'none'}"]
    for s in scores:
        mark = "present" if s.get("present") else "not present"
        if "probability" in s and s.get("probability") is not None:
            lines.append(f"{s['name']}: {mark}, probability {_fmt(s['probability'])}")
        elif s.get("present") and not s.get("n_cues"):
            lines.append(f"{s['name']}: present (the residual frame: no other frame is)")
        elif s.get("n_cues"):
            lines.append(f"{s['name']}: {mark}, share {_fmt(s.get('share'))} of sentences, "
                         f"density {_fmt(s.get('density'))} cues per 100 words "
                         f"({_count(s['n_cues'], 'cue')} in {_count(s['n_sentences'], 'sentence')})")
    return lines


#: What the words listed under a target's tone are, and are not.
TOWARD_WORDS_NOTE = ("they do not add up to the tone, which also weighs the sentence as a whole "
                     "and the word's place beside the mention")


def render_terminal(text: str, report: dict, *, colour: bool = False) -> str:
    """The article with evidence highlighted, then each family's numbers and evidence list
    (``framing inspect``). Without ``colour`` a highlighted span is written
    ``[[words]]{labels}``; with it, in ANSI colours, with a legend.

    Examples
    --------
    >>> text = "Talks may resume, officials said."
    >>> lines = render_terminal(text, inspect_text(text, measures=["hedging"])).splitlines()
    >>> lines[0]
    'Talks [[may]]{hedge} resume, [[officials]]{attribution} said.'
    >>> for line in lines:
    ...     if line.startswith("  - "):  # the evidence: label (kind) [voice], text, offsets
    ...         print(line)
      - hedge (epistemic modal) [reported]: 'may' @6-9
      - attribution (anonymous source) [journalist]: 'officials' @18-27
    """
    pieces, open_codes = [], []
    for kind, value in _nested(text, _evidence(report)):
        if kind == "text":
            pieces.append(value)
        elif kind == "open":
            if colour:
                code = _COLOURS.get(value["label"], _DEFAULT_COLOUR)
                open_codes.append(code)
                pieces.append(f"\x1b[1;{code}m")
            else:
                pieces.append("[[")
        else:
            if colour:
                open_codes.pop()
                pieces.append("\x1b[0m" + (f"\x1b[1;{open_codes[-1]}m" if open_codes else ""))
            else:
                pieces.append(f"]]{{{'; '.join(value['labels'])}}}")
    lines = ["".join(pieces) if text.strip() else "(the text is empty: nothing was found in it)",
             ""]
    if colour:
        lines[2:2] = [_legend(), ""]
    for family, result in report.items():
        lines.append(f"== {family}")
        if result.get("english") is False:
            lines.append("  not English: left unscored by the English lexicons and codebooks")
        for key, value in _numbers(result):
            lines.append(f"  {key}: {_fmt(value)}")
        lines.extend(f"  {line}" for line in _frame_lines(result))
        for e in result.get("evidence", []):
            extra = f" ({e['subtype']})" if e.get("subtype") else ""
            voice = f" [{e['voice']}]" if e.get("voice") else ""
            weight = f" {e['weight']:+.3f}" if isinstance(e.get("weight"), float) else ""
            lines.append(f"  - {e['label']}{extra}{voice}{weight}: {e['text']!r} "
                         f"@{e['start']}-{e['end']}")
        for name, summary, words in _toward_lines(result):
            lines.append(f"  toward {name}: {summary}")
            if words:
                lines.append(f"    words by their pull on the tone (direction and relative "
                             f"size; {TOWARD_WORDS_NOTE})")
            lines.extend(f"    {e['weight']:+.3f} {e['text']!r} @{e['start']}-{e['end']}"
                         for e in words[:12])
    return "\n".join(lines)


def render_html(text: str, report: dict, *, title: str = "framing inspect") -> str:
    """A self-contained HTML page: highlighted article (all text escaped) and the numbers
    (``framing inspect --html``); write it to a file and open it in a browser.

    Examples
    --------
    >>> text = "Costs < 5% may rise, AT&T said."
    >>> page = render_html(text, inspect_text(text, measures=["hedging"]), title="One article")
    >>> page.startswith("<!DOCTYPE html>"), "<title>One article</title>" in page
    (True, True)
    >>> start = page.index("Costs")
    >>> page[start:page.index("</div>", start)]  # doctest: +NORMALIZE_WHITESPACE
    'Costs &lt; 5% <mark class="ev ev-hedge" title="hedging: hedge (epistemic modal)">may</mark>
     rise, AT&amp;T said.'
    """
    pieces = []
    for kind, value in _nested(text, _evidence(report)):
        if kind == "text":
            pieces.append(html.escape(value))
        elif kind == "open":
            e = value
            label = html.escape(f"{e['family']}: {e['label']}" +
                                (f" ({e['subtype']})" if e.get("subtype") else "") +
                                (f" {e['weight']:+.3f}" if isinstance(e.get("weight"), float)
                                 else "") +
                                ("; also " + "; ".join(e["labels"][1:]) if e["labels"][1:]
                                 else ""), quote=True)
            css = html.escape(e["label"].replace(" ", "_"), quote=True)
            pieces.append(f'<mark class="ev ev-{css}" title="{label}">')
        else:
            pieces.append("</mark>")
    tables = []
    for family, result in report.items():
        rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(_fmt(v))}</td></tr>"
                       for k, v in _numbers(result))
        tables.append(f"<h2>{html.escape(family)}</h2><table>{rows}</table>")
        frame_lines = _frame_lines(result)
        if frame_lines:
            tables.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>"
                                           for line in frame_lines) + "</ul>")
        evidence = result.get("evidence", [])
        if evidence:
            items = "".join(
                f"<li>{html.escape(e['label'])}"
                + (f" ({html.escape(str(e['subtype']))})" if e.get("subtype") else "")
                + (f" [{html.escape(e['voice'])}]" if e.get("voice") else "")
                + (f" {e['weight']:+.3f}" if isinstance(e.get("weight"), float) else "")
                + f": <q>{html.escape(e['text'])}</q> @{e['start']}-{e['end']}</li>"
                for e in evidence)
            tables.append(f"<details><summary>evidence ({len(evidence)})</summary>"
                          f"<ul>{items}</ul></details>")
        for name, summary, words in _toward_lines(result):
            listed = ", ".join(f"{html.escape(e['text'])} ({e['weight']:+.3f})"
                               for e in words[:12])
            tables.append(f"<h3>tone toward {html.escape(name)}</h3><p>{html.escape(summary)}"
                          f"</p><p>words by their pull on the tone: {listed or 'none'}"
                          + (f" <small>(direction and relative size; "
                             f"{html.escape(TOWARD_WORDS_NOTE)})</small>" if words else "")
                          + "</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em; }}
.article {{ white-space: pre-wrap; line-height: 1.6; }}
mark.ev {{ background: {_DEFAULT_BACKGROUND}; text-decoration: underline; border-radius: 3px;
          padding: 0 2px; }}
{_css_backgrounds()}
.legend mark {{ margin-right: .4em; }}
th {{ text-align: left; padding-right: 1em; font-weight: normal; color: #555; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p class="legend">{_html_legend()}</p>
<div class="article">{''.join(pieces)}</div>
{''.join(tables)}
</body></html>
"""
