/* Helpers shared by framing's compiled fast paths (the C files of src/framing/_c: each is its own
 * extension module, and includes this header). */
#ifndef FRAMING_C_COMMON_H
#define FRAMING_C_COMMON_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>  /* T_OBJECT_EX, READONLY: the layout of a dataclass's slots */

/* A new tuple for a long-lived cache, untracked by the garbage collector when none of its items
 * is tracked: the rule CPython applies to every tuple it meets in a collection, applied when the
 * tuple is made. The caches hold hundreds of thousands of such tuples; tracked, each would pass
 * through the young generations into the old one, making the collector run full collections
 * (over every object of the process) while the caches fill. NULL passes through. */
static inline PyObject *
untracked(PyObject *t)
{
    if (t == NULL || !PyObject_GC_IsTracked(t))
        return t;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(t); k++)
        if (PyObject_GC_IsTracked(PyTuple_GET_ITEM(t, k)))
            return t;
    PyObject_GC_UnTrack(t);
    return t;
}

/* t.lower() (`lower` is the interned name "lower"), or t itself where they are equal (one
 * string object, not two); a new reference. */
static inline PyObject *
lower_of(PyObject *t, PyObject *lower)
{
    if (PyUnicode_IS_ASCII(t)) {
        const unsigned char *u = PyUnicode_DATA(t);
        Py_ssize_t len = PyUnicode_GET_LENGTH(t), k;
        for (k = 0; k < len && !(u[k] >= 'A' && u[k] <= 'Z'); k++)
            ;
        if (k == len) {
            Py_INCREF(t);
            return t;
        }
    }
    PyObject *w = PyObject_CallMethodNoArgs(t, lower);
    if (w == NULL)
        return NULL;
    int same = PyUnicode_Compare(w, t);
    if (same == -1 && PyErr_Occurred()) {
        Py_DECREF(w);
        return NULL;
    }
    if (same == 0) {
        Py_INCREF(t);
        Py_SETREF(w, t);
    }
    return w;
}

/* bool(w.<name>()) (`name` an interned method name): 1, 0, or -1 with an exception set. */
static inline int
call_truth(PyObject *w, PyObject *name)
{
    PyObject *r = PyObject_CallMethodNoArgs(w, name);
    if (r == NULL)
        return -1;
    int t = PyObject_IsTrue(r);
    Py_DECREF(r);
    return t;
}

/* The offset of the slot `name` of `type` in *offset where it is a writable slot holding an
 * object, described by that very type (as a dataclass with slots lays out each field): 1; 0 where
 * it is not (no such attribute, another kind, inherited, read-only); -1 with an exception set
 * where looking it up fails otherwise than with an AttributeError. */
static inline int
object_slot_offset(PyObject *type, PyObject *name, Py_ssize_t *offset)
{
    PyObject *descr = PyObject_GetAttr(type, name);
    int found = 0;
    if (descr == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return -1;
        PyErr_Clear();
        return 0;
    }
    if (Py_IS_TYPE(descr, &PyMemberDescr_Type)
            && ((PyMemberDescrObject *)descr)->d_common.d_type == (PyTypeObject *)type) {
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type == T_OBJECT_EX && !(member->flags & READONLY) && member->offset > 0) {
            *offset = member->offset;
            found = 1;
        }
    }
    Py_DECREF(descr);
    return found;
}

/* framing._vader_c's C interface, the capsule framing._vader_c._C_API (PyCapsule_Import):
 * sentence_values(text, start, end, out) sets out[0..3] to new references to the
 * (compound, pos, neu, neg) of VADER's scores of the sentence text[start:end], the objects
 * framing._vader_c.scores(text[start:end]) holds; 0, or -1 with an exception set.
 * sentence_values_given(text, start, end, infos, offset, out) is the same, with the infos of the
 * sentence's white-space tokens, (word, lower, all caps, active) as framing._vader_c.info gives
 * them, read from the list infos at *offset (None: looked up), and *offset moved past them. */
#define FRAMING_VADER_API_NAME "framing._vader_c._C_API"
typedef struct {
    int (*sentence_values)(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject **out);
    int (*sentence_values_given)(PyObject *text, Py_ssize_t start, Py_ssize_t end,
                                 PyObject *infos, Py_ssize_t *offset, PyObject **out);
} FramingVaderAPI;

#endif
