"""Job descriptions as Word, Markdown and text: structure kept, text faithful, hostile input safe."""

import io
import re
from datetime import datetime

import pytest
from docx import Document

from webapp.export import render
from webapp.export.document import (
    BulletList,
    Paragraph,
    Subheading,
    blocks_from_text,
    clean,
    group_person_spec,
    job_document,
    safe_filename,
)

CONTENT = {
    "job_title": "Senior product manager",
    "band": "Band 8a",
    "salary": "£55,690 to £62,682 a year",
    "location": "Leeds",
    "working_pattern": "Full time, hybrid",
    "closing_date": "12 January 2027",
    "job_summary": "You will look after a product used by clinicians.",
    "main_duties": "\u2022 Set out a roadmap\n\u2022 Work with users",
    "about_us": "We are a digital team.",
    "job_description": "What we mean by digital\nDigital means applying the culture of the internet era (Tom Loosemore).\n\nFlexible working\nWe welcome part-time and job-share applicants.",
    "essential": ["Experience of running a product team", "Registration with a professional body", "Knowledge of user research"],
    "desirable": ["Experience in the NHS"],
}

HOSTILE_FIELD = ("Ünïcödé “quotes” – dashes — 😀🏥 مرحبا שלום 王小明 <script>alert('x')</script> \x07\x1b ") * 120


def hostile_content():
    content = dict(CONTENT)
    content["job_title"] = "Lead <script>alert(1)</script> 😀 Ναταλία"
    content["job_summary"] = HOSTILE_FIELD[:10_000]
    content["main_duties"] = "\n".join(f"\u2022 Duty {i} – “ok” 😀" for i in range(200))
    content["essential"] = ["x" * 3000, "مرحبا experience", "=HYPERLINK(\"http://evil\")"]
    return content


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def test_blocks_from_text_finds_subheadings_paragraphs_and_bullets():
    blocks = blocks_from_text("Flexible working\nWe welcome requests.\n\n\u2022 One\n\u2022 Two\n\nA closing line.")
    assert blocks == (
        Subheading("Flexible working"),
        Paragraph("We welcome requests."),
        BulletList(("One", "Two")),
        Paragraph("A closing line."),
    )


def test_person_spec_is_grouped_for_the_table():
    groups = {g.name: g for g in group_person_spec(CONTENT["essential"], CONTENT["desirable"])}
    assert groups["Qualifications"].essential == ("Registration with a professional body",)
    assert groups["Experience"].essential == ("Experience of running a product team",)
    assert groups["Experience"].desirable == ("Experience in the NHS",)
    assert groups["Knowledge and skills"].essential == ("Knowledge of user research",)


def test_clean_removes_control_characters_only():
    assert clean("a\x00b\x07c\x1b\tline\r\nnext 😀") == "abc\tline\nnext 😀"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior product manager", "Senior-product-manager.docx"),
        ("Lead <script>/\\:*?\"|</script> 😀", "Lead-script-script.docx"),
        ("Ναταλία", "job-description.docx"),
        ("CON", "CON-job-description.docx"),
        ("x" * 300, "x" * 80 + ".docx"),
        ("Café manager (Band 7)", "Cafe-manager-Band-7.docx"),
    ],
)
def test_filenames_are_safe_everywhere(title, expected):
    assert safe_filename(title, "docx") == expected


def read_docx(data):
    return Document(io.BytesIO(data))


def test_word_has_real_headings_lists_tables_and_properties():
    document = job_document(CONTENT, organisation="Leeds Teaching Hospitals NHS Trust", author="Ada Lovelace",
                            contact="Ada Lovelace, ada@nhs.net", created=datetime(2026, 11, 23, 9, 30))
    word = read_docx(render(document, "docx"))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Senior product manager")
    assert ("Heading 2", "Job summary") in headings
    assert ("Heading 2", "Person specification") in headings
    assert ("Heading 3", "What we mean by digital") in headings
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["Set out a roadmap", "Work with users"]
    facts, spec = word.tables
    assert [[c.text for c in row.cells] for row in facts.rows] == [
        ["Band", "Band 8a"], ["Salary", "£55,690 to £62,682 a year"], ["Location", "Leeds"],
        ["Working pattern", "Full time, hybrid"], ["Closing date", "12 January 2027"],
        ["Contact", "Ada Lovelace, ada@nhs.net"],
    ]
    assert [c.text for c in spec.rows[0].cells] == ["Criteria", "Essential", "Desirable"]
    assert [row.cells[0].text for row in spec.rows[1:]] == ["Qualifications", "Experience", "Knowledge and skills"]
    assert spec.rows[2].cells[2].text == "Experience in the NHS"
    properties = word.core_properties
    assert (properties.title, properties.author, properties.subject) == ("Senior product manager", "Ada Lovelace", "Job description")
    assert properties.category == "Leeds Teaching Hospitals NHS Trust"
    assert "Tom Loosemore" in "\n".join(p.text for p in word.paragraphs)


def test_markdown_and_text_keep_structure():
    document = job_document(CONTENT)
    markdown = render(document, "md").decode()
    assert markdown.startswith("# Senior product manager\n")
    assert "## Main duties of the job\n\n- Set out a roadmap\n- Work with users\n" in markdown
    assert "### What we mean by digital" in markdown
    assert "| Band | Band 8a |" in markdown
    text = render(document, "txt").decode()
    assert text.startswith("Senior product manager\n======")
    assert "\u2022 Set out a roadmap" in text and "Band: Band 8a" in text
    assert "  Essential: Registration with a professional body" in text


def unescape_markdown(text):
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_hostile_input_is_produced_and_kept_faithfully(fmt):
    content = hostile_content()
    data = render(job_document(content), fmt)
    if fmt == "docx":
        word = read_docx(data)
        text = "\n".join(p.text for p in word.paragraphs)
        text += "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    else:
        text = data.decode("utf-8")
        if fmt == "md":
            text = unescape_markdown(text)
            assert "<script>" not in data.decode()  # raw HTML never passes through Markdown
    for expected in (clean(content["job_summary"]).strip(), content["job_title"], "Duty 199 – “ok” 😀", "x" * 3000,
                     "مرحبا experience"):
        assert words(expected) in words(text), expected[:60]
    assert "\x07" not in text and "\x1b" not in text
