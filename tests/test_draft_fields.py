"""The draft field registry: the model, the form and the exports all follow it."""

import sqlalchemy as sa

from webapp.analysis.structure import NHS_JOBS_LIMITS
from webapp.draft_fields import (
    ASSESSMENT_FIELDS,
    CRITERIA,
    DRAFT_FIELDS,
    FIELD_LABELS,
    KEY_FACT_FIELDS,
    SECTION_FIELDS,
    STORED_FIELDS,
    empty_content,
)
from webapp.drafts import nhs_jobs_fields
from webapp.export.document import job_document
from webapp.forms import DraftForm
from webapp.models import Draft


def test_the_model_has_a_column_for_every_field_and_no_other_content_column():
    columns = {column.name: column for column in sa.inspect(Draft).columns}
    for field in DRAFT_FIELDS:
        assert field.name in columns
        assert isinstance(columns[field.name].type, sa.JSON if field.kind == CRITERIA else sa.Text)
    for name in ASSESSMENT_FIELDS:  # how each criterion is assessed, in its order
        assert isinstance(columns[name].type, sa.JSON)
    text_columns = {name for name, column in columns.items() if isinstance(column.type, (sa.Text, sa.JSON))}
    assert text_columns == {field.name for field in DRAFT_FIELDS} | set(ASSESSMENT_FIELDS) == set(STORED_FIELDS)


def test_a_draft_round_trips_every_field():
    content = {field.name: [f"{field.name} row"] if field.kind == CRITERIA else f"{field.name} text"
               for field in DRAFT_FIELDS}
    content.update({name: ["interview"] for name in ASSESSMENT_FIELDS})
    draft = Draft()
    draft.apply(content)
    assert draft.content() == content


def test_the_form_has_a_field_for_every_entry_labelled_as_the_registry_says(app):
    with app.test_request_context():
        form = DraftForm(meta={"csrf": False})
        for field in DRAFT_FIELDS:
            assert form[field.name].label.text == field.label
        assert form.content() == empty_content()


def test_documents_use_the_registry_labels_in_its_order():
    content = {**empty_content(), **{name: f"{name} value" for name in (*KEY_FACT_FIELDS, *SECTION_FIELDS)}}
    document = job_document(content)
    assert [label for label, _ in document.key_facts] == [FIELD_LABELS[name] for name in KEY_FACT_FIELDS]
    assert [section.heading for section in document.sections] == [FIELD_LABELS[name] for name in SECTION_FIELDS]


def test_nhs_jobs_boxes_and_limits_are_the_ones_the_check_warns_about():
    fields = {field.field: field for field in nhs_jobs_fields({**empty_content(), "essential": ["Works well"]})}
    for box, (label, limit) in NHS_JOBS_LIMITS.items():
        assert (fields[box].label, fields[box].limit) == (label, limit)
    assert fields["main_duties"].limit is None  # no source gives one
    assert fields["person_specification"].text == "Essential\n\u2022 Works well"
