"""Accounts: register, sign in, sign out; every user belongs to an organisation."""

import pytest

from webapp.extensions import db
from webapp.models import User

from ..conftest import PASSWORD
from ..helpers import assert_page_invariants, normalize_spaces, parse


def register(client, **overrides):
    data = {"name": "Ada", "email": "ada@nhs.net", "organisation": "Leeds Teaching Hospitals NHS Trust",
            "invite_code": "", "password": PASSWORD, "confirm": PASSWORD, **overrides}
    return client.post("/register", data=data)


def test_register_creates_a_user_in_a_new_organisation_and_signs_them_in(app, client):
    response = register(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/drafts"
    with app.app_context():
        user = db.session.query(User).filter_by(email="ada@nhs.net").one()
        assert user.organisation.name == "Leeds Teaching Hospitals NHS Trust"
        assert user.is_org_admin
        assert user.password_hash.startswith("scrypt:")  # strong, salted hashing
        assert PASSWORD not in user.password_hash
    assert client.get("/drafts").status_code == 200


def test_a_colleague_joins_with_the_invite_code(app, client, make_user):
    first = make_user("lead@nhs.net", organisation="Trust A")
    response = register(app.test_client(), email="grace@nhs.net", organisation="", invite_code=first["invite_code"])
    assert response.status_code == 302
    with app.app_context():
        grace = db.session.query(User).filter_by(email="grace@nhs.net").one()
        assert grace.organisation.name == "Trust A"
        assert not grace.is_org_admin


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-email"}, "Enter an email address like name@nhs.net"),
        ({"password": "short", "confirm": "short"}, "12 characters or more"),
        ({"confirm": "something else entirely"}, "The passwords do not match"),
        ({"organisation": ""}, "Enter your organisation’s name, or an invite code"),
        ({"organisation": "", "invite_code": "nope"}, "invite code is not recognised"),
        ({"name": ""}, "Enter your name"),
    ],
)
def test_registration_errors_are_clear(client, overrides, message):
    response = register(client, **overrides)
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert message in normalize_spaces(soup.select_one(".nhsuk-error-summary").get_text())


def test_an_organisation_name_cannot_be_taken_over(client, make_user):
    make_user("lead@nhs.net", organisation="Trust A")
    response = register(client, email="eve@example.com", organisation="trust a")
    assert response.status_code == 422
    assert "Ask a colleague for its invite code" in parse(response).get_text()


def test_duplicate_email_is_refused(client, make_user):
    make_user("ada@nhs.net", organisation="Trust A")
    assert "already exists" in parse(register(client, organisation="Trust B")).get_text()


def test_sign_in_and_out(client, make_user):
    make_user("ada@nhs.net", organisation="Trust A")
    assert client.get("/drafts").status_code == 302  # needs an account
    wrong = client.post("/sign-in", data={"email": "ada@nhs.net", "password": "wrong password!"})
    assert wrong.status_code == 422
    assert "Enter a correct email address and password" in parse(wrong).get_text()
    response = client.post("/sign-in?next=/drafts/new", data={"email": "ADA@nhs.net", "password": PASSWORD})
    assert response.headers["Location"] == "/drafts/new"
    assert client.get("/drafts").status_code == 200
    client.post("/sign-out")
    assert client.get("/drafts").status_code == 302


def test_sign_in_never_redirects_off_site(client, make_user):
    make_user("ada@nhs.net", organisation="Trust A")
    response = client.post("/sign-in?next=//evil.example/x", data={"email": "ada@nhs.net", "password": PASSWORD})
    assert response.headers["Location"] == "/drafts"


@pytest.mark.parametrize("url", ["/register", "/sign-in"])
def test_account_pages_keep_the_invariants(get_page, url):
    get_page(url)


def test_account_page_shows_the_invite_code(app, make_user, sign_in, ):
    user = make_user("ada@nhs.net", organisation="Trust A")
    soup = parse(sign_in("ada@nhs.net").get("/account"))
    assert_page_invariants(soup)
    assert soup.select_one("#invite-code").get_text() == user["invite_code"]


def test_create_user_command(app, runner):
    result = runner.invoke(
        args=["create-user", "--name", "Ada", "--email", "ada@nhs.net", "--organisation", "Trust A",
              "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    assert "Created ada@nhs.net in Trust A" in result.output
    again = runner.invoke(
        args=["create-user", "--name", "Ada", "--email", "ada@nhs.net", "--organisation", "Trust B", "--password", PASSWORD]
    )
    assert again.exit_code == 1
    assert "already exists" in again.output
