"""An organisation admin's settings: its own networks (local staff networks,
regional meetups), its own wording rules for the check, the optional standard
statements its new job descriptions carry, and its people (a temporary password for
someone who has forgotten theirs)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..analysis.categories import BY_ID as CATEGORIES_BY_ID
from ..analysis.categories import WORD_CATEGORIES
from ..extensions import db
from ..forms import (
    IgnoredWordingForm,
    OrganisationNameForm,
    OrganisationWordForm,
    StandardStatementsForm,
    TemporaryPasswordForm,
)
from ..models import IGNORE, NAME, WORD, Organisation, OrganisationNetwork, OrganisationWording, User
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


def own_row(model, row_id: int):
    """A row of this organisation's settings, or 404 (another organisation's rows
    are not confirmed to exist)."""
    row = db.session.get(model, row_id)
    if row is None or row.organisation_id != current_user.organisation_id:
        abort(404)
    return row


@bp.post("/networks/<int:network_id>/delete")
def delete_network(network_id):
    network = own_row(OrganisationNetwork, network_id)
    db.session.delete(network)
    db.session.commit()
    flash(f"Removed {network.name}.", "success")
    return redirect(url_for("organisation.networks"))


def _wording_forms():
    word_form = OrganisationWordForm(prefix="word")
    word_form.category.choices = [("", "Choose")] + [(c, CATEGORIES_BY_ID[c].label) for c in WORD_CATEGORIES]
    return word_form, OrganisationNameForm(prefix="name"), IgnoredWordingForm(prefix="ignore")


def _render_wording(word_form, name_form, ignore_form, status: int = 200):
    rows = db.session.scalars(
        sa.select(OrganisationWording)
        .where(OrganisationWording.organisation_id == current_user.organisation_id)
        .order_by(OrganisationWording.kind, sa.func.lower(OrganisationWording.phrase))
    ).all()
    return render_template(
        "organisation/wording.html", rows=rows, word_form=word_form, name_form=name_form,
        ignore_form=ignore_form, category_labels={c: CATEGORIES_BY_ID[c].label for c in WORD_CATEGORIES},
    ), status


def _changed() -> None:
    """Every server recompiles the organisation's rules when this number moves."""
    db.session.execute(
        sa.update(Organisation).where(Organisation.id == current_user.organisation_id)
        .values(wording_version=Organisation.wording_version + 1)
    )


@bp.get("/wording")
def wording():
    return _render_wording(*_wording_forms())


@bp.post("/wording/<kind>")
def add_wording(kind):
    """Add a word to flag, an organisation name, or a word never to flag."""
    forms = _wording_forms()
    word_form, name_form, ignore_form = forms
    form = {WORD: word_form, NAME: name_form, IGNORE: ignore_form}.get(kind)
    if form is None:
        abort(404)
    if kind == WORD and word_form.category.data not in WORD_CATEGORIES:
        word_form.category.data = None
    if not form.validate():
        return _render_wording(*forms, status=422)
    row = OrganisationWording(organisation_id=current_user.organisation_id, kind=kind, added_by_id=current_user.id)
    if kind == WORD:
        row.phrase = word_form.phrase.data
        row.category = word_form.category.data
        row.suggestions = [s.strip() for s in word_form.suggestions.data.replace("\n", "|").split("|") if s.strip()][:10]
        row.explanation = (word_form.explanation.data or "").strip()
    else:
        row.phrase = (name_form.name.data if kind == NAME else ignore_form.phrase.data)
    db.session.add(row)
    _changed()
    db.session.commit()
    what = {WORD: "will be flagged", NAME: "is an organisation name: nothing inside it is flagged",
            IGNORE: "will not be flagged"}[kind]
    flash(f"“{row.phrase}” {what} for everyone in your organisation.", "success")
    return redirect(url_for("organisation.wording"))


@bp.post("/wording/<int:wording_id>/delete")
def delete_wording(wording_id):
    row = own_row(OrganisationWording, wording_id)
    db.session.delete(row)
    _changed()
    db.session.commit()
    flash(f"Removed “{row.phrase}”.", "success")
    return redirect(url_for("organisation.wording"))


@bp.route("/statements", methods=["GET", "POST"])
def statements():
    """Choose the optional statements new job descriptions in this organisation carry."""
    available = current_app.extensions["statements"]
    organisation = db.session.get(Organisation, current_user.organisation_id)
    form = StandardStatementsForm()
    form.statements.choices = [(statement.id, statement.heading) for statement in available]
    if form.validate_on_submit():
        organisation.standard_statements = [s.id for s in available if s.id in set(form.statements.data)]
        db.session.commit()
        count = len(organisation.standard_statements)
        flash(f"Saved. New job descriptions in {organisation.name} will include "
              f"{count} optional statement{'s' if count != 1 else ''}. Drafts already started are not changed.",
              "success")
        return redirect(url_for("organisation.statements"))
    if not form.is_submitted():
        form.statements.data = list(organisation.standard_statements or [])
    return render_template("organisation/statements.html", form=form, available=available), (
        422 if form.is_submitted() else 200)


@bp.get("/people")
def people():
    members = db.session.scalars(
        sa.select(User).where(User.organisation_id == current_user.organisation_id).order_by(sa.func.lower(User.name))
    ).all()
    return render_template("organisation/people.html", people=members)


@bp.route("/people/<int:user_id>/password", methods=["GET", "POST"])
def temporary_password(user_id):
    """Set a temporary password for someone in this organisation (404 for anyone else),
    which signs them out everywhere."""
    person = own_row(User, user_id)
    if person.id == current_user.id:
        return redirect(url_for("auth.change_password"))
    form = TemporaryPasswordForm()
    if form.validate_on_submit():
        person.set_password(form.password.data)
        person.must_change_password = True
        person.end_sessions()
        db.session.commit()
        flash(f"{person.name} has a temporary password and has been signed out everywhere. Tell them it in "
              "person or by phone. When they sign in with it, they will be asked to choose their own.", "success")
        return redirect(url_for("organisation.people"))
    return render_template("organisation/temporary-password.html", form=form, person=person), (
        422 if form.is_submitted() else 200)
