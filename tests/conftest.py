import pytest

from webapp import create_app

from .helpers import assert_page_invariants, parse


@pytest.fixture
def app():
    return create_app({"WEBAPP_ENV": "test"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def get_page(client):
    """GET a page, check the invariants, return the parsed soup."""

    def get(url, expected_status=200):
        response = client.get(url)
        assert response.status_code == expected_status
        soup = parse(response)
        assert_page_invariants(soup)
        return soup

    return get
