from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Imported here, as Django expects: apps.py is loaded before the models are.
        from notifications import export

        export.register()
