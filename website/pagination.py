"""The one way a list is split into pages: a clamped Django page and the links the shared template shows."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

# Page numbers shown on each side of the current one.
WINDOW = 2


def paginate(request, items, per_page):
    """The requested page of `items`; a missing or non-numeric number is page 1, one past the end the last."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def page_url(request, **replace):
    """This page's URL with the query string kept and `replace` applied (a value of None drops the key)."""
    params = request.GET.copy()
    for name, value in replace.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else request.path


def page_links(request, number, num_pages):
    """What templates/includes/pagination.html draws, or None when there is a single page."""
    if num_pages <= 1:
        return None
    window = range(max(1, number - WINDOW), min(num_pages, number + WINDOW) + 1)
    return {
        "previous": page_url(request, page=number - 1) if number > 1 else None,
        "next": page_url(request, page=number + 1) if number < num_pages else None,
        "pages": [{"number": n, "url": page_url(request, page=n), "current": n == number} for n in window],
        "first": page_url(request, page=1) if window.start > 1 else None,
        "last": page_url(request, page=num_pages) if window.stop <= num_pages else None,
        "count": num_pages,
    }
