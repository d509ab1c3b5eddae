from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, **kwargs) -> None:
    from .roles import ensure_groups

    ensure_groups()


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("International associations directory")

    def ready(self) -> None:
        # After every migrate the staff groups exist with exactly their permissions.
        post_migrate.connect(_ensure_roles, sender=self)
