"""Downloads from a draft and from the check page, the NHS Jobs view, the print view, the CLI."""

import csv
import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from ..helpers import assert_page_invariants, normalize_spaces, parse


@pytest.fixture
def ada(make_user, sign_in):
    make_user("ada@nhs.net", organisation="Leeds Teaching Hospitals NHS Trust", name="Ada Lovelace")
    return sign_in("ada@nhs.net")


def start_draft(client):
    response = client.post("/drafts/new", data={"start": "template", "template": "product-manager", "level": "senior"})
    return response.headers["Location"].rsplit("/", 1)[1]


def pdf_text(data):
    return normalize_spaces(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.parametrize(
    ("fmt", "mimetype"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("pdf", "application/pdf"),
        ("md", "text/markdown"),
        ("txt", "text/plain"),
    ],
)
def test_draft_downloads_in_every_format(ada, fmt, mimetype):
    draft_id = start_draft(ada)
    response = ada.get(f"/drafts/{draft_id}/download/{fmt}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"] == f'attachment; filename="Senior-product-manager.{fmt}"'
    data = response.get_data()
    if fmt == "docx":
        word = Document(io.BytesIO(data))
        text = "\n".join(p.text for p in word.paragraphs)
        assert word.core_properties.author == "Ada Lovelace"
        assert word.core_properties.category == "Leeds Teaching Hospitals NHS Trust"
    elif fmt == "pdf":
        text = pdf_text(data)
    else:
        text = data.decode()
    assert "Senior product manager" in text
    assert "internet era" in normalize_spaces(text)


def test_draft_report_downloads(ada):
    draft_id = start_draft(ada)
    data = ada.get(f"/drafts/{draft_id}").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', data).group(1)
    ada.post(f"/drafts/{draft_id}", data={"version": version, "job_title": "Senior product manager",
                                         "job_summary": "An aggressive, dominant manager.", "action": "save"})
    csv_response = ada.get(f"/drafts/{draft_id}/report/csv")
    assert csv_response.mimetype == "text/csv"
    assert re.fullmatch(r'attachment; filename="wording-check-\d{4}-\d\d-\d\d-Senior-product-manager\.csv"',
                        csv_response.headers["Content-Disposition"])
    rows = list(csv.reader(io.StringIO(csv_response.get_data(as_text=True).lstrip("\ufeff"))))
    findings = rows[rows.index(next(r for r in rows if r[:1] == ["Words"])) + 1:]
    assert ["aggressive", "masculine-coded", "warning", "own"] in [r[:4] for r in findings]
    pdf = ada.get(f"/drafts/{draft_id}/report/pdf")
    assert pdf.mimetype == "application/pdf"
    text = pdf_text(pdf.get_data())
    assert "Wording check report" in text and "aggressive" in text and "Word list version" in text


def test_check_page_report_downloads_without_storing(client):
    text = "We want an aggressive leader."
    response = client.post("/check/report/csv", data={"text": text})
    assert response.status_code == 200
    assert "aggressive" in response.get_data(as_text=True)
    pdf = client.post("/check/report/pdf", data={"text": text})
    assert "aggressive" in pdf_text(pdf.get_data())
    empty = client.post("/check/report/csv", data={"text": ""})
    assert empty.status_code == 422
    assert "Enter or paste the text of an advert" in empty.get_data(as_text=True)
    assert client.post("/check/report/docx", data={"text": text}).status_code == 404


def test_check_results_offer_the_report_buttons(client):
    soup = parse(client.post("/check", data={"text": "An aggressive leader."}))
    formactions = [b["formaction"] for b in soup.select('button[form="check-form"][formaction]')]
    assert formactions == ["/check/report/pdf", "/check/report/csv"]


def test_nhs_jobs_view_counts_characters_against_each_limit(ada):
    draft_id = start_draft(ada)
    data = ada.get(f"/drafts/{draft_id}").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', data).group(1)
    ada.post(f"/drafts/{draft_id}", data={"version": version, "job_title": "T" * 71, "job_summary": "s" * 1500,
                                         "action": "save"})
    soup = parse(ada.get(f"/drafts/{draft_id}/nhs-jobs"))
    assert_page_invariants(soup)
    fields = {f["data-field"]: f for f in soup.select("[data-field]")}
    assert list(fields) == ["job_title", "job_summary", "main_duties", "about_us", "job_description", "person_specification"]
    title = fields["job_title"]
    assert title.select_one("[data-maxlength]")["data-maxlength"] == "70"  # the NHS character count
    assert normalize_spaces(title.select_one(".app-count-static").get_text()) == "71 of 70 characters: 1 too many"
    assert "NHS Jobs allows 70" in title.get_text()
    assert normalize_spaces(fields["job_summary"].select_one(".app-count-static").get_text()) == "1,500 of 1,500 characters"
    assert fields["job_summary"].select(".nhsuk-error-message") == []
    assert fields["job_title"].select_one("button[data-copy-target]")["data-copy-target"] == "nhs-job_title"
    # NHS Jobs' box for the person specification is "Skills and Qualities", 1,500 characters
    # (NHSBSA KA-25633); 10,000 is the job description's limit, not this box's.
    spec = fields["person_specification"]
    assert normalize_spaces(spec.select_one("label").get_text()).lower() == "skills and qualities"
    assert spec.select_one("[data-maxlength]")["data-maxlength"] == "1500"
    assert fields["job_description"].select_one("[data-maxlength]")["data-maxlength"] == "10000"


def test_preview_is_print_friendly(ada, client):
    draft_id = start_draft(ada)
    soup = parse(ada.get(f"/drafts/{draft_id}/preview"))
    assert soup.select_one(".app-no-print")
    response = client.get("/assets/css/app.css")
    css = response.get_data(as_text=True)
    response.close()
    assert "@media print" in css and ".nhsuk-header" in css.split("@media print", 1)[1]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md", "txt"])
def test_export_template_command(runner, tmp_path, fmt):
    output = tmp_path / f"pm.{fmt}"
    result = runner.invoke(args=["export-template", "product-manager", "--level", "senior", "--format", fmt, "-o", str(output)])
    assert result.exit_code == 0, result.output
    data = output.read_bytes()
    assert data[:4] == {"docx": b"PK\x03\x04", "pdf": b"%PDF"}.get(fmt, data[:4])
    if fmt in ("md", "txt"):
        assert "Senior product manager" in data.decode()


def test_export_template_command_errors(runner, tmp_path):
    missing = runner.invoke(args=["export-template", "astronaut", "--level", "x", "--format", "md", "-o", str(tmp_path / "a")])
    assert missing.exit_code == 2 and "no template 'astronaut'" in missing.output
    level = runner.invoke(args=["export-template", "product-manager", "--level", "x", "--format", "md", "-o", str(tmp_path / "a")])
    assert level.exit_code == 2 and "choose from associate" in level.output


# Bounded work (issue 10): every download is made in a second or two, or refused with a
# page that says what to do instead.


def save_draft(client, draft_id, **fields):
    data = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', data).group(1)
    response = client.post(f"/drafts/{draft_id}", data={"version": version, "action": "save", **fields})
    assert response.status_code in (200, 302), response.status_code


def fields_at_their_limits():
    from webapp.draft_fields import CRITERIA, DRAFT_FIELDS, MAX_CRITERIA, MAX_CRITERION_CHARACTERS

    sentence = "You will lead an ambitious team and support clinicians to deliver safe services. "
    fields = {}
    for field in DRAFT_FIELDS:
        if field.kind == CRITERIA:
            fields[field.name] = [(sentence * 30)[:MAX_CRITERION_CHARACTERS]] * MAX_CRITERIA
        else:
            fields[field.name] = ((sentence * 7 + "\n\n") * 300)[: field.max_characters].strip()
    return fields


def test_check_page_report_with_thousands_of_findings_lists_some_and_points_to_the_csv(client):
    from webapp.export.report import MAX_REPORT_FINDINGS

    text = "ambitious competitive " * 4_500
    response = client.post("/check/report/pdf", data={"text": text})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.get_data())).pages
    assert 1 < len(pages) <= 50
    text_of_pdf = pdf_text(response.get_data())
    listed = re.search(r"This report lists ([\d,]+) of the 9,007 findings", text_of_pdf)
    assert listed and 0 < int(listed[1]) <= MAX_REPORT_FINDINGS
    assert "Download the CSV report for all of them." in text_of_pdf
    assert "Masculine-coded words (9,000)" in text_of_pdf
    assert "of these 9,000 are listed here. The CSV report lists them all." in text_of_pdf
    rows = list(csv.reader(io.StringIO(client.post("/check/report/csv", data={"text": text}).get_data(as_text=True))))
    assert len(rows) - rows.index(next(r for r in rows if r[:1] == ["Words"])) - 1 == 9_007


def test_a_report_too_large_for_a_pdf_keeps_the_text_and_offers_the_csv(client):
    # Each context sentence holds 219 different Chinese characters: more than the PDF's
    # fallback fonts may draw in one document.
    text = " ".join("We want an ambitious " + "".join(chr(0x4E00 + 230 * k + i) for i in range(220)) + "."
                    for k in range(5))
    response = client.post("/check/report/pdf", data={"text": text})
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert soup.select_one("textarea#text").get_text() == text
    message = normalize_spaces(soup.select_one(".nhsuk-error-message").get_text())
    assert "The report is too large for a PDF." in message and "Download the CSV report instead." in message
    assert soup.select_one('.nhsuk-error-summary a[href="#text"]')
    assert soup.select(".app-highlighted-text mark")  # the results are still there
    assert client.post("/check/report/csv", data={"text": text}).status_code == 200


def test_a_draft_too_large_for_a_pdf_gets_a_page_that_says_what_to_do(ada):
    draft_id = start_draft(ada)
    save_draft(ada, draft_id, **fields_at_their_limits())
    response = ada.get(f"/drafts/{draft_id}/download/pdf")
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert normalize_spaces(soup.select_one("h1").get_text()) == "This job description is too large for a PDF"
    assert "Download it as a Word document instead" in normalize_spaces(soup.select_one("main").get_text())
    word = ada.get(f"/drafts/{draft_id}/download/docx")
    assert word.status_code == 200 and word.mimetype == MIMETYPES_DOCX
    # Word's title property holds 255 characters: a job title as long as a paragraph is cut.
    assert len(Document(io.BytesIO(word.get_data())).core_properties.title) == 255
    # The report lists what fits, and says so.
    report = ada.get(f"/drafts/{draft_id}/report/pdf")
    assert report.status_code == 200 and report.mimetype == "application/pdf"
    assert re.search(r"This report lists [\d,]+ of the [\d,]+ findings", pdf_text(report.get_data()))


def test_a_draft_report_too_large_for_a_pdf_offers_the_csv(ada):
    # The job summary's sentences hold 1,100 different Chinese characters, which the
    # report quotes around each finding: more than a PDF's fallback fonts may draw.
    summary = " ".join("We want an ambitious " + "".join(chr(0x4E00 + 230 * k + i) for i in range(220)) + "."
                       for k in range(5))
    draft_id = start_draft(ada)
    save_draft(ada, draft_id, job_title="Senior product manager", job_summary=summary)
    response = ada.get(f"/drafts/{draft_id}/report/pdf")
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert normalize_spaces(soup.select_one("h1").get_text()) == "This report is too large for a PDF"
    assert "Download the CSV report instead." in normalize_spaces(soup.select_one("main").get_text())
    assert ada.get(f"/drafts/{draft_id}/report/csv").status_code == 200


MIMETYPES_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# Word downloads are A4 in UK English, and person-specification rows stay whole.

EMU_PER_TWIP = 635
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def assert_a4_uk_english_with_whole_rows(data):
    word = Document(io.BytesIO(data))
    for section in word.sections:
        assert round(section.page_width / EMU_PER_TWIP) == 11906  # 210 mm
        assert round(section.page_height / EMU_PER_TWIP) == 16838  # 297 mm
        for margin in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin):
            assert round(margin.mm) == 20  # python-docx's default is 25.4 mm top and bottom
    styles = word.styles.element
    default_lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default_lang.get(f"{W}val") == "en-GB"
    normal_lang = word.styles["Normal"].element.find(f"{W}rPr/{W}lang")
    assert normal_lang.get(f"{W}val") == "en-GB"
    assert word.core_properties.language == "en-GB"
    assert {t.get(f"{W}val") for t in word.settings.element.findall(f"{W}themeFontLang")} == {"en-GB"}
    spec = [t for t in word.tables if [c.text for c in t.rows[0].cells] == ["Criteria", "Essential", "Desirable"]]
    assert len(spec) == 1 and len(spec[0].rows) > 1
    for i, row in enumerate(spec[0].rows):
        trPr = row._tr.trPr
        assert trPr is not None and trPr.find(f"{W}cantSplit") is not None, f"row {i} may split"
        assert (trPr.find(f"{W}tblHeader") is not None) == (i == 0)


def test_draft_word_download_is_a4_in_uk_english_with_rows_kept_whole(ada):
    draft_id = start_draft(ada)
    response = ada.get(f"/drafts/{draft_id}/download/docx")
    assert response.status_code == 200
    assert_a4_uk_english_with_whole_rows(response.get_data())


def test_export_template_command_writes_a4_word(runner, tmp_path):
    output = tmp_path / "pm.docx"
    result = runner.invoke(args=["export-template", "product-manager", "--level", "senior", "--format", "docx",
                                 "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert_a4_uk_english_with_whole_rows(output.read_bytes())


# The report PDF names the advert's job title and lists where to share it, as the pages do.


def pdf_text_without_page_footers(data):
    """The PDF's text with its "Page n of m" footers taken out, so that a line broken
    across pages reads whole."""
    return re.sub(r" ?Page \d+ of \d+ ?", " ", pdf_text(data))


def suggested_networks(soup):
    """(name, why) of each network a page suggests."""
    return [(normalize_spaces(item.select_one("h3").get_text()),
             normalize_spaces(item.select_one(".app-outreach__why").get_text()).removeprefix("Why: "))
            for item in soup.select(".app-outreach__item")]


def test_draft_report_pdf_has_the_job_title_and_where_to_share(ada):
    draft_id = start_draft(ada)
    save_draft(ada, draft_id, job_title="Senior product manager (NHS App)",
               job_summary="An aggressive, dominant manager.")
    shared = suggested_networks(parse(ada.get(f"/drafts/{draft_id}/share")))
    assert shared
    text = pdf_text_without_page_footers(ada.get(f"/drafts/{draft_id}/report/pdf").get_data())
    assert "Job title Senior product manager (NHS App)" in text
    assert "Where to share" in text and "for product and delivery roles" in text
    for name, why in shared:
        assert f"{name}: {why}" in text
    # The CSV is unchanged: no suggestions in it.
    assert shared[0][1] not in ada.get(f"/drafts/{draft_id}/report/csv").get_data(as_text=True)


def test_check_page_report_pdf_has_the_title_read_and_where_to_share_for_the_role_chosen(client):
    advert = "Band 7 Senior Data Analyst\nLeeds Teaching Hospitals\n\nWe want an aggressive, competitive leader."
    page = parse(client.post("/check", data={"text": advert, "role": "data"}))
    shared = suggested_networks(page)
    assert shared
    response = client.post("/check/report/pdf", data={"text": advert, "role": "data"})
    text = pdf_text_without_page_footers(response.get_data())
    assert "Job title Band 7 Senior Data Analyst" in text
    assert "Where to share" in text and "for data roles" in text
    for name, why in shared:
        assert f"{name}: {why}" in text
    # No role chosen, no suggestions; no title read, no title.
    without_role = pdf_text(client.post("/check/report/pdf", data={"text": advert}).get_data())
    assert "Job title Band 7 Senior Data Analyst" in without_role and "Where to share" not in without_role
    untitled = pdf_text(client.post("/check/report/pdf", data={"text": "we want an aggressive leader."}).get_data())
    assert "Job title" not in untitled


# Emoji have no glyph in the PDF fonts: the README and the draft's downloads say so.


def test_readme_and_draft_downloads_say_pdfs_do_not_show_emoji(ada):
    from pathlib import Path

    readme = normalize_spaces((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8"))
    assert "any script a user may type" in readme
    assert "Emoji are not shown in PDF downloads" in readme and "Word, Markdown and plain text keep them" in readme
    draft_id = start_draft(ada)
    soup = parse(ada.get(f"/drafts/{draft_id}"))
    downloads = normalize_spaces(soup.select_one("#downloads").find_parent("div").get_text())
    assert "Emoji are not shown in PDF downloads" in downloads
    assert "Word, Markdown and plain text keep them." in downloads



def test_the_check_pages_report_note_says_the_pdf_does_not_show_emoji(client):
    soup = parse(client.post("/check", data={"text": "We want an ambitious analyst 🚀."}))
    note = normalize_spaces(soup.select_one(".app-report-downloads").get_text())
    assert "Emoji are not shown in the PDF" in note and "the CSV keeps them" in note
