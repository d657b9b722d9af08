from django.urls import path

from places import views

urlpatterns = [
    path("api/v1/places/", views.places_api, name="places_api"),
]
