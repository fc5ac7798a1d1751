"""Accounts: register, sign in, sign out. Every user belongs to an organisation."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db, login_manager
from ..forms import RegisterForm, SignInForm
from ..models import Organisation, User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def safe_next(target: str | None) -> str:
    # Only local paths: an open redirect would help phishing.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("drafts.list_drafts")


def create_user(name: str, email: str, password: str, organisation_name: str = "", invite_code: str = "") -> tuple[User | None, dict]:
    """Create a user in a new organisation, or in an existing one by its invite code.
    Returns (user, {}) or (None, {field: message})."""
    email = email.strip().lower()
    if db.session.scalar(sa.select(User).where(User.email == email)):
        return None, {"email": "An account with this email address already exists. Sign in instead."}
    invite_code = invite_code.strip()
    if invite_code:
        organisation = db.session.scalar(sa.select(Organisation).where(Organisation.invite_code == invite_code))
        if organisation is None:
            return None, {"invite_code": "This invite code is not recognised. Check it with your colleague."}
        is_admin = False
    else:
        organisation_name = organisation_name.strip()
        if not organisation_name:
            return None, {"organisation": "Enter your organisation’s name, or an invite code from a colleague"}
        if db.session.scalar(sa.select(Organisation).where(sa.func.lower(Organisation.name) == organisation_name.lower())):
            return None, {
                "organisation": "This organisation already has accounts. Ask a colleague for its invite code."
            }
        organisation = Organisation(name=organisation_name)
        db.session.add(organisation)
        is_admin = True  # the first person in an organisation manages it
    user = User(name=name.strip(), email=email, organisation=organisation, is_org_admin=is_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user, {}


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    status = 200
    if form.validate_on_submit():
        user, errors = create_user(
            form.name.data, form.email.data, form.password.data, form.organisation.data or "", form.invite_code.data or ""
        )
        if user:
            login_user(user)
            flash("Your account has been created.", "success")
            return redirect(url_for("drafts.list_drafts"))
        for field, message in errors.items():
            getattr(form, field).errors = [message]
    if form.is_submitted():
        status = 422
    return render_template("auth/register.html", form=form), status


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        user = db.session.scalar(sa.select(User).where(User.email == form.email.data.strip().lower()))
        if user and user.check_password(form.password.data):
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        # One message for both cases, so the form does not reveal who has an account.
        form.email.errors = ["Enter a correct email address and password"]
    if form.is_submitted():
        status = 422
    return render_template("auth/sign-in.html", form=form), status


@bp.post("/sign-out")
@login_required
def sign_out():
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("pages.index"))


@bp.get("/account")
@login_required
def account():
    return render_template("auth/account.html", user=current_user)
