/* The sources family's phrase scan in C: framing.sources._Phrases.find_python (the reporting
 * cues and the anonymity phrases of an article), the same candidates, the same patterns tried
 * in the same order, so the same matches.
 *
 * Nothing is held here: the matcher's own tables come in with each call (its dict of patterns
 * by first word, its wildcard prefixes and its `_entries` method, called for a candidate word
 * when there are prefixes, so the Python code keeps deciding which patterns a word may start).
 * A pattern is the matcher's entry `(slots, payload, length)`, a slot `(literals, prefixes)`:
 * a word fits a slot when it is one of the literals or starts with one of the prefixes, tested
 * by the objects' own `in` and `str.startswith`.
 *
 * And the scorer's test of a capitalized word that can be part of a name (_Scorer.cap_python),
 * asked some two hundred times an article for about 150 tokens: a Caps object answers for
 * each token once and keeps the answer. It decides itself only the plain cases (a token whose
 * first character is not upper case, without a hyphen: no; an ASCII one that is upper case,
 * without a hyphen, outside web addresses and not a weekday or month: yes) and asks the Python
 * method for every other (a hyphen, a weekday or month, a non-ASCII capital, an index outside
 * the tokens), so the answers are the method's. It holds the method through a weak reference
 * (no cycle with the scorer that holds it), and reads the scorer's list of tokens where it is
 * (a token past its end asked of the method), where it copied them into a tuple.
 *
 * And the count of a text's characters that are not white space (the quote share's numerator
 * and denominator), without building the words str.split() would.
 *
 * And the positions of a word among the tokens (_Scorer.positions, some five words an
 * article, each a scan of all its tokens): the items equal to the word, as list.index finds
 * them one after the other (framing.sources._positions_python), a str token compared by its
 * length, kind and bytes rather than through the rich comparison.
 *
 * And the capitalized words around each use of a surname that may make a full name
 * (_Scorer.name_extents_python, the scan of full_names): the same tests in the same order, the
 * scorer's cap called back only for a token its Caps object has not answered yet, the word sets
 * and titles given by the caller, a word's first character tested as r"[^\W\d_]" tests it
 * (alphanumeric, no decimal digit) and str.isupper as str.isupper.
 *
 * And the runs of capitalized words in a speaker mention or a sentence (_Scorer.runs_python,
 * asked some seventeen times an article over a hundred tokens): the same tests in the same
 * order, the scorer's cap, its is_org (a run joined by "and") and the two patterns of a run's
 * first word (a party label, a hyphenated adjective) called back, the rest tested here.
 *
 * And the person titles among an article's tokens (_Scorer.titled_people): the tokens whose
 * last part after a hyphen, without its periods, is a title's word ("president",
 * "ex-president", "gov."), where the Python code built that part of every token.
 *
 * And the first letters of a sentence's words, for the test of a headline (_Scorer.title_case):
 * how many open with a letter, how many with a capital.
 *
 * And the lines of a text that may open a transcript's turn (framing.sources._turn_lines, over
 * the some fifty lines of an article): a line opening with an ASCII letter that holds a colon
 * or at most three spaces before its trailing blanks, where the caller's pattern matches.
 *
 * And the result's objects (the Quote and Evidence items of a SourcesResult, some fifty an
 * article): each made as its frozen dataclass's __init__ makes it, every slot set once in the
 * order of the fields, without running that __init__ (a call of object.__setattr__ per field,
 * 1.3 us an object); a type not laid out so is called.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "common.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static PyObject *s_startswith;
static PyObject *s_ing;
static PyObject *s_institution;

/* word in literals or word.startswith(prefixes): 1, 0, or -1 with an exception set. */
static int
fits(PyObject *word, PyObject *literals, PyObject *prefixes)
{
    int found = PySequence_Contains(literals, word);
    if (found != 0)
        return found;
    if (PyTuple_CheckExact(prefixes) && PyTuple_GET_SIZE(prefixes) == 0)
        return 0;  /* str.startswith(()) is False */
    PyObject *r = PyObject_CallMethodObjArgs(word, s_startswith, prefixes, NULL);
    if (r == NULL)
        return -1;
    found = PyObject_IsTrue(r);
    Py_DECREF(r);
    return found;
}

/* seq[k] of a list (read where it is) or a tuple, as a new reference; IndexError past its end
 * (a list the calls out may have shortened) */
static PyObject *
item_ref(PyObject *seq, Py_ssize_t k)
{
    if (k < 0 || k >= PySequence_Fast_GET_SIZE(seq)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return Py_NewRef(PySequence_Fast_GET_ITEM(seq, k));
}

/* Does the pattern `entry` match the words from i (it stays within i's sentence)? `words` and
 * `sents` are lists or tuples, n the number of words when the scan began. */
static int
matches(PyObject *entry, PyObject *words, PyObject *sents, Py_ssize_t n, Py_ssize_t i,
        Py_ssize_t *end, PyObject **payload)
{
    PyObject *slots_seq = NULL, *slot, *unpacked, *a, *b, *w;
    Py_ssize_t length, last, k;
    int same, ok = 1;
    if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3) {
        PyErr_SetString(PyExc_TypeError, "a pattern entry is a (slots, payload, length) tuple");
        return -1;
    }
    length = PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 2));
    if (length == -1 && PyErr_Occurred())
        return -1;
    *end = i + length;
    *payload = PyTuple_GET_ITEM(entry, 1);
    if (*end > n)
        return 0;
    /* tsent[end - 1] != tsent[i], indexed as Python indexes a list */
    last = *end - 1 < 0 ? *end - 1 + PySequence_Fast_GET_SIZE(sents) : *end - 1;
    if ((a = item_ref(sents, last)) == NULL)
        return -1;
    if ((b = item_ref(sents, i)) == NULL) {
        Py_DECREF(a);
        return -1;
    }
    same = PyObject_RichCompareBool(a, b, Py_NE);
    Py_DECREF(a);
    Py_DECREF(b);
    if (same != 0)
        return same < 0 ? -1 : 0;
    if (length <= 1)
        return 1;
    if ((slots_seq = PySequence_Fast(PyTuple_GET_ITEM(entry, 0), "slots must be a sequence"))
            == NULL)
        return -1;
    for (k = 1; k < length && ok == 1; k++) {
        if (k >= PySequence_Fast_GET_SIZE(slots_seq)) {
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            ok = -1;
            break;
        }
        slot = PySequence_Fast_GET_ITEM(slots_seq, k);
        if ((w = item_ref(words, i + k)) == NULL) {
            ok = -1;
            break;
        }
        if (PyTuple_Check(slot) && PyTuple_GET_SIZE(slot) == 2) {
            ok = fits(w, PyTuple_GET_ITEM(slot, 0), PyTuple_GET_ITEM(slot, 1));
            Py_DECREF(w);
            continue;
        }
        if ((unpacked = PySequence_Tuple(slot)) == NULL) {
            Py_DECREF(w);
            ok = -1;
            break;
        }
        if (PyTuple_GET_SIZE(unpacked) != 2) {
            PyErr_SetString(PyExc_ValueError, "a slot is a (literals, prefixes) pair");
            ok = -1;
        }
        else
            ok = fits(w, PyTuple_GET_ITEM(unpacked, 0), PyTuple_GET_ITEM(unpacked, 1));
        Py_DECREF(unpacked);
        Py_DECREF(w);
    }
    Py_DECREF(slots_seq);
    return ok;
}

/* The patterns that may start at `word`, longest first, as a new reference; NULL without an
 * exception: none. */
static PyObject *
entries_of(PyObject *word, PyObject *first, int with_prefixes, PyObject *entries)
{
    PyObject *found;
    if (with_prefixes)
        return PyObject_CallOneArg(entries, word);
    found = PyDict_GetItemWithError(first, word);
    Py_XINCREF(found);
    return found;
}

/* A word's place in a first-word filter: its first character (0 for none or a non-ASCII one)
 * and its length (31 for 31 or more). */
static void
filter_place(PyObject *word, Py_ssize_t *ch, Py_ssize_t *len)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    Py_UCS4 c = n > 0 ? PyUnicode_READ_CHAR(word, 0) : 0;
    *ch = c < 128 ? (Py_ssize_t)c : 0;
    *len = n < 31 ? n : 31;
}

/* Mark in `filter` the place of every key of `first`; 0 when a key is no str (the filter
 * cannot then rule a word out), else 1. A word whose place is not marked is no key. */
static int
fill_filter(PyObject *first, uint32_t filter[128])
{
    PyObject *key, *value;
    Py_ssize_t pos = 0, ch, len;
    memset(filter, 0, 128 * sizeof(uint32_t));
    while (PyDict_Next(first, &pos, &key, &value)) {
        if (!PyUnicode_CheckExact(key))
            return 0;
        filter_place(key, &ch, &len);
        filter[ch] |= (uint32_t)1 << len;
    }
    return 1;
}

static PyObject *
find(PyObject *self, PyObject *args)
{
    PyObject *norm, *tsent, *first, *prefixes, *entries;
    PyObject *words_seq = NULL, *sents_seq = NULL, *out = NULL, *cands = NULL, *cand_seq = NULL;
    PyObject *word = NULL;
    Py_ssize_t n, i, nxt = 0, j, n_entries;
    int with_prefixes, is_first, use_filter;
    uint32_t filter[128];
    if (!PyArg_ParseTuple(args, "OOO!OO:find", &norm, &tsent, &PyDict_Type, &first, &prefixes,
                          &entries))
        return NULL;
    if ((with_prefixes = PyObject_IsTrue(prefixes)) < 0)
        return NULL;
    /* the words and sentence indices: a list read where it is (each item taken, and held, as
     * it is needed: the calls out may change it), anything else as a tuple of its items
     * (copying an article's thousand-odd words took 0.008 ms a scan) */
    if ((words_seq = PyList_CheckExact(norm) ? Py_NewRef(norm) : PySequence_Tuple(norm))
            == NULL)
        return NULL;
    if ((sents_seq = PyList_CheckExact(tsent) ? Py_NewRef(tsent) : PySequence_Tuple(tsent))
            == NULL)
        goto error;
    if ((out = PyList_New(0)) == NULL)
        goto error;
    use_filter = fill_filter(first, filter);
    n = PySequence_Fast_GET_SIZE(words_seq);
    for (i = 0; i < n; i++) {
        if (i < nxt)
            continue;  /* inside the last match */
        if ((word = item_ref(words_seq, i)) == NULL)
            goto error;
        /* a candidate: a known first word, or one starting with a wildcard prefix (most
         * words are ruled out by their first character and length, without hashing) */
        if (use_filter && PyUnicode_CheckExact(word)) {
            Py_ssize_t ch, len;
            filter_place(word, &ch, &len);
            is_first = (filter[ch] >> len) & 1;
        }
        else
            is_first = 1;
        if (is_first && (is_first = PyDict_Contains(first, word)) < 0)
            goto error;
        if (!is_first && with_prefixes) {
            PyObject *r = PyObject_CallMethodObjArgs(word, s_startswith, prefixes, NULL);
            if (r == NULL)
                goto error;
            is_first = PyObject_IsTrue(r);
            Py_DECREF(r);
            if (is_first < 0)
                goto error;
        }
        if (!is_first) {
            Py_CLEAR(word);
            continue;
        }
        if ((cands = entries_of(word, first, with_prefixes, entries)) == NULL) {
            if (PyErr_Occurred())
                goto error;
            Py_CLEAR(word);
            continue;
        }
        Py_CLEAR(word);
        if ((cand_seq = PySequence_Fast(cands, "entries must be a sequence")) == NULL)
            goto error;
        Py_CLEAR(cands);
        n_entries = PySequence_Fast_GET_SIZE(cand_seq);
        for (j = 0; j < n_entries; j++) {
            Py_ssize_t end;
            PyObject *payload, *match;
            int ok = matches(PySequence_Fast_GET_ITEM(cand_seq, j), words_seq, sents_seq, n, i,
                             &end, &payload);
            if (ok < 0)
                goto error;
            if (!ok)
                continue;
            if ((match = Py_BuildValue("(nnO)", i, end, payload)) == NULL)
                goto error;
            if (PyList_Append(out, match) < 0) {
                Py_DECREF(match);
                goto error;
            }
            Py_DECREF(match);
            nxt = end;
            break;
        }
        Py_CLEAR(cand_seq);
    }
    Py_DECREF(words_seq);
    Py_DECREF(sents_seq);
    return out;
error:
    Py_XDECREF(words_seq);
    Py_XDECREF(sents_seq);
    Py_XDECREF(out);
    Py_XDECREF(cands);
    Py_XDECREF(cand_seq);
    Py_XDECREF(word);
    return NULL;
}


/* ---- Caps ---------------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *tokens;    /* the list of the tokens (not copied), or a tuple of them */
    PyObject *web;       /* set of the token ids in web addresses (may be empty) */
    PyObject *calendar;  /* the lower-case weekdays and months */
    PyObject *fallback;  /* weakref.WeakMethod of the scorer's cap_python */
    signed char *known;  /* per token: -1 not asked yet, else the answer */
    Py_ssize_t n;
    int has_web;
    vectorcallfunc vectorcall;
} Caps;

static int plain_token_cap(Caps *c, Py_ssize_t i, PyObject *t);

/* The answer for token i decided here (0 or 1), 2 for "ask the Python method", -1 on error. */
static int
plain_cap(Caps *c, Py_ssize_t i)
{
    PyObject *t;
    int found;
    if (PyList_CheckExact(c->tokens)) {  /* read where it is, as the method reads it */
        if (i >= PyList_GET_SIZE(c->tokens))
            return 2;  /* (a list shortened since: the method's answer, or its IndexError) */
        t = PyList_GET_ITEM(c->tokens, i);
    }
    else
        t = PyTuple_GET_ITEM(c->tokens, i);
    Py_INCREF(t);  /* (held while the sets below are asked) */
    found = plain_token_cap(c, i, t);
    Py_DECREF(t);
    return found;
}

/* plain_cap of the token t at i */
static int
plain_token_cap(Caps *c, Py_ssize_t i, PyObject *t)
{
    PyObject *low, *id;
    Py_ssize_t n, k;
    int found;
    if (!PyUnicode_Check(t))
        return 2;
    n = PyUnicode_GET_LENGTH(t);
    if (n == 0)
        return 0;  /* "" is not upper case and holds no hyphen */
    if (PyUnicode_FindChar(t, '-', 0, n, 1) != -1)
        return 2;  /* "el-Sisi", "Obama-era": the patterns decide */
    if (!Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(t, 0)))
        return 0;
    if (!PyUnicode_IS_ASCII(t))
        return 2;  /* str.lower of a non-ASCII word is the method's */
    if (c->has_web) {
        if ((id = PyLong_FromSsize_t(i)) == NULL)
            return -1;
        found = PySequence_Contains(c->web, id);
        Py_DECREF(id);
        if (found != 0)
            return found < 0 ? -1 : 0;
    }
    if ((low = PyUnicode_New(n, 127)) == NULL)
        return -1;
    {
        const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(t);
        Py_UCS1 *out = PyUnicode_1BYTE_DATA(low);
        for (k = 0; k < n; k++)
            out[k] = (chars[k] >= 'A' && chars[k] <= 'Z') ? (Py_UCS1)(chars[k] + 32) : chars[k];
    }
    found = PySequence_Contains(c->calendar, low);
    Py_DECREF(low);
    if (found < 0)
        return -1;
    return found ? 2 : 1;  /* a weekday or month: a surname only after a given name */
}

static PyObject *
caps_ask_python(Caps *c, PyObject *arg)
{
    PyObject *method = PyObject_CallNoArgs(c->fallback), *answer;
    if (method == NULL)
        return NULL;
    if (method == Py_None) {
        Py_DECREF(method);
        PyErr_SetString(PyExc_ReferenceError, "the scorer of this Caps is gone");
        return NULL;
    }
    answer = PyObject_CallOneArg(method, arg);
    Py_DECREF(method);
    return answer;
}

static PyObject *
caps_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Caps *c = (Caps *)self;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf), i;
    PyObject *answer;
    int plain;
    if (nargs != 1 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0)) {
        PyErr_SetString(PyExc_TypeError, "Caps() takes one token index");
        return NULL;
    }
    if (!PyLong_CheckExact(args[0]))
        return caps_ask_python(c, args[0]);
    i = PyLong_AsSsize_t(args[0]);
    if (i == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return caps_ask_python(c, args[0]);
    }
    if (i < 0 || i >= c->n)
        return caps_ask_python(c, args[0]);  /* tok[-1], or the method's IndexError */
    if (c->known[i] < 0) {
        if ((plain = plain_cap(c, i)) < 0)
            return NULL;
        if (plain == 2) {
            if ((answer = caps_ask_python(c, args[0])) == NULL)
                return NULL;
            if (answer == Py_True || answer == Py_False)
                c->known[i] = answer == Py_True;
            return answer;
        }
        c->known[i] = (signed char)plain;
    }
    return PyBool_FromLong(c->known[i]);
}

static PyObject *
caps_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *tokens, *web, *calendar, *fallback;
    Caps *c;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "Caps() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "OOOO:Caps", &tokens, &web, &calendar, &fallback))
        return NULL;
    if ((c = (Caps *)type->tp_alloc(type, 0)) == NULL)
        return NULL;
    c->vectorcall = caps_vectorcall;
    /* a list is kept as it is (a segmentation's tokens, not changed: copying a thousand of
     * them into a tuple took 13 us an article); anything else as a tuple of its items */
    if (PyList_CheckExact(tokens))
        c->tokens = Py_NewRef(tokens);
    else if ((c->tokens = PySequence_Tuple(tokens)) == NULL)
        goto error;
    c->n = PySequence_Fast_GET_SIZE(c->tokens);
    if ((c->has_web = PyObject_IsTrue(web)) < 0)
        goto error;
    Py_INCREF(web);
    c->web = web;
    Py_INCREF(calendar);
    c->calendar = calendar;
    Py_INCREF(fallback);
    c->fallback = fallback;
    if ((c->known = PyMem_Malloc(c->n > 0 ? (size_t)c->n : 1)) == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    memset(c->known, -1, c->n > 0 ? (size_t)c->n : 1);
    return (PyObject *)c;
error:
    Py_DECREF(c);
    return NULL;
}

static void
caps_dealloc(Caps *c)
{
    Py_XDECREF(c->tokens);
    Py_XDECREF(c->web);
    Py_XDECREF(c->calendar);
    Py_XDECREF(c->fallback);
    PyMem_Free(c->known);
    Py_TYPE(c)->tp_free((PyObject *)c);
}

static PyTypeObject CapsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "framing._sources_c.Caps",
    .tp_basicsize = sizeof(Caps),
    .tp_dealloc = (destructor)caps_dealloc,
    .tp_vectorcall_offset = offsetof(Caps, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Caps(tokens, web, calendar, fallback): called with a token index, _Scorer.cap's "
              "answer, decided here for the plain cases and by fallback()(i) (a weak method) "
              "for the others, each kept once found.",
    .tp_new = caps_new,
};

/* ---- nonblank ---------------------------------------------------------------------------- */

/* len("".join(s.split())): the characters of s that str.split() does not take for white space
 * (Py_UNICODE_ISSPACE, as str.split() tests them). */
static PyObject *
nonblank(PyObject *self, PyObject *s)
{
    Py_ssize_t n, i, count = 0;
    int kind;
    const void *data;
    if (!PyUnicode_Check(s)) {
        PyErr_Format(PyExc_TypeError, "nonblank() takes a str, not %.100s", Py_TYPE(s)->tp_name);
        return NULL;
    }
    n = PyUnicode_GET_LENGTH(s);
    kind = PyUnicode_KIND(s);
    data = PyUnicode_DATA(s);
    for (i = 0; i < n; i++)
        count += !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i));
    return PyLong_FromSsize_t(count);
}

/* ---- positions --------------------------------------------------------------------------- */

/* [i for i, t in enumerate(tokens) if t == word], as repeated list.index(word, i + 1) finds
 * them (the same comparison, item == word, in the same order): a str token is compared with a
 * str word here, by length, kind and bytes (equal strs have the same kind), any other pair by
 * PyObject_RichCompareBool, which may run Python code; the list's length is read again at each
 * step, as list.index does. */
static PyObject *
positions(PyObject *self, PyObject *args)
{
    PyObject *tokens, *word, *found, *item, *index;
    Py_ssize_t i, length = 0;
    int kind = 0, plain, equal;
    const void *data = NULL;
    if (!PyArg_ParseTuple(args, "O!O:positions", &PyList_Type, &tokens, &word))
        return NULL;
    if ((found = PyList_New(0)) == NULL)
        return NULL;
    plain = PyUnicode_CheckExact(word);
    if (plain) {
        length = PyUnicode_GET_LENGTH(word);
        kind = PyUnicode_KIND(word);
        data = PyUnicode_DATA(word);
    }
    for (i = 0; i < PyList_GET_SIZE(tokens); i++) {
        item = PyList_GET_ITEM(tokens, i);
        if (item == word)
            equal = 1;
        else if (plain && PyUnicode_CheckExact(item))
            equal = PyUnicode_GET_LENGTH(item) == length && PyUnicode_KIND(item) == kind &&
                memcmp(PyUnicode_DATA(item), data, (size_t)length * (size_t)kind) == 0;
        else {
            Py_INCREF(item);
            equal = PyObject_RichCompareBool(item, word, Py_EQ);
            Py_DECREF(item);
            if (equal < 0) {
                Py_DECREF(found);
                return NULL;
            }
        }
        if (equal) {
            if ((index = PyLong_FromSsize_t(i)) == NULL || PyList_Append(found, index) < 0) {
                Py_XDECREF(index);
                Py_DECREF(found);
                return NULL;
            }
            Py_DECREF(index);
        }
    }
    return found;
}

/* ---- name_extents -------------------------------------------------------------------------- */

/* What name_extents reads: the scorer's cap, its sequences (lists, or tuples made of other
 * sequences; read through their current size at each step, each item held while it is used, so
 * that nothing the calls back into Python do leaves a pointer dangling) and the word sets. */
typedef struct {
    PyObject *cap, *tok, *norm, *tsent, *ranges;
    PyObject *function, *partitive, *verbish, *adverbs, *particles, *titles;
} NameScan;

/* seq[i] as a new reference, or NULL with an IndexError (Python's negative indices are not
 * taken: no index here is negative). */
static PyObject *
name_item(PyObject *seq, Py_ssize_t i)
{
    PyObject *found;
    if (i < 0 || i >= PySequence_Fast_GET_SIZE(seq)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    found = PySequence_Fast_GET_ITEM(seq, i);
    Py_INCREF(found);
    return found;
}

/* A token or a lower-case token, as a new reference to a str, or NULL with an exception. */
static PyObject *
name_token(PyObject *seq, Py_ssize_t i)
{
    PyObject *t = name_item(seq, i);
    if (t != NULL && !PyUnicode_Check(t)) {
        PyErr_Format(PyExc_TypeError, "name_extents() takes str tokens, not %.100s",
                     Py_TYPE(t)->tp_name);
        Py_CLEAR(t);
    }
    return t;
}

/* cap(i) of the scorer: 1, 0, or -1 with an exception set. A Caps object's kept answer is read
 * here; anything else (a token's first question, another callable) is a call. */
static int
name_cap(NameScan *s, Py_ssize_t i)
{
    PyObject *index, *answer;
    int found;
    if (Py_TYPE(s->cap) == &CapsType) {
        Caps *c = (Caps *)s->cap;
        if (i >= 0 && i < c->n && c->known[i] >= 0)
            return c->known[i];
    }
    if ((index = PyLong_FromSsize_t(i)) == NULL)
        return -1;
    answer = PyObject_CallOneArg(s->cap, index);
    Py_DECREF(index);
    if (answer == NULL)
        return -1;
    found = PyObject_IsTrue(answer);
    Py_DECREF(answer);
    return found;
}

/* _WORD_RE.match(t) is not None (r"[^\W\d_]" at its start): a first character that is a word
 * character of the regular expressions (alphanumeric or "_") but no decimal digit and no "_". */
static int
word_start(PyObject *t)
{
    Py_UCS4 ch;
    if (PyUnicode_GET_LENGTH(t) == 0)
        return 0;
    ch = PyUnicode_READ_CHAR(t, 0);
    return Py_UNICODE_ISALNUM(ch) && !Py_UNICODE_ISDECIMAL(ch);
}

/* str.isupper(t) */
static int
str_isupper(PyObject *t)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(t), i;
    int kind = PyUnicode_KIND(t), cased = 0;
    const void *data = PyUnicode_DATA(t);
    if (n == 1)
        return Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, 0)) != 0;
    for (i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISLOWER(ch) || Py_UNICODE_ISTITLE(ch))
            return 0;
        if (!cased && Py_UNICODE_ISUPPER(ch))
            cased = 1;
    }
    return cased;
}

/* t[:1].isupper() */
static int
first_upper(PyObject *t)
{
    return PyUnicode_GET_LENGTH(t) > 0 && Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(t, 0));
}

/* t == "." */
static int
is_period(PyObject *t)
{
    return PyUnicode_GET_LENGTH(t) == 1 && PyUnicode_READ_CHAR(t, 0) == '.';
}

/* t == "of" or t == "for" */
static int
of_or_for(PyObject *t)
{
    return PyUnicode_CompareWithASCIIString(t, "of") == 0 ||
        PyUnicode_CompareWithASCIIString(t, "for") == 0;
}

/* The token range (first, last) of token i's sentence, ranges[tsent[i]], read as Python reads
 * it (a negative sentence index from the end): 0, or -1 with an exception set. */
static int
sentence_range(NameScan *s, Py_ssize_t i, Py_ssize_t *first, Py_ssize_t *last)
{
    PyObject *sent_obj = name_item(s->tsent, i), *range;
    Py_ssize_t sent, n_ranges = PySequence_Fast_GET_SIZE(s->ranges);
    int ok = -1;
    if (sent_obj == NULL)
        return -1;
    sent = PyLong_AsSsize_t(sent_obj);
    Py_DECREF(sent_obj);
    if (sent == -1 && PyErr_Occurred())
        return -1;
    if (sent < 0)
        sent += n_ranges;
    if ((range = name_item(s->ranges, sent)) == NULL)
        return -1;
    if (!PyTuple_Check(range) || PyTuple_GET_SIZE(range) != 2)
        PyErr_SetString(PyExc_TypeError, "a sentence's token range is a (first, last) tuple");
    else if (!((*first = PyLong_AsSsize_t(PyTuple_GET_ITEM(range, 0))) == -1 && PyErr_Occurred())
             && !((*last = PyLong_AsSsize_t(PyTuple_GET_ITEM(range, 1))) == -1
                  && PyErr_Occurred()))
        ok = 0;
    Py_DECREF(range);
    return ok;
}

/* _Scorer.opens_sentence_before_name(i), for 0 <= i < len(tok) */
static int
opens_sentence(NameScan *s, Py_ssize_t i)
{
    Py_ssize_t first, last, n;
    PyObject *w;
    int found;
    if (i >= PySequence_Fast_GET_SIZE(s->tsent))
        return 0;
    if (sentence_range(s, i, &first, &last) < 0)
        return -1;
    if (first != i || i + 1 >= PySequence_Fast_GET_SIZE(s->tok))
        return 0;
    if ((w = name_token(s->norm, i)) == NULL)
        return -1;
    found = PySequence_Contains(s->adverbs, w);
    if (found == 0) {
        n = PyUnicode_GET_LENGTH(w);
        found = PyUnicode_Tailmatch(w, s_ing, 0, n, 1);
        found = found < 0 ? -1 : found && n > 5;
    }
    Py_DECREF(w);
    return found <= 0 ? found : name_cap(s, i + 1);
}

/* _Scorer.middle_initial(p, s0), for the one-character token t at p */
static int
middle_initial(NameScan *s, PyObject *t, Py_ssize_t p, Py_ssize_t s0)
{
    PyObject *x;
    int found;
    if (!str_isupper(t) || p + 1 >= PySequence_Fast_GET_SIZE(s->tok))
        return 0;
    if ((x = name_token(s->tok, p + 1)) == NULL)
        return -1;
    found = is_period(x);
    Py_DECREF(x);
    if (!found || p - 1 < s0)
        return 0;
    if ((found = name_cap(s, p - 1)) <= 0)
        return found;
    if ((x = name_token(s->tok, p - 1)) == NULL)
        return -1;
    found = word_start(x);
    Py_DECREF(x);
    if (!found)
        return 0;
    if ((x = name_token(s->norm, p - 1)) == NULL)
        return -1;
    found = PySequence_Contains(s->function, x);
    Py_DECREF(x);
    return found < 0 ? -1 : !found;
}

/* Does the name go on left over token p (full_names' test, its five ways in their order)? */
static int
extends_left(NameScan *s, Py_ssize_t p, Py_ssize_t s0)
{
    PyObject *t = NULL, *w = NULL, *w1 = NULL, *x;
    int found = -1, out, k;
    if ((t = name_token(s->tok, p)) == NULL || (w = name_token(s->norm, p)) == NULL)
        goto done;
    /* a capitalized word of a name */
    if ((found = name_cap(s, p)) < 0)
        goto done;
    if (found && word_start(t) && !(PyUnicode_GET_LENGTH(t) > 1 && str_isupper(t))) {
        PyObject *sets[3] = {s->function, s->partitive, s->verbish};
        for (k = 0, out = 0; k < 3 && !out; k++)
            if ((out = PySequence_Contains(sets[k], w)) < 0) {
                found = -1;
                goto done;
            }
        if (!out) {
            if ((found = opens_sentence(s, p)) < 0)
                goto done;
            if (!found) {
                found = 1;
                goto done;
            }
        }
    }
    /* a middle initial */
    if (PyUnicode_GET_LENGTH(t) == 1 && (found = middle_initial(s, t, p, s0)) != 0)
        goto done;
    found = 0;
    if (p - 1 < s0)
        goto done;  /* each other way needs the token before */
    if ((w1 = name_token(s->norm, p - 1)) == NULL) {
        found = -1;
        goto done;
    }
    /* the period of an initial or a title */
    if (is_period(t)) {
        if ((x = name_token(s->tok, p - 1)) == NULL) {
            found = -1;
            goto done;
        }
        found = PyUnicode_GET_LENGTH(x) == 1;
        Py_DECREF(x);
        if (found || (found = PySequence_Contains(s->titles, w1)) != 0)
            goto done;
    }
    /* a lower-case particle after a capitalized word or another particle */
    if ((found = PySequence_Contains(s->particles, w)) < 0)
        goto done;
    if (found && !first_upper(t)) {
        if ((found = name_cap(s, p - 1)) != 0 ||
                (found = PySequence_Contains(s->particles, w1)) != 0)
            goto done;
    }
    /* "of" or "for" after a title */
    found = of_or_for(w) ? PySequence_Contains(s->titles, w1) : 0;
done:
    Py_XDECREF(t);
    Py_XDECREF(w);
    Py_XDECREF(w1);
    return found;
}

/* One use i of the word: 1 with its extent appended to found, 0 none, -1 an error. */
static int
name_extent(NameScan *s, Py_ssize_t i, PyObject *found)
{
    Py_ssize_t s0, s1, j, k, n = PySequence_Fast_GET_SIZE(s->tok);
    int more;
    PyObject *item, *t;
    if (i < 0) {
        PyErr_SetString(PyExc_IndexError, "a negative token position");
        return -1;
    }
    if (i < PySequence_Fast_GET_SIZE(s->tsent)) {
        if (sentence_range(s, i, &s0, &s1) < 0)
            return -1;
        if (s0 < 0) {
            PyErr_SetString(PyExc_ValueError, "a sentence's token range starts below 0");
            return -1;
        }
    }
    else {
        s0 = i;
        s1 = i + 1;
    }
    if (s1 > n)
        s1 = n;
    for (j = i; j - 1 >= s0; j--) {
        if ((more = extends_left(s, j - 1, s0)) < 0)
            return -1;
        if (!more)
            break;
    }
    for (k = i + 1; k < s1; k++) {
        if ((more = name_cap(s, k)) < 0)
            return -1;
        if (!more)
            break;
        if ((t = name_token(s->tok, k)) == NULL)
            return -1;
        more = word_start(t);
        Py_DECREF(t);
        if (!more)
            break;
    }
    if (k - j < 2 || (k > i + 1 && j < i))
        return 0;
    if ((item = Py_BuildValue("(nnnnn)", i, j, k, s0, s1)) == NULL)
        return -1;
    more = PyList_Append(found, item);
    Py_DECREF(item);
    return more < 0 ? -1 : 1;
}

/* name_extents(cap, tok, norm, tsent, ranges, titles, words, positions): see the docstring. */
static PyObject *
name_extents(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *seqs[5] = {NULL, NULL, NULL, NULL, NULL}, *found = NULL, *words, *position;
    NameScan s;
    Py_ssize_t x, i;
    int k;
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError, "name_extents() takes 8 arguments: cap, tok, norm, "
                        "tsent, ranges, titles, words, positions");
        return NULL;
    }
    words = args[6];
    if (!PyTuple_Check(words) || PyTuple_GET_SIZE(words) != 5) {
        PyErr_SetString(PyExc_TypeError, "words is the tuple (function words, partitives, "
                        "verb-like words, sentence adverbs, name particles)");
        return NULL;
    }
    for (k = 0; k < 5; k++) {  /* tok, norm, tsent, ranges, positions */
        if ((seqs[k] = PySequence_Fast(args[k < 4 ? k + 1 : 7],
                                       "name_extents() takes sequences")) == NULL)
            goto done;
    }
    s.cap = args[0];
    s.tok = seqs[0];
    s.norm = seqs[1];
    s.tsent = seqs[2];
    s.ranges = seqs[3];
    s.titles = args[5];
    s.function = PyTuple_GET_ITEM(words, 0);
    s.partitive = PyTuple_GET_ITEM(words, 1);
    s.verbish = PyTuple_GET_ITEM(words, 2);
    s.adverbs = PyTuple_GET_ITEM(words, 3);
    s.particles = PyTuple_GET_ITEM(words, 4);
    if ((found = PyList_New(0)) == NULL)
        goto done;
    for (x = 0; x < PySequence_Fast_GET_SIZE(seqs[4]); x++) {
        if ((position = name_item(seqs[4], x)) == NULL)
            goto fail;
        i = PyLong_AsSsize_t(position);
        Py_DECREF(position);
        if ((i == -1 && PyErr_Occurred()) || name_extent(&s, i, found) < 0)
            goto fail;
    }
    goto done;
fail:
    Py_CLEAR(found);
done:
    for (k = 0; k < 5; k++)
        Py_XDECREF(seqs[k]);
    return found;
}

/* ---- runs ------------------------------------------------------------------------------------ */

/* What runs reads besides a NameScan's: the sets and callables of _RUN_WORDS, the lexicon's
 * source nouns and the scorer's is_org. */
typedef struct {
    NameScan n;
    PyObject *determiners, *leading, *pronouns, *quote_chars, *connect, *generational;
    PyObject *party_fullmatch, *adjective_search, *nouns, *is_org, *institution;
} RunScan;

/* word in words, the word as a new reference to a str from seq[i]: 1, 0, -1 */
static int
token_in(PyObject *seq, Py_ssize_t i, PyObject *words)
{
    PyObject *w = name_token(seq, i);
    int found;
    if (w == NULL)
        return -1;
    found = PySequence_Contains(words, w);
    Py_DECREF(w);
    return found;
}

/* tok[i] in ("'", "’") */
static int
is_apostrophe(PyObject *t)
{
    Py_UCS4 ch;
    if (PyUnicode_GET_LENGTH(t) != 1)
        return 0;
    ch = PyUnicode_READ_CHAR(t, 0);
    return ch == '\'' || ch == 0x2019;
}

/* Does callable(t) give something other than None? 1, 0, -1 */
static int
matches_word(PyObject *callable, PyObject *t)
{
    PyObject *m = PyObject_CallOneArg(callable, t);
    if (m == NULL)
        return -1;
    Py_DECREF(m);
    return m != Py_None;
}

/* cap(k) and _WORD_RE.match(tok[k]): 1, 0, -1 */
static int
cap_word(RunScan *r, Py_ssize_t k)
{
    PyObject *t;
    int found = name_cap(&r->n, k);
    if (found <= 0)
        return found;
    if ((t = name_token(r->n.tok, k)) == NULL)
        return -1;
    found = word_start(t);
    Py_DECREF(t);
    return found;
}

/* _Scorer._after_particles(j, i1) */
static Py_ssize_t
after_particles(RunScan *r, Py_ssize_t j, Py_ssize_t i1)
{
    Py_ssize_t k = j;
    int found;
    while (k < i1 && (found = token_in(r->n.norm, k, r->n.particles)) != 0) {
        if (found < 0)
            return -1;
        k++;
    }
    if (k >= i1)
        return 0;
    if ((found = cap_word(r, k)) < 0)
        return -1;
    return found ? k : 0;
}

/* _Scorer._particle_start(i, i1), for a token i among the particles */
static Py_ssize_t
particle_start(RunScan *r, Py_ssize_t i, Py_ssize_t i1)
{
    PyObject *t = name_token(r->n.tok, i);
    Py_ssize_t k;
    int found;
    if (t == NULL)
        return -1;
    found = first_upper(t);
    Py_DECREF(t);
    if (found)
        return 0;
    if (i > 0 && (found = name_cap(&r->n, i - 1)) != 0)
        return found < 0 ? -1 : 0;
    if ((k = after_particles(r, i, i1)) < 0)
        return -1;
    return k ? k + 1 : 0;
}

/* Does a run open at token i (the first test of _Scorer.runs_python, without the particles)? */
static int
opens_run(RunScan *r, Py_ssize_t i)
{
    PyObject *t = NULL, *w = NULL;
    PyObject *sets_before[2] = {r->determiners, r->leading};
    PyObject *sets_after[3] = {r->n.partitive, r->pronouns, r->n.function};
    int found, k;
    if ((found = name_cap(&r->n, i)) <= 0)
        return found;
    if ((w = name_token(r->n.norm, i)) == NULL)
        return -1;
    for (k = 0; k < 2; k++)
        if ((found = PySequence_Contains(sets_before[k], w)) != 0)
            goto done_not;
    if ((found = opens_sentence(&r->n, i)) != 0)
        goto done_not;
    if ((t = name_token(r->n.tok, i)) == NULL) {
        found = -1;
        goto done_not;
    }
    if ((found = matches_word(r->party_fullmatch, t)) != 0 ||
            (found = matches_word(r->adjective_search, t)) != 0)
        goto done_not;
    for (k = 0; k < 3; k++)
        if ((found = PySequence_Contains(sets_after[k], w)) != 0)
            goto done_not;
    if ((found = PySequence_Contains(r->quote_chars, t)) != 0)
        goto done_not;
    found = word_start(t);
    Py_DECREF(t);
    Py_DECREF(w);
    return found;
done_not:
    Py_XDECREF(t);
    Py_XDECREF(w);
    return found < 0 ? -1 : 0;
}

/* The end of the run opened at i (j its first extent), as the inner loop of runs_python finds
 * it, or -1 with an exception set. */
static Py_ssize_t
run_end(RunScan *r, Py_ssize_t i, Py_ssize_t j, Py_ssize_t i1)
{
    PyObject *t = NULL, *w = NULL, *t1 = NULL, *w1 = NULL, *x;
    Py_ssize_t k, end = -1;
    int next_cap, found;
    while (j < i1) {
        Py_CLEAR(t);
        Py_CLEAR(w);
        Py_CLEAR(t1);
        Py_CLEAR(w1);
        next_cap = 0;
        if (j + 1 < i1 && (next_cap = name_cap(&r->n, j + 1)) < 0)
            goto done;
        if ((found = cap_word(r, j)) < 0)
            goto done;
        if (found) {  /* a capitalized word */
            j++;
            continue;
        }
        if ((t = name_token(r->n.tok, j)) == NULL || (w = name_token(r->n.norm, j)) == NULL)
            goto done;
        if (is_apostrophe(t) && next_cap) {  /* an apostrophe joining capitalized words */
            j++;
            continue;
        }
        /* j - 1 >= i here: the run holds j - 1 */
        if ((t1 = name_token(r->n.tok, j - 1)) == NULL ||
                (w1 = name_token(r->n.norm, j - 1)) == NULL)
            goto done;
        if ((found = PySequence_Contains(r->n.particles, w)) < 0)
            goto done;
        if (found) {  /* "Bill de Blasio", "von der Leyen" */
            if ((found = name_cap(&r->n, j - 1)) < 0)
                goto done;
            if (found) {
                if ((k = after_particles(r, j, i1)) < 0)
                    goto done;
                if (k) {
                    j = k;
                    continue;
                }
            }
        }
        if ((found = PySequence_Contains(r->connect, w)) < 0)
            goto done;
        if (found && next_cap) {  /* "Ministry of Defence", "Secretary of State" */
            PyObject *kind = PyDict_GetItemWithError(r->nouns, w1);
            if (kind == NULL && PyErr_Occurred())
                goto done;
            found = 0;
            if (kind != NULL) {
                Py_INCREF(kind);
                found = PyObject_RichCompareBool(kind, r->institution, Py_EQ);
                Py_DECREF(kind);
                if (found < 0)
                    goto done;
            }
            if (!found && (found = PySequence_Contains(r->n.titles, w1)) < 0)
                goto done;
            if (!found && of_or_for(w) && j - 2 >= i) {
                if ((x = name_token(r->n.norm, j - 2)) == NULL)
                    goto done;
                found = of_or_for(x);
                Py_DECREF(x);
                if (found && (found = token_in(r->n.norm, j - 3 >= i ? j - 3 : j - 2,
                                               r->n.titles)) < 0)
                    goto done;
            }
            if (found) {
                j++;
                continue;
            }
        }
        if (PyUnicode_CompareWithASCIIString(w, "and") == 0 && j + 1 < i1 &&
                next_cap) {  /* "Office of Management and Budget" */
            PyObject *org, *args_i, *args_k;
            k = j + 1;
            while (k < i1 && (found = name_cap(&r->n, k)) != 0) {
                if (found < 0)
                    goto done;
                k++;
            }
            if ((args_i = PyLong_FromSsize_t(i)) == NULL)
                goto done;
            if ((args_k = PyLong_FromSsize_t(k)) == NULL) {
                Py_DECREF(args_i);
                goto done;
            }
            org = PyObject_CallFunctionObjArgs(r->is_org, args_i, args_k, NULL);
            Py_DECREF(args_i);
            Py_DECREF(args_k);
            if (org == NULL)
                goto done;
            found = PyObject_IsTrue(org);
            Py_DECREF(org);
            if (found < 0)
                goto done;
            if (found) {
                j = k;
                continue;
            }
            break;
        }
        if (is_apostrophe(t) && PyUnicode_GET_LENGTH(t1) > 0 &&
                PyUnicode_READ_CHAR(t1, PyUnicode_GET_LENGTH(t1) - 1) == 's') {
            j++;  /* Tenants' Union */
            continue;
        }
        if (is_period(t) && next_cap) {  /* Rep. Dave Schweikert, Michael C. Murphy */
            if ((found = PySequence_Contains(r->n.titles, w1)) < 0)
                goto done;
            if (found || PyUnicode_GET_LENGTH(t1) == 1) {
                j++;
                continue;
            }
        }
        if (is_period(t) && j - 1 > i) {  /* Martin Luther King Jr. */
            if ((found = PySequence_Contains(r->generational, w1)) < 0)
                goto done;
            if (found) {
                j++;
                continue;
            }
        }
        break;
    }
    /* a trailing possessive apostrophe is not part of the name */
    while (j > i) {
        Py_CLEAR(t);
        if ((t = name_token(r->n.tok, j - 1)) == NULL)
            goto done;
        if (!is_apostrophe(t))
            break;
        j--;
    }
    end = j;
done:
    Py_XDECREF(t);
    Py_XDECREF(w);
    Py_XDECREF(t1);
    Py_XDECREF(w1);
    return end;
}

/* runs(cap, tok, norm, tsent, ranges, titles, nouns, is_org, words, i0, i1): see the docstring */
static PyObject *
runs(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *seqs[4] = {NULL, NULL, NULL, NULL}, *found = NULL, *words, *item;
    RunScan r;
    Py_ssize_t i, j, i0, i1;
    int k, opens;
    if (nargs != 11) {
        PyErr_SetString(PyExc_TypeError, "runs() takes 11 arguments: cap, tok, norm, tsent, "
                        "ranges, titles, nouns, is_org, words, i0, i1");
        return NULL;
    }
    words = args[8];
    if (!PyTuple_Check(words) || PyTuple_GET_SIZE(words) != 12 || !PyDict_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError, "runs() takes the nouns as a dict and the words as "
                        "framing.sources._RUN_WORDS");
        return NULL;
    }
    if ((i0 = PyLong_AsSsize_t(args[9])) == -1 && PyErr_Occurred())
        return NULL;
    if ((i1 = PyLong_AsSsize_t(args[10])) == -1 && PyErr_Occurred())
        return NULL;
    if (i0 < 0) {
        PyErr_SetString(PyExc_ValueError, "runs() takes a first token of 0 or more");
        return NULL;
    }
    for (k = 0; k < 4; k++)
        if ((seqs[k] = PySequence_Fast(args[k + 1], "runs() takes sequences")) == NULL)
            goto done;
    r.n.cap = args[0];
    r.n.tok = seqs[0];
    r.n.norm = seqs[1];
    r.n.tsent = seqs[2];
    r.n.ranges = seqs[3];
    r.n.titles = args[5];
    r.nouns = args[6];
    r.is_org = args[7];
    r.determiners = PyTuple_GET_ITEM(words, 0);
    r.leading = PyTuple_GET_ITEM(words, 1);
    r.n.partitive = PyTuple_GET_ITEM(words, 2);
    r.pronouns = PyTuple_GET_ITEM(words, 3);
    r.n.function = PyTuple_GET_ITEM(words, 4);
    r.quote_chars = PyTuple_GET_ITEM(words, 5);
    r.n.particles = PyTuple_GET_ITEM(words, 6);
    r.connect = PyTuple_GET_ITEM(words, 7);
    r.generational = PyTuple_GET_ITEM(words, 8);
    r.n.adverbs = PyTuple_GET_ITEM(words, 9);
    r.party_fullmatch = PyTuple_GET_ITEM(words, 10);
    r.adjective_search = PyTuple_GET_ITEM(words, 11);
    r.n.verbish = NULL;
    r.institution = s_institution;
    if ((found = PyList_New(0)) == NULL)
        goto done;
    i = i0;
    while (i < i1) {
        if ((opens = opens_run(&r, i)) < 0)
            goto fail;
        j = 0;
        if (!opens) {
            int particle = token_in(r.n.norm, i, r.n.particles);
            if (particle < 0)
                goto fail;
            if (particle && (j = particle_start(&r, i, i1)) < 0)
                goto fail;
            if (!j) {
                i++;
                continue;
            }
        }
        else {
            /* j = norm[i] in _NAME_PARTICLES and self._particle_start(i, i1) or i + 1 */
            int particle = token_in(r.n.norm, i, r.n.particles);
            if (particle < 0)
                goto fail;
            if (particle && (j = particle_start(&r, i, i1)) < 0)
                goto fail;
        }
        if (!j)
            j = i + 1;
        if ((j = run_end(&r, i, j, i1)) < 0)
            goto fail;
        if ((item = Py_BuildValue("(nn)", i, j)) == NULL)
            goto fail;
        k = PyList_Append(found, item);
        Py_DECREF(item);
        if (k < 0)
            goto fail;
        if (j <= i) {
            PyErr_SetString(PyExc_RuntimeError, "runs() found an empty run");
            goto fail;
        }
        i = j;
    }
    goto done;
fail:
    Py_CLEAR(found);
done:
    for (k = 0; k < 4; k++)
        Py_XDECREF(seqs[k]);
    return found;
}

/* ---- title_heads --------------------------------------------------------------------------- */

/* first_letters(tokens, s0, s1) -> (letters, capitals): framing.sources._first_letters_python,
 * of tokens[s0:s1] (a list's or tuple's slice, its bounds taken as Python takes them), how many
 * open with a letter (str.isalpha of the first character) and how many of those with a capital
 * (str.isupper of it: for one character, as here, the character is upper case) */
static PyObject *
first_letters(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *tokens;
    Py_ssize_t s0, s1, k, letters = 0, capitals = 0;
    (void)self;
    if (nargs != 3 || !(PyList_Check(args[0]) || PyTuple_Check(args[0]))) {
        PyErr_SetString(PyExc_TypeError, "first_letters(tokens, s0, s1) takes a list or tuple "
                        "and two indices");
        return NULL;
    }
    tokens = args[0];
    if ((s0 = PyNumber_AsSsize_t(args[1], NULL)) == -1 && PyErr_Occurred())
        return NULL;
    if ((s1 = PyNumber_AsSsize_t(args[2], NULL)) == -1 && PyErr_Occurred())
        return NULL;
    PySlice_AdjustIndices(PySequence_Fast_GET_SIZE(tokens), &s0, &s1, 1);
    for (k = s0; k < s1 && k < PySequence_Fast_GET_SIZE(tokens); k++) {
        PyObject *t = PySequence_Fast_GET_ITEM(tokens, k);
        Py_UCS4 ch;
        if (!PyUnicode_Check(t)) {
            PyErr_Format(PyExc_TypeError, "a token is a str, not %.100s", Py_TYPE(t)->tp_name);
            return NULL;
        }
        if (PyUnicode_GET_LENGTH(t) == 0)
            continue;
        ch = PyUnicode_READ_CHAR(t, 0);
        if (Py_UNICODE_ISALPHA(ch)) {
            letters++;
            capitals += Py_UNICODE_ISUPPER(ch) != 0;
        }
    }
    return Py_BuildValue("(nn)", letters, capitals);
}

/* title_heads(norm, heads) -> [(k, head), ...]: the lower-case tokens whose last part after a
 * hyphen, without its periods (w.rpartition("-")[2].rstrip(".")), is a key of the dict heads,
 * with its value, in order. A token without a hyphen or a final period is looked up as it is
 * (no new str), the others by the part. */
static PyObject *
title_heads(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *norm, *heads, *found, *w, *part, *head, *item;
    Py_ssize_t k, n, e, h;
    if (nargs != 2 || !PyList_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "title_heads() takes a list of tokens and a dict");
        return NULL;
    }
    norm = args[0];
    heads = args[1];
    if ((found = PyList_New(0)) == NULL)
        return NULL;
    for (k = 0; k < PyList_GET_SIZE(norm); k++) {
        w = PyList_GET_ITEM(norm, k);
        if (!PyUnicode_Check(w)) {
            PyErr_Format(PyExc_TypeError, "title_heads() takes str tokens, not %.100s",
                         Py_TYPE(w)->tp_name);
            goto fail;
        }
        Py_INCREF(w);
        n = PyUnicode_GET_LENGTH(w);
        for (e = n; e > 0 && PyUnicode_READ_CHAR(w, e - 1) == '.'; e--)
            ;
        h = e > 0 ? PyUnicode_FindChar(w, '-', 0, e, -1) : -1;
        if (h == -2) {
            Py_DECREF(w);
            goto fail;
        }
        if (h == -1 && e == n) {
            part = w;
        }
        else if ((part = PyUnicode_Substring(w, h + 1, e)) == NULL) {
            Py_DECREF(w);
            goto fail;
        }
        else
            Py_DECREF(w);
        head = PyDict_GetItemWithError(heads, part);
        Py_XINCREF(head);
        Py_DECREF(part);
        if (head == NULL) {
            if (PyErr_Occurred())
                goto fail;
            continue;
        }
        /* compress() keeps a true head: a key whose value is false is no title */
        if ((h = PyObject_IsTrue(head)) <= 0) {
            Py_DECREF(head);
            if (h < 0)
                goto fail;
            continue;
        }
        item = Py_BuildValue("(nN)", k, head);
        if (item == NULL || PyList_Append(found, item) < 0) {
            Py_XDECREF(item);
            goto fail;
        }
        Py_DECREF(item);
    }
    return found;
fail:
    Py_DECREF(found);
    return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* the lines that may open a transcript's turn                                              */

/* turn_lines(text, match) -> [start, ...]: framing.sources._turn_lines, the starts of the
 * lines (split at "\n") that open with an ASCII letter, hold a colon or at most three spaces
 * once their trailing spaces and tabs are stripped, and where match(text, start) is not None */
static PyObject *
turn_lines(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *text, *match, *out;
    Py_ssize_t n, start = 0;
    const void *data;
    int kind;
    (void)self;
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "turn_lines(text, match) takes a str and a callable");
        return NULL;
    }
    text = args[0];
    match = args[1];
    if (PyUnicode_READY(text) < 0)
        return NULL;
    n = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    if ((out = PyList_New(0)) == NULL)
        return NULL;
    while (start <= n) {
        Py_ssize_t end = n, last, k, spaces = 0;
        Py_UCS4 first;
        if (start < n) {  /* the line's end: the next "\n" (found as str.find finds it) */
            end = PyUnicode_FindChar(text, '\n', start, n, 1);
            if (end == -2)
                goto error;
            if (end < 0)
                end = n;
        }
        first = start < end ? PyUnicode_READ(kind, data, start) : 0;
        if ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')) {
            /* a colon in the line, else at most three spaces before its trailing blanks */
            Py_ssize_t colon = PyUnicode_FindChar(text, ':', start, end, 1);
            if (colon == -2)
                goto error;
            if (colon < 0) {
                last = end;  /* line.rstrip(" \t") */
                while (last > start) {
                    Py_UCS4 c = PyUnicode_READ(kind, data, last - 1);
                    if (c != ' ' && c != '\t')
                        break;
                    last--;
                }
                for (k = start; k < last && spaces <= 3; k++)
                    spaces += PyUnicode_READ(kind, data, k) == ' ';
            }
            if (colon >= 0 || spaces <= 3) {
                PyObject *pos = PyLong_FromSsize_t(start), *found;
                if (pos == NULL)
                    goto error;
                found = PyObject_CallFunctionObjArgs(match, text, pos, NULL);
                if (found == NULL) {
                    Py_DECREF(pos);
                    goto error;
                }
                if (found != Py_None && PyList_Append(out, pos) < 0) {
                    Py_DECREF(found);
                    Py_DECREF(pos);
                    goto error;
                }
                Py_DECREF(found);
                Py_DECREF(pos);
            }
        }
        start = end + 1;
    }
    return out;
error:
    Py_DECREF(out);
    return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* the result's objects                                                                     */

/* The offsets of the slots `fields` of `type` (each a member descriptor of that very type
 * holding an object, writable) in `offsets`: 1; 0 when the type is not laid out so (its
 * instances are then made by calling it); -1 with an exception set. */
static int
slot_offsets(PyObject *type, PyObject *fields, Py_ssize_t *offsets)
{
    Py_ssize_t k, n = PyTuple_GET_SIZE(fields);
    if (((PyTypeObject *)type)->tp_new != PyBaseObject_Type.tp_new)
        return 0;
    for (k = 0; k < n; k++) {
        int found = object_slot_offset(type, PyTuple_GET_ITEM(fields, k), &offsets[k]);
        if (found <= 0)
            return found;
    }
    return 1;
}

/* slotted(type, fields, rows, defaults) -> [type(*row, *defaults) for row in rows] */
static PyObject *
slotted(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *type, *fields, *rows, *defaults, *out;
    Py_ssize_t n_fields = 0, n_defaults, n_rows, r, k, *offsets = NULL;
    int laid_out = 0;
    (void)self;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "slotted(type, fields, rows, defaults)");
        return NULL;
    }
    type = args[0];
    fields = args[1];
    rows = args[2];
    defaults = args[3];
    if (!PyType_Check(type) || !(fields == Py_None || PyTuple_CheckExact(fields))
            || !PyList_CheckExact(rows) || !PyTuple_CheckExact(defaults)) {
        PyErr_SetString(PyExc_TypeError,
                        "slotted takes a type, a tuple of its fields or None, a list of "
                        "rows and a tuple of defaults");
        return NULL;
    }
    n_defaults = PyTuple_GET_SIZE(defaults);
    if (fields != Py_None) {
        n_fields = PyTuple_GET_SIZE(fields);
        if ((offsets = PyMem_New(Py_ssize_t, n_fields > 0 ? n_fields : 1)) == NULL)
            return PyErr_NoMemory();
        if ((laid_out = slot_offsets(type, fields, offsets)) < 0) {
            PyMem_Free(offsets);
            return NULL;
        }
    }
    n_rows = PyList_GET_SIZE(rows);
    if ((out = PyList_New(n_rows)) == NULL) {
        PyMem_Free(offsets);
        return NULL;
    }
    for (r = 0; r < n_rows; r++) {
        PyObject *row = PyList_GET_ITEM(rows, r), *obj;
        Py_ssize_t n_row;
        if (!PyTuple_CheckExact(row)) {  /* any other iterable: called, as *row unpacks it */
            PyObject *call_args = PySequence_Tuple(row), *all_args;
            if (call_args == NULL)
                goto error;
            all_args = PySequence_Concat(call_args, defaults);
            Py_DECREF(call_args);
            if (all_args == NULL)
                goto error;
            obj = PyObject_Call(type, all_args, NULL);
            Py_DECREF(all_args);
            if (obj == NULL)
                goto error;
            PyList_SET_ITEM(out, r, obj);
            continue;
        }
        n_row = PyTuple_GET_SIZE(row);
        if (laid_out && n_row + n_defaults == n_fields) {
            if ((obj = ((PyTypeObject *)type)->tp_alloc((PyTypeObject *)type, 0)) == NULL)
                goto error;
            for (k = 0; k < n_row; k++)
                *(PyObject **)((char *)obj + offsets[k]) = Py_NewRef(PyTuple_GET_ITEM(row, k));
            for (k = 0; k < n_defaults; k++)
                *(PyObject **)((char *)obj + offsets[n_row + k]) =
                    Py_NewRef(PyTuple_GET_ITEM(defaults, k));
        }
        else {  /* called: type(*row, *defaults) */
            PyObject *call_args = PySequence_Concat(row, defaults);
            if (call_args == NULL)
                goto error;
            obj = PyObject_Call(type, call_args, NULL);
            Py_DECREF(call_args);
            if (obj == NULL)
                goto error;
        }
        PyList_SET_ITEM(out, r, obj);
    }
    PyMem_Free(offsets);
    return out;
error:
    PyMem_Free(offsets);
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"find", find, METH_VARARGS,
     "find(norm, token_sentence, by_first, prefixes, entries) -> [(first, end, payload), ...]: "
     "framing.sources._Phrases.find_python over a segmentation's lower-case tokens and their "
     "sentences, with the matcher's patterns by first word, its wildcard prefixes (a tuple) and "
     "its _entries method (called for a candidate word only when there are prefixes)."},
    {"positions", positions, METH_VARARGS,
     "positions(tokens, word) -> [i, ...]: the indices of the items of the list tokens equal "
     "to word, in order (framing.sources._positions_python)."},
    {"name_extents", (PyCFunction)(void (*)(void))name_extents, METH_FASTCALL,
     "name_extents(cap, tok, norm, tsent, ranges, titles, words, positions) -> [(i, j, k, s0, "
     "s1), ...]: framing.sources._Scorer.name_extents_python, the scorer's cap, tokens, "
     "lower-case tokens, their sentences and the sentences' token ranges given, with its titles "
     "and words = (function words, partitives, verb-like words, sentence adverbs, name "
     "particles)."},
    {"runs", (PyCFunction)(void (*)(void))runs, METH_FASTCALL,
     "runs(cap, tok, norm, tsent, ranges, titles, nouns, is_org, words, i0, i1) -> [(first, "
     "end), ...]: framing.sources._Scorer.runs_python, the capitalized runs in tokens [i0, i1), "
     "the scorer's cap, tokens, sentences, titles, source nouns and is_org given, with "
     "words = framing.sources._RUN_WORDS."},
    {"title_heads", (PyCFunction)(void (*)(void))title_heads, METH_FASTCALL,
     "title_heads(norm, heads) -> [(k, head), ...]: framing.sources._title_heads_python, the "
     "tokens whose last part after a hyphen, without its periods, names a title in heads."},
    {"first_letters", (PyCFunction)(void (*)(void))first_letters, METH_FASTCALL,
     "first_letters(tokens, s0, s1) -> (letters, capitals): framing.sources."
     "_first_letters_python, of the tokens[s0:s1] those that open with a letter and, of them, "
     "those that open with a capital."},
    {"nonblank", nonblank, METH_O,
     "nonblank(s) -> int: len(''.join(s.split())), the characters of s that are not white "
     "space."},
    {"turn_lines", (PyCFunction)(void (*)(void))turn_lines, METH_FASTCALL,
     "turn_lines(text, match) -> [start, ...]: framing.sources._turn_lines_python, the starts of "
     "the lines of text that open with an ASCII letter, hold a colon or at most three spaces "
     "before their trailing spaces and tabs, and where match(text, start) is not None."},
    {"slotted", (PyCFunction)(void (*)(void))slotted, METH_FASTCALL,
     "slotted(type, fields, rows, defaults) -> [type(*row, *defaults) for row in rows]: each "
     "made as the __init__ of a dataclass that only sets its fields makes it (its slots, named "
     "in order by the tuple fields, set directly), or by calling the type when fields is None "
     "or the type's instances are not laid out so."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_sources_c",
    "framing.sources' phrase scan and capitals test in C (see framing._compiled).", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__sources_c(void)
{
    PyObject *m;
    if (s_startswith == NULL && (s_startswith = PyUnicode_InternFromString("startswith")) == NULL)
        return NULL;
    if (s_ing == NULL && (s_ing = PyUnicode_InternFromString("ing")) == NULL)
        return NULL;
    if (s_institution == NULL &&
            (s_institution = PyUnicode_InternFromString("institution")) == NULL)
        return NULL;
    if (PyType_Ready(&CapsType) < 0 || (m = PyModule_Create(&module)) == NULL)
        return NULL;
    Py_INCREF(&CapsType);
    if (PyModule_AddObject(m, "Caps", (PyObject *)&CapsType) < 0) {
        Py_DECREF(&CapsType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
