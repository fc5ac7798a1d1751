"""Parsing helpers and the invariants every page must keep."""

from __future__ import annotations

import json
import re
from collections import Counter

import sqlalchemy as sa
from bs4 import BeautifulSoup

from webapp.config import test_database_url

HX_PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}


def normalize_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html5lib")


def assert_page_invariants(soup: BeautifulSoup) -> None:
    """One h1, a title that starts with it, unique ids, nonce'd inline scripts,
    forms that say where they go, and a CSRF token in every POST form."""
    h1s = soup.select("h1")
    assert len(h1s) == 1, [h.get_text() for h in h1s]
    title = normalize_spaces(soup.title.get_text())
    heading = normalize_spaces(h1s[0].get_text())
    assert title.removeprefix("Error: ").startswith(heading), (title, heading)
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    for script in soup.select("script"):
        assert script.get("src") or script.get("nonce"), script
    for form in soup.select("form"):
        assert form.get("action"), form
        if form.get("method", "get").lower() == "post":
            assert form.select_one('input[name="csrf_token"]'), form
    assert soup.select_one("html")["lang"] == "en"
    assert soup.select_one("main#maincontent")


def separate_database(directory, name: str) -> str:
    """A database of a test's own, for an app other than the shared one: a SQLite
    file in ``directory``, or, when the suite runs on PostgreSQL (DATABASE_URL), a
    fresh schema called ``name`` in that database."""
    url = test_database_url()
    if url.startswith("sqlite"):
        return f"sqlite:///{directory / f'{name}.sqlite3'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        connection.execute(sa.text(f"CREATE SCHEMA {name}"))
    engine.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name}"


def highlighted_words(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(words, category) of each highlight in the check's results, in order: the marks
    of the highlighted copy (full page), or, where the live check leaves the copy out,
    the highlights it sends for the text box."""
    marks = soup.select(".app-highlighted-text mark")
    if marks:
        return [(mark.contents[0], mark["data-category"]) for mark in marks]
    holder = soup.select_one("[data-highlights]")
    if holder is None:
        return []
    from webapp.analysis.categories import CATEGORIES

    by_label = {category.label: category.id for category in CATEGORIES}
    data = json.loads(holder["data-highlights"])
    spans = sorted(data["spans"], key=lambda span: span["start"])
    return [(span["text"], by_label[data["notes"][span["note"]]["label"].rsplit(", ", 1)[0]]) for span in spans]
