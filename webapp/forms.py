"""Forms. Error messages follow the NHS design system: say what to do."""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import TextAreaField
from wtforms.validators import DataRequired, ValidationError


def unify_newlines(value: str | None) -> str | None:
    return value.replace("\r\n", "\n") if value else value


def within_size_limit(form, field) -> None:
    limit = current_app.config["MAX_CHECK_CHARACTERS"]
    if field.data and len(field.data) > limit:
        raise ValidationError(
            f"The advert must be {limit:,} characters or fewer. It is {len(field.data):,} "
            "characters: check it in parts."
        )


class CheckForm(FlaskForm):
    text = TextAreaField(
        "Advert text",
        filters=[unify_newlines],
        validators=[DataRequired("Enter or paste the text of an advert"), within_size_limit],
    )


class UploadForm(FlaskForm):
    # The file type is checked when it is read, so the message can say what was wrong.
    file = FileField("Upload a file", validators=[FileRequired("Choose a .txt, .html or .docx file")])
