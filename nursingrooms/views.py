"""The 母婴室 pages routed by NursingRoomPage (finder, a room, 信息纠错) and the JSON API."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse

from nearby import ratelimit
from nearby.finder import QueryError
from nearby.pages import Finder, api_response, page_context
from nearby.responses import error_response, json_response, refuse_other_methods
from nursingrooms.forms import CorrectionForm
from nursingrooms.models import Facility, LocationType, NursingRoom, facility_field

FINDER_URL = "/mother-baby-rooms/"
FACILITIES = dict(Facility.choices)


def room_url(room):
    return f"{FINDER_URL}{room.pk}/"


def room_json(room):
    return {
        "id": room.pk,
        "name": room.name,
        "location_type": room.location_type,
        "location_type_label": room.get_location_type_display(),
        "district": room.district.name,
        "district_code": room.district.code,
        "street": room.street.name if room.street_id else "",
        "address": room.address,
        "position": room.position,
        "opening_hours": room.opening_hours,
        "phone": room.phone,
        "facilities": [value for value in Facility.values if getattr(room, facility_field(value))],
        "facility_labels": room.facilities,
        "lat": room.latitude,
        "lng": room.longitude,
        "photo": room.photo.get_rendition("max-800x600").url if room.photo_id else None,
        "updated_at": room.updated_at.isoformat(),
    }


def with_facilities(rooms, params):
    """Rooms with every facility asked for (`facility`, repeatable)."""
    for value in params.getlist("facility"):
        if value not in FACILITIES:
            choices = "、".join(f"{label}（{key}）" for key, label in FACILITIES.items())
            raise QueryError(f"不认识的设施“{value[:20]}”，可选：{choices}。", "facility")
        rooms = rooms.with_facility(value)
    return rooms


FINDER = Finder(
    kind_field="location_type",
    kinds=dict(LocationType.choices),
    text_fields=("name", "address", "position", "manager", "district__name", "street__name"),
    url_of=room_url,
    record_json=room_json,
    narrow=with_facilities,
)


def public_rooms():
    return NursingRoom.objects.public().select_related("district", "street", "photo")


def _crumbs(request, page, title=None):
    crumbs = [{"title": "首页", "url": "/"}, {"title": page.title, "url": page.get_url(request)}]
    return [*crumbs, {"title": title}] if title else crumbs


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    return TemplateResponse(request, template, context, status=status)


def finder_page(request, page):
    context = page_context(request, public_rooms(), FINDER)
    chosen = request.GET.getlist("facility")
    context.update(
        facilities=[(value, label, value in chosen) for value, label in Facility.choices],
        crumbs=_crumbs(request, page),
        report_url=f"{page.get_url(request)}report/",
    )
    return _render(
        request, page, "nursingrooms/finder.html", context, status=400 if "error" in context else 200
    )


def detail_page(request, page, pk):
    room = public_rooms().filter(pk=pk).first()
    if room is None:
        raise Http404("没有找到这个母婴室。")
    context = {
        "room": room,
        "crumbs": _crumbs(request, page, room.name),
        "report_url": f"{page.get_url(request)}report/?room={room.pk}",
        "markers": [{"number": 1, "name": room.name, "lat": room.latitude, "lng": room.longitude, "url": ""}]
        if room.latitude is not None
        else [],
        **map_settings(),
    }
    return _render(request, page, "nursingrooms/detail.html", context)


def map_settings():
    return {"map_tiles": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION}


def report_page(request, page):
    """信息纠错: GET shows the form (about one room with ?room=), POST stores it and redirects (PRG)."""
    report_url = f"{page.get_url(request)}report/"
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if not ratelimit.allowed(request):
            context = {
                "form": form,
                "rate_limited": ratelimit.MESSAGE,
                "crumbs": _crumbs(request, page, "信息纠错"),
            }
            response = _render(request, page, "nursingrooms/report.html", context, status=429)
            response["Retry-After"] = ratelimit.retry_after()
            return response
        if form.is_valid():
            form.save()
            return HttpResponseRedirect(f"{report_url}?sent=1")
        status = 400
    else:
        form = CorrectionForm(initial={"room": _room_param(request)})
        status = 200
    room = form["room"].value()
    context = {
        "form": form,
        "room": public_rooms().filter(pk=room).first() if str(room or "").isdigit() else None,
        "sent": request.GET.get("sent") == "1" and request.method == "GET",
        "crumbs": _crumbs(request, page, "信息纠错"),
    }
    return _render(request, page, "nursingrooms/report.html", context, status=status)


def _room_param(request):
    value = request.GET.get("room", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def room_list_api(request):
    """GET /api/v1/mother-baby-rooms/: q, near, lat, lng, radius, kind, facility, district, page, page_size."""
    if refused := refuse_other_methods(request):
        return refused
    return api_response(request, public_rooms(), FINDER)


def room_detail_api(request, pk):
    if refused := refuse_other_methods(request):
        return refused
    room = public_rooms().filter(pk=pk).first()
    if room is None:
        return error_response("没有找到这个母婴室。", "id", status=404)
    return json_response({**room_json(room), "url": room_url(room)})
