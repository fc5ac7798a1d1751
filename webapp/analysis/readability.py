"""Readability of the writer's own text: reading age, long sentences and paragraphs.

  * **Reading age** is the Flesch–Kincaid grade level,
    0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59, plus 5 to give
    a UK reading age (the offset the NHS's own readability table used). The NHS
    service manual aims for a reading age of 9 to 11, or 11 to 14 where specialist
    content makes that hard. Over 14 is a warning, 12 to 14 a note. It is
    guidance, not a pass mark: syllables are counted by a rule of thumb (groups
    of vowels, less a silent final "e"), which is about a grade out either way,
    and acronyms count as short words, so acronym-heavy text reads as easier
    than it is. It needs at least 100 words and 3 sentences.
  * **Sentences over 25 words** (GDS: split or shorten them) are warnings. Each
    line of a list is a sentence, as is each person-specification row.
  * **Paragraphs over 5 sentences** (GOV.UK guidance) are notes. A paragraph is
    a line, so a list is never one long paragraph.
  * **Length**: a draft field or a pasted section over its NHS Jobs character
    limit is a warning (see ``structure.NHS_JOBS_LIMITS``).

Only the writer's own text is measured: standard statements are the
organisation's, and the title is a line, not prose.
"""

from __future__ import annotations

from dataclasses import dataclass

from .categories import READABILITY
from .model import INFO, OWN, WARNING, Advert, Finding, Readability
from .text import LetterClasses, sentence_spans

LONG_SENTENCE_WORDS = 25
LONG_PARAGRAPH_SENTENCES = 5
MIN_WORDS, MIN_SENTENCES = 100, 3
READING_AGE_WARNING = 14  # above this: a warning
READING_AGE_NOTE = 11  # above this: a note
GRADE_TO_READING_AGE = 5

# Syllables are counted on the text's one-byte letter classes (text.LetterClasses:
# "a" a vowel other than e, "e", "l", "b" another letter, space anything else). A
# syllable starts where a vowel follows a non-vowel. A final "e" after a consonant
# other than l is silent ("make", not "table"), except in a word with no other
# vowel ("the", "he"). Counting byte pairs is C-speed.
_VOWEL_STARTS = tuple(bytes([x, v]) for x in b" bl" for v in b"ae")
_ONLY_VOWEL_E = (b" be ", b" bbe ")


SOURCES = {
    "sentence": "GDS, Sentence length: why 25 words is our limit (2014)",
    "paragraph": "GOV.UK guidance on writing: paragraphs of no more than 5 sentences",
    "reading-age": ("NHS digital service manual, How we write (reading age 9 to 11); "
                    "Flesch–Kincaid grade level (US Department of Veterans Affairs, Flesch score)"),
}


@dataclass(frozen=True, slots=True)
class Measured:
    figures: Readability
    findings: tuple[Finding, ...]


def syllables(classes: LetterClasses, start: int, end: int) -> int:
    """Syllables in ``text[start:end]``."""
    padded = classes.padded  # offsets +1: padded[i + 1] is text[i]
    count = sum(padded.count(pair, start, end + 1) for pair in _VOWEL_STARTS)
    stop = min(len(padded), end + 2)
    count -= padded.count(b"be ", start, stop)
    count += sum(padded.count(word, start, stop) for word in _ONLY_VOWEL_E)
    return count


def grade_level(words: int, sentences: int, syllable_count: int) -> float:
    return 0.39 * (words / sentences) + 11.8 * (syllable_count / words) - 15.59


def measure(advert: Advert, classes: LetterClasses | None = None) -> Measured:
    text = advert.text
    classes = classes or LetterClasses(text)
    words = sentences = syllable_count = 0
    long_sentences = 0
    findings: list[Finding] = []
    for passage in advert.passages:
        if passage.part != OWN:
            continue
        syllable_count += syllables(classes, passage.start, passage.end)
        paragraph_sentences: list[tuple[int, int]] = []
        paragraph_end = _paragraph_end(text, passage.start, passage.end)
        for start, end, count in sentence_spans(text, passage.start, passage.end, classes):
            words += count
            sentences += 1
            if start >= paragraph_end:
                findings += _long_paragraph(text, paragraph_sentences)
                paragraph_sentences = []
                paragraph_end = _paragraph_end(text, start, passage.end)
            paragraph_sentences.append((start, end))
            if count > LONG_SENTENCE_WORDS:
                long_sentences += 1
                findings.append(_sentence_finding(
                    text, start, end, "long-sentence", WARNING,
                    f"This sentence has {count} words. Sentences over {LONG_SENTENCE_WORDS} words "
                    "are much harder to follow; split it or cut words.",
                    ("split it into two sentences", "use a list"), SOURCES["sentence"],
                ))
        findings += _long_paragraph(text, paragraph_sentences)

    grade = reading_age = None
    if words >= MIN_WORDS and sentences >= MIN_SENTENCES:
        grade = grade_level(words, sentences, syllable_count)
        reading_age = max(5, round(grade + GRADE_TO_READING_AGE))
        if reading_age > READING_AGE_NOTE:
            position = next(p.start for p in advert.passages if p.part == OWN)
            findings.append(Finding(
                rule_id=f"{READABILITY}/reading-age",
                category=READABILITY,
                severity=WARNING if reading_age > READING_AGE_WARNING else INFO,
                start=position,
                end=position,
                text="",
                message=(f"Your text has a reading age of about {reading_age} (Flesch–Kincaid grade "
                         f"{grade:.1f}, plus 5). The NHS aims for 9 to 11, or up to 14 for specialist "
                         "content. Shorter sentences and everyday words bring it down."),
                suggestions=("use shorter sentences", "use everyday words", "spell out acronyms"),
                source=SOURCES["reading-age"],
            ))
    figures = Readability(words=words, sentences=sentences, syllables=syllable_count, grade=grade,
                          reading_age=reading_age, long_sentences=long_sentences)
    return Measured(figures, tuple(findings))


def _paragraph_end(text: str, start: int, end: int) -> int:
    # A paragraph is a line: in plain text each list item is a line of its own,
    # so a list is never read as one long paragraph.
    found = text.find("\n", start, end)
    return found if found >= 0 else end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\u2022*-":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


def _long_paragraph(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    if len(spans) <= LONG_PARAGRAPH_SENTENCES:
        return []
    return [_sentence_finding(
        text, spans[0][0], spans[0][1], "long-paragraph", INFO,
        f"The paragraph this sentence starts has {len(spans)} sentences. Paragraphs of "
        f"{LONG_PARAGRAPH_SENTENCES} sentences or fewer are easier to read on a screen.",
        ("split the paragraph", "turn it into a list"), SOURCES["paragraph"],
    )]


def _sentence_finding(text: str, start: int, end: int, rule: str, severity: str, message: str,
                      suggestions: tuple[str, ...], source: str) -> Finding:
    """A readability finding on one sentence, without its bullet or line break."""
    first, last = _trim(text, start, end)
    return Finding(rule_id=f"{READABILITY}/{rule}", category=READABILITY, severity=severity, start=first,
                   end=last, text=text[first:last], message=message, suggestions=suggestions, source=source)
