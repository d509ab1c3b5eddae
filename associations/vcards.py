"""vCards (version 3.0, RFC 2426) of offices and associations, made with vobject.

Each card has a `UID` that stays the same from one export to the next, so that an address
book updates the contact it imported before instead of adding a second one, and a `REV`
(the record's last change) by which it tells the newer card. Lines are folded at 75 octets
(RFC 6350 §3.2, RFC 2425 §5.8.1), never inside a UTF-8 character: vobject measures a line
in characters before it folds, so a Japanese line of 30 characters (90 octets) went unfolded.
"""

import datetime
import uuid
from collections.abc import Iterable, Iterator

import vobject

from . import addresses, history, phones
from .models import Association, ClairOffice

# The namespace of this directory's vCard UIDs (a fixed random UUID): a UID is the UUID v5 of
# the record's kind and slug, the key by which the fixtures know it (its pk may differ from
# one database to another). A record whose slug changes gets a new UID, as it gets a new URL.
UID_NAMESPACE = uuid.UUID("6d0f5c1e-43a8-4b5e-9a63-0c6b2f1d7e90")
LINE_OCTETS = 75
# Long enough that vobject folds nothing; `_fold` does it by octets.
_UNFOLDED = 1_000_000


def uid(kind: str, slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{kind}/{slug}')}"


def _fold(line: str) -> str:
    """One content line folded into physical lines of at most 75 octets: a continuation line
    starts with a space, which counts, and a character is never split."""
    pieces, current, size = [], [], 0
    for char in line:
        octets = len(char.encode())
        if size + octets > LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def _serialize(card: vobject.base.Component) -> str:
    lines = card.serialize(lineLength=_UNFOLDED).split("\r\n")
    return "\r\n".join(_fold(line) for line in lines)


def _rev(changed: datetime.datetime) -> str:
    return changed.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _card(
    name: str, *, uid: str, rev: str, voice=(), fax=(), email="", url="", street="", code="",
    city="", region="", country="", note="",
) -> str:  # fmt: skip
    card = vobject.vCard()
    card.add("uid").value = uid
    card.add("rev").value = rev
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
    return _serialize(card)


def office_vcard(office: ClairOffice) -> str:
    """The office's card (one query, for its last change)."""
    changed = history.changed_at(office, history.last_changes(ClairOffice))
    return _card(
        office.name_en,
        uid=uid("office", office.slug),
        rev=_rev(changed),
        voice=[office.phone],
        fax=[office.fax],
        email=office.email,
        url=office.website_current or office.website,
        street=office.address,
        code=office.postal_code,
        city=office.city,
        country=str(office.country.name),
    )


def association_vcard(association: Association, changed: datetime.datetime) -> str:
    return _card(
        association.name,
        uid=uid("association", association.slug),
        rev=_rev(changed),
        voice=[association.phone, association.consultation_phone],
        fax=[association.fax],
        email=association.email,
        url=association.website,
        street=association.address,
        code=association.postal_code,
        city=addresses.locality(association),
        region=association.prefecture.name_en,
        country="Japan",
        note=association.name_ja,
    )


def association_vcards(associations: Iterable[Association]) -> Iterator[str]:
    """The cards of `associations` (preloaded with their place), with one more query for
    the last changes of them all."""
    changes = history.last_changes(Association)
    for association in associations:
        yield association_vcard(association, history.changed_at(association, changes))
