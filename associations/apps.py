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
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import bump_directory_version
        from .reporting import directory_models

        # After every migrate the staff groups exist with exactly their permissions.
        post_migrate.connect(_ensure_roles, sender=self)
        # Any change to what the public pages show makes every cached page stale.
        for model in directory_models():
            if model._meta.model_name in {"report", "editorscope"}:
                continue
            post_save.connect(bump_directory_version, sender=model, weak=False)
            post_delete.connect(bump_directory_version, sender=model, weak=False)
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    bump_directory_version, sender=field.remote_field.through, weak=False
                )
