"""Time the requests that once held a worker for tens of seconds (issue 10: every request
does bounded work), through the real routes, against a typical request in the same run.

    .venv/bin/python benchmarks/benchmark_bounded_work.py [--root DIR] [--timeout 60] [--only NAME ...]

Each case runs in a process of its own, stopped after --timeout seconds. --root runs the
cases against another checkout of the app, so that figures from before and after a
change come from one machine:

    mkdir /tmp/before && git archive HEAD | tar -x -C /tmp/before
    .venv/bin/python benchmarks/benchmark_bounded_work.py --root /tmp/before

The baselines ("typical advert", "job description PDF") are measured in the same run,
so machine speed cancels out of the ratios. Wall time is what holds a worker; CPU time
is shown too because it moves less when the machine is busy. "peak MB" is how far the
process's resident memory rose above where it stood when the request began (Linux: the
high-water mark is reset first through /proc/self/clear_refs).

The inputs:
  * HTML: ``"<div><p>" * 12,000 + "ambitious"`` (96 KB) posted to /check; 390,000 nested
    ``<div>`` to /check/convert-html; 100 KB of broken markup (``"<a" * 49,000``), which
    Python's html.parser reads in time growing with the square of its length.
  * Word: a 162 KB .docx whose document.xml is 44 MB; a 38 KB one with 8,000 short
    paragraphs (1 MB of XML); a real long advert (the template, 99,000 characters); a
    1.3 MB one whose document.xml says it holds 100 bytes and inflates to 1 GiB of zeros
    (its checksum that of 100 zeros: zipfile.read() inflated it all, 2 GB at the peak).
  * Reports: "ambitious competitive " x 4,500 (9,000 findings) as PDF and CSV; a real
    10,000-word advert as PDF.
  * Drafts: every field at its limit (320,000 characters), as PDF, as Word (what the
    refusal of the PDF offers) and as the report PDF; a job summary of 19,200 different
    Chinese characters, as PDF.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROOT_UNDER_TEST = Path(os.environ.get("BENCHMARK_ROOT", ROOT))  # set for the child processes
PASSWORD = "correct horse battery staple"
SENTENCE = "You will lead the team and support clinicians to deliver safe services for patients. "


# ---------------------------------------------------------------------------
# Inputs.


def template_text(words: int) -> str:
    """The senior product manager template's text, repeated to ``words`` words."""
    from webapp.draft_fields import CHECKED_FIELDS
    from webapp.drafts import content_from_template, draft_text
    from webapp.role_templates import load_templates

    template = load_templates(ROOT_UNDER_TEST / "job_templates").get("product-manager")
    pieces = draft_text(content_from_template(template, template.level("senior")), CHECKED_FIELDS).split(" ")
    return " ".join((pieces * (words // len(pieces) + 1))[:words])


def docx_with_body(body_xml: str) -> bytes:
    """A .docx made by python-docx, its body replaced by ``body_xml``."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                start = xml.index("<w:body>") + len("<w:body>")
                data = (xml[:start] + body_xml + xml[xml.index("<w:sectPr"):]).encode()
            archive.writestr(info.filename, data)
    return out.getvalue()


def test_files():
    """tests/files.py, the tests' maker of hostile files, from this checkout whatever
    --root says (an older checkout may not have it), without putting this checkout's
    webapp on the path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("test_files", ROOT / "tests" / "files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def docx_of_text(text: str) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Requests.


def app_and_client():
    from webapp import create_app
    from webapp.extensions import db

    app = create_app({"WEBAPP_ENV": "test"})
    with app.app_context():
        db.create_all()
    client = app.test_client()
    # Warm up, untimed, as a running server is: word lists, fonts, python-docx loaded.
    client.post("/check", data={"text": "An ambitious team."})
    client.post("/check/report/pdf", data={"text": "An ambitious team."})
    upload(client, "advert.docx", docx_of_text("An ambitious team."))
    return app, client


def signed_in(app):
    from webapp.views.auth import create_user

    with app.app_context():
        user, errors = create_user("Ada", "ada@nhs.net", PASSWORD, "Leeds Teaching Hospitals NHS Trust")
        assert user, errors
    client = app.test_client()
    response = client.post("/sign-in", data={"email": "ada@nhs.net", "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def new_draft(client, fields: dict) -> str:
    """A draft with ``fields`` saved through the editor, as a person would."""
    response = client.post("/drafts/new", data={"start": "blank"})
    draft_id = response.headers["Location"].rsplit("/", 1)[1]
    page = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    response = client.post(f"/drafts/{draft_id}", data={"version": version, "action": "save", **fields})
    assert response.status_code in (200, 302), response.status_code
    return draft_id


def fields_at_limit() -> dict:
    from webapp.draft_fields import CRITERIA, DRAFT_FIELDS, MAX_CRITERIA, MAX_CRITERION_CHARACTERS

    fields = {}
    for field in DRAFT_FIELDS:
        if field.kind == CRITERIA:
            fields[field.name] = [(SENTENCE * 30)[:MAX_CRITERION_CHARACTERS]] * MAX_CRITERIA
        else:
            fields[field.name] = ((SENTENCE * 7 + "\n\n") * 300)[: field.max_characters].strip()
    return fields


def upload(client, filename: str, data: bytes):
    return client.post("/check/upload", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def case_inputs(name: str):
    """(set-up, request) for case ``name``: the set-up is not timed."""
    if name == "typical advert":
        text = template_text(1_000)
        return app_and_client, lambda app, client: client.post("/check", data={"text": text})
    if name == "html 96 KB nested":
        text = "<div><p>" * 12_000 + "ambitious"
        return app_and_client, lambda app, client: client.post("/check", data={"text": text})
    if name == "html 1.9 MB to convert":
        html = "<div>" * 390_000
        return app_and_client, lambda app, client: client.post("/check/convert-html", data={"html": html})
    if name == "html 100 KB broken":
        text = "<p><p>" + "<a" * 49_000
        return app_and_client, lambda app, client: client.post("/check", data={"text": text})
    if name == "docx 45 MB xml":
        data = docx_with_body("<w:p><w:r><w:t>We want an ambitious person.</w:t></w:r></w:p>" * 720_000)
        return app_and_client, lambda app, client: upload(client, "advert.docx", data)
    if name == "docx 8,000 paragraphs":
        data = docx_with_body("<w:p><w:r><w:t>We want an ambitious, competitive person to lead the team and "
                              "build trust with everyone.</w:t></w:r></w:p>" * 8_000)
        return app_and_client, lambda app, client: upload(client, "advert.docx", data)
    if name == "docx part lying about its size":
        data = test_files().with_lying_part(docx_of_text("An ambitious team."), "word/document.xml", mebibytes=1024)
        return app_and_client, lambda app, client: upload(client, "advert.docx", data)
    if name == "docx real long advert":
        data = docx_of_text(template_text(14_000)[:99_000])
        return app_and_client, lambda app, client: upload(client, "advert.docx", data)
    if name == "report pdf 4,500 x 2 words":
        text = "ambitious competitive " * 4_500
        return app_and_client, lambda app, client: client.post("/check/report/pdf", data={"text": text})
    if name == "report csv 4,500 x 2 words":
        text = "ambitious competitive " * 4_500
        return app_and_client, lambda app, client: client.post("/check/report/csv", data={"text": text})
    if name == "report pdf real 10,000 words":
        text = template_text(10_000)
        return app_and_client, lambda app, client: client.post("/check/report/pdf", data={"text": text})

    def draft_setup(fields):
        def setup():
            app, _ = app_and_client()
            client = signed_in(app)
            return app, (client, new_draft(client, fields))
        return setup

    if name == "job description pdf":
        return (draft_setup({"job_title": "Senior product manager", "job_summary": template_text(1_000)}),
                lambda app, state: state[0].get(f"/drafts/{state[1]}/download/pdf"))
    if name == "draft pdf, fields at limit":
        return draft_setup(fields_at_limit()), lambda app, state: state[0].get(f"/drafts/{state[1]}/download/pdf")
    if name == "draft docx, fields at limit":  # what the refusal of the PDF offers instead
        return draft_setup(fields_at_limit()), lambda app, state: state[0].get(f"/drafts/{state[1]}/download/docx")
    if name == "draft report pdf, fields at limit":
        return draft_setup(fields_at_limit()), lambda app, state: state[0].get(f"/drafts/{state[1]}/report/pdf")
    if name == "draft pdf, 19,200 CJK":
        summary = "\n\n".join("".join(chr(0x4E00 + i) for i in range(start, start + 300))
                              for start in range(0, 19_200, 300))
        return (draft_setup({"job_title": "T", "job_summary": summary}),
                lambda app, state: state[0].get(f"/drafts/{state[1]}/download/pdf"))
    raise SystemExit(f"unknown case {name!r}")


CASES = (
    ("typical advert", None),
    ("html 96 KB nested", "typical advert"),
    ("html 1.9 MB to convert", "typical advert"),
    ("html 100 KB broken", "typical advert"),
    ("docx 45 MB xml", "typical advert"),
    ("docx 8,000 paragraphs", "typical advert"),
    ("docx real long advert", "typical advert"),
    ("docx part lying about its size", "typical advert"),
    ("report csv 4,500 x 2 words", "typical advert"),
    ("job description pdf", None),
    ("report pdf 4,500 x 2 words", "job description pdf"),
    ("report pdf real 10,000 words", "job description pdf"),
    ("draft pdf, fields at limit", "job description pdf"),
    ("draft docx, fields at limit", "job description pdf"),
    ("draft report pdf, fields at limit", "job description pdf"),
    ("draft pdf, 19,200 CJK", "job description pdf"),
)


def describe(response) -> str:
    """What the person gets: the status, the kind of answer, and a page count or message."""
    kind = response.mimetype
    if kind == "application/pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(response.get_data()))
        text = " ".join((page.extract_text() or "") for page in reader.pages[:2])
        lists = re.search(r"This report lists [\d,]+ of the [\d,]+ findings", " ".join(text.split()))
        return f"PDF, {len(reader.pages)} pages" + (f"; {lists.group()}" if lists else "")
    if kind.startswith("application/vnd.openxmlformats"):
        return f"Word, {len(response.get_data()):,} bytes"
    body = response.get_data(as_text=True)
    if kind == "text/html":
        message = re.search(r'class="nhsuk-error-message"[^>]*>(?:\s*<span[^>]*>Error: </span>)?\s*([^<]+)', body)
        if not message:
            message = re.search(r"<h1[^>]*>\s*([^<]+)", body)
        return f"page{': ' + ' '.join(message.group(1).split())[:90] if message and response.status_code >= 400 else ''}"
    return f"{kind}, {len(body):,} characters" if response.status_code < 400 else f"{kind}: {body[:90]}"


def memory_kib(field: str) -> int:
    """VmRSS (resident now) or VmHWM (the most resident since the mark was reset), in KiB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


def run_one(name: str) -> None:
    setup, request = case_inputs(name)
    app, state = setup()
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # the high-water mark starts again from what is resident now
    before = memory_kib("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    response = request(app, state)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = (memory_kib("VmHWM") - before) / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak": peak, "status": response.status_code,
                      "detail": describe(response)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout of the app to time")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a case is stopped")
    parser.add_argument("--only", action="append", help="a case to run (again for more); its baseline runs too")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # one case, in a child process
    args = parser.parse_args()
    if args.case:
        run_one(args.case)
        return
    wanted = set(args.only) if args.only else {name for name, _ in CASES}
    wanted |= {baseline for name, baseline in CASES if name in wanted and baseline}
    print(f"app under test: {args.root}")
    print(f"{'case':<36} {'wall s':>7} {'cpu s':>7} {'ratio':>7} {'peak MB':>8}  status, answer")
    results: dict[str, float] = {}
    for name, baseline in CASES:
        if name not in wanted:
            continue
        env = {**os.environ, "PYTHONPATH": str(args.root), "BENCHMARK_ROOT": str(args.root)}
        command = [sys.executable, str(Path(__file__).resolve()), "--case", name]
        try:
            done = subprocess.run(command, cwd=args.root, env=env, capture_output=True, text=True,
                                  timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"{name:<36} {'>' + format(args.timeout, '.0f'):>7} {'':>7} {'':>7}  stopped: still working")
            continue
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode or not lines:
            print(f"{name:<36} failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:100]}")
            continue
        result = json.loads(lines[-1])
        results[name] = result["seconds"]
        ratio = f"x{result['seconds'] / results[baseline]:.1f}" if baseline in results else "1 (base)"
        print(f"{name:<36} {result['seconds']:>7.2f} {result['cpu']:>7.2f} {ratio:>7} {result['peak']:>8.1f}  "
              f"{result['status']}, {result['detail']}")


if __name__ == "__main__":
    main()
