"""Health check for load balancers: the app is up and can read and write its database.

Reading is not enough: a database that has gone read-only (a SQLite file or folder
that lost its write permission, a PostgreSQL standby after a failover, a role without
INSERT) still answers SELECT 1 while every save fails. So the check writes a row
too, inside a transaction that is always rolled back:

- an organisation, the one table that refers to no other, with a negative id (real
  rows count up from 1, and a set id takes no number from PostgreSQL's sequence) and
  a random name and invite code, so several app servers can check at once without
  waiting for each other;
- nothing is ever committed, so nothing is left behind, and no other request can see
  the row.

An INSERT, not an UPDATE that matches nothing: SQLite only finds out that it cannot
write its journal (a read-only folder) when a page really changes.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import csrf, db
from ..models import Organisation

bp = Blueprint("status", __name__)
csrf.exempt(bp)

PROBE_NAME = "Health check (never saved) "


def write_probe() -> sa.Insert:
    token = secrets.token_urlsafe(12)
    return sa.insert(Organisation).values(
        id=-(secrets.randbelow(2**31 - 2) + 1), name=PROBE_NAME + token, invite_code=token
    )


def rollback() -> None:
    try:
        db.session.rollback()
    except SQLAlchemyError:  # a connection that is gone may not even roll back
        current_app.logger.exception("Health check: rolling back failed")


def database_problem() -> str | None:
    """What is wrong with the database, or None when it can be read and written."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("Health check: the database cannot be reached")
        return "unreachable"
    finally:
        rollback()
    try:
        db.session.execute(write_probe())
    except SQLAlchemyError:
        current_app.logger.exception("Health check: the database cannot be written to")
        return "read-only"
    finally:
        rollback()
    return None


@bp.get("/_status")
def status():
    problem = database_problem()
    if problem:
        return jsonify(status="error", database=problem), 503
    return jsonify(status="ok", database="ok")
