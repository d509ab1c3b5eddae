"""The staff admin through its real URLs: roles, history, concurrent edits, lockout."""

import datetime

import pytest
from django.urls import reverse

from associations.models import Association, Report

from .conftest import make_association

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:associations_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(client, association) -> dict:
    """What the admin's change form would post back, untouched."""
    form = client.get(change_url(association)).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value not in (None, ""):
            data[name] = str(value)
    return data


class TestSmoke:
    @pytest.mark.parametrize(
        "model",
        [
            "association", "staleassociation", "prefecture", "designatedcity", "block",
            "source", "service", "language", "clairoffice", "department", "jetrole",
            "jetpartner", "programmefact", "correction", "report",
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
