/* TextBlob-identical sentiment without evidence: the compiled form of framing.sentiment's
 * _textblob_values and of _Pattern.assess / _Pattern.average (see their docstrings).
 *
 * The same floating-point operations in the same order as the Python code, so the same numbers
 * to the last bit. Records are kept as C structs (p, s, i, n): the values need no word lists.
 * The data (chunk cache, emoticon pairs, word classes) stays in Python and is passed in; the
 * rare cases (a chunk not yet cached, the emoticon/sarcasm check, the library's tokenizer) call
 * back into the Python methods given.
 *
 * The Chunker type computes the entry of a chunk not yet cached (_Pattern._chunk, with its
 * _chunk_tokens and _classify) and stores it, and the word classes, in the same caches.
 *
 * Items are (class, word) tuples, a class None (an inert word: ends negation and modifier), a
 * known word ("K", p, s, i, is_modifier, is_negation) or another word
 * ("U", negation, keeps_negation, keeps_modifier, is_exclamation, is_irony, emoticon or None).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "common.h"

typedef struct {
    double p, s, i;
    int n; /* 1, or -1 when negated */
} Record;

typedef struct {
    Record *v;
    Py_ssize_t len, cap;
} Records;

static int
records_push(Records *r, double p, double s, double i)
{
    if (r->len == r->cap) {
        Py_ssize_t cap = r->cap ? 2 * r->cap : 16;
        Record *v = PyMem_Realloc(r->v, (size_t)cap * sizeof(Record));
        if (v == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->len].p = p;
    r->v[r->len].s = s;
    r->v[r->len].i = i;
    r->v[r->len].n = 1;
    r->len++;
    return 0;
}

static int
records_extend(Records *r, const Records *more)
{
    for (Py_ssize_t k = 0; k < more->len; k++) {
        if (records_push(r, more->v[k].p, more->v[k].s, more->v[k].i) < 0)
            return -1;
        r->v[r->len - 1].n = more->v[k].n;
    }
    return 0;
}

/* max(-1.0, min(x, +1.0)) as Python's min and max compute it (NaN included) */
static inline double
clamp_unit(double x)
{
    double low = x;
    if (1.0 < low)
        low = 1.0;
    double r = -1.0;
    if (low > r)
        r = low;
    return r;
}

static inline int
truth(PyObject *o)
{
    if (o == Py_True)
        return 1;
    if (o == Py_False || o == Py_None)
        return 0;
    return PyObject_IsTrue(o);
}

static int
as_double(PyObject *o, double *out)
{
    if (PyFloat_CheckExact(o)) {
        *out = PyFloat_AS_DOUBLE(o);
        return 0;
    }
    *out = PyFloat_AsDouble(o);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

static PyObject *LY; /* "ly" */

static Record *
last_record(Records *r)
{
    if (r->len == 0) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return &r->v[r->len - 1];
}

/* _Pattern.assess over items, appending to r; *m and *n (borrowed: the words stay alive in
 * items) are the pending modifier and negation, in and out; *lone_excl is set when a "!" comes
 * before any record. Returns 0, or -1 with an exception set. */
static int
assess(PyObject *items, Records *r, PyObject **m, PyObject **n, int *lone_excl)
{
    PyObject *seq = PySequence_Fast(items, "items must be a sequence of (class, word)");
    if (seq == NULL)
        return -1;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    PyObject **it = PySequence_Fast_ITEMS(seq);
    *lone_excl = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *item = it[k];
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) < 2) {
            PyErr_SetString(PyExc_TypeError, "an item must be a (class, word) tuple");
            goto fail;
        }
        PyObject *c = PyTuple_GET_ITEM(item, 0);
        if (c == Py_None) {
            *m = Py_None;
            *n = Py_None;
            continue;
        }
        PyObject *w = PyTuple_GET_ITEM(item, 1);
        if (!PyTuple_Check(c) || (PyTuple_GET_SIZE(c) != 6 && PyTuple_GET_SIZE(c) != 7)) {
            PyErr_SetString(PyExc_TypeError, "a word class must be None or a 6- or 7-tuple");
            goto fail;
        }
        if (PyTuple_GET_SIZE(c) == 6) { /* ("K", p, s, i, is_modifier, is_negation) */
            double p, s, i;
            if (as_double(PyTuple_GET_ITEM(c, 1), &p) < 0
                || as_double(PyTuple_GET_ITEM(c, 2), &s) < 0
                || as_double(PyTuple_GET_ITEM(c, 3), &i) < 0)
                goto fail;
            int is_mod = truth(PyTuple_GET_ITEM(c, 4)), is_neg = truth(PyTuple_GET_ITEM(c, 5));
            if (is_mod < 0 || is_neg < 0)
                goto fail;
            if (*m == Py_None) {
                if (records_push(r, p, s, i) < 0)
                    goto fail;
            }
            else {
                Record *last = last_record(r);
                if (last == NULL)
                    goto fail;
                last->p = clamp_unit(p * last->i);
                last->s = clamp_unit(s * last->i);
                last->i = i;
            }
            if (*n != Py_None) {
                Record *last = last_record(r);
                if (last == NULL)
                    goto fail;
                if (last->i == 0.0) {
                    PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
                    goto fail;
                }
                last->i = 1.0 / last->i;
                last->n = -1;
            }
            *m = Py_None;
            *n = Py_None;
            if (is_mod)
                *m = w;
            if (is_neg)
                *n = w;
        }
        else { /* ("U", negation, keeps_negation, keeps_modifier, "!", "(!)", emoticon) */
            int neg = truth(PyTuple_GET_ITEM(c, 1)), keep_n = truth(PyTuple_GET_ITEM(c, 2));
            int keep_m = truth(PyTuple_GET_ITEM(c, 3)), excl = truth(PyTuple_GET_ITEM(c, 4));
            int irony = truth(PyTuple_GET_ITEM(c, 5));
            PyObject *emo = PyTuple_GET_ITEM(c, 6);
            if (neg < 0 || keep_n < 0 || keep_m < 0 || excl < 0 || irony < 0)
                goto fail;
            if (neg) {
                *n = w;
            }
            else {
                int t = truth(*n);
                if (t < 0)
                    goto fail;
                if (t && !keep_n)
                    *n = Py_None;
            }
            int ly = 0;
            if (*n != Py_None && *m != Py_None) {
                ly = (int)PyUnicode_Tailmatch(*m, LY, 0, PY_SSIZE_T_MAX, 1);
                if (ly < 0)
                    goto fail;
            }
            if (ly) {
                Record *last = last_record(r);
                if (last == NULL)
                    goto fail;
                last->n = -1;
                *n = Py_None;
            }
            else {
                int t = truth(*m);
                if (t < 0)
                    goto fail;
                if (t && !keep_m)
                    *m = Py_None;
            }
            if (excl && r->len > 0) {
                Record *last = &r->v[r->len - 1];
                last->p = clamp_unit(last->p * 1.25);
            }
            else if (excl) {
                *lone_excl = 1;
            }
            if (irony && records_push(r, 0.0, 1.0, 1.0) < 0)
                goto fail;
            if (emo != Py_None) {
                double e;
                if (as_double(emo, &e) < 0 || records_push(r, e, 1.0, 1.0) < 0)
                    goto fail;
            }
        }
    }
    Py_DECREF(seq);
    return 0;
fail:
    Py_DECREF(seq);
    return -1;
}

/* _Pattern.average: (polarity, subjectivity) as a new tuple */
static PyObject *
average(const Records *r)
{
    double sp = 0.0, ss = 0.0;
    Py_ssize_t k = 0;
    for (Py_ssize_t j = 0; j < r->len; j++) {
        sp += r->v[j].n < 0 ? r->v[j].p * -0.5 : r->v[j].p;
        ss += r->v[j].s;
        k++;
    }
    double d = (double)(k ? k : 1);
    return Py_BuildValue("(dd)", sp / d, ss / d);
}

static PyObject *
assess_average(PyObject *module, PyObject *items)
{
    Records r = {NULL, 0, 0};
    PyObject *m = Py_None, *n = Py_None;
    int lone_excl;
    PyObject *out = NULL;
    if (assess(items, &r, &m, &n, &lone_excl) == 0)
        out = average(&r);
    PyMem_Free(r.v);
    return out;
}

/* -- the sentences' pass ------------------------------------------------------------------ */

static PyObject *SPACE; /* " " */

/* the emoticon character pairs given last, and those of them that are ASCII as a table */
static PyObject *pairs_seen;
static unsigned char ascii_pairs[128][128];

static int
load_pairs(PyObject *pairs)
{
    if (pairs == pairs_seen)
        return 0;
    if (!PyFrozenSet_Check(pairs)) { /* immutable: its table is made once */
        PyErr_SetString(PyExc_TypeError, "pairs must be a frozenset");
        return -1;
    }
    memset(ascii_pairs, 0, sizeof ascii_pairs);
    PyObject *iter = PyObject_GetIter(pairs), *pair;
    if (iter == NULL)
        return -1;
    while ((pair = PyIter_Next(iter)) != NULL) {
        if (PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2) {
            PyObject *a = PyTuple_GET_ITEM(pair, 0), *b = PyTuple_GET_ITEM(pair, 1);
            if (PyUnicode_Check(a) && PyUnicode_Check(b) && PyUnicode_GET_LENGTH(a) == 1
                && PyUnicode_GET_LENGTH(b) == 1) {
                Py_UCS4 ca = PyUnicode_READ_CHAR(a, 0), cb = PyUnicode_READ_CHAR(b, 0);
                if (ca < 128 && cb < 128)
                    ascii_pairs[ca][cb] = 1;
            }
        }
        Py_DECREF(pair);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred())
        return -1;
    Py_INCREF(pairs);
    Py_XSETREF(pairs_seen, pairs);
    return 0;
}

/* (a, b) in pairs, for the last character of one chunk and the first of the next */
static int
is_pair(PyObject *pairs, PyObject *a, PyObject *b)
{
    if (PyUnicode_Check(a) && PyUnicode_Check(b) && PyUnicode_GET_LENGTH(a) == 1
        && PyUnicode_GET_LENGTH(b) == 1) {
        Py_UCS4 ca = PyUnicode_READ_CHAR(a, 0), cb = PyUnicode_READ_CHAR(b, 0);
        if (ca < 128 && cb < 128)
            return ascii_pairs[ca][cb];
    }
    PyObject *t = PyTuple_Pack(2, a, b);
    if (t == NULL)
        return -1;
    int found = PySet_Contains(pairs, t);
    Py_DECREF(t);
    return found;
}

/* " ".join(tokens[lo:hi]) */
static PyObject *
join_slice(PyObject *tokens, Py_ssize_t lo, Py_ssize_t hi)
{
    PyObject *part = PySequence_GetSlice(tokens, lo, hi);
    if (part == NULL)
        return NULL;
    PyObject *joined = PyUnicode_Join(SPACE, part);
    Py_DECREF(part);
    return joined;
}

/* Could the emoticon rule rewrite across the boundary of two sentences? (the last chunk entry
 * of one, the first of the next, whose edge characters are known to form a pair) */
static int
rewrites_across(PyObject *rewrites, PyObject *prev, PyObject *next)
{
    PyObject *before = PyTuple_GET_ITEM(prev, 1), *after = PyTuple_GET_ITEM(next, 1);
    Py_ssize_t nb = PyObject_Length(before), na = PyObject_Length(after);
    if (nb < 0 || na < 0)
        return -1;
    PyObject *tail = join_slice(before, nb > 6 ? nb - 6 : 0, nb);
    if (tail == NULL)
        return -1;
    PyObject *head = join_slice(after, 0, na < 6 ? na : 6);
    PyObject *spaced = head == NULL ? NULL : PyUnicode_Concat(tail, SPACE);
    PyObject *joined = spaced == NULL ? NULL : PyUnicode_Concat(spaced, head);
    PyObject *at = joined == NULL ? NULL : PyLong_FromSsize_t(PyUnicode_GET_LENGTH(tail) - 1);
    PyObject *res = at == NULL ? NULL : PyObject_CallFunctionObjArgs(rewrites, joined, at, NULL);
    Py_DECREF(tail);
    Py_XDECREF(head);
    Py_XDECREF(spaced);
    Py_XDECREF(joined);
    Py_XDECREF(at);
    if (res == NULL)
        return -1;
    int t = truth(res);
    Py_DECREF(res);
    return t;
}

/* a chunk's entry (items, tokens, first char, last char, needs check, active[, VADER's info]),
 * new reference */
static PyObject *
chunk_entry(PyObject *chunks, PyObject *make, PyObject *chunk)
{
    PyObject *e = PyDict_GetItemWithError(chunks, chunk);
    if (e != NULL)
        Py_INCREF(e);
    else if (PyErr_Occurred())
        return NULL;
    else
        e = PyObject_CallOneArg(make, chunk);
    if (e == NULL)
        return NULL;
    if (!PyTuple_Check(e) || PyTuple_GET_SIZE(e) < 6 || PyTuple_GET_SIZE(e) > 7
            || !PyTuple_Check(PyTuple_GET_ITEM(e, 0))) {
        Py_DECREF(e);
        PyErr_SetString(PyExc_TypeError, "a chunk entry must be a 6- or 7-tuple starting with "
                        "items");
        return NULL;
    }
    return e;
}

/* One sentence's items (new list), whether it is active, and whether the article needs the
 * library's tokenizer; *last_entry is the sentence's last chunk entry (kept for the next). With
 * a list vader_infos, each chunk's VADER info (an entry's seventh item, else None) is appended
 * to it. */
static PyObject *
sentence_items(PyObject *sentence, PyObject *chunks, PyObject *pairs, PyObject *eos,
               PyObject *make, PyObject *rewrites, PyObject *library_items, PyObject **last_entry,
               int *is_active, int *fallback, PyObject *vader_infos)
{
    PyObject *pieces = PyUnicode_Split(sentence, NULL, -1);
    if (pieces == NULL)
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(pieces), n_items = 0, k;
    PyObject *items = NULL, **entries = PyMem_Calloc(count ? (size_t)count : 1, sizeof(PyObject *));
    int check = 0, t;
    *is_active = 0;
    if (entries == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (k = 0; k < count; k++) {
        PyObject *e = chunk_entry(chunks, make, PyList_GET_ITEM(pieces, k));
        if (e == NULL)
            goto done;
        entries[k] = e;
        if (vader_infos != NULL && PyList_Append(vader_infos, PyTuple_GET_SIZE(e) == 7
                                                 ? PyTuple_GET_ITEM(e, 6) : Py_None) < 0)
            goto done;
        n_items += PyTuple_GET_SIZE(PyTuple_GET_ITEM(e, 0));
        if (!check && (t = truth(PyTuple_GET_ITEM(e, 4))) != 0) {
            if (t < 0)
                goto done;
            check = 1;
        }
        if (!*is_active && (t = truth(PyTuple_GET_ITEM(e, 5))) != 0) {
            if (t < 0)
                goto done;
            *is_active = 1;
        }
    }
    for (k = 0; !check && k + 1 < count; k++) {
        t = is_pair(pairs, PyTuple_GET_ITEM(entries[k], 3), PyTuple_GET_ITEM(entries[k + 1], 2));
        if (t < 0)
            goto done;
        check = t;
    }
    if (check) { /* the library's end-of-sentence marker, or an emoticon rewrite, possible */
        PyObject *tokens = PyList_New(0);
        if (tokens == NULL)
            goto done;
        for (k = 0; k < count; k++) {
            PyObject *more = PyTuple_GET_ITEM(entries[k], 1);
            if (PyList_SetSlice(tokens, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, more) < 0) {
                Py_DECREF(tokens);
                goto done;
            }
        }
        int rewrite = PySequence_Contains(tokens, eos);
        if (rewrite == 0) {
            PyObject *joined = PyUnicode_Join(SPACE, tokens);
            PyObject *res = joined == NULL ? NULL : PyObject_CallOneArg(rewrites, joined);
            Py_XDECREF(joined);
            rewrite = res == NULL ? -1 : truth(res);
            Py_XDECREF(res);
        }
        Py_DECREF(tokens);
        if (rewrite < 0)
            goto done;
        if (rewrite) {
            *fallback = 1;
            *is_active = 1;
            items = PyObject_CallOneArg(library_items, sentence);
            if (items != NULL && !PyList_Check(items)) {
                Py_SETREF(items, PySequence_List(items));
            }
            if (items == NULL)
                goto done;
        }
    }
    if (items == NULL) {
        items = PyList_New(n_items);
        if (items == NULL)
            goto done;
        Py_ssize_t j = 0;
        for (k = 0; k < count; k++) {
            PyObject *its = PyTuple_GET_ITEM(entries[k], 0);
            for (Py_ssize_t q = 0; q < PyTuple_GET_SIZE(its); q++) {
                PyObject *item = PyTuple_GET_ITEM(its, q);
                Py_INCREF(item);
                PyList_SET_ITEM(items, j++, item);
            }
        }
    }
    if (*last_entry != NULL && count > 0) {
        t = is_pair(pairs, PyTuple_GET_ITEM(*last_entry, 3), PyTuple_GET_ITEM(entries[0], 2));
        if (t > 0)
            t = rewrites_across(rewrites, *last_entry, entries[0]);
        if (t < 0) {
            Py_CLEAR(items);
            goto done;
        }
        if (t)
            *fallback = 1;
    }
    if (count > 0) {
        Py_INCREF(entries[count - 1]);
        Py_XSETREF(*last_entry, entries[count - 1]);
    }
done:
    if (entries != NULL) {
        for (k = 0; k < count; k++)
            Py_XDECREF(entries[k]);
        PyMem_Free(entries);
    }
    Py_DECREF(pieces);
    return items;
}

static PyObject *
values(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8 && nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "values(text, sentences, chunks, pairs, eos, chunk, "
                                         "rewrites, library_items[, vader_infos]) takes 8 or 9 "
                                         "arguments");
        return NULL;
    }
    PyObject *vader_infos = nargs == 9 && args[8] != Py_None ? args[8] : NULL;
    if (vader_infos != NULL && !PyList_CheckExact(vader_infos)) {
        PyErr_SetString(PyExc_TypeError, "vader_infos must be a list or None");
        return NULL;
    }
    PyObject *text = args[0], *chunks = args[2], *pairs = args[3], *eos = args[4];
    PyObject *make = args[5], *rewrites = args[6], *library_items = args[7];
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "text must be a str, not %.80s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (!PyDict_Check(chunks)) {
        PyErr_SetString(PyExc_TypeError, "chunks must be a dict");
        return NULL;
    }
    if (load_pairs(pairs) < 0)
        return NULL;
    PyObject *spans = PySequence_Fast(args[1], "sentences must be a sequence of (start, end)");
    if (spans == NULL)
        return NULL;
    Py_ssize_t n_sentences = PySequence_Fast_GET_SIZE(spans), length = PyUnicode_GET_LENGTH(text);
    PyObject *all_items = PyList_New(n_sentences), *all_values = PyList_New(n_sentences);
    PyObject *zero = Py_BuildValue("(dd)", 0.0, 0.0), *last_entry = NULL, *out = NULL;
    Records whole = {NULL, 0, 0}, own = {NULL, 0, 0};
    PyObject *m = Py_None, *n = Py_None; /* what the whole-text pass has pending (borrowed) */
    int fallback = 0, run_on = 0;
    if (all_items == NULL || all_values == NULL || zero == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < n_sentences; k++) {
        PyObject *span = PySequence_Fast_GET_ITEM(spans, k);
        Py_ssize_t start, end;
        if (!(PyTuple_Check(span) || PyList_Check(span)) || PySequence_Fast_GET_SIZE(span) != 2) {
            PyErr_SetString(PyExc_TypeError, "a sentence span must be a (start, end) pair");
            goto done;
        }
        start = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(span, 0));
        if (start == -1 && PyErr_Occurred())
            goto done;
        end = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(span, 1));
        if (end == -1 && PyErr_Occurred())
            goto done;
        if (start < 0 || start > length || end < 0) {
            PyErr_SetString(PyExc_ValueError, "a sentence span lies outside the text");
            goto done;
        }
        if (start && !Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, start - 1)))
            run_on = 1; /* "the year.They": one chunk across two sentences for the library */
        PyObject *sentence = PyUnicode_Substring(text, start, end < start ? start : end);
        if (sentence == NULL)
            goto done;
        int is_active;
        PyObject *items = sentence_items(sentence, chunks, pairs, eos, make, rewrites,
                                         library_items, &last_entry, &is_active, &fallback,
                                         vader_infos);
        Py_DECREF(sentence);
        if (items == NULL)
            goto done;
        PyList_SET_ITEM(all_items, k, items);
        if (!is_active && m == Py_None && n == Py_None) {
            Py_INCREF(zero);
            PyList_SET_ITEM(all_values, k, zero);
            continue;
        }
        PyObject *own_m = Py_None, *own_n = Py_None;
        int lone_excl;
        own.len = 0;
        if (assess(items, &own, &own_m, &own_n, &lone_excl) < 0)
            goto done;
        PyObject *v = average(&own);
        if (v == NULL)
            goto done;
        PyList_SET_ITEM(all_values, k, v);
        if (m == Py_None && n == Py_None && !(lone_excl && whole.len > 0)) {
            if (records_extend(&whole, &own) < 0)
                goto done;
            m = own_m;
            n = own_n;
        }
        else if (assess(items, &whole, &m, &n, &lone_excl) < 0) {
            goto done;
        }
    }
    PyObject *article;
    if (fallback || run_on) {
        /* assessed as a whole: the library's tokenizer over the whole text, or after a run-on
         * sentence end the text's own white-space chunks, as one span, with the same checks
         * (which may still send it to the library's tokenizer) */
        PyObject *its, *text_last = NULL;
        int text_active, text_fallback = 0;
        if (fallback)
            its = PyObject_CallOneArg(library_items, text);
        else
            its = sentence_items(text, chunks, pairs, eos, make, rewrites, library_items,
                                 &text_last, &text_active, &text_fallback, NULL);
        Py_XDECREF(text_last);
        if (its == NULL)
            goto done;
        article = assess_average(module, its);
        Py_DECREF(its);
    }
    else {
        article = average(&whole);
    }
    if (article == NULL)
        goto done;
    out = Py_BuildValue("(OONN)", PyTuple_GET_ITEM(article, 0), PyTuple_GET_ITEM(article, 1),
                        all_values, all_items);
    all_values = all_items = NULL; /* stolen by the "N"s, also on failure */
    Py_DECREF(article);
done:
    Py_XDECREF(all_items);
    Py_XDECREF(all_values);
    Py_XDECREF(zero);
    Py_XDECREF(last_entry);
    Py_DECREF(spans);
    PyMem_Free(whole.v);
    PyMem_Free(own.v);
    return out;
}

/* -- a chunk not yet cached: _Pattern._chunk, _chunk_tokens and _classify ---------------- */

/* A Chunker holds the _Pattern's caches and data (all Python objects, given once) and computes
 * the entry of a white-space chunk as _Pattern._chunk does, storing the same entries (and word
 * classes) in the same caches. It calls back into Python for the library's contraction regular
 * expressions (a chunk holding a straight apostrophe) and its abbreviation regular expressions
 * (a token ending in "." not in the abbreviation set), and for str.lower / str.isalpha of a
 * non-ASCII word. */
typedef struct {
    PyObject_HEAD
    PyObject *chunks, *flagged, *active, *classes;   /* the caches: dict, set, set, dict */
    PyObject *words, *modifier_words, *negations;    /* dict word -> [p, s, i]; set; tuple */
    PyObject *replace, *abbreviations, *abbr_match;  /* dict; set; tuple of regex .match */
    PyObject *contract;                              /* callable: str -> contractions split */
    PyObject *pairs, *eos, *emoticons, *punctuation; /* frozenset; str; dict; str */
    Py_ssize_t cache_max;
    unsigned char lead[128]; /* the library's punctuation without "." (ASCII only) */
    PyObject *vader_info;    /* NULL, None or a callable: chunk -> VADER's info of the chunk */
} Chunker;

static PyObject *K, *U, *EMPTY, *DOTS; /* "K" "U" "" "..." */
static PyObject *QUOTES[6], *QUOTES_SPACED[6];
static PyObject *S_LOWER, *S_ISALPHA;

static int
chunker_clear(Chunker *self)
{
    Py_CLEAR(self->chunks); Py_CLEAR(self->flagged); Py_CLEAR(self->active);
    Py_CLEAR(self->classes); Py_CLEAR(self->words); Py_CLEAR(self->modifier_words);
    Py_CLEAR(self->negations); Py_CLEAR(self->replace); Py_CLEAR(self->abbreviations);
    Py_CLEAR(self->abbr_match); Py_CLEAR(self->contract); Py_CLEAR(self->pairs);
    Py_CLEAR(self->eos); Py_CLEAR(self->emoticons); Py_CLEAR(self->punctuation);
    Py_CLEAR(self->vader_info);
    return 0;
}

/* a Chunker the collector cleared (only a finalizer could still call it) */
static int
cleared(Chunker *self)
{
    if (self->chunks != NULL)
        return 0;
    PyErr_SetString(PyExc_RuntimeError, "the Chunker was cleared");
    return 1;
}

static void
chunker_dealloc(Chunker *self)
{
    PyObject_GC_UnTrack(self);
    chunker_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
chunker_traverse(Chunker *self, visitproc visit, void *arg)
{
    Py_VISIT(self->chunks); Py_VISIT(self->flagged); Py_VISIT(self->active);
    Py_VISIT(self->classes); Py_VISIT(self->words); Py_VISIT(self->modifier_words);
    Py_VISIT(self->negations); Py_VISIT(self->replace); Py_VISIT(self->abbreviations);
    Py_VISIT(self->abbr_match); Py_VISIT(self->contract); Py_VISIT(self->pairs);
    Py_VISIT(self->eos); Py_VISIT(self->emoticons); Py_VISIT(self->punctuation);
    Py_VISIT(self->vader_info);
    return 0;
}

static PyObject *
chunker_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *chunks, *flagged, *active, *classes, *words, *modifier_words, *negations, *lead;
    PyObject *replace, *abbreviations, *abbr_match, *contract, *pairs, *eos, *emoticons;
    PyObject *punctuation;
    Py_ssize_t cache_max;
    if (kwds != NULL && PyDict_GET_SIZE(kwds) > 0) {
        PyErr_SetString(PyExc_TypeError, "Chunker takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!UO!O!O!OO!UO!Un:Chunker", &PyDict_Type, &chunks,
                          &PySet_Type, &flagged, &PySet_Type, &active, &PyDict_Type, &classes,
                          &PyDict_Type, &words, &PySet_Type, &modifier_words, &PyTuple_Type,
                          &negations, &lead, &PyDict_Type, &replace, &PySet_Type,
                          &abbreviations, &PyTuple_Type, &abbr_match, &contract,
                          &PyFrozenSet_Type, &pairs, &eos, &PyDict_Type, &emoticons,
                          &punctuation, &cache_max))
        return NULL;
    if (!PyUnicode_IS_ASCII(lead)) {
        PyErr_SetString(PyExc_ValueError, "the punctuation must be ASCII");
        return NULL;
    }
    if (load_pairs(pairs) < 0)
        return NULL;
    Chunker *self = (Chunker *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    memset(self->lead, 0, sizeof self->lead);
    const char *u = (const char *)PyUnicode_DATA(lead);
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(lead); k++)
        self->lead[(unsigned char)u[k]] = 1;
#define KEEP(field) Py_INCREF(field); self->field = field
    KEEP(chunks); KEEP(flagged); KEEP(active); KEEP(classes); KEEP(words); KEEP(modifier_words);
    KEEP(negations); KEEP(replace); KEEP(abbreviations); KEEP(abbr_match); KEEP(contract);
    KEEP(pairs); KEEP(eos); KEEP(emoticons); KEEP(punctuation);
#undef KEEP
    self->cache_max = cache_max;
    return (PyObject *)self;
}

/* w.isalpha() */
static int
is_alpha(PyObject *w)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(w);
    if (PyUnicode_IS_ASCII(w)) {
        const unsigned char *u = PyUnicode_DATA(w);
        if (len == 0)
            return 0;
        for (Py_ssize_t k = 0; k < len; k++)
            if (!((u[k] >= 'a' && u[k] <= 'z') || (u[k] >= 'A' && u[k] <= 'Z')))
                return 0;
        return 1;
    }
    return call_truth(w, S_ISALPHA);
}

static int
equals_ascii(PyObject *w, const char *s)
{
    return PyUnicode_IS_ASCII(w) && (size_t)PyUnicode_GET_LENGTH(w) == strlen(s)
           && memcmp(PyUnicode_DATA(w), s, strlen(s)) == 0;
}

/* _Pattern._classify(w): the word's class (new reference; None for an inert word) */
static PyObject *
chunker_class(Chunker *self, PyObject *w)
{
    PyObject *c = PyDict_GetItemWithError(self->classes, w);
    if (c != NULL) {
        Py_INCREF(c);
        return c;
    }
    if (PyErr_Occurred())
        return NULL;
    PyObject *psi = PyDict_GetItemWithError(self->words, w);
    if (psi != NULL) {
        PyObject *seq = PySequence_Fast(psi, "a lexicon entry must be (p, s, i)");
        if (seq == NULL)
            return NULL;
        if (PySequence_Fast_GET_SIZE(seq) != 3) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError, "a lexicon entry must be (p, s, i)");
            return NULL;
        }
        int is_mod = PySet_Contains(self->modifier_words, w);
        int is_neg = is_mod < 0 ? -1 : PySequence_Contains(self->negations, w);
        if (is_neg < 0) {
            Py_DECREF(seq);
            return NULL;
        }
        PyObject **psi_items = PySequence_Fast_ITEMS(seq);
        c = untracked(PyTuple_Pack(6, K, psi_items[0], psi_items[1], psi_items[2],
                                   is_mod ? Py_True : Py_False, is_neg ? Py_True : Py_False));
        Py_DECREF(seq);
        if (c == NULL)
            return NULL;
    }
    else if (PyErr_Occurred()) {
        return NULL;
    }
    else {
        PyObject *emo = Py_None;
        Py_ssize_t len = PyUnicode_GET_LENGTH(w);
        if (len <= 5) {
            int alpha = is_alpha(w);
            if (alpha < 0)
                return NULL;
            if (!alpha) {
                int in_punct = PyUnicode_Contains(self->punctuation, w);
                if (in_punct < 0)
                    return NULL;
                if (!in_punct) {
                    emo = PyDict_GetItemWithError(self->emoticons, w);
                    if (emo == NULL) {
                        if (PyErr_Occurred())
                            return NULL;
                        emo = Py_None;
                    }
                }
            }
        }
        int neg = PySequence_Contains(self->negations, w);
        if (neg < 0)
            return NULL;
        Py_ssize_t a = 0, b = len; /* len(w.strip("'")) */
        while (a < b && PyUnicode_READ_CHAR(w, a) == '\'')
            a++;
        while (b > a && PyUnicode_READ_CHAR(w, b - 1) == '\'')
            b--;
        int keep_n = b - a <= 1, keep_m = len <= 2;
        int excl = equals_ascii(w, "!"), irony = equals_ascii(w, "(!)");
        if (!neg && !keep_n && !keep_m && !excl && !irony && emo == Py_None) {
            c = Py_None;
            Py_INCREF(c);
        }
        else {
            c = untracked(PyTuple_Pack(7, U, neg ? Py_True : Py_False, keep_n ? Py_True : Py_False,
                                       keep_m ? Py_True : Py_False, excl ? Py_True : Py_False,
                                       irony ? Py_True : Py_False, emo));
            if (c == NULL)
                return NULL;
        }
    }
    if (PyDict_GET_SIZE(self->classes) < self->cache_max
            && PyDict_SetItem(self->classes, w, c) < 0) {
        Py_DECREF(c);
        return NULL;
    }
    return c;
}

/* t not in the replacements, and its first (last) character in the punctuation */
static int
at_edge(Chunker *self, PyObject *t, Py_ssize_t len, int last, int dot)
{
    if (len == 0)
        return 0;
    Py_UCS4 ch = PyUnicode_READ_CHAR(t, last ? len - 1 : 0);
    return ch < 128 && (self->lead[ch] || (dot && ch == '.'));
}

/* Is t (ending in ".") an abbreviation: in the set, or matched by one of the expressions? */
static int
is_abbreviation(Chunker *self, PyObject *t)
{
    int found = PySet_Contains(self->abbreviations, t);
    for (Py_ssize_t k = 0; found == 0 && k < PyTuple_GET_SIZE(self->abbr_match); k++) {
        PyObject *m = PyObject_CallOneArg(PyTuple_GET_ITEM(self->abbr_match, k), t);
        if (m == NULL)
            return -1;
        found = m != Py_None;
        Py_DECREF(m);
    }
    return found;
}

static int
append_new(PyObject *list, PyObject *item)
{
    if (item == NULL)
        return -1;
    int r = PyList_Append(list, item);
    Py_DECREF(item);
    return r;
}

/* the punctuation splits of one token (steals t), appended to tokens */
static int
split_token(Chunker *self, PyObject *tokens, PyObject *t)
{
    PyObject *tail = PyList_New(0);
    int r = -1, stop;
    if (tail == NULL)
        goto done;
    for (;;) { /* while t.startswith(punct) and t not in replace */
        Py_ssize_t len = PyUnicode_GET_LENGTH(t);
        if (!at_edge(self, t, len, 0, 0))
            break;
        if ((stop = PyDict_Contains(self->replace, t)) != 0) {
            if (stop < 0)
                goto done;
            break;
        }
        if (append_new(tokens, PyUnicode_Substring(t, 0, 1)) < 0)
            goto done;
        Py_SETREF(t, PyUnicode_Substring(t, 1, len));
        if (t == NULL)
            goto done;
    }
    for (;;) { /* while t.endswith(trail) and t not in replace */
        Py_ssize_t len = PyUnicode_GET_LENGTH(t);
        if (!at_edge(self, t, len, 1, 1))
            break;
        if ((stop = PyDict_Contains(self->replace, t)) != 0) {
            if (stop < 0)
                goto done;
            break;
        }
        if (at_edge(self, t, len, 1, 0)) {
            if (append_new(tail, PyUnicode_Substring(t, len - 1, len)) < 0)
                goto done;
            Py_SETREF(t, PyUnicode_Substring(t, 0, --len));
            if (t == NULL)
                goto done;
        }
        if (len >= 3 && PyUnicode_READ_CHAR(t, len - 1) == '.'
                && PyUnicode_READ_CHAR(t, len - 2) == '.'
                && PyUnicode_READ_CHAR(t, len - 3) == '.') {
            if (PyList_Append(tail, DOTS) < 0)
                goto done;
            len -= 3;
            while (len > 0 && PyUnicode_READ_CHAR(t, len - 1) == '.')
                len--;
            Py_SETREF(t, PyUnicode_Substring(t, 0, len));
            if (t == NULL)
                goto done;
        }
        if (len > 0 && PyUnicode_READ_CHAR(t, len - 1) == '.') {
            int abbr = is_abbreviation(self, t);
            if (abbr < 0)
                goto done;
            if (abbr)
                break;
            if (append_new(tail, PyUnicode_Substring(t, len - 1, len)) < 0)
                goto done;
            Py_SETREF(t, PyUnicode_Substring(t, 0, len - 1));
            if (t == NULL)
                goto done;
        }
    }
    if (PyUnicode_GET_LENGTH(t) > 0 && PyList_Append(tokens, t) < 0)
        goto done;
    for (Py_ssize_t k = PyList_GET_SIZE(tail) - 1; k >= 0; k--)
        if (PyList_Append(tokens, PyList_GET_ITEM(tail, k)) < 0)
            goto done;
    r = 0;
done:
    Py_XDECREF(t);
    Py_XDECREF(tail);
    return r;
}

/* _Pattern._chunk_tokens(chunk): a new list */
static PyObject *
chunk_tokens(Chunker *self, PyObject *chunk)
{
    PyObject *s, *pieces, *tokens;
    Py_INCREF(chunk);
    s = chunk;
    if (PyUnicode_FindChar(s, '\'', 0, PyUnicode_GET_LENGTH(s), 1) >= 0) {
        Py_SETREF(s, PyObject_CallOneArg(self->contract, s));
        if (s == NULL)
            return NULL;
        if (!PyUnicode_Check(s)) {
            Py_DECREF(s);
            PyErr_SetString(PyExc_TypeError, "contract must return a str");
            return NULL;
        }
    }
    for (int q = 0; q < 6; q++) {
        if (PyUnicode_FindChar(s, PyUnicode_READ_CHAR(QUOTES[q], 0), 0, PyUnicode_GET_LENGTH(s),
                               1) < 0)
            continue; /* str.replace would change nothing */
        Py_SETREF(s, PyUnicode_Replace(s, QUOTES[q], QUOTES_SPACED[q], -1));
        if (s == NULL)
            return NULL;
    }
    pieces = PyUnicode_Split(s, NULL, -1);
    Py_DECREF(s);
    if (pieces == NULL)
        return NULL;
    tokens = PyList_New(0);
    for (Py_ssize_t k = 0; tokens != NULL && k < PyList_GET_SIZE(pieces); k++) {
        PyObject *t = PyList_GET_ITEM(pieces, k);
        Py_INCREF(t);
        if (split_token(self, tokens, t) < 0)
            Py_CLEAR(tokens);
    }
    Py_DECREF(pieces);
    return tokens;
}

/* Is an item of class c active (see _Pattern._chunk)? */
static int
class_active(PyObject *c)
{
    if (c == Py_None || !PyTuple_Check(c))
        return 0;
    if (PyTuple_GET_SIZE(c) == 6)
        return 1;
    if (PyTuple_GET_SIZE(c) != 7) {
        PyErr_SetString(PyExc_TypeError, "a word class must be None or a 6- or 7-tuple");
        return -1;
    }
    int t;
    for (int j = 1; j <= 5; j += (j == 1 ? 3 : 1)) /* negation, "!", "(!)" */
        if ((t = truth(PyTuple_GET_ITEM(c, j))) != 0)
            return t;
    return PyTuple_GET_ITEM(c, 6) != Py_None;
}

static PyObject *
first_or_last_char(PyObject *tokens, int last)
{
    Py_ssize_t n = PyList_GET_SIZE(tokens);
    if (n == 0) {
        Py_INCREF(EMPTY);
        return EMPTY;
    }
    PyObject *t = PyList_GET_ITEM(tokens, last ? n - 1 : 0);
    Py_ssize_t len = PyUnicode_GET_LENGTH(t);
    return last ? PyUnicode_Substring(t, len - 1, len) : PyUnicode_Substring(t, 0, 1);
}

/* _Pattern._chunk(chunk): the chunk's cached entry, or a new one (cached while there is room) */
static PyObject *
chunker_call(Chunker *self, PyObject *args, PyObject *kwds)
{
    PyObject *chunk;
    if (kwds != NULL && PyDict_GET_SIZE(kwds) > 0) {
        PyErr_SetString(PyExc_TypeError, "a Chunker takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "U:Chunker", &chunk) || cleared(self))
        return NULL;
    PyObject *e = PyDict_GetItemWithError(self->chunks, chunk);
    if (e != NULL) {
        Py_INCREF(e);
        return e;
    }
    if (PyErr_Occurred() || load_pairs(self->pairs) < 0)
        return NULL;
    PyObject *tokens = chunk_tokens(self, chunk), *items = NULL, *entry = NULL;
    PyObject *first = NULL, *last = NULL, *items_t = NULL, *tokens_t = NULL;
    if (tokens == NULL)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(tokens), k;
    int check = 0, active = 0, t;
    for (k = 0; k < n && !check; k++) {
        t = PyUnicode_Compare(PyList_GET_ITEM(tokens, k), self->eos);
        if (t == -1 && PyErr_Occurred())
            goto done;
        check = t == 0;
    }
    for (k = 0; k + 1 < n && !check; k++) {
        PyObject *a = PyList_GET_ITEM(tokens, k), *b = PyList_GET_ITEM(tokens, k + 1);
        Py_UCS4 ca = PyUnicode_READ_CHAR(a, PyUnicode_GET_LENGTH(a) - 1);
        Py_UCS4 cb = PyUnicode_READ_CHAR(b, 0);
        if (ca < 128 && cb < 128) {
            check = ascii_pairs[ca][cb];
            continue;
        }
        PyObject *x = PyUnicode_FromOrdinal((int)ca);
        PyObject *y = x ? PyUnicode_FromOrdinal((int)cb) : NULL;
        t = y == NULL ? -1 : is_pair(self->pairs, x, y);
        Py_XDECREF(x);
        Py_XDECREF(y);
        if (t < 0)
            goto done;
        check = t;
    }
    items = PyList_New(0);
    if (items == NULL)
        goto done;
    for (k = 0; k < n; k++) {
        PyObject *w = lower_of(PyList_GET_ITEM(tokens, k), S_LOWER);
        if (w == NULL)
            goto done;
        PyObject *c = chunker_class(self, w);
        if (c == NULL) {
            Py_DECREF(w);
            goto done;
        }
        Py_ssize_t m = PyList_GET_SIZE(items);
        if (c == Py_None) {
            if (m > 0 && PyTuple_GET_ITEM(PyList_GET_ITEM(items, m - 1), 0) == Py_None) {
                Py_DECREF(c);
                Py_DECREF(w);
                continue;
            }
        }
        else if (!active && (t = class_active(c)) != 0) {
            if (t < 0) {
                Py_DECREF(c);
                Py_DECREF(w);
                goto done;
            }
            active = 1;
        }
        PyObject *item = untracked(PyTuple_Pack(2, c, w));
        Py_DECREF(c);
        Py_DECREF(w);
        if (append_new(items, item) < 0)
            goto done;
    }
    if ((items_t = untracked(PyList_AsTuple(items))) == NULL
            || (tokens_t = untracked(PyList_AsTuple(tokens))) == NULL
            || (first = first_or_last_char(tokens, 0)) == NULL
            || (last = first_or_last_char(tokens, 1)) == NULL)
        goto done;
    if (self->vader_info != NULL && self->vader_info != Py_None) {
        PyObject *vader = PyObject_CallOneArg(self->vader_info, chunk);
        if (vader == NULL)
            goto done;
        entry = untracked(PyTuple_Pack(7, items_t, tokens_t, first, last,
                                       check ? Py_True : Py_False, active ? Py_True : Py_False,
                                       vader));
        Py_DECREF(vader);
    }
    else
        entry = untracked(PyTuple_Pack(6, items_t, tokens_t, first, last,
                                       check ? Py_True : Py_False, active ? Py_True : Py_False));
    if (entry == NULL)
        goto done;
    if (PyDict_GET_SIZE(self->chunks) < self->cache_max) {
        if (PyDict_SetItem(self->chunks, chunk, entry) < 0
                || (check && PySet_Add(self->flagged, chunk) < 0)
                || (active && PySet_Add(self->active, chunk) < 0))
            Py_CLEAR(entry);
    }
done:
    Py_DECREF(tokens);
    Py_XDECREF(items);
    Py_XDECREF(items_t);
    Py_XDECREF(tokens_t);
    Py_XDECREF(first);
    Py_XDECREF(last);
    return entry;
}

static PyObject *
chunker_tokens(Chunker *self, PyObject *chunk)
{
    if (cleared(self))
        return NULL;
    if (!PyUnicode_Check(chunk)) {
        PyErr_SetString(PyExc_TypeError, "a chunk must be a str");
        return NULL;
    }
    return chunk_tokens(self, chunk);
}

static PyObject *
chunker_classify(Chunker *self, PyObject *w)
{
    if (cleared(self))
        return NULL;
    if (!PyUnicode_Check(w)) {
        PyErr_SetString(PyExc_TypeError, "a word must be a str");
        return NULL;
    }
    return chunker_class(self, w);
}

/* [(classify(w.lower()), w.lower()) for w in words]: the items of _Pattern.library_items */
static PyObject *
chunker_items(Chunker *self, PyObject *words)
{
    if (cleared(self))
        return NULL;
    PyObject *seq = PySequence_Fast(words, "words must be a sequence of str");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *items = PyList_New(n);
    for (Py_ssize_t k = 0; items != NULL && k < n; k++) {
        PyObject *t = PySequence_Fast_GET_ITEM(seq, k), *w, *c, *item = NULL;
        if (!PyUnicode_Check(t)) {
            PyErr_SetString(PyExc_TypeError, "a word must be a str");
        }
        else if ((w = lower_of(t, S_LOWER)) != NULL) {
            if ((c = chunker_class(self, w)) != NULL) {
                item = PyTuple_Pack(2, c, w);
                Py_DECREF(c);
            }
            Py_DECREF(w);
        }
        if (item == NULL)
            Py_CLEAR(items);
        else
            PyList_SET_ITEM(items, k, item);
    }
    Py_DECREF(seq);
    return items;
}

static PyMethodDef chunker_methods[] = {
    {"items", (PyCFunction)chunker_items, METH_O,
     "items(words) -> list: [(classify(w.lower()), w.lower()) for w in words], the items\n"
     "_Pattern.library_items makes of the library's tokens."},
    {"tokens", (PyCFunction)chunker_tokens, METH_O,
     "tokens(chunk) -> list: _Pattern._chunk_tokens(chunk)."},
    {"classify", (PyCFunction)chunker_classify, METH_O,
     "classify(word) -> class: _Pattern._classify(word), cached in the same dict."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef chunker_members[] = {
    {"vader_info", T_OBJECT, offsetof(Chunker, vader_info), 0,
     "None, or a callable giving VADER's info of a chunk (framing._vader_c.info): a new entry\n"
     "then holds it as its seventh item, for framing._vader_c to read instead of looking the\n"
     "chunk up again (the values' vader_infos)."},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject ChunkerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "framing._textblob_c.Chunker",
    .tp_basicsize = sizeof(Chunker),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Chunker(chunks, flagged, active, classes, words, modifier_words, negations,\n"
              "        punctuation_lead, replace, abbreviations, abbreviation_matches, contract,\n"
              "        pairs, eos, emoticons, punctuation, cache_max)\n"
              "A callable: chunker(chunk) is _Pattern._chunk(chunk) of framing.sentiment, over\n"
              "the caches and data given (those of a _Pattern).",
    .tp_new = chunker_new,
    .tp_dealloc = (destructor)chunker_dealloc,
    .tp_traverse = (traverseproc)chunker_traverse,
    .tp_clear = (inquiry)chunker_clear,
    .tp_call = (ternaryfunc)chunker_call,
    .tp_methods = chunker_methods,
    .tp_members = chunker_members,
};

static PyMethodDef methods[] = {
    {"assess_average", (PyCFunction)assess_average, METH_O,
     "assess_average(items) -> (polarity, subjectivity):\n"
     "_Pattern.average(_Pattern.assess(items)) of framing.sentiment."},
    {"values", (PyCFunction)(void (*)(void))values, METH_FASTCALL,
     "values(text, sentences, chunks, pairs, eos, chunk, rewrites, library_items[, vader_infos])\n"
     "-> (polarity, subjectivity, sentence values, sentence items): framing.sentiment's\n"
     "_textblob_values over a text and its sentence spans, given a _Pattern's chunk cache, its\n"
     "emoticon pairs (a frozenset), end-of-sentence marker and its _chunk, rewrites and\n"
     "library_items methods. With a list vader_infos, the VADER info each sentence's white-space\n"
     "chunks have on their entries (see Chunker.vader_info; None where not) is appended to it,\n"
     "sentence after sentence."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "framing._textblob_c",
    "TextBlob-identical sentiment values, compiled (see framing.sentiment._textblob_values).", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__textblob_c(void)
{
    static const char *quotes[6] = {"\u201c", "\u201d", "\u2018", "\u2019", "'", "\""};
    LY = PyUnicode_InternFromString("ly");
    SPACE = PyUnicode_InternFromString(" ");
    K = PyUnicode_InternFromString("K");
    U = PyUnicode_InternFromString("U");
    EMPTY = PyUnicode_FromString("");
    DOTS = PyUnicode_InternFromString("...");
    S_LOWER = PyUnicode_InternFromString("lower");
    S_ISALPHA = PyUnicode_InternFromString("isalpha");
    if (LY == NULL || SPACE == NULL || K == NULL || U == NULL || EMPTY == NULL || DOTS == NULL
            || S_LOWER == NULL || S_ISALPHA == NULL)
        return NULL;
    for (int q = 0; q < 6; q++) {
        QUOTES[q] = PyUnicode_FromString(quotes[q]);
        QUOTES_SPACED[q] = PyUnicode_FromFormat(" %s ", quotes[q]);
        if (QUOTES[q] == NULL || QUOTES_SPACED[q] == NULL)
            return NULL;
    }
    if (PyType_Ready(&ChunkerType) < 0)
        return NULL;
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL)
        return NULL;
    Py_INCREF(&ChunkerType);
    if (PyModule_AddObject(module, "Chunker", (PyObject *)&ChunkerType) < 0) {
        Py_DECREF(&ChunkerType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
