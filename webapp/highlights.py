"""Findings placed in the fields being edited, for the highlight layer.

The check reports offsets into the text it read: for the check page, the text in
its box; for a draft, its checked fields joined in order (``drafts.field_spans``
says where each field and each criterion sits). A ``Highlight`` turns one finding
into offsets inside one form element: the box, an input, or one criterion's text
area. The page's script draws a layer of marks behind that element and offers the
finding's suggestions when the caret is on a flagged word.

Only findings about words are placed: not a missing statement (no words), not a
long sentence (its mark would hide the words inside it), not a dismissed finding.
A highlight whose words no longer match the element's text (the person typed on)
is dropped by the script until the next check.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from .analysis import segments
from .analysis.categories import READABILITY
from .analysis.model import Finding
from .formatters import category_label, highlight_class


@dataclass(frozen=True)
class Highlight:
    element: str  # the id of the input or text area
    start: int  # offsets into that element's value
    end: int
    finding: Finding

    def note(self) -> tuple[str, str, tuple[str, ...]]:
        """What the suggestion panel says: (label, message, suggestions). The same
        word flagged many times has one note."""
        finding = self.finding
        label = f"{category_label(finding.category)}, {'warning' if finding.severity == 'warning' else 'note'}"
        return label, finding.message, finding.suggestions


def placeable(finding: Finding) -> bool:
    return bool(finding.text) and finding.category != READABILITY and finding.dismissed is None


def in_text(findings, text: str, element: str) -> tuple[Highlight, ...]:
    """Findings in one box whose value is ``text``."""
    return tuple(Highlight(element, f.start, f.end, f) for f in findings
                 if placeable(f) and text[f.start:f.end] == f.text)


def in_fields(findings, spans: dict[str, list[tuple[str, int, str]]]) -> tuple[Highlight, ...]:
    """Findings in a draft's form elements. ``spans`` maps each checked field to its
    elements: (element id, offset of its value in the checked text, value)."""
    placed = []
    for finding in findings:
        if not placeable(finding):
            continue
        for element, offset, value in spans.get(finding.field, ()):
            start, end = finding.start - offset, finding.end - offset
            if 0 <= start and end <= len(value) and value[start:end] == finding.text:
                placed.append(Highlight(element, start, end, finding))
                break
    return tuple(placed)


def highlight_data(highlights) -> dict:
    """The highlights as the page's script reads them (a JSON attribute):
    ``{"notes": [{label, message, suggestions}], "spans": [{element, start, end,
    text, classes, standard, note}]}``, where ``note`` indexes ``notes``. A word used
    300 times in a long advert carries its explanation once, not 300 times."""
    notes: dict[tuple, int] = {}
    spans = []
    for highlight in highlights:
        finding = highlight.finding
        note = notes.setdefault(highlight.note(), len(notes))
        spans.append({
            "element": highlight.element,
            "start": highlight.start,
            "end": highlight.end,
            "text": finding.text,
            "classes": highlight_class(finding),
            "standard": finding.part == "standard",
            "note": note,
        })
    return {
        "notes": [{"label": label, "message": message, "suggestions": list(suggestions)}
                  for label, message, suggestions in notes],
        "spans": spans,
    }


def highlight_keys(highlights) -> dict:
    """Each highlight by its finding's (start, end, rule), as the findings list looks them up."""
    return {(h.finding.start, h.finding.end, h.finding.rule_id): h for h in highlights}


@dataclass(frozen=True)
class HighlightedCopy:
    markup: Markup
    anchors: dict  # (start, end, rule_id) -> the id of its mark


def highlighted_copy(text: str, findings) -> HighlightedCopy:
    """The text with each placeable finding in a ``<mark>`` (with a hidden label for
    screen readers), and the id of each mark so the findings list can link to it.
    Built in Python: for a 10,000-word advert, a loop in the template took several
    milliseconds of every live check."""
    parts: list[str] = []
    anchors: dict = {}
    for index, (stretch, finding) in enumerate(segments(text, [f for f in findings if placeable(f)]), start=1):
        if finding is None:
            parts.append(escape(stretch))
            continue
        anchor = f"finding-{index}"
        anchors[(finding.start, finding.end, finding.rule_id)] = anchor
        where = ", in standard text" if finding.part == "standard" else ""
        label = escape(category_label(finding.category).lower())
        parts.append(f'<mark id="{anchor}" class="{highlight_class(finding)}" data-category="{escape(finding.category)}" '
                     f'data-part="{escape(finding.part)}">{escape(stretch)}'
                     f'<span class="nhsuk-u-visually-hidden"> ({label}{where})</span></mark>')
    return HighlightedCopy(Markup("".join(parts)), anchors)
