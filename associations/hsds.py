"""The associations in the shape of Open Referral's Human Services Data Specification.

HSDS 3.0 (https://docs.openreferral.org/en/latest/hsds/): one document of tables that
refer to each other by id. Ids are UUIDs derived from the directory's slugs, so they stay
the same from one export to the next. The mapping is documented in docs/hsds.md.
"""

import uuid

from django.http import HttpRequest

from .models import Association
from .phones import present

HSDS_VERSION = "3.0"
_NAMESPACE = uuid.UUID("6f1f6a52-8d1e-4d53-9a39-1f0f3b1c2a10")


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def export(request: HttpRequest) -> dict:
    organizations, locations, phones, services, languages = [], [], [], [], []
    for association in Association.objects.for_directory():
        org_id = _id("association", association.slug)
        organizations.append(
            {
                "id": org_id,
                "name": association.name,
                "alternate_name": association.name_ja or None,
                "description": f"{association.get_tier_display()} international association, "
                f"{association.area_served_en}.",
                "email": association.email or None,
                "website": association.website or None,
                "uri": request.build_absolute_uri(association.get_absolute_url()),
            }
        )
        location_id = None
        if association.address:
            location_id = _id("location", association.slug)
            locations.append(
                {
                    "id": location_id,
                    "organization_id": org_id,
                    "location_type": "physical",
                    "name": association.name,
                    "addresses": [
                        {
                            "id": _id("address", association.slug),
                            "location_id": location_id,
                            "address_1": association.address,
                            "city": association.designated_city.name_en
                            if association.designated_city
                            else association.municipality_en,
                            "state_province": association.prefecture.name_en,
                            "postal_code": association.postal_code,
                            "country": "JP",
                            "address_type": "physical",
                        }
                    ],
                }
            )
        for kind, number, description in [
            ("voice", association.phone, "Office"),
            ("voice", association.consultation_phone, "Consultation for foreign residents"),
            ("fax", association.fax, "Fax"),
        ]:
            if present(number):
                phones.append(
                    {
                        "id": _id("phone", association.slug, kind, number.as_e164),
                        "organization_id": org_id,
                        "location_id": location_id,
                        "number": number.as_e164,
                        "type": kind,
                        "description": description,
                    }
                )
        for service in association.services.all():
            service_id = _id("service", association.slug, service.slug)
            services.append(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": service.name_en,
                    "status": "active",
                }
            )
        for language in association.languages.all():
            languages.append(
                {
                    "id": _id("language", association.slug, language.code),
                    "organization_id": org_id,
                    "name": language.name_en,
                    "code": language.code,
                    "note": "Consultation desk language",
                }
            )
    return {
        "hsds_version": HSDS_VERSION,
        "organizations": organizations,
        "locations": locations,
        "phones": phones,
        "services": services,
        "languages": languages,
    }
