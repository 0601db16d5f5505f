from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self) -> None:
        # Imported here, as Django expects: apps.py is loaded before the models are.
        from forum import export
        from forum.access import readable_notices_q
        from notifications.inbox import register_readable_filter

        export.register()
        # The notices page shows only notices about posts this session may read.
        register_readable_filter(readable_notices_q)
