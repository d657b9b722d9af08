from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = list(site.root_page.get_children().live().public().in_menu().only("title", "url_path"))
    current = getattr(context.get("page"), "url_path", None) or ""
    links = [(item, bool(current) and current.startswith(item.url_path)) for item in items]
    return {"links": links, "home_is_current": site is not None and current == site.root_page.url_path}


@register.filter
def tel_href(number):
    return "tel:" + "".join(ch for ch in str(number) if ch.isdigit() or ch == "+")


@register.filter
def page_summary(page):
    """The best short description a page has: its search description, summary or intro."""
    for field in ("search_description", "summary", "intro"):
        value = getattr(page, field, "")
        if value:
            return value
    return ""


@register.filter
def minutes(delta):
    """A timedelta as whole minutes, for messages such as "请 15 分钟后再试"."""
    return int(delta.total_seconds() // 60)
