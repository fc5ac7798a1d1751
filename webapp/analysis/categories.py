"""The one registry of finding categories: ids, labels and the order they are shown in.

Every place that names a category (the matcher, the API, the command line, the
check page, the draft editor, the bias report) reads it from here, so a new
category is added once.

``rank`` orders categories by how much a finding of that kind matters to the
people the advert may put off: wording that could be seen as discriminatory
first (race and nationality, age, disability, explicitly gendered words,
LGBTQ+), then the gender-coded wording of Gaucher, Friesen and Kay, then the
advert's structure, clichés, acronyms and readability. The summary's "most
important fixes" use it after severity.
"""

from __future__ import annotations

from dataclasses import dataclass

MASCULINE = "masculine-coded"
FEMININE = "feminine-coded"
GENDERED_TERM = "gendered-term"
AGE = "age"
DISABILITY = "disability"
RACE_NATIONALITY = "race-nationality"
LGBTQ = "lgbtq"
JARGON = "jargon"
ACRONYM = "acronym"
STRUCTURE = "structure"
READABILITY = "readability"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str  # "Age": a heading for a group of findings
    description: str  # one sentence for the About page and the report
    rank: int  # lower is more important
    wordlist: str = ""  # the file in wordlists/ for phrase categories


CATEGORIES: tuple[Category, ...] = (
    Category(RACE_NATIONALITY, "Race and nationality",
             "Wording that ties the job to where someone was born, their first language or their background.",
             1, "race-nationality.csv"),
    Category(AGE, "Age",
             "Wording that signals a preferred age, such as years-of-experience demands or 'digital native'.",
             2, "age.csv"),
    Category(DISABILITY, "Disability",
             "Physical requirements that may not be essential, and idioms that use disability as a metaphor.",
             3, "disability.csv"),
    Category(GENDERED_TERM, "Gendered words",
             "Words that name a sex, such as 'chairman', 'manpower', or 'he' for the post-holder.",
             4, "gendered-term.csv"),
    Category(LGBTQ, "LGBTQ+ inclusion",
             "Wording that assumes two genders or one kind of family, such as 'he or she' or 'maternity leave' alone.",
             5, "lgbtq.csv"),
    Category(MASCULINE, "Masculine-coded words",
             "Words the studies of Gaucher, Friesen and Kay found made adverts less appealing to women.",
             6),
    Category(STRUCTURE, "Structure",
             "What the advert is missing or asks for that narrows who applies: pay, flexible working, "
             "equality statement, closing date, too many essential criteria.",
             7),
    Category(JARGON, "Clichés and jargon",
             "Bro-culture clichés and words the GOV.UK style guide asks writers to avoid.",
             8, "jargon.csv"),
    Category(ACRONYM, "Acronyms",
             "Abbreviations not spelled out the first time they are used.",
             9),
    Category(READABILITY, "Readability",
             "Long sentences and paragraphs, reading age and length against the NHS Jobs limits.",
             10),
    Category(FEMININE, "Feminine-coded words",
             "Words linked to female stereotypes. The studies found them about as often in adverts "
             "for jobs mostly done by men as by women, with no effect like the masculine-coded "
             "words': for information.",
             11),
)

BY_ID: dict[str, Category] = {c.id: c for c in CATEGORIES}
IDS: tuple[str, ...] = tuple(c.id for c in CATEGORIES)
PHRASE_CATEGORIES: tuple[Category, ...] = tuple(c for c in CATEGORIES if c.wordlist)
# Categories an organisation's admin may add words to.
WORD_CATEGORIES: tuple[str, ...] = (MASCULINE, FEMININE, *(c.id for c in PHRASE_CATEGORIES))


def category(category_id: str) -> Category:
    return BY_ID[category_id]
