"""The parts of an address that the data states, for vCards and schema.org."""

from .models import Association


def locality(association: Association) -> str:
    """The municipality (city, ward, town) the association's office is in, in English, or ""
    when the record does not say: the place staff linked it to, else a designated city's
    association sits in its city and a municipal one in the municipality it names; a
    prefectural one could be anywhere in the prefecture, and the free-text address is never
    parsed for it. `for_directory()` preloads the linked place and the city.
    """
    if association.municipality_id:
        return association.municipality.name_en
    if association.designated_city_id:
        return association.designated_city.name_en
    if association.tier == Association.Tier.MUNICIPAL:
        return association.municipality_en
    return ""
