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
from dataclasses import dataclass
from pathlib import Path

from .draft_fields import FIELDS
from .formatters import joined_with_and
from .role_templates import TemplateError, _sources, _text, _texts, read_toml


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
class PayCheck:
    """The year before's pay points, from other sources, raised by this year's award:
    each must come within £1 of this year's (the loader refuses the file otherwise), so
    a figure mistyped by more than a pound or two in either table is caught."""

    award_per_thousand: int  # 36 for a 3.6% award
    sources: tuple[str, ...]
    bands: tuple[PayBand, ...]

    @property
    def award(self) -> str:
        return percent_of_thousand(self.award_per_thousand)

    @property
    def summary(self) -> str:
        names = [band.band for band in self.bands]
        return (f"{_bands(names)} {'agrees' if len(names) == 1 else 'agree'}, to within £1, with the year "
                f"before's published pay points raised by this year's {self.award} award.")


def percent_of_thousand(per_thousand: int) -> str:
    """36 -> "3.6%", 40 -> "4%"."""
    whole, tenths = divmod(per_thousand, 10)
    return f"{whole}.{tenths}%" if tenths else f"{whole}%"


def raised(previous: int, award_per_thousand: int, current: int) -> bool:
    """Whether ``previous`` raised by the award comes within £1 of ``current``
    (integers only: pay points are rounded to the pound)."""
    return abs(previous * (1000 + award_per_thousand) - current * 1000) <= 1000


@dataclass(frozen=True)
class PayTable:
    title: str
    note: str
    sources: tuple[str, ...]
    bands: tuple[PayBand, ...]
    check: PayCheck | None = None
    confirmed_by_advert: tuple[str, ...] = ()  # bands whose entry and top a real NHS advert gives

    def band(self, text: str) -> PayBand | None:
        """The Agenda for Change band ``text`` names ("Band 7", "AfC band 8A"), if any."""
        match = _BAND.fullmatch(text.strip())
        if match is None:
            return None
        return next((band for band in self.bands if band.band == match.group(1).lower()), None)

    @property
    def unchecked(self) -> tuple[str, ...]:
        """Bands whose figures have only the table's own source."""
        checked = {band.band for band in self.check.bands} if self.check else set()
        return tuple(band.band for band in self.bands
                     if band.band not in checked and band.band not in self.confirmed_by_advert)

    @property
    def checks(self) -> tuple[str, ...]:
        """What confirms the figures, and what does not, in sentences."""
        sentences = [self.check.summary] if self.check else []
        if self.confirmed_by_advert:
            one = len(self.confirmed_by_advert) == 1
            sentences.append(f"The lowest and highest points of {_bands(self.confirmed_by_advert)} match "
                             f"{'a real NHS advert' if one else 'real NHS adverts'}.")
        if self.unchecked:
            sentences.append(f"{_bands(self.unchecked)} {'has' if len(self.unchecked) == 1 else 'have'} no second source yet.")
        sentences.append("Check every figure with your pay team or NHS Employers' pay scales before you publish.")
        return tuple(sentences)


def _bands(names) -> str:
    names = list(names)
    return f"{'Band' if len(names) == 1 else 'Bands'} {joined_with_and(names)}"


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


def _pay_bands(data: dict, where: str) -> tuple[PayBand, ...]:
    bands: list[PayBand] = []
    for number, row in enumerate(data.get("bands") or [], start=1):
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
    _no_band_twice([band.band for band in bands], where)
    return tuple(bands)


def _no_band_twice(names: list[str], where: str) -> None:
    if twice := sorted({name for name in names if names.count(name) > 1}):
        raise TemplateError(f"{where}: a band is listed twice: {', '.join(twice)}")


def _pay_check(data: dict | None, bands: tuple[PayBand, ...], where: str) -> PayCheck | None:
    if data is None:
        return None
    award = data.get("award_per_thousand")
    if not isinstance(award, int) or isinstance(award, bool) or not 0 <= award <= 200:
        raise TemplateError(f"{where}: award_per_thousand must be a whole number (36 for a 3.6% award)")
    previous = _pay_bands(data, where)
    current = {band.band: band for band in bands}
    for number, old in enumerate(previous, start=1):
        new = current.get(old.band)
        if new is None:
            raise TemplateError(f"{where} band row {number}: {old.label} is not in this year's table")
        for name in ("entry", "intermediate", "top"):
            before, now = getattr(old, name), getattr(new, name)
            if before is None and now is None:
                continue
            if before is None or now is None:
                raise TemplateError(
                    f"{where} band row {number} ({old.label}): one year's table has an {name} pay point "
                    "and the other's does not: give it in both or in neither")
            if not raised(before, award, now):
                raise TemplateError(
                    f"{where} band row {number} ({old.label}, {name}): £{before:,} raised by "
                    f"{percent_of_thousand(award)} is not within £1 of this year's £{now:,}: check both figures")
    return PayCheck(award, _source_list(data, where), previous)


def load_key_facts_help(path: str | Path) -> KeyFactsHelp:
    path = Path(path)
    data = read_toml(path)
    pay = data.get("pay") or {}
    where = f"{path.name} [pay]"
    bands = _pay_bands(pay, where)
    by_advert = tuple(str(b).lower() for b in pay.get("confirmed_by_advert") or ())
    _no_band_twice(list(by_advert), f"{where} confirmed_by_advert")
    if unknown := [b for b in by_advert if b not in {band.band for band in bands}]:
        raise TemplateError(f"{where}: confirmed_by_advert names bands not in the table: {', '.join(unknown)}")
    table = PayTable(_text(pay, "title", where), _text(pay, "note", where), _source_list(pay, where),
                     bands, _pay_check(pay.get("previous_year"), bands, f"{path.name} [pay.previous_year]"),
                     by_advert)
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
