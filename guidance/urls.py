import re

from django.urls import path, re_path

from guidance import cache, views
from guidance.models import SECTION_INDEX_PAGES

# The sections of the URL contract whose pages guidance serves through its page cache (guidance/cache.py).
SECTIONS_PATTERN = "|".join(re.escape(index.section_slug) for index in SECTION_INDEX_PAGES)

urlpatterns = [
    path("guidance-feedback/<int:page_id>/", views.article_feedback, name="guidance_feedback"),
    # The home page, the busiest of all, goes through the same cache (website.HomePage is a CachedPage).
    path("", cache.serve, {"path": ""}, name="home_cached_serve"),
    re_path(
        rf"^(?P<path>(?:{SECTIONS_PATTERN})/(?:[\w\-]+/)*)$",
        cache.serve,
        name="guidance_cached_serve",
    ),
]
