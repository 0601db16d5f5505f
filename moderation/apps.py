from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        # Imported here, as Django expects: apps.py is loaded before the models are.
        from config.health import register_check
        from forum.signals import revision_awaits_screening
        from moderation import export
        from moderation.revision_screening import screening_backlog
        from moderation.tasks import on_revision_awaits_screening

        export.register()
        register_check("screening", screening_backlog)

        # Every revision the forum writes (or releases from its schedule) is screened.
        revision_awaits_screening.connect(
            on_revision_awaits_screening, dispatch_uid="moderation.screen_written_revisions"
        )
