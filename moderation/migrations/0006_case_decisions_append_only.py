"""PostgreSQL only: a case's reasons only grow, and a resolved case keeps its decision.

Raw SQL (the app's own role included) cannot shorten or rewrite `reasons`, nor change a
resolved case's resolution, resolved_at or resolved_by (only to NULL, as deleting that
account would; the moderation log's PROTECT refuses that first). A resolved case leaves
the resolved state only once the moderation log holds a reopen or an appeal logged since
the resolution: moderation.cases logs it before it saves the case, in one transaction.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION moderation_case_keep_decision() RETURNS trigger AS $$
BEGIN
    IF jsonb_typeof(OLD.reasons) = 'array' AND (
        jsonb_typeof(NEW.reasons) IS DISTINCT FROM 'array'
        OR jsonb_array_length(NEW.reasons) < jsonb_array_length(OLD.reasons)
        OR EXISTS (
            SELECT 1 FROM jsonb_array_elements(OLD.reasons) WITH ORDINALITY AS kept(reason, n)
            WHERE NEW.reasons -> (kept.n::int - 1) IS DISTINCT FROM kept.reason
        )
    ) THEN
        RAISE EXCEPTION 'the reasons of case % are append-only', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.state = 'resolved' THEN
        IF NEW.state = 'resolved' THEN
            IF NEW.resolution IS DISTINCT FROM OLD.resolution
               OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at
               OR (NEW.resolved_by_id IS DISTINCT FROM OLD.resolved_by_id
                   AND NEW.resolved_by_id IS NOT NULL) THEN
                RAISE EXCEPTION 'the decision of resolved case % cannot be rewritten', OLD.id
                    USING ERRCODE = 'restrict_violation';
            END IF;
        ELSIF NOT EXISTS (
            SELECT 1 FROM moderation_moderationaction logged
            WHERE logged.case_id = OLD.id AND logged.action IN ('reopen', 'appeal')
              AND (OLD.resolved_at IS NULL OR logged.created_at >= OLD.resolved_at)
        ) THEN
            RAISE EXCEPTION 'resolved case % reopens only with a logged reopen or appeal', OLD.id
                USING ERRCODE = 'restrict_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS moderation_case_keep_decision ON moderation_case;
CREATE TRIGGER moderation_case_keep_decision BEFORE UPDATE ON moderation_case
    FOR EACH ROW EXECUTE FUNCTION moderation_case_keep_decision();
"""
DROP = """
DROP TRIGGER IF EXISTS moderation_case_keep_decision ON moderation_case;
DROP FUNCTION IF EXISTS moderation_case_keep_decision();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0005_flags_count_only_current_license_holders")]
    operations = [migrations.RunPython(forwards, backwards)]
