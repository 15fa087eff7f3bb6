/* Tokenizer of framing.text in C: the spans of framing.text._TOKEN_RE over a string.
 *
 * The regular expression (see text.py) is, tried in this order at each position:
 *   (?:[^\W\d_]\.){2,}                    dotted abbreviations: U.S., e.g.
 *   \d+(?:[.,:/]\d+)*(?:%|st|nd|rd|th)?   numbers: 1,000  3.5  9/11  30%  2nd
 *   [^\W_]+(?:[-'’][^\W_]+)*              words, with internal hyphens and apostrophes
 *   \S                                    any other single character
 * with the character classes of Python's re module on str patterns: \w is
 * Py_UNICODE_ISALNUM or '_', \d is Py_UNICODE_ISDECIMAL, \s is Py_UNICODE_ISSPACE. Every
 * alternative is greedy with nothing after it, so its longest run is its match.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define RIGHT_QUOTE 0x2019

static inline int is_alnum(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c); }
static inline int is_digit(Py_UCS4 c) { return Py_UNICODE_ISDECIMAL(c); }
static inline int is_letter(Py_UCS4 c) { return c != '_' && is_alnum(c) && !is_digit(c); }

/* End of the token starting at i (i < n, text[i] not white space). */
static Py_ssize_t token_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    /* dotted abbreviation: two or more letter-period pairs */
    if (is_letter(c)) {
        Py_ssize_t j = i, pairs = 0;
        while (j + 1 < n && is_letter(PyUnicode_READ(kind, data, j))
               && PyUnicode_READ(kind, data, j + 1) == '.') {
            j += 2;
            pairs++;
        }
        if (pairs >= 2)
            return j;
    }
    /* number */
    if (is_digit(c)) {
        Py_ssize_t j = i + 1;
        while (j < n && is_digit(PyUnicode_READ(kind, data, j)))
            j++;
        while (j + 1 < n) {
            Py_UCS4 sep = PyUnicode_READ(kind, data, j);
            if ((sep == '.' || sep == ',' || sep == ':' || sep == '/')
                && is_digit(PyUnicode_READ(kind, data, j + 1))) {
                j += 2;
                while (j < n && is_digit(PyUnicode_READ(kind, data, j)))
                    j++;
            }
            else
                break;
        }
        if (j < n) {
            Py_UCS4 a = PyUnicode_READ(kind, data, j);
            if (a == '%')
                return j + 1;
            if (j + 1 < n) {
                Py_UCS4 b = PyUnicode_READ(kind, data, j + 1);
                if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd')
                    || (a == 't' && b == 'h'))
                    return j + 2;
            }
        }
        return j;
    }
    /* word, with internal hyphens and apostrophes */
    if (c != '_' && is_alnum(c)) {
        Py_ssize_t j = i + 1;
        while (j < n && (PyUnicode_READ(kind, data, j) != '_')
               && is_alnum(PyUnicode_READ(kind, data, j)))
            j++;
        while (j + 1 < n) {
            Py_UCS4 sep = PyUnicode_READ(kind, data, j);
            Py_UCS4 next = PyUnicode_READ(kind, data, j + 1);
            if ((sep == '-' || sep == '\'' || sep == RIGHT_QUOTE) && next != '_'
                && is_alnum(next)) {
                j += 2;
                while (j < n && PyUnicode_READ(kind, data, j) != '_'
                       && is_alnum(PyUnicode_READ(kind, data, j)))
                    j++;
            }
            else
                break;
        }
        return j;
    }
    return i + 1; /* any other single character */
}

/* The tuple (a, b) of two ints (NULL with an exception set). */
static PyObject *pair(Py_ssize_t a, Py_ssize_t b)
{
    PyObject *first = PyLong_FromSsize_t(a);
    PyObject *second = PyLong_FromSsize_t(b);
    if (first == NULL || second == NULL) {
        Py_XDECREF(first);
        Py_XDECREF(second);
        return NULL;
    }
    PyObject *t = PyTuple_New(2);
    if (t == NULL) {
        Py_DECREF(first);
        Py_DECREF(second);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, first);
    PyTuple_SET_ITEM(t, 1, second);
    return t;
}

static PyObject *token_spans(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "token_spans() takes a str, not %.100s",
                     Py_TYPE(text)->tp_name);
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *spans = PyList_New(0);
    if (spans == NULL)
        return NULL;
    Py_ssize_t i = 0;
    while (i < n) {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t end = token_end(kind, data, n, i);
        PyObject *span = pair(i, end);
        if (span == NULL || PyList_Append(spans, span) < 0) {
            Py_XDECREF(span);
            Py_DECREF(spans);
            return NULL;
        }
        Py_DECREF(span);
        i = end;
    }
    return spans;
}

/* A token's lower case: for an ASCII token, made here (the token itself when it holds no
 * upper-case letter); for any other, str.lower's. */
static PyObject *lowered(PyObject *token)
{
    if (!PyUnicode_IS_ASCII(token))
        return PyObject_CallMethod(token, "lower", NULL);
    Py_ssize_t n = PyUnicode_GET_LENGTH(token);
    const Py_UCS1 *chars = PyUnicode_1BYTE_DATA(token);
    Py_ssize_t k = 0;
    while (k < n && !(chars[k] >= 'A' && chars[k] <= 'Z'))
        k++;
    if (k == n) {
        Py_INCREF(token);
        return token;
    }
    PyObject *low = PyUnicode_New(n, 127);
    if (low == NULL)
        return NULL;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(low);
    for (Py_ssize_t j = 0; j < n; j++)
        out[j] = (chars[j] >= 'A' && chars[j] <= 'Z') ? (Py_UCS1)(chars[j] + 32) : chars[j];
    return low;
}

static PyObject *token_texts(PyObject *self, PyObject *args)
{
    PyObject *text, *spans;
    if (!PyArg_ParseTuple(args, "UO!:token_texts", &text, &PyList_Type, &spans))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(spans);
    PyObject *tokens = PyList_New(n);
    PyObject *starts = PyList_New(n);
    PyObject *lower = PyList_New(n);
    if (tokens == NULL || starts == NULL || lower == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *span = PyList_GET_ITEM(spans, i);
        if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 2) {
            PyErr_SetString(PyExc_TypeError, "token_texts() takes a list of (start, end) pairs");
            goto error;
        }
        PyObject *start = PyTuple_GET_ITEM(span, 0);
        Py_ssize_t a = PyLong_AsSsize_t(start);
        Py_ssize_t b = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
        if ((a == -1 || b == -1) && PyErr_Occurred())
            goto error;
        PyObject *token = PyUnicode_Substring(text, a, b);
        if (token == NULL)
            goto error;
        PyList_SET_ITEM(tokens, i, token);
        Py_INCREF(start);
        PyList_SET_ITEM(starts, i, start);
        PyObject *low = lowered(token);
        if (low == NULL)
            goto error;
        PyList_SET_ITEM(lower, i, low);
    }
    return Py_BuildValue("(NNN)", tokens, starts, lower);
error:
    Py_XDECREF(tokens);
    Py_XDECREF(starts);
    Py_XDECREF(lower);
    return NULL;
}

static PyMethodDef methods[] = {
    {"token_texts", token_texts, METH_VARARGS,
     "token_texts(text, spans) -> (tokens, starts, lower): each span's text, its start, and the "
     "text's lower case (str.lower)."},
    {"token_spans", token_spans, METH_O,
     "token_spans(text) -> [(start, end), ...]: the spans of framing.text._TOKEN_RE.finditer(text)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_text_c", "framing.text's tokenizer in C (see framing._compiled).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__text_c(void) { return PyModule_Create(&module); }
