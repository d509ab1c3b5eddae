"""Realistic made-up associations for benchmarks and scale tests.

Names follow the patterns of real ones ("Iwata International Association",
磐田市国際交流協会), spread over every prefecture, tier, service and language. Every
synthetic record's slug starts with `synthetic-`, and its only source is a source that
says so, so they can never be mistaken for the directory's real data.
"""

import random
from datetime import date

from django.db import transaction

from . import search
from .models import Association, DesignatedCity, Language, Prefecture, Service, Source

SLUG_PREFIX = "synthetic-"
SOURCE_KEY = "synthetic-data"

# Municipality names (English, Japanese) to combine into names; not meant to be real places.
TOWNS = [
    ("Iwata", "磐田"), ("Fukuroi", "袋井"), ("Kakegawa", "掛川"), ("Ota", "太田"),
    ("Toyota", "豊田"), ("Okazaki", "岡崎"), ("Komaki", "小牧"), ("Suzuka", "鈴鹿"),
    ("Yokkaichi", "四日市"), ("Oizumi", "大泉"), ("Isesaki", "伊勢崎"), ("Kani", "可児"),
    ("Minokamo", "美濃加茂"), ("Ueda", "上田"), ("Matsumoto", "松本"), ("Nakano", "中野"),
    ("Kawaguchi", "川口"), ("Warabi", "蕨"), ("Tsukuba", "つくば"), ("Joso", "常総"),
    ("Hadano", "秦野"), ("Yamato", "大和"), ("Kurashiki", "倉敷"), ("Fukuyama", "福山"),
    ("Kitami", "北見"), ("Hakodate", "函館"), ("Morioka", "盛岡"), ("Iwaki", "いわき"),
    ("Kanazawa", "金沢"), ("Takaoka", "高岡"), ("Nagahama", "長浜"), ("Himeji", "姫路"),
    ("Nara", "奈良"), ("Ikoma", "生駒"), ("Tottori", "鳥取"), ("Izumo", "出雲"),
    ("Imabari", "今治"), ("Kurume", "久留米"), ("Beppu", "別府"), ("Naha", "那覇"),
]  # fmt: skip
KINDS = [
    ("International Association", "国際交流協会"),
    ("International Exchange Association", "国際交流協会"),
    ("Association for International Relations", "国際化協会"),
    ("International Friendship Association", "国際友好協会"),
    ("Multicultural Centre", "多文化共生センター"),
]
SIZES = [Association.Size.LARGE, Association.Size.MEDIUM, Association.Size.SMALL]


def source() -> Source:
    return Source.objects.get_or_create(
        key=SOURCE_KEY,
        defaults={
            "kind": Source.Kind.PUBLIC,
            "title": "Synthetic data for benchmarks (not real associations)",
            "date_precision": Source.DatePrecision.UNKNOWN,
            "note": "Made by manage.py generate_synthetic.",
        },
    )[0]


def generate(count: int, *, seed: int = 1, batch: int = 2000) -> int:
    """Adds `count` synthetic associations; returns how many there are now."""
    rng = random.Random(seed)
    prefectures = list(Prefecture.objects.all())
    cities = list(DesignatedCity.objects.select_related("prefecture"))
    languages = list(Language.objects.all())
    services = list(Service.objects.all())
    if not prefectures or not languages or not services:
        raise ValueError("Load the directory's data first (manage.py load_directory).")
    start = Association.objects.filter(slug__startswith=SLUG_PREFIX).count()
    the_source = source()
    Languages = Association.languages.through
    Services = Association.services.through
    Sources = Association.sources.through
    made = 0
    while made < count:
        rows = []
        for n in range(start + made, start + made + min(batch, count - made)):
            town_en, town_ja = rng.choice(TOWNS)
            kind_en, kind_ja = rng.choice(KINDS)
            city = rng.choice(cities) if rng.random() < 0.15 else None
            prefecture = city.prefecture if city else rng.choice(prefectures)
            name_en = f"{town_en} {kind_en} {n}"
            name_ja = f"{town_ja}市{kind_ja}{n}"
            rows.append(
                Association(
                    slug=f"{SLUG_PREFIX}{n}",
                    name_en=name_en,
                    name_ja=name_ja,
                    tier=Association.Tier.MUNICIPAL,
                    mic_recognised=False,
                    prefecture=prefecture,
                    designated_city=city,
                    municipality_en=town_en,
                    municipality_ja=f"{town_ja}市",
                    size_category=rng.choice(SIZES),
                    phone=f"+81{rng.randint(11, 99)}{rng.randint(1000000, 9999999)}",
                    website=f"https://example.org/{SLUG_PREFIX}{n}/",
                    as_of=date(2026, 1, 1),
                    search_text=search.search_text(
                        name_en,
                        name_ja,
                        town_en,
                        f"{town_ja}市",
                        prefecture.name_en,
                        prefecture.name_ja,
                    ),  # fmt: skip
                )
            )
        with transaction.atomic():
            created = Association.objects.bulk_create(rows)
            Languages.objects.bulk_create(
                Languages(association_id=a.pk, language_id=lang.pk)
                for a in created
                for lang in rng.sample(languages, rng.randint(0, 5))
            )
            Services.objects.bulk_create(
                Services(association_id=a.pk, service_id=s.pk)
                for a in created
                for s in rng.sample(services, rng.randint(1, 4))
            )
            Sources.objects.bulk_create(
                Sources(association_id=a.pk, source_id=the_source.pk) for a in created
            )
        made += len(rows)
    return start + made


def delete() -> int:
    deleted, _ = Association.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    return deleted
