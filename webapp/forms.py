"""Forms. Error messages follow the NHS design system: say what to do."""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError


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


class RegisterForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired("Enter your name"), Length(max=200)])
    email = EmailField(
        "Email address",
        validators=[DataRequired("Enter your email address"), Email("Enter an email address like name@nhs.net"), Length(max=320)],
    )
    organisation = StringField("Organisation", validators=[Length(max=200)])
    invite_code = StringField("Invite code (if a colleague has given you one)", validators=[Length(max=40)])
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter a password"), Length(min=12, max=200, message="Your password must be 12 characters or more")],
    )
    confirm = PasswordField(
        "Confirm password",
        validators=[DataRequired("Enter your password again"), EqualTo("password", "The passwords do not match")],
    )


class SignInForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password")])


class DismissForm(FlaskForm):
    """Dismiss one finding in a draft: the reason is kept and shown."""

    finding_key = StringField(validators=[DataRequired(), Length(max=300)])
    finding_text = StringField(validators=[Length(max=200)])
    finding_category = StringField(validators=[DataRequired(), Length(max=40)])
    reason = TextAreaField(
        "Why is it not a problem here?",
        validators=[DataRequired("Say why this is not a problem here"), Length(max=500, message="Keep the reason to 500 characters or fewer")],
    )


def wording_phrase(form, field) -> None:
    from .analysis import SettingsError
    from .analysis.settings import check_phrase

    try:
        field.data = check_phrase(field.data or "")
    except SettingsError as error:
        raise ValidationError(str(error)) from None


class OrganisationWordForm(FlaskForm):
    """A word or phrase the organisation wants flagged, with what to write instead."""

    category = SelectField("Kind of wording", validators=[DataRequired("Choose the kind of wording")])
    phrase = StringField(
        "Word or phrase to flag",
        validators=[DataRequired("Enter the word or phrase to flag"), Length(max=200), wording_phrase],
    )
    suggestions = StringField(
        "What to write instead",
        validators=[DataRequired("Enter at least one alternative"), Length(max=500)],
    )
    explanation = TextAreaField("Why your organisation avoids it (optional)", validators=[Length(max=500)])


class OrganisationNameForm(FlaskForm):
    name = StringField(
        "Organisation name",
        validators=[DataRequired("Enter the organisation’s name"), Length(max=200), wording_phrase],
    )


class IgnoredWordingForm(FlaskForm):
    phrase = StringField(
        "Word or phrase never to flag",
        validators=[DataRequired("Enter the word or phrase never to flag"), Length(max=200), wording_phrase],
    )


class CompareForm(FlaskForm):
    """Choose two versions of a draft to compare (a GET form: nothing changes)."""

    class Meta:
        csrf = False

    old = SelectField("Compare version", coerce=int)
    new = SelectField("with version", coerce=int)
