from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("settings/", views.member_settings, name="settings"),
    path("settings/picture/", views.avatar_upload, name="avatar_upload"),
    path("settings/picture/remove/", views.avatar_delete, name="avatar_delete"),
    path("licenses/new/", views.license_add, name="license_add"),
    path("licenses/<int:license_id>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("licenses/<int:license_id>/evidence/file", views.evidence_file, name="evidence_file"),
    path("export.json", views.export, name="export"),
    path("deactivate/", views.deactivate, name="deactivate"),
]
