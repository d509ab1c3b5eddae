"""The directory in the shape of Open Referral's Human Services Data Specification 3.0.

https://docs.openreferral.org/en/latest/hsds/ ; the API that serves these objects is in
api/hsds.py, the mapping is documented in docs/api.md. Every object here validates against
the spec's own JSON Schemas (tests/schemas/hsds/), which refuse `null` in most places: a
value the directory does not know is left out, never written as null or "".

Ids are UUIDs (version 5) derived from each record's slug or primary key under a fixed
namespace, so that a record keeps its id from one request (and one release) to the next.
"""

import uuid
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse

from . import addresses
from .caching import kept_in_process
from .models import Association, Desk, Language, Location, Service
from .phones import present

HSDS_VERSION = "3.0"
# The spec publishes no URL per version other than its 3.0 branch; the API follows the
# canonical spec without a profile, so both name the spec itself.
PROFILE_URL = "https://github.com/openreferral/specification/tree/3.0/schema"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
UTC_OFFSET = "+09:00"  # Japan has one time zone and no daylight saving time.
# The association's consultation languages and consultation line belong to this service.
CONSULTATION = "consultation"
# Easy Japanese has no ISO 639 code of its own; HSDS asks for ISO 639, so it is Japanese
# with a note saying which Japanese.
EASY_JAPANESE = "ja-x-easy"
_NAMESPACE = uuid.UUID("6f1f6a52-8d1e-4d53-9a39-1f0f3b1c2a10")
TAXONOMY_KEY = "services"
TAXONOMY_NAME = "CLAIR directory services"
TAXONOMY_DESCRIPTION = (
    "The kinds of service the directory records for international associations in Japan."
)


def hsds_id(*parts: object) -> str:
    return str(_digest(parts))


def _digest(parts: Iterable[object]) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, "/".join(str(part) for part in parts))


def find_key(kind: str, id_: str, keys: Callable[[], Iterable[tuple[tuple, object]]]):
    """The key of the record of `kind` whose id is `id_` (None if no record has it), from
    `keys()`: (the parts its id is the digest of, its key) for every record of the kind.
    An id is a digest of its record's key, so finding one means knowing every record's
    id: they are digested once per version of the directory and kept in the process,
    not on every request (100,000 digests a request at 100,000 associations)."""
    try:
        wanted = uuid.UUID(id_).int
    except ValueError:
        return None

    def digested() -> KeysByDigest:
        return KeysByDigest((_digest(parts).int, key) for parts, key in keys())

    return kept_in_process(f"hsds-ids:{kind}", digested).get(wanted)


_HALF = (1 << 64) - 1


class KeysByDigest:
    """Records' keys by their ids' digests, kept in every worker: the digests as two
    sorted arrays of 64-bit halves, found by bisection, and the keys beside them. A dict
    took 12.7 MB for 100,000 organizations and 28.5 MB for their 248,947 services."""

    def __init__(self, records: Iterable[tuple[int, object]]) -> None:
        """`records`: (the digest of a record's id as an integer, its key)."""
        entries = sorted(records)
        self._high = array("Q", (digest >> 64 for digest, _ in entries))
        self._low = array("Q", (digest & _HALF for digest, _ in entries))
        keys = [key for _, key in entries]
        # Most keys are primary keys: an array of them takes a third of a list's memory.
        self._keys = array("q", keys) if all(type(key) is int for key in keys) else keys

    def get(self, digest: int):
        """The key whose id's digest is `digest`, None if none has it."""
        high, low = digest >> 64, digest & _HALF
        index = bisect_left(self._high, high)
        while index < len(self._high) and self._high[index] == high:
            if self._low[index] == low:
                return self._keys[index]
            index += 1
        return None


def organization_id(association: Association) -> str:
    # The same key as the single-document export of before, so ids did not change.
    return hsds_id("association", association.slug)


TAXONOMY_ID = hsds_id("taxonomy", TAXONOMY_KEY)


def term_id(service: Service) -> str:
    return hsds_id("taxonomy_term", service.slug)


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _history_date(model) -> Subquery:
    history = model.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    return Subquery(history.values("history_date")[:1])


def associations() -> QuerySet:
    """Every association with all that its HSDS objects show, in a fixed number of queries:
    place, languages, services, locations with their hours, desks with their hours and
    languages, and when each association and desk last changed (from the record history)."""
    return (
        Association.objects.for_directory()
        .annotate(last_modified=_history_date(Association))
        .prefetch_related(
            Prefetch("locations", Location.objects.prefetch_related("opening_hours")),
            Prefetch(
                "desks",
                Desk.objects.annotate(last_modified=_history_date(Desk))
                .select_related("location")
                .prefetch_related("hours__languages", "location__opening_hours"),
            ),
        )
        .order_by("name_en", "pk")
    )


# Organizations, locations, phones


def _organization_description(association: Association) -> str:
    return (
        f"{association.get_tier_display()} international association, {association.area_served_en}."
    )


def organization(association: Association, request: HttpRequest) -> dict:
    """The organization's own fields (the list form)."""
    return _compact(
        {
            "id": organization_id(association),
            "name": association.name,
            "alternate_name": association.name_ja,
            "description": _organization_description(association),
            "email": association.email,
            "website": association.website,
            "uri": request.build_absolute_uri(association.get_absolute_url()),
        }
    )


def organization_full(
    association: Association, request: HttpRequest, terms: dict[str, Service], full_service: bool
) -> dict:
    org_id = organization_id(association)
    rows = service_rows([association], terms)
    # The consultation line belongs to the consultation service; without one it is the
    # organization's, rather than lost.
    offers_consultation = any(r.desk is None and r.offer.slug == CONSULTATION for r in rows)
    consultation_description = (
        association.consultation_phone_note or "Consultation for foreign residents"
    )
    phones = [
        _phone(number, description, org_id, kind=kind, organization_id=org_id)
        for number, kind, description in (
            (association.phone, "voice", "Office"),
            (
                None if offers_consultation else association.consultation_phone,
                "voice",
                consultation_description,
            ),
            (association.fax, "fax", "Fax"),
        )
        if present(number)
    ]
    services = [
        service_full(row, request, terms, nested=True)
        if full_service
        else service(row, request, nested=True)
        for row in rows
    ]
    return _compact(
        {
            **organization(association, request),
            "phones": phones,
            "locations": locations(association),
            "services": services,
        }
    )


def _phone(number, description: str, *key, kind: str = "voice", **links) -> dict:
    return _compact(
        {
            "id": hsds_id("phone", *key, number.as_e164),
            **links,
            "number": number.as_e164,
            "type": kind,
            "description": description,
        }
    )


@dataclass(frozen=True)
class Address:
    """An address in one language, given only when every field HSDS requires is known."""

    address_1: str
    city: str
    state_province: str
    postal_code: str

    def as_hsds(self, location_id: str, language: str) -> dict | None:
        if not all((self.address_1, self.city, self.state_province, self.postal_code)):
            return None
        return {
            "id": hsds_id("address", location_id, language),
            "location_id": location_id,
            "address_1": self.address_1,
            "city": self.city,
            "state_province": self.state_province,
            "postal_code": self.postal_code,
            "country": "JP",
            "address_type": "physical",
        }


def location_id(location: Location) -> str:
    return hsds_id("location", location.pk)


def fallback_location_id(association: Association) -> str:
    return hsds_id("location", association.slug)


def _location(
    id_: str, association: Association, name: str, addresses_: list[dict | None], **more
) -> dict:
    return _compact(
        {
            "id": id_,
            "location_type": "physical",
            "organization_id": organization_id(association),
            "name": name,
            **more,
            "addresses": [address for address in addresses_ if address],
        }
    )


def _city_en(record: Location, association: Association) -> str:
    """The location's municipality in English when the association's own place is that
    municipality; the record names it in Japanese only, and it is never translated here."""
    for place in (association.municipality, association.designated_city):
        if place is not None and record.municipality_name in (place.name_ja, _full_ja(place)):
            return place.name_en
    return ""


def _full_ja(place) -> str:
    return getattr(place, "full_name_ja", "") or place.name_ja


def location(record: Location, association: Association, *, full: bool = True) -> dict:
    """A location the directory records (its hours prefetched), with its address in
    Japanese and in English where every part of each is known; not `full`, only its own
    fields, as a list shows it."""
    if not full:
        return _location(
            location_id(record), association, record.name, [], transportation=record.access_note
        )
    prefecture = association.prefecture
    id_ = location_id(record)
    japanese = Address(
        record.address_ja, record.municipality_name, prefecture.name_ja, record.postal_code
    ).as_hsds(id_, "ja")
    english = Address(
        record.address_en,
        _city_en(record, association),
        prefecture.name_en,
        record.postal_code,
    ).as_hsds(id_, "en")
    return _location(
        id_,
        association,
        record.name,
        [japanese, english],
        transportation=record.access_note,
        schedules=[_schedule(span, record, location_id=id_) for span in record.opening_hours.all()],
    )


def locations(association: Association) -> list[dict]:
    """The association's locations; with none recorded, its own office address."""
    recorded = [location(record, association) for record in association.locations.all()]
    if recorded or not association.address:
        return recorded
    id_ = fallback_location_id(association)
    language = "ja" if association.address_is_japanese else "en"
    prefecture = association.prefecture
    address = Address(
        association.address,
        _locality_ja(association) if language == "ja" else addresses.locality(association),
        prefecture.name_ja if language == "ja" else prefecture.name_en,
        association.postal_code,
    ).as_hsds(id_, language)
    return [_location(id_, association, association.name, [address])]


def _locality_ja(association: Association) -> str:
    """addresses.locality() in Japanese: the municipality the record states, or ""."""
    if association.municipality_id:
        return association.municipality.full_name_ja
    if association.designated_city_id:
        return association.designated_city.name_ja
    if association.tier == Association.Tier.MUNICIPAL:
        return association.municipality_ja
    return ""


# Schedules and languages


def _closures(location: Location | None) -> str:
    if location is None:
        return ""
    notes = []
    if location.closed_on_holidays:
        notes.append("Closed on national holidays.")
    if location.closed_at_year_end:
        notes.append("Closed 29 December to 3 January.")
    if location.hours_note:
        notes.append(location.hours_note)
    return " ".join(notes)


def _schedule(span, location: Location | None, *, attending: str = "", **links) -> dict:
    languages = list(span.languages.all()) if hasattr(span, "languages") else []
    return _compact(
        {
            "id": hsds_id("schedule", type(span).__name__.lower(), span.pk),
            **links,
            "timezone": 9,
            "freq": span.hsds_freq,
            "byday": span.hsds_byday,
            "opens_at": f"{span.opens:%H:%M}{UTC_OFFSET}",
            "closes_at": f"{span.closes:%H:%M}{UTC_OFFSET}",
            "attending_type": attending,
            "description": (
                "Languages: " + ", ".join(language.name_en for language in languages)
                if languages
                else ""
            ),
            "notes": _closures(location),
        }
    )


def language(language: Language, *key, **links) -> dict:
    easy = language.code == EASY_JAPANESE
    return _compact(
        {
            "id": hsds_id("language", *key, language.code),
            **links,
            "name": language.name_en,
            "code": "ja" if easy else language.code,
            "note": f"{language.name_en} ({language.name_native}), plain Japanese for "
            "non-native speakers; BCP 47 tag ja-x-easy"
            if easy
            else "",
        }
    )


# Services: each consultation desk, and each service the association offers


@dataclass
class ServiceRow:
    association: Association
    desk: Desk | None = None
    offer: Service | None = None

    @property
    def id(self) -> str:
        if self.desk is not None:
            return hsds_id("desk", self.desk.pk)
        return hsds_id("service", self.association.slug, self.offer.slug)

    @property
    def term(self) -> Service | None:
        return self.offer

    @property
    def last_modified(self) -> datetime | None:
        record = self.desk if self.desk is not None else self.association
        return getattr(record, "last_modified", None)

    @property
    def name(self) -> str:
        return self.desk.name if self.desk is not None else self.offer.name_en


def service_rows(associations_: Iterable[Association], terms: dict[str, Service]) -> list:
    """The services of these associations (prefetched): its desks, then its offers."""
    rows = []
    for association in associations_:
        for desk in association.desks.all():
            rows.append(ServiceRow(association, desk=desk, offer=terms.get(CONSULTATION)))
        for offer in association.services.all():
            rows.append(ServiceRow(association, offer=offer))
    return rows


# A service's key: (its association's key, its desk's key or None, the offered service's
# key or None), as service_rows would make it.
ServiceKey = tuple[int, int | None, int | None]


def service_keys(associations_: QuerySet, *, at_locations: bool = False) -> list[ServiceKey]:
    """The keys of the services of these associations in service_rows' order (with
    `at_locations`, only the desks that have a place), read as three narrow lists, not as
    the records with all that their HSDS objects show: at 100,000 associations reading
    every one of those took 38 s a request, for a page of fifty."""
    order = associations_.order_by("name_en", "pk").values_list("pk", flat=True)
    desks = Desk.objects.order_by("order", "name", "pk")
    if at_locations:
        desks = desks.exclude(location=None)
    by_association: dict[int, list[ServiceKey]] = {}
    for association, desk in desks.values_list("association_id", "pk"):
        by_association.setdefault(association, []).append((association, desk, None))
    if not at_locations:
        offers = Association.services.through.objects.order_by("service__order", "service__slug")
        for association, offer in offers.values_list("association_id", "service_id"):
            by_association.setdefault(association, []).append((association, None, offer))
    return [key for association in order for key in by_association.get(association, ())]


class ServiceKeys(Sequence):
    """Service keys as one array of 64-bit integers, three a service (0 for none): kept
    in every worker for the directory's version, where a list of tuples took 25 MB at
    100,000 associations, this takes 6.6 MB."""

    def __init__(self, keys: Iterable[ServiceKey]) -> None:
        self._flat = array("q")
        for association, desk, offer in keys:
            self._flat.extend((association, desk or 0, offer or 0))

    def __len__(self) -> int:
        return len(self._flat) // 3

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        return list(_unflattened(self._flat[start * 3 : stop * 3]))

    def __iter__(self):
        return _unflattened(self._flat)


def _unflattened(flat: array):
    desks = (desk or None for desk in flat[1::3])
    offers = (offer or None for offer in flat[2::3])
    return zip(flat[0::3], desks, offers, strict=True)


def kept_service_keys(*, at_locations: bool = False) -> ServiceKeys:
    """service_keys of every association, kept in the process for the directory's
    version: a page of the whole list then reads only its own associations."""
    return kept_in_process(
        f"hsds-service-keys:{at_locations}",
        lambda: ServiceKeys(service_keys(Association.objects.all(), at_locations=at_locations)),
    )


class ServiceRows(Sequence):
    """The services `keys` name, as ServiceRows made only when read: reading a slice
    reads those services' associations with all that their HSDS objects show; reading
    them all (a stream) reads them a few hundred associations at a time."""

    CHUNK = 200

    def __init__(self, keys: Sequence[ServiceKey], terms: dict[str, Service]) -> None:
        self.keys, self.terms = keys, terms

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._rows(self.keys[index])
        return self._rows([self.keys[index]])[0]

    def __iter__(self):
        for start in range(0, len(self.keys), self.CHUNK):
            yield from self._rows(self.keys[start : start + self.CHUNK])

    def _rows(self, keys: list[ServiceKey]) -> list[ServiceRow]:
        found = associations().in_bulk({association for association, _, _ in keys})
        consultation = self.terms.get(CONSULTATION)
        rows = []
        for association_pk, desk_pk, offer_pk in keys:
            association = found.get(association_pk)
            if association is None:
                continue  # removed since its key was read
            if desk_pk is not None:
                desk = next((d for d in association.desks.all() if d.pk == desk_pk), None)
                if desk is not None:
                    rows.append(ServiceRow(association, desk=desk, offer=consultation))
            else:
                offer = next((o for o in association.services.all() if o.pk == offer_pk), None)
                if offer is not None:
                    rows.append(ServiceRow(association, offer=offer))
        return rows


def service(row: ServiceRow, request: HttpRequest, nested: bool = False) -> dict:
    """A service's own fields (the list form), with its organization unless `nested` in
    it."""
    desk = row.desk
    data = {
        "id": row.id,
        "organization_id": organization_id(row.association),
        "name": row.name,
        "status": "active",
        "last_modified": row.last_modified.isoformat() if row.last_modified else "",
    }
    if desk is not None:
        data |= {
            "description": desk.public_note,
            "email": desk.email,
            "interpretation_services": _known(desk, "interpreter"),
            "fees_description": _known(desk, "fee"),
            "application_process": _known(desk, "appointment"),
        }
    else:
        data |= {"description": row.offer.description_en}
    if not nested:
        data["organization"] = organization(row.association, request)
    return _compact(data)


def _known(desk: Desk, field: str) -> str:
    value = getattr(desk, field)
    return "" if value == "unknown" else str(dict(desk._meta.get_field(field).choices)[value])


def service_full(
    row: ServiceRow, request: HttpRequest, terms: dict[str, Service], nested: bool = False
) -> dict:
    """The service with its phones, schedules, languages, places and classification.
    Inside an organization (`nested`) it does not repeat that organization."""
    association, desk = row.association, row.desk
    service_id = row.id
    phones, schedules, languages, sal = [], [], [], []
    if desk is not None:
        if present(desk.phone):
            phones.append(_phone(desk.phone, desk.name, "desk", desk.pk, service_id=service_id))
        schedules = [
            _schedule(
                span, desk.location, attending=desk.get_channel_display(), service_id=service_id
            )
            for span in desk.hours.all()
        ]
        languages = [
            language(lang, "desk", desk.pk, service_id=service_id) for lang in desk_languages(desk)
        ]
        if desk.location is not None:
            sal = [service_at_location(desk, request, terms, within_service=True)]
    elif row.offer.slug == CONSULTATION:
        if present(association.consultation_phone):
            phones.append(
                _phone(
                    association.consultation_phone,
                    association.consultation_phone_note or "Consultation for foreign residents",
                    association.slug,
                    "consultation",
                    service_id=service_id,
                )
            )
        languages = [
            language(lang, association.slug, service_id=service_id)
            for lang in association.languages.all()
        ]
    data = service(row, request, nested)
    return _compact(
        data
        | {
            "phones": phones,
            "schedules": schedules,
            "languages": languages,
            "service_at_locations": sal,
            "attributes": [attribute(row.term, service_id, request)] if row.term else [],
        }
    )


def desk_languages(desk: Desk) -> list[Language]:
    """The languages of any of the desk's hours, in the vocabulary's order."""
    seen: dict[int, Language] = {}
    for span in desk.hours.all():
        for lang in span.languages.all():
            seen.setdefault(lang.pk, lang)
    return sorted(seen.values(), key=lambda lang: (lang.order, lang.code))


def attribute(term: Service, link_id: str, request: HttpRequest) -> dict:
    return {
        "id": hsds_id("attribute", link_id, term.slug),
        "link_id": link_id,
        "taxonomy_term_id": term_id(term),
        "link_type": "service_type",
        "link_entity": "service",
        "taxonomy_term": taxonomy_term(term, request),
    }


# Service at location: a desk at one of the association's recorded locations


def sal_id(desk: Desk) -> str:
    return hsds_id("service_at_location", desk.pk)


def service_at_location(
    desk: Desk,
    request: HttpRequest,
    terms: dict[str, Service],
    *,
    full: bool = False,
    within_service: bool = False,
) -> dict:
    """The desk at its location (prefetched), with its hours and phone there."""
    id_ = sal_id(desk)
    service_id = hsds_id("desk", desk.pk)
    data = {
        "id": id_,
        "service_id": service_id,
        "location_id": location_id(desk.location),
        "description": desk.public_note,
    }
    if full or within_service:
        data |= {
            "phones": [
                _phone(desk.phone, desk.name, "desk", desk.pk, "sal", service_at_location_id=id_)
            ]
            if present(desk.phone)
            else [],
            "schedules": [
                _schedule(
                    span,
                    desk.location,
                    attending=desk.get_channel_display(),
                    service_at_location_id=id_,
                )
                for span in desk.hours.all()
            ],
        }
    if not within_service:
        data["location"] = location(desk.location, desk.association, full=full)
    if not within_service:
        row = ServiceRow(desk.association, desk=desk, offer=terms.get(CONSULTATION))
        data["service"] = _service_in_sal(row, request, terms) if full else service(row, request)
    return _compact(data)


def _service_in_sal(row: ServiceRow, request: HttpRequest, terms: dict[str, Service]) -> dict:
    data = service_full(row, request, terms)
    # Its own service_at_locations would repeat the object it sits in.
    data.pop("service_at_locations", None)
    return data


# The taxonomy: the directory's vocabulary of services


def taxonomy(request: HttpRequest) -> dict:
    return {
        "id": TAXONOMY_ID,
        "name": TAXONOMY_NAME,
        "description": TAXONOMY_DESCRIPTION,
        "uri": request.build_absolute_uri(reverse("api:hsds-taxonomy", args=[TAXONOMY_ID])),
    }


def taxonomy_term(term: Service, request: HttpRequest) -> dict:
    return _compact(
        {
            "id": term_id(term),
            "code": term.slug,
            "name": term.name_en,
            # Required by HSDS; a term without a description is described by its name.
            "description": term.description_en or term.name_en,
            "taxonomy": TAXONOMY_NAME,
            "language": "en",
            "taxonomy_id": TAXONOMY_ID,
            "term_uri": request.build_absolute_uri(term.get_absolute_url()),
        }
    )
