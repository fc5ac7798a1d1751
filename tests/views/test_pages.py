import pytest

from webapp import create_app

from ..helpers import normalize_spaces, parse


@pytest.mark.parametrize("url", ["/", "/check", "/about-the-check", "/privacy", "/accessibility-statement"])
def test_every_page_keeps_the_invariants_and_uses_the_nhs_layout(get_page, url):
    soup = get_page(url)
    assert soup.select_one("header.nhsuk-header")
    assert soup.select_one("footer .nhsuk-footer") or soup.select_one("footer.nhsuk-footer")
    assert soup.select_one('a.nhsuk-skip-link[href="#maincontent"]')
    assert soup.select_one('link[href="/assets/vendor/nhsuk-frontend-10.6.1-system-font.min.css"]')


def test_start_page_explains_the_service_and_links_to_the_check(get_page):
    soup = get_page("/")
    text = normalize_spaces(soup.select_one("main").get_text())
    assert "Nothing you paste or upload is stored" in text
    link = soup.select_one("main a.nhsuk-action-link, main .nhsuk-action-link a") or soup.select_one(
        'main a[href="/check"]'
    )
    assert link["href"] == "/check"
    assert "Check an advert" in normalize_spaces(link.get_text())
    # Gaucher et al. measured how appealing the job was and anticipated belonging, not applications.
    assert "put women off applying" not in text
    assert "women found the jobs less appealing and expected to belong less" in text


def test_about_page_states_the_research_its_limits_and_the_rule(get_page, app):
    soup = get_page("/about-the-check")
    text = normalize_spaces(soup.select_one("main").get_text())
    assert "Gaucher" in text and "2011" in text
    assert "non-binary" in text  # limits stated honestly
    # Claims with no source in the research are gone.
    assert "Canada" not in text and "balance matters more" not in text.lower()
    assert "made little difference to how appealing men found" not in text
    assert "same advert pasted twice gets the same result" in text
    version = app.extensions["wordlists"].version
    assert version in text
    # Every word-list entry is listed, additions marked.
    assert "aggress…" in text and "confident" in text
    assert "NHS Foundation Trust" in text or "Foundation Trust" in text


def test_unknown_page_is_a_404_page_in_the_nhs_layout(get_page):
    soup = get_page("/no-such-page", expected_status=404)
    assert normalize_spaces(soup.select_one("h1").get_text()) == "Page not found"


def test_health_check_reports_the_database(client):
    response = client.get("/_status")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_an_unexpected_error_is_a_500_page_without_a_stack_trace():
    def broken():
        raise ValueError("secret internal detail")

    app = create_app({"WEBAPP_ENV": "test"})  # its own: routes cannot be added to a running app
    app.add_url_rule("/broken", view_func=broken)
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in body
    assert "secret internal detail" not in body and "Traceback" not in body


def test_page_titles_name_the_page_then_the_service_once(client):
    start = parse(client.get("/")).title.get_text()
    assert start == "Write and check job adverts – NHS"
    check = parse(client.get("/check")).title.get_text()
    assert check == "Check an advert – Write and check job adverts – NHS"
    errors = parse(client.post("/check", data={"text": ""})).title.get_text()
    assert errors.startswith("Error: Check an advert – ")


def test_the_accessibility_statement_says_what_is_tested_with_the_checker_the_tests_run(get_page):
    from pathlib import Path

    vendored = [p.name for p in (Path(__file__).resolve().parents[1] / "browser" / "vendor").glob("axe-core-*.min.js")]
    assert len(vendored) == 1
    version = vendored[0].removeprefix("axe-core-").removesuffix(".min.js")
    text = normalize_spaces(get_page("/accessibility-statement").select_one("main").get_text())
    assert f"axe-core {version}" in text
    for promise in ("keyboard alone", "without JavaScript", "320 pixels", "Back and Forward",
                    "not yet been tested by disabled people", "Equality and Human Rights Commission"):
        assert promise in text


def test_what_the_check_says_about_feminine_coded_words_is_what_the_studies_found(client):
    # Gaucher et al. (2011), Studies 1-2: feminine-themed words appeared about equally in
    # male- and female-dominated fields; the paper makes no claim about men's interest.
    page = parse(client.post("/check", data={"text": "We are a kind, warm, supportive and understanding team who trust each other."}))
    text = normalize_spaces(page.select_one("main").get_text())
    assert "feminine-coded" in text
    assert "men's interest" not in text and "men’s interest" not in text
    assert "about as often in adverts for jobs mostly done by men as by women" in text
