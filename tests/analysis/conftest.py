from pathlib import Path

import pytest

from webapp.analysis import load_wordlists

WORDLISTS_DIR = Path(__file__).resolve().parents[2] / "wordlists"


@pytest.fixture(scope="session")
def wordlists():
    return load_wordlists(WORDLISTS_DIR)
