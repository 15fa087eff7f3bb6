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

/* ---------------------------------------------------------------------------------------------
 * Clitics: framing.text._token_spans, the tokenizer's spans with "n't", "'s", "'re", "'ve",
 * "'ll", "'d", "'m" and the "not" of "cannot" split off. text.py finds the tokens holding an
 * apostrophe or a match of (?i:\bcannot\b), and splits those of more than two characters that
 * _CLITIC_RE = (?i)(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))|(can)(not) matches whole: with the lazy
 * prefix, the longest clitic that ends the token and leaves at least one character before it;
 * else the token "cannot" itself. Case-insensitively these letters match their two ASCII cases,
 * and s also the long s (U+017F), as in Python's re.
 * ------------------------------------------------------------------------------------------- */

static inline int is_apostrophe(Py_UCS4 c) { return c == '\'' || c == RIGHT_QUOTE; }
static inline int ci(Py_UCS4 c, char letter) { return c == (Py_UCS4)letter || c == (Py_UCS4)(letter - 32); }
static inline int is_word_char(Py_UCS4 c) { return c == '_' || Py_UNICODE_ISALNUM(c); }

/* Where the clitic of the token text[s:e] starts, or -1 when it is not split. */
static Py_ssize_t clitic_cut(int kind, const void *data, Py_ssize_t n, Py_ssize_t s, Py_ssize_t e)
{
    Py_ssize_t len = e - s;
    if (len <= 2)
        return -1;
    int apostrophe = 0;
    for (Py_ssize_t k = s; k < e && !apostrophe; k++)
        apostrophe = is_apostrophe(PyUnicode_READ(kind, data, k));
    if (apostrophe) {
        if (len >= 4) { /* a three-character clitic */
            Py_UCS4 a = PyUnicode_READ(kind, data, e - 3), b = PyUnicode_READ(kind, data, e - 2),
                    c = PyUnicode_READ(kind, data, e - 1);
            if ((ci(a, 'n') && is_apostrophe(b) && ci(c, 't'))
                || (is_apostrophe(a) && ((ci(b, 'r') && ci(c, 'e')) || (ci(b, 'v') && ci(c, 'e'))
                                         || (ci(b, 'l') && ci(c, 'l')))))
                return e - 3;
        }
        Py_UCS4 a = PyUnicode_READ(kind, data, e - 2), b = PyUnicode_READ(kind, data, e - 1);
        if (is_apostrophe(a) && (ci(b, 's') || b == 0x017F || ci(b, 'd') || ci(b, 'm')))
            return e - 2;
        return -1;
    }
    if (len == 6 && ci(PyUnicode_READ(kind, data, s), 'c') && ci(PyUnicode_READ(kind, data, s + 1), 'a')
        && ci(PyUnicode_READ(kind, data, s + 2), 'n') && ci(PyUnicode_READ(kind, data, s + 3), 'n')
        && ci(PyUnicode_READ(kind, data, s + 4), 'o') && ci(PyUnicode_READ(kind, data, s + 5), 't')
        && (s == 0 || !is_word_char(PyUnicode_READ(kind, data, s - 1)))
        && (e == n || !is_word_char(PyUnicode_READ(kind, data, e))))
        return s + 3;
    return -1;
}

static int append_span(PyObject *spans, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *span = pair(a, b);
    if (span == NULL)
        return -1;
    int failed = PyList_Append(spans, span) < 0;
    Py_DECREF(span);
    return failed ? -1 : 0;
}

/* The token spans of text (str), each clitic split off when split_clitics. */
static PyObject *scan_tokens(PyObject *text, int split_clitics, const char *caller)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a str, not %.100s", caller,
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
        Py_ssize_t cut = split_clitics ? clitic_cut(kind, data, n, i, end) : -1;
        if ((cut < 0 ? append_span(spans, i, end)
             : (append_span(spans, i, cut) < 0 ? -1 : append_span(spans, cut, end))) < 0) {
            Py_DECREF(spans);
            return NULL;
        }
        i = end;
    }
    return spans;
}

static PyObject *token_spans(PyObject *self, PyObject *text)
{
    return scan_tokens(text, 0, "token_spans");
}

static PyObject *clitic_token_spans(PyObject *self, PyObject *text)
{
    return scan_tokens(text, 1, "clitic_token_spans");
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

/* normalize_token of a lower-cased token holding an apostrophe: its lower case (str.lower;
 * unchanged for ASCII), ’ made ', and "n't" made "not". */
static PyObject *normalized(PyObject *low)
{
    PyObject *again = PyUnicode_IS_ASCII(low) ? (Py_INCREF(low), low)
                                              : PyObject_CallMethod(low, "lower", NULL);
    if (again == NULL)
        return NULL;
    PyObject *curly = PyUnicode_FromOrdinal(RIGHT_QUOTE), *straight = PyUnicode_FromOrdinal('\'');
    PyObject *out = NULL;
    if (curly != NULL && straight != NULL)
        out = PyUnicode_Replace(again, curly, straight, -1);
    Py_XDECREF(curly);
    Py_XDECREF(straight);
    Py_DECREF(again);
    if (out != NULL && PyUnicode_CompareWithASCIIString(out, "n't") == 0) {
        Py_DECREF(out);
        out = PyUnicode_FromString("not");
    }
    return out;
}

static int has_apostrophe(PyObject *s)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(s); k++)
        if (is_apostrophe(PyUnicode_READ(kind, data, k)))
            return 1;
    return 0;
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
        if (low != NULL && has_apostrophe(low)) {
            PyObject *norm = normalized(low);
            Py_DECREF(low);
            low = norm;
        }
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

/* ---------------------------------------------------------------------------------------------
 * Sentences: framing.text._sentence_spans (with _line_spans, _is_boundary, _next_word,
 * _is_run_on_boundary and _trimmed) over every paragraph, and the token range of each sentence.
 *
 * _ANY_SENTENCE_END_RE, matched by finditer(text, line_start, line_end), is
 *   [.!?…]+(?:["'”’)\]]*(?=\s)|[”’)]*(?=["“‘]?[A-Z][a-z]))
 * tried at each position with Python's backtracking: the longest run of terminal punctuation
 * first, then the first alternative (closing marks, then white space; only the longest run of
 * closing marks can be followed by white space), then the second (closing marks, then an
 * optional opening quotation mark and a capital letter and a lower-case one, ASCII), then a
 * shorter run of terminal punctuation. Nothing past line_end is seen (it is the end of the
 * string for the expression). Where text.py calls str methods on one character (isupper,
 * isdigit, islower, isalpha, isalnum, isspace), the C macros of the same name are what they
 * call; the lower case of a word is str.lower's, called here.
 * ------------------------------------------------------------------------------------------- */

#define READ(i) PyUnicode_READ(kind, data, (i))

static inline int is_terminal(Py_UCS4 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }
static inline int is_ascii_upper(Py_UCS4 c) { return c >= 'A' && c <= 'Z'; }
static inline int is_ascii_lower(Py_UCS4 c) { return c >= 'a' && c <= 'z'; }
/* ["“‘]: an opening quotation mark */
static inline int is_open_quote(Py_UCS4 c) { return c == '"' || c == 0x201C || c == 0x2018; }
/* ["'”’)\]]: what may close a sentence before white space */
static inline int is_closer(Py_UCS4 c)
{
    return c == '"' || c == '\'' || c == 0x201D || c == RIGHT_QUOTE || c == ')' || c == ']';
}
/* [”’)]: what may close a sentence run into the next one */
static inline int is_run_on_closer(Py_UCS4 c) { return c == 0x201D || c == RIGHT_QUOTE || c == ')'; }
/* ["'“‘(\[]: what may open the next sentence (_NEXT_START_RE's group 1) */
static inline int is_opener(Py_UCS4 c)
{
    return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == '(' || c == '[';
}
/* "“‘'( : what ends the word before a period, looking back */
static inline int ends_word_back(Py_UCS4 c)
{
    return c == '"' || c == 0x201C || c == 0x2018 || c == '\'' || c == '(';
}

/* End of _ANY_SENTENCE_END_RE's match at p (text[p] is terminal punctuation), or -1. */
static Py_ssize_t sentence_end_match(int kind, const void *data, Py_ssize_t p, Py_ssize_t limit)
{
    Py_ssize_t run = 0;
    while (p + run < limit && is_terminal(READ(p + run)))
        run++;
    for (Py_ssize_t k = run; k >= 1; k--) {
        Py_ssize_t q = p + k, m = 0;
        while (q + m < limit && is_closer(READ(q + m)))
            m++;
        for (Py_ssize_t j = m; j >= 0; j--)
            if (q + j < limit && Py_UNICODE_ISSPACE(READ(q + j)))
                return q + j;
        m = 0;
        while (q + m < limit && is_run_on_closer(READ(q + m)))
            m++;
        for (Py_ssize_t j = m; j >= 0; j--) {
            Py_ssize_t r = q + j;
            if (r + 2 < limit && is_open_quote(READ(r)) && is_ascii_upper(READ(r + 1))
                && is_ascii_lower(READ(r + 2)))
                return r;
            if (r + 1 < limit && is_ascii_upper(READ(r)) && is_ascii_lower(READ(r + 1)))
                return r;
        }
    }
    return -1;
}

/* Is text[a:b]'s lower case (str.lower), with trailing periods stripped when `rstrip`, in the
 * set `words`? Stores the lower case in *low (a new reference) when low is not NULL. 1, 0, or
 * -1 with an exception set. */
static int lower_in(PyObject *text, Py_ssize_t a, Py_ssize_t b, int rstrip, PyObject *words,
                    PyObject **low)
{
    PyObject *word = PyUnicode_Substring(text, a, b);
    if (word == NULL)
        return -1;
    PyObject *lower = PyObject_CallMethod(word, "lower", NULL);
    Py_DECREF(word);
    if (lower == NULL)
        return -1;
    if (rstrip) {
        PyObject *stripped = PyObject_CallMethod(lower, "rstrip", "s", ".");
        Py_DECREF(lower);
        if (stripped == NULL)
            return -1;
        lower = stripped;
    }
    int found = PySet_Contains(words, lower);
    if (low != NULL && found >= 0)
        *low = lower;
    else
        Py_DECREF(lower);
    return found;
}

/* _next_word(text, start) in `starters`: the letters from start (at most 30), lower-cased. */
static int next_word_starts(PyObject *text, int kind, const void *data, Py_ssize_t n,
                            Py_ssize_t start, PyObject *starters)
{
    Py_ssize_t k = start, stop = start + 30 < n ? start + 30 : n;
    while (k < stop && is_letter(READ(k)))
        k++;
    if (k == start)
        return 0;
    return lower_in(text, start, k, 0, starters, NULL);
}

/* _is_boundary(text, end, limit, punct_start): 1, 0, or -1 with an exception set. */
static int is_boundary(PyObject *text, int kind, const void *data, Py_ssize_t n, Py_ssize_t end,
                       Py_ssize_t limit, Py_ssize_t punct, PyObject *abbreviations,
                       PyObject *starters)
{
    /* _NEXT_START_RE = \s+(["'“‘(\[]*)(\S), matched at end, with its backtracking */
    Py_ssize_t p = end;
    while (p < limit && Py_UNICODE_ISSPACE(READ(p)))
        p++;
    if (p == end || p >= limit)
        return 0;
    Py_ssize_t o = 0;
    while (p + o < limit && is_opener(READ(p + o)))
        o++;
    Py_ssize_t first_at;
    int opener;
    if (p + o < limit && !Py_UNICODE_ISSPACE(READ(p + o))) {
        first_at = p + o;
        opener = o > 0;
    }
    else { /* o >= 1 here: the last opening mark is the \S */
        first_at = p + o - 1;
        opener = o > 1;
    }
    Py_UCS4 first = READ(first_at);
    if (!(Py_UNICODE_ISUPPER(first) || Py_UNICODE_ISDIGIT(first) || opener))
        return 0;
    if (READ(punct) != '.')
        return 1;
    Py_ssize_t j = punct;
    while (j > 0 && !Py_UNICODE_ISSPACE(READ(j - 1)) && !ends_word_back(READ(j - 1)))
        j--;
    PyObject *low = NULL;
    int abbreviation = lower_in(text, j, punct, 1, abbreviations, &low);
    if (abbreviation < 0)
        return -1;
    if (abbreviation && end - punct == 1) {
        int etc = PyUnicode_CompareWithASCIIString(low, "etc") == 0;
        Py_DECREF(low);
        return etc && Py_UNICODE_ISUPPER(first)
               ? next_word_starts(text, kind, data, n, first_at, starters) : 0;
    }
    Py_DECREF(low);
    if (punct - j == 1 && Py_UNICODE_ISUPPER(READ(j))) /* an initial: John F. Kennedy */
        return 0;
    for (Py_ssize_t k = j; k < punct; k++)
        if (READ(k) == '.') /* U.S. ends a sentence only before a typical sentence starter */
            return next_word_starts(text, kind, data, n, first_at, starters);
    return 1;
}

/* _is_run_on_boundary(text, end, punct_start): 1, 0, or -1 with an exception set. */
static int is_run_on_boundary(PyObject *text, int kind, const void *data, Py_ssize_t n,
                              Py_ssize_t end, Py_ssize_t punct, PyObject *abbreviations)
{
    for (Py_ssize_t k = punct; k < end; k++)
        if (READ(k) == 0x2026) /* an ellipsis run into the next word marks an omission */
            return 0;
    if (punct < 2)
        return 0;
    for (Py_ssize_t k = punct - 2; k < punct; k++) {
        Py_UCS4 c = READ(k);
        if (!(Py_UNICODE_ISDIGIT(c) || is_ascii_lower(c)))
            return 0;
    }
    Py_ssize_t j = punct;
    while (j > 0 && !Py_UNICODE_ISSPACE(READ(j - 1)) && !ends_word_back(READ(j - 1)))
        j--;
    int abbreviation = lower_in(text, j, punct, 0, abbreviations, NULL);
    if (abbreviation != 0)
        return abbreviation < 0 ? -1 : 0;
    for (Py_ssize_t k = j; k < punct; k++)
        if (READ(k) == '.' || (k > j && Py_UNICODE_ISUPPER(READ(k))))
            return 0;
    Py_ssize_t k = end;
    while (k < n && (Py_UNICODE_ISALPHA(READ(k)) || is_open_quote(READ(k))))
        k++;
    return !(k < n && (READ(k) == '@' || (READ(k) == '.' && k + 1 < n
                                          && Py_UNICODE_ISALNUM(READ(k + 1)))));
}

/* Append text[s:e] with white space trimmed from both ends, unless empty (_trimmed); and its
 * paragraph. 0, or -1 with an exception set. */
static int add_sentence(int kind, const void *data, Py_ssize_t s, Py_ssize_t e,
                        PyObject *sentences, PyObject *paragraph, PyObject *paragraphs)
{
    while (s < e && Py_UNICODE_ISSPACE(READ(s)))
        s++;
    while (e > s && Py_UNICODE_ISSPACE(READ(e - 1)))
        e--;
    if (e <= s)
        return 0;
    PyObject *span = pair(s, e);
    if (span == NULL)
        return -1;
    int failed = PyList_Append(sentences, span) < 0 || PyList_Append(paragraphs, paragraph) < 0;
    Py_DECREF(span);
    return failed ? -1 : 0;
}

/* The sentences of the line text[ls:le] (the loop of _sentence_spans). */
static int line_sentences(PyObject *text, int kind, const void *data, Py_ssize_t n,
                          Py_ssize_t ls, Py_ssize_t le, PyObject *abbreviations,
                          PyObject *starters, PyObject *sentences, PyObject *paragraph,
                          PyObject *paragraphs)
{
    Py_ssize_t s = ls, p = ls;
    while (p < le) {
        if (!is_terminal(READ(p))) {
            p++;
            continue;
        }
        Py_ssize_t e = sentence_end_match(kind, data, p, le);
        if (e < 0) {
            p++;
            continue;
        }
        int ends = Py_UNICODE_ISSPACE(READ(e))
                   ? is_boundary(text, kind, data, n, e, le, p, abbreviations, starters)
                   : is_run_on_boundary(text, kind, data, n, e, p, abbreviations);
        if (ends < 0)
            return -1;
        if (ends) {
            if (add_sentence(kind, data, s, e, sentences, paragraph, paragraphs) < 0)
                return -1;
            s = e;
        }
        p = e;
    }
    return add_sentence(kind, data, s, le, sentences, paragraph, paragraphs);
}

static PyObject *sentence_spans(PyObject *self, PyObject *args)
{
    PyObject *text, *paragraph_spans, *abbreviations, *starters;
    if (!PyArg_ParseTuple(args, "UO!O!O!:sentence_spans", &text, &PyList_Type, &paragraph_spans,
                          &PyFrozenSet_Type, &abbreviations, &PyFrozenSet_Type, &starters))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *sentences = PyList_New(0), *paragraphs = PyList_New(0);
    if (sentences == NULL || paragraphs == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(paragraph_spans); i++) {
        PyObject *span = PyList_GET_ITEM(paragraph_spans, i);
        if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 2) {
            PyErr_SetString(PyExc_TypeError, "sentence_spans() takes a list of (start, end) pairs");
            goto error;
        }
        Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
        if ((start == -1 || end == -1) && PyErr_Occurred())
            goto error;
        if (start < 0 || end > n || start > end) {
            PyErr_SetString(PyExc_ValueError, "sentence_spans(): a span outside the text");
            goto error;
        }
        PyObject *paragraph = PyLong_FromSsize_t(i);
        if (paragraph == NULL)
            goto error;
        /* _line_spans: a line break ends a unit unless the next line starts in lower case
         * (text.py's bullet test there can never succeed on such a line) */
        Py_ssize_t s = start, failed = 0;
        for (Py_ssize_t pos = start; pos < end && !failed; pos++) {
            if (READ(pos) != '\n')
                continue;
            Py_ssize_t next = pos + 1;
            while (next < end && (READ(next) == ' ' || READ(next) == '\t'))
                next++;
            if (next < end && Py_UNICODE_ISLOWER(READ(next)))
                continue;
            failed = line_sentences(text, kind, data, n, s, pos, abbreviations, starters,
                                    sentences, paragraph, paragraphs) < 0;
            s = next;
        }
        if (!failed)
            failed = line_sentences(text, kind, data, n, s, end, abbreviations, starters,
                                    sentences, paragraph, paragraphs) < 0;
        Py_DECREF(paragraph);
        if (failed)
            goto error;
    }
    return Py_BuildValue("(NN)", sentences, paragraphs);
error:
    Py_XDECREF(sentences);
    Py_XDECREF(paragraphs);
    return NULL;
}

/* First index of starts[0:n] (sorted) holding a value >= x: bisect.bisect_left. */
static Py_ssize_t bisect_left_c(const Py_ssize_t *starts, Py_ssize_t n, Py_ssize_t x)
{
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (starts[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static PyObject *sentence_token_ranges(PyObject *self, PyObject *args)
{
    PyObject *starts_list, *sentences;
    if (!PyArg_ParseTuple(args, "O!O!:sentence_token_ranges", &PyList_Type, &starts_list,
                          &PyList_Type, &sentences))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(starts_list);
    Py_ssize_t *starts = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    PyObject *ranges = NULL, *token_sentence = NULL;
    if (starts == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        starts[i] = PyLong_AsSsize_t(PyList_GET_ITEM(starts_list, i));
        if (starts[i] == -1 && PyErr_Occurred())
            goto error;
    }
    ranges = PyList_New(0);
    token_sentence = PyList_New(0);
    if (ranges == NULL || token_sentence == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(sentences); i++) {
        PyObject *span = PyList_GET_ITEM(sentences, i);
        if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 2) {
            PyErr_SetString(PyExc_TypeError,
                            "sentence_token_ranges() takes a list of (start, end) pairs");
            goto error;
        }
        Py_ssize_t ss = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
        Py_ssize_t se = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
        if ((ss == -1 || se == -1) && PyErr_Occurred())
            goto error;
        Py_ssize_t first = bisect_left_c(starts, n, ss), last = bisect_left_c(starts, n, se);
        PyObject *range = pair(first, last);
        if (range == NULL || PyList_Append(ranges, range) < 0) {
            Py_XDECREF(range);
            goto error;
        }
        Py_DECREF(range);
        if (last > first) {
            PyObject *index = PyLong_FromSsize_t(i);
            if (index == NULL)
                goto error;
            for (Py_ssize_t k = first; k < last; k++)
                if (PyList_Append(token_sentence, index) < 0) {
                    Py_DECREF(index);
                    goto error;
                }
            Py_DECREF(index);
        }
    }
    PyMem_Free(starts);
    return Py_BuildValue("(NN)", ranges, token_sentence);
error:
    PyMem_Free(starts);
    Py_XDECREF(ranges);
    Py_XDECREF(token_sentence);
    return NULL;
}

#undef READ

/* ---------------------------------------------------------------------------------------------
 * Quotations: framing.text._quote_spans (with _quote_marks, _prev_end and its unclosed()).
 * ------------------------------------------------------------------------------------------- */

#define LEFT_DOUBLE 0x201C
#define RIGHT_DOUBLE 0x201D
#define LEFT_SINGLE 0x2018
#define LEFT_GUILLEMET 0x00AB
#define RIGHT_GUILLEMET 0x00BB

static inline int is_quote_char(Py_UCS4 c)
{
    return c == '"' || c == LEFT_DOUBLE || c == RIGHT_DOUBLE || c == LEFT_GUILLEMET
           || c == RIGHT_GUILLEMET || c == LEFT_SINGLE || c == RIGHT_QUOTE;
}
/* "“«‘ */
static inline int opens_quote(Py_UCS4 c)
{
    return c == '"' || c == LEFT_DOUBLE || c == LEFT_GUILLEMET || c == LEFT_SINGLE;
}
/* "”»’ */
static inline int closes_quote(Py_UCS4 c)
{
    return c == '"' || c == RIGHT_DOUBLE || c == RIGHT_GUILLEMET || c == RIGHT_QUOTE;
}

/* The next quotation mark of text[pos:end] at or after pos that _quote_marks keeps, or end. */
static Py_ssize_t next_mark(int kind, const void *data, Py_ssize_t pos, Py_ssize_t end)
{
    for (; pos < end; pos++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, pos);
        if (!is_quote_char(c))
            continue;
        if (c == LEFT_SINGLE && pos > 0 && Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, pos - 1)))
            continue; /* after a letter or digit: an apostrophe */
        if (c == RIGHT_QUOTE && pos + 1 < end
            && Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, pos + 1)))
            continue; /* before a letter or digit: an apostrophe */
        return pos;
    }
    return end;
}

/* unclosed(start, end) of _quote_spans, appended to quotes. */
static int append_unclosed(PyObject *quotes, Py_ssize_t start, Py_ssize_t end,
                           const Py_ssize_t *sentence_ends, Py_ssize_t n_sentences,
                           Py_ssize_t max_chars)
{
    if (end - start > max_chars && n_sentences > 0) {
        Py_ssize_t lo = 0, hi = n_sentences; /* bisect_right(sentence_ends, start) */
        while (lo < hi) {
            Py_ssize_t mid = lo + (hi - lo) / 2;
            if (start < sentence_ends[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo < n_sentences && sentence_ends[lo] < end)
            end = sentence_ends[lo];
    }
    return append_span(quotes, start, end);
}

/* The (start, end) pair of a 2-tuple of ints (0), or -1 with an exception set. */
static int span_of(PyObject *span, Py_ssize_t *a, Py_ssize_t *b, const char *caller)
{
    if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 2) {
        PyErr_Format(PyExc_TypeError, "%s() takes lists of (start, end) pairs", caller);
        return -1;
    }
    *a = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
    *b = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
    if ((*a == -1 || *b == -1) && PyErr_Occurred())
        return -1;
    return 0;
}

static PyObject *quote_spans(PyObject *self, PyObject *args)
{
    PyObject *text, *paragraphs, *sentences;
    Py_ssize_t max_chars;
    if (!PyArg_ParseTuple(args, "UO!O!n:quote_spans", &text, &PyList_Type, &paragraphs,
                          &PyList_Type, &sentences, &max_chars))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t n_sentences = PyList_GET_SIZE(sentences);
    Py_ssize_t *ends = PyMem_Malloc((n_sentences ? n_sentences : 1) * sizeof(Py_ssize_t));
    if (ends == NULL)
        return PyErr_NoMemory();
    PyObject *quotes = PyList_New(0);
    if (quotes == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < n_sentences; i++) {
        Py_ssize_t a;
        if (span_of(PyList_GET_ITEM(sentences, i), &a, &ends[i], "quote_spans") < 0)
            goto error;
    }
    Py_ssize_t carry = -1, carry_end = 0;
    for (Py_ssize_t p = 0; p < PyList_GET_SIZE(paragraphs); p++) {
        Py_ssize_t ps, pe;
        if (span_of(PyList_GET_ITEM(paragraphs, p), &ps, &pe, "quote_spans") < 0)
            goto error;
        if (ps < 0 || pe > n || ps > pe) {
            PyErr_SetString(PyExc_ValueError, "quote_spans(): a span outside the text");
            goto error;
        }
        Py_ssize_t pos = next_mark(kind, data, ps, pe);
        Py_ssize_t open_at = -1;
        Py_UCS4 open_ch = 0;
        if (carry >= 0) {
            Py_UCS4 c = pos < pe ? PyUnicode_READ(kind, data, pos) : 0;
            if (pos == ps && pos < pe && opens_quote(c)) {
                open_at = carry; /* the traditional continuation: reopened at paragraph start */
                open_ch = c;
                pos = next_mark(kind, data, pos + 1, pe);
            }
            else {
                Py_ssize_t prev = ps; /* _prev_end(text, ps) */
                while (prev > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, prev - 1)))
                    prev--;
                if (append_unclosed(quotes, carry, prev, ends, n_sentences, max_chars) < 0)
                    goto error;
            }
        }
        carry = -1;
        for (; pos < pe; pos = next_mark(kind, data, pos + 1, pe)) {
            Py_UCS4 c = PyUnicode_READ(kind, data, pos);
            if (open_at < 0) {
                if (c == '"' && pos > 0 && Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, pos - 1)))
                    continue; /* inches or seconds: a quotation opens after no digit */
                if (opens_quote(c)) {
                    open_at = pos;
                    open_ch = c;
                }
            }
            else if (open_ch != LEFT_SINGLE && (c == LEFT_SINGLE || c == RIGHT_QUOTE))
                continue; /* inside double quotation marks: a nested quote or an apostrophe */
            else if (closes_quote(c)) {
                if (append_span(quotes, open_at, pos + 1) < 0)
                    goto error;
                open_at = -1;
            }
            else if (c == LEFT_DOUBLE || c == LEFT_GUILLEMET || c == LEFT_SINGLE) {
                open_at = pos; /* a new opening mark inside an open quote: restart there */
                open_ch = c;
            }
        }
        if (open_at >= 0) {
            carry = open_at;
            carry_end = pe;
        }
    }
    if (carry >= 0 && append_unclosed(quotes, carry, carry_end, ends, n_sentences, max_chars) < 0)
        goto error;
    PyMem_Free(ends);
    return quotes;
error:
    PyMem_Free(ends);
    Py_XDECREF(quotes);
    return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Words: Segmentation.word_flags and the counts of looks_english (framing.text), the same
 * tests of one character (str.isalnum, isalpha, isupper on it are these macros).
 * ------------------------------------------------------------------------------------------- */

static PyObject *word_flags(PyObject *self, PyObject *tokens)
{
    if (!PyList_Check(tokens)) {
        PyErr_SetString(PyExc_TypeError, "word_flags() takes a list of tokens");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(tokens);
    PyObject *flags = PyList_New(n);
    if (flags == NULL)
        return NULL;
    PyObject *zero = PyLong_FromLong(0), *one = PyLong_FromLong(1);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyList_GET_ITEM(tokens, i);
        if (!PyUnicode_Check(t) || PyUnicode_GET_LENGTH(t) == 0) {
            PyErr_SetString(PyExc_ValueError, "word_flags() takes non-empty strings");
            Py_DECREF(flags);
            Py_DECREF(zero);
            Py_DECREF(one);
            return NULL;
        }
        int kind = PyUnicode_KIND(t);
        const void *data = PyUnicode_DATA(t);
        int word = Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, 0))
                   || (PyUnicode_GET_LENGTH(t) > 1 && Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, 1)));
        PyObject *flag = word ? one : zero;
        Py_INCREF(flag);
        PyList_SET_ITEM(flags, i, flag);
    }
    Py_DECREF(zero);
    Py_DECREF(one);
    return flags;
}

static inline Py_UCS4 first_char(PyObject *s)
{
    return PyUnicode_READ(PyUnicode_KIND(s), PyUnicode_DATA(s), 0);
}

static PyObject *function_word_counts(PyObject *self, PyObject *args)
{
    PyObject *norm, *tokens, *english, *other_words;
    Py_ssize_t max_words;
    if (!PyArg_ParseTuple(args, "O!O!O!O!n:function_word_counts", &PyList_Type, &norm,
                          &PyList_Type, &tokens, &PyFrozenSet_Type, &english, &PyFrozenSet_Type,
                          &other_words, &max_words))
        return NULL;
    Py_ssize_t words = 0, en = 0, other = 0, other_lower = 0;
    Py_ssize_t size = PyList_GET_SIZE(norm);
    if (PyList_GET_SIZE(tokens) < size) {
        PyErr_SetString(PyExc_ValueError, "function_word_counts(): fewer tokens than words");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < size; k++) {
        PyObject *w = PyList_GET_ITEM(norm, k);
        if (!PyUnicode_Check(w) || PyUnicode_GET_LENGTH(w) == 0) {
            PyErr_SetString(PyExc_ValueError, "function_word_counts() takes non-empty strings");
            return NULL;
        }
        if (!Py_UNICODE_ISALPHA(first_char(w)))
            continue;
        words++;
        int found = PySet_Contains(english, w);
        if (found < 0)
            return NULL;
        if (found)
            en++;
        else {
            found = PySet_Contains(other_words, w);
            if (found < 0)
                return NULL;
            if (found) {
                other++;
                PyObject *token = PyList_GET_ITEM(tokens, k);
                if (!PyUnicode_Check(token)) {
                    PyErr_SetString(PyExc_TypeError, "function_word_counts() takes strings");
                    return NULL;
                }
                if (words == 1 || PyUnicode_GET_LENGTH(token) == 0
                    || !Py_UNICODE_ISUPPER(first_char(token)))
                    other_lower++;
            }
        }
        if (words >= max_words)
            break;
    }
    return Py_BuildValue("(nnnn)", words, en, other, other_lower);
}

static PyObject *latin_letters(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "Un:latin_letters", &text, &limit))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), letters = 0, latin = 0;
    if (limit < n)
        n = limit < 0 ? 0 : limit;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISALPHA(c)) {
            letters++;
            if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF))
                latin++;
        }
    }
    return Py_BuildValue("(nn)", letters, latin);
}

static PyMethodDef methods[] = {
    {"token_texts", token_texts, METH_VARARGS,
     "token_texts(text, spans) -> (tokens, starts, norm): each span's text, its start, and its "
     "normalized form (framing.text.normalize_token: str.lower, and for a token with an "
     "apostrophe the rest of normalize_token)."},
    {"token_spans", token_spans, METH_O,
     "token_spans(text) -> [(start, end), ...]: the spans of framing.text._TOKEN_RE.finditer(text)."},
    {"sentence_spans", sentence_spans, METH_VARARGS,
     "sentence_spans(text, paragraphs, abbreviations, starters) -> (sentences, "
     "sentence_paragraph): framing.text._sentence_spans over each paragraph span."},
    {"sentence_token_ranges", sentence_token_ranges, METH_VARARGS,
     "sentence_token_ranges(token_starts, sentences) -> (ranges, token_sentence): each "
     "sentence's (first, last) token index, by bisect_left, and each token's sentence."},
    {"clitic_token_spans", clitic_token_spans, METH_O,
     "clitic_token_spans(text) -> [(start, end), ...]: framing.text._token_spans(text), the "
     "token spans with clitics split off."},
    {"quote_spans", quote_spans, METH_VARARGS,
     "quote_spans(text, paragraphs, sentences, max_chars) -> [(start, end), ...]: "
     "framing.text._quote_spans, with UNCLOSED_QUOTE_MAX_CHARS given as max_chars."},
    {"word_flags", word_flags, METH_O,
     "word_flags(tokens) -> [0 or 1, ...]: framing.text.Segmentation.word_flags."},
    {"function_word_counts", function_word_counts, METH_VARARGS,
     "function_word_counts(norm, tokens, english, other, max_words) -> (words, english, other, "
     "other_lower): the function-word counts of framing.text.looks_english."},
    {"latin_letters", latin_letters, METH_VARARGS,
     "latin_letters(text, limit) -> (letters, latin): letters among text[:limit], and those of "
     "the Latin script, as framing.text.looks_english counts them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_text_c", "framing.text's tokenizer and sentence splitter in C (see framing._compiled).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__text_c(void) { return PyModule_Create(&module); }
