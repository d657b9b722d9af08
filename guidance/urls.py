from django.urls import path

from guidance import views

urlpatterns = [
    path("guidance-feedback/<int:page_id>/", views.article_feedback, name="guidance_feedback"),
]
