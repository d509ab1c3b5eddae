"""Association cards and the filter form kept rendered below the page cache (issue #14):
a kept fragment never shows what its page would not, in any language, after any edit,
and the pages are served while the cache cannot keep them."""

import logging

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from redis.exceptions import ConnectionError as RedisConnectionError

from .conftest import (
    make_association,
    make_language,
    make_municipality,
    make_office,
    make_service,
)
from .htmltree import page

pytestmark = pytest.mark.django_db

LISTING = reverse("associations:list")


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # Every request renders its page: what is kept is the cards and the form.
    settings.PAGE_CACHE_SECONDS = 0


def card_of(html: str, slug: str) -> str:
    """The card linking to `slug`'s page (the cards are <li class="card"> … </li>)."""
    start = html.index(f'/associations/{slug}/"')
    return html[html.rindex('<li class="card">', 0, start) : html.index("</li>", start)]


class TestCards:
    def test_an_edit_of_an_association_shows_on_its_card_at_once(self, client, places):
        client.get(LISTING)
        assert "SAIR" in card_of(client.get(LISTING).text, "sair")
        sair = places["sair"]
        sair.name_en = "Shizuoka Association for International Relations"
        sair.save()
        card = card_of(client.get(LISTING).text, "sair")
        assert "Shizuoka Association for International Relations" in card

    def test_a_language_added_shows_on_the_card_and_in_the_filter_counts(self, client, places):
        nepali = make_language("ne", name_en="Nepali", name_native="नेपाली")
        client.get(LISTING)
        # The card names languages in the reader's language (CLDR): here English.
        assert "Nepali" not in card_of(client.get(LISTING).text, "sair")
        places["sair"].languages.add(nepali)  # a many-to-many change: no save() at all
        html = client.get(LISTING).text
        assert "Nepali" in card_of(html, "sair")
        assert 'value="ne">' in html and '<span class="count">(1)</span>' in html

    def test_each_language_has_its_own_cards(self, client, places):
        english = card_of(client.get(LISTING).text, "sair")
        with translation.override("ja"):
            japanese_listing = reverse("associations:list")
        japanese = card_of(client.get(japanese_listing).text, "sair")
        assert "Prefectural" in english and "/ja/associations/sair/" not in english
        assert "都道府県" in japanese and 'href="/ja/associations/sair/"' in japanese
        # and the English card, asked again, is still the English one
        assert card_of(client.get(LISTING).text, "sair") == english

    def test_why_a_search_listed_an_association_is_on_its_card_only_there(self, client, places):
        make_municipality(name_en="Iwata City", name_romaji="Iwata-shi", name_ja="磐田市",
                          name_kana="イワタシ", prefecture=places["shizuoka"])  # fmt: skip
        make_municipality(name_en="Kosai City", name_romaji="Kosai-shi", name_ja="湖西市",
                          name_kana="コサイシ", prefecture=places["shizuoka"])  # fmt: skip
        reason = "Serves Iwata City"
        assert reason in card_of(client.get(LISTING, {"q": "iwata"}).text, "sair")
        assert reason not in card_of(client.get(LISTING).text, "sair")
        assert reason in card_of(client.get(LISTING, {"q": "iwata"}).text, "sair")
        # another place, another reason (the places a keyword names are kept by keyword)
        card = card_of(client.get(LISTING, {"q": "kosai"}).text, "sair")
        assert "Serves Kosai City" in card and reason not in card

    def test_kept_cards_skip_the_queries_only_cards_need(self, client, places):
        from django.core.cache import cache

        client.get(LISTING)
        # the cards alone go (local memory keeps keys as ":<version>:<key>")
        cache.delete_many([key.split(":", 2)[2] for key in cache._cache if ":card:" in key])
        with CaptureQueriesContext(connection) as rendered:
            first = client.get(LISTING)
        with CaptureQueriesContext(connection) as kept:
            second = client.get(LISTING)
        # the same page, without the rows' names, phones, places, languages and services
        assert len(kept) == len(rendered) - 3
        assert second.text == first.text
        selected = [q["sql"].split(" FROM ")[0] for q in kept.captured_queries]
        assert not [columns for columns in selected if '"phone"' in columns or "name_en" in columns]

    def test_cards_not_kept_are_rendered_whole_among_kept_ones(self, client, places):
        from django.core.cache import cache

        first = client.get(LISTING, {"q": "shizuoka"}).text
        # one card goes: it is rendered from its whole row, its neighbours come from the cache
        cache.delete_many([key.split(":", 2)[2] for key in cache._cache if ":card:" in key][:1])
        assert client.get(LISTING, {"q": "shizuoka"}).text == first

    def test_a_prefecture_page_and_the_listing_show_the_same_card(self, client, places):
        prefecture = places["shizuoka"].get_absolute_url()
        from_prefecture = card_of(client.get(prefecture).text, "sair")
        assert card_of(client.get(LISTING).text, "sair") == from_prefecture


class FragmentsUnreadable(LocMemCache):
    """Redis going away after the directory's version was read: no fragment can be read."""

    def get_many(self, keys, version=None):
        raise RedisConnectionError("Connection reset by peer")

    def get(self, key, default=None, version=None):
        if key.startswith("kept:"):
            raise RedisConnectionError("Connection reset by peer")
        return super().get(key, default, version)


class FragmentsUnwritable(LocMemCache):
    def set_many(self, data, timeout=None, version=None):
        raise RedisConnectionError("Connection reset by peer")

    def set(self, key, value, timeout=None, version=None):
        if key.startswith("kept:"):
            raise RedisConnectionError("Connection reset by peer")
        return super().set(key, value, timeout, version)


@pytest.mark.parametrize("backend", [FragmentsUnreadable, FragmentsUnwritable])
def test_a_cache_that_cannot_keep_fragments_still_serves_every_card(
    client, places, settings, backend, caplog
):
    from django.core.cache import cache

    name = backend.__name__
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.{name}", "LOCATION": name}}
    # Local memory outlives the test database: no directory version from another test.
    cache.clear()
    with caplog.at_level(logging.WARNING, logger="associations.caching"):
        for _ in range(2):
            html = client.get(LISTING).text
            for slug in ("sair", "hice", "aia"):
                assert card_of(html, slug)
            assert 'name="block"' in html or 'id="facet-block"' in html


@pytest.mark.parametrize("backend", [FragmentsUnreadable, FragmentsUnwritable])
def test_a_cache_that_cannot_keep_fragments_still_serves_every_kept_page(
    client, places, settings, backend
):
    from django.core.cache import cache

    name = backend.__name__
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.{name}", "LOCATION": name}}
    cache.clear()
    make_office(slug="london", address="Somewhere Street 1")
    make_office(slug="paris", address="Rue Quelque 2", city="Paris")
    for _ in range(2):
        offices = client.get(reverse("associations:offices")).text
        assert "Somewhere Street 1" in offices and "Rue Quelque 2" in offices
        shizuoka = client.get(places["shizuoka"].get_absolute_url()).text
        assert card_of(shizuoka, "sair") and card_of(shizuoka, "hice")


def test_cards_are_not_kept_when_fragment_caching_is_off(client, places, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    from django.core.cache import cache

    client.get(LISTING)
    assert not [key for key in cache._cache if ":card:" in key or ":fragment:" in key]
    settings.FRAGMENT_CACHE_SECONDS = 60
    client.get(LISTING)
    assert [key for key in cache._cache if ":card:" in key]


def shown_counts(response) -> dict[tuple[str, str], int]:
    """Every count the filter form shows, by (facet, choice): the selects' options and the
    boxes' labels."""
    form = page(response).find("form", class_="facets")
    counts = {}
    for select in form.find_all("select"):
        if select.attrs["name"] == "sort":
            continue
        for option in select.find_all("option"):
            if option.attrs["value"]:
                counts[select.attrs["name"], option.attrs["value"]] = int(
                    option.text.rsplit("(", 1)[1].rstrip(")")
                )
    for box in form.find_all("input", type="checkbox") + form.find_all("input", type="radio"):
        if box.attrs["value"]:
            count = box.parent.find("span", class_="count").text
            counts[box.attrs["name"], box.attrs["value"]] = int(count.strip("()"))
    return counts


def grouped(queries) -> list[str]:
    return [q["sql"] for q in queries if "GROUP BY" in q["sql"]]


class TestKeptCounts:
    """The facet counts depend on the filters and the directory's version only: another
    page or order of the same listing reuses them, and any edit counts again."""

    def test_another_page_or_order_of_the_same_filters_counts_nothing_again(self, client, places):
        query = {"block": "tokai-hokuriku", "tier": "prefectural"}
        with CaptureQueriesContext(connection) as counted:
            first = client.get(LISTING, query)
        with CaptureQueriesContext(connection) as kept:
            second = client.get(LISTING, {**query, "sort": "-name", "page": "1"})
        assert grouped(counted) and not grouped(kept)
        assert shown_counts(second) == shown_counts(first)
        assert shown_counts(first)["prefecture", "shizuoka"] == 1
        assert first.context["page_obj"].paginator.count == 2
        assert second.context["page_obj"].paginator.count == 2

    @pytest.mark.parametrize(
        "query, facet",
        [
            ({"block": "tokai-hokuriku"}, "block"),
            ({"prefecture": "shizuoka"}, "prefecture"),
            ({"tier": "prefectural"}, "tier"),
            ({"recognised": "yes"}, "recognised"),
            ({"language": "vi"}, "language"),
            ({"service": "consultation"}, "service"),
        ],
    )
    def test_a_listing_filtered_on_one_facet_counts_that_facet_as_the_whole_listing_did(
        self, client, places, query, facet
    ):
        """Without its own filter, that facet's counts are the unfiltered listing's: kept
        by it, not counted over every association again (the costliest count a filter
        asks for, 100,000 rows grouped). Languages and services shared theirs already."""
        for slug in ("sair", "hice", "aia"):
            places[slug].languages.set([make_language("vi")])
            places[slug].services.set([make_service("consultation")])
        whole = client.get(LISTING)
        with CaptureQueriesContext(connection) as counted:
            filtered = client.get(LISTING, query)
        unfiltered_counts = [sql for sql in grouped(counted) if " WHERE " not in sql]
        assert not unfiltered_counts
        assert grouped(counted)  # the other facets are counted under the filter
        assert {k: n for k, n in shown_counts(filtered).items() if k[0] == facet} == {
            k: n for k, n in shown_counts(whole).items() if k[0] == facet
        }

    @pytest.mark.parametrize(
        "query, choice, count",
        [
            ({"tier": "prefectural"}, ("prefecture", "shizuoka"), 1),
            ({"tier": "designated_city"}, ("prefecture", "shizuoka"), 1),
            ({"tier": "designated_city"}, ("prefecture", "aichi"), 0),
            ({"prefecture": "aichi"}, ("tier", "designated_city"), 0),
            ({"prefecture": "shizuoka"}, ("tier", "designated_city"), 1),
            ({"q": "sair"}, ("prefecture", "aichi"), 0),
            ({"q": "aia"}, ("prefecture", "aichi"), 1),
        ],
    )
    def test_each_listing_counts_under_its_own_filters(self, client, places, query, choice, count):
        # Every other listing is asked first: none of their counts may be shown here.
        for other in ({}, {"tier": "prefectural"}, {"prefecture": "aichi"}, {"q": "sair"}):
            client.get(LISTING, other)
        assert shown_counts(client.get(LISTING, query))[choice] == count

    def test_an_edit_is_counted_at_once(self, client, places):
        query = {"block": "tokai-hokuriku", "sort": "name"}
        before = client.get(LISTING, query)
        assert shown_counts(before)["prefecture", "aichi"] == 1
        assert before.context["page_obj"].paginator.count == 3
        make_association(slug="nia", name_en="NIC", prefecture=places["aichi"])
        after = client.get(LISTING, {**query, "sort": "-name"})
        assert shown_counts(after)["prefecture", "aichi"] == 2
        assert after.context["page_obj"].paginator.count == 4
        sair = places["sair"]
        sair.prefecture = places["aichi"]
        sair.save()
        moved = client.get(LISTING, query)
        assert shown_counts(moved)["prefecture", "aichi"] == 3
        assert shown_counts(moved)["prefecture", "shizuoka"] == 1

    def test_counts_are_counted_on_every_request_when_nothing_may_be_kept(
        self, client, places, settings
    ):
        settings.FRAGMENT_CACHE_SECONDS = 0
        client.get(LISTING, {"tier": "prefectural"})
        with CaptureQueriesContext(connection) as again:
            response = client.get(LISTING, {"tier": "prefectural", "sort": "-name"})
        assert grouped(again)
        assert shown_counts(response)["prefecture", "aichi"] == 1


def option_label(response, facet: str, value: str) -> str:
    select = page(response).find("select", name=facet)
    return next(o.text for o in select.find_all("option") if o.attrs["value"] == value)


def test_choices_are_named_in_the_readers_language_and_again_after_an_edit(client, places):
    with translation.override("ja"):
        japanese_listing = reverse("associations:list")
    shizuoka = places["shizuoka"]
    shizuoka.name_ja = "静岡県"
    shizuoka.save()
    for _ in range(2):  # the second time from what is kept
        assert option_label(client.get(LISTING), "prefecture", "shizuoka").startswith("Shizuoka")
        assert option_label(client.get(japanese_listing), "prefecture", "shizuoka").startswith(
            "静岡県"
        )
    shizuoka.name_en = "Shizuoka Prefecture"
    shizuoka.save()
    assert option_label(client.get(LISTING), "prefecture", "shizuoka").startswith(
        "Shizuoka Prefecture"
    )
    # every listing gets its own choices: a count or a tick never carries over
    assert option_label(client.get(LISTING, {"tier": "municipal"}), "prefecture", "shizuoka") == (
        option_label(client.get(LISTING, {"tier": "municipal"}), "prefecture", "shizuoka")
    )
    assert "(0)" in option_label(
        client.get(LISTING, {"tier": "municipal"}), "prefecture", "shizuoka"
    )
    assert "(2)" in option_label(client.get(LISTING), "prefecture", "shizuoka")


def test_choices_are_named_once_per_language_until_an_edit(client, places, monkeypatch):
    from associations import facets

    named = []
    original = facets._named
    monkeypatch.setattr(facets, "_named", lambda *args: named.append(args) or original(*args))
    client.get(LISTING)
    assert named  # the first listing names them
    named.clear()
    client.get(LISTING, {"tier": "municipal"})
    client.get(LISTING, {"block": "tokai-hokuriku"})
    assert named == []  # later ones, with any filters, use those names
    places["shizuoka"].save()
    client.get(LISTING)
    assert named  # an edit names them again


def test_two_listings_built_at_once_keep_their_own_counts(places):
    # Under a threaded server two requests build their facets at the same time: the
    # first one's choices must not take the second one's counts or ticks.
    from django.http import QueryDict

    from associations.facets import build_facets
    from associations.filters import AssociationFilter
    from associations.models import Association

    def facets(query: str) -> dict:
        filterset = AssociationFilter(QueryDict(query), queryset=Association.objects.all())
        return {facet.name: facet for facet in build_facets(filterset)}

    first = facets("tier=municipal")
    facets("prefecture=shizuoka")
    shizuoka = next(c for c in first["prefecture"].choices if c.value == "shizuoka")
    assert (shizuoka.count, shizuoka.selected) == (0, False)


@pytest.fixture
def cache_calls(monkeypatch):
    """Starts counting the page's reads of the (local memory) cache: a list of (method,
    key or keys), without the reads `get_many` makes of `get` (Redis asks once)."""

    def start() -> list:
        asked, depth = [], []
        for method in ("get", "get_many"):
            original = getattr(LocMemCache, method)

            def counted(cache, key, *args, original=original, method=method, **kwargs):
                if not depth:
                    asked.append((method, key))
                depth.append(method)
                try:
                    return original(cache, key, *args, **kwargs)
                finally:
                    depth.pop()

            monkeypatch.setattr(LocMemCache, method, counted)
        return asked

    return start


def twice(client, url: str) -> tuple[str, int]:
    """The page, and how many queries fewer it took the second time, when what it keeps
    was kept (counted before another request resets Django's query log). The two
    renderings must be the same page."""
    with CaptureQueriesContext(connection) as rendered:
        first = client.get(url).text
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).text == first
    return first, len(rendered) - len(kept)


def kept_fragments(template_name: str) -> list[str]:
    from django.core.cache import cache

    return [key for key in cache._cache if ":fragment:" in key and template_name in key]


class TestKeptSections:
    """The parts of a page that show only directory records (the headquarters' departments,
    the home page's map and regions) are kept rendered by directory version and language."""

    OFFICES = reverse("associations:offices")
    HOME = reverse("associations:home")

    def test_departments_are_kept_and_an_edit_shows_at_once(self, client):
        from .conftest import make_department

        hq = make_office(slug="tokyo", kind="headquarters", name_en="Headquarters")
        department = make_department(office=hq, name_en="Planning Department")
        first = client.get(self.OFFICES).text
        assert "Planning Department" in first
        # on the list, in the headquarters' section (kept whole but for its local time)
        assert [key.split(":")[-2] for key in kept_fragments("_office_section.html")] == ["tokyo"]
        assert client.get(hq.get_absolute_url()).text.count("Planning Department") == 1
        # on its own page, under a level-2 heading
        assert [key.rsplit(":", 1)[1] for key in kept_fragments("_departments.html")] == ["level=2"]
        department.name_en = "Policy Department"
        department.save()
        second = client.get(self.OFFICES).text
        assert "Policy Department" in second and "Planning Department" not in second
        detail = client.get(hq.get_absolute_url()).text
        assert "Policy Department" in detail and "Planning Department" not in detail

    def test_departments_are_kept_in_each_language(self, client):
        from .conftest import make_department

        hq = make_office(slug="tokyo", kind="headquarters", name_en="Headquarters")
        make_department(office=hq, name_en="Planning Department", name_ja="企画部")
        english = client.get(self.OFFICES).text
        with translation.override("ja"):
            japanese = client.get(reverse("associations:offices")).text
        assert "企画部" in japanese and "Planning Department" in english
        assert client.get(self.OFFICES).text.count("Planning Department") == english.count(
            "Planning Department"
        )

    def test_the_home_page_map_is_kept_and_counts_an_edit_at_once(self, client, places):
        first, saved = twice(client, self.HOME)
        # the counts, the prefectures with their blocks and cities, the blocks: the map
        # and the regions are not even laid out again
        assert saved == 4
        assert kept_fragments("_home_browse.html")
        make_association(prefecture=places["shizuoka"], name_en="Another Shizuoka one")
        second = client.get(self.HOME).text
        assert first != second
        assert second == client.get(self.HOME).text

    def test_a_prefecture_s_cities_and_municipalities_are_kept_and_an_edit_shows_at_once(
        self, client, places
    ):
        iwata = make_municipality(name_en="Iwata City", name_romaji="Iwata-shi",
                                  name_ja="磐田市", prefecture=places["shizuoka"])  # fmt: skip
        url = places["shizuoka"].get_absolute_url()
        first, saved = twice(client, url)
        # neither the cards' rows, languages and services, nor the cities and the
        # municipalities, nor the prefecture with its sources and its one-stop centres
        # (none here: one query), nor how many associations it has and which are on the
        # page are asked for again
        assert saved == 5 + 3 + 2
        assert "Iwata" in first and "Hamamatsu" in first
        assert "Iwata" not in client.get(places["aichi"].get_absolute_url()).text
        iwata.name_en, iwata.name_romaji = "Iwata", "Iwata"
        iwata.save()
        assert "Iwata City" not in client.get(url).text

    def test_an_office_s_facts_are_kept_and_an_edit_shows_at_once(self, client):
        london = make_office(slug="london", address="Somewhere Street 1")
        paris = make_office(slug="paris", address="Rue Quelque 2", city="Paris",
                            country="FR", time_zone="Europe/Paris")  # fmt: skip
        first = client.get(self.OFFICES).text
        assert "Somewhere Street 1" in first and "Rue Quelque 2" in first
        assert {key.split(":")[-2] for key in kept_fragments("_office_section.html")} == {
            "london",
            "paris",
        }
        london.address = "Elsewhere Road 3"
        london.save()
        for url in (self.OFFICES, london.get_absolute_url()):
            html = client.get(url).text
            assert "Elsewhere Road 3" in html and "Somewhere Street 1" not in html
        assert "Rue Quelque 2" in client.get(paris.get_absolute_url()).text
        # its name, in the index and its heading (both kept too)
        london.name_en = "CLAIR Londres"
        london.save()
        tree = page(client.get(self.OFFICES))
        assert "CLAIR Londres" in tree.find("nav", class_="office-index").text
        assert "CLAIR Londres" in tree.find("h2", id_="office-london-title").text

    def test_the_offices_kept_sections_are_read_in_one_round_trip_each_in_its_place(
        self, client, cache_calls
    ):
        addresses = {"london": "Somewhere Street 1", "paris": "Rue Quelque 2",
                     "seoul": "Jongno-gu 3"}  # fmt: skip
        for slug, address in addresses.items():
            make_office(slug=slug, address=address, city=slug.title())
        client.get(self.OFFICES)  # kept
        asked = cache_calls()
        tree = page(client.get(self.OFFICES))
        sections = [(method, key) for method, key in asked if "_office_section" in str(key)]
        # each office's section, in the one read; nothing read of its parts
        assert [method for method, _ in sections] == ["get_many"]
        assert len(sections[0][1]) == 3
        parts = ("_office_facts", "_departments", "_office.html")
        assert not [key for _, key in asked if any(part in str(key) for part in parts)]
        for slug, address in addresses.items():
            section = tree.find("section", id_=f"office-{slug}")
            assert address in section.text
            assert all(other not in section.text for other in set(addresses.values()) - {address})
            assert section.find("time")  # its local time, filled in on this request

    def test_an_association_s_kept_sections_are_read_in_one_round_trip(
        self, client, places, cache_calls
    ):
        url = places["hice"].get_absolute_url()
        first = client.get(url).text
        asked = cache_calls()
        assert client.get(url).text == first
        sections = [(method, keys) for method, keys in asked if "fragment:" in str(keys)]
        assert [method for method, _ in sections] == ["get_many"]
        assert len(sections[0][1]) == 3
        assert "SAIR" in first  # a neighbour: the sections are there, not only read

    def test_the_offices_are_kept_and_one_added_or_removed_shows_at_once(self, client):
        make_office(slug="london", name_en="CLAIR London")
        first, saved = twice(client, self.OFFICES)
        # the offices and their departments
        assert saved == 2 and "CLAIR London" in first
        seoul = make_office(slug="seoul", name_en="CLAIR Seoul", city="Seoul", country="KR",
                            time_zone="Asia/Seoul")  # fmt: skip
        assert "CLAIR Seoul" in client.get(self.OFFICES).text
        seoul.delete()
        assert "CLAIR Seoul" not in client.get(self.OFFICES).text

    def test_an_association_s_places_and_neighbours_are_kept_and_an_edit_shows_at_once(
        self, client, places
    ):
        hice = places["hice"]
        make_municipality(name_en="Naka Ward", name_romaji="Naka-ku", name_ja="中区",
                          kind="designated_city", prefecture=places["shizuoka"],
                          designated_city=places["hamamatsu"])  # fmt: skip
        url = hice.get_absolute_url()
        first, saved = twice(client, url)
        # neither the places it serves nor the other associations of its prefecture again,
        # nor the record itself (with its languages, services, sources, places and desks:
        # none has places or desks to ask the hours of): 6 queries
        assert saved == 2 + 6
        assert "Naka Ward" in first and "SAIR" in first
        other = client.get(places["sair"].get_absolute_url()).text
        assert "Naka Ward" not in other and ">HICE<" in other
        places["sair"].name_en = "Shizuoka Association"
        places["sair"].save()
        assert "Shizuoka Association" in client.get(url).text


class TestKeptRecord:
    """An association's page keeps the record and all it lists (places, desks, hours,
    languages, sources, links) for the directory's version; the page is rendered on every
    request, and any edit of any of them shows on the next."""

    @pytest.fixture
    def hice(self, places):
        from associations.models import DeskHours, OpeningHours

        from .conftest import make_desk, make_location

        hice = places["hice"]
        location = make_location(hice, name="Hamamatsu Plaza", address_en="Asahi-cho 1")
        OpeningHours.objects.create(location=location, weekday=0, opens="09:00", closes="17:00")
        desk = make_desk(hice, name="Consultation desk", phone="053-111-2222")
        hours = DeskHours.objects.create(desk=desk, weekday=1, opens="10:00", closes="16:00")
        hours.languages.set([make_language("pt", name_en="Portuguese")])
        return hice

    def test_a_kept_record_renders_the_same_page_with_no_query(self, client, hice):
        url = hice.get_absolute_url()
        with CaptureQueriesContext(connection) as rendered:
            first = client.get(url).text
        with CaptureQueriesContext(connection) as kept:
            assert client.get(url).text == first
        assert len(rendered) >= 10 and len(kept) == 0
        for shown in ("Hamamatsu Plaza", "0531-11-2222", "Portuguese", "Opens Tuesday 10:00"):
            assert shown in first

    @pytest.mark.parametrize(
        "edit, shown, gone",
        [
            (
                lambda hice: _saved(hice.desks.get(), phone="053-999-0000"),
                "0539-99-0000",
                "0531-11-2222",
            ),
            (
                lambda hice: hice.locations.get().opening_hours.get().delete(),
                None,
                "09:00",
            ),
            (
                lambda hice: hice.desks.get().hours.get().languages.clear(),
                None,
                "Portuguese",
            ),
            (
                lambda hice: _saved(hice.desks.get().hours.get(), opens="11:30"),
                "Opens Tuesday 11:30",
                "Opens Tuesday 10:00",
            ),
            (
                lambda hice: _saved(hice.locations.get(), name="Hamamatsu Hall"),
                "Hamamatsu Hall",
                "Hamamatsu Plaza",
            ),
            (
                lambda hice: _saved(hice.sources.first(), title="A newer register"),
                "A newer register",
                None,
            ),
        ],
        ids=["desk", "place-hours", "languages", "desk-hours", "place", "source"],
    )
    def test_an_edit_shows_on_the_next_request(self, client, hice, edit, shown, gone):
        url = hice.get_absolute_url()
        before = client.get(url).text
        assert gone is None or gone in before
        assert shown is None or shown not in before
        edit(hice)
        after = client.get(url).text
        assert shown is None or shown in after
        assert gone is None or gone not in after

    def test_an_unknown_address_is_not_found_every_time(self, client, hice):
        url = reverse("associations:detail", kwargs={"slug": "no-such-association"})
        assert client.get(url).status_code == 404
        assert client.get(url).status_code == 404
        make_association(slug="no-such-association", name_en="Found Later")
        assert "Found Later" in client.get(url).text

    def test_each_language_renders_the_kept_record_in_its_own_words(self, client, hice):
        english = client.get(hice.get_absolute_url()).text
        with translation.override("ja"):
            japanese = client.get(hice.get_absolute_url()).text
        assert 'lang="ja"' in japanese and japanese != english
        assert "0531-11-2222" in japanese


def test_a_place_with_its_wards_and_centres_is_kept_and_an_edit_shows_at_once(client, places):
    from .conftest import make_centre

    shizuoka = places["shizuoka"]
    city = make_municipality(name_en="Hamamatsu City", name_romaji="Hamamatsu-shi",
                             name_ja="浜松市", kind="designated_city", prefecture=shizuoka,
                             designated_city=places["hamamatsu"])  # fmt: skip
    ward = make_municipality(name_en="Naka Ward", name_romaji="Naka-ku", name_ja="中区",
                             kind="ward", parent=city, prefecture=shizuoka,
                             designated_city=places["hamamatsu"])  # fmt: skip
    centre = make_centre(prefecture=shizuoka, name_ja="静岡県多文化共生総合相談センター")
    url = city.get_absolute_url()
    first, saved = twice(client, url)
    # the place, its wards, its one-stop centres and their sources; who serves it (the
    # staff links, then the associations); the cards' rows and languages (the cards are
    # kept): all of it.
    assert saved == 4 + 2 + 2
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert len(warm) == 0
    assert "Naka Ward" in first and "静岡県多文化共生総合相談センター" in first
    assert "HICE" in first and "The association of all of Hamamatsu City" in first
    for record, values, shown in (
        (centre, {"name_ja": "かめりあ"}, "かめりあ"),
        (ward, {"name_en": "Central Ward"}, "Central Ward"),
        (city, {"name_kana": "ハママツシ"}, "ハママツシ"),
    ):
        _saved(record, **values)
        assert shown in client.get(url).text
    # who serves it: a new local association, and one linked by staff, at once and with
    # the reason each is listed; then one taken away
    local = make_association(name_en="Hamamatsu Local Friends", tier="municipal",
                             mic_recognised=False, prefecture=shizuoka,
                             municipality=city)  # fmt: skip
    assert "Hamamatsu Local Friends" in client.get(url).text
    assert "A local association of Hamamatsu City" in client.get(url).text
    elsewhere = make_association(name_en="Aichi Friends", prefecture=places["aichi"])
    ward_page = ward.get_absolute_url()
    assert "Aichi Friends" not in client.get(ward_page).text
    elsewhere.also_serves.add(ward)
    assert "Aichi Friends" in client.get(ward_page).text
    assert "Aichi Friends" not in client.get(url).text  # linked to the ward, not its city
    local.delete()
    assert "Hamamatsu Local Friends" not in client.get(url).text
    assert (
        client.get(reverse("associations:place", kwargs={"key": "no-such-place"})).status_code
        == 404
    )


def test_a_prefecture_s_sources_and_centres_are_kept_and_an_edit_shows_at_once(client, places):
    from .conftest import make_centre, make_source

    shizuoka = places["shizuoka"]
    shizuoka.sources.add(make_source(title="Prefectural register"))
    centre = make_centre(prefecture=shizuoka, name_ja="静岡県多文化共生総合相談センター")
    url = shizuoka.get_absolute_url()
    first, saved = twice(client, url)
    assert "Prefectural register" in first and "静岡県多文化共生総合相談センター" in first
    # the prefecture, its sources, its centres and theirs; its cities and municipalities;
    # how many associations it has and which are on this page; the cards' rows, languages
    # and services: all of it.
    assert saved == 4 + 2 + 2 + 3
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert len(warm) == 0
    _saved(centre, name_ja="かめりあ")
    assert "かめりあ" in client.get(url).text
    shizuoka.sources.add(make_source(title="A second register"))
    assert "A second register" in client.get(url).text
    # its associations and their count: one added, then one moved away, show at once
    assert "HICE" in first and "SAIR" in first
    make_association(name_en="Numazu Friends", prefecture=shizuoka)
    assert "Numazu Friends" in client.get(url).text
    _saved(places["hice"], prefecture=places["aichi"])
    assert "HICE" not in client.get(url).text
    assert "HICE" in client.get(places["aichi"].get_absolute_url()).text
    missing = reverse("associations:prefecture", kwargs={"slug": "atlantis"})
    assert client.get(missing).status_code == 404


def test_a_city_with_its_places_is_kept_and_an_edit_shows_at_once(client, places):
    hamamatsu = places["hamamatsu"]
    city = make_municipality(name_en="Hamamatsu City", name_romaji="Hamamatsu-shi",
                             name_ja="浜松市", kind="designated_city",
                             prefecture=places["shizuoka"], designated_city=hamamatsu)  # fmt: skip
    url = hamamatsu.get_absolute_url()
    first, saved = twice(client, url)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert len(warm) == 0 and saved >= 3
    assert "Hamamatsu City" in first and "Naka Ward" not in first
    make_municipality(name_en="Naka Ward", name_romaji="Naka-ku", name_ja="中区", kind="ward",
                      parent=city, prefecture=places["shizuoka"],
                      designated_city=hamamatsu)  # fmt: skip
    assert "Naka Ward" in client.get(url).text
    assert client.get(reverse("associations:city", kwargs={"slug": "atlantis"})).status_code == 404


def test_each_page_of_a_prefecture_keeps_its_own_associations(client, places):
    shizuoka = places["shizuoka"]
    for number in range(1, 22):
        make_association(name_en=f"Extra {number:02}", prefecture=shizuoka)
    url = shizuoka.get_absolute_url()

    def names(query: str = "") -> list[str]:
        cards = page(client.get(url + query)).find_all("li", class_="card")
        return [card.find("h3").text for card in cards]

    for _ in range(2):  # then again, from what is kept
        first, second = names(), names("?page=2")
        assert len(first) == 20 and len(second) == 3
        assert set(first) | set(second) == {"HICE", "SAIR"} | {
            f"Extra {number:02}" for number in range(1, 22)
        }
    assert names("?page=99") == second  # the last page, as Django's paginator gives it
    # another prefecture's count and pages are its own
    make_association(name_en="Aichi Friends", prefecture=places["aichi"])
    aichi = client.get(places["aichi"].get_absolute_url()).text
    assert "Aichi Friends" in aichi and "page=2" not in aichi
    assert "page=2" in client.get(url).text


@pytest.mark.django_db
class TestKeptRecordPages:
    """Pages made only of directory records (the JET Programme, the sources, the help
    lines) keep them rendered: their loops over every record took 12 to 65 ms."""

    def test_the_jet_page_s_records_are_kept_and_an_edit_shows_at_once(self, client):
        from .conftest import make_jet_partner, make_jet_role, make_programme_fact

        make_jet_role()
        partner = make_jet_partner(acronym="MIC")
        fact = make_programme_fact(label="Participants", value="5,000")
        url = reverse("associations:jet")
        first, saved = twice(client, url)
        # the roles and their sources, the partners, the figures and their sources
        assert saved == 5
        assert "Coordinator for International Relations" in first and "5,000" in first
        _saved(fact, value="5,831")
        _saved(partner, acronym="MOFA")
        html = client.get(url).text
        assert "5,831" in html and "5,000" not in html and "MOFA" in html
        with translation.override("ja"):
            japanese = client.get(reverse("associations:jet")).text
            roles = translation.gettext("The three roles")
        # the kept section in the reader's language, not the one kept first
        assert "5,831" in japanese and roles in japanese and roles != "The three roles"

    def test_the_sources_are_kept_and_an_edit_shows_at_once(self, client):
        from .conftest import make_source

        source = make_source(title="Register of associations", publisher="CLAIR")
        url = reverse("associations:sources")
        first, saved = twice(client, url)
        assert saved == 1 and "Register of associations" in first
        _saved(source, title="Register of international associations")
        assert "Register of international associations" in client.get(url).text
        make_source(title="A second register")
        assert "A second register" in client.get(url).text

    def test_the_help_lines_are_kept_and_an_edit_shows_at_once(self, client):
        from .conftest import make_help_line

        line = make_help_line(name_en="Foreign Residents Support Center", number="0120-76-2029")
        url = reverse("associations:help_lines")
        first, saved = twice(client, url)
        # the lines, their languages and their sources
        assert saved == 3 and "0120-76-2029" in first
        _saved(line, number="0120-76-2030")
        assert "0120-76-2030" in client.get(url).text


@pytest.mark.django_db
class TestKeptPlaceLists:
    """The lists of prefectures, designated cities and a block's prefectures, with their
    counts of associations, are kept rendered; an association added counts at once."""

    @staticmethod
    def _item(client, url: str, href: str, tag: str):
        """The list item (or table row) that links to `href`."""
        link = page(client.get(url)).find("a", href=href)
        while link.tag != tag:
            link = link.parent
        return link

    def test_the_prefectures(self, client, places):
        url, shizuoka = reverse("associations:prefectures"), places["shizuoka"]
        first, saved = twice(client, url)
        # the counts, the prefectures with their blocks and cities, the blocks
        assert saved == 4
        assert self._item(client, url, shizuoka.get_absolute_url(), "li").text.endswith("(2)")
        make_association(name_en="Numazu Friends", prefecture=shizuoka)
        assert self._item(client, url, shizuoka.get_absolute_url(), "li").text.endswith("(3)")

    def test_the_designated_cities(self, client, places):
        url, hamamatsu = reverse("associations:cities"), places["hamamatsu"]
        first, saved = twice(client, url)
        assert saved == 1

        def count() -> int:
            row = self._item(client, url, hamamatsu.get_absolute_url(), "tr")
            return int(row.find_all("td")[-1].text)

        before = count()
        make_association(name_en="Hamamatsu Two", prefecture=places["shizuoka"],
                         designated_city=hamamatsu, tier="designated_city")  # fmt: skip
        assert count() == before + 1

    def test_a_block_s_prefectures(self, client, places):
        shizuoka = places["shizuoka"]
        url = shizuoka.block.get_absolute_url()
        first, saved = twice(client, url)
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        # the counts, the prefectures with their blocks and cities; the block is read each time
        assert saved == 3 and len(warm) == 1
        card = self._item(client, url, shizuoka.get_absolute_url(), "li")
        assert "2 associations" in card.text
        make_association(name_en="Numazu Friends", prefecture=shizuoka)
        card = self._item(client, url, shizuoka.get_absolute_url(), "li")
        assert "3 associations" in card.text


def _saved(record, **values):
    for name, value in values.items():
        setattr(record, name, value)
    record.save()


def test_a_listing_whose_row_is_deleted_while_it_renders_shows_the_others(places):
    # The page's keys are read, then an editor deletes one association before its card is
    # fetched whole: the listing shows the rest (a 500 otherwise).
    from django.template import Context, Template

    from associations.fragments import card_rows
    from associations.models import Association

    rows = card_rows(Association.objects.filter(prefecture=places["shizuoka"]).order_by("slug"))
    assert len(rows) == 2
    places["hice"].delete()
    html = Template("{% load cards %}{% association_cards rows %}").render(Context({"rows": rows}))
    assert "SAIR" in html and "HICE" not in html
    assert [row.name_en for row in rows] == ["SAIR"]
