"""Glue between the outreach matcher, the database and the views."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from .analysis.gender_coding import MASCULINE_CODED, STRONGLY_MASCULINE
from .extensions import db
from .models import Draft, OrganisationNetwork, OutreachRecord, utcnow
from .outreach import RETIRED_NETWORK_NAMES, Network, Networks, Suggestion, suggest
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
                organisation_id: int | None = None, own: tuple[Network, ...] | None = None) -> list[Suggestion]:
    """``own``: the organisation's networks, when the caller has them already."""
    return suggest(
        networks(),
        role_family,
        level_id=level_id,
        masculine_coded=verdict in (MASCULINE_CODED, STRONGLY_MASCULINE),
        organisation_id=organisation_id,
        extra=organisation_networks(organisation_id) if own is None else own,
    )


def draft_suggestions(draft: Draft, verdict: str, own: tuple[Network, ...] | None = None) -> list[Suggestion]:
    """Where to share a draft: for its role, level and organisation (the share page and
    the report list the same)."""
    return suggestions(draft.role_family, verdict, level_id=draft.level_id, organisation_id=draft.organisation_id,
                       own=own)


MAX_OUTREACH_NOTES = 2_000


def save_outreach_checklist(draft: Draft, suggested, posted: set[str], notes: dict[str, str]) -> None:
    """Save the draft's "Where to share" checklist: which suggested networks the
    advert was posted to, with notes. A network with nothing ticked or written
    keeps no record."""
    records = {record.network_id: record for record in draft.outreach}
    for suggestion in suggested:
        network_id = suggestion.network.id
        note = (notes.get(network_id) or "").strip()[:MAX_OUTREACH_NOTES]
        record = records.get(network_id)
        if record is None and not note and network_id not in posted:
            continue
        if record is None:
            record = records[network_id] = OutreachRecord(draft_id=draft.id, network_id=network_id)
            db.session.add(record)
        record.posted = network_id in posted
        record.notes = note
        record.updated_at = utcnow()
    db.session.commit()


def recorded_elsewhere(draft: Draft, suggested, own: tuple[Network, ...]) -> list[tuple[str, OutreachRecord]]:
    """What the draft's checklist holds for networks not suggested now (another role
    was chosen, or a network has left the list): (name, record), so nothing anyone
    recorded goes out of sight. ``own``: the organisation's networks."""
    shown = {suggestion.network.id for suggestion in suggested}
    names = {network.id: network.name for network in (*networks().networks, *own)}
    return [(names.get(record.network_id) or RETIRED_NETWORK_NAMES.get(record.network_id) or record.network_id, record)
            for record in sorted(draft.outreach, key=lambda r: r.updated_at)
            if record.network_id not in shown and (record.posted or (record.notes or "").strip())]
