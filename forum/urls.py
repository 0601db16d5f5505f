from django.urls import path

from forum import composer, views

app_name = "forum"

urlpatterns = [
    path("", views.home, name="home"),
    path("groups/", views.directory, name="directory"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<slug:slug>/", views.group_detail, name="group"),
    path("groups/<slug:slug>/join/", views.group_join, name="group_join"),
    path("groups/<slug:slug>/leave/", views.group_leave, name="group_leave"),
    path("groups/<slug:slug>/members/", views.group_members, name="group_members"),
    path("groups/<slug:slug>/notify/", views.group_notify_level, name="group_notify_level"),
    path("notification-levels/", views.notify_levels, name="notify_levels"),
    path("groups/<slug:slug>/settings/", views.group_settings, name="group_settings"),
    path(
        "groups/<slug:slug>/purpose-history/",
        views.group_purpose_history,
        name="group_purpose_history",
    ),
    path(
        "groups/<slug:slug>/members/<int:membership_id>/decide/",
        views.membership_decide,
        name="membership_decide",
    ),
    path("groups/<slug:slug>/new-topic/", composer.topic_create, name="topic_create"),
    path("topics/<int:topic_id>/", views.topic_detail, name="topic"),
    path(
        "topics/<int:topic_id>/after/<int:number>/",
        views.topic_new_posts,
        name="topic_new_posts",
    ),
    path("topics/<int:topic_id>/reply/", composer.reply_create, name="reply"),
    path("topics/<int:topic_id>/settings/", views.topic_flags, name="topic_flags"),
    path("posts/<int:post_id>/", views.post_detail, name="post"),
    path("posts/<int:post_id>/state/", views.post_state, name="post_state"),
    path("posts/<int:post_id>/edit/", composer.post_edit, name="post_edit"),
    path("posts/<int:post_id>/history/", views.post_history, name="post_history"),
    path("posts/<int:post_id>/revisions/<int:number>/", views.revision_detail, name="revision"),
    path("posts/<int:post_id>/answered/", views.answered_version, name="answered_version"),
    path("posts/<int:post_id>/withdraw/", views.post_withdraw, name="post_withdraw"),
    path("posts/<int:post_id>/warnings/", views.post_warnings, name="post_warnings"),
    path("posts/<int:post_id>/withdrawn/", views.post_withdrawn, name="post_withdrawn"),
    path("posts/<int:post_id>/restore/", views.post_restore, name="post_restore"),
    path("posts/<int:post_id>/helpful/", views.post_helpful, name="post_helpful"),
    path("images/<uuid:key>/", views.image, name="image"),
    path("drafts/check/", composer.draft_check, name="draft_check"),
    path("drafts/preview/", composer.draft_preview, name="draft_preview"),
    path("scheduled/", views.scheduled_posts, name="scheduled"),
    path("posts/<int:post_id>/scheduled/", views.scheduled_action, name="scheduled_action"),
    path("search/", views.search, name="search"),
    path("members/<int:member_id>/", views.member_profile, name="member"),
]
