"""Reading news corpora into one canonical table.

:func:`load_corpus` reads CSV/TSV, JSONL (plain or gzip), JSON arrays, Parquet, or a folder of
``.txt`` files, renames source columns to the canonical ones (``id, outlet, date, title, text,
url``; extra columns are kept), cleans the text the way researchers expect (HTML to text, Unicode
normalization, web boilerplate lines removed; each step can be switched off), parses dates
leniently, and reports what it did in a :class:`LoadReport` (:func:`load_report` reads it from the
loaded DataFrame). Nothing is silently dropped: exact duplicate texts are counted and listed, not
removed.

:class:`CorpusReader` does the same in chunks, so a corpus larger than memory can be streamed into
the store.

Example
-------
>>> import framing, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "c.csv").write_text("body,source\\nTalks may resume soon.,Wire A\\n")
>>> df = framing.load_corpus(folder / "c.csv", mapping={"text": "body", "outlet": "source"})
>>> list(df.columns)
['id', 'outlet', 'date', 'title', 'text', 'url']
>>> df.loc[0, "outlet"]
'Wire A'
"""

from __future__ import annotations

import codecs
import copy
import csv
import datetime as dt
import difflib
import gzip
import hashlib
import html
import io
import json
import logging
import re
import unicodedata
import warnings
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from framing.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    InputError,
    MalformedRecordError,
    MissingColumnError,
    MissingValueError,
    UnsupportedFormatError,
)
from framing.text import HTML_TAG_RE as _HTML_TAG_RE

__all__ = [
    "CANONICAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "LoadReport",
    "Canonicalizer",
    "CorpusReader",
    "load_corpus",
    "load_report",
    "clean_text",
    "html_to_text",
    "parse_date",
    "article_key",
    "BOILERPLATE_PATTERNS",
    "parse_mapping",
]

logger = logging.getLogger(__name__)

CANONICAL_COLUMNS = ("id", "outlet", "date", "title", "text", "url")
REQUIRED_COLUMNS = ("text", "outlet")

#: Cell values that mean "no value" rather than text: pandas' default missing-value strings
#: (``pandas.read_csv`` ``na_values``), as spreadsheets, R and pandas exports write them. A text,
#: outlet or date that is exactly one of these (after trimming white space) is missing;
#: a text that merely contains such a word is kept.
MISSING_MARKERS = frozenset({
    "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
})

#: Dates outside this range are treated as unusable (e.g. the placeholder year 0001).
EARLIEST_YEAR = 1800
LATEST_YEAR_AHEAD = 1  # years after today still accepted (embargoed or mistyped pieces)

#: Lines that are web furniture rather than article prose. Matched case-insensitively against a
#: whole line (after trimming, and after a leading "-", "*" or "•") of at most
#: ``BOILERPLATE_MAX_CHARS`` characters. The first patterns (``IDENTITY_BOILERPLATE_PATTERNS``)
#: are those of the first release; the rest were added after the AllSides corpus showed lines
#: repeated across hundreds of one outlet's articles that the first ones missed
#: (docs/reliability.md, "Cleaning").
IDENTITY_BOILERPLATE_PATTERNS = (
    r"(read|see) (more|also)\b.*",
    r"more to read\b.*",
    r"(related|recommended)( stories| articles| coverage| reading| content)?\s*[:|»›>-].*",
    r"(also read|watch|listen|photos?|video)\s*:.*",
    r"advertisement|sponsored( content)?|ad feedback",
    r"(story|article) continues (below|after).*",
    r"(continue|keep) reading( below| the main story)?\.?",
    r"scroll (down )?to continue.*",
    r"(sign up|subscribe)\b.*\b(newsletter|inbox|updates|briefing|alerts)\b.*",
    r"(get|receive) (our|the) .*newsletter.*",
    r"follow (us|\w+( \w+)?) on (twitter|x|facebook|instagram|linkedin|tiktok|youtube|telegram|threads|bluesky|social media)\b.*",
    r"follow (us|the \w+( \w+)?) (on|for|at) .*\b(updates|coverage|news|live|latest)\b.*",
    r"(like|join) us on (facebook|twitter|x|telegram)\b.*",
    r"share (this|the) (article|story)( on .*)?|share on (facebook|twitter|x)\b.*",
    r"click here\b.*",
    r"(download|get) (our|the) (free )?app\b.*",
    r"(©|\(c\)|copyright)\s*\d{4}\b.*",
)
BOILERPLATE_PATTERNS = IDENTITY_BOILERPLATE_PATTERNS + (
    r"(copyright\s*)?(©|\(c\))\s*\d{4}\b.*",  # "Copyright © 2019 ..."
    r"(story|article) continued (below|after).*",
    r"(advertisement\s*)+:?|advertisement continue reading( the main story)?\.?",
    r"ad|photo|video|close",
    r"sign up for (daily |our |free )?newsletters\b.*|newsletter sign[- ]?up\b.*",
    r"sign up to receive\b.*",
    r"(\*\*)?(get|want) .{0,80}\b(delivered (daily )?to|in) your inbox\b.*",
    r"share this article\b.*",
    r"image copyright\b.*|enlarge this image\b.*",
    r"slideshow \(\d+ images?\)|((next|prev|previous) )?image \d+ of \d+",
    r"loading\s*(\.\.\.|…)",
    r"follow @\w+|follow the \w+( \w+)? on (twitter|x)\b.*",
    r"more on this( story)?\s*(\.\.\.|…|:)?",
    r"\d+ (minutes?|hours?|days?|weeks?|months?|years?) ago",
    r"this article is more than \d+ (days?|weeks?|months?|years?) old",
    r"\[/?(pullquote|caption|embed|video|gallery)\b[^\]]*\]",
    r"support (our|\S+['’]s?) (\w+ )?journalism\b.*",
    r"visit .{1,60}['’]s? homepage for more\b.*",
    r"contact us at \S+@\S+",
    r"this is a rush transcript\b.*",
    r"just watched\b.*\breplay more videos\b.*",  # a video player's text
    r"read or share this story\b.*", r"contributing\s*:.*",
    r"more\s*:(?!.*\(@\w+\)).*",  # a link ("More: ..."), not an embedded tweet ("... (@Reuters)")
    r"related coverage\b.*", r"link copied", r"urgent\s*:", r"(analysis/)?opinion\s*:",
    r"(share|print|email|e-mail|whatsapp|pocket|reddit|tumblr|linkedin|facebook|twitter|"
    r"flipboard|youtube)",  # share buttons and embeds, each on a line of its own
    r"©\s*copyright\s*\d{4}\b.*", r"content created by .{3,80} is available\b.*",
    r"interested in .{1,80}\? add .{1,80} as an interest\b.*", r"let our news meet your inbox\b.*",
    r"get breaking news alerts\b.*", r"please include a contact number\b.*",
    # seen in the SemEval-2023 and -2025 article sets
    r"take our poll\b.*", r"this field is for validation purposes\b.*", r"e-?mail\s*\*",
    r"most read in (the )?\w+( \w+)?", r"read all the latest news\b.*",
    r"\(\s*(photos?|videos?|slideshow|read more)\s*:[^)]*\)",  # "( PHOTOS: ... )"
    r"the (views|opinions) expressed (in|by) (this|these|columnists?|the author)\b.*"
    r"\b(own|those of|necessarily)\b.*",
    # lines repeated across 25 or more of one outlet's AllSides articles (session 12)
    r"usa today", r"watch the latest video at \S+", r"read .{1,40} flipboard magazine\b.*",
    r"click for more from .{1,60}", r"subscribe now\b.*", r"thank you for signing up\b.*",
    r"sign up for our\b.*", r"send letters to \S+@\S+", r"(follow @\w+\s*)+",
    r"\((pixabay|getty images|ap photo|shutterstock|istock)\)", r"full coverage\s*:.*",
    r"this (story|article) has been updated\.?", r"got a tip\b.*\bemail\b.*",
    r"editor['’]s note\s*:\s*as a public service\b.*",
    r"media playback is unsupported on your device\.?",
    r"toggle caption\b.{0,120}",  # NPR's photo credit line
    r"[_*•·=~ -]{2,}",  # a line of separators ("* * *", "___")
    # session 13, from a new-user report on 2,865 AllSides articles
    r"follow @\w+((,| and| &) @\w+)* on (twitter|x|facebook|instagram)\b.*",
    r"follow [\w ]{1,40} join us on (twitter|facebook|x)\b.*",  # "Follow CNN Opinion Join us ..."
    r"updated?\b.{0,60}?\b(et|edt|est|ct|cdt|pt|pdt|gmt|bst|p\.m\.|a\.m\.|pm|am)\s*:?",
    # session 14: placeholders and stage directions on a line of their own ("[image]",
    # "[audio-clip]", "[applause]", "[music]"), a data widget's credit, a sign-up prompt
    r"\[[a-z][a-z' -]{0,30}\]", r"data curated by [\w .]{1,40}",
    r"[\w ]{1,60} delivered to your inbox\s*:?\s*sign up for (our|the) newsletter\.?",
)
BOILERPLATE_MAX_CHARS = 200
#: A line in capitals of at least this many words (and 12 letters, at most
#: ``BOILERPLATE_MAX_CHARS`` characters) is a linked story's headline or a section heading, and
#: removed, unless most of the text is in capitals.
CAPS_HEADLINE_MIN_WORDS = 4
#: Some furniture runs longer, up to ``LONG_BOILERPLATE_MAX_CHARS``, or is only worth a regular
#: expression after a substring test: sign-up prompts with a consent clause or a robot check,
#: photo captions ("FILE PHOTO: ... REUTERS/Name/File Photo", "<caption> REUTERS/Jane Doe",
#: "<caption> (Photo: Jane Doe, AP)"), and credit lines ("The Associated Press contributed to
#: this report.").
LONG_BOILERPLATE_MAX_CHARS = 600
_SIGNUP_CONSENT_RE = re.compile(r"\bby (signing up|subscribing),? you agree to\b",
                                re.IGNORECASE)
_FILE_PHOTO_RE = re.compile(r"\s*file photo\s*:.*/file photo\s*$", re.IGNORECASE)
# Wire photo captions that end in a credit the patterns above missed (session 15: 17 Reuters
# "FILE PHOTO" captions and 49 other captions were left in the AllSides corpus, scored as
# prose): "FILE PHOTO: <caption> Jane Doe/Pool via REUTERS" (also "FILE PHOTO - ", "REUTERS/
# Jane Doe", "REUTERS/Stringer/"), any caption ending "Handout via REUTERS", "KCNA/via REUTERS",
# "JANE DOE / REUTERS" or "(Jane Doe/REUTERS)" (REUTERS in capitals, as only a credit writes
# it), and a caption ending in a parenthesized file-photo credit ("(File photo: Jane
# Doe/Reuters)", "(Reuters file photo: Jane Doe)", "(Jane Doe/CQ Roll Call file photo)").
_FILE_PHOTO_CREDIT_RE = re.compile(
    r"\s*file photo\s*[:–-].*(?:/\s*file photo|(?:\bvia|/)\s*reuters/?"
    r"|\breuters\s*/\s*[^\n/]{1,60}(?:/[^\n/]{1,40}){0,2}/?)\s*$", re.IGNORECASE)
_REUTERS_CREDIT_RE = re.compile(
    r".*(?:(?:/|\bvia) ?REUTERS/?|\bREUTERS/ ?[A-Z][^\n/]{0,60}(?:/[A-Za-z][^\n/]{0,40}){0,2}/?"
    r"|\([^()\n]{1,80}/ ?REUTERS\))\s*$")
_FILE_PHOTO_PAREN_RE = re.compile(r".*\([^()\n]{0,80}\bfile photos?\b[^()\n]{0,80}\)\s*$",
                                  re.IGNORECASE)
# A caption ending in its photo credit (session 15): "... Photograph: Jane Doe/AP" (the
# Guardian's, after its share buttons), "... Photo: Getty" (the Wall Street Journal's, and its
# video blurbs), "... Jane Doe/AFP/Getty Images", "... AFP via Getty Images": 1,197 lines in
# 764 AllSides articles. The credit after "Photo: " is a name (at most 80 characters, its
# words capitalized but for "for", "via", "of", ... and words in parentheses), so that text
# after a credit ("(Photo: Jane Doe) Story Highlights Talks resume") is not taken for it.
_CREDIT_END_RE = re.compile(r".*?(?:\b(?:Photo|Photograph)s?: (?P<credit>[A-Z][^\n]{0,80}?)"
                            r"|[\w.'’)-] ?/ ?Getty Images|\bvia Getty Images)\.?\s*$")
_CREDIT_SMALL_WORDS = frozenset({"for", "via", "of", "and", "the", "de", "del", "der", "di",
                                 "da", "du", "la", "le", "van", "von", "y", "in", "at", "by"})
_PARENTHESES_RE = re.compile(r"\([^()]*\)")


def _ends_in_credit(line: str) -> bool:
    """A line ending in a photo credit (:data:`_CREDIT_END_RE`)."""
    m = _CREDIT_END_RE.match(line)
    if m is None:
        return False
    credit = m.group("credit")
    if credit is None:
        return True
    words = _PARENTHESES_RE.sub(" ", credit)
    # "(Photo: Jane Doe) in Kharn.": the credit closed before the line's end, prose follows
    return re.search(r"\)\W*\w", words) is None and all(
        not word[:1].islower() or word in _CREDIT_SMALL_WORDS for word in words.split())


#: The Associated Press's file-photo captions run longer, a summary of the story included, up to
#: this many characters: "FILE - In this July 11, 2019, file photo, <caption>. <summary>. (AP
#: Photo/Jane Doe, File)", each twice before the story in 27 AllSides articles (the longest 845).
FILE_CAPTION_MAX_CHARS = 1500
_AP_FILE_CAPTION_RE = re.compile(
    r"\s*FILE - [^\n]*?\bfile (?:photo|image)\b[^\n]*\([^()\n]*\bAP\b[^()\n]*\)\s*$")
_CAPTION_LINE_RE = re.compile(r"\(Photo: [^()\n]{1,200}\)\s*$")
_ROBOT_CHECK_RE = re.compile(r"\bplease verify you['’]re not a robot\b", re.IGNORECASE)
_WIRE_CAPTION_RE = re.compile(r"\bREUTERS/[A-Z][^\n/]{0,60}(?:/[A-Za-z][^\n/]{0,40}){0,2}\s*$")
# A photo caption that opens with its credit (session 16): "Jane Doe/AP <caption>", "Jane
# Doe/Reuters/File <caption>", "Jane Doe/The Christian Science Monitor <caption>" (the Christian
# Science Monitor's captions, 359 lines in the AllSides corpus), or that credit alone on its line
# ("Jane Doe/AP Photo", "Jane Doe/The New York Times", ABC News' and the Times' credit lines). The
# credit is a person's name of two to four capitalized words (not "The NBC/Wall Street Journal
# poll", not "Michael Flynn. Jane Doe/Getty Images <lead>", where a caption runs into the story)
# and a photo agency or a newspaper's staff.
_CREDIT_WORD = r"(?:[A-Z][\w'’-]*|[A-Z]\.(?:[A-Z][\w'’-]*)?)"
_PHOTO_AGENCY = (r"(?:AP(?: Photo)?|Associated Press|Reuters|REUTERS|Staff|STAFF|File|FILE"
                 r"|Getty Images|AFP|Pool|EPA(?:-EFE)?|Bloomberg|Redux|POLITICO|Sipa USA"
                 r"|The New York Times(?: via Redux)?|The Washington Post"
                 r"|(?:Special to )?The Christian Science Monitor|THE CHRISTIAN SCIENCE MONITOR"
                 r"|Courtesy(?: of)? [A-Z][^/\n]{0,60}?)")
_OPENING_CREDIT_RE = re.compile(
    rf"\s*(?!(?:The|THE|An?|AN?) ){_CREDIT_WORD}(?: {_CREDIT_WORD}){{1,3}}"
    rf"(?:/{_PHOTO_AGENCY})+(?:\s*$| (?=[A-Z\d“\"‘'(]))")
_OPENING_CREDIT_HINTS = ("/AP", "/Associated Press", "/Reuters", "/REUTERS", "/Staff", "/STAFF",
                         "/Getty Images", "/AFP", "/Pool", "/EPA", "/Bloomberg", "/POLITICO",
                         "/Sipa", "/The ", "/THE ", "/Special to", "/Courtesy", "/File", "/FILE",
                         "/Redux")


# Credit lines (session 14: also after a bullet or dash, "• Jane Doe and John Roe contributed to
# this report.", in parentheses, with a long list of names and places, "contributed reporting",
# "... from Kharn", "..., which is based in part on wire service reports", "..., which was updated
# at 9:34 a.m."): 776 such lines left in the AllSides corpus, 251 of them the Washington Times'.
_CONTRIBUTED_RE = re.compile(
    r"\s*[•⦁·*—–-]?\s*\(?[\w .,;&'’-]{2,400}? contributed "
    r"(?:reporting|to this (?:report|story|article))"
    r"(?: to this (?:report|story|article))?(?: from [A-Z][\w .,'’-]{1,60}?)?"
    r"(?:, which (?:is|was) based in part on wire[ -](?:service )?reports"
    r"|,? (?:which|that) was (?:last )?updated [\w .:,]{1,40}?)?\.?\)?\.?\s*$", re.IGNORECASE)


# Breitbart's author bios closing an article (session 14): "Joel B. Pollak is Senior
# Editor-at-Large at Breitbart News. He earned an A.B. ...", "Allum Bokhari is the senior
# technology correspondent at Breitbart News." (30 lines in the AllSides corpus, all Breitbart's).
_BREITBART_BIO_RE = re.compile(
    r"\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3},? is (?:a |an |the )?(?![^\n]{0,80}?\bformer\b)"
    r"[^\n]{0,80}?\b(?i:reporter|correspondent|editor|columnist|contributor|writer|journalist"
    r"|analyst|editor-at-large|editor-in-chief|director) (?:at|for|of|with) Breitbart\b")


_LONG_BOILERPLATE_HINTS = ("igning up", "IGNING UP", "ubscribing", "(Photo: ",
                           "contributed to this", "contributed reporting", "ile photo", "ILE PHOTO",
                           "ile Photo",
                           "not a robot", "REUTERS/", "Media playback", "Image caption",
                           "Image copyright", "Listen · ", "Write to ", "(AP Photo", "Getty Images)",
                           "Vote in Poll", "Previous Next", "ide caption", " Breitbart",
                           "REUTERS", "Photo: ", "Photos: ", "Photograph: ", "Getty Images",
                           *_OPENING_CREDIT_HINTS)
# Furniture of particular outlets, found by reading the lines left in 40 AllSides articles
# (session 12): the BBC's video and image captions ("Media playback is unsupported on your device
# Media caption ...", "Image copyright Getty Images Image caption ..."), NPR's audio cards ("...
# Listen · 3:29 3:29"), the Wall Street Journal's "Write to <name> at <address>", wire photo
# captions ending in their credit ("... (AP Photo/Evan Vucci)", "(Photo by Jane Doe/Getty
# Images)") and Newsmax's "<question>? Vote in Poll".
_OUTLET_FURNITURE_RE = re.compile(
    r"\s*(?:Media playback is unsupported on your device|Image (?:copyright|caption)\b)"
    r"|.*\bListen · \d{1,2}:\d{2}(?: \d{1,2}:\d{2})?\s*$"
    r"|\s*Write to [^\n]{1,150}@[\w.-]+\.\w+\S*\s*$"
    r"|.*\((?:AP Photo|Photo by)[^()\n]{0,120}\)\s*$"
    r"|.{0,200}\? Vote in Poll\s*$"
    # NPR's flattened photo galleries (session 13): one caption a line, ending in "Previous Next"
    # and the credit ("... defeating his rival, Tom Barrett. Previous Next Morry Gash/AP"), or
    # opening with "Hide caption"
    r"|.*\bPrevious Next [^\n]{1,80}$"
    r"|\s*(?:Show caption )?Hide caption\b.*")


def _is_long_boilerplate(line: str) -> bool:
    """A sign-up prompt with a consent clause, a photo caption or a credit line (any length: the
    caller checks it); cheap substring tests first, since most lines are prose."""
    # A line that fails one test goes on to the next: the New York Times' newsletter form says
    # "Thank you for subscribing" and is caught by its robot check.
    if ("igning up" in line or "IGNING UP" in line or "ubscribing" in line) \
            and _SIGNUP_CONSENT_RE.search(line) is not None:
        return True
    if "(Photo: " in line and _CAPTION_LINE_RE.search(line) is not None:
        return True
    if ("contributed to this" in line or "contributed reporting" in line) \
            and _CONTRIBUTED_RE.match(line) is not None:
        return True
    # a newsletter form: "... Please verify you're not a robot ..."
    if "not a robot" in line and _ROBOT_CHECK_RE.search(line) is not None:
        return True
    # a wire photo caption ends with its credit
    if "REUTERS/" in line and _WIRE_CAPTION_RE.search(line) is not None:
        return True
    if ("Media playback" in line or "Image c" in line or "Listen · " in line or "Write to " in line
            or "(AP Photo" in line or "Getty Images)" in line or "Vote in Poll" in line
            or "Previous Next" in line or "ide caption" in line) \
            and _OUTLET_FURNITURE_RE.match(line) is not None:
        return True
    if " Breitbart" in line and _BREITBART_BIO_RE.match(line) is not None:
        return True
    if "REUTERS" in line and _REUTERS_CREDIT_RE.match(line) is not None:
        return True
    if ("Photo" in line or "Getty Images" in line) and _ends_in_credit(line):
        return True
    if "/" in line[:100] and _OPENING_CREDIT_RE.match(line) is not None:
        return True
    if ("ile photo" in line or "ile Photo" in line) and _FILE_PHOTO_PAREN_RE.match(line) is not None:
        return True
    return (line.lstrip()[:10].lower() == "file photo"
            and (_FILE_PHOTO_RE.match(line) is not None
                 or _FILE_PHOTO_CREDIT_RE.match(line) is not None))


def _is_file_caption(line: str) -> bool:
    """An Associated Press file-photo caption (up to ``FILE_CAPTION_MAX_CHARS``: the caller
    checks it), opening "FILE - " and ending in its credit."""
    return line.lstrip()[:7] == "FILE - " and _AP_FILE_CAPTION_RE.match(line) is not None


#: Furniture inside a line of prose, cut out of it (``_INLINE_FURNITURE``: a cheap substring
#: test, then the pattern): photo galleries flattened into the text, one caption after another
#: ("Photos: <gallery> <caption> Hide Caption 3 of 24"); name cards, where a politician's name
#: links to a card of recent headlines ("Sen. Marsha Blackburn Marsha BlackburnGOP senators
#: introduce ... MORE (R-Tenn.)": the card repeats the name in full, then the headlines up to
#: "MORE"; the name before it stays); photo credits and wire codes in captions ("(Photo: Jane
#: Doe, AP)", "ORG XMIT: OTKCK102"); the label "Story highlights" before a summary line.
_GALLERY_CAPTION_RE = re.compile(r"Photos?: [^\n]{0,800}?\bHide Caption \d+ of \d+[ \t]*")
# The card's full name glued to its first headline ("Marsha BlackburnGOP senators"), or to
# "MORE" when the card has none ("Suzanne (Susie) Kelley LeeMORE's"), or set off by a space
# when the card repeats the first name and surname said just before it ("Paul Ryan Paul Davis
# Ryan Retirees ..."): anchoring on both keeps the surname, and a "Jr." after it, in the prose.
# A name needs a lower-case letter (capitals-only text repeats letter pairs: "THINK THERE"), and
# a card never runs past a "MORE" (the next card's).
_NAME = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
_CARD_END = r"(?:MORE\b|(?=[A-Z0-9‘'\"“])(?:(?!MORE)[^\n]){0,500}? ?MORE\b)"
_NAME_CARD_RE = re.compile(
    rf"\b({_NAME})((?:,? (?:Jr|Sr)\.?|,? I{{2,3}}|,? IV)?) ?(?:\(?[A-Z][\w.'’-]*\)? ){{0,4}}\1"
    + _CARD_END)
_SPACED_NAME_CARD_RE = re.compile(
    rf"\b({_NAME}) ({_NAME}) \1 (?:\(?[A-Z][\w.'’-]*\)? ){{0,3}}\2 (?=[A-Z0-9‘'\"“])"
    r"(?:(?!MORE)[^\n]){0,500}? ?MORE\b")
# A gallery whose captions run over whole paragraphs: a paragraph opening with its label
# ("Photos: Who's running for president?", "Photos: Photos: Key players in the shutdown debate
# ..."), then the paragraphs that each end a caption ("... Trump told the crowd. Hide Caption 2
# of 6"). Every paragraph opening with "Photo(s): " in the AllSides corpus (61) is a caption or
# a photo credit.
_GALLERY_LABEL_RE = re.compile(r"[ \t]*Photos?: \S")
_HIDE_CAPTION_RE = re.compile(r"\bHide Caption \d+ of \d+\b")
# CNN's video widget flattened into a paragraph: "JUST WATCHED <title> Replay More Videos ...
# MUST WATCH <title> 01:55"
_VIDEO_WIDGET_RE = re.compile(r" ?\bJUST WATCHED [^\n]{1,300}? Replay More Videos ?\.\.\. ?"
                              r"MUST WATCH [^\n]{1,300}? \d{1,2}:\d{2}\b")
_PHOTO_CREDIT_RE = re.compile(r" ?\(Photo: [^()\n]{1,200}\)")
_HIGHLIGHTS_LABEL_RE = re.compile(r"^\s*Story highlights\s*", re.IGNORECASE)
_WIRE_CODE_RE = re.compile(r" ?ORG XMIT: \S+(?: ORIG FILE ID: \S+)?")
# the disclaimer closing an author's bio: "The opinions expressed in this commentary are his own."
_DISCLAIMER_RE = re.compile(r" ?The (?:views|opinions) expressed in this (?:commentary|article|"
                            r"column|piece|channel|op-ed) are [^.\n]{0,80}\.")
# the prompt closing an author's bio: "... at Breitbart News. Follow him on Twitter at @joelpollak."
_FOLLOW = (r"\bFollow (?:him|her|them|me|us|@\w+|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}) on "
           r"(?:Twitter|X|Facebook|Instagram)\b[^\n]{0,40}?(?:@\w+\.?|\.|$)")
_FOLLOW_PROMPT_RE = re.compile(r" ?" + _FOLLOW)
# a whole bio line that ends so: "— Jonathan S. Tobin is opinion editor of JNS.org ... Follow
# him on Twitter at: @jonathans_tobin."
_BIO_WITH_FOLLOW_RE = re.compile(r"^\s*[—–-]?\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3},? (?:is|was) "
                                 r"[^\n]{0,300}?" + _FOLLOW + r"\s*$")
# an update stamp opening a paragraph: "UPDATE, April 21, 2020 at 6:58 p.m. ET : President ..."
_UPDATE_STAMP_RE = re.compile(r"^\s*UPDATED?\b[^\n]{0,60}?\b(?:ET|EDT|EST|CT|CDT|PT|PDT|GMT|BST|"
                              r"p\.m\.|a\.m\.|PM|AM)\s*:\s*")
_INLINE_FURNITURE = (("Hide Caption", _GALLERY_CAPTION_RE, ""), ("MORE", _NAME_CARD_RE, r"\1\2"),
                     ("ollow ", _BIO_WITH_FOLLOW_RE, ""), ("ollow ", _FOLLOW_PROMPT_RE, ""),
                     ("UPDATE", _UPDATE_STAMP_RE, ""),
                     ("expressed in this", _DISCLAIMER_RE, ""),
                     ("MORE", _SPACED_NAME_CARD_RE, r"\1 \2"),
                     ("(Photo: ", _PHOTO_CREDIT_RE, ""), ("ORG XMIT", _WIRE_CODE_RE, ""),
                     ("ighlights", _HIGHLIGHTS_LABEL_RE, ""),
                     ("Replay More Videos", _VIDEO_WIDGET_RE, ""))
_HINTS = frozenset(_LONG_BOILERPLATE_HINTS) | {hint for hint, _, _ in _INLINE_FURNITURE} \
    | {"Photo", "FILE - "}

_BOILERPLATE_RE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:" + "|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS) + r")\s*$",
    re.IGNORECASE)
# The first release's cleaning, kept unchanged: article keys and default ids are computed from
# the text as it cleaned it, so a better cleaner does not change who an article is.
_IDENTITY_BOILERPLATE_RE = re.compile(
    r"^\s*(?:" + "|".join(f"(?:{p})" for p in IDENTITY_BOILERPLATE_PATTERNS) + r")\s*$",
    re.IGNORECASE)
# C0 and C1 control characters other than tab and newline, plus zero-width marks and BOMs.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\ufeff]")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")
_TRAILING_SPACE_RE = re.compile(r"[ \t\u00a0]+\n")
_TRAILING_BLANKS = " \t\u00a0"


# --------------------------------------------------------------------------------------------
# Load report


@dataclass
class LoadReport:
    """What :func:`load_corpus` read, changed, skipped and noticed.

    Every count is of rows (articles). Examples are capped at ``EXAMPLES`` each. A loaded
    DataFrame holds it as a plain dict (:meth:`to_dict`); :func:`load_report` gives it back.
    """

    EXAMPLES = 10

    path: str
    format: str = ""
    rows_read: int = 0
    rows_loaded: int = 0
    rows_skipped: int = 0
    skipped_examples: list = field(default_factory=list)  # "row N: reason" (folder: "FILE: ...")
    missing_dates: int = 0  # no date given
    unusable_dates: int = 0  # a date given but unparseable or impossible
    unusable_date_examples: list = field(default_factory=list)
    partial_dates: int = 0  # given to the month or year only: stored as its first day
    ambiguous_dates: int = 0  # "03/04/2019": day and month either way round
    date_order: str = "month"  # how those were read: "month" (March 4) or "day" first (3 April)
    date_caveat_examples: list = field(default_factory=list)
    dotted_dates: int = 0  # "01.06.2019": either way round by its numbers, read day first
    dotted_date_examples: list = field(default_factory=list)
    duplicate_texts: int = 0  # rows whose text equals an earlier row's text
    duplicate_examples: list = field(default_factory=list)  # (id, id of the earlier row)
    duplicate_ids: int = 0  # rows whose id equals an earlier row's id (with other content)
    duplicate_id_examples: list = field(default_factory=list)  # "row N: id X, as row M"
    # (a folder corpus names the .txt files instead of rows)
    html_converted: int = 0
    boilerplate_lines_removed: int = 0
    delimiter: str | None = None
    outlet_variants: dict = field(default_factory=dict)  # spellings of one outlet ("fox", "FOX")
    files_not_read: int = 0  # folder: files that are not .txt (the metadata file aside), and
    # hidden .txt files (".x.txt", macOS "._x.txt", in ".ipynb_checkpoints/")
    hidden_files_not_read: int = 0  # folder: how many of those are hidden .txt files
    files_not_read_examples: list = field(default_factory=list)
    metadata_unmatched: int = 0  # folder: metadata rows naming no .txt file of the folder
    metadata_unmatched_examples: list = field(default_factory=list)

    def note_skip(self, row: int | Path, reason: str) -> None:
        """Count a skipped record: ``row`` is its row number, or (folder corpus) its file."""
        self.rows_skipped += 1
        if len(self.skipped_examples) < self.EXAMPLES:
            self.skipped_examples.append(f"{_place(row)}: {reason}")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> LoadReport:
        """The report whose :meth:`to_dict` is ``data``, also after a JSON round trip (as a
        Parquet file gives ``df.attrs`` back): keys it does not know (another version of framing
        wrote them) are ignored, a missing one takes its default, and the duplicate pairs are
        tuples again. The report holds copies: changing it leaves ``data`` as it was."""
        names = {f.name for f in dataclass_fields(cls)}
        known = copy.deepcopy({k: v for k, v in data.items() if k in names})
        if "duplicate_examples" in known:
            known["duplicate_examples"] = [tuple(pair) for pair in known["duplicate_examples"]]
        return cls(**known)

    def summary(self) -> str:
        """A short, human-readable account, one fact per line."""
        unit = "file" if self.format == "folder" else "row"
        lines = [(f"{self.path} ({self.format}): {_count(self.rows_loaded, 'article')} loaded "
                  f"of {_count(self.rows_read, unit)} read")]
        if self.rows_skipped:
            shown = self.skipped_examples[:3]
            more = self.rows_skipped - len(shown)
            lines.append(f"  skipped {_count(self.rows_skipped, 'bad ' + unit)}: "
                         + "; ".join(shown)
                         + (f"; and {more} more" if more > 0 else ""))
        lines.append(f"  dates: {self.missing_dates} missing, {self.unusable_dates} unusable"
                     + (f" (e.g. {', '.join(map(repr, self.unusable_date_examples[:3]))})"
                        if self.unusable_date_examples else ""))
        if self.partial_dates:
            lines.append(f"  dates given to the month or year only: {self.partial_dates} (stored as "
                         "the first day of that month or year)")
        if self.ambiguous_dates:
            lines.append(f"  dates whose day and month could be either way round: "
                         f"{self.ambiguous_dates} " + (
                             "(read day first, as 03/04/2019 = 3 April; if they are month first, "
                             "load without --day-first or convert them to YYYY-MM-DD)"
                             if self.date_order == "day" else
                             "(read month first, as 03/04/2019 = March 4; if they are day first, "
                             "load with --day-first (day_first=True) or convert them to "
                             "YYYY-MM-DD)"))
        if self.date_caveat_examples:
            lines.append("    e.g. " + ", ".join(map(repr, self.date_caveat_examples[:3])))
        if self.dotted_dates:
            lines.append(f"  dotted dates read day first, as 01.06.2019 = 1 June (the German and "
                         f"European order, whatever --day-first says): {self.dotted_dates} (e.g. "
                         + ", ".join(map(repr, self.dotted_date_examples[:3])) + ")")
        lines.append(f"  exact duplicate texts: {self.duplicate_texts}"
                     + (" (kept; e.g. " + ", ".join(f"{a} = {b}" for a, b in
                                                    self.duplicate_examples[:3]) + ")"
                        if self.duplicate_examples else ""))
        if self.duplicate_ids:
            lines.append(f"  ids used by more than one article: {self.duplicate_ids} (all kept, "
                         "as different articles; e.g. " + "; ".join(self.duplicate_id_examples[:3])
                         + ")")
        if self.outlet_variants:
            shown = "; ".join(" / ".join(v) for v in list(self.outlet_variants.values())[:5])
            lines.append(f"  outlets spelled in more than one way: {shown} "
                         "(fold_outlet_case=True merges them: ingest --fold-outlet-case, "
                         "report -p fold_outlet_case true)")
        if self.files_not_read:
            why = "not .txt, or hidden" if self.hidden_files_not_read else "not .txt"
            lines.append(f"  files not read ({why}): {self.files_not_read} (e.g. "
                         + ", ".join(self.files_not_read_examples[:3]) + ")")
        if self.metadata_unmatched:
            lines.append(f"  metadata rows naming no .txt file of the folder: "
                         f"{self.metadata_unmatched} (e.g. "
                         + ", ".join(map(repr, self.metadata_unmatched_examples[:3])) + ")")
        if self.html_converted:
            lines.append(f"  HTML converted to text: {self.html_converted}")
        if self.boilerplate_lines_removed:
            lines.append(f"  boilerplate lines removed: {self.boilerplate_lines_removed}")
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: "1 article", "2 articles", "0 rows"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------------------------
# Text cleaning


class _TextExtractor(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "section", "article", "header", "footer", "figure", "figcaption", "ul", "ol",
              "table", "pre", "hr"}
    _SKIP = {"script", "style", "noscript", "head", "template", "svg", "iframe"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")
            if tag == "li":
                self.parts.append("- ")

    def handle_startendtag(self, tag, attrs):
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skip_depth:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains HTML markup (tags such as ``<p>`` or ``<br>``)."""
    return bool(_HTML_TAG_RE.search(text))


def html_to_text(markup: str) -> str:
    """Convert an HTML fragment or page to plain text with paragraphs separated by blank lines.

    Scripts, styles and other non-content elements are dropped; entities are decoded.

    >>> html_to_text("<p>One &amp; two.</p><script>x()</script><p>Three</p>")
    'One & two.\\n\\nThree'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return _MANY_NEWLINES_RE.sub("\n\n", text).strip()


def clean_text(text: str, *, html: bool = True, unicode_form: str | None = "NFC",
               strip_boilerplate: bool = True) -> tuple[str, bool, int]:
    """Clean one article text.

    Returns ``(clean, was_html, boilerplate_lines_removed)``. Line breaks are normalized to
    ``\\n``, control characters removed, runs of blank lines folded to one blank line.

    >>> clean_text("Talks resumed.\\r\\n\\r\\nAdvertisement\\r\\nBoth sides met.")[0]
    'Talks resumed.\\n\\nBoth sides met.'
    """
    clean, _, was_html, removed = _clean_with_identity(text, html, unicode_form,
                                                       strip_boilerplate)
    return clean, was_html, removed


def _clean_with_identity(text: str, html: bool, unicode_form: str | None,
                         strip_boilerplate: bool) -> tuple[str, str | None, bool, int]:
    """:func:`clean_text`, plus the text as the first release's boilerplate patterns left it
    (the identity text that keys are computed from), or None when that is the clean text."""
    was_html = False
    if html and "<" in text and looks_like_html(text):
        text = html_to_text(text)
        was_html = True
    if unicode_form:
        text = unicodedata.normalize(unicode_form, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    removed = 0
    identity = None
    if not strip_boilerplate:
        return _fold_blank_lines(text), None, was_html, 0
    # Each kept line loses its trailing blanks here, as _fold_blank_lines would (cheaper).
    kept, identity_kept = [], []
    # the patterns that need a substring test, limited to those whose substring the text has
    present = {h for h in _HINTS if h in text}
    inline = [f for f in _INLINE_FURNITURE if f[0] in present] if present else []
    long_hint = not present.isdisjoint(_LONG_BOILERPLATE_HINTS)
    file_caption = "FILE - " in present
    mostly_caps = None  # decided at the first line in capitals: is the whole text so written?
    lines = text.split("\n")
    gallery = _gallery_lines(lines) if "Photo" in present else None
    for i, line in enumerate(lines):
        if len(line) <= BOILERPLATE_MAX_CHARS and line.strip() and _BOILERPLATE_RE.match(line):
            removed += 1
            if not _IDENTITY_BOILERPLATE_RE.match(line):
                identity_kept.append(line.rstrip(_TRAILING_BLANKS))
        elif gallery and gallery.get(i) == "":
            removed += 1
            identity_kept.append(line.rstrip(_TRAILING_BLANKS))
        elif long_hint and len(line) <= LONG_BOILERPLATE_MAX_CHARS and _is_long_boilerplate(line):
            removed += 1
            identity_kept.append(line.rstrip(_TRAILING_BLANKS))
        elif file_caption and len(line) <= FILE_CAPTION_MAX_CHARS and _is_file_caption(line):
            removed += 1
            identity_kept.append(line.rstrip(_TRAILING_BLANKS))
        elif len(line) <= BOILERPLATE_MAX_CHARS and line.isupper() and _is_caps_headline(line) \
                and not (mostly_caps if mostly_caps is not None
                         else (mostly_caps := _mostly_capitals(text))):
            removed += 1
            identity_kept.append(line.rstrip(_TRAILING_BLANKS))
        else:
            line = line.rstrip(_TRAILING_BLANKS)
            identity_kept.append(line)
            cut = False
            if gallery and i in gallery:
                line, cut = gallery[i], True
            for hint, pattern, replacement in inline:
                if hint in line:
                    line = pattern.sub(replacement, line)
                    cut = True
            if cut:
                line = line.rstrip(_TRAILING_BLANKS)
                # what is left may be a whole line of furniture ("Jane Doe contributed to this
                # article." once "Follow her on Twitter @jd" is cut from its end): removed now,
                # as cleaning the text again would, so that cleaning a clean text changes nothing
                if not line.strip() or _is_furniture_line(line) or (
                        len(line) <= BOILERPLATE_MAX_CHARS and line.isupper()
                        and _is_caps_headline(line)
                        and not (mostly_caps if mostly_caps is not None
                                 else (mostly_caps := _mostly_capitals(text)))):
                    removed += 1
                    continue
            kept.append(line)
    if identity_kept != kept:
        identity = _MANY_NEWLINES_RE.sub("\n\n", "\n".join(identity_kept)).strip()
    return _MANY_NEWLINES_RE.sub("\n\n", "\n".join(kept)).strip(), identity, was_html, removed


def _is_furniture_line(line: str) -> bool:
    """A whole line of furniture by the tests :func:`_clean_with_identity` applies to every line
    (boilerplate patterns, long boilerplate, file captions; capitals aside), without their
    text-wide substring shortcuts: used on what an inline cut leaves of a line."""
    return bool((len(line) <= BOILERPLATE_MAX_CHARS and _BOILERPLATE_RE.match(line))
                or (len(line) <= LONG_BOILERPLATE_MAX_CHARS and _is_long_boilerplate(line))
                or (len(line) <= FILE_CAPTION_MAX_CHARS and _is_file_caption(line)))


def _gallery_lines(lines: list[str]) -> dict[int, str]:
    """The lines of photo galleries whose captions run over whole paragraphs, each mapped to
    what stays of it: a line opening with the label "Photos: ", and the non-blank lines right
    after it that end a caption ("... Hide Caption 3 of 9"). What follows a line's last "Hide
    Caption" stays, unless it opens the next caption ("Photos: ...")."""
    out: dict[int, str] = {}
    for i, line in enumerate(lines):
        if i in out or not _GALLERY_LABEL_RE.match(line):
            continue
        j = i
        while j < len(lines):
            last = None
            for last in _HIDE_CAPTION_RE.finditer(lines[j]):
                pass
            if last is None and j > i:
                break  # prose again
            rest = lines[j][last.end():].strip() if last else ""
            if rest and not _GALLERY_LABEL_RE.match(rest):
                out[j] = rest  # prose after the gallery's last caption
                break
            out[j] = ""
            j += 1
            while j < len(lines) and not lines[j].strip():
                j += 1
    return out


def _is_caps_headline(line: str) -> bool:
    """A line of four words or more written in capitals: the headline of a linked story ("TRUMP
    SIGNS $484B SMALL BUSINESS CORONAVIRUS RELIEF BILL INTO LAW", between Fox News paragraphs)
    or a section heading, not prose (the caller checks ``line.isupper()`` first)."""
    return len(line.split()) >= CAPS_HEADLINE_MIN_WORDS and \
        sum(ch.isalpha() for ch in line) >= 12


def _mostly_capitals(text: str) -> bool:
    """Are most of a text's lines written in capitals (a wire text or transcript so written,
    whose lines in capitals are its prose)?"""
    lines = [line for line in text.split("\n") if line.strip()]
    return sum(line.isupper() for line in lines) > 0.5 * len(lines)


def _fold_blank_lines(text: str) -> str:
    text = _TRAILING_SPACE_RE.sub("\n", text)
    return _MANY_NEWLINES_RE.sub("\n\n", text).strip()


def _clean_field(value: str, unicode_form: str | None, *, unescape: bool = True) -> str:
    """Clean a short field (title, outlet): entities decoded, whitespace folded.

    Markup in a field is kept as literal text (it is escaped wherever it is shown).
    """
    if unescape and "&" in value:
        value = html.unescape(value)
    if unicode_form:
        value = unicodedata.normalize(unicode_form, value)
    value = _CONTROL_RE.sub("", value)
    return " ".join(value.split())


# --------------------------------------------------------------------------------------------
# Dates


def parse_date(value, *, day_first: bool = False) -> tuple[pd.Timestamp | None, bool]:
    """Parse a date leniently.

    Returns ``(timestamp or None, usable)``: ``(None, True)`` for a missing value, ``(None,
    False)`` for a value that cannot be read or is impossible (year before 1800 or in the
    future). Time-zone-aware values are converted to UTC and made naive. ``day_first`` reads
    "03/04/2019" as 3 April instead of March 4. A dotted date, "01.06.2019", is read day first
    either way (the German and European order; :func:`is_dotted_date`); one that cannot be,
    "06.13.2019", is unusable. A date that starts with its year, "2019/06/01", is year, month,
    day either way.

    >>> parse_date("9/6/17")
    (Timestamp('2017-09-06 00:00:00'), True)
    >>> parse_date("9/6/17", day_first=True)
    (Timestamp('2017-06-09 00:00:00'), True)
    >>> parse_date("01.06.2019")
    (Timestamp('2019-06-01 00:00:00'), True)
    >>> parse_date("0001-11-30")
    (None, False)
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None, True  # (NaT: a null in a timestamp column, as a store's export has)
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        ts = pd.Timestamp(value)
    else:
        s = str(value).strip()
        if not s or s in MISSING_MARKERS or s.lower() in {"nan", "nat", "none", "null", "n/a",
                                                          "na", "unknown"}:
            return None, True
        try:
            if s.isdigit() and len(s) >= 9:  # Unix seconds or milliseconds
                n = int(s)
                ts = pd.Timestamp(n, unit="ms" if n > 10**11 else "s")
            elif is_dotted_date(s):  # day first, always: "01.06.2019" is 1 June
                _, second, _ = _numeric_date(s)
                if second > 12:  # "06.13.2019": no month 13 (not swapped, as dateutil would)
                    return None, False
                ts = _parse_date_string(s, True)
            else:
                ts = _parse_date_string(s, day_first)
        except (ValueError, OverflowError, TypeError):
            return None, False
    if ts is None or ts is pd.NaT:
        return None, False
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    latest = dt.date.today().year + LATEST_YEAR_AHEAD
    if not (EARLIEST_YEAR <= ts.year <= latest):
        return None, False
    return ts, True


# Two different fill-in dates: the parts a date string leaves out are the ones that differ.
_FILL_A = dt.datetime(2000, 1, 1)
_FILL_B = dt.datetime(2001, 2, 2)
#: A numeric date "N/N/YY(YY)" (or with dots or dashes, one kind in a date), optionally followed
#: by a time ("03/04/2019 10:00", "01.06.2019, 14:30:05 +0200"): its day and month may be either
#: way round. Group 2 is the separator.
_SLASH_DATE_RE = re.compile(
    r"\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})"
    r"(?:(?:\s*,\s*|\s+|T)\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?\s*")
#: A numeric date that starts with its year ("2019/06/01", "2019.6.1"): year, month, day,
#: whatever order day-first dates are read in.
_YEAR_FIRST_RE = re.compile(r"\s*\d{4}([/.-])\d{1,2}\1\d{1,2}(?!\d)")


def _numeric_date(value):
    """``(first, second, separator)`` of a numeric date such as "03/04/2019" (see
    ``_SLASH_DATE_RE``), or None."""
    m = _SLASH_DATE_RE.fullmatch(value) if isinstance(value, str) else None
    return (int(m.group(1)), int(m.group(3)), m.group(2)) if m else None


def is_dotted_date(value) -> bool:
    """Whether ``value`` is a dotted numeric date, "01.06.2019" or "1.6.19" (a time may
    follow). Dotted dates are the German and European way of writing a date, day first: they are
    read day first whatever ``day_first`` says ("01.06.2019" is 1 June 2019).

    >>> is_dotted_date("01.06.2019"), is_dotted_date("01/06/2019"), is_dotted_date("2019.06.01")
    (True, False, False)
    """
    parts = _numeric_date(value)
    return parts is not None and parts[2] == "."


def _parse_both(s: str, day_first: bool = False):
    from dateutil import parser as date_parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (date_parser.parse(s, fuzzy=False, default=_FILL_A, dayfirst=day_first),
                date_parser.parse(s, fuzzy=False, default=_FILL_B, dayfirst=day_first))


def slash_date_order(value) -> str | None:
    """Which order a numeric date such as "15/03/2024" proves by its numbers: ``"day"`` (the
    first number cannot be a month), ``"month"`` (the second cannot), ``"either"``
    ("03/04/2019") or None (not such a date, or the same number twice). A time may follow the
    date. (A dotted date that is ``"either"`` is still read day first: :func:`is_dotted_date`.)

    >>> slash_date_order("15/03/2024"), slash_date_order("03/15/2024"), slash_date_order("03/04/19")
    ('day', 'month', 'either')
    """
    parts = _numeric_date(value)
    if not parts:
        return None
    first, second, _ = parts
    if first == second or first > 31 or second > 31:
        return None
    if first > 12:
        return "day" if second <= 12 else None
    if second > 12:
        return "month"
    return "either"


def _parse_date_string(s: str, day_first: bool = False):
    """A date string as a timestamp; a date given to the month or year only is its first day
    ("June 2019" is 2019-06-01, never the day the command runs); no year: ValueError."""
    try:
        return pd.Timestamp(dt.datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        pass
    if day_first and _YEAR_FIRST_RE.match(s):
        day_first = False  # "2019/06/01" is 1 June, not 6 January, when day_first is set
    a, b = _parse_both(s, day_first)
    if a.year != b.year:
        raise ValueError(f"no year in {s!r}")
    return pd.Timestamp(a)


def date_caveat(value) -> str | None:
    """Why a readable date is less exact than it looks: ``"partial"`` (given to the month or
    year only: read as its first day), ``"ambiguous"`` (day and month could be either way round,
    "03/04/2019": read month first unless the corpus is loaded with ``day_first``), ``"dotted"``
    (the same with dots, "01.06.2019": read day first by the convention of dotted dates), or
    None.

    >>> date_caveat("June 2019"), date_caveat("03/04/2019"), date_caveat("01.06.2019")
    ('partial', 'ambiguous', 'dotted')
    >>> date_caveat("2019-06-05"), date_caveat("13.06.2019")
    (None, None)
    """
    if not isinstance(value, str):
        return None
    parts = _numeric_date(value)
    if parts:
        first, second, sep = parts
        if first != second and first <= 12 and second <= 12:
            return "dotted" if sep == "." else "ambiguous"
        return None
    s = value.strip()
    try:
        dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        return None
    except ValueError:
        pass
    try:
        a, b = _parse_both(s)
    except (ValueError, OverflowError, TypeError):
        return None
    return "partial" if (a.month, a.day) != (b.month, b.day) else None


# --------------------------------------------------------------------------------------------
# Keys


def article_key(outlet: str, title: str | None, text: str) -> str:
    """Stable content hash of an article: the same outlet, title and text give the same key.

    Readers pass the text as the first release's cleaning left it (its boilerplate patterns,
    ``IDENTITY_BOILERPLATE_PATTERNS``), so that lines a later release's cleaning removes do not
    change the key, nor the default id, of an article already stored or coded.

    >>> article_key("Wire A", "Talks", "Talks may resume.")
    '00bec5267ce4a7daeae941b14306cdd8'
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(outlet.encode("utf-8", "surrogatepass"))
    h.update(b"\x1f")
    h.update((title or "").encode("utf-8", "surrogatepass"))
    h.update(b"\x1f")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def parse_mapping(items) -> dict[str, str]:
    """Turn CLI ``--map field=column`` items (or a dict) into a mapping ``{field: column}``.

    >>> parse_mapping(["text=content_original", "outlet=source"])
    {'text': 'content_original', 'outlet': 'source'}
    """
    if items is None:
        return {}
    if isinstance(items, Mapping):
        out = {str(k): str(v) for k, v in items.items()}
    else:
        out = {}
        for item in items:
            name, sep, column = str(item).partition("=")
            name, column = name.strip(), column.strip()
            if not sep or not name or not column:
                raise InputError(None, f"bad mapping {item!r}",
                                 hint="write it as FIELD=COLUMN, e.g. --map text=content_original")
            if name in out and out[name] != column:  # the last one used to win, silently
                raise InputError(None, f"the field {name!r} is mapped twice, to {out[name]!r} "
                                       f"and to {column!r}", hint=f"give one --map {name}=COLUMN")
            out[name] = column
    fields_of: dict[str, list[str]] = {}
    for name, column in out.items():
        fields_of.setdefault(column, []).append(name)
    for column, names in fields_of.items():
        if len(names) > 1:  # only one of them got the column, the others were missing
            raise InputError(None, f"the column {column!r} is mapped to more than one field ("
                                   f"{', '.join(names)})",
                             hint="map each field to its own column")
    for name in out:
        near = difflib.get_close_matches(name.lower(), CANONICAL_COLUMNS, n=1, cutoff=0.75)
        if name not in CANONICAL_COLUMNS and near and near[0] not in out:
            # a misspelt field renames the column to the misspelling, and the field stays
            # empty (every title or date missing) or missing with a confusing list of columns
            raise InputError(None, f"the mapping names the field {name!r}, not one of "
                                   f"{', '.join(CANONICAL_COLUMNS)}",
                             hint=f"did you mean {near[0]}? mapping={{{near[0]!r}: "
                                  f"{out[name]!r}}} (CLI: --map {near[0]}={out[name]})")
    return out


# --------------------------------------------------------------------------------------------
# Readers: each yields (DataFrame of raw records, list of their row numbers; for a folder,
# their files)


def _open_bytes(path: Path):
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return open(path, "rb")


def _detect_format(path: Path) -> str:
    if path.is_dir():
        return "folder"
    name = path.name.lower()
    for suffix in (".gz", ".gzip"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head == b"PAR1" or name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith((".jsonl", ".ndjson", ".jsonlines")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".tsv", ".tab")):
        return "tsv"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        raise UnsupportedFormatError(
            path, "a spreadsheet workbook is not read as a corpus",
            hint="save the sheet as CSV UTF-8 (Excel: File > Save As > CSV UTF-8) and give that")
    raise UnsupportedFormatError(
        path, f"cannot tell the format from the name {path.name!r}",
        hint="use .csv, .tsv, .jsonl, .jsonl.gz, .json, .parquet, or a folder of .txt files")


#: What to do about bytes the encoding cannot read: Windows exports are cp1252 (latin-1 would
#: read their curly quotes and dashes as control characters, which the cleaning then deletes).
_ENCODING_HINT = ("re-save the file as UTF-8, or pass its encoding: encoding='cp1252' (CLI: "
                  "--encoding cp1252) for a Windows export, not latin-1")
_LATIN1_NAMES = frozenset({"latin-1", "latin1", "latin_1", "iso-8859-1", "iso8859-1", "iso_8859_1",
                           "l1", "8859"})
_C1_CONTROL_RE = re.compile("[\x80-\x9f]")


#: A corpus format as the messages name it.
_FORMAT_NAMES = {"csv": "a CSV file", "tsv": "a TSV file", "jsonl": "a JSON Lines file",
                 "json": "a JSON file", "parquet": "a Parquet file",
                 "folder": "a folder of .txt files"}


def _checked_encoding(path: Path, encoding) -> str:
    """``encoding`` if Python knows it and framing can read a file in it; else InputError.

    Files are split into lines and records as bytes, which UTF-16 and UTF-32 do not allow: such
    a file is converted first (what the error of a UTF-16 file found without the option says)."""
    try:
        name = codecs.lookup(str(encoding)).name
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}",
                         hint="give one Python knows: utf-8 (the default), cp1252 for a Windows "
                              "export, latin-1, ... (CLI: --encoding)") from None
    if name.startswith(("utf-16", "utf-32")):
        iconv_name = name.upper().replace("-LE", "LE").replace("-BE", "BE")
        raise InputError(path, f"a {name.upper()} file is not read directly",
                         hint=f"convert it to UTF-8 first, e.g. iconv -f {iconv_name} -t UTF-8 "
                              "in.csv > out.csv, and leave out the encoding")
    return str(encoding)


#: What a delimiter may be given as besides the character itself: a tab typed in a shell.
_SEP_NAMES = {"\\t": "\t", "tab": "\t", "\\x09": "\t"}


def _checked_sep(path: Path, sep) -> str | None:
    """``sep`` as the one character it names (``\\t`` and ``tab`` name a tab), None to guess
    it (as does an empty one); InputError for anything else."""
    if sep is None or sep == "":
        return None
    sep = _SEP_NAMES.get(str(sep).lower(), str(sep))
    if len(sep) != 1 or sep in ('"', "\n", "\r"):
        raise InputError(path, f"{sep!r} cannot be the delimiter",
                         hint="give the one character between the columns: ',' ';' '|', or "
                              "'\\t' (or tab) for a tab; leave it out to have it guessed")
    return sep


def _looks_utf16(head: bytes) -> bool:
    """Whether the first bytes of a file with NUL bytes are UTF-16 text (a byte order mark, or
    every other byte NUL), not binary data."""
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[1:40:2].count(0) > 15 \
        or head[0:40:2].count(0) > 15


def _check_not_empty_or_binary(path: Path) -> None:
    if path.stat().st_size == 0:
        raise EmptyFileError(path, hint="the file has 0 bytes; check the export that made it")
    try:
        with _open_bytes(path) as fh:
            head = fh.read(8192)
    except (OSError, EOFError, zlib.error) as exc:
        raise MalformedRecordError(path, f"cannot decompress the file ({exc})",
                                   hint="the gzip file is truncated or corrupt; re-export it") from exc
    if not head.strip():
        raise EmptyFileError(path, hint="the file holds only white space")
    if b"\x00" in head:
        if _looks_utf16(head):
            raise BinaryFileError(
                path, "the file is UTF-16 text (NUL bytes between the letters)",
                hint="convert it to UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8 in.csv > out.csv")
        raise BinaryFileError(
            path, hint="give a text corpus (CSV, TSV, JSONL) or a Parquet file (.parquet)")


def _decode_line(raw: bytes, path: Path, lineno: int, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            path, f"the text is not valid {encoding} (byte {exc.start + 1} of the line)", row=lineno,
            hint=_ENCODING_HINT) from exc


def _records_frame(records: list[dict], exact: tuple[str, ...] = ()) -> pd.DataFrame:
    """A DataFrame of JSON objects, whose ``exact`` columns (the canonical fields) keep the
    values as read.

    pandas makes a column of whole numbers with a missing value float: the id 17 would become
    "17.0", and 1234567890123456789 (a tweet's id) 1.2345678901234568e+18, the same for its
    neighbours."""
    df = pd.DataFrame.from_records(records)
    for name in exact:
        if name in df.columns and df[name].dtype.kind == "f":
            df[name] = pd.Series([r.get(name) for r in records], index=df.index, dtype=object)
    return df


def _read_jsonl(path: Path, *, encoding: str, chunk_rows: int, skip_bad_rows: bool,
                report: LoadReport, exact: tuple[str, ...] = ()):
    rows, numbers = [], []
    lineno = 0
    try:
        with _open_bytes(path) as fh:
            for lineno, raw in enumerate(fh, start=1):
                line = _decode_line(raw, path, lineno, encoding)
                if lineno == 1:
                    line = line.lstrip("\ufeff")
                if not line.strip():
                    continue
                report.rows_read += 1
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict):
                        raise ValueError(f"expected a JSON object, found {type(record).__name__}")
                except ValueError as exc:
                    if skip_bad_rows:
                        report.note_skip(lineno, f"malformed JSON ({exc})")
                        continue
                    raise MalformedRecordError(
                        path, f"malformed JSON line ({exc})", row=lineno,
                        hint="fix the line, or skip bad lines with skip_bad_rows=True "
                             "(CLI: --skip-bad-rows); skipped lines are counted") from exc
                rows.append(record)
                numbers.append(lineno)
                if len(rows) >= chunk_rows:
                    yield _records_frame(rows, exact), numbers
                    rows, numbers = [], []
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise MalformedRecordError(path, f"the compressed file is truncated or corrupt ({exc})",
                                   row=lineno + 1, hint="re-export or re-download the file") from exc
    if rows:
        yield _records_frame(rows, exact), numbers


def _read_json_array(path: Path, *, encoding: str, chunk_rows: int, report: LoadReport,
                     exact: tuple[str, ...] = ()):
    with _open_bytes(path) as fh:
        raw = fh.read()
    text = _decode_whole(raw, path, encoding)
    if not text.lstrip().startswith("["):
        raise MalformedRecordError(path, "a .json corpus must be an array of objects",
                                   hint="or use JSON Lines (.jsonl), one object per line")
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(path, f"malformed JSON ({exc.msg})", row=exc.lineno) from exc
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise MalformedRecordError(path, f"item {i + 1} of the array is not an object")
    report.rows_read = len(records)
    for start in range(0, len(records), chunk_rows):
        part = records[start:start + chunk_rows]
        yield _records_frame(part, exact), list(range(start + 1, start + 1 + len(part)))


def _decode_whole(raw: bytes, path: Path, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise EncodingError(
            path, f"the text is not valid {encoding}", row=line,
            hint=_ENCODING_HINT) from exc


def _check_encoding_stream(path: Path, encoding: str) -> None:
    """Find the first undecodable byte, or NUL byte, of a text file without holding it in memory.

    A NUL byte anywhere in a delimited file is refused (with its line): it means binary data or a
    UTF-16 export, and would otherwise be dropped silently by the cleaning.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with _open_bytes(path) as fh:
        while True:
            block = fh.read(1 << 20)
            nul = block.find(b"\x00") if "16" not in encoding and "32" not in encoding else -1
            if nul >= 0:
                raise BinaryFileError(
                    path, "the file contains a NUL byte (binary data, or a UTF-16 export)",
                    row=line + block.count(b"\n", 0, nul),
                    hint="remove the NUL bytes (e.g. tr -d '\\000' < in > out), or re-save the "
                         "file as UTF-8 text")
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:
                line += block.count(b"\n", 0, max(exc.start, 0))
                raise EncodingError(
                    path, f"the text is not valid {encoding}", row=line,
                    hint=_ENCODING_HINT) from exc
            if not block:
                return
            line += block.count(b"\n")


def _sniff_delimiter(path: Path, default: str, encoding: str) -> str:
    with _open_bytes(path) as fh:
        header = fh.readline().decode(encoding, errors="replace")
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: (counts[d], d == default))
    return best if counts[best] > 0 else default


_PANDAS_LINE_RE = re.compile(r"line (\d+)")
# pandas counts "row N" from 0 over the file's lines (header included): line N + 1.
_PANDAS_ROW_RE = re.compile(r"starting at row (\d+)")


class _Records:
    """The record structure of a delimited file, read once with the ``csv`` module: for each
    row pandas will give (records with the header's number of fields or fewer, in order), its
    record number (the header is row 1; blank lines are not records), the positions of those
    with too few fields, and the record numbers of those with too many (pandas drops them)."""

    def __init__(self, numbers: list[int], short: list[int], long: list[int], header: list[str],
                 repeated: list[int] | None = None):
        self.numbers, self.short, self.long, self.header = numbers, short, long, header
        self.repeated = repeated or []  # positions of records that repeat the header


def _csv_records(path: Path, sep: str, encoding: str, errors: str = "strict"):
    """``(record number, physical line where it ends, fields)`` of every non-blank record."""
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # an article may exceed the module's 128 KiB default
    try:
        with _open_bytes(path) as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")
            if encoding.lower().replace("-", "") == "utf8":
                first = text.read(1)  # a byte order mark is no part of the first column's name
                text = _chain_text(first.lstrip("\ufeff"), text)
            reader = csv.reader(text, delimiter=sep)
            number = 0
            for fields in reader:
                if not fields:
                    continue  # a blank line (pandas skips it too)
                number += 1
                yield number, reader.line_num, fields
    finally:
        csv.field_size_limit(limit)


def _chain_text(head: str, rest):
    yield head + rest.readline()
    yield from rest


def _scan_records(path: Path, sep: str, encoding: str, skip_bad_rows: bool) -> _Records:
    """Check every record's number of fields against the header's. pandas pads a record with
    too few fields with missing values, moving the ones it has into the wrong columns (a text
    becomes a date), and names a record with too many by its line: raise for the first such
    record with its record number, or, with ``skip_bad_rows``, list them."""
    header, numbers, short, long, repeated = [], [], [], [], []
    for number, _line, fields in _csv_records(path, sep, encoding):
        if number == 1:
            header = fields
            continue
        if len(header) > 1 and [f.strip().lstrip("\ufeff") for f in fields] == \
                [h.strip() for h in header]:
            # files joined with cat: the second header would load as an article whose text is
            # "text" and whose outlet is "outlet"
            if not skip_bad_rows:
                raise MalformedRecordError(
                    path, "the record repeats the header row (were two files joined?)",
                    row=number,
                    hint="remove the line, or skip bad rows with skip_bad_rows=True (CLI: "
                         "--skip-bad-rows)")
            repeated.append(len(numbers))
        if len(fields) != len(header):
            if not skip_bad_rows:
                names = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
                raise MalformedRecordError(
                    path, f"{len(fields)} fields where the header has {len(header)} ({names})",
                    row=number,
                    hint="a missing or extra delimiter, or a quotation mark left open before; "
                         "fix the record, or skip bad rows with skip_bad_rows=True (CLI: "
                         "--skip-bad-rows)")
            if len(fields) > len(header):
                long.append(number)
                continue  # pandas drops it itself
            short.append(len(numbers))
        numbers.append(number)
    return _Records(numbers, short, long, header, repeated)


def _record_at_line(path: Path, sep: str, encoding: str, line: int) -> tuple[int | None, str | None]:
    """The record number holding physical ``line`` of a delimited file, and the column whose
    value holds an undecodable byte there (read with the bytes escaped)."""
    header: list[str] = []
    try:
        for number, end_line, fields in _csv_records(path, sep, encoding, "surrogateescape"):
            if number == 1:
                header = fields
            if end_line >= line:
                bad = next((i for i, v in enumerate(fields)
                            if any("\udc80" <= ch <= "\udcff" for ch in v)), None)
                name = header[bad] if bad is not None and bad < len(header) else None
                return number, name
    except (csv.Error, UnicodeError):
        pass
    return None, None


def _read_delimited(path: Path, *, sep: str | None, default_sep: str, encoding: str,
                    chunk_rows: int, skip_bad_rows: bool, report: LoadReport):
    try:
        _check_encoding_stream(path, encoding)
    except EncodingError as exc:
        if exc.row is None:
            raise
        row, column = _record_at_line(path, sep or _sniff_delimiter(path, default_sep, "latin-1"),
                                      encoding, exc.row)
        raise EncodingError(path, exc.message, row=row if row is not None else exc.row,
                            field=column, hint=exc.hint) from exc
    sep = sep or _sniff_delimiter(path, default_sep, encoding)
    report.delimiter = sep
    try:
        records = _scan_records(path, sep, encoding, skip_bad_rows)
    except csv.Error as exc:
        raise MalformedRecordError(path, f"cannot parse the file: {exc}",
                                   hint="check quoting and the delimiter (sep=...)") from exc
    for number in records.long:
        report.rows_read += 1
        report.note_skip(number, "wrong number of fields")
    short = set(records.short)
    repeated = set(records.repeated)
    seen = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            reader = pd.read_csv(
                path, sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                encoding=encoding, compression="infer", chunksize=chunk_rows,
                on_bad_lines="warn" if skip_bad_rows else "error", encoding_errors="strict")
            for chunk in reader:
                caught.clear()  # records with too many fields: counted from the scan above
                positions = range(seen, seen + len(chunk))
                if len(records.numbers) >= seen + len(chunk):
                    numbers = [records.numbers[i] for i in positions]
                else:  # pandas read the records otherwise than the csv module: plain counting
                    numbers = [i + 2 for i in positions]
                seen += len(chunk)
                report.rows_read += len(chunk)
                chunk = chunk.reset_index(drop=True)
                drop = {k for k, i in enumerate(positions) if i in short or i in repeated}
                if drop:
                    for k in sorted(drop):
                        report.note_skip(numbers[k], "the header row repeated"
                                         if positions[k] in repeated else "wrong number of fields")
                    keep = [k for k in range(len(chunk)) if k not in drop]
                    chunk = chunk.iloc[keep].reset_index(drop=True)
                    numbers = [numbers[k] for k in keep]
                yield chunk, numbers
            caught.clear()
        except pd.errors.EmptyDataError as exc:
            raise EmptyFileError(path) from exc
        except pd.errors.ParserError as exc:
            m = _PANDAS_LINE_RE.search(str(exc))
            row = int(m.group(1)) if m else None
            if m is None and (m := _PANDAS_ROW_RE.search(str(exc))):
                row = int(m.group(1)) + 1
            raise MalformedRecordError(
                path, f"cannot parse the {'tab' if sep == chr(9) else repr(sep)}-separated "
                      f"file: {str(exc).strip().splitlines()[-1]}",
                row=row,
                hint="check quoting and the delimiter (sep=...), or skip bad rows with "
                     "skip_bad_rows=True (CLI: --skip-bad-rows)") from exc
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise MalformedRecordError(path, f"the compressed file is truncated or corrupt ({exc})",
                                       hint="re-export or re-download the file") from exc
    if seen == 0:
        raise EmptyFileError(path, "the file has a header but no rows")


def _read_parquet(path: Path, *, chunk_rows: int, report: LoadReport,
                  exact: tuple[str, ...] = ()):
    import pyarrow as pa
    import pyarrow.parquet as pq

    seen = 0
    try:
        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=chunk_rows):
            batch.validate(full=True)  # e.g. invalid UTF-8 in a string column of a damaged file
            chunk = batch.to_pandas()
            for name in exact:  # whole numbers with nulls: ints, not floats (as in JSON)
                if name in chunk.columns and pa.types.is_integer(batch.schema.field(name).type) \
                        and chunk[name].dtype.kind == "f":
                    chunk[name] = pd.Series(batch.column(name).to_pylist(), dtype=object)
            numbers = list(range(seen + 1, seen + 1 + len(chunk)))
            seen += len(chunk)
            report.rows_read += len(chunk)
            yield chunk, numbers
    except (pa.ArrowException, OSError, ValueError) as exc:  # ValueError: corrupt metadata
        raise MalformedRecordError(
            path, f"not a readable Parquet file ({' '.join(str(exc).split())})",
            row=seen + 1 if seen else None,
            hint="the file may be truncated or corrupt; re-export it") from exc


def _read_folder(path: Path, *, metadata: Path | None, encoding: str, chunk_rows: int,
                 report: LoadReport):
    everything, hidden = [], []
    for p in sorted(path.rglob("*")):
        if p.is_file():
            if any(part.startswith(".") for part in p.relative_to(path).parts):
                if p.suffix.lower() == ".txt":  # ".x.txt", "._x.txt": skipped, but named
                    hidden.append(p.relative_to(path).as_posix())
            else:
                everything.append(p)
    files = [p for p in everything if p.suffix.lower() == ".txt"]  # ARTICLE.TXT too
    if metadata is None:
        for name in ("metadata.csv", "metadata.tsv"):
            if (path / name).exists():
                metadata = path / name
    # other files (an .html or .docx export beside the .txt ones) are named in the report, not
    # passed over in silence
    others = [p.relative_to(path).as_posix() for p in everything if p.suffix.lower() != ".txt"
              and (metadata is None or p.resolve() != Path(metadata).resolve())] + hidden
    report.files_not_read = len(others)
    report.hidden_files_not_read = len(hidden)
    report.files_not_read_examples = others[:LoadReport.EXAMPLES]
    if not files:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        raise EmptyFileError(path, "the folder holds no .txt files"
                             + (" but hidden ones" if hidden else "")
                             + (f" (it holds {shown})" if others else ""),
                             hint="a folder corpus is one .txt file per article; give a CSV, "
                                  "JSONL or Parquet file as the path itself")
    meta = None
    if metadata is not None:
        meta = load_metadata_table(Path(metadata), encoding=encoding)
    used: set[str] = set()
    rows, numbers = [], []
    for file in files:
        raw = file.read_bytes()
        if b"\x00" in raw:
            if _looks_utf16(raw[:8192]):  # Notepad's "Unicode": text, which "binary" belied
                raise BinaryFileError(
                    file, "the file is UTF-16 text (NUL bytes between the letters)",
                    hint="convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 in.txt > out.txt "
                         "(or in Notepad: Save As, Encoding UTF-8)")
            raise BinaryFileError(file, hint="remove it from the folder or convert it to text")
        rel = file.relative_to(path).as_posix()
        record = {"file": rel, "text": _decode_whole(raw, file, encoding)}
        if file.parent != path:
            record["folder"] = file.parent.relative_to(path).as_posix()
        if meta is not None:
            name = next((n for n in (rel, file.name, file.stem) if n in meta), None)
            if name is not None:
                used.add(name)
                record.update({k: v for k, v in meta[name].items() if k != "text"})
        rows.append(record)
        numbers.append(file)  # errors and the report name the file, not a row
        report.rows_read += 1
        if len(rows) >= chunk_rows:
            yield _folder_frame(rows), numbers
            rows, numbers = [], []
    if meta is not None:  # a metadata row whose file is not there: an article missing
        unmatched = [n for n in meta if n not in used]
        report.metadata_unmatched = len(unmatched)
        report.metadata_unmatched_examples = unmatched[:LoadReport.EXAMPLES]
    if rows:
        yield _folder_frame(rows), numbers


def _folder_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows)
    if "outlet" not in df.columns and "folder" in df.columns:
        df["outlet"] = df["folder"]  # convention: corpus/<outlet>/<article>.txt
    return df


def load_metadata_table(path: Path, *, encoding: str = "utf-8") -> dict[str, dict]:
    """Read a metadata CSV for a folder corpus, keyed by its ``file`` column.

    The key column may be called ``file``, ``filename``, ``path`` or ``id``; it matches the text
    file's path relative to the folder, its name, or its name without ``.txt``.
    """
    _check_not_empty_or_binary(path)
    # guessed from the header, as a corpus's is: Excel's CSV in a European locale uses ';'
    sep = _sniff_delimiter(path, "\t" if path.suffix.lower() in (".tsv", ".tab") else ",",
                           encoding)
    try:
        table = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(path, hint="re-save the metadata file as UTF-8") from exc
    except pd.errors.ParserError as exc:
        raise MalformedRecordError(path, f"cannot parse the metadata file ({exc})") from exc
    key = next((c for c in ("file", "filename", "path", "id") if c in table.columns), None)
    if key is None:
        raise MissingColumnError(path, field="file",
                                 hint="name the text files in a column called 'file'; columns "
                                      f"present: {', '.join(table.columns)}")
    out = {}
    for row_number, record in enumerate(table.to_dict("records"), start=2):
        name = record[key]
        if name in out:
            raise MalformedRecordError(path, f"file {name!r} is listed twice", row=row_number,
                                       field=key)
        out[name] = {k: (v if v != "" else None) for k, v in record.items() if k != key}
        if key == "id":
            out[name]["id"] = name
    return out


# --------------------------------------------------------------------------------------------
# The reader


class Canonicalizer:
    """The per-row work of :func:`load_corpus` on DataFrames of raw records from anywhere: the
    columns renamed (``mapping``), each row's text and outlet checked, the text cleaned, the
    title and outlet cleaned, the date parsed, the default id (a content hash) filled in, and a
    :class:`LoadReport` filled. :class:`CorpusReader` is one that reads a file; ``framing
    analyze --engine dask`` runs one on each Parquet partition, on the worker.

    Parameters
    ----------
    where : what messages and the report name as the input (a path, or a label such as
        ``"articles.parquet, partition 2 of 8"``).
    format : the input's format as :func:`load_corpus` detects it (``"parquet"``, ``"csv"``,
        ...): a missing CSV cell is "empty", elsewhere "missing".
    mapping, html, unicode_form, strip_boilerplate, skip_bad_rows, encoding, fold_outlet_case,
    day_first : as in :func:`load_corpus` (``encoding`` only decides whether latin-1 texts are
        checked for C1 control characters).

    One instance keeps what it has seen (ids, texts, outlet spellings, date orders) across the
    frames it is given, as a file's chunks; the checks that need it (duplicates, the date
    order, the first spelling of an outlet) hold over those frames only.

    Example
    -------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"body": ["<p>Talks may resume.</p>"], "source": ["Wire A"]})
    >>> canon = Canonicalizer("raw", mapping={"text": "body", "outlet": "source"})
    >>> canon.canonical(raw).loc[0, ["outlet", "text"]].tolist()
    ['Wire A', 'Talks may resume.']
    >>> canon.report.html_converted
    1
    """

    def __init__(self, where, *, format: str = "parquet", mapping=None, html: bool = True,
                 unicode_form: str | None = "NFC", strip_boilerplate: bool = True,
                 skip_bad_rows: bool = False, encoding: str = "utf-8",
                 fold_outlet_case: bool = False, day_first: bool = False):
        _check_unicode_form(unicode_form)
        self.where = where
        self.format = format
        self._latin1 = str(encoding).strip().lower() in _LATIN1_NAMES
        self.day_first = bool(day_first)
        self._date_orders: dict[str, tuple] = {}  # order -> (row, value) first proving it
        self.mapping = parse_mapping(mapping)
        self.html = html
        self.unicode_form = unicode_form
        self.strip_boilerplate = strip_boilerplate
        self.skip_bad_rows = skip_bad_rows
        self.encoding = encoding
        self.report = LoadReport(path=str(where), format=format,
                                 date_order="day" if self.day_first else "month")
        self.chunk_keys: list[str] = []
        self._seen_texts: dict[bytes, str] = {}
        self._seen_ids: dict[str, int] = {}  # id -> row it was first seen in
        self.fold_outlet_case = bool(fold_outlet_case)
        self._outlet_spellings: dict[str, str] = {}

    def canonical(self, raw: pd.DataFrame, rows=None) -> pd.DataFrame:
        """``raw`` as :func:`load_corpus` gives a file's rows: canonical columns first, cleaned,
        bad rows skipped (``skip_bad_rows``) or refused with an error naming ``where``, the row
        and the field. ``rows``: the rows' numbers in messages (default 1, 2, ...). ``raw`` is
        not changed."""
        numbers = list(range(1, len(raw) + 1)) if rows is None else list(rows)
        self.report.rows_read += len(raw)
        return self._canonical(raw.copy(deep=False), numbers)


    def _check_date_order(self, order: str, value, row, where, at_row) -> None:
        """Refuse a file whose numeric dates are written in two orders, or whose dates that could
        be read either way sit beside dates that prove the other order than the one used
        ("08/03/2024" read as August 3 beside "15/03/2024")."""
        self._date_orders.setdefault(order, (row, str(value)))
        check_date_orders(self._date_orders, self.day_first, where, at_row)

    def _rename(self, raw: pd.DataFrame) -> pd.DataFrame:
        columns = [str(c) for c in raw.columns]
        raw.columns = columns
        for src in self.mapping.values():  # nested JSON fields: "article.body-paragraphs"
            head, dot, rest = src.partition(".")
            if src not in columns and dot and head in columns:
                values = [_nested_value(v, rest.split(".")) for v in raw[head]]
                if any(v is not None for v in values):  # as read: an id 17 stays 17, not 17.0
                    raw[src] = pd.Series(values, index=raw.index, dtype=object)
                    columns.append(src)
        missing = [src for src in self.mapping.values() if src not in columns]
        if missing:
            field = next(k for k, v in self.mapping.items() if v == missing[0])
            raise MissingColumnError(
                self.where, f"the mapping names column {missing[0]!r}, which the file does not have",
                field=field, hint=f"columns present: {', '.join(columns)}")
        renames = {src: name for name, src in self.mapping.items()}
        # A source column that already bears a target name is kept under '<name>_source'.
        for name in self.mapping:
            if name in columns and name not in renames:
                renames[name] = f"{name}_source"
        return raw.rename(columns=renames)

    def _canonical(self, raw: pd.DataFrame, numbers: list[int]) -> pd.DataFrame:
        df = self._rename(raw)
        for name in REQUIRED_COLUMNS:
            if name not in df.columns:
                hint = f"columns present: {', '.join(map(str, df.columns))}"
                if len(df.columns) == 1 and any(d in str(df.columns[0]) for d in ",;\t|"):
                    hint += " (one column only: is the delimiter right? pass sep=...)"
                hint += f"; map one with mapping={{'{name}': COLUMN}} (CLI: --map {name}=COLUMN)"
                raise MissingColumnError(self.where, field=name, hint=hint)
        for name in CANONICAL_COLUMNS:
            if name not in df.columns:
                df[name] = None
        report = self.report
        out = {name: [] for name in CANONICAL_COLUMNS}
        keep = []
        keys = self.chunk_keys = []
        records = df[list(CANONICAL_COLUMNS)].to_dict("records")
        for pos, (rec, row) in enumerate(zip(records, numbers)):
            # a folder corpus gives each record's file: errors name it instead of a row
            where, at_row = (row, None) if isinstance(row, Path) else (self.where, row)
            problem = why = None
            for name in ("text", "outlet"):
                if (why := _wrong_kind(name, rec[name])) is not None:
                    problem = name
                    break
            wrong_kind = problem is not None
            text = outlet = None
            if problem is None:
                text, outlet = _as_str(rec["text"]), _as_str(rec["outlet"])
                for name, value in (("text", text), ("outlet", outlet)):
                    if (why := self._why_missing(value)) is not None:
                        problem = name
                        break
            if problem:
                if self.skip_bad_rows:
                    report.note_skip(row, f"the {problem} is {why}")
                    continue
                fix = "give it as a string" if wrong_kind else "fill it in"
                if self.format == "folder" and problem == "outlet" and not wrong_kind:
                    fix = ("put the file in a subfolder named after its outlet, or give its "
                           "outlet in metadata.csv (columns file, outlet)")
                unit = "files" if self.format == "folder" else "rows"
                hint = (f"{fix}, or skip such {unit} with skip_bad_rows=True "
                        f"(CLI: --skip-bad-rows); skipped {unit} are counted")
                error = MalformedRecordError if wrong_kind else MissingValueError
                raise error(where, f"the {problem} is {why}", row=at_row, field=problem,
                            hint=hint)
            if self._latin1 and _C1_CONTROL_RE.search(text):
                # latin-1 reads a Windows file's curly quotes and dashes as C1 control
                # characters, which the cleaning would delete ("That’s" -> "Thats"): refused
                raise EncodingError(
                    where, "the text holds C1 control characters: the file is not latin-1 but "
                    "most likely a Windows export (cp1252)", row=at_row, field="text",
                    hint="pass encoding='cp1252' (CLI: --encoding cp1252)")
            text, identity, was_html, removed = _clean_with_identity(
                text, self.html, self.unicode_form, self.strip_boilerplate)
            if not text:
                if self.skip_bad_rows:
                    report.note_skip(row, "text is empty after cleaning")
                    continue
                raise MissingValueError(
                    where, "the text is empty after cleaning (only markup or boilerplate)",
                    row=at_row, field="text", hint="skip such rows with skip_bad_rows=True")
            report.html_converted += was_html
            report.boilerplate_lines_removed += removed
            outlet = _clean_field(outlet, self.unicode_form, unescape=self.html)
            folded = outlet.casefold()
            first = self._outlet_spellings.setdefault(folded, outlet)
            if first != outlet:
                variants = report.outlet_variants.setdefault(folded, [first])
                if outlet not in variants:
                    variants.append(outlet)
                if self.fold_outlet_case:
                    outlet = first
            if not outlet:
                if self.skip_bad_rows:
                    report.note_skip(row, "outlet is empty after cleaning")
                    continue
                raise MissingValueError(where, "the outlet is empty after cleaning", row=at_row,
                                        field="outlet", hint="skip such rows with skip_bad_rows=True")
            title = _as_str(rec["title"])
            title = _clean_field(title, self.unicode_form, unescape=self.html) if title else None
            date_value = rec["date"]
            if is_dotted_date(date_value) and slash_date_order(date_value) == "month":
                # "06.13.2019": a dotted date is read day first, and 13 is no month
                raise MalformedRecordError(
                    where, f"{date_value!r} is a dotted date, which is read day first (the "
                    "German and European order: 01.06.2019 is 1 June), but its second number "
                    "cannot be a month", row=at_row, field="date",
                    hint="write the dates as YYYY-MM-DD")
            date, usable = parse_date(date_value, day_first=self.day_first)
            if date is not None and (order := slash_date_order(date_value)):
                if is_dotted_date(date_value):
                    order = "day"  # "01.06.2019" as much as "13.06.2019": read day first
                self._check_date_order(order, date_value, row, where, at_row)
            if date is None:
                if usable:
                    report.missing_dates += 1
                else:
                    report.unusable_dates += 1
                    if len(report.unusable_date_examples) < LoadReport.EXAMPLES:
                        report.unusable_date_examples.append(str(date_value))
            else:
                caveat = date_caveat(date_value)
                if caveat == "dotted":
                    report.dotted_dates += 1
                    if len(report.dotted_date_examples) < LoadReport.EXAMPLES:
                        report.dotted_date_examples.append(str(date_value))
                elif caveat:
                    if caveat == "partial":
                        report.partial_dates += 1
                    else:
                        report.ambiguous_dates += 1
                    if len(report.date_caveat_examples) < LoadReport.EXAMPLES:
                        report.date_caveat_examples.append(str(date_value))
            key = article_key(outlet, title, text if identity is None else identity)
            given_id = _as_str(rec["id"])
            article_id = given_id.strip() if given_id and given_id.strip() else key[:16]
            first_row = self._seen_ids.setdefault(article_id, row)
            if first_row != row:
                report.duplicate_ids += 1
                if len(report.duplicate_id_examples) < LoadReport.EXAMPLES:
                    report.duplicate_id_examples.append(
                        f"{_place(row)}: id {article_id!r}, as {_place(first_row)}")
            tkey = _text_key(text)
            first = self._seen_texts.get(tkey)
            if first is None:
                self._seen_texts[tkey] = article_id
            else:
                report.duplicate_texts += 1
                if len(report.duplicate_examples) < LoadReport.EXAMPLES:
                    report.duplicate_examples.append((article_id, first))
            url = _as_str(rec["url"])
            for name, value in (("id", article_id), ("outlet", outlet), ("date", date),
                                ("title", title), ("text", text),
                                ("url", url.strip() if url and url.strip() else None)):
                out[name].append(value)
            keys.append(key)
            keep.append(pos)
        extras = [c for c in df.columns if c not in CANONICAL_COLUMNS]
        result = pd.DataFrame(out)
        result["date"] = pd.to_datetime(result["date"]).astype("datetime64[us]")
        if extras:
            extra = df.iloc[keep][extras].reset_index(drop=True)
            result = pd.concat([result, extra], axis=1)
        report.rows_loaded += len(result)
        return result

    def _why_missing(self, value: str | None) -> str | None:
        """Why a required value is unusable ("missing", "empty", ...), or None when it is fine."""
        if value is None:
            # a CSV/TSV cell cannot be null: pandas reads an empty cell as a missing value
            return "empty" if self.format in ("csv", "tsv") else "missing"
        if not value.strip():
            return "empty"
        if value.strip() in MISSING_MARKERS:
            return f"missing ({value.strip()!r} marks a missing value)"
        return None


def _check_unicode_form(unicode_form) -> None:
    if unicode_form not in (None, "NFC", "NFKC", "NFD", "NFKD"):
        raise ValueError(f"unicode_form must be one of NFC, NFKC, NFD, NFKD or None, "
                         f"not {unicode_form!r}")


def check_date_orders(seen: Mapping, day_first: bool, where, at_row=None, place=None) -> None:
    """Raise a :class:`MalformedRecordError` when the numeric date orders ``seen`` (``{order:
    (row, value)}``, an order being ``"day"``, ``"month"`` or ``"either"`` as
    :func:`slash_date_order` gives it, with the row first showing it) cannot all be read with
    ``day_first``: dates written in two orders, or dates that could be read either way beside
    dates that prove the other order. ``place``: how a row is named (default ``row N``)."""
    named = place or _place

    def place(row, value) -> str:  # a dotted date is read day first by convention: say so
        return ("dotted: read day first, " if is_dotted_date(value) else "") + named(row)

    used = "day" if day_first else "month"
    other = "month" if day_first else "day"
    if "day" in seen and "month" in seen:
        (dr, dv), (mr, mv) = seen["day"], seen["month"]
        raise MalformedRecordError(
            where, f"dates written in two orders: {dv!r} ({place(dr, dv)}) is day first, {mv!r} "
            f"({place(mr, mv)}) month first", row=at_row, field="date",
            hint="write the dates as YYYY-MM-DD")
    if other in seen and "either" in seen:
        (pr, pv), (er, ev) = seen[other], seen["either"]
        flag = "day_first=False (CLI: without --day-first)" if day_first else \
            "day_first=True (CLI: --day-first; report: -p day_first true)"
        raise MalformedRecordError(
            where, f"the dates are {other} first ({pv!r}, {place(pr, pv)}), but dates such as "
            f"{ev!r} ({place(er, ev)}) would be read {used} first", row=at_row, field="date",
            hint=f"load with {flag}, or write the dates as YYYY-MM-DD")


class CorpusReader(Canonicalizer):
    """Read a corpus in chunks of canonical, cleaned rows, filling a :class:`LoadReport`.

    Iterate it to get DataFrames of at most ``chunk_rows`` rows each; ``reader.report`` is
    complete when the iteration ends, and ``reader.chunk_keys`` holds the store keys
    (:func:`article_key`) of the rows of the chunk just yielded. Takes the same keyword
    arguments as :func:`load_corpus`.
    """

    def __init__(self, path, *, mapping=None, html: bool = True, unicode_form: str | None = "NFC",
                 strip_boilerplate: bool = True, skip_bad_rows: bool = False,
                 encoding: str = "utf-8", sep: str | None = None, metadata=None,
                 fold_outlet_case: bool = False, day_first: bool = False,
                 chunk_rows: int = 1000):
        self.path = Path(path)
        mapping = parse_mapping(mapping)  # a bad --map is named before a missing file
        encoding = _checked_encoding(self.path, encoding)
        self.sep = _checked_sep(self.path, sep)
        self.metadata = None if metadata is None else Path(metadata)
        self.chunk_rows = int(chunk_rows)
        if self.chunk_rows < 1:
            raise ValueError("chunk_rows must be at least 1")
        _check_unicode_form(unicode_form)
        if not self.path.exists():
            raise InputError(self.path, "no such file or folder")
        super().__init__(self.path, format=_detect_format(self.path), mapping=mapping,
                         html=html, unicode_form=unicode_form,
                         strip_boilerplate=strip_boilerplate, skip_bad_rows=skip_bad_rows,
                         encoding=encoding, fold_outlet_case=fold_outlet_case,
                         day_first=day_first)
        self._refuse_unused_options()

    def _refuse_unused_options(self) -> None:
        """A reading option the format does not use is refused, not ignored: ``--sep`` for a
        JSONL file, ``--encoding cp1252`` for a Parquet file (its strings are UTF-8), ``--metadata``
        for anything but a folder were dropped without a word."""
        kind = _FORMAT_NAMES.get(self.format, self.format)
        if self.sep is not None and self.format not in ("csv", "tsv"):
            raise InputError(self.path, f"sep (CLI: --sep) applies to CSV/TSV files only, and "
                             f"this is {kind}",
                             hint="leave it out" + (" (a folder's metadata.csv has its delimiter "
                                                    "guessed)" if self.format == "folder" else ""))
        if self.format == "parquet" and not codecs.lookup(self.encoding).name.startswith("utf-8"):
            raise InputError(self.path, f"encoding (CLI: --encoding) {self.encoding!r} does not "
                             "apply to a Parquet file, whose texts are stored as UTF-8; it "
                             "applies to CSV/TSV, JSON Lines, JSON and the .txt files of a folder",
                             hint="leave it out")
        if self.metadata is not None and self.format != "folder":
            raise InputError(self.path, f"metadata (CLI: --metadata) applies to a folder of .txt "
                             f"files only, and this is {kind}",
                             hint="leave it out; the file's own columns give outlet, date and title "
                                  "(--map names them)")

    def _raw_chunks(self):
        kw = dict(chunk_rows=self.chunk_rows, report=self.report)
        if self.format == "folder":
            return _read_folder(self.path, metadata=self.metadata, encoding=self.encoding, **kw)
        _check_not_empty_or_binary(self.path) if self.format != "parquet" else None
        if self.format == "csv" or self.format == "tsv":
            default = "\t" if self.format == "tsv" else ","
            return _read_delimited(self.path, sep=self.sep, default_sep=default,
                                   encoding=self.encoding, skip_bad_rows=self.skip_bad_rows, **kw)
        # whole numbers as written in every canonical field, not made floats by a missing
        # value in the chunk: an id or a numeric outlet code 17 stays "17", not "17.0", as a
        # CSV file (read as text) and analyze --engine dask (each partition) give it
        kw["exact"] = tuple(dict.fromkeys(self.mapping.get(name, name)
                                          for name in CANONICAL_COLUMNS))
        if self.format == "parquet":
            return _read_parquet(self.path, **kw)
        if self.format == "jsonl":
            return _read_jsonl(self.path, encoding=self.encoding,
                               skip_bad_rows=self.skip_bad_rows, **kw)
        if self.format == "json":
            with _open_bytes(self.path) as fh:
                first = fh.read(4096).lstrip()
            if first.startswith(b"["):
                return _read_json_array(self.path, encoding=self.encoding, **kw)
            return _read_jsonl(self.path, encoding=self.encoding,
                               skip_bad_rows=self.skip_bad_rows, **kw)
        raise AssertionError(f"unknown format {self.format!r}")

    def __iter__(self) -> Iterator[pd.DataFrame]:
        any_rows = False
        for raw, numbers in self._raw_chunks():
            chunk = self._canonical(raw, numbers)
            if len(chunk):
                any_rows = True
                yield chunk
        if not any_rows and self.report.rows_read == 0:
            raise EmptyFileError(self.path, "no articles found")
        logger.info("loaded %s", self.report.summary())

def _place(row) -> str:
    """A record's place for messages: ``row N``, or the file of a folder corpus."""
    return str(row) if isinstance(row, Path) else f"row {row}"


def _nested_value(value, path: list[str]):
    """Follow ``path`` through nested dicts; lists of strings become text (a list of lists, such
    as paragraphs of sentences, is joined as paragraphs separated by a blank line)."""
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    if isinstance(value, list):
        if all(isinstance(v, list) for v in value):
            return "\n\n".join(" ".join(str(x) for x in v) for v in value)
        if all(isinstance(v, str) for v in value):
            return "\n\n".join(value)
    return value


def _wrong_kind(name: str, value) -> str | None:
    """Why a JSON or Parquet value cannot be a text or an outlet name (a number as a text, a
    list, a mapping, bytes that are not UTF-8), or None. Such values used to be turned into
    strings ("12345", "['a', 'b']") and scored."""
    if value is None or isinstance(value, str) or (isinstance(value, float) and value != value) \
            or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            return "bytes that are not valid UTF-8"
        return None
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    if name == "outlet" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return None  # a numeric outlet code is a name
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        kind = "a number"
    elif isinstance(value, (list, tuple, set)) or type(value).__name__ == "ndarray":
        kind = "a list"
    elif isinstance(value, Mapping):
        kind = "a mapping"
    else:
        kind = f"a {type(value).__name__} value"
    return f"{kind} ({shown}), not {'text' if name == 'text' else 'a name'}"


def _as_str(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)


def load_corpus(path, *, mapping=None, html: bool = True, unicode_form: str | None = "NFC",
                strip_boilerplate: bool = True, skip_bad_rows: bool = False,
                encoding: str = "utf-8", sep: str | None = None, metadata=None,
                fold_outlet_case: bool = False, day_first: bool = False) -> pd.DataFrame:
    """Load a news corpus as a DataFrame with the canonical columns.

    Parameters
    ----------
    path : a CSV/TSV (``.gz`` too), JSONL (``.jsonl``, ``.jsonl.gz``), JSON array, Parquet file,
        or a folder of ``.txt`` files (one article each; metadata from ``metadata.csv`` in the
        folder or ``metadata=``, keyed by a ``file`` column; outlet from the subfolder name when
        no metadata gives one).
    mapping : ``{canonical: source_column}``, e.g. ``{"text": "content_original",
        "outlet": "source"}``. Only ``text`` and ``outlet`` are required. In JSON a dotted name
        reaches into nested objects (``"article.title"``); a list of paragraphs (or of
        paragraphs of sentences) becomes one text.
    html : convert texts that contain HTML markup to plain text.
    unicode_form : Unicode normalization form for texts and fields (``None`` to keep as is).
    strip_boilerplate : remove web furniture lines ("Read more: ...", "Advertisement", newsletter
        prompts, "Follow us on ...": see ``BOILERPLATE_PATTERNS``).
    skip_bad_rows : skip (and count) malformed lines and rows with empty or missing text or
        outlet, instead of raising.
    encoding : the file's text encoding; UTF-8 unless told otherwise (``"cp1252"`` for a Windows
        export). UTF-16 and UTF-32 are refused: convert such a file to UTF-8 first. Another
        encoding than UTF-8 for a Parquet file (whose strings are UTF-8) is refused, not ignored.
    sep : delimiter for CSV/TSV, one character; a tab may also be given as ``"tab"`` or as
        backslash and t, as typed in a shell. Guessed from the header line when omitted; refused
        for any other format (a folder's ``metadata.csv`` has its delimiter guessed).
    fold_outlet_case : treat outlet names that differ only in case ("fox", "FOX") as one outlet,
        spelled as first seen. Such variants are listed in the load report either way.
    day_first : read numeric dates that could be either way round ("03/04/2019") day first (3
        April). Dotted dates ("01.06.2019", the German and European way) are read day first
        whatever it says, and counted apart in the load report. Either way, a file whose numeric
        dates prove the other order ("15/03/2024" beside "08/03/2024", which would be read as
        August 3) is refused rather than read half wrong.

    Returns
    -------
    DataFrame with columns ``id, outlet, date, title, text, url`` followed by the file's other
    columns. ``id`` is the given id or, when absent, a stable content hash of outlet, title and
    text. ``date`` is a naive UTC timestamp, missing where absent or unusable. The
    :class:`LoadReport` is in ``df.attrs["load_report"]``, as a plain dict
    (:meth:`LoadReport.to_dict`, in JSON types) so that pandas can write the frame, and frames
    derived from it, to Parquet or Feather: read it with :func:`load_report`.

    Raises
    ------
    framing.errors.InputError
        (a subclass naming file, row and field) for an empty, binary, undecodable or malformed
        file, a missing required column, or a row with empty or missing text or outlet.

    Notes
    -----
    *Missing values.* A text or outlet that is absent (no key, JSON ``null``, a null in
    Parquet), empty, or exactly one of pandas' missing-value markers (``MISSING_MARKERS``:
    ``NaN``, ``NA``, ``N/A``, ``null``, ``None``, ``#N/A``, ..., matched case-sensitively after
    trimming white space) is missing: an error, or a skipped row with ``skip_bad_rows``. Such a
    date counts as missing. A text that merely contains one of these words is kept.

    *Rows* in messages and the report: in CSV/TSV the record number, the header being row 1
    (the line number unless a quoted field spans lines); in JSONL the line number; in a JSON
    array the object's position (from 1); in Parquet the row's position (from 1). A folder of
    ``.txt`` files has no rows: messages name the file.

    Examples
    --------
    The sample corpus (from the framing folder); a file with other column names takes
    ``mapping=`` (see the module's example):

    >>> df = load_corpus("data/sample/articles.jsonl")
    >>> len(df), list(df.columns)
    (64, ['id', 'outlet', 'date', 'title', 'text', 'url', 'author'])
    >>> print(load_report(df).summary())
    data/sample/articles.jsonl (jsonl): 64 articles loaded of 64 rows read
      dates: 0 missing, 0 unusable
      exact duplicate texts: 0
      boilerplate lines removed: 25
    """
    reader = CorpusReader(path, mapping=mapping, html=html, unicode_form=unicode_form,
                          strip_boilerplate=strip_boilerplate, skip_bad_rows=skip_bad_rows,
                          encoding=encoding, sep=sep, metadata=metadata,
                          fold_outlet_case=fold_outlet_case, day_first=day_first)
    chunks = list(reader)
    if not chunks:
        raise all_rows_skipped(reader.path, reader.report)
    df = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    # JSON types only: pandas writes attrs as JSON (to_parquet, to_feather) and copies them to
    # every frame derived from this one
    df.attrs["load_report"] = _ReportInAttrs(json.loads(json.dumps(reader.report.to_dict())))
    return df


def all_rows_skipped(where, report: LoadReport) -> EmptyFileError:
    """The error for an input whose every row was skipped as bad (``skip_bad_rows``)."""
    unit = "files" if report.format == "folder" else "rows"
    return EmptyFileError(
        where, f"no articles left: all {report.rows_skipped} {unit} were skipped as bad (e.g. "
        + "; ".join(report.skipped_examples[:3]) + ")",
        hint="check the mapping (--map text=COLUMN --map outlet=COLUMN) and the file")


def load_report(df: pd.DataFrame) -> LoadReport | None:
    """The :class:`LoadReport` of the corpus file ``df`` was loaded from by :func:`load_corpus`,
    or ``None`` when it has none (articles read from a store, a frame made otherwise).

    ``df.attrs["load_report"]`` holds the report as a plain dict (:meth:`LoadReport.to_dict`)
    so that pandas can write the attrs to Parquet and Feather files; this reads it from a
    loaded corpus, from a frame derived from one (pandas copies ``attrs`` to selections and
    copies; :func:`pandas.concat` and :func:`pandas.merge` keep them only when all their inputs
    have the same), and from such a frame written to Parquet and read back.

    Example
    -------
    >>> import framing, pathlib, tempfile
    >>> import pandas as pd
    >>> from framing.corpus import load_report
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.csv").write_text("text,outlet,date\\nTalks may resume.,Wire A,soon\\n")
    >>> df = framing.load_corpus(folder / "c.csv")
    >>> load_report(df).unusable_dates
    1
    >>> df.to_parquet(folder / "c.parquet")
    >>> print(load_report(pd.read_parquet(folder / "c.parquet")).summary())  # doctest: +ELLIPSIS
    /.../c.csv (csv): 1 article loaded of 1 row read
      dates: 0 missing, 1 unusable (e.g. 'soon')
      exact duplicate texts: 0
    """
    stored = df.attrs.get("load_report")
    if stored is None or isinstance(stored, LoadReport):  # (pickled before attrs held a dict)
        return stored
    return LoadReport.from_dict(stored)


class _ReportInAttrs(dict):
    """A :class:`LoadReport` as ``df.attrs["load_report"]`` holds it: a plain dict to pandas and
    JSON. It still answers as the report did when attrs held the object itself
    (``df.attrs["load_report"].summary()``), with a DeprecationWarning: that fails on the plain
    dict a Parquet file gives back, where :func:`load_report` works."""

    __slots__ = ()

    def __getattr__(self, name: str):
        if name.startswith("_"):  # copy, pickle and IPython look for such names
            raise AttributeError(name)
        try:
            value = getattr(LoadReport.from_dict(self), name)
        except AttributeError:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}") \
                from None
        warnings.warn(f'df.attrs["load_report"] is now a dict: use framing.corpus.load_report(df)'
                      f".{name}, which also reads a frame written to Parquet and read back",
                      DeprecationWarning, stacklevel=2)
        return value

