from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .associations import Association
from .history import History


class ReportQuerySet(models.QuerySet):
    def open(self) -> "ReportQuerySet":
        return self.filter(status=Report.Status.OPEN)


class Report(models.Model):
    """A reader's report that an association's information is wrong."""

    class Topic(models.TextChoices):
        PHONE = "phone", _("Phone number")
        ADDRESS = "address", _("Address")
        WEBSITE = "website", _("Website")
        SERVICES = "services", _("Services")
        LANGUAGES = "languages", _("Languages")
        CLOSED = "closed", _("It has closed")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FIXED = "fixed", _("Fixed")
        REJECTED = "rejected", _("Rejected")

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("association"),
    )
    topic = models.CharField(_("what is wrong"), max_length=12, choices=Topic.choices)
    detail = models.TextField(_("details"), max_length=2000)
    email = models.EmailField(
        _("your e-mail (optional)"),
        blank=True,
        help_text=_("Only if you would like a reply."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created = models.DateTimeField(_("received"), auto_now_add=True)
    staff_note = models.TextField(_("note for staff"), blank=True)

    objects = ReportQuerySet.as_manager()

    history = History()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(detail=""), name="associations_report_detail_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.association}: {self.get_topic_display()}"

    def get_absolute_url(self) -> str:
        return self.association.get_absolute_url()
