from django.urls import path

from . import place_views, views

app_name = "associations"

urlpatterns = [
    path("", views.home, name="home"),
    path("associations/", views.association_list, name="list"),
    path("associations/export.csv", views.export_csv, name="export_csv"),
    path("associations/export.json", views.export_json, name="export_json"),
    path("associations/export.vcf", views.export_vcards, name="export_vcf"),
    path("associations/<slug:slug>/", views.association_detail, name="detail"),
    path("associations/<slug:slug>/report/", views.association_report, name="report"),
    path("prefectures/", views.prefecture_list, name="prefectures"),
    path("prefectures/<slug:slug>/", views.prefecture_detail, name="prefecture"),
    path("cities/", views.city_list, name="cities"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("blocks/<slug:slug>/", views.block_detail, name="block"),
    path("places/", place_views.place_search, name="places"),
    path("places/<slug:key>/", place_views.place_detail, name="place"),
    path("offices/", views.office_list, name="offices"),
    path("offices/<slug:slug>/", views.office_detail, name="office"),
    path("offices/<slug:slug>/vcard.vcf", views.office_vcard, name="office_vcard"),
    path("jet/", views.jet, name="jet"),
    path("help-lines/", views.help_lines, name="help_lines"),
    path("sources/", views.source_list, name="sources"),
]
