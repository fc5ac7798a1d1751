"""Key facts help: what to write for the band, salary, hours, location, contact and
the job-evaluation details, and the Agenda for Change pay table.

Data lives in ``job_templates/key-facts.toml`` (editable by non-developers, with a
source for every entry). The editor shows each field's help under its box; "Before
you publish" suggests the pay range when the band is an Agenda for Change band and
the salary is still empty (``drafts.completeness_problems``).

Standard library only, like the role templates: no Flask or database imports.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .draft_fields import FIELDS
from .role_templates import TemplateError, _sources, _text, _texts


@dataclass(frozen=True)
class PayBand:
    band: str  # "2" ... "9", "8a" ... "8d"
    entry: int
    top: int
    intermediate: int | None = None

    @property
    def label(self) -> str:
        return f"Band {self.band}"

    @property
    def salary_range(self) -> str:
        if self.entry == self.top:
            return f"£{self.entry:,} a year"
        return f"£{self.entry:,} to £{self.top:,} a year"


@dataclass(frozen=True)
class PayTable:
    title: str
    note: str
    sources: tuple[str, ...]
    bands: tuple[PayBand, ...]

    def band(self, text: str) -> PayBand | None:
        """The Agenda for Change band ``text`` names ("Band 7", "AfC band 8A"), if any."""
        match = _BAND.fullmatch(text.strip())
        if match is None:
            return None
        return next((band for band in self.bands if band.band == match.group(1).lower()), None)


@dataclass(frozen=True)
class Guidance:
    field: str
    heading: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class KeyFactsHelp:
    pay: PayTable
    guidance: dict[str, Guidance]  # by draft field name


_BAND = re.compile(r"(?:(?:nhs\s+)?(?:afc|agenda\s+for\s+change)[\s:,-]*)?(?:band\s*)?([2-9]|8[a-dA-D])", re.IGNORECASE)


def _source_list(data: dict, where: str) -> tuple[str, ...]:
    if not data.get("sources"):
        raise TemplateError(f"{where}: sources are missing: every entry needs at least one")
    return _sources(_texts(data, "sources", where), where)


def load_key_facts_help(path: str | Path) -> KeyFactsHelp:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{path.name}: not valid TOML ({error})") from error
    pay = data.get("pay") or {}
    where = f"{path.name} [pay]"
    bands = []
    for number, row in enumerate(pay.get("bands") or [], start=1):
        try:
            band = PayBand(str(row["band"]).lower(), int(row["entry"]), int(row["top"]),
                           int(row["intermediate"]) if "intermediate" in row else None)
        except (KeyError, TypeError, ValueError) as error:
            raise TemplateError(f"{where} band row {number}: needs band, entry and top ({error})") from error
        points = [p for p in (band.entry, band.intermediate, band.top) if p is not None]
        if points != sorted(points) or (bands and band.entry < bands[-1].entry):
            raise TemplateError(f"{where} band row {number} ({band.label}): pay points must rise")
        bands.append(band)
    if not bands:
        raise TemplateError(f"{where}: no bands")
    table = PayTable(_text(pay, "title", where), _text(pay, "note", where), _source_list(pay, where),
                     tuple(bands))
    guidance = {}
    for number, entry in enumerate(data.get("guidance") or [], start=1):
        where = f"{path.name} guidance {number}"
        field = _text(entry, "field", where)
        if field not in FIELDS or not FIELDS[field].key_fact:
            raise TemplateError(f"{where}: {field!r} is not a key fact of a draft")
        if field in guidance:
            raise TemplateError(f"{where}: {field!r} has help twice")
        guidance[field] = Guidance(field, _text(entry, "heading", where), _text(entry, "text", where),
                                   _source_list(entry, where))
    return KeyFactsHelp(table, guidance)
