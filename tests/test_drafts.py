"""The drafts service: two saves from one editor at once both land; someone else's
save in between is a conflict. (Most of the service is tested through the editor
in tests/views/test_drafts.py; these races need a second connection.)"""

import pytest
import sqlalchemy as sa

from webapp import create_app, drafts
from webapp.drafts import AUTOSAVED, create_draft, save_draft
from webapp.draft_fields import empty_content
from webapp.extensions import db
from webapp.models import Draft, Revision
from webapp.views.auth import create_user

from .helpers import separate_database


@pytest.fixture
def race(tmp_path, monkeypatch):
    """An app on a database of its own, a draft at version 1, and a way to have
    another connection save the draft just before this save's UPDATE runs."""
    app = create_app({"WEBAPP_ENV": "test", "SQLALCHEMY_DATABASE_URI": separate_database(tmp_path, "races")})
    with app.app_context():
        db.create_all()
        user, _ = create_user("A", "a@nhs.net", "a long enough password", "Trust")
        draft = create_draft(user, "D", {**empty_content(), "job_summary": "Version one."})

        def competing_save(editing_session):
            real_utcnow = drafts.utcnow
            done = []

            def utcnow():
                if not done:
                    done.append(True)
                    with db.engine.begin() as other:  # another worker, another connection
                        other.execute(sa.update(Draft).where(Draft.id == draft.id)
                                      .values(version=2, job_summary="Saved a moment earlier."))
                        other.execute(sa.insert(Revision).values(
                            draft_id=draft.id, version=2, saved_by_id=user.id, content={},
                            editing_session=editing_session, change=AUTOSAVED, saved_at=real_utcnow()))
                return real_utcnow()

            monkeypatch.setattr(drafts, "utcnow", utcnow)

        yield user, draft, competing_save
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_two_saves_from_one_editor_at_once_both_land(race):
    user, draft, competing_save = race
    competing_save("tab-one-1234")
    result = save_draft(draft, {**draft.content(), "job_summary": "Typed on."}, 1, user,
                        editing_session="tab-one-1234", edit_sequence=5, change=AUTOSAVED)
    assert result.saved and not result.conflict
    assert (draft.version, draft.job_summary) == (3, "Typed on.")


def test_someone_elses_save_at_the_same_moment_is_a_conflict(race):
    user, draft, competing_save = race
    competing_save("another-tab-99")
    result = save_draft(draft, {**draft.content(), "job_summary": "Typed on."}, 1, user,
                        editing_session="tab-one-1234", edit_sequence=5, change=AUTOSAVED)
    assert not result.saved and result.conflict is not None
    assert result.conflict.changed == ("job_summary",)
    assert (draft.version, draft.job_summary) == (2, "Saved a moment earlier.")
