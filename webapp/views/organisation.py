"""An organisation admin's own networks (local staff networks, regional meetups)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..extensions import db
from ..models import OrganisationNetwork
from ..outreach import AUDIENCES
from ..role_templates import ROLE_FAMILIES

bp = Blueprint("organisation", __name__, url_prefix="/organisation")


@bp.before_request
@login_required
def require_admin():
    if not current_user.is_org_admin:
        abort(403)


def own_networks():
    return db.session.scalars(
        sa.select(OrganisationNetwork)
        .where(OrganisationNetwork.organisation_id == current_user.organisation_id)
        .order_by(OrganisationNetwork.name)
    ).all()


@bp.route("/networks", methods=["GET", "POST"])
def networks():
    errors, form = {}, request.form
    if request.method == "POST":
        name = (form.get("name") or "").strip()
        url = (form.get("url") or "").strip()
        if not name:
            errors["name"] = "Enter the network’s name"
        elif len(name) > 200:
            errors["name"] = "The name must be 200 characters or fewer"
        if url and not url.startswith(("https://", "http://")):
            errors["url"] = "Enter a web address starting with https://"
        audiences = [a for a in form.getlist("audiences") if a in AUDIENCES]
        families = [f for f in form.getlist("role_families") if f in ROLE_FAMILIES]
        if not errors:
            db.session.add(
                OrganisationNetwork(
                    organisation_id=current_user.organisation_id,
                    name=name,
                    summary=(form.get("summary") or "").strip()[:1_000],
                    url=url[:500],
                    audiences=audiences,
                    role_families=families,
                )
            )
            db.session.commit()
            flash(f"Added {name}. It is suggested only to people in your organisation.", "success")
            return redirect(url_for("organisation.networks"))
    return render_template(
        "organisation/networks.html", networks=own_networks(), errors=errors, form=form,
        audiences=AUDIENCES, role_families=ROLE_FAMILIES,
    ), (422 if errors else 200)


@bp.post("/networks/<int:network_id>/delete")
def delete_network(network_id):
    network = db.session.get(OrganisationNetwork, network_id)
    if network is None or network.organisation_id != current_user.organisation_id:
        abort(404)
    db.session.delete(network)
    db.session.commit()
    flash(f"Removed {network.name}.", "success")
    return redirect(url_for("organisation.networks"))
