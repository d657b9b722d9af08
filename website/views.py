from django.http import HttpResponse
from django.shortcuts import render
from wagtail.models import Page

from website.pagination import page_links, paginate

MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()
    error = None
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = f"搜索词太长了，请控制在 {MAX_QUERY_LENGTH} 个字以内。"
    elif query:
        results = Page.objects.live().public().specific().search(query)

    page = paginate(request, results, 10)
    return render(
        request,
        "website/search.html",
        {
            "search_query": query,
            "results": page,
            "pagination": page_links(request, page.number, page.paginator.num_pages),
            "error": error,
        },
    )


def healthz(request):
    """The smallest possible view: liveness checks and the baseline of the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")
