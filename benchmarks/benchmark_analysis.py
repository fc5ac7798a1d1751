"""Time the whole analysis against a bare tokenisation pass, on 1k, 10k and 100k words.

    .venv/bin/python benchmarks/benchmark_analysis.py [--corpus DIR]

Prints the median ms per call, ms per 1,000 words, the ratio to tokenising alone
(measured in the same run, so machine speed cancels out) and how time grows
with size. Target: at most 2 ms per 1,000 words, growing linearly.
With --corpus (e.g. ../shared/corpus/gds-job-descriptions) real adverts are
repeated to size; otherwise a built-in advert-like text is used.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from webapp.analysis import analyse, load_wordlists, tokenize

ROOT = Path(__file__).resolve().parents[1]

# Advert-like sentences in our own words, with the mix of coded words, NHS names
# and job titles that real adverts have.
SAMPLE = """\
Leeds Teaching Hospitals NHS Foundation Trust is looking for a senior product manager.
You will lead a multidisciplinary team and support clinicians to understand what users need.
We want someone analytical and collaborative, with a track record of making decisions with data.
The Trust is committed to flexible working; we are a Disability Confident employer.
Experience of Active Directory, SharePoint and confidential data is useful but not essential.
You will build trust with stakeholders, report to the Trust board and work with the Data Analyst.
We offer a competitive salary, a generous pension and the chance to shape digital services.
Our co\u2011operative, self-confident teams value honest feedback and a warm, inclusive culture.
"""


def text_of(words: int, source: str) -> str:
    pieces = source.split()
    repeated = (pieces * (words // len(pieces) + 1))[:words]
    return " ".join(repeated)


def median_ms(function, argument, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(argument)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of .txt adverts to use instead of the sample")
    args = parser.parse_args()
    source = SAMPLE
    if args.corpus:
        source = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt")))
    wordlists = load_wordlists(ROOT / "wordlists")
    print(f"source: {args.corpus or 'built-in sample'}; word lists {wordlists.version}")
    print(f"{'words':>8} {'analyse ms':>11} {'tokenise ms':>12} {'ms/1k words':>12} {'ratio':>6} {'growth':>7}")
    previous = None
    for words, repeats in ((1_000, 200), (10_000, 30), (100_000, 5)):
        text = text_of(words, source)
        analyse(text, wordlists)  # warm caches
        whole = median_ms(lambda t: analyse(t, wordlists), text, repeats)
        bare = median_ms(tokenize, text, repeats)
        growth = f"x{whole / previous:.1f}" if previous else "-"
        print(f"{words:>8,} {whole:>11.2f} {bare:>12.2f} {whole / (words / 1000):>12.2f} {whole / bare:>6.2f} {growth:>7}")
        previous = whole


if __name__ == "__main__":
    main()
