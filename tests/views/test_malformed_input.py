"""Malformed input gets a clear 4xx, never a 500: NUL characters, numbers too big for
the database, JSON nested too deeply or sent to a page, a file in place of text,
non-UTF-8 bytes, too many fields."""

import io

import pytest
from flask_wtf.file import FileField

from webapp import forms
from webapp.extensions import db
from webapp.models import Draft, Organisation, User
from webapp.request_input import UPLOAD_FIELDS

from ..conftest import PASSWORD
from ..helpers import HX_PARTIAL, assert_page_invariants, normalize_spaces, parse
from .test_drafts import editor, form_data, start_from_template


@pytest.fixture
def ada(make_user, sign_in):
    make_user("ada@nhs.net", organisation="Trust A")
    return sign_in("ada@nhs.net")


def heading(response) -> str:
    return normalize_spaces(parse(response).select_one("h1").get_text())


# --- JSON --------------------------------------------------------------------------


def test_json_nested_too_deeply_to_parse_is_a_400_json_error(client):
    deep = "[" * 100_000 + "]" * 100_000
    for body in (deep, '{"text": ' + deep + "}"):
        response = client.post("/api/v1/check", data=body, content_type="application/json")
        assert response.status_code == 400
        assert response.get_json()["error"] == {
            "status": 400, "message": 'The body must be a JSON object such as {"text": "..."}.'}


@pytest.mark.parametrize("body", ["42", '"an advert"', "null", "true", "[[]]"])
def test_a_json_body_that_is_not_an_object_is_a_400(client, body):
    response = client.post("/api/v1/check", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "JSON object" in response.get_json()["error"]["message"]


def test_nul_characters_are_removed_from_api_text(client):
    body = client.post("/api/v1/check", json={"text": "An aggres\x00sive lea\x00der", "title": "Lead\x00"}).get_json()
    assert [f["text"] for f in body["findings"] if f["category"] == "masculine-coded"] == ["aggressive", "leader"]
    assert "\x00" not in (body["checked_text"] or "")


@pytest.mark.parametrize("url", ["/check", "/register", "/sign-in", "/check/report/csv"])
def test_json_sent_to_a_page_is_a_415_page(client, url):
    for body in ("[1]", "42", '{"text": {"nested": 1}}', "[" * 50_000):
        response = client.post(url, data=body, content_type="application/json")
        assert response.status_code == 415
        soup = parse(response)
        assert_page_invariants(soup)
        assert "This page takes a form, not JSON" in soup.get_text()


def test_json_sent_to_the_draft_editor_is_a_415_and_saves_nothing(app, ada):
    draft_id = start_from_template(ada)
    response = ada.post(f"/drafts/{draft_id}", json={"version": 1, "job_title": ["a", "list"]})
    assert response.status_code == 415
    assert editor(ada, draft_id).select_one("#job_title")["value"] == "Senior product manager"


# --- NUL characters in forms and the query string -----------------------------------


def test_nul_characters_are_removed_from_draft_fields_before_saving(app, ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data.update(job_title=["Data\x00 analyst"], job_summary=["Analyse\x00 data."], essential=["SQL\x00", "Python"],
                action=["save"])
    response = ada.post(f"/drafts/{draft_id}", data=data)
    assert response.status_code == 302
    soup = editor(ada, draft_id)
    assert soup.select_one("#job_title")["value"] == "Data analyst"
    assert soup.select_one("#job_summary").get_text() == "Analyse data."
    assert [t.get_text() for t in soup.select('textarea[name="essential"]')] == ["SQL", "Python"]
    with app.app_context():
        draft = db.session.scalar(db.select(Draft).where(Draft.public_id == draft_id))
        assert "\x00" not in repr(draft.content()) and "\x00" not in repr(draft.revisions[0].content)


def test_an_autosave_with_nul_characters_saves_without_them(app, ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["location"] = ["\x00Leeds\x00"]
    response = ada.post(f"/drafts/{draft_id}", data=data, headers=HX_PARTIAL)
    assert response.status_code == 200
    assert editor(ada, draft_id).select_one("#location")["value"] == "Leeds"


def test_nul_characters_are_removed_from_registration_and_sign_in(app, client):
    response = client.post("/register", data={
        "name": "Grace\x00 Hopper", "email": "grace\x00@nhs.net", "organisation": "Trust\x00 G",
        "invite_code": "\x00", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "grace@nhs.net"))
        assert (user.name, user.organisation.name) == ("Grace Hopper", "Trust G")
    signed_in = app.test_client()
    response = signed_in.post("/sign-in?next=/drafts%00", data={"email": "\x00grace@nhs.net", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/drafts"
    assert signed_in.get("/drafts").status_code == 200


def test_searching_drafts_for_text_with_a_nul_searches_without_it(ada):
    start_from_template(ada)
    start_from_template(ada, "user-researcher", "senior")
    for query in ("?q=%00", "?q=research%00er", "?q=%00&role=%00&status=%00"):
        response = ada.get("/drafts" + query)
        assert response.status_code == 200
        soup = parse(response)
        assert_page_invariants(soup)
        names = [a.get_text() for a in soup.select("#drafts tbody td:first-child a")]
        if "research" in query:
            assert names == ["Senior user researcher"]
        else:
            assert sorted(names) == ["Senior product manager", "Senior user researcher"]
        assert "\x00" not in soup.select_one('input[name="q"]').get("value", "")


def test_a_nul_in_a_web_address_is_page_not_found(ada):
    draft_id = start_from_template(ada)
    for url in ("/drafts/%00", f"/drafts/{draft_id}%00", f"/drafts/{draft_id}%00/preview", "/job-templates/%00"):
        response = ada.get(url)
        assert response.status_code == 404
        assert heading(response) == "Page not found"


# --- Numbers too big for the database ------------------------------------------------


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999", "9" * 5000])
def test_a_version_too_big_for_the_database_is_page_not_found(ada, number):
    draft_id = start_from_template(ada)
    response = ada.get(f"/drafts/{draft_id}/revisions/{number}")
    assert response.status_code == 404
    assert heading(response) == "Page not found"
    assert ada.post(f"/drafts/{draft_id}/revisions/{number}/restore").status_code == 404
    assert ada.get(f"/drafts/{draft_id}/revisions/2147483647").status_code == 404  # fits, but no such version


def test_comparing_with_a_version_too_big_for_the_database_is_a_clear_error(ada):
    draft_id = start_from_template(ada)
    ada.post(f"/drafts/{draft_id}", data={**form_data(editor(ada, draft_id)), "location": ["Leeds"], "action": ["save"]})
    response = ada.get(f"/drafts/{draft_id}/revisions/compare?old=99999999999999999999&new=1")
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert "Not a valid choice" in soup.get_text()


def test_an_organisation_row_id_too_big_for_the_database_is_page_not_found(ada):
    # Ada made Trust A, so she is its admin.
    for url in ("/organisation/networks/99999999999999999999/delete", "/organisation/wording/2147483648/delete"):
        response = ada.post(url)
        assert response.status_code == 404
        assert heading(response) == "Page not found"


# --- Files, bytes and field counts ----------------------------------------------------


def test_every_file_input_is_an_upload_field():
    file_fields = {
        name
        for form in vars(forms).values()
        if isinstance(form, type) and issubclass(form, forms.FlaskForm)
        for name, field in vars(form).items()
        if getattr(field, "field_class", None) is not None and issubclass(field.field_class, FileField)
    }
    assert file_fields == UPLOAD_FIELDS


def test_a_file_sent_in_place_of_text_is_a_clear_error(client):
    response = client.post("/check", data={"text": (io.BytesIO(b"an aggressive leader"), "advert.txt")})
    assert response.status_code == 422
    assert "Enter or paste the text of an advert" in parse(response).get_text()
    response = client.post("/register", data={
        "name": (io.BytesIO(b"Ada"), "name.txt"), "email": "ada@nhs.net", "organisation": "Trust A",
        "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 422
    assert "Enter your name" in parse(response).get_text()
    response = client.post("/sign-in", data={"email": (io.BytesIO(b"ada@nhs.net"), "e.txt"), "password": PASSWORD})
    assert response.status_code == 422


def test_a_file_sent_in_place_of_a_draft_field_is_not_saved(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data.update(essential=[(io.BytesIO(b"SQL"), "a.txt")], action=["save"])
    response = ada.post(f"/drafts/{draft_id}", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert "SQL" not in [t.get_text() for t in editor(ada, draft_id).select('textarea[name="essential"]')]
    # Text in the upload field's place is refused by that form.
    response = ada.post("/check/upload", data={"file": "not a file"}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose a .txt, .html or .docx file" in parse(response).get_text()


@pytest.mark.parametrize(
    ("body", "content_type", "status", "shown"),
    [
        # Raw bytes that are not UTF-8: a browser never sends them, and the form reads as empty.
        (b"text=\xff\xfe an aggressive leader", "application/x-www-form-urlencoded", 422,
         "Enter or paste the text of an advert"),
        # Escaped bytes that are not UTF-8 stay as they were written.
        (b"text=%ff%fe+an+aggressive+leader", "application/x-www-form-urlencoded", 200, "aggressive"),
        # In a multipart form they become the replacement character.
        (b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n\xff\xfe an aggressive leader\r\n--b--\r\n',
         "multipart/form-data; boundary=b", 200, "aggressive"),
    ],
)
def test_bytes_that_are_not_utf8_are_never_a_500(client, body, content_type, status, shown):
    response = client.post("/check", data=body, content_type=content_type)
    assert response.status_code == status
    assert shown in parse(response).get_text()


def test_non_utf8_bytes_in_a_draft_are_saved_as_replacement_characters(ada):
    draft_id = start_from_template(ada)
    fields = form_data(editor(ada, draft_id))
    fields.update(job_title=["\x00"], action=["save"])
    parts = [f'--b\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode() + b"\r\n"
             for name, values in fields.items() if name != "job_title" for value in values]
    parts.append(b'--b\r\nContent-Disposition: form-data; name="job_title"\r\n\r\nData \xff analyst\r\n')
    response = ada.post(f"/drafts/{draft_id}", data=b"".join(parts) + b"--b--\r\n",
                        content_type="multipart/form-data; boundary=b")
    assert response.status_code == 302
    assert editor(ada, draft_id).select_one("#job_title")["value"] == "Data \ufffd analyst"


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_too_many_form_fields_is_a_413_page(client, content_type):
    if content_type == "multipart/form-data":
        body = b"".join(b'--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n' for _ in range(1_001))
        body, content_type = body + b"--b--\r\n", content_type + "; boundary=b"
    else:
        body = b"text=an+advert" + b"&x=" * 1_000
    response = client.post("/check", data=body, content_type=content_type)
    assert response.status_code == 413
    soup = parse(response)
    assert_page_invariants(soup)
    assert heading(response) == "The file or text is too large"
    # A thousand is fine.
    assert client.post("/check", data=b"text=an+advert" + b"&x=" * 999,
                       content_type="application/x-www-form-urlencoded").status_code == 200


def test_a_multipart_text_field_over_the_form_memory_limit_is_a_413_page(client):
    text = b"an advert " * 50_001  # over MAX_FORM_MEMORY_SIZE (500,000 bytes) in one field
    body = b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n' + text + b"\r\n--b--\r\n"
    response = client.post("/check", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert heading(response) == "The file or text is too large"


def test_a_query_string_with_too_many_fields_is_a_413(ada):
    response = ada.get("/drafts?q=analyst" + "&x=" * 1_000)
    assert response.status_code == 413
    assert heading(response) == "The file or text is too large"
    assert ada.get("/drafts?q=analyst" + "&x=" * 999).status_code == 200


def test_nothing_is_left_half_done_by_refused_input(app, ada):
    """A refused request stores nothing: the tables hold only what the fixtures made."""
    ada.post("/drafts/new", data={"start": "blank", "x": [""] * 1_001})
    ada.post("/drafts/new", json={"start": "blank"})
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Draft)) == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 1
