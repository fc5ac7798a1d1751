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
