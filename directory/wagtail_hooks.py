"""Admin registration only: the directory's snippet group (institutions, districts, streets).

The viewsets and views themselves live in directory/admin_views.py.
"""

from wagtail.snippets.models import register_snippet

from directory.admin_views import DirectoryGroup

register_snippet(DirectoryGroup)
