"""The staff admin, one module per part of the domain."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import associations, centres, clair, desks, places, reference, reports, users  # noqa: F401  (registration)

admin.site.site_header = _("CLAIR directory — staff")
admin.site.site_title = _("CLAIR directory")
admin.site.index_title = _("Records")
