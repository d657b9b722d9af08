"""Public URLs outside the page tree, next to the directory's own (/directory/compare/)."""

from django.urls import path

from operators import views

app_name = "operators"

urlpatterns = [
    path("directory/barred/", views.barred_list, name="barred_list"),
    path("directory/<slug:slug>/visit/", views.visit_request, name="visit_request"),
]
