"""What the directory's search page needs beyond the search view's context: whether a search has been
made (the filter form then folds away, results first), how many filters are set, and links that carry
the searched point on to an institution's page and to 我的收藏 / the compare page."""

from django import template

from directory.origin import origin_of_search

register = template.Library()

# Parameters that make a request a search rather than the directory's first page.
SEARCH_PARAMETERS = (
    "q",
    "service",
    "district",
    "age",
    "inclusive",
    "vacancy",
    "voucher",
    "lat",
    "lng",
    "near",
    "radius",
    "sort",
    "page",
    "street",
)
FILTER_PARAMETERS = ("district", "age", "inclusive", "vacancy", "voucher", "near", "lat")


@register.simple_tag(takes_context=True)
def searched(context):
    """True when the visitor has searched: the filter form starts folded and the results come first."""
    params = context["request"].GET
    return any(params.get(name, "").strip() for name in SEARCH_PARAMETERS)


@register.simple_tag(takes_context=True)
def filter_count(context):
    """How many filters of the form are set: service types count one each."""
    params = context["request"].GET
    services = len([value for value in params.getlist("service") if value])
    others = sum(1 for name in FILTER_PARAMETERS if params.get(name, "").strip() not in ("", "0"))
    return services + others


@register.simple_tag
def origin_query(query, prefix="?"):
    """`?lat=..&lng=..&near=..` for the searched point, or "" without one."""
    origin = origin_of_search(query) if query is not None else None
    return f"{prefix}{origin.query_string()}" if origin else ""


@register.simple_tag
def detail_url(institution, query):
    """The institution's page, told where the parent searched from so it can show the distance."""
    return institution.get_absolute_url() + origin_query(query)
