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
