"""Property tests: spans always match the text; doubling never moves the verdict."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.analysis import analyse, tokenize
from webapp.analysis.categories import READABILITY, STRUCTURE
from webapp.analysis.text import _SENTENCE_END_RE, count_words_between

WHOLE_ADVERT = {STRUCTURE, READABILITY}

# Text built from coded words, exception phrases, Unicode punctuation and noise,
# so the properties are exercised where it matters rather than on random letters.
FRAGMENTS = st.sampled_from(
    [
        "lead", "Leader", "ambitious", "support", "trust", "Trust", "NHS", "Foundation",
        "the", "Active", "Directory", "confident", "Disability", "co\u2011operative",
        "self-confident", "dominant", "inter-personal", "data-driven", "Team", "analyst",
        "Data", "committee", "café", "naïve", "Trust\u2019s", "\u201cwarm\u201d",
        " ", "  ", "\n", "\n\n", "-", "\u2013", "\u2014", ",", ".", "'", "\u2011", "#",
    ]
)
TEXTS = st.one_of(
    st.lists(FRAGMENTS, max_size=60).map(" ".join),
    st.lists(FRAGMENTS, max_size=60).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_span_matches_the_text(wordlists, text):
    for word in tokenize(text):
        assert text[word.start : word.end] == word.text
    for finding in analyse(text, wordlists).findings:
        assert text[finding.start : finding.end] == finding.text
        # A finding about the whole advert (a missing statement) marks a place, not words.
        assert finding.start < finding.end or (finding.text == "" and finding.category in WHOLE_ADVERT)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_doubling_the_text_never_changes_the_verdict(wordlists, text):
    once = analyse(text, wordlists)
    twice = analyse(text + "\n\n" + text, wordlists)
    assert twice.gender.verdict == once.gender.verdict
    assert twice.gender.masculine_count == 2 * once.gender.masculine_count
    assert twice.gender.feminine_count == 2 * once.gender.feminine_count


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_fast_word_count_agrees_with_the_tokenizer(text):
    assert count_words_between(text) == len(tokenize(text))


# The sentence-end pattern is written for speed (one character class first); it must
# find exactly the ends the plain definition does: a run of ".", "!" or "?", closing
# quotes or brackets, then white space; or a line break.
PLAIN_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\n")
SENTENCE_TEXTS = st.lists(st.sampled_from(
    [".", "!", "?", "\n", " ", "\t", "\u00a0", "\"", "'", "\u201d", "\u2019", ")", "]", "e.g", "word", "Dr"]
), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(SENTENCE_TEXTS, st.text(max_size=100)))
def test_sentence_ends_are_found_where_the_plain_definition_puts_them(text):
    assert [m.span() for m in _SENTENCE_END_RE.finditer(text)] == [m.span() for m in PLAIN_SENTENCE_END.finditer(text)]
