"""The address a request came from: one rule for the rate limits, django-axes and the log.

Each of the TRUSTED_PROXY_COUNT proxies in front of the app appends to X-Forwarded-For the
address it was reached from. Whatever stands to the left of those entries was written by
the client and proves nothing, so with N trusted proxies the client is the N-th address
from the right: a client can add entries only on the left, and rotating them changes
nothing. Without trusted proxies the header is ignored and REMOTE_ADDR is the client.

This holds only if the app can be reached through the proxies alone (else a client
writes the whole header), and if TRUSTED_PROXY_COUNT counts exactly the proxies that
append: one too many, and a client chooses its own address; one too few, and every
client has the outer proxy's.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").strip()
    if count <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    # Fewer entries than proxies: the request did not pass the outer ones. The right-most
    # entry, which the nearest proxy wrote itself, is then the only one to trust; the
    # left-most may be the client's own invention.
    candidate = hops[-count] if len(hops) >= count else hops[-1]
    return candidate if _is_address(candidate) else remote


def _is_address(value: str) -> bool:
    # A proxy that writes "unknown" or a port would otherwise put junk in the axes table
    # (an inet column on PostgreSQL) and the rate-limit keys.
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
