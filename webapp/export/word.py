"""Word (.docx) with real structure: heading styles, list styles, tables, properties."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from .document import BulletList, JobDocument, Paragraph, Subheading

# python-docx can only write characters XML 1.0 allows.
_XML_INVALID = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def xml_safe(text: str) -> str:
    return text.translate(_XML_INVALID)


# python-docx refuses a document property (title, author, …) longer than this.
MAX_PROPERTY_CHARACTERS = 255


def _property(text: str) -> str:
    """``text`` for a document property: a job title as long as a paragraph is cut short."""
    text = xml_safe(text)
    return text if len(text) <= MAX_PROPERTY_CHARACTERS else text[: MAX_PROPERTY_CHARACTERS - 1] + "…"


def _table(document, rows, header: tuple[str, ...] | None = None):
    table = document.add_table(rows=0, cols=len(rows[0]) if rows else len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header):
            cell.text = ""
            cell.paragraphs[0].add_run(xml_safe(text)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            items = value if isinstance(value, tuple) else (value,)
            cell.text = ""
            first = True
            for item in items:
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                if isinstance(value, tuple):
                    paragraph.style = document.styles["List Bullet"]
                paragraph.add_run(xml_safe(item))
                first = False
    return table


def render_docx(document: JobDocument) -> bytes:
    word = Document()
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(11)
    properties = word.core_properties
    properties.title = _property(document.title)
    properties.author = _property(document.author)
    properties.subject = "Job description"
    properties.category = _property(document.organisation)
    properties.comments = _property(f"Organisation: {document.organisation}") if document.organisation else ""
    properties.language = "en-GB"
    properties.created = document.created

    word.add_heading(xml_safe(document.title), level=1)
    if document.organisation:
        word.add_paragraph(xml_safe(document.organisation))
    if document.key_facts:
        word.add_heading("Key facts", level=2)
        _table(word, [(label, value) for label, value in document.key_facts])

    for section in document.sections:
        word.add_heading(xml_safe(section.heading), level=2)
        for block in section.blocks:
            if isinstance(block, Subheading):
                word.add_heading(xml_safe(block.text), level=3)
            elif isinstance(block, BulletList):
                for item in block.items:
                    word.add_paragraph(xml_safe(item), style="List Bullet")
            elif isinstance(block, Paragraph):
                word.add_paragraph(xml_safe(block.text))

    if document.person_spec:
        word.add_heading("Person specification", level=2)
        _table(
            word,
            [(group.name, group.essential or ("None",), group.desirable or ("None",)) for group in document.person_spec],
            header=("Criteria", "Essential", "Desirable"),
        )

    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
