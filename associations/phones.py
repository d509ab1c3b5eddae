"""Phone numbers as people dial them, formatted cheaply.

`phonenumbers` runs the whole numbering plan to validate or format a number, which costs
more than everything else a listing row does. Stored numbers were validated on the way
in, so here a number is only tested for presence, and each is formatted once a process.
"""

from functools import lru_cache

from phonenumber_field.phonenumber import PhoneNumber

# Japanese toll-free lines (0120, 0800) take no calls from abroad, though the metadata of
# `phonenumbers` does not say so.
TOLL_FREE_JP = ("120", "800")


def present(number: PhoneNumber | None) -> bool:
    """Whether a phone field holds a number (without validating it, as `bool()` would)."""
    return bool(getattr(number, "national_number", None))


@lru_cache(maxsize=8192)
def _formats(e164: str) -> tuple[str, str, str]:
    number = PhoneNumber.from_string(e164)
    return number.as_national, number.as_international, number.as_rfc3966


def display(number: PhoneNumber | None) -> str:
    """Japanese numbers as dialled in Japan (03-5213-1730), others in international form."""
    if not present(number):
        return ""
    national, international, _ = _formats(number.as_e164)
    return national if number.country_code == 81 else international


def international(number: PhoneNumber | None) -> str:
    """The form a caller abroad dials: the leading 0 dropped, +81 in front."""
    return _formats(number.as_e164)[1] if present(number) else ""


def from_japan(number: PhoneNumber | None) -> str:
    """A foreign number as dialled from Japan: the international prefix 010, then the number.

    Japanese phones have no "+" key habit: callers there dial 010-82-2-733-5681.
    """
    if not present(number) or number.country_code == 81:
        return ""
    international = _formats(number.as_e164)[1]
    return "010-" + "-".join(international.lstrip("+").replace("-", " ").split())


def tel(number: PhoneNumber | None) -> str:
    """A tel: URI (RFC 3966) for links."""
    return _formats(number.as_e164)[2] if present(number) else ""


def dialable_abroad(number: PhoneNumber | None) -> bool:
    if not present(number):
        return False
    return not (number.country_code == 81 and str(number.national_number).startswith(TOLL_FREE_JP))
