"""POST /api/v1/check: JSON in, JSON out, clear 4xx errors, no cookies."""

import pytest

from webapp import create_app


def test_check_returns_counts_verdict_and_findings(client):
    text = "We want an aggressive leader for our NHS Foundation Trust who can build trust."
    response = client.post("/api/v1/check", json={"text": text})
    assert response.status_code == 200
    body = response.get_json()
    assert body["word_count"] == 14
    assert body["gender"]["verdict"] == "masculine-coded"
    assert body["gender"]["masculine_count"] == 2
    assert body["gender"]["feminine_count"] == 1
    assert body["gender"]["masculine_share_percent"] == pytest.approx(100 * 2 / 14, abs=0.001)
    findings = body["findings"]
    assert [(f["text"], f["category"]) for f in findings] == [
        ("aggressive", "masculine-coded"),
        ("leader", "masculine-coded"),
        ("trust", "feminine-coded"),
    ]
    for finding in findings:
        assert text[finding["start"] : finding["end"]] == finding["text"]
        assert finding["suggestions"] and all(isinstance(s, str) for s in finding["suggestions"])
        assert finding["message"] and finding["source"]
    assert body["wordlist_version"]
    assert "Set-Cookie" not in response.headers


def test_html_format_checks_the_visible_text(client):
    body = client.post(
        "/api/v1/check", json={"text": "<p>An <b>ambitious</b> lead</p><script>bold</script>", "format": "html"}
    ).get_json()
    assert body["checked_text"] == "An ambitious lead"
    assert [f["text"] for f in body["findings"]] == ["ambitious", "lead"]


def test_csrf_does_not_apply_to_the_api():
    app = create_app({"WEBAPP_ENV": "test", "WTF_CSRF_ENABLED": True})
    response = app.test_client().post("/api/v1/check", json={"text": "kind"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"data": "text=hello"}, 415, "Content-Type: application/json"),
        ({"data": "{not json", "content_type": "application/json"}, 400, "JSON object"),
        ({"json": ["a list"]}, 400, "JSON object"),
        ({"json": {}}, 400, 'Give the advert as "text"'),
        ({"json": {"text": 42}}, 400, '"text" must be a string'),
        ({"json": {"text": "x", "format": "pdf"}}, 400, '"format" must be'),
        ({"json": {"text": "a" * 100_001}}, 413, "100,000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_json_error(client, kwargs, status, message):
    response = client.post("/api/v1/check", **kwargs)
    assert response.status_code == status
    assert response.is_json
    error = response.get_json()["error"]
    assert error["status"] == status
    assert message in error["message"]


def test_wrong_method_and_unknown_api_paths_answer_in_json(client):
    response = client.get("/api/v1/check")
    assert response.status_code == 405
    assert response.get_json()["error"]["status"] == 405
    assert client.get("/api/v1/nothing").get_json()["error"]["status"] == 404


def test_every_finding_says_its_category_severity_and_part_with_a_summary(client):
    text = "You must be a native English speaker.\n\nAbout us\nWe share the NHS values: together, compassion."
    body = client.post("/api/v1/check", json={"text": text, "title": "Senior Data Analyst"}).get_json()
    assert body["checked_text"] == "Senior Data Analyst\n\n" + text
    by_text = {f["text"]: f for f in body["findings"] if f["text"]}
    assert by_text["native English speaker"]["category"] == "race-nationality"
    assert by_text["native English speaker"]["severity"] == "warning"
    assert by_text["native English speaker"]["part"] == "own"
    assert {by_text[w]["part"] for w in ("share", "together", "compassion")} == {"standard"}
    for finding in body["findings"]:
        assert body["checked_text"][finding["start"]:finding["end"]] == finding["text"]
        assert finding["category"] in {c["id"] for c in body["categories"]}
    assert body["summary"]["by_category"]["race-nationality"] == 1
    assert body["summary"]["top_fixes"][0]["text"] == "native English speaker"
    assert body["gender"]["feminine_count"] == 0 and body["gender"]["standard_text"]["feminine_count"] == 3
    assert [p["part"] for p in body["parts"]][0] == "title"


def test_callers_can_name_their_standard_text(client):
    statement = "We are committed to inclusion and work together."
    text = f"You will support clinicians.\n{statement}"
    body = client.post("/api/v1/check", json={"text": text, "standard_text": [statement]}).get_json()
    assert body["checked_text"] is None  # offsets are into "text" itself
    parts = {f["text"]: f["part"] for f in body["findings"] if f["text"]}
    assert parts == {"support": "own", "committed": "standard", "together": "standard"}
    assert body["gender"]["feminine_count"] == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"title": 5}, '"title" must be a string'),
        ({"standard_text": "x"}, '"standard_text" must be a list of strings'),
        ({"standard_text": ["a", 1]}, '"standard_text" must be a list of strings'),
    ],
)
def test_bad_parts_get_a_clear_400(client, extra, message):
    response = client.post("/api/v1/check", json={"text": "Hello", **extra})
    assert response.status_code == 400
    assert message in response.get_json()["error"]["message"]
