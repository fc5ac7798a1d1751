"""Building the advert model: which passages are the title, the writer's own text,
or the organisation's standard text.

  * A draft knows its parts: the job title is the title; the summary, duties and
    person specification are the writer's own; "about us" is standard text; the
    job description is split by its headings (the template's "What we mean by
    digital", "Flexible working", "Our values" … are standard).
  * Pasted text is split by the headings NHS adverts use (``advert-headings.csv``):
    "Job summary" starts the writer's own text, "About us" or "Our values" starts
    standard text. A line that looks like a heading but is not on the list keeps
    the part it is in. The first line is the title when it reads like one: short,
    not a sentence, naming a job ("Senior Data Analyst").
  * Inside the writer's own text, a line that carries a standard statement's
    marker ("Disability Confident", "internet era", "NHS Constitution", …, marked
    ``standard_text`` in ``statements.csv``) is standard text too.
  * An API caller may name the title and the standard passages itself.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from .model import OWN, STANDARD, TITLE, Advert, Passage
from .wordlists import WordLists, heading_key

# Lines short enough, and without sentence punctuation at the end, to be headings.
_HEADING_LINE_RE = re.compile(r"(?m)^[ \t#*\u2022>]*([^\n]{1,90}?)[ \t:#*]*$")
_TITLE_LINE_RE = re.compile(r"\A\s*([^\n]{1,120})(?=\n|\Z)")
_MAX_HEADING_WORDS = 10
_MAX_TITLE_WORDS = 12
MAX_STANDARD_SPANS = 1_000  # occurrences of named standard passages: bounded work
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def _known_heading(line: str, lists: WordLists):
    if line.rstrip().endswith((".", ",", ";", "!", "?")):
        return None
    key = heading_key(line)
    if not key or key.count(" ") >= _MAX_HEADING_WORDS:
        return None
    heading = lists.headings.get(key)
    if heading is None and "(" in line:  # "Skills (Product manager in the … framework)"
        heading = lists.headings.get(heading_key(line.split("(", 1)[0]))
    return heading


def sections(text: str, start: int, end: int, lists: WordLists, *, part: str = OWN,
             section: str = "", field: str = "") -> list[Passage]:
    """``text[start:end]`` cut at known headings into passages of the right part."""
    passages: list[Passage] = []
    begin = start
    for match in (lists.heading_lines or _HEADING_LINE_RE).finditer(text, start, end):
        heading = _known_heading(match.group(1), lists)
        if heading is None:
            continue
        line_start = match.start()
        if line_start > begin and not text[begin:line_start].isspace():
            passages.append(Passage(begin, line_start, part, section, field))
        begin = line_start
        part = heading.part
        section = match.group(1).strip()
    if end > begin:
        passages.append(Passage(begin, end, part, section, field))
    return passages


def _reads_like_a_title(line: str, lists: WordLists) -> bool:
    stripped = line.strip()
    if not stripped or stripped.endswith((".", "!", "?", ";", ",", ":")) or _known_heading(stripped, lists):
        return False
    words = _WORD_RE.findall(stripped)
    if not words or len(words) > _MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    return any(w[:1].isupper() and _singular(w.lower()) in lists.job_nouns for w in words)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def from_text(text: str, lists: WordLists, *, title: str | None = None,
              standard_texts: Iterable[str] = (), digital_role: bool = True) -> Advert:
    """The advert model of pasted text. A given title not at the start of the text
    is put in front of it, so ``Advert.text`` is what was checked."""
    standard_texts = tuple(s for s in standard_texts if s and s.strip())
    title_span = None
    if title is not None and title.strip():
        stripped = title.strip()
        at = text.find(stripped)
        if at < 0 or text[:at].strip():
            text = stripped + "\n\n" + text
            at = 0
        title_span = (at, at + len(stripped))
    else:
        first = _TITLE_LINE_RE.match(text)
        if first and _reads_like_a_title(first.group(1), lists):
            title_span = (first.start(1), first.end(1))

    passages: list[Passage] = []
    if title_span is None:
        passages += sections(text, 0, len(text), lists)
    else:
        # The title line again (an advert pasted twice, a repeated header) is the
        # title again, and what follows it starts afresh as the writer's text.
        line = re.compile(r"(?m)^[ \t]*(" + re.escape(text[title_span[0]:title_span[1]].strip()) + r")[ \t]*$")
        titles = [title_span] + [m.span(1) for m in line.finditer(text, title_span[1])]
        for (start, end), following in zip(titles, [t[0] for t in titles[1:]] + [len(text)]):
            passages.append(Passage(start, end, TITLE, "Job title"))
            passages += sections(text, end, following, lists)

    spans = []
    for passage_text in standard_texts:
        found = text.find(passage_text)
        while found >= 0 and len(spans) < MAX_STANDARD_SPANS:
            spans.append((found, found + len(passage_text)))
            found = text.find(passage_text, found + len(passage_text))
    if spans:
        passages = mark_standard(passages, spans, section="Standard text you named")
    known = title is not None or bool(standard_texts)
    return Advert(text=text, passages=tuple(passages), parts_known=known, digital_role=digital_role,
                  find_standard_text=not standard_texts)


def from_fields(fields: Sequence[tuple[str, str, str, str]], lists: WordLists, *,
                facts: tuple[tuple[str, str], ...] = (), essential: tuple[str, ...] | None = None,
                digital_role: bool = True, split_fields: Iterable[str] = ("job_description",)) -> Advert:
    """The advert model of a draft: ``fields`` are (field, label, text, part),
    joined by blank lines in order. Fields in ``split_fields`` are cut at headings."""
    split_fields = set(split_fields)
    pieces, passages = [], []
    position = 0
    for field, label, value, part in fields:
        if not value:
            continue
        if pieces:
            pieces.append("\n\n")
            position += 2
        start, end = position, position + len(value)
        pieces.append(value)
        position = end
        if field in split_fields:
            # Offsets into the joined text: cut the field on its own, then shift.
            passages += [Passage(p.start + start, p.end + start, p.part, p.section, field)
                         for p in sections(value, 0, len(value), lists, part=part, section=label, field=field)]
        else:
            passages.append(Passage(start, end, part, label, field))
    return Advert(text="".join(pieces), passages=tuple(passages), parts_known=True, facts=facts,
                  digital_role=digital_role, essential=essential)


def mark_standard(passages: Sequence[Passage], spans: Sequence[tuple[int, int]],
                  section: str = "") -> list[Passage]:
    """Passages with ``spans`` (sorted or not) of their own or title text made standard."""
    merged: list[list[int]] = []
    for begin, stop in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([begin, stop])
    ends = [stop for _, stop in merged]
    out: list[Passage] = []
    for passage in passages:
        if passage.part == STANDARD or passage.part == TITLE:
            out.append(passage)
            continue
        position = passage.start
        # Only the spans that reach into this passage: linear in all, never spans × passages.
        for begin, stop in merged[bisect.bisect_right(ends, passage.start):]:
            if begin >= passage.end:
                break
            begin, stop = max(begin, passage.start), min(stop, passage.end)
            if begin >= stop or stop <= position:
                continue
            begin = max(begin, position)
            if begin > position:
                out.append(Passage(position, begin, passage.part, passage.section, passage.field))
            out.append(Passage(begin, stop, STANDARD, section or passage.section, passage.field))
            position = stop
        if position < passage.end:
            out.append(Passage(position, passage.end, passage.part, passage.section, passage.field))
    return out


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return begin, (len(text) if stop < 0 else stop)


class PassageIndex:
    """Which passage an offset is in, by binary search."""

    def __init__(self, passages: Sequence[Passage]):
        self.passages = list(passages)
        self.starts = [p.start for p in self.passages]

    def at(self, offset: int) -> Passage | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        passage = self.passages[index]
        return passage if offset < passage.end or passage.start == passage.end == offset else passage
