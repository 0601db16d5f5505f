"""config.reversing: URLs reversed once per process, under what they depend on."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix, set_urlconf

from config.reversing import reverse_cached


def test_the_same_urls_as_reverse():
    assert reverse_cached("forum:home") == reverse("forum:home")
    assert reverse_cached("forum:topic", 12) == reverse("forum:topic", args=[12]) == "/topics/12/"
    assert reverse_cached("forum:group", "cbt-north") == reverse(
        "forum:group", kwargs={"slug": "cbt-north"}
    )
    assert reverse_cached("forum:topic", 13) == "/topics/13/"  # not the first answer again
    with pytest.raises(NoReverseMatch):
        reverse_cached("forum:no-such-view")


def test_a_new_script_prefix_gets_its_own_urls():
    assert reverse_cached("forum:topic", 5) == "/topics/5/"
    set_script_prefix("/commons/")
    try:
        assert reverse_cached("forum:topic", 5) == "/commons/topics/5/"
    finally:
        set_script_prefix("/")
    assert reverse_cached("forum:topic", 5) == "/topics/5/"


def test_another_url_configuration_gets_its_own_urls():
    with pytest.raises(NoReverseMatch):
        reverse_cached("bench_hello")
    with override_settings(ROOT_URLCONF="bench.urls"):
        assert reverse_cached("bench_hello") == "/bench/hello"
    set_urlconf("bench.urls")  # a request's own configuration (request.urlconf)
    try:
        assert reverse_cached("bench_hello") == "/bench/hello"
    finally:
        set_urlconf(None)
    with pytest.raises(NoReverseMatch):
        reverse_cached("bench_hello")


def test_pages_link_the_static_files_and_models_their_pages(client, clinician, topic):
    from django.templatetags.static import static

    client.force_login(clinician)
    html = client.get(topic.get_absolute_url()).content.decode()
    for path in ("css/site.css", "vendor/htmx/htmx.min.js", "js/site.js"):
        assert f'"{static(path)}"' in html
    assert topic.get_absolute_url() == reverse("forum:topic", kwargs={"topic_id": topic.pk})
    assert f'href="{topic.group.get_absolute_url()}"' in html
    assert f'href="/topics/{topic.pk}/reply/"' in html


def test_a_member_s_group_page_links_its_actions(client, clinician, topic):
    group = topic.group
    client.force_login(clinician)
    html = client.get(group.get_absolute_url()).content.decode()
    assert "You are a member" in html
    assert f'href="{reverse("forum:topic_create", args=[group.slug])}"' in html
    assert f'action="{reverse("forum:group_leave", args=[group.slug])}"' in html


def test_the_header_links_follow_the_script_prefix(rf):
    from django.contrib.auth.models import AnonymousUser

    from forum.context_processors import site

    request = rf.get("/")
    request.user = AnonymousUser()
    assert site(request)["nav"]["login"] == reverse("account_login")
    set_script_prefix("/commons/")
    try:
        nav = site(request)["nav"]
        assert nav["home"] == "/commons/" and nav["login"] == reverse("account_login")
        assert nav["login"].startswith("/commons/")
    finally:
        set_script_prefix("/")
    assert site(request)["nav"]["home"] == "/"
