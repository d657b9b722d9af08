"""The public side: a parent's 预约参观 form and the 从业禁止人员 (终身禁入) list, names masked."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse

from directory.models import DirectoryPage, Institution
from nearby import ratelimit
from operators import notifications
from operators.forms import VisitRequestForm
from operators.models import BarredPerson
from website.pagination import page_links, paginate

BARRED_PER_PAGE = 50


def _directory_crumbs(request, *trail):
    directory = DirectoryPage.objects.live().first()
    crumbs = [{"title": "首页", "url": "/"}]
    if directory is not None:
        crumbs.append({"title": directory.title, "url": directory.get_url(request)})
    return crumbs + list(trail)


def visit_request(request, slug):
    """GET shows the form, POST stores the request and redirects to the confirmation (PRG)."""
    institution = Institution.objects.public().filter(slug=slug).first()
    if institution is None:
        raise Http404("没有找到这家机构。")
    crumbs = _directory_crumbs(
        request, {"title": institution.name, "url": institution.get_absolute_url()}, {"title": "预约参观"}
    )
    context = {
        "institution": institution,
        "crumbs": crumbs,
        "retention_days": settings.OPERATORS_VISIT_RETENTION_DAYS,
    }
    status = 200
    if request.method == "POST":
        form = VisitRequestForm(request.POST)
        if not ratelimit.allowed(request):
            response = TemplateResponse(
                request,
                "operators/visit_request.html",
                {**context, "form": form, "rate_limited": ratelimit.MESSAGE},
                status=429,
            )
            response["Retry-After"] = ratelimit.retry_after()
            return response
        if form.is_valid():
            visit = form.save(commit=False)
            visit.institution = institution
            visit.save()
            notifications.on_commit_notify_operators(visit.pk)
            return HttpResponseRedirect("?sent=1")
        status = 400
    else:
        form = VisitRequestForm()
    context.update(form=form, sent=request.method == "GET" and request.GET.get("sent") == "1")
    return TemplateResponse(request, "operators/visit_request.html", context, status=status)


def barred_list(request):
    people = paginate(request, BarredPerson.objects.all(), BARRED_PER_PAGE)
    return TemplateResponse(
        request,
        "operators/barred_list.html",
        {
            "people": people,
            "pagination": page_links(request, people.number, people.paginator.num_pages),
            "crumbs": _directory_crumbs(request, {"title": "从业禁止人员名单"}),
        },
    )
