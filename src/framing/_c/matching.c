/* Phrase matching over a segmentation's normalized tokens in C: the token scans of
 * framing.frames.codebook._Matcher.find (codebook_find) and framing.hedging.Lexicon.matches
 * (lexicon_matches), and the search for the tokens holding a hyphen that
 * framing.frames.codebook.Codebook._hyphenated matches by their parts (containing); the same
 * steps in the same order as the Python functions, which stay the reference and the fallback.
 *
 * No word, pattern or rule is held here: the matchers' tables (candidate caches, gates, indexes)
 * are passed in on every call, and Python is called back for what the tables do not hold (a
 * codebook word not yet in the candidate cache: _Matcher._candidates, which fills the cache as
 * it does for the Python scan; a hedging lexicon's wildcard candidates; hedging's context
 * rules). Membership and prefix tests are those of Python (`in` on the given containers,
 * str.startswith over a tuple of prefixes), so a user codebook or lexicon matches the same.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "common.h"

static PyObject *s_subtype, *s_conditional, *s_empty, *s_startswith, *s_quoted, *s_journalist,
    *s_islower, *s_is_name, *s_no_args;

/* Python's `w.startswith(prefixes)` as a truth value (-1 on error). */
static int
startswith_any(PyObject *w, PyObject *prefixes)
{
    PyObject *r;
    int truth;
    if (PyUnicode_Check(w) && PyTuple_CheckExact(prefixes)) {
        Py_ssize_t k, n = PyTuple_GET_SIZE(prefixes), hit;
        for (k = 0; k < n; k++)
            if (!PyUnicode_Check(PyTuple_GET_ITEM(prefixes, k)))
                break;
        if (k == n) {  /* every prefix a str: what str.startswith does, without the call */
            for (k = 0; k < n; k++) {
                hit = PyUnicode_Tailmatch(w, PyTuple_GET_ITEM(prefixes, k), 0, PY_SSIZE_T_MAX,
                                          -1);
                if (hit != 0)
                    return (int)hit;  /* 1, or -1 on error */
            }
            return 0;
        }
    }
    r = PyObject_CallMethodOneArg(w, s_startswith, prefixes);
    if (r == NULL)
        return -1;
    truth = PyObject_IsTrue(r);
    Py_DECREF(r);
    return truth;
}

/* `seq[k]` for a list or tuple (borrowed), else NULL with IndexError as Python raises it. */
static PyObject *
fast_item(PyObject *fast, Py_ssize_t k)
{
    if (k < 0 || k >= PySequence_Fast_GET_SIZE(fast)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return PySequence_Fast_GET_ITEM(fast, k);
}

/* Unpack `a, b = obj` into two new references (a 2-tuple without a copy). */
static int
unpack2(PyObject *obj, PyObject **a, PyObject **b)
{
    PyObject *fast;
    if (PyTuple_CheckExact(obj) && PyTuple_GET_SIZE(obj) == 2) {
        *a = Py_NewRef(PyTuple_GET_ITEM(obj, 0));
        *b = Py_NewRef(PyTuple_GET_ITEM(obj, 1));
        return 0;
    }
    if ((fast = PySequence_Fast(obj, "cannot unpack a non-sequence")) == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(fast) != 2) {
        PyErr_Format(PyExc_ValueError, "expected 2 values to unpack, got %zd",
                     PySequence_Fast_GET_SIZE(fast));
        Py_DECREF(fast);
        return -1;
    }
    *a = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 0));
    *b = Py_NewRef(PySequence_Fast_GET_ITEM(fast, 1));
    Py_DECREF(fast);
    return 0;
}

/* A truth value, with the common case (a list) without a call. */
static int
truth(PyObject *obj)
{
    if (PyList_CheckExact(obj))
        return PyList_GET_SIZE(obj) > 0;
    if (obj == Py_None)
        return 0;
    return PyObject_IsTrue(obj);
}

/* An int (or an object with __index__) as a Py_ssize_t; -1 with an error set on failure. */
static Py_ssize_t
as_index(PyObject *obj)
{
    return PyNumber_AsSsize_t(obj, PyExc_OverflowError);
}

/* ---------------------------------------------------------------------------------------- */
/* codebooks: framing.frames.codebook._Matcher                                              */

/* _Matcher._match: the longest pattern of `found` matching at token i (before `last`), with
 * the payloads of every pattern that matches that span; a new reference to (i, end, payloads)
 * or to None. */
static PyObject *
match_at(PyObject **norm, Py_ssize_t n, Py_ssize_t i, Py_ssize_t last, PyObject *found)
{
    PyObject *fast, *payloads = NULL, *result;
    Py_ssize_t best = 0, e, n_found;

    if ((fast = PySequence_Fast(found, "candidates must be a sequence")) == NULL)
        return NULL;
    n_found = PySequence_Fast_GET_SIZE(fast);
    for (e = 0; e < n_found; e++) {
        PyObject *entry = PySequence_Fast_GET_ITEM(fast, e), *slots, *payload;
        Py_ssize_t length, k;
        int ok = 1;
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3) {
            PyErr_SetString(PyExc_TypeError, "a candidate must be a (slots, payload, length) "
                            "tuple");
            goto error;
        }
        slots = PyTuple_GET_ITEM(entry, 0);
        payload = PyTuple_GET_ITEM(entry, 1);
        if ((length = as_index(PyTuple_GET_ITEM(entry, 2))) == -1 && PyErr_Occurred())
            goto error;
        if (length < best)
            break;
        if (i + length > last)
            continue;
        for (k = 1; k < length; k++) {
            PyObject *slot, *lits, *prefixes, *w;
            int hit;
            if ((slot = PySequence_GetItem(slots, k)) == NULL)
                goto error;
            if (unpack2(slot, &lits, &prefixes) < 0) {
                Py_DECREF(slot);
                goto error;
            }
            Py_DECREF(slot);
            if (i + k >= n) {
                PyErr_SetString(PyExc_IndexError, "list index out of range");
                hit = -1;
            }
            else {
                w = norm[i + k];
                hit = PySequence_Contains(lits, w);
                if (hit == 0)
                    hit = startswith_any(w, prefixes);
            }
            Py_DECREF(lits);
            Py_DECREF(prefixes);
            if (hit < 0)
                goto error;
            if (!hit) {
                ok = 0;
                break;
            }
        }
        if (!ok)
            continue;
        if (best) {
            if (PyList_Append(payloads, payload) < 0)
                goto error;
        }
        else {
            best = length;
            if ((payloads = PyList_New(1)) == NULL)
                goto error;
            PyList_SET_ITEM(payloads, 0, Py_NewRef(payload));
        }
    }
    Py_DECREF(fast);
    if (!best)
        Py_RETURN_NONE;
    result = Py_BuildValue("(nnN)", i, i + best, payloads);
    return result;

error:
    Py_DECREF(fast);
    Py_XDECREF(payloads);
    return NULL;
}

/* last token (excluded) of the sentence of token i: ranges[tok_sent[i]][1] */
static int
sentence_end(PyObject *ranges, PyObject *sentence, Py_ssize_t *last)
{
    PyObject *range, *first_obj, *last_obj;
    Py_ssize_t s;
    if ((s = as_index(sentence)) == -1 && PyErr_Occurred())
        return -1;
    if ((range = PySequence_GetItem(ranges, s)) == NULL)  /* s < 0 counts from the end */
        return -1;
    if (unpack2(range, &first_obj, &last_obj) < 0) {
        Py_DECREF(range);
        return -1;
    }
    Py_DECREF(range);
    *last = as_index(last_obj);
    Py_DECREF(first_obj);
    Py_DECREF(last_obj);
    return (*last == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* The candidates of a word not in the cache, where _Matcher._candidates needs no Python: a word
 * that starts no pattern and whose prefixes start no wildcard pattern (most words of a text)
 * gets `no_candidates`, stored in the cache with a gate of None as _candidates stores it. A new
 * reference; NULL with no error set when _candidates has to be called (the word starts a
 * pattern, is no str, or the tables are not the expected ones), NULL with an error on failure.
 * `tables`: (by_first, prefix_index, min_len, max_len, cache_limit, no_candidates, ...). */
static PyObject *
candidates_without_call(PyObject *tables, PyObject *word, PyObject *cache, PyObject *gates)
{
    PyObject *by_first, *prefix_index, *none_found, *hit;
    Py_ssize_t min_len, max_len, limit, n, top;

    if (!PyTuple_CheckExact(tables) || PyTuple_GET_SIZE(tables) < 6 || !PyUnicode_CheckExact(word))
        return NULL;
    by_first = PyTuple_GET_ITEM(tables, 0);
    prefix_index = PyTuple_GET_ITEM(tables, 1);
    none_found = PyTuple_GET_ITEM(tables, 5);
    if (!PyDict_CheckExact(by_first) || !PyDict_CheckExact(prefix_index))
        return NULL;
    if ((min_len = as_index(PyTuple_GET_ITEM(tables, 2))) == -1 && PyErr_Occurred())
        return NULL;
    if ((max_len = as_index(PyTuple_GET_ITEM(tables, 3))) == -1 && PyErr_Occurred())
        return NULL;
    if ((limit = as_index(PyTuple_GET_ITEM(tables, 4))) == -1 && PyErr_Occurred())
        return NULL;
    hit = PyDict_GetItemWithError(by_first, word);
    if (hit != NULL || PyErr_Occurred())
        return NULL;  /* a first word: _candidates sorts, gates and keeps it */
    if (PyDict_GET_SIZE(prefix_index)) {  /* word[:n] for n in range(min_len, top + 1) */
        n = PyUnicode_GET_LENGTH(word);
        top = n < max_len ? n : max_len;
        if (min_len < 1)
            return NULL;  /* word[:0] == "" is looked up too: let Python do it */
        for (n = min_len; n <= top; n++) {
            PyObject *prefix = PyUnicode_Substring(word, 0, n);
            if (prefix == NULL)
                return NULL;
            hit = PyDict_GetItemWithError(prefix_index, prefix);
            Py_DECREF(prefix);
            if (hit != NULL || PyErr_Occurred())
                return NULL;
        }
    }
    if (PyDict_GET_SIZE(cache) < limit) {
        if (PyDict_SetItem(cache, word, none_found) < 0 || PyDict_SetItem(gates, word, Py_None) < 0)
            return NULL;
    }
    return Py_NewRef(none_found);
}

/* 1 when a word starts no pattern, which _Matcher._candidates would answer with no candidates:
 * it is no key of by_first and no wildcard prefix of the matcher (`tables[6]`, a tuple of str
 * given when there are few) starts it; 0 when it may start one (or cannot be told here), -1 on
 * error. Told without the candidate cache, a large dict (every word the matcher has met) whose
 * look-ups cost more than these of a small one. */
static int
starts_no_pattern(PyObject *tables, PyObject *word)
{
    PyObject *by_first, *prefixes, *hit;
    Py_ssize_t k, n, length;
    Py_UCS4 first;

    if (!PyTuple_CheckExact(tables) || PyTuple_GET_SIZE(tables) != 7 || !PyUnicode_CheckExact(word))
        return 0;
    by_first = PyTuple_GET_ITEM(tables, 0);
    prefixes = PyTuple_GET_ITEM(tables, 6);
    if (!PyDict_CheckExact(by_first) || !PyTuple_CheckExact(prefixes))
        return 0;
    if ((hit = PyDict_GetItemWithError(by_first, word)) != NULL)
        return 0;
    if (PyErr_Occurred())
        return -1;
    n = PyTuple_GET_SIZE(prefixes);
    length = PyUnicode_GET_LENGTH(word);
    first = length ? PyUnicode_READ_CHAR(word, 0) : 0;
    for (k = 0; k < n; k++) {
        PyObject *prefix = PyTuple_GET_ITEM(prefixes, k);
        Py_ssize_t t;
        if (!PyUnicode_CheckExact(prefix) || PyUnicode_GET_LENGTH(prefix) == 0)
            return 0;
        if (PyUnicode_GET_LENGTH(prefix) > length || PyUnicode_READ_CHAR(prefix, 0) != first)
            continue;  /* cannot start the word (what Tailmatch would find, sooner) */
        if ((t = PyUnicode_Tailmatch(word, prefix, 0, PY_SSIZE_T_MAX, -1)) != 0)
            return t < 0 ? -1 : 0;
    }
    return 1;
}

PyDoc_STRVAR(codebook_find_doc,
"codebook_find(norm, ranges, token_sentence, cache, gates, singles, candidates, tables=None)\n"
"--\n\n"
"framing.frames.codebook._Matcher.find over a segmentation's norm, sentence_token_ranges and\n"
"token_sentence (of the same length as norm), with the matcher's _cache, _gates and _singles\n"
"(dicts) and its _candidates (called for a token not in the cache). Returns the matches as\n"
"(first_token, last_token_excluded, payloads), the longest at each position. tables:\n"
"(_by_first, _prefix_index, _min_len, _max_len, _CACHE_LIMIT, _NO_CANDIDATES, prefixes) of the\n"
"matcher, prefixes the keys of _prefix_index as a tuple (or None when there are many), with\n"
"which a word that starts no pattern is known without the cache (and not stored in it), or\n"
"without prefixes, is cached here as _candidates would cache it, without the call.");

static PyObject *
codebook_find(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *norm_fast = NULL, *sent_fast = NULL, *ranges, *cache, *gates, *singles;
    PyObject *candidates, **norm, **cands = NULL, *out = NULL, *m;
    Py_ssize_t n, i, skip = 0, filled = 0;

    PyObject *tables = Py_None;

    if (nargs != 7 && nargs != 8) {
        PyErr_Format(PyExc_TypeError, "codebook_find takes 7 or 8 arguments (%zd given)", nargs);
        return NULL;
    }
    if (nargs == 8)
        tables = args[7];
    ranges = args[1];
    cache = args[3];
    gates = args[4];
    singles = args[5];
    candidates = args[6];
    if (!PyDict_Check(cache) || !PyDict_Check(gates) || !PyDict_Check(singles)) {
        PyErr_SetString(PyExc_TypeError, "cache, gates and singles must be dicts");
        return NULL;
    }
    if ((norm_fast = PySequence_Fast(args[0], "norm must be a sequence")) == NULL)
        return NULL;
    if ((sent_fast = PySequence_Fast(args[2], "token_sentence must be a sequence")) == NULL)
        goto done;
    n = PySequence_Fast_GET_SIZE(norm_fast);
    if (PySequence_Fast_GET_SIZE(sent_fast) != n) {
        PyErr_SetString(PyExc_ValueError, "token_sentence must have one entry per token");
        goto done;
    }
    norm = PySequence_Fast_ITEMS(norm_fast);
    /* the candidates of every token: `list(map(cache.get, norm))`, the misses from _candidates
     * (which caches them, so a word met again is found in the cache) */
    if ((cands = PyMem_New(PyObject *, n > 0 ? n : 1)) == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (filled = 0; filled < n; filled++) {
        PyObject *c = NULL;
        int none = tables == Py_None ? 0 : starts_no_pattern(tables, norm[filled]);
        if (none < 0)
            goto done;
        if (none) {  /* no candidates, known without the cache (nor stored in it) */
            cands[filled] = Py_NewRef(PyTuple_GET_ITEM(tables, 5));
            continue;
        }
        c = PyDict_GetItemWithError(cache, norm[filled]);
        if (c != NULL)
            Py_INCREF(c);
        else if (PyErr_Occurred())
            goto done;
        else if (tables != Py_None
                 && (c = candidates_without_call(tables, norm[filled], cache, gates)) == NULL
                 && PyErr_Occurred())
            goto done;
        if (c == NULL && (c = PyObject_CallOneArg(candidates, norm[filled])) == NULL)
            goto done;
        cands[filled] = c;
    }
    if ((out = PyList_New(0)) == NULL)
        goto done;
    for (i = 0; i < n; i++) {
        PyObject *w, *gate, *single;
        Py_ssize_t last;
        int t = truth(cands[i]);
        if (t < 0)
            goto fail;
        if (!t || i < skip)  /* only tokens that can start a cue, past the last match */
            continue;
        w = norm[i];
        gate = PyDict_GetItemWithError(gates, w);
        if (gate == NULL && PyErr_Occurred())
            goto fail;
        if (gate == NULL || gate == Py_None) {
            single = PyDict_GetItemWithError(singles, w);
            if (single == NULL && PyErr_Occurred())
                goto fail;
            if (single != NULL && single != Py_None) {  /* the word itself, these payloads */
                PyObject *payloads = PySequence_List(single);
                if (payloads == NULL)
                    goto fail;
                if ((m = Py_BuildValue("(nnN)", i, i + 1, payloads)) == NULL)
                    goto fail;
                t = PyList_Append(out, m);
                Py_DECREF(m);
                if (t < 0)
                    goto fail;
                skip = i + 1;
                continue;
            }
        }
        else {  /* only multiword patterns start here: test the next word */
            PyObject *lits, *prefixes, *nxt = i + 1 < n ? norm[i + 1] : s_empty;
            Py_INCREF(gate);
            t = unpack2(gate, &lits, &prefixes);
            Py_DECREF(gate);
            if (t < 0)
                goto fail;
            t = PySequence_Contains(lits, nxt);
            if (t == 0)
                t = startswith_any(nxt, prefixes);
            Py_DECREF(lits);
            Py_DECREF(prefixes);
            if (t < 0)
                goto fail;
            if (!t)
                continue;
        }
        if (sentence_end(ranges, PySequence_Fast_GET_ITEM(sent_fast, i), &last) < 0)
            goto fail;
        if ((m = match_at(norm, n, i, last, cands[i])) == NULL)
            goto fail;
        t = 0;
        if (m != Py_None) {
            skip = PyLong_AsSsize_t(PyTuple_GET_ITEM(m, 1));
            t = PyList_Append(out, m);
        }
        Py_DECREF(m);
        if (t < 0)
            goto fail;
    }
    goto done;

fail:
    Py_CLEAR(out);
done:
    if (cands != NULL) {
        for (i = 0; i < filled; i++)
            Py_DECREF(cands[i]);
        PyMem_Free(cands);
    }
    Py_XDECREF(sent_fast);
    Py_DECREF(norm_fast);
    return out;
}

/* ---------------------------------------------------------------------------------------- */
/* codebooks: the matches' frames, framing.frames.codebook.Codebook._reduce                 */

/* `p.islower()` of the pattern of a (frame, pattern) payload as a truth value (-1 on error) */
static int
payload_islower(PyObject *payload)
{
    PyObject *frame, *pattern, *r;
    int t;
    if (unpack2(payload, &frame, &pattern) < 0)
        return -1;
    r = PyObject_CallMethodNoArgs(pattern, s_islower);
    Py_DECREF(frame);
    Py_DECREF(pattern);
    if (r == NULL)
        return -1;
    t = PyObject_IsTrue(r);
    Py_DECREF(r);
    return t;
}

/* The payloads of `payloads` (a list) kept by `keep` (1 keep, 0 drop, -1 error), as a new list */
typedef int (*payload_test)(PyObject *payload, void *data);

static PyObject *
kept_payloads(PyObject *payloads, payload_test keep, void *data)
{
    PyObject *out = PyList_New(0);
    Py_ssize_t k;
    if (out == NULL)
        return NULL;
    for (k = 0; k < PyList_GET_SIZE(payloads); k++) {
        PyObject *payload = PyList_GET_ITEM(payloads, k);
        int t = keep(payload, data);
        if (t < 0 || (t && PyList_Append(out, payload) < 0)) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

static int
not_lower(PyObject *payload, void *data)
{
    int t = payload_islower(payload);
    return t < 0 ? -1 : !t;
}

/* the frames of the exclusion phrases overlapping a match: `banned[0..n_banned)` */
struct banned_frames {
    PyObject **sets;
    Py_ssize_t n;
};

static int
not_banned(PyObject *payload, void *data)
{
    struct banned_frames *banned = data;
    PyObject *frame, *pattern;
    Py_ssize_t k;
    int t = 0;
    if (unpack2(payload, &frame, &pattern) < 0)
        return -1;
    for (k = 0; k < banned->n && t == 0; k++)
        t = PySequence_Contains(banned->sets[k], frame);
    Py_DECREF(frame);
    Py_DECREF(pattern);
    return t < 0 ? -1 : !t;
}

/* (frame indices, pattern) of the payloads (a non-empty list): the frames sorted without
 * repeats, the first payload's pattern; a new reference to the 2-tuple */
static PyObject *
frames_and_pattern(PyObject *payloads)
{
    PyObject *frames = NULL, *pattern = NULL, *idx = NULL, *result;
    Py_ssize_t k, n = PyList_GET_SIZE(payloads), kept = 0;

    if ((frames = PyList_New(n)) == NULL)
        return NULL;
    for (k = 0; k < n; k++) {
        PyObject *frame, *p;
        if (unpack2(PyList_GET_ITEM(payloads, k), &frame, &p) < 0)
            goto error;
        PyList_SET_ITEM(frames, k, frame);
        if (k == 0)
            pattern = p;
        else
            Py_DECREF(p);
    }
    if (n > 1) {  /* tuple(sorted({i for i, _ in payloads})) */
        PyObject *unique = PySet_New(frames);  /* (what the set comprehension hashes) */
        if (unique == NULL)
            goto error;
        Py_DECREF(unique);
        if (PyList_Sort(frames) < 0)
            goto error;
    }
    if ((idx = PyTuple_New(n)) == NULL)
        goto error;
    for (k = 0; k < n; k++) {
        PyObject *frame = PyList_GET_ITEM(frames, k);
        if (kept) {
            int same = PyObject_RichCompareBool(PyTuple_GET_ITEM(idx, kept - 1), frame, Py_EQ);
            if (same < 0)
                goto error;
            if (same)
                continue;
        }
        PyTuple_SET_ITEM(idx, kept++, Py_NewRef(frame));
    }
    if (kept < n && _PyTuple_Resize(&idx, kept) < 0)
        goto error;
    result = PyTuple_Pack(2, idx, pattern);
    Py_DECREF(idx);
    Py_DECREF(pattern);
    Py_DECREF(frames);
    return result;

error:
    Py_XDECREF(idx);
    Py_XDECREF(pattern);
    Py_XDECREF(frames);
    return NULL;
}

PyDoc_STRVAR(codebook_reduce_doc,
"codebook_reduce(found, tokens, excluded, seg, person_names)\n--\n\n"
"framing.frames.codebook.Codebook._reduce_python: the matches of the cue matcher (found, as\n"
"(first, last, payloads)) as (first, last, frame indices, pattern), without the lower-case\n"
"cues of a capitalized one-token match that person_names(seg).is_name(first) finds in a\n"
"person's name (the names made once, on first need) and the frames of the exclusion phrases\n"
"overlapping it (excluded: (first, last, frames) in text order, not overlapping); a match\n"
"left with no frame is dropped.");

static PyObject *
codebook_reduce(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *found_fast = NULL, *ex_fast = NULL, *tokens, *seg, *person_names, *names = NULL;
    PyObject *out = NULL, **ex_sets = NULL;
    Py_ssize_t n_found, n_ex, m, k, *ex_spans = NULL;

    if (nargs != 5) {
        PyErr_Format(PyExc_TypeError, "codebook_reduce takes 5 arguments (%zd given)", nargs);
        return NULL;
    }
    tokens = args[1];
    seg = args[3];
    person_names = args[4];
    if ((found_fast = PySequence_Fast(args[0], "found must be a sequence")) == NULL)
        return NULL;
    if ((ex_fast = PySequence_Fast(args[2], "excluded must be a sequence")) == NULL)
        goto fail;
    n_found = PySequence_Fast_GET_SIZE(found_fast);
    n_ex = PySequence_Fast_GET_SIZE(ex_fast);
    if ((ex_spans = PyMem_New(Py_ssize_t, 2 * n_ex + 1)) == NULL
        || (ex_sets = PyMem_New(PyObject *, n_ex + 1)) == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (k = 0; k < n_ex; k++) {
        PyObject *x = PySequence_Fast_GET_ITEM(ex_fast, k);
        if (!PyTuple_Check(x) || PyTuple_GET_SIZE(x) != 3) {
            PyErr_SetString(PyExc_TypeError, "an exclusion must be a (first, last, frames) tuple");
            goto fail;
        }
        if ((ex_spans[2 * k] = as_index(PyTuple_GET_ITEM(x, 0))) == -1 && PyErr_Occurred())
            goto fail;
        if ((ex_spans[2 * k + 1] = as_index(PyTuple_GET_ITEM(x, 1))) == -1 && PyErr_Occurred())
            goto fail;
        ex_sets[k] = PyTuple_GET_ITEM(x, 2);  /* borrowed: ex_fast holds the tuple */
    }
    if ((out = PyList_New(0)) == NULL)
        goto fail;
    for (m = 0; m < n_found; m++) {
        PyObject *match = PySequence_Fast_GET_ITEM(found_fast, m), *payloads, *reduced, *row;
        Py_ssize_t a, b;
        int t;
        if (!PyTuple_Check(match) || PyTuple_GET_SIZE(match) != 3
            || !PyList_Check(PyTuple_GET_ITEM(match, 2))) {
            PyErr_SetString(PyExc_TypeError, "a match must be a (first, last, payloads list) "
                            "tuple");
            goto fail;
        }
        if ((a = as_index(PyTuple_GET_ITEM(match, 0))) == -1 && PyErr_Occurred())
            goto fail;
        if ((b = as_index(PyTuple_GET_ITEM(match, 1))) == -1 && PyErr_Occurred())
            goto fail;
        payloads = Py_NewRef(PyTuple_GET_ITEM(match, 2));
        if (b - a == 1) {  /* a lower-case cue's word used in a person's name */
            PyObject *token = PySequence_GetItem(tokens, a);
            int upper = 0;
            if (token == NULL)
                goto fail_match;
            if (!PyUnicode_Check(token)) {
                PyErr_SetString(PyExc_TypeError, "tokens must be str");
                Py_DECREF(token);
                goto fail_match;
            }
            upper = PyUnicode_GET_LENGTH(token) > 0
                && Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(token, 0));
            Py_DECREF(token);
            if (upper) {
                int any = 0;
                for (k = 0; k < PyList_GET_SIZE(payloads) && !any; k++)
                    if ((any = payload_islower(PyList_GET_ITEM(payloads, k))) < 0)
                        goto fail_match;
                if (any) {
                    PyObject *r;
                    if (names == NULL && (names = PyObject_CallOneArg(person_names, seg)) == NULL)
                        goto fail_match;
                    if ((r = PyObject_CallMethodOneArg(names, s_is_name,
                                                       PyTuple_GET_ITEM(match, 0))) == NULL)
                        goto fail_match;
                    t = PyObject_IsTrue(r);
                    Py_DECREF(r);
                    if (t < 0)
                        goto fail_match;
                    if (t) {
                        Py_SETREF(payloads, kept_payloads(payloads, not_lower, NULL));
                        if (payloads == NULL)
                            goto fail;
                    }
                }
            }
        }
        if (n_ex) {  /* the exclusion phrases overlapping [a, b): they start before b ... */
            Py_ssize_t lo = 0, hi = n_ex;
            struct banned_frames banned;
            while (lo < hi) {  /* bisect_left(starts, b) */
                Py_ssize_t mid = (lo + hi) / 2;
                if (ex_spans[2 * mid] < b)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (k = lo - 1; k >= 0 && ex_spans[2 * k + 1] > a; k--)  /* ... and end after a */
                ;
            banned.sets = ex_sets + k + 1;
            banned.n = lo - 1 - k;
            if (banned.n) {
                int any = 0;  /* a frame banned: `if banned` of a union of sets */
                for (k = 0; k < banned.n && !any; k++)
                    if ((any = PyObject_IsTrue(banned.sets[k])) < 0)
                        goto fail_match;
                if (any) {
                    Py_SETREF(payloads, kept_payloads(payloads, not_banned, &banned));
                    if (payloads == NULL)
                        goto fail;
                }
            }
        }
        if (PyList_GET_SIZE(payloads) == 0) {
            Py_DECREF(payloads);
            continue;
        }
        reduced = frames_and_pattern(payloads);
        Py_DECREF(payloads);
        if (reduced == NULL)
            goto fail;
        row = PyTuple_Pack(4, PyTuple_GET_ITEM(match, 0), PyTuple_GET_ITEM(match, 1),
                           PyTuple_GET_ITEM(reduced, 0), PyTuple_GET_ITEM(reduced, 1));
        Py_DECREF(reduced);
        if (row == NULL)
            goto fail;
        t = PyList_Append(out, row);
        Py_DECREF(row);
        if (t < 0)
            goto fail;
        continue;
    fail_match:
        Py_DECREF(payloads);
        goto fail;
    }
    goto done;

fail:
    Py_CLEAR(out);
done:
    PyMem_Free(ex_spans);
    PyMem_Free(ex_sets);
    Py_XDECREF(names);
    Py_XDECREF(ex_fast);
    Py_XDECREF(found_fast);
    return out;
}

/* ---------------------------------------------------------------------------------------- */
/* codebooks: the per-match loop of framing.frames.dictionary._score (_tally)               */

/* The fields of framing.results.Evidence in the order of its __init__ */
#define N_EVIDENCE_FIELDS 8
static const char *evidence_fields[N_EVIDENCE_FIELDS] = {
    "label", "text", "start", "end", "sentence", "subtype", "voice", "weight"};
/* the Evidence type whose slot offsets are known, and those offsets (0: not known) */
static PyObject *evidence_type;
static Py_ssize_t evidence_offsets[N_EVIDENCE_FIELDS];

/* The offsets of the slots of an Evidence type, each a member descriptor holding an object; 0
 * when the type is not laid out so (its instances are then made by calling it), -1 on error. */
static int
evidence_layout(PyObject *type)
{
    Py_ssize_t offsets[N_EVIDENCE_FIELDS];
    int k;
    if (type == evidence_type)
        return 1;
    if (!PyType_Check(type) || ((PyTypeObject *)type)->tp_new != PyBaseObject_Type.tp_new)
        return 0;
    for (k = 0; k < N_EVIDENCE_FIELDS; k++) {
        PyObject *name = PyUnicode_InternFromString(evidence_fields[k]);
        int found = name == NULL ? -1 : object_slot_offset(type, name, &offsets[k]);
        Py_XDECREF(name);
        if (found <= 0) {
            PyErr_Clear();  /* any failure: the type is called instead */
            return 0;
        }
    }
    Py_XSETREF(evidence_type, Py_NewRef(type));
    memcpy(evidence_offsets, offsets, sizeof offsets);
    return 1;
}

/* A new Evidence(label, text, start, end, sentence, subtype, voice, weight): made as its
 * dataclass __init__ makes it (each slot set once), or by calling the type when `weight` is
 * NULL (a type whose instances are not made so). */
static PyObject *
new_evidence(PyObject *type, PyObject **values, PyObject *weight)
{
    PyObject *obj;
    int k;
    if (weight == NULL)
        return PyObject_Vectorcall(type, values, N_EVIDENCE_FIELDS - 1, NULL);
    if ((obj = ((PyTypeObject *)type)->tp_alloc((PyTypeObject *)type, 0)) == NULL)
        return NULL;
    for (k = 0; k < N_EVIDENCE_FIELDS - 1; k++)
        *(PyObject **)((char *)obj + evidence_offsets[k]) = Py_NewRef(values[k]);
    *(PyObject **)((char *)obj + evidence_offsets[N_EVIDENCE_FIELDS - 1]) = Py_NewRef(weight);
    return obj;
}

/* `seq[key][j]` as a new reference */
static PyObject *
item2_obj(PyObject *seq, PyObject *key, Py_ssize_t j)
{
    PyObject *row = PyObject_GetItem(seq, key), *value;
    if (row == NULL)
        return NULL;
    value = PySequence_GetItem(row, j);
    Py_DECREF(row);
    return value;
}

/* `seq[k][j]` as a new reference (Python's indexing, negative indices included) */
static PyObject *
item2(PyObject *seq, Py_ssize_t k, Py_ssize_t j)
{
    PyObject *row = PySequence_GetItem(seq, k), *value;
    if (row == NULL)
        return NULL;
    value = PySequence_GetItem(row, j);
    Py_DECREF(row);
    return value;
}

/* A new `type(*values)` (n values) of a frozen dataclass whose __init__ only sets its fields:
 * made as type_call makes it, with the fields set as that __init__ sets them
 * (object.__setattr__ in order), without running it; by calling the type when `fields` (the
 * field names) is None. */
static PyObject *
new_dataclass(PyObject *type, PyObject *fields, PyObject **values, Py_ssize_t n)
{
    PyObject *obj;
    Py_ssize_t k;
    if (fields == Py_None)
        return PyObject_Vectorcall(type, values, n, NULL);
    if (!PyType_Check(type) || !PyTuple_CheckExact(fields) || PyTuple_GET_SIZE(fields) != n) {
        PyErr_SetString(PyExc_TypeError, "expected a type and a tuple of its field names");
        return NULL;
    }
    if ((obj = ((PyTypeObject *)type)->tp_new((PyTypeObject *)type, s_no_args, NULL)) == NULL)
        return NULL;
    for (k = 0; k < n; k++)
        if (PyObject_GenericSetAttr(obj, PyTuple_GET_ITEM(fields, k), values[k]) < 0) {
            Py_DECREF(obj);
            return NULL;
        }
    return obj;
}

/* The SentenceFrames of _tally_python: for each sentence of per_sentence ({sentence: {frame:
 * cues}}), in order, (sentence, start, end, frame names, cues) of its frames in order; a new
 * list */
static PyObject *
sentences_with_cues(PyObject *per_sentence, PyObject *names, PyObject *sentence_spans,
                    PyObject *type, PyObject *fields)
{
    PyObject *keys, *out = NULL;
    Py_ssize_t k, n;
    if ((keys = PyDict_Keys(per_sentence)) == NULL || PyList_Sort(keys) < 0)
        goto done;
    n = PyList_GET_SIZE(keys);
    if ((out = PyList_New(0)) == NULL)
        goto done;
    for (k = 0; k < n; k++) {
        PyObject *s = PyList_GET_ITEM(keys, k), *cell, *order = NULL, *frames = NULL;
        PyObject *counts = NULL, *values[5] = {NULL, NULL, NULL, NULL, NULL}, *item = NULL;
        Py_ssize_t j, n_order;
        int t = -1;
        if ((cell = PyDict_GetItemWithError(per_sentence, s)) == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, s);
            goto next;
        }
        if ((order = PyDict_Keys(cell)) == NULL || PyList_Sort(order) < 0)
            goto next;
        n_order = PyList_GET_SIZE(order);
        if ((frames = PyTuple_New(n_order)) == NULL || (counts = PyTuple_New(n_order)) == NULL)
            goto next;
        for (j = 0; j < n_order; j++) {
            PyObject *i = PyList_GET_ITEM(order, j), *name, *count;
            if ((name = PyObject_GetItem(names, i)) == NULL)
                goto next;
            PyTuple_SET_ITEM(frames, j, name);
            if ((count = PyDict_GetItemWithError(cell, i)) == NULL) {
                if (!PyErr_Occurred())
                    PyErr_SetObject(PyExc_KeyError, i);
                goto next;
            }
            PyTuple_SET_ITEM(counts, j, Py_NewRef(count));
        }
        values[0] = s;
        if ((values[1] = item2_obj(sentence_spans, s, 0)) == NULL
            || (values[2] = item2_obj(sentence_spans, s, 1)) == NULL)
            goto next;
        values[3] = frames;
        values[4] = counts;
        if ((item = new_dataclass(type, fields, values, 5)) == NULL)
            goto next;
        t = PyList_Append(out, item);
    next:
        Py_XDECREF(item);
        Py_XDECREF(values[1]);
        Py_XDECREF(values[2]);
        Py_XDECREF(frames);
        Py_XDECREF(counts);
        Py_XDECREF(order);
        if (t < 0) {
            Py_CLEAR(out);
            goto done;
        }
    }
done:
    Py_XDECREF(keys);
    return out;
}

PyDoc_STRVAR(frames_tally_doc,
"frames_tally(found, text, token_spans, token_sentence, quotes, names, n_frames, evidence,\n"
"             weight, sentences, sentence_frames, sentence_fields)\n--\n\n"
"framing.frames.dictionary._tally_python: for the matches of Codebook.find, in text order,\n"
"(cues, n_cue_sentences, sentence_frames, evidence): cues and sentences with a cue per frame,\n"
"a sentence_frames (the type given) per sentence with a cue (its index, span in sentences,\n"
"frame names and cues), and an Evidence (the type given) per frame of each match, voiced\n"
"'quoted' inside a direct quotation. weight: the Evidence's default weight, with which its\n"
"instances are made without calling its __init__ (None: by calling the type);\n"
"sentence_fields: the field names of sentence_frames, set as its __init__ sets them without\n"
"calling it (None: by calling the type).");

static PyObject *
frames_tally(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *found_fast = NULL, *quotes_fast = NULL, *text, *spans, *tok_sent, *names;
    PyObject *ev_type, *weight, *per_sentence = NULL, *evidence = NULL, *cues_list = NULL;
    PyObject *sent_list = NULL, *result = NULL, *sentence_frames = NULL;
    Py_ssize_t n_frames, n_found, n_quotes, m, q, qi = 0, *counts = NULL, *quote_spans = NULL;

    if (nargs != 12) {
        PyErr_Format(PyExc_TypeError, "frames_tally takes 12 arguments (%zd given)", nargs);
        return NULL;
    }
    text = args[1];
    spans = args[2];
    tok_sent = args[3];
    names = args[5];
    ev_type = args[7];
    weight = args[8];
    if ((n_frames = as_index(args[6])) == -1 && PyErr_Occurred())
        return NULL;
    if (n_frames < 0) {
        PyErr_SetString(PyExc_ValueError, "n_frames must be >= 0");
        return NULL;
    }
    if (weight == Py_None)
        weight = NULL;
    else {
        int t = evidence_layout(ev_type);
        if (t < 0)
            return NULL;
        if (!t)
            weight = NULL;
    }
    if ((found_fast = PySequence_Fast(args[0], "found must be a sequence")) == NULL)
        return NULL;
    if ((quotes_fast = PySequence_Fast(args[4], "quotes must be a sequence")) == NULL)
        goto done;
    n_found = PySequence_Fast_GET_SIZE(found_fast);
    n_quotes = PySequence_Fast_GET_SIZE(quotes_fast);
    /* cues, sentences with a cue and the last such sentence of each frame; quotes' spans */
    if ((counts = PyMem_New(Py_ssize_t, 3 * n_frames + 1)) == NULL
        || (quote_spans = PyMem_New(Py_ssize_t, 2 * n_quotes + 1)) == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (m = 0; m < n_frames; m++) {
        counts[m] = counts[n_frames + m] = 0;
        counts[2 * n_frames + m] = -1;
    }
    for (q = 0; q < n_quotes; q++) {
        PyObject *a, *b;
        if (unpack2(PySequence_Fast_GET_ITEM(quotes_fast, q), &a, &b) < 0)
            goto done;
        quote_spans[2 * q] = as_index(a);
        quote_spans[2 * q + 1] = as_index(b);
        Py_DECREF(a);
        Py_DECREF(b);
        if (PyErr_Occurred())
            goto done;
    }
    if ((per_sentence = PyDict_New()) == NULL || (evidence = PyList_New(0)) == NULL)
        goto done;
    for (m = 0; m < n_found; m++) {
        PyObject *match = PySequence_Fast_GET_ITEM(found_fast, m), *idx_fast = NULL;
        PyObject *s_obj = NULL, *start_obj = NULL, *end_obj = NULL, *cell, *snippet = NULL;
        PyObject *voice;
        Py_ssize_t a, b, s, start, end, k, n_idx;
        int ok = 0;
        if (!PyTuple_Check(match)) {
            PyErr_SetString(PyExc_TypeError, "a match must be a (first, last, frames, pattern) "
                            "tuple");
            goto done;
        }
        if (PyTuple_GET_SIZE(match) != 4) {
            PyErr_Format(PyExc_ValueError, "expected 4 values to unpack, got %zd",
                         PyTuple_GET_SIZE(match));
            goto done;
        }
        if ((a = as_index(PyTuple_GET_ITEM(match, 0))) == -1 && PyErr_Occurred())
            goto done;
        if ((b = as_index(PyTuple_GET_ITEM(match, 1))) == -1 && PyErr_Occurred())
            goto done;
        if ((s_obj = PySequence_GetItem(tok_sent, a)) == NULL)
            goto done;
        if ((start_obj = item2(spans, a, 0)) == NULL || (end_obj = item2(spans, b - 1, 1)) == NULL)
            goto next;
        if ((s = as_index(s_obj)) == -1 && PyErr_Occurred())
            goto next;
        if ((start = as_index(start_obj)) == -1 && PyErr_Occurred())
            goto next;
        if ((end = as_index(end_obj)) == -1 && PyErr_Occurred())
            goto next;
        while (qi < n_quotes && quote_spans[2 * qi + 1] <= start)
            qi++;
        voice = qi < n_quotes && quote_spans[2 * qi] <= start ? s_quoted : s_journalist;
        if ((cell = PyDict_GetItemWithError(per_sentence, s_obj)) == NULL) {
            if (PyErr_Occurred() || (cell = PyDict_New()) == NULL)
                goto next;
            k = PyDict_SetItem(per_sentence, s_obj, cell);
            Py_DECREF(cell);  /* the dict holds it */
            if (k < 0)
                goto next;
        }
        snippet = PyUnicode_CheckExact(text) && start >= 0 && end >= 0
            ? PyUnicode_Substring(text, start, end) : PySequence_GetSlice(text, start, end);
        if (snippet == NULL)
            goto next;
        if ((idx_fast = PySequence_Fast(PyTuple_GET_ITEM(match, 2), "frames must be a "
                                        "sequence")) == NULL)
            goto next;
        n_idx = PySequence_Fast_GET_SIZE(idx_fast);
        for (k = 0; k < n_idx; k++) {
            PyObject *i_obj = PySequence_Fast_GET_ITEM(idx_fast, k), *count, *name, *ev;
            PyObject *values[N_EVIDENCE_FIELDS - 1];
            Py_ssize_t i, c;
            int t;
            if ((i = as_index(i_obj)) == -1 && PyErr_Occurred())
                goto next;
            if (i < 0)
                i += n_frames;  /* a list's index */
            if (i < 0 || i >= n_frames) {
                PyErr_SetString(PyExc_IndexError, "list index out of range");
                goto next;
            }
            counts[i]++;
            if (counts[2 * n_frames + i] != s) {
                counts[2 * n_frames + i] = s;
                counts[n_frames + i]++;
            }
            c = 0;
            if ((count = PyDict_GetItemWithError(cell, i_obj)) != NULL) {
                if ((c = PyLong_AsSsize_t(count)) == -1 && PyErr_Occurred())
                    goto next;
            }
            else if (PyErr_Occurred())
                goto next;
            if ((count = PyLong_FromSsize_t(c + 1)) == NULL)
                goto next;
            t = PyDict_SetItem(cell, i_obj, count);
            Py_DECREF(count);
            if (t < 0 || (name = PySequence_GetItem(names, i)) == NULL)
                goto next;
            values[0] = name;
            values[1] = snippet;
            values[2] = start_obj;
            values[3] = end_obj;
            values[4] = s_obj;
            values[5] = PyTuple_GET_ITEM(match, 3);
            values[6] = voice;
            ev = new_evidence(ev_type, values, weight);
            Py_DECREF(name);
            if (ev == NULL)
                goto next;
            t = PyList_Append(evidence, ev);
            Py_DECREF(ev);
            if (t < 0)
                goto next;
        }
        ok = 1;
    next:
        Py_XDECREF(idx_fast);
        Py_XDECREF(snippet);
        Py_XDECREF(end_obj);
        Py_XDECREF(start_obj);
        Py_DECREF(s_obj);
        if (!ok)
            goto done;
    }
    if ((cues_list = PyList_New(n_frames)) == NULL || (sent_list = PyList_New(n_frames)) == NULL)
        goto done;
    for (m = 0; m < n_frames; m++) {
        PyObject *c1 = PyLong_FromSsize_t(counts[m]), *c2 = PyLong_FromSsize_t(counts[n_frames + m]);
        if (c1 == NULL || c2 == NULL) {
            Py_XDECREF(c1);
            Py_XDECREF(c2);
            goto done;
        }
        PyList_SET_ITEM(cues_list, m, c1);
        PyList_SET_ITEM(sent_list, m, c2);
    }
    if ((sentence_frames = sentences_with_cues(per_sentence, names, args[9], args[10],
                                               args[11])) == NULL)
        goto done;
    result = PyTuple_Pack(4, cues_list, sent_list, sentence_frames, evidence);

done:
    Py_XDECREF(sentence_frames);
    PyMem_Free(counts);
    PyMem_Free(quote_spans);
    Py_XDECREF(cues_list);
    Py_XDECREF(sent_list);
    Py_XDECREF(per_sentence);
    Py_XDECREF(evidence);
    Py_XDECREF(quotes_fast);
    Py_XDECREF(found_fast);
    return result;
}

/* ---------------------------------------------------------------------------------------- */
/* hedging: framing.hedging.Lexicon.matches                                                 */

/* Try the candidates of `cands` (a sequence of (rest, length, entry, rule)) at token i of the
 * sentence [first, last): 1 and *found = (i, end, entry) for the first that matches and passes
 * its rule, 0 for none, -1 on error. */
static int
try_candidates(PyObject *cands, PyObject *seg, PyObject *norm_fast, Py_ssize_t i,
               PyObject *i_obj, Py_ssize_t last, PyObject *first_obj, PyObject *last_obj,
               int conditionals, Py_ssize_t *end_out, PyObject **found)
{
    PyObject *fast, **items;
    Py_ssize_t c, n_cands;

    if ((fast = PySequence_Fast(cands, "candidates must be a sequence")) == NULL)
        return -1;
    n_cands = PySequence_Fast_GET_SIZE(fast);
    items = PySequence_Fast_ITEMS(fast);
    for (c = 0; c < n_cands; c++) {
        PyObject *item = items[c], *rest, *entry, *rule, *subtype, *end_obj, *r;
        Py_ssize_t length, end, k;
        int t;
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 4) {
            PyErr_SetString(PyExc_TypeError, "a candidate must be a (rest, length, entry, rule) "
                            "tuple");
            goto error;
        }
        rest = PyTuple_GET_ITEM(item, 0);
        entry = PyTuple_GET_ITEM(item, 2);
        rule = PyTuple_GET_ITEM(item, 3);
        if ((length = as_index(PyTuple_GET_ITEM(item, 1))) == -1 && PyErr_Occurred())
            goto error;
        end = i + length;
        if (end > last)
            continue;
        if ((t = truth(rest)) < 0)
            goto error;
        if (t) {  /* the literal words of slots 3.. */
            PyObject *rest_fast = PySequence_Fast(rest, "rest must be a sequence");
            Py_ssize_t n_rest;
            if (rest_fast == NULL)
                goto error;
            n_rest = PySequence_Fast_GET_SIZE(rest_fast);
            for (k = 0; k < n_rest; k++) {
                PyObject *w = fast_item(norm_fast, i + 2 + k);
                t = w == NULL ? -1 : PySequence_Contains(PySequence_Fast_GET_ITEM(rest_fast, k), w);
                if (t <= 0)
                    break;
            }
            Py_DECREF(rest_fast);
            if (t < 0)
                goto error;
            if (n_rest && !t)
                continue;
        }
        if ((subtype = PyObject_GetAttr(entry, s_subtype)) == NULL)
            goto error;
        t = PyObject_RichCompareBool(subtype, s_conditional, Py_EQ);
        Py_DECREF(subtype);
        if (t < 0)
            goto error;
        if (t && !conditionals)
            continue;
        if (rule != Py_None) {
            PyObject *call[5];
            if ((end_obj = PyLong_FromSsize_t(end)) == NULL)
                goto error;
            call[0] = seg;
            call[1] = i_obj;
            call[2] = end_obj;
            call[3] = first_obj;
            call[4] = last_obj;
            r = PyObject_Vectorcall(rule, call, 5, NULL);
            Py_DECREF(end_obj);
            if (r == NULL)
                goto error;
            t = PyObject_IsTrue(r);
            Py_DECREF(r);
            if (t < 0)
                goto error;
            if (!t)
                continue;
        }
        *end_out = end;
        *found = Py_BuildValue("(nnO)", i, end, entry);
        Py_DECREF(fast);
        return *found == NULL ? -1 : 1;
    }
    Py_DECREF(fast);
    return 0;

error:
    Py_DECREF(fast);
    return -1;
}

PyDoc_STRVAR(lexicon_matches_doc,
"lexicon_matches(seg, norm, ranges, firsts, single, pair, candidates, conditionals)\n--\n\n"
"framing.hedging.Lexicon.matches as a list: the (first, last, entry) token matches of a\n"
"segmentation (seg, its norm and sentence_token_ranges) that pass their context rules, with\n"
"the lexicon's _firsts, _single and _pair; candidates: None, or the lexicon's _candidates\n"
"(a lexicon with wildcard cues: every token is tried, its candidates from that method).");

static PyObject *
lexicon_matches(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *seg, *norm, *firsts, *single, *pair, *candidates, *norm_fast = NULL;
    PyObject *ranges_fast = NULL, *out = NULL, **norm_items;
    Py_ssize_t *hits = NULL, n, n_hits = 0, h = 0, r, n_ranges;
    int conditionals;

    if (nargs != 8) {
        PyErr_Format(PyExc_TypeError, "lexicon_matches takes 8 arguments (%zd given)", nargs);
        return NULL;
    }
    seg = args[0];
    norm = args[1];
    firsts = args[3];
    single = args[4];
    pair = args[5];
    candidates = args[6];
    if (!PyDict_Check(single) || !PyDict_Check(pair)) {
        PyErr_SetString(PyExc_TypeError, "single and pair must be dicts");
        return NULL;
    }
    if ((conditionals = PyObject_IsTrue(args[7])) < 0)
        return NULL;
    if ((norm_fast = PySequence_Fast(norm, "norm must be a sequence")) == NULL)
        return NULL;
    if ((ranges_fast = PySequence_Fast(args[2], "ranges must be a sequence")) == NULL)
        goto fail;
    n = PySequence_Fast_GET_SIZE(norm_fast);
    norm_items = PySequence_Fast_ITEMS(norm_fast);
    /* the tokens that may start a cue: every token with wildcard cues, else those in firsts */
    if ((hits = PyMem_New(Py_ssize_t, n > 0 ? n : 1)) == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int t = 1;
        if (candidates == Py_None && (t = PySequence_Contains(firsts, norm_items[i])) < 0)
            goto fail;
        if (t)
            hits[n_hits++] = i;
    }
    if ((out = PyList_New(0)) == NULL)
        goto fail;
    n_ranges = PySequence_Fast_GET_SIZE(ranges_fast);
    for (r = 0; r < n_ranges; r++) {
        PyObject *first_obj, *last_obj;
        Py_ssize_t first, last, free;
        if (unpack2(PySequence_Fast_GET_ITEM(ranges_fast, r), &first_obj, &last_obj) < 0)
            goto fail;
        if ((first = as_index(first_obj)) == -1 && PyErr_Occurred())
            goto fail_range;
        if ((last = as_index(last_obj)) == -1 && PyErr_Occurred())
            goto fail_range;
        while (h < n_hits && hits[h] < first)
            h++;
        free = first;  /* matches do not overlap */
        while (h < n_hits && hits[h] < last) {
            Py_ssize_t i = hits[h++], end = 0;
            PyObject *i_obj, *found = NULL, *one = NULL, *cands = NULL;
            int t = 0;
            if (i < free)
                continue;
            if ((i_obj = PyLong_FromSsize_t(i)) == NULL)
                goto fail_range;
            if (candidates != Py_None) {
                cands = PyObject_CallFunctionObjArgs(candidates, norm, i_obj, last_obj, NULL);
                t = cands == NULL ? -1 : try_candidates(cands, seg, norm_fast, i, i_obj, last,
                                                        first_obj, last_obj, conditionals, &end,
                                                        &found);
                Py_XDECREF(cands);
            }
            else {
                PyObject *w = norm_items[i];
                if (i + 1 < last) {  /* the cues of two or more words starting here */
                    PyObject *next = fast_item(norm_fast, i + 1), *key;
                    if (next == NULL || (key = PyTuple_Pack(2, w, next)) == NULL)
                        t = -1;
                    else {
                        cands = PyDict_GetItemWithError(pair, key);
                        Py_DECREF(key);
                        if (cands == NULL && PyErr_Occurred())
                            t = -1;
                        else if (cands != NULL) {
                            Py_INCREF(cands);
                            t = try_candidates(cands, seg, norm_fast, i, i_obj, last, first_obj,
                                               last_obj, conditionals, &end, &found);
                            Py_DECREF(cands);
                        }
                    }
                }
                if (t == 0) {  /* then the one-word cues */
                    one = PyDict_GetItemWithError(single, w);
                    if (one == NULL && PyErr_Occurred())
                        t = -1;
                    else if (one != NULL) {
                        Py_INCREF(one);
                        t = truth(one);
                        if (t > 0)
                            t = try_candidates(one, seg, norm_fast, i, i_obj, last, first_obj,
                                               last_obj, conditionals, &end, &found);
                        Py_DECREF(one);
                    }
                }
            }
            Py_DECREF(i_obj);
            if (t < 0)
                goto fail_range;
            if (t) {
                free = end;
                t = PyList_Append(out, found);
                Py_DECREF(found);
                if (t < 0)
                    goto fail_range;
            }
        }
        Py_DECREF(first_obj);
        Py_DECREF(last_obj);
        continue;
    fail_range:
        Py_DECREF(first_obj);
        Py_DECREF(last_obj);
        goto fail;
    }
    goto done;

fail:
    Py_CLEAR(out);
done:
    PyMem_Free(hits);
    Py_XDECREF(ranges_fast);
    Py_DECREF(norm_fast);
    return out;
}

PyDoc_STRVAR(containing_doc,
"containing(strings, part)\n--\n\n"
"The indices of the strings (a list or tuple) that contain part, in order: what\n"
"list(compress(range(len(strings)), map(contains, strings, repeat(part)))) gives.");

static PyObject *
containing(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *fast, *part, *out, **items;
    Py_ssize_t i, n;
    Py_UCS4 one;

    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "containing takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    part = args[1];
    if ((fast = PySequence_Fast(args[0], "strings must be a sequence")) == NULL)
        return NULL;
    if ((out = PyList_New(0)) == NULL)
        goto done;
    n = PySequence_Fast_GET_SIZE(fast);
    items = PySequence_Fast_ITEMS(fast);
    one = PyUnicode_CheckExact(part) && PyUnicode_GET_LENGTH(part) == 1
        ? (Py_UCS4)PyUnicode_READ_CHAR(part, 0) : (Py_UCS4)-1;
    for (i = 0; i < n; i++) {
        PyObject *index;
        int t;
        if (one != (Py_UCS4)-1 && PyUnicode_CheckExact(items[i])) {
            /* one character looked for ("-"): found without PyUnicode_Contains's set-up */
            PyObject *w = items[i];
            Py_ssize_t k, len = PyUnicode_GET_LENGTH(w);
            if (PyUnicode_KIND(w) == PyUnicode_1BYTE_KIND)
                t = one < 256 && len > 0 && memchr(PyUnicode_1BYTE_DATA(w), (int)one, len) != NULL;
            else {
                int kind = PyUnicode_KIND(w);
                const void *data = PyUnicode_DATA(w);
                for (k = 0, t = 0; k < len && !t; k++)
                    t = PyUnicode_READ(kind, data, k) == one;
            }
        }
        else
            t = PyUnicode_CheckExact(items[i]) && PyUnicode_CheckExact(part)
                ? PyUnicode_Contains(items[i], part) : PySequence_Contains(items[i], part);
        if (t < 0 || (t && (index = PyLong_FromSsize_t(i)) == NULL)) {
            Py_CLEAR(out);
            goto done;
        }
        if (t) {
            t = PyList_Append(out, index);
            Py_DECREF(index);
            if (t < 0) {
                Py_CLEAR(out);
                goto done;
            }
        }
    }
done:
    Py_DECREF(fast);
    return out;
}

static PyMethodDef matching_methods[] = {
    {"containing", (PyCFunction)(void (*)(void))containing, METH_FASTCALL, containing_doc},
    {"codebook_find", (PyCFunction)(void (*)(void))codebook_find, METH_FASTCALL,
     codebook_find_doc},
    {"codebook_reduce", (PyCFunction)(void (*)(void))codebook_reduce, METH_FASTCALL,
     codebook_reduce_doc},
    {"frames_tally", (PyCFunction)(void (*)(void))frames_tally, METH_FASTCALL,
     frames_tally_doc},
    {"lexicon_matches", (PyCFunction)(void (*)(void))lexicon_matches, METH_FASTCALL,
     lexicon_matches_doc},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef matching_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "framing._matching_c",
    .m_doc = "Phrase matching over segmented text in C (the token scans of the frames "
             "codebooks' matcher and of the hedging lexicon).",
    .m_size = -1,
    .m_methods = matching_methods,
};

PyMODINIT_FUNC
PyInit__matching_c(void)
{
    if (s_startswith == NULL) {
        if ((s_subtype = PyUnicode_InternFromString("subtype")) == NULL
            || (s_conditional = PyUnicode_InternFromString("conditional")) == NULL
            || (s_empty = PyUnicode_InternFromString("")) == NULL
            || (s_startswith = PyUnicode_InternFromString("startswith")) == NULL
            || (s_quoted = PyUnicode_InternFromString("quoted")) == NULL
            || (s_journalist = PyUnicode_InternFromString("journalist")) == NULL
            || (s_islower = PyUnicode_InternFromString("islower")) == NULL
            || (s_is_name = PyUnicode_InternFromString("is_name")) == NULL
            || (s_no_args = PyTuple_New(0)) == NULL)
            return NULL;
    }
    return PyModule_Create(&matching_module);
}
