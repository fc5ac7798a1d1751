"""Migration 0006 gives every existing account its own session token (SQLite, and
PostgreSQL when the suite runs there), and the people in it can sign in afterwards."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from webapp import create_app, passwords
from webapp.extensions import db
from webapp.models import User

from .conftest import PASSWORD
from .helpers import separate_database


def test_upgrading_from_0005_gives_each_account_its_own_token(tmp_path):
    app = create_app({"WEBAPP_ENV": "test",
                      "SQLALCHEMY_DATABASE_URI": separate_database(tmp_path, "migrations_tokens")})
    with app.app_context():
        upgrade(revision="0005")
        tables = sa.MetaData()
        tables.reflect(bind=db.engine)
        organisation, user = tables.tables["organisation"], tables.tables["user"]
        password_hash = passwords.hash_password(PASSWORD)
        with db.engine.begin() as connection:
            connection.execute(organisation.insert().values(id=1, name="Trust", invite_code="code", wording_version=0,
                                                            created_at=sa.func.now()))
            for n in (1, 2, 3):
                connection.execute(user.insert().values(
                    id=n, email=f"person{n}@nhs.net", name=f"Person {n}", password_hash=password_hash,
                    organisation_id=1, is_org_admin=n == 1, created_at=sa.func.now()))
        upgrade()
        tokens = db.session.scalars(sa.select(User.session_token).order_by(User.id)).all()
        assert len(tokens) == 3 and len(set(tokens)) == 3
        assert all(len(token) >= 40 for token in tokens)
        client = app.test_client()
        assert client.post("/sign-in", data={"email": "person2@nhs.net", "password": PASSWORD}).status_code == 302
        assert client.get("/account").status_code == 200
        db.session.remove()
        downgrade(revision="0005")
        columns = {c["name"] for c in db.inspect(db.engine).get_columns("user")}
        assert "session_token" not in columns
        db.session.remove()
        db.engine.dispose()
