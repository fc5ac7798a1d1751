"""Reading a word in its context: names, roles, sentences and requirements.

Word lists cannot tell "lead the team" from "report to the clinical leads", or a
coded word in "Sussex Partnership NHS Foundation Trust" from the same word about
the applicant. These rules look at the words around a match, only where a list
matched, so they cost nothing for the rest of the text.

  * **Organisation names** are recognised by their shape: a run of capitalised
    words (with "and", "of", "the", "&" inside) that ends like an NHS body's
    name ("NHS Foundation Trust", "Health Board", "Integrated Care Board" …,
    from ``organisation-name-endings.csv``) or starts "University Hospitals".
    No word inside one is flagged, whatever list it is on.
  * **Job names** are a run of two or more capitalised words ending in a job
    noun ("Digital Lead Midwife", "Senior Support Analyst", "Team Leader").
    No gender-coded word inside one is flagged.
  * **Role nouns** ("lead", "leader", "analyst") name a job, rather than
    behaviour, in the title, inside a job name, after a word that makes a role
    of them ("clinical leads", "senior leaders", "team leader"), or before a
    job noun ("lead nurse"). "analyst" always names a job. "lead the team",
    "a decisive leader" and "analytical" stay flagged.
  * **Requirements**: a sentence with "must", "essential", "required", "you will
    need" …, or any line of the person specification.
"""

from __future__ import annotations

import re

from .model import TITLE, Passage

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de0-9"
# A capitalised word has no hyphen inside: hyphens are gaps between words, so a
# stretch can be read only one way and the patterns below stay linear.
_CAPITALISED = rf"(?:[{_UPPER}][\w'\u2019]*)"
_CONNECTOR = r"(?:and|of|the|&|for|upon|on|in)"
# Words of one name are on one line: a line break ends a name ("Digital Lead" on
# one line and "PAYBAND: Band A" on the next are not one name).
_GAP = r"(?:[ \t\u00a0]{1,3}|[ \t]*[-\u2013][ \t]*)"
# The capitalised words (and connectors) that run up to a point, and on from one.
_RUN_LEFT_RE = re.compile(rf"(?<![\w'\u2019])(?>(?:{_CAPITALISED}|{_CONNECTOR}){_GAP})*+\Z")
_RUN_RIGHT_RE = re.compile(rf"(?>{_GAP}(?:{_CAPITALISED}|{_CONNECTOR})(?!\w))*+")
_NAME_WORD_RE = re.compile(r"\w[\w'\u2019]*|&")
_CONNECTORS = frozenset({"and", "of", "the", "&", "for", "upon", "on", "in"})
_PREVIOUS_WORD_RE = re.compile(r"([\w'\u2019]+)[ \t\u00a0]+\Z")
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([\w'\u2019]+)")
_WINDOW = 160
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_BOUNDARY_RE = re.compile(r"[.!?][\"'\u201d\u2019)]*\s|\n")
REQUIREMENT_RE = re.compile(
    r"(?<!\w)(?:must|essential(?:ly)?|required|requirement|mandatory|you will need|you[\u2019']ll need|"
    r"you need|you should have|we require|we need you to|need to have|minimum|at least)(?!\w)"
)
_SPEC_SECTION_RE = re.compile(r"essential|person spec|criteria|skills and qualities|requirements|qualifications")


def _is_capitalised(text: str, start: int) -> bool:
    character = text[start : start + 1]
    return character.isupper() or character.isdigit()


def capitalised_run(text: str, start: int, end: int) -> list[str]:
    """The run of capitalised words (connectors allowed inside) that the word at
    ``start`` belongs to; empty when the word is not capitalised."""
    if not _is_capitalised(text, start):
        return []
    word = _NAME_WORD_RE.match(text, start)
    word_end = word.end() if word else end
    left = _RUN_LEFT_RE.search(text, max(0, start - _WINDOW), start)
    run_start = left.start() if left else start
    right = _RUN_RIGHT_RE.match(text, word_end, min(len(text), word_end + _WINDOW))
    run_end = right.end() if right else word_end
    run = _NAME_WORD_RE.findall(text, run_start, run_end)
    while run and run[0].lower() in _CONNECTORS:
        run.pop(0)
    while run and run[-1].lower() in _CONNECTORS:
        run.pop()
    return run


def _strip_possessive(word: str) -> str:
    word = word.replace("\u2019", "'")
    return word[:-2] if word.endswith("'s") else word.rstrip("'")


def in_organisation_name(text: str, start: int, end: int, endings: tuple[str, ...],
                         extra_names: re.Pattern[str] | None = None, lower: str | None = None) -> bool:
    run = capitalised_run(text, start, end)
    if len(run) >= 2:
        joined = " ".join(_strip_possessive(w) for w in run)
        joined_singular = joined[:-1] if joined.endswith("s") else joined
        if joined.startswith("University Hospital"):
            return True
        for ending in endings:
            if (joined.endswith(ending) or joined_singular.endswith(ending)) and len(joined) > len(ending):
                return True
    if extra_names is not None:
        begin = max(0, start - _WINDOW)
        source = lower if lower is not None else text.lower()
        for match in extra_names.finditer(source, begin, min(len(text), end + _WINDOW)):
            if match.start() <= start and end <= match.end():
                return True
    return False


def in_job_name(text: str, start: int, end: int, job_nouns: frozenset[str]) -> bool:
    run = capitalised_run(text, start, end)
    if len(run) < 2:
        return False
    last = _singular(_strip_possessive(run[-1]).lower())
    first = _strip_possessive(run[0]).lower()
    return last in job_nouns or first in ("lead", "head")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def names_a_role(text: str, start: int, end: int, norm: str, passage: Passage | None,
                 role_nouns: frozenset[str], context_role_nouns: frozenset[str],
                 job_nouns: frozenset[str], modifiers: frozenset[str]) -> bool:
    """Whether the role noun ``text[start:end]`` names a job rather than behaviour."""
    word = _singular(_strip_possessive(norm))
    if word in role_nouns:
        return True
    if word not in context_role_nouns:
        return False
    if passage is not None and passage.part == TITLE:
        return True
    if in_job_name(text, start, end, job_nouns):
        return True
    previous = _PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
    if previous and previous.group(1).lower().replace("\u2019", "'") in modifiers:
        return True
    following = _NEXT_WORD_RE.match(text, end, min(len(text), end + 40))
    return bool(following and _singular(following.group(1).lower()) in job_nouns)


def paragraph_window(text: str, start: int, end: int, radius: int = _WINDOW) -> tuple[int, int]:
    """About 25 words either side of ``start:end``, never past a blank line."""
    begin = max(0, start - radius)
    stop = min(len(text), end + radius)
    before = None
    for before in _BLANK_LINE_RE.finditer(text, begin, start):
        pass
    if before is not None:
        begin = before.end()
    after = _BLANK_LINE_RE.search(text, end, stop)
    if after is not None:
        stop = after.start()
    return begin, stop


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or list line) that holds ``start:end``, looking at most 600
    characters either way."""
    begin = max(0, start - 600)
    last = None
    for last in _BOUNDARY_RE.finditer(text, begin, start):
        pass
    if last is not None:
        begin = last.end()
    stop = _BOUNDARY_RE.search(text, end, min(len(text), end + 600))
    return begin, (stop.start() + 1 if stop else min(len(text), end + 600))


def is_requirement(lower: str, start: int, end: int, passage: Passage | None) -> bool:
    if passage is not None and (passage.field == "essential" or
                                _SPEC_SECTION_RE.search(passage.section.lower())):
        return True
    begin, stop = sentence_bounds(lower, start, end)
    return REQUIREMENT_RE.search(lower, begin, stop) is not None
