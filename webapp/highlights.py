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

from .analysis.categories import READABILITY
from .analysis.model import Finding
from .formatters import category_label, highlight_class


@dataclass(frozen=True)
class Highlight:
    element: str  # the id of the input or text area
    start: int  # offsets into that element's value
    end: int
    finding: Finding

    def as_json(self) -> dict:
        finding = self.finding
        return {
            "element": self.element,
            "start": self.start,
            "end": self.end,
            "text": finding.text,
            "classes": highlight_class(finding),
            "label": f"{category_label(finding.category)}, {'warning' if finding.severity == 'warning' else 'note'}",
            "message": finding.message,
            "suggestions": list(finding.suggestions),
            "standard": finding.part == "standard",
        }


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


def highlight_data(highlights) -> list[dict]:
    """The highlights as the page's script reads them (a JSON attribute)."""
    return [highlight.as_json() for highlight in highlights]
