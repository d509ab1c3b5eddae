"""Journeys that write: staff sign in and edit, and a resident's postcode needs the places
loaded. Each test has a directory of its own, emptied after it (the other browser modules
share one, which they only read)."""

from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from associations.models import Association, EditorScope, Prefecture
from associations.roles import BRANCH_EDITORS, HQ_EDITORS, ensure_groups


def sign_in(page: Page, site: str, username: str) -> None:
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a long test passphrase")
    page.get_by_role("button", name="Log in").click()


def staff(username: str, group: str, **scope) -> User:
    ensure_groups()
    user = User.objects.create_user(username, password="a long test passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if scope:
        EditorScope.objects.create(user=user).prefectures.set(scope["prefectures"])
    return user


def test_an_hq_editor_changes_an_association_and_sees_it_on_the_public_page(
    page: Page, editable_site
):
    staff("hq", HQ_EDITORS)
    association = Association.objects.get(designated_city__slug="hamamatsu")
    sign_in(page, editable_site, "hq")
    page.goto(f"{editable_site}/admin/associations/association/{association.pk}/change/")
    # The association's own e-mail (the desks inline has an e-mail field of its own).
    page.locator("#id_email").fill("info@hice.example")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    public = page.context.browser.new_page()
    public.goto(editable_site + association.get_absolute_url())
    expect(public.get_by_role("link", name="info@hice.example")).to_be_visible()
    public.close()


def test_a_branch_editor_is_refused_another_prefectures_record(page: Page, editable_site):
    staff("shizuoka", BRANCH_EDITORS, prefectures=[Prefecture.objects.get(slug="shizuoka")])
    aichi = Association.objects.get(prefecture__slug="aichi", tier=Association.Tier.PREFECTURAL)
    sign_in(page, editable_site, "shizuoka")
    response = page.goto(f"{editable_site}/admin/associations/association/{aichi.pk}/change/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")


def test_a_resident_on_a_phone_types_a_postcode_and_reaches_a_phone_in_two_taps(
    phone: Page, editable_site, tmp_path
):
    from associations.places_loading import PlacesLoader

    from ..test_places_loading import HAMAMATSU_2024, OTHERS, make_release

    PlacesLoader(make_release(tmp_path, "2024.1.0", HAMAMATSU_2024 + OTHERS)).load()
    phone.goto(editable_site)
    # The box is the first thing on the phone's screen, above the fold.
    box = phone.get_by_label("Your town or postcode")
    assert box.bounding_box()["y"] + box.bounding_box()["height"] <= 740
    box.fill("〒430-0929")
    phone.get_by_role("button", name="Search").tap()  # first tap
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Chuo Ward, Hamamatsu")
    call = phone.get_by_role("link", name="053-458-2170")
    expect(call).to_have_attribute("href", "tel:+81-53-458-2170")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    call.tap()  # second tap: the call
