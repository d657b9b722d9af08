from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()
    error = None
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = f"搜索词太长了，请控制在 {MAX_QUERY_LENGTH} 个字以内。"
    elif query:
        results = Page.objects.live().public().specific().search(query)

    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    return render(
        request,
        "website/search.html",
        {"search_query": query, "results": page, "paginator": paginator, "error": error},
    )


def healthz(request):
    """The smallest possible view: liveness checks and the baseline of the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")
