"""The parts of an address that the data states, for vCards and schema.org."""

from .models import Association


def locality(association: Association) -> str:
    """The municipality (city, ward, town) the association's office is in, in English, or ""
    when the record does not say: a designated city's association sits in its city, a
    municipal one in its municipality; a prefectural one could be anywhere in the prefecture,
    and the free-text address is never parsed for it.

    Hook: when `Association.municipality` (a Municipality FK, on another branch) lands, its
    English name comes first here; preload it with `for_directory()` to keep listings at a
    fixed query count.
    """
    if association.designated_city_id:
        return association.designated_city.name_en
    if association.tier == Association.Tier.MUNICIPAL:
        return association.municipality_en
    return ""
