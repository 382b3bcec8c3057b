"""On PostgreSQL the database itself keeps the access log append-only: no UPDATE (except the user column set to
NULL when a staff account is deleted) and no DELETE of entries younger than the log's term."""

from django.db import migrations

ACCESS_LOG_YEARS = 5  # as portal.core.models.ACCESS_LOG_YEARS when this was written; a change is a new migration

FUNCTION = f"""
CREATE OR REPLACE FUNCTION core_access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.user_id IS NULL AND ROW(NEW.action, NEW.object_type, NEW.object_id, NEW.context, NEW.subject_digest,
                NEW.team, NEW.at) IS NOT DISTINCT FROM ROW(OLD.action, OLD.object_type, OLD.object_id, OLD.context,
                OLD.subject_digest, OLD.team, OLD.at) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the access log is append-only';
    END IF;
    IF OLD.at > now() - interval '{ACCESS_LOG_YEARS} years' THEN
        RAISE EXCEPTION 'the access log is kept for {ACCESS_LOG_YEARS} years';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_access_log_append_only BEFORE UPDATE OR DELETE ON core_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION core_access_log_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS core_access_log_append_only ON core_accesslogentry;
DROP FUNCTION IF EXISTS core_access_log_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_access_log_subject")]

    operations = [migrations.RunPython(_on_postgresql(FUNCTION), _on_postgresql(DROP))]
