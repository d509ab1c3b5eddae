"""Loads the reviewed data files in `fixtures/` into the database.

Each record is found by its natural key (slug, code or key), so loading twice creates
nothing new. Records staff added (municipal associations, say) are never touched. A
record that breaks a rule stops the whole load with the file, the record and the reason:
nothing is half-loaded.

`municipal/` and `onestop/` hold one file per prefecture (formats in their READMEs).
Their records are found by a slug made from the data: the local-government code and a
digest of the Japanese name, so that neither the order of the files nor that of the
records changes it. Their sources' keys are namespaced by folder and prefecture
(`municipal-01-clair-minkan`), as two files may use one key for different pages.
"""

import hashlib
import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .linking import LinkReport, link_municipalities
from .models import (
    Association,
    Block,
    ClairOffice,
    ConsultationCentre,
    Correction,
    Department,
    DesignatedCity,
    Desk,
    DeskHours,
    HelpLine,
    JetPartner,
    JetRole,
    Language,
    Location,
    OpeningHours,
    Prefecture,
    ProgrammeFact,
    Service,
    SocialLink,
    Source,
)
from .models.history import History


class LoadError(Exception):
    """A fixture record that cannot be loaded, with where it is and why."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    links: LinkReport = field(default_factory=LinkReport)

    def lines(self) -> list[str]:
        names = list(dict.fromkeys([*self.created, *self.updated, *self.unchanged]))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            for name in names
        ] + self.links.lines()


# What a correction's "model" names, and the field that finds its record.
CORRECTABLE = {
    "source": (Source, "key"),
    "office": (ClairOffice, "slug"),
    "department": (Department, "slug"),
    "association": (Association, "slug"),
    "prefecture": (Prefecture, "code"),
    "designated_city": (DesignatedCity, "slug"),
    "block": (Block, "slug"),
    "jet_partner": (JetPartner, "slug"),
}


class DirectoryLoader:
    def __init__(
        self, directory: Path, *, update_existing: bool = True, careful: bool = False
    ) -> None:
        self.directory = Path(directory)
        self.update_existing = update_existing
        # Each record saved in a savepoint of its own, so that a record the database
        # refuses can be checked against the table's rules afterwards (see load()).
        self.careful = careful
        self.report = LoadReport()
        self._file = ""
        self._sources: dict[str, Source] = {}
        # Each model's records by the fields a file names them by (see _find).
        self._indexes: dict[tuple, dict[tuple, models.Model]] = {}
        # The records created and not yet written into their history, by model, with
        # their links (see _create).
        self._unrecorded: dict[type[models.Model], list[tuple]] = defaultdict(list)

    def load(self) -> LoadReport:
        """Every file, in one transaction. A record the database refuses undoes the load,
        which is then run again record by record (`careful`) to name the record and the
        rule: a savepoint for every record, all the time, was a third of a load's queries,
        and on PostgreSQL a refused statement ends the transaction without one."""
        try:
            return self._load()
        except IntegrityError:
            if self.careful:
                raise
        again = DirectoryLoader(self.directory, update_existing=self.update_existing, careful=True)
        return again.load()

    def _load(self) -> LoadReport:
        steps = [self._load_sources, self._load_geography, self._load_vocabularies,
                 self._load_associations, self._load_municipal, self._load_centres,
                 self._load_desks, self._load_offices, self._load_jet,
                 self._load_help_lines, self._load_corrections]  # fmt: skip
        with transaction.atomic():
            for step in steps:
                step()
                self._record_creations()
            self.report.links = link_municipalities()
        return self.report

    # Files

    def _read(self, name: str) -> Any:
        self._file = name
        path = self.directory / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise LoadError(f"{path}: file not found") from None
        except json.JSONDecodeError as error:
            raise LoadError(f"{path}: not valid JSON: {error}") from None

    def _load_sources(self) -> None:
        for row in self._read("sources.json"):
            key = row["key"]
            source = self._sync(Source, {"key": key}, _without(row, "key"))
            self._sources[key] = source

    def _load_geography(self) -> None:
        for row in self._read("blocks.json"):
            self._sync_sourced(Block, {"slug": row["slug"]}, row)
        blocks = {b.slug: b for b in Block.objects.all()}
        for row in self._read("prefectures.json"):
            values = {**row, "block": self._ref(blocks, row["block"], "block")}
            self._sync_sourced(Prefecture, {"code": row["code"]}, values)
        prefectures = {p.code: p for p in Prefecture.objects.all()}
        for row in self._read("designated_cities.json"):
            values = {**row, "prefecture": self._ref(prefectures, row["prefecture"], "prefecture")}
            self._sync_sourced(DesignatedCity, {"slug": row["slug"]}, values)

    def _load_vocabularies(self) -> None:
        for row in self._read("languages.json"):
            self._sync(Language, {"code": row["code"]}, _without(row, "code"))
        for row in self._read("services.json"):
            self._sync(Service, {"slug": row["slug"]}, _without(row, "slug"))

    def _load_associations(self) -> None:
        prefectures = {p.code: p for p in Prefecture.objects.all()}
        cities = {c.slug: c for c in DesignatedCity.objects.all()}
        languages = {lang.code: lang for lang in Language.objects.all()}
        services = {s.slug: s for s in Service.objects.all()}
        for row in self._read("associations.json"):
            slug = row["slug"]
            values = {
                **_without(row, "languages", "services"),
                "prefecture": self._ref(prefectures, row["prefecture"], "prefecture", slug),
                "designated_city": (
                    self._ref(cities, row["designated_city"], "designated city", slug)
                    if row["designated_city"]
                    else None
                ),
            }
            many = {
                "languages": [self._ref(languages, c, "language", slug) for c in row["languages"]],
                "services": [self._ref(services, s, "service", slug) for s in row["services"]],
            }
            # A listed language or service was checked; an empty list was not, unless the
            # row says so.
            values["languages_known"] = row.get("languages_known", bool(row["languages"]))
            values["services_known"] = row.get("services_known", bool(row["services"]))
            self._sync_sourced(Association, {"slug": slug}, values, many)

    # Municipal associations and one-stop centres: one file per prefecture

    _COMMON = {"name_ja", "name_en", "municipality_ja", "municipality_code", "postal_code",
               "address", "phone", "fax", "email", "website", "source_keys", "as_of",
               "note_public", "note_staff"}  # fmt: skip
    _FIELDS = {
        "municipal": _COMMON | {"size_category"},
        "onestop": _COMMON | {"level", "run_by_ja", "operator_ja", "hours", "languages_ja"},
    }

    def _prefecture_files(self, folder: str, key: str):
        """Each file of the folder: (its prefecture, its sources by file key, its rows)."""
        self._folder = folder
        prefectures = {p.code: p for p in Prefecture.objects.all()}
        for path in sorted((self.directory / folder).glob("*.json")):
            data = self._read(f"{folder}/{path.name}")
            for part in ("prefecture", "sources", key):
                if part not in data:
                    raise LoadError(f"{self._file}: no {part!r} (see {folder}/README.md)")
            prefecture = self._ref(prefectures, data["prefecture"], "prefecture")
            sources = {}
            for row in data["sources"]:
                namespaced = f"{folder}-{prefecture.code[3:]}-{row['key']}"
                sources[row["key"]] = self._sync(
                    Source,
                    {"key": namespaced},
                    {
                        "kind": Source.Kind.PUBLIC,
                        "title": row["title"],
                        "publisher": row["publisher"],
                        "url": row["url"],
                        "published_on": _partial_date(row["published_on"], self._file),
                        "date_precision": row["date_precision"],
                        "note": row.get("retrieved_note", ""),
                    },
                )
            yield prefecture, sources, data[key]

    def _folder_row(self, row: dict, sources: dict, label: str) -> dict:
        """The values every folder record shares: place, contacts, date, notes, sources."""
        where = f"{self._file} (record {label!r})"
        missing = sorted(self._FIELDS[self._folder] - set(row))
        if missing:
            raise LoadError(f"{where}: missing {', '.join(missing)} (see the folder's README)")
        if not row["source_keys"]:
            has_contact = any(row.get(f) for f in ("address", "phone", "fax", "email", "website"))
            what = "gives contact data but names no source" if has_contact else "has no source"
            raise LoadError(f"{where}: {what}")
        as_of = row["as_of"]
        return {
            "name_ja": row["name_ja"],
            "name_en": row["name_en"],
            "municipality_ja": row["municipality_ja"],
            "municipality_code": row["municipality_code"],
            "postal_code": row["postal_code"],
            "address": row["address"],
            "phone": row["phone"],
            "fax": row["fax"],
            "email": row["email"],
            "website": row["website"],
            "as_of": _partial_date(as_of, where),
            "as_of_precision": PRECISION.get(len(as_of), ""),
            "public_note": row["note_public"],
            "staff_note": row["note_staff"],
            "sources": [self._ref(sources, k, "source", label) for k in row["source_keys"]],
        }

    def _load_municipal(self) -> None:
        slugs: dict[str, str] = {}
        for prefecture, sources, rows in self._prefecture_files("municipal", "associations"):
            for row in rows:
                label = row["name_ja"]
                slug = _data_slug(row["municipality_code"], row["name_ja"])
                if slug in slugs:
                    raise LoadError(
                        f"{self._file} (record {label!r}): listed twice (also in {slugs[slug]})"
                    )
                slugs[slug] = self._file
                values = {
                    **self._folder_row(row, sources, label),
                    "tier": Association.Tier.MUNICIPAL,
                    "prefecture": prefecture,
                    "size_category": row["size_category"],
                }
                self._sync_folder_record(Association, slug, values)

    def _load_centres(self) -> None:
        slugs: dict[str, str] = {}
        for prefecture, sources, rows in self._prefecture_files("onestop", "consultation_centres"):
            for row in rows:
                label = row["name_ja"]
                slug = _data_slug(row["municipality_code"], row["name_ja"])
                if slug in slugs:
                    raise LoadError(
                        f"{self._file} (record {label!r}): listed twice (also in {slugs[slug]})"
                    )
                slugs[slug] = self._file
                values = {
                    **self._folder_row(row, sources, label),
                    "prefecture": prefecture,
                    "level": row["level"],
                    "run_by_ja": row["run_by_ja"],
                    "operator_ja": row["operator_ja"],
                    "hours": row["hours"],
                    "languages_ja": row["languages_ja"],
                }
                self._sync_folder_record(ConsultationCentre, slug, values)

    def _sync_folder_record(self, model, slug: str, values: dict) -> None:
        sources = values.pop("sources")
        record = self._find(model, {"slug": slug})
        if record is not None and record.municipality_id is not None:
            # Linked already: kept while the code is the same, else linked again after.
            same = record.municipality_code == values["municipality_code"]
            values["municipality"] = record.municipality if same else None
        self._sync(model, {"slug": slug}, values, {"sources": sources})

    def _load_desks(self) -> None:
        associations = {a.slug: a for a in Association.objects.all()}
        languages = {lang.code: lang for lang in Language.objects.all()}
        data = self._read("desks.json")
        # Further files, one per review batch, keep each batch reviewable on its own.
        for path in sorted((self.directory / "desks").glob("*.json")):
            extra = self._read(f"desks/{path.name}")
            for key in ("locations", "desks", "social_links"):
                data[key] = data[key] + extra.get(key, [])
            self._file = "desks"
        for kind in ("locations", "desks"):
            for row in data[kind]:
                old = sorted(set(row) & {"note", "notes"})
                if old:
                    raise LoadError(
                        f"{self._file} (record {row['name']!r}): {', '.join(old)} is now "
                        "public_note (shown on the page) and staff_note (admin only)"
                    )
        for row in data["locations"]:
            association = self._ref(associations, row["association"], "association", row["name"])
            values = {**_without(row, "association", "hours"), "association": association}
            lookup = {"association": association, "name": row["name"]}
            existing = self._find(Location, lookup)
            if existing is not None and existing.municipality_id is not None:
                # Linked already: kept while the code is the same, else linked again after.
                same = existing.municipality_code == row.get("municipality_code", "")
                values["municipality"] = existing.municipality if same else None
            location = self._sync_sourced(Location, lookup, values)
            self._sync_hours(location.opening_hours, OpeningHours, row["hours"], row["name"])
        for row in data["desks"]:
            association = self._ref(associations, row["association"], "association", row["name"])
            location = None
            if row["location"]:
                # With their week: each span of the desk's hours is checked against it.
                places = association.locations.prefetch_related("opening_hours")
                own = {loc.name: loc for loc in places}
                location = self._ref(own, row["location"], "location", row["name"])
            values = {
                **_without(row, "association", "hours"),
                "association": association,
                "location": location,
            }
            desk = self._sync_sourced(
                Desk, {"association": association, "name": row["name"]}, values
            )
            spans, written = self._sync_hours(desk.hours, DeskHours, row["hours"], row["name"])
            for span, hours_row in zip(spans, row["hours"], strict=True):
                codes = hours_row.get("languages", [])
                wanted = [self._ref(languages, c, "language", row["name"]) for c in codes]
                if written:  # links to nothing yet: not read again
                    self._link_new(span, {"languages": wanted})
                elif {x.pk for x in span.languages.all()} != {x.pk for x in wanted}:
                    span.languages.set(wanted)
        for row in data["social_links"]:
            association = self._ref(associations, row["association"], "association", row["url"])
            values = {**_without(row, "association"), "association": association}
            self._sync_sourced(SocialLink, {"association": association, "url": row["url"]}, values)

    def _sync_hours(self, manager, model, rows: list[dict], record: str) -> tuple[list, bool]:
        """The record's weekly spans as the file gives them, in the file's order, and
        whether they were written anew (else they are the spans it had, links read)."""
        wanted = []
        for row in rows:
            if row["weekday"] not in WEEKDAYS:
                raise LoadError(
                    f"{self._file} (record {record!r}): unknown weekday {row['weekday']!r}"
                )
            span = model(
                weekday=WEEKDAYS.index(row["weekday"]),
                opens=row["opens"],
                closes=row["closes"],
                weeks_of_month=row["weeks_of_month"],
                **{manager.field.name: manager.instance},
            )
            self._clean(span, {"record": record, "weekday": row["weekday"]})
            wanted.append(span)
        key = lambda s: (s.weekday, str(s.opens)[:5], str(s.closes)[:5], s.weeks_of_month)  # noqa: E731
        existing = list(manager.prefetch_related(*_links_to_many(model)))
        if sorted(map(key, existing)) == sorted(map(key, wanted)):
            self.report.unchanged[model._meta.model_name] += len(wanted)
            by_key = {key(s): s for s in existing}
            return [by_key[key(s)] for s in wanted], False
        manager.all().delete()
        for span in wanted:
            self._write(span, {"record": record, "weekday": WEEKDAYS[span.weekday]})
        counter = self.report.updated if existing else self.report.created
        counter[model._meta.model_name] += len(wanted)
        return wanted, True

    def _load_offices(self) -> None:
        for row in self._read("offices.json"):
            self._sync_sourced(ClairOffice, {"slug": row["slug"]}, row)
        offices = {o.slug: o for o in ClairOffice.objects.all()}
        rows = self._read("departments.json")
        # Departments first, so that divisions find their parent.
        for row in sorted(rows, key=lambda r: r["parent"] is not None):
            office = self._ref(offices, row["office"], "office", row["slug"])
            parent = None
            if row["parent"]:
                parent = self._ref(
                    {d.slug: d for d in office.departments.all()},
                    row["parent"],
                    "parent department",
                    row["slug"],
                )
            values = {**row, "office": office, "parent": parent}
            self._sync_sourced(Department, {"office": office, "slug": row["slug"]}, values)

    def _load_help_lines(self) -> None:
        languages = {lang.code: lang for lang in Language.objects.all()}
        for row in self._read("help_lines.json"):
            slug = row["slug"]
            many = {
                "languages": [self._ref(languages, c, "language", slug) for c in row["languages"]]
            }
            self._sync_sourced(HelpLine, {"slug": slug}, _without(row, "languages"), many)

    def _load_jet(self) -> None:
        data = self._read("jet.json")
        for row in data["roles"]:
            self._sync_sourced(JetRole, {"code": row["code"]}, row)
        for row in data["partners"]:
            self._sync_sourced(JetPartner, {"slug": row["slug"]}, row)
        for row in data["facts"]:
            values = {**_without(row, "source"), "sources": [row["source"]]}
            self._sync_sourced(ProgrammeFact, {"slug": row["slug"]}, values)

    def _load_corrections(self) -> None:
        for row in self._read("corrections.json"):
            if row["model"] not in CORRECTABLE:
                raise LoadError(f"{self._file}: unknown model {row['model']!r} in {row}")
            model, key_field = CORRECTABLE[row["model"]]
            record = model.objects.filter(**{key_field: row["record"]}).first()
            if record is None:
                raise LoadError(
                    f"{self._file}: correction names {row['model']} {row['record']!r}, "
                    "which is not in the fixtures"
                )
            lookup = {
                "content_type": ContentType.objects.get_for_model(model),
                "object_id": record.pk,
                "field": row["field"],
                "original": row["original"],
            }
            values = {
                "corrected": row["corrected"],
                "kind": row["kind"],
                "reason": row["reason"],
                "source": self._source(row["source"], row["record"]),
            }
            self._sync(Correction, lookup, values)

    # Records

    def _ref(self, known: dict, key: str, what: str, record: str = "") -> models.Model:
        if key not in known:
            where = f" (record {record!r})" if record else ""
            raise LoadError(f"{self._file}{where}: unknown {what} {key!r}")
        return known[key]

    def _source(self, key: str, record: str) -> Source:
        return self._ref(self._sources, key, "source", record)

    def _sync_sourced(
        self,
        model: type[models.Model],
        lookup: dict,
        row: dict,
        many: dict[str, list] | None = None,
    ) -> models.Model:
        label = next(iter(lookup.values())) if len(lookup) == 1 else lookup.get("slug")
        label = label or lookup.get("name") or lookup.get("url")
        many = {**(many or {}), "sources": [self._source(k, label) for k in row["sources"]]}
        if not row["sources"]:
            raise LoadError(f"{self._file}: record {label!r} has no source")
        return self._sync(model, lookup, _without(row, "sources"), many)

    def _sync(
        self,
        model: type[models.Model],
        lookup: dict,
        values: dict,
        many: dict[str, list] | None = None,
    ) -> models.Model:
        name = model._meta.model_name
        values = {k: v for k, v in values.items() if k not in lookup}
        obj = self._find(model, lookup)
        if obj is None:
            obj = model(**lookup, **values)
            self._create(obj, lookup, many or {})
            self._index(model, lookup)[_key(lookup)] = obj
            self.report.created[name] += 1
            return obj
        if not self.update_existing:
            self.report.unchanged[name] += 1
            return obj
        before = _snapshot(obj, values)
        for attr, value in values.items():
            setattr(obj, attr, value)
        self._clean(obj, lookup)
        changed = before != _snapshot(obj, values)
        # One historical record of the change, fields and links together, written once
        # all is saved: each list set had one of its own, the first ones holding
        # a state the record never had (its old languages, or none, with its new name).
        history = History.of(model)
        to_record = changed
        obj.skip_history_when_saving = True
        try:
            if changed:
                self._write(obj, lookup)
            for attr, related in (many or {}).items():
                manager = getattr(obj, attr)
                if {r.pk for r in manager.all()} != {r.pk for r in related}:
                    manager.set(related)
                    changed = True
                    to_record = to_record or (history is not None and history.keeps(attr))
        finally:
            del obj.skip_history_when_saving
        if to_record and history is not None:
            self._record_creations()  # its creation, if this load made it, comes first
            history.create_historical_record(obj, "~")
        (self.report.updated if changed else self.report.unchanged)[name] += 1
        return obj

    def _find(self, model: type[models.Model], lookup: dict) -> models.Model | None:
        """The record `lookup` names, as `model.objects.filter(**lookup).first()` finds it:
        a model's records are read once a load, not once a record (a query each, most of
        a first load's queries)."""
        return self._index(model, lookup).get(_key(lookup))

    def _index(self, model: type[models.Model], lookup: dict) -> dict[tuple, models.Model]:
        names = tuple(sorted(lookup))
        index = self._indexes.get((model, names))
        if index is None:
            columns = [model._meta.get_field(name).attname for name in names]
            index = {}
            # Its links to many, read with it: a record the file names again is compared
            # with them, not with a query each (they are read afresh once set).
            linked = model.objects.prefetch_related(*_links_to_many(model))
            for record in linked:  # in the model's order: the first one wins
                index.setdefault(tuple(getattr(record, column) for column in columns), record)
            self._indexes[model, names] = index
        return index

    def _clean(self, obj: models.Model, lookup: dict, *, against_table: bool = False) -> None:
        """Its fields and the model's rules; `against_table`, the table's constraints too,
        which Django checks with a query each (three or more a record). A link to a record
        this load read or saved is not looked up again: Django asks the table for each,
        a query a link a record (a third of a second load's queries)."""
        exclude = None if against_table else _read_links(obj)
        try:
            obj.full_clean(
                exclude=exclude,
                validate_unique=against_table,
                validate_constraints=against_table,
            )
        except ValidationError as error:
            message = f"{self._file}: record {_label(lookup)}: {error.message_dict}"
            raise LoadError(message) from None

    def _write(self, obj: models.Model, lookup: dict) -> None:
        """Saved; the database holds it to the table's constraints. Only when it refuses
        are they checked one by one, for the message that names the rule."""
        if not self.careful:
            obj.save()
            return
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as error:
            self._clean(obj, lookup, against_table=True)
            raise LoadError(f"{self._file}: record {_label(lookup)}: {error}") from None

    def _save(self, obj: models.Model, lookup: dict) -> None:
        self._clean(obj, lookup)
        self._write(obj, lookup)

    def _create(self, obj: models.Model, lookup: dict, many: dict[str, list]) -> None:
        """Saved and linked, with one historical record, "created", that holds its links:
        saved, then linked through the related managers, it had a second record for each
        list (and a first with no links, which a revert would restore), each record
        copying every list of the record again."""
        history = History.of(type(obj))
        if history is None:
            self._save(obj, lookup)
            self._link_new(obj, many)
            return
        obj.skip_history_when_saving = True
        try:
            self._save(obj, lookup)
        finally:
            del obj.skip_history_when_saving
        obj._history_date = timezone.now()
        self._unrecorded[type(obj)].append((obj, self._link_new(obj, many)))

    def _record_creations(self) -> None:
        """The historical records of the records created since the last call, a few
        queries for each model (a query for each record was a fifth of a load's)."""
        for model, created in self._unrecorded.items():
            History.of(model).record_creations(created)
            for record, _links in created:
                del record._history_date  # a later change of it is dated when it is made
        self._unrecorded.clear()

    @staticmethod
    def _link_new(obj: models.Model, many: dict[str, list]) -> dict[str, list]:
        """The rows of each link table that link `obj`, a record just saved, to its
        related records (in the order given, each once): written at once, as nothing
        links to it yet. Its key was saved a moment ago, so the directory's version
        moved with it (the link tables' own signals are not sent)."""
        written = {}
        for attr, related in many.items():
            field = obj._meta.get_field(attr)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            keys = dict.fromkeys(getattr(r, "pk", r) for r in related)
            rows = [through(**{source: obj, f"{target}_id": key}) for key in keys]
            written[attr] = through.objects.bulk_create(rows)
        return written


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PRECISION = {10: "day", 7: "month", 4: "year"}


def _partial_date(text: str | None, where: str) -> date | None:
    """ "2024-07-15", "2024-07" or "2024" as a date (a month or year as its first day);
    None for an empty date ("date not stated")."""
    if not text:
        return None
    parts = text.split("-")
    try:
        if len(text) not in PRECISION:
            raise ValueError
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2]) if len(parts) > 2 else 1)  # fmt: skip
    except (ValueError, IndexError):
        raise LoadError(f"{where}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _data_slug(code: str, name_ja: str) -> str:
    """ "232114-3f9a1c": the place's code and a digest of the name, both from the data."""
    name = unicodedata.normalize("NFKC", name_ja).replace(" ", "")
    return f"{code}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def _key(lookup: dict) -> tuple:
    """`lookup`'s values in the order of its sorted names, a record as its primary key."""
    return tuple(
        value.pk if isinstance(value, models.Model) else value
        for _, value in sorted(lookup.items())
    )


def _links_to_many(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.many_to_many]


def _read_links(obj: models.Model) -> list[str]:
    """The foreign keys of `obj` that hold a record read from, or saved to, the database."""
    return [
        field.name
        for field in obj._meta.concrete_fields
        if field.is_relation
        and field.is_cached(obj)
        and (related := field.get_cached_value(obj)) is not None
        and related.pk is not None
        and not related._state.adding
    ]


def _label(lookup: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in lookup.items())


def _without(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}


def _snapshot(obj: models.Model, values: dict) -> dict:
    """`values`' fields as `obj` holds them, a link as the key it holds (a record read
    from the index has not fetched what it links to: a query each)."""
    fields = {field.name: field for field in obj._meta.concrete_fields}
    return {
        attr: str(getattr(obj, fields[attr].attname if attr in fields else attr)) for attr in values
    }
