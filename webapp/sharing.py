"""Glue between the outreach matcher, the database and the views."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from .analysis.gender_coding import MASCULINE_CODED, STRONGLY_MASCULINE
from .extensions import db
from .models import OrganisationNetwork
from .outreach import Network, Networks, Suggestion, suggest
from .role_templates import ROLE_FAMILIES


def networks() -> Networks:
    return current_app.extensions["networks"]


def organisation_networks(organisation_id: int | None) -> tuple[Network, ...]:
    if organisation_id is None:
        return ()
    rows = db.session.scalars(
        sa.select(OrganisationNetwork).where(OrganisationNetwork.organisation_id == organisation_id)
    )
    return tuple(
        Network(
            id=row.network_id,
            name=row.name,
            summary=row.summary,
            serves=row.summary or "your organisation's own network",
            url=row.url,
            url_confirmed=True,
            status="active",
            kind="community",
            audiences=tuple(row.audiences or ()),
            role_families=tuple(row.role_families or ()) or ("all",),
            sources=("Added by your organisation",),
            organisation_id=organisation_id,
        )
        for row in rows
    )


def role_family_for(role: str | None) -> str | None:
    """A role family from a role family name or a template id; None if unknown."""
    if not role:
        return None
    if role in ROLE_FAMILIES:
        return role
    template = current_app.extensions["role_templates"].get(role)
    return template.role_family if template else None


def suggestions(role_family: str | None, verdict: str, *, level_id: str | None = None,
                organisation_id: int | None = None) -> list[Suggestion]:
    return suggest(
        networks(),
        role_family,
        level_id=level_id,
        masculine_coded=verdict in (MASCULINE_CODED, STRONGLY_MASCULINE),
        organisation_id=organisation_id,
        extra=organisation_networks(organisation_id),
    )
