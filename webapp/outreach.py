"""Where to share an advert: networks matched to the role and to what the check found.

Standard library only. The data is ``job_templates/outreach/networks.toml``; an
organisation's own networks come from the database and are passed in as ``extra``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .formatters import joined_with_and
from .role_templates import ROLE_FAMILIES

AUDIENCES = (
    "women",
    "ethnic minority women",
    "ethnic minority people",
    "disabled people",
    "LGBTQ+",
    "non-binary people",
    "older people",
    "armed forces community",
    "career changers",
    "clinicians",
    "senior leaders",
)
# Audiences under-represented in NHS digital roles: these networks suit every advert.
DIVERSITY_AUDIENCES = frozenset(AUDIENCES) - {"clinicians", "senior leaders", "career changers"}
WOMEN = frozenset({"women", "ethnic minority women", "non-binary people"})
# No kind for courses or training programmes: they are not places to share an advert.
KINDS = ("community", "professional body", "scheme", "event")
# "active-check": the research found it running but says to check it still is. Closed
# networks are never suggested.
STATUSES = ("active", "active-check", "closed")
# url_confirmed is true, false or "partial" (a source shows the site but not this page).
PARTLY_CONFIRMED = "partial"
CLINICAL_FAMILIES = frozenset({"clinical informatics", "leadership"})
AUDIENCE_PHRASES = {"LGBTQ+": "LGBTQ+ people", "armed forces community": "the armed forces community"}
# Networks once in networks.toml and since removed or replaced, by id: a draft's
# checklist may still hold what someone recorded against them, which the "Where to
# share" page keeps showing under this name.
RETIRED_NETWORK_NAMES = {
    "nhs-digital-academy": "NHS Digital Academy (a course, no longer suggested)",
    "nhs-confed-edi-networks": "NHS Confederation equality, diversity and inclusion networks (now listed as its LGBTQ+ Leaders Network)",
}

SENIOR_LEVEL_WORDS = ("lead", "head", "principal", "chief", "director", "ccio", "cnio", "cio", "cdio")


class NetworkError(ValueError):
    """The networks file has a missing, unknown or repeated value."""


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    summary: str
    serves: str
    url: str
    url_confirmed: bool | str  # True, False or "partial"
    status: str
    kind: str
    audiences: tuple[str, ...]
    role_families: tuple[str, ...]
    sources: tuple[str, ...]
    organisation_id: int | None = None  # set for an organisation's own networks


@dataclass(frozen=True)
class Advice:
    id: str
    label: str
    name: str
    text: str
    url: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Networks:
    networks: tuple[Network, ...]
    advice: tuple[Advice, ...]


@dataclass(frozen=True)
class Suggestion:
    network: Network
    why: str
    score: int

    def to_dict(self) -> dict:
        return {"id": self.network.id, "name": self.network.name, "url": self.network.url, "why": self.why}


def _check_tags(where: str, values, allowed, field: str) -> tuple[str, ...]:
    values = tuple(values or ())
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise NetworkError(f"{where}: unknown {field} {unknown}; use {', '.join(allowed)}")
    return values


def make_network(data: dict, where: str, organisation_id: int | None = None) -> Network:
    for field in ("id", "name", "summary", "serves", "status", "kind"):
        if not str(data.get(field) or "").strip():
            raise NetworkError(f"{where}: {field} is missing")
    if data["status"] not in STATUSES:
        raise NetworkError(f"{where}: status must be one of {', '.join(STATUSES)}")
    url_confirmed = data.get("url_confirmed", False)
    if not (isinstance(url_confirmed, bool) or url_confirmed == PARTLY_CONFIRMED):
        raise NetworkError(f'{where}: url_confirmed must be true, false or "partial"')
    if data["kind"] not in KINDS:
        raise NetworkError(f"{where}: kind must be one of {', '.join(KINDS)}")
    sources = tuple(data.get("sources") or ())
    if organisation_id is None and not sources:
        raise NetworkError(f"{where}: give at least one source")
    role_families = _check_tags(where, data.get("role_families"), (*ROLE_FAMILIES, "all"), "role family")
    if not role_families:
        raise NetworkError(f"{where}: give at least one role family, or \"all\"")
    return Network(
        id=data["id"],
        name=data["name"],
        summary=data["summary"],
        serves=data["serves"],
        url=data.get("url") or "",
        url_confirmed=url_confirmed,
        status=data["status"],
        kind=data["kind"],
        audiences=_check_tags(where, data.get("audiences"), AUDIENCES, "audience"),
        role_families=role_families,
        sources=sources,
        organisation_id=organisation_id,
    )


def load_networks(path: str | Path) -> Networks:
    path = Path(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    networks = tuple(make_network(entry, f"{path.name} network {n + 1}") for n, entry in enumerate(data.get("network", [])))
    advice = []
    for n, entry in enumerate(data.get("advice", [])):
        missing = [f for f in ("id", "label", "name", "text", "sources") if not entry.get(f)]
        if missing:
            raise NetworkError(f"{path.name} advice {n + 1}: {', '.join(missing)} missing")
        advice.append(Advice(entry["id"], entry["label"], entry["name"], entry["text"], entry.get("url", ""), tuple(entry["sources"])))
    ids = [n.id for n in networks] + [a.id for a in advice]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise NetworkError(f"{path.name}: ids used more than once: {repeated}")
    return Networks(networks, tuple(advice))


def join_audiences(audiences) -> str:
    return joined_with_and(AUDIENCE_PHRASES.get(a, a) for a in sorted(audiences, key=AUDIENCES.index))


def is_senior(level_id: str | None) -> bool:
    return bool(level_id) and any(word in level_id.lower() for word in SENIOR_LEVEL_WORDS)


def suggest(
    networks: Networks,
    role_family: str | None,
    *,
    level_id: str | None = None,
    masculine_coded: bool = False,
    organisation_id: int | None = None,
    extra: tuple[Network, ...] = (),
) -> list[Suggestion]:
    """Networks to share an advert with, best first, each with one line saying why.

    Closed networks are never suggested; an organisation's own networks only to that
    organisation. Without a role family, only networks for every role are suggested."""
    senior = is_senior(level_id)
    suggestions = []
    for network in (*networks.networks, *extra):
        if network.status == "closed":
            continue
        if network.organisation_id is not None and network.organisation_id != organisation_id:
            continue
        for_role = role_family is not None and role_family in network.role_families
        for_all = "all" in network.role_families
        diverse = DIVERSITY_AUDIENCES.intersection(network.audiences)
        if not (for_role or for_all):
            continue
        score, reasons = 0, []
        if network.organisation_id is not None:
            score += 3
            reasons.append("Added by your organisation")
        if masculine_coded and WOMEN.intersection(network.audiences):
            score += 3
            reasons.append("Your advert is masculine-coded: reword it first, then share it here to reach women")
        if for_role:
            score += 3
            reasons.append(f"Suits {role_family} roles: it serves {network.serves}")
        if role_family in CLINICAL_FAMILIES and "clinicians" in network.audiences:
            score += 2
            reasons.append("Reaches clinicians working in digital and informatics")
        if senior and "senior leaders" in network.audiences:
            score += 2
            reasons.append("Reaches senior leaders, for a senior post")
        if diverse:
            score += 1
            reasons.append(f"Reaches {join_audiences(diverse)}, widening who sees the advert")
        reasons.append(f"Serves {network.serves}")
        suggestions.append(Suggestion(network, reasons[0] + ".", score))
    suggestions.sort(key=lambda s: (-s.score, s.network.name.lower()))
    return suggestions
