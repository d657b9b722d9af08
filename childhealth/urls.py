from django.urls import path

from childhealth import views

app_name = "childhealth"

urlpatterns = [
    path("api/v1/child-health-services/", views.service_list_api, name="api_list"),
    path("api/v1/child-health-services/<int:pk>/", views.service_detail_api, name="api_detail"),
]
