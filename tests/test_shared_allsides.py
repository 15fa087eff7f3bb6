"""The full AllSides corpus through the store (slow: run with `make test-shared`)."""

from __future__ import annotations

import pytest

import framing
from conftest import shared_path

pytestmark = pytest.mark.slow

MAPPING = {"text": "content_original", "outlet": "source"}


def test_full_allsides_ingest_is_complete_and_idempotent(tmp_path):
    corpus = shared_path("article_bias_prediction_allsides", "articles.jsonl.gz")
    with framing.Store(tmp_path / "allsides.duckdb") as store:
        first = store.ingest(corpus, mapping=MAPPING)
        assert (first.rows_read, first.added) == (37_554, 37_554)
        assert first.report.duplicate_texts == 7
        assert first.report.missing_dates + first.report.unusable_dates == 4_410
        again = store.ingest(corpus, mapping=MAPPING)
        assert (again.added, again.already_stored, store.count()) == (0, 37_554, 37_554)
