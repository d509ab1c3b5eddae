"""vCards (RFC 2426, version 3.0) of offices and associations, made with vobject."""

from collections.abc import Iterable

import vobject

from . import phones
from .models import Association, ClairOffice


def _card(
    name: str, *, voice=(), fax=(), email="", url="", street="", code="", city="",
    region="", country="", note="",
) -> str:  # fmt: skip
    card = vobject.vCard()
    card.add("fn").value = name
    card.add("n").value = vobject.vcard.Name(family=name)
    card.add("org").value = [name]
    # Address books show an organisation's card by its name, not a person's.
    card.add("x-abshowas").value = "COMPANY"
    for kind, numbers in (("VOICE", voice), ("FAX", fax)):
        for number in numbers:
            if phones.present(number):
                tel = card.add("tel")
                tel.value = phones.international(number)
                tel.type_param = ["WORK", kind]
    if email:
        card.add("email").value = email
    if url:
        card.add("url").value = url
    if street or city:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(
            street=street, code=code, city=city, region=region, country=country
        )
        adr.type_param = "WORK"
    if note:
        card.add("note").value = note
    return card.serialize()


def office_vcard(office: ClairOffice) -> str:
    return _card(
        office.name_en,
        voice=[office.phone],
        fax=[office.fax],
        email=office.email,
        url=office.website_current or office.website,
        street=office.address,
        code=office.postal_code,
        city=office.city,
        country=str(office.country.name),
    )


def association_vcard(association: Association) -> str:
    return _card(
        association.name_en,
        voice=[association.phone, association.consultation_phone],
        fax=[association.fax],
        email=association.email,
        url=association.website,
        street=association.address,
        code=association.postal_code,
        region=association.prefecture.name_en,
        country="Japan",
        note=association.name_ja,
    )


def association_vcards(associations: Iterable[Association]) -> Iterable[str]:
    for association in associations:
        yield association_vcard(association)
