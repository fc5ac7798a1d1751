"""The Alembic migrations build exactly the schema the models describe, on an empty
database and from the previous release's schema with data in it (SQLite, and
PostgreSQL when the suite runs there)."""

import json

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from webapp import create_app
from webapp.extensions import db

from .helpers import separate_database


def migrated_app(tmp_path, name):
    return create_app({"WEBAPP_ENV": "test", "SQLALCHEMY_DATABASE_URI": separate_database(tmp_path, name)})


def test_migrations_match_the_models(tmp_path):
    app = migrated_app(tmp_path, "migrations_empty")
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        tables = set(db.inspect(db.engine).get_table_names())
        assert {"organisation", "user", "draft", "revision", "alembic_version"} <= tables
        db.engine.dispose()


def test_upgrading_from_0004_keeps_every_revision_and_says_what_made_it(tmp_path):
    app = migrated_app(tmp_path, "migrations_upgrade")
    with app.app_context():
        upgrade(revision="0004")
        tables = sa.MetaData()
        tables.reflect(bind=db.engine)
        organisation, user, draft, revision = (tables.tables[n] for n in ("organisation", "user", "draft", "revision"))
        with db.engine.begin() as connection:
            connection.execute(organisation.insert().values(id=1, name="Trust", invite_code="code", wording_version=0,
                                                            created_at=sa.func.now()))
            connection.execute(user.insert().values(id=1, email="a@nhs.net", name="A", password_hash="x",
                                                    organisation_id=1, is_org_admin=True, created_at=sa.func.now()))
            fields = {c.name: "" for c in draft.columns if isinstance(c.type, sa.Text)}
            connection.execute(draft.insert().values(
                id=1, public_id="p", owner_id=1, organisation_id=1, shared_with_organisation=False, name="D",
                status="draft", version=3, created_at=sa.func.now(), updated_at=sa.func.now(),
                **{**fields, "essential": json.dumps([]), "desirable": json.dumps([])}))
            for version, autosave in ((1, False), (2, True), (3, False)):
                connection.execute(revision.insert().values(
                    draft_id=1, version=version, saved_at=sa.func.now(), saved_by_id=1, content={"job_title": "x"},
                    editing_session=None, autosave=autosave))
        upgrade()
        changes = db.session.execute(sa.text("SELECT version, change FROM revision ORDER BY version")).all()
        assert [tuple(row) for row in changes] == [(1, "created"), (2, "autosaved"), (3, "saved")]
        db.session.remove()
        db.engine.dispose()
