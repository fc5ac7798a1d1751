"""Forms. Error messages follow the NHS design system: say what to do."""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
import re

from wtforms import (
    EmailField,
    Field,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Email, EqualTo, Length, NumberRange, Optional, ValidationError
from wtforms.utils import unset_value

from .draft_fields import (
    ASSESSMENT_LABELS,
    CRITERIA,
    CRITERIA_FIELDS,
    DRAFT_FIELDS,
    LINE,
    MAX_CRITERIA,
    DraftField,
    assessment_field,
)
from .models import STATUSES


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


def new_password_fields(label: str, again: str, *, what: str):
    """A new password and the same again, with the rules of "Create an account"."""
    return (
        PasswordField(label, validators=[
            DataRequired(f"Enter a {what}"),
            Length(min=12, message=f"The {what} must be 12 characters or more"),
            Length(max=200, message=f"The {what} must be 200 characters or fewer"),
        ]),
        PasswordField(again, validators=[DataRequired(f"Enter the {what} again"),
                                         EqualTo("password", "The passwords do not match")]),
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password")])
    password, confirm = new_password_fields("New password", "Confirm new password", what="new password")


class TemporaryPasswordForm(FlaskForm):
    """An organisation admin sets a temporary password for a colleague."""

    password, confirm = new_password_fields("Temporary password", "Confirm temporary password",
                                            what="temporary password")


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


class CriteriaField(Field):
    """A person-specification list. Each criterion is its own text area, all posted
    under the field's name; empty rows are dropped. Its limits come from its
    registry entry."""

    def __init__(self, label=None, validators=None, *, spec: DraftField, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.spec = spec

    def process_data(self, value):
        self.data = list(value or [])
        self.assessments = []

    def process(self, formdata, data=unset_value, extra_filters=None):
        # Each row's "How we'll assess it" choice, posted in the same order as the rows.
        self.posted_assessments = formdata.getlist(assessment_field(self.name)) if formdata else []
        super().process(formdata, data, extra_filters)

    def process_formdata(self, valuelist):
        methods = list(self.posted_assessments) + [""] * (len(valuelist) - len(self.posted_assessments))
        pairs = [(value.replace("\r\n", "\n").strip(), method if method in ASSESSMENT_LABELS else "")
                 for value, method in zip(valuelist, methods)]
        kept = [(row, method) for row, method in pairs if row]  # an empty row goes with its choice
        self.data = [row for row, _ in kept]
        self.assessments = [method for _, method in kept]

    def pre_validate(self, form):
        limit = self.spec.max_characters
        if len(self.data) > MAX_CRITERIA:
            raise ValidationError(f"You can have up to {MAX_CRITERIA} {self.spec.label.lower()}. "
                                  f"You have {len(self.data)}: remove some, or join them up")
        if any(len(row) > limit for row in self.data):
            raise ValidationError(f"Each of the {self.spec.label.lower()} must be {limit:,} characters or fewer")


def _draft_form_field(spec: DraftField):
    if spec.kind == CRITERIA:
        return CriteriaField(spec.label, spec=spec)
    field_class = StringField if spec.kind == LINE else TextAreaField
    message = f"{spec.label} must be {spec.max_characters:,} characters or fewer"
    return field_class(spec.label, filters=[unify_newlines], validators=[Length(max=spec.max_characters, message=message)])


_EDITING_SESSION = re.compile(r"[A-Za-z0-9_-]{8,40}")


def editing_session_or_none(value: str | None) -> str | None:
    return value if value and _EDITING_SESSION.fullmatch(value) else None


class DraftForm(FlaskForm):
    """The draft editor: one field per entry in ``draft_fields.DRAFT_FIELDS``, plus
    the version the editor started from, the open editor's session id and the
    button pressed (save, or a person-specification change)."""

    version = IntegerField(validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])
    editing_session = HiddenField(filters=[editing_session_or_none])
    edit_sequence = IntegerField(validators=[Optional(), NumberRange(min=0, max=2**53)])
    action = StringField(validators=[Optional(), Length(max=40)])

    def content(self) -> dict:
        """The draft content posted: every field, text or list, and how each criterion
        is assessed."""
        content = {spec.name: self[spec.name].data or ([] if spec.kind == CRITERIA else "") for spec in DRAFT_FIELDS}
        for name in CRITERIA_FIELDS:
            content[assessment_field(name)] = list(getattr(self[name], "assessments", None) or [])
        return content

    def field_errors(self) -> dict[str, str]:
        """The first message for each draft field that is wrong."""
        return {spec.name: self[spec.name].errors[0] for spec in DRAFT_FIELDS if self[spec.name].errors}


for _spec in DRAFT_FIELDS:
    setattr(DraftForm, _spec.name, _draft_form_field(_spec))


class DraftDetailsForm(FlaskForm):
    """Rename a draft, mark it final or back to draft, share it with the organisation."""

    name = StringField("Name of the draft", validators=[
        DataRequired("Enter a name for the draft"), Length(max=200, message="The name must be 200 characters or fewer")])
    status = RadioField("Status", choices=list(STATUSES),
                        validate_choice=False, validators=[AnyOf(STATUSES, message="Choose draft or final")])
    shared = StringField("Sharing")


MAX_PASTED_CHARACTERS = 100_000


def pasted_advert(form, field) -> None:
    if form.start.data != "paste":
        return
    if not (field.data or "").strip():
        raise ValidationError("Paste the text of an advert")
    if len(field.data) > MAX_PASTED_CHARACTERS:
        raise ValidationError(f"The advert must be {MAX_PASTED_CHARACTERS:,} characters or fewer. "
                              f"It is {len(field.data):,} characters.")


class NewDraftForm(FlaskForm):
    """Start a draft: from a role template and level, from a pasted advert, or blank."""

    start = HiddenField(validators=[AnyOf(("template", "paste", "blank"))])
    template = HiddenField(validators=[Length(max=80)])
    level = HiddenField(validators=[Length(max=80)])
    text = TextAreaField("Paste the advert", filters=[unify_newlines], validators=[pasted_advert])


class StandardStatementsForm(FlaskForm):
    """An organisation's choice of optional standard statements for new job
    descriptions. The choices are set from ``statements.toml`` by the view."""

    statements = SelectMultipleField("Statements to include", choices=[], validate_choice=True)
