from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("posts/<int:post_id>/flag/", views.flag_post, name="flag"),
    path("cases/<int:case_id>/", views.case_for_author, name="case"),
]
