"""Jinja set-up: our templates first, then the NHS.UK design system's macros."""

from __future__ import annotations

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, PackageLoader

from . import formatters
from .analysis import CATEGORIES
from .analysis.model import PART_LABELS
from .assets import asset, stylesheet
from .htmx import wants_fragment

SERVICE_NAME = "Write and check job adverts"


from .drafts import field_as_text
from .draft_fields import (
    ASSESSMENT_HEADING,
    ASSESSMENT_LABELS,
    ASSESSMENT_METHODS,
    DRAFT_FIELDS,
    FIELD_LABELS,
    assessments,
    criterion_with_assessment,
)
from .highlights import highlight_data, highlight_keys, highlighted_copy


def configure_jinja(app: Flask) -> None:
    app.jinja_options = {
        **app.jinja_options,
        # Flask only autoescapes .html files; the NHS macros are .jinja files, and
        # without this user text passed to them comes out unescaped.
        "autoescape": True,
        # The NHS macros test optional params with attribute chains.
        "undefined": ChainableUndefined,
        # {% do %} lets templates build lists for macros (error summaries).
        "extensions": ["jinja2.ext.do"],
        "loader": ChoiceLoader(
            [app.jinja_loader, PackageLoader("nhsuk_frontend_jinja", package_path="templates")]
        ),
    }
    app.jinja_env.globals.update(asset=asset, nhs_stylesheet=stylesheet, service_name=SERVICE_NAME)
    app.jinja_env.filters.update(
        number=formatters.number,
        percent=formatters.percent,
        pluralise=formatters.pluralise,
        live_summary=formatters.live_summary,
        short_summary=formatters.short_summary,
        zip_items=formatters.zip_items,
        verdict_heading=formatters.verdict_heading,
        verdict_explanation=formatters.verdict_explanation,
        category_label=formatters.category_label,
        highlight_class=formatters.highlight_class,
        local_time=formatters.local_time,
        highlight_data=highlight_data,
        highlight_keys=highlight_keys,
        by_category=formatters.by_category,
    )
    app.jinja_env.globals.update(highlighted_copy=highlighted_copy, wants_fragment=wants_fragment, categories=CATEGORIES,
                                 part_labels=PART_LABELS, draft_fields=DRAFT_FIELDS, field_labels=FIELD_LABELS,
                                 assessments=assessments, assessment_methods=ASSESSMENT_METHODS,
                                 assessment_labels=ASSESSMENT_LABELS, assessment_heading=ASSESSMENT_HEADING,
                                 max_places_listed=formatters.MAX_PLACES_LISTED, field_as_text=field_as_text,
                                 criterion_with_assessment=criterion_with_assessment)
