/* VADER's per-sentence scores in C: framing._vader_c.
 *
 * The same computation as framing.sentiment._vader_python(text, detail=False), which itself
 * is vaderSentiment 3.3.2's SentimentIntensityAnalyzer.polarity_scores: the same floating-point
 * operations in the same order, so the scores are equal to the last bit. No word list lives
 * here: the token cache, the lexicon, the boosters, the negations and the special cases are the
 * Python objects handed to init() once.
 *
 *   init(tokens, active, lexicon, booster, negate, special, idiom_words, emoji, library,
 *        n_scalar, c_incr, punctuation, cache_max)
 *   scores(text) -> {"neg", "neu", "pos", "compound"}
 *   info(token) -> (word, lower, all caps, active): framing.sentiment._vader_info, the entry of
 *        a token not yet in the cache, stored in the same cache (and its active set)
 *
 * Its C interface (the capsule _C_API, see common.h) scores a sentence of a text without making
 * its string; framing._tone_c's per-article loop calls it, handing on the tokens' infos where
 * TextBlob's pass found them already (on the chunk entries of framing._textblob_c), so that
 * each white-space chunk is looked up once for both libraries.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "common.h"
#include <math.h>
#include <stdlib.h>

/* the data, set by init() */
static PyObject *tokens_cache;  /* dict: raw token -> (word, lower, all caps, active) */
static PyObject *active_set;    /* set: the raw tokens of tokens_cache whose info is active */
static PyObject *punctuation;   /* str: string.punctuation (stripped from a token's ends) */
static Py_ssize_t cache_max;    /* tokens_cache keeps no more entries than this */
static PyObject *lexicon;       /* dict: word -> valence (float) */
static PyObject *booster;       /* dict: word or phrase -> scalar (float) */
static PyObject *negate;        /* set of negation words */
static PyObject *special;       /* dict: phrase -> valence (int or float) */
static PyObject *idiom_words;   /* set of the words of multiword idioms and boosters */
static PyObject *library_fn;    /* callable: the library's polarity_scores (emoji sentences) */
static Py_UCS4 *emoji = NULL;   /* the one-character emoji, sorted */
static Py_ssize_t n_emoji = 0;
static double n_scalar, c_incr;

/* constant objects, made at import */
static PyObject *s_lower, *s_isupper, *s_kind;
static PyObject *s_nt, *k_neg, *k_neu, *k_pos, *k_compound, *round_fn;
static PyObject *round3, *round4, *f_zero, *f_one;

/* the words the rules name, as codes of a token's lower case */
enum { W_OTHER, W_NO, W_OR, W_NOR, W_KIND, W_OF, W_LEAST, W_AT, W_VERY, W_NEVER, W_SO,
       W_THIS, W_WITHOUT, W_DOUBT, W_BUT };
static const char *const code_words[] = {
    NULL, "no", "or", "nor", "kind", "of", "least", "at", "very", "never", "so", "this",
    "without", "doubt", "but"};
#define N_CODES ((int)(sizeof(code_words) / sizeof(code_words[0])))

static int
word_code(PyObject *s)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    if (len < 2 || len > 7 || !PyUnicode_IS_ASCII(s))
        return W_OTHER;
    const char *u = (const char *)PyUnicode_DATA(s);
    for (int c = 1; c < N_CODES; c++)
        if (code_words[c][0] == u[0] && strlen(code_words[c]) == (size_t)len
                && memcmp(u, code_words[c], (size_t)len) == 0)
            return c;
    return W_OTHER;
}

/* one token of a sentence */
typedef struct {
    PyObject *info;   /* owned reference to the cache tuple */
    PyObject *lower;  /* borrowed from info */
    int allcap, active, code;
    /* what the rules ask of its lower case, each looked up once (-1: not yet) */
    int in_lex;       /* in the lexicon, valence in lex */
    int in_boost;     /* a booster, scalar in boost */
    int negated;      /* a negation word, or holds "n't" */
    int idiom;        /* a word of a multiword idiom or booster */
    double lex, boost;
} Token;

/* Is t.lower in the lexicon (and its valence in t->lex)? -1 on error. */
static int
in_lexicon(Token *t)
{
    if (t->in_lex < 0) {
        PyObject *v = PyDict_GetItemWithError(lexicon, t->lower);
        if (v == NULL) {
            if (PyErr_Occurred())
                return -1;
            t->in_lex = 0;
        }
        else {
            double d = PyFloat_AsDouble(v);
            if (d == -1.0 && PyErr_Occurred())
                return -1;
            t->lex = d;
            t->in_lex = 1;
        }
    }
    return t->in_lex;
}

/* A dict's value for key as a double: 1 found, 0 absent, -1 error. */
static int lookup_double(PyObject *dict, PyObject *key, double *out);

/* Is t.lower a booster (and its scalar in t->boost)? -1 on error. */
static int
in_booster(Token *t)
{
    if (t->in_boost < 0)
        t->in_boost = lookup_double(booster, t->lower, &t->boost);
    return t->in_boost;
}

/* Is t.lower a word of a multiword idiom or booster? -1 on error. */
static int
idiom_word(Token *t)
{
    if (t->idiom < 0)
        t->idiom = PySet_Contains(idiom_words, t->lower);
    return t->idiom;
}

/* A dict's value for key as a double: 1 found, 0 absent, -1 error. */
static int
lookup_double(PyObject *dict, PyObject *key, double *out)
{
    PyObject *v = PyDict_GetItemWithError(dict, key);
    if (v == NULL)
        return PyErr_Occurred() ? -1 : 0;
    double d = PyFloat_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred())
        return -1;
    *out = d;
    return 1;
}

/* _negated_word: w in negate or "n't" in w; -1 on error */
static int
negated_word(Token *t)
{
    if (t->negated < 0) {
        int r = PySet_Contains(negate, t->lower);
        if (r == 0) {
            Py_ssize_t at = PyUnicode_Find(t->lower, s_nt, 0, PY_SSIZE_T_MAX, 1);
            r = at == -2 ? -1 : at >= 0;
        }
        t->negated = r;
    }
    return t->negated;
}

/* _vader_scalar over the token before */
static int
vader_scalar(Token *t, double valence, int is_cap_diff, double *out)
{
    double scalar = 0.0;
    int r = in_booster(t);
    if (r < 0)
        return -1;
    if (r) {
        scalar = t->boost;
        if (valence < 0)
            scalar *= -1;
        if (t->allcap && is_cap_diff) {
            if (valence > 0)
                scalar += c_incr;
            else
                scalar -= c_incr;
        }
    }
    *out = scalar;
    return 0;
}

/* _vader_negation */
static int
vader_negation(Token *tk, int start_i, Py_ssize_t i, double *valence)
{
    int r;
    if (start_i == 0) {
        if ((r = negated_word(&tk[i - 1])) < 0)
            return -1;
        if (r)
            *valence = *valence * n_scalar;
    }
    if (start_i == 1) {
        if (tk[i - 2].code == W_NEVER && (tk[i - 1].code == W_SO || tk[i - 1].code == W_THIS))
            *valence = *valence * 1.25;
        else if (tk[i - 2].code == W_WITHOUT && tk[i - 1].code == W_DOUBT)
            ;
        else {
            if ((r = negated_word(&tk[i - 2])) < 0)
                return -1;
            if (r)
                *valence = *valence * n_scalar;
        }
    }
    if (start_i == 2) {
        if ((tk[i - 3].code == W_NEVER && (tk[i - 2].code == W_SO || tk[i - 2].code == W_THIS))
                || (tk[i - 1].code == W_SO || tk[i - 1].code == W_THIS))
            *valence = *valence * 1.25;
        else if (tk[i - 3].code == W_WITHOUT
                 && (tk[i - 2].code == W_DOUBT || tk[i - 1].code == W_DOUBT))
            ;
        else {
            if ((r = negated_word(&tk[i - 3])) < 0)
                return -1;
            if (r)
                *valence = *valence * n_scalar;
        }
    }
    return 0;
}

/* "a b" or "a b c" */
static PyObject *
phrase(PyObject *a, PyObject *b, PyObject *c)
{
    if (c == NULL)
        return PyUnicode_FromFormat("%U %U", a, b);
    return PyUnicode_FromFormat("%U %U %U", a, b, c);
}

/* Look the phrase of a, b (and c) up in dict; on a hit set *valence (add when add). A phrase
 * can only be a key of SPECIAL_CASES or BOOSTER_DICT (keys with a space) when each of its words
 * is a word of such a key: the phrase is not made otherwise. */
static int
phrase_lookup(PyObject *dict, Token *a, Token *b, Token *c, double *valence, int add, int *hit)
{
    int r;
    if ((r = idiom_word(a)) <= 0 || (r = idiom_word(b)) <= 0 || (c && (r = idiom_word(c)) <= 0))
        return r;
    PyObject *p = phrase(a->lower, b->lower, c ? c->lower : NULL);
    if (p == NULL)
        return -1;
    double v;
    r = lookup_double(dict, p, &v);
    Py_DECREF(p);
    if (r > 0) {
        *valence = add ? *valence + v : v;
        if (hit)
            *hit = 1;
    }
    return r < 0 ? -1 : 0;
}

/* _vader_idioms (i >= 3) */
static int
vader_idioms(Token *tk, Py_ssize_t n, Py_ssize_t i, double *valence)
{
    Token *t0 = &tk[i], *t1 = &tk[i - 1], *t2 = &tk[i - 2], *t3 = &tk[i - 3];
    Token *seqs[5][3] = {{t1, t0, NULL}, {t2, t1, t0}, {t2, t1, NULL}, {t3, t2, t1},
                         {t3, t2, NULL}};
    int hit = 0;
    for (int k = 0; k < 5 && !hit; k++)
        if (phrase_lookup(special, seqs[k][0], seqs[k][1], seqs[k][2], valence, 0, &hit) < 0)
            return -1;
    if (n - 1 > i && phrase_lookup(special, t0, &tk[i + 1], NULL, valence, 0, NULL) < 0)
        return -1;
    if (n - 1 > i + 1
            && phrase_lookup(special, t0, &tk[i + 1], &tk[i + 2], valence, 0, NULL) < 0)
        return -1;
    Token *grams[3][3] = {{t3, t2, t1}, {t3, t2, NULL}, {t2, t1, NULL}};
    for (int k = 0; k < 3; k++)
        if (phrase_lookup(booster, grams[k][0], grams[k][1], grams[k][2], valence, 1, NULL) < 0)
            return -1;
    return 0;
}

/* Does the window lower[i - 3:i + 3] hold a word of a multiword idiom or booster? */
static int
idiom_window(Token *tk, Py_ssize_t n, Py_ssize_t i)
{
    Py_ssize_t end = i + 3 < n ? i + 3 : n;
    for (Py_ssize_t j = i - 3; j < end; j++) {
        int r = idiom_word(&tk[j]);
        if (r != 0)
            return r;
    }
    return 0;
}

/* The valence of token i (the rule loop of _vader_python for one active word). */
static int
token_valence(Token *tk, Py_ssize_t n, Py_ssize_t i, int is_cap_diff, double *out)
{
    Token *t = &tk[i];
    double valence = 0.0;
    int r;
    *out = 0.0;
    if ((r = in_booster(t)) != 0)
        return r < 0 ? -1 : 0;
    if (i < n - 1 && t->code == W_KIND && tk[i + 1].code == W_OF)
        return 0;
    if ((r = in_lexicon(t)) <= 0)
        return r;
    valence = t->lex;
    if (t->code == W_NO && i != n - 1) {
        if ((r = in_lexicon(&tk[i + 1])) < 0)
            return -1;
        if (r)
            valence = 0.0;
    }
    if ((i > 0 && tk[i - 1].code == W_NO) || (i > 1 && tk[i - 2].code == W_NO)
            || (i > 2 && tk[i - 3].code == W_NO
                && (tk[i - 1].code == W_OR || tk[i - 1].code == W_NOR)))
        valence = t->lex * n_scalar;
    if (t->allcap && is_cap_diff) {
        if (valence > 0)
            valence += c_incr;
        else
            valence -= c_incr;
    }
    for (int start_i = 0; start_i < 3; start_i++) {
        if (!(i > start_i))
            continue;
        Token *before = &tk[i - (start_i + 1)];
        if ((r = in_lexicon(before)) < 0)
            return -1;
        if (r)
            continue;
        double s;
        if (vader_scalar(before, valence, is_cap_diff, &s) < 0)
            return -1;
        if (start_i == 1 && s != 0)
            s = s * 0.95;
        if (start_i == 2 && s != 0)
            s = s * 0.9;
        valence = valence + s;
        if (vader_negation(tk, start_i, i, &valence) < 0)
            return -1;
        if (start_i == 2) {
            if ((r = idiom_window(tk, n, i)) < 0)
                return -1;
            if (r && vader_idioms(tk, n, i, &valence) < 0)
                return -1;
        }
    }
    /* _least_check */
    if (i > 0 && tk[i - 1].code == W_LEAST) {
        if ((r = in_lexicon(&tk[i - 1])) < 0)
            return -1;
        if (!r && (i == 1 || (tk[i - 2].code != W_AT && tk[i - 2].code != W_VERY)))
            valence = valence * n_scalar;
    }
    *out = valence;
    return 0;
}

/* SentimentIntensityAnalyzer._but_check, with its list.index over equal values. */
static void
but_check(double *sent, Py_ssize_t n, Py_ssize_t bi)
{
    for (Py_ssize_t k = 0; k < n; k++) {
        double sentiment = sent[k];
        Py_ssize_t si = 0;
        while (sent[si] != sentiment)  /* list.index: the first equal one (si <= k) */
            si++;
        if (si < bi)
            sent[si] = sentiment * 0.5;
        else if (si > bi)
            sent[si] = sentiment * 1.5;
    }
}

/* _score_valence for non-empty sentiments, unrounded into out (neg, neu, pos, compound);
 * text[start:end] gives the ! and ? counts. -1 on error. */
static int
score_valence(const double *sent, Py_ssize_t n, PyObject *text, Py_ssize_t start,
              Py_ssize_t end, double *out)
{
    double sum_s = 0.0;
#if PY_VERSION_HEX >= 0x030C0000
    /* sum() of floats is compensated from Python 3.12 on: let Python's own sum do it */
    {
        PyObject *list = PyList_New(n);
        if (list == NULL)
            return -1;
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *f = PyFloat_FromDouble(sent[k]);
            if (f == NULL) {
                Py_DECREF(list);
                return -1;
            }
            PyList_SET_ITEM(list, k, f);
        }
        PyObject *builtins = PyEval_GetBuiltins();
        PyObject *sum_fn = builtins ? PyDict_GetItemString(builtins, "sum") : NULL;
        PyObject *total = sum_fn ? PyObject_CallOneArg(sum_fn, list) : NULL;
        Py_DECREF(list);
        if (total == NULL)
            return -1;
        sum_s = PyFloat_AsDouble(total);
        Py_DECREF(total);
        if (sum_s == -1.0 && PyErr_Occurred())
            return -1;
    }
#else
    for (Py_ssize_t k = 0; k < n; k++)
        sum_s += sent[k];
#endif
    /* _punctuation_emphasis */
    Py_ssize_t ep_count = 0, qm_count = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t k = start; k < end; k++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (ch == '!')
            ep_count++;
        else if (ch == '?')
            qm_count++;
    }
    if (ep_count > 4)
        ep_count = 4;
    double ep_amplifier = (double)ep_count * 0.292;
    double qm_amplifier = 0.0;
    if (qm_count > 1) {
        if (qm_count <= 3)
            qm_amplifier = (double)qm_count * 0.18;
        else
            qm_amplifier = 0.96;
    }
    double punct_emph_amplifier = ep_amplifier + qm_amplifier;
    if (sum_s > 0)
        sum_s += punct_emph_amplifier;
    else if (sum_s < 0)
        sum_s -= punct_emph_amplifier;
    /* normalize(sum_s, alpha=15) */
    double compound = sum_s / sqrt((sum_s * sum_s) + 15.0);
    if (compound < -1.0)
        compound = -1.0;
    else if (compound > 1.0)
        compound = 1.0;
    double pos_sum = 0.0, neg_sum = 0.0;
    Py_ssize_t neu_count = n;
    for (Py_ssize_t k = 0; k < n; k++) {
        double s = sent[k];
        if (s > 0) {
            pos_sum += (s + 1);
            neu_count -= 1;
        }
        else if (s < 0) {
            neg_sum += (s - 1);
            neu_count -= 1;
        }
    }
    if (pos_sum > fabs(neg_sum))
        pos_sum += punct_emph_amplifier;
    else if (pos_sum < fabs(neg_sum))
        neg_sum -= punct_emph_amplifier;
    double total = pos_sum + fabs(neg_sum) + (double)neu_count;
    out[0] = fabs(neg_sum / total);
    out[1] = fabs((double)neu_count / total);
    out[2] = fabs(pos_sum / total);
    out[3] = compound;
    return 0;
}

/* Does text[start:end] hold a one-character emoji? */
static int
has_emoji(PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    if (PyUnicode_IS_ASCII(text) || n_emoji == 0)
        return 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t k = start; k < end; k++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (ch < emoji[0])
            continue;
        Py_ssize_t lo = 0, hi = n_emoji;
        while (lo < hi) {
            Py_ssize_t mid = lo + (hi - lo) / 2;
            if (emoji[mid] < ch)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n_emoji && emoji[lo] == ch)
            return 1;
    }
    return 0;
}

/* w.isupper() */
static int
is_upper(PyObject *w)
{
    if (PyUnicode_IS_ASCII(w)) {
        const unsigned char *u = PyUnicode_DATA(w);
        int cased = 0;
        for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(w); k++) {
            if (u[k] >= 'a' && u[k] <= 'z')
                return 0;
            cased |= u[k] >= 'A' && u[k] <= 'Z';
        }
        return cased;
    }
    return call_truth(w, s_isupper);
}

static int
is_punctuation(Py_UCS4 ch)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(punctuation);
    for (Py_ssize_t k = 0; k < n; k++)
        if (PyUnicode_READ_CHAR(punctuation, k) == ch)
            return 1;
    return 0;
}

/* framing.sentiment._vader_info(t): (word, lower, all caps, active), cached; new reference */
static PyObject *
token_info(PyObject *t)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(t), a = 0, b = len;
    while (a < b && is_punctuation(PyUnicode_READ_CHAR(t, a)))
        a++;
    while (b > a && is_punctuation(PyUnicode_READ_CHAR(t, b - 1)))
        b--;
    PyObject *word, *low, *info = NULL;
    if (b - a <= 2 || (a == 0 && b == len)) {  /* t itself, or t.strip(punctuation) == t */
        Py_INCREF(t);
        word = t;
    }
    else if ((word = PyUnicode_Substring(t, a, b)) == NULL) {
        return NULL;
    }
    if ((low = lower_of(word, s_lower)) == NULL) {
        Py_DECREF(word);
        return NULL;
    }
    int upper = is_upper(word), active = 0;
    if (upper >= 0) {
        active = PyDict_Contains(booster, low);
        if (active == 0)
            active = PyDict_Contains(lexicon, low);
        if (active == 0)
            active = PyUnicode_Compare(low, s_kind) == 0 ? 1 : PyErr_Occurred() ? -1 : 0;
    }
    if (upper >= 0 && active >= 0)
        info = untracked(PyTuple_Pack(4, word, low, upper ? Py_True : Py_False,
                                      active ? Py_True : Py_False));
    Py_DECREF(word);
    Py_DECREF(low);
    if (info != NULL && PyDict_GET_SIZE(tokens_cache) < cache_max) {
        if (PyDict_SetItem(tokens_cache, t, info) < 0 || (active && PySet_Add(active_set, t) < 0))
            Py_CLEAR(info);
    }
    return info;
}

static PyObject *
vader_info(PyObject *module, PyObject *t)
{
    (void)module;
    if (tokens_cache == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "framing._vader_c.init() was not called");
        return NULL;
    }
    if (!PyUnicode_Check(t)) {
        PyErr_Format(PyExc_TypeError, "info() takes a str, not %.100s", Py_TYPE(t)->tp_name);
        return NULL;
    }
    return token_info(t);
}

/* What sentence_scores found. */
enum { V_ERROR = -1, V_COMPUTED, V_LIBRARY, V_EMPTY, V_NEUTRAL };

/* Tokens kept on the stack up to this many (a longer sentence takes the heap). */
#define STACK_TOKENS 64

/* VADER's scores of the sentence text[start:end] (0 <= start <= end <= len(text)), as
 * framing.sentiment._vader_python computes them, its white-space tokens split here (as
 * str.split() splits) without making the sentence's string: V_COMPUTED with the unrounded
 * (neg, neu, pos, compound) in out; V_EMPTY (no token: all 0); V_NEUTRAL (no word that can carry
 * or modify valence: neu 1, all else 0); V_LIBRARY with the library's dict, a new reference, in
 * *library (a sentence holding a one-character emoji); V_ERROR with an exception set.
 * The number of tokens goes to *n_tokens (but for V_ERROR). With `given` (n_given borrowed
 * references), token i's info is given[i] unless that is None (then looked up in the cache):
 * the caller knows it already (framing._textblob_c keeps it on its chunk entries); fewer than the
 * sentence's tokens is an error. */
static int
sentence_scores(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *const *given,
                Py_ssize_t n_given, Py_ssize_t *n_tokens, double *out, PyObject **library)
{
    int ukind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = 0, k = start;
    while (k < end) {  /* count the tokens */
        while (k < end && Py_UNICODE_ISSPACE(PyUnicode_READ(ukind, data, k)))
            k++;
        if (k == end)
            break;
        n++;
        while (k < end && !Py_UNICODE_ISSPACE(PyUnicode_READ(ukind, data, k)))
            k++;
    }
    if (given != NULL && n > n_given) {
        PyErr_SetString(PyExc_RuntimeError, "fewer token infos given than the sentence has "
                        "tokens");
        return V_ERROR;
    }
    *n_tokens = n;
    if (has_emoji(text, start, end)) {
        PyObject *sentence = PyUnicode_Substring(text, start, end);
        if (sentence == NULL)
            return V_ERROR;
        *library = PyObject_CallOneArg(library_fn, sentence);
        Py_DECREF(sentence);
        return *library == NULL ? V_ERROR : V_LIBRARY;
    }
    if (n == 0)
        return V_EMPTY;
    Token stack_tk[STACK_TOKENS];
    double stack_sent[STACK_TOKENS];
    Token *tk = stack_tk;
    double *sent = stack_sent;
    int rc = V_ERROR;
    Py_ssize_t filled = 0, allcap = 0;
    int any_active = 0;
    if (n > STACK_TOKENS) {
        tk = PyMem_Malloc((size_t)n * sizeof(Token));
        sent = PyMem_Malloc((size_t)n * sizeof(double));
        if (tk == NULL || sent == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    k = start;
    for (; filled < n; filled++) {
        while (Py_UNICODE_ISSPACE(PyUnicode_READ(ukind, data, k)))
            k++;
        Py_ssize_t a = k;
        while (k < end && !Py_UNICODE_ISSPACE(PyUnicode_READ(ukind, data, k)))
            k++;
        PyObject *info;
        if (given != NULL && given[filled] != Py_None) {
            info = Py_NewRef(given[filled]);
        }
        else {
            PyObject *t = PyUnicode_Substring(text, a, k);
            if (t == NULL)
                goto done;
            info = PyDict_GetItemWithError(tokens_cache, t);
            if (info != NULL)
                Py_INCREF(info);
            else if (!PyErr_Occurred())
                info = token_info(t);
            Py_DECREF(t);
            if (info == NULL)
                goto done;
        }
        Token *tok = &tk[filled];
        tok->info = info;
        sent[filled] = 0.0;
        if (!PyTuple_Check(info) || PyTuple_GET_SIZE(info) < 4) {
            filled++;
            goto bad_info;
        }
        tok->lower = PyTuple_GET_ITEM(info, 1);  /* read (and checked) only below */
        PyObject *cap_o = PyTuple_GET_ITEM(info, 2), *active_o = PyTuple_GET_ITEM(info, 3);
        int cap = cap_o == Py_True ? 1 : cap_o == Py_False ? 0 : PyObject_IsTrue(cap_o);
        int active = active_o == Py_True ? 1 : active_o == Py_False ? 0
                     : PyObject_IsTrue(active_o);
        if (cap < 0 || active < 0) {
            filled++;
            goto done;
        }
        tok->allcap = cap;
        tok->active = active;
        tok->code = W_OTHER;
        tok->in_lex = tok->in_boost = tok->negated = tok->idiom = -1;
        allcap += cap;
        any_active |= active;
    }
    if (!any_active) {  /* all valences are 0 */
        rc = V_NEUTRAL;
        goto done;
    }
    Py_ssize_t bi = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_Check(tk[i].lower))
            goto bad_info;
        tk[i].code = word_code(tk[i].lower);
        if (bi < 0 && tk[i].code == W_BUT)
            bi = i;
    }
    int is_cap_diff = 0 < n - allcap && n - allcap < n;
    for (Py_ssize_t i = 0; i < n; i++)
        if (tk[i].active && token_valence(tk, n, i, is_cap_diff, &sent[i]) < 0)
            goto done;
    if (bi >= 0)
        but_check(sent, n, bi);
    if (score_valence(sent, n, text, start, end, out) == 0)
        rc = V_COMPUTED;
    goto done;
bad_info:
    PyErr_SetString(PyExc_TypeError, "a token's info is not (word, lower, caps, active)");
done:
    if (tk != NULL)
        for (Py_ssize_t j = 0; j < filled; j++)
            Py_XDECREF(tk[j].info);
    if (tk != stack_tk)
        PyMem_Free(tk);
    if (sent != stack_sent)
        PyMem_Free(sent);
    return rc;
}

/* round(x, ndigits) as Python gives it (correctly rounded), a new reference, for ndigits 3 or
 * 4 (round3, round4). Python rounds the exact value of x * 10**ndigits to an integer r (a tie
 * to even) and gives the float nearest r / 10**ndigits. Where |x| < 10**4, the product y
 * computed in floating point is within 2e-8 of the exact one, so where y's fraction is more than
 * 1e-6 away from one half, r is y rounded to the nearest integer, and r / 10**ndigits, one
 * correctly rounded division, is the float nearest that decimal: Python's result, computed
 * without its decimal conversion (a zero keeps x's sign, as in Python). Elsewhere (a near tie,
 * large, infinite or NaN) Python's round itself. */
static PyObject *
rounded(double x, PyObject *ndigits)
{
    double scale = ndigits == round4 ? 1e4 : ndigits == round3 ? 1e3 : 0.0;
    if (scale != 0.0 && fabs(x) < 1e4) {
        double y = x * scale, low = floor(y), frac = y - low;
        if (fabs(frac - 0.5) > 1e-6) {
            double r = frac < 0.5 ? low : low + 1.0;
            return PyFloat_FromDouble(r == 0.0 ? copysign(0.0, x) : r / scale);
        }
    }
    PyObject *f = PyFloat_FromDouble(x);
    if (f == NULL)
        return NULL;
    PyObject *args[2] = {f, ndigits};
    PyObject *r = PyObject_Vectorcall(round_fn, args, 2, NULL);
    Py_DECREF(f);
    return r;
}

static PyObject *
vader_round(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyFloat_Check(args[0]) || !PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "round_() takes a float and 3 or 4");
        return NULL;
    }
    long nd = PyLong_AsLong(args[1]);
    if (nd != 3 && nd != 4) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "round_() rounds to 3 or 4 digits");
        return NULL;
    }
    return rounded(PyFloat_AS_DOUBLE(args[0]), nd == 3 ? round3 : round4);
}

/* The sentence text[start:end]'s (compound, pos, neu, neg) as the objects
 * vader_scores(sentence) would hold (new references in out[0..3]): 0 or -1 on error. With
 * `given`, its tokens' infos as sentence_scores takes them; their number to *n_tokens. */
static int
values_of(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *const *given,
          Py_ssize_t n_given, Py_ssize_t *n_tokens, PyObject **out)
{
    double v[4];  /* neg, neu, pos, compound */
    PyObject *library = NULL;
    int r;
    if (tokens_cache == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "framing._vader_c.init() was not called");
        return -1;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "the text must be a str, not %.100s",
                     Py_TYPE(text)->tp_name);
        return -1;
    }
    if (start < 0 || end > PyUnicode_GET_LENGTH(text) || start > end) {
        PyErr_SetString(PyExc_IndexError, "the sentence is not within the text");
        return -1;
    }
    switch ((r = sentence_scores(text, start, end, given, n_given, n_tokens, v,
                                 &library))) {
    case V_EMPTY:
    case V_NEUTRAL:  /* round(0.0, n) is 0.0 and round(1.0, 3) is 1.0 */
        out[0] = Py_NewRef(f_zero);
        out[1] = Py_NewRef(f_zero);
        out[2] = Py_NewRef(r == V_EMPTY ? f_zero : f_one);
        out[3] = Py_NewRef(f_zero);
        return 0;
    case V_LIBRARY: {
        PyObject *keys[4] = {k_compound, k_pos, k_neu, k_neg};
        for (int i = 0; i < 4; i++) {
            out[i] = PyObject_GetItem(library, keys[i]);
            if (out[i] == NULL) {
                while (i-- > 0)
                    Py_CLEAR(out[i]);
                Py_DECREF(library);
                return -1;
            }
        }
        Py_DECREF(library);
        return 0;
    }
    case V_COMPUTED:
        out[0] = rounded(v[3], round4);
        out[1] = out[0] ? rounded(v[2], round3) : NULL;
        out[2] = out[1] ? rounded(v[1], round3) : NULL;
        out[3] = out[2] ? rounded(v[0], round3) : NULL;
        if (out[3] != NULL)
            return 0;
        for (int i = 0; i < 3; i++)
            Py_CLEAR(out[i]);
        return -1;
    default:
        return -1;
    }
}

/* values_of without given infos: the C interface sentence_values (see common.h) */
static int
sentence_values(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject **out)
{
    Py_ssize_t n;
    return values_of(text, start, end, NULL, 0, &n, out);
}

/* values_of with the infos of the list `infos` from *offset on, *offset moved past the
 * sentence's tokens: the C interface sentence_values_given (see common.h) */
static int
sentence_values_given(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *infos,
                      Py_ssize_t *offset, PyObject **out)
{
    Py_ssize_t n = 0;
    if (!PyList_CheckExact(infos) || *offset < 0 || *offset > PyList_GET_SIZE(infos)) {
        PyErr_SetString(PyExc_TypeError, "the token infos must be a list, read from within it");
        return -1;
    }
    /* the list's items are read while no Python code runs (VADER's library, called for a
       sentence holding an emoji, does not read them) */
    if (values_of(text, start, end, ((PyListObject *)infos)->ob_item + *offset,
                  PyList_GET_SIZE(infos) - *offset, &n, out) < 0)
        return -1;
    *offset += n;
    return 0;
}

static PyObject *
vader_scores(PyObject *module, PyObject *text)
{
    (void)module;
    PyObject *v[4], *d;
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "scores() takes a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (sentence_values(text, 0, PyUnicode_GET_LENGTH(text), v) < 0)
        return NULL;
    if ((d = PyDict_New()) != NULL
            && (PyDict_SetItem(d, k_neg, v[3]) < 0 || PyDict_SetItem(d, k_neu, v[2]) < 0
                || PyDict_SetItem(d, k_pos, v[1]) < 0
                || PyDict_SetItem(d, k_compound, v[0]) < 0))
        Py_CLEAR(d);
    for (int i = 0; i < 4; i++)
        Py_DECREF(v[i]);
    return d;
}

static PyObject *
vader_values(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    PyObject *v[4];
    Py_ssize_t start, end;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "values() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    if ((start = PyNumber_AsSsize_t(args[1], PyExc_OverflowError)) == -1 && PyErr_Occurred())
        return NULL;
    if ((end = PyNumber_AsSsize_t(args[2], PyExc_OverflowError)) == -1 && PyErr_Occurred())
        return NULL;
    if (sentence_values(args[0], start, end, v) < 0)
        return NULL;
    PyObject *t = PyTuple_New(4);
    if (t == NULL) {
        for (int i = 0; i < 4; i++)
            Py_DECREF(v[i]);
        return NULL;
    }
    for (int i = 0; i < 4; i++)
        PyTuple_SET_ITEM(t, i, v[i]);
    return t;
}

static int
compare_ucs4(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

static PyObject *
vader_init(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *tokens, *active, *lex, *boost, *neg, *spec, *idioms, *emoji_set, *library, *punct;
    double ns, ci;
    Py_ssize_t max;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OO!OOOddUn:init", &PyDict_Type, &tokens, &PySet_Type,
                          &active, &PyDict_Type, &lex, &PyDict_Type, &boost, &neg, &PyDict_Type,
                          &spec, &idioms, &emoji_set, &library, &ns, &ci, &punct, &max))
        return NULL;
    if (!PyAnySet_Check(neg) || !PyAnySet_Check(idioms)) {
        PyErr_SetString(PyExc_TypeError, "negate and idiom_words must be sets");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(emoji_set, "emoji must be an iterable of characters");
    if (seq == NULL)
        return NULL;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(seq);
    Py_UCS4 *codes = PyMem_Malloc((size_t)(m ? m : 1) * sizeof(Py_UCS4));
    if (codes == NULL) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *c = PySequence_Fast_GET_ITEM(seq, k);
        if (!PyUnicode_Check(c) || PyUnicode_GET_LENGTH(c) != 1) {
            PyErr_SetString(PyExc_TypeError, "emoji must be one-character strings");
            PyMem_Free(codes);
            Py_DECREF(seq);
            return NULL;
        }
        codes[k] = PyUnicode_READ_CHAR(c, 0);
    }
    Py_DECREF(seq);
    qsort(codes, (size_t)m, sizeof(Py_UCS4), compare_ucs4);
    PyMem_Free(emoji);
    emoji = codes;
    n_emoji = m;
    Py_INCREF(tokens); Py_XSETREF(tokens_cache, tokens);
    Py_INCREF(active); Py_XSETREF(active_set, active);
    Py_INCREF(punct); Py_XSETREF(punctuation, punct);
    cache_max = max;
    Py_INCREF(lex); Py_XSETREF(lexicon, lex);
    Py_INCREF(boost); Py_XSETREF(booster, boost);
    Py_INCREF(neg); Py_XSETREF(negate, neg);
    Py_INCREF(spec); Py_XSETREF(special, spec);
    Py_INCREF(idioms); Py_XSETREF(idiom_words, idioms);
    Py_INCREF(library); Py_XSETREF(library_fn, library);
    n_scalar = ns;
    c_incr = ci;
    Py_RETURN_NONE;
}

/* The C interface other extensions call (framing._tone_c's per-article loop), as the capsule
 * framing._vader_c._C_API; see FramingVaderAPI in common.h. */
static FramingVaderAPI c_api = {sentence_values, sentence_values_given};

static PyMethodDef methods[] = {
    {"init", vader_init, METH_VARARGS,
     "init(tokens, active, lexicon, booster, negate, special, idiom_words, emoji, library, "
     "n_scalar, c_incr, punctuation, cache_max): the token cache and the set of its active "
     "tokens, VADER's tables, the one-character emoji, the library's polarity_scores (for "
     "sentences holding one), the punctuation stripped from a token and the cache's limit."},
    {"info", vader_info, METH_O,
     "info(token) -> (word, lower, all caps, active) of a raw token, as "
     "framing.sentiment._vader_info gives it, stored in the token cache while it has room."},
    {"scores", vader_scores, METH_O,
     "scores(text) -> VADER's {'neg', 'neu', 'pos', 'compound'} of one sentence, exactly."},
    {"round_", (PyCFunction)(void (*)(void))vader_round, METH_FASTCALL,
     "round_(x, ndigits) -> round(x, ndigits) for 3 or 4 digits, as the scores are rounded "
     "here (mostly without Python's decimal conversion; the same float)."},
    {"values", (PyCFunction)(void (*)(void))vader_values, METH_FASTCALL,
     "values(text, start, end) -> (compound, pos, neu, neg): the values of "
     "scores(text[start:end]), without making the sentence's string or a dict."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "framing._vader_c",
    "VADER's per-sentence scores in C (see framing.sentiment._vader_fast).", -1, methods,
    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC
PyInit__vader_c(void)
{
    if (s_nt == NULL) {
        PyObject *builtins = PyImport_ImportModule("builtins");
        if (builtins == NULL)
            return NULL;
        round_fn = PyObject_GetAttrString(builtins, "round");
        Py_DECREF(builtins);
        if (round_fn == NULL)
            return NULL;
        s_nt = PyUnicode_InternFromString("n't");
        s_lower = PyUnicode_InternFromString("lower");
        s_isupper = PyUnicode_InternFromString("isupper");
        s_kind = PyUnicode_InternFromString("kind");
        k_neg = PyUnicode_InternFromString("neg");
        k_neu = PyUnicode_InternFromString("neu");
        k_pos = PyUnicode_InternFromString("pos");
        k_compound = PyUnicode_InternFromString("compound");
        round3 = PyLong_FromLong(3);
        round4 = PyLong_FromLong(4);
        f_zero = PyFloat_FromDouble(0.0);
        f_one = PyFloat_FromDouble(1.0);
        if (!s_nt || !s_lower || !s_isupper || !s_kind || !k_neg || !k_neu || !k_pos
                || !k_compound || !round3 || !round4 || !f_zero || !f_one)
            return NULL;
    }
    PyObject *m = PyModule_Create(&moduledef), *api;
    if (m == NULL)
        return NULL;
    if ((api = PyCapsule_New((void *)&c_api, FRAMING_VADER_API_NAME, NULL)) == NULL
            || PyModule_AddObject(m, "_C_API", api) < 0) {
        Py_XDECREF(api);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
