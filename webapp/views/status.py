"""Health check for load balancers: the app is up and can reach its database."""

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import csrf, db

bp = Blueprint("status", __name__)
csrf.exempt(bp)


@bp.get("/_status")
def status():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
