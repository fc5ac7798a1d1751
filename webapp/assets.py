"""Pinned front-end assets, read from ``static/vendor/CHECKSUMS``.

One place holds each vendored file's version and SRI hash: the templates read it
from here, and ``tests/test_vendor_assets.py`` checks the files against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"


@dataclass(frozen=True)
class VendoredAsset:
    integrity: str  # "sha384-…"
    filename: str  # in static/vendor/
    package: str  # npm "name@version"
    package_path: str  # the file inside the npm package

    @property
    def cdn_url(self) -> str:
        return f"https://cdn.jsdelivr.net/npm/{self.package}/{self.package_path}"


@cache
def vendored_assets() -> dict[str, VendoredAsset]:
    assets = {}
    for line in (VENDOR_DIR / "CHECKSUMS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            integrity, filename, package, package_path = line.split()
            assets[filename] = VendoredAsset(integrity, filename, package, package_path)
    return assets


def asset(prefix: str) -> VendoredAsset:
    """The vendored asset whose filename starts with ``prefix`` (e.g. "htmx-")."""
    (match,) = [a for name, a in vendored_assets().items() if name.startswith(prefix)]
    return match


# FONT_SOURCE "system": nhsuk-frontend's CSS without its @font-face rules, so that no
# page asks assets.nhs.uk for Frutiger (the html element's stack then falls back to a
# locally installed Frutiger, else Arial, else the system's sans-serif). Overriding the
# rules does not work: Chromium falls back to the remote face when a local one is
# missing. The file is derived from the checksummed original by ``without_font_faces``
# and committed; tests/test_vendor_assets.py derives it again and compares.
NHS_CSS = "nhsuk-frontend-10.6.1.min.css"
SYSTEM_FONT_CSS = "nhsuk-frontend-10.6.1-system-font.min.css"


def without_font_faces(css: str) -> str:
    import re

    return re.sub(r"@font-face\{[^}]*\}", "", css)


def stylesheet(font_source: str) -> str:
    """The NHS stylesheet's file in static/vendor for a FONT_SOURCE setting."""
    return NHS_CSS if font_source == "nhs" else SYSTEM_FONT_CSS


if __name__ == "__main__":  # python -m webapp.assets: write the derived file again
    original = VENDOR_DIR / NHS_CSS
    (VENDOR_DIR / SYSTEM_FONT_CSS).write_text(without_font_faces(original.read_text(encoding="utf-8")),
                                              encoding="utf-8")
