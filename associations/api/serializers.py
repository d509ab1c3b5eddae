from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Association,
    Block,
    ClairOffice,
    Department,
    DesignatedCity,
    JetRole,
    Language,
    Municipality,
    Prefecture,
    Service,
    Source,
)


class PhoneField(serializers.CharField):
    """A phone number in E.164, the form every dialler understands."""

    def to_representation(self, value) -> str:
        return value.as_e164 if value else ""


class SourceSerializer(serializers.ModelSerializer):
    published_on = serializers.DateField(allow_null=True)

    class Meta:
        model = Source
        fields = ["key", "kind", "title", "publisher", "published_on", "date_precision", "url"]


class BlockSerializer(serializers.ModelSerializer):
    class Meta:
        model = Block
        fields = ["slug", "order", "name_en", "name_ja", "as_of"]


class PrefectureSerializer(serializers.ModelSerializer):
    block = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Prefecture
        fields = ["code", "slug", "name_en", "name_ja", "block", "block_assumed", "as_of"]


class DesignatedCitySerializer(serializers.ModelSerializer):
    prefecture = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DesignatedCity
        fields = ["slug", "name_en", "name_ja", "prefecture", "designated_on", "as_of"]


class LanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "name_en", "name_native"]


class AssociationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    block = serializers.CharField(source="prefecture.block.slug", read_only=True)
    prefecture = serializers.SlugRelatedField(slug_field="code", read_only=True)
    designated_city = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    also_serves = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    services = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    languages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sources = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    phone = PhoneField()
    consultation_phone = PhoneField()
    fax = PhoneField()

    class Meta:
        model = Association
        fields = [
            "slug", "url", "name_en", "name_ja", "listed_as", "tier", "mic_recognised",
            "block", "prefecture", "designated_city", "municipality_en", "municipality_ja",
            "municipality", "also_serves", "size_category", "services", "languages",
            "postal_code", "address", "phone", "consultation_phone", "consultation_phone_note",
            "fax", "email", "website", "last_verified", "as_of", "as_of_precision", "sources",
            "public_note",
        ]  # fmt: skip

    def get_url(self, association: Association) -> str:
        return association.get_absolute_url()

    def to_representation(self, association: Association) -> dict:
        # DRF's walk through thirty declared fields was most of an API page's time (about
        # half a millisecond a record). The same dict, built directly; the fields above
        # still describe it (the OpenAPI schema), and a test holds the two to each other.
        a = association
        return {
            "slug": a.slug,
            "url": a.get_absolute_url(),
            "name_en": a.name_en,
            "name_ja": a.name_ja,
            "listed_as": a.listed_as,
            "tier": a.tier,
            "mic_recognised": a.mic_recognised,
            "block": _key(a.prefecture and a.prefecture.block, "slug"),
            "prefecture": _key(a.prefecture, "code"),
            "designated_city": _key(a.designated_city, "slug"),
            "municipality_en": a.municipality_en,
            "municipality_ja": a.municipality_ja,
            "municipality": _key(a.municipality, "code"),
            "also_serves": a.keys_of("also_serves"),
            "size_category": a.size_category,
            "services": a.keys_of("services"),
            "languages": a.keys_of("languages"),
            "postal_code": a.postal_code,
            "address": a.address,
            "phone": _e164(a.phone),
            "consultation_phone": _e164(a.consultation_phone),
            "consultation_phone_note": a.consultation_phone_note,
            "fax": _e164(a.fax),
            "email": a.email,
            "website": a.website,
            "last_verified": _iso(a.last_verified),
            "as_of": _iso(a.as_of),
            "as_of_precision": a.as_of_precision,
            "sources": a.keys_of("sources"),
            "public_note": a.public_note,
        }


def _key(record, name: str):
    return None if record is None else getattr(record, name)


def _e164(number) -> str:
    return number.as_e164 if number else ""


def _iso(day):
    return day.isoformat() if day else None


class DepartmentSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    phone = PhoneField()
    fax = PhoneField()

    class Meta:
        model = Department
        fields = ["slug", "kind", "parent", "name_en", "name_ja", "phone", "fax", "email", "as_of"]


class ClairOfficeSerializer(serializers.ModelSerializer):
    country = CountryField()
    countries_covered = serializers.SerializerMethodField()
    departments = DepartmentSerializer(many=True, read_only=True)
    phone = PhoneField()
    fax = PhoneField()

    class Meta:
        model = ClairOffice
        fields = [
            "slug", "kind", "name_en", "name_ja", "city", "country", "postal_code", "address",
            "phone", "fax", "email", "website", "website_current", "time_zone",
            "countries_covered", "opened", "public_note", "as_of", "as_of_precision", "departments",
        ]  # fmt: skip

    def get_countries_covered(self, office: ClairOffice) -> list[str]:
        return [country.code for country in office.countries_covered]


class JetRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = JetRole
        fields = ["code", "name_en", "name_ja", "description", "as_of"]


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Service
        fields = ["slug", "name_en", "name_ja"]


class PlaceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    prefecture = serializers.SlugRelatedField(slug_field="code", read_only=True)
    designated_city = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    source = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Municipality
        fields = [
            "code", "slug", "url", "kind", "name_ja", "name_kana", "name_romaji", "name_en",
            "district_ja", "prefecture", "designated_city", "parent", "is_current", "as_of",
            "source",
        ]  # fmt: skip

    def get_url(self, place: Municipality) -> str:
        return place.get_absolute_url()


class ServingSerializer(serializers.ModelSerializer):
    """An association that serves a place, and how near it is (0 local, 1 city,
    2 prefecture)."""

    url = serializers.SerializerMethodField()
    distance = serializers.IntegerField()
    phone = PhoneField()

    class Meta:
        model = Association
        fields = ["slug", "url", "name_en", "name_ja", "tier", "distance", "phone"]

    def get_url(self, association: Association) -> str:
        return association.get_absolute_url()


class PlaceDetailSerializer(PlaceSerializer):
    served_by = serializers.SerializerMethodField()

    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "served_by"]

    @extend_schema_field(ServingSerializer(many=True))
    def get_served_by(self, place: Municipality) -> list[dict]:
        return ServingSerializer(Association.objects.serving(place), many=True).data


class PostcodeSerializer(serializers.Serializer):
    """A postcode and the places it lies in (two when it spans two municipalities)."""

    postcode = serializers.CharField(help_text="As 430-0929.")
    places = PlaceSerializer(many=True)
    areas = serializers.ListField(
        child=serializers.CharField(), help_text="Japan Post's area or large office, per place."
    )
