"""Following ``next`` after sign-in: a path on this site, or the default, never elsewhere."""

import pytest

from webapp.redirects import is_safe_path, safe_next

from .conftest import PASSWORD
from .helpers import assert_page_invariants, parse

# Each of these, as the view receives it (the query string already decoded once).
OFF_SITE = [
    "/\t/evil.example/",  # browsers drop the tab: //evil.example/
    "/\n/x",  # a newline in the Location header was a 500
    "/\r\n/x",
    "/x\nSet-Cookie: a=b",
    "\t/drafts",
    "/drafts\x00",
    "/\x7f/evil.example",
    "/\u200b/evil.example",  # zero-width space
    "/\\evil.example",  # browsers read a backslash as a slash
    "\\\\evil.example",
    "/drafts\\..\\x",
    "//evil.example",
    "///evil.example",
    "/%2F%2Fevil.example",
    "/%2Fevil.example",  # decodes to //evil.example
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%09/evil.example",
    "/%0A/x",
    "/%252F%252Fevil.example",  # encoded twice
    "/%25252F/evil.example",
    "https://evil.example",
    "http:/evil.example",
    "HTTPS://evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,hi",
    "evil.example",
    "drafts",
    " /drafts",
    "/a b",
    "",
    None,
    42,
    "/" + "a" * 2_001,
]
ON_SITE = ["/drafts", "/drafts/new", "/drafts/abc123?tab=share", "/check#results", "/drafts?q=a%20b", "/"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_off_site_and_malformed_targets_are_refused(target):
    assert not is_safe_path(target)
    assert safe_next(target, "/drafts") == "/drafts"


@pytest.mark.parametrize("target", ON_SITE)
def test_paths_on_this_site_are_followed(target):
    assert is_safe_path(target)
    assert safe_next(target, "/drafts") == target


@pytest.fixture
def ada(make_user):
    return make_user("ada@nhs.net", organisation="Trust A")


@pytest.mark.parametrize(
    "query",
    [
        "next=%2F%09%2Fevil.example%2F",
        "next=%2F%0A%2Fx",
        "next=%2F%0D%0ASet-Cookie:%20x=y",
        "next=%2F%5Cevil.example",
        "next=%2F%255Cevil.example",
        "next=%2F%252F%252Fevil.example",
        "next=%2F%2Fevil.example",
        "next=%2F%2F%2Fevil.example",
        "next=https%3A%2F%2Fevil.example",
        "next=javascript%3Aalert(1)",
        "next=%09%2F%2Fevil.example",
    ],
)
def test_sign_in_never_redirects_off_site_nor_fails(client, ada, query):
    response = client.post(f"/sign-in?{query}", data={"email": "ada@nhs.net", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/drafts"
    assert client.get("/drafts").status_code == 200  # and the sign-in worked


def test_sign_in_follows_a_path_on_this_site(client, ada):
    response = client.post("/sign-in?next=%2Fdrafts%2Fnew", data={"email": "ada@nhs.net", "password": PASSWORD})
    assert response.headers["Location"] == "/drafts/new"


def test_the_sign_in_form_carries_only_a_safe_next(client):
    soup = parse(client.get("/sign-in?next=%2F%09%2Fevil.example%2F"))
    assert_page_invariants(soup)
    assert soup.select_one("main form")["action"] == "/sign-in"
    soup = parse(client.get("/sign-in?next=%2Fdrafts%2Fnew"))
    assert soup.select_one("main form")["action"] == "/sign-in?next=/drafts/new"


def test_a_page_that_needs_an_account_sends_you_back_to_it(client, ada):
    response = client.get("/drafts/new")
    assert response.status_code == 302
    sign_in_url = response.headers["Location"]
    signed_in = client.post(sign_in_url, data={"email": "ada@nhs.net", "password": PASSWORD})
    assert signed_in.headers["Location"] == "/drafts/new"
