from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and licenses"

    def ready(self) -> None:
        # Imported here, as Django expects: apps.py is loaded before the models are.
        from accounts import export

        export.register()
