from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        # Imported here, as Django expects: apps.py is loaded before the models are.
        from accounts.signals import standing_changed
        from config.health import register_check
        from forum.added_warnings import added_warning_disputed
        from forum.signals import revision_awaits_screening
        from moderation import export
        from moderation.added_warnings import on_added_warning_disputed
        from moderation.cases import rerank_flags_of
        from moderation.revision_screening import screening_backlog
        from moderation.tasks import on_revision_awaits_screening

        export.register()
        register_check("screening", screening_backlog)

        # Every revision the forum writes (or releases from its schedule) is screened.
        revision_awaits_screening.connect(
            on_revision_awaits_screening, dispatch_uid="moderation.screen_written_revisions"
        )
        # A flag counts only while its author holds a current license: re-rank on a change.
        standing_changed.connect(rerank_flags_of, dispatch_uid="moderation.rerank_flags_of")
        # An author says a warning screening or a moderator added does not apply.
        added_warning_disputed.connect(
            on_added_warning_disputed, dispatch_uid="moderation.added_warning_disputed"
        )
