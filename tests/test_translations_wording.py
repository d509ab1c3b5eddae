"""The wording defects of issue #13 stay fixed: each test reads a page as its reader sees it
(or, for a name no page prints, the catalogue through Django) and fails on the catalogue
before the review."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from associations import localnames

from .conftest import make_association, make_programme_fact
from .htmltree import page

pytestmark = pytest.mark.django_db


def url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"associations:{name}", kwargs=kwargs)


def heading_of_neighbours(response) -> str:
    """The heading over the list of the prefecture's other associations."""
    html = page(response)
    return next(h2.text for h2 in html.find_all("h2") if h2.next_element.tag == "ul")


def test_easy_japanese_says_the_block_is_assumed_not_forecast(client, places):
    """よそう is a forecast; the page says the block was set here because CLAIR gives none."""
    places["shizuoka"].block_assumed = True
    places["shizuoka"].save()
    response = client.get(url("ja-x-easy", "prefecture", slug="shizuoka"))
    assert response.status_code == 200
    assert "よそう" not in response.text
    with translation.override("ja-x-easy"):
        note = translation.gettext(
            "CLAIR's list does not place this prefecture in a block; this one is assumed."
        )
    assert note in response.text


@pytest.mark.parametrize(
    "language, old_wording",
    [
        # The place is given in English ("Shizuoka"): "Shizuoka の ほかの きょうかい" and
        # "Shizuoka的其他协会" read as broken sentences.
        ("ja-x-easy", "Shizuoka の ほかの"),
        ("ja", "Shizuokaのほかの"),
        ("zh-hans", "Shizuoka的其他协会"),
    ],
)
def test_the_other_associations_heading_reads_whatever_the_place_name(
    client, places, language, old_wording
):
    response = client.get(url(language, "detail", slug="sair"))
    heading = heading_of_neighbours(response)
    assert old_wording not in heading
    # The place is still named, in the reader's language.
    with translation.override(language):
        name = localnames.plain_name(places["shizuoka"])
    assert name
    # In order, letting Easy Japanese readings (ruby text) fall between its characters.
    letters = iter(heading)
    assert all(letter in letters for letter in name), (name, heading)


def test_japanese_says_not_yet_verified_as_a_label(client, places):
    response = client.get(url("ja", "detail", slug="sair"))
    assert "確認はまだです" not in response.text
    assert "CLAIR職員による確認：未確認" in response.text


def test_japanese_jet_figures_heading_is_natural(client):
    make_programme_fact()
    response = client.get(url("ja", "jet"))
    assert "（時点付き）" not in response.text
    assert "数字で見るJETプログラム" in response.text


@pytest.mark.parametrize("language", ["zh-hans", "ko"])
def test_the_recognition_filter_is_not_named_like_its_option(client, places, language):
    """A filter named "总务省认定" over an option "总务省认定" reads as a filter with one
    meaningless choice."""
    html = page(client.get(url(language, "list")))
    facet = next(
        details
        for details in html.find_all("details", class_="facet")
        if details.find_all("input", name="recognised")
    )
    label = facet.find("summary").text
    options = [label_.text for label_ in facet.find_all("label")]
    assert label and options
    assert not any(option.startswith(label + " (") for option in options), (label, options)


def test_vietnamese_names_the_regional_association_plainly(client, places):
    response = client.get(url("vi", "detail", slug="sair"))
    assert "quốc tế hóa" not in response.text
    assert "hiệp hội giao lưu quốc tế cấp vùng" in response.text


def test_tagalog_does_not_call_easy_japanese_madaling_hapon(client):
    """ "Hapon" is the country or its people; residents call the language Nihongo."""
    with translation.override("tl"):
        name = str(dict(settings.LANGUAGES)["ja-x-easy"])
    assert "Madaling Hapon" not in name
    assert "Nihongo" in name
    assert "Madaling Hapon" not in client.get(url("tl", "list")).text


def test_easy_japanese_pages_keep_to_easy_words(client, places):
    """The words the review replaced stay out of the Easy Japanese pages."""
    make_association(prefecture=places["shizuoka"], name_en="Another in Shizuoka")
    for name, kwargs in [("detail", {"slug": "sair"}), ("list", {}),
                         ("prefecture", {"slug": "shizuoka"})]:  # fmt: skip
        text = client.get(url("ja-x-easy", name, **kwargs)).text
        assert "よそう" not in text
        assert "みとめて いるか" not in text


@pytest.mark.parametrize("language", ["ja", "ja-x-easy"])
def test_the_japanese_language_option_names_itself_once(client, places, language):
    """日本語 was followed by its Japanese name, 日本語 again, in the Japanese interfaces."""
    from .conftest import make_language

    make_language("ja", name_en="Japanese", name_native="日本語", name_ja="日本語")
    make_association(prefecture=places["shizuoka"], languages=[make_language("ja")])
    tree = page(client.get(url(language, "list")))
    (option,) = [
        label
        for label in tree.find_all("label")
        if label.find_all("input", value="ja") and label.find_all("input", name="language")
    ]
    assert option.text.count("日本語") == 1


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_no_two_facts_of_an_association_share_a_label(client, places, language):
    """The labels "Area served" (as the source words it) and "Places served" (the places'
    pages) read the same in some catalogues: two rows with one label."""
    with translation.override(language):
        detail = places["sair"].get_absolute_url()
    labels = [dt.text.strip() for dt in page(client.get(detail)).find_all("dt")]
    assert len(labels) == len(set(labels)), labels
