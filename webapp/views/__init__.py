"""The single list of blueprints: one module per thing a user comes to do."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from . import api, auth, check, drafts, errors, job_templates, organisation, pages, status

    for module in (pages, check, auth, job_templates, drafts, organisation, api, status):
        app.register_blueprint(module.bp)
    errors.register_error_handlers(app)
