import re

from django.conf import settings
from django.urls import path, re_path

from guidance import cache, views

# The sections of the URL contract whose pages guidance serves (see docs in guidance/cache.py).
CACHED_SECTIONS = getattr(settings, "GUIDANCE_CACHED_SECTIONS", ("guidance", "policies", "events"))

SECTIONS_PATTERN = "|".join(re.escape(section) for section in CACHED_SECTIONS)

urlpatterns = [
    path("guidance-feedback/<int:page_id>/", views.article_feedback, name="guidance_feedback"),
    re_path(
        rf"^(?P<path>(?:{SECTIONS_PATTERN})/(?:[\w\-]+/)*)$",
        cache.serve,
        name="guidance_cached_serve",
    ),
]
