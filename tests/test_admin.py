"""The staff admin through its real URLs: roles, history, concurrent edits, lockout."""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations import roles
from associations.models import Association, Report, Sourced, StaleEdit

from .conftest import (
    change_form_data,
    make_association,
    make_associations,
    make_centre,
    make_department,
    make_desk,
    make_help_line,
    make_jet_partner,
    make_jet_role,
    make_language,
    make_location,
    make_office,
    make_programme_fact,
    make_report,
    make_service,
    make_social_link,
    posted_back,
    values_of,
)

pytestmark = pytest.mark.django_db


def admin_url(obj, view: str, *args) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def change_url(obj) -> str:
    return admin_url(obj, "change")


def form_data(client, association) -> dict:
    """What the admin's change form would post back, untouched (with its inlines)."""
    return change_form_data(client, association)


class TestSmoke:
    @pytest.mark.parametrize(
        "model",
        [
            "association", "staleassociation", "prefecture", "designatedcity", "block",
            "source", "service", "language", "clairoffice", "department", "jetrole",
            "jetpartner", "programmefact", "correction", "report", "helpline",
            "consultationcentre",
        ],
    )  # fmt: skip
    def test_every_changelist_and_search_works(self, admin_client, places, model):
        url = reverse(f"admin:associations_{model}_changelist")
        assert admin_client.get(url).status_code == 200
        assert admin_client.get(url, {"q": "浜松"}).status_code == 200

    def test_the_association_add_form(self, admin_client, places):
        response = admin_client.get(reverse("admin:associations_association_add"))
        assert response.status_code == 200
        assert "autocomplete" in response.text

    def test_the_admin_speaks_japanese(self, admin_client, places):
        response = admin_client.get("/ja/admin/associations/association/")
        assert response.status_code == 200
        assert "検索" in response.text


class TestHqEditor:
    def test_changes_any_association(self, client, hq_editor, places):
        client.force_login(hq_editor)
        data = form_data(client, places["aia"])
        data["phone"] = "052-961-7902"
        response = client.post(change_url(places["aia"]), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        places["aia"].refresh_from_db()
        assert places["aia"].phone.as_national == "052-961-7902"

    def test_gets_clear_messages_for_bad_values(self, client, hq_editor, places):
        client.force_login(hq_editor)
        data = form_data(client, places["hice"])
        data.update(phone="12", website="not a url", email="nope", postal_code="4300929")
        data["prefecture"] = str(places["aia"].prefecture_id)
        response = client.post(change_url(places["hice"]), data)
        errors = response.context["adminform"].form.errors
        assert set(errors) >= {"phone", "website", "email", "postal_code", "designated_city"}
        assert "123-4567" in errors["postal_code"][0]
        assert "lies in Shizuoka" in errors["designated_city"][0]

    def test_marks_records_verified_today(self, client, hq_editor, places):
        client.force_login(hq_editor)
        response = client.post(
            reverse("admin:associations_association_changelist"),
            {"action": "mark_verified_today", "_selected_action": [places["sair"].pk]},
        )
        assert response.status_code == 302
        places["sair"].refresh_from_db()
        assert places["sair"].last_verified == datetime.date.today()


class TestBranchEditor:
    def test_sees_only_their_records(self, client, branch_editor, places):
        client.force_login(branch_editor)
        response = client.get(reverse("admin:associations_association_changelist"))
        assert [a.slug for a in response.context["cl"].result_list] == ["sair"]

    @pytest.mark.parametrize("other", ["aia", "hice"])
    def test_is_refused_anothers_record_by_url(self, client, branch_editor, places, other):
        client.force_login(branch_editor)
        record = places[other]
        assert client.get(change_url(record)).status_code == 403
        history = reverse("admin:associations_association_history", args=[record.pk])
        assert client.get(history).status_code == 403

    def test_is_refused_anothers_record_by_post(self, client, branch_editor, hq_editor, places):
        client.force_login(hq_editor)
        data = form_data(client, places["aia"])
        client.force_login(branch_editor)
        data["name_en"] = "Taken over"
        assert client.post(change_url(places["aia"]), data).status_code == 403
        places["aia"].refresh_from_db()
        assert places["aia"].name_en == "AIA"

    def test_changes_their_own_record(self, client, branch_editor, places):
        client.force_login(branch_editor)
        data = form_data(client, places["sair"])
        data["email"] = "info@sair.example"
        assert client.post(change_url(places["sair"]), data).status_code == 302
        places["sair"].refresh_from_db()
        assert places["sair"].email == "info@sair.example"

    def new_municipal(self, places, **overrides) -> dict:
        data = {
            "name_en": "Iwata International Association",
            "slug": "iwata",
            "tier": "municipal",
            "municipality_en": "Iwata",
            "size_category": "medium",
            "prefecture": str(places["shizuoka"].pk),
            "sources": [str(places["sair"].sources.first().pk)],
            "as_of": "2026-11-01",
            # The empty inlines: locations, desks and social links.
            **{
                f"{prefix}-{field}": "0"
                for prefix in ("locations", "desks", "social_links")
                for field in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        }
        data.update(overrides)
        return data

    def test_adds_a_municipal_association_in_their_prefecture(self, client, branch_editor, places):
        client.force_login(branch_editor)
        response = client.post(
            reverse("admin:associations_association_add"), self.new_municipal(places)
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert Association.objects.get(slug="iwata").prefecture == places["shizuoka"]

    def test_cannot_add_in_another_prefecture(self, client, branch_editor, places):
        client.force_login(branch_editor)
        data = self.new_municipal(places, prefecture=str(places["aichi"].pk))
        response = client.post(reverse("admin:associations_association_add"), data)
        assert response.status_code == 200
        assert "prefecture" in response.context["adminform"].form.errors
        assert not Association.objects.filter(slug="iwata").exists()

    def test_cannot_add_a_prefectural_association(self, client, branch_editor, places):
        client.force_login(branch_editor)
        data = self.new_municipal(places, tier="prefectural", size_category="")
        response = client.post(reverse("admin:associations_association_add"), data)
        assert "tier" in response.context["adminform"].form.errors
        assert not Association.objects.filter(slug="iwata").exists()

    def test_cannot_import(self, client, branch_editor, places):
        client.force_login(branch_editor)
        assert client.get(reverse("admin:associations_association_import")).status_code == 403

    def test_sees_only_reports_on_their_records(self, client, branch_editor, places):
        Report.objects.create(association=places["sair"], topic="phone", detail="old number")
        Report.objects.create(association=places["aia"], topic="phone", detail="old number")
        client.force_login(branch_editor)
        response = client.get(reverse("admin:associations_report_changelist"))
        assert [r.association.slug for r in response.context["cl"].result_list] == ["sair"]

    def test_sees_their_stale_records(self, client, branch_editor, places):
        Association.objects.filter(slug="sair").update(last_verified=datetime.date.today())
        make_association(
            slug="old", prefecture=places["shizuoka"], last_verified=datetime.date(2020, 1, 1)
        )
        client.force_login(branch_editor)
        response = client.get(reverse("admin:associations_staleassociation_changelist"))
        assert [a.slug for a in response.context["cl"].result_list] == ["old"]


class TestViewer:
    def test_reads_but_cannot_change(self, client, viewer, hq_editor, places):
        client.force_login(hq_editor)
        data = form_data(client, places["sair"])
        client.force_login(viewer)
        assert client.get(change_url(places["sair"])).status_code == 200
        data["name_en"] = "Changed"
        assert client.post(change_url(places["sair"]), data).status_code == 403
        places["sair"].refresh_from_db()
        assert places["sair"].name_en == "SAIR"
        assert client.get(reverse("admin:associations_association_add")).status_code == 403


class TestHistory:
    def test_every_change_is_recorded_and_can_be_reverted(self, client, hq_editor, places):
        client.force_login(hq_editor)
        sair = places["sair"]
        for phone in ("054-202-3411", "054-202-9999"):
            data = form_data(client, sair)
            data["phone"] = phone
            assert client.post(change_url(sair), data).status_code == 302
        history = sair.history.order_by("history_date")
        assert [str(h.phone) for h in history][-2:] == ["+81542023411", "+81542029999"]
        assert history.last().history_user == hq_editor

        page = client.get(reverse("admin:associations_association_history", args=[sair.pk]))
        assert page.status_code == 200
        first_edit = history[len(history) - 2]
        revert_url = reverse(
            "admin:associations_association_simple_history", args=[sair.pk, first_edit.history_id]
        )
        form = client.get(revert_url).context["adminform"].form
        data = form_data(client, sair)
        data["phone"] = form["phone"].value().as_national
        data["opened_version"] = form["opened_version"].value()
        assert client.post(revert_url, data).status_code == 302
        sair.refresh_from_db()
        assert sair.phone.as_national == "054-202-3411"

    def test_an_association_added_with_languages_has_one_record_holding_them(
        self, client, hq_editor, places
    ):
        client.force_login(hq_editor)
        vi, pt = make_language("vi"), make_language("pt")
        data = TestBranchEditor().new_municipal(
            places, languages=[str(vi.pk), str(pt.pk)], languages_known="on"
        )
        response = client.post(reverse("admin:associations_association_add"), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        iwata = Association.objects.get(slug="iwata")
        (created,) = iwata.history.all()
        assert (created.history_type, created.history_user) == ("+", hq_editor)
        assert {row.language.code for row in created.languages.all()} == {"vi", "pt"}

    def test_an_edit_of_its_languages_is_one_record_holding_the_languages_saved(
        self, client, hq_editor, places
    ):
        client.force_login(hq_editor)
        sair = places["sair"]
        before = sair.history.count()
        vi = make_language("vi")
        data = form_data(client, sair)
        data["languages"] = [str(vi.pk)]
        data["languages_known"] = "on"
        assert client.post(change_url(sair), data).status_code == 302
        assert sair.history.count() == before + 1
        edit = sair.history.first()
        assert (edit.history_type, edit.history_user) == ("~", hq_editor)
        assert [row.language.code for row in edit.languages.all()] == ["vi"]
        # The record before it keeps the links it had: none.
        assert not sair.history.all()[1].languages.exists()

    def test_a_revert_of_its_languages_is_one_record_holding_the_languages_restored(
        self, client, hq_editor, places
    ):
        client.force_login(hq_editor)
        sair = places["sair"]
        for language in (make_language("vi"), make_language("pt")):
            data = form_data(client, sair)
            data["languages"] = [str(language.pk)]
            data["languages_known"] = "on"
            assert client.post(change_url(sair), data).status_code == 302
        with_vi = sair.history.all()[1]
        revert_url = reverse(
            "admin:associations_association_simple_history", args=[sair.pk, with_vi.history_id]
        )
        form = client.get(revert_url).context["adminform"].form
        data = form_data(client, sair)
        data["languages"] = [str(pk) for pk in form["languages"].value()]
        data["opened_version"] = form["opened_version"].value()
        before = sair.history.count()
        assert client.post(revert_url, data).status_code == 302
        assert list(sair.languages.values_list("code", flat=True)) == ["vi"]
        assert sair.history.count() == before + 1
        reverted = sair.history.first()
        assert (reverted.history_type, reverted.history_user) == ("~", hq_editor)
        assert [row.language.code for row in reverted.languages.all()] == ["vi"]

    def test_a_viewer_sees_the_languages_a_past_version_had(
        self, client, hq_editor, viewer, places
    ):
        client.force_login(hq_editor)
        sair = places["sair"]
        vi, pt = make_language("vi"), make_language("pt")
        for language in (vi, pt):
            data = form_data(client, sair)
            data["languages"] = [str(language.pk)]
            data["languages_known"] = "on"
            assert client.post(change_url(sair), data).status_code == 302
        with_vi = sair.history.all()[1]
        client.force_login(viewer)
        url = reverse(
            "admin:associations_association_simple_history", args=[sair.pk, with_vi.history_id]
        )
        form = client.get(url).context["adminform"].form
        assert form["languages"].value() == [vi.pk]
        assert form.fields["languages"].disabled

    @pytest.mark.django_db(transaction=True)
    def test_a_revert_outside_a_test_transaction_saves(self, client, hq_editor, places):
        # As in production: each request in autocommit, so the revert makes its own
        # transaction for the form's row lock (PostgreSQL refuses the lock without one).
        client.force_login(hq_editor)
        sair = places["sair"]
        data = form_data(client, sair)
        data["email"] = "first@sair.example"
        assert client.post(change_url(sair), data).status_code == 302
        first = sair.history.order_by("-history_date").first()
        data = form_data(client, sair)
        data["email"] = "second@sair.example"
        assert client.post(change_url(sair), data).status_code == 302
        revert_url = reverse(
            "admin:associations_association_simple_history", args=[sair.pk, first.history_id]
        )
        form = client.get(revert_url).context["adminform"].form
        data = form_data(client, sair)
        data["email"] = form["email"].value()
        data["opened_version"] = form["opened_version"].value()
        assert client.post(revert_url, data).status_code == 302
        sair.refresh_from_db()
        assert sair.email == "first@sair.example"

    def test_a_viewer_cannot_revert(self, client, hq_editor, viewer, places):
        client.force_login(hq_editor)
        sair = places["sair"]
        data = form_data(client, sair)
        version = sair.history.first().history_id
        client.force_login(viewer)
        data["name_en"] = "Reverted by a viewer"
        url = reverse("admin:associations_association_simple_history", args=[sair.pk, version])
        assert client.post(url, data).status_code == 403
        sair.refresh_from_db()
        assert sair.name_en == "SAIR"


class TestConcurrentEditing:
    def test_the_second_save_is_refused_with_the_changes_and_keeps_its_input(
        self, client, hq_editor, places
    ):
        client.force_login(hq_editor)
        sair = places["sair"]
        first = form_data(client, sair)
        second = form_data(client, sair)

        first["phone"] = "054-202-3411"
        assert client.post(change_url(sair), first).status_code == 302

        second["email"] = "mine@example.org"
        response = client.post(change_url(sair), second)
        assert response.status_code == 200
        assert "Someone else saved this record" in response.text
        assert "+81542023411" in response.text or "054-202-3411" in response.text
        assert 'value="mine@example.org"' in response.text
        sair.refresh_from_db()
        assert sair.phone.as_national == "054-202-3411"
        assert sair.email == ""

        # Saving again, knowingly, applies the second editor's input on top.
        again = form_data(client, sair)
        again["email"] = "mine@example.org"
        again["opened_version"] = response.context["adminform"].form["opened_version"].value()
        assert client.post(change_url(sair), again).status_code == 302
        sair.refresh_from_db()
        assert sair.email == "mine@example.org"

    def test_the_form_carries_the_version_of_the_values_it_shows(
        self, client, hq_editor, places, monkeypatch
    ):
        """Someone saves between the admin reading the record and making its form: the
        form says the version whose values it shows, so saving it is refused, not a quiet
        overwrite of their change."""
        client.force_login(hq_editor)
        sair = places["sair"]
        association_admin = type(admin.site._registry[Association])
        read = association_admin.get_object

        def read_then_someone_saves(self, request, object_id, from_field=None):
            shown = read(self, request, object_id, from_field)
            other = Association.objects.get(pk=shown.pk)
            other.phone = "054-202-9999"
            other.save()
            return shown

        monkeypatch.setattr(association_admin, "get_object", read_then_someone_saves)
        response = client.get(change_url(sair))
        monkeypatch.undo()
        assert 'value="054-202-9999"' not in response.text

        # The form as it was shown, posted back with one change of the editor's own.
        data = posted_back(response)
        data["email"] = "mine@example.org"
        response = client.post(change_url(sair), data)
        assert response.status_code == 200
        assert "Someone else saved this record" in response.text
        sair.refresh_from_db()
        assert (sair.phone.as_national, sair.email) == ("054-202-9999", "")


# A record's version read alone, with or without Django's alias for the column.
VERSION_READ = re.compile(r'SELECT "associations_\w+"\."version"( AS "version")? FROM ')


class TestQueriesPerPage:
    """An admin page reads the user's groups once, however often it asks for their role
    (a branch editor's change form asked 87 times: 87 of its 115 queries), and a list of
    associations takes as many queries for many rows as for a few."""

    @staticmethod
    def queries(client, url: str) -> list[str]:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        return [query["sql"] for query in context.captured_queries]

    @pytest.mark.parametrize("who", ["hq_editor", "branch_editor", "viewer"])
    def test_a_page_reads_the_user_s_groups_once(self, client, request, places, who):
        client.force_login(request.getfixturevalue(who))
        sair = places["sair"]
        make_desk(sair, location=make_location(sair))
        make_social_link(sair)
        pages = [
            change_url(sair),
            reverse("admin:associations_association_changelist"),
            admin_url(sair, "history"),
            admin_url(sair, "simple_history", sair.history.first().history_id),
            reverse("admin:index"),
        ]
        for url in pages:
            assert self.role_reads(self.queries(client, url)) <= 1, url
        data = form_data(client, sair)
        data["phone"] = "054-202-3411"
        with CaptureQueriesContext(connection) as context:
            response = client.post(change_url(sair), data)
        assert response.status_code == (403 if who == "viewer" else 302)
        assert self.role_reads([query["sql"] for query in context.captured_queries]) <= 1

    @staticmethod
    def role_reads(queries: list[str]) -> int:
        return sum('FROM "auth_group" INNER JOIN' in sql for sql in queries)

    @pytest.mark.parametrize("who", ["hq_editor", "branch_editor", "viewer"])
    def test_a_change_form_reads_its_parts_versions_and_sources_with_them(
        self, client, request, places, who
    ):
        """Not a query for each place, desk and link; the widgets' own queries for each
        row (the sources chosen, a desk's menu of places) are Django's and are left."""
        client.force_login(request.getfixturevalue(who))
        sair = places["sair"]

        def add_parts(n):
            location = make_location(sair, name=f"Centre {n}")
            make_desk(sair, location=location, name=f"Desk {n}")
            make_social_link(sair, url=f"https://www.facebook.com/example{n}")

        def per_row_reads():
            queries = self.queries(client, change_url(sair))
            versions = [sql for sql in queries if VERSION_READ.match(sql)]
            sources = [sql for sql in queries if '_sources" ON' in sql]
            return len(versions), len(sources)

        add_parts(0)
        few = per_row_reads()
        for n in range(1, 5):
            add_parts(n)
        assert per_row_reads() == few

    @pytest.mark.parametrize("who", ["hq_editor", "branch_editor", "viewer"])
    def test_the_list_of_associations_takes_the_same_queries_for_more_rows(
        self, client, request, places, who
    ):
        client.force_login(request.getfixturevalue(who))
        url = reverse("admin:associations_association_changelist")
        make_associations(2, prefecture=places["shizuoka"])
        few = len(self.queries(client, url))
        make_associations(30, prefecture=places["shizuoka"])
        response = client.get(url)
        assert len(response.context["cl"].result_list) > 30
        assert len(self.queries(client, url)) == few


class TestLockout:
    def test_repeated_failures_lock_the_account_until_reset(self, client, hq_editor, settings):
        from django.core.management import call_command

        login = reverse("admin:login")
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = client.post(login, {"username": "hq", "password": "wrong"})
            assert response.status_code == 200
            assert "Please enter the correct username and password" in response.text
        last_try = client.post(login, {"username": "hq", "password": "wrong"})
        assert last_try.status_code == 429
        locked = client.post(login, {"username": "hq", "password": "correct horse battery"})
        assert locked.status_code == 429
        assert "Sign-in locked" in locked.text

        call_command("axes_reset_username", "hq", verbosity=0)
        unlocked = client.post(login, {"username": "hq", "password": "correct horse battery"})
        assert unlocked.status_code == 302


# Every admin page of a record with history, whatever its model: the registry decides
# which, so a model registered later is tested here without anyone remembering to.

HISTORY_ADMINS = {
    model._meta.label_lower: model_admin
    for model, model_admin in admin.site._registry.items()
    if hasattr(model._meta, "simple_history_manager_attribute")
}
HISTORY_MODELS = sorted(HISTORY_ADMINS)

# One record of each model; for the models a branch editor may change, one the
# Shizuoka branch looks after.
RECORDS = {
    "associations.association": lambda places: places["sair"],
    "associations.report": lambda places: make_report(places["sair"]),
    "associations.prefecture": lambda places: places["shizuoka"],
    "associations.designatedcity": lambda places: places["hamamatsu"],
    "associations.block": lambda places: places["shizuoka"].block,
    "associations.source": lambda places: places["sair"].sources.first(),
    "associations.service": lambda places: make_service(),
    "associations.language": lambda places: make_language(),
    "associations.clairoffice": lambda places: make_office(),
    "associations.department": lambda places: make_department(),
    "associations.jetrole": lambda places: make_jet_role(),
    "associations.helpline": lambda places: make_help_line(),
    "associations.jetpartner": lambda places: make_jet_partner(),
    "associations.programmefact": lambda places: make_programme_fact(),
    "associations.location": lambda places: make_location(places["sair"]),
    "associations.desk": lambda places: make_desk(places["sair"]),
    "associations.sociallink": lambda places: make_social_link(places["sair"]),
    "associations.consultationcentre": lambda places: make_centre(prefecture=places["shizuoka"]),
}
# Records outside the Shizuoka branch's scope, for the models scoped by branch.
OUTSIDE = {
    "associations.association": lambda places: places["aia"],
    "associations.report": lambda places: make_report(places["aia"]),
    "associations.location": lambda places: make_location(places["aia"]),
    "associations.desk": lambda places: make_desk(places["aia"]),
    "associations.sociallink": lambda places: make_social_link(places["aia"]),
    "associations.consultationcentre": lambda places: make_centre(prefecture=places["aichi"]),
}
# What a branch editor's role lets them change at all (in their scope).
BRANCH_CHANGES = {
    "associations.association",
    "associations.report",
    "associations.location",
    "associations.desk",
    "associations.sociallink",
    "associations.consultationcentre",
}


def record_of(label: str, places):
    if label not in RECORDS:
        pytest.fail(f"{label} has history in the admin: add a builder for it to RECORDS")
    return RECORDS[label](places)


def history_urls(record) -> tuple[str, str]:
    """The record's history list, and the revert form of its first version."""
    first = record.history.order_by("history_date", "history_id").first()
    return admin_url(record, "history"), admin_url(record, "simple_history", first.history_id)


def revert_data(client, hq_editor, url: str) -> dict:
    """The revert form as the HQ editor's browser would post it: valid, and a real save."""
    client.force_login(hq_editor)
    return values_of(client.get(url).context["adminform"].form)


def assert_reverts(client, user, record, data: dict) -> None:
    history, url = history_urls(record)
    client.force_login(user)
    assert client.get(history).status_code == 200
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' in page.text
    assert not any(field.disabled for field in page.context["adminform"].form.fields.values())
    saves = record.history.count()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert record.history.count() == saves + 1
    assert record.history.first().history_user == user


def assert_reads_only(client, user, record, data: dict) -> None:
    history, url = history_urls(record)
    client.force_login(user)
    assert client.get(history).status_code == 200
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert all(field.disabled for field in page.context["adminform"].form.fields.values())
    saves = record.history.count()
    assert client.post(url, data).status_code == 403
    assert record.history.count() == saves


@pytest.mark.parametrize("label", HISTORY_MODELS)
class TestEveryRevertNeedsTheRightToChangeThatRecord:
    def test_an_hq_editor_reverts(self, client, hq_editor, places, label):
        record = record_of(label, places)
        data = revert_data(client, hq_editor, history_urls(record)[1])
        assert_reverts(client, hq_editor, record, data)

    def test_a_viewer_reads_the_history_and_cannot_revert(
        self, client, hq_editor, viewer, places, label
    ):
        record = record_of(label, places)
        data = revert_data(client, hq_editor, history_urls(record)[1])
        assert_reads_only(client, viewer, record, data)

    def test_a_branch_editor_reverts_only_what_their_role_changes(
        self, client, hq_editor, branch_editor, places, label
    ):
        record = record_of(label, places)
        data = revert_data(client, hq_editor, history_urls(record)[1])
        if label in BRANCH_CHANGES:
            assert_reverts(client, branch_editor, record, data)
        else:
            assert_reads_only(client, branch_editor, record, data)


@pytest.mark.parametrize("label", sorted(OUTSIDE))
def test_a_branch_editor_cannot_open_or_revert_history_outside_their_scope(
    client, hq_editor, branch_editor, places, label
):
    record = OUTSIDE[label](places)
    history, url = history_urls(record)
    data = revert_data(client, hq_editor, url)
    client.force_login(branch_editor)
    assert client.get(history).status_code == 403
    assert client.get(url).status_code == 403
    saves = record.history.count()
    assert client.post(url, data).status_code == 403
    assert record.history.count() == saves


@pytest.mark.parametrize("path", ["{pk}x/history/", "{pk}x/history/{version}/", "{pk}/history/x/"])
def test_history_addresses_with_malformed_ids_are_not_found(admin_client, places, path):
    sair = places["sair"]
    path = path.format(pk=sair.pk, version=sair.history.first().history_id)
    assert admin_client.get(f"/admin/associations/association/{path}").status_code == 404


class TestTheHistoryGuardIsEverywhere:
    def test_every_admin_with_history_uses_the_guarded_base(self):
        from associations.admin.history import GuardedHistoryAdmin

        unguarded = [
            label
            for label, model_admin in HISTORY_ADMINS.items()
            if not isinstance(model_admin, GuardedHistoryAdmin)
        ]
        assert unguarded == []

    def test_every_branch_scoped_admin_has_a_record_outside_the_scope_to_test(self):
        from associations.admin.scoping import ScopedAssociationMixin

        scoped = {
            label
            for label, model_admin in HISTORY_ADMINS.items()
            if isinstance(model_admin, ScopedAssociationMixin)
        }
        assert scoped == set(OUTSIDE)

    def test_the_system_check_names_an_admin_with_unguarded_history(self):
        from simple_history.admin import SimpleHistoryAdmin

        from associations.admin.history import check_history_admins
        from associations.models import Block

        site = admin.AdminSite(name="elsewhere")
        assert check_history_admins(site=site) == []
        site.register(Block, SimpleHistoryAdmin)
        errors = check_history_admins(site=site)
        assert [error.id for error in errors] == ["associations.E001"]
        assert "associations.block" in errors[0].msg.lower()

    def test_the_system_check_names_a_form_that_forgets_the_version(self):
        from associations.admin.versioning import check_versioned_forms
        from associations.models import ClairOffice, Department

        class UnversionedInline(admin.TabularInline):
            model = Department

        class OfficeAdmin(admin.ModelAdmin):
            inlines = [UnversionedInline]

        site = admin.AdminSite(name="elsewhere")
        assert check_versioned_forms(site=site) == []
        site.register(ClairOffice, OfficeAdmin)
        errors = check_versioned_forms(site=site)
        assert [(error.id, error.obj) for error in errors] == [
            ("associations.E002", OfficeAdmin),
            ("associations.E002", UnversionedInline),
        ]

    def test_the_project_passes_the_system_checks(self):
        from django.core.management import call_command

        from associations.admin.history import check_history_admins
        from associations.admin.versioning import check_versioned_forms

        assert check_history_admins() == []
        assert check_versioned_forms() == []
        call_command("check", verbosity=0)


# Every change form of a versioned record must say which version it was opened on.

VERSIONED_MODELS = sorted(
    model._meta.label_lower
    for model in admin.site._registry
    if issubclass(model, Sourced) and not model._meta.proxy
)
NO_VERSION = "did not say which version"


def without_versions(data: dict) -> dict:
    return {key: value for key, value in data.items() if not key.endswith("opened_version")}


@pytest.mark.parametrize("label", VERSIONED_MODELS)
def test_a_change_without_the_opened_version_is_refused_and_keeps_the_input(
    client, hq_editor, places, label
):
    record = record_of(label, places)
    client.force_login(hq_editor)
    assert 'name="opened_version"' in client.get(change_url(record)).text
    data = change_form_data(client, record)
    data = without_versions(data)
    data["as_of"] = "2026-01-02"
    saves = record.history.count()

    response = client.post(change_url(record), data)
    assert response.status_code == 200
    assert NO_VERSION in response.text
    assert 'value="2026-01-02"' in response.text
    assert record.history.count() == saves
    record.refresh_from_db()
    assert record.as_of != datetime.date(2026, 1, 2)

    # The refusal hands the form the current version: saving again is a knowing choice.
    data["opened_version"] = response.context["adminform"].form["opened_version"].value()
    assert client.post(change_url(record), data).status_code == 302
    record.refresh_from_db()
    assert record.as_of == datetime.date(2026, 1, 2)


def test_an_inline_row_without_the_opened_version_is_refused(client, hq_editor):
    department = make_department()
    office = department.office
    client.force_login(hq_editor)
    assert 'name="departments-0-opened_version"' in client.get(change_url(office)).text
    data = change_form_data(client, office)
    [key] = [k for k in data if k.startswith("departments-") and k.endswith("-opened_version")]
    del data[key]
    name_key = key.replace("opened_version", "name_en")
    data[name_key] = "Renamed without a version"
    saves = department.history.count()

    response = client.post(change_url(office), data)
    assert response.status_code == 200
    assert NO_VERSION in response.text
    assert 'value="Renamed without a version"' in response.text
    assert department.history.count() == saves
    department.refresh_from_db()
    assert department.name_en != "Renamed without a version"


def test_the_stale_worklist_does_not_edit_records(client, hq_editor, branch_editor, places):
    # Its form would bypass both the version and the branch's rules: records are
    # edited on their own page.
    stale = places["sair"]
    url = reverse("admin:associations_staleassociation_change", args=[stale.pk])
    for user in (hq_editor, branch_editor):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code in (200, 403)
        data = values_of(page.context["adminform"].form) if page.status_code == 200 else {}
        data.update(name_en="Edited on the worklist", prefecture=str(places["aichi"].pk))
        client.post(url, data)
        stale.refresh_from_db()
        assert stale.name_en == "SAIR"
        assert stale.prefecture == places["shizuoka"]


# The model refuses a stale save by itself, whatever form or script saves it.

SOURCED_MODELS = sorted(
    model._meta.label_lower
    for model in apps.get_app_config("associations").get_models()
    if issubclass(model, Sourced) and not model._meta.proxy
)


@pytest.mark.parametrize("label", SOURCED_MODELS)
def test_a_save_from_an_old_copy_is_refused_by_the_model(places, label):
    record = record_of(label, places)
    model = type(record)
    theirs, mine = model.objects.get(pk=record.pk), model.objects.get(pk=record.pk)
    theirs.as_of = datetime.date(2026, 3, 1)
    theirs.save()
    mine.as_of = datetime.date(2026, 4, 1)
    with pytest.raises(StaleEdit):
        mine.save()
    record.refresh_from_db()
    assert record.as_of == datetime.date(2026, 3, 1)
    assert record.version == theirs.version


@pytest.mark.parametrize("view", ["change", "simple_history"])
def test_a_save_that_loses_a_race_after_the_form_check_is_refused(
    client, hq_editor, places, monkeypatch, view
):
    # Where the row cannot be locked (SQLite), another save can land between the form's
    # check and the save; the model's own check still refuses it, and the editor is told.
    sair = places["sair"]
    model_admin = admin.site._registry[Association]
    save_model = model_admin.save_model

    def racing(request, obj, form, change):
        other = Association.objects.get(pk=obj.pk)
        other.staff_note = "theirs"
        other.save()
        save_model(request, obj, form, change)

    client.force_login(hq_editor)
    if view == "change":
        url = change_url(sair)
        data = form_data(client, sair)
    else:
        url = history_urls(sair)[1]
        data = values_of(client.get(url).context["adminform"].form)
    data["email"] = "mine@sair.example"
    monkeypatch.setattr(model_admin, "save_model", racing)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Someone else saved this record just now" in response.text
    sair.refresh_from_db()
    assert sair.email != "mine@sair.example"


# Branch scope is said twice in roles: for one place, and as a query. They must agree.


@pytest.mark.parametrize("editor", ["branch_editor", "city_editor"])
def test_branch_scope_for_one_place_and_as_a_query_agree(request, places, editor):
    user = request.getfixturevalue(editor)
    iwata = make_association(
        slug="iwata",
        prefecture=places["shizuoka"],
        tier=Association.Tier.MUNICIPAL,
        mic_recognised=False,
        municipality_en="Iwata",
    )
    toyota = make_association(
        slug="toyota",
        prefecture=places["aichi"],
        tier=Association.Tier.MUNICIPAL,
        mic_recognised=False,
        municipality_en="Toyota",
    )
    records = [places["sair"], places["hice"], iwata, places["aia"], toyota]
    expected = {
        "branch_editor": {"sair", "iwata"},
        "city_editor": {"hice"},
    }[editor]
    by_query = set(
        Association.objects.filter(roles.scope_filter(user)).values_list("slug", flat=True)
    )
    by_place = {
        record.slug
        for record in records
        if roles.covers(user, record.prefecture, record.designated_city)
    }
    assert by_query == by_place == expected


def test_marking_verified_on_the_worklist_is_recorded_in_history(client, branch_editor, places):
    sair = places["sair"]
    saves = sair.history.count()
    client.force_login(branch_editor)
    response = client.post(
        reverse("admin:associations_staleassociation_changelist"),
        {"action": "mark_verified_today", "_selected_action": [sair.pk]},
    )
    assert response.status_code == 302
    assert sair.history.count() == saves + 1
    assert sair.history.first().history_user == branch_editor
    assert sair.history.first().last_verified == datetime.date.today()
