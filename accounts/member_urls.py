"""Members' pictures, under /members/ (their profile pages are forum:member)."""

from django.urls import path

from accounts import views

app_name = "members"

urlpatterns = [
    path("<int:member_id>/picture/<slug:key>.jpg", views.avatar, name="avatar"),
]
