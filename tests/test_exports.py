"""Downloads of a listing state, parsed back and compared with the ORM."""

import csv
import io
import json

import pytest
import vobject
from django.urls import reverse

from associations.filters import AssociationFilter
from associations.models import Association

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]

KINKI = "?block=kinki"


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_listing_links_to_each_download_with_its_filters(client):
    response = client.get(reverse("associations:list") + KINKI + "&page=1")
    for name in ("export_csv", "export_json", "export_vcf"):
        assert f'href="{reverse(f"associations:{name}")}?block=kinki"' in response.text


def test_csv_opens_in_excel_with_japanese_intact(client):
    response = client.get(reverse("associations:export_csv") + KINKI)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="associations.csv"' in response["Content-Disposition"]
    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    kinki = Association.objects.in_block("kinki")
    assert len(rows) == kinki.count()
    assert kinki.exclude(list_position=None).count() == 8  # and municipal ones
    assert {r["Name (English)"] for r in rows} == set(kinki.values_list("name_en", flat=True))
    assert {r["Name (Japanese)"] for r in rows} == set(kinki.values_list("name_ja", flat=True))
    assert {r["Prefecture (Japanese)"] for r in rows} >= {"大阪府", "兵庫県"}


def test_a_download_holds_every_page_not_just_the_first(client):
    response = client.get(reverse("associations:export_csv"))
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert len(rows) == Association.objects.count() > 63  # listed and municipal


def test_json_holds_exactly_the_filtered_rows(client):
    query = "?language=vi&language=pt&block=kanto"
    response = client.get(reverse("associations:export_json") + query)
    data = json.loads(body(response))
    filterset = AssociationFilter(
        {"language": ["vi", "pt"], "block": ["kanto"]}, queryset=Association.objects.all()
    )
    assert sorted(d["slug"] for d in data) == sorted(filterset.qs.values_list("slug", flat=True))
    assert all(d["block"] == "kanto" for d in data)
    hamamatsu = client.get(reverse("associations:export_json") + "?q=浜松")
    assert json.loads(body(hamamatsu))[0]["name_ja"] == "公益財団法人浜松国際交流協会"


@pytest.mark.parametrize("export", ["export_csv", "export_json", "export_vcf"])
def test_a_download_takes_the_same_queries_for_every_row(
    client, export, django_assert_max_num_queries
):
    # the filter's vocabularies, then for the one chunk of rows: the rows with their
    # places, their languages, services, sources and the places they also serve
    client.get(reverse(f"associations:{export}"))  # the vocabularies, kept after this
    assert Association.objects.count() > 300
    with django_assert_max_num_queries(6):
        assert body(client.get(reverse(f"associations:{export}")))


def test_vcards_parse_back_one_per_association(client):
    response = client.get(reverse("associations:export_vcf") + KINKI)
    cards = list(vobject.readComponents(body(response)))
    kinki = Association.objects.in_block("kinki")
    # CLAIR's 8 listed associations of the block and its municipal ones.
    assert kinki.exclude(list_position=None).count() == 8
    assert kinki.count() > 8
    assert len(cards) == kinki.count()
    # An association with only a Japanese name is carded by that name.
    names = {card.fn.value for card in cards}
    assert names == {association.name for association in kinki}


def test_a_download_with_an_unknown_filter_value_gives_what_the_page_gives(client):
    page = client.get(reverse("associations:list") + "?language=xx")
    response = client.get(reverse("associations:export_json") + "?language=xx")
    assert len(json.loads(body(response))) == page.context["page_obj"].paginator.count
