"""Phone numbers as a resident sees them: as dialled in Japan, and the form to dial from
abroad only where a call from abroad can get through."""

import pytest
from django.urls import reverse

from .conftest import make_association
from .htmltree import Element, page

pytestmark = pytest.mark.django_db


def fact(tree: Element, term: str) -> Element:
    """The <dd> that follows the <dt> with this text."""
    for dt in tree.find_all("dt"):
        if dt.text == term:
            siblings = [child for child in dt.parent.children if isinstance(child, Element)]
            return siblings[siblings.index(dt) + 1]
    raise AssertionError(f"no {term!r} on the page")


def detail(client, association) -> Element:
    return page(client.get(association.get_absolute_url()))


def test_a_phone_is_a_tel_link_in_national_form_with_the_form_to_dial_from_abroad(client):
    association = make_association(phone="053-458-2170")
    phone = fact(detail(client, association), "Phone")
    link = phone.find("a", class_="phone")
    assert link.attrs["href"] == "tel:+81-53-458-2170"
    assert link.text == "053-458-2170"
    assert phone.find("span", class_="phone-intl").text == "(from abroad +81 53-458-2170)"


@pytest.mark.parametrize("number", ["0120-783-806", "0800-100-5555"])
def test_a_toll_free_line_is_not_offered_to_callers_abroad(client, number):
    association = make_association(phone="054-202-3411", consultation_phone=number)
    tree = detail(client, association)
    line = fact(tree, "Consultation line")
    assert line.find("a", class_="phone").text == number
    assert line.find("span", class_="phone-intl").text == "(only from within Japan)"
    assert "+81" not in line.text
    # The ordinary number beside it keeps its form for abroad.
    assert "+81 54-202-3411" in fact(tree, "Phone").text


def test_the_listing_card_shows_the_consultation_line_when_there_is_no_main_number(client):
    make_association(name_en="Only a free line", consultation_phone="0120-783-806")
    make_association(name_en="No phone at all")
    cards = page(client.get(reverse("associations:list"))).find_all("li", class_="card")
    by_name = {card.find("h3").text: card for card in cards}
    free_line = by_name["Only a free line"]
    assert free_line.find("a", class_="phone").attrs["href"] == "tel:+81-120-783-806"
    assert "Consultation:" in free_line.text and "+81 120" not in free_line.text
    assert "only from within Japan" in free_line.text
    assert not by_name["No phone at all"].find_all("a", class_="phone")


def test_a_fax_alone_is_shown_as_a_contact_but_not_as_a_link_to_call(client):
    association = make_association(fax="053-458-2197")
    tree = detail(client, association)
    fax = fact(tree, "Fax")
    assert fax.text == "053-458-2197"
    assert not fax.find_all("a")
    assert "No contact details are known" not in tree.text
