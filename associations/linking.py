"""Records that name a municipality by its code get the foreign key to it.

The data files give a local-government code; the municipalities come from Japan Post's
data (`load_places`), which needs the prefectures of `load_directory` and so is loaded
after it. Neither order of the two commands may lose a link, so the code is stored on
the record and both commands end by linking what can be linked now: on a fresh machine
`load_directory` stores the codes and `load_places` links them; later runs link at once.
A code that matches no municipality once places are loaded stays unlinked: both
commands say so and `check_directory` fails on it.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q

from .models import Association, ConsultationCentre, Location, Municipality

# The models that carry a code, and which of their records name a municipality by it
# (a prefecture's centre carries the prefecture's own code).
LINKED = [
    (Association, Q(tier=Association.Tier.MUNICIPAL)),
    (Location, Q()),
    (ConsultationCentre, Q(level=ConsultationCentre.Level.MUNICIPALITY)),
]


@dataclass
class LinkReport:
    linked: int = 0
    unknown: list[str] = field(default_factory=list)

    def lines(self, unknown: bool = True) -> list[str]:
        lines = [f"Linked {self.linked} record(s) to their municipality."] if self.linked else []
        if not unknown:
            return lines
        return lines + [
            f"  no municipality has the code given by {item} (fix the code in the data file)"
            for item in self.unknown
        ]


def waiting(model, named: Q):
    return model.objects.filter(named, municipality__isnull=True).exclude(municipality_code="")


def link_municipalities() -> LinkReport:
    """Links every record whose code matches a municipality; nothing if no places are
    loaded yet. One query per model to read, one update per code found."""
    report = LinkReport()
    if not Municipality.objects.exists():
        return report
    for model, named in LINKED:
        pending = dict(waiting(model, named).values_list("pk", "municipality_code"))
        if not pending:
            continue
        places = dict(
            Municipality.objects.filter(code__in=set(pending.values())).values_list("code", "pk")
        )
        by_code: dict[str, list[int]] = {}
        for pk, code in pending.items():
            by_code.setdefault(code, []).append(pk)
        for code, pks in sorted(by_code.items()):
            if code not in places:
                for record in model.objects.filter(pk__in=pks):
                    report.unknown.append(f"{model._meta.verbose_name} “{record}” ({code})")
                continue
            # An update, not a save per record: it is a machine step, not an edit. The
            # version still moves, so a form opened before it cannot undo the link.
            report.linked += model.objects.filter(pk__in=pks).update(
                municipality_id=places[code], version=F("version") + 1
            )
    return report


def unknown_codes() -> list[str]:
    """The records whose code matches no municipality, once the places are loaded."""
    if not Municipality.objects.exists():
        return []
    known = Municipality.objects.values("code")
    return [
        f"{model._meta.verbose_name} “{record}”: no municipality has the code "
        f"{record.municipality_code}"
        for model, named in LINKED
        for record in waiting(model, named).exclude(municipality_code__in=known)
    ]
