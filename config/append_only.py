"""Append-only models: the one base for revisions, license history and the moderation log.

A stored row never changes and is never deleted. AppendOnlyModel refuses it in the ORM
(save of a stored row, delete, and the queryset's bulk update and delete); on PostgreSQL
a trigger refuses it against raw SQL too: migrations build it with `append_only_operation`.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


class AppendOnlyError(Exception):
    """Something tried to change or delete a stored row of an append-only model."""


def _refusal(model: type[models.Model], what: str) -> AppendOnlyError:
    return AppendOnlyError(f"{str(model._meta.verbose_name_plural).capitalize()} cannot be {what}.")


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise _refusal(self.model, "changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise _refusal(self.model, "deleted")


class AppendOnlyModel(models.Model):
    """Rows are written once: inserted, then never changed or deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Integrity invariant, not business logic: a stored row never changes.
        if not self._state.adding:
            raise _refusal(type(self), "changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise _refusal(type(self), "deleted")


# One shared function; CREATE OR REPLACE keeps each migration independent of the others.
_REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def append_only_operation(
    *, table: str, trigger: str, function: str = "forum_refuse_change"
) -> migrations.RunPython:
    create = _REFUSE_FUNCTION.format(function=function) + (
        f"DROP TRIGGER IF EXISTS {trigger} ON {table};\n"
        f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table}\n"
        f"    FOR EACH ROW EXECUTE FUNCTION {function}();\n"
    )
    drop = f"DROP TRIGGER IF EXISTS {trigger} ON {table};"

    def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop)

    return migrations.RunPython(forwards, backwards)
