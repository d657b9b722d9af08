from django.urls import path

from benefits import views

app_name = "benefits"

urlpatterns = [
    path("api/v1/benefits/childcare-subsidy/", views.childcare_subsidy_api, name="api_childcare_subsidy"),
]
