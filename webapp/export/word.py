"""Word (.docx) with real structure: heading styles, list styles, tables, properties."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..draft_fields import ASSESSMENT_HEADING
from .document import PAGE_MARGIN_MM, BulletList, JobDocument, Paragraph, Subheading

# python-docx can only write characters XML 1.0 allows.
_XML_INVALID = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def xml_safe(text: str) -> str:
    return text.translate(_XML_INVALID)


# The page: A4 with the PDF's margins. python-docx's default template is US Letter
# with 1 inch margins.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_MM = PAGE_MARGIN_MM
# The language Word checks spelling in, and Word's document property.
LANGUAGE = "en-GB"


def _a4_pages(word) -> None:
    for section in word.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.header_distance = section.footer_distance = Mm(10)


def _set_lang(rPr) -> None:
    """``<w:lang w:val="en-GB" w:eastAsia="en-GB">`` in ``rPr`` (keeping its bidi language)."""
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # CT_RPr's schema order: w:lang comes before these.
        rPr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _uk_english(word) -> None:
    """UK English as the document's language: the document defaults' run properties and
    the Normal style's, so Word's spelling check uses it."""
    styles = word.styles.element
    for rPr in styles.xpath("./w:docDefaults/w:rPrDefault/w:rPr"):
        _set_lang(rPr)
    _set_lang(word.styles["Normal"].element.get_or_add_rPr())
    for theme_lang in word.settings.element.findall(qn("w:themeFontLang")):
        theme_lang.set(qn("w:val"), LANGUAGE)


def _keep_rows_whole(table, header: bool) -> None:
    """No row breaks across a page; a header row repeats at the top of each page."""
    for i, row in enumerate(table.rows):
        trPr = row._tr.get_or_add_trPr()
        # CT_TrPr's elements are a choice in any order; cantSplit before tblHeader, as Word writes them.
        if trPr.find(qn("w:cantSplit")) is None:
            trPr.append(OxmlElement("w:cantSplit"))
        if header and i == 0 and trPr.find(qn("w:tblHeader")) is None:
            trPr.append(OxmlElement("w:tblHeader"))


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
    _keep_rows_whole(table, header=bool(header))
    return table


def render_docx(document: JobDocument) -> bytes:
    word = Document()
    _a4_pages(word)
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(11)
    _uk_english(word)
    properties = word.core_properties
    properties.title = _property(document.title)
    properties.author = _property(document.author)
    properties.subject = "Job description"
    properties.category = _property(document.organisation)
    properties.comments = _property(f"Organisation: {document.organisation}") if document.organisation else ""
    properties.language = LANGUAGE
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
        if document.assessed:  # one row per criterion, with how it will be assessed
            _table(word, [(group.name, text, label, method or "Not chosen yet")
                          for group in document.person_spec for text, label, method in group.rows()],
                   header=("Criteria", "Criterion", "Essential or desirable", ASSESSMENT_HEADING))
        else:
            _table(
                word,
                [(group.name, group.essential or ("None",), group.desirable or ("None",)) for group in document.person_spec],
                header=("Criteria", "Essential", "Desirable"),
            )

    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
