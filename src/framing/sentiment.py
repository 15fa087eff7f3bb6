"""Sentiment: TextBlob's polarity and subjectivity, exactly as TextBlob computes them.

TextBlob's ``sentiment`` (the pattern lexicon) needs no NLTK data, so it runs offline.
Polarity runs from -1 (negative) to 1 (positive); subjectivity from 0 (factual) to 1 (opinionated).

Example
-------
>>> from framing.sentiment import textblob_sentiment
>>> textblob_sentiment("The summit was a terrible failure.")
TextBlobSentiment(polarity=-0.6583333333333333, subjectivity=0.65)
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

__all__ = ["TextBlobSentiment", "textblob_sentiment", "textblob_frame"]


class TextBlobSentiment(NamedTuple):
    polarity: float
    subjectivity: float


def textblob_sentiment(text: str) -> TextBlobSentiment:
    """``TextBlob(text).sentiment`` for one text (polarity in [-1, 1], subjectivity in [0, 1])."""
    from textblob import TextBlob

    polarity, subjectivity = TextBlob(text).sentiment
    return TextBlobSentiment(float(polarity), float(subjectivity))


def textblob_frame(texts: pd.Series) -> pd.DataFrame:
    """TextBlob sentiment of every text in a Series.

    Returns a DataFrame with the Series' index and columns ``sentiment_textblob_polarity`` and
    ``sentiment_textblob_subjectivity``; missing texts give missing values.

    >>> textblob_frame(pd.Series(["A terrible failure.", None])).round(2)
       sentiment_textblob_polarity  sentiment_textblob_subjectivity
    0                        -0.66                             0.65
    1                          NaN                              NaN
    """
    rows = []
    for text in texts:
        if isinstance(text, str):
            rows.append(textblob_sentiment(text))
        else:
            rows.append((float("nan"), float("nan")))
    return pd.DataFrame(rows, index=texts.index,
                        columns=["sentiment_textblob_polarity", "sentiment_textblob_subjectivity"])
