from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .geography import DesignatedCity, Prefecture


class EditorScope(models.Model):
    """The prefectures and designated cities a CLAIR branch editor looks after."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_scope",
        verbose_name=_("user"),
    )
    prefectures = models.ManyToManyField(Prefecture, blank=True, verbose_name=_("prefectures"))
    designated_cities = models.ManyToManyField(
        DesignatedCity, blank=True, verbose_name=_("designated cities")
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("branch scope")
        verbose_name_plural = _("branch scopes")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("admin:auth_user_change", args=[self.user_id])
