"""The advert model: title, the writer's own text and standard text, and the context
that makes a word a name or a role rather than a description of the applicant."""

import pytest

from webapp.analysis import OWN, STANDARD, TITLE, advert_from_fields, advert_from_text, analyse, build_settings
from webapp.analysis.gender_coding import FEMININE_CODED, MASCULINE_CODED, STRONGLY_FEMININE

PASTED = """Senior Data Analyst

Job summary
You will analyse data and report to the clinical leads.

About us
We share the values of the NHS Constitution: working together for patients; compassion; everyone counts.

Person specification
Essential criteria
You can explain findings clearly.
"""


def parts(advert):
    return [(p.part, advert.text[p.start : p.end].strip().splitlines()[0]) for p in advert.passages]


def test_pasted_text_is_split_by_its_headings_and_the_first_line_is_the_title(wordlists):
    advert = advert_from_text(PASTED, wordlists)
    assert parts(advert) == [
        (TITLE, "Senior Data Analyst"),
        (OWN, "Job summary"),
        (STANDARD, "About us"),
        (OWN, "Person specification"),
        (OWN, "Essential criteria"),
    ]


def test_the_verdict_speaks_about_the_writers_words_and_lists_standard_text_apart(wordlists):
    report = analyse(PASTED, wordlists)
    # "analyse" is the writer's; "share", "together" and "compassion" are the NHS values.
    assert (report.gender.masculine_count, report.gender.feminine_count) == (1, 0)
    assert report.gender.standard_feminine_count == 3
    standard = [f.text for f in report.standard_findings]
    assert standard == ["share", "together", "compassion"]
    assert all(f.part == STANDARD for f in report.findings if f.text in standard)
    # Title words that name the job are not flagged; the clinical leads are a role.
    assert [f.text for f in report.findings if f.category == "masculine-coded"] == ["analyse"]


def test_a_line_with_a_standard_statement_is_standard_text_without_a_heading(wordlists):
    text = ("We want an ambitious engineer.\n"
            "We are a Disability Confident employer and we welcome applications from everyone, "
            "with the commitment and compassion of the NHS.")
    report = analyse(text, wordlists)
    assert {f.text: f.part for f in report.findings if f.category == "feminine-coded"} == {
        "commitment": STANDARD, "compassion": STANDARD}
    assert report.gender.verdict in (MASCULINE_CODED, "strongly masculine-coded")


def test_the_caller_can_name_the_title_and_the_standard_text(wordlists):
    statement = "Our values: together, compassion and commitment."
    advert = advert_from_text(f"You will support our teams.\n\n{statement}", wordlists,
                              title="Support Officer", standard_texts=[statement])
    report = analyse(advert, wordlists)
    assert advert.text.startswith("Support Officer\n\n")
    by_part = {(f.text, f.part) for f in report.findings if f.category.endswith("-coded")}
    assert by_part == {("support", OWN), ("together", STANDARD), ("compassion", STANDARD), ("commitment", STANDARD)}


@pytest.mark.parametrize(
    "name",
    [
        # Recognised by their shape, not a list: these are made up.
        "Ambitious Valley NHS Foundation Trust",
        "Leading Edge NHS Trust",
        "Decisive Hills University Health Board",
        "Competitive Coast Health and Social Care Trust",
        "Active Vale Care Trust",
        "Strongwater and Challenge Integrated Care Board",
        "University Hospitals Dominant Park",
    ],
)
def test_no_word_inside_an_organisation_name_is_flagged(wordlists, name):
    report = analyse(f"You will join {name} as a developer.", wordlists)
    assert [f.text for f in report.findings if f.text and f.category != "readability"] == []


def test_an_organisation_can_add_its_own_names_words_and_ignores(wordlists):
    settings = build_settings(names=["Active Minds Partnership"], ignored=["challenging behaviour"])
    text = "You will work with the Active Minds Partnership on challenging behaviour."
    assert [f.text for f in analyse(text, wordlists).findings if f.text] == ["Active", "challenging"]
    assert [f.text for f in analyse(text, wordlists, settings).findings if f.text] == []


@pytest.mark.parametrize(
    "text",
    [
        "Report to the clinical leads.",
        "Data Analysts and Business Analysts work here.",
        "Our Digital Lead Midwife and the Support Officer.",
        "You will join as Team Leader.",
        "You will brief senior leaders and the lead nurse.",
        "Our team leads meet weekly.",
    ],
)
def test_role_nouns_that_name_a_job_are_not_flagged(wordlists, text):
    assert [f.text for f in analyse(text, wordlists).findings if f.category == "masculine-coded"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You will lead the team.", ["lead"]),
        ("We want a decisive leader.", ["decisive", "leader"]),
        ("You are analytical.", ["analytical"]),
        ("She leads by example.", ["leads"]),
    ],
)
def test_the_same_words_as_behaviour_stay_flagged(wordlists, text, expected):
    assert [f.text for f in analyse(text, wordlists).findings if f.category == "masculine-coded"] == expected


def test_a_drafts_fields_are_its_parts(wordlists):
    fields = [
        ("job_title", "Job title", "Lead Developer", TITLE),
        ("job_summary", "Job summary", "We want an ambitious, competitive and decisive leader.", OWN),
        ("about_us", "About us", "Together we support compassion and commitment.", STANDARD),
    ]
    report = analyse(advert_from_fields(fields, wordlists), wordlists)
    assert report.gender.verdict.endswith(MASCULINE_CODED)
    assert report.gender.feminine_count == 0 and report.gender.standard_feminine_count == 4
    assert {f.field for f in report.findings if f.text == "ambitious"} == {"job_summary"}


def test_dismissed_findings_stay_listed_but_do_not_count(wordlists):
    text = "We want an ambitious engineer who can support users and understand them."
    report = analyse(text, wordlists)
    assert report.gender.verdict in (FEMININE_CODED, STRONGLY_FEMININE, "neutral")
    ambitious = next(f for f in report.findings if f.text == "ambitious")
    dismissed = analyse(text, wordlists, dismissed={ambitious.key: "It is the team's own word for the programme."})
    assert [f.dismissed for f in dismissed.dismissed_findings] == ["It is the team's own word for the programme."]
    assert dismissed.gender.masculine_count == report.gender.masculine_count - 1
    assert "ambitious" not in [f.text for f in dismissed.own_findings]


def test_the_summary_puts_the_most_important_fixes_first(wordlists):
    text = "We need a rockstar. You must have 10 years' experience. You must be a native English speaker. Be ambitious."
    summary = analyse(text, wordlists).summary
    # Warnings first, wording that could be seen as discriminatory before the rest.
    assert [f.category for f in summary.top_fixes] == ["race-nationality", "age", "masculine-coded"]
    counts = {c.category: c.count for c in summary.counts if c.count}
    assert counts["jargon"] == 1 and counts["race-nationality"] == 1


def test_a_dotted_capital_i_does_not_shift_offsets(wordlists):
    # "İ" is the one letter whose lower case is two characters long.
    text = "Job summary\n\nİlker from İzmir wants a rockstar who can hit the ground running."
    report = analyse(text, wordlists)
    assert [f.text for f in report.findings if f.category == "jargon"] == ["rockstar", "hit the ground running"]
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.text


def test_an_organisation_word_already_on_a_list_counts_once(wordlists):
    from webapp.analysis import OrganisationWord

    settings = build_settings(words=[OrganisationWord("masculine-coded", "competitive", ("skilled",))])
    report = analyse("We want a competitive engineer.", wordlists, settings)
    assert [f.text for f in report.findings if f.text] == ["competitive"]
    assert report.gender.masculine_count == 1


def test_a_long_compound_is_read_once(wordlists):
    # Every part is a candidate; the word is walked once, and each part still counts.
    text = "Job summary\n\n" + "-".join(["competitive"] * 2_000)
    report = analyse(text, wordlists)
    assert report.gender.masculine_count == 2_000


def test_capitalised_runs_with_many_hyphens_are_read_without_backtracking(wordlists):
    text = "We want someone. " + "A-" * 200 + "A, Competitive people apply."
    assert [f.text for f in analyse(text, wordlists).findings if f.category == "masculine-coded"] == ["Competitive"]


def test_every_finding_key_fits_a_dismissal(wordlists):
    sentence = " ".join(["word"] * 60) + "."
    report = analyse(sentence, wordlists)
    long_sentence = next(f for f in report.findings if f.rule_id == "readability/long-sentence")
    assert len(long_sentence.key) <= 300 and long_sentence.key.startswith("readability/long-sentence|#")
