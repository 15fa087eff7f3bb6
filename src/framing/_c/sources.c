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
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *s_startswith;

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

/* Does the pattern `entry` match the words from i (it stays within i's sentence)? */
static int
matches(PyObject *entry, PyObject **words, PyObject **sents, Py_ssize_t n, Py_ssize_t n_sents,
        Py_ssize_t i, Py_ssize_t *end, PyObject **payload)
{
    PyObject *slots_seq = NULL, *slot, *unpacked;
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
    last = *end - 1 < 0 ? *end - 1 + n_sents : *end - 1;
    if (last < 0 || last >= n_sents || i >= n_sents) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    if ((same = PyObject_RichCompareBool(sents[last], sents[i], Py_NE)) != 0)
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
        if (PyTuple_Check(slot) && PyTuple_GET_SIZE(slot) == 2) {
            ok = fits(words[i + k], PyTuple_GET_ITEM(slot, 0), PyTuple_GET_ITEM(slot, 1));
            continue;
        }
        if ((unpacked = PySequence_Tuple(slot)) == NULL) {
            ok = -1;
            break;
        }
        if (PyTuple_GET_SIZE(unpacked) != 2) {
            PyErr_SetString(PyExc_ValueError, "a slot is a (literals, prefixes) pair");
            ok = -1;
        }
        else
            ok = fits(words[i + k], PyTuple_GET_ITEM(unpacked, 0), PyTuple_GET_ITEM(unpacked, 1));
        Py_DECREF(unpacked);
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

static PyObject *
find(PyObject *self, PyObject *args)
{
    PyObject *norm, *tsent, *first, *prefixes, *entries;
    PyObject *words_seq = NULL, *sents_seq = NULL, *out = NULL, *cands = NULL, *cand_seq = NULL;
    PyObject **words, **sents;
    Py_ssize_t n, n_sents, i, nxt = 0, j, n_entries;
    int with_prefixes, is_first;
    if (!PyArg_ParseTuple(args, "OOO!OO:find", &norm, &tsent, &PyDict_Type, &first, &prefixes,
                          &entries))
        return NULL;
    if ((with_prefixes = PyObject_IsTrue(prefixes)) < 0)
        return NULL;
    /* tuples of the words and sentence indices: the loop holds on to them while it calls out */
    if ((words_seq = PySequence_Tuple(norm)) == NULL)
        return NULL;
    if ((sents_seq = PySequence_Tuple(tsent)) == NULL)
        goto error;
    if ((out = PyList_New(0)) == NULL)
        goto error;
    n = PySequence_Fast_GET_SIZE(words_seq);
    n_sents = PySequence_Fast_GET_SIZE(sents_seq);
    words = PySequence_Fast_ITEMS(words_seq);
    sents = PySequence_Fast_ITEMS(sents_seq);
    for (i = 0; i < n; i++) {
        PyObject *word = words[i];
        if (i < nxt)
            continue;  /* inside the last match */
        /* a candidate: a known first word, or one starting with a wildcard prefix */
        if ((is_first = PyDict_Contains(first, word)) < 0)
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
        if (!is_first)
            continue;
        if ((cands = entries_of(word, first, with_prefixes, entries)) == NULL) {
            if (PyErr_Occurred())
                goto error;
            continue;
        }
        if ((cand_seq = PySequence_Fast(cands, "entries must be a sequence")) == NULL)
            goto error;
        Py_CLEAR(cands);
        n_entries = PySequence_Fast_GET_SIZE(cand_seq);
        for (j = 0; j < n_entries; j++) {
            Py_ssize_t end;
            PyObject *payload, *match;
            int ok = matches(PySequence_Fast_GET_ITEM(cand_seq, j), words, sents, n, n_sents, i,
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
    return NULL;
}

static PyMethodDef methods[] = {
    {"find", find, METH_VARARGS,
     "find(norm, token_sentence, by_first, prefixes, entries) -> [(first, end, payload), ...]: "
     "framing.sources._Phrases.find_python over a segmentation's lower-case tokens and their "
     "sentences, with the matcher's patterns by first word, its wildcard prefixes (a tuple) and "
     "its _entries method (called for a candidate word only when there are prefixes)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_sources_c",
    "framing.sources' phrase scan in C (see framing._compiled).", -1, methods,
};

PyMODINIT_FUNC
PyInit__sources_c(void)
{
    if (s_startswith == NULL && (s_startswith = PyUnicode_InternFromString("startswith")) == NULL)
        return NULL;
    return PyModule_Create(&module);
}
