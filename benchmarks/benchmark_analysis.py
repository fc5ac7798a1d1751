"""Time the checks against one compiled regex over the same text, at 1k, 10k and 100k words.

    .venv/bin/python benchmarks/benchmark_analysis.py [--corpus DIR]

The baseline ("one regex") is the tokenizer's word pattern run once over the text,
every match taken: the least any word-level check can do. It is measured in the
same run as everything else, so machine speed cancels out of the ratios.

  * "matcher": the scan and every word and phrase list (gender-coded words, the
    other categories, acronyms, standard-statement markers), read in context.
    Target: at most 2 times the baseline, growing linearly.
  * "whole": everything the check page gets: the advert model, the matcher,
    structure checks, readability (sentences, syllables), the summary.

Each source is repeated to size:
  * the GDS corpus, with --corpus (e.g. ../shared/corpus/gds-job-descriptions);
  * "template": a draft rendered from our senior product manager template, with the
    standard sections every draft carries: a realistic NHS advert (about 3 coded
    words in 100, like the real adverts in our research);
  * "dense": a stress text where about one word in ten is flagged, four times
    denser than real adverts, so the cost of each finding read in context shows.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from webapp.analysis import advert_from_text, analyse, load_wordlists
from webapp.role_templates import load_templates
from webapp.analysis.check import _Reader, _scan  # the matcher on its own, for timing
from webapp.analysis.settings import NO_SETTINGS
from webapp.analysis.text import _WORD_RE

ROOT = Path(__file__).resolve().parents[1]

# Sentences in our own words, crowded with coded words, NHS names, job titles,
# standard statements and the other categories: far denser than any real advert.
DENSE = """\
Leeds Teaching Hospitals NHS Foundation Trust is looking for a senior product manager.
You will lead a multidisciplinary team and support clinicians to understand what users need.
We want someone analytical and collaborative, with a track record of making decisions with data.
The Trust is committed to flexible working; we are a Disability Confident employer.
Experience of Active Directory, SharePoint and confidential data is useful but not essential.
You will build trust with stakeholders, report to the Trust board and work with the Data Analyst.
We offer a competitive salary, a generous pension and the chance to shape digital services.
Our co\u2011operative, self-confident teams value honest feedback and a warm, inclusive culture.
You must have 5 years' experience of the EPR and work with the ICB; no rockstar ninjas please.
We offer maternity, paternity, adoption and shared parental leave, and support mental health.
"""


def text_of(words: int, source: str) -> str:
    pieces = source.split(" ")
    repeated = (pieces * (words // len(pieces) + 1))[:words]
    return " ".join(repeated)


def template_sample() -> str:
    """A draft from the senior product manager template, as a hiring manager starts it."""
    from webapp.draft_fields import CHECKED_FIELDS
    from webapp.drafts import content_from_template, draft_text

    template = load_templates(ROOT / "job_templates").get("product-manager")
    content = content_from_template(template, template.level("senior"))
    return draft_text(content, CHECKED_FIELDS)


def median_ms(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of .txt adverts to use instead of the sample")
    args = parser.parse_args()
    sources = {"template": template_sample(), "dense": DENSE}
    if args.corpus:
        sources = {"GDS corpus": "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))),
                   **sources}
    lists = load_wordlists(ROOT / "wordlists")
    print(f"word lists {lists.version}")
    for name, source in sources.items():
        measure(name, source, lists)


def measure(name: str, source: str, lists) -> None:
    findings = len([f for f in analyse(source, lists).findings if f.text])
    words = analyse(source, lists).word_count
    print(f"\n{name}: {1000 * findings / words:.0f} flagged stretches per 1,000 words")
    print(f"{'words':>8} {'one regex':>10} {'matcher':>9} {'ratio':>6} {'whole':>8} {'ratio':>6} "
          f"{'ms/1k':>6} {'growth':>7}")
    previous = None
    for words, repeats in ((1_000, 200), (10_000, 30), (100_000, 5)):
        text = text_of(words, source)
        advert = advert_from_text(text, lists)
        analyse(text, lists)  # warm the per-process memos, as a running server has them
        baseline = median_ms(lambda: sum(1 for _ in _WORD_RE.finditer(text)), repeats)
        matcher = median_ms(lambda: _scan(_Reader(advert, lists, NO_SETTINGS), lists.scanner), repeats)
        whole = median_ms(lambda: analyse(text, lists), repeats)
        growth = f"x{whole / previous:.1f}" if previous else "-"
        print(f"{words:>8,} {baseline:>10.2f} {matcher:>9.2f} {matcher / baseline:>6.2f} {whole:>8.2f} "
              f"{whole / baseline:>6.2f} {whole / (words / 1000):>6.2f} {growth:>7}")
        previous = whole


if __name__ == "__main__":
    main()
