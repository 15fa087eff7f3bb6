/* The news-tone model's sentence total in C: framing.sentiment._ToneModel.total without
 * collecting contributions, the same operations in the same order as the Python method (so the
 * same float for every sentence).
 *
 * One ToneTotal object per tone model (a user can load their own model file): it keeps
 * references to the model's per-token cache (normalized token -> the 7-tuple of
 * _ToneModel._token), the model's _token (called for a token not in the cache) or, where the
 * model's cues, weights, bigram index and punctuation are given, the same computation in C
 * (storing the same tuple in the same cache), its dense weights, and the configuration read when
 * it is made. No word, weight or cue is held here. The model decides when this object
 * may serve (see _ToneModel.__init__): not with contrast_before != 1 or a length norm.
 *
 * A weight or input that is not a Python float (an int in a hand-written model file, anything
 * else) is combined as Python would combine it (PyNumber_Multiply / PyNumber_InPlaceAdd), so
 * such a model gets the pure-Python result too.
 *
 * ToneTotal.sentences is the sentence loop of framing.sentiment._score_seg_values for a whole
 * article in one call: VADER's values through framing._vader_c's C interface (the capsule
 * framing._vader_c._C_API), the tone total with the dense inputs read without a dict, the
 * SentenceSentiment tuples and the sums of the article's means; Python is called back for the
 * few sentences whose dense inputs need the identity terms masked, or that are run-ons.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "common.h"

/* Each product must be rounded before it is added, as Python rounds it: no fused
 * multiply-add (which GCC would otherwise form where the target has one, e.g. on arm64). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* The running total: a C double while every term is a float, else the Python object Python's
 * own arithmetic gives (until it is a float again). */
typedef struct {
    double d;
    PyObject *obj;  /* NULL: the total is d */
} Total;

/* total += wt * v (wt, v Python objects; Python's `if wt:` / `if v:` is the caller's). */
static int
add_object_product(Total *t, PyObject *wt, PyObject *v)
{
    PyObject *prod, *sum;
    if (t->obj == NULL && (t->obj = PyFloat_FromDouble(t->d)) == NULL)
        return -1;
    if ((prod = PyNumber_Multiply(wt, v)) == NULL)
        return -1;
    sum = PyNumber_InPlaceAdd(t->obj, prod);
    Py_DECREF(prod);
    if (sum == NULL)
        return -1;
    Py_SETREF(t->obj, sum);
    if (PyFloat_CheckExact(sum)) {  /* a float again: go on in C */
        t->d = PyFloat_AS_DOUBLE(sum);
        Py_CLEAR(t->obj);
    }
    return 0;
}

/* Python: `if wt: total += wt * value` for a weight object and a float value. */
static int
add_weighted(Total *t, PyObject *wt, double value)
{
    int truth;
    PyObject *v;
    if (t->obj == NULL && PyFloat_CheckExact(wt)) {
        double w = PyFloat_AS_DOUBLE(wt);
        if (w != 0.0)  /* NaN is true, as in Python */
            t->d += w * value;
        return 0;
    }
    if (wt == Py_None)
        return 0;
    if ((truth = PyObject_IsTrue(wt)) <= 0)
        return truth;
    if (t->obj == NULL && PyLong_CheckExact(wt)) {
        /* int * float: Python converts the int as PyLong_AsDouble does (OverflowError alike) */
        double w = PyLong_AsDouble(wt);
        if (w == -1.0 && PyErr_Occurred())
            return -1;
        t->d += w * value;
        return 0;
    }
    if ((v = PyFloat_FromDouble(value)) == NULL)
        return -1;
    truth = add_object_product(t, wt, v);
    Py_DECREF(v);
    return truth;
}

typedef struct {
    PyObject_HEAD
    PyObject *tokens;   /* dict: normalized token -> (is a word, breaks negation scope, cue kind,
                           feature token, unigram weight, negated-unigram weight, bigrams) */
    PyObject *token;    /* callable giving that tuple for a token not in `tokens` */
    PyObject *dense;    /* dict: dense input name -> weight */
    /* the model's facts for a token not in `tokens` (all NULL: `token` is called instead) */
    PyObject *cues;          /* dict: cue word -> kind */
    PyObject *weights;       /* dict: feature name -> weight */
    PyObject *bigram_index;  /* dict: first word -> {second word: bigram weight} */
    PyObject *punct_break;   /* frozenset: the punctuation that ends a negation scope */
    Py_ssize_t cache_max;    /* `tokens` keeps no more entries than this */
    int bigrams;
    Py_ssize_t window;
    double contrast_after, intensifier, diminisher;
} ToneTotal;

static PyObject *s_contrast, *s_negator, *s_intensifier, *s_diminisher, *s_get, *s_num, *s_not_;
static PyObject *s_vader, *s_textblob;
static PyObject *f_zero, *f_one, *f_minus_one;

enum { KIND_NONE, KIND_OTHER, KIND_CONTRAST, KIND_NEGATOR, KIND_INTENSIFIER, KIND_DIMINISHER };

static int
kind_of(PyObject *kind)
{
    PyObject *names[4] = {s_contrast, s_negator, s_intensifier, s_diminisher};
    int i, eq;
    if (kind == Py_None)
        return KIND_NONE;
    for (i = 0; i < 4; i++) {
        if ((eq = PyObject_RichCompareBool(kind, names[i], Py_EQ)) < 0)
            return -1;
        if (eq)
            return KIND_CONTRAST + i;
    }
    return KIND_OTHER;
}

/* mapping.get(key) (None when absent) as a new reference, NULL on error. */
static PyObject *
get_or_none(PyObject *mapping, PyObject *key)
{
    if (PyDict_CheckExact(mapping)) {
        PyObject *v = PyDict_GetItemWithError(mapping, key);
        if (v == NULL && PyErr_Occurred())
            return NULL;
        v = v ? v : Py_None;
        Py_INCREF(v);
        return v;
    }
    return PyObject_CallMethodOneArg(mapping, s_get, key);
}

static PyObject *
ToneTotal_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"tokens", "token", "dense", "bigrams", "negation_window",
                             "contrast_after", "intensifier", "diminisher", "cues", "weights",
                             "bigram_index", "punct_break", "cache_max", NULL};
    PyObject *tokens, *token, *dense, *window;
    PyObject *cues = NULL, *weights = NULL, *bigram_index = NULL, *punct_break = NULL;
    Py_ssize_t cache_max = 0;
    int bigrams, overflow;
    double contrast_after, intensifier, diminisher;
    long long w;
    ToneTotal *self;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!OO!pO!ddd|$O!O!O!O!n:ToneTotal", kwlist,
                                     &PyDict_Type, &tokens, &token, &PyDict_Type, &dense,
                                     &bigrams, &PyLong_Type, &window, &contrast_after,
                                     &intensifier, &diminisher, &PyDict_Type, &cues,
                                     &PyDict_Type, &weights, &PyDict_Type, &bigram_index,
                                     &PyFrozenSet_Type, &punct_break, &cache_max))
        return NULL;
    if ((cues == NULL) != (weights == NULL) || (cues == NULL) != (bigram_index == NULL)
            || (cues == NULL) != (punct_break == NULL)) {
        PyErr_SetString(PyExc_TypeError,
                        "cues, weights, bigram_index and punct_break go together");
        return NULL;
    }
    if (!PyCallable_Check(token)) {
        PyErr_SetString(PyExc_TypeError, "token must be callable");
        return NULL;
    }
    /* a window longer than any sentence counts down as one of PY_SSIZE_T_MAX; one below 1
       never opens a scope */
    w = PyLong_AsLongLongAndOverflow(window, &overflow);
    if (w == -1 && PyErr_Occurred())
        return NULL;
    self = (ToneTotal *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->tokens = Py_NewRef(tokens);
    self->token = Py_NewRef(token);
    self->dense = Py_NewRef(dense);
    self->cues = Py_XNewRef(cues);
    self->weights = Py_XNewRef(weights);
    self->bigram_index = Py_XNewRef(bigram_index);
    self->punct_break = Py_XNewRef(punct_break);
    self->cache_max = cache_max;
    self->bigrams = bigrams;
    self->window = overflow > 0 || w > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX
                   : overflow < 0 || w < 0 ? 0 : (Py_ssize_t)w;
    self->contrast_after = contrast_after;
    self->intensifier = intensifier;
    self->diminisher = diminisher;
    return (PyObject *)self;
}

static int
ToneTotal_traverse(ToneTotal *self, visitproc visit, void *arg)
{
    Py_VISIT(self->tokens);
    Py_VISIT(self->token);
    Py_VISIT(self->dense);
    Py_VISIT(self->cues);
    Py_VISIT(self->weights);
    Py_VISIT(self->bigram_index);
    Py_VISIT(self->punct_break);
    return 0;
}

static int
ToneTotal_clear(ToneTotal *self)
{
    Py_CLEAR(self->tokens);
    Py_CLEAR(self->token);
    Py_CLEAR(self->dense);
    Py_CLEAR(self->cues);
    Py_CLEAR(self->weights);
    Py_CLEAR(self->bigram_index);
    Py_CLEAR(self->punct_break);
    return 0;
}

static void
ToneTotal_dealloc(ToneTotal *self)
{
    PyObject_GC_UnTrack(self);
    ToneTotal_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The dense part and the clipping of _ToneModel.total, over the running total t; the dense
 * inputs are the mapping `dense`, or where it is NULL the dict {"vader": pair[0],
 * "textblob": pair[1]} (which the article loop does not make). */
static PyObject *
finish(ToneTotal *self, Total *t, PyObject *dense, PyObject *const *pair)
{
    Py_ssize_t pos = 0;
    PyObject *name, *wt, *v, *out;
    int truth, gt, lt = 0;

    while (PyDict_Next(self->dense, &pos, &name, &wt)) {
        Py_INCREF(name);
        Py_INCREF(wt);
        if (dense == NULL) {  /* the dict's lookup, for a str key: equal to a key or absent */
            int is_vader = 0, is_textblob = 0;
            if (!PyUnicode_Check(name)) {
                PyErr_SetString(PyExc_TypeError, "a dense input's name is not a str");
                goto error;
            }
            is_vader = PyUnicode_Compare(name, s_vader) == 0;
            if (!is_vader)
                is_textblob = PyUnicode_Compare(name, s_textblob) == 0;
            if (PyErr_Occurred())
                goto error;
            v = Py_XNewRef(is_vader ? pair[0] : is_textblob ? pair[1] : NULL);
        }
        else if (PyDict_CheckExact(dense)) {
            v = PyDict_GetItemWithError(dense, name);
            if (v == NULL && PyErr_Occurred())
                goto error;
            Py_XINCREF(v);  /* absent: 0.0, false */
        }
        else if ((v = PyObject_CallMethodObjArgs(dense, s_get, name, f_zero, NULL)) == NULL)
            goto error;
        if (v != NULL) {
            if (t->obj == NULL && PyFloat_CheckExact(v) && PyFloat_CheckExact(wt)) {
                if (PyFloat_AS_DOUBLE(v) != 0.0)
                    t->d += PyFloat_AS_DOUBLE(wt) * PyFloat_AS_DOUBLE(v);
                truth = 0;
            }
            else if ((truth = PyObject_IsTrue(v)) > 0)
                truth = add_object_product(t, wt, v);
            Py_DECREF(v);
            if (truth < 0)
                goto error;
        }
        Py_DECREF(name);
        Py_DECREF(wt);
    }
    if (t->obj == NULL) {
        if (t->d > 1.0)
            t->d = 1.0;
        else if (t->d < -1.0)
            t->d = -1.0;
        return PyFloat_FromDouble(t->d);
    }
    out = t->obj;  /* Python's comparisons on the object Python's arithmetic gave */
    t->obj = NULL;
    if ((gt = PyObject_RichCompareBool(out, f_one, Py_GT)) > 0)
        Py_SETREF(out, Py_NewRef(f_one));
    else if (gt == 0 && (lt = PyObject_RichCompareBool(out, f_minus_one, Py_LT)) > 0)
        Py_SETREF(out, Py_NewRef(f_minus_one));
    if (gt < 0 || (gt == 0 && lt < 0))
        Py_CLEAR(out);
    return out;

error:
    Py_DECREF(name);
    Py_DECREF(wt);
    return NULL;
}

/* norm[j] as a new reference (a list or tuple read directly, anything else subscripted). */
static PyObject *
token_at(PyObject *norm, Py_ssize_t j)
{
    if (PyList_CheckExact(norm) || PyTuple_CheckExact(norm)) {
        int is_list = PyList_CheckExact(norm);
        Py_ssize_t n = Py_SIZE(norm), i = j < 0 ? j + n : j;
        if (i < 0 || i >= n) {
            PyErr_SetString(PyExc_IndexError, is_list ? "list index out of range"
                                                      : "tuple index out of range");
            return NULL;
        }
        return Py_NewRef(is_list ? PyList_GET_ITEM(norm, i) : PyTuple_GET_ITEM(norm, i));
    }
    else {
        PyObject *index = PyLong_FromSsize_t(j), *w;
        if (index == NULL)
            return NULL;
        w = PyObject_GetItem(norm, index);
        Py_DECREF(index);
        return w;
    }
}

/* _ToneModel._token(w) in C: the 7-tuple of a token not in the cache, stored in the cache
 * while it has room; a new reference. */
static PyObject *
make_token(ToneTotal *self, PyObject *w)
{
    PyObject *info = NULL;
    if (!PyUnicode_Check(w))  /* whatever Python makes of it (an error, mostly) */
        return PyObject_CallOneArg(self->token, w);
    Py_ssize_t len = PyUnicode_GET_LENGTH(w);
    if (len == 0) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return NULL;
    }
    Py_UCS4 c0 = PyUnicode_READ_CHAR(w, 0);
    if (!(Py_UNICODE_ISALNUM(c0) || (len > 1 && Py_UNICODE_ISALNUM(PyUnicode_READ_CHAR(w, 1))))) {
        int breaks = PySet_Contains(self->punct_break, w);
        if (breaks < 0)
            return NULL;
        info = untracked(PyTuple_Pack(7, Py_False, breaks ? Py_True : Py_False, Py_None, Py_None,
                                      Py_None, Py_None, Py_None));
    }
    else {
        PyObject *tok = Py_UNICODE_ISDIGIT(c0) ? Py_NewRef(s_num) : Py_NewRef(w);
        PyObject *not_tok = PyUnicode_Concat(s_not_, tok), *kind = NULL, *uni = NULL;
        PyObject *neg = NULL, *nexts = NULL;
        if (not_tok != NULL && (kind = get_or_none(self->cues, w)) != NULL
                && (uni = get_or_none(self->weights, tok)) != NULL
                && (neg = get_or_none(self->weights, not_tok)) != NULL
                && (nexts = get_or_none(self->bigram_index, tok)) != NULL)
            info = untracked(PyTuple_Pack(7, Py_True, Py_False, kind, tok, uni, neg, nexts));
        Py_DECREF(tok);
        Py_XDECREF(not_tok);
        Py_XDECREF(kind);
        Py_XDECREF(uni);
        Py_XDECREF(neg);
        Py_XDECREF(nexts);
    }
    if (info != NULL && PyDict_GET_SIZE(self->tokens) < self->cache_max
            && PyDict_SetItem(self->tokens, w, info) < 0)
        Py_CLEAR(info);
    return info;
}

PyDoc_STRVAR(ToneTotal_token_doc,
"token(w)\n--\n\n"
"The 7-tuple of framing.sentiment._ToneModel._token(w), computed in C where this object was\n"
"given the model's cues, weights, bigram index and punctuation (else by the model's _token),\n"
"and stored in the token cache while it has room.");

static PyObject *
token_miss(ToneTotal *self, PyObject *w)
{
    if (self->tokens == NULL) {  /* cleared by the collector */
        PyErr_SetString(PyExc_RuntimeError, "the ToneTotal was cleared");
        return NULL;
    }
    if (self->cues == NULL)
        return PyObject_CallOneArg(self->token, w);
    return make_token(self, w);
}

/* The 7-tuple of one token, as a new reference, from the model's cache or its _token. */
static PyObject *
token_info(ToneTotal *self, PyObject *w)
{
    PyObject *info = PyDict_GetItemWithError(self->tokens, w), *tuple;
    if (info != NULL)
        Py_INCREF(info);
    else if (PyErr_Occurred() || (info = token_miss(self, w)) == NULL)
        return NULL;
    if (PyTuple_CheckExact(info) && PyTuple_GET_SIZE(info) == 7)
        return info;
    tuple = PySequence_Tuple(info);  /* unpacked as Python unpacks it */
    Py_DECREF(info);
    if (tuple != NULL && PyTuple_GET_SIZE(tuple) != 7) {
        if (PyTuple_GET_SIZE(tuple) > 7)
            PyErr_SetString(PyExc_ValueError, "too many values to unpack (expected 7)");
        else
            PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected 7, got %zd)",
                         PyTuple_GET_SIZE(tuple));
        Py_CLEAR(tuple);
    }
    return tuple;
}

static int
is_true(PyObject *o)
{
    return o == Py_True ? 1 : o == Py_False || o == Py_None ? 0 : PyObject_IsTrue(o);
}

/* The word part of _ToneModel.total over tokens norm[first:last], added to t. */
static int
token_sum(ToneTotal *self, PyObject *norm, Py_ssize_t first, Py_ssize_t last, Total *t)
{
    PyObject *w = NULL, *info = NULL, *prev_bigrams = NULL, *wt;
    Py_ssize_t j, neg_left = 0;
    int prev = 0, truth, kind;
    double boost = 1.0, after = 1.0, value;

    for (j = first; j < last; j++) {
        if ((w = token_at(norm, j)) == NULL || (info = token_info(self, w)) == NULL)
            goto error;
        Py_CLEAR(w);
        if ((truth = is_true(PyTuple_GET_ITEM(info, 0))) < 0)
            goto error;
        if (!truth) {  /* punctuation: a break ends the negation scope and the bigram */
            if ((truth = is_true(PyTuple_GET_ITEM(info, 1))) < 0)
                goto error;
            if (truth) {
                neg_left = 0;
                prev = 0;
            }
            Py_CLEAR(info);
            continue;
        }
        if ((kind = kind_of(PyTuple_GET_ITEM(info, 2))) < 0)
            goto error;
        if (kind == KIND_CONTRAST) {
            neg_left = 0;
            after = self->contrast_after;
        }
        value = boost * after;
        boost = 1.0;
        if (neg_left > 0 && kind != KIND_NEGATOR) {
            wt = PyTuple_GET_ITEM(info, 5);
            neg_left--;
        }
        else
            wt = PyTuple_GET_ITEM(info, 4);
        if (add_weighted(t, wt, value) < 0)
            goto error;
        if (self->bigrams && prev && prev_bigrams != Py_None) {
            if ((wt = get_or_none(prev_bigrams, PyTuple_GET_ITEM(info, 3))) == NULL)
                goto error;
            truth = add_weighted(t, wt, value);
            Py_DECREF(wt);
            if (truth < 0)
                goto error;
        }
        prev = 1;
        Py_XSETREF(prev_bigrams, Py_NewRef(PyTuple_GET_ITEM(info, 6)));
        if (kind == KIND_NEGATOR)
            neg_left = self->window;
        else if (kind == KIND_INTENSIFIER)
            boost = self->intensifier;
        else if (kind == KIND_DIMINISHER)
            boost = self->diminisher;
        Py_CLEAR(info);
    }
    Py_XDECREF(prev_bigrams);
    return 0;

error:
    Py_XDECREF(w);
    Py_XDECREF(info);
    Py_XDECREF(prev_bigrams);
    return -1;
}

/* _ToneModel.total(norm, first, last, dense), dense a mapping or (dense NULL) the pair of
 * VADER's compound and TextBlob's polarity; a new reference. */
static PyObject *
sentence_total(ToneTotal *self, PyObject *norm, Py_ssize_t first, Py_ssize_t last,
               PyObject *dense, PyObject *const *pair)
{
    Total t = {0.0, NULL};
    PyObject *result = NULL;
    if (token_sum(self, norm, first, last, &t) == 0)
        result = finish(self, &t, dense, pair);
    Py_XDECREF(t.obj);
    return result;
}

PyDoc_STRVAR(ToneTotal_total_doc,
"total(norm, first, last, dense)\n--\n\n"
"The tone of tokens norm[first:last] with the dense inputs ``dense`` (a mapping name -> value):\n"
"exactly framing.sentiment._ToneModel.total of the model this object was made for.");

static PyObject *
ToneTotal_total(ToneTotal *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t first, last;

    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError, "total() takes 4 arguments (%zd given)", nargs);
        return NULL;
    }
    /* range(first, last): an index beyond Py_ssize_t behaves as the bound it is clamped to */
    if ((first = PyNumber_AsSsize_t(args[1], NULL)) == -1 && PyErr_Occurred())
        return NULL;
    if ((last = PyNumber_AsSsize_t(args[2], NULL)) == -1 && PyErr_Occurred())
        return NULL;
    return sentence_total(self, args[0], first, last, args[3], NULL);
}

/* framing._vader_c's C interface, imported at the first call of sentences() */
static FramingVaderAPI *vader_api;

/* (a, b) of a 2-tuple, borrowed; -1 with a TypeError otherwise */
static int
pair_of(PyObject *t, const char *what, PyObject **a, PyObject **b)
{
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 2) {
        PyErr_Format(PyExc_TypeError, "%s must be a 2-tuple, not %.100s", what,
                     Py_TYPE(t)->tp_name);
        return -1;
    }
    *a = PyTuple_GET_ITEM(t, 0);
    *b = PyTuple_GET_ITEM(t, 1);
    return 0;
}

/* an index object as a Py_ssize_t in *out: 0, or -1 on error */
static int
index_of(PyObject *o, Py_ssize_t *out)
{
    *out = PyNumber_AsSsize_t(o, PyExc_OverflowError);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

/* Is one of norm[first:last] in the set `identity`? -1 on error. */
static int
holds_any(PyObject *norm, Py_ssize_t first, Py_ssize_t last, PyObject *identity)
{
    for (Py_ssize_t j = first; j < last; j++) {
        PyObject *w = token_at(norm, j);
        if (w == NULL)
            return -1;
        int r = PySet_Contains(identity, w);
        Py_DECREF(w);
        if (r != 0)
            return r;
    }
    return 0;
}

/* Sums for _article_result's means, kept while every value is a float (Python's sum of floats
 * before 3.12 adds them one by one from 0.0, as here; from 3.12 on it compensates, and the
 * means are left to Python). */
typedef struct {
    int ok;
    double sum[5];        /* compound, pos, neu, neg, tone */
    Py_ssize_t zeros[3];  /* TextBlob polarity, compound, tone exactly 0 */
} Means;

static void
add_means(Means *m, PyObject *const *values)  /* polarity, compound, pos, neu, neg, tone */
{
    for (int i = 0; i < 6 && m->ok; i++)
        m->ok = PyFloat_CheckExact(values[i]);
    if (!m->ok)
        return;
    for (int i = 1; i < 6; i++)
        m->sum[i - 1] += PyFloat_AS_DOUBLE(values[i]);
    m->zeros[0] += PyFloat_AS_DOUBLE(values[0]) == 0.0;
    m->zeros[1] += PyFloat_AS_DOUBLE(values[1]) == 0.0;
    m->zeros[2] += PyFloat_AS_DOUBLE(values[5]) == 0.0;
}

/* (textblob_zero_share, vader_compound, vader_pos, vader_neu, vader_neg, vader_zero_share,
 * tone, tone_zero_share) of n > 0 sentences, or None */
static PyObject *
means_tuple(Means *m, Py_ssize_t n)
{
#if PY_VERSION_HEX >= 0x030C0000
    m->ok = 0;
#endif
    if (!m->ok || n == 0)
        Py_RETURN_NONE;
    double d = (double)n;
    return Py_BuildValue("(dddddddd)", (double)m->zeros[0] / d, m->sum[0] / d, m->sum[1] / d,
                         m->sum[2] / d, m->sum[3] / d, (double)m->zeros[1] / d, m->sum[4] / d,
                         (double)m->zeros[2] / d);
}

PyDoc_STRVAR(ToneTotal_sentences_doc,
"sentences(text, norm, spans, ranges, textblob_values, identity, sentence_type, slow,\n"
"          max_tokens, vader_infos=None)\n--\n\n"
"The per-sentence loop of framing.sentiment._score_seg_values in one call: for each sentence\n"
"span (start, end), token range (first, last) and TextBlob (polarity, subjectivity), VADER's\n"
"values of text[start:end] (framing._vader_c) and the tone of norm[first:last] with them as\n"
"dense inputs, or slow(k, compound, polarity) where the sentence has more than max_tokens\n"
"tokens or one in `identity`; a sentence_type (a NamedTuple of 10 fields) per sentence.\n"
"(VADER's pass over all sentences comes first, then the tone's: each keeps its own tables in\n"
"the processor's caches.)\n"
"vader_infos: None, or a list of the infos of every sentence's white-space tokens, one\n"
"sentence after the other (framing._textblob_c.values gives it), which VADER then reads\n"
"instead of looking its tokens up.\n"
"Returns (the sentences as a tuple, (textblob_zero_share, vader_compound, vader_pos,\n"
"vader_neu, vader_neg, vader_zero_share, tone, tone_zero_share)), the second None where\n"
"Python's sum is to be used (a value not a float, no sentence, Python 3.12 or later).");

static PyObject *
ToneTotal_sentences(ToneTotal *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *text, *norm, *spans, *ranges, *tb_values, *identity, *slow, *out = NULL;
    PyTypeObject *stype;
    Py_ssize_t n, k, max_tokens;
    Means m = {1, {0.0, 0.0, 0.0, 0.0, 0.0}, {0, 0, 0}};

    if (nargs != 9 && nargs != 10) {
        PyErr_Format(PyExc_TypeError, "sentences() takes 9 or 10 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *vader_infos = nargs == 10 && args[9] != Py_None ? args[9] : NULL;
    Py_ssize_t info_offset = 0;
    if (vader_infos != NULL && !PyList_CheckExact(vader_infos)) {
        PyErr_SetString(PyExc_TypeError, "vader_infos must be a list or None");
        return NULL;
    }
    text = args[0], norm = args[1], spans = args[2], ranges = args[3], tb_values = args[4];
    identity = args[5], slow = args[7];
    if (self->tokens == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the ToneTotal was cleared");
        return NULL;
    }
    if (!PyUnicode_Check(text) || !PyAnySet_Check(identity) || !PyType_Check(args[6])
            || !PyCallable_Check(slow)) {
        PyErr_SetString(PyExc_TypeError, "sentences() takes a str, three sequences, a set, a "
                        "type and a callable");
        return NULL;
    }
    stype = (PyTypeObject *)args[6];
    /* a NamedTuple: a tuple subclass without a __dict__ or slots of its own */
    if (!PyType_IsSubtype(stype, &PyTuple_Type) || stype->tp_basicsize != PyTuple_Type.tp_basicsize
            || stype->tp_itemsize != PyTuple_Type.tp_itemsize || stype->tp_dictoffset != 0) {
        PyErr_SetString(PyExc_TypeError, "sentence_type must be a NamedTuple class");
        return NULL;
    }
    if ((max_tokens = PyNumber_AsSsize_t(args[8], PyExc_OverflowError)) == -1 && PyErr_Occurred())
        return NULL;
    if (vader_api == NULL
            && (vader_api = (FramingVaderAPI *)PyCapsule_Import(FRAMING_VADER_API_NAME, 0)) == NULL)
        return NULL;
    PyObject *sentences = NULL, **values = NULL;
    if ((spans = PySequence_Fast(spans, "the sentence spans must be a sequence")) == NULL)
        return NULL;
    if ((ranges = PySequence_Fast(ranges, "the token ranges must be a sequence")) == NULL) {
        Py_DECREF(spans);
        return NULL;
    }
    if ((tb_values = PySequence_Fast(tb_values, "the TextBlob values must be a sequence"))
            == NULL)
        goto error;
    n = PySequence_Fast_GET_SIZE(spans);  /* zip(): the shortest */
    if (PySequence_Fast_GET_SIZE(ranges) < n)
        n = PySequence_Fast_GET_SIZE(ranges);
    if (PySequence_Fast_GET_SIZE(tb_values) < n)
        n = PySequence_Fast_GET_SIZE(tb_values);
    if ((sentences = PyTuple_New(n)) == NULL)
        goto error;
    /* VADER's values of every sentence first, then the tone of every sentence: each pass keeps
       its own tables in the processor's caches */
    if ((values = PyMem_Calloc((size_t)(n ? n : 1) * 4, sizeof(PyObject *))) == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    for (k = 0; k < n; k++) {
        PyObject *start_o, *end_o;
        Py_ssize_t start, end;
        if (pair_of(PySequence_Fast_GET_ITEM(spans, k), "a sentence span", &start_o, &end_o) < 0
                || index_of(start_o, &start) < 0 || index_of(end_o, &end) < 0)
            goto error;
        if ((vader_infos == NULL
             ? vader_api->sentence_values(text, start, end, values + 4 * k)
             : vader_api->sentence_values_given(text, start, end, vader_infos, &info_offset,
                                                values + 4 * k)) < 0)
            goto error;
    }
    /* every sentence read (not the zip() of shorter sequences): every info read */
    if (vader_infos != NULL && n == PySequence_Fast_GET_SIZE(spans)
            && info_offset != PyList_GET_SIZE(vader_infos)) {
        PyErr_SetString(PyExc_ValueError, "vader_infos holds more infos than the sentences have "
                        "tokens");
        goto error;
    }
    for (k = 0; k < n; k++) {
        PyObject *start_o, *end_o, *first_o, *last_o, *sp, *ss, *tone, *item;
        PyObject **v = values + 4 * k;  /* compound, pos, neu, neg */
        Py_ssize_t first, last;
        int r;
        if (pair_of(PySequence_Fast_GET_ITEM(spans, k), "a sentence span", &start_o, &end_o) < 0
                || pair_of(PySequence_Fast_GET_ITEM(ranges, k), "a token range", &first_o,
                           &last_o) < 0
                || pair_of(PySequence_Fast_GET_ITEM(tb_values, k), "a TextBlob value", &sp,
                           &ss) < 0)
            goto error;
        if (index_of(first_o, &first) < 0 || index_of(last_o, &last) < 0)
            goto error;
        PyObject *pair[2] = {v[0], sp};
        r = last - first > max_tokens ? 1 : holds_any(norm, first, last, identity);
        if (r < 0)
            goto error;
        if (r) {  /* the tone model's dense inputs without identity terms; a run-on */
            PyObject *ko = PyLong_FromSsize_t(k);
            PyObject *cargs[3] = {ko, v[0], sp};
            tone = ko ? PyObject_Vectorcall(slow, cargs, 3, NULL) : NULL;
            Py_XDECREF(ko);
        }
        else
            tone = sentence_total(self, norm, first, last, NULL, pair);
        item = tone ? stype->tp_alloc(stype, 10) : NULL;
        if (item == NULL) {
            Py_XDECREF(tone);
            goto error;
        }
        PyTuple_SET_ITEM(sentences, k, item);  /* its items set below, each once */
        PyObject *fields[10] = {PyLong_FromSsize_t(k), Py_NewRef(start_o), Py_NewRef(end_o),
                                PyNumber_Float(sp), PyNumber_Float(ss), v[0], v[1], v[2], v[3],
                                tone};
        v[0] = v[1] = v[2] = v[3] = NULL;  /* now the item's */
        for (int i = 0; i < 10; i++)
            PyTuple_SET_ITEM(item, i, fields[i]);
        if (fields[0] == NULL || fields[3] == NULL || fields[4] == NULL)
            goto error;
        PyObject *numbers[6] = {fields[3], fields[5], fields[6], fields[7], fields[8], tone};
        add_means(&m, numbers);
    }
    PyObject *means = means_tuple(&m, n);
    if (means != NULL)
        out = PyTuple_Pack(2, sentences, means);
    Py_XDECREF(means);

error:
    if (values != NULL)
        for (k = 0; k < 4 * n; k++)
            Py_XDECREF(values[k]);
    PyMem_Free(values);
    Py_XDECREF(sentences);
    Py_DECREF(spans);
    Py_DECREF(ranges);
    Py_XDECREF(tb_values);
    return out;
}

static PyMethodDef ToneTotal_methods[] = {
    {"total", (PyCFunction)(void (*)(void))ToneTotal_total, METH_FASTCALL, ToneTotal_total_doc},
    {"token", (PyCFunction)token_miss, METH_O, ToneTotal_token_doc},
    {"sentences", (PyCFunction)(void (*)(void))ToneTotal_sentences, METH_FASTCALL,
     ToneTotal_sentences_doc},
    {NULL, NULL, 0, NULL}
};

PyDoc_STRVAR(ToneTotal_doc,
"ToneTotal(tokens, token, dense, bigrams, negation_window, contrast_after, intensifier,\n"
"          diminisher, *, cues=None, weights=None, bigram_index=None, punct_break=None,\n"
"          cache_max=0)\n--\n\n"
"The sentence total of one tone model (framing.sentiment._ToneModel): its token cache (dict),\n"
"its _token (for a token not in the cache), its dense weights (dict) and its configuration;\n"
"given the model's cues, weights, bigram index (dicts) and negation-breaking punctuation\n"
"(frozenset) together, a token not in the cache gets its tuple from C (see token()).");

static PyTypeObject ToneTotal_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "framing._tone_c.ToneTotal",
    .tp_basicsize = sizeof(ToneTotal),
    .tp_dealloc = (destructor)ToneTotal_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = ToneTotal_doc,
    .tp_traverse = (traverseproc)ToneTotal_traverse,
    .tp_clear = (inquiry)ToneTotal_clear,
    .tp_methods = ToneTotal_methods,
    .tp_new = ToneTotal_new,
};

static struct PyModuleDef tone_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "framing._tone_c",
    .m_doc = "The news-tone model's sentence total in C (framing.sentiment._ToneModel.total).",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__tone_c(void)
{
    PyObject *m;
    if (s_get == NULL) {
        if ((s_contrast = PyUnicode_InternFromString("contrast")) == NULL
            || (s_negator = PyUnicode_InternFromString("negator")) == NULL
            || (s_intensifier = PyUnicode_InternFromString("intensifier")) == NULL
            || (s_diminisher = PyUnicode_InternFromString("diminisher")) == NULL
            || (f_zero = PyFloat_FromDouble(0.0)) == NULL
            || (f_one = PyFloat_FromDouble(1.0)) == NULL
            || (f_minus_one = PyFloat_FromDouble(-1.0)) == NULL
            || (s_num = PyUnicode_InternFromString("<num>")) == NULL
            || (s_not_ = PyUnicode_InternFromString("not_")) == NULL
            || (s_get = PyUnicode_InternFromString("get")) == NULL
            || (s_vader = PyUnicode_InternFromString("vader")) == NULL
            || (s_textblob = PyUnicode_InternFromString("textblob")) == NULL)
            return NULL;
    }
    if (PyType_Ready(&ToneTotal_Type) < 0)
        return NULL;
    if ((m = PyModule_Create(&tone_module)) == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "ToneTotal", (PyObject *)&ToneTotal_Type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
