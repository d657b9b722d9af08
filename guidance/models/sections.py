"""What the three site sections (/guidance/, /policies/, /events/) have in common.

The page cache (guidance/cache.py) reads the settings declared here; nothing here imports the cache, so
the models never depend on it.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class CachedPage:
    """Mixed in (before `Page`) by every page type whose anonymous visits the page cache answers."""

    #: Query parameters that select a cached variant (filters, page number); any other parameter bypasses
    #: the cache, except tracking tags (settings.PAGE_CACHE_IGNORED_PARAMETERS), which guidance/cache.py
    #: takes off the request first.
    cache_query_params = frozenset()
    #: Seconds a cached copy may live; content changes replace it at once anyway.
    cache_timeout = 60 * 60


class SectionIndexPage(CachedPage):
    """A section's index page."""

    #: The section's slug in the URL contract; guidance/urls.py serves its URLs through the page cache.
    section_slug = ""


class SectionFeedsMixin(RoutablePageMixin):
    """The section's RSS feed at feed/ and its Atom feed at feed/atom/."""

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from guidance import views

        return views.section_feed(request, self)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from guidance import views

        return views.section_feed(request, self, atom=True)


def section_context(page, request):
    """The breadcrumb from a page up to its section, and the section's URL for links back (tags, filters)."""
    section = page.get_parent()
    url = section.get_url(request)
    return {"section_url": url, "crumbs": [{"title": section.title, "url": url}, {"title": page.title}]}
