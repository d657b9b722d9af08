"""The guidance sections' views: the filtered index pages, feeds and calendars the page routes hand off to,
and the anonymous feedback counter."""

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from guidance import feedback_guard
from guidance.feeds import GuidanceAtomFeed, GuidanceFeed, PolicyAtomFeed, PolicyFeed
from guidance.icalendar import event_calendar_text
from guidance.models import (
    AgeBand,
    ArticleFeedback,
    GuidanceArticlePage,
    GuidanceIndexPage,
    PolicyIndexPage,
    Topic,
    Validity,
)
from website.pagination import page_links, paginate

ARTICLES_PER_PAGE = 12
DOCUMENTS_PER_PAGE = 12
MAX_SEARCH_LENGTH = 100

# (RSS, Atom) feed of each section index that has feeds.
SECTION_FEEDS = {
    GuidanceIndexPage: (GuidanceFeed, GuidanceAtomFeed),
    PolicyIndexPage: (PolicyFeed, PolicyAtomFeed),
}


def _query_without(request, name):
    """The current query string without `name` (and without the page number), for filter links."""
    params = request.GET.copy()
    params.pop(name, None)
    params.pop("page", None)
    return params.urlencode()


def _paginated(request, items, per_page):
    """The requested page of `items` and the shared pagination bar's links for it."""
    page = paginate(request, items, per_page)
    return page, page_links(request, page.number, page.paginator.num_pages)


def _chosen(options, slug, error, errors):
    """The option with this slug; None (and an error for the visitor) when the slug names none."""
    if not slug:
        return None
    chosen = next((option for option in options if option.slug == slug), None)
    if chosen is None:
        errors.append(error)
    return chosen


def guidance_index(request, index):
    """/guidance/: articles newest first, filtered by age band and topic, or searched most relevant first."""
    errors = []
    age_bands = list(AgeBand.objects.all())
    topics = list(Topic.objects.all())
    selected_age = _chosen(
        age_bands, request.GET.get("age", ""), "没有这个年龄段，请从下面的年龄段中选择。", errors
    )
    selected_topic = _chosen(
        topics, request.GET.get("topic", ""), "没有这个主题，请从下面的主题中选择。", errors
    )
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_SEARCH_LENGTH:
        errors.append(f"搜索词太长了，请控制在 {MAX_SEARCH_LENGTH} 个字以内。")
        query = ""
    articles = index.articles().order_by("-first_published_at")
    if selected_age is not None:
        articles = articles.filter(age_bands=selected_age)
    if selected_topic is not None:
        articles = articles.filter(topics=selected_topic)
    if query:
        # Most relevant first; the database backend cannot filter on many-to-many fields itself.
        ids = list(articles.values_list("pk", flat=True))
        articles = GuidanceArticlePage.objects.filter(pk__in=ids).search(query)
    else:
        articles = articles.prefetch_related("age_bands", "topics")
    articles, pagination = _paginated(request, articles, ARTICLES_PER_PAGE)
    context = {
        "articles": articles,
        "pagination": pagination,
        "age_bands": age_bands,
        "topics": topics,
        "selected_age": selected_age,
        "selected_topic": selected_topic,
        "search_query": query,
        "filter_errors": errors,
        "query_without_age": _query_without(request, "age"),
        "query_without_topic": _query_without(request, "topic"),
    }
    return index.render(request, context_overrides=context, template="guidance/guidance_index_page.html")


def policy_index(request, index):
    """/policies/: documents newest first, filtered by issuer, year of issue and validity."""
    documents = index.documents().order_by("-issued_date", "-pk")
    issuers = sorted(set(index.documents().values_list("issuer", flat=True)))
    years = sorted({d.year for d in index.documents().values_list("issued_date", flat=True)}, reverse=True)
    errors = []
    issuer = request.GET.get("issuer", "")
    year = request.GET.get("year", "")
    validity = request.GET.get("validity", "")
    if issuer:
        if issuer in issuers:
            documents = documents.filter(issuer=issuer)
        else:
            errors.append("没有这个发文机关的文件，请从列表中选择。")
            issuer = ""
    if year:
        if year.isdigit() and int(year) in years:
            documents = documents.filter(issued_date__year=int(year))
        else:
            errors.append("年份无效，请从列表中选择发文年份。")
            year = ""
    if validity:
        if validity in Validity.values:
            documents = documents.filter(validity=validity)
        else:
            errors.append("有效性只能是：现行有效、已废止或已修订。")
            validity = ""
    documents, pagination = _paginated(request, documents, DOCUMENTS_PER_PAGE)
    context = {
        "documents": documents,
        "pagination": pagination,
        "issuers": issuers,
        "years": years,
        "validity_choices": Validity.choices,
        "selected_issuer": issuer,
        "selected_year": year,
        "selected_validity": validity,
        "filter_errors": errors,
    }
    return index.render(request, context_overrides=context, template="guidance/policy_index_page.html")


def section_feed(request, index, atom=False):
    """The section's newest pages as RSS, or as Atom."""
    rss_feed, atom_feed = SECTION_FEEDS[type(index)]
    return (atom_feed if atom else rss_feed)(index)(request)


def event_calendar(request, event):
    """The event as an .ics file that calendar apps import."""
    text = event_calendar_text(event, event.get_full_url(request))
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


# The feedback form sits on pages served from the shared page cache, so it cannot carry a per-visitor CSRF
# token. The endpoint only adds one to an anonymous counter, and guidance/feedback_guard.py keeps that honest:
# only posts from this site's pages, one vote per visitor and article.
@csrf_exempt
@require_POST
def article_feedback(request, page_id):
    page = get_object_or_404(GuidanceArticlePage.objects.live().public(), pk=page_id)
    if not feedback_guard.from_this_site(request):
        return HttpResponseForbidden(
            "请在本站的文章页上提交反馈。".encode(), content_type="text/plain; charset=utf-8"
        )
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        return HttpResponseBadRequest(
            "请选择“有帮助”或“没有帮助”后再提交。".encode(), content_type="text/plain; charset=utf-8"
        )
    if feedback_guard.first_vote(request, page):
        ArticleFeedback.record(page, helpful=answer == "yes")
    # A repeated vote is thanked the same way: nothing tells a script which of its posts counted.
    return HttpResponseRedirect(page.get_url(request) + "?feedback=thanks#feedback")
