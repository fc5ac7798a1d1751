"""The PDF renderer: structure, metadata, text that extracts in reading order, any
Unicode a user may type, and input too long for one page or one table row."""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime

import pytest
from pypdf import PdfReader

from webapp.export.document import (
    BulletList,
    JobDocument,
    Paragraph,
    PersonSpecGroup,
    Section,
    Subheading,
    clean,
)
from webapp.export.pdf import CREATOR, SUBJECT, render_pdf, unsupported_characters

CREATED = datetime(2026, 3, 14, 9, 26, 53)
FOOTER = re.compile(r"Page \d+ of \d+")
EMOJI = "😀 🎉 ✅ 👩‍⚕️ 🇬🇧 ❤️ 👍"
ARABIC = "مرحبا بالعالم"
HEBREW = "שלום עולם"
CHINESE_NAME = "张伟"
JAPANESE_NAME = "山田太郎"
SCRIPT = "<script>alert('x')</script>"


def job(**changes) -> JobDocument:
    fields = dict(
        title="Senior product manager",
        organisation="Leeds Teaching Hospitals NHS Trust",
        author="Ada Lovelace",
        key_facts=(("Band", "Band 8a"), ("Salary", "£55,690 to £62,682 a year"), ("Location", "Leeds (hybrid)")),
        sections=(
            Section("Job summary", (Paragraph("You will lead a team that builds services for patients."),)),
            Section(
                "Main duties of the job",
                (
                    Subheading("Leadership"),
                    BulletList(("Set the product vision", "Coach the team’s product owners", "Report to the board")),
                    Paragraph("You will also work with clinicians – often."),
                ),
            ),
        ),
        person_spec=(
            PersonSpecGroup("Qualifications", ("Degree or equivalent experience",), ()),
            PersonSpecGroup("Experience", ("Experience of leading product teams",), ("Experience in the NHS",)),
        ),
        created=CREATED,
    )
    fields.update(changes)
    return JobDocument(**fields)


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in read(data).pages]


def flat(text: str) -> str:
    """Whitespace normalised to single spaces."""
    return " ".join(text.split())


def body(data: bytes) -> str:
    """All pages' text without the "Page N of M" footers, whitespace normalised."""
    return flat(FOOTER.sub(" ", "\n".join(page_texts(data))))


def squeezed(data: bytes) -> str:
    """The body with no whitespace at all: for words too long for a line, which the PDF
    breaks wherever the line ends."""
    return re.sub(r"\s+", "", body(data))


def outline_titles(outline) -> list:
    titles = []
    for item in outline:
        titles.append(outline_titles(item) if isinstance(item, list) else item.title)
    return titles


@pytest.fixture
def pdf_logs(caplog):
    """Warnings from the renderer and from fpdf2 (which logs missing glyphs at output)."""
    caplog.set_level(logging.WARNING)

    def records():
        return [r for r in caplog.records if r.name.startswith(("fpdf", "webapp.export.pdf"))]

    return records


def test_is_an_a4_pdf_with_metadata_and_language():
    data = render_pdf(job())
    assert data.startswith(b"%PDF-")
    reader = read(data)
    meta = reader.metadata
    assert meta.title == "Senior product manager"
    assert meta.author == "Ada Lovelace"
    assert meta.subject == SUBJECT == "Job description"
    assert meta.creator == CREATOR == "Write and check job adverts"
    assert meta.creation_date.replace(tzinfo=None) == CREATED
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_text_is_present_in_reading_order():
    text = body(render_pdf(job()))
    expected_order = [
        "Senior product manager",
        "Leeds Teaching Hospitals NHS Trust",
        "Key facts",
        "Band Band 8a",
        "Salary £55,690 to £62,682 a year",
        "Location Leeds (hybrid)",
        "Job summary",
        "You will lead a team that builds services for patients.",
        "Main duties of the job",
        "Leadership",
        "• Set the product vision",
        "• Coach the team’s product owners",
        "• Report to the board",
        "You will also work with clinicians – often.",
        "Person specification",
        "Criteria Essential Desirable",
        "Qualifications • Degree or equivalent experience None",
        "Experience • Experience of leading product teams • Experience in the NHS",
    ]
    positions = [text.find(piece) for piece in expected_order]
    assert -1 not in positions, [piece for piece, at in zip(expected_order, positions) if at == -1]
    assert positions == sorted(positions)


def test_headings_are_bookmarked():
    document = job(sections=job().sections + (Section("About us", (Paragraph("A trust."),)),))
    outline = read(render_pdf(document)).outline
    assert outline_titles(outline) == [
        "Senior product manager",
        ["Key facts", "Job summary", "Main duties of the job", ["Leadership"], "About us", "Person specification"],
    ]


def test_every_page_is_numbered_page_n_of_m():
    many = BulletList(tuple(f"Duty {i}: keep the service safe and useful" for i in range(150)))
    texts = page_texts(render_pdf(job(sections=(Section("Main duties of the job", (many,)),))))
    assert len(texts) > 2
    assert "Page 1 of" in texts[0]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_fonts_are_embedded_subsets_not_system_fonts():
    reader = read(render_pdf(job(key_facts=(("Contact", f"{CHINESE_NAME} ★"),))))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H", name
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"], name
        assert "/ToUnicode" in font, name
    assert any("FiraGO" in name for name in fonts)
    assert any("JobDescriptionFallback" in name for name in fonts)


def test_empty_parts_are_left_out():
    text = body(render_pdf(job(organisation="", key_facts=(), sections=(), person_spec=())))
    assert text == "Senior product manager"


# Hostile input: what anyone may paste into a draft.

HOSTILE_PARAGRAPH = "Duties " + SCRIPT + " & <b>bold</b> “quoted” — en–dash, café, mañana, Łódź, Ωμέγα, Москва"


def hostile(*, emoji: bool) -> JobDocument:
    extra = f" {EMOJI}" if emoji else ""
    return JobDocument(
        title=clean(f"Nurse\x00 {SCRIPT}\x07 “Zoë”{extra}"),
        organisation=clean(f"Hôpital\x1b de Montréal — {ARABIC}"),
        author=clean(f"{CHINESE_NAME}\x0b {JAPANESE_NAME}"),
        key_facts=(
            ("Contact", clean(f"{CHINESE_NAME} (Zhang Wei), {JAPANESE_NAME}\x7f, 김민준{extra}")),
            ("Salary", clean("£" + "9" * 10_000)),
        ),
        sections=(
            Section(
                clean(f"Job summary {SCRIPT}"),
                (
                    Paragraph(clean(HOSTILE_PARAGRAPH + extra)),
                    Paragraph(ARABIC),
                    Paragraph(HEBREW),
                    BulletList((clean(f"Symbols: ★ → ∑ √ ≤ ≥ ∞ ✓{extra}"), "Ελληνικά and Кириллица")),
                ),
            ),
        ),
        person_spec=(PersonSpecGroup("Knowledge and skills", (f"Reads {HEBREW}",), (f"Speaks {ARABIC}",)),),
        created=CREATED,
    )


def test_hostile_text_renders_and_extracts(pdf_logs):
    document = hostile(emoji=False)
    assert unsupported_characters(document) == ()
    data = render_pdf(document)
    assert data.startswith(b"%PDF-")
    # No character fell back to a missing glyph, by this module's check or by fpdf2's.
    assert pdf_logs() == []

    reader = read(data)
    assert reader.metadata.title == f"Nurse {SCRIPT} “Zoë”"
    assert reader.metadata.author == f"{CHINESE_NAME} {JAPANESE_NAME}"
    text = body(data)
    for piece in (
        f"Nurse {SCRIPT} “Zoë”",  # markup is just text
        "Hôpital de Montréal —",
        f"Job summary {SCRIPT}",
        flat(HOSTILE_PARAGRAPH),
        f"Contact {CHINESE_NAME} (Zhang Wei), {JAPANESE_NAME}, 김민준",
        "• Symbols: ★ → ∑ √ ≤ ≥ ∞ ✓",
        "• Ελληνικά and Кириллица",
        f"Reads {HEBREW}",
        f"Speaks {ARABIC}",
    ):
        assert piece in text, piece
    # Right-to-left text: fpdf2 lays out each line in visual order after HarfBuzz has
    # shaped it, and pypdf gives back each right-to-left run in logical (typed) order,
    # but where one line mixes directions pypdf puts the runs in the line's visual order
    # (for example "Hôpital de Montréal — <Arabic>" in an English line keeps its order,
    # while an Arabic-first paragraph that ends in English extracts with the English
    # first). So each right-to-left phrase is compared on its own, not a mixed line.
    assert ARABIC in text and HEBREW in text
    lines = [line.strip() for page in page_texts(data) for line in page.splitlines()]
    assert ARABIC in lines and HEBREW in lines
    # The 10,000-digit salary wraps over many lines and continuation rows, losing nothing.
    assert "Salary£" + "9" * 10_000 + "Job" in squeezed(data).replace("Salary(continued)", "")
    # Control characters were stripped by clean() and nothing else went missing.
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", "\n".join(page_texts(data)))


def test_emoji_render_as_boxes_and_survive_extraction(pdf_logs):
    document = hostile(emoji=True)
    # No bundled font draws these emoji: FiraGO has none, Noto Sans Symbols 2 has ❤ and
    # 👍 (in black and white), Noto Sans CJK has none of these.
    missing = unsupported_characters(document)
    assert set(missing) == {"😀", "🎉", "✅", "👩", "🇬", "🇧"}
    data = render_pdf(document)
    assert data.startswith(b"%PDF-")
    # Detected and logged once, by code point; fpdf2 itself logs nothing.
    records = pdf_logs()
    assert [r.name for r in records] == ["webapp.export.pdf"]
    assert "U+1F600" in records[0].getMessage() and "U+2705" in records[0].getMessage()
    # Each is drawn as a box glyph of its own that maps back to the character, so copying
    # or extracting the text gives the emoji (with its joiners and variation selectors).
    text = body(data)
    assert EMOJI in text
    assert f"Nurse {SCRIPT} “Zoë” {EMOJI}" == read(data).metadata.title
    assert f"• Symbols: ★ → ∑ √ ≤ ≥ ∞ ✓ {EMOJI}" in text


def test_unsupported_characters_are_found_in_every_field():
    private_use = "\ue000"
    assert unsupported_characters(job(title=f"A {private_use}")) == (private_use,)
    assert unsupported_characters(job(key_facts=(("Band", "😀"),))) == ("😀",)
    assert unsupported_characters(job(person_spec=(PersonSpecGroup("Experience", (), ("🎉",)),))) == ("🎉",)
    # Joiners, variation selectors and unusual spaces are not "missing": they draw nothing.
    assert unsupported_characters(job(title="a\u200d\ufe0f\u2060\u3000b\tc")) == ()


def test_lone_surrogates_and_tabs_do_not_break_rendering(pdf_logs):
    # A lone surrogate cannot be encoded, so it becomes U+FFFD, which no bundled font
    # has: it is drawn as a box like any unsupported character, and reported.
    data = render_pdf(job(sections=(Section("Odd", (Paragraph("tab\there \ud83d broken"),)),)))
    assert "tab here \ufffd broken" in body(data)
    assert [r.getMessage() for r in pdf_logs()] == [
        "No bundled font has a glyph for U+FFFD: drawn as boxes, kept in the PDF's text"
    ]


# Long input.


def test_long_unbroken_text_wraps_without_crashing():
    # "q" and "z" appear nowhere else in this document, so they can be counted. Each
    # word is longer than a page (6,000 characters: the whole document stays under the
    # PDF's layout limit, see test_a_document_too_large_to_lay_out_is_refused).
    word = "q" * 6_000
    document = job(
        title="T" * 6_000,
        key_facts=(("Location", word),),
        sections=(Section("Job summary", (Paragraph(word), BulletList((word,)))),),
        person_spec=(PersonSpecGroup("Experience", (word,), ("z" * 6_000,)),),
    )
    data = render_pdf(document)
    text = squeezed(data)
    # Outside tables the word is broken only by line ends (and page footers).
    assert "T" * 6_000 in text
    assert f"Jobsummary{word}•{word}Personspecification" in text
    # In a table a row that would not fit on a page is cut into continuation rows, whose
    # cells read row by row: every character is still there, in order within its column.
    assert text.count("q") == 4 * 6_000
    assert text.count("z") == 6_000
    assert "Location(continued)" in text and "Experience(continued)" in text
    assert read(data).metadata.title == "T" * 6_000


def test_long_field_with_spaces_splits_over_table_rows():
    value = ("Lorem ipsum dolor sit amet " * 400)[:10_000].strip()
    data = render_pdf(job(key_facts=(("Salary", value), ("Band", "Band 5"))))
    text = body(data)
    assert "Salary (continued)" in text
    assert re.sub(r"Salary \(continued\) ", "", text).count("Lorem ipsum") == value.count("Lorem ipsum")
    assert "Band Band 5" in text
    assert len(read(data).pages) > 1


def test_many_bullets_and_person_spec_rows():
    bullets = tuple(f"Bullet number {i}" for i in range(500))
    essential = tuple(f"Essential criterion {i}" for i in range(300))
    desirable = tuple(f"Desirable criterion {i}" for i in range(120))
    groups = (
        PersonSpecGroup("Qualifications", essential[:20], desirable[:5]),
        PersonSpecGroup("Experience", essential, desirable),
        PersonSpecGroup("Knowledge and skills", (), desirable[:3]),
    )
    data = render_pdf(job(sections=(Section("Main duties of the job", (BulletList(bullets),)),), person_spec=groups))
    text = body(data)
    for item in bullets:
        assert f"• {item} " in text + " "
    for item in essential + desirable:
        assert f"• {item}" in text
    assert "Experience (continued)" in text
    assert "Knowledge and skills None • Desirable criterion 0" in text
    # The table headings repeat on every page the person specification runs over.
    person_spec_pages = [t for t in page_texts(data) if "Essential criterion" in t]
    assert len(person_spec_pages) > 2
    assert all("Criteria Essential Desirable" in flat(t) for t in person_spec_pages)


def test_no_font_files_are_left_behind():
    from webapp.export import pdf

    render_pdf(hostile(emoji=True))
    assert sorted(p.name for p in pdf._font_dir().iterdir()) == ["FiraGO_Bold.ttf", "FiraGO_Regular.ttf"]


# Bounded work (issue 10): a PDF is made in a second or two, or refused with a reason.


def test_a_document_too_large_to_lay_out_is_refused():
    from webapp.export.document import DocumentTooLarge
    from webapp.export.pdf import MAX_LAYOUT_CHARACTERS, SHAPED_CHARACTER_COST

    def summary(text):
        return job(sections=(Section("Job summary", tuple(Paragraph(text[i:i + 1_000]) for i in range(0, len(text), 1_000))),))

    with pytest.raises(DocumentTooLarge, match="too long to make into a PDF here: a PDF made here can have about 30 pages"):
        render_pdf(summary("Lead the team. " * (MAX_LAYOUT_CHARACTERS // 15 + 1)))
    # Right-to-left text costs HarfBuzz more to lay out, so less of it fits.
    length = MAX_LAYOUT_CHARACTERS // SHAPED_CHARACTER_COST + 1_000
    with pytest.raises(DocumentTooLarge):
        render_pdf(summary((HEBREW + " ") * (length // len(HEBREW))))
    assert len(read(render_pdf(summary("Lead the team. " * (length // 15)))).pages) > 5


def test_too_many_characters_from_the_fallback_fonts_are_refused():
    from webapp.export.document import DocumentTooLarge

    chinese = "".join(chr(0x4E00 + i) for i in range(1_001))
    with pytest.raises(DocumentTooLarge, match="It uses 1,001 different characters that need extra fonts"):
        render_pdf(job(sections=(Section("Job summary", (Paragraph(chinese),)),)))
    assert CHINESE_NAME in body(render_pdf(job(sections=(Section("Job summary", (Paragraph(chinese[:900] + CHINESE_NAME),)),))))
