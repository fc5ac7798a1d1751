"""Passwords and sessions: sign-out ends the session everywhere, changing your password
signs out your other sessions, an organisation admin can set a temporary password for
a colleague (and nobody else), and sign-in does the same work for an unknown email."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from webapp import create_app, passwords
from webapp.extensions import db
from webapp.models import User

from ..conftest import PASSWORD
from ..helpers import assert_page_invariants, normalize_spaces, parse, separate_database

NEW_PASSWORD = "a completely new passphrase"


def copy_of_session(client, app):
    """A new browser holding a copy of ``client``'s session cookie (as a thief would)."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie.value)
    return thief


def signed_in(client) -> bool:
    response = client.get("/account")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/sign-in")
        return False
    assert response.status_code == 200
    return True


def error_summary(response) -> list[tuple[str, str]]:
    soup = parse(response)
    assert_page_invariants(soup)
    return [(normalize_spaces(a.get_text()), a["href"]) for a in soup.select(".nhsuk-error-summary a")]


@pytest.fixture
def ada(make_user):
    return make_user("ada@nhs.net", organisation="Trust A")


# Sign-out


def test_a_cookie_copied_before_sign_out_stops_working(app, ada, sign_in):
    browser = sign_in("ada@nhs.net")
    copied = copy_of_session(browser, app)
    assert signed_in(copied)  # the copy works while the session does
    assert browser.post("/sign-out").status_code == 302
    assert not signed_in(browser)
    assert not signed_in(copied)
    assert not signed_in(copy_of_session(copied, app))


def test_signing_in_again_after_sign_out_works(app, ada, sign_in):
    sign_in("ada@nhs.net").post("/sign-out")
    assert signed_in(sign_in("ada@nhs.net"))


def test_a_session_from_before_session_tokens_is_signed_out(app, ada, client):
    """A cookie holding only the user id (as before this change) no longer signs anyone in."""
    with client.session_transaction() as session:
        session["_user_id"] = str(ada["id"])
        session["_fresh"] = True
    assert not signed_in(client)


# Change your password


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post("/account/password", data={
        "current_password": current, "password": new, "confirm": new if confirm is None else confirm})


def test_the_account_page_links_to_change_your_password(ada, sign_in):
    soup = parse(sign_in("ada@nhs.net").get("/account"))
    link = soup.find("a", string="Change your password")
    assert link["href"] == "/account/password"


def test_change_your_password_page(ada, sign_in):
    soup = parse(sign_in("ada@nhs.net").get("/account/password"))
    assert_page_invariants(soup)
    assert normalize_spaces(soup.h1.get_text()) == "Change your password"
    labels = [normalize_spaces(label.get_text()) for label in soup.select("main form label")]
    assert labels == ["Current password", "New password", "Confirm new password"]
    assert soup.select_one("#current_password")["autocomplete"] == "current-password"
    assert soup.select_one("#password")["autocomplete"] == "new-password"
    assert "At least 12 characters" in soup.select_one("#password-hint").get_text()


def test_changing_your_password_signs_out_your_other_sessions_only(app, ada, sign_in, client):
    here, elsewhere = sign_in("ada@nhs.net"), sign_in("ada@nhs.net")
    copied = copy_of_session(here, app)
    response = change_password(here)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    page = parse(here.get("/account"))
    assert "Your password has been changed" in page.get_text()
    assert signed_in(here)
    assert not signed_in(elsewhere)
    assert not signed_in(copied)  # a copy of this browser's old cookie is refused too
    assert client.post("/sign-in", data={"email": "ada@nhs.net", "password": PASSWORD}).status_code == 422
    assert client.post("/sign-in", data={"email": "ada@nhs.net", "password": NEW_PASSWORD}).status_code == 302


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"current": "not my password"}, [("Your current password is not correct", "#current_password")]),
        ({"current": ""}, [("Enter your current password", "#current_password")]),
        ({"new": "too short"}, [("The new password must be 12 characters or more", "#password")]),
        ({"confirm": "something else entirely"}, [("The passwords do not match", "#confirm")]),
        ({"new": "", "confirm": ""}, [("Enter a new password", "#password"),
                                      ("Enter the new password again", "#confirm")]),
    ],
)
def test_change_password_errors_are_clear_and_change_nothing(app, ada, sign_in, data, expected):
    browser = sign_in("ada@nhs.net")
    elsewhere = sign_in("ada@nhs.net")
    response = change_password(browser, **data)
    assert response.status_code == 422
    assert error_summary(response) == expected
    soup = parse(response)
    field = soup.select_one(expected[0][1])
    assert field.get("aria-describedby") and "error" in field["aria-describedby"]
    assert signed_in(elsewhere)
    with app.app_context():
        assert db.session.get(User, ada["id"]).check_password(PASSWORD)


def test_change_password_needs_you_signed_in(client):
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")


# An organisation admin sets a temporary password


@pytest.fixture
def organisation(make_user, sign_in):
    """Ada (admin) and Grace in Trust A; Eve (admin) in Trust B. Each signed in."""
    lead = make_user("ada@nhs.net", organisation="Trust A", name="Ada Lovelace")
    grace = make_user("grace@nhs.net", invite_code=lead["invite_code"], name="Grace Hopper")
    eve = make_user("eve@nhs.net", organisation="Trust B", name="Eve Other")
    return {
        "ada": {**lead, "client": sign_in("ada@nhs.net")},
        "grace": {**grace, "client": sign_in("grace@nhs.net")},
        "eve": {**eve, "client": sign_in("eve@nhs.net")},
    }


def reset(client, user_id, password="temporary pass phrase", confirm=None):
    return client.post(f"/organisation/people/{user_id}/password",
                       data={"password": password, "confirm": password if confirm is None else confirm})


def test_an_admin_sees_the_people_in_their_organisation_only(organisation):
    admin = organisation["ada"]["client"]
    account = parse(admin.get("/account"))
    assert account.find("a", string="See who has an account")["href"] == "/organisation/people"
    soup = parse(admin.get("/organisation/people"))
    assert_page_invariants(soup)
    rows = [[normalize_spaces(td.get_text()) for td in tr.select("td")] for tr in soup.select("#people tbody tr")]
    assert rows == [
        ["Ada Lovelace (admin)", "ada@nhs.net", "Change your password"],
        ["Grace Hopper", "grace@nhs.net", "Set a temporary password for Grace Hopper"],
    ]


def test_an_admin_sets_a_temporary_password_which_signs_the_person_out_everywhere(app, organisation, client):
    admin, grace = organisation["ada"]["client"], organisation["grace"]
    (link,) = [a for a in parse(admin.get("/organisation/people")).select("#people a")
               if "Set a temporary password" in a.get_text()]
    page = admin.get(link["href"])
    soup = parse(page)
    assert_page_invariants(soup)
    assert normalize_spaces(soup.h1.get_text()) == "Set a temporary password for Grace Hopper"
    response = reset(admin, grace["id"])
    assert response.status_code == 302
    assert response.headers["Location"] == "/organisation/people"
    assert "Grace Hopper has a temporary password" in parse(admin.get("/organisation/people")).get_text()
    assert not signed_in(grace["client"])
    assert signed_in(admin)
    assert client.post("/sign-in", data={"email": "grace@nhs.net", "password": PASSWORD}).status_code == 422
    assert client.post("/sign-in", data={"email": "grace@nhs.net",
                                         "password": "temporary pass phrase"}).status_code == 302


def test_someone_given_a_temporary_password_chooses_their_own_before_anything_else(app, organisation, client):
    admin, grace = organisation["ada"]["client"], organisation["grace"]
    reset(admin, grace["id"])
    response = client.post("/sign-in", data={"email": "grace@nhs.net", "password": "temporary pass phrase"})
    assert response.status_code == 302
    # Every page sends her to "Change your password", which says why.
    for path in ("/drafts", "/account", "/check", "/drafts/new"):
        answer = client.get(path)
        assert (answer.status_code, answer.headers.get("Location")) == (302, "/account/password"), path
    for path in ("/privacy", "/accessibility-statement", "/about-the-check"):  # the footer's pages stay open
        assert client.get(path).status_code == 200, path
    page = parse(client.get("/account/password"))
    assert_page_invariants(page)
    assert "temporary password" in normalize_spaces(page.select_one("#temporary-password-notice").get_text())
    token = page.select_one('input[name="csrf_token"]')["value"] if page.select_one('input[name="csrf_token"]') else ""
    # Keeping the temporary password is not choosing one.
    same = client.post("/account/password", data={"csrf_token": token, "current_password": "temporary pass phrase",
                                                  "password": "temporary pass phrase", "confirm": "temporary pass phrase"})
    assert same.status_code == 422
    assert "Choose a new password" in normalize_spaces(parse(same).get_text())
    assert client.get("/drafts").status_code == 302
    changed = client.post("/account/password", data={"csrf_token": token, "current_password": "temporary pass phrase",
                                                     "password": "a new phrase of her own", "confirm": "a new phrase of her own"})
    assert changed.status_code == 302
    assert client.get("/drafts").status_code == 200
    with app.app_context():
        assert db.session.get(User, grace["id"]).must_change_password is False


def test_an_admin_cannot_touch_another_organisations_people(app, organisation):
    admin, eve = organisation["ada"]["client"], organisation["eve"]
    assert admin.get(f"/organisation/people/{eve['id']}/password").status_code == 404
    assert reset(admin, eve["id"]).status_code == 404
    assert admin.get("/organisation/people/999999/password").status_code == 404
    assert signed_in(eve["client"])
    with app.app_context():
        assert db.session.get(User, eve["id"]).check_password(PASSWORD)
    assert "eve@nhs.net" not in admin.get("/organisation/people").get_data(as_text=True)


def test_someone_who_is_not_an_admin_cannot_set_passwords(app, organisation):
    grace, ada = organisation["grace"]["client"], organisation["ada"]
    assert grace.get("/organisation/people").status_code == 403
    assert reset(grace, ada["id"]).status_code == 403
    assert signed_in(ada["client"])
    with app.app_context():
        assert db.session.get(User, ada["id"]).check_password(PASSWORD)


def test_an_admin_is_sent_to_change_their_own_password(organisation):
    admin = organisation["ada"]
    response = admin["client"].get(f"/organisation/people/{admin['id']}/password")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/password"


@pytest.mark.parametrize(
    ("password", "confirm", "expected"),
    [
        ("short", None, [("The temporary password must be 12 characters or more", "#password")]),
        ("temporary pass phrase", "different", [("The passwords do not match", "#confirm")]),
        ("", "", [("Enter a temporary password", "#password"), ("Enter the temporary password again", "#confirm")]),
    ],
)
def test_temporary_password_errors_are_clear(app, organisation, password, confirm, expected):
    admin, grace = organisation["ada"]["client"], organisation["grace"]
    response = reset(admin, grace["id"], password, confirm)
    assert response.status_code == 422
    assert error_summary(response) == expected
    assert signed_in(grace["client"])


# Sign-in takes as long whether or not the account exists


@pytest.fixture
def password_checks(monkeypatch):
    """Every hash that sign-in checks a password against."""
    checked = []
    real = passwords.check_password_hash

    def counting(password_hash, password):
        checked.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting)
    return checked


def method_and_cost(password_hash: str) -> str:
    return password_hash.split("$", 1)[0]  # e.g. "scrypt:32768:8:1"


def test_an_unknown_email_is_checked_against_a_hash_of_the_same_cost(app, ada, client, password_checks):
    with app.app_context():
        real_hash = db.session.scalar(sa.select(User.password_hash).where(User.email == "ada@nhs.net"))
    known = client.post("/sign-in", data={"email": "ada@nhs.net", "password": "wrong password!"})
    unknown = client.post("/sign-in", data={"email": "nobody@nhs.net", "password": "wrong password!"})
    assert known.status_code == unknown.status_code == 422
    assert len(password_checks) == 2  # one full password check each
    assert password_checks[0] == real_hash
    assert password_checks[1] != real_hash
    assert method_and_cost(password_checks[1]) == method_and_cost(real_hash) == app.config["PASSWORD_HASH_METHOD"]
    # The same message either way.
    assert error_summary(known) == error_summary(unknown)


def test_the_dummy_hash_follows_the_configured_cost(tmp_path, password_checks):
    app = create_app({"WEBAPP_ENV": "test", "PASSWORD_HASH_METHOD": "scrypt:256:8:1",
                      "SQLALCHEMY_DATABASE_URI": separate_database(tmp_path, "dummy_hash")})
    with app.app_context():
        db.create_all()
        response = app.test_client().post("/sign-in", data={"email": "nobody@nhs.net", "password": "x" * 12})
        assert response.status_code == 422
        db.session.remove()
        db.engine.dispose()
    assert [method_and_cost(h) for h in password_checks] == ["scrypt:256:8:1"]
