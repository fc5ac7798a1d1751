import pytest

from webapp import create_app
from webapp.extensions import db

from .helpers import assert_page_invariants, parse


@pytest.fixture(scope="session")
def app():
    """One app for the whole run, on SQLite in memory or, when DATABASE_URL is set,
    on that (test) database. Tests that need other settings build their own app."""
    app = create_app({"WEBAPP_ENV": "test"})
    with app.app_context():
        db.drop_all()  # a server database may hold a previous run's tables
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def close_every_database_connection():
    """Tests that build an app of their own leave its connection pool to the garbage
    collector; on PostgreSQL an open connection found then is a ResourceWarning
    (an error here). Close them all at the end of the run."""
    yield
    import gc

    from sqlalchemy.engine import Engine

    gc.collect()
    for engine in [thing for thing in gc.get_objects() if isinstance(thing, Engine)]:
        engine.dispose()


@pytest.fixture(autouse=True)
def empty_database_after_each_test(request):
    """Every test starts with empty tables (and no cached organisation rules)."""
    yield
    if "app" not in request.fixturenames:
        return
    from webapp import services

    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.rollback()
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
    services._SETTINGS_CACHE.clear()


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


PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(app):
    """Create an account; pass organisation=… for a new one or invite_code=… to join."""
    from webapp.views.auth import create_user

    def make(email, organisation="", invite_code="", name=None):
        with app.app_context():
            user, errors = create_user(name or email.split("@")[0], email, PASSWORD, organisation, invite_code)
            assert user, errors
            return {"id": user.id, "email": user.email, "invite_code": user.organisation.invite_code}

    return make


@pytest.fixture
def sign_in(app):
    """A new test client signed in as ``email``."""

    def sign_in_as(email):
        client = app.test_client()
        response = client.post("/sign-in", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return sign_in_as
