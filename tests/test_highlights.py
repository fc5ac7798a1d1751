"""Findings placed in the editor's fields: every placed word is at its offsets in
the element it names, and no word finding is left out."""

import json

import pytest

from webapp.draft_fields import CRITERIA_FIELDS
from webapp.drafts import check_draft, content_from_template, template_library
from webapp.highlights import placeable

from .helpers import parse


def element_values(content):
    values = {name: value for name, value in content.items() if name not in CRITERIA_FIELDS}
    for field in CRITERIA_FIELDS:
        values.update({f"{field}-{index}": row for index, row in enumerate(content[field])})
    return values


def every_level(app):
    with app.app_context():
        return [(t, level) for t in template_library() for level in t.levels]


@pytest.fixture
def levels(app):
    return every_level(app)


def test_every_word_finding_in_every_template_draft_is_placed_where_its_words_are(app, levels):
    placed_count = 0
    with app.app_context():
        for template, level in levels:
            content = content_from_template(template, level)
            content["job_summary"] += "\n\nAn ambitious, competitive leader."
            content["essential"].append("A decisive rockstar who can lead the team")
            check = check_draft(content)
            values = element_values(content)
            for highlight in check.highlights:
                assert values[highlight.element][highlight.start:highlight.end] == highlight.finding.text
            placed = {id(h.finding) for h in check.highlights}
            missing = [f for f in check.report.findings if placeable(f) and f.field and id(f) not in placed]
            assert missing == [], (template.id, level.id, missing)
            placed_count += len(check.highlights)
    assert placed_count > len(levels) * 5  # each draft has the added words at least


def test_the_check_fragment_carries_the_highlights_and_links_each_word(app, make_user, sign_in):
    make_user("hl@nhs.net", organisation="Trust H")
    client = sign_in("hl@nhs.net")
    response = client.post("/drafts/new", data={"start": "paste", "text": "We want an ambitious analyst."})
    page = parse(client.get(response.headers["Location"]))
    holder = page.select_one("#draft-check [data-highlights]")
    data = json.loads(holder["data-highlights"])
    highlights = data["spans"]
    assert [(h["element"], h["text"]) for h in highlights] == [("job_description", "ambitious")]
    field_text = page.select_one("#job_description").get_text()
    assert field_text[highlights[0]["start"]:highlights[0]["end"]] == "ambitious"
    assert data["notes"][highlights[0]["note"]]["suggestions"]
    link = page.select_one('#draft-check a[data-highlight-element="job_description"]')
    assert link["href"] == "#job_description"
    assert (int(link["data-start"]), int(link["data-end"])) == (highlights[0]["start"], highlights[0]["end"])


def test_a_word_flagged_many_times_carries_its_explanation_once(app, client):
    text = " ".join(["We want an ambitious analyst."] * 40)
    page = parse(client.post("/check", data={"text": text}, headers={"HX-Request": "true", "HX-Request-Type": "partial"}))
    data = json.loads(page.select_one("[data-highlights]")["data-highlights"])
    ambitious = [span for span in data["spans"] if span["text"] == "ambitious"]
    assert len(ambitious) == 40
    assert all(text[span["start"]:span["end"]] == "ambitious" for span in ambitious)
    assert len({span["note"] for span in ambitious}) == 1
    note = data["notes"][ambitious[0]["note"]]
    assert "motivated" in note["suggestions"] and note["message"] and note["label"].startswith("Masculine")
    assert len(data["notes"]) < 5
