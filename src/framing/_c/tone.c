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

/* The dense part and the clipping of _ToneModel.total, over the running total t. */
static PyObject *
finish(ToneTotal *self, Total *t, PyObject *dense)
{
    Py_ssize_t pos = 0;
    PyObject *name, *wt, *v, *out;
    int truth, gt, lt = 0;

    while (PyDict_Next(self->dense, &pos, &name, &wt)) {
        Py_INCREF(name);
        Py_INCREF(wt);
        if (PyDict_CheckExact(dense)) {
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

PyDoc_STRVAR(ToneTotal_total_doc,
"total(norm, first, last, dense)\n--\n\n"
"The tone of tokens norm[first:last] with the dense inputs ``dense`` (a mapping name -> value):\n"
"exactly framing.sentiment._ToneModel.total of the model this object was made for.");

static PyObject *
ToneTotal_total(ToneTotal *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *norm, *dense, *w = NULL, *info = NULL, *prev_bigrams = NULL, *wt, *result;
    Py_ssize_t first, last, j, neg_left = 0;
    int prev = 0, truth, kind;
    double boost = 1.0, after = 1.0, value;
    Total t = {0.0, NULL};

    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError, "total() takes 4 arguments (%zd given)", nargs);
        return NULL;
    }
    norm = args[0];
    dense = args[3];
    /* range(first, last): an index beyond Py_ssize_t behaves as the bound it is clamped to */
    if ((first = PyNumber_AsSsize_t(args[1], NULL)) == -1 && PyErr_Occurred())
        return NULL;
    if ((last = PyNumber_AsSsize_t(args[2], NULL)) == -1 && PyErr_Occurred())
        return NULL;
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
        if (add_weighted(&t, wt, value) < 0)
            goto error;
        if (self->bigrams && prev && prev_bigrams != Py_None) {
            if ((wt = get_or_none(prev_bigrams, PyTuple_GET_ITEM(info, 3))) == NULL)
                goto error;
            truth = add_weighted(&t, wt, value);
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
    result = finish(self, &t, dense);
    Py_XDECREF(t.obj);
    return result;

error:
    Py_XDECREF(w);
    Py_XDECREF(info);
    Py_XDECREF(prev_bigrams);
    Py_XDECREF(t.obj);
    return NULL;
}

static PyMethodDef ToneTotal_methods[] = {
    {"total", (PyCFunction)(void (*)(void))ToneTotal_total, METH_FASTCALL, ToneTotal_total_doc},
    {"token", (PyCFunction)token_miss, METH_O, ToneTotal_token_doc},
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
            || (s_get = PyUnicode_InternFromString("get")) == NULL)
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
