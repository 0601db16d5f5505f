from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self) -> None:
        # Imported here, as Django expects: apps.py is loaded before the models are.
        from allauth.account.signals import email_confirmed

        from accounts.signals import byline_changed, standing_changed
        from forum import export
        from forum.access import readable_notices_q
        from forum.profiles import author_byline_changed
        from forum.queries import forget_posting_notice
        from notifications.inbox import register_readable_filter

        export.register()
        # The notices page shows only notices about posts this session may read.
        register_readable_filter(readable_notices_q)
        # A renamed author shows at once in cached topic lists.
        byline_changed.connect(author_byline_changed, dispatch_uid="forum-byline-changed")
        # The "before you can post" notice is cached briefly: a change of standing (a
        # suspension imposed or lifted, a license verified or lost) or a confirmed email
        # shows on the member's next page.
        standing_changed.connect(forget_posting_notice, dispatch_uid="forum-posting-notice")
        email_confirmed.connect(_email_confirmed, dispatch_uid="forum-posting-notice-email")


def _email_confirmed(*, email_address: object, **_: object) -> None:
    from forum.queries import forget_posting_notice

    forget_posting_notice(user_id=email_address.user_id)  # type: ignore[attr-defined]
