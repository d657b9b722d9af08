"""The 医育结合 pages routed by ChildHealthPage and the services' JSON API."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect

from childhealth import visits
from childhealth.forms import HomeVisitForm, TrackForm
from childhealth.models import HealthService, ServiceKind
from complaints import ratelimit as complaint_limits
from complaints.submission import new_token, token_secret
from nearby import ratelimit
from nearby.finder import QueryError
from nearby.pages import Finder, api_response, page_context
from nearby.responses import error_response, json_response, refuse_other_methods

SECTION_URL = "/child-health/"
TRACK_SCOPE = "track"


def service_url(service):
    return f"{SECTION_URL}{service.pk}/"


def service_json(service):
    return {
        "id": service.pk,
        "name": service.name,
        "kind": service.kind,
        "kind_label": service.get_kind_display(),
        "district": service.district.name,
        "district_code": service.district.code,
        "street": service.street.name if service.street_id else "",
        "address": service.address,
        "opening_hours": service.opening_hours,
        "phone": service.phone,
        "services_offered": service.services_offered,
        "entry_checkup": service.offers_entry_checkup,
        "lat": service.latitude,
        "lng": service.longitude,
    }


def with_checkup(services, params):
    value = str(params.get("checkup", "")).strip()
    if value not in ("", "0", "1"):
        raise QueryError("“可做入托体检”筛选只接受 1（是）或 0（否）。", "checkup")
    return services.filter(offers_entry_checkup=True) if value == "1" else services


FINDER = Finder(
    kind_field="kind",
    kinds=dict(ServiceKind.choices),
    text_fields=("name", "address", "services_offered", "district__name", "street__name"),
    url_of=service_url,
    record_json=service_json,
    narrow=with_checkup,
)


def public_services():
    return HealthService.objects.public().select_related("district", "street")


def _crumbs(request, page, *titles):
    crumbs = [{"title": "首页", "url": "/"}, {"title": page.title, "url": page.get_url(request)}]
    return crumbs + [{"title": title} for title in titles]


def _urls(page):
    base = page.url
    return {
        "finder": base,
        "checkup": f"{base}entry-checkup/",
        "visit": f"{base}home-visit/",
        "receipt": f"{base}home-visit/receipt/",
        "track": f"{base}home-visit/track/",
    }


def _render(request, page, template, context, status=200, private=False):
    response = TemplateResponse(
        request, template, {"page": page, "self": page, "urls": _urls(page), **context}, status=status
    )
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def finder_page(request, page):
    context = page_context(request, public_services(), FINDER)
    context.update(crumbs=_crumbs(request, page), checkup_checked=request.GET.get("checkup") == "1")
    return _render(
        request, page, "childhealth/finder.html", context, status=400 if "error" in context else 200
    )


def detail_page(request, page, pk):
    service = public_services().filter(pk=pk).first()
    if service is None:
        raise Http404("没有找到这家机构。")
    markers = []
    if service.latitude is not None:
        markers = [
            {"number": 1, "name": service.name, "lat": service.latitude, "lng": service.longitude, "url": ""}
        ]
    context = {
        "service": service,
        "crumbs": _crumbs(request, page, service.name),
        "markers": markers,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return _render(request, page, "childhealth/detail.html", context)


def entry_checkup_page(request, page):
    context = {
        "crumbs": _crumbs(request, page, "入托体检"),
        "checkup_services": public_services()
        .filter(offers_entry_checkup=True)
        .order_by("district__code", "name"),
    }
    return _render(request, page, "childhealth/entry_checkup.html", context)


@csrf_protect
def home_visit_page(request, page):
    crumbs = _crumbs(request, page, "申请入户指导")
    if request.method != "POST":
        form = HomeVisitForm(initial={"submission_token": new_token()})
        return _render(
            request, page, "childhealth/home_visit.html", {"form": form, "crumbs": crumbs}, private=True
        )
    form = HomeVisitForm(request.POST)
    if not ratelimit.allowed(request):
        context = {"form": form, "crumbs": crumbs, "rate_limited": ratelimit.MESSAGE}
        response = _render(request, page, "childhealth/home_visit.html", context, status=429, private=True)
        response["Retry-After"] = ratelimit.retry_after()
        return response
    secret = token_secret(request.POST.get("submission_token"))
    valid = form.is_valid()
    if not valid or secret is None:
        if secret is None:
            # A forged or day-old token: a fresh one, and the form shown again to be sent once more.
            data = request.POST.copy()
            data["submission_token"] = new_token()
            form = HomeVisitForm(data)
            form.is_valid()
            if valid:
                form.add_error(None, "表单已过期，请确认内容后再提交一次。")
        context = {"form": form, "crumbs": crumbs}
        return _render(request, page, "childhealth/home_visit.html", context, status=400, private=True)
    stored = visits.store(form.cleaned_data, secret)
    response = HttpResponseRedirect(_urls(page)["receipt"])
    response.set_cookie(
        visits.RECEIPT_COOKIE,
        visits.receipt_cookie(stored, secret),
        max_age=visits.RECEIPT_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
        path=_urls(page)["receipt"],
    )
    return response


def receipt_page(request, page):
    receipt = visits.read_receipt(request.COOKIES.get(visits.RECEIPT_COOKIE))
    record = visits.find(receipt["number"], receipt["code"]) if receipt else None
    context = {"receipt": receipt, "record": record, "crumbs": _crumbs(request, page, "申请入户指导")}
    response = _render(request, page, "childhealth/receipt.html", context, private=True)
    response.delete_cookie(visits.RECEIPT_COOKIE, path=_urls(page)["receipt"])
    return response


def track_page(request, page):
    crumbs = _crumbs(request, page, "查询入户指导申请")
    if "tracking_number" not in request.GET:
        return _render(
            request, page, "childhealth/track.html", {"form": TrackForm(), "crumbs": crumbs}, private=True
        )
    if not complaint_limits.hit(request, TRACK_SCOPE):
        context = {
            "form": TrackForm(request.GET),
            "crumbs": crumbs,
            "rate_limited": "查询太频繁了，请稍后再试。",
        }
        return _render(request, page, "childhealth/track.html", context, status=429, private=True)
    form = TrackForm(request.GET)
    record = None
    if form.is_valid():
        record = visits.find(form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
        if record is None:
            form.add_error(None, "没有找到这份申请：请核对受理编号和查询码。")
    context = {"form": form, "record": record, "crumbs": crumbs}
    return _render(
        request, page, "childhealth/track.html", context, status=200 if record else 400, private=True
    )


def service_list_api(request):
    """GET /api/v1/child-health-services/: q, near, lat, lng, radius, kind, checkup, district, page, page_size."""
    if refused := refuse_other_methods(request):
        return refused
    return api_response(request, public_services(), FINDER)


def service_detail_api(request, pk):
    if refused := refuse_other_methods(request):
        return refused
    service = public_services().filter(pk=pk).first()
    if service is None:
        return error_response("没有找到这家机构。", "id", status=404)
    return json_response({**service_json(service), "url": service_url(service)})
