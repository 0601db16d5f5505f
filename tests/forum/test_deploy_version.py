"""Every cached HTML key carries the deploy's version (settings.DEPLOY_VERSION,
config/deploy.py): HTML that older code rendered is never served after a deploy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache

from config.deploy import code_digest, deploy_version, git_commit

pytestmark = pytest.mark.django_db

OLD = "<p>Rendered by the previous deploy</p>"


def test_a_thread_page_stored_by_an_older_deploy_is_not_served(client, clinician, topic, settings):
    from forum import thread_html

    settings.DEPLOY_VERSION = "release-1"
    client.force_login(clinician)
    client.get(topic.get_absolute_url())
    reader = thread_html.Reader(user=clinician, is_member=True, moderates=False)
    shared = thread_html.shared_page(reader=reader, topic=topic, number=1)
    assert shared is not None and shared.html is not None  # stored by the first view
    cache.set(shared.key, OLD)
    assert OLD in client.get(topic.get_absolute_url()).content.decode()  # the key it reads
    settings.DEPLOY_VERSION = "release-2"
    assert thread_html.shared_page(reader=reader, topic=topic, number=1).key != shared.key
    assert OLD not in client.get(topic.get_absolute_url()).content.decode()


def test_topic_lists_and_home_stored_by_an_older_deploy_are_not_served(
    client, clinician, topic, settings
):
    from forum.access import title_group_versions
    from forum.models import Group
    from forum.topic_lists import home_key, list_key

    settings.DEPLOY_VERSION = "release-1"
    client.force_login(clinician)
    group = Group.objects.get(pk=topic.group_id)
    readable = title_group_versions(clinician)
    cache.set(list_key(group, "top"), OLD)
    cache.set(home_key(readable), OLD)
    assert OLD in client.get(group.get_absolute_url()).content.decode()
    assert OLD in client.get("/").content.decode()
    keys = (list_key(group, "top"), home_key(readable))
    settings.DEPLOY_VERSION = "release-2"
    assert list_key(group, "top") != keys[0] and home_key(readable) != keys[1]
    assert OLD not in client.get(group.get_absolute_url()).content.decode()
    assert OLD not in client.get("/").content.decode()
    assert topic.title in client.get(group.get_absolute_url()).content.decode()
    assert topic.title in client.get("/").content.decode()


def test_the_version_is_the_setting_else_the_commit_else_the_codes_digest(tmp_path):
    repository = Path(__file__).resolve().parents[2]
    assert deploy_version(" release-7 ", repository) == "release-7"
    commit = git_commit(repository)
    if commit is not None:  # a git checkout
        assert deploy_version("", repository) == commit
    # An installed copy without git: a digest of its code, which any change to a template
    # or a module changes.
    (tmp_path / "forum").mkdir()
    (tmp_path / "templates").mkdir()
    module = tmp_path / "forum" / "views.py"
    module.write_text("X = 1\n")
    (tmp_path / "templates" / "page.html").write_text("<p>{{ x }}</p>")
    assert git_commit(tmp_path) is None
    first = deploy_version("", tmp_path)
    assert first == code_digest(tmp_path) and first.startswith("code-")
    module.write_text("X = 2\n")
    assert deploy_version("", tmp_path) != first


def test_a_copy_inside_another_repository_is_not_that_repositorys_commit(tmp_path):
    outer = tmp_path / "outer"
    inner = outer / "site"
    inner.mkdir(parents=True)
    git = ["git", "-C", str(outer), "-c", "user.name=t", "-c", "user.email=t@example.test"]
    try:
        subprocess.run([*git, "init", "-q"], check=True, capture_output=True)
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "x"], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not installed")
    assert git_commit(outer) is not None  # the repository's own commit
    assert git_commit(inner) is None
