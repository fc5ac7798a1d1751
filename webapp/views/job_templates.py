"""Browse the role templates and start a draft from one."""

from flask import Blueprint, abort, render_template

from ..drafts import template_library
from ..role_templates import MAX_ESSENTIAL

bp = Blueprint("job_templates", __name__, url_prefix="/templates")


@bp.get("")
def index():
    return render_template("job_templates/index.html", library=template_library())


@bp.get("/<template_id>")
def show(template_id):
    library = template_library()
    template = library.get(template_id)
    if template is None:
        abort(404)
    return render_template("job_templates/show.html", template=template, library=library,
                           max_essential=MAX_ESSENTIAL)
