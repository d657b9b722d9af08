"""The directory's public pages, routed by `DirectoryPage`: search (from directory/search_views.py),
"is it filed?" and an institution's page.
"""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from directory.choices import Status
from directory.credit_code import ALPHABET, normalise, problem
from directory.enrolment import enrolment_guide
from directory.models import Institution
from directory.origin import distance_label, origin_from
from directory.routes import route_links
from directory.search_views import search_page
from directory.share import share_card
from website.text import clean_input

__all__ = ["detail_page", "search_page", "verify_page"]

COMPLAINT_FORM_URL = "/complaints/submit/"
VERIFY_LIMIT = 20
MAX_QUERY_LENGTH = 100


def _crumbs(request, page, title):
    """The breadcrumb trail of a page under the directory: 首页 › 找托育 › `title`."""
    return [
        {"title": "首页", "url": "/"},
        {"title": page.title, "url": page.get_url(request)},
        {"title": title},
    ]


def _looks_like_credit_code(text):
    code = normalise(text)
    return len(code) == 18 and sum(char in ALPHABET for char in code) >= 16 and any(c.isdigit() for c in code)


def verdict(institution):
    """(tone, headline, advice) for the verification page."""
    if not institution.is_filed:
        return (
            "danger",
            "未备案",
            "这家机构没有在卫生健康部门备案。按规定，托育机构经登记后应当备案；"
            "交费前请向所在区县卫生健康部门核实，发现未备案违规收托可以投诉举报。",
        )
    if institution.status == Status.CANCELLED:
        return ("danger", "已注销", "这家机构已经注销，不能再提供托育服务。请不要向其交费。")
    if institution.status == Status.SUSPENDED:
        return (
            "warning",
            "已备案，目前暂停服务",
            "这家机构已备案，但现在处于暂停状态，暂不应招收婴幼儿。恢复正常后会重新显示在机构名录中。",
        )
    return ("ok", "已备案，正常运营", "这家机构已在卫生健康部门备案，目前正常运营。")


def verify_page(request, page):
    query = clean_input(request.GET.get("q", ""))
    error = None
    code_warning = None
    results = []
    more = False
    if len(query) > MAX_QUERY_LENGTH:
        error = f"查询内容太长了：请输入不超过 {MAX_QUERY_LENGTH} 个字的机构名称或 18 位统一社会信用代码。"
    elif query:
        if _looks_like_credit_code(query):
            code_warning = problem(query)
        found = list(Institution.objects.for_verification(query).order_by("name", "pk")[: VERIFY_LIMIT + 1])
        more = len(found) > VERIFY_LIMIT
        results = [(institution, *verdict(institution)) for institution in found[:VERIFY_LIMIT]]
    elif "q" in request.GET:
        error = "请输入机构名称（可以只输入其中几个字）或统一社会信用代码。"
    return TemplateResponse(
        request,
        "directory/verify.html",
        {
            "page": page,
            "self": page,
            "query": query[:MAX_QUERY_LENGTH],
            "error": error,
            "code_warning": code_warning,
            "results": results,
            "more": more,
            "limit": VERIFY_LIMIT,
            "complaint_url": COMPLAINT_FORM_URL,
            "crumbs": _crumbs(request, page, "备案查询"),
        },
    )


def _map(institution):
    point = institution.public_location
    if point is None:
        return None
    return {
        "lat": point[0],
        "lng": point[1],
        "approximate": institution.is_home,
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def detail_page(request, page, slug):
    institution = (
        Institution.objects.public()
        .select_related("district", "street")
        .prefetch_related(
            "services", "classes", "inspections", "credit_records", "photos__image", "enrolment_steps"
        )
        .filter(slug=slug)
        .first()
    )
    if institution is None:
        hidden = Institution.objects.select_related("district").filter(slug=slug).first()
        if hidden is None:
            raise Http404("没有找到这家机构。")
        # A suspended, cancelled or unfiled institution has no public page, but an old link to it
        # should still tell the parent what happened and where to check.
        tone, headline, advice = verdict(hidden)
        return TemplateResponse(
            request,
            "directory/not_public.html",
            {
                "page": page,
                "self": page,
                "institution": hidden,
                "crumbs": _crumbs(request, page, hidden.name),
                "tone": tone,
                "headline": headline,
                "advice": advice,
                "complaint_url": f"{COMPLAINT_FORM_URL}?institution={hidden.pk}",
            },
            status=404,
        )
    origin = origin_from(request.GET)
    photos = list(institution.photos.all())
    return TemplateResponse(
        request,
        "directory/detail.html",
        {
            "page": page,
            "self": page,
            "institution": institution,
            "crumbs": _crumbs(request, page, institution.name),
            "services": institution.services_in_order(),
            "classes": list(institution.classes.all()),
            "inspections": sorted(institution.inspections.all(), key=lambda i: i.date, reverse=True),
            "credit_records": sorted(institution.credit_records.all(), key=lambda r: r.date, reverse=True),
            "photos": photos,
            "map": _map(institution),
            "routes": route_links(institution),
            "enrolment": enrolment_guide(institution),
            "origin": origin,
            "distance": distance_label(origin.distance_km(institution)) if origin else "",
            "share": share_card(
                request,
                title=f"{institution.name} · 已备案托育机构",
                description=_share_description(institution),
                url=institution.get_absolute_url(),
                photo=photos[0].image if photos else None,
            ),
            "complaint_url": f"{COMPLAINT_FORM_URL}?institution={institution.pk}",
            "edit_url": _edit_url(request, institution),
        },
    )


def _share_description(institution):
    parts = [institution.district.name, "、".join(institution.service_labels()) or "托育服务"]
    if institution.inclusive:
        parts.append("普惠托育")
    parts.append(f"空余托位 {institution.vacancies} 个")
    return "，".join(parts) + "。查看备案、收费、班级、检查记录和入托须知。"


def _edit_url(request, institution):
    """The admin edit link, for directory managers looking at the public page."""
    if not request.user.is_authenticated or not request.user.has_perm("directory.change_institution"):
        return None
    return reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk])
