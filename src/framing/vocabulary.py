"""Distinctive vocabulary of groups of articles, and the words around a target.

- :func:`distinctive_terms` -- which words (or n-grams) each group uses more than all the other
  groups together: log-odds ratios with an informative Dirichlet prior and their z-scores
  (Monroe, Colaresi & Quinn 2008), for any number of groups.
- :func:`log_odds_dirichlet` -- the same statistic over a term x group table of counts you
  built yourself.
- :func:`keywords_in_context` -- every occurrence of a target phrase with the words to its left
  and right.
- :func:`context_terms` -- distinctive terms among only the words near a target (how each
  outlet writes *about* someone).

Tokens come from :func:`framing.text.segment` (the segmentation every measure uses), lower-cased
with ``n't`` read as ``not``. A term is made of word tokens only: a token counts as a word when
it starts with a letter, so punctuation, numbers and clitics such as ``'s`` are not terms. An
n-gram never crosses a sentence or a punctuation mark. Web addresses, e-mail addresses and
@handles give no terms: the segmentation cuts "pic.twitter.com/x1Yz" and
"https://t.co/AbC" into pieces that would otherwise rank "pic", "https" and "com" first for
any outlet that embeds tweets (about one AllSides article in seven holds such an address);
hashtags do count ("#MAGA" gives "maga").

Stop words: by default (``stop_words="english"``) the closed-class function words in
``framing/data/vocabulary/stopwords.tsv`` (articles, pronouns, prepositions, conjunctions, the
auxiliaries be/have/do) are dropped, because they crowd charts without saying much about
framing. Negation and modal verbs are deliberately not in that list: they carry hedging and
stance. An n-gram is dropped when its first or last word is a stop word ("of the" goes, "minister
of defence" stays). Pass ``stop_words=None`` to keep every word, as Monroe et al. do (the prior
already keeps very frequent words from dominating), or your own collection of words.

Example
-------
>>> import pandas as pd
>>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
...                    "text": ["The regime attacked.", "The regime lied again.",
...                             "The government responded.", "The government acted."]})
>>> t = distinctive_terms(df, min_count=2)
>>> t.groupby("group").head(1)[["group", "term"]].values.tolist()
[['A', 'regime'], ['B', 'government']]
"""

from __future__ import annotations

import itertools
import logging
import numbers
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from framing.text import PhraseMatcher, segment, web_token_ids

if TYPE_CHECKING:  # imported where used: sources' scoring reads the stop words, without them
    import pandas as pd

__all__ = [
    "context_terms",
    "distinctive_terms",
    "keywords_in_context",
    "log_odds_dirichlet",
    "stop_word_set",
    "terms",
]

logger = logging.getLogger(__name__)

TERM_COLUMNS = ["group", "term", "count", "count_other", "log_odds", "se", "z"]
KWIC_COLUMNS = ["group", "article", "left", "keyword", "right", "start", "end"]

#: Dirichlet pseudo-count given to a term absent from a user-supplied prior: the value of the
#: uninformative prior in Monroe, Colaresi & Quinn (2008, section 3.5).
UNINFORMATIVE_ALPHA = 0.01

_WHITESPACE_RE = re.compile(r"\s+")


def _sentence_token_ids(seg):
    """Per sentence, the indices of its tokens that may give terms (not web addresses)."""
    web = web_token_ids(seg)
    for first, last in seg.sentence_token_ranges:
        yield range(first, last) if not web else [i for i in range(first, last) if i not in web]


@lru_cache(maxsize=1)
def _english_stop_words() -> frozenset:
    from framing.results import read_data_text

    words = set()
    for line in read_data_text("vocabulary", "stopwords.tsv").splitlines():
        if line and not line.startswith("#") and not line.startswith("term\t"):
            words.add(line.split("\t", 1)[0].strip())
    return frozenset(words)


def stop_word_set(choice="english") -> frozenset:
    """The stop-word set for a ``stop_words`` argument: ``"english"``, ``None`` or a collection.

    >>> {"the", "of"} <= stop_word_set("english"), "not" in stop_word_set("english")
    (True, False)
    >>> stop_word_set(None)
    frozenset()
    """
    if choice is None:
        return frozenset()
    if isinstance(choice, str):
        if choice != "english":
            from framing.compare import _check_choice

            _check_choice("stop_words", choice, ("english",))
        return _english_stop_words()
    return frozenset(str(w).lower() for w in choice)


def _is_word(token: str) -> bool:
    """A word worth counting: it starts with a letter and is not a lone letter or an initial
    ("e", "e." of "Charles E. Schumer"); "u.s." is a word."""
    return token[:1].isalpha() and len(token) > 1 and not (len(token) == 2 and token[1] == ".")


def _check_ngrams(ngram_range) -> tuple[int, int]:
    low, high = (int(x) for x in ngram_range)
    if not 1 <= low <= high:
        raise ValueError(f"ngram_range={tuple(ngram_range)!r}: need 1 <= low <= high, e.g. (1, 2)")
    return low, high


def _token_terms(norm, token_ids, stop, ngram_range):
    """Terms from runs of consecutive word tokens among ``token_ids`` (sorted indices)."""
    low, high = ngram_range
    out = []
    run: list[str] = []
    previous = None
    for i in list(token_ids) + [None]:
        word = norm[i] if i is not None else None
        if i is None or not _is_word(word) or (previous is not None and i != previous + 1):
            for n in range(low, high + 1):
                for k in range(len(run) - n + 1):
                    gram = run[k:k + n]
                    if gram[0] in stop or gram[-1] in stop:
                        continue
                    out.append(" ".join(gram))
            run = []
        if i is not None and _is_word(word):
            run.append(word)
        previous = i
    return out


def _article_terms(seg, stop, ngram_range, unigrams: dict) -> list[str]:
    """The terms of one segmented text, sentence by sentence, as :func:`_token_terms` gives
    them. Single words (the default ``ngram_range``) take a shorter path with the same result
    and order: a word token is a term unless it is a stop word, decided once per distinct token
    in ``unigrams`` (a dict the caller keeps over its texts). Checking every token of every
    run with :func:`_is_word` twice was most of the counting time of a report's distinctive
    vocabulary (16 million calls for 7,484 AllSides articles)."""
    out: list[str] = []
    if ngram_range != (1, 1):
        for ids in _sentence_token_ids(seg):
            out.extend(_token_terms(seg.norm, ids, stop, ngram_range))
        return out
    norm, append, known = seg.norm, out.append, unigrams.get
    for ids in _sentence_token_ids(seg):
        for i in ids:
            word = norm[i]
            keep = known(word)
            if keep is None:
                keep = unigrams[word] = _is_word(word) and word not in stop
            if keep:
                append(word)
    return out


def terms(text: str, *, stop_words="english", ngram_range=(1, 1)) -> list[str]:
    """The terms of one text as :func:`distinctive_terms` counts them.

    Terms come run by run (a run is a stretch of words between punctuation marks, numbers or
    sentence ends): the run's single words, then its longer n-grams.

    >>> terms("The regime's missiles didn't hit Kharn on 3 May.", ngram_range=(1, 2))
    ['regime', 'missiles', 'not', 'hit', 'kharn', 'not hit', 'hit kharn', 'may']
    """
    stop = stop_word_set(stop_words)
    ngram_range = _check_ngrams(ngram_range)
    return _article_terms(segment(text), stop, ngram_range, {})


def log_odds_dirichlet(counts: pd.DataFrame, *, prior=None,
                       prior_scale: float | None = None) -> pd.DataFrame:
    """Log-odds ratio of each term in each group against all other groups, with an informative
    Dirichlet prior, and its z-score (Monroe, Colaresi & Quinn 2008, eq. 16 and 20).

    For group *i*, the rest *j* (all other groups pooled), term *w*, counts *y*, group totals *n*,
    prior pseudo-counts *alpha_w* and *alpha_0* = sum of *alpha_w*::

        delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
                - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
        var(delta_w) ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z_w = delta_w / sqrt(var(delta_w))

    Parameters
    ----------
    counts : term x group table of counts (index: terms; columns: groups; at least two groups).
        Group totals *n* are the column sums, so pass every term, not only the frequent ones.
    prior : background counts per term (a Series or mapping, e.g. from a larger reference
        corpus). Default: the counts of ``counts`` summed over groups (the corpus itself).
        Terms missing from it get the uninformative ``UNINFORMATIVE_ALPHA``.
    prior_scale : *alpha_0*, the total weight of the prior, spread over the terms of
        ``counts`` in proportion to their background counts (terms of the prior absent from
        ``counts`` play no part). Default: *alpha_w* is the background count itself. Smaller
        values shrink less.

    Returns
    -------
    Tidy DataFrame ``group, term, count, count_other, log_odds, se, z`` sorted by group and by
    ``z`` descending: ``count`` in the group, ``count_other`` in all other groups, ``log_odds``
    = *delta*, ``se`` its standard error, ``z`` = *delta* / ``se``. Positive ``z``: the group
    uses the term more than the others do; |z| > 1.96 is the model-based 5% level for one term
    (not corrected for the many terms examined).

    References
    ----------
    Monroe, B. L., Colaresi, M. P., Quinn, K. M. (2008). Fightin' Words: Lexical Feature
    Selection and Evaluation for Identifying the Content of Political Conflict. Political
    Analysis 16(4), 372-403.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"A": [3, 1], "B": [1, 3]}, index=["war", "peace"])
    >>> log_odds_dirichlet(counts).round(3)[["group", "term", "z"]].values.tolist()
    [['A', 'war', 1.149], ['A', 'peace', -1.149], ['B', 'peace', 1.149], ['B', 'war', -1.149]]
    """
    import numpy as np
    import pandas as pd

    if counts.shape[1] < 2:
        raise ValueError("distinctive terms need at least two groups; got "
                         f"{counts.shape[1]}: {list(counts.columns)}")
    y = counts.to_numpy(float)
    if (y < 0).any():
        raise ValueError("counts must not be negative")
    if prior is None:
        background = y.sum(axis=1)
    else:
        prior = pd.Series(prior, dtype=float) if isinstance(prior, Mapping) else prior
        background = pd.Series(prior, dtype=float).reindex(counts.index).fillna(0).to_numpy()
    total = background.sum()
    if prior_scale is not None:
        if prior_scale <= 0:
            raise ValueError(f"prior_scale must be positive, got {prior_scale}")
        alpha = background * (prior_scale / total) if total > 0 else background.copy()
    else:
        alpha = background.astype(float)
    alpha = np.where(alpha > 0, alpha, UNINFORMATIVE_ALPHA)
    alpha0 = alpha.sum()
    n = y.sum(axis=0)
    y_all, n_all = y.sum(axis=1), n.sum()
    frames = []
    for k, group in enumerate(counts.columns):
        yi, yj = y[:, k], y_all - y[:, k]
        ni, nj = n[k], n_all - n[k]
        delta = (np.log(yi + alpha) - np.log(ni + alpha0 - yi - alpha)
                 - np.log(yj + alpha) + np.log(nj + alpha0 - yj - alpha))
        se = np.sqrt(1.0 / (yi + alpha) + 1.0 / (yj + alpha))
        frame = pd.DataFrame({"group": group, "term": counts.index, "count": yi,
                              "count_other": yj, "log_odds": delta, "se": se, "z": delta / se})
        frames.append(frame.sort_values(["z", "term"], ascending=[False, True], kind="stable"))
    return pd.concat(frames, ignore_index=True)[TERM_COLUMNS]


def _texts(data, text_col: str, by: str | None):
    import pandas as pd

    from framing.compare import _require_columns

    if isinstance(data, pd.Series):
        data = data.to_frame(text_col)
    _require_columns(data, text_col, by)
    groups = data[by] if by is not None else pd.Series("all", index=data.index)
    for label, text, group in zip(data.index, data[text_col], groups):
        if isinstance(text, str) and group == group and group is not None:
            yield label, text, group


def _finish(counter_by_group: dict, *, min_count, prior, prior_scale, top, docs_by_group=None,
            min_docs: int = 1) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    empty = sorted(str(g) for g, c in counter_by_group.items() if not c)
    if empty:  # e.g. context_terms for a group whose articles never name the target
        logger.info("groups without any term left out: %s", ", ".join(empty))
        counter_by_group = {g: c for g, c in counter_by_group.items() if c}
    if len(counter_by_group) < 2:
        raise ValueError("distinctive terms need at least two groups with text; got "
                         f"{len(counter_by_group)}: {sorted(map(str, counter_by_group))}")
    groups = sorted(counter_by_group)
    counts = pd.DataFrame({g: pd.Series(counter_by_group[g], dtype=float) for g in groups})
    counts = counts.fillna(0.0)
    table = log_odds_dirichlet(counts, prior=prior, prior_scale=prior_scale)
    total = table["count"] + table["count_other"]
    table = table[total >= min_count]
    if docs_by_group is not None:  # in how many of the group's articles the term occurs
        # looked up group by group (a row-by-row loop over every term of every group took
        # 2.8 s of 23 for 2,500 AllSides articles of 20 outlets, most of it iterating strings)
        docs = np.zeros(len(table), dtype=np.int64)
        for group, part in table.groupby("group", sort=False)["term"]:
            docs[table.index.get_indexer(part.index)] = \
                part.map(docs_by_group[group]).fillna(0).to_numpy(np.int64)
        table = table.assign(docs=docs)
        table = table[table["docs"] >= int(min_docs)]
    if top is not None:
        table = table.groupby("group", sort=False).head(int(top))
    table = table.reset_index(drop=True)
    table[["count", "count_other"]] = table[["count", "count_other"]].astype(int)
    return table


def distinctive_terms(data: pd.DataFrame, by: str = "outlet", *, text_col: str = "text",
                      min_count: int = 5, stop_words="english", ngram_range=(1, 1),
                      prior=None, prior_scale: float | None = None,
                      top: int | None = None, min_docs: int = 1) -> pd.DataFrame:
    """Terms each group uses distinctively more (or less) than all other groups together.

    Parameters
    ----------
    data : one row per article with a text column and a grouping column (two or more groups).
    by : the grouping column.
    text_col : the text column; missing texts are skipped.
    min_count : report only terms used at least this often over all groups (all terms still
        count towards the group totals).
    stop_words : ``"english"`` (drop the package's function-word list, see the module notes),
        ``None`` (keep every word) or your own collection of words.
    ngram_range : ``(low, high)`` lengths of the terms; ``(1, 2)`` adds two-word phrases.
    prior, prior_scale : the informative Dirichlet prior, see :func:`log_odds_dirichlet`.
    top : keep only the ``top`` terms with the highest ``z`` per group.
    min_docs : report a term for a group only when at least this many of the group's articles
        use it. The z-score counts every use of a word as independent, so a word that one or two
        long articles repeat ("finland" in two articles about Finland) can rank first; 3 or more
        keeps a group's vocabulary to words several of its articles share.

    Returns
    -------
    The table of :func:`log_odds_dirichlet`: ``group, term, count, count_other, log_odds, se,
    z``, plus ``docs`` (the group's articles using the term), sorted by group and ``z``
    descending (most distinctive of the group first).

    Examples
    --------
    The words of each outlet of the sample corpus (from the framing folder), each used in at
    least three of its articles:

    >>> import framing
    >>> df = framing.load_corpus("data/sample/articles.jsonl")
    >>> terms = distinctive_terms(df, min_docs=3, top=3)
    >>> for outlet, words in terms.groupby("group")["term"]:
    ...     print(f"{outlet}: {', '.join(words)}")
    Continental Wire: continental, wire, march
    Ostrograd Herald International: experts, note, observers
    The Daily Bulwark: bulwark, right, today
    The Meridian Review: might, may, suggested
    """
    stop = stop_word_set(stop_words)
    ngram_range = _check_ngrams(ngram_range)
    by_group: dict = {}
    docs_by_group: dict = {}
    unigrams: dict = {}
    for _label, text, group in _texts(data, text_col, by):
        counter = by_group.setdefault(group, Counter())
        article = Counter(_article_terms(segment(text), stop, ngram_range, unigrams))
        counter.update(article)
        docs_by_group.setdefault(group, Counter()).update(article.keys())
    return _finish(by_group, min_count=min_count, prior=prior, prior_scale=prior_scale, top=top,
                   docs_by_group=docs_by_group, min_docs=min_docs)


def _matcher(target) -> PhraseMatcher:
    patterns = [target] if isinstance(target, str) else list(target)
    if not patterns:
        raise ValueError("no target given: pass a phrase such as 'prime minister' or 'sanction*'")
    return PhraseMatcher([(p, p) for p in patterns])


def _check_window(window) -> int:
    """``window`` as a number of tokens: a whole number of 0 or more (a negative one gave no
    context at all, silently, or no terms).

    >>> _check_window(-2)
    Traceback (most recent call last):
    ...
    ValueError: window=-2 is not valid; give the number of tokens on each side, a whole number of 0 or more (e.g. 8)
    """
    if isinstance(window, bool) or not isinstance(window, numbers.Integral) or window < 0:
        raise ValueError(f"window={window!r} is not valid; give the number of tokens on each "
                         "side, a whole number of 0 or more (e.g. 8)")
    return int(window)


def _clean(text: str) -> str:
    return _WHITESPACE_RE.sub(" ", text).strip()


def keywords_in_context(data: pd.DataFrame, target, *, by: str | None = "outlet",
                        text_col: str = "text", window: int = 8,
                        max_per_group: int | None = None) -> pd.DataFrame:
    """Every occurrence of ``target`` with ``window`` tokens of context on each side.

    Parameters
    ----------
    data : one row per article with a text column (and the grouping column, if ``by``).
    target : a phrase or a list of phrases in :class:`framing.text.PhraseMatcher` syntax:
        case-insensitive, ``a|b`` alternatives, ``prefix*`` wildcards (``"sanction*"``,
        ``"kim jong un|kim"``).
    by : grouping column, or ``None``.
    text_col : the text column.
    window : tokens (words and punctuation) of context on each side; the context may run
        into neighbouring sentences.
    max_per_group : keep at most this many occurrences per group (in article order).

    Returns
    -------
    DataFrame ``group, article, left, keyword, right, start, end``: ``article`` is the index
    label of the row in ``data``; ``keyword == text[start:end]`` in that article; ``left`` and
    ``right`` are the context with white space collapsed.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A"], "text": ["Critics say the sanctions failed badly."]})
    >>> keywords_in_context(df, "sanction*", window=2)[["left", "keyword", "right"]].values.tolist()
    [['say the', 'sanctions', 'failed badly']]
    """
    import pandas as pd

    matcher = _matcher(target)
    window = _check_window(window)
    rows = []
    taken: Counter = Counter()
    for label, text, group in _texts(data, text_col, by):
        if max_per_group is not None and taken[group] >= max_per_group:
            continue
        seg = segment(text)
        spans = seg.token_spans
        for a, b, _pattern in matcher.find(seg):
            if max_per_group is not None and taken[group] >= max_per_group:
                break
            start, end = spans[a][0], spans[b - 1][1]
            left_start = spans[max(0, a - window)][0] if window > 0 else start
            right_end = spans[min(len(spans), b + window) - 1][1] if window > 0 else end
            rows.append({"group": group if by is not None else None, "article": label,
                         "left": _clean(text[left_start:start]), "keyword": text[start:end],
                         "right": _clean(text[end:right_end]), "start": start, "end": end})
            taken[group] += 1
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def context_terms(data: pd.DataFrame, target, by: str = "outlet", *, text_col: str = "text",
                  window: int = 10, min_count: int = 3, stop_words="english",
                  ngram_range=(1, 1), prior=None, prior_scale: float | None = None,
                  top: int | None = None) -> pd.DataFrame:
    """Distinctive terms among the words near ``target``: how each group writes about it.

    Only words within ``window`` tokens of an occurrence of ``target`` and in the same sentence
    are counted, each token once per article even where windows overlap; the target's own
    words are not counted. Then :func:`log_odds_dirichlet` compares groups as in
    :func:`distinctive_terms` (whose parameters these are), the prior defaulting to these
    context counts.

    Returns
    -------
    ``group, term, count, count_other, log_odds, se, z``, as :func:`distinctive_terms`; a
    group whose articles never name the target has no rows (and does not count as "other").

    Examples
    --------
    How each outlet of the sample corpus (from the framing folder) writes about the Ostrovan
    Federation (a trailing ``*`` matches any ending: Ostrova, Ostrovan):

    >>> import framing
    >>> df = framing.load_corpus("data/sample/articles.jsonl")
    >>> near = context_terms(df, "Ostrova*", window=5, top=2)
    >>> for outlet, terms in near.groupby("group")["term"]:
    ...     print(f"{outlet}: {', '.join(terms)}")
    Continental Wire: foreign, ministry
    Ostrograd Herald International: federation, ostrograd
    The Daily Bulwark: not, members
    The Meridian Review: say, step
    """
    stop = stop_word_set(stop_words)
    ngram_range = _check_ngrams(ngram_range)
    matcher = _matcher(target)
    window = _check_window(window)
    by_group: dict = {}
    for _label, text, group in _texts(data, text_col, by):
        seg = segment(text)
        matches = matcher.find(seg)
        counter = by_group.setdefault(group, Counter())
        if not matches:
            continue
        inside = set()
        near = set()
        for a, b, _ in matches:
            first, last = seg.sentence_token_ranges[seg.token_sentence[a]]
            inside.update(range(a, b))
            near.update(range(max(first, a - window), min(last, b + window)))
        ids = sorted(near - inside - web_token_ids(seg))
        for _sentence, run in itertools.groupby(ids, key=seg.token_sentence.__getitem__):
            counter.update(_token_terms(seg.norm, list(run), stop, ngram_range))
    return _finish(by_group, min_count=min_count, prior=prior, prior_scale=prior_scale, top=top)
