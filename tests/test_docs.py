"""The README's pictures: each one it shows exists and is a PNG, and none is left unused.

The pictures are made by scripts/screenshots.py, which the suite never runs.
"""

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# ![alt](path) or ![alt](path "title"), and <img ... src="path">.
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"(?P<path>[^\"]+)\"", re.IGNORECASE)


def readme_images():
    """(alt text or None, path) for every image in the README; alt is None for <img>."""
    text = README.read_text(encoding="utf-8")
    images = [(m["alt"], m["path"]) for m in MARKDOWN_IMAGE.finditer(text)]
    images += [(None, m["path"]) for m in HTML_IMAGE.finditer(text)]
    return images


def local_path(reference):
    return (ROOT / unquote(reference.split("#")[0])).resolve()


def test_the_readme_shows_the_screenshots():
    assert any(local_path(path).parent == SCREENSHOTS for _, path in readme_images())


def test_every_image_in_the_readme_is_a_png_in_the_repository_with_alt_text():
    for alt, path in readme_images():
        assert not re.match(r"[a-z]+:", path), f"{path}: link to a file in the repository, not a web address"
        file = local_path(path)
        assert file.is_relative_to(ROOT), path
        assert file.is_file(), f"{path}: no such file (run scripts/screenshots.py?)"
        assert file.suffix == ".png", path
        assert file.read_bytes()[:8] == PNG_SIGNATURE, f"{path}: not a PNG"
        if alt is not None:
            assert len(alt.split()) >= 3, f"{path}: say what the picture shows in its alt text"


def test_every_file_in_docs_screenshots_is_shown_in_the_readme():
    shown = {local_path(path) for _, path in readme_images()}
    unused = sorted(file.name for file in SCREENSHOTS.iterdir() if file.resolve() not in shown)
    assert unused == [], f"in docs/screenshots but not in the README: {unused}"


def test_the_readme_counts_the_role_templates_there_are():
    from webapp.role_templates import load_templates

    library = load_templates(ROOT / "job_templates")
    levels = sum(len(template.levels) for template in library)
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert f'"Role templates" lists {len(library.templates)} ' in text
    assert f"({levels} levels)" in text
