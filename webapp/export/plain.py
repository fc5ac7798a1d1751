"""Markdown and plain text."""

from __future__ import annotations

import re

from .document import BulletList, JobDocument, Paragraph, Subheading

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def md_escape(text: str) -> str:
    """Escape Markdown syntax so user text shows as typed (and raw HTML does not pass through)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([-=]{3,}|\d+\.|-)(\s)", r"\1\\\2\3", escaped)


def render_markdown(document: JobDocument) -> str:
    out = [f"# {md_escape(document.title)}", ""]
    if document.organisation:
        out += [md_escape(document.organisation), ""]
    if document.key_facts:
        out += ["| Key fact | |", "| --- | --- |"]
        out += [f"| {md_escape(label)} | {md_escape(value).replace(chr(10), ' ')} |" for label, value in document.key_facts]
        out.append("")
    for section in document.sections:
        out += [f"## {md_escape(section.heading)}", ""]
        for block in section.blocks:
            if isinstance(block, Subheading):
                out += [f"### {md_escape(block.text)}", ""]
            elif isinstance(block, BulletList):
                out += [f"- {md_escape(item)}" for item in block.items] + [""]
            elif isinstance(block, Paragraph):
                out += [md_escape(block.text), ""]
    if document.person_spec:
        out += ["## Person specification", ""]
        for group in document.person_spec:
            out += [f"### {group.name}", ""]
            for label, items in (("Essential", group.listed("essential")), ("Desirable", group.listed("desirable"))):
                if items:
                    out += [f"**{label}**", ""] + [f"- {md_escape(item)}" for item in items] + [""]
    return "\n".join(out).rstrip() + "\n"


def render_text(document: JobDocument) -> str:
    out = [document.title, "=" * min(len(document.title), 70), ""]
    if document.organisation:
        out += [document.organisation, ""]
    for label, value in document.key_facts:
        out.append(f"{label}: {value}")
    if document.key_facts:
        out.append("")
    for section in document.sections:
        out += [section.heading.upper(), ""]
        for block in section.blocks:
            if isinstance(block, Subheading):
                out += [block.text, ""]
            elif isinstance(block, BulletList):
                out += [f"\u2022 {item}" for item in block.items] + [""]
            elif isinstance(block, Paragraph):
                out += [block.text, ""]
    if document.person_spec:
        out += ["PERSON SPECIFICATION", ""]
        for group in document.person_spec:
            out.append(group.name)
            for label, items in (("Essential", group.listed("essential")), ("Desirable", group.listed("desirable"))):
                out += [f"  {label}: {item}" for item in items]
            out.append("")
    return "\n".join(out).rstrip() + "\n"
