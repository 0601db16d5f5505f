from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self) -> None:
        # Imported here, as Django expects: apps.py is loaded before the models are.
        from accounts.signals import byline_changed
        from forum import export
        from forum.access import readable_notices_q
        from forum.profiles import author_byline_changed
        from notifications.inbox import register_readable_filter

        export.register()
        # The notices page shows only notices about posts this session may read.
        register_readable_filter(readable_notices_q)
        # A renamed author shows at once in cached topic lists.
        byline_changed.connect(author_byline_changed, dispatch_uid="forum-byline-changed")
