"""schema.org JSON-LD for the pages of associations and CLAIR offices.

Each organisation is one entity whatever the page's language: its `@id` is its canonical
(English) page's URL + "#organization", the same on /ja/, /vi/… pages, so that search
engines merge what the language versions say instead of seeing eight organisations. `url`
is the organisation's own website; the directory page is only `mainEntityOfPage`.
"""

import json

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from . import addresses, phones
from .models import Association, ClairOffice

# As Django's json_script does: the JSON cannot close the <script> element it sits in.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
CONTEXT = "https://schema.org"


def _script(data: dict) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))


def entity_id(request: HttpRequest, view_name: str, slug: str) -> str:
    """The stable id of the organisation a detail page describes."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(view_name, kwargs={"slug": slug})
    return request.build_absolute_uri(path) + "#organization"


def _without_blanks(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def _e164(number) -> str:
    return number.as_e164 if phones.present(number) else ""


# schema.org's DayOfWeek members, in Python's weekday order (Monday first).
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def consultation_hours(association: Association) -> list[dict]:
    """The consultation desks' weekly hours as schema.org OpeningHoursSpecification objects,
    the days that share a span in one object (reads the prefetched desks and their hours).

    A span held only in some weeks of the month ("2nd and 4th Saturday") is left out:
    OpeningHoursSpecification can only say "every Saturday", which would be untrue. Closures
    on holidays are not stated either; the page itself says them.
    """
    days_by_span: dict[tuple, list[int]] = {}
    for desk in association.desks.all():
        for span in desk.hours.all():
            if span.weeks_of_month:
                continue
            days = days_by_span.setdefault((span.opens, span.closes), [])
            if span.weekday not in days:
                days.append(span.weekday)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{DAYS[day]}" for day in sorted(days)],
            "opens": f"{opens:%H:%M}",
            "closes": f"{closes:%H:%M}",
        }
        for (opens, closes), days in sorted(
            days_by_span.items(), key=lambda item: (min(item[1]), item[0])
        )
    ]


def _contact_points(association: Association) -> list[dict]:
    """A consultation point (the consultation line, or the main one) with the languages it
    is given in, and the main line as a point of its own when both exist."""
    languages = [
        {"@type": "Language", "name": language.name_en, "alternateName": language.code}
        for language in association.languages.all()
    ]
    separate_line = phones.present(association.consultation_phone) and phones.present(
        association.phone
    )
    points = []
    if separate_line:
        general = {"telephone": _e164(association.phone), "email": association.email}
        points.append({"@type": "ContactPoint", "contactType": "general enquiries", **general})
    consultation = _without_blanks(
        {
            "@type": "ContactPoint",
            "contactType": "consultation for foreign residents",
            "telephone": _e164(association.consultation_phone) or _e164(association.phone),
            "email": "" if separate_line else association.email,
            "availableLanguage": languages,
            "hoursAvailable": consultation_hours(association),
        }
    )
    if "telephone" in consultation or "email" in consultation:
        points.append(consultation)
    return [_without_blanks(point) for point in points]


def organisation(association: Association, request: HttpRequest) -> SafeString:
    """The association (preloaded with its place, languages and desks with their hours:
    no query)."""
    address = {}
    if association.address:
        address = _without_blanks(
            {
                "@type": "PostalAddress",
                "streetAddress": association.address,
                "addressLocality": addresses.locality(association),
                "addressRegion": association.prefecture.name_en,
                "postalCode": association.postal_code,
                "addressCountry": "JP",
            }
        )
    data = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": entity_id(request, "associations:detail", association.slug),
        "name": association.name,
        "alternateName": association.name_ja,
        "url": association.website,
        "mainEntityOfPage": request.build_absolute_uri(request.path),
        "areaServed": {"@type": "AdministrativeArea", "name": association.area_served_en},
        "telephone": _e164(association.phone),
        "faxNumber": _e164(association.fax),
        "email": association.email,
        "address": address,
        "knowsLanguage": [language.code for language in association.languages.all()],
        "contactPoint": _contact_points(association),
    }
    return _script(_without_blanks(data))


def office(
    office: ClairOffice, request: HttpRequest, headquarters: ClairOffice | None
) -> SafeString:
    """A CLAIR office. CLAIR is a foundation of Japan's local governments, not a government
    agency, so an Organization, not a GovernmentOffice; the headquarters is CLAIR itself,
    and every overseas office names it as `parentOrganization` by its `@id` (one query for
    the headquarters' slug)."""
    data = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": entity_id(request, "associations:office", office.slug),
        "name": office.name_en,
        "alternateName": office.name_ja,
        "url": office.website_current or office.website,
        "mainEntityOfPage": request.build_absolute_uri(request.path),
        "telephone": _e164(office.phone),
        "faxNumber": _e164(office.fax),
        "email": office.email,
        "foundingDate": office.opened.isoformat() if office.opened else "",
        "address": _without_blanks(
            {
                "@type": "PostalAddress",
                "streetAddress": office.address,
                "addressLocality": office.city,
                "postalCode": office.postal_code,
                "addressCountry": office.country.code,
            }
        ),
    }
    if not office.is_headquarters and headquarters is not None:
        data["parentOrganization"] = {
            "@type": "Organization",
            "@id": entity_id(request, "associations:office", headquarters.slug),
            "name": headquarters.name_en,
        }
    return _script(_without_blanks(data))
