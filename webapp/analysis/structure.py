"""Checks on the advert as a whole: what it is missing, and what it asks for.

  * **Statements an NHS advert should have**, each a finding with a fix when it is
    missing: the salary or band; a flexible working statement; an equality
    statement; a reasonable adjustments statement; a closing date; and, for
    digital roles, the definition of digital. The words that show each one are in
    ``statements.csv``. A draft's band, salary and closing date fields count.
    Only adverts of 100 words or more are checked for these: a sentence pasted
    to try the checker is not an advert.
  * **Essential criteria**: more than six is a warning. Long lists of essentials
    narrow who applies, because people read listed criteria as hard
    requirements; and Disability Confident employers offer an interview to
    disabled applicants who meet the essential criteria, so each extra one
    narrows that offer too. The often-quoted claim that women apply only when
    they meet every criterion comes from an unpublished internal Hewlett-Packard
    report; we say so rather than quote it as a finding.
  * **Length** against the NHS Jobs boxes (``NHS_JOBS_LIMITS``).
  * Degree requirements and "the successful candidate" are phrase rules in
    ``structure.csv``, matched like every other list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .categories import READABILITY, STRUCTURE
from .model import OWN, TITLE, WARNING, INFO, Advert, Finding
from .wordlists import heading_key

MAX_ESSENTIAL_CRITERIA = 6
MIN_WORDS_FOR_STATEMENTS = 100

# NHS Jobs employer form boxes and their character limits (NHSBSA help article
# KA-25633): draft field or pasted section heading -> (box, limit).
NHS_JOBS_LIMITS_SOURCE = "NHS Business Services Authority, NHS Jobs help article KA-25633 (field limits)"
NHS_JOBS_LIMITS: dict[str, tuple[str, int]] = {
    "job_title": ("Vacancy title", 70),
    "job_summary": ("Job overview", 1_500),
    "about_us": ("Working for your organisation", 1_500),
    "person_specification": ("Skills and qualities", 1_500),
    "job_description": ("Job description", 10_000),
}
_SECTION_BOXES = {
    "job summary": "job_summary",
    "job overview": "job_summary",
    "about us": "about_us",
    "working for our organisation": "about_us",
    "working for your organisation": "about_us",
}

_POUNDS_RE = re.compile(r"£\s?\d")

MISSING = {
    # statement: (severity, message, suggestion, source, digital roles only, draft fact fields)
    "salary": (
        WARNING,
        "Say what the job pays: the Agenda for Change band and the salary. Adverts without pay "
        "put off people who cannot afford to apply on the chance.",
        "add the Agenda for Change band and the salary range for the post",
        "Mayor of London, Workforce Integration Network toolkit: engagement and recruitment (state the salary)",
        False, ("band", "salary"),
    ),
    "flexible-working": (
        WARNING,
        "Say how the job can be worked flexibly. Every NHS employee can ask for flexible working "
        "from their first day, and the NHS People Plan asks for jobs to be advertised that way.",
        "add a flexible working statement: part time, job share, compressed hours or hybrid",
        "NHS Terms and Conditions of Service Handbook, Section 33 (NHS Employers); NHS People Plan",
        False, (),
    ),
    "equality": (
        INFO,
        "Add an equality statement that welcomes applications from everyone and names the groups "
        "under-represented in your team.",
        "add your organisation's equality, diversity and inclusion statement",
        "NHS Providers, Race equality: what works – job descriptions and advertising",
        False, (),
    ),
    "reasonable-adjustments": (
        WARNING,
        "Say that you will make reasonable adjustments, and who to ask. Disabled applicants need "
        "to know adjustments are possible before they apply.",
        "add “Tell us about any reasonable adjustments you need, at any stage” with a named contact",
        "NHS Providers, Race equality: what works – job descriptions and advertising; Equality Act 2010",
        False, (),
    ),
    "closing-date": (
        INFO,
        "Give the closing date, so people know how long they have.",
        "add the closing date",
        "NHS Jobs advert layout: employer, job title and closing date",
        False, ("closing_date",),
    ),
    "definition-of-digital": (
        INFO,
        "Say what your organisation means by digital. NHS trusts use Tom Loosemore's definition: "
        "“applying the culture, processes, business models and technologies of the internet era "
        "to respond to people's raised expectations”.",
        "add the definition of digital, credited to Tom Loosemore",
        "Tom Loosemore, definition of digital, as used in NHS trust digital job descriptions",
        True, (),
    ),
}


def _finding(rule: str, severity: str, message: str, suggestions: tuple[str, ...], source: str,
             position: int, category: str = STRUCTURE, section: str = "Whole advert",
             field: str = "") -> Finding:
    return Finding(rule_id=f"{category}/{rule}", category=category, severity=severity, start=position,
                   end=position, text="", message=message, suggestions=suggestions, source=source,
                   part=OWN, section=section, field=field)


def whole_advert_findings(advert: Advert, statements: Mapping[str, list], all_words: int,
                          own_words: int) -> list[Finding]:
    findings = []
    facts = dict(advert.facts)
    end = len(advert.text)
    if all_words >= MIN_WORDS_FOR_STATEMENTS:
        for statement, (severity, message, suggestion, source, digital_only, fields) in MISSING.items():
            if statement in statements or any(facts.get(f, "").strip() for f in fields):
                continue
            if digital_only and not advert.digital_role:
                continue
            if statement == "salary" and _POUNDS_RE.search(advert.text):
                continue
            findings.append(_finding(f"missing-{statement}", severity, message, (suggestion,), source, end))
    findings += _essential_criteria(advert)
    findings += _lengths(advert)
    return findings


def _essential_criteria(advert: Advert) -> list[Finding]:
    if advert.essential is not None:
        count = sum(1 for c in advert.essential if c.strip())
        position = next((p.start for p in advert.passages if p.field == "essential"), len(advert.text))
        field = "essential"
    else:
        lines = 0
        position = None
        for passage in advert.passages:
            if passage.part == TITLE or not heading_key(passage.section).startswith("essential"):
                continue
            body = advert.text[passage.start : passage.end].split("\n")
            lines += sum(1 for line in body[1:] if re.search(r"[^\W_]", line))
            position = passage.start if position is None else position
        count, field = lines, ""
        if position is None:
            return []
    if count <= MAX_ESSENTIAL_CRITERIA:
        return []
    return [_finding(
        "essential-criteria", WARNING,
        f"You list {count} essential criteria. Keep to six or fewer: people read listed criteria as "
        "hard requirements and many will not apply unless they meet them all, and Disability "
        "Confident employers offer an interview to disabled people who meet the essential criteria. "
        "(The claim that women apply only when they meet every criterion comes from an unpublished "
        "internal Hewlett-Packard report, so we do not rely on it.)",
        ("move the ones a person could learn in the job to desirable",),
        "Mayor of London, Workforce Integration Network toolkit; NHS Providers, Race equality: what works; "
        "Disability Confident scheme guidance (GOV.UK); Tara Sophia Mohr, Harvard Business Review (2014)",
        position, section="Person specification", field=field,
    )]


def _lengths(advert: Advert) -> list[Finding]:
    totals: dict[str, tuple[int, int]] = {}  # box -> (characters, first offset)
    for passage in advert.passages:
        box = (passage.field or _SECTION_BOXES.get(heading_key(passage.section))
               or ("job_title" if passage.part == TITLE else None))
        if box in ("essential", "desirable"):
            box = "person_specification"
        if box not in NHS_JOBS_LIMITS:
            continue
        characters, first = totals.get(box, (0, passage.start))
        totals[box] = (characters + len(advert.text[passage.start : passage.end].strip()), first)
    findings = []
    for box, (characters, first) in totals.items():
        label, limit = NHS_JOBS_LIMITS[box]
        if characters > limit:
            findings.append(_finding(
                f"too-long-{box}", WARNING,
                f"{label} is {characters:,} characters. NHS Jobs takes {limit:,} in that box, so "
                f"cut {characters - limit:,} characters before you copy it in.",
                ("cut repetition", "move detail to the job description document"),
                NHS_JOBS_LIMITS_SOURCE, first, category=READABILITY, section=label, field=box,
            ))
    return findings
