"""Job descriptions as documents: Word, PDF, Markdown and plain text.

``document.py`` turns a draft into a format-neutral ``JobDocument``; one module per
format renders it. Nothing here imports Flask or the database.
"""

from __future__ import annotations

from .document import JobDocument

MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "md": "Markdown", "txt": "Plain text"}


def render(document: JobDocument, fmt: str) -> bytes:
    """The document in ``fmt`` (one of MIMETYPES) as bytes."""
    if fmt == "docx":
        from .word import render_docx

        return render_docx(document)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(document)
    if fmt == "md":
        from .plain import render_markdown

        return render_markdown(document).encode("utf-8")
    if fmt == "txt":
        from .plain import render_text

        return render_text(document).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
