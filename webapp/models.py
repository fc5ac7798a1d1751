"""Database models: persistence only, no analysis logic."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin

from . import passwords
from .draft_fields import CRITERIA_FIELDS, TEXT_FIELDS, assessment_field, assessments
from .extensions import db

DRAFT = "draft"
FINAL = "final"
STATUSES = (DRAFT, FINAL)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_token() -> str:
    # Unguessable ids in URLs: a draft's address reveals nothing and cannot be counted.
    return secrets.token_urlsafe(12)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class Organisation(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200), unique=True)
    invite_code: so.Mapped[str] = so.mapped_column(sa.String(40), unique=True, default=new_token)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    # Goes up with every change to the organisation's own wording rules, so every
    # app server knows when the copy it compiled is out of date.
    wording_version: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    # The optional standard statements (job_templates/statements.toml) this organisation
    # puts in every new job description, by id; chosen by its admins.
    standard_statements: so.Mapped[list | None] = so.mapped_column(sa.JSON, default=list)

    users: so.Mapped[list[User]] = so.relationship(back_populates="organisation")


class User(UserMixin, db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(320), unique=True, index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(256))
    organisation_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organisation.id"), index=True)
    is_org_admin: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    # Part of the id kept in the session cookie (see get_id). A new one signs the person
    # out everywhere: every cookie that carries the old one stops working, on every server.
    session_token: so.Mapped[str] = so.mapped_column(sa.String(64), default=new_session_token)
    # Set when an admin gives the person a temporary password: until they choose their
    # own, every page sends them to "Change your password".
    must_change_password: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())

    organisation: so.Mapped[Organisation] = so.relationship(back_populates="users")

    def set_password(self, password: str) -> None:
        # scrypt with a random salt, at config's PASSWORD_HASH_METHOD cost.
        self.password_hash = passwords.hash_password(password)

    def check_password(self, password: str) -> bool:
        return passwords.matches(self.password_hash, password)

    def get_id(self) -> str:
        # Flask-Login's "alternative token": what the session stores, checked by the loader.
        return f"{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        """Sign out every browser signed in as this person."""
        self.session_token = new_session_token()


class Draft(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    public_id: so.Mapped[str] = so.mapped_column(sa.String(32), unique=True, index=True, default=new_token)
    owner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"), index=True)
    organisation_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organisation.id"), index=True)
    shared_with_organisation: so.Mapped[bool] = so.mapped_column(default=False)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    template_id: so.Mapped[str | None] = so.mapped_column(sa.String(80), index=True)
    level_id: so.Mapped[str | None] = so.mapped_column(sa.String(80))
    role_family: so.Mapped[str | None] = so.mapped_column(sa.String(80))
    status: so.Mapped[str] = so.mapped_column(sa.String(10), default=DRAFT, index=True)
    # Optimistic locking: a save names the version it started from.
    version: so.Mapped[int] = so.mapped_column(default=1)

    # One column per field in draft_fields.DRAFT_FIELDS (a test keeps the two alike).
    job_title: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    band: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    salary: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    hours: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    location: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    working_pattern: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    closing_date: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    contact: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    reports_to: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    staff_and_budget: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    job_summary: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    main_duties: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    about_us: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    job_description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    essential: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    desirable: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    # How each criterion is assessed, in the same order (draft_fields.ASSESSMENT_METHODS).
    essential_assessment: so.Mapped[list | None] = so.mapped_column(sa.JSON, default=list)
    desirable_assessment: so.Mapped[list | None] = so.mapped_column(sa.JSON, default=list)

    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    owner: so.Mapped[User] = so.relationship()
    revisions: so.Mapped[list[Revision]] = so.relationship(
        back_populates="draft", cascade="all, delete-orphan", order_by="Revision.version.desc()"
    )
    outreach: so.Mapped[list[OutreachRecord]] = so.relationship(cascade="all, delete-orphan")
    dismissals: so.Mapped[list[Dismissal]] = so.relationship(cascade="all, delete-orphan",
                                                            order_by="Dismissal.created_at")

    def content(self) -> dict:
        """The editable content, as stored in a revision."""
        data = {field: getattr(self, field) for field in TEXT_FIELDS}
        data.update({field: list(getattr(self, field) or []) for field in CRITERIA_FIELDS})
        data.update({assessment_field(field): assessments({field: data[field],
                     assessment_field(field): getattr(self, assessment_field(field))}, field)
                     for field in CRITERIA_FIELDS})
        return data

    def apply(self, content: dict) -> None:
        for field in TEXT_FIELDS:
            setattr(self, field, content.get(field, ""))
        for field in CRITERIA_FIELDS:
            setattr(self, field, list(content.get(field, [])))
            setattr(self, assessment_field(field), assessments(content, field))


class Revision(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    draft_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("draft.id"), index=True)
    version: so.Mapped[int]
    saved_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    saved_by_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"))
    content: so.Mapped[dict] = so.mapped_column(sa.JSON)
    # The open editor (one browser tab) that saved it, and what made it (drafts.CHANGES):
    # autosaves from one editing session are one revision.
    editing_session: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    change: so.Mapped[str] = so.mapped_column(sa.String(20), default="saved", server_default="saved")
    # How many edits that editor had made when it saved: an older save arriving late is refused.
    edit_sequence: so.Mapped[int | None] = so.mapped_column(sa.BigInteger)

    draft: so.Mapped[Draft] = so.relationship(back_populates="revisions")
    saved_by: so.Mapped[User] = so.relationship()

    __table_args__ = (sa.UniqueConstraint("draft_id", "version"),)


class OrganisationNetwork(db.Model):
    """A network an organisation admin added (a local staff network, a regional meetup).
    Suggested only to that organisation."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    organisation_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organisation.id"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    summary: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    url: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    audiences: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    role_families: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    @property
    def network_id(self) -> str:
        return f"org-{self.id}"


class OutreachRecord(db.Model):
    """One line of a draft's "Where to share" checklist."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    draft_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("draft.id"), index=True)
    network_id: so.Mapped[str] = so.mapped_column(sa.String(80))
    posted: so.Mapped[bool] = so.mapped_column(default=False)
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("draft_id", "network_id"),)


WORD, NAME, IGNORE = "word", "name", "ignore"
WORDING_KINDS = (WORD, NAME, IGNORE)


class OrganisationWording(db.Model):
    """An organisation's own rule for the wording check: a word to flag (with its
    category and alternatives), an organisation name (nothing inside it is
    flagged), or a word or phrase never to flag."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    organisation_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("organisation.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(10))
    phrase: so.Mapped[str] = so.mapped_column(sa.String(200))
    category: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    suggestions: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    explanation: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    added_by_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    added_by: so.Mapped[User] = so.relationship()


class Dismissal(db.Model):
    """Someone decided a finding in a draft is not a problem here, and said why. It
    stays listed, collapsed, and in the report; it no longer counts."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    draft_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("draft.id"), index=True)
    finding_key: so.Mapped[str] = so.mapped_column(sa.String(300))
    text: so.Mapped[str] = so.mapped_column(sa.String(200))
    category: so.Mapped[str] = so.mapped_column(sa.String(40))
    reason: so.Mapped[str] = so.mapped_column(sa.Text)
    dismissed_by_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    dismissed_by: so.Mapped[User] = so.relationship()

    __table_args__ = (sa.UniqueConstraint("draft_id", "finding_key"),)
