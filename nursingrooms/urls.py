from django.urls import path

from nursingrooms import views

app_name = "nursingrooms"

urlpatterns = [
    path("api/v1/mother-baby-rooms/", views.room_list_api, name="api_list"),
    path("api/v1/mother-baby-rooms/<int:pk>/", views.room_detail_api, name="api_detail"),
]
