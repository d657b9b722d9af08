"""Public views of the directory that are not search: "is it filed?" and an institution's page.

`DirectoryPage` routes to these functions. `search_page` lives in directory/search_views.py.
"""

from django.http import Http404
from django.template.response import TemplateResponse

from directory.models import Institution


def search_page(request, page):
    # Imported when called so that this module loads even before the search views exist.
    from directory.search_views import search_page as real_search_page

    return real_search_page(request, page)


def verify_page(request, page):
    query = request.GET.get("q", "").strip()[:100]
    results = list(Institution.objects.for_verification(query)[:20]) if query else []
    return TemplateResponse(
        request,
        "directory/verify.html",
        {"page": page, "self": page, "query": query, "results": results},
    )


def detail_page(request, page, slug):
    institution = (
        Institution.objects.public()
        .select_related("district", "street")
        .prefetch_related("services", "classes", "inspections", "credit_records", "photos__image")
        .filter(slug=slug)
        .first()
    )
    if institution is None:
        raise Http404("没有找到这家机构，或它目前不在公开名录中。")
    return TemplateResponse(
        request,
        "directory/detail.html",
        {"page": page, "self": page, "institution": institution},
    )
