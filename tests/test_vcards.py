"""vCards that address books import again without duplicates (RFC 6350 / RFC 2426)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.urls import reverse

from associations.models import Association

from .conftest import (
    make_association,
    make_city,
    make_language,
    make_municipality,
    make_office,
    make_prefecture,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("associations:export_vcf")
# Four-byte (𠮷) and three-byte characters, long enough to need several folds.
TOKYO = ZoneInfo("Asia/Tokyo")
LONG_JA = "公益財団法人𠮷田市国際交流協会と多文化共生センター" * 3
# 30 characters but 80 octets as "NOTE:…": vobject, counting characters, left it whole.
SHORT_JA = "公益財団法人浜松国際交流協会多文化共生センター本部"
LONG_ADDRESS = "〒430-0916 静岡県浜松市中央区早馬町2-1 クリエート浜松2階 " * 2


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def export(client, **query) -> dict[str, vobject.base.Component]:
    """The exported cards by their FN."""
    return {card.fn.value: card for card in vobject.readComponents(body(client.get(EXPORT, query)))}


def test_every_card_keeps_its_uid_across_two_exports(client):
    first, second = make_association(name_en="First"), make_association(name_en="Second")
    before = export(client)
    first.name_en = "First renamed"
    first.save()
    after = export(client)
    assert before["First"].uid.value == after["First renamed"].uid.value
    assert before["Second"].uid.value == after["Second"].uid.value
    assert before["First"].uid.value != before["Second"].uid.value
    assert before["First"].uid.value.startswith("urn:uuid:")
    assert second.slug not in before["Second"].uid.value  # an opaque id, not a URL


def test_rev_is_the_time_of_the_last_change(client):
    association = make_association(name_en="Changed")
    association.email = "info@example.jp"
    association.save()
    changed = association.history.latest("history_date").history_date
    rev = export(client)["Changed"].rev.value
    assert rev == changed.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def test_rev_falls_back_to_the_start_of_the_as_of_day_without_history(client, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    association = make_association(name_en="Loaded")
    association.history.all().delete()
    midnight = datetime.datetime.combine(association.as_of, datetime.time(), tzinfo=TOKYO)
    rev = midnight.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert export(client)["Loaded"].rev.value == rev


def test_the_address_names_the_designated_city_as_locality(client):
    city = make_city(name_en="Hamamatsu")
    make_association(
        name_en="HICE", designated_city=city, tier=Association.Tier.DESIGNATED_CITY,
        address=LONG_ADDRESS, postal_code="430-0916",
    )  # fmt: skip
    adr = export(client)["HICE"].adr.value
    assert (adr.city, adr.region, adr.code, adr.country) == (
        "Hamamatsu", city.prefecture.name_en, "430-0916", "Japan",
    )  # fmt: skip


def test_the_address_names_the_municipality_as_locality(client):
    make_association(
        name_en="Iwata IA", tier=Association.Tier.MUNICIPAL, mic_recognised=False,
        municipality_en="Iwata", municipality_ja="磐田市", address="磐田市国府台3-1",
    )  # fmt: skip
    assert export(client)["Iwata IA"].adr.value.city == "Iwata"


def test_a_linked_municipality_names_the_locality(client):
    place = make_municipality(name_en="Iwata City")
    make_association(
        name_en="Iwata IA", tier=Association.Tier.MUNICIPAL, mic_recognised=False,
        municipality=place, prefecture=place.prefecture, municipality_en="Iwata",
        address="磐田市国府台3-1",
    )  # fmt: skip
    assert export(client)["Iwata IA"].adr.value.city == "Iwata City"


def test_a_prefectural_address_guesses_no_locality(client):
    make_association(name_en="SAIR", address="静岡市葵区追手町9-6", prefecture=make_prefecture())
    adr = export(client)["SAIR"].adr.value
    assert adr.city == ""
    assert adr.street == "静岡市葵区追手町9-6"


def test_long_lines_fold_by_octets_and_unfold_back(client):
    make_association(
        name_en="Long", name_ja=LONG_JA, address=LONG_ADDRESS, website="https://example.jp/"
        + "a" * 150, languages=[make_language("vi")],
    )  # fmt: skip
    make_association(name_en="Short", name_ja=SHORT_JA)
    text = body(client.get(EXPORT))
    physical = text.split("\r\n")
    assert max(len(line.encode()) for line in physical) <= 75
    for line in physical:
        line.encode().decode("utf-8", errors="strict")  # no character split across lines
    logical = text.replace("\r\n ", "").split("\r\n")
    assert f"NOTE:{LONG_JA}" in logical
    assert any(line.startswith("ADR;") and LONG_ADDRESS.strip() in line for line in logical)
    assert f"NOTE:{SHORT_JA}" in logical
    cards = {card.fn.value: card for card in vobject.readComponents(text)}
    assert cards["Short"].note.value == SHORT_JA
    card = cards["Long"]
    assert card.note.value == LONG_JA
    assert card.url.value == "https://example.jp/" + "a" * 150


def test_the_export_takes_the_same_queries_for_one_or_many(client, django_assert_num_queries):
    make_association()
    # associations (place), languages, services, sources, last changes (one grouped query)
    with django_assert_num_queries(5):
        body(client.get(EXPORT))
    for _ in range(4):
        make_association(languages=[make_language("pt")])
    with django_assert_num_queries(5):
        assert body(client.get(EXPORT)).count("BEGIN:VCARD") == 5


def test_an_office_card_has_uid_rev_and_locality(client):
    office = make_office(slug="paris", city="Paris", country="FR", address="1 rue X")
    url = reverse("associations:office_vcard", kwargs={"slug": office.slug})
    first = vobject.readOne(client.get(url).content.decode())
    second = vobject.readOne(client.get(url).content.decode())
    assert first.uid.value == second.uid.value
    assert first.uid.value.startswith("urn:uuid:")
    assert first.rev.value
    assert first.adr.value.city == "Paris"
