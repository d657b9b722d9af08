"""Admin registration only: the directory's snippet group (institutions, districts, streets).

The viewsets and views themselves live in directory/admin_views.py.
"""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from directory.admin_views import DirectoryGroup, warn_about_a_point_outside_the_region

register_snippet(DirectoryGroup)
hooks.register("after_create_snippet", warn_about_a_point_outside_the_region)
hooks.register("after_edit_snippet", warn_about_a_point_outside_the_region)
