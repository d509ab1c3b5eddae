"""Where and when a resident finds help: locations, opening hours, consultation desks.

Shaped after Open Referral HSDS 3.0 so that the export maps each model to one table:
`Location` → location (+ address), `OpeningHours` and `DeskHours` → schedule,
`Desk` → service_at_location (with its phone and languages), `SocialLink` → url.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import jpholiday
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from .associations import Association, Language, map_search_url, postal_code_validator
from .history import History
from .places import Municipality
from .sources import Noted, Sourced

JAPAN = ZoneInfo("Asia/Tokyo")
# How far ahead "Opens …" looks; a desk closed for longer says nothing rather than guess.
LOOKAHEAD_DAYS = 35

municipality_code_validator = RegexValidator(
    r"^\d{6}$", _("Write the local-government code as 6 digits (e.g. 232114).")
)
weeks_of_month_validator = RegexValidator(
    r"^[1-5](,[1-5])*$", _("List weeks of the month as digits 1–5 separated by commas, e.g. 2,4.")
)


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering, so a date maps to its row without translation.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


HSDS_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def is_national_holiday(day: date) -> bool:
    return jpholiday.is_holiday(day)


def is_year_end(day: date) -> bool:
    """29 December to 3 January, when Japanese public offices close (年末年始)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def week_of_month(day: date) -> int:
    """1 for the first seven days of a month: "2nd Saturday" is the Saturday in week 2."""
    return (day.day - 1) // 7 + 1


class WeeklyHours(models.Model):
    """One span of a weekday: every week, or only the listed weeks of the month."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    weeks_of_month = models.CharField(
        _("weeks of the month"),
        max_length=9,
        blank=True,
        validators=[weeks_of_month_validator],
        help_text=_("Empty for every week; 2,4 for the 2nd and 4th of the month only."),
    )

    class Meta:
        abstract = True
        ordering = ["weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.opens >= self.closes:
            raise ValidationError({"closes": _("It must close after it opens.")})

    @property
    def weeks(self) -> set[int]:
        return {int(w) for w in self.weeks_of_month.split(",") if w}

    def applies_on(self, day: date) -> bool:
        return day.weekday() == self.weekday and (
            not self.weeks_of_month or week_of_month(day) in self.weeks
        )

    @property
    def hsds_byday(self) -> str:
        """HSDS schedule `byday`: "TU", or "2SA,4SA" with `freq` MONTHLY."""
        day = HSDS_DAYS[self.weekday]
        return ",".join(f"{w}{day}" for w in sorted(self.weeks)) if self.weeks else day

    @property
    def hsds_freq(self) -> str:
        return "MONTHLY" if self.weeks else "WEEKLY"

    def covers(self, other: "WeeklyHours") -> bool:
        """Whether every hour of `other` falls inside this span (same weekday, its weeks)."""
        if other.weekday != self.weekday or other.opens < self.opens or other.closes > self.closes:
            return False
        if not self.weeks_of_month:
            return True
        return bool(other.weeks_of_month) and other.weeks <= self.weeks


def _hours_constraints(model: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(opens__lt=F("closes")), name=f"associations_{model}_opens_before_closes"
        ),
        models.CheckConstraint(
            condition=Q(weekday__gte=0, weekday__lte=6), name=f"associations_{model}_weekday_valid"
        ),
    ]


def week_of(spans) -> list[tuple[str, list]]:
    """Monday to Sunday, each with its spans in order (an empty list: closed)."""
    days: list[tuple[str, list]] = [(label, []) for _value, label in Weekday.choices]
    for span in sorted(spans, key=lambda s: (s.weekday, s.opens)):
        days[span.weekday][1].append(span)
    return days


@dataclass(frozen=True)
class Slot:
    """Days that share one time span: "Tue, Fri 09:00–16:00"."""

    days: list[str]
    opens: object
    closes: object
    weeks_of_month: str = ""


def slots_of(spans) -> list[Slot]:
    grouped: dict[tuple, list] = {}
    for span in sorted(spans, key=lambda s: (s.weekday, s.opens)):
        key = (span.opens, span.closes, span.weeks_of_month)
        grouped.setdefault(key, []).append(span.get_weekday_display())
    return [Slot(days, *key) for key, days in grouped.items()]


@dataclass(frozen=True)
class OpenState:
    """Open now (until `closes_at`), or when it next opens (`opens_at`, None if not soon).
    It holds, word for word, until `until`: when it closes or opens, or else at midnight,
    when another day comes into view."""

    open_now: bool
    until: datetime
    closes_at: datetime | None = None
    opens_at: datetime | None = None


def open_state(
    hours: list[WeeklyHours], at: datetime, closed_on: Callable[[date], bool]
) -> OpenState | None:
    """Whether a place with these hours is open at `at` (read in Japan time).

    None when no hours are known: the page then says nothing rather than "closed".
    """
    if not hours:
        return None
    now = at.astimezone(JAPAN)
    for offset in range(LOOKAHEAD_DAYS):
        day = now.date() + timedelta(days=offset)
        if closed_on(day):
            continue
        for span in sorted((h for h in hours if h.applies_on(day)), key=lambda h: h.opens):
            opens = datetime.combine(day, span.opens, tzinfo=JAPAN)
            closes = datetime.combine(day, span.closes, tzinfo=JAPAN)
            if opens <= now < closes:
                return OpenState(open_now=True, until=closes, closes_at=closes)
            if now < opens:
                return OpenState(open_now=False, until=opens, opens_at=opens)
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=JAPAN)
    return OpenState(open_now=False, until=midnight)


class Location(Noted, Sourced):
    """A place a resident can go to (HSDS location with its physical address)."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("association"),
    )
    name = models.CharField(_("name"), max_length=200)
    address_ja = models.CharField(_("address (Japanese)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[postal_code_validator]
    )
    municipality_name = models.CharField(_("municipality"), max_length=100, blank=True)
    # The code as the data files give it; the foreign key follows once the places are
    # loaded (associations.linking, run by load_directory and by load_places).
    municipality_code = models.CharField(
        _("local-government code"),
        max_length=6,
        blank=True,
        validators=[municipality_code_validator],
        help_text=_("全国地方公共団体コード, 6 digits with the check digit."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("municipality"),
    )
    access_note = models.CharField(
        _("access"),
        max_length=300,
        blank=True,
        help_text=_("Floor, nearest station, entrance."),
    )
    closed_on_holidays = models.BooleanField(_("closed on national holidays"), default=False)
    closed_at_year_end = models.BooleanField(_("closed 29 December – 3 January"), default=False)
    hours_note = models.CharField(_("about the hours"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = History()

    class Meta:
        ordering = ["association", "order", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""), name="associations_location_name_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(municipality_code="") | Q(municipality_code__regex=r"^[0-9]{6}$"),
                name="associations_location_municipality_code_6_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.municipality_id and self.municipality.code != self.municipality_code:
            # Staff picked (or changed) the place: the code follows it.
            self.municipality_code = self.municipality.code
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.association.get_absolute_url() + f"#location-{self.pk}"

    @property
    def map_url(self) -> str:
        return map_search_url(self.address_ja or self.address_en, self.postal_code)

    def is_closed_on(self, day: date) -> bool:
        return (self.closed_on_holidays and is_national_holiday(day)) or (
            self.closed_at_year_end and is_year_end(day)
        )

    @property
    def week(self) -> list[tuple[str, list]]:
        return week_of(self.opening_hours.all())

    def state_at(self, at: datetime) -> OpenState | None:
        """Open now or when next (reads the prefetched `opening_hours`)."""
        return open_state(list(self.opening_hours.all()), at, self.is_closed_on)


class OpeningHours(WeeklyHours):
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("location"),
    )

    class Meta(WeeklyHours.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = _hours_constraints("openinghours")


class Desk(Noted, Sourced):
    """A consultation desk (HSDS service_at_location): how, when and in which languages."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")
        ONLINE = "online", _("Online")
        SOCIAL = "social", _("Social media")

    class Interpreter(models.TextChoices):
        PHONE = "phone", _("Interpreter by phone")
        TABLET = "tablet", _("Interpreter by tablet or video")
        NONE = "none", _("No interpreter")
        UNKNOWN = "unknown", _("Not known")

    class Fee(models.TextChoices):
        FREE = "free", _("Free")
        PAID = "paid", _("Paid")
        UNKNOWN = "unknown", _("Not known")

    class Appointment(models.TextChoices):
        REQUIRED = "required", _("Appointment needed")
        NOT_REQUIRED = "not_required", _("No appointment needed")
        UNKNOWN = "unknown", _("Not known")

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="desks", verbose_name=_("association")
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desks",
        verbose_name=_("location"),
    )
    name = models.CharField(_("name"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    interpreter = models.CharField(
        _("interpreting"), max_length=10, choices=Interpreter.choices, default=Interpreter.UNKNOWN
    )
    fee = models.CharField(_("fee"), max_length=10, choices=Fee.choices, default=Fee.UNKNOWN)
    appointment = models.CharField(
        _("appointment"),
        max_length=12,
        choices=Appointment.choices,
        default=Appointment.UNKNOWN,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = History()

    class Meta:
        ordering = ["association", "order", "name"]
        verbose_name = _("consultation desk")
        verbose_name_plural = _("consultation desks")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="associations_desk_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.association.get_absolute_url() + f"#desk-{self.pk}"

    def clean(self) -> None:
        if (
            self.location_id is not None
            and self.association_id is not None
            and self.location.association_id != self.association_id
        ):
            raise ValidationError({"location": _("This location belongs to another association.")})

    def is_closed_on(self, day: date) -> bool:
        return self.location is not None and self.location.is_closed_on(day)

    def state_at(self, at: datetime) -> OpenState | None:
        """Open now or when next (reads the prefetched `hours` and the location)."""
        return open_state(list(self.hours.all()), at, self.is_closed_on)

    @property
    def week(self) -> list[tuple[str, list]]:
        return week_of(self.hours.all())

    @property
    def languages_by_day(self) -> list[tuple[Language, list[Slot]]]:
        """Each language with the days and hours it is spoken, e.g. "Tiếng Việt: Tue, Thu
        10:00–16:00" (reads the prefetched `hours` and their languages)."""
        spans: dict[int, tuple[Language, list[DeskHours]]] = {}
        for span in self.hours.all():
            for language in span.languages.all():
                spans.setdefault(language.pk, (language, []))[1].append(span)
        ordered = sorted(spans.values(), key=lambda pair: (pair[0].order, pair[0].code))
        return [(language, slots_of(language_spans)) for language, language_spans in ordered]


class DeskHours(WeeklyHours):
    desk = models.ForeignKey(
        Desk, on_delete=models.CASCADE, related_name="hours", verbose_name=_("desk")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="desk_hours", verbose_name=_("languages")
    )

    class Meta(WeeklyHours.Meta):
        verbose_name = _("desk hours")
        verbose_name_plural = _("desk hours")
        constraints = _hours_constraints("deskhours")

    def clean(self) -> None:
        super().clean()
        desk = getattr(self, "desk", None)  # unset while the desk itself is being added
        if desk is None or self.opens is None or self.closes is None:
            return
        location = desk.location
        if location is None:
            return
        week = list(location.opening_hours.all())
        if week and not any(span.covers(self) for span in week):
            raise ValidationError(
                _("%(location)s is not open for all of these hours. Its week: %(week)s.")
                % {"location": location.name, "week": "; ".join(str(s) for s in week)}
            )


class SocialLink(Sourced):
    class Network(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        X = "x", "X (Twitter)"
        INSTAGRAM = "instagram", "Instagram"
        YOUTUBE = "youtube", "YouTube"
        LINE = "line", "LINE"
        OTHER = "other", _("Other")

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="social_links",
        verbose_name=_("association"),
    )
    network = models.CharField(_("network"), max_length=10, choices=Network.choices)
    url = models.URLField(_("address"), max_length=300)

    history = History()

    class Meta:
        ordering = ["association", "network"]
        verbose_name = _("social media link")
        verbose_name_plural = _("social media links")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "url"], name="associations_sociallink_unique_url"
            ),
            models.CheckConstraint(condition=~Q(url=""), name="associations_sociallink_url_set"),
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.url}"

    def get_absolute_url(self) -> str:
        return self.association.get_absolute_url()
