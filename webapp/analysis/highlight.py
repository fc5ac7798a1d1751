"""Split a text into plain and flagged stretches, for showing findings in place."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Finding


def segments(text: str, findings: Iterable[Finding]) -> list[tuple[str, Finding | None]]:
    """``[(stretch, finding or None), …]`` covering the whole text in order.
    Overlapping findings are skipped after the first, so no text is shown twice."""
    out: list[tuple[str, Finding | None]] = []
    position = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < position or finding.start == finding.end:
            continue  # overlapping, or about the whole advert (nothing to highlight)
        if finding.start > position:
            out.append((text[position : finding.start], None))
        out.append((text[finding.start : finding.end], finding))
        position = finding.end
    if position < len(text):
        out.append((text[position:], None))
    return out
