from django.urls import path

from places import views
from website import views as website_views

urlpatterns = [
    # Site search's type-ahead. It belongs in website/urls.py beside /search/ (another helper's file):
    # it moves there, unchanged, when that file carries it.
    path("search/suggest/", website_views.suggest, name="search_suggest"),
    path("api/v1/places/", views.places_api, name="places_api"),
]
