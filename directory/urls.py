from django.urls import path

from directory import api, compare

app_name = "directory"

urlpatterns = [
    path("api/v1/institutions/", api.institution_list, name="api_institutions"),
    path("api/v1/institutions/suggest/", api.institution_suggest, name="api_institution_suggest"),
    path("api/v1/institutions/<int:pk>/", api.institution_detail, name="api_institution"),
    # Before Wagtail's page tree, so that no institution slug can shadow it.
    path("directory/compare/", compare.compare_page, name="compare"),
]
