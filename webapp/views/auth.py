"""Accounts: register, sign in, sign out, change your password. Every user belongs to
an organisation."""

from __future__ import annotations

import hmac

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from .. import passwords
from ..extensions import db, login_manager
from ..forms import ChangePasswordForm, RegisterForm, SignInForm
from ..models import Organisation, User
from ..rate_limits import note_wrong_password
from ..redirects import is_safe_path, safe_next

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The session holds "<user id>:<session token>" (User.get_id). A token that is no
    longer the user's (they signed out, or their password changed) signs the session out."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token.encode(), token.encode()):
        return None
    return user


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
        # The same password check whether or not the account exists, so the answer
        # takes as long either way.
        if passwords.check_sign_in(user.password_hash if user else None, form.password.data):
            login_user(user)
            return redirect(safe_next(request.args.get("next"), url_for("drafts.list_drafts")))
        note_wrong_password()
        # One message for both cases, so the form does not reveal who has an account.
        form.email.errors = ["Enter a correct email address and password"]
    if form.is_submitted():
        status = 422
    next_path = request.args.get("next")
    return render_template("auth/sign-in.html", form=form,
                           next_path=next_path if is_safe_path(next_path) else None), status


@bp.post("/sign-out")
@login_required
def sign_out():
    # A new session token: this cookie, and any copy of it, stops working.
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("pages.index"))


@bp.get("/account")
@login_required
def account():
    return render_template("auth/account.html", user=current_user)


# What someone with a temporary password can still reach before choosing their own.
OPEN_WITH_TEMPORARY_PASSWORD = frozenset({
    "auth.change_password", "auth.sign_out", "static", "status.status",
    # The footer's pages: anyone may read them.
    "pages.privacy", "pages.accessibility_statement", "pages.about_the_check",
})


@bp.before_app_request
def require_own_password():
    """After an admin sets a temporary password, the person chooses their own before
    anything else: every other page sends them to "Change your password"."""
    # Only a signed-in browser is looked up (the API has no session), so a request that
    # needs no account never waits on the database.
    if (request.endpoint is None or request.endpoint in OPEN_WITH_TEMPORARY_PASSWORD or request.blueprint == "api"
            or "_user_id" not in session):  # None: no such page, a 404 whoever asks
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(url_for("auth.change_password"))
    return None


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if user.check_password(form.current_password.data):
            if form.password.data == form.current_password.data:
                form.password.errors = ["Choose a new password, not the one you have now"]
                return render_template("auth/change-password.html", form=form), 422
            user.set_password(form.password.data)
            user.must_change_password = False
            user.end_sessions()
            db.session.commit()
            login_user(user)  # this browser carries the new token; every other one is signed out
            flash("Your password has been changed. You have been signed out on every other device.", "success")
            return redirect(url_for("auth.account"))
        note_wrong_password()
        form.current_password.errors = ["Your current password is not correct"]
    if form.is_submitted():
        status = 422
    return render_template("auth/change-password.html", form=form), status
