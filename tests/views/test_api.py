"""POST /api/v1/check: JSON in, JSON out, clear 4xx errors, no cookies."""

import pytest


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


def test_csrf_does_not_apply_to_the_api(app):
    app.config["WTF_CSRF_ENABLED"] = True
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
