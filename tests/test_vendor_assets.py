"""Vendored front-end files match their pinned versions and SRI hashes."""

import base64
import hashlib
from importlib.metadata import version

from webapp.assets import NHS_CSS, SYSTEM_FONT_CSS, VENDOR_DIR, vendored_assets, without_font_faces


def sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_every_vendored_file_matches_its_checksum():
    assets = vendored_assets()
    assert set(assets) == {"htmx-4.0.1.min.js", "nhsuk-frontend-10.6.1.min.css", "nhsuk-frontend-10.6.1.min.js"}
    for filename, asset in assets.items():
        assert sri(VENDOR_DIR / filename) == asset.integrity, filename
        # The version in the file name is the version of the package it came from.
        assert asset.package.split("@")[1] in filename


def test_htmx_sri_is_the_published_hash_for_4_0_1():
    # From the htmx.org 4.0.1 npm tarball (shared/reference/architecture.md §5).
    assert vendored_assets()["htmx-4.0.1.min.js"].integrity == (
        "sha384-Qp9rdC8H7EqOoX+nR0P3RPG2Noji+qdwJlGpfzwQJsfOpp3sGwIdSP9xO3+UlEhn"
    )


def test_nhs_frontend_matches_the_pinned_jinja_port():
    # nhsuk-frontend-jinja 0.10.2 is the port of nhsuk-frontend 10.6.1.
    assert version("nhsuk-frontend-jinja") == "0.10.2"
    assert vendored_assets()["nhsuk-frontend-10.6.1.min.css"].package == "nhsuk-frontend@10.6.1"


def test_every_image_the_css_points_at_is_served_under_assets():
    import re

    css = (VENDOR_DIR / "nhsuk-frontend-10.6.1.min.css").read_text(encoding="utf-8")
    images = set(re.findall(r"url\(/assets/(images/[\w.-]+)\)", css))
    assert images
    for image in images:
        assert (VENDOR_DIR.parent / image).is_file(), image


def test_the_system_font_stylesheet_is_the_nhs_one_without_its_web_font():
    original = (VENDOR_DIR / NHS_CSS).read_text(encoding="utf-8")
    derived = (VENDOR_DIR / SYSTEM_FONT_CSS).read_text(encoding="utf-8")
    assert derived == without_font_faces(original)  # made by `python -m webapp.assets`
    assert "assets.nhs.uk" in original and "assets.nhs.uk" not in derived
    assert "@font-face" not in derived
    assert len(original) - len(derived) < 1_000  # only the font faces went
