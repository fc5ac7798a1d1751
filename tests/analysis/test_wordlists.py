"""The word-list files in wordlists/: valid, sourced, and loaded faithfully."""

import csv
import re
import shutil

import pytest

from webapp.analysis import FEMININE, MASCULINE, analyse, load_wordlists, tokenize
from webapp.analysis.wordlists import GENDER_FILES, WordListError

from .conftest import WORDLISTS_DIR

PAPER = "Gaucher et al. 2011"
ADDITION = "Gender Decoder addition"


def test_every_entry_has_alternatives_and_a_source(wordlists):
    for entry in wordlists.entries:
        assert entry.suggestions, entry.stem
        assert entry.source, entry.stem


def test_the_papers_appendix_a_is_complete(wordlists):
    paper = [e for e in wordlists.entries if e.origin == PAPER]
    assert sum(e.category == MASCULINE for e in paper) == 42
    assert sum(e.category == FEMININE for e in paper) == 40
    # Spot-check the exact vs prefix marks the paper gives.
    marks = {(e.stem, e.match) for e in paper}
    for stem, match in [
        ("confident", "exact"),
        ("objective", "exact"),
        ("active", "exact"),
        ("kind", "exact"),
        ("lead", "prefix"),
        ("analy", "prefix"),
        ("trust", "prefix"),
        ("support", "prefix"),
        ("self-confiden", "prefix"),
    ]:
        assert (stem, match) in marks


def test_gender_decoder_additions_are_marked(wordlists):
    additions = {e.stem for e in wordlists.entries if e.origin == ADDITION}
    assert {"driven", "fearless", "collab", "inclusive"} <= additions
    assert "lead" not in additions


def offered_alternatives(wordlists):
    """(rule id, alternative) for every alternative the check offers, in every category."""
    return [(e.rule_id, s) for e in wordlists.entries for s in e.suggestions] + [
        (r.rule_id, s) for r in wordlists.rules for s in r.suggestions
    ]


def test_no_alternative_is_flagged_itself_in_any_category(wordlists):
    # Each alternative, run through the same check as an advert, has no finding at all:
    # not gender-coded, not age, disability, race, LGBTQ+, jargon or structure.
    for rule_id, suggestion in offered_alternatives(wordlists):
        findings = analyse(suggestion, wordlists).findings
        assert not findings, f"{rule_id}: {suggestion!r} is flagged: {[(f.category, f.text) for f in findings]}"


# Words the research counts as coded that no list flags on its own, so the check above
# cannot catch them: words that may put off younger applicants (jd-content.md §6.5, CMS),
# length of service as a proxy for age (inclusive-language.md §2.2), synonyms of
# "confident" that are just as confidence-coded, and "deliver" (a GOV.UK word to avoid,
# jd-content.md §6.4).
CODED_IN_THE_RESEARCH = (
    "mature", "reliable", "loyal", "dependable", "well-established", "long-serving",
    "young", "energetic", "dynamic", "fresh", "assured", "self-assured", "deliver",
)


def test_no_alternative_to_a_coded_word_is_coded_in_the_research(wordlists):
    for entry in wordlists.entries:
        for suggestion in entry.suggestions:
            words = set(re.findall(r"[\w'-]+", suggestion.lower()))
            assert not words & set(CODED_IN_THE_RESEARCH), f"{entry.rule_id}: {suggestion!r}"


@pytest.mark.parametrize(
    ("rule_id", "wrong"),
    [
        ("masculine-coded/compet*", "skilled"),  # "competitive" is not "skilled"; pay has its own alternative
        ("feminine-coded/child*", "young people"),  # children are not young people
        ("feminine-coded/sharin*", "spreading"),  # wrong for data sharing
        ("feminine-coded/commit*", "we aim to"),  # weaker than a commitment
        ("feminine-coded/respon*", "reply"),  # "respond to an incident" is not "reply to" it
    ],
)
def test_alternatives_keep_the_meaning(wordlists, rule_id, wrong):
    assert wrong not in wordlists.by_rule_id[rule_id].suggestions


def test_a_safeguarding_statement_keeps_children(wordlists):
    statement = "We are committed to safeguarding and promoting the welfare of children and young people."
    assert "children" not in [f.text for f in analyse(statement, wordlists).findings]
    assert "children" in [f.text for f in analyse("You will design services for children.", wordlists).findings]


def test_every_exception_covers_a_coded_word(wordlists):
    # An exception that contains no coded word would be dead data.
    for exception in wordlists.exceptions:
        words_flagged_without_exceptions = [
            part.norm
            for word in tokenize(exception.phrase)
            for part in word.parts
            if wordlists.lookup(part.norm)
        ]
        assert words_flagged_without_exceptions, exception.phrase


def test_files_are_sorted_so_edits_are_reviewable():
    for filename in [*GENDER_FILES.values(), "gender-exceptions.csv"]:
        with (WORDLISTS_DIR / filename).open(encoding="utf-8") as handle:
            keys = [row[0].casefold() for row in csv.reader(handle)][1:]
        assert keys == sorted(keys), filename


def write_lists(directory, masculine_rows, feminine_rows="", exceptions=""):
    # The other lists as shipped; these tests edit the gender lists.
    for path in WORDLISTS_DIR.glob("*.csv"):
        if path.name not in (*GENDER_FILES.values(), "gender-exceptions.csv"):
            shutil.copy(path, directory / path.name)
    header = "stem,match,origin,suggestions,source,note\n"
    (directory / "gender-masculine.csv").write_text(header + masculine_rows, encoding="utf-8")
    (directory / "gender-feminine.csv").write_text(header + feminine_rows, encoding="utf-8")
    (directory / "gender-exceptions.csv").write_text(
        "phrase,match_case,reason,source\n" + exceptions, encoding="utf-8"
    )


GOOD_ROW = "bold,exact,Gaucher et al. 2011,brave,A source,\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("bold,exact,Gaucher et al. 2011,,A source,\n", "alternative"),
        ("bold,exact,Gaucher et al. 2011,brave,,\n", "source"),
        ("bold,sometimes,Gaucher et al. 2011,brave,A source,\n", "match must be"),
        ("bold,exact,A blog,brave,A source,\n", "origin must be"),
        (GOOD_ROW + GOOD_ROW, "already in"),
    ],
)
def test_a_bad_row_is_reported_with_its_line(tmp_path, rows, message):
    write_lists(tmp_path, rows)
    with pytest.raises(WordListError, match=message):
        load_wordlists(tmp_path)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(WordListError, match="missing"):
        load_wordlists(tmp_path)


def test_an_edited_list_changes_what_is_flagged_and_the_version(tmp_path, wordlists):
    write_lists(tmp_path, GOOD_ROW, exceptions="bold move,no,A name,A source\n")
    edited = load_wordlists(tmp_path)
    assert [f.text for f in analyse("Be bold. A bold move.", edited).findings] == ["bold"]
    assert edited.version != wordlists.version


def test_every_list_file_is_sorted_and_every_row_has_a_source():
    for path in sorted(WORDLISTS_DIR.glob("*.csv")):
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        header, body = rows[0], rows[1:]
        keys = [row[0].casefold() for row in body]
        if path.name == "statements.csv":
            keys = [(row[0], row[1].casefold()) for row in body]
        assert keys == sorted(keys), path.name
        source = header.index("source")
        for number, row in enumerate(body, start=2):
            assert row[source].strip(), f"{path.name} line {number}"
            assert "judgement" not in row[source].lower(), f"{path.name} line {number}"


def test_every_phrase_rule_fires_on_its_own_words(wordlists):
    # Dead data guard: each row matches at least the phrase itself (numbers as "5").
    for rule in wordlists.rules:
        text = " ".join("5" if w == "#" else w.strip("[]").rstrip("*") for w in rule.phrase.split())
        assert rule.pattern.match(text.lower()), rule.rule_id


def test_a_bad_phrase_is_reported_with_its_file_and_line(tmp_path):
    for path in WORDLISTS_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    age = tmp_path / "age.csv"
    age.write_text(age.read_text(encoding="utf-8") + "young [and dynamic,warning,x,y,z,,\n", encoding="utf-8")
    with pytest.raises(WordListError, match=r"age\.csv line \d+: cannot read"):
        load_wordlists(tmp_path)
