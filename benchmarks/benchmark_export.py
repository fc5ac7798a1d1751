"""Time each export format for a typical job description (a template at senior level).

    .venv/bin/python benchmarks/benchmark_export.py

Prints the first call (fonts loading, for PDF) and the median of later calls, per format.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from webapp.drafts import content_from_template
from webapp.export import render
from webapp.export.document import job_document
from webapp.role_templates import load_templates

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    template = load_templates(ROOT / "job_templates").get("product-manager")
    content = content_from_template(template, template.level("senior"))
    document = job_document(content, organisation="Example NHS Foundation Trust", author="Example")
    words = sum(len(str(v).split()) for v in content.values())
    print(f"document: product-manager/senior, about {words:,} words")
    print(f"{'format':>6} {'first ms':>9} {'median ms':>10} {'bytes':>9}")
    for fmt in ("txt", "md", "docx", "pdf"):
        start = time.perf_counter()
        data = render(document, fmt)
        first = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(10):
            start = time.perf_counter()
            render(document, fmt)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{fmt:>6} {first:>9.1f} {statistics.median(times):>10.1f} {len(data):>9,}")


if __name__ == "__main__":
    main()
