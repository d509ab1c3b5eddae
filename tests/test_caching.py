"""The page cache: whose request may fill it, what its keys are made of, who is served from
it, and that the site keeps serving when Redis cannot be reached."""

import logging
import re
import warnings
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from associations import caching
from associations.views import REPORTS_PER_HOUR

from .conftest import change_form_data, make_language, make_service, redis_cache_settings

pytestmark = pytest.mark.django_db

LISTING = reverse("associations:list")
# A port where nothing listens: every cache operation fails at once.
UNREACHABLE = "redis://127.0.0.1:1/0"


def hosts_in(html: str) -> set[str]:
    return set(re.findall(r"https?://(?:directory|mirror|evil)\.example", html))


@pytest.fixture
def two_hosts(settings):
    settings.ALLOWED_HOSTS = ["directory.example", "mirror.example"]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache_settings(UNREACHABLE)


def cache_warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "associations.caching"]


class PagesUnreadable(LocMemCache):
    """A cache that fails as Redis does when it goes away between two calls of a request:
    the directory's version is read, the page is not."""

    def get(self, key, default=None, version=None):
        if key.startswith("page:"):
            raise RedisConnectionError("Connection reset by peer")
        return super().get(key, default, version)


class PagesUnwritable(LocMemCache):
    def set(self, key, value, timeout=None, version=None):
        if key.startswith("page:"):
            raise RedisConnectionError("Connection reset by peer")
        return super().set(key, value, timeout, version)


class TestHosts:
    def test_a_host_outside_allowed_hosts_is_a_400_and_stores_nothing(
        self, places, two_hosts, redis_cache, settings
    ):
        url = places["sair"].get_absolute_url()
        anyone = Client(raise_request_exception=False)
        assert anyone.get(url, HTTP_HOST="evil.example").status_code == 400
        assert redis_cache.keys() == []
        assert anyone.get(url, HTTP_HOST="directory.example")["X-Cache"] == "miss"
        stored = redis_cache.keys()
        assert anyone.get(url, HTTP_HOST="evil.example").status_code == 400
        # Behind a proxy the host comes from X-Forwarded-Host, and is checked the same way.
        settings.USE_X_FORWARDED_HOST = True
        response = anyone.get(
            url, HTTP_HOST="directory.example", HTTP_X_FORWARDED_HOST="evil.example"
        )
        assert response.status_code == 400
        assert redis_cache.keys() == stored

    def test_hosts_and_schemes_never_share_a_page(self, client, places, two_hosts):
        url = places["sair"].get_absolute_url()
        origins = [
            ("directory.example", False),
            ("mirror.example", False),
            ("mirror.example", True),
        ]
        for expected in ("miss", "hit"):
            for host, secure in origins:
                response = client.get(url, HTTP_HOST=host, secure=secure)
                assert response["X-Cache"] == expected, (host, secure)
                # canonical, hreflang and JSON-LD all name this request's own origin
                scheme = "https" if secure else "http"
                assert hosts_in(response.text) == {f"{scheme}://{host}"}
                assert f'"mainEntityOfPage": "{scheme}://{host}{url}"' in response.text


class TestKeys:
    def test_parameters_a_page_does_not_use_share_its_entry_and_never_show(self, client, places):
        first = client.get(LISTING, {"block": "tokai-hokuriku", "utm_source": "mail"})
        assert first["X-Cache"] == "miss"
        second = client.get(
            LISTING + "?fbclid=1&block=tokai-hokuriku&utm_source=ad&block=tokai-hokuriku"
        )
        assert second["X-Cache"] == "hit"
        for response in (first, second):
            assert "utm_source" not in response.text and "fbclid" not in response.text
            # the language, download and filter links keep the parameter the page uses
            assert "?block=tokai-hokuriku" in response.text
        detail = places["sair"].get_absolute_url()
        assert client.get(detail)["X-Cache"] == "miss"
        response = client.get(detail, {"page": "3", "q": "x"})
        assert response["X-Cache"] == "hit"
        assert "page=3" not in response.text and "q=x" not in response.text

    def test_parameters_a_page_uses_have_entries_of_their_own(self, client, places):
        assert client.get(LISTING)["X-Cache"] == "miss"
        aichi = client.get(LISTING, {"prefecture": "aichi"})
        assert aichi["X-Cache"] == "miss"
        assert "AIA" in aichi.text and "SAIR" not in aichi.text
        assert client.get(LISTING, {"prefecture": "aichi", "sort": "prefecture"})["X-Cache"] == (
            "miss"
        )
        assert client.get(LISTING, {"q": "SAIR"})["X-Cache"] == "miss"
        # Neither the order nor the repetition of values makes another page.
        assert client.get(LISTING + "?tier=prefectural&block=tokai-hokuriku")["X-Cache"] == "miss"
        again = client.get(LISTING + "?block=tokai-hokuriku&tier=prefectural&tier=prefectural")
        assert again["X-Cache"] == "hit"

    def test_pages_that_cannot_be_shown_as_asked_are_not_kept(self, client, places):
        prefecture = places["shizuoka"].get_absolute_url()
        for url, query in [
            (LISTING, {"block": "nowhere"}),
            (LISTING, {"sort": "bogus"}),
            (LISTING, {"q": "x" * 5000}),
            (LISTING, {"page": "99"}),
            (prefecture, {"page": "99"}),
            (prefecture, {"page": "two"}),
        ]:
            assert client.get(url, query).status_code == 200
            assert client.get(url, query).get("X-Cache") is None, (url, query)
        assert client.get(prefecture, {"page": "1"})["X-Cache"] == "miss"

    def test_a_page_larger_than_the_limit_is_served_and_not_kept(self, client, places, settings):
        settings.PAGE_CACHE_MAX_BYTES = 1000
        url = places["sair"].get_absolute_url()
        assert client.get(url).status_code == 200
        response = client.get(url)
        assert response.status_code == 200 and "X-Cache" not in response


class TestInvalidation:
    def test_a_change_of_services_or_languages_shows_at_once(self, client, places):
        service = make_service("legal", name_en="Legal advice")
        language = make_language("ne", name_en="Nepali", name_native="नेपाली")
        detail = places["sair"].get_absolute_url()
        by_service, by_language = LISTING + "?service=legal", LISTING + "?language=ne"
        for url in (by_service, by_language, detail):
            client.get(url)
            assert client.get(url)["X-Cache"] == "hit"
        assert "SAIR" not in client.get(by_service).text
        assert "Legal advice" not in client.get(detail).text
        places["sair"].services.add(service)
        response = client.get(by_service)
        assert response["X-Cache"] == "miss" and "SAIR" in response.text
        assert "Legal advice" in client.get(detail).text
        places["sair"].languages.add(language)
        response = client.get(by_language)
        assert response["X-Cache"] == "miss" and "SAIR" in response.text
        assert "Nepali" in client.get(detail).text
        places["sair"].languages.clear()
        assert "Nepali" not in client.get(detail).text


class VersionReadsCounted(LocMemCache):
    reads = 0

    def get(self, key, default=None, version=None):
        if key == caching.VERSION_KEY:
            type(self).reads += 1
        return super().get(key, default, version)


class TestTheVersionOfARequest:
    """The directory's version is read once a request (one Redis round trip, however many
    fragments the page keeps), and afresh on the next."""

    @pytest.fixture
    def counted(self, settings):
        from django.core.cache import cache

        settings.CACHES = {"default": {"BACKEND": f"{__name__}.VersionReadsCounted"}}
        settings.PAGE_CACHE_SECONDS = 0
        cache.clear()
        VersionReadsCounted.reads = 0
        return VersionReadsCounted

    def test_a_page_of_many_fragments_reads_it_once(self, client, places, counted):
        client.get(LISTING)
        counted.reads = 0
        assert client.get(LISTING, {"block": "chubu"}).status_code == 200
        assert counted.reads == 1

    def test_an_edit_by_another_process_shows_on_the_next_request(self, client, places, counted):
        from django.core.cache import cache

        assert "SAIR" in client.get(LISTING).text
        # Another process's edit: the row changes, and the version in the shared cache.
        type(places["sair"]).objects.filter(pk=places["sair"].pk).update(name_en="SIRA")
        cache.incr(caching.VERSION_KEY)
        html = client.get(LISTING).text
        assert "SIRA" in html and "SAIR" not in html

    def test_outside_a_request_it_is_read_on_every_call(self, places, counted):
        from django.core.cache import cache

        # a management command or a shell, which no request_finished will ever reset
        before = caching.directory_version()
        cache.incr(caching.VERSION_KEY)
        assert caching.directory_version() == before + 1

    def test_an_edit_within_a_request_is_not_hidden_by_the_version_it_read(self, places, counted):
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        # A request's signals, as Django's test client sends them: without closing the
        # test's database connection (PostgreSQL would have it closed mid-test).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        request_started.send(sender=None)
        try:
            before = caching.directory_version()
            places["sair"].save()
            assert caching.directory_version() != before
        finally:
            request_finished.send(sender=None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


class TestWhoIsServedFromTheCache:
    def test_cache_hits_carry_the_security_headers(self, client, places):
        url = places["sair"].get_absolute_url()
        client.get(url)
        hit = client.get(url)
        assert hit["X-Cache"] == "hit"
        assert hit["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
        assert hit["X-Content-Type-Options"] == "nosniff"
        assert hit["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert hit["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in hit["Permissions-Policy"]
        assert hit["Content-Type"] == "text/html; charset=utf-8"

    def test_a_made_up_session_cookie_is_served_from_the_cache(
        self, client, places, settings, django_assert_num_queries
    ):
        url = places["sair"].get_absolute_url()
        client.cookies[settings.SESSION_COOKIE_NAME] = "madeup" * 6
        assert client.get(url)["X-Cache"] == "miss"
        # the session, which does not exist
        with django_assert_num_queries(1):
            response = client.get(url)
        assert response["X-Cache"] == "hit"
        assert "public" in response["Cache-Control"]
        client.cookies.clear()
        with django_assert_num_queries(0):
            assert client.get(url)["X-Cache"] == "hit"

    def test_a_session_without_a_signed_in_user_is_served_from_the_cache(
        self, client, places, settings
    ):
        url = places["sair"].get_absolute_url()
        client.get(url)
        session = SessionStore()
        session["seen"] = True
        session.create()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        assert client.get(url)["X-Cache"] == "hit"

    def test_signed_out_staff_are_served_from_the_cache(self, client, places, admin_user):
        url = places["sair"].get_absolute_url()
        client.get(url)
        client.force_login(admin_user)
        assert "X-Cache" not in client.get(url)
        client.logout()
        assert client.get(url)["X-Cache"] == "hit"


class TestRedisDown:
    """Redis unreachable: every page is served, uncached, and the failure is logged once."""

    PAGES = {
        "home": (reverse("associations:home"), 200),
        "listing": (LISTING + "?block=tokai-hokuriku&language=vi", 200),
        "prefectures": (reverse("associations:prefectures"), 200),
        "cities": (reverse("associations:cities"), 200),
        "offices": (reverse("associations:offices"), 200),
        "jet": (reverse("associations:jet"), 200),
        "sources": (reverse("associations:sources"), 200),
        "api": ("/api/associations/", 200),
        "admin login": (reverse("admin:login"), 200),
        "not found": ("/no-such-page/", 404),
    }

    def test_every_page_is_served_and_the_failure_logged_once(
        self, client, places, redis_down, caplog
    ):
        pages = {name: url for name, (url, _) in self.PAGES.items()}
        pages["detail"] = places["sair"].get_absolute_url()
        pages["prefecture"] = places["shizuoka"].get_absolute_url()
        pages["city"] = places["hamamatsu"].get_absolute_url()
        pages["block"] = places["shizuoka"].block.get_absolute_url()
        pages["report"] = reverse("associations:report", kwargs={"slug": "sair"})
        with caplog.at_level(logging.WARNING, logger="associations.caching"):
            for _ in range(2):
                for name, url in pages.items():
                    response = client.get(url)
                    assert response.status_code == self.PAGES.get(name, (url, 200))[1], name
                    assert "X-Cache" not in response, name
            # /healthz asks too, and always tries: still said once
            for _ in range(3):
                assert not caching.cache_available()
        warnings = cache_warnings(caplog)
        assert len(warnings) == 1
        assert "127.0.0.1:1" in warnings[0].getMessage()

    @pytest.mark.parametrize("backend", [PagesUnreadable, PagesUnwritable])
    def test_a_cache_lost_within_a_request_is_no_error(
        self, client, places, settings, backend, caplog
    ):
        settings.CACHES = {"default": {"BACKEND": f"{__name__}.{backend.__name__}"}}
        url = places["sair"].get_absolute_url()
        with caplog.at_level(logging.WARNING, logger="associations.caching"):
            for _ in range(2):
                response = client.get(url)
                assert response.status_code == 200 and "X-Cache" not in response
        assert len(cache_warnings(caplog)) == 1

    def test_the_cache_is_tried_again_after_the_interval(
        self, client, places, redis_down, settings, caplog
    ):
        settings.CACHE_RETRY_SECONDS = 0
        with caplog.at_level(logging.WARNING, logger="associations.caching"):
            for _ in range(3):
                assert client.get(reverse("associations:home")).status_code == 200
        assert len(cache_warnings(caplog)) >= 3

    def test_staff_sign_in_and_edit_while_redis_is_down(self, client, places, redis_down):
        from django.contrib.auth.models import User

        User.objects.create_superuser("admin", "admin@example.org", "correct horse battery")
        response = client.post(
            reverse("admin:login"),
            {"username": "admin", "password": "correct horse battery", "next": "/admin/"},
        )
        assert response.status_code == 302
        change = reverse("admin:associations_association_change", args=[places["sair"].pk])
        form = client.get(change)
        assert form.status_code == 200
        data = change_form_data(client, places["sair"])
        data["email"] = "new@sair.example"
        assert client.post(change, data).status_code == 302
        client.logout()
        assert "new@sair.example" in client.get(places["sair"].get_absolute_url()).text

    def test_filter_names_are_read_afresh_while_redis_is_down(self, client, places, redis_down):
        language = make_language("ne", name_native="नेपाली")
        assert "नेपाली" in client.get(LISTING).text
        language.name_native = "नेपाली (renamed)"
        language.save()
        assert "नेपाली (renamed)" in client.get(LISTING).text

    def test_reports_are_taken_and_still_rate_limited(self, client, places, redis_down):
        url = reverse("associations:report", kwargs={"slug": "sair"})
        data = {"topic": "phone", "detail": "The number has changed.", "email": "me@example.org"}
        statuses = [client.post(url, data).status_code for _ in range(REPORTS_PER_HOUR + 1)]
        assert statuses == [302] * REPORTS_PER_HOUR + [429]

    def test_an_edit_while_redis_is_down_shows_when_it_is_back(
        self, client, places, redis_cache, settings
    ):
        url = places["sair"].get_absolute_url()
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
        settings.CACHES = redis_cache_settings(UNREACHABLE)
        places["sair"].name_en = "SAIR, renamed"
        places["sair"].save()
        assert "SAIR, renamed" in client.get(url).text
        settings.CACHES = redis_cache_settings()
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "SAIR, renamed" in response.text

    def test_cache_available_says_whether_the_cache_answers(self, settings, redis_cache):
        assert caching.cache_available()
        settings.CACHES = redis_cache_settings(UNREACHABLE)
        assert not caching.cache_available()


def test_the_redis_cache_keeps_one_client_and_serves_every_call_through_it(
    client, places, redis_cache
):
    """The project's Redis backend (clair_directory/redis_cache.py) makes its Redis client
    once, not once a call, and a page read through it is the same page."""
    import redis
    from django.core.cache import cache

    made = []
    original = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    url = places["hice"].get_absolute_url()
    first = client.get(url).text
    with mock.patch.object(redis.Redis, "__init__", counted):
        cache.set_many({"one": 1, "two": 2})
        assert cache.get_many(["one", "two", "three"]) == {"one": 1, "two": 2}
        assert cache.get("one") == 1 and cache.delete("one") and cache.get("one") is None
        assert client.get(url).text == first
    assert made == []
    stored = redis_cache.keys()
    assert any(key.endswith(":two") for key in stored)


class TestRelease:
    """What is kept by directory version is kept by release too: a deploy (or a rollback)
    that changes the code or the templates never reads what the other release kept."""

    @pytest.fixture
    def tree(self, tmp_path, settings):
        from associations.caching import release

        for name, text in {
            "associations/views.py": "def view(): ...",
            "templates/page.html": "<p>{{ name }}</p>",
            "locale/ja/LC_MESSAGES/django.po": 'msgid "Name"\nmsgstr "名前"',
        }.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        settings.BASE_DIR = tmp_path
        release.cache_clear()
        yield tmp_path
        release.cache_clear()

    @pytest.mark.parametrize(
        "name", ["associations/views.py", "templates/page.html", "locale/ja/LC_MESSAGES/django.po"]
    )
    def test_a_change_to_the_code_a_template_or_a_translation_is_another_release(self, tree, name):
        from associations.caching import release

        before = release()
        (tree / name).write_text((tree / name).read_text() + "\n<!-- changed -->")
        release.cache_clear()
        assert release() != before

    def test_bytecode_and_other_files_are_not(self, tree):
        from associations.caching import release

        before = release()
        (tree / "associations/__pycache__").mkdir()
        (tree / "associations/__pycache__/views.cpython-311.pyc").write_bytes(b"\x00compiled")
        (tree / "templates/notes.md").write_text("not a template")
        release.cache_clear()
        assert release() == before

    def test_a_page_kept_by_another_release_is_computed_again(
        self, client, places, settings, monkeypatch
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from associations import caching

        settings.PAGE_CACHE_SECONDS = 0
        url = places["hice"].get_absolute_url()
        monkeypatch.setattr(caching, "release", lambda: "release-a")
        page = client.get(url).text
        with CaptureQueriesContext(connection) as same_release:
            assert client.get(url).text == page
        monkeypatch.setattr(caching, "release", lambda: "release-b")
        with CaptureQueriesContext(connection) as next_release:
            assert client.get(url).text == page
        assert len(same_release) == 0 and len(next_release) > 0

    def test_a_whole_page_kept_by_another_release_is_rendered_again(
        self, client, places, settings, monkeypatch
    ):
        """The page cache too: a page the release before rendered names its stylesheet by
        that release's hash, which the new release's containers do not serve."""
        from associations import caching

        settings.PAGE_CACHE_SECONDS = 600
        url = places["hice"].get_absolute_url()
        monkeypatch.setattr(caching, "release", lambda: "release-a")
        assert client.get(url)["X-Cache"] == "miss"
        assert client.get(url)["X-Cache"] == "hit"
        monkeypatch.setattr(caching, "release", lambda: "release-b")
        assert client.get(url)["X-Cache"] == "miss"
        assert client.get(url)["X-Cache"] == "hit"


@pytest.mark.parametrize("name", ["associations:detail", "associations:place",
                                  "associations:prefecture"])  # fmt: skip
def test_a_very_long_address_is_not_found_without_a_key_too_long_to_keep(client, name):
    from django.core.cache.backends.base import CacheKeyWarning
    from django.urls import reverse

    kwarg = "key" if name == "associations:place" else "slug"
    url = reverse(name, kwargs={kwarg: "x" * 2000})
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        assert client.get(url).status_code == 404
        assert client.get(url).status_code == 404
