"""schema.org JSON-LD for an association's page."""

import json

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from . import phones
from .models import Association

# As Django's json_script does: the JSON cannot close the <script> element it sits in.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organisation(association: Association, request: HttpRequest) -> SafeString:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": association.name_en,
        "url": request.build_absolute_uri(association.get_absolute_url()),
        "areaServed": {"@type": "AdministrativeArea", "name": association.area_served_en},
    }
    if association.name_ja:
        data["alternateName"] = association.name_ja
    if association.website:
        data["sameAs"] = association.website
    if phones.present(association.phone):
        data["telephone"] = association.phone.as_e164
    if phones.present(association.fax):
        data["faxNumber"] = association.fax.as_e164
    if association.email:
        data["email"] = association.email
    if association.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": association.address,
            "addressRegion": association.prefecture.name_en,
            "addressCountry": "JP",
            **({"postalCode": association.postal_code} if association.postal_code else {}),
        }
    languages = [language.code for language in association.languages.all()]
    if languages:
        data["knowsLanguage"] = languages
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))
