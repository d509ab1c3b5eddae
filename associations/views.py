import datetime

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import exports, ratelimit, structured_data, tilemap, vcards
from .caching import cached_page, keep_until, kept_for_version
from .facets import active_filters, build_facets, facets_state, own_language, relaxations
from .filters import AssociationFilter
from .forms import ReportForm
from .fragments import card_rows, kept_page
from .models import (
    Association,
    Block,
    ClairOffice,
    DesignatedCity,
    Desk,
    HelpLine,
    JetPartner,
    JetRole,
    Municipality,
    Prefecture,
    ProgrammeFact,
    Source,
)
from .place_views import explain_places

PAGE_SIZE = 20
NEIGHBOURS = 10
REPORTS_PER_HOUR = 5
# The query parameters each cached page reads; the page cache ignores every other one.
PAGED = ("page",)
LISTING_PARAMS = (*AssociationFilter.base_filters, "page")


def _blocks(prefectures: list[Prefecture]) -> list[Block]:
    """The blocks, each with `prefecture_list` from the given prefectures (one query)."""
    blocks = list(Block.objects.all())
    for block in blocks:
        block.prefecture_list = [p for p in prefectures if p.block_id == block.pk]
    return blocks


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    # The map and the regions are read only when their kept section is not (see the
    # template): four queries and the map's layout.
    prefectures = SimpleLazyObject(Prefecture.objects.with_association_counts)
    tiles = SimpleLazyObject(lambda: tilemap.tiles(prefectures))
    context = {
        "tiles": tiles,
        "legend": SimpleLazyObject(lambda: tilemap.legend(tiles)),
        "blocks": SimpleLazyObject(lambda: _blocks(prefectures)),
    }
    return render(request, "associations/home.html", context)


@cached_page(params=LISTING_PARAMS)
def association_list(request: HttpRequest) -> HttpResponse:
    filterset = AssociationFilter(request.GET, queryset=Association.objects.for_directory())
    interface_language = get_language() or "en"
    facets = build_facets(filterset, interface_language=interface_language)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    if facets.total is not None and filterset.is_valid():
        paginator.count = facets.total  # counted with the facets, perhaps kept
    page = paginator.get_page(request.GET.get("page"))
    rows = card_rows(page.object_list)
    if filterset.is_valid():
        explain_places(rows, filterset.form.cleaned_data.get("q") or "")
    active = active_filters(request.GET, facets)
    context = {
        "filterset": filterset,
        "facets": facets,
        "facets_state": "" if filterset.errors else facets_state(facets, request.GET),
        "active_filters": active,
        "own_language": own_language(facets, interface_language),
        "page_obj": page,
        "associations": rows,
        "page_out_of_range": _page_out_of_range(request.GET.get("page"), page),
    }
    if not page.paginator.count:
        # An empty listing must not end the journey: what to drop, and whom to call.
        context["relaxations"] = relaxations(active, Association.objects.for_directory())
        context["help_lines"] = HelpLine.objects.for_display()
    response = render(request, "associations/association_list.html", context)
    # Not kept: a listing that could not be shown as asked, lest each misspelling fill the cache.
    response.page_cacheable = not (filterset.errors or context["page_out_of_range"])
    return response


def _page_out_of_range(asked: str | None, page) -> bool:
    return asked is not None and asked != str(page.number)


def _association_shown(slug: str) -> Association:
    """The association with all its page shows: places, desks, their hours and sources."""
    return get_object_or_404(
        Association.objects.for_directory().prefetch_related(
            "sources",
            "locations__opening_hours",
            "locations__sources",
            Prefetch(
                "desks",
                Desk.objects.select_related("location").prefetch_related(
                    "hours__languages", "location__opening_hours", "sources"
                ),
            ),
        ),
        slug=slug,
    )


@cached_page
def association_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The record and everything its page lists are kept for the directory's version; the
    # page itself is rendered afresh, since whether each desk is open moves with the clock.
    association = kept_for_version(f"association:{slug}", lambda: _association_shown(slug))
    now = timezone.now()
    locations = [_with_state(location, now) for location in association.locations.all()]
    desks = [_with_state(desk, now) for desk in association.desks.all()]
    context = {
        "association": association,
        # Both built and evaluated only when their kept sections are not (see the template):
        # building the queries alone took a tenth of the page's time.
        "places_served": SimpleLazyObject(lambda: list(association.places_listed())),
        "neighbours": SimpleLazyObject(lambda: list(association.neighbours()[:NEIGHBOURS])),
        "locations": locations,
        "desks": desks,
        # The first place or desk with known hours: its open-now state leads the page.
        "first_hours": next((r for r in [*locations, *desks] if r.state), None),
        "json_ld": structured_data.organisation(association, request),
    }
    response = render(request, "associations/association_detail.html", context)
    # "Open now" holds until it closes, "opens Tuesday" until it opens.
    if states := [r.state for r in [*locations, *desks] if r.state]:
        keep_until(response, min(state.until for state in states))
    return response


def _with_state(record, now):
    record.state = record.state_at(now)
    return record


def association_report(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Report a problem with this information": stored as a Report for the editors."""
    association = get_object_or_404(Association, slug=slug)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(request, "report", REPORTS_PER_HOUR, 3600):
            form.add_error(None, _("Too many reports from your connection. Try again in an hour."))
            status = 429
        elif form.is_valid():
            if not form.is_spam():
                form.instance.association = association
                form.save()
            return redirect(reverse("associations:report", kwargs={"slug": slug}) + "?sent=1")
        else:
            status = 400
    context = {"association": association, "form": form, "sent": "sent" in request.GET}
    return render(request, "associations/report.html", context, status=status)


@cached_page
def prefecture_list(request: HttpRequest) -> HttpResponse:
    # Read only when the kept list is not (see the template).
    blocks = SimpleLazyObject(lambda: _blocks(Prefecture.objects.with_association_counts()))
    return render(request, "associations/prefecture_list.html", {"blocks": blocks})


def _prefecture_shown(slug: str) -> tuple[Prefecture, list]:
    prefecture = get_object_or_404(
        Prefecture.objects.select_related("block").prefetch_related("sources"), slug=slug
    )
    # Its one-stop centres, the prefecture's own first, with their sources: two queries.
    centres = list(prefecture.consultation_centres.prefetch_related("sources"))
    return prefecture, centres


@cached_page(params=PAGED)
def prefecture_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The prefecture and its one-stop centres change only with the directory.
    prefecture, centres = kept_for_version(f"prefecture:{slug}", lambda: _prefecture_shown(slug))
    page = kept_page(
        f"prefecture-associations:{prefecture.pk}",
        Association.objects.for_directory(),
        lambda associations: associations.in_prefecture(prefecture),
        PAGE_SIZE,
        request.GET.get("page"),
    )
    # Its cities, towns and villages (wards are on their city's page): one query, made
    # only when the section that lists them is not kept (see the template).
    municipalities = prefecture.municipalities.current().exclude(kind=Municipality.Kind.WARD)
    context = {
        "prefecture": prefecture,
        "centres": centres,
        "associations": page.object_list,
        "page_obj": page,
        "municipalities": municipalities.order_by("code"),
    }
    response = render(request, "associations/prefecture_detail.html", context)
    response.page_cacheable = not _page_out_of_range(request.GET.get("page"), page)
    return response


@cached_page
def city_list(request: HttpRequest) -> HttpResponse:
    cities = DesignatedCity.objects.select_related("prefecture").annotate(
        association_count=Count("associations")
    )
    return render(request, "associations/city_list.html", {"cities": cities})


def _city_shown(slug: str) -> tuple[DesignatedCity, list[Municipality]]:
    city = get_object_or_404(
        DesignatedCity.objects.select_related("prefecture__block").prefetch_related("sources"),
        slug=slug,
    )
    return city, list(Municipality.objects.current().filter(designated_city=city).by_rank())


@cached_page(params=PAGED)
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The city, its sources and its places (itself first, then its wards) change only with
    # the directory.
    city, places = kept_for_version(f"city:{slug}", lambda: _city_shown(slug))
    page = kept_page(
        f"city-associations:{city.pk}",
        Association.objects.for_directory(),
        lambda associations: associations.filter(designated_city=city),
        PAGE_SIZE,
        request.GET.get("page"),
    )
    context = {
        "city": city,
        "associations": page.object_list,
        "page_obj": page,
        "places": places,
    }
    response = render(request, "associations/city_detail.html", context)
    response.page_cacheable = not _page_out_of_range(request.GET.get("page"), page)
    return response


@cached_page
def block_detail(request: HttpRequest, slug: str) -> HttpResponse:
    block = get_object_or_404(Block, slug=slug)
    # Read only when the kept list is not (see the template).
    prefectures = SimpleLazyObject(
        lambda: Prefecture.objects.in_block(block).with_association_counts()
    )
    context = {"clair_block": block, "prefectures": prefectures}
    return render(request, "associations/block_detail.html", context)


def _with_local_time(office: ClairOffice, now) -> ClairOffice:
    office.now = office.local_time(now)
    return office


def _next_minute(now: datetime.datetime) -> datetime.datetime:
    """Until when an office's local time (hours and minutes) reads the same."""
    return now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


@cached_page
def office_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    # The offices change only with the directory; their local times with every minute.
    offices = kept_for_version(
        "offices", lambda: list(ClairOffice.objects.prefetch_related("departments"))
    )
    context = {"offices": [_with_local_time(office, now) for office in offices]}
    response = render(request, "associations/office_list.html", context)
    keep_until(response, _next_minute(now))
    return response


def _office_shown(slug: str) -> tuple[ClairOffice, ClairOffice | None]:
    office = get_object_or_404(
        ClairOffice.objects.prefetch_related("departments", "sources"), slug=slug
    )
    if office.is_headquarters:
        return office, None
    return office, ClairOffice.objects.filter(kind=ClairOffice.Kind.HEADQUARTERS).first()


@cached_page
def office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    # The office, its departments and sources, and the headquarters it belongs to change
    # only with the directory; its local time with every minute.
    office, headquarters = kept_for_version(f"office:{slug}", lambda: _office_shown(slug))
    context = {
        "office": _with_local_time(office, now),
        "json_ld": structured_data.office(office, request, headquarters),
    }
    response = render(request, "associations/office_detail.html", context)
    keep_until(response, _next_minute(now))
    return response


def office_vcard(request: HttpRequest, slug: str) -> HttpResponse:
    office = get_object_or_404(ClairOffice, slug=slug)
    response = HttpResponse(vcards.office_vcard(office), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="clair-{office.slug}.vcf"'
    return response


def export_csv(request: HttpRequest) -> HttpResponse:
    base_url = request.build_absolute_uri("/").rstrip("/")
    rows = exports.csv_lines(exports.selected(request.GET), base_url)
    return exports.download(rows, "text/csv; charset=utf-8", "associations.csv")


def export_json(request: HttpRequest) -> HttpResponse:
    chunks = exports.json_chunks(exports.selected(request.GET, Association.objects.for_api()))
    return exports.download(chunks, "application/json", "associations.json")


def export_vcards(request: HttpRequest) -> HttpResponse:
    cards = vcards.association_vcards(exports.selected(request.GET))
    return exports.download(cards, "text/vcard; charset=utf-8", "associations.vcf")


@cached_page
def jet(request: HttpRequest) -> HttpResponse:
    context = {
        "roles": JetRole.objects.prefetch_related("sources"),
        "partners": JetPartner.objects.all(),
        "facts": ProgrammeFact.objects.prefetch_related("sources"),
    }
    return render(request, "associations/jet.html", context)


@cached_page
def help_lines(request: HttpRequest) -> HttpResponse:
    context = {"help_lines": HelpLine.objects.for_display()}
    return render(request, "associations/help_lines.html", context)


@cached_page
def source_list(request: HttpRequest) -> HttpResponse:
    return render(request, "associations/source_list.html", {"sources": Source.objects.all()})
