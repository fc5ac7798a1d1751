"""What a request brings in, made safe once for every view: form fields, the query
string, JSON bodies and the parts of the URL.

- NUL characters are removed from every string. No one types them, and PostgreSQL
  refuses text that holds one, so a stored or searched value with a NUL would fail.
- JSON nested too deeply to parse is a 400, as any other JSON that cannot be read.
- A form or query string with more fields than ``MAX_FORM_PARTS`` is a 413, whether
  it is multipart (Werkzeug's own limit) or urlencoded (which Werkzeug leaves unlimited).
- A number in a URL (``<int:…>``) fits the database's integer column: anything bigger
  is a 404, as any other version or row that does not exist.
- A NUL in a URL part (``/drafts/<public_id>``) is a 404 too.
- A file sent under any name but an upload field's is dropped, so a text field never
  gets a file instead of text: it is empty, and its form says so.
- Pages take form fields, not JSON (only the API under /api/ reads JSON): a JSON body
  sent to a page is a 415, rather than reaching a form that expects fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import Flask, abort, has_request_context, json, request
from flask.wrappers import Request as FlaskRequest
from werkzeug.datastructures import FileStorage, ImmutableMultiDict, MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import IntegerConverter, UnicodeConverter, ValidationError

# PostgreSQL's INTEGER, the type of every id and version number in the tables.
MAX_DATABASE_INTEGER = 2**31 - 1

# The name of every file input in the app (forms.UploadForm.file; a test keeps them alike).
UPLOAD_FIELDS = frozenset({"file"})


def clean_text(value: str) -> str:
    return value.replace("\x00", "") if "\x00" in value else value


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _clean_json(value: Any) -> Any:
    """Every string in a parsed JSON document cleaned, keys included. Iterative, so
    a document nested as deeply as the parser allows cannot overflow the stack here."""
    root = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        container, key = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = clean_text(item)
        elif isinstance(item, list):
            stack.extend((item, i) for i in range(len(item)))
        elif isinstance(item, dict):
            container[key] = item = {_clean(k): v for k, v in item.items()}
            stack.extend((item, k) for k in item)
    return root[0]


class CleanJSON:
    """A JSON module for parsing a request's body: ``provider`` (the app's) parses,
    then every string is cleaned. Whatever cannot be parsed, however deeply nested,
    is a ValueError, which Werkzeug turns into a 400 (or ``None`` for
    ``get_json(silent=True)``)."""

    def __init__(self, provider: Any = json) -> None:
        self.provider = provider

    def loads(self, data: str | bytes, **kwargs: Any) -> Any:
        try:
            return _clean_json(self.provider.loads(data, **kwargs))
        except RecursionError as error:
            raise ValueError("The JSON is nested too deeply.") from error

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return self.provider.dumps(obj, **kwargs)


def _pairs(mapping: Any) -> Iterable[tuple[Any, Any]]:
    if mapping is None:
        return ()
    if isinstance(mapping, MultiDict):
        return mapping.items(multi=True)
    if isinstance(mapping, Mapping):
        return (
            (key, item)
            for key, value in mapping.items()
            for item in (value if isinstance(value, (list, tuple)) else [value])
        )
    return mapping


class CleanParameters(ImmutableMultiDict):
    """The query string's and the form's fields, and the uploaded files: text cleaned,
    files only under an upload field's name, and at most MAX_FORM_PARTS in all."""

    def __init__(self, mapping: Any = None) -> None:
        pairs = []
        for key, value in _pairs(mapping):
            if isinstance(value, FileStorage) and key not in UPLOAD_FIELDS:
                value.close()
            else:
                pairs.append((_clean(key), _clean(value)))
        limit = request.max_form_parts if has_request_context() else None
        if limit is not None and len(pairs) > limit:
            raise RequestEntityTooLarge(f"More than {limit:,} fields were sent.")
        super().__init__(pairs)


class Request(FlaskRequest):
    parameter_storage_class = CleanParameters
    _json = CleanJSON()

    # Flask sets ``json_module`` to the app's JSON provider as each request starts:
    # the request parses with that provider, then cleans what it parsed.
    @property
    def json_module(self) -> CleanJSON:
        return self._json

    @json_module.setter
    def json_module(self, provider: Any) -> None:
        self._json = CleanJSON(provider)


class DatabaseIntegerConverter(IntegerConverter):
    """``<int:…>``: a non-negative number that fits the database's integer columns."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min,
                         max=MAX_DATABASE_INTEGER if max is None else max, signed=signed)


class TextConverter(UnicodeConverter):
    """The default ``<name>`` part: any text but a NUL, which no id or name holds."""

    def to_python(self, value: str) -> str:
        if "\x00" in value:
            raise ValidationError()
        return value


BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def refuse_json_outside_the_api() -> None:
    if request.method in BODY_METHODS and request.is_json and not request.path.startswith("/api/"):
        abort(415)


def init_request_input(app: Flask) -> None:
    """Call before the blueprints are registered: their routes use the converters."""
    app.request_class = Request
    app.before_request(refuse_json_outside_the_api)
    app.url_map.converters.update(default=TextConverter, string=TextConverter, int=DatabaseIntegerConverter)
