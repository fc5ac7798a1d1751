"""flask --app wsgi check FILE... for batch use and CI pipelines."""

import io
import json

import pytest
from docx import Document


@pytest.fixture
def adverts(tmp_path):
    masculine = tmp_path / "masculine.txt"
    masculine.write_text("An aggressive, ambitious and competitive leader.\nDominant too.", encoding="utf-8")
    neutral = tmp_path / "neutral.html"
    neutral.write_text("<p>We build websites.</p>", encoding="utf-8")
    document = Document()
    document.add_paragraph("We support and understand people.")
    buffer = io.BytesIO()
    document.save(buffer)
    feminine = tmp_path / "feminine.docx"
    feminine.write_bytes(buffer.getvalue())
    return masculine, neutral, feminine


def test_text_output_lists_each_file_with_positions(runner, adverts):
    masculine, neutral, feminine = adverts
    result = runner.invoke(args=["check", str(masculine), str(neutral), str(feminine)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (f"{masculine}: strongly masculine-coded (5 masculine-coded, 0 feminine-coded, "
                        "8 words of your own, 8 in all)")
    assert lines[1] == "  found: 5 masculine-coded"
    assert lines[2].startswith("  1:4 aggressive [masculine-coded, warning] try: ")
    assert "  2:1 Dominant [masculine-coded, warning]" in result.output
    assert f"{neutral}: no gender-coded words found" in result.output
    assert f"{feminine}: strongly feminine-coded" in result.output


def test_json_output(runner, adverts):
    masculine, neutral, _ = adverts
    result = runner.invoke(args=["check", "--format", "json", str(masculine), str(neutral)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [d["file"] for d in data] == [str(masculine), str(neutral)]
    assert data[0]["gender"]["verdict"] == "strongly masculine-coded"
    assert len(data[0]["findings"]) == 5
    assert data[1]["gender"]["verdict"] == "empty"


@pytest.mark.parametrize(
    ("fail_on", "file_index", "exit_code"),
    [
        ("masculine-coded", 0, 1),
        ("strongly-masculine-coded", 0, 1),
        ("masculine-coded", 1, 0),
        ("masculine-coded", 2, 0),
        ("feminine-coded", 2, 1),
        ("feminine-coded", 0, 0),
    ],
)
def test_fail_on_sets_the_exit_code(runner, adverts, fail_on, file_index, exit_code):
    result = runner.invoke(args=["check", "--fail-on", fail_on, str(adverts[file_index])])
    assert result.exit_code == exit_code


def test_standard_input(runner):
    result = runner.invoke(args=["check", "-"], input="A decisive person.")
    assert result.exit_code == 0
    assert result.output.startswith("-: strongly masculine-coded")


def test_unreadable_files_exit_2_with_a_message(runner, tmp_path, adverts):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = runner.invoke(args=["check", str(broken), str(tmp_path / "missing.txt"), str(adverts[1])])
    assert result.exit_code == 2
    assert "We could not read this Word file" in result.output
    assert "missing.txt: cannot read the file" in result.output
    assert "no gender-coded words found" in result.output  # the readable file is still checked


def test_unknown_fail_on_label_is_a_usage_error(runner, adverts):
    result = runner.invoke(args=["check", "--fail-on", "very-masculine", str(adverts[0])])
    assert result.exit_code == 2
    assert "Invalid value for '--fail-on'" in result.output


def test_fail_on_takes_the_new_categories(runner, tmp_path):
    advert = tmp_path / "advert.txt"
    advert.write_text("You must be a native English speaker and a digital native.", encoding="utf-8")
    result = runner.invoke(args=["check", "--fail-on", "age", str(advert)])
    assert result.exit_code == 1, result.output
    assert "digital native [age, warning]" in result.output
    assert runner.invoke(args=["check", "--fail-on", "jargon", str(advert)]).exit_code == 0
    assert runner.invoke(args=["check", "--fail-on", "race-nationality", str(advert)]).exit_code == 1
    assert runner.invoke(args=["check", "--fail-on", "nonsense", str(advert)]).exit_code == 2
