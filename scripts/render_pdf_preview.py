"""Render the first page of a template's PDF to docs/ so reviewers can see it.

    .venv/bin/python scripts/render_pdf_preview.py [TEMPLATE_ID LEVEL]

Defaults to the senior product manager. Writes docs/job-description-page-1.png
(and the PDF beside it) using pypdfium2, installed with the test extras.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402

from webapp.drafts import content_from_template  # noqa: E402
from webapp.export import render  # noqa: E402
from webapp.export.document import job_document  # noqa: E402
from webapp.role_templates import load_templates  # noqa: E402


def main(template_id: str = "product-manager", level_id: str = "senior") -> None:
    template = load_templates(ROOT / "job_templates").get(template_id)
    level = template.level(level_id)
    content = content_from_template(template, level)
    content.update(band="Band 8a", salary="£55,690 to £62,682 a year", location="Leeds (hybrid)",
                   working_pattern="Full time, or part time by agreement", closing_date="12 January 2027")
    document = job_document(content, organisation="Example NHS Foundation Trust", author="Example hiring manager",
                            contact="Example hiring manager, hiring.manager@example.nhs.uk")
    data = render(document, "pdf")
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "job-description.pdf").write_bytes(data)
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=1.5).to_pil()
    image.save(docs / "job-description-page-1.png")
    print(f"Wrote {docs / 'job-description-page-1.png'} ({image.width}x{image.height}) and job-description.pdf ({len(data):,} bytes)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
